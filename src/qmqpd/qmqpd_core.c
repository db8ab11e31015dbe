/*
 * NAME
 *	qmqpd_core 3
 * SUMMARY
 *	QMQP server state machine
 * DESCRIPTION
 *	One QMQPD_CORE serves one connection the way stock qmqpd(8) does:
 *
 *	- At CORE_EV_START it logs "connect from", checks
 *	  qmqpd_authorized_clients (a refused client gets a D reply after
 *	  qmqpd_error_delay without being read), and opens the cleanup
 *	  conversation before reading anything, so every later log line
 *	  carries the queue id.
 *	- It then reads the packet: the outer length, the message
 *	  netstring (at most message_size_limit), the sender and the
 *	  recipients (at most line_length_limit each) up to the outer ','.
 *	  The outer length itself is not checked against the parts, as in
 *	  stock. Envelope records go to cleanup as they are read; the
 *	  content is held until the sender and recipients are known.
 *	- Client input must keep arriving within qmqpd_timeout (the
 *	  deadline moves with every read, like a per-read socket timeout).
 *	- After cleanup's CLOSE reply it answers K for status 0, otherwise
 *	  Z or D as stock maps cleanup status bits. Every negative answer
 *	  waits qmqpd_error_delay on a timer first.
 *
 *	Records produced while handling one event are collected in one
 *	buffer and sent as a single CLEANUP_REQ_RECORDS action, so the
 *	data pointers in the outbox stay valid until the next call.
 */
#include <string.h>

#include "mail_peer.h"
#include "cleanup_proto.h"
#include "mymalloc.h"
#include "netstring.h"
#include "mail_date.h"
#include "record.h"
#include "stringops.h"
#include "vstring.h"
#include "qmqpd/qmqpd.h"

#define QMQPD_STAT_OK		'K'
#define QMQPD_STAT_RETRY	'Z'
#define QMQPD_STAT_HARD		'D'

#define QMQPD_OUTER_LEN_MAX	2147483647L	/* stock reads it as an int */

typedef enum QMQPD_STATE {
    QMQPD_ST_INIT,			/* before CORE_EV_START */
    QMQPD_ST_OPENING,			/* waiting for cleanup's queue id */
    QMQPD_ST_HEADER,			/* reading the outer length */
    QMQPD_ST_MESSAGE,			/* reading the message netstring */
    QMQPD_ST_SENDER,			/* reading the sender netstring */
    QMQPD_ST_RCPT,			/* recipients, or the outer ',' */
    QMQPD_ST_CLOSING,			/* waiting for cleanup's status */
    QMQPD_ST_DELAY,			/* error reply waits for the timer */
    QMQPD_ST_DONE,			/* closed */
} QMQPD_STATE;

struct QMQPD_CORE {
    const QMQPD_CONFIG *config;
    const CORE_ENV *env;
    char   *name;			/* client name */
    char   *addr;			/* client address */
    char   *rfc_addr;			/* "IPv6:" prefixed when needed */
    char   *port;
    int     addr_family;
    char   *namaddr;			/* name[addr] or name[addr]:port */
    QMQPD_STATE state;
    const char *where;			/* what we were doing, for logging */
    char   *queue_id;
    int64_t arrival;			/* wall-clock seconds */
    VSTRING *date;			/* Received: date */
    VSTRING *in;			/* unread client bytes from in_off */
    size_t  in_off;
    int     peer_eof;
    long    outer_len;			/* outer length digits so far */
    int     outer_digits;
    VSTRING *message;			/* the content, held for later */
    char   *sender;
    char   *recipient;			/* the first one */
    size_t  rcpt_count;
    int     err;			/* CLEANUP_STAT_* found on our side */
    VSTRING *why;			/* reason text for err */
    VSTRING *rec;			/* records for this event */
    int     rec_sent;			/* rec is in the outbox already */
    core_time_ms deadline;		/* the armed timer */
    VSTRING *reply;			/* the netstring for the client */
    VSTRING *after_log;			/* logged when the delayed reply goes */
    int     cleanup_open;		/* a conversation to close or abort */
    void    (*format_date) (void *, int64_t, VSTRING *);
    void   *date_ctx;
};

