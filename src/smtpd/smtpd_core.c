/*
 * NAME
 *	smtpd_core 3
 * SUMMARY
 *	SMTP server state machine
 * DESCRIPTION
 *	One SMTPD_CORE serves one connection the way stock smtpd(8) does:
 *
 *	- CORE_EV_START logs "connect from" and queues the 220 greeting.
 *	- Client bytes are buffered; complete command lines are handled in
 *	  order as long as the core is not waiting (for cleanup, or for
 *	  smtpd_error_sleep_time before an error reply). Replies collect
 *	  in one buffer that leaves in one CORE_ACT_SEND at the end of the
 *	  event, so pipelined commands get their replies together when
 *	  the input runs dry. A command line longer than line_length_limit
 *	  is cut there and the rest of it is skipped, as stock does.
 *	- The cleanup conversation opens at MAIL, or with
 *	  smtpd_delay_open_until_valid_rcpt at the first accepted RCPT;
 *	  envelope records follow the queue id, recipients as accepted.
 *	- DATA content is dot-unstuffed and ends only at CRLF.CRLF; a bare
 *	  LF ends a line (smtpd_forbid_bare_newline=normalize) or is
 *	  rejected with a disconnect. BDAT reads exact octet counts, splits
 *	  the chunks into lines and never unstuffs dots.
 *	- The 250 after the content is sent only when cleanup's CLOSE reply
 *	  has status 0; any other status maps to stock's reply.
 *	- Client input must keep arriving within smtpd_timeout; errors count
 *	  toward smtpd_soft_error_limit (error replies then wait
 *	  smtpd_error_sleep_time on the timer) and smtpd_hard_error_limit
 *	  (421 and disconnect).
 *
 *	The commands live in smtpd_proto.c; this file holds the session
 *	machinery: input, replies, timers and the cleanup conversation.
 */
#include <stdarg.h>
#include <string.h>

#include "mail_peer.h"
#include "cleanup_proto.h"
#include "mymalloc.h"
#include "record.h"
#include "stringops.h"
#include "vstring.h"
#include "smtpd/smtpd_int.h"

static const char *smtpd_cmd_names[SMTPD_C_COUNT] = {
    "helo", "ehlo", "xclient", "xforward", "starttls", "auth", "mail", "rcpt", "data", "bdat", "rset",
    "noop", "vrfy", "etrn", "quit",
};

/* smtpd_timer - arm or disarm the one deadline, when it changes */

void    smtpd_timer(SMTPD_CORE *core, CORE_OUTBOX *box, core_time_ms deadline)
{
    CORE_ACTION *act;

    if (deadline == core->deadline)
	return;
    act = core_outbox_push(box, CORE_ACT_TIMER);
    act->deadline = core->deadline = deadline;
}

/* smtpd_request - one cleanup request in the current conversation */

void    smtpd_request(SMTPD_CORE *core, CORE_OUTBOX *box, int op,
		              int64_t arg, const char *data, size_t len)
{
    CORE_ACTION *act = core_outbox_push(box, CORE_ACT_REQUEST);

    act->target = CLEANUP_SERVICE;
    act->id = core->cleanup_id;
    act->op = op;
    act->arg = arg;
    act->data = data;
    act->len = len;
}

/* smtpd_flush_records - send the records of this event */

void    smtpd_flush_records(SMTPD_CORE *core, CORE_OUTBOX *box)
{
    if (vstring_len(core->rec) > 0 && core->cleanup_open && !core->rec_sent) {
	smtpd_request(core, box, CLEANUP_REQ_RECORDS, 0, vstring_str(core->rec),
		      vstring_len(core->rec));
	core->rec_sent = true;
    }
}

/* smtpd_abort - give up the cleanup conversation */

void    smtpd_abort(SMTPD_CORE *core, CORE_OUTBOX *box)
{
    if (core->cleanup_open) {
	if (!core->rec_sent)
	    vstring_reset(core->rec);
	smtpd_request(core, box, CLEANUP_REQ_ABORT, 0, "", 0);
	core->cleanup_open = false;
    }
}

/* smtpd_reply - queue one reply line; error replies may sleep first */

