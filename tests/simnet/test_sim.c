/*
 * NAME
 *	test_sim
 * SUMMARY
 *	unit tests for the simulator engine
 * DESCRIPTION
 *	Virtual clock, timers, stream chunking, sub-seed independence,
 *	reply parsing, trace stability (same seed: byte-identical; other
 *	seed: different), requests between cores, crash and restart. The
 *	toy echo and store cores stand in for real ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "mymalloc.h"
#include "simnet.h"

static SIM *new_sim(uint64_t seed, core_time_ms latency, SIM_CHUNKING c2s)
{
    SIM_OPTIONS opts;
    SIM    *sim;

    sim_options_init(&opts, seed);
    opts.latency_ms = latency;
    opts.c2s_chunking = c2s;
    sim = sim_create(&opts);
    assert_int_equal(sim_host_add(sim, "mx.example", "192.0.2.1"), 0);
    assert_int_equal(sim_service_add(sim, "mx.example", "echo", &sim_toy_echo_ops), 0);
    return (sim);
}

static SIM_CONN *connect_echo(SIM *sim)
{
    VSTRING *err = vstring_alloc(32);
    SIM_CONN *conn = sim_connect(sim, "192.0.2.10", "mx.example", "echo", err);

    if (conn == 0)
	fail_msg("connect: %s", vstring_str(err));
    vstring_free(err);
    return (conn);
}

static void want_reply(SIM_CONN *conn, int code, const char *first)
{
    SIM_REPLY reply;
    int     status;

    sim_reply_init(&reply);
    status = sim_conn_read_reply(conn, 3600 * 1000, &reply);
    if (status != 1)
	fail_msg("read reply: got status %d, want a %d reply", status, code);
    if (reply.code != code || (first && strcmp(reply.lines->argv[0], first) != 0))
	fail_msg("got %d %s, want %d %s", reply.code, reply.lines->argv[0], code,
		 first ? first : "");
    sim_reply_free(&reply);
}

static void send_str(SIM_CONN *conn, const char *text)
{
    sim_conn_send(conn, text, strlen(text));
}

static void test_clock_and_latency(void **state)
{
    SIM    *sim = new_sim(1, 50, SIM_CHUNK_RANDOM);
    SIM_CONN *conn;

    assert_int_equal(sim_now(sim), 0);
    conn = connect_echo(sim);
    want_reply(conn, 220, 0);
    /* start after one latency, greeting after another */
    assert_int_equal(sim_now(sim), 100);
    send_str(conn, "NOOP\r\n");
    want_reply(conn, 250, "2.0.0 Ok");
    assert_int_equal(sim_now(sim), 200);
    sim_advance(sim, 1500);
    assert_int_equal(sim_now(sim), 1700);
    sim_free(sim);
}

static void test_timer_fires_at_deadline(void **state)
{
    SIM    *sim = new_sim(1, 1, SIM_CHUNK_RANDOM);
    SIM_CONN *conn;

    sim_config(sim, "echo_idle_timeout", "10");
    conn = connect_echo(sim);
    want_reply(conn, 220, 0);
    sim_advance(sim, 5000);
    assert_int_equal(sim_now(sim), 5002);
    assert_false(sim_conn_server_closed(conn));
    /* rearmed by a command at 5002 + 1: fires at 15003 */
    send_str(conn, "NOOP\r\n");
    want_reply(conn, 250, 0);
    want_reply(conn, 421, 0);
    assert_int_equal(sim_now(sim), 15004);
    assert_int_equal(sim_conn_wait_close(conn, 1000), 1);
    assert_int_equal(sim_pending(sim), 0);
    sim_free(sim);
}

/* The "recv" lines of a trace: what the client got, in which chunks. */
static char *recv_lines(const VSTRING *trace)
{
    VSTRING *out = vstring_alloc(256);
    const char *cp = vstring_str(trace), *nl;

    for (; (nl = strchr(cp, '\n')) != 0; cp = nl + 1)
	if (strstr(cp, " recv conn ") != 0 && strstr(cp, " recv conn ") < nl)
	    vstring_memcat(out, cp, nl + 1 - cp);
    return (vstring_export(out));
}

