/*
 * NAME
 *	smtpd_proto 3
 * SUMMARY
 *	smtpd commands and message content
 * DESCRIPTION
 *	One handler per SMTP command, in a table that also names the
 *	counter of the disconnect log line. A handler queues its reply
 *	and returns SMTPD_DONE_OK, SMTPD_DONE_ERR (counts toward the error
 *	limits), or SMTPD_PENDING when the reply waits for cleanup or for
 *	the content. The content functions turn DATA lines and BDAT octets
 *	into REC_TYPE_NORM / REC_TYPE_CONT records with stock's first-line
 *	handling (From_ lines, leading white space) and size accounting.
 */
#include <stdlib.h>
#include <string.h>

#include "cleanup_proto.h"
#include "mymalloc.h"
#include "record.h"
#include "stringops.h"
#include "vstring.h"
#include "mail_date.h"
#include "smtpd/smtpd_int.h"

/* DSN NOTIFY and RET bits, stock's values. */
#define SMTPD_NOTIFY_NEVER	(1<<0)
#define SMTPD_NOTIFY_SUCCESS	(1<<1)
#define SMTPD_NOTIFY_FAILURE	(1<<2)
#define SMTPD_NOTIFY_DELAY	(1<<3)
#define SMTPD_RET_FULL		(1<<0)
#define SMTPD_RET_HDRS		(1<<1)

typedef int (*SMTPD_CMD_FN) (SMTPD_CORE *, core_time_ms, CORE_OUTBOX *);

/* smtpd_log_reject - "NOQUEUE: reject: RCPT from ..." as stock */

static void smtpd_log_reject(SMTPD_CORE *core, const char *cmd, const char *reply,
			             const char *from, const char *rcpt)
{
    VSTRING *buf = vstring_alloc(100);

    vstring_sprintf(buf, "%s: reject: %s from %s: %s; from=<%s>",
		    core->queue_id ? core->queue_id : "NOQUEUE", cmd, core->namaddr,
		    reply, from ? from : "");
    if (rcpt)
	vstring_sprintf_append(buf, " to=<%s>", rcpt);
    vstring_sprintf_append(buf, " proto=%s", core->protocol);
    if (core->helo)
	vstring_sprintf_append(buf, " helo=<%s>", core->helo);
    core_log(core->env, MSG_INFO, "%s", vstring_str(buf));
    vstring_free(buf);
}

/* smtpd_write_rcpt - DSN attributes and the recipient record */

void    smtpd_write_rcpt(SMTPD_CORE *core, const char *rcpt, const char *orcpt,
			         int notify)
{
    if (notify)
	rec_fprintf(core->rec, REC_TYPE_ATTR, "notify_flags=%d", notify);
    if (orcpt)
	rec_fprintf(core->rec, REC_TYPE_ATTR, "dsn_orig_rcpt=%s", orcpt);
    else
	rec_fprintf(core->rec, REC_TYPE_ATTR, "dsn_orig_rcpt=rfc822;%s", rcpt);
    rec_puts(core->rec, REC_TYPE_RCPT, rcpt);
    if (core->rcpt_count++ == 0)
	core->first_rcpt = mystrdup(rcpt);
}

static int smtpd_one_word(const VSTRING *args)
{
    return (vstring_len(args) > 0 && strpbrk(vstring_str(args), " \t") == 0);
}

