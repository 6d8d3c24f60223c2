#!/usr/bin/env bash
# The console's API reads against the stand-in (demo --serve) with warm sessions, 1 and 50
# concurrent users, next to one-shot ldapsearch of the same entry with the same account.
# Needs ldap-utils and python3. Usage: bench/console.sh [reads-per-user-at-1] [reads-per-user-at-50]
set -euo pipefail
cd "$(dirname "$0")/.."
single="${1:-1000}"
each="${2:-100}"
bin/lapsbridge --version >/dev/null           # builds the jar if needed
jar="$(ls target/lapsbridge-*-all.jar | head -n 1)"
log="$(mktemp)"; trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
java -jar "$jar" demo --serve --no-tour --port 11389 --ldaps-port 11636 --console-port 18443 \
  >"$log" 2>&1 &
server=$!
for _ in $(seq 90); do grep -q 'Serving until' "$log" && break; sleep 1; done
cert="$(grep -o '/tmp/[^ ]*standin-cert.pem' "$log" | head -n 1)"
pw="$(grep -o '/tmp/lapsbridge-demo-reader-[^ )]*' "$log" | head -n 1)"
reader='cn=Helen Desk,ou=People,dc=example,dc=com'
url='https://127.0.0.1:18443/'

echo "== one-shot ldapsearch of WS-00001 (StartTLS, bind, search, unbind), 30 runs"
times=()
for _ in $(seq 30); do
  t0=$(date +%s%N)
  LDAPTLS_CACERT="$cert" ldapsearch -LLL -ZZ -x -H ldap://127.0.0.1:11389 -D "$reader" -y "$pw" \
    -b dc=example,dc=com '(|(cn=WS-00001)(sAMAccountName=WS-00001$))' ms-Mcs-AdmPwd \
    ms-Mcs-AdmPwdExpirationTime msLAPS-Password msLAPS-PasswordExpirationTime >/dev/null
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000 )))
done
printf '%s\n' "${times[@]}" | python3 -c 'import sys; v=sorted(int(x) for x in sys.stdin); print("ldapsearch: p50 %.2f ms, p99 %.2f ms (n=%d)" % (v[len(v)//2]/1000, v[-1]/1000, len(v)))'

echo "== console API: GET /api/v1/computer?name=WS-00001, warm sessions"
java bench/ConsoleLoad.java "$url" 1 "$single" WS-00001 "$reader" reader-secret
java bench/ConsoleLoad.java "$url" 50 "$each" WS-00001 "$reader" reader-secret
