/*
 * NAME
 *	msg_output 3
 * SUMMARY
 *	standard msg(3) outputs: stderr, syslog, log file
 * DESCRIPTION
 *	msg_stderr_init() prints "progname: prefix text" on stderr the way
 *	stock commands do. msg_syslog_init() sends each message to syslog(3)
 *	with the level mapped to a syslog priority. msg_logfile_init()
 *	appends lines in stock's maillog_file layout; the file is opened for
 *	every line (O_APPEND), so rotation by another process is harmless.
 *	Calling an init function again updates its settings; the output
 *	is registered once (again after msg_output_reset()).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syslog.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "mymalloc.h"
#include "vstring.h"

/* stderr */

static char *msg_stderr_name;

/* One writev(2), no allocation: this output reports allocation failures. */
static void msg_stderr_output(MSG_LEVEL level, const char *text, void *context)
{
    const char *prefix = msg_level_prefix(level);
    struct iovec iov[5];
    ssize_t ignored;

    iov[0].iov_base = msg_stderr_name;
    iov[0].iov_len = strlen(msg_stderr_name);
    iov[1].iov_base = (char *) ": ";
    iov[1].iov_len = 2;
    iov[2].iov_base = (char *) prefix;
    iov[2].iov_len = strlen(prefix);
    iov[3].iov_base = (char *) text;
    iov[3].iov_len = strlen(text);
    iov[4].iov_base = (char *) "\n";
    iov[4].iov_len = 1;
    ignored = writev(STDERR_FILENO, iov, 5);
    (void) ignored;
}

void    msg_stderr_init(const char *progname)
{
    /* Stock names the program as invoked: "/usr/sbin/postconf: warning: ..." */
    myfree(msg_stderr_name);
    msg_stderr_name = mystrdup(progname);
    msg_output_add(msg_stderr_output, 0);
}

/* syslog */

static char *msg_syslog_ident;

static void msg_syslog_output(MSG_LEVEL level, const char *text, void *context)
{
    static const int prio[] = {
	[MSG_INFO] = LOG_INFO,
	[MSG_WARN] = LOG_WARNING,
	[MSG_ERROR] = LOG_ERR,
	[MSG_FATAL] = LOG_CRIT,
	[MSG_PANIC] = LOG_CRIT,
    };

    syslog(prio[level], "%s%s", msg_level_prefix(level), text);
}

void    msg_syslog_init(const char *syslog_name, int facility)
{
    /* openlog() keeps the pointer, so the old copy must outlive it. */
    char   *old = msg_syslog_ident;

    msg_syslog_ident = mystrdup(syslog_name);
    openlog(msg_syslog_ident, LOG_PID | LOG_NDELAY, facility);
    myfree(old);
    msg_output_add(msg_syslog_output, 0);
}

/* log file */

static char *msg_logfile_path;
static char *msg_logfile_name;		/* "postfix" of "postfix/smtpd" */
static char *msg_logfile_process;	/* "smtpd", or NULL */

static void msg_logfile_output(MSG_LEVEL level, const char *text, void *context)
{
    char    host[256];
    char   *dot;
    VSTRING *line;
    int     fd;
    ssize_t ignored;
    static int busy;			/* an allocation failure logs here too */

    if (busy)
	return;
    busy = 1;
    if (gethostname(host, sizeof(host)) < 0)
	strcpy(host, "localhost");
    host[sizeof(host) - 1] = 0;
    if ((dot = strchr(host, '.')) != 0)
	*dot = 0;
    line = msg_format_line(vstring_alloc(200), time((time_t *) 0), host,
			   msg_logfile_name, msg_logfile_process,
			   (long) getpid(), level, text);
    if ((fd = open(msg_logfile_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) >= 0) {
	ignored = write(fd, vstring_str(line), vstring_len(line));
	(void) ignored;
	close(fd);
    }
    vstring_free(line);
    busy = 0;
}

int     msg_logfile_init(const char *path, const char *syslog_name)
{
    const char *slash;
    int     fd;

    if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
	return (-1);
    close(fd);
    myfree(msg_logfile_path);
    myfree(msg_logfile_name);
    myfree(msg_logfile_process);
    msg_logfile_path = mystrdup(path);
    if ((slash = strrchr(syslog_name, '/')) != 0) {
	msg_logfile_name = mystrndup(syslog_name, slash - syslog_name);
	msg_logfile_process = mystrdup(slash + 1);
    } else {
	msg_logfile_name = mystrdup(syslog_name);
	msg_logfile_process = 0;
    }
    msg_output_add(msg_logfile_output, 0);
    return (0);
}
