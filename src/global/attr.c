/*
 * NAME
 *	attr 3
 * SUMMARY
 *	attribute list encoder and schema-driven decoder
 * DESCRIPTION
 *	The wire form is stock's zero-terminated style: name NUL value NUL
 *	... NUL. The decoder is one byte-level state machine (name, then
 *	value) shared by attr_scan() and ATTR_SCANNER, so whole-buffer and
 *	byte-by-byte decoding cannot disagree. Names are checked against
 *	the schema as soon as their NUL arrives, so a peer cannot make us
 *	buffer the value of an attribute we will reject anyway.
 */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "attr.h"
#include "mymalloc.h"
#include "vstring.h"

typedef struct ATTR_VALUE {
    int     present;
    unsigned long num;
    VSTRING *buf;			/* STR text or decoded DATA */
} ATTR_VALUE;

struct ATTR_LIST {
    const ATTR_SPEC *schema;
    size_t  count;
    ATTR_VALUE *values;
};

typedef enum ATTR_STATE {
    ATTR_STATE_NAME,			/* collecting a name */
    ATTR_STATE_VALUE,			/* collecting the value of cur */
    ATTR_STATE_DONE,			/* a list is complete */
    ATTR_STATE_FAILED,			/* sticky error */
} ATTR_STATE;

struct ATTR_SCANNER {
    ATTR_LIST *list;
    int     own_list;
    ATTR_LIMITS limits;
    ATTR_STATE state;
    VSTRING *name;
    VSTRING *value;
    size_t  cur;			/* schema index of the value being read */
    size_t  seen;			/* attributes in this list so far */
    VSTRING *error;			/* the sticky error text */
};

/* Encoder. */

static void attr_put_name(VSTRING *out, const char *name)
{
    if (name == 0 || *name == 0)
	name = "?";			/* an empty name would end the list */
    vstring_memcat(out, name, strlen(name) + 1);
}

void    attr_print_str(VSTRING *out, const char *name, const char *value)
{
    attr_put_name(out, name);
    vstring_memcat(out, value, strlen(value) + 1);
}

void    attr_print_int(VSTRING *out, const char *name, unsigned value)
{
    attr_put_name(out, name);
    vstring_sprintf_append(out, "%u", value);
    vstring_addch(out, 0);
}

void    attr_print_long(VSTRING *out, const char *name, unsigned long value)
{
    attr_put_name(out, name);
    vstring_sprintf_append(out, "%lu", value);
    vstring_addch(out, 0);
}

void    attr_print_data(VSTRING *out, const char *name, const void *data, size_t len)
{
    attr_put_name(out, name);
    attr_base64_encode(out, data, len);
    vstring_addch(out, 0);
}

void    attr_print_end(VSTRING *out)
{
    vstring_addch(out, 0);
}

/* base64. */

