#!/bin/sh
# status-im/nimbus-eth2 nimbus_validator_client stand-in: it loads validators/0x<pk>/keystore.json
# with secrets/0x<pk> from its data dir (conf.nim validatorsDir/secretsDir); the data dir must be
# 0700 and key files 0600, corrected when possible (checkSensitiveFilePermissions).
STANDIN=nimbus_validator_client
. /standin/lib.sh
only_flags "--data-dir --beacon-node --doppelganger-detection --metrics --metrics-address --metrics-port --suggested-fee-recipient --graffiti" "$@"
datadir=$(flag --data-dir "$@") || fail "no --data-dir"
writable "$datadir"
chmod 700 "$datadir" || fail "cannot make $datadir 0700"
flag --beacon-node "$@" > /dev/null || fail "no --beacon-node"
fee_recipient "$(flag --suggested-fee-recipient "$@")"
n=0
for d in "$datadir"/validators/0x*; do
  [ -d "$d" ] || continue
  pk=$(basename "$d")
  keystore "$d/keystore.json" > /dev/null || exit 2
  [ -r "$datadir/secrets/$pk" ] || fail "no readable secret for $pk"
  mode600 "$d/keystore.json"
  mode600 "$datadir/secrets/$pk"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no validators in $datadir/validators"
log "loaded $n validators"
running
