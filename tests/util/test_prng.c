/*
 * NAME
 *	test_prng
 * SUMMARY
 *	unit tests for the seeded PRNG
 * DESCRIPTION
 *	Known-answer vectors come from the published xoshiro256** and
 *	splitmix64 reference code (state {1,2,3,4}; splitmix64 from 0),
 *	cross-checked with an independent script.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "prng.h"

static void check_u64(const char *what, size_t i, uint64_t got, uint64_t want)
{
    if (got != want)
	fail_msg("%s[%zu]: got 0x%016llx, want 0x%016llx", what, i,
		 (unsigned long long) got, (unsigned long long) want);
}

static void test_xoshiro_reference_vector(void **state)
{
    static const uint64_t want[] = {
	11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL,
	1216172134540287360ULL,
    };
    PRNG    rng = {{1, 2, 3, 4}};
    size_t  i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
	check_u64("xoshiro {1,2,3,4}", i, prng_next(&rng), want[i]);
}

static void test_seed_uses_splitmix64(void **state)
{
    static const struct {
	uint64_t seed;
	uint64_t state[4];
	uint64_t out[3];
    } cases[] = {
	{0, {0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
		0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL},
	    {0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL}},
	{42, {0xbdd732262feb6e95ULL, 0x28efe333b266f103ULL,
		0x47526757130f9f52ULL, 0x581ce1ff0e4ae394ULL},
	    {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL}},
    };
    size_t  c, i;
    PRNG    rng;

    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
	prng_seed(&rng, cases[c].seed);
	for (i = 0; i < 4; i++)
	    check_u64("state", i, rng.s[i], cases[c].state[i]);
	for (i = 0; i < 3; i++)
	    check_u64("output", i, prng_next(&rng), cases[c].out[i]);
    }
}

static void test_same_seed_same_sequence(void **state)
{
    PRNG    a, b, c;
    size_t  i;
    int     differ = 0;

    prng_seed(&a, 12345);
    prng_seed(&b, 12345);
    prng_seed(&c, 12346);
    for (i = 0; i < 1000; i++) {
	uint64_t x = prng_next(&a);

	check_u64("replay", i, prng_next(&b), x);
	if (prng_next(&c) != x)
	    differ++;
    }
    if (differ < 990)
	fail_msg("neighbouring seeds: got %d differing draws, want >= 990", differ);
}

static void test_below_and_range_bounds(void **state)
{
    static const uint64_t bounds[] = {1, 2, 3, 7, 10, 1000, (1ULL << 63) + 1, UINT64_MAX};
    PRNG    rng;
    size_t  b, i;
    int     seen[10] = {0};

    prng_seed(&rng, 7);
    for (b = 0; b < sizeof(bounds) / sizeof(bounds[0]); b++) {
	for (i = 0; i < 2000; i++) {
	    uint64_t r = prng_below(&rng, bounds[b]);

	    if (r >= bounds[b])
		fail_msg("prng_below(%llu): got %llu", (unsigned long long) bounds[b],
			 (unsigned long long) r);
	    if (bounds[b] == 10)
		seen[r]++;
	}
    }
    for (i = 0; i < 10; i++)		/* expect ~200 each */
	if (seen[i] < 120 || seen[i] > 280)
	    fail_msg("prng_below(10): value %zu seen %d times of 2000", i, seen[i]);
    for (i = 0; i < 2000; i++) {
	uint64_t r = prng_range(&rng, 5, 9);

	if (r < 5 || r > 9)
	    fail_msg("prng_range(5, 9): got %llu", (unsigned long long) r);
    }
    assert_int_equal(prng_range(&rng, 17, 17), 17);
    (void) prng_range(&rng, 0, UINT64_MAX);
}

static void test_unit_interval(void **state)
{
    PRNG    rng;
    size_t  i;
    double  sum = 0;

    prng_seed(&rng, 99);
    for (i = 0; i < 10000; i++) {
	double  u = prng_unit(&rng);

	if (!(u >= 0.0 && u < 1.0))
	    fail_msg("prng_unit: got %g, want [0, 1)", u);
	sum += u;
    }
    if (sum / 10000 < 0.45 || sum / 10000 > 0.55)
	fail_msg("prng_unit mean: got %g, want about 0.5", sum / 10000);
}

static void test_fork_independent_and_stable(void **state)
{
    PRNG    parent, saved, c1, c1again, c2, p2;
    uint64_t first[3];
    size_t  i;

    prng_seed(&parent, 2024);
    saved = parent;
    c1 = prng_fork(&parent, 1);
    c2 = prng_fork(&parent, 2);
    /* Forking does not advance the parent. */
    if (memcmp(&parent, &saved, sizeof(parent)) != 0)
	fail_msg("prng_fork changed the parent state");
    /* Same parent state and stream: same child. */
    c1again = prng_fork(&parent, 1);
    for (i = 0; i < 3; i++) {
	first[i] = prng_next(&c1);
	check_u64("fork replay", i, prng_next(&c1again), first[i]);
    }
    /* Drawing from child 1 does not shift child 2 or the parent. */
    for (i = 0; i < 100; i++)
	(void) prng_next(&c1);
    {
	PRNG    c2fresh = prng_fork(&saved, 2);

	for (i = 0; i < 10; i++)
	    check_u64("child 2 after child 1 draws", i, prng_next(&c2), prng_next(&c2fresh));
    }
    /* Streams differ from each other and from the parent. */
    c1 = prng_fork(&saved, 1);
    c2 = prng_fork(&saved, 2);
    p2 = saved;
    {
	uint64_t a = prng_next(&c1), b = prng_next(&c2), p = prng_next(&p2);

	if (a == b || a == p || b == p)
	    fail_msg("fork streams collide: %llx %llx %llx", (unsigned long long) a,
		     (unsigned long long) b, (unsigned long long) p);
    }
    /* Stream id 0 must not reproduce the parent either. */
    c1 = prng_fork(&saved, 0);
    p2 = saved;
    if (prng_next(&c1) == prng_next(&p2))
	fail_msg("fork stream 0 repeats the parent sequence");
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_xoshiro_reference_vector),
	cmocka_unit_test(test_seed_uses_splitmix64),
	cmocka_unit_test(test_same_seed_same_sequence),
	cmocka_unit_test(test_below_and_range_bounds),
	cmocka_unit_test(test_unit_interval),
	cmocka_unit_test(test_fork_independent_and_stable),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
