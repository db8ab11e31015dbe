#ifndef IS_HEADER_H
#define IS_HEADER_H
/*
 * NAME
 *	is_header 3h
 * SUMMARY
 *	recognize message header lines
 * DESCRIPTION
 *	is_header_buf() returns the length of the header name when buf
 *	starts a header: one or more printable ASCII characters other than
 *	colon, optional blanks, then a colon. It returns 0 otherwise.
 *	is_header_cont() tells if a line continues a folded header (it
 *	starts with a space or a tab).
 */
#include <stddef.h>
#include <stdbool.h>

size_t  is_header_buf(const char *buf, size_t len);
size_t  is_header(const char *str);	/* NUL-terminated form */
bool    is_header_cont(const char *buf, size_t len);

#endif
