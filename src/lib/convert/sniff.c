/*
 * sniff.c - what a file is, from its first bytes, so that a PDF, a Word
 * document, an image or an XBRL file given as a release is named as what it
 * is, with what to do with it, instead of failing later as "binary" or
 * "invalid UTF-8".
 */
#include "sniff.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* How much of a file sniffing reads (and, for a zip, of its end). */
#define SNIFF_BYTES 65536

static int starts(const char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && !memcmp(d, magic, n);
}

static int contains(const char *d, size_t len, const char *needle, size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++) {
        const char *p = memchr(d + i, needle[0], len - n - i + 1);
        if (!p)
            return 0;
        i = (size_t)(p - d);
        if (!memcmp(p, needle, n))
            return 1;
    }
    return 0;
}

#define CONTAINS(d, len, lit) contains(d, len, lit, sizeof lit - 1)

static void set(r2x_sniffed *out, int kind, const char *what)
{
    out->kind = kind;
    r2xi_strlcpy(out->what, what, sizeof out->what);
}

/* A zip: which kind, by the names of its entries (stored uncompressed in
 * its local headers and central directory). */
static void sniff_zip(const char *d, size_t len, r2x_sniffed *out)
{
    if (CONTAINS(d, len, "META-INF/taxonomyPackage.xml"))
        set(out, R2X_KIND_TAXONOMY_PACKAGE, "a taxonomy package (zip)");
    else if (CONTAINS(d, len, "word/document.xml") || CONTAINS(d, len, "word/_rels"))
        set(out, R2X_KIND_WORD, "a Word document (.docx)");
    else if (CONTAINS(d, len, "xl/workbook.xml"))
        set(out, R2X_KIND_OFFICE, "an Excel workbook (.xlsx)");
    else if (CONTAINS(d, len, "ppt/presentation.xml"))
        set(out, R2X_KIND_OFFICE, "a PowerPoint presentation (.pptx)");
    else
        set(out, R2X_KIND_ZIP, "a zip archive");
}

/* The local name of the root element of an XML or HTML document, after the
 * prolog, comments, processing instructions and a doctype; "" if none. */
static void root_name(const char *d, size_t len, char *out, size_t size)
{
    const char *p = d, *e = d + len;
    out[0] = '\0';
    while (p < e) {
        while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (p >= e || *p != '<')
            return;
        if (e - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *end = NULL;
            for (const char *q = p + 4; q + 3 <= e; q++)
                if (!memcmp(q, "-->", 3)) {
                    end = q + 3;
                    break;
                }
            if (!end)
                return;
            p = end;
            continue;
        }
        if (e - p >= 9 && !strncasecmp(p, "<!DOCTYPE", 9)) {
            /* an internal subset may hold '>' */
            const char *q = p + 9;
            while (q < e && *q != '[' && *q != '>')
                q++;
            if (q < e && *q == '[') {
                q = memchr(q, ']', (size_t)(e - q));
                if (!q)
                    return;
            }
            const char *gt = memchr(q, '>', (size_t)(e - q));
            if (!gt)
                return;
            p = gt + 1;
            continue;
        }
        if (e - p >= 2 && (p[1] == '?' || p[1] == '!')) {
            const char *gt = memchr(p, '>', (size_t)(e - p));
            if (!gt)
                return;
            p = gt + 1;
            continue;
        }
        const char *s = p + 1, *t = s;
        while (t < e && *t != ' ' && *t != '>' && *t != '/' && *t != '\t' && *t != '\n' &&
               *t != '\r')
            t++;
        const char *colon = memchr(s, ':', (size_t)(t - s));
        if (colon)
            s = colon + 1;
        snprintf(out, size, "%.*s", (int)(t - s), s);
        return;
    }
}

static void sniff_markup(const char *d, size_t len, r2x_sniffed *out)
{
    const char *s = d;
    size_t n = len;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
        s += 3;
        n -= 3;
    }
    char root[64];
    root_name(s, n, root, sizeof root);
    if (!root[0]) {
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
            k++;
        if (k < n && s[k] == '<')
            set(out, R2X_KIND_XML, "markup");   /* its root could not be told */
        return;
    }
    if (!strcasecmp(root, "html")) {
        if (CONTAINS(s, n, "http://www.xbrl.org/2013/inlineXBRL") ||
            CONTAINS(s, n, "http://www.xbrl.org/2008/inlineXBRL"))
            set(out, R2X_KIND_INLINE_XBRL, "an Inline XBRL document");
        else
            set(out, R2X_KIND_HTML, "an HTML document");
    } else if (!strcmp(root, "xbrl") && CONTAINS(s, n, "http://www.xbrl.org/2003/instance")) {
        set(out, R2X_KIND_XBRL_INSTANCE, "an XBRL instance");
    } else if (!strcmp(root, "linkbase") && CONTAINS(s, n, "http://www.xbrl.org/2003/linkbase")) {
        set(out, R2X_KIND_XBRL_TAXONOMY, "an XBRL linkbase");
    } else if (!strcmp(root, "schema") && CONTAINS(s, n, "http://www.w3.org/2001/XMLSchema") &&
               CONTAINS(s, n, "http://www.xbrl.org/")) {
        set(out, R2X_KIND_XBRL_TAXONOMY, "an XBRL taxonomy schema");
    } else if (starts(s, n, "<?xml", 5)) {
        set(out, R2X_KIND_XML, "an XML document");
    }
}

