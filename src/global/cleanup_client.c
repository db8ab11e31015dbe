/*
 * NAME
 *	cleanup_client 3
 * SUMMARY
 *	production driver of the cleanup conversation, receiving side
 * DESCRIPTION
 *	See cleanup_client.h. Failures are logged once with the socket path
 *	and turned into CLEANUP_STAT_WRITE replies.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "mymalloc.h"
#include "msg.h"
#include "stringops.h"
#include "attr.h"
#include "record.h"
#include "cleanup_proto.h"
#include "mail_conf.h"
#include "mail_server.h"
#include "cleanup_client.h"

struct CLEANUP_CLIENT {
    char   *path;			/* public/cleanup socket */
    int     timeout_ms;
    int     fd;				/* -1 when no conversation */
};

CLEANUP_CLIENT *cleanup_client_create(const char *queue_directory, int timeout_s)
{
    CLEANUP_CLIENT *client = (CLEANUP_CLIENT *) mymalloc(sizeof(*client));

    client->path = concatenate(queue_directory, "/public/", CLEANUP_SERVICE, (char *) 0);
    client->timeout_ms = timeout_s * 1000;
    client->fd = -1;
    return (client);
}

CLEANUP_CLIENT *cleanup_client_from_conf(MAIL_CONF *conf)
{
    VSTRING *err = vstring_alloc(100);
    const char *queue_dir;
    long    ipc_timeout;
    CLEANUP_CLIENT *client;

    if ((queue_dir = mail_conf_expand(conf, "queue_directory", err)) == 0
	|| mail_conf_time(conf, "ipc_timeout", 's', &ipc_timeout, err) < 0)
	msg_fatal("%s", vstring_str(err));
    client = cleanup_client_create(queue_dir, (int) ipc_timeout);
    vstring_free(err);
    return (client);
}

static void cleanup_client_disconnect(CLEANUP_CLIENT *client)
{
    if (client->fd >= 0) {
	close(client->fd);
	client->fd = -1;
    }
}

void    cleanup_client_free(CLEANUP_CLIENT *client)
{
    cleanup_client_disconnect(client);
    myfree(client->path);
    myfree(client);
}

/* cleanup_client_wait - poll for one direction within the timeout */

static int cleanup_client_wait(CLEANUP_CLIENT *client, short events)
{
    struct pollfd pfd;
    int     n;

    pfd.fd = client->fd;
    pfd.events = events;
    while ((n = poll(&pfd, 1, client->timeout_ms)) < 0 && errno == EINTR)
	 /* void */ ;
    if (n == 0)
	errno = ETIMEDOUT;
    return (n > 0 ? 0 : -1);
}

static int cleanup_client_write(CLEANUP_CLIENT *client, const char *data, size_t len)
{
    ssize_t n;

    while (len > 0) {
	if (cleanup_client_wait(client, POLLOUT) < 0)
	    return (-1);
	if ((n = write(client->fd, data, len)) < 0) {
	    if (errno == EINTR || errno == EAGAIN)
		continue;
	    return (-1);
	}
	data += n;
	len -= (size_t) n;
    }
    return (0);
}

/* cleanup_client_read_list - read one attribute list with its schema */

static const ATTR_LIST *cleanup_client_read_list(CLEANUP_CLIENT *client,
					          ATTR_SCANNER *scanner, VSTRING *err)
{
    char    buf[512];
    ssize_t n;
    size_t  used;

    for (;;) {
	if (cleanup_client_wait(client, POLLIN) < 0) {
	    vstring_sprintf(err, "%s", strerror(errno));
	    return (0);
	}
	/* Byte by byte: nothing after the list may be consumed. */
	if ((n = read(client->fd, buf, 1)) < 0) {
	    if (errno == EINTR || errno == EAGAIN)
		continue;
	    vstring_sprintf(err, "%s", strerror(errno));
	    return (0);
	}
	if (n == 0) {
	    vstring_strcpy(err, "unexpected end of stream");
	    return (0);
	}
	switch (attr_scanner_feed(scanner, buf, (size_t) n, &used, err)) {
	case ATTR_OK:
	    return (attr_scanner_list(scanner));
	case ATTR_ERROR:
	    return (0);
	case ATTR_NEED_MORE:
	    break;
	}
    }
}

