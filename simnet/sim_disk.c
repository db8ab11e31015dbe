/*
 * NAME
 *	sim_disk 3
 * SUMMARY
 *	simulated disk with fsync semantics
 * DESCRIPTION
 *	See sim_disk.h. Files are kept in creation order in an array, so
 *	listings never depend on hash order; ids are unique for the life of
 *	the disk, across crashes.
 */
#include <errno.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "core.h"
#include "sim_disk.h"

typedef struct SIM_FILE {
    char   *id;
    char   *queue;
    VSTRING *data;
    int     exists;
    int     ready;
    /* state as of the last fsync */
    char   *dqueue;
    VSTRING *ddata;
    int     dexists;
    int     dready;
} SIM_FILE;

struct SIM_DISK {
    SIM_FILE **files;
    size_t  count;
    size_t  cap;
    uint64_t ops;			/* operations started */
    uint64_t id_counter;
    SIM_QUEUE_ID_FN id_fn;
    void   *id_ctx;
    uint64_t fault_op;
    int     fault_status;
    uint64_t crash_op;
    unsigned eio_permille;
    PRNG    rng;
    int     crashed;
};

static void sim_disk_default_id(void *ctx, uint64_t counter, VSTRING *out)
{
    vstring_sprintf(out, "%010llX", (unsigned long long) counter);
}

SIM_DISK *sim_disk_create(const PRNG *rng)
{
    SIM_DISK *disk = (SIM_DISK *) mycalloc(1, sizeof(*disk));

    disk->id_fn = sim_disk_default_id;
    disk->rng = *rng;
    return (disk);
}

static void sim_file_free(SIM_FILE *fp)
{
    myfree(fp->id);
    myfree(fp->queue);
    myfree(fp->dqueue);
    vstring_free(fp->data);
    vstring_free(fp->ddata);
    myfree(fp);
}

void    sim_disk_free(SIM_DISK *disk)
{
    size_t  i;

    if (disk == 0)
	return;
    for (i = 0; i < disk->count; i++)
	sim_file_free(disk->files[i]);
    myfree(disk->files);
    myfree(disk);
}

void    sim_disk_set_queue_id_fn(SIM_DISK *disk, SIM_QUEUE_ID_FN fn, void *ctx)
{
    disk->id_fn = fn ? fn : sim_disk_default_id;
    disk->id_ctx = ctx;
}

void    sim_disk_fault_at(SIM_DISK *disk, uint64_t op_number, int status)
{
    disk->fault_op = op_number;
    disk->fault_status = status;
}

void    sim_disk_crash_at(SIM_DISK *disk, uint64_t op_number)
{
    disk->crash_op = op_number;
}

void    sim_disk_random_eio(SIM_DISK *disk, unsigned permille)
{
    disk->eio_permille = permille;
}

uint64_t sim_disk_op_count(SIM_DISK *disk)
{
    return (disk->ops);
}

int     sim_disk_is_crashed(SIM_DISK *disk)
{
    return (disk->crashed);
}

const char *sim_disk_op_name(int op)
{
    switch (op) {
    case CORE_FILE_CREATE:
	return ("create");
    case CORE_FILE_APPEND:
	return ("append");
    case CORE_FILE_COMMIT:
	return ("commit");
    case CORE_FILE_DELETE:
	return ("delete");
    case CORE_FILE_MOVE:
	return ("move");
    case CORE_FILE_PATCH:
	return ("patch");
    case CORE_FILE_ABORT:
	return ("abort");
    default:
	return ("unknown");
    }
}

static SIM_FILE *sim_disk_find(SIM_DISK *disk, const char *id)
{
    size_t  i;

    for (i = 0; i < disk->count; i++)
	if (disk->files[i]->exists && strcmp(disk->files[i]->id, id) == 0)
	    return (disk->files[i]);
    return (0);
}

static int sim_disk_id_used(SIM_DISK *disk, const char *id)
{
    size_t  i;

    for (i = 0; i < disk->count; i++)
	if (strcmp(disk->files[i]->id, id) == 0)
	    return (1);
    return (0);
}

/* Unlink and rename reach the durable state at once in this model. */
static void sim_disk_unlink(SIM_FILE *fp)
{
    fp->exists = fp->dexists = 0;
}

