#!/usr/bin/env bash
# Migration benchmark: inventory against ldapsearch, apply against ldapmodify, in one run on
# one stand-in. Not run by CI. Needs ldap-utils (apt-get install -y ldap-utils), python3 and
# GNU time (/usr/bin/time). Usage: bench/run-bench.sh [COMPUTERS] [ACTIONS_PATTERN]
#   COMPUTERS        estate size (default 100000)
#   ACTIONS_PATTERN  name glob of the computers to migrate (default *: at 100k computers the
#                    sample estate has 12.5k unexpired legacy-only ones, so 12.5k actions)
# Environment: ROUNDS (default 3) interleaved rounds of ldapmodify-1, ldapmodify-4 and apply;
#   CONNECTIONS and PIPELINE pass --connections/--pipeline to apply (default: the product's).
set -euo pipefail
cd "$(dirname "$0")/.."
COMPUTERS=${1:-100000}
PATTERN=${2:-*}
JAR=$(ls target/lapsbridge-*-all.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
# lapsbridge runs through its launcher, as users run it (class-data sharing, JIT settings).
LAPSBRIDGE=bin/lapsbridge
WORK=$(mktemp -d /tmp/lapsbridge-bench.XXXXXX)
PORT=${PORT:-20389}
echo "bench: $COMPUTERS computers, work dir $WORK" >&2

# The stand-in keeps its partitions in memory (AVL): JDBM would be bound by disk sync.
java -Xmx3g -jar "$JAR" demo --serve --no-tour --computers "$COMPUTERS" --port "$PORT" \
  --ldaps-port 0 > "$WORK/demo.out" 2> "$WORK/demo.err" &
DEMO=$!
trap 'kill $DEMO 2>/dev/null || true' EXIT
until grep -q "Serving until Ctrl-C" "$WORK/demo.out" 2>/dev/null; do
  kill -0 $DEMO 2>/dev/null || { cat "$WORK/demo.err" >&2; exit 3; }
  sleep 1
done
grep "Loaded" "$WORK/demo.out" >&2
CERT=$(sed -n 's/^Its self-signed certificate (for --trust-store): //p' "$WORK/demo.out")
READER_PW=$(sed -n 's/^LAPS Readers member: .*(password in \(.*\))$/\1/p' "$WORK/demo.out")
READER_DN=$(sed -n 's/^LAPS Readers member:  *\(.*\) (password in .*$/\1/p' "$WORK/demo.out")
ADMIN_DN="uid=admin,ou=system"
printf '%s' "$(sed -n 's/^Administrator: *uid=admin,ou=system (\(.*\))$/\1/p' "$WORK/demo.out")" > "$WORK/admin.pw"
chmod 600 "$WORK/admin.pw"
export LDAPTLS_CACERT="$CERT"
BASE="dc=example,dc=com"
LB=(--host 127.0.0.1 --port "$PORT" --start-tls --trust-store "$CERT")
ATTRS="cn ms-Mcs-AdmPwd ms-Mcs-AdmPwdExpirationTime msLAPS-Password msLAPS-PasswordExpirationTime msLAPS-EncryptedPassword"

timed() { # label, command...: appends "label seconds maxrss_kb user_s sys_s" to $WORK/results
  local label=$1; shift
  # inventory exits 1 on the sample estate, which holds malformed values on purpose (#18).
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" || {
    local status=$?; [ "$label" = inventory ] && [ "$status" -eq 1 ] || return "$status"; }
  echo "$label $(cat "$WORK/time")" >> "$WORK/results"
}

# The launcher's first run writes its class-data-sharing archive; keep that out of the timings.
$LAPSBRIDGE schema check "${LB[@]}" --bind-dn "$READER_DN" --bind-password-file "$READER_PW" \
  > /dev/null 2>&1 || true
echo "== inventory (same attributes, StartTLS, reader bind, pages of 1000)" >&2
timed ldapsearch ldapsearch -ZZ -x -H "ldap://127.0.0.1:$PORT" -D "$READER_DN" -y "$READER_PW" \
  -b "$BASE" -E pr=1000/noprompt -LLL '(objectClass=computer)' $ATTRS > "$WORK/ldapsearch.ldif"
LAPSBRIDGE_JAVA_OPTS=-Xmx256m timed inventory $LAPSBRIDGE inventory --format csv --output "$WORK/inventory.csv" \
  "${LB[@]}" --bind-dn "$READER_DN" --bind-password-file "$READER_PW"
