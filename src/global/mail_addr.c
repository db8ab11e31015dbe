/*
 * NAME
 *	mail_addr 3
 * SUMMARY
 *	RFC 5321 path parsing for MAIL FROM: and RCPT TO:
 * DESCRIPTION
 *	See mail_addr.h. The scanner first finds where the path ends
 *	(honouring quoted strings and backslash escapes, so a '>' or a
 *	space inside quotes does not end it), then converts what lies
 *	between into internal form.
 */
#include <string.h>

#include "vstring.h"
#include "mail_addr.h"

#define MAIL_ADDR_SPACE(c)	((c) == ' ' || (c) == '\t')
#define MAIL_ADDR_CTRL(c)	((unsigned char) (c) < 32 || (unsigned char) (c) == 127)

/* mail_addr_scan - index just past the path end, or -1 */

static long mail_addr_scan(const char *cp, size_t len, int bracket)
{
    size_t  i;
    int     quoted = 0;

    for (i = 0; i < len; i++) {
	char    ch = cp[i];

	if (ch == '\\') {
	    if (++i >= len)
		return (-1);
	} else if (ch == '"') {
	    quoted = !quoted;
	} else if (!quoted && bracket && ch == '>') {
	    return ((long) i);
	} else if (!quoted && !bracket && MAIL_ADDR_SPACE(ch)) {
	    return ((long) i);
	}
    }
    if (quoted || bracket)
	return (-1);
    return ((long) len);
}

/* mail_addr_internal - strip the route, remove quoting, check characters */

static int mail_addr_internal(const char *cp, size_t len, VSTRING *addr)
{
    const char *end = cp + len;
    int     quoted = 0;

    vstring_reset(addr);
    while (cp < end && MAIL_ADDR_SPACE(*cp))
	cp++;
    while (end > cp && MAIL_ADDR_SPACE(end[-1]))
	end--;
    if (cp < end && *cp == '@') {
	/* Source route: "@a,@b:" is dropped, as RFC 5321 permits. */
	const char *colon = memchr(cp, ':', (size_t) (end - cp));

	if (colon == 0)
	    return (MAIL_ADDR_ERR_SYNTAX);
	cp = colon + 1;
	if (cp == end)
	    return (MAIL_ADDR_ERR_SYNTAX);
    }
    for (; cp < end; cp++) {
	char    ch = *cp;

	if (ch == '"') {
	    quoted = !quoted;
	    continue;
	}
	if (ch == '\\') {
	    if (++cp >= end)
		return (MAIL_ADDR_ERR_SYNTAX);
	    ch = *cp;
	} else if (!quoted && (MAIL_ADDR_SPACE(ch) || ch == '<' || ch == '>')) {
	    return (MAIL_ADDR_ERR_SYNTAX);
	}
	if (MAIL_ADDR_CTRL(ch) && ch != '\t')
	    return (MAIL_ADDR_ERR_SYNTAX);
	vstring_addch(addr, ch);
	if (vstring_len(addr) > MAIL_ADDR_LEN_MAX)
	    return (MAIL_ADDR_ERR_SYNTAX);
    }
    if (quoted)
	return (MAIL_ADDR_ERR_SYNTAX);
    return (MAIL_ADDR_OK);
}

int     mail_addr_parse(const char *text, size_t len, int flags, VSTRING *addr,
			        size_t *used)
{
    size_t  start = 0;
    long    stop;
    size_t  next;

    vstring_reset(addr);
    while (start < len && MAIL_ADDR_SPACE(text[start]))
	start++;
    if (start < len && text[start] == '<') {
	if ((stop = mail_addr_scan(text + start + 1, len - start - 1, 1)) < 0)
	    return (MAIL_ADDR_ERR_SYNTAX);
	if (mail_addr_internal(text + start + 1, (size_t) stop, addr) != MAIL_ADDR_OK)
	    return (MAIL_ADDR_ERR_SYNTAX);
	next = start + 1 + (size_t) stop + 1;
    } else {
	if (flags & MAIL_ADDR_FLAG_STRICT)
	    return (MAIL_ADDR_ERR_SYNTAX);
	if ((stop = mail_addr_scan(text + start, len - start, 0)) <= 0)
	    return (MAIL_ADDR_ERR_SYNTAX);
	if (mail_addr_internal(text + start, (size_t) stop, addr) != MAIL_ADDR_OK
	    || vstring_len(addr) == 0)
	    return (MAIL_ADDR_ERR_SYNTAX);
	next = start + (size_t) stop;
    }
    if (next < len && !MAIL_ADDR_SPACE(text[next]))
	return (MAIL_ADDR_ERR_SYNTAX);
    if (used)
	*used = next;
    return (MAIL_ADDR_OK);
}

/* mail_addr_dot_string - local part usable without quotes */

static int mail_addr_dot_string(const char *cp, const char *end)
{
    const char *start = cp;

    if (cp == end || *cp == '.' || end[-1] == '.')
	return (0);
    for (; cp < end; cp++) {
	unsigned char ch = *(const unsigned char *) cp;

	if (ch == '.' && cp > start && cp[-1] == '.')
	    return (0);
	if (ch <= ' ' || ch == 127 || (ch != '.' && strchr("()<>@,;:\\\"[]", ch) != 0))
	    return (0);
    }
    return (1);
}

void    mail_addr_external(VSTRING *out, const char *addr)
{
    const char *at = strrchr(addr, '@');
    const char *end = at ? at : addr + strlen(addr);
    const char *cp;

    vstring_reset(out);
    if (mail_addr_dot_string(addr, end)) {
	vstring_strcpy(out, addr);
	return;
    }
    vstring_addch(out, '"');
    for (cp = addr; cp < end; cp++) {
	if (*cp == '"' || *cp == '\\' || *cp == '\r')
	    vstring_addch(out, '\\');
	vstring_addch(out, *cp);
    }
    vstring_addch(out, '"');
    vstring_strcat(out, end);
}

const char *mail_addr_domain(const char *addr)
{
    const char *at = strrchr(addr, '@');

    return (at ? at + 1 : 0);
}
