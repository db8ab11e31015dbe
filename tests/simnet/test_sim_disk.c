/*
 * NAME
 *	test_sim_disk
 * SUMMARY
 *	unit tests for the simulated disk
 * DESCRIPTION
 *	fsync semantics (only committed state survives a crash), faults on
 *	a chosen operation, crash at operation N, queue ids, listings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "core.h"
#include "sim_disk.h"

static SIM_DISK *new_disk(void)
{
    PRNG    rng;

    prng_seed(&rng, 7);
    return (sim_disk_create(&rng));
}

/* Creates a file in queue; returns its id in id. */
static void create(SIM_DISK *disk, const char *queue, VSTRING *id)
{
    int     status = sim_disk_op(disk, CORE_FILE_CREATE, queue, 0, 0, 0, id);

    if (status != 0)
	fail_msg("create in %s: got status %d, want 0", queue, status);
}

static int op(SIM_DISK *disk, int what, const char *id, const char *data)
{
    return (sim_disk_op(disk, what, id, data, data ? strlen(data) : 0, 0, 0));
}

static void want_content(SIM_DISK *disk, const char *id, const char *want, int want_ready)
{
    int     ready = -1;
    const VSTRING *got = sim_disk_read(disk, id, &ready, 0);

    if (want == 0) {
	if (got != 0)
	    fail_msg("%s: got content \"%s\", want no file", id, vstring_str(got));
	return;
    }
    if (got == 0)
	fail_msg("%s: got no file, want \"%s\"", id, want);
    if (strcmp(vstring_str(got), want) != 0 || ready != want_ready)
	fail_msg("%s: got \"%s\" ready %d, want \"%s\" ready %d", id, vstring_str(got),
		 ready, want, want_ready);
}

static void test_disk_fsync_semantics(void **state)
{
    SIM_DISK *disk = new_disk();
    VSTRING *a = vstring_alloc(16), *b = vstring_alloc(16);
    ARGV   *list = argv_alloc(4);

    create(disk, "incoming", a);
    create(disk, "incoming", b);
    assert_string_equal(vstring_str(a), "0000000001");
    assert_string_equal(vstring_str(b), "0000000002");
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "hello"), 0);
    assert_int_equal(op(disk, CORE_FILE_COMMIT, vstring_str(a), 0), 0);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), " more"), 0);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(b), "never synced"), 0);
    want_content(disk, vstring_str(a), "hello more", 1);
    want_content(disk, vstring_str(b), "never synced", 0);
    sim_disk_list_durable(disk, list);
    assert_int_equal(list->argc, 1);
    assert_string_equal(list->argv[0], "incoming/0000000001");
    argv_free(list);
    assert_int_equal(sim_disk_op_count(disk), 6);

    sim_disk_crash(disk);
    want_content(disk, vstring_str(a), "hello", 1);
    want_content(disk, vstring_str(b), 0, 0);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "x"), SIM_DISK_CRASHED);
    sim_disk_restart(disk);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(b), "x"), ENOENT);
    /* ids are never reused, even after a crash */
    create(disk, "incoming", b);
    assert_string_equal(vstring_str(b), "0000000003");
    vstring_free(a);
    vstring_free(b);
    sim_disk_free(disk);
}

static void test_disk_patch_move_delete(void **state)
{
    SIM_DISK *disk = new_disk();
    VSTRING *a = vstring_alloc(16);
    ARGV   *list = argv_alloc(4);

    create(disk, "incoming", a);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "abcdef"), 0);
    assert_int_equal(sim_disk_op(disk, CORE_FILE_PATCH, vstring_str(a), "XY", 2, 2, 0), 0);
    assert_int_equal(sim_disk_op(disk, CORE_FILE_PATCH, vstring_str(a), "XY", 2, 5, 0), EINVAL);
    want_content(disk, vstring_str(a), "abXYef", 0);
    assert_int_equal(op(disk, CORE_FILE_COMMIT, vstring_str(a), 0), 0);
    assert_int_equal(op(disk, CORE_FILE_ABORT, vstring_str(a), 0), EPERM);
    assert_int_equal(op(disk, CORE_FILE_MOVE, vstring_str(a), "active"), 0);
    assert_int_equal(op(disk, CORE_FILE_MOVE, vstring_str(a), "bad/queue"), EINVAL);
    sim_disk_crash(disk);
    sim_disk_restart(disk);
    sim_disk_list(disk, 1, list);
    assert_int_equal(list->argc, 1);
    assert_string_equal(list->argv[0], "active/0000000001");
    assert_int_equal(op(disk, CORE_FILE_DELETE, vstring_str(a), 0), 0);
    sim_disk_crash(disk);
    want_content(disk, vstring_str(a), 0, 0);
    argv_free(list);
    vstring_free(a);
    sim_disk_free(disk);
}

