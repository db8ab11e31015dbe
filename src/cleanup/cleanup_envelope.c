/*
 * NAME
 *	cleanup_envelope 3
 * SUMMARY
 *	cleanup core: envelope records
 * DESCRIPTION
 *	Writes the envelope as stock 3.7 cleanup does: the SIZE record
 *	(placeholder, patched at the end), TIME, the create_time attribute,
 *	then the client's attributes and sender in their order, and per
 *	recipient the DSN attributes, ORCP (the address as received) and
 *	RCPT (rewritten). Sender and recipients are rewritten in the local
 *	context, as stock cleanup asks trivial-rewrite; the rewrite_context
 *	attribute chooses the context for headers. Duplicate recipients
 *	(case-insensitive) are dropped, up to duplicate_filter_limit.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "record.h"
#include "cleanup_int.h"

#define CLEANUP_SIZE_FORMAT "%15ld %15ld %15ld %15ld %15ld %15ld"
#define ATTR_DSN_ORCPT	"dsn_orig_rcpt"
#define ATTR_DSN_NOTIFY	"notify_flags"
#define ATTR_CREATE_TIME "create_time"

/* Parses a decimal number at the start of text; -1 when there is none. */
static long cleanup_number(const char *data, size_t len)
{
    long    val = 0;
    size_t  i;

    if (len == 0)
	return (-1);
    for (i = 0; i < len && data[i] >= '0' && data[i] <= '9'; i++) {
	if (val > (LONG_MAX - 9) / 10)
	    return (-1);
	val = val * 10 + (data[i] - '0');
    }
    return (i == 0 ? -1 : val);
}

static void cleanup_set(char **dst, const char *data, size_t len)
{
    myfree(*dst);
    *dst = data ? mystrndup(data, len) : 0;
}

static void cleanup_time_records(CLEANUP_CORE *core, const char *data, size_t len)
{
    VSTRING *buf = core->tmp;

    core->time_seen = true;
    core->arrival = cleanup_number(data, len);
    if (core->arrival < 0) {
	cleanup_protocol_error(core, "bad time record");
	return;
    }
    cleanup_out(core, REC_TYPE_TIME, data, len);
    vstring_sprintf(buf, "%s=%lld", ATTR_CREATE_TIME, (long long) core->ctime);
    cleanup_out(core, REC_TYPE_ATTR, vstring_str(buf), vstring_len(buf));
}

static void cleanup_attr(CLEANUP_CORE *core, const char *data, size_t len)
{
    const char *eq = memchr(data, '=', len);
    size_t  nlen;
    int     ctx;

    if (eq == 0 || eq == data || memchr(data, 0, len) != 0) {
	cleanup_protocol_error(core, "bad attribute record");
	return;
    }
    nlen = (size_t) (eq - data);
    if (nlen == strlen(ATTR_DSN_ORCPT) && memcmp(data, ATTR_DSN_ORCPT, nlen) == 0) {
	cleanup_set(&core->pend_dsn_orcpt, eq + 1, len - nlen - 1);
	return;
    }
    if (nlen == strlen(ATTR_DSN_NOTIFY) && memcmp(data, ATTR_DSN_NOTIFY, nlen) == 0) {
	if ((core->pend_notify = cleanup_number(eq + 1, len - nlen - 1)) < 0)
	    cleanup_protocol_error(core, "bad notify_flags attribute");
	return;
    }
    if (nlen == strlen(MAIL_ATTR_RWR_CONTEXT)
	&& memcmp(data, MAIL_ATTR_RWR_CONTEXT, nlen) == 0) {
	vstring_strncpy(core->tmp, eq + 1, len - nlen - 1);
	if ((ctx = rewrite_addr_context(vstring_str(core->tmp))) < 0) {
	    cleanup_protocol_error(core, "bad rewrite_context attribute");
	    return;
	}
	core->hdr_context = (REWRITE_ADDR_CONTEXT) ctx;
    }
    cleanup_out(core, REC_TYPE_ATTR, data, len);
}

static void cleanup_from(CLEANUP_CORE *core, const char *data, size_t len)
{
    if (core->from_seen) {
	cleanup_protocol_error(core, "duplicate sender record");
	return;
    }
    core->from_seen = true;
    vstring_strncpy(core->tmp2, data, len);
    rewrite_addr(core->tmp, &core->rw, REWRITE_ADDR_LOCAL, vstring_str(core->tmp2));
    cleanup_set(&core->sender, vstring_str(core->tmp), vstring_len(core->tmp));
    cleanup_out(core, REC_TYPE_FROM, vstring_str(core->tmp), vstring_len(core->tmp));
}

