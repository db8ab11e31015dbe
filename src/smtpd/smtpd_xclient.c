/*
 * NAME
 *	smtpd_xclient 3
 * SUMMARY
 *	XCLIENT: a trusted proxy passes on its client's identity
 * DESCRIPTION
 *	A client listed in smtpd_authorized_xclient_hosts may send
 *	XCLIENT with NAME, ADDR, PORT, PROTO, HELO, REVERSE_NAME, LOGIN,
 *	DESTADDR and DESTPORT attributes (xtext, [UNAVAILABLE] and
 *	[TEMPUNAVAIL] for unknown values, IPV6: before IPv6 addresses).
 *	The session then continues as if that client had just connected:
 *	logging, envelope records and the Received: header use the new
 *	identity, the HELO name and protocol are those given (or none),
 *	and the reply is a fresh 220 greeting. Authorization is checked
 *	against the current client address, so after ADDR has changed a
 *	second XCLIENT is usually refused. LOGIN and the DEST attributes
 *	are accepted and not used yet.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "mail_peer.h"
#include "argv.h"
#include "mymalloc.h"
#include "stringops.h"
#include "vstring.h"
#include "smtpd/smtpd_int.h"

bool    smtpd_xclient_allowed(const SMTPD_CORE *core)
{
    return (smtpd_cidr_match(&core->config->xclient_hosts, core->addr));
}

/* The new identity, collected before anything is changed. */
typedef struct SMTPD_XCLIENT {
    char   *name;
    char   *reverse_name;
    char   *addr;
    char   *port;
    char   *helo;
    const char *protocol;
    int     family;
    bool    helo_set;
} SMTPD_XCLIENT;

static void smtpd_xclient_free(SMTPD_XCLIENT *x)
{
    myfree(x->name);
    myfree(x->reverse_name);
    myfree(x->addr);
    myfree(x->port);
    myfree(x->helo);
}

/*
 * smtpd_x_split - one NAME=xtext word of XCLIENT or XFORWARD: the name
 * (free with myfree) and its decoded value in core->scratch, or NULL
 * with the reply queued.
 */
static char *smtpd_x_split(SMTPD_CORE *core, const char *cmd, const char *word,
			           core_time_ms now, CORE_OUTBOX *box)
{
    const char *eq = strchr(word, '=');
    char   *name;

    if (eq == 0 || eq == word) {
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: %s attribute=value...", cmd);
	return (0);
    }
    name = mystrndup(word, (size_t) (eq - word));
    if (smtpd_xtext_decode(core->scratch, eq + 1) < 0 || !allprint(vstring_str(core->scratch))) {
	smtpd_reply(core, now, box, "501 5.5.4 Bad %s syntax: %s", name, eq + 1);
	myfree(name);
	return (0);
    }
    return (name);
}

/*
 * smtpd_x_words - the checks XCLIENT and XFORWARD share: no transaction,
 * an authorized client, at least one attribute. The words, or NULL with
 * the reply queued.
 */
static ARGV *smtpd_x_words(SMTPD_CORE *core, const char *cmd, bool allowed,
			           core_time_ms now, CORE_OUTBOX *box)
{
    ARGV   *words;

    if (core->sender) {
	smtpd_reply(core, now, box, "503 5.5.1 Error: MAIL transaction in progress");
	return (0);
    }
    if (!allowed) {
	smtpd_reply(core, now, box, "550 5.7.0 Error: insufficient authorization");
	return (0);
    }
    words = argv_split(vstring_str(core->cmd->args), " \t");
    if (words->argc == 0) {
	argv_free(words);
	smtpd_reply(core, now, box, "501 5.5.4 Syntax: %s attribute=value...", cmd);
	return (0);
    }
    return (words);
}

/* smtpd_xclient_attr - one NAME=value; 0 or -1 with the reply queued */

