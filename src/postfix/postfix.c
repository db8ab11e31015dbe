/*
 * NAME
 *	postfix 1
 * SUMMARY
 *	Postfix-compatible control program
 * DESCRIPTION
 *	postfix [-v] [-c config_dir] command: start, start-fg, stop,
 *	abort, reload, status, check. It reads main.cf, finds master in
 *	$daemon_directory and does what stock's postfix-script does, with
 *	the same texts (logged as "postfix/postfix-script" and printed on
 *	stderr) and exit codes. check creates missing queue directories
 *	with stock's modes.
 */
#include <errno.h>
#include <fcntl.h>
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

/* postfix_check - create missing queue directories, sanity checks */

static int postfix_check(void)
{
    static const struct {
	const char *name;
	mode_t  mode;
	int     owner;			/* 1: mail_owner, 0: root */
    }       dirs[] = {
	{"maildrop", 0730, 1}, {"incoming", 0700, 1}, {"active", 0700, 1},
	{"deferred", 0700, 1}, {"hold", 0700, 1}, {"corrupt", 0700, 1},
	{"bounce", 0700, 1}, {"defer", 0700, 1}, {"trace", 0700, 1},
	{"flush", 0700, 1}, {"saved", 0700, 1}, {"private", 0700, 1},
	{"public", 0710, 1}, {"pid", 0755, 0},
    };
    const char *queue = postfix_param("queue_directory");
    const char *data = postfix_param("data_directory");
    struct passwd *pw = 0;
    int     as_root = geteuid() == 0;
    char   *path;
    size_t  i;

    if (as_root && (pw = getpwnam(postfix_param("mail_owner"))) == 0)
	msg_fatal("file %s/main.cf: parameter mail_owner: unknown user name value: %s",
		  postfix_config_dir, postfix_param("mail_owner"));
    postfix_mkdir(queue, 0, 0755, 0, 0, 0);
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
	postfix_mkdir(queue, dirs[i].name, dirs[i].mode,
		      dirs[i].owner && pw ? pw->pw_uid : 0,
		      dirs[i].owner && pw ? pw->pw_gid : 0, as_root);
    postfix_mkdir(data, 0, 0700, pw ? pw->pw_uid : 0, pw ? pw->pw_gid : 0, as_root);
    path = concatenate(postfix_config_dir, "/master.cf", (char *) 0);
    if (access(path, R_OK) < 0) {
	msg_fatal("no %s file found", path);
    }
    myfree(path);
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
	postfix_check();
	msg_info("starting the Postfix mail system");
	if (strcmp(cmd, "start") == 0) {
	    if (postfix_master("-w", 0) != 0)
		msg_fatal("mail system startup failed");
	    return (0);
	}
	execl(postfix_daemon_path, "master", "-d", (char *) 0);
	msg_fatal("cannot start-fg the master daemon");
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
	return (postfix_check());
    msg_fatal("unknown command: '%s'. Usage: postfix start (or stop, reload, abort, flush, check, status, set-permissions, upgrade-configuration, logrotate)", cmd);
}
