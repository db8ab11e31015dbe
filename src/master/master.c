/*
 * NAME
 *	master 8
 * SUMMARY
 *	Postfix-compatible master process
 * DESCRIPTION
 *	master reads main.cf and master.cf, opens every service's
 *	listeners and starts $daemon_directory/<command> on demand when a
 *	client waits and no child of the service is free, within the
 *	service's process limit. Children report "available" and "taken"
 *	over the status pipe (mail_server.h). Abnormal exits before a
 *	child served anyone throttle the service; wakeup triggers are sent
 *	on schedule. SIGHUP re-reads the configuration: listeners of kept
 *	services stay open, new ones open, removed ones close, and old
 *	children finish their clients and exit. SIGTERM stops everything.
 *	Options: -c config_dir, -d (stay in the foreground), -t (exit 0
 *	when no master is running), -v, -w (wait until started).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "mail_conf.h"
#include "mail_server.h"
#include "main_cf.h"
#include "master.h"
#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"

static int master_sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t master_got_hup;
static volatile sig_atomic_t master_got_term;
static volatile sig_atomic_t master_got_chld;

typedef struct MASTER {
    char   *config_dir;
    MAIL_CONF *conf;
    MASTER_IO_OPTS io;
    MASTER_SERVS servs;
    MASTER_SERVS retired;		/* old configuration, children still running */
    int64_t throttle_ms;
    int     verbose;
    int     foreground;			/* -d */
    int     keep_stdout;		/* -s, -i */
    int     init_mode;			/* -i */
    int64_t exit_at;			/* -e: ms; 0 = never */
} MASTER;

static MASTER master;			/* global: reachable until exit */

static void master_sig(int sig)
{
    int     saved = errno;
    ssize_t ignored;

    if (sig == SIGHUP)
	master_got_hup = 1;
    else if (sig == SIGCHLD)
	master_got_chld = 1;
    else
	master_got_term = sig;
    ignored = write(master_sig_pipe[1], "", 1);
    (void) ignored;
    errno = saved;
}

static const char *master_expand(MASTER *m, const char *name)
{
    VSTRING *err = vstring_alloc(100);
    const char *value;

    if ((value = mail_conf_expand(m->conf, name, err)) == 0)
	msg_fatal("%s", vstring_str(err));
    vstring_free(err);
    return (value);
}

/* master_read_main - (re)load main.cf */

static void master_read_main(MASTER *m)
{
    VSTRING *err = vstring_alloc(100);
    MAIN_CF *main_cf = main_cf_create();
    char   *path = concatenate(m->config_dir, "/main.cf", (char *) 0);
    long    secs;

    if (main_cf_read(main_cf, path, err) < 0)
	msg_fatal("%s", vstring_str(err));
    myfree(path);
    if (m->conf)
	mail_conf_free(m->conf);
    m->conf = mail_conf_create(main_cf);
    mail_conf_override(m->conf, "config_directory", m->config_dir);
    if (mail_conf_time(m->conf, "service_throttle_time", 's', &secs, err) < 0)
	msg_fatal("%s", vstring_str(err));
    m->throttle_ms = secs * 1000;
    m->io.queue_directory = master_expand(m, "queue_directory");
    m->io.mail_owner = master_expand(m, "mail_owner");
    m->io.config_directory = m->config_dir;
    vstring_free(err);
}

static void master_logging(MASTER *m, int to_stderr)
{
    const char *name = master_expand(m, "syslog_name");
    const char *logfile = master_expand(m, "maillog_file");
    char   *tag = concatenate(*name ? name : "postfix", "/master", (char *) 0);

    msg_output_reset();
    if (*logfile) {
	if (msg_logfile_init(logfile, tag) < 0)
	    msg_fatal("open %s: %s", logfile, strerror(errno));
    } else {
	msg_syslog_init(tag, LOG_MAIL);
    }
    if (to_stderr)
	msg_stderr_init(tag);
    myfree(tag);
}

/* master_read_services - master.cf into a service list */