static const char attr_b64[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void    attr_base64_encode(VSTRING *out, const void *data, size_t len)
{
    const unsigned char *cp = data;
    size_t  i;

    for (i = 0; i + 2 < len; i += 3) {
	vstring_addch(out, attr_b64[cp[i] >> 2]);
	vstring_addch(out, attr_b64[((cp[i] & 3) << 4) | (cp[i + 1] >> 4)]);
	vstring_addch(out, attr_b64[((cp[i + 1] & 15) << 2) | (cp[i + 2] >> 6)]);
	vstring_addch(out, attr_b64[cp[i + 2] & 63]);
    }
    if (len - i == 1) {
	vstring_addch(out, attr_b64[cp[i] >> 2]);
	vstring_addch(out, attr_b64[(cp[i] & 3) << 4]);
	vstring_strcat(out, "==");
    } else if (len - i == 2) {
	vstring_addch(out, attr_b64[cp[i] >> 2]);
	vstring_addch(out, attr_b64[((cp[i] & 3) << 4) | (cp[i + 1] >> 4)]);
	vstring_addch(out, attr_b64[(cp[i + 1] & 15) << 2]);
	vstring_addch(out, '=');
    }
}

static int attr_b64_value(int ch)
{
    const char *p;

    if (ch == 0 || (p = strchr(attr_b64, ch)) == 0)
	return (-1);
    return (int) (p - attr_b64);
}

int     attr_base64_decode(VSTRING *out, const char *text, size_t len)
{
    size_t  i;
    int     v[4];
    int     k;

    vstring_reset(out);
    if (len % 4 != 0)
	return (-1);
    for (i = 0; i < len; i += 4) {
	int     pad = 0;

	for (k = 0; k < 4; k++) {
	    if (text[i + k] == '=' && i + 4 == len && k >= 2) {
		v[k] = 0;
		pad++;
	    } else if (pad > 0 || (v[k] = attr_b64_value((unsigned char) text[i + k])) < 0) {
		return (-1);
	    }
	}
	vstring_addch(out, (v[0] << 2) | (v[1] >> 4));
	if (pad < 2)
	    vstring_addch(out, ((v[1] & 15) << 4) | (v[2] >> 2));
	if (pad < 1)
	    vstring_addch(out, ((v[2] & 3) << 6) | v[3]);
	/* Canonical form only: the bits padding drops must be zero. */
	if ((pad == 2 && (v[1] & 15) != 0) || (pad == 1 && (v[2] & 3) != 0))
	    return (-1);
    }
    return (0);
}

/* Decoded lists. */

ATTR_LIST *attr_list_create(const ATTR_SPEC *schema)
{
    ATTR_LIST *list = mymalloc(sizeof(*list));
    size_t  n;

    for (n = 0; schema[n].type != ATTR_TYPE_END; n++)
	 /* void */ ;
    list->schema = schema;
    list->count = n;
    list->values = mycalloc(n ? n : 1, sizeof(ATTR_VALUE));
    return (list);
}

void    attr_list_free(ATTR_LIST *list)
{
    size_t  i;

    if (list == 0)
	return;
    for (i = 0; i < list->count; i++)
	vstring_free(list->values[i].buf);
    myfree(list->values);
    myfree(list);
}

void    attr_list_reset(ATTR_LIST *list)
{
    size_t  i;

    for (i = 0; i < list->count; i++) {
	list->values[i].present = 0;
	list->values[i].num = 0;
	if (list->values[i].buf)
	    vstring_reset(list->values[i].buf);
    }
}

static const ATTR_VALUE *attr_list_find(const ATTR_LIST *list, const char *name,
					        ATTR_TYPE want1, ATTR_TYPE want2)
{
    size_t  i;

    for (i = 0; i < list->count; i++)
	if (strcmp(list->schema[i].name, name) == 0) {
	    if (!list->values[i].present
		|| (list->schema[i].type != want1 && list->schema[i].type != want2))
		return (0);
	    return (list->values + i);
	}
    return (0);
}

int     attr_list_has(const ATTR_LIST *list, const char *name)
{
    size_t  i;

    for (i = 0; i < list->count; i++)
	if (strcmp(list->schema[i].name, name) == 0)
	    return (list->values[i].present);
    return (0);
}

const char *attr_list_str(const ATTR_LIST *list, const char *name)
{
    const ATTR_VALUE *v = attr_list_find(list, name, ATTR_TYPE_STR, ATTR_TYPE_STR);

    return (v ? vstring_str(v->buf) : 0);
}

const char *attr_list_data(const ATTR_LIST *list, const char *name, size_t *len)
{
    const ATTR_VALUE *v = attr_list_find(list, name, ATTR_TYPE_DATA, ATTR_TYPE_DATA);

    if (v == 0)
	return (0);
    *len = vstring_len(v->buf);
    return (vstring_str(v->buf));
}

unsigned long attr_list_num(const ATTR_LIST *list, const char *name, unsigned long def)
{
    const ATTR_VALUE *v = attr_list_find(list, name, ATTR_TYPE_INT, ATTR_TYPE_LONG);

    return (v ? v->num : def);
}

/* The decoder. */

static ATTR_STATUS attr_fail(ATTR_SCANNER *sc, VSTRING *err, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));

static ATTR_STATUS attr_fail(ATTR_SCANNER *sc, VSTRING *err, const char *fmt,...)
{
    va_list ap;

    va_start(ap, fmt);
    vstring_vsprintf(sc->error, fmt, ap);
    va_end(ap);
    if (err)
	vstring_strcpy(err, vstring_str(sc->error));
    sc->state = ATTR_STATE_FAILED;
    return (ATTR_ERROR);
}

