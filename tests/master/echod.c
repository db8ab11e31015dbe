/*
 * NAME
 *	echod
 * SUMMARY
 *	echo daemon that exercises the mail_server skeleton
 * DESCRIPTION
 *	A tiny line-oriented core behind mail_server_main(). On connect it
 *	greets with "echo ready pid=N service=S client=A"; each line comes
 *	back as "echo: line". "conf NAME" answers the parameter's value,
 *	"ask TEXT" goes out as a CORE_ACT_REQUEST that the shim answers
 *	through a pipe watched by the poll loop and mail_server_inject()
 *	("reply: TEXT reversed"), "quit" ends with "bye". Idle sessions end
 *	after echo_timeout seconds (default 10) with "timeout".
 *
 *	Run as "echotrig" it is a trigger server instead: it logs
 *	"trigger: SERVICE: BYTES" for each trigger, and a trigger that starts with
 *	"T" arms a 200 ms server timer that logs "tick".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>

#include "argv.h"
#include "core.h"
#include "mail_server.h"
#include "msg.h"
#include "mymalloc.h"
#include "vstring.h"

typedef struct ECHO {
    MAIL_CONF *conf;
    VSTRING *line;
    VSTRING *out;
    VSTRING *greeting;
    core_time_ms timeout;
    uint64_t next_id;
    int     closing;
    ARGV   *logs;
    MAIL_SERVER_SESSION *handle;
} ECHO;

static int echo_pipe[2] = {-1, -1};
static ECHO *echo_current;		/* single server: one session */

/* Output of one event is collected in e->out and sent once at its end. */
static void echo_send(ECHO *e, CORE_OUTBOX *box, const char *text)
{
    vstring_strcat(e->out, text);
}

static void echo_line(ECHO *e, const char *line, CORE_OUTBOX *box, core_time_ms now)
{
    CORE_ACTION *act;
    const char *value;
    static VSTRING *buf;

    if (buf == 0)
	buf = vstring_alloc(100);
    if (strcmp(line, "quit") == 0) {
	echo_send(e, box, "bye\n");
	e->closing = 1;
	return;
    }
    if (strncmp(line, "ask ", 4) == 0) {
	act = core_outbox_push(box, CORE_ACT_REQUEST);
	act->id = ++e->next_id;
	act->target = "echo";
	act->data = line + 4;
	act->len = strlen(line + 4);
	return;
    }
    if (strncmp(line, "conf ", 5) == 0) {
	value = mail_conf_raw(e->conf, line + 5);
	vstring_sprintf(buf, "conf: %s\n", value ? value : "(none)");
    } else {
	vstring_sprintf(buf, "echo: %s\n", line);
    }
    act = core_outbox_push(box, CORE_ACT_LOG);
    act->op = MSG_INFO;
    argv_add(e->logs, line);		/* must outlive this call */
    act->data = e->logs->argv[e->logs->argc - 1];
    act->len = strlen(line);
    echo_send(e, box, vstring_str(buf));
}

static void *echo_create(MAIL_CONF *conf, const char *addr, const char *port,
			         MAIL_SERVER_SESSION *handle, void *context)
{
    ECHO   *e = mycalloc(1, sizeof(*e));
    const char *t = mail_conf_raw(conf, "echo_timeout");

    e->conf = conf;
    e->line = vstring_alloc(100);
    e->logs = argv_alloc(4);
    e->out = vstring_alloc(100);
    e->greeting = vstring_alloc(100);
    e->handle = handle;
    e->timeout = (t ? atol(t) : 10) * 1000;
    vstring_sprintf(e->greeting, "echo ready pid=%ld service=%s client=%s\n",
		    (long) getpid(), mail_server_service(mail_server_of(handle)), addr);
    echo_current = e;
    return (e);
}

