#!/bin/sh
# grandinetech/grandine stand-in, the beacon node's built-in validator: keys read in place at each
# start from --keystore-dir (not recursive: files *.json or without extension) with one
# --keystore-password-file or --keystore-password-dir/<stem>.txt, which conflict
# (grandine/src/grandine_args.rs ValidatorOptions, grandine/src/validators.rs).
STANDIN=grandine
. /standin/lib.sh
only_flags "--network --configuration-directory --data-dir --boot-nodes --eth1-rpc-urls --jwt-secret --http-address --http-port --libp2p-port --discovery-port --disable-upnp --metrics --metrics-address --metrics-port --checkpoint-sync-url --keystore-dir --keystore-password-file --keystore-password-dir --suggested-fee-recipient --graffiti" "$@"
[ -f "$(flag --configuration-directory "$@")/config.yaml" ] || fail "no config.yaml in --configuration-directory"
writable "$(flag --data-dir "$@")"
# The default fee recipient is grandine's donation address.
fee_recipient "$(flag --suggested-fee-recipient "$@")"
keys=$(flag --keystore-dir "$@") || fail "no --keystore-dir"
file=$(flag --keystore-password-file "$@")
dir=$(flag --keystore-password-dir "$@")
[ -n "$file" ] && [ -n "$dir" ] && fail "--keystore-password-file cannot be used with --keystore-password-dir"
[ -n "$file$dir" ] || fail "no keystore password"
names=""
n=0
for f in "$keys"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  case "$name" in *.json) stem=${name%.json} ;; *.*) continue ;; *) stem=$name ;; esac
  case "$name" in deposit_data*) is_keystore "$f" || continue ;; esac
  keystore "$f" > /dev/null || exit 2
  if [ -n "$file" ]; then secret "$file"; else secret "$dir/$stem.txt"; fi
  names="$names $name"
  n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no keystores in $keys"
log "loaded $n validators:$names"
running
