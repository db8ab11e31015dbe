#ifndef CLEANUP_PROTO_H
#define CLEANUP_PROTO_H
/*
 * NAME
 *	cleanup_proto 3h
 * SUMMARY
 *	the request stream from a receiving core to cleanup(8)
 * DESCRIPTION
 *	A receiving core (smtpd, qmqpd, later pickup) hands one message to
 *	cleanup as a short conversation of CORE_ACT_REQUEST actions with
 *	target CLEANUP_SERVICE; the driver (production shim or simnet)
 *	delivers each to the cleanup core as a CORE_EV_REQUEST with the same
 *	id, op, arg, data and len, and cleanup's CORE_ACT_REPLY comes back
 *	to the receiving core as CORE_EV_REPLY (same id, status, data).
 *
 *	CLEANUP_REQ_OPEN	arg = CLEANUP_FLAG_* bits. Reply: status 0 and
 *				data = the queue id, or status != 0 (the
 *				receiver answers 451 4.3.0).
 *	CLEANUP_REQ_RECORDS	data/len = one or more whole records in
 *				queue-file format (record.h): the envelope
 *				(REC_TYPE_TIME, REC_TYPE_ATTR..., REC_TYPE_FROM,
 *				per recipient optional REC_TYPE_DSN_ORCPT /
 *				REC_TYPE_DSN_NOTIFY then REC_TYPE_RCPT), then
 *				REC_TYPE_MESG and the content as REC_TYPE_NORM /
 *				REC_TYPE_CONT lines without line ends, then
 *				REC_TYPE_XTRA. No reply.
 *	CLEANUP_REQ_CLOSE	the receiver is done (the driver writes
 *				REC_TYPE_END on a real stream). Reply: status =
 *				CLEANUP_STAT_* bits (0 = the queue file is
 *				durable), data = a reason text or "".
 *	CLEANUP_REQ_ABORT	the receiver gives up (client gone, RSET
 *				during data). No reply; cleanup removes its
 *				incomplete file.
 *
 *	Requests with the same id form one conversation; a receiving core
 *	uses a new id for every message. On the wire (production) the
 *	conversation is stock's: connect to private/cleanup, read the queue
 *	id attribute, write the records, write REC_TYPE_END, read status and
 *	reason attributes.
 */

#define CLEANUP_SERVICE	"cleanup"

typedef enum CLEANUP_REQ {
    CLEANUP_REQ_OPEN = 1,
    CLEANUP_REQ_RECORDS,
    CLEANUP_REQ_CLOSE,
    CLEANUP_REQ_ABORT,
} CLEANUP_REQ;

/* CLEANUP_REQ_OPEN flags (stock's values). */
#define CLEANUP_FLAG_NONE	0
#define CLEANUP_FLAG_BOUNCE	(1<<0)	/* bounce bad mail instead of rejecting */
#define CLEANUP_FLAG_FILTER	(1<<1)	/* run header/body checks */
#define CLEANUP_FLAG_HOLD	(1<<2)	/* put message on hold */
#define CLEANUP_FLAG_DISCARD	(1<<3)	/* discard message silently */
#define CLEANUP_FLAG_BCC_OK	(1<<4)	/* always_bcc and friends */
#define CLEANUP_FLAG_MAP_OK	(1<<5)	/* canonical, virtual, masquerade */
#define CLEANUP_FLAG_MILTER	(1<<6)	/* run milters */
#define CLEANUP_FLAG_SMTP_REPLY	(1<<7)	/* want SMTP-style reply text */
#define CLEANUP_FLAG_SMTPUTF8	(1<<8)	/* SMTPUTF8 requested */
#define CLEANUP_FLAG_AUTOUTF8	(1<<9)	/* autodetect SMTPUTF8 */
#define CLEANUP_FLAG_MASK_EXTERNAL \
	(CLEANUP_FLAG_FILTER | CLEANUP_FLAG_MILTER | CLEANUP_FLAG_BCC_OK | CLEANUP_FLAG_MAP_OK)
#define CLEANUP_FLAG_MASK_INTERNAL	CLEANUP_FLAG_MAP_OK

/* CLEANUP_REQ_CLOSE status bits (stock's values). */
#define CLEANUP_STAT_OK		0
#define CLEANUP_STAT_BAD	(1<<0)	/* internal protocol error */
#define CLEANUP_STAT_WRITE	(1<<1)	/* error writing the queue file */
#define CLEANUP_STAT_SIZE	(1<<2)	/* message too large */
#define CLEANUP_STAT_CONT	(1<<3)	/* content rejected */
#define CLEANUP_STAT_HOPS	(1<<4)	/* too many hops */
#define CLEANUP_STAT_RCPT	(1<<6)	/* no recipients */
#define CLEANUP_STAT_PROXY	(1<<7)	/* proxy reject */
#define CLEANUP_STAT_DEFER	(1<<8)	/* temporary reject */
#define CLEANUP_STAT_NOPERM	(1<<9)	/* denied by non-content policy */

#endif
