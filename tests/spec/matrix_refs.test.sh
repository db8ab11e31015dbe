#!/bin/sh
# Every test a requirement matrix (spec/*.tsv with the id/rfc/section/level/
# text/tests header) names must exist:
#   test_NAME/test_fn      a test function in tests/*/test_NAME.c
#   test_NAME/<label>      a table case {"<label>", ...} in tests/*/test_NAME.c
#   fuzz/NAME              a fuzz harness directory
#   scn/ID                 a conformance scenario whose first line names ID
# Prints, per matrix, how many rows name at least one test.
SRCDIR=${SRCDIR:-.}
cd "$SRCDIR" || exit 1
header=$(printf 'id\trfc\tsection\tlevel\ttext\ttests')
status=0
checked=0
for tsv in spec/*.tsv; do
    [ "$(grep -v '^#' "$tsv" | head -1)" = "$header" ] || continue
    checked=$((checked + 1))
    rows=0 tested=0
    out=$(grep -v '^#' "$tsv" | tail -n +2 | cut -f1,6 | {
	bad=0
	while IFS='	' read -r id tests; do
	    rows=$((rows + 1))
	    [ -n "$tests" ] && tested=$((tested + 1))
	    for t in $(echo "$tests" | tr ',' '\n' | sed 's/ /\\s/g'); do
		t=$(echo "$t" | sed 's/\\s/ /g')
		case $t in
		test_*/*)
		    prog=${t%%/*}; rest=${t#*/}
		    src=$(ls tests/*/"$prog".c 2>/dev/null | head -1)
		    if [ -z "$src" ]; then
			echo "$tsv: $id: no test program $prog"; bad=1
		    elif case $rest in test_*) true ;; *) false ;; esac; then
			name=${rest%% *}
			grep -q "^static void $name(" "$src" || { echo "$tsv: $id: no test function $name in $src"; bad=1; }
		    else
			grep -qF "{\"$rest\"," "$src" || { echo "$tsv: $id: no case \"$rest\" in $src"; bad=1; }
		    fi ;;
		fuzz/*)
		    [ -d "$t" ] || { echo "$tsv: $id: no harness $t"; bad=1; } ;;
		scn/*)
		    grep -lq "^# ${t#scn/}:" $(find conformance -name '*.scn') 2>/dev/null \
			|| { echo "$tsv: $id: no scenario ${t#scn/}"; bad=1; } ;;
		*)
		    echo "$tsv: $id: unknown test reference \"$t\""; bad=1 ;;
		esac
	    done
	done
	echo "$tsv: $tested of $rows requirements name a test"
	exit $bad
    })
    rc=$?
    echo "$out"
    [ $rc -eq 0 ] || status=1
done
[ $checked -gt 0 ] || { echo "no requirement matrix found"; exit 1; }
exit $status
