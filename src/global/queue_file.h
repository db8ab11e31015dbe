#ifndef QUEUE_FILE_H
#define QUEUE_FILE_H
/*
 * NAME
 *	queue_file 3h
 * SUMMARY
 *	execute queue-file actions on the real file system
 * DESCRIPTION
 *	The production driver's counterpart of the simulator's disk: it
 *	carries out CORE_ACT_FILE_OP actions (core.h) with system calls.
 *
 *	CREATE (target = queue) makes "<queue>/<usec>.<pid>" in the queue
 *	directory with O_EXCL and mode MAIL_QUEUE_STAT_START, takes the
 *	queue id from the inode and the wall clock, and returns the id in
 *	result. APPEND writes data at the end; PATCH writes data at offset
 *	arg (inside what is written). COMMIT does fchmod to
 *	MAIL_QUEUE_STAT_READY, fsync, then renames the file to
 *	<queue>/<hashed dirs>/<id>, making missing subdirectories, and
 *	closes it. ABORT closes and unlinks an uncommitted file. DELETE
 *	unlinks a file; MOVE renames it to the queue named by data. For
 *	DELETE and MOVE, target is an id this executor knows, "queue/id",
 *	or an id looked up in the standard queues.
 *
 *	Every operation returns 0 or an errno value; the executor never
 *	exits and never logs. A failed APPEND leaves the file as it was
 *	(a partial write is cut off again). A COMMIT that fails after its
 *	rename leaves the file open under its final name: COMMIT again, or
 *	ABORT, which removes it. Paths are relative to queue_directory.
 */
#include <stdint.h>
#include <sys/types.h>
#include "vstring.h"
#include "core.h"
#include "mail_queue.h"

typedef struct QUEUE_FILES QUEUE_FILES;

/* Clock for queue ids and temporary names; NULL means gettimeofday. */
typedef void (*QUEUE_FILE_CLOCK) (void *ctx, int64_t *sec, long *usec);

QUEUE_FILES *queue_file_create(const char *queue_directory,
			               const MAIL_QUEUE_LAYOUT *layout);
void    queue_file_set_clock(QUEUE_FILES *qf, QUEUE_FILE_CLOCK fn, void *ctx);
void    queue_file_free(QUEUE_FILES *qf);	/* aborts files still open */

/* One operation, as sim_disk_op(): result receives CREATE's queue id. */
int     queue_file_op(QUEUE_FILES *qf, int op, const char *target,
		              const char *data, size_t len, int64_t arg,
		              VSTRING *result);
/* A CORE_ACT_FILE_OP action. */
int     queue_file_action(QUEUE_FILES *qf, const CORE_ACTION *act, VSTRING *result);

/* Current path (relative to queue_directory) of a known id, or NULL. */
const char *queue_file_path(QUEUE_FILES *qf, const char *id);

#endif
