#ifndef INPUT_TRANSP_H
#define INPUT_TRANSP_H
/*
 * NAME
 *	input_transp 3h
 * SUMMARY
 *	receive_override_options to cleanup flags
 * DESCRIPTION
 *	input_transp_cleanup() clears the CLEANUP_FLAG_* bits that the
 *	receive_override_options words turn off (no_address_mappings,
 *	no_header_body_checks, no_milters; no_unknown_recipient_checks
 *	concerns smtpd only and changes no flag). Returns 0, or -1 with a
 *	stock-worded complaint in err for an unknown word. Pure.
 */
#include "vstring.h"

int     input_transp_cleanup(const char *value, int *flags, VSTRING *err);

/*
 * The cleanup flags of a daemon that receives mail from outside
 * (CLEANUP_FLAG_MASK_EXTERNAL less what receive_override_options turns
 * off). Returns 0, or -1 with err set.
 */
struct MAIL_CONF;
int     input_transp_conf(struct MAIL_CONF *conf, int *flags, VSTRING *err);

#endif
