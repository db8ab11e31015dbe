#ifndef MAC_EXPAND_H
#define MAC_EXPAND_H
/*
 * NAME
 *	mac_expand 3h
 * SUMMARY
 *	$name expansion of configuration values
 * DESCRIPTION
 *	mac_expand() appends to out the expansion of pattern, looking names
 *	up with the caller's function (which returns the raw, unexpanded
 *	value or NULL when the name is not defined). Looked-up values are
 *	expanded recursively. Supported forms, as in stock Postfix 3.7:
 *	$name ${name} $(name) $$ ${name?text} ${name:text}
 *	${name?{text}} ${name:{text}} ${name?{text}:{text}}
 *	${{text} op {text} ? {text} : {text}} with op one of
 *	== != < <= > >= (numeric) and ==level !=level <level <=level
 *	>level >=level (compatibility level comparison).
 *	"?" selects its text when the name's value is non-empty, ":" when
 *	it is undefined or empty. Undefined names expand to nothing.
 *
 *	The result is MAC_EXP_OK or an error code with a message in err
 *	(err may be NULL). On error out holds a partial result.
 *	mac_scan_names() calls fn for each name that pattern refers to
 *	(without looking anything up); useful for "unused parameter" checks.
 *	Both functions are pure.
 */
#include "vstring.h"

typedef const char *(*MAC_LOOKUP_FN) (const char *name, void *context);

#define MAC_EXP_OK		0
#define MAC_EXP_SYNTAX		1	/* malformed pattern */
#define MAC_EXP_LOOP		2	/* unreasonable nesting (recursion) */
#define MAC_EXP_TOOBIG		3	/* result over MAC_EXP_MAX_LEN */

#define MAC_EXP_MAX_DEPTH	100	/* stock: "unreasonable macro call nesting" */
#define MAC_EXP_MAX_LEN		(1024 * 1024)

int     mac_expand(VSTRING *out, const char *pattern, MAC_LOOKUP_FN lookup,
		           void *context, VSTRING *err);
void    mac_scan_names(const char *pattern,
		               void (*fn) (const char *name, void *ctx), void *ctx);

#endif
