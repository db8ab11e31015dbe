/*
 * NAME
 *	test_mail_queue
 * SUMMARY
 *	unit tests for queue ids, hashed paths and the SIZE record
 * DESCRIPTION
 *	The vectors come from stock Postfix 3.7.11 (tests/record/samples/
 *	facts.txt, made by make_samples.sh): the queue id, the inode of the
 *	queue file (ls -i), the seconds of its create_time attribute, and
 *	the hashed path with hash_queue_depth = 2. Microseconds of a short
 *	id are its first five hex digits; those of a long id were decoded
 *	from it and checked against the hashed directory stock chose.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "mail_queue.h"

typedef struct ID_CASE {
    const char *label;
    int     long_ids;
    int64_t sec;
    long    usec;
    uint64_t inum;
    const char *id;
    const char *path;			/* incoming, depth 2 */
} ID_CASE;

static const ID_CASE id_cases[] = {
    {"stock short", 0, 1795594329, 0x81E8A, 10960945, "81E8AA74031", "incoming/8/1/81E8AA74031"},
    {"stock short (cleanup sample)", 0, 1795592114, 0x34AD8, 0xA7404A, "34AD8A7404A", "incoming/3/4/34AD8A7404A"},
    {"stock long", 1, 1795594335, 651987, 10961609, "4jZC8H4d6Cz1bcMV", "incoming/9/F/4jZC8H4d6Cz1bcMV"},
    /* a second stock run (strace of cleanup): the id it first tried, before
     * making incoming/1/6, and the one it renamed to after re-reading the clock */
    {"stock short, run 2", 0, 0, 0xBB21F, 10963389, "BB21FA749BD", "incoming/B/B/BB21FA749BD"},
    {"stock long, run 2, first try", 1, 1795595777, 91224, 10961924, "4jZCh10dkJz1bcTg", "incoming/1/6/4jZCh10dkJz1bcTg"},
    {"stock long, run 2", 1, 1795595777, 91401, 10961924, "4jZCh10dnjz1bcTg", "incoming/1/6/4jZCh10dnjz1bcTg"},
    {"short, zero usec", 0, 0, 0, 1, "000001", "incoming/0/0/000001"},
    {"short, max usec", 0, 0, 999999, 0xABC, "F423FABC", "incoming/F/4/F423FABC"},
    {"long, zero", 1, 0, 0, 0, "0000000000z0", "incoming/0/0/0000000000z0"},
    {"long, z in usec", 1, 52, 51, 51, "000010000zz10", "incoming/0/0/000010000zz10"},
};

static void test_queue_ids(void **state)
{
    MAIL_QUEUE_LAYOUT layout = {"incoming, deferred", 2, 0};
    VSTRING *id = vstring_alloc(32);
    VSTRING *path = vstring_alloc(64);
    uint64_t inum;
    size_t  i;

    (void) state;
    for (i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++) {
	const ID_CASE *c = id_cases + i;

	mail_queue_id_make(id, c->long_ids, c->sec, c->usec, c->inum);
	if (strcmp(vstring_str(id), c->id) != 0)
	    fail_msg("%s: got id %s, want %s", c->label, vstring_str(id), c->id);
	if (!mail_queue_id_ok(vstring_str(id)))
	    fail_msg("%s: id %s rejected", c->label, vstring_str(id));
	if (mail_queue_id_is_long(c->id) != c->long_ids)
	    fail_msg("%s: got long=%d, want %d", c->label, !c->long_ids, c->long_ids);
	if (mail_queue_id_inum(c->id, &inum) != 0 || inum != c->inum)
	    fail_msg("%s: inode got %llu, want %llu", c->label,
		     (unsigned long long) inum, (unsigned long long) c->inum);
	if (mail_queue_path(path, &layout, "incoming", c->id) == 0
	    || strcmp(vstring_str(path), c->path) != 0)
	    fail_msg("%s: got path %s, want %s", c->label, vstring_str(path), c->path);
    }
    vstring_free(id);
    vstring_free(path);
}

