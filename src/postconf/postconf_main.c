/*
 * NAME
 *	postconf_main 3
 * SUMMARY
 *	main.cf parameters: loading and output
 * DESCRIPTION
 *	pcf_main_load() reads main.cf into name/value entries in order of
 *	first definition. pcf_show_main() prints parameters the way the
 *	command-line flags ask: everything, only main.cf settings (-n),
 *	defaults (-d), expanded (-x), without names (-h) or values (-H).
 *	A value is printed as its words joined by single spaces, folded at
 *	80 columns with -f.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "mail_params.h"
#include "postconf.h"

PCF_STATE pcf_state;

static void pcf_main_set(const char *name, const char *value, int line)
{
    PCF_MAIN_ENT *ep = htable_find(pcf_state.main_index, name);

    if (ep != NULL) {
	myfree(ep->value);
	ep->value = mystrdup(value);
	return;
    }
    pcf_state.main_ents = myrealloc(pcf_state.main_ents,
		     (pcf_state.main_count + 1) * sizeof(*pcf_state.main_ents));
    ep = pcf_state.main_ents + pcf_state.main_count++;
    ep->name = mystrdup(name);
    ep->value = mystrdup(value);
    ep->line = line;
}

void    pcf_main_load(void)
{
    VSTRING *data;
    PCF_TEXT *tp;
    size_t  i;
    int     err;

    if ((data = pcf_file_read(pcf_state.main_path, &err)) == NULL) {
	errno = err;
	msg_fatal("open %s: %m", pcf_state.main_path);
    }
    tp = pcf_text_parse(vstring_str(data), vstring_len(data), 0);
    pcf_state.main_index = htable_create(100);
    for (i = 0; i < tp->nll; i++) {
	PCF_LLINE *ll = tp->ll + i;
	char   *buf;
	char   *name;
	char   *value;
	const char *why;

	if (ll->kind == PCF_LL_OTHER)
	    continue;
	buf = mystrdup(ll->text);
	if ((why = split_nameval(buf, &name, &value)) != NULL)
	    msg_fatal("%s, line %d: %s: \"%s\"", pcf_state.main_path,
		      ll->first, why, ll->text);
	pcf_main_set(name, value, ll->first);
	myfree(buf);
    }
    /* Index after the array stops moving. */
    for (i = 0; i < pcf_state.main_count; i++)
	htable_enter(pcf_state.main_index, pcf_state.main_ents[i].name,
		     pcf_state.main_ents + i);
    pcf_text_free(tp);
    vstring_free(data);
}

/* The value in effect before defaults: -o override, then main.cf. */
const char *pcf_main_raw(const char *name)
{
    PCF_MAIN_ENT *ep;
    size_t  i;

    if (pcf_state.override_names) {
	for (i = pcf_state.override_names->argc; i-- > 0; /* void */ )
	    if (strcmp(pcf_state.override_names->argv[i], name) == 0)
		return (pcf_state.override_values->argv[i]);
    }
    if (pcf_state.main_index
	&& (ep = htable_find(pcf_state.main_index, name)) != NULL)
	return (ep->value);
    return (NULL);
}

/*
 * Without -d, stock computes the mynetworks default from the configured
 * mynetworks_style and inet_protocols (which follow compatibility_level);
 * with -d it uses the built-in style.
 */
static int pcf_defaults_only;

static const char *pcf_configured_mynetworks(void)
{
    static char *networks;
    char   *style;
    char   *protocols;
    VSTRING *why;

    if (networks != NULL)
	return (networks);
    style = pcf_expand(pcf_default("mynetworks_style"));
    protocols = pcf_expand(pcf_main_raw("inet_protocols") ?
		       pcf_main_raw("inet_protocols") : pcf_default("inet_protocols"));
    if (pcf_main_raw("mynetworks_style") != NULL) {
	myfree(style);
	style = pcf_expand(pcf_main_raw("mynetworks_style"));
    }
    why = vstring_alloc(100);
    if ((networks = mail_host_mynetworks(style, protocols, why)) == NULL)
	msg_fatal("%s", vstring_str(why));
    vstring_free(why);
    myfree(style);
    myfree(protocols);
    return (networks);
}

/*
 * Host defaults that depend on other settings: mydomain follows a
 * configured myhostname, myhostname takes a configured mydomain when the
 * system name has no dot.
 */
static const char *pcf_configured_default(const char *name)
{
    static VSTRING *buf;
    const char *value;
    char   *expanded;

    if (strcmp(name, "mynetworks") == 0)
	return (pcf_configured_mynetworks());
    if (buf == NULL)
	buf = vstring_alloc(100);
    if (strcmp(name, "mydomain") == 0
	&& (value = pcf_main_raw("myhostname")) != NULL) {
	expanded = pcf_expand(value);
	param_domain_of(buf, expanded);
	myfree(expanded);
	return (vstring_str(buf));
    }
    if (strcmp(name, "myhostname") == 0
	&& (value = pcf_main_raw("mydomain")) != NULL) {
	expanded = pcf_expand(value);
	param_fqdn_hostname(buf, mail_host_system_name(), expanded);
	myfree(expanded);
	return (vstring_str(buf));
    }
    return (NULL);
}

