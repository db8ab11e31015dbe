#ifndef SIM_INT_H
#define SIM_INT_H
/*
 * NAME
 *	sim_int 3h
 * SUMMARY
 *	simulator engine internals
 * DESCRIPTION
 *	Structures shared by the engine files. Not for cores or scenarios.
 */
#include "htable.h"
#include "simnet.h"

typedef struct SIM_HOST {
    char   *name;
    char   *addr;
    ARGV   *service_names;
    const SIM_CORE_OPS **service_ops;	/* parallel to service_names */
} SIM_HOST;

typedef struct SIM_INST {
    SIM    *sim;
    uint64_t number;			/* 1, 2, ... in creation order */
    const SIM_CORE_OPS *ops;
    void   *core;
    char   *service;
    SIM_HOST *host;
    SIM_CONN *conn;			/* stream services */
    struct SIM_INST *requester;		/* request services */
    uint64_t conv_id;
    PRNG    rng;
    CORE_ENV env;
    uint64_t timer_gen;			/* stale timer events are ignored */
    int     dead;
    int     reap;			/* core state still to be freed */
} SIM_INST;

struct SIM_CONN {
    SIM    *sim;
    uint64_t number;
    char   *client_addr;
    SIM_INST *server;
    VSTRING *inbox;
    int     server_closing;		/* server sent its close */
    int     server_closed;		/* the client saw it */
    int     client_closed;
    int     reset;
    core_time_ms c2s_last;		/* keeps deliveries in order */
    core_time_ms s2c_last;
    core_time_ms s2c_stall_until;
};

typedef enum SIM_EV_KIND {
    SIM_EV_CORE,			/* a CORE_EVENT for inst */
    SIM_EV_TIMER,			/* inst's timer, if gen still matches */
    SIM_EV_CLIENT_BYTES,		/* bytes for conn's client */
    SIM_EV_CLIENT_CLOSED,		/* server side closed */
} SIM_EV_KIND;

typedef struct SIM_EVENT {
    SIM_EV_KIND kind;
    SIM_INST *inst;
    SIM_CONN *conn;
    CORE_EVENT ev;
    char   *buf;			/* owned copy of ev.data */
    uint64_t gen;
} SIM_EVENT;

struct SIM {
    SIM_OPTIONS opts;
    PRNG    root;
    PRNG    net;
    PRNG    cores;
    SIM_HEAP heap;
    core_time_ms now;
    VSTRING *trace;
    VSTRING *tmp;
    MAIL_CONF *conf;
    SIM_DISK *disk;
    HTABLE *tables;
    SIM_HOST **hosts;
    size_t  nhosts;
    SIM_INST **insts;
    size_t  ninsts;
    size_t  instcap;
    SIM_CONN **conns;
    size_t  nconns;
    CORE_OUTBOX outbox;
    int     dispatching;
    int     crashed;
};

#endif
