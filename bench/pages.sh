#!/usr/bin/env bash
# wrk against signed-in pages: one mishu process on SQLite, and two on PostgreSQL behind nginx
# (see bench/README.md).
# Usage: bench/pages.sh [--no-record]
#   env: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (2s),
#        BUILD (build: where build/mishu is), BENCH_RESULTS (bench/RESULTS.md: the log to write),
#        BENCH_ENDPOINTS (the paths to load, space-separated; default below)
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

bench_parse_args "$@"

bench_defaults 64 # duration conns threads warmup build results mishu
# the dashboard, the signed-in user, health, and the division of responsibility at work: routing
# a document (rules and dated assignments) and the leaders with their portfolios
endpoints=${BENCH_ENDPOINTS:-"/ /api/v1/me /healthz /api/v1/route?work=incoming&domain=finance /api/v1/org/leaders"}
user=mishuke        # 秘书科 staff in the demo city (README.md lists the demo accounts)
password=demo-pass-2026

bench_need_tools "scripts/deps.sh --bench (or make bench)" wrk nginx curl
nginx_bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$mishu" ] || die "$mishu is missing; run make build"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishu-pages.XXXXXX")
# As root the cluster runs as the postgres user (tests/lib/pg-cluster.sh), which must reach
# $tmp/pg: let others through $tmp (not list it).
[ "$(id -u)" -eq 0 ] && chmod 711 "$tmp"
pgdir="" nginx_pid="" ok=0
declare -A pid port
cleanup() {
	set +e
	trap '' PIPE # stderr may be a pipe that is gone (bench/pages.sh | head): finish anyway
	[ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	for name in "${!pid[@]}"; do
		kill -TERM "${pid[$name]}" 2>/dev/null && wait "${pid[$name]}" 2>/dev/null
	done
	[ -n "$pgdir" ] && tests/lib/pg-cluster.sh stop "$pgdir"
	if [ "$ok" -ne 1 ]; then
		for f in "$tmp"/mishu-*.log "$tmp/nginx/error.log" "$tmp/pg/server.log"; do
			[ -s "$f" ] && { echo "bench: last lines of $f:" >&2; tail -n 5 "$f" >&2; }
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- start_mishu NAME DB [ARGS...]: `mishu serve` on a free port, access log (stderr) to a file.
start_mishu() {
	local name=$1 db=$2 p=""
	shift 2
	"$mishu" serve --db "$db" --listen 127.0.0.1:0 "$@" >"$tmp/mishu-$name.out" 2>"$tmp/mishu-$name.log" &
	pid[$name]=$!
	for _ in $(seq 100); do
		p=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$tmp/mishu-$name.out")
		[ -n "$p" ] && break
		kill -0 "${pid[$name]}" 2>/dev/null || die "mishu serve ($name) exited before listening"
		sleep 0.1
	done
	[ -n "$p" ] || die "mishu serve ($name) printed no 'listening on' line in 10 s"
	port[$name]=$p
}

# --- SQLite, one process.
sqlite_db="sqlite:$tmp/sqlite.db"
"$mishu" init --db "$sqlite_db" --demo=org >/dev/null
start_mishu sqlite "$sqlite_db"
sqlite_url=http://127.0.0.1:${port[sqlite]}

# --- PostgreSQL, two processes on one database (a throwaway cluster; the watchdog removes it
# should this script die without its cleanup).
pgdir=$tmp/pg
pg_uri=$(tests/lib/pg-cluster.sh start "$pgdir" $$) || die "the PostgreSQL cluster did not start"
"$mishu" init --db "$pg_uri" --demo=org >/dev/null
start_mishu pg-a "$pg_uri" --trust-proxy 127.0.0.1
start_mishu pg-b "$pg_uri" --trust-proxy 127.0.0.1
pga_url=http://127.0.0.1:${port[pg-a]}

# --- nginx: upstream of both processes, on a free port.
# sets nginx_pid, nginx_port
bench_start_nginx "$tmp" "$nginx_bin" bench/nginx-upstream.conf.in \
	-e "s#@UPSTREAM_A@#${port[pg-a]}#g" -e "s#@UPSTREAM_B@#${port[pg-b]}#g"
nginx_url=http://127.0.0.1:$nginx_port

# --- Sign in once per setup (through the API) and keep the session cookie.
sign_in() { # BASE_URL -> mishu_session=...
	local code cookie
	code=$(curl -s -o "$tmp/signin.json" -c "$tmp/cookies" -w '%{http_code}' \
		-H 'Content-Type: application/json' \
		-d "{\"username\":\"$user\",\"password\":\"$password\"}" "$1/api/v1/session") || code=000
	if [ "$code" != 200 ]; then
		{ cat "$tmp/signin.json" 2>/dev/null; echo; } >&2
		die "sign-in as $user at $1 answered $code, not 200"
	fi
	cookie=$(awk -F'\t' '$6 == "mishu_session" { print "mishu_session=" $7 }' "$tmp/cookies")
	[ -n "$cookie" ] || die "sign-in at $1 set no mishu_session cookie"
	echo "$cookie"
}
sqlite_cookie=$(sign_in "$sqlite_url")
pg_cookie=$(sign_in "$nginx_url")

# --- Each URL answers 200 (no redirect to /login), signed in as $user where it matters.
check() { # URL COOKIE EXPECTED_TEXT
	local code hdr=()
	[ -n "$2" ] && hdr=(-H "Cookie: $2")
	code=$(curl -s -o "$tmp/body" -w '%{http_code}' "${hdr[@]}" "$1") || code=000
	[ "$code" = 200 ] || die "$1 answered $code, not 200"
	grep -qF -- "$3" "$tmp/body" || die "$1 answered 200 without '$3' in its body"
}
for pair in "$sqlite_url $sqlite_cookie" "$nginx_url $pg_cookie" "$pga_url $pg_cookie"; do
	read -r base cookie <<<"$pair"
	check "$base/" "$cookie" '陈静'               # mishuke's display name in the page's header
	check "$base/api/v1/me" "$cookie" "\"username\":\"$user\""
	check "$base/healthz" "" '"status":"ok"'
done
# The session made through nginx is valid on both processes (shared in PostgreSQL).
check "http://127.0.0.1:${port[pg-b]}/api/v1/me" "$pg_cookie" "\"username\":\"$user\""

# --- CPU accounting, in clock ticks: what each group of processes used during a measured run.
hz=$(getconf CLK_TCK)
proc_ticks() { # PID... -> utime+stime summed (processes that are gone count 0)
	local t=0 p v
	for p in "$@"; do
		v=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null) || v=0
		t=$((t + ${v:-0}))
	done
	echo "$t"
}
children() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' | tr '\n' ' '; }
child_ticks() { # CPU time of this shell's finished children (bash `times`), in ticks
	times >"$tmp/times" # in this shell: a subshell starts with its children's times at zero
	awk -v hz="$hz" 'NR == 2 { t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] }
		printf "%d", t * hz + 0.5 }' "$tmp/times"
}
busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
postmaster=$(head -n 1 "$pgdir/data/postmaster.pid")
cpu_sample() { # -> "busy mishu nginx postgres"
	local pg_pids nginx_pids
	read -ra pg_pids <<<"$postmaster $(children "$postmaster")"
	read -ra nginx_pids <<<"$nginx_pid $(children "$nginx_pid")"
	echo "$(busy_ticks) $(proc_ticks "${pid[@]}") $(proc_ticks "${nginx_pids[@]}") $(proc_ticks "${pg_pids[@]}")"
}

