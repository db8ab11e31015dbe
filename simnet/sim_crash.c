/*
 * NAME
 *	sim_crash 3
 * SUMMARY
 *	crash checker: crash the disk at every operation in turn
 * DESCRIPTION
 *	sim_crash_check() sends a number of messages through a client peer,
 *	a receiving core (EHLO, then per message MAIL, RCPT and DATA ... "."
 *	answered "250 ... queued as ID", or one QMQP packet each) and
 *	a cleanup stand-in, first without faults to count the disk
 *	operations, then once per operation N with the disk crashing at N.
 *	After each crash the host restarts and the durable disk is checked:
 *	every message whose 250 reached the client is in a ready file that
 *	holds exactly its lines and ends with REC_TYPE_END, and no ready
 *	file lacks the REC_TYPE_END record.
 */
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "record.h"
#include "netstring.h"
#include "simnet.h"

#define CRASH_TIMEOUT_MS	(10 * 60 * 1000)

/*
 * Checks a ready file: records well formed, REC_TYPE_END last; every
 * line of body (when not NULL) must appear among the REC_TYPE_NORM
 * lines, in order (cleanup may add headers in between).
 */
static int crash_check_file(const VSTRING *content, const char *body, VSTRING *why)
{
    REC_ITER it;
    REC_RECORD rec;
    int     type, last = 0;
    size_t  want_len;
    const char *want = body, *nl;

    rec_iter_init(&it, vstring_str(content), vstring_len(content), REC_LEN_MAX);
    while ((type = rec_iter_next(&it, &rec)) >= 0) {
	last = type;
	if (type == REC_TYPE_NORM && want && *want) {
	    nl = strchr(want, '\n');
	    want_len = nl ? (size_t) (nl - want) : strlen(want);
	    if (rec.len == want_len && memcmp(rec.data, want, rec.len) == 0)
		want = nl ? nl + 1 : want + want_len;
	}
    }
    if (type != REC_TYPE_EOF)
	vstring_sprintf(why, "malformed record at offset %zu", it.pos);
    else if (last != REC_TYPE_END)
	vstring_strcpy(why, "no end record");
    else if (want && *want)
	vstring_strcpy(why, "content differs");
    else
	return (1);
    return (0);
}

static void crash_body(VSTRING *body, int i)
{
    vstring_sprintf(body, "Subject: message %d\n\nline one of %d\n.dot line\nend of %d\n",
		    i, i, i);
}

static SIM *crash_setup(const SIM_CRASH_OPTS *opts, uint64_t crash_at)
{
    SIM_OPTIONS so;
    SIM    *sim;

    sim_options_init(&so, opts->seed);
    sim = sim_create(&so);
    sim_host_add(sim, "mx.example", "192.0.2.1");
    sim_service_add(sim, "mx.example", "front", opts->front);
    sim_service_add(sim, "mx.example", "cleanup", opts->store);
    if (opts->protocol == SIM_CRASH_QMQP) {
	sim_config(sim, "qmqpd_authorized_clients", "192.0.2.0/24");
	sim_config(sim, "qmqpd_error_delay", "0");
    }
    if (crash_at)
	sim_disk_crash_at(sim_disk(sim), crash_at);
    return (sim);
}

/* QMQP: one connection per message; K answers carry the queue id. */
static void crash_run_qmqp(SIM *sim, int messages, char **acked)
{
    SIM_CONN *conn;
    VSTRING *err = vstring_alloc(64);
    VSTRING *body = vstring_alloc(256);
    VSTRING *inner = vstring_alloc(256);
    VSTRING *packet = vstring_alloc(256);
    VSTRING *answer = vstring_alloc(64);
    const char *prefix = "KOk: queued as ";
    int     i;

    for (i = 0; i < messages && !sim_crashed(sim); i++) {
	if ((conn = sim_connect(sim, "192.0.2.10", "mx.example", "front", err)) == 0)
	    break;
	crash_body(body, i);
	vstring_reset(inner);
	netstring_append(inner, vstring_str(body), vstring_len(body));
	netstring_append(inner, "sender@client.example", 21);
	netstring_append(inner, "rcpt@mx.example", 15);
	vstring_reset(packet);
	netstring_append(packet, vstring_str(inner), vstring_len(inner));
	sim_conn_send(conn, vstring_str(packet), vstring_len(packet));
	if (sim_conn_read_netstring(conn, CRASH_TIMEOUT_MS, answer) != 1)
	    break;
	if (strncmp(vstring_str(answer), prefix, strlen(prefix)) == 0)
	    acked[i] = mystrdup(vstring_str(answer) + strlen(prefix));
	(void) sim_conn_wait_close(conn, CRASH_TIMEOUT_MS);
    }
    sim_advance(sim, CRASH_TIMEOUT_MS);
    vstring_free(err);
    vstring_free(body);
    vstring_free(inner);
    vstring_free(packet);
    vstring_free(answer);
}

