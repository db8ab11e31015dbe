/*
 * NAME
 *	test_smtpd
 * SUMMARY
 *	unit tests for the smtpd core, its command parser and mail_addr
 * DESCRIPTION
 *	Dialogue cases script a client (its bytes, whether it closes) and
 *	cleanup (the OPEN and CLOSE answers), then check the exact reply
 *	bytes, the exact records sent to cleanup, the cleanup requests and
 *	the log. Every dialogue runs whole and fed one byte at a time; both
 *	must give the same result. Reply texts are stock smtpd 3.7's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record_text.h"

#include "argv.h"
#include "cleanup_proto.h"
#include "core.h"
#include "mail_addr.h"
#include "mail_conf.h"
#include "mymalloc.h"
#include "stringops.h"
#include "vstring.h"
#include "smtpd/smtpd.h"
#include "../cleanup/stock_sample.h"

#define T0	5000			/* driver clock at connect, ms */
#define WALL	1795591402		/* wall clock at connect, seconds */
#define QID	"79611A74004"
#define DATE	"Wed, 25 Nov 2026 07:23:22 +0000 (UTC)"

/* mail_addr_parse. */

typedef struct ADDR_CASE {
    const char *in;
    int     flags;
    int     want_status;
    const char *want_addr;
    size_t  want_used;
} ADDR_CASE;

