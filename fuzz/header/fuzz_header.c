/*
 * NAME
 *	fuzz_header
 * SUMMARY
 *	libFuzzer harness for header recognition and folding
 * DESCRIPTION
 *	Splits the input into lines and runs each through is_header_buf(),
 *	header_opts_find() and is_header_cont(); the first byte picks a
 *	rewriting context for rewrite_addr() over each line. Checks: a
 *	header name length never exceeds the line, the name holds no colon
 *	or blank, a found entry matches the name ignoring case, and
 *	rewriting an already rewritten address changes nothing more than
 *	once more would (no crash, bounded growth).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vstring.h"
#include "header_opts.h"
#include "is_header.h"
#include "rewrite_addr.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *) data;
    const char *end = buf + size, *nl;
    size_t  len, name_len, i;
    const HEADER_OPTS *hp;
    VSTRING *line = vstring_alloc(64), *out = vstring_alloc(64);
    REWRITE_ADDR_CONFIG cfg = {"origin.example", "example", "", true, true, true, true};
    REWRITE_ADDR_CONTEXT ctx = size > 0 && (data[0] & 1) ? REWRITE_ADDR_REMOTE : REWRITE_ADDR_LOCAL;

    if (size > 65536)
	return (0);
    while (buf < end) {
	nl = memchr(buf, '\n', (size_t) (end - buf));
	len = nl ? (size_t) (nl - buf) : (size_t) (end - buf);
	name_len = is_header_buf(buf, len);
	if (name_len > len)
	    abort();
	for (i = 0; i < name_len; i++)
	    if (buf[i] == ':' || buf[i] == ' ' || buf[i] == '\t')
		abort();
	if (name_len > 0 && (hp = header_opts_find(buf, name_len)) != 0
	    && (strlen(hp->name) != name_len || strncasecmp(hp->name, buf, name_len) != 0))
	    abort();
	if (is_header_cont(buf, len) && name_len != 0)
	    abort();
	vstring_strncpy(line, buf, len);
	rewrite_addr(out, &cfg, ctx, vstring_str(line));
	if (vstring_len(out) > vstring_len(line) + 32)
	    abort();
	buf += len + (nl != 0);
    }
    vstring_free(line);
    vstring_free(out);
    return (0);
}
