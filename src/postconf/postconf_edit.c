/*
 * NAME
 *	postconf_edit 3
 * SUMMARY
 *	in-place edits of main.cf and master.cf
 * DESCRIPTION
 *	The file is split into logical lines; entries that an edit names
 *	are replaced, removed or commented out, and every other line is
 *	copied unchanged. New main.cf settings go at the end. A rewritten
 *	master.cf entry is printed in the folded -M layout, after any
 *	comment lines that trailed the old entry (as stock does). The
 *	result replaces the file through a temporary file and rename.
 */
#include <errno.h>
#include <string.h>
#include <sys/types.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "postconf.h"

static PCF_TEXT *pcf_edit_open(const char *path, VSTRING **datap, int master)
{
    int     err;

    if ((*datap = pcf_file_read(path, &err)) == NULL) {
	errno = err;
	msg_fatal("open %s: %m", path);
    }
    return (pcf_text_parse(vstring_str(*datap), vstring_len(*datap), master));
}

static void pcf_copy_lines(VSTRING *out, PCF_TEXT *tp, const PCF_LLINE *ll,
			           const char *prefix)
{
    int     n;

    for (n = ll->first; n <= ll->last; n++) {
	vstring_strcat(out, prefix);
	vstring_strcat(out, tp->lines->argv[n - 1]);
	vstring_addch(out, '\n');
    }
}

/* The name of a main.cf entry, or "" for non-entries. */
static char *pcf_entry_name(const PCF_LLINE *ll)
{
    const char *cp = ll->text;
    size_t  len;

    if (ll->kind != PCF_LL_ENTRY)
	return (mystrdup(""));
    len = strcspn(cp, "= \t");
    return (mystrndup(cp, len));
}

void    pcf_edit_main(int mode, char **args)
{
    VSTRING *data;
    VSTRING *out = vstring_alloc(10000);
    PCF_TEXT *tp = pcf_edit_open(pcf_state.main_path, &data, 0);
    ARGV   *names = argv_alloc(10);
    ARGV   *values = argv_alloc(10);
    char   *done;
    size_t  i;
    size_t  j;

    for (; *args; args++) {
	char   *buf = mystrdup(*args);
	char   *name;
	char   *value;
	const char *why;

	if (mode & PCF_EDIT_CONF) {
	    if ((why = split_nameval(buf, &name, &value)) != NULL)
		msg_fatal("%s: \"%s\"", why, *args);
	    argv_add(names, name);
	    argv_add(values, value);
	} else {
	    argv_add(names, trimblanks(skipblanks(buf)));
	    argv_add(values, "");
	}
	myfree(buf);
    }
    done = mycalloc(names->argc + 1, 1);
    for (i = 0; i < tp->nll; i++) {
	PCF_LLINE *ll = tp->ll + i;
	char   *name = pcf_entry_name(ll);
	ssize_t hit = -1;

	/* The last request for a name wins. */
	for (j = 0; j < names->argc; j++)
	    if (*name && strcmp(names->argv[j], name) == 0)
		hit = (ssize_t) j;
	if (hit < 0) {
	    pcf_copy_lines(out, tp, ll, "");
	} else if (mode & PCF_EDIT_CONF) {
	    if (!done[hit])
		vstring_sprintf_append(out, "%s = %s\n", names->argv[hit],
				       values->argv[hit]);
	    for (j = 0; j < names->argc; j++)
		if (strcmp(names->argv[j], name) == 0)
		    done[j] = 1;
	} else if (mode & PCF_COMMENT_OUT) {
	    pcf_copy_lines(out, tp, ll, "#");
	}
	myfree(name);
    }
    if (mode & PCF_EDIT_CONF) {
	for (j = 0; j < names->argc; j++) {
	    size_t  k;
	    int     later = 0;

	    for (k = j + 1; k < names->argc; k++)
		if (strcmp(names->argv[j], names->argv[k]) == 0)
		    later = 1;
	    if (!done[j] && !later)
		vstring_sprintf_append(out, "%s = %s\n", names->argv[j],
				       values->argv[j]);
	}
    }
    pcf_file_replace(pcf_state.main_path, vstring_str(out), vstring_len(out));
    myfree(done);
    argv_free(names);
    argv_free(values);
    pcf_text_free(tp);
    vstring_free(data);
    vstring_free(out);
}

