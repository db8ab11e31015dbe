/*
 * NAME
 *	test_netstring
 * SUMMARY
 *	unit tests for the netstring codec
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "netstring.h"
#include "vstring.h"

static const char *status_name(NETSTRING_STATUS s)
{
    switch (s) {
    case NETSTRING_OK:
	return ("OK");
    case NETSTRING_NEED_MORE:
	return ("NEED_MORE");
    case NETSTRING_ERR_FORMAT:
	return ("ERR_FORMAT");
    case NETSTRING_ERR_SIZE:
	return ("ERR_SIZE");
    }
    return ("?");
}

static void test_parse_table(void **state)
{
    static const struct {
	const char *in;
	size_t  in_len;			/* 0: strlen */
	size_t  max_len;
	NETSTRING_STATUS want;
	const char *data;		/* for OK */
	size_t  data_len;
	size_t  consumed;
    } cases[] = {
	/* valid */
	{"0:,", 0, 100, NETSTRING_OK, "", 0, 3},
	{"5:hello,", 0, 100, NETSTRING_OK, "hello", 5, 8},
	{"5:hello,trailing", 0, 100, NETSTRING_OK, "hello", 5, 8},
	{"3:a\0b,", 6, 100, NETSTRING_OK, "a\0b", 3, 6},
	{"3:,,,,", 0, 100, NETSTRING_OK, ",,,", 3, 6},
	{"10:0123456789,", 0, 10, NETSTRING_OK, "0123456789", 10, 14},
	{"0:,", 0, 0, NETSTRING_OK, "", 0, 3},
	/* incomplete */
	{"", 0, 100, NETSTRING_NEED_MORE, 0, 0, 0},
	{"1", 0, 100, NETSTRING_NEED_MORE, 0, 0, 0},
	{"0", 0, 100, NETSTRING_NEED_MORE, 0, 0, 0},
	{"12:abc", 0, 100, NETSTRING_NEED_MORE, 0, 0, 0},
	{"3:abc", 0, 100, NETSTRING_NEED_MORE, 0, 0, 0},
	/* format errors */
	{":", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{",", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"a:", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{" 1:a,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"-1:a,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"+1:a,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"1 :a,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"1x", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"01:a,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"00:,", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"1:ab", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"1:a;", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"0:x", 0, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	{"\0:,", 3, 100, NETSTRING_ERR_FORMAT, 0, 0, 0},
	/* size errors, reported before the data arrives */
	{"11:0123456789a,", 0, 10, NETSTRING_ERR_SIZE, 0, 0, 0},
	{"11", 0, 10, NETSTRING_ERR_SIZE, 0, 0, 0},
	{"1:a,", 0, 0, NETSTRING_ERR_SIZE, 0, 0, 0},
	{"99999999999999999999999999:", 0, (size_t) -1, NETSTRING_ERR_SIZE, 0, 0, 0},
    };
    size_t  i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	size_t  len = cases[i].in_len ? cases[i].in_len : strlen(cases[i].in);
	const char *data = 0;
	size_t  data_len = 12345, consumed = 12345;
	NETSTRING_STATUS got;

	got = netstring_parse(cases[i].in, len, cases[i].max_len, &data, &data_len, &consumed);
	if (got != cases[i].want)
	    fail_msg("case %zu \"%.*s\": got %s, want %s", i, (int) len, cases[i].in,
		     status_name(got), status_name(cases[i].want));
	if (got != NETSTRING_OK)
	    continue;
	if (data_len != cases[i].data_len || memcmp(data, cases[i].data, data_len) != 0)
	    fail_msg("case %zu: got data \"%.*s\" (%zu), want \"%.*s\" (%zu)", i,
		     (int) data_len, data, data_len, (int) cases[i].data_len,
		     cases[i].data, cases[i].data_len);
	if (data != cases[i].in + (consumed - data_len - 1))
	    fail_msg("case %zu: data does not point into the input", i);
	if (consumed != cases[i].consumed)
	    fail_msg("case %zu: got consumed %zu, want %zu", i, consumed, cases[i].consumed);
    }
}

/* Every proper prefix of a valid netstring asks for more input. */
static void test_need_more_at_every_prefix(void **state)
{
    static const char *valid[] = {"0:,", "1:x,", "12:hello world!,", "3:a:b,", "10:,,,,,,,,,,,"};
    size_t  i, n;

    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
	size_t  len = strlen(valid[i]);
	const char *data;
	size_t  data_len, consumed;

	for (n = 0; n < len; n++) {
	    NETSTRING_STATUS got = netstring_parse(valid[i], n, 100, &data, &data_len, &consumed);

	    if (got != NETSTRING_NEED_MORE)
		fail_msg("\"%s\" prefix %zu: got %s, want NEED_MORE", valid[i], n, status_name(got));
	}
	if (netstring_parse(valid[i], len, 100, &data, &data_len, &consumed) != NETSTRING_OK)
	    fail_msg("\"%s\" whole: not OK", valid[i]);
	if (consumed != len)
	    fail_msg("\"%s\": got consumed %zu, want %zu", valid[i], consumed, len);
    }
}

static void test_append_round_trip(void **state)
{
    static const struct {
	const char *data;
	size_t  len;
	const char *want;
	size_t  want_len;
    } cases[] = {
	{"", 0, "0:,", 3},
	{"hello", 5, "5:hello,", 8},
	{"a\0b", 3, "3:a\0b,", 6},
	{",:", 2, "2:,:,", 5},
    };
    VSTRING *buf = vstring_alloc(1);
    size_t  i;
    size_t  off = 0;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	size_t  start = vstring_len(buf);

	netstring_append(buf, cases[i].data, cases[i].len);
	if (vstring_len(buf) - start != cases[i].want_len
	    || memcmp(vstring_str(buf) + start, cases[i].want, cases[i].want_len) != 0)
	    fail_msg("append case %zu: got \"%.*s\", want \"%.*s\"", i,
		     (int) (vstring_len(buf) - start), vstring_str(buf) + start,
		     (int) cases[i].want_len, cases[i].want);
    }
    /* The concatenation parses back as the same sequence. */
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
	const char *data;
	size_t  data_len, consumed;
	NETSTRING_STATUS got = netstring_parse(vstring_str(buf) + off, vstring_len(buf) - off,
					    1000, &data, &data_len, &consumed);

	if (got != NETSTRING_OK || data_len != cases[i].len || memcmp(data, cases[i].data, data_len))
	    fail_msg("reparse %zu: got %s len %zu", i, status_name(got), data_len);
	off += consumed;
    }
    assert_int_equal(off, vstring_len(buf));
    vstring_free(buf);
}

static void test_strerror_distinct(void **state)
{
    const NETSTRING_STATUS all[] = {NETSTRING_OK, NETSTRING_NEED_MORE,
    NETSTRING_ERR_FORMAT, NETSTRING_ERR_SIZE};
    size_t  i, j;

    for (i = 0; i < 4; i++) {
	assert_non_null(netstring_strerror(all[i]));
	for (j = 0; j < i; j++)
	    if (strcmp(netstring_strerror(all[i]), netstring_strerror(all[j])) == 0)
		fail_msg("strerror %zu and %zu both \"%s\"", i, j, netstring_strerror(all[i]));
    }
}

int     main(void)
{
    const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_table),
	cmocka_unit_test(test_need_more_at_every_prefix),
	cmocka_unit_test(test_append_round_trip),
	cmocka_unit_test(test_strerror_distinct),
    };

    return (cmocka_run_group_tests(tests, 0, 0));
}
