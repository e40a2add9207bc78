#!/bin/bash
# A longer KITTI raw recording from a short one, for replays past the JIT's first seconds (docs/PERFORMANCE.md,
# "The JIT's first seconds"): the sequence's sweeps and images as symbolic links, forward, backward, forward...
# ROUNDS times (0..19, 19..0, 0..19, ...), numbered on, next to links to the day's calibration files.
#
#   tools/perf/kitti-long.sh ../shared/data/kitti/raw/2011_09_26/sfnd_sequence_sync /tmp/kitti-long 10
#   runtime/target/avfusion replay --recording /tmp/kitti-long/2011_09_26/sfnd_sequence_sync_x10 --speed max
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 SEQUENCE_DIR OUT_DIR ROUNDS" >&2; exit 2; }
SEQ=$(cd "$1" && pwd); DAY=$(dirname "$SEQ"); ROUNDS=$3
[ -d "$SEQ/velodyne_points/data" ] || { echo "$SEQ: no velodyne_points/data" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || { echo "ROUNDS must be 1 to 99, was $ROUNDS" >&2; exit 2; }
OUT=$2/$(basename "$DAY")/$(basename "$SEQ")_x$ROUNDS
mkdir -p "$OUT/velodyne_points/data"
[ -d "$SEQ/image_02/data" ] && mkdir -p "$OUT/image_02/data"
for f in "$DAY"/calib_*.txt; do ln -sf "$f" "$2/$(basename "$DAY")/"; done
mapfile -t SWEEPS < <(cd "$SEQ/velodyne_points/data" && ls | sed -n 's/\.bin$//p' | sort)
n=0
for ((r = 0; r < ROUNDS; r++)); do
  if ((r % 2 == 0)); then order=$(seq 0 $((${#SWEEPS[@]} - 1))); else order=$(seq $((${#SWEEPS[@]} - 1)) -1 0); fi
  for i in $order; do
    name=$(printf %010d $n)
    ln -sf "$SEQ/velodyne_points/data/${SWEEPS[$i]}.bin" "$OUT/velodyne_points/data/$name.bin"
    [ -f "$SEQ/image_02/data/${SWEEPS[$i]}.png" ] && ln -sf "$SEQ/image_02/data/${SWEEPS[$i]}.png" "$OUT/image_02/data/$name.png"
    n=$((n + 1))
  done
done
echo "$OUT: $n sweeps"
