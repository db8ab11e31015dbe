#ifndef MASTER_H
#define MASTER_H
/*
 * NAME
 *	master 3h
 * SUMMARY
 *	master(8) internals
 * DESCRIPTION
 *	A MASTER_SERV is one master.cf service: what to run (path, argv as
 *	stock builds it), how (type, privileges, process limit, wakeup) and
 *	its run-time state (listeners, status pipe, children). The pure
 *	parts - turning master.cf and main.cf into services
 *	(master_ent.c) and the process bookkeeping (master_sched.c) - are
 *	unit tested; master_io.c and master.c do the system calls.
 */
#include <stdint.h>
#include <sys/types.h>
#include "argv.h"
#include "mail_conf.h"
#include "master_cf.h"
#include "vstring.h"

typedef enum MASTER_SERV_TYPE {
    MASTER_SERV_INET,
    MASTER_SERV_UNIX,
    MASTER_SERV_UNIX_DGRAM,
    MASTER_SERV_FIFO,
    MASTER_SERV_PASS,
} MASTER_SERV_TYPE;

typedef struct MASTER_PROC {
    pid_t   pid;
    unsigned gen;
    int     avail;			/* counted in serv->avail_proc */
    long    use_count;			/* times it reported "taken" */
    struct MASTER_PROC *next;
} MASTER_PROC;

typedef struct MASTER_SERV {
    char   *name;			/* service field as written */
    char   *type_name;			/* "inet", "unix", ... */
    MASTER_SERV_TYPE type;
    int     private_;			/* unix/fifo: under private/ */
    int     unpriv;			/* runs as mail_owner when master is root */
    int     chroot;
    int     wakeup;			/* seconds; 0 = none */
    int     wakeup_cond;		/* "?": only once the service was used */
    int     max_proc;			/* 0 = no limit */
    char   *path;			/* $daemon_directory/command */
    ARGV   *args;			/* argv, argv[0] = command */
    char   *listen_host;		/* inet: host part, NULL = inet_interfaces */
    char   *listen_port;		/* inet: port part */
    ARGV   *listen_addrs;		/* inet: addresses to bind */
    int     local_only;			/* not reachable from the network */
    /* Run-time state (master_io.c, master_sched.c). */
    int    *listen_fd;
    int     listen_fd_count;
    int     status_fd[2];
    unsigned gen;
    int     total_proc;
    int     avail_proc;
    int     used;			/* a child took a client once */
    int64_t throttle_until;		/* ms; 0 = not throttled */
    int64_t next_wakeup;		/* ms; 0 = not scheduled */
    MASTER_PROC *children;
} MASTER_SERV;

typedef struct MASTER_SERVS {
    MASTER_SERV **serv;
    size_t  count;
} MASTER_SERVS;

/* master_ent.c: master.cf + main.cf -> services (pure). */
typedef struct MASTER_ENT_OPTS {
    const char *daemon_directory;
    int     default_process_limit;
    const char *inet_interfaces;	/* as in main.cf */
    const char *inet_protocols;		/* "all", "ipv4", "ipv6", "ipv4, ipv6" */
    int     verbose;			/* master -v count */
    int     foreground;			/* master -d: children get -d */
    const char *service_disable;	/* master_service_disable */
} MASTER_ENT_OPTS;

MASTER_SERV *master_ent_build(const MASTER_CF_ENTRY *ent, const MASTER_ENT_OPTS *opts,
			              VSTRING *err);
int     master_ent_load(MASTER_SERVS *servs, const MASTER_CF *cf,
			        const MASTER_ENT_OPTS *opts, VSTRING *err);
void    master_ent_free(MASTER_SERV *serv);
void    master_servs_free(MASTER_SERVS *servs);
/* Interface addresses for inet_interfaces/inet_protocols (numeric only). */
ARGV   *master_ent_interfaces(const char *inet_interfaces, const char *inet_protocols);
/* Service name/type listed in master_service_disable (by type or name/type). */
int     master_ent_disabled(const char *list, const char *name, const char *type);
/* Same listener (name and type) and same command line. */
int     master_ent_same(const MASTER_SERV *a, const MASTER_SERV *b);

/* master_sched.c: bookkeeping (pure). */
int     master_sched_want_spawn(const MASTER_SERV *serv, int64_t now);
void    master_sched_add_child(MASTER_SERV *serv, pid_t pid);
/* Status record from a child; 0 if the pid and generation are known. */
int     master_sched_status(MASTER_SERV *serv, pid_t pid, unsigned gen, int avail);
/* Child exited; returns 1 when the service must be throttled. */
int     master_sched_reap(MASTER_SERV *serv, pid_t pid, int normal_exit,
			          int64_t now, int64_t throttle_ms, int *found);
/* Wakeup schedule: next trigger time, 1 if a trigger is due now. */
void    master_sched_wakeup_init(MASTER_SERV *serv, int64_t now);
int     master_sched_wakeup_due(MASTER_SERV *serv, int64_t now);

/* master_io.c: listeners, children, triggers. */
typedef struct MASTER_IO_OPTS {
    const char *queue_directory;
    const char *mail_owner;		/* used when master runs as root */
    const char *config_directory;
} MASTER_IO_OPTS;

int     master_io_listen(MASTER_SERV *serv, const MASTER_IO_OPTS *opts, VSTRING *err);
void    master_io_unlisten(MASTER_SERV *serv, const MASTER_IO_OPTS *opts);
int     master_io_status_open(MASTER_SERV *serv);
void    master_io_status_close(MASTER_SERV *serv);
pid_t   master_io_spawn(MASTER_SERV *serv, const MASTER_IO_OPTS *opts);
void    master_io_wakeup(MASTER_SERV *serv, const MASTER_IO_OPTS *opts);
void    master_io_kill_children(MASTER_SERV *serv, int sig);

#endif
