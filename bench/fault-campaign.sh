#!/usr/bin/env bash
# The #18 fault campaign: randomized kill -9 runs of the agent (legacy, Windows LAPS cleartext,
# Windows LAPS encrypted) and of migrate apply/resume, against one stand-in directory that lives
# for the whole campaign; every run ends with the passwords checked. See bench/fault-campaign.md.
#
#   bench/fault-campaign.sh [RUNS] [SEED] [COMPUTERS]     (defaults: 1000 20261205 240)
#
# Writes target/fault-campaign/report.md (or under $FAULT_CAMPAIGN_WORK; rewritten every 25
# runs) and a line per run on stdout. Exit 0 only when no password was lost and nothing
# unexpected happened. Not run by CI.
# Prerequisites: JDK 17, Maven with the project's dependencies in ~/.m2 (mvn -o works).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-1000}"
seed="${2:-20261205}"
computers="${3:-240}"
work="${FAULT_CAMPAIGN_WORK:-$root/target/fault-campaign}"
cd "$root"
mvn -B -o -q test-compile
rm -rf "$work"
mkdir -p "$work"
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
# A copy of the classes: the campaign (and every process it starts) keeps running the code it
# began with even if target/ is rebuilt meanwhile.
cp -r target/classes "$work/classes"
cp -r target/test-classes "$work/test-classes"
cp="$work/test-classes:$work/classes:$(cat "$work/classpath.txt")"
# The stand-in logs each rejected guard (an expected part of resuming) as an error: off.
exec java -Xmx2g -XX:TieredStopAtLevel=1 \
  -Dorg.slf4j.simpleLogger.log.org.apache.directory=off \
  -cp "$cp" io.lapsbridge.bench.FaultCampaign \
  --runs "$runs" --seed "$seed" --computers "$computers" --work "$work" \
  --report "$work/report.md"
