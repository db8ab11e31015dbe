/*
 * NAME
 *	fuzz_record
 * SUMMARY
 *	libFuzzer harness for the record decoders and the SIZE record
 * DESCRIPTION
 *	The first input byte picks a chunk size; the rest is a record
 *	stream. The whole-buffer iterator and the incremental reader fed in
 *	chunks must agree on every record and on the final status; each
 *	record must re-encode to a stream that decodes to the same record.
 *	SIZE record data goes through the SIZE parser and formatter, and
 *	every record's data is tried as a queue id (hashed path, inode).
 *	Any disagreement aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vstring.h"
#include "record.h"
#include "mail_queue.h"

#define FUZZ_MAX_LEN	4096

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_size_record(const REC_RECORD *rec, VSTRING *tmp)
{
    MAIL_QUEUE_SIZE sz, sz2;
    int     n = mail_queue_size_parse(rec->data, rec->len, &sz);

    if (n < -1 || n > MAIL_QUEUE_SIZE_FIELDS || n == 0)
	abort();
    if (n > 0) {
	mail_queue_size_format(tmp, &sz);
	if (vstring_len(tmp) != MAIL_QUEUE_SIZE_LEN
	    || mail_queue_size_parse(vstring_str(tmp), vstring_len(tmp), &sz2) != 6
	    || memcmp(&sz, &sz2, sizeof(sz)) != 0)
	    abort();
    }
}

static void fuzz_queue_id(const REC_RECORD *rec, VSTRING *tmp)
{
    static const MAIL_QUEUE_LAYOUT layout = {"incoming, deferred", 3, 0};
    char   *id = strndup(rec->data, rec->len);
    uint64_t inum;

    if (id == 0)
	abort();
    if (mail_queue_path(tmp, &layout, "deferred", id) != 0) {
	if (!mail_queue_id_ok(id) || strncmp(vstring_str(tmp), "deferred/", 9) != 0
	    || strcmp(vstring_str(tmp) + vstring_len(tmp) - strlen(id), id) != 0)
	    abort();
    } else if (mail_queue_id_ok(id))
	abort();
    (void) mail_queue_id_inum(id, &inum);
    free(id);
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf;
    size_t  len, step, off = 0;
    REC_ITER it;
    REC_READER *rr;
    REC_RECORD a, b, c;
    VSTRING *enc, *tmp;
    int     sa, sb;
    REC_SECTION sect = REC_SECT_ENVELOPE;
    const char *name;

    if (size < 1)
	return (0);
    step = (size_t) data[0] % 17 + 1;
    buf = (const char *) data + 1;
    len = size - 1;
    enc = vstring_alloc(64);
    tmp = vstring_alloc(64);
    rec_iter_init(&it, buf, len, FUZZ_MAX_LEN);
    rr = rec_reader_create(FUZZ_MAX_LEN);

    for (;;) {
	sa = rec_iter_next(&it, &a);
	while ((sb = rec_reader_get(rr, &b)) == REC_GET_MORE) {
	    if (off >= len)
		rec_reader_eof(rr);
	    else {
		size_t  n = len - off < step ? len - off : step;

		rec_reader_feed(rr, buf + off, n);
		off += n;
	    }
	}
	if (sa != sb)
	    abort();
	if (sa < 0)
	    break;
	if (a.type != b.type || a.len != b.len || a.offset != b.offset
	    || a.size != b.size || memcmp(a.data, b.data, a.len) != 0
	    || a.len > FUZZ_MAX_LEN || a.data != buf + a.offset + a.size - a.len)
	    abort();
	vstring_reset(enc);
	rec_put(enc, a.type, a.data, a.len);
	if (rec_decode(vstring_str(enc), vstring_len(enc), FUZZ_MAX_LEN, &c) != a.type
	    || c.len != a.len || c.size != vstring_len(enc) || memcmp(c.data, a.data, a.len) != 0)
	    abort();
	if (rec_decode(vstring_str(enc), vstring_len(enc) - 1, FUZZ_MAX_LEN, &c) != REC_GET_MORE)
	    abort();
	if (a.type == REC_TYPE_MESG)
	    sect = REC_SECT_CONTENT;
	else if (a.type == REC_TYPE_XTRA)
	    sect = REC_SECT_EXTRACT;
	name = rec_type_name_in(a.type, sect);
	if (name == 0 || (strcmp(name, rec_type_name(a.type)) != 0
			  && !(a.type == REC_TYPE_CONT && sect == REC_SECT_CONTENT)))
	    abort();
	if (a.type == REC_TYPE_SIZE)
	    fuzz_size_record(&a, tmp);
	if (a.len < 300)
	    fuzz_queue_id(&a, tmp);
    }
    if (sa != REC_TYPE_EOF && sa != REC_GET_TRUNC && sa != REC_TYPE_ERROR
	&& sa != REC_GET_TOOLONG)
	abort();
    rec_reader_free(rr);
    vstring_free(enc);
    vstring_free(tmp);
    return (0);
}
