/*
 * NAME
 *	master_cf_file 3
 * SUMMARY
 *	read master.cf from disk
 * DESCRIPTION
 *	master_cf_read() loads a whole file and hands it to the pure parser
 *	in master_cf.c.
 */
#include "vstring.h"
#include "cf_file.h"
#include "master_cf.h"

int     master_cf_read(MASTER_CF *cf, const char *path, VSTRING *err)
{
    VSTRING *buf;
    int     status;

    if ((buf = cf_file_load(path, err)) == 0)
	return (-1);
    status = master_cf_parse(cf, vstring_str(buf), vstring_len(buf), path, err);
    vstring_free(buf);
    return (status);
}
