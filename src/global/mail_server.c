/*
 * NAME
 *	mail_server 3
 * SUMMARY
 *	daemon skeleton: configuration, logging and the poll loop
 * DESCRIPTION
 *	See mail_server.h for the contract. This file is the only place a
 *	daemon's core meets sockets: it accepts clients on the listeners
 *	master(8) hands down, turns socket readiness and deadlines into
 *	core events and carries out the actions the core returns. Sessions
 *	end when the core closes them (after its output is written); the
 *	process ends after max_use sessions or triggers, after max_idle
 *	seconds without either, or when master closes the status pipe.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "mail_server.h"
#include "main_cf.h"
#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"

#define MAIL_SERVER_READ_SIZE	4096

typedef struct MAIL_SERVER_QUEUED {
    CORE_EVENT event;
    char   *data;			/* copy of event.data */
} MAIL_SERVER_QUEUED;

struct MAIL_SERVER_SESSION {
    MAIL_SERVER *server;
    int     in_fd;
    int     out_fd;
    void   *app;
    VSTRING *out;			/* unsent output */
    size_t  out_off;
    core_time_ms deadline;
    int     close_pending;		/* CORE_ACT_CLOSE seen */
    int     peer_closed;		/* EOF or error reported to the core */
    int     write_failed;		/* report PEER_CLOSED from the loop */
    MAIL_SERVER_QUEUED *queue;		/* injected events */
    size_t  queue_len;
    size_t  queue_cap;
};

typedef struct MAIL_SERVER_WATCH {
    int     fd;
    int     events;
    MAIL_SERVER_WATCH_FN fn;
    void   *context;
} MAIL_SERVER_WATCH;

typedef struct MAIL_SERVER_TIMER {
    core_time_ms deadline;
    MAIL_SERVER_TIMER_FN fn;
    void   *context;
} MAIL_SERVER_TIMER;

/* A stream trigger being read: the accepted connection and its limit. */
typedef struct MAIL_SERVER_PENDING {
    int     fd;
    core_time_ms deadline;
} MAIL_SERVER_PENDING;

#define MAIL_SERVER_PENDING_MAX	8	/* stream triggers read at once */

struct MAIL_SERVER {
    MAIL_SERVER_ARGS args;
    const MAIL_SERVER_OPS *ops;
    MAIL_CONF *conf;
    char   *procname;
    CORE_OUTBOX box;
    MAIL_SERVER_SESSION **sessions;
    size_t  nsessions;
    size_t  cap_sessions;
    MAIL_SERVER_WATCH *watches;
    size_t  nwatches;
    size_t  cap_watches;
    long    max_use;
    long    max_idle;			/* seconds; 0 = none */
    long    use_count;
    int     status_fd;			/* -1: no master */
    unsigned gen;
    int     accepting;
    core_time_ms idle_since;
    int     stream_triggers;		/* trigger server on unix/inet */
    MAIL_SERVER_PENDING pending[MAIL_SERVER_PENDING_MAX];
    size_t  npending;
    MAIL_SERVER_TIMER *timers;
    size_t  ntimers;
    size_t  cap_timers;
};

/* mail_server_now - monotonic milliseconds */

core_time_ms mail_server_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((core_time_ms) ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static int64_t mail_server_wall_time(void *unused_ctx, core_time_ms unused_now)
{
    return ((int64_t) time((time_t *) 0));
}

void    mail_server_core_env(CORE_ENV *env, PRNG *rng)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    prng_seed(rng, ((uint64_t) ts.tv_sec << 20) ^ (uint64_t) ts.tv_nsec
	      ^ ((uint64_t) getpid() << 40));
    memset(env, 0, sizeof(*env));
    env->rng = rng;
    env->log = mail_server_core_log;
    env->wall_time = mail_server_wall_time;
}

void    mail_server_core_log(void *context, MSG_LEVEL level, const char *text)
{
    switch (level) {
    case MSG_WARN:
	msg_warn("%s", text);
	break;
    case MSG_ERROR:
	msg_error("%s", text);
	break;
    case MSG_FATAL:
    case MSG_PANIC:
	msg_fatal("%s", text);
    default:
	msg_info("%s", text);
	break;
    }
}

MAIL_CONF *mail_server_conf(MAIL_SERVER *server)
{
    return (server->conf);
}

const char *mail_server_service(MAIL_SERVER *server)
{
    return (server->args.service);
}

