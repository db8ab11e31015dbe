/*
 * NAME
 *	master_io 3
 * SUMMARY
 *	master(8) listeners, child processes and wakeup triggers
 * DESCRIPTION
 *	master_io_listen() opens a service's listeners: TCP sockets for
 *	inet (one per address), UNIX-domain sockets under
 *	$queue_directory/private or public for unix, unix-dgram and pass,
 *	a FIFO for fifo. master_io_spawn() starts a child with the status
 *	pipe on MAIL_SERVER_STATUS_FD and the listeners from
 *	MAIL_SERVER_LISTEN_FD on (mail_server.h). master_io_wakeup() sends
 *	the one-byte "W" trigger a stock wakeup sends.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "mail_server.h"
#include "master.h"
#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"

#define MASTER_LISTEN_BACKLOG	100

static char *master_io_path(const MASTER_SERV *serv, const MASTER_IO_OPTS *opts)
{
    return (concatenate(opts->queue_directory, serv->private_ ? "/private/" : "/public/",
			serv->name, (char *) 0));
}

static int master_io_inet_addr(const char *host, const char *port,
			               struct sockaddr_storage *ss, socklen_t *len,
			               VSTRING *err)
{
    struct addrinfo hints;
    struct addrinfo *res;
    int     rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
	vstring_sprintf(err, "%s:%s: %s", host, port, gai_strerror(rc));
	return (-1);
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return (0);
}

static int master_io_inet_listen(const char *host, const char *port, VSTRING *err)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int     fd;
    int     on = 1;

    if (master_io_inet_addr(host, port, &ss, &len, err) < 0)
	return (-1);
    if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
	vstring_sprintf(err, "socket: %s", strerror(errno));
	return (-1);
    }
    (void) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (ss.ss_family == AF_INET6)
	(void) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
    if (bind(fd, (struct sockaddr *) &ss, len) < 0) {
	vstring_sprintf(err, "bind %s port %s: %s", host, port, strerror(errno));
	close(fd);
	return (-1);
    }
    if (listen(fd, MASTER_LISTEN_BACKLOG) < 0) {
	vstring_sprintf(err, "listen: %s", strerror(errno));
	close(fd);
	return (-1);
    }
    return (fd);
}

static int master_io_unix_listen(const char *path, int type, VSTRING *err)
{
    struct sockaddr_un sun;
    int     fd;

    if (strlen(path) >= sizeof(sun.sun_path)) {
	vstring_sprintf(err, "unix-domain name too long: %s", path);
	return (-1);
    }
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    strcpy(sun.sun_path, path);
    if ((fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0)) < 0) {
	vstring_sprintf(err, "socket: %s", strerror(errno));
	return (-1);
    }
    if (unlink(path) < 0 && errno != ENOENT) {
	vstring_sprintf(err, "remove %s: %s", path, strerror(errno));
	close(fd);
	return (-1);
    }
    if (bind(fd, (struct sockaddr *) &sun, sizeof(sun)) < 0) {
	vstring_sprintf(err, "bind: %s: %s", path, strerror(errno));
	close(fd);
	return (-1);
    }
    (void) chmod(path, 0666);
    if (type == SOCK_STREAM && listen(fd, MASTER_LISTEN_BACKLOG) < 0) {
	vstring_sprintf(err, "listen: %s", strerror(errno));
	close(fd);
	return (-1);
    }
    return (fd);
}

static int master_io_fifo_listen(const char *path, VSTRING *err)
{
    int     fd;

    if (unlink(path) < 0 && errno != ENOENT) {
	vstring_sprintf(err, "remove %s: %s", path, strerror(errno));
	return (-1);
    }
    if (mkfifo(path, 0622) < 0) {
	vstring_sprintf(err, "create fifo %s: %s", path, strerror(errno));
	return (-1);
    }
    /* Read-write, so the FIFO never reports end-of-file. */
    if ((fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0) {
	vstring_sprintf(err, "open %s: %s", path, strerror(errno));
	return (-1);
    }
    (void) chmod(path, 0622);
    return (fd);
}

int     master_io_listen(MASTER_SERV *serv, const MASTER_IO_OPTS *opts, VSTRING *err)
{
    char   *path;
    int     k;
    int     fd;

    for (k = 0; k < serv->listen_fd_count; k++) {
	if (serv->type == MASTER_SERV_INET) {
	    fd = master_io_inet_listen(serv->listen_addrs->argv[k], serv->listen_port, err);
	} else {
	    path = master_io_path(serv, opts);
	    fd = serv->type == MASTER_SERV_FIFO ? master_io_fifo_listen(path, err)
		: master_io_unix_listen(path, serv->type == MASTER_SERV_UNIX_DGRAM ?
					SOCK_DGRAM : SOCK_STREAM, err);
	    myfree(path);
	}
	if (fd < 0) {
	    master_io_unlisten(serv, 0);
	    return (-1);
	}
	serv->listen_fd[k] = fd;
    }
    return (0);
}

