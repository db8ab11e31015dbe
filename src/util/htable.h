#ifndef HTABLE_H
#define HTABLE_H
/*
 * NAME
 *	htable 3h
 * SUMMARY
 *	hash table with string keys
 * DESCRIPTION
 *	Keys are copied; values are opaque. Iteration (htable_list) returns
 *	entries in insertion order, so output built from a table is
 *	deterministic. The hash is seeded by the caller-free constant so
 *	traces are stable across runs.
 */
#include <stddef.h>

typedef struct HTABLE_INFO {
    char   *key;
    void   *value;
} HTABLE_INFO;

typedef struct HTABLE HTABLE;

HTABLE *htable_create(size_t size_hint);
/* Adds key; if key exists, returns NULL and leaves the table unchanged. */
HTABLE_INFO *htable_enter(HTABLE *table, const char *key, void *value);
HTABLE_INFO *htable_locate(HTABLE *table, const char *key);
void   *htable_find(HTABLE *table, const char *key);	/* NULL if absent */
/* Removes key; calls free_fn(value) when free_fn is not NULL. */
void    htable_delete(HTABLE *table, const char *key, void (*free_fn) (void *));
void    htable_free(HTABLE *table, void (*free_fn) (void *));
size_t  htable_used(const HTABLE *table);
/* NULL-terminated array of entries in insertion order; free with myfree(). */
HTABLE_INFO **htable_list(const HTABLE *table);

#endif
