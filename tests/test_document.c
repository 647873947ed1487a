/*
 * test_document.c - unit tests for document.c: reading a release into lines
 * of validated UTF-8 (TAP output).
 */
#include "document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static char tmpdir[64];

/* Line n of doc as a NUL-terminated copy (static buffer), or NULL. */
static const char *line_text(const r2x_document *doc, size_t n)
{
    static char buf[256];
    size_t len;
    const char *s = document_line(doc, n, &len);
    if (!s)
        return NULL;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

static int read_mem(const char *name, const char *data, size_t len,
                    const r2x_read_options *opts, r2x_document **doc, r2x_error *err)
{
    memset(err, 0x5a, sizeof *err);
    return r2x_document_read_memory(name, data, len, opts, doc, err);
}

static void test_line_ends(void)
{
    r2x_document *doc = NULL;
    r2x_error err;
    size_t len;

    static const char crlf[] = "first\r\nsecond\r\n\r\nfourth";
    int rc = read_mem("crlf.txt", crlf, sizeof crlf - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc, "CRLF text reads");
    if (doc) {
        ok(r2x_document_line_count(doc) == 4, "CRLF: 4 lines (the last has no line end)");
        is_str(line_text(doc, 1), "first", "CRLF: line 1");
        is_str(line_text(doc, 2), "second", "CRLF: line 2");
        is_str(line_text(doc, 3), "", "CRLF: line 3 is empty");
        is_str(line_text(doc, 4), "fourth", "CRLF: line 4");
        ok(line_text(doc, 5) == NULL && line_text(doc, 0) == NULL,
           "CRLF: lines 0 and 5 do not exist");
        const char *text = r2x_document_text(doc, &len);
        ok(len == 21 && strcmp(text, "first\nsecond\n\nfourth\n") == 0,
           "CRLF: text has no CR and ends with a newline");
        ok(strchr(text, '\r') == NULL, "CRLF: no CR left");
        is_str(r2x_document_name(doc), "crlf.txt", "the document keeps its name");
        const char *l2 = r2x_document_line(doc, 2);
        ok(l2 && strncmp(l2, "second\n", 7) == 0, "r2x_document_line(2) points at 'second\\n'");
        ok(r2x_document_line(doc, 5) == NULL, "r2x_document_line past the end is NULL");
    }
    r2x_document_free(doc);

    static const char cr[] = "one\rtwo\rthree\r";
    rc = read_mem("cr.txt", cr, sizeof cr - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc, "lone-CR text reads");
    if (doc) {
        ok(r2x_document_line_count(doc) == 3, "lone CR: 3 lines");
        is_str(line_text(doc, 1), "one", "lone CR: line 1");
        is_str(line_text(doc, 2), "two", "lone CR: line 2");
        is_str(line_text(doc, 3), "three", "lone CR: line 3");
        is_str(r2x_document_text(doc, NULL), "one\ntwo\nthree\n", "lone CR: text");
    }
    r2x_document_free(doc);

    static const char mixed[] = "a\r\rb\n\r\nc";
    rc = read_mem("mixed.txt", mixed, sizeof mixed - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 5,
       "CR CR LF CRLF: each CR, LF or CRLF ends one line (5 lines)");
    if (doc) {
        is_str(line_text(doc, 1), "a", "mixed: line 1");
        is_str(line_text(doc, 2), "", "mixed: line 2 empty");
        is_str(line_text(doc, 3), "b", "mixed: line 3");
        is_str(line_text(doc, 4), "", "mixed: line 4 empty");
        is_str(line_text(doc, 5), "c", "mixed: line 5");
    }
    r2x_document_free(doc);

    static const char tabs[] = "\tAs of March 31, 2009\t\n";
    rc = read_mem("tabs.txt", tabs, sizeof tabs - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 1,
       "a table line with a trailing newline: 1 line");
    if (doc) {
        const char *s = document_line(doc, 1, &len);
        ok(len == 22 && memcmp(s, "\tAs of March 31, 2009\t", 22) == 0,
           "document_line keeps tabs, drops the newline");
    }
    r2x_document_free(doc);

    /* Fixed bug (regression test): document.c says a form feed (page break) is a line end, but the
     * byte is dropped and the text on both sides joins into one line. */
    static const char ff[] = "page one\fpage two\n";
    rc = read_mem("ff.txt", ff, sizeof ff - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 2,
       "a form feed ends a line: 2 lines");
    if (doc && r2x_document_line_count(doc) != 2)
        printf("#   %zu line(s), line 1 '%s'\n", r2x_document_line_count(doc),
               line_text(doc, 1));
    r2x_document_free(doc);
}

static void test_bom_and_utf8(void)
{
    r2x_document *doc = NULL;
    r2x_error err;
    static const char bom[] = "\xef\xbb\xbfTitle\nline";
    int rc = read_mem("bom.txt", bom, sizeof bom - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc, "BOM text reads");
    if (doc) {
        is_str(line_text(doc, 1), "Title", "the byte-order mark is skipped");
        ok(r2x_document_line_count(doc) == 2, "BOM: 2 lines");
    }
    r2x_document_free(doc);

    static const char utf8[] = "Deferred tax assets \xe2\x80\x94" "Current\t762,221\n"
                               "IIJ Mobile Service \xc2\xb3\n"
                               "\xf0\x9f\x98\x80 four bytes\n";
    rc = read_mem("utf8.txt", utf8, sizeof utf8 - 1, NULL, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 3,
       "valid 2-, 3- and 4-byte UTF-8 is accepted");
    if (doc)
        is_str(line_text(doc, 2), "IIJ Mobile Service \xc2\xb3",
               "UTF-8 line kept byte for byte");
    r2x_document_free(doc);
}

static void test_rejections(void)
{
    r2x_document *doc = (r2x_document *)&doc;   /* must be reset to NULL */
    r2x_error err;
    int rc;

    rc = read_mem("empty.txt", "", 0, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && doc == NULL, "empty input: R2X_EINPUT, no document");
    ok(strstr(err.message, "empty") != NULL, "empty input: message says 'empty'");
    is_str(err.file, "empty.txt", "empty input: err.file is the name given");
    ok(err.code == R2X_EINPUT && err.severity == R2X_SEV_ERROR,
       "empty input: err.code R2X_EINPUT, severity error");

    static const char blank[] = "  \n\t\n\r\n   ";
    rc = read_mem("blank.txt", blank, sizeof blank - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && doc == NULL, "white space only: R2X_EINPUT");
    ok(strstr(err.message, "empty") != NULL, "white space only: message says 'empty'");

    static const char bomonly[] = "\xef\xbb\xbf";
    rc = read_mem("bom-only.txt", bomonly, sizeof bomonly - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && strstr(err.message, "empty") != NULL,
       "a byte-order mark alone is empty");

    static const char nul[] = "line one\nline two\nab\0cd\n";
    rc = read_mem("nul.bin", nul, sizeof nul - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && doc == NULL, "NUL byte: R2X_EINPUT");
    ok(strstr(err.message, "binary") != NULL, "NUL byte: message says 'binary'");
    ok(err.line == 3, "NUL byte: line 3");
    ok(strstr(err.message, "column 3") != NULL, "NUL byte: message names column 3");
    is_str(err.file, "nul.bin", "NUL byte: err.file");

    static const char bad[] = "ok\nab\xff";
    rc = read_mem("bad.txt", bad, sizeof bad - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && doc == NULL, "invalid UTF-8: R2X_EINPUT");
    ok(err.line == 2, "invalid UTF-8: line 2");
    ok(strstr(err.message, "column 3") != NULL, "invalid UTF-8: message names column 3");
    ok(strstr(err.message, "UTF-8") != NULL, "invalid UTF-8: message says UTF-8");
    is_str(err.file, "bad.txt", "invalid UTF-8: err.file");

    static const char crline[] = "a\r\nb\r\n\xe2\x80\x94x\xc3\n";
    rc = read_mem("crline.txt", crline, sizeof crline - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && err.line == 3 && strstr(err.message, "column 5") != NULL,
       "truncated sequence after CRLF lines: line 3, column 5 (columns count bytes)");

    static const char overlong[] = "x\xc0\xaf";
    rc = read_mem("overlong.txt", overlong, sizeof overlong - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT && err.line == 1, "overlong '\\xc0\\xaf': rejected at line 1");

    static const char overlong3[] = "\xe0\x80\xaf";
    rc = read_mem("overlong3.txt", overlong3, sizeof overlong3 - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT, "overlong 3-byte '/': rejected");

    static const char surrogate[] = "\xed\xa0\x80";
    rc = read_mem("surrogate.txt", surrogate, sizeof surrogate - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT, "a UTF-16 surrogate encoded in UTF-8: rejected");

    static const char toohigh[] = "\xf4\x90\x80\x80";
    rc = read_mem("high.txt", toohigh, sizeof toohigh - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT, "a code point past U+10FFFF: rejected");

    static const char cont[] = "\x80";
    rc = read_mem("cont.txt", cont, 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT, "a lone continuation byte: rejected");

    static const char cp[] = "\x93x\x94";
    rc = read_mem("latin.txt", cp, sizeof cp - 1, NULL, &doc, &err);
    ok(rc == R2X_EINPUT, "Windows-1252 quotes without the option: R2X_EINPUT");
}

/* UTF-16 with a byte order mark is read as the UTF-8 it is. */
static void test_utf16(void)
{
    static const struct {
        const char *name, *bytes;
        size_t len;
        const char *want;
    } cases[] = {
        /* "Caf\u00e9\n" */
        {"le.txt", "\xFF\xFE" "C\0a\0f\0\xE9\0\n\0", 12, "Caf\xC3\xA9"},
        /* U+1F600 as a surrogate pair, then an unpaired high surrogate */
        {"be.txt", "\xFE\xFF" "\xD8\x3D\xDE\x00\0 \xD8\x00\0x\0\n", 14,
         "\xF0\x9F\x98\x80 \xEF\xBF\xBDx"},
        /* an odd byte at the end */
        {"odd.txt", "\xFF\xFE" "a\0\n\0b", 7, "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r2x_document *doc = NULL;
        r2x_error err;
        r2x_read_options o;
        r2x_read_options_init(&o);
        o.windows_1252 = 1;        /* the byte order mark wins */
        int rc = read_mem(cases[i].name, cases[i].bytes, cases[i].len, &o, &doc, &err);
        char got[256];
        size_t n = 0;
        const char *line = rc == R2X_OK && doc->nlines ? document_line(doc, 1, &n) : NULL;
        snprintf(got, sizeof got, "%.*s", line ? (int)n : -1, line ? line : err.message);
        is_str(got, cases[i].want, "UTF-16 %s: the first line", cases[i].name);
        if (!strcmp(cases[i].name, "odd.txt"))
            ok(rc == R2X_OK && doc->nlines == 2 &&
               !strcmp(document_line(doc, 2, NULL), "\xEF\xBF\xBD\n"),
               "UTF-16: an odd last byte is U+FFFD");
        r2x_document_free(doc);
    }
}

/* --max-input is the file's size: UTF-16 at the limit reads, though its
 * UTF-8 is longer */
static void test_utf16_limit(void)
{
    char bytes[2 + 2 * 11];
    bytes[0] = '\xFF';
    bytes[1] = '\xFE';
    for (int i = 0; i < 10; i++) {   /* U+65E5 ten times, then a newline */
        bytes[2 + 2 * i] = '\xE5';
        bytes[3 + 2 * i] = '\x65';
    }
    bytes[22] = '\n';
    bytes[23] = '\0';
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.max_input_bytes = sizeof bytes;
    r2x_document *doc = NULL;
    r2x_error err;
    int rc = read_mem("jp.txt", bytes, sizeof bytes, &o, &doc, &err);
    ok(rc == R2X_OK && doc && doc->len == 31, "UTF-16 of 24 bytes reads under --max-input 24 "
                                              "(31 bytes of UTF-8)");
    r2x_document_free(doc);
    doc = NULL;
    o.max_input_bytes = sizeof bytes - 1;
    ok(read_mem("jp.txt", bytes, sizeof bytes, &o, &doc, &err) == R2X_ETOOBIG && !doc,
       "UTF-16 of 24 bytes is refused under --max-input 23");
}

static void test_windows_1252(void)
{
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.windows_1252 = 1;

    static const char q[] = "\x93x\x94\n";
    int rc = read_mem("w.txt", q, sizeof q - 1, &o, &doc, &err);
    ok(rc == R2X_OK && doc, "Windows-1252 quotes with the option: read");
    if (doc)
        is_str(line_text(doc, 1), "\xe2\x80\x9cx\xe2\x80\x9d",
               "0x93 x 0x94 -> U+201C x U+201D in UTF-8");
    r2x_document_free(doc);

    static const char more[] = "\x80" "5 \x97 caf\xe9 \xa5";
    rc = read_mem("w2.txt", more, sizeof more - 1, &o, &doc, &err);
    ok(rc == R2X_OK && doc, "Windows-1252 euro, em dash, e-acute, yen: read");
    if (doc)
        is_str(line_text(doc, 1), "\xe2\x82\xac" "5 \xe2\x80\x94 caf\xc3\xa9 \xc2\xa5",
               "0x80 -> U+20AC, 0x97 -> U+2014, 0xE9 -> U+00E9, 0xA5 -> U+00A5");
    r2x_document_free(doc);

    static const char undef[] = "ok\nx\x81";
    rc = read_mem("w3.txt", undef, sizeof undef - 1, &o, &doc, &err);
    ok(rc == R2X_EINPUT && doc == NULL && err.line == 2,
       "Windows-1252 undefined byte 0x81: R2X_EINPUT at line 2");
}

static void test_limits(void)
{
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_read_options o;
    r2x_read_options_init(&o);

    o.max_line_bytes = 10;
    static const char lines[] = "0123456789\nshort\n01234567890\n";
    int rc = read_mem("long.txt", lines, sizeof lines - 1, &o, &doc, &err);
    ok(rc == R2X_ETOOBIG && doc == NULL, "a line of 11 bytes with max_line_bytes 10: R2X_ETOOBIG");
    ok(err.line == 3, "... the error names line 3");
    ok(err.code == R2X_ETOOBIG && strstr(err.message, "10") != NULL,
       "... the message states the limit");
    is_str(err.file, "long.txt", "... err.file");

    static const char fits[] = "0123456789\r\nshort\n";
    rc = read_mem("fits.txt", fits, sizeof fits - 1, &o, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 2,
       "a line of exactly max_line_bytes (CRLF not counted) is accepted");
    r2x_document_free(doc);
    doc = NULL;

    r2x_read_options_init(&o);
    o.max_input_bytes = 8;
    static const char big[] = "123456789";
    rc = read_mem("big.txt", big, 9, &o, &doc, &err);
    ok(rc == R2X_ETOOBIG && doc == NULL, "9 bytes with max_input_bytes 8: R2X_ETOOBIG");
    is_str(err.file, "big.txt", "... err.file");
    ok(strstr(err.message, "8") != NULL, "... the message states the limit");
    rc = read_mem("eight.txt", big, 8, &o, &doc, &err);
    ok(rc == R2X_OK && doc, "8 bytes with max_input_bytes 8: read");
    r2x_document_free(doc);
}

static void test_files(void)
{
    r2x_document *doc = (r2x_document *)&doc;
    r2x_error err;
    char path[128];

    memset(&err, 0, sizeof err);
    snprintf(path, sizeof path, "%s/missing.txt", tmpdir);
    int rc = r2x_document_read_file(path, NULL, NULL, &doc, &err);
    ok(rc == R2X_EIO && doc == NULL, "a missing file: R2X_EIO");
    is_str(err.file, path, "a missing file: err.file is the path when no name is given");

    rc = r2x_document_read_file(path, "release.txt", NULL, &doc, &err);
    ok(rc == R2X_EIO && strcmp(err.file, "release.txt") == 0,
       "a missing file: err.file is the name given");

    snprintf(path, sizeof path, "%s/release.txt", tmpdir);
    FILE *fp = fopen(path, "wb");
    ok(fp != NULL, "temporary file created");
    if (!fp)
        return;
    fputs("Title\r\n\tAs of March 31, 2009\r\n", fp);
    fclose(fp);
    rc = r2x_document_read_file(path, "named.txt", NULL, &doc, &err);
    ok(rc == R2X_OK && doc && r2x_document_line_count(doc) == 2,
       "a file reads: 2 lines");
    if (doc) {
        is_str(r2x_document_name(doc), "named.txt", "the file's document takes the name given");
        is_str(line_text(doc, 2), "\tAs of March 31, 2009", "file line 2");
    }
    r2x_document_free(doc);

    r2x_read_options o;
    r2x_read_options_init(&o);
    o.max_input_bytes = 10;
    rc = r2x_document_read_file(path, NULL, &o, &doc, &err);
    ok(rc == R2X_ETOOBIG && doc == NULL, "a file over max_input_bytes: R2X_ETOOBIG");
    is_str(err.file, path, "... err.file is the path");

    fp = fopen(path, "wb");
    if (fp) {
        fputs("ok\n\xff\n", fp);
        fclose(fp);
    }
    rc = r2x_document_read_file(path, "bad.txt", NULL, &doc, &err);
    ok(rc == R2X_EINPUT && err.line == 2 && strcmp(err.file, "bad.txt") == 0,
       "a file with invalid UTF-8: R2X_EINPUT at line 2 of the name given");
    remove(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/r2x-test-document-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_line_ends();
    test_bom_and_utf8();
    test_rejections();
    test_windows_1252();
    test_utf16();
    test_utf16_limit();
    test_limits();
    test_files();
    rmdir(tmpdir);
    return tap_done();
}
