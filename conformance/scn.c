/*
 * NAME
 *	scn 3
 * SUMMARY
 *	conformance scenario parser and runner
 * DESCRIPTION
 *	Commands are run one at a time against a fresh simulator with one
 *	host, mx.example (192.0.2.1), that offers every registered core as
 *	a service under the core's name. The client's view (every reply,
 *	every close) is written to a transcript so that runs with different
 *	chunking can be compared. The first failing command ends the run
 *	with "line N: got X, want Y".
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "scn.h"

#define SCN_HOST	"mx.example"
#define SCN_HOST_ADDR	"192.0.2.1"
#define SCN_CLIENT_ADDR	"192.0.2.10"
#define SCN_TIMEOUT_MS	(600 * 1000)
#define SCN_CONN_MAX	32

struct SCN {
    char   *name;
    char   *id;
    ARGV   *requires;
    ARGV   *lines;			/* raw lines, index = line number - 1 */
};

typedef struct SCN_RUN {
    SIM    *sim;
    SIM_CONN *conns[SCN_CONN_MAX];
    char   *names[SCN_CONN_MAX];
    int     nconns;
    SIM_CONN *cur;
    core_time_ms timeout_ms;
    VSTRING *transcript;
    VSTRING *err;
    SIM_REPLY reply;
} SCN_RUN;

/* ---- parsing -------------------------------------------------------------- */

SCN    *scn_parse(const char *name, const char *text, VSTRING *err)
{
    SCN    *scn = (SCN *) mycalloc(1, sizeof(*scn));
    const char *cp = text, *nl;
    char   *line, *rest, *colon;
    int     first_comment = 1;

    scn->name = mystrdup(name);
    scn->requires = argv_alloc(4);
    scn->lines = argv_alloc(32);
    while (*cp) {
	nl = strchr(cp, '\n');
	line = nl ? mystrndup(cp, nl - cp) : mystrdup(cp);
	if (*line && line[strlen(line) - 1] == '\r')
	    line[strlen(line) - 1] = 0;
	argv_add(scn->lines, line);
	if (line[0] == '#') {
	    rest = skipblanks(line + 1);
	    if (has_prefix(rest, "requires:")) {
		argv_split_append(scn->requires, rest + strlen("requires:"), " \t,");
	    } else if (first_comment && (colon = strchr(rest, ':')) != 0
		       && colon > rest && memchr(rest, ' ', colon - rest) == 0) {
		scn->id = mystrndup(rest, colon - rest);
	    }
	    first_comment = 0;
	}
	myfree(line);
	if (nl == 0)
	    break;
	cp = nl + 1;
    }
    if (scn->id == 0)
	scn->id = mystrdup(name);
    if (err)
	vstring_reset(err);
    return (scn);
}

void    scn_free(SCN *scn)
{
    if (scn == 0)
	return;
    myfree(scn->name);
    myfree(scn->id);
    argv_free(scn->requires);
    argv_free(scn->lines);
    myfree(scn);
}

const char *scn_id(const SCN *scn)
{
    return (scn->id);
}

const ARGV *scn_requires(const SCN *scn)
{
    return (scn->requires);
}

int     scn_glob(const char *pattern, const char *text)
{
    for (; *pattern; pattern++, text++) {
	if (*pattern == '*') {
	    while (pattern[1] == '*')
		pattern++;
	    if (pattern[1] == 0)
		return (1);
	    for (; *text; text++)
		if (scn_glob(pattern + 1, text))
		    return (1);
	    return (0);
	}
	if (*text == 0 || (*pattern != '?' && *pattern != *text))
	    return (0);
    }
    return (*text == 0);
}

/* Unescapes \r \n \t \\ \s (space) \xHH; -1 on a bad escape. */
static int scn_unescape(const char *text, VSTRING *out)
{
    const char *cp;
    int     hi, lo;

    vstring_reset(out);
    for (cp = text; *cp; cp++) {
	if (*cp != '\\') {
	    vstring_addch(out, *cp);
	    continue;
	}
	switch (*++cp) {
	case 'r':
	    vstring_addch(out, '\r');
	    break;
	case 'n':
	    vstring_addch(out, '\n');
	    break;
	case 't':
	    vstring_addch(out, '\t');
	    break;
	case 's':
	    vstring_addch(out, ' ');
	    break;
	case '\\':
	    vstring_addch(out, '\\');
	    break;
	case 'x':
	    if (!isxdigit((unsigned char) cp[1]) || !isxdigit((unsigned char) cp[2]))
		return (-1);
	    hi = isdigit((unsigned char) cp[1]) ? cp[1] - '0' : (tolower((unsigned char) cp[1]) - 'a' + 10);
	    lo = isdigit((unsigned char) cp[2]) ? cp[2] - '0' : (tolower((unsigned char) cp[2]) - 'a' + 10);
	    vstring_addch(out, (char) (hi * 16 + lo));
	    cp += 2;
	    break;
	default:
	    return (-1);
	}
    }
    return (0);
}

