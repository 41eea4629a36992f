#!/bin/sh
# One script for every stand-in client, called by its image's entrypoint name ($STANDIN_ENTRY) or by the
# planned command's first word (lighthouse's image has no entrypoint: `lighthouse bn ...`). Short-lived
# steps (geth init, lighthouse account validator import) succeed; long-running services answer HTTP on
# each port their flags name, through http.sh (JSON-RPC, beacon API, /metrics), the Engine API port
# through engine.sh (JWT checked, as geth does), until SIGTERM.
name="$(basename "$0")"
if [ "$name" = client.sh ]; then
  name="$STANDIN_ENTRY"
fi
if [ "$name" = standin-none ]; then
  # No entrypoint: the command names the program.
  [ $# -gt 0 ] || { echo "stand-in: no command"; exit 2; }
  name="$(basename "$1")"
  shift
fi
sub="" # the first word that is not a flag: lighthouse takes global flags before its subcommand
for arg in "$@"; do case "$arg" in -*) ;; *) sub="$arg"; break ;; esac; done
case "$name $sub" in
  "geth init")
    datadir=/data
    for arg in "$@"; do case "$arg" in --datadir=*) datadir="${arg#*=}" ;; esac; done
    echo "initialised" > "$datadir/initialised"
    echo "geth stand-in: init done"
    exit 0 ;;
  "lighthouse account" | "lighthouse validator_manager" | "lighthouse am")
    echo "lighthouse stand-in: $*"
    exit 0 ;;
esac
role="$name"
case "$name $sub" in
  "lighthouse bn" | "lighthouse beacon_node") role=beacon ;;
  "lighthouse vc" | "lighthouse validator_client") role=validator ;;
  geth*) role=execution ;;
  teku*) role=beacon ;;
esac
[ -f /testnet/nodevars_env.txt ] && cp /testnet/nodevars_env.txt /tmp/nodevars 2>/dev/null
prev=""
started=0
serve() { # $1 port, $2 handler role
  STANDIN_ROLE="$2" nc -ll -p "$1" -e /standin/http.sh &
  started=$((started + 1))
}
for arg in "$@"; do
  case "$arg" in
    --authrpc.jwtsecret=*) tr -d '\n' < "${arg#*=}" | sed 's/^0x//' > /tmp/engine-jwt-at-start ;;
  esac
done
for arg in "$@"; do
  case "$arg" in
    --authrpc.port=*) nc -ll -p "${arg#*=}" -e /standin/engine.sh & started=$((started + 1)) ;;
    --web.listen-address=*) serve "${arg##*:}" "$role" ;;
    --*port=*) case "${arg%%=*}" in *p2p*|--port|--discovery.port|--quic-port) ;; *) serve "${arg#*=}" "$role" ;; esac ;;
  esac
  if [ "$prev" = --port ] && [ "$name" = java ]; then serve "$arg" supervisor; fi
  prev="$arg"
done
if [ "$name" = grafana ]; then serve 3000 grafana; fi
trap 'exit 0' TERM INT
echo "$role stand-in: serving $started port(s)"
while true; do sleep 3600 & wait $!; done
