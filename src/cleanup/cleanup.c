/*
 * NAME
 *	cleanup 8
 * SUMMARY
 *	canonicalize and enqueue mail
 * DESCRIPTION
 *	The cleanup daemon takes a message from a receiving program,
 *	rewrites envelope addresses to standard form, adds missing headers,
 *	enforces the size and hop limits and writes a queue file into the
 *	incoming queue, then notifies the queue manager. Its logic lives in
 *	the cleanup core (cleanup.h); this file will hold the I/O shim once
 *	the server skeleton exists. Until then it refuses to run.
 */
#include <stdio.h>

#include "cleanup.h"

int     main(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    fprintf(stderr, "cleanup: not yet runnable stand-alone\n");
    return (1);
}