/* A session whose replies are long enough to be cut into many chunks. */
static char *chunked_session(uint64_t seed, int disk_noise, size_t *deliveries)
{
    SIM    *sim = new_sim(seed, 1, SIM_CHUNK_RANDOM);
    SIM_CONN *conn;
    VSTRING *id = vstring_alloc(16);
    char   *lines;
    const char *cp;
    int     i;

    /* Disk activity draws from the disk stream only. */
    sim_disk_random_eio(sim_disk(sim), 300);
    for (i = 0; i < disk_noise; i++)
	(void) sim_disk_op(sim_disk(sim), 0 /* create */ , "incoming", 0, 0, 0, id);
    conn = connect_echo(sim);
    want_reply(conn, 220, 0);
    send_str(conn, "MULTI 20\r\n");
    want_reply(conn, 250, "line 1");
    lines = recv_lines(sim_trace_text(sim));
    for (*deliveries = 0, cp = lines; (cp = strchr(cp, '\n')) != 0; cp++)
	++*deliveries;
    vstring_free(id);
    sim_free(sim);
    return (lines);
}

static void test_chunking_determinism_and_subseeds(void **state)
{
    size_t  n1, n2, n3, n4;
    char   *a = chunked_session(5, 0, &n1);
    char   *b = chunked_session(5, 0, &n2);
    char   *c = chunked_session(5, 37, &n3);
    char   *d = chunked_session(6, 0, &n4);

    /* 20 lines of 12 bytes and a 30-byte greeting, chunks of at most 64 */
    if (n1 < 5)
	fail_msg("got %zu deliveries, want the replies cut into several", n1);
    if (strcmp(a, b) != 0)
	fail_msg("same seed, different chunks:\n%s---\n%s", a, b);
    if (strcmp(a, c) != 0)
	fail_msg("disk draws changed the network stream:\n%s---\n%s", a, c);
    if (strcmp(a, d) == 0)
	fail_msg("seeds 5 and 6 cut the stream the same way:\n%s", a);
    myfree(a);
    myfree(b);
    myfree(c);
    myfree(d);
}

static void test_byte_chunking(void **state)
{
    SIM    *sim = new_sim(3, 1, SIM_CHUNK_BYTE);
    SIM_CONN *conn = connect_echo(sim);
    const char *cp;
    int     events = 0;

    want_reply(conn, 220, 0);
    send_str(conn, "hello\r\n");
    want_reply(conn, 250, "hello");
    for (cp = vstring_str(sim_trace_text(sim)); (cp = strstr(cp, " bytes len 1 ")) != 0; cp++)
	events++;
    assert_int_equal(events, 7);
    sim_free(sim);
}

static void test_reply_parse(void **state)
{
    static const struct {
	const char *in;
	size_t  used;
	int     code;
	int     multi;
	size_t  lines;
    } cases[] = {
	{"250 ok\r\n", 8, 250, 0, 1},
	{"250-a\r\n250 b\r\nrest", 14, 250, 1, 2},
	{"250-a\r\n", 0, 0, 0, 0},
	{"250 no end", 0, 0, 0, 0},
	{"250\r\n", 5, 250, 0, 1},
	{"220 lf only\n", 12, 220, 0, 1},
	{"junk\r\n", 6, 0, 0, 1},
	{"250-a\r\n251 b\r\n", 14, 0, 1, 2},
	{"25x ok\r\n", 8, 0, 0, 1},
    };
    SIM_REPLY reply;
    size_t  i, used;

    sim_reply_init(&reply);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	used = sim_reply_parse(cases[i].in, strlen(cases[i].in), &reply);
	if (used != cases[i].used || reply.code != cases[i].code
	    || reply.multiline != cases[i].multi || reply.lines->argc != cases[i].lines)
	    fail_msg("case %zu: got used %zu code %d multi %d lines %zu, "
		     "want %zu %d %d %zu", i, used, reply.code, reply.multiline,
		     reply.lines->argc, cases[i].used, cases[i].code,
		     cases[i].multi, cases[i].lines);
    }
    sim_reply_free(&reply);
}

/* A session touching every subsystem: stream, requests, disk, timer. */
static char *full_session(uint64_t seed)
{
    SIM    *sim = new_sim(seed, 2, SIM_CHUNK_RANDOM);
    SIM_CONN *conn;
    char   *trace;

    sim_service_add(sim, "mx.example", "cleanup", &sim_toy_store_ops);
    sim_config(sim, "echo_idle_timeout", "30");
    conn = connect_echo(sim);
    want_reply(conn, 220, 0);
    send_str(conn, "MULTI 5\r\nDATA\r\n");
    want_reply(conn, 250, 0);
    want_reply(conn, 354, 0);
    send_str(conn, "Subject: x\r\n\r\nsome body text that is long enough\r\n.\r\n");
    want_reply(conn, 250, "2.0.0 Ok: queued as 0000000001");
    assert_int_equal(sim_conn_wait_close(conn, 3600 * 1000), 1);
    trace = mystrdup(vstring_str(sim_trace_text(sim)));
    sim_free(sim);
    return (trace);
}

