/*
 * NAME
 *	test_msg
 * SUMMARY
 *	unit tests for diagnostics and log outputs
 * DESCRIPTION
 *	Exiting paths (fatal, panic, the error limit) run in a child
 *	process whose stderr is a pipe; the parent checks the exit status
 *	and the exact bytes written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "msg.h"
#include "vstring.h"

/* Captured messages. */
#define CAP_MAX 16
typedef struct CAPTURE {
    int     count;
    MSG_LEVEL level[CAP_MAX];
    char    text[CAP_MAX][256];
} CAPTURE;

static void capture_fn(MSG_LEVEL level, const char *text, void *context)
{
    CAPTURE *cap = context;

    if (cap->count < CAP_MAX) {
	cap->level[cap->count] = level;
	snprintf(cap->text[cap->count], sizeof(cap->text[0]), "%s", text);
    }
    cap->count++;
}

static void check_text(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) != 0)
	fail_msg("%s: got \"%s\", want \"%s\"", what, got, want);
}

static void test_outputs_receive_level_and_text(void **state)
{
    CAPTURE a = {0}, b = {0};

    msg_output_reset();
    msg_output_add(capture_fn, &a);
    msg_output_add(capture_fn, &b);
    msg_output_add(capture_fn, &a);	/* duplicate: ignored */
    msg_info("info %d", 1);
    msg_warn("warn %s", "two");
    assert_int_equal(a.count, 2);
    assert_int_equal(b.count, 2);
    assert_int_equal(a.level[0], MSG_INFO);
    assert_int_equal(a.level[1], MSG_WARN);
    check_text("info text", a.text[0], "info 1");
    check_text("warn text", b.text[1], "warn two");
    msg_output_reset();
}

static void test_percent_m_and_errno_preserved(void **state)
{
    CAPTURE cap = {0};
    char    want[256];

    msg_output_reset();
    msg_output_add(capture_fn, &cap);
    errno = EACCES;
    msg_warn("open %s: %m", "file");
    if (errno != EACCES)
	fail_msg("errno after msg_warn: got %d, want %d", errno, EACCES);
    snprintf(want, sizeof(want), "open file: %s", strerror(EACCES));
    check_text("%m", cap.text[0], want);
    msg_output_reset();
}

static void length_fn(MSG_LEVEL level, const char *text, void *context)
{
    *(size_t *) context = strlen(text);
}

static void test_long_message_not_truncated(void **state)
{
    static char big[5000];
    size_t  got = 0;

    memset(big, 'x', sizeof(big) - 1);
    msg_output_reset();
    msg_output_add(length_fn, &got);
    msg_info("<%s>", big);
    msg_output_reset();
    if (got != sizeof(big) + 1)
	fail_msg("long message: got %zu bytes, want %zu", got, sizeof(big) + 1);
}

static void test_level_prefix(void **state)
{
    static const struct {
	MSG_LEVEL level;
	const char *want;
    } cases[] = {
	{MSG_INFO, ""},
	{MSG_WARN, "warning: "},
	{MSG_ERROR, "error: "},
	{MSG_FATAL, "fatal: "},
	{MSG_PANIC, "panic: "},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	check_text("prefix", msg_level_prefix(cases[i].level), cases[i].want);
}

static void test_format_line_exact(void **state)
{
    static const struct {
	time_t  when;
	const char *process;
	long    pid;
	MSG_LEVEL level;
	const char *text;
	const char *want;
    } cases[] = {
	{1700891062, "smtpd", 123, MSG_WARN, "hello",
	"Nov 25 05:44:22 mail postfix/smtpd[123]: warning: hello\n"},
	{1699163042, "qmgr", 7, MSG_INFO, "5 spaces",
	"Nov  5 05:44:02 mail postfix/qmgr[7]: 5 spaces\n"},
	{0, "x", 1, MSG_FATAL, "", "Jan  1 00:00:00 mail postfix/x[1]: fatal: \n"},
	{1709164799, 0, 99999, MSG_ERROR, "leap",
	"Feb 28 23:59:59 mail postfix[99999]: error: leap\n"},
	{1709164800, "", 2, MSG_PANIC, "leap day",
	"Feb 29 00:00:00 mail postfix[2]: panic: leap day\n"},
    };
    VSTRING *out = vstring_alloc(10);
    char   *old_tz = getenv("TZ");
    char    saved_tz[256] = "";
    size_t  i;

    if (old_tz)
	snprintf(saved_tz, sizeof(saved_tz), "%s", old_tz);
    setenv("TZ", "UTC", 1);
    tzset();
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	vstring_strcpy(out, "stale");
	msg_format_line(out, cases[i].when, "mail", "postfix", cases[i].process,
			cases[i].pid, cases[i].level, cases[i].text);
	check_text("msg_format_line", vstring_str(out), cases[i].want);
    }
    if (old_tz)
	setenv("TZ", saved_tz, 1);
    else
	unsetenv("TZ");
    tzset();
    vstring_free(out);
}

