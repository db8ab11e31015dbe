#ifndef CLEANUP_H
#define CLEANUP_H
/*
 * NAME
 *	cleanup 3h
 * SUMMARY
 *	cleanup(8) core: one message conversation as a state machine
 * DESCRIPTION
 *	A cleanup core takes one conversation (src/global/cleanup_proto.h)
 *	from a receiving core and turns it into a queue file in "incoming"
 *	through CORE_ACT_FILE_OP actions, answering OPEN with the queue id
 *	and CLOSE with a CLEANUP_STAT_* status once the file is committed.
 *
 *	File actions: CREATE (target "incoming"; the result's data is the
 *	new queue id), then APPEND (data = record bytes), PATCH (arg = file
 *	offset, data = bytes to overwrite: the final SIZE record), COMMIT
 *	and, on failure, ABORT; all but CREATE carry the queue id as
 *	target. Every file action has its own id, answered by one
 *	CORE_EV_FILE_RESULT with that id (status 0 = done, else an errno).
 *	COMMIT is issued only after every earlier file action succeeded,
 *	and the CLOSE reply only after COMMIT succeeded; after it comes a
 *	CORE_ACT_REQUEST to "qmgr" (data "I": scan incoming).
 *
 *	cleanup_config_load() builds the configuration from a MAIL_CONF;
 *	cleanup_config_defaults() gives stock's defaults with the given
 *	host names (tests, fuzzing).
 */
#include <stdbool.h>
#include "core.h"
#include "argv.h"
#include "mail_conf.h"
#include "rewrite_addr.h"

typedef struct CLEANUP_CONFIG {
    const char *myhostname;
    const char *myorigin;
    const char *mydomain;
    const char *remote_header_rewrite_domain;
    bool    append_at_myorigin;
    bool    append_dot_mydomain;
    bool    swap_bangpath;
    bool    allow_percent_hack;
    bool    always_add_missing_headers;
    bool    enable_original_recipient;
    const char *empty_address_recipient;
    const char *undisclosed_recipients_header;	/* "" = do not add */
    long    message_size_limit;		/* bytes; 0 = no limit */
    long    header_size_limit;		/* bytes per header */
    long    hopcount_limit;		/* Received: + Delivered-To: */
    long    duplicate_filter_limit;	/* recipients remembered; 0 = none */
    ARGV   *message_drop_headers;	/* lower-case names */
    int     tz_offset_minutes;		/* Date: header zone */
    const char *tz_name;		/* "(UTC)" text; NULL = omit */
    ARGV   *strings;
} CLEANUP_CONFIG;

#define CLEANUP_QMGR_SERVICE	"qmgr"
#define CLEANUP_QMGR_TRIGGER	"I"	/* stock's "scan incoming" request */
#define CLEANUP_QUEUE_INCOMING	"incoming"

/* Loader: NULL with a stock-style complaint in err on a bad value. */
CLEANUP_CONFIG *cleanup_config_load(MAIL_CONF *conf, VSTRING *err);
CLEANUP_CONFIG *cleanup_config_defaults(const char *myhostname, const char *mydomain);
void    cleanup_config_free(CLEANUP_CONFIG *cfg);
/* The rewriting part of the configuration. */
void    cleanup_config_rewrite(const CLEANUP_CONFIG *cfg, REWRITE_ADDR_CONFIG *rw);

typedef struct CLEANUP_CORE CLEANUP_CORE;

CLEANUP_CORE *cleanup_core_create(const CLEANUP_CONFIG *cfg, const CORE_ENV *env);
void    cleanup_core_event(CLEANUP_CORE *core, const CORE_EVENT *ev, CORE_OUTBOX *out);
void    cleanup_core_free(CLEANUP_CORE *core);

/* Conversation finished: replied to CLOSE, or aborted, and no file left open. */
bool    cleanup_core_done(const CLEANUP_CORE *core);
/* Queue id, "" before the file exists. */
const char *cleanup_core_queue_id(const CLEANUP_CORE *core);

/*
 * cleanup_wire.c: the core behind stock's stream protocol (attribute
 * lists and records on one socket). Events are the connection's; the
 * outbox gets SEND/CLOSE for the client plus the core's FILE_OP and
 * qmgr REQUEST actions.
 */
typedef struct CLEANUP_WIRE CLEANUP_WIRE;

CLEANUP_WIRE *cleanup_wire_create(const CLEANUP_CONFIG *cfg, const CORE_ENV *env);
void    cleanup_wire_event(CLEANUP_WIRE *wire, const CORE_EVENT *ev, CORE_OUTBOX *out);
int     cleanup_wire_done(const CLEANUP_WIRE *wire);
const char *cleanup_wire_queue_id(const CLEANUP_WIRE *wire);
void    cleanup_wire_free(CLEANUP_WIRE *wire);

#endif