static void qmqpd_process(QMQPD_CORE *, core_time_ms, CORE_OUTBOX *);

/* qmqpd_timer - arm (or with CORE_TIME_NEVER, disarm) the deadline */

static void qmqpd_timer(QMQPD_CORE *core, CORE_OUTBOX *box, core_time_ms deadline)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_TIMER);

    act->deadline = core->deadline = deadline;
}

/* qmqpd_request - one cleanup request */

static void qmqpd_request(CORE_OUTBOX *box, CLEANUP_REQ op, int64_t arg,
			          const char *data, size_t len)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_REQUEST);

    act->target = CLEANUP_SERVICE;
    act->id = QMQPD_CLEANUP_ID;
    act->op = op;
    act->arg = arg;
    act->data = data;
    act->len = len;
}

/* qmqpd_flush_records - send what this event produced */

static void qmqpd_flush_records(QMQPD_CORE *core, CORE_OUTBOX *box)
{
    if (vstring_len(core->rec) > 0 && core->cleanup_open && !core->rec_sent) {
	qmqpd_request(box, CLEANUP_REQ_RECORDS, 0, vstring_str(core->rec),
		      vstring_len(core->rec));
	core->rec_sent = 1;
    }
}

/* qmqpd_abort - give up the cleanup conversation */

static void qmqpd_abort(QMQPD_CORE *core, CORE_OUTBOX *box)
{
    if (core->cleanup_open) {
	if (!core->rec_sent)
	    vstring_reset(core->rec);
	qmqpd_request(box, CLEANUP_REQ_ABORT, 0, "", 0);
	core->cleanup_open = 0;
    }
}

/* qmqpd_finish - log the disconnect and close */

static void qmqpd_finish(QMQPD_CORE *core, CORE_OUTBOX *box)
{
    qmqpd_abort(core, box);
    core_log(core->env, MSG_INFO, "disconnect from %s", core->namaddr);
    qmqpd_timer(core, box, CORE_TIME_NEVER);
    core_outbox_push(box, CORE_ACT_CLOSE);
    core->state = QMQPD_ST_DONE;
}

/* qmqpd_set_reply - the reply netstring; D becomes Z under soft_bounce */

static void qmqpd_set_reply(QMQPD_CORE *core, int code, const char *text)
{
    VSTRING *body = vstring_alloc(100);

    if (code == QMQPD_STAT_HARD && core->config->soft_bounce)
	code = QMQPD_STAT_RETRY;
    vstring_addch(body, code);
    vstring_strcat(body, text);
    vstring_reset(core->reply);
    netstring_append(core->reply, vstring_str(body), vstring_len(body));
    vstring_free(body);
}

/* qmqpd_send_reply - hand the reply to the driver */

static void qmqpd_send_reply(QMQPD_CORE *core, CORE_OUTBOX *box)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_SEND);

    act->data = vstring_str(core->reply);
    act->len = vstring_len(core->reply);
}

/* qmqpd_delay_reply - a negative reply waits qmqpd_error_delay */

static void qmqpd_delay_reply(QMQPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    core->state = QMQPD_ST_DELAY;
    qmqpd_timer(core, box, now + core->config->error_delay_ms);
}

/* qmqpd_protocol_error - malformed or oversized netstring */

static void qmqpd_protocol_error(QMQPD_CORE *core, NETSTRING_STATUS status,
				         core_time_ms now, CORE_OUTBOX *box)
{
    const char *reason = (status == NETSTRING_ERR_SIZE ?
			  "netstring length exceeds storage limit" :
			  "netstring format error");
    VSTRING *text = vstring_alloc(100);

    vstring_sprintf(text, "%s while %s", reason, core->where);
    qmqpd_set_reply(core, QMQPD_STAT_HARD, vstring_str(text));
    vstring_sprintf(core->after_log, "%s: %s: %s while %s",
		    core->queue_id, core->namaddr, reason, core->where);
    vstring_free(text);
    qmqpd_abort(core, box);
    qmqpd_delay_reply(core, now, box);
}

