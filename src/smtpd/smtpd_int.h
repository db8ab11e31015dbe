#ifndef SMTPD_INT_H
#define SMTPD_INT_H
/*
 * NAME
 *	smtpd_int 3h
 * SUMMARY
 *	smtpd core internals shared by the core's files
 * DESCRIPTION
 *	The connection object and the calls between the session machinery
 *	(smtpd_core.c) and the commands (smtpd_proto.c, smtpd_xclient.c). Not for use
 *	outside src/smtpd.
 */
#include "smtpd/smtpd.h"

typedef enum SMTPD_STATE {
    SMTPD_ST_INIT,			/* before CORE_EV_START */
    SMTPD_ST_CMD,			/* reading command lines */
    SMTPD_ST_DATA,			/* reading DATA content */
    SMTPD_ST_BDAT,			/* reading a BDAT chunk */
    SMTPD_ST_OPENING,			/* waiting for cleanup's queue id */
    SMTPD_ST_CLOSING,			/* waiting for cleanup's status */
    SMTPD_ST_DONE,			/* closed */
} SMTPD_STATE;

/* Commands with statistics, in the order of stock's disconnect line. */
typedef enum SMTPD_CMD_ID {
    SMTPD_C_HELO, SMTPD_C_EHLO, SMTPD_C_XCLIENT, SMTPD_C_XFORWARD, SMTPD_C_STARTTLS, SMTPD_C_AUTH, SMTPD_C_MAIL,
    SMTPD_C_RCPT, SMTPD_C_DATA, SMTPD_C_BDAT, SMTPD_C_RSET, SMTPD_C_NOOP,
    SMTPD_C_VRFY, SMTPD_C_ETRN, SMTPD_C_QUIT, SMTPD_C_COUNT,
} SMTPD_CMD_ID;

#define SMTPD_DONE_OK	0		/* command outcomes */
#define SMTPD_DONE_ERR	(-1)
#define SMTPD_PENDING	1		/* the reply comes later */

struct SMTPD_CORE {
    const SMTPD_CONFIG *config;
    const CORE_ENV *env;
    char   *name;
    char   *reverse_name;
    char   *addr;
    char   *rfc_addr;			/* "IPv6:" prefixed when needed */
    char   *port;
    char   *server_addr;
    char   *server_port;
    int     addr_family;
    bool    rewrite_local;
    char   *namaddr;			/* name[addr] or name[addr]:port */
    void    (*format_date) (void *, int64_t, VSTRING *);
    void   *date_ctx;

    SMTPD_STATE state;
    SMTPD_CMD *cmd;
    VSTRING *in;			/* unread client bytes from in_off */
    size_t  in_off;
    bool    peer_eof;
    bool    skip_line;			/* rest of an over-long command line */
    VSTRING *out;			/* replies of this event */
    VSTRING *rec;			/* records of this event */
    bool    rec_sent;
    core_time_ms deadline;
    bool    sleeping;			/* an error reply waits for the timer */
    VSTRING *delayed;			/* ... this one */
    bool    closing;			/* disconnect once the replies are out */
    VSTRING *reply;			/* scratch */
    VSTRING *scratch;
    const char *where;			/* last command, for logs */
    int     stat_ok[SMTPD_C_COUNT];
    int     stat_all[SMTPD_C_COUNT];
    int     unknown_count;
    long    error_count;
    long    junk_count;			/* NOOP, VRFY, ETRN, RSET so far */

    /* XFORWARD: the original client of a trusted proxy, for logging. */
    bool    xf_active;			/* an XFORWARD came in this transaction */
    char   *xf_name;
    char   *xf_addr;
    char   *xf_port;
    char   *xf_helo;
    char   *xf_proto;
    char   *xf_ident;
    int     xf_source;			/* -1 unset, 0 remote, 1 local */

    /* Session. */
    char   *helo;
    const char *protocol;		/* SMTP or ESMTP */

    /* Mail transaction. */
    char   *sender;			/* NULL = no MAIL yet */
    size_t  rcpt_count;
    char   *first_rcpt;
    char   *encoding;			/* BODY=, lower case, or NULL */
    char   *envid;
    int     ret_flags;
    bool    smtputf8;
    size_t  decl_size;			/* MAIL FROM SIZE= */
    uint64_t id_seq;
    uint64_t cleanup_id;
    bool    cleanup_open;
    char   *queue_id;
    SMTPD_CMD_ID pending;		/* command waiting for cleanup */
    char   *pending_rcpt;
    char   *pending_orcpt;
    int     pending_notify;

    /* Content. */
    bool    content_started;		/* MESG and Received: written */
    bool    first_line;
    bool    prev_crlf;			/* the last line ended in CRLF */
    bool    in_long;			/* the last record was REC_TYPE_CONT */
    size_t  msg_size;
    int     data_err;			/* CLEANUP_STAT_* found on our side */
    bool    bdat_used;
    bool    bdat_last;
    bool    bdat_discard;		/* chunk of a refused BDAT */
    bool    bdat_failed;		/* later chunks are discarded */
    size_t  bdat_left;
    size_t  bdat_chunk;			/* size of the current chunk */
    VSTRING *line;			/* BDAT partial line */
};

/* smtpd_core.c */
void    smtpd_timer(SMTPD_CORE *, CORE_OUTBOX *, core_time_ms);
void    smtpd_request(SMTPD_CORE *, CORE_OUTBOX *, int, int64_t, const char *, size_t);
void    smtpd_flush_records(SMTPD_CORE *, CORE_OUTBOX *);
void    smtpd_abort(SMTPD_CORE *, CORE_OUTBOX *);
void    smtpd_reply(SMTPD_CORE *, core_time_ms, CORE_OUTBOX *, const char *,...)
	__attribute__((format(printf, 4, 5)));
void    smtpd_done(SMTPD_CORE *, SMTPD_CMD_ID, int, core_time_ms, CORE_OUTBOX *);
void    smtpd_reset(SMTPD_CORE *, CORE_OUTBOX *);
void    smtpd_open(SMTPD_CORE *, SMTPD_CMD_ID, CORE_OUTBOX *);

/* smtpd_xclient.c */
bool    smtpd_xclient_allowed(const SMTPD_CORE *);
int     smtpd_cmd_xclient(SMTPD_CORE *, core_time_ms, CORE_OUTBOX *);
int     smtpd_cmd_xforward(SMTPD_CORE *, core_time_ms, CORE_OUTBOX *);
bool    smtpd_xforward_allowed(const SMTPD_CORE *core);
void    smtpd_xforward_reset(SMTPD_CORE *core);

/* smtpd_proto.c */
void    smtpd_command(SMTPD_CORE *, const char *, size_t, core_time_ms, CORE_OUTBOX *);
void    smtpd_write_rcpt(SMTPD_CORE *, const char *, const char *, int);
void    smtpd_bare_lf(SMTPD_CORE *, core_time_ms, CORE_OUTBOX *);
void    smtpd_data_line(SMTPD_CORE *, const char *, size_t, bool, bool, core_time_ms,
			        CORE_OUTBOX *);
void    smtpd_bdat_bytes(SMTPD_CORE *, const char *, size_t);
void    smtpd_bdat_done(SMTPD_CORE *, core_time_ms, CORE_OUTBOX *);

#endif
