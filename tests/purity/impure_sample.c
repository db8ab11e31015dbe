/*
 * NAME
 *	impure_sample
 * SUMMARY
 *	an object the purity check must reject (reads the clock and a file)
 */
#include <time.h>
#include <unistd.h>

long    impure_sample_now(int fd);

long    impure_sample_now(int fd)
{
    char    buf[1];

    if (read(fd, buf, 1) < 0)
	return (-1);
    return ((long) time(0));
}
