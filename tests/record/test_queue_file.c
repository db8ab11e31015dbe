/*
 * NAME
 *	test_queue_file
 * SUMMARY
 *	unit tests for the file-operation executor on a real directory
 * DESCRIPTION
 *	Each test builds a queue directory under a fresh temporary
 *	directory, drives the executor with a fixed clock and checks names,
 *	modes and content with stat() and read().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "vstring.h"
#include "record.h"
#include "mail_queue.h"
#include "queue_file.h"

typedef struct FIXTURE {
    char    top[64];
    VSTRING *buf;
} FIXTURE;

static void fixed_clock(void *ctx, int64_t *sec, long *usec)
{
    (void) ctx;
    *sec = 1795594335;
    *usec = 651987;
}

static int setup(void **state)
{
    FIXTURE *fx = calloc(1, sizeof(*fx));
    static const char *queues[] = {"incoming", "active", "deferred", 0};
    const char **qp;
    char    path[128];

    strcpy(fx->top, "/tmp/qf-test.XXXXXX");
    if (mkdtemp(fx->top) == 0)
	return (-1);
    for (qp = queues; *qp; qp++) {
	snprintf(path, sizeof(path), "%s/%s", fx->top, *qp);
	if (mkdir(path, 0700) < 0)
	    return (-1);
    }
    fx->buf = vstring_alloc(100);
    *state = fx;
    return (0);
}

static int teardown(void **state)
{
    FIXTURE *fx = *state;
    char    cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->top);
    if (system(cmd) != 0)
	return (-1);
    vstring_free(fx->buf);
    free(fx);
    return (0);
}

/* Number of entries (files and directories) under dir, recursively. */
static int count_entries(const char *dir)
{
    DIR    *dp = opendir(dir);
    struct dirent *de;
    char    sub[512];
    int     n = 0;

    if (dp == 0)
	return (-1);
    while ((de = readdir(dp)) != 0) {
	if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
	    continue;
	n++;
	snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
	if (de->d_type == DT_DIR)
	    n += count_entries(sub);
    }
    closedir(dp);
    return (n);
}

static void read_file(const char *path, VSTRING *out)
{
    char    buf[4096];
    ssize_t n;
    int     fd = open(path, O_RDONLY);

    vstring_reset(out);
    if (fd < 0)
	fail_msg("open %s: %s", path, strerror(errno));
    while ((n = read(fd, buf, sizeof(buf))) > 0)
	vstring_memcat(out, buf, (size_t) n);
    close(fd);
}

