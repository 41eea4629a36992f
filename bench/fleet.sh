#!/usr/bin/env bash
# Fleet benchmark: wall time of `ephemery status` and `ephemery up --dry-run` over 1 and N inventory
# hosts whose Docker is this machine's daemon (loopback targets), and the ratio N/1. The goal is
# N=50 in at most 3x the time of one host (hosts run in parallel, --parallel P).
# Each host gets its own baseDir and a stand-in plan (busybox services); nothing is created: a dry
# run only reads through the Docker API.
#
# Usage: bench/fleet.sh [N] [RUNS] [PARALLEL]   (defaults 50 3 16)
#   MODE=ssh bench/fleet.sh ...  reaches the daemon through the test sshd instead (needs the env of
#   .ci/services.sh: EPHEMERY_IT_SSH_*), one SSH connection per host.
set -euo pipefail
n="${1:-50}"
runs="${2:-3}"
parallel="${3:-16}"
mode="${MODE:-local}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/ephemery.jar"
image="${EPHEMERY_IT_STANDIN_IMAGE:-ephemery-test/busybox:1}"

if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests package) >&2
fi
if [ "$mode" = ssh ]; then
  : "${EPHEMERY_IT_SSH_HOST:?source the env of .ci/services.sh}"
fi

work="$(mktemp -d /tmp/ephemery-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# inventory and plan for COUNT hosts named bench<i>
make_inputs() {
  local count=$1 dir=$2
  mkdir -p "$dir"
  python3 - "$count" "$dir" "$image" "$mode" <<'PY'
import json, os, sys
count, d, image, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
env = os.environ
if mode == "ssh":
    address = "ssh://%s@%s:%s" % (env["EPHEMERY_IT_SSH_USER"], env["EPHEMERY_IT_SSH_HOST"], env["EPHEMERY_IT_SSH_PORT"])
    extra = "    sshKeyFile: %s\n    knownHostsFile: %s\n" % (env["EPHEMERY_IT_SSH_KEY"], env["EPHEMERY_IT_SSH_KNOWN_HOSTS"])
else:
    address, extra = "local", ""
inv = ["network: ephemery", "hosts:"]
hosts = []
for i in range(count):
    name = "bench%d" % i
    base = os.path.join(d, "base", name)
    os.makedirs(base, exist_ok=True)
    inv += ["  - name: " + name, "    address: " + address, "    baseDir: " + base]
    inv += [extra.rstrip("\n")] if extra else []
    inv += ["    execution:", "      client: geth", "    consensus:", "      client: lighthouse"]
    svc = lambda n, role, deps, cmd: {"name": n, "role": role, "client": "busybox", "image": image,
        "entrypoint": ["sh", "-c"], "command": [cmd], "ports": [], "env": {}, "labels": {},
        "mounts": [{"source": "data/" + n, "target": "/data", "readOnly": False},
                   {"source": "jwt.hex", "target": "/jwt.hex", "readOnly": True}],
        "dependsOn": deps, "runOnce": False, "user": None, "restartPolicy": "unless-stopped", "memoryLimit": None}
    hosts.append({"name": name, "address": address, "baseDir": base, "iteration": 153, "network": name + "-net",
        "paths": [{"path": base + "/data", "kind": "DIRECTORY", "mode": 0o755, "owner": None},
                  {"path": base + "/data/el", "kind": "DIRECTORY", "mode": 0o755, "owner": None},
                  {"path": base + "/data/cl", "kind": "DIRECTORY", "mode": 0o700, "owner": None},
                  {"path": base + "/jwt.hex", "kind": "JWT_SECRET", "mode": 0o600, "owner": None}],
        "services": [svc("el", "execution", [], "sleep 3600"), svc("cl", "consensus", ["el"], "sleep 3600")]})
open(os.path.join(d, "ephemery.yaml"), "w").write("\n".join(inv) + "\n")
json.dump({"hosts": hosts}, open(os.path.join(d, "plan.json"), "w"))
PY
}

# best (minimum) wall time in ms of RUNS runs of a command
best_ms() {
  local best="" t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true   # status exits 1 for hosts that are not deployed
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

make_inputs 1 "$work/one"
make_inputs "$n" "$work/many"
run() { java -jar "$jar" "$@"; }

declare -A result
for size in one many; do
  inv="$work/$size/ephemery.yaml"
  plan="$work/$size/plan.json"
  # sanity: the command works (prints one line per host)
  run up -f "$inv" --all --plan "$plan" --dry-run --helper-image "$image" --parallel "$parallel" \
    | tail -n 2 >&2
  result[$size,status]=$(best_ms run status -f "$inv" --all --parallel "$parallel")
  result[$size,up]=$(best_ms run up -f "$inv" --all --plan "$plan" --dry-run \
    --helper-image "$image" --parallel "$parallel")
done

printf '%-16s %10s %10s %8s\n' command "1 host" "$n hosts" ratio
for cmd in status up; do
  one=${result[one,$cmd]}
  many=${result[many,$cmd]}
  label=$([ "$cmd" = up ] && echo "up --dry-run" || echo status)
  printf '%-16s %8sms %8sms %7.2fx\n' "$label" "$one" "$many" "$(echo "$many / $one" | bc -l)"
done
echo "(mode $mode, best of $runs runs, --parallel $parallel, $(nproc) cores)"
