/*
 * NAME
 *	master_sched 3
 * SUMMARY
 *	process bookkeeping for master(8)
 * DESCRIPTION
 *	Master starts a child when a client is waiting on a listener, no
 *	child of the service is available, the process limit allows one
 *	more and the service is not throttled. A new child counts as
 *	available until it reports that it took a client; reports carry
 *	the service generation so children of an older configuration
 *	are not counted. A child that exits abnormally before it ever
 *	took a client throttles its service for service_throttle_time.
 *	Wakeup triggers repeat every "wakeup" seconds; with "?" only after
 *	the service was used once. Pure.
 */
#include "master.h"
#include "mymalloc.h"

int     master_sched_want_spawn(const MASTER_SERV *serv, int64_t now)
{
    if (serv->throttle_until > now)
	return (0);
    if (serv->avail_proc > 0)
	return (0);
    if (serv->max_proc > 0 && serv->total_proc >= serv->max_proc)
	return (0);
    return (1);
}

void    master_sched_add_child(MASTER_SERV *serv, pid_t pid)
{
    MASTER_PROC *proc = mycalloc(1, sizeof(*proc));

    proc->pid = pid;
    proc->gen = serv->gen;
    proc->avail = 1;
    proc->next = serv->children;
    serv->children = proc;
    serv->total_proc++;
    serv->avail_proc++;
}

int     master_sched_status(MASTER_SERV *serv, pid_t pid, unsigned gen, int avail)
{
    MASTER_PROC *proc;

    for (proc = serv->children; proc; proc = proc->next)
	if (proc->pid == pid)
	    break;
    if (proc == 0 || proc->gen != gen)
	return (-1);
    if (avail && !proc->avail) {
	proc->avail = 1;
	serv->avail_proc++;
    } else if (!avail && proc->avail) {
	proc->avail = 0;
	serv->avail_proc--;
	proc->use_count++;
	serv->used = 1;
    } else if (!avail) {
	proc->use_count++;
	serv->used = 1;
    }
    return (0);
}

int     master_sched_reap(MASTER_SERV *serv, pid_t pid, int normal_exit,
			          int64_t now, int64_t throttle_ms, int *found)
{
    MASTER_PROC **pp;
    MASTER_PROC *proc;
    int     throttle = 0;

    *found = 0;
    for (pp = &serv->children; (proc = *pp) != 0; pp = &proc->next)
	if (proc->pid == pid)
	    break;
    if (proc == 0)
	return (0);
    *found = 1;
    *pp = proc->next;
    serv->total_proc--;
    if (proc->avail)
	serv->avail_proc--;
    if (!normal_exit && proc->use_count == 0 && serv->throttle_until <= now) {
	serv->throttle_until = now + throttle_ms;
	throttle = 1;
    }
    myfree(proc);
    return (throttle);
}

void    master_sched_wakeup_init(MASTER_SERV *serv, int64_t now)
{
    serv->next_wakeup = serv->wakeup > 0 ? now + (int64_t) serv->wakeup * 1000 : 0;
}

int     master_sched_wakeup_due(MASTER_SERV *serv, int64_t now)
{
    if (serv->wakeup <= 0 || serv->next_wakeup == 0 || now < serv->next_wakeup)
	return (0);
    serv->next_wakeup = now + (int64_t) serv->wakeup * 1000;
    if (serv->wakeup_cond && !serv->used)
	return (0);
    return (1);
}