int     sim_disk_op(SIM_DISK *disk, int op, const char *target,
		            const char *data, size_t len, int64_t arg,
		            VSTRING *result)
{
    SIM_FILE *fp = 0;
    VSTRING *id;
    uint64_t number;

    if (disk->crashed)
	return (SIM_DISK_CRASHED);
    number = ++disk->ops;
    if (disk->crash_op != 0 && number == disk->crash_op) {
	sim_disk_crash(disk);
	return (SIM_DISK_CRASHED);
    }
    if (result)
	vstring_reset(result);
    if (disk->fault_op == number)
	return (disk->fault_status);
    /* Always draw, so other settings do not shift the disk stream. */
    if (prng_below(&disk->rng, 1000) < disk->eio_permille)
	return (EIO);
    if (target == 0)
	return (EINVAL);
    if (op != CORE_FILE_CREATE && (fp = sim_disk_find(disk, target)) == 0)
	return (ENOENT);

    switch (op) {
    case CORE_FILE_CREATE:
	id = vstring_alloc(16);
	do {
	    disk->id_fn(disk->id_ctx, ++disk->id_counter, id);
	} while (sim_disk_id_used(disk, vstring_str(id)));
	fp = (SIM_FILE *) mycalloc(1, sizeof(*fp));
	fp->id = vstring_export(id);
	fp->queue = mystrdup(target);
	fp->data = vstring_alloc(256);
	fp->ddata = vstring_alloc(16);
	fp->dqueue = mystrdup(target);
	fp->exists = 1;
	if (disk->count == disk->cap) {
	    disk->cap = disk->cap ? disk->cap * 2 : 16;
	    disk->files = myrealloc(disk->files, disk->cap * sizeof(*disk->files));
	}
	disk->files[disk->count++] = fp;
	if (result)
	    vstring_strcpy(result, fp->id);
	return (0);
    case CORE_FILE_APPEND:
	vstring_memcat(fp->data, data, len);
	return (0);
    case CORE_FILE_PATCH:
	if (arg < 0 || (size_t) arg > vstring_len(fp->data)
	    || len > vstring_len(fp->data) - (size_t) arg)
	    return (EINVAL);
	memcpy(vstring_str(fp->data) + arg, data, len);
	return (0);
    case CORE_FILE_COMMIT:
	fp->ready = 1;
	vstring_memcpy(fp->ddata, vstring_str(fp->data), vstring_len(fp->data));
	myfree(fp->dqueue);
	fp->dqueue = mystrdup(fp->queue);
	fp->dexists = fp->dready = 1;
	return (0);
    case CORE_FILE_ABORT:
	if (fp->ready)
	    return (EPERM);
	sim_disk_unlink(fp);
	return (0);
    case CORE_FILE_DELETE:
	sim_disk_unlink(fp);
	return (0);
    case CORE_FILE_MOVE:
	if (data == 0 || len == 0 || memchr(data, '/', len))
	    return (EINVAL);
	myfree(fp->queue);
	fp->queue = mystrndup(data, len);
	if (fp->dexists) {
	    myfree(fp->dqueue);
	    fp->dqueue = mystrdup(fp->queue);
	}
	return (0);
    default:
	return (EINVAL);
    }
}

void    sim_disk_crash(SIM_DISK *disk)
{
    size_t  i;
    SIM_FILE *fp;

    disk->crashed = 1;
    for (i = 0; i < disk->count; i++) {
	fp = disk->files[i];
	fp->exists = fp->dexists;
	fp->ready = fp->dready;
	myfree(fp->queue);
	fp->queue = mystrdup(fp->dqueue);
	vstring_memcpy(fp->data, vstring_str(fp->ddata), vstring_len(fp->ddata));
    }
}

void    sim_disk_restart(SIM_DISK *disk)
{
    disk->crashed = 0;
    disk->crash_op = 0;
}

static void sim_disk_list_common(SIM_DISK *disk, int durable, int ready_only,
				         ARGV *out)
{
    size_t  i;
    SIM_FILE *fp;
    char   *name;
    ARGV   *tmp = argv_alloc(disk->count + 1);

    for (i = 0; i < disk->count; i++) {
	fp = disk->files[i];
	if (durable ? !fp->dexists : (!fp->exists || (ready_only && !fp->ready)))
	    continue;
	name = concatenate(durable ? fp->dqueue : fp->queue, "/", fp->id, (char *) 0);
	argv_add(tmp, name);
	myfree(name);
    }
    argv_sort(tmp);
    for (i = 0; i < tmp->argc; i++)
	argv_add(out, tmp->argv[i]);
    argv_free(tmp);
}

void    sim_disk_list(SIM_DISK *disk, int ready_only, ARGV *out)
{
    sim_disk_list_common(disk, 0, ready_only, out);
}

void    sim_disk_list_durable(SIM_DISK *disk, ARGV *out)
{
    sim_disk_list_common(disk, 1, 0, out);
}

const VSTRING *sim_disk_read(SIM_DISK *disk, const char *id, int *ready,
			             const char **queue)
{
    SIM_FILE *fp = sim_disk_find(disk, id);

    if (fp == 0)
	return (0);
    if (ready)
	*ready = fp->ready;
    if (queue)
	*queue = fp->queue;
    return (fp->data);
}
