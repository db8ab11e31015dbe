/*
 * NAME
 *	test_master
 * SUMMARY
 *	unit tests for master(8) bookkeeping and the skeleton's options
 * DESCRIPTION
 *	Table-driven checks of mail_server_args_parse(), the child argv
 *	master builds from master.cf entries (stock's order), the
 *	interface list, process limits, throttling and the wakeup
 *	schedule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "argv.h"
#include "mail_server.h"
#include "master_cf.h"
#include "mymalloc.h"
#include "vstring.h"
#include "master/master.h"

static char *join(const ARGV *argv)
{
    VSTRING *buf = vstring_alloc(100);
    size_t  i;

    for (i = 0; i < argv->argc; i++)
	vstring_sprintf_append(buf, "%s%s", i ? " " : "", argv->argv[i]);
    return (vstring_export(buf));
}

/* Skeleton options. */

static const struct {
    const char *label;
    const char *args;			/* space-separated, argv[0] first */
    int     rc;
    const char *service;
    const char *transport;
    const char *overrides;		/* joined name value pairs */
    int     verbose;
    int     sockets;
    int     stand_alone;
} args_cases[] = {
    {"stock smtpd", "smtpd -n smtp -t inet -u -o stress= -s 2", 0,
     "smtp", "inet", "stress ", 0, 2, 0},
    {"service defaults to program", "/x/qmqpd -t unix", 0, "qmqpd", "unix", "", 0, 1, 0},
    {"clustered flags", "echod -vvS", 0, "echod", 0, "", 2, 1, 1},
    {"attached value", "echod -tinet -oa=b", 0, "echod", "inet", "a b", 0, 1, 0},
    {"-m and -i as overrides in order", "echod -m 5 -o max_use=7 -i 3", 0,
     "echod", 0, "max_use 5 max_use 7 max_idle 3", 0, 1, 0},
    {"-o value with blanks", "echod -o x=~a~b~", 0, "echod", 0, "x a b", 0, 1, 0},
    {"-o without =", "echod -o name", -1, 0, 0, 0, 0, 0, 0},
    {"missing value", "echod -n", -1, 0, 0, 0, 0, 0, 0},
    {"unknown option", "echod -q", -1, 0, 0, 0, 0, 0, 0},
    {"bad socket count", "echod -s 0", -1, 0, 0, 0, 0, 0, 0},
    {"extra argument", "echod -t unix junk", -1, 0, 0, 0, 0, 0, 0},
};

static void test_args(void **state)
{
    size_t  i;
    size_t  k;
    ARGV   *words;
    MAIL_SERVER_ARGS args;
    VSTRING *err = vstring_alloc(100);
    char   *got;
    int     rc;

    for (i = 0; i < sizeof(args_cases) / sizeof(args_cases[0]); i++) {
	words = argv_split(args_cases[i].args, " ");
	for (k = 0; k < words->argc; k++)	/* "~" stands for a blank */
	    for (got = words->argv[k]; *got; got++)
		if (*got == '~')
		    *got = ' ';
	rc = mail_server_args_parse(&args, (int) words->argc, words->argv, err);
	if (rc != args_cases[i].rc)
	    fail_msg("%s: got rc %d (%s), want %d", args_cases[i].label, rc,
		     vstring_str(err), args_cases[i].rc);
	if (rc == 0) {
	    if (strcmp(args.service, args_cases[i].service) != 0)
		fail_msg("%s: got service %s, want %s", args_cases[i].label,
			 args.service, args_cases[i].service);
	    if ((args.transport == 0) != (args_cases[i].transport == 0)
		|| (args.transport && strcmp(args.transport, args_cases[i].transport)))
		fail_msg("%s: got transport %s", args_cases[i].label,
			 args.transport ? args.transport : "(none)");
	    got = join(args.overrides);
	    if (strcmp(got, args_cases[i].overrides) != 0)
		fail_msg("%s: got overrides [%s], want [%s]", args_cases[i].label,
			 got, args_cases[i].overrides);
	    myfree(got);
	    if (args.verbose != args_cases[i].verbose
		|| args.socket_count != args_cases[i].sockets
		|| args.stand_alone != args_cases[i].stand_alone)
		fail_msg("%s: got verbose %d sockets %d stand-alone %d", args_cases[i].label,
			 args.verbose, args.socket_count, args.stand_alone);
	}
	mail_server_args_free(&args);
	argv_free(words);
    }
    vstring_free(err);
}

