/*
 * NAME
 *	sim_toy 3
 * SUMMARY
 *	toy cores for the simulator's own tests
 * DESCRIPTION
 *	"echo" is a line protocol in SMTP reply syntax: a 220 greeting, then
 *	per line "250 <line>", except
 *	    NOOP		250 Ok
 *	    MULTI n		an n-line 250 reply (1 <= n <= 20)
 *	    DATA		opens a conversation with the cleanup service
 *				(echo_cleanup_service, default "cleanup"),
 *				answers 354, sends the lines up to "." as
 *				records, answers "250 2.0.0 Ok: queued as ID"
 *				once cleanup reports the file durable, else
 *				451 4.3.0
 *	    QUIT		221 and close
 *	Idle time (echo_idle_timeout, seconds, default 300) ends the session
 *	with 421. Lines longer than 1000 bytes get 500.
 *
 *	"store" is a stand-in for cleanup: per conversation it creates a
 *	file in the incoming queue, appends the records, and on
 *	CLEANUP_REQ_CLOSE appends REC_TYPE_END, waits for every write, commits,
 *	and answers only after the commit result. "store_early_ack" is a
 *	deliberately broken copy that answers the close first and commits
 *	50 ms later, so that the crash checker has something to find.
 *
 *	"echo_per_read" is broken the other way: it answers every delivery
 *	of bytes instead of every line, so it behaves differently when the
 *	client's bytes arrive one at a time (the scenario runner must notice).
 *
 *	All are pure cores (core.h) and are held to the purity rules.
 */
#include <string.h>
#include <stdlib.h>

#include "mymalloc.h"
#include "stringops.h"
#include "cleanup_proto.h"
#include "record.h"
#include "simnet.h"

#define ECHO_LINE_MAX	1000

/* ---- echo ------------------------------------------------------------------ */

typedef enum ECHO_STATE {
    ECHO_CMD,				/* reading commands */
    ECHO_WAIT_OPEN,			/* DATA: waiting for the queue id */
    ECHO_BODY,				/* reading message lines */
    ECHO_WAIT_CLOSE,			/* waiting for the durable status */
    ECHO_DONE,
} ECHO_STATE;

typedef struct ECHO {
    const CORE_ENV *env;
    ECHO_STATE state;
    VSTRING *in;			/* unprocessed input */
    VSTRING *out;			/* reply being built */
    VSTRING *recs;			/* records of the current message */
    char   *qid;
    char   *cleanup;
    uint64_t conv;			/* current conversation id */
    core_time_ms idle_ms;
} ECHO;

static void *echo_create(MAIL_CONF *conf, const CORE_ENV *env,
			         const SIM_SESSION *session)
{
    ECHO   *ep = (ECHO *) mycalloc(1, sizeof(*ep));
    const char *val;

    ep->env = env;
    ep->in = vstring_alloc(256);
    ep->out = vstring_alloc(256);
    ep->recs = vstring_alloc(256);
    val = conf ? mail_conf_raw(conf, "echo_cleanup_service") : 0;
    ep->cleanup = mystrdup(val && *val ? val : CLEANUP_SERVICE);
    val = conf ? mail_conf_raw(conf, "echo_idle_timeout") : 0;
    ep->idle_ms = (val && alldig(val) ? atol(val) : 300) * 1000;
    return (ep);
}

static void echo_free(void *core)
{
    ECHO   *ep = (ECHO *) core;

    vstring_free(ep->in);
    vstring_free(ep->out);
    vstring_free(ep->recs);
    myfree(ep->qid);
    myfree(ep->cleanup);
    myfree(ep);
}

/* The outbox points into ep->out only until the next call: use a copy. */
static void echo_send(ECHO *ep, CORE_OUTBOX *box, const char *text)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_SEND);

    vstring_strcat(ep->out, text);
    act->data = 0;
    act->len = strlen(text);
    act->arg = (int64_t) (vstring_len(ep->out) - act->len);	/* offset */
}

/* Turns offsets into pointers once ep->out stops growing. */
static void echo_flush(ECHO *ep, CORE_OUTBOX *box)
{
    size_t  i;

    for (i = 0; i < box->count; i++) {
	if (box->actions[i].type == CORE_ACT_SEND && box->actions[i].data == 0) {
	    box->actions[i].data = vstring_str(ep->out) + box->actions[i].arg;
	    box->actions[i].arg = 0;
	}
    }
}

static void echo_timer(ECHO *ep, CORE_OUTBOX *box, core_time_ms deadline)
{
    core_outbox_push(box, CORE_ACT_TIMER)->deadline = deadline;
}

