/*
 * NAME
 *	mail_params 3
 * SUMMARY
 *	parameter table lookup, value checks, host-default rules
 * DESCRIPTION
 *	param_find() binary-searches the generated table (sorted by name in
 *	byte order by spec/gen_params.sh). The value parsers accept exactly
 *	what stock daemons accept, as observed on stock 3.7.11:
 *
 *	bool	"yes" or "no" in any letter case; nothing else.
 *	int	optional leading white space and sign, decimal digits, and
 *		nothing after them; must fit a C int.
 *	long	the same for a C long (negative values pass the syntax check).
 *	time	a decimal int >= 0 with optional white space and sign in
 *		front, then optionally a unit letter s, m, h, d or w (lower
 *		case; anything after the letter is ignored, as stock does),
 *		and the result in seconds must stay below INT_MAX. A value
 *		without digits such as "s" counts as 0, as in stock.
 *
 *	Per-parameter minimum and maximum values are not known here; the
 *	daemon that uses a parameter checks those.
 *
 *	param_fqdn_hostname(), param_domain_of() and param_format_networks()
 *	hold the rules behind the host-dependent defaults; mail_host.c feeds
 *	them the facts (host name, interface addresses). Pure.
 */
#include <arpa/inet.h>
#include <sys/socket.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stringops.h"
#include "vstring.h"
#include "mail_params.h"

#define PARAM_DEF_DOMAIN "localdomain"

static int param_cmp(const void *key, const void *elem)
{
    const PARAM_SPEC *sp = elem;

    return (strcmp((const char *) key, sp->name));
}

const PARAM_SPEC *param_find(const char *name)
{
    if (name == NULL)
	return (NULL);
    return (bsearch(name, param_spec_table, param_spec_count,
		    sizeof(param_spec_table[0]), param_cmp));
}

const PARAM_SPEC *param_table(size_t *count)
{
    if (count)
	*count = param_spec_count;
    return (param_spec_table);
}

const char *param_type_name(const PARAM_TYPE type)
{
    switch (type) {
    case PARAM_TYPE_STR:
	return ("string");
    case PARAM_TYPE_RAW:
	return ("raw");
    case PARAM_TYPE_LIST:
	return ("list");
    case PARAM_TYPE_BOOL:
	return ("bool");
    case PARAM_TYPE_INT:
	return ("int");
    case PARAM_TYPE_LONG:
	return ("long");
    case PARAM_TYPE_TIME:
	return ("time");
    }
    return ("unknown");
}

int     param_parse_bool(const char *value, int *result)
{
    if (value == NULL)
	return (-1);
    if (strcasecmp(value, "yes") == 0) {
	*result = 1;
	return (0);
    }
    if (strcasecmp(value, "no") == 0) {
	*result = 0;
	return (0);
    }
    return (-1);
}

/* Decimal number as sscanf("%ld%c") sees it: nothing may follow. */
static int param_parse_decimal(const char *value, long *result)
{
    const char *cp = value;
    char   *end;
    long    val;

    if (value == NULL)
	return (-1);
    while (isspace((unsigned char) *cp))
	cp++;
    /* strtol would also take "0x10" or an empty digit string; stock not. */
    if (*cp == '+' || *cp == '-')
	cp++;
    if (!isdigit((unsigned char) *cp))
	return (-1);
    errno = 0;
    val = strtol(value, &end, 10);
    if (errno == ERANGE || *end != 0)
	return (-1);
    *result = val;
    return (0);
}

int     param_parse_long(const char *value, long *result)
{
    return (param_parse_decimal(value, result));
}

int     param_parse_int(const char *value, int *result)
{
    long    val;

    if (param_parse_decimal(value, &val) < 0 || val < INT_MIN || val > INT_MAX)
	return (-1);
    *result = (int) val;
    return (0);
}

int     param_parse_time(const char *value, char default_unit, long *seconds)
{
    char   *end;
    long    val;
    long    mult;
    int     unit;

    if (value == NULL || *value == 0)
	return (-1);
    errno = 0;
    val = strtol(value, &end, 10);
    if (errno == ERANGE || val < 0 || val > INT_MAX)
	return (-1);
    unit = *end ? *end : default_unit;
    switch (unit) {
    case 's':
	mult = 1;
	break;
    case 'm':
	mult = 60;
	break;
    case 'h':
	mult = 60 * 60;
	break;
    case 'd':
	mult = 24 * 60 * 60;
	break;
    case 'w':
	mult = 7 * 24 * 60 * 60;
	break;
    default:
	return (-1);
    }
    /* Stock keeps seconds in an int and refuses values at the edge. */
    if (mult > 1 && val >= INT_MAX / mult)
	return (-1);
    *seconds = val * mult;
    return (0);
}

