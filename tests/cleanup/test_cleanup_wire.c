/*
 * NAME
 *	test_cleanup_wire 1t
 * SUMMARY
 *	cleanup's stream protocol around the core
 * DESCRIPTION
 *	Drives cleanup_wire with the bytes a stock client sends (flags list,
 *	records, END), whole and one byte at a time, executes its file
 *	actions on an in-memory file, and checks what goes back to the
 *	client: the queue id list first, the status list last, then close.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "vstring.h"
#include "record.h"
#include "attr.h"
#include "cleanup_proto.h"
#include "cleanup/cleanup.h"

typedef struct WIRE_DRIVER {
    CLEANUP_WIRE *wire;
    CORE_ENV env;
    VSTRING *sent;			/* bytes for the client */
    VSTRING *file;			/* the queue file */
    int     closed;
    int     committed;
    int     aborted;
    int     fail_op;			/* CORE_FILE_* that fails, -1 none */
} WIRE_DRIVER;

static int64_t wire_time(void *ctx, core_time_ms now)
{
    return (1795592114);
}

static void wire_feed(WIRE_DRIVER *d, const CORE_EVENT *ev);

/*
 * Runs the actions, then feeds the file results back in order: action
 * data belongs to the core only until its next call.
 */
static void wire_drain(WIRE_DRIVER *d, CORE_OUTBOX *box)
{
    CORE_EVENT results[32];
    size_t  i, nres = 0;

    for (i = 0; i < box->count; i++) {
	CORE_ACTION *a = box->actions + i;
	CORE_EVENT ev = {.type = CORE_EV_FILE_RESULT, .id = a->id, .op = a->op};

	switch (a->type) {
	case CORE_ACT_SEND:
	    vstring_memcat(d->sent, a->data, a->len);
	    break;
	case CORE_ACT_CLOSE:
	    d->closed++;
	    break;
	case CORE_ACT_FILE_OP:
	    ev.status = (a->op == d->fail_op) ? ENOSPC : 0;
	    if (ev.status == 0) {
		if (a->op == CORE_FILE_CREATE) {
		    ev.data = "4BC2FA744F2";
		    ev.len = strlen(ev.data);
		} else if (a->op == CORE_FILE_APPEND) {
		    vstring_memcat(d->file, a->data, a->len);
		} else if (a->op == CORE_FILE_PATCH) {
		    assert_true((size_t) a->arg + a->len <= vstring_len(d->file));
		    memcpy(vstring_str(d->file) + a->arg, a->data, a->len);
		} else if (a->op == CORE_FILE_COMMIT) {
		    d->committed++;
		}
	    }
	    if (a->op == CORE_FILE_ABORT)
		d->aborted++;
	    assert_true(nres < sizeof(results) / sizeof(results[0]));
	    results[nres++] = ev;
	    break;
	default:
	    break;
	}
    }
    for (i = 0; i < nres; i++)
	wire_feed(d, results + i);
}

static void wire_feed(WIRE_DRIVER *d, const CORE_EVENT *ev)
{
    CORE_OUTBOX box;

    core_outbox_init(&box);
    cleanup_wire_event(d->wire, ev, &box);
    wire_drain(d, &box);
    core_outbox_free(&box);
}

static void wire_bytes(WIRE_DRIVER *d, const char *data, size_t len, int bytewise)
{
    size_t  i;

    if (!bytewise) {
	CORE_EVENT ev = {.type = CORE_EV_BYTES, .data = data, .len = len};

	wire_feed(d, &ev);
	return;
    }
    for (i = 0; i < len; i++) {
	CORE_EVENT ev = {.type = CORE_EV_BYTES, .data = data + i, .len = 1};

	wire_feed(d, &ev);
    }
}

static CLEANUP_CONFIG *wire_cfg;

static void wire_start(WIRE_DRIVER *d, int fail_op)
{
    CORE_EVENT start = {.type = CORE_EV_START};

    memset(d, 0, sizeof(*d));
    d->env.wall_time = wire_time;
    d->sent = vstring_alloc(100);
    d->file = vstring_alloc(1000);
    d->fail_op = fail_op;
    d->wire = cleanup_wire_create(wire_cfg, &d->env);
    wire_feed(d, &start);
}

static void wire_stop(WIRE_DRIVER *d)
{
    cleanup_wire_free(d->wire);
    vstring_free(d->sent);
    vstring_free(d->file);
}

