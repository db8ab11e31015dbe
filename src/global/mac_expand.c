/*
 * NAME
 *	mac_expand 3
 * SUMMARY
 *	$name expansion of configuration values
 * DESCRIPTION
 *	A recursive-descent expander for the macro forms of stock Postfix
 *	3.7 (see mac_expand.h). Every value that a name refers to is itself
 *	expanded; a chain of MAC_EXP_MAX_DEPTH lookups is an error, which
 *	stops self-referencing values, and so is brace text nested deeper
 *	than that (which keeps the stack bounded). A work budget and an output limit bound
 *	exponential fan-out ("a = $b$b", "b = $c$c", ...), which stock does
 *	not guard against. Error texts follow stock postconf's warnings,
 *	including the "...before>>>after" context of syntax errors.
 *	The module is pure: it touches nothing but its arguments.
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "mymalloc.h"
#include "vstring.h"
#include "mac_expand.h"

#define MAC_EXP_MAX_WORK	200000	/* lookups plus nested texts */

#define MAC_SPACE(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define MAC_NAMECH(c)	(isalnum((unsigned char) (c)) || (c) == '_')
#define MAC_DIGIT(c)	((c) >= '0' && (c) <= '9')

typedef struct MAC_EXP {
    MAC_LOOKUP_FN lookup;
    void   *context;
    VSTRING *err;
    size_t  base;			/* output length at start */
    long    work;
    int     nest;			/* nested {text} being expanded */
} MAC_EXP;

static int mac_exp_string(MAC_EXP *, VSTRING *, const char *, int);

/* mac_exp_error - record an error message */

static int __attribute__((format(printf, 3, 4)))
        mac_exp_error(MAC_EXP *mc, int code, const char *fmt,...)
{
    va_list ap;

    if (mc->err) {
	va_start(ap, fmt);
	vstring_vsprintf(mc->err, fmt, ap);
	va_end(ap);
    }
    return (code);
}

/* mac_exp_context - syntax error with stock's "...before>>>after" context */

static int mac_exp_context(MAC_EXP *mc, const char *what, const char *before,
			           const char *before_end, const char *after,
			           int after_len)
{
    return (mac_exp_error(mc, MAC_EXP_SYNTAX, "%s at: \"...%.*s>>>%.*s\"", what,
			  (int) (before_end - before), before, after_len, after));
}

static const char *mac_exp_skip(const char *cp)
{
    while (MAC_SPACE(*cp))
	cp++;
    return (cp);
}

/* mac_exp_budget - charge one unit of work */

static int mac_exp_budget(MAC_EXP *mc, VSTRING *out)
{
    if (++mc->work > MAC_EXP_MAX_WORK)
	return (mac_exp_error(mc, MAC_EXP_TOOBIG, "too many macro expansion steps"));
    if (vstring_len(out) - mc->base > MAC_EXP_MAX_LEN)
	return (mac_exp_error(mc, MAC_EXP_TOOBIG, "macro expansion result too long"));
    return (MAC_EXP_OK);
}

/* mac_exp_value - append the expansion of a name's value */

static int mac_exp_value(MAC_EXP *mc, VSTRING *out, const char *name, int depth)
{
    const char *raw;
    int     status;

    if ((status = mac_exp_budget(mc, out)) != MAC_EXP_OK)
	return (status);
    if ((raw = mc->lookup(name, mc->context)) == 0)
	return (MAC_EXP_OK);
    if (depth + 1 >= MAC_EXP_MAX_DEPTH)
	return (mac_exp_error(mc, MAC_EXP_LOOP,
			      "unreasonable macro call nesting: \"%s\"", name));
    return (mac_exp_string(mc, out, raw, depth + 1));
}

/* mac_exp_text - append the expansion of a (copied) piece of text */

static int mac_exp_text(MAC_EXP *mc, VSTRING *out, const char *text,
			        size_t len, const char *who, int depth)
{
    char   *copy;
    int     status;

    if ((status = mac_exp_budget(mc, out)) != MAC_EXP_OK)
	return (status);
    /* Nested texts have their own limit, so that the stack stays small. */
    if (mc->nest >= MAC_EXP_MAX_DEPTH)
	return (mac_exp_error(mc, MAC_EXP_LOOP,
			      "unreasonable macro call nesting: \"%s\"", who));
    copy = mystrndup(text, len);
    mc->nest++;
    status = mac_exp_string(mc, out, copy, depth);
    mc->nest--;
    myfree(copy);
    return (status);
}

/* mac_exp_curly - find the {payload} that starts at cp; NULL if unbalanced */

static const char *mac_exp_curly(const char *cp)
{
    int     level = 0;

    for (; *cp; cp++) {
	if (*cp == '{')
	    level++;
	else if (*cp == '}' && --level == 0)
	    return (cp);
    }
    return (0);
}

