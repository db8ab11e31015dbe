/*
 * NAME
 *	fuzz_mail_server_args
 * SUMMARY
 *	libFuzzer harness for the daemon argument parser
 * DESCRIPTION
 *	The input, split at NUL bytes, is a daemon command line as master(8)
 *	would pass it. Parsing must end in success or an error text, never a
 *	crash; on success the overrides come in name/value pairs and the
 *	socket count is positive.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "vstring.h"
#include "mail_server.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ARGV   *av = argv_alloc(8);
    VSTRING *err = vstring_alloc(64);
    MAIL_SERVER_ARGS args;
    size_t  start = 0, i;

    if (size > 4096)
	size = 4096;
    argv_add(av, "smtpd");
    for (i = 0; i <= size; i++) {
	if (i == size || data[i] == 0) {
	    argv_addn(av, (const char *) data + start, i - start);
	    start = i + 1;
	}
    }
    memset(&args, 0, sizeof(args));
    if (mail_server_args_parse(&args, (int) av->argc, av->argv, err) == 0) {
	if (args.overrides && args.overrides->argc % 2 != 0)
	    abort();
	if (args.socket_count < 1)
	    abort();
    } else if (vstring_len(err) == 0) {
	abort();
    }
    mail_server_args_free(&args);		/* also after an error */
    argv_free(av);
    vstring_free(err);
    return (0);
}
