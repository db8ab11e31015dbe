/*
 * NAME
 *	test_params
 * SUMMARY
 *	unit tests for the parameter table, value parsers and host defaults
 * DESCRIPTION
 *	Expected parser results come from stock Postfix 3.7.11 (values fed
 *	to postmap -c DIR through main.cf, noting which ones it rejected).
 *	Expected mynetworks strings are what stock printed for the same
 *	interface addresses with each mynetworks_style.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "mymalloc.h"
#include "vstring.h"
#include "mail_params.h"

/* ---- table shape ---------------------------------------------------------- */

static void test_table_sorted_unique_wellformed(void **state)
{
    size_t  count;
    const PARAM_SPEC *tab = param_table(&count);
    size_t  i;

    if (count < 800)
	fail_msg("table size: got %zu, want >= 800 (stock 3.7 has 831)", count);
    for (i = 0; i < count; i++) {
	const char *cp;

	if (tab[i].name == NULL || tab[i].name[0] == 0 || tab[i].def == NULL)
	    fail_msg("entry %zu: empty name or NULL default", i);
	for (cp = tab[i].name; *cp; cp++)
	    if (!((*cp >= 'a' && *cp <= 'z') || (*cp >= 'A' && *cp <= 'Z')
		  || (*cp >= '0' && *cp <= '9') || *cp == '_'))
		fail_msg("entry %s: bad character '%c' in name", tab[i].name, *cp);
	if (i > 0 && strcmp(tab[i - 1].name, tab[i].name) >= 0)
	    fail_msg("entries %zu,%zu: got \"%s\" before \"%s\", want strictly ascending",
		     i - 1, i, tab[i - 1].name, tab[i].name);
	if ((tab[i].type == PARAM_TYPE_TIME) != (tab[i].time_unit != 0))
	    fail_msg("entry %s: time unit '%c' does not fit type %s",
		     tab[i].name, tab[i].time_unit ? tab[i].time_unit : '0',
		     param_type_name(tab[i].type));
	if (tab[i].time_unit && strchr("smhdw", tab[i].time_unit) == NULL)
	    fail_msg("entry %s: got time unit '%c', want one of smhdw",
		     tab[i].name, tab[i].time_unit);
    }
}

static void test_find_every_entry(void **state)
{
    size_t  count;
    const PARAM_SPEC *tab = param_table(&count);
    size_t  i;

    for (i = 0; i < count; i++)
	if (param_find(tab[i].name) != tab + i)
	    fail_msg("param_find(\"%s\"): got %p, want entry %zu",
		     tab[i].name, (void *) param_find(tab[i].name), i);
}

