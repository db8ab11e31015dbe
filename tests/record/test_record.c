/*
 * NAME
 *	test_record
 * SUMMARY
 *	unit tests for the record decoders and rec_type_name()
 * DESCRIPTION
 *	Round trips through rec_put() and both readers at the lengths
 *	where the base-128 length grows a digit; byte-at-a-time feeding
 *	must give what whole-buffer decoding gives; truncated, malformed
 *	and over-limit input; the stock queue file of the cleanup tests
 *	decodes record by record to its END record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vstring.h"
#include "record.h"
#include "../cleanup/stock_sample.h"

static char *make_data(size_t len)
{
    char   *buf = test_malloc(len + 1);
    size_t  i;

    for (i = 0; i < len; i++)
	buf[i] = (char) ('a' + i % 26);
    return (buf);
}

static void test_length_encoding(void **state)
{
    static const struct {
	size_t  len;
	const char *hdr;			/* expected length bytes */
	size_t  hdr_len;
    } cases[] = {
	{0, "\x00", 1},
	{127, "\x7f", 1},
	{128, "\x80\x01", 2},
	{16383, "\xff\x7f", 2},
	{16384, "\x80\x80\x01", 3},
	{2097152, "\x80\x80\x80\x01", 4},
    };
    size_t  i;

    (void) state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	VSTRING *out = vstring_alloc(16);
	char   *data = make_data(cases[i].len);
	REC_RECORD rec;
	REC_ITER it;
	int     status;

	rec_put(out, REC_TYPE_NORM, data, cases[i].len);
	if (vstring_len(out) != 1 + cases[i].hdr_len + cases[i].len
	    || memcmp(vstring_str(out) + 1, cases[i].hdr, cases[i].hdr_len) != 0)
	    fail_msg("len %zu: got size %zu, want %zu", cases[i].len,
		     vstring_len(out), 1 + cases[i].hdr_len + cases[i].len);
	rec_iter_init(&it, vstring_str(out), vstring_len(out), 1 << 22);
	status = rec_iter_next(&it, &rec);
	if (status != REC_TYPE_NORM || rec.len != cases[i].len
	    || memcmp(rec.data, data, rec.len) != 0 || rec.offset != 0
	    || rec.size != vstring_len(out))
	    fail_msg("len %zu: got status %d len %zu, want N and %zu",
		     cases[i].len, status, rec.len, cases[i].len);
	status = rec_iter_next(&it, &rec);
	if (status != REC_TYPE_EOF)
	    fail_msg("len %zu: got %d after the record, want EOF", cases[i].len, status);
	test_free(data);
	vstring_free(out);
    }
}

/* Feeds buf in chunks of step bytes; returns the records as "T:len|". */
static void read_chunked(const char *buf, size_t len, size_t step, size_t max_len,
			         VSTRING *got, int *final)
{
    REC_READER *rr = rec_reader_create(max_len);
    REC_RECORD rec;
    size_t  off = 0;
    int     status;

    vstring_reset(got);
    for (;;) {
	while ((status = rec_reader_get(rr, &rec)) >= 0) {
	    vstring_sprintf_append(got, "%c:%zu@%zu|", rec.type, rec.len, rec.offset);
	    vstring_memcat(got, rec.data, rec.len);
	}
	if (status != REC_GET_MORE)
	    break;
	if (off >= len) {
	    rec_reader_eof(rr);
	    continue;
	}
	rec_reader_feed(rr, buf + off, len - off < step ? len - off : step);
	off += len - off < step ? len - off : step;
    }
    *final = status;
    rec_reader_free(rr);
}

static void test_chunking(void **state)
{
    VSTRING *in = vstring_alloc(100);
    VSTRING *whole = vstring_alloc(100);
    VSTRING *part = vstring_alloc(100);
    size_t  lens[] = {0, 1, 127, 128, 300, 16383, 16384, 70000};
    size_t  steps[] = {1, 2, 3, 7, 128, 4096};
    int     st_whole, st_part;
    size_t  i;

    (void) state;
    for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
	char   *data = make_data(lens[i]);

	rec_put(in, (int) ('A' + i), data, lens[i]);
	test_free(data);
    }
    rec_puts(in, REC_TYPE_END, "");
    read_chunked(vstring_str(in), vstring_len(in), vstring_len(in), 1 << 20, whole, &st_whole);
    assert_int_equal(st_whole, REC_TYPE_EOF);
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
	read_chunked(vstring_str(in), vstring_len(in), steps[i], 1 << 20, part, &st_part);
	if (st_part != REC_TYPE_EOF || vstring_len(part) != vstring_len(whole)
	    || memcmp(vstring_str(part), vstring_str(whole), vstring_len(whole)) != 0)
	    fail_msg("step %zu: got status %d and %zu bytes, want EOF and %zu",
		     steps[i], st_part, vstring_len(part), vstring_len(whole));
    }
    vstring_free(in);
    vstring_free(whole);
    vstring_free(part);
}

