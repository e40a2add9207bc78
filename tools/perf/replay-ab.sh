#!/usr/bin/env bash
# Paced replays of the KITTI raw sequence through two built trees, alternating (docs/PERFORMANCE.md, "The ring's own
# buffers before the clock"): one line per run with the end-to-end p50/p99, the young collections in the run and the
# maximum RSS (/usr/bin/time).
#
#   tools/perf/replay-ab.sh TREE_A TREE_B ROUNDS [REPLAY OPTIONS...]    e.g. ... 5 --model ../shared/models/yolox_nano.onnx
#
# Each TREE is a checkout built with `mvn -B -q package -DskipTests` (and `runtime/target/avfusion --cds-archive`);
# the recording is DATA/kitti/raw/2011_09_26/sfnd_sequence_sync with DATA=${AVFUSION_DATA:-TREE_A/../shared/data}.
set -euo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); rounds=$3; shift 3
data=${AVFUSION_DATA:-$a/../shared/data}
recording=$data/kitti/raw/2011_09_26/sfnd_sequence_sync
[ -d "$recording" ] || { echo "replay-ab: no recording at $recording (set AVFUSION_DATA)" >&2; exit 2; }
out=$(mktemp); rss=$(mktemp); trap 'rm -f "$out" "$rss"' EXIT
for i in $(seq 1 "$rounds"); do
  for tree in "$a" "$b"; do
    /usr/bin/time -f %M -o "$rss" "$tree/runtime/target/avfusion" replay --speed 1 --no-progress \
        --recording "$recording" "$@" > "$out" 2>&1 || { echo "replay-ab: $tree failed:" >&2; tail -5 "$out" >&2; exit 1; }
    python3 - "$tree" "$i" "$out" "$rss" <<'PY'
import json, sys
tree, i, out, rss = sys.argv[1:]
s = json.loads([l for l in open(out) if l.startswith('{"summary"')][-1])
g, l = s['gcPauses']['run'], s['latencyMillis']
print(f"{tree} run {i}: p50 {l['p50']:.1f} ms, p99 {l['p99']:.1f} ms, young collections {g['count']} "
      f"({g['totalMillis']} ms), max RSS {int(open(rss).read().split()[-1]) // 1024} MiB, "
      f"decisions {sum(s['decisions'].values())}, lost {s['decisionsLost']}")
PY
  done
done
