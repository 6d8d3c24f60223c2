#!/usr/bin/env bash
# Times `inventory --directory entra` streaming a synthetic tenant from the Graph stand-in within
# a 256 MB heap, next to fetching the same pages with curl (token by curl too, pages followed
# along @odata.nextLink). Needs curl and GNU time. Usage: bench/entra-inventory.sh [devices]
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-100000}"
bin/lapsbridge --version >/dev/null           # builds the jar if needed
jar="$(ls target/lapsbridge-*-all.jar | head -n 1)"
work="$(mktemp -d)"; log="$work/standin.log"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

java -cp "$jar" io.lapsbridge.embedded.entra.SyntheticTenant "$devices" "$work" >"$log" 2>&1 &
server=$!
for _ in $(seq 60); do grep -q 'Serving until' "$log" && break; sleep 1; done
read -r -a options < <(head -n 1 "$log")
graph="$(grep -o 'graph-url [^ ]*' "$log" | cut -d' ' -f2)"
cert="$(grep -o 'graph-trust-store [^ ]*' "$log" | cut -d' ' -f2)"
tenant="$(grep -o 'tenant [^ ]*' "$log" | cut -d' ' -f2)"
client="$(grep -o 'client-id [^ ]*' "$log" | cut -d' ' -f2)"

echo "== lapsbridge inventory --directory entra --format csv, $devices devices, -Xmx256m"
/usr/bin/time -f 'wall %e s, max RSS %M KiB' java -Xmx256m -jar "$jar" inventory \
  --directory entra --format csv "${options[@]}" >"$work/inventory.csv"
echo "rows (with header): $(wc -l <"$work/inventory.csv")"

echo "== curl: token, then every page along @odata.nextLink"
fetch() {
  token="$(curl -s --cacert "$cert" -d grant_type=client_credentials -d "client_id=$client" \
    --data-urlencode "client_secret@$work/client.secret" \
    --data-urlencode 'scope=https://graph.microsoft.com/.default' \
    "$graph/$tenant/oauth2/v2.0/token" | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4)"
  url="$graph/v1.0/directory/deviceLocalCredentials?\$top=1000"
  pages=0
  while [ -n "$url" ]; do
    curl -s --cacert "$cert" -H "Authorization: Bearer $token" "$url" >"$work/page.json"
    pages=$((pages + 1))
    url="$(grep -o '"@odata.nextLink":"[^"]*"' "$work/page.json" | cut -d'"' -f4 || true)"
  done
  echo "pages: $pages"
}
export -f fetch
export cert client graph tenant work
/usr/bin/time -f 'wall %e s, max RSS %M KiB' bash -c fetch
