#!/bin/sh
# Runs every suite — unit (GTest, sanitized), API (node against a real `mishu serve`, on SQLite
# and on PostgreSQL), browser (playwright-core + chromium) — and ends with "N passed, N failed".
# Each test prints "ok …" or "not ok …"; a crashed binary or suite counts as one more failure.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
log=$(mktemp)
extra_fail=0

# A throwaway PostgreSQL cluster in a temp dir (tests/lib/pg-cluster.sh), removed at the end.
export MISHU_TEST_PGDIR
MISHU_TEST_PGDIR=$(mktemp -d /tmp/mishu-pg.XXXXXX)
trap 'tests/lib/pg-cluster.sh stop "$MISHU_TEST_PGDIR" >/dev/null 2>&1; rm -rf "$MISHU_TEST_PGDIR" "$log" "$log.one"' EXIT
if tests/lib/pg-cluster.sh start "$MISHU_TEST_PGDIR" $$ >"$log.one" 2>&1; then
	pg_ok=1
else
	pg_ok=0
	echo "not ok - the PostgreSQL test cluster did not start"
	cat "$log.one"
	extra_fail=$((extra_fail + 1))
fi

# Every C source is as clang-format writes it (scripts/fmt.sh; `make fmt` fixes it).
echo "== format"
scripts/fmt.sh --check >"$log.one" 2>&1
cat "$log.one" >>"$log"
grep -E '^(not )?ok' "$log.one" | head -n 20

for t in "$BUILD"/tests/unit/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	echo "== unit $(basename "$t")"
	# Each unit program that tests PostgreSQL gets an empty database of its own.
	if [ $pg_ok -eq 1 ]; then
		MISHU_TEST_PG_URL=$(tests/lib/pg-cluster.sh createdb "$MISHU_TEST_PGDIR" \
			"unit_$(basename "$t")")
		export MISHU_TEST_PG_URL
	fi
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
		"$t" --tap >"$log.one" 2>&1
	rc=$?
	# A skipped case proves nothing: it counts as failed.
	sed -i 's/^ok \(.*# SKIP.*\)$/not ok \1/' "$log.one"
	cat "$log.one" >>"$log"
	grep -E '^not ok' "$log.one" || true
	grep -E '^# (edition|spec)' "$log.one" || true
	if [ $rc -ne 0 ]; then
		echo "not ok - $(basename "$t") exited $rc"
		tail -n 30 "$log.one"
		extra_fail=$((extra_fail + 1))
	fi
	echo "   $(grep -c '^ok' "$log.one") passed, $(grep -c '^not ok' "$log.one") failed"
done

mkdir -p "$BUILD/test-artifacts"

# node_suite FILE: runs one node:test file and adds its lines to the log.
node_suite() {
	node --test-reporter=./tests/lib/reporter.mjs "$1" >"$log.one" 2>&1
	rc=$?
	cat "$log.one" >>"$log"
	cat "$log.one"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log.one"; then
		echo "not ok - ${MISHU_TEST_DB:-sqlite} $1 exited $rc"
		extra_fail=$((extra_fail + 1))
	fi
}

# Every API suite runs on both databases; browser suites on SQLite, and those of live alerts
# (which cross processes through LISTEN/NOTIFY there) on PostgreSQL too.
for db in sqlite postgresql; do
	[ $db = postgresql ] && [ $pg_ok -eq 0 ] && continue
	for f in tests/api/*.test.mjs; do
		[ -f "$f" ] || continue
		echo "== api ($db) $(basename "$f")"
		MISHU_TEST_DB=$db node_suite "$f"
	done
done
for f in tests/browser/*.test.mjs; do
	[ -f "$f" ] || continue
	echo "== browser $(basename "$f")"
	MISHU_TEST_DB=sqlite node_suite "$f"
done
if [ $pg_ok -eq 1 ]; then
	for f in tests/browser/events.test.mjs tests/browser/incidents.test.mjs; do
		[ -f "$f" ] || continue
		echo "== browser (postgresql) $(basename "$f")"
		MISHU_TEST_DB=postgresql node_suite "$f"
	done
fi

passed=$(grep -c '^ok' "$log")
failed=$(($(grep -c '^not ok' "$log") + extra_fail))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
