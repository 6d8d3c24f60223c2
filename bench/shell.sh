#!/usr/bin/env bash
# One `lapsbridge shell` answering N `get` lines (one bind) against N get-password processes
# (one JVM start and bind each), on the embedded stand-in. Needs GNU time.
# Usage: bench/shell.sh [N] (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
bin/lapsbridge --version >/dev/null           # builds the jar and the CDS archive if needed
jar="$(ls target/lapsbridge-*-all.jar | head -n 1)"
log="$(mktemp)"; work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$log" "$work"' EXIT
java -jar "$jar" demo --serve --no-tour --port 12389 --ldaps-port 12636 >"$log" 2>&1 &
server=$!
for _ in $(seq 90); do grep -q 'Serving until' "$log" && break; sleep 1; done
cert="$(grep -o '/tmp/[^ ]*standin-cert.pem' "$log" | head -n 1)"
pw="$(grep -o '/tmp/lapsbridge-demo-reader-[^ )]*' "$log" | head -n 1)"
conn=(--host 127.0.0.1 --port 12389 --start-tls --trust-store "$cert"
  --bind-dn 'cn=Helen Desk,ou=People,dc=example,dc=com' --bind-password-file "$pw")
# N computers that hold a readable password, found through the shell itself.
for i in $(seq 1 $((n * 3))); do printf 'get WS-%05d\n' "$i"; done >"$work/probe"
bin/lapsbridge shell "${conn[@]}" <"$work/probe" 2>/dev/null \
  | sed -n 's/^ComputerName        : //p' | head -n "$n" >"$work/names" || true
sed 's/^/get /' "$work/names" >"$work/gets"
echo exit >"$work/exit"
echo "== $(wc -l <"$work/names") computers, StartTLS, LAPS Readers member"
for round in 1 2 3; do
  /usr/bin/time -f "round $round: get-password x N (processes): %e s" bash -c \
    'while read -r c; do bin/lapsbridge get-password "$c" "$@" >/dev/null; done <"$0"' \
    "$work/names" "${conn[@]}"
  /usr/bin/time -f "round $round: one shell, N gets: %e s" \
    bin/lapsbridge shell "${conn[@]}" <"$work/gets" >/dev/null
  /usr/bin/time -f "round $round: one shell, exit only: %e s" \
    bin/lapsbridge shell "${conn[@]}" <"$work/exit" >/dev/null
done