void    smtpd_reply(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box,
		            const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf(core->reply, fmt, ap);
    va_end(ap);
    vstring_strcat(core->reply, "\r\n");
    if (core->sleeping) {
	vstring_strcat(core->delayed, vstring_str(core->reply));
    } else if ((*fmt == '4' || *fmt == '5' || (*fmt == '%' && (*vstring_str(core->reply) == '4'
					  || *vstring_str(core->reply) == '5')))
	       && core->config->error_sleep_ms > 0
	       && core->error_count >= core->config->soft_error_limit) {
	vstring_strcpy(core->delayed, vstring_str(core->reply));
	core->sleeping = true;
	smtpd_timer(core, box, now + core->config->error_sleep_ms);
    } else {
	vstring_strcat(core->out, vstring_str(core->reply));
    }
}

/* smtpd_stats - " ehlo=1 mail=1 ... commands=N" */

static void smtpd_stats(SMTPD_CORE *core, VSTRING *out)
{
    int     ok = 0;
    int     all = 0;
    int     i;

    vstring_reset(out);
    for (i = 0; i < SMTPD_C_COUNT; i++) {
	if (core->stat_all[i] == 0)
	    continue;
	ok += core->stat_ok[i];
	all += core->stat_all[i];
	if (core->stat_ok[i] == core->stat_all[i])
	    vstring_sprintf_append(out, " %s=%d", smtpd_cmd_names[i], core->stat_ok[i]);
	else
	    vstring_sprintf_append(out, " %s=%d/%d", smtpd_cmd_names[i],
				   core->stat_ok[i], core->stat_all[i]);
    }
    if (core->unknown_count) {
	all += core->unknown_count;
	vstring_sprintf_append(out, " unknown=0/%d", core->unknown_count);
    }
    if (ok == all)
	vstring_sprintf_append(out, " commands=%d", all);
    else
	vstring_sprintf_append(out, " commands=%d/%d", ok, all);
}

/* smtpd_finish - log the disconnect, send what is queued, close */

static void smtpd_finish(SMTPD_CORE *core, CORE_OUTBOX *box)
{
    CORE_ACTION *act;

    smtpd_abort(core, box);
    smtpd_flush_records(core, box);
    smtpd_stats(core, core->scratch);
    core_log(core->env, MSG_INFO, "disconnect from %s%s", core->namaddr,
	     vstring_str(core->scratch));
    smtpd_timer(core, box, CORE_TIME_NEVER);
    if (vstring_len(core->out) > 0) {
	act = core_outbox_push(box, CORE_ACT_SEND);
	act->data = vstring_str(core->out);
	act->len = vstring_len(core->out);
    }
    core_outbox_push(box, CORE_ACT_CLOSE);
    core->state = SMTPD_ST_DONE;
}

/* smtpd_done - count a finished command; errors count toward the limits */

void    smtpd_done(SMTPD_CORE *core, SMTPD_CMD_ID id, int status,
		           core_time_ms now, CORE_OUTBOX *box)
{
    if ((int) id >= 0 && id < SMTPD_C_COUNT) {
	core->stat_all[id]++;
	if (status == SMTPD_DONE_OK)
	    core->stat_ok[id]++;
    }
    /* Past smtpd_junk_command_limit, every junk command counts as an error. */
    if (status == SMTPD_DONE_OK
	&& (id == SMTPD_C_NOOP || id == SMTPD_C_VRFY || id == SMTPD_C_ETRN
	    || id == SMTPD_C_RSET)
	&& ++core->junk_count > core->config->junk_command_limit)
	status = SMTPD_DONE_ERR;
    if (status != SMTPD_DONE_ERR)
	return;
    if (++core->error_count >= core->config->hard_error_limit && !core->closing) {
	core_log(core->env, MSG_INFO, "too many errors after %s from %s",
		 core->where, core->namaddr);
	smtpd_reply(core, now, box, "421 4.7.0 %s Error: too many errors",
		    core->config->myhostname);
	core->closing = true;
    }
}

/* smtpd_reset - end the mail transaction */

