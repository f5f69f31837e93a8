#!/bin/sh
# Redraws docs/workflows/CODE.svg for each workflow (incoming, outgoing, task, meeting, agenda,
# report, issue, incident) as the product draws it on /workflows/CODE: a throwaway demo database in a
# temp dir, `mishu serve` on a free port (the kernel's choice: --listen 127.0.0.1:0), a token for
# the 秘书科 demo account, the page fetched and its inline <svg class="flow" …>…</svg> written out as a standalone SVG file.
# Run it after changing data/workflows/*.json (and building): scripts/draw-workflows.sh
# Usage: scripts/draw-workflows.sh [CODE…]   (default: all eight; BUILD=build)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
mishu=$BUILD/mishu
codes=${*:-incoming outgoing task meeting agenda report issue incident}
out=docs/workflows

[ -x "$mishu" ] || { echo "draw-workflows: $mishu is missing; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/mishu-draw.XXXXXX)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$mishu" init --db "$tmp/draw.db" --demo=org >"$tmp/init.log" 2>&1 ||
	{ cat "$tmp/init.log" >&2; exit 1; }
"$mishu" serve --db "$tmp/draw.db" --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
pid=$!

# The server logs "listening on http://127.0.0.1:PORT" once it accepts connections.
base=""
i=0
while [ -z "$base" ] && [ $i -lt 100 ]; do
	base=$(sed -n 's|^listening on \(http://[0-9.]*:[0-9]*\).*|\1|p' "$tmp/serve.log")
	[ -n "$base" ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
	sleep 0.1
	i=$((i + 1))
done
[ -n "$base" ] || { echo "draw-workflows: the server did not start" >&2; exit 1; }

token=$("$mishu" token create --db "$tmp/draw.db" --username mishuke)
mkdir -p "$out"
for code in $codes; do
	curl -fsS -H "Authorization: Bearer $token" "$base/workflows/$code" >"$tmp/page.html"
	# From `<svg class="flow"` to the first `</svg>` after it, wherever on their lines they are.
	awk '
		!on && (i = index($0, "<svg class=\"flow\"")) { on = 1; $0 = substr($0, i) }
		on && (j = index($0, "</svg>")) { print substr($0, 1, j + 5); exit }
		on { print }
	' "$tmp/page.html" >"$tmp/flow.svg"
	grep -q '</svg>' "$tmp/flow.svg" ||
		{ echo "draw-workflows: no <svg class=\"flow\"> on /workflows/$code" >&2; exit 1; }
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<!-- Workflow $code as drawn by /workflows/$code; regenerate with scripts/draw-workflows.sh -->"
		if grep -q 'xmlns="http://www.w3.org/2000/svg"' "$tmp/flow.svg"; then
			cat "$tmp/flow.svg"
		else
			sed '1s|<svg |<svg xmlns="http://www.w3.org/2000/svg" |' "$tmp/flow.svg"
		fi
	} >"$out/$code.svg"
	echo "draw-workflows: wrote $out/$code.svg"
done
