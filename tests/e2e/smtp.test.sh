#!/bin/sh
# SMTP end to end on loopback: master starts smtpd and cleanup; Python's
# smtplib (a real client) and swaks (when installed) send mail; the queue
# files in incoming/ are checked with an independent record reader and
# stock postcat when installed; relaying for outside clients is refused.
E2E_NEEDS="libexec/smtpd libexec/cleanup"
. "${SRCDIR:-.}/tests/e2e/lib.sh"

PORT=$(free_port)
cat > "$T/conf/master.cf" <<EOC
127.0.0.1:$PORT inet n - n - - smtpd
cleanup   unix  n       -       n       -       0       cleanup
EOC
$POSTFIX check 2>"$T/check.err" || fail "check: $(cat "$T/check.err")"
$POSTFIX start 2>"$T/start.err" || fail "start: $(cat "$T/start.err")"
wait_port "$PORT" || fail "smtpd does not listen on $PORT"

# smtplib: EHLO, PIPELINING-free dialogue, two recipients, a dot line.
out=$(python3 - "$PORT" <<'EOP'
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30)
code, banner = s.ehlo("client.example")
assert code == 250, (code, banner)
features = banner.decode()
for kw in ("PIPELINING", "SIZE", "8BITMIME", "ENHANCEDSTATUSCODES"):
    assert kw in features, (kw, features)
msg = "Subject: e2e smtp\r\n\r\n.leading dot\r\nlast line\r\n"
refused = s.sendmail("alice@client.example", ["bob@mx.e2e.example", "carol@localhost"], msg)
assert not refused, refused
code, text = s.noop()
assert code == 250
s.quit()
print("sent")
EOP
) || fail "smtplib: $out"
[ "$out" = "sent" ] || fail "smtplib said: $out"

files=$(queue_files incoming)
[ "$(echo "$files" | grep -c .)" -eq 1 ] || fail "want 1 ready file, got: $files"
out=$(python3 "$SRCDIR/tests/e2e/qfile.py" $files) || fail "qfile: $out"
for want in "sender alice@client.example" "rcpt bob@mx.e2e.example" "rcpt carol@localhost" \
    "header Subject: e2e smtp" "body .leading dot" "body last line" "end"; do
    echo "$out" | grep -qxF "$want" || fail "missing \"$want\" in: $out"
done
echo "$out" | grep -q "^header Received: from client.example (localhost \[127.0.0.1\])" \
    || fail "no Received: header as stock writes it in: $out"
echo "$out" | grep -q "^header 	by mx.e2e.example (Postfix) with ESMTP id " \
    || fail "Received: by line in: $out"

# swaks, a second real client, when installed.
if command -v swaks >/dev/null 2>&1; then
    swaks --server 127.0.0.1 --port "$PORT" --from dave@client.example \
	--to erin@mx.e2e.example --header "Subject: e2e swaks" --body "swaks body" \
	> "$T/swaks.out" 2>&1 || fail "swaks: $(cat "$T/swaks.out")"
    grep -q "<- *250 2.0.0 Ok: queued as" "$T/swaks.out" || fail "swaks: $(cat "$T/swaks.out")"
    [ "$(queue_files incoming | grep -c .)" -eq 2 ] || fail "swaks message not queued"
fi

# Relay refused for a destination we do not serve, from outside mynetworks.
sed -i 's|^mynetworks = .*|mynetworks = 192.0.2.0/24|' "$T/conf/main.cf"
$POSTFIX reload 2>/dev/null || fail "reload"
sleep 1
out=$(python3 - "$PORT" <<'EOP'
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30)
s.ehlo("client.example")
s.mail("alice@client.example")
code, text = s.rcpt("victim@elsewhere.example")
print(code, text.decode())
s.quit()
EOP
) || fail "relay probe: $out"
case $out in 454\ 4.7.1\ *"Relay access denied"*|554\ 5.7.1\ *"Relay access denied"*) ;;
*) fail "relay: got \"$out\"" ;; esac
grep -q "NOQUEUE: reject: RCPT from localhost\[127.0.0.1\]: .* Relay access denied" "$T/maillog" \
    || fail "no reject log line"

if [ -x /usr/sbin/postcat ]; then
    mkdir "$T/stock" && : > "$T/stock/main.cf"
    env -u MAIL_CONFIG /usr/sbin/postcat -c "$T/stock" $files > "$T/postcat.out" 2>&1 \
	|| fail "postcat: $(cat "$T/postcat.out")"
    grep -q "^sender: alice@client.example" "$T/postcat.out" || fail "postcat: $(cat "$T/postcat.out")"
fi
grep -q "postfix/smtpd\[[0-9]*\]: connect from localhost\[127.0.0.1\]" "$T/maillog" \
    || fail "no connect log line"
echo "smtp e2e: messages queued and checked, relay refused"
