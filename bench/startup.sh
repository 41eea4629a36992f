#!/usr/bin/env bash
# Cold-start benchmark: `ephemery --version` and `ephemery check` (embedded default inventory) against a bare
# `java -version`, all in one run, interleaved so that machine noise hits each alike. Reports medians and ratios.
# Usage: bench/startup.sh [RUNS]   (default 21)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-21}"
cd "$(mktemp -d)"   # no ./ephemery.yaml here: `check` uses the embedded default

"$root/ephemery" --version >/dev/null   # build the jar and the class-data archive first, outside the timing

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1000000}'; }
time_ms() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null 2>&1 || true
  end=$(now_ms)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f\n", b - a}'
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

declare -a bare version check
for _ in $(seq "$runs"); do
  bare+=("$(time_ms java -version)")
  version+=("$(time_ms "$root/ephemery" --version)")
  check+=("$(time_ms "$root/ephemery" check)")
done

b=$(printf '%s\n' "${bare[@]}" | median)
v=$(printf '%s\n' "${version[@]}" | median)
c=$(printf '%s\n' "${check[@]}" | median)
ratio() { awk -v x="$1" -v y="$b" 'BEGIN {printf "%.2f", x / y}'; }
printf 'runs: %s (median wall time, ms)\n' "$runs"
printf '%-24s %8s ms\n' "java -version" "$b"
printf '%-24s %8s ms  ratio %sx (goal <= 2.0x)\n' "ephemery --version" "$v" "$(ratio "$v")"
printf '%-24s %8s ms  ratio %sx (goal <= 4.0x)\n' "ephemery check" "$c" "$(ratio "$c")"
