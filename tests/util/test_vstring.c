/*
 * NAME
 *	test_vstring
 * SUMMARY
 *	unit tests for growable buffers
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mymalloc.h"
#include "vstring.h"

/* Checks length, bytes and the NUL after them. */
static void check_vstring(const char *what, const VSTRING *vp, const char *want, size_t want_len)
{
    if (vstring_len(vp) != want_len)
	fail_msg("%s: got len %zu, want %zu", what, vstring_len(vp), want_len);
    if (memcmp(vstring_str(vp), want, want_len) != 0)
	fail_msg("%s: got \"%.*s\", want \"%.*s\"", what, (int) want_len,
		 vstring_str(vp), (int) want_len, want);
    if (vstring_str(vp)[want_len] != 0)
	fail_msg("%s: missing terminating NUL", what);
    if (vp->cap < vp->len)
	fail_msg("%s: cap %zu below len %zu", what, vp->cap, vp->len);
}

static void test_empty_and_basic_ops(void **state)
{
    VSTRING *vp = vstring_alloc(0);

    check_vstring("fresh", vp, "", 0);
    vstring_strcpy(vp, "");
    check_vstring("strcpy empty", vp, "", 0);
    vstring_strcpy(vp, "hello");
    check_vstring("strcpy", vp, "hello", 5);
    vstring_strcat(vp, ", world");
    check_vstring("strcat", vp, "hello, world", 12);
    vstring_strncat(vp, "!!!", 1);
    check_vstring("strncat", vp, "hello, world!", 13);
    vstring_strncat(vp, "ab\0cd", 5);
    check_vstring("strncat stops at NUL", vp, "hello, world!ab", 15);
    vstring_strncpy(vp, "abcdef", 3);
    check_vstring("strncpy", vp, "abc", 3);
    vstring_strncpy(vp, "xy", 10);
    check_vstring("strncpy short", vp, "xy", 2);
    vstring_addch(vp, 'z');
    check_vstring("addch", vp, "xyz", 3);
    vstring_truncate(vp, 10);
    check_vstring("truncate longer", vp, "xyz", 3);
    vstring_truncate(vp, 1);
    check_vstring("truncate", vp, "x", 1);
    vstring_reset(vp);
    check_vstring("reset", vp, "", 0);
    vstring_free(vp);
    vstring_free(0);
}

static void test_embedded_nul(void **state)
{
    static const char bin[] = {'a', 0, 'b', 0, 0, 'c'};
    VSTRING *vp = vstring_alloc(1);

    vstring_memcpy(vp, bin, sizeof(bin));
    check_vstring("memcpy binary", vp, bin, sizeof(bin));
    vstring_addch(vp, 0);
    vstring_memcat(vp, bin, sizeof(bin));
    {
	char    want[13];

	memcpy(want, bin, 6);
	want[6] = 0;
	memcpy(want + 7, bin, 6);
	check_vstring("memcat binary", vp, want, 13);
    }
    vstring_memcpy(vp, "", 0);
    check_vstring("memcpy empty", vp, "", 0);
    vstring_free(vp);
}

static void test_growth_across_many_appends(void **state)
{
    VSTRING *vp = vstring_alloc(1);
    size_t  i;
    size_t  reallocs = 0;
    size_t  last_cap = vp->cap;

    for (i = 0; i < 100000; i++) {
	vstring_addch(vp, 'a' + (int) (i % 26));
	if (vp->cap != last_cap) {
	    reallocs++;
	    last_cap = vp->cap;
	}
    }
    assert_int_equal(vstring_len(vp), 100000);
    for (i = 0; i < 100000; i++)
	if (vstring_str(vp)[i] != 'a' + (int) (i % 26))
	    fail_msg("byte %zu: got '%c', want '%c'", i, vstring_str(vp)[i], 'a' + (int) (i % 26));
    assert_int_equal(vstring_str(vp)[100000], 0);
    /* Geometric growth: about log2(100000/16) reallocations. */
    if (reallocs > 20)
	fail_msg("growth: got %zu reallocations, want <= 20", reallocs);
    vstring_free(vp);
}

static void test_reserve(void **state)
{
    VSTRING *vp = vstring_alloc(4);

    vstring_strcpy(vp, "ab");
    vstring_reserve(vp, 1000);
    if (vp->cap < 1002)
	fail_msg("reserve: got cap %zu, want >= 1002", vp->cap);
    check_vstring("reserve keeps data", vp, "ab", 2);
    vstring_free(vp);
}

static void test_sprintf(void **state)
{
    static const struct {
	const char *fmt_name;
	int     num;
	const char *str;
	const char *want;
    } cases[] = {
	{"int", 42, "x", "n=42 s=x"},
	{"negative", -7, "", "n=-7 s="},
	{"long string", 0, "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789",
	    "n=0 s=0123456789012345678901234567890123456789"
	"0123456789012345678901234567890123456789"},
    };
    VSTRING *vp = vstring_alloc(1);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	vstring_strcpy(vp, "junk");
	vstring_sprintf(vp, "n=%d s=%s", cases[i].num, cases[i].str);
	check_vstring(cases[i].fmt_name, vp, cases[i].want, strlen(cases[i].want));
    }
    vstring_strcpy(vp, "pre:");
    vstring_sprintf_append(vp, "%s|%05d", "abc", 12);
    check_vstring("sprintf_append", vp, "pre:abc|00012", 13);
    vstring_sprintf(vp, "%s", "");
    check_vstring("sprintf empty", vp, "", 0);
    vstring_free(vp);
}

static void test_sprintf_percent_m(void **state)
{
    VSTRING *vp = vstring_alloc(1);
    char    want[200];

    /* Long prefix forces the retry path; %m must survive the realloc. */
    errno = ENOENT;
    vstring_sprintf(vp, "%0100d: %m", 0);
    snprintf(want, sizeof(want), "%0100d: %s", 0, strerror(ENOENT));
    check_vstring("%m", vp, want, strlen(want));
    vstring_free(vp);
}

static void test_self_append(void **state)
{
    VSTRING *vp = vstring_alloc(1);
    int     i;

    vstring_strcpy(vp, "abc");
    for (i = 0; i < 5; i++)		/* doubles each time, forcing moves */
	vstring_memcat(vp, vstring_str(vp), vstring_len(vp));
    assert_int_equal(vstring_len(vp), 3 * 32);
    for (i = 0; i < 96; i++)
	if (vstring_str(vp)[i] != "abc"[i % 3])
	    fail_msg("self append byte %d: got '%c'", i, vstring_str(vp)[i]);
    vstring_memcpy(vp, vstring_str(vp) + 1, 4);
    check_vstring("self copy", vp, "bcab", 4);
    vstring_free(vp);
}

static void test_export(void **state)
{
    VSTRING *vp = vstring_alloc(1);
    char   *s;

    vstring_strcpy(vp, "kept");
    s = vstring_export(vp);
    assert_string_equal(s, "kept");
    myfree(s);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_empty_and_basic_ops),
	cmocka_unit_test(test_embedded_nul),
	cmocka_unit_test(test_growth_across_many_appends),
	cmocka_unit_test(test_reserve),
	cmocka_unit_test(test_sprintf),
	cmocka_unit_test(test_sprintf_percent_m),
	cmocka_unit_test(test_self_append),
	cmocka_unit_test(test_export),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
