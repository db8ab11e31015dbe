#ifndef SCN_H
#define SCN_H
/*
 * NAME
 *	scn 3h
 * SUMMARY
 *	conformance scenarios: parse, run, coverage
 * DESCRIPTION
 *	A scenario is a small text transcript (conformance/README.md has
 *	the language). scn_run() runs it in one simulator with the given
 *	seed and client-to-server chunking and returns the transcript of
 *	what the client saw; scn_run_both() runs it whole and with client
 *	bytes fed one at a time and requires both to pass with the same
 *	transcript. Nothing here does file I/O: callers pass text.
 */
#include <stdint.h>
#include "vstring.h"
#include "argv.h"
#include "simnet.h"

typedef struct SCN SCN;

SCN    *scn_parse(const char *name, const char *text, VSTRING *err);
void    scn_free(SCN *scn);
const char *scn_id(const SCN *scn);		/* "# ID: ..." or the name */
const ARGV *scn_requires(const SCN *scn);	/* "# requires: ..." ids */

/* 0 pass, -1 fail (err says where and why). trace may be NULL. */
int     scn_run(const SCN *scn, uint64_t seed, SIM_CHUNKING chunking,
		        VSTRING *trace, VSTRING *transcript, VSTRING *err);
int     scn_run_both(const SCN *scn, uint64_t seed, VSTRING *trace, VSTRING *err);

/*
 * Requirement coverage over a matrix (tab-separated: id, rfc, section,
 * level, text, tests; "#" lines and a header row starting with "id" are
 * skipped). A row counts when its id is in passed. out gets a summary
 * and the uncovered ids. Returns the number of rows, -1 on a bad matrix.
 */
int     scn_coverage(const char *matrix_name, const char *matrix_text,
		             const ARGV *passed, VSTRING *out, int *covered);

/* Glob match: "*" any run, "?" one character. */
int     scn_glob(const char *pattern, const char *text);

#endif
