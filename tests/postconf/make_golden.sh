#!/bin/sh
# Regenerates the expected outputs of tests/postconf/golden/* by running
# STOCK postconf (the oracle). For developers; `make check` never runs it.
# Usage: sh tests/postconf/make_golden.sh [case...]   (from the repo root)
# Environment: STOCK_POSTCONF (default /usr/sbin/postconf).
set -u
STOCK_POSTCONF=${STOCK_POSTCONF:-/usr/sbin/postconf}
[ -x "$STOCK_POSTCONF" ] || { echo "no stock postconf at $STOCK_POSTCONF" >&2; exit 1; }
. tests/postconf/golden_lib.sh
if [ $# -gt 0 ]; then cases=$*; else cases=$(ls -d tests/postconf/golden/*/); fi
for c in $cases; do
    c=${c%/}
    case $c in */*) ;; *) c=tests/postconf/golden/$c ;; esac
    golden_run "$c" "$STOCK_POSTCONF" "$c" || exit 1
    echo "$c: rc=$(cat "$c/rc")"
done
