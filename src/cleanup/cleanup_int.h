#ifndef CLEANUP_INT_H
#define CLEANUP_INT_H
/*
 * NAME
 *	cleanup_int 3h
 * SUMMARY
 *	cleanup core internals shared by its source files
 * DESCRIPTION
 *	cleanup_core.c runs the conversation and the file actions,
 *	cleanup_envelope.c handles envelope records and
 *	cleanup_message.c the content (headers and body).
 */
#include <stdbool.h>
#include <stdint.h>
#include "htable.h"
#include "header_opts.h"
#include "cleanup_proto.h"
#include "cleanup.h"

typedef enum CLEANUP_STATE {
    CLEANUP_S_IDLE,			/* waiting for OPEN */
    CLEANUP_S_CREATING,			/* CREATE sent */
    CLEANUP_S_OPEN,			/* reading records */
    CLEANUP_S_DONE,			/* replied or aborted */
} CLEANUP_STATE;

typedef enum CLEANUP_SECTION {
    CLEANUP_SEC_ENVELOPE,
    CLEANUP_SEC_CONTENT,
    CLEANUP_SEC_EXTRACTED,
} CLEANUP_SECTION;

/* Largest record we accept on the stream (bounds memory). */
#define CLEANUP_REC_LIMIT	(1024 * 1024)

struct CLEANUP_CORE {
    const CLEANUP_CONFIG *cfg;
    const CORE_ENV *env;
    REWRITE_ADDR_CONFIG rw;
    CLEANUP_STATE state;
    bool    have_req_id;
    uint64_t req_id;
    int64_t flags;			/* CLEANUP_FLAG_* from OPEN */
    uint64_t next_op_id;
    int     pending;			/* APPEND/PATCH results still due */
    uint64_t create_id;
    uint64_t commit_id;			/* 0 until COMMIT is sent */
    bool    file_open;			/* created, not committed or aborted */
    bool    closed;			/* CLOSE received */
    int     errs;			/* CLEANUP_STAT_* */
    char   *queue_id;
    int64_t ctime;			/* wall seconds at create */
    /* input */
    VSTRING *inbuf;			/* bytes of an incomplete record */
    CLEANUP_SECTION section;
    bool    size_written;
    bool    time_seen;
    bool    from_seen;
    /* output */
    VSTRING *obuf;			/* records to append in this call */
    VSTRING *patch;			/* final SIZE record */
    VSTRING *reply;
    int64_t offset;			/* file size including obuf */
    int64_t data_offset;		/* just after the MESG record */
    int64_t xtra_offset;		/* the XTRA record */
    long    rcpt_count;
    /* envelope */
    char   *sender;			/* rewritten, internal form */
    char   *fullname;
    int64_t arrival;			/* TIME seconds */
    REWRITE_ADDR_CONTEXT hdr_context;
    char   *pend_orcp;
    char   *pend_dsn_orcpt;
    long    pend_notify;		/* -1 = none */
    HTABLE *dups;
    /* content */
    bool    in_header;
    bool    line_open;			/* CONT pieces seen, NORM due */
    bool    line_is_body;		/* current long line passes through */
    VSTRING *line;			/* header-mode line being assembled */
    VSTRING *hdr;			/* logical header, lines joined by \n */
    void   *hdr_lines;			/* line ends in hdr (cleanup_message.c) */
    bool    hdr_trunc;
    uint64_t headers_seen;		/* 1 << HDR_TYPE */
    bool    resent;
    long    hops;
    bool    msgid_logged;
    VSTRING *tmp;
    VSTRING *tmp2;
};

/* cleanup_core.c */
void    cleanup_protocol_error(CLEANUP_CORE *core, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));

/* cleanup_envelope.c */
void    cleanup_envelope(CLEANUP_CORE *core, int type, const char *data, size_t len);
/* The final SIZE record, as wide as the placeholder. */
void    cleanup_envelope_size(CLEANUP_CORE *core, VSTRING *out);

/* cleanup_message.c */
void    cleanup_message(CLEANUP_CORE *core, int type, const char *data, size_t len);
void    cleanup_message_end(CLEANUP_CORE *core);
void    cleanup_message_init(CLEANUP_CORE *core);
void    cleanup_message_free(CLEANUP_CORE *core);

/* Writes one output record (skipped once the message is rejected). */
void    cleanup_out(CLEANUP_CORE *core, int type, const char *data, size_t len);

#endif
