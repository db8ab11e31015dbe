/*
 * NAME
 *	stringops 3
 * SUMMARY
 *	small string helpers
 * DESCRIPTION
 *	In-place tokenizers and trimmers in the style of Postfix's string
 *	utilities. Character classes are ASCII only and ignore the locale,
 *	so behaviour does not change with LANG: white space is space, tab,
 *	CR, LF, VT and FF; printable is 0x20..0x7e.
 */
#include <stdarg.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"

#define IS_SPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define IS_PRINT(c)	((c) >= 0x20 && (c) < 0x7f)
#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define TO_LOWER(c)	(((c) >= 'A' && (c) <= 'Z') ? (c) - 'A' + 'a' : (c))
#define TO_UPPER(c)	(((c) >= 'a' && (c) <= 'z') ? (c) - 'a' + 'A' : (c))

char   *lowercase(char *str)
{
    char   *cp;

    for (cp = str; *cp; cp++)
	*cp = TO_LOWER(*cp);
    return (str);
}

char   *uppercase(char *str)
{
    char   *cp;

    for (cp = str; *cp; cp++)
	*cp = TO_UPPER(*cp);
    return (str);
}

char   *trimblanks(char *str)
{
    char   *end = str + strlen(str);

    while (end > str && IS_SPACE(end[-1]))
	end--;
    *end = 0;
    return (str);
}

char   *skipblanks(const char *str)
{
    while (*str && IS_SPACE(*str))
	str++;
    return ((char *) str);
}

char   *mystrtok(char **bufp, const char *delim)
{
    char   *start = *bufp;
    char   *end;

    start += strspn(start, delim);
    if (*start == 0) {
	*bufp = start;
	return (0);
    }
    end = start + strcspn(start, delim);
    if (*end)
	*end++ = 0;
    *bufp = end;
    return (start);
}

/*
 * Delimiters inside a parens[0]..parens[1] group do not split; groups
 * nest and keep their parentheses, as with Postfix.
 */
char   *mystrtokq(char **bufp, const char *delim, const char *parens)
{
    char   *start = *bufp;
    char   *cp;
    int     level = 0;

    start += strspn(start, delim);
    if (*start == 0) {
	*bufp = start;
	return (0);
    }
    for (cp = start; *cp; cp++) {
	if (*cp == parens[0]) {
	    level++;
	} else if (level > 0 && *cp == parens[1]) {
	    level--;
	} else if (level == 0 && strchr(delim, *cp) != 0) {
	    *cp++ = 0;
	    break;
	}
    }
    *bufp = cp;
    return (start);
}

char   *split_at(char *str, int delim)
{
    char   *cp = strchr(str, delim);

    if (cp == 0 || delim == 0)
	return (0);
    *cp++ = 0;
    return (cp);
}

char   *split_at_right(char *str, int delim)
{
    char   *cp = strrchr(str, delim);

    if (cp == 0 || delim == 0)
	return (0);
    *cp++ = 0;
    return (cp);
}

bool    alldig(const char *str)
{
    if (*str == 0)
	return (false);
    for (; *str; str++)
	if (!IS_DIGIT(*str))
	    return (false);
    return (true);
}

/* True for the empty string, like Postfix's allprint(). */
bool    allprint(const char *str)
{
    for (; *str; str++)
	if (!IS_PRINT((unsigned char) *str))
	    return (false);
    return (true);
}

const char *split_nameval(char *buf, char **name, char **value)
{
    char   *np;
    char   *eq;
    char   *vp;

    np = skipblanks(buf);
    if (*np == 0)
	return ("missing attribute name");
    if ((eq = strchr(np, '=')) == 0)
	return ("missing '=' after attribute name");
    *eq = 0;
    trimblanks(np);
    if (*np == 0)
	return ("missing attribute name");
    vp = trimblanks(skipblanks(eq + 1));
    *name = np;
    *value = vp;
    return (0);
}

char   *concatenate(const char *first,...)
{
    va_list ap;
    size_t  len;
    const char *arg;
    char   *result;
    char   *cp;

    len = strlen(first);
    va_start(ap, first);
    while ((arg = va_arg(ap, const char *)) != 0)
	len += strlen(arg);
    va_end(ap);
    result = cp = mymalloc(len + 1);
    len = strlen(first);
    memcpy(cp, first, len);
    cp += len;
    va_start(ap, first);
    while ((arg = va_arg(ap, const char *)) != 0) {
	len = strlen(arg);
	memcpy(cp, arg, len);
	cp += len;
    }
    va_end(ap);
    *cp = 0;
    return (result);
}

char   *printable(char *str, int replace)
{
    unsigned char *cp;

    for (cp = (unsigned char *) str; *cp; cp++)
	if (!IS_PRINT(*cp))
	    *cp = (unsigned char) replace;
    return (str);
}

bool    strcaseeq(const char *a, const char *b)
{
    for (; TO_LOWER(*a) == TO_LOWER(*b); a++, b++)
	if (*a == 0)
	    return (true);
    return (false);
}

bool    has_prefix(const char *str, const char *prefix)
{
    return (strncmp(str, prefix, strlen(prefix)) == 0);
}

bool    has_suffix(const char *str, const char *suffix)
{
    size_t  slen = strlen(str);
    size_t  xlen = strlen(suffix);

    return (xlen <= slen && memcmp(str + slen - xlen, suffix, xlen) == 0);
}