static int cleanup_client_open(CLEANUP_CLIENT *client, long flags,
			               VSTRING *queue_id, VSTRING *err)
{
    struct sockaddr_un sun;
    ATTR_SCANNER *scanner;
    const ATTR_LIST *list;
    VSTRING *buf;
    int     ret = -1;

    cleanup_client_disconnect(client);
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    if (strlen(client->path) >= sizeof(sun.sun_path)) {
	vstring_strcpy(err, "socket path too long");
	return (-1);
    }
    strcpy(sun.sun_path, client->path);
    if ((client->fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0
	|| connect(client->fd, (struct sockaddr *) &sun, sizeof(sun)) < 0) {
	vstring_sprintf(err, "connect: %s", strerror(errno));
	cleanup_client_disconnect(client);
	return (-1);
    }
    scanner = attr_scanner_create(attr_cleanup_open_reply, (ATTR_LIMITS *) 0);
    if ((list = cleanup_client_read_list(client, scanner, err)) != 0) {
	vstring_strcpy(queue_id, attr_list_str(list, ATTR_NAME_QUEUE_ID));
	buf = vstring_alloc(32);
	attr_print_int(buf, ATTR_NAME_FLAGS, (unsigned) flags);
	attr_print_end(buf);
	if (cleanup_client_write(client, vstring_str(buf), vstring_len(buf)) == 0)
	    ret = 0;
	else
	    vstring_sprintf(err, "write: %s", strerror(errno));
	vstring_free(buf);
    }
    attr_scanner_free(scanner);
    if (ret < 0)
	cleanup_client_disconnect(client);
    return (ret);
}

static int cleanup_client_close(CLEANUP_CLIENT *client, int *status,
				        VSTRING *reason, VSTRING *err)
{
    ATTR_SCANNER *scanner;
    const ATTR_LIST *list;
    VSTRING *buf = vstring_alloc(8);
    int     ret = -1;

    rec_put(buf, REC_TYPE_END, "", 0);
    if (cleanup_client_write(client, vstring_str(buf), vstring_len(buf)) < 0) {
	vstring_sprintf(err, "write: %s", strerror(errno));
    } else {
	scanner = attr_scanner_create(attr_cleanup_close_reply, (ATTR_LIMITS *) 0);
	if ((list = cleanup_client_read_list(client, scanner, err)) != 0) {
	    *status = (int) attr_list_num(list, ATTR_NAME_STATUS, CLEANUP_STAT_WRITE);
	    vstring_strcpy(reason, attr_list_has(list, ATTR_NAME_REASON) ?
			   attr_list_str(list, ATTR_NAME_REASON) : "");
	    ret = 0;
	}
	attr_scanner_free(scanner);
    }
    vstring_free(buf);
    cleanup_client_disconnect(client);
    return (ret);
}

int     cleanup_client_request(CLEANUP_CLIENT *client, const CORE_ACTION *act,
			               CORE_EVENT *reply, VSTRING *reply_data)
{
    VSTRING *err = vstring_alloc(100);
    int     status = CLEANUP_STAT_WRITE;
    int     has_reply = 0;

    vstring_reset(reply_data);
    switch (act->op) {
    case CLEANUP_REQ_OPEN:
	has_reply = 1;
	if (cleanup_client_open(client, (long) act->arg, reply_data, err) == 0)
	    status = 0;
	else
	    msg_warn("%s service: %s", client->path, vstring_str(err));
	break;
    case CLEANUP_REQ_RECORDS:
	/* A failed write shows up as the CLOSE reply's status. */
	if (client->fd >= 0 && cleanup_client_write(client, act->data, act->len) < 0) {
	    msg_warn("%s service: write: %s", client->path, strerror(errno));
	    cleanup_client_disconnect(client);
	}
	break;
    case CLEANUP_REQ_CLOSE:
	has_reply = 1;
	if (client->fd < 0)
	    break;
	if (cleanup_client_close(client, &status, reply_data, err) < 0) {
	    status = CLEANUP_STAT_WRITE;
	    msg_warn("%s service: %s", client->path, vstring_str(err));
	}
	break;
    case CLEANUP_REQ_ABORT:
	cleanup_client_disconnect(client);
	break;
    default:
	msg_warn("unknown cleanup request %d", act->op);
	break;
    }
    if (has_reply) {
	memset(reply, 0, sizeof(*reply));
	reply->type = CORE_EV_REPLY;
	reply->id = act->id;
	reply->status = status;
	reply->data = vstring_str(reply_data);
	reply->len = vstring_len(reply_data);
    }
    vstring_free(err);
    return (has_reply);
}

int     cleanup_client_action(CLEANUP_CLIENT *client, MAIL_SERVER_SESSION *handle,
			              const CORE_ACTION *act)
{
    CORE_EVENT reply;
    VSTRING *data;

    if (act->type != CORE_ACT_REQUEST || act->target == 0
	|| strcmp(act->target, CLEANUP_SERVICE) != 0)
	return (0);
    data = vstring_alloc(64);
    if (cleanup_client_request(client, act, &reply, data))
	mail_server_inject(handle, &reply);
    vstring_free(data);
    return (1);
}
