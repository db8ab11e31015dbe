/*
 * NAME
 *	sim_cores 3
 * SUMMARY
 *	the simulator's core registry
 * DESCRIPTION
 *	Every core the simulator can run, by name. Adding a program core is
 *	one line here (and its SIM_CORE_OPS in the program's folder); a
 *	scenario then reaches it by name, and "service NAME CORE" lets one
 *	core stand in for another service (the toy store for cleanup).
 */
#include <string.h>

#include "mymalloc.h"
#include "simnet.h"
#include "qmqpd/qmqpd.h"
#include "cleanup/cleanup.h"
#include "smtpd/smtpd.h"

/*
 * Program cores keep a pointer to their configuration, so each adapter
 * instance owns the configuration it loaded. A configuration error
 * refuses the service, as a daemon with a bad main.cf would not run.
 */
typedef struct SIM_QMQPD {
    QMQPD_CONFIG *config;
    QMQPD_CORE *core;
} SIM_QMQPD;

static void *sim_qmqpd_create(MAIL_CONF *conf, const CORE_ENV *env,
			              const SIM_SESSION *session)
{
    VSTRING *err = vstring_alloc(100);
    SIM_QMQPD *sq;
    QMQPD_SESSION qs;
    QMQPD_CONFIG *config = qmqpd_config_load(conf, err);

    vstring_free(err);
    if (config == 0)
	return (0);
    sq = (SIM_QMQPD *) mymalloc(sizeof(*sq));
    memset(&qs, 0, sizeof(qs));
    qs.client_name = "unknown";
    qs.client_addr = session->client_addr;
    qs.client_port = "unknown";
    qs.addr_family = strchr(session->client_addr, ':') ? 10 : 2;
    sq->config = config;
    sq->core = qmqpd_core_create(config, env, &qs);
    return (sq);
}

static void sim_qmqpd_event(void *ptr, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    SIM_QMQPD *sq = (SIM_QMQPD *) ptr;

    qmqpd_core_event(sq->core, ev, out);
}

static void sim_qmqpd_free(void *ptr)
{
    SIM_QMQPD *sq = (SIM_QMQPD *) ptr;

    qmqpd_core_free(sq->core);
    qmqpd_config_free(sq->config);
    myfree(sq);
}

static const SIM_CORE_OPS sim_qmqpd_ops = {
    "qmqpd", sim_qmqpd_create, sim_qmqpd_event, sim_qmqpd_free,
};

typedef struct SIM_SMTPD {
    SMTPD_CONFIG *config;
    SMTPD_CORE *core;
} SIM_SMTPD;

static void *sim_smtpd_create(MAIL_CONF *conf, const CORE_ENV *env,
			              const SIM_SESSION *session)
{
    VSTRING *err = vstring_alloc(100);
    SIM_SMTPD *ss;
    SMTPD_SESSION sess;
    SMTPD_CONFIG *config = smtpd_config_load(conf, err);

    vstring_free(err);
    if (config == 0)
	return (0);
    ss = (SIM_SMTPD *) mymalloc(sizeof(*ss));
    memset(&sess, 0, sizeof(sess));
    sess.client_name = "unknown";
    sess.client_addr = session->client_addr;
    sess.client_port = "unknown";
    sess.addr_family = strchr(session->client_addr, ':') ? 10 : 2;
    ss->config = config;
    ss->core = smtpd_core_create(config, env, &sess);
    return (ss);
}

static void sim_smtpd_event(void *ptr, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    smtpd_core_event(((SIM_SMTPD *) ptr)->core, ev, out);
}

static void sim_smtpd_free(void *ptr)
{
    SIM_SMTPD *ss = (SIM_SMTPD *) ptr;

    smtpd_core_free(ss->core);
    smtpd_config_free(ss->config);
    myfree(ss);
}

static const SIM_CORE_OPS sim_smtpd_ops = {
    "smtpd", sim_smtpd_create, sim_smtpd_event, sim_smtpd_free,
};

typedef struct SIM_CLEANUP {
    CLEANUP_CONFIG *config;
    CLEANUP_CORE *core;
    int     closed;
} SIM_CLEANUP;

static void *sim_cleanup_create(MAIL_CONF *conf, const CORE_ENV *env,
				        const SIM_SESSION *session)
{
    VSTRING *err = vstring_alloc(100);
    SIM_CLEANUP *sc;
    CLEANUP_CONFIG *config = cleanup_config_load(conf, err);

    vstring_free(err);
    if (config == 0)
	return (0);
    sc = (SIM_CLEANUP *) mymalloc(sizeof(*sc));
    sc->config = config;
    sc->core = cleanup_core_create(config, env);
    sc->closed = 0;
    return (sc);
}

/* A request service instance ends with CORE_ACT_CLOSE; cleanup says "done". */
static void sim_cleanup_event(void *ptr, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    SIM_CLEANUP *sc = (SIM_CLEANUP *) ptr;

    cleanup_core_event(sc->core, ev, out);
    if (!sc->closed && cleanup_core_done(sc->core)) {
	sc->closed = 1;
	core_outbox_push(out, CORE_ACT_CLOSE);
    }
}

static void sim_cleanup_free(void *ptr)
{
    SIM_CLEANUP *sc = (SIM_CLEANUP *) ptr;

    cleanup_core_free(sc->core);
    cleanup_config_free(sc->config);
    myfree(sc);
}

static const SIM_CORE_OPS sim_cleanup_ops = {
    "cleanup", sim_cleanup_create, sim_cleanup_event, sim_cleanup_free,
};

const SIM_CORE_OPS *const sim_core_table[] = {
    &sim_toy_echo_ops,
    &sim_toy_store_ops,
    &sim_toy_store_early_ack_ops,
    &sim_toy_echo_per_read_ops,
    &sim_smtpd_ops,
    &sim_qmqpd_ops,
    &sim_cleanup_ops,
    0,
};

const SIM_CORE_OPS *sim_core_find(const char *name)
{
    const SIM_CORE_OPS *const * opp;

    for (opp = sim_core_table; *opp; opp++)
	if (strcmp((*opp)->name, name) == 0)
	    return (*opp);
    return (0);
}
