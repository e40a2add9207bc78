#!/usr/bin/env bash
# Every performance floor of issues #9 and #17, measured in one go on this machine, each beside its peer where the
# issue names one, and a table of floor / measured / met at the end (docs/PERFORMANCE.md, "Where the floors stand").
#
#   tools/perf/floors.sh OUTDIR            # from the repository root
#
# Needs: the packaged jar and the launcher's archives (mvn -B -q package -DskipTests; runtime/target/avfusion
# --cds-archive), Mosquitto on 127.0.0.1:1883, gpsdecode (gpsd-clients), pcl-tools with python3-numpy for the PCL peer,
# Debian's python3-opencv for the OpenCV DNN peer, ../shared/data and ../shared/models (AVFUSION_SHARED overrides
# ../shared). RUNS (default 5) is how many times each pedestrian-crossing replay and the first-decision probe run,
# ROUNDS (default 3) the rounds of the decode commands, PEERS=0 leaves out the algorithms' peers (PCL, OpenCV DNN).
# The replays are tools/measure-replays.sh's (its files land in OUTDIR too); OUTDIR/floors.txt is the table.
# About 7 minutes on 2 cores. Run it on a quiet machine: every figure is wall time or a latency.
set -u
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
SHARED=${AVFUSION_SHARED:-../shared}
D=$SHARED/data
ROUNDS=${ROUNDS:-3}
[ -f runtime/target/avfusion.jar ] || { echo "no runtime/target/avfusion.jar: build first" >&2; exit 2; }
[ -d "$D" ] || { echo "no $D: the floors are measured on the shared recordings" >&2; exit 2; }

RUNS=${RUNS:-5} AVFUSION_SHARED=$SHARED tools/measure-replays.sh . "$out"

# decode lidar: the HDL-32E sample repeated 200 times (3,915,800 points) to /dev/null; decode nmea: 10^5 sentences of
# nmea-rtk.log beside gpsdecode, whole processes, alternating
python3 - "$D/lidar/hdl32-sample-a.pcap" "$D/nmea/nmea-rtk.log" "$out" <<'PY'
import sys
s = open(sys.argv[1], 'rb').read()
open(sys.argv[3] + '/hdl32-x200.pcap', 'wb').write(s + s[24:] * 199)  # one pcap header, the packets 200 times
lines = [l for l in open(sys.argv[2], 'rb').read().split(b'\n') if l.startswith(b'$')]
open(sys.argv[3] + '/n.log', 'wb').write(b'\n'.join(lines[i % len(lines)] for i in range(100000)) + b'\n')
PY
timed() { # name, command...: appends "name wall user sys maxrss_kb" to decode.txt
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S %M" -a -o "$out/decode.txt" "$@" > /dev/null 2>> "$out/decode.err"
}
: > "$out/decode.txt"
for r in $(seq "$ROUNDS"); do
  timed lidar-launcher runtime/target/avfusion decode lidar "$out/hdl32-x200.pcap"
  timed lidar-jar java -jar runtime/target/avfusion.jar decode lidar "$out/hdl32-x200.pcap"
  timed gpsdecode sh -c "gpsdecode < '$out/n.log'"
  timed nmea-launcher runtime/target/avfusion decode nmea "$out/n.log"
  timed nmea-jar java -jar runtime/target/avfusion.jar decode nmea "$out/n.log"
done
runtime/target/avfusion decode lidar "$out/hdl32-x200.pcap" 2> /dev/null | md5sum > "$out/decode-lidar.md5"

