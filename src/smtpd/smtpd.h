#ifndef SMTPD_H
#define SMTPD_H
/*
 * NAME
 *	smtpd 3h
 * SUMMARY
 *	SMTP server core: one object per client connection
 * DESCRIPTION
 *	The core speaks the server side of SMTP/ESMTP (RFC 5321 with
 *	PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES, DSN, SMTPUTF8,
 *	CHUNKING) the way stock smtpd(8) does, and hands each accepted
 *	message to cleanup as the conversation of cleanup_proto.h. It is
 *	pure: client bytes, timers and cleanup replies come in as
 *	CORE_EVENTs, replies, timers, cleanup requests and the final close
 *	go to the outbox, logging goes through CORE_ENV.
 *
 *	The driver sends CORE_EV_START once, then CORE_EV_BYTES,
 *	CORE_EV_PEER_CLOSED, CORE_EV_TIMER and CORE_EV_REPLY as they
 *	happen. There is one deadline (the last CORE_ACT_TIMER wins). All
 *	replies produced by one event leave in one CORE_ACT_SEND at its
 *	end, so pipelined replies are flushed together when the input runs
 *	dry. After CORE_ACT_CLOSE smtpd_core_done() is true and further
 *	events are ignored. Each message uses a new cleanup request id.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "argv.h"
#include "cidr_match.h"
#include "core.h"
#include "mail_conf.h"
#include "vstring.h"

/* One mynetworks entry: address and prefix length, 4 or 16 bytes. */
typedef CIDR_PATTERN SMTPD_CIDR;		/* one mynetworks entry */

typedef struct SMTPD_CIDR_LIST {
    SMTPD_CIDR *items;
    size_t  count;
} SMTPD_CIDR_LIST;

/* smtpd_forbid_bare_newline, as the core applies it. */
typedef enum SMTPD_BARE_LF {
    SMTPD_BARE_LF_NORMALIZE,		/* LF ends a line; CRLF.CRLF ends DATA */
    SMTPD_BARE_LF_REJECT,		/* reply with an error and disconnect */
} SMTPD_BARE_LF;

/* What smtpd reads from main.cf; built by smtpd_config_load(). */
typedef struct SMTPD_CONFIG {
    char   *myhostname;			/* myhostname */
    char   *mail_name;			/* mail_name */
    char   *banner;			/* smtpd_banner, expanded */
    core_time_ms timeout_ms;		/* smtpd_timeout */
    core_time_ms error_sleep_ms;	/* smtpd_error_sleep_time */
    long    soft_error_limit;		/* smtpd_soft_error_limit */
    long    hard_error_limit;		/* smtpd_hard_error_limit */
    long    junk_command_limit;		/* smtpd_junk_command_limit */
    size_t  recipient_limit;		/* smtpd_recipient_limit */
    size_t  line_length_limit;		/* line_length_limit */
    size_t  message_size_limit;		/* message_size_limit; 0 = none */
    bool    disable_vrfy;		/* disable_vrfy_command */
    bool    helo_required;		/* smtpd_helo_required */
    bool    strict_rfc821;		/* strict_rfc821_envelopes */
    bool    delay_open;			/* smtpd_delay_open_until_valid_rcpt */
    bool    client_port_logging;	/* smtpd_client_port_logging */
    bool    smtputf8_enable;		/* smtputf8_enable */
    ARGV   *discard_ehlo;		/* smtpd_discard_ehlo_keywords, lower case */
    ARGV   *forbidden_commands;		/* smtpd_forbidden_commands, words only */
    ARGV   *relay_restrictions;		/* smtpd_relay_restrictions */
    ARGV   *recipient_restrictions;	/* smtpd_recipient_restrictions */
    SMTPD_CIDR_LIST mynetworks;		/* mynetworks */
    SMTPD_CIDR_LIST xclient_hosts;	/* smtpd_authorized_xclient_hosts */
    SMTPD_CIDR_LIST xforward_hosts;	/* smtpd_authorized_xforward_hosts */
    ARGV   *mydestination;		/* mydestination, lower case */
    ARGV   *relay_domains;		/* relay_domains, lower case */
    bool    relay_parent_match;		/* parent_domain_matches_subdomains */
    SMTPD_BARE_LF bare_lf;		/* smtpd_forbid_bare_newline */
    int     bare_lf_code;		/* smtpd_forbid_bare_newline_reject_code */
    int     cleanup_flags;		/* from receive_override_options */
    int     relay_reject_code;		/* relay_domains_reject_code */
    int     reject_code;		/* reject_code */
    int     defer_code;			/* defer_code */
    int     non_fqdn_code;		/* non_fqdn_reject_code */
    int     invalid_hostname_code;	/* invalid_hostname_reject_code */
} SMTPD_CONFIG;

