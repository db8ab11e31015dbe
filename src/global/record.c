/*
 * NAME
 *	record 3
 * SUMMARY
 *	queue file record encoding and decoding
 * DESCRIPTION
 *	See record.h for the wire format. The decoders never trust the
 *	length field: it is bounded in digits, in value and by the
 *	caller's limit before any data is looked at.
 */
#include <stdarg.h>
#include <string.h>

#include "mymalloc.h"
#include "record.h"

void    rec_put(VSTRING *out, int type, const char *data, size_t len)
{
    size_t  rest = len;

    vstring_addch(out, (char) type);
    do {
	unsigned char digit = rest & 0x7f;

	rest >>= 7;
	if (rest != 0)
	    digit |= 0x80;
	vstring_addch(out, (char) digit);
    } while (rest != 0);
    vstring_memcat(out, data, len);
}

void    rec_puts(VSTRING *out, int type, const char *text)
{
    rec_put(out, type, text, strlen(text));
}

void    rec_fprintf(VSTRING *out, int type, const char *fmt,...)
{
    VSTRING *buf = vstring_alloc(64);
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf(buf, fmt, ap);
    va_end(ap);
    rec_put(out, type, vstring_str(buf), vstring_len(buf));
    vstring_free(buf);
}

void    rec_attr(VSTRING *out, const char *name, const char *value)
{
    VSTRING *buf = vstring_alloc(64);

    vstring_sprintf(buf, "%s=%s", name, value);
    rec_put(out, REC_TYPE_ATTR, vstring_str(buf), vstring_len(buf));
    vstring_free(buf);
}

int     rec_decode(const char *buf, size_t len, size_t max_len, REC_RECORD *rec)
{
    size_t  pos = 1;
    size_t  rlen = 0;
    unsigned shift = 0;
    unsigned char ch;

    if (len < 1)
	return (REC_GET_MORE);
    for (;;) {
	if (pos > REC_LEN_MAX_DIGITS)
	    return (REC_TYPE_ERROR);
	if (pos >= len)
	    return (REC_GET_MORE);
	ch = (unsigned char) buf[pos++];
	rlen |= (size_t) (ch & 0x7f) << shift;
	shift += 7;
	if ((ch & 0x80) == 0)
	    break;
    }
    if (rlen > REC_LEN_MAX)
	return (REC_TYPE_ERROR);
    if (rlen > max_len)
	return (REC_GET_TOOLONG);
    if (len - pos < rlen)
	return (REC_GET_MORE);
    rec->type = (unsigned char) buf[0];
    rec->data = buf + pos;
    rec->len = rlen;
    rec->offset = 0;
    rec->size = pos + rlen;
    return (rec->type);
}

void    rec_iter_init(REC_ITER *it, const char *buf, size_t len, size_t max_len)
{
    it->buf = buf;
    it->len = len;
    it->pos = 0;
    it->max_len = max_len;
}

int     rec_iter_next(REC_ITER *it, REC_RECORD *rec)
{
    int     status;

    if (it->pos >= it->len)
	return (REC_TYPE_EOF);
    status = rec_decode(it->buf + it->pos, it->len - it->pos, it->max_len, rec);
    if (status == REC_GET_MORE)
	return (REC_GET_TRUNC);
    if (status < 0)
	return (status);
    rec->offset = it->pos;
    it->pos += rec->size;
    return (status);
}

struct REC_READER {
    VSTRING *buf;			/* bytes not yet handed out */
    size_t  start;			/* first unconsumed byte in buf */
    size_t  base;			/* stream offset of buf[0] */
    size_t  max_len;
    int     eof;
    int     error;			/* sticky status, 0 if none */
};

REC_READER *rec_reader_create(size_t max_len)
{
    REC_READER *rr = (REC_READER *) mymalloc(sizeof(*rr));

    rr->buf = vstring_alloc(256);
    rr->start = 0;
    rr->base = 0;
    rr->max_len = max_len;
    rr->eof = 0;
    rr->error = 0;
    return (rr);
}

void    rec_reader_feed(REC_READER *rr, const char *data, size_t len)
{
    size_t  used = vstring_len(rr->buf);

    /* Drop consumed bytes so the buffer holds at most one partial record. */
    if (rr->start > 0) {
	memmove(vstring_str(rr->buf), vstring_str(rr->buf) + rr->start,
		used - rr->start);
	vstring_truncate(rr->buf, used - rr->start);
	rr->base += rr->start;
	rr->start = 0;
    }
    if (len > 0)
	vstring_memcat(rr->buf, data, len);
}