static const ADDR_CASE addr_cases[] = {
    {"<>", 0, MAIL_ADDR_OK, "", 2},
    {"<a@b.example>", 0, MAIL_ADDR_OK, "a@b.example", 13},
    {"  <a@b> SIZE=10", 0, MAIL_ADDR_OK, "a@b", 7},
    {"<\"a b\"@c>", 0, MAIL_ADDR_OK, "a b@c", 9},
    {"<\"a\\\"b\"@c>", 0, MAIL_ADDR_OK, "a\"b@c", 10},
    {"<\"x>y\"@c>", 0, MAIL_ADDR_OK, "x>y@c", 9},
    {"<@r1,@r2:u@d>", 0, MAIL_ADDR_OK, "u@d", 13},
    {"<@r1>", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"a@b", 0, MAIL_ADDR_OK, "a@b", 3},
    {"a@b BODY=8BITMIME", 0, MAIL_ADDR_OK, "a@b", 3},
    {"a@b", MAIL_ADDR_FLAG_STRICT, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<a@b", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<a@b>x", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<a b@c>", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<a<b@c>", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<\"ab@c>", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"<a\001@c>", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"   ", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"a>b", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
    {"< a@b >", 0, MAIL_ADDR_OK, "a@b", 7},
    {"<a\\", 0, MAIL_ADDR_ERR_SYNTAX, "", 0},
};

static void test_mail_addr(void **state)
{
    VSTRING *addr = vstring_alloc(10);
    size_t  i;

    for (i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++) {
	const ADDR_CASE *c = addr_cases + i;
	size_t  used = 0;
	int     status = mail_addr_parse(c->in, strlen(c->in), c->flags, addr, &used);

	if (status != c->want_status)
	    fail_msg("\"%s\": got status %d, want %d", c->in, status, c->want_status);
	if (status == MAIL_ADDR_OK && (strcmp(vstring_str(addr), c->want_addr) != 0
				       || used != c->want_used))
	    fail_msg("\"%s\": got \"%s\"/%zu, want \"%s\"/%zu", c->in, vstring_str(addr),
		     used, c->want_addr, c->want_used);
    }
    mail_addr_external(addr, "a b@c");
    if (strcmp(vstring_str(addr), "\"a b\"@c") != 0)
	fail_msg("external: got %s, want \"a b\"@c", vstring_str(addr));
    mail_addr_external(addr, "a.b@c");
    if (strcmp(vstring_str(addr), "a.b@c") != 0)
	fail_msg("external: got %s, want a.b@c", vstring_str(addr));
    mail_addr_external(addr, "a..b");
    if (strcmp(vstring_str(addr), "\"a..b\"") != 0)
	fail_msg("external: got %s, want \"a..b\"", vstring_str(addr));
    assert_string_equal(mail_addr_domain("a@b@c"), "c");
    assert_null(mail_addr_domain("postmaster"));
    vstring_free(addr);
}

/* smtpd_cmd_split and smtpd_cmd_path. */

typedef struct CMD_CASE {
    const char *line;
    const char *verb;
    const char *args;
    const char *keyword;		/* NULL: no path parse */
    int     strict;
    int     want_status;
    const char *addr;
    const char *params;			/* joined with '|' */
} CMD_CASE;

static const CMD_CASE cmd_cases[] = {
    {"ehlo client.example", "EHLO", "client.example", 0, 0, 0, 0, 0},
    {"  NOOP  ", "NOOP", "", 0, 0, 0, 0, 0},
    {"MAIL FROM:<a@b> SIZE=100 BODY=8BITMIME", "MAIL", "FROM:<a@b> SIZE=100 BODY=8BITMIME",
	"FROM:", 0, SMTPD_PATH_OK, "a@b", "SIZE=100|BODY=8BITMIME"},
    {"mail from: <a@b>", "MAIL", "from: <a@b>", "FROM:", 0, SMTPD_PATH_OK, "a@b", ""},
    {"mail from: <a@b>", "MAIL", "from: <a@b>", "FROM:", 1, SMTPD_PATH_BAD_ADDR, 0, 0},
    {"MAIL FROM:a@b", "MAIL", "FROM:a@b", "FROM:", 0, SMTPD_PATH_OK, "a@b", ""},
    {"MAIL FROM:a@b", "MAIL", "FROM:a@b", "FROM:", 1, SMTPD_PATH_BAD_ADDR, 0, 0},
    {"MAIL FROM <a@b>", "MAIL", "FROM <a@b>", "FROM:", 0, SMTPD_PATH_SYNTAX, 0, 0},
    {"MAIL TO:<a@b>", "MAIL", "TO:<a@b>", "FROM:", 0, SMTPD_PATH_SYNTAX, 0, 0},
    {"MAIL FROM:", "MAIL", "FROM:", "FROM:", 0, SMTPD_PATH_SYNTAX, 0, 0},
    {"MAIL FROM:<a@b", "MAIL", "FROM:<a@b", "FROM:", 0, SMTPD_PATH_BAD_ADDR, 0, 0},
    {"RCPT TO:<x@y>  NOTIFY=NEVER   ORCPT=rfc822;x+40y", "RCPT",
	"TO:<x@y>  NOTIFY=NEVER   ORCPT=rfc822;x+40y", "TO:", 0, SMTPD_PATH_OK, "x@y",
    "NOTIFY=NEVER|ORCPT=rfc822;x+40y"},
    {"RCPT TO:<>", "RCPT", "TO:<>", "TO:", 0, SMTPD_PATH_OK, "", ""},
};

static void test_cmd_parse(void **state)
{
    SMTPD_CMD *cmd = smtpd_cmd_create();
    VSTRING *joined = vstring_alloc(10);
    size_t  i;
    size_t  j;

    for (i = 0; i < sizeof(cmd_cases) / sizeof(cmd_cases[0]); i++) {
	const CMD_CASE *c = cmd_cases + i;
	int     status;

	assert_int_equal(smtpd_cmd_split(cmd, c->line, strlen(c->line)), 0);
	if (strcmp(vstring_str(cmd->verb), c->verb) != 0
	    || strcmp(vstring_str(cmd->args), c->args) != 0)
	    fail_msg("\"%s\": got verb \"%s\" args \"%s\", want \"%s\" \"%s\"", c->line,
		     vstring_str(cmd->verb), vstring_str(cmd->args), c->verb, c->args);
	if (c->keyword == 0)
	    continue;
	status = smtpd_cmd_path(cmd, c->keyword, c->strict);
	if (status != c->want_status)
	    fail_msg("\"%s\": got path status %d, want %d", c->line, status, c->want_status);
	if (status != SMTPD_PATH_OK)
	    continue;
	vstring_reset(joined);
	for (j = 0; j < cmd->params->argc; j++)
	    vstring_sprintf_append(joined, "%s%s", j ? "|" : "", cmd->params->argv[j]);
	if (strcmp(vstring_str(cmd->addr), c->addr) != 0
	    || strcmp(vstring_str(joined), c->params) != 0)
	    fail_msg("\"%s\": got addr \"%s\" params \"%s\", want \"%s\" \"%s\"", c->line,
		     vstring_str(cmd->addr), vstring_str(joined), c->addr, c->params);
    }
    assert_int_equal(smtpd_cmd_split(cmd, "", 0), -1);
    assert_int_equal(smtpd_cmd_split(cmd, "   ", 3), -1);
    assert_int_equal(smtpd_xtext_decode(joined, "a+2Bb"), 0);
    assert_string_equal(vstring_str(joined), "a+b");
    assert_int_equal(smtpd_xtext_decode(joined, "a+2"), -1);
    assert_int_equal(smtpd_xtext_decode(joined, "a=b"), -1);
    smtpd_cmd_free(cmd);
    vstring_free(joined);
}

/* CIDR and domain lists. */

typedef struct CIDR_CASE {
    const char *pattern;
    const char *addr;
    int     want;			/* 1 match, 0 no match, -1 bad pattern */
} CIDR_CASE;

static const CIDR_CASE cidr_cases[] = {
    {"127.0.0.0/8", "127.1.2.3", 1},
    {"127.0.0.0/8", "128.0.0.1", 0},
    {"192.0.2.0/25", "192.0.2.127", 1},
    {"192.0.2.0/25", "192.0.2.128", 0},
    {"192.0.2.7", "192.0.2.7", 1},
    {"192.0.2.7", "192.0.2.8", 0},
    {"0.0.0.0/0", "203.0.113.9", 1},
    {"[::1]/128", "::1", 1},
    {"[::1]/128", "::2", 0},
    {"[2001:db8::]/32", "2001:db8:ffff::1", 1},
    {"[2001:db8::]/32", "2001:db9::1", 0},
    {"2001:db8::/33", "2001:db8:8000::1", 0},
    /* mapped addresses arrive as IPv4: the server skeleton converts them */
    {"10.0.0.0/8", "::ffff:10.1.2.3", 0},
    {"10.0.0.0/8", "2001:db8::1", 0},
    {"10.0.0.0/33", "10.0.0.1", -1},
    {"[10.0.0.0/8", "10.0.0.1", -1},
    {"nonsense", "10.0.0.1", -1},
    {"10.0.0.0/x", "10.0.0.1", -1},
};

static void test_cidr(void **state)
{
    size_t  i;

    for (i = 0; i < sizeof(cidr_cases) / sizeof(cidr_cases[0]); i++) {
	const CIDR_CASE *c = cidr_cases + i;
	SMTPD_CIDR cidr;
	SMTPD_CIDR_LIST list = {&cidr, 1};
	int     got;

	if (smtpd_cidr_parse(c->pattern, &cidr) < 0)
	    got = -1;
	else
	    got = smtpd_cidr_match(&list, c->addr);
	if (got != c->want)
	    fail_msg("%s vs %s: got %d, want %d", c->pattern, c->addr, got, c->want);
    }
}

static void test_domains(void **state)
{
    ARGV   *list = argv_split("example.com .sub.example.net", " ");

    assert_true(smtpd_domain_listed(list, "EXAMPLE.com", false));
    assert_false(smtpd_domain_listed(list, "x.example.com", false));
    assert_true(smtpd_domain_listed(list, "x.example.com", true));
    assert_false(smtpd_domain_listed(list, "xexample.com", true));
    assert_true(smtpd_domain_listed(list, "a.sub.example.net", false));
    assert_false(smtpd_domain_listed(list, "sub.example.net", false));
    argv_free(list);
}

/* Dialogues. */

static void test_log(void *ctx, MSG_LEVEL level, const char *text)
{
    VSTRING *log = ctx;

    if (vstring_len(log))
	vstring_addch(log, '|');
    vstring_sprintf_append(log, "%s%s", level == MSG_INFO ? "info: " :
			   level == MSG_WARN ? "warning: " : "other: ", text);
}

static int64_t test_wall(void *ctx, core_time_ms now)
{
    return ((ctx ? *(int64_t *) ctx : WALL) + (now - T0) / 1000);
}

static SMTPD_CONFIG *test_config(const char *overrides, VSTRING *err)
{
    MAIL_CONF *conf = mail_conf_create(0);
    ARGV   *ov = argv_split(overrides ? overrides : "", "|");
    SMTPD_CONFIG *cfg;
    size_t  i;

    mail_conf_override(conf, "compatibility_level", "3.6");
    mail_conf_override(conf, "myhostname", "stock.example");
    mail_conf_override(conf, "mydomain", "example");
    mail_conf_override(conf, "mynetworks", "127.0.0.0/8 [::1]/128");
    for (i = 0; i < ov->argc; i++) {
	char   *name = mystrdup(ov->argv[i]);
	char   *value = split_at(name, '=');

	mail_conf_override(conf, name, value ? value : "");
	myfree(name);
    }
    cfg = smtpd_config_load(conf, err);
    argv_free(ov);
    mail_conf_free(conf);
    return (cfg);
}

typedef struct DIALOGUE {
    const char *label;
    const char *config;			/* "name=value|..." overrides */
    const char *client;			/* "name addr" or NULL: localhost */
    const char *input;
    int     client_closes;		/* EOF after the input */
    int     open_status;		/* cleanup's answer to OPEN */
    int     close_status;		/* ... and to CLOSE */
    const char *close_reason;
    const char *replies;		/* exact bytes */
    const char *records;		/* "T:...|S:...", or NULL: not checked */
    const char *requests;		/* "open:114,close", or NULL */
    const char *log;			/* exact, or NULL */
} DIALOGUE;

#define GREET	"220 stock.example ESMTP Postfix\r\n"
#define EHLO_IN	"EHLO client.example\r\n"
#define EHLO	"250-stock.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n" \
	"250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n" \
	"250-SMTPUTF8\r\n250 CHUNKING\r\n"
#define BYE	"221 2.0.0 Bye\r\n"
#define OK_MAIL	"250 2.1.0 Ok\r\n"
#define OK_RCPT	"250 2.1.5 Ok\r\n"
#define GO_DATA	"354 End data with <CR><LF>.<CR><LF>\r\n"
#define QUEUED	"250 2.0.0 Ok: queued as " QID "\r\n"
#define ENV(s)	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|S:" s \
	"|A:log_client_name=localhost|A:log_client_address=127.0.0.1" \
	"|A:log_client_port=38044|A:log_message_origin=localhost[127.0.0.1]" \
	"|A:log_helo_name=client.example|A:log_protocol_name=ESMTP" \
	"|A:client_name=localhost|A:reverse_client_name=localhost" \
	"|A:client_address=127.0.0.1|A:client_port=38044|A:helo_name=client.example" \
	"|A:protocol_name=ESMTP|A:client_address_type=2"
#define RCPT(r)	"|A:dsn_orig_rcpt=rfc822;" r "|R:" r
#define RCVD1(r) "|M:|N:Received: from client.example (localhost [127.0.0.1])" \
	"|N:\tby stock.example (Postfix) with ESMTP id " QID "|N:\tfor <" r ">; " DATE
#define RCVDN	"|M:|N:Received: from client.example (localhost [127.0.0.1])" \
	"|N:\tby stock.example (Postfix) with ESMTP id " QID ";|N:\t" DATE
#define MAIL1	EHLO_IN "MAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\n"
#define CONNECT	"info: connect from localhost[127.0.0.1]"
#define CLIENT	"info: " QID ": client=localhost[127.0.0.1]"
#define DISCON	"info: disconnect from localhost[127.0.0.1]"

static const DIALOGUE dialogues[] = {
    {"one message", 0, 0,
	MAIL1 "DATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example")
	"|N:Subject: hi|N:|N:body|X:", "open:114,close",
	CONNECT "|" CLIENT "|" DISCON " ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"},
    {"two recipients; dot-unstuffing; From_ and leading space", 0, 0,
	MAIL1 "RCPT TO:<postmaster>\r\nDATA\r\nFrom me\r\n>From you\r\n"
	" folded\r\n..dot\r\n.x\r\n\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT OK_RCPT GO_DATA QUEUED BYE,
	ENV("s@x.example") RCPT("r@y.example") RCPT("postmaster") RCVDN
	"|N:X-Mailbox-Line: From me|N:X-Mailbox-Line: >From you|N:|N: folded"
	"|N:.dot|N:x|N:|X:", "open:114,close", 0},
    {"pipelined session; replies in order", 0, 0,
	EHLO_IN "MAIL FROM:<s@x.example>\r\nRCPT TO:<a@y.example>\r\nRCPT TO:<b@y.example>\r\n"
	"DATA\r\nx\r\n.\r\nMAIL FROM:<t@x.example>\r\nRCPT TO:<c@y.example>\r\nDATA\r\n"
	"y\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT OK_RCPT GO_DATA QUEUED OK_MAIL OK_RCPT GO_DATA QUEUED
	"250 2.0.0 Ok\r\n250 2.0.0 Ok\r\n" BYE, 0, "open:114,close,open:114,close",
	CONNECT "|" CLIENT "|" CLIENT "|" DISCON
	" ehlo=1 mail=2 rcpt=3 data=2 rset=1 noop=1 quit=1 commands=11"},
    {"HELO: protocol SMTP", 0, 0,
	"HELO client.example\r\nMAIL FROM:<>\r\nRCPT TO:<r@y.example>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n",
	0, 0, 0, "", GREET "250 stock.example\r\n" OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|S:"
	"|A:log_client_name=localhost|A:log_client_address=127.0.0.1"
	"|A:log_client_port=38044|A:log_message_origin=localhost[127.0.0.1]"
	"|A:log_helo_name=client.example|A:log_protocol_name=SMTP"
	"|A:client_name=localhost|A:reverse_client_name=localhost"
	"|A:client_address=127.0.0.1|A:client_port=38044|A:helo_name=client.example"
	"|A:protocol_name=SMTP|A:client_address_type=2" RCPT("r@y.example")
	"|M:|N:Received: from client.example (localhost [127.0.0.1])"
	"|N:\tby stock.example (Postfix) with SMTP id " QID "|N:\tfor <r@y.example>; " DATE
	"|N:x|X:", "open:114,close", 0},
    {"out-of-order commands", 0, 0,
	"RCPT TO:<a@b>\r\nDATA\r\nMAIL FROM:<s@x.example>\r\nMAIL FROM:<s@x.example>\r\n"
	"DATA\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "503 5.5.1 Error: need MAIL command\r\n503 5.5.1 Error: need RCPT command\r\n"
	OK_MAIL "503 5.5.1 Error: nested MAIL command\r\n"
	"554 5.5.1 Error: no valid recipients\r\n" BYE, "", "",
	CONNECT "|" DISCON " mail=1/2 rcpt=0/1 data=0/2 quit=1 commands=2/6"},
    {"syntax errors", 0, 0,
	"EHLO\r\nHELO\r\nHELO a b\r\nMAIL\r\nMAIL FROM:<a@b\r\nMAIL FROM:<s@x> FOO=bar\r\n"
	"MAIL FROM:<s@x> SIZE=x1\r\nMAIL FROM:<s@x> BODY=9BIT\r\nMAIL FROM:<s@x>\r\n"
	"RCPT\r\nRCPT TO:<>\r\nRCPT TO:<a b>\r\nRCPT TO:<r@y.example> NOTIFY=NEVER,DELAY\r\n"
	"RCPT TO:<r@y.example> ORCPT=bogus\r\nRCPT TO:<r@y.example> FOO\r\n"
	"DATA x\r\nRSET x\r\n\r\nHELP\r\nEXPN x\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "501 Syntax: EHLO hostname\r\n501 Syntax: HELO hostname\r\n"
	"250 stock.example\r\n501 5.5.4 Syntax: MAIL FROM:<address>\r\n"
	"501 5.1.7 Bad sender address syntax\r\n555 5.5.4 Unsupported option: FOO=bar\r\n"
	"501 5.5.4 Bad message size syntax\r\n555 5.5.4 Unsupported option: BODY=9BIT\r\n" OK_MAIL
	"501 5.5.4 Syntax: RCPT TO:<address>\r\n501 5.1.3 Bad recipient address syntax\r\n"
	"501 5.1.3 Bad recipient address syntax\r\n"
	"501 5.5.4 Error: Bad NOTIFY parameter syntax\r\n"
	"501 5.5.4 Error: Bad ORCPT parameter syntax\r\n555 5.5.4 Unsupported option: FOO\r\n"
	"554 5.5.1 Error: no valid recipients\r\n501 5.5.4 Syntax: RSET\r\n"
	"500 5.5.2 Error: bad syntax\r\n500 5.5.2 Error: command not recognized\r\n"
	"500 5.5.2 Error: command not recognized\r\n" BYE, "", "", 0},
    {"VRFY ETRN AUTH STARTTLS", 0, 0,
	"VRFY bob\r\nVRFY\r\nETRN example.com\r\n" EHLO_IN "ETRN\r\nETRN @example.com\r\n"
	"AUTH PLAIN\r\nSTARTTLS\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "252 2.0.0 bob\r\n501 5.5.4 Syntax: VRFY address [SMTPUTF8]\r\n"
	"459 <example.com>: service unavailable\r\n" EHLO "500 Syntax: ETRN domain\r\n"
	"459 <example.com>: service unavailable\r\n"
	"503 5.5.1 Error: authentication not enabled\r\n"
	"502 5.5.1 Error: command not implemented\r\n" BYE, "", "", 0},
    {"disable_vrfy_command and discarded EHLO keywords",
	"disable_vrfy_command=yes|smtpd_discard_ehlo_keywords=pipelining, DSN,chunking", 0,
	"VRFY bob\r\n" EHLO_IN "QUIT\r\n", 0, 0, 0, "",
	GREET "502 5.5.1 VRFY command is disabled\r\n250-stock.example\r\n250-SIZE 10240000\r\n"
	"250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n" BYE, "", "", 0},
    {"SIZE: declared too large; no limit", "message_size_limit=1000", 0,
	EHLO_IN "MAIL FROM:<s@x> SIZE=1001\r\nMAIL FROM:<s@x>\r\nRSET\r\n"
	"MAIL FROM:<s@x> SIZE=1000\r\nQUIT\r\n",
	0, 0, 0, "",
	GREET "250-stock.example\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-VRFY\r\n"
	"250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n"
	"250-SMTPUTF8\r\n250 CHUNKING\r\n552 5.3.4 Message size exceeds fixed limit\r\n"
	"552 5.3.4 Message size exceeds fixed limit\r\n250 2.0.0 Ok\r\n" OK_MAIL BYE, "", "",
	CONNECT "|info: NOQUEUE: reject: MAIL from localhost[127.0.0.1]: 552 5.3.4 Message size"
	" exceeds fixed limit; from=<s@x> proto=ESMTP helo=<client.example>"
	"|info: NOQUEUE: reject: MAIL from localhost[127.0.0.1]: 552 5.3.4 Message size"
	" exceeds fixed limit; from=<s@x> proto=ESMTP helo=<client.example>|" DISCON
	" ehlo=1 mail=1/3 rset=1 quit=1 commands=4/6"},
    {"content over message_size_limit", "message_size_limit=20", 0,
	MAIL1 "DATA\r\n0123456789\r\n0123456789\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250-stock.example\r\n250-PIPELINING\r\n250-SIZE 20\r\n250-VRFY\r\n"
	"250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n"
	"250-SMTPUTF8\r\n250 CHUNKING\r\n" OK_MAIL OK_RCPT GO_DATA
	"552 5.3.4 Error: message file too big\r\n" BYE, 0, "open:114,abort", 0},
    {"recipient limit", "smtpd_recipient_limit=2", 0,
	MAIL1 "RCPT TO:<b@y.example>\r\nRCPT TO:<c@y.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT OK_RCPT "452 4.5.3 Error: too many recipients\r\n" BYE,
	0, "open:114,abort", 0},
    {"relay access denied", 0, "unknown 198.51.100.7",
	EHLO_IN "MAIL FROM:<s@x.example>\r\nRCPT TO:<x@y.example>\r\n"
	"RCPT TO:<postmaster@stock.example>\r\nRCPT TO:<postmaster@localhost.example>\r\n"
	"RCPT TO:<r>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL "454 4.7.1 <x@y.example>: Relay access denied\r\n"
	OK_RCPT OK_RCPT OK_RCPT BYE, 0, "open:114,abort",
	"info: connect from unknown[198.51.100.7]|info: NOQUEUE: reject: RCPT from "
	"unknown[198.51.100.7]: 454 4.7.1 <x@y.example>: Relay access denied; "
	"from=<s@x.example> to=<x@y.example> proto=ESMTP helo=<client.example>"
	"|info: " QID ": client=unknown[198.51.100.7]"
	"|info: disconnect from unknown[198.51.100.7] ehlo=1 mail=1 rcpt=3/4 quit=1 commands=6/7"},
    {"reject_unauth_destination; relay_domains with subdomains",
	"smtpd_relay_restrictions=|smtpd_recipient_restrictions=permit_mynetworks,"
	" reject_unauth_destination|relay_domains=relay.example", "unknown 198.51.100.7",
	"HELO c\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<x@y.example>\r\nRCPT TO:<a@relay.example>\r\n"
	"RCPT TO:<a@sub.relay.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL "554 5.7.1 <x@y.example>: Relay access denied\r\n"
	OK_RCPT OK_RCPT BYE, 0, 0,
	"info: connect from unknown[198.51.100.7]|info: NOQUEUE: reject: RCPT from "
	"unknown[198.51.100.7]: 554 5.7.1 <x@y.example>: Relay access denied; "
	"from=<s@x.example> to=<x@y.example> proto=SMTP helo=<c>"
	"|info: " QID ": client=unknown[198.51.100.7]"
	"|info: disconnect from unknown[198.51.100.7] helo=1 mail=1 rcpt=2/3 quit=1 commands=5/6"},
    {"non-FQDN checks; HELO resets the transaction",
	"smtpd_relay_restrictions=reject_non_fqdn_recipient reject_non_fqdn_sender"
	" reject_invalid_helo_hostname reject_non_fqdn_helo_hostname permit"
	"|smtpd_recipient_restrictions=reject_unauth_destination", 0,
	"HELO bad_-.\r\nMAIL FROM:<s@x>\r\nRCPT TO:<r>\r\nRSET\r\nHELO c\r\nMAIL FROM:<s@x>\r\n"
	"RCPT TO:<r@stock.example>\r\nHELO c.example\r\nMAIL FROM:<s>\r\nRCPT TO:<r@stock.example>\r\n"
	"RSET\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@stock.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL
	"504 5.5.2 <r>: Recipient address rejected: need fully-qualified address\r\n"
	"250 2.0.0 Ok\r\n250 stock.example\r\n" OK_MAIL
	"504 5.5.2 <s@x>: Sender address rejected: need fully-qualified address\r\n"
	"250 stock.example\r\n" OK_MAIL
	"504 5.5.2 <s>: Sender address rejected: need fully-qualified address\r\n"
	"250 2.0.0 Ok\r\n" OK_MAIL OK_RCPT BYE, 0, 0, 0},
    {"invalid and non-FQDN HELO", "smtpd_relay_restrictions=reject_invalid_helo_hostname,"
	" reject_non_fqdn_helo_hostname, permit|smtpd_recipient_restrictions=reject_unauth_destination",
	0,
	"HELO bad_-.\r\nMAIL FROM:<s@x>\r\nRCPT TO:<r@stock.example>\r\nHELO host\r\n"
	"MAIL FROM:<s@x>\r\nRCPT TO:<r@stock.example>\r\nHELO [192.0.2.1]\r\nMAIL FROM:<s@x>\r\n"
	"RCPT TO:<r@stock.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL
	"501 5.5.2 <bad_-.>: Helo command rejected: Invalid name\r\n"
	"250 stock.example\r\n" OK_MAIL
	"504 5.5.2 <host>: Helo command rejected: need fully-qualified hostname\r\n"
	"250 stock.example\r\n" OK_MAIL OK_RCPT BYE, 0, 0, 0},
    {"reject restriction",
	"smtpd_relay_restrictions=|smtpd_recipient_restrictions=reject", 0,
	"HELO c\r\nMAIL FROM:<s@x>\r\nRCPT TO:<r@y.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL
	"554 5.7.1 <r@y.example>: Recipient address rejected: Access denied\r\n" BYE, 0, 0, 0},
    {"defer restriction", "smtpd_relay_restrictions=defer", 0,
	"HELO c\r\nMAIL FROM:<s@x>\r\nRCPT TO:<r@y.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL
	"450 4.7.1 <r@y.example>: Recipient address rejected: Access denied\r\n" BYE, 0, 0, 0},
    {"unknown restriction is a configuration error",
	"smtpd_relay_restrictions=check_foo_access reject_unauth_destination", 0,
	"HELO c\r\nMAIL FROM:<s@x>\r\nRCPT TO:<r@y.example>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL "451 4.3.5 Server configuration error\r\n" BYE,
	0, 0, CONNECT "|warning: unknown smtpd restriction: \"check_foo_access\""
	"|info: NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 451 4.3.5 Server configuration"
	" error; from=<s@x> to=<r@y.example> proto=SMTP helo=<c>|" DISCON
	" helo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"},
    {"cleanup CLOSE status mapping: write error", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_WRITE, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "451 4.3.0 Error: queue file write error\r\n" BYE,
	0, "open:114,close", 0},
    {"cleanup CLOSE status mapping: size", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_SIZE, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "552 5.3.4 Error: message file too big\r\n" BYE,
	0, 0, 0},
    {"cleanup CLOSE status mapping: hops", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_HOPS, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "554 5.4.0 Error: too many hops\r\n" BYE, 0, 0, 0},
    {"cleanup CLOSE status mapping: content", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_CONT, "5.7.1 spam here",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "550 5.7.1 spam here\r\n" BYE, 0, 0, 0},
    {"cleanup CLOSE status mapping: recipients", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_RCPT, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "554 5.5.1 Error: no valid recipients\r\n" BYE,
	0, 0, 0},
    {"cleanup CLOSE status mapping: defer and bad", 0, 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, CLEANUP_STAT_DEFER | CLEANUP_STAT_BAD, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA "451 4.3.0 Error: queue file write error\r\n" BYE,
	0, 0, 0},
    {"cleanup OPEN fails", 0, 0, MAIL1 "QUIT\r\n", 0, 1, 0, "",
	GREET EHLO OK_MAIL "451 4.3.0 Error: queue file write error\r\n" BYE, "", "open:114",
	CONNECT "|warning: unable to open a cleanup conversation|" DISCON
	" ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"},
    {"open at MAIL time", "smtpd_delay_open_until_valid_rcpt=no", 0,
	MAIL1 "DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example") "|N:x|X:",
	"open:114,close", 0},
    {"RSET and client loss abort the conversation", 0, 0,
	MAIL1 "RSET\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\npartial\r\n",
	1, 0, 0, "", GREET EHLO OK_MAIL OK_RCPT "250 2.0.0 Ok\r\n" OK_MAIL OK_RCPT GO_DATA, 0,
	"open:114,abort,open:114,abort",
	CONNECT "|" CLIENT "|" CLIENT "|info: lost connection after DATA (9 bytes) from "
	"localhost[127.0.0.1]|" DISCON " ehlo=1 mail=2 rcpt=2 data=0/1 rset=1 commands=6/7"},
    {"bare LF normalized; only CRLF.CRLF ends DATA", 0, 0,
	EHLO_IN "MAIL FROM:<s@x.example>\nRCPT TO:<r@y.example>\r\nDATA\r\na\n.\nb\r\n.\n"
	"c\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example")
	"|N:a|N:|N:b|N:|N:c|X:", 0, 0},
    {"bare LF rejected", "smtpd_forbid_bare_newline=reject", 0,
	EHLO_IN "MAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\na\nb\r\n.\r\n",
	0, 0, 0, "", GREET EHLO OK_MAIL OK_RCPT GO_DATA
	"550 5.5.2 Error: bare <LF> received\r\n", 0, "open:114,abort", 0},
    {"bare LF in a command rejected", "smtpd_forbid_bare_newline=yes", 0,
	"HELO c\nQUIT\r\n", 0, 0, 0, "", GREET "550 5.5.2 Error: bare <LF> received\r\n", "", "",
	CONNECT "|info: bare <LF> received after CONNECT from localhost[127.0.0.1]|" DISCON
	" commands=0"},
    {"long lines: command cut and content split", "line_length_limit=24", 0,
	"NOOP 12345678901234567890123456789\r\n" MAIL1 "DATA\r\n"
	"abcdefghijklmnopqrstuvwxyz0123\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 2.0.0 Ok\r\n" EHLO OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example")
	"|L:abcdefghijklmnopqrstuvwx|N:yz0123|X:", 0,
	CONNECT "|warning: localhost[127.0.0.1]: request longer than 24: NOOP 1234567890123456789"
	"...|" CLIENT "|" DISCON " ehlo=1 mail=1 rcpt=1 data=1 noop=1 quit=1 commands=6"},
    {"BDAT chunks", 0, 0,
	MAIL1 "BDAT 12\r\nSubject: a\r\nBDAT 9\r\n\r\n.body\r\nBDAT 3 LAST\r\nend"
	"QUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT "250 2.0.0 Ok: 12 bytes\r\n250 2.0.0 Ok: 9 bytes\r\n"
	"250 2.0.0 Ok: 26 bytes queued as " QID "\r\n" BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example")
	"|N:Subject: a|N:|N:.body|N:end|X:", "open:114,close",
	CONNECT "|" CLIENT "|" DISCON " ehlo=1 mail=1 rcpt=1 bdat=3 quit=1 commands=7"},
    {"BDAT 0 LAST; DATA after BDAT", 0, 0,
	MAIL1 "BDAT 2\r\nxyDATA\r\nBDAT 0 LAST\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT "250 2.0.0 Ok: 2 bytes\r\n503 5.5.1 Error: DATA after BDAT\r\n"
	"250 2.0.0 Ok: 4 bytes queued as " QID "\r\n" BYE,
	ENV("s@x.example") RCPT("r@y.example") RCVD1("r@y.example") "|N:xy|X:",
	"open:114,close", CONNECT "|" CLIENT "|" DISCON
	" ehlo=1 mail=1 rcpt=1 data=0/1 bdat=2 quit=1 commands=6/7"},
    {"refused BDAT: later chunks discarded until RSET or HELO", 0, 0,
	EHLO_IN "BDAT 5\r\nhelloNOOP\r\nRCPT TO:<a@b>\r\nDATA\r\nVRFY x\r\n"
	"MAIL FROM:<s@x>\r\nBDAT 2\r\nabHELO x\r\nMAIL FROM:<s@x>\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO "503 5.5.1 Error: need RCPT command\r\n250 2.0.0 Ok\r\n"
	"503 5.5.1 Error: need MAIL command\r\n503 5.5.1 Error: DATA after BDAT\r\n"
	"252 2.0.0 x\r\n503 5.5.1 Error: MAIL after BDAT\r\n"
	"551 5.0.0 Discarded 2 bytes after earlier error\r\n250 stock.example\r\n"
	OK_MAIL BYE, "", "", CONNECT "|" DISCON
	" helo=1 ehlo=1 mail=1/2 rcpt=0/1 data=0/1 bdat=0/2 noop=1 vrfy=1 quit=1 commands=6/11"},
    {"BDAT syntax error hangs up", 0, 0, MAIL1 "BDAT x\r\nNOOP\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT "521 5.5.4 Syntax: BDAT count [LAST]\r\n", 0,
	"open:114,abort", CONNECT "|" CLIENT "|" DISCON
	" ehlo=1 mail=1 rcpt=1 bdat=0/1 commands=3/4"},
    {"DSN and ESMTP parameters into records", 0, 0,
	EHLO_IN "MAIL FROM:<s@x.example> RET=HDRS ENVID=abc+2Bd BODY=8BITMIME SMTPUTF8\r\n"
	"RCPT TO:<r@y.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;R+40y.example\r\n"
	"DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|A:envelope_id=abc+d"
	"|A:ret_flags=2|S:s@x.example|A:encoding=8bit"
	"|A:log_client_name=localhost|A:log_client_address=127.0.0.1"
	"|A:log_client_port=38044|A:log_message_origin=localhost[127.0.0.1]"
	"|A:log_helo_name=client.example|A:log_protocol_name=ESMTP"
	"|A:client_name=localhost|A:reverse_client_name=localhost"
	"|A:client_address=127.0.0.1|A:client_port=38044|A:helo_name=client.example"
	"|A:protocol_name=ESMTP|A:client_address_type=2"
	"|A:notify_flags=6|A:dsn_orig_rcpt=rfc822;R@y.example|R:r@y.example"
	RCVD1("r@y.example") "|N:x|X:", "open:370,close", 0},
    {"XFORWARD from an authorized proxy", "smtpd_authorized_xforward_hosts=127.0.0.0/8", 0,
	EHLO_IN "XFORWARD\r\nXFORWARD FOO=bar\r\nXFORWARD ADDR=bogus\r\n"
	"XFORWARD NAME=spike.example ADDR=192.0.2.9 PROTO=ESMTP\r\n"
	"XFORWARD HELO=h.example SOURCE=LOCAL\r\n"
	"MAIL FROM:<s@x.example>\r\nXFORWARD NAME=x\r\nRCPT TO:<r@y.example>\r\n"
	"DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250-stock.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
	"250-XFORWARD NAME ADDR PROTO HELO SOURCE PORT IDENT\r\n"
	"250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n"
	"501 5.5.4 Syntax: XFORWARD attribute=value...\r\n"
	"501 5.5.4 Bad XFORWARD attribute name: FOO\r\n"
	"501 5.5.4 Bad XFORWARD ADDR syntax: bogus\r\n"
	"250 2.0.0 Ok\r\n250 2.0.0 Ok\r\n" OK_MAIL
	"503 5.5.1 Error: MAIL transaction in progress\r\n" OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=local|S:s@x.example"
	"|A:log_client_name=spike.example|A:log_client_address=192.0.2.9"
	"|A:log_client_port=unknown|A:log_message_origin=spike.example[192.0.2.9]"
	"|A:log_helo_name=h.example|A:log_protocol_name=ESMTP"
	"|A:client_name=localhost|A:reverse_client_name=localhost"
	"|A:client_address=127.0.0.1|A:client_port=38044|A:helo_name=client.example"
	"|A:protocol_name=ESMTP|A:client_address_type=2"
	RCPT("r@y.example") RCVD1("r@y.example") "|N:x|X:", 0, 0},
    {"XFORWARD from an outsider", 0, 0,
	EHLO_IN "XFORWARD NAME=spike.example\r\nQUIT\r\n", 0, 0, 0, "",
	GREET EHLO "550 5.7.0 Error: insufficient authorization\r\n" BYE, 0, 0, 0},
    {"XCLIENT from an authorized proxy", "smtpd_authorized_xclient_hosts=127.0.0.0/8", 0,
	EHLO_IN "XCLIENT\r\nXCLIENT FOO=bar\r\n"
	"XCLIENT NAME=mail.example.org ADDR=192.0.2.5 PORT=4711 HELO=h.example PROTO=ESMTP\r\n"
	"MAIL FROM:<s@x.example>\r\nXCLIENT NAME=[UNAVAILABLE] ADDR=IPV6:2001:db8::1\r\n"
	"RSET\r\nXCLIENT ADDR=bogus\r\nXCLIENT NAME=a+2Eb ADDR=192.0.2.6\r\n"
	"MAIL FROM:<s@x.example>\r\nRCPT TO:<r@stock.example>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n",
	0, 0, 0, "",
	GREET "250-stock.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
	"250-XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT\r\n"
	"250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n"
	"501 5.5.4 Syntax: XCLIENT attribute=value...\r\n"
	"501 5.5.4 Bad XCLIENT attribute name: FOO\r\n" GREET OK_MAIL
	"503 5.5.1 Error: MAIL transaction in progress\r\n250 2.0.0 Ok\r\n"
	"550 5.7.0 Error: insufficient authorization\r\n"
	"550 5.7.0 Error: insufficient authorization\r\n" OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|S:s@x.example"
	"|A:log_client_name=mail.example.org|A:log_client_address=192.0.2.5"
	"|A:log_client_port=4711|A:log_message_origin=mail.example.org[192.0.2.5]"
	"|A:log_helo_name=h.example|A:log_protocol_name=ESMTP"
	"|A:client_name=mail.example.org|A:reverse_client_name=mail.example.org"
	"|A:client_address=192.0.2.5|A:client_port=4711|A:helo_name=h.example"
	"|A:protocol_name=ESMTP|A:client_address_type=2" RCPT("r@stock.example")
	"|M:|N:Received: from h.example (mail.example.org [192.0.2.5])"
	"|N:\tby stock.example (Postfix) with ESMTP id " QID "|N:\tfor <r@stock.example>; "
	DATE "|N:x|X:", "open:114,close", 0},
    {"XCLIENT from an unauthorized client", 0, 0,
	"XCLIENT NAME=x\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "550 5.7.0 Error: insufficient authorization\r\n" BYE, "", "", 0},
    {"XCLIENT with IPv6 and unavailable values", "smtpd_authorized_xclient_hosts=[::1]/128,"
	" 127.0.0.1", 0,
	"XCLIENT NAME=[UNAVAILABLE] ADDR=ipv6:2001:db8::7 PORT=[TEMPUNAVAIL] PROTO=smtp\r\n"
	"XCLIENT PORT=99999\r\nMAIL FROM:<>\r\nRCPT TO:<postmaster@localhost>\r\nDATA\r\n"
	"x\r\n.\r\nQUIT\r\n",
	0, 0, 0, "", GREET GREET "550 5.7.0 Error: insufficient authorization\r\n" OK_MAIL
	OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|S:"
	"|A:log_client_name=unknown|A:log_client_address=IPv6:2001:db8::7"
	"|A:log_client_port=unknown|A:log_message_origin=unknown[2001:db8::7]"
	"|A:log_protocol_name=SMTP|A:client_name=unknown|A:reverse_client_name=unknown"
	"|A:client_address=2001:db8::7|A:client_port=unknown|A:protocol_name=SMTP"
	"|A:client_address_type=10" RCPT("postmaster@localhost")
	"|M:|N:Received: from unknown (unknown [IPv6:2001:db8::7])"
	"|N:\tby stock.example (Postfix) with SMTP id " QID "|N:\tfor <postmaster@localhost>; "
	DATE "|N:x|X:", "open:114,close",
	"info: connect from localhost[127.0.0.1]|info: " QID ": client=unknown[2001:db8::7]"
	"|info: disconnect from unknown[2001:db8::7] xclient=1/2 mail=1 rcpt=1 data=1 quit=1"
	" commands=5/6"},
    {"forbidden command", 0, 0, "GET / HTTP/1.0\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "221 2.7.0 Error: I can break rules, too. Goodbye.\r\n", "", "",
	CONNECT "|warning: non-SMTP command from localhost[127.0.0.1]: GET / HTTP/1.0|"
	DISCON " commands=0"},
    {"client closes at once", 0, 0, "", 1, 0, 0, "", GREET, "", "",
	CONNECT "|info: lost connection after CONNECT from localhost[127.0.0.1]|"
	DISCON " commands=0"},
    {"timeout", "smtpd_timeout=30s", 0, "HELO c\r\nMAIL FROM:<s@x>\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL "421 4.4.2 stock.example Error: timeout exceeded\r\n",
	"", "", CONNECT "|info: timeout after MAIL from localhost[127.0.0.1]|"
	DISCON " helo=1 mail=1 commands=2"},
    {"hard error limit", "smtpd_hard_error_limit=3", 0, "FOO\r\nBAR\r\nBAZ\r\nQUIT\r\n",
	0, 0, 0, "",
	GREET "500 5.5.2 Error: command not recognized\r\n500 5.5.2 Error: command not recognized\r\n"
	"500 5.5.2 Error: command not recognized\r\n"
	"421 4.7.0 stock.example Error: too many errors\r\n", "", "",
	CONNECT "|info: too many errors after UNKNOWN from localhost[127.0.0.1]|"
	DISCON " unknown=0/3 commands=0/3"},
    {"soft error limit sleeps; output unchanged",
	"smtpd_soft_error_limit=1|smtpd_error_sleep_time=2s", 0,
	"FOO\r\nBAR\r\nNOOP\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "500 5.5.2 Error: command not recognized\r\n500 5.5.2 Error: command not recognized\r\n"
	"250 2.0.0 Ok\r\n" BYE, "", "", 0},
    {"IPv6 client", 0, "unknown 2001:db8::1",
	"HELO c.example\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<postmaster@localhost>\r\n"
	"DATA\r\nx\r\n.\r\nQUIT\r\n", 0, 0, 0, "",
	GREET "250 stock.example\r\n" OK_MAIL OK_RCPT GO_DATA QUEUED BYE,
	"T:1795591402 0|A:log_ident=" QID "|A:rewrite_context=remote|S:s@x.example"
	"|A:log_client_name=unknown|A:log_client_address=IPv6:2001:db8::1"
	"|A:log_client_port=38044|A:log_message_origin=unknown[2001:db8::1]"
	"|A:log_helo_name=c.example|A:log_protocol_name=SMTP"
	"|A:client_name=unknown|A:reverse_client_name=unknown"
	"|A:client_address=2001:db8::1|A:client_port=38044|A:helo_name=c.example"
	"|A:protocol_name=SMTP|A:client_address_type=10" RCPT("postmaster@localhost")
	"|M:|N:Received: from c.example (unknown [IPv6:2001:db8::1])"
	"|N:\tby stock.example (Postfix) with SMTP id " QID "|N:\tfor <postmaster@localhost>; "
	DATE "|N:x|X:", 0, 0},
    {"client port logging; smtpd_banner", "smtpd_client_port_logging=yes|"
	"smtpd_banner=$myhostname ready", 0, "QUIT\r\n", 0, 0, 0, "",
	"220 stock.example ready\r\n" BYE, "", "",
	"info: connect from localhost[127.0.0.1]:38044|info: disconnect from "
	"localhost[127.0.0.1]:38044 quit=1 commands=1"},
};

