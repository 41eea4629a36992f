#!/usr/bin/env bash
# Supervisor footprint: idle RSS of `ephemery run` (local Docker, an https release source that refuses
# connections, so a poll in the supervisor would load TLS and its trust store as in production; empty cache)
# against a JVM that only sleeps (default options), measured side by side in each round, after the status
# page (/), /status and /metrics have been served; where the
# supervisor's memory goes; and how long SIGTERM takes to stop it. Prints each round and the median ratio.
# Usage: bench/supervisor.sh [SETTLE_SECONDS] [ROUNDS]   (defaults 20 and 3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
settle="${1:-20}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'kill "${sup:-}" "${hello:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/ephemery" --version >/dev/null   # build outside the measurement

cat >"$work/ephemery.yaml" <<YAML
network: ephemery
hosts:
  - name: benchnode
    address: local
    baseDir: $work/node
    execution:
      client: geth
    consensus:
      client: lighthouse
    monitoring:
      enabled: false
YAML
mkdir -p "$work/node" "$work/cache"
cat >"$work/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) throws Exception {
    System.out.println("hello");
    Thread.sleep(Long.MAX_VALUE);
  }
}
JAVA
javac -d "$work" "$work/Hello.java"

status() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
# Resident KiB of the mappings whose name matches a pattern (anonymous ones: the empty name).
smaps_kb() {
  awk -v pat="$2" '
    /^[0-9a-f]+-[0-9a-f]+ / { name = $6; next }
    /^Rss:/ { if ((pat == "" && name == "") || (pat != "" && name ~ pat)) sum += $2 }
    END { print sum + 0 }' "/proc/$1/smaps"
}
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

ratios=()
for round in $(seq 1 "$rounds"); do
  EPHEMERY_GITHUB_API=https://127.0.0.1:9 XDG_CACHE_HOME="$work/cache" \
    "$root/ephemery" run -f "$work/ephemery.yaml" --port 0 >"$work/run.out" 2>"$work/run.err" &
  sup=$!
  java -cp "$work" Hello >/dev/null &
  hello=$!
  # Serve the status page (and /status, /metrics) as a browser and Prometheus would, then let it
  # settle: the idle figure includes the page's code.
  for _ in $(seq 1 100); do grep -q "supervising" "$work/run.err" && break; sleep 0.2; done
  grep -q "supervising" "$work/run.err" || { echo "supervisor did not start:"; cat "$work/run.err"; exit 1; }
  url=$(grep -m1 -o 'status on http://[^ ]*' "$work/run.err" | sed 's/^status on //')
  for path in / /status /metrics / /metrics; do
    curl -fsS -o /dev/null "$url$path" || { echo "GET $url$path failed"; exit 1; }
  done
  sleep "$settle"
  # The launcher execs java, so the pid is the JVM's. Read everything before anything attaches.
  s=$(status "$sup" VmRSS); h=$(status "$hello" VmRSS)
  s_threads=$(status "$sup" Threads); h_threads=$(status "$hello" Threads)
  s_cds=$(smaps_kb "$sup" '\.jsa$'); h_cds=$(smaps_kb "$hello" '\.jsa$')
  s_lib=$(smaps_kb "$sup" '\.so'); s_anon=$(smaps_kb "$sup" '')
  # jstat reads the JVM's perf-data file: no attach, nothing loaded into the supervisor.
  read -r heap_used heap_committed classes < <(
    { jstat -gc "$sup"; jstat -class "$sup"; } | awk '
      NR == 2 { used = $3 + $4 + $6 + $8; committed = $1 + $2 + $5 + $7 }
      NR == 4 { classes = $1 }
      END { printf "%d %d %d\n", used, committed, classes }')
  ratio=$(awk -v a="$s" -v b="$h" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  start=$(date +%s%N)
  kill -TERM "$sup"
  wait "$sup" || true
  stop_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$hello"; wait "$hello" 2>/dev/null || true
  echo "round $round: supervisor idle RSS $(mib "$s") MiB, $s_threads threads; JVM hello-world RSS $(mib "$h") MiB," \
    "$h_threads threads; ratio $ratio (goal <= 1.5)"
  echo "  supervisor: class-data archives $(mib "$s_cds") MiB (hello-world $(mib "$h_cds") MiB)," \
    "shared libraries $(mib "$s_lib") MiB, anonymous $(mib "$s_anon") MiB (of which Java heap committed" \
    "$(mib "$heap_committed"), used $(mib "$heap_used")); $classes classes loaded; SIGTERM to exit ${stop_ms} ms"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
echo "median ratio over $rounds rounds: $median (goal <= 1.5)"
grep -m1 "supervising" "$work/run.err"
