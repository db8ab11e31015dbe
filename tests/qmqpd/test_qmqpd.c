/*
 * NAME
 *	test_qmqpd
 * SUMMARY
 *	unit tests for the qmqpd core
 * DESCRIPTION
 *	Each session case scripts a client (its bytes, whether it closes)
 *	and cleanup (the OPEN and CLOSE answers), then checks the exact
 *	records sent to cleanup, the cleanup requests, the client reply, the
 *	time the reply went out and the log. Every case runs three ways:
 *	input fed whole, fed one byte at a time, and fed while the OPEN
 *	reply is still outstanding; the results must be the same.
 *
 *	Expected texts come from stock qmqpd 3.7.11 on a private instance
 *	(qmqp-source and a socket client, queue files read with postcat,
 *	the cleanup socket watched with strace).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record_text.h"
#include "mail_addr.h"
#include "mail_date.h"

#include "argv.h"
#include "cleanup_proto.h"
#include "core.h"
#include "mail_conf.h"
#include "mymalloc.h"
#include "netstring.h"
#include "stringops.h"
#include "vstring.h"
#include "qmqpd/qmqpd.h"

#define T0	5000			/* driver clock at connect, ms */
#define WALL	1795591402		/* wall clock at connect, seconds */
#define QID	"79611A74004"

/* Test environment: log lines collected as "level: text|...". */

static void test_log(void *ctx, MSG_LEVEL level, const char *text)
{
    VSTRING *log = ctx;

    if (vstring_len(log))
	vstring_addch(log, '|');
    vstring_sprintf_append(log, "%s%s", level == MSG_INFO ? "info: " :
			   level == MSG_WARN ? "warning: " : "other: ", text);
}

static int64_t test_wall(void *ctx, core_time_ms now)
{
    return (WALL + (now - T0) / 1000);
}

/* test_lookup - "inline:" style table: ctx holds "key1,key2" */

static int test_lookup(void *ctx, const char *table, const char *key, const char **value)
{
    if (strcmp(table, "fail:x") == 0)
	return (-1);
    if (strcmp(table, "test:allow") == 0 && (strcmp(key, "trusted.example") == 0
					     || strcmp(key, "192.0.2.9") == 0)) {
	*value = "OK";
	return (0);
    }
    return (1);
}

static QMQPD_CONFIG *test_config(const char *overrides, VSTRING *err)
{
    MAIL_CONF *conf = mail_conf_create(0);
    ARGV   *ov = argv_split(overrides ? overrides : "", "|");
    QMQPD_CONFIG *cfg;
    size_t  i;

    mail_conf_override(conf, "myhostname", "stock.example");
    mail_conf_override(conf, "qmqpd_authorized_clients", "127.0.0.1, [::1]");
    for (i = 0; i < ov->argc; i++) {
	char   *name = mystrdup(ov->argv[i]);
	char   *value = split_at(name, '=');

	mail_conf_override(conf, name, value ? value : "");
	myfree(name);
    }
    cfg = qmqpd_config_load(conf, err);
    argv_free(ov);
    mail_conf_free(conf);
    return (cfg);
}

/* build_input - "P|msg|sender|rcpt..." to a QMQP packet, else as is */

static void build_input(const char *spec, size_t len, VSTRING *out)
{
    VSTRING *inner = vstring_alloc(100);
    const char *cp;
    const char *bar;

    vstring_reset(out);
    if (strncmp(spec, "P|", 2) != 0) {
	vstring_memcpy(out, spec, len);
	vstring_free(inner);
	return;
    }
    for (cp = spec + 2;; cp = bar + 1) {
	bar = strchr(cp, '|');
	netstring_append(inner, cp, bar ? (size_t) (bar - cp) : strlen(cp));
	if (bar == 0)
	    break;
    }
    netstring_append(out, vstring_str(inner), vstring_len(inner));
    vstring_free(inner);
}

/* Session cases. */

typedef struct SESSION_CASE {
    const char *label;
    const char *config;			/* "name=value|..." overrides */
    const char *client;			/* "name addr port family" or NULL */
    const char *input;
    size_t  input_len;			/* 0: strlen */
    int     client_closes;		/* EOF after the input */
    int     open_status;		/* -1: cleanup never answers */
    int     close_status;
    const char *close_reason;
    const char *records;		/* "T:...|S:...", or NULL: none sent */
    const char *requests;		/* "open:114,close" */
    const char *reply;			/* exact bytes, "" = none */
    core_time_ms reply_at;		/* ms after connect, -1: any */
    const char *log;
} SESSION_CASE;

