/*
 * NAME
 *	qmqpd 8
 * SUMMARY
 *	Postfix-compatible QMQP server
 * DESCRIPTION
 *	qmqpd receives one message per connection over QMQP, hands it to
 *	cleanup(8) and answers with one status netstring. Only clients in
 *	qmqpd_authorized_clients may use it. The protocol logic lives in the
 *	core (qmqpd_core.c); this file will hold the process shim that feeds
 *	it socket events once the shared server skeleton exists. Until then
 *	the program refuses to run.
 */
#include <stdio.h>

int     main(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    fputs("qmqpd: not yet runnable stand-alone\n", stderr);
    return (1);
}
