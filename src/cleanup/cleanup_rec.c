/*
 * NAME
 *	cleanup_rec 3
 * SUMMARY
 *	record reader for the cleanup stream (private)
 * DESCRIPTION
 *	The length is base-128, least significant digit first, at most
 *	REC_LEN_MAX_DIGITS digits (record.h).
 */
#include "record.h"
#include "cleanup_rec.h"

int     cleanup_rec_get(const char *buf, size_t len, size_t max_len, int *type,
			        const char **data, size_t *data_len, size_t *used)
{
    size_t  pos = 1, rlen = 0;
    unsigned shift = 0;
    unsigned char ch;

    if (len < 2)
	return (CLEANUP_REC_MORE);
    for (;;) {
	if (pos >= len)
	    return (CLEANUP_REC_MORE);
	if (pos > REC_LEN_MAX_DIGITS)
	    return (CLEANUP_REC_BAD);
	ch = (unsigned char) buf[pos++];
	rlen |= (size_t) (ch & 0x7f) << shift;
	shift += 7;
	if ((ch & 0x80) == 0)
	    break;
    }
    if (rlen > max_len)
	return (CLEANUP_REC_BAD);
    if (len - pos < rlen)
	return (CLEANUP_REC_MORE);
    *type = (unsigned char) buf[0];
    *data = buf + pos;
    *data_len = rlen;
    *used = pos + rlen;
    return (CLEANUP_REC_OK);
}
