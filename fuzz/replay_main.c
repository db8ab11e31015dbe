/*
 * NAME
 *	replay_main
 * SUMMARY
 *	plain main() that replays fuzz corpora through a libFuzzer harness
 * DESCRIPTION
 *	Each argument is a file or a directory of files; each file is passed
 *	once to LLVMFuzzerTestOneInput(). Lets `make check` run every corpus
 *	under ASan/UBSan without clang.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int     LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE   *fp;
    uint8_t *buf;
    long    size;
    size_t  got;

    if ((fp = fopen(path, "rb")) == 0) {
	fprintf(stderr, "replay: open %s: %m\n", path);
	return (-1);
    }
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
	fprintf(stderr, "replay: seek %s: %m\n", path);
	fclose(fp);
	return (-1);
    }
    /* Exact-size copy so ASan catches reads past the input. */
    buf = malloc(size ? (size_t) size : 1);
    if (buf == 0) {
	fclose(fp);
	return (-1);
    }
    got = fread(buf, 1, (size_t) size, fp);
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, got);
    free(buf);
    return (0);
}

static int compare_names(const void *a, const void *b)
{
    return (strcmp(*(char *const *) a, *(char *const *) b));
}

static int replay_path(const char *path, int *count)
{
    struct stat st;
    DIR    *dir;
    struct dirent *dp;
    char  **names = 0;
    size_t  n = 0, i;
    int     status = 0;

    if (stat(path, &st) < 0) {
	fprintf(stderr, "replay: %s: %m\n", path);
	return (-1);
    }
    if (!S_ISDIR(st.st_mode)) {
	*count += 1;
	return (replay_file(path));
    }
    if ((dir = opendir(path)) == 0)
	return (-1);
    while ((dp = readdir(dir)) != 0) {
	if (dp->d_name[0] == '.')
	    continue;
	names = realloc(names, (n + 1) * sizeof(*names));
	names[n] = malloc(strlen(path) + strlen(dp->d_name) + 2);
	sprintf(names[n], "%s/%s", path, dp->d_name);
	n++;
    }
    closedir(dir);
    qsort(names, n, sizeof(*names), compare_names);
    for (i = 0; i < n; i++) {
	if (replay_path(names[i], count) < 0)
	    status = -1;
	free(names[i]);
    }
    free(names);
    return (status);
}

int     main(int argc, char **argv)
{
    int     count = 0;
    int     status = 0;
    int     i;

    for (i = 1; i < argc; i++)
	if (replay_path(argv[i], &count) < 0)
	    status = 1;
    printf("replay: %d inputs\n", count);
    if (count == 0) {
	fprintf(stderr, "replay: no inputs\n");
	return (1);
    }
    return (status);
}
