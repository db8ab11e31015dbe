/*
 * NAME
 *	smtpd 8
 * SUMMARY
 *	Postfix-compatible SMTP server
 * DESCRIPTION
 *	smtpd speaks the server side of SMTP and ESMTP with one client per
 *	process, applies the access restrictions and hands each accepted
 *	message to cleanup(8); it answers 250 after the end of data only
 *	when cleanup reports the queue file durable. The protocol lives in
 *	the smtpd core (smtpd_core.c and friends); this shim runs it under
 *	the server skeleton (mail_server.h) and carries its cleanup requests
 *	to $queue_directory/public/cleanup. With -S it serves one session
 *	on standard input and output.
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
#include "smtpd.h"

static SMTPD_CONFIG *smtpd_config;
static CLEANUP_CLIENT *smtpd_cleanup;
static CORE_ENV smtpd_env;
static PRNG smtpd_rng;

typedef struct SMTPD_SHIM {
    SMTPD_CORE *core;
    VSTRING *client_name;
} SMTPD_SHIM;

static int smtpd_init(MAIL_SERVER *server, MAIL_CONF *conf, void *unused_ctx)
{
    VSTRING *err = vstring_alloc(100);

    if ((smtpd_config = smtpd_config_load(conf, err)) == 0)
	msg_fatal("%s", vstring_str(err));
    smtpd_cleanup = cleanup_client_from_conf(conf);
    mail_server_core_env(&smtpd_env, &smtpd_rng);
    vstring_free(err);
    return (0);
}

/*
 * Stock's local_header_rewrite_clients default (permit_inet_interfaces)
 * matches clients on this host's own addresses; loopback stands in for
 * them until the restriction evaluator handles that list.
 */
static bool smtpd_client_is_local(const char *addr)
{
    return (strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0);
}

static void *smtpd_create(MAIL_CONF *conf, const char *client_addr,
			          const char *client_port,
			          MAIL_SERVER_SESSION *handle, void *unused_ctx)
{
    SMTPD_SHIM *shim = (SMTPD_SHIM *) mymalloc(sizeof(*shim));
    SMTPD_SESSION session;

    shim->client_name = vstring_alloc(64);
    memset(&session, 0, sizeof(session));
    session.client_name = mail_server_client_name(client_addr, shim->client_name);
    session.client_addr = client_addr;
    session.client_port = client_port;
    session.addr_family = strchr(client_addr, ':') ? AF_INET6 : AF_INET;
    session.rewrite_local = smtpd_client_is_local(client_addr);
    shim->core = smtpd_core_create(smtpd_config, &smtpd_env, &session);
    return (shim);
}

static void smtpd_event(void *session, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    smtpd_core_event(((SMTPD_SHIM *) session)->core, ev, out);
}

static void smtpd_free(void *session)
{
    SMTPD_SHIM *shim = (SMTPD_SHIM *) session;

    smtpd_core_free(shim->core);
    vstring_free(shim->client_name);
    myfree(shim);
}

static void smtpd_action(MAIL_SERVER_SESSION *handle, void *session,
			         const CORE_ACTION *act, void *unused_ctx)
{
    if (!cleanup_client_action(smtpd_cleanup, handle, act))
	msg_warn("unexpected action type %d", (int) act->type);
}

int     main(int argc, char **argv)
{
    static const MAIL_SERVER_OPS ops = {
	.init = smtpd_init,
	.create = smtpd_create,
	.event = smtpd_event,
	.free = smtpd_free,
	.action = smtpd_action,
	.max_sessions = 1,
    };

    return (mail_server_main(argc, argv, &ops));
}
