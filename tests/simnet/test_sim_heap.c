/*
 * NAME
 *	test_sim_heap
 * SUMMARY
 *	unit tests for the simulator event heap
 * DESCRIPTION
 *	Items come out by time; equal times come out in push order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "prng.h"
#include "sim_heap.h"

static void test_heap_order(void **state)
{
    SIM_HEAP heap;
    SIM_HEAP_ITEM item;
    PRNG    rng;
    static int64_t times[1000];
    int64_t last = -1;
    size_t  i, n = 0;

    prng_seed(&rng, 42);
    sim_heap_init(&heap);
    for (i = 0; i < 1000; i++) {
	times[i] = (int64_t) prng_below(&rng, 100);
	sim_heap_push(&heap, times[i], times + i);
    }
    while (sim_heap_pop(&heap, &item)) {
	if (item.when < last)
	    fail_msg("pop %zu: got time %lld after %lld", n, (long long) item.when,
		     (long long) last);
	if (*(int64_t *) item.data != item.when)
	    fail_msg("pop %zu: data does not belong to its time", n);
	last = item.when;
	n++;
    }
    assert_int_equal(n, 1000);
    sim_heap_free(&heap, 0);
}

static void test_heap_ties_in_push_order(void **state)
{
    SIM_HEAP heap;
    SIM_HEAP_ITEM item;
    static int tags[] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const int64_t when[] = {5, 3, 5, 3, 5, 1, 3, 5};
    static const int want[] = {5, 1, 3, 6, 0, 2, 4, 7};
    size_t  i;

    sim_heap_init(&heap);
    for (i = 0; i < 8; i++)
	sim_heap_push(&heap, when[i], tags + i);
    assert_non_null(sim_heap_peek(&heap));
    assert_int_equal(sim_heap_peek(&heap)->when, 1);
    for (i = 0; i < 8; i++) {
	assert_true(sim_heap_pop(&heap, &item));
	if (*(int *) item.data != want[i])
	    fail_msg("pop %zu: got item %d, want %d", i, *(int *) item.data, want[i]);
    }
    assert_false(sim_heap_pop(&heap, &item));
    assert_null(sim_heap_peek(&heap));
    sim_heap_free(&heap, 0);
}

static void test_heap_interleaved(void **state)
{
    SIM_HEAP heap;
    SIM_HEAP_ITEM item;
    static int a, b, c;

    sim_heap_init(&heap);
    sim_heap_push(&heap, 10, &a);
    assert_true(sim_heap_pop(&heap, &item));
    assert_ptr_equal(item.data, &a);
    /* A later push at the same time still comes after an earlier one. */
    sim_heap_push(&heap, 10, &b);
    sim_heap_push(&heap, 10, &c);
    assert_true(sim_heap_pop(&heap, &item));
    assert_ptr_equal(item.data, &b);
    assert_true(sim_heap_pop(&heap, &item));
    assert_ptr_equal(item.data, &c);
    sim_heap_free(&heap, 0);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_heap_order),
	cmocka_unit_test(test_heap_ties_in_push_order),
	cmocka_unit_test(test_heap_interleaved),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
