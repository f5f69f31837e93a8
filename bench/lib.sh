# shellcheck shell=bash
# The plumbing bench/run.sh, bench/pages.sh and bench/million.sh share. Sourced (`. bench/lib.sh`,
# from the repository root, once the script has cd'ed there), not run: it only defines functions.
# Those that set variables of the script say so.

die() { echo "bench: $*" >&2; exit 1; }

# bench_parse_args ARGS...: sets record (1, or 0 with --no-record); -h/--help prints the script's
# header comment (the lines after #!, up to the first that is not a comment) and exits.
# shellcheck disable=SC2034 # the caller uses record
bench_parse_args() {
	local arg
	record=1
	for arg in "$@"; do
		case "$arg" in
		--no-record) record=0 ;;
		-h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "bench: unknown argument $arg (usage: bench/$(basename "$0") [--no-record])" >&2; exit 2 ;;
		esac
	done
}

# bench_defaults CONNECTIONS: sets duration, conns, threads, warmup, build, results and mishu from
# the environment (CONNECTIONS is the default of BENCH_CONNECTIONS).
# shellcheck disable=SC2034 # the caller uses them
bench_defaults() {
	duration=${BENCH_DURATION:-10s}
	conns=${BENCH_CONNECTIONS:-$1}
	threads=${BENCH_THREADS:-2}
	warmup=${BENCH_WARMUP:-2s}
	build=${BUILD:-build}
	results=${BENCH_RESULTS:-bench/RESULTS.md}
	mishu=$build/mishu
}

# bench_need_tools REMEDY TOOL...: dies unless each TOOL is on PATH (nginx: or /usr/sbin/nginx, off
# a non-root PATH), saying "TOOL is missing; run REMEDY".
bench_need_tools() {
	local remedy=$1 tool
	shift
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { [ "$tool" = nginx ] && [ -x /usr/sbin/nginx ]; } ||
			die "$tool is missing; run $remedy"
	done
}

# bench_start_nginx TMP NGINX_BIN CONF_IN [SED_ARGS...]: starts nginx on a free port with
# TMP/nginx/nginx.conf, made from CONF_IN (@TMP@, @PORT@, @USER@ and @GROUP@ replaced, and whatever
# SED_ARGS replace); sets nginx_pid and nginx_port. Dies if it cannot.
bench_start_nginx() {
	local tmp=$1 nginx_bin=$2 conf_in=$3 port
	shift 3
	mkdir -p "$tmp/nginx"
	nginx_pid="" nginx_port=""
	for _ in $(seq 20); do
		port=$((20000 + RANDOM % 40000))
		bench_port_free "$port" || continue
		sed -e "s#@TMP@#$tmp#g" -e "s#@PORT@#$port#g" -e "s#@USER@#$(id -un)#g" -e "s#@GROUP@#$(id -gn)#g" \
			"$@" "$conf_in" >"$tmp/nginx/nginx.conf"
		rm -f "$tmp/nginx/nginx.pid"
		"$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" \
			>"$tmp/nginx/stdout.log" 2>&1 &
		nginx_pid=$!
		# nginx writes its pid file once it listens; it exits when the port is taken.
		for _ in $(seq 100); do
			[ -s "$tmp/nginx/nginx.pid" ] && break
			kill -0 "$nginx_pid" 2>/dev/null || break
			sleep 0.1
		done
		if [ -s "$tmp/nginx/nginx.pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
			nginx_port=$port
			break
		fi
		kill -TERM "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true
		nginx_pid=""
		grep -q 'Address already in use' "$tmp/nginx/error.log" 2>/dev/null ||
			{ cat "$tmp/nginx/error.log" "$tmp/nginx/stdout.log" >&2 2>/dev/null; die "nginx did not start"; }
	done
	[ -n "$nginx_port" ] || die "no free port for nginx after 20 tries"
}

bench_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

to_ms() { # wrk's 812.00us / 1.23ms / 1.02s -> milliseconds
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# --- For the report's Machine and Versions lines.
bench_git_rev() { git rev-parse --short HEAD 2>/dev/null || echo unknown; }
bench_cpu() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1; }
bench_mem() { awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo; }

# "N cores, CPU, M GiB RAM, Linux x.y"
bench_machine() {
	local cpu
	cpu=$(bench_cpu)
	echo "$(nproc) cores, ${cpu:-unknown CPU}, $(bench_mem) RAM, $(uname -sr)"
}

# bench_versions MISHU BUILD NGINX_BIN: "mishu x.y (git REV[, uncommitted changes], meson buildtype
# T); nginx/x.y; wrk x.y"
bench_versions() {
	local mishu=$1 build=$2 nginx_bin=$3 buildtype rev
	buildtype=$(meson introspect "$build" --buildoptions 2>/dev/null |
		python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"))' \
		2>/dev/null || echo unknown)
	rev=$(bench_git_rev)
	if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
		rev="$rev, uncommitted changes"
	fi
	echo "$("$mishu" --version) (git $rev, meson buildtype $buildtype); $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'); $(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//' || true)"
}

# bench_record RESULTS_FILE REPORT_TEXT TMP: puts the report below the marker line of RESULTS_FILE
# (newest first), making the file with its title and the marker when it is missing, or at its end
# when it has no marker; TMP is a directory for the temporary files.
bench_record() {
	local results=$1 report=$2 tmp=$3
	local marker='<!-- bench/run.sh inserts each new run below this line, newest first -->'
	if [ ! -f "$results" ]; then
		printf '# mishu benchmark results\n\n%s\n' "$marker" >"$results"
	fi
	if grep -qF -- "$marker" "$results"; then
		printf '%s\n' "$report" >"$tmp/report.md"
		awk -v m="$marker" -v f="$tmp/report.md" '
			{ print }
			$0 == m { print ""; while ((getline l < f) > 0) print l }' "$results" >"$tmp/results.new"
		cat "$tmp/results.new" >"$results"
	else
		printf '\n%s\n' "$report" >>"$results"
	fi
	echo "bench: recorded in $results" >&2
}
