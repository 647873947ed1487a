/* document.c - read a release: size limits, binary and encoding checks, lines. */
#include "document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "html.h"
#include "read_text.h"
#include "read_pdf.h"
#include "sized.h"
#include "sniff.h"

/* Windows-1252 bytes 0x80..0x9F as Unicode; 0 where undefined. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

unsigned document_cp1252_char(unsigned char c)
{
    if (c >= 0x80 && c < 0xA0)
        return cp1252_high[c - 0x80];
    return c;
}

int document_put_utf8(r2x_buf *b, unsigned cp)
{
    char s[4];
    size_t n;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp < 0x110000) {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return document_put_utf8(b, 0xFFFD);
    }
    return buf_add(b, s, n);
}

/* The code point of the valid UTF-8 sequence at s, its length into *len;
 * U+FFFD and *len 0 if invalid (overlongs, surrogates and code points past
 * U+10FFFF are invalid). */
unsigned document_utf8_char(const unsigned char *s, const unsigned char *e, size_t *len)
{
    unsigned char c = s[0];
    *len = 0;
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    size_t n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0xFFFD;
    }
    if ((size_t)(e - s) < n)
        return 0xFFFD;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = n;
    return cp;
}

size_t document_utf8_len(const unsigned char *s, const unsigned char *e)
{
    size_t n;
    document_utf8_char(s, e, &n);
    return n;
}

void r2x_document_free(r2x_document *doc)
{
    if (!doc)
        return;
    free(doc->name);
    free(doc->text);
    free(doc->line_start);
    free(doc->source_line);
    free(doc->page_lines);
    grid_free(doc->grid);
    free(doc);
}

static int text_is_all_blank(const char *s, size_t len);

/* Normalise line ends, check encoding and line lengths, index the lines. */
/* The character at *s into text as UTF-8 (decoded from Windows-1252 when
 * cp1252), *s moved past it; an error at line and column when it is not
 * text of that encoding. */
static int add_char(const r2x_document *doc, const unsigned char **s, const unsigned char *e,
                    int cp1252, r2x_buf *text, long line, size_t column, r2x_error *err)
{
    unsigned char c = **s;
    if (cp1252 && c >= 0x80) {
        unsigned cp = c < 0xA0 ? cp1252_high[c - 0x80] : c;
        if (!cp)
            return r2xi_fail(err, R2X_EINPUT, doc->name, line,
                             "byte 0x%02X at column %zu is not Windows-1252 text", c, column);
        int rc = document_put_utf8(text, cp);
        if (!rc)
            (*s)++;
        return rc;
    }
    size_t n = document_utf8_len(*s, e);
    if (!n)
        return r2xi_fail(err, R2X_EINPUT, doc->name, line,
                         "invalid UTF-8 (byte 0x%02X) at column %zu; "
                         "if the file is Windows-1252 or Latin-1, use --encoding windows-1252",
                         c, column);
    int rc = buf_add(text, *s, n);
    if (!rc)
        *s += n;
    return rc;
}

