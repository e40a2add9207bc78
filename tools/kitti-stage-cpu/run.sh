#!/usr/bin/env bash
# CPU per sweep of ground segmentation, obstacle clusters and lidar odometry on the KITTI sfnd sequence.
# Usage (from the repository root, after mvn -B -o -q -pl runtime -am package -DskipTests): tools/kitti-stage-cpu/run.sh [passes]
set -eu
cp="runtime/target/classes:drivers/target/classes:calibration/target/classes:scenarios/target/classes"
for j in runtime/target/lib/*.jar; do cp="$cp:$j"; done
exec java -Davfusion.shared="${AVFUSION_SHARED:-../shared}" -cp "$cp" tools/kitti-stage-cpu/KittiStageCpu.java "$@"
