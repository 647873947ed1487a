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

/* ---- a work directory for the XML targets ------------------------------- */

#define WORK_FILES 16
static char work_dir[4096];
static char work_names[WORK_FILES][64];
static char work_paths[WORK_FILES][4096 + 64];

static void remove_work(void)
{
    for (int i = 0; i < WORK_FILES; i++)
        if (work_paths[i][0])
            unlink(work_paths[i]);
    if (work_dir[0])
        rmdir(work_dir);
}

const char *fuzz_work_dir(void)
{
    if (work_dir[0])
        return work_dir;
    const char *dir = getenv("TMPDIR");
    snprintf(work_dir, sizeof work_dir, "%s/r2x-fuzz-XXXXXX", dir && *dir ? dir : "/tmp");
    if (!mkdtemp(work_dir)) {
        work_dir[0] = '\0';
        return NULL;
    }
    atexit(remove_work);
    return work_dir;
}

static const char *work_path(const char *name)
{
    if (!fuzz_work_dir())
        return NULL;
    for (int i = 0; i < WORK_FILES; i++) {
        if (!work_names[i][0]) {
            snprintf(work_names[i], sizeof work_names[i], "%s", name);
            snprintf(work_paths[i], sizeof work_paths[i], "%s/%s", work_dir, name);
        }
        if (!strcmp(work_names[i], name))
            return work_paths[i];
    }
    return NULL;
}

static int write_all(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    return close(fd);
}

const char *fuzz_work_file(const char *name, const uint8_t *data, size_t size)
{
    const char *path = work_path(name);
    return path && write_all(path, data, size) == 0 ? path : NULL;
}

int fuzz_work_copy(const char *from)
{
    char src[4096];
    snprintf(src, sizeof src, "%s/%s", R2X_SRCDIR, from);
    FILE *fp = fopen(src, "rb");
    if (!fp)
        return -1;
    static uint8_t data[1 << 20];
    size_t n = fread(data, 1, sizeof data, fp);
    fclose(fp);
    const char *base = strrchr(from, '/');
    return fuzz_work_file(base ? base + 1 : from, data, n) ? 0 : -1;
}

fetcher *fuzz_offline_fetcher(void)
{
    static fetcher *f;
    if (f)
        return f;
    const char *dir = fuzz_work_dir();
    if (!dir || fuzz_work_copy("tests/validate/test.xsd") ||
        fuzz_work_copy("tests/validate/test-cal.xml"))
        abort();
    const char *cache = getenv("R2X_FUZZ_CACHE");
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = cache && *cache ? cache : dir;
    fo.offline = 1;
    r2x_error err;
    if (fetcher_new(&fo, &f, &err))
        abort();
    return f;
}

void fuzz_ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

void fuzz_extract_tables(const r2x_document *doc)
{
    r2x_profile *profile = NULL;
    r2x_error err;
    if (r2x_profile_new_default(&profile, &err))
        return;
    r2x_extract_options xo = {sizeof(r2x_extract_options), profile, fuzz_ignore_diag, NULL};
    r2x_tableset *set = NULL;
    size_t nerrors = 0;
    if (r2x_tables_extract(doc, &xo, &set, &nerrors, &err) == R2X_OK)
        r2x_tableset_free(set);
    r2x_profile_free(profile);
}
