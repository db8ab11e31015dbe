/*
 * NAME
 *	smtpd_check 3
 * SUMMARY
 *	smtpd access restrictions
 * DESCRIPTION
 *	smtpd_check_rcpt() evaluates smtpd_relay_restrictions, then
 *	smtpd_recipient_restrictions, for one RCPT TO as stock does with
 *	smtpd_delay_reject=yes: a permit ends its list, a reject or defer
 *	ends the evaluation with the reply text in stock's words. The
 *	restrictions live in one table of name and handler, so more types
 *	(access maps, DNS lists, policy services) plug in by adding rows.
 *	An unknown name is a configuration error answered with 451 4.3.5,
 *	as in stock.
 *
 *	smtpd_cidr_parse() and smtpd_cidr_match() implement mynetworks
 *	patterns ("192.0.2.0/24", "[2001:db8::]/32", bare addresses);
 *	smtpd_domain_listed() matches a domain against mydestination or
 *	relay_domains.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "mail_addr.h"
#include "mymalloc.h"
#include "stringops.h"
#include "vstring.h"
#include "domain_match.h"
#include "smtpd/smtpd.h"

int     smtpd_cidr_parse(const char *text, SMTPD_CIDR *cidr)
{
    return (cidr_pattern_parse(text, cidr));
}

bool    smtpd_cidr_match(const SMTPD_CIDR_LIST *list, const char *text)
{
    size_t  i;

    for (i = 0; i < list->count; i++)
	if (cidr_pattern_match(list->items + i, text))
	    return (true);
    return (false);
}

bool    smtpd_domain_listed(const ARGV *list, const char *domain, bool parent_match)
{
    size_t  i;

    for (i = 0; i < list->argc; i++)
	if (domain_pattern_match(list->argv[i], domain, parent_match))
	    return (true);
    return (false);
}

/* smtpd_check_reply - reply with the DSN class following the code */

static int smtpd_check_reply(VSTRING *reply, int code, const char *dsn, const char *fmt,
			             const char *what)
{
    vstring_sprintf(reply, "%d %c%s ", code, '0' + code / 100, dsn + 1);
    vstring_sprintf_append(reply, fmt, what);
    return (SMTPD_CHECK_REJECT);
}

/* smtpd_check_local_dest - recipient domain is ours or a relay domain */

static bool smtpd_check_local_dest(const SMTPD_CHECK_STATE *st)
{
    const char *domain = mail_addr_domain(st->recipient);
    char   *lower;
    size_t  len;
    bool    found;

    if (domain == 0 || *domain == 0)
	return (true);			/* unqualified: completed with $myorigin */
    lower = lowercase(mystrdup(domain));
    if ((len = strlen(lower)) > 0 && lower[len - 1] == '.')
	lower[len - 1] = 0;
    found = smtpd_domain_listed(st->config->mydestination, lower, false)
	|| smtpd_domain_listed(st->config->relay_domains, lower,
			       st->config->relay_parent_match);
    myfree(lower);
    return (found);
}

/* smtpd_check_fqdn_addr - address has a domain with a dot */

static bool smtpd_check_fqdn_addr(const char *addr)
{
    const char *domain = mail_addr_domain(addr);

    if (domain == 0)
	return (false);
    if (*domain == '[')
	return (true);
    return (strchr(domain, '.') != 0 && domain[strlen(domain) - 1] != '.');
}

/* smtpd_check_valid_host - hostname or address literal syntax */

static bool smtpd_check_valid_host(const char *name)
{
    const char *cp;
    size_t  label = 0;
    size_t  len = strlen(name);
    unsigned char buf[16];

    if (*name == '[' && len > 2 && name[len - 1] == ']') {
	char   *inner = mystrndup(name + 1, len - 2);
	const char *a = has_prefix(inner, "IPv6:") ? inner + 5 : inner;
	bool    ok = inet_pton(a == inner ? AF_INET : AF_INET6, a, buf) == 1;

	myfree(inner);
	return (ok);
    }
    if (len == 0 || len > 255 || *name == '.' || name[len - 1] == '.')
	return (false);
    for (cp = name; *cp; cp++) {
	if (*cp == '.') {
	    if (label == 0 || cp[-1] == '-')
		return (false);
	    label = 0;
	} else if (isalnum((unsigned char) *cp) || *cp == '_'
		   || (*cp == '-' && label > 0)) {
	    if (++label > 63)
		return (false);
	} else {
	    return (false);
	}
    }
    return (cp[-1] != '-');
}

/* Restriction handlers: DUNNO, OK or REJECT (reply set). */

typedef int (*SMTPD_CHECK_FN) (const SMTPD_CHECK_STATE *, VSTRING *);

static int smtpd_check_permit(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (SMTPD_CHECK_OK);
}

static int smtpd_check_reject(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (smtpd_check_reply(reply, st->config->reject_code, "5.7.1",
			      "<%s>: Recipient address rejected: Access denied",
			      st->recipient));
}

static int smtpd_check_defer(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (smtpd_check_reply(reply, st->config->defer_code, "4.7.1",
			      "<%s>: Recipient address rejected: Access denied",
			      st->recipient));
}

static int smtpd_check_mynetworks(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (smtpd_cidr_match(&st->config->mynetworks, st->client_addr) ?
	    SMTPD_CHECK_OK : SMTPD_CHECK_DUNNO);
}