/*
 * mac_exp_branch - the "?/: text" part after a name or a comparison.
 * cp points just after '?' or ':'. want: whether the first text applies.
 */
static int mac_exp_branch(MAC_EXP *mc, VSTRING *out, const char *cp, int op,
			          int want, const char *who, int depth)
{
    const char *p = mac_exp_skip(cp);
    const char *t1;
    const char *t1_end;
    const char *t2 = 0;
    const char *t2_end = 0;
    const char *e;

    if (*p != '{') {
	/* Bare text: everything up to the end, taken as written. */
	return (want ? mac_exp_text(mc, out, cp, strlen(cp), who, depth) : MAC_EXP_OK);
    }
    if ((e = mac_exp_curly(p)) == 0)
	return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			      "unbalanced {} in attribute expression: \"%s\"", p));
    t1 = p + 1;
    t1_end = e;
    p = mac_exp_skip(e + 1);
    if (*p != 0) {
	if (*p != ':' || op != '?')
	    return (mac_exp_context(mc, "\":\" expected", t1, e + 1, p, 20));
	cp = p + 1;
	p = mac_exp_skip(cp);
	if (*p == '{') {
	    if ((e = mac_exp_curly(p)) == 0)
		return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			   "unbalanced {} in attribute expression: \"%s\"", p));
	    t2 = p + 1;
	    t2_end = e;
	    p = mac_exp_skip(e + 1);
	    if (*p != 0)
		return (mac_exp_context(mc, "unexpected input", t2, e + 1, p, 20));
	} else {
	    t2 = cp;
	    t2_end = cp + strlen(cp);
	}
    }
    if (want)
	return (mac_exp_text(mc, out, t1, (size_t) (t1_end - t1), who, depth));
    if (t2 != 0)
	return (mac_exp_text(mc, out, t2, (size_t) (t2_end - t2), who, depth));
    return (MAC_EXP_OK);
}

/* mac_exp_level - parse a compatibility level: major[.minor[.patch]] */

static int mac_exp_level(const char *text, unsigned long level[3])
{
    const char *cp = mac_exp_skip(text);
    int     i;

    level[0] = level[1] = level[2] = 0;
    for (i = 0; i < 3; i++) {
	if (!MAC_DIGIT(*cp))
	    return (-1);
	for (; MAC_DIGIT(*cp); cp++) {
	    if (level[i] > (~0UL - 9) / 10)
		return (-1);
	    level[i] = level[i] * 10 + (unsigned long) (*cp - '0');
	}
	if (*cp == 0)
	    return (0);
	if (*cp != '.')
	    return (-1);
	cp++;
    }
    return (-1);
}

/* mac_exp_number - all-digit text to number; 0 if not all digits, -1 overflow */

static int mac_exp_number(const char *text, unsigned long *value)
{
    const char *cp;

    if (*text == 0)
	return (0);
    for (cp = text; *cp; cp++)
	if (!MAC_DIGIT(*cp))
	    return (0);
    for (*value = 0, cp = text; *cp; cp++) {
	if (*value > (~0UL >> 1) / 10 - 1)
	    return (-1);
	*value = *value * 10 + (unsigned long) (*cp - '0');
    }
    return (1);
}

static int mac_exp_order(unsigned long a, unsigned long b)
{
    return (a < b ? -1 : a > b ? 1 : 0);
}

/* mac_exp_compare - evaluate a relational operator on expanded operands */

static int mac_exp_compare(MAC_EXP *mc, const char *left, const char *op,
			           int is_level, const char *right, int *result)
{
    int     cmp;
    int     i;

    if (is_level) {
	unsigned long l[3];
	unsigned long r[3];

	if (mac_exp_level(left, l) < 0)
	    return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			 "malformed compatibility level syntax: \"%s\"", left));
	if (mac_exp_level(right, r) < 0)
	    return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			"malformed compatibility level syntax: \"%s\"", right));
	for (cmp = 0, i = 0; i < 3 && cmp == 0; i++)
	    cmp = mac_exp_order(l[i], r[i]);
    } else {
	unsigned long lv = 0;
	unsigned long rv = 0;
	int     ln = mac_exp_number(left, &lv);
	int     rn = mac_exp_number(right, &rv);

	if (ln < 0)
	    return (mac_exp_error(mc, MAC_EXP_SYNTAX,
				  "mac_exp_eval: bad conversion: %s", left));
	if (rn < 0)
	    return (mac_exp_error(mc, MAC_EXP_SYNTAX,
				  "mac_exp_eval: bad conversion: %s", right));
	if (ln > 0 && rn > 0)
	    cmp = mac_exp_order(lv, rv);
	else
	    cmp = strcmp(left, right);
    }
    if (strcmp(op, "==") == 0)
	*result = (cmp == 0);
    else if (strcmp(op, "!=") == 0)
	*result = (cmp != 0);
    else if (strcmp(op, "<") == 0)
	*result = (cmp < 0);
    else if (strcmp(op, "<=") == 0)
	*result = (cmp <= 0);
    else if (strcmp(op, ">") == 0)
	*result = (cmp > 0);
    else
	*result = (cmp >= 0);
    return (MAC_EXP_OK);
}

