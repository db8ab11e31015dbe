/*
 * NAME
 *	mail_host 3
 * SUMMARY
 *	defaults that depend on the host: names, networks, process
 * DESCRIPTION
 *	Collects the facts behind the computed defaults - gethostname(),
 *	the addresses of the interfaces that are up (getifaddrs()), the
 *	process id - and applies the rules in mail_params.c to them:
 *
 *	myhostname	the host name, with ".localdomain" appended when it
 *			has no dot (stock does the same, without DNS).
 *	mydomain	myhostname minus its first label, or "localdomain".
 *	mynetworks	with the style stock -d uses here (compatibility level
 *			0 selects "subnet") and every address family.
 *	process_id	getpid() in decimal.
 *	process_name	set by the program, else "postconf".
 *
 *	Values are computed on first use and cached. Not pure: this file
 *	is the I/O side of the host-default rules.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <netinet/in.h>
#include <ifaddrs.h>
#include <limits.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "mymalloc.h"
#include "stringops.h"
#include "vstring.h"
#include "mail_params.h"

static char *mail_host_name;		/* myhostname */
static char *mail_host_domain;		/* mydomain */
static char *mail_host_networks;	/* mynetworks, default style */
static char *mail_host_pid;		/* process_id */
static char *mail_host_process = NULL;	/* process_name */

#define MAIL_HOST_DEF_STYLE	"subnet"
#define MAIL_HOST_DEF_PROCESS	"postconf"

void    mail_host_set_process_name(const char *name)
{
    if (mail_host_process)
	myfree(mail_host_process);
    mail_host_process = mystrdup(name);
}

/* The local host name as the kernel reports it. */
const char *mail_host_system_name(void)
{
    static char host[HOST_NAME_MAX + 1];

    if (host[0] == 0) {
	if (gethostname(host, sizeof(host)) < 0 || host[0] == 0)
	    strcpy(host, "localhost");
	host[sizeof(host) - 1] = 0;
    }
    return (host);
}

/* The local host name from the kernel, made fully qualified. */
static const char *mail_host_myhostname(void)
{
    VSTRING *buf;

    if (mail_host_name)
	return (mail_host_name);
    buf = vstring_alloc(100);
    param_fqdn_hostname(buf, mail_host_system_name(), NULL);
    mail_host_name = vstring_export(buf);
    return (mail_host_name);
}

static const char *mail_host_mydomain(void)
{
    VSTRING *buf;

    if (mail_host_domain)
	return (mail_host_domain);
    buf = vstring_alloc(100);
    param_domain_of(buf, mail_host_myhostname());
    mail_host_domain = vstring_export(buf);
    return (mail_host_domain);
}

/* Parses inet_protocols into want_v4/want_v6; -1 on an unknown word. */
static int mail_host_protocols(const char *protocols, int *want_v4, int *want_v6)
{
    char   *copy = mystrdup(protocols ? protocols : "all");
    char   *bp = copy;
    char   *word;
    int     ok = 0;

    *want_v4 = *want_v6 = 0;
    while ((word = mystrtok(&bp, ", \t\r\n")) != NULL) {
	if (strcasecmp(word, "all") == 0)
	    *want_v4 = *want_v6 = 1;
	else if (strcasecmp(word, "ipv4") == 0)
	    *want_v4 = 1;
	else if (strcasecmp(word, "ipv6") == 0)
	    *want_v6 = 1;
	else
	    ok = -1;
    }
    myfree(copy);
    return (ok);
}

char   *mail_host_mynetworks(const char *style, const char *protocols, VSTRING *why)
{
    struct ifaddrs *list = NULL;
    struct ifaddrs *ifa;
    PARAM_IFADDR *addrs = NULL;
    size_t  count = 0;
    size_t  cap = 0;
    int     want_v4;
    int     want_v6;
    VSTRING *out;

    if (mail_host_protocols(protocols, &want_v4, &want_v6) < 0) {
	if (why)
	    vstring_sprintf(why, "bad inet_protocols value: %s", protocols);
	return (NULL);
    }
    if (getifaddrs(&list) < 0)
	list = NULL;
    for (ifa = list; ifa != NULL; ifa = ifa->ifa_next) {
	PARAM_IFADDR *ia;
	int     fam;

	if (ifa->ifa_addr == NULL || ifa->ifa_netmask == NULL
	    || (ifa->ifa_flags & IFF_UP) == 0)
	    continue;
	fam = ifa->ifa_addr->sa_family;
	if (!((fam == AF_INET && want_v4) || (fam == AF_INET6 && want_v6)))
	    continue;
	if (count == cap) {
	    cap = cap ? 2 * cap : 8;
	    addrs = addrs ? myrealloc(addrs, cap * sizeof(*addrs)) :
		mymalloc(cap * sizeof(*addrs));
	}
	ia = addrs + count++;
	memset(ia, 0, sizeof(*ia));
	ia->family = fam;
	if (fam == AF_INET) {
	    memcpy(ia->addr, &((struct sockaddr_in *) ifa->ifa_addr)->sin_addr, 4);
	    memcpy(ia->mask, &((struct sockaddr_in *) ifa->ifa_netmask)->sin_addr, 4);
	} else {
	    memcpy(ia->addr, &((struct sockaddr_in6 *) ifa->ifa_addr)->sin6_addr, 16);
	    memcpy(ia->mask, &((struct sockaddr_in6 *) ifa->ifa_netmask)->sin6_addr, 16);
	}
    }
    if (list)
	freeifaddrs(list);
    out = vstring_alloc(200);
    if (param_format_networks(out, addrs, count, style) < 0) {
	if (why)
	    vstring_sprintf(why, "unknown mynetworks_style value: %s", style);
	vstring_free(out);
	if (addrs)
	    myfree(addrs);
	return (NULL);
    }
    if (addrs)
	myfree(addrs);
    return (vstring_export(out));
}

const char *param_computed_default(const char *name)
{
    if (name == NULL)
	return (NULL);
    if (strcmp(name, VAR_MYHOSTNAME) == 0)
	return (mail_host_myhostname());
    if (strcmp(name, VAR_MYDOMAIN) == 0)
	return (mail_host_mydomain());
    if (strcmp(name, VAR_MYNETWORKS) == 0) {
	if (mail_host_networks == NULL)
	    mail_host_networks = mail_host_mynetworks(MAIL_HOST_DEF_STYLE,
						      "all", NULL);
	return (mail_host_networks);
    }
    if (strcmp(name, VAR_PROCESS_ID) == 0) {
	if (mail_host_pid == NULL) {
	    VSTRING *buf = vstring_alloc(20);

	    vstring_sprintf(buf, "%ld", (long) getpid());
	    mail_host_pid = vstring_export(buf);
	}
	return (mail_host_pid);
    }
    if (strcmp(name, VAR_PROCESS_NAME) == 0)
	return (mail_host_process ? mail_host_process : MAIL_HOST_DEF_PROCESS);
    return (NULL);
}
