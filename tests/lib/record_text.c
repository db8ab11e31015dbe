/*
 * NAME
 *	record_text 3
 * SUMMARY
 *	queue-file records as text, for test assertions
 * DESCRIPTION
 *	See record_text.h. Uses the production record reader, so tests of
 *	the writers (smtpd, qmqpd, cleanup) read records the way the rest
 *	of the system does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "record.h"
#include "record_text.h"

void    test_record_text(const VSTRING *in, VSTRING *out, const char *label)
{
    REC_ITER it;
    REC_RECORD rec;
    int     type;

    vstring_reset(out);
    rec_iter_init(&it, vstring_str(in), vstring_len(in), REC_LEN_MAX);
    while ((type = rec_iter_next(&it, &rec)) >= 0) {
	if (vstring_len(out))
	    vstring_addch(out, '|');
	vstring_sprintf_append(out, "%c:", type);
	vstring_memcat(out, rec.data, rec.len);
    }
    if (type != REC_TYPE_EOF)
	fail_msg("%s: malformed or truncated record (status %d)", label, type);
}