MAIL_SERVER *mail_server_of(MAIL_SERVER_SESSION *handle)
{
    return (handle->server);
}

/* Status reports to master. */

static void mail_server_notify(MAIL_SERVER *srv, int avail)
{
    MAIL_SERVER_STATUS st;

    if (srv->status_fd < 0)
	return;
    memset(&st, 0, sizeof(st));
    st.pid = (int) getpid();
    st.gen = srv->gen;
    st.avail = avail;
    if (write(srv->status_fd, &st, sizeof(st)) != (ssize_t) sizeof(st)) {
	if (msg_verbose)
	    msg_info("master status pipe is gone");
	close(srv->status_fd);
	srv->status_fd = -1;
	srv->accepting = 0;
    }
}

static int mail_server_used_up(MAIL_SERVER *srv)
{
    return (srv->max_use > 0 && srv->use_count >= srv->max_use);
}

/* Extra descriptors. */

void    mail_server_watch(MAIL_SERVER *server, int fd, int events,
			          MAIL_SERVER_WATCH_FN fn, void *context)
{
    size_t  i;

    for (i = 0; i < server->nwatches; i++) {
	if (server->watches[i].fd == fd) {
	    server->watches[i].events = events;
	    server->watches[i].fn = fn;
	    server->watches[i].context = context;
	    return;
	}
    }
    if (server->nwatches == server->cap_watches) {
	server->cap_watches = server->cap_watches ? 2 * server->cap_watches : 4;
	server->watches = myrealloc(server->watches,
				  server->cap_watches * sizeof(*server->watches));
    }
    server->watches[server->nwatches].fd = fd;
    server->watches[server->nwatches].events = events;
    server->watches[server->nwatches].fn = fn;
    server->watches[server->nwatches].context = context;
    server->nwatches++;
}

void    mail_server_unwatch(MAIL_SERVER *server, int fd)
{
    size_t  i;

    for (i = 0; i < server->nwatches; i++) {
	if (server->watches[i].fd == fd) {
	    /* Keep the slot order stable for a loop in progress: mark it. */
	    server->watches[i].fd = -1;
	    return;
	}
    }
}

static void mail_server_watch_compact(MAIL_SERVER *srv)
{
    size_t  i;
    size_t  j;

    for (i = j = 0; i < srv->nwatches; i++)
	if (srv->watches[i].fd >= 0)
	    srv->watches[j++] = srv->watches[i];
    srv->nwatches = j;
}

/* Server-wide timers. */

void    mail_server_timer(MAIL_SERVER *server, core_time_ms deadline,
			          MAIL_SERVER_TIMER_FN fn, void *context)
{
    size_t  i;

    for (i = 0; i < server->ntimers; i++)
	if (server->timers[i].fn == fn && server->timers[i].context == context)
	    break;
    if (deadline == CORE_TIME_NEVER) {
	if (i < server->ntimers)
	    server->timers[i] = server->timers[--server->ntimers];
	return;
    }
    if (i == server->ntimers) {
	if (server->ntimers == server->cap_timers) {
	    server->cap_timers = server->cap_timers ? 2 * server->cap_timers : 4;
	    server->timers = myrealloc(server->timers,
				   server->cap_timers * sizeof(*server->timers));
	}
	server->timers[server->ntimers].fn = fn;
	server->timers[server->ntimers].context = context;
	server->ntimers++;
    }
    server->timers[i].deadline = deadline;
}

/* mail_server_run_timers - one due timer at a time: callbacks may re-arm */

static void mail_server_run_timers(MAIL_SERVER *srv, core_time_ms now)
{
    size_t  i;
    MAIL_SERVER_TIMER t;

    for (i = 0; i < srv->ntimers; /* void */ ) {
	if (srv->timers[i].deadline > now) {
	    i++;
	    continue;
	}
	t = srv->timers[i];
	srv->timers[i] = srv->timers[--srv->ntimers];
	t.fn(srv, t.context);
	i = 0;
    }
}

/* Triggers. */

static void mail_server_trigger_run(MAIL_SERVER *srv, const char *buf, size_t len)
{
    mail_server_notify(srv, 0);
    srv->use_count++;
    if (msg_verbose)
	msg_info("trigger: %ld byte(s)", (long) len);
    srv->ops->trigger(srv, buf, len, srv->ops->context);
    srv->idle_since = mail_server_now();
    if (srv->accepting && !mail_server_used_up(srv))
	mail_server_notify(srv, 1);
}

