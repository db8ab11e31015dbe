#ifndef ARGV_H
#define ARGV_H
/*
 * NAME
 *	argv 3h
 * SUMMARY
 *	string vectors
 * DESCRIPTION
 *	An ARGV owns copies of its strings; argv[argc] is always NULL.
 */
#include <stddef.h>

typedef struct ARGV {
    char  **argv;
    size_t  argc;
    size_t  cap;
} ARGV;

ARGV   *argv_alloc(size_t initial_cap);
void    argv_free(ARGV *argvp);			/* NULL is fine */
ARGV   *argv_add(ARGV *argvp, const char *str);	/* appends a copy */
ARGV   *argv_addn(ARGV *argvp, const char *str, size_t len);
ARGV   *argv_insert(ARGV *argvp, size_t where, const char *str);
void    argv_delete(ARGV *argvp, size_t where, size_t count);
void    argv_truncate(ARGV *argvp, size_t len);
void    argv_sort(ARGV *argvp);			/* strcmp order */
void    argv_uniq(ARGV *argvp);			/* drops adjacent duplicates */
/* Splits at any run of characters from delim; empty fields are skipped. */
ARGV   *argv_split(const char *str, const char *delim);
ARGV   *argv_split_append(ARGV *argvp, const char *str, const char *delim);

#endif
