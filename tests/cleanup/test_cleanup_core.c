/*
 * NAME
 *	test_cleanup_core
 * SUMMARY
 *	unit tests for the cleanup core
 * DESCRIPTION
 *	A small driver plays the receiving core and the file system: it
 *	feeds a conversation (whole, one record per request, or one byte
 *	per request), answers file actions with scripted results, applies
 *	APPEND and PATCH to an in-memory file and records the order of
 *	COMMIT, replies and the qmgr trigger. The main sample is a real
 *	stock 3.7.11 queue file: fed the records smtpd sent, the core must
 *	write the very same bytes. With CLEANUP_TEST_OUT set, the produced
 *	file is also written there (for the postcat script test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "vstring.h"
#include "record.h"
#include "cleanup_proto.h"
#include "main_cf.h"
#include "mail_conf.h"
#include "cleanup/cleanup.h"
#include "stock_sample.h"

#define MODE_WHOLE	0
#define MODE_RECORD	1
#define MODE_BYTE	2

typedef struct DRIVER {
    CLEANUP_CORE *core;
    CORE_OUTBOX box;
    CORE_ENV env;
    VSTRING *file;			/* the uncommitted/committed file */
    VSTRING *trace;			/* "create ok|append|commit|reply 0|..." */
    VSTRING *logs;
    int     fail_op;			/* CORE_FILE_* to fail, -1 none */
    int     fail_nth;			/* which occurrence (1-based) */
    int     seen[16];
    int     open_status;
    int     close_status;
    int     replies;
    int     committed;
    int     aborted;
} DRIVER;

static void drv_log(void *ctx, MSG_LEVEL level, const char *text)
{
    DRIVER *d = ctx;

    vstring_sprintf_append(d->logs, "%s%s\n", level == MSG_WARN ? "warning: " : "", text);
}

static int64_t drv_time(void *ctx, core_time_ms now)
{
    return (1795592114);
}

static void drv_event(DRIVER *d, const CORE_EVENT *ev);

/* Executes the actions; file results are fed back at once. */
static void drv_drain(DRIVER *d)
{
    CORE_OUTBOX box = d->box;
    CORE_EVENT results[16];
    size_t  i, nres = 0;

    core_outbox_init(&d->box);
    for (i = 0; i < box.count; i++) {
	CORE_ACTION *a = box.actions + i;
	CORE_EVENT ev = {.type = CORE_EV_FILE_RESULT, .id = a->id};

	switch (a->type) {
	case CORE_ACT_FILE_OP:
	    if (++d->seen[a->op] == d->fail_nth && a->op == d->fail_op)
		ev.status = ENOSPC;
	    if (a->op == CORE_FILE_CREATE) {
		vstring_strcat(d->trace, ev.status ? "create-fail|" : "create|");
		ev.data = ev.status ? 0 : "34AD8A7404A";
		ev.len = ev.status ? 0 : 11;
		assert_string_equal(a->target, "incoming");
	    } else if (a->op == CORE_FILE_APPEND) {
		assert_string_equal(a->target, "34AD8A7404A");
		if (ev.status == 0)
		    vstring_memcat(d->file, a->data, a->len);
		vstring_strcat(d->trace, ev.status ? "append-fail|" : "append|");
	    } else if (a->op == CORE_FILE_PATCH) {
		assert_true(a->arg >= 0 && (size_t) a->arg + a->len <= vstring_len(d->file));
		if (ev.status == 0)
		    memcpy(vstring_str(d->file) + a->arg, a->data, a->len);
		vstring_strcat(d->trace, ev.status ? "patch-fail|" : "patch|");
	    } else if (a->op == CORE_FILE_COMMIT) {
		vstring_strcat(d->trace, ev.status ? "commit-fail|" : "commit|");
		if (ev.status == 0)
		    d->committed++;
	    } else if (a->op == CORE_FILE_ABORT) {
		vstring_strcat(d->trace, "abort|");
		d->aborted++;
		continue;
	    }
	    assert_true(nres < 16);
	    results[nres++] = ev;
	    break;
	case CORE_ACT_REPLY:
	    vstring_sprintf_append(d->trace, "reply %d|", a->status);
	    if (d->replies++ == 0) {
		d->open_status = a->status;
		if (a->status == 0)
		    assert_string_equal(a->data, "34AD8A7404A");
	    } else
		d->close_status = a->status;
	    break;
	case CORE_ACT_REQUEST:
	    assert_string_equal(a->target, "qmgr");
	    vstring_strcat(d->trace, "qmgr|");
	    break;
	default:
	    break;
	}
    }
    core_outbox_free(&box);
    /* Results come back after the whole batch ran, as from a real driver. */
    for (i = 0; i < nres; i++)
	drv_event(d, results + i);
}

