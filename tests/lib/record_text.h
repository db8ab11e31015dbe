#ifndef RECORD_TEXT_H
#define RECORD_TEXT_H
/*
 * NAME
 *	record_text 3h
 * SUMMARY
 *	queue-file records as text, for test assertions
 * DESCRIPTION
 *	test_record_text() renders records as "T:data|T:data|..."; a
 *	malformed or truncated record fails the running test with label.
 */
#include "vstring.h"

void    test_record_text(const VSTRING *in, VSTRING *out, const char *label);

#endif
