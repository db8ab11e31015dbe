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
#include "input_transp.h"
#include "mail_params.h"
#include "mymalloc.h"
#include "stringops.h"
#include "qmqpd/qmqpd.h"

#define QMQPD_LIST_SEP	", \t\r\n"

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

    if (mail_conf_time_ms(conf, VAR_QMQPD_TIMEOUT, 1, &cfg->timeout_ms, err) < 0
	|| mail_conf_time_ms(conf, VAR_QMQPD_ERROR_DELAY, 0, &cfg->error_delay_ms, err) < 0
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
    if ((cfg->myhostname = mail_conf_strdup(conf, VAR_MYHOSTNAME, err)) == 0
	|| (cfg->mail_name = mail_conf_strdup(conf, VAR_MAIL_NAME, err)) == 0
	|| (cfg->content_filter = mail_conf_strdup(conf, VAR_CONTENT_FILTER, err)) == 0
	|| (cfg->verp_delimiter_filter =
	    mail_conf_strdup(conf, VAR_VERP_DELIMITER_FILTER, err)) == 0)
	goto bad;
    if (input_transp_conf(conf, &cfg->cleanup_flags, err) < 0)
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
