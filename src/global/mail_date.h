#ifndef MAIL_DATE_H
#define MAIL_DATE_H
/*
 * NAME
 *	mail_date 3h
 * SUMMARY
 *	RFC 5322 date-time text
 * DESCRIPTION
 *	mail_date() formats the time "when" (seconds since the epoch, UTC)
 *	as seen in a zone offset_minutes east of UTC, the way stock Postfix
 *	writes Date: and Received: headers: day name, space-padded day of
 *	the month, month name, year, time, numeric offset and, when zone
 *	is not NULL, the zone name in parentheses:
 *	"Wed, 25 Nov 2026 10:11:12 +0000 (UTC)", "Mon,  1 Jan 2024 ...".
 *	It does no I/O and reads no time zone database: the caller says
 *	which offset and name apply. The result replaces out's content.
 *
 *	mail_date_stamp() writes "YYYYMMDDHHMMSS" in UTC, the time part of
 *	the Message-Id that cleanup adds.
 */
#include <stdint.h>
#include "vstring.h"

const char *mail_date(VSTRING *out, int64_t when, int offset_minutes, const char *zone);
const char *mail_date_stamp(VSTRING *out, int64_t when);

/* Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
void    mail_date_civil(int64_t days, int64_t *year, int *month, int *mday);

#endif
