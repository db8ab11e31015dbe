#ifndef RECORD_H
#define RECORD_H
/*
 * NAME
 *	record 3h
 * SUMMARY
 *	queue file record encoding and decoding
 * DESCRIPTION
 *	A record is a type byte, the data length as base-128 digits (least
 *	significant first, the high bit set on every byte but the last),
 *	then the data. Stock Postfix uses this format in queue files and on
 *	the cleanup stream; spec/queue-file.md has the details.
 *
 *	The functions here are pure: they work on memory buffers so cores,
 *	fuzzers and the simulator use them unchanged.
 */
#include <stddef.h>
#include "vstring.h"
#include "rec_type.h"

#define REC_LEN_MAX_DIGITS	5	/* base-128 digits of a 32-bit length */

/* Appends one record to out. */
void    rec_put(VSTRING *out, int type, const char *data, size_t len);
/* rec_put for a NUL-terminated string. */
void    rec_puts(VSTRING *out, int type, const char *text);
/* rec_put of a printf-formatted string. */
void    rec_fprintf(VSTRING *out, int type, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));
/* A REC_TYPE_ATTR record "name=value". */
void    rec_attr(VSTRING *out, const char *name, const char *value);

/*
 * Decoding. Status codes below zero; a record type is 0..255.
 * REC_TYPE_EOF (clean end) and REC_TYPE_ERROR come from rec_type.h.
 */
#define REC_GET_MORE	(-3)		/* input ends inside a record */
#define REC_GET_TRUNC	(-4)		/* end of input inside a record */
#define REC_GET_TOOLONG	(-5)		/* length above the caller's limit */
#define REC_LEN_MAX	0x7fffffff	/* largest length a reader accepts */

typedef struct REC_RECORD {
    int     type;			/* record type byte */
    const char *data;			/* not NUL-terminated */
    size_t  len;
    size_t  offset;			/* of the type byte in the stream */
    size_t  size;			/* whole record: type, length, data */
} REC_RECORD;

/*
 * rec_decode() looks at one record at the start of buf. It returns the
 * type (rec filled in, rec->offset 0), REC_GET_MORE when buf ends
 * inside the record, REC_TYPE_ERROR for a malformed length (more than
 * REC_LEN_MAX_DIGITS digits or above REC_LEN_MAX), REC_GET_TOOLONG when
 * the length exceeds max_len. Non-minimal length digits are accepted.
 */
int     rec_decode(const char *buf, size_t len, size_t max_len, REC_RECORD *rec);

/* Whole-buffer iterator: REC_TYPE_EOF exactly at the end, REC_GET_TRUNC
 * when the buffer ends inside a record, errors as rec_decode(). */
typedef struct REC_ITER {
    const char *buf;
    size_t  len;
    size_t  pos;
    size_t  max_len;
} REC_ITER;

void    rec_iter_init(REC_ITER *it, const char *buf, size_t len, size_t max_len);
int     rec_iter_next(REC_ITER *it, REC_RECORD *rec);

/*
 * Incremental reader: feed bytes in any chunks, take whole records.
 * rec_reader_get() returns a type, REC_GET_MORE, or an error; after
 * rec_reader_eof() it returns REC_TYPE_EOF when no partial record is
 * pending and REC_GET_TRUNC otherwise. Errors are sticky. Record data
 * stays valid until the next rec_reader_feed() or rec_reader_free().
 * rec->offset counts from the first byte ever fed.
 */
typedef struct REC_READER REC_READER;

REC_READER *rec_reader_create(size_t max_len);
void    rec_reader_feed(REC_READER *rr, const char *data, size_t len);
void    rec_reader_eof(REC_READER *rr);
int     rec_reader_get(REC_READER *rr, REC_RECORD *rec);
size_t  rec_reader_pending(const REC_READER *rr);	/* unconsumed bytes */
void    rec_reader_free(REC_READER *rr);

/*
 * Stock's name of a record type for logs ("message_size", "sender").
 * Names come from one table searched in stock's order, so 'L' reads as
 * "content_filter" (REC_TYPE_FILT); 'd', 'm' and undefined bytes read as
 * "unknown_record_type", as stock prints them.
 */
const char *rec_type_name(int type);

/* Where a record is in a queue file; it decides what 'L' means. */
typedef enum REC_SECTION {
    REC_SECT_ENVELOPE,			/* before REC_TYPE_MESG */
    REC_SECT_CONTENT,			/* between REC_TYPE_MESG and REC_TYPE_XTRA */
    REC_SECT_EXTRACT,			/* after REC_TYPE_XTRA */
} REC_SECTION;

/* rec_type_name() as postcat -v prints it: 'L' in the content is
 * "unterminated_text". */
const char *rec_type_name_in(int type, REC_SECTION section);
/* True when type is a record type the queue file format or the cleanup
 * stream defines (REC_TYPE_DELAY and REC_TYPE_MILT_COUNT included). */
int     rec_type_known(int type);

#endif
