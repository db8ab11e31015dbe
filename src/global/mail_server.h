#ifndef MAIL_SERVER_H
#define MAIL_SERVER_H
/*
 * NAME
 *	mail_server 3h
 * SUMMARY
 *	daemon skeleton: master(8) protocol, poll loop, core sessions
 * DESCRIPTION
 *	A daemon's main() fills in a MAIL_SERVER_OPS table and calls
 *	mail_server_main(argc, argv, &ops). The skeleton parses the
 *	arguments master(8) passes (stock's daemon options, see
 *	mail_server_args_parse), reads $config_directory/main.cf (from
 *	MAIL_CONFIG, else the built-in default) with the -o overrides into
 *	a MAIL_CONF, starts logging as "$syslog_name/<process>", calls
 *	ops->init once, then serves connections:
 *
 *	The listening sockets are inherited as descriptors
 *	MAIL_SERVER_LISTEN_FD .. MAIL_SERVER_LISTEN_FD + count - 1 (count
 *	from "-s count", default 1). The status pipe to master is
 *	MAIL_SERVER_STATUS_FD: the child writes MAIL_SERVER_STATUS records
 *	(avail 1 = ready for a client, 0 = busy). When master closes the
 *	pipe's read end (reload, stop) the child stops accepting and exits
 *	once its sessions are over. With -S (stand-alone) one session runs
 *	on stdin/stdout (a trigger server reads stdin as one trigger) and
 *	the process exits when it ends.
 *
 *	For each connection the skeleton calls ops->create(), feeds
 *	CORE_EV_START, CORE_EV_BYTES, CORE_EV_PEER_CLOSED and
 *	CORE_EV_TIMER (now = CLOCK_MONOTONIC milliseconds) to ops->event()
 *	and executes CORE_ACT_SEND (buffered, non-blocking), CORE_ACT_CLOSE
 *	(after pending output is written), CORE_ACT_TIMER and CORE_ACT_LOG.
 *	Every other action goes to ops->action(), which may answer later
 *	with mail_server_inject(): injected events are queued and delivered
 *	from the loop, never from inside the caller. A program that waits
 *	on its own descriptors (a cleanup connection, say) registers them
 *	with mail_server_watch().
 *
 *	A trigger server (qmgr and pickup style) sets ops->trigger instead
 *	of the session callbacks: each trigger - the bytes a client writes
 *	to a unix or inet stream before closing, one datagram on
 *	unix-dgram, what a FIFO holds - is handed to ops->trigger, with
 *	the process reported busy meanwhile; master's wakeup is the
 *	trigger "W". Trigger and session servers can both arm server-wide
 *	timers with mail_server_timer().
 *
 *	max_use (or -m) sessions or triggers end the process; max_idle
 *	(or -i) seconds without one do too. ops->max_sessions 1 gives stock's
 *	single-threaded server (one client per process, busy while
 *	serving); 0 serves any number of clients at once (stock's multi
 *	server).
 */
#include <stdint.h>
#include <sys/types.h>
#include "core.h"
#include "prng.h"
#include "mail_conf.h"
#include "argv.h"
#include "vstring.h"

#define MAIL_SERVER_STATUS_FD	5	/* child -> master status pipe */
#define MAIL_SERVER_LISTEN_FD	6	/* first inherited listener */

/* One status record, written whole to the status pipe. */
typedef struct MAIL_SERVER_STATUS {
    int     pid;
    unsigned gen;			/* master's service generation */
    int     avail;			/* 1 = available, 0 = taken */
} MAIL_SERVER_STATUS;

#define MAIL_SERVER_GEN_ENV	"MAIL_SERVER_GEN"	/* generation, set by master */

/* What the command line said (mail_server_args.c, pure). */
typedef struct MAIL_SERVER_ARGS {
    char   *service;			/* -n, else the process name */
    char   *transport;			/* -t: inet, unix, fifo, pass ... */
    ARGV   *overrides;			/* -o: name, value, name, value ... */
    int     verbose;			/* -v count */
    int     socket_count;		/* -s, default 1 */
    int     stand_alone;		/* -S */
    int     chroot;			/* -c (stock: run chrooted) */
    int     unprivileged;		/* -u */
    int     single;			/* -l: max_proc is 1 */
    int     foreground;			/* -d */
} MAIL_SERVER_ARGS;

