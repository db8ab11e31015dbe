#ifndef CIDR_MATCH_H
#define CIDR_MATCH_H
/*
 * NAME
 *	cidr_match 3h
 * SUMMARY
 *	address patterns in CIDR notation
 * DESCRIPTION
 *	cidr_pattern_parse() reads "addr", "addr/bits", "[v6addr]" or
 *	"[v6addr]/bits" (mynetworks, qmqpd_authorized_clients ...): 0, or
 *	-1 when text is not such a pattern. cidr_pattern_match() tells
 *	whether a printable client address falls inside. Families must
 *	agree: as in stock, the daemon turns an IPv4-mapped IPv6 client
 *	address into IPv4 before any matching. Pure.
 */
#include <stdbool.h>

typedef struct CIDR_PATTERN {
    unsigned char addr[16];
    int     family_len;			/* 4 or 16 bytes */
    int     prefix;			/* bits */
} CIDR_PATTERN;

int     cidr_pattern_parse(const char *text, CIDR_PATTERN *pattern);
bool    cidr_pattern_match(const CIDR_PATTERN *pattern, const char *addr);

#endif