/* Driver. */

typedef struct RUN {
    const DIALOGUE *d;
    SMTPD_CORE *core;
    CORE_OUTBOX box;
    core_time_ms now;
    core_time_ms deadline;
    int     closed;
    uint64_t conv_id;			/* current cleanup conversation */
    int     open_pending;
    int     close_pending;
    int     in_conv;
    VSTRING *records;
    VSTRING *requests;
    VSTRING *replies;
    int     after_close;		/* actions after CLOSE */
} RUN;

static void run_drain(RUN *r)
{
    size_t  i;

    for (i = 0; i < r->box.count; i++) {
	CORE_ACTION *a = r->box.actions + i;

	if (r->closed)
	    r->after_close++;
	switch (a->type) {
	case CORE_ACT_SEND:
	    vstring_memcat(r->replies, a->data, a->len);
	    break;
	case CORE_ACT_CLOSE:
	    r->closed = 1;
	    break;
	case CORE_ACT_TIMER:
	    r->deadline = a->deadline;
	    break;
	case CORE_ACT_REQUEST:
	    if (strcmp(a->target, CLEANUP_SERVICE) != 0)
		fail_msg("%s: request to %s", r->d->label, a->target);
	    if (a->op == CLEANUP_REQ_OPEN) {
		if (r->in_conv || a->id == r->conv_id)
		    fail_msg("%s: OPEN inside a conversation or id reused", r->d->label);
		r->conv_id = a->id;
		r->in_conv = 1;
		r->open_pending = 1;
		vstring_sprintf_append(r->requests, "%sopen:%lld",
				       vstring_len(r->requests) ? "," : "", (long long) a->arg);
		break;
	    }
	    if (!r->in_conv || a->id != r->conv_id)
		fail_msg("%s: request op %d outside the conversation", r->d->label, a->op);
	    if (a->op == CLEANUP_REQ_RECORDS) {
		vstring_memcat(r->records, a->data, a->len);
	    } else if (a->op == CLEANUP_REQ_CLOSE) {
		vstring_strcat(r->requests, ",close");
		r->close_pending = 1;
		r->in_conv = 0;
	    } else if (a->op == CLEANUP_REQ_ABORT) {
		vstring_strcat(r->requests, ",abort");
		r->in_conv = 0;
		r->open_pending = 0;
	    }
	    break;
	default:
	    fail_msg("%s: unexpected action %d", r->d->label, a->type);
	}
    }
    core_outbox_clear(&r->box);
}