static int smtpd_helo_common(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box,
			             const char *verb)
{
    if (vstring_len(core->cmd->args) == 0) {
	smtpd_reply(core, now, box, "501 Syntax: %s hostname", verb);
	return (SMTPD_DONE_ERR);
    }
    smtpd_reset(core, box);
    myfree(core->helo);
    core->helo = mystrdup(vstring_str(core->cmd->args));
    printable(core->helo, '?');
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_helo(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    if (smtpd_helo_common(core, now, box, "HELO") != SMTPD_DONE_OK)
	return (SMTPD_DONE_ERR);
    core->protocol = "SMTP";
    smtpd_reply(core, now, box, "250 %s", core->config->myhostname);
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_ehlo(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    const SMTPD_CONFIG *cfg = core->config;
    ARGV   *kw;
    size_t  i;
    size_t  j;

    if (smtpd_helo_common(core, now, box, "EHLO") != SMTPD_DONE_OK)
	return (SMTPD_DONE_ERR);
    core->protocol = "ESMTP";
    kw = argv_alloc(10);
    argv_add(kw, "PIPELINING");
    if (cfg->message_size_limit > 0) {
	vstring_sprintf(core->scratch, "SIZE %zu", cfg->message_size_limit);
	argv_add(kw, vstring_str(core->scratch));
    } else {
	argv_add(kw, "SIZE");
    }
    if (!cfg->disable_vrfy)
	argv_add(kw, "VRFY");
    argv_add(kw, "ETRN");
    if (smtpd_xclient_allowed(core))
	argv_add(kw, "XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT");
    if (smtpd_xforward_allowed(core))
	argv_add(kw, "XFORWARD NAME ADDR PROTO HELO SOURCE PORT IDENT");
    argv_add(kw, "ENHANCEDSTATUSCODES");
    argv_add(kw, "8BITMIME");
    argv_add(kw, "DSN");
    if (cfg->smtputf8_enable)
	argv_add(kw, "SMTPUTF8");
    argv_add(kw, "CHUNKING");
    /* smtpd_discard_ehlo_keywords names keywords by their first word. */
    for (i = 0; i < kw->argc; /* void */ ) {
	size_t  n = strcspn(kw->argv[i], " ");

	for (j = 0; j < cfg->discard_ehlo->argc; j++)
	    if (strlen(cfg->discard_ehlo->argv[j]) == n
		&& strncasecmp(cfg->discard_ehlo->argv[j], kw->argv[i], n) == 0)
		break;
	if (j < cfg->discard_ehlo->argc)
	    argv_delete(kw, i, 1);
	else
	    i++;
    }
    if (kw->argc == 0) {
	smtpd_reply(core, now, box, "250 %s", cfg->myhostname);
    } else {
	vstring_sprintf_append(core->out, "250-%s\r\n", cfg->myhostname);
	for (i = 0; i < kw->argc; i++)
	    vstring_sprintf_append(core->out, "250%c%s\r\n",
				   i + 1 < kw->argc ? '-' : ' ', kw->argv[i]);
    }
    argv_free(kw);
    return (SMTPD_DONE_OK);
}

/* smtpd_mail_params - MAIL FROM parameters; reply set on error */

static int smtpd_mail_params(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    ARGV   *params = core->cmd->params;
    VSTRING *name = vstring_alloc(20);
    const char *value;
    const char *n;
    size_t  i;
    int     status = SMTPD_DONE_OK;

    for (i = 0; i < params->argc && status == SMTPD_DONE_OK; i++) {
	smtpd_cmd_param(params->argv[i], name, &value);
	n = vstring_str(name);
	if (strcaseeq(n, "SIZE") && value) {
	    if (!alldig(value) || strlen(value) > 18) {
		smtpd_reply(core, now, box, "501 5.5.4 Bad message size syntax");
		status = SMTPD_DONE_ERR;
	    } else {
		core->decl_size = (size_t) strtoull(value, 0, 10);
	    }
	} else if (strcaseeq(n, "BODY") && value) {
	    if (strcaseeq(value, "8BITMIME") || strcaseeq(value, "7BIT")) {
		myfree(core->encoding);
		core->encoding = mystrdup(strcaseeq(value, "7BIT") ? "7bit" : "8bit");
	    } else {
		smtpd_reply(core, now, box, "555 5.5.4 Unsupported option: %s",
			    params->argv[i]);
		status = SMTPD_DONE_ERR;
	    }
	} else if (strcaseeq(n, "SMTPUTF8") && value == 0 && core->config->smtputf8_enable) {
	    core->smtputf8 = true;
	} else if (strcaseeq(n, "RET") && value) {
	    if (core->ret_flags == 0 && strcaseeq(value, "FULL")) {
		core->ret_flags = SMTPD_RET_FULL;
	    } else if (core->ret_flags == 0 && strcaseeq(value, "HDRS")) {
		core->ret_flags = SMTPD_RET_HDRS;
	    } else {
		smtpd_reply(core, now, box, "501 5.5.4 Bad RET parameter syntax");
		status = SMTPD_DONE_ERR;
	    }
	} else if (strcaseeq(n, "ENVID") && value) {
	    if (core->envid || smtpd_xtext_decode(core->scratch, value) < 0
		|| vstring_len(core->scratch) == 0 || vstring_len(core->scratch) > 100
		|| !allprint(vstring_str(core->scratch))) {
		smtpd_reply(core, now, box, "501 5.5.4 Bad ENVID parameter syntax");
		status = SMTPD_DONE_ERR;
	    } else {
		core->envid = mystrdup(vstring_str(core->scratch));
	    }
	} else if (strcaseeq(n, "AUTH") && value) {
	     /* no SASL: the AUTH= identity is ignored */ ;
	} else {
	    smtpd_reply(core, now, box, "555 5.5.4 Unsupported option: %s", params->argv[i]);
	    status = SMTPD_DONE_ERR;
	}
    }
    vstring_free(name);
    /* As stock, a declared size stays until RSET, HELO or a delivery. */
    if (status == SMTPD_DONE_OK && core->config->message_size_limit > 0
	&& core->decl_size > core->config->message_size_limit) {
	smtpd_log_reject(core, "MAIL", "552 5.3.4 Message size exceeds fixed limit",
			 vstring_str(core->cmd->addr), 0);
	smtpd_reply(core, now, box, "552 5.3.4 Message size exceeds fixed limit");
	status = SMTPD_DONE_ERR;
    }
    return (status);
}

static int smtpd_cmd_mail(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    int     status;

    if (core->config->helo_required && core->helo == 0) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: send HELO/EHLO first");
	return (SMTPD_DONE_ERR);
    }
    if (core->sender) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: nested MAIL command");
	return (SMTPD_DONE_ERR);
    }
    if (core->bdat_used) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: MAIL after BDAT");
	return (SMTPD_DONE_ERR);
    }
    status = smtpd_cmd_path(core->cmd, "FROM:", core->config->strict_rfc821);
    if (status == SMTPD_PATH_SYNTAX) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: MAIL FROM:<address>");
	return (SMTPD_DONE_ERR);
    }
    if (status != SMTPD_PATH_OK) {
	smtpd_reply(core, now, box, "501 5.1.7 Bad sender address syntax");
	return (SMTPD_DONE_ERR);
    }
    if (smtpd_mail_params(core, now, box) != SMTPD_DONE_OK) {
	size_t  keep = core->decl_size;

	smtpd_reset(core, box);
	core->decl_size = keep;
	return (SMTPD_DONE_ERR);
    }
    core->sender = mystrdup(vstring_str(core->cmd->addr));
    if (!core->config->delay_open) {
	smtpd_open(core, SMTPD_C_MAIL, box);
	return (SMTPD_PENDING);
    }
    smtpd_reply(core, now, box, "250 2.1.0 Ok");
    return (SMTPD_DONE_OK);
}

