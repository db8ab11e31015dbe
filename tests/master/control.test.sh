#!/bin/sh
# master(8) controls: throttling of a service whose children fail at
# start-up, terminating children of a service removed by reload,
# -e exit_time, -i outside PID 1, -t.
. "${SRCDIR:-.}/tests/master/lib.sh"

wait_log() {
    i=0
    until grep -q "$1" "$T/maillog" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || return 1; sleep 0.1
    done
}

# -t: no master yet.
"$T/libexec/master" -t || fail "-t with no master running"
# -i is for PID 1 only.
"$T/libexec/master" -i 2>"$T/i.err" && fail "-i accepted outside PID 1"
grep -q 'fatal: -i is allowed only for PID 1 process' "$T/i.err" || fail "-i text: $(cat $T/i.err)"

# A child that fails before serving anyone throttles its service.
cat > "$T/conf/master.cf" <<EOC
127.0.0.1:$PORT inet n - n - 1 echod -o max_use=bogus
127.0.0.1:$PORT2 inet n - n - 1 echod
EOC
$POSTFIX start 2>/dev/null || fail "start"
"$T/libexec/master" -t 2>/dev/null && fail "-t while running"
python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3).close()' $PORT
wait_log "warning: process $T/libexec/echod pid [0-9]* exit status 1" || fail "failed child not logged"
wait_log "warning: $T/libexec/echod: bad command startup -- throttling" || fail "no throttling"
# service_throttle_time is 2s: no second attempt within the next second.
sleep 1
n=$(grep -c "exit status 1" "$T/maillog")
[ "$n" = 1 ] || fail "children started while throttled: $n failures"

# A service removed by reload: its busy child is terminated.
python3 - $PORT2 "$T" "$POSTFIX" <<'EOP' || fail "removed service child"
import socket, sys, subprocess, re, time
port, t, postfix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.create_connection(("127.0.0.1", port), timeout=5)
assert s.makefile("rb").readline().startswith(b"echo ready"), "greeting"
with open(t + "/conf/master.cf") as f:
    lines = [l for l in f if (":%d " % port) not in l]
with open(t + "/conf/master.cf", "w") as f:
    f.writelines(lines)
subprocess.run([postfix, "reload"], check=True, stderr=subprocess.DEVNULL)
s.settimeout(3)
try:
    data = s.recv(100)
except (socket.timeout, ConnectionResetError):
    raise SystemExit("connection still open after reload")
assert data == b"", "got %r" % data
EOP
wait_log "warning: process $T/libexec/echod pid [0-9]* killed by signal 15" \
    || fail "terminated child not logged"
$POSTFIX stop 2>/dev/null || fail "stop"

# -e: master leaves on its own.
: > "$T/maillog"
start=$(date +%s)
"$T/libexec/master" -e 1 || fail "-e exit status"
[ $(( $(date +%s) - start )) -le 4 ] || fail "-e 1 took too long"
grep -q "postfix/master\[[0-9]*\]: master exit time has arrived" "$T/maillog" \
    || fail "-e not logged"
exit 0
