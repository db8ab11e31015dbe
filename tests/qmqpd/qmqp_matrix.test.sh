#!/bin/sh
# Every test named in spec/qmqp.tsv must exist: a session case label or a
# test function in tests/qmqpd/test_qmqpd.c, or a fuzz harness directory.
SRCDIR=${SRCDIR:-.}
tsv=$SRCDIR/spec/qmqp.tsv
src=$SRCDIR/tests/qmqpd/test_qmqpd.c
status=0
grep -v '^#' "$tsv" | tail -n +2 | cut -f1,6 | while IFS='	' read -r id tests; do
    [ -n "$tests" ] || { echo "$id: no tests listed"; exit 1; }
    echo "$tests" | tr ',' '\n' | while read -r t; do
	case $t in
	test_qmqpd/test_*)
	    name=${t#test_qmqpd/}; name=${name%% *}
	    grep -q "^static void $name(" "$src" || { echo "$id: no test function $name"; exit 1; } ;;
	test_qmqpd/*)
	    label=${t#test_qmqpd/}
	    grep -qF "{\"$label\"," "$src" || { echo "$id: no session case \"$label\""; exit 1; } ;;
	fuzz/*)
	    [ -d "$SRCDIR/$t" ] || { echo "$id: no harness $t"; exit 1; } ;;
	*)
	    echo "$id: unknown test reference $t"; exit 1 ;;
	esac
    done || exit 1
done || status=1
exit $status
