#ifndef SIM_HEAP_H
#define SIM_HEAP_H
/*
 * NAME
 *	sim_heap 3h
 * SUMMARY
 *	simulator event heap
 * DESCRIPTION
 *	A binary min-heap of opaque items keyed by time. Items with equal
 *	times come out in the order they were pushed (each push gets the
 *	next sequence number), so the order never depends on pointer values.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct SIM_HEAP_ITEM {
    int64_t when;
    uint64_t seq;
    void   *data;
} SIM_HEAP_ITEM;

typedef struct SIM_HEAP {
    SIM_HEAP_ITEM *items;
    size_t  count;
    size_t  cap;
    uint64_t next_seq;
} SIM_HEAP;

void    sim_heap_init(SIM_HEAP *heap);
void    sim_heap_free(SIM_HEAP *heap, void (*free_fn) (void *));
uint64_t sim_heap_push(SIM_HEAP *heap, int64_t when, void *data);
/* Removes the earliest item into *item; 0 when empty. */
int     sim_heap_pop(SIM_HEAP *heap, SIM_HEAP_ITEM *item);
const SIM_HEAP_ITEM *sim_heap_peek(const SIM_HEAP *heap);	/* NULL when empty */

#endif
