/*
 * NAME
 *	msg 3
 * SUMMARY
 *	diagnostics dispatch
 * DESCRIPTION
 *	Formats a message once and hands it to each registered output
 *	(stderr, syslog, log file, or a test's capture function). Without
 *	any output the text goes to stderr as "prefix text" so early
 *	failures are never silent. Formatting uses a stack buffer and falls
 *	back to plain malloc() for long texts, never mymalloc(): a failing
 *	allocator reports through here and must not recurse.
 *
 *	errno is preserved across every call so "%m" reports the caller's
 *	error and logging does not disturb the caller's error handling.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

int     msg_verbose;

#define MSG_OUTPUT_MAX	8
#define MSG_ERROR_BOUND	13		/* stock's default error limit */

typedef struct MSG_OUTPUT {
    MSG_OUTPUT_FN fn;
    void   *context;
} MSG_OUTPUT;

static MSG_OUTPUT msg_outputs[MSG_OUTPUT_MAX];
static size_t msg_output_count;
static MSG_CLEANUP_FN msg_cleanup_fn;
static int msg_errors;
static int msg_exiting;			/* fatal/panic in progress */

const char *msg_level_prefix(MSG_LEVEL level)
{
    switch (level) {
    case MSG_INFO:
	return ("");
    case MSG_WARN:
	return ("warning: ");
    case MSG_ERROR:
	return ("error: ");
    case MSG_FATAL:
	return ("fatal: ");
    case MSG_PANIC:
	return ("panic: ");
    }
    return ("");
}

/* Adding a registered (fn, context) pair again is a no-op. */
void    msg_output_add(MSG_OUTPUT_FN fn, void *context)
{
    size_t  i;

    for (i = 0; i < msg_output_count; i++)
	if (msg_outputs[i].fn == fn && msg_outputs[i].context == context)
	    return;
    if (msg_output_count >= MSG_OUTPUT_MAX)
	msg_panic("msg_output_add: too many outputs (max %d)", MSG_OUTPUT_MAX);
    msg_outputs[msg_output_count].fn = fn;
    msg_outputs[msg_output_count].context = context;
    msg_output_count++;
}

void    msg_output_reset(void)
{
    msg_output_count = 0;
}

MSG_CLEANUP_FN msg_cleanup(MSG_CLEANUP_FN fn)
{
    MSG_CLEANUP_FN old = msg_cleanup_fn;

    msg_cleanup_fn = fn;
    return (old);
}

int     msg_error_count(void)
{
    return (msg_errors);
}

/* Last-resort output: one write(2), no buffering, no allocation. */
static void msg_default_output(MSG_LEVEL level, const char *text)
{
    const char *prefix = msg_level_prefix(level);
    size_t  plen = strlen(prefix);
    size_t  tlen = strlen(text);
    char    small[1024];
    ssize_t ignored;

    if (plen + tlen + 1 <= sizeof(small)) {
	memcpy(small, prefix, plen);
	memcpy(small + plen, text, tlen);
	small[plen + tlen] = '\n';
	ignored = write(STDERR_FILENO, small, plen + tlen + 1);
    } else {
	ignored = write(STDERR_FILENO, prefix, plen);
	ignored = write(STDERR_FILENO, text, tlen);
	ignored = write(STDERR_FILENO, "\n", 1);
    }
    (void) ignored;
}

void    msg_vprintf(MSG_LEVEL level, const char *fmt, va_list ap)
{
    int     saved_errno = errno;
    char    small[2048];
    char   *text = small;
    char   *big = 0;
    va_list ap2;
    int     n;
    size_t  i;

    va_copy(ap2, ap);
    n = vsnprintf(small, sizeof(small), fmt, ap2);
    va_end(ap2);
    if (n < 0) {
	snprintf(small, sizeof(small), "(unformattable message: \"%s\")", fmt);
    } else if ((size_t) n >= sizeof(small) && (big = malloc((size_t) n + 1)) != 0) {
	errno = saved_errno;
	va_copy(ap2, ap);
	vsnprintf(big, (size_t) n + 1, fmt, ap2);
	va_end(ap2);
	text = big;
    }
    if (msg_output_count == 0) {
	msg_default_output(level, text);
    } else {
	for (i = 0; i < msg_output_count; i++) {
	    errno = saved_errno;
	    msg_outputs[i].fn(level, text, msg_outputs[i].context);
	}
    }
    free(big);
    errno = saved_errno;
}

void    msg_info(const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    msg_vprintf(MSG_INFO, fmt, ap);
    va_end(ap);
}

void    msg_warn(const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    msg_vprintf(MSG_WARN, fmt, ap);
    va_end(ap);
}

void    msg_error(const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    msg_vprintf(MSG_ERROR, fmt, ap);
    va_end(ap);
    if (++msg_errors >= MSG_ERROR_BOUND)
	msg_fatal("too many errors - program terminated");
}

/* Runs the cleanup hook once; a fatal error inside it exits at once. */
static _Noreturn void msg_exit(int status)
{
    MSG_CLEANUP_FN fn;

    if (msg_exiting++ == 0 && (fn = msg_cleanup_fn) != 0)
	fn();
    exit(status);
}

void    msg_fatal(const char *fmt,...)
{
    va_list ap;

    if (msg_exiting == 0) {
	va_start(ap, fmt);
	msg_vprintf(MSG_FATAL, fmt, ap);
	va_end(ap);
    }
    msg_exit(1);
}

void    msg_fatal_status(int status, const char *fmt,...)
{
    va_list ap;

    if (msg_exiting == 0) {
	va_start(ap, fmt);
	msg_vprintf(MSG_FATAL, fmt, ap);
	va_end(ap);
    }
    msg_exit(status);
}

void    msg_panic(const char *fmt,...)
{
    va_list ap;

    if (msg_exiting++ == 0) {
	va_start(ap, fmt);
	msg_vprintf(MSG_PANIC, fmt, ap);
	va_end(ap);
    }
    abort();
}