/* One master.cf edit request. */
typedef struct PCF_MEDIT {
    char   *service;
    char   *type;
    char   *field;			/* -F/-P: field or parameter name */
    char   *value;			/* -e: new text */
    int     done;
} PCF_MEDIT;

static void pcf_medit_parse(PCF_MEDIT *ep, int mode, const char *arg)
{
    char   *buf = mystrdup(arg);
    char   *key = buf;
    char   *value = NULL;
    char   *cp;

    memset(ep, 0, sizeof(*ep));
    if (mode & PCF_EDIT_CONF) {
	if ((cp = strchr(buf, '=')) == NULL)
	    msg_fatal("-e option requires service/type=value argument: %s", arg);
	*cp = 0;
	value = cp + 1;
	key = trimblanks(skipblanks(buf));
	ep->value = mystrdup(skipblanks(value));
	trimblanks(ep->value);
    }
    if ((cp = split_at(key, '/')) == NULL)
	msg_fatal("invalid service/type specification: \"%s\"", arg);
    ep->service = mystrdup(key);
    key = cp;
    if (!(mode & PCF_MASTER_ENTRY)) {
	if ((cp = split_at(key, '/')) == NULL)
	    msg_fatal("invalid service/type/name specification: \"%s\"", arg);
	ep->field = mystrdup(cp);
    }
    ep->type = mystrdup(key);
    myfree(buf);
}

/* Applies one edit to a parsed entry; returns 0 to delete it. */
static int pcf_medit_apply(PCF_MEDIT *ep, int mode, PCF_MASTER_ENT **entp)
{
    PCF_MASTER_ENT *ent = *entp;
    VSTRING *err;
    size_t  i;

    if ((mode & PCF_MASTER_ENTRY) && !(mode & PCF_EDIT_CONF))
	return (0);
    err = vstring_alloc(100);
    if (mode & PCF_MASTER_ENTRY) {
	pcf_master_free(ent);
	if ((*entp = pcf_master_parse(ep->value, 0, pcf_state.master_path,
				      err)) == NULL)
	    msg_fatal("%s", vstring_str(err));
    } else if (mode & PCF_MASTER_FLD) {
	for (i = 0; i < PCF_MASTER_NFIELD; i++)
	    if (strcmp(ep->field, pcf_master_field_names[i]) == 0)
		break;
	if (i < PCF_MASTER_NFIELD) {
	    myfree(ent->field[i]);
	    ent->field[i] = mystrdup(ep->value);
	} else if (strcmp(ep->field, "command") == 0) {
	    argv_free(ent->args);
	    ent->args = pcf_split_command(ep->value);
	    pcf_master_options(ent);
	} else {
	    msg_fatal("invalid field name: \"%s\"", ep->field);
	}
    } else {
	/* -P: edit or remove "-o name=value" among the leading options. */
	size_t  last_opt = 1;
	int     found = 0;

	for (i = 1; i < ent->args->argc; i++) {
	    const char *arg = ent->args->argv[i];

	    if (arg[0] != '-' || strcmp(arg, "--") == 0)
		break;
	    if (strcmp(arg, "-o") == 0 && i + 1 < ent->args->argc) {
		char   *nv = ent->args->argv[i + 1];
		size_t  nlen = strcspn(nv, "=");

		if (strlen(ep->field) == nlen
		    && strncmp(nv, ep->field, nlen) == 0) {
		    found = 1;
		    if (mode & PCF_EDIT_CONF) {
			myfree(ent->args->argv[i + 1]);
			ent->args->argv[i + 1] =
			    concatenate(ep->field, "=", ep->value, (char *) 0);
		    } else {
			argv_delete(ent->args, i, 2);
			i--;
			continue;
		    }
		}
		i++;
	    }
	    last_opt = i + 1;
	}
	if (!found && (mode & PCF_EDIT_CONF)) {
	    char   *nv = concatenate(ep->field, "=", ep->value, (char *) 0);

	    argv_insert(ent->args, last_opt, nv);
	    argv_insert(ent->args, last_opt, "-o");
	    myfree(nv);
	}
	pcf_master_options(ent);
    }
    vstring_free(err);
    return (1);
}

