/*
 * NAME
 *	record 3
 * SUMMARY
 *	queue file record encoding and decoding
 * DESCRIPTION
 *	See record.h for the wire format.
 */
#include <stdarg.h>
#include <string.h>

#include "record.h"

void    rec_put(VSTRING *out, int type, const char *data, size_t len)
{
    size_t  rest = len;

    vstring_addch(out, (char) type);
    do {
	unsigned char digit = rest & 0x7f;

	rest >>= 7;
	if (rest != 0)
	    digit |= 0x80;
	vstring_addch(out, (char) digit);
    } while (rest != 0);
    vstring_memcat(out, data, len);
}

void    rec_puts(VSTRING *out, int type, const char *text)
{
    rec_put(out, type, text, strlen(text));
}

void    rec_fprintf(VSTRING *out, int type, const char *fmt,...)
{
    VSTRING *buf = vstring_alloc(64);
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf(buf, fmt, ap);
    va_end(ap);
    rec_put(out, type, vstring_str(buf), vstring_len(buf));
    vstring_free(buf);
}

void    rec_attr(VSTRING *out, const char *name, const char *value)
{
    VSTRING *buf = vstring_alloc(64);

    vstring_sprintf(buf, "%s=%s", name, value);
    rec_put(out, REC_TYPE_ATTR, vstring_str(buf), vstring_len(buf));
    vstring_free(buf);
}
