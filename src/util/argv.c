/*
 * NAME
 *	argv 3
 * SUMMARY
 *	string vectors
 * DESCRIPTION
 *	An ARGV keeps private copies of its strings and a NULL after the
 *	last one, so argv->argv can be passed wherever a char ** list is
 *	expected. Growth doubles the capacity.
 */
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "msg.h"
#include "mymalloc.h"

ARGV   *argv_alloc(size_t initial_cap)
{
    ARGV   *argvp = mymalloc(sizeof(*argvp));

    if (initial_cap < 1)
	initial_cap = 1;
    argvp->cap = initial_cap;
    argvp->argc = 0;
    argvp->argv = mymalloc((initial_cap + 1) * sizeof(char *));
    argvp->argv[0] = 0;
    return (argvp);
}

void    argv_free(ARGV *argvp)
{
    size_t  i;

    if (argvp == 0)
	return;
    for (i = 0; i < argvp->argc; i++)
	myfree(argvp->argv[i]);
    myfree(argvp->argv);
    myfree(argvp);
}

/* Room for one more entry plus the terminator. */
static void argv_grow(ARGV *argvp)
{
    if (argvp->argc < argvp->cap)
	return;
    argvp->cap *= 2;
    argvp->argv = myrealloc(argvp->argv, (argvp->cap + 1) * sizeof(char *));
}

ARGV   *argv_addn(ARGV *argvp, const char *str, size_t len)
{
    argv_grow(argvp);
    argvp->argv[argvp->argc++] = mystrndup(str, len);
    argvp->argv[argvp->argc] = 0;
    return (argvp);
}

ARGV   *argv_add(ARGV *argvp, const char *str)
{
    argv_grow(argvp);
    argvp->argv[argvp->argc++] = mystrdup(str);
    argvp->argv[argvp->argc] = 0;
    return (argvp);
}

ARGV   *argv_insert(ARGV *argvp, size_t where, const char *str)
{
    if (where > argvp->argc)
	msg_panic("argv_insert: position %zu beyond end %zu", where, argvp->argc);
    argv_grow(argvp);
    /* Shift the tail including the terminating NULL. */
    memmove(argvp->argv + where + 1, argvp->argv + where,
	    (argvp->argc - where + 1) * sizeof(char *));
    argvp->argv[where] = mystrdup(str);
    argvp->argc++;
    return (argvp);
}

void    argv_delete(ARGV *argvp, size_t where, size_t count)
{
    size_t  i;

    if (where > argvp->argc || count > argvp->argc - where)
	msg_panic("argv_delete: range %zu+%zu beyond end %zu",
		  where, count, argvp->argc);
    for (i = where; i < where + count; i++)
	myfree(argvp->argv[i]);
    memmove(argvp->argv + where, argvp->argv + where + count,
	    (argvp->argc - where - count + 1) * sizeof(char *));
    argvp->argc -= count;
}

void    argv_truncate(ARGV *argvp, size_t len)
{
    if (len < argvp->argc)
	argv_delete(argvp, len, argvp->argc - len);
}

static int argv_cmp(const void *a, const void *b)
{
    return (strcmp(*(char *const *) a, *(char *const *) b));
}

void    argv_sort(ARGV *argvp)
{
    if (argvp->argc > 1)
	qsort(argvp->argv, argvp->argc, sizeof(char *), argv_cmp);
}

void    argv_uniq(ARGV *argvp)
{
    size_t  in;
    size_t  out;

    if (argvp->argc < 2)
	return;
    for (out = 0, in = 1; in < argvp->argc; in++) {
	if (strcmp(argvp->argv[out], argvp->argv[in]) == 0) {
	    myfree(argvp->argv[in]);
	} else {
	    argvp->argv[++out] = argvp->argv[in];
	}
    }
    argvp->argc = out + 1;
    argvp->argv[argvp->argc] = 0;
}

ARGV   *argv_split_append(ARGV *argvp, const char *str, const char *delim)
{
    size_t  len;

    for (;;) {
	str += strspn(str, delim);
	if (*str == 0)
	    break;
	len = strcspn(str, delim);
	argv_addn(argvp, str, len);
	str += len;
    }
    return (argvp);
}

ARGV   *argv_split(const char *str, const char *delim)
{
    return (argv_split_append(argv_alloc(8), str, delim));
}
