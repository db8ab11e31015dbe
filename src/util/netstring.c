/*
 * NAME
 *	netstring 3
 * SUMMARY
 *	netstring codec
 * DESCRIPTION
 *	netstring_parse() inspects one netstring at the start of a memory
 *	buffer. It never copies, never blocks and reports NEED_MORE for any
 *	proper prefix of a valid netstring, so a reader appends input and
 *	retries. A declared length over max_len is reported as soon as its
 *	digits exceed the limit, before the data arrives, so a peer cannot
 *	make the reader buffer more than it allows.
 */
#include <string.h>

#include "netstring.h"
#include "vstring.h"

NETSTRING_STATUS netstring_parse(const char *buf, size_t len, size_t max_len,
		        const char **data, size_t *data_len, size_t *consumed)
{
    size_t  pos = 0;
    size_t  n = 0;
    unsigned char ch;
    size_t  d;

    if (len == 0)
	return (NETSTRING_NEED_MORE);
    if (buf[0] < '0' || buf[0] > '9')
	return (NETSTRING_ERR_FORMAT);
    for (;;) {
	if (pos >= len)
	    return (NETSTRING_NEED_MORE);
	ch = (unsigned char) buf[pos];
	if (ch == ':')
	    break;
	if (ch < '0' || ch > '9')
	    return (NETSTRING_ERR_FORMAT);
	if (pos == 1 && buf[0] == '0')
	    return (NETSTRING_ERR_FORMAT);	/* leading zero */
	d = ch - '0';
	if (d > max_len || n > (max_len - d) / 10)
	    return (NETSTRING_ERR_SIZE);	/* n * 10 + d > max_len */
	n = n * 10 + d;
	pos++;
    }
    pos++;					/* skip ':' */
    if (len - pos <= n)
	return (NETSTRING_NEED_MORE);
    if (buf[pos + n] != ',')
	return (NETSTRING_ERR_FORMAT);
    *data = buf + pos;
    *data_len = n;
    *consumed = pos + n + 1;
    return (NETSTRING_OK);
}

VSTRING *netstring_append(VSTRING *out, const void *data, size_t len)
{
    vstring_sprintf_append(out, "%zu:", len);
    vstring_memcat(out, data, len);
    return (vstring_addch(out, ','));
}

const char *netstring_strerror(NETSTRING_STATUS status)
{
    switch (status) {
    case NETSTRING_OK:
	return ("success");
    case NETSTRING_NEED_MORE:
	return ("incomplete netstring");
    case NETSTRING_ERR_FORMAT:
	return ("netstring format error");
    case NETSTRING_ERR_SIZE:
	return ("netstring length exceeds limit");
    }
    return ("unknown netstring status");
}
