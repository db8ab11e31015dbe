/*
 * NAME
 *	cleanup_wire 3
 * SUMMARY
 *	cleanup's stream protocol around the cleanup core
 * DESCRIPTION
 *	On a socket, a cleanup conversation is stock's byte stream: cleanup
 *	speaks first with an attribute list (protocol, queue_id), the client
 *	answers with its flags, sends queue-file records and ends with an
 *	END record; cleanup answers with status and reason and the stream
 *	ends. The core speaks in requests (cleanup_proto.h). This layer
 *	translates between the two, without I/O, so the production shim and
 *	tests share it:
 *
 *	- the connection start becomes CLEANUP_REQ_OPEN (flags 0: the flags
 *	  arrive only after the queue id was sent, and the core does not
 *	  act on them yet);
 *	- the flags list is read and checked, then records are passed on as
 *	  CLEANUP_REQ_RECORDS, and the END record becomes CLEANUP_REQ_CLOSE;
 *	- a client that goes away first causes CLEANUP_REQ_ABORT;
 *	- the core's replies become attribute lists sent to the client, and
 *	  the close reply also closes the stream.
 */
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "attr.h"
#include "record.h"
#include "cleanup_proto.h"
#include "cleanup.h"

#define CLEANUP_WIRE_ID		1	/* the one conversation per stream */
#define CLEANUP_WIRE_BUFS	4	/* reply encodings alive per call */

typedef enum CLEANUP_WIRE_STATE {
    CLEANUP_WIRE_OPENING,		/* waiting for the core's queue id */
    CLEANUP_WIRE_FLAGS,			/* reading the client's flags */
    CLEANUP_WIRE_RECORDS,		/* passing records on */
    CLEANUP_WIRE_CLOSING,		/* END seen, waiting for the status */
    CLEANUP_WIRE_DONE,
} CLEANUP_WIRE_STATE;

struct CLEANUP_WIRE {
    CLEANUP_CORE *core;
    const CORE_ENV *env;
    CLEANUP_WIRE_STATE state;
    ATTR_SCANNER *flags;
    REC_READER *reader;
    VSTRING *pending;			/* client bytes before the flags are due */
    VSTRING *records;			/* records for one RECORDS request */
    VSTRING *bufs[CLEANUP_WIRE_BUFS];
    int     next_buf;
    VSTRING **stash;			/* action data copied this event */
    size_t  stash_used;
    size_t  stash_cap;
};

CLEANUP_WIRE *cleanup_wire_create(const CLEANUP_CONFIG *cfg, const CORE_ENV *env)
{
    CLEANUP_WIRE *wire = (CLEANUP_WIRE *) mymalloc(sizeof(*wire));
    int     i;

    wire->core = cleanup_core_create(cfg, env);
    wire->env = env;
    wire->state = CLEANUP_WIRE_OPENING;
    wire->flags = attr_scanner_create(attr_cleanup_open_request, (ATTR_LIMITS *) 0);
    wire->reader = rec_reader_create(REC_LEN_MAX);
    wire->pending = vstring_alloc(256);
    wire->records = vstring_alloc(4096);
    for (i = 0; i < CLEANUP_WIRE_BUFS; i++)
	wire->bufs[i] = vstring_alloc(100);
    wire->next_buf = 0;
    wire->stash = 0;
    wire->stash_used = wire->stash_cap = 0;
    return (wire);
}

void    cleanup_wire_free(CLEANUP_WIRE *wire)
{
    int     i;

    cleanup_core_free(wire->core);
    attr_scanner_free(wire->flags);
    rec_reader_free(wire->reader);
    vstring_free(wire->pending);
    vstring_free(wire->records);
    for (i = 0; i < CLEANUP_WIRE_BUFS; i++)
	vstring_free(wire->bufs[i]);
    for (i = 0; i < (int) wire->stash_cap; i++)
	vstring_free(wire->stash[i]);
    myfree(wire->stash);
    myfree(wire);
}

int     cleanup_wire_done(const CLEANUP_WIRE *wire)
{
    return (wire->state == CLEANUP_WIRE_DONE);
}

const char *cleanup_wire_queue_id(const CLEANUP_WIRE *wire)
{
    return (cleanup_core_queue_id(wire->core));
}