static void drv_event(DRIVER *d, const CORE_EVENT *ev)
{
    cleanup_core_event(d->core, ev, &d->box);
    drv_drain(d);
}

static void drv_request(DRIVER *d, int op, int64_t arg, const char *data, size_t len)
{
    CORE_EVENT ev = {.type = CORE_EV_REQUEST, .id = 7, .op = op, .arg = arg,
    .data = data, .len = len};

    drv_event(d, &ev);
}

static size_t rec_size(const unsigned char *p, size_t len)
{
    size_t  n = 0, i = 1;
    unsigned shift = 0;

    while (i < len) {
	n |= (size_t) (p[i] & 0x7f) << shift;
	shift += 7;
	if ((p[i++] & 0x80) == 0)
	    break;
    }
    return (i + n);
}

static void drv_feed(DRIVER *d, const unsigned char *in, size_t len, int mode)
{
    size_t  pos, step;

    for (pos = 0; pos < len; pos += step) {
	step = mode == MODE_WHOLE ? len : mode == MODE_BYTE ? 1 : rec_size(in + pos, len - pos);
	drv_request(d, CLEANUP_REQ_RECORDS, 0, (const char *) in + pos, step);
    }
}

static DRIVER *drv_create(const CLEANUP_CONFIG *cfg, int fail_op, int fail_nth)
{
    DRIVER *d = calloc(1, sizeof(*d));

    d->env.log = drv_log;
    d->env.log_ctx = d;
    d->env.wall_time = drv_time;
    d->file = vstring_alloc(2048);
    d->trace = vstring_alloc(100);
    d->logs = vstring_alloc(100);
    d->fail_op = fail_op;
    d->fail_nth = fail_nth;
    d->open_status = d->close_status = -1;
    core_outbox_init(&d->box);
    d->core = cleanup_core_create(cfg, &d->env);
    return (d);
}

static void drv_free(DRIVER *d)
{
    cleanup_core_free(d->core);
    core_outbox_free(&d->box);
    vstring_free(d->file);
    vstring_free(d->trace);
    vstring_free(d->logs);
    free(d);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t  a = strlen(s), b = strlen(suffix);

    return (a >= b && strcmp(s + a - b, suffix) == 0);
}

static CLEANUP_CONFIG *stock_config(void)
{
    return (cleanup_config_defaults("stock.example", "example"));
}

/* The stock sample, fed three ways, gives stock's bytes. */
static void test_stock_sample(void **state)
{
    CLEANUP_CONFIG *cfg = stock_config();
    int     mode;
    const char *out = getenv("CLEANUP_TEST_OUT");

    for (mode = MODE_WHOLE; mode <= MODE_BYTE; mode++) {
	DRIVER *d = drv_create(cfg, -1, 0);

	drv_request(d, CLEANUP_REQ_OPEN, CLEANUP_FLAG_MASK_EXTERNAL, 0, 0);
	assert_int_equal(d->open_status, 0);
	drv_feed(d, stock_input, sizeof(stock_input), mode);
	drv_request(d, CLEANUP_REQ_CLOSE, 0, 0, 0);
	if (vstring_len(d->file) != sizeof(stock_queue_file)
	    || memcmp(vstring_str(d->file), stock_queue_file, sizeof(stock_queue_file)) != 0) {
	    FILE   *fp = fopen("/tmp/cleanup-test-got", "wb");

	    if (fp) {
		fwrite(vstring_str(d->file), 1, vstring_len(d->file), fp);
		fclose(fp);
	    }
	    fail_msg("mode %d: got %zu bytes (in /tmp/cleanup-test-got), want stock's %zu",
		     mode, vstring_len(d->file), sizeof(stock_queue_file));
	}
	assert_int_equal(d->close_status, 0);
	assert_int_equal(d->committed, 1);
	assert_int_equal(d->aborted, 0);
	/* commit strictly before the reply, the trigger after it */
	if (!ends_with(vstring_str(d->trace), "patch|commit|reply 0|qmgr|"))
	    fail_msg("mode %d: trace: got %s", mode, vstring_str(d->trace));
	assert_non_null(strstr(vstring_str(d->logs),
			       "34AD8A7404A: message-id=<20261125073514.34AD8A7404A@stock.example>"));
	assert_true(cleanup_core_done(d->core));
	if (out && mode == MODE_WHOLE) {
	    FILE   *fp = fopen(out, "wb");

	    assert_non_null(fp);
	    assert_int_equal(fwrite(vstring_str(d->file), 1, vstring_len(d->file), fp),
			     vstring_len(d->file));
	    fclose(fp);
	}
	drv_free(d);
    }
    cleanup_config_free(cfg);
}

