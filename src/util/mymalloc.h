#ifndef MYMALLOC_H
#define MYMALLOC_H
/*
 * NAME
 *	mymalloc 3h
 * SUMMARY
 *	memory allocation that succeeds or exits
 * DESCRIPTION
 *	Every allocator either returns usable memory or ends the process
 *	through msg_fatal() with a message that names the request size.
 *	Zero-length requests return a valid unique pointer.
 */
#include <stddef.h>

void   *mymalloc(size_t len);
void   *mycalloc(size_t count, size_t size);	/* overflow-checked */
void   *myrealloc(void *ptr, size_t len);
void    myfree(void *ptr);			/* NULL is fine */
char   *mystrdup(const char *str);
char   *mystrndup(const char *str, size_t len);	/* stops at len or NUL */
void   *mymemdup(const void *ptr, size_t len);

#endif
