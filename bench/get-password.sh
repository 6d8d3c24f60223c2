#!/usr/bin/env bash
# Times one get-password process against ldapsearch doing the same read, and demo loading an
# estate, on the embedded stand-in. Needs hyperfine, ldap-utils and GNU time
# (apt-get install hyperfine ldap-utils time). Usage: bench/get-password.sh [computers]
set -euo pipefail
cd "$(dirname "$0")/.."
computers="${1:-10000}"
bin/lapsbridge --version >/dev/null           # builds the jar and the CDS archive if needed
jar="$(ls target/lapsbridge-*-all.jar | head -n 1)"
log="$(mktemp)"; trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT

echo "== demo: generate and load $computers computers"
/usr/bin/time -f 'wall %e s, max RSS %M KiB' java -jar "$jar" demo --port 0 --ldaps-port 0 \
  --computers "$computers" --no-tour | grep Loaded

echo "== get-password vs ldapsearch (one computer, StartTLS, LAPS Readers member)"
java -jar "$jar" demo --serve --no-tour --port 11389 --ldaps-port 11636 >"$log" 2>&1 &
server=$!
for _ in $(seq 60); do grep -q 'Serving until' "$log" && break; sleep 1; done
cert="$(grep -o '/tmp/[^ ]*standin-cert.pem' "$log" | head -n 1)"
pw="$(grep -o '/tmp/lapsbridge-demo-reader-[^ )]*' "$log" | head -n 1)"
reader='cn=Helen Desk,ou=People,dc=example,dc=com'
hyperfine -w 2 -r 20 -N \
  "bin/lapsbridge get-password WS-00001 --host 127.0.0.1 --port 11389 --start-tls --trust-store $cert --bind-dn '$reader' --bind-password-file $pw" \
  "java -jar $jar get-password WS-00001 --host 127.0.0.1 --port 11389 --start-tls --trust-store $cert --bind-dn '$reader' --bind-password-file $pw" \
  "env LDAPTLS_CACERT=$cert ldapsearch -LLL -ZZ -x -H ldap://127.0.0.1:11389 -D '$reader' -y $pw -b dc=example,dc=com '(|(cn=WS-00001)(sAMAccountName=WS-00001\$))' ms-Mcs-AdmPwd ms-Mcs-AdmPwdExpirationTime msLAPS-Password msLAPS-PasswordExpirationTime"
