/*
 * NAME
 *	postconf_params 3
 * SUMMARY
 *	postconf's window on the parameter table and on $name expansion
 * DESCRIPTION
 *	The rest of postconf asks this file for built-in defaults, so only
 *	this file depends on the shared parameter table (mail_params.h,
 *	generated from spec/params.tsv).
 */
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "mac_expand.h"
#include "mail_params.h"
#include "postconf.h"


const char *pcf_builtin_default(const char *name)
{
    const PARAM_SPEC *sp = param_find(name);
    const char *computed;

    if (sp == NULL)
	return (NULL);
    if ((computed = param_computed_default(name)) != NULL)
	return (computed);
    return (sp->def);
}

/* Raw parameters are expanded by daemons at use time, never by -x. */
int     pcf_builtin_is_raw(const char *name)
{
    const PARAM_SPEC *sp = param_find(name);

    return (sp != NULL && sp->type == PARAM_TYPE_RAW);
}

size_t  pcf_builtin_count(void)
{
    size_t  count;

    (void) param_table(&count);
    return (count);
}

const char *pcf_builtin_name(size_t idx)
{
    size_t  count;
    const PARAM_SPEC *table = param_table(&count);

    return (idx < count ? table[idx].name : NULL);
}


/*
 * Calls fn for every parameter name that a value references, in any of
 * the expansion forms.
 */
void    pcf_scan_refs(const char *value, PCF_REF_FN fn, void *ctx)
{
    mac_scan_names(value, fn, ctx);
}

/* Expands a value; on an expansion error, shows what could be expanded. */
char   *pcf_expand_value(const char *value, PCF_LOOKUP_FN lookup, void *ctx)
{
    VSTRING *out = vstring_alloc(100);

    (void) mac_expand(out, value, lookup, ctx, (VSTRING *) 0);
    return (vstring_export(out));
}
