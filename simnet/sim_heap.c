/*
 * NAME
 *	sim_heap 3
 * SUMMARY
 *	simulator event heap
 * DESCRIPTION
 *	Binary min-heap ordered by (when, seq). The sequence number breaks
 *	ties in push order, which keeps simulations reproducible.
 */
#include "mymalloc.h"
#include "sim_heap.h"

void    sim_heap_init(SIM_HEAP *heap)
{
    heap->items = 0;
    heap->count = heap->cap = 0;
    heap->next_seq = 0;
}

void    sim_heap_free(SIM_HEAP *heap, void (*free_fn) (void *))
{
    size_t  i;

    if (free_fn)
	for (i = 0; i < heap->count; i++)
	    free_fn(heap->items[i].data);
    myfree(heap->items);
    sim_heap_init(heap);
}

static int sim_heap_less(const SIM_HEAP_ITEM *a, const SIM_HEAP_ITEM *b)
{
    if (a->when != b->when)
	return (a->when < b->when);
    return (a->seq < b->seq);
}

uint64_t sim_heap_push(SIM_HEAP *heap, int64_t when, void *data)
{
    size_t  i, parent;
    SIM_HEAP_ITEM item, tmp;

    if (heap->count == heap->cap) {
	heap->cap = heap->cap ? heap->cap * 2 : 64;
	heap->items = myrealloc(heap->items, heap->cap * sizeof(*heap->items));
    }
    item.when = when;
    item.seq = heap->next_seq++;
    item.data = data;
    i = heap->count++;
    heap->items[i] = item;
    while (i > 0) {
	parent = (i - 1) / 2;
	if (!sim_heap_less(heap->items + i, heap->items + parent))
	    break;
	tmp = heap->items[parent];
	heap->items[parent] = heap->items[i];
	heap->items[i] = tmp;
	i = parent;
    }
    return (item.seq);
}

int     sim_heap_pop(SIM_HEAP *heap, SIM_HEAP_ITEM *item)
{
    size_t  i, l, r, m;
    SIM_HEAP_ITEM tmp;

    if (heap->count == 0)
	return (0);
    *item = heap->items[0];
    heap->items[0] = heap->items[--heap->count];
    for (i = 0;;) {
	l = 2 * i + 1;
	r = l + 1;
	m = i;
	if (l < heap->count && sim_heap_less(heap->items + l, heap->items + m))
	    m = l;
	if (r < heap->count && sim_heap_less(heap->items + r, heap->items + m))
	    m = r;
	if (m == i)
	    break;
	tmp = heap->items[m];
	heap->items[m] = heap->items[i];
	heap->items[i] = tmp;
	i = m;
    }
    return (1);
}

const SIM_HEAP_ITEM *sim_heap_peek(const SIM_HEAP *heap)
{
    return (heap->count ? heap->items : 0);
}