void    smtpd_reset(SMTPD_CORE *core, CORE_OUTBOX *box)
{
    smtpd_abort(core, box);
    myfree(core->sender);
    myfree(core->first_rcpt);
    myfree(core->encoding);
    myfree(core->envid);
    myfree(core->queue_id);
    myfree(core->pending_rcpt);
    myfree(core->pending_orcpt);
    core->sender = core->first_rcpt = core->encoding = core->envid = 0;
    core->queue_id = core->pending_rcpt = core->pending_orcpt = 0;
    core->rcpt_count = 0;
    core->ret_flags = 0;
    core->smtputf8 = false;
    core->content_started = false;
    core->msg_size = 0;
    core->data_err = 0;
    core->bdat_used = false;
    core->bdat_failed = false;
    core->bdat_last = false;
    core->decl_size = 0;
    core->in_long = false;
    vstring_reset(core->line);
    smtpd_xforward_reset(core);
}

/* smtpd_open - start the cleanup conversation for command id */

void    smtpd_open(SMTPD_CORE *core, SMTPD_CMD_ID id, CORE_OUTBOX *box)
{
    core->cleanup_id = ++core->id_seq;
    core->cleanup_open = true;
    core->rec_sent = false;
    vstring_reset(core->rec);
    core->pending = id;
    core->state = SMTPD_ST_OPENING;
    /* SMTPUTF8 travels as a cleanup flag, not as a record. */
    smtpd_request(core, box, CLEANUP_REQ_OPEN, core->config->cleanup_flags
		  | (core->smtputf8 ? CLEANUP_FLAG_SMTPUTF8 : 0), "", 0);
}

/* smtpd_write_envelope - what follows the queue id, as stock's smtpd */

static void smtpd_write_envelope(SMTPD_CORE *core, core_time_ms now)
{
    VSTRING *r = core->rec;
    int64_t wall = core->env && core->env->wall_time ?
    core->env->wall_time(core->env->time_ctx, now) : 0;

    rec_fprintf(r, REC_TYPE_TIME, "%lld %d", (long long) wall, 0);
    rec_fprintf(r, REC_TYPE_ATTR, "log_ident=%s", core->queue_id);
    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_RWR_CONTEXT,
		(core->xf_active && core->xf_source >= 0 ?
		 core->xf_source : core->rewrite_local) ?
		"local" : "remote");
    if (core->envid)
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_DSN_ENVID, core->envid);
    if (core->ret_flags)
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%d", MAIL_ATTR_DSN_RET, core->ret_flags);
    rec_puts(r, REC_TYPE_FROM, core->sender);
    if (core->encoding)
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ENCODING, core->encoding);
    /*
     * The log_* attributes name the original client once XFORWARD was
     * used: its values, [UNAVAILABLE] ones as "unknown", never mixed
     * with this session's.
     */
    if (core->xf_active) {
	const char *xname = core->xf_name ? core->xf_name : "unknown";
	const char *xaddr = core->xf_addr ? core->xf_addr : "unknown";

	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_NAME, xname);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_ADDR, xaddr);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_PORT,
		    core->xf_port ? core->xf_port : "unknown");
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s[%s]", MAIL_ATTR_LOG_ORIGIN, xname, xaddr);
	if (core->xf_helo)
	    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_HELO_NAME, core->xf_helo);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_PROTO_NAME,
		    core->xf_proto ? core->xf_proto : "unknown");
    } else {
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_NAME, core->name);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_ADDR, core->rfc_addr);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_CLIENT_PORT, core->port);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_ORIGIN, core->namaddr);
	if (core->helo)
	    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_HELO_NAME, core->helo);
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_LOG_PROTO_NAME, core->protocol);
    }
    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_NAME, core->name);
    rec_fprintf(r, REC_TYPE_ATTR, "reverse_client_name=%s", core->reverse_name);
    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_ADDR, core->addr);
    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_CLIENT_PORT, core->port);
    if (core->server_addr)
	rec_fprintf(r, REC_TYPE_ATTR, "server_address=%s", core->server_addr);
    if (core->server_port)
	rec_fprintf(r, REC_TYPE_ATTR, "server_port=%s", core->server_port);
    if (core->helo)
	rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_HELO_NAME, core->helo);
    rec_fprintf(r, REC_TYPE_ATTR, "%s=%s", MAIL_ATTR_ACT_PROTO_NAME, core->protocol);
    rec_fprintf(r, REC_TYPE_ATTR, "client_address_type=%d", core->addr_family);
}

/* smtpd_opened - cleanup's answer to OPEN */

