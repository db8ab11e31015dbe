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

#endif