/* Child argv as stock's master builds it. */

static const struct {
    const char *label;
    const char *line;			/* one master.cf entry */
    int     verbose;
    const char *interfaces;
    const char *want;			/* path | argv, or "error: text" */
} ent_cases[] = {
    {"stock smtp, all interfaces", "smtp inet n - y - - smtpd", 0, "all",
     "/d/smtpd | smtpd -n smtp -t inet -u -c -o stress= -s 2"},
    {"loopback only: no stress", "smtp inet n - n - - smtpd", 0, "loopback-only",
     "/d/smtpd | smtpd -n smtp -t inet -u -s 2"},
    {"pickup: -l, same name", "pickup unix n - n 60 1 pickup", 0, "all",
     "/d/pickup | pickup -l -t unix -u"},
    {"unlimited: -z, -u, -v", "cleanup unix n y n - 0 cleanup", 1, "all",
     "/d/cleanup | cleanup -z -t unix -v -u"},
    {"braced -o", "submission inet n - n - - smtpd -o { smtpd_tls = yes } -o a=b", 0,
     "127.0.0.1", "/d/smtpd | smtpd -n submission -t inet -u -o smtpd_tls=yes -o a=b"},
    {"host:port", "10.1.2.3:2525 inet n - n - 3 smtpd", 0, "all",
     "/d/smtpd | smtpd -n 10.1.2.3:2525 -t inet -u -o stress="},
    {"wakeup with ?", "tlsmgr unix - - n 1000? 1 tlsmgr", 0, "all",
     "/d/tlsmgr | tlsmgr -l -t unix -u"},
    {"absolute command, public", "flush unix n - n 1000? 0 /opt/flush -v", 0, "all",
     "/opt/flush | /opt/flush -z -t unix -u -v"},
};

static void test_ent(void **state)
{
    size_t  i;
    VSTRING *err = vstring_alloc(100);
    VSTRING *got = vstring_alloc(100);
    MASTER_CF cf = MASTER_CF_INIT;
    MASTER_ENT_OPTS opts;
    MASTER_SERV *serv;
    char   *args;

    for (i = 0; i < sizeof(ent_cases) / sizeof(ent_cases[0]); i++) {
	memset(&opts, 0, sizeof(opts));
	opts.daemon_directory = "/d";
	opts.default_process_limit = 100;
	opts.inet_interfaces = ent_cases[i].interfaces;
	opts.inet_protocols = "all";
	opts.verbose = ent_cases[i].verbose;
	if (master_cf_parse(&cf, ent_cases[i].line, strlen(ent_cases[i].line), "t", err) < 0)
	    fail_msg("%s: parse: %s", ent_cases[i].label, vstring_str(err));
	vstring_reset(err);
	serv = master_ent_build(cf.entries[0], &opts, err);
	if (serv) {
	    args = join(serv->args);
	    vstring_sprintf(got, "%s | %s", serv->path, args);
	    myfree(args);
	} else {
	    vstring_sprintf(got, "error: %s", vstring_str(err));
	}
	if (strcmp(vstring_str(got), ent_cases[i].want) != 0)
	    fail_msg("%s: got [%s], want [%s]", ent_cases[i].label,
		     vstring_str(got), ent_cases[i].want);
	master_ent_free(serv);
	master_cf_free(&cf);
    }
    vstring_free(err);
    vstring_free(got);
}

