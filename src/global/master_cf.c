/*
 * NAME
 *	master_cf 3
 * SUMMARY
 *	master.cf parser
 * DESCRIPTION
 *	Turns master.cf text into service entries. Logical lines are formed
 *	as in main.cf (comments and blank lines skipped, white space at the
 *	start of a line continues the entry). Fields are separated by white
 *	space; a word that starts with "{" runs to its matching "}" so that
 *	"-o { name = value with spaces }" stays one argument. Field checks
 *	and error texts follow stock postconf 3.7.11. Pure: no I/O.
 */
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "argv.h"
#include "cf_file.h"
#include "master_cf.h"

#define MCF_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define MCF_MAX_WARNINGS 100

static void master_cf_quote(VSTRING *buf, const char *text)
{
    const unsigned char *cp;

    for (cp = (const unsigned char *) text; *cp; cp++)
	vstring_addch(buf, (*cp >= 0x20 && *cp < 0x7f) ? *cp : '?');
}

static void master_cf_warn(ARGV **warnings, VSTRING *msg)
{
    if (*warnings == 0)
	*warnings = argv_alloc(1);
    if ((*warnings)->argc < MCF_MAX_WARNINGS)
	argv_add(*warnings, vstring_str(msg));
}

int     master_cf_valid_type(const char *type)
{
    static const char *const types[] = {
	"inet", "unix", "unix-dgram", "fifo", "pass", 0,
    };
    const char *const *tp;

    for (tp = types; *tp; tp++)
	if (strcmp(type, *tp) == 0)
	    return (1);
    return (0);
}

static int master_cf_valid_yn(const char *value)
{
    return (strcmp(value, "y") == 0 || strcmp(value, "n") == 0
	    || strcmp(value, "-") == 0);
}

/* Wake-up time: "-", or digits with an optional trailing "?". */

static int master_cf_valid_wakeup(const char *value)
{
    const char *cp = value;

    if (strcmp(value, "-") == 0)
	return (1);
    while (MCF_DIGIT(*cp))
	cp++;
    if (*cp == '?')
	cp++;
    return (*cp == 0 && cp > value);
}

static int master_cf_valid_maxproc(const char *value)
{
    const char *cp;

    if (strcmp(value, "-") == 0)
	return (1);
    for (cp = value; MCF_DIGIT(*cp); cp++)
	 /* void */ ;
    return (*cp == 0 && cp > value);
}

/* master_cf_split - white-space separated words, "{...}" kept together */

static ARGV *master_cf_split(const char *line)
{
    ARGV   *words = argv_alloc(16);
    const char *cp = line;
    const char *start;
    int     level;

    for (;;) {
	while (CF_SPACE(*cp))
	    cp++;
	if (*cp == 0)
	    break;
	start = cp;
	if (*cp == '{') {
	    for (level = 0; *cp; cp++) {
		if (*cp == '{')
		    level++;
		else if (*cp == '}' && --level == 0) {
		    cp++;
		    break;
		}
	    }
	    if (level > 0) {
		/* Unbalanced: the rest of the line, trailing space removed. */
		while (cp > start && CF_SPACE(cp[-1]))
		    cp--;
	    }
	} else {
	    while (*cp && !CF_SPACE(*cp))
		cp++;
	}
	argv_addn(words, start, (size_t) (cp - start));
    }
    return (words);
}

static void master_cf_entry_free(MASTER_CF_ENTRY *ent)
{
    myfree(ent->service);
    myfree(ent->type);
    myfree(ent->private_);
    myfree(ent->unpriv);
    myfree(ent->chroot);
    myfree(ent->wakeup);
    myfree(ent->maxproc);
    argv_free(ent->command);
    myfree(ent);
}

/* master_cf_logical - one logical line; -1 on a fatal error */