/* Default of a built-in or service-derived parameter; "" for user ones. */
const char *pcf_default(const char *name)
{
    const char *def;

    if (!pcf_defaults_only && (def = pcf_configured_default(name)) != NULL)
	return (def);
    if ((def = pcf_builtin_default(name)) != NULL)
	return (def);
    if (pcf_state.known)
	return (htable_find(pcf_state.known, name));
    return (NULL);
}

int     pcf_is_known(const char *name)
{
    return (pcf_builtin_default(name) != NULL
	    || (pcf_state.known && htable_locate(pcf_state.known, name)));
}

static const char *pcf_lookup_eval(const char *name, void *ctx)
{
    const char *val;

    (void) ctx;
    if ((val = pcf_main_raw(name)) != NULL)
	return (val);
    return (pcf_default(name));
}

char   *pcf_expand(const char *value)
{
    return (pcf_expand_value(value, pcf_lookup_eval, NULL));
}

static void pcf_print_param(int mode, const char *name, const char *value)
{
    VSTRING *out = vstring_alloc(200);
    char   *expanded = NULL;

    if ((mode & PCF_SHOW_EVAL) && !(mode & PCF_SHOW_DEFS)
	&& !pcf_builtin_is_raw(name))
	value = expanded = pcf_expand(value);
    if (mode & PCF_HIDE_VALUE) {
	printf("%s\n", name);
    } else if (mode & PCF_HIDE_NAME) {
	PCF_LINE line;

	pcf_line_init(&line, out, mode & PCF_FOLD_LINE);
	pcf_line_words(&line, value);
	printf("%s\n", vstring_str(out));
    } else {
	printf("%s\n", pcf_format_param(out, name, value,
					mode & PCF_FOLD_LINE));
    }
    myfree(expanded);
    vstring_free(out);
}

static int pcf_cmp_names(const void *a, const void *b)
{
    return (strcmp(*(char *const *) a, *(char *const *) b));
}

/* Names to list: every known parameter, or only those set (-n). */
static ARGV *pcf_list_names(int mode)
{
    ARGV   *names = argv_alloc(1000);
    size_t  i;

    if (mode & PCF_SHOW_NONDEF) {
	for (i = 0; i < pcf_state.main_count; i++)
	    if (pcf_is_known(pcf_state.main_ents[i].name))
		argv_add(names, pcf_state.main_ents[i].name);
	for (i = 0; pcf_state.override_names
	     && i < pcf_state.override_names->argc; i++)
	    if (pcf_is_known(pcf_state.override_names->argv[i]))
		argv_add(names, pcf_state.override_names->argv[i]);
    } else {
	size_t  count = pcf_builtin_count();

	for (i = 0; i < count; i++)
	    argv_add(names, pcf_builtin_name(i));
	if (pcf_state.known) {
	    HTABLE_INFO **list = htable_list(pcf_state.known);
	    HTABLE_INFO **ht;

	    for (ht = list; *ht; ht++) {
		/* User-defined ones (no default) only when set. */
		if ((*ht)->value == NULL
		    && ((mode & PCF_SHOW_DEFS) || pcf_main_raw((*ht)->key) == NULL))
		    continue;
		argv_add(names, (*ht)->key);
	    }
	    myfree(list);
	}
    }
    qsort(names->argv, names->argc, sizeof(char *), pcf_cmp_names);
    argv_uniq(names);
    return (names);
}

static void pcf_show_one(int mode, const char *name)
{
    const char *value;

    if (mode & PCF_SHOW_DEFS) {
	if ((value = pcf_default(name)) == NULL)
	    value = "";
    } else if ((value = pcf_main_raw(name)) == NULL
	       && (value = pcf_default(name)) == NULL) {
	value = "";
    }
    pcf_print_param(mode, name, value);
}

void    pcf_show_main(int mode, char **names)
{
    pcf_defaults_only = (mode & PCF_SHOW_DEFS) != 0;
    if (names && *names) {
	for (; *names; names++) {
	    if (!pcf_is_known(*names)
		|| ((mode & PCF_SHOW_DEFS) && pcf_default(*names) == NULL)) {
		msg_warn("%s: unknown parameter", *names);
		continue;
	    }
	    pcf_show_one(mode, *names);
	}
    } else {
	ARGV   *list = pcf_list_names(mode);
	size_t  i;

	for (i = 0; i < list->argc; i++)
	    pcf_show_one(mode, list->argv[i]);
	argv_free(list);
    }
}
