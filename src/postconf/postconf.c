/*
 * NAME
 *	postconf 1
 * SUMMARY
 *	show or change the mail system configuration
 * DESCRIPTION
 *	Command-line front end: parses options, locates the configuration
 *	directory (-c, then $MAIL_CONFIG, then /etc/postfix), loads main.cf
 *	and master.cf and hands over to the output or edit modules. The
 *	informational lists (-a, -A, -l, -m) need no configuration.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "postconf.h"

#define PCF_DEF_CONFIG_DIR "/etc/postfix"

/* Lookup table types this build supports (postconf -m). */
static const char *const pcf_map_types[] = {
    "btree", "cidr", "environ", "fail", "hash", "inline", "internal",
    "pcre", "pipemap", "proxy", "randmap", "regexp", "socketmap", "static",
    "tcp", "texthash", "unionmap", "unix", 0,
};
static const char *const pcf_lock_types[] = {"flock", "fcntl", "dotlock", 0};
static const char *const pcf_sasl_server_types[] = {"cyrus", "dovecot", 0};
static const char *const pcf_sasl_client_types[] = {"cyrus", 0};

static void pcf_print_list(const char *const *list)
{
    for (; *list; list++)
	printf("%s\n", *list);
}

static void pcf_usage(void)
{
    msg_fatal("usage: postconf"
	      " [-a (server SASL types)]"
	      " [-A (client SASL types)]"
	      " [-b (bounce templates)]"
	      " [-c config_dir]"
	      " [-c param_class]"
	      " [-d (parameter defaults)]"
	      " [-e (edit configuration)]"
	      " [-f (fold lines)]"
	      " [-F (master.cf fields)]"
	      " [-h (no names)]"
	      " [-H (no values)]"
	      " [-l (lock types)]"
	      " [-m (map types)]"
	      " [-M (master.cf)]"
	      " [-n (non-default parameters)]"
	      " [-o name=value (override parameter value)]"
	      " [-p (main.cf, default)]"
	      " [-P (master.cf parameters)]"
	      " [-t (bounce templates)]"
	      " [-T compile-version|run-version|public-key-algorithms]"
	      " [-v (verbose)]"
	      " [-x (expand parameter values)]"
	      " [-X (exclude)]"
	      " [-# (comment-out)]"
	      " [name...]");
}

int     main(int argc, char **argv)
{
    int     mode = 0;
    const char *list = NULL;
    const char *dir = NULL;
    int     ch;

    msg_stderr_init(argv[0]);
    pcf_state.override_names = argv_alloc(4);
    pcf_state.override_values = argv_alloc(4);
    while ((ch = getopt(argc, argv, "aAbc:C:deEfFhHlmMno:pPtT:vxX#")) > 0) {
	switch (ch) {
	case 'a':
	    list = "a";
	    break;
	case 'A':
	    list = "A";
	    break;
	case 'l':
	    list = "l";
	    break;
	case 'm':
	    list = "m";
	    break;
	case 'b':
	case 't':
	    msg_fatal("-%c (bounce templates) is not supported yet", ch);
	case 'T':
	    pcf_show_tls(optarg);
	    exit(0);
	case 'c':
	    dir = optarg;
	    break;
	case 'C':
	    break;
	case 'd':
	    mode |= PCF_SHOW_DEFS;
	    break;
	case 'e':
	    mode |= PCF_EDIT_CONF;
	    break;
	case 'E':
	    break;
	case 'f':
	    mode |= PCF_FOLD_LINE;
	    break;
	case 'F':
	    mode |= PCF_MASTER_FLD;
	    break;
	case 'h':
	    mode |= PCF_HIDE_NAME;
	    break;
	case 'H':
	    mode |= PCF_HIDE_VALUE;
	    break;
	case 'M':
	    mode |= PCF_MASTER_ENTRY;
	    break;
	case 'n':
	    mode |= PCF_SHOW_NONDEF;
	    break;
	case 'o':
	    {
		char   *buf = mystrdup(optarg);
		char   *name;
		char   *value;
		const char *why;

		if ((why = split_nameval(buf, &name, &value)) != NULL)
		    msg_fatal("%s: \"%s\"", why, optarg);
		argv_add(pcf_state.override_names, name);
		argv_add(pcf_state.override_values, value);
		myfree(buf);
	    }
	    break;
	case 'p':
	    break;
	case 'P':
	    mode |= PCF_MASTER_PARAM;
	    break;
	case 'v':
	    msg_verbose++;
	    break;
	case 'x':
	    mode |= PCF_SHOW_EVAL;
	    break;
	case 'X':
	    mode |= PCF_EDIT_EXCL;
	    break;
	case '#':
	    mode |= PCF_COMMENT_OUT;
	    break;
	default:
	    pcf_usage();
	}
    }

    if (list) {
	pcf_print_list(*list == 'a' ? pcf_sasl_server_types
		       : *list == 'A' ? pcf_sasl_client_types
		       : *list == 'l' ? pcf_lock_types : pcf_map_types);
	return (0);
    }

    /* Where the configuration lives. */
    if (dir == NULL)
	dir = getenv("MAIL_CONFIG");
    if (dir != NULL && *dir != 0) {
	pcf_state.config_dir_set = 1;
	/* The directory counts as an explicit setting, like stock. */
	argv_insert(pcf_state.override_names, 0, "config_directory");
	argv_insert(pcf_state.override_values, 0, dir);
    } else {
	dir = PCF_DEF_CONFIG_DIR;
    }
    pcf_state.config_dir = dir;
    pcf_state.main_path = concatenate(dir, "/main.cf", (char *) 0);
    pcf_state.master_path = concatenate(dir, "/master.cf", (char *) 0);

    pcf_main_load();

    if (mode & (PCF_EDIT_CONF | PCF_COMMENT_OUT | PCF_EDIT_EXCL)) {
	if (optind >= argc) {
	    if (mode & PCF_EDIT_CONF)
		msg_fatal("-e requires name=value argument");
	    msg_fatal("-%c requires parameter name argument",
		      (mode & PCF_EDIT_EXCL) ? 'X' : '#');
	}
	if (mode & (PCF_MASTER_ENTRY | PCF_MASTER_FLD | PCF_MASTER_PARAM))
	    pcf_edit_master(mode, argv + optind);
	else
	    pcf_edit_main(mode, argv + optind);
	return (0);
    }

    pcf_master_load(1);
    pcf_register_names();
    if (mode & (PCF_MASTER_ENTRY | PCF_MASTER_FLD | PCF_MASTER_PARAM))
	pcf_show_master(mode, argv + optind);
    else
	pcf_show_main(mode, argv + optind);
    if (!(mode & PCF_SHOW_DEFS))
	pcf_warn_unused();
    fflush(stdout);
    return (0);
}