/* Builds a small conversation. */
static void build_msg(VSTRING *in, const char *ctx, const char *sender, const char *rcpts,
		              const char *const *lines)
{
    char    buf[256], *cp, *r;

    rec_puts(in, REC_TYPE_TIME, "1795592113 213898");
    rec_attr(in, "rewrite_context", ctx);
    rec_puts(in, REC_TYPE_FROM, sender);
    snprintf(buf, sizeof(buf), "%s", rcpts);
    for (cp = buf; (r = strsep(&cp, ",")) != 0;)
	if (*r)
	    rec_puts(in, REC_TYPE_RCPT, r);
    rec_puts(in, REC_TYPE_MESG, "");
    for (; *lines; lines++)
	rec_puts(in, REC_TYPE_NORM, *lines);
    rec_puts(in, REC_TYPE_XTRA, "");
}

/* Content of the file as "type:data" lines, for readable checks. */
static void dump_file(VSTRING *out, const VSTRING *file)
{
    const unsigned char *p = (const unsigned char *) vstring_str(file);
    size_t  len = vstring_len(file), pos = 0, n, i;
    unsigned shift;

    vstring_reset(out);
    while (pos < len) {
	int     type = p[pos++];

	for (n = 0, shift = 0; pos < len; shift += 7) {
	    n |= (size_t) (p[pos] & 0x7f) << shift;
	    if ((p[pos++] & 0x80) == 0)
		break;
	}
	vstring_sprintf_append(out, "%c:", type);
	for (i = 0; i < n && pos + i < len; i++)
	    vstring_addch(out, p[pos + i]);
	vstring_addch(out, '\n');
	pos += n;
    }
}

typedef struct CASE {
    const char *label;
    const char *ctx;
    const char *sender;
    const char *rcpts;
    const char *lines[8];
    int     hops;			/* extra Received: headers */
    long    size_limit;			/* 0: default */
    int     fail_op;			/* -1: none */
    int     fail_nth;
    int     want_status;
    const char *want_trace_end;
    const char *want_in_file;		/* "" = no check */
    const char *want_not_in_file;
    const char *want_log;
} CASE;

static const CASE cases[] = {
    {"remote: no headers added, envelope still rewritten", "remote", "a!b", "carol,x%y",
	{"Subject: r", "", "body", 0}, 0, 0, -1, 0, 0, "commit|reply 0|qmgr|",
	"S:b@a\nA:dsn_orig_rcpt=rfc822;carol@stock.example\nO:carol\nR:carol@stock.example\n"
	"A:dsn_orig_rcpt=rfc822;x@y\nO:x%y\nR:x@y\nM:\nN:Subject: r\nN:\nN:body\nX:\nE:\n",
	"Message-Id", "message-id=<>"},
    {"local: Message-Id, Date, From added after the header", "local", "", "c@d",
	{"Subject: e", "Bcc: secret", "", "body", 0}, 0, 0, -1, 0, 0, "qmgr|",
	"N:Subject: e\nN:Message-Id: <20261125073514.34AD8A7404A@stock.example>\n"
	"N:Date: Wed, 25 Nov 2026 07:35:13 +0000 (UTC)\nN:From: MAILER-DAEMON\nN:\n",
	"secret", ""},
    {"resent headers get resent forms", "local", "a@b", "c@d",
	{"Resent-From: q@r", "Date: x", "", "b", 0}, 0, 0, -1, 0, 0, "qmgr|",
	"N:Resent-From: q@r\nN:Date: x\nN:Resent-Message-Id: <20261125073514.34AD8A7404A@stock.example>\n"
	"N:Resent-Date: Wed, 25 Nov 2026 07:35:13 +0000 (UTC)\nN:\n", "N:From:", 0},
    {"folded header kept, duplicates dropped", "local", "a@b", "c@d,C@d,c@d",
	{"Message-ID:", " <x@y>", "From: f", "Date: d", "", 0}, 0, 0, -1, 0, 0, "qmgr|",
	"R:c@d\nM:\nN:Message-ID:\nN: <x@y>\nN:From: f\nN:Date: d\nN:\nX:", "R:C@d",
	"34AD8A7404A: message-id=<x@y>"},
    {"no recipients", "local", "a@b", "", {"", 0}, 0, 0, -1, 0, CLEANUP_STAT_RCPT,
	"abort|reply 64|", 0, 0, "message rejected: no recipients specified"},
    {"hop limit: 49 + 1 passes", "local", "a@b", "c@d", {"Delivered-To: x", "", 0},
	48, 0, -1, 0, 0, "qmgr|", 0, 0, 0},
    {"hop limit: 50 rejects", "local", "a@b", "c@d", {"Received: x", "", 0},
	49, 0, -1, 0, CLEANUP_STAT_HOPS, "abort|reply 16|", 0, 0,
	"warning: 34AD8A7404A: message rejected: hopcount exceeded"},
    {"message size limit", "local", "a@b", "c@d", {"Subject: s", "", "0123456789", 0},
	0, 40, -1, 0, CLEANUP_STAT_SIZE, "abort|reply 4|", 0, 0, "message file too big"},
    {"ENOSPC at create", "local", "a@b", "c@d", {"", 0}, 0, 0, CORE_FILE_CREATE, 1,
	CLEANUP_STAT_WRITE, "create-fail|reply 2|", 0, 0, 0},
    {"ENOSPC at first append", "local", "a@b", "c@d", {"", 0}, 0, 0, CORE_FILE_APPEND, 1,
	CLEANUP_STAT_WRITE, "reply 2|", 0, 0, "queue file write error"},
    {"ENOSPC at last append", "local", "a@b", "c@d", {"", 0}, 0, 0, CORE_FILE_APPEND, 2,
	CLEANUP_STAT_WRITE, "reply 2|", 0, 0, "queue file write error"},
    {"ENOSPC at patch", "local", "a@b", "c@d", {"", 0}, 0, 0, CORE_FILE_PATCH, 1,
	CLEANUP_STAT_WRITE, "patch-fail|abort|reply 2|", 0, 0, 0},
    {"ENOSPC at commit", "local", "a@b", "c@d", {"", 0}, 0, 0, CORE_FILE_COMMIT, 1,
	CLEANUP_STAT_WRITE, "commit-fail|abort|reply 2|", 0, 0, 0},
};