static void run_event(RUN *r, CORE_EVENT_TYPE type, const char *data, size_t len,
		              int status)
{
    CORE_EVENT ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    ev.now = r->now;
    ev.data = data;
    ev.len = len;
    ev.status = status;
    ev.id = (type == CORE_EV_REPLY ? r->conv_id : 0);
    smtpd_core_event(r->core, &ev, &r->box);
    run_drain(r);
}

static void run_cleanup(RUN *r)
{
    const DIALOGUE *d = r->d;

    while (r->open_pending || r->close_pending) {
	if (r->open_pending) {
	    r->open_pending = 0;
	    if (d->open_status == 0) {
		run_event(r, CORE_EV_REPLY, QID, strlen(QID), 0);
	    } else {
		r->in_conv = 0;
		run_event(r, CORE_EV_REPLY, "", 0, d->open_status);
	    }
	}
	if (r->close_pending) {
	    r->close_pending = 0;
	    run_event(r, CORE_EV_REPLY, d->close_reason, strlen(d->close_reason),
		      d->close_status);
	}
    }
}

static void run_dialogue(const DIALOGUE *d, int bytewise, VSTRING *replies_out)
{
    VSTRING *err = vstring_alloc(100);
    VSTRING *log = vstring_alloc(100);
    VSTRING *text = vstring_alloc(100);
    SMTPD_CONFIG *cfg = test_config(d->config, err);
    CORE_ENV env = {0, test_log, log, test_wall, 0, 0, 0};
    SMTPD_SESSION sess = {"localhost", 0, "127.0.0.1", "38044", 2, 0, 0, false, 0, 0};
    ARGV   *cl = argv_split(d->client ? d->client : "", " ");
    const char *mode = bytewise ? "bytewise" : "whole";
    size_t  len = strlen(d->input);
    size_t  i;
    RUN     r;
    int     rounds;

    if (cfg == 0)
	fail_msg("%s: config: %s", d->label, vstring_str(err));
    if (cl->argc == 2) {
	sess.client_name = cl->argv[0];
	sess.client_addr = cl->argv[1];
	sess.addr_family = strchr(cl->argv[1], ':') ? 10 : 2;
    }
    memset(&r, 0, sizeof(r));
    r.d = d;
    r.now = T0;
    r.deadline = CORE_TIME_NEVER;
    r.records = vstring_alloc(100);
    r.requests = vstring_alloc(100);
    r.replies = vstring_alloc(100);
    core_outbox_init(&r.box);
    r.core = smtpd_core_create(cfg, &env, &sess);

    run_event(&r, CORE_EV_START, 0, 0, 0);
    if (bytewise) {
	for (i = 0; i < len && !r.closed; i++) {
	    run_event(&r, CORE_EV_BYTES, d->input + i, 1, 0);
	    run_cleanup(&r);
	    /* Error sleeps end before the next byte arrives. */
	    while (!r.closed && r.deadline - r.now < 10000) {
		r.now = r.deadline;
		run_event(&r, CORE_EV_TIMER, 0, 0, 0);
		run_cleanup(&r);
	    }
	}
    } else if (len > 0) {
	run_event(&r, CORE_EV_BYTES, d->input, len, 0);
	run_cleanup(&r);
    }
    for (rounds = 0; !r.closed && rounds < 50; rounds++) {
	if (r.deadline != CORE_TIME_NEVER && (r.deadline - r.now < 10000 || !d->client_closes)) {
	    r.now = r.deadline;
	    run_event(&r, CORE_EV_TIMER, 0, 0, 0);
	} else if (d->client_closes) {
	    run_event(&r, CORE_EV_PEER_CLOSED, 0, 0, 0);
	} else {
	    break;
	}
	run_cleanup(&r);
    }
    if (!r.closed)
	fail_msg("%s (%s): the core did not close", d->label, mode);
    if (!smtpd_core_done(r.core))
	fail_msg("%s (%s): closed but not done", d->label, mode);
    if (r.after_close)
	fail_msg("%s (%s): %d actions after CLOSE", d->label, mode, r.after_close);
    if (r.in_conv)
	fail_msg("%s (%s): conversation left open", d->label, mode);
    if (strcmp(vstring_str(r.replies), d->replies) != 0)
	fail_msg("%s (%s): replies\ngot  %s\nwant %s", d->label, mode,
		 vstring_str(r.replies), d->replies);
    if (d->records) {
	test_record_text(r.records, text, d->label);
	if (strcmp(vstring_str(text), d->records) != 0)
	    fail_msg("%s (%s): records\ngot  %s\nwant %s", d->label, mode,
		     vstring_str(text), d->records);
    }
    if (d->requests && strcmp(vstring_str(r.requests), d->requests) != 0)
	fail_msg("%s (%s): got requests \"%s\", want \"%s\"", d->label, mode,
		 vstring_str(r.requests), d->requests);
    if (d->log && strcmp(vstring_str(log), d->log) != 0)
	fail_msg("%s (%s): log\ngot  %s\nwant %s", d->label, mode, vstring_str(log), d->log);
    if (replies_out)
	vstring_strcpy(replies_out, vstring_str(r.replies));

    smtpd_core_free(r.core);
    core_outbox_free(&r.box);
    smtpd_config_free(cfg);
    argv_free(cl);
    vstring_free(r.records);
    vstring_free(r.requests);
    vstring_free(r.replies);
    vstring_free(err);
    vstring_free(log);
    vstring_free(text);
}

