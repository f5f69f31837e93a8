#!/bin/sh
# Installs every Debian package mishu's build, tests and server need, and the pinned npm packages.
# Idempotent: runs apt-get only for packages that are missing, and `apt-get update` only then.
# Usage: scripts/deps.sh [--bench]   (--bench adds wrk and nginx for `make bench`)
set -eu
cd "$(dirname "$0")/.."

pkgs="build-essential pkg-config meson ninja-build gettext
libglib2.0-dev libglib2.0-bin libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev
libsodium-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-arphic-ukai libxlsxwriter-dev
libminizip-dev libical-dev nodejs npm chromium postgresql curl ca-certificates locales
poppler-utils clang-format libgraphviz-dev tzdata"
[ "${1:-}" = "--bench" ] && pkgs="$pkgs wrk nginx-light"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# nodejs from another source (e.g. NodeSource) already brings npm; do not fight it.
case " $missing " in *" npm "*) command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm\b//') ;; esac

if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "deps: installing$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The UI's Chinese catalog needs the zh_CN.UTF-8 locale (gettext picks catalogs by locale).
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf8$'; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "deps: generating locale zh_CN.UTF-8"
	$sudo localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8
fi

# npm packages pinned by package-lock.json; install only when the lock changed.
if [ -f package-lock.json ]; then
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error
	fi
fi
