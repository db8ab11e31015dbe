/*
 * NAME
 *	fuzz_qmqpd
 * SUMMARY
 *	libFuzzer harness for the whole qmqpd core
 * DESCRIPTION
 *	The input is a script. Byte 0 picks configuration knobs (tiny
 *	limits, port logging, soft bounce, an unauthorized client). Then
 *	each command byte does one thing:
 *
 *	0-3	client bytes: the next byte is a count n, then n bytes
 *	4	the client closes
 *	5	the armed timer fires (time jumps to its deadline)
 *	6	time passes: the next byte times 100 ms; a due timer fires
 *	7	cleanup answers what is pending; the next byte picks the
 *		status (0 = OK, else a CLEANUP_STAT_* bit) and reason
 *	other	client bytes: the command byte itself
 *
 *	At the end cleanup answers and timers fire until the core closes.
 *	Checked: nothing after CLOSE; the conversation is OPEN, RECORDS...,
 *	then at most one CLOSE or ABORT; records are well formed; at most
 *	one reply, a netstring starting with K, Z or D; K only after a
 *	CLOSE answered with status 0; the core always ends closed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup_proto.h"
#include "core.h"
#include "mail_conf.h"
#include "netstring.h"
#include "vstring.h"
#include "qmqpd/qmqpd.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct FUZZ {
    QMQPD_CORE *core;
    CORE_OUTBOX box;
    core_time_ms now;
    core_time_ms deadline;
    int     closed;
    int     open_sent, open_pending, opened;
    int     close_sent, close_pending, close_ok, aborted;
    int     replies;
    VSTRING *reply;
} FUZZ;

static void fuzz_log(void *ctx, MSG_LEVEL level, const char *text)
{
    (void) ctx;
    (void) level;
    (void) text;
}

static int64_t fuzz_wall(void *ctx, core_time_ms now)
{
    return (1795591402 + now / 1000);
}

/* fuzz_records - records must parse exactly */

static void fuzz_records(const char *data, size_t len)
{
    const unsigned char *cp = (const unsigned char *) data;
    const unsigned char *end = cp + len;

    while (cp < end) {
	size_t  n = 0;
	int     shift = 0;

	cp++;
	for (;;) {
	    if (cp >= end || shift > 28)
		abort();
	    n |= (size_t) (*cp & 0x7f) << shift;
	    shift += 7;
	    if ((*cp++ & 0x80) == 0)
		break;
	}
	if ((size_t) (end - cp) < n)
	    abort();
	cp += n;
    }
}

static void fuzz_drain(FUZZ *f)
{
    size_t  i;

    for (i = 0; i < f->box.count; i++) {
	CORE_ACTION *a = f->box.actions + i;

	if (f->closed)
	    abort();				/* nothing after CLOSE */
	switch (a->type) {
	case CORE_ACT_SEND:
	    if (++f->replies > 1)
		abort();
	    vstring_memcpy(f->reply, a->data, a->len);
	    break;
	case CORE_ACT_CLOSE:
	    f->closed = 1;
	    break;
	case CORE_ACT_TIMER:
	    f->deadline = a->deadline;
	    break;
	case CORE_ACT_REQUEST:
	    if (strcmp(a->target, CLEANUP_SERVICE) != 0)
		abort();
	    if (f->close_sent || f->aborted)
		abort();			/* conversation already over */
	    switch (a->op) {
	    case CLEANUP_REQ_OPEN:
		if (f->open_sent)
		    abort();
		f->open_sent = f->open_pending = 1;
		break;
	    case CLEANUP_REQ_RECORDS:
		if (!f->opened)
		    abort();
		fuzz_records(a->data, a->len);
		break;
	    case CLEANUP_REQ_CLOSE:
		if (!f->opened)
		    abort();
		f->close_sent = f->close_pending = 1;
		break;
	    case CLEANUP_REQ_ABORT:
		if (!f->open_sent)
		    abort();
		f->aborted = 1;
		break;
	    default:
		abort();
	    }
	    break;
	default:
	    abort();
	}
    }
    core_outbox_clear(&f->box);
}

static void fuzz_event(FUZZ *f, CORE_EVENT_TYPE type, const char *data, size_t len,
		               int status)
{
    CORE_EVENT ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    ev.now = f->now;
    ev.data = data;
    ev.len = len;
    ev.status = status;
    ev.id = QMQPD_CLEANUP_ID;
    qmqpd_core_event(f->core, &ev, &f->box);
    fuzz_drain(f);
}