/* mail_server_trigger_read - one read of a datagram, FIFO or connection */

static int mail_server_trigger_read(MAIL_SERVER *srv, int fd)
{
    char    buf[MAIL_SERVER_TRIGGER_MAX];
    ssize_t n;

    if ((n = read(fd, buf, sizeof(buf))) < 0 && (errno == EAGAIN || errno == EINTR))
	return (-1);
    if (n > 0)
	mail_server_trigger_run(srv, buf, (size_t) n);
    return (0);
}

static void mail_server_pending_drop(MAIL_SERVER *srv, size_t i)
{
    if (srv->pending[i].fd > 2)
	close(srv->pending[i].fd);
    srv->pending[i] = srv->pending[--srv->npending];
}

/* Injected events. */

void    mail_server_inject(MAIL_SERVER_SESSION *sess, const CORE_EVENT *event)
{
    MAIL_SERVER_QUEUED *q;

    if (sess->queue_len == sess->queue_cap) {
	sess->queue_cap = sess->queue_cap ? 2 * sess->queue_cap : 4;
	sess->queue = myrealloc(sess->queue, sess->queue_cap * sizeof(*sess->queue));
    }
    q = sess->queue + sess->queue_len++;
    q->event = *event;
    q->data = event->data ? mymemdup(event->data, event->len + 1) : 0;
    if (q->data)
	q->data[event->len] = 0;
    q->event.data = q->data;
}

/* Output. */

static void mail_server_flush(MAIL_SERVER_SESSION *sess)
{
    ssize_t n;

    while (sess->out_off < vstring_len(sess->out)) {
	n = write(sess->out_fd, vstring_str(sess->out) + sess->out_off,
		  vstring_len(sess->out) - sess->out_off);
	if (n > 0) {
	    sess->out_off += n;
	    continue;
	}
	if (n < 0 && errno == EINTR)
	    continue;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
	    return;
	/* The peer is gone: drop the output, tell the core from the loop. */
	vstring_reset(sess->out);
	sess->out_off = 0;
	if (!sess->peer_closed)
	    sess->write_failed = 1;
	return;
    }
    vstring_reset(sess->out);
    sess->out_off = 0;
}

/* mail_server_deliver - one event into the core, then its actions */

static void mail_server_deliver(MAIL_SERVER_SESSION *sess, const CORE_EVENT *event)
{
    MAIL_SERVER *srv = sess->server;
    const MAIL_SERVER_OPS *ops = srv->ops;
    CORE_EVENT ev = *event;
    size_t  i;
    const CORE_ACTION *act;

    ev.now = mail_server_now();
    core_outbox_clear(&srv->box);
    ops->event(sess->app, &ev, &srv->box);
    for (i = 0; i < srv->box.count; i++) {
	act = srv->box.actions + i;
	switch (act->type) {
	case CORE_ACT_SEND:
	    if (!sess->peer_closed && !sess->write_failed && act->len > 0) {
		vstring_memcat(sess->out, act->data, act->len);
		mail_server_flush(sess);
	    }
	    break;
	case CORE_ACT_CLOSE:
	    sess->close_pending = 1;
	    break;
	case CORE_ACT_TIMER:
	    sess->deadline = act->deadline;
	    break;
	case CORE_ACT_LOG:
	    switch (act->op) {
	    case MSG_WARN:
		msg_warn("%.*s", (int) act->len, act->data ? act->data : "");
		break;
	    case MSG_ERROR:
		msg_error("%.*s", (int) act->len, act->data ? act->data : "");
		break;
	    case MSG_FATAL:
	    case MSG_PANIC:
		msg_fatal("%.*s", (int) act->len, act->data ? act->data : "");
	    default:
		msg_info("%.*s", (int) act->len, act->data ? act->data : "");
		break;
	    }
	    break;
	default:
	    if (ops->action)
		ops->action(sess, sess->app, act, ops->context);
	    else
		msg_warn("%s: unsupported core action %d dropped",
			 srv->args.service, (int) act->type);
	    break;
	}
    }
    core_outbox_clear(&srv->box);
}

/* mail_server_drain - injected events and deferred peer-close reports */

