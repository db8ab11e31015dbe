/*
 * NAME
 *	cleanup_core 3
 * SUMMARY
 *	cleanup core: conversation, file actions and replies
 * DESCRIPTION
 *	One core object serves one message conversation. Records may be
 *	split across RECORDS requests at any byte; the incomplete tail is
 *	kept until the rest arrives. Output records of one call go out as
 *	one APPEND. At CLOSE the core appends END, patches the SIZE record,
 *	waits until every earlier file action has succeeded, commits, and
 *	only then replies. Any failure, rejection or protocol error aborts
 *	the file: nothing incomplete is ever committed.
 */
#include <stdarg.h>
#include <string.h>

#include "mymalloc.h"
#include "record.h"
#include "cleanup_proto.h"
#include "cleanup_int.h"

CLEANUP_CORE *cleanup_core_create(const CLEANUP_CONFIG *cfg, const CORE_ENV *env)
{
    CLEANUP_CORE *core = (CLEANUP_CORE *) mycalloc(1, sizeof(*core));

    core->cfg = cfg;
    core->env = env;
    cleanup_config_rewrite(cfg, &core->rw);
    core->state = CLEANUP_S_IDLE;
    core->next_op_id = 1;
    core->queue_id = mystrdup("");
    core->inbuf = vstring_alloc(256);
    core->obuf = vstring_alloc(1024);
    core->patch = vstring_alloc(100);
    core->reply = vstring_alloc(64);
    core->hdr_context = REWRITE_ADDR_LOCAL;
    core->pend_notify = -1;
    core->dups = htable_create(16);
    core->line = vstring_alloc(256);
    core->hdr = vstring_alloc(256);
    core->tmp = vstring_alloc(256);
    core->tmp2 = vstring_alloc(256);
    cleanup_message_init(core);
    return (core);
}

void    cleanup_core_free(CLEANUP_CORE *core)
{
    if (core == 0)
	return;
    myfree(core->queue_id);
    vstring_free(core->inbuf);
    vstring_free(core->obuf);
    vstring_free(core->patch);
    vstring_free(core->reply);
    myfree(core->sender);
    myfree(core->fullname);
    myfree(core->pend_orcp);
    myfree(core->pend_dsn_orcpt);
    htable_free(core->dups, 0);
    vstring_free(core->line);
    vstring_free(core->hdr);
    vstring_free(core->tmp);
    vstring_free(core->tmp2);
    cleanup_message_free(core);
    myfree(core);
}

bool    cleanup_core_done(const CLEANUP_CORE *core)
{
    return (core->state == CLEANUP_S_DONE && !core->file_open);
}

const char *cleanup_core_queue_id(const CLEANUP_CORE *core)
{
    return (core->queue_id);
}

void    cleanup_protocol_error(CLEANUP_CORE *core, const char *fmt,...)
{
    VSTRING *why = vstring_alloc(100);
    va_list ap;

    if ((core->errs & CLEANUP_STAT_BAD) == 0) {
	va_start(ap, fmt);
	vstring_vsprintf(why, fmt, ap);
	va_end(ap);
	core_log(core->env, MSG_WARN, "%s: %s", *core->queue_id ? core->queue_id :
		 "cleanup", vstring_str(why));
    }
    vstring_free(why);
    core->errs |= CLEANUP_STAT_BAD;
}

void    cleanup_out(CLEANUP_CORE *core, int type, const char *data, size_t len)
{
    size_t  before = vstring_len(core->obuf);
    long    limit = core->cfg->message_size_limit;

    if (core->errs != 0)
	return;
    rec_put(core->obuf, type, data, len);
    core->offset += (int64_t) (vstring_len(core->obuf) - before);
    if (core->section == CLEANUP_SEC_CONTENT && limit > 0
	&& core->offset - core->data_offset > limit)
	core->errs |= CLEANUP_STAT_SIZE;
}

/* Emits a file action on the queue file. */
static CORE_ACTION *cleanup_file_op(CLEANUP_CORE *core, CORE_OUTBOX *out, int op)
{
    CORE_ACTION *act = core_outbox_push(out, CORE_ACT_FILE_OP);

    act->id = core->next_op_id++;
    act->op = op;
    act->target = op == CORE_FILE_CREATE ? CLEANUP_QUEUE_INCOMING : core->queue_id;
    return (act);
}

static void cleanup_reply(CLEANUP_CORE *core, CORE_OUTBOX *out, int status, const char *text)
{
    CORE_ACTION *act = core_outbox_push(out, CORE_ACT_REPLY);

    vstring_strcpy(core->reply, text);
    act->id = core->req_id;
    act->status = status;
    act->data = vstring_str(core->reply);
    act->len = vstring_len(core->reply);
}

