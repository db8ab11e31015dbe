#ifndef MAIL_CONF_H
#define MAIL_CONF_H
/*
 * NAME
 *	mail_conf 3h
 * SUMMARY
 *	configuration view: overrides, main.cf and defaults
 * DESCRIPTION
 *	A MAIL_CONF answers "what is the value of parameter X" the way a
 *	stock daemon would: a -o override first, then main.cf, then the
 *	built-in default (param_find()->def, or param_computed_default()
 *	for host-dependent ones). mail_conf_expand() returns the value with
 *	$name references expanded (results are cached until the next
 *	override). The typed getters report bad values in stock daemons'
 *	words, e.g. "bad numerical configuration: smtpd_timeout = foo".
 *
 *	The default lookup can be replaced (mail_conf_set_defaults) so tests
 *	need not depend on the generated table or on the host.
 *	Returned strings stay valid until the MAIL_CONF is changed or freed.
 */
#include <stdbool.h>
#include <stdint.h>
#include "vstring.h"
#include "main_cf.h"

typedef struct MAIL_CONF MAIL_CONF;

/* Returns the default (raw) value of name, or NULL when there is none. */
typedef const char *(*MAIL_CONF_DEFAULT_FN) (const char *name, void *context);

MAIL_CONF *mail_conf_create(MAIN_CF *main_cf);	/* takes ownership; NULL: empty */
void    mail_conf_free(MAIL_CONF *conf);
void    mail_conf_set_defaults(MAIL_CONF *conf, MAIL_CONF_DEFAULT_FN fn, void *context);
void    mail_conf_override(MAIL_CONF *conf, const char *name, const char *value);
MAIN_CF *mail_conf_main_cf(MAIL_CONF *conf);	/* still owned by conf */

/* Raw value: override, main.cf, default; NULL if none. */
const char *mail_conf_raw(MAIL_CONF *conf, const char *name);
/* Expanded value; NULL with err set on expansion error or when undefined. */
const char *mail_conf_expand(MAIL_CONF *conf, const char *name, VSTRING *err);
/* Expands an arbitrary text in this configuration (result in out). */
int     mail_conf_expand_text(MAIL_CONF *conf, VSTRING *out, const char *text, VSTRING *err);

/* Typed getters: 0 on success, -1 with err set. */
int     mail_conf_int(MAIL_CONF *conf, const char *name, long *value, VSTRING *err);
int     mail_conf_bool(MAIL_CONF *conf, const char *name, bool *value, VSTRING *err);
/* unit: the default unit of a bare number ('s', 'm', 'h', 'd', 'w'). */
int     mail_conf_time(MAIL_CONF *conf, const char *name, int unit, long *seconds, VSTRING *err);
int     mail_conf_size(MAIL_CONF *conf, const char *name, long *value, VSTRING *err);

/*
 * Conveniences for configuration loaders: an expanded copy (free with
 * myfree; NULL with err set), an integer or a time (default unit
 * seconds, result in milliseconds) that must be at least min, with
 * stock's "invalid NAME parameter value N < MIN" complaint.
 */
char   *mail_conf_strdup(MAIL_CONF *conf, const char *name, VSTRING *err);
int     mail_conf_long_min(MAIL_CONF *conf, const char *name, long min,
			           long *value, VSTRING *err);
int     mail_conf_time_ms(MAIL_CONF *conf, const char *name, long min_seconds,
			          int64_t *ms, VSTRING *err);

#endif
