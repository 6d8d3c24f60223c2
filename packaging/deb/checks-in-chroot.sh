#!/bin/bash
# Runs inside the Debian 12 chroot that test-in-chroot.sh prepares: install, use, remove and
# purge the package, failing on the first check that does not hold. Usage: checks.sh PACKAGE.deb
set -euo pipefail
deb="$1"
export DEBIAN_FRONTEND=noninteractive MANPAGER=cat PAGER=cat MANWIDTH=100
failures=0
check() {  # check DESCRIPTION COMMAND...: run it, report ok/FAIL, count failures
  local what="$1"; shift
  if out="$("$@" 2>&1)"; then
    echo "ok   $what"
  else
    echo "FAIL $what"; printf '%s\n' "$out" | sed 's/^/     /' | tail -n 20
    failures=$((failures + 1))
  fi
}
# Every file outside the package manager's and the system's own bookkeeping.
files() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
    -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache/apt -o -path /var/cache/man \
    -o -path /var/cache/debconf -o -path /var/lib/pam -o -path /var/log \) -prune -o -print | sort
}

files > /tmp/before
echo "== install"
check "apt-get install ./lapsbridge.deb" apt-get install -y -q "$deb"

echo "== command"
check "lapsbridge --version prints the version" bash -c 'lapsbridge --version | grep -E "^lapsbridge [0-9]"'
check "the launcher is /usr/bin/lapsbridge" test "$(command -v lapsbridge)" = /usr/bin/lapsbridge
check "a usage error exits 2" bash -c 'lapsbridge get-password --no-such-option; test $? = 2'
check "postinst made a class-data-sharing archive" test -s /var/cache/lapsbridge/lapsbridge.jsa
# -Xshare:on fails the JVM when the archive cannot be mapped; -Xshare:auto would hide that.
check "the archive maps (-Xshare:on)" env LAPSBRIDGE_JAVA_OPTS=-Xshare:on lapsbridge --version

echo "== man pages"
check "man -w lapsbridge" bash -c 'test "$(man -w lapsbridge)" = /usr/share/man/man1/lapsbridge.1.gz'
check "man -w lapsbridge-get-password" man -w lapsbridge-get-password
check "the get-password page documents --bind-password-file" \
  bash -c 'man lapsbridge-get-password | grep -q -- "--bind-password-file"'
check "one page per command (migrate plan)" man -w lapsbridge-migrate-plan
check "pages render without groff warnings" \
  bash -c 'for p in /usr/share/man/man1/lapsbridge*.1.gz; do w="$(man --warnings -l "$p" 2>&1 >/dev/null)"; [ -z "$w" ] || { echo "$p: $w"; exit 1; }; done'

echo "== completion"
check "bash completion loads" \
  bash -c 'source /usr/share/bash-completion/completions/lapsbridge && complete -p lapsbridge'
check "bash completes commands" bash -c 'source /usr/share/bash-completion/completions/lapsbridge
  COMP_WORDS=(lapsbridge get-p); COMP_CWORD=1; COMP_LINE="lapsbridge get-p"
  _complete_lapsbridge; [ "${COMPREPLY[*]}" = get-password ] || { echo "got: ${COMPREPLY[*]}"; exit 1; }'
check "bash completes --format values of inventory" bash -c 'source /usr/share/bash-completion/completions/lapsbridge
  COMP_WORDS=(lapsbridge inventory --format h); COMP_CWORD=3; COMP_LINE="lapsbridge inventory --format h"
  _complete_lapsbridge; [ "${COMPREPLY[*]}" = html ] || { echo "got: ${COMPREPLY[*]}"; exit 1; }'
check "zsh finds the completion through compinit" \
  zsh -fc 'autoload -U compinit && compinit -u -d /tmp/zcompdump && (( ${+_comps[lapsbridge]} )) && [[ ${_comps[lapsbridge]} == _lapsbridge ]]'

echo "== configuration, state, PAM"
check "agent.env is a conffile" bash -c 'dpkg-query -W -f="\${Conffiles}\n" lapsbridge | grep -q "/etc/lapsbridge/agent.env "'
check "agent.env is root-only (600 root)" test "$(stat -c '%a %U' /etc/lapsbridge/agent.env)" = "600 root"
check "state directory /var/lib/lapsbridge is 700 root" test "$(stat -c '%a %U' /var/lib/lapsbridge)" = "700 root"
check "the PAM profile is registered but off by default" \
  bash -c 'test -f /usr/share/pam-configs/lapsbridge && ! grep -q pam-login-hook /etc/pam.d/common-session'
check "pam-auth-update --enable lapsbridge adds the session hook" \
  bash -c 'pam-auth-update --enable lapsbridge && grep -E "^session\s+optional\s+pam_exec.so quiet /usr/lib/lapsbridge/pam-login-hook" /etc/pam.d/common-session'
check "the hook records a login" \
  bash -c 'PAM_TYPE=open_session PAM_USER=lapsadmin /usr/lib/lapsbridge/pam-login-hook && test -s /var/lib/lapsbridge/logins/lapsadmin'

echo "== systemd units"
check "systemd-analyze verify accepts the agent's units" \
  systemd-analyze verify /lib/systemd/system/lapsbridge-agent.service \
    /lib/systemd/system/lapsbridge-agent.timer /lib/systemd/system/lapsbridge-agent.path
check "the units are not enabled by the package" \
  bash -c '! ls /etc/systemd/system/*/lapsbridge-agent.* 2>/dev/null | grep -q .'

# What a rotation in flight leaves (the agent writes it; see docs/agent.md).
echo '{}' > /var/lib/lapsbridge/journal.json
chmod 600 /var/lib/lapsbridge/journal.json

echo "== remove"
check "apt-get remove lapsbridge" apt-get remove -y -q lapsbridge
check "the PAM hook left the stacks" bash -c '! grep -rq pam-login-hook /etc/pam.d/'
files > /tmp/after-remove
check "remove leaves only configuration and the agent's journal" \
  diff <(printf '%s\n' /etc/lapsbridge /etc/lapsbridge/agent.env /var/lib/lapsbridge /var/lib/lapsbridge/journal.json) \
       <(comm -13 /tmp/before /tmp/after-remove)

echo "== purge"
check "dpkg --purge lapsbridge" dpkg --purge lapsbridge
files > /tmp/after-purge
check "purge leaves only the agent's journal" \
  diff <(printf '%s\n' /var/lib/lapsbridge /var/lib/lapsbridge/journal.json) <(comm -13 /tmp/before /tmp/after-purge)
check "nothing of the package went missing from the system" diff /dev/null <(comm -23 /tmp/before /tmp/after-purge)

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