/* "300s", "5m", "100ms", "1h", "2d"; a bare number is seconds. */
static int scn_duration(const char *text, core_time_ms *ms)
{
    char   *end;
    long long n;

    if (!isdigit((unsigned char) *text))
	return (-1);
    errno = 0;
    n = strtoll(text, &end, 10);
    if (errno || n < 0 || n > 100LL * 365 * 86400)
	return (-1);
    if (strcmp(end, "ms") == 0)
	*ms = n;
    else if (*end == 0 || strcmp(end, "s") == 0)
	*ms = n * 1000;
    else if (strcmp(end, "m") == 0)
	*ms = n * 60 * 1000;
    else if (strcmp(end, "h") == 0)
	*ms = n * 3600 * 1000;
    else if (strcmp(end, "d") == 0)
	*ms = n * 86400 * 1000;
    else
	return (-1);
    return (0);
}

static int scn_number(const char *text, long *value)
{
    if (text == 0 || !alldig(text) || strlen(text) > 9)
	return (-1);
    *value = atol(text);
    return (0);
}

/* ---- running ---------------------------------------------------------------- */

static void scn_transcript_reply(SCN_RUN *run, const SIM_REPLY *reply)
{
    size_t  i;

    for (i = 0; i < reply->lines->argc; i++)
	vstring_sprintf_append(run->transcript, "conn %llu < %03d%c%s\n",
			       (unsigned long long) sim_conn_number(run->cur),
			       reply->code,
			       i + 1 < reply->lines->argc ? '-' : ' ',
			       reply->lines->argv[i]);
}

static const char *scn_reply_text(SCN_RUN *run, VSTRING *buf)
{
    size_t  i;

    vstring_reset(buf);
    for (i = 0; i < run->reply.lines->argc; i++)
	vstring_sprintf_append(buf, "%s%03d%c%s", i ? " | " : "", run->reply.code,
			       i + 1 < run->reply.lines->argc ? '-' : ' ',
			       run->reply.lines->argv[i]);
    return (vstring_str(buf));
}

static int scn_need_conn(SCN_RUN *run)
{
    if (run->cur == 0) {
	vstring_strcpy(run->err, "no connection (use connect first)");
	return (-1);
    }
    return (0);
}

/* expect CODE[-] [PATTERN] */
static int scn_expect_reply(SCN_RUN *run, const char *code_text, const char *pattern)
{
    int     want_code, want_multi = 0, status;
    size_t  i;
    VSTRING *buf;
    int     matched;

    if (strlen(code_text) < 3 || !isdigit((unsigned char) code_text[0])
	|| !isdigit((unsigned char) code_text[1]) || !isdigit((unsigned char) code_text[2])
	|| (code_text[3] != 0 && strcmp(code_text + 3, "-") != 0)) {
	vstring_sprintf(run->err, "bad reply code \"%s\"", code_text);
	return (-1);
    }
    want_code = atoi(code_text);
    want_multi = (code_text[3] == '-');
    status = sim_conn_read_reply(run->cur, run->timeout_ms, &run->reply);
    if (status != 1) {
	vstring_sprintf(run->err, "got %s, want reply %s",
			status == 0 ? "server close" : status == -2 ? "crash" :
			"no reply (timeout)", code_text);
	if (status == 0)
	    vstring_sprintf_append(run->transcript, "conn %llu < close\n",
				 (unsigned long long) sim_conn_number(run->cur));
	return (-1);
    }
    scn_transcript_reply(run, &run->reply);
    buf = vstring_alloc(128);
    matched = 1;
    if (run->reply.code != want_code || (want_multi && !run->reply.multiline)) {
	matched = 0;
    } else if (pattern && *pattern) {
	matched = 0;
	for (i = 0; i < run->reply.lines->argc && !matched; i++)
	    matched = scn_glob(pattern, run->reply.lines->argv[i]);
    }
    if (!matched)
	vstring_sprintf(run->err, "got \"%s\", want %s%s%s%s", scn_reply_text(run, buf),
			want_multi ? "multi-line " : "", code_text,
			pattern && *pattern ? " matching " : "", pattern ? pattern : "");
    vstring_free(buf);
    return (matched ? 0 : -1);
}

