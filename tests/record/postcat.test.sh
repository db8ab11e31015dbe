#!/bin/sh
# Stock postcat(1) must read queue files made by the record encoder and
# the SIZE formatter (test_qf_interop writes them when QF_INTEROP_OUT and
# QF_INTEROP_OUT_LONG are set), both in its normal form and record by
# record with -v: the stock cleanup layout, and long lines split into
# unterminated_text pieces.
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
# Long lines: stock joins the L pieces with the N that ends them.
QF_INTEROP_OUT_LONG=$tmp/34AD8A7404B "$BUILD/tests/record/test_qf_interop" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"; exit 1; }
line() {	# length, seed: the line test_qf_interop builds
    awk -v n="$1" -v s="$2" 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"; o = "";
	for (i = 0; i < n; i++) o = o substr(a, (int(i / 10) + s) % 26 + 1, 1); print o }'
}
"$POSTCAT" -c "$tmp/etc" -h -b "$tmp/34AD8A7404B" >"$tmp/outl" 2>"$tmp/errl" || {
    echo "postcat failed:"; cat "$tmp/errl"; exit 1; }
check "$tmp/outl" 'Subject: long lines' "$(line 5000 0)" "$(line 2048 1)" "$(line 2049 2)"
"$POSTCAT" -c "$tmp/etc" -e "$tmp/34AD8A7404B" >"$tmp/outle" 2>>"$tmp/errl"
check "$tmp/outle" 'sender: ' 'recipient: dave@dest.example'
"$POSTCAT" -c "$tmp/etc" -v "$tmp/34AD8A7404B" >"$tmp/outlv" 2>"$tmp/errlv"
[ "$(grep -c '^unterminated_text: ' "$tmp/outlv")" = 3 ] || {
    echo "postcat -v: want 3 unterminated_text records"; fail=1; }
check "$tmp/outlv" "unterminated_text: $(line 5000 0 | cut -c1-2048)" 'regular_text: y'
if grep -q 'warning\|fatal' "$tmp/err" "$tmp/errv" "$tmp/errl" "$tmp/errlv"; then
    echo "postcat complained:"; cat "$tmp/err" "$tmp/errv" "$tmp/errl" "$tmp/errlv"; fail=1
fi
[ $fail = 0 ] || { cat "$tmp/out" "$tmp/outv" | cut -c1-200; exit 1; }
exit 0
