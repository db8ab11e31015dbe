/*
 * NAME
 *	fuzz_cleanup
 * SUMMARY
 *	libFuzzer harness for the whole cleanup core
 * DESCRIPTION
 *	The input is a script of steps. Each step is a control byte and,
 *	for RECORDS, a length byte and that many bytes of record stream.
 *	Control byte low bits: 0 RECORDS, 1 CLOSE, 2 ABORT, 3 RECORDS;
 *	bit 2 set makes the next file result fail with ENOSPC; bit 3 makes
 *	the driver hold results back until the next step. Checks: no
 *	COMMIT after a failed file action, a CLOSE reply of 0 only after a
 *	successful COMMIT, at most one reply to CLOSE, and a file appended
 *	after an ABORT never.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vstring.h"
#include "cleanup_proto.h"
#include "cleanup/cleanup.h"

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct FZ {
    CLEANUP_CORE *core;
    CORE_OUTBOX box;
    CORE_EVENT held[64];
    size_t  nheld;
    int     fail_next;
    int     failed;			/* a file action failed */
    int     aborted;
    int     committed;
    int     replies;
} FZ;

static int64_t fz_time(void *ctx, core_time_ms now)
{
    return (1795592114 + now / 1000);
}

static void fz_run(FZ *f);

static void fz_results(FZ *f)
{
    CORE_EVENT held[64];
    size_t  n = f->nheld, i;

    memcpy(held, f->held, n * sizeof(held[0]));
    f->nheld = 0;
    for (i = 0; i < n; i++) {
	cleanup_core_event(f->core, held + i, &f->box);
	fz_run(f);
    }
}

static void fz_run(FZ *f)
{
    size_t  i;

    for (i = 0; i < f->box.count; i++) {
	CORE_ACTION *a = f->box.actions + i;
	CORE_EVENT ev = {.type = CORE_EV_FILE_RESULT, .id = a->id};

	if (a->type == CORE_ACT_REPLY) {
	    if (f->replies++ > 0 && a->status == 0 && !f->committed)
		abort();
	    if (f->replies > 2)
		abort();
	    continue;
	}
	if (a->type != CORE_ACT_FILE_OP)
	    continue;
	if (a->op == CORE_FILE_ABORT) {
	    f->aborted = 1;
	    continue;
	}
	if (f->aborted && a->op != CORE_FILE_CREATE)
	    abort();
	if (a->op == CORE_FILE_COMMIT && f->failed)
	    abort();
	if (f->fail_next) {
	    f->fail_next = 0;
	    ev.status = ENOSPC;
	    f->failed = 1;
	} else if (a->op == CORE_FILE_CREATE) {
	    ev.data = "ABCDEF";
	    ev.len = 6;
	} else if (a->op == CORE_FILE_COMMIT) {
	    f->committed = 1;
	}
	if (f->nheld < 64)
	    f->held[f->nheld++] = ev;
    }
    core_outbox_clear(&f->box);
}

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CLEANUP_CONFIG *cfg = cleanup_config_defaults("h.example", "example");
    CORE_ENV env = {.wall_time = fz_time};
    FZ      f;
    size_t  pos = 0, len;
    uint8_t ctl;
    int     hold;
    CORE_EVENT ev;

    if (size > 65536)
	return (0);
    memset(&f, 0, sizeof(f));
    cfg->header_size_limit = 200;
    cfg->message_size_limit = 4000;
    cfg->hopcount_limit = 5;
    core_outbox_init(&f.box);
    f.core = cleanup_core_create(cfg, &env);
    memset(&ev, 0, sizeof(ev));
    ev.type = CORE_EV_REQUEST;
    ev.id = 1;
    ev.op = CLEANUP_REQ_OPEN;
    cleanup_core_event(f.core, &ev, &f.box);
    fz_run(&f);
    while (pos < size) {
	ctl = data[pos++];
	hold = (ctl & 8) != 0;
	if (ctl & 4)
	    f.fail_next = 1;
	if (!hold)
	    fz_results(&f);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_REQUEST;
	ev.id = 1;
	ev.now = (core_time_ms) pos;
	switch (ctl & 3) {
	case 1:
	    ev.op = CLEANUP_REQ_CLOSE;
	    break;
	case 2:
	    ev.op = CLEANUP_REQ_ABORT;
	    break;
	default:
	    ev.op = CLEANUP_REQ_RECORDS;
	    len = pos < size ? data[pos++] : 0;
	    if (len > size - pos)
		len = size - pos;
	    ev.data = (const char *) data + pos;
	    ev.len = len;
	    pos += len;
	    break;
	}
	cleanup_core_event(f.core, &ev, &f.box);
	fz_run(&f);
    }
    fz_results(&f);
    fz_results(&f);
    cleanup_core_free(f.core);
    core_outbox_free(&f.box);
    cleanup_config_free(cfg);
    return (0);
}
