#!/bin/sh
# sigp/lighthouse stand-in: `account validator import` (account_manager/src/validator/import.rs)
# and `vc` (validator_client/src/lib.rs), as far as keys go.
STANDIN=lighthouse
. /standin/lib.sh
datadir=$(flag --datadir "$@") || fail "no --datadir"

import_keys() {
  only_flags "--testnet-dir --datadir --directory --reuse-password --password-file --stdin-inputs" "$@"
  [ -d "$(flag --testnet-dir "$@")" ] || fail "--testnet-dir is not a folder"
  dir=$(flag --directory "$@") || fail "the following required arguments were not provided: --directory"
  # clap: PASSWORD_FLAG requires REUSE_PASSWORD_FLAG; without a file it prompts on a terminal.
  pw=$(flag --password-file "$@") || fail "no --password-file: lighthouse would prompt"
  has --reuse-password "$@" || fail "--password-file requires --reuse-password"
  secret "$pw"
  writable "$datadir"
  umask 077
  vdir=$datadir/validators
  mkdir -p "$vdir"
  defs=$vdir/validator_definitions.yml
  password=$(tr -d '\r\n' < "$pw")
  n=0; s=0
  # is_voting_keystore: voting-keystore.json or keystore-m_12381_3600_<i>_0_0-<ts>.json, recursive.
  for f in $(find "$dir" -type f | grep -E '/(voting-keystore\.json|keystore-m_12381_3600_[0-9]+_0_0-[0-9]+\.json)$' | sort); do
    pk=$(keystore "$f") || exit 2
    if [ -d "$vdir/0x$pk" ]; then
      log "Skipping import of keystore for existing public key: 0x$pk"
      s=$((s + 1)); continue
    fi
    mkdir "$vdir/0x$pk"
    cp "$f" "$vdir/0x$pk/"
    # The definitions hold the password in plain text, written through a 0600 temp file.
    { [ -f "$defs" ] && cat "$defs"
      printf -- '- enabled: true\n  voting_public_key: "0x%s"\n  type: local_keystore\n' "$pk"
      printf '  voting_keystore_path: %s\n  voting_keystore_password: "%s"\n' \
        "$vdir/0x$pk/$(basename "$f")" "$password"; } > "$defs.tmp"
    mv "$defs.tmp" "$defs"
    n=$((n + 1))
  done
  [ $((n + s)) -gt 0 ] || fail "no keystore found in $dir"
  # import.rs registers each key in the slashing database, creating it when missing.
  touch "$vdir/slashing_protection.sqlite"
  log "Successfully imported $n validators ($s skipped)"
  log "imported $n, skipped $s"
}

run_vc() {
  only_flags "--datadir --testnet-dir --beacon-nodes --metrics --metrics-address --metrics-port --suggested-fee-recipient --graffiti" "$@"
  writable "$datadir"
  flag --beacon-nodes "$@" > /dev/null || fail "no --beacon-nodes"
  fee_recipient "$(flag --suggested-fee-recipient "$@")"
  defs=$datadir/validators/validator_definitions.yml
  [ -f "$defs" ] || fail "no $defs: no keys imported"
  k=0
  for d in "$datadir"/validators/0x*; do
    [ -d "$d" ] || continue
    ls "$d"/keystore*.json > /dev/null 2>&1 || fail "no keystore in $d"
    grep -q "$(basename "$d")" "$defs" || fail "$(basename "$d") is not in $defs"
    k=$((k + 1))
  done
  [ "$k" -gt 0 ] || fail "no validators under $datadir/validators"
  # lib.rs: voting keys and no slashing database, without --init-slashing-protection: refuse.
  [ -f "$datadir/validators/slashing_protection.sqlite" ] || fail "Failed to open slashing protection database"
  log "loaded $k validators"
  running
}

case " $* " in
  *" account validator import "*) import_keys "$@" ;;
  " vc "*) shift; run_vc "$@" ;;
  *) fail "unexpected command: $1" ;;
esac
