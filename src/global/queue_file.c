/*
 * NAME
 *	queue_file 3
 * SUMMARY
 *	execute queue-file actions on the real file system
 * DESCRIPTION
 *	See queue_file.h. A file being written lives under a temporary name
 *	in the top directory of its queue with mode 0600, so the queue
 *	manager (which only takes ready, mode 0700, files named by a queue
 *	id) never sees it; COMMIT makes it durable and then visible in one
 *	rename. The directory is synced after the rename so that a crash
 *	after the commit reply cannot undo the rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "htable.h"
#include "mymalloc.h"
#include "queue_file.h"

typedef struct QF_ENTRY {
    char   *id;
    char   *queue;
    char   *temp;			/* relative temporary path */
    int     fd;
    off_t   size;
} QF_ENTRY;

struct QUEUE_FILES {
    char   *top;			/* queue_directory */
    MAIL_QUEUE_LAYOUT layout;
    char   *hash_names;
    HTABLE *open;			/* id -> QF_ENTRY, uncommitted files */
    QUEUE_FILE_CLOCK clock;
    void   *clock_ctx;
    VSTRING *path;
    VSTRING *path2;
    VSTRING *rel;
    long    pid;
};

static void qf_default_clock(void *ctx, int64_t *sec, long *usec)
{
    struct timeval tv;

    (void) ctx;
    gettimeofday(&tv, 0);
    *sec = tv.tv_sec;
    *usec = tv.tv_usec;
}

QUEUE_FILES *queue_file_create(const char *queue_directory,
			               const MAIL_QUEUE_LAYOUT *layout)
{
    QUEUE_FILES *qf = (QUEUE_FILES *) mycalloc(1, sizeof(*qf));

    qf->top = mystrdup(queue_directory);
    qf->hash_names = mystrdup(layout->hash_queue_names ? layout->hash_queue_names : "");
    qf->layout = *layout;
    qf->layout.hash_queue_names = qf->hash_names;
    qf->open = htable_create(16);
    qf->clock = qf_default_clock;
    qf->path = vstring_alloc(100);
    qf->path2 = vstring_alloc(100);
    qf->rel = vstring_alloc(100);
    qf->pid = (long) getpid();
    return (qf);
}

void    queue_file_set_clock(QUEUE_FILES *qf, QUEUE_FILE_CLOCK fn, void *ctx)
{
    qf->clock = fn ? fn : qf_default_clock;
    qf->clock_ctx = ctx;
}

static const char *qf_full(QUEUE_FILES *qf, VSTRING *buf, const char *rel)
{
    vstring_sprintf(buf, "%s/%s", qf->top, rel);
    return (vstring_str(buf));
}

static void qf_entry_free(void *ptr)
{
    QF_ENTRY *ent = (QF_ENTRY *) ptr;

    if (ent->fd >= 0)
	(void) close(ent->fd);
    myfree(ent->id);
    myfree(ent->queue);
    myfree(ent->temp);
    myfree(ent);
}

/* Removes the entry; unlinks its temporary file when asked. */
static void qf_forget(QUEUE_FILES *qf, QF_ENTRY *ent, int unlink_temp)
{
    if (unlink_temp)
	(void) unlink(qf_full(qf, qf->path, ent->temp));
    htable_delete(qf->open, ent->id, qf_entry_free);
}

void    queue_file_free(QUEUE_FILES *qf)
{
    HTABLE_INFO **list = htable_list(qf->open);
    HTABLE_INFO **hp;

    for (hp = list; *hp; hp++) {
	QF_ENTRY *ent = (QF_ENTRY *) (*hp)->value;

	(void) unlink(qf_full(qf, qf->path, ent->temp));
    }
    myfree(list);
    htable_free(qf->open, qf_entry_free);
    vstring_free(qf->path);
    vstring_free(qf->path2);
    vstring_free(qf->rel);
    myfree(qf->hash_names);
    myfree(qf->top);
    myfree(qf);
}

/* Makes the missing directories between the queue and the file name. */
static int qf_mkdirs(QUEUE_FILES *qf, const char *rel_file)
{
    char   *copy = mystrdup(rel_file);
    char   *slash;
    char   *cp;
    int     err = 0;

    if ((slash = strrchr(copy, '/')) != 0)
	*slash = 0;
    /* The queue itself must exist; only its subdirectories are made. */
    if ((cp = strchr(copy, '/')) != 0)
	cp = strchr(cp + 1, '/');
    for (; cp != 0 && err == 0; cp = strchr(cp + 1, '/')) {
	*cp = 0;
	if (mkdir(qf_full(qf, qf->path2, copy), MAIL_QUEUE_DIR_MODE) < 0 && errno != EEXIST)
	    err = errno;
	*cp = '/';
    }
    if (err == 0 && slash != 0 && strchr(copy, '/') != 0
	&& mkdir(qf_full(qf, qf->path2, copy), MAIL_QUEUE_DIR_MODE) < 0 && errno != EEXIST)
	err = errno;
    myfree(copy);
    return (err);
}

