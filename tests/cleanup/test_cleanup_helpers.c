/*
 * NAME
 *	test_cleanup_helpers
 * SUMMARY
 *	unit tests for header_opts, is_header, mail_date and rewrite_addr
 * DESCRIPTION
 *	Rewriting cases were answered by stock trivial-rewrite 3.7.11
 *	("rewrite" requests on a private instance with myorigin =
 *	stock.example, compatibility_level = 3.6); dates follow stock's
 *	"%a, %e %b %Y %H:%M:%S %z (%Z)" format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "vstring.h"
#include "header_opts.h"
#include "is_header.h"
#include "mail_date.h"
#include "rewrite_addr.h"

typedef struct HDR_CASE {
    const char *line;
    size_t  want;
} HDR_CASE;

static const HDR_CASE hdr_cases[] = {
    {"Subject: x", 7},
    {"Subject:", 7},
    {"Subject : x", 7},
    {"Subject\t:x", 7},
    {"X-A-B:", 5},
    {": x", 0},
    {" Subject: x", 0},
    {"Sub ject: x", 0},
    {"Subject x", 0},
    {"", 0},
    {"Subj\xe9" "ct: x", 0},
    {"From:", 4},
    {"Subject", 0},
};

static void test_is_header(void **state)
{
    size_t  i, got;

    for (i = 0; i < sizeof(hdr_cases) / sizeof(hdr_cases[0]); i++) {
	got = is_header(hdr_cases[i].line);
	if (got != hdr_cases[i].want)
	    fail_msg("is_header(\"%s\"): got %zu, want %zu", hdr_cases[i].line, got,
		     hdr_cases[i].want);
    }
    assert_true(is_header_cont(" x", 2));
    assert_true(is_header_cont("\tx", 2));
    assert_false(is_header_cont("x", 1));
    assert_false(is_header_cont("", 0));
}

typedef struct OPT_CASE {
    const char *name;
    HDR_TYPE type;
    unsigned flags;
} OPT_CASE;

static const OPT_CASE opt_cases[] = {
    {"from", HDR_FROM, HDR_OPT_SENDER},
    {"FROM", HDR_FROM, HDR_OPT_SENDER},
    {"Message-ID", HDR_MESSAGE_ID, 0},
    {"message-id ", HDR_MESSAGE_ID, 0},
    {"Received", HDR_RECEIVED, 0},
    {"Delivered-To", HDR_DELIVERED_TO, 0},
    {"Resent-From", HDR_RESENT_FROM, HDR_OPT_SENDER | HDR_OPT_RR},
    {"Resent-To", HDR_RESENT_TO, HDR_OPT_XRECIP | HDR_OPT_RR},
    {"To", HDR_TO, HDR_OPT_XRECIP},
    {"Bcc", HDR_BCC, HDR_OPT_XRECIP},
    {"Content-Transfer-Encoding", HDR_CONTENT_TRANSFER_ENCODING, HDR_OPT_MIME},
    {"Mime-Version", HDR_MIME_VERSION, HDR_OPT_MIME},
    {"Return-Path", HDR_RETURN_PATH, HDR_OPT_SENDER},
    {"X-Original-To", HDR_X_ORIGINAL_TO, HDR_OPT_RECIP},
    {"Subject", HDR_OTHER, 0},
    {"Fro", HDR_OTHER, 0},
    {"Fromm", HDR_OTHER, 0},
    {"", HDR_OTHER, 0},
};

static void test_header_opts(void **state)
{
    size_t  i, count;
    const HEADER_OPTS *hp, *table;

    for (i = 0; i < sizeof(opt_cases) / sizeof(opt_cases[0]); i++) {
	hp = header_opts_find(opt_cases[i].name, strlen(opt_cases[i].name));
	if (opt_cases[i].type == HDR_OTHER) {
	    if (hp != 0)
		fail_msg("%s: got %s, want no entry", opt_cases[i].name, hp->name);
	    continue;
	}
	if (hp == 0)
	    fail_msg("%s: got no entry, want type %d", opt_cases[i].name, opt_cases[i].type);
	if (hp->type != opt_cases[i].type || hp->flags != opt_cases[i].flags)
	    fail_msg("%s: got type %d flags %u, want %d %u", opt_cases[i].name,
		     hp->type, hp->flags, opt_cases[i].type, opt_cases[i].flags);
    }
    table = header_opts_table(&count);
    for (i = 1; i < count; i++)
	if (strcasecmp(table[i - 1].name, table[i].name) >= 0)
	    fail_msg("table not sorted at %s", table[i].name);
}

typedef struct DATE_CASE {
    int64_t when;
    int     offset;
    const char *zone;
    const char *want;
} DATE_CASE;

static const DATE_CASE date_cases[] = {
    {1795592113, 0, "UTC", "Wed, 25 Nov 2026 07:35:13 +0000 (UTC)"},
    {0, 0, "UTC", "Thu,  1 Jan 1970 00:00:00 +0000 (UTC)"},
    {1704067200, 0, 0, "Mon,  1 Jan 2024 00:00:00 +0000"},
    {1704067200, -90, "X", "Sun, 31 Dec 2023 22:30:00 -0130 (X)"},
    {1709164800, 60, "CET", "Thu, 29 Feb 2024 01:00:00 +0100 (CET)"},
    {951782400, 0, "UTC", "Tue, 29 Feb 2000 00:00:00 +0000 (UTC)"},
    {-1, 0, "UTC", "Wed, 31 Dec 1969 23:59:59 +0000 (UTC)"},
    {4102444800, 0, "UTC", "Fri,  1 Jan 2100 00:00:00 +0000 (UTC)"},
};

static void test_mail_date(void **state)
{
    VSTRING *buf = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
	mail_date(buf, date_cases[i].when, date_cases[i].offset, date_cases[i].zone);
	if (strcmp(vstring_str(buf), date_cases[i].want) != 0)
	    fail_msg("mail_date(%lld): got \"%s\", want \"%s\"",
		     (long long) date_cases[i].when, vstring_str(buf), date_cases[i].want);
    }
    mail_date_stamp(buf, 1795592114);
    assert_string_equal(vstring_str(buf), "20261125073514");
    vstring_free(buf);
}

typedef struct RW_CASE {
    REWRITE_ADDR_CONTEXT ctx;
    int     dot;			/* append_dot_mydomain */
    const char *in;
    const char *want;
} RW_CASE;

