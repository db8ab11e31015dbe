#!/bin/sh
# Regenerates the stock queue files in this directory with a private stock
# Postfix instance (run as root): its own configuration and queue
# directories, SMTP on 127.0.0.1:$PORT, and a master.cf without qmgr so
# the files stay in incoming/. One message with short queue ids, one with
# long queue ids. Writes short.qf, long.qf and facts.txt (queue id, inode,
# final mode and hashed path, as stock made them; hash_queue_depth = 2).
set -e
PORT=${PORT:-29461}
SMTPD_OPTS=${SMTPD_OPTS--v}	# verbose smtpd logs help when a run fails
OUT=$(cd "$(dirname "$0")" && pwd)
TOP=$(mktemp -d /tmp/qf-stock.XXXXXX)
ETC=$TOP/etc Q=$TOP/queue D=$TOP/data
mkdir -p "$ETC" "$Q" "$D"
chmod 755 "$TOP"
chown postfix "$D"
stop() { if [ -n "$MPID" ]; then kill "$MPID" 2>/dev/null; wait "$MPID" 2>/dev/null || :; fi; MPID=; }
trap 'stop; [ -n "$KEEP" ] || rm -rf "$TOP"' EXIT

cat >"$ETC/master.cf" <<MCF
127.0.0.1:$PORT inet n - n - - smtpd $SMTPD_OPTS
cleanup   unix n - n - 0 cleanup
rewrite   unix - - n - - trivial-rewrite
anvil     unix - - n - 1 anvil
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
postlog   unix-dgram n - n - 1 postlogd
MCF

run_one() {	# $1 = yes|no (enable_long_queue_ids), $2 = output name
    cat >"$ETC/main.cf" <<MAIN
compatibility_level = 3.6
queue_directory = $Q
data_directory = $D
myhostname = stock.example
mydomain = stock.example
mydestination = stock.example
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
hash_queue_names = incoming, deferred
hash_queue_depth = 2
enable_long_queue_ids = $1
smtpd_banner = stock.example ESMTP
local_recipient_maps =
maillog_file = /dev/stdout
MAIN
    rm -rf "$Q"
    mkdir -p "$Q"
    for d in incoming active deferred defer bounce hold corrupt trace flush saved private public pid maildrop; do
	mkdir -p "$Q/$d"; chown postfix "$Q/$d"; chmod 700 "$Q/$d"
    done
    chown root "$Q/pid"; chmod 755 "$Q/public"; chgrp postdrop "$Q/public" "$Q/maildrop"
    chmod 710 "$Q/public"; chmod 730 "$Q/maildrop"
    setsid /usr/lib/postfix/sbin/master -c "$ETC" -d >"$TOP/master.err" 2>&1 </dev/null & MPID=$!
    sleep 4
    swaks --server 127.0.0.1 --port "$PORT" --helo client.example \
	--from alice@client.example --to bob@dest.example,carol \
	--header 'Subject: sample' --body "$(printf 'Hello world\n.dot line\n\nlast line')" >"$TOP/swaks.log" 2>&1 \
	|| { cat "$TOP/swaks.log" "$TOP/master.err"; exit 1; }
    sleep 1
    stop
    f=$(find "$Q/incoming" -type f | head -1)
    [ -n "$f" ] || { echo "no queue file in incoming"; exit 1; }
    cp "$f" "$OUT/$2.qf"; chmod 644 "$OUT/$2.qf"
    echo "$2 id=$(basename "$f") inode=$(stat -c %i "$f") mode=$(stat -c %a "$f") path=${f#$Q/}" >>"$OUT/facts.txt"
}
: >"$OUT/facts.txt"
run_one no short
run_one yes long
cat "$OUT/facts.txt"