# the algorithms beside their peers in the same run: PCL's script as it is, against the lidar pipeline on the same
# KITTI scan (JMH), and YOLOX-Nano through ONNX Runtime against OpenCV DNN (in one JVM, JMH; and Python's OpenCV, the
# peer script). Last: the JMH build runs Maven online once for its plugins. PEERS=0 leaves this part out.
if [ "${PEERS:-1}" = 1 ]; then
  if command -v pcl_voxel_grid > /dev/null; then
    bash "$SHARED/peers/pcl-ground-cluster.sh" > "$out/pcl.txt" 2>&1 || echo "pcl peer failed: $?" >> "$out/pcl.txt"
  else
    echo "pcl-tools not installed" > "$out/pcl.txt"
  fi
  jmh_args="ClusterPipelineBenchmark.pipeline|DetectBenchmark.(ortFrame|opencvDnnFrame)"
  jmh_args+=" -f 1 -wi 3 -i 5 -w 1 -r 1 -rf json -rff $out/jmh.json"
  mvn -B -q -Dbench=runtime -DskipTests -pl runtime -am verify -Djmh.args="$jmh_args" > "$out/jmh.log" 2>&1 \
      || echo "JMH failed, see $out/jmh.log" >&2
  /usr/bin/python3 "$SHARED/peers/opencv-dnn-yolox.py" 1 20 3 > "$out/opencv-dnn.txt" 2>&1 \
      || echo "(needs Debian python3-opencv)" >> "$out/opencv-dnn.txt"
fi

python3 - "$out" <<'PY' | tee "$out/floors.txt"
import json, os, sys, glob
out = sys.argv[1]
def report(name):
    p = f'{out}/{name}.json'
    return json.load(open(p)) if os.path.exists(p) else None
def rss_mib(name):
    t = open(f'{out}/{name}.time').read().split()
    return int(t[t.index('KB') - 1]) / 1024
rows = []
def row(issue, floor, values, ok):
    rows.append((issue, floor, values, 'met' if ok else 'NOT met'))
def runs(prefix):
    return sorted(n[len(out) + 1:-5] for n in glob.glob(f'{out}/{prefix}-*.json'))
for prefix, p99, mx, label in (('ped-nomodel', 30, 60, 'no model'), ('ped-yolox', 50, 100, 'YOLOX-Nano')):
    rs = [report(n) for n in runs(prefix)]
    if rs:
        l = [r['latencyMillis'] for r in rs]
        row('#17', f'pedestrian-crossing --speed 1, {label}: every p99 < {p99} ms, max < {mx} ms',
            'p99 ' + ', '.join(f"{x['p99']:.1f}" for x in l) + '; max ' + ', '.join(f"{x['max']:.1f}" for x in l),
            all(x['p99'] < p99 and x['max'] < mx for x in l))
r = report('kitti-yolox-rt')
if r:
    row('#17', 'KITTI sequence with YOLOX-Nano --speed 1: p99 < 60 ms', f"p99 {r['latencyMillis']['p99']:.1f}",
        r['latencyMillis']['p99'] < 60)
dec = {}
for line in open(f'{out}/decode.txt'):
    f = line.split()
    if len(f) == 5 and not line.startswith('Command'):
        dec.setdefault(f[0], []).append([float(x) for x in f[1:]])
if 'lidar-launcher' in dec:
    for k in ('lidar-launcher', 'lidar-jar'):
        rates = [3915800 / w[0] / 1e6 for w in dec[k]]
        row('#17', f'decode lidar 200x HDL-32E to /dev/null ({k[6:]}): >= 5 M points/s',
            ', '.join(f'{x:.2f}' for x in rates) + ' M points/s', min(rates) >= 5)
    for k in ('nmea-launcher', 'nmea-jar'):
        ratios = [a[0] / g[0] for a, g in zip(dec[k], dec['gpsdecode'])]
        row('#17', f'decode nmea 10^5 sentences ({k[5:]}): wall <= 1.5x gpsdecode in the same round',
            ', '.join(f'{x:.2f}x' for x in ratios) + ' (gpsdecode ' + ', '.join(f'{g[0]:.2f}' for g in dec['gpsdecode'])
            + ' s)', max(ratios) <= 1.5)
        row('#17', f'decode nmea ({k[5:]}) RSS < 128 MiB', ', '.join(f'{a[3] / 1024:.0f}' for a in dec[k]) + ' MiB',
            max(a[3] for a in dec[k]) / 1024 < 128)
