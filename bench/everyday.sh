#!/usr/bin/env bash
# The everyday commands side by side with what an operator would use instead, in one run, interleaved so
# that machine noise hits each alike; medians and ratios:
#   - `ephemery up --no-wait` from nothing and as a no-op, against `docker-compose up -d` of the tool's own
#     export (`ephemery render compose`) of the same node: geth + lighthouse (+ geth's init step), both as
#     busybox stand-ins (src/test/resources/guide-standins: the EL answers the signed Engine API call, so
#     up's EL-CL self-test really runs, and each answers its health endpoint). The tool's side includes what it does and compose does not: the
#     folders, the JWT secret, installing the release files, running the init step to completion and the
#     self-test (from nothing). The compose side gets its folders and secret made before its timing.
#   - `ephemery --version`, `plan`, `check` and `status` (of that node, running) against a bare
#     `java -version` of the same JDK: on the default java (JDK 17) and on every JDK given in JDKS (default:
#     /usr/lib/jvm/temurin-25-jdk-amd64 when present), where ./ephemery uses that JDK's ahead-of-time cache.
# Needs dockerd and docker-compose (.ci/services.sh start) and the busybox stand-in image.
# Usage: bench/everyday.sh [RUNS]   (default 11)
set -euo pipefail
runs="${1:-11}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base_image="${EPHEMERY_IT_STANDIN_IMAGE:-ephemery-test/busybox:1}"
compose_bin="${EPHEMERY_IT_COMPOSE:-$(command -v docker-compose || true)}"
[ -n "$compose_bin" ] || { echo "docker-compose is not installed (.ci/services.sh start installs it)" >&2; exit 1; }
fixtures="${EPHEMERY_FIXTURES:-$root/../shared/fixtures}/ephemery-153"
[ -d "$fixtures" ] || fixtures=/work/shared/fixtures/ephemery-153
jdks="${JDKS-$( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64)}"

