#!/bin/sh
# postfix(1): check creates the queue directories with stock's modes;
# texts and exit codes of status, stop, abort and reload when nothing
# runs; start-fg and abort; -c.
. "${SRCDIR:-.}/tests/master/lib.sh"

echo "127.0.0.1:$PORT inet n - n - 1 echod" > "$T/conf/master.cf"

$POSTFIX check || fail "check"
for d in maildrop:730 incoming:700 active:700 deferred:700 hold:700 corrupt:700 \
	 bounce:700 defer:700 trace:700 flush:700 saved:700 private:700 public:710 pid:755; do
    mode=$(stat -c %a "$T/queue/${d%%:*}" 2>/dev/null)
    [ "$mode" = "${d#*:}" ] || fail "check: ${d%%:*} mode $mode, want ${d#*:}"
done

# A fresh instance draws no warnings; a writable data directory and a
# file in corrupt/ do, in stock's words.
$POSTFIX check 2>"$T/check.err" || fail "second check"
[ -s "$T/check.err" ] && fail "warnings on a fresh instance: $(cat $T/check.err)"
chmod g+w "$T/data"
echo x > "$T/queue/corrupt/ABCDEF"
$POSTFIX check 2>"$T/check.err" || fail "check with warnings"
grep -qx "postfix/postfix-script: warning: group or other writable: $T/data/." "$T/check.err" \
    || fail "writable data_directory: $(cat $T/check.err)"
grep -qx "postfix/postfix-script: warning: damaged message: corrupt/ABCDEF" "$T/check.err" \
    || fail "corrupt file: $(cat $T/check.err)"
chmod g-w "$T/data"
rm "$T/queue/corrupt/ABCDEF"
$POSTFIX flush 2>"$T/flush.err" && fail "flush succeeded"
grep -q "fatal: flush is not yet supported" "$T/flush.err" || fail "flush text: $(cat $T/flush.err)"

unset MAIL_CONFIG
for cmd in stop abort reload; do
    $POSTFIX -c "$T/conf" $cmd 2>"$T/$cmd.err"; rc=$?
    [ $rc = 1 ] || fail "$cmd when stopped: exit $rc"
    [ "$(cat $T/$cmd.err)" = "postfix/postfix-script: fatal: the Postfix mail system is not running" ] \
	|| fail "$cmd text: $(cat $T/$cmd.err)"
done
$POSTFIX -c "$T/conf" status 2>"$T/status.err"; rc=$?
[ $rc = 1 ] || fail "status when stopped: exit $rc"
[ "$(cat $T/status.err)" = "postfix/postfix-script: the Postfix mail system is not running" ] \
    || fail "status text: $(cat $T/status.err)"
$POSTFIX -c "$T/conf" bogus 2>"$T/bogus.err" && fail "unknown command accepted"
grep -q "fatal: unknown command: 'bogus'" "$T/bogus.err" || fail "bogus text: $(cat $T/bogus.err)"
grep -q 'postfix/postfix-script\[[0-9]*\]: fatal: the Postfix mail system is not running' \
    "$T/maillog" || fail "not logged to maillog_file"

# start-fg keeps master in the foreground; abort stops it.
$POSTFIX -c "$T/conf" start-fg 2>"$T/fg.err" &
fgpid=$!
i=0
until $POSTFIX -c "$T/conf" status 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 50 ] || fail "start-fg did not start"; sleep 0.1
done
client $PORT quit | grep -q "echo ready" || fail "service under start-fg"
$POSTFIX -c "$T/conf" abort 2>"$T/abort.err" || fail "abort"
grep -q 'aborting the Postfix mail system' "$T/abort.err" || fail "abort text"
wait $fgpid
i=0
while $POSTFIX -c "$T/conf" status 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 50 ] || fail "still running after abort"; sleep 0.1
done

# An interrupt to start-fg stops master too.
$POSTFIX -c "$T/conf" start-fg 2>/dev/null &
fgpid=$!
i=0
until $POSTFIX -c "$T/conf" status 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 50 ] || fail "start-fg did not start again"; sleep 0.1
done
kill -INT $fgpid
i=0
while $POSTFIX -c "$T/conf" status 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 50 ] || fail "master survived an interrupt of start-fg"; sleep 0.1
done
wait $fgpid

# No master program: fatal.
rm "$T/libexec/master"
$POSTFIX -c "$T/conf" start 2>"$T/nomaster.err" && fail "start without master"
grep -q "fatal: no Postfix master program $T/libexec/master!" "$T/nomaster.err" \
    || fail "no master text: $(cat $T/nomaster.err)"
exit 0