static void test_find_misses(void **state)
{
    static const char *const misses[] = {
	"", "nosuch_parameter", "myhostnam", "myhostnamez", "MYHOSTNAME",
	"smtpd_tls_cafile",		/* the real name is smtpd_tls_CAfile */
	"0", "zzzz", " myhostname", "transport_time_limit",
    };
    size_t  i;

    for (i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
	if (param_find(misses[i]) != NULL)
	    fail_msg("param_find(\"%s\"): got a hit, want NULL", misses[i]);
    assert_null(param_find(NULL));
}

/* Facts checked against stock: type, unit, default and flags. */
static void test_known_entries(void **state)
{
    static const struct {
	const char *name;
	PARAM_TYPE type;
	char    unit;
	const char *def;
	unsigned flags;
    }       cases[] = {
	{"2bounce_notice_recipient", PARAM_TYPE_STR, 0, "postmaster", 0},
	{"ipc_timeout", PARAM_TYPE_TIME, 's', "3600s", PARAM_FLAG_IMPLEMENTED},
	{"maximal_queue_lifetime", PARAM_TYPE_TIME, 'd', "5d", 0},
	{"address_verify_cache_cleanup_interval", PARAM_TYPE_TIME, 'h', "12h", 0},
	{"biff", PARAM_TYPE_BOOL, 0, "yes", 0},
	{"smtputf8_enable", PARAM_TYPE_BOOL, 0,
	"${{$compatibility_level} <level {1} ? {no} : {yes}}", PARAM_FLAG_IMPLEMENTED},
	{"message_size_limit", PARAM_TYPE_LONG, 0, "10240000", PARAM_FLAG_IMPLEMENTED},
	{"line_length_limit", PARAM_TYPE_INT, 0, "2048", PARAM_FLAG_IMPLEMENTED},
	{"mailbox_command", PARAM_TYPE_RAW, 0, "", 0},
	{"compatibility_level", PARAM_TYPE_STR, 0, "0", PARAM_FLAG_IMPLEMENTED},
	{"config_directory", PARAM_TYPE_STR, 0, "/etc/postfix", PARAM_FLAG_IMPLEMENTED},
	{"daemon_directory", PARAM_TYPE_STR, 0, "/usr/lib/postfix/sbin", PARAM_FLAG_IMPLEMENTED},
	{"mail_version", PARAM_TYPE_STR, 0, "3.7.11", PARAM_FLAG_IMPLEMENTED},
	{"myorigin", PARAM_TYPE_STR, 0, "$myhostname", PARAM_FLAG_IMPLEMENTED},
	{"syslog_name", PARAM_TYPE_STR, 0,
	"${multi_instance_name?{$multi_instance_name}:{postfix}}", PARAM_FLAG_IMPLEMENTED},
	{"multi_instance_enable", PARAM_TYPE_BOOL, 0, "no", PARAM_FLAG_IMPLEMENTED},
	{"relayhost", PARAM_TYPE_LIST, 0, "", 0},
	{"default_rbl_reply", PARAM_TYPE_RAW, 0,
	"$rbl_code Service unavailable; $rbl_class [$rbl_what] blocked using "
	"$rbl_domain${rbl_reason?; $rbl_reason}", 0},
	{"readme_directory", PARAM_TYPE_STR, 0, "/usr/share/doc/postfix", 0},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	const PARAM_SPEC *sp = param_find(cases[i].name);

	if (sp == NULL)
	    fail_msg("%s: got no entry, want one", cases[i].name);
	if (sp->type != cases[i].type)
	    fail_msg("%s: got type %s, want %s", cases[i].name,
		     param_type_name(sp->type), param_type_name(cases[i].type));
	if (sp->time_unit != cases[i].unit)
	    fail_msg("%s: got unit %d, want %d", cases[i].name,
		     sp->time_unit, cases[i].unit);
	if (strcmp(sp->def, cases[i].def) != 0)
	    fail_msg("%s: got default \"%s\", want \"%s\"", cases[i].name,
		     sp->def, cases[i].def);
	if (sp->flags != cases[i].flags)
	    fail_msg("%s: got flags %#x, want %#x", cases[i].name,
		     sp->flags, cases[i].flags);
    }
}

/* Rows of spec/params.tsv whose "implemented" column says yes. */
static size_t tsv_implemented_count(void)
{
    const char *srcdir = getenv("SRCDIR");
    char    path[4096];
    char    line[8192];
    size_t  count = 0;
    FILE   *fp;

    snprintf(path, sizeof(path), "%s/spec/params.tsv", srcdir ? srcdir : ".");
    if ((fp = fopen(path, "r")) == NULL)
	fail_msg("open %s: %s", path, strerror(errno));
    while (fgets(line, sizeof(line), fp) != NULL) {
	char   *field = line;
	int     col;

	if (line[0] == '#')
	    continue;
	for (col = 0; col < 3 && field != NULL; col++)
	    if ((field = strchr(field, '\t')) != NULL)
		field++;
	if (field != NULL && strncmp(field, "yes\t", 4) == 0)
	    count++;
    }
    fclose(fp);
    return (count);
}

static void test_flags(void **state)
{
    static const char *const computed[] = {
	"myhostname", "mydomain", "mynetworks", "process_id", "process_name",
    };
    static const char *const readonly[] = {
	"process_id", "process_name", "service_name",
    };
    size_t  count;
    const PARAM_SPEC *tab = param_table(&count);
    size_t  i;
    size_t  n_computed = 0;
    size_t  n_readonly = 0;
    size_t  n_impl = 0;

    for (i = 0; i < sizeof(computed) / sizeof(computed[0]); i++)
	if (!(param_find(computed[i])->flags & PARAM_FLAG_COMPUTED))
	    fail_msg("%s: got not computed, want computed", computed[i]);
    for (i = 0; i < sizeof(readonly) / sizeof(readonly[0]); i++)
	if (!(param_find(readonly[i])->flags & PARAM_FLAG_READONLY))
	    fail_msg("%s: got not read-only, want read-only", readonly[i]);
    for (i = 0; i < count; i++) {
	n_computed += (tab[i].flags & PARAM_FLAG_COMPUTED) != 0;
	n_readonly += (tab[i].flags & PARAM_FLAG_READONLY) != 0;
	n_impl += (tab[i].flags & PARAM_FLAG_IMPLEMENTED) != 0;
	if ((tab[i].flags & PARAM_FLAG_COMPUTED)
	    && param_computed_default(tab[i].name) == NULL)
	    fail_msg("%s: flagged computed, got no computed default", tab[i].name);
    }
    if (n_computed != 5 || n_readonly != 3)
	fail_msg("got %zu computed and %zu read-only, want 5 and 3",
		 n_computed, n_readonly);
    if (n_impl != tsv_implemented_count())
	fail_msg("got %zu implemented, want %zu as in spec/params.tsv",
		 n_impl, tsv_implemented_count());
}

static void test_generated_macros(void **state)
{
    assert_string_equal(VAR_QUEUE_RUN_DELAY, "queue_run_delay");
    assert_string_equal(DEF_QUEUE_RUN_DELAY, param_find("queue_run_delay")->def);
    assert_string_equal(VAR_SMTPD_TLS_CAFILE, "smtpd_tls_CAfile");
    assert_string_equal(VAR_2BOUNCE_NOTICE_RECIPIENT, "2bounce_notice_recipient");
    /* Trigraph-looking text and quotes must survive C escaping. */
    assert_string_equal(DEF_ADDRESS_VERIFY_POLL_COUNT, "${stress?{1}:{3}}");
    assert_string_equal(DEF_SMTPD_PER_REQUEST_DEADLINE,
	"${smtpd_per_record_deadline?{$smtpd_per_record_deadline}:{${stress?{yes}:{no}}}}");
    assert_int_equal(PARAM_SPEC_COUNT, param_spec_count);
}

/* Every literal default of a checked type must pass its own check. */
static void test_defaults_pass_checks(void **state)
{
    size_t  count;
    const PARAM_SPEC *tab = param_table(&count);
    VSTRING *why = vstring_alloc(100);
    size_t  i;
    size_t  checked[PARAM_TYPE_TIME + 1] = {0};

    for (i = 0; i < count; i++) {
	if (strchr(tab[i].def, '$') != NULL)
	    continue;
	if (tab[i].flags & PARAM_FLAG_COMPUTED)
	    continue;
	if (param_check_value(tab + i, tab[i].def, why) != 0)
	    fail_msg("%s (%s): default \"%s\" rejected: %s", tab[i].name,
		     param_type_name(tab[i].type), tab[i].def, vstring_str(why));
	checked[tab[i].type]++;
    }
    /* Guard against a table that lost its types. */
    if (checked[PARAM_TYPE_BOOL] < 100 || checked[PARAM_TYPE_INT] < 80
	|| checked[PARAM_TYPE_TIME] < 80 || checked[PARAM_TYPE_LONG] < 4)
	fail_msg("checked bool=%zu int=%zu time=%zu long=%zu, want more",
		 checked[PARAM_TYPE_BOOL], checked[PARAM_TYPE_INT],
		 checked[PARAM_TYPE_TIME], checked[PARAM_TYPE_LONG]);
    vstring_free(why);
}

/* Per-service suffixes: defaults refer to built-ins of the same type. */
static void test_service_table(void **state)
{
    size_t  i;

    if (param_service_count != 17)
	fail_msg("service suffixes: got %zu, want 17", param_service_count);
    for (i = 0; i < param_service_count; i++) {
	const PARAM_SERVICE_SPEC *sv = param_service_table + i;
	const PARAM_SPEC *base = NULL;

	if (sv->def[0] == '$')
	    base = param_find(sv->def + 1);
	if (base == NULL)
	    fail_msg("suffix %s: got default \"%s\", want $<built-in>",
		     sv->suffix, sv->def);
	if (base->type != sv->type || base->time_unit != sv->time_unit)
	    fail_msg("suffix %s: got type %s, want %s like %s", sv->suffix,
		     param_type_name(sv->type), param_type_name(base->type),
		     base->name);
	if (strstr(sv->commands, "pipe") == NULL)
	    fail_msg("suffix %s: got commands \"%s\", want pipe among them",
		     sv->suffix, sv->commands);
    }
    assert_null(param_service_table[param_service_count].suffix);
}

/* ---- parsers ---------------------------------------------------------------- */

static void test_parse_bool(void **state)
{
    static const struct {
	const char *in;
	int     rc;
	int     want;
    }       cases[] = {
	{"yes", 0, 1}, {"YES", 0, 1}, {"Yes", 0, 1}, {"no", 0, 0}, {"No", 0, 0},
	{"NO", 0, 0}, {"true", -1, 0}, {"false", -1, 0}, {"1", -1, 0},
	{"0", -1, 0}, {"", -1, 0}, {"y", -1, 0}, {"yes ", -1, 0},
	{" yes", -1, 0}, {"yess", -1, 0}, {"maybe", -1, 0},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	int     got = 42;
	int     rc = param_parse_bool(cases[i].in, &got);

	if (rc != cases[i].rc)
	    fail_msg("bool \"%s\": got rc %d, want %d", cases[i].in, rc, cases[i].rc);
	if (rc == 0 && got != cases[i].want)
	    fail_msg("bool \"%s\": got %d, want %d", cases[i].in, got, cases[i].want);
	if (rc != 0 && got != 42)
	    fail_msg("bool \"%s\": result changed on error", cases[i].in);
    }
}

static void test_parse_int(void **state)
{
    static const struct {
	const char *in;
	int     rc;
	int     want;
    }       cases[] = {
	{"1000", 0, 1000}, {" 1000", 0, 1000}, {"+1000", 0, 1000},
	{"-5", 0, -5}, {"010", 0, 10}, {"0", 0, 0},
	{"2147483647", 0, 2147483647}, {"-2147483648", 0, -2147483647 - 1},
	{"2147483648", -1, 0}, {"1000x", -1, 0}, {"0x400", -1, 0},
	{"1e3", -1, 0}, {"", -1, 0}, {" ", -1, 0}, {"1000 ", -1, 0},
	{"+", -1, 0}, {"+ 5", -1, 0}, {"5k", -1, 0},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	int     got = 42;
	int     rc = param_parse_int(cases[i].in, &got);

	if (rc != cases[i].rc)
	    fail_msg("int \"%s\": got rc %d, want %d", cases[i].in, rc, cases[i].rc);
	if (rc == 0 && got != cases[i].want)
	    fail_msg("int \"%s\": got %d, want %d", cases[i].in, got, cases[i].want);
    }
}

static void test_parse_long(void **state)
{
    static const struct {
	const char *in;
	int     rc;
	long    want;
    }       cases[] = {
	{"10240000000", 0, 10240000000L}, {"-1", 0, -1}, {"0", 0, 0},
	{"99999999999999999999", -1, 0}, {"5k", -1, 0}, {"", -1, 0},
	{"9223372036854775807", 0, 9223372036854775807L},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	long    got = 42;
	int     rc = param_parse_long(cases[i].in, &got);

	if (rc != cases[i].rc)
	    fail_msg("long \"%s\": got rc %d, want %d", cases[i].in, rc, cases[i].rc);
	if (rc == 0 && got != cases[i].want)
	    fail_msg("long \"%s\": got %ld, want %ld", cases[i].in, got, cases[i].want);
    }
}

static void test_parse_time(void **state)
{
    static const struct {
	const char *in;
	char    unit;
	int     rc;
	long    want;
    }       cases[] = {
	{"10", 's', 0, 10}, {"10s", 's', 0, 10}, {"10", 'd', 0, 864000},
	{"10s", 'd', 0, 10}, {"2m", 's', 0, 120}, {"3h", 's', 0, 10800},
	{"5d", 's', 0, 432000}, {"1w", 's', 0, 604800}, {"0", 'h', 0, 0},
	{" 10", 's', 0, 10}, {"+5", 's', 0, 5}, {"010", 's', 0, 10},
	{"10sx", 's', 0, 10},		/* stock ignores text after the unit */
	{"s", 's', 0, 0},		/* no digits: stock reads 0 */
	{"2147483647", 's', 0, 2147483647L},
	{"35791393m", 's', 0, 35791393L * 60},
	{"10x", 's', -1, 0}, {"10S", 's', -1, 0}, {"10 ", 's', -1, 0},
	{"", 's', -1, 0}, {"-1", 's', -1, 0}, {"0x10", 's', -1, 0},
	{"2147483648", 's', -1, 0}, {"35791394m", 's', -1, 0},
	{"357913942m", 's', -1, 0}, {"1e3", 's', -1, 0}, {"10", 'x', -1, 0},
	{"3550w", 's', -1, 0}, {"3550", 'w', -1, 0}, {"3549w", 's', 0, 3549L * 604800},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	long    got = 42;
	int     rc = param_parse_time(cases[i].in, cases[i].unit, &got);

	if (rc != cases[i].rc)
	    fail_msg("time \"%s\" unit %c: got rc %d, want %d", cases[i].in,
		     cases[i].unit, rc, cases[i].rc);
	if (rc == 0 && got != cases[i].want)
	    fail_msg("time \"%s\" unit %c: got %ld, want %ld", cases[i].in,
		     cases[i].unit, got, cases[i].want);
    }
}

static void test_check_value_messages(void **state)
{
    static const struct {
	const char *name;
	const char *value;
	int     rc;
	const char *why;
    }       cases[] = {
	{"smtputf8_enable", "true", -1, "bad boolean configuration: smtputf8_enable = true"},
	{"smtputf8_enable", "YES", 0, ""},
	{"line_length_limit", "1000x", -1, "bad numerical configuration: line_length_limit = 1000x"},
	{"line_length_limit", "", -1, "bad numerical configuration: line_length_limit = "},
	{"message_size_limit", "5k", -1, "bad numerical configuration: message_size_limit = 5k"},
	{"ipc_timeout", "10x", -1, "parameter ipc_timeout: bad time value or unit: 10x"},
	{"ipc_timeout", "1h", 0, ""},
	{"maximal_queue_lifetime", "3", 0, ""},
	{"myhostname", "any thing at all", 0, ""},
	{"mailbox_command", "$weird ${", 0, ""},
	{"mydestination", "", 0, ""},
    };
    VSTRING *why = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	const PARAM_SPEC *sp = param_find(cases[i].name);
	int     rc;

	vstring_strcpy(why, "");
	rc = param_check_value(sp, cases[i].value, why);
	if (rc != cases[i].rc)
	    fail_msg("%s = \"%s\": got rc %d, want %d", cases[i].name,
		     cases[i].value, rc, cases[i].rc);
	if (strcmp(vstring_str(why), cases[i].why) != 0)
	    fail_msg("%s = \"%s\": got why \"%s\", want \"%s\"", cases[i].name,
		     cases[i].value, vstring_str(why), cases[i].why);
    }
    /* A NULL why is allowed. */
    assert_int_equal(param_check_value(param_find("biff"), "bogus", NULL), -1);
    vstring_free(why);
}

