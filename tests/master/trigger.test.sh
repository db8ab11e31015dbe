#!/bin/sh
# Trigger servers under master(8): wakeup triggers on schedule, "?"
# wakeups only after first use, triggers over unix streams, FIFOs and
# datagrams, server timers; and a trigger in stand-alone mode.
. "${SRCDIR:-.}/tests/master/lib.sh"

# wait_log PATTERN: up to 5 s for a maillog line
wait_log() {
    i=0
    until grep -q "$1" "$T/maillog" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || return 1; sleep 0.1
    done
}

# Stand-alone: standard input is one trigger.
printf 'hello' | "$T/libexec/echotrig" -S 2>"$T/s.err" || fail "stand-alone exit"
grep -q 'postfix/echotrig: trigger: echotrig: hello' "$T/s.err" \
    || fail "stand-alone trigger: $(cat $T/s.err)"

cat > "$T/conf/master.cf" <<EOC
trig unix - n n 1 1 echotrig
trigq unix - n n 1? 1 echotrig
ftrig fifo - n n - 1 echotrig
dtrig unix-dgram - n n - 1 echotrig
EOC
$POSTFIX start 2>/dev/null || fail "start"

wait_log "postfix/echotrig\[[0-9]*\]: trigger: trig: W" || fail "no wakeup for trig"
# Two more wakeups within the next seconds: the schedule repeats.
sleep 2.2
n=$(grep -c "trigger: trig: W" "$T/maillog")
[ "$n" -ge 3 ] || fail "wakeups of trig: $n, want 3 or more"
grep -q "trigger: trigq: W" "$T/maillog" && fail "conditional wakeup before first use"

# A client trigger over the unix socket makes trigq used; wakeups follow.
python3 - "$T/queue/private/trigq" <<'EOP' || fail "unix trigger"
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1]); s.sendall(b"x"); s.close()
EOP
wait_log "trigger: trigq: x" || fail "unix stream trigger not seen"
wait_log "trigger: trigq: W" || fail "no conditional wakeup after use"

# FIFO trigger and a server timer.
printf 'Tfifo' > "$T/queue/private/ftrig" || fail "fifo write"
wait_log "trigger: ftrig: Tfifo" || fail "fifo trigger not seen"
wait_log "postfix/echotrig\[[0-9]*\]: tick" || fail "server timer did not fire"

# Datagram trigger.
python3 - "$T/queue/private/dtrig" <<'EOP' || fail "datagram send"
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"dg", sys.argv[1])
EOP
wait_log "trigger: dtrig: dg" || fail "datagram trigger not seen"

$POSTFIX stop 2>/dev/null || fail "stop"
grep "exit status\|killed by signal" "$T/maillog" && fail "a child exited abnormally"
exit 0