/* Fields master_cf accepts but a service cannot use. */
static void test_ent_bad(void **state)
{
    MASTER_CF_ENTRY ent;
    MASTER_ENT_OPTS opts;
    VSTRING *err = vstring_alloc(100);
    MASTER_SERV *serv;

    memset(&opts, 0, sizeof(opts));
    opts.daemon_directory = "/d";
    memset(&ent, 0, sizeof(ent));
    ent.service = "x";
    ent.type = "unix";
    ent.private_ = ent.unpriv = ent.chroot = ent.wakeup = "-";
    ent.maxproc = "many";
    ent.command = argv_split("x", " ");
    serv = master_ent_build(&ent, &opts, err);
    assert_null(serv);
    assert_string_equal(vstring_str(err), "bad maxproc field \"many\" in service x/unix");
    ent.maxproc = "-";
    ent.wakeup = "1x";
    serv = master_ent_build(&ent, &opts, err);
    assert_null(serv);
    assert_string_equal(vstring_str(err), "bad wakeup field \"1x\" in service x/unix");
    ent.wakeup = "7?";
    serv = master_ent_build(&ent, &opts, err);
    assert_non_null(serv);
    assert_int_equal(serv->wakeup, 7);
    assert_int_equal(serv->wakeup_cond, 1);
    assert_int_equal(serv->max_proc, 0);
    master_ent_free(serv);
    argv_free(ent.command);
    vstring_free(err);
}

static void test_interfaces(void **state)
{
    static const struct {
	const char *ifaces;
	const char *protos;
	const char *want;
    }       cases[] = {
	{"all", "all", "0.0.0.0 ::"},
	{"all", "ipv4", "0.0.0.0"},
	{"loopback-only", "ipv4", "127.0.0.1"},
	{"loopback-only", "ipv6", "::1"},
	{"127.0.0.1, 192.0.2.1", "all", "127.0.0.1 192.0.2.1"},
    };
    size_t  i;
    ARGV   *got;
    char   *text;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	got = master_ent_interfaces(cases[i].ifaces, cases[i].protos);
	text = join(got);
	if (strcmp(text, cases[i].want) != 0)
	    fail_msg("%s/%s: got [%s], want [%s]", cases[i].ifaces, cases[i].protos,
		     text, cases[i].want);
	myfree(text);
	argv_free(got);
    }
}

/* Process limits, status reports, throttling. */

static void test_sched(void **state)
{
    MASTER_SERV serv;
    int     found;

    memset(&serv, 0, sizeof(serv));
    serv.max_proc = 2;
    serv.gen = 1;
    assert_int_equal(master_sched_want_spawn(&serv, 0), 1);
    master_sched_add_child(&serv, 100);
    /* A fresh child counts as available: no second spawn yet. */
    assert_int_equal(master_sched_want_spawn(&serv, 0), 0);
    assert_int_equal(master_sched_status(&serv, 100, 1, 0), 0);
    assert_int_equal(master_sched_want_spawn(&serv, 0), 1);
    master_sched_add_child(&serv, 101);
    assert_int_equal(master_sched_status(&serv, 101, 1, 0), 0);
    /* Both busy, limit 2 reached. */
    assert_int_equal(serv.total_proc, 2);
    assert_int_equal(master_sched_want_spawn(&serv, 0), 0);
    /* Older generation and unknown pids are ignored. */
    assert_int_equal(master_sched_status(&serv, 101, 0, 1), -1);
    assert_int_equal(master_sched_status(&serv, 999, 1, 1), -1);
    assert_int_equal(serv.avail_proc, 0);
    /* A child that served and then was killed: no throttle. */
    assert_int_equal(master_sched_reap(&serv, 100, 0, 1000, 60000, &found), 0);
    assert_int_equal(found, 1);
    assert_int_equal(master_sched_want_spawn(&serv, 1000), 1);
    /* A child that died before serving anyone throttles the service. */
    master_sched_add_child(&serv, 102);
    assert_int_equal(master_sched_reap(&serv, 102, 0, 2000, 60000, &found), 1);
    assert_int_equal(master_sched_want_spawn(&serv, 2000), 0);
    assert_int_equal(master_sched_want_spawn(&serv, 62000), 1);
    /* Normal exit of an unused child is fine. */
    master_sched_add_child(&serv, 103);
    assert_int_equal(master_sched_reap(&serv, 103, 1, 70000, 60000, &found), 0);
    assert_int_equal(master_sched_reap(&serv, 555, 1, 70000, 60000, &found), 0);
    assert_int_equal(found, 0);
    assert_int_equal(master_sched_reap(&serv, 101, 1, 70000, 60000, &found), 0);
    assert_int_equal(serv.total_proc, 0);
    assert_int_equal(serv.avail_proc, 0);
    /* Unlimited. */
    serv.max_proc = 0;
    serv.total_proc = 1000;
    assert_int_equal(master_sched_want_spawn(&serv, 70000), 1);
}