static void test_dialogues(void **state)
{
    size_t  i;

    for (i = 0; i < sizeof(dialogues) / sizeof(dialogues[0]); i++) {
	run_dialogue(dialogues + i, 0, 0);
	run_dialogue(dialogues + i, 1, 0);
    }
}

/*
 * The records stock smtpd 3.7.11 sent cleanup for one message
 * (tests/cleanup/stock_sample.h), reproduced from the same dialogue.
 * Only the microseconds of the arrival time differ (we have seconds).
 */
static void test_stock_sample(void **state)
{
    static const char input[] = "EHLO client.example\r\nMAIL FROM:<alice@client.example>\r\n"
	"RCPT TO:<bob@dest.example>\r\nRCPT TO:<carol>\r\nDATA\r\nSubject: test one\r\n"
	"\r\nHello world\r\n..dot line\r\n\r\n.\r\nQUIT\r\n";
    static const DIALOGUE d = {"stock sample", 0, 0, "", 0, 0, 0, "", "", 0, 0, 0};
    int64_t wall = 1795592113;
    VSTRING *err = vstring_alloc(10);
    VSTRING *log = vstring_alloc(10);
    VSTRING *got = vstring_alloc(100);
    VSTRING *want = vstring_alloc(100);
    VSTRING *stock = vstring_alloc(100);
    SMTPD_CONFIG *cfg = test_config(0, err);
    CORE_ENV env = {0, test_log, log, test_wall, &wall, 0, 0};
    SMTPD_SESSION sess = {"localhost", 0, "127.0.0.1", "43128", 2, "127.0.0.1", "26511",
    true, 0, 0};
    RUN     r;
    const char *qid = "34AD8A7404A";

    assert_non_null(cfg);
    memset(&r, 0, sizeof(r));
    r.d = &d;
    r.now = T0;
    r.deadline = CORE_TIME_NEVER;
    r.records = vstring_alloc(100);
    r.requests = vstring_alloc(100);
    r.replies = vstring_alloc(100);
    core_outbox_init(&r.box);
    r.core = smtpd_core_create(cfg, &env, &sess);
    run_event(&r, CORE_EV_START, 0, 0, 0);
    run_event(&r, CORE_EV_BYTES, input, strlen(input), 0);
    while (r.open_pending || r.close_pending) {
	if (r.open_pending) {
	    r.open_pending = 0;
	    run_event(&r, CORE_EV_REPLY, qid, strlen(qid), 0);
	} else {
	    r.close_pending = 0;
	    run_event(&r, CORE_EV_REPLY, "", 0, 0);
	}
    }
    assert_true(r.closed);
    vstring_memcpy(stock, (const char *) stock_input, sizeof(stock_input));
    test_record_text(stock, want, "stock");
    test_record_text(r.records, got, "ours");
    /* "T:1795592113 213898|..." versus "T:1795592113 0|..." */
    if (strncmp(vstring_str(want), "T:1795592113 ", 13) != 0
	|| strncmp(vstring_str(got), "T:1795592113 0|", 15) != 0
	|| strcmp(strchr(vstring_str(want), '|'), strchr(vstring_str(got), '|')) != 0)
	fail_msg("records\ngot  %s\nwant %s", vstring_str(got), vstring_str(want));
    assert_true(sizeof(stock_queue_file) > sizeof(stock_input));
    smtpd_core_free(r.core);
    core_outbox_free(&r.box);
    smtpd_config_free(cfg);
    vstring_free(r.records);
    vstring_free(r.requests);
    vstring_free(r.replies);
    vstring_free(err);
    vstring_free(log);
    vstring_free(got);
    vstring_free(want);
    vstring_free(stock);
}

