/*
 * NAME
 *	test_mac_expand
 * SUMMARY
 *	unit tests for $name expansion
 * DESCRIPTION
 *	Each case expands a pattern against a small fixed table. Unless
 *	marked otherwise, the wanted output and error text were observed
 *	with stock postconf 3.7.11 ("postconf -c DIR -xh myorigin" with the
 *	pattern as myorigin's value and the table in the same main.cf).
 *	Cases marked "ours" cover limits that stock does not have.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "mymalloc.h"
#include "mac_expand.h"

static const char *const table[][2] = {
    {"e", ""},
    {"v", "val"},
    {"n", "5"},
    {"w", "abc ${v"},
    {"l1", "$l2"},
    {"l2", "x$l1"},
    {"self", "a $self"},
    {"ref", "$v-$n"},
    {"sp", " a "},
    /* ours: exponential fan-out */
    {"b0", "$b1$b1"}, {"b1", "$b2$b2"}, {"b2", "$b3$b3"}, {"b3", "$b4$b4"},
    {"b4", "$b5$b5"}, {"b5", "$b6$b6"}, {"b6", "$b7$b7"}, {"b7", "$b8$b8"},
    {"b8", "$b9$b9"}, {"b9", "$c0$c0"}, {"c0", "$c1$c1"}, {"c1", "$c2$c2"},
    {"c2", "$c3$c3"}, {"c3", "$c4$c4"}, {"c4", "$c5$c5"}, {"c5", "$c6$c6"},
    {"c6", "$c7$c7"}, {"c7", "$c8$c8"}, {"c8", "$c9$c9"}, {"c9", "xy"},
    {0, 0},
};

static const char *lookup(const char *name, void *ctx)
{
    size_t  i;

    (*(int *) ctx)++;
    for (i = 0; table[i][0]; i++)
	if (strcmp(table[i][0], name) == 0)
	    return (table[i][1]);
    return (0);
}

typedef struct CASE {
    const char *pattern;
    int     status;
    const char *want;			/* output, or error text */
} CASE;

#define OK	MAC_EXP_OK
#define SYN	MAC_EXP_SYNTAX
#define LOOP	MAC_EXP_LOOP
#define BIG	MAC_EXP_TOOBIG

