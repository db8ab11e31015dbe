#!/bin/sh
# Stock postcat(1) must read the queue file the cleanup core writes.
# The core test writes its sample file when CLEANUP_TEST_OUT is set.
POSTCAT=/usr/sbin/postcat
[ -x "$POSTCAT" ] || { echo "skip: no $POSTCAT"; exit 77; }
: "${BUILD:?}" "${SRCDIR:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
CLEANUP_TEST_OUT=$tmp/34AD8A7404A "$BUILD/tests/cleanup/test_cleanup_core" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"; exit 1; }
# postcat needs a configuration directory; an empty main.cf will do.
mkdir "$tmp/etc" && : >"$tmp/etc/main.cf"
"$POSTCAT" -c "$tmp/etc" -e -h -b "$tmp/34AD8A7404A" >"$tmp/out" 2>"$tmp/err" || {
    echo "postcat failed:"; cat "$tmp/err"; exit 1; }
fail=0
for want in \
    'message_size:             327             731               2               0             327               0' \
    'sender: alice@client.example' \
    'recipient: carol@stock.example' \
    'original_recipient: carol' \
    'create_time: ' \
    'Message-Id: <20261125073514.34AD8A7404A@stock.example>' \
    'Date: Wed, 25 Nov 2026 07:35:13 +0000 (UTC)' \
    'From: alice@client.example' \
    '.dot line' \
    '*** MESSAGE FILE END'
do
    grep -qF -- "$want" "$tmp/out" || { echo "postcat output lacks: $want"; fail=1; }
done
if grep -q 'warning\|fatal' "$tmp/err"; then
    echo "postcat complained:"; cat "$tmp/err"; fail=1
fi
[ $fail = 0 ] || { cat "$tmp/out"; exit 1; }
exit 0
