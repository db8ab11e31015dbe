#!/bin/sh
# postconf -m lists the lookup table types of this build: sorted, one a line,
# the core set present. Unlike stock's Debian build it leaves out memcache
# and nis, which this project does not plan to support.
set -u
out=$("$BUILD/sbin/postconf" -m) || { echo "FAIL: postconf -m exit $?"; exit 1; }
fail=0
[ "$out" = "$(printf '%s\n' "$out" | LC_ALL=C sort -u)" ] || { echo "FAIL: not sorted/unique: $out"; fail=1; }
for t in btree cidr hash inline pcre regexp static texthash unionmap; do
    printf '%s\n' "$out" | grep -qx "$t" || { echo "FAIL: missing $t"; fail=1; }
done
for t in memcache nis; do
    printf '%s\n' "$out" | grep -qx "$t" && { echo "FAIL: unexpected $t"; fail=1; }
done
exit $fail