static void test_wakeup(void **state)
{
    MASTER_SERV serv;

    memset(&serv, 0, sizeof(serv));
    master_sched_wakeup_init(&serv, 0);
    assert_int_equal(master_sched_wakeup_due(&serv, 1000000), 0);	/* none */
    serv.wakeup = 60;
    master_sched_wakeup_init(&serv, 1000);
    assert_int_equal(master_sched_wakeup_due(&serv, 60999), 0);
    assert_int_equal(master_sched_wakeup_due(&serv, 61000), 1);
    assert_int_equal(master_sched_wakeup_due(&serv, 61000), 0);	/* rescheduled */
    assert_int_equal(master_sched_wakeup_due(&serv, 121000), 1);
    /* "60?": only once the service was used. */
    serv.wakeup_cond = 1;
    master_sched_wakeup_init(&serv, 0);
    assert_int_equal(master_sched_wakeup_due(&serv, 60000), 0);
    serv.used = 1;
    assert_int_equal(master_sched_wakeup_due(&serv, 119999), 0);
    assert_int_equal(master_sched_wakeup_due(&serv, 120000), 1);
}

/* master_service_disable: by type, or by name/type. */

static void test_disable(void **state)
{
    static const struct {
	const char *list;
	const char *name;
	const char *type;
	int     want;
    }       cases[] = {
	{"", "smtp", "inet", 0},
	{"inet", "smtp", "inet", 1},
	{"INET", "smtp", "inet", 1},
	{"unix", "smtp", "inet", 0},
	{"smtp/inet", "smtp", "inet", 1},
	{"smtp/inet", "smtps", "inet", 0},
	{"smtp/inet", "smt", "inet", 0},
	{"smtp/unix, fifo", "smtp", "inet", 0},
	{"fifo, 127.0.0.1:25/inet", "127.0.0.1:25", "inet", 1},
    };
    size_t  i;
    int     got;
    MASTER_CF cf = MASTER_CF_INIT;
    MASTER_SERVS servs;
    MASTER_ENT_OPTS opts;
    VSTRING *err = vstring_alloc(100);
    static const char text[] = "smtp inet n - n - - smtpd\n"
	"pickup unix n - n 60 1 pickup\n"
	"qmgr unix n - n 300 1 qmgr\n";

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	got = master_ent_disabled(cases[i].list, cases[i].name, cases[i].type);
	if (got != cases[i].want)
	    fail_msg("\"%s\" for %s/%s: got %d, want %d", cases[i].list,
		     cases[i].name, cases[i].type, got, cases[i].want);
    }
    assert_int_equal(master_cf_parse(&cf, text, sizeof(text) - 1, "master.cf", err), 0);
    memset(&opts, 0, sizeof(opts));
    opts.daemon_directory = "/d";
    opts.inet_interfaces = "loopback-only";
    opts.inet_protocols = "ipv4";
    opts.service_disable = "inet, qmgr/unix";
    assert_int_equal(master_ent_load(&servs, &cf, &opts, err), 0);
    if (servs.count != 1 || strcmp(servs.serv[0]->name, "pickup") != 0)
	fail_msg("load with disable list: got %d services (first %s), want pickup only",
		 (int) servs.count, servs.count ? servs.serv[0]->name : "none");
    master_servs_free(&servs);
    master_cf_free(&cf);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_args),
	cmocka_unit_test(test_ent),
	cmocka_unit_test(test_ent_bad),
	cmocka_unit_test(test_interfaces),
	cmocka_unit_test(test_sched),
	cmocka_unit_test(test_wakeup),
	cmocka_unit_test(test_disable),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
