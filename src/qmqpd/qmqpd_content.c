/*
 * NAME
 *	qmqpd_content 3
 * SUMMARY
 *	qmqpd Received: header and message content records
 * DESCRIPTION
 *	qmqpd_content_records() appends what stock qmqpd sends cleanup after
 *	the recipients: REC_TYPE_MESG, its own Received: header, then the
 *	message split at LF into REC_TYPE_NORM records, a line longer than
 *	line_length_limit cut into REC_TYPE_CONT pieces, a last line without
 *	LF sent as REC_TYPE_CONT. UNIX-style "From " lines at the very start
 *	become X-Mailbox-Line: headers, and content that starts with white
 *	space gets an empty line first so it is not taken for a
 *	continuation of our header. The Received: header names the
 *	recipient only when there is exactly one (no Bcc leak).
 *
 *	The recipient's local part is quoted as headers need it
 *	(mail_addr_external()).
 */
#include <string.h>

#include "mail_addr.h"
#include "record.h"
#include "vstring.h"
#include "qmqpd/qmqpd.h"

/* qmqpd_is_from_line - "From " after any '>' within the piece */

static int qmqpd_is_from_line(const char *start, size_t len)
{
    size_t  i = 0;

    while (i < len && start[i] == '>')
	i++;
    return (len - i >= 5 && memcmp(start + i, "From ", 5) == 0);
}

void    qmqpd_content_records(VSTRING *rec, const QMQPD_CONFIG *config,
			              const QMQPD_CONTENT *c)
{
    VSTRING *buf = vstring_alloc(100);
    const char *next = c->message;
    const char *beyond = c->message + c->message_len;
    size_t  limit = config->line_length_limit;
    int     first = 1;

    rec_put(rec, REC_TYPE_MESG, "", 0);
    rec_fprintf(rec, REC_TYPE_NORM, "Received: from %s (%s [%s])",
		c->client_name, c->client_name, c->rfc_addr);
    if (c->rcpt_count == 1 && c->recipient) {
	rec_fprintf(rec, REC_TYPE_NORM, "\tby %s (%s) with QMQP id %s",
		    config->myhostname, config->mail_name, c->queue_id);
	mail_addr_external(buf, c->recipient);
	rec_fprintf(rec, REC_TYPE_NORM, "\tfor <%s>; %s", vstring_str(buf), c->date);
    } else {
	rec_fprintf(rec, REC_TYPE_NORM, "\tby %s (%s) with QMQP",
		    config->myhostname, config->mail_name);
	rec_fprintf(rec, REC_TYPE_NORM, "\tid %s; %s", c->queue_id, c->date);
    }
    while (next < beyond) {
	const char *start = next;
	const char *nl;
	size_t  avail = (size_t) (beyond - start);
	size_t  len;
	int     type;

	/* A line, or a piece of at most limit bytes of a longer one. */
	nl = memchr(start, '\n', avail < limit + 1 ? avail : limit + 1);
	if (nl) {
	    len = (size_t) (nl - start);
	    next = nl + 1;
	    type = REC_TYPE_NORM;
	} else {
	    len = avail < limit ? avail : limit;
	    next = start + len;
	    type = REC_TYPE_CONT;
	}
	if (first) {
	    if (qmqpd_is_from_line(start, len)) {
		vstring_strcpy(buf, "X-Mailbox-Line: ");
		vstring_memcat(buf, start, len);
		rec_put(rec, type, vstring_str(buf), vstring_len(buf));
		continue;
	    }
	    first = 0;
	    if (len > 0 && (start[0] == ' ' || start[0] == '\t'))
		rec_put(rec, REC_TYPE_NORM, "", 0);
	}
	rec_put(rec, type, start, len);
    }
    vstring_free(buf);
}