static void test_cases(void **state)
{
    const CASE *tc;
    VSTRING *in = vstring_alloc(1000);
    VSTRING *dump = vstring_alloc(1000);
    const char *lines[64];
    int     i, n, j;

    for (tc = cases; tc < cases + sizeof(cases) / sizeof(cases[0]); tc++) {
	CLEANUP_CONFIG *cfg = stock_config();
	DRIVER *d;

	if (tc->size_limit)
	    cfg->message_size_limit = tc->size_limit;
	for (n = 0; n < tc->hops; n++)
	    lines[n] = "Received: from x";
	for (i = 0; tc->lines[i]; i++)
	    lines[n++] = tc->lines[i];
	lines[n] = 0;
	vstring_reset(in);
	build_msg(in, tc->ctx, tc->sender, tc->rcpts, lines);
	/* the last-append case needs the close to append; feed whole */
	d = drv_create(cfg, tc->fail_op, tc->fail_nth);
	drv_request(d, CLEANUP_REQ_OPEN, 0, 0, 0);
	if (d->open_status == 0) {
	    drv_feed(d, (const unsigned char *) vstring_str(in), vstring_len(in), MODE_WHOLE);
	    drv_request(d, CLEANUP_REQ_CLOSE, 0, 0, 0);
	}
	j = tc->want_status ? (tc->fail_op == CORE_FILE_CREATE ? d->open_status : d->close_status)
	    : d->close_status;
	if (j != tc->want_status)
	    fail_msg("%s: got status %d, want %d (trace %s, log %s)", tc->label, j,
		     tc->want_status, vstring_str(d->trace), vstring_str(d->logs));
	if (!ends_with(vstring_str(d->trace), tc->want_trace_end))
	    fail_msg("%s: trace: got %s, want ...%s", tc->label, vstring_str(d->trace),
		     tc->want_trace_end);
	if (tc->want_status != 0 && (d->committed != 0 || strstr(vstring_str(d->trace), "commit|")))
	    fail_msg("%s: got a commit, want none", tc->label);
	if (tc->want_status != 0 && tc->fail_op != CORE_FILE_CREATE && d->aborted != 1)
	    fail_msg("%s: got %d aborts, want 1", tc->label, d->aborted);
	dump_file(dump, d->file);
	if (tc->want_in_file && strstr(vstring_str(dump), tc->want_in_file) == 0)
	    fail_msg("%s: file:\n%s\nwant it to contain:\n%s", tc->label, vstring_str(dump),
		     tc->want_in_file);
	if (tc->want_not_in_file && strstr(vstring_str(dump), tc->want_not_in_file) != 0)
	    fail_msg("%s: file:\n%s\nwant no %s", tc->label, vstring_str(dump),
		     tc->want_not_in_file);
	if (tc->want_log && strstr(vstring_str(d->logs), tc->want_log) == 0)
	    fail_msg("%s: log: got %s, want %s", tc->label, vstring_str(d->logs), tc->want_log);
	assert_true(cleanup_core_done(d->core));
	drv_free(d);
	cleanup_config_free(cfg);
    }
    vstring_free(in);
    vstring_free(dump);
}

