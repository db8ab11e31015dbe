/*
 * NAME
 *	sim_cores 3
 * SUMMARY
 *	the simulator's core registry
 * DESCRIPTION
 *	Every core the simulator can run, by name. Adding a program core is
 *	one line here (and its SIM_CORE_OPS in the program's folder); a
 *	scenario then reaches it by name, and "service NAME CORE" lets one
 *	core stand in for another service (the toy store for cleanup).
 */
#include <string.h>

#include "simnet.h"

const SIM_CORE_OPS *const sim_core_table[] = {
    &sim_toy_echo_ops,
    &sim_toy_store_ops,
    &sim_toy_store_early_ack_ops,
    &sim_toy_echo_per_read_ops,
    /* program cores go here, e.g. &smtpd_sim_ops, &cleanup_sim_ops */
    0,
};

const SIM_CORE_OPS *sim_core_find(const char *name)
{
    const SIM_CORE_OPS *const * opp;

    for (opp = sim_core_table; *opp; opp++)
	if (strcmp((*opp)->name, name) == 0)
	    return (*opp);
    return (0);
}
