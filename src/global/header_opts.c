/*
 * NAME
 *	header_opts 3
 * SUMMARY
 *	message headers that the mail system knows by name
 * DESCRIPTION
 *	A sorted constant table and a binary search keep this pure and
 *	free of start-up state.
 */
#include <stdlib.h>
#include <string.h>

#include "header_opts.h"

static const HEADER_OPTS header_opts[] = {
    {"Apparently-To", HDR_APPARENTLY_TO, HDR_OPT_RECIP},
    {"Bcc", HDR_BCC, HDR_OPT_XRECIP},
    {"Cc", HDR_CC, HDR_OPT_XRECIP},
    {"Content-Description", HDR_CONTENT_DESCRIPTION, HDR_OPT_MIME},
    {"Content-Disposition", HDR_CONTENT_DISPOSITION, HDR_OPT_MIME},
    {"Content-ID", HDR_CONTENT_ID, HDR_OPT_MIME},
    {"Content-Length", HDR_CONTENT_LENGTH, 0},
    {"Content-Transfer-Encoding", HDR_CONTENT_TRANSFER_ENCODING, HDR_OPT_MIME},
    {"Content-Type", HDR_CONTENT_TYPE, HDR_OPT_MIME},
    {"Date", HDR_DATE, 0},
    {"Delivered-To", HDR_DELIVERED_TO, 0},
    {"Disposition-Notification-To", HDR_DISP_NOTIFICATION, HDR_OPT_SENDER},
    {"Errors-To", HDR_ERRORS_TO, HDR_OPT_SENDER},
    {"From", HDR_FROM, HDR_OPT_SENDER},
    {"Mail-Followup-To", HDR_MAIL_FOLLOWUP_TO, HDR_OPT_SENDER},
    {"Message-Id", HDR_MESSAGE_ID, 0},
    {"MIME-Version", HDR_MIME_VERSION, HDR_OPT_MIME},
    {"Received", HDR_RECEIVED, 0},
    {"Reply-To", HDR_REPLY_TO, HDR_OPT_SENDER},
    {"Resent-Bcc", HDR_RESENT_BCC, HDR_OPT_XRECIP | HDR_OPT_RR},
    {"Resent-Cc", HDR_RESENT_CC, HDR_OPT_XRECIP | HDR_OPT_RR},
    {"Resent-Date", HDR_RESENT_DATE, HDR_OPT_RR},
    {"Resent-From", HDR_RESENT_FROM, HDR_OPT_SENDER | HDR_OPT_RR},
    {"Resent-Message-Id", HDR_RESENT_MESSAGE_ID, HDR_OPT_RR},
    {"Resent-Reply-To", HDR_RESENT_REPLY_TO, HDR_OPT_RECIP | HDR_OPT_RR},
    {"Resent-Sender", HDR_RESENT_SENDER, HDR_OPT_SENDER | HDR_OPT_RR},
    {"Resent-To", HDR_RESENT_TO, HDR_OPT_XRECIP | HDR_OPT_RR},
    {"Return-Path", HDR_RETURN_PATH, HDR_OPT_SENDER},
    {"Return-Receipt-To", HDR_RETURN_RECEIPT_TO, HDR_OPT_SENDER},
    {"Sender", HDR_SENDER, HDR_OPT_SENDER},
    {"To", HDR_TO, HDR_OPT_XRECIP},
    {"X-Original-To", HDR_X_ORIGINAL_TO, HDR_OPT_RECIP},
    {"X-Rcpt-To", HDR_X_RCPT_TO, HDR_OPT_RECIP},
    {"X-Sender", HDR_X_SENDER, HDR_OPT_SENDER},
};

#define HEADER_OPTS_COUNT (sizeof(header_opts) / sizeof(header_opts[0]))

static int header_opts_lower(int ch)
{
    return (ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
}

/* Compares name[0..len) with str, ignoring ASCII case. */
static int header_opts_cmp(const char *name, size_t len, const char *str)
{
    size_t  i;
    int     a, b;

    for (i = 0; i < len && str[i] != 0; i++) {
	a = header_opts_lower((unsigned char) name[i]);
	b = header_opts_lower((unsigned char) str[i]);
	if (a != b)
	    return (a - b);
    }
    if (i < len)
	return (1);
    return (str[i] == 0 ? 0 : -1);
}

const HEADER_OPTS *header_opts_find(const char *name, size_t len)
{
    size_t  lo = 0, hi = HEADER_OPTS_COUNT, mid;
    int     cmp;

    while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
	len--;
    while (lo < hi) {
	mid = lo + (hi - lo) / 2;
	cmp = header_opts_cmp(name, len, header_opts[mid].name);
	if (cmp == 0)
	    return (header_opts + mid);
	if (cmp < 0)
	    hi = mid;
	else
	    lo = mid + 1;
    }
    return (0);
}

const HEADER_OPTS *header_opts_table(size_t *count)
{
    *count = HEADER_OPTS_COUNT;
    return (header_opts);
}
