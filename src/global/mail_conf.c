/*
 * NAME
 *	mail_conf 3
 * SUMMARY
 *	configuration view: overrides, main.cf and defaults
 * DESCRIPTION
 *	Answers parameter questions in the order a stock daemon uses:
 *	a -o override, then main.cf, then the built-in default. Expanded
 *	values are cached per name; any override drops the whole cache
 *	because other values may refer to the changed one. Typed getters
 *	use the value parsers of mail_params.c and word their complaints
 *	as stock daemons do. This file does no I/O itself; the standard
 *	default lookup may call param_computed_default(), which asks the
 *	host once (mail_host.c); tests install their own default lookup.
 */
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "htable.h"
#include "main_cf.h"
#include "mac_expand.h"
#include "mail_params.h"
#include "mail_conf.h"

struct MAIL_CONF {
    MAIN_CF *main_cf;
    HTABLE *overrides;			/* name -> char * */
    HTABLE *cache;			/* name -> expanded char * */
    MAIL_CONF_DEFAULT_FN default_fn;
    void   *default_ctx;
};

/* mail_conf_std_default - the parameter table, or the host's facts */

static const char *mail_conf_std_default(const char *name, void *unused_ctx)
{
    const PARAM_SPEC *spec = param_find(name);
    const char *computed = 0;

    if (spec == 0 || (spec->flags & PARAM_FLAG_COMPUTED))
	computed = param_computed_default(name);
    if (computed != 0)
	return (computed);
    return (spec ? spec->def : 0);
}

MAIL_CONF *mail_conf_create(MAIN_CF *main_cf)
{
    MAIL_CONF *conf = (MAIL_CONF *) mymalloc(sizeof(*conf));

    conf->main_cf = main_cf ? main_cf : main_cf_create();
    conf->overrides = htable_create(16);
    conf->cache = htable_create(64);
    conf->default_fn = mail_conf_std_default;
    conf->default_ctx = 0;
    return (conf);
}

void    mail_conf_free(MAIL_CONF *conf)
{
    if (conf == 0)
	return;
    main_cf_free(conf->main_cf);
    htable_free(conf->overrides, myfree);
    htable_free(conf->cache, myfree);
    myfree(conf);
}

static void mail_conf_flush(MAIL_CONF *conf)
{
    htable_free(conf->cache, myfree);
    conf->cache = htable_create(64);
}

void    mail_conf_set_defaults(MAIL_CONF *conf, MAIL_CONF_DEFAULT_FN fn, void *context)
{
    conf->default_fn = fn ? fn : mail_conf_std_default;
    conf->default_ctx = context;
    mail_conf_flush(conf);
}

void    mail_conf_override(MAIL_CONF *conf, const char *name, const char *value)
{
    htable_delete(conf->overrides, name, myfree);
    htable_enter(conf->overrides, name, mystrdup(value));
    mail_conf_flush(conf);
}

MAIN_CF *mail_conf_main_cf(MAIL_CONF *conf)
{
    mail_conf_flush(conf);			/* caller may change it */
    return (conf->main_cf);
}

const char *mail_conf_raw(MAIL_CONF *conf, const char *name)
{
    const char *value;

    if ((value = (const char *) htable_find(conf->overrides, name)) != 0)
	return (value);
    if ((value = main_cf_get(conf->main_cf, name)) != 0)
	return (value);
    return (conf->default_fn(name, conf->default_ctx));
}

static const char *mail_conf_lookup(const char *name, void *context)
{
    return (mail_conf_raw((MAIL_CONF *) context, name));
}

int     mail_conf_expand_text(MAIL_CONF *conf, VSTRING *out, const char *text,
			              VSTRING *err)
{
    vstring_reset(out);
    return (mac_expand(out, text, mail_conf_lookup, (void *) conf, err));
}

const char *mail_conf_expand(MAIL_CONF *conf, const char *name, VSTRING *err)
{
    const char *raw;
    char   *value;
    VSTRING *buf;

    if ((value = (char *) htable_find(conf->cache, name)) != 0)
	return (value);
    if ((raw = mail_conf_raw(conf, name)) == 0) {
	if (err)
	    vstring_sprintf(err, "%s: unknown parameter", name);
	return (0);
    }
    buf = vstring_alloc(64);
    if (mac_expand(buf, raw, mail_conf_lookup, (void *) conf, err) != MAC_EXP_OK) {
	vstring_free(buf);
	return (0);
    }
    value = vstring_export(buf);
    htable_enter(conf->cache, name, value);
    return (value);
}

int     mail_conf_int(MAIL_CONF *conf, const char *name, long *value, VSTRING *err)
{
    const char *str = mail_conf_expand(conf, name, err);
    int     ival;

    if (str == 0)
	return (-1);
    if (param_parse_int(str, &ival) < 0) {
	if (err)
	    vstring_sprintf(err, "bad numerical configuration: %s = %s", name, str);
	return (-1);
    }
    *value = ival;
    return (0);
}

int     mail_conf_size(MAIL_CONF *conf, const char *name, long *value, VSTRING *err)
{
    const char *str = mail_conf_expand(conf, name, err);

    if (str == 0)
	return (-1);
    if (param_parse_long(str, value) < 0) {
	if (err)
	    vstring_sprintf(err, "bad numerical configuration: %s = %s", name, str);
	return (-1);
    }
    return (0);
}

int     mail_conf_bool(MAIL_CONF *conf, const char *name, bool *value, VSTRING *err)
{
    const char *str = mail_conf_expand(conf, name, err);
    int     bval;

    if (str == 0)
	return (-1);
    if (param_parse_bool(str, &bval) < 0) {
	if (err)
	    vstring_sprintf(err, "bad boolean configuration: %s = %s", name, str);
	return (-1);
    }
    *value = (bval != 0);
    return (0);
}

int     mail_conf_time(MAIL_CONF *conf, const char *name, int unit, long *seconds,
		               VSTRING *err)
{
    const char *str = mail_conf_expand(conf, name, err);
    const PARAM_SPEC *spec;

    if (str == 0)
	return (-1);
    if (unit == 0) {
	spec = param_find(name);
	unit = (spec && spec->time_unit) ? spec->time_unit : 's';
    }
    if (param_parse_time(str, (char) unit, seconds) < 0) {
	if (err)
	    vstring_sprintf(err, "parameter %s: bad time value or unit: %s", name, str);
	return (-1);
    }
    return (0);
}

char   *mail_conf_strdup(MAIL_CONF *conf, const char *name, VSTRING *err)
{
    const char *value = mail_conf_expand(conf, name, err);

    return (value ? mystrdup(value) : 0);
}

int     mail_conf_long_min(MAIL_CONF *conf, const char *name, long min,
			           long *value, VSTRING *err)
{
    long    got;

    if (mail_conf_int(conf, name, &got, err) < 0)
	return (-1);
    if (got < min) {
	vstring_sprintf(err, "invalid %s parameter value %ld < %ld", name, got, min);
	return (-1);
    }
    *value = got;
    return (0);
}

int     mail_conf_time_ms(MAIL_CONF *conf, const char *name, long min_seconds,
			          int64_t *ms, VSTRING *err)
{
    long    seconds;

    if (mail_conf_time(conf, name, 's', &seconds, err) < 0)
	return (-1);
    if (seconds < min_seconds) {
	vstring_sprintf(err, "invalid %s parameter value %ld < %ld", name, seconds,
			min_seconds);
	return (-1);
    }
    *ms = (int64_t) seconds *1000;
    return (0);
}
