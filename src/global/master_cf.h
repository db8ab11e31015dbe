#ifndef MASTER_CF_H
#define MASTER_CF_H
/*
 * NAME
 *	master_cf 3h
 * SUMMARY
 *	master.cf parser
 * DESCRIPTION
 *	master_cf_parse() splits master.cf text (already in memory; pure)
 *	into service entries with the eight fields as written ("-" kept as
 *	is, meaning "default") and the command with its arguments. A
 *	"-o { name = value }" argument is stored as the single word
 *	"{ name = value }" after "-o", the way stock postconf -M shows it;
 *	master_cf_entry_options() gives the -o settings as name/value pairs.
 *	As in stock, a logical line that starts with white space is skipped
 *	with a warning (collected in cf->warnings), while an entry with
 *	fewer than eight fields or a bad field value is fatal: parsing
 *	stops, the result is -1 and err holds stock's text without the
 *	"fatal: " prefix, e.g. "file /x/master.cf: line 3: bad field count"
 *	or "invalid type field "foo" in "smtp foo n - n - - smtpd"".
 *	Entries before the bad one are kept. Duplicate services are not
 *	an error here (stock postconf accepts them too).
 *	master_cf_read() (master_cf_file.c) reads a file: -1 when the file
 *	cannot be read.
 *	A MASTER_CF must be zeroed (or MASTER_CF_INIT) before the first parse.
 */
#include <stddef.h>
#include "vstring.h"
#include "argv.h"

typedef struct MASTER_CF_ENTRY {
    char   *service;
    char   *type;
    char   *private_;
    char   *unpriv;
    char   *chroot;
    char   *wakeup;
    char   *maxproc;
    ARGV   *command;			/* command name + args as written */
    int     line;			/* first line of the entry */
} MASTER_CF_ENTRY;

typedef struct MASTER_CF {
    MASTER_CF_ENTRY **entries;
    size_t  count;
    ARGV   *warnings;			/* NULL until the first warning */
} MASTER_CF;

#define MASTER_CF_INIT	{ 0, 0, 0 }

int     master_cf_parse(MASTER_CF *cf, const char *text, size_t len,
			        const char *path, VSTRING *err);
int     master_cf_read(MASTER_CF *cf, const char *path, VSTRING *err);
void    master_cf_free(MASTER_CF *cf);		/* frees entries, not cf itself */

/* Finds service/type; NULL if absent. */
const MASTER_CF_ENTRY *master_cf_find(const MASTER_CF *cf, const char *service,
				              const char *type);

/*
 * The -o settings of an entry, as alternating name, value strings
 * (names and values trimmed; braces removed). Malformed "-o" arguments
 * are skipped and described in err when err is not NULL.
 */
ARGV   *master_cf_entry_options(const MASTER_CF_ENTRY *entry, VSTRING *err);

/* Valid service types. */
int     master_cf_valid_type(const char *type);

#endif
