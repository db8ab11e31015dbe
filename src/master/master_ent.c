/*
 * NAME
 *	master_ent 3
 * SUMMARY
 *	master.cf entries to services
 * DESCRIPTION
 *	master_ent_build() turns one parsed master.cf entry into a
 *	MASTER_SERV: "-" fields take stock's defaults (private y, unpriv
 *	y, chroot n, wakeup 0, maxproc $default_process_limit), the
 *	command becomes $daemon_directory/command and the child argv is
 *	built in stock's order: command, -l when maxproc is 1, -z when it
 *	is 0, -n service when it differs from the command's basename, -t
 *	type, -d when master runs in the foreground, -v, -u when
 *	unprivileged, -c when chrooted, "-o stress=" for network-reachable
 *	inet services with maxproc above 1, -s count with several
 *	listeners, then the master.cf arguments ("-o { a = b }" becomes
 *	"-o a=b"). inet services listen on the host of "host:port", or on
 *	every inet_interfaces address. master_ent_load() leaves out the
 *	services that master_service_disable names by type ("inet") or
 *	by name and type ("smtp/inet"). Pure.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "master.h"
#include "mymalloc.h"
#include "stringops.h"

static int master_ent_yesno(const char *field, int def, const char *what,
			            const MASTER_CF_ENTRY *ent, VSTRING *err)
{
    if (strcmp(field, "-") == 0)
	return (def);
    if (strcmp(field, "y") == 0)
	return (1);
    if (strcmp(field, "n") == 0)
	return (0);
    vstring_sprintf(err, "bad boolean value for %s field: \"%s\" in service %s/%s",
		    what, field, ent->service, ent->type);
    return (-1);
}

static int master_ent_number(const char *str, int *value)
{
    long    n = 0;

    if (!alldig(str) || strlen(str) > 9)
	return (-1);
    for (; *str; str++)
	n = n * 10 + (*str - '0');
    *value = (int) n;
    return (0);
}

static int master_ent_is_loopback(const char *addr)
{
    return (has_prefix(addr, "127.") || strcmp(addr, "::1") == 0
	    || strcasecmp(addr, "localhost") == 0);
}

ARGV   *master_ent_interfaces(const char *inet_interfaces, const char *inet_protocols)
{
    ARGV   *out = argv_alloc(2);
    ARGV   *protos = argv_split(inet_protocols ? inet_protocols : "all", ", \t\r\n");
    ARGV   *ifaces = argv_split(inet_interfaces ? inet_interfaces : "all", ", \t\r\n");
    int     v4 = 0;
    int     v6 = 0;
    size_t  i;

    for (i = 0; i < protos->argc; i++) {
	if (strcasecmp(protos->argv[i], "all") == 0)
	    v4 = v6 = 1;
	else if (strcasecmp(protos->argv[i], "ipv4") == 0)
	    v4 = 1;
	else if (strcasecmp(protos->argv[i], "ipv6") == 0)
	    v6 = 1;
    }
    if (!v4 && !v6)
	v4 = 1;
    for (i = 0; i < ifaces->argc; i++) {
	if (strcasecmp(ifaces->argv[i], "all") == 0) {
	    if (v4)
		argv_add(out, "0.0.0.0");
	    if (v6)
		argv_add(out, "::");
	} else if (strcasecmp(ifaces->argv[i], "loopback-only") == 0
		   || strcasecmp(ifaces->argv[i], "localhost") == 0) {
	    if (v4)
		argv_add(out, "127.0.0.1");
	    if (v6)
		argv_add(out, "::1");
	} else {
	    argv_add(out, ifaces->argv[i]);
	}
    }
    argv_free(protos);
    argv_free(ifaces);
    return (out);
}

/* master_ent_inet - split "host:port", "[host]:port" or "port" */

static int master_ent_inet(MASTER_SERV *serv, const MASTER_ENT_OPTS *opts, VSTRING *err)
{
    char   *copy = mystrdup(serv->name);
    char   *colon = strrchr(copy, ':');
    char   *host = 0;
    char   *port = copy;
    size_t  i;
    size_t  len;

    if (colon) {
	*colon = 0;
	host = copy;
	port = colon + 1;
	len = strlen(host);
	if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
	    host[len - 1] = 0;
	    host++;
	}
    }
    if (*port == 0) {
	vstring_sprintf(err, "%s: missing service port", serv->name);
	myfree(copy);
	return (-1);
    }
    serv->listen_port = mystrdup(port);
    if (host && *host && strcmp(host, "*") != 0) {
	serv->listen_host = mystrdup(host);
	serv->listen_addrs = master_ent_interfaces(host, opts->inet_protocols);
    } else {
	serv->listen_addrs = master_ent_interfaces(opts->inet_interfaces,
						   opts->inet_protocols);
    }
    myfree(copy);
    if (serv->listen_addrs->argc == 0) {
	vstring_sprintf(err, "%s: no listen address", serv->name);
	return (-1);
    }
    serv->local_only = 1;
    for (i = 0; i < serv->listen_addrs->argc; i++)
	if (!master_ent_is_loopback(serv->listen_addrs->argv[i]))
	    serv->local_only = 0;
    return (0);
}

