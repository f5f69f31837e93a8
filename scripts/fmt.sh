#!/bin/sh
# Formats every C source of the tree with the repository's .clang-format (`make fmt`), or with
# --check prints "not ok - formatting: FILE" for each file clang-format would change and exits 1
# when there is one (scripts/test.sh runs the check; so does CI).
set -u
cd "$(dirname "$0")/.."
files=$(find src tests bench -name '*.c' -o -name '*.h' | sort)
if [ "${1:-}" != "--check" ]; then
	# shellcheck disable=SC2086
	exec clang-format -i $files
fi
bad=0
for f in $files; do
	if ! clang-format "$f" | cmp -s "$f" -; then
		echo "not ok - formatting: $f differs from clang-format (run make fmt)"
		bad=$((bad + 1))
	fi
done
[ $bad -eq 0 ] && echo "ok - formatting: every C source is as clang-format writes it"
[ $bad -eq 0 ]
