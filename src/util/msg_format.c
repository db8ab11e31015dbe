/*
 * NAME
 *	msg_format 3
 * SUMMARY
 *	log line layout as stock Postfix writes it to a file
 * DESCRIPTION
 *	msg_format_line() replaces the content of its output buffer with
 *	"Mon DD HH:MM:SS host name/process[pid]: prefix text" and a
 *	newline. The day of month is padded with a
 *	space like syslog ("Nov  5"). Month names come from a fixed table so
 *	the result does not depend on the locale. When process is NULL or
 *	empty the tag is just "name[pid]". The time is converted with the
 *	local time zone (TZ), which is the only outside input.
 */
#include <time.h>

#include "msg.h"
#include "vstring.h"

static const char msg_month_names[12][4] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

VSTRING *msg_format_line(VSTRING *out, time_t when, const char *host,
			         const char *syslog_name, const char *process,
			         long pid, MSG_LEVEL level, const char *text)
{
    struct tm tm;
    const char *month = "???";

    vstring_reset(out);
    if (localtime_r(&when, &tm) == 0) {
	tm.tm_mon = -1;
	tm.tm_mday = tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    }
    if (tm.tm_mon >= 0 && tm.tm_mon < 12)
	month = msg_month_names[tm.tm_mon];
    vstring_sprintf_append(out, "%s %2d %02d:%02d:%02d %s %s", month,
			   tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			   host, syslog_name);
    if (process != 0 && *process != 0)
	vstring_sprintf_append(out, "/%s", process);
    vstring_sprintf_append(out, "[%ld]: %s%s\n", pid,
			   msg_level_prefix(level), text);
    return (out);
}
