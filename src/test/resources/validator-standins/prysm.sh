#!/bin/sh
# OffchainLabs/prysm validator stand-in: `accounts import` (cmd/validator/accounts/import.go,
# validator/accounts/accounts_import.go, validator/keymanager/local/import.go) and the validator
# start (validator/node/node.go), as far as keys go.
STANDIN=prysm
. /standin/lib.sh

# io/prompt/validate.go: a wallet password of at least 8 characters; trailing \r\n trimmed.
wallet_password() {
  secret "$1"
  [ "$(tr -d '\r\n' < "$1" | wc -c)" -ge 8 ] || fail "wallet password must be at least 8 characters"
}

import_keys() {
  only_flags "--accept-terms-of-use --wallet-dir --wallet-password-file --keys-dir --account-password-file --chain-config-file" "$@"
  has --accept-terms-of-use "$@" || fail "terms of use not accepted: prysm would prompt"
  wallet=$(flag --wallet-dir "$@") || fail "no --wallet-dir"
  wallet_password "$(flag --wallet-password-file "$@")"
  keys=$(flag --keys-dir "$@") || fail "no --keys-dir"
  [ -n "$(ls -A "$keys" 2> /dev/null)" ] || fail "directory $keys has no files, cannot import from it"
  secret "$(flag --account-password-file "$@")"
  writable "$(dirname "$wallet")"
  umask 077
  mkdir -p "$wallet/direct/accounts"
  store=$wallet/direct/accounts/all-accounts.keystore.json
  # io/file/fileutil.go: an existing file that is not 0600 makes the write fail.
  if [ -f "$store" ]; then mode600 "$store"; else : > "$store"; fi
  n=0; s=0
  for f in $(find "$keys" -maxdepth 2 -type f -name '*.json' | sort); do
    # Not a keystore (deposit_data-*.json is an array): "could not decode keystore json", skipped.
    is_keystore "$f" || continue
    pk=$(keystore "$f") || exit 2
    if grep -qx "0x$pk" "$store"; then
      log "Duplicate key in import will be ignored: 0x$pk"
      s=$((s + 1)); continue
    fi
    echo "0x$pk" >> "$store"
    n=$((n + 1))
  done
  [ $((n + s)) -gt 0 ] || fail "no accounts were successfully imported"
  log "imported $n, skipped $s"
}

run_vc() {
  only_flags "--datadir --wallet-dir --accept-terms-of-use --chain-config-file --wallet-password-file --beacon-rpc-provider --monitoring-host --monitoring-port --suggested-fee-recipient --graffiti" "$@"
  has --accept-terms-of-use "$@" || fail "terms of use not accepted: prysm would prompt"
  writable "$(flag --datadir "$@")"
  [ -f "$(flag --chain-config-file "$@")" ] || fail "no --chain-config-file"
  fee_recipient "$(flag --suggested-fee-recipient "$@")"
  store=$(flag --wallet-dir "$@")/direct/accounts/all-accounts.keystore.json
  [ -s "$store" ] || fail "no wallet at $store: no keys imported"
  # OpenWalletOrElseCli prompts for the wallet's password without the file.
  wallet_password "$(flag --wallet-password-file "$@")"
  log "loaded $(grep -c '^0x' "$store") validators"
  running
}

case "$1 $2" in
  "accounts import") shift 2; import_keys "$@" ;;
  *) run_vc "$@" ;;
esac
