# Shared set-up for end-to-end tests: a private instance in a temporary
# directory, run as the invoking user, daemons from the build under test.
BUILD=${BUILD:-build}
SRCDIR=${SRCDIR:-.}
case $BUILD in /*) ;; *) BUILD=$SRCDIR/$BUILD ;; esac
for f in "$BUILD/libexec/master" "$BUILD/sbin/postfix" $E2E_NEEDS; do
    [ -x "$BUILD/$f" ] || [ -x "$f" ] || { echo "skip: $f not built"; exit 77; }
done
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

T=$(mktemp -d /tmp/e2e.XXXXXX)
POSTFIX=$BUILD/sbin/postfix
e2e_cleanup() {
    $POSTFIX stop >/dev/null 2>&1
    if [ -f "$T/queue/pid/master.pid" ]; then
	pid=$(sed 1q "$T/queue/pid/master.pid" | tr -d ' ')
	[ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null
    fi
    rm -rf "$T"
}
trap e2e_cleanup EXIT INT TERM
mkdir -p "$T/conf" "$T/queue" "$T/data"
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
cat > "$T/conf/main.cf" <<EOC
compatibility_level = 3.7
queue_directory = $T/queue
data_directory = $T/data
daemon_directory = $BUILD/libexec
mail_owner = $(id -un)
inet_interfaces = loopback-only
inet_protocols = ipv4
maillog_file = $T/maillog
myhostname = mx.e2e.example
mydomain = e2e.example
mydestination = \$myhostname, localhost
mynetworks = 127.0.0.0/8
EOC
export MAIL_CONFIG=$T/conf

fail() { echo "FAIL: $*"; [ -f "$T/maillog" ] && tail -30 "$T/maillog"; exit 1; }

# wait_port PORT: until something listens (5 s at most)
wait_port() {
    python3 - "$1" <<'EOP'
import socket, sys, time
for _ in range(50):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOP
}

# queue_files QUEUE: the ready files of one queue, one per line
queue_files() {
    find "$T/queue/$1" -type f -perm -u+x 2>/dev/null | sort
}
