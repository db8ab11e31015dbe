/*
 * NAME
 *	fuzz_attr
 * SUMMARY
 *	libFuzzer harness for the attribute list decoder
 * DESCRIPTION
 *	The first input byte picks small or default limits; the rest is
 *	decoded as a stream of attribute lists against a schema with every
 *	type. The same bytes are decoded again one byte at a time; both
 *	runs must agree list by list. Each decoded list is re-encoded and
 *	must decode to the same values. Any mismatch aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "vstring.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ATTR_SPEC schema[] = {
    {"protocol", ATTR_TYPE_STR, ATTR_FLAG_OPTIONAL, "cleanup_protocol"},
    {"queue_id", ATTR_TYPE_STR, ATTR_FLAG_REQUIRED, 0},
    {"reason", ATTR_TYPE_STR, ATTR_FLAG_OPTIONAL, 0},
    {"status", ATTR_TYPE_INT, ATTR_FLAG_OPTIONAL, 0},
    {"size", ATTR_TYPE_LONG, ATTR_FLAG_OPTIONAL, 0},
    {"blob", ATTR_TYPE_DATA, ATTR_FLAG_OPTIONAL, 0},
    {0, ATTR_TYPE_END, 0, 0},
};

/* fuzz_describe - canonical text of a decoded list */

static void fuzz_describe(const ATTR_LIST *list, VSTRING *out)
{
    const ATTR_SPEC *sp;
    const char *d;
    size_t  len;

    vstring_reset(out);
    for (sp = schema; sp->type != ATTR_TYPE_END; sp++) {
	if (!attr_list_has(list, sp->name))
	    continue;
	vstring_strcat(out, sp->name);
	vstring_addch(out, 0);
	if (sp->type == ATTR_TYPE_STR) {
	    vstring_strcat(out, attr_list_str(list, sp->name));
	} else if (sp->type == ATTR_TYPE_DATA) {
	    d = attr_list_data(list, sp->name, &len);
	    vstring_memcat(out, d, len);
	} else {
	    vstring_sprintf_append(out, "%lu", attr_list_num(list, sp->name, 0));
	}
	vstring_addch(out, 0);
    }
}

/* fuzz_reencode - print the list back and decode it */

static void fuzz_reencode(const ATTR_LIST *list, const ATTR_LIMITS *limits,
			          const VSTRING *want)
{
    VSTRING *enc = vstring_alloc(64);
    VSTRING *err = vstring_alloc(64);
    VSTRING *got = vstring_alloc(64);
    ATTR_LIST *again = attr_list_create(schema);
    const ATTR_SPEC *sp;
    const char *d;
    size_t  len, used;

    for (sp = schema; sp->type != ATTR_TYPE_END; sp++) {
	if (!attr_list_has(list, sp->name))
	    continue;
	if (sp->type == ATTR_TYPE_STR)
	    attr_print_str(enc, sp->name, attr_list_str(list, sp->name));
	else if (sp->type == ATTR_TYPE_INT)
	    attr_print_int(enc, sp->name, (unsigned) attr_list_num(list, sp->name, 0));
	else if (sp->type == ATTR_TYPE_LONG)
	    attr_print_long(enc, sp->name, attr_list_num(list, sp->name, 0));
	else {
	    d = attr_list_data(list, sp->name, &len);
	    attr_print_data(enc, sp->name, d, len);
	}
    }
    attr_print_end(enc);
    /* Base64 may grow a value past a tight limit; decode with defaults then. */
    if (attr_scan(again, vstring_str(enc), vstring_len(enc), 0, &used, err) != ATTR_OK
	|| used != vstring_len(enc))
	abort();
    fuzz_describe(again, got);
    if (vstring_len(got) != vstring_len(want)
	|| memcmp(vstring_str(got), vstring_str(want), vstring_len(want)) != 0)
	abort();
    (void) limits;
    attr_list_free(again);
    vstring_free(enc);
    vstring_free(err);
    vstring_free(got);
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ATTR_LIMITS small = {12, 16, 3};
    const ATTR_LIMITS *limits;
    const char *buf = (const char *) data + 1;
    ATTR_SCANNER *whole, *bytes;
    VSTRING *err1, *err2, *d1, *d2;
    size_t  off = 0, boff = 0, used, len;
    ATTR_STATUS s1, s2;

    if (size == 0)
	return (0);
    err1 = vstring_alloc(64);
    err2 = vstring_alloc(64);
    d1 = vstring_alloc(64);
    d2 = vstring_alloc(64);
    limits = (data[0] & 1) ? &small : 0;
    len = size - 1;
    whole = attr_scanner_create(schema, limits);
    bytes = attr_scanner_create(schema, limits);
    for (;;) {
	s1 = attr_scanner_feed(whole, buf + off, len - off, &used, err1);
	off += used;
	if (s1 == ATTR_NEED_MORE)
	    s1 = attr_scanner_eof(whole, err1);
	s2 = ATTR_NEED_MORE;
	while (boff < len && s2 == ATTR_NEED_MORE) {
	    s2 = attr_scanner_feed(bytes, buf + boff, 1, &used, err2);
	    boff += used;
	}
	if (s2 == ATTR_NEED_MORE)
	    s2 = attr_scanner_eof(bytes, err2);
	if (s1 != s2 || (s1 == ATTR_OK && off != boff))
	    abort();
	if (s1 == ATTR_ERROR) {
	    if (strcmp(vstring_str(err1), vstring_str(err2)) != 0)
		abort();
	    break;
	}
	fuzz_describe(attr_scanner_list(whole), d1);
	fuzz_describe(attr_scanner_list(bytes), d2);
	if (vstring_len(d1) != vstring_len(d2)
	    || memcmp(vstring_str(d1), vstring_str(d2), vstring_len(d1)) != 0)
	    abort();
	fuzz_reencode(attr_scanner_list(whole), limits, d1);
	if (off >= len)
	    break;
    }
    attr_scanner_free(whole);
    attr_scanner_free(bytes);
    vstring_free(err1);
    vstring_free(err2);
    vstring_free(d1);
    vstring_free(d2);
    return (0);
}