# --- wrk: a warm-up, then the measured run, per endpoint and setup.
secs=$(awk -v d="$duration" 'BEGIN { n = d + 0; u = d; sub(/^[0-9.]+/, "", u)
	if (u == "m") n *= 60; else if (u == "h") n *= 3600; print n }')
# Statuses from the access log of the server wrk talks to: wrk itself counts only >= 400 (its
# "Non-2xx or 3xx" line), so a redirect to /login (303, an expired session) would pass unseen.
# Requests cut off when wrk stops (mishu: "aborted", nginx: 499) are counted apart.
count_mishu() { # LOGFILE FROM_LINE -> "non2xx aborted"
	tail -n +"$2" "$1" | awk '$2 == "notice" && $3 ~ /^[A-Z]+$/ && $5 ~ /^[0-9]+$/ {
		if ($NF == "aborted") a++; else if ($5 !~ /^2/) n++ } END { print n + 0, a + 0 }'
}
count_nginx() { # LOGFILE FROM_LINE -> "non2xx aborted"
	tail -n +"$2" "$1" | awk -F'"' '{ split($3, f, " "); if (f[1] == 499) a++; else if (f[1] !~ /^2/) n++ }
		END { print n + 0, a + 0 }'
}
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }

rows="" cpu_rows="" notes="" share=""
declare -A rps setup_name
setup_name=([sqlite]="SQLite, 1 process" [nginx]="PostgreSQL, 2 processes, via nginx"
	[pg-a]="PostgreSQL, 1 of the 2 processes, direct")
