#!/bin/sh
# ChainSafe/lodestar stand-in: `validator import --importKeystores --importKeystoresPassword`
# (packages/cli/src/cmds/validator/import.ts) writes keystores/0x<pk>/voting-keystore.json and
# secrets/0x<pk>, 0600 (writeFile600Perm), skipping a key it holds; `validator` loads them.
STANDIN=lodestar
. /standin/lib.sh

import_keys() {
  only_flags "--dataDir --paramsFile --network --importKeystores --importKeystoresPassword" "$@"
  datadir=$(flag --dataDir "$@") || fail "no --dataDir"
  writable "$datadir"
  [ -f "$(flag --paramsFile "$@")" ] || fail "--paramsFile is not a file"
  keys=$(flag --importKeystores "$@") || fail "no --importKeystores"
  pw=$(flag --importKeystoresPassword "$@") || fail "no --importKeystoresPassword"
  secret "$pw"
  # util/passphrase.ts: one line, at most 512 characters once the newline is stripped.
  [ "$(grep -c '' "$pw")" -le 1 ] || fail "password file has more than one line"
  [ "$(tr -d '\r\n' < "$pw" | wc -c)" -le 512 ] || fail "password longer than 512 characters"
  umask 077
  mkdir -p "$datadir/keystores" "$datadir/secrets"
  n=0; s=0; total=0
  for f in $(find "$keys" -type f -name '*.json' | sort); do
    case "$(basename "$f")" in deposit_data-[0-9]*.json) continue ;; esac
    # isVotingKeystore takes every other .json: one that is no keystore fails the import.
    pk=$(keystore "$f") || exit 2
    total=$((total + 1))
    if [ -f "$datadir/keystores/0x$pk/voting-keystore.json" ]; then
      log "Duplicate keystore 0x$pk"
      s=$((s + 1)); continue
    fi
    mkdir -p "$datadir/keystores/0x$pk"
    cp "$f" "$datadir/keystores/0x$pk/voting-keystore.json"
    tr -d '\r\n' < "$pw" > "$datadir/secrets/0x$pk"
    n=$((n + 1))
  done
  [ "$total" -gt 0 ] || fail "No keystores found in $keys"
  log "Successfully imported $n/$total"
  log "imported $n, skipped $s"
}

run_vc() {
  only_flags "--dataDir --paramsFile --beaconNodes --metrics --metrics.address --metrics.port --suggestedFeeRecipient --graffiti" "$@"
  datadir=$(flag --dataDir "$@") || fail "no --dataDir"
  writable "$datadir"
  flag --beaconNodes "$@" > /dev/null || fail "no --beaconNodes"
  fee_recipient "$(flag --suggestedFeeRecipient "$@")"
  n=0
  for d in "$datadir"/keystores/0x*; do
    [ -d "$d" ] || continue
    keystore "$d/voting-keystore.json" > /dev/null || exit 2
    [ -r "$datadir/secrets/$(basename "$d")" ] || fail "no secret for $(basename "$d")"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || fail "no keystores under $datadir/keystores"
  log "loaded $n validators"
  running
}

case "$1 $2" in
  "validator import") shift 2; import_keys "$@" ;;
  "validator "*) shift; run_vc "$@" ;;
  *) fail "unexpected command: $1" ;;
esac