/* smtpd_rcpt_params - NOTIFY and ORCPT; reply set on error */

static int smtpd_rcpt_params(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box,
			             int *notify, char **orcpt)
{
    ARGV   *params = core->cmd->params;
    VSTRING *name = vstring_alloc(20);
    const char *value;
    size_t  i;
    int     status = SMTPD_DONE_OK;

    for (i = 0; i < params->argc && status == SMTPD_DONE_OK; i++) {
	smtpd_cmd_param(params->argv[i], name, &value);
	if (strcaseeq(vstring_str(name), "NOTIFY") && value && *notify == 0) {
	    ARGV   *words = argv_split(value, ",");
	    size_t  j;

	    for (j = 0; j < words->argc; j++) {
		const char *w = words->argv[j];
		int     bit = strcaseeq(w, "NEVER") ? SMTPD_NOTIFY_NEVER :
		strcaseeq(w, "SUCCESS") ? SMTPD_NOTIFY_SUCCESS :
		strcaseeq(w, "FAILURE") ? SMTPD_NOTIFY_FAILURE :
		strcaseeq(w, "DELAY") ? SMTPD_NOTIFY_DELAY : 0;

		if (bit == 0) {
		    *notify = -1;
		    break;
		}
		*notify |= bit;
	    }
	    argv_free(words);
	    if (*notify <= 0 || ((*notify & SMTPD_NOTIFY_NEVER) && *notify != SMTPD_NOTIFY_NEVER)) {
		smtpd_reply(core, now, box, "501 5.5.4 Error: Bad NOTIFY parameter syntax");
		status = SMTPD_DONE_ERR;
	    }
	} else if (strcaseeq(vstring_str(name), "ORCPT") && value && *orcpt == 0) {
	    const char *semi = strchr(value, ';');

	    if (semi == 0 || semi == value || smtpd_xtext_decode(core->scratch, semi + 1) < 0
		|| vstring_len(core->scratch) == 0 || !allprint(vstring_str(core->scratch))) {
		smtpd_reply(core, now, box, "501 5.5.4 Error: Bad ORCPT parameter syntax");
		status = SMTPD_DONE_ERR;
	    } else {
		vstring_sprintf(name, "%.*s;%s", (int) (semi - value), value,
				vstring_str(core->scratch));
		*orcpt = mystrdup(vstring_str(name));
	    }
	} else {
	    smtpd_reply(core, now, box, "555 5.5.4 Unsupported option: %s", params->argv[i]);
	    status = SMTPD_DONE_ERR;
	}
    }
    vstring_free(name);
    return (status);
}

