/*
 * NAME
 *	postconf_params 3
 * SUMMARY
 *	postconf's window on the parameter table and on $name expansion
 * DESCRIPTION
 *	The rest of postconf asks this file for built-in defaults so that
 *	only one place depends on the shared parameter table
 *	(mail_params.h, generated from spec/params.tsv) and on the shared
 *	expander (mac_expand.h). While those are not in the tree, a tiny
 *	stand-in keeps the command buildable. Pure.
 */
#include <ctype.h>
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "postconf.h"

#if __has_include("mail_params.h")
#include "mail_params.h"
#define PCF_HAVE_PARAMS 1
#endif

#ifdef PCF_HAVE_PARAMS

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

#else

/* Stand-in, sorted by name. */
static const char *const pcf_fallback[][2] = {
    {"config_directory", "/etc/postfix"},
    {"mail_name", "Postfix"},
    {"mail_version", "3.7.11"},
    {"mydestination", "$myhostname, localhost.$mydomain, localhost"},
    {"mydomain", "localdomain"},
    {"myhostname", "localhost.localdomain"},
    {"myorigin", "$myhostname"},
    {"relayhost", ""},
};

#define PCF_FALLBACK_COUNT (sizeof(pcf_fallback) / sizeof(pcf_fallback[0]))

const char *pcf_builtin_default(const char *name)
{
    size_t  i;

    for (i = 0; i < PCF_FALLBACK_COUNT; i++)
	if (strcmp(pcf_fallback[i][0], name) == 0)
	    return (pcf_fallback[i][1]);
    return (NULL);
}

size_t  pcf_builtin_count(void)
{
    return (PCF_FALLBACK_COUNT);
}

const char *pcf_builtin_name(size_t idx)
{
    return (idx < PCF_FALLBACK_COUNT ? pcf_fallback[idx][0] : NULL);
}

#endif

#define PCF_NAME_CHAR(c) (isalnum((unsigned char) (c)) || (c) == '_')

/*
 * Calls fn for every parameter name that a value references as $name,
 * ${name}, $(name), ${name?text}, ${name:text} or inside the
 * ${{...} op {...} ? ... : ...} comparison form.
 */
void    pcf_scan_refs(const char *value, PCF_REF_FN fn, void *ctx)
{
    const char *cp = value;
    VSTRING *name = vstring_alloc(40);

    while ((cp = strchr(cp, '$')) != NULL) {
	const char *start;

	cp++;
	if (*cp == '$') {
	    cp++;
	    continue;
	}
	if (*cp == '{' || *cp == '(')
	    cp++;
	start = cp;
	while (PCF_NAME_CHAR(*cp))
	    cp++;
	if (cp > start) {
	    vstring_strncpy(name, start, (size_t) (cp - start));
	    fn(vstring_str(name), ctx);
	}
    }
    vstring_free(name);
}

#if __has_include("mac_expand.h")
#include "mac_expand.h"

char   *pcf_expand_value(const char *value, PCF_LOOKUP_FN lookup, void *ctx)
{
    VSTRING *out = vstring_alloc(100);
    VSTRING *err = vstring_alloc(100);

    /* On an expansion error, show what could be expanded. */
    (void) mac_expand(out, value, (MAC_LOOKUP_FN) lookup, ctx, err);
    vstring_free(err);
    return (vstring_export(out));
}

#else

/* Stand-in expander: $name, ${name}, $(name), ${name?x}, ${name:x}. */
static void pcf_expand_into(VSTRING *out, const char *value,
			            PCF_LOOKUP_FN lookup, void *ctx, int depth)
{
    const char *cp = value;

    while (*cp) {
	if (*cp != '$') {
	    vstring_addch(out, *cp++);
	    continue;
	}
	cp++;
	if (*cp == '$') {
	    vstring_addch(out, *cp++);
	} else if (*cp == '{' || *cp == '(') {
	    int     close = *cp == '{' ? '}' : ')';
	    const char *start = ++cp;
	    const char *end = strchr(start, close);
	    size_t  nlen;
	    char   *nm;
	    const char *val;

	    if (end == NULL)
		end = start + strlen(start);
	    for (nlen = 0; PCF_NAME_CHAR(start[nlen]); nlen++)
		 /* void */ ;
	    nm = mystrndup(start, nlen);
	    val = lookup(nm, ctx);
	    if (start[nlen] == '?' || start[nlen] == ':') {
		int     want = start[nlen] == '?';
		char   *alt = mystrndup(start + nlen + 1,
					(size_t) (end - start - nlen - 1));

		if ((val && *val) == want && depth < 100)
		    pcf_expand_into(out, alt, lookup, ctx, depth + 1);
		myfree(alt);
	    } else if (val && depth < 100) {
		pcf_expand_into(out, val, lookup, ctx, depth + 1);
	    }
	    myfree(nm);
	    cp = *end ? end + 1 : end;
	} else {
	    const char *start = cp;
	    char   *nm;
	    const char *val;

	    while (PCF_NAME_CHAR(*cp))
		cp++;
	    nm = mystrndup(start, (size_t) (cp - start));
	    if ((val = lookup(nm, ctx)) != NULL && depth < 100)
		pcf_expand_into(out, val, lookup, ctx, depth + 1);
	    myfree(nm);
	}
    }
}

char   *pcf_expand_value(const char *value, PCF_LOOKUP_FN lookup, void *ctx)
{
    VSTRING *out = vstring_alloc(100);

    pcf_expand_into(out, value, lookup, ctx, 0);
    return (vstring_export(out));
}

#endif
