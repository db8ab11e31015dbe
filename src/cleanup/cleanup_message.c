/*
 * NAME
 *	cleanup_message 3
 * SUMMARY
 *	cleanup core: message headers and body
 * DESCRIPTION
 *	Content records arrive as NORM (a line) and CONT (a piece of a long
 *	line). While in the primary header, lines are assembled into
 *	logical (folded) headers, each limited to header_size_limit bytes
 *	(the excess is dropped, as stock does), counted for the hop limit,
 *	checked against message_drop_headers and written back one NORM
 *	record per line. The first line that is neither a header nor a
 *	continuation ends the header; there, in the local rewrite context
 *	(or with always_add_missing_headers), the missing Message-Id, Date
 *	and From (or their Resent- forms when the message has Resent-
 *	headers) are added in stock's order and format. Body records pass
 *	through unchanged.
 */
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "record.h"
#include "is_header.h"
#include "mail_date.h"
#include "cleanup_int.h"

#define HDR_BIT(t)	((uint64_t) 1 << (t))

/* Lines of the logical header in core->hdr: end offsets. */
typedef struct CLEANUP_HDR_LINES {
    size_t *ends;
    size_t  count;
    size_t  cap;
} CLEANUP_HDR_LINES;

static CLEANUP_HDR_LINES *cleanup_lines(CLEANUP_CORE *core)
{
    return ((CLEANUP_HDR_LINES *) core->hdr_lines);
}

static void cleanup_lines_add(CLEANUP_CORE *core, size_t end)
{
    CLEANUP_HDR_LINES *lp = cleanup_lines(core);

    if (lp->count == lp->cap) {
	lp->cap = lp->cap ? lp->cap * 2 : 8;
	lp->ends = (size_t *) myrealloc(lp->ends, lp->cap * sizeof(*lp->ends));
    }
    lp->ends[lp->count++] = end;
}

void    cleanup_message_init(CLEANUP_CORE *core)
{
    core->hdr_lines = mycalloc(1, sizeof(CLEANUP_HDR_LINES));
}

void    cleanup_message_free(CLEANUP_CORE *core)
{
    CLEANUP_HDR_LINES *lp = cleanup_lines(core);

    if (lp) {
	myfree(lp->ends);
	myfree(lp);
    }
}

/* Is the header name (len bytes) in message_drop_headers? */
static bool cleanup_drop(CLEANUP_CORE *core, const char *name, size_t len)
{
    const ARGV *drop = core->cfg->message_drop_headers;
    size_t  i, j;

    for (i = 0; drop && i < drop->argc; i++) {
	if (strlen(drop->argv[i]) != len)
	    continue;
	for (j = 0; j < len; j++) {
	    int     ch = (unsigned char) name[j];

	    if (ch >= 'A' && ch <= 'Z')
		ch += 'a' - 'A';
	    if (ch != (unsigned char) drop->argv[i][j])
		break;
	}
	if (j == len)
	    return (true);
    }
    return (false);
}

/* Logs "QUEUEID: label=value" with the unfolded value of the header. */
static void cleanup_log_id(CLEANUP_CORE *core, const char *label,
			           const char *text, size_t len)
{
    const char *colon = memchr(text, ':', len);
    const char *cp, *end = text + len;
    VSTRING *val = core->tmp2;

    vstring_reset(val);
    for (cp = colon + 1; cp < end && (*cp == ' ' || *cp == '\t' || *cp == '\n'); cp++)
	 /* void */ ;
    for (; cp < end; cp++) {
	if (*cp == '\n')
	    continue;
	vstring_addch(val, (unsigned char) *cp < ' ' || *cp == 0x7f ? '?' : *cp);
    }
    core_log(core->env, MSG_INFO, "%s: %s=%s", core->queue_id, label, vstring_str(val));
}

/* Processes the complete logical header in core->hdr. */
static void cleanup_header_flush(CLEANUP_CORE *core)
{
    CLEANUP_HDR_LINES *lp = cleanup_lines(core);
    const char *text = vstring_str(core->hdr);
    size_t  len = vstring_len(core->hdr);
    size_t  name_len, i, start;
    const HEADER_OPTS *opts;

    if (lp->count == 0)
	return;
    name_len = is_header_buf(text, len);
    if ((opts = header_opts_find(text, name_len)) != 0) {
	core->headers_seen |= HDR_BIT(opts->type);
	if (opts->flags & HDR_OPT_RR)
	    core->resent = true;
	if (opts->type == HDR_RECEIVED || opts->type == HDR_DELIVERED_TO) {
	    if (++core->hops >= core->cfg->hopcount_limit)
		core->errs |= CLEANUP_STAT_HOPS;
	}
	if (opts->type == HDR_MESSAGE_ID && !core->msgid_logged) {
	    core->msgid_logged = true;
	    cleanup_log_id(core, "message-id", text, len);
	}
	if (opts->type == HDR_RESENT_MESSAGE_ID)
	    cleanup_log_id(core, "resent-message-id", text, len);
    }
    if (!cleanup_drop(core, text, name_len)) {
	for (start = i = 0; i < lp->count; i++) {
	    cleanup_out(core, REC_TYPE_NORM, text + start, lp->ends[i] - start);
	    start = lp->ends[i] + 1;
	}
    }
    vstring_reset(core->hdr);
    lp->count = 0;
    core->hdr_trunc = false;
}

