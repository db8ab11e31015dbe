#!/bin/sh
# QMQP end to end on loopback: master starts qmqpd and cleanup, a real
# QMQP client sends messages, and the queue files in incoming/ are checked
# with an independent record reader (and stock postcat when installed).
E2E_NEEDS="libexec/qmqpd libexec/cleanup"
. "${SRCDIR:-.}/tests/e2e/lib.sh"

PORT=$(free_port)
cat >> "$T/conf/main.cf" <<EOC
qmqpd_authorized_clients = 127.0.0.0/8
qmqpd_error_delay = 0
EOC
cat > "$T/conf/master.cf" <<EOC
127.0.0.1:$PORT inet n - n - - qmqpd
cleanup   unix  n       -       n       -       0       cleanup
EOC
$POSTFIX check 2>"$T/check.err" || fail "check: $(cat "$T/check.err")"
$POSTFIX start 2>"$T/start.err" || fail "start: $(cat "$T/start.err")"
wait_port "$PORT" || fail "qmqpd does not listen on $PORT"

reply=$(printf 'Subject: e2e one\n\nfirst body line\n' |
    python3 "$SRCDIR/tests/e2e/qmqp_send.py" 127.0.0.1 "$PORT" alice@client.example bob@e2e.example) \
    || fail "send 1: $reply"
case $reply in "KOk: queued as "*) ;; *) fail "reply 1: $reply" ;; esac
id1=${reply#KOk: queued as }

reply=$(printf 'Subject: e2e two\n\n.leading dot\nlast line\n' |
    python3 "$SRCDIR/tests/e2e/qmqp_send.py" 127.0.0.1 "$PORT" "" carol@e2e.example dave) \
    || fail "send 2: $reply"
id2=${reply#KOk: queued as }

files=$(queue_files incoming)
[ "$(echo "$files" | wc -l)" -eq 2 ] || fail "want 2 ready files in incoming, got: $files"
f1=$(echo "$files" | grep "/$id1\$") || fail "no file for $id1 in: $files"
f2=$(echo "$files" | grep "/$id2\$") || fail "no file for $id2 in: $files"

out=$(python3 "$SRCDIR/tests/e2e/qfile.py" "$f1") || fail "qfile $f1: $out"
for want in "sender alice@client.example" "rcpt bob@e2e.example" \
    "header Subject: e2e one" "body first body line" "end"; do
    echo "$out" | grep -qxF "$want" || fail "$id1: missing \"$want\" in: $out"
done
echo "$out" | grep -q "^header Received: from localhost (localhost \[127.0.0.1\])" \
    || echo "$out" | grep -q "^header Received: from unknown (unknown \[127.0.0.1\])" \
    || fail "$id1: no Received: header in: $out"
echo "$out" | grep -q "with QMQP id $id1" || fail "$id1: Received: lacks the queue id: $out"

out=$(python3 "$SRCDIR/tests/e2e/qfile.py" "$f2") || fail "qfile $f2: $out"
for want in "sender " "rcpt carol@e2e.example" "rcpt dave@mx.e2e.example" \
    "body .leading dot" "body last line" "end"; do
    echo "$out" | grep -qxF "$want" || fail "$id2: missing \"$want\" in: $out"
done

# An unauthorized network gets D, and nothing more is queued.
$POSTFIX stop 2>/dev/null
sed -i 's|^qmqpd_authorized_clients = .*|qmqpd_authorized_clients = 192.0.2.0/24|' "$T/conf/main.cf"
$POSTFIX start 2>"$T/start.err" || fail "restart: $(cat "$T/start.err")"
wait_port "$PORT" || fail "qmqpd does not listen after restart"
reply=$(printf 'Subject: no\n\nno\n' |
    python3 "$SRCDIR/tests/e2e/qmqp_send.py" 127.0.0.1 "$PORT" a@b.example c@e2e.example)
case $reply in D*"is not authorized to use this service") ;; *) fail "unauthorized: $reply" ;; esac
[ "$(queue_files incoming | wc -l)" -eq 2 ] || fail "a refused message was queued"

# Stock postcat, when installed, reads what we wrote.
if [ -x /usr/sbin/postcat ]; then
    mkdir "$T/stock" && : > "$T/stock/main.cf"
    env -u MAIL_CONFIG /usr/sbin/postcat -c "$T/stock" "$f1" > "$T/postcat.out" 2>&1 || fail "postcat: $(cat "$T/postcat.out")"
    grep -q "^sender: alice@client.example" "$T/postcat.out" || fail "postcat: $(cat "$T/postcat.out")"
    grep -q "^first body line" "$T/postcat.out" || fail "postcat body: $(cat "$T/postcat.out")"
fi
grep -q "postfix/qmqpd\[[0-9]*\]: $id1: client=" "$T/maillog" || fail "no client= log line"
grep -q "postfix/cleanup\[[0-9]*\]: $id1: message-id=" "$T/maillog" || fail "no message-id log line"
echo "qmqp e2e: 2 messages queued and checked, 1 refusal"