/* Removes the incomplete file, if any. */
static void cleanup_abort_file(CLEANUP_CORE *core, CORE_OUTBOX *out)
{
    if (core->file_open) {
	core->file_open = false;
	cleanup_file_op(core, out, CORE_FILE_ABORT);
    }
}

static const char *cleanup_reject_text(int errs)
{
    if (errs & CLEANUP_STAT_HOPS)
	return ("hopcount exceeded");
    if (errs & CLEANUP_STAT_SIZE)
	return ("message file too big");
    if (errs & CLEANUP_STAT_RCPT)
	return ("no recipients specified");
    return (0);
}

/* Final answer to CLOSE after a failure or rejection. */
static void cleanup_fail(CLEANUP_CORE *core, CORE_OUTBOX *out)
{
    const char *what;

    cleanup_abort_file(core, out);
    if ((what = cleanup_reject_text(core->errs)) != 0
	&& (core->errs & (CLEANUP_STAT_BAD | CLEANUP_STAT_WRITE)) == 0)
	core_log(core->env, MSG_WARN, "%s: message rejected: %s", core->queue_id, what);
    if (core->closed && core->state != CLEANUP_S_DONE) {
	cleanup_reply(core, out, core->errs, "");
	core->state = CLEANUP_S_DONE;
    }
}

/* Decodes and handles every complete record in inbuf. */
static void cleanup_records(CLEANUP_CORE *core)
{
    const char *buf = vstring_str(core->inbuf);
    size_t  len = vstring_len(core->inbuf);
    size_t  pos = 0;
    REC_RECORD rec;
    int     type;

    while (pos < len && (core->errs & CLEANUP_STAT_BAD) == 0) {
	type = rec_decode(buf + pos, len - pos, CLEANUP_REC_LIMIT, &rec);
	if (type == REC_GET_MORE)
	    break;
	if (type < 0) {
	    cleanup_protocol_error(core, "malformed record");
	    break;
	}
	pos += rec.size;
	if (type == REC_TYPE_END) {
	    /* A real stream ends with END; CLOSE says the same. */
	    continue;
	}
	if (core->section == CLEANUP_SEC_ENVELOPE)
	    cleanup_envelope(core, type, rec.data, rec.len);
	else
	    cleanup_message(core, type, rec.data, rec.len);
    }
    if (core->errs & CLEANUP_STAT_BAD)
	vstring_reset(core->inbuf);
    else if (pos > 0) {
	memmove(vstring_str(core->inbuf), buf + pos, len - pos);
	vstring_truncate(core->inbuf, len - pos);
	vstring_str(core->inbuf)[len - pos] = 0;
    }
}

/* Appends this call's records, if any. */
static void cleanup_flush(CLEANUP_CORE *core, CORE_OUTBOX *out)
{
    CORE_ACTION *act;

    if (core->errs != 0 || vstring_len(core->obuf) == 0)
	return;
    act = cleanup_file_op(core, out, CORE_FILE_APPEND);
    act->data = vstring_str(core->obuf);
    act->len = vstring_len(core->obuf);
    core->pending++;
}

/* CLOSE seen and records consumed: finish or fail. */
static void cleanup_finish(CLEANUP_CORE *core, CORE_OUTBOX *out)
{
    CORE_ACTION *act;

    if (core->errs == 0 && vstring_len(core->inbuf) != 0)
	cleanup_protocol_error(core, "truncated record at end of stream");
    if (core->errs == 0 && core->section != CLEANUP_SEC_EXTRACTED)
	cleanup_protocol_error(core, "premature end of message");
    if (core->errs == 0 && core->rcpt_count == 0)
	core->errs |= CLEANUP_STAT_RCPT;
    if (core->errs != 0) {
	cleanup_fail(core, out);
	return;
    }
    cleanup_out(core, REC_TYPE_END, "", 0);
    cleanup_flush(core, out);
    cleanup_envelope_size(core, core->patch);
    act = cleanup_file_op(core, out, CORE_FILE_PATCH);
    act->arg = 0;
    act->data = vstring_str(core->patch);
    act->len = vstring_len(core->patch);
    core->pending++;
}