/*
 * cleanup_wire_request - hand one request to the core. One stream event
 * may need several core calls (records, then close), but action data
 * belongs to the core only until its next call: copy what this call
 * produced so the driver still finds it intact.
 */
static void cleanup_wire_request(CLEANUP_WIRE *wire, core_time_ms now, int op,
				         const char *data, size_t len, CORE_OUTBOX *out)
{
    CORE_EVENT ev;
    size_t  first = out->count, i;
    CORE_ACTION *act;

    memset(&ev, 0, sizeof(ev));
    ev.type = CORE_EV_REQUEST;
    ev.now = now;
    ev.id = CLEANUP_WIRE_ID;
    ev.op = op;
    ev.data = data;
    ev.len = len;
    cleanup_core_event(wire->core, &ev, out);
    for (i = first; i < out->count; i++) {
	act = out->actions + i;
	if (act->data != 0 && act->len > 0) {
	    if (wire->stash_used == wire->stash_cap) {
		wire->stash = (VSTRING **) myrealloc(wire->stash,
				 (wire->stash_cap + 4) * sizeof(*wire->stash));
		while (wire->stash_cap < wire->stash_used + 4)
		    wire->stash[wire->stash_cap++] = vstring_alloc(256);
	    }
	    vstring_memcpy(wire->stash[wire->stash_used], act->data, act->len);
	    act->data = vstring_str(wire->stash[wire->stash_used++]);
	}
    }
}

/* cleanup_wire_fail - a protocol error: drop the message and the stream */

static void cleanup_wire_fail(CLEANUP_WIRE *wire, core_time_ms now,
			              const char *why, CORE_OUTBOX *out)
{
    core_log(wire->env, MSG_WARN, "cleanup stream: %s", why);
    if (wire->state != CLEANUP_WIRE_DONE) {
	cleanup_wire_request(wire, now, CLEANUP_REQ_ABORT, "", 0, out);
	wire->state = CLEANUP_WIRE_DONE;
	core_outbox_push(out, CORE_ACT_CLOSE);
    }
}

/* cleanup_wire_records - pass whole records on; END closes */

static void cleanup_wire_records(CLEANUP_WIRE *wire, core_time_ms now,
				         CORE_OUTBOX *out)
{
    REC_RECORD rec;
    int     type;

    vstring_reset(wire->records);
    while ((type = rec_reader_get(wire->reader, &rec)) >= 0) {
	if (type == REC_TYPE_END) {
	    if (vstring_len(wire->records) > 0)
		cleanup_wire_request(wire, now, CLEANUP_REQ_RECORDS,
			 vstring_str(wire->records), vstring_len(wire->records), out);
	    wire->state = CLEANUP_WIRE_CLOSING;
	    cleanup_wire_request(wire, now, CLEANUP_REQ_CLOSE, "", 0, out);
	    return;
	}
	rec_put(wire->records, type, rec.data, rec.len);
    }
    if (vstring_len(wire->records) > 0)
	cleanup_wire_request(wire, now, CLEANUP_REQ_RECORDS,
			 vstring_str(wire->records), vstring_len(wire->records), out);
    if (type != REC_GET_MORE)
	cleanup_wire_fail(wire, now, "malformed record", out);
}

/* cleanup_wire_bytes - client bytes: flags first, then records */

static void cleanup_wire_bytes(CLEANUP_WIRE *wire, core_time_ms now,
			               const char *data, size_t len, CORE_OUTBOX *out)
{
    VSTRING *err;
    size_t  used = 0;
    ATTR_STATUS status;

    switch (wire->state) {
    case CLEANUP_WIRE_OPENING:
	vstring_memcat(wire->pending, data, len);
	return;
    case CLEANUP_WIRE_FLAGS:
	err = vstring_alloc(100);
	status = attr_scanner_feed(wire->flags, data, len, &used, err);
	if (status == ATTR_ERROR)
	    cleanup_wire_fail(wire, now, vstring_str(err), out);
	vstring_free(err);
	if (status != ATTR_OK)
	    return;
	wire->state = CLEANUP_WIRE_RECORDS;
	data += used;
	len -= used;
	/* FALLTHROUGH */
    case CLEANUP_WIRE_RECORDS:
	if (len > 0) {
	    rec_reader_feed(wire->reader, data, len);
	    cleanup_wire_records(wire, now, out);
	}
	return;
    case CLEANUP_WIRE_CLOSING:
    case CLEANUP_WIRE_DONE:
	return;				/* nothing may follow the END record */
    }
}

