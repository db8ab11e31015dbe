/*
 * NAME
 *	test_stringops
 * SUMMARY
 *	unit tests for the string helpers
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mymalloc.h"
#include "stringops.h"

#define CHECK_STR(what, got, want) do { \
	const char *_g = (got), *_w = (want); \
	if ((_g == 0) != (_w == 0) || (_g && strcmp(_g, _w) != 0)) \
	    fail_msg("%s: got %s%s%s, want %s%s%s", (what), _g ? "\"" : "", \
		     _g ? _g : "NULL", _g ? "\"" : "", _w ? "\"" : "", \
		     _w ? _w : "NULL", _w ? "\"" : ""); \
    } while (0)

static void test_case_and_blanks(void **state)
{
    static const struct {
	const char *in;
	const char *lower;
	const char *upper;
	const char *trimmed;
	const char *skipped;
    } cases[] = {
	{"", "", "", "", ""},
	{"AbC", "abc", "ABC", "AbC", "AbC"},
	{"  x Y \t\r\n", "  x y \t\r\n", "  X Y \t\r\n", "  x Y", "x Y \t\r\n"},
	{"\t\n", "\t\n", "\t\n", "", ""},
	{"\xc3\x84z", "\xc3\x84z", "\xc3\x84Z", "\xc3\x84z", "\xc3\x84z"},
    };
    size_t  i;
    char    buf[64];
    char    what[64];

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	snprintf(what, sizeof(what), "lowercase case %zu", i);
	strcpy(buf, cases[i].in);
	CHECK_STR(what, lowercase(buf), cases[i].lower);
	snprintf(what, sizeof(what), "uppercase case %zu", i);
	strcpy(buf, cases[i].in);
	CHECK_STR(what, uppercase(buf), cases[i].upper);
	snprintf(what, sizeof(what), "trimblanks case %zu", i);
	strcpy(buf, cases[i].in);
	CHECK_STR(what, trimblanks(buf), cases[i].trimmed);
	snprintf(what, sizeof(what), "skipblanks case %zu", i);
	CHECK_STR(what, skipblanks(cases[i].in), cases[i].skipped);
    }
}

/* Runs a tokenizer to the end; returns tokens joined with "|". */
static void tokens(char *out, size_t outlen, const char *in, const char *delim,
		           const char *parens)
{
    char   *copy = mystrdup(in);
    char   *bp = copy;
    char   *tok;
    int     n = 0;

    *out = 0;
    while ((tok = parens ? mystrtokq(&bp, delim, parens) : mystrtok(&bp, delim)) != 0) {
	if (n++ > 0)
	    strncat(out, "|", outlen - strlen(out) - 1);
	strncat(out, tok, outlen - strlen(out) - 1);
    }
    /* After the end the tokenizer keeps returning NULL. */
    if ((parens ? mystrtokq(&bp, delim, parens) : mystrtok(&bp, delim)) != 0)
	fail_msg("tokenizer on \"%s\": token after end", in);
    myfree(copy);
}

static void test_mystrtok(void **state)
{
    static const struct {
	const char *in;
	const char *delim;
	const char *parens;		/* NULL: plain mystrtok */
	const char *want;
    } cases[] = {
	{"", " ", 0, ""},
	{"   ", " ", 0, ""},
	{"a", " ", 0, "a"},
	{"  a  b\tc ", " \t", 0, "a|b|c"},
	{",a,,b,", ",", 0, "a|b"},
	{"", " ", "{}", ""},
	{"a b", " ", "{}", "a|b"},
	{"a {b c} d", " ", "{}", "a|{b c}|d"},
	{"{x {y z} w} v", " ", "{}", "{x {y z} w}|v"},
	{"x{a, b},c", ",", "{}", "x{a, b}|c"},
	{"{unbalanced a b", " ", "{}", "{unbalanced a b"},
	{"a} b", " ", "{}", "a}|b"},
	{"(p q) r", " ", "()", "(p q)|r"},
    };
    size_t  i;
    char    got[256];
    char    what[64];

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	snprintf(what, sizeof(what), "%s case %zu", cases[i].parens ? "mystrtokq" : "mystrtok", i);
	tokens(got, sizeof(got), cases[i].in, cases[i].delim, cases[i].parens);
	CHECK_STR(what, got, cases[i].want);
    }
}

