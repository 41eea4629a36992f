#!/usr/bin/env bash
# Times `ephemery genesis fetch --url` against `curl | tar xz` on the same realistic release tarball
# (the iteration-153 fixture files plus a 10 MiB genesis.ssz placeholder), served from a loopback
# HTTP server. Runs the CLI through ./ephemery, as a user does (it builds the jar when stale and uses its
# start-up options). Usage: bench/release-fetch.sh [RUNS]   (default 5)
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="${EPHEMERY_FIXTURES:-$root/../shared/fixtures}/ephemery-153"
[ -d "$fixtures" ] || fixtures=/work/shared/fixtures/ephemery-153

"$root/ephemery" --version >/dev/null # builds the jar (and its start-up archive) if needed

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The release: fixture files + genesis.ssz whose first 40 bytes are the real genesis_time and
# genesis_validators_root, padded with random bytes to 10 MiB (so gzip cannot shrink it: a
# worst case for the transfer), packed flat like testnet-all.tar.gz.
mkdir -p "$work/release" "$work/www"
cp -r "$fixtures"/. "$work/release/"
chmod -R u+w "$work/release"
python3 - "$work/release/genesis.ssz" <<'PY'
import os, struct, sys
root = bytes.fromhex("3befd678a85f6b7e056b3520fac8660955a87bb2006d88a49cba99b25752c668")
head = struct.pack("<Q", 1763665800) + root
with open(sys.argv[1], "wb") as f:
    f.write(head + os.urandom(10 * 1024 * 1024 - len(head)))
PY
tar -C "$work/release" -czf "$work/www/testnet-all.tar.gz" .
size=$(stat -c %s "$work/www/testnet-all.tar.gz")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port/testnet-all.tar.gz"
for _ in $(seq 1 50); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

echo "tarball: $size bytes; runs: $runs; url: $url"
printf '%-4s %14s %14s %18s\n' run "ephemery ms" "curl|tar ms" "--version ms"
ours=(); theirs=(); starts=()
for i in $(seq 1 "$runs"); do
  start=$(now_ms)
  "$root/ephemery" genesis fetch --url "$url" --dest "$work/dest-$i" >/dev/null
  t1=$(( $(now_ms) - start ))
  [ -f "$work/dest-$i/ephemery-153/genesis.ssz" ] || { echo "fetch did not install" >&2; exit 1; }

  mkdir -p "$work/curl-$i"
  start=$(now_ms)
  curl -s "$url" | tar xz -C "$work/curl-$i"
  t2=$(( $(now_ms) - start ))
  # The JVM start alone, for scale: the difference is the fetch's own work.
  start=$(now_ms)
  "$root/ephemery" --version >/dev/null
  t3=$(( $(now_ms) - start ))
  ours+=("$t1"); theirs+=("$t2"); starts+=("$t3")
  printf '%-4s %14s %14s %18s\n' "$i" "$t1" "$t2" "$t3"
done
m1=$(printf '%s\n' "${ours[@]}" | median)
m2=$(printf '%s\n' "${theirs[@]}" | median)
m3=$(printf '%s\n' "${starts[@]}" | median)
echo "median: ephemery ${m1} ms, curl|tar ${m2} ms, ratio $(awk -v a="$m1" -v b="$m2" 'BEGIN {printf "%.1f", a/(b>0?b:1)}')x"
echo "median ephemery --version (JVM start only): ${m3} ms; fetch work beyond start-up: $(( m1 - m3 )) ms"
echo "(ephemery also verifies every file, hashes the download and installs atomically; the JVM start is included)"
