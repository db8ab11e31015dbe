/*
 * NAME
 *	postconf_tls 3
 * SUMMARY
 *	postconf -T: facts about the TLS library this build uses
 * DESCRIPTION
 *	compile-version names the OpenSSL headers the program was built
 *	with, run-version the library it runs with, public-key-algorithms
 *	the certificate key types the TLS code accepts. An unknown mode is a
 *	warning and exit status 1, as stock.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "msg.h"
#include "postconf.h"

void    pcf_show_tls(const char *mode)
{
    if (strcmp(mode, "compile-version") == 0) {
	printf("%s\n", OPENSSL_VERSION_TEXT);
    } else if (strcmp(mode, "run-version") == 0) {
	printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
    } else if (strcmp(mode, "public-key-algorithms") == 0) {
	printf("dsa\necdsa\nrsa\n");
    } else {
	msg_warn("unknown 'postconf -T' mode: %s", mode);
	exit(1);
    }
}
