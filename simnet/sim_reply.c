/*
 * NAME
 *	sim_reply 3
 * SUMMARY
 *	SMTP reply parsing for simulated client peers
 * DESCRIPTION
 *	A reply is one or more lines "ddd-text" ending with "ddd text" or a
 *	bare "ddd" (RFC 5321 section 4.2). Lines end with CRLF; a bare LF is
 *	accepted so that broken servers still show up in a transcript. A
 *	line that does not start with three digits ends the reply with code
 *	0, which no expectation matches.
 */
#include <ctype.h>
#include <string.h>

#include "mymalloc.h"
#include "simnet.h"

void    sim_reply_init(SIM_REPLY *reply)
{
    reply->code = 0;
    reply->multiline = 0;
    reply->lines = argv_alloc(4);
}

void    sim_reply_free(SIM_REPLY *reply)
{
    argv_free(reply->lines);
    reply->lines = 0;
}

size_t  sim_reply_parse(const char *buf, size_t len, SIM_REPLY *reply)
{
    size_t  pos = 0, end, text_len;
    const char *line, *nl;
    int     code, first = 1, last;

    argv_truncate(reply->lines, 0);
    reply->code = 0;
    reply->multiline = 0;
    while (pos < len) {
	line = buf + pos;
	if ((nl = memchr(line, '\n', len - pos)) == 0)
	    break;
	end = nl - buf + 1;
	text_len = nl - line;
	if (text_len > 0 && line[text_len - 1] == '\r')
	    text_len--;
	if (text_len < 3 || !isdigit((unsigned char) line[0])
	    || !isdigit((unsigned char) line[1]) || !isdigit((unsigned char) line[2])
	    || (text_len > 3 && line[3] != ' ' && line[3] != '-')) {
	    argv_addn(reply->lines, line, text_len);
	    reply->code = 0;
	    return (end);
	}
	code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
	if (first)
	    reply->code = code;
	else if (code != reply->code)
	    reply->code = 0;			/* mixed codes: malformed */
	last = (text_len == 3 || line[3] == ' ');
	argv_addn(reply->lines, text_len > 4 ? line + 4 : "", text_len > 4 ? text_len - 4 : 0);
	if (!last)
	    reply->multiline = 1;
	first = 0;
	pos = end;
	if (last)
	    return (end);
    }
    argv_truncate(reply->lines, 0);
    reply->code = 0;
    reply->multiline = 0;
    return (0);
}
