/*
 * NAME
 *	test_main_cf
 * SUMMARY
 *	unit tests for the main.cf parser
 * DESCRIPTION
 *	Each case parses a text as "/t/main.cf" and compares the entries
 *	(name=value in order of first definition, "|"-separated), the
 *	status, the error text and the warnings. Values and messages were
 *	observed with stock postconf 3.7.11 (-c DIR -n / -h / -xh, and value
 *	comparisons via ${{$x} == {...} ? ...} to see exact white space).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "argv.h"
#include "main_cf.h"

typedef struct CASE {
    const char *label;
    const char *text;
    size_t  len;			/* 0: strlen(text) */
    int     status;
    const char *entries;		/* name=value|... */
    const char *err;			/* when status < 0 */
    const char *warnings;		/* "|"-separated */
} CASE;

#define P "/t/main.cf"

static const CASE cases[] = {
    {"simple", "a = b\n", 0, 0, "a=b", 0, ""},
    {"continuation keeps its white space", "a = b\n  c\n", 0, 0, "a=b  c", 0, ""},
    {"tab continuation", "a = b\n\tc  \n   d\n", 0, 0, "a=b\tc     d", 0, ""},
    {"comment inside logical line", "a = b\n# comment\n  c\n", 0, 0, "a=b  c", 0, ""},
    {"indented comment", "a = b\n  # comment\n  c\n", 0, 0, "a=b  c", 0, ""},
    {"blank line inside logical line", "a = b\n\n  c\n", 0, 0, "a=b  c", 0, ""},
    {"white line inside logical line", "a = b\n   \n  c\n", 0, 0, "a=b  c", 0, ""},
    {"CRLF", "a = b\r\n  c\r\n", 0, 0, "a=b\r  c", 0, ""},
    {"CR inside", "a=b\rc\n", 0, 0, "a=b\rc", 0, ""},
    {"CR line is blank", "\r\na=b\n \r\n", 0, 0, "a=b", 0, ""},
    {"value trimmed", "a=   b   \n", 0, 0, "a=b", 0, ""},
    {"empty value", "a =\n", 0, 0, "a=", 0, ""},
    {"empty value, tab", "a = \t\n", 0, 0, "a=", 0, ""},
    {"name continued", "a\n  = x\n", 0, 0, "a=x", 0, ""},
    {"hash is not a comment in a value", "a = x # y\n", 0, 0, "a=x # y", 0, ""},
    {"equals in value", "a==b\nc = d = e\n", 0, 0, "a==b|c=d = e", 0, ""},
    {"odd names", "a/b = c\n$x = y\n", 0, 0, "a/b=c|$x=y", 0, ""},
    {"no final newline", "a = x", 0, 0, "a=x", 0, ""},
    {"backslash is not special", "a = x\\\n  b\n", 0, 0, "a=x\\  b", 0, ""},
    {"quotes kept", "a = \"x\"\n", 0, 0, "a=\"x\"", 0, ""},
    {"tabs around =", "a\t=\tx\t\n", 0, 0, "a=x", 0, ""},
    {"leading comment", "  # c\na = x\n", 0, 0, "a=x", 0, ""},
    {"last wins, first position kept", "a = 1\nx=1\n\na = 2\na = 3\n", 0, 0, "a=3|x=1", 0,
	P ", line 4: overriding earlier entry: a=1|"
    P ", line 5: overriding earlier entry: a=2"},
    {"NUL ends the line text", "a=x\0y\nb=z\n", 10, 0, "a=x|b=z", 0, ""},
    {"NUL in continuation", "a = x\n\n\n  \0y\n", 12, 0, "a=x", 0, ""},
    {"leading white space", "\n\n  indented\na = y\n", 0, 0, "a=y", 0,
    P ": logical line must not start with whitespace: \"  indented\""},
    {"leading white space joined", "#x\n\n  ab\n\n  cd\na=z\n", 0, 0, "a=z", 0,
    P ": logical line must not start with whitespace: \"  ab  cd\""},
    {"leading tab shown as ?", "\ta=z\n", 0, 0, "", 0,
    P ": logical line must not start with whitespace: \"?a=z\""},
    {"missing =", "a = b\n  c\nfoo\n# x\nd = e\n", 0, -1, "a=b  c",
    P ", line 3: missing '=' after attribute name: \"foo\"", ""},
    {"missing = with continuation", "foo\n  bar\nx=1\n", 0, -1, "",
    P ", line 1: missing '=' after attribute name: \"foo  bar\"", ""},
    {"missing = reports first line", "a=x\n\nfoo\n  bar\n  baz\n", 0, -1, "a=x",
    P ", line 3: missing '=' after attribute name: \"foo  bar  baz\"", ""},
    {"space in name", "my domain = x\n", 0, -1, "",
    P ", line 1: missing '=' after attribute name: \"my domain = x\"", ""},
    {"non-printables shown as ?", "foo\tbar\001\n", 0, -1, "",
    P ", line 1: missing '=' after attribute name: \"foo?bar?\"", ""},
    {"trailing space shown", "foo \n", 0, -1, "",
    P ", line 1: missing '=' after attribute name: \"foo \"", ""},
    {"backslash line", "a = x\n\\#\n", 0, -1, "a=x",
    P ", line 2: missing '=' after attribute name: \"\\#\"", ""},
    {"missing name", "a=1\n=2\n", 0, -1, "a=1",
    P ", line 2: missing attribute name: \"=2\"", ""},
    {"missing name, bare =", "=\n", 0, -1, "", P ", line 1: missing attribute name: \"=\"", ""},
    {"NUL first", "\0foo\na=x\n", 9, -1, "", P ", line 1: missing attribute name: \"\"", ""},
    {"stops at the first error", "a=1\nfoo\nbar\nb=2\n", 0, -1, "a=1",
    P ", line 2: missing '=' after attribute name: \"foo\"", ""},
    {"empty", "", 0, 0, "", 0, ""},
    {0},
};

