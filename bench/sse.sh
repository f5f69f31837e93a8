#!/usr/bin/env bash
# Live-alert delivery latency: BENCH_SSE_CLIENTS event streams (GET /api/v1/events) connected,
# one alert-producing action at a time (the duty office files a level II incident: event
# incident to the leaders alerted and the office), and the time from sending the action's request to each stream's
# receipt of the alert; p50, p99 and max over every stream and round. On SQLite with one process,
# and on PostgreSQL with two processes on one database, the streams split between them and the
# action sent to the first (so half the streams get it through LISTEN/NOTIFY). The action lives
# in one function of bench/sse-client.mjs (`trigger`).
# Usage: bench/sse.sh [--no-record]
#   env: BENCH_SSE_CLIENTS (100), BENCH_SSE_ROUNDS (20), BUILD (build: where build/mishu is),
#        BENCH_RESULTS (bench/RESULTS.md: the log to write)
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

bench_parse_args "$@"

bench_defaults 100 # duration conns threads warmup build results mishu (only build, results, mishu used)
clients=${BENCH_SSE_CLIENTS:-100}
rounds=${BENCH_SSE_ROUNDS:-20}
bench_need_tools "apt-get install nodejs" node
[ -x "$mishu" ] || die "$mishu is missing; run make build"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishu-sse.XXXXXX")
# As root the cluster runs as the postgres user (tests/lib/pg-cluster.sh), which must reach
# $tmp/pg: let others through $tmp (not list it).
[ "$(id -u)" -eq 0 ] && chmod 711 "$tmp"
pgdir="" ok=0
declare -A pid port
cleanup() {
	set +e
	trap '' PIPE
	for name in "${!pid[@]}"; do
		kill -TERM "${pid[$name]}" 2>/dev/null && wait "${pid[$name]}" 2>/dev/null
	done
	[ -n "$pgdir" ] && tests/lib/pg-cluster.sh stop "$pgdir"
	if [ "$ok" -ne 1 ]; then
		for f in "$tmp"/mishu-*.log "$tmp/pg/server.log"; do
			[ -s "$f" ] && { echo "bench: last lines of $f:" >&2; tail -n 5 "$f" >&2; }
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- start_mishu NAME DB: `mishu serve` on a free port, access log (stderr) to a file.
start_mishu() {
	local name=$1 db=$2 p=""
	"$mishu" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/mishu-$name.out" 2>"$tmp/mishu-$name.log" &
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

load=$(cut -d' ' -f1-3 /proc/loadavg)

# --- SQLite, one process.
sqlite_db="sqlite:$tmp/sqlite.db"
"$mishu" init --db "$sqlite_db" --demo=org >/dev/null
start_mishu sqlite "$sqlite_db"
sqlite_json=$(node bench/sse-client.mjs --servers "http://127.0.0.1:${port[sqlite]}" \
	--clients "$clients" --rounds "$rounds") || die "the SQLite run failed"
kill -TERM "${pid[sqlite]}"
wait "${pid[sqlite]}" 2>/dev/null || true
unset 'pid[sqlite]'

# --- PostgreSQL, two processes on one database (a throwaway cluster).
pgdir=$tmp/pg
pg_uri=$(tests/lib/pg-cluster.sh start "$pgdir" $$) || die "the PostgreSQL cluster did not start"
"$mishu" init --db "$pg_uri" --demo=org >/dev/null
start_mishu pg-a "$pg_uri"
start_mishu pg-b "$pg_uri"
pg_json=$(node bench/sse-client.mjs \
	--servers "http://127.0.0.1:${port[pg-a]},http://127.0.0.1:${port[pg-b]}" \
	--clients "$clients" --rounds "$rounds") || die "the PostgreSQL run failed"

# --- The report.
field() { # JSON EXPR -> value
	node -e 'const j = JSON.parse(process.argv[1]); console.log(eval("j" + process.argv[2]) ?? "-")' "$1" "$2"
}
row() { # SETUP JSON [EXPR-PREFIX]
	local j=$2 p=${3:-}
	echo "| $1 | $(field "$j" "$p.samples") | $(field "$j" "$p.p50_ms") | $(field "$j" "$p.p99_ms") | $(field "$j" "$p.max_ms") |"
}
postmaster=$(head -n 1 "$pgdir/data/postmaster.pid")
pg_bin=$(readlink "/proc/$postmaster/exe" 2>/dev/null || command -v postgres || echo postgres)
pg_version=$("$pg_bin" --version 2>/dev/null || echo "postgres (version unknown)")
envs="BENCH_SSE_CLIENTS=$clients BENCH_SSE_ROUNDS=$rounds"
[ "$(nice)" != 0 ] && envs="nice -n $(nice) env $envs"

report=$(cat <<EOF
## $(date -u '+%Y-%m-%d %H:%M UTC') — live alerts: delivery latency to $clients event streams (bench/sse.sh)

- Machine: $(bench_machine); load average before the run $load
- Versions: $("$mishu" --version) (git $(bench_git_rev)); $pg_version; node $(node --version)
- Command: \`$envs bench/sse.sh\`; the client \`node bench/sse-client.mjs\` opens the streams (signed in as \`xinxike\`, office staff) and, $rounds times, 300 ms apart, files a level II incident as \`zhiban\` (\`POST /api/v1/incidents\`), timing from sending that request to each stream's \`incident\` frame
- Setups: \`mishu init --demo=org\`; PostgreSQL from \`tests/lib/pg-cluster.sh\` (fsync and synchronous_commit off), two \`mishu serve\` on one database, streams dealt alternately to A and B, the action always sent to A

| setup | samples | p50 (ms) | p99 (ms) | max (ms) |
| --- | ---: | ---: | ---: | ---: |
$(row "SQLite, 1 process" "$sqlite_json")
$(row "PostgreSQL, 2 processes: all streams" "$pg_json")
$(row "PostgreSQL: streams on A (the action's process)" "$pg_json" ".per_server[0]")
$(row "PostgreSQL: streams on B (through LISTEN/NOTIFY)" "$pg_json" ".per_server[1]")
$(row "the action's own response, SQLite" "$sqlite_json" ".action")
$(row "the action's own response, PostgreSQL" "$pg_json" ".action")

Alerts not received within 5 s: SQLite $(field "$sqlite_json" .missing), PostgreSQL $(field "$pg_json" .missing). The latency includes the whole action (the incident's transaction: routing, grants, notifications, the escalation job, audit) and the client's own event loop, which reads all $clients streams on the same 2 cores.
EOF
)
echo
echo "$report"

if [ "$record" -eq 1 ]; then
	echo >&2
	bench_record "$results" "$report" "$tmp"
fi
ok=1
