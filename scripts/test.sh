#!/bin/sh
# Runs every suite — unit (GTest, sanitized), API (node against a real `mishu serve`),
# browser (playwright-core + chromium) — and ends with "N passed, N failed".
# Each test prints "ok …" or "not ok …"; a crashed unit binary counts as one more failure.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
extra_fail=0

run() { # label, command…
	label=$1; shift
	echo "== $label"
	"$@" 2>&1 | tee -a "$log" | grep -E '^(not ok|ok|#)|ERROR|Sanitizer|runtime error' || true
}

for t in "$BUILD"/tests/unit/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	echo "== unit $(basename "$t")"
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
		"$t" --tap >"$log.one" 2>&1
	rc=$?
	cat "$log.one" >>"$log"
	grep -E '^(not ok|# Start of|# End of)' "$log.one" | grep -v '^# ' || true
	grep -E '^# (edition|spec)' "$log.one" || true
	if [ $rc -ne 0 ]; then
		echo "not ok - $(basename "$t") exited $rc"; tail -n 30 "$log.one"
		extra_fail=$((extra_fail + 1))
	fi
	echo "   $(grep -c '^ok' "$log.one") passed, $(grep -c '^not ok' "$log.one") failed"
done
rm -f "$log.one"

mkdir -p "$BUILD/test-artifacts"
for kind in api browser; do
	for f in tests/$kind/*.test.mjs; do
		[ -f "$f" ] || continue
		echo "== $kind $(basename "$f")"
		node --test-reporter=./tests/lib/reporter.mjs "$f" >"$log.one" 2>&1
		rc=$?
		cat "$log.one" >>"$log"
		cat "$log.one"
		if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log.one"; then
			echo "not ok - $f exited $rc"
			extra_fail=$((extra_fail + 1))
		fi
	done
done
rm -f "$log.one"

passed=$(grep -c '^ok' "$log")
failed=$(( $(grep -c '^not ok' "$log") + extra_fail ))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
