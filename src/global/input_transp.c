/*
 * NAME
 *	input_transp 3
 * SUMMARY
 *	receive_override_options to cleanup flags
 * DESCRIPTION
 *	See input_transp.h. Shared by every daemon that hands mail to
 *	cleanup (smtpd, qmqpd, later pickup).
 */
#include "argv.h"
#include "stringops.h"
#include "mail_conf.h"
#include "mail_params.h"
#include "cleanup_proto.h"
#include "input_transp.h"

int     input_transp_cleanup(const char *value, int *flags, VSTRING *err)
{
    ARGV   *words = argv_split(value, ", \t\r\n");
    size_t  i;
    int     status = 0;

    for (i = 0; i < words->argc; i++) {
	const char *w = words->argv[i];

	if (strcaseeq(w, "no_unknown_recipient_checks")) {
	     /* smtpd's recipient validation; no cleanup flag */ ;
	} else if (strcaseeq(w, "no_address_mappings")) {
	    *flags &= ~(CLEANUP_FLAG_BCC_OK | CLEANUP_FLAG_MAP_OK);
	} else if (strcaseeq(w, "no_header_body_checks")) {
	    *flags &= ~CLEANUP_FLAG_FILTER;
	} else if (strcaseeq(w, "no_milters")) {
	    *flags &= ~CLEANUP_FLAG_MILTER;
	} else {
	    vstring_sprintf(err, "unknown receive_override_options value \"%s\" in \"%s\"",
			    w, value);
	    status = -1;
	    break;
	}
    }
    argv_free(words);
    return (status);
}

int     input_transp_conf(MAIL_CONF *conf, int *flags, VSTRING *err)
{
    const char *value = mail_conf_expand(conf, VAR_RECEIVE_OVERRIDE_OPTIONS, err);

    if (value == 0)
	return (-1);
    *flags = CLEANUP_FLAG_MASK_EXTERNAL;
    return (input_transp_cleanup(value, flags, err));
}