static int smtpd_xclient_attr(SMTPD_CORE *core, SMTPD_XCLIENT *x, const char *word,
			              core_time_ms now, CORE_OUTBOX *box)
{
    char   *name;
    const char *value;
    bool    unavail;
    unsigned char buf[16];
    int     status = 0;

    if ((name = smtpd_x_split(core, "XCLIENT", word, now, box)) == 0)
	return (-1);
    value = vstring_str(core->scratch);
    unavail = (strcaseeq(value, "[UNAVAILABLE]") || strcaseeq(value, "[TEMPUNAVAIL]"));
    if (strcaseeq(name, "NAME")) {
	myfree(x->name);
	x->name = mystrdup(unavail ? "unknown" : value);
    } else if (strcaseeq(name, "REVERSE_NAME")) {
	myfree(x->reverse_name);
	x->reverse_name = mystrdup(unavail ? "unknown" : value);
    } else if (strcaseeq(name, "ADDR")) {
	const char *a = (strncasecmp(value, "IPV6:", 5) == 0 ? value + 5 : value);

	myfree(x->addr);
	x->addr = 0;
	if (unavail) {
	    x->addr = mystrdup("unknown");
	} else if (a == value && inet_pton(AF_INET, a, buf) == 1) {
	    x->addr = mystrdup(a);
	    x->family = 2;
	} else if (a != value && inet_pton(AF_INET6, a, buf) == 1) {
	    x->addr = mystrdup(a);
	    x->family = 10;
	} else {
	    smtpd_reply(core, now, box, "501 5.5.4 Bad XCLIENT ADDR syntax: %s", value);
	    status = -1;
	}
    } else if (strcaseeq(name, "PORT")) {
	if (!unavail && (!alldig(value) || strlen(value) > 5 || atoi(value) > 65535)) {
	    smtpd_reply(core, now, box, "501 5.5.4 Bad XCLIENT PORT syntax: %s", value);
	    status = -1;
	} else {
	    myfree(x->port);
	    x->port = mystrdup(unavail ? "unknown" : value);
	}
    } else if (strcaseeq(name, "PROTO")) {
	if (strcaseeq(value, "SMTP")) {
	    x->protocol = "SMTP";
	} else if (strcaseeq(value, "ESMTP")) {
	    x->protocol = "ESMTP";
	} else {
	    smtpd_reply(core, now, box, "501 5.5.4 Bad XCLIENT PROTO syntax: %s", value);
	    status = -1;
	}
    } else if (strcaseeq(name, "HELO")) {
	myfree(x->helo);
	x->helo = unavail ? 0 : mystrdup(value);
	x->helo_set = true;
    } else if (strcaseeq(name, "LOGIN") || strcaseeq(name, "DESTADDR")
	       || strcaseeq(name, "DESTPORT")) {
	 /* accepted; SASL and server-side addresses are not used yet */ ;
    } else {
	smtpd_reply(core, now, box, "501 5.5.4 Bad XCLIENT attribute name: %s", name);
	status = -1;
    }
    myfree(name);
    return (status);
}

/* smtpd_xclient_set - replace a string field */

static void smtpd_xclient_set(char **field, char **value)
{
    if (*value) {
	myfree(*field);
	*field = *value;
	*value = 0;
    }
}

int     smtpd_cmd_xclient(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    SMTPD_XCLIENT x;
    ARGV   *words;
    size_t  i;

    if ((words = smtpd_x_words(core, "XCLIENT", smtpd_xclient_allowed(core), now, box)) == 0)
	return (SMTPD_DONE_ERR);
    memset(&x, 0, sizeof(x));
    for (i = 0; i < words->argc; i++) {
	if (smtpd_xclient_attr(core, &x, words->argv[i], now, box) < 0) {
	    smtpd_xclient_free(&x);
	    argv_free(words);
	    return (SMTPD_DONE_ERR);
	}
    }
    argv_free(words);

    /* Back to the start of a session, under the new identity. */
    smtpd_reset(core, box);
    if (x.name && x.reverse_name == 0)
	x.reverse_name = mystrdup(x.name);
    smtpd_xclient_set(&core->name, &x.name);
    smtpd_xclient_set(&core->reverse_name, &x.reverse_name);
    if (x.addr) {
	myfree(core->rfc_addr);
	core->rfc_addr = mail_peer_rfc_addr(x.addr);
	if (x.family)
	    core->addr_family = x.family;
	smtpd_xclient_set(&core->addr, &x.addr);
    }
    smtpd_xclient_set(&core->port, &x.port);
    myfree(core->helo);
    core->helo = x.helo_set ? x.helo : 0;
    x.helo = 0;
    core->protocol = x.protocol ? x.protocol : "SMTP";
    myfree(core->namaddr);
    core->namaddr = mail_peer_namaddr(core->name, core->addr, core->port,
				      core->config->client_port_logging);
    smtpd_xclient_free(&x);
    smtpd_reply(core, now, box, "220 %s", core->config->banner);
    return (SMTPD_DONE_OK);
}

