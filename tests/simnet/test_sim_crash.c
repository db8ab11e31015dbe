/*
 * NAME
 *	test_sim_crash
 * SUMMARY
 *	unit tests for the crash checker
 * DESCRIPTION
 *	The checker passes the correct toy store at every crash point and
 *	catches the toy store that acknowledges before it commits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "simnet.h"

static int run_check(const SIM_CORE_OPS *store, int messages, uint64_t seed,
		             SIM_CRASH_RESULT *res)
{
    SIM_CRASH_OPTS opts;

    memset(&opts, 0, sizeof(opts));
    memset(res, 0, sizeof(*res));
    opts.seed = seed;
    opts.messages = messages;
    opts.front = &sim_toy_echo_ops;
    opts.store = store;
    return (sim_crash_check(&opts, res));
}

static void test_crash_check_good_store(void **state)
{
    SIM_CRASH_RESULT res;
    int     ret = run_check(&sim_toy_store_ops, 4, 1, &res);

    if (ret != 0 || res.failures != 0)
		fail_msg("got %d failures, want none:\n%s", res.failures, vstring_str(res.report));
    /* create, append records, append end, commit per message */
    assert_int_equal(res.ops_total, 16);
    assert_int_equal(res.points_checked, 16);
    vstring_free(res.report);
}

static void test_crash_check_finds_early_ack(void **state)
{
    SIM_CRASH_RESULT res;
    int     ret = run_check(&sim_toy_store_early_ack_ops, 3, 1, &res);

    assert_int_equal(ret, -1);
    if (res.failures == 0)
	fail_msg("the early-ack store passed the crash check");
    assert_int_equal(res.points_checked, res.ops_total);
    assert_non_null(strstr(vstring_str(res.report), "acknowledged but missing"));
    vstring_free(res.report);
}

static void test_crash_check_seeds(void **state)
{
    SIM_CRASH_RESULT res;
    uint64_t seed;

    for (seed = 2; seed < 6; seed++) {
	if (run_check(&sim_toy_store_ops, 2, seed, &res) != 0)
	    fail_msg("seed %llu: %s", (unsigned long long) seed, vstring_str(res.report));
	assert_int_equal(res.points_checked, 8);
	vstring_free(res.report);
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_crash_check_good_store),
	cmocka_unit_test(test_crash_check_finds_early_ack),
	cmocka_unit_test(test_crash_check_seeds),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
