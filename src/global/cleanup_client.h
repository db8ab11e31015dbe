#ifndef CLEANUP_CLIENT_H
#define CLEANUP_CLIENT_H
/*
 * NAME
 *	cleanup_client 3h
 * SUMMARY
 *	production driver of the cleanup conversation, receiving side
 * DESCRIPTION
 *	A receiving daemon's shim (smtpd, qmqpd) hands each CORE_ACT_REQUEST
 *	for CLEANUP_SERVICE to cleanup_client_request(). It speaks stock's
 *	stream protocol on $queue_directory/public/cleanup: OPEN connects,
 *	reads the queue id list and sends the flags; RECORDS writes the
 *	record bytes; CLOSE writes the END record and reads status and
 *	reason; ABORT drops the connection. For OPEN and CLOSE it returns 1
 *	and fills a CORE_EV_REPLY for the shim to feed back to its core;
 *	any failure there is a reply with a non-zero status (the core then
 *	answers with its temporary error). I/O blocks, bounded by the
 *	timeout, as stock's clients do on this local socket.
 */
#include "core.h"
#include "vstring.h"

typedef struct CLEANUP_CLIENT CLEANUP_CLIENT;

CLEANUP_CLIENT *cleanup_client_create(const char *queue_directory, int timeout_s);
void    cleanup_client_free(CLEANUP_CLIENT *client);
/* From queue_directory and ipc_timeout; a bad value is fatal. */
struct MAIL_CONF;
CLEANUP_CLIENT *cleanup_client_from_conf(struct MAIL_CONF *conf);

/* Returns 1 with *reply set (data in reply_data), 0 when no reply is due. */
int     cleanup_client_request(CLEANUP_CLIENT *client, const CORE_ACTION *act,
			               CORE_EVENT *reply, VSTRING *reply_data);

/*
 * For a shim built on mail_server(3): runs a cleanup request action and
 * feeds the reply, if any, back to the session. Returns 0 when act was
 * not a cleanup request (the caller handles it).
 */
struct MAIL_SERVER_SESSION;
int     cleanup_client_action(CLEANUP_CLIENT *client,
			              struct MAIL_SERVER_SESSION *handle,
			              const CORE_ACTION *act);

#endif