static void cleanup_request(CLEANUP_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    if (ev->op == CLEANUP_REQ_OPEN) {
	if (core->state != CLEANUP_S_IDLE) {
	    core_log(core->env, MSG_WARN, "cleanup: unexpected open request");
	    return;
	}
	core->have_req_id = true;
	core->req_id = ev->id;
	core->flags = ev->arg;
	core->create_id = cleanup_file_op(core, out, CORE_FILE_CREATE)->id;
	core->state = CLEANUP_S_CREATING;
	return;
    }
    if (!core->have_req_id || ev->id != core->req_id || core->state == CLEANUP_S_DONE
	|| core->closed) {
	core_log(core->env, MSG_WARN, "cleanup: unexpected request %d", ev->op);
	return;
    }
    switch (ev->op) {
    case CLEANUP_REQ_RECORDS:
	if (core->errs & CLEANUP_STAT_BAD)
	    break;
	if (vstring_len(core->inbuf) + ev->len > CLEANUP_REC_LIMIT + 16) {
	    cleanup_protocol_error(core, "record too long");
	    break;
	}
	vstring_memcat(core->inbuf, ev->data, ev->len);
	if (core->state == CLEANUP_S_OPEN)
	    cleanup_records(core);
	break;
    case CLEANUP_REQ_CLOSE:
	core->closed = true;
	if (core->state == CLEANUP_S_OPEN && core->pending == 0 && core->commit_id == 0
	    && (core->errs & CLEANUP_STAT_WRITE) != 0)
	    cleanup_fail(core, out);
	else if (core->state == CLEANUP_S_OPEN)
	    cleanup_finish(core, out);
	break;
    case CLEANUP_REQ_ABORT:
	cleanup_abort_file(core, out);
	core->state = CLEANUP_S_DONE;
	break;
    default:
	cleanup_protocol_error(core, "unknown request %d", ev->op);
	break;
    }
    if (core->errs & (CLEANUP_STAT_BAD | CLEANUP_STAT_WRITE))
	cleanup_abort_file(core, out);
}

static void cleanup_file_result(CLEANUP_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    CORE_ACTION *act;

    if (core->state == CLEANUP_S_CREATING && ev->id == core->create_id) {
	if (ev->status != 0 || ev->len == 0) {
	    core_log(core->env, MSG_WARN, "cleanup: queue file create failed: status %d",
		     ev->status);
	    core->errs |= CLEANUP_STAT_WRITE;
	    cleanup_reply(core, out, CLEANUP_STAT_WRITE, "");
	    core->state = CLEANUP_S_DONE;
	    return;
	}
	myfree(core->queue_id);
	core->queue_id = mystrndup(ev->data, ev->len);
	core->file_open = true;
	core->ctime = core->env->wall_time ?
	    core->env->wall_time(core->env->time_ctx, ev->now) : 0;
	core->state = CLEANUP_S_OPEN;
	cleanup_reply(core, out, 0, core->queue_id);
	/* Requests that came early. */
	cleanup_records(core);
	if (core->closed)
	    cleanup_finish(core, out);
	return;
    }
    if (!core->file_open || core->state != CLEANUP_S_OPEN)
	return;				/* late result of an aborted file */
    if (core->commit_id != 0 && ev->id == core->commit_id) {
	if (ev->status != 0) {
	    core->errs |= CLEANUP_STAT_WRITE;
	    cleanup_fail(core, out);
	    return;
	}
	core->file_open = false;
	cleanup_reply(core, out, CLEANUP_STAT_OK, "");
	core->state = CLEANUP_S_DONE;
	act = core_outbox_push(out, CORE_ACT_REQUEST);
	act->id = core->next_op_id++;
	act->target = CLEANUP_QMGR_SERVICE;
	act->data = CLEANUP_QMGR_TRIGGER;
	act->len = strlen(CLEANUP_QMGR_TRIGGER);
	return;
    }
    if (ev->id == 0 || ev->id >= core->next_op_id || core->pending <= 0)
	return;				/* not ours */
    core->pending--;
    if (ev->status != 0) {
	if ((core->errs & CLEANUP_STAT_WRITE) == 0)
	    core_log(core->env, MSG_WARN, "%s: queue file write error: status %d",
		     core->queue_id, ev->status);
	core->errs |= CLEANUP_STAT_WRITE;
	cleanup_abort_file(core, out);
	if (core->closed)
	    cleanup_fail(core, out);
	return;
    }
    if (core->closed && core->pending == 0 && core->errs == 0 && core->commit_id == 0)
	core->commit_id = cleanup_file_op(core, out, CORE_FILE_COMMIT)->id;
}

void    cleanup_core_event(CLEANUP_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    int     errs_before = core->errs;

    /* Buffers handed out by the previous call are released now. */
    vstring_reset(core->obuf);
    switch (ev->type) {
    case CORE_EV_REQUEST:
	cleanup_request(core, ev, out);
	break;
    case CORE_EV_FILE_RESULT:
	cleanup_file_result(core, ev, out);
	break;
    default:
	break;
    }
    if (core->state == CLEANUP_S_OPEN && !core->closed)
	cleanup_flush(core, out);
    if (core->errs != 0 && errs_before == 0 && !core->closed
	&& (core->errs & (CLEANUP_STAT_BAD | CLEANUP_STAT_WRITE)) == 0) {
	/* Rejected content: stop writing, remove the file now. */
	cleanup_abort_file(core, out);
    }
}
