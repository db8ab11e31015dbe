/*
 * NAME
 *	cf_lines 3
 * SUMMARY
 *	split main.cf and master.cf text into logical lines
 * DESCRIPTION
 *	See cf_file.h. Pure: works on a memory buffer.
 */
#include <string.h>

#include "cf_file.h"

int     cf_logical_lines(const char *text, size_t len, CF_LINE_FN fn, void *context)
{
    VSTRING *logical = vstring_alloc(256);
    size_t  pos = 0;
    int     lineno = 0;
    int     start_line = 0;
    int     have_line = 0;
    int     bad_start = 0;
    int     status = 0;

    while (pos < len && status == 0) {
	const char *line = text + pos;
	const char *nl = (const char *) memchr(line, '\n', len - pos);
	size_t  llen = nl ? (size_t) (nl - line) : len - pos;
	size_t  i;

	pos += llen + (nl ? 1 : 0);
	lineno++;

	/* Blank and comment lines never end or start a logical line. */
	for (i = 0; i < llen && CF_SPACE(line[i]); i++)
	     /* void */ ;
	if (i == llen || line[i] == '#')
	    continue;

	if (CF_SPACE(line[0]) && have_line) {
	    vstring_memcat(logical, line, llen);
	    continue;
	}
	if (have_line)
	    status = fn(vstring_str(logical), start_line, bad_start, context);
	vstring_memcpy(logical, line, llen);
	have_line = 1;
	start_line = lineno;
	bad_start = CF_SPACE(line[0]);
    }
    if (have_line && status == 0)
	status = fn(vstring_str(logical), start_line, bad_start, context);
    vstring_free(logical);
    return (status);
}
