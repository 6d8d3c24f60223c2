#!/usr/bin/env bash
# The online-decryption benchmark of issue #14: get-password of N computers whose encrypted
# passwords share one key interval, read online (MS-GKDI GetKey as the LAPS reader, against the
# stand-in's GetKey server) and with a `kds export` key file, interleaved rounds in one process
# each. Prints the GetKey calls per online run and the wall times. Not run by CI.
#   bench/online-decryption.sh [COMPUTERS] [ROUNDS]      (defaults 1000 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  io.lapsbridge.cli.OnlineGetPasswordBenchmark "${1:-1000}" "${2:-3}"
