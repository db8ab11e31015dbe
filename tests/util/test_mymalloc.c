/*
 * NAME
 *	test_mymalloc
 * SUMMARY
 *	unit tests for the exiting allocators
 * DESCRIPTION
 *	Failing requests run in a child process: they must end it with
 *	status 1 and a fatal message that names the size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "msg.h"
#include "mymalloc.h"

/* Let huge requests fail with NULL under ASan instead of aborting. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return ("allocator_may_return_null=1");
}

static void test_zero_length_unique(void **state)
{
    void   *a = mymalloc(0);
    void   *b = mymalloc(0);
    void   *c = mycalloc(0, 8);
    void   *d = myrealloc(0, 0);

    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_non_null(c);
    assert_non_null(d);
    myfree(a);
    myfree(b);
    myfree(c);
    myfree(d);
    myfree(0);
}

static void test_dup_functions(void **state)
{
    static const struct {
	const char *in;
	size_t  len;
	const char *want;
    } cases[] = {
	{"", 5, ""},
	{"abc", 0, ""},
	{"abc", 2, "ab"},
	{"abc", 3, "abc"},
	{"abc", 100, "abc"},
	{"a\0bc", 4, "a"},
    };
    size_t  i;
    char   *s;
    unsigned char *m;
    static const unsigned char bin[] = {0, 1, 2, 0, 255};
    unsigned char *z;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	s = mystrndup(cases[i].in, cases[i].len);
	if (strcmp(s, cases[i].want) != 0)
	    fail_msg("mystrndup case %zu: got \"%s\", want \"%s\"", i, s, cases[i].want);
	myfree(s);
    }
    s = mystrdup("copy me");
    assert_string_equal(s, "copy me");
    myfree(s);
    m = mymemdup(bin, sizeof(bin));
    assert_memory_equal(m, bin, sizeof(bin));
    m = myrealloc(m, 1000);
    assert_memory_equal(m, bin, sizeof(bin));
    myfree(m);
    z = mycalloc(100, 3);
    for (i = 0; i < 300; i++)
	if (z[i] != 0)
	    fail_msg("mycalloc byte %zu: got %d, want 0", i, z[i]);
    myfree(z);
}

static int run_child(void (*fn) (void), char *out, size_t outlen)
{
    int     pfd[2];
    pid_t   pid = -1;
    size_t  got = 0;
    ssize_t n;
    int     status;

    if (pipe(pfd) < 0 || (pid = fork()) < 0)
	fail_msg("pipe/fork: %s", strerror(errno));
    if (pid == 0) {
	close(pfd[0]);
	dup2(pfd[1], STDERR_FILENO);
	close(pfd[1]);
	msg_output_reset();
	msg_stderr_init("t");
	fn();
	_exit(99);
    }
    close(pfd[1]);
    while (got < outlen - 1 && (n = read(pfd[0], out + got, outlen - 1 - got)) > 0)
	got += n;
    out[got] = 0;
    close(pfd[0]);
    waitpid(pid, &status, 0);
    return (status);
}

static volatile size_t huge = SIZE_MAX - 4096;

static void child_malloc(void)
{
    (void) mymalloc(huge);
}

static void child_realloc(void)
{
    (void) myrealloc(0, huge);
}

static void child_calloc_overflow(void)
{
    (void) mycalloc(huge, 16);
}

static void test_failures_are_fatal(void **state)
{
    static const struct {
	const char *name;
	void    (*fn) (void);
	const char *want_prefix;
    } cases[] = {
	{"mymalloc", child_malloc, "t: fatal: mymalloc: insufficient memory for "},
	{"myrealloc", child_realloc, "t: fatal: myrealloc: insufficient memory for "},
	{"mycalloc", child_calloc_overflow, "t: fatal: mycalloc: request for "},
    };
    char    out[1024];
    char    size_text[64];
    char   *line;
    size_t  i;
    int     status;

    snprintf(size_text, sizeof(size_text), "%zu", (size_t) huge);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	status = run_child(cases[i].fn, out, sizeof(out));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
	    fail_msg("%s: got wait status 0x%x, want exit 1 (output \"%s\")",
		     cases[i].name, status, out);
	/* ASan may print its own warning line first; find ours. */
	line = out;
	while (line && strncmp(line, cases[i].want_prefix, strlen(cases[i].want_prefix)) != 0)
	    if ((line = strchr(line, '\n')) != 0)
		line++;
	if (line == 0)
	    fail_msg("%s: got \"%s\", want a line starting \"%s\"", cases[i].name, out,
		     cases[i].want_prefix);
	if (strstr(out, size_text) == 0)
	    fail_msg("%s: message \"%s\" does not name the size %s", cases[i].name,
		     out, size_text);
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_zero_length_unique),
	cmocka_unit_test(test_dup_functions),
	cmocka_unit_test(test_failures_are_fatal),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