/* Timers: the error sleep delays the reply; stale timers do nothing. */

static void test_timers(void **state)
{
    VSTRING *err = vstring_alloc(10);
    VSTRING *log = vstring_alloc(10);
    SMTPD_CONFIG *cfg = test_config("smtpd_soft_error_limit=1|smtpd_error_sleep_time=2s"
				    "|smtpd_timeout=60s", err);
    CORE_ENV env = {0, test_log, log, test_wall, 0, 0, 0};
    SMTPD_SESSION sess = {"localhost", 0, "127.0.0.1", "1", 2, 0, 0, false, 0, 0};
    SMTPD_CORE *core;
    CORE_OUTBOX box;
    CORE_EVENT ev;

    assert_non_null(cfg);
    core = smtpd_core_create(cfg, &env, &sess);
    core_outbox_init(&box);
    memset(&ev, 0, sizeof(ev));
    ev.type = CORE_EV_START;
    ev.now = 100;
    smtpd_core_event(core, &ev, &box);
    /* Greeting, then the idle timer. */
    assert_int_equal(box.count, 2);
    assert_int_equal(box.actions[0].type, CORE_ACT_SEND);
    assert_int_equal(box.actions[1].type, CORE_ACT_TIMER);
    assert_int_equal(box.actions[1].deadline, 60100);
    core_outbox_clear(&box);
    /* The first error is answered at once; the second waits 2s. */
    ev.type = CORE_EV_BYTES;
    ev.now = 200;
    ev.data = "FOO\r\nBAR\r\nNOOP\r\n";
    ev.len = strlen(ev.data);
    smtpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 2);
    assert_int_equal(box.actions[0].type, CORE_ACT_TIMER);
    assert_int_equal(box.actions[0].deadline, 2200);
    assert_int_equal(box.actions[1].type, CORE_ACT_SEND);
    if (box.actions[1].len != 41 || memcmp(box.actions[1].data,
			 "500 5.5.2 Error: command not recognized\r\n", 41) != 0)
	fail_msg("got \"%.*s\", want one 502 reply", (int) box.actions[1].len,
		 box.actions[1].data);
    core_outbox_clear(&box);
    /* An early timer changes nothing. */
    ev.type = CORE_EV_TIMER;
    ev.now = 2199;
    ev.data = 0;
    ev.len = 0;
    smtpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 0);
    ev.now = 2200;
    smtpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 2);
    assert_int_equal(box.actions[0].type, CORE_ACT_SEND);
    if (box.actions[0].len != 55 || memcmp(box.actions[0].data,
	   "500 5.5.2 Error: command not recognized\r\n250 2.0.0 Ok\r\n", 55) != 0)
	fail_msg("got \"%.*s\", want the delayed 502 and 250", (int) box.actions[0].len,
		 box.actions[0].data);
    assert_int_equal(box.actions[1].type, CORE_ACT_TIMER);
    assert_int_equal(box.actions[1].deadline, 62200);
    core_outbox_clear(&box);
    /* Idle timeout: 421, then close; nothing afterwards. */
    ev.now = 62200;
    smtpd_core_event(core, &ev, &box);
    assert_int_equal(box.actions[box.count - 1].type, CORE_ACT_CLOSE);
    assert_true(smtpd_core_done(core));
    core_outbox_clear(&box);
    ev.type = CORE_EV_BYTES;
    ev.data = "NOOP\r\n";
    ev.len = 6;
    smtpd_core_event(core, &ev, &box);
    assert_int_equal(box.count, 0);
    smtpd_core_free(core);
    core_outbox_free(&box);
    smtpd_config_free(cfg);
    vstring_free(err);
    vstring_free(log);
}