/* ---- host-default rules ------------------------------------------------------ */

static void test_fqdn_and_domain(void **state)
{
    /* Observed with stock: myhostname = X (and mydomain = D) in main.cf. */
    static const struct {
	const char *host;
	const char *domain;
	const char *fqdn;
	const char *mydomain;
    }       cases[] = {
	{"vm", NULL, "vm.localdomain", "localdomain"},
	{"vm", "", "vm.localdomain", "localdomain"},
	{"vm", "example.org", "vm.example.org", "example.org"},
	{"foo.example.com", NULL, "foo.example.com", "example.com"},
	{"foo.example.com", "example.org", "foo.example.com", "example.com"},
	{"foo.com", NULL, "foo.com", "com"},
	{"a.b.c.d", NULL, "a.b.c.d", "b.c.d"},
	{"foo.", NULL, "foo.", ""},
    };
    VSTRING *a = vstring_alloc(10);
    VSTRING *b = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	const char *fqdn = param_fqdn_hostname(a, cases[i].host, cases[i].domain);
	const char *dom = param_domain_of(b, fqdn);

	if (strcmp(fqdn, cases[i].fqdn) != 0)
	    fail_msg("host %s: got myhostname %s, want %s", cases[i].host,
		     fqdn, cases[i].fqdn);
	if (strcmp(dom, cases[i].mydomain) != 0)
	    fail_msg("host %s: got mydomain %s, want %s", cases[i].host,
		     dom, cases[i].mydomain);
    }
    assert_string_equal(param_domain_of(b, "nodots"), "localdomain");
    vstring_free(a);
    vstring_free(b);
}