/* Runs the messages; acked[i] gets the queue id of an acknowledged one. */
static void crash_run(SIM *sim, const SIM_CRASH_OPTS *opts, int messages, char **acked)
{
    SIM_CONN *conn;
    SIM_REPLY reply;
    VSTRING *err = vstring_alloc(64);
    VSTRING *body = vstring_alloc(256);
    VSTRING *wire = vstring_alloc(256);
    const char *cp, *text;
    int     i;

    if (opts->protocol == SIM_CRASH_QMQP) {
	crash_run_qmqp(sim, messages, acked);
	vstring_free(err);
	vstring_free(body);
	vstring_free(wire);
	return;
    }
    sim_reply_init(&reply);
    conn = sim_connect(sim, "192.0.2.10", "mx.example", "front", err);
    if (conn == 0 || sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	goto done;
    sim_conn_send(conn, "EHLO client.example\r\n", 21);
    if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	goto done;
    for (i = 0; i < messages; i++) {
	sim_conn_send(conn, "MAIL FROM:<sender@client.example>\r\n", 35);
	if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	    goto done;
	sim_conn_send(conn, "RCPT TO:<rcpt@mx.example>\r\n", 27);
	if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	    goto done;
	sim_conn_send(conn, "DATA\r\n", 6);
	if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	    goto done;
	if (reply.code != 354)
	    continue;
	crash_body(body, i);
	vstring_reset(wire);
	for (cp = vstring_str(body); *cp; cp++) {
	    if (*cp == '\n')
		vstring_addch(wire, '\r');
	    vstring_addch(wire, *cp);
	    if (*cp == '\n' && cp[1] == '.')
		vstring_addch(wire, '.');
	}
	vstring_strcat(wire, ".\r\n");
	sim_conn_send(conn, vstring_str(wire), vstring_len(wire));
	if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) != 1)
	    goto done;
	text = reply.lines->argc ? reply.lines->argv[0] : "";
	if (reply.code == 250 && (cp = strstr(text, "queued as ")) != 0)
	    acked[i] = mystrdup(cp + strlen("queued as "));
    }
    sim_conn_send(conn, "QUIT\r\n", 6);
    if (sim_conn_read_reply(conn, CRASH_TIMEOUT_MS, &reply) == 1)
	(void) sim_conn_wait_close(conn, CRASH_TIMEOUT_MS);
done:
    /* Let late work (commits, aborts) happen before judging. */
    sim_advance(sim, CRASH_TIMEOUT_MS);
    sim_reply_free(&reply);
    vstring_free(err);
    vstring_free(body);
    vstring_free(wire);
}

/* Judges the durable state; returns the number of problems. */
static int crash_judge(SIM *sim, int messages, char **acked, uint64_t point,
		               VSTRING *report)
{
    SIM_DISK *disk = sim_disk(sim);
    ARGV   *files = argv_alloc(16);
    VSTRING *body = vstring_alloc(256);
    VSTRING *why = vstring_alloc(64);
    const VSTRING *content;
    const char *id;
    int     i, ready, bad = 0;
    size_t  n;

    for (i = 0; i < messages; i++) {
	if (acked[i] == 0)
	    continue;
	crash_body(body, i);
	if ((content = sim_disk_read(disk, acked[i], &ready, (const char **) 0)) == 0
	    || !ready) {
	    vstring_sprintf_append(report, "crash at op %llu: message %d (%s) acknowledged but %s\n",
				   (unsigned long long) point, i, acked[i],
				   content ? "not ready" : "missing");
	    bad++;
	} else if (!crash_check_file(content, vstring_str(body), why)) {
	    vstring_sprintf_append(report, "crash at op %llu: message %d (%s) acknowledged but %s\n",
				   (unsigned long long) point, i, acked[i],
				   vstring_str(why));
	    bad++;
	}
    }
    sim_disk_list(disk, 1, files);
    for (n = 0; n < files->argc; n++) {
	id = strchr(files->argv[n], '/') + 1;
	content = sim_disk_read(disk, id, &ready, (const char **) 0);
	if (!crash_check_file(content, (const char *) 0, why)) {
	    vstring_sprintf_append(report, "crash at op %llu: ready file %s: %s\n",
				   (unsigned long long) point, files->argv[n],
				   vstring_str(why));
	    bad++;
	}
    }
    argv_free(files);
    vstring_free(body);
    vstring_free(why);
    return (bad);
}

static void crash_acked_free(char **acked, int messages)
{
    int     i;

    for (i = 0; i < messages; i++)
	myfree(acked[i]);
    myfree(acked);
}

int     sim_crash_check(const SIM_CRASH_OPTS *opts, SIM_CRASH_RESULT *res)
{
    SIM    *sim;
    char  **acked;
    uint64_t point, total;
    int     i, bad;

    res->ops_total = res->points_checked = res->failures = 0;
    if (res->report == 0)
	res->report = vstring_alloc(256);
    if (opts->front == 0 || opts->store == 0 || opts->messages <= 0) {
	vstring_strcpy(res->report, "bad crash check options\n");
	res->failures = 1;
	return (-1);
    }

    /* The clean run: everything acknowledged, and the operation count. */
    acked = (char **) mycalloc(opts->messages, sizeof(*acked));
    sim = crash_setup(opts, 0);
    crash_run(sim, opts, opts->messages, acked);
    total = sim_disk_op_count(sim_disk(sim));
    for (i = 0; i < opts->messages; i++) {
	if (acked[i] == 0) {
	    vstring_sprintf_append(res->report, "clean run: message %d not acknowledged\n", i);
	    res->failures++;
	}
    }
    res->failures += crash_judge(sim, opts->messages, acked, 0, res->report);
    sim_free(sim);
    crash_acked_free(acked, opts->messages);
    res->ops_total = (int) total;

    for (point = 1; point <= total; point++) {
	acked = (char **) mycalloc(opts->messages, sizeof(*acked));
	sim = crash_setup(opts, point);
	crash_run(sim, opts, opts->messages, acked);
	if (!sim_crashed(sim)) {
	    vstring_sprintf_append(res->report, "crash at op %llu: no crash happened\n",
				   (unsigned long long) point);
	    res->failures++;
	}
	sim_restart(sim);
	bad = crash_judge(sim, opts->messages, acked, point, res->report);
	res->failures += bad;
	res->points_checked++;
	sim_free(sim);
	crash_acked_free(acked, opts->messages);
    }
    return (res->failures ? -1 : 0);
}
