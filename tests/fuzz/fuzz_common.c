/* fuzz_common.c - helpers for the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static char scratch_path[4096];

static void remove_scratch(void)
{
    if (scratch_path[0])
        unlink(scratch_path);
}

/* The loaders read files through stdio; a file per process, rewritten for
 * each input, keeps them exactly as the CLI uses them (no memory entry point
 * is needed in src/). */
const char *fuzz_scratch_file(const uint8_t *data, size_t size, const char *suffix)
{
    if (!scratch_path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(scratch_path, sizeof scratch_path, "%s/r2x-fuzz-%ld%s",
                 dir && *dir ? dir : "/tmp", (long)getpid(), suffix);
        atexit(remove_scratch);
    }
    int fd = open(scratch_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return NULL;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            return NULL;
        }
        done += (size_t)n;
    }
    close(fd);
    return scratch_path;
}
