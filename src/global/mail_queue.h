#ifndef MAIL_QUEUE_H
#define MAIL_QUEUE_H
/*
 * NAME
 *	mail_queue 3h
 * SUMMARY
 *	queue names, queue ids, hashed queue paths, the SIZE record
 * DESCRIPTION
 *	Pure helpers for the queue layout shared by every program that
 *	touches the queue: the names of the queues, how a queue id is made
 *	from a time stamp and an inode number (short and long forms, as
 *	stock Postfix makes them), where a queue file lives under hashed
 *	subdirectories, and the fixed-width SIZE record at the start of a
 *	queue file. Nothing here touches the file system; queue_file.h
 *	does that.
 */
#include <stddef.h>
#include <stdint.h>
#include "vstring.h"

/* Queue names, relative to queue_directory. */
#define MAIL_QUEUE_MAILDROP	"maildrop"
#define MAIL_QUEUE_HOLD		"hold"
#define MAIL_QUEUE_INCOMING	"incoming"
#define MAIL_QUEUE_ACTIVE	"active"
#define MAIL_QUEUE_DEFERRED	"deferred"
#define MAIL_QUEUE_TRACE	"trace"
#define MAIL_QUEUE_DEFER	"defer"
#define MAIL_QUEUE_BOUNCE	"bounce"
#define MAIL_QUEUE_CORRUPT	"corrupt"
#define MAIL_QUEUE_FLUSH	"flush"
#define MAIL_QUEUE_SAVED	"saved"

/* File modes: being written, ready for the queue manager, quarantined. */
#define MAIL_QUEUE_STAT_START	0600
#define MAIL_QUEUE_STAT_READY	0700
#define MAIL_QUEUE_STAT_CORRUPT	0400
#define MAIL_QUEUE_DIR_MODE	0700	/* hashed subdirectories */

#define MAIL_QUEUE_NAME_MAX	100
#define MAIL_QUEUE_ID_MAX	255

/* The layout parameters (main.cf) that decide ids and paths. */
typedef struct MAIL_QUEUE_LAYOUT {
    const char *hash_queue_names;	/* "deferred, defer" (separators: space, tab, comma, CR, LF) */
    int     hash_queue_depth;		/* subdirectory levels, 1 by default */
    int     long_queue_ids;		/* enable_long_queue_ids */
} MAIL_QUEUE_LAYOUT;

/* Stock defaults: hash_queue_names = deferred, defer; depth 1; short ids. */
#define MAIL_QUEUE_LAYOUT_DEFAULT { "deferred, defer", 1, 0 }

/* Non-zero when name is a safe queue name (1..100 letters and digits). */
int     mail_queue_name_ok(const char *name);
/* Non-zero when id is a safe queue id (1..255 letters, digits, '_'). */
int     mail_queue_id_ok(const char *id);

/*
 * Queue id from the time (seconds, microseconds) and the inode number
 * of the queue file. Short: microseconds as five upper-case hex digits,
 * then the inode in hex. Long: seconds (six or more digits) and
 * microseconds (four digits) in base 52, 'z', the inode in base 51, over
 * digits and consonants. Replaces out's content; returns vstring_str(out).
 */
const char *mail_queue_id_short(VSTRING *out, long usec, uint64_t inum);
const char *mail_queue_id_long(VSTRING *out, int64_t sec, long usec, uint64_t inum);
const char *mail_queue_id_make(VSTRING *out, int long_ids, int64_t sec, long usec,
			               uint64_t inum);
/* Non-zero when id is in long form ('z' after ten or more characters). */
int     mail_queue_id_is_long(const char *id);
/* Decodes the inode number (either form); 0 on success, -1 if malformed. */
int     mail_queue_id_inum(const char *id, uint64_t *inum);

/*
 * "queue/" plus the hashed subdirectories ("queue/A/B/") when queue is
 * in layout->hash_queue_names (case-insensitive). Short ids hash on
 * their leading characters; long ids hash on their microseconds in
 * the short form's hex, so both forms spread alike. Missing characters
 * read as '_'. Returns vstring_str(out), or NULL for a bad name or id.
 */
const char *mail_queue_dir(VSTRING *out, const MAIL_QUEUE_LAYOUT *layout,
			           const char *queue, const char *id);
/* mail_queue_dir() followed by the id. */
const char *mail_queue_path(VSTRING *out, const MAIL_QUEUE_LAYOUT *layout,
			            const char *queue, const char *id);

/*
 * The SIZE record: six fixed-width (15) decimal fields separated by
 * spaces, patched in place when the file is complete.
 */
#define MAIL_QUEUE_SIZE_FIELDS	6
#define MAIL_QUEUE_SIZE_WIDTH	15
#define MAIL_QUEUE_SIZE_LEN	(MAIL_QUEUE_SIZE_FIELDS * (MAIL_QUEUE_SIZE_WIDTH + 1) - 1)
#define MAIL_QUEUE_SIZE_VALUE_MAX	999999999999999LL

typedef struct MAIL_QUEUE_SIZE {
    int64_t content_size;		/* bytes from the first content record to X */
    int64_t data_offset;		/* file offset of the first content record */
    int64_t rcpt_count;
    int64_t qmgr_flags;
    int64_t content_length;		/* message length as delivered */
    int64_t smtputf8;			/* SMTPUTF8 flags */
} MAIL_QUEUE_SIZE;

/* Writes exactly MAIL_QUEUE_SIZE_LEN bytes; values are clamped to 0..MAX. */
const char *mail_queue_size_format(VSTRING *out, const MAIL_QUEUE_SIZE *size);
/*
 * Parses 1..6 space-separated non-negative decimal fields (older files
 * have fewer); absent ones are 0. Returns the field count, -1 if bad.
 */
int     mail_queue_size_parse(const char *data, size_t len, MAIL_QUEUE_SIZE *size);

#endif
