/*
 * NAME
 *	qmqpd_clients 3
 * SUMMARY
 *	qmqpd_authorized_clients matching
 * DESCRIPTION
 *	qmqpd_clients_match() decides whether a client may use the service,
 *	with the pattern forms stock accepts in a host/address list: first
 *	match wins; "!pattern" turns a match into a refusal; an IPv4
 *	address or net/mask; an IPv6 address or net/mask in brackets
 *	("[2001:db8::]/32"); a host name (case-insensitive); ".domain" for
 *	any host below domain, and "domain" too when
 *	parent_domain_matches_subdomains names qmqpd_authorized_clients;
 *	"type:table", looked up through CORE_ENV with the host name, then
 *	the address. An empty list authorizes nobody. "/file" patterns need
 *	file access the core does not have: they are logged and skipped.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "mail_params.h"
#include "stringops.h"
#include "cidr_match.h"
#include "domain_match.h"
#include "qmqpd/qmqpd.h"

/* qmqpd_match_addr - address pattern: 1 match, 0 no match, -1 not an address pattern */

static int qmqpd_match_addr(const char *pattern, const char *addr)
{
    CIDR_PATTERN cidr;

    if (cidr_pattern_parse(pattern, &cidr) < 0)
	return (-1);
    return (cidr_pattern_match(&cidr, addr) ? 1 : 0);
}

int     qmqpd_clients_match(const QMQPD_CONFIG *config, const CORE_ENV *env,
			            const char *name, const char *addr)
{
    size_t  i;

    for (i = 0; config->authorized_clients && i < config->authorized_clients->argc; i++) {
	const char *pattern = config->authorized_clients->argv[i];
	int     negate = 0;
	int     hit;

	while (*pattern == '!') {
	    negate = !negate;
	    pattern++;
	}
	if (*pattern == 0)
	    continue;
	if (*pattern == '/') {
	    core_log(env, MSG_WARN, "%s: file pattern \"%s\" is not supported; skipped",
		     VAR_QMQPD_AUTHORIZED_CLIENTS, pattern);
	    continue;
	}
	if (*pattern != '[' && strchr(pattern, ':') != 0) {
	    const char *value;
	    int     st = -1;

	    if (env && env->lookup) {
		st = env->lookup(env->dict_ctx, pattern, name, &value);
		if (st == 1)
		    st = env->lookup(env->dict_ctx, pattern, addr, &value);
	    }
	    if (st < 0) {
		core_log(env, MSG_WARN, "%s: %s: table lookup problem",
			 VAR_QMQPD_AUTHORIZED_CLIENTS, pattern);
		return (0);
	    }
	    hit = (st == 0);
	} else if ((hit = qmqpd_match_addr(pattern, addr)) < 0) {
	    hit = domain_pattern_match(pattern, name, config->parent_domain_match);
	}
	if (hit)
	    return (!negate);
    }
    return (0);
}
