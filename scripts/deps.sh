#!/bin/sh
# Installs the Debian and npm packages dxhub needs to build, run and test,
# skipping whatever is already there. Uses sudo when not run as root.
# With arguments, installs just those Debian packages (`make fuzz` passes
# its FUZZ_DEBS) and nothing from npm.
set -eu
cd "$(dirname "$0")/.."

DEBS="build-essential pkg-config gettext libmicrohttpd-dev libjansson-dev libsqlite3-dev
libicu-dev libsodium-dev zlib1g-dev libcmark-dev libcmocka-dev tzdata
libcurl4-openssl-dev libpwquality-dev cracklib-runtime python3-aiosmtpd libical-dev libxlsxwriter-dev libmagic-dev python3-icalendar python3-openpyxl
nodejs npm chromium wrk nginx-light curl sqlite3"
ONLY=$#
[ "$ONLY" -eq 0 ] || DEBS="$*"

missing=""
for p in $DEBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The machine may already have a newer Node.js than Debian's; keep it.
if command -v node >/dev/null 2>&1; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
missing=$(echo $missing)
if [ -n "$missing" ]; then
    echo "deps: installing Debian packages: $missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "$ONLY" -eq 0 ] && [ ! -d node_modules/playwright-core ]; then
    echo "deps: installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
fi
