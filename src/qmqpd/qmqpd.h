#ifndef QMQPD_H
#define QMQPD_H
/*
 * NAME
 *	qmqpd 3h
 * SUMMARY
 *	QMQP server core: one object per client connection
 * DESCRIPTION
 *	The core reads one QMQP packet (a netstring holding the message,
 *	sender and recipient netstrings), hands the message to cleanup as
 *	the conversation of src/global/cleanup_proto.h, and answers with one
 *	netstring: K (queued), Z (try again) or D (rejected), in stock
 *	qmqpd's words. It is pure: bytes, timers and cleanup replies come in
 *	as CORE_EVENTs, everything it wants done goes to the outbox, logging
 *	goes through CORE_ENV.
 *
 *	The driver sends CORE_EV_START once, then CORE_EV_BYTES /
 *	CORE_EV_PEER_CLOSED / CORE_EV_TIMER / CORE_EV_REPLY as they happen.
 *	The core has at most one deadline (CORE_ACT_TIMER, the last one
 *	armed wins). After it emits CORE_ACT_CLOSE, qmqpd_core_done() is
 *	true and further events are ignored.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "argv.h"
#include "core.h"
#include "mail_conf.h"
#include "vstring.h"

#define QMQPD_CLEANUP_ID	1	/* request id of the one cleanup conversation */

/* What qmqpd reads from main.cf; built by qmqpd_config_load(). */
typedef struct QMQPD_CONFIG {
    core_time_ms timeout_ms;		/* qmqpd_timeout */
    core_time_ms error_delay_ms;	/* qmqpd_error_delay */
    ARGV   *authorized_clients;		/* qmqpd_authorized_clients, split */
    bool    parent_domain_match;	/* parent_domain_matches_subdomains names it */
    bool    client_port_logging;	/* qmqpd_client_port_logging */
    size_t  message_size_limit;		/* message_size_limit; 0 = none */
    size_t  line_length_limit;		/* line_length_limit */
    bool    soft_bounce;		/* soft_bounce */
    char   *myhostname;			/* myhostname */
    char   *mail_name;			/* mail_name */
    char   *content_filter;		/* content_filter, "" = none */
    char   *verp_delimiter_filter;	/* verp_delimiter_filter */
    int     cleanup_flags;		/* from receive_override_options */
} QMQPD_CONFIG;

/* A config, or NULL with err naming the parameter at fault. */
QMQPD_CONFIG *qmqpd_config_load(MAIL_CONF *conf, VSTRING *err);
void    qmqpd_config_free(QMQPD_CONFIG *config);

/* The connection, as the driver saw it. Strings are copied. */
typedef struct QMQPD_SESSION {
    const char *client_name;		/* verified name or "unknown" */
    const char *client_addr;		/* printable address */
    const char *client_port;		/* decimal, or "unknown" */
    int     addr_family;		/* AF_INET / AF_INET6 value, logged as is */
    /* Optional: the Received: date for wall-clock seconds; NULL = UTC. */
    void    (*format_date) (void *ctx, int64_t when, VSTRING *out);
    void   *date_ctx;
} QMQPD_SESSION;

typedef struct QMQPD_CORE QMQPD_CORE;

QMQPD_CORE *qmqpd_core_create(const QMQPD_CONFIG *config, const CORE_ENV *env,
			              const QMQPD_SESSION *session);
void    qmqpd_core_event(QMQPD_CORE *core, const CORE_EVENT *event, CORE_OUTBOX *box);
bool    qmqpd_core_done(const QMQPD_CORE *core);
void    qmqpd_core_free(QMQPD_CORE *core);

/* Helpers shared by the core files (and tested directly). */
int     qmqpd_clients_match(const QMQPD_CONFIG *config, const CORE_ENV *env,
			            const char *name, const char *addr);

/* The Received: header and the content records, as stock qmqpd writes them. */
typedef struct QMQPD_CONTENT {
    const char *client_name;
    const char *rfc_addr;		/* address, "IPv6:" prefixed for IPv6 */
    const char *queue_id;
    const char *date;
    size_t  rcpt_count;
    const char *recipient;		/* the first one */
    const char *message;
    size_t  message_len;
} QMQPD_CONTENT;

void    qmqpd_content_records(VSTRING *rec, const QMQPD_CONFIG *config,
			              const QMQPD_CONTENT *content);

#endif
