#!/bin/bash
# Fleet-replay benchmark (docs/PERFORMANCE.md, "Fleet replay on Spark"): drives per minute on local[1] vs local[2],
# and a one-drive job against a plain CLI replay of the same drive. Not a test.
# Run from anywhere after: mvn -B -o -q -pl fleet -am test  (its surefire report gives the classpaths)
set -u
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S="$(cd "$ROOT/../shared/data" && pwd)"
B="${1:-$ROOT/fleet/target/bench}"
mkdir -p "$B"
classpath() { grep -o 'name="surefire.test.class.path" value="[^"]*"' "$1" | sed 's/.*value="//; s/"$//' | tr ':' '\n' | grep -v test-classes | tr '\n' ':'; }
FCP="fleet/target/classes:fleet/target/test-classes:$(classpath fleet/target/surefire-reports/TEST-org.avfusion.fleet.FleetReplayJobTest.xml)"
RCP="$(classpath runtime/target/surefire-reports/TEST-org.avfusion.runtime.replay.ReplayLibraryTest.xml)"
for d in 3 5; do for n in car-ahead-braking pedestrian-crossing clear-road; do
  sed "s/^durationSeconds: .*/durationSeconds: $d/" scenarios/catalog/$n.yaml > "$B/$n-${d}s.yaml"; done; done
cat > "$B/drives.txt" <<LIST
$S/kitti/raw/2011_09_26/sfnd_sequence_sync
$S/kitti/tracking/0000/pcd
$S/rosbag/husky-gps-imu-odom.bag
scenario:car-ahead-braking-3s.yaml
scenario:car-ahead-braking-5s.yaml
scenario:pedestrian-crossing-3s.yaml
scenario:pedestrian-crossing-5s.yaml
scenario:clear-road-3s.yaml
scenario:clear-road-5s.yaml
scenario:car-ahead-braking
LIST
echo "$S/kitti/raw/2011_09_26/sfnd_sequence_sync" > "$B/one.txt"
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
 -Dio.netty.tryReflectionSetAccessible=true"
t() { local s e rc; s=$(date +%s.%N); "$@" > "$B/last.out" 2>&1; rc=$?; e=$(date +%s.%N);
      echo "$(echo "$e - $s" | bc) s wall, exit $rc"; grep -E '^replays:|^fleet replay:' "$B/last.out"; }
fleet() { t java -Xmx3g $OPENS -cp "$FCP" org.avfusion.fleet.cli.FleetReplayMain "$@"; }
echo "== fleet local[1], 10 drives";  fleet --master 'local[1]' --drives "$B/drives.txt" --out "$B/out1" --no-candidate
echo "== fleet local[2], 10 drives";  fleet --master 'local[2]' --drives "$B/drives.txt" --out "$B/out2" --no-candidate
echo "== fleet local[1], 1 drive";    fleet --master 'local[1]' --drives "$B/one.txt" --out "$B/out-one" --no-candidate
echo "== CLI replay, same drive"
t java -cp "$RCP" org.avfusion.runtime.cli.AvfusionCli replay --speed max --no-progress \
  --recording "$S/kitti/raw/2011_09_26/sfnd_sequence_sync" --report "$B/cli-report.json"
grep -o '"wallSeconds":[0-9.]*' "$B/cli-report.json"
