#ifndef SIMNET_H
#define SIMNET_H
/*
 * NAME
 *	simnet 3h
 * SUMMARY
 *	deterministic simulator for sans-I/O cores
 * DESCRIPTION
 *	One SIM holds a virtual clock (milliseconds; time jumps to the next
 *	event), an event heap ordered by (time, insertion order), simulated
 *	hosts with stream services, a simulated disk and a plain-text trace.
 *	Every random choice comes from one u64 seed through prng_fork() sub-
 *	streams (SIM_RNG_*), so the same seed gives a byte-identical trace.
 *
 *	Cores plug in through SIM_CORE_OPS (sim_cores.c holds the registry).
 *	The simulator feeds CORE_EV_* events and executes every action of
 *	the outbox: SEND and CLOSE go to the stream, TIMER arms (or with
 *	CORE_TIME_NEVER disarms) the one timer of the instance, REQUEST
 *	starts or continues a conversation with the service core of that
 *	name on the same host (one instance per requester and conversation
 *	id; a new instance gets CORE_EV_START, then CORE_EV_REQUEST), REPLY
 *	goes back to the requester, FILE_OP runs on the simulated
 *	disk (the result arrives after disk_latency_ms), LOG goes to the
 *	trace. A service instance ends when it emits CORE_ACT_CLOSE.
 *
 *	Cores get the simulator's MAIL_CONF at create time; a later
 *	sim_config() may invalidate strings returned by it, so a core copies
 *	what it keeps (as it would build its const config struct anyway).
 *
 *	Client peers (SIM_CONN) are driven by the caller: send bytes, wait
 *	for a complete SMTP reply, close, reset. This is what conformance
 *	scenarios and the crash checker are built from.
 */
#include <stdint.h>
#include <stddef.h>
#include "vstring.h"
#include "argv.h"
#include "prng.h"
#include "core.h"
#include "mail_conf.h"
#include "sim_heap.h"
#include "sim_disk.h"

/* Session facts a core gets when it is created. */
typedef struct SIM_SESSION {
    const char *service;		/* service name the core runs as */
    const char *host_name;		/* the host it runs on */
    const char *host_addr;
    const char *client_addr;		/* stream services; "" otherwise */
    uint64_t conversation;		/* request services: conversation id */
    uint64_t instance;			/* simulator-wide instance number */
} SIM_SESSION;

/* The adapter table for one core. create() may return NULL to refuse. */
typedef struct SIM_CORE_OPS {
    const char *name;
    void   *(*create) (MAIL_CONF *conf, const CORE_ENV *env,
		               const SIM_SESSION *session);
    void    (*event) (void *core, const CORE_EVENT *ev, CORE_OUTBOX *out);
    void    (*free) (void *core);
} SIM_CORE_OPS;

/* Registry (sim_cores.c): NULL-terminated. */
extern const SIM_CORE_OPS *const sim_core_table[];
const SIM_CORE_OPS *sim_core_find(const char *name);

/* Toy cores (sim_toy.c), pure, used by tests and conformance/toy. */
extern const SIM_CORE_OPS sim_toy_echo_ops;		/* "echo" */
extern const SIM_CORE_OPS sim_toy_store_ops;		/* "store" */
extern const SIM_CORE_OPS sim_toy_store_early_ack_ops;	/* "store_early_ack" */
extern const SIM_CORE_OPS sim_toy_echo_per_read_ops;	/* "echo_per_read" */

/* Sub-seeds: prng_fork(root, SIM_RNG_x). */
#define SIM_RNG_NET	1
#define SIM_RNG_DISK	2
#define SIM_RNG_CORES	3

/* How client-to-server bytes are cut into deliveries. */
typedef enum SIM_CHUNKING {
    SIM_CHUNK_RANDOM,			/* sizes 1..chunk_max from the PRNG */
    SIM_CHUNK_WHOLE,			/* one delivery per send */
    SIM_CHUNK_BYTE,			/* one byte per delivery */
} SIM_CHUNKING;

typedef struct SIM SIM;
typedef struct SIM_CONN SIM_CONN;

typedef struct SIM_OPTIONS {
    uint64_t seed;
    core_time_ms latency_ms;		/* one-way network latency */
    core_time_ms disk_latency_ms;	/* file op -> result */
    size_t  chunk_max;			/* largest random chunk */
    SIM_CHUNKING c2s_chunking;		/* client -> server */
    unsigned disk_eio_permille;		/* random EIO per disk operation */
    int64_t wall_base;			/* wall clock at now = 0, seconds */
} SIM_OPTIONS;

void    sim_options_init(SIM_OPTIONS *opts, uint64_t seed);

