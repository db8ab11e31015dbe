/*
 * NAME
 *	mail_server_args 3
 * SUMMARY
 *	daemon command-line options as master(8) passes them
 * DESCRIPTION
 *	mail_server_args_parse() accepts stock's daemon options: -c
 *	(chrooted), -d (foreground), -D (debug, ignored), -i max_idle, -l
 *	(one process), -m max_use, -n service, -o name=value, -s count,
 *	-S (stand-alone on stdin/stdout), -t transport, -u (unprivileged),
 *	-v (verbose, repeatable), -V (ignored), -z (no process limit).
 *	Flags may be clustered ("-vv"), an option value may be attached
 *	("-ttcp") or the next word. Parsing stops at the first non-option.
 *	-i and -m are kept as max_idle and max_use overrides, in order
 *	with -o, so the last one wins as in stock. Pure.
 */
#include <string.h>

#include "mail_server.h"
#include "mymalloc.h"
#include "stringops.h"

static const char *mail_server_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return (slash ? slash + 1 : path);
}

static void mail_server_add_override(MAIL_SERVER_ARGS *args, const char *name,
				             const char *value)
{
    argv_add(args->overrides, name);
    argv_add(args->overrides, value);
}

int     mail_server_args_parse(MAIL_SERVER_ARGS *args, int argc, char **argv,
			               VSTRING *err)
{
    int     i;
    const char *cp;
    const char *optarg;
    int     opt;
    char   *copy;
    char   *name;
    char   *value;
    const char *why;

    memset(args, 0, sizeof(*args));
    args->overrides = argv_alloc(4);
    args->socket_count = 1;
    args->service = mystrdup(argc > 0 && argv[0] ? mail_server_basename(argv[0]) : "mail");
    for (i = 1; i < argc; i++) {
	if (argv[i][0] != '-' || argv[i][1] == 0)
	    break;
	if (strcmp(argv[i], "--") == 0) {
	    i++;
	    break;
	}
	for (cp = argv[i] + 1; *cp; cp++) {
	    opt = *cp;
	    if (strchr("imnost", opt) != 0) {
		if (cp[1]) {
		    optarg = cp + 1;
		} else if (i + 1 < argc) {
		    optarg = argv[++i];
		} else {
		    vstring_sprintf(err, "option requires an argument -- '%c'", opt);
		    return (-1);
		}
		switch (opt) {
		case 'i':
		    mail_server_add_override(args, "max_idle", optarg);
		    break;
		case 'm':
		    mail_server_add_override(args, "max_use", optarg);
		    break;
		case 'n':
		    myfree(args->service);
		    args->service = mystrdup(optarg);
		    break;
		case 'o':
		    copy = mystrdup(optarg);
		    if ((why = split_nameval(copy, &name, &value)) != 0) {
			vstring_sprintf(err, "invalid \"-o %s\" option value: %s",
					optarg, why);
			myfree(copy);
			return (-1);
		    } else {
			mail_server_add_override(args, name, value);
		    }
		    myfree(copy);
		    break;
		case 's':
		    if (!alldig(optarg) || strlen(optarg) > 4 || optarg[0] == '0') {
			vstring_sprintf(err, "invalid socket_count: %s", optarg);
			return (-1);
		    }
		    for (args->socket_count = 0; *optarg; optarg++)
			args->socket_count = args->socket_count * 10 + (*optarg - '0');
		    break;
		case 't':
		    myfree(args->transport);
		    args->transport = mystrdup(optarg);
		    break;
		}
		break;				/* the value used the rest */
	    }
	    switch (opt) {
	    case 'c':
		args->chroot = 1;
		break;
	    case 'd':
		args->foreground = 1;
		break;
	    case 'D':
	    case 'V':
	    case 'z':
		break;
	    case 'l':
		args->single = 1;
		break;
	    case 'S':
		args->stand_alone = 1;
		break;
	    case 'u':
		args->unprivileged = 1;
		break;
	    case 'v':
		args->verbose++;
		break;
	    default:
		vstring_sprintf(err, "invalid option -- '%c'", opt);
		return (-1);
	    }
	}
    }
    if (i < argc) {
	vstring_sprintf(err, "unexpected argument: %s", argv[i]);
	return (-1);
    }
    return (0);
}

void    mail_server_args_free(MAIL_SERVER_ARGS *args)
{
    myfree(args->service);
    myfree(args->transport);
    argv_free(args->overrides);
    memset(args, 0, sizeof(*args));
}

void    mail_server_args_apply(const MAIL_SERVER_ARGS *args, MAIL_CONF *conf)
{
    size_t  i;

    for (i = 0; i + 1 < args->overrides->argc; i += 2)
	mail_conf_override(conf, args->overrides->argv[i],
			   args->overrides->argv[i + 1]);
}
