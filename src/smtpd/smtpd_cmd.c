/*
 * NAME
 *	smtpd_cmd 3
 * SUMMARY
 *	SMTP command line parsing
 * DESCRIPTION
 *	smtpd_cmd_split() cuts one command line into the verb (upper-cased
 *	for table lookup) and its argument text. smtpd_cmd_path() parses
 *	the MAIL FROM: / RCPT TO: argument: the keyword with its colon,
 *	optional white space (none when strict), the path (mail_addr.h)
 *	and the ESMTP parameters, split at white space and left for the
 *	caller to judge. smtpd_xtext_decode() undoes RFC 3461 xtext
 *	("+2B" for '+'), used by ENVID and ORCPT.
 */
#include <string.h>

#include "argv.h"
#include "mail_addr.h"
#include "mymalloc.h"
#include "stringops.h"
#include "vstring.h"
#include "smtpd/smtpd.h"

#define SMTPD_SPACE(c)	((c) == ' ' || (c) == '\t')

SMTPD_CMD *smtpd_cmd_create(void)
{
    SMTPD_CMD *cmd = mymalloc(sizeof(*cmd));

    cmd->verb = vstring_alloc(16);
    cmd->args = vstring_alloc(100);
    cmd->addr = vstring_alloc(100);
    cmd->params = argv_alloc(4);
    return (cmd);
}

void    smtpd_cmd_free(SMTPD_CMD *cmd)
{
    if (cmd == 0)
	return;
    vstring_free(cmd->verb);
    vstring_free(cmd->args);
    vstring_free(cmd->addr);
    argv_free(cmd->params);
    myfree(cmd);
}

int     smtpd_cmd_split(SMTPD_CMD *cmd, const char *line, size_t len)
{
    size_t  i = 0;
    size_t  end = len;

    vstring_reset(cmd->verb);
    vstring_reset(cmd->args);
    while (i < len && SMTPD_SPACE(line[i]))
	i++;
    while (i < len && !SMTPD_SPACE(line[i])) {
	char    ch = line[i++];

	vstring_addch(cmd->verb, (ch >= 'a' && ch <= 'z') ? ch - 'a' + 'A' : ch);
    }
    while (i < len && SMTPD_SPACE(line[i]))
	i++;
    while (end > i && SMTPD_SPACE(line[end - 1]))
	end--;
    vstring_memcpy(cmd->args, line + i, end - i);
    return (vstring_len(cmd->verb) > 0 ? 0 : -1);
}

int     smtpd_cmd_path(SMTPD_CMD *cmd, const char *keyword, bool strict)
{
    const char *args = vstring_str(cmd->args);
    size_t  len = vstring_len(cmd->args);
    size_t  klen = strlen(keyword);
    size_t  used;
    const char *cp;
    const char *end;

    argv_truncate(cmd->params, 0);
    vstring_reset(cmd->addr);
    if (len < klen || strncasecmp(args, keyword, klen) != 0)
	return (SMTPD_PATH_SYNTAX);
    args += klen;
    len -= klen;
    if (strict && len > 0 && SMTPD_SPACE(*args))
	return (SMTPD_PATH_BAD_ADDR);
    if (len == 0 || memchr(args, 0, len) != 0)
	return (len == 0 ? SMTPD_PATH_SYNTAX : SMTPD_PATH_BAD_ADDR);
    if (mail_addr_parse(args, len, strict ? MAIL_ADDR_FLAG_STRICT : 0,
			cmd->addr, &used) != MAIL_ADDR_OK)
	return (SMTPD_PATH_BAD_ADDR);
    for (cp = args + used, end = args + len; cp < end; /* void */ ) {
	const char *start;

	while (cp < end && SMTPD_SPACE(*cp))
	    cp++;
	for (start = cp; cp < end && !SMTPD_SPACE(*cp); cp++)
	     /* void */ ;
	if (cp > start)
	    argv_addn(cmd->params, start, (size_t) (cp - start));
    }
    return (SMTPD_PATH_OK);
}

void    smtpd_cmd_param(const char *param, VSTRING *name, const char **value)
{
    const char *eq = strchr(param, '=');

    vstring_reset(name);
    if (eq) {
	vstring_memcpy(name, param, (size_t) (eq - param));
	*value = eq + 1;
    } else {
	vstring_strcpy(name, param);
	*value = 0;
    }
}

static int smtpd_hex(int ch)
{
    if (ch >= '0' && ch <= '9')
	return (ch - '0');
    if (ch >= 'A' && ch <= 'F')
	return (ch - 'A' + 10);
    return (-1);
}

int     smtpd_xtext_decode(VSTRING *out, const char *in)
{
    const unsigned char *cp;

    vstring_reset(out);
    for (cp = (const unsigned char *) in; *cp; cp++) {
	if (*cp < 33 || *cp > 126 || *cp == '=')
	    return (-1);
	if (*cp == '+') {
	    int     hi, lo;

	    if ((hi = smtpd_hex(cp[1])) < 0 || (lo = smtpd_hex(cp[2])) < 0)
		return (-1);
	    vstring_addch(out, hi * 16 + lo);
	    cp += 2;
	} else {
	    vstring_addch(out, *cp);
	}
    }
    return (0);
}
