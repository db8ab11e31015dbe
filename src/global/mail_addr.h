#ifndef MAIL_ADDR_H
#define MAIL_ADDR_H
/*
 * NAME
 *	mail_addr 3h
 * SUMMARY
 *	RFC 5321 reverse-path and forward-path parsing
 * DESCRIPTION
 *	mail_addr_parse() reads one path from the argument of MAIL FROM: or
 *	RCPT TO:. Accepted: "<>", "<local@domain>", a quoted local part
 *	("<\"a b\"@example.com>"), a source route ("<@a,@b:user@c>", the
 *	route is dropped), and unless MAIL_ADDR_FLAG_STRICT a bare address
 *	without angle brackets, ended by white space, as stock smtpd
 *	accepts it. Leading white space is skipped. The result is the
 *	address in internal form: quotes and backslash escapes removed.
 *	*used is the number of input bytes read, so ESMTP parameters can
 *	be parsed from there; what follows the path must be end of input
 *	or white space.
 *
 *	mail_addr_external() quotes the local part of an internal-form
 *	address when it is not a dot-string, for headers and replies.
 *	mail_addr_domain() returns the text after the last '@', or NULL.
 *
 *	Pure: no I/O, no global state.
 */
#include <stddef.h>
#include "vstring.h"

#define MAIL_ADDR_FLAG_NONE	0
#define MAIL_ADDR_FLAG_STRICT	(1<<0)	/* angle brackets required */

#define MAIL_ADDR_OK		0
#define MAIL_ADDR_ERR_SYNTAX	(-1)

#define MAIL_ADDR_LEN_MAX	4096	/* longer paths are rejected */

int     mail_addr_parse(const char *text, size_t len, int flags, VSTRING *addr,
			        size_t *used);
void    mail_addr_external(VSTRING *out, const char *addr);
const char *mail_addr_domain(const char *addr);

#endif
