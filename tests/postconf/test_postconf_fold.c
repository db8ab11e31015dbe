/*
 * NAME
 *	test_postconf_fold
 * SUMMARY
 *	unit tests for postconf's output layout and master.cf entry parser
 * DESCRIPTION
 *	Expected strings were taken from stock postconf 3.7 output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/postconf/postconf.h"


static void check_str(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) != 0)
	fail_msg("%s: got \"%s\", want \"%s\"", what, got, want);
}

static void test_param_format(void **state)
{
    static const struct {
	const char *name, *value;
	int     fold;
	const char *want;
    } cases[] = {
	{"relayhost", "", 0, "relayhost ="},
	{"a", "x    y\t z", 0, "a = x y z"},
	{"smtpd_recipient_restrictions",
	    "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, check_policy_service unix:private/policy",
	    1, "smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated,\n"
	"    reject_unauth_destination, check_policy_service unix:private/policy"},
	/* 78 columns plus " c" fits exactly at 80; " d" folds */
	{"smtpd_banner",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c d", 1,
	    "smtpd_banner = bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c\n    d"},
    };
    VSTRING *out = vstring_alloc(100);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	check_str(cases[i].name, pcf_format_param(out, cases[i].name,
				 cases[i].value, cases[i].fold), cases[i].want);
    vstring_free(out);
}

static void test_master_format(void **state)
{
    static const struct {
	const char *line;
	int     fold;
	const char *want;
    } cases[] = {
	{"smtp inet n - y - - smtpd", 0,
	"smtp       inet  n       -       y       -       -       smtpd"},
	{"postlog   unix-dgram n  -       n       -       1       postlogd", 0,
	"postlog    unix-dgram n  -       n       -       1       postlogd"},
	{"verylongservicename-here unix-dgram y y y 100 2 local", 0,
	"verylongservicename-here unix-dgram y y y 100    2       local"},
	{"x unix - - n - - smtp -o { smtp_helo_timeout = 5 } -o {a = b c} argv=/x { a  b } {c}", 0,
	"x          unix  -       -       n       -       -       smtp -o smtp_helo_timeout=5 -o {a=b c} argv=/x {a  b} c"},
	{"x unix - - n - - smtp -v -o a=1 -o b=2 argv=/x", 1,
	    "x          unix  -       -       n       -       -       smtp -v\n"
	"    -o a=1\n    -o b=2\n    argv=/x"},
	{"maildrop  unix  -       n       n       -       -       pipe flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}", 1,
	    "maildrop   unix  -       n       n       -       -       pipe flags=DRXhu\n"
	"    user=vmail argv=/usr/bin/maildrop -d ${recipient}"},
    };
    VSTRING *out = vstring_alloc(100);
    VSTRING *err = vstring_alloc(100);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	PCF_MASTER_ENT *ent = pcf_master_parse(cases[i].line, 1, "m", err);

	if (ent == NULL)
	    fail_msg("%s: got error \"%s\", want success", cases[i].line,
		     vstring_str(err));
	check_str(cases[i].line, pcf_format_master(out, ent, cases[i].fold),
		  cases[i].want);
	pcf_master_free(ent);
    }
    vstring_free(out);
    vstring_free(err);
}

static void test_master_errors(void **state)
{
    static const struct {
	const char *line;
	const char *want;
    } cases[] = {
	{"smtp inet n - y - smtpd", "file m: line 3: bad field count"},
	{"smtp tcp n - y - - smtpd", "invalid type field \"tcp\" in \"smtp tcp n - y - - smtpd\""},
	{"smtp inet n x y - - smtpd", "invalid unprivileged field \"x\" in \"smtp inet n x y - - smtpd\""},
	{"smtp inet n - y 5x - smtpd", "invalid wakeup field \"5x\" in \"smtp inet n - y 5x - smtpd\""},
	{"smtp inet n - y 5? -1 smtpd", "invalid process_limit field \"-1\" in \"smtp inet n - y 5? -1 smtpd\""},
	{"smtp inet n - y ? 1 smtpd", NULL},
    };
    VSTRING *err = vstring_alloc(100);
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	PCF_MASTER_ENT *ent;

	vstring_reset(err);
	ent = pcf_master_parse(cases[i].line, 3, "m", err);
	if (cases[i].want == NULL) {
	    if (ent == NULL)
		fail_msg("%s: got error \"%s\", want success", cases[i].line,
			 vstring_str(err));
	} else {
	    if (ent != NULL)
		fail_msg("%s: got success, want \"%s\"", cases[i].line, cases[i].want);
	    check_str(cases[i].line, vstring_str(err), cases[i].want);
	}
	pcf_master_free(ent);
    }
    vstring_free(err);
}

static void test_logical_lines(void **state)
{
    const char *text = "# c\na = 1\n  2\n\nb=3\n\tc\n";
    PCF_TEXT *tp = pcf_text_parse(text, strlen(text), 0);

    if (tp->nll != 4)
	fail_msg("got %zu logical lines, want 4", tp->nll);
    check_str("joined", tp->ll[1].text, "a = 1  2");
    if (tp->ll[1].first != 2 || tp->ll[1].last != 3)
	fail_msg("got lines %d-%d, want 2-3", tp->ll[1].first, tp->ll[1].last);
    check_str("joined tab", tp->ll[3].text, "b=3\tc");
    pcf_text_free(tp);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_param_format),
	cmocka_unit_test(test_master_format),
	cmocka_unit_test(test_master_errors),
	cmocka_unit_test(test_logical_lines),
    };

    return (cmocka_run_group_tests(tests, NULL, NULL));
}