static void test_trace_stable(void **state)
{
    char   *a = full_session(11), *b = full_session(11), *c = full_session(12);

    if (strcmp(a, b) != 0)
	fail_msg("same seed gave different traces:\n%s---\n%s", a, b);
    if (strcmp(a, c) == 0)
	fail_msg("seeds 11 and 12 gave the same trace");
    /* the trace shows every subsystem */
    assert_non_null(strstr(a, "disk op 4 #2 commit 0000000001"));
    assert_non_null(strstr(a, "request #1 -> cleanup"));
    assert_non_null(strstr(a, "event #1 timer"));
    assert_non_null(strstr(a, "log #1 echo timeout after command"));
    myfree(a);
    myfree(b);
    myfree(c);
}

static void test_request_without_service(void **state)
{
    SIM    *sim = new_sim(1, 1, SIM_CHUNK_RANDOM);
    SIM_CONN *conn = connect_echo(sim);

    want_reply(conn, 220, 0);
    send_str(conn, "DATA\r\n");
    want_reply(conn, 451, "4.3.0 Error: queue file write error");
    assert_non_null(strstr(vstring_str(sim_trace_text(sim)), "-> cleanup refused"));
    sim_free(sim);
}

static void test_crash_and_restart(void **state)
{
    SIM    *sim = new_sim(1, 1, SIM_CHUNK_RANDOM);
    SIM_CONN *conn, *again;
    SIM_REPLY reply;
    VSTRING *err = vstring_alloc(16);

    sim_service_add(sim, "mx.example", "cleanup", &sim_toy_store_ops);
    conn = connect_echo(sim);
    want_reply(conn, 220, 0);
    sim_disk_crash_at(sim_disk(sim), 3);
    send_str(conn, "DATA\r\n");
    want_reply(conn, 354, 0);
    send_str(conn, "x\r\n.\r\n");
    sim_reply_init(&reply);
    assert_int_equal(sim_conn_read_reply(conn, 60000, &reply), -2);
    assert_true(sim_crashed(sim));
    assert_int_equal(sim_pending(sim), 0);
    assert_int_equal(sim_step(sim), 0);
    assert_null(sim_connect(sim, "192.0.2.10", "mx.example", "echo", err));
    sim_restart(sim);
    assert_int_equal(sim_conn_read_reply(conn, 60000, &reply), 0);
    again = connect_echo(sim);
    want_reply(again, 220, 0);
    sim_reply_free(&reply);
    vstring_free(err);
    sim_free(sim);
}

static void test_stall_and_reset(void **state)
{
    SIM    *sim = new_sim(1, 1, SIM_CHUNK_RANDOM);
    SIM_CONN *conn = connect_echo(sim);
    char    want[64];

    sim_conn_stall(conn, 5000);
    want_reply(conn, 220, 0);
    assert_int_equal(sim_now(sim), 5000);
    sim_conn_reset(conn);
    assert_int_equal(sim_conn_wait_close(conn, 1000), 1);
    snprintf(want, sizeof(want), "event #1 peer-closed id 0 op 0 status %d", ECONNRESET);
    if (strstr(vstring_str(sim_trace_text(sim)), want) == 0)
	fail_msg("no \"%s\" in the trace:\n%s", want, vstring_str(sim_trace_text(sim)));
    assert_non_null(strstr(vstring_str(sim_trace_text(sim)), "close #1 echo"));
    sim_conn_send(conn, "x", 1);
    assert_non_null(strstr(vstring_str(sim_trace_text(sim)), "send conn 1 dropped: closed"));
    sim_free(sim);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_clock_and_latency),
	cmocka_unit_test(test_timer_fires_at_deadline),
	cmocka_unit_test(test_chunking_determinism_and_subseeds),
	cmocka_unit_test(test_byte_chunking),
	cmocka_unit_test(test_reply_parse),
	cmocka_unit_test(test_trace_stable),
	cmocka_unit_test(test_request_without_service),
	cmocka_unit_test(test_crash_and_restart),
	cmocka_unit_test(test_stall_and_reset),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
