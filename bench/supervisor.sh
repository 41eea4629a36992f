#!/usr/bin/env bash
# Supervisor footprint: idle RSS of `ephemery run` (local Docker, release source unreachable, empty cache)
# against a JVM that only sleeps, measured in the same run; and how long SIGTERM takes to stop it.
# Usage: bench/supervisor.sh [SETTLE_SECONDS]   (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
settle="${1:-20}"
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

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

EPHEMERY_GITHUB_API=http://127.0.0.1:9 XDG_CACHE_HOME="$work/cache" \
  "$root/ephemery" run -f "$work/ephemery.yaml" --port 0 >"$work/run.out" 2>"$work/run.err" &
sup=$!
java -cp "$work" Hello >/dev/null &
hello=$!
sleep "$settle"
# The launcher execs java, so the pid is the JVM's.
s=$(rss_kb "$sup"); h=$(rss_kb "$hello")
start=$(date +%s%N)
kill -TERM "$sup"
wait "$sup" || true
stop_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "supervisor idle RSS: $((s / 1024)) MiB; JVM hello-world RSS: $((h / 1024)) MiB; ratio $(awk -v a="$s" -v b="$h" 'BEGIN {printf "%.2f", a / b}') (goal <= 1.5)"
echo "SIGTERM to exit: ${stop_ms} ms"
grep -m1 "supervising" "$work/run.err" || { echo "supervisor did not start:"; cat "$work/run.err"; exit 1; }