static void test_disk_faults(void **state)
{
    SIM_DISK *disk = new_disk();
    VSTRING *a = vstring_alloc(16);

    sim_disk_fault_at(disk, 2, ENOSPC);
    create(disk, "incoming", a);			/* op 1 */
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "lost"), ENOSPC);	/* 2 */
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "kept"), 0);	/* 3 */
    want_content(disk, vstring_str(a), "kept", 0);

    sim_disk_crash_at(disk, 5);
    assert_int_equal(op(disk, CORE_FILE_APPEND, vstring_str(a), "!"), 0);	/* 4 */
    assert_int_equal(op(disk, CORE_FILE_COMMIT, vstring_str(a), 0), SIM_DISK_CRASHED);
    assert_true(sim_disk_is_crashed(disk));
    assert_int_equal(sim_disk_op_count(disk), 5);
    /* the commit did not happen: the file never became durable */
    want_content(disk, vstring_str(a), 0, 0);
    sim_disk_restart(disk);
    assert_false(sim_disk_is_crashed(disk));
    create(disk, "incoming", a);
    vstring_free(a);
    sim_disk_free(disk);
}

static void test_disk_random_eio(void **state)
{
    SIM_DISK *d1 = new_disk(), *d2 = new_disk();
    VSTRING *id = vstring_alloc(16);
    int     i, s1, s2, errors = 0;

    sim_disk_random_eio(d1, 500);
    sim_disk_random_eio(d2, 500);
    for (i = 0; i < 200; i++) {
	s1 = sim_disk_op(d1, CORE_FILE_CREATE, "incoming", 0, 0, 0, id);
	s2 = sim_disk_op(d2, CORE_FILE_CREATE, "incoming", 0, 0, 0, id);
	if (s1 != s2)
	    fail_msg("op %d: same seed, got status %d and %d", i + 1, s1, s2);
	errors += (s1 == EIO);
    }
    if (errors < 50 || errors > 150)
	fail_msg("got %d EIO in 200 operations at 50%%", errors);
    vstring_free(id);
    sim_disk_free(d1);
    sim_disk_free(d2);
}

static void custom_id(void *ctx, uint64_t counter, VSTRING *out)
{
    vstring_sprintf(out, "%s%llu", (const char *) ctx, (unsigned long long) counter);
}

static void test_disk_queue_id_callback(void **state)
{
    SIM_DISK *disk = new_disk();
    VSTRING *id = vstring_alloc(16);
    ARGV   *list = argv_alloc(4);

    sim_disk_set_queue_id_fn(disk, custom_id, "Q");
    create(disk, "maildrop", id);
    assert_string_equal(vstring_str(id), "Q1");
    create(disk, "incoming", id);
    assert_string_equal(vstring_str(id), "Q2");
    sim_disk_list(disk, 0, list);
    assert_int_equal(list->argc, 2);
    assert_string_equal(list->argv[0], "incoming/Q2");
    assert_string_equal(list->argv[1], "maildrop/Q1");
    argv_truncate(list, 0);
    sim_disk_list(disk, 1, list);
    assert_int_equal(list->argc, 0);
    argv_free(list);
    vstring_free(id);
    sim_disk_free(disk);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_disk_fsync_semantics),
	cmocka_unit_test(test_disk_patch_move_delete),
	cmocka_unit_test(test_disk_faults),
	cmocka_unit_test(test_disk_random_eio),
	cmocka_unit_test(test_disk_queue_id_callback),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
