#!/bin/sh
# make run: sets up a self-contained instance under ./run owned by the
# invoking user and runs it in the foreground: SMTP on 127.0.0.1:2525,
# QMQP on 127.0.0.1:6280. Mail is queued under ./run/queue.
set -eu
top=$(pwd)
run=$top/run
build=${BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
marker="# written by 'make run' (layout 2)"
mkdir -p "$run/etc" "$run/queue" "$run/data" "$run/mail"
if ! grep -qF "$marker" "$run/etc/main.cf" 2>/dev/null; then
    cat > "$run/etc/main.cf" <<CONF
$marker
compatibility_level = 3.7
config_directory = $run/etc
queue_directory = $run/queue
data_directory = $run/data
daemon_directory = $build/libexec
command_directory = $build/sbin
mail_owner = $(id -un)
setgid_group = $(id -gn)
myhostname = localhost.localdomain
mydestination = localhost, localhost.localdomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
home_mailbox = Maildir/
maillog_file = $run/maillog
qmqpd_authorized_clients = 127.0.0.0/8
CONF
fi
if ! grep -qF "$marker" "$run/etc/master.cf" 2>/dev/null; then
    cat > "$run/etc/master.cf" <<CONF
$marker
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:2525 inet n   -       n       -       -       smtpd
127.0.0.1:6280 inet n   -       n       -       -       qmqpd
cleanup   unix  n       -       n       -       0       cleanup
CONF
fi
postfix="$build/sbin/postfix -c $run/etc"
for prog in master smtpd qmqpd cleanup; do
    [ -x "$build/libexec/$prog" ] || { echo "make run: $build/libexec/$prog is not built" >&2; exit 1; }
done
$postfix check
cat <<TEXT

Instance: $run (configuration in run/etc, log in run/maillog)
Listening: SMTP on 127.0.0.1:2525, QMQP on 127.0.0.1:6280

Send a test message, for example:
    swaks --server 127.0.0.1:2525 --to user@localhost
    python3 -c 'import smtplib; smtplib.SMTP("127.0.0.1", 2525).sendmail("me@example.com", ["user@localhost"], "Subject: hi\\n\\nhello\\n")'

Accepted mail is written to the queue (run/queue/incoming, readable with
postcat). Queue management and delivery into run/mail come with the
delivery daemons (qmgr, local), which are not built yet.

Stop with Ctrl-C, or from another shell:
    build/sbin/postfix -c run/etc stop

TEXT
exec $postfix start-fg
