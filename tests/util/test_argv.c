/*
 * NAME
 *	test_argv
 * SUMMARY
 *	unit tests for string vectors
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "argv.h"

/* want is a "|"-joined list; "" means no elements. */
static void check_argv(const char *what, const ARGV *argvp, const char *want)
{
    char    got[1024] = "";
    size_t  i;

    for (i = 0; i < argvp->argc; i++) {
	if (argvp->argv[i] == 0)
	    fail_msg("%s: element %zu is NULL", what, i);
	if (i > 0)
	    strncat(got, "|", sizeof(got) - strlen(got) - 1);
	strncat(got, argvp->argv[i], sizeof(got) - strlen(got) - 1);
    }
    if (argvp->argv[argvp->argc] != 0)
	fail_msg("%s: argv[argc] is not NULL", what);
    if (strcmp(got, want) != 0)
	fail_msg("%s: got \"%s\", want \"%s\"", what, got, want);
}

static void test_split_table(void **state)
{
    static const struct {
	const char *input;
	const char *delim;
	const char *want;
    } cases[] = {
	{"", ", \t", ""},
	{"   ", " ", ""},
	{"a", " ", "a"},
	{"a b c", " ", "a|b|c"},
	{",,a,,,b,,", ",", "a|b"},
	{" \t a , \t b ,c ", ", \t", "a|b|c"},
	{"one", "", "one"},
	{"x=y z", "=", "x|y z"},
	{"long-token-without-delimiters", ",", "long-token-without-delimiters"},
    };
    size_t  i;
    char    what[64];

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	ARGV   *argvp = argv_split(cases[i].input, cases[i].delim);

	snprintf(what, sizeof(what), "split case %zu", i);
	check_argv(what, argvp, cases[i].want);
	argv_free(argvp);
    }
}

static void test_split_append(void **state)
{
    ARGV   *argvp = argv_split("a b", " ");

    argv_split_append(argvp, ",c,,d", ",");
    check_argv("split_append", argvp, "a|b|c|d");
    argv_free(argvp);
}

static void test_add_grow_insert_delete(void **state)
{
    ARGV   *argvp = argv_alloc(0);
    char    buf[16];
    size_t  i;

    check_argv("empty", argvp, "");
    for (i = 0; i < 100; i++) {
	snprintf(buf, sizeof(buf), "%zu", i);
	argv_add(argvp, buf);
    }
    assert_int_equal(argvp->argc, 100);
    assert_string_equal(argvp->argv[99], "99");
    assert_null(argvp->argv[100]);
    argv_truncate(argvp, 3);
    check_argv("truncate", argvp, "0|1|2");
    argv_truncate(argvp, 10);
    check_argv("truncate longer", argvp, "0|1|2");
    argv_insert(argvp, 0, "first");
    argv_insert(argvp, 2, "mid");
    argv_insert(argvp, argvp->argc, "last");
    check_argv("insert", argvp, "first|0|mid|1|2|last");
    argv_delete(argvp, 1, 2);
    check_argv("delete", argvp, "first|1|2|last");
    argv_delete(argvp, 3, 1);
    check_argv("delete last", argvp, "first|1|2");
    argv_delete(argvp, 0, 0);
    check_argv("delete none", argvp, "first|1|2");
    argv_addn(argvp, "abcdef", 3);
    argv_addn(argvp, "x\0yz", 4);
    check_argv("addn", argvp, "first|1|2|abc|x");
    argv_truncate(argvp, 0);
    check_argv("truncate all", argvp, "");
    argv_free(argvp);
    argv_free(0);
}

static void test_sort_uniq(void **state)
{
    static const struct {
	const char *input;
	const char *sorted;
	const char *uniq;
    } cases[] = {
	{"", "", ""},
	{"a", "a", "a"},
	{"b a c", "a|b|c", "a|b|c"},
	{"b a b a a", "a|a|a|b|b", "a|b"},
	{"z z z", "z|z|z", "z"},
	{"B a A b", "A|B|a|b", "A|B|a|b"},
    };
    size_t  i;
    char    what[64];

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	ARGV   *argvp = argv_split(cases[i].input, " ");

	argv_sort(argvp);
	snprintf(what, sizeof(what), "sort case %zu", i);
	check_argv(what, argvp, cases[i].sorted);
	argv_uniq(argvp);
	snprintf(what, sizeof(what), "uniq case %zu", i);
	check_argv(what, argvp, cases[i].uniq);
	argv_free(argvp);
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_split_table),
	cmocka_unit_test(test_split_append),
	cmocka_unit_test(test_add_grow_insert_delete),
	cmocka_unit_test(test_sort_uniq),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