static void smtpd_opened(SMTPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    SMTPD_CMD_ID id = core->pending;

    core->state = SMTPD_ST_CMD;
    if (ev->status != 0) {
	core->cleanup_open = false;
	core_log(core->env, MSG_WARN, "unable to open a %s conversation", CLEANUP_SERVICE);
	smtpd_reply(core, ev->now, box, "451 4.3.0 Error: queue file write error");
	if (id == SMTPD_C_MAIL) {
	    myfree(core->sender);
	    core->sender = 0;
	}
	myfree(core->pending_rcpt);
	myfree(core->pending_orcpt);
	core->pending_rcpt = core->pending_orcpt = 0;
	smtpd_done(core, id, SMTPD_DONE_ERR, ev->now, box);
	return;
    }
    core->queue_id = mystrndup(ev->data ? ev->data : "", ev->data ? ev->len : 0);
    printable(core->queue_id, '?');
    core_log(core->env, MSG_INFO, "%s: client=%s", core->queue_id, core->namaddr);
    smtpd_write_envelope(core, ev->now);
    if (id == SMTPD_C_MAIL) {
	smtpd_reply(core, ev->now, box, "250 2.1.0 Ok");
    } else {
	smtpd_write_rcpt(core, core->pending_rcpt, core->pending_orcpt, core->pending_notify);
	myfree(core->pending_rcpt);
	myfree(core->pending_orcpt);
	core->pending_rcpt = core->pending_orcpt = 0;
	smtpd_reply(core, ev->now, box, "250 2.1.5 Ok");
    }
    smtpd_done(core, id, SMTPD_DONE_OK, ev->now, box);
}

/* smtpd_closed - cleanup's answer to CLOSE */

static void smtpd_closed(SMTPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    VSTRING *why = vstring_alloc(64);
    char   *text;

    core->cleanup_open = false;
    vstring_memcpy(why, ev->data ? ev->data : "", ev->data ? ev->len : 0);
    printable(vstring_str(why), '?');
    smtpd_close_reply(core->reply, ev->status, vstring_str(why), core->queue_id);
    /* After BDAT LAST stock also names the message size. */
    if (ev->status == 0 && core->pending == SMTPD_C_BDAT)
	vstring_sprintf(core->reply, "250 2.0.0 Ok: %zu bytes queued as %s",
			core->msg_size, core->queue_id);
    text = mystrdup(vstring_str(core->reply));
    smtpd_reset(core, box);
    core->state = SMTPD_ST_CMD;
    smtpd_reply(core, ev->now, box, "%s", text);
    smtpd_done(core, core->pending, ev->status == 0 ? SMTPD_DONE_OK : SMTPD_DONE_ERR,
	       ev->now, box);
    myfree(text);
    vstring_free(why);
}

/* smtpd_next_line - a complete line (without line end), or a piece */

static bool smtpd_next_line(SMTPD_CORE *core, const char **line, size_t *len,
			            bool *complete, bool *crlf)
{
    const char *buf = vstring_str(core->in) + core->in_off;
    size_t  avail = vstring_len(core->in) - core->in_off;
    size_t  limit = core->config->line_length_limit;
    const char *nl = memchr(buf, '\n', avail < limit + 1 ? avail : limit + 1);

    if (nl) {
	*len = (size_t) (nl - buf);
	*crlf = (*len > 0 && buf[*len - 1] == '\r');
	if (*crlf)
	    (*len)--;
	*complete = true;
	core->in_off += (size_t) (nl - buf) + 1;
    } else if (avail > limit) {
	*len = limit;
	*crlf = false;
	*complete = false;
	core->in_off += limit;
    } else {
	return (false);
    }
    *line = buf;
    return (true);
}

/* smtpd_process - use buffered client bytes as far as the state allows */

