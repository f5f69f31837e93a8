#!/bin/sh
# pg-cluster.sh — a throwaway PostgreSQL cluster for tests, reachable only through a Unix socket
# in its own directory (no TCP port, so several clusters can run at once).
#
#   pg-cluster.sh start DIR [WATCH_PID]
#       Creates (initdb, trust authentication, UTF-8, locale C.UTF-8) and starts a cluster in
#       DIR/data with its socket in DIR, creates the database "mishu", and prints exactly one
#       line on stdout: postgresql:///mishu?host=DIR&user=postgres
#       Starting a cluster that is already running only prints the line again.  With WATCH_PID,
#       a background watchdog stops and removes the cluster once that process has exited (so a
#       test that aborts half-way leaves nothing running).
#   pg-cluster.sh createdb DIR NAME
#       Creates one more database in the running cluster and prints its URI.
#   pg-cluster.sh stop DIR
#       Stops the cluster and removes what `start` created (DIR/data, DIR/*.log, and DIR itself
#       if it is then empty).  Succeeds when there is nothing to stop.
#
# As root (initdb and postgres refuse to run as root), the server runs as the `postgres` system
# user (created by Debian's postgresql package) through runuser or setpriv; DIR is chowned to it
# and must be reachable by it (e.g. under /tmp).  Binaries come from $PG_BINDIR, else the newest
# /usr/lib/postgresql/*/bin (15 preferred), else PATH.  DIR must be an absolute path without
# spaces or quotes, short enough for a socket path (about 90 bytes).  Messages go to stderr.
set -eu

die() {
	echo "pg-cluster.sh: $*" >&2
	exit 1
}

usage() {
	echo "usage: pg-cluster.sh start DIR [WATCH_PID] | createdb DIR NAME | stop DIR" >&2
	exit 2
}

find_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
		echo /usr/lib/postgresql/15/bin
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
	p=$(command -v initdb 2>/dev/null) || die "initdb not found: install postgresql (Debian: apt-get install postgresql)"
	dirname "$p"
}

# Runs a command as the cluster's owner: postgres when we are root, else ourselves.
as_owner() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u postgres -- "$@"
	else
		setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
	fi
}

check_dir() {
	case "$1" in
	/*) ;;
	*) die "DIR must be an absolute path: $1" ;;
	esac
	case "$1" in
	*[[:space:]\'\"\\\&\?\#%]*) die "DIR must not contain spaces, quotes or URI characters: $1" ;;
	esac
	[ ${#1} -le 90 ] || die "DIR is too long for a Unix socket path: $1"
}

running() { # DIR
	[ -f "$1/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

uri() { # DIR NAME
	echo "postgresql:///$2?host=$1&user=postgres"
}

start() { # DIR [WATCH_PID]
	dir=$1
	check_dir "$dir"
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || die "no postgres system user to run the server as root"
		chown postgres: "$dir"
		as_owner test -w "$dir" -a -x "$dir" ||
			die "user postgres cannot write to $dir (is a parent directory private?)"
	fi
	if ! running "$dir"; then
		if [ ! -f "$dir/data/PG_VERSION" ]; then
			rm -rf "$dir/data"
			if ! as_owner "$BIN/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 \
				--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
				cat "$dir/initdb.log" >&2
				die "initdb failed"
			fi
		fi
		if ! as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >"$dir/pg_ctl.log" 2>&1; then
			cat "$dir/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null || true
			die "the server did not start"
		fi
		if ! "$BIN/psql" -h "$dir" -U postgres -d postgres -XAtqc \
			"SELECT 1 FROM pg_database WHERE datname = 'mishu'" | grep -q 1; then
			"$BIN/createdb" -h "$dir" -U postgres mishu >&2 || die "createdb mishu failed"
		fi
	fi
	if [ -n "${2:-}" ]; then
		# In a session of its own, so that killing the caller's process group spares it, and
		# holding none of our output open, so that callers reading stdout see its end.
		if command -v setsid >/dev/null 2>&1; then
			setsid -f sh "$0" watch "$dir" "$2" </dev/null >/dev/null 2>&1
		else
			sh "$0" watch "$dir" "$2" </dev/null >/dev/null 2>&1 &
		fi
	fi
	uri "$dir" mishu
}

watch() { # DIR PID: stops and removes the cluster once PID has exited
	trap '' HUP INT TERM
	while kill -0 "$2" 2>/dev/null && [ -f "$1/data/postmaster.pid" ]; do
		sleep 1
	done
	if [ -f "$1/data/postmaster.pid" ]; then
		stop "$1"
	fi
}

createdb_cmd() { # DIR NAME
	check_dir "$1"
	case "$2" in
	'' | *[!A-Za-z0-9_]*) die "database names are letters, digits and _: $2" ;;
	esac
	running "$1" || die "no cluster is running in $1"
	"$BIN/createdb" -h "$1" -U postgres "$2" >&2 || die "createdb $2 failed"
	uri "$1" "$2"
}

stop() { # DIR
	dir=$1
	check_dir "$dir"
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir/data" "$dir/initdb.log" "$dir/pg_ctl.log" "$dir/server.log"
	rmdir "$dir" 2>/dev/null || true
}

[ $# -ge 2 ] || usage
BIN=$(find_bindir)
case "$1" in
start)
	[ $# -le 3 ] || usage
	start "$2" "${3:-}"
	;;
createdb)
	[ $# -eq 3 ] || usage
	createdb_cmd "$2" "$3"
	;;
stop)
	[ $# -eq 2 ] || usage
	stop "$2"
	;;
watch) # internal: see start
	[ $# -eq 3 ] || usage
	watch "$2" "$3"
	;;
*) usage ;;
esac
