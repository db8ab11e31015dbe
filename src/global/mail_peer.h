#ifndef MAIL_PEER_H
#define MAIL_PEER_H
/*
 * NAME
 *	mail_peer 3h
 * SUMMARY
 *	how receiving daemons name their client
 * DESCRIPTION
 *	mail_peer_rfc_addr() gives the address as queue files and
 *	Received: headers carry it ("IPv6:" before an IPv6 address).
 *	mail_peer_namaddr() gives the "name[addr]" (with port logging
 *	"name[addr]:port") form of the log lines. Results are allocated;
 *	free with myfree. Pure.
 */
#include <stdbool.h>

char   *mail_peer_rfc_addr(const char *addr);
char   *mail_peer_namaddr(const char *name, const char *addr, const char *port,
			          bool port_logging);

#endif
