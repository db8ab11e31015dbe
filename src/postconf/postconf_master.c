/*
 * NAME
 *	postconf_master 3
 * SUMMARY
 *	master.cf loading and -M, -F, -P output
 * DESCRIPTION
 *	pcf_master_load() reads master.cf into entries (a missing file is
 *	a warning, a malformed entry is fatal). pcf_show_master() prints
 *	whole entries (-M), one field per line (-F) or the -o parameters
 *	of each service (-P), optionally restricted to the services or
 *	service/type/field names given on the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "postconf.h"

void    pcf_master_load(int fatal_errors)
{
    VSTRING *data;
    VSTRING *err = vstring_alloc(100);
    PCF_TEXT *tp;
    size_t  i;
    int     open_err;

    (void) fatal_errors;
    pcf_state.master_loaded = 1;
    if ((data = pcf_file_read(pcf_state.master_path, &open_err)) == NULL) {
	errno = open_err;
	msg_warn("open %s: %m", pcf_state.master_path);
	vstring_free(err);
	return;
    }
    tp = pcf_text_parse(vstring_str(data), vstring_len(data), 1);
    for (i = 0; i < tp->nll; i++) {
	PCF_LLINE *ll = tp->ll + i;
	PCF_MASTER_ENT *ent;

	if (ll->kind == PCF_LL_OTHER)
	    continue;
	if (ll->kind == PCF_LL_INDENT) {
	    msg_warn("%s: logical line must not start with whitespace: \"%s\"",
		     pcf_state.master_path, ll->text);
	    continue;
	}
	if ((ent = pcf_master_parse(ll->text, ll->first, pcf_state.master_path,
				    err)) == NULL)
	    msg_fatal("%s", vstring_str(err));
	pcf_state.master = myrealloc(pcf_state.master,
		   (pcf_state.master_count + 1) * sizeof(*pcf_state.master));
	pcf_state.master[pcf_state.master_count++] = ent;
    }
    pcf_text_free(tp);
    vstring_free(data);
    vstring_free(err);
}

/* Does "service[/type]" select this entry? */
static int pcf_match_service(const PCF_MASTER_ENT *ent, const char *svc,
			             const char *type)
{
    return (strcmp(ent->field[0], svc) == 0
	    && (type == NULL || strcmp(ent->field[1], type) == 0));
}

static void pcf_show_fields(int mode, const PCF_MASTER_ENT *ent, int only)
{
    VSTRING *out = vstring_alloc(200);
    int     i;

    for (i = 0; i <= PCF_MASTER_NFIELD; i++) {
	PCF_LINE line;

	if (only >= 0 && i != only)
	    continue;
	vstring_reset(out);
	pcf_line_init(&line, out, mode & PCF_FOLD_LINE);
	if (!(mode & PCF_HIDE_NAME)) {
	    vstring_sprintf(out, "%s/%s/%s =", ent->field[0], ent->field[1],
			    pcf_master_field_names[i]);
	    line.col = vstring_len(out);
	    line.nosep = 0;
	}
	if (i < PCF_MASTER_NFIELD)
	    pcf_line_word(&line, ent->field[i]);
	else
	    pcf_format_command(&line, ent);
	printf("%s\n", vstring_str(out));
    }
    vstring_free(out);
}

static int pcf_cmp_idx(const void *a, const void *b, void *ctx)
{
    ARGV   *names = ctx;

    return (strcmp(names->argv[*(const size_t *) a],
		   names->argv[*(const size_t *) b]));
}

static void pcf_show_params(int mode, const PCF_MASTER_ENT *ent,
			            const char *only)
{
    size_t  n = ent->opt_names->argc;
    size_t *idx = mymalloc((n + 1) * sizeof(*idx));
    VSTRING *out = vstring_alloc(200);
    VSTRING *name = vstring_alloc(100);
    size_t  i;
    size_t  k = 0;

    /* Sorted by name; for a name given twice, the last value wins. */
    for (i = 0; i < n; i++) {
	size_t  j;
	int     later = 0;

	for (j = i + 1; j < n; j++)
	    if (strcmp(ent->opt_names->argv[i], ent->opt_names->argv[j]) == 0)
		later = 1;
	if (!later)
	    idx[k++] = i;
    }
    qsort_r(idx, k, sizeof(*idx), pcf_cmp_idx, ent->opt_names);
    for (i = 0; i < k; i++) {
	const char *pn = ent->opt_names->argv[idx[i]];
	const char *pv = ent->opt_values->argv[idx[i]];

	if (only && strcmp(only, pn) != 0)
	    continue;
	vstring_sprintf(name, "%s/%s/%s", ent->field[0], ent->field[1], pn);
	if (mode & PCF_HIDE_VALUE) {
	    printf("%s\n", vstring_str(name));
	} else if (mode & PCF_HIDE_NAME) {
	    PCF_LINE line;

	    vstring_reset(out);
	    pcf_line_init(&line, out, mode & PCF_FOLD_LINE);
	    pcf_line_words(&line, pv);
	    printf("%s\n", vstring_str(out));
	} else {
	    printf("%s\n", pcf_format_param(out, vstring_str(name), pv,
					    mode & PCF_FOLD_LINE));
	}
    }
    vstring_free(name);
    vstring_free(out);
    myfree(idx);
}

static void pcf_show_entry(int mode, const PCF_MASTER_ENT *ent,
			           const char *field)
{
    VSTRING *out;
    int     i;

    if (mode & PCF_MASTER_ENTRY) {
	out = vstring_alloc(200);
	printf("%s\n", pcf_format_master(out, ent, mode & PCF_FOLD_LINE));
	vstring_free(out);
    } else if (mode & PCF_MASTER_FLD) {
	int     only = -1;

	if (field) {
	    for (i = 0; i <= PCF_MASTER_NFIELD; i++)
		if (strcmp(field, pcf_master_field_names[i]) == 0)
		    only = i;
	}
	pcf_show_fields(mode, ent, only);
    } else {
	pcf_show_params(mode, ent, field);
    }
}

void    pcf_show_master(int mode, char **names)
{
    size_t  i;

    if (names == NULL || *names == NULL) {
	for (i = 0; i < pcf_state.master_count; i++)
	    pcf_show_entry(mode, pcf_state.master[i], NULL);
	return;
    }
    for (; *names; names++) {
	char   *copy = mystrdup(*names);
	char   *type = split_at(copy, '/');
	char   *field = type ? split_at(type, '/') : NULL;
	int     matched = 0;

	if (field && (mode & PCF_MASTER_FLD)) {
	    int     ok = 0;

	    for (i = 0; i <= PCF_MASTER_NFIELD; i++)
		if (strcmp(field, pcf_master_field_names[i]) == 0)
		    ok = 1;
	    if (!ok)
		field = NULL;
	}
	for (i = 0; i < pcf_state.master_count; i++) {
	    if (pcf_match_service(pcf_state.master[i], copy, type)) {
		matched = 1;
		pcf_show_entry(mode, pcf_state.master[i], field);
	    }
	}
	if (!matched)
	    msg_warn("unmatched request: \"%s\"", *names);
	myfree(copy);
    }
}