/* What a stock client sends after the queue id: flags, records, END. */
static void wire_client_stream(VSTRING *out, int with_end)
{
    attr_print_int(out, ATTR_NAME_FLAGS, 114);
    attr_print_end(out);
    rec_puts(out, REC_TYPE_TIME, "1795592114 0");
    rec_puts(out, REC_TYPE_FROM, "alice@client.example");
    rec_puts(out, REC_TYPE_RCPT, "bob@mx.example");
    rec_puts(out, REC_TYPE_MESG, "");
    rec_puts(out, REC_TYPE_NORM, "Subject: wire test");
    rec_puts(out, REC_TYPE_NORM, "");
    rec_puts(out, REC_TYPE_NORM, "body line");
    rec_puts(out, REC_TYPE_XTRA, "");
    if (with_end)
	rec_puts(out, REC_TYPE_END, "");
}

static const char wire_open_reply[] =
"protocol\0cleanup_protocol\0queue_id\0" "4BC2FA744F2\0";	/* + final NUL */

static void wire_expect_status(WIRE_DRIVER *d, unsigned status)
{
    VSTRING *want = vstring_alloc(100);

    vstring_memcpy(want, wire_open_reply, sizeof(wire_open_reply));
    attr_print_int(want, ATTR_NAME_STATUS, status);
    attr_print_str(want, ATTR_NAME_REASON, "");
    attr_print_end(want);
    if (vstring_len(d->sent) != vstring_len(want)
	|| memcmp(vstring_str(d->sent), vstring_str(want), vstring_len(want)) != 0)
	fail_msg("client got %zu bytes, want %zu (open reply, status %u)",
		 vstring_len(d->sent), vstring_len(want), status);
    vstring_free(want);
}

static void test_wire_message(void **state)
{
    VSTRING *stream = vstring_alloc(200);
    VSTRING *first = 0;
    WIRE_DRIVER d;
    int     bytewise;

    wire_client_stream(stream, 1);
    for (bytewise = 0; bytewise <= 1; bytewise++) {
	wire_start(&d, -1);
	if (vstring_len(d.sent) != sizeof(wire_open_reply)
	    || memcmp(vstring_str(d.sent), wire_open_reply, sizeof(wire_open_reply)) != 0)
	    fail_msg("mode %d: got no queue id list before the client spoke", bytewise);
	wire_bytes(&d, vstring_str(stream), vstring_len(stream), bytewise);
	wire_expect_status(&d, 0);
	if (d.committed != 1 || d.closed != 1 || d.aborted != 0)
	    fail_msg("mode %d: got commit %d close %d abort %d, want 1 1 0",
		     bytewise, d.committed, d.closed, d.aborted);
	assert_true(cleanup_wire_done(d.wire));
	if (vstring_len(d.file) < 2
	    || memcmp(vstring_end(d.file) - 2, "E\0", 2) != 0)
	    fail_msg("mode %d: queue file does not end with the END record", bytewise);
	if (memmem(vstring_str(d.file), vstring_len(d.file), "N\tbody line", 11) == 0)
	    fail_msg("mode %d: queue file lacks the body line", bytewise);
	if (memmem(vstring_str(d.file), vstring_len(d.file), "S\x14" "alice@client.example", 22) == 0)
	    fail_msg("mode %d: queue file lacks the sender record", bytewise);
	if (first == 0) {
	    first = vstring_alloc(vstring_len(d.file));
	    vstring_memcpy(first, vstring_str(d.file), vstring_len(d.file));
	} else if (vstring_len(first) != vstring_len(d.file)
		   || memcmp(vstring_str(first), vstring_str(d.file), vstring_len(first)) != 0) {
	    fail_msg("byte-at-a-time feeding wrote a different queue file");
	}
	wire_stop(&d);
    }
    vstring_free(first);
    vstring_free(stream);
}

