/*
 * NAME
 *	test_cf_lines
 * SUMMARY
 *	unit tests for logical-line splitting shared by main.cf and master.cf
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cf_file.h"
#include "vstring.h"

/* Collects "first_line:bad_start:text|" for every logical line. */
static int collect(const char *text, int first_line, int bad_start, void *context)
{
    VSTRING *out = context;

    vstring_sprintf_append(out, "%d:%d:%s|", first_line, bad_start, text);
    return (strcmp(text, "stop") == 0 ? 7 : 0);
}

static void test_logical_lines(void **state)
{
    static const struct {
	const char *input;
	const char *want;
	int     want_status;
    } cases[] = {
	{"", "", 0},
	{"a = b\n", "1:0:a = b|", 0},
	{"a = b", "1:0:a = b|", 0},
	{"a = b\n  c\n", "1:0:a = b  c|", 0},
	{"a = b\n# note\n\n  c\nd = e\n", "1:0:a = b  c|5:0:d = e|", 0},
	{"  x = y\na = b\n", "1:1:  x = y|2:0:a = b|", 0},
	{"a = b\r\n\tc\r\n", "1:0:a = b\r\tc\r|", 0},
	{"   # indented comment\na = 1\n", "2:0:a = 1|", 0},
	{"a\nstop\nnever\n", "1:0:a|2:0:stop|", 7},
    };
    VSTRING *out = vstring_alloc(100);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	int     status;

	vstring_reset(out);
	status = cf_logical_lines(cases[i].input, strlen(cases[i].input), collect, out);
	if (strcmp(vstring_str(out), cases[i].want) != 0 || status != cases[i].want_status)
	    fail_msg("case %zu: got \"%s\" status %d, want \"%s\" status %d", i,
		     vstring_str(out), status, cases[i].want, cases[i].want_status);
    }
    vstring_free(out);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_logical_lines),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
