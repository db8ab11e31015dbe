/*
 * NAME
 *	cleanup_config 3
 * SUMMARY
 *	cleanup(8) configuration from main.cf
 * DESCRIPTION
 *	Reads the parameters the cleanup core uses from a MAIL_CONF into a
 *	CLEANUP_CONFIG. Strings are copied, so the result outlives later
 *	changes to the MAIL_CONF. Pure: MAIL_CONF holds no I/O.
 */
#include <stddef.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "cleanup.h"

#define CLEANUP_DEF_DROP_HEADERS "bcc, content-length, resent-bcc, return-path"

static CLEANUP_CONFIG *cleanup_config_alloc(void)
{
    CLEANUP_CONFIG *cfg = (CLEANUP_CONFIG *) mycalloc(1, sizeof(*cfg));

    cfg->strings = argv_alloc(16);
    return (cfg);
}

/* Keeps a copy of str for the life of cfg. */
static const char *cleanup_config_keep(CLEANUP_CONFIG *cfg, const char *str)
{
    argv_add(cfg->strings, str);
    return (cfg->strings->argv[cfg->strings->argc - 1]);
}

static void cleanup_config_drop_list(CLEANUP_CONFIG *cfg, const char *value)
{
    size_t  i;

    argv_free(cfg->message_drop_headers);
    cfg->message_drop_headers = argv_split(value, ", \t\r\n");
    for (i = 0; i < cfg->message_drop_headers->argc; i++)
	lowercase(cfg->message_drop_headers->argv[i]);
}

CLEANUP_CONFIG *cleanup_config_defaults(const char *myhostname, const char *mydomain)
{
    CLEANUP_CONFIG *cfg = cleanup_config_alloc();

    cfg->myhostname = cleanup_config_keep(cfg, myhostname);
    cfg->myorigin = cfg->myhostname;
    cfg->mydomain = cleanup_config_keep(cfg, mydomain);
    cfg->remote_header_rewrite_domain = "";
    cfg->append_at_myorigin = true;
    cfg->append_dot_mydomain = false;	/* compatibility_level >= 1 */
    cfg->swap_bangpath = true;
    cfg->allow_percent_hack = true;
    cfg->always_add_missing_headers = false;
    cfg->enable_original_recipient = true;
    cfg->empty_address_recipient = "MAILER-DAEMON";
    cfg->undisclosed_recipients_header = "";
    cfg->message_size_limit = 10240000;
    cfg->header_size_limit = 102400;
    cfg->hopcount_limit = 50;
    cfg->duplicate_filter_limit = 1000;
    cleanup_config_drop_list(cfg, CLEANUP_DEF_DROP_HEADERS);
    cfg->tz_offset_minutes = 0;
    cfg->tz_name = "UTC";
    return (cfg);
}

void    cleanup_config_free(CLEANUP_CONFIG *cfg)
{
    if (cfg == 0)
	return;
    argv_free(cfg->message_drop_headers);
    argv_free(cfg->strings);
    myfree(cfg);
}

void    cleanup_config_rewrite(const CLEANUP_CONFIG *cfg, REWRITE_ADDR_CONFIG *rw)
{
    rw->myorigin = cfg->myorigin;
    rw->mydomain = cfg->mydomain;
    rw->remote_domain = cfg->remote_header_rewrite_domain;
    rw->swap_bangpath = cfg->swap_bangpath;
    rw->allow_percent_hack = cfg->allow_percent_hack;
    rw->append_at_myorigin = cfg->append_at_myorigin;
    rw->append_dot_mydomain = cfg->append_dot_mydomain;
}

typedef struct CLEANUP_STR_PARAM {
    const char *name;
    size_t  offset;
} CLEANUP_STR_PARAM;

typedef struct CLEANUP_BOOL_PARAM {
    const char *name;
    size_t  offset;
} CLEANUP_BOOL_PARAM;

typedef struct CLEANUP_LONG_PARAM {
    const char *name;
    size_t  offset;
    long    min;
} CLEANUP_LONG_PARAM;

#define STR(name, field) {name, offsetof(CLEANUP_CONFIG, field)}
static const CLEANUP_STR_PARAM cleanup_str_params[] = {
    STR("myhostname", myhostname),
    STR("myorigin", myorigin),
    STR("mydomain", mydomain),
    STR("remote_header_rewrite_domain", remote_header_rewrite_domain),
    STR("empty_address_recipient", empty_address_recipient),
    STR("undisclosed_recipients_header", undisclosed_recipients_header),
};

static const CLEANUP_BOOL_PARAM cleanup_bool_params[] = {
    STR("append_at_myorigin", append_at_myorigin),
    STR("append_dot_mydomain", append_dot_mydomain),
    STR("swap_bangpath", swap_bangpath),
    STR("allow_percent_hack", allow_percent_hack),
    STR("always_add_missing_headers", always_add_missing_headers),
    STR("enable_original_recipient", enable_original_recipient),
};

#define LNG(name, field, min) {name, offsetof(CLEANUP_CONFIG, field), min}
static const CLEANUP_LONG_PARAM cleanup_long_params[] = {
    LNG("message_size_limit", message_size_limit, 0),
    LNG("header_size_limit", header_size_limit, 1),
    LNG("hopcount_limit", hopcount_limit, 1),
    LNG("duplicate_filter_limit", duplicate_filter_limit, 0),
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

CLEANUP_CONFIG *cleanup_config_load(MAIL_CONF *conf, VSTRING *err)
{
    CLEANUP_CONFIG *cfg = cleanup_config_alloc();
    const char *value;
    bool    bval;
    long    lval;
    size_t  i;

    for (i = 0; i < ARRAY_LEN(cleanup_str_params); i++) {
	if ((value = mail_conf_expand(conf, cleanup_str_params[i].name, err)) == 0) {
	    if (vstring_len(err) != 0)
		goto bad;
	    value = "";
	}
	*(const char **) ((char *) cfg + cleanup_str_params[i].offset) =
	    cleanup_config_keep(cfg, value);
    }
    for (i = 0; i < ARRAY_LEN(cleanup_bool_params); i++) {
	if (mail_conf_bool(conf, cleanup_bool_params[i].name, &bval, err) != 0)
	    goto bad;
	*(bool *) ((char *) cfg + cleanup_bool_params[i].offset) = bval;
    }
    for (i = 0; i < ARRAY_LEN(cleanup_long_params); i++) {
	if (mail_conf_size(conf, cleanup_long_params[i].name, &lval, err) != 0)
	    goto bad;
	if (lval < cleanup_long_params[i].min) {
	    vstring_sprintf(err, "invalid %s parameter value %ld < %ld",
			    cleanup_long_params[i].name, lval,
			    cleanup_long_params[i].min);
	    goto bad;
	}
	*(long *) ((char *) cfg + cleanup_long_params[i].offset) = lval;
    }
    if ((value = mail_conf_expand(conf, "message_drop_headers", err)) == 0) {
	if (vstring_len(err) != 0)
	    goto bad;
	value = CLEANUP_DEF_DROP_HEADERS;
    }
    cleanup_config_drop_list(cfg, value);
    cfg->tz_offset_minutes = 0;
    cfg->tz_name = "UTC";
    return (cfg);

bad:
    cleanup_config_free(cfg);
    return (0);
}