static void test_split_at(void **state)
{
    static const struct {
	const char *in;
	int     delim;
	int     right;
	const char *head;
	const char *rest;
    } cases[] = {
	{"a:b:c", ':', 0, "a", "b:c"},
	{"a:b:c", ':', 1, "a:b", "c"},
	{"abc", ':', 0, "abc", 0},
	{"abc", ':', 1, "abc", 0},
	{":", ':', 0, "", ""},
	{"", ':', 1, "", 0},
	{"x=", '=', 0, "x", ""},
    };
    size_t  i;
    char    buf[64];
    char    what[64];
    char   *rest;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	strcpy(buf, cases[i].in);
	rest = cases[i].right ? split_at_right(buf, cases[i].delim) : split_at(buf, cases[i].delim);
	snprintf(what, sizeof(what), "split_at case %zu rest", i);
	CHECK_STR(what, rest, cases[i].rest);
	snprintf(what, sizeof(what), "split_at case %zu head", i);
	CHECK_STR(what, buf, cases[i].head);
    }
}

static void test_predicates(void **state)
{
    static const struct {
	const char *in;
	bool    dig;
	bool    print;
    } cases[] = {
	{"", false, true},
	{"0", true, true},
	{"0123456789", true, true},
	{"12a", false, true},
	{"-1", false, true},
	{" 1", false, true},
	{"a\tb", false, false},
	{"\x7f", false, false},
	{"\xc3\xa4", false, false},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	if (alldig(cases[i].in) != cases[i].dig)
	    fail_msg("alldig case %zu: got %d, want %d", i, !cases[i].dig, cases[i].dig);
	if (allprint(cases[i].in) != cases[i].print)
	    fail_msg("allprint case %zu: got %d, want %d", i, !cases[i].print, cases[i].print);
    }
}

static void test_split_nameval(void **state)
{
    static const struct {
	const char *in;
	const char *err;
	const char *name;
	const char *value;
    } cases[] = {
	{"a=b", 0, "a", "b"},
	{"  name  =  some value \t", 0, "name", "some value"},
	{"x =", 0, "x", ""},
	{"x = a = b", 0, "x", "a = b"},
	{"", "missing attribute name", 0, 0},
	{"   ", "missing attribute name", 0, 0},
	{"= value", "missing attribute name", 0, 0},
	{" \t= value", "missing attribute name", 0, 0},
	{"name value", "missing '=' after attribute name", 0, 0},
	{"name", "missing '=' after attribute name", 0, 0},
    };
    size_t  i;
    char    buf[64];
    char    what[64];
    char   *name;
    char   *value;
    const char *err;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	strcpy(buf, cases[i].in);
	name = value = 0;
	err = split_nameval(buf, &name, &value);
	snprintf(what, sizeof(what), "split_nameval case %zu error", i);
	CHECK_STR(what, err, cases[i].err);
	if (err == 0) {
	    snprintf(what, sizeof(what), "split_nameval case %zu name", i);
	    CHECK_STR(what, name, cases[i].name);
	    snprintf(what, sizeof(what), "split_nameval case %zu value", i);
	    CHECK_STR(what, value, cases[i].value);
	}
    }
}

static void test_concatenate_printable(void **state)
{
    char   *s;
    char    buf[32];

    s = concatenate("a", "", "bc", "def", (char *) 0);
    CHECK_STR("concatenate", s, "abcdef");
    myfree(s);
    s = concatenate("", (char *) 0);
    CHECK_STR("concatenate empty", s, "");
    myfree(s);
    strcpy(buf, "a\tb\x01\x7f\xff z");
    CHECK_STR("printable", printable(buf, '?'), "a?b??? z");
}

static void test_compare(void **state)
{
    static const struct {
	const char *a;
	const char *b;
	bool    caseeq;
	bool    prefix;			/* has_prefix(a, b) */
	bool    suffix;			/* has_suffix(a, b) */
    } cases[] = {
	{"", "", true, true, true},
	{"abc", "", false, true, true},
	{"", "a", false, false, false},
	{"Hello", "hELLO", true, false, false},
	{"Hello", "He", false, true, false},
	{"Hello", "llo", false, false, true},
	{"Hello", "Hello!", false, false, false},
	{"abc", "abd", false, false, false},
	{"a[", "A{", false, false, false},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	if (strcaseeq(cases[i].a, cases[i].b) != cases[i].caseeq)
	    fail_msg("strcaseeq(\"%s\", \"%s\"): got %d", cases[i].a, cases[i].b, !cases[i].caseeq);
	if (has_prefix(cases[i].a, cases[i].b) != cases[i].prefix)
	    fail_msg("has_prefix(\"%s\", \"%s\"): got %d", cases[i].a, cases[i].b, !cases[i].prefix);
	if (has_suffix(cases[i].a, cases[i].b) != cases[i].suffix)
	    fail_msg("has_suffix(\"%s\", \"%s\"): got %d", cases[i].a, cases[i].b, !cases[i].suffix);
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_case_and_blanks),
	cmocka_unit_test(test_mystrtok),
	cmocka_unit_test(test_split_at),
	cmocka_unit_test(test_predicates),
	cmocka_unit_test(test_split_nameval),
	cmocka_unit_test(test_concatenate_printable),
	cmocka_unit_test(test_compare),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
