#!/bin/sh
# Stand-in for lighthouse (`lighthouse bn ...` on the PATH): checks that the JWT secret named by
# --execution-jwt is there, then idles until SIGTERM like a beacon node.
for arg in "$@"; do
  case "$arg" in --execution-jwt=*) jwt="${arg#*=}" ;; esac
done
test -s "${jwt:-/nonexistent}" || { echo "no JWT secret at '$jwt'"; exit 4; }
trap 'exit 0' TERM
echo "beacon node stand-in"
sleep 3600 &
wait