static int smtpd_cmd_rcpt(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    SMTPD_CHECK_STATE check;
    const char *rcpt;
    int     status;
    int     notify = 0;
    char   *orcpt = 0;

    if (core->sender == 0) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: need MAIL command");
	return (SMTPD_DONE_ERR);
    }
    if (core->rcpt_count >= core->config->recipient_limit) {
	smtpd_reply(core, now, box, "452 4.5.3 Error: too many recipients");
	return (SMTPD_DONE_ERR);
    }
    status = smtpd_cmd_path(core->cmd, "TO:", core->config->strict_rfc821);
    if (status == SMTPD_PATH_SYNTAX) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: RCPT TO:<address>");
	return (SMTPD_DONE_ERR);
    }
    rcpt = vstring_str(core->cmd->addr);
    if (status != SMTPD_PATH_OK || *rcpt == 0) {
	smtpd_reply(core, now, box, "501 5.1.3 Bad recipient address syntax");
	return (SMTPD_DONE_ERR);
    }
    if (smtpd_rcpt_params(core, now, box, &notify, &orcpt) != SMTPD_DONE_OK) {
	myfree(orcpt);
	return (SMTPD_DONE_ERR);
    }
    check.config = core->config;
    check.client_addr = core->addr;
    check.helo = core->helo;
    check.sender = core->sender;
    check.recipient = rcpt;
    status = smtpd_check_rcpt(&check, core->reply, core->scratch);
    if (status == SMTPD_CHECK_ERROR)
	core_log(core->env, MSG_WARN, "%s", vstring_str(core->scratch));
    if (status == SMTPD_CHECK_REJECT || status == SMTPD_CHECK_ERROR) {
	char   *text = mystrdup(vstring_str(core->reply));

	smtpd_log_reject(core, "RCPT", text, core->sender, rcpt);
	smtpd_reply(core, now, box, "%s", text);
	myfree(text);
	myfree(orcpt);
	return (SMTPD_DONE_ERR);
    }
    if (!core->cleanup_open) {
	core->pending_rcpt = mystrdup(rcpt);
	core->pending_orcpt = orcpt;
	core->pending_notify = notify;
	smtpd_open(core, SMTPD_C_RCPT, box);
	return (SMTPD_PENDING);
    }
    smtpd_write_rcpt(core, rcpt, orcpt, notify);
    myfree(orcpt);
    smtpd_reply(core, now, box, "250 2.1.5 Ok");
    return (SMTPD_DONE_OK);
}