static void echo_request(ECHO *ep, CORE_OUTBOX *box, int op, const VSTRING *data)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_REQUEST);

    act->id = ep->conv;
    act->op = op;
    act->target = ep->cleanup;
    if (data) {
	act->data = vstring_str(data);
	act->len = vstring_len(data);
    }
}

static void echo_end(ECHO *ep, CORE_OUTBOX *box, const char *text)
{
    if (text)
	echo_send(ep, box, text);
    core_outbox_push(box, CORE_ACT_CLOSE);
    echo_timer(ep, box, CORE_TIME_NEVER);
    ep->state = ECHO_DONE;
}

static void echo_command(ECHO *ep, CORE_OUTBOX *box, char *line)
{
    VSTRING *buf;
    long    n, i;

    if (strcaseeq(line, "QUIT")) {
	echo_end(ep, box, "221 2.0.0 Bye\r\n");
    } else if (strcaseeq(line, "NOOP")) {
	echo_send(ep, box, "250 2.0.0 Ok\r\n");
    } else if (strncasecmp(line, "MULTI ", 6) == 0 && alldig(line + 6)
	       && (n = atol(line + 6)) >= 1 && n <= 20) {
	buf = vstring_alloc(32);
	for (i = 1; i <= n; i++) {
	    vstring_sprintf(buf, "250%cline %ld\r\n", i < n ? '-' : ' ', i);
	    echo_send(ep, box, vstring_str(buf));
	}
	vstring_free(buf);
    } else if (strcaseeq(line, "DATA")) {
	ep->conv++;
	vstring_reset(ep->recs);
	echo_request(ep, box, CLEANUP_REQ_OPEN, 0);
	ep->state = ECHO_WAIT_OPEN;
    } else {
	echo_send(ep, box, "250 ");
	echo_send(ep, box, line);
	echo_send(ep, box, "\r\n");
    }
}

static void echo_body_line(ECHO *ep, CORE_OUTBOX *box, char *line)
{
    if (strcmp(line, ".") == 0) {
	rec_puts(ep->recs, REC_TYPE_XTRA, "");
	echo_request(ep, box, CLEANUP_REQ_RECORDS, ep->recs);
	echo_request(ep, box, CLEANUP_REQ_CLOSE, 0);
	ep->state = ECHO_WAIT_CLOSE;
	return;
    }
    if (line[0] == '.')
	line++;
    rec_puts(ep->recs, REC_TYPE_NORM, line);
}

/* Handles complete lines until a request must be answered first. */
static void echo_input(ECHO *ep, CORE_OUTBOX *box, core_time_ms now)
{
    char   *nl, *line;
    size_t  len, consumed;
    int     seen = 0;

    while ((ep->state == ECHO_CMD || ep->state == ECHO_BODY)
	   && (nl = memchr(vstring_str(ep->in), '\n', vstring_len(ep->in))) != 0) {
	len = nl - vstring_str(ep->in);
	consumed = len + 1;
	line = mystrndup(vstring_str(ep->in), len);
	if (len > 0 && line[len - 1] == '\r')
	    line[--len] = 0;
	memmove(vstring_str(ep->in), vstring_str(ep->in) + consumed,
		vstring_len(ep->in) - consumed);
	vstring_truncate(ep->in, vstring_len(ep->in) - consumed);
	seen = 1;
	if (len > ECHO_LINE_MAX)
	    echo_send(ep, box, "500 5.5.0 Line too long\r\n");
	else if (ep->state == ECHO_CMD)
	    echo_command(ep, box, line);
	else
	    echo_body_line(ep, box, line);
	myfree(line);
    }
    if (vstring_len(ep->in) > 4 * ECHO_LINE_MAX) {
	echo_end(ep, box, "500 5.5.0 Line too long\r\n");
	return;
    }
    if (seen && ep->state != ECHO_DONE)
	echo_timer(ep, box, now + ep->idle_ms);
}

