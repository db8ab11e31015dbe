#ifndef MAIL_PARAMS_H
#define MAIL_PARAMS_H
/*
 * NAME
 *	mail_params 3h
 * SUMMARY
 *	the table of main.cf parameters and their value checks
 * DESCRIPTION
 *	Every parameter that stock Postfix 3.7 knows has one PARAM_SPEC,
 *	generated from spec/params.tsv (see spec/README.md) into a table
 *	sorted by name. VAR_<NAME> and DEF_<NAME> macros come from the
 *	generated mail_params_gen.h. The parsers below follow what stock
 *	daemons accept for a value after $name expansion. Everything here
 *	is pure except param_computed_default(), which lives in mail_host.c.
 */
#include <stddef.h>
#include "vstring.h"
#include "mail_params_gen.h"

typedef enum PARAM_TYPE {
    PARAM_TYPE_STR,			/* text, $name expanded */
    PARAM_TYPE_RAW,			/* text, kept unexpanded */
    PARAM_TYPE_LIST,			/* text: items split on comma/white space */
    PARAM_TYPE_BOOL,			/* yes or no */
    PARAM_TYPE_INT,			/* C int */
    PARAM_TYPE_LONG,			/* C long */
    PARAM_TYPE_TIME,			/* number plus optional s/m/h/d/w unit */
} PARAM_TYPE;

typedef struct PARAM_SPEC {
    const char *name;
    PARAM_TYPE type;
    const char *def;			/* as stock postconf -d prints it */
    char    time_unit;			/* PARAM_TYPE_TIME: unit of a bare number */
    unsigned flags;
} PARAM_SPEC;

#define PARAM_FLAG_IMPLEMENTED	(1<<0)	/* our configuration code uses it */
#define PARAM_FLAG_COMPUTED	(1<<1)	/* default depends on the host */
#define PARAM_FLAG_READONLY	(1<<2)	/* main.cf may not assign it */

/* The generated table; use param_table() and param_find(). */
extern const PARAM_SPEC param_spec_table[];
extern const size_t param_spec_count;

/*
 * Per-service parameters: postconf shows <service>_<suffix> for every
 * master.cf service whose command is one of "commands" (comma list), with
 * the given default, unless a built-in parameter already has that name
 * (spec/service_params.tsv).
 */
typedef struct PARAM_SERVICE_SPEC {
    const char *suffix;			/* without the leading '_' */
    PARAM_TYPE type;
    const char *def;
    char    time_unit;
    const char *commands;		/* e.g. "error,lmtp,local,pipe,smtp,virtual" */
} PARAM_SERVICE_SPEC;

extern const PARAM_SERVICE_SPEC param_service_table[];
extern const size_t param_service_count;

const PARAM_SPEC *param_find(const char *name);		/* NULL if unknown */
const PARAM_SPEC *param_table(size_t *count);		/* sorted by name */
const char *param_type_name(const PARAM_TYPE type);	/* "time", "bool", ... */

/*
 * Checks an expanded value the way a stock daemon would when it reads the
 * parameter. Returns 0 when fine, else -1 with the stock-style complaint in
 * why ("bad boolean configuration: name = value"). Text types always pass.
 */
int     param_check_value(const PARAM_SPEC *spec, const char *value, VSTRING *why);

/* Value parsers; 0 on success, -1 on a bad value (result untouched). */
int     param_parse_bool(const char *value, int *result);	/* yes/no, any case */
int     param_parse_int(const char *value, int *result);
int     param_parse_long(const char *value, long *result);
int     param_parse_time(const char *value, char default_unit, long *seconds);

/*
 * Host-dependent defaults, pure part: the rules, given the facts.
 * param_fqdn_hostname: hostname as is when it holds a dot, else
 *	hostname.domain (domain "localdomain" when NULL or empty).
 * param_domain_of: the text after the first dot, or "localdomain".
 * param_format_networks: the mynetworks value for a list of local
 *	interface addresses and a mynetworks_style (host, subnet, class);
 *	-1 for an unknown style.
 */
const char *param_fqdn_hostname(VSTRING *buf, const char *hostname, const char *domain);
const char *param_domain_of(VSTRING *buf, const char *fqdn);

typedef struct PARAM_IFADDR {
    int     family;			/* AF_INET or AF_INET6 */
    unsigned char addr[16];		/* network byte order */
    unsigned char mask[16];
} PARAM_IFADDR;

int     param_format_networks(VSTRING *out, const PARAM_IFADDR *addrs,
			              size_t count, const char *style);

/*
 * Host-dependent defaults, impure part (mail_host.c): the value stock
 * postconf -d shows on this host for myhostname, mydomain, mynetworks,
 * process_id and process_name; NULL for other names. Results are computed
 * once and stay valid for the life of the process.
 */
const char *param_computed_default(const char *name);
const char *mail_host_system_name(void);	/* gethostname(), as is */

/*
 * The mynetworks value for an explicit mynetworks_style and inet_protocols
 * setting (as a configuration that overrides them needs). Returns NULL
 * with a reason in why for an unknown style or protocol list. The result
 * is owned by the caller (myfree).
 */
char   *mail_host_mynetworks(const char *style, const char *protocols, VSTRING *why);

/* Sets the process_name value (default: "postconf" style program name). */
void    mail_host_set_process_name(const char *name);

#endif
