/*
 * NAME
 *	postconf_fold 3
 * SUMMARY
 *	postconf output layout: word folding and master.cf columns
 * DESCRIPTION
 *	Everything here is pure string work so the unit tests can pin down
 *	the exact layout: values are printed as white-space separated words
 *	joined by one space; with folding, a word that would pass column 80
 *	goes to a new line indented by four spaces. master.cf entries use
 *	fixed columns that shift right when a field is too wide, and the
 *	folded form puts every "-o name=value" on its own line.
 *	This file also parses one logical master.cf line.
 */
#include <ctype.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "postconf.h"

const char *const pcf_master_field_names[PCF_MASTER_NFIELD + 1] = {
    "service", "type", "private", "unprivileged", "chroot", "wakeup",
    "process_limit", "command",
};

/* Start column of each master.cf field, and of the command. */
static const size_t pcf_master_cols[PCF_MASTER_NFIELD + 1] = {
    0, 11, 17, 25, 33, 41, 49, 57,
};

void    pcf_line_init(PCF_LINE *lp, VSTRING *buf, int fold)
{
    lp->buf = buf;
    lp->col = 0;
    lp->fold = fold;
    lp->limit = PCF_LINE_LIMIT;
    lp->nosep = 1;
}

void    pcf_line_break(PCF_LINE *lp)
{
    vstring_strcat(lp->buf, "\n" PCF_INDENT);
    lp->col = strlen(PCF_INDENT);
    lp->nosep = 1;
}

/* Appends text with no separator and no folding. */
static void pcf_line_raw(PCF_LINE *lp, const char *text)
{
    vstring_strcat(lp->buf, text);
    lp->col += strlen(text);
    lp->nosep = 0;
}

/* Appends one word, separated by a space, folding if requested. */
void    pcf_line_word(PCF_LINE *lp, const char *word)
{
    if (!lp->nosep) {
	if (lp->fold && lp->col + 1 + strlen(word) > lp->limit)
	    pcf_line_break(lp);
	else
	    pcf_line_raw(lp, " ");
    }
    pcf_line_raw(lp, word);
}

/* Appends every white-space separated word of text. */
void    pcf_line_words(PCF_LINE *lp, const char *text)
{
    char   *copy = mystrdup(text);
    char   *cp = copy;
    char   *word;

    while ((word = mystrtok(&cp, SPACES)) != NULL)
	pcf_line_word(lp, word);
    myfree(copy);
}

/* Formats "name = value" (without newline) as postconf prints it. */
const char *pcf_format_param(VSTRING *out, const char *name, const char *value,
			             int fold)
{
    PCF_LINE line;

    vstring_reset(out);
    pcf_line_init(&line, out, fold);
    pcf_line_word(&line, name);
    pcf_line_word(&line, "=");
    pcf_line_words(&line, value);
    return (vstring_str(out));
}

/* Wraps an argument in braces when it holds white space or is empty. */
const char *pcf_arg_quote(VSTRING *tmp, const char *arg)
{
    if (*arg != 0 && arg[strcspn(arg, SPACES)] == 0)
	return (arg);
    vstring_sprintf(tmp, "{%s}", arg);
    return (vstring_str(tmp));
}

/*
 * Splits command text into words; "{ text }" is one word whose outer
 * braces and surrounding white space are removed.
 */
ARGV   *pcf_split_command(const char *text)
{
    ARGV   *argv = argv_alloc(8);
    const char *cp = text;

    for (;;) {
	while (*cp && isspace((unsigned char) *cp))
	    cp++;
	if (*cp == 0)
	    break;
	if (*cp == '{') {
	    const char *start = cp + 1;
	    const char *end;
	    int     level = 1;

	    for (cp = start; *cp && level > 0; cp++) {
		if (*cp == '{')
		    level++;
		else if (*cp == '}')
		    level--;
	    }
	    end = level == 0 ? cp - 1 : cp;
	    while (start < end && isspace((unsigned char) *start))
		start++;
	    while (end > start && isspace((unsigned char) end[-1]))
		end--;
	    argv_addn(argv, start, (size_t) (end - start));
	} else {
	    const char *start = cp;

	    while (*cp && !isspace((unsigned char) *cp))
		cp++;
	    argv_addn(argv, start, (size_t) (cp - start));
	}
    }
    return (argv);
}

/*
 * Collects the leading "-o name=value" options of a command. Other
 * options are skipped; the first non-option word ends the scan.
 */
void    pcf_master_options(PCF_MASTER_ENT *ent)
{
    size_t  i;

    argv_free(ent->opt_names);
    argv_free(ent->opt_values);
    ent->opt_names = argv_alloc(4);
    ent->opt_values = argv_alloc(4);
    for (i = 1; i < ent->args->argc; i++) {
	const char *arg = ent->args->argv[i];

	if (arg[0] != '-' || strcmp(arg, "--") == 0)
	    break;
	if (strcmp(arg, "-o") == 0 && i + 1 < ent->args->argc) {
	    char   *nv = mystrdup(ent->args->argv[++i]);
	    char   *name;
	    char   *value;

	    if (split_nameval(nv, &name, &value) == NULL) {
		argv_add(ent->opt_names, name);
		argv_add(ent->opt_values, value);
		/* Store the option in its normalized form. */
		myfree(ent->args->argv[i]);
		ent->args->argv[i] = concatenate(name, "=", value, (char *) 0);
	    }
	    myfree(nv);
	}
    }
}