static void add_if(PARAM_IFADDR *ia, int family, const char *addr, int prefix)
{
    int     len = family == AF_INET6 ? 16 : 4;
    int     i;

    memset(ia, 0, sizeof(*ia));
    ia->family = family;
    assert_int_equal(inet_pton(family, addr, ia->addr), 1);
    for (i = 0; i < len; i++) {
	int     keep = prefix - i * 8;

	ia->mask[i] = keep >= 8 ? 0xff : keep <= 0 ? 0 : (unsigned char) (0xff << (8 - keep));
    }
}

static void test_format_networks(void **state)
{
    PARAM_IFADDR ifs[7];
    VSTRING *out = vstring_alloc(10);
    static const struct {
	const char *style;
	const char *want;
    }       cases[] = {
	/* What stock printed on the reference machine for each style. */
	{"host", "127.0.0.1/32 192.0.2.2/32 [::1]/128 [fd00::2]/128 "
	"[fe80::fc:ff:fe00:1]/128 10.1.2.3/32 172.16.5.9/32"},
	{"subnet", "127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64 "
	"10.1.2.0/24 172.16.4.0/22"},
	/* Class style: IPv4 classful, IPv6 as subnet. */
	{"class", "127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64 "
	"10.0.0.0/8 172.16.0.0/16"},
	{"HOST", "127.0.0.1/32 192.0.2.2/32 [::1]/128 [fd00::2]/128 "
	"[fe80::fc:ff:fe00:1]/128 10.1.2.3/32 172.16.5.9/32"},
    };
    size_t  i;

    add_if(ifs + 0, AF_INET, "127.0.0.1", 8);
    add_if(ifs + 1, AF_INET, "192.0.2.2", 24);
    add_if(ifs + 2, AF_INET6, "::1", 128);
    add_if(ifs + 3, AF_INET6, "fd00::2", 64);
    add_if(ifs + 4, AF_INET6, "fe80::fc:ff:fe00:1", 64);
    add_if(ifs + 5, AF_INET, "10.1.2.3", 24);
    add_if(ifs + 6, AF_INET, "172.16.5.9", 22);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	if (param_format_networks(out, ifs, 7, cases[i].style) != 0)
	    fail_msg("style %s: got error, want success", cases[i].style);
	if (strcmp(vstring_str(out), cases[i].want) != 0)
	    fail_msg("style %s:\n got \"%s\"\nwant \"%s\"", cases[i].style,
		     vstring_str(out), cases[i].want);
    }
    assert_int_equal(param_format_networks(out, ifs, 7, "bogus"), -1);
    assert_int_equal(param_format_networks(out, ifs, 0, "subnet"), 0);
    assert_string_equal(vstring_str(out), "");
    vstring_free(out);
}

