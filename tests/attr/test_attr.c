/*
 * NAME
 *	test_attr
 * SUMMARY
 *	unit tests for the attribute list codec
 * DESCRIPTION
 *	Decoding cases run three ways: attr_scan() on the whole input, an
 *	ATTR_SCANNER fed the whole input, and one fed a byte at a time; all
 *	three must agree on the status, the error text and the values. The
 *	wire bytes of the cleanup OPEN and CLOSE replies are stock 3.7.11's,
 *	observed on a private instance's cleanup socket.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "attr.h"
#include "vstring.h"

static const ATTR_SPEC schema[] = {
    {"protocol", ATTR_TYPE_STR, ATTR_FLAG_OPTIONAL, "cleanup_protocol"},
    {"queue_id", ATTR_TYPE_STR, ATTR_FLAG_REQUIRED, 0},
    {"status", ATTR_TYPE_INT, ATTR_FLAG_OPTIONAL, 0},
    {"size", ATTR_TYPE_LONG, ATTR_FLAG_OPTIONAL, 0},
    {"blob", ATTR_TYPE_DATA, ATTR_FLAG_OPTIONAL, 0},
    {0, ATTR_TYPE_END, 0, 0},
};

typedef struct CASE {
    const char *label;
    const char *in;
    size_t  len;
    ATTR_STATUS status;
    const char *want;			/* values "name=value|..." or the error */
    size_t  consumed;			/* ATTR_OK: bytes of the list */
} CASE;

#define L(s) s, sizeof(s) - 1

static const CASE cases[] = {
    {"stock OPEN reply", L("protocol\0cleanup_protocol\0queue_id\00079611A74004\0\0"),
	ATTR_OK, "protocol=cleanup_protocol|queue_id=79611A74004", 48},
    {"required only", L("queue_id\0X\0\0"), ATTR_OK, "queue_id=X", 12},
    {"order free", L("status\0007\0queue_id\0Q\0\0"), ATTR_OK, "queue_id=Q|status=7", 0},
    {"empty value", L("queue_id\0\0\0"), ATTR_OK, "queue_id=", 0},
    {"trailing bytes left", L("queue_id\0Q\0\0junk"), ATTR_OK, "queue_id=Q", 12},
    {"int max", L("queue_id\0Q\0status\0004294967295\0\0"), ATTR_OK,
    "queue_id=Q|status=4294967295", 0},
    {"long", L("queue_id\0Q\0size\00018446744073709551615\0\0"), ATTR_OK,
    "queue_id=Q|size=18446744073709551615", 0},
    {"data", L("queue_id\0Q\0blob\0AAE=\0\0"), ATTR_OK, "queue_id=Q|blob=00,01", 0},
    {"missing required", L("status\0000\0\0"), ATTR_ERROR, "missing attribute queue_id", 0},
    {"unexpected", L("queue_id\0Q\0color\0red\0\0"), ATTR_ERROR, "unexpected attribute color", 0},
    {"duplicate", L("queue_id\0Q\0queue_id\0R\0\0"), ATTR_ERROR, "duplicate attribute queue_id", 0},
    {"bad int", L("queue_id\0Q\0status\0-1\0\0"), ATTR_ERROR,
    "bad numerical value for attribute status: \"-1\"", 0},
    {"int overflow", L("queue_id\0Q\0status\0004294967296\0\0"), ATTR_ERROR,
    "bad numerical value for attribute status: \"4294967296\"", 0},
    {"empty int", L("queue_id\0Q\0status\0\0\0"), ATTR_ERROR,
    "bad numerical value for attribute status: \"\"", 0},
    {"int with space", L("queue_id\0Q\0status\0 1\0\0"), ATTR_ERROR,
    "bad numerical value for attribute status: \" 1\"", 0},
    {"bad base64", L("queue_id\0Q\0blob\0AA=A\0\0"), ATTR_ERROR, "bad base64 value for attribute blob", 0},
    {"base64 not canonical", L("queue_id\0Q\0blob\0AB==\0\0"), ATTR_ERROR,
    "bad base64 value for attribute blob", 0},
    {"wrong protocol", L("protocol\0smtp\0queue_id\0Q\0\0"), ATTR_ERROR,
    "unexpected value for attribute protocol: \"smtp\", want \"cleanup_protocol\"", 0},
    {"empty input", "", 0, ATTR_ERROR, "premature end of input: no attribute list", 0},
    {"truncated in name", L("queue_id\0Q\0sta"), ATTR_ERROR,
    "truncated attribute list in the name \"sta\"", 0},
    {"truncated in value", L("queue_id\0Q"), ATTR_ERROR,
    "truncated attribute list in the value of attribute queue_id", 0},
    {"truncated before end", L("queue_id\0Q\0"), ATTR_ERROR,
    "truncated attribute list after 1 attribute", 0},
    {"name too long", L("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\0x\0\0"),
	ATTR_ERROR, "attribute name too long (limit 100)", 0},
};