static void join_entries(VSTRING *buf, const MAIN_CF *cf)
{
    size_t  i;
    const MAIN_CF_ENTRY *ent;

    vstring_reset(buf);
    for (i = 0; (ent = main_cf_entry(cf, i)) != 0; i++) {
	if (i)
	    vstring_addch(buf, '|');
	vstring_sprintf_append(buf, "%s=%s", ent->name, ent->value);
    }
}

static void join_warnings(VSTRING *buf, const MAIN_CF *cf)
{
    const ARGV *w = main_cf_warnings(cf);
    size_t  i;

    vstring_reset(buf);
    for (i = 0; i < w->argc; i++) {
	if (i)
	    vstring_addch(buf, '|');
	vstring_strcat(buf, w->argv[i]);
    }
}

static void test_parse_table(void **state)
{
    const CASE *cp;
    VSTRING *buf = vstring_alloc(100);
    VSTRING *err = vstring_alloc(100);
    int     failed = 0;

    for (cp = cases; cp->label; cp++) {
	MAIN_CF *cf = main_cf_create();
	int     status;

	vstring_strcpy(err, "(none)");
	status = main_cf_parse(cf, cp->text, cp->len ? cp->len : strlen(cp->text),
			       P, err);
	if (status != cp->status) {
	    print_error("%s: got status %d (err %s), want %d\n", cp->label,
			status, vstring_str(err), cp->status);
	    failed++;
	}
	if (status < 0 && cp->err && strcmp(vstring_str(err), cp->err) != 0) {
	    print_error("%s: got error\n\t%s\nwant\n\t%s\n", cp->label,
			vstring_str(err), cp->err);
	    failed++;
	}
	join_entries(buf, cf);
	if (strcmp(vstring_str(buf), cp->entries) != 0) {
	    print_error("%s: got entries \"%s\", want \"%s\"\n", cp->label,
			vstring_str(buf), cp->entries);
	    failed++;
	}
	join_warnings(buf, cf);
	if (strcmp(vstring_str(buf), cp->warnings) != 0) {
	    print_error("%s: got warnings \"%s\", want \"%s\"\n", cp->label,
			vstring_str(buf), cp->warnings);
	    failed++;
	}
	main_cf_free(cf);
    }
    vstring_free(buf);
    vstring_free(err);
    if (failed)
	fail_msg("%d main.cf checks failed", failed);
}

static void test_api(void **state)
{
    MAIN_CF *cf = main_cf_create();
    const MAIN_CF_ENTRY *ent;

    assert_int_equal(main_cf_parse(cf, "a=1\nb=2\nc=3\n", 12, P, 0), 0);
    assert_int_equal(main_cf_count(cf), 3);
    ent = main_cf_entry(cf, 1);
    assert_non_null(ent);
    assert_string_equal(ent->name, "b");
    assert_int_equal(ent->line, 2);
    main_cf_set(cf, "b", "two");
    main_cf_set(cf, "d", "4");
    assert_string_equal(main_cf_get(cf, "b"), "two");
    assert_string_equal(main_cf_entry(cf, 1)->name, "b");
    assert_string_equal(main_cf_entry(cf, 3)->name, "d");
    main_cf_unset(cf, "a");
    main_cf_unset(cf, "nonexistent");
    assert_null(main_cf_get(cf, "a"));
    assert_int_equal(main_cf_count(cf), 3);
    assert_string_equal(main_cf_entry(cf, 0)->name, "b");
    assert_null(main_cf_entry(cf, 3));
    main_cf_set(cf, "a", "back");
    assert_string_equal(main_cf_entry(cf, 3)->name, "a");
    assert_string_equal(main_cf_get(cf, "a"), "back");
    main_cf_free(cf);
    main_cf_free(0);
}

static void test_long_line(void **state)
{
    VSTRING *text = vstring_alloc(10);
    MAIN_CF *cf = main_cf_create();
    size_t  i;

    vstring_strcpy(text, "big =");
    for (i = 0; i < 200000; i++)
	vstring_addch(text, 'x');
    vstring_strcat(text, "\n   y\n");
    assert_int_equal(main_cf_parse(cf, vstring_str(text), vstring_len(text), P, 0), 0);
    assert_int_equal(strlen(main_cf_get(cf, "big")), 200000 + 4);
    main_cf_free(cf);
    vstring_free(text);
}

static void test_read_file(void **state)
{
    MAIN_CF *cf = main_cf_create();
    VSTRING *err = vstring_alloc(10);

    assert_int_equal(main_cf_read(cf, "/nonexistent/dir/main.cf", err), -1);
    if (strstr(vstring_str(err), "/nonexistent/dir/main.cf") == 0)
	fail_msg("got error \"%s\", want the path in it", vstring_str(err));
    main_cf_free(cf);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_table),
	cmocka_unit_test(test_api),
	cmocka_unit_test(test_long_line),
	cmocka_unit_test(test_read_file),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