/*
 * XFORWARD: a trusted proxy (a content filter's re-injection, say) passes
 * on the original client for logging, per transaction; see the XFORWARD
 * README. The first XFORWARD of a transaction makes every attribute
 * [UNAVAILABLE]; later ones fill them in; the end of the transaction
 * (RSET, the end of data) forgets them.
 */
bool    smtpd_xforward_allowed(const SMTPD_CORE *core)
{
    return (smtpd_cidr_match(&core->config->xforward_hosts, core->addr));
}

void    smtpd_xforward_reset(SMTPD_CORE *core)
{
    myfree(core->xf_name);
    myfree(core->xf_addr);
    myfree(core->xf_port);
    myfree(core->xf_helo);
    myfree(core->xf_proto);
    myfree(core->xf_ident);
    core->xf_name = core->xf_addr = core->xf_port = core->xf_helo = 0;
    core->xf_proto = core->xf_ident = 0;
    core->xf_source = -1;
    core->xf_active = false;
}

/* smtpd_xforward_attr - one NAME=value into core; 0, or -1 with the reply queued */

static int smtpd_xforward_attr(SMTPD_CORE *core, const char *word, core_time_ms now,
			               CORE_OUTBOX *box)
{
    char  **field = 0;
    char   *name;
    const char *value;
    unsigned char buf[16];
    bool    unavail;
    int     status = 0;

    if ((name = smtpd_x_split(core, "XFORWARD", word, now, box)) == 0)
	return (-1);
    value = vstring_str(core->scratch);
    unavail = strcaseeq(value, "[UNAVAILABLE]");
    if (strcaseeq(name, "NAME")) {
	field = &core->xf_name;
    } else if (strcaseeq(name, "ADDR")) {
	field = &core->xf_addr;
	if (!unavail) {
	    const char *a = (strncasecmp(value, "IPV6:", 5) == 0 ? value + 5 : value);

	    if ((a == value && inet_pton(AF_INET, a, buf) != 1)
		|| (a != value && inet_pton(AF_INET6, a, buf) != 1)) {
		smtpd_reply(core, now, box, "501 5.5.4 Bad XFORWARD ADDR syntax: %s", value);
		status = -1;
	    } else if (a != value) {
		vstring_sprintf(core->scratch, "IPv6:%s", a);
		value = vstring_str(core->scratch);
	    }
	}
    } else if (strcaseeq(name, "PORT")) {
	field = &core->xf_port;
	if (!unavail && (!alldig(value) || strlen(value) > 5 || atoi(value) > 65535)) {
	    smtpd_reply(core, now, box, "501 5.5.4 Bad XFORWARD PORT syntax: %s", value);
	    status = -1;
	}
    } else if (strcaseeq(name, "PROTO")) {
	field = &core->xf_proto;
    } else if (strcaseeq(name, "HELO")) {
	field = &core->xf_helo;
    } else if (strcaseeq(name, "IDENT")) {
	field = &core->xf_ident;
    } else if (strcaseeq(name, "SOURCE")) {
	if (unavail)
	    core->xf_source = -1;
	else if (strcaseeq(value, "LOCAL"))
	    core->xf_source = 1;
	else if (strcaseeq(value, "REMOTE"))
	    core->xf_source = 0;
	else {
	    smtpd_reply(core, now, box, "501 5.5.4 Bad XFORWARD SOURCE syntax: %s", value);
	    status = -1;
	}
    } else {
	smtpd_reply(core, now, box, "501 5.5.4 Bad XFORWARD attribute name: %s", name);
	status = -1;
    }
    if (status == 0 && field != 0) {
	myfree(*field);
	*field = unavail ? 0 : mystrdup(value);
    }
    myfree(name);
    return (status);
}

int     smtpd_cmd_xforward(SMTPD_CORE *core, core_time_ms now, CORE_OUTBOX *box)
{
    ARGV   *words;
    size_t  i;

    if ((words = smtpd_x_words(core, "XFORWARD", smtpd_xforward_allowed(core), now, box)) == 0)
	return (SMTPD_DONE_ERR);
    core->xf_active = true;
    for (i = 0; i < words->argc; i++) {
	if (smtpd_xforward_attr(core, words->argv[i], now, box) < 0) {
	    argv_free(words);
	    return (SMTPD_DONE_ERR);
	}
    }
    argv_free(words);
    smtpd_reply(core, now, box, "250 2.0.0 Ok");
    return (SMTPD_DONE_OK);
}