/* describe - the decoded values as "name=value|..." */

static void describe(const ATTR_LIST *list, VSTRING *out)
{
    const ATTR_SPEC *sp;
    size_t  len;
    const char *data;
    size_t  i;

    vstring_reset(out);
    for (sp = schema; sp->type != ATTR_TYPE_END; sp++) {
	if (!attr_list_has(list, sp->name))
	    continue;
	if (vstring_len(out))
	    vstring_addch(out, '|');
	vstring_sprintf_append(out, "%s=", sp->name);
	switch (sp->type) {
	case ATTR_TYPE_STR:
	    vstring_strcat(out, attr_list_str(list, sp->name));
	    break;
	case ATTR_TYPE_INT:
	case ATTR_TYPE_LONG:
	    vstring_sprintf_append(out, "%lu", attr_list_num(list, sp->name, 0));
	    break;
	case ATTR_TYPE_DATA:
	    data = attr_list_data(list, sp->name, &len);
	    for (i = 0; i < len; i++)
		vstring_sprintf_append(out, "%s%02x", i ? "," : "", (unsigned char) data[i]);
	    break;
	default:
	    break;
	}
    }
}

static void check(const CASE *c, const char *how, ATTR_STATUS got, VSTRING *err,
		          const ATTR_LIST *list, size_t consumed)
{
    VSTRING *vals = vstring_alloc(100);
    const char *text;

    if (got != c->status)
	fail_msg("%s (%s): got status %d, want %d (err \"%s\")", c->label, how, got,
		 c->status, vstring_str(err));
    if (got == ATTR_OK) {
	describe(list, vals);
	text = vstring_str(vals);
	if (c->consumed && consumed != c->consumed)
	    fail_msg("%s (%s): got consumed %zu, want %zu", c->label, how, consumed, c->consumed);
    } else {
	text = vstring_str(err);
    }
    if (strcmp(text, c->want) != 0)
	fail_msg("%s (%s): got \"%s\", want \"%s\"", c->label, how, text, c->want);
    vstring_free(vals);
}

static void test_decode_cases(void **state)
{
    VSTRING *err = vstring_alloc(100);
    size_t  i, j, used, consumed;
    ATTR_STATUS st;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	const CASE *c = cases + i;
	ATTR_LIST *list = attr_list_create(schema);
	ATTR_SCANNER *sc;

	/* Whole buffer. */
	vstring_reset(err);
	consumed = 0;
	st = attr_scan(list, c->in, c->len, 0, &consumed, err);
	check(c, "attr_scan", st, err, list, consumed);
	attr_list_free(list);

	/* Scanner, whole input, then EOF if it wants more. */
	sc = attr_scanner_create(schema, 0);
	vstring_reset(err);
	st = attr_scanner_feed(sc, c->in, c->len, &used, err);
	if (st == ATTR_NEED_MORE)
	    st = attr_scanner_eof(sc, err);
	check(c, "scanner whole", st, err, attr_scanner_list(sc), used);
	attr_scanner_free(sc);

	/* Scanner, one byte at a time. */
	sc = attr_scanner_create(schema, 0);
	vstring_reset(err);
	st = ATTR_NEED_MORE;
	consumed = 0;
	for (j = 0; j < c->len && st == ATTR_NEED_MORE; j++) {
	    st = attr_scanner_feed(sc, c->in + j, 1, &used, err);
	    consumed += used;
	}
	if (st == ATTR_NEED_MORE)
	    st = attr_scanner_eof(sc, err);
	check(c, "scanner bytewise", st, err, attr_scanner_list(sc), consumed);
	attr_scanner_free(sc);
    }
    vstring_free(err);
}

