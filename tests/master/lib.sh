# Shared set-up for the master and postfix script tests: a temporary
# instance whose daemon_directory holds master and the echo test daemon.
BUILD=${BUILD:-build}
SRCDIR=${SRCDIR:-.}
case $BUILD in /*) ;; *) BUILD=$SRCDIR/$BUILD ;; esac
for f in "$BUILD/libexec/master" "$BUILD/sbin/postfix" "$BUILD/tests/master/echod"; do
    [ -x "$f" ] || { echo "skip: $f not built"; exit 77; }
done
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

T=$(mktemp -d /tmp/mastertest.XXXXXX)
POSTFIX=$BUILD/sbin/postfix
cleanup() {
    if [ -f "$T/queue/pid/master.pid" ]; then
	pid=$(sed 1q "$T/queue/pid/master.pid" | tr -d ' ')
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
	sleep 0.2
	[ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
mkdir -p "$T/conf" "$T/libexec" "$T/queue" "$T/data"
cp "$BUILD/libexec/master" "$BUILD/tests/master/echod" "$T/libexec/"
cp "$BUILD/tests/master/echod" "$T/libexec/echotrig"
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
PORT2=$(free_port)
cat > "$T/conf/main.cf" <<EOC
queue_directory = $T/queue
data_directory = $T/data
daemon_directory = $T/libexec
mail_owner = $(id -un)
inet_interfaces = loopback-only
inet_protocols = ipv4
maillog_file = $T/maillog
service_throttle_time = 2s
EOC
export MAIL_CONFIG=$T/conf

# client PORT LINES...: connects, prints what the server says
client() {
    python3 - "$@" <<'EOP'
import socket, sys, time
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port), timeout=5)
f = s.makefile("rb")
out = [f.readline().decode().strip()]
for line in sys.argv[2:]:
    s.sendall((line + "\n").encode())
    out.append(f.readline().decode().strip())
print("\n".join(out))
EOP
}
fail() { echo "FAIL: $*"; [ -f "$T/maillog" ] && tail -20 "$T/maillog"; exit 1; }