static int qf_sync_one(QUEUE_FILES *qf, const char *rel_dir)
{
    int     fd, err = 0;

    if ((fd = open(qf_full(qf, qf->path2, rel_dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
	return (errno);
    if (fsync(fd) < 0 && errno != EINVAL)
	err = errno;
    (void) close(fd);
    return (err);
}

/*
 * Syncs the directories a rename into rel_file changed: the file's own
 * directory and, below a hashed queue, every level up to the queue (the
 * source name was in the queue, and levels may have been made).
 */
static int qf_sync_dir(QUEUE_FILES *qf, const char *rel_file)
{
    char   *copy = mystrdup(rel_file);
    char   *slash;
    int     err = 0;

    while (err == 0 && (slash = strrchr(copy, '/')) != 0) {
	*slash = 0;
	err = qf_sync_one(qf, copy);
    }
    myfree(copy);
    return (err);
}

/* rename() that makes missing hashed subdirectories of the destination. */
static int qf_rename(QUEUE_FILES *qf, const char *from_rel, const char *to_rel)
{
    VSTRING *from = vstring_alloc(100);
    int     err = 0;

    qf_full(qf, from, from_rel);
    if (rename(vstring_str(from), qf_full(qf, qf->path, to_rel)) < 0) {
	err = errno;
	if (err == ENOENT && (err = qf_mkdirs(qf, to_rel)) == 0
	    && rename(vstring_str(from), qf_full(qf, qf->path, to_rel)) < 0)
	    err = errno;
    }
    vstring_free(from);
    return (err);
}

static int qf_write_all(int fd, const char *data, size_t len, off_t off)
{
    while (len > 0) {
	ssize_t n = pwrite(fd, data, len, off);

	if (n < 0) {
	    if (errno == EINTR)
		continue;
	    return (errno);
	}
	if (n == 0)
	    return (EIO);
	data += n;
	len -= (size_t) n;
	off += n;
    }
    return (0);
}

static int qf_do_create(QUEUE_FILES *qf, const char *queue, VSTRING *result)
{
    QF_ENTRY *ent;
    struct stat st;
    int64_t sec;
    long    usec;
    int     fd = -1;
    int     attempt;
    VSTRING *id = vstring_alloc(32);

    if (!mail_queue_name_ok(queue)) {
	vstring_free(id);
	return (EINVAL);
    }
    for (attempt = 0; attempt < 1000; attempt++) {
	qf->clock(qf->clock_ctx, &sec, &usec);
	/* A frozen clock must not make the retry loop spin forever. */
	vstring_sprintf(qf->rel, "%s/%ld.%ld", queue, (usec + attempt) % 1000000, qf->pid);
	fd = open(qf_full(qf, qf->path, vstring_str(qf->rel)),
		  O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, MAIL_QUEUE_STAT_START);
	if (fd >= 0 || (errno != EEXIST && errno != EISDIR))
	    break;
    }
    if (fd < 0) {
	int     err = errno;

	vstring_free(id);
	return (err);
    }
    if (fstat(fd, &st) < 0 || fchmod(fd, MAIL_QUEUE_STAT_START) < 0) {
	int     err = errno;

	(void) close(fd);
	(void) unlink(vstring_str(qf->path));
	vstring_free(id);
	return (err);
    }
    qf->clock(qf->clock_ctx, &sec, &usec);
    mail_queue_id_make(id, qf->layout.long_queue_ids, sec, usec, (uint64_t) st.st_ino);
    if (htable_find(qf->open, vstring_str(id)) != 0) {
	/* Cannot happen while the inode is held open; refuse rather than clobber. */
	(void) close(fd);
	(void) unlink(vstring_str(qf->path));
	vstring_free(id);
	return (EEXIST);
    }
    ent = (QF_ENTRY *) mycalloc(1, sizeof(*ent));
    ent->id = mystrdup(vstring_str(id));
    ent->queue = mystrdup(queue);
    ent->temp = mystrdup(vstring_str(qf->rel));
    ent->fd = fd;
    ent->size = 0;
    htable_enter(qf->open, ent->id, ent);
    if (result)
	vstring_strcpy(result, ent->id);
    vstring_free(id);
    return (0);
}

static int qf_do_commit(QUEUE_FILES *qf, QF_ENTRY *ent)
{
    int     err;

    if (fchmod(ent->fd, MAIL_QUEUE_STAT_READY) < 0 || fsync(ent->fd) < 0)
	return (errno);
    if (mail_queue_path(qf->rel, &qf->layout, ent->queue, ent->id) == 0)
	return (EINVAL);
    if ((err = qf_rename(qf, ent->temp, vstring_str(qf->rel))) != 0)
	return (err);
    /* From here on the file has its final name: a retried COMMIT renames
     * it onto itself, an ABORT removes it. */
    myfree(ent->temp);
    ent->temp = mystrdup(vstring_str(qf->rel));
    if ((err = qf_sync_dir(qf, vstring_str(qf->rel))) != 0)
	return (err);
    if (close(ent->fd) < 0) {
	ent->fd = -1;
	return (errno);
    }
    ent->fd = -1;
    qf_forget(qf, ent, 0);
    return (0);
}

/* Finds the relative path of a committed file: "queue/id" or a bare id. */
static const char *qf_locate(QUEUE_FILES *qf, const char *target, VSTRING *rel)
{
    static const char *queues[] = {
	MAIL_QUEUE_INCOMING, MAIL_QUEUE_ACTIVE, MAIL_QUEUE_DEFERRED,
	MAIL_QUEUE_HOLD, MAIL_QUEUE_MAILDROP, MAIL_QUEUE_CORRUPT, MAIL_QUEUE_SAVED, 0,
    };
    const char *slash = strchr(target, '/');
    struct stat st;
    const char **qp;

    if (slash != 0) {
	char   *queue = mystrndup(target, (size_t) (slash - target));
	const char *res = mail_queue_path(rel, &qf->layout, queue, slash + 1);

	myfree(queue);
	return (res);
    }
    for (qp = queues; *qp; qp++) {
	if (mail_queue_path(rel, &qf->layout, *qp, target) == 0)
	    return (0);
	if (lstat(qf_full(qf, qf->path, vstring_str(rel)), &st) == 0)
	    return (vstring_str(rel));
    }
    return (0);
}

int     queue_file_op(QUEUE_FILES *qf, int op, const char *target,
		              const char *data, size_t len, int64_t arg,
		              VSTRING *result)
{
    QF_ENTRY *ent;
    VSTRING *rel;
    int     err;

    if (result)
	vstring_reset(result);
    if (target == 0)
	return (EINVAL);
    if (op == CORE_FILE_CREATE)
	return (qf_do_create(qf, target, result));
    ent = (QF_ENTRY *) htable_find(qf->open, target);

    switch (op) {
    case CORE_FILE_APPEND:
	if (ent == 0)
	    return (ENOENT);
	if ((err = qf_write_all(ent->fd, data, len, ent->size)) != 0) {
	    /* Drop a partial append so a retry or an END lands in place. */
	    (void) ftruncate(ent->fd, ent->size);
	    return (err);
	}
	ent->size += (off_t) len;
	return (0);
    case CORE_FILE_PATCH:
	if (ent == 0)
	    return (ENOENT);
	if (arg < 0 || arg > (int64_t) ent->size || (int64_t) len > (int64_t) ent->size - arg)
	    return (EINVAL);
	return (qf_write_all(ent->fd, data, len, (off_t) arg));
    case CORE_FILE_COMMIT:
	return (ent == 0 ? ENOENT : qf_do_commit(qf, ent));
    case CORE_FILE_ABORT:
	if (ent == 0)
	    return (ENOENT);
	qf_forget(qf, ent, 1);
	return (0);
    case CORE_FILE_DELETE:
	if (ent != 0) {
	    qf_forget(qf, ent, 1);
	    return (0);
	}
	rel = vstring_alloc(100);
	err = qf_locate(qf, target, rel) == 0 ? ENOENT :
	    unlink(qf_full(qf, qf->path, vstring_str(rel))) < 0 ? errno : 0;
	vstring_free(rel);
	return (err);
    case CORE_FILE_MOVE:
	if (ent != 0)
	    return (EBUSY);			/* commit first */
	if (data == 0 || len == 0 || len > MAIL_QUEUE_NAME_MAX)
	    return (EINVAL);
	rel = vstring_alloc(100);
	if (qf_locate(qf, target, rel) == 0) {
	    vstring_free(rel);
	    return (ENOENT);
	} else {
	    char   *queue = mystrndup(data, len);
	    const char *id = strrchr(vstring_str(rel), '/') + 1;

	    if (mail_queue_path(qf->path2, &qf->layout, queue, id) == 0)
		err = EINVAL;
	    else {
		char   *to = mystrdup(vstring_str(qf->path2));

		err = qf_rename(qf, vstring_str(rel), to);
		myfree(to);
	    }
	    myfree(queue);
	}
	vstring_free(rel);
	return (err);
    default:
	return (EINVAL);
    }
}

int     queue_file_action(QUEUE_FILES *qf, const CORE_ACTION *act, VSTRING *result)
{
    if (act->type != CORE_ACT_FILE_OP)
	return (EINVAL);
    return (queue_file_op(qf, act->op, act->target, act->data, act->len,
			  act->arg, result));
}

const char *queue_file_path(QUEUE_FILES *qf, const char *id)
{
    QF_ENTRY *ent = (QF_ENTRY *) htable_find(qf->open, id);

    if (ent != 0)
	return (ent->temp);
    return (qf_locate(qf, id, qf->rel));
}
