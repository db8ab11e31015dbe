/*
 * NAME
 *	test_qf_interop
 * SUMMARY
 *	queue files between this implementation and stock Postfix
 * DESCRIPTION
 *	Writing: builds the queue file of tests/cleanup/stock_sample.h
 *	with the record encoder and the SIZE formatter (patched in after
 *	the content, the way a writer must), and compares it byte for byte
 *	with stock's. When QF_INTEROP_OUT names a file, the result is also
 *	written there for tests/record/postcat.test.sh.
 *
 *	Reading: the stock queue files in tests/record/samples/ (one short
 *	id, one long id) go through the incremental reader; sender,
 *	recipients, content lines, the SIZE record's offsets and counts,
 *	and the END record are checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "vstring.h"
#include "argv.h"
#include "record.h"
#include "mail_queue.h"
#include "../cleanup/stock_sample.h"

static void build_sample(VSTRING *out)
{
    VSTRING *size = vstring_alloc(100);
    MAIL_QUEUE_SIZE sz = {0};
    size_t  data_offset = 0, xtra_offset = 0;

    /* placeholder of the final width, patched below */
    mail_queue_size_format(size, &sz);
    rec_put(out, REC_TYPE_SIZE, vstring_str(size), vstring_len(size));
    rec_puts(out, REC_TYPE_TIME, "1795592113 213898");
    rec_attr(out, "create_time", "1795592114");
    rec_attr(out, "log_ident", "34AD8A7404A");
    rec_attr(out, "rewrite_context", "local");
    rec_puts(out, REC_TYPE_FROM, "alice@client.example");
    rec_attr(out, "log_client_name", "localhost");
    rec_attr(out, "log_client_address", "127.0.0.1");
    rec_attr(out, "log_client_port", "43128");
    rec_attr(out, "log_message_origin", "localhost[127.0.0.1]");
    rec_attr(out, "log_helo_name", "client.example");
    rec_attr(out, "log_protocol_name", "ESMTP");
    rec_attr(out, "client_name", "localhost");
    rec_attr(out, "reverse_client_name", "localhost");
    rec_attr(out, "client_address", "127.0.0.1");
    rec_attr(out, "client_port", "43128");
    rec_attr(out, "server_address", "127.0.0.1");
    rec_attr(out, "server_port", "26511");
    rec_attr(out, "helo_name", "client.example");
    rec_attr(out, "protocol_name", "ESMTP");
    rec_attr(out, "client_address_type", "2");
    rec_attr(out, "dsn_orig_rcpt", "rfc822;bob@dest.example");
    rec_puts(out, REC_TYPE_ORCP, "bob@dest.example");
    rec_puts(out, REC_TYPE_RCPT, "bob@dest.example");
    rec_attr(out, "dsn_orig_rcpt", "rfc822;carol");
    rec_puts(out, REC_TYPE_ORCP, "carol");
    rec_puts(out, REC_TYPE_RCPT, "carol@stock.example");
    rec_puts(out, REC_TYPE_MESG, "");
    data_offset = vstring_len(out);
    rec_puts(out, REC_TYPE_NORM, "Received: from client.example (localhost [127.0.0.1])");
    rec_puts(out, REC_TYPE_NORM, "\tby stock.example (Postfix) with ESMTP id 34AD8A7404A;");
    rec_puts(out, REC_TYPE_NORM, "\tWed, 25 Nov 2026 07:35:13 +0000 (UTC)");
    rec_puts(out, REC_TYPE_NORM, "Subject: test one");
    rec_puts(out, REC_TYPE_NORM, "Message-Id: <20261125073514.34AD8A7404A@stock.example>");
    rec_puts(out, REC_TYPE_NORM, "Date: Wed, 25 Nov 2026 07:35:13 +0000 (UTC)");
    rec_puts(out, REC_TYPE_NORM, "From: alice@client.example");
    rec_puts(out, REC_TYPE_NORM, "");
    rec_puts(out, REC_TYPE_NORM, "Hello world");
    rec_puts(out, REC_TYPE_NORM, ".dot line");
    rec_puts(out, REC_TYPE_NORM, "");
    xtra_offset = vstring_len(out);
    rec_puts(out, REC_TYPE_XTRA, "");
    rec_puts(out, REC_TYPE_END, "");
    sz.content_size = (int64_t) (xtra_offset - data_offset);
    sz.data_offset = (int64_t) data_offset;
    sz.rcpt_count = 2;
    sz.content_length = sz.content_size;
    mail_queue_size_format(size, &sz);
    /* the SIZE record's data starts after its type and one length byte */
    memcpy(vstring_str(out) + 2, vstring_str(size), vstring_len(size));
    vstring_free(size);
}

