/*
 * replay.c - main() for the fuzz targets without libFuzzer (after zstd's
 * regression_driver.c): feed every file of a corpus directory, in name
 * order, to LLVMFuzzerTestOneInput.  A crash, a sanitizer report or a leak
 * (in the sanitizer build) fails the test.
 *
 * Usage: replay_NAME [DIR|FILE...]; with no argument the corpus is
 * $R2X_SRCDIR/tests/fuzz/corpus/NAME, NAME taken from the program's name.
 * Prints TAP: one line per file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int count, failed;

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        printf("not ok %d - %s: cannot open: %s\n", ++count, path, strerror(errno));
        failed++;
        return 1;
    }
    size_t size = 0, alloc = 0;
    uint8_t *data = NULL;
    for (;;) {
        if (size == alloc) {
            alloc = alloc ? alloc * 2 : 65536;
            uint8_t *p = realloc(data, alloc);
            if (!p)
                break;
            data = p;
        }
        size_t n = fread(data + size, 1, alloc - size, fp);
        if (!n)
            break;
        size += n;
    }
    int bad = ferror(fp) || !data;
    fclose(fp);
    if (bad) {
        printf("not ok %d - %s: read error\n", ++count, path);
        failed++;
        free(data);
        return 1;
    }
    /* An exact-size copy, so that ASan sees a read one past the end. */
    uint8_t *exact = malloc(size ? size : 1);
    if (exact && size)
        memcpy(exact, data, size);
    free(data);
    if (!exact)
        return 1;
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    printf("ok %d - %s\n", ++count, path);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        failed++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        replay_file(path);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        failed++;
        return;
    }
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            char file[4096];
            snprintf(file, sizeof file, "%s/%s", path, names[i]->d_name);
            replay_file(file);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            replay_path(argv[i]);
    } else {
        const char *base = strrchr(argv[0], '/');
        base = base ? base + 1 : argv[0];
        /* libtool may run the program as lt-replay_NAME */
        const char *name = strstr(base, "replay_");
        if (!name) {
            fprintf(stderr, "%s: give a corpus directory\n", argv[0]);
            return 2;
        }
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", R2X_SRCDIR, name + 7);
        replay_path(dir);
    }
    printf("1..%d\n", count);
    if (!count) {
        printf("# no corpus files\n");
        return 1;
    }
    return failed ? 1 : 0;
}
