#!/usr/bin/env bash
# Real parts for the tests: Debian's chromium (page tests), redis-server (the Redis
# queue test), dovecot-imapd (IMAP polling), poppler-utils and zbar-tools (posters
# and QR codes). Installed when missing
# and we can (root + apt); otherwise those tests skip and say why.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)  # the IMAP polling test
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)  # decodes the QR codes we print
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing for the tests: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "Could not install ${missing[*]}: the tests that need them will be skipped."
else
  echo "Not installed and cannot install here: ${missing[*]}; the tests that need them will be skipped."
fi