echo "entries: ldapsearch $(grep -c '^dn:' "$WORK/ldapsearch.ldif"), inventory $(($(wc -l < "$WORK/inventory.csv") - 1))"

echo "== plan" >&2
cat > "$WORK/rules.yaml" <<RULES
version: 1
rules:
  - name: bench
    scope: {name: "$PATTERN"}
    target: windows-cleartext
    forceRotation: true
RULES
$LAPSBRIDGE migrate plan --rules "$WORK/rules.yaml" --output "$WORK/plan.json" \
  "${LB[@]}" --bind-dn "$ADMIN_DN" --bind-password-file "$WORK/admin.pw" > "$WORK/plan.txt"
head -3 "$WORK/plan.txt"

# The equivalent LDIF rewrites each planned attribute with the value the plan saw, so the
# plan stays valid for the apply that follows.
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
plan = json.load(open(f"{work}/plan.json"))
acts = [a for a in plan["actions"] if a["kind"] == "force-rotation"]
def rec(a):
    attr = "ms-Mcs-AdmPwdExpirationTime" if a["family"] == "legacy" else "msLAPS-PasswordExpirationTime"
    return f"dn: {a['dn']}\nchangetype: modify\nreplace: {attr}\n{attr}: {a['seenExpiry']}\n-\n\n"
with open(f"{work}/all.ldif", "w") as f:
    for a in acts: f.write(rec(a))
for i in range(4):
    with open(f"{work}/part{i}.ldif", "w") as f:
        for a in acts[i::4]: f.write(rec(a))
print(f"actions: {len(acts)}")
PY

echo "== apply, $ROUNDS interleaved rounds (each ldapmodify-1 also resets the estate)" >&2
LM=(ldapmodify -ZZ -x -H "ldap://127.0.0.1:$PORT" -D "$ADMIN_DN" -y "$WORK/admin.pw")
APPLY_OPTS=()
[ -n "${CONNECTIONS:-}" ] && APPLY_OPTS+=(--connections "$CONNECTIONS")
[ -n "${PIPELINE:-}" ] && APPLY_OPTS+=(--pipeline "$PIPELINE")
for round in $(seq "$ROUNDS"); do
  timed ldapmodify-1 "${LM[@]}" -f "$WORK/all.ldif" > /dev/null
  START=$(date +%s.%N)
  PIDS=()
  for i in 0 1 2 3; do "${LM[@]}" -f "$WORK/part$i.ldif" > /dev/null & PIDS+=($!); done
  wait "${PIDS[@]}"
  END=$(date +%s.%N)
  echo "ldapmodify-4 $(python3 -c "print(round($END-$START,2))") -" >> "$WORK/results"
  rm -f "$WORK/plan.json.journal"
  timed apply $LAPSBRIDGE migrate apply --plan "$WORK/plan.json" "${APPLY_OPTS[@]}" \
    "${LB[@]}" --bind-dn "$ADMIN_DN" --bind-password-file "$WORK/admin.pw" > "$WORK/apply.out"
  echo "round $round apply outcomes: $(cut -f4 "$WORK/apply.out" | sort | uniq -c | tr '\n' ' ')"
done
cat "$WORK/results"
python3 - "$WORK" <<'PY'
import json, statistics, sys
work = sys.argv[1]
runs = {}
for line in open(f"{work}/results"):
    label, seconds = line.split()[:2]
    runs.setdefault(label, []).append(float(seconds))
n = len(json.load(open(f"{work}/plan.json"))["actions"])
print(f"inventory/ldapsearch time ratio: {runs['inventory'][0]/runs['ldapsearch'][0]:.2f} (target <= 1.2)")
for r, (one, four, apply) in enumerate(zip(runs["ldapmodify-1"], runs["ldapmodify-4"], runs["apply"]), 1):
    print(f"round {r}: apply {n/apply:.0f}/s, one ldapmodify {n/one:.0f}/s, four {n/four:.0f}/s;"
          f" apply vs one ldapmodify {one/apply:.2f}x (target >= 1.3),"
          f" vs ceiling {four/apply:.2f}x (target >= 0.9)")
med = {k: statistics.median(v) for k, v in runs.items()}
print(f"median of {len(runs['apply'])} rounds: apply vs one ldapmodify"
      f" {med['ldapmodify-1']/med['apply']:.2f}x, vs ceiling {med['ldapmodify-4']/med['apply']:.2f}x")
PY