/* smtpd_content_start - MESG and the Received: header */

static void smtpd_content_start(SMTPD_CORE *core, core_time_ms now)
{
    SMTPD_RECEIVED r;
    VSTRING *date = vstring_alloc(48);
    int64_t wall = core->env && core->env->wall_time ?
    core->env->wall_time(core->env->time_ctx, now) : 0;

    if (core->format_date)
	core->format_date(core->date_ctx, wall, date);
    else
	mail_date(date, wall, 0, "UTC");
    rec_put(core->rec, REC_TYPE_MESG, "", 0);
    r.helo = core->helo;
    r.client_name = core->name;
    r.rfc_addr = core->rfc_addr;
    r.protocol = core->protocol;
    r.queue_id = core->queue_id;
    r.recipient = core->rcpt_count == 1 ? core->first_rcpt : 0;
    r.date = vstring_str(date);
    smtpd_received(core->rec, core->config, &r);
    vstring_free(date);
    core->content_started = true;
    core->first_line = true;
    core->prev_crlf = true;
    core->in_long = false;
    core->msg_size = 0;
    core->data_err = 0;
}

/* smtpd_need_rcpt - DATA and BDAT need a transaction with recipients */

static int smtpd_need_rcpt(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    if (core->rcpt_count > 0)
	return (SMTPD_DONE_OK);
    if (core->sender == 0)
	smtpd_reply(core, now, box, "503 5.5.1 Error: need RCPT command");
    else
	smtpd_reply(core, now, box, "554 5.5.1 Error: no valid recipients");
    return (SMTPD_DONE_ERR);
}

static int smtpd_cmd_data(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    if (core->bdat_used) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: DATA after BDAT");
	return (SMTPD_DONE_ERR);
    }
    if (smtpd_need_rcpt(core, now, box) != SMTPD_DONE_OK)
	return (SMTPD_DONE_ERR);
    if (vstring_len(core->cmd->args) > 0) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: DATA");
	return (SMTPD_DONE_ERR);
    }
    smtpd_content_start(core, now);
    smtpd_reply(core, now, box, "354 End data with <CR><LF>.<CR><LF>");
    core->state = SMTPD_ST_DATA;
    return (SMTPD_PENDING);
}

static int smtpd_cmd_bdat(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    ARGV   *args = argv_split(vstring_str(core->cmd->args), " \t");
    int     ok;

    ok = (args->argc == 1 || (args->argc == 2 && strcaseeq(args->argv[1], "LAST")))
	&& alldig(args->argv[0]) && strlen(args->argv[0]) <= 15;
    if (!ok) {
	/* Without a count the chunk cannot be skipped: stock hangs up. */
	argv_free(args);
	smtpd_reply(core, now, box, "521 5.5.4 Syntax: BDAT count [LAST]");
	core->closing = true;
	return (SMTPD_DONE_ERR);
    }
    core->bdat_chunk = core->bdat_left = (size_t) strtoull(args->argv[0], 0, 10);
    core->bdat_last = (args->argc == 2);
    argv_free(args);
    /* A refused chunk is still read, so the command stream stays in step. */
    core->bdat_discard = (core->rcpt_count == 0 || core->bdat_failed);
    if (!core->bdat_discard && !core->content_started)
	smtpd_content_start(core, now);
    core->bdat_used = true;
    core->state = SMTPD_ST_BDAT;
    return (SMTPD_PENDING);
}

