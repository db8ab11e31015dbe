/*
 * NAME
 *	qmqpd 8
 * SUMMARY
 *	Postfix-compatible QMQP server
 * DESCRIPTION
 *	qmqpd receives one message per connection over QMQP, hands it to
 *	cleanup(8) and answers with one status netstring, K only after the
 *	queue file is durable. Only clients in qmqpd_authorized_clients may
 *	use it. The protocol logic lives in the core (qmqpd_core.c); this
 *	shim runs it under the server skeleton (mail_server.h) and carries
 *	its cleanup requests to $queue_directory/public/cleanup.
 */
#include <string.h>
#include <sys/socket.h>

#include "mymalloc.h"
#include "msg.h"
#include "prng.h"
#include "vstring.h"
#include "mail_conf.h"
#include "mail_server.h"
#include "cleanup_client.h"
#include "qmqpd.h"

static QMQPD_CONFIG *qmqpd_config;
static CLEANUP_CLIENT *qmqpd_cleanup;
static CORE_ENV qmqpd_env;
static PRNG qmqpd_rng;

typedef struct QMQPD_SHIM {
    QMQPD_CORE *core;
    VSTRING *client_name;
} QMQPD_SHIM;

static int qmqpd_init(MAIL_SERVER *server, MAIL_CONF *conf, void *unused_ctx)
{
    VSTRING *err = vstring_alloc(100);

    if ((qmqpd_config = qmqpd_config_load(conf, err)) == 0)
	msg_fatal("%s", vstring_str(err));
    qmqpd_cleanup = cleanup_client_from_conf(conf);
    mail_server_core_env(&qmqpd_env, &qmqpd_rng);
    vstring_free(err);
    return (0);
}

static void *qmqpd_create(MAIL_CONF *conf, const char *client_addr,
			          const char *client_port,
			          MAIL_SERVER_SESSION *handle, void *unused_ctx)
{
    QMQPD_SHIM *shim = (QMQPD_SHIM *) mymalloc(sizeof(*shim));
    QMQPD_SESSION session;

    shim->client_name = vstring_alloc(64);
    memset(&session, 0, sizeof(session));
    session.client_name = mail_server_client_name(client_addr, shim->client_name);
    session.client_addr = client_addr;
    session.client_port = client_port;
    session.addr_family = strchr(client_addr, ':') ? AF_INET6 : AF_INET;
    shim->core = qmqpd_core_create(qmqpd_config, &qmqpd_env, &session);
    return (shim);
}

static void qmqpd_event(void *session, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    qmqpd_core_event(((QMQPD_SHIM *) session)->core, ev, out);
}

static void qmqpd_free(void *session)
{
    QMQPD_SHIM *shim = (QMQPD_SHIM *) session;

    qmqpd_core_free(shim->core);
    vstring_free(shim->client_name);
    myfree(shim);
}

static void qmqpd_action(MAIL_SERVER_SESSION *handle, void *session,
			         const CORE_ACTION *act, void *unused_ctx)
{
    if (!cleanup_client_action(qmqpd_cleanup, handle, act))
	msg_warn("unexpected action type %d", (int) act->type);
}

int     main(int argc, char **argv)
{
    static const MAIL_SERVER_OPS ops = {
	.init = qmqpd_init,
	.create = qmqpd_create,
	.event = qmqpd_event,
	.free = qmqpd_free,
	.action = qmqpd_action,
	.max_sessions = 1,
    };

    return (mail_server_main(argc, argv, &ops));
}
