/*
 * NAME
 *	smtpd_config 3
 * SUMMARY
 *	smtpd configuration loader
 * DESCRIPTION
 *	smtpd_config_load() reads the parameters the smtpd core uses from a
 *	MAIL_CONF into an SMTPD_CONFIG: limits with stock's lower bounds,
 *	the banner and domain lists expanded, mynetworks and
 *	smtpd_authorized_xclient_hosts parsed into address/prefix pairs, restriction lists split into words. Table
 *	references inside mynetworks, mydestination and relay_domains
 *	("type:name") are not looked up yet and are skipped. Pure:
 *	MAIL_CONF does no I/O.
 */
#include <ctype.h>
#include <string.h>

#include "argv.h"
#include "cleanup_proto.h"
#include "mail_conf.h"
#include "input_transp.h"
#include "mail_params.h"
#include "mymalloc.h"
#include "stringops.h"
#include "smtpd/smtpd.h"

#define SMTPD_LIST_SEP	", \t\r\n"

/* smtpd_config_words - list parameter split into words */

static ARGV *smtpd_config_words(MAIL_CONF *conf, const char *name, bool lower,
				        VSTRING *err)
{
    const char *value = mail_conf_expand(conf, name, err);
    ARGV   *words;
    size_t  i;

    if (value == 0)
	return (0);
    words = argv_split(value, SMTPD_LIST_SEP);
    for (i = 0; lower && i < words->argc; i++)
	lowercase(words->argv[i]);
    return (words);
}

/* smtpd_config_domains - domain list without table references */

static ARGV *smtpd_config_domains(MAIL_CONF *conf, const char *name, VSTRING *err)
{
    ARGV   *words = smtpd_config_words(conf, name, true, err);
    ARGV   *out;
    size_t  i;

    if (words == 0)
	return (0);
    out = argv_alloc(words->argc + 1);
    for (i = 0; i < words->argc; i++)
	if (strchr(words->argv[i], ':') == 0)
	    argv_add(out, words->argv[i]);
    argv_free(words);
    return (out);
}

/* smtpd_config_networks - mynetworks into CIDR entries */

static int smtpd_config_networks(MAIL_CONF *conf, const char *name,
				         SMTPD_CIDR_LIST *list, VSTRING *err)
{
    ARGV   *words = smtpd_config_words(conf, name, false, err);
    size_t  i;

    if (words == 0)
	return (-1);
    list->items = mymalloc(sizeof(*list->items) * (words->argc + 1));
    list->count = 0;
    for (i = 0; i < words->argc; i++) {
	const char *w = words->argv[i];

	/* "type:table" (not an IPv6 address) is a table reference. */
	if (isalpha((unsigned char) w[0]) && strchr(w, ':') && strspn(w, "0123456789abcdefABCDEF:./") != strlen(w))
	    continue;
	/* Host names (not looked up here) are skipped in the XCLIENT list. */
	if (strcmp(name, VAR_MYNETWORKS) != 0 && isalpha((unsigned char) w[0])
	    && strchr(w, ':') == 0)
	    continue;
	if (smtpd_cidr_parse(w, list->items + list->count) < 0) {
	    vstring_sprintf(err, "%s: bad address pattern: \"%s\"", name, w);
	    argv_free(words);
	    return (-1);
	}
	list->count++;
    }
    argv_free(words);
    return (0);
}

/* smtpd_config_plain_words - command names only ("CONNECT GET POST") */