/* ABORT request and protocol errors remove the file; no reply to ABORT. */
static void test_abort_and_protocol(void **state)
{
    CLEANUP_CONFIG *cfg = stock_config();
    DRIVER *d;
    static const char bad_len[] = {'T', (char) 0x80, (char) 0x80, (char) 0x80, (char) 0x80, (char) 0x80, 'x'};

    d = drv_create(cfg, -1, 0);
    drv_request(d, CLEANUP_REQ_OPEN, 0, 0, 0);
    drv_feed(d, stock_input, 100, MODE_WHOLE);
    drv_request(d, CLEANUP_REQ_ABORT, 0, 0, 0);
    assert_string_equal(vstring_str(d->trace), "create|reply 0|append|abort|");
    assert_true(cleanup_core_done(d->core));
    drv_free(d);

    d = drv_create(cfg, -1, 0);
    drv_request(d, CLEANUP_REQ_OPEN, 0, 0, 0);
    drv_request(d, CLEANUP_REQ_RECORDS, 0, bad_len, sizeof(bad_len));
    drv_request(d, CLEANUP_REQ_CLOSE, 0, 0, 0);
    assert_int_equal(d->close_status, CLEANUP_STAT_BAD);
    assert_int_equal(d->committed, 0);
    assert_int_equal(d->aborted, 1);
    drv_free(d);

    /* content before the sender; close with a truncated record */
    d = drv_create(cfg, -1, 0);
    drv_request(d, CLEANUP_REQ_OPEN, 0, 0, 0);
    drv_request(d, CLEANUP_REQ_RECORDS, 0, "M\0", 2);
    drv_request(d, CLEANUP_REQ_CLOSE, 0, 0, 0);
    assert_int_equal(d->close_status, CLEANUP_STAT_BAD);
    assert_int_equal(d->committed, 0);
    drv_free(d);

    d = drv_create(cfg, -1, 0);
    drv_request(d, CLEANUP_REQ_OPEN, 0, 0, 0);
    drv_feed(d, stock_input, sizeof(stock_input) - 1, MODE_WHOLE);
    drv_request(d, CLEANUP_REQ_CLOSE, 0, 0, 0);
    assert_int_equal(d->close_status, CLEANUP_STAT_BAD);
    assert_int_equal(d->committed, 0);
    drv_free(d);
    cleanup_config_free(cfg);
}

static void test_config_load(void **state)
{
    MAIN_CF *cf = main_cf_create();
    const char *text = "myhostname = h.example\nmydomain = example\nmyorigin = $mydomain\n"
	"hopcount_limit = 7\nswap_bangpath = no\nmessage_size_limit = 1000\n"
	"message_drop_headers = X-A, Bcc\n";
    MAIL_CONF *conf;
    CLEANUP_CONFIG *cfg;
    VSTRING *err = vstring_alloc(10);

    assert_int_equal(main_cf_parse(cf, text, strlen(text), "main.cf", 0), 0);
    conf = mail_conf_create(cf);
    cfg = cleanup_config_load(conf, err);
    if (cfg == 0)
	fail_msg("load: %s", vstring_str(err));
    assert_string_equal(cfg->myhostname, "h.example");
    assert_string_equal(cfg->myorigin, "example");
    assert_int_equal(cfg->hopcount_limit, 7);
    assert_false(cfg->swap_bangpath);
    assert_true(cfg->allow_percent_hack);
    assert_int_equal(cfg->message_size_limit, 1000);
    assert_int_equal(cfg->header_size_limit, 102400);
    assert_int_equal(cfg->message_drop_headers->argc, 2);
    assert_string_equal(cfg->message_drop_headers->argv[0], "x-a");
    cleanup_config_free(cfg);
    mail_conf_override(conf, "hopcount_limit", "many");
    assert_null(cleanup_config_load(conf, err));
    assert_string_equal(vstring_str(err), "bad numerical configuration: hopcount_limit = many");
    mail_conf_free(conf);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_stock_sample),
	cmocka_unit_test(test_cases),
	cmocka_unit_test(test_abort_and_protocol),
	cmocka_unit_test(test_config_load),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
