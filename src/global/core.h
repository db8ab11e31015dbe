#ifndef CORE_H
#define CORE_H
/*
 * NAME
 *	core 3h
 * SUMMARY
 *	the sans-I/O core contract shared by every daemon
 * DESCRIPTION
 *	A core is a struct plus functions that turn input events into output
 *	actions. Every event carries an explicit "now" in milliseconds on a
 *	monotonic clock. Actions are appended to an outbox that the driver
 *	(production shim or simnet) drains and executes. Anything a core
 *	needs from the world - time, randomness, queue ids, table lookups,
 *	logging - arrives through CORE_ENV, so the same core runs on real
 *	sockets, inside the simulator and under a fuzzer.
 *
 *	A core never blocks, sleeps, forks, or calls read/write/socket/open/
 *	time/rand/getpid; mk/purity.sh enforces this on every object listed in
 *	CORE_SRCS.
 *
 *	Buffers handed out in actions belong to the core until the next call
 *	into it (ngtcp2 style); a driver copies what it must keep.
 */
#include <stddef.h>
#include <stdint.h>
#include "vstring.h"
#include "prng.h"
#include "msg.h"

typedef int64_t core_time_ms;		/* monotonic milliseconds */
#define CORE_TIME_NEVER INT64_MAX	/* no deadline */

/* Input events. */
typedef enum CORE_EVENT_TYPE {
    CORE_EV_START,			/* connection accepted / service begins */
    CORE_EV_BYTES,			/* bytes received: data, len */
    CORE_EV_PEER_CLOSED,		/* EOF or reset from the peer */
    CORE_EV_TIMER,			/* the armed deadline passed */
    CORE_EV_REPLY,			/* answer to a request: id, status, data */
    CORE_EV_FILE_RESULT,		/* result of a queue-file operation: id, status */
    CORE_EV_DNS_RESULT,			/* answer to a DNS query: id, status, data */
    CORE_EV_TLS_DONE,			/* TLS handshake finished: status */
    CORE_EV_REQUEST,			/* a client's request to this service: id, op, arg, data */
} CORE_EVENT_TYPE;

typedef struct CORE_EVENT {
    CORE_EVENT_TYPE type;
    core_time_ms now;
    uint64_t id;			/* request / file op / query id */
    int     op;				/* CORE_EV_REQUEST: the operation */
    int     status;			/* 0 = ok, else an errno-like or protocol code */
    int64_t arg;			/* small integer argument (flags, offset) */
    const char *data;
    size_t  len;
} CORE_EVENT;

/* Output actions. */
typedef enum CORE_ACTION_TYPE {
    CORE_ACT_SEND,			/* send data, len to the peer */
    CORE_ACT_CLOSE,			/* close the connection */
    CORE_ACT_TIMER,			/* arm deadline (CORE_TIME_NEVER disarms) */
    CORE_ACT_REQUEST,			/* request to service (target): attribute list in data */
    CORE_ACT_FILE_OP,			/* queue-file operation (op) on target */
    CORE_ACT_LOG,			/* one log record: level, data */
    CORE_ACT_DNS_QUERY,			/* DNS query: target = name, op = type */
    CORE_ACT_START_TLS,			/* begin a TLS handshake */
    CORE_ACT_REPLY,			/* answer a CORE_EV_REQUEST: id, status, data */
} CORE_ACTION_TYPE;

typedef enum CORE_FILE_OP {
    CORE_FILE_CREATE,			/* new unique file in a queue */
    CORE_FILE_APPEND,			/* append records */
    CORE_FILE_COMMIT,			/* fchmod ready, fsync, rename to queue id */
    CORE_FILE_DELETE,
    CORE_FILE_MOVE,			/* to another queue */
    CORE_FILE_PATCH,			/* overwrite data at offset arg */
    CORE_FILE_ABORT,			/* close and remove an uncommitted file */
} CORE_FILE_OP;

typedef struct CORE_ACTION {
    CORE_ACTION_TYPE type;
    uint64_t id;			/* matches the event that answers it */
    int     op;				/* CORE_FILE_OP, DNS type, MSG_LEVEL ... */
    int     status;			/* CORE_ACT_REPLY */
    int64_t arg;			/* small integer argument (flags, offset) */
    core_time_ms deadline;		/* CORE_ACT_TIMER */
    const char *target;			/* service, queue or name */
    const char *data;			/* owned by the core until its next call */
    size_t  len;
} CORE_ACTION;

typedef struct CORE_OUTBOX {
    CORE_ACTION *actions;
    size_t  count;
    size_t  cap;
} CORE_OUTBOX;

void    core_outbox_init(CORE_OUTBOX *box);
void    core_outbox_free(CORE_OUTBOX *box);
void    core_outbox_clear(CORE_OUTBOX *box);	/* after the driver drained it */
CORE_ACTION *core_outbox_push(CORE_OUTBOX *box, CORE_ACTION_TYPE type);

/* What the world gives a core. */
typedef struct CORE_ENV {
    PRNG   *rng;			/* seeded; never libc rand */
    /* Log sink: level and text; the driver adds time, host and process. */
    void    (*log) (void *log_ctx, MSG_LEVEL level, const char *text);
    void   *log_ctx;
    /* Wall-clock seconds for headers and queue ids, as the driver sees it. */
    int64_t (*wall_time) (void *time_ctx, core_time_ms now);
    void   *time_ctx;
    /* Synchronous table lookup: 0 found (value set), 1 not found, -1 error. */
    int     (*lookup) (void *dict_ctx, const char *table, const char *key,
		               const char **value);
    void   *dict_ctx;
} CORE_ENV;

/* Formats and sends a log record through env->log; no-op when log is NULL. */
void    core_log(const CORE_ENV *env, MSG_LEVEL level, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));

#endif
