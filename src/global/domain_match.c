/*
 * NAME
 *	domain_match 3
 * SUMMARY
 *	host and domain name patterns of stock's lists
 * DESCRIPTION
 *	See domain_match.h. Used by smtpd (mydestination, relay_domains)
 *	and qmqpd (qmqpd_authorized_clients).
 */
#include <string.h>

#include "stringops.h"
#include "domain_match.h"

bool    domain_pattern_match(const char *pattern, const char *name, bool parent)
{
    size_t  nlen = strlen(name);
    size_t  plen;
    const char *dom = pattern;

    if (strcaseeq(pattern, name))
	return (true);
    if (*dom == '.')
	dom++;
    else if (!parent)
	return (false);
    plen = strlen(dom);
    if (plen == 0 || nlen <= plen + 1)
	return (false);
    return (name[nlen - plen - 1] == '.' && strcaseeq(name + nlen - plen, dom));
}