static void test_computed_defaults(void **state)
{
    const char *host = param_computed_default("myhostname");
    const char *dom = param_computed_default("mydomain");
    const char *nets = param_computed_default("mynetworks");
    const char *pid = param_computed_default("process_id");
    VSTRING *buf = vstring_alloc(10);
    VSTRING *why = vstring_alloc(10);
    char   *s;

    assert_non_null(host);
    if (strchr(host, '.') == NULL)
	fail_msg("myhostname: got \"%s\", want a dotted name", host);
    assert_string_equal(dom, param_domain_of(buf, host));
    assert_non_null(nets);
    vstring_sprintf(buf, "%ld", (long) getpid());
    assert_string_equal(pid, vstring_str(buf));
    assert_string_equal(param_computed_default("process_name"), "postconf");
    mail_host_set_process_name("postmap");
    assert_string_equal(param_computed_default("process_name"), "postmap");
    mail_host_set_process_name("postconf");
    /* Cached: the same pointer on every call. */
    assert_ptr_equal(param_computed_default("myhostname"), host);
    assert_null(param_computed_default("myorigin"));
    assert_null(param_computed_default("nosuch"));
    assert_null(param_computed_default(NULL));

    /* The default-style value is the subnet style over all families. */
    s = mail_host_mynetworks("subnet", "all", why);
    assert_non_null(s);
    assert_string_equal(s, nets);
    myfree(s);
    s = mail_host_mynetworks("host", "ipv4", why);
    assert_non_null(s);
    if (strchr(s, '[') != NULL)
	fail_msg("ipv4 only: got \"%s\", want no IPv6 entries", s);
    myfree(s);
    assert_null(mail_host_mynetworks("bogus", "all", why));
    assert_string_equal(vstring_str(why), "unknown mynetworks_style value: bogus");
    assert_null(mail_host_mynetworks("host", "ipv5", why));
    assert_string_equal(vstring_str(why), "bad inet_protocols value: ipv5");
    vstring_free(buf);
    vstring_free(why);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_table_sorted_unique_wellformed),
	cmocka_unit_test(test_find_every_entry),
	cmocka_unit_test(test_find_misses),
	cmocka_unit_test(test_known_entries),
	cmocka_unit_test(test_flags),
	cmocka_unit_test(test_generated_macros),
	cmocka_unit_test(test_defaults_pass_checks),
	cmocka_unit_test(test_service_table),
	cmocka_unit_test(test_parse_bool),
	cmocka_unit_test(test_parse_int),
	cmocka_unit_test(test_parse_long),
	cmocka_unit_test(test_parse_time),
	cmocka_unit_test(test_check_value_messages),
	cmocka_unit_test(test_fqdn_and_domain),
	cmocka_unit_test(test_format_networks),
	cmocka_unit_test(test_computed_defaults),
    };

    return (cmocka_run_group_tests(tests, NULL, NULL));
}