/* A config, or NULL with err naming the parameter at fault. */
SMTPD_CONFIG *smtpd_config_load(MAIL_CONF *conf, VSTRING *err);
void    smtpd_config_free(SMTPD_CONFIG *config);

/* The connection, as the driver saw it. Strings are copied. */
typedef struct SMTPD_SESSION {
    const char *client_name;		/* verified name or "unknown" */
    const char *reverse_name;		/* reverse name, NULL = client_name */
    const char *client_addr;		/* printable address */
    const char *client_port;		/* decimal, or "unknown" */
    int     addr_family;		/* AF_INET / AF_INET6 value, logged as is */
    const char *server_addr;		/* NULL = not recorded */
    const char *server_port;
    bool    rewrite_local;		/* local_header_rewrite_clients matched */
    /* Optional: the Received: date for wall-clock seconds; NULL = UTC. */
    void    (*format_date) (void *ctx, int64_t when, VSTRING *out);
    void   *date_ctx;
} SMTPD_SESSION;

typedef struct SMTPD_CORE SMTPD_CORE;

SMTPD_CORE *smtpd_core_create(const SMTPD_CONFIG *config, const CORE_ENV *env,
			              const SMTPD_SESSION *session);
void    smtpd_core_event(SMTPD_CORE *core, const CORE_EVENT *event, CORE_OUTBOX *box);
bool    smtpd_core_done(const SMTPD_CORE *core);
void    smtpd_core_free(SMTPD_CORE *core);

/*
 * Command lines (smtpd_cmd.c). smtpd_cmd_split() takes one line without
 * its line end: verb (upper-cased) and the rest after white space.
 * smtpd_cmd_path() parses "FROM:<addr> params" / "TO:<addr> params".
 */
typedef struct SMTPD_CMD {
    VSTRING *verb;
    VSTRING *args;
    VSTRING *addr;			/* internal form */
    ARGV   *params;			/* "KEYWORD" or "KEYWORD=value" */
} SMTPD_CMD;

#define SMTPD_PATH_OK		0
#define SMTPD_PATH_SYNTAX	(-1)	/* "FROM:" / "TO:" missing */
#define SMTPD_PATH_BAD_ADDR	(-2)	/* the address is malformed */

SMTPD_CMD *smtpd_cmd_create(void);
void    smtpd_cmd_free(SMTPD_CMD *cmd);
int     smtpd_cmd_split(SMTPD_CMD *cmd, const char *line, size_t len);
int     smtpd_cmd_path(SMTPD_CMD *cmd, const char *keyword, bool strict);
/* "KEYWORD=value" to name and value (value NULL when absent). */
void    smtpd_cmd_param(const char *param, VSTRING *name, const char **value);
/* xtext decoding (RFC 3461); -1 on bad syntax. */
int     smtpd_xtext_decode(VSTRING *out, const char *in);

/* Restrictions (smtpd_check.c). */
typedef struct SMTPD_CHECK_STATE {
    const SMTPD_CONFIG *config;
    const char *client_addr;
    const char *helo;			/* NULL = none */
    const char *sender;			/* NULL = none */
    const char *recipient;
} SMTPD_CHECK_STATE;

#define SMTPD_CHECK_DUNNO	0
#define SMTPD_CHECK_OK		1
#define SMTPD_CHECK_REJECT	2	/* reply holds the text */
#define SMTPD_CHECK_ERROR	3	/* configuration error; reply and warning set */

int     smtpd_check_rcpt(const SMTPD_CHECK_STATE *state, VSTRING *reply, VSTRING *warning);
int     smtpd_cidr_parse(const char *text, SMTPD_CIDR *cidr);
bool    smtpd_cidr_match(const SMTPD_CIDR_LIST *list, const char *addr);
bool    smtpd_domain_listed(const ARGV *list, const char *domain, bool parent_match);

/* Content and replies (smtpd_data.c). */
typedef struct SMTPD_RECEIVED {
    const char *helo;			/* NULL = none */
    const char *client_name;
    const char *rfc_addr;
    const char *protocol;		/* SMTP, ESMTP */
    const char *queue_id;
    const char *recipient;		/* the only one, or NULL */
    const char *date;
} SMTPD_RECEIVED;

void    smtpd_received(VSTRING *rec, const SMTPD_CONFIG *config, const SMTPD_RECEIVED *r);
void    smtpd_close_reply(VSTRING *reply, int status, const char *why, const char *queue_id);

#endif
