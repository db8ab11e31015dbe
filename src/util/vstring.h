#ifndef VSTRING_H
#define VSTRING_H
/*
 * NAME
 *	vstring 3h
 * SUMMARY
 *	growable byte and string buffers
 * DESCRIPTION
 *	A VSTRING holds len bytes of arbitrary data followed by a NUL that is
 *	not counted in len, so vstring_str() is always a valid C string (it
 *	may contain embedded NULs when binary data is stored). Growth is
 *	geometric; all functions return their first argument so calls chain.
 */
#include <stdarg.h>
#include <stddef.h>

typedef struct VSTRING {
    char   *data;			/* always NUL-terminated */
    size_t  len;			/* bytes used, excluding the NUL */
    size_t  cap;			/* bytes allocated, excluding the NUL */
} VSTRING;

#define vstring_str(vp)		((vp)->data)
#define vstring_len(vp)		((vp)->len)
#define vstring_end(vp)		((vp)->data + (vp)->len)

VSTRING *vstring_alloc(size_t initial_cap);
void    vstring_free(VSTRING *vp);		/* NULL is fine */
char   *vstring_export(VSTRING *vp);		/* frees vp, returns its data */
VSTRING *vstring_reset(VSTRING *vp);		/* len = 0 */
VSTRING *vstring_truncate(VSTRING *vp, size_t len);	/* no-op if len >= current */
void    vstring_reserve(VSTRING *vp, size_t extra);	/* room for extra more bytes */
VSTRING *vstring_addch(VSTRING *vp, int ch);
VSTRING *vstring_strcpy(VSTRING *vp, const char *str);
VSTRING *vstring_strncpy(VSTRING *vp, const char *str, size_t len);	/* stops at NUL */
VSTRING *vstring_strcat(VSTRING *vp, const char *str);
VSTRING *vstring_strncat(VSTRING *vp, const char *str, size_t len);	/* stops at NUL */
VSTRING *vstring_memcpy(VSTRING *vp, const void *data, size_t len);
VSTRING *vstring_memcat(VSTRING *vp, const void *data, size_t len);
VSTRING *vstring_sprintf(VSTRING *vp, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));
VSTRING *vstring_sprintf_append(VSTRING *vp, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));
VSTRING *vstring_vsprintf(VSTRING *vp, const char *fmt, va_list ap);
VSTRING *vstring_vsprintf_append(VSTRING *vp, const char *fmt, va_list ap);

#endif
