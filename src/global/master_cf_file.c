/*
 * NAME
 *	master_cf_file 3
 * SUMMARY
 *	read master.cf from disk
 * DESCRIPTION
 *	master_cf_read() loads a whole file and hands it to the pure parser
 *	in master_cf.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vstring.h"
#include "master_cf.h"

int     master_cf_read(MASTER_CF *cf, const char *path, VSTRING *err)
{
    FILE   *fp;
    VSTRING *buf;
    char    chunk[8192];
    size_t  n;
    int     status;

    if ((fp = fopen(path, "r")) == 0) {
	if (err)
	    vstring_sprintf(err, "open %s: %s", path, strerror(errno));
	return (-1);
    }
    buf = vstring_alloc(8192);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
	vstring_memcat(buf, chunk, n);
    if (ferror(fp)) {
	if (err)
	    vstring_sprintf(err, "read %s: %s", path, strerror(errno));
	(void) fclose(fp);
	vstring_free(buf);
	return (-1);
    }
    (void) fclose(fp);
    status = master_cf_parse(cf, vstring_str(buf), vstring_len(buf), path, err);
    vstring_free(buf);
    return (status);
}