/* expect netstring PATTERN: one netstring reply (QMQP) matching the glob */
static int scn_expect_netstring(SCN_RUN *run, const char *pattern)
{
    VSTRING *got = vstring_alloc(100);
    VSTRING *shown = vstring_alloc(100);
    int     status, ret = 0;

    status = sim_conn_read_netstring(run->cur, run->timeout_ms, got);
    if (status != 1) {
	vstring_sprintf(run->err, "got %s, want a netstring",
			status == 0 ? "server close" : status == -2 ? "crash" :
			"no reply (timeout)");
	if (status == 0)
	    vstring_sprintf_append(run->transcript, "conn %llu < close\n",
				 (unsigned long long) sim_conn_number(run->cur));
	ret = -1;
    } else {
	sim_escape(shown, vstring_str(got), vstring_len(got));
	vstring_sprintf_append(run->transcript, "conn %llu < netstring %s\n",
			       (unsigned long long) sim_conn_number(run->cur),
			       vstring_str(shown));
	if (!scn_glob(pattern, vstring_str(got))) {
	    vstring_sprintf(run->err, "got netstring \"%s\", want %s",
			    vstring_str(shown), pattern);
	    ret = -1;
	}
    }
    vstring_free(got);
    vstring_free(shown);
    return (ret);
}

static int scn_connect(SCN_RUN *run, ARGV *av)
{
    const char *client = SCN_CLIENT_ADDR, *service = 0, *as = 0;
    size_t  i;
    SIM_CONN *conn;

    for (i = 1; i < av->argc; i++) {
	if (strcmp(av->argv[i], "client") == 0 && i + 1 < av->argc)
	    client = av->argv[++i];
	else if (strcmp(av->argv[i], "to") == 0 && i + 1 < av->argc)
	    service = av->argv[++i];
	else if (strcmp(av->argv[i], "as") == 0 && i + 1 < av->argc)
	    as = av->argv[++i];
	else {
	    vstring_sprintf(run->err, "connect: unexpected \"%s\"", av->argv[i]);
	    return (-1);
	}
    }
    if (service == 0) {
	vstring_strcpy(run->err, "connect: missing \"to SERVICE\"");
	return (-1);
    }
    if (run->nconns == SCN_CONN_MAX) {
	vstring_strcpy(run->err, "connect: too many connections");
	return (-1);
    }
    if ((conn = sim_connect(run->sim, client, SCN_HOST, service, run->err)) == 0)
	return (-1);
    run->conns[run->nconns] = conn;
    run->names[run->nconns] = mystrdup(as ? as : "");
    run->nconns++;
    run->cur = conn;
    vstring_sprintf_append(run->transcript, "conn %llu open %s\n",
			   (unsigned long long) sim_conn_number(conn), service);
    return (0);
}

static int scn_use(SCN_RUN *run, const char *name)
{
    int     i;

    for (i = 0; i < run->nconns; i++) {
	if (strcmp(run->names[i], name) == 0) {
	    run->cur = run->conns[i];
	    return (0);
	}
    }
    vstring_sprintf(run->err, "use: no connection named %s", name);
    return (-1);
}

static int scn_disk_fault(SCN_RUN *run, ARGV *av)
{
    long    n;
    int     status;

    /* crash disk at op N | fault disk eio|enospc at op N */
    if (strcmp(av->argv[0], "crash") == 0) {
	if (av->argc != 5 || strcmp(av->argv[1], "disk") != 0
	    || strcmp(av->argv[2], "at") != 0 || strcmp(av->argv[3], "op") != 0
	    || scn_number(av->argv[4], &n) < 0 || n < 1) {
	    vstring_strcpy(run->err, "usage: crash disk at op N | crash now");
	    return (-1);
	}
	sim_disk_crash_at(sim_disk(run->sim), (uint64_t) n);
	sim_trace(run->sim, "plan crash at disk op %ld", n);
	return (0);
    }
    if (av->argc != 6 || strcmp(av->argv[1], "disk") != 0
	|| strcmp(av->argv[3], "at") != 0 || strcmp(av->argv[4], "op") != 0
	|| scn_number(av->argv[5], &n) < 0 || n < 1) {
	vstring_strcpy(run->err, "usage: fault disk eio|enospc at op N");
	return (-1);
    }
    if (strcmp(av->argv[2], "eio") == 0)
	status = EIO;
    else if (strcmp(av->argv[2], "enospc") == 0)
	status = ENOSPC;
    else {
	vstring_sprintf(run->err, "fault: unknown fault \"%s\"", av->argv[2]);
	return (-1);
    }
    sim_disk_fault_at(sim_disk(run->sim), (uint64_t) n, status);
    sim_trace(run->sim, "plan %s at disk op %ld", av->argv[2], n);
    return (0);
}

