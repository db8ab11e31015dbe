#!/bin/sh
# The purity check accepts a pure object, rejects an impure one naming each
# forbidden symbol, and passes on every object listed in CORE_SRCS.
set -u
fail=0
sh mk/purity.sh "$BUILD/purity/pure_sample.o" || { echo "FAIL: pure sample rejected"; fail=1; }
out=$(sh mk/purity.sh "$BUILD/purity/impure_sample.o" 2>&1) && {
    echo "FAIL: impure sample accepted"; fail=1; }
for sym in read time; do
    echo "$out" | grep -q "forbidden symbol: $sym\$" || {
	echo "FAIL: impure sample: $sym not reported; got: $out"; fail=1; }
done
if [ -z "${CORE_OBJS:-}" ]; then
    echo "FAIL: CORE_OBJS is empty"; fail=1
else
    # shellcheck disable=SC2086
    sh mk/purity.sh $CORE_OBJS || { echo "FAIL: a core object is impure"; fail=1; }
    echo "purity: $(echo $CORE_OBJS | wc -w) core objects checked"
fi
exit $fail