static const CASE cases[] = {
    /* Plain forms. */
    {"$v", OK, "val"},
    {"${v}", OK, "val"},
    {"$(v)", OK, "val"},
    {"$$v", OK, "$v"},
    {"a$$", OK, "a$"},
    {"$v.x", OK, "val.x"},
    {"${ v }", OK, "val"},
    {"$undef", OK, ""},
    {"[$ref]", OK, "[val-5]"},
    {"}", OK, "}"},
    {"plain text", OK, "plain text"},
    {"", OK, ""},
    /* Conditionals: ? wants a non-empty value, : an empty or undefined one. */
    {"${v?}", OK, ""},
    {"${v:}", OK, ""},
    {"${v?x}", OK, "x"},
    {"${e?x}", OK, ""},
    {"${e:x}", OK, "x"},
    {"${undef?x}", OK, ""},
    {"${undef:x}", OK, "x"},
    {"${v:x}", OK, ""},
    {"${v?{x}:{y}}", OK, "x"},
    {"${e?{x}:{y}}", OK, "y"},
    {"${v?{x}}", OK, "x"},
    {"${v:{x}}", OK, ""},
    {"${e:{x}}", OK, "x"},
    {"${v?$v$v}", OK, "valval"},
    {"${v?{ x }}", OK, " x "},
    {"${v? x }", OK, " x "},
    {"${v?{x}:y}", OK, "x"},
    {"${e?{x}:y}", OK, "y"},
    {"${v?{x} : {y}}", OK, "x"},
    {"${v?{x}:}", OK, "x"},
    {"${v?${v}}", OK, "val"},
    {"${v?${n:{a}}}", OK, ""},
    {"${v?${e:{a}}}", OK, "a"},
    {"${v?a{b}c}", OK, "a{b}c"},
    {"${v?a}b}", OK, "ab}"},
    {"$(v?a)b)", OK, "ab)"},
    {"$(v?a(b)c)", OK, "a(b)c"},
    {"$(v?{x}:{y})", OK, "x"},
    {"${v ?x}", OK, "x"},
    {"${v ? {x}}", OK, "x"},
    {"${v?{{x}}}", OK, "{x}"},
    {"${v?{x}:{{y}}}", OK, "x"},
    {"${self?x}", OK, "x"},		/* the value is tested, not expanded */
    {"${self:x}", OK, ""},
    {"${sp?[$sp]}", OK, "[ a ]"},
    /* Comparisons. */
    {"${{$n} == {5} ? {eq} : {ne}}", OK, "eq"},
    {"${{$n} != {5} ? {eq} : {ne}}", OK, "ne"},
    {"${{$n} < {10} ? {lt} : {ge}}", OK, "lt"},
    {"${{$n} <= {5} ? {le} : {gt}}", OK, "le"},
    {"${{$n} > {10} ? {gt} : {le}}", OK, "le"},
    {"${{$n} >= {5} ? {ge} : {lt}}", OK, "ge"},
    {"${{abc} < {10} ? {lt} : {ge}}", OK, "ge"},
    {"${{abc} == {abc} ? {y} : {n}}", OK, "y"},
    {"${{ abc } == {abc} ? {y} : {n}}", OK, "n"},
    {"${{abc}=={abc}?{y}:{n}}", OK, "y"},
    {"${{abc} == {abc} ? {y}}", OK, "y"},
    {"${{abc} == {abd} ? {y}}", OK, ""},
    {"${{abc} == {abc}}", OK, "true"},
    {"${{abc} == {abd}}", OK, ""},
    {"${{abc} != {abd}}", OK, "true"},
    {"${{abc} == {abc} ? y : n}", OK, " y : n"},
    {"${{abc} == {abc} : {y}}", OK, ""},
    {"${{10} < {9} ? {y} : {n}}", OK, "n"},	/* numeric */
    {"${{10} < {9x} ? {y} : {n}}", OK, "y"},	/* text */
    {"${{10x} < {9} ? {y} : {n}}", OK, "y"},
    {"${{ 10} < {9 } ? {y} : {n}}", OK, "y"},
    {"${{+10} < {9} ? {y} : {n}}", OK, "y"},
    {"${{-12} < {-13} ? {y} : {n}}", OK, "y"},
    {"${{010} == {10} ? {y} : {n}}", OK, "y"},
    {"${{010} <= {10} ? {y} : {n}}", OK, "y"},
    {"${{0x10} == {16} ? {y} : {n}}", OK, "n"},
    {"${{5 } == {5} ? {y} : {n}}", OK, "n"},
    {"${{} == {} ? {y} : {n}}", OK, "y"},
    {"${{} < {} ? {y} : {n}}", OK, "n"},
    {"${{3.10} > {3.9} ? {y} : {n}}", OK, "n"},
    {"${{-1} < {2} ? {y} : {n}}", OK, "y"},
    {"${{ 1 } < { 2 } ? {y} : {n}}", OK, "y"},
    {"${{ $v } == {val} ? {y} : {n}}", OK, "n"},
    /* Compatibility levels. */
    {"${{3.7} <level {3.6} ? {y} : {n}}", OK, "n"},
    {"${{3.10} >level {3.9} ? {y} : {n}}", OK, "y"},
    {"${{1} <level {2} ? {y} : {n}}", OK, "y"},
    {"${{0} ==level {0} ? {y} : {n}}", OK, "y"},
    {"${{1} !=level {2} ? {y} : {n}}", OK, "y"},
    {"${{3.6.1} <=level {3.6} ? {y} : {n}}", OK, "n"},
    {"${{3} ==level {3.0} ? {y} : {n}}", OK, "y"},
    {"${{ 3} ==level {3} ? {y} : {n}}", OK, "y"},
    {"${{3.0.0} ==level {3} ? {y} : {n}}", OK, "y"},
    {"${{03} ==level {3} ? {y} : {n}}", OK, "y"},
    {"${{99999999999} ==level {3} ? {y} : {n}}", OK, "n"},
    {"${{3.6} <level {3.10} ? {y} : {n}}", OK, "y"},
    {"${{1} >=level {1} ? {y} : {n}}", OK, "y"},
    {"${{1} <=level {2} ? {y} : {n}}", OK, "y"},
    {"${{2} <=level {1} ? {y} : {n}}", OK, "n"},
    {"${{$n} <level {1} ? {no} : {yes}}", OK, "yes"},
    /* Errors. */
    {"a$", SYN, "empty macro name: \"a$\""},
    {"a$ b", SYN, "empty macro name: \"a$ b\""},
    {"a$-b", SYN, "empty macro name: \"a$-b\""},
    {"${}", SYN, "empty macro name: \"${}\""},
    {"$()", SYN, "empty macro name: \"$()\""},
    {"${v", SYN, "truncated macro reference: \"${v\""},
    {"abc ${v", SYN, "truncated macro reference: \"abc ${v\""},
    {"$(v", SYN, "truncated macro reference: \"$(v\""},
    {"${v)", SYN, "truncated macro reference: \"${v)\""},
    {"${v?{x", SYN, "truncated macro reference: \"${v?{x\""},
    {"${v?x", SYN, "truncated macro reference: \"${v?x\""},
    {"${v?{x}", SYN, "truncated macro reference: \"${v?{x}\""},
    {"${v?{{x}}", SYN, "truncated macro reference: \"${v?{{x}}\""},
    {"pre $w post", SYN, "truncated macro reference: \"abc ${v\""},
    {"${v.x}", SYN, "attribute name syntax error at: \"...v>>>.x\""},
    {"${v x}", SYN, "attribute name syntax error at: \"...v>>> x\""},
    {"${v!x}", SYN, "attribute name syntax error at: \"...v>>>!x\""},
    {"${v=x}", SYN, "attribute name syntax error at: \"...v>>>=x\""},
    {"x ${v.xyzabcdefghijklmnopqrstuvwxyz0123456789}", SYN,
    "attribute name syntax error at: \"...v>>>.xyzabcdefghijklmnop\""},
    {"x ${verylongnameabcdefghijklmnopqrstuvwxyz.x}", SYN,
    "attribute name syntax error at: \"...verylongnameabcdefghijklmnopqrstuvwxyz>>>.x\""},
    {"${v?{x}y}", SYN, "\":\" expected at: \"...x}>>>y\""},
    {"${v?{x}{y}}", SYN, "\":\" expected at: \"...x}>>>{y}\""},
    {"${v?{x}:{y}z}", SYN, "unexpected input at: \"...y}>>>z\""},
    {"${{abc} === {abc} ? {y} : {n}}", SYN,
	"\"==\" or \"!=\"\" or \"<\"\" or \"<=\"\" or \">=\"\" or \">\" expected at: "
    "\"...abc}>>>=== {abc} ? {y} : {n\""},
    {"${{abc} =~ {abc} ? {y} : {n}}", SYN,
	"\"==\" or \"!=\"\" or \"<\"\" or \"<=\"\" or \">=\"\" or \">\" expected at: "
    "\"...abc}>>>=~ {abc} ? {y} : {n}\""},
    {"${{abc} == abc ? {y} : {n}}", SYN,
    "\"{expression}\" expected at: \"...{abc} ==>>> abc ? {y} : {n}\""},
    {"${{1} ==  level {2} ? {y} : {n}}", SYN,
    "\"{expression}\" expected at: \"...{1} ==>>>  level {2} ? {y} : \""},
    {"${{1} ==lev {2} ? {y} : {n}}", SYN, "bad operator suffix at: \"...==>>>lev\""},
    {"${{1} ==levelx {2} ? {y} : {n}}", SYN, "bad operator suffix at: \"...==>>>levelx\""},
    {"${{x} ==level {0} ? {y} : {n}}", SYN, "malformed compatibility level syntax: \"x\""},
    {"${{3.} ==level {3.0} ? {y} : {n}}", SYN, "malformed compatibility level syntax: \"3.\""},
    {"${{} ==level {0} ? {y} : {n}}", SYN, "malformed compatibility level syntax: \"\""},
    {"${{3.6.1.2} ==level {3} ? {y} : {n}}", SYN,
    "malformed compatibility level syntax: \"3.6.1.2\""},
    {"${{99999999999999999999} > {1} ? {y} : {n}}", SYN,
    "mac_exp_eval: bad conversion: 99999999999999999999"},
    {"$l1", LOOP, "unreasonable macro call nesting: \"l2\""},
    {"$self", LOOP, "unreasonable macro call nesting: \"self\""},
    {"${{$l1} == {x} ? {y} : {n}}", LOOP, "unreasonable macro call nesting: \"l2\""},
    /* ours: exponential fan-out is stopped */
    {"$b0", BIG, "too many macro expansion steps"},
    {0},
};