/* check queue Q count N | check files count N */
static int scn_check(SCN_RUN *run, ARGV *av)
{
    ARGV   *files = argv_alloc(16);
    long    want;
    size_t  i, got = 0, qlen;
    int     ret = 0, ready_only;
    const char *queue = 0;

    if (av->argc == 5 && strcmp(av->argv[1], "queue") == 0
	&& strcmp(av->argv[3], "count") == 0 && scn_number(av->argv[4], &want) == 0) {
	queue = av->argv[2];
	ready_only = 1;
    } else if (av->argc == 4 && strcmp(av->argv[1], "files") == 0
	       && strcmp(av->argv[2], "count") == 0
	       && scn_number(av->argv[3], &want) == 0) {
	ready_only = 0;
    } else {
	vstring_strcpy(run->err, "usage: check queue QUEUE count N | check files count N");
	argv_free(files);
	return (-1);
    }
    sim_disk_list(sim_disk(run->sim), ready_only, files);
    qlen = queue ? strlen(queue) : 0;
    for (i = 0; i < files->argc; i++)
	if (queue == 0 || (strncmp(files->argv[i], queue, qlen) == 0
			   && files->argv[i][qlen] == '/'))
	    got++;
    if ((long) got != want) {
	vstring_sprintf(run->err, "got %zu %s, want %ld", got,
			queue ? "ready files" : "files", want);
	ret = -1;
    }
    vstring_sprintf_append(run->transcript, "check %s: %zu\n",
			   queue ? queue : "files", got);
    argv_free(files);
    return (ret);
}