/* Appends a complete line to the logical header, within the size limit. */
static void cleanup_header_line(CLEANUP_CORE *core, const char *data, size_t len)
{
    CLEANUP_HDR_LINES *lp = cleanup_lines(core);
    size_t  limit = (size_t) core->cfg->header_size_limit;
    size_t  used = vstring_len(core->hdr);

    if (core->hdr_trunc)
	return;
    if (lp->count > 0)
	used++;				/* the separator */
    if (used + len > limit) {
	core->hdr_trunc = true;
	if (used >= limit)
	    return;
	len = limit - used;
    }
    if (lp->count > 0)
	vstring_addch(core->hdr, '\n');
    vstring_memcat(core->hdr, data, len);
    cleanup_lines_add(core, vstring_len(core->hdr));
}

/* Quotes a phrase (full name) when it holds RFC 5322 specials. */
static void cleanup_quote_phrase(VSTRING *out, const char *str)
{
    const char *cp;
    bool    quote = false;

    for (cp = str; *cp; cp++)
	if ((unsigned char) *cp < ' ' || strchr("()<>@,;:\\\".[]", *cp) != 0)
	    quote = true;
    if (!quote) {
	vstring_strcat(out, str);
	return;
    }
    vstring_addch(out, '"');
    for (cp = str; *cp; cp++) {
	if (*cp == '"' || *cp == '\\')
	    vstring_addch(out, '\\');
	vstring_addch(out, *cp);
    }
    vstring_addch(out, '"');
}

/* Internal address to external form: quote the local part if needed. */
static void cleanup_quote_addr(VSTRING *out, const char *addr)
{
    const char *at = strrchr(addr, '@');
    size_t  local_len = at ? (size_t) (at - addr) : strlen(addr);
    size_t  i;
    bool    quote = (local_len == 0);
    char    ch;

    for (i = 0; i < local_len; i++) {
	ch = addr[i];
	if ((unsigned char) ch <= ' ' || strchr("()<>@,;:\\\"[]", ch) != 0
	    || (ch == '.' && (i == 0 || i + 1 == local_len || addr[i + 1] == '.')))
	    quote = true;
    }
    if (!quote) {
	vstring_strcat(out, addr);
	return;
    }
    vstring_addch(out, '"');
    for (i = 0; i < local_len; i++) {
	if (addr[i] == '"' || addr[i] == '\\')
	    vstring_addch(out, '\\');
	vstring_addch(out, addr[i]);
    }
    vstring_addch(out, '"');
    if (at)
	vstring_strcat(out, at);
}

static void cleanup_add_header(CLEANUP_CORE *core, VSTRING *buf)
{
    cleanup_out(core, REC_TYPE_NORM, vstring_str(buf), vstring_len(buf));
}