/*
 * Runs fn in a child with stderr on a pipe. Returns the wait status;
 * out receives what the child wrote.
 */
static int run_child(void (*fn) (void), char *out, size_t outlen)
{
    int     pfd[2];
    pid_t   pid;
    size_t  got = 0;
    ssize_t n;
    int     status;

    if (pipe(pfd) < 0)
	fail_msg("pipe: %s", strerror(errno));
    if ((pid = fork()) < 0)
	fail_msg("fork: %s", strerror(errno));
    if (pid == 0) {
	close(pfd[0]);
	dup2(pfd[1], STDERR_FILENO);
	close(pfd[1]);
	msg_output_reset();
	fn();
	_exit(99);
    }
    close(pfd[1]);
    while (got < outlen - 1 && (n = read(pfd[0], out + got, outlen - 1 - got)) > 0)
	got += n;
    out[got] = 0;
    close(pfd[0]);
    if (waitpid(pid, &status, 0) < 0)
	fail_msg("waitpid: %s", strerror(errno));
    return (status);
}

static void cleanup_hook(void)
{
    msg_info("cleanup ran");
}

static void child_fatal(void)
{
    msg_stderr_init("prog");
    msg_cleanup(cleanup_hook);
    msg_warn("first");
    msg_info("plain");
    msg_fatal("bad thing %d", 5);
}

static void child_fatal_status(void)
{
    msg_stderr_init("/usr/sbin/prog");	/* named as invoked */
    msg_fatal_status(3, "status three");
}

static void child_panic(void)
{
    msg_stderr_init("prog");
    msg_panic("broken invariant");
}

static void child_no_output(void)
{
    msg_error("lonely");
    msg_fatal("done");
}

static void child_error_limit(void)
{
    int     i;

    msg_stderr_init("p");
    for (i = 1; i <= 12; i++)
	msg_error("e%d", i);
    if (msg_error_count() != 12)
	_exit(98);
    msg_info("still alive");
    msg_error("e13");
    _exit(97);				/* not reached */
}

static void child_fatal_in_cleanup_hook_inner(void)
{
    msg_fatal("nested");
}

static void child_fatal_in_cleanup(void)
{
    msg_stderr_init("prog");
    msg_cleanup(child_fatal_in_cleanup_hook_inner);
    msg_fatal("outer");
}