static int scn_command(SCN_RUN *run, const char *line)
{
    ARGV   *av;
    VSTRING *buf = vstring_alloc(128);
    const char *rest;
    core_time_ms ms;
    int     ret = 0;
    size_t  i;
    const SIM_CORE_OPS *ops;
    char   *copy, *name, *value;

    av = argv_split(line, " \t");
    rest = skipblanks(line + strlen(av->argv[0]));
    if (strcmp(av->argv[0], "config") == 0) {
	copy = mystrdup(rest);
	if (split_nameval(copy, &name, &value) != 0) {
	    vstring_strcpy(run->err, "usage: config NAME = VALUE");
	    ret = -1;
	} else
	    sim_config(run->sim, name, value);
	myfree(copy);
    } else if (strcmp(av->argv[0], "service") == 0) {
	if (av->argc != 3 || (ops = sim_core_find(av->argv[2])) == 0) {
	    vstring_sprintf(run->err, "usage: service NAME CORE (a registered core)");
	    ret = -1;
	} else
	    sim_service_add(run->sim, SCN_HOST, av->argv[1], ops);
    } else if (strcmp(av->argv[0], "table") == 0) {
	if (av->argc != 4) {
	    vstring_strcpy(run->err, "usage: table TABLE KEY VALUE");
	    ret = -1;
	} else
	    sim_table_set(run->sim, av->argv[1], av->argv[2], av->argv[3]);
    } else if (strcmp(av->argv[0], "timeout") == 0) {
	if (av->argc != 2 || scn_duration(av->argv[1], &ms) < 0) {
	    vstring_strcpy(run->err, "usage: timeout DURATION");
	    ret = -1;
	} else
	    run->timeout_ms = ms;
    } else if (strcmp(av->argv[0], "connect") == 0) {
	ret = scn_connect(run, av);
    } else if (strcmp(av->argv[0], "use") == 0) {
	ret = av->argc == 2 ? scn_use(run, av->argv[1]) : -1;
    } else if (strcmp(av->argv[0], "send") == 0) {
	/* Everything after "send " is data; trailing blanks count. */
	if ((ret = scn_need_conn(run)) == 0) {
	    if (scn_unescape(line + 5 <= line + strlen(line) ? line + 5 : "", buf) < 0) {
		vstring_strcpy(run->err, "send: bad escape");
		ret = -1;
	    } else
		sim_conn_send(run->cur, vstring_str(buf), vstring_len(buf));
	}
    } else if (strcmp(av->argv[0], "expect") == 0) {
	if (av->argc < 2) {
	    vstring_strcpy(run->err, "usage: expect CODE[-] [PATTERN] | netstring [PATTERN] | close | crash");
	    ret = -1;
	} else if (strcmp(av->argv[1], "crash") == 0) {
	    while (!sim_crashed(run->sim) && sim_step(run->sim))
		 /* void */ ;
	    if (!sim_crashed(run->sim)) {
		vstring_strcpy(run->err, "got no crash, want a crash");
		ret = -1;
	    } else
		vstring_strcat(run->transcript, "crash\n");
	} else if ((ret = scn_need_conn(run)) != 0) {
	     /* void */ ;
	} else if (strcmp(av->argv[1], "close") == 0) {
	    if (vstring_len(sim_conn_inbox(run->cur)) > 0
		|| (ret = sim_conn_wait_close(run->cur, run->timeout_ms)) != 1
		|| vstring_len(sim_conn_inbox(run->cur)) > 0) {
		vstring_sprintf(run->err, "got %s, want close",
				vstring_len(sim_conn_inbox(run->cur)) ?
				vstring_str(sim_escape(vstring_strcpy(buf, "unread \""),
				 vstring_str(sim_conn_inbox(run->cur)),
				 vstring_len(sim_conn_inbox(run->cur)))) :
				ret == -2 ? "crash" : "no close (timeout)");
		ret = -1;
	    } else {
		ret = 0;
		vstring_sprintf_append(run->transcript, "conn %llu < close\n",
				 (unsigned long long) sim_conn_number(run->cur));
	    }
	} else if (strcmp(av->argv[1], "netstring") == 0) {
	    rest = av->argc > 2 ? skipblanks(strstr(line, av->argv[1]) + strlen(av->argv[1])) : "*";
	    ret = scn_expect_netstring(run, rest);
	} else {
	    rest = av->argc > 2 ? skipblanks(strstr(line, av->argv[1]) + strlen(av->argv[1])) : "";
	    ret = scn_expect_reply(run, av->argv[1], rest);
	}
    } else if (strcmp(av->argv[0], "advance") == 0 || strcmp(av->argv[0], "wait") == 0) {
	if (av->argc != 2 || scn_duration(av->argv[1], &ms) < 0) {
	    vstring_strcpy(run->err, "usage: advance DURATION");
	    ret = -1;
	} else
	    sim_advance(run->sim, ms);
    } else if (strcmp(av->argv[0], "close") == 0) {
	if ((ret = scn_need_conn(run)) == 0)
	    sim_conn_close(run->cur);
    } else if (strcmp(av->argv[0], "reset") == 0) {
	if ((ret = scn_need_conn(run)) == 0)
	    sim_conn_reset(run->cur);
    } else if (strcmp(av->argv[0], "stall") == 0) {
	if ((ret = scn_need_conn(run)) == 0) {
	    if (av->argc != 2 || scn_duration(av->argv[1], &ms) < 0) {
		vstring_strcpy(run->err, "usage: stall DURATION");
		ret = -1;
	    } else
		sim_conn_stall(run->cur, ms);
	}
    } else if (strcmp(av->argv[0], "crash") == 0 && av->argc == 2
	       && strcmp(av->argv[1], "now") == 0) {
	sim_crash(run->sim, "scenario");
	vstring_strcat(run->transcript, "crash\n");
    } else if (strcmp(av->argv[0], "crash") == 0 || strcmp(av->argv[0], "fault") == 0) {
	ret = scn_disk_fault(run, av);
    } else if (strcmp(av->argv[0], "restart") == 0) {
	if (!sim_crashed(run->sim))
	    sim_crash(run->sim, "restart");
	sim_restart(run->sim);
	run->cur = 0;
	for (i = 0; i < (size_t) run->nconns; i++)
	    run->names[i][0] = 0;
	vstring_strcat(run->transcript, "restart\n");
    } else if (strcmp(av->argv[0], "check") == 0) {
	ret = scn_check(run, av);
    } else {
	vstring_sprintf(run->err, "unknown command \"%s\"", av->argv[0]);
	ret = -1;
    }
    argv_free(av);
    vstring_free(buf);
    return (ret);
}

