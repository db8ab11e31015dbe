/*
 * NAME
 *	core 3
 * SUMMARY
 *	outbox and logging helpers for sans-I/O cores
 * DESCRIPTION
 *	See core.h for the contract. This file is itself a core object and is
 *	held to the purity rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mymalloc.h"
#include "core.h"

void    core_outbox_init(CORE_OUTBOX *box)
{
    box->actions = 0;
    box->count = 0;
    box->cap = 0;
}

void    core_outbox_free(CORE_OUTBOX *box)
{
    myfree(box->actions);
    core_outbox_init(box);
}

void    core_outbox_clear(CORE_OUTBOX *box)
{
    box->count = 0;
}

CORE_ACTION *core_outbox_push(CORE_OUTBOX *box, CORE_ACTION_TYPE type)
{
    CORE_ACTION *act;

    if (box->count == box->cap) {
	box->cap = box->cap ? box->cap * 2 : 8;
	box->actions = myrealloc(box->actions, box->cap * sizeof(*box->actions));
    }
    act = box->actions + box->count++;
    memset(act, 0, sizeof(*act));
    act->type = type;
    act->deadline = CORE_TIME_NEVER;
    return (act);
}

void    core_log(const CORE_ENV *env, MSG_LEVEL level, const char *fmt,...)
{
    char    text[2048];
    va_list ap;

    if (env == 0 || env->log == 0)
	return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    env->log(env->log_ctx, level, text);
}