static int master_read_services(MASTER *m, MASTER_SERVS *servs, VSTRING *err)
{
    MASTER_CF cf = MASTER_CF_INIT;
    MASTER_ENT_OPTS opts;
    char   *path = concatenate(m->config_dir, "/master.cf", (char *) 0);
    long    limit;
    size_t  i;
    int     rc;

    rc = master_cf_read(&cf, path, err);
    myfree(path);
    if (rc < 0) {
	master_cf_free(&cf);
	return (-1);
    }
    for (i = 0; cf.warnings && i < cf.warnings->argc; i++)
	msg_warn("%s", cf.warnings->argv[i]);
    if (mail_conf_int(m->conf, "default_process_limit", &limit, err) < 0) {
	master_cf_free(&cf);
	return (-1);
    }
    memset(&opts, 0, sizeof(opts));
    opts.daemon_directory = master_expand(m, "daemon_directory");
    opts.default_process_limit = (int) limit;
    opts.inet_interfaces = master_expand(m, "inet_interfaces");
    opts.inet_protocols = master_expand(m, "inet_protocols");
    opts.verbose = m->verbose;
    opts.foreground = m->foreground;
    opts.service_disable = master_expand(m, "master_service_disable");
    rc = master_ent_load(servs, &cf, &opts, err);
    master_cf_free(&cf);
    return (rc);
}

static int64_t master_now(void)
{
    return (mail_server_now());
}

static int master_start_service(MASTER *m, MASTER_SERV *serv)
{
    VSTRING *err = vstring_alloc(100);

    if (master_io_listen(serv, &m->io, err) < 0) {
	msg_warn("%s/%s: %s -- service disabled", serv->name, serv->type_name,
		 vstring_str(err));
	vstring_free(err);
	return (-1);
    }
    if (master_io_status_open(serv) < 0)
	msg_fatal("pipe: %s", strerror(errno));
    master_sched_wakeup_init(serv, master_now());
    vstring_free(err);
    return (0);
}

/* master_retire - stop a service; its children finish and exit */

static void master_retire(MASTER *m, MASTER_SERV *serv, int close_listeners)
{
    if (close_listeners)
	master_io_unlisten(serv, &m->io);
    master_io_status_close(serv);
    if (serv->children == 0) {
	master_ent_free(serv);
	return;
    }
    m->retired.serv = myrealloc(m->retired.serv, (m->retired.count + 1) * sizeof(MASTER_SERV *));
    m->retired.serv[m->retired.count++] = serv;
}

static void master_reload(MASTER *m)
{
    VSTRING *err = vstring_alloc(100);
    MASTER_SERVS fresh = {0, 0};
    size_t  i;
    size_t  j;
    int     k;
    MASTER_SERV *old;
    MASTER_SERV *serv;

    master_read_main(m);
    master_logging(m, m->foreground);
    msg_info("reload -- version %s, configuration %s",
	     master_expand(m, "mail_version"), m->config_dir);
    if (master_read_services(m, &fresh, err) < 0) {
	msg_warn("%s -- keeping the old configuration", vstring_str(err));
	master_servs_free(&fresh);
	vstring_free(err);
	return;
    }
    for (i = 0; i < fresh.count; i++) {
	serv = fresh.serv[i];
	old = 0;
	for (j = 0; j < m->servs.count; j++)
	    if (m->servs.serv[j] && master_ent_same(m->servs.serv[j], serv)) {
		old = m->servs.serv[j];
		m->servs.serv[j] = 0;
		break;
	    }
	if (old) {
	    /* Keep the listeners; a new generation of children. */
	    for (k = 0; k < serv->listen_fd_count; k++) {
		serv->listen_fd[k] = old->listen_fd[k];
		old->listen_fd[k] = -1;
	    }
	    serv->gen = old->gen;
	    serv->used = old->used;
	    master_retire(m, old, 0);
	    if (master_io_status_open(serv) < 0)
		msg_fatal("pipe: %s", strerror(errno));
	    master_sched_wakeup_init(serv, master_now());
	} else {
	    (void) master_start_service(m, serv);
	}
    }
    /* Removed services: their children are terminated now. */
    for (j = 0; j < m->servs.count; j++) {
	if (m->servs.serv[j]) {
	    master_io_kill_children(m->servs.serv[j], SIGTERM);
	    master_retire(m, m->servs.serv[j], 1);
	}
    }
    myfree(m->servs.serv);
    m->servs = fresh;
    vstring_free(err);
}

