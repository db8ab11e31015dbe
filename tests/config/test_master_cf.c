/*
 * NAME
 *	test_master_cf
 * SUMMARY
 *	unit tests for the master.cf parser
 * DESCRIPTION
 *	Each case parses a text as "/t/master.cf"; entries are shown as
 *	their words joined by single spaces, "|" between entries. Accepted
 *	and rejected inputs and the error texts were observed with stock
 *	postconf 3.7.11 (postconf -c DIR -M).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "argv.h"
#include "master_cf.h"

typedef struct CASE {
    const char *label;
    const char *text;
    int     status;
    const char *entries;
    const char *err;
    const char *warnings;
} CASE;

#define P "/t/master.cf"

static const CASE cases[] = {
    {"simple", "smtp inet n - y - - smtpd\n", 0, "smtp inet n - y - - smtpd", 0, ""},
    {"options", "smtp inet n - y - - smtpd\n  -o a=b\n  -o { c = d e }\n", 0,
    "smtp inet n - y - - smtpd -o a=b -o { c = d e }", 0, ""},
    {"all types",
	"x unix-dgram n - y - - smtpd\ny pass n - n - - smtpd\nz fifo n - n - - smtpd\n"
	"u unix - - - - - local\n", 0,
	"x unix-dgram n - y - - smtpd|y pass n - n - - smtpd|z fifo n - n - - smtpd|"
    "u unix - - - - - local", 0, ""},
    {"addresses", "127.0.0.1:smtp inet n - y - - smtpd\n[::1]:2525 inet n - y - - smtpd\n", 0,
    "127.0.0.1:smtp inet n - y - - smtpd|[::1]:2525 inet n - y - - smtpd", 0, ""},
    {"wakeup forms", "a unix n - - 0? - x\nb unix n - - ? - x\nc unix n - - 60 1 x\n", 0,
    "a unix n - - 0? - x|b unix n - - ? - x|c unix n - - 60 1 x", 0, ""},
    {"big numbers", "a unix n - - 99999999999999999999 99999999999999999999 x\n", 0,
    "a unix n - - 99999999999999999999 99999999999999999999 x", 0, ""},
    {"duplicates", "a inet n - y - - smtpd\na inet n - y - - smtpd\n", 0,
    "a inet n - y - - smtpd|a inet n - y - - smtpd", 0, ""},
    {"split over lines", "smtp unix\n# c\n\n  n - - - 0 smtpd\n", 0,
    "smtp unix n - - - 0 smtpd", 0, ""},
    {"continued args", "smtp unix n - - - 0 smtpd\n\n  foo\n", 0,
    "smtp unix n - - - 0 smtpd foo", 0, ""},
    {"unbalanced brace", "x unix n - n - - smtpd -o { a = b  \n", 0,
    "x unix n - n - - smtpd -o { a = b", 0, ""},
    {"leading white space", "  smtp inet n - y - - smtpd\nx unix n - n - - y\n", 0,
	"x unix n - n - - y", 0,
    P ": logical line must not start with whitespace: \"  smtp inet n - y - - smtpd\""},
    {"bad type", "smtp   foo\tn - y - - smtpd  -o  x=y\n", -1, "",
    "invalid type field \"foo\" in \"smtp   foo?n - y - - smtpd  -o  x=y\"", ""},
    {"bad private", "smtp inet x - y - - smtpd\n", -1, "",
    "invalid private field \"x\" in \"smtp inet x - y - - smtpd\"", ""},
    {"private is case sensitive", "smtp unix N - - - 0 smtpd\n", -1, "",
    "invalid private field \"N\" in \"smtp unix N - - - 0 smtpd\"", ""},
    {"bad unpriv", "smtp unix n x y - - smtpd\n", -1, "",
    "invalid unprivileged field \"x\" in \"smtp unix n x y - - smtpd\"", ""},
    {"bad chroot", "smtp unix n - x - - smtpd\n", -1, "",
    "invalid chroot field \"x\" in \"smtp unix n - x - - smtpd\"", ""},
    {"bad wakeup", "smtp inet n - y 5x - smtpd\n", -1, "",
    "invalid wakeup field \"5x\" in \"smtp inet n - y 5x - smtpd\"", ""},
    {"negative wakeup", "smtp unix n - - -1 - smtpd\n", -1, "",
    "invalid wakeup field \"-1\" in \"smtp unix n - - -1 - smtpd\"", ""},
    {"bad maxproc", "smtp inet n - y - 5x smtpd\n", -1, "",
    "invalid process_limit field \"5x\" in \"smtp inet n - y - 5x smtpd\"", ""},
    {"negative maxproc", "smtp unix n - - - -1 smtpd\n", -1, "",
    "invalid process_limit field \"-1\" in \"smtp unix n - - - -1 smtpd\"", ""},
    {"seven fields", "smtp inet n - y - -\n", -1, "",
    "file " P ": line 1: bad field count", ""},
    {"three fields", "smtp inet n\n", -1, "", "file " P ": line 1: bad field count", ""},
    {"bad count on line 2", "smtp unix n - - - 0 smtpd\nfoo\n", -1,
    "smtp unix n - - - 0 smtpd", "file " P ": line 2: bad field count", ""},
    {"empty", "", 0, "", 0, ""},
    {0},
};

static void join_entries(VSTRING *buf, const MASTER_CF *cf)
{
    size_t  i, j;
    const MASTER_CF_ENTRY *e;

    vstring_reset(buf);
    for (i = 0; i < cf->count; i++) {
	e = cf->entries[i];
	if (i)
	    vstring_addch(buf, '|');
	vstring_sprintf_append(buf, "%s %s %s %s %s %s %s", e->service, e->type,
			       e->private_, e->unpriv, e->chroot, e->wakeup,
			       e->maxproc);
	for (j = 0; j < e->command->argc; j++)
	    vstring_sprintf_append(buf, " %s", e->command->argv[j]);
    }
}

static void test_parse_table(void **state)
{
    const CASE *cp;
    VSTRING *buf = vstring_alloc(100);
    VSTRING *err = vstring_alloc(100);
    int     failed = 0;
    size_t  i;

    for (cp = cases; cp->label; cp++) {
	MASTER_CF cf = MASTER_CF_INIT;
	int     status;

	vstring_strcpy(err, "(none)");
	status = master_cf_parse(&cf, cp->text, strlen(cp->text), P, err);
	if (status != cp->status) {
	    print_error("%s: got status %d (err %s), want %d\n", cp->label,
			status, vstring_str(err), cp->status);
	    failed++;
	}
	if (status < 0 && strcmp(vstring_str(err), cp->err) != 0) {
	    print_error("%s: got error\n\t%s\nwant\n\t%s\n", cp->label,
			vstring_str(err), cp->err);
	    failed++;
	}
	join_entries(buf, &cf);
	if (strcmp(vstring_str(buf), cp->entries) != 0) {
	    print_error("%s: got entries \"%s\", want \"%s\"\n", cp->label,
			vstring_str(buf), cp->entries);
	    failed++;
	}
	vstring_reset(buf);
	for (i = 0; cf.warnings && i < cf.warnings->argc; i++)
	    vstring_sprintf_append(buf, "%s%s", i ? "|" : "", cf.warnings->argv[i]);
	if (strcmp(vstring_str(buf), cp->warnings) != 0) {
	    print_error("%s: got warnings \"%s\", want \"%s\"\n", cp->label,
			vstring_str(buf), cp->warnings);
	    failed++;
	}
	master_cf_free(&cf);
    }
    vstring_free(buf);
    vstring_free(err);
    if (failed)
	fail_msg("%d master.cf checks failed", failed);
}

/* -o settings; warnings as stock postconf -M words them. */
static void test_options(void **state)
{
    static const char text[] =
    "x unix n - n - - smtpd -o a=b -o { c = d e } -o {f=g} -o { h i } -o { j = k\n"
    "y unix n - n - - smtpd -o {x\n";
    MASTER_CF cf = MASTER_CF_INIT;
    VSTRING *err = vstring_alloc(10);
    ARGV   *opts;
    const MASTER_CF_ENTRY *ent;
    static const char *want[] = {"a", "b", "c", "d e", "f", "g", "j", "k"};
    size_t  i;

    assert_int_equal(master_cf_parse(&cf, text, strlen(text), P, err), 0);
    ent = master_cf_find(&cf, "x", "unix");
    assert_non_null(ent);
    assert_int_equal(ent->line, 1);
    assert_null(master_cf_find(&cf, "x", "inet"));
    vstring_reset(err);
    opts = master_cf_entry_options(ent, err);
    if (opts->argc != 8)
	fail_msg("got %zu option words, want 8", opts->argc);
    for (i = 0; i < 8; i++)
	if (strcmp(opts->argv[i], want[i]) != 0)
	    fail_msg("option word %zu: got \"%s\", want \"%s\"", i, opts->argv[i], want[i]);
    assert_string_equal(vstring_str(err),
			"master.cf: missing '=' after attribute name: \"h i\"\n"
			"master.cf: missing '}' in \"{ j = k\"\n");
    argv_free(opts);
    vstring_reset(err);
    opts = master_cf_entry_options(master_cf_find(&cf, "y", "unix"), err);
    assert_int_equal(opts->argc, 0);
    assert_string_equal(vstring_str(err),
			"master.cf: missing '}' in \"{x\"\n"
			"master.cf: missing '=' after attribute name: \"x\"\n");
    argv_free(opts);
    master_cf_free(&cf);
    vstring_free(err);
}

static void test_read_file(void **state)
{
    MASTER_CF cf = MASTER_CF_INIT;
    VSTRING *err = vstring_alloc(10);

    assert_int_equal(master_cf_read(&cf, "/nonexistent/dir/master.cf", err), -1);
    if (strstr(vstring_str(err), "/nonexistent/dir/master.cf") == 0)
	fail_msg("got error \"%s\", want the path in it", vstring_str(err));
    master_cf_free(&cf);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_table),
	cmocka_unit_test(test_options),
	cmocka_unit_test(test_read_file),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