static void test_create_commit(void **state)
{
    FIXTURE *fx = *state;
    MAIL_QUEUE_LAYOUT layout = {"incoming, deferred", 2, 0};
    QUEUE_FILES *qf = queue_file_create(fx->top, &layout);
    VSTRING *id = vstring_alloc(32);
    VSTRING *want_id = vstring_alloc(32);
    VSTRING *recs = vstring_alloc(100);
    char    path[256];
    struct stat st;
    CORE_ACTION act;

    queue_file_set_clock(qf, fixed_clock, 0);
    memset(&act, 0, sizeof(act));
    act.type = CORE_ACT_FILE_OP;
    act.op = CORE_FILE_CREATE;
    act.target = "incoming";
    assert_int_equal(queue_file_action(qf, &act, id), 0);

    /* temporary name: <usec>.<pid> in the queue's top directory, mode 0600 */
    snprintf(path, sizeof(path), "%s/incoming/651987.%ld", fx->top, (long) getpid());
    assert_string_equal(queue_file_path(qf, vstring_str(id)) , path + strlen(fx->top) + 1);
    if (stat(path, &st) != 0)
	fail_msg("temporary file %s: %s", path, strerror(errno));
    assert_int_equal(st.st_mode & 07777, MAIL_QUEUE_STAT_START);
    mail_queue_id_short(want_id, 651987, (uint64_t) st.st_ino);
    assert_string_equal(vstring_str(id), vstring_str(want_id));
    assert_memory_equal(vstring_str(id), "9F2D3", 5);

    /* records, then patch the SIZE placeholder */
    rec_puts(recs, REC_TYPE_SIZE, "..........");
    rec_puts(recs, REC_TYPE_FROM, "alice@example.com");
    rec_puts(recs, REC_TYPE_END, "");
    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id),
				   vstring_str(recs), vstring_len(recs), 0, 0), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_PATCH, vstring_str(id),
				   "0123456789", 10, 2, 0), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_PATCH, vstring_str(id),
				   "xx", 2, (int64_t) vstring_len(recs) - 1, 0), EINVAL);
    assert_int_equal(queue_file_op(qf, CORE_FILE_PATCH, vstring_str(id),
				   "x", 1, -1, 0), EINVAL);
    memcpy(vstring_str(recs) + 2, "0123456789", 10);

    assert_int_equal(queue_file_op(qf, CORE_FILE_COMMIT, vstring_str(id), 0, 0, 0, 0), 0);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof(path), "%s/incoming/9/F/%s", fx->top, vstring_str(id));
    if (stat(path, &st) != 0)
	fail_msg("committed file %s: %s", path, strerror(errno));
    assert_int_equal(st.st_mode & 07777, MAIL_QUEUE_STAT_READY);
    read_file(path, fx->buf);
    assert_int_equal(vstring_len(fx->buf), vstring_len(recs));
    assert_memory_equal(vstring_str(fx->buf), vstring_str(recs), vstring_len(recs));
    snprintf(path, sizeof(path), "%s/incoming/9/F", fx->top);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, MAIL_QUEUE_DIR_MODE);

    /* the file is no longer open: appends are refused, lookups still work */
    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id), "x", 1, 0, 0), ENOENT);
    assert_int_equal(queue_file_op(qf, CORE_FILE_ABORT, vstring_str(id), 0, 0, 0, 0), ENOENT);

    /* MOVE to deferred (hashed), then DELETE by bare id */
    assert_int_equal(queue_file_op(qf, CORE_FILE_MOVE, vstring_str(id), "deferred", 8, 0, 0), 0);
    snprintf(path, sizeof(path), "%s/deferred/9/F/%s", fx->top, vstring_str(id));
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_MOVE, vstring_str(id), "../x", 4, 0, 0), EINVAL);
    assert_int_equal(queue_file_op(qf, CORE_FILE_DELETE, vstring_str(id), 0, 0, 0, 0), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(queue_file_op(qf, CORE_FILE_DELETE, vstring_str(id), 0, 0, 0, 0), ENOENT);

    queue_file_free(qf);
    vstring_free(id);
    vstring_free(want_id);
    vstring_free(recs);
}

static void test_abort_and_errors(void **state)
{
    FIXTURE *fx = *state;
    MAIL_QUEUE_LAYOUT layout = MAIL_QUEUE_LAYOUT_DEFAULT;
    QUEUE_FILES *qf = queue_file_create(fx->top, &layout);
    VSTRING *id = vstring_alloc(32);
    VSTRING *id2 = vstring_alloc(32);
    char    path[256];

    queue_file_set_clock(qf, fixed_clock, 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "incoming", 0, 0, 0, id), 0);
    /* same clock: the second temporary name must not collide */
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "incoming", 0, 0, 0, id2), 0);
    assert_string_not_equal(vstring_str(id), vstring_str(id2));
    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id), "abc", 3, 0, 0), 0);
    snprintf(path, sizeof(path), "%s/incoming", fx->top);
    assert_int_equal(count_entries(path), 2);
    assert_int_equal(queue_file_op(qf, CORE_FILE_ABORT, vstring_str(id), 0, 0, 0, 0), 0);
    assert_int_equal(count_entries(path), 1);
    assert_int_equal(queue_file_op(qf, CORE_FILE_ABORT, vstring_str(id), 0, 0, 0, 0), ENOENT);
    assert_int_equal(queue_file_op(qf, CORE_FILE_DELETE, vstring_str(id2), 0, 0, 0, 0), 0);
    assert_int_equal(count_entries(path), 0);

    /* a missing queue directory is an error, not a crash */
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "hold", 0, 0, 0, id), ENOENT);
    assert_int_equal(vstring_len(id), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "../etc", 0, 0, 0, id), EINVAL);
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, 0, 0, 0, 0, id), EINVAL);
    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, "NOSUCHID", "x", 1, 0, 0), ENOENT);
    assert_int_equal(queue_file_op(qf, CORE_FILE_COMMIT, "NOSUCHID", 0, 0, 0, 0), ENOENT);
    assert_int_equal(queue_file_op(qf, 99, "incoming", 0, 0, 0, 0), EINVAL);

    /* an open file left behind is removed by queue_file_free() */
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "incoming", 0, 0, 0, id), 0);
    assert_int_equal(count_entries(path), 1);
    queue_file_free(qf);
    assert_int_equal(count_entries(path), 0);
    vstring_free(id);
    vstring_free(id2);
}

