#include "linefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int linefile_open(linefile *lf, const char *path, const char *what, r2x_error *err)
{
    memset(lf, 0, sizeof *lf);
    lf->path = path;
    lf->fp = fopen(path, "r");
    if (!lf->fp)
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot open %s: %s", what, strerror(errno));
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
            lf->status = r2xi_fail(err, R2X_EIO, lf->path, lf->lineno + 1, "read error: %s",
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
            lf->status = r2xi_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                                  "binary file (a NUL byte at column %zu); expected text",
                                  n + 1);
        else
            lf->status = r2xi_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                                  "line longer than %zu bytes", sizeof lf->line - 2);
        return 0;
    }
    if (n && lf->line[n - 1] == '\r')
        lf->line[--n] = '\0';
    /* what these files say is written into XML: it must be text */
    size_t bad = text_invalid_at(lf->line, n);
    if (bad) {
        lf->status = r2xi_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
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

/* The largest line text_each_line takes; its buffer grows to it. */
#define TEXT_LINE_MAX ((size_t)1 << 20)
#define TEXT_CHUNK ((size_t)64 << 10)

/* Each complete line of buf[0..n): its end NUL-terminated in place, then fn.
 * *used is set to the bytes consumed (up to the last line end, or all of
 * them at the end of the file). */
static int each_line_in(char *buf, size_t n, int at_end, const char *path, long *lineno,
                        int (*fn)(void *ctx, char *line, size_t len, long lineno), void *ctx,
                        size_t *used, r2x_error *err)
{
    char *line = buf, *end = buf + n;
    int rc = R2X_OK;
    while (!rc && line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl && !at_end)
            break;
        size_t len = (size_t)((nl ? nl : end) - line);
        line[len] = '\0';              /* the '\n', or the byte past the data */
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        ++*lineno;
        /* what these files say is written into XML: it must be text */
        size_t bad = text_invalid_at(line, len);
        if (bad)
            rc = r2xi_fail(err, R2X_EPROFILE, path, *lineno,
                          "byte 0x%02X at column %zu is not UTF-8 text",
                          (unsigned char)line[bad - 1], bad);
        else
            rc = fn(ctx, line, len, *lineno);
        line = nl ? nl + 1 : end;
    }
    *used = (size_t)(line - buf);
    return rc;
}

int text_each_line(const char *path, size_t max, const char *what,
                   int (*fn)(void *ctx, char *line, size_t len, long lineno), void *ctx,
                   r2x_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot open %s: %s", what, strerror(errno));
    size_t cap = TEXT_CHUNK, have = 0, total = 0;
    char *buf = malloc(cap + 1);
    long lineno = 0;
    int rc = buf ? R2X_OK : r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    for (int at_end = 0; !rc && !at_end;) {
        if (have == cap) {          /* a line longer than the buffer: a larger one */
            char *bigger = cap < TEXT_LINE_MAX ? realloc(buf, 2 * cap + 1) : NULL;
            if (!bigger) {
                rc = cap < TEXT_LINE_MAX ? r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory")
                                         : r2xi_fail(err, R2X_EPROFILE, path, lineno + 1,
                                                    "line longer than %zu bytes", TEXT_LINE_MAX);
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + have, cap - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = r2xi_fail(err, R2X_EIO, path, 0, "read error: %s", strerror(errno));
            break;
        }
        if ((total += (size_t)got) > max) {
            rc = r2xi_fail(err, R2X_ETOOBIG, path, 0, "larger than %zu bytes", max);
            break;
        }
        if (memchr(buf + have, '\0', (size_t)got)) {
            rc = r2xi_fail(err, R2X_EPROFILE, path, 0, "binary file (a NUL byte); expected text");
            break;
        }
        have += (size_t)got;
        at_end = got == 0;
        size_t used = 0;
        rc = each_line_in(buf, have, at_end, path, &lineno, fn, ctx, &used, err);
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    free(buf);
    close(fd);
    return rc;
}