static void test_write_stock_layout(void **state)
{
    VSTRING *out = vstring_alloc(2048);
    const char *path = getenv("QF_INTEROP_OUT");

    (void) state;
    build_sample(out);
    if (vstring_len(out) != sizeof(stock_queue_file))
	fail_msg("got %zu bytes, want %zu", vstring_len(out), sizeof(stock_queue_file));
    assert_memory_equal(vstring_str(out), stock_queue_file, sizeof(stock_queue_file));
    if (path != 0 && *path) {
	FILE   *fp = fopen(path, "wb");

	if (fp == 0 || fwrite(vstring_str(out), 1, vstring_len(out), fp) != vstring_len(out)
	    || fclose(fp) != 0)
	    fail_msg("cannot write %s", path);
    }
    vstring_free(out);
}

/*
 * A message with lines longer than a record may be, split the way
 * cleanup splits them (line_length_limit 2048: L pieces, then N), with
 * the null sender. Our reader must join the pieces; postcat.test.sh
 * checks that stock postcat does too (QF_INTEROP_OUT_LONG).
 */
#define LONG_PIECE	2048

static void long_line(VSTRING *out, size_t len, int seed)
{
    size_t  i;

    vstring_reset(out);
    for (i = 0; i < len; i++)
	vstring_addch(out, (char) ('a' + (i / 10 + (size_t) seed) % 26));
}

static void put_line(VSTRING *out, const char *line, size_t len)
{
    while (len > LONG_PIECE) {
	rec_put(out, REC_TYPE_CONT, line, LONG_PIECE);
	line += LONG_PIECE;
	len -= LONG_PIECE;
    }
    rec_put(out, REC_TYPE_NORM, line, len);
}

static void build_long_lines(VSTRING *out, VSTRING *want_content)
{
    VSTRING *size = vstring_alloc(100);
    VSTRING *line = vstring_alloc(6000);
    MAIL_QUEUE_SIZE sz = {0};
    static const size_t lens[] = {5000, LONG_PIECE, LONG_PIECE + 1, 0};
    size_t  data_offset, xtra_offset, i;

    mail_queue_size_format(size, &sz);
    rec_put(out, REC_TYPE_SIZE, vstring_str(size), vstring_len(size));
    rec_puts(out, REC_TYPE_TIME, "1795592113 213898");
    rec_attr(out, "create_time", "1795592114");
    rec_attr(out, "log_ident", "34AD8A7404B");
    rec_attr(out, "rewrite_context", "remote");
    rec_puts(out, REC_TYPE_FROM, "");
    rec_attr(out, "dsn_orig_rcpt", "rfc822;dave@dest.example");
    rec_puts(out, REC_TYPE_ORCP, "dave@dest.example");
    rec_puts(out, REC_TYPE_RCPT, "dave@dest.example");
    rec_puts(out, REC_TYPE_MESG, "");
    data_offset = vstring_len(out);
    vstring_strcpy(want_content, "Subject: long lines\n\n");
    rec_puts(out, REC_TYPE_NORM, "Subject: long lines");
    rec_puts(out, REC_TYPE_NORM, "");
    for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
	long_line(line, lens[i], (int) i);
	put_line(out, vstring_str(line), vstring_len(line));
	vstring_memcat(want_content, vstring_str(line), vstring_len(line));
	vstring_addch(want_content, '\n');
    }
    xtra_offset = vstring_len(out);
    rec_puts(out, REC_TYPE_XTRA, "");
    rec_puts(out, REC_TYPE_END, "");
    sz.content_size = (int64_t) (xtra_offset - data_offset);
    sz.data_offset = (int64_t) data_offset;
    sz.rcpt_count = 1;
    sz.content_length = (int64_t) vstring_len(want_content);
    mail_queue_size_format(size, &sz);
    memcpy(vstring_str(out) + 2, vstring_str(size), vstring_len(size));
    vstring_free(size);
    vstring_free(line);
}