/* qmqpd_lost - the client went away or stalled; no reply */

static void qmqpd_lost(QMQPD_CORE *core, const char *reason, CORE_OUTBOX *box)
{
    core_log(core->env, MSG_INFO, "%s: %s: %s while %s",
	     core->queue_id ? core->queue_id : "NOQUEUE", core->namaddr,
	     reason, core->where);
    qmqpd_finish(core, box);
}

/* qmqpd_send_status - answer from the cleanup status, as stock maps it */

static void qmqpd_send_status(QMQPD_CORE *core, int status, const char *why,
			              core_time_ms now, CORE_OUTBOX *box)
{
    VSTRING *text = vstring_alloc(100);
    int     code = QMQPD_STAT_RETRY;

    core->where = "sending completion status";
    if (status == CLEANUP_STAT_OK) {
	vstring_sprintf(text, "Ok: queued as %s", core->queue_id);
	code = QMQPD_STAT_OK;
    } else if (status & CLEANUP_STAT_DEFER) {
	vstring_sprintf(text, "Error: %s", why);
    } else if (status & CLEANUP_STAT_BAD) {
	vstring_sprintf(text, "Error: internal error %d", status);
    } else if (status & CLEANUP_STAT_SIZE) {
	vstring_strcpy(text, "Error: message too large");
	code = QMQPD_STAT_HARD;
    } else if (status & CLEANUP_STAT_HOPS) {
	vstring_strcpy(text, "Error: too many hops");
	code = QMQPD_STAT_HARD;
    } else if (status & CLEANUP_STAT_CONT) {
	vstring_sprintf(text, "Error: %s", why);
	code = (why[0] == '4' ? QMQPD_STAT_RETRY : QMQPD_STAT_HARD);
    } else if (status & CLEANUP_STAT_WRITE) {
	vstring_strcpy(text, "Error: queue file write error");
    } else if (status & CLEANUP_STAT_RCPT) {
	vstring_strcpy(text, "Error: no recipients specified");
	code = QMQPD_STAT_HARD;
    } else {
	vstring_sprintf(text, "Error: internal error %d", status);
    }
    qmqpd_set_reply(core, code, vstring_str(text));
    if (code == QMQPD_STAT_OK) {
	qmqpd_send_reply(core, box);
	qmqpd_finish(core, box);
    } else {
	/* Stock logs the (possibly soft-bounced) reply text at warning level. */
	core_log(core->env, MSG_WARN, "%s: %s: %s", core->queue_id, core->namaddr,
		 vstring_str(text));
	qmqpd_delay_reply(core, now, box);
    }
    vstring_free(text);
}

QMQPD_CORE *qmqpd_core_create(const QMQPD_CONFIG *config, const CORE_ENV *env,
			              const QMQPD_SESSION *session)
{
    QMQPD_CORE *core = mycalloc(1, sizeof(*core));
    const char *name = session->client_name ? session->client_name : "unknown";
    const char *addr = session->client_addr ? session->client_addr : "unknown";
    const char *port = session->client_port ? session->client_port : "unknown";

    core->config = config;
    core->env = env;
    core->name = mystrdup(name);
    core->addr = mystrdup(addr);
    core->rfc_addr = mail_peer_rfc_addr(addr);
    core->port = mystrdup(port);
    core->addr_family = session->addr_family;
    core->namaddr = mail_peer_namaddr(name, addr, port, config->client_port_logging);
    core->format_date = session->format_date;
    core->date_ctx = session->date_ctx;
    core->state = QMQPD_ST_INIT;
    core->where = "receiving QMQP packet header";
    core->date = vstring_alloc(48);
    core->in = vstring_alloc(256);
    core->message = vstring_alloc(256);
    core->why = vstring_alloc(64);
    core->rec = vstring_alloc(256);
    core->reply = vstring_alloc(64);
    core->after_log = vstring_alloc(64);
    core->deadline = CORE_TIME_NEVER;
    return (core);
}

