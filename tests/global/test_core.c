/*
 * NAME
 *	test_core
 * SUMMARY
 *	unit tests for the core contract helpers (outbox, log sink)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core.h"
#include "vstring.h"

static void test_outbox_grows_and_keeps_order(void **state)
{
    CORE_OUTBOX box;
    size_t  i;

    core_outbox_init(&box);
    for (i = 0; i < 100; i++) {
	CORE_ACTION *act = core_outbox_push(&box, (i % 2) ? CORE_ACT_SEND : CORE_ACT_TIMER);

	act->id = i;
    }
    assert_int_equal(box.count, 100);
    for (i = 0; i < 100; i++) {
	if (box.actions[i].id != i)
	    fail_msg("action %zu: got id %llu, want %zu", i,
		     (unsigned long long) box.actions[i].id, i);
	assert_int_equal(box.actions[i].type, (i % 2) ? CORE_ACT_SEND : CORE_ACT_TIMER);
    }
    core_outbox_clear(&box);
    assert_int_equal(box.count, 0);
    core_outbox_free(&box);
}

static void test_pushed_action_is_reset(void **state)
{
    CORE_OUTBOX box;
    CORE_ACTION *act;

    core_outbox_init(&box);
    act = core_outbox_push(&box, CORE_ACT_SEND);
    act->data = "x";
    act->len = 1;
    act->op = 7;
    core_outbox_clear(&box);
    act = core_outbox_push(&box, CORE_ACT_CLOSE);
    assert_null(act->data);
    assert_int_equal(act->len, 0);
    assert_int_equal(act->op, 0);
    assert_true(act->deadline == CORE_TIME_NEVER);
    core_outbox_free(&box);
}

struct captured {
    MSG_LEVEL level;
    char    text[256];
    int     calls;
};

static void capture_log(void *ctx, MSG_LEVEL level, const char *text)
{
    struct captured *cap = ctx;

    cap->level = level;
    strncpy(cap->text, text, sizeof(cap->text) - 1);
    cap->calls++;
}

static void test_core_log_formats_through_sink(void **state)
{
    struct captured cap = {0};
    CORE_ENV env = {0};

    core_log(&env, MSG_WARN, "dropped: %d", 1);	/* no sink: no effect */
    env.log = capture_log;
    env.log_ctx = &cap;
    core_log(&env, MSG_WARN, "connect from %s[%s]", "unknown", "127.0.0.1");
    assert_int_equal(cap.calls, 1);
    assert_int_equal(cap.level, MSG_WARN);
    assert_string_equal(cap.text, "connect from unknown[127.0.0.1]");
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_outbox_grows_and_keeps_order),
	cmocka_unit_test(test_pushed_action_is_reset),
	cmocka_unit_test(test_core_log_formats_through_sink),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