static void mail_server_drain(MAIL_SERVER_SESSION *sess)
{
    MAIL_SERVER_QUEUED q;
    CORE_EVENT ev;

    for (;;) {
	if (sess->write_failed && !sess->peer_closed) {
	    sess->write_failed = 0;
	    sess->peer_closed = 1;
	    memset(&ev, 0, sizeof(ev));
	    ev.type = CORE_EV_PEER_CLOSED;
	    mail_server_deliver(sess, &ev);
	    continue;
	}
	if (sess->queue_len == 0)
	    break;
	q = sess->queue[0];
	memmove(sess->queue, sess->queue + 1, --sess->queue_len * sizeof(*sess->queue));
	mail_server_deliver(sess, &q.event);
	myfree(q.data);
    }
}

static void mail_server_event(MAIL_SERVER_SESSION *sess, CORE_EVENT_TYPE type,
			              const char *data, size_t len)
{
    CORE_EVENT ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    ev.data = data;
    ev.len = len;
    mail_server_deliver(sess, &ev);
    mail_server_drain(sess);
}

/* Sessions. */

static void mail_server_client_addr(int fd, char *addr, size_t addr_len,
				            char *port, size_t port_len)
{
    struct sockaddr_storage ss;
    socklen_t sslen = sizeof(ss);
    struct sockaddr_in *sin = (struct sockaddr_in *) &ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &ss;
    struct in_addr v4;

    snprintf(addr, addr_len, "127.0.0.1");
    snprintf(port, port_len, "0");
    if (getpeername(fd, (struct sockaddr *) &ss, &sslen) < 0)
	return;
    if (ss.ss_family == AF_INET) {
	inet_ntop(AF_INET, &sin->sin_addr, addr, addr_len);
	snprintf(port, port_len, "%u", ntohs(sin->sin_port));
    } else if (ss.ss_family == AF_INET6) {
	if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
	    memcpy(&v4, sin6->sin6_addr.s6_addr + 12, 4);
	    inet_ntop(AF_INET, &v4, addr, addr_len);
	} else {
	    inet_ntop(AF_INET6, &sin6->sin6_addr, addr, addr_len);
	}
	snprintf(port, port_len, "%u", ntohs(sin6->sin6_port));
    }
}

static void mail_server_session_start(MAIL_SERVER *srv, int in_fd, int out_fd)
{
    MAIL_SERVER_SESSION *sess;
    char    addr[INET6_ADDRSTRLEN + 1];
    char    port[16];

    mail_server_client_addr(in_fd, addr, sizeof(addr), port, sizeof(port));
    sess = mycalloc(1, sizeof(*sess));
    sess->server = srv;
    sess->in_fd = in_fd;
    sess->out_fd = out_fd;
    sess->out = vstring_alloc(512);
    sess->deadline = CORE_TIME_NEVER;
    if (srv->nsessions == srv->cap_sessions) {
	srv->cap_sessions = srv->cap_sessions ? 2 * srv->cap_sessions : 4;
	srv->sessions = myrealloc(srv->sessions,
				  srv->cap_sessions * sizeof(*srv->sessions));
    }
    srv->sessions[srv->nsessions++] = sess;
    srv->use_count++;
    if (msg_verbose)
	msg_info("connect from %s port %s", addr, port);
    sess->app = srv->ops->create(srv->conf, addr, port, sess, srv->ops->context);
    mail_server_event(sess, CORE_EV_START, 0, 0);
}

static int mail_server_session_done(const MAIL_SERVER_SESSION *sess)
{
    return (sess->close_pending && sess->out_off >= vstring_len(sess->out)
	    && sess->queue_len == 0);
}

static void mail_server_session_free(MAIL_SERVER_SESSION *sess)
{
    size_t  i;

    sess->server->ops->free(sess->app);
    if (sess->out_fd != sess->in_fd && sess->out_fd > 2)
	close(sess->out_fd);
    if (sess->in_fd > 2)
	close(sess->in_fd);
    for (i = 0; i < sess->queue_len; i++)
	myfree(sess->queue[i].data);
    myfree(sess->queue);
    vstring_free(sess->out);
    myfree(sess);
}

/* mail_server_reap - ends finished sessions; 1 when one ended */

static int mail_server_reap(MAIL_SERVER *srv)
{
    size_t  i;
    size_t  j;
    int     ended = 0;

    for (i = j = 0; i < srv->nsessions; i++) {
	if (mail_server_session_done(srv->sessions[i])) {
	    mail_server_session_free(srv->sessions[i]);
	    ended = 1;
	} else {
	    srv->sessions[j++] = srv->sessions[i];
	}
    }
    srv->nsessions = j;
    return (ended);
}

