/*
 * NAME
 *	postconf_text 3
 * SUMMARY
 *	split configuration text into logical lines
 * DESCRIPTION
 *	pcf_text_parse() keeps the physical lines (for editing, which must
 *	reproduce untouched lines exactly) and groups them into logical
 *	lines: an entry plus the lines that continue it (those that start
 *	with white space). Continuation lines are joined without the
 *	newline, keeping their leading white space, as stock does.
 *	In master.cf style, comment lines inside an entry do not end it.
 *	Pure: works on a memory buffer.
 */
#include <ctype.h>
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "postconf.h"

static int pcf_is_blank_or_comment(const char *line)
{
    while (*line && isspace((unsigned char) *line))
	line++;
    return (*line == 0 || *line == '#');
}

PCF_TEXT *pcf_text_parse(const char *data, size_t len, int master_style)
{
    PCF_TEXT *tp = mycalloc(1, sizeof(*tp));
    const char *cp = data;
    const char *end = data + len;
    size_t  i;
    size_t  cap = 16;
    VSTRING *buf = vstring_alloc(200);

    tp->lines = argv_alloc(64);
    while (cp < end) {
	const char *nl = memchr(cp, '\n', (size_t) (end - cp));
	size_t  n = nl ? (size_t) (nl - cp) : (size_t) (end - cp);

	argv_addn(tp->lines, cp, n);
	cp += n + (nl ? 1 : 0);
    }
    tp->ll = mymalloc(cap * sizeof(*tp->ll));
    for (i = 0; i < tp->lines->argc; /* void */ ) {
	const char *line = tp->lines->argv[i];
	PCF_LLINE *ll;
	size_t  j;

	if (tp->nll == cap) {
	    cap *= 2;
	    tp->ll = myrealloc(tp->ll, cap * sizeof(*tp->ll));
	}
	ll = tp->ll + tp->nll++;
	ll->first = ll->last = (int) i + 1;
	if (pcf_is_blank_or_comment(line)) {
	    ll->kind = PCF_LL_OTHER;
	    ll->text = mystrdup(line);
	    i++;
	    continue;
	}
	ll->kind = isspace((unsigned char) *line) ? PCF_LL_INDENT : PCF_LL_ENTRY;
	vstring_strcpy(buf, line);
	/* Continuation: lines starting with white space (not blank). */
	for (j = i + 1; j < tp->lines->argc; j++) {
	    const char *next = tp->lines->argv[j];

	    if (pcf_is_blank_or_comment(next)) {
		size_t  k;

		if (!master_style)
		    break;
		/* master.cf: skip comments only if more continuation follows */
		for (k = j; k < tp->lines->argc
		     && pcf_is_blank_or_comment(tp->lines->argv[k]); k++)
		     /* void */ ;
		if (k >= tp->lines->argc
		    || !isspace((unsigned char) *tp->lines->argv[k]))
		    break;
		j = k - 1;
		continue;
	    }
	    if (!isspace((unsigned char) *next))
		break;
	    vstring_strcat(buf, next);
	    ll->last = (int) j + 1;
	}
	ll->text = mystrdup(vstring_str(buf));
	i = (size_t) ll->last;
    }
    vstring_free(buf);
    return (tp);
}

void    pcf_text_free(PCF_TEXT *tp)
{
    size_t  i;

    if (tp == NULL)
	return;
    for (i = 0; i < tp->nll; i++)
	myfree(tp->ll[i].text);
    myfree(tp->ll);
    argv_free(tp->lines);
    myfree(tp);
}
