#!/usr/bin/env bash
# Health benchmark: wall time of `ephemery status` (containers, EL and CL probes, disk, clock) over
# 1 and N hosts, and the ratio N/1. Goal: N=50 in at most 3x the time of one (hosts in parallel).
# Each host runs two busybox stand-in containers (el, cl) with the tool's labels, on no network
# (`up` would give each node a bridge network, and a shared dockerd runs out of address pools
# before 50); status reads a plan whose el/cl publish their API ports on 127.0.0.1, served by one
# loopback stand-in that answers the JSON-RPC and Beacon API calls the probes make.
#
# Usage: bench/health.sh [N] [RUNS] [PARALLEL]   (defaults 50 3 16)
set -euo pipefail
n="${1:-50}"
runs="${2:-3}"
parallel="${3:-16}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/ephemery.jar"
image="${EPHEMERY_IT_STANDIN_IMAGE:-ephemery-test/busybox:1}"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -o -q -B -ntp -DskipTests -Dspotless.skip=true package) >&2
fi
work="$(mktemp -d /tmp/ephemery-health-bench-XXXXXX)"
# BENCH_JAVA_OPTS: e.g. a flight recording of the runs (-XX:StartFlightRecording=...)
run() { java ${BENCH_JAVA_OPTS:-} -jar "$jar" "$@"; }
standin_pid=""
cleanup() {
  [ -f "$work/containers" ] && xargs -r docker rm -f <"$work/containers" >/dev/null 2>&1 || true
  [ -n "$standin_pid" ] && kill "$standin_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# one loopback stand-in for every host's EL (POST /, JSON-RPC) and CL (GET /eth/v1/...)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$port" <<'PY' &
import json, sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
genesis = 1_393_527_600 + 2_419_200 * 153 + 600   # IterationFormula: ORIGIN + 153 periods + GENESIS_DELAY
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def reply(self, code, body):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(code); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        results = {"eth_chainId": hex(39438153), "eth_syncing": False, "net_peerCount": "0x5",
                   "eth_getBlockByNumber": {"number": "0x10", "timestamp": hex(int(time.time()) - 6)}}
        one = lambda r: {"jsonrpc": "2.0", "id": r["id"], "result": results[r["method"]]}
        # JSON-RPC 2.0 batch: an array of requests, an array of responses
        self.reply(200, [one(r) for r in req] if isinstance(req, list) else one(req))
    def do_GET(self):
        p = self.path
        if p == "/eth/v1/node/health": self.reply(200, None)
        elif p == "/eth/v1/node/syncing": self.reply(200, {"data": {"head_slot": "100", "sync_distance": "0", "is_syncing": False, "is_optimistic": False, "el_offline": False}})
        elif p == "/eth/v1/node/peer_count": self.reply(200, {"data": {"connected": "9", "disconnected": "0", "connecting": "0", "disconnecting": "0"}})
        elif p == "/eth/v1/beacon/genesis": self.reply(200, {"data": {"genesis_time": str(genesis), "genesis_validators_root": "0x" + "ab" * 32, "genesis_fork_version": "0x1000101b"}})
        else: self.reply(404, {"code": 404, "message": "no"})
# One stand-in answers every host's EL and CL, which each have their own server in a real fleet:
# a listen backlog of 5 (socketserver's default) drops connections the probes open at once.
ThreadingHTTPServer.request_queue_size = 256
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
standin_pid=$!

make_inputs() {
  local count=$1 dir=$2
  mkdir -p "$dir"
  python3 - "$count" "$dir" "$image" "$port" <<'PY'
import json, os, sys
count, d, image, port = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
tag = os.path.basename(os.path.dirname(d))[-6:].lower() + os.path.basename(d)
inv = ["network: ephemery", "hosts:"]
up, status = [], []
for i in range(count):
    name = "hb%s%d" % (tag, i)
    base = os.path.join(d, "base", name)
    os.makedirs(base, exist_ok=True)
    inv += ["  - name: " + name, "    address: local", "    baseDir: " + base,
            "    execution:", "      client: geth", "    consensus:", "      client: lighthouse"]
    def svc(n, role, deps, ports):
        return {"name": n, "role": role, "client": "busybox", "image": image, "entrypoint": ["sh", "-c"],
                "command": ["trap 'exit 0' TERM; sleep 3600 & wait"], "ports": ports, "env": {}, "labels": {},
                "mounts": [{"source": "jwt.hex", "target": "/jwt.hex", "readOnly": True}], "dependsOn": deps, "runOnce": False, "user": None,
                "restartPolicy": "unless-stopped", "memoryLimit": "16m"}
    http = [{"container": 8545, "host": port, "bind": "127.0.0.1", "protocol": "tcp", "name": "http"}]
    paths = [{"path": base + "/jwt.hex", "kind": "JWT_SECRET", "mode": 0o600, "owner": None}]
    h = lambda ports: {"name": name, "address": "local", "baseDir": base, "iteration": 153,
                       "network": name + "-net", "paths": paths,
                       "services": [svc("el", "execution", [], ports), svc("cl", "consensus", ["el"], ports)]}
    up.append(h([])); status.append(h(http))
open(os.path.join(d, "ephemery.yaml"), "w").write("\n".join(inv) + "\n")
json.dump({"hosts": up}, open(os.path.join(d, "up.json"), "w"))
json.dump({"hosts": status}, open(os.path.join(d, "status.json"), "w"))
PY
}

best_ms() {
  local best="" t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

declare -A result
for size in one many; do
  count=$([ "$size" = one ] && echo 1 || echo "$n")
  make_inputs "$count" "$work/$size"
  inv="$work/$size/ephemery.yaml"
  for host in $(sed -n 's/^  - name: //p' "$inv"); do
    for svc in el:execution cl:consensus; do
      echo "$host-${svc%%:*}" >>"$work/containers"
      docker run -d --name "$host-${svc%%:*}" --network none --label "ephemery.node=$host" \
        --label "ephemery.service=${svc%%:*}" --label "ephemery.role=${svc#*:}" "$image" \
        sh -c "trap 'exit 0' TERM; sleep 3600 & wait" >/dev/null
    done
  done
  # sanity: every host's EL and CL answered
  run status -f "$inv" --all --plan "$work/$size/status.json" --parallel "$parallel" --output json \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); bad=[h["host"] for h in d if h.get("components",{}).get("execution")!="OK" or h.get("components",{}).get("consensus")!="OK"]; print("probed %d hosts, EL/CL not OK on %d" % (len(d), len(bad)), [c for h in d[:1] for c in h.get("checks", [])][:12] if bad else "", file=sys.stderr)' \
    || true   # exit 1: the status plan differs from the one the containers were made from
  result[$size]=$(best_ms run status -f "$inv" --all --plan "$work/$size/status.json" --parallel "$parallel")
done
printf '%-10s %10s %10s %8s\n' command "1 host" "$n hosts" ratio
printf '%-10s %8sms %8sms %7.2fx\n' status "${result[one]}" "${result[many]}" \
  "$(echo "${result[many]} / ${result[one]}" | bc -l)"
echo "(best of $runs runs, --parallel $parallel, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