void r2x_sniff(const char *d, size_t len, r2x_sniffed *out)
{
    set(out, R2X_KIND_TEXT, "text");
    const unsigned char *u = (const unsigned char *)d;
    if (starts(d, len, "%PDF-", 5))
        set(out, R2X_KIND_PDF, "a PDF document");
    else if (starts(d, len, "PK\003\004", 4) || starts(d, len, "PK\005\006", 4))
        sniff_zip(d, len, out);
    else if (starts(d, len, "\320\317\021\340\241\261\032\341", 8)) {
        if (contains(d, len, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24))
            set(out, R2X_KIND_WORD, "a Word document (.doc)");
        else
            set(out, R2X_KIND_OFFICE, "a Microsoft Office document (.doc, .xls or .ppt)");
    } else if (starts(d, len, "{\\rtf", 5))
        set(out, R2X_KIND_RTF, "an RTF document");
    else if (starts(d, len, "\211PNG\r\n\032\n", 8))
        set(out, R2X_KIND_IMAGE, "a PNG image");
    else if (len >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
        set(out, R2X_KIND_IMAGE, "a JPEG image");
    else if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6))
        set(out, R2X_KIND_IMAGE, "a GIF image");
    else if (starts(d, len, "II*\0", 4) || starts(d, len, "MM\0*", 4))
        set(out, R2X_KIND_IMAGE, "a TIFF image");
    else if (len >= 12 && starts(d, len, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
        set(out, R2X_KIND_IMAGE, "a WebP image");
    else if (len >= 12 && !memcmp(d + 4, "ftyp", 4) &&
             (!memcmp(d + 8, "heic", 4) || !memcmp(d + 8, "heix", 4) || !memcmp(d + 8, "avif", 4)))
        set(out, R2X_KIND_IMAGE, "an HEIF image");
    else if (len >= 26 && starts(d, len, "BM", 2) && !memcmp(d + 6, "\0\0\0\0", 4) &&
             (u[14] == 12 || u[14] == 40 || u[14] == 108 || u[14] == 124) && !u[15])
        set(out, R2X_KIND_IMAGE, "a BMP image");
    else if (len >= 2 && u[0] == 0x1F && u[1] == 0x8B)
        set(out, R2X_KIND_GZIP, "gzip-compressed data");
    else
        sniff_markup(d, len, out);
}

int r2x_sniff_file(const char *path, r2x_sniffed *out, r2x_error *err)
{
    set(out, R2X_KIND_TEXT, "text");
    if (!strcmp(path, "-"))
        return R2X_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot open: %s", strerror(errno));
    char *buf = malloc(2 * SNIFF_BYTES);
    if (!buf) {
        close(fd);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    ssize_t n = read(fd, buf, SNIFF_BYTES);
    if (n < 0) {
        int e = errno;
        close(fd);
        free(buf);
        return r2xi_fail(err, R2X_EIO, path, 0, "read error: %s", strerror(e));
    }
    size_t len = (size_t)n;
    /* a zip names its entries again in its central directory, at its end */
    struct stat st;
    if (starts(buf, len, "PK", 2) && fstat(fd, &st) == 0 && st.st_size > SNIFF_BYTES) {
        off_t at = st.st_size - SNIFF_BYTES > SNIFF_BYTES ? st.st_size - SNIFF_BYTES
                                                         : SNIFF_BYTES;
        ssize_t m = pread(fd, buf + len, SNIFF_BYTES, at);
        if (m > 0)
            len += (size_t)m;
    }
    close(fd);
    r2x_sniff(buf, len, out);
    free(buf);
    return R2X_OK;
}

int sniff_refuse(const char *name, const char *data, size_t len, int format, r2x_error *err)
{
    r2x_sniffed s;
    r2x_sniff(data, len < SNIFF_BYTES ? len : SNIFF_BYTES, &s);
    const char *todo = NULL;
    switch (s.kind) {
    case R2X_KIND_PDF:
#ifdef HAVE_POPPLER
        return R2X_OK;           /* the PDF reader's */
#else
        if (format == R2X_INPUT_PDF)
            return r2xi_fail(err, R2X_EUSAGE, name, 0,
                            "this build of release2xbrl reads no PDF (it was built without "
                            "poppler-glib); extract the text with `pdftotext -layout FILE "
                            "FILE.txt` (poppler-utils) and give the .txt");
        todo = "this build reads no PDF itself: extract its text with `pdftotext -layout "
               "FILE FILE.txt` (poppler-utils) and give the .txt";
        break;
#endif
    case R2X_KIND_WORD:
    case R2X_KIND_OFFICE:
    case R2X_KIND_RTF:
        todo = "save it as HTML (Web Page) or PDF and give that";
        break;
    case R2X_KIND_IMAGE:
        todo = "a release is read as text, HTML or PDF: a scanned page needs OCR first";
        break;
    case R2X_KIND_TAXONOMY_PACKAGE:
        todo = "it is a taxonomy: give it to `release2xbrl fetch` or to --catalog";
        break;
    case R2X_KIND_ZIP:
        todo = "unpack it and give the release inside";
        break;
    case R2X_KIND_GZIP:
        todo = "decompress it (gunzip) and give the result";
        break;
    case R2X_KIND_INLINE_XBRL:
        if (format == R2X_INPUT_AUTO)
            todo = "it already carries XBRL: get its instance with `release2xbrl extract "
                   "FILE` or check it with `release2xbrl validate FILE` (--input-format "
                   "html reads it as a release all the same)";
        break;
    case R2X_KIND_XBRL_INSTANCE:
    case R2X_KIND_XBRL_TAXONOMY:
        if (format == R2X_INPUT_AUTO)
            todo = "it is XBRL already: check it with `release2xbrl validate FILE`";
        break;
    }
    if (!todo)
        return R2X_OK;
    return r2xi_fail(err, R2X_EINPUT, name, 0, "this is %s, not a release; %s", s.what, todo);
}
