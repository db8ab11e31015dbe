/*
 * NAME
 *	fuzz_smtpd
 * SUMMARY
 *	libFuzzer harness for the whole smtpd core
 * DESCRIPTION
 *	The input is a script. Byte 0 picks configuration knobs (tiny
 *	line and size limits, open at MAIL, bare LF rejected, error sleep
 *	from the first error, a small recipient limit, a client outside
 *	mynetworks, strict envelopes, XCLIENT allowed). Then each command
 *	byte does one
 *	thing:
 *
 *	0-3	client bytes: the next byte is a count n, then n bytes
 *	4	the client closes
 *	5	the armed timer fires (time jumps to its deadline)
 *	6	time passes: the next byte times 100 ms; a due timer fires
 *	7	cleanup answers what is pending; the next byte picks the
 *		status (0 = OK, else a CLEANUP_STAT_* bit), the reason, and
 *		with the high bit a failed OPEN
 *	other	client bytes: the command byte itself
 *
 *	At the end cleanup answers and timers fire until the core closes.
 *	Checked: nothing after CLOSE; each cleanup conversation is OPEN,
 *	RECORDS..., then at most one CLOSE or ABORT, with a new id each
 *	time and no requests for an unanswered OPEN; records are well
 *	formed; replies are CRLF-terminated lines that start with a
 *	three-digit code; "queued as" replies never outnumber CLOSE
 *	answers with status 0; the core always ends closed and done.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup_proto.h"
#include "core.h"
#include "mail_conf.h"
#include "vstring.h"
#include "smtpd/smtpd.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct FUZZ {
    SMTPD_CORE *core;
    CORE_OUTBOX box;
    core_time_ms now;
    core_time_ms deadline;
    int     closed;
    uint64_t conv_id;
    int     in_conv, open_pending, opened, close_pending;
    int     close_ok;			/* CLOSE answers with status 0 */
    VSTRING *replies;
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
	    vstring_memcat(f->replies, a->data, a->len);
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
	    if (a->op == CLEANUP_REQ_OPEN) {
		if (f->in_conv || (f->conv_id != 0 && a->id == f->conv_id))
		    abort();			/* nested or reused conversation */
		f->conv_id = a->id;
		f->in_conv = f->open_pending = 1;
		f->opened = 0;
		break;
	    }
	    if (!f->in_conv || a->id != f->conv_id)
		abort();
	    switch (a->op) {
	    case CLEANUP_REQ_RECORDS:
		if (!f->opened)
		    abort();
		fuzz_records(a->data, a->len);
		break;
	    case CLEANUP_REQ_CLOSE:
		if (!f->opened)
		    abort();
		f->in_conv = 0;
		f->close_pending = 1;
		break;
	    case CLEANUP_REQ_ABORT:
		f->in_conv = 0;
		f->open_pending = 0;
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
    ev.id = (type == CORE_EV_REPLY ? f->conv_id : 0);
    smtpd_core_event(f->core, &ev, &f->box);
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
	    f->in_conv = 0;
	    fuzz_event(f, CORE_EV_REPLY, "", 0, 1);
	}
    } else if (f->close_pending) {
	f->close_pending = 0;
	if (status == 0)
	    f->close_ok++;
	fuzz_event(f, CORE_EV_REPLY, reason, strlen(reason), status);
    }
}

/* fuzz_check_replies - whole reply lines; "queued as" only after OK */

static void fuzz_check_replies(const FUZZ *f)
{
    const char *cp = vstring_str(f->replies);
    const char *end = cp + vstring_len(f->replies);
    int     queued = 0;

    while (cp < end) {
	const char *eol = memchr(cp, '\n', (size_t) (end - cp));

	if (eol == 0 || eol - cp < 4 || eol[-1] != '\r')
	    abort();
	if (cp[0] < '2' || cp[0] > '5' || cp[1] < '0' || cp[1] > '9'
	    || cp[2] < '0' || cp[2] > '9' || (cp[3] != ' ' && cp[3] != '-' && cp[3] != '\r'))
	    abort();
	if (eol - cp > 23 && memcmp(cp, "250 2.0.0 Ok: queued as", 23) == 0)
	    queued++;
	cp = eol + 1;
    }
    if (queued > f->close_ok)
	abort();
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MAIL_CONF *conf;
    VSTRING *err;
    SMTPD_CONFIG *cfg;
    CORE_ENV env = {0, fuzz_log, 0, fuzz_wall, 0, 0, 0};
    SMTPD_SESSION sess;
    FUZZ    f;
    size_t  pos = 1;
    int     rounds;

    if (size == 0)
	return (0);
    conf = mail_conf_create(0);
    err = vstring_alloc(64);
    mail_conf_override(conf, "compatibility_level", "3.6");
    mail_conf_override(conf, "myhostname", "fuzz.example");
    mail_conf_override(conf, "mydomain", "example");
    mail_conf_override(conf, "mynetworks", "127.0.0.0/8 [::1]/128");
    mail_conf_override(conf, "smtpd_error_sleep_time", "1s");
    if (data[0] & 1) {
	mail_conf_override(conf, "line_length_limit", "16");
	mail_conf_override(conf, "message_size_limit", "100");
    }
    if (data[0] & 2)
	mail_conf_override(conf, "smtpd_delay_open_until_valid_rcpt", "no");
    if (data[0] & 4)
	mail_conf_override(conf, "smtpd_forbid_bare_newline", "reject");
    if (data[0] & 8) {
	mail_conf_override(conf, "smtpd_soft_error_limit", "1");
	mail_conf_override(conf, "smtpd_hard_error_limit", "5");
    }
    if (data[0] & 16)
	mail_conf_override(conf, "smtpd_recipient_limit", "2");
    if (data[0] & 64)
	mail_conf_override(conf, "strict_rfc821_envelopes", "yes");
    if (data[0] & 128)
	mail_conf_override(conf, "smtpd_authorized_xclient_hosts", "127.0.0.0/8, [::1]/128");
    if ((cfg = smtpd_config_load(conf, err)) == 0)
	abort();

    memset(&sess, 0, sizeof(sess));
    sess.client_name = "client.example";
    sess.client_addr = (data[0] & 32) ? "198.51.100.7" : "127.0.0.1";
    sess.client_port = "4711";
    sess.addr_family = 2;
    memset(&f, 0, sizeof(f));
    f.replies = vstring_alloc(256);
    f.deadline = CORE_TIME_NEVER;
    core_outbox_init(&f.box);
    f.core = smtpd_core_create(cfg, &env, &sess);
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
    for (rounds = 0; !f.closed && rounds < 50; rounds++) {
	if (f.open_pending || f.close_pending) {
	    fuzz_cleanup(&f, 0);
	} else if (f.deadline != CORE_TIME_NEVER) {
	    f.now = f.deadline;
	    fuzz_event(&f, CORE_EV_TIMER, 0, 0, 0);
	} else {
	    fuzz_event(&f, CORE_EV_PEER_CLOSED, 0, 0, 0);
	}
    }
    if (!f.closed || !smtpd_core_done(f.core))
	abort();
    if (f.in_conv && f.opened)
	abort();				/* conversation left open */
    fuzz_check_replies(&f);
    smtpd_core_free(f.core);
    core_outbox_free(&f.box);
    smtpd_config_free(cfg);
    mail_conf_free(conf);
    vstring_free(f.replies);
    vstring_free(err);
    return (0);
}
