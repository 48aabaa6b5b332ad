#!/usr/bin/env bash
# The programs the tests drive, from Debian: chromium (the browser tests, with the DejaVu
# fonts its pages are measured in), pdftotext (poppler-utils: the printed page read back) and
# zbarimg (zbar-tools: the presenter view's QR code decoded). As root, installs what is
# missing; otherwise says in one line what to install, and fails. `make test` and .ci/run
# call it, so that a fresh machine needs nothing installed by hand.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "test tools missing: run  sudo apt-get install ${missing[*]}  (or make test as root, which installs them)" >&2
	exit 1
fi
echo "== installing from Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
