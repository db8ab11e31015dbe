#ifndef ATTR_H
#define ATTR_H
/*
 * NAME
 *	attr 3h
 * SUMMARY
 *	attribute lists for inter-daemon requests
 * DESCRIPTION
 *	Daemons talk over local sockets in attribute lists, stock Postfix's
 *	default ("zero-terminated") style: each attribute is its name, a NUL,
 *	its value, a NUL; an empty name (a lone NUL) ends the list. Numbers
 *	are unsigned decimal text, binary data is base64 text, strings are
 *	sent as they are (they cannot hold a NUL). spec/requests.md lists
 *	every request and its attributes.
 *
 *	The encoder appends to a VSTRING. The decoder is strict and driven
 *	by a schema: an attribute the schema does not name, a duplicate, a
 *	required attribute that is missing, a malformed number or base64
 *	text, an over-long name or value, too many attributes and a list
 *	cut short are errors with a message that names the attribute. The
 *	order of attributes within a list is not significant.
 *
 *	ATTR_SCANNER is the incremental form for streams: feed it bytes in
 *	any split, it reports when one complete list is decoded and how
 *	many bytes that took, so the caller can hand the rest of its input
 *	to whatever follows the list. Everything here is pure.
 */
#include <stddef.h>
#include "vstring.h"

typedef enum ATTR_TYPE {
    ATTR_TYPE_END,			/* ends a schema */
    ATTR_TYPE_STR,			/* text without NUL */
    ATTR_TYPE_INT,			/* unsigned int, decimal */
    ATTR_TYPE_LONG,			/* unsigned long, decimal */
    ATTR_TYPE_DATA,			/* bytes, base64 on the wire */
} ATTR_TYPE;

#define ATTR_FLAG_REQUIRED	0	/* the list must carry it */
#define ATTR_FLAG_OPTIONAL	(1<<0)	/* it may be absent */

/* One expected attribute; a schema ends with type ATTR_TYPE_END. */
typedef struct ATTR_SPEC {
    const char *name;
    ATTR_TYPE type;
    int     flags;			/* ATTR_FLAG_* */
    const char *expect;			/* STR: the value must be this, or NULL */
} ATTR_SPEC;

/* Limits on what a peer may send; zero fields take the defaults. */
typedef struct ATTR_LIMITS {
    size_t  name_max;			/* bytes in a name */
    size_t  value_max;			/* bytes in a value as sent */
    size_t  count_max;			/* attributes in one list */
} ATTR_LIMITS;

#define ATTR_NAME_MAX_DEFAULT	100
#define ATTR_VALUE_MAX_DEFAULT	(64 * 1024)
#define ATTR_COUNT_MAX_DEFAULT	256

typedef enum ATTR_STATUS {
    ATTR_OK,				/* one complete list decoded */
    ATTR_NEED_MORE,			/* all input used, list not complete */
    ATTR_ERROR,				/* err says what; the scanner stays failed */
} ATTR_STATUS;

/* Encoder: one call per attribute, then attr_print_end(). */
void    attr_print_str(VSTRING *out, const char *name, const char *value);
void    attr_print_int(VSTRING *out, const char *name, unsigned value);
void    attr_print_long(VSTRING *out, const char *name, unsigned long value);
void    attr_print_data(VSTRING *out, const char *name, const void *data, size_t len);
void    attr_print_end(VSTRING *out);

/* Decoded values of one list, in schema order. */
typedef struct ATTR_LIST ATTR_LIST;

ATTR_LIST *attr_list_create(const ATTR_SPEC *schema);
void    attr_list_free(ATTR_LIST *list);	/* NULL is fine */
void    attr_list_reset(ATTR_LIST *list);	/* forget all values */
int     attr_list_has(const ATTR_LIST *list, const char *name);
/* STR value, or NULL when absent (or not a schema name). */
const char *attr_list_str(const ATTR_LIST *list, const char *name);
/* DATA value (decoded), or NULL when absent. */
const char *attr_list_data(const ATTR_LIST *list, const char *name, size_t *len);
/* INT or LONG value, or def when absent. */
unsigned long attr_list_num(const ATTR_LIST *list, const char *name, unsigned long def);

/*
 * Whole-buffer decoding: the list must start at buf and end within len
 * bytes; *consumed is set on ATTR_OK. A list cut short is an error.
 */
ATTR_STATUS attr_scan(ATTR_LIST *list, const char *buf, size_t len,
		              const ATTR_LIMITS *limits, size_t *consumed, VSTRING *err);

/* Incremental decoding. */
typedef struct ATTR_SCANNER ATTR_SCANNER;

ATTR_SCANNER *attr_scanner_create(const ATTR_SPEC *schema, const ATTR_LIMITS *limits);
void    attr_scanner_free(ATTR_SCANNER *scanner);

/*
 * Feeds len bytes; *used is how many were taken. ATTR_OK: a list is
 * complete (attr_scanner_list), bytes after *used were not looked at;
 * the next feed starts a new list. ATTR_NEED_MORE: *used == len.
 */
ATTR_STATUS attr_scanner_feed(ATTR_SCANNER *scanner, const char *buf, size_t len,
			              size_t *used, VSTRING *err);
/* The peer closed: ATTR_OK only between lists, else a truncation error. */
ATTR_STATUS attr_scanner_eof(ATTR_SCANNER *scanner, VSTRING *err);
const ATTR_LIST *attr_scanner_list(const ATTR_SCANNER *scanner);

/*
 * The cleanup conversation on the wire (spec/requests.md), with stock's
 * attribute names: cleanup announces itself and the queue id, the client
 * sends its flags, and after the records cleanup sends status and reason.
 */
#define ATTR_NAME_PROTOCOL	"protocol"
#define ATTR_NAME_QUEUE_ID	"queue_id"
#define ATTR_NAME_FLAGS		"flags"
#define ATTR_NAME_STATUS	"status"
#define ATTR_NAME_REASON	"reason"
#define ATTR_PROTO_CLEANUP	"cleanup_protocol"

extern const ATTR_SPEC attr_cleanup_open_reply[];	/* protocol, queue_id */
extern const ATTR_SPEC attr_cleanup_open_request[];	/* flags */
extern const ATTR_SPEC attr_cleanup_close_reply[];	/* status, reason */

/* base64 as stock encodes data attributes (RFC 4648, with padding). */
void    attr_base64_encode(VSTRING *out, const void *data, size_t len);
int     attr_base64_decode(VSTRING *out, const char *text, size_t len);	/* -1 bad */

#endif
