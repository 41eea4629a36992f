#!/bin/sh
# Stand-in for geth (installed as the image's entrypoint `geth`): `geth init` checks the genesis file
# and writes a marker; otherwise it reads the JWT secret named by --authrpc.jwtsecret once, at start
# (as geth does), and answers the Engine API on --authrpc.port (engine.sh) until SIGTERM.
if [ "$1" = init ]; then
  datadir=/data
  for arg in "$@"; do case "$arg" in --datadir=*) datadir="${arg#*=}" ;; esac; done
  for arg in "$@"; do genesis="$arg"; done
  test -s "$genesis" || { echo "no genesis file at $genesis"; exit 3; }
  echo "initialised from $genesis" > "$datadir/initialised"
  exit 0
fi
jwt=""
port=8551
for arg in "$@"; do
  case "$arg" in
    --authrpc.jwtsecret=*) jwt="${arg#*=}" ;;
    --authrpc.port=*) port="${arg#*=}" ;;
  esac
done
test -s "$jwt" || { echo "no JWT secret at '$jwt'"; exit 4; }
tr -d '\n' < "$jwt" | sed 's/^0x//' > /tmp/engine-jwt-at-start
trap 'exit 0' TERM
echo "engine API stand-in on :$port"
nc -ll -p "$port" -e /standin/engine.sh &
wait
