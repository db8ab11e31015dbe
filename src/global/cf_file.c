/*
 * NAME
 *	cf_file 3
 * SUMMARY
 *	load a configuration file into memory
 * DESCRIPTION
 *	The one place where main.cf and master.cf are read from disk, so the
 *	parsers stay pure. Errors read "open PATH: reason" like stock.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cf_file.h"

VSTRING *cf_file_load(const char *path, VSTRING *err)
{
    FILE   *fp;
    VSTRING *buf;
    char    chunk[8192];
    size_t  n;

    if ((fp = fopen(path, "r")) == 0) {
	if (err)
	    vstring_sprintf(err, "open %s: %s", path, strerror(errno));
	return (0);
    }
    buf = vstring_alloc(8192);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
	vstring_memcat(buf, chunk, n);
    if (ferror(fp)) {
	if (err)
	    vstring_sprintf(err, "read %s: %s", path, strerror(errno));
	(void) fclose(fp);
	vstring_free(buf);
	return (0);
    }
    (void) fclose(fp);
    return (buf);
}
