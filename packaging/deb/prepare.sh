#!/bin/sh
# Stages the files of the Debian package that need a build step: man pages and the changelog
# (changelog.gz: the version has no Debian revision, so this is a native package)
# gzipped (Debian policy 12.3 and 12.7; -n keeps the output reproducible). Called by the `deb`
# profile of pom.xml as: prepare.sh BASEDIR STAGING DEB_VERSION
set -eu
base="$1" staging="$2"
# jdeb turns 0.1.0-SNAPSHOT into 0.1.0~snapshot (sorts before 0.1.0); the changelog must agree.
version="$(printf %s "$3" | sed "s/-SNAPSHOT\$/~snapshot/")"
rm -rf "$staging"
mkdir -p "$staging/man"
for page in "$base"/packaging/man/*.1; do
  gzip -9nc "$page" > "$staging/man/$(basename "$page").gz"
done
{
  printf 'lapsbridge (%s) unstable; urgency=medium\n\n' "$version"
  printf '  * Built by the Maven build (jdeb); changes are in the project history.\n\n'
  printf ' -- lapsbridge maintainers <lapsbridge@example.org>  Wed, 25 Nov 2026 00:00:00 +0000\n'
} | gzip -9n > "$staging/changelog.gz"
