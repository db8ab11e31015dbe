#ifndef REWRITE_ADDR_H
#define REWRITE_ADDR_H
/*
 * NAME
 *	rewrite_addr 3h
 * SUMMARY
 *	trivial rewriting of one address in a context
 * DESCRIPTION
 *	rewrite_addr() brings an address in internal (unquoted) form to
 *	standard form, as stock trivial-rewrite(8) does for its "local" and
 *	"remote" rules, and writes the result to out:
 *
 *	- the empty address stays empty;
 *	- a source route ("@a,@b:user@c") is dropped;
 *	- one trailing dot after the domain is dropped ("u@dom." -> "u@dom");
 *	- without "@": with swap_bangpath "a!b!c" becomes "b!c@a"; else with
 *	  allow_percent_hack the last "%" becomes "@" ("u%v%w" -> "u%v@w").
 *	  A local part that would need quoting (blanks, specials) is left
 *	  alone, like a quoted string in stock;
 *	- still without "@": local context appends "@myorigin" when
 *	  append_at_myorigin is set; remote context appends
 *	  "@remote_domain" when remote_domain is not empty;
 *	- a domain without a dot (not an address literal) gets
 *	  ".mydomain" with append_dot_mydomain, in the local context, or
 *	  ".remote_domain" in a remote context with remote_domain set.
 *
 *	"@dom" (empty local part) and "user@" (empty domain) are kept. The
 *	function is pure; cleanup(8) and trivial-rewrite(8) share it.
 */
#include <stdbool.h>
#include "vstring.h"

typedef enum REWRITE_ADDR_CONTEXT {
    REWRITE_ADDR_LOCAL,
    REWRITE_ADDR_REMOTE,
} REWRITE_ADDR_CONTEXT;

typedef struct REWRITE_ADDR_CONFIG {
    const char *myorigin;
    const char *mydomain;
    const char *remote_domain;		/* remote_header_rewrite_domain */
    bool    swap_bangpath;
    bool    allow_percent_hack;
    bool    append_at_myorigin;
    bool    append_dot_mydomain;
} REWRITE_ADDR_CONFIG;

const char *rewrite_addr(VSTRING *out, const REWRITE_ADDR_CONFIG *cfg,
			         REWRITE_ADDR_CONTEXT context, const char *addr);
/* "local" or "remote" to a context; -1 for anything else. */
int     rewrite_addr_context(const char *name);

#endif
