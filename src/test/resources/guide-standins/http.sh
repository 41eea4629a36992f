#!/bin/sh
# One HTTP request on stdin/stdout (nc -ll -e), answered as the service $STANDIN_ROLE would, with values
# from the mounted release (nodevars_env.txt: CHAIN_ID, GENESIS_TIME, GENESIS_VALROOT): the JSON-RPC
# methods and beacon API paths `status`, `up` and `validator status` ask for. Shapes: the execution
# JSON-RPC spec and the beacon-APIs spec; validators not on chain are absent from the answer (404).
[ -f /tmp/nodevars ] && . /tmp/nodevars
CHAIN_ID="${CHAIN_ID:-0}"
length=0
read -r method path _
while IFS= read -r line; do
  line="$(printf '%s' "$line" | tr -d '\r')"
  [ -z "$line" ] && break
  case "$line" in [Cc]ontent-[Ll]ength:*) length="${line#*: }" ;; esac
done
body_in=""
[ "$length" -gt 0 ] 2>/dev/null && body_in="$(head -c "$length")"
reply() { # $1 status line, $2 body
  printf 'HTTP/1.1 %s\r\nDate: %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$1" "$(date -u '+%a, %d %b %Y %H:%M:%S GMT')" "${#2}" "$2"
}
rpc() { reply "200 OK" "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":$1}"; }
if [ "$method" = POST ] && [ "$STANDIN_ROLE" = execution ]; then
  case "$body_in" in
    *eth_chainId*) rpc "\"0x$(printf '%x' "$CHAIN_ID")\"" ;;
    *eth_syncing*) rpc false ;;
    *net_peerCount*) rpc '"0x5"' ;;
    *eth_blockNumber*) rpc '"0x20"' ;;
    *eth_getBlockByNumber*) rpc "{\"number\":\"0x20\",\"timestamp\":\"0x$(printf '%x' "$(date +%s)")\"}" ;;
    *) rpc null ;;
  esac
  exit 0
fi
case "$path" in
  /eth/v1/node/health*) reply "200 OK" "" ;;
  /eth/v1/beacon/genesis*)
    reply "200 OK" "{\"data\":{\"genesis_time\":\"$GENESIS_TIME\",\"genesis_validators_root\":\"$GENESIS_VALROOT\",\"genesis_fork_version\":\"0x1000101b\"}}" ;;
  /eth/v1/node/syncing*)
    reply "200 OK" '{"data":{"head_slot":"64","sync_distance":"0","is_syncing":false,"is_optimistic":false,"el_offline":false}}' ;;
  /eth/v1/node/peer_count*)
    reply "200 OK" '{"data":{"disconnected":"0","connecting":"0","connected":"5","disconnecting":"0"}}' ;;
  /eth/v1/node/version*) reply "200 OK" '{"data":{"version":"stand-in"}}' ;;
  /eth/v1/beacon/states/*/validators*) reply "200 OK" '{"execution_optimistic":false,"finalized":false,"data":[]}' ;;
  /metrics*) printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n# stand-in\nup 1\n' ;;
  /api/health*) reply "200 OK" '{"database":"ok","version":"stand-in"}' ;;
  *) reply "200 OK" '{}' ;;
esac