#define CONNECT	"info: connect from localhost[127.0.0.1]"
#define CLIENT	"info: " QID ": client=localhost[127.0.0.1]"
#define DISCON	"info: disconnect from localhost[127.0.0.1]"
#define OK_LOG	CONNECT "|" CLIENT "|" DISCON
#define OK_REPLY "26:KOk: queued as " QID ","
#define DATE	"Wed, 25 Nov 2026 07:23:22 +0000 (UTC)"
#define ENV(s)	"T:1795591402 0|S:" s ATTRS
#define ATTRS	"|A:log_client_name=localhost|A:log_client_address=127.0.0.1" \
	"|A:log_client_port=38044|A:log_message_origin=localhost[127.0.0.1]" \
	"|A:log_protocol_name=QMQP|A:client_name=localhost|A:client_address=127.0.0.1" \
	"|A:client_port=38044|A:client_address_type=2|A:protocol_name=QMQP"
#define RCVD1(r) "M:|N:Received: from localhost (localhost [127.0.0.1])" \
	"|N:\tby stock.example (Postfix) with QMQP id " QID "|N:\tfor <" r ">; " DATE
#define RCVDN	"M:|N:Received: from localhost (localhost [127.0.0.1])" \
	"|N:\tby stock.example (Postfix) with QMQP|N:\tid " QID "; " DATE

