#!/bin/sh
# Consensys/teku 26.8.0 `validator-client` stand-in: keys read in place from
# --validator-keys KEYS:PASSWORDS (validator/api/.../KeyStoreFilesLocator.java), keystore locks
# beside the keystores unless --validators-keystore-locking-enabled=false (KeystoreLocker.java).
STANDIN=teku
. /standin/lib.sh
[ "$1" = validator-client ] || fail "expected the validator-client subcommand"
shift
only_flags "--data-path --network --beacon-node-api-endpoint --metrics-enabled --metrics-interface --metrics-port --metrics-host-allowlist --validator-keys --validators-keystore-locking-enabled --validators-proposer-default-fee-recipient --validators-graffiti" "$@"
writable "$(flag --data-path "$@")"
[ -f "$(flag --network "$@")" ] || fail "--network is not a config file"
fee_recipient "$(flag --validators-proposer-default-fee-recipient "$@")"
pair=$(flag --validator-keys "$@") || fail "no --validator-keys"
keys=${pair%%:*}
passwords=${pair#*:}
# The plan mounts the keys read-only; only then does locking matter, and it must be off.
awk -v k="$keys" '$2 == k { print $4 }' /proc/mounts | grep -q '^ro' || fail "$keys is not mounted read-only"
locking=$(flag --validators-keystore-locking-enabled "$@") || locking=true
[ "$locking" = false ] || [ -w "$keys" ] || fail "Access Denied trying to access lock file beside the keystores in $keys"
names=""
n=0
for rel in $(cd "$keys" && find . -name '*.json' ! -name '.*' | sed 's|^\./||' | sort); do
  if grep -q 'deposit_data_root\|deposit_message_root' "$keys/$rel"; then continue; fi
  keystore "$keys/$rel" > /dev/null || exit 2
  # The password of keys/a/b.json is passwords/a/b.txt.
  secret "$passwords/${rel%.json}.txt"
  names="$names $rel"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no keystores in $keys"
log "loaded $n validators:$names"
running
