/*
 * NAME
 *	rewrite_addr 3
 * SUMMARY
 *	trivial rewriting of one address in a context
 * DESCRIPTION
 *	The rules and their order follow what stock trivial-rewrite 3.7.11
 *	answers to "rewrite" requests (see rewrite_addr.h). The domain is
 *	the text after the last "@", as in stock's internal form.
 */
#include <string.h>

#include "rewrite_addr.h"

/* Would this local part need quotes in external form? */
static bool rewrite_addr_needs_quote(const char *local, size_t len)
{
    size_t  i;
    unsigned char ch;

    for (i = 0; i < len; i++) {
	ch = (unsigned char) local[i];
	if (ch <= ' ' || ch == 0x7f || strchr("()<>,;:\\\"[]", ch) != 0)
	    return (true);
    }
    return (false);
}

int     rewrite_addr_context(const char *name)
{
    if (strcmp(name, "local") == 0)
	return (REWRITE_ADDR_LOCAL);
    if (strcmp(name, "remote") == 0)
	return (REWRITE_ADDR_REMOTE);
    return (-1);
}

const char *rewrite_addr(VSTRING *out, const REWRITE_ADDR_CONFIG *cfg,
			         REWRITE_ADDR_CONTEXT context, const char *addr)
{
    const char *at, *cp, *colon;
    const char *append_domain, *dot_domain;
    size_t  local_len, dlen;

    vstring_reset(out);
    if (*addr == 0)
	return (vstring_str(out));

    /* Source route: "@a,@b:user@c" -> "user@c". */
    if (addr[0] == '@' && (colon = strchr(addr, ':')) != 0)
	addr = colon + 1;

    if (context == REWRITE_ADDR_LOCAL) {
	append_domain = cfg->append_at_myorigin ? cfg->myorigin : "";
	dot_domain = cfg->append_dot_mydomain ? cfg->mydomain : "";
    } else {
	append_domain = cfg->remote_domain ? cfg->remote_domain : "";
	dot_domain = append_domain;
    }
    if (append_domain == 0)
	append_domain = "";
    if (dot_domain == 0)
	dot_domain = "";

    if ((at = strrchr(addr, '@')) == 0) {
	local_len = strlen(addr);
	if (!rewrite_addr_needs_quote(addr, local_len)) {
	    if (cfg->swap_bangpath && (cp = strchr(addr, '!')) != 0) {
		/* "a!b!c" -> local "b!c", domain "a". */
		vstring_strcpy(out, cp + 1);
		vstring_addch(out, '@');
		vstring_memcat(out, addr, (size_t) (cp - addr));
	    } else if (cfg->allow_percent_hack && (cp = strrchr(addr, '%')) != 0) {
		vstring_memcat(out, addr, (size_t) (cp - addr));
		vstring_addch(out, '@');
		vstring_strcat(out, cp + 1);
	    }
	}
	if (vstring_len(out) == 0) {
	    vstring_strcpy(out, addr);
	    if (*append_domain == 0)
		return (vstring_str(out));
	    vstring_addch(out, '@');
	    vstring_strcat(out, append_domain);
	}
    } else {
	vstring_strcpy(out, addr);
    }

    /* Now out holds "local@domain"; tidy the domain. */
    at = strrchr(vstring_str(out), '@');
    dlen = strlen(at + 1);
    if (dlen >= 2 && at[dlen] == '.' && at[dlen - 1] != '.')
	vstring_truncate(out, vstring_len(out) - 1);
    else if (dlen == 1 && at[1] == '.')
	vstring_truncate(out, vstring_len(out) - 1);
    at = strrchr(vstring_str(out), '@');
    if (at[1] != 0 && at[1] != '[' && strchr(at + 1, '.') == 0 && *dot_domain != 0) {
	vstring_addch(out, '.');
	vstring_strcat(out, dot_domain);
    }
    return (vstring_str(out));
}
