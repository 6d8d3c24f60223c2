#!/usr/bin/env bash
# Where one get-password process's time goes, and what the packaged command costs next to the
# JVM's floor and ldapsearch. Method and figures: bench/startup.md.
#
# Needs: the Debian package (mvn -B -Pdeb -DskipTests package), ldap-utils and GNU time. Optional: a JDK 25 (JDK25=/path, default
# /usr/lib/jvm/temurin-25-jdk-amd64) for the jlink variants. Usage: bench/startup.sh [RUNS]
#
# Nothing is installed: the package is unpacked into a temporary directory and its launcher and
# postinst are run there with their paths rewritten, so the JVM options, the jar and the
# class-data-sharing archive are the package's own.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
deb="$(ls -t target/lapsbridge_*_all.deb | head -n 1)"
work="$(mktemp -d /tmp/lapsbridge-startup.XXXXXX)"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"

# The package, unpacked; launcher and postinst pointed at the unpacked tree.
dpkg-deb -x "$deb" "$work/pkg"
dpkg-deb -e "$deb" "$work/ctl"
rewrite() { sed -e "s|/usr/share/lapsbridge|$work/pkg/usr/share/lapsbridge|g" \
                -e "s|/var/cache/lapsbridge|$work/pkg/var/cache/lapsbridge|g" "$1" > "$2"; chmod 755 "$2"; }
rewrite "$work/pkg/usr/bin/lapsbridge" "$work/lapsbridge"
rewrite "$work/ctl/postinst" "$work/postinst"
jar="$work/pkg/usr/share/lapsbridge/lapsbridge.jar"
start=$(date +%s%N)
"$work/postinst" triggered          # builds the AppCDS archive exactly as on installation
echo "== postinst's archive: $(( ($(date +%s%N) - start) / 1000000 )) ms, $(du -k "$work/pkg/var/cache/lapsbridge/lapsbridge.jsa" | cut -f1) KiB"

# An empty main: the JVM's floor on each runtime, with the runtime's default CDS archive.
mkdir -p "$work/empty"
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$work/empty/Empty.java"
javac --release 17 -d "$work/empty" "$work/empty/Empty.java"

# The stand-in, serving LDAPS on a free port.
java -jar "$jar" demo --serve --no-tour --port 0 --ldaps-port 0 > "$work/demo.log" 2>&1 &
server=$!
for _ in $(seq 120); do grep -q 'Serving until' "$work/demo.log" && break; sleep 1; done
ldaps="$(grep -o 'ldaps://127.0.0.1:[0-9]*' "$work/demo.log" | head -n 1)"
port="${ldaps##*:}"
cert="$(grep -o '/tmp/[^ ]*standin-cert.pem' "$work/demo.log" | head -n 1)"
pw="$(grep -o '/tmp/lapsbridge-demo-reader-[^ )]*' "$work/demo.log" | head -n 1)"
reader='cn=Helen Desk,ou=People,dc=example,dc=com'
gp=(get-password WS-00001 --host 127.0.0.1 --port "$port" --ldaps --trust-store "$cert"
    --bind-dn "$reader" --bind-password-file "$pw")
q() { printf '%q ' "$@"; }

c1=(-XX:TieredStopAtLevel=1)
variants=(
  "floor, Java 17 (empty main, default CDS)|java -Xshare:auto ${c1[*]} -cp $work/empty Empty"
  "get-password, java -jar (no AppCDS, C2)|java -jar $(q "$jar" "${gp[@]}")"
  "get-password, packaged (/usr/bin/lapsbridge)|$(q "$work/lapsbridge" "${gp[@]}")"
  "ldapsearch, same read|env LDAPTLS_CACERT=$cert $(q ldapsearch -LLL -x -H "$ldaps" -D "$reader" -y "$pw" -b dc=example,dc=com '(|(cn=WS-00001)(sAMAccountName=WS-00001$))' ms-Mcs-AdmPwd ms-Mcs-AdmPwdExpirationTime msLAPS-Password msLAPS-PasswordExpirationTime)"
  "packaged --version|$work/lapsbridge --version"
  "packaged get-password, nothing listening (no TLS)|$(q "$work/lapsbridge" get-password WS-00001 --host 127.0.0.1 --port 9 --ldaps --timeout 1)"
  "packaged get-password, -XX:+UseSerialGC|env LAPSBRIDGE_JAVA_OPTS=-XX:+UseSerialGC $(q "$work/lapsbridge" "${gp[@]}")"
  "packaged get-password, C2 too (TieredStopAtLevel=4)|env LAPSBRIDGE_JAVA_OPTS=-XX:TieredStopAtLevel=4 $(q "$work/lapsbridge" "${gp[@]}")"
  "packaged get-password, -Xshare:off|env LAPSBRIDGE_JAVA_OPTS=-Xshare:off $(q "$work/lapsbridge" "${gp[@]}")"
)