ATTR_SCANNER *attr_scanner_create(const ATTR_SPEC *schema, const ATTR_LIMITS *limits)
{
    ATTR_SCANNER *sc = mymalloc(sizeof(*sc));

    sc->list = attr_list_create(schema);
    sc->own_list = 1;
    sc->limits.name_max = limits && limits->name_max ?
	limits->name_max : ATTR_NAME_MAX_DEFAULT;
    sc->limits.value_max = limits && limits->value_max ?
	limits->value_max : ATTR_VALUE_MAX_DEFAULT;
    sc->limits.count_max = limits && limits->count_max ?
	limits->count_max : ATTR_COUNT_MAX_DEFAULT;
    sc->state = ATTR_STATE_NAME;
    sc->name = vstring_alloc(32);
    sc->value = vstring_alloc(64);
    sc->cur = 0;
    sc->seen = 0;
    sc->error = vstring_alloc(64);
    return (sc);
}

void    attr_scanner_free(ATTR_SCANNER *sc)
{
    if (sc == 0)
	return;
    if (sc->own_list)
	attr_list_free(sc->list);
    vstring_free(sc->name);
    vstring_free(sc->value);
    vstring_free(sc->error);
    myfree(sc);
}

const ATTR_LIST *attr_scanner_list(const ATTR_SCANNER *sc)
{
    return (sc->list);
}

static void attr_scanner_restart(ATTR_SCANNER *sc)
{
    attr_list_reset(sc->list);
    vstring_reset(sc->name);
    vstring_reset(sc->value);
    sc->state = ATTR_STATE_NAME;
    sc->seen = 0;
}

/* attr_parse_num - strict unsigned decimal, at most max */

static int attr_parse_num(const char *text, unsigned long max, unsigned long *out)
{
    unsigned long n = 0;
    const char *cp;

    if (*text == 0)
	return (-1);
    for (cp = text; *cp; cp++) {
	if (*cp < '0' || *cp > '9')
	    return (-1);
	if (n > (max - (unsigned long) (*cp - '0')) / 10)
	    return (-1);
	n = n * 10 + (unsigned long) (*cp - '0');
    }
    *out = n;
    return (0);
}

/* attr_name_done - a name's NUL arrived: end of list, or pick its slot */

static ATTR_STATUS attr_name_done(ATTR_SCANNER *sc, VSTRING *err)
{
    ATTR_LIST *list = sc->list;
    const char *name = vstring_str(sc->name);
    size_t  i;

    if (vstring_len(sc->name) == 0) {
	for (i = 0; i < list->count; i++)
	    if (!list->values[i].present
		&& (list->schema[i].flags & ATTR_FLAG_OPTIONAL) == 0)
		return (attr_fail(sc, err, "missing attribute %s", list->schema[i].name));
	sc->state = ATTR_STATE_DONE;
	return (ATTR_OK);
    }
    for (i = 0; i < list->count; i++)
	if (strcmp(list->schema[i].name, name) == 0)
	    break;
    if (i >= list->count)
	return (attr_fail(sc, err, "unexpected attribute %s", name));
    if (list->values[i].present)
	return (attr_fail(sc, err, "duplicate attribute %s", name));
    if (++sc->seen > sc->limits.count_max)
	return (attr_fail(sc, err, "too many attributes (limit %zu) at %s",
			  sc->limits.count_max, name));
    sc->cur = i;
    vstring_reset(sc->value);
    sc->state = ATTR_STATE_VALUE;
    return (ATTR_NEED_MORE);
}

/* attr_value_done - a value's NUL arrived: check and store it */

static ATTR_STATUS attr_value_done(ATTR_SCANNER *sc, VSTRING *err)
{
    const ATTR_SPEC *spec = sc->list->schema + sc->cur;
    ATTR_VALUE *val = sc->list->values + sc->cur;
    const char *text = vstring_str(sc->value);

    if (val->buf == 0)
	val->buf = vstring_alloc(16);
    switch (spec->type) {
    case ATTR_TYPE_STR:
	if (spec->expect && strcmp(text, spec->expect) != 0)
	    return (attr_fail(sc, err, "unexpected value for attribute %s: \"%.100s\", want \"%s\"",
			      spec->name, text, spec->expect));
	vstring_memcpy(val->buf, text, vstring_len(sc->value));
	break;
    case ATTR_TYPE_INT:
	if (attr_parse_num(text, UINT_MAX, &val->num) < 0)
	    return (attr_fail(sc, err, "bad numerical value for attribute %s: \"%.100s\"",
			      spec->name, text));
	break;
    case ATTR_TYPE_LONG:
	if (attr_parse_num(text, ULONG_MAX, &val->num) < 0)
	    return (attr_fail(sc, err, "bad numerical value for attribute %s: \"%.100s\"",
			      spec->name, text));
	break;
    case ATTR_TYPE_DATA:
	if (attr_base64_decode(val->buf, text, vstring_len(sc->value)) < 0)
	    return (attr_fail(sc, err, "bad base64 value for attribute %s", spec->name));
	break;
    case ATTR_TYPE_END:
	break;
    }
    val->present = 1;
    vstring_reset(sc->name);
    sc->state = ATTR_STATE_NAME;
    return (ATTR_NEED_MORE);
}

