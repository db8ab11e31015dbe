/*
 * NAME
 *	mail_date 3
 * SUMMARY
 *	RFC 5322 date-time text
 * DESCRIPTION
 *	Pure calendar arithmetic (days to civil date by 400-year eras), so
 *	cores can write Date: headers without gmtime() or the zone files.
 */
#include "mail_date.h"

static const char *const mail_date_days[] = {
    "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",	/* 1970-01-01 was a Thursday */
};
static const char *const mail_date_months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static int64_t mail_date_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0)))
	q--;
    return (q);
}

void    mail_date_civil(int64_t days, int64_t *year, int *month, int *mday)
{
    int64_t z = days + 719468;		/* days since 0000-03-01 */
    int64_t era = mail_date_floordiv(z, 146097);
    int64_t doe = z - era * 146097;	/* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;	/* March = 0 */
    int     m = (int) (mp < 10 ? mp + 3 : mp - 9);

    *mday = (int) (doy - (153 * mp + 2) / 5 + 1);
    *month = m;
    *year = yoe + era * 400 + (m <= 2);
}

/* Splits a UTC second count into civil date, time and weekday. */
static void mail_date_split(int64_t when, int64_t *year, int *month, int *mday,
			            int *hms, int *wday)
{
    int64_t days = mail_date_floordiv(when, 86400);
    int64_t secs = when - days * 86400;

    mail_date_civil(days, year, month, mday);
    *hms = (int) secs;
    *wday = (int) (days - mail_date_floordiv(days, 7) * 7);
}

const char *mail_date(VSTRING *out, int64_t when, int offset_minutes, const char *zone)
{
    int64_t year;
    int     month, mday, hms, wday;
    int     off = offset_minutes < 0 ? -offset_minutes : offset_minutes;

    mail_date_split(when + (int64_t) offset_minutes * 60, &year, &month, &mday, &hms, &wday);
    vstring_sprintf(out, "%s, %2d %s %lld %02d:%02d:%02d %c%02d%02d",
		    mail_date_days[wday], mday, mail_date_months[month - 1],
		    (long long) year, hms / 3600, hms / 60 % 60, hms % 60,
		    offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
    if (zone != 0)
	vstring_sprintf_append(out, " (%s)", zone);
    return (vstring_str(out));
}

const char *mail_date_stamp(VSTRING *out, int64_t when)
{
    int64_t year;
    int     month, mday, hms, wday;

    mail_date_split(when, &year, &month, &mday, &hms, &wday);
    vstring_sprintf(out, "%04lld%02d%02d%02d%02d%02d", (long long) year, month, mday,
		    hms / 3600, hms / 60 % 60, hms % 60);
    return (vstring_str(out));
}
