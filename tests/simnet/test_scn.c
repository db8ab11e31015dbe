/*
 * NAME
 *	test_scn
 * SUMMARY
 *	unit tests for the conformance scenario runner
 * DESCRIPTION
 *	Header parsing, glob patterns, passing and failing scenarios (with
 *	the line at fault), the whole versus one-byte-at-a-time comparison,
 *	and requirement coverage.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mymalloc.h"
#include "scn.h"

static void test_glob(void **state)
{
    static const struct {
	const char *pattern;
	const char *text;
	int     want;
    } cases[] = {
	{"abc", "abc", 1}, {"abc", "abcd", 0}, {"a*", "abc", 1}, {"*c", "abc", 1},
	{"*b*", "abc", 1}, {"a?c", "abc", 1}, {"a?c", "ac", 0}, {"*", "", 1},
	{"*queued as *", "2.0.0 Ok: queued as 0001", 1}, {"x*y", "xzzy", 1},
	{"x*y", "xzz", 0}, {"", "", 1}, {"", "a", 0},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	if (scn_glob(cases[i].pattern, cases[i].text) != cases[i].want)
	    fail_msg("glob \"%s\" on \"%s\": got %d, want %d", cases[i].pattern,
		     cases[i].text, !cases[i].want, cases[i].want);
}

static void test_header(void **state)
{
    SCN    *scn = scn_parse("x.scn", "# RFC5321-4.1.1.1-EHLO: EHLO answers\n"
			    "# requires: A-1 B-2, C-3\n# requires: D-4\nconnect to echo\n", 0);
    const ARGV *req = scn_requires(scn);

    assert_string_equal(scn_id(scn), "RFC5321-4.1.1.1-EHLO");
    assert_int_equal(req->argc, 4);
    assert_string_equal(req->argv[0], "A-1");
    assert_string_equal(req->argv[2], "C-3");
    assert_string_equal(req->argv[3], "D-4");
    scn_free(scn);
    scn = scn_parse("y.scn", "connect to echo\n# a comment: with spaces\n", 0);
    assert_string_equal(scn_id(scn), "y.scn");
    scn_free(scn);
}

/* Runs text both ways; returns the error text ("" on success). */
static char *run_text(const char *text, int *ret)
{
    SCN    *scn = scn_parse("t.scn", text, 0);
    VSTRING *err = vstring_alloc(64);

    *ret = scn_run_both(scn, 1, 0, err);
    scn_free(scn);
    return (vstring_export(err));
}

static void test_run_pass_and_fail(void **state)
{
    static const struct {
	const char *text;
	int     want;
	const char *err;		/* substring of the error */
    } cases[] = {
	{"connect to echo\nexpect 220\nsend MULTI 2\\r\\n\nexpect 250- line 2\n"
	    "send QUIT\\r\\n\nexpect 221\nexpect close\n", 0, ""},
	{"connect to echo\nexpect 220\nsend MULTI 2\\r\\n\nexpect 250 line 3\n", -1,
	"line 4: expect 250 line 3: got \"250-line 1 | 250 line 2\""},
	{"connect to echo\nexpect 220\nsend x\\r\\n\nexpect 250-\n", -1,
	"want multi-line 250-"},
	{"connect to echo\nexpect 220\ntimeout 10s\nexpect 250\n", -1, "no reply (timeout)"},
	{"connect to echo\nexpect 220\nsend QUIT\\r\\n\nexpect 221\nexpect 250\n", -1,
	"got server close"},
	{"connect to nowhere\n", -1, "no service nowhere"},
	{"frobnicate\n", -1, "line 1: frobnicate: unknown command"},
	{"send x\n", -1, "no connection"},
	{"connect to echo\nsend \\q\n", -1, "bad escape"},
	{"connect to echo_per_read\nexpect 220\nsend NOOP\\r\\n\nexpect 250\n", -1,
	"transcript differs when client bytes are fed one at a time"},
	{"service cleanup store\nconnect to echo\nexpect 220\nsend DATA\\r\\n\nexpect 354\n"
	    "send a\\r\\n.\\r\\n\nexpect 250 *queued as 0000000001\ncheck queue incoming count 1\n"
	"check queue active count 0\n", 0, ""},
	{"service cleanup store\ncheck files count 1\n", -1, "got 0 files, want 1"},
	{"config echo_idle_timeout = 5\nconnect to echo\nexpect 220\nadvance 4s\n"
	    "send NOOP\\r\\n\nexpect 250\ntimeout 6s\nexpect close\n", -1,
	"got unread \"421"},
	{"connect to echo as one\nexpect 220\nconnect to echo as two\nexpect 220\n"
	    "use one\nsend QUIT\\r\\n\nexpect 221\nuse two\nsend NOOP\\r\\n\nexpect 250\n", 0, ""},
	{"service cleanup store\ncrash disk at op 1\nconnect to echo\nexpect 220\n"
	    "send DATA\\r\\n\nexpect crash\nrestart\ncheck files count 0\n", 0, ""},
    };
    size_t  i;
    int     ret;
    char   *err;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	err = run_text(cases[i].text, &ret);
	if (ret != cases[i].want || strstr(err, cases[i].err) == 0)
	    fail_msg("case %zu: got %d \"%s\", want %d with \"%s\"", i, ret, err,
		     cases[i].want, cases[i].err);
	myfree(err);
    }
}

static void test_trace_and_transcript(void **state)
{
    SCN    *scn = scn_parse("t.scn", "connect to echo\nexpect 220\nsend hi\\r\\n\nexpect 250 hi\n", 0);
    VSTRING *t1 = vstring_alloc(64), *t2 = vstring_alloc(64);
    VSTRING *x1 = vstring_alloc(64), *x2 = vstring_alloc(64), *err = vstring_alloc(64);

    assert_int_equal(scn_run(scn, 9, SIM_CHUNK_WHOLE, t1, x1, err), 0);
    assert_int_equal(scn_run(scn, 9, SIM_CHUNK_WHOLE, t2, x2, err), 0);
    assert_string_equal(vstring_str(t1), vstring_str(t2));
    assert_string_equal(vstring_str(x1), "conn 1 open echo\nconn 1 < 220 echo.example ESMTP toy\n"
			"conn 1 < 250 hi\n");
    assert_non_null(strstr(vstring_str(t1), "scenario line 3: send hi\\r\\n"));
    vstring_free(t1);
    vstring_free(t2);
    vstring_free(x1);
    vstring_free(x2);
    vstring_free(err);
    scn_free(scn);
}

static void test_coverage(void **state)
{
    static const char matrix[] = "# comment\nid\trfc\tsection\tlevel\ttext\ttests\n"
    "R-1\t5321\t4.1\tMUST\tone\t-\nR-2\t5321\t4.2\tMUST\ttwo\t-\n"
    "R-3\t5321\t4.3\tSHOULD\tthree\t-\n";
    ARGV   *passed = argv_alloc(4);
    VSTRING *out = vstring_alloc(64);
    int     covered, total;

    argv_add(passed, "R-2");
    argv_add(passed, "OTHER");
    total = scn_coverage("m.tsv", matrix, passed, out, &covered);
    assert_int_equal(total, 3);
    assert_int_equal(covered, 1);
    assert_string_equal(vstring_str(out), "coverage m.tsv: 1/3 requirements have a passing scenario\n"
			"  uncovered: R-1\n  uncovered: R-3\n");
    argv_free(passed);
    vstring_free(out);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_glob),
	cmocka_unit_test(test_header),
	cmocka_unit_test(test_run_pass_and_fail),
	cmocka_unit_test(test_trace_and_transcript),
	cmocka_unit_test(test_coverage),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