/* Appends the command words; with folding, each -o goes on its own line. */
void    pcf_format_command(PCF_LINE *lp, const PCF_MASTER_ENT *ent)
{
    VSTRING *tmp = vstring_alloc(100);
    size_t  i;
    int     in_opts = 1;
    int     after_opt = 0;

    for (i = 0; i < ent->args->argc; i++) {
	const char *arg = ent->args->argv[i];

	if (i > 0 && in_opts && (arg[0] != '-' || strcmp(arg, "--") == 0))
	    in_opts = 0;
	if (i > 0 && in_opts && strcmp(arg, "-o") == 0
	    && i + 1 < ent->args->argc) {
	    if (lp->fold)
		pcf_line_break(lp);
	    pcf_line_word(lp, "-o");
	    /* The option value is never split from its -o. */
	    pcf_line_raw(lp, " ");
	    pcf_line_raw(lp, pcf_arg_quote(tmp, ent->args->argv[++i]));
	    after_opt = 1;
	    continue;
	}
	if (lp->fold && after_opt)
	    pcf_line_break(lp);
	after_opt = 0;
	pcf_line_word(lp, pcf_arg_quote(tmp, arg));
    }
    vstring_free(tmp);
}

/* Formats one entry as -M prints it (without the final newline). */
const char *pcf_format_master(VSTRING *out, const PCF_MASTER_ENT *ent, int fold)
{
    PCF_LINE line;
    int     i;

    vstring_reset(out);
    pcf_line_init(&line, out, fold);
    /* Stock folds master.cf entries one column earlier than main.cf. */
    line.limit = PCF_LINE_LIMIT - 1;
    for (i = 0; i <= PCF_MASTER_NFIELD; i++) {
	/* Pad to the field's column, or one space when running late. */
	if (i > 0) {
	    do {
		vstring_addch(out, ' ');
		line.col++;
	    } while (line.col < pcf_master_cols[i]);
	}
	if (i < PCF_MASTER_NFIELD)
	    pcf_line_raw(&line, ent->field[i]);
    }
    line.nosep = 1;
    pcf_format_command(&line, ent);
    return (vstring_str(out));
}

static int pcf_valid_flag(const char *val)
{
    return (strcmp(val, "y") == 0 || strcmp(val, "n") == 0
	    || strcmp(val, "-") == 0);
}

static int pcf_valid_wakeup(const char *val)
{
    const char *cp = val;

    if (strcmp(val, "-") == 0)
	return (1);
    while (isdigit((unsigned char) *cp))
	cp++;
    if (*cp == '?')
	cp++;
    return (*cp == 0);
}

static int pcf_valid_type(const char *val)
{
    static const char *const types[] = {
	"inet", "unix", "unix-dgram", "fifo", "pass", 0,
    };
    int     i;

    for (i = 0; types[i]; i++)
	if (strcmp(val, types[i]) == 0)
	    return (1);
    return (0);
}

void    pcf_master_free(PCF_MASTER_ENT *ent)
{
    int     i;

    if (ent == NULL)
	return;
    for (i = 0; i < PCF_MASTER_NFIELD; i++)
	myfree(ent->field[i]);
    argv_free(ent->args);
    argv_free(ent->opt_names);
    argv_free(ent->opt_values);
    myfree(ent);
}

/* Parses one logical master.cf line (comments and blank lines excluded). */
PCF_MASTER_ENT *pcf_master_parse(const char *text, int line, const char *path,
				         VSTRING *err)
{
    PCF_MASTER_ENT *ent = mycalloc(1, sizeof(*ent));
    const char *cp = text;
    const char *bad = NULL;
    int     i;

    for (i = 0; i < PCF_MASTER_NFIELD; i++) {
	const char *start;

	while (*cp && isspace((unsigned char) *cp))
	    cp++;
	start = cp;
	while (*cp && !isspace((unsigned char) *cp))
	    cp++;
	if (cp == start)
	    break;
	ent->field[i] = mystrndup(start, (size_t) (cp - start));
    }
    ent->args = pcf_split_command(cp);
    if (i < PCF_MASTER_NFIELD || ent->args->argc == 0) {
	vstring_sprintf(err, "file %s: line %d: bad field count", path, line);
	for (; i < PCF_MASTER_NFIELD; i++)
	    ent->field[i] = mystrdup("");
	pcf_master_free(ent);
	return (NULL);
    }
    if (!pcf_valid_type(ent->field[1]))
	bad = "type";
    else if (!pcf_valid_flag(ent->field[2]))
	bad = "private";
    else if (!pcf_valid_flag(ent->field[3]))
	bad = "unprivileged";
    else if (!pcf_valid_flag(ent->field[4]))
	bad = "chroot";
    else if (!pcf_valid_wakeup(ent->field[5]))
	bad = "wakeup";
    else if (strcmp(ent->field[6], "-") != 0 && !alldig(ent->field[6]))
	bad = "process_limit";
    if (bad) {
	int     idx = strcmp(bad, "type") == 0 ? 1
	: strcmp(bad, "private") == 0 ? 2
	: strcmp(bad, "unprivileged") == 0 ? 3
	: strcmp(bad, "chroot") == 0 ? 4
	: strcmp(bad, "wakeup") == 0 ? 5 : 6;

	vstring_sprintf(err, "invalid %s field \"%s\" in \"%s\"",
			bad, ent->field[idx], text);
	pcf_master_free(ent);
	return (NULL);
    }
    ent->line = line;
    pcf_master_options(ent);
    return (ent);
}
