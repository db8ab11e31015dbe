/*
 * NAME
 *	vstring 3
 * SUMMARY
 *	growable byte and string buffers
 * DESCRIPTION
 *	The buffer always has room for one byte past cap, which holds the
 *	terminating NUL, so vstring_str() is a C string at every moment.
 *	Capacity at least doubles on growth, giving amortized O(1) appends.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "mymalloc.h"
#include "vstring.h"

VSTRING *vstring_alloc(size_t initial_cap)
{
    VSTRING *vp = mymalloc(sizeof(*vp));

    if (initial_cap < 16)
	initial_cap = 16;
    vp->data = mymalloc(initial_cap + 1);
    vp->data[0] = 0;
    vp->len = 0;
    vp->cap = initial_cap;
    return (vp);
}

void    vstring_free(VSTRING *vp)
{
    if (vp) {
	myfree(vp->data);
	myfree(vp);
    }
}

char   *vstring_export(VSTRING *vp)
{
    char   *data = vp->data;

    myfree(vp);
    return (data);
}

VSTRING *vstring_reset(VSTRING *vp)
{
    vp->len = 0;
    vp->data[0] = 0;
    return (vp);
}

VSTRING *vstring_truncate(VSTRING *vp, size_t len)
{
    if (len < vp->len) {
	vp->len = len;
	vp->data[len] = 0;
    }
    return (vp);
}

void    vstring_reserve(VSTRING *vp, size_t extra)
{
    size_t  need;
    size_t  ncap;

    if (extra > SIZE_MAX - 1 - vp->len)
	msg_fatal("vstring_reserve: length overflow (%zu + %zu)", vp->len, extra);
    need = vp->len + extra;
    if (need <= vp->cap)
	return;
    ncap = vp->cap > (SIZE_MAX - 1) / 2 ? SIZE_MAX - 1 : vp->cap * 2;
    if (ncap < need)
	ncap = need;
    vp->data = myrealloc(vp->data, ncap + 1);
    vp->cap = ncap;
}

VSTRING *vstring_addch(VSTRING *vp, int ch)
{
    vstring_reserve(vp, 1);
    vp->data[vp->len++] = (char) ch;
    vp->data[vp->len] = 0;
    return (vp);
}

VSTRING *vstring_memcat(VSTRING *vp, const void *data, size_t len)
{
    const char *src = data;

    /* Appending part of vp to itself: the buffer may move on growth. */
    if (len > 0 && src >= vp->data && src <= vp->data + vp->cap) {
	size_t  off = src - vp->data;

	vstring_reserve(vp, len);
	src = vp->data + off;
    } else {
	vstring_reserve(vp, len);
    }
    if (len > 0)
	memmove(vp->data + vp->len, src, len);
    vp->len += len;
    vp->data[vp->len] = 0;
    return (vp);
}

VSTRING *vstring_memcpy(VSTRING *vp, const void *data, size_t len)
{
    /* Copying part of vp into itself: shift in place. */
    if (len > 0 && (const char *) data >= vp->data
	&& (const char *) data <= vp->data + vp->len) {
	size_t  off = (const char *) data - vp->data;

	memmove(vp->data, vp->data + off, len);
	vp->len = len;
	vp->data[len] = 0;
	return (vp);
    }
    vp->len = 0;
    return (vstring_memcat(vp, data, len));
}

VSTRING *vstring_strcpy(VSTRING *vp, const char *str)
{
    return (vstring_memcpy(vp, str, strlen(str)));
}

VSTRING *vstring_strncpy(VSTRING *vp, const char *str, size_t len)
{
    return (vstring_memcpy(vp, str, strnlen(str, len)));
}

VSTRING *vstring_strcat(VSTRING *vp, const char *str)
{
    return (vstring_memcat(vp, str, strlen(str)));
}

VSTRING *vstring_strncat(VSTRING *vp, const char *str, size_t len)
{
    return (vstring_memcat(vp, str, strnlen(str, len)));
}

VSTRING *vstring_vsprintf_append(VSTRING *vp, const char *fmt, va_list ap)
{
    va_list ap2;
    int     n;
    size_t  room;
    int     saved_errno = errno;		/* for %m in the retry */

    /* First try into the existing space; retry once with the exact size. */
    room = vp->cap - vp->len + 1;
    va_copy(ap2, ap);
    n = vsnprintf(vp->data + vp->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0)
	msg_panic("vstring_vsprintf_append: bad format \"%s\"", fmt);
    if ((size_t) n >= room) {
	vstring_reserve(vp, (size_t) n);
	errno = saved_errno;
	va_copy(ap2, ap);
	n = vsnprintf(vp->data + vp->len, vp->cap - vp->len + 1, fmt, ap2);
	va_end(ap2);
	if (n < 0)
	    msg_panic("vstring_vsprintf_append: bad format \"%s\"", fmt);
    }
    vp->len += (size_t) n;
    vp->data[vp->len] = 0;
    return (vp);
}

VSTRING *vstring_vsprintf(VSTRING *vp, const char *fmt, va_list ap)
{
    vstring_reset(vp);
    return (vstring_vsprintf_append(vp, fmt, ap));
}

VSTRING *vstring_sprintf(VSTRING *vp, const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf(vp, fmt, ap);
    va_end(ap);
    return (vp);
}

VSTRING *vstring_sprintf_append(VSTRING *vp, const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf_append(vp, fmt, ap);
    va_end(ap);
    return (vp);
}
