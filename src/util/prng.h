#ifndef PRNG_H
#define PRNG_H
/*
 * NAME
 *	prng 3h
 * SUMMARY
 *	seeded pseudo-random numbers (never libc rand)
 * DESCRIPTION
 *	xoshiro256** seeded through splitmix64. The same seed gives the same
 *	sequence on every platform. prng_fork() derives an independent
 *	sub-generator per subsystem so adding draws in one subsystem does not
 *	shift another's sequence.
 */
#include <stdint.h>

typedef struct PRNG {
    uint64_t s[4];
} PRNG;

void    prng_seed(PRNG *rng, uint64_t seed);
uint64_t prng_next(PRNG *rng);
uint64_t prng_below(PRNG *rng, uint64_t bound);	/* unbiased, 0 <= r < bound; bound > 0 */
uint64_t prng_range(PRNG *rng, uint64_t lo, uint64_t hi);	/* lo <= r <= hi */
double  prng_unit(PRNG *rng);			/* 0 <= r < 1 */
PRNG    prng_fork(const PRNG *parent, uint64_t stream);

#endif