firsts = [float(l.split(': ')[1].split(' s')[0]) for l in open(f'{out}/results.txt') if l.startswith('first-decision')]
if firsts:
    row('#17', 'java -jar to the first decision of replay: < 2 s', ', '.join(f'{x:.2f}' for x in firsts) + ' s',
        max(firsts) < 2)
for prefix, label in (('ped-nomodel', 'the simulated drive (README)'),
                      ('kitti-lidar', 'KITTI lidar only, max'),
                      ('ped-yolox', 'simulated drive with YOLOX-Nano'),
                      ('kitti-yolox-rt', 'KITTI with YOLOX-Nano, 1x')):
    names = runs(prefix) if prefix != 'kitti-yolox-rt' else ['kitti-yolox-rt']
    names = [n for n in names if os.path.exists(f'{out}/{n}.time')]
    if names:
        m = [rss_mib(n) for n in names]
        row('#17', f'replay RSS < 256 MiB: {label}, java -jar', ', '.join(f'{x:.0f}' for x in m) + ' MiB',
            max(m) < 256)
for prefix, floor in (('kitti-lidar', 5), ('kitti-yolox', 1)):
    names = [n for n in runs(prefix) if n != 'kitti-yolox-rt']
    if names:
        f = [report(n)['realTimeFactor'] for n in names]
        row('#9', f"KITTI sequence --speed max, {'lidar only' if floor == 5 else 'YOLOX-Nano'}, fresh JVM: "
            f'real-time factor >= {floor}', ', '.join(f'{x:.2f}' for x in f), min(f) >= floor)
def text(name):
    return open(f'{out}/{name}').read().strip() if os.path.exists(f'{out}/{name}') else 'not run'
jmh = {}
if os.path.exists(f'{out}/jmh.json'):
    for b in json.load(open(f'{out}/jmh.json')):
        jmh[b['benchmark'].rsplit('.', 1)[1]] = (b['primaryMetric']['score'], b['primaryMetric']['scoreError'])
pcl, dnn = text('pcl.txt'), text('opencv-dnn.txt')
try:
    pcl_ms = sum(float(x.split(' ms')[0].split()[-1]) for x in pcl.split(':', 1)[1].split('|'))
except (IndexError, ValueError):
    pcl_ms = None
if 'pipeline' in jmh and pcl_ms:
    ours = jmh['pipeline'][0]
    rows.append(('#17 peer', 'lidar voxels, ground and clusters on KITTI 000001, one thread: against PCL',
                 f'{ours:.1f} ± {jmh["pipeline"][1]:.1f} ms against PCL {pcl_ms:.1f} ms',
                 f'{pcl_ms / ours:.1f}x faster'))
if 'ortFrame' in jmh and 'opencvDnnFrame' in jmh:
    o, c = jmh['ortFrame'][0], jmh['opencvDnnFrame'][0]
    py = dnn.split('median=')[1].split()[0] + ' ms' if 'frame_ms' in dnn else dnn
    rows.append(('#17 peer', 'YOLOX-Nano frame on KITTI 000000, one thread: ONNX Runtime against OpenCV DNN',
                 f'{o:.1f} ms against {c:.1f} ms in the same JVM; Python OpenCV DNN {py}', f'{c / o:.1f}x faster'))
print(open(f'{out}/env.txt').read().strip())
print(f'PCL peer (../shared/peers/pcl-ground-cluster.sh): {pcl}')
print(f'OpenCV DNN peer (../shared/peers/opencv-dnn-yolox.py 1 20 3): {dnn}')
print(f"decode lidar output md5: {open(f'{out}/decode-lidar.md5').read().split()[0]}")
print()
print('| issue | floor | measured | |')
print('|---|---|---|---|')
for r in rows:
    print('| ' + ' | '.join(r) + ' |')
PY