MASTER_SERV *master_ent_build(const MASTER_CF_ENTRY *ent, const MASTER_ENT_OPTS *opts,
			              VSTRING *err)
{
    MASTER_SERV *serv = mycalloc(1, sizeof(*serv));
    const char *command;
    const char *base;
    const char *arg;
    char   *copy;
    char   *name;
    char   *value;
    const char *why;
    size_t  i;
    size_t  len;
    char    num[32];

    serv->status_fd[0] = serv->status_fd[1] = -1;
    serv->name = mystrdup(ent->service);
    serv->type_name = mystrdup(ent->type);
    if (strcmp(ent->type, "inet") == 0)
	serv->type = MASTER_SERV_INET;
    else if (strcmp(ent->type, "unix") == 0)
	serv->type = MASTER_SERV_UNIX;
    else if (strcmp(ent->type, "unix-dgram") == 0)
	serv->type = MASTER_SERV_UNIX_DGRAM;
    else if (strcmp(ent->type, "fifo") == 0)
	serv->type = MASTER_SERV_FIFO;
    else if (strcmp(ent->type, "pass") == 0)
	serv->type = MASTER_SERV_PASS;
    else {
	vstring_sprintf(err, "invalid type field \"%s\" for service %s",
			ent->type, ent->service);
	goto bad;
    }
    if ((serv->private_ = master_ent_yesno(ent->private_, 1, "private", ent, err)) < 0
	|| (serv->unpriv = master_ent_yesno(ent->unpriv, 1, "unpriv", ent, err)) < 0
	|| (serv->chroot = master_ent_yesno(ent->chroot, 0, "chroot", ent, err)) < 0)
	goto bad;
    if (strcmp(ent->wakeup, "-") != 0) {
	copy = mystrdup(ent->wakeup);
	len = strlen(copy);
	if (len > 0 && copy[len - 1] == '?') {
	    serv->wakeup_cond = 1;
	    copy[len - 1] = 0;
	}
	if (master_ent_number(copy, &serv->wakeup) < 0) {
	    vstring_sprintf(err, "bad wakeup field \"%s\" in service %s/%s",
			    ent->wakeup, ent->service, ent->type);
	    myfree(copy);
	    goto bad;
	}
	myfree(copy);
    }
    if (strcmp(ent->maxproc, "-") == 0)
	serv->max_proc = opts->default_process_limit;
    else if (master_ent_number(ent->maxproc, &serv->max_proc) < 0) {
	vstring_sprintf(err, "bad maxproc field \"%s\" in service %s/%s",
			ent->maxproc, ent->service, ent->type);
	goto bad;
    }
    if (ent->command == 0 || ent->command->argc == 0) {
	vstring_sprintf(err, "missing command in service %s/%s",
			ent->service, ent->type);
	goto bad;
    }
    if (serv->type == MASTER_SERV_INET) {
	if (master_ent_inet(serv, opts, err) < 0)
	    goto bad;
	serv->listen_fd_count = (int) serv->listen_addrs->argc;
    } else {
	serv->local_only = 1;
	serv->listen_fd_count = 1;
    }
    command = ent->command->argv[0];
    base = strrchr(command, '/') ? strrchr(command, '/') + 1 : command;
    serv->path = command[0] == '/' ? mystrdup(command)
	: concatenate(opts->daemon_directory, "/", command, (char *) 0);

    serv->args = argv_alloc(8);
    argv_add(serv->args, command);
    if (serv->max_proc == 1)
	argv_add(serv->args, "-l");
    if (serv->max_proc == 0)
	argv_add(serv->args, "-z");
    if (strcmp(base, serv->name) != 0) {
	argv_add(serv->args, "-n");
	argv_add(serv->args, serv->name);
    }
    argv_add(serv->args, "-t");
    argv_add(serv->args, serv->type_name);
    if (opts->foreground)
	argv_add(serv->args, "-d");
    if (opts->verbose)
	argv_add(serv->args, "-v");
    if (serv->unpriv)
	argv_add(serv->args, "-u");
    if (serv->chroot)
	argv_add(serv->args, "-c");
    if (!serv->local_only && serv->max_proc > 1) {
	argv_add(serv->args, "-o");
	argv_add(serv->args, "stress=");
    }
    if (serv->listen_fd_count > 1) {
	snprintf(num, sizeof(num), "%d", serv->listen_fd_count);
	argv_add(serv->args, "-s");
	argv_add(serv->args, num);
    }
    for (i = 1; i < ent->command->argc; i++) {
	arg = ent->command->argv[i];
	len = strlen(arg);
	if (i > 1 && strcmp(ent->command->argv[i - 1], "-o") == 0
	    && len >= 2 && arg[0] == '{' && arg[len - 1] == '}') {
	    copy = mystrndup(arg + 1, len - 2);
	    if ((why = split_nameval(copy, &name, &value)) != 0) {
		vstring_sprintf(err, "invalid \"-o %s\" option value: %s", arg, why);
		myfree(copy);
		goto bad;
	    }
	    vstring_sprintf(err, "%s=%s", name, value);
	    argv_add(serv->args, vstring_str(err));
	    vstring_reset(err);
	    myfree(copy);
	} else {
	    argv_add(serv->args, arg);
	}
    }
    serv->listen_fd = mycalloc(serv->listen_fd_count, sizeof(int));
    for (i = 0; i < (size_t) serv->listen_fd_count; i++)
	serv->listen_fd[i] = -1;
    return (serv);

bad:
    master_ent_free(serv);
    return (0);
}