static void test_commit_into_missing_queue(void **state)
{
    FIXTURE *fx = *state;
    MAIL_QUEUE_LAYOUT layout = {"incoming", 1, 1};
    QUEUE_FILES *qf = queue_file_create(fx->top, &layout);
    VSTRING *id = vstring_alloc(32);
    char    path[256];
    struct stat st;

    queue_file_set_clock(qf, fixed_clock, 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "incoming", 0, 0, 0, id), 0);
    /* long ids: seconds and microseconds of the clock, then the inode */
    assert_memory_equal(vstring_str(id), "4jZC8H4d6Cz", 11);
    assert_int_equal(queue_file_op(qf, CORE_FILE_COMMIT, vstring_str(id), 0, 0, 0, 0), 0);
    snprintf(path, sizeof(path), "%s/incoming/9/%s", fx->top, vstring_str(id));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, MAIL_QUEUE_STAT_READY);
    /* MOVE into a queue whose directory is missing fails cleanly */
    assert_int_equal(queue_file_op(qf, CORE_FILE_MOVE, vstring_str(id), "hold", 4, 0, 0), ENOENT);
    assert_int_equal(access(path, F_OK), 0);
    queue_file_free(qf);
    vstring_free(id);
}

/*
 * A write that fails half way (here: the file size limit, EFBIG) must
 * leave the file as it was, so the next APPEND lands where it should.
 */
static void test_partial_append(void **state)
{
    FIXTURE *fx = *state;
    MAIL_QUEUE_LAYOUT layout = MAIL_QUEUE_LAYOUT_DEFAULT;
    QUEUE_FILES *qf = queue_file_create(fx->top, &layout);
    VSTRING *id = vstring_alloc(32);
    VSTRING *want = vstring_alloc(400);
    struct rlimit old, lim;
    void    (*old_sig) (int);
    char    a[100], b[100], c[100];
    char    path[256];
    struct stat st;
    int     err;

    memset(a, 'a', sizeof(a));
    memset(b, 'b', sizeof(b));
    memset(c, 'c', sizeof(c));
    queue_file_set_clock(qf, fixed_clock, 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_CREATE, "incoming", 0, 0, 0, id), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id), a, 100, 0, 0), 0);

    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 150;
    old_sig = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    err = queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id), b, 100, 0, 0);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_sig);
    if (err != EFBIG)
	fail_msg("append over the limit: got %d, want EFBIG", err);
    snprintf(path, sizeof(path), "%s/%s", fx->top, queue_file_path(qf, vstring_str(id)));
    assert_int_equal(stat(path, &st), 0);
    if (st.st_size != 100)
	fail_msg("after a failed append: got size %lld, want 100", (long long) st.st_size);

    assert_int_equal(queue_file_op(qf, CORE_FILE_APPEND, vstring_str(id), c, 100, 0, 0), 0);
    assert_int_equal(queue_file_op(qf, CORE_FILE_COMMIT, vstring_str(id), 0, 0, 0, 0), 0);
    snprintf(path, sizeof(path), "%s/incoming/%s", fx->top, vstring_str(id));
    read_file(path, fx->buf);
    vstring_memcpy(want, a, 100);
    vstring_memcat(want, c, 100);
    assert_int_equal(vstring_len(fx->buf), 200);
    assert_memory_equal(vstring_str(fx->buf), vstring_str(want), 200);
    queue_file_free(qf);
    vstring_free(id);
    vstring_free(want);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_create_commit, setup, teardown),
	cmocka_unit_test_setup_teardown(test_abort_and_errors, setup, teardown),
	cmocka_unit_test_setup_teardown(test_commit_into_missing_queue, setup, teardown),
	cmocka_unit_test_setup_teardown(test_partial_append, setup, teardown),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
