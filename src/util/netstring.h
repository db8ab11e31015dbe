#ifndef NETSTRING_H
#define NETSTRING_H
/*
 * NAME
 *	netstring 3h
 * SUMMARY
 *	netstring codec (len ":" data ",")
 * DESCRIPTION
 *	netstring_parse() works on a memory buffer and never blocks, so the
 *	same code serves sockets, simulation and fuzzing. A length with a
 *	leading zero other than "0" itself, a missing ":" or "," or a length
 *	over max_len are format errors.
 */
#include <stddef.h>
#include "vstring.h"

typedef enum NETSTRING_STATUS {
    NETSTRING_OK,			/* data, data_len and consumed are set */
    NETSTRING_NEED_MORE,		/* a valid prefix; read more input */
    NETSTRING_ERR_FORMAT,		/* not a netstring */
    NETSTRING_ERR_SIZE,			/* declared length over max_len */
} NETSTRING_STATUS;

NETSTRING_STATUS netstring_parse(const char *buf, size_t len, size_t max_len,
		       const char **data, size_t *data_len, size_t *consumed);
VSTRING *netstring_append(VSTRING *out, const void *data, size_t len);
const char *netstring_strerror(NETSTRING_STATUS status);

#endif
