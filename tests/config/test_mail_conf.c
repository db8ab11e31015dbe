/*
 * NAME
 *	test_mail_conf
 * SUMMARY
 *	unit tests for the configuration view
 * DESCRIPTION
 *	Checks precedence (override, main.cf, default), expansion with
 *	caching and cache invalidation, and the typed getters' complaints.
 *	Defaults come from an injected table except in the last test, which
 *	reads the generated parameter table. The getter messages follow
 *	stock daemons' wording ("bad numerical configuration: n = v").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "main_cf.h"
#include "mail_conf.h"

static const char *const defaults[][2] = {
    {"myhostname", "host.example"},
    {"mydomain", "example"},
    {"myorigin", "$myhostname"},
    {"smtpd_timeout", "300s"},
    {"soft_bounce", "no"},
    {"message_size_limit", "10240000"},
    {"level", "${{$compatibility_level} <level {2} ? {no} : {yes}}"},
    {"compatibility_level", "0"},
    {0, 0},
};

static const char *test_default(const char *name, void *ctx)
{
    size_t  i;

    (*(int *) ctx)++;
    for (i = 0; defaults[i][0]; i++)
	if (strcmp(defaults[i][0], name) == 0)
	    return (defaults[i][1]);
    return (0);
}

static MAIL_CONF *make_conf(const char *text, int *calls)
{
    MAIN_CF *cf = main_cf_create();
    MAIL_CONF *conf;

    assert_int_equal(main_cf_parse(cf, text, strlen(text), "main.cf", 0), 0);
    conf = mail_conf_create(cf);
    mail_conf_set_defaults(conf, test_default, calls);
    return (conf);
}

static void test_precedence(void **state)
{
    int     calls = 0;
    MAIL_CONF *conf = make_conf("mydomain = cf.example\nextra = x\n", &calls);

    assert_string_equal(mail_conf_raw(conf, "myhostname"), "host.example");
    assert_string_equal(mail_conf_raw(conf, "mydomain"), "cf.example");
    assert_string_equal(mail_conf_raw(conf, "extra"), "x");
    assert_null(mail_conf_raw(conf, "nosuch"));
    mail_conf_override(conf, "mydomain", "o.example");
    assert_string_equal(mail_conf_raw(conf, "mydomain"), "o.example");
    mail_conf_override(conf, "mydomain", "p.example");
    assert_string_equal(mail_conf_raw(conf, "mydomain"), "p.example");
    mail_conf_free(conf);
}

static void test_expand_and_cache(void **state)
{
    int     calls = 0;
    MAIL_CONF *conf = make_conf("myhostname = mail.$mydomain\n", &calls);
    VSTRING *err = vstring_alloc(10);
    const char *v;
    int     before;

    v = mail_conf_expand(conf, "myorigin", err);
    assert_non_null(v);
    assert_string_equal(v, "mail.example");
    before = calls;
    v = mail_conf_expand(conf, "myorigin", err);
    assert_string_equal(v, "mail.example");
    if (calls != before)
	fail_msg("cached lookup: got %d default lookups, want 0", calls - before);
    mail_conf_override(conf, "mydomain", "other");
    assert_string_equal(mail_conf_expand(conf, "myorigin", err), "mail.other");
    assert_string_equal(mail_conf_expand(conf, "level", err), "no");
    mail_conf_override(conf, "compatibility_level", "3.6");
    assert_string_equal(mail_conf_expand(conf, "level", err), "yes");
    assert_null(mail_conf_expand(conf, "nosuch", err));
    mail_conf_override(conf, "bad", "${oops");
    assert_null(mail_conf_expand(conf, "bad", err));
    assert_string_equal(vstring_str(err), "truncated macro reference: \"${oops\"");
    assert_int_equal(mail_conf_expand_text(conf, err, "[$mydomain]", 0), 0);
    assert_string_equal(vstring_str(err), "[other]");
    vstring_free(err);
    mail_conf_free(conf);
}

typedef struct GETTER {
    const char *name;
    const char *value;			/* override */
    char    kind;			/* i(nt) s(ize) b(ool) t(ime) */
    int     status;
    long    want;
    const char *err;
} GETTER;

