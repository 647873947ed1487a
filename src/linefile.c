#include "linefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

int linefile_open(linefile *lf, const char *path, const char *what, r2x_error *err)
{
    memset(lf, 0, sizeof *lf);
    lf->path = path;
    lf->fp = fopen(path, "r");
    if (!lf->fp)
        return r2x_fail(err, R2X_EIO, path, 0, "cannot open %s: %s", what, strerror(errno));
    return R2X_OK;
}

/* Eight bytes of printable ASCII or tabs (0x20..0x7E, 0x09): the common case,
 * checked a word at a time (a concept dictionary or label table is megabytes
 * of it).  Each mask is exact per byte: no carry crosses a byte. */
static int printable_ascii8(const unsigned char *s)
{
    const uint64_t lows = 0x7F7F7F7F7F7F7F7Fu, highs = ~lows;
    uint64_t w;
    memcpy(&w, s, 8);
#define ZERO_BYTES(x) (~((((x) & lows) + lows) | (x) | lows))
    uint64_t below_space = ~((w & lows) + 0x6060606060606060u) & ~w & highs;
    uint64_t tab = ZERO_BYTES(w ^ 0x0909090909090909u);
    uint64_t del = ZERO_BYTES(w ^ lows);
#undef ZERO_BYTES
    return !((w & highs) | (below_space & ~tab) | del);
}

size_t text_invalid_at(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len;
    while (s < e) {
        if (e - s >= 8 && printable_ascii8(s)) {
            s += 8;
            continue;
        }
        unsigned char c = *s;
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!n || (c < 0x20 && c != '\t') || c == 0x7F || (size_t)(e - s) < n)
            return (size_t)(s - (const unsigned char *)text) + 1;
        for (size_t i = 1; i < n; i++)
            if ((s[i] & 0xC0) != 0x80)
                return (size_t)(s - (const unsigned char *)text) + 1;
        /* overlongs, surrogates and code points past U+10FFFF */
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
            (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return (size_t)(s - (const unsigned char *)text) + 1;
        s += n;
    }
    return 0;
}

int linefile_next(linefile *lf, r2x_error *err)
{
    if (lf->status)
        return 0;
    if (!fgets(lf->line, sizeof lf->line, lf->fp)) {
        if (ferror(lf->fp))
            lf->status = r2x_fail(err, R2X_EIO, lf->path, lf->lineno + 1, "read error: %s",
                                  strerror(errno));
        return 0;
    }
    lf->lineno++;
    size_t n = strlen(lf->line);
    if (n && lf->line[n - 1] == '\n')
        lf->line[--n] = '\0';
    else if (!feof(lf->fp))
        /* never split a long line into two: its second half would be read
         * as a line of its own */
    {
        if (n + 1 < sizeof lf->line)     /* fgets stopped at neither: a NUL byte */
            lf->status = r2x_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                                  "binary file (a NUL byte at column %zu); expected text",
                                  n + 1);
        else
            lf->status = r2x_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                                  "line longer than %zu bytes", sizeof lf->line - 2);
        return 0;
    }
    if (n && lf->line[n - 1] == '\r')
        lf->line[--n] = '\0';
    /* what these files say is written into XML: it must be text */
    size_t bad = text_invalid_at(lf->line, n);
    if (bad) {
        lf->status = r2x_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                              "byte 0x%02X at column %zu is not UTF-8 text",
                              (unsigned char)lf->line[bad - 1], bad);
        return 0;
    }
    return 1;
}

void linefile_close(linefile *lf)
{
    if (lf->fp)
        fclose(lf->fp);
    lf->fp = NULL;
}

int text_read_file(const char *path, size_t max, const char *what, char **text, size_t *len,
                   r2x_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return r2x_fail(err, R2X_EIO, path, 0, "cannot open %s: %s", what,
                        strerror(errno));
    struct stat st;
    size_t cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    char *data = NULL;
    size_t n = 0;
    int rc = R2X_OK;
    while (!rc) {
        if (n + 1 >= cap || !data) {
            cap = data ? 2 * cap : cap;
            char *bigger = cap <= max ? realloc(data, cap) : NULL;
            if (!bigger) {
                rc = r2x_fail(err, cap > max ? R2X_ETOOBIG : R2X_ENOMEM, path, 0,
                              cap > max ? "larger than %zu bytes" : "out of memory",
                              max);
                break;
            }
            data = bigger;
        }
        ssize_t got = read(fd, data + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            rc = r2x_fail(err, R2X_EIO, path, 0, "read error: %s", strerror(errno));
        else if (got == 0)
            break;
        else
            n += (size_t)got;
    }
    close(fd);
    if (!rc && memchr(data, '\0', n))
        rc = r2x_fail(err, R2X_EPROFILE, path, 0, "binary file (a NUL byte); expected text");
    if (rc) {
        free(data);
        return rc;
    }
    data[n] = '\0';
    *text = data;
    *len = n;
    return R2X_OK;
}