static void test_expand_table(void **state)
{
    const CASE *cp;
    VSTRING *out = vstring_alloc(10);
    VSTRING *err = vstring_alloc(10);
    int     calls;
    int     status;
    int     failed = 0;

    for (cp = cases; cp->pattern; cp++) {
	vstring_reset(out);
	vstring_strcpy(err, "(none)");
	calls = 0;
	status = mac_expand(out, cp->pattern, lookup, &calls, err);
	if (status != cp->status) {
	    print_error("pattern %s: got status %d (out \"%s\", err \"%s\"), want %d\n",
			cp->pattern, status, vstring_str(out), vstring_str(err),
			cp->status);
	    failed++;
	} else if (status == OK && strcmp(vstring_str(out), cp->want) != 0) {
	    print_error("pattern %s: got \"%s\", want \"%s\"\n",
			cp->pattern, vstring_str(out), cp->want);
	    failed++;
	} else if (status != OK && strcmp(vstring_str(err), cp->want) != 0) {
	    print_error("pattern %s: got error \"%s\", want \"%s\"\n",
			cp->pattern, vstring_str(err), cp->want);
	    failed++;
	}
    }
    vstring_free(out);
    vstring_free(err);
    if (failed)
	fail_msg("%d expansion cases failed", failed);
}