static void echo_event(void *session, const CORE_EVENT *ev, CORE_OUTBOX *box)
{
    ECHO   *e = session;
    CORE_ACTION *act;
    size_t  i;
    static VSTRING *reply;

    if (reply == 0)
	reply = vstring_alloc(100);
    vstring_reset(e->out);
    argv_truncate(e->logs, 0);
    switch (ev->type) {
    case CORE_EV_START:
	act = core_outbox_push(box, CORE_ACT_SEND);
	act->data = vstring_str(e->greeting);
	act->len = vstring_len(e->greeting);
	break;
    case CORE_EV_BYTES:
	for (i = 0; i < ev->len; i++) {
	    if (ev->data[i] == '\n') {
		if (vstring_len(e->line) && vstring_end(e->line)[-1] == '\r')
		    vstring_truncate(e->line, vstring_len(e->line) - 1);
		if (!e->closing)
		    echo_line(e, vstring_str(e->line), box, ev->now);
		vstring_reset(e->line);
	    } else {
		vstring_addch(e->line, ev->data[i]);
	    }
	}
	if (vstring_len(e->out)) {
	    act = core_outbox_push(box, CORE_ACT_SEND);
	    act->data = vstring_str(e->out);
	    act->len = vstring_len(e->out);
	}
	if (e->closing) {
	    core_outbox_push(box, CORE_ACT_CLOSE);
	    return;
	}
	break;
    case CORE_EV_REPLY:
	vstring_sprintf(reply, "reply: %.*s\n", (int) ev->len, ev->data);
	act = core_outbox_push(box, CORE_ACT_SEND);
	act->data = vstring_str(reply);
	act->len = vstring_len(reply);
	break;
    case CORE_EV_TIMER:
	act = core_outbox_push(box, CORE_ACT_SEND);
	act->data = "timeout\n";
	act->len = 8;
	core_outbox_push(box, CORE_ACT_CLOSE);
	return;
    case CORE_EV_PEER_CLOSED:
	core_outbox_push(box, CORE_ACT_CLOSE);
	return;
    default:
	break;
    }
    act = core_outbox_push(box, CORE_ACT_TIMER);
    act->deadline = ev->now + e->timeout;
}

static void echo_free(void *session)
{
    ECHO   *e = session;

    if (echo_current == e)
	echo_current = 0;
    vstring_free(e->line);
    argv_free(e->logs);
    vstring_free(e->out);
    vstring_free(e->greeting);
    myfree(e);
}

/* The "service" answers through a pipe: reversed text, one per line. */

static void echo_pipe_ready(int fd, int revents, void *context)
{
    char    buf[512];
    ssize_t n;
    CORE_EVENT ev;
    ssize_t i;
    char    tmp;

    if ((n = read(fd, buf, sizeof(buf) - 1)) <= 0 || echo_current == 0)
	return;
    for (i = 0; i < n / 2; i++) {
	tmp = buf[i];
	buf[i] = buf[n - 1 - i];
	buf[n - 1 - i] = tmp;
    }
    memset(&ev, 0, sizeof(ev));
    ev.type = CORE_EV_REPLY;
    ev.data = buf;
    ev.len = (size_t) n;
    mail_server_inject(echo_current->handle, &ev);
}

static void echo_action(MAIL_SERVER_SESSION *handle, void *session,
			        const CORE_ACTION *act, void *context)
{
    ssize_t ignored;

    if (act->type == CORE_ACT_REQUEST) {
	ignored = write(echo_pipe[1], act->data, act->len);
	(void) ignored;
    }
}

static int echo_init(MAIL_SERVER *server, MAIL_CONF *conf, void *context)
{
    if (pipe(echo_pipe) < 0)
	return (-1);
    mail_server_watch(server, echo_pipe[0], POLLIN, echo_pipe_ready, 0);
    return (0);
}

static void echo_tick(MAIL_SERVER *server, void *context)
{
    msg_info("tick");
}

static void echo_trigger(MAIL_SERVER *server, const char *buf, size_t len,
			         void *context)
{
    msg_info("trigger: %s: %.*s", mail_server_service(server), (int) len, buf);
    if (len > 0 && buf[0] == 'T')
	mail_server_timer(server, mail_server_now() + 200, echo_tick, 0);
}

int     main(int argc, char **argv)
{
    static const MAIL_SERVER_OPS trigger_ops = {
	.trigger = echo_trigger,
    };
    const char *base = argc > 0 && strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1
	: argc > 0 ? argv[0] : "";

    static const MAIL_SERVER_OPS ops = {
	.init = echo_init,
	.create = echo_create,
	.event = echo_event,
	.free = echo_free,
	.action = echo_action,
	.max_sessions = 1,
    };

    if (strcmp(base, "echotrig") == 0)
	return (mail_server_main(argc, argv, &trigger_ops));
    return (mail_server_main(argc, argv, &ops));
}
