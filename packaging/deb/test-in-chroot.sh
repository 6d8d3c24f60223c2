#!/usr/bin/env bash
# Installs the Debian package in a fresh Debian 12 chroot and checks it as an administrator
# would meet it, then removes and purges it and checks what is left; runs lintian on it.
# Usage (root): packaging/deb/test-in-chroot.sh [target/lapsbridge_*.deb]
#
# The chroot comes from debootstrap on the Debian mirror this machine's apt uses, with a Java
# runtime, man-db, bash-completion, zsh and systemd (for systemd-analyze) preinstalled. Its
# tarball is cached in $LAPSBRIDGE_CHROOT_CACHE (default /var/cache/lapsbridge-ci): about
# 2 minutes to make, 15 s to unpack. Each run unpacks a fresh copy. The host's PAM, systemd and
# package state are never touched: everything package-related happens inside the chroot.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb="${1:-$(ls -t target/lapsbridge_*_all.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || { echo "test-in-chroot: no package; build it with mvn -B -Pdeb -DskipTests package" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "test-in-chroot: needs root (debootstrap, chroot, mount)" >&2; exit 2; }

cache="${LAPSBRIDGE_CHROOT_CACHE:-/var/cache/lapsbridge-ci}"
suite=bookworm
include=default-jre-headless,man-db,bash-completion,zsh,systemd
base="$cache/$suite-base.tar"
stamp="$suite minbase $include"

need=()
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v lintian >/dev/null 2>&1 || need+=(lintian)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

# The mirror the host's apt uses (deb822 sources first, then the one-line format).
mirror() {
  local uri
  uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)"
  [ -n "$uri" ] || uri="$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    | awk '{print $2}' | grep -i debian | grep -v security | head -n 1)"
  echo "${uri:-http://deb.debian.org/debian}"
}

if [ ! -f "$base" ] || [ "$(cat "$base.stamp" 2>/dev/null)" != "$stamp" ]; then
  start=$(date +%s)
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/debootstrap.XXXXXX")"
  echo "test-in-chroot: debootstrap $suite from $(mirror) (once; cached in $base)"
  debootstrap --variant=minbase --include="$include" "$suite" "$tmp/root" "$(mirror)" >"$tmp/log" 2>&1 \
    || { tail -n 30 "$tmp/log" >&2; exit 1; }
  tar -C "$tmp/root" -cf "$base.part" .
  mv "$base.part" "$base"
  echo "$stamp" > "$base.stamp"
  rm -rf "$tmp"
  echo "test-in-chroot: base made in $(( $(date +%s) - start )) s"
fi

root="$(mktemp -d /var/tmp/lapsbridge-chroot.XXXXXX)"
cleanup() {
  for m in proc dev/pts dev; do
    mountpoint -q "$root/$m" && umount -l "$root/$m"
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
start=$(date +%s)
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" 2>/dev/null || true
# Nothing starts services inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/tmp/lapsbridge.deb"
cp packaging/deb/checks-in-chroot.sh "$root/tmp/checks.sh"
echo "test-in-chroot: chroot ready in $(( $(date +%s) - start )) s"

status=0
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  /bin/bash /tmp/checks.sh /tmp/lapsbridge.deb || status=$?

echo "== lintian $(lintian --version | awk '{print $2}')"
lintian_status=0
lintian --info --display-info --fail-on error "$deb" || lintian_status=$?
[ "$lintian_status" = 0 ] || echo "test-in-chroot: lintian reports errors" >&2

if [ "$status" != 0 ] || [ "$lintian_status" != 0 ]; then
  echo "test-in-chroot: FAILED" >&2
  exit 1
fi
echo "test-in-chroot: all checks passed in $(( $(date +%s) - start )) s"