void    qmqpd_core_free(QMQPD_CORE *core)
{
    if (core == 0)
	return;
    myfree(core->name);
    myfree(core->addr);
    myfree(core->rfc_addr);
    myfree(core->port);
    myfree(core->namaddr);
    myfree(core->queue_id);
    myfree(core->sender);
    myfree(core->recipient);
    vstring_free(core->date);
    vstring_free(core->in);
    vstring_free(core->message);
    vstring_free(core->why);
    vstring_free(core->rec);
    vstring_free(core->reply);
    vstring_free(core->after_log);
    myfree(core);
}

bool    qmqpd_core_done(const QMQPD_CORE *core)
{
    return (core->state == QMQPD_ST_DONE);
}

/* qmqpd_start - log, check access, open the cleanup conversation */

static void qmqpd_start(QMQPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    VSTRING *text;

    core->arrival = core->env && core->env->wall_time ?
	core->env->wall_time(core->env->time_ctx, ev->now) : 0;
    if (core->format_date)
	core->format_date(core->date_ctx, core->arrival, core->date);
    else
	mail_date(core->date, core->arrival, 0, "UTC");
    core_log(core->env, MSG_INFO, "connect from %s", core->namaddr);
    if (!qmqpd_clients_match(core->config, core->env, core->name, core->addr)) {
	text = vstring_alloc(100);
	vstring_sprintf(text, "Error: %s is not authorized to use this service",
			core->namaddr);
	qmqpd_set_reply(core, QMQPD_STAT_HARD, vstring_str(text));
	vstring_free(text);
	qmqpd_delay_reply(core, ev->now, box);
	return;
    }
    core->state = QMQPD_ST_OPENING;
    core->cleanup_open = 1;
    qmqpd_request(box, CLEANUP_REQ_OPEN, core->config->cleanup_flags, "", 0);
}

/* qmqpd_opened - cleanup's answer to OPEN */

static void qmqpd_opened(QMQPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    if (ev->status != 0) {
	/* Stock exits here; the client sees the connection close. */
	core->cleanup_open = 0;
	core_log(core->env, MSG_WARN, "unable to connect to the public %s service",
		 CLEANUP_SERVICE);
	qmqpd_finish(core, box);
	return;
    }
    core->queue_id = mystrndup(ev->data ? ev->data : "", ev->data ? ev->len : 0);
    printable(core->queue_id, '?');
    core_log(core->env, MSG_INFO, "%s: client=%s", core->queue_id, core->namaddr);
    rec_fprintf(core->rec, REC_TYPE_TIME, "%lld %d", (long long) core->arrival, 0);
    if (*core->config->content_filter)
	rec_puts(core->rec, REC_TYPE_FILT, core->config->content_filter);
    core->state = QMQPD_ST_HEADER;
    core->where = "receiving QMQP packet header";
    qmqpd_timer(core, box, ev->now + core->config->timeout_ms);
    qmqpd_process(core, ev->now, box);
}

/* qmqpd_copy_sender - the S record; prefix@origin-@[] asks for VERP */

static void qmqpd_copy_sender(QMQPD_CORE *core, const char *data, size_t len)
{
    char   *buf = mystrndup(data, len);
    size_t  blen = strlen(buf);
    char   *end_origin;
    char   *at;
    char    delims[3] = "-=";
    int     verp = 0;

    if (blen > 4 && strcmp(end_origin = buf + blen - 4, "-@[]") == 0
	&& (at = strchr(buf, '@')) != 0 && at - 1 < end_origin - 2 && at - 1 > buf) {
	char   *end_prefix = at - 1;

	verp = 1;
	delims[0] = end_prefix[0];
	if (strchr(core->config->verp_delimiter_filter, delims[0]) == 0
	    || strchr(core->config->verp_delimiter_filter, delims[1]) == 0) {
	    core->err |= CLEANUP_STAT_CONT;
	    vstring_sprintf(core->why, "Invalid VERP delimiters: \"%s\". Need two characters from \"%s\"",
			    delims, core->config->verp_delimiter_filter);
	}
	memmove(end_prefix, end_prefix + 1, (size_t) (end_origin - end_prefix - 1));
	end_origin[-1] = 0;
    }
    if (core->err == 0) {
	rec_puts(core->rec, REC_TYPE_FROM, buf);
	if (verp)
	    rec_put(core->rec, REC_TYPE_VERP, delims, 2);
    }
    core->sender = buf;
}

