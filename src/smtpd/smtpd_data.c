/*
 * NAME
 *	smtpd_data 3
 * SUMMARY
 *	smtpd Received: header and end-of-message replies
 * DESCRIPTION
 *	smtpd_received() appends the Received: header stock smtpd 3.7
 *	prepends to every message, as REC_TYPE_NORM records: the HELO
 *	name (or the client name) with the client name and address, our
 *	host and mail_name, the protocol and queue id, and "for <rcpt>"
 *	only when the message has exactly one recipient.
 *
 *	smtpd_close_reply() turns cleanup's CLOSE status into the reply
 *	after DATA or BDAT LAST, one status bit at a time in stock's order
 *	of precedence.
 */
#include <string.h>

#include "cleanup_proto.h"
#include "mail_addr.h"
#include "record.h"
#include "vstring.h"
#include "smtpd/smtpd.h"

void    smtpd_received(VSTRING *rec, const SMTPD_CONFIG *config, const SMTPD_RECEIVED *r)
{
    VSTRING *buf = vstring_alloc(100);

    rec_fprintf(rec, REC_TYPE_NORM, "Received: from %s (%s [%s])",
		r->helo ? r->helo : r->client_name, r->client_name, r->rfc_addr);
    if (r->recipient) {
	rec_fprintf(rec, REC_TYPE_NORM, "\tby %s (%s) with %s id %s",
		    config->myhostname, config->mail_name, r->protocol, r->queue_id);
	mail_addr_external(buf, r->recipient);
	rec_fprintf(rec, REC_TYPE_NORM, "\tfor <%s>; %s", vstring_str(buf), r->date);
    } else {
	rec_fprintf(rec, REC_TYPE_NORM, "\tby %s (%s) with %s id %s;",
		    config->myhostname, config->mail_name, r->protocol, r->queue_id);
	rec_fprintf(rec, REC_TYPE_NORM, "\t%s", r->date);
    }
    vstring_free(buf);
}

void    smtpd_close_reply(VSTRING *reply, int status, const char *why, const char *queue_id)
{
    if (status == CLEANUP_STAT_OK) {
	vstring_sprintf(reply, "250 2.0.0 Ok: queued as %s", queue_id);
    } else if (status & CLEANUP_STAT_SIZE) {
	vstring_strcpy(reply, "552 5.3.4 Error: message file too big");
    } else if (status & CLEANUP_STAT_HOPS) {
	vstring_strcpy(reply, "554 5.4.0 Error: too many hops");
    } else if (status & CLEANUP_STAT_CONT) {
	if (why && *why)
	    vstring_sprintf(reply, "%d %s", *why == '4' ? 451 : 550, why);
	else
	    vstring_strcpy(reply, "550 5.7.1 Error: message content rejected");
    } else if (status & CLEANUP_STAT_RCPT) {
	vstring_strcpy(reply, "554 5.5.1 Error: no valid recipients");
    } else {
	/* WRITE, BAD, DEFER and anything unknown: the client may retry. */
	vstring_strcpy(reply, "451 4.3.0 Error: queue file write error");
    }
}
