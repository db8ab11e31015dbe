/*
 * NAME
 *	postconf_unused 3
 * SUMMARY
 *	which main.cf and master.cf names count as parameters
 * DESCRIPTION
 *	Besides the built-in table, a name is a parameter when it is
 *	derived from a master.cf service (a transport named "relay" that
 *	runs smtp gets relay_destination_concurrency_limit and friends),
 *	or when it is user-defined: referenced as $name by any main.cf or
 *	master.cf value, or listed in smtpd_restriction_classes.
 *	pcf_register_names() fills pcf_state.known (service names map to
 *	their default, user names to NULL) and warns about references to
 *	names defined nowhere; pcf_warn_unused() warns about settings that
 *	are none of the above. Warnings come in file order.
 */
#include <string.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "postconf.h"

/* Per-transport parameters of delivery agents, with their defaults. */
static const char *const pcf_transport_params[][2] = {
    {"_delivery_slot_cost", "$default_delivery_slot_cost"},
    {"_delivery_slot_discount", "$default_delivery_slot_discount"},
    {"_delivery_slot_loan", "$default_delivery_slot_loan"},
    {"_destination_concurrency_failed_cohort_limit",
    "$default_destination_concurrency_failed_cohort_limit"},
    {"_destination_concurrency_limit", "$default_destination_concurrency_limit"},
    {"_destination_concurrency_negative_feedback",
    "$default_destination_concurrency_negative_feedback"},
    {"_destination_concurrency_positive_feedback",
    "$default_destination_concurrency_positive_feedback"},
    {"_destination_rate_delay", "$default_destination_rate_delay"},
    {"_destination_recipient_limit", "$default_destination_recipient_limit"},
    {"_extra_recipient_limit", "$default_extra_recipient_limit"},
    {"_initial_destination_concurrency", "$initial_destination_concurrency"},
    {"_minimum_delivery_slots", "$default_minimum_delivery_slots"},
    {"_recipient_limit", "$default_recipient_limit"},
    {"_recipient_refill_delay", "$default_recipient_refill_delay"},
    {"_recipient_refill_limit", "$default_recipient_refill_limit"},
    {"_transport_rate_delay", "$default_transport_rate_delay"},
};

static const char *const pcf_delivery_agents[] = {
    "error", "lmtp", "local", "pipe", "smtp", "virtual", 0,
};

static int pcf_in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
	if (strcmp(word, *list) == 0)
	    return (1);
    return (0);
}

static void pcf_add_known(const char *name, const char *def)
{
    if (pcf_builtin_default(name) != NULL)
	return;
    if (htable_locate(pcf_state.known, name) == NULL)
	htable_enter(pcf_state.known, name, (void *) def);
}

static void pcf_register_services(void)
{
    static const char *const time_limited[] = {"pipe", "spawn", 0};
    size_t  i;
    size_t  j;

    for (i = 0; i < pcf_state.master_count; i++) {
	PCF_MASTER_ENT *ent = pcf_state.master[i];
	const char *cmd = ent->args->argv[0];
	char   *name;

	if (pcf_in_list(cmd, pcf_delivery_agents)) {
	    for (j = 0; j < sizeof(pcf_transport_params)
		 / sizeof(pcf_transport_params[0]); j++) {
		name = concatenate(ent->field[0], pcf_transport_params[j][0],
				   (char *) 0);
		pcf_add_known(name, pcf_transport_params[j][1]);
		myfree(name);
	    }
	}
	if (pcf_in_list(cmd, time_limited)) {
	    name = concatenate(ent->field[0], "_time_limit", (char *) 0);
	    pcf_add_known(name, "$command_time_limit");
	    myfree(name);
	}
    }
}

typedef struct PCF_REF_CTX {
    ARGV   *names;
    ARGV   *where;			/* "main.cf" or "master.cf" */
    const char *file;
} PCF_REF_CTX;

static void pcf_collect_ref(const char *name, void *ctx)
{
    PCF_REF_CTX *rc = ctx;

    argv_add(rc->names, name);
    argv_add(rc->where, rc->file);
}

static int pcf_master_defines(const char *name)
{
    size_t  i;
    size_t  j;

    for (i = 0; i < pcf_state.master_count; i++)
	for (j = 0; j < pcf_state.master[i]->opt_names->argc; j++)
	    if (strcmp(pcf_state.master[i]->opt_names->argv[j], name) == 0)
		return (1);
    return (0);
}

void    pcf_register_names(void)
{
    PCF_REF_CTX rc;
    size_t  i;
    size_t  j;
    const char *classes;

    pcf_state.known = htable_create(100);
    pcf_register_services();

    rc.names = argv_alloc(20);
    rc.where = argv_alloc(20);
    rc.file = pcf_state.main_path;
    if ((classes = pcf_main_raw("smtpd_restriction_classes")) != NULL) {
	ARGV   *words = argv_split(classes, ", \t\r\n");

	for (i = 0; i < words->argc; i++)
	    pcf_collect_ref(words->argv[i], &rc);
	argv_free(words);
    }
    for (i = 0; i < pcf_state.main_count; i++)
	pcf_scan_refs(pcf_state.main_ents[i].value, pcf_collect_ref, &rc);
    rc.file = pcf_state.master_path;
    for (i = 0; i < pcf_state.master_count; i++)
	for (j = 0; j < pcf_state.master[i]->opt_values->argc; j++)
	    pcf_scan_refs(pcf_state.master[i]->opt_values->argv[j],
			  pcf_collect_ref, &rc);

    for (i = 0; i < rc.names->argc; i++) {
	const char *name = rc.names->argv[i];

	if (pcf_is_known(name))
	    continue;
	htable_enter(pcf_state.known, name, NULL);
	if (pcf_main_raw(name) == NULL && !pcf_master_defines(name))
	    msg_warn("%s: undefined parameter: %s", rc.where->argv[i], name);
    }
    argv_free(rc.names);
    argv_free(rc.where);
}

void    pcf_warn_unused(void)
{
    size_t  i;
    size_t  j;

    for (i = 0; i < pcf_state.main_count; i++) {
	PCF_MAIN_ENT *ep = pcf_state.main_ents + i;

	if (!pcf_is_known(ep->name)) {
	    char   *val = printable(mystrdup(ep->value), '?');

	    msg_warn("%s: unused parameter: %s=%s",
		     pcf_state.main_path, ep->name, val);
	    myfree(val);
	}
    }
    for (i = 0; i < pcf_state.master_count; i++) {
	PCF_MASTER_ENT *ent = pcf_state.master[i];

	for (j = 0; j < ent->opt_names->argc; j++)
	    if (!pcf_is_known(ent->opt_names->argv[j]))
		msg_warn("%s: unused parameter: %s=%s", pcf_state.master_path,
			 ent->opt_names->argv[j], ent->opt_values->argv[j]);
    }
}
