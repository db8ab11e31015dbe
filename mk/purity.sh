#!/bin/sh
# Purity check: a core object may not reference a forbidden symbol (I/O,
# clocks, randomness, process control); see mk/forbidden-symbols.txt.
# usage: purity.sh object.o ...   Exits 1 naming each object and symbol.
set -u
[ $# -gt 0 ] || { echo "purity: no core objects given" >&2; exit 2; }
patterns=$(mktemp) || exit 2
trap 'rm -f "$patterns"' EXIT
grep -v '^#' "$(dirname "$0")/forbidden-symbols.txt" | grep . > "$patterns"
status=0
for obj in "$@"; do
    if [ ! -f "$obj" ]; then
	echo "purity: $obj: no such object" >&2
	status=1
	continue
    fi
    # undefined symbols without version suffixes (read@GLIBC_2.2.5)
    for sym in $(nm -u "$obj" | awk '{print $NF}' | sed 's/@.*//' | grep -Fx -f "$patterns"); do
	echo "purity: $obj: forbidden symbol: $sym" >&2
	status=1
    done
done
exit $status
