#ifndef MAIN_CF_H
#define MAIN_CF_H
/*
 * NAME
 *	main_cf 3h
 * SUMMARY
 *	main.cf parser and in-memory parameter list
 * DESCRIPTION
 *	A MAIN_CF maps parameter names to their raw (unexpanded) values as
 *	written in main.cf. A later definition of a name replaces the value
 *	but keeps the position of the first definition, so iteration order
 *	is the order in which names first appeared.
 *
 *	main_cf_parse() is pure: it parses text held in memory, as stock
 *	Postfix does: "#" comment lines and blank lines are ignored, a line
 *	that starts with white space continues the logical line (physical
 *	lines are joined without the newline, the continuation's leading
 *	white space kept), "name = value" with white space around name and
 *	value removed, a NUL byte ends the logical line's text. A logical
 *	line that starts with white space is skipped with a warning. A line
 *	without a name or without "=" is fatal, as in stock: parsing stops,
 *	the result is -1 and err holds stock's text without the "fatal: "
 *	prefix, e.g. "/x/main.cf, line 3: missing '=' after attribute name:
 *	"foo"". Entries parsed before the bad line are kept. Otherwise the
 *	result is 0. Warnings (whitespace at the start of a logical line,
 *	a name defined twice) are collected in main_cf_warnings(), worded as
 *	stock postconf words them.
 *	main_cf_read() (main_cf_file.c) reads a file and parses it; -1 with
 *	the reason in err when the file cannot be read.
 */
#include <stddef.h>
#include "vstring.h"
#include "argv.h"

typedef struct MAIN_CF_ENTRY {
    char   *name;
    char   *value;
    int     line;			/* line of the last definition; 0: set via API */
} MAIN_CF_ENTRY;

typedef struct MAIN_CF MAIN_CF;

MAIN_CF *main_cf_create(void);
void    main_cf_free(MAIN_CF *cf);		/* NULL is fine */
int     main_cf_parse(MAIN_CF *cf, const char *text, size_t len,
		              const char *path, VSTRING *err);
int     main_cf_read(MAIN_CF *cf, const char *path, VSTRING *err);
const char *main_cf_get(const MAIN_CF *cf, const char *name);	/* NULL if unset */
void    main_cf_set(MAIN_CF *cf, const char *name, const char *value);
void    main_cf_unset(MAIN_CF *cf, const char *name);
size_t  main_cf_count(const MAIN_CF *cf);
const MAIN_CF_ENTRY *main_cf_entry(const MAIN_CF *cf, size_t index);	/* NULL past end */

/* Warnings collected by main_cf_parse() so far (NULL-terminated argv). */
const ARGV *main_cf_warnings(const MAIN_CF *cf);

#define MAIN_CF_MAX_WARNINGS	100	/* further warnings are dropped */

#endif
