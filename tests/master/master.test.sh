#!/bin/sh
# master(8) and the mail_server skeleton end to end: an echo service on
# loopback, round trips through a child, restart after a kill, the
# process limit, reload with a new service, and a refused second start.
. "${SRCDIR:-.}/tests/master/lib.sh"

cat > "$T/conf/master.cf" <<EOC
127.0.0.1:$PORT inet n - n - 2 echod -o echo_timeout=5 -o { echo_flavour = plain vanilla }
EOC

$POSTFIX start 2>"$T/start.err" || fail "start: $(cat $T/start.err)"
grep -q 'postfix/postfix-script: starting the Postfix mail system' "$T/start.err" \
    || fail "start text: $(cat $T/start.err)"
$POSTFIX status 2>"$T/status.err" || fail "status exit"
grep -Eq 'postfix/postfix-script: the Postfix mail system is running: PID: [0-9]+$' "$T/status.err" \
    || fail "status text: $(cat $T/status.err)"

# Round trip, -o overrides (braced too), the request/inject path.
out=$(client $PORT hello "conf echo_flavour" "ask abc" quit) || fail "client"
want="echo ready pid=PID service=127.0.0.1:$PORT client=127.0.0.1
echo: hello
conf: plain vanilla
reply: cba
bye"
got=$(echo "$out" | sed 's/pid=[0-9]*/pid=PID/')
[ "$got" = "$want" ] || fail "round trip: got [$got], want [$want]"
grep -q "postfix/echod\[[0-9]*\]: hello" "$T/maillog" || fail "core log line missing"
grep -q "postfix/master\[[0-9]*\]: daemon started" "$T/maillog" || fail "master log line missing"

# A killed child is replaced on the next connection.
pid1=$(client $PORT quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
[ -n "$pid1" ] || fail "no pid"
kill -9 "$pid1"
sleep 0.3
pid2=$(client $PORT quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
[ -n "$pid2" ] && [ "$pid2" != "$pid1" ] || fail "restart: pid $pid1 then $pid2"
grep -q "killed by signal 9" "$T/maillog" || fail "kill not logged"

# maxproc 2: a third concurrent client waits until one leaves.
python3 - $PORT <<'EOP' || fail "maxproc"
import socket, sys
port = int(sys.argv[1])
def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s, s.makefile("rb")
a, fa = conn(); b, fb = conn()
assert fa.readline().startswith(b"echo ready"), "first"
assert fb.readline().startswith(b"echo ready"), "second"
c = socket.create_connection(("127.0.0.1", port), timeout=5)
c.settimeout(1.0)
try:
    data = c.recv(100)
    raise SystemExit("third client served while two busy: %r" % data)
except socket.timeout:
    pass
a.sendall(b"quit\n"); assert fa.readline() == b"bye\n"
c.settimeout(5)
assert c.recv(100).startswith(b"echo ready"), "third after release"
for s in (b, c):
    s.sendall(b"quit\n")
EOP
n=$(pgrep -f "echod -n 127.0.0.1:$PORT" | wc -l)
[ "$n" -le 2 ] || fail "more than maxproc children: $n"

# Reload picks up a new service.
echo "127.0.0.1:$PORT2 inet n - n - 1 echod -o echo_timeout=5" >> "$T/conf/master.cf"
$POSTFIX reload 2>"$T/reload.err" || fail "reload"
grep -q 'refreshing the Postfix mail system' "$T/reload.err" || fail "reload text"
sleep 0.5
client $PORT2 quit | grep -q "service=127.0.0.1:$PORT2" || fail "new service after reload"
client $PORT quit | grep -q "echo ready" || fail "old service after reload"
grep -q "postfix/master\[[0-9]*\]: reload -- version" "$T/maillog" || fail "reload not logged"

# ... and closes a removed one.
sed -i "/:$PORT2 /d" "$T/conf/master.cf"
$POSTFIX reload 2>/dev/null || fail "second reload"
sleep 0.5
client $PORT2 quit >/dev/null 2>&1 && fail "removed service still listening"
client $PORT quit | grep -q "echo ready" || fail "kept service after second reload"

# A second start is refused.
$POSTFIX start 2>"$T/start2.err" && fail "second start succeeded"
grep -q 'postfix/postfix-script: fatal: the Postfix mail system is already running' "$T/start2.err" \
    || fail "second start text: $(cat $T/start2.err)"
"$T/libexec/master" -w 2>"$T/master2.err" && fail "second master succeeded"
grep -q 'fatal: the Postfix mail system is already running' "$T/master2.err" \
    || fail "master text: $(cat $T/master2.err)"

$POSTFIX stop 2>"$T/stop.err" || fail "stop"
grep -q 'stopping the Postfix mail system' "$T/stop.err" || fail "stop text"
$POSTFIX status 2>"$T/status2.err" && fail "status after stop"
grep -q 'the Postfix mail system is not running' "$T/status2.err" || fail "status text after stop"
client $PORT 2>/dev/null && fail "listener still open after stop"
sleep 0.2
pgrep -f "echod -n 127.0.0.1:$PORT" >/dev/null && fail "children left after stop"
# Children ended normally (sanitizer findings would show up here).
grep "exit status" "$T/maillog" && fail "a child exited abnormally"
exit 0
