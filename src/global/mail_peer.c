/*
 * NAME
 *	mail_peer 3
 * SUMMARY
 *	how receiving daemons name their client
 * DESCRIPTION
 *	See mail_peer.h. Shared by smtpd and qmqpd, and by XCLIENT when it
 *	changes the client's identity.
 */
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "mail_peer.h"

char   *mail_peer_rfc_addr(const char *addr)
{
    return (strchr(addr, ':') ? concatenate("IPv6:", addr, (char *) 0) : mystrdup(addr));
}

char   *mail_peer_namaddr(const char *name, const char *addr, const char *port,
			          bool port_logging)
{
    return (port_logging ? concatenate(name, "[", addr, "]:", port, (char *) 0)
	    : concatenate(name, "[", addr, "]", (char *) 0));
}