/* Every split of the stream into two reads writes the same queue file. */
static void test_wire_two_chunks(void **state)
{
    VSTRING *stream = vstring_alloc(200);
    VSTRING *ref = vstring_alloc(1000);
    WIRE_DRIVER d;
    size_t  k;

    wire_client_stream(stream, 1);
    wire_start(&d, -1);
    wire_bytes(&d, vstring_str(stream), vstring_len(stream), 1);
    vstring_memcpy(ref, vstring_str(d.file), vstring_len(d.file));
    wire_stop(&d);
    for (k = 1; k < vstring_len(stream); k++) {
	wire_start(&d, -1);
	wire_bytes(&d, vstring_str(stream), k, 0);
	wire_bytes(&d, vstring_str(stream) + k, vstring_len(stream) - k, 0);
	if (vstring_len(d.file) != vstring_len(ref)
	    || memcmp(vstring_str(d.file), vstring_str(ref), vstring_len(ref)) != 0)
	    fail_msg("split at %zu of %zu: got a different queue file", k,
		     vstring_len(stream));
	wire_expect_status(&d, 0);
	wire_stop(&d);
    }
    vstring_free(stream);
    vstring_free(ref);
}

/* Bytes that arrive before the queue id was sent are kept, not lost. */
static void test_wire_early_bytes(void **state)
{
    VSTRING *stream = vstring_alloc(200);
    CLEANUP_WIRE *wire;
    CORE_ENV env = {.wall_time = wire_time};
    CORE_OUTBOX box;
    CORE_EVENT start = {.type = CORE_EV_START};
    CORE_EVENT bytes = {.type = CORE_EV_BYTES};
    size_t  i, sends = 0;

    wire_client_stream(stream, 1);
    wire = cleanup_wire_create(wire_cfg, &env);
    core_outbox_init(&box);
    cleanup_wire_event(wire, &start, &box);
    bytes.data = vstring_str(stream);
    bytes.len = vstring_len(stream);
    cleanup_wire_event(wire, &bytes, &box);	/* before the CREATE result */
    for (i = 0; i < box.count; i++)
	sends += box.actions[i].type == CORE_ACT_SEND;
    if (sends != 0)
	fail_msg("got %zu sends before the queue file exists, want 0", sends);
    core_outbox_free(&box);
    cleanup_wire_free(wire);
    vstring_free(stream);
}

static void test_wire_client_gone(void **state)
{
    VSTRING *stream = vstring_alloc(200);
    WIRE_DRIVER d;
    CORE_EVENT gone = {.type = CORE_EV_PEER_CLOSED};

    wire_client_stream(stream, 0);
    wire_start(&d, -1);
    wire_bytes(&d, vstring_str(stream), vstring_len(stream), 0);
    wire_feed(&d, &gone);
    if (d.committed != 0 || d.aborted != 1 || d.closed != 1)
	fail_msg("got commit %d abort %d close %d, want 0 1 1",
		 d.committed, d.aborted, d.closed);
    if (vstring_len(d.sent) != sizeof(wire_open_reply))
	fail_msg("got a status reply for an abandoned message");
    wire_stop(&d);
    vstring_free(stream);
}

static void test_wire_commit_fails(void **state)
{
    VSTRING *stream = vstring_alloc(200);
    WIRE_DRIVER d;

    wire_client_stream(stream, 1);
    wire_start(&d, CORE_FILE_COMMIT);
    wire_bytes(&d, vstring_str(stream), vstring_len(stream), 0);
    wire_expect_status(&d, CLEANUP_STAT_WRITE);
    if (d.closed != 1)
	fail_msg("got close %d, want 1", d.closed);
    wire_stop(&d);
    vstring_free(stream);
}

static void test_wire_bad_flags(void **state)
{
    WIRE_DRIVER d;
    static const char junk[] = "colour\0blue\0\0";

    wire_start(&d, -1);
    wire_bytes(&d, junk, sizeof(junk) - 1, 0);
    if (d.closed != 1 || d.aborted != 1 || d.committed != 0)
	fail_msg("got close %d abort %d commit %d, want 1 1 0",
		 d.closed, d.aborted, d.committed);
    wire_stop(&d);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_wire_message),
	cmocka_unit_test(test_wire_two_chunks),
	cmocka_unit_test(test_wire_early_bytes),
	cmocka_unit_test(test_wire_client_gone),
	cmocka_unit_test(test_wire_commit_fails),
	cmocka_unit_test(test_wire_bad_flags),
    };
    int     ret;

    wire_cfg = cleanup_config_defaults("mx.example", "example");
    ret = cmocka_run_group_tests(tests, 0, 0);
    cleanup_config_free(wire_cfg);
    return (ret);
}
