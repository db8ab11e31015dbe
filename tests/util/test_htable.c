/*
 * NAME
 *	test_htable
 * SUMMARY
 *	unit tests for the insertion-ordered hash table
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "htable.h"
#include "mymalloc.h"

/* want is the "|"-joined key order. */
static void check_order(const char *what, const HTABLE *table, const char *want)
{
    HTABLE_INFO **list = htable_list(table);
    char    got[4096] = "";
    size_t  i;

    for (i = 0; list[i]; i++) {
	if (i > 0)
	    strncat(got, "|", sizeof(got) - strlen(got) - 1);
	strncat(got, list[i]->key, sizeof(got) - strlen(got) - 1);
    }
    if (i != htable_used(table))
	fail_msg("%s: list has %zu entries, htable_used says %zu", what, i, htable_used(table));
    myfree(list);
    if (strcmp(got, want) != 0)
	fail_msg("%s: got order \"%s\", want \"%s\"", what, got, want);
}

static int free_calls;

static void count_free(void *value)
{
    free_calls++;
    myfree(value);
}

static void test_enter_find_duplicate(void **state)
{
    HTABLE *table = htable_create(0);
    HTABLE_INFO *info;
    int     a = 1, b = 2;

    check_order("empty", table, "");
    assert_null(htable_find(table, "x"));
    assert_null(htable_locate(table, "x"));
    info = htable_enter(table, "x", &a);
    assert_non_null(info);
    assert_string_equal(info->key, "x");
    assert_ptr_equal(htable_find(table, "x"), &a);
    assert_ptr_equal(htable_locate(table, "x"), info);
    /* Duplicate: refused, original value kept. */
    assert_null(htable_enter(table, "x", &b));
    assert_ptr_equal(htable_find(table, "x"), &a);
    assert_int_equal(htable_used(table), 1);
    /* Empty key is a valid key; a NULL value is allowed. */
    assert_non_null(htable_enter(table, "", 0));
    assert_non_null(htable_locate(table, ""));
    assert_null(htable_find(table, ""));
    /* Case matters. */
    assert_null(htable_find(table, "X"));
    check_order("two keys", table, "x|");
    htable_free(table, 0);
}

static void test_delete_and_readd_order(void **state)
{
    static const struct {
	char    op;			/* + enter, - delete */
	const char *key;
	const char *want;
    } steps[] = {
	{'+', "c", "c"},
	{'+', "a", "c|a"},
	{'+', "b", "c|a|b"},
	{'+', "d", "c|a|b|d"},
	{'-', "a", "c|b|d"},		/* middle */
	{'-', "c", "b|d"},		/* first */
	{'-', "d", "b"},		/* last */
	{'-', "zz", "b"},		/* absent */
	{'+', "c", "b|c"},		/* re-added goes to the end */
	{'+', "a", "b|c|a"},
	{'-', "b", "c|a"},
	{'-', "c", "a"},
	{'-', "a", ""},
	{'+', "a", "a"},
    };
    HTABLE *table = htable_create(4);
    size_t  i;
    char    what[64];

    free_calls = 0;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
	if (steps[i].op == '+')
	    assert_non_null(htable_enter(table, steps[i].key, mystrdup(steps[i].key)));
	else
	    htable_delete(table, steps[i].key, count_free);
	snprintf(what, sizeof(what), "step %zu (%c%s)", i, steps[i].op, steps[i].key);
	check_order(what, table, steps[i].want);
    }
    if (free_calls != 6)
	fail_msg("free_fn: got %d calls, want 6", free_calls);
    htable_free(table, count_free);
    if (free_calls != 7)
	fail_msg("htable_free free_fn: got %d calls, want 7", free_calls);
}

static void test_many_keys_with_growth(void **state)
{
    HTABLE *table = htable_create(1);
    HTABLE_INFO **list;
    char    key[32];
    size_t  i;
    const size_t n = 5000;

    for (i = 0; i < n; i++) {
	snprintf(key, sizeof(key), "key%zu", i);
	assert_non_null(htable_enter(table, key, (void *) (uintptr_t) (i + 1)));
    }
    assert_int_equal(htable_used(table), n);
    for (i = 0; i < n; i++) {
	snprintf(key, sizeof(key), "key%zu", i);
	if ((uintptr_t) htable_find(table, key) != i + 1)
	    fail_msg("find %s: got %zu, want %zu", key,
		     (size_t) (uintptr_t) htable_find(table, key), i + 1);
    }
    /* Delete the even keys; the odd ones keep their relative order. */
    for (i = 0; i < n; i += 2) {
	snprintf(key, sizeof(key), "key%zu", i);
	htable_delete(table, key, 0);
    }
    assert_int_equal(htable_used(table), n / 2);
    list = htable_list(table);
    for (i = 0; list[i]; i++) {
	snprintf(key, sizeof(key), "key%zu", 2 * i + 1);
	if (strcmp(list[i]->key, key) != 0)
	    fail_msg("list[%zu]: got %s, want %s", i, list[i]->key, key);
    }
    assert_int_equal(i, n / 2);
    myfree(list);
    assert_null(htable_find(table, "key0"));
    htable_free(table, 0);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_enter_find_duplicate),
	cmocka_unit_test(test_delete_and_readd_order),
	cmocka_unit_test(test_many_keys_with_growth),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
