#ifndef HEADER_OPTS_H
#define HEADER_OPTS_H
/*
 * NAME
 *	header_opts 3h
 * SUMMARY
 *	message headers that the mail system knows by name
 * DESCRIPTION
 *	One entry per header that some part of the system treats specially,
 *	with its preferred capitalization, a type code and class flags, as
 *	stock Postfix 3.7 lists them. Lookups ignore case and trailing
 *	blanks in the name.
 *
 *	HDR_OPT_SENDER	holds sender addresses (rewritten as senders)
 *	HDR_OPT_RECIP	holds recipient addresses
 *	HDR_OPT_XRECIP	recipient header that recipient extraction uses
 *	HDR_OPT_RR	a Resent- header
 *	HDR_OPT_MIME	a MIME header
 *
 *	Which headers cleanup removes is configuration
 *	(message_drop_headers), not a property of this table.
 */
#include <stddef.h>

typedef enum HDR_TYPE {
    HDR_OTHER = 0,
    HDR_APPARENTLY_TO,
    HDR_BCC,
    HDR_CC,
    HDR_CONTENT_DESCRIPTION,
    HDR_CONTENT_DISPOSITION,
    HDR_CONTENT_ID,
    HDR_CONTENT_LENGTH,
    HDR_CONTENT_TRANSFER_ENCODING,
    HDR_CONTENT_TYPE,
    HDR_DELIVERED_TO,
    HDR_DISP_NOTIFICATION,
    HDR_DATE,
    HDR_ERRORS_TO,
    HDR_FROM,
    HDR_MAIL_FOLLOWUP_TO,
    HDR_MESSAGE_ID,
    HDR_MIME_VERSION,
    HDR_RECEIVED,
    HDR_REPLY_TO,
    HDR_RESENT_BCC,
    HDR_RESENT_CC,
    HDR_RESENT_DATE,
    HDR_RESENT_FROM,
    HDR_RESENT_MESSAGE_ID,
    HDR_RESENT_REPLY_TO,
    HDR_RESENT_SENDER,
    HDR_RESENT_TO,
    HDR_RETURN_PATH,
    HDR_RETURN_RECEIPT_TO,
    HDR_SENDER,
    HDR_TO,
    HDR_X_ORIGINAL_TO,
    HDR_X_RCPT_TO,
    HDR_X_SENDER,
    HDR_TYPE_COUNT,			/* keep last */
} HDR_TYPE;

#define HDR_OPT_SENDER	(1<<0)
#define HDR_OPT_RECIP	(1<<1)
#define HDR_OPT_XRECIP	(1<<2)
#define HDR_OPT_RR	(1<<3)
#define HDR_OPT_MIME	(1<<4)

typedef struct HEADER_OPTS {
    const char *name;			/* preferred capitalization */
    HDR_TYPE type;
    unsigned flags;
} HEADER_OPTS;

/* Name of len bytes (no colon); NULL when the header is not in the table. */
const HEADER_OPTS *header_opts_find(const char *name, size_t len);
/* The table itself, sorted by name (case-insensitive). */
const HEADER_OPTS *header_opts_table(size_t *count);

#endif