static int smtpd_check_sasl(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (SMTPD_CHECK_DUNNO);		/* no SASL yet: never authenticated */
}

static int smtpd_check_unauth_dest(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (smtpd_check_local_dest(st))
	return (SMTPD_CHECK_DUNNO);
    return (smtpd_check_reply(reply, st->config->relay_reject_code, "5.7.1",
			      "<%s>: Relay access denied", st->recipient));
}

static int smtpd_check_defer_unauth_dest(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (smtpd_check_local_dest(st))
	return (SMTPD_CHECK_DUNNO);
    /* The temporary twin of relay_domains_reject_code: 554 becomes 454. */
    return (smtpd_check_reply(reply, 400 + st->config->relay_reject_code % 100, "4.7.1",
			      "<%s>: Relay access denied", st->recipient));
}

static int smtpd_check_auth_dest(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    return (smtpd_check_local_dest(st) ? SMTPD_CHECK_OK : SMTPD_CHECK_DUNNO);
}

static int smtpd_check_non_fqdn_rcpt(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (*st->recipient == 0 || smtpd_check_fqdn_addr(st->recipient))
	return (SMTPD_CHECK_DUNNO);
    return (smtpd_check_reply(reply, st->config->non_fqdn_code, "5.5.2",
		      "<%s>: Recipient address rejected: need fully-qualified address",
			      st->recipient));
}

static int smtpd_check_non_fqdn_sender(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (st->sender == 0 || *st->sender == 0 || smtpd_check_fqdn_addr(st->sender))
	return (SMTPD_CHECK_DUNNO);
    return (smtpd_check_reply(reply, st->config->non_fqdn_code, "5.5.2",
			  "<%s>: Sender address rejected: need fully-qualified address",
			      st->sender));
}

static int smtpd_check_non_fqdn_helo(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (st->helo == 0 || *st->helo == '['
	|| (strchr(st->helo, '.') != 0 && st->helo[strlen(st->helo) - 1] != '.'))
	return (SMTPD_CHECK_DUNNO);
    return (smtpd_check_reply(reply, st->config->non_fqdn_code, "5.5.2",
			   "<%s>: Helo command rejected: need fully-qualified hostname",
			      st->helo));
}

static int smtpd_check_invalid_helo(const SMTPD_CHECK_STATE *st, VSTRING *reply)
{
    if (st->helo == 0 || smtpd_check_valid_host(st->helo))
	return (SMTPD_CHECK_DUNNO);
    return (smtpd_check_reply(reply, st->config->invalid_hostname_code, "5.5.2",
			      "<%s>: Helo command rejected: Invalid name", st->helo));
}

static const struct SMTPD_RESTRICTION {
    const char *name;
    SMTPD_CHECK_FN fn;
} smtpd_restrictions[] = {
    {"permit", smtpd_check_permit},
    {"reject", smtpd_check_reject},
    {"defer", smtpd_check_defer},
    {"permit_mynetworks", smtpd_check_mynetworks},
    {"permit_sasl_authenticated", smtpd_check_sasl},
    {"reject_unauth_destination", smtpd_check_unauth_dest},
    {"defer_unauth_destination", smtpd_check_defer_unauth_dest},
    {"permit_auth_destination", smtpd_check_auth_dest},
    {"reject_non_fqdn_recipient", smtpd_check_non_fqdn_rcpt},
    {"reject_non_fqdn_sender", smtpd_check_non_fqdn_sender},
    {"reject_non_fqdn_helo_hostname", smtpd_check_non_fqdn_helo},
    {"reject_non_fqdn_hostname", smtpd_check_non_fqdn_helo},
    {"reject_invalid_helo_hostname", smtpd_check_invalid_helo},
    {"reject_invalid_hostname", smtpd_check_invalid_helo},
    {0, 0},
};

/* smtpd_check_list - one restriction list */

static int smtpd_check_list(const SMTPD_CHECK_STATE *st, const ARGV *list,
			            VSTRING *reply, VSTRING *warning)
{
    const struct SMTPD_RESTRICTION *r;
    size_t  i;
    int     status;

    for (i = 0; i < list->argc; i++) {
	for (r = smtpd_restrictions; r->name; r++)
	    if (strcaseeq(r->name, list->argv[i]))
		break;
	if (r->name == 0) {
	    vstring_sprintf(warning, "unknown smtpd restriction: \"%s\"", list->argv[i]);
	    vstring_strcpy(reply, "451 4.3.5 Server configuration error");
	    return (SMTPD_CHECK_ERROR);
	}
	if ((status = r->fn(st, reply)) != SMTPD_CHECK_DUNNO)
	    return (status);
    }
    return (SMTPD_CHECK_DUNNO);
}

int     smtpd_check_rcpt(const SMTPD_CHECK_STATE *st, VSTRING *reply, VSTRING *warning)
{
    int     status;

    vstring_reset(reply);
    vstring_reset(warning);
    status = smtpd_check_list(st, st->config->relay_restrictions, reply, warning);
    if (status == SMTPD_CHECK_REJECT || status == SMTPD_CHECK_ERROR)
	return (status);
    status = smtpd_check_list(st, st->config->recipient_restrictions, reply, warning);
    if (status == SMTPD_CHECK_REJECT || status == SMTPD_CHECK_ERROR)
	return (status);
    return (SMTPD_CHECK_OK);
}