ATTR_STATUS attr_scanner_feed(ATTR_SCANNER *sc, const char *buf, size_t len,
			              size_t *used, VSTRING *err)
{
    size_t  pos = 0;
    const char *nul;
    size_t  span;
    ATTR_STATUS status;

    *used = 0;
    if (sc->state == ATTR_STATE_FAILED) {
	if (err)
	    vstring_strcpy(err, vstring_str(sc->error));
	return (ATTR_ERROR);
    }
    if (sc->state == ATTR_STATE_DONE)
	attr_scanner_restart(sc);
    while (pos < len) {
	nul = memchr(buf + pos, 0, len - pos);
	span = (nul ? (size_t) (nul - buf) : len) - pos;
	if (sc->state == ATTR_STATE_NAME) {
	    if (vstring_len(sc->name) + span > sc->limits.name_max) {
		*used = pos + span;
		return (attr_fail(sc, err, "attribute name too long (limit %zu)",
				  sc->limits.name_max));
	    }
	    vstring_memcat(sc->name, buf + pos, span);
	} else {
	    if (vstring_len(sc->value) + span > sc->limits.value_max) {
		*used = pos + span;
		return (attr_fail(sc, err, "value too long for attribute %s (limit %zu)",
				  sc->list->schema[sc->cur].name, sc->limits.value_max));
	    }
	    vstring_memcat(sc->value, buf + pos, span);
	}
	pos += span;
	if (nul == 0)
	    break;
	pos++;					/* the NUL */
	status = (sc->state == ATTR_STATE_NAME ?
		  attr_name_done(sc, err) : attr_value_done(sc, err));
	if (status != ATTR_NEED_MORE) {
	    *used = pos;
	    return (status);
	}
    }
    *used = pos;
    return (ATTR_NEED_MORE);
}

ATTR_STATUS attr_scanner_eof(ATTR_SCANNER *sc, VSTRING *err)
{
    switch (sc->state) {
    case ATTR_STATE_FAILED:
	if (err)
	    vstring_strcpy(err, vstring_str(sc->error));
	return (ATTR_ERROR);
    case ATTR_STATE_DONE:
	return (ATTR_OK);
    case ATTR_STATE_NAME:
	if (sc->seen == 0 && vstring_len(sc->name) == 0)
	    return (attr_fail(sc, err, "premature end of input: no attribute list"));
	if (vstring_len(sc->name) == 0)
	    return (attr_fail(sc, err, "truncated attribute list after %zu attribute%s",
			      sc->seen, sc->seen == 1 ? "" : "s"));
	return (attr_fail(sc, err, "truncated attribute list in the name \"%.40s\"",
			  vstring_str(sc->name)));
    case ATTR_STATE_VALUE:
	break;
    }
    return (attr_fail(sc, err, "truncated attribute list in the value of attribute %s",
		      sc->list->schema[sc->cur].name));
}

ATTR_STATUS attr_scan(ATTR_LIST *list, const char *buf, size_t len,
		              const ATTR_LIMITS *limits, size_t *consumed, VSTRING *err)
{
    ATTR_SCANNER *sc = attr_scanner_create(list->schema, limits);
    ATTR_STATUS status;
    size_t  used;

    /* Decode straight into the caller's list. */
    attr_list_free(sc->list);
    sc->list = list;
    sc->own_list = 0;
    attr_list_reset(list);
    status = attr_scanner_feed(sc, buf, len, &used, err);
    if (status == ATTR_NEED_MORE)
	status = attr_scanner_eof(sc, err);
    if (status == ATTR_OK)
	*consumed = used;
    attr_scanner_free(sc);
    return (status);
}