int     param_check_value(const PARAM_SPEC *spec, const char *value, VSTRING *why)
{
    int     ival;
    long    lval;

    if (value == NULL)
	value = "";
    switch (spec->type) {
    case PARAM_TYPE_BOOL:
	if (param_parse_bool(value, &ival) == 0)
	    return (0);
	if (why)
	    vstring_sprintf(why, "bad boolean configuration: %s = %s",
			    spec->name, value);
	return (-1);
    case PARAM_TYPE_INT:
	if (param_parse_int(value, &ival) == 0)
	    return (0);
	if (why)
	    vstring_sprintf(why, "bad numerical configuration: %s = %s",
			    spec->name, value);
	return (-1);
    case PARAM_TYPE_LONG:
	if (param_parse_long(value, &lval) == 0)
	    return (0);
	if (why)
	    vstring_sprintf(why, "bad numerical configuration: %s = %s",
			    spec->name, value);
	return (-1);
    case PARAM_TYPE_TIME:
	if (param_parse_time(value, spec->time_unit ? spec->time_unit : 's',
			     &lval) == 0)
	    return (0);
	if (why)
	    vstring_sprintf(why, "parameter %s: bad time value or unit: %s",
			    spec->name, value);
	return (-1);
    case PARAM_TYPE_STR:
    case PARAM_TYPE_RAW:
    case PARAM_TYPE_LIST:
	break;
    }
    return (0);
}

const char *param_fqdn_hostname(VSTRING *buf, const char *hostname, const char *domain)
{
    vstring_strcpy(buf, hostname);
    if (strchr(hostname, '.') == NULL) {
	vstring_addch(buf, '.');
	vstring_strcat(buf, domain && *domain ? domain : PARAM_DEF_DOMAIN);
    }
    return (vstring_str(buf));
}

const char *param_domain_of(VSTRING *buf, const char *fqdn)
{
    const char *dot = strchr(fqdn, '.');

    vstring_strcpy(buf, dot ? dot + 1 : PARAM_DEF_DOMAIN);
    return (vstring_str(buf));
}

/* Number of leading one bits in a mask of len bytes. */
static int param_prefix_len(const unsigned char *mask, int len)
{
    int     bits = 0;
    int     i;
    int     b;

    for (i = 0; i < len; i++) {
	for (b = 7; b >= 0; b--) {
	    if ((mask[i] >> b) & 1)
		bits++;
	    else
		return (bits);
	}
    }
    return (bits);
}

/* Classful prefix of an IPv4 address, or -1 outside classes A-C. */
static int param_class_prefix(const unsigned char *addr)
{
    if (addr[0] < 128)
	return (8);
    if (addr[0] < 192)
	return (16);
    if (addr[0] < 224)
	return (24);
    return (-1);
}

int     param_format_networks(VSTRING *out, const PARAM_IFADDR *addrs,
			              size_t count, const char *style)
{
    enum {
	NET_HOST, NET_SUBNET, NET_CLASS
    }       mode;
    size_t  i;

    if (strcasecmp(style, "host") == 0)
	mode = NET_HOST;
    else if (strcasecmp(style, "subnet") == 0)
	mode = NET_SUBNET;
    else if (strcasecmp(style, "class") == 0)
	mode = NET_CLASS;
    else
	return (-1);

    vstring_reset(out);
    for (i = 0; i < count; i++) {
	const PARAM_IFADDR *ia = addrs + i;
	int     len = ia->family == AF_INET6 ? 16 : 4;
	int     prefix;
	unsigned char net[16];
	char    text[INET6_ADDRSTRLEN];
	int     b;

	if (ia->family != AF_INET && ia->family != AF_INET6)
	    continue;
	if (mode == NET_HOST)
	    prefix = len * 8;
	else if (mode == NET_CLASS && ia->family == AF_INET
		 && (prefix = param_class_prefix(ia->addr)) > 0)
	     /* classful network */ ;
	else
	    prefix = param_prefix_len(ia->mask, len);
	for (b = 0; b < len; b++) {
	    int     keep = prefix - b * 8;

	    net[b] = keep >= 8 ? ia->addr[b] :
		keep <= 0 ? 0 : (unsigned char) (ia->addr[b] & (0xff << (8 - keep)));
	}
	if (inet_ntop(ia->family, net, text, sizeof(text)) == NULL)
	    continue;
	if (vstring_len(out) > 0)
	    vstring_addch(out, ' ');
	if (ia->family == AF_INET6)
	    vstring_sprintf_append(out, "[%s]/%d", text, prefix);
	else
	    vstring_sprintf_append(out, "%s/%d", text, prefix);
    }
    return (0);
}