/*
 * Parses argv[1..]; argv[0]'s basename is the process name. Returns 0,
 * or -1 with the complaint in err. Free with mail_server_args_free().
 */
int     mail_server_args_parse(MAIL_SERVER_ARGS *args, int argc, char **argv,
			               VSTRING *err);
void    mail_server_args_free(MAIL_SERVER_ARGS *args);

/* Applies the overrides (and -m/-i values folded into them) to conf. */
void    mail_server_args_apply(const MAIL_SERVER_ARGS *args, MAIL_CONF *conf);

typedef struct MAIL_SERVER MAIL_SERVER;
typedef struct MAIL_SERVER_SESSION MAIL_SERVER_SESSION;

typedef struct MAIL_SERVER_OPS {
    /* Optional: once, after configuration; non-zero return is fatal. */
    int     (*init) (MAIL_SERVER *server, MAIL_CONF *conf, void *context);
    /* A new client. Returns the program's session (a core, usually). */
    void   *(*create) (MAIL_CONF *conf, const char *client_addr,
		               const char *client_port, MAIL_SERVER_SESSION *handle,
		               void *context);
    void    (*event) (void *session, const CORE_EVENT *event, CORE_OUTBOX *outbox);
    void    (*free) (void *session);
    /* REQUEST, REPLY, FILE_OP, DNS_QUERY, START_TLS; NULL: logged, dropped. */
    void    (*action) (MAIL_SERVER_SESSION *handle, void *session,
		               const CORE_ACTION *action, void *context);
    /* Trigger server: one call per trigger; create/event/free unused. */
    void    (*trigger) (MAIL_SERVER *server, const char *buf, size_t len,
			        void *context);
    void   *context;
    int     max_sessions;		/* 1: single server; 0: no limit */
} MAIL_SERVER_OPS;

#define MAIL_SERVER_TRIGGER_MAX		1024	/* bytes read per trigger */
#define MAIL_SERVER_TRIGGER_TIMEOUT_MS	10000	/* stream trigger read limit */

/* Runs the daemon; returns only in tests (exit status). */
int     mail_server_main(int argc, char **argv, const MAIL_SERVER_OPS *ops);

/*
 * Queues an event for a session (data copied; now is set by the
 * skeleton). Safe from ops->action and from watch callbacks. Must not be
 * used after ops->free ran for the session.
 */
void    mail_server_inject(MAIL_SERVER_SESSION *handle, const CORE_EVENT *event);
MAIL_SERVER *mail_server_of(MAIL_SERVER_SESSION *handle);

/* Extra descriptors in the poll loop (events: POLLIN, POLLOUT). */
typedef void (*MAIL_SERVER_WATCH_FN) (int fd, int revents, void *context);
void    mail_server_watch(MAIL_SERVER *server, int fd, int events,
			          MAIL_SERVER_WATCH_FN fn, void *context);
void    mail_server_unwatch(MAIL_SERVER *server, int fd);

/*
 * A server-wide timer: fn(context) runs from the loop once the deadline
 * (mail_server_now() scale) has passed. Setting it again for the same fn
 * and context moves it; CORE_TIME_NEVER cancels it.
 */
typedef void (*MAIL_SERVER_TIMER_FN) (MAIL_SERVER *server, void *context);
void    mail_server_timer(MAIL_SERVER *server, core_time_ms deadline,
			          MAIL_SERVER_TIMER_FN fn, void *context);

/* The server's configuration and service name. */
MAIL_CONF *mail_server_conf(MAIL_SERVER *server);
const char *mail_server_service(MAIL_SERVER *server);

/*
 * The client's host name as stock logs it: the reverse name when it
 * maps back to the address, else "unknown". Result in name.
 */
const char *mail_server_client_name(const char *addr, VSTRING *name);

/* CLOCK_MONOTONIC in milliseconds. */
core_time_ms mail_server_now(void);

/*
 * A CORE_ENV for a production core: rng seeded from the clock and the
 * process id, log through msg(3), wall time from time(2); no lookups.
 */
void    mail_server_core_env(CORE_ENV *env, PRNG *rng);

/* A CORE_ENV log sink that writes through msg(3). */
void    mail_server_core_log(void *context, MSG_LEVEL level, const char *text);

#endif