static void cleanup_rcpt(CLEANUP_CORE *core, const char *data, size_t len)
{
    VSTRING *orig = core->tmp2;
    VSTRING *recip = core->tmp;
    VSTRING *buf;
    char   *key;

    if (core->pend_orcp)
	vstring_strcpy(orig, core->pend_orcp);
    else
	vstring_strncpy(orig, data, len);
    buf = vstring_alloc(len + 1);
    vstring_strncpy(buf, data, len);
    rewrite_addr(recip, &core->rw, REWRITE_ADDR_LOCAL, vstring_str(buf));
    if (vstring_len(recip) == 0)
	vstring_strcpy(recip, core->cfg->empty_address_recipient);
    key = lowercase(mystrdup(vstring_str(recip)));
    if (htable_find(core->dups, key) != 0) {
	myfree(key);
    } else {
	if ((long) htable_used(core->dups) < core->cfg->duplicate_filter_limit)
	    htable_enter(core->dups, key, (void *) 1);
	myfree(key);
	if (core->pend_dsn_orcpt)
	    vstring_sprintf(buf, "%s=%s", ATTR_DSN_ORCPT, core->pend_dsn_orcpt);
	else
	    vstring_sprintf(buf, "%s=rfc822;%s", ATTR_DSN_ORCPT, vstring_str(recip));
	cleanup_out(core, REC_TYPE_ATTR, vstring_str(buf), vstring_len(buf));
	if (core->pend_notify > 0) {
	    vstring_sprintf(buf, "%s=%ld", ATTR_DSN_NOTIFY, core->pend_notify);
	    cleanup_out(core, REC_TYPE_ATTR, vstring_str(buf), vstring_len(buf));
	}
	if (core->cfg->enable_original_recipient)
	    cleanup_out(core, REC_TYPE_ORCP, vstring_str(orig), vstring_len(orig));
	cleanup_out(core, REC_TYPE_RCPT, vstring_str(recip), vstring_len(recip));
	core->rcpt_count++;
    }
    vstring_free(buf);
    cleanup_set(&core->pend_orcp, 0, 0);
    cleanup_set(&core->pend_dsn_orcpt, 0, 0);
    core->pend_notify = -1;
}

void    cleanup_envelope(CLEANUP_CORE *core, int type, const char *data, size_t len)
{
    if (!core->size_written) {
	VSTRING *buf = core->tmp;

	core->size_written = true;
	vstring_sprintf(buf, CLEANUP_SIZE_FORMAT, 0L, 0L, 0L, 0L, 0L, 0L);
	cleanup_out(core, REC_TYPE_SIZE, vstring_str(buf), vstring_len(buf));
    }
    if (type != REC_TYPE_TIME && !core->time_seen) {
	/* No arrival time from the client: use ours. */
	vstring_sprintf(core->tmp2, "%lld 0", (long long) core->ctime);
	cleanup_time_records(core, vstring_str(core->tmp2), vstring_len(core->tmp2));
    }
    switch (type) {
    case REC_TYPE_TIME:
	if (core->time_seen)
	    cleanup_protocol_error(core, "duplicate time record");
	else
	    cleanup_time_records(core, data, len);
	break;
    case REC_TYPE_ATTR:
	cleanup_attr(core, data, len);
	break;
    case REC_TYPE_FULL:
	cleanup_set(&core->fullname, data, len);
	cleanup_out(core, type, data, len);
	break;
    case REC_TYPE_FROM:
	cleanup_from(core, data, len);
	break;
    case REC_TYPE_ORCP:
	cleanup_set(&core->pend_orcp, data, len);
	break;
    case REC_TYPE_DSN_ORCPT:
	cleanup_set(&core->pend_dsn_orcpt, data, len);
	break;
    case REC_TYPE_DSN_NOTIFY:
	if ((core->pend_notify = cleanup_number(data, len)) < 0)
	    cleanup_protocol_error(core, "bad notify record");
	break;
    case REC_TYPE_RCPT:
	if (!core->from_seen)
	    cleanup_protocol_error(core, "recipient before sender");
	else
	    cleanup_rcpt(core, data, len);
	break;
    case REC_TYPE_INSP:
    case REC_TYPE_FILT:
    case REC_TYPE_VERP:
    case REC_TYPE_DSN_RET:
    case REC_TYPE_DSN_ENVID:
	cleanup_out(core, type, data, len);
	break;
    case REC_TYPE_MESG:
	if (!core->from_seen) {
	    cleanup_protocol_error(core, "message content before sender");
	    break;
	}
	cleanup_out(core, REC_TYPE_MESG, "", 0);
	core->data_offset = core->offset;
	core->section = CLEANUP_SEC_CONTENT;
	core->in_header = true;
	break;
    default:
	cleanup_protocol_error(core, "unexpected record type %d in envelope", type);
	break;
    }
}

void    cleanup_envelope_size(CLEANUP_CORE *core, VSTRING *out)
{
    long    content = (long) (core->xtra_offset - core->data_offset);

    vstring_reset(out);
    vstring_sprintf(core->tmp, CLEANUP_SIZE_FORMAT, content, (long) core->data_offset,
		    core->rcpt_count, 0L, content,
		    (core->flags & CLEANUP_FLAG_SMTPUTF8) ? 1L : 0L);
    rec_put(out, REC_TYPE_SIZE, vstring_str(core->tmp), vstring_len(core->tmp));
}