bench() { # SETUP(sqlite|nginx|pg-a) ENDPOINT URL COOKIE
	local setup=$1 ep=$2 url=$3 cookie=$4 out log from r avg p99 total wrk_bad sockerr counts
	local non2xx aborted c0 c1 w0 w1 cpu hdr=()
	out="$tmp/wrk.$setup.$(echo "$ep" | tr -c 'a-z0-9' _)"
	[ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
	case $setup in
	nginx) log=$tmp/nginx/access.log ;;
	*) log=$tmp/mishu-$setup.log ;;
	esac
	wrk -t"$threads" -c"$conns" -d"$warmup" "${hdr[@]}" "$url" >/dev/null
	sleep 0.5
	from=$(($(lines "$log") + 1))
	[ "$setup" = nginx ] && { mishu_a0=$(lines "$tmp/mishu-pg-a.log"); mishu_b0=$(lines "$tmp/mishu-pg-b.log"); }
	c0=$(cpu_sample)
	child_ticks >"$tmp/w0"
	wrk -t"$threads" -c"$conns" -d"$duration" --latency "${hdr[@]}" "$url" >"$out"
	child_ticks >"$tmp/w1"
	w0=$(cat "$tmp/w0") w1=$(cat "$tmp/w1")
	c1=$(cpu_sample)
	sleep 0.5
	r=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	avg=$(awk '$1 == "Latency" {print $2; exit}' "$out")
	p99=$(awk '$1 == "99%" {print $2}' "$out")
	total=$(awk '/requests in/ {print $1}' "$out")
	wrk_bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
	sockerr=$(sed -n 's/^ *Socket errors: //p' "$out")
	if [ -z "$r" ] || [ -z "$p99" ]; then
		cat "$out" >&2
		die "cannot read wrk's output for $url"
	fi
	if [ "$setup" = nginx ]; then counts=$(count_nginx "$log" "$from"); else counts=$(count_mishu "$log" "$from"); fi
	read -r non2xx aborted <<<"$counts"
	rps[$setup.$ep]=$r
	rows+="| ${setup_name[$setup]} | \`$ep\` | $(printf '%.0f' "$r") | $(to_ms "$avg") | $(to_ms "$p99") | $total | $non2xx |"$'\n'
	# Cores busy during the run: mishu (all processes), nginx, PostgreSQL, wrk, anything else.
	cpu=$(awk -v a="$c0" -v b="$c1" -v w="$((w1 - w0))" -v hz="$hz" -v s="$secs" 'BEGIN {
		split(a, x, " "); split(b, y, " "); k = hz * s
		m = (y[2] - x[2]) / k; n = (y[3] - x[3]) / k; p = (y[4] - x[4]) / k; t = (y[1] - x[1]) / k
		w /= k; o = t - m - n - p - w; if (o < 0) o = 0
		printf "%.2f | %.2f | %.2f | %.2f | %.2f | %.2f", m, n, p, w, o, t }')
	cpu_rows+="| ${setup_name[$setup]} | \`$ep\` | $cpu |"$'\n'
	other=$(echo "$cpu" | awk -F' [|] ' '{ print $5 }')
	if awk -v o="$other" 'BEGIN { exit !(o > 0.15) }'; then
		disturbed=$((disturbed + 1))
		other_max=$(awk -v a="$other" -v b="$other_max" 'BEGIN { print (a > b ? a : b) }')
	fi
	[ "$non2xx" -gt 0 ] && notes+="- ${setup_name[$setup]} \`$ep\`: $non2xx non-2xx responses out of $total (see the access log)."$'\n'
	[ -n "$wrk_bad" ] && notes+="- ${setup_name[$setup]} \`$ep\`: wrk counted $wrk_bad responses with status >= 400."$'\n'
	[ -n "$sockerr" ] && notes+="- ${setup_name[$setup]} \`$ep\`: wrk socket errors: $sockerr."$'\n'
	[ "$aborted" -gt 0 ] && aborted_total=$((aborted_total + aborted))
	if [ "$setup" = nginx ]; then
		local a b
		a=$(tail -n +"$((mishu_a0 + 1))" "$tmp/mishu-pg-a.log" | grep -c ' notice [A-Z]* /' || true)
		b=$(tail -n +"$((mishu_b0 + 1))" "$tmp/mishu-pg-b.log" | grep -c ' notice [A-Z]* /' || true)
		share+="\`$ep\` $a/$b, "
	fi
	echo "bench: ${setup_name[$setup]} $ep: $(printf '%.0f' "$r") req/s, $non2xx non-2xx" >&2
}
aborted_total=0 disturbed=0 other_max=0 runs=0
load=$(cut -d' ' -f1-3 /proc/loadavg)
awk '{ exit !($1 > 0.5) }' /proc/loadavg &&
	echo "bench: warning: load average $load before the run: something else is busy, the figures will show it" >&2
echo "bench: SQLite on $sqlite_url; PostgreSQL processes on $pga_url and :${port[pg-b]}, nginx on $nginx_url;" \
	"wrk -t$threads -c$conns -d$duration (warm-up $warmup)" >&2