static void test_write_long_lines(void **state)
{
    VSTRING *out = vstring_alloc(16384);
    VSTRING *want = vstring_alloc(16384);
    VSTRING *got = vstring_alloc(16384);
    VSTRING *types = vstring_alloc(64);
    const char *path = getenv("QF_INTEROP_OUT_LONG");
    REC_READER *rr = rec_reader_create(LONG_PIECE);
    REC_RECORD rec;
    size_t  off;
    int     status, in_content = 0;

    (void) state;
    build_long_lines(out, want);
    /* a byte at a time, with the record limit set to the piece size */
    for (off = 0;; off++) {
	while ((status = rec_reader_get(rr, &rec)) >= 0) {
	    vstring_addch(types, (char) status);
	    if (status == REC_TYPE_MESG)
		in_content = 1;
	    else if (status == REC_TYPE_XTRA)
		in_content = 0;
	    else if (in_content) {
		vstring_memcat(got, rec.data, rec.len);
		if (status == REC_TYPE_NORM)
		    vstring_addch(got, '\n');
	    }
	}
	if (status != REC_GET_MORE)
	    break;
	if (off < vstring_len(out))
	    rec_reader_feed(rr, vstring_str(out) + off, 1);
	else
	    rec_reader_eof(rr);
    }
    assert_int_equal(status, REC_TYPE_EOF);
    assert_string_equal(vstring_str(types), "CTAAASAORMNNLLNNLNN" "XE");
    if (vstring_len(got) != vstring_len(want)
	|| memcmp(vstring_str(got), vstring_str(want), vstring_len(want)) != 0)
	fail_msg("joined content: got %zu bytes, want %zu", vstring_len(got), vstring_len(want));
    if (path != 0 && *path) {
	FILE   *fp = fopen(path, "wb");

	if (fp == 0 || fwrite(vstring_str(out), 1, vstring_len(out), fp) != vstring_len(out)
	    || fclose(fp) != 0)
	    fail_msg("cannot write %s", path);
    }
    rec_reader_free(rr);
    vstring_free(out);
    vstring_free(want);
    vstring_free(got);
    vstring_free(types);
}

typedef struct SAMPLE {
    const char *file;
    const char *queue_id;		/* from facts.txt */
} SAMPLE;

