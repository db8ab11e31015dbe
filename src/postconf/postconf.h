#ifndef POSTCONF_H
#define POSTCONF_H
/*
 * NAME
 *	postconf 3h
 * SUMMARY
 *	private interfaces of the postconf command
 * DESCRIPTION
 *	postconf keeps its own line-level view of main.cf and master.cf
 *	because the editing modes must reproduce every untouched line
 *	(comments, layout) byte for byte.
 */
#include <stddef.h>
#include "argv.h"
#include "htable.h"
#include "vstring.h"

/* Output and mode flags (one bit per command-line option). */
#define PCF_SHOW_NONDEF	(1 << 0)	/* -n */
#define PCF_SHOW_DEFS	(1 << 1)	/* -d */
#define PCF_HIDE_NAME	(1 << 2)	/* -h */
#define PCF_HIDE_VALUE	(1 << 3)	/* -H */
#define PCF_SHOW_EVAL	(1 << 4)	/* -x */
#define PCF_FOLD_LINE	(1 << 5)	/* -f */
#define PCF_EDIT_CONF	(1 << 6)	/* -e */
#define PCF_COMMENT_OUT	(1 << 7)	/* -# */
#define PCF_EDIT_EXCL	(1 << 8)	/* -X */
#define PCF_MASTER_ENTRY (1 << 9)	/* -M */
#define PCF_MASTER_FLD	(1 << 10)	/* -F */
#define PCF_MASTER_PARAM (1 << 11)	/* -P */

#define PCF_LINE_LIMIT	80		/* -f folds lines longer than this */
#define PCF_INDENT	"    "		/* continuation indent for -f */

/* postconf_fold.c (pure): word folding and master.cf line layout. */
typedef struct PCF_LINE {
    VSTRING *buf;
    size_t  col;			/* column of the next character */
    int     fold;			/* fold lines longer than limit */
    size_t  limit;			/* PCF_LINE_LIMIT, or one less for -Mf */
    int     nosep;			/* next word needs no space */
} PCF_LINE;

void    pcf_line_init(PCF_LINE *lp, VSTRING *buf, int fold);
void    pcf_line_word(PCF_LINE *lp, const char *word);
void    pcf_line_break(PCF_LINE *lp);
void    pcf_line_words(PCF_LINE *lp, const char *text);
const char *pcf_format_param(VSTRING *out, const char *name, const char *value, int fold);

/* One master.cf entry, parsed. */
#define PCF_MASTER_NFIELD 7
typedef struct PCF_MASTER_ENT {
    char   *field[PCF_MASTER_NFIELD];	/* service ... maxproc */
    ARGV   *args;			/* command words, braces removed */
    ARGV   *opt_names;			/* -o names, in order */
    ARGV   *opt_values;			/* -o values, in order */
    int     line;			/* first line number */
} PCF_MASTER_ENT;

extern const char *const pcf_master_field_names[PCF_MASTER_NFIELD + 1];

ARGV   *pcf_split_command(const char *text);
void    pcf_master_options(PCF_MASTER_ENT *ent);
const char *pcf_arg_quote(VSTRING *tmp, const char *arg);
const char *pcf_format_master(VSTRING *out, const PCF_MASTER_ENT *ent, int fold);
void    pcf_format_command(PCF_LINE *lp, const PCF_MASTER_ENT *ent);
/* Parses one logical master.cf line; returns NULL and sets *err on error. */
PCF_MASTER_ENT *pcf_master_parse(const char *text, int line, const char *path,
				         VSTRING *err);
void    pcf_master_free(PCF_MASTER_ENT *ent);

/* postconf_text.c (pure): logical lines of a configuration file. */
typedef struct PCF_LLINE {
    char   *text;			/* joined logical line */
    int     first;			/* first physical line, 1-based */
    int     last;			/* last physical line */
    int     kind;			/* PCF_LL_* */
} PCF_LLINE;

#define PCF_LL_ENTRY	1		/* a real entry */
#define PCF_LL_OTHER	2		/* comment or blank line */
#define PCF_LL_INDENT	3		/* text starting with white space */

typedef struct PCF_TEXT {
    ARGV   *lines;			/* physical lines without newline */
    PCF_LLINE *ll;
    size_t  nll;
} PCF_TEXT;

PCF_TEXT *pcf_text_parse(const char *data, size_t len, int master_style);
void    pcf_text_free(PCF_TEXT *tp);

/* postconf_file.c: the I/O. */
VSTRING *pcf_file_read(const char *path, int *err);
void    pcf_file_replace(const char *path, const char *data, size_t len);

/* Global state built by postconf.c. */
typedef struct PCF_MAIN_ENT {
    char   *name;
    char   *value;
    int     line;
} PCF_MAIN_ENT;

typedef struct PCF_STATE {
    const char *config_dir;
    char   *main_path;
    char   *master_path;
    int     config_dir_set;		/* -c or MAIL_CONFIG */
    PCF_MAIN_ENT *main_ents;		/* in order of first definition */
    size_t  main_count;
    HTABLE *main_index;			/* name -> PCF_MAIN_ENT * */
    ARGV   *override_names;		/* -o */
    ARGV   *override_values;
    PCF_MASTER_ENT **master;
    size_t  master_count;
    int     master_loaded;
    HTABLE *known;			/* service and user-defined names */
} PCF_STATE;

extern PCF_STATE pcf_state;

/* postconf_tls.c: -T */
void    pcf_show_tls(const char *mode);

/* postconf_params.c: the built-in parameter table and expansion. */
const char *pcf_builtin_default(const char *name);
int     pcf_builtin_is_raw(const char *name);
size_t  pcf_builtin_count(void);
const char *pcf_builtin_name(size_t idx);		/* sorted */
typedef const char *(*PCF_LOOKUP_FN) (const char *name, void *ctx);
char   *pcf_expand_value(const char *value, PCF_LOOKUP_FN lookup, void *ctx);
typedef void (*PCF_REF_FN) (const char *name, void *ctx);
void    pcf_scan_refs(const char *value, PCF_REF_FN fn, void *ctx);

/* postconf_main.c */
void    pcf_main_load(void);
const char *pcf_main_raw(const char *name);	/* override, main.cf, or NULL */
const char *pcf_default(const char *name);	/* NULL if unknown */
int     pcf_is_known(const char *name);
void    pcf_show_main(int mode, char **names);
char   *pcf_expand(const char *value);

/* postconf_master.c */
void    pcf_master_load(int fatal_errors);
void    pcf_show_master(int mode, char **names);

/* postconf_unused.c */
void    pcf_register_names(void);
void    pcf_warn_unused(void);

/* postconf_edit.c */
void    pcf_edit_main(int mode, char **args);
void    pcf_edit_master(int mode, char **args);

#endif
