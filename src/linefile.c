#include "linefile.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

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

/* Eight bytes of printable ASCII (0x20..0x7E): the common case, checked a
 * word at a time (a concept dictionary is megabytes of it). */
static int printable_ascii8(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t below_space = (w - 0x20 * ones) & ~w & highs;
    uint64_t x = w ^ (0x7F * ones);
    uint64_t del = (x - ones) & ~x & highs;
    return !((w & highs) | below_space | del);
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
