#ifndef MSG_H
#define MSG_H
/*
 * NAME
 *	msg 3h
 * SUMMARY
 *	diagnostics and logging
 * DESCRIPTION
 *	msg_info() and friends format a text and hand it, with its level, to
 *	every registered output. Outputs are pluggable so commands log to
 *	stderr ("prog: warning: text"), daemons to syslog or $maillog_file in
 *	stock Postfix's line format, and tests capture what was logged.
 *	msg_fatal() exits with status 1 after running the cleanup hook;
 *	msg_panic() aborts. Cores do not call these: they log through the
 *	sink in their CORE_ENV (core.h).
 */
#include <stdarg.h>
#include <time.h>
#include "vstring.h"

typedef enum MSG_LEVEL {
    MSG_INFO, MSG_WARN, MSG_ERROR, MSG_FATAL, MSG_PANIC,
} MSG_LEVEL;

extern int msg_verbose;			/* -v count */

void    msg_info(const char *fmt,...) __attribute__((format(printf, 1, 2)));
void    msg_warn(const char *fmt,...) __attribute__((format(printf, 1, 2)));
void    msg_error(const char *fmt,...) __attribute__((format(printf, 1, 2)));
void    msg_fatal(const char *fmt,...) __attribute__((format(printf, 1, 2), noreturn));
void    msg_fatal_status(int status, const char *fmt,...) __attribute__((format(printf, 2, 3), noreturn));
void    msg_panic(const char *fmt,...) __attribute__((format(printf, 1, 2), noreturn));
void    msg_vprintf(MSG_LEVEL level, const char *fmt, va_list ap);
/* Number of msg_error() calls so far; stock exits after 13. */
int     msg_error_count(void);

/* Output plumbing. */
typedef void (*MSG_OUTPUT_FN) (MSG_LEVEL level, const char *text, void *context);
void    msg_output_add(MSG_OUTPUT_FN fn, void *context);
void    msg_output_reset(void);			/* removes all outputs */
typedef void (*MSG_CLEANUP_FN) (void);
MSG_CLEANUP_FN msg_cleanup(MSG_CLEANUP_FN fn);	/* run before fatal exit */

/* Level prefix as stock prints it: "", "warning: ", "error: ", "fatal: ", "panic: " */
const char *msg_level_prefix(MSG_LEVEL level);

/* Standard outputs. */
void    msg_stderr_init(const char *progname);	/* "progname: warning: text" */
void    msg_syslog_init(const char *syslog_name, int facility);
int     msg_logfile_init(const char *path, const char *syslog_name);	/* -1 on error */

/*
 * Formats one log line as stock writes it to a file:
 * "Mon DD HH:MM:SS host syslog_name/process[pid]: prefix text\n". Pure.
 */
VSTRING *msg_format_line(VSTRING *out, time_t when, const char *host,
			  const char *syslog_name, const char *process,
			  long pid, MSG_LEVEL level, const char *text);

#endif
