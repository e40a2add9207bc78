#!/usr/bin/env bash
# CPU of the KITTI raw replay source per sweep + image on the KITTI sfnd sequence (see KittiSourceCpu.java).
# Usage (from the repository root, after mvn -B -o -q -pl runtime -am package -DskipTests):
#   tools/kitti-source-cpu/run.sh [passes] [decode|header|reader]
# ROOT=/other/checkout runs the same measurement against that checkout's build (e.g. a base commit).
set -eu
root="${ROOT:-.}"
cp="$root/drivers/target/classes:$root/calibration/target/classes"
for j in "$root"/runtime/target/lib/*.jar; do cp="$cp:$j"; done
exec java -Davfusion.shared="${AVFUSION_SHARED:-../shared}" -cp "$cp" "$(dirname "$0")/KittiSourceCpu.java" "$@"