void    master_io_unlisten(MASTER_SERV *serv, const MASTER_IO_OPTS *opts)
{
    int     k;
    char   *path;

    for (k = 0; k < serv->listen_fd_count; k++) {
	if (serv->listen_fd[k] >= 0)
	    close(serv->listen_fd[k]);
	serv->listen_fd[k] = -1;
    }
    if (opts && serv->type != MASTER_SERV_INET) {
	path = master_io_path(serv, opts);
	(void) unlink(path);
	myfree(path);
    }
}

int     master_io_status_open(MASTER_SERV *serv)
{
    if (pipe2(serv->status_fd, O_CLOEXEC) < 0)
	return (-1);
    fcntl(serv->status_fd[0], F_SETFL, O_NONBLOCK);
    serv->gen++;
    return (0);
}

void    master_io_status_close(MASTER_SERV *serv)
{
    if (serv->status_fd[0] >= 0)
	close(serv->status_fd[0]);
    if (serv->status_fd[1] >= 0)
	close(serv->status_fd[1]);
    serv->status_fd[0] = serv->status_fd[1] = -1;
}

/* master_io_spawn - fork and exec one child; -1 on fork failure */

pid_t   master_io_spawn(MASTER_SERV *serv, const MASTER_IO_OPTS *opts)
{
    pid_t   pid;
    int     high[64];
    int     k;
    int     n;
    char    gen[32];
    sigset_t none;

    if ((pid = fork()) != 0) {
	if (pid < 0)
	    msg_warn("fork: %s", strerror(errno));
	return (pid);
    }
    /* Child: move the descriptors out of the way, then into place. */
    n = serv->listen_fd_count < 63 ? serv->listen_fd_count : 63;
    high[0] = fcntl(serv->status_fd[1], F_DUPFD, 100);
    for (k = 0; k < n; k++)
	high[k + 1] = fcntl(serv->listen_fd[k], F_DUPFD, 100);
    if (dup2(high[0], MAIL_SERVER_STATUS_FD) < 0)
	_exit(1);
    for (k = 0; k < n; k++)
	if (dup2(high[k + 1], MAIL_SERVER_LISTEN_FD + k) < 0)
	    _exit(1);
    closefrom(MAIL_SERVER_LISTEN_FD + n);
    for (k = 3; k < MAIL_SERVER_STATUS_FD; k++)
	close(k);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, 0);
    snprintf(gen, sizeof(gen), "%u", serv->gen);
    setenv(MAIL_SERVER_GEN_ENV, gen, 1);
    if (opts->config_directory)
	setenv("MAIL_CONFIG", opts->config_directory, 1);
    execv(serv->path, serv->args->argv);
    msg_fatal("%s: exec %s: %s", serv->name, serv->path, strerror(errno));
}

static void master_io_trigger_unix(const char *path, int type)
{
    struct sockaddr_un sun;
    int     fd;
    ssize_t ignored;

    if (strlen(path) >= sizeof(sun.sun_path))
	return;
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    strcpy(sun.sun_path, path);
    if ((fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0)
	return;
    if (connect(fd, (struct sockaddr *) &sun, sizeof(sun)) == 0) {
	ignored = write(fd, "W", 1);
	(void) ignored;
    } else if (msg_verbose) {
	msg_info("trigger %s: %s", path, strerror(errno));
    }
    close(fd);
}

void    master_io_wakeup(MASTER_SERV *serv, const MASTER_IO_OPTS *opts)
{
    char   *path;
    int     fd;
    ssize_t ignored;
    struct sockaddr_storage ss;
    socklen_t len;
    VSTRING *err;

    if (msg_verbose)
	msg_info("wakeup %s/%s", serv->name, serv->type_name);
    switch (serv->type) {
    case MASTER_SERV_INET:
	err = vstring_alloc(100);
	if (master_io_inet_addr(strcmp(serv->listen_addrs->argv[0], "0.0.0.0") == 0 ?
				"127.0.0.1" : strcmp(serv->listen_addrs->argv[0], "::") == 0 ?
				"::1" : serv->listen_addrs->argv[0],
				serv->listen_port, &ss, &len, err) == 0
	    && (fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0) {
	    if (connect(fd, (struct sockaddr *) &ss, len) == 0) {
		ignored = write(fd, "W", 1);
		(void) ignored;
	    }
	    close(fd);
	}
	vstring_free(err);
	break;
    case MASTER_SERV_FIFO:
	path = master_io_path(serv, opts);
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) >= 0) {
	    ignored = write(fd, "W", 1);
	    (void) ignored;
	    close(fd);
	}
	myfree(path);
	break;
    default:
	path = master_io_path(serv, opts);
	master_io_trigger_unix(path, serv->type == MASTER_SERV_UNIX_DGRAM ?
			       SOCK_DGRAM : SOCK_STREAM);
	myfree(path);
	break;
    }
}

void    master_io_kill_children(MASTER_SERV *serv, int sig)
{
    MASTER_PROC *proc;

    for (proc = serv->children; proc; proc = proc->next)
	(void) kill(proc->pid, sig);
}
