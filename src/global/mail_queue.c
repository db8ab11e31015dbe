/*
 * NAME
 *	mail_queue 3
 * SUMMARY
 *	queue names, queue ids, hashed queue paths, the SIZE record
 * DESCRIPTION
 *	See mail_queue.h. The long-id alphabet leaves out vowels so that an
 *	id never spells a word; the inode part leaves out 'z' as well, which
 *	makes the last 'z' of a long id the time/inode separator.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mail_queue.h"

static const char mq_alphabet[] =
"0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";

#define MQ_LG_SEC_BASE	52
#define MQ_LG_SEC_PAD	6
#define MQ_LG_USEC_BASE	52
#define MQ_LG_USEC_PAD	4
#define MQ_LG_INUM_BASE	51
#define MQ_LG_INUM_SEP	'z'
#define MQ_SH_USEC_PAD	5

int     mail_queue_name_ok(const char *name)
{
    const char *cp;

    if (name == 0 || *name == 0 || strlen(name) > MAIL_QUEUE_NAME_MAX)
	return (0);
    for (cp = name; *cp; cp++)
	if (!isalnum((unsigned char) *cp))
	    return (0);
    return (1);
}

int     mail_queue_id_ok(const char *id)
{
    const char *cp;

    if (id == 0 || *id == 0 || strlen(id) > MAIL_QUEUE_ID_MAX)
	return (0);
    for (cp = id; *cp; cp++)
	if (!isalnum((unsigned char) *cp) && *cp != '_')
	    return (0);
    return (1);
}

static long mq_clamp_usec(long usec)
{
    return (usec < 0 ? 0 : usec > 999999 ? 999999 : usec);
}

/* Appends val in base (most significant first), at least pad digits. */
static void mq_encode(VSTRING *out, uint64_t val, unsigned base, int pad)
{
    char    digits[72];
    int     n = 0;

    do {
	digits[n++] = mq_alphabet[val % base];
	val /= base;
    } while (val != 0);
    while (n < pad)
	digits[n++] = '0';
    while (n > 0)
	vstring_addch(out, digits[--n]);
}

static int mq_decode_with(const char *alpha, const char *str, size_t len,
			          unsigned base, uint64_t *val)
{
    uint64_t acc = 0;
    const char *pos;
    size_t  i;

    if (len == 0)
	return (-1);
    for (i = 0; i < len; i++) {
	if (str[i] == 0 || (pos = memchr(alpha, str[i], base)) == 0)
	    return (-1);
	if (acc > (UINT64_MAX - (uint64_t) (pos - alpha)) / base)
	    return (-1);
	acc = acc * base + (uint64_t) (pos - alpha);
    }
    *val = acc;
    return (0);
}

static int mq_decode(const char *str, size_t len, unsigned base, uint64_t *val)
{
    return (mq_decode_with(mq_alphabet, str, len, base, val));
}

const char *mail_queue_id_short(VSTRING *out, long usec, uint64_t inum)
{
    vstring_sprintf(out, "%05lX%" PRIX64, mq_clamp_usec(usec), inum);
    return (vstring_str(out));
}

const char *mail_queue_id_long(VSTRING *out, int64_t sec, long usec, uint64_t inum)
{
    vstring_reset(out);
    mq_encode(out, sec < 0 ? 0 : (uint64_t) sec, MQ_LG_SEC_BASE, MQ_LG_SEC_PAD);
    mq_encode(out, (uint64_t) mq_clamp_usec(usec), MQ_LG_USEC_BASE, MQ_LG_USEC_PAD);
    vstring_addch(out, MQ_LG_INUM_SEP);
    mq_encode(out, inum, MQ_LG_INUM_BASE, 0);
    return (vstring_str(out));
}

const char *mail_queue_id_make(VSTRING *out, int long_ids, int64_t sec, long usec,
			               uint64_t inum)
{
    return (long_ids ? mail_queue_id_long(out, sec, usec, inum)
	    : mail_queue_id_short(out, usec, inum));
}

/* The separator of a long id, or NULL for a short one. */
static const char *mq_long_sep(const char *id)
{
    const char *sep = strrchr(id, MQ_LG_INUM_SEP);

    return (sep != 0 && sep - id >= MQ_LG_SEC_PAD + MQ_LG_USEC_PAD ? sep : 0);
}

int     mail_queue_id_is_long(const char *id)
{
    return (mq_long_sep(id) != 0);
}