static int mail_server_can_accept(MAIL_SERVER *srv)
{
    if (!srv->accepting || mail_server_used_up(srv))
	return (0);
    if (srv->ops->trigger)
	return (srv->npending < MAIL_SERVER_PENDING_MAX);
    if (srv->ops->max_sessions > 0
	&& srv->nsessions >= (size_t) srv->ops->max_sessions)
	return (0);
    return (1);
}

static void mail_server_accept(MAIL_SERVER *srv, int listen_fd)
{
    int     fd;

    /* Datagram and FIFO triggers are read off the listener itself. */
    if (srv->ops->trigger && !srv->stream_triggers) {
	(void) mail_server_trigger_read(srv, listen_fd);
	return;
    }
    if ((fd = accept4(listen_fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC)) < 0) {
	/* Another process won the race, or the client left. */
	if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
	    && errno != ECONNABORTED)
	    msg_warn("accept connection: %s", strerror(errno));
	return;
    }
    if (srv->ops->trigger) {
	srv->pending[srv->npending].fd = fd;
	srv->pending[srv->npending++].deadline =
	    mail_server_now() + MAIL_SERVER_TRIGGER_TIMEOUT_MS;
	return;
    }
    mail_server_notify(srv, 0);
    mail_server_session_start(srv, fd, fd);
    if (srv->ops->max_sessions != 1 && !mail_server_used_up(srv))
	mail_server_notify(srv, 1);
}

static size_t mail_server_busy(const MAIL_SERVER *srv)
{
    return (srv->nsessions + srv->npending);
}

/* mail_server_loop - the poll loop; returns the exit status */

