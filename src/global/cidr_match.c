/*
 * NAME
 *	cidr_match 3
 * SUMMARY
 *	address patterns in CIDR notation
 * DESCRIPTION
 *	See cidr_match.h. One implementation for every list of networks
 *	(smtpd's mynetworks, qmqpd's authorized clients).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "cidr_match.h"

int     cidr_pattern_parse(const char *text, CIDR_PATTERN *pattern)
{
    char   *copy = mystrdup(text);
    char   *addr = copy;
    char   *slash;
    char   *end;
    int     bits;
    int     status = 0;

    memset(pattern, 0, sizeof(*pattern));
    if ((slash = strrchr(addr, '/')) != 0)
	*slash++ = 0;
    if (*addr == '[') {
	if ((end = strchr(addr, ']')) == 0 || end[1] != 0) {
	    myfree(copy);
	    return (-1);
	}
	*end = 0;
	addr++;
    }
    if (inet_pton(AF_INET, addr, pattern->addr) == 1) {
	pattern->family_len = 4;
    } else if (inet_pton(AF_INET6, addr, pattern->addr) == 1) {
	pattern->family_len = 16;
    } else {
	myfree(copy);
	return (-1);
    }
    bits = pattern->family_len * 8;
    pattern->prefix = bits;
    if (slash) {
	if (*slash == 0 || !alldig(slash) || strlen(slash) > 3 || atoi(slash) > bits)
	    status = -1;
	else
	    pattern->prefix = atoi(slash);
    }
    myfree(copy);
    return (status);
}

/* cidr_contains - does the pattern cover the address bytes */

static bool cidr_contains(const CIDR_PATTERN *p, const unsigned char *addr)
{
    int     full = p->prefix / 8;
    int     rest = p->prefix % 8;

    if (memcmp(p->addr, addr, (size_t) full) != 0)
	return (false);
    if (rest == 0)
	return (true);
    return (((p->addr[full] ^ addr[full]) & (0xff << (8 - rest)) & 0xff) == 0);
}

bool    cidr_pattern_match(const CIDR_PATTERN *pattern, const char *text)
{
    unsigned char addr[16];
    int     len;

    if (inet_pton(AF_INET, text, addr) == 1)
	len = 4;
    else if (inet_pton(AF_INET6, text, addr) == 1)
	len = 16;
    else
	return (false);
    return (pattern->family_len == len && cidr_contains(pattern, addr));
}