/* Configuration errors name the parameter. */

static void test_config_errors(void **state)
{
    static const char *cases[][2] = {
	{"smtpd_relay_restrictions=|smtpd_recipient_restrictions=", "at least one working"},
	{"smtpd_relay_restrictions=permit_mynetworks", "smtpd_relay_restrictions or"},
	{"mynetworks=10.0.0.0/33", "mynetworks"},
	{"smtpd_forbid_bare_newline=maybe", "smtpd_forbid_bare_newline"},
	{"smtpd_hard_error_limit=0", "smtpd_hard_error_limit"},
	{"receive_override_options=bogus", "receive_override_options"},
    };
    VSTRING *err = vstring_alloc(10);
    SMTPD_CONFIG *cfg;
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	vstring_reset(err);
	if ((cfg = test_config(cases[i][0], err)) != 0) {
	    smtpd_config_free(cfg);
	    fail_msg("%s: got a config, want an error", cases[i][0]);
	}
	if (strstr(vstring_str(err), cases[i][1]) == 0)
	    fail_msg("%s: got error \"%s\", want it to name %s", cases[i][0],
		     vstring_str(err), cases[i][1]);
    }
    cfg = test_config("mynetworks=hash:/etc/x 10.0.0.0/8", err);
    assert_non_null(cfg);
    assert_int_equal(cfg->mynetworks.count, 1);
    assert_string_equal(cfg->banner, "stock.example ESMTP Postfix");
    assert_true(cfg->relay_restrictions->argc == 3);
    assert_string_equal(cfg->relay_restrictions->argv[2], "defer_unauth_destination");
    smtpd_config_free(cfg);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_mail_addr),
	cmocka_unit_test(test_cmd_parse),
	cmocka_unit_test(test_cidr),
	cmocka_unit_test(test_domains),
	cmocka_unit_test(test_dialogues),
	cmocka_unit_test(test_stock_sample),
	cmocka_unit_test(test_timers),
	cmocka_unit_test(test_config_errors),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
