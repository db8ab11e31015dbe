#!/bin/sh
# Runs every conformance scenario (conformance/**/*.scn) through simnet,
# whole and with client bytes fed one at a time, prints the requirement
# coverage of every matrix (conformance/*/*.tsv, spec/*.tsv with the
# id/rfc/section/level/text/tests header), checks that traces replay
# byte for byte, and runs the crash checker on a correct and on a broken
# store core.
set -u
: "${BUILD:?BUILD must be set}"
cd "${SRCDIR:-.}" || exit 1
simnet=$BUILD/bin/simnet
[ -x "$simnet" ] || { echo "SKIP: $simnet is not built"; exit 77; }
scenarios=$(find conformance -name '*.scn' | sort)
[ -n "$scenarios" ] || { echo "FAIL: no scenarios under conformance/"; exit 1; }
header=$(printf 'id\trfc\tsection\tlevel\ttext\ttests')
matrices=""
for m in conformance/*/*.tsv spec/*.tsv; do
    [ -f "$m" ] || continue
    [ "$(grep -v "^#" "$m" | head -1)" = "$header" ] && matrices="$matrices --matrix $m"
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# shellcheck disable=SC2086
"$simnet" run --seed 1 --trace "$tmp/t1" $matrices $scenarios || fail=1

# the same seed replays byte for byte; another seed takes another path
# shellcheck disable=SC2086
"$simnet" run --seed 1 --trace "$tmp/t2" $scenarios > /dev/null || fail=1
cmp -s "$tmp/t1" "$tmp/t2" || { echo "FAIL: seed 1 gave two different traces"; fail=1; }
for seed in 2 3 4; do
    # shellcheck disable=SC2086
    "$simnet" run --seed $seed --trace "$tmp/t$seed" $scenarios > "$tmp/out" \
	|| { cat "$tmp/out"; fail=1; }
done
cmp -s "$tmp/t1" "$tmp/t2" && cmp -s "$tmp/t1" "$tmp/t3" \
    && { echo "FAIL: seeds 1 and 3 gave the same trace"; fail=1; }

# a failing scenario fails the run and prints the replay command
printf '# BROKEN: fails on purpose\nconnect to echo\nexpect 554\n' > "$tmp/broken.scn"
if "$simnet" run --seed 7 "$tmp/broken.scn" > "$tmp/out"; then
    echo "FAIL: a failing scenario passed"; fail=1
fi
grep -q "replay: simnet run --seed 7 " "$tmp/out" \
    || { echo "FAIL: no replay command:"; cat "$tmp/out"; fail=1; }

# crash checker: the correct store survives every crash point ...
"$simnet" crashcheck --seed 1 --messages 5 || fail=1
# ... and the store that acknowledges before committing is caught
if "$simnet" crashcheck --seed 1 --messages 3 --store store_early_ack > "$tmp/out"; then
    echo "FAIL: the crash checker passed a store that acknowledges before commit"; fail=1
fi
grep -q "acknowledged but missing" "$tmp/out" \
    || { echo "FAIL: crash checker report:"; cat "$tmp/out"; fail=1; }

# the real pipeline: qmqpd and cleanup, every disk operation of 100
# messages, three seeds; every K-acknowledged message must survive
for seed in 1 2 3; do
    "$simnet" crashcheck --seed $seed --messages 100 --front qmqpd --store cleanup \
	--protocol qmqp || fail=1
done
# ... and SMTP through smtpd and cleanup
for seed in 1 2; do
    "$simnet" crashcheck --seed $seed --messages 50 --front smtpd --store cleanup \
	--protocol smtp || fail=1
done
exit $fail