int     scn_run(const SCN *scn, uint64_t seed, SIM_CHUNKING chunking,
		        VSTRING *trace, VSTRING *transcript, VSTRING *err)
{
    SIM_OPTIONS opts;
    SCN_RUN run;
    const SIM_CORE_OPS *const * opp;
    size_t  i;
    const char *line;
    int     ret = 0;

    sim_options_init(&opts, seed);
    opts.c2s_chunking = chunking;
    memset(&run, 0, sizeof(run));
    run.sim = sim_create(&opts);
    run.timeout_ms = SCN_TIMEOUT_MS;
    run.transcript = transcript;
    run.err = vstring_alloc(128);
    vstring_reset(transcript);
    vstring_reset(err);
    sim_reply_init(&run.reply);
    sim_host_add(run.sim, SCN_HOST, SCN_HOST_ADDR);
    for (opp = sim_core_table; *opp; opp++)
	sim_service_add(run.sim, SCN_HOST, (*opp)->name, *opp);
    for (i = 0; i < scn->lines->argc; i++) {
	line = skipblanks(scn->lines->argv[i]);
	if (*line == 0 || *line == '#')
	    continue;
	sim_trace(run.sim, "scenario line %zu: %s", i + 1, line);
	if (scn_command(&run, line) < 0) {
	    vstring_sprintf(err, "%s, line %zu: %s: %s", scn->name, i + 1, line,
			    vstring_str(run.err));
	    ret = -1;
	    break;
	}
    }
    if (trace)
	vstring_memcat(trace, vstring_str(sim_trace_text(run.sim)),
		       vstring_len(sim_trace_text(run.sim)));
    for (i = 0; i < (size_t) run.nconns; i++)
	myfree(run.names[i]);
    sim_reply_free(&run.reply);
    sim_free(run.sim);
    vstring_free(run.err);
    return (ret);
}

int     scn_run_both(const SCN *scn, uint64_t seed, VSTRING *trace, VSTRING *err)
{
    VSTRING *whole = vstring_alloc(512);
    VSTRING *bytes = vstring_alloc(512);
    int     ret;

    if ((ret = scn_run(scn, seed, SIM_CHUNK_WHOLE, trace, whole, err)) == 0) {
	if ((ret = scn_run(scn, seed, SIM_CHUNK_BYTE, (VSTRING *) 0, bytes, err)) < 0) {
	    vstring_sprintf_append(err, " (client bytes fed one at a time)");
	} else if (strcmp(vstring_str(whole), vstring_str(bytes)) != 0) {
	    vstring_sprintf(err, "%s: the transcript differs when client bytes are fed one at a time:\n"
			    "--- whole\n%s--- one byte at a time\n%s", scn->name,
			    vstring_str(whole), vstring_str(bytes));
	    ret = -1;
	}
    }
    vstring_free(whole);
    vstring_free(bytes);
    return (ret);
}

/* ---- coverage ------------------------------------------------------------------ */

int     scn_coverage(const char *matrix_name, const char *matrix_text,
		             const ARGV *passed, VSTRING *out, int *covered)
{
    ARGV   *rows = argv_split(matrix_text, "\n");
    ARGV   *missing = argv_alloc(8);
    char   *id, *tab;
    size_t  i, j;
    int     total = 0, hit;

    *covered = 0;
    for (i = 0; i < rows->argc; i++) {
	id = rows->argv[i];
	if (*id == '#' || *skipblanks(id) == 0)
	    continue;
	if ((tab = strchr(id, '\t')) != 0)
	    *tab = 0;
	if (strcmp(id, "id") == 0)
	    continue;
	total++;
	for (hit = 0, j = 0; passed && j < passed->argc && !hit; j++)
	    hit = (strcmp(passed->argv[j], id) == 0);
	if (hit)
	    (*covered)++;
	else
	    argv_add(missing, id);
    }
    vstring_sprintf_append(out, "coverage %s: %d/%d requirements have a passing scenario\n",
			   matrix_name, *covered, total);
    for (i = 0; i < missing->argc; i++)
	vstring_sprintf_append(out, "  uncovered: %s\n", missing->argv[i]);
    argv_free(rows);
    argv_free(missing);
    return (total);
}
