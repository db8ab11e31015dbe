/*
 * NAME
 *	postconf_file 3
 * SUMMARY
 *	file input and atomic replacement for postconf
 * DESCRIPTION
 *	pcf_file_read() slurps a whole file. pcf_file_replace() writes a
 *	sibling temporary file, syncs it and renames it over the original,
 *	so a crash leaves either the old or the new configuration.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "mymalloc.h"
#include "stringops.h"
#include "cf_file.h"
#include "postconf.h"

VSTRING *pcf_file_read(const char *path, int *err)
{
    VSTRING *buf = cf_file_load(path, (VSTRING *) 0);

    *err = buf ? 0 : errno;
    return (buf);
}

void    pcf_file_replace(const char *path, const char *data, size_t len)
{
    char   *tmp = concatenate(path, ".tmp", (char *) 0);
    struct stat st;
    mode_t  mode = 0644;
    size_t  done = 0;
    int     fd;

    if (stat(path, &st) == 0)
	mode = st.st_mode & 07777;
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode)) < 0)
	msg_fatal("open %s: %m", tmp);
    while (done < len) {
	ssize_t n = write(fd, data + done, len - done);

	if (n < 0)
	    msg_fatal("write %s: %m", tmp);
	done += (size_t) n;
    }
    if (fsync(fd) < 0 || close(fd) < 0)
	msg_fatal("close %s: %m", tmp);
    if (rename(tmp, path) < 0)
	msg_fatal("rename %s to %s: %m", tmp, path);
    myfree(tmp);
}