#define L REWRITE_ADDR_LOCAL
#define R REWRITE_ADDR_REMOTE

static const RW_CASE rw_cases[] = {
    /* stock trivial-rewrite, local rule */
    {L, 0, "carol", "carol@stock.example"},
    {L, 0, "", ""},
    {L, 0, "a!b", "b@a"},
    {L, 0, "a!b!c", "b!c@a"},
    {L, 0, "x%y", "x@y"},
    {L, 0, "u%v%w", "u%v@w"},
    {L, 0, "x%y@stock.example", "x%y@stock.example"},
    {L, 0, "a!b%c", "b%c@a"},
    {L, 0, "a!b@c", "a!b@c"},
    {L, 0, "user@", "user@"},
    {L, 0, "@dom", "@dom"},
    {L, 0, "user@dom.", "user@dom"},
    {L, 0, "u@dom..", "u@dom.."},
    {L, 0, "@a,@b:u@c", "u@c"},
    {L, 0, "u@[1.2.3.4]", "u@[1.2.3.4]"},
    {L, 0, "u@stock", "u@stock"},
    {L, 0, "a.b", "a.b@stock.example"},
    {L, 0, "postmaster", "postmaster@stock.example"},
    {L, 0, "a!", "@a"},
    {L, 0, "!a", "a@"},
    {L, 0, "a@b!c", "a@b!c"},
    {L, 0, "a b!c", "a b!c@stock.example"},
    /* documented append_dot_mydomain */
    {L, 1, "u@stock", "u@stock.example"},
    {L, 1, "u@host.dom", "u@host.dom"},
    {L, 1, "u@[1.2.3.4]", "u@[1.2.3.4]"},
    {L, 1, "a!b", "b@a.example"},
    /* stock trivial-rewrite, remote rule, empty remote_header_rewrite_domain */
    {R, 0, "carol", "carol"},
    {R, 0, "a!b", "b@a"},
    {R, 0, "x%y", "x@y"},
    {R, 0, "", ""},
    {R, 0, "u@dom.", "u@dom"},
};

static void test_rewrite_addr(void **state)
{
    VSTRING *buf = vstring_alloc(10);
    REWRITE_ADDR_CONFIG cfg = {
	.myorigin = "stock.example", .mydomain = "example", .remote_domain = "",
	.swap_bangpath = true, .allow_percent_hack = true,
	.append_at_myorigin = true, .append_dot_mydomain = false,
    };
    size_t  i;

    for (i = 0; i < sizeof(rw_cases) / sizeof(rw_cases[0]); i++) {
	cfg.append_dot_mydomain = rw_cases[i].dot;
	rewrite_addr(buf, &cfg, rw_cases[i].ctx, rw_cases[i].in);
	if (strcmp(vstring_str(buf), rw_cases[i].want) != 0)
	    fail_msg("rewrite_addr(%s, \"%s\"): got \"%s\", want \"%s\"",
		     rw_cases[i].ctx == L ? "local" : "remote", rw_cases[i].in,
		     vstring_str(buf), rw_cases[i].want);
    }
    /* switches off */
    cfg.swap_bangpath = cfg.allow_percent_hack = cfg.append_at_myorigin = false;
    assert_string_equal(rewrite_addr(buf, &cfg, L, "a!b"), "a!b");
    assert_string_equal(rewrite_addr(buf, &cfg, L, "x%y"), "x%y");
    /* remote with a rewrite domain */
    cfg.remote_domain = "rw.example";
    assert_string_equal(rewrite_addr(buf, &cfg, R, "carol"), "carol@rw.example");
    assert_int_equal(rewrite_addr_context("local"), L);
    assert_int_equal(rewrite_addr_context("remote"), R);
    assert_int_equal(rewrite_addr_context("x"), -1);
    vstring_free(buf);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_is_header),
	cmocka_unit_test(test_header_opts),
	cmocka_unit_test(test_mail_date),
	cmocka_unit_test(test_rewrite_addr),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
