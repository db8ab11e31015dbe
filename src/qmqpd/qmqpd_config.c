/*
 * NAME
 *	qmqpd_config 3
 * SUMMARY
 *	qmqpd configuration loader
 * DESCRIPTION
 *	qmqpd_config_load() reads the parameters qmqpd uses from a MAIL_CONF
 *	into a QMQPD_CONFIG, with stock's range checks and wording, so the
 *	core never looks at main.cf itself. Pure: MAIL_CONF does no I/O.
 */
#include <string.h>

#include "argv.h"
#include "cleanup_proto.h"
#include "mail_conf.h"
#include "mail_params.h"
#include "mymalloc.h"
#include "stringops.h"
#include "qmqpd/qmqpd.h"

#define QMQPD_LIST_SEP	", \t\r\n"

/* qmqpd_config_str - expanded string parameter, copied */

static char *qmqpd_config_str(MAIL_CONF *conf, const char *name, VSTRING *err)
{
    const char *value = mail_conf_expand(conf, name, err);

    return (value ? mystrdup(value) : 0);
}

/* qmqpd_config_time_ms - time parameter with a lower bound, in ms */

static int qmqpd_config_time_ms(MAIL_CONF *conf, const char *name, long min,
				        core_time_ms *out, VSTRING *err)
{
    long    seconds;

    if (mail_conf_time(conf, name, 's', &seconds, err) < 0)
	return (-1);
    if (seconds < min) {
	vstring_sprintf(err, "invalid %s parameter value %ld < %ld", name, seconds, min);
	return (-1);
    }
    *out = (core_time_ms) seconds *1000;
    return (0);
}

/* qmqpd_receive_override - receive_override_options to cleanup flags */

int     qmqpd_receive_override(const char *value, int *flags, VSTRING *err)
{
    ARGV   *words = argv_split(value, QMQPD_LIST_SEP);
    size_t  i;
    int     status = 0;

    for (i = 0; i < words->argc; i++) {
	const char *w = words->argv[i];

	if (strcaseeq(w, "no_unknown_recipient_checks")) {
	     /* smtpd only */ ;
	} else if (strcaseeq(w, "no_address_mappings")) {
	    *flags &= ~(CLEANUP_FLAG_BCC_OK | CLEANUP_FLAG_MAP_OK);
	} else if (strcaseeq(w, "no_header_body_checks")) {
	    *flags &= ~CLEANUP_FLAG_FILTER;
	} else if (strcaseeq(w, "no_milters")) {
	    *flags &= ~CLEANUP_FLAG_MILTER;
	} else {
	    vstring_sprintf(err, "unknown receive_override_options value \"%s\" in \"%s\"",
			    w, value);
	    status = -1;
	    break;
	}
    }
    argv_free(words);
    return (status);
}

/* qmqpd_config_listed - is name an item of a list parameter */

static bool qmqpd_config_listed(const char *list, const char *name)
{
    ARGV   *words = argv_split(list, QMQPD_LIST_SEP);
    bool    found = false;
    size_t  i;

    for (i = 0; i < words->argc && !found; i++)
	found = strcaseeq(words->argv[i], name);
    argv_free(words);
    return (found);
}

QMQPD_CONFIG *qmqpd_config_load(MAIL_CONF *conf, VSTRING *err)
{
    QMQPD_CONFIG *cfg = mycalloc(1, sizeof(*cfg));
    const char *value;
    long    num;

    if (qmqpd_config_time_ms(conf, VAR_QMQPD_TIMEOUT, 1, &cfg->timeout_ms, err) < 0
	|| qmqpd_config_time_ms(conf, VAR_QMQPD_ERROR_DELAY, 0, &cfg->error_delay_ms, err) < 0
	|| mail_conf_bool(conf, VAR_QMQPD_CLIENT_PORT_LOGGING, &cfg->client_port_logging, err) < 0
	|| mail_conf_bool(conf, VAR_SOFT_BOUNCE, &cfg->soft_bounce, err) < 0)
	goto bad;
    if (mail_conf_int(conf, VAR_MESSAGE_SIZE_LIMIT, &num, err) < 0)
	goto bad;
    if (num < 0) {
	vstring_sprintf(err, "invalid %s parameter value %ld < 0", VAR_MESSAGE_SIZE_LIMIT, num);
	goto bad;
    }
    cfg->message_size_limit = (size_t) num;
    if (mail_conf_int(conf, VAR_LINE_LENGTH_LIMIT, &num, err) < 0)
	goto bad;
    if (num < 1) {
	vstring_sprintf(err, "invalid %s parameter value %ld < 1", VAR_LINE_LENGTH_LIMIT, num);
	goto bad;
    }
    cfg->line_length_limit = (size_t) num;
    if ((value = mail_conf_expand(conf, VAR_QMQPD_AUTHORIZED_CLIENTS, err)) == 0)
	goto bad;
    cfg->authorized_clients = argv_split(value, QMQPD_LIST_SEP);
    if ((value = mail_conf_expand(conf, VAR_PARENT_DOMAIN_MATCHES_SUBDOMAINS, err)) == 0)
	goto bad;
    cfg->parent_domain_match = qmqpd_config_listed(value, VAR_QMQPD_AUTHORIZED_CLIENTS);
    if ((cfg->myhostname = qmqpd_config_str(conf, VAR_MYHOSTNAME, err)) == 0
	|| (cfg->mail_name = qmqpd_config_str(conf, VAR_MAIL_NAME, err)) == 0
	|| (cfg->content_filter = qmqpd_config_str(conf, VAR_CONTENT_FILTER, err)) == 0
	|| (cfg->verp_delimiter_filter =
	    qmqpd_config_str(conf, VAR_VERP_DELIMITER_FILTER, err)) == 0)
	goto bad;
    if ((value = mail_conf_expand(conf, VAR_RECEIVE_OVERRIDE_OPTIONS, err)) == 0)
	goto bad;
    cfg->cleanup_flags = CLEANUP_FLAG_MASK_EXTERNAL;
    if (qmqpd_receive_override(value, &cfg->cleanup_flags, err) < 0)
	goto bad;
    return (cfg);

bad:
    qmqpd_config_free(cfg);
    return (0);
}

void    qmqpd_config_free(QMQPD_CONFIG *cfg)
{
    if (cfg == 0)
	return;
    argv_free(cfg->authorized_clients);
    myfree(cfg->myhostname);
    myfree(cfg->mail_name);
    myfree(cfg->content_filter);
    myfree(cfg->verp_delimiter_filter);
    myfree(cfg);
}