static int build(r2x_document *doc, const unsigned char *data, size_t len,
                 const r2x_read_options *opts, r2x_error *err)
{
    size_t max_line = opts && opts->max_line_bytes ? opts->max_line_bytes
                                                   : R2X_DEFAULT_MAX_LINE;
    int cp1252 = opts && opts->windows_1252;
    r2x_buf text, lines, pages;
    buf_init(&text, R2X_BUF_NOCAP);
    buf_init(&lines, R2X_BUF_NOCAP);
    buf_init(&pages, R2X_BUF_NOCAP);
    int rc = R2X_OK;
    long line = 1;
    size_t line_begin = 0;          /* offset in text of the current line */
    const unsigned char *s = data, *e = data + len;

    if (!cp1252 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;                     /* a byte-order mark is not content */
    size_t zero = 0;
    if ((rc = buf_add(&lines, &zero, sizeof zero)))
        goto fail;
    while (s < e) {
        unsigned char c = *s;
        if (c == 0) {
            rc = r2xi_fail(err, R2X_EINPUT, doc->name, line,
                          "binary file (a NUL byte at column %zu); expected text",
                          text.len - line_begin + 1);
            goto fail;
        }
        if (c == '\f' && text.len == line_begin) {
            s++;            /* a page break at the start of a line */
            size_t at = (size_t)line;
            size_t np = pages.len / sizeof at;
            if ((!np || ((size_t *)(void *)pages.data)[np - 1] != at) &&
                (rc = buf_add(&pages, &at, sizeof at)))
                goto fail;
            continue;
        }
        if (c == '\r' || c == '\n' || c == '\f') {
            /* a page break inside a line ends it */
            if (c == '\r' && s + 1 < e && s[1] == '\n')
                s++;
            s++;
            if ((rc = buf_addc(&text, '\n')))
                goto fail;
            if ((rc = buf_add(&lines, &text.len, sizeof text.len)))
                goto fail;
            line_begin = text.len;
            line++;
            continue;
        }
        if ((rc = add_char(doc, &s, e, cp1252, &text, line, text.len - line_begin + 1, err)))
            goto fail;
        if (text.len - line_begin > max_line) {
            rc = r2xi_fail(err, R2X_ETOOBIG, doc->name, line,
                          "line is longer than %zu bytes; expected the text of a release",
                          max_line);
            goto fail;
        }
    }
    if (text.len > line_begin) {
        if ((rc = buf_addc(&text, '\n')) ||
            (rc = buf_add(&lines, &text.len, sizeof text.len)))
            goto fail;
    }
    doc->nlines = lines.len / sizeof(size_t) - 1;
    if (text_is_all_blank(text.data, text.len)) {
        rc = r2xi_fail(err, R2X_EINPUT, doc->name, doc->nlines ? 1 : 0,
                      "empty file; expected the text of a release");
        goto fail;
    }
    doc->text = buf_detach(&text, &doc->len);
    doc->line_start = (size_t *)(void *)buf_detach(&lines, NULL);
    doc->npage_lines = pages.len / sizeof(size_t);
    doc->page_lines = (size_t *)(void *)buf_detach(&pages, NULL);
    if (!doc->text || !doc->line_start || !doc->page_lines)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    return read_text_grid(doc, &doc->grid, err);
fail:
    if (rc == R2X_ENOMEM)
        r2xi_fail(err, rc, doc->name, line, "out of memory");
    else if (rc == R2X_ETOOBIG && err && !err->message[0])
        r2xi_fail(err, rc, doc->name, line, "input too large");
    buf_release(&text);
    buf_release(&lines);
    buf_release(&pages);
    return rc;
}

static int text_is_all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

/* An HTML release: its lines come from html_read, each with its HTML line. */
static int build_html(r2x_document *doc, const char *data, size_t len,
                      const r2x_read_options *opts, r2x_error *err)
{
    size_t max_line = opts && opts->max_line_bytes ? opts->max_line_bytes
                                                   : R2X_DEFAULT_MAX_LINE;
    size_t max_input = opts && opts->max_input_bytes ? opts->max_input_bytes
                                                     : R2X_DEFAULT_MAX_INPUT;
    r2x_buf text, src, lines;
    buf_init(&text, R2X_BUF_NOCAP);
    buf_init(&src, R2X_BUF_NOCAP);
    buf_init(&lines, R2X_BUF_NOCAP);
    doc->grid = grid_new(GRID_UNITS_COLUMNS, 1);
    if (!doc->grid)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    /* markup only shrinks to text; the cap guards against spans repeated */
    int rc = html_read(doc->name, data, len, opts && opts->windows_1252, max_line,
                       max_input < ((size_t)-1) / 4 ? max_input * 4 : max_input,
                       &text, &src, doc->grid, err);
    size_t zero = 0;
    if (!rc)
        rc = buf_add(&lines, &zero, sizeof zero);
    for (size_t i = 0; !rc && i < text.len; i++)
        if (text.data[i] == '\n') {
            size_t next = i + 1;
            rc = buf_add(&lines, &next, sizeof next);
        }
    if (rc) {
        if (rc == R2X_ENOMEM)
            r2xi_fail(err, rc, doc->name, 0, "out of memory");
        goto fail;
    }
    doc->nlines = lines.len / sizeof(size_t) - 1;
    if (text_is_all_blank(text.data, text.len)) {
        rc = r2xi_fail(err, R2X_EINPUT, doc->name, 0,
                      "the HTML has no text; expected the text of a release");
        goto fail;
    }
    doc->format = R2X_INPUT_HTML;
    doc->text = buf_detach(&text, &doc->len);
    doc->line_start = (size_t *)(void *)buf_detach(&lines, NULL);
    doc->source_line = (long *)(void *)buf_detach(&src, NULL);
    if (!doc->text || !doc->line_start || !doc->source_line)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    return R2X_OK;
fail:
    buf_release(&text);
    buf_release(&src);
    buf_release(&lines);
    return rc;
}

static r2x_document *document_alloc(const char *name, r2x_error *err)
{
    r2x_document *doc = calloc(1, sizeof *doc);
    if (doc)
        doc->name = r2xi_strdup(name);
    if (!doc || !doc->name) {
        free(doc);
        r2xi_fail(err, R2X_ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    return doc;
}

/* UTF-16 after its byte order mark (2 bytes) as UTF-8; an unpaired
 * surrogate or an odd last byte becomes U+FFFD. */
static int utf16_to_utf8(const unsigned char *s, size_t len, int big_endian, r2x_buf *out)
{
    int rc = R2X_OK;
    for (size_t i = 2; !rc && i < len; i += 2) {
        if (i + 1 >= len) {
            rc = document_put_utf8(out, 0xFFFD);
            break;
        }
        unsigned u = big_endian ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < len) {
            unsigned lo = big_endian ? (unsigned)(s[i + 2] << 8 | s[i + 3])
                                     : (unsigned)(s[i + 3] << 8 | s[i + 2]);
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        rc = document_put_utf8(out, u >= 0xD800 && u < 0xE000 ? 0xFFFD : u);
    }
    return rc;
}

static int read_decoded(const char *name, const char *data, size_t len,
                        const r2x_read_options *opts, r2x_document **out, r2x_error *err);

int r2x_document_read_memory(const char *name, const char *data, size_t len,
                             const r2x_read_options *given, r2x_document **out,
                             r2x_error *err)
{
    *out = NULL;
    r2x_read_options sized;
    int rc = sized_in(&sized, sizeof sized, given, "r2x_read_options", err);
    if (rc)
        return rc;
    const r2x_read_options *opts = &sized;
    int refused = sniff_refuse(name, data, len, opts ? opts->format : R2X_INPUT_AUTO, err);
    if (refused)
        return refused;
    /* UTF-16 (Windows tools save "Unicode" text so), by its byte order mark:
     * read as the UTF-8 it is, whatever --encoding says */
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)) &&
        !pdf_sniff(data, len)) {
        *out = NULL;
        /* the limit is on the file: its UTF-8 may be half as long again */
        size_t max = opts && opts->max_input_bytes ? opts->max_input_bytes
                                                   : R2X_DEFAULT_MAX_INPUT;
        if (len > max)
            return read_decoded(name, data, len, opts, out, err);   /* says so */
        r2x_buf utf8;
        buf_init(&utf8, R2X_BUF_NOCAP);
        rc = utf16_to_utf8(u, len, u[0] == 0xFE, &utf8);
        if (rc) {
            buf_release(&utf8);
            return r2xi_fail(err, rc, name, 0, "out of memory");
        }
        r2x_read_options o;
        memset(&o, 0, sizeof o);
        if (opts)
            o = *opts;
        o.windows_1252 = 0;
        o.max_input_bytes = utf8.len > max ? utf8.len : max;
        rc = read_decoded(name, utf8.data ? utf8.data : "", utf8.len, &o, out, err);
        buf_release(&utf8);
        return rc;
    }
    return read_decoded(name, data, len, opts, out, err);
}