/* qmqpd_write_attributes - session attributes, in stock's order */

static void qmqpd_write_attributes(QMQPD_CORE *core)
{
    VSTRING *rec = core->rec;

    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_NAME, core->name);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_ADDR, core->rfc_addr);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_PORT, core->port);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_ORIGIN, core->namaddr);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_PROTO_NAME, "QMQP");
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_NAME, core->name);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_ADDR, core->addr);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_PORT, core->port);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%d", "client_address_type", core->addr_family);
    rec_fprintf(rec, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_PROTO_NAME, "QMQP");
}

/* qmqpd_packet_done - the outer ',' arrived */

static void qmqpd_packet_done(QMQPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    QMQPD_CONTENT content;

    qmqpd_timer(core, box, CORE_TIME_NEVER);
    if (core->err == 0) {
	content.client_name = core->name;
	content.rfc_addr = core->rfc_addr;
	content.queue_id = core->queue_id;
	content.date = vstring_str(core->date);
	content.rcpt_count = core->rcpt_count;
	content.recipient = core->recipient;
	content.message = vstring_str(core->message);
	content.message_len = vstring_len(core->message);
	qmqpd_content_records(core->rec, core->config, &content);
	rec_put(core->rec, REC_TYPE_XTRA, "", 0);
	qmqpd_flush_records(core, box);
	qmqpd_request(box, CLEANUP_REQ_CLOSE, 0, "", 0);
	core->state = QMQPD_ST_CLOSING;
	core->where = "sending completion status";
    } else {
	qmqpd_abort(core, box);
	qmqpd_send_status(core, core->err, vstring_str(core->why), now, box);
    }
}

/* qmqpd_process - consume buffered client bytes as far as they go */

static void qmqpd_process(QMQPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    const char *data;
    size_t  data_len;
    size_t  used;
    NETSTRING_STATUS status;

    for (;;) {
	const char *buf = vstring_str(core->in) + core->in_off;
	size_t  avail = vstring_len(core->in) - core->in_off;

	if (core->state == QMQPD_ST_HEADER) {
	    /* Digits up to ':'; the value is read and ignored, as in stock. */
	    while (avail > 0 && *buf != ':') {
		if (*buf < '0' || *buf > '9' || (core->outer_digits == 1 && core->outer_len == 0)) {
		    qmqpd_protocol_error(core, NETSTRING_ERR_FORMAT, now, box);
		    return;
		}
		core->outer_len = core->outer_len * 10 + (*buf - '0');
		if (core->outer_len > QMQPD_OUTER_LEN_MAX) {
		    qmqpd_protocol_error(core, NETSTRING_ERR_SIZE, now, box);
		    return;
		}
		core->outer_digits++;
		buf++, avail--, core->in_off++;
	    }
	    if (avail == 0)
		break;
	    if (core->outer_digits == 0) {
		qmqpd_protocol_error(core, NETSTRING_ERR_FORMAT, now, box);
		return;
	    }
	    core->in_off++;			/* ':' */
	    core->state = QMQPD_ST_MESSAGE;
	    core->where = "receiving message content";
	    continue;
	}
	if (core->state == QMQPD_ST_RCPT && avail > 0 && *buf == ',') {
	    core->in_off++;
	    qmqpd_packet_done(core, now, box);
	    return;
	}
	if (core->state != QMQPD_ST_MESSAGE && core->state != QMQPD_ST_SENDER
	    && core->state != QMQPD_ST_RCPT)
	    return;
	status = netstring_parse(buf, avail, core->state == QMQPD_ST_MESSAGE ?
				 (core->config->message_size_limit ?
				  core->config->message_size_limit : (size_t) -1 / 2) :
				 core->config->line_length_limit,
				 &data, &data_len, &used);
	if (status == NETSTRING_NEED_MORE)
	    break;
	if (status != NETSTRING_OK) {
	    qmqpd_protocol_error(core, status, now, box);
	    return;
	}
	core->in_off += used;
	if (core->state == QMQPD_ST_MESSAGE) {
	    vstring_memcpy(core->message, data, data_len);
	    core->state = QMQPD_ST_SENDER;
	    core->where = "receiving sender address";
	} else if (core->state == QMQPD_ST_SENDER) {
	    qmqpd_copy_sender(core, data, data_len);
	    qmqpd_write_attributes(core);
	    core->state = QMQPD_ST_RCPT;
	    core->where = "receiving recipient address";
	} else {
	    if (core->err == 0)
		rec_put(core->rec, REC_TYPE_RCPT, data, data_len);
	    core->rcpt_count++;
	    if (core->recipient == 0)
		core->recipient = mystrndup(data, data_len);
	}
    }

    /* Everything buffered is used; drop it, or report a lost client. */
    if (core->in_off > 0 && core->in_off >= vstring_len(core->in) / 2) {
	size_t  rest = vstring_len(core->in) - core->in_off;

	memmove(vstring_str(core->in), vstring_str(core->in) + core->in_off, rest);
	vstring_truncate(core->in, rest);
	core->in_off = 0;
    }
    if (core->peer_eof)
	qmqpd_lost(core, "lost connection", box);
}

