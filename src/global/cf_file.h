#ifndef CF_FILE_H
#define CF_FILE_H
/*
 * NAME
 *	cf_file 3h
 * SUMMARY
 *	configuration text: loading and logical lines
 * DESCRIPTION
 *	cf_file_load() reads a whole configuration file (I/O; cf_file.c).
 *
 *	cf_logical_lines() (pure; cf_lines.c) walks main.cf or master.cf text
 *	the way stock Postfix does: blank lines and lines whose first
 *	non-white-space character is '#' are skipped and never end a logical
 *	line; a line that starts with white space continues the previous
 *	logical line (joined without the newline, its white space kept). For
 *	each logical line fn gets the text, the number of its first physical
 *	line, and whether it itself starts with white space (a continuation
 *	with nothing to continue). A non-zero return from fn stops the walk
 *	and is returned.
 */
#include <stddef.h>
#include "vstring.h"

#define CF_SPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))

VSTRING *cf_file_load(const char *path, VSTRING *err);	/* NULL + err on error */

typedef int (*CF_LINE_FN) (const char *text, int first_line, int bad_start,
			           void *context);
int     cf_logical_lines(const char *text, size_t len, CF_LINE_FN fn, void *context);

#endif
