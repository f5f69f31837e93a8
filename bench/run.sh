#!/usr/bin/env bash
# wrk against mishu and nginx, side by side on this machine, in one run (see bench/README.md).
# Usage: bench/run.sh [--no-record]
#   env: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_WARMUP (2s),
#        BUILD (build: where build/mishu is), BENCH_RESULTS (bench/RESULTS.md: the log to write)
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

bench_parse_args "$@"

bench_defaults 64 # duration conns threads warmup build results mishu

bench_need_tools "scripts/deps.sh --bench (or make bench)" wrk nginx curl
nginx_bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$mishu" ] || die "$mishu is missing; run make build"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishu-bench.XXXXXX")
mishu_pid="" nginx_pid="" ok=0
cleanup() {
	set +e
	[ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	[ -n "$mishu_pid" ] && kill -TERM "$mishu_pid" 2>/dev/null && wait "$mishu_pid" 2>/dev/null
	if [ "$ok" -ne 1 ]; then
		for f in "$tmp/mishu.log" "$tmp/nginx/error.log"; do
			[ -s "$f" ] && { echo "bench: last lines of $f:" >&2; tail -n 5 "$f" >&2; }
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- mishu: a fresh SQLite database; the access log (stderr, one line per request) to a file.
db="sqlite:$tmp/bench.db"
"$mishu" init --db "$db" >/dev/null
"$mishu" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/mishu.out" 2>"$tmp/mishu.log" &
mishu_pid=$!
mishu_port=""
for _ in $(seq 100); do
	mishu_port=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$tmp/mishu.out")
	[ -n "$mishu_port" ] && break
	kill -0 "$mishu_pid" 2>/dev/null || die "mishu serve exited before listening"
	sleep 0.1
done
[ -n "$mishu_port" ] || die "mishu serve printed no 'listening on' line in 10 s"
mishu_url=http://127.0.0.1:$mishu_port

# --- nginx: the same bytes (mishu.css from the repo, /healthz as mishu answers it).
mkdir -p "$tmp/www/static/css" "$tmp/nginx"
cp static/css/mishu.css "$tmp/www/static/css/mishu.css"
code=$(curl -s -o "$tmp/www/healthz.json" -w '%{http_code}' "$mishu_url/healthz") || code=000
[ "$code" = 200 ] || die "mishu $mishu_url/healthz answered $code, not 200"

bench_start_nginx "$tmp" "$nginx_bin" bench/nginx.conf.in # sets nginx_pid, nginx_port
nginx_url=http://127.0.0.1:$nginx_port

# --- Each endpoint answers 200, and both servers send the same body.
check() { # URL OUTFILE
	local code
	code=$(curl -s -o "$2" -w '%{http_code}' "$1") || code=000
	[ "$code" = 200 ] || die "$1 answered $code, not 200"
}
for path in /healthz /static/css/mishu.css; do
	check "$mishu_url$path" "$tmp/body.mishu"
	check "$nginx_url$path" "$tmp/body.nginx"
	cmp -s "$tmp/body.mishu" "$tmp/body.nginx" ||
		die "mishu and nginx send different bodies for $path (is $mishu older than static/css/mishu.css? run make build)"
done

# --- wrk: a warm-up, then the measured run, per endpoint.
rows="" notes=""
declare -A rps
bench() { # LABEL SERVER URL
	local out="$tmp/wrk.$2.$(echo "$1" | tr -c 'a-z0-9' _)" r avg p99 non2xx sockerr total
	wrk -t"$threads" -c"$conns" -d"$warmup" "$3" >/dev/null
	wrk -t"$threads" -c"$conns" -d"$duration" --latency "$3" >"$out"
	r=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	avg=$(awk '$1 == "Latency" {print $2; exit}' "$out")
	p99=$(awk '$1 == "99%" {print $2}' "$out")
	total=$(awk '/requests in/ {print $1}' "$out")
	non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
	sockerr=$(sed -n 's/^ *Socket errors: //p' "$out")
	[ -n "$r" ] && [ -n "$p99" ] || { cat "$out" >&2; die "cannot read wrk's output for $3"; }
	rps[$1.$2]=$r
	rows+="| \`$1\` | $2 | $(printf '%.0f' "$r") | $(to_ms "$avg") | $(to_ms "$p99") | ${total} | ${non2xx:-0} |"$'\n'
	[ -n "$non2xx" ] && notes+="- $2 \`$1\`: $non2xx non-2xx/3xx responses out of $total."$'\n'
	[ -n "$sockerr" ] && notes+="- $2 \`$1\`: socket errors: $sockerr."$'\n'
	echo "bench: $2 $1: $(printf '%.0f' "$r") req/s" >&2
}
echo "bench: mishu on $mishu_url, nginx on $nginx_url; wrk -t$threads -c$conns -d$duration (warm-up $warmup)" >&2
bench /healthz mishu "$mishu_url/healthz"
bench /healthz nginx "$nginx_url/healthz"
bench /static/css/mishu.css mishu "$mishu_url/static/css/mishu.css"
bench /static/css/mishu.css nginx "$nginx_url/static/css/mishu.css"

kill -0 "$mishu_pid" 2>/dev/null || die "mishu died during the run"
kill -0 "$nginx_pid" 2>/dev/null || die "nginx died during the run"
bad=$(grep -E ' (warning|critical|error) ' "$tmp/mishu.log" | head -n 3 || true)
[ -n "$bad" ] && notes+="- mishu logged: \`$(echo "$bad" | head -n 1)\` (first of $(grep -cE ' (warning|critical|error) ' "$tmp/mishu.log"))."$'\n'
logged=$(grep -c ' notice GET ' "$tmp/mishu.log" || true)
nginx_logged=$(grep -c '"GET ' "$tmp/nginx/access.log" 2>/dev/null || true)

[ -n "$notes" ] || notes="- No non-2xx responses and no socket errors."$'\n'
# --- The report.
envs="BENCH_THREADS=$threads BENCH_CONNECTIONS=$conns BENCH_DURATION=$duration BENCH_WARMUP=$warmup"

report=$(cat <<EOF
## $(date -u '+%Y-%m-%d %H:%M UTC')

- Machine: $(bench_machine)
- Versions: $(bench_versions "$mishu" "$build" "$nginx_bin")
- Command: \`$envs bench/run.sh\`; per endpoint \`wrk -t$threads -c$conns -d$warmup URL\` (warm-up, discarded), then \`wrk -t$threads -c$conns -d$duration --latency URL\`

| endpoint | server | requests/s | latency avg (ms) | latency p99 (ms) | requests | non-2xx/3xx |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows%$'\n'}

| pair | mishu/nginx requests/s |
| --- | ---: |
| \`/healthz\` | $(ratio "${rps[/healthz.mishu]}" "${rps[/healthz.nginx]}") |
| \`/static/css/mishu.css\` | $(ratio "${rps[/static/css/mishu.css.mishu]}" "${rps[/static/css/mishu.css.nginx]}") |

${notes}- Access logs, warm-ups included: mishu wrote $logged lines (its stderr, to a file), nginx ${nginx_logged:-0} so far (to a file, buffer=64k: up to 64 KiB per worker still unflushed).
EOF
)
echo
echo "$report"

if [ "$record" -eq 1 ]; then
	echo >&2
	bench_record "$results" "$report" "$tmp"
fi
ok=1