static void echo_event(void *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    ECHO   *ep = (ECHO *) core;

    vstring_reset(ep->out);
    if (ep->state == ECHO_DONE)
	return;
    switch (ev->type) {
    case CORE_EV_START:
	echo_send(ep, box, "220 echo.example ESMTP toy\r\n");
	echo_timer(ep, box, ev->now + ep->idle_ms);
	break;
    case CORE_EV_BYTES:
	vstring_memcat(ep->in, ev->data, ev->len);
	echo_input(ep, box, ev->now);
	break;
    case CORE_EV_PEER_CLOSED:
	if (ep->state != ECHO_CMD)
	    echo_request(ep, box, CLEANUP_REQ_ABORT, 0);
	echo_end(ep, box, 0);
	break;
    case CORE_EV_TIMER:
	core_log(ep->env, MSG_INFO, "timeout after %s", ep->state == ECHO_CMD ?
		 "command" : "data");
	if (ep->state != ECHO_CMD)
	    echo_request(ep, box, CLEANUP_REQ_ABORT, 0);
	echo_end(ep, box, "421 4.4.2 echo.example Error: timeout exceeded\r\n");
	break;
    case CORE_EV_REPLY:
	if (ev->id != ep->conv)
	    break;
	if (ep->state == ECHO_WAIT_OPEN) {
	    if (ev->status != 0) {
		echo_send(ep, box, "451 4.3.0 Error: queue file write error\r\n");
		ep->state = ECHO_CMD;
	    } else {
		myfree(ep->qid);
		ep->qid = mystrndup(ev->data ? ev->data : "", ev->len);
		rec_puts(ep->recs, REC_TYPE_FROM, "sender@example");
		rec_puts(ep->recs, REC_TYPE_RCPT, "rcpt@example");
		rec_puts(ep->recs, REC_TYPE_MESG, "");
		echo_send(ep, box, "354 End data with <CR><LF>.<CR><LF>\r\n");
		ep->state = ECHO_BODY;
	    }
	} else if (ep->state == ECHO_WAIT_CLOSE) {
	    if (ev->status == 0) {
		echo_send(ep, box, "250 2.0.0 Ok: queued as ");
		echo_send(ep, box, ep->qid);
		echo_send(ep, box, "\r\n");
	    } else {
		echo_send(ep, box, "451 4.3.0 Error: queue file write error\r\n");
	    }
	    ep->state = ECHO_CMD;
	}
	echo_input(ep, box, ev->now);
	break;
    default:
	break;
    }
    echo_flush(ep, box);
}

const SIM_CORE_OPS sim_toy_echo_ops = {
    "echo", echo_create, echo_event, echo_free,
};

/* ---- echo_per_read ----------------------------------------------------------- */

typedef struct PER_READ {
    VSTRING *out;
} PER_READ;

static void *per_read_create(MAIL_CONF *conf, const CORE_ENV *env,
			             const SIM_SESSION *session)
{
    PER_READ *pp = (PER_READ *) mymalloc(sizeof(*pp));

    pp->out = vstring_alloc(64);
    return (pp);
}

static void per_read_free(void *core)
{
    PER_READ *pp = (PER_READ *) core;

    vstring_free(pp->out);
    myfree(pp);
}

static void per_read_event(void *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    PER_READ *pp = (PER_READ *) core;
    CORE_ACTION *act;

    if (ev->type == CORE_EV_START)
	vstring_strcpy(pp->out, "220 per-read toy\r\n");
    else if (ev->type == CORE_EV_BYTES)
	vstring_sprintf(pp->out, "250 got %zu bytes\r\n", ev->len);
    else
	return;
    act = core_outbox_push(box, CORE_ACT_SEND);
    act->data = vstring_str(pp->out);
    act->len = vstring_len(pp->out);
}

const SIM_CORE_OPS sim_toy_echo_per_read_ops = {
    "echo_per_read", per_read_create, per_read_event, per_read_free,
};

/* ---- store ------------------------------------------------------------------ */

#define STORE_OP_CREATE	1		/* file op ids */
#define STORE_OP_WRITE	2
#define STORE_OP_COMMIT	3
#define STORE_OP_ABORT	4

typedef struct STORE {
    int     early_ack;			/* the broken variant */
    char   *qid;
    VSTRING *end;			/* REC_TYPE_END record */
    uint64_t open_id;
    uint64_t close_id;
    int     pending;			/* writes without a result */
    int     error;
    int     closing;			/* CLOSE seen, commit not yet issued */
    int     committed;
    int     finished;
} STORE;

static void *store_create_common(int early_ack)
{
    STORE  *sp = (STORE *) mycalloc(1, sizeof(*sp));

    sp->early_ack = early_ack;
    sp->end = vstring_alloc(8);
    rec_puts(sp->end, REC_TYPE_END, "");
    return (sp);
}

static void *store_create(MAIL_CONF *conf, const CORE_ENV *env,
			          const SIM_SESSION *session)
{
    return (store_create_common(0));
}

static void *store_early_create(MAIL_CONF *conf, const CORE_ENV *env,
				        const SIM_SESSION *session)
{
    return (store_create_common(1));
}

static void store_free(void *core)
{
    STORE  *sp = (STORE *) core;

    myfree(sp->qid);
    vstring_free(sp->end);
    myfree(sp);
}

static CORE_ACTION *store_file_op(STORE *sp, CORE_OUTBOX *box, int op, uint64_t id)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_FILE_OP);

    act->op = op;
    act->id = id;
    act->target = sp->qid;
    return (act);
}

static void store_reply(STORE *sp, CORE_OUTBOX *box, uint64_t id, int status,
			        const char *data)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_REPLY);

    act->id = id;
    act->status = status;
    act->data = data ? data : "";
    act->len = strlen(act->data);
}