suffix="$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
node="bench$suffix"
work="$(mktemp -d /tmp/ephemery-everyday-XXXXXX)"
tag="ephemery-bench-$suffix"
export EPHEMERY_RELEASE_CACHE="$work/cache" EPHEMERY_LINK_RECORDS="$work/links" EPHEMERY_HELPER_IMAGE="$base_image"
cleanup() {
  set +e
  "$compose_bin" -p "$node" -f "$work/compose/docker-compose.yaml" down -t 1 >/dev/null 2>&1
  "$root/ephemery" down -f "$work/ephemery.yaml" >/dev/null 2>&1
  docker rmi -f "$tag/geth:standin" "$tag/lighthouse:standin" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

"$root/ephemery" --version >/dev/null # builds the jar and its start-up archive, outside the timing

# The stand-in images, tagged for this run only: the guides' (src/test/resources/guide-standins), which run
# the planned command unchanged and answer what the tool asks, as the clients do: the EL its JSON-RPC and
# the JWT-checked Engine API, the CL its beacon API (so each settles when it answers, see Settling).
context="$work/standin-context"
mkdir -p "$context"
cp "$root"/src/test/resources/guide-standins/{Dockerfile,client.sh,http.sh} "$context/"
cp "$root/src/test/resources/engine-standins/engine.sh" "$context/"
for client in geth:geth lighthouse:standin-none; do
  docker build -q --build-arg BASE="$base_image" --build-arg ENTRY="${client#*:}" \
    -t "$tag/${client%%:*}:standin" "$context" >/dev/null 2>&1
done

# A verified release in a cache of its own: the iteration-153 fixture plus a genesis.ssz placeholder with
# the real genesis time and validators root, of the size the verifier expects.
mkdir -p "$work/release"
cp -r "$fixtures"/. "$work/release/"
chmod -R u+w "$work/release"
python3 - "$work/release/genesis.ssz" <<'PY'
import os, struct, sys
root = bytes.fromhex("3befd678a85f6b7e056b3520fac8660955a87bb2006d88a49cba99b25752c668")
head = struct.pack("<Q", 1763665800) + root
with open(sys.argv[1], "wb") as f:
    f.write(head + os.urandom(7 * 1024 * 1024 - len(head)))
PY
"$root/ephemery" genesis fetch --from "$work/release" >/dev/null 2>&1
rm -rf "$work/release"

# Host ports of their own, away from other nodes on this daemon (the Engine API is never published).
port=$((20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 20000))
cat >"$work/ephemery.yaml" <<EOF
network: ephemery
hosts:
  - name: $node
    address: local
    baseDir: $work/base
    execution: {client: geth, image: "$tag/geth:standin", p2pPort: $port, rpcPort: $((port + 1))}
    consensus: {client: lighthouse, image: "$tag/lighthouse:standin", p2pPort: $((port + 2)), restPort: $((port + 4))}
    supervisor: {enabled: false}
    # The node's containers only, the same on both sides (monitoring's images are not stood in here).
    monitoring: {enabled: false}
EOF
"$root/ephemery" render compose -f "$work/ephemery.yaml" --out "$work/compose" >/dev/null 2>&1
# A first Docker command builds the Docker commands' start-up archive (once per build), outside the timing.
"$root/ephemery" down -f "$work/ephemery.yaml" >/dev/null 2>&1 || true
# The export's own preparation (its header), run before compose's timing.
prepare_compose() {
  (cd "$work/compose" && grep -E '^#   ' docker-compose.yaml | sed 's/^#   //; s/  # .*//' \
    | sed 's/openssl rand -hex 32/head -c 32 \/dev\/urandom | od -An -tx1 | tr -d " \\n"/' | sh)
}

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1000000}'; }
time_ms() { # the wall time of a command that must succeed
  local start end
  start=$(now_ms)
  "$@" >"$work/last.out" 2>&1 || { echo "failed: $*" >&2; cat "$work/last.out" >&2; exit 1; }
  end=$(now_ms)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f\n", b - a}'
}
time_any() { # the wall time of a command whose exit code is not the point (status of a stopped node)
  local start end
  start=$(now_ms)
  "$@" >/dev/null 2>&1 || true
  end=$(now_ms)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f\n", b - a}'
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", x / y}'; }

inv="$work/ephemery.yaml"
ephemery_down() {
  "$root/ephemery" down -f "$inv" >/dev/null 2>&1
  rm -rf "$work/base" "$work/links"
}
compose_down() {
  "$compose_bin" -p "$node" -f "$work/compose/docker-compose.yaml" down -t 1 >/dev/null 2>&1
  rm -rf "$work/compose/data" "$work/compose/secrets"
}

declare -a up_new up_noop co_new co_noop
for i in $(seq "$runs"); do
  up_new+=("$(time_ms "$root/ephemery" up -f "$inv" --no-wait)")
  grep -q "self-test ran" "$work/last.out" || { echo "up from nothing did not run the self-test" >&2; exit 1; }
  up_noop+=("$(time_ms "$root/ephemery" up -f "$inv" --no-wait)")
  grep -q ": 0 changed" "$work/last.out" || { echo "the second up changed something" >&2; cat "$work/last.out" >&2; exit 1; }
  ephemery_down
  prepare_compose
  co_new+=("$(time_ms "$compose_bin" -p "$node" -f "$work/compose/docker-compose.yaml" up -d)")
  co_noop+=("$(time_ms "$compose_bin" -p "$node" -f "$work/compose/docker-compose.yaml" up -d)")
  compose_down
  echo "round $i/$runs: up ${up_new[-1]} / ${up_noop[-1]} ms, compose ${co_new[-1]} / ${co_noop[-1]} ms" >&2
done
m_up_new=$(printf '%s\n' "${up_new[@]}" | median)
m_up_noop=$(printf '%s\n' "${up_noop[@]}" | median)
m_co_new=$(printf '%s\n' "${co_new[@]}" | median)
m_co_noop=$(printf '%s\n' "${co_noop[@]}" | median)

# A running node for status.
"$root/ephemery" up -f "$inv" --no-wait >/dev/null 2>&1

# Start-up: per JDK, interleaved.
startup() { # $1 = label, PATH selects the JDK
  local label="$1"
  declare -a bare version plan check status
  for _ in $(seq "$runs"); do
    bare+=("$(time_ms java -version)")
    version+=("$(time_ms "$root/ephemery" --version)")
    plan+=("$(time_ms "$root/ephemery" plan -f "$inv")")
    check+=("$(time_any "$root/ephemery" check -f "$inv")")
    # Its exit code is not the point (release 153 is long out of date, so the verdict is not OK): the time is.
    status+=("$(time_any "$root/ephemery" status -f "$inv")")
  done
  local b v p c s
  b=$(printf '%s\n' "${bare[@]}" | median)
  v=$(printf '%s\n' "${version[@]}" | median)
  p=$(printf '%s\n' "${plan[@]}" | median)
  c=$(printf '%s\n' "${check[@]}" | median)
  s=$(printf '%s\n' "${status[@]}" | median)
  printf '%-44s %9s ms\n' "java -version ($label)" "$b"
  printf '%-44s %9s ms  %6sx  (goal <= 2.0x on JDK 17)\n' "  ephemery --version" "$v" "$(ratio "$v" "$b")"
  printf '%-44s %9s ms  %6sx  (goal <= 4.0x on JDK 17)\n' "  ephemery plan" "$p" "$(ratio "$p" "$b")"
  printf '%-44s %9s ms  %6sx  (goal <= 4.0x on JDK 17)\n' "  ephemery check" "$c" "$(ratio "$c" "$b")"
  printf '%-44s %9s ms  %6sx\n' "  ephemery status (one host, running)" "$s" "$(ratio "$s" "$b")"
}

out="$work/startup.txt"
startup "$(java -version 2>&1 | head -1 | cut -d'"' -f2)" >"$out"
for jdk in $jdks; do
  PATH="$jdk/bin:$PATH" "$root/ephemery" --version >/dev/null 2>&1 # its ahead-of-time cache, untimed
  PATH="$jdk/bin:$PATH" startup "$("$jdk/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)" >>"$out"
done

echo "runs: $runs per figure (median wall time); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %9s ms\n' "docker-compose up -d, from nothing" "$m_co_new"
printf '%-44s %9s ms  %6sx  (goal <= 1.5x)\n' "  ephemery up --no-wait, from nothing" "$m_up_new" "$(ratio "$m_up_new" "$m_co_new")"
printf '%-44s %9s ms\n' "docker-compose up -d, no-op" "$m_co_noop"
printf '%-44s %9s ms  %6sx  (goal <= 1.2x)\n' "  ephemery up --no-wait, no-op" "$m_up_noop" "$(ratio "$m_up_noop" "$m_co_noop")"
cat "$out"
