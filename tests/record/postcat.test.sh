#!/bin/sh
# Stock postcat(1) must read a queue file made by the record encoder and
# the SIZE formatter (test_qf_interop writes it when QF_INTEROP_OUT is
# set), both in its normal form and record by record with -v.
POSTCAT=/usr/sbin/postcat
[ -x "$POSTCAT" ] || { echo "skip: no $POSTCAT"; exit 77; }
: "${BUILD:?}" "${SRCDIR:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
QF_INTEROP_OUT=$tmp/34AD8A7404A "$BUILD/tests/record/test_qf_interop" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"; exit 1; }
[ -s "$tmp/34AD8A7404A" ] || { echo "no queue file written"; exit 1; }
mkdir "$tmp/etc" && : >"$tmp/etc/main.cf"
fail=0
check() {	# output file, wanted lines...
    out=$1; shift
    for want in "$@"; do
	grep -qxF -- "$want" "$out" || { echo "postcat output lacks: $want"; fail=1; }
    done
}
"$POSTCAT" -c "$tmp/etc" -e -h -b "$tmp/34AD8A7404A" >"$tmp/out" 2>"$tmp/err" || {
    echo "postcat failed:"; cat "$tmp/err"; exit 1; }
check "$tmp/out" \
    'message_size:             327             731               2               0             327               0' \
    'sender: alice@client.example' \
    'recipient: bob@dest.example' \
    'recipient: carol@stock.example' \
    'original_recipient: carol' \
    'Subject: test one' \
    'Hello world' \
    '.dot line' \
    '*** MESSAGE FILE END '"$tmp"'/34AD8A7404A ***'
"$POSTCAT" -c "$tmp/etc" -v "$tmp/34AD8A7404A" >"$tmp/outv" 2>"$tmp/errv" || {
    echo "postcat -v failed:"; cat "$tmp/errv"; exit 1; }
check "$tmp/outv" \
    'sender: alice@client.example' \
    'recipient: carol@stock.example' \
    'named_attribute: log_ident=34AD8A7404A' \
    'regular_text: Subject: test one' \
    'regular_text: Hello world' \
    'regular_text: .dot line'
if grep -q 'warning\|fatal' "$tmp/err" "$tmp/errv"; then
    echo "postcat complained:"; cat "$tmp/err" "$tmp/errv"; fail=1
fi
[ $fail = 0 ] || { cat "$tmp/out" "$tmp/outv"; exit 1; }
exit 0
