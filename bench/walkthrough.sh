#!/usr/bin/env bash
# The docs/migration.md walkthrough on a stand-in estate, end to end: inventory, plan, dry run,
# apply, kill -9, resume, check, HTML report. Usage: bench/walkthrough.sh [COMPUTERS] (10000)
set -euo pipefail
cd "$(dirname "$0")/.."
COMPUTERS=${1:-10000}
JAR=$(ls target/lapsbridge-*-all.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d /tmp/lapsbridge-walk.XXXXXX)
PORT=${PORT:-21389}
java -jar "$JAR" demo --serve --no-tour --computers "$COMPUTERS" --port "$PORT" --ldaps-port 0 \
  > "$WORK/demo.out" 2> "$WORK/demo.err" &
DEMO=$!
trap 'kill $DEMO 2>/dev/null || true' EXIT
until grep -q "Serving until Ctrl-C" "$WORK/demo.out" 2>/dev/null; do
  kill -0 $DEMO 2>/dev/null || { cat "$WORK/demo.err" >&2; exit 3; }
  sleep 1
done
CERT=$(sed -n 's/^Its self-signed certificate (for --trust-store): //p' "$WORK/demo.out")
printf '%s' "$(sed -n 's/^Administrator: *uid=admin,ou=system (\(.*\))$/\1/p' "$WORK/demo.out")" > "$WORK/admin.pw"
chmod 600 "$WORK/admin.pw"
C=(--host 127.0.0.1 --port "$PORT" --start-tls --trust-store "$CERT" --bind-dn uid=admin,ou=system
   --bind-password-file "$WORK/admin.pw")
lb() { java -jar "$JAR" "$@"; }
step() { echo; echo "\$ lapsbridge $*"; }
cat > "$WORK/rules.yaml" <<'RULES'
version: 1
rules:
  - name: everyone-to-windows
    scope: {subtree: "dc=example,dc=com"}
    target: windows-encrypted
    forceRotation: true
    cleanupLegacy: true
    mirror: true
RULES
# Exit 1 is expected: the sample estate holds malformed values on purpose (#18).
step inventory;             lb inventory "${C[@]}" | head -20 || test $? -eq 1
step inventory --format html; lb inventory "${C[@]}" --format html --output "$WORK/estate.html" || test $? -eq 1
echo "report: $WORK/estate.html ($(wc -c < "$WORK/estate.html") bytes)"
step migrate plan;          lb migrate plan "${C[@]}" --rules "$WORK/rules.yaml" --output "$WORK/plan.json" | head -6
step migrate apply --dry-run; lb migrate apply "${C[@]}" --plan "$WORK/plan.json" --dry-run | cut -f4 | sort | uniq -c
step "migrate apply --rate 500 (killed after 3 s)"
# java itself in the background, so that kill -9 hits the JVM and not a wrapper shell
java -jar "$JAR" migrate apply "${C[@]}" --plan "$WORK/plan.json" --rate 500 > "$WORK/apply.out" 2>&1 &
APPLY=$!; sleep 3; kill -9 $APPLY; wait $APPLY 2>/dev/null || true
echo "journal lines at kill: $(wc -l < "$WORK/plan.json.journal")"
step migrate resume
lb migrate resume "${C[@]}" --journal "$WORK/plan.json.journal" > "$WORK/resume.out" || echo "(exit $?)"
cut -f4 "$WORK/resume.out" | sort | uniq -c
grep -P '\tstale\t' "$WORK/resume.out" | cut -f2,5 | sort | uniq -c | sort -rn | head -5 || true
step migrate check;         lb migrate check "${C[@]}" --rules "$WORK/rules.yaml" || echo "(exit $?: work remains)"
step migrate plan --format json "(after)"
lb migrate plan "${C[@]}" --rules "$WORK/rules.yaml" --format json | python3 -c \
  "import json,sys; p=json.load(sys.stdin); print('actions left:', len(p['actions']), 'flags:', len(p['flags']), 'deferred:', len(p['deferred']))"
