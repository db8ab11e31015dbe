/*
 * NAME
 *	fuzz_netstring
 * SUMMARY
 *	libFuzzer harness for the netstring codec
 * DESCRIPTION
 *	Parses the input as a run of consecutive netstrings. Each one that
 *	parses is re-encoded with netstring_append(); the encoding must be
 *	byte-identical to the input span (the format has one canonical form)
 *	and must parse back to the same data. The span minus its last byte
 *	must be an incomplete netstring. Any mismatch aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netstring.h"
#include "vstring.h"

#define FUZZ_MAX_LEN	65536

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *) data;
    VSTRING *enc = vstring_alloc(64);
    size_t  off = 0;

    while (off < size) {
	const char *item;
	const char *item2;
	size_t  item_len, item2_len, consumed, consumed2, junk_len, junk_used;
	const char *junk;
	NETSTRING_STATUS status;

	status = netstring_parse(buf + off, size - off, FUZZ_MAX_LEN,
				 &item, &item_len, &consumed);
	if (status != NETSTRING_OK)
	    break;
	if (consumed == 0 || consumed > size - off || item_len > FUZZ_MAX_LEN
	    || item < buf + off || item + item_len > buf + off + consumed)
	    abort();
	if (netstring_parse(buf + off, consumed - 1, FUZZ_MAX_LEN,
			    &junk, &junk_len, &junk_used) != NETSTRING_NEED_MORE)
	    abort();

	vstring_reset(enc);
	netstring_append(enc, item, item_len);
	if (vstring_len(enc) != consumed || memcmp(vstring_str(enc), buf + off, consumed) != 0)
	    abort();
	if (netstring_parse(vstring_str(enc), vstring_len(enc), FUZZ_MAX_LEN,
			    &item2, &item2_len, &consumed2) != NETSTRING_OK
	    || item2_len != item_len || consumed2 != consumed
	    || memcmp(item2, item, item_len) != 0)
	    abort();
	off += consumed;
    }
    vstring_free(enc);
    return (0);
}