void    master_ent_free(MASTER_SERV *serv)
{
    MASTER_PROC *proc;

    if (serv == 0)
	return;
    while ((proc = serv->children) != 0) {
	serv->children = proc->next;
	myfree(proc);
    }
    myfree(serv->name);
    myfree(serv->type_name);
    myfree(serv->path);
    argv_free(serv->args);
    myfree(serv->listen_host);
    myfree(serv->listen_port);
    argv_free(serv->listen_addrs);
    myfree(serv->listen_fd);
    myfree(serv);
}

int     master_ent_disabled(const char *list, const char *name, const char *type)
{
    ARGV   *items;
    const char *item;
    const char *slash;
    size_t  i;
    int     found = 0;

    if (list == 0 || *list == 0)
	return (0);
    items = argv_split(list, ", \t\r\n");
    for (i = 0; !found && i < items->argc; i++) {
	item = items->argv[i];
	if ((slash = strrchr(item, '/')) == 0)
	    found = strcasecmp(item, type) == 0;
	else
	    found = strcasecmp(slash + 1, type) == 0
		&& strlen(name) == (size_t) (slash - item)
		&& strncmp(item, name, slash - item) == 0;
    }
    argv_free(items);
    return (found);
}

int     master_ent_load(MASTER_SERVS *servs, const MASTER_CF *cf,
			        const MASTER_ENT_OPTS *opts, VSTRING *err)
{
    size_t  i;
    MASTER_SERV *serv;

    servs->serv = mycalloc(cf->count + 1, sizeof(*servs->serv));
    servs->count = 0;
    for (i = 0; i < cf->count; i++) {
	if (master_ent_disabled(opts->service_disable, cf->entries[i]->service,
				cf->entries[i]->type))
	    continue;
	if ((serv = master_ent_build(cf->entries[i], opts, err)) == 0)
	    return (-1);
	servs->serv[servs->count++] = serv;
    }
    return (0);
}

void    master_servs_free(MASTER_SERVS *servs)
{
    size_t  i;

    for (i = 0; i < servs->count; i++)
	master_ent_free(servs->serv[i]);
    myfree(servs->serv);
    servs->serv = 0;
    servs->count = 0;
}

int     master_ent_same(const MASTER_SERV *a, const MASTER_SERV *b)
{
    size_t  i;

    if (strcmp(a->name, b->name) != 0 || strcmp(a->type_name, b->type_name) != 0
	|| a->private_ != b->private_ || a->listen_fd_count != b->listen_fd_count)
	return (0);
    if (a->type == MASTER_SERV_INET)
	for (i = 0; i < a->listen_addrs->argc; i++)
	    if (strcmp(a->listen_addrs->argv[i], b->listen_addrs->argv[i]) != 0)
		return (0);
    return (1);
}