static void test_encode_stock_bytes(void **state)
{
    VSTRING *out = vstring_alloc(10);
    static const char want_close[] = "status\0000\0reason\0\0\0";
    static const char want_flags[] = "flags\000114\0\0";

    /* stock cleanup's CLOSE reply for a queued message */
    attr_print_int(out, "status", 0);
    attr_print_str(out, "reason", "");
    attr_print_end(out);
    if (vstring_len(out) != sizeof(want_close) - 1
	|| memcmp(vstring_str(out), want_close, sizeof(want_close) - 1) != 0)
	fail_msg("CLOSE reply: got %zu bytes, want stock's %zu", vstring_len(out),
		 sizeof(want_close) - 1);
    /* stock qmqpd's request after the OPEN reply */
    vstring_reset(out);
    attr_print_int(out, "flags", 114);
    attr_print_end(out);
    if (vstring_len(out) != sizeof(want_flags) - 1
	|| memcmp(vstring_str(out), want_flags, sizeof(want_flags) - 1) != 0)
	fail_msg("flags request: got %zu bytes, want stock's %zu", vstring_len(out),
		 sizeof(want_flags) - 1);
    vstring_free(out);
}

static void test_cleanup_schemas(void **state)
{
    static const char open_reply[] = "protocol\0cleanup_protocol\0queue_id\00079611A74004\0\0";
    static const char close_reply[] = "status\00064\0reason\0no recipients\0\0";
    ATTR_LIST *list;
    VSTRING *err = vstring_alloc(10);
    size_t  used;

    list = attr_list_create(attr_cleanup_open_reply);
    assert_int_equal(attr_scan(list, open_reply, sizeof(open_reply) - 1, 0, &used, err), ATTR_OK);
    assert_string_equal(attr_list_str(list, ATTR_NAME_QUEUE_ID), "79611A74004");
    /* The queue id alone, without the announcement, is refused. */
    assert_int_equal(attr_scan(list, L("queue_id\0X\0\0"), 0, &used, err), ATTR_ERROR);
    assert_string_equal(vstring_str(err), "missing attribute protocol");
    attr_list_free(list);

    list = attr_list_create(attr_cleanup_close_reply);
    assert_int_equal(attr_scan(list, close_reply, sizeof(close_reply) - 1, 0, &used, err), ATTR_OK);
    assert_int_equal(attr_list_num(list, ATTR_NAME_STATUS, 0), 64);
    assert_string_equal(attr_list_str(list, ATTR_NAME_REASON), "no recipients");
    attr_list_free(list);

    list = attr_list_create(attr_cleanup_open_request);
    assert_int_equal(attr_scan(list, L("flags\000114\0\0"), 0, &used, err), ATTR_OK);
    assert_int_equal(attr_list_num(list, ATTR_NAME_FLAGS, 0), 114);
    attr_list_free(list);
    vstring_free(err);
}

static void test_round_trip(void **state)
{
    VSTRING *out = vstring_alloc(10);
    VSTRING *err = vstring_alloc(10);
    ATTR_LIST *list = attr_list_create(schema);
    unsigned char blob[256];
    const char *got;
    size_t  len, consumed, n, i;

    for (i = 0; i < sizeof(blob); i++)
	blob[i] = (unsigned char) (255 - i);
    for (n = 0; n <= sizeof(blob); n += (n < 8 ? 1 : 61)) {
	vstring_reset(out);
	attr_print_str(out, "protocol", "cleanup_protocol");
	attr_print_str(out, "queue_id", "4BCDE12345");
	attr_print_int(out, "status", 4294967295u);
	attr_print_long(out, "size", 1234567890123UL);
	attr_print_data(out, "blob", blob, n);
	attr_print_end(out);
	if (attr_scan(list, vstring_str(out), vstring_len(out), 0, &consumed, err) != ATTR_OK)
	    fail_msg("round trip %zu: got error \"%s\"", n, vstring_str(err));
	assert_int_equal(consumed, vstring_len(out));
	assert_string_equal(attr_list_str(list, "queue_id"), "4BCDE12345");
	assert_true(attr_list_num(list, "status", 0) == 4294967295u);
	assert_true(attr_list_num(list, "size", 0) == 1234567890123UL);
	got = attr_list_data(list, "blob", &len);
	if (got == 0 || len != n || memcmp(got, blob, n) != 0)
	    fail_msg("round trip %zu: data differs (got %zu bytes)", n, got ? len : 0);
    }
    attr_list_free(list);
    vstring_free(out);
    vstring_free(err);
}

