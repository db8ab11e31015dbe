#ifndef REC_TYPE_H
#define REC_TYPE_H
/*
 * NAME
 *	rec_type 3h
 * SUMMARY
 *	queue file and cleanup stream record types
 * DESCRIPTION
 *	One byte names each record. The values are stock Postfix's, so queue
 *	files and cleanup streams interoperate with stock tools (postcat).
 *	spec/queue-file.md documents what each record holds and where it may
 *	appear. Two types share 'L': the loop filter in the envelope and the
 *	long-line continuation in the content; the section decides.
 */
#define REC_TYPE_ERROR	(-2)		/* reader: malformed input */
#define REC_TYPE_EOF	(-1)		/* reader: clean end of input */

/* Checked against stock 3.7: every byte 0..255 through postcat -v. */

/* envelope */
#define REC_TYPE_SIZE	'C'		/* content sizes; first record of a queue file */
#define REC_TYPE_TIME	'T'		/* arrival time: "seconds microseconds" */
#define REC_TYPE_CTIME	'c'		/* file creation time */
#define REC_TYPE_FULL	'F'		/* sender full name */
#define REC_TYPE_INSP	'I'		/* content inspection transport */
#define REC_TYPE_FILT	'L'		/* loop filter transport (envelope only) */
#define REC_TYPE_FROM	'S'		/* envelope sender */
#define REC_TYPE_DONE	'D'		/* recipient already delivered */
#define REC_TYPE_DRCP	'/'		/* canceled recipient (duplicate); not '@' */
#define REC_TYPE_RCPT	'R'		/* recipient to deliver */
#define REC_TYPE_ORCP	'O'		/* original recipient */
#define REC_TYPE_WARN	'W'		/* time of the next delay warning */
#define REC_TYPE_ATTR	'A'		/* name=value attribute */
#define REC_TYPE_KILL	'K'		/* record killed in place */
#define REC_TYPE_RDR	'>'		/* redirect target */
#define REC_TYPE_FLGS	'f'		/* cleanup flags */
#define REC_TYPE_DELAY	'd'		/* delay on arrival; stock has no name for it */
#define REC_TYPE_VERP	'V'		/* VERP delimiters */
#define REC_TYPE_DSN_RET	'<'	/* DSN RET: full or headers */
#define REC_TYPE_DSN_ENVID	'i'	/* DSN ENVID */
#define REC_TYPE_DSN_ORCPT	'o'	/* DSN ORCPT of the next recipient */
#define REC_TYPE_DSN_NOTIFY	'n'	/* DSN NOTIFY of the next recipient */
#define REC_TYPE_MILT_COUNT	'm'	/* milter count; cleanup stream only, no name in stock */
#define REC_TYPE_PTR	'p'		/* pointer to a later record offset */

/* content */
#define REC_TYPE_MESG	'M'		/* start of content */
#define REC_TYPE_CONT	'L'		/* a piece of a line longer than a record */
#define REC_TYPE_NORM	'N'		/* a complete line (or the end of a long one) */
#define REC_TYPE_DTXT	'w'		/* padding */

/* extracted envelope, after the content */
#define REC_TYPE_XTRA	'X'		/* start of extracted information */
#define REC_TYPE_RRTO	'r'		/* Return-Receipt-To */
#define REC_TYPE_ERTO	'e'		/* Errors-To */
#define REC_TYPE_PRIO	'P'		/* priority */

#define REC_TYPE_END	'E'		/* end of the queue file, required */

/* Attribute names carried in REC_TYPE_ATTR records ("name=value"). */
#define MAIL_ATTR_ENCODING	"encoding"	/* 7bit, 8bit */
#define MAIL_ATTR_SMTPUTF8	"smtputf8"
#define MAIL_ATTR_LOG_CLIENT_NAME	"log_client_name"
#define MAIL_ATTR_LOG_CLIENT_ADDR	"log_client_address"
#define MAIL_ATTR_LOG_CLIENT_PORT	"log_client_port"
#define MAIL_ATTR_LOG_HELO_NAME	"log_helo_name"
#define MAIL_ATTR_LOG_PROTO_NAME	"log_protocol_name"
#define MAIL_ATTR_LOG_ORIGIN	"log_message_origin"
#define MAIL_ATTR_ACT_CLIENT_NAME	"client_name"
#define MAIL_ATTR_ACT_CLIENT_ADDR	"client_address"
#define MAIL_ATTR_ACT_CLIENT_PORT	"client_port"
#define MAIL_ATTR_ACT_HELO_NAME	"helo_name"
#define MAIL_ATTR_ACT_PROTO_NAME	"protocol_name"
#define MAIL_ATTR_RWR_CONTEXT	"rewrite_context"	/* local, remote */
#define MAIL_ATTR_SASL_METHOD	"sasl_method"
#define MAIL_ATTR_SASL_USERNAME	"sasl_username"
#define MAIL_ATTR_DSN_RET	"ret_flags"
#define MAIL_ATTR_DSN_ENVID	"envelope_id"
#define MAIL_ATTR_TRACE_FLAGS	"trace_flags"
/* Seen in stock queue files written by cleanup (tests/record/samples). */
#define MAIL_ATTR_CREATE_TIME	"create_time"	/* seconds; instead of REC_TYPE_CTIME */
#define MAIL_ATTR_LOG_IDENT	"log_ident"	/* the queue id for logging */
#define MAIL_ATTR_DSN_ORCPT	"dsn_orig_rcpt"	/* "type;address", before O and R */
#define MAIL_ATTR_ACT_REVERSE_CLIENT_NAME	"reverse_client_name"
#define MAIL_ATTR_ACT_SERVER_ADDR	"server_address"
#define MAIL_ATTR_ACT_SERVER_PORT	"server_port"
#define MAIL_ATTR_ACT_CLIENT_AF	"client_address_type"	/* 2 = IPv4, 10 = IPv6 */

#endif
