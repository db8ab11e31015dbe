/*
 * NAME
 *	fuzz_smtp_cmd
 * SUMMARY
 *	libFuzzer harness for SMTP command lines and RFC 5321 paths
 * DESCRIPTION
 *	The input is one command line. It goes through smtpd_cmd_split(),
 *	then smtpd_cmd_path() with "FROM:" and "TO:", loose and strict,
 *	each parameter through smtpd_cmd_param() and smtpd_xtext_decode(),
 *	and the raw bytes through mail_addr_parse() directly. Checked: the
 *	verb is upper case without white space; a parsed path consumed no
 *	more than its input and is followed by white space or nothing;
 *	mail_addr_external() of a parsed address with a plain domain
 *	parses back to the same address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail_addr.h"
#include "vstring.h"
#include "smtpd/smtpd.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_check_path(SMTPD_CMD *cmd, const char *keyword, int strict,
			            VSTRING *name, VSTRING *xtext)
{
    size_t  i;
    const char *value;

    if (smtpd_cmd_path(cmd, keyword, strict) != SMTPD_PATH_OK)
	return;
    for (i = 0; i < cmd->params->argc; i++) {
	if (strpbrk(cmd->params->argv[i], " \t") != 0 || *cmd->params->argv[i] == 0)
	    abort();
	smtpd_cmd_param(cmd->params->argv[i], name, &value);
	if (value)
	    (void) smtpd_xtext_decode(xtext, value);
    }
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SMTPD_CMD *cmd = smtpd_cmd_create();
    VSTRING *name = vstring_alloc(10);
    VSTRING *xtext = vstring_alloc(10);
    VSTRING *addr = vstring_alloc(10);
    VSTRING *ext = vstring_alloc(10);
    VSTRING *back = vstring_alloc(10);
    const char *text = (const char *) data;
    const char *cp;
    size_t  used;

    if (smtpd_cmd_split(cmd, text, size) == 0) {
	for (cp = vstring_str(cmd->verb); *cp; cp++)
	    if ((*cp >= 'a' && *cp <= 'z') || *cp == ' ' || *cp == '\t')
		abort();
	fuzz_check_path(cmd, "FROM:", 0, name, xtext);
	fuzz_check_path(cmd, "TO:", 1, name, xtext);
    }
    if (mail_addr_parse(text, size, 0, addr, &used) == MAIL_ADDR_OK) {
	if (used > size || (used < size && text[used] != ' ' && text[used] != '\t'))
	    abort();
	const char *domain = mail_addr_domain(vstring_str(addr));

	/* Only the local part gets quoted: check plain domains only. */
	if (memchr(vstring_str(addr), 0, vstring_len(addr)) == 0
	    && (domain == 0 || strspn(domain, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == strlen(domain))) {
	    mail_addr_external(ext, vstring_str(addr));
	    vstring_strcpy(back, "<");
	    vstring_strcat(back, vstring_str(ext));
	    vstring_strcat(back, ">");
	    if (strchr(vstring_str(addr), '\\') == 0 && strchr(vstring_str(addr), '"') == 0
		&& mail_addr_parse(vstring_str(back), vstring_len(back), 0, ext, &used)
		== MAIL_ADDR_OK && *vstring_str(addr) != '@'
		&& strcmp(vstring_str(ext), vstring_str(addr)) != 0)
		abort();
	}
    }
    (void) mail_addr_parse(text, size, MAIL_ADDR_FLAG_STRICT, addr, &used);
    smtpd_cmd_free(cmd);
    vstring_free(name);
    vstring_free(xtext);
    vstring_free(addr);
    vstring_free(ext);
    vstring_free(back);
    return (0);
}