/* mac_exp_relational - ${{text} op {text} ...} */

static int mac_exp_relational(MAC_EXP *mc, VSTRING *out, const char *start,
			              int depth)
{
    static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">=", 0};
    const char *const *opp;
    const char *ls, *le, *rs, *re;
    const char *p, *q, *op_end;
    char    op[3];
    int     is_level = 0;
    int     result = 0;
    int     status;
    VSTRING *lval;
    VSTRING *rval;

    /* Left operand. The ${...} text is brace-balanced, so this succeeds. */
    if ((le = mac_exp_curly(start)) == 0)
	return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			  "unbalanced {} in attribute expression: \"%s\"", start));
    ls = start + 1;
    p = mac_exp_skip(le + 1);

    /* Operator, with an optional "level" suffix. */
    for (q = p; *q && strchr("=!<>", *q) != 0; q++)
	 /* void */ ;
    for (opp = ops; *opp; opp++)
	if (strlen(*opp) == (size_t) (q - p) && strncmp(*opp, p, (size_t) (q - p)) == 0)
	    break;
    if (*opp == 0)
	return (mac_exp_context(mc, "\"==\" or \"!=\"\" or \"<\"\" or \"<=\"\" or "
				"\">=\"\" or \">\" expected", ls, le + 1, p, 20));
    memcpy(op, p, (size_t) (q - p));
    op[q - p] = 0;
    if (isalpha((unsigned char) *q)) {
	const char *w = q;

	while (MAC_NAMECH(*q))
	    q++;
	if ((size_t) (q - w) != 5 || strncmp(w, "level", 5) != 0)
	    return (mac_exp_context(mc, "bad operator suffix", p, w, w, (int) (q - w)));
	is_level = 1;
    }
    op_end = q;

    /* Right operand. */
    p = mac_exp_skip(op_end);
    if (*p != '{')
	return (mac_exp_context(mc, "\"{expression}\" expected", start, op_end,
				op_end, 20));
    if ((re = mac_exp_curly(p)) == 0)
	return (mac_exp_error(mc, MAC_EXP_SYNTAX,
			      "unbalanced {} in attribute expression: \"%s\"", p));
    rs = p + 1;
    p = mac_exp_skip(re + 1);
    if (*p != 0 && *p != '?' && *p != ':')
	return (mac_exp_context(mc, "unexpected input", rs, re + 1, p, 20));

    /* Evaluate. */
    lval = vstring_alloc(32);
    rval = vstring_alloc(32);
    status = mac_exp_text(mc, lval, ls, (size_t) (le - ls), "{expression}", depth);
    if (status == MAC_EXP_OK)
	status = mac_exp_text(mc, rval, rs, (size_t) (re - rs), "{expression}", depth);
    if (status == MAC_EXP_OK)
	status = mac_exp_compare(mc, vstring_str(lval), op, is_level,
				 vstring_str(rval), &result);
    vstring_free(lval);
    vstring_free(rval);
    if (status != MAC_EXP_OK)
	return (status);
    if (*p == 0) {
	if (result)
	    vstring_strcat(out, "true");
	return (MAC_EXP_OK);
    }
    return (mac_exp_branch(mc, out, p + 1, *p, *p == '?' ? result : !result,
			   "{expression}", depth));
}

/* mac_exp_braced - the text between ${ and } (or $( and )) */

static int mac_exp_braced(MAC_EXP *mc, VSTRING *out, const char *content,
			          const char *pattern, int depth)
{
    const char *cp = mac_exp_skip(content);
    const char *name_end;
    const char *p;
    char   *name;
    const char *raw;
    int     status;
    int     set;

    if (*cp == '{')
	return (mac_exp_relational(mc, out, cp, depth));
    for (name_end = cp; MAC_NAMECH(*name_end); name_end++)
	 /* void */ ;
    if (name_end == cp)
	return (mac_exp_error(mc, MAC_EXP_SYNTAX, "empty macro name: \"%s\"", pattern));
    p = mac_exp_skip(name_end);
    if (*p != 0 && *p != '?' && *p != ':')
	return (mac_exp_context(mc, "attribute name syntax error", cp, name_end,
				name_end, 20));
    name = mystrndup(cp, (size_t) (name_end - cp));
    if (*p == 0) {
	status = mac_exp_value(mc, out, name, depth);
    } else if ((status = mac_exp_budget(mc, out)) == MAC_EXP_OK) {
	/* "Defined" means a non-empty raw value; it is not expanded. */
	raw = mc->lookup(name, mc->context);
	set = (raw != 0 && *raw != 0);
	status = mac_exp_branch(mc, out, p + 1, *p, *p == '?' ? set : !set,
				name, depth);
    }
    myfree(name);
    return (status);
}