SIM    *sim_create(const SIM_OPTIONS *opts);
void    sim_free(SIM *sim);

/* Configuration handed to cores created after this call. */
MAIL_CONF *sim_conf(SIM *sim);
void    sim_config(SIM *sim, const char *name, const char *value);

/* Hosts and services. A service maps a name to a registered core. */
int     sim_host_add(SIM *sim, const char *name, const char *addr);
int     sim_service_add(SIM *sim, const char *host, const char *service,
			        const SIM_CORE_OPS *ops);
/* Synchronous lookup table served through CORE_ENV.lookup. */
void    sim_table_set(SIM *sim, const char *table, const char *key,
		              const char *value);

/* Clock and event loop. */
core_time_ms sim_now(SIM *sim);
int     sim_step(SIM *sim);		/* one event; 0 when none or crashed */
void    sim_advance(SIM *sim, core_time_ms ms);	/* run events up to now+ms */
size_t  sim_pending(SIM *sim);
int     sim_crashed(SIM *sim);
/* The disk stops at the current operation; cores stop; restart brings
 * the host back with the durable disk state and no connections. */
void    sim_crash(SIM *sim, const char *why);
void    sim_restart(SIM *sim);

/* Trace: one event per line. */
const VSTRING *sim_trace_text(SIM *sim);
void    sim_trace(SIM *sim, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));
/* C-style escaped copy of bytes for the trace and messages. */
VSTRING *sim_escape(VSTRING *out, const char *data, size_t len);

/* Disk. */
SIM_DISK *sim_disk(SIM *sim);

/* Client peers. */
SIM_CONN *sim_connect(SIM *sim, const char *client_addr, const char *host,
		              const char *service, VSTRING *err);
void    sim_conn_send(SIM_CONN *conn, const char *data, size_t len);
void    sim_conn_close(SIM_CONN *conn);	/* orderly close, client side */
void    sim_conn_reset(SIM_CONN *conn);	/* abortive close */
void    sim_conn_stall(SIM_CONN *conn, core_time_ms ms);	/* server->client */
VSTRING *sim_conn_inbox(SIM_CONN *conn);	/* received, not yet consumed */
int     sim_conn_server_closed(SIM_CONN *conn);
uint64_t sim_conn_number(SIM_CONN *conn);

/* One SMTP reply: code, multi-line flag, the text of each line. */
typedef struct SIM_REPLY {
    int     code;			/* 0 when a line is malformed */
    int     multiline;
    ARGV   *lines;			/* text after "ddd-" / "ddd " */
} SIM_REPLY;

void    sim_reply_init(SIM_REPLY *reply);
void    sim_reply_free(SIM_REPLY *reply);
/* Bytes of the first complete reply in buf (0: incomplete). */
size_t  sim_reply_parse(const char *buf, size_t len, SIM_REPLY *reply);

/*
 * Runs the simulation until a complete reply has arrived (1, consumed
 * from the inbox), the server closed with nothing pending (0), nothing
 * is left to do or timeout_ms passed (-1), or the simulation crashed (-2).
 */
int     sim_conn_read_reply(SIM_CONN *conn, core_time_ms timeout_ms,
			            SIM_REPLY *reply);
/* Runs until the server side closed (1) or timeout / idle / crash (<= 0). */
int     sim_conn_wait_close(SIM_CONN *conn, core_time_ms timeout_ms);
/* One netstring from the server (QMQP replies): 1, 0 closed, -1 timeout, -2 crash. */
int     sim_conn_read_netstring(SIM_CONN *conn, core_time_ms timeout_ms, VSTRING *out);

/* Crash checker (sim_crash.c). */
#define SIM_CRASH_SMTP	0	/* DATA ... "." answered 250 ... queued as ID */
#define SIM_CRASH_QMQP	1	/* one QMQP packet per connection, K answers */

typedef struct SIM_CRASH_OPTS {
    uint64_t seed;
    int     messages;			/* messages per run */
    const SIM_CORE_OPS *front;		/* receiving core (toy echo) */
    const SIM_CORE_OPS *store;		/* cleanup or a stand-in */
    int     protocol;			/* SIM_CRASH_SMTP or SIM_CRASH_QMQP */
    int     verbose;
} SIM_CRASH_OPTS;

typedef struct SIM_CRASH_RESULT {
    int     ops_total;			/* disk operations of a clean run */
    int     points_checked;		/* crash points run */
    int     failures;
    VSTRING *report;			/* one line per failure */
} SIM_CRASH_RESULT;

int     sim_crash_check(const SIM_CRASH_OPTS *opts, SIM_CRASH_RESULT *res);

#endif
