#!/bin/sh
# Runs our postconf over every golden case (expected outputs come from
# stock postconf, see make_golden.sh) and diffs stdout, stderr, the exit
# code and the edited configuration files.
set -u
BUILD=${BUILD:-build/san}
PC=$(pwd)/$BUILD/sbin/postconf
[ -x "$PC" ] || { echo "missing $PC"; exit 77; }
. tests/postconf/golden_lib.sh
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
for c in tests/postconf/golden/*/; do
    c=${c%/}
    name=${c##*/}
    got=$work/$name
    golden_run "$c" "$PC" "$got" || exit 1
    ok=1
    for f in stdout stderr rc main.cf.out master.cf.out; do
	if [ -f "$c/$f" ] || [ -f "$got/$f" ]; then
	    if ! diff -u "$c/$f" "$got/$f" > "$work/diff" 2>&1; then
		ok=0
		echo "--- $name: $f differs (want vs got)"
		head -30 "$work/diff"
	    fi
	fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
