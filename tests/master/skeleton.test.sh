#!/bin/sh
# The mail_server skeleton: stand-alone mode, core timers, max_use and
# max_idle, with the echo test daemon (under master where needed).
. "${SRCDIR:-.}/tests/master/lib.sh"

# -S: one session on stdin/stdout.
out=$(printf 'hi\nconf myflag\nquit\nnot seen\n' | "$T/libexec/echod" -S -o myflag=on 2>"$T/s.err")
want="echo ready pid=PID service=echod client=127.0.0.1
echo: hi
conf: on
bye"
got=$(echo "$out" | sed 's/pid=[0-9]*/pid=PID/')
[ "$got" = "$want" ] || fail "stand-alone: got [$got], want [$want]"
grep -q 'postfix/echod: hi' "$T/s.err" || fail "stand-alone log on stderr: $(cat $T/s.err)"
# End of input ends the session.
printf 'x\n' | "$T/libexec/echod" -S >/dev/null 2>&1 || fail "stand-alone EOF exit"
# A bad option is fatal.
"$T/libexec/echod" -S -q </dev/null 2>"$T/q.err" && fail "bad option accepted"
grep -q "invalid option -- 'q'" "$T/q.err" || fail "bad option text: $(cat $T/q.err)"

cat > "$T/conf/master.cf" <<EOC
127.0.0.1:$PORT inet n - n - 1 echod -o max_use=2 -o echo_timeout=1
127.0.0.1:$PORT2 inet n - n - 1 echod -o max_idle=1
EOC
$POSTFIX start 2>/dev/null || fail "start"

# The core's timer fires: "timeout" after echo_timeout.
out=$(python3 - $PORT <<'EOP'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
f = s.makefile("rb")
f.readline()
print(f.readline().decode().strip())
EOP
)
[ "$out" = "timeout" ] || fail "core timer: got [$out]"

# max_use 2: the second session above was the first of a fresh count?
# Count from a clean child: kill nothing, just compare pids.
p1=$(client $PORT quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
p2=$(client $PORT quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
p3=$(client $PORT quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
# The timer session used one of the first child's two uses.
[ -n "$p1" ] && [ -n "$p2" ] && [ -n "$p3" ] || fail "max_use: no pids"
[ "$p1" != "$p2" ] && [ "$p2" = "$p3" ] || fail "max_use 2: pids $p1 $p2 $p3"

# max_idle 1: the child goes away on its own.
p4=$(client $PORT2 quit | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
[ -n "$p4" ] || fail "max_idle: no pid"
kill -0 "$p4" 2>/dev/null || fail "max_idle: child exited too early"
sleep 2
kill -0 "$p4" 2>/dev/null && fail "max_idle: child $p4 still running"
grep -q "warning: .*pid $p4" "$T/maillog" && fail "idle exit logged as abnormal"

$POSTFIX stop 2>/dev/null || fail "stop"
grep "exit status" "$T/maillog" && fail "a child exited abnormally"
exit 0
