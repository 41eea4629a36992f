#!/usr/bin/env bash
# Reset timing: the critical path of a reset through the Docker runtime (STOPPING -> containers started) against
# the same stand-in containers' own stop + init + start, each round a reset then the own stop + start of the same
# containers, both measured to the last container's Docker StartedAt; medians over ROUNDS rounds (default 9) after
# one untimed (cold JVM) reset (DockerResetIT, real dockerd);
# then the supervisor's detection delay and readiness margin before the CL genesis over 10 simulated resets whose
# release is out 15 min before the EL genesis, with container stops/starts taking the measured time
# (ResetTimingTest); then the 100-reset soak with RSS (ResetSoakTest).
# Needs the test services: source <(.ci/services.sh env)
# Usage: bench/reset.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-9}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -q -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='DockerResetIT#resetStops*' -Dephemery.bench.rounds="$rounds" \
  -Dspotless.check.skip=true >"$log" 2>&1 || { tail -n 40 "$log"; exit 1; }
line="$(grep -m1 'reset critical path' "$log")"
grep -E '^reset(, first| rounds| STOPPING)' "$log" || true
echo "$line"
stop_ms="$(sed -E 's/.*stop ([0-9]+) ms, wipe.*/\1/' <<<"$line")"
start_ms="$(sed -E 's/.* start ([0-9]+) ms$/\1/' <<<"$line")"
# The machine stops and starts per container; the Docker runtime converges the whole plan in the first start.
mvn -q -B -ntp test -Dtest='ResetTimingTest,ResetSoakTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dephemery.bench.stopMs="$((stop_ms / 3))" -Dephemery.bench.startMs="$start_ms" \
  >"$log" 2>&1 || { tail -n 40 "$log"; exit 1; }
grep -E '^(reset timing|soak)' "$log"
