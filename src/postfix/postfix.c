/*
 * NAME
 *	postfix 1
 * SUMMARY
 *	Postfix-compatible control program
 * DESCRIPTION
 *	postfix [-v] [-c config_dir] command: start, start-fg, stop,
 *	abort, reload, status, check, flush. It reads main.cf, finds
 *	master in $daemon_directory and does what stock's postfix-script
 *	does, with the same texts (logged as "postfix/postfix-script" and
 *	printed on stderr) and exit codes. check creates missing queue
 *	directories with stock's modes and warns about owners and
 *	permissions; when not run as root, the invoking user stands in
 *	for root.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "mail_conf.h"
#include "main_cf.h"
#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"

static MAIL_CONF *postfix_conf;
static char *postfix_config_dir;
static int postfix_verbose;
static char *postfix_tag;
static char *postfix_daemon_path;
static VSTRING *postfix_err;

static const char *postfix_param(const char *name)
{
    VSTRING *err = vstring_alloc(100);
    const char *value;

    if ((value = mail_conf_expand(postfix_conf, name, err)) == 0)
	msg_fatal("%s", vstring_str(err));
    vstring_free(err);
    return (value);
}

/* postfix_master - run master with args; its exit status */

static int postfix_master(const char *arg, int quiet)
{
    char   *path = concatenate(postfix_param("daemon_directory"), "/master", (char *) 0);
    pid_t   pid;
    int     status;
    int     fd;

    if ((pid = fork()) < 0)
	msg_fatal("fork: %s", strerror(errno));
    if (pid == 0) {
	if (quiet && (fd = open("/dev/null", O_WRONLY)) >= 0)
	    dup2(fd, 2);
	if (postfix_verbose)
	    execl(path, "master", "-v", arg, (char *) 0);
	else
	    execl(path, "master", arg, (char *) 0);
	msg_fatal("exec %s: %s", path, strerror(errno));
    }
    myfree(path);
    if (waitpid(pid, &status, 0) < 0)
	return (1);
    return (WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/*
 * start-fg: master runs as our child in a session of its own, so the
 * terminal's interrupt would not reach it; pass interrupts on as SIGTERM
 * and a hangup as a reload.
 */
static volatile pid_t postfix_fg_pid;

static void postfix_fg_signal(int sig)
{
    if (postfix_fg_pid > 0)
	(void) kill(postfix_fg_pid, sig == SIGHUP ? SIGHUP : SIGTERM);
}

static int postfix_start_fg(void)
{
    char   *path = concatenate(postfix_param("daemon_directory"), "/master", (char *) 0);
    struct sigaction sa;
    pid_t   pid;
    int     status;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = postfix_fg_signal;
    sigemptyset(&sa.sa_mask);
    if ((pid = fork()) < 0)
	msg_fatal("fork: %s", strerror(errno));
    if (pid == 0) {
	if (postfix_verbose)
	    execl(path, "master", "-v", "-s", (char *) 0);
	else
	    execl(path, "master", "-s", (char *) 0);
	msg_fatal("cannot start-fg the master daemon");
    }
    myfree(path);
    postfix_fg_pid = pid;
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGHUP, &sa, 0);
    while (waitpid(pid, &status, 0) < 0)
	if (errno != EINTR)
	    return (1);
    return (WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

static int postfix_running(void)
{
    return (postfix_master("-t", 1) != 0);
}

static long postfix_master_pid(void)
{
    char   *path = concatenate(postfix_param("queue_directory"), "/pid/master.pid",
			       (char *) 0);
    FILE   *fp = fopen(path, "r");
    long    pid = 0;

    myfree(path);
    if (fp) {
	if (fscanf(fp, "%ld", &pid) != 1)
	    pid = 0;
	fclose(fp);
    }
    return (pid);
}

static void postfix_mkdir(const char *dir, const char *name, mode_t mode,
			          uid_t uid, gid_t gid, int chown_it)
{
    char   *path = name ? concatenate(dir, "/", name, (char *) 0) : mystrdup(dir);
    struct stat st;

    if (stat(path, &st) < 0) {
	if (mkdir(path, mode) < 0)
	    msg_fatal("unable to create missing queue directories");
	(void) chmod(path, mode);
	if (chown_it && chown(path, uid, gid) < 0)
	    msg_warn("chown %s: %s", path, strerror(errno));
    }
    myfree(path);
}

/*
 * Ownership and permission warnings, as stock's check-warn. A tree walk
 * reports through these globals because nftw() takes no context.
 */
static uid_t postfix_walk_uid;
static const char *postfix_walk_owner;
static int postfix_walk_what;

#define POSTFIX_WALK_OWNER	1	/* not owned by the expected user */
#define POSTFIX_WALK_WRITABLE	2	/* group or other writable */
#define POSTFIX_WALK_NOT_IPC	4	/* skip sockets and FIFOs */

static void postfix_warn_path(const char *path, const struct stat *st, int what,
			              uid_t uid, const char *owner)
{
    if ((what & POSTFIX_WALK_NOT_IPC) && (S_ISSOCK(st->st_mode) || S_ISFIFO(st->st_mode)))
	return;
    if ((what & POSTFIX_WALK_OWNER) && st->st_uid != uid)
	msg_warn("not owned by %s: %s", owner, path);
    if ((what & POSTFIX_WALK_WRITABLE) && (st->st_mode & (S_IWGRP | S_IWOTH)))
	msg_warn("group or other writable: %s", path);
}

static int postfix_walk_fn(const char *path, const struct stat *st, int flag,
			           struct FTW *ftw)
{
    if (flag != FTW_NS)
	postfix_warn_path(path, st, postfix_walk_what, postfix_walk_uid,
			  postfix_walk_owner);
    return (0);
}

static void postfix_walk(const char *path, int what, uid_t uid, const char *owner)
{
    postfix_walk_what = what;
    postfix_walk_uid = uid;
    postfix_walk_owner = owner;
    (void) nftw(path, postfix_walk_fn, 20, FTW_PHYS);
}

static void postfix_warn_one(const char *path, int what, uid_t uid, const char *owner)
{
    struct stat st;

    if (lstat(path, &st) == 0)
	postfix_warn_path(path, &st, what, uid, owner);
}

static int postfix_corrupt_fn(const char *path, const struct stat *st, int flag,
			              struct FTW *ftw)
{
    if (flag == FTW_F && S_ISREG(st->st_mode))
	msg_warn("damaged message: %s", path);
    return (0);
}

static void postfix_check_warn(const char *queue, const char *data, uid_t root_uid,
			               const char *root_name, uid_t owner_uid,
			               const char *owner_name)
{
    static const char *const owned[] = {
	"saved", "incoming", "active", "defer", "deferred", "bounce", "hold",
	"trace", "corrupt", "public", "private", "flush",
    };
    char   *path;
    size_t  i;

    path = concatenate(queue, "/.", (char *) 0);
    postfix_warn_one(path, POSTFIX_WALK_OWNER | POSTFIX_WALK_WRITABLE, root_uid, root_name);
    myfree(path);
    path = concatenate(queue, "/pid", (char *) 0);
    postfix_warn_one(path, POSTFIX_WALK_OWNER | POSTFIX_WALK_WRITABLE, root_uid, root_name);
    myfree(path);
    path = concatenate(postfix_config_dir, "/.", (char *) 0);
    postfix_walk(path, POSTFIX_WALK_OWNER | POSTFIX_WALK_WRITABLE, root_uid, root_name);
    myfree(path);
    path = concatenate(data, "/.", (char *) 0);
    postfix_walk(path, POSTFIX_WALK_OWNER | POSTFIX_WALK_WRITABLE, owner_uid, owner_name);
    myfree(path);
    for (i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
	path = concatenate(queue, "/", owned[i], (char *) 0);
	postfix_walk(path, POSTFIX_WALK_OWNER | POSTFIX_WALK_NOT_IPC, owner_uid, owner_name);
	myfree(path);
    }
    path = concatenate(queue, "/maildrop", (char *) 0);
    postfix_warn_one(path, POSTFIX_WALK_OWNER, owner_uid, owner_name);
    myfree(path);
    /* Relative names, as stock prints them from the queue directory. */
    if (chdir(queue) == 0)
	(void) nftw("corrupt", postfix_corrupt_fn, 20, FTW_PHYS);
}

/* postfix_check - create missing queue directories, sanity checks */

static int postfix_check(int warn)
{
    static const struct {
	const char *name;
	mode_t  mode;
	int     owner;			/* 1: mail_owner, 0: root */
	int     setgid_group;		/* group is $setgid_group */
    }       dirs[] = {
	{"maildrop", 0730, 1, 1}, {"incoming", 0700, 1, 0}, {"active", 0700, 1, 0},
	{"deferred", 0700, 1, 0}, {"hold", 0700, 1, 0}, {"corrupt", 0700, 1, 0},
	{"bounce", 0700, 1, 0}, {"defer", 0700, 1, 0}, {"trace", 0700, 1, 0},
	{"flush", 0700, 1, 0}, {"saved", 0700, 1, 0}, {"private", 0700, 1, 0},
	{"public", 0710, 1, 1}, {"pid", 0755, 0, 0},
    };
    const char *queue = postfix_param("queue_directory");
    const char *data = postfix_param("data_directory");
    const char *owner = postfix_param("mail_owner");
    struct passwd *pw = 0;
    struct passwd *me;
    struct group *gr = 0;
    int     as_root = geteuid() == 0;
    char   *path;
    char   *root_name;
    uid_t   owner_uid;
    gid_t   gid;
    size_t  i;

    if (as_root && (pw = getpwnam(owner)) == 0)
	msg_fatal("file %s/main.cf: parameter mail_owner: unknown user name value: %s",
		  postfix_config_dir, owner);
    if (as_root)
	gr = getgrnam(postfix_param("setgid_group"));
    postfix_mkdir(queue, 0, 0755, 0, 0, 0);
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
	gid = dirs[i].setgid_group && gr ? gr->gr_gid
	    : dirs[i].owner && pw ? pw->pw_gid : 0;
	postfix_mkdir(queue, dirs[i].name, dirs[i].mode,
		      dirs[i].owner && pw ? pw->pw_uid : 0, gid, as_root);
    }
    postfix_mkdir(data, 0, 0700, pw ? pw->pw_uid : 0, pw ? pw->pw_gid : 0, as_root);
    path = concatenate(postfix_config_dir, "/master.cf", (char *) 0);
    if (access(path, R_OK) < 0) {
	msg_fatal("no %s file found", path);
    }
    myfree(path);
    if (!warn)
	return (0);

    /* Unprivileged: the invoking user plays root's part. */
    if (as_root) {
	root_name = mystrdup("root");
	owner_uid = pw->pw_uid;
    } else {
	me = getpwuid(geteuid());
	root_name = mystrdup(me ? me->pw_name : "root");
	pw = getpwnam(owner);
	owner_uid = pw ? pw->pw_uid : geteuid();
    }
    postfix_check_warn(queue, data, geteuid(), root_name, owner_uid, owner);
    myfree(root_name);
    return (0);
}

static int postfix_wait_stop(void)
{
    int     i;
    int     tick;

    for (i = 5; i > 0; i--) {
	for (tick = 0; tick < 10; tick++) {
	    if (!postfix_running())
		return (0);
	    usleep(100000);
	}
	msg_info("waiting for the Postfix mail system to terminate");
    }
    return (-1);
}

static void postfix_usage(const char *prog)
{
    fprintf(stderr, "usage: %s [-c config_dir] [-Dv] command\n", prog);
    exit(1);
}

int     main(int argc, char **argv)
{
    const char *env;
    const char *cmd;
    const char *logfile;
    const char *syslog_name;
    MAIN_CF *main_cf;
    char   *path;
    long    pid;
    int     ch;

    /* Long-lived state sits in globals, so leak checkers see it reachable. */
    postfix_err = vstring_alloc(100);
    msg_stderr_init("postfix");
    while ((ch = getopt(argc, argv, "c:Dv")) > 0) {
	switch (ch) {
	case 'c':
	    postfix_config_dir = mystrdup(optarg);
	    break;
	case 'D':
	    break;
	case 'v':
	    postfix_verbose++;
	    msg_verbose++;
	    break;
	default:
	    postfix_usage(argv[0]);
	}
    }
    if (optind + 1 != argc)
	postfix_usage(argv[0]);
    cmd = argv[optind];
    if (postfix_config_dir == 0)
	postfix_config_dir = mystrdup((env = getenv("MAIL_CONFIG")) && *env ?
				      env : "/etc/postfix");
    setenv("MAIL_CONFIG", postfix_config_dir, 1);
    main_cf = main_cf_create();
    path = concatenate(postfix_config_dir, "/main.cf", (char *) 0);
    if (main_cf_read(main_cf, path, postfix_err) < 0)
	msg_fatal("%s", vstring_str(postfix_err));
    myfree(path);
    postfix_conf = mail_conf_create(main_cf);
    mail_conf_override(postfix_conf, "config_directory", postfix_config_dir);

    /* Messages as stock's script: logged, and shown on stderr. */
    syslog_name = postfix_param("syslog_name");
    postfix_tag = concatenate(*syslog_name ? syslog_name : "postfix", "/postfix-script",
			      (char *) 0);
    msg_output_reset();
    logfile = postfix_param("maillog_file");
    if (*logfile)
	(void) msg_logfile_init(logfile, postfix_tag);
    else
	msg_syslog_init(postfix_tag, LOG_MAIL);
    msg_stderr_init(postfix_tag);

    postfix_daemon_path = concatenate(postfix_param("daemon_directory"), "/master", (char *) 0);
    if (access(postfix_daemon_path, X_OK) < 0)
	msg_fatal("no Postfix master program %s!", postfix_daemon_path);
    if (chdir(postfix_param("queue_directory")) < 0 && strcmp(cmd, "check") != 0
	&& strcmp(cmd, "start") != 0 && strcmp(cmd, "start-fg") != 0)
	msg_fatal("no Postfix queue directory %s!", postfix_param("queue_directory"));

    if (strcmp(cmd, "start") == 0 || strcmp(cmd, "start-fg") == 0) {
	if (postfix_running())
	    msg_fatal("the Postfix mail system is already running");
	postfix_check(1);
	msg_info("starting the Postfix mail system");
	if (strcmp(cmd, "start") == 0) {
	    if (postfix_master("-w", 0) != 0)
		msg_fatal("mail system startup failed");
	    return (0);
	}
	/* As PID 1 master replaces us; otherwise it runs as our child. */
	if (getpid() == 1) {
	    execl(postfix_daemon_path, "master", "-i", (char *) 0);
	    msg_fatal("cannot start-fg the master daemon");
	}
	return (postfix_start_fg());
    }
    if (strcmp(cmd, "stop") == 0 || strcmp(cmd, "abort") == 0
	|| strcmp(cmd, "reload") == 0) {
	if (!postfix_running())
	    msg_fatal("the Postfix mail system is not running");
	pid = postfix_master_pid();
	if (strcmp(cmd, "reload") == 0) {
	    msg_info("refreshing the Postfix mail system");
	    if (pid <= 0 || kill((pid_t) pid, SIGHUP) < 0)
		msg_fatal("cannot signal master pid %ld: %s", pid, strerror(errno));
	    return (0);
	}
	msg_info(strcmp(cmd, "stop") == 0 ? "stopping the Postfix mail system"
		 : "aborting the Postfix mail system");
	if (pid <= 0 || kill((pid_t) pid, SIGTERM) < 0)
	    msg_fatal("cannot signal master pid %ld: %s", pid, strerror(errno));
	if (strcmp(cmd, "abort") == 0)
	    return (0);
	if (postfix_wait_stop() == 0)
	    return (0);
	msg_warn("stopping the Postfix mail system with force");
	(void) kill(-(pid_t) pid, SIGKILL);
	return (0);
    }
    if (strcmp(cmd, "status") == 0) {
	if (!postfix_running()) {
	    msg_info("the Postfix mail system is not running");
	    return (1);
	}
	msg_info("the Postfix mail system is running: PID: %ld", postfix_master_pid());
	return (0);
    }
    if (strcmp(cmd, "check") == 0)
	return (postfix_check(1));
    if (strcmp(cmd, "flush") == 0)
	msg_fatal("flush is not yet supported");
    msg_fatal("unknown command: '%s'. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)", cmd);
}
