/*
 * NAME
 *	prng 3
 * SUMMARY
 *	seeded pseudo-random numbers
 * DESCRIPTION
 *	xoshiro256** (Blackman and Vigna) with its state filled from
 *	splitmix64, which turns any seed, including 0, into a usable state.
 *	Everything is fixed-width integer arithmetic, so a seed yields the
 *	same sequence on every platform and compiler.
 *
 *	prng_fork() hashes the parent's state together with a stream number
 *	into a fresh seed. The parent is not advanced, so forking more or
 *	fewer children never shifts anyone else's numbers.
 */
#include <stdint.h>

#include "msg.h"
#include "prng.h"

static inline uint64_t prng_rotl(uint64_t x, int k)
{
    return ((x << k) | (x >> (64 - k)));
}

static uint64_t prng_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31));
}

void    prng_seed(PRNG *rng, uint64_t seed)
{
    uint64_t x = seed;
    int     i;

    for (i = 0; i < 4; i++)
	rng->s[i] = prng_splitmix64(&x);
}

uint64_t prng_next(PRNG *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = prng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = prng_rotl(s[3], 45);
    return (result);
}

/* Rejection sampling: drop the low values that would bias r % bound. */
uint64_t prng_below(PRNG *rng, uint64_t bound)
{
    uint64_t threshold;
    uint64_t r;

    if (bound == 0)
	msg_panic("prng_below: zero bound");
    threshold = (0 - bound) % bound;
    do {
	r = prng_next(rng);
    } while (r < threshold);
    return (r % bound);
}

uint64_t prng_range(PRNG *rng, uint64_t lo, uint64_t hi)
{
    if (lo > hi)
	msg_panic("prng_range: empty range %llu..%llu",
		  (unsigned long long) lo, (unsigned long long) hi);
    if (lo == 0 && hi == UINT64_MAX)
	return (prng_next(rng));
    return (lo + prng_below(rng, hi - lo + 1));
}

double  prng_unit(PRNG *rng)
{
    return ((double) (prng_next(rng) >> 11) * 0x1.0p-53);
}

PRNG    prng_fork(const PRNG *parent, uint64_t stream)
{
    PRNG    child;
    uint64_t x;
    uint64_t h;
    int     i;

    /* Fold the parent state and the stream id through splitmix64. */
    x = stream;
    h = prng_splitmix64(&x);
    for (i = 0; i < 4; i++) {
	x = parent->s[i] ^ h;
	h = prng_splitmix64(&x);
    }
    prng_seed(&child, h);
    return (child);
}