/* The result is appended to what out already holds. */
static void test_expand_appends(void **state)
{
    VSTRING *out = vstring_alloc(10);
    int     calls = 0;

    vstring_strcpy(out, "pre:");
    assert_int_equal(mac_expand(out, "$v", lookup, &calls, 0), MAC_EXP_OK);
    assert_string_equal(vstring_str(out), "pre:val");
    assert_int_equal(calls, 1);
    vstring_free(out);
}

/* Lazy: branches not taken are not looked up. */
static void test_expand_lazy(void **state)
{
    VSTRING *out = vstring_alloc(10);
    int     calls = 0;

    assert_int_equal(mac_expand(out, "${e?$v$v$v}", lookup, &calls, 0), MAC_EXP_OK);
    assert_string_equal(vstring_str(out), "");
    if (calls != 1)
	fail_msg("got %d lookups, want 1", calls);
    vstring_free(out);
}

typedef struct SCAN {
    const char *pattern;
    const char *want;			/* names, comma-separated */
} SCAN;

static void scan_collect(const char *name, void *ctx)
{
    VSTRING *buf = (VSTRING *) ctx;

    if (vstring_len(buf))
	vstring_addch(buf, ',');
    vstring_strcat(buf, name);
}

static void test_scan_names(void **state)
{
    static const SCAN scans[] = {
	{"$a ${b} $(c) $$d", "a,b,c"},
	{"${a?$b}${c:{$d}}", "a,b,c,d"},
	{"${{$x} == {y} ? {$z} : {w}}", "x,z"},
	{"no names", ""},
	{"${unterminated $x", ""},
	{"$a.b-c$d_e", "a,d_e"},
	{0, 0},
    };
    const SCAN *sp;
    VSTRING *buf = vstring_alloc(10);

    for (sp = scans; sp->pattern; sp++) {
	vstring_reset(buf);
	mac_scan_names(sp->pattern, scan_collect, buf);
	if (strcmp(vstring_str(buf), sp->want) != 0)
	    fail_msg("scan %s: got \"%s\", want \"%s\"", sp->pattern,
		     vstring_str(buf), sp->want);
    }
    vstring_free(buf);
}

/* ours: deep nesting in the pattern itself stops cleanly. */
static void test_deep_nesting(void **state)
{
    VSTRING *pat = vstring_alloc(10);
    VSTRING *out = vstring_alloc(10);
    VSTRING *err = vstring_alloc(10);
    int     calls = 0;
    int     i;

    for (i = 0; i < 5000; i++)
	vstring_strcat(pat, "${v?");
    vstring_strcat(pat, "x");
    for (i = 0; i < 5000; i++)
	vstring_addch(pat, '}');
    assert_int_equal(mac_expand(out, vstring_str(pat), lookup, &calls, err), MAC_EXP_LOOP);
    vstring_free(pat);
    vstring_free(out);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_expand_table),
	cmocka_unit_test(test_expand_appends),
	cmocka_unit_test(test_expand_lazy),
	cmocka_unit_test(test_scan_names),
	cmocka_unit_test(test_deep_nesting),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