static void test_paths(void **state)
{
    static const struct {
	const char *names;
	int     depth;
	const char *queue;
	const char *id;
	const char *want;			/* NULL: refused */
    } cases[] = {
	{"deferred, defer", 1, "incoming", "81E8AA74031", "incoming/81E8AA74031"},
	{"deferred, defer", 1, "deferred", "81E8AA74031", "deferred/8/81E8AA74031"},
	{"deferred, defer", 1, "defer", "81E8AA74031", "defer/8/81E8AA74031"},
	{"DEFERRED", 1, "deferred", "81E8AA74031", "deferred/8/81E8AA74031"},
	{"deferred\tactive,,incoming", 3, "active", "81E8AA74031", "active/8/1/E/81E8AA74031"},
	{"deferred", 3, "deferred", "AB", "deferred/A/B/_/AB"},
	{"deferred", 2, "deferred", "4jZC8H4d6Cz1bcMV", "deferred/9/F/4jZC8H4d6Cz1bcMV"},
	{"deferred", 6, "deferred", "4jZC8H4d6Cz1bcMV", "deferred/9/F/2/D/3/_/4jZC8H4d6Cz1bcMV"},
	{"deferreds", 1, "deferred", "ABC", "deferred/ABC"},
	{"deferred", 1, "deferred", "a/b", 0},
	{"deferred", 1, "deferred", "", 0},
	{"deferred", 1, "../x", "ABC", 0},
	{"deferred", 1, "", "ABC", 0},
	{"deferred", 1, "deferred", "example_com", "deferred/e/example_com"},
    };
    VSTRING *path = vstring_alloc(64);
    size_t  i;

    (void) state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	MAIL_QUEUE_LAYOUT layout = {cases[i].names, cases[i].depth, 0};
	const char *got = mail_queue_path(path, &layout, cases[i].queue, cases[i].id);

	if ((got == 0) != (cases[i].want == 0)
	    || (got != 0 && strcmp(got, cases[i].want) != 0))
	    fail_msg("%s/%s: got %s, want %s", cases[i].queue, cases[i].id,
		     got ? got : "(refused)", cases[i].want ? cases[i].want : "(refused)");
    }
    vstring_free(path);
}

static void test_validation(void **state)
{
    char    longid[300];

    (void) state;
    assert_true(mail_queue_name_ok("incoming"));
    assert_false(mail_queue_name_ok("in-coming"));
    assert_false(mail_queue_name_ok(""));
    assert_true(mail_queue_id_ok("example_com"));
    assert_false(mail_queue_id_ok("81E8A.74031"));
    assert_false(mail_queue_id_ok("12345.678"));
    memset(longid, 'A', sizeof(longid));
    longid[255] = 0;
    assert_true(mail_queue_id_ok(longid));
    longid[255] = 'A';
    longid[256] = 0;
    assert_false(mail_queue_id_ok(longid));
    /* short ids hold hex; a 'z' too early is not a long id */
    assert_false(mail_queue_id_is_long("81E8AA74031"));
    assert_false(mail_queue_id_is_long("ABCz123"));
    {
	uint64_t inum;

	assert_int_equal(mail_queue_id_inum("81E8Azz", &inum), -1);
	assert_int_equal(mail_queue_id_inum("81E8A", &inum), -1);
	assert_int_equal(mail_queue_id_inum("4jZC8H4d6Cz1bcMz", &inum), -1);
	assert_int_equal(mail_queue_id_inum("4jZC8H4d6Cz", &inum), -1);
    }
}

static void test_size_record(void **state)
{
    /* Byte for byte the SIZE record of the stock sample. */
    static const char stock[] =
    "            327             731               2               0             327               0";
    MAIL_QUEUE_SIZE size = {327, 731, 2, 0, 327, 0};
    MAIL_QUEUE_SIZE got;
    VSTRING *out = vstring_alloc(100);

    (void) state;
    mail_queue_size_format(out, &size);
    assert_int_equal(vstring_len(out), MAIL_QUEUE_SIZE_LEN);
    assert_int_equal(MAIL_QUEUE_SIZE_LEN, 95);
    assert_string_equal(vstring_str(out), stock);
    assert_int_equal(mail_queue_size_parse(stock, strlen(stock), &got), 6);
    assert_memory_equal(&got, &size, sizeof(size));

    size.content_size = -5;
    size.data_offset = 1000000000000000LL;
    mail_queue_size_format(out, &size);
    assert_int_equal(vstring_len(out), MAIL_QUEUE_SIZE_LEN);
    assert_int_equal(mail_queue_size_parse(vstring_str(out), vstring_len(out), &got), 6);
    assert_int_equal(got.content_size, 0);
    assert_int_equal(got.data_offset, MAIL_QUEUE_SIZE_VALUE_MAX);

    /* older, shorter forms */
    assert_int_equal(mail_queue_size_parse("  10   20   3", 13, &got), 3);
    assert_int_equal(got.rcpt_count, 3);
    assert_int_equal(got.qmgr_flags, 0);
    assert_int_equal(mail_queue_size_parse("", 0, &got), -1);
    assert_int_equal(mail_queue_size_parse("1 2 x", 5, &got), -1);
    assert_int_equal(mail_queue_size_parse("1 -2", 4, &got), -1);
    assert_int_equal(mail_queue_size_parse("1 2 3 4 5 6 7", 13, &got), -1);
    assert_int_equal(mail_queue_size_parse("12345678901234567890", 20, &got), -1);
    /* sixteen digits do not fit the fixed width */
    assert_int_equal(mail_queue_size_parse("1000000000000000", 16, &got), -1);
    assert_int_equal(mail_queue_size_parse("999999999999999", 15, &got), 1);
    assert_int_equal(mail_queue_size_parse("1\t2", 3, &got), -1);
    vstring_free(out);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_queue_ids),
	cmocka_unit_test(test_paths),
	cmocka_unit_test(test_validation),
	cmocka_unit_test(test_size_record),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