/* cleanup_wire_encode - a buffer for one reply, valid until the next call */

static VSTRING *cleanup_wire_buf(CLEANUP_WIRE *wire)
{
    VSTRING *buf = wire->bufs[wire->next_buf];

    wire->next_buf = (wire->next_buf + 1) % CLEANUP_WIRE_BUFS;
    return (vstring_reset(buf));
}

/*
 * cleanup_wire_replies - the core's replies become attribute lists. Runs
 * over the actions this call added, from index first on.
 */
static void cleanup_wire_replies(CLEANUP_WIRE *wire, core_time_ms now,
				         CORE_OUTBOX *out, size_t first)
{
    size_t  i, count = out->count;
    CORE_ACTION *act;
    VSTRING *buf;
    const char *pending;
    size_t  pending_len;

    for (i = first; i < count; i++) {
	act = out->actions + i;
	if (act->type != CORE_ACT_REPLY)
	    continue;
	buf = cleanup_wire_buf(wire);
	if (wire->state == CLEANUP_WIRE_OPENING) {
	    if (act->status != 0) {
		/* No queue file: stock's cleanup gives up on the stream. */
		act->type = CORE_ACT_CLOSE;
		wire->state = CLEANUP_WIRE_DONE;
		continue;
	    }
	    attr_print_str(buf, ATTR_NAME_PROTOCOL, ATTR_PROTO_CLEANUP);
	    attr_print_str(buf, ATTR_NAME_QUEUE_ID, act->data ? act->data : "");
	    attr_print_end(buf);
	    wire->state = CLEANUP_WIRE_FLAGS;
	} else {
	    attr_print_int(buf, ATTR_NAME_STATUS, (unsigned) act->status);
	    attr_print_str(buf, ATTR_NAME_REASON, act->data ? act->data : "");
	    attr_print_end(buf);
	    wire->state = CLEANUP_WIRE_DONE;
	    core_outbox_push(out, CORE_ACT_CLOSE);
	    act = out->actions + i;		/* the push may move the array */
	}
	act->type = CORE_ACT_SEND;
	act->data = vstring_str(buf);
	act->len = vstring_len(buf);
    }
    /* Bytes that came before the queue id was sent are now due. */
    if (wire->state == CLEANUP_WIRE_FLAGS && vstring_len(wire->pending) > 0) {
	pending_len = vstring_len(wire->pending);
	pending = mymemdup(vstring_str(wire->pending), pending_len);
	vstring_reset(wire->pending);
	first = out->count;
	cleanup_wire_bytes(wire, now, pending, pending_len, out);
	myfree((void *) pending);
	cleanup_wire_replies(wire, now, out, first);
    }
}

void    cleanup_wire_event(CLEANUP_WIRE *wire, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    size_t  first = out->count;

    wire->stash_used = 0;			/* the driver is done with them */
    switch (ev->type) {
    case CORE_EV_START:
	cleanup_core_event(wire->core, ev, out);
	cleanup_wire_request(wire, ev->now, CLEANUP_REQ_OPEN, "", 0, out);
	break;
    case CORE_EV_BYTES:
	cleanup_wire_bytes(wire, ev->now, ev->data, ev->len, out);
	break;
    case CORE_EV_PEER_CLOSED:
	if (wire->state != CLEANUP_WIRE_DONE && wire->state != CLEANUP_WIRE_CLOSING) {
	    cleanup_wire_request(wire, ev->now, CLEANUP_REQ_ABORT, "", 0, out);
	    wire->state = CLEANUP_WIRE_DONE;
	    core_outbox_push(out, CORE_ACT_CLOSE);
	}
	break;
    default:
	cleanup_core_event(wire->core, ev, out);
	break;
    }
    cleanup_wire_replies(wire, ev->now, out, first);
}
