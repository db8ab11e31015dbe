/*
 * NAME
 *	mymalloc 3
 * SUMMARY
 *	memory allocation that succeeds or exits
 * DESCRIPTION
 *	Thin wrappers around malloc(3) and friends. A failed request ends the
 *	process through msg_fatal(), naming the size, so callers never test
 *	for NULL. A zero-length request is rounded up to one byte so the
 *	result is always a distinct pointer that myfree() accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "mymalloc.h"

void   *mymalloc(size_t len)
{
    void   *ptr;

    if ((ptr = malloc(len ? len : 1)) == 0)
	msg_fatal("mymalloc: insufficient memory for %zu bytes: %m", len);
    return (ptr);
}

void   *mycalloc(size_t count, size_t size)
{
    void   *ptr;

    if (size != 0 && count > SIZE_MAX / size)
	msg_fatal("mycalloc: request for %zu x %zu bytes overflows", count, size);
    if ((ptr = calloc(count ? count : 1, size ? size : 1)) == 0)
	msg_fatal("mycalloc: insufficient memory for %zu bytes: %m", count * size);
    return (ptr);
}

void   *myrealloc(void *ptr, size_t len)
{
    void   *nptr;

    if ((nptr = realloc(ptr, len ? len : 1)) == 0)
	msg_fatal("myrealloc: insufficient memory for %zu bytes: %m", len);
    return (nptr);
}

void    myfree(void *ptr)
{
    free(ptr);
}

char   *mystrdup(const char *str)
{
    if (str == 0)
	msg_panic("mystrdup: null pointer argument");
    return (mymemdup(str, strlen(str) + 1));
}

char   *mystrndup(const char *str, size_t len)
{
    char   *result;
    const char *end;

    if (str == 0)
	msg_panic("mystrndup: null pointer argument");
    if ((end = memchr(str, 0, len)) != 0)
	len = end - str;
    result = mymalloc(len + 1);
    memcpy(result, str, len);
    result[len] = 0;
    return (result);
}

void   *mymemdup(const void *ptr, size_t len)
{
    void   *result = mymalloc(len);

    if (len > 0)
	memcpy(result, ptr, len);
    return (result);
}
