#!/usr/bin/env bash
# Longer coverage-guided fuzzing run (documented, not CI): every Jazzer @FuzzTest of every parser, one at a time,
# round after round until the time is up. Each round of one target lasts its @FuzzTest maxDuration (Jazzer appends
# that bound after any libFuzzer argument, so it cannot be lengthened from the command line); the generated corpus
# in <module>/.cifuzz-corpus/ (ignored by git) carries over from round to round, so coverage keeps growing.
#   tools/fuzz.sh 60                          # minutes in all; logs in target/fuzz-<date>/
#   tools/fuzz.sh 30 'FileParserFuzzTest#mcapFile'   # only targets whose Class#method contains the filter
# Stops at the first finding (Jazzer writes crash-<hash> next to the target's seeds: fix the parser, commit it).
# Heap is capped (-Xmx512m) so that an input making a parser allocate what its file cannot justify is an
# OutOfMemoryError, i.e. a finding, rather than gigabytes that happen to fit.
set -euo pipefail
minutes=${1:-60}
filter=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/fuzz-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
deadline=$(( $(date +%s) + minutes * 60 ))
# excerpts of the real recordings into the (ignored) generated corpus, where the runs start from them too
python3 "$root/tools/fuzz-seeds.py" shared "$root/../shared/data" || echo "fuzz: no seeds cut from ../shared/data"

targets=(
  "drivers ParserFuzzTest#nmeaSentence"
  "drivers ParserFuzzTest#gpsdJsonLine"
  "drivers ParserFuzzTest#velodynePacket"
  "drivers ParserFuzzTest#pcapUdpFrame"
  "drivers ParserFuzzTest#kittiOxtsLine"
  "drivers ParserFuzzTest#ousterMetadataJson"
  "drivers FileParserFuzzTest#pcdFile"
  "drivers FileParserFuzzTest#kittiVelodyneBin"
  "drivers FileParserFuzzTest#rosbag1"
  "drivers FileParserFuzzTest#mcapFile"
  "drivers FileParserFuzzTest#lanelet2Osm"
  "drivers FileParserFuzzTest#osmRoadMap"
  "calibration RigYamlFuzzTest#rigYaml"
  "scenarios ScenarioYamlFuzzTest#scenarioYaml"
  "scenarios ScenarioYamlFuzzTest#hilScenarioYaml"
  "scenarios ScenarioYamlFuzzTest#hilRigYaml"
  "runtime ProfileYamlFuzzTest#profileYaml"
  "runtime ProfileYamlFuzzTest#rigBinding"
)

round=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  round=$((round + 1))
  for entry in "${targets[@]}"; do
    read -r module test <<< "$entry"
    [[ -n "$filter" && "$test" != *"$filter"* ]] && continue
    [ "$(date +%s)" -lt "$deadline" ] || break
    log="$out/${test/\#/-}-round$round.log"
    echo "round $round: $module $test"
    if ! JAZZER_FUZZ=1 mvn -B -o -f "$root/pom.xml" -pl "$module" -am test -Dtest="$test" \
        -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m > "$log" 2>&1; then
      echo "finding (or build failure) in $test: see $log"
      exit 1
    fi
    grep -h '^Done ' "$log" || true
  done
done
echo "no findings in $round round(s); logs in $out"
