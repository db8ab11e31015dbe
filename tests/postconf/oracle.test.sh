#!/bin/sh
# Side-by-side comparison with stock postconf on the real-world configuration
# files Debian's postfix package ships (main.cf.debian, main.cf.dist,
# master.cf.dist). Skipped (77) where stock Postfix is not installed.
# Lines that print a process id differ by nature and are left out; warning
# order is random in stock, so output is compared sorted. Both programs name
# themselves as invoked; that prefix is normalized.
set -u
STOCK=${STOCK_POSTCONF:-/usr/sbin/postconf}
share=/usr/share/postfix
[ -x "$STOCK" ] && [ -f $share/master.cf.dist ] || { echo "no stock postconf"; exit 77; }
ours=$BUILD/sbin/postconf
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
for main in main.cf.debian main.cf.dist; do
    [ -f $share/$main ] || continue
    dir=$tmp/$main
    mkdir -p "$dir"
    cp $share/$main "$dir/main.cf"
    cp $share/master.cf.dist "$dir/master.cf"
    for opts in "" -n -nx -x -d -M -Mf -F -Ff -P -Pf "-h myhostname mydomain" "-o mydomain=example.com -x myhostname mydestination" "-T run-version" "-T public-key-algorithms" "-T bogus"; do
	# shellcheck disable=SC2086
	"$STOCK" -c "$dir" $opts 2>&1 | sed "s|^$STOCK:|postconf:|" |
	    grep -v 'process_id\|debugger_command' | LC_ALL=C sort > "$tmp/want"
	# shellcheck disable=SC2086
	"$ours" -c "$dir" $opts 2>&1 | sed "s|^$ours:|postconf:|" |
	    grep -v 'process_id\|debugger_command' | LC_ALL=C sort > "$tmp/got"
	n=$((n + 1))
	if ! cmp -s "$tmp/want" "$tmp/got"; then
	    echo "FAIL: $main postconf $opts"
	    diff "$tmp/want" "$tmp/got" | head -10
	    fail=$((fail + 1))
	fi
    done
done
echo "oracle: $((n - fail)) of $n comparisons match stock"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