static void test_stream_of_lists(void **state)
{
    VSTRING *in = vstring_alloc(10);
    VSTRING *err = vstring_alloc(10);
    ATTR_SCANNER *sc = attr_scanner_create(schema, 0);
    size_t  off = 0, used;
    int     lists = 0;
    char    id[16];
    ATTR_STATUS st;

    for (int i = 0; i < 5; i++) {
	snprintf(id, sizeof(id), "Q%d", i);
	attr_print_str(in, "queue_id", id);
	attr_print_int(in, "status", (unsigned) i);
	attr_print_end(in);
    }
    /* Feed in 3-byte chunks; each complete list must come out in order. */
    while (off < vstring_len(in)) {
	size_t  chunk = vstring_len(in) - off < 3 ? vstring_len(in) - off : 3;

	st = attr_scanner_feed(sc, vstring_str(in) + off, chunk, &used, err);
	off += used;
	if (st == ATTR_OK) {
	    snprintf(id, sizeof(id), "Q%d", lists);
	    if (strcmp(attr_list_str(attr_scanner_list(sc), "queue_id"), id) != 0
		|| attr_list_num(attr_scanner_list(sc), "status", 99) != (unsigned long) lists)
		fail_msg("list %d: got queue_id %s", lists,
			 attr_list_str(attr_scanner_list(sc), "queue_id"));
	    lists++;
	} else if (st == ATTR_ERROR) {
	    fail_msg("list %d: got error \"%s\"", lists, vstring_str(err));
	}
    }
    assert_int_equal(lists, 5);
    assert_int_equal(attr_scanner_eof(sc, err), ATTR_OK);
    attr_scanner_free(sc);
    vstring_free(in);
    vstring_free(err);
}

static void test_limits(void **state)
{
    static const ATTR_LIMITS small = {8, 4, 2};
    VSTRING *err = vstring_alloc(10);
    ATTR_LIST *list = attr_list_create(schema);
    size_t  consumed;

    assert_int_equal(attr_scan(list, L("queue_id\0ABCDE\0\0"), &small, &consumed, err), ATTR_ERROR);
    assert_string_equal(vstring_str(err), "value too long for attribute queue_id (limit 4)");
    assert_int_equal(attr_scan(list, L("protocol1\0x\0\0"), &small, &consumed, err), ATTR_ERROR);
    assert_string_equal(vstring_str(err), "attribute name too long (limit 8)");
    assert_int_equal(attr_scan(list, L("queue_id\0A\0status\0001\0size\0002\0\0"), &small,
				   &consumed, err), ATTR_ERROR);
    assert_string_equal(vstring_str(err), "too many attributes (limit 2) at size");
    assert_int_equal(attr_scan(list, L("queue_id\0ABCD\0status\0001\0\0"), &small,
				   &consumed, err), ATTR_OK);
    attr_list_free(list);
    vstring_free(err);
}

static void test_error_is_sticky(void **state)
{
    VSTRING *err = vstring_alloc(10);
    ATTR_SCANNER *sc = attr_scanner_create(schema, 0);
    size_t  used;

    assert_int_equal(attr_scanner_feed(sc, L("bogus\0"), &used, err), ATTR_ERROR);
    vstring_reset(err);
    assert_int_equal(attr_scanner_feed(sc, L("queue_id\0Q\0\0"), &used, err), ATTR_ERROR);
    assert_string_equal(vstring_str(err), "unexpected attribute bogus");
    attr_scanner_free(sc);
    vstring_free(err);
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_decode_cases),
	cmocka_unit_test(test_encode_stock_bytes),
	cmocka_unit_test(test_cleanup_schemas),
	cmocka_unit_test(test_round_trip),
	cmocka_unit_test(test_stream_of_lists),
	cmocka_unit_test(test_limits),
	cmocka_unit_test(test_error_is_sticky),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
