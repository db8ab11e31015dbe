/*
 * NAME
 *	main_cf 3
 * SUMMARY
 *	main.cf parser and in-memory parameter list
 * DESCRIPTION
 *	Splits main.cf text into logical lines and "name = value" entries.
 *	The rules (checked against stock postconf 3.7.11) are listed in
 *	main_cf.h. The parser works on a byte buffer with an explicit
 *	length, so NUL bytes and lines of any length are handled; it does
 *	no I/O.
 */
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "argv.h"
#include "htable.h"
#include "cf_file.h"
#include "main_cf.h"

struct MAIN_CF {
    HTABLE *index;			/* name -> MAIN_CF_ENTRY * */
    MAIN_CF_ENTRY **entries;		/* order of first definition */
    size_t  count;
    size_t  cap;
    ARGV   *warnings;
};


MAIN_CF *main_cf_create(void)
{
    MAIN_CF *cf = (MAIN_CF *) mymalloc(sizeof(*cf));

    cf->index = htable_create(64);
    cf->entries = 0;
    cf->count = cf->cap = 0;
    cf->warnings = argv_alloc(1);
    return (cf);
}

static void main_cf_entry_free(MAIN_CF_ENTRY *ent)
{
    myfree(ent->name);
    myfree(ent->value);
    myfree(ent);
}

void    main_cf_free(MAIN_CF *cf)
{
    size_t  i;

    if (cf == 0)
	return;
    for (i = 0; i < cf->count; i++)
	main_cf_entry_free(cf->entries[i]);
    myfree(cf->entries);
    htable_free(cf->index, (void (*) (void *)) 0);
    argv_free(cf->warnings);
    myfree(cf);
}

const char *main_cf_get(const MAIN_CF *cf, const char *name)
{
    MAIN_CF_ENTRY *ent = (MAIN_CF_ENTRY *) htable_find(cf->index, name);

    return (ent ? ent->value : 0);
}

/* main_cf_store - set a value, return the entry and the previous value */

static MAIN_CF_ENTRY *main_cf_store(MAIN_CF *cf, const char *name,
				            const char *value, int line,
				            char **old_value)
{
    MAIN_CF_ENTRY *ent = (MAIN_CF_ENTRY *) htable_find(cf->index, name);

    *old_value = 0;
    if (ent != 0) {
	*old_value = ent->value;
	ent->value = mystrdup(value);
	ent->line = line;
	return (ent);
    }
    if (cf->count == cf->cap) {
	cf->cap = cf->cap ? 2 * cf->cap : 16;
	cf->entries = (MAIN_CF_ENTRY **)
	    myrealloc(cf->entries, cf->cap * sizeof(*cf->entries));
    }
    ent = (MAIN_CF_ENTRY *) mymalloc(sizeof(*ent));
    ent->name = mystrdup(name);
    ent->value = mystrdup(value);
    ent->line = line;
    cf->entries[cf->count++] = ent;
    htable_enter(cf->index, name, (void *) ent);
    return (ent);
}

void    main_cf_set(MAIN_CF *cf, const char *name, const char *value)
{
    char   *old;

    (void) main_cf_store(cf, name, value, 0, &old);
    myfree(old);
}

void    main_cf_unset(MAIN_CF *cf, const char *name)
{
    MAIN_CF_ENTRY *ent = (MAIN_CF_ENTRY *) htable_find(cf->index, name);
    size_t  i;

    if (ent == 0)
	return;
    htable_delete(cf->index, name, (void (*) (void *)) 0);
    for (i = 0; i < cf->count; i++) {
	if (cf->entries[i] == ent) {
	    memmove(cf->entries + i, cf->entries + i + 1,
		    (cf->count - i - 1) * sizeof(*cf->entries));
	    cf->count--;
	    break;
	}
    }
    main_cf_entry_free(ent);
}

size_t  main_cf_count(const MAIN_CF *cf)
{
    return (cf->count);
}

