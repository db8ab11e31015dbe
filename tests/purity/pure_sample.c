/*
 * NAME
 *	pure_sample
 * SUMMARY
 *	an object the purity check must accept
 */
#include <stddef.h>

size_t  pure_sample_count(const char *text);

size_t  pure_sample_count(const char *text)
{
    size_t  n = 0;

    while (text[n])
	n++;
    return (n);
}
