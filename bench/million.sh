#!/usr/bin/env bash
# Lists and full-text search at a million documents: fills a demo SQLite database with
# build/mishu-generate (see bench/generate.c), serves it, and runs wrk on the document list and on
# search, as office staff (no visibility filter) and as a unit liaison (who sees one unit's share).
# Usage: bench/million.sh [--no-record]
#   env: BENCH_ITEMS (1000000), BENCH_DURATION (10s), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
#        BENCH_WARMUP (2s), BUILD (build), BENCH_RESULTS (bench/RESULTS.md)
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

bench_parse_args "$@"

items=${BENCH_ITEMS:-1000000}
bench_defaults 16 # duration conns threads warmup build results mishu
generate=$build/mishu-generate
password=demo-pass-2026

bench_need_tools "scripts/deps.sh --bench" wrk curl
[ -x "$mishu" ] && [ -x "$generate" ] || die "$mishu or $generate is missing; run make build"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishu-million.XXXXXX")
pid="" ok=0
cleanup() {
	set +e
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ "$ok" -ne 1 ] && [ -s "$tmp/mishu.log" ] && tail -n 5 "$tmp/mishu.log" >&2
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=$tmp/million.db
"$mishu" init --db "$db" --demo=org >/dev/null
start=$(date +%s.%N)
MISHU_SQLITE_SYNC=OFF "$generate" --db "$db" --items "$items" 2>"$tmp/generate.log" ||
	die "generate failed: $(tail -n 1 "$tmp/generate.log")"
gen_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
size=$(du -m "$db" | cut -f1)
echo "bench: $items documents generated in ${gen_s}s; the database is ${size} MiB" >&2

"$mishu" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/mishu.log" &
pid=$!
for _ in $(seq 100); do
	url=$(sed -n 's/^listening on //p' "$tmp/out")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || die "mishu did not start"

# Signs in as $1; prints the session cookie.
cookie() {
	curl -sf -D - -o /dev/null -H 'content-type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$password\"}" "$url/api/v1/session" |
		sed -n 's/^[Ss]et-[Cc]ookie: \(mishu_session=[^;]*\).*/\1/p' | tr -d '\r'
}
staff=$(cookie mishuke)
liaison=$(cookie liaison)
[ -n "$staff" ] && [ -n "$liaison" ] || die "cannot sign in"

q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("信访"))')
declare -a names paths cookies
add() { names+=("$1"); paths+=("$2"); cookies+=("$3"); }
add "list, staff" "/api/v1/documents?direction=incoming" "$staff"
add "list, liaison" "/api/v1/documents?direction=incoming" "$liaison"
add "search 信访, staff" "/api/v1/search?q=$q" "$staff"
add "search 信访, liaison" "/api/v1/search?q=$q" "$liaison"
add "one document" "/api/v1/documents/$((items / 2))" "$staff"

rows=""
for i in "${!names[@]}"; do
	status=$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: ${cookies[$i]}" "$url${paths[$i]}")
	[ "$status" = 200 ] || die "${paths[$i]} answered $status"
	wrk -t"$threads" -c"$conns" -d"$warmup" -H "cookie: ${cookies[$i]}" "$url${paths[$i]}" >/dev/null
	wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "cookie: ${cookies[$i]}" \
		"$url${paths[$i]}" >"$tmp/wrk.txt"
	rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$tmp/wrk.txt")
	avg=$(awk '$1 == "Latency" { print $2; exit }' "$tmp/wrk.txt")
	p99=$(awk '$1 == "99%" { print $2; exit }' "$tmp/wrk.txt")
	non2xx=$(awk '/Non-2xx/ { print $5 }' "$tmp/wrk.txt")
	echo "bench: ${names[$i]}: $rps req/s, avg $avg, p99 $p99" >&2
	rows+="| ${names[$i]} | \`${paths[$i]}\` | $rps | $avg | $p99 | ${non2xx:-0} |"$'\n'
done
kill -0 "$pid" 2>/dev/null || die "mishu died during the run"

rev=$(bench_git_rev)
cpu=$(bench_cpu)
report=$(cat <<EOF
## $(date -u '+%Y-%m-%d %H:%M UTC') — a million documents: lists and search (bench/million.sh)

- Machine: $(nproc) × $cpu, $(bench_mem); mishu $("$mishu" --version | cut -d' ' -f2) (git $rev) on SQLite, one process.
- Data: $items documents from \`mishu-generate\` (seed 2026), each with a document row, two visibility rows and its search tokens; generated in ${gen_s} s (synchronous=OFF); database ${size} MiB.
- Command: \`BENCH_ITEMS=$items bench/million.sh\`; per line \`wrk -t$threads -c$conns -d$duration --latency\` after a ${warmup} warm-up.

| what | path | req/s | avg | p99 | non-2xx |
| --- | --- | ---: | ---: | ---: | ---: |
${rows}
EOF
)
echo
echo "$report"
if [ "$record" -eq 1 ]; then
	bench_record "$results" "$report" "$tmp"
fi
ok=1
