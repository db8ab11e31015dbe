/*
 * NAME
 *	htable 3
 * SUMMARY
 *	hash table with string keys and insertion-ordered iteration
 * DESCRIPTION
 *	Chained buckets hashed with 64-bit FNV-1a, which needs no seed and
 *	so gives the same layout on every run. Besides its bucket chain each
 *	entry sits on a doubly linked list in insertion order; htable_list()
 *	walks that list, and deletion unlinks in O(1) keeping the order of
 *	the others. The bucket array doubles when the load passes 1.
 */
#include <stdint.h>
#include <string.h>

#include "htable.h"
#include "msg.h"
#include "mymalloc.h"

typedef struct HTABLE_ENT {
    HTABLE_INFO info;			/* must be first: handed to callers */
    uint64_t hash;
    struct HTABLE_ENT *chain;		/* next in bucket */
    struct HTABLE_ENT *prev;		/* insertion order */
    struct HTABLE_ENT *next;
} HTABLE_ENT;

struct HTABLE {
    HTABLE_ENT **buckets;
    size_t  nbuckets;			/* power of two */
    size_t  used;
    HTABLE_ENT *first;
    HTABLE_ENT *last;
};

static uint64_t htable_hash(const char *key)
{
    uint64_t h = 14695981039346656037ULL;

    while (*key) {
	h ^= (unsigned char) *key++;
	h *= 1099511628211ULL;
    }
    return (h);
}

HTABLE *htable_create(size_t size_hint)
{
    HTABLE *table = mymalloc(sizeof(*table));
    size_t  n = 16;

    while (n < size_hint && n < ((size_t) 1 << 30))
	n <<= 1;
    table->buckets = mycalloc(n, sizeof(HTABLE_ENT *));
    table->nbuckets = n;
    table->used = 0;
    table->first = table->last = 0;
    return (table);
}

static void htable_grow(HTABLE *table)
{
    size_t  n = table->nbuckets * 2;
    HTABLE_ENT **b = mycalloc(n, sizeof(HTABLE_ENT *));
    HTABLE_ENT *ent;

    for (ent = table->first; ent; ent = ent->next) {
	ent->chain = b[ent->hash & (n - 1)];
	b[ent->hash & (n - 1)] = ent;
    }
    myfree(table->buckets);
    table->buckets = b;
    table->nbuckets = n;
}

static HTABLE_ENT *htable_lookup(const HTABLE *table, const char *key, uint64_t hash)
{
    HTABLE_ENT *ent;

    for (ent = table->buckets[hash & (table->nbuckets - 1)]; ent; ent = ent->chain)
	if (ent->hash == hash && strcmp(ent->info.key, key) == 0)
	    return (ent);
    return (0);
}

HTABLE_INFO *htable_enter(HTABLE *table, const char *key, void *value)
{
    uint64_t hash = htable_hash(key);
    HTABLE_ENT *ent;
    size_t  slot;

    if (htable_lookup(table, key, hash) != 0)
	return (0);
    if (table->used >= table->nbuckets)
	htable_grow(table);
    ent = mymalloc(sizeof(*ent));
    ent->info.key = mystrdup(key);
    ent->info.value = value;
    ent->hash = hash;
    slot = hash & (table->nbuckets - 1);
    ent->chain = table->buckets[slot];
    table->buckets[slot] = ent;
    ent->next = 0;
    ent->prev = table->last;
    if (table->last)
	table->last->next = ent;
    else
	table->first = ent;
    table->last = ent;
    table->used++;
    return (&ent->info);
}

HTABLE_INFO *htable_locate(HTABLE *table, const char *key)
{
    HTABLE_ENT *ent = htable_lookup(table, key, htable_hash(key));

    return (ent ? &ent->info : 0);
}

void   *htable_find(HTABLE *table, const char *key)
{
    HTABLE_ENT *ent = htable_lookup(table, key, htable_hash(key));

    return (ent ? ent->info.value : 0);
}

void    htable_delete(HTABLE *table, const char *key, void (*free_fn) (void *))
{
    uint64_t hash = htable_hash(key);
    HTABLE_ENT **pp;
    HTABLE_ENT *ent;

    for (pp = &table->buckets[hash & (table->nbuckets - 1)]; (ent = *pp) != 0; pp = &ent->chain) {
	if (ent->hash == hash && strcmp(ent->info.key, key) == 0) {
	    *pp = ent->chain;
	    if (ent->prev)
		ent->prev->next = ent->next;
	    else
		table->first = ent->next;
	    if (ent->next)
		ent->next->prev = ent->prev;
	    else
		table->last = ent->prev;
	    table->used--;
	    if (free_fn)
		free_fn(ent->info.value);
	    myfree(ent->info.key);
	    myfree(ent);
	    return;
	}
    }
}

void    htable_free(HTABLE *table, void (*free_fn) (void *))
{
    HTABLE_ENT *ent;
    HTABLE_ENT *next;

    if (table == 0)
	return;
    for (ent = table->first; ent; ent = next) {
	next = ent->next;
	if (free_fn)
	    free_fn(ent->info.value);
	myfree(ent->info.key);
	myfree(ent);
    }
    myfree(table->buckets);
    myfree(table);
}

size_t  htable_used(const HTABLE *table)
{
    return (table->used);
}

HTABLE_INFO **htable_list(const HTABLE *table)
{
    HTABLE_INFO **list = mymalloc((table->used + 1) * sizeof(*list));
    HTABLE_ENT *ent;
    size_t  i = 0;

    for (ent = table->first; ent; ent = ent->next)
	list[i++] = &ent->info;
    list[i] = 0;
    return (list);
}