/* mac_exp_string - expand one NUL-terminated pattern */

static int mac_exp_string(MAC_EXP *mc, VSTRING *out, const char *pattern, int depth)
{
    const char *cp = pattern;
    const char *end;
    const char *np;
    char   *tmp;
    int     status;
    int     level;
    char    open, close;

    while (*cp) {
	if (*cp != '$') {
	    size_t  span = strcspn(cp, "$");

	    vstring_memcat(out, cp, span);
	    cp += span;
	    if (vstring_len(out) - mc->base > MAC_EXP_MAX_LEN)
		return (mac_exp_error(mc, MAC_EXP_TOOBIG,
				      "macro expansion result too long"));
	    continue;
	}
	cp++;
	if (*cp == '$') {
	    vstring_addch(out, '$');
	    cp++;
	} else if (*cp == '{' || *cp == '(') {
	    open = *cp;
	    close = (open == '{') ? '}' : ')';
	    for (level = 1, end = cp + 1; *end; end++) {
		if (*end == open)
		    level++;
		else if (*end == close && --level == 0)
		    break;
	    }
	    if (*end == 0)
		return (mac_exp_error(mc, MAC_EXP_SYNTAX,
				"truncated macro reference: \"%s\"", pattern));
	    tmp = mystrndup(cp + 1, (size_t) (end - cp - 1));
	    status = mac_exp_braced(mc, out, tmp, pattern, depth);
	    myfree(tmp);
	    if (status != MAC_EXP_OK)
		return (status);
	    cp = end + 1;
	} else if (MAC_NAMECH(*cp)) {
	    for (np = cp; MAC_NAMECH(*cp); cp++)
		 /* void */ ;
	    tmp = mystrndup(np, (size_t) (cp - np));
	    status = mac_exp_value(mc, out, tmp, depth);
	    myfree(tmp);
	    if (status != MAC_EXP_OK)
		return (status);
	} else {
	    return (mac_exp_error(mc, MAC_EXP_SYNTAX,
				  "empty macro name: \"%s\"", pattern));
	}
    }
    return (MAC_EXP_OK);
}

int     mac_expand(VSTRING *out, const char *pattern, MAC_LOOKUP_FN lookup,
		           void *context, VSTRING *err)
{
    MAC_EXP mc;

    mc.lookup = lookup;
    mc.context = context;
    mc.err = err;
    mc.base = vstring_len(out);
    mc.work = 0;
    mc.nest = 0;
    return (mac_exp_string(&mc, out, pattern, 0));
}

/* mac_scan_text - report names referenced by text, to a bounded depth */

static void mac_scan_text(const char *cp, const char *limit,
		             void (*fn) (const char *, void *), void *ctx, int depth)
{
    const char *end;
    const char *np;
    char   *name;
    int     level;
    char    open, close;

    if (depth > MAC_EXP_MAX_DEPTH)
	return;
    while (cp < limit) {
	if (*cp++ != '$' || cp >= limit)
	    continue;
	if (*cp == '$') {
	    cp++;
	} else if (*cp == '{' || *cp == '(') {
	    open = *cp;
	    close = (open == '{') ? '}' : ')';
	    for (level = 1, end = cp + 1; end < limit; end++) {
		if (*end == open)
		    level++;
		else if (*end == close && --level == 0)
		    break;
	    }
	    if (end >= limit)
		return;
	    for (np = cp + 1; np < end && MAC_SPACE(*np); np++)
		 /* void */ ;
	    if (np < end && MAC_NAMECH(*np)) {
		const char *ne = np;

		while (ne < end && MAC_NAMECH(*ne))
		    ne++;
		name = mystrndup(np, (size_t) (ne - np));
		fn(name, ctx);
		myfree(name);
		np = ne;
	    }
	    mac_scan_text(np, end, fn, ctx, depth + 1);
	    cp = end + 1;
	} else if (MAC_NAMECH(*cp)) {
	    for (np = cp; cp < limit && MAC_NAMECH(*cp); cp++)
		 /* void */ ;
	    name = mystrndup(np, (size_t) (cp - np));
	    fn(name, ctx);
	    myfree(name);
	}
    }
}

void    mac_scan_names(const char *pattern,
		               void (*fn) (const char *name, void *ctx), void *ctx)
{
    mac_scan_text(pattern, pattern + strlen(pattern), fn, ctx, 0);
}