static const GETTER getters[] = {
    {"smtpd_timeout", 0, 't', 0, 300, 0},
    {"smtpd_timeout", "5m", 't', 0, 300, 0},
    {"smtpd_timeout", "2", 't', 0, 2, 0},
    {"smtpd_timeout", "1h", 't', 0, 3600, 0},
    {"smtpd_timeout", "foo", 't', -1, 0,
    "parameter smtpd_timeout: bad time value or unit: foo"},
    {"smtpd_timeout", "5x", 't', -1, 0,
    "parameter smtpd_timeout: bad time value or unit: 5x"},
    {"soft_bounce", 0, 'b', 0, 0, 0},
    {"soft_bounce", "YES", 'b', 0, 1, 0},
    {"soft_bounce", "maybe", 'b', -1, 0, "bad boolean configuration: soft_bounce = maybe"},
    {"message_size_limit", 0, 's', 0, 10240000, 0},
    {"message_size_limit", "12x", 's', -1, 0,
    "bad numerical configuration: message_size_limit = 12x"},
    {"x_limit", "42", 'i', 0, 42, 0},
    {"x_limit", "-3", 'i', 0, -3, 0},
    {"x_limit", "foo", 'i', -1, 0, "bad numerical configuration: x_limit = foo"},
    {"x_limit", "", 'i', -1, 0, "bad numerical configuration: x_limit = "},
    {"x_limit", "99999999999", 'i', -1, 0,
    "bad numerical configuration: x_limit = 99999999999"},
    {0},
};

static void test_getters(void **state)
{
    const GETTER *gp;
    VSTRING *err = vstring_alloc(10);
    int     failed = 0;

    for (gp = getters; gp->name; gp++) {
	int     calls = 0;
	MAIL_CONF *conf = make_conf("", &calls);
	long    got = -12345;
	bool    b;
	int     status;

	if (gp->value)
	    mail_conf_override(conf, gp->name, gp->value);
	vstring_reset(err);
	switch (gp->kind) {
	case 'i':
	    status = mail_conf_int(conf, gp->name, &got, err);
	    break;
	case 's':
	    status = mail_conf_size(conf, gp->name, &got, err);
	    break;
	case 'b':
	    status = mail_conf_bool(conf, gp->name, &b, err);
	    got = b;
	    break;
	default:
	    status = mail_conf_time(conf, gp->name, 's', &got, err);
	    break;
	}
	if (status != gp->status) {
	    print_error("%s=%s: got status %d (%s), want %d\n", gp->name,
			gp->value ? gp->value : "(default)", status,
			vstring_str(err), gp->status);
	    failed++;
	} else if (status == 0 && got != gp->want) {
	    print_error("%s=%s: got %ld, want %ld\n", gp->name,
			gp->value ? gp->value : "(default)", got, gp->want);
	    failed++;
	} else if (status != 0 && strcmp(vstring_str(err), gp->err) != 0) {
	    print_error("%s=%s: got error \"%s\", want \"%s\"\n", gp->name,
			gp->value, vstring_str(err), gp->err);
	    failed++;
	}
	mail_conf_free(conf);
    }
    vstring_free(err);
    if (failed)
	fail_msg("%d getter cases failed", failed);
}

/* With the generated table: stock 3.7.11 postconf -d values. */
static void test_table_defaults(void **state)
{
    MAIL_CONF *conf = mail_conf_create(0);
    VSTRING *err = vstring_alloc(10);
    long    t;

    assert_string_equal(mail_conf_raw(conf, "smtpd_timeout"),
		 "${stress?{10}:{300}}s");
    assert_int_equal(mail_conf_time(conf, "smtpd_timeout", 's', &t, err), 0);
    assert_int_equal(t, 300);
    mail_conf_override(conf, "stress", "yes");
    assert_int_equal(mail_conf_time(conf, "smtpd_timeout", 's', &t, err), 0);
    assert_int_equal(t, 10);
    assert_null(mail_conf_raw(conf, "no_such_parameter_xyz"));
    vstring_free(err);
    mail_conf_free(conf);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_precedence),
	cmocka_unit_test(test_expand_and_cache),
	cmocka_unit_test(test_getters),
	cmocka_unit_test(test_table_defaults),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
