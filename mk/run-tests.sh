#!/bin/sh
# Runs every test: cmocka binaries, script tests, fuzz corpus replays.
# Environment: BUILD (the sanitizer build dir), CORE_OBJS (for the purity test).
# Prints one line per test and a closing "N passed, N failed" line.
set -u
BUILD=${BUILD:-build/san}
SRCDIR=$(pwd)
export BUILD SRCDIR
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logdir=$BUILD/test-logs
rm -rf "$logdir"
mkdir -p "$logdir"
passed=0 failed=0 skipped=0 failures=""

record() {	# name status logfile
    case $2 in
    0) passed=$((passed + 1)); echo "PASS: $1" ;;
    77) skipped=$((skipped + 1)); echo "SKIP: $1" ;;
    *) failed=$((failed + 1)); failures="$failures $1"; echo "FAIL: $1 (exit $2)"
       sed 's/^/    /' "$3" | tail -40 ;;
    esac
}

# cmocka unit tests
for t in $(find "$BUILD/tests" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort); do
    name=${t#"$BUILD"/tests/}
    log=$logdir/$(echo "$name" | tr / _).log
    "$t" > "$log" 2>&1
    record "unit/$name" $? "$log"
done

# script tests
for t in $(find tests -name '*.test.sh' | sort); do
    log=$logdir/$(echo "$t" | tr / _).log
    sh "$t" > "$log" 2>&1
    record "$t" $? "$log"
done

# fuzz corpus replay
for r in $(find "$BUILD/fuzz" -type f -name 'replay_*' 2>/dev/null | sort); do
    name=${r##*/replay_}
    log=$logdir/fuzz_$name.log
    "$r" "fuzz/$name/corpus" > "$log" 2>&1
    record "fuzz/$name ($(grep -o '[0-9]* inputs' "$log" || echo 'no inputs'))" $? "$log"
done

echo
[ -n "$failures" ] && echo "failed:$failures"
echo "check: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