static int read_decoded(const char *name, const char *data, size_t len,
                        const r2x_read_options *opts, r2x_document **out, r2x_error *err)
{
    *out = NULL;
    size_t max = opts && opts->max_input_bytes ? opts->max_input_bytes
                                               : R2X_DEFAULT_MAX_INPUT;
    if (len > max)
        return r2xi_fail(err, R2X_ETOOBIG, name, 0,
                        "input is larger than %zu bytes; not a release "
                        "(raise the limit with --max-input)", max);
    r2x_document *doc = document_alloc(name, err);
    if (!doc)
        return R2X_ENOMEM;
    r2x_error_clear(err);
    int format = opts ? opts->format : R2X_INPUT_AUTO;
    int is_pdf = pdf_sniff(data, len);
    if (format == R2X_INPUT_AUTO)
        format = is_pdf ? R2X_INPUT_PDF : html_sniff(data, len) ? R2X_INPUT_HTML : R2X_INPUT_TEXT;
    int rc;
    if (format == R2X_INPUT_PDF && !is_pdf) {
        rc = r2xi_fail(err, R2X_EINPUT, name, 0,
                      "not a PDF: no '%%PDF-' header in its first 1024 bytes "
                      "(--input-format pdf)");
    } else if (format == R2X_INPUT_PDF) {
        rc = pdf_read(doc, data, len, opts, err);
    } else if (format == R2X_INPUT_HTML) {
        rc = build_html(doc, data, len, opts, err);
    } else if (is_pdf) {
        rc = r2xi_fail(err, R2X_EINPUT, name, 0,
                      "this is a PDF but was read as text (--input-format text); "
                      "read it as a PDF (--input-format auto or pdf)");
    } else {
        doc->format = R2X_INPUT_TEXT;
        rc = build(doc, (const unsigned char *)data, len, opts, err);
    }
    if (rc) {
        r2x_document_free(doc);
        return rc;
    }
    *out = doc;
    return R2X_OK;
}