static void test_exiting_paths(void **state)
{
    static const struct {
	const char *name;
	void    (*fn) (void);
	int     want_exit;		/* -1: killed by SIGABRT */
	const char *want_out;
    } cases[] = {
	{"fatal", child_fatal, 1,
	    "prog: warning: first\nprog: plain\nprog: fatal: bad thing 5\nprog: cleanup ran\n"},
	{"fatal_status", child_fatal_status, 3, "/usr/sbin/prog: fatal: status three\n"},
	{"panic", child_panic, -1, "prog: panic: broken invariant\n"},
	{"no output", child_no_output, 1, "error: lonely\nfatal: done\n"},
	{"error limit", child_error_limit, 1,
	    "p: error: e1\np: error: e2\np: error: e3\np: error: e4\np: error: e5\n"
	    "p: error: e6\np: error: e7\np: error: e8\np: error: e9\np: error: e10\n"
	    "p: error: e11\np: error: e12\np: still alive\np: error: e13\n"
	"p: fatal: too many errors - program terminated\n"},
	{"fatal in cleanup", child_fatal_in_cleanup, 1, "prog: fatal: outer\n"},
    };
    char    out[4096];
    size_t  i;
    int     status;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	status = run_child(cases[i].fn, out, sizeof(out));
	if (cases[i].want_exit < 0) {
	    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
		fail_msg("%s: got wait status 0x%x, want SIGABRT", cases[i].name, status);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != cases[i].want_exit) {
	    fail_msg("%s: got wait status 0x%x, want exit %d", cases[i].name, status,
		     cases[i].want_exit);
	}
	check_text(cases[i].name, out, cases[i].want_out);
    }
}

static void test_logfile_output(void **state)
{
    char    dir[] = "/tmp/test_msg.XXXXXX";
    char    path[256];
    char    buf[1024];
    char    tail[128];
    int     fd;
    ssize_t n;
    size_t  tlen;
    CAPTURE cap = {0};

    if (mkdtemp(dir) == 0)
	fail_msg("mkdtemp: %s", strerror(errno));
    snprintf(path, sizeof(path), "%s/nodir/log", dir);
    errno = 0;
    if (msg_logfile_init(path, "postfix/x") != -1)
	fail_msg("msg_logfile_init on missing directory: got success, want -1");
    snprintf(path, sizeof(path), "%s/maillog", dir);
    msg_output_reset();
    msg_output_add(capture_fn, &cap);
    if (msg_logfile_init(path, "postfix/test") != 0)
	fail_msg("msg_logfile_init: %s", strerror(errno));
    msg_warn("to the file");
    msg_info("second line");
    msg_output_reset();
    assert_int_equal(cap.count, 2);	/* the other output still ran */

    if ((fd = open(path, O_RDONLY)) < 0)
	fail_msg("open %s: %s", path, strerror(errno));
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    unlink(path);
    rmdir(dir);
    if (n <= 0)
	fail_msg("log file is empty");
    buf[n] = 0;
    /* Line 1: "Mon DD HH:MM:SS host postfix/test[pid]: warning: to the file" */
    snprintf(tail, sizeof(tail), " postfix/test[%ld]: warning: to the file\n", (long) getpid());
    tlen = strlen(tail);
    {
	char   *nl = strchr(buf, '\n');
	size_t  l1 = nl ? (size_t) (nl - buf + 1) : 0;

	if (l1 < tlen + 16 || strncmp(buf + l1 - tlen, tail, tlen) != 0)
	    fail_msg("log line 1: got \"%s\", want ending \"%s\"", buf, tail);
	if (buf[3] != ' ' || buf[6] != ' ' || buf[9] != ':' || buf[12] != ':' || buf[15] != ' ')
	    fail_msg("log line 1 timestamp layout: got \"%.16s\"", buf);
	snprintf(tail, sizeof(tail), " postfix/test[%ld]: second line\n", (long) getpid());
	tlen = strlen(tail);
	if ((size_t) n < tlen || strcmp(buf + n - tlen, tail) != 0)
	    fail_msg("log line 2: got \"%s\", want ending \"%s\"", buf + l1, tail);
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_outputs_receive_level_and_text),
	cmocka_unit_test(test_percent_m_and_errno_preserved),
	cmocka_unit_test(test_long_message_not_truncated),
	cmocka_unit_test(test_level_prefix),
	cmocka_unit_test(test_format_line_exact),
	cmocka_unit_test(test_exiting_paths),
	cmocka_unit_test(test_logfile_output),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
