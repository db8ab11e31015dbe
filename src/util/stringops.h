#ifndef STRINGOPS_H
#define STRINGOPS_H
/*
 * NAME
 *	stringops 3h
 * SUMMARY
 *	string helpers
 */
#include <stddef.h>
#include <stdbool.h>

#define BLANKS		" \t"
#define SPACES		" \t\r\n"

char   *lowercase(char *str);			/* in place, ASCII only */
char   *uppercase(char *str);
char   *trimblanks(char *str);			/* removes trailing white space in place */
char   *skipblanks(const char *str);		/* first non-white-space char */
/* Next token delimited by any of delim, skipping leading delimiters; NULL at end. */
char   *mystrtok(char **bufp, const char *delim);
/* Like mystrtok, but parens[0]..parens[1] groups (nesting) stay one token, parens kept. */
char   *mystrtokq(char **bufp, const char *delim, const char *parens);
char   *split_at(char *str, int delim);		/* NUL at first delim, returns rest or NULL */
char   *split_at_right(char *str, int delim);	/* same, at last delim */
bool    alldig(const char *str);		/* non-empty and all ASCII digits */
bool    allprint(const char *str);
/* "name = value" with white space trimmed; returns NULL or an error text. */
const char *split_nameval(char *buf, char **name, char **value);
/* Concatenates NULL-terminated list of strings into a new allocation. */
char   *concatenate(const char *first,...) __attribute__((sentinel));
/* Replaces non-printable bytes with replace, in place. */
char   *printable(char *str, int replace);
bool    strcaseeq(const char *a, const char *b);	/* ASCII case-insensitive */
bool    has_prefix(const char *str, const char *prefix);
bool    has_suffix(const char *str, const char *suffix);

#endif
