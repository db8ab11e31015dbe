#ifndef SIM_DISK_H
#define SIM_DISK_H
/*
 * NAME
 *	sim_disk 3h
 * SUMMARY
 *	simulated disk with fsync semantics
 * DESCRIPTION
 *	Files live in named queues and are named by a queue id that CREATE
 *	makes up through a replaceable callback (default: a counter printed
 *	as 10 upper-case hex digits). Each file has a current state and a
 *	durable state. COMMIT (fchmod to the ready mode, fsync, rename) makes
 *	the current state durable and ready; APPEND and PATCH change only the
 *	current state; DELETE, ABORT and MOVE are treated as durable at once.
 *	sim_disk_crash() throws away everything that is not durable: a file
 *	never committed disappears, a committed one reverts to its last
 *	commit.
 *
 *	Operations are numbered from 1 in execution order. A fault may be
 *	planted on operation N (an errno value such as EIO or ENOSPC is
 *	returned instead of doing the work) and a crash at operation N
 *	(SIM_DISK_CRASHED is returned and operation N does not happen).
 */
#include <stddef.h>
#include <stdint.h>
#include "vstring.h"
#include "argv.h"
#include "prng.h"

#define SIM_DISK_CRASHED	(-1)

typedef struct SIM_DISK SIM_DISK;
typedef void (*SIM_QUEUE_ID_FN) (void *ctx, uint64_t counter, VSTRING *out);

SIM_DISK *sim_disk_create(const PRNG *rng);
void    sim_disk_free(SIM_DISK *disk);
void    sim_disk_set_queue_id_fn(SIM_DISK *disk, SIM_QUEUE_ID_FN fn, void *ctx);

/* Faults. status is an errno value; crash_at 0 disables. */
void    sim_disk_fault_at(SIM_DISK *disk, uint64_t op_number, int status);
void    sim_disk_crash_at(SIM_DISK *disk, uint64_t op_number);
void    sim_disk_random_eio(SIM_DISK *disk, unsigned permille);

/*
 * One operation (CORE_FILE_*): target is the queue (CREATE) or the queue
 * id; MOVE takes the new queue in data; PATCH the offset in arg. result
 * receives the queue id of a CREATE. Returns 0, an errno value or
 * SIM_DISK_CRASHED.
 */
int     sim_disk_op(SIM_DISK *disk, int op, const char *target,
		            const char *data, size_t len, int64_t arg,
		            VSTRING *result);
uint64_t sim_disk_op_count(SIM_DISK *disk);
int     sim_disk_is_crashed(SIM_DISK *disk);
void    sim_disk_crash(SIM_DISK *disk);		/* keep durable state only */
void    sim_disk_restart(SIM_DISK *disk);	/* clears the crashed flag */

/* "queue/id" of every existing file, sorted; ready only if asked. */
void    sim_disk_list(SIM_DISK *disk, int ready_only, ARGV *out);
/* "queue/id" of every file that would survive a crash now, sorted. */
void    sim_disk_list_durable(SIM_DISK *disk, ARGV *out);
/* Current content of queue id; NULL when absent. *ready tells the mode. */
const VSTRING *sim_disk_read(SIM_DISK *disk, const char *id, int *ready,
			             const char **queue);
const char *sim_disk_op_name(int op);

#endif
