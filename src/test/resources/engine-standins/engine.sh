#!/bin/sh
# One Engine API request on stdin/stdout (nc -ll -e): answers engine_exchangeCapabilities when the
# Bearer token is an HS256 JWT signed with the secret this EL read when it started (as geth reads its
# --authrpc.jwtsecret once), 401 otherwise. The JWT format is RFC 7519 / the Engine API's
# authentication.md: base64url(header).base64url(claims).base64url(HMAC-SHA256(secret, the first two)).
secret_hex="$(cat /tmp/engine-jwt-at-start 2>/dev/null)"
auth=""
length=0
while IFS= read -r line; do
  line="$(printf '%s' "$line" | tr -d '\r')"
  [ -z "$line" ] && break
  case "$line" in
    [Aa]uthorization:*) auth="${line#*: }" ;;
    [Cc]ontent-[Ll]ength:*) length="${line#*: }" ;;
  esac
done
[ "$length" -gt 0 ] 2>/dev/null && head -c "$length" >/dev/null

# HMAC-SHA256 (RFC 2104) with a 32-byte key: sha256((k^opad) || sha256((k^ipad) || message)).
bytes_of_hex() { printf '%s' "$1" | sed 's/../\\x&/g' | xargs -0 printf '%b'; }
padded_key_xor() { # $1 = key hex, $2 = pad byte: 64 bytes of key^pad as hex
  key="$1"
  while [ ${#key} -lt 128 ]; do key="${key}00"; done
  out=""
  i=0
  while [ $i -lt 128 ]; do
    out="$out$(printf '%02x' $((0x$(printf '%s' "$key" | cut -c$((i + 1))-$((i + 2))) ^ $2)))"
    i=$((i + 2))
  done
  printf '%s' "$out"
}
hmac_b64url() { # $1 = key hex, $2 = message
  inner="$({ bytes_of_hex "$(padded_key_xor "$1" 0x36)"; printf '%s' "$2"; } | sha256sum | cut -c1-64)"
  { bytes_of_hex "$(padded_key_xor "$1" 0x5c)"; bytes_of_hex "$inner"; } | sha256sum | cut -c1-64 \
    | { read -r h; bytes_of_hex "$h"; } | base64 | tr '+/' '-_' | tr -d '=\n'
}

token="${auth#Bearer }"
signed="${token%.*}"
signature="${token##*.}"
if [ -n "$secret_hex" ] && [ "$auth" != "$token" ] && [ "$(hmac_b64url "$secret_hex" "$signed")" = "$signature" ]; then
  body='{"jsonrpc":"2.0","id":1,"result":["engine_newPayloadV3","engine_forkchoiceUpdatedV3","engine_getPayloadV3"]}'
  printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
else
  body='{"error":"signature is invalid"}'
  printf 'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
fi