static void test_bad_input(void **state)
{
    static const struct {
	const char *label;
	const char *buf;
	size_t  len;
	size_t  max_len;
	int     iter_status;			/* after the good records */
	int     reader_status;
	int     good;				/* records before the failure */
    } cases[] = {
	{"empty", "", 0, 100, REC_TYPE_EOF, REC_TYPE_EOF, 0},
	{"type only", "N", 1, 100, REC_GET_TRUNC, REC_GET_TRUNC, 0},
	{"length unfinished", "N\x80", 2, 100, REC_GET_TRUNC, REC_GET_TRUNC, 0},
	{"data short", "N\x05" "abc", 5, 100, REC_GET_TRUNC, REC_GET_TRUNC, 0},
	{"good then short", "N\x01" "aN\x02" "a", 6, 100, REC_GET_TRUNC, REC_GET_TRUNC, 1},
	{"six length digits", "N\x80\x80\x80\x80\x80\x01", 7, 1 << 30, REC_TYPE_ERROR, REC_TYPE_ERROR, 0},
	{"six digits, cut", "N\x80\x80\x80\x80\x80", 6, 1 << 30, REC_TYPE_ERROR, REC_TYPE_ERROR, 0},
	{"length above 2^31-1", "N\x80\x80\x80\x80\x08", 6, (size_t) -1, REC_TYPE_ERROR, REC_TYPE_ERROR, 0},
	{"over the limit", "N\x0b" "hello world", 13, 10, REC_GET_TOOLONG, REC_GET_TOOLONG, 0},
	{"at the limit", "N\x0a" "helloworld", 12, 10, REC_TYPE_EOF, REC_TYPE_EOF, 1},
	{"non-minimal length", "N\x83\x00" "abc", 6, 10, REC_TYPE_EOF, REC_TYPE_EOF, 1},
    };
    size_t  i;

    (void) state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	REC_ITER it;
	REC_RECORD rec;
	REC_READER *rr;
	int     status, good = 0;

	rec_iter_init(&it, cases[i].buf, cases[i].len, cases[i].max_len);
	while ((status = rec_iter_next(&it, &rec)) >= 0)
	    good++;
	if (status != cases[i].iter_status || good != cases[i].good)
	    fail_msg("%s: iterator got %d after %d, want %d after %d", cases[i].label,
		     status, good, cases[i].iter_status, cases[i].good);
	rr = rec_reader_create(cases[i].max_len);
	rec_reader_feed(rr, cases[i].buf, cases[i].len);
	rec_reader_eof(rr);
	good = 0;
	while ((status = rec_reader_get(rr, &rec)) >= 0)
	    good++;
	if (status != cases[i].reader_status || good != cases[i].good)
	    fail_msg("%s: reader got %d after %d, want %d after %d", cases[i].label,
		     status, good, cases[i].reader_status, cases[i].good);
	/* Errors are sticky. */
	if (rec_reader_get(rr, &rec) != status)
	    fail_msg("%s: status changed on the next call", cases[i].label);
	rec_reader_free(rr);
    }
}

static void test_more_before_eof(void **state)
{
    REC_READER *rr = rec_reader_create(100);
    REC_RECORD rec;

    (void) state;
    assert_int_equal(rec_reader_get(rr, &rec), REC_GET_MORE);
    rec_reader_feed(rr, "S\x05" "al", 4);
    assert_int_equal(rec_reader_get(rr, &rec), REC_GET_MORE);
    assert_int_equal(rec_reader_pending(rr), 4);
    rec_reader_feed(rr, "ice", 3);
    assert_int_equal(rec_reader_get(rr, &rec), REC_TYPE_FROM);
    assert_int_equal(rec.len, 5);
    assert_memory_equal(rec.data, "alice", 5);
    assert_int_equal(rec_reader_pending(rr), 0);
    assert_int_equal(rec_reader_get(rr, &rec), REC_GET_MORE);
    rec_reader_free(rr);
}