static void smtpd_process(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    const char *line;
    size_t  len;
    bool    complete;
    bool    crlf;

    while (!core->sleeping && !core->closing) {
	if (core->state == SMTPD_ST_CMD) {
	    if (core->skip_line) {
		const char *buf = vstring_str(core->in) + core->in_off;
		size_t  avail = vstring_len(core->in) - core->in_off;
		const char *nl = memchr(buf, '\n', avail);

		core->in_off += nl ? (size_t) (nl - buf) + 1 : avail;
		if (nl == 0)
		    break;
		core->skip_line = false;
		continue;
	    }
	    if (!smtpd_next_line(core, &line, &len, &complete, &crlf))
		break;
	    if (!complete) {
		core->skip_line = true;
		core_log(core->env, MSG_WARN, "%s: request longer than %zu: %.*s...",
			 core->namaddr, core->config->line_length_limit,
			 (int) (len < 30 ? len : 30), line);
	    }
	    else if (!crlf && core->config->bare_lf == SMTPD_BARE_LF_REJECT) {
		smtpd_bare_lf(core, now, box);
		break;
	    }
	    smtpd_command(core, line, len, now, box);
	} else if (core->state == SMTPD_ST_DATA) {
	    if (!smtpd_next_line(core, &line, &len, &complete, &crlf))
		break;
	    if (complete && !crlf && core->config->bare_lf == SMTPD_BARE_LF_REJECT) {
		smtpd_reset(core, box);
		core->state = SMTPD_ST_CMD;
		smtpd_done(core, SMTPD_C_DATA, SMTPD_DONE_ERR, now, box);
		smtpd_bare_lf(core, now, box);
		break;
	    }
	    smtpd_data_line(core, line, len, complete, crlf, now, box);
	} else if (core->state == SMTPD_ST_BDAT) {
	    size_t  avail = vstring_len(core->in) - core->in_off;
	    size_t  take = avail < core->bdat_left ? avail : core->bdat_left;

	    smtpd_bdat_bytes(core, vstring_str(core->in) + core->in_off, take);
	    core->in_off += take;
	    core->bdat_left -= take;
	    if (core->bdat_left > 0)
		break;
	    smtpd_bdat_done(core, now, box);
	} else {
	    break;
	}
    }
    if (core->in_off > 0 && core->in_off >= vstring_len(core->in) / 2) {
	size_t  rest = vstring_len(core->in) - core->in_off;

	memmove(vstring_str(core->in), vstring_str(core->in) + core->in_off, rest);
	vstring_truncate(core->in, rest);
	core->in_off = 0;
    }
}

/* smtpd_reading - the client is expected to talk */

static bool smtpd_reading(const SMTPD_CORE *core)
{
    return (core->state == SMTPD_ST_CMD || core->state == SMTPD_ST_DATA
	    || core->state == SMTPD_ST_BDAT);
}

/* smtpd_lost - "lost connection" or "timeout" */

static void smtpd_lost(SMTPD_CORE *core, const char *what)
{
    if (core->state == SMTPD_ST_DATA || core->state == SMTPD_ST_BDAT) {
	/* The unfinished DATA or BDAT counts as failed. */
	core->stat_all[core->state == SMTPD_ST_DATA ? SMTPD_C_DATA : SMTPD_C_BDAT]++;
	core_log(core->env, MSG_INFO, "%s after %s (%zu bytes) from %s", what,
		 core->where, core->msg_size, core->namaddr);
    } else
	core_log(core->env, MSG_INFO, "%s after %s from %s", what, core->where,
		 core->namaddr);
}

SMTPD_CORE *smtpd_core_create(const SMTPD_CONFIG *config, const CORE_ENV *env,
			              const SMTPD_SESSION *session)
{
    SMTPD_CORE *core = mycalloc(1, sizeof(*core));
    const char *name = session->client_name ? session->client_name : "unknown";
    const char *addr = session->client_addr ? session->client_addr : "unknown";
    const char *port = session->client_port ? session->client_port : "unknown";

    core->config = config;
    core->env = env;
    core->name = mystrdup(name);
    core->reverse_name = mystrdup(session->reverse_name ? session->reverse_name : name);
    core->addr = mystrdup(addr);
    core->rfc_addr = mail_peer_rfc_addr(addr);
    core->port = mystrdup(port);
    core->server_addr = session->server_addr ? mystrdup(session->server_addr) : 0;
    core->server_port = session->server_port ? mystrdup(session->server_port) : 0;
    core->addr_family = session->addr_family;
    core->rewrite_local = session->rewrite_local;
    core->xf_source = -1;
    core->namaddr = mail_peer_namaddr(name, addr, port, config->client_port_logging);
    core->format_date = session->format_date;
    core->date_ctx = session->date_ctx;
    core->state = SMTPD_ST_INIT;
    core->cmd = smtpd_cmd_create();
    core->in = vstring_alloc(512);
    core->out = vstring_alloc(256);
    core->rec = vstring_alloc(512);
    core->delayed = vstring_alloc(64);
    core->reply = vstring_alloc(128);
    core->scratch = vstring_alloc(128);
    core->line = vstring_alloc(128);
    core->deadline = CORE_TIME_NEVER;
    core->where = "CONNECT";
    core->protocol = "SMTP";
    return (core);
}

