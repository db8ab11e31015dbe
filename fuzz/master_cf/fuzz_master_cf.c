/*
 * NAME
 *	fuzz_master_cf
 * SUMMARY
 *	libFuzzer harness for the master.cf parser
 * DESCRIPTION
 *	Parses the input as master.cf text and walks the result: every
 *	entry has eight fields and a command, the type is a valid one, and
 *	the -o settings of every entry can be extracted. The parse status
 *	is 0 or -1 with an error text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vstring.h"
#include "argv.h"
#include "master_cf.h"

#define FUZZ_MAX_LEN	65536

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MASTER_CF cf = MASTER_CF_INIT;
    VSTRING *err;
    ARGV   *opts;
    size_t  i;
    int     status;

    if (size > FUZZ_MAX_LEN)
	return (0);
    err = vstring_alloc(64);
    status = master_cf_parse(&cf, (const char *) data, size, "master.cf", err);
    if (status != 0 && (status != -1 || vstring_len(err) == 0))
	abort();
    for (i = 0; i < cf.count; i++) {
	const MASTER_CF_ENTRY *e = cf.entries[i];

	if (*e->service == 0 || *e->maxproc == 0 || e->command->argc < 1
	    || !master_cf_valid_type(e->type) || e->line < 1)
	    abort();
	if (master_cf_find(&cf, e->service, e->type) == 0)
	    abort();
	vstring_reset(err);
	opts = master_cf_entry_options(e, err);
	if (opts->argc % 2 != 0)
	    abort();
	argv_free(opts);
    }
    master_cf_free(&cf);
    vstring_free(err);
    return (0);
}