static void master_reap(MASTER *m)
{
    pid_t   pid;
    int     status;
    int     found;
    int     normal;
    int     throttle;
    size_t  i;
    MASTER_SERV *serv;
    int64_t now = master_now();

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
	normal = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	found = 0;
	for (i = 0; !found && i < m->servs.count + m->retired.count; i++) {
	    serv = i < m->servs.count ? m->servs.serv[i] : m->retired.serv[i - m->servs.count];
	    if (serv == 0)
		continue;
	    throttle = master_sched_reap(serv, pid, normal, now, m->throttle_ms, &found);
	    if (found && !normal) {
		if (WIFEXITED(status))
		    msg_warn("process %s pid %d exit status %d", serv->path,
			     (int) pid, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
		    msg_warn("process %s pid %d killed by signal %d", serv->path,
			     (int) pid, WTERMSIG(status));
	    }
	    if (throttle)
		msg_warn("%s: bad command startup -- throttling", serv->path);
	}
    }
    /* Retired services go away with their last child. */
    for (i = 0; i < m->retired.count; i++) {
	if (m->retired.serv[i]->children == 0) {
	    master_ent_free(m->retired.serv[i]);
	    m->retired.serv[i--] = m->retired.serv[--m->retired.count];
	}
    }
}

static void master_read_status(MASTER_SERV *serv)
{
    MAIL_SERVER_STATUS st;
    ssize_t n;

    while ((n = read(serv->status_fd[0], &st, sizeof(st))) == (ssize_t) sizeof(st))
	if (master_sched_status(serv, st.pid, st.gen, st.avail) < 0 && msg_verbose)
	    msg_info("%s: status from unknown process %d", serv->name, st.pid);
}

static int master_lock(const char *path, int *fd_out)
{
    int     fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0)
	msg_fatal("open lock file %s: %s", path, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
	close(fd);
	return (-1);
    }
    *fd_out = fd;
    return (0);
}

static void master_write_pid(int fd)
{
    char    buf[64];
    int     len;
    ssize_t ignored;

    len = snprintf(buf, sizeof(buf), "%*lu\n", (int) sizeof(unsigned long) * 4,
		   (unsigned long) getpid());
    if (ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0) {
	ignored = write(fd, buf, len);
	(void) ignored;
    }
}

/* master_test - -t: 0 when no master holds the pid file lock */

static int master_test(MASTER *m)
{
    char   *path = concatenate(master_expand(m, "queue_directory"), "/pid/master.pid",
			       (char *) 0);
    int     fd;

    if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0) {
	myfree(path);
	return (0);
    }
    myfree(path);
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
	msg_fatal_status(1, "the Postfix mail system is already running");
    }
    close(fd);
    return (0);
}