static int master_cf_logical(MASTER_CF *cf, const char *line, int lineno,
			             int bad_start, const char *path,
			             VSTRING *err, VSTRING *tmp)
{
    static const char *const names[] = {
	0, "type", "private", "unprivileged", "chroot", "wakeup",
	"process_limit",
    };
    ARGV   *words;
    MASTER_CF_ENTRY *ent;
    const char *bad = 0;
    size_t  i;

    if (bad_start) {
	vstring_sprintf(tmp, "%s: logical line must not start with whitespace: \"",
			path);
	master_cf_quote(tmp, line);
	vstring_addch(tmp, '"');
	master_cf_warn(&cf->warnings, tmp);
	return (0);
    }
    words = master_cf_split(line);
    if (words->argc < 8) {
	if (err)
	    vstring_sprintf(err, "file %s: line %d: bad field count", path, lineno);
	argv_free(words);
	return (-1);
    }
    if (!master_cf_valid_type(words->argv[1]))
	bad = names[1];
    else
	for (i = 2; i <= 6 && bad == 0; i++)
	    if (!(i <= 4 ? master_cf_valid_yn(words->argv[i]) :
		  i == 5 ? master_cf_valid_wakeup(words->argv[i]) :
		  master_cf_valid_maxproc(words->argv[i])))
		bad = names[i];
    if (bad != 0) {
	if (err) {
	    for (i = 1; names[i] != bad; i++)
		 /* void */ ;
	    vstring_sprintf(err, "invalid %s field \"", bad);
	    master_cf_quote(err, words->argv[i]);
	    vstring_strcat(err, "\" in \"");
	    master_cf_quote(err, line);
	    vstring_addch(err, '"');
	}
	argv_free(words);
	return (-1);
    }
    ent = (MASTER_CF_ENTRY *) mymalloc(sizeof(*ent));
    ent->service = mystrdup(words->argv[0]);
    ent->type = mystrdup(words->argv[1]);
    ent->private_ = mystrdup(words->argv[2]);
    ent->unpriv = mystrdup(words->argv[3]);
    ent->chroot = mystrdup(words->argv[4]);
    ent->wakeup = mystrdup(words->argv[5]);
    ent->maxproc = mystrdup(words->argv[6]);
    ent->command = argv_alloc(words->argc - 7);
    for (i = 7; i < words->argc; i++)
	argv_add(ent->command, words->argv[i]);
    ent->line = lineno;
    argv_free(words);
    cf->entries = (MASTER_CF_ENTRY **)
	myrealloc(cf->entries, (cf->count + 1) * sizeof(*cf->entries));
    cf->entries[cf->count++] = ent;
    return (0);
}

/* Per-parse state handed through cf_logical_lines(). */
typedef struct MASTER_CF_PARSE {
    MASTER_CF *cf;
    const char *path;
    VSTRING *err;
    VSTRING *tmp;
} MASTER_CF_PARSE;

static int master_cf_line(const char *text, int first_line, int bad_start, void *context)
{
    MASTER_CF_PARSE *state = context;

    return (master_cf_logical(state->cf, text, first_line, bad_start,
			     state->path, state->err, state->tmp));
}

int     master_cf_parse(MASTER_CF *cf, const char *text, size_t len,
		              const char *path, VSTRING *err)
{
    MASTER_CF_PARSE state;
    int     status;

    state.cf = cf;
    state.path = path ? path : "master.cf";
    state.err = err;
    state.tmp = vstring_alloc(256);
    status = cf_logical_lines(text, len, master_cf_line, &state);
    vstring_free(state.tmp);
    return (status);
}

void    master_cf_free(MASTER_CF *cf)
{
    size_t  i;

    if (cf == 0)
	return;
    for (i = 0; i < cf->count; i++)
	master_cf_entry_free(cf->entries[i]);
    myfree(cf->entries);
    argv_free(cf->warnings);
    cf->entries = 0;
    cf->count = 0;
    cf->warnings = 0;
}

const MASTER_CF_ENTRY *master_cf_find(const MASTER_CF *cf, const char *service,
				              const char *type)
{
    size_t  i;

    for (i = 0; i < cf->count; i++)
	if (strcmp(cf->entries[i]->service, service) == 0
	    && strcmp(cf->entries[i]->type, type) == 0)
	    return (cf->entries[i]);
    return (0);
}

/* master_cf_option - one -o argument into name and value */

static void master_cf_option(ARGV *out, const char *arg, VSTRING *err)
{
    char   *copy = mystrdup(arg);
    char   *cp = copy;
    char   *end;
    char   *eq;
    char   *np, *ne, *vp, *ve;

    if (*cp == '{') {
	cp++;
	end = cp + strlen(cp);
	if (end > cp && end[-1] == '}') {
	    end[-1] = 0;
	} else if (err) {
	    vstring_sprintf_append(err, "master.cf: missing '}' in \"");
	    master_cf_quote(err, arg);
	    vstring_strcat(err, "\"\n");
	}
    }
    for (np = cp; CF_SPACE(*np); np++)
	 /* void */ ;
    ve = np + strlen(np);
    while (ve > np && CF_SPACE(ve[-1]))
	*--ve = 0;
    if ((eq = strchr(np, '=')) == 0 || eq == np) {
	if (err) {
	    vstring_sprintf_append(err, "master.cf: %s: \"",
				   eq ? "missing attribute name"
				   : "missing '=' after attribute name");
	    master_cf_quote(err, np);
	    vstring_strcat(err, "\"\n");
	}
	myfree(copy);
	return;
    }
    for (ne = eq; ne > np && CF_SPACE(ne[-1]); ne--)
	 /* void */ ;
    for (vp = eq + 1; CF_SPACE(*vp); vp++)
	 /* void */ ;
    argv_addn(out, np, (size_t) (ne - np));
    argv_add(out, vp);
    myfree(copy);
}

ARGV   *master_cf_entry_options(const MASTER_CF_ENTRY *entry, VSTRING *err)
{
    ARGV   *out = argv_alloc(8);
    size_t  i;

    for (i = 1; i < entry->command->argc; i++) {
	if (strcmp(entry->command->argv[i], "-o") == 0
	    && i + 1 < entry->command->argc) {
	    master_cf_option(out, entry->command->argv[i + 1], err);
	    i++;
	}
    }
    return (out);
}