void    smtpd_core_free(SMTPD_CORE *core)
{
    if (core == 0)
	return;
    myfree(core->name);
    myfree(core->reverse_name);
    myfree(core->addr);
    myfree(core->rfc_addr);
    myfree(core->port);
    myfree(core->server_addr);
    myfree(core->server_port);
    myfree(core->namaddr);
    myfree(core->helo);
    smtpd_xforward_reset(core);
    myfree(core->sender);
    myfree(core->first_rcpt);
    myfree(core->encoding);
    myfree(core->envid);
    myfree(core->queue_id);
    myfree(core->pending_rcpt);
    myfree(core->pending_orcpt);
    smtpd_cmd_free(core->cmd);
    vstring_free(core->in);
    vstring_free(core->out);
    vstring_free(core->rec);
    vstring_free(core->delayed);
    vstring_free(core->reply);
    vstring_free(core->scratch);
    vstring_free(core->line);
    myfree(core);
}

bool    smtpd_core_done(const SMTPD_CORE *core)
{
    return (core->state == SMTPD_ST_DONE);
}

void    smtpd_core_event(SMTPD_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    CORE_ACTION *act;

    if (core->state == SMTPD_ST_DONE)
	return;
    vstring_reset(core->rec);			/* the driver has the last batch */
    vstring_reset(core->out);
    core->rec_sent = false;

    switch (ev->type) {
    case CORE_EV_START:
	if (core->state != SMTPD_ST_INIT)
	    break;
	core_log(core->env, MSG_INFO, "connect from %s", core->namaddr);
	core->state = SMTPD_ST_CMD;
	smtpd_reply(core, ev->now, box, "220 %s", core->config->banner);
	break;
    case CORE_EV_BYTES:
	if (core->state == SMTPD_ST_INIT || core->peer_eof || ev->len == 0)
	    break;
	vstring_memcat(core->in, ev->data, ev->len);
	smtpd_process(core, ev->now, box);
	break;
    case CORE_EV_PEER_CLOSED:
	core->peer_eof = true;
	break;
    case CORE_EV_TIMER:
	if (ev->now < core->deadline)
	    break;				/* not due: an old timer */
	core->deadline = CORE_TIME_NEVER;
	if (core->sleeping) {
	    core->sleeping = false;
	    vstring_strcat(core->out, vstring_str(core->delayed));
	    vstring_reset(core->delayed);
	    smtpd_process(core, ev->now, box);
	} else if (smtpd_reading(core)) {
	    smtpd_lost(core, "timeout");
	    smtpd_reply(core, ev->now, box, "421 4.4.2 %s Error: timeout exceeded",
			core->config->myhostname);
	    core->sleeping = false;
	    vstring_strcat(core->out, vstring_str(core->delayed));
	    vstring_reset(core->delayed);
	    core->closing = true;
	}
	break;
    case CORE_EV_REPLY:
	if (ev->id != core->cleanup_id || !core->cleanup_open)
	    break;
	if (core->state == SMTPD_ST_OPENING)
	    smtpd_opened(core, ev, box);
	else if (core->state == SMTPD_ST_CLOSING)
	    smtpd_closed(core, ev, box);
	else
	    break;
	smtpd_process(core, ev->now, box);
	break;
    default:
	break;
    }
    if (core->state == SMTPD_ST_DONE)
	return;
    if (core->closing && !core->sleeping) {
	smtpd_finish(core, box);
	return;
    }
    /* Input ends: what was sent is handled, so the client is gone. */
    if (core->peer_eof && !core->sleeping && smtpd_reading(core)) {
	smtpd_lost(core, "lost connection");
	smtpd_finish(core, box);
	return;
    }
    smtpd_flush_records(core, box);
    if (vstring_len(core->out) > 0) {
	act = core_outbox_push(box, CORE_ACT_SEND);
	act->data = vstring_str(core->out);
	act->len = vstring_len(core->out);
    }
    if (!core->sleeping)
	smtpd_timer(core, box, smtpd_reading(core) ?
		    ev->now + core->config->timeout_ms : CORE_TIME_NEVER);
}