static void test_stock_sample(void **state)
{
    REC_ITER it;
    REC_RECORD rec;
    VSTRING *types = vstring_alloc(64);
    VSTRING *again = vstring_alloc(1024);
    int     status;

    (void) state;
    rec_iter_init(&it, (const char *) stock_queue_file, sizeof(stock_queue_file), 4096);
    while ((status = rec_iter_next(&it, &rec)) >= 0) {
	vstring_addch(types, (char) status);
	rec_put(again, rec.type, rec.data, rec.len);
    }
    assert_int_equal(status, REC_TYPE_EOF);
    assert_string_equal(vstring_str(types), "CTAAASAAAAAAAAAAAAAAAAORAORMNNNNNNNNNNNXE");
    /* first SIZE, last END, and re-encoding gives the same bytes */
    assert_int_equal(vstring_str(types)[0], REC_TYPE_SIZE);
    assert_int_equal(vstring_str(types)[vstring_len(types) - 1], REC_TYPE_END);
    assert_int_equal(vstring_len(again), sizeof(stock_queue_file));
    assert_memory_equal(vstring_str(again), stock_queue_file, sizeof(stock_queue_file));
    vstring_free(types);
    vstring_free(again);
}

/*
 * Every byte against the names stock prints: postcat -v on a file with
 * each byte as a record in the envelope and in the content; postcat's
 * own parsing of A, T, W, M, X, E data was satisfied separately.
 */
static void test_type_names(void **state)
{
    static const struct {
	int     type;
	const char *name;
    } named[] = {
	{'C', "message_size"}, {'T', "message_arrival_time"},
	{'c', "queue_file_create_time"}, {'F', "sender_fullname"},
	{'I', "content_inspector"}, {'L', "content_filter"},
	{'S', "sender"}, {'D', "done_recipient"},
	{'/', "canceled_recipient"}, {'R', "recipient"},
	{'O', "original_recipient"}, {'W', "warning_message_time"},
	{'A', "named_attribute"}, {'p', "pointer_record"},
	{'K', "killed_record"}, {'M', "message_content"},
	{'N', "regular_text"}, {'w', "padding"},
	{'X', "extracted_info"}, {'r', "return_receipt"},
	{'e', "errors_to"}, {'P', "priority"},
	{'V', "verp_delimiters"}, {'E', "message_end"},
	{'>', "redirect_to"}, {'f', "flags"},
	{'<', "dsn_return_flags"}, {'i', "dsn_envelope_id"},
	{'o', "dsn_original_recipient"}, {'n', "dsn_notify_flags"},
    };
    const char *want;
    size_t  i;
    int     t;

    (void) state;
    for (t = 0; t < 256; t++) {
	want = "unknown_record_type";
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
	    if (named[i].type == t)
		want = named[i].name;
	if (strcmp(rec_type_name(t), want) != 0)
	    fail_msg("type %d: got %s, want %s", t, rec_type_name(t), want);
	if (strcmp(rec_type_name_in(t, REC_SECT_ENVELOPE), want) != 0
	    || strcmp(rec_type_name_in(t, REC_SECT_EXTRACT), want) != 0)
	    fail_msg("type %d outside the content: got %s, want %s", t,
		     rec_type_name_in(t, REC_SECT_ENVELOPE), want);
	if (t == REC_TYPE_CONT)
	    want = "unterminated_text";
	if (strcmp(rec_type_name_in(t, REC_SECT_CONTENT), want) != 0)
	    fail_msg("type %d in the content: got %s, want %s", t,
		     rec_type_name_in(t, REC_SECT_CONTENT), want);
	if (rec_type_known(t) != (strcmp(want, "unknown_record_type") != 0
				  || t == REC_TYPE_DELAY || t == REC_TYPE_MILT_COUNT))
	    fail_msg("type %d: got known=%d", t, rec_type_known(t));
    }
    assert_string_equal(rec_type_name(REC_TYPE_EOF), "end-of-file");
    assert_string_equal(rec_type_name(REC_TYPE_ERROR), "error");
    assert_string_equal(rec_type_name(256), "unknown_record_type");
    assert_false(rec_type_known(REC_TYPE_EOF));
    assert_false(rec_type_known('@'));
    assert_true(rec_type_known('/'));
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_length_encoding),
	cmocka_unit_test(test_chunking),
	cmocka_unit_test(test_bad_input),
	cmocka_unit_test(test_more_before_eof),
	cmocka_unit_test(test_stock_sample),
	cmocka_unit_test(test_type_names),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