static void master_loop(MASTER *m)
{
    struct pollfd *pfd = 0;
    MASTER_SERV **owner = 0;
    int    *kind = 0;
    size_t  cap = 0;
    size_t  n;
    size_t  i;
    int     k;
    int64_t now;
    int64_t wake;
    int     timeout;
    char    junk[64];
    MASTER_SERV *serv;

    for (;;) {
	if (master_got_term) {
	    msg_info("terminating on signal %d", (int) master_got_term);
	    signal(SIGTERM, SIG_IGN);
	    for (i = 0; i < m->servs.count; i++)
		if (m->servs.serv[i])
		    master_io_kill_children(m->servs.serv[i], SIGTERM);
	    for (i = 0; i < m->retired.count; i++)
		master_io_kill_children(m->retired.serv[i], SIGTERM);
	    exit(0);
	}
	if (m->exit_at && master_now() >= m->exit_at) {
	    msg_info("master exit time has arrived");
	    exit(0);
	}
	if (master_got_chld) {
	    master_got_chld = 0;
	    master_reap(m);
	}
	if (master_got_hup) {
	    master_got_hup = 0;
	    master_reload(m);
	}
	now = master_now();
	for (i = 0; i < m->servs.count; i++)
	    if (m->servs.serv[i]->status_fd[0] >= 0
		&& master_sched_wakeup_due(m->servs.serv[i], now))
		master_io_wakeup(m->servs.serv[i], &m->io);

	n = 1;
	for (i = 0; i < m->servs.count; i++)
	    n += 1 + m->servs.serv[i]->listen_fd_count;
	if (n > cap) {
	    cap = 2 * n;
	    pfd = myrealloc(pfd, cap * sizeof(*pfd));
	    owner = myrealloc(owner, cap * sizeof(*owner));
	    kind = myrealloc(kind, cap * sizeof(*kind));
	}
	n = 0;
	pfd[n].fd = master_sig_pipe[0];
	pfd[n].events = POLLIN;
	owner[n] = 0;
	kind[n++] = 0;
	wake = m->exit_at ? m->exit_at : INT64_MAX;
	for (i = 0; i < m->servs.count; i++) {
	    serv = m->servs.serv[i];
	    if (serv->status_fd[0] < 0)
		continue;
	    pfd[n].fd = serv->status_fd[0];
	    pfd[n].events = POLLIN;
	    owner[n] = serv;
	    kind[n++] = 1;
	    if (master_sched_want_spawn(serv, now)) {
		for (k = 0; k < serv->listen_fd_count; k++) {
		    pfd[n].fd = serv->listen_fd[k];
		    pfd[n].events = POLLIN;
		    owner[n] = serv;
		    kind[n++] = 2;
		}
	    } else if (serv->throttle_until > now && serv->throttle_until < wake) {
		wake = serv->throttle_until;
	    }
	    if (serv->next_wakeup && serv->next_wakeup < wake)
		wake = serv->next_wakeup;
	}
	timeout = wake == INT64_MAX ? -1 : wake <= now ? 0
	    : wake - now > 3600000 ? 3600000 : (int) (wake - now);
	if (poll(pfd, n, timeout) < 0) {
	    if (errno == EINTR)
		continue;
	    msg_fatal("poll: %s", strerror(errno));
	}
	if (pfd[0].revents & POLLIN)
	    while (read(master_sig_pipe[0], junk, sizeof(junk)) > 0)
		 /* void */ ;
	for (i = 1; i < n; i++) {
	    if (pfd[i].revents == 0)
		continue;
	    serv = owner[i];
	    if (kind[i] == 1) {
		master_read_status(serv);
	    } else if (master_sched_want_spawn(serv, master_now())) {
		pid_t   pid = master_io_spawn(serv, &m->io);

		if (pid > 0)
		    master_sched_add_child(serv, pid);
		if (msg_verbose)
		    msg_info("spawn %s pid %d", serv->path, (int) pid);
	    }
	}
    }
}

static void master_usage(const char *prog)
{
    msg_fatal("usage: %s [-c config_dir] [-D (debug)] [-d (don't detach from terminal)] "
	      "[-e exit_time] [-t (test)] [-v] [-w (wait for initialization)]", prog);
}