static void store_finish(STORE *sp, CORE_OUTBOX *box)
{
    sp->finished = 1;
    core_outbox_push(box, CORE_ACT_CLOSE);
}

/* After the last write of a closing file: commit, or give up. */
static void store_maybe_commit(STORE *sp, CORE_OUTBOX *box, core_time_ms now)
{
    if (!sp->closing || sp->pending > 0)
	return;
    sp->closing = 0;
    if (sp->error) {
	store_file_op(sp, box, CORE_FILE_ABORT, STORE_OP_ABORT);
	if (!sp->early_ack)
	    store_reply(sp, box, sp->close_id, CLEANUP_STAT_WRITE, "queue file write error");
	store_finish(sp, box);
	return;
    }
    if (sp->early_ack) {
	/* Wrong on purpose: the commit waits for a timer. */
	core_outbox_push(box, CORE_ACT_TIMER)->deadline = now + 50;
	return;
    }
    store_file_op(sp, box, CORE_FILE_COMMIT, STORE_OP_COMMIT);
}

static void store_event(void *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    STORE  *sp = (STORE *) core;
    CORE_ACTION *act;

    if (sp->finished)
	return;
    switch (ev->type) {
    case CORE_EV_REQUEST:
	switch (ev->op) {
	case CLEANUP_REQ_OPEN:
	    if (sp->qid != 0 || sp->open_id != 0) {
		store_reply(sp, box, ev->id, CLEANUP_STAT_BAD, "duplicate open");
		break;
	    }
	    sp->open_id = ev->id;
	    act = store_file_op(sp, box, CORE_FILE_CREATE, STORE_OP_CREATE);
	    act->target = "incoming";
	    break;
	case CLEANUP_REQ_RECORDS:
	    if (sp->qid == 0 || sp->error)
		break;
	    act = store_file_op(sp, box, CORE_FILE_APPEND, STORE_OP_WRITE);
	    act->data = ev->data;
	    act->len = ev->len;
	    sp->pending++;
	    break;
	case CLEANUP_REQ_CLOSE:
	    sp->close_id = ev->id;
	    if (sp->qid == 0) {
		store_reply(sp, box, ev->id, CLEANUP_STAT_BAD, "no open file");
		store_finish(sp, box);
		break;
	    }
	    if (!sp->error) {
		act = store_file_op(sp, box, CORE_FILE_APPEND, STORE_OP_WRITE);
		act->data = vstring_str(sp->end);
		act->len = vstring_len(sp->end);
		sp->pending++;
	    }
	    if (sp->early_ack)
		store_reply(sp, box, ev->id, CLEANUP_STAT_OK, "");
	    sp->closing = 1;
	    store_maybe_commit(sp, box, ev->now);
	    break;
	case CLEANUP_REQ_ABORT:
	    if (sp->qid != 0 && !sp->committed)
		store_file_op(sp, box, CORE_FILE_ABORT, STORE_OP_ABORT);
	    store_finish(sp, box);
	    break;
	default:
	    store_reply(sp, box, ev->id, CLEANUP_STAT_BAD, "unknown request");
	    break;
	}
	break;
    case CORE_EV_FILE_RESULT:
	switch (ev->id) {
	case STORE_OP_CREATE:
	    if (ev->status != 0) {
		store_reply(sp, box, sp->open_id, CLEANUP_STAT_WRITE, "");
		store_finish(sp, box);
		break;
	    }
	    sp->qid = mystrndup(ev->data ? ev->data : "", ev->len);
	    store_reply(sp, box, sp->open_id, 0, sp->qid);
	    break;
	case STORE_OP_WRITE:
	    sp->pending--;
	    if (ev->status != 0)
		sp->error = 1;
	    store_maybe_commit(sp, box, ev->now);
	    break;
	case STORE_OP_COMMIT:
	    sp->committed = (ev->status == 0);
	    if (!sp->early_ack)
		store_reply(sp, box, sp->close_id,
			    ev->status == 0 ? CLEANUP_STAT_OK : CLEANUP_STAT_WRITE,
			    ev->status == 0 ? "" : "queue file write error");
	    store_finish(sp, box);
	    break;
	default:
	    break;
	}
	break;
    case CORE_EV_TIMER:
	if (sp->early_ack)
	    store_file_op(sp, box, CORE_FILE_COMMIT, STORE_OP_COMMIT);
	break;
    default:
	break;
    }
}

const SIM_CORE_OPS sim_toy_store_ops = {
    "store", store_create, store_event, store_free,
};

const SIM_CORE_OPS sim_toy_store_early_ack_ops = {
    "store_early_ack", store_early_create, store_event, store_free,
};
