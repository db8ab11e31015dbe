/*
 * NAME
 *	main_cf_file 3
 * SUMMARY
 *	read main.cf from disk
 * DESCRIPTION
 *	main_cf_read() loads a whole file into memory and hands it to the
 *	pure parser in main_cf.c. Kept apart so the parser stays free of I/O.
 */
#include "vstring.h"
#include "cf_file.h"
#include "main_cf.h"

int     main_cf_read(MAIN_CF *cf, const char *path, VSTRING *err)
{
    VSTRING *buf;
    int     status;

    if ((buf = cf_file_load(path, err)) == 0)
	return (-1);
    status = main_cf_parse(cf, vstring_str(buf), vstring_len(buf), path, err);
    vstring_free(buf);
    return (status);
}