int     main(int argc, char **argv)
{
    MASTER *m = &master;
    int     ch;
    int     test_only = 0;
    int     wait_flag = 0;
    int     pid_fd;
    int     lock_fd;
    int     init_pipe[2] = {-1, -1};
    char   *path;
    const char *env;
    static VSTRING *err;
    struct sigaction sa;
    struct passwd *pw;
    size_t  i;
    pid_t   pid;
    char    ok;
    int     null_fd;
    long    exit_secs = 0;
    char   *end;

    err = vstring_alloc(100);
    msg_stderr_init("postfix/master");
    while ((ch = getopt(argc, argv, "c:dDe:istvw")) > 0) {
	switch (ch) {
	case 'c':
	    myfree(m->config_dir);
	    m->config_dir = mystrdup(optarg);
	    break;
	case 'd':
	    m->foreground = 1;
	    break;
	case 'D':
	    break;
	case 'e':
	    errno = 0;
	    exit_secs = strtol(optarg, &end, 10);
	    if (*optarg == 0 || *end != 0 || errno != 0 || exit_secs < 0)
		msg_fatal("bad exit time: %s", optarg);
	    break;
	case 'i':
	    if (getpid() != 1)
		msg_fatal("-i is allowed only for PID 1 process");
	    m->init_mode = 1;
	    m->keep_stdout = 1;
	    break;
	case 's':
	    m->keep_stdout = 1;
	    break;
	case 't':
	    test_only = 1;
	    break;
	case 'v':
	    m->verbose++;
	    msg_verbose++;
	    break;
	case 'w':
	    wait_flag = 1;
	    break;
	default:
	    master_usage(argv[0]);
	}
    }
    if (optind < argc)
	master_usage(argv[0]);
    if (wait_flag && m->init_mode)
	msg_fatal("the -i and -w options are mutually exclusive");
    if (m->config_dir == 0)
	m->config_dir = mystrdup((env = getenv("MAIL_CONFIG")) && *env ? env : "/etc/postfix");
    setenv("MAIL_CONFIG", m->config_dir, 1);
    master_read_main(m);
    if (test_only)
	return (master_test(m));
    if (geteuid() == 0 && (pw = getpwnam(m->io.mail_owner)) == 0)
	msg_fatal("file %s/main.cf: parameter mail_owner: unknown user name value: %s",
		  m->config_dir, m->io.mail_owner);
    if (chdir(m->io.queue_directory) < 0)
	msg_fatal("chdir %s: %s", m->io.queue_directory, strerror(errno));

    /*
     * With -w a dummy foreground process waits for the real master to
     * report that its listeners are open. Without -w master stays in the
     * process it was started in, as stock does.
     */
    if (wait_flag) {
	if (pipe2(init_pipe, O_CLOEXEC) < 0)
	    msg_fatal("pipe: %s", strerror(errno));
	if ((pid = fork()) < 0)
	    msg_fatal("fork: %s", strerror(errno));
	if (pid > 0) {
	    close(init_pipe[1]);
	    _exit(read(init_pipe[0], &ok, 1) == 1 ? 0 : 1);
	}
	close(init_pipe[0]);
    }

    /* Locks: the pid file and $data_directory/master.lock. */
    path = concatenate(m->io.queue_directory, "/pid/master.pid", (char *) 0);
    if (master_lock(path, &pid_fd) < 0)
	msg_fatal("the Postfix mail system is already running");
    myfree(path);
    path = concatenate(master_expand(m, "data_directory"), "/master.lock", (char *) 0);
    if (master_lock(path, &lock_fd) < 0)
	msg_fatal("the Postfix mail system is already running");
    myfree(path);

    /* A process group of our own, so that a forced stop gets everyone. */
    if (!m->init_mode && !m->foreground && setsid() < 0 && getsid(0) != getpid())
	msg_fatal("unable to set session and process group ID: %s", strerror(errno));
    master_write_pid(pid_fd);
    master_write_pid(lock_fd);
    master_logging(m, m->foreground);
    if (!m->foreground && (null_fd = open("/dev/null", O_RDWR)) >= 0) {
	dup2(null_fd, 0);
	if (!m->keep_stdout)
	    dup2(null_fd, 1);
	dup2(null_fd, 2);
	if (null_fd > 2)
	    close(null_fd);
    }

    if (pipe2(master_sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
	msg_fatal("pipe: %s", strerror(errno));
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = master_sig;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, 0);
    sigaction(SIGCHLD, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGQUIT, &sa, 0);
    signal(SIGPIPE, SIG_IGN);

    if (master_read_services(m, &m->servs, err) < 0)
	msg_fatal("%s", vstring_str(err));
    for (i = 0; i < m->servs.count; i++)
	(void) master_start_service(m, m->servs.serv[i]);
    msg_info("daemon started -- version %s, configuration %s",
	     master_expand(m, "mail_version"), m->config_dir);
    if (exit_secs > 0)
	m->exit_at = master_now() + (int64_t) exit_secs * 1000;
    if (wait_flag) {
	ok = 0;
	if (write(init_pipe[1], &ok, 1) != 1)
	    msg_warn("cannot report start-up status");
	close(init_pipe[1]);
    }
    master_loop(m);
    return (0);
}