void    rec_reader_eof(REC_READER *rr)
{
    rr->eof = 1;
}

int     rec_reader_get(REC_READER *rr, REC_RECORD *rec)
{
    size_t  avail = vstring_len(rr->buf) - rr->start;
    int     status;

    if (rr->error)
	return (rr->error);
    if (avail == 0)
	return (rr->eof ? REC_TYPE_EOF : REC_GET_MORE);
    status = rec_decode(vstring_str(rr->buf) + rr->start, avail, rr->max_len, rec);
    if (status == REC_GET_MORE)
	return (rr->eof ? (rr->error = REC_GET_TRUNC) : REC_GET_MORE);
    if (status < 0)
	return (rr->error = status);
    rec->offset = rr->base + rr->start;
    rr->start += rec->size;
    return (status);
}

size_t  rec_reader_pending(const REC_READER *rr)
{
    return (vstring_len(rr->buf) - rr->start);
}

void    rec_reader_free(REC_READER *rr)
{
    vstring_free(rr->buf);
    myfree(rr);
}

/*
 * Names as stock's logs print them, in stock's order: the first match
 * wins, so 'L' is content_filter here. The milter count and delay
 * records have no name in stock.
 */
static const struct {
    int     type;
    const char *name;
} rec_type_names[] = {
    {REC_TYPE_EOF, "end-of-file"},
    {REC_TYPE_ERROR, "error"},
    {REC_TYPE_SIZE, "message_size"},
    {REC_TYPE_TIME, "message_arrival_time"},
    {REC_TYPE_CTIME, "queue_file_create_time"},
    {REC_TYPE_FULL, "sender_fullname"},
    {REC_TYPE_INSP, "content_inspector"},
    {REC_TYPE_FILT, "content_filter"},
    {REC_TYPE_FROM, "sender"},
    {REC_TYPE_DONE, "done_recipient"},
    {REC_TYPE_DRCP, "canceled_recipient"},
    {REC_TYPE_RCPT, "recipient"},
    {REC_TYPE_ORCP, "original_recipient"},
    {REC_TYPE_WARN, "warning_message_time"},
    {REC_TYPE_ATTR, "named_attribute"},
    {REC_TYPE_PTR, "pointer_record"},
    {REC_TYPE_KILL, "killed_record"},
    {REC_TYPE_MESG, "message_content"},
    {REC_TYPE_CONT, "unterminated_text"},
    {REC_TYPE_NORM, "regular_text"},
    {REC_TYPE_DTXT, "padding"},
    {REC_TYPE_XTRA, "extracted_info"},
    {REC_TYPE_RRTO, "return_receipt"},
    {REC_TYPE_ERTO, "errors_to"},
    {REC_TYPE_PRIO, "priority"},
    {REC_TYPE_VERP, "verp_delimiters"},
    {REC_TYPE_END, "message_end"},
    {REC_TYPE_RDR, "redirect_to"},
    {REC_TYPE_FLGS, "flags"},
    {REC_TYPE_DSN_RET, "dsn_return_flags"},
    {REC_TYPE_DSN_ENVID, "dsn_envelope_id"},
    {REC_TYPE_DSN_ORCPT, "dsn_original_recipient"},
    {REC_TYPE_DSN_NOTIFY, "dsn_notify_flags"},
};

const char *rec_type_name(int type)
{
    size_t  i;

    for (i = 0; i < sizeof(rec_type_names) / sizeof(rec_type_names[0]); i++)
	if (rec_type_names[i].type == type)
	    return (rec_type_names[i].name);
    return ("unknown_record_type");
}

const char *rec_type_name_in(int type, REC_SECTION section)
{
    if (type == REC_TYPE_CONT && section == REC_SECT_CONTENT)
	return ("unterminated_text");
    return (rec_type_name(type));
}

int     rec_type_known(int type)
{
    return (type == REC_TYPE_DELAY || type == REC_TYPE_MILT_COUNT
	    || (type >= 0 && strcmp(rec_type_name(type), "unknown_record_type") != 0));
}