static int mail_server_loop(MAIL_SERVER *srv, int listen_count)
{
    struct pollfd *pfd = 0;
    size_t  pfd_cap = 0;
    size_t  n;
    size_t  i;
    size_t  nw;
    size_t  sess_base;
    size_t  pend_base;
    size_t  watch_base;
    size_t  nsess;
    size_t  npend;
    int     pend_fd[MAIL_SERVER_PENDING_MAX];
    core_time_ms now;
    core_time_ms wake;
    int     timeout;
    int     k;
    char    buf[MAIL_SERVER_READ_SIZE];
    ssize_t got;
    MAIL_SERVER_SESSION *sess;
    MAIL_SERVER_SESSION **snap = 0;

    srv->idle_since = mail_server_now();
    for (;;) {
	for (i = 0; i < srv->nsessions; i++)
	    mail_server_drain(srv->sessions[i]);
	if (mail_server_reap(srv)) {
	    if (srv->nsessions == 0) {
		srv->idle_since = mail_server_now();
		if (srv->ops->max_sessions == 1 && !mail_server_used_up(srv)
		    && srv->accepting)
		    mail_server_notify(srv, 1);
	    }
	}
	if (mail_server_busy(srv) == 0) {
	    if (srv->args.stand_alone)
		break;
	    if (mail_server_used_up(srv)) {
		if (msg_verbose)
		    msg_info("max_use reached: %ld", srv->use_count);
		break;
	    }
	    if (!srv->accepting)
		break;
	}
	mail_server_watch_compact(srv);

	/* Poll set: status pipe, listeners, sessions, triggers, watches. */
	n = 1 + listen_count + srv->nsessions + srv->npending + srv->nwatches;
	if (n > pfd_cap) {
	    pfd_cap = 2 * n;
	    pfd = myrealloc(pfd, pfd_cap * sizeof(*pfd));
	    snap = myrealloc(snap, pfd_cap * sizeof(*snap));
	}
	n = 0;
	pfd[n].fd = srv->status_fd;
	pfd[n++].events = 0;
	for (k = 0; k < listen_count; k++) {
	    pfd[n].fd = mail_server_can_accept(srv) ? MAIL_SERVER_LISTEN_FD + k : -1;
	    pfd[n++].events = POLLIN;
	}
	sess_base = n;
	nsess = srv->nsessions;
	if (nsess > 0)
	    memcpy(snap, srv->sessions, nsess * sizeof(*snap));
	for (i = 0; i < nsess; i++) {
	    sess = snap[i];
	    pfd[n].fd = sess->in_fd;
	    pfd[n].events = (sess->peer_closed || sess->close_pending) ? 0 : POLLIN;
	    if (sess->out_fd == sess->in_fd && sess->out_off < vstring_len(sess->out))
		pfd[n].events |= POLLOUT;
	    n++;
	}
	pend_base = n;
	npend = srv->npending;
	for (i = 0; i < npend; i++) {
	    pend_fd[i] = srv->pending[i].fd;
	    pfd[n].fd = pend_fd[i];
	    pfd[n++].events = POLLIN;
	}
	watch_base = n;
	nw = srv->nwatches;
	for (i = 0; i < nw; i++) {
	    pfd[n].fd = srv->watches[i].fd;
	    pfd[n++].events = srv->watches[i].events;
	}

	/* Deadlines: session timers, trigger reads, timers, the idle limit. */
	wake = CORE_TIME_NEVER;
	for (i = 0; i < nsess; i++)
	    if (snap[i]->deadline < wake)
		wake = snap[i]->deadline;
	for (i = 0; i < npend; i++)
	    if (srv->pending[i].deadline < wake)
		wake = srv->pending[i].deadline;
	for (i = 0; i < srv->ntimers; i++)
	    if (srv->timers[i].deadline < wake)
		wake = srv->timers[i].deadline;
	if (mail_server_busy(srv) == 0 && srv->max_idle > 0 && !srv->args.stand_alone
	    && srv->idle_since + srv->max_idle * 1000 < wake)
	    wake = srv->idle_since + srv->max_idle * 1000;
	now = mail_server_now();
	if (wake == CORE_TIME_NEVER)
	    timeout = -1;
	else if (wake <= now)
	    timeout = 0;
	else
	    timeout = (wake - now > 3600000) ? 3600000 : (int) (wake - now);
	if (poll(pfd, n, timeout) < 0) {
	    if (errno == EINTR)
		continue;
	    msg_fatal("poll: %s", strerror(errno));
	}
	now = mail_server_now();

	/* Master went away or reloaded: finish what we have, then exit. */
	if (srv->status_fd >= 0 && (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))) {
	    if (msg_verbose)
		msg_info("master disconnect");
	    close(srv->status_fd);
	    srv->status_fd = -1;
	    srv->accepting = 0;
	}
	for (k = 0; k < listen_count; k++)
	    if (pfd[1 + k].fd >= 0 && (pfd[1 + k].revents & POLLIN)
		&& mail_server_can_accept(srv))
		mail_server_accept(srv, MAIL_SERVER_LISTEN_FD + k);
	for (i = 0; i < nsess; i++) {
	    sess = snap[i];
	    if (pfd[sess_base + i].revents & POLLOUT)
		mail_server_flush(sess);
	    if ((pfd[sess_base + i].revents & (POLLIN | POLLHUP | POLLERR))
		&& !sess->peer_closed && !sess->close_pending) {
		got = read(sess->in_fd, buf, sizeof(buf));
		if (got > 0) {
		    mail_server_event(sess, CORE_EV_BYTES, buf, (size_t) got);
		} else if (got == 0 || (errno != EAGAIN && errno != EINTR
					&& errno != EWOULDBLOCK)) {
		    sess->peer_closed = 1;
		    mail_server_event(sess, CORE_EV_PEER_CLOSED, 0, 0);
		}
	    }
	    if (sess->deadline != CORE_TIME_NEVER && sess->deadline <= now) {
		sess->deadline = CORE_TIME_NEVER;
		mail_server_event(sess, CORE_EV_TIMER, 0, 0);
	    }
	    /* Stand-alone output goes to another descriptor: write it now. */
	    if (sess->out_fd != sess->in_fd && sess->out_off < vstring_len(sess->out))
		mail_server_flush(sess);
	}
	/* Stream triggers: one read each, then the connection is done. */
	for (i = 0; i < npend; i++) {
	    for (k = 0; k < (int) srv->npending; k++)
		if (srv->pending[k].fd == pend_fd[i])
		    break;
	    if (k == (int) srv->npending)
		continue;
	    if ((pfd[pend_base + i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
		if (mail_server_trigger_read(srv, pend_fd[i]) == 0)
		    mail_server_pending_drop(srv, (size_t) k);
	    } else if (srv->pending[k].deadline <= now) {
		mail_server_pending_drop(srv, (size_t) k);
	    }
	}
	for (i = 0; i < nw; i++) {
	    if (pfd[watch_base + i].revents == 0)
		continue;
	    /* The callback may have unwatched it meanwhile. */
	    if (i < srv->nwatches && srv->watches[i].fd == pfd[watch_base + i].fd)
		srv->watches[i].fn(srv->watches[i].fd, pfd[watch_base + i].revents,
				   srv->watches[i].context);
	}
	mail_server_run_timers(srv, mail_server_now());
	if (mail_server_busy(srv) == 0 && srv->max_idle > 0 && !srv->args.stand_alone
	    && now >= srv->idle_since + srv->max_idle * 1000) {
	    if (msg_verbose)
		msg_info("idle timeout -- exiting");
	    break;
	}
    }
    myfree(pfd);
    myfree(snap);
    return (0);
}

/* Setup. */

static void mail_server_logging(MAIL_SERVER *srv)
{
    VSTRING *err = vstring_alloc(100);
    const char *name;
    const char *logfile;
    char   *tag;

    if ((name = mail_conf_expand(srv->conf, "syslog_name", err)) == 0 || *name == 0)
	name = "postfix";
    tag = concatenate(name, "/", srv->procname, (char *) 0);
    msg_output_reset();
    logfile = mail_conf_expand(srv->conf, "maillog_file", err);
    if (logfile && *logfile) {
	if (msg_logfile_init(logfile, tag) < 0)
	    msg_syslog_init(tag, LOG_MAIL);
    } else {
	msg_syslog_init(tag, LOG_MAIL);
    }
    if (srv->args.stand_alone || srv->args.foreground)
	msg_stderr_init(tag);
    myfree(tag);
    vstring_free(err);
}

static void mail_server_drop_privileges(MAIL_SERVER *srv)
{
    VSTRING *err = vstring_alloc(100);
    const char *owner;
    struct passwd *pw;

    if (geteuid() != 0 || !srv->args.unprivileged) {
	vstring_free(err);
	return;
    }
    if ((owner = mail_conf_expand(srv->conf, "mail_owner", err)) == 0)
	msg_fatal("%s", vstring_str(err));
    if ((pw = getpwnam(owner)) == 0)
	msg_fatal("file %s/main.cf: parameter mail_owner: unknown user name value: %s",
		  mail_conf_raw(srv->conf, "config_directory"), owner);
    if (setgid(pw->pw_gid) < 0 || initgroups(owner, pw->pw_gid) < 0
	|| setuid(pw->pw_uid) < 0)
	msg_fatal("change to user %s: %s", owner, strerror(errno));
    vstring_free(err);
}

static long mail_server_long(MAIL_SERVER *srv, const char *name, int is_time)
{
    VSTRING *err = vstring_alloc(100);
    long    value;
    int     rc;

    rc = is_time ? mail_conf_time(srv->conf, name, 's', &value, err)
	: mail_conf_int(srv->conf, name, &value, err);
    if (rc < 0)
	msg_fatal("%s", vstring_str(err));
    vstring_free(err);
    return (value);
}

int     mail_server_main(int argc, char **argv, const MAIL_SERVER_OPS *ops)
{
    MAIL_SERVER *srv;
    VSTRING *err = vstring_alloc(100);
    MAIN_CF *main_cf;
    const char *config_dir;
    const char *gen;
    const char *transport;
    char   *path;
    int     status;
    int     k;

    srv = mycalloc(1, sizeof(*srv));
    srv->ops = ops;
    srv->procname = mystrdup(argc > 0 && strrchr(argv[0], '/') ?
			     strrchr(argv[0], '/') + 1 : argc > 0 ? argv[0] : "mail");
    msg_stderr_init(srv->procname);
    signal(SIGPIPE, SIG_IGN);
    if (mail_server_args_parse(&srv->args, argc, argv, err) < 0)
	msg_fatal("%s", vstring_str(err));
    msg_verbose = srv->args.verbose;

    /* main.cf, then the -o overrides. */
    if ((config_dir = getenv("MAIL_CONFIG")) == 0 || *config_dir == 0)
	config_dir = "/etc/postfix";
    main_cf = main_cf_create();
    path = concatenate(config_dir, "/main.cf", (char *) 0);
    if (main_cf_read(main_cf, path, err) < 0)
	msg_fatal("%s", vstring_str(err));
    myfree(path);
    srv->conf = mail_conf_create(main_cf);
    mail_conf_override(srv->conf, "config_directory", config_dir);
    mail_server_args_apply(&srv->args, srv->conf);
    mail_conf_override(srv->conf, "process_name", srv->procname);
    mail_server_logging(srv);
    if (msg_verbose)
	msg_info("daemon started");

    srv->max_use = mail_server_long(srv, "max_use", 0);
    srv->max_idle = mail_server_long(srv, "max_idle", 1);
    if ((gen = getenv(MAIL_SERVER_GEN_ENV)) != 0)
	srv->gen = (unsigned) strtoul(gen, 0, 10);
    srv->status_fd = -1;
    if (!srv->args.stand_alone && fcntl(MAIL_SERVER_STATUS_FD, F_GETFD) >= 0) {
	srv->status_fd = MAIL_SERVER_STATUS_FD;
	fcntl(srv->status_fd, F_SETFD, FD_CLOEXEC);
    }
    srv->accepting = !srv->args.stand_alone;
    /*
     * Session servers need a stream; trigger servers take any listener but
     * a passed descriptor. Descriptor passing is not served yet.
     */
    transport = srv->args.transport ? srv->args.transport : "unix";
    if (!srv->args.stand_alone
	&& (strcmp(transport, "pass") == 0
	    || (ops->trigger == 0 && (strcmp(transport, "unix-dgram") == 0
				      || strcmp(transport, "fifo") == 0))))
	msg_fatal("%s: transport %s is not supported by this server",
		  srv->args.service, transport);
    srv->stream_triggers = strcmp(transport, "unix") == 0
	|| strcmp(transport, "inet") == 0;
    if (!srv->args.stand_alone) {
	for (k = 0; k < srv->args.socket_count; k++) {
	    if (fcntl(MAIL_SERVER_LISTEN_FD + k, F_GETFD) < 0)
		msg_fatal("no listener on descriptor %d: run this program from master(8), or use -S",
			  MAIL_SERVER_LISTEN_FD + k);
	    fcntl(MAIL_SERVER_LISTEN_FD + k, F_SETFD, FD_CLOEXEC);
	    fcntl(MAIL_SERVER_LISTEN_FD + k, F_SETFL,
		  fcntl(MAIL_SERVER_LISTEN_FD + k, F_GETFL) | O_NONBLOCK);
	}
    }
    mail_server_drop_privileges(srv);
    core_outbox_init(&srv->box);
    if (ops->init && ops->init(srv, srv->conf, ops->context) != 0)
	msg_fatal("%s: initialization failed", srv->args.service);

    if (srv->args.stand_alone) {
	fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
	if (ops->trigger) {
	    /* Standard input is one stream trigger. */
	    srv->pending[0].fd = 0;
	    srv->pending[0].deadline = mail_server_now() + MAIL_SERVER_TRIGGER_TIMEOUT_MS;
	    srv->npending = 1;
	} else {
	    mail_server_session_start(srv, 0, 1);
	}
    }
    status = mail_server_loop(srv, srv->args.stand_alone ? 0 : srv->args.socket_count);

    while (srv->nsessions > 0)
	mail_server_session_free(srv->sessions[--srv->nsessions]);
    while (srv->npending > 0)
	mail_server_pending_drop(srv, srv->npending - 1);
    myfree(srv->timers);
    myfree(srv->sessions);
    myfree(srv->watches);
    core_outbox_free(&srv->box);
    mail_conf_free(srv->conf);
    mail_server_args_free(&srv->args);
    myfree(srv->procname);
    myfree(srv);
    vstring_free(err);
    return (status);
}

const char *mail_server_client_name(const char *addr, VSTRING *name)
{
    struct addrinfo hints, *res, *ai;
    char    host[NI_MAXHOST];
    char    back[NI_MAXHOST];
    int     confirmed = 0;

    vstring_strcpy(name, "unknown");
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(addr, (char *) 0, &hints, &res) != 0)
	return (vstring_str(name));
    if (getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host),
		    (char *) 0, 0, NI_NAMEREQD) == 0) {
	freeaddrinfo(res);
	/* The name counts only when it resolves back to the address. */
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, (char *) 0, &hints, &res) != 0)
	    return (vstring_str(name));
	for (ai = res; ai && !confirmed; ai = ai->ai_next)
	    confirmed = (getnameinfo(ai->ai_addr, ai->ai_addrlen, back, sizeof(back),
			       (char *) 0, 0, NI_NUMERICHOST) == 0
			 && strcmp(back, addr) == 0);
	if (confirmed)
	    vstring_strcpy(name, host);
    }
    freeaddrinfo(res);
    return (vstring_str(name));
}