static void read_sample(const SAMPLE *sp)
{
    const char *srcdir = getenv("SRCDIR");
    char    path[512];
    char    chunk[7];			/* odd size: records straddle chunks */
    size_t  n;
    FILE   *fp;
    REC_READER *rr = rec_reader_create(1 << 16);
    REC_RECORD rec;
    MAIL_QUEUE_SIZE sz = {0};
    ARGV   *rcpts = argv_alloc(4);
    ARGV   *orcpts = argv_alloc(4);
    VSTRING *content = vstring_alloc(1024);
    VSTRING *sender = vstring_alloc(64);
    VSTRING *log_ident = vstring_alloc(64);
    size_t  first_text = 0, xtra = 0, end_offset = 0, total = 0;
    int     status, in_content = 0, seen_end = 0, nrec = 0;

    snprintf(path, sizeof(path), "%s/tests/record/samples/%s", srcdir ? srcdir : ".", sp->file);
    if ((fp = fopen(path, "rb")) == 0)
	fail_msg("open %s failed", path);
    for (;;) {
	while ((status = rec_reader_get(rr, &rec)) >= 0) {
	    if (nrec++ == 0 && status != REC_TYPE_SIZE)
		fail_msg("%s: first record %s, want message_size", sp->file, rec_type_name(status));
	    if (seen_end)
		fail_msg("%s: record after the END record", sp->file);
	    switch (status) {
	    case REC_TYPE_SIZE:
		if (mail_queue_size_parse(rec.data, rec.len, &sz) != 6 || rec.len != MAIL_QUEUE_SIZE_LEN)
		    fail_msg("%s: bad SIZE record", sp->file);
		/* our formatter writes stock's bytes */
		mail_queue_size_format(content, &sz);
		if (vstring_len(content) != rec.len || memcmp(vstring_str(content), rec.data, rec.len) != 0)
		    fail_msg("%s: SIZE record: got \"%s\", want \"%.*s\"", sp->file,
			     vstring_str(content), (int) rec.len, rec.data);
		vstring_reset(content);
		break;
	    case REC_TYPE_FROM:
		vstring_memcpy(sender, rec.data, rec.len);
		break;
	    case REC_TYPE_RCPT:
		argv_addn(rcpts, rec.data, rec.len);
		break;
	    case REC_TYPE_ORCP:
		argv_addn(orcpts, rec.data, rec.len);
		break;
	    case REC_TYPE_ATTR:
		if (rec.len > 10 && memcmp(rec.data, "log_ident=", 10) == 0)
		    vstring_memcpy(log_ident, rec.data + 10, rec.len - 10);
		break;
	    case REC_TYPE_MESG:
		in_content = 1;
		first_text = rec.offset + rec.size;
		break;
	    case REC_TYPE_XTRA:
		in_content = 0;
		xtra = rec.offset;
		break;
	    case REC_TYPE_NORM:
	    case REC_TYPE_CONT:
		if (!in_content)
		    fail_msg("%s: text record outside the content", sp->file);
		vstring_memcat(content, rec.data, rec.len);
		if (status == REC_TYPE_NORM)
		    vstring_addch(content, '\n');
		break;
	    case REC_TYPE_END:
		seen_end = 1;
		end_offset = rec.offset + rec.size;
		break;
	    }
	}
	if (status != REC_GET_MORE)
	    break;
	if ((n = fread(chunk, 1, sizeof(chunk), fp)) == 0)
	    rec_reader_eof(rr);
	else {
	    rec_reader_feed(rr, chunk, n);
	    total += n;
	}
    }
    fclose(fp);
    if (status != REC_TYPE_EOF)
	fail_msg("%s: reader ended with %d, want EOF", sp->file, status);
    if (!seen_end || end_offset != total)
	fail_msg("%s: END record at %zu, file size %zu", sp->file, end_offset, total);
    assert_string_equal(vstring_str(sender), "alice@client.example");
    assert_int_equal(rcpts->argc, 2);
    assert_string_equal(rcpts->argv[0], "bob@dest.example");
    assert_string_equal(rcpts->argv[1], "carol@stock.example");
    assert_string_equal(orcpts->argv[1], "carol");
    assert_string_equal(vstring_str(log_ident), sp->queue_id);
    if (strstr(vstring_str(content), "Subject: sample\n") == 0
	|| strstr(vstring_str(content), "\n\nHello world\n.dot line\n\nlast line\n") == 0)
	fail_msg("%s: content lacks the body: %s", sp->file, vstring_str(content));
    /* the SIZE record describes the file */
    if (sz.data_offset != (int64_t) first_text || sz.content_size != (int64_t) (xtra - first_text)
	|| sz.rcpt_count != 2)
	fail_msg("%s: SIZE %lld %lld %lld, file has %zu %zu 2", sp->file,
		 (long long) sz.content_size, (long long) sz.data_offset,
		 (long long) sz.rcpt_count, xtra - first_text, first_text);
    rec_reader_free(rr);
    argv_free(rcpts);
    argv_free(orcpts);
    vstring_free(content);
    vstring_free(sender);
    vstring_free(log_ident);
}

static void test_read_stock_short(void **state)
{
    static const SAMPLE sample = {"short.qf", "81E8AA74031"};

    (void) state;
    read_sample(&sample);
}

static void test_read_stock_long(void **state)
{
    static const SAMPLE sample = {"long.qf", "4jZC8H4d6Cz1bcMV"};

    (void) state;
    read_sample(&sample);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_write_stock_layout),
	cmocka_unit_test(test_write_long_lines),
	cmocka_unit_test(test_read_stock_short),
	cmocka_unit_test(test_read_stock_long),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