static ARGV *smtpd_config_plain_words(MAIL_CONF *conf, const char *name, VSTRING *err)
{
    ARGV   *words = smtpd_config_words(conf, name, false, err);
    ARGV   *out;
    size_t  i;

    if (words == 0)
	return (0);
    out = argv_alloc(words->argc + 1);
    for (i = 0; i < words->argc; i++) {
	const char *cp = words->argv[i];

	if (*cp && strspn(cp, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == strlen(cp))
	    argv_add(out, uppercase(words->argv[i]));
    }
    argv_free(words);
    return (out);
}

/* smtpd_config_can_refuse - a list with a final refusal for strangers */

static bool smtpd_config_can_refuse(const ARGV *list)
{
    static const char *refusers[] = {"reject_unauth_destination", "defer_unauth_destination",
	"reject", "defer", "defer_if_permit", "check_relay_domains", 0};
    size_t  i;
    int     j;

    for (i = 0; i < list->argc; i++)
	for (j = 0; refusers[j]; j++)
	    if (strcaseeq(list->argv[i], refusers[j]))
		return (true);
    return (false);
}

SMTPD_CONFIG *smtpd_config_load(MAIL_CONF *conf, VSTRING *err)
{
    SMTPD_CONFIG *cfg = mycalloc(1, sizeof(*cfg));
    const char *value;
    long    num;
    ARGV   *parents;
    size_t  i;

    if ((cfg->myhostname = mail_conf_strdup(conf, VAR_MYHOSTNAME, err)) == 0
	|| (cfg->mail_name = mail_conf_strdup(conf, VAR_MAIL_NAME, err)) == 0
	|| (cfg->banner = mail_conf_strdup(conf, VAR_SMTPD_BANNER, err)) == 0)
	goto bad;
    if (mail_conf_time_ms(conf, VAR_SMTPD_TIMEOUT, 1, &cfg->timeout_ms, err) < 0
	|| mail_conf_time_ms(conf, VAR_SMTPD_ERROR_SLEEP_TIME, 0, &cfg->error_sleep_ms, err) < 0
	|| mail_conf_long_min(conf, VAR_SMTPD_SOFT_ERROR_LIMIT, 1, &cfg->soft_error_limit, err) < 0
	|| mail_conf_long_min(conf, VAR_SMTPD_HARD_ERROR_LIMIT, 1, &cfg->hard_error_limit, err) < 0
	|| mail_conf_long_min(conf, VAR_SMTPD_JUNK_COMMAND_LIMIT, 1, &cfg->junk_command_limit, err) < 0)
	goto bad;
    if (mail_conf_long_min(conf, VAR_SMTPD_RECIPIENT_LIMIT, 1, &num, err) < 0)
	goto bad;
    cfg->recipient_limit = (size_t) num;
    if (mail_conf_long_min(conf, VAR_LINE_LENGTH_LIMIT, 1, &num, err) < 0)
	goto bad;
    cfg->line_length_limit = (size_t) num;
    if (mail_conf_long_min(conf, VAR_MESSAGE_SIZE_LIMIT, 0, &num, err) < 0)
	goto bad;
    cfg->message_size_limit = (size_t) num;
    if (mail_conf_bool(conf, VAR_DISABLE_VRFY_COMMAND, &cfg->disable_vrfy, err) < 0
	|| mail_conf_bool(conf, VAR_SMTPD_HELO_REQUIRED, &cfg->helo_required, err) < 0
	|| mail_conf_bool(conf, VAR_STRICT_RFC821_ENVELOPES, &cfg->strict_rfc821, err) < 0
	|| mail_conf_bool(conf, VAR_SMTPD_DELAY_OPEN_UNTIL_VALID_RCPT, &cfg->delay_open, err) < 0
	|| mail_conf_bool(conf, VAR_SMTPD_CLIENT_PORT_LOGGING, &cfg->client_port_logging, err) < 0
	|| mail_conf_bool(conf, VAR_SMTPUTF8_ENABLE, &cfg->smtputf8_enable, err) < 0)
	goto bad;
    if ((cfg->discard_ehlo = smtpd_config_words(conf, VAR_SMTPD_DISCARD_EHLO_KEYWORDS, true, err)) == 0
	|| (cfg->forbidden_commands = smtpd_config_plain_words(conf, VAR_SMTPD_FORBIDDEN_COMMANDS, err)) == 0
	|| (cfg->relay_restrictions = smtpd_config_words(conf, VAR_SMTPD_RELAY_RESTRICTIONS, false, err)) == 0
	|| (cfg->recipient_restrictions = smtpd_config_words(conf, VAR_SMTPD_RECIPIENT_RESTRICTIONS, false, err)) == 0
	|| (cfg->mydestination = smtpd_config_domains(conf, VAR_MYDESTINATION, err)) == 0
	|| (cfg->relay_domains = smtpd_config_domains(conf, VAR_RELAY_DOMAINS, err)) == 0)
	goto bad;
    /* As stock: without a restriction that can refuse, the server is an open relay. */
    if (!smtpd_config_can_refuse(cfg->relay_restrictions)
	&& !smtpd_config_can_refuse(cfg->recipient_restrictions)) {
	vstring_sprintf(err, "in parameter %s or %s, specify at least one working instance of:"
			" reject_unauth_destination, defer_unauth_destination, reject, defer,"
			" defer_if_permit or check_relay_domains",
			VAR_SMTPD_RELAY_RESTRICTIONS, VAR_SMTPD_RECIPIENT_RESTRICTIONS);
	goto bad;
    }
    if (smtpd_config_networks(conf, VAR_MYNETWORKS, &cfg->mynetworks, err) < 0
	|| smtpd_config_networks(conf, VAR_SMTPD_AUTHORIZED_XCLIENT_HOSTS,
				 &cfg->xclient_hosts, err) < 0
	|| smtpd_config_networks(conf, VAR_SMTPD_AUTHORIZED_XFORWARD_HOSTS,
				 &cfg->xforward_hosts, err) < 0)
	goto bad;
    if ((parents = smtpd_config_words(conf, VAR_PARENT_DOMAIN_MATCHES_SUBDOMAINS, true, err)) == 0)
	goto bad;
    for (i = 0; i < parents->argc; i++)
	if (strcmp(parents->argv[i], VAR_RELAY_DOMAINS) == 0)
	    cfg->relay_parent_match = true;
    argv_free(parents);

    /* 3.7 knows yes/no; 3.9's normalize is the safe default here (see smtpd(8)). */
    if ((value = mail_conf_expand(conf, VAR_SMTPD_FORBID_BARE_NEWLINE, err)) == 0)
	goto bad;
    if (strcaseeq(value, "normalize") || strcaseeq(value, "no") || *value == 0) {
	cfg->bare_lf = SMTPD_BARE_LF_NORMALIZE;
    } else if (strcaseeq(value, "reject") || strcaseeq(value, "yes")) {
	cfg->bare_lf = SMTPD_BARE_LF_REJECT;
    } else {
	vstring_sprintf(err, "invalid %s parameter value: \"%s\"",
			VAR_SMTPD_FORBID_BARE_NEWLINE, value);
	goto bad;
    }
    if (mail_conf_long_min(conf, VAR_SMTPD_FORBID_BARE_NEWLINE_REJECT_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->bare_lf_code = (int) num;
    if (mail_conf_long_min(conf, VAR_RELAY_DOMAINS_REJECT_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->relay_reject_code = (int) num;
    if (mail_conf_long_min(conf, VAR_REJECT_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->reject_code = (int) num;
    if (mail_conf_long_min(conf, VAR_DEFER_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->defer_code = (int) num;
    if (mail_conf_long_min(conf, VAR_NON_FQDN_REJECT_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->non_fqdn_code = (int) num;
    if (mail_conf_long_min(conf, VAR_INVALID_HOSTNAME_REJECT_CODE, 400, &num, err) < 0)
	goto bad;
    cfg->invalid_hostname_code = (int) num;
    if (input_transp_conf(conf, &cfg->cleanup_flags, err) < 0)
	goto bad;
    return (cfg);

bad:
    smtpd_config_free(cfg);
    return (0);
}

void    smtpd_config_free(SMTPD_CONFIG *cfg)
{
    if (cfg == 0)
	return;
    myfree(cfg->myhostname);
    myfree(cfg->mail_name);
    myfree(cfg->banner);
    argv_free(cfg->discard_ehlo);
    argv_free(cfg->forbidden_commands);
    argv_free(cfg->relay_restrictions);
    argv_free(cfg->recipient_restrictions);
    argv_free(cfg->mydestination);
    argv_free(cfg->relay_domains);
    myfree(cfg->mynetworks.items);
    myfree(cfg->xclient_hosts.items);
    myfree(cfg->xforward_hosts.items);
    myfree(cfg);
}
