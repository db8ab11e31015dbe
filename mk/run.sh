#!/bin/sh
# make run: builds (done by make) and sets up a self-contained instance under
# ./run owned by the invoking user. Only what exists so far is started.
set -eu
top=$(pwd)
run=$top/run
mkdir -p "$run/etc" "$run/queue" "$run/data" "$run/mail"
if [ ! -f "$run/etc/main.cf" ]; then
    cat > "$run/etc/main.cf" <<CONF
# Instance configuration written by 'make run'.
compatibility_level = 3.7
config_directory = $run/etc
queue_directory = $run/queue
data_directory = $run/data
mail_owner = $(id -un)
setgid_group = $(id -gn)
myhostname = localhost.localdomain
mydestination = localhost, localhost.localdomain
inet_interfaces = 127.0.0.1
mynetworks = 127.0.0.0/8
home_mailbox = Maildir/
maillog_file = $run/maillog
CONF
fi
[ -f "$run/etc/master.cf" ] || cat > "$run/etc/master.cf" <<'CONF'
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:2525 inet n   -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
local     unix  -       n       n       -       -       local
CONF

echo "Instance configuration: $run/etc (main.cf, master.cf)"
echo
echo "What works now: the configuration engine and postconf(1), for example"
echo "    build/sbin/postconf -c run/etc -n"
echo "    build/sbin/postconf -c run/etc -M"
echo
if [ -x build/libexec/master ]; then
    exec build/libexec/master -c "$run/etc"
fi
echo "Not there yet: master(8), smtpd(8) and the delivery daemons are not built,"
echo "so nothing listens on 127.0.0.1:2525 and no mail is delivered into run/mail."
echo "Nothing was started; nothing needs to be stopped."
