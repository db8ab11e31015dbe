/*
 * NAME
 *	is_header 3
 * SUMMARY
 *	recognize message header lines
 * DESCRIPTION
 *	A header name is RFC 5322 ftext (printable US-ASCII except colon);
 *	like stock, blanks between the name and the colon are tolerated
 *	(obsolete syntax that real mail still carries).
 */
#include <string.h>

#include "is_header.h"

size_t  is_header_buf(const char *buf, size_t len)
{
    size_t  i, name_len;
    unsigned char ch;

    for (i = 0; i < len; i++) {
	ch = (unsigned char) buf[i];
	if (ch == ':' || ch <= ' ' || ch > '~')
	    break;
    }
    if ((name_len = i) == 0)
	return (0);
    while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
	i++;
    return (i < len && buf[i] == ':' ? name_len : 0);
}

size_t  is_header(const char *str)
{
    return (is_header_buf(str, strlen(str)));
}

bool    is_header_cont(const char *buf, size_t len)
{
    return (len > 0 && (buf[0] == ' ' || buf[0] == '\t'));
}
