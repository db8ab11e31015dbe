/*
 * NAME
 *	fuzz_main_cf
 * SUMMARY
 *	libFuzzer harness for the main.cf parser and $name expansion
 * DESCRIPTION
 *	Parses the input as main.cf text, then expands every value with a
 *	lookup into the parsed entries, and scans each value for names.
 *	Self-references and fan-out must end in an error, never a hang or
 *	crash. Checks: the parse status is 0 or -1 (with an error text),
 *	names are non-empty and hold no white space or "=", values carry no
 *	leading or trailing white space, and a successful expansion that
 *	used no "$" gives back the value unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vstring.h"
#include "main_cf.h"
#include "mac_expand.h"

#define FUZZ_MAX_LEN	65536

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *fuzz_lookup(const char *name, void *ctx)
{
    return (main_cf_get((const MAIN_CF *) ctx, name));
}

static void fuzz_name(const char *name, void *ctx)
{
    if (*name == 0)
	abort();
    (*(size_t *) ctx)++;
}

static int fuzz_space(int ch)
{
    return (ch == ' ' || (ch >= '\t' && ch <= '\r'));
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MAIN_CF *cf;
    VSTRING *err;
    VSTRING *out;
    const MAIN_CF_ENTRY *ent;
    size_t  i, names, vlen;
    int     status;

    if (size > FUZZ_MAX_LEN)
	return (0);
    cf = main_cf_create();
    err = vstring_alloc(64);
    out = vstring_alloc(64);
    status = main_cf_parse(cf, (const char *) data, size, "main.cf", err);
    if (status != 0 && (status != -1 || vstring_len(err) == 0))
	abort();
    for (i = 0; (ent = main_cf_entry(cf, i)) != 0; i++) {
	if (*ent->name == 0 || strpbrk(ent->name, " \t\n\r\v\f=") != 0)
	    abort();
	vlen = strlen(ent->value);
	if (vlen > 0 && (fuzz_space(ent->value[0]) || fuzz_space(ent->value[vlen - 1])))
	    abort();
	if (main_cf_get(cf, ent->name) != ent->value)
	    abort();
	vstring_reset(out);
	vstring_reset(err);
	status = mac_expand(out, ent->value, fuzz_lookup, (void *) cf, err);
	if (status == MAC_EXP_OK) {
	    if (strchr(ent->value, '$') == 0 && strcmp(vstring_str(out), ent->value) != 0)
		abort();
	} else if (vstring_len(err) == 0) {
	    abort();
	}
	names = 0;
	mac_scan_names(ent->value, fuzz_name, &names);
    }
    main_cf_free(cf);
    vstring_free(err);
    vstring_free(out);
    return (0);
}