int r2x_document_read_file(const char *path, const char *name,
                           const r2x_read_options *given, r2x_document **out,
                           r2x_error *err)
{
    *out = NULL;
    r2x_read_options sized;
    int rc = sized_in(&sized, sizeof sized, given, "r2x_read_options", err);
    if (rc)
        return rc;
    const r2x_read_options *opts = &sized;
    int is_stdin = strcmp(path, "-") == 0;
    if (!name)
        name = is_stdin ? "<stdin>" : path;
    size_t max = opts && opts->max_input_bytes ? opts->max_input_bytes
                                               : R2X_DEFAULT_MAX_INPUT;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return r2xi_fail(err, R2X_EIO, name, 0, "cannot open: %s", strerror(errno));
    /* The buffer's cap stops the read past max: memory stays bounded
     * whatever the size. */
    r2x_buf data;
    buf_init(&data, max);
    rc = buf_read_fd(&data, fd);
    int e = errno;
    if (!is_stdin)
        close(fd);
    if (rc == R2X_ETOOBIG) {
        buf_release(&data);
        return r2xi_fail(err, R2X_ETOOBIG, name, 0,
                        "input is larger than %zu bytes; not a release "
                        "(raise the limit with --max-input)", max);
    }
    if (rc == R2X_EIO) {
        buf_release(&data);
        return r2xi_fail(err, rc, name, 0, "read error: %s", strerror(e));
    }
    if (rc) {
        buf_release(&data);
        return r2xi_fail(err, rc, name, 0, "out of memory");
    }
    rc = r2x_document_read_memory(name, data.data, data.len, opts, out, err);
    buf_release(&data);
    return rc;
}

const char *document_line(const r2x_document *doc, size_t n, size_t *len)
{
    if (n < 1 || n > doc->nlines)
        return NULL;
    size_t a = doc->line_start[n - 1], b = doc->line_start[n];
    if (len)
        *len = b - a - (b > a && doc->text[b - 1] == '\n');
    return doc->text + a;
}

const char *document_language(const r2x_document *doc)
{
    return doc && doc->grid && doc->grid->lang[0] ? doc->grid->lang : "en";
}

size_t document_source_line(const r2x_document *doc, size_t n)
{
    if (!doc || !doc->source_line || n < 1 || n > doc->nlines)
        return n;
    return (size_t)doc->source_line[n - 1];
}

size_t r2x_document_source_line(const r2x_document *doc, size_t n)
{
    return document_source_line(doc, n);
}

size_t document_line_of_offset(const r2x_document *doc, size_t off)
{
    size_t lo = 0, hi = doc->nlines;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->line_start[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *r2x_document_name(const r2x_document *doc)
{
    return doc->name;
}

size_t r2x_document_line_count(const r2x_document *doc)
{
    return doc->nlines;
}

const char *r2x_document_line(const r2x_document *doc, size_t n)
{
    /* Lines end with '\n' in text; callers of the public API get the line
     * with its end via document_line's length. */
    return document_line(doc, n, NULL);
}

const char *r2x_document_text(const r2x_document *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}