if [ -x "$jdk25/bin/jlink" ]; then
  # A runtime of the modules the jar needs (jdeps, plus the service providers jdeps cannot see:
  # DNS for SRV lookups, Kerberos login, charsets), with its default CDS archive.
  "$jdk25/bin/jlink" --add-modules java.base,java.desktop,java.management,java.naming,java.security.jgss,java.security.sasl,java.sql,jdk.unsupported,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.charsets \
    --strip-debug --no-man-pages --no-header-files --compress zip-6 --generate-cds-archive \
    --output "$work/jre25" >/dev/null
  j25="$work/jre25/bin/java"
  train=(demo --port 0 --ldaps-port 0 --computers 4)
  "$j25" -XX:ArchiveClassesAtExit="$work/app25.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "${c1[@]}" -jar "$jar" "${train[@]}" >/dev/null 2>&1
  "$j25" -XX:AOTCacheOutput="$work/app25.aot" -Xlog:aot=off "${c1[@]}" -jar "$jar" "${train[@]}" >/dev/null 2>&1
  echo "== jlink Java 25 runtime: $(du -sk "$work/jre25" | cut -f1) KiB; AppCDS $(du -k "$work/app25.jsa" | cut -f1) KiB; AOT cache $(du -k "$work/app25.aot" | cut -f1) KiB"
  variants+=(
    "floor, Java 25 jlink (empty main, default CDS)|$j25 -Xshare:auto ${c1[*]} -cp $work/empty Empty"
    "get-password, Java 25 jlink + AppCDS|$j25 -XX:SharedArchiveFile=$work/app25.jsa -Xlog:cds=off -Xlog:cds+dynamic=off ${c1[*]} -jar $(q "$jar" "${gp[@]}")"
    "get-password, Java 25 jlink + AOT cache (JEP 483/514)|$j25 -XX:AOTCache=$work/app25.aot -Xlog:aot=off ${c1[*]} -jar $(q "$jar" "${gp[@]}")"
    "get-password, Java 25 jlink + -XX:+AutoCreateSharedArchive|$j25 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/auto25.jsa -Xlog:cds=off -Xlog:cds+dynamic=off ${c1[*]} -jar $(q "$jar" "${gp[@]}")"
  )
fi

# Timing: interleaved rounds rather than hyperfine's one-variant-after-another blocks. The
# machine's 2 cores are shared with other builds whose load drifts over minutes; with every
# variant run once per round, in turn, a drift hits all of them alike. One warm-up round (it
# also lets -XX:+AutoCreateSharedArchive write its archive), then $runs timed rounds with
# date +%s%N around each process; the table gives the median, the quartiles and the minimum,
# and the median CPU time (user + system, GNU time, 10 ms resolution), which the other builds'
# load does not inflate. (GNU time writes a line before the times when the exit status is not 0.)
for v in "${variants[@]}"; do
  case "$v" in *"nothing listening"*) continue ;; esac
  bash -c "${v#*|}" >/dev/null 2>"$work/err" || { echo "variant failed: ${v%%|*}" >&2; cat "$work/err" >&2; exit 1; }
done
echo "== $runs interleaved rounds after 1 warm-up round"
: > "$work/times"
for round in $(seq 0 "$runs"); do
  for i in "${!variants[@]}"; do
    cmd="${variants[$i]#*|}"
    t0=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$work/cpu" bash -c "$cmd" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    [ "$round" = 0 ] || echo "$i $(( (t1 - t0) / 1000 )) $(tail -n 1 "$work/cpu" | awk '{print ($1 + $2) * 1000}')" >> "$work/times"
  done
done
printf '| %-58s | %9s | %15s | %7s | %11s |\n' "variant" "median ms" "quartiles ms" "min ms" "CPU ms (med)"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' $(seq 60))" "----------:" "----------------:" "--------:" "------------:"
for i in "${!variants[@]}"; do
  cpu="$(awk -v i="$i" '$1 == i {print $3}' "$work/times" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"
  awk -v i="$i" '$1 == i {print $2 / 1000}' "$work/times" | sort -n | awk -v name="${variants[$i]%%|*}" -v cpu="$cpu" '
    {v[NR] = $1} END {
      printf "| %-58s | %9.0f | %7.0f - %-5.0f | %7.0f | %11.0f |\n", name, v[int((NR + 1) / 2)],
        v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)], v[1], cpu }'
done
echo "(bash -c around each process adds about 2 ms to every row)"

# Timeline of one packaged get-password: when marker classes load (JVM uptime, median of 7).
echo "== timeline of the packaged get-password (ms of JVM uptime, median of 7 runs)"
markers=(
  "io.lapsbridge.cli.Main|main() entered: JVM and launcher ready"
  "io.lapsbridge.cli.GetPasswordCommand|command chosen, picocli model built"
  "com.unboundid.ldap.sdk.LDAPConnection|LDAP connection object created (trust store read)"
  "sun.security.ssl.ClientHello\$ClientHelloMessage|TLS handshake starts (ClientHello)"
  "sun.security.ssl.Finished\$FinishedMessage|TLS handshake finishing (Finished)"
  "io.lapsbridge.cli.ExitStatus|result printed, exit"
)
for i in $(seq 7); do
  LAPSBRIDGE_JAVA_OPTS="-Xlog:class+load:file=$work/cl$i.log:uptime" "$work/lapsbridge" "${gp[@]}" >/dev/null
done
for m in "${markers[@]}"; do
  cls="${m%%|*}"
  for i in $(seq 7); do
    grep -F "] $cls " "$work/cl$i.log" | head -n 1 | sed -E 's/^\[([0-9.]+)s\].*/\1/'
  done | sort -n | sed -n 4p | awk -v what="${m#*|}" '{printf "%6.0f  %s\n", $1 * 1000, what}'
done
echo "classes loaded: $(wc -l < "$work/cl1.log"), of them from the CDS archives: $(grep -c 'shared objects file' "$work/cl1.log")"
