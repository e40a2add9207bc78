#!/usr/bin/env bash
# Soak run (documented, not CI): `avfusion run --simulate` on a long clear-road drive with the embedded broker,
# sampling heap, file descriptors and threads of the runtime every 10 s, and counting decisions made (printed by the
# runtime) against decisions received by a subscriber (mosquitto_sub, QoS 1). Issue #15 asks for 30 minutes:
#   tools/soak.sh 30            # minutes; results in target/soak-<date>/ (samples.csv, summary.txt)
# Needs: a built reactor (mvn -o -q -pl runtime -am test-compile), mosquitto_sub, jcmd (JDK).
set -euo pipefail
minutes=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
seconds=$((minutes * 60))

# classpath of the runtime module, offline, with this checkout's module classes (not installed SNAPSHOT jars)
mvn -B -o -q -f "$root/pom.xml" -pl runtime -am dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
libs=$(tr ':' '\n' < "$out/cp.txt" | grep -v '/org/avfusion/' | paste -sd: -)
cp="$root/runtime/target/classes:$root/scenarios/target/classes:$root/drivers/target/classes"
cp="$cp:$root/calibration/target/classes:$libs"

# a straight road as long as the soak (plus a minute) at 2 m/s, parked cars beside it, written next to the results
cat > "$out/soak-drive.yaml" <<YAML
description: soak drive, straight road at 2 m/s
seed: 7
durationSeconds: $((seconds + 60))
road:
  widthMeters: 7
  segments:
    - {type: straight, lengthMeters: $(( (seconds + 60) * 2 + 100 ))}
ego:
  startSMeters: 4.3
  speedProfile:
    - {atSeconds: 0, speedMetersPerSecond: 2}
actors:
  - {type: static, id: parked-1, sMeters: 25, lateralMeters: 4.5}
  - {type: static, id: parked-2, sMeters: 60, lateralMeters: -4.5}
YAML
printf 'mqtt:\n  embeddedPort: 0\n' > "$out/profile.yaml"

java -Xmx1g -cp "$cp" org.avfusion.runtime.cli.AvfusionCli run --config "$out/profile.yaml" \
    --simulate "$out/soak-drive.yaml" > "$out/runtime.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; [ -n "${sub:-}" ] && kill $sub 2>/dev/null || true' EXIT

# the broker URI the runtime prints
uri=""
for _ in $(seq 1 120); do
    uri=$(grep -o 'MQTT tcp://[0-9.]*:[0-9]*' "$out/runtime.log" | head -1 | cut -d' ' -f2 || true)
    [ -n "$uri" ] && break
    sleep 0.5
done
[ -n "$uri" ] || { echo "runtime did not start: see $out/runtime.log"; exit 1; }
port=${uri##*:}
mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -V mqttv5 -t 'avfusion/+/decision' > "$out/decisions.jsonl" &
sub=$!

echo "seconds,heapUsedKB,fds,threads,decisionsReceived" > "$out/samples.csv"
start=$(date +%s)
while [ $(( $(date +%s) - start )) -lt "$seconds" ] && kill -0 $pid 2>/dev/null; do
    heap=$(jcmd $pid GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9' || echo "")
    fds=$(ls /proc/$pid/fd 2>/dev/null | wc -l)
    threads=$(awk '/^Threads:/ {print $2}' /proc/$pid/status 2>/dev/null || echo "")
    echo "$(( $(date +%s) - start )),$heap,$fds,$threads,$(wc -l < "$out/decisions.jsonl")" >> "$out/samples.csv"
    sleep 10
done

kill -TERM $pid
wait $pid && code=0 || code=$?
sleep 2
kill $sub 2>/dev/null || true
made=$(grep -cE '^(PROCEED|SLOW|STOP|REROUTE) ' "$out/runtime.log" || true)
received=$(grep -o '"decidedAtNanos":[0-9]*' "$out/decisions.jsonl" | sort -u | wc -l)
{
    echo "minutes: $minutes"
    echo "exit code after SIGTERM: $code"
    echo "decisions made (printed): $made"
    echo "decisions received (distinct decidedAtNanos): $received"
    echo "lost: $((made - received))"
    echo "heap used KB first/last: $(sed -n 2p "$out/samples.csv" | cut -d, -f2) / $(tail -1 "$out/samples.csv" | cut -d, -f2)"
    echo "fds first/last: $(sed -n 2p "$out/samples.csv" | cut -d, -f3) / $(tail -1 "$out/samples.csv" | cut -d, -f3)"
    echo "threads first/last: $(sed -n 2p "$out/samples.csv" | cut -d, -f4) / $(tail -1 "$out/samples.csv" | cut -d, -f4)"
} | tee "$out/summary.txt"
trap - EXIT
