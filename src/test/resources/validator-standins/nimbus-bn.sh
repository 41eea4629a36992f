#!/bin/sh
# status-im/nimbus-eth2 `nimbus_beacon_node deposits import --data-dir DIR KEYS` stand-in
# (beacon_chain/conf.nim DepositsCmd.import, validators/keystore_management.nim): the password
# comes from stdin, one line for every keystore; the layout is validators/0x<pk>/keystore.json and
# secrets/0x<pk>, files 0600, folders 0700, the data dir 0700 and its user's.
STANDIN=nimbus_beacon_node
. /standin/lib.sh
[ "$1 $2" = "deposits import" ] || fail "this stand-in only imports deposits"
shift 2
only_flags "--data-dir --method" "$@"
datadir=$(flag --data-dir "$@") || fail "no --data-dir"
keys=
for a; do case "$a" in --*) ;; *) keys=$a ;; esac; done
[ -d "$keys" ] || fail "no keys folder given"
writable "$datadir"
[ "$(stat -c %u "$datadir")" = "$(id -u)" ] || fail "data dir $datadir is not owned by uid $(id -u)"
# checkAndCreateDataDir: nimbus makes the data dir 0700, or stops.
chmod 700 "$datadir" || fail "cannot make $datadir 0700"
IFS= read -r password || true
[ -n "$password" ] || fail "no password on stdin: every keystore would be skipped"
umask 077
mkdir -p "$datadir/validators" "$datadir/secrets"
n=0; s=0
for f in $(find "$keys" -type f -name '*.json' | sort); do
  case "$(basename "$f")" in deposit_data*) continue ;; esac
  pk=$(keystore "$f") || exit 2
  if [ -d "$datadir/validators/0x$pk" ]; then
    log "Failed to import keystore: Keystore directory already exists 0x$pk"
    s=$((s + 1)); continue
  fi
  mkdir "$datadir/validators/0x$pk"
  # nimbus re-encrypts with a fresh password; the stand-in keeps the original, same layout.
  cp "$f" "$datadir/validators/0x$pk/keystore.json"
  printf '%s' "$password" > "$datadir/secrets/0x$pk"
  n=$((n + 1))
done
[ $((n + s)) -gt 0 ] || fail "no keystore found in $keys"
log "imported $n, skipped $s"
