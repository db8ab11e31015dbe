/*
 * NAME
 *	simnet 1
 * SUMMARY
 *	deterministic simulator front end
 * SYNOPSIS
 *	simnet run [--seed N] [--trace FILE] [--matrix FILE]... SCENARIO...
 *	simnet crashcheck [--seed N] [--messages N] [--front CORE] [--store CORE] [--protocol smtp|qmqp]
 *	simnet cores
 * DESCRIPTION
 *	"run" runs each conformance scenario twice (client bytes whole, then
 *	one byte at a time), prints PASS or FAIL per scenario with the
 *	command that replays a failure, and with --matrix prints the
 *	requirement coverage of that matrix. --trace writes the trace of
 *	the whole-bytes runs.
 *
 *	"crashcheck" crashes the simulated disk at every operation of a
 *	multi-message run and checks that nothing acknowledged was lost.
 *
 *	"cores" lists the registered cores. This file is the only part of
 *	the simulator that touches real files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mymalloc.h"
#include "msg.h"
#include "argv.h"
#include "vstring.h"
#include "simnet.h"
#include "scn.h"

static void usage(void)
{
    fprintf(stderr,
	    "usage: simnet run [--seed N] [--trace FILE] [--matrix FILE]... SCENARIO...\n"
	    "       simnet crashcheck [--seed N] [--messages N] [--front CORE] [--store CORE] [--protocol smtp|qmqp]\n"
	    "       simnet cores\n");
    exit(2);
}

static int read_file(const char *path, VSTRING *out)
{
    FILE   *fp;
    char    buf[4096];
    size_t  n;

    vstring_reset(out);
    if ((fp = fopen(path, "r")) == 0)
	return (-1);
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
	vstring_memcat(out, buf, n);
    if (ferror(fp)) {
	fclose(fp);
	return (-1);
    }
    fclose(fp);
    return (0);
}

static uint64_t parse_u64(const char *opt, const char *text)
{
    char   *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 0);
    if (errno || *end || *text == 0 || *text == '-')
	msg_fatal("bad %s value: \"%s\"", opt, text);
    return ((uint64_t) v);
}

static const char *opt_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
	usage();
    return (argv[++*i]);
}

static int cmd_run(int argc, char **argv)
{
    uint64_t seed = 1;
    const char *trace_path = 0;
    ARGV   *matrices = argv_alloc(2);
    ARGV   *passed = argv_alloc(16);
    VSTRING *text = vstring_alloc(4096);
    VSTRING *trace = vstring_alloc(4096);
    VSTRING *err = vstring_alloc(256);
    VSTRING *out = vstring_alloc(256);
    SCN    *scn;
    FILE   *fp;
    int     i, npass = 0, nfail = 0, covered;
    size_t  j;

    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
	if (strcmp(argv[i], "--seed") == 0)
	    seed = parse_u64("--seed", opt_value(argc, argv, &i));
	else if (strcmp(argv[i], "--trace") == 0)
	    trace_path = opt_value(argc, argv, &i);
	else if (strcmp(argv[i], "--matrix") == 0)
	    argv_add(matrices, opt_value(argc, argv, &i));
	else
	    usage();
    }
    if (i >= argc)
	usage();
    for (; i < argc; i++) {
	if (read_file(argv[i], text) < 0) {
	    printf("FAIL %s: cannot read: %s\n", argv[i], strerror(errno));
	    nfail++;
	    continue;
	}
	scn = scn_parse(argv[i], vstring_str(text), err);
	vstring_sprintf_append(trace, "# scenario %s seed %llu\n", argv[i],
			       (unsigned long long) seed);
	if (scn_run_both(scn, seed, trace, err) == 0) {
	    printf("PASS %s (%s)\n", scn_id(scn), argv[i]);
	    npass++;
	    argv_add(passed, scn_id(scn));
	    for (j = 0; j < scn_requires(scn)->argc; j++)
		argv_add(passed, scn_requires(scn)->argv[j]);
	} else {
	    printf("FAIL %s (%s): %s\n", scn_id(scn), argv[i], vstring_str(err));
	    printf("  replay: simnet run --seed %llu --trace %s.trace %s\n",
		   (unsigned long long) seed, argv[i], argv[i]);
	    nfail++;
	}
	scn_free(scn);
    }
    if (trace_path) {
	if ((fp = fopen(trace_path, "w")) == 0
	    || fwrite(vstring_str(trace), 1, vstring_len(trace), fp) != vstring_len(trace)
	    || fclose(fp) != 0)
	    msg_fatal("write %s: %s", trace_path, strerror(errno));
    }
    for (j = 0; j < matrices->argc; j++) {
	if (read_file(matrices->argv[j], text) < 0)
	    msg_fatal("read %s: %s", matrices->argv[j], strerror(errno));
	vstring_reset(out);
	if (scn_coverage(matrices->argv[j], vstring_str(text), passed, out, &covered) < 0)
	    msg_fatal("%s: bad requirement matrix", matrices->argv[j]);
	fputs(vstring_str(out), stdout);
    }
    printf("simnet: %d passed, %d failed (seed %llu)\n", npass, nfail,
	   (unsigned long long) seed);
    argv_free(matrices);
    argv_free(passed);
    vstring_free(text);
    vstring_free(trace);
    vstring_free(err);
    vstring_free(out);
    return (nfail ? 1 : 0);
}

static const SIM_CORE_OPS *core_arg(const char *name)
{
    const SIM_CORE_OPS *ops = sim_core_find(name);

    if (ops == 0)
	msg_fatal("no core named \"%s\" (see simnet cores)", name);
    return (ops);
}

static int cmd_crashcheck(int argc, char **argv)
{
    SIM_CRASH_OPTS opts;
    SIM_CRASH_RESULT res;
    int     i, ret;

    memset(&opts, 0, sizeof(opts));
    memset(&res, 0, sizeof(res));
    opts.seed = 1;
    opts.messages = 3;
    opts.front = core_arg("echo");
    opts.store = core_arg("store");
    for (i = 1; i < argc; i++) {
	if (strcmp(argv[i], "--seed") == 0)
	    opts.seed = parse_u64("--seed", opt_value(argc, argv, &i));
	else if (strcmp(argv[i], "--messages") == 0)
	    opts.messages = (int) parse_u64("--messages", opt_value(argc, argv, &i));
	else if (strcmp(argv[i], "--front") == 0)
	    opts.front = core_arg(opt_value(argc, argv, &i));
	else if (strcmp(argv[i], "--store") == 0)
	    opts.store = core_arg(opt_value(argc, argv, &i));
	else if (strcmp(argv[i], "--protocol") == 0) {
	    const char *proto = opt_value(argc, argv, &i);

	    if (strcmp(proto, "qmqp") == 0)
		opts.protocol = SIM_CRASH_QMQP;
	    else if (strcmp(proto, "smtp") == 0)
		opts.protocol = SIM_CRASH_SMTP;
	    else
		msg_fatal("--protocol must be smtp or qmqp");
	}
	else
	    usage();
    }
    if (opts.messages < 1 || opts.messages > 1000)
	msg_fatal("--messages must be 1..1000");
    ret = sim_crash_check(&opts, &res);
    fputs(vstring_str(res.report), stdout);
    printf("crash check: %d of %d crash points checked, %d failures (seed %llu)\n",
	   res.points_checked, res.ops_total, res.failures,
	   (unsigned long long) opts.seed);
    if (ret < 0)
	printf("  replay: simnet crashcheck --seed %llu --messages %d --front %s --store %s --protocol %s\n",
	       (unsigned long long) opts.seed, opts.messages, opts.front->name,
	       opts.store->name, opts.protocol == SIM_CRASH_QMQP ? "qmqp" : "smtp");
    vstring_free(res.report);
    return (ret < 0 ? 1 : 0);
}

int     main(int argc, char **argv)
{
    const SIM_CORE_OPS *const * opp;

    msg_stderr_init("simnet");
    if (argc < 2)
	usage();
    if (strcmp(argv[1], "run") == 0)
	return (cmd_run(argc - 1, argv + 1));
    if (strcmp(argv[1], "crashcheck") == 0)
	return (cmd_crashcheck(argc - 1, argv + 1));
    if (strcmp(argv[1], "cores") == 0) {
	for (opp = sim_core_table; *opp; opp++)
	    printf("%s\n", (*opp)->name);
	return (0);
    }
    usage();
}