void    qmqpd_core_event(QMQPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    if (core->state == QMQPD_ST_DONE)
	return;
    vstring_reset(core->rec);			/* the driver drained the last batch */
    core->rec_sent = 0;

    switch (ev->type) {
    case CORE_EV_START:
	if (core->state == QMQPD_ST_INIT)
	    qmqpd_start(core, ev, box);
	break;
    case CORE_EV_BYTES:
	if (core->state == QMQPD_ST_INIT || core->state == QMQPD_ST_CLOSING
	    || core->state == QMQPD_ST_DELAY || core->peer_eof || ev->len == 0)
	    break;
	vstring_memcat(core->in, ev->data, ev->len);
	if (core->state == QMQPD_ST_OPENING)
	    break;
	qmqpd_timer(core, box, ev->now + core->config->timeout_ms);
	qmqpd_process(core, ev->now, box);
	break;
    case CORE_EV_PEER_CLOSED:
	if (core->peer_eof)
	    break;
	core->peer_eof = 1;
	if (core->state == QMQPD_ST_HEADER || core->state == QMQPD_ST_MESSAGE
	    || core->state == QMQPD_ST_SENDER || core->state == QMQPD_ST_RCPT)
	    qmqpd_process(core, ev->now, box);
	break;
    case CORE_EV_TIMER:
	if (ev->now < core->deadline)
	    break;				/* not due: an old timer */
	if (core->state == QMQPD_ST_DELAY) {
	    qmqpd_send_reply(core, box);
	    if (vstring_len(core->after_log) > 0)
		core_log(core->env, MSG_INFO, "%s", vstring_str(core->after_log));
	    qmqpd_finish(core, box);
	} else if (core->state == QMQPD_ST_HEADER || core->state == QMQPD_ST_MESSAGE
		   || core->state == QMQPD_ST_SENDER || core->state == QMQPD_ST_RCPT) {
	    qmqpd_lost(core, "read/write timeout", box);
	}
	break;
    case CORE_EV_REPLY:
	if (ev->id != QMQPD_CLEANUP_ID)
	    break;
	if (core->state == QMQPD_ST_OPENING) {
	    qmqpd_opened(core, ev, box);
	} else if (core->state == QMQPD_ST_CLOSING) {
	    VSTRING *why = vstring_alloc(64);

	    core->cleanup_open = 0;
	    vstring_memcpy(why, ev->data ? ev->data : "", ev->data ? ev->len : 0);
	    qmqpd_send_status(core, ev->status, vstring_str(why), ev->now, box);
	    vstring_free(why);
	}
	break;
    default:
	break;
    }
    if (core->state != QMQPD_ST_DONE)
	qmqpd_flush_records(core, box);
}
