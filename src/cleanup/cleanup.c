/*
 * NAME
 *	cleanup 8
 * SUMMARY
 *	canonicalize and enqueue mail
 * DESCRIPTION
 *	The cleanup daemon takes one message per connection from a receiving
 *	program (smtpd, qmqpd, later pickup), rewrites envelope addresses to
 *	standard form, adds missing headers, enforces the size and hop
 *	limits and writes a queue file into the incoming queue, then wakes
 *	the queue manager. It answers the client only after the queue file
 *	is complete, fsynced and renamed.
 *
 *	This file is the I/O shim: the server skeleton (mail_server.h) runs
 *	the connection, cleanup_wire.c turns the stream into requests for
 *	the cleanup core, queue_file.c carries out its file actions, and a
 *	qmgr wakeup goes to $queue_directory/public/qmgr when it exists.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "mymalloc.h"
#include "msg.h"
#include "prng.h"
#include "vstring.h"
#include "mail_conf.h"
#include "mail_queue.h"
#include "mail_server.h"
#include "queue_file.h"
#include "cleanup.h"

static CLEANUP_CONFIG *cleanup_config;
static QUEUE_FILES *cleanup_files;
static char *cleanup_queue_dir;
static CORE_ENV cleanup_env;
static PRNG cleanup_rng;
static char *cleanup_layout_names;

/* cleanup_local_zone - the Date: header's zone, as the host sees it */

static void cleanup_local_zone(CLEANUP_CONFIG *cfg)
{
    static char name[64];
    time_t  now = time((time_t *) 0);
    struct tm tm;

    localtime_r(&now, &tm);
    cfg->tz_offset_minutes = (int) (tm.tm_gmtoff / 60);
    if (tm.tm_zone && strlen(tm.tm_zone) < sizeof(name)) {
	strcpy(name, tm.tm_zone);
	cfg->tz_name = name;
    }
}

static int cleanup_init(MAIL_SERVER *server, MAIL_CONF *conf, void *unused_ctx)
{
    VSTRING *err = vstring_alloc(100);
    MAIL_QUEUE_LAYOUT layout = MAIL_QUEUE_LAYOUT_DEFAULT;
    const char *value;
    long    depth;
    bool    long_ids;

    if ((cleanup_config = cleanup_config_load(conf, err)) == 0)
	msg_fatal("%s", vstring_str(err));
    cleanup_local_zone(cleanup_config);
    if ((value = mail_conf_expand(conf, "queue_directory", err)) == 0)
	msg_fatal("queue_directory: %s", vstring_str(err));
    cleanup_queue_dir = mystrdup(value);
    if ((value = mail_conf_expand(conf, "hash_queue_names", err)) == 0
	|| mail_conf_int(conf, "hash_queue_depth", &depth, err) < 0
	|| mail_conf_bool(conf, "enable_long_queue_ids", &long_ids, err) < 0)
	msg_fatal("%s", vstring_str(err));
    cleanup_layout_names = mystrdup(value);
    layout.hash_queue_names = cleanup_layout_names;
    layout.hash_queue_depth = (int) depth;
    layout.long_queue_ids = long_ids;
    cleanup_files = queue_file_create(cleanup_queue_dir, &layout);
    mail_server_core_env(&cleanup_env, &cleanup_rng);
    vstring_free(err);
    return (0);
}

static void *cleanup_create(MAIL_CONF *conf, const char *client_addr,
			            const char *client_port,
			            MAIL_SERVER_SESSION *handle, void *unused_ctx)
{
    return (cleanup_wire_create(cleanup_config, &cleanup_env));
}

static void cleanup_event(void *session, const CORE_EVENT *ev, CORE_OUTBOX *out)
{
    cleanup_wire_event((CLEANUP_WIRE *) session, ev, out);
}

static void cleanup_free(void *session)
{
    cleanup_wire_free((CLEANUP_WIRE *) session);
}

/* cleanup_trigger - best-effort wakeup of the queue manager */

static void cleanup_trigger(const char *data, size_t len)
{
    struct sockaddr_un sun;
    VSTRING *path = vstring_alloc(100);
    int     fd;
    ssize_t ignored;

    vstring_sprintf(path, "%s/public/qmgr", cleanup_queue_dir);
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    if (vstring_len(path) < sizeof(sun.sun_path)
	&& (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0)) >= 0) {
	strcpy(sun.sun_path, vstring_str(path));
	if (connect(fd, (struct sockaddr *) &sun, sizeof(sun)) == 0) {
	    ignored = write(fd, data, len);
	    (void) ignored;
	} else if (msg_verbose)
	    msg_info("no queue manager wakeup: %s: %s", vstring_str(path),
		     strerror(errno));
	close(fd);
    }
    vstring_free(path);
}

static void cleanup_action(MAIL_SERVER_SESSION *handle, void *session,
			           const CORE_ACTION *act, void *unused_ctx)
{
    VSTRING *result;
    CORE_EVENT ev;

    switch (act->type) {
    case CORE_ACT_FILE_OP:
	result = vstring_alloc(32);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_FILE_RESULT;
	ev.id = act->id;
	ev.op = act->op;
	ev.status = queue_file_action(cleanup_files, act, result);
	ev.data = vstring_str(result);
	ev.len = vstring_len(result);
	mail_server_inject(handle, &ev);
	vstring_free(result);
	break;
    case CORE_ACT_REQUEST:
	if (act->target && strcmp(act->target, CLEANUP_QMGR_SERVICE) == 0)
	    cleanup_trigger(act->data, act->len);
	break;
    default:
	msg_warn("unexpected action type %d", (int) act->type);
	break;
    }
}

int     main(int argc, char **argv)
{
    static const MAIL_SERVER_OPS ops = {
	.init = cleanup_init,
	.create = cleanup_create,
	.event = cleanup_event,
	.free = cleanup_free,
	.action = cleanup_action,
	.max_sessions = 0,
    };

    return (mail_server_main(argc, argv, &ops));
}
