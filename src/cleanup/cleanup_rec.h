#ifndef CLEANUP_REC_H
#define CLEANUP_REC_H
/*
 * NAME
 *	cleanup_rec 3h
 * SUMMARY
 *	record reader for the cleanup stream (private)
 * DESCRIPTION
 *	cleanup_rec_get() decodes one record at the start of buf: it
 *	returns CLEANUP_REC_OK with the type, data and total record size,
 *	CLEANUP_REC_MORE when buf ends inside the record, or
 *	CLEANUP_REC_BAD when the length field is malformed or the data
 *	would exceed max_len bytes.
 */
#include <stddef.h>

#define CLEANUP_REC_OK		1
#define CLEANUP_REC_MORE	0
#define CLEANUP_REC_BAD		(-1)

int     cleanup_rec_get(const char *buf, size_t len, size_t max_len, int *type,
			        const char **data, size_t *data_len, size_t *used);

#endif