static const SESSION_CASE sessions[] = {
    {"one recipient (qmqp-source)", 0, 0,
	"147:100:From: <sender@example.com>\nTo: <rcpt@example.net>\n"
	"Date: Wed, 25 Nov 2026 07:23:22 +0000 (UTC)\nMessa\n,18:sender@example.com,"
	"16:rcpt@example.net,,", 0, 0, 0, 0, "",
	ENV("sender@example.com") "|R:rcpt@example.net|" RCVD1("rcpt@example.net")
	"|N:From: <sender@example.com>|N:To: <rcpt@example.net>"
	"|N:Date: Wed, 25 Nov 2026 07:23:22 +0000 (UTC)|N:Messa|X:",
	"open:114,close", OK_REPLY, 0, OK_LOG},
    {"two recipients hide both", 0, 0,
	"P|Subject: x\n\n body\n|s@x.example|a@y.example|b@y.example",
	0, 0, 0, 0, "",
	ENV("s@x.example") "|R:a@y.example|R:b@y.example|" RCVDN
	"|N:Subject: x|N:|N: body|X:", "open:114,close", OK_REPLY, 0, OK_LOG},
    {"leading space; quoted local part; last line without LF", 0, 0,
	"P| leading\nFrom me\nXyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\nlast"
	"||\"a b\"@y.example", 0, 0, 0, 0, "",
	ENV("") "|R:\"a b\"@y.example|" RCVD1("\"\\\"a b\\\"\"@y.example")
	"|N:|N: leading|N:From me|N:Xyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
	"|L:last|X:", "open:114,close", OK_REPLY, 0, OK_LOG},
    {"From_ lines become X-Mailbox-Line", 0, 0,
	"P|From me\n>From x\nSubject: y\n\nbody\n|s-@[]|a@y.example",
	0, 0, 0, 0, "",
	ENV("s-@[]") "|R:a@y.example|" RCVD1("a@y.example")
	"|N:X-Mailbox-Line: From me|N:X-Mailbox-Line: >From x|N:Subject: y|N:|N:body|X:",
	"open:114,close", OK_REPLY, 0, OK_LOG},
    {"long lines cut at line_length_limit", "line_length_limit=8", 0,
	"P|abcdefghij\n12345678\nxyz|s@x|r@y", 0, 0, 0, 0, "",
	ENV("s@x") "|R:r@y|" RCVD1("r@y") "|L:abcdefgh|N:ij|N:12345678|L:xyz|X:",
	"open:114,close", OK_REPLY, 0, OK_LOG},
    {"VERP sender", 0, 0, "P|hi\n|list-@example.com-@[]|r@y", 0, 0, 0, 0, "",
	"T:1795591402 0|S:list@example.com|V:-=" ATTRS "|R:r@y|" RCVD1("r@y") "|N:hi|X:",
	"open:114,close", OK_REPLY, 0, OK_LOG},
    {"content_filter and receive_override_options",
	"content_filter=scan:[127.0.0.1]:10025|receive_override_options=no_address_mappings",
	0, "P|hi\n|s@x|r@y", 0, 0, 0, 0, "",
	"T:1795591402 0|L:scan:[127.0.0.1]:10025|S:s@x|A:log_client_name=localhost"
	"|A:log_client_address=127.0.0.1|A:log_client_port=38044"
	"|A:log_message_origin=localhost[127.0.0.1]|A:log_protocol_name=QMQP"
	"|A:client_name=localhost|A:client_address=127.0.0.1|A:client_port=38044"
	"|A:client_address_type=2|A:protocol_name=QMQP|R:r@y|" RCVD1("r@y") "|N:hi|X:",
	"open:66,close", OK_REPLY, 0, OK_LOG},
    {"outer length is not checked (as stock)", 0, 0, "99:3:hi\n,3:s@x,3:r@y,,", 0, 0, 0, 0, "",
	ENV("s@x") "|R:r@y|" RCVD1("r@y") "|N:hi|X:", "open:114,close", OK_REPLY, 0, OK_LOG},
    {"bytes after the packet are ignored", 0, 0, "0:3:hi\n,3:s@x,3:r@y,,GARBAGE", 0, 0, 0, 0, "",
	ENV("s@x") "|R:r@y|" RCVD1("r@y") "|N:hi|X:", "open:114,close", OK_REPLY, 0, OK_LOG},
    {"no recipients: cleanup says so", 0, 0, "P|hi\n|s@x", 0, 0, 0,
	CLEANUP_STAT_RCPT, "5.1.0 no recipients",
	ENV("s@x") "|" RCVDN "|N:hi|X:", "open:114,close",
	"31:DError: no recipients specified,", 1000,
	CONNECT "|" CLIENT "|warning: " QID ": localhost[127.0.0.1]: Error: no recipients specified|" DISCON},
    {"cleanup write error", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0, CLEANUP_STAT_WRITE, "",
	ENV("s@x") "|R:r@y|" RCVD1("r@y") "|N:hi|X:", "open:114,close",
	"30:ZError: queue file write error,", 1000,
	CONNECT "|" CLIENT "|warning: " QID ": localhost[127.0.0.1]: Error: queue file write error|" DISCON},
    {"cleanup size error", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0, CLEANUP_STAT_SIZE, "",
	ENV("s@x") "|R:r@y|" RCVD1("r@y") "|N:hi|X:", "open:114,close",
	"25:DError: message too large,", 1000,
	CONNECT "|" CLIENT "|warning: " QID ": localhost[127.0.0.1]: Error: message too large|" DISCON},
    {"soft_bounce turns D into Z", "soft_bounce=yes", 0, "P|hi\n|s@x|r@y", 0, 0, 0,
	CLEANUP_STAT_SIZE, "", 0, "open:114,close", "25:ZError: message too large,", 1000, 0},
    {"cleanup defer uses its reason", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0,
	CLEANUP_STAT_DEFER, "4.3.0 try later", 0, "open:114,close",
	"23:ZError: 4.3.0 try later,", 1000, 0},
    {"content rejected with 5xx", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0,
	CLEANUP_STAT_CONT, "5.7.1 spam", 0, "open:114,close", "18:DError: 5.7.1 spam,", 1000, 0},
    {"content rejected with 4xx", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0,
	CLEANUP_STAT_CONT, "4.7.1 later", 0, "open:114,close", "19:ZError: 4.7.1 later,", 1000, 0},
    {"cleanup internal error", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 0,
	CLEANUP_STAT_BAD, "", 0, "open:114,close", "24:ZError: internal error 1,", 1000, 0},
    {"cleanup open fails", 0, 0, "P|hi\n|s@x|r@y", 0, 0, 1, 0, "",
	0, "open:114", "", -1,
	CONNECT "|warning: unable to connect to the public cleanup service|" DISCON},
    {"unauthorized client is not read", "qmqpd_authorized_clients=10.0.0.0/8", 0,
	"P|hi\n|s@x|r@y", 0, 0, 0, 0, "",
	0, "", "66:DError: localhost[127.0.0.1] is not authorized to use this service,", 1000,
	CONNECT "|" DISCON},
    {"empty authorized list refuses everyone", "qmqpd_authorized_clients=", 0,
	"", 0, 0, 0, 0, "",
	0, "", "66:DError: localhost[127.0.0.1] is not authorized to use this service,", 1000,
	CONNECT "|" DISCON},
    {"error delay 0", "qmqpd_authorized_clients=10.0.0.0/8|qmqpd_error_delay=0", 0, "", 0, 0,
	0, 0, "", 0, "", "66:DError: localhost[127.0.0.1] is not authorized to use this service,",
	0, CONNECT "|" DISCON},
    {"timeout while reading the sender", "qmqpd_timeout=3s", 0, "30:5:hello,", 0, 0, 0, 0, "",
	0, "open:114,abort", "", -1,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: read/write timeout while receiving sender address|" DISCON},
    {"client closes while reading the sender", 0, 0, "30:5:hello,", 0, 1, 0, 0, "",
	0, "open:114,abort", "", -1,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: lost connection while receiving sender address|" DISCON},
    {"client closes before anything", 0, 0, "", 0, 1, 0, 0, "",
	0, "open:114,abort", "", -1,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: lost connection while receiving QMQP packet header|" DISCON},
    {"client closes between recipients", 0, 0, "0:3:hi\n,3:s@x,3:r@y,", 0, 1, 0, 0, "",
	0, "open:114,abort", "", -1,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: lost connection while receiving recipient address|" DISCON},
    {"format error in a recipient", 0, 0, "30:5:hello,3:s@x,x", 0, 0, 0, 0, "",
	0, "open:114,abort", "57:Dnetstring format error while receiving recipient address,", 1000,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: netstring format error while receiving recipient address|" DISCON},
    {"format error in the header", 0, 0, "x", 0, 0, 0, 0, "",
	0, "open:114,abort", "58:Dnetstring format error while receiving QMQP packet header,", 1000, 0},
    {"empty outer length", 0, 0, ":3:hi\n,", 0, 0, 0, 0, "",
	0, "open:114,abort", "58:Dnetstring format error while receiving QMQP packet header,", 1000, 0},
    {"outer length overflow", 0, 0, "99999999999:", 0, 0, 0, 0, "",
	0, "open:114,abort",
	"74:Dnetstring length exceeds storage limit while receiving QMQP packet header,", 1000, 0},
    {"leading zero is a format error", 0, 0, "0:03:hi\n,", 0, 0, 0, 0, "",
	0, "open:114,abort", "55:Dnetstring format error while receiving message content,", 1000, 0},
    {"missing comma after the message", 0, 0, "0:3:hi\n;", 0, 0, 0, 0, "",
	0, "open:114,abort", "55:Dnetstring format error while receiving message content,", 1000, 0},
    {"message over message_size_limit", "message_size_limit=5", 0, "20:6:hello!,", 0, 0, 0, 0, "",
	0, "open:114,abort",
	"71:Dnetstring length exceeds storage limit while receiving message content,", 1000,
	CONNECT "|" CLIENT "|info: " QID ": localhost[127.0.0.1]: netstring length exceeds storage limit while receiving message content|" DISCON},
    {"huge declared message", 0, 0, "20000100:20000000:", 0, 0, 0, 0, "",
	0, "open:114,abort",
	"71:Dnetstring length exceeds storage limit while receiving message content,", 1000, 0},
    {"recipient over line_length_limit", "line_length_limit=4", 0, "P|hi\n|s@x|r@y.z",
	0, 0, 0, 0, "", 0, "open:114,abort",
	"73:Dnetstring length exceeds storage limit while receiving recipient address,", 1000, 0},
    {"bad VERP delimiter", 0, 0, "P|hi\n|list.@example.com-@[]|r@y", 0, 0, 0, 0, "",
	0, "open:114,abort",
	"69:DError: Invalid VERP delimiters: \".=\". Need two characters from \"-=+\",", 1000,
	CONNECT "|" CLIENT "|warning: " QID ": localhost[127.0.0.1]: Error: Invalid VERP delimiters: \".=\". Need two characters from \"-=+\"|" DISCON},
    {"client port logging", "qmqpd_client_port_logging=yes", 0, "P|hi\n|s@x|r@y",
	0, 0, 0, 0, "", 0, "open:114,close", OK_REPLY, 0,
	"info: connect from localhost[127.0.0.1]:38044|info: " QID ": client=localhost[127.0.0.1]:38044"
	"|info: disconnect from localhost[127.0.0.1]:38044"},
    {"IPv6 client", "qmqpd_authorized_clients=[2001:db8::]/32", "unknown 2001:db8::1 4711 10",
	"P|hi\n|s@x|r@y", 0, 0, 0, 0, "",
	"T:1795591402 0|S:s@x|A:log_client_name=unknown|A:log_client_address=IPv6:2001:db8::1"
	"|A:log_client_port=4711|A:log_message_origin=unknown[2001:db8::1]|A:log_protocol_name=QMQP"
	"|A:client_name=unknown|A:client_address=2001:db8::1|A:client_port=4711"
	"|A:client_address_type=10|A:protocol_name=QMQP|R:r@y"
	"|M:|N:Received: from unknown (unknown [IPv6:2001:db8::1])"
	"|N:\tby stock.example (Postfix) with QMQP id " QID "|N:\tfor <r@y>; " DATE "|N:hi|X:",
	"open:114,close", OK_REPLY, 0,
	"info: connect from unknown[2001:db8::1]|info: " QID ": client=unknown[2001:db8::1]"
	"|info: disconnect from unknown[2001:db8::1]"},
};

/* Driver. */

typedef struct RUN {
    const SESSION_CASE *c;
    int     mode;			/* 0 whole, 1 bytewise, 2 late OPEN reply */
    QMQPD_CORE *core;
    CORE_OUTBOX box;
    core_time_ms now;
    core_time_ms deadline;
    int     closed;
    int     open_pending;		/* OPEN sent, not answered */
    int     close_pending;		/* CLOSE sent, not answered */
    int     hold_open;			/* mode 2: answer OPEN later */
    VSTRING *records;
    VSTRING *requests;
    VSTRING *reply;
    core_time_ms reply_at;
} RUN;

static void run_drain(RUN *r)
{
    size_t  i;

    for (i = 0; i < r->box.count; i++) {
	CORE_ACTION *a = r->box.actions + i;

	switch (a->type) {
	case CORE_ACT_SEND:
	    vstring_memcat(r->reply, a->data, a->len);
	    r->reply_at = r->now - T0;
	    break;
	case CORE_ACT_CLOSE:
	    r->closed = 1;
	    break;
	case CORE_ACT_TIMER:
	    r->deadline = a->deadline;
	    break;
	case CORE_ACT_REQUEST:
	    if (strcmp(a->target, CLEANUP_SERVICE) != 0 || a->id != QMQPD_CLEANUP_ID)
		fail_msg("%s: request to %s id %llu", r->c->label, a->target,
			 (unsigned long long) a->id);
	    if (a->op == CLEANUP_REQ_RECORDS) {
		vstring_memcat(r->records, a->data, a->len);
		break;
	    }
	    if (vstring_len(r->requests))
		vstring_addch(r->requests, ',');
	    if (a->op == CLEANUP_REQ_OPEN) {
		vstring_sprintf_append(r->requests, "open:%lld", (long long) a->arg);
		r->open_pending = 1;
	    } else if (a->op == CLEANUP_REQ_CLOSE) {
		vstring_strcat(r->requests, "close");
		r->close_pending = 1;
	    } else if (a->op == CLEANUP_REQ_ABORT) {
		vstring_strcat(r->requests, "abort");
	    } else {
		vstring_sprintf_append(r->requests, "op%d", a->op);
	    }
	    break;
	default:
	    fail_msg("%s: unexpected action %d", r->c->label, a->type);
	}
    }
    core_outbox_clear(&r->box);
}

static void run_event(RUN *r, CORE_EVENT_TYPE type, const char *data, size_t len,
		              int status)
{
    CORE_EVENT ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    ev.now = r->now;
    ev.data = data;
    ev.len = len;
    ev.status = status;
    ev.id = (type == CORE_EV_REPLY ? QMQPD_CLEANUP_ID : 0);
    qmqpd_core_event(r->core, &ev, &r->box);
    run_drain(r);
}

/* run_cleanup - answer what cleanup has pending */

static void run_cleanup(RUN *r)
{
    const SESSION_CASE *c = r->c;

    if (r->open_pending && !r->hold_open && c->open_status >= 0) {
	r->open_pending = 0;
	if (c->open_status == 0)
	    run_event(r, CORE_EV_REPLY, QID, strlen(QID), 0);
	else
	    run_event(r, CORE_EV_REPLY, "", 0, c->open_status);
    }
    if (r->close_pending) {
	r->close_pending = 0;
	run_event(r, CORE_EV_REPLY, c->close_reason, strlen(c->close_reason), c->close_status);
    }
}

static void run_session(const SESSION_CASE *c, int mode)
{
    static const char *modes[] = {"whole", "bytewise", "late open"};
    VSTRING *err = vstring_alloc(100);
    VSTRING *log = vstring_alloc(100);
    VSTRING *text = vstring_alloc(100);
    QMQPD_CONFIG *cfg = test_config(c->config, err);
    CORE_ENV env = {0, test_log, log, test_wall, 0, test_lookup, 0};
    QMQPD_SESSION sess = {"localhost", "127.0.0.1", "38044", 2, 0, 0};
    ARGV   *cl = argv_split(c->client ? c->client : "", " ");
    VSTRING *input = vstring_alloc(100);
    size_t  len;
    size_t  i;
    RUN     r;
    int     rounds;

    if (cfg == 0)
	fail_msg("%s: config: %s", c->label, vstring_str(err));
    build_input(c->input, c->input_len ? c->input_len : strlen(c->input), input);
    len = vstring_len(input);
    if (cl->argc == 4) {
	sess.client_name = cl->argv[0];
	sess.client_addr = cl->argv[1];
	sess.client_port = cl->argv[2];
	sess.addr_family = atoi(cl->argv[3]);
    }
    memset(&r, 0, sizeof(r));
    r.c = c;
    r.mode = mode;
    r.now = T0;
    r.deadline = CORE_TIME_NEVER;
    r.reply_at = -1;
    r.hold_open = (mode == 2);
    r.records = vstring_alloc(100);
    r.requests = vstring_alloc(100);
    r.reply = vstring_alloc(100);
    core_outbox_init(&r.box);
    r.core = qmqpd_core_create(cfg, &env, &sess);

    run_event(&r, CORE_EV_START, 0, 0, 0);
    run_cleanup(&r);
    if (mode == 1) {
	for (i = 0; i < len && !r.closed; i++) {
	    run_event(&r, CORE_EV_BYTES, vstring_str(input) + i, 1, 0);
	    run_cleanup(&r);
	}
    } else if (len > 0 && !r.closed) {
	run_event(&r, CORE_EV_BYTES, vstring_str(input), len, 0);
	run_cleanup(&r);
    }
    if (c->client_closes && !r.closed) {
	run_event(&r, CORE_EV_PEER_CLOSED, 0, 0, 0);
	run_cleanup(&r);
    }
    r.hold_open = 0;
    run_cleanup(&r);
    /* Let timers run until the core closes. */
    for (rounds = 0; !r.closed && r.deadline != CORE_TIME_NEVER && rounds < 10; rounds++) {
	r.now = r.deadline;
	r.deadline = CORE_TIME_NEVER;
	run_event(&r, CORE_EV_TIMER, 0, 0, 0);
	run_cleanup(&r);
    }
    if (!r.closed)
	fail_msg("%s (%s): the core did not close", c->label, modes[mode]);
    if (!qmqpd_core_done(r.core))
	fail_msg("%s (%s): closed but not done", c->label, modes[mode]);

    if (c->records) {
	test_record_text(r.records, text, c->label);
	if (strcmp(vstring_str(text), c->records) != 0)
	    fail_msg("%s (%s): records\ngot  %s\nwant %s", c->label, modes[mode],
		     vstring_str(text), c->records);
    }
    if (c->requests && strcmp(vstring_str(r.requests), c->requests) != 0)
	fail_msg("%s (%s): got requests \"%s\", want \"%s\"", c->label, modes[mode],
		 vstring_str(r.requests), c->requests);
    if (vstring_len(r.reply) != strlen(c->reply)
	|| memcmp(vstring_str(r.reply), c->reply, strlen(c->reply)) != 0)
	fail_msg("%s (%s): got reply \"%s\", want \"%s\"", c->label, modes[mode],
		 vstring_str(r.reply), c->reply);
    if (c->reply_at >= 0 && *c->reply && r.reply_at != c->reply_at)
	fail_msg("%s (%s): got reply at +%lldms, want +%lldms", c->label, modes[mode],
		 (long long) r.reply_at, (long long) c->reply_at);
    if (c->log && strcmp(vstring_str(log), c->log) != 0)
	fail_msg("%s (%s): log\ngot  %s\nwant %s", c->label, modes[mode],
		 vstring_str(log), c->log);

    qmqpd_core_free(r.core);
    core_outbox_free(&r.box);
    qmqpd_config_free(cfg);
    argv_free(cl);
    vstring_free(r.records);
    vstring_free(r.requests);
    vstring_free(r.reply);
    vstring_free(err);
    vstring_free(log);
    vstring_free(text);
    vstring_free(input);
}

static void test_sessions(void **state)
{
    size_t  i;
    int     mode;

    for (i = 0; i < sizeof(sessions) / sizeof(sessions[0]); i++)
	for (mode = 0; mode < 3; mode++)
	    run_session(sessions + i, mode);
}

/* Events after close, stale timers, and bytes during the error delay. */

static void test_robustness(void **state)
{
    VSTRING *err = vstring_alloc(10);
    VSTRING *log = vstring_alloc(10);
    QMQPD_CONFIG *cfg = test_config("qmqpd_authorized_clients=10.0.0.0/8", err);
    CORE_ENV env = {0, test_log, log, test_wall, 0, 0, 0};
    QMQPD_SESSION sess = {"localhost", "127.0.0.1", "1", 2, 0, 0};
    QMQPD_CORE *core = qmqpd_core_create(cfg, &env, &sess);
    CORE_OUTBOX box;
    CORE_EVENT ev;

    core_outbox_init(&box);
    memset(&ev, 0, sizeof(ev));
    ev.type = CORE_EV_START;
    ev.now = 100;
    qmqpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 1);
    assert_int_equal(box.actions[0].type, CORE_ACT_TIMER);
    assert_int_equal(box.actions[0].deadline, 1100);
    core_outbox_clear(&box);
    /* Early timer and client bytes change nothing. */
    ev.type = CORE_EV_TIMER;
    ev.now = 1099;
    qmqpd_core_event(core, &ev, &box);
    ev.type = CORE_EV_BYTES;
    ev.data = "1:x,";
    ev.len = 4;
    qmqpd_core_event(core, &ev, &box);
    if (box.count != 0)
	fail_msg("got %zu actions before the delay ended, want 0", box.count);
    ev.type = CORE_EV_TIMER;
    ev.now = 1100;
    qmqpd_core_event(core, &ev, &box);
    assert_true(box.count >= 2);
    assert_int_equal(box.actions[0].type, CORE_ACT_SEND);
    assert_int_equal(box.actions[box.count - 1].type, CORE_ACT_CLOSE);
    core_outbox_clear(&box);
    assert_true(qmqpd_core_done(core));
    ev.type = CORE_EV_REPLY;
    ev.id = QMQPD_CLEANUP_ID;
    qmqpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 0);
    qmqpd_core_free(core);
    qmqpd_config_free(cfg);
    core_outbox_free(&box);
    vstring_free(err);
    vstring_free(log);
}

/* Access list. */

typedef struct ACL_CASE {
    const char *list;
    const char *name;
    const char *addr;
    int     want;
} ACL_CASE;

static const ACL_CASE acl_cases[] = {
    {"127.0.0.1", "localhost", "127.0.0.1", 1},
    {"127.0.0.1", "localhost", "127.0.0.2", 0},
    {"", "localhost", "127.0.0.1", 0},
    {"10.0.0.0/8", "x", "10.200.3.4", 1},
    {"10.0.0.0/8", "x", "11.0.0.1", 0},
    {"192.0.2.128/25", "x", "192.0.2.200", 1},
    {"192.0.2.128/25", "x", "192.0.2.127", 0},
    {"0.0.0.0/0", "x", "203.0.113.1", 1},
    {"[2001:db8::]/32", "x", "2001:db8:1::5", 1},
    {"[2001:db8::]/32", "x", "2001:db9::5", 0},
    {"[::1]", "x", "::1", 1},
    {"10.0.0.0/8", "x", "::ffff:10.0.0.1", 0},
    {"!10.1.0.0/16, 10.0.0.0/8", "x", "10.1.2.3", 0},
    {"!10.1.0.0/16, 10.0.0.0/8", "x", "10.2.2.3", 1},
    {"mail.example.com", "MAIL.Example.COM", "192.0.2.1", 1},
    {".example.com", "a.b.example.com", "192.0.2.1", 1},
    {".example.com", "example.com", "192.0.2.1", 0},
    {"example.com", "a.example.com", "192.0.2.1", 1},	/* parent match on by default */
    {"example.com", "aexample.com", "192.0.2.1", 0},
    {"test:allow", "trusted.example", "192.0.2.1", 1},
    {"test:allow", "other.example", "192.0.2.9", 1},
    {"test:allow", "other.example", "192.0.2.8", 0},
    {"fail:x, 127.0.0.1", "localhost", "127.0.0.1", 0},	/* lookup error: refuse */
    {"10.0.0.0/33", "x", "10.0.0.1", 0},	/* bad mask: not an address pattern */
};

static void test_clients(void **state)
{
    VSTRING *err = vstring_alloc(10);
    VSTRING *log = vstring_alloc(10);
    CORE_ENV env = {0, test_log, log, test_wall, 0, test_lookup, 0};
    VSTRING *ov = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(acl_cases) / sizeof(acl_cases[0]); i++) {
	const ACL_CASE *c = acl_cases + i;
	QMQPD_CONFIG *cfg;
	int     got;

	vstring_sprintf(ov, "qmqpd_authorized_clients=%s", c->list);
	cfg = test_config(vstring_str(ov), err);
	got = qmqpd_clients_match(cfg, &env, c->name, c->addr);
	if (got != c->want)
	    fail_msg("list \"%s\", %s[%s]: got %d, want %d", c->list, c->name, c->addr,
		     got, c->want);
	qmqpd_config_free(cfg);
    }
    /* Without parent_domain_matches_subdomains, "example.com" is exact. */
    {
	QMQPD_CONFIG *cfg = test_config("qmqpd_authorized_clients=example.com"
					"|parent_domain_matches_subdomains=", err);

	assert_int_equal(qmqpd_clients_match(cfg, &env, "a.example.com", "192.0.2.1"), 0);
	assert_int_equal(qmqpd_clients_match(cfg, &env, "example.com", "192.0.2.1"), 1);
	qmqpd_config_free(cfg);
    }
    vstring_free(ov);
    vstring_free(err);
    vstring_free(log);
}

/* Configuration loader. */

static void test_config_loader(void **state)
{
    VSTRING *err = vstring_alloc(10);
    QMQPD_CONFIG *cfg = test_config(0, err);
    static const struct {
	const char *overrides;
	const char *err;
    }       bad[] = {
	{"qmqpd_timeout=0", "invalid qmqpd_timeout parameter value 0 < 1"},
	{"qmqpd_timeout=soon", 0},
	{"qmqpd_client_port_logging=maybe", 0},
	{"message_size_limit=-1", "invalid message_size_limit parameter value -1 < 0"},
	{"line_length_limit=0", "invalid line_length_limit parameter value 0 < 1"},
	{"receive_override_options=no_milters,bogus",
	"unknown receive_override_options value \"bogus\" in \"no_milters,bogus\""},
    };
    size_t  i;

    assert_non_null(cfg);
    /* stock defaults (postconf -d) */
    assert_int_equal(cfg->timeout_ms, 300000);
    assert_int_equal(cfg->error_delay_ms, 1000);
    assert_int_equal(cfg->message_size_limit, 10240000);
    assert_int_equal(cfg->line_length_limit, 2048);
    assert_int_equal(cfg->cleanup_flags, 114);
    assert_false(cfg->client_port_logging);
    assert_false(cfg->soft_bounce);
    assert_true(cfg->parent_domain_match);
    assert_string_equal(cfg->mail_name, "Postfix");
    assert_string_equal(cfg->verp_delimiter_filter, "-=+");
    assert_string_equal(cfg->content_filter, "");
    qmqpd_config_free(cfg);

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
	vstring_reset(err);
	if ((cfg = test_config(bad[i].overrides, err)) != 0)
	    fail_msg("%s: got a config, want an error", bad[i].overrides);
	if (vstring_len(err) == 0)
	    fail_msg("%s: got no error text", bad[i].overrides);
	if (bad[i].err && strcmp(vstring_str(err), bad[i].err) != 0)
	    fail_msg("%s: got \"%s\", want \"%s\"", bad[i].overrides, vstring_str(err), bad[i].err);
    }
    cfg = test_config("receive_override_options=no_header_body_checks, no_milters", err);
    assert_int_equal(cfg->cleanup_flags, CLEANUP_FLAG_BCC_OK | CLEANUP_FLAG_MAP_OK);
    qmqpd_config_free(cfg);
    vstring_free(err);
}

/* Dates and quoting. */

static void test_helpers(void **state)
{
    static const struct {
	int64_t when;
	const char *want;
    }       dates[] = {
	{0, "Thu,  1 Jan 1970 00:00:00 +0000 (UTC)"},
	{1795591402, "Wed, 25 Nov 2026 07:23:22 +0000 (UTC)"},
	{951782400, "Tue, 29 Feb 2000 00:00:00 +0000 (UTC)"},
	{4107542399LL, "Sun, 28 Feb 2100 23:59:59 +0000 (UTC)"},
	{-1, "Wed, 31 Dec 1969 23:59:59 +0000 (UTC)"},
    };
    static const struct {
	const char *in;
	const char *want;
    }       quotes[] = {
	{"a@y.example", "a@y.example"},
	{"first.last@y", "first.last@y"},
	{"\"a b\"@y.example", "\"\\\"a b\\\"\"@y.example"},
	{"a b@y", "\"a b\"@y"},
	{".a@y", "\".a\"@y"},
	{"a..b@y", "\"a..b\"@y"},
	{"a.@y", "\"a.\"@y"},
	{"", "\"\""},
	{"postmaster", "postmaster"},
	{"a@b@c", "\"a@b\"@c"},
	{"back\\slash@y", "\"back\\\\slash\"@y"},
    };
    VSTRING *out = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
	mail_date(out, dates[i].when, 0, "UTC");
	if (strcmp(vstring_str(out), dates[i].want) != 0)
	    fail_msg("date %lld: got \"%s\", want \"%s\"", (long long) dates[i].when,
		     vstring_str(out), dates[i].want);
    }
    for (i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
	mail_addr_external(out, quotes[i].in);
	if (strcmp(vstring_str(out), quotes[i].want) != 0)
	    fail_msg("quote \"%s\": got \"%s\", want \"%s\"", quotes[i].in,
		     vstring_str(out), quotes[i].want);
    }
    vstring_free(out);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_sessions),
	cmocka_unit_test(test_robustness),
	cmocka_unit_test(test_clients),
	cmocka_unit_test(test_config_loader),
	cmocka_unit_test(test_helpers),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