static int smtpd_cmd_rset(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    if (vstring_len(core->cmd->args) > 0) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: RSET");
	return (SMTPD_DONE_ERR);
    }
    smtpd_reset(core, box);
    smtpd_reply(core, now, box, "250 2.0.0 Ok");
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_noop(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    smtpd_reply(core, now, box, "250 2.0.0 Ok");
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_vrfy(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    if (core->config->disable_vrfy) {
	smtpd_reply(core, now, box, "502 5.5.1 VRFY command is disabled");
	return (SMTPD_DONE_ERR);
    }
    if (vstring_len(core->cmd->args) == 0) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: VRFY address [SMTPUTF8]");
	return (SMTPD_DONE_ERR);
    }
    vstring_strcpy(core->scratch, vstring_str(core->cmd->args));
    printable(vstring_str(core->scratch), '?');
    smtpd_reply(core, now, box, "252 2.0.0 %s", vstring_str(core->scratch));
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_etrn(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    /* Stock's ETRN replies carry no enhanced status codes. */
    if (core->sender) {
	smtpd_reply(core, now, box, "503 Error: MAIL transaction in progress");
	return (SMTPD_DONE_ERR);
    }
    if (!smtpd_one_word(core->cmd->args)) {
	smtpd_reply(core, now, box, "500 Syntax: ETRN domain");
	return (SMTPD_DONE_ERR);
    }
    vstring_strcpy(core->scratch, vstring_str(core->cmd->args) +
		   (strchr("@#", *vstring_str(core->cmd->args)) ? 1 : 0));
    printable(vstring_str(core->scratch), '?');
    /* No fast flush service is attached to the core yet. */
    smtpd_reply(core, now, box, "459 <%s>: service unavailable",
		vstring_str(core->scratch));
    return (SMTPD_DONE_ERR);
}

static int smtpd_cmd_quit(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    smtpd_reply(core, now, box, "221 2.0.0 Bye");
    core->closing = true;
    return (SMTPD_DONE_OK);
}

static int smtpd_cmd_auth(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    smtpd_reply(core, now, box, "503 5.5.1 Error: authentication not enabled");
    return (SMTPD_DONE_ERR);
}

static int smtpd_cmd_starttls(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    smtpd_reply(core, now, box, "502 5.5.1 Error: command not implemented");
    return (SMTPD_DONE_ERR);
}

static const struct SMTPD_COMMAND {
    const char *name;
    SMTPD_CMD_ID id;
    SMTPD_CMD_FN fn;
} smtpd_commands[] = {
    {"HELO", SMTPD_C_HELO, smtpd_cmd_helo},
    {"EHLO", SMTPD_C_EHLO, smtpd_cmd_ehlo},
    {"XCLIENT", SMTPD_C_XCLIENT, smtpd_cmd_xclient},
    {"XFORWARD", SMTPD_C_XFORWARD, smtpd_cmd_xforward},
    {"STARTTLS", SMTPD_C_STARTTLS, smtpd_cmd_starttls},
    {"AUTH", SMTPD_C_AUTH, smtpd_cmd_auth},
    {"MAIL", SMTPD_C_MAIL, smtpd_cmd_mail},
    {"RCPT", SMTPD_C_RCPT, smtpd_cmd_rcpt},
    {"DATA", SMTPD_C_DATA, smtpd_cmd_data},
    {"BDAT", SMTPD_C_BDAT, smtpd_cmd_bdat},
    {"RSET", SMTPD_C_RSET, smtpd_cmd_rset},
    {"NOOP", SMTPD_C_NOOP, smtpd_cmd_noop},
    {"VRFY", SMTPD_C_VRFY, smtpd_cmd_vrfy},
    {"ETRN", SMTPD_C_ETRN, smtpd_cmd_etrn},
    {"QUIT", SMTPD_C_QUIT, smtpd_cmd_quit},
    {0, SMTPD_C_COUNT, 0},
};

/* smtpd_bare_lf - smtpd_forbid_bare_newline=reject */

void    smtpd_bare_lf(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    core_log(core->env, MSG_INFO, "bare <LF> received after %s from %s",
	     core->where, core->namaddr);
    smtpd_reply(core, now, box, "%d 5.5.2 Error: bare <LF> received",
		core->config->bare_lf_code);
    core->closing = true;
}

/* smtpd_command - one command line */

void    smtpd_command(SMTPD_CORE *core, const char *line, size_t len,
		              core_time_ms now, CORE_OUTBOX *box)
{
    const struct SMTPD_COMMAND *c;
    const char *verb;
    int     status;
    size_t  i;

    if (smtpd_cmd_split(core->cmd, line, len) < 0) {
	core->where = "UNKNOWN";
	core->unknown_count++;
	smtpd_reply(core, now, box, "500 5.5.2 Error: bad syntax");
	smtpd_done(core, SMTPD_C_COUNT, SMTPD_DONE_ERR, now, box);
	return;
    }
    verb = vstring_str(core->cmd->verb);
    /* Web proxies and friends: stock's smtpd_forbidden_commands. */
    for (i = 0; i < core->config->forbidden_commands->argc; i++)
	if (strcmp(verb, core->config->forbidden_commands->argv[i]) == 0)
	    break;
    if (i < core->config->forbidden_commands->argc
	|| !((line[0] >= 'A' && line[0] <= 'Z') || (line[0] >= 'a' && line[0] <= 'z'))) {
	vstring_strncpy(core->scratch, line, len > 100 ? 100 : len);
	printable(vstring_str(core->scratch), '?');
	core_log(core->env, MSG_WARN, "non-SMTP command from %s: %s", core->namaddr,
		 vstring_str(core->scratch));
	core->where = "CONNECT";
	smtpd_reply(core, now, box, "221 2.7.0 Error: I can break rules, too. Goodbye.");
	core->closing = true;
	return;
    }
    for (c = smtpd_commands; c->name; c++)
	if (strcmp(c->name, verb) == 0)
	    break;
    if (c->name == 0) {
	core->where = "UNKNOWN";
	core->unknown_count++;
	smtpd_reply(core, now, box, "500 5.5.2 Error: command not recognized");
	smtpd_done(core, SMTPD_C_COUNT, SMTPD_DONE_ERR, now, box);
	return;
    }
    core->where = c->name;
    status = c->fn(core, now, box);
    if (status != SMTPD_PENDING)
	smtpd_done(core, c->id, status, now, box);
}

/* smtpd_content - one content record, after the From_ and size checks */

static void smtpd_content(SMTPD_CORE *core, int type, const char *data, size_t len)
{
    core->msg_size += len + (type == REC_TYPE_NORM ? 2 : 0);
    if (core->config->message_size_limit > 0
	&& core->msg_size > core->config->message_size_limit)
	core->data_err |= CLEANUP_STAT_SIZE;
    if (core->data_err)
	return;
    if (core->first_line) {
	size_t  i = 0;

	while (i < len && data[i] == '>')
	    i++;
	if (!core->in_long && len - i >= 5 && memcmp(data + i, "From ", 5) == 0) {
	    vstring_strcpy(core->scratch, "X-Mailbox-Line: ");
	    vstring_memcat(core->scratch, data, len);
	    rec_put(core->rec, type, vstring_str(core->scratch), vstring_len(core->scratch));
	    return;
	}
	core->first_line = false;
	if (len > 0 && (data[0] == ' ' || data[0] == '\t'))
	    rec_put(core->rec, REC_TYPE_NORM, "", 0);
    }
    rec_put(core->rec, type, data, len);
}

/* smtpd_end_content - after CRLF.CRLF or BDAT LAST */

static void smtpd_end_content(SMTPD_CORE *core, SMTPD_CMD_ID id, core_time_ms now,
			              CORE_OUTBOX *box)
{
    char   *text;

    core->pending = id;
    if (core->data_err == 0 && core->cleanup_open) {
	rec_put(core->rec, REC_TYPE_XTRA, "", 0);
	smtpd_flush_records(core, box);
	smtpd_request(core, box, CLEANUP_REQ_CLOSE, 0, "", 0);
	core->state = SMTPD_ST_CLOSING;
	return;
    }
    smtpd_close_reply(core->reply, core->data_err ? core->data_err : CLEANUP_STAT_WRITE,
		      "", "");
    text = mystrdup(vstring_str(core->reply));
    smtpd_reset(core, box);
    core->state = SMTPD_ST_CMD;
    smtpd_reply(core, now, box, "%s", text);
    myfree(text);
    smtpd_done(core, id, SMTPD_DONE_ERR, now, box);
}

/* smtpd_data_line - one DATA line or a piece of a long one */

void    smtpd_data_line(SMTPD_CORE *core, const char *data, size_t len,
			        bool complete, bool crlf, core_time_ms now,
			        CORE_OUTBOX *box)
{
    bool    line_start = !core->in_long;

    if (complete && line_start && len == 1 && data[0] == '.' && crlf && core->prev_crlf) {
	smtpd_end_content(core, SMTPD_C_DATA, now, box);
	return;
    }
    if (line_start && len > 0 && data[0] == '.')
	data++, len--;
    smtpd_content(core, complete ? REC_TYPE_NORM : REC_TYPE_CONT, data, len);
    core->in_long = !complete;
    if (complete)
	core->prev_crlf = crlf;
}

/* smtpd_bdat_bytes - split chunk bytes into lines */

void    smtpd_bdat_bytes(SMTPD_CORE *core, const char *data, size_t len)
{
    size_t  limit = core->config->line_length_limit;
    const char *nl;
    size_t  take;

    if (core->bdat_discard)
	return;
    vstring_memcat(core->line, data, len);
    for (;;) {
	const char *buf = vstring_str(core->line);
	size_t  avail = vstring_len(core->line);

	nl = memchr(buf, '\n', avail < limit + 1 ? avail : limit + 1);
	if (nl) {
	    size_t  n = (size_t) (nl - buf);

	    take = n + 1;
	    if (n > 0 && buf[n - 1] == '\r')
		n--;
	    smtpd_content(core, REC_TYPE_NORM, buf, n);
	    core->in_long = false;
	} else if (avail > limit) {
	    take = limit;
	    smtpd_content(core, REC_TYPE_CONT, buf, limit);
	    core->in_long = true;
	} else {
	    break;
	}
	memmove(vstring_str(core->line), buf + take, avail - take);
	vstring_truncate(core->line, avail - take);
    }
}

/* smtpd_bdat_done - the chunk is read */

void    smtpd_bdat_done(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    core->state = SMTPD_ST_CMD;
    if (core->bdat_discard) {
	if (core->bdat_failed)
	    smtpd_reply(core, now, box, "551 5.0.0 Discarded %zu bytes after earlier error",
			core->bdat_chunk);
	else
	    smtpd_need_rcpt(core, now, box);
	core->bdat_failed = true;
	smtpd_done(core, SMTPD_C_BDAT, SMTPD_DONE_ERR, now, box);
	return;
    }
    if (!core->bdat_last) {
	smtpd_reply(core, now, box, "250 2.0.0 Ok: %zu bytes", core->bdat_chunk);
	smtpd_done(core, SMTPD_C_BDAT, SMTPD_DONE_OK, now, box);
	return;
    }
    /* The last line needs no line end; it is stored as a whole line. */
    if (vstring_len(core->line) > 0) {
	smtpd_content(core, REC_TYPE_NORM, vstring_str(core->line), vstring_len(core->line));
	vstring_reset(core->line);
    }
    smtpd_end_content(core, SMTPD_C_BDAT, now, box);
}
