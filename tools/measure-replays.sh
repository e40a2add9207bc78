#!/usr/bin/env bash
# Quiet-machine replay measurements (issues #9, #17; docs/PERFORMANCE.md). Usage: tools/measure-replays.sh . OUTDIR
# Needs: a packaged jar (mvn -B -q package -DskipTests), Mosquitto on 127.0.0.1:1883, ../shared/data and models.
# AVFUSION=launcher runs everything through runtime/target/avfusion (its heap, GC and AppCDS settings; run
# `runtime/target/avfusion --cds-archive` first) instead of `java -jar`; RUNS (default 3) is how many times each
# pedestrian-crossing replay and the first-decision probe run; ONLY=ped|kitti|first limits the set.
set -u
repo=$1; out=$(mkdir -p "$2" && cd "$2" && pwd); cd "$repo"
jar=runtime/target/avfusion.jar
if [ "${AVFUSION:-jar}" = launcher ]; then CMD=(runtime/target/avfusion); else CMD=(java -jar $jar); fi
RUNS=${RUNS:-3}; ONLY=${ONLY:-all}
D=${AVFUSION_SHARED:-../shared}/data; M=${AVFUSION_SHARED:-../shared}/models
printf 'mqtt:\n  brokerUrl: tcp://127.0.0.1:1883\n' > "$out/ext.yaml"
echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD)  load: $(cut -d' ' -f1-3 /proc/loadavg)  command: ${CMD[*]}" > "$out/env.txt"
nproc >> "$out/env.txt"; java -version 2>> "$out/env.txt"; lscpu | grep "Model name" >> "$out/env.txt"
run() { # name, args...
  local name=$1; shift
  /usr/bin/time -f "%e s wall %U s user %S s sys %M KB maxrss" -o "$out/$name.time" \
      "${CMD[@]}" "$@" --no-progress --report "$out/$name.json" > "$out/$name.log" 2>&1
  echo "$name rc=$? load=$(cut -d' ' -f1 /proc/loadavg) $(cat $out/$name.time) $(python3 -c "import json,sys;d=json.load(open('$out/$name.json'));print('rtf',d['realTimeFactor'],'fps',d['framesPerSecond'],'wall',d['wallSeconds'],'veh',d['vehicleSeconds'],'drops',d['droppedFrames'],'e2e',d['latencyMillis'],'startUpMs',d.get('startUpMillis'))" 2>&1)" | tee -a "$out/results.txt"
}
[ "$ONLY" = all ] || [ "$ONLY" = kitti ] && { for i in 1 2 3; do run kitti-lidar-$i replay --recording $D/kitti/raw/2011_09_26/sfnd_sequence_sync --speed max --config "$out/ext.yaml"; done; }
[ "$ONLY" = all ] || [ "$ONLY" = kitti ] && { for i in 1 2 3; do run kitti-yolox-$i replay --recording $D/kitti/raw/2011_09_26/sfnd_sequence_sync --speed max --model $M/yolox_nano.onnx --config "$out/ext.yaml"; done; }
[ "$ONLY" = all ] || [ "$ONLY" = kitti ] && { for i in 1 2; do run tracking-pcd-$i replay --recording $D/kitti/tracking/0000/pcd --speed max --config "$out/ext.yaml"; done; }
[ "$ONLY" = all ] || [ "$ONLY" = kitti ] && { for i in 1 2; do run husky-$i replay --recording $D/rosbag/husky-gps-imu-odom.bag --rig config/rigs/husky.yaml --speed max --config "$out/ext.yaml"; done; }
[ "$ONLY" = all ] || [ "$ONLY" = kitti ] && run kitti-yolox-rt replay --recording $D/kitti/raw/2011_09_26/sfnd_sequence_sync --speed 1 --model $M/yolox_nano.onnx --config "$out/ext.yaml"
[ "$ONLY" = all ] || [ "$ONLY" = ped ] && { for i in $(seq $RUNS); do run ped-nomodel-$i replay --config "$out/ext.yaml"; done; }
[ "$ONLY" = all ] || [ "$ONLY" = ped ] && { for i in $(seq $RUNS); do run ped-yolox-$i replay --model $M/yolox_nano.onnx --config "$out/ext.yaml"; done; }
# time from exec to the first decision line ("  t=") on stdout
[ "$ONLY" = all ] || [ "$ONLY" = first ] && for i in $(seq $RUNS); do
python3 - "$out/ext.yaml" "${CMD[@]}" <<'PY' | tee -a "$out/results.txt"
import subprocess, sys, time
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[2:] + ["replay", "--speed", "max", "--no-progress", "--config", sys.argv[1]],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
first = None
for line in p.stdout:
    if first is None and line.strip().startswith("t="):
        first = time.monotonic() - t0
p.wait()
print(f"first-decision {' '.join(sys.argv[2:])} replay --speed max (external broker): {first:.2f} s, exit {p.returncode}, total {time.monotonic()-t0:.2f} s")
PY
done