static void fuzz_cleanup(FUZZ *f, int pick)
{
    static const int stats[] = {0, CLEANUP_STAT_BAD, CLEANUP_STAT_WRITE, CLEANUP_STAT_SIZE,
	CLEANUP_STAT_CONT, CLEANUP_STAT_HOPS, CLEANUP_STAT_RCPT, CLEANUP_STAT_DEFER,
    CLEANUP_STAT_NOPERM};
    static const char *reasons[] = {"", "4.3.0 later", "5.7.1 no"};
    int     status = stats[pick % 9];
    const char *reason = reasons[pick % 3];

    if (f->open_pending) {
	f->open_pending = 0;
	if ((pick & 0x80) == 0) {
	    f->opened = 1;
	    fuzz_event(f, CORE_EV_REPLY, "79611A74004", 11, 0);
	} else {
	    fuzz_event(f, CORE_EV_REPLY, "", 0, 1);
	}
    } else if (f->close_pending) {
	f->close_pending = 0;
	f->close_ok = (status == 0);
	fuzz_event(f, CORE_EV_REPLY, reason, strlen(reason), status);
    }
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MAIL_CONF *conf = mail_conf_create(0);
    VSTRING *err = vstring_alloc(64);
    QMQPD_CONFIG *cfg;
    CORE_ENV env = {0, fuzz_log, 0, fuzz_wall, 0, 0, 0};
    QMQPD_SESSION sess = {"client.example", "192.0.2.1", "4711", 2, 0, 0};
    FUZZ    f;
    size_t  pos = 1;
    int     rounds;

    if (size == 0) {
	mail_conf_free(conf);
	vstring_free(err);
	return (0);
    }
    mail_conf_override(conf, "myhostname", "fuzz.example");
    mail_conf_override(conf, "qmqpd_authorized_clients",
		       (data[0] & 1) ? "10.0.0.0/8" : "192.0.2.0/24");
    if (data[0] & 2) {
	mail_conf_override(conf, "message_size_limit", "40");
	mail_conf_override(conf, "line_length_limit", "7");
    }
    if (data[0] & 4)
	mail_conf_override(conf, "qmqpd_client_port_logging", "yes");
    if (data[0] & 8)
	mail_conf_override(conf, "soft_bounce", "yes");
    if (data[0] & 16)
	mail_conf_override(conf, "qmqpd_error_delay", "0");
    if ((cfg = qmqpd_config_load(conf, err)) == 0)
	abort();

    memset(&f, 0, sizeof(f));
    f.reply = vstring_alloc(64);
    f.deadline = CORE_TIME_NEVER;
    core_outbox_init(&f.box);
    f.core = qmqpd_core_create(cfg, &env, &sess);
    fuzz_event(&f, CORE_EV_START, 0, 0, 0);

    while (pos < size && !f.closed) {
	int     cmd = data[pos++];
	size_t  n;

	switch (cmd) {
	case 0:
	case 1:
	case 2:
	case 3:
	    n = pos < size ? data[pos++] : 0;
	    if (n > size - pos)
		n = size - pos;
	    fuzz_event(&f, CORE_EV_BYTES, (const char *) data + pos, n, 0);
	    pos += n;
	    break;
	case 4:
	    fuzz_event(&f, CORE_EV_PEER_CLOSED, 0, 0, 0);
	    break;
	case 5:
	    if (f.deadline != CORE_TIME_NEVER)
		f.now = f.deadline;
	    fuzz_event(&f, CORE_EV_TIMER, 0, 0, 0);
	    break;
	case 6:
	    f.now += (core_time_ms) (pos < size ? data[pos++] : 1) * 100;
	    if (f.now >= f.deadline)
		fuzz_event(&f, CORE_EV_TIMER, 0, 0, 0);
	    break;
	case 7:
	    fuzz_cleanup(&f, pos < size ? data[pos++] : 0);
	    break;
	default:
	    fuzz_event(&f, CORE_EV_BYTES, (const char *) data + pos - 1, 1, 0);
	    break;
	}
    }
    /* Wind down: answers and timers until the core closes. */
    for (rounds = 0; !f.closed && rounds < 20; rounds++) {
	if (f.open_pending || f.close_pending) {
	    fuzz_cleanup(&f, 0);
	} else if (f.deadline != CORE_TIME_NEVER) {
	    f.now = f.deadline;
	    fuzz_event(&f, CORE_EV_TIMER, 0, 0, 0);
	} else {
	    fuzz_event(&f, CORE_EV_PEER_CLOSED, 0, 0, 0);
	}
    }
    if (!f.closed || !qmqpd_core_done(f.core))
	abort();
    if (f.replies) {
	const char *item;
	size_t  item_len, used;

	if (netstring_parse(vstring_str(f.reply), vstring_len(f.reply), 1 << 20,
			    &item, &item_len, &used) != NETSTRING_OK
	    || used != vstring_len(f.reply) || item_len < 1
	    || strchr("KZD", item[0]) == 0)
	    abort();
	if (item[0] == 'K' && !f.close_ok)
	    abort();
	if ((data[0] & 8) && item[0] == 'D')
	    abort();				/* soft_bounce */
    }
    if (f.open_sent && f.opened && !f.close_sent && !f.aborted)
	abort();				/* conversation left open */
    qmqpd_core_free(f.core);
    core_outbox_free(&f.box);
    qmqpd_config_free(cfg);
    mail_conf_free(conf);
    vstring_free(f.reply);
    vstring_free(err);
    return (0);
}