/* End of the primary header: flush, then add what stock adds. */
static void cleanup_header_end(CLEANUP_CORE *core)
{
    VSTRING *buf = vstring_alloc(100);
    VSTRING *date = vstring_alloc(40);
    const char *prefix = core->resent ? "Resent-" : "";
    HDR_TYPE id_type = core->resent ? HDR_RESENT_MESSAGE_ID : HDR_MESSAGE_ID;
    HDR_TYPE date_type = core->resent ? HDR_RESENT_DATE : HDR_DATE;
    HDR_TYPE from_type = core->resent ? HDR_RESENT_FROM : HDR_FROM;
    uint64_t visible = HDR_BIT(HDR_TO) | HDR_BIT(HDR_CC) | HDR_BIT(HDR_BCC)
    | HDR_BIT(HDR_RESENT_TO) | HDR_BIT(HDR_RESENT_CC) | HDR_BIT(HDR_RESENT_BCC);

    cleanup_header_flush(core);
    core->in_header = false;
    if (core->hdr_context == REWRITE_ADDR_LOCAL || core->cfg->always_add_missing_headers) {
	if ((core->headers_seen & HDR_BIT(id_type)) == 0) {
	    vstring_sprintf(buf, "%sMessage-Id: <%s.%s@%s>", prefix,
			    mail_date_stamp(date, core->ctime), core->queue_id,
			    core->cfg->myhostname);
	    cleanup_add_header(core, buf);
	    if (!core->msgid_logged) {
		core->msgid_logged = true;
		core_log(core->env, MSG_INFO, "%s: %smessage-id=<%s.%s@%s>",
			 core->queue_id, core->resent ? "resent-" : "",
			 vstring_str(date), core->queue_id, core->cfg->myhostname);
	    }
	}
	if ((core->headers_seen & HDR_BIT(date_type)) == 0) {
	    vstring_sprintf(buf, "%sDate: %s", prefix,
			    mail_date(date, core->arrival, core->cfg->tz_offset_minutes,
				      core->cfg->tz_name));
	    cleanup_add_header(core, buf);
	}
	if ((core->headers_seen & HDR_BIT(from_type)) == 0) {
	    vstring_sprintf(buf, "%sFrom: ", prefix);
	    if (core->sender == 0 || *core->sender == 0) {
		vstring_strcat(buf, "MAILER-DAEMON");
	    } else if (core->fullname != 0 && *core->fullname != 0) {
		cleanup_quote_phrase(buf, core->fullname);
		vstring_strcat(buf, " <");
		cleanup_quote_addr(buf, core->sender);
		vstring_addch(buf, '>');
	    } else {
		cleanup_quote_addr(buf, core->sender);
	    }
	    cleanup_add_header(core, buf);
	}
	if ((core->headers_seen & visible) == 0
	    && *core->cfg->undisclosed_recipients_header != 0) {
	    vstring_strcpy(buf, core->cfg->undisclosed_recipients_header);
	    cleanup_add_header(core, buf);
	}
    }
    if (!core->msgid_logged) {
	core->msgid_logged = true;
	core_log(core->env, MSG_INFO, "%s: message-id=<>", core->queue_id);
    }
    vstring_free(buf);
    vstring_free(date);
}

/* The first piece of a header-section line decides its fate. */
static void cleanup_header_piece(CLEANUP_CORE *core, int type, const char *data, size_t len)
{
    size_t  room;

    if (!core->line_open) {
	bool    cont = is_header_cont(data, len) && cleanup_lines(core)->count > 0;

	if (!cont && is_header_buf(data, len) == 0) {
	    /* Not a header: the body starts here. */
	    cleanup_header_end(core);
	    cleanup_out(core, type, data, len);
	    return;
	}
	if (!cont)
	    cleanup_header_flush(core);
	vstring_reset(core->line);
    }
    room = (size_t) core->cfg->header_size_limit + 1;
    if (vstring_len(core->line) < room)
	vstring_memcat(core->line, data, len < room - vstring_len(core->line) ?
		       len : room - vstring_len(core->line));
    if (type == REC_TYPE_CONT) {
	core->line_open = true;
	return;
    }
    core->line_open = false;
    cleanup_header_line(core, vstring_str(core->line), vstring_len(core->line));
    vstring_reset(core->line);
}

void    cleanup_message_end(CLEANUP_CORE *core)
{
    if (core->in_header) {
	if (core->line_open) {
	    core->line_open = false;
	    cleanup_header_line(core, vstring_str(core->line), vstring_len(core->line));
	}
	cleanup_header_end(core);
    }
}

void    cleanup_message(CLEANUP_CORE *core, int type, const char *data, size_t len)
{
    if (core->section == CLEANUP_SEC_EXTRACTED) {
	/* Extracted information we do not keep. */
	if (type != REC_TYPE_RRTO && type != REC_TYPE_ERTO && type != REC_TYPE_PRIO
	    && type != REC_TYPE_ATTR)
	    cleanup_protocol_error(core, "unexpected record type %d after content", type);
	return;
    }
    switch (type) {
    case REC_TYPE_NORM:
    case REC_TYPE_CONT:
	if (core->in_header)
	    cleanup_header_piece(core, type, data, len);
	else
	    cleanup_out(core, type, data, len);
	break;
    case REC_TYPE_DTXT:
	break;
    case REC_TYPE_XTRA:
	cleanup_message_end(core);
	core->xtra_offset = core->offset;
	cleanup_out(core, REC_TYPE_XTRA, "", 0);
	core->section = CLEANUP_SEC_EXTRACTED;
	break;
    default:
	cleanup_protocol_error(core, "unexpected record type %d in content", type);
	break;
    }
}