int     mail_queue_id_inum(const char *id, uint64_t *inum)
{
    const char *sep;
    size_t  len = strlen(id);

    if ((sep = mq_long_sep(id)) != 0)
	return (mq_decode(sep + 1, strlen(sep + 1), MQ_LG_INUM_BASE, inum));
    if (len <= MQ_SH_USEC_PAD)
	return (-1);
    /* Upper-case hex only, as the short form writes it. */
    return (mq_decode_with("0123456789ABCDEF", id + MQ_SH_USEC_PAD,
			   len - MQ_SH_USEC_PAD, 16, inum));
}

/* Non-zero when queue appears in the hash_queue_names list. */
static int mq_hashed(const char *names, const char *queue)
{
    static const char sep[] = " \t\r\n,";
    size_t  qlen = strlen(queue);
    const char *cp = names;
    size_t  n;

    while (cp != 0 && *cp) {
	cp += strspn(cp, sep);
	n = strcspn(cp, sep);
	if (n == qlen && n > 0 && strncasecmp(cp, queue, n) == 0)
	    return (1);
	cp += n;
    }
    return (0);
}

const char *mail_queue_dir(VSTRING *out, const MAIL_QUEUE_LAYOUT *layout,
			           const char *queue, const char *id)
{
    char    hexbuf[16];
    const char *key = id;
    const char *sep;
    uint64_t usec;
    int     i;

    if (!mail_queue_name_ok(queue) || !mail_queue_id_ok(id))
	return (0);
    vstring_sprintf(out, "%s/", queue);
    if (!mq_hashed(layout->hash_queue_names, queue))
	return (vstring_str(out));
    if ((sep = mq_long_sep(id)) != 0) {
	/* Hash on the microseconds, written as a short id writes them. */
	if (mq_decode(sep - MQ_LG_USEC_PAD, MQ_LG_USEC_PAD, MQ_LG_USEC_BASE, &usec) != 0)
	    usec = 0;
	snprintf(hexbuf, sizeof(hexbuf), "%05lX", (unsigned long) (usec & 0xffffff));
	key = hexbuf;
    }
    for (i = 0; i < layout->hash_queue_depth; i++) {
	vstring_addch(out, *key ? *key++ : '_');
	vstring_addch(out, '/');
    }
    return (vstring_str(out));
}

const char *mail_queue_path(VSTRING *out, const MAIL_QUEUE_LAYOUT *layout,
			            const char *queue, const char *id)
{
    if (mail_queue_dir(out, layout, queue, id) == 0)
	return (0);
    vstring_strcat(out, id);
    return (vstring_str(out));
}

static long long mq_clamp_size(int64_t val)
{
    return (val < 0 ? 0 : val > MAIL_QUEUE_SIZE_VALUE_MAX ?
	    MAIL_QUEUE_SIZE_VALUE_MAX : (long long) val);
}

const char *mail_queue_size_format(VSTRING *out, const MAIL_QUEUE_SIZE *size)
{
    vstring_sprintf(out, "%15lld %15lld %15lld %15lld %15lld %15lld",
		    mq_clamp_size(size->content_size),
		    mq_clamp_size(size->data_offset),
		    mq_clamp_size(size->rcpt_count),
		    mq_clamp_size(size->qmgr_flags),
		    mq_clamp_size(size->content_length),
		    mq_clamp_size(size->smtputf8));
    return (vstring_str(out));
}

int     mail_queue_size_parse(const char *data, size_t len, MAIL_QUEUE_SIZE *size)
{
    int64_t vals[MAIL_QUEUE_SIZE_FIELDS] = {0};
    size_t  pos = 0;
    int     count = 0;

    for (;;) {
	int64_t val = 0;
	size_t  digits = 0;

	while (pos < len && data[pos] == ' ')
	    pos++;
	if (pos >= len)
	    break;
	if (count >= MAIL_QUEUE_SIZE_FIELDS)
	    return (-1);
	while (pos < len && data[pos] >= '0' && data[pos] <= '9') {
	    val = val * 10 + (data[pos++] - '0');
	    if (val > MAIL_QUEUE_SIZE_VALUE_MAX)
		return (-1);
	    digits++;
	}
	if (digits == 0 || (pos < len && data[pos] != ' '))
	    return (-1);
	vals[count++] = val;
    }
    if (count == 0)
	return (-1);
    size->content_size = vals[0];
    size->data_offset = vals[1];
    size->rcpt_count = vals[2];
    size->qmgr_flags = vals[3];
    size->content_length = vals[4];
    size->smtputf8 = vals[5];
    return (count);
}