for ep in $endpoints; do
	cookie_s=$sqlite_cookie cookie_p=$pg_cookie
	[ "$ep" = /healthz ] && cookie_s="" cookie_p=""
	bench sqlite "$ep" "$sqlite_url$ep" "$cookie_s"
	bench nginx "$ep" "$nginx_url$ep" "$cookie_p"
	bench pg-a "$ep" "$pga_url$ep" "$cookie_p"
	runs=$((runs + 3))
done

for name in "${!pid[@]}"; do
	kill -0 "${pid[$name]}" 2>/dev/null || die "mishu ($name) died during the run"
done
kill -0 "$nginx_pid" 2>/dev/null || die "nginx died during the run"
# The sessions are still good after the run (no expiry, no refusal under load).
check "$sqlite_url/api/v1/me" "$sqlite_cookie" "\"username\":\"$user\""
check "$nginx_url/api/v1/me" "$pg_cookie" "\"username\":\"$user\""
for f in "$tmp"/mishu-*.log; do
	n=$(grep -cE ' (warning|critical|error) ' "$f" || true)
	[ "$n" -gt 0 ] && notes+="- $(basename "$f" .log) logged $n warnings/errors, the first: \`$(grep -m1 -E ' (warning|critical|error) ' "$f")\`."$'\n'
done
n=$(grep -c '' "$tmp/nginx/error.log" 2>/dev/null || true)
[ "${n:-0}" -gt 0 ] && notes+="- nginx logged $n lines to its error log, the first: \`$(head -n 1 "$tmp/nginx/error.log")\`."$'\n'
# Up to here notes are problems; the rest is information.
[ -n "$notes" ] || notes="- No non-2xx responses (every status checked in the access logs, 3xx included), no socket errors, no warnings in the logs; the sessions were still valid after the run."$'\n'
[ "$disturbed" -gt 0 ] &&
	notes+="- Other processes (outside this benchmark) used more than 0.15 cores during $disturbed of the $runs runs, up to $other_max cores: those figures are disturbed (see the table of cores)."$'\n'
[ "$aborted_total" -gt 0 ] &&
	notes+="- $aborted_total requests in all were cut off when wrk stopped (its open connections; mishu logs them \"aborted\", nginx 499); not counted above."$'\n'
notes+="- Requests through nginx answered by process A/B (least_conn): ${share%, }."$'\n'

ratio_rows=""
for ep in $endpoints; do
	ratio_rows+="| \`$ep\` | $(ratio "${rps[nginx.$ep]}" "${rps[sqlite.$ep]}") | $(ratio "${rps[pg-a.$ep]}" "${rps[sqlite.$ep]}") |"$'\n'
done

# --- The report.
pg_bin=$(readlink "/proc/$postmaster/exe" 2>/dev/null || command -v postgres || echo postgres)
pg_version=$("$pg_bin" --version 2>/dev/null || echo "postgres (version unknown)")
envs="BENCH_THREADS=$threads BENCH_CONNECTIONS=$conns BENCH_DURATION=$duration BENCH_WARMUP=$warmup"
[ "$(nice)" != 0 ] && envs="nice -n $(nice) env $envs"   # every process of the run inherits it

report=$(cat <<EOF
## $(date -u '+%Y-%m-%d %H:%M UTC') — pages: SQLite, 1 process / PostgreSQL, 2 processes (bench/pages.sh)

- Machine: $(bench_machine); load average before the run $load
- Versions: $(bench_versions "$mishu" "$build" "$nginx_bin"); $pg_version
- Command: \`$envs bench/pages.sh\`; per endpoint and setup \`wrk -t$threads -c$conns -d$warmup [-H "Cookie: mishu_session=…"] URL\` (warm-up, discarded), then \`wrk -t$threads -c$conns -d$duration --latency [-H "Cookie: mishu_session=…"] URL\`
- Setups: \`mishu init --demo=org\`, signed in as \`$user\` through \`POST /api/v1/session\` once per setup; each \`mishu serve\` with one worker thread per core; PostgreSQL from \`tests/lib/pg-cluster.sh\` (fsync and synchronous_commit off), both processes with \`--trust-proxy 127.0.0.1\`, nginx from \`bench/nginx-upstream.conf.in\` (least_conn, keepalive 64)

| setup | endpoint | requests/s | latency avg (ms) | latency p99 (ms) | requests | non-2xx |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows%$'\n'}

| endpoint | PostgreSQL via nginx / SQLite requests/s | PostgreSQL one process direct / SQLite |
| --- | ---: | ---: |
${ratio_rows%$'\n'}

Cores busy during each measured run (from /proc; "other" is anything else on the machine, of $(nproc) cores):

| setup | endpoint | mishu | nginx | PostgreSQL | wrk | other | total |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${cpu_rows%$'\n'}

${notes%$'\n'}
EOF
)
echo
echo "$report"

if [ "$record" -eq 1 ]; then
	echo >&2
	bench_record "$results" "$report" "$tmp"
fi
ok=1