void    pcf_edit_master(int mode, char **args)
{
    VSTRING *data;
    VSTRING *out = vstring_alloc(10000);
    VSTRING *line = vstring_alloc(200);
    VSTRING *err = vstring_alloc(100);
    PCF_TEXT *tp = pcf_edit_open(pcf_state.master_path, &data, 1);
    PCF_MEDIT *edits;
    size_t  nedit = 0;
    size_t  i;
    size_t  j;

    for (i = 0; args[i]; i++)
	 /* void */ ;
    edits = mycalloc(i + 1, sizeof(*edits));
    for (; args[nedit]; nedit++)
	pcf_medit_parse(edits + nedit, mode, args[nedit]);

    for (i = 0; i < tp->nll; i++) {
	PCF_LLINE *ll = tp->ll + i;
	PCF_MASTER_ENT *ent = NULL;
	int     hit = 0;
	int     keep = 1;

	if (ll->kind == PCF_LL_ENTRY
	    && (ent = pcf_master_parse(ll->text, ll->first,
				       pcf_state.master_path, err)) != NULL) {
	    for (j = 0; j < nedit; j++) {
		if (strcmp(edits[j].service, ent->field[0]) == 0
		    && strcmp(edits[j].type, ent->field[1]) == 0) {
		    hit = 1;
		    edits[j].done = 1;
		    if (mode & PCF_COMMENT_OUT)
			continue;
		    if (!pcf_medit_apply(edits + j, mode, &ent))
			keep = 0;
		}
	    }
	}
	if (!hit) {
	    pcf_copy_lines(out, tp, ll, "");
	} else if (mode & PCF_COMMENT_OUT) {
	    pcf_copy_lines(out, tp, ll, "#");
	} else if (keep) {
	    /* Comments that trailed the old entry come first. */
	    while (i + 1 < tp->nll && tp->ll[i + 1].kind == PCF_LL_OTHER) {
		i++;
		pcf_copy_lines(out, tp, tp->ll + i, "");
	    }
	    vstring_sprintf_append(out, "%s\n", pcf_format_master(line, ent, 1));
	}
	pcf_master_free(ent);
    }
    /* -M -e of a service that does not exist yet: append it. */
    for (j = 0; j < nedit; j++) {
	if (!edits[j].done && (mode & PCF_MASTER_ENTRY)
	    && (mode & PCF_EDIT_CONF)) {
	    PCF_MASTER_ENT *ent = pcf_master_parse(edits[j].value, 0,
					       pcf_state.master_path, err);

	    if (ent == NULL)
		msg_fatal("%s", vstring_str(err));
	    vstring_sprintf_append(out, "%s\n", pcf_format_master(line, ent, 1));
	    pcf_master_free(ent);
	}
    }
    pcf_file_replace(pcf_state.master_path, vstring_str(out), vstring_len(out));
    for (j = 0; j < nedit; j++) {
	myfree(edits[j].service);
	myfree(edits[j].type);
	myfree(edits[j].field);
	myfree(edits[j].value);
    }
    myfree(edits);
    pcf_text_free(tp);
    vstring_free(data);
    vstring_free(out);
    vstring_free(line);
    vstring_free(err);
}