const MAIN_CF_ENTRY *main_cf_entry(const MAIN_CF *cf, size_t index)
{
    return (index < cf->count ? cf->entries[index] : 0);
}

const ARGV *main_cf_warnings(const MAIN_CF *cf)
{
    return (cf->warnings);
}

/* main_cf_quote - append text with non-printable bytes shown as '?' */

static void main_cf_quote(VSTRING *buf, const char *text)
{
    const unsigned char *cp;

    for (cp = (const unsigned char *) text; *cp; cp++)
	vstring_addch(buf, (*cp >= 0x20 && *cp < 0x7f) ? *cp : '?');
}

static void main_cf_warn(MAIN_CF *cf, VSTRING *msg)
{
    if (cf->warnings->argc < MAIN_CF_MAX_WARNINGS)
	argv_add(cf->warnings, vstring_str(msg));
}

/* main_cf_logical - process one logical line; -1 on a fatal error */

static int main_cf_logical(MAIN_CF *cf, const char *line, int lineno,
			           int bad_start, const char *path,
			           VSTRING *err, VSTRING *tmp)
{
    const char *np;
    const char *ne;
    const char *vp;
    const char *ve;
    char   *name;
    char   *value;
    char   *old;

    if (bad_start) {
	vstring_sprintf(tmp, "%s: logical line must not start with whitespace: \"",
			path);
	main_cf_quote(tmp, line);
	vstring_addch(tmp, '"');
	main_cf_warn(cf, tmp);
	return (0);
    }
    np = line;
    for (ne = np; *ne && !CF_SPACE(*ne) && *ne != '='; ne++)
	 /* void */ ;
    if (ne == np) {
	if (err) {
	    vstring_sprintf(err, "%s, line %d: missing attribute name: \"", path, lineno);
	    main_cf_quote(err, line);
	    vstring_addch(err, '"');
	}
	return (-1);
    }
    for (vp = ne; CF_SPACE(*vp); vp++)
	 /* void */ ;
    if (*vp != '=') {
	if (err) {
	    vstring_sprintf(err, "%s, line %d: missing '=' after attribute name: \"",
			    path, lineno);
	    main_cf_quote(err, line);
	    vstring_addch(err, '"');
	}
	return (-1);
    }
    for (vp++; CF_SPACE(*vp); vp++)
	 /* void */ ;
    for (ve = vp + strlen(vp); ve > vp && CF_SPACE(ve[-1]); ve--)
	 /* void */ ;
    name = mystrndup(np, (size_t) (ne - np));
    value = mystrndup(vp, (size_t) (ve - vp));
    (void) main_cf_store(cf, name, value, lineno, &old);
    if (old != 0) {
	vstring_sprintf(tmp, "%s, line %d: overriding earlier entry: %s=",
			path, lineno, name);
	main_cf_quote(tmp, old);
	main_cf_warn(cf, tmp);
	myfree(old);
    }
    myfree(name);
    myfree(value);
    return (0);
}

/* Per-parse state handed through cf_logical_lines(). */
typedef struct MAIN_CF_PARSE {
    MAIN_CF *cf;
    const char *path;
    VSTRING *err;
    VSTRING *tmp;
} MAIN_CF_PARSE;

static int main_cf_line(const char *text, int first_line, int bad_start, void *context)
{
    MAIN_CF_PARSE *state = context;

    return (main_cf_logical(state->cf, text, first_line, bad_start,
			     state->path, state->err, state->tmp));
}

int     main_cf_parse(MAIN_CF *cf, const char *text, size_t len,
		              const char *path, VSTRING *err)
{
    MAIN_CF_PARSE state;
    int     status;

    state.cf = cf;
    state.path = path ? path : "main.cf";
    state.err = err;
    state.tmp = vstring_alloc(256);
    status = cf_logical_lines(text, len, main_cf_line, &state);
    vstring_free(state.tmp);
    return (status);
}
