/*
 * test_entity.c - the entity rules (entity.c), the company list and its name
 * keys (companies.c), what a file is (sniff.c) and the zip reader (zip.c),
 * on data made here (TAP output).
 */
#include "companies.h"
#include "entity.h"
#include "sniff.h"
#include "zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "tap.h"

static char tmpdir[64];
static char list_path[128];

/* A small company list, in the snapshot's format. */
static const char list_text[] =
    "# a test list\n"
    "# CIK<TAB>TICKER<TAB>EXCHANGE<TAB>NAME\n"
    "12927\tBA\tNYSE\tBOEING CO\n"
    "21344\tKO\tNYSE\tCOCA COLA CO\n"
    "63908\tMCD\tNYSE\tMCDONALDS CORP\n"
    "320193\tAAPL\tNasdaq\tApple Inc.\n"
    "815097\tCCL\tNYSE\tCARNIVAL CORP\n"
    "1004980\tPCG\tNYSE\tPG&E Corp\n"
    "1067983\tBRK-B\tNYSE\tBERKSHIRE HATHAWAY INC\n"
    "1125259\tCUK\tNYSE\tCARNIVAL PLC\n"
    "1583708\tS\tNYSE\tSentinelOne, Inc.\n";

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, len, fp) != len) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    fclose(fp);
}

static void test_name_keys(void)
{
    static const struct {
        const char *name, *key;
    } cases[] = {
        {"The Boeing Company", "boeing"},
        {"BOEING CO", "boeing"},
        {"The Coca-Cola Company", "coca cola"},
        {"COCA COLA CO", "coca cola"},
        {"McDonald's Corporation", "mcdonalds"},
        {"McDonald\xE2\x80\x99s Corp.", "mcdonalds"},
        {"PG&E Corporation", "pg and e"},
        {"Johnson & Johnson", "johnson and johnson"},
        {"Sears, Roebuck and Co.", "sears roebuck"},
        {"Amazon.com, Inc.", "amazon com"},
        {"ASML Holding N.V.", "asml holding"},
        {"TESLA INC /DE/", "tesla"},
        {"The Company", ""},
        {"Corporation", ""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char key[256];
        company_name_key(cases[i].name, key, sizeof key);
        is_str(key, cases[i].key, "name key of '%s'", cases[i].name);
    }
}

static void test_company_list(void)
{
    companies *c = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    ok(companies_load(list_path, &c, &err) == R2X_OK, "the test list loads");
    if (!c)
        return;
    ok(companies_count(c) == 9, "9 tickers");
    const company *k = companies_by_ticker(c, "KO");
    ok(k && k->cik == 21344, "ticker KO is CIK 21344");
    k = companies_by_ticker(c, "BRK.B");
    ok(k && k->cik == 1067983, "ticker BRK.B is looked up as BRK-B");
    ok(!companies_by_ticker(c, "TWX"), "ticker TWX is not in the list");
    const company *first;
    ok(companies_by_name(c, "The Boeing Company", &first) == 1 && first->cik == 12927,
       "'The Boeing Company' is BOEING CO, and only it");
    ok(companies_by_name(c, "Carnival Corporation", &first) == 2,
       "'Carnival Corporation' is two companies (Carnival Corp, Carnival plc)");
    ok(companies_by_name(c, "Time Warner Inc.", &first) == 0, "'Time Warner Inc.' is none");
    ok(companies_by_name(c, "The Company", &first) == 0, "'The Company' names nobody");
    companies_free(c);

    char bad[160];
    snprintf(bad, sizeof bad, "%s/bad.tsv", tmpdir);
    write_file(bad, "# x\n12927\tBA\n", 13);
    ok(companies_load(bad, &c, &err) == R2X_EINPUT && err.line == 2 &&
           strstr(err.message, "expected 'CIK<TAB>TICKER<TAB>EXCHANGE<TAB>NAME'"),
       "a line with two fields is an error naming line 2 (%s)", err.message);
}

static void test_sec_json(void)
{
    static const char json[] =
        "{\"fields\": [\"cik\", \"name\", \"ticker\", \"exchange\"],\n"
        " \"data\": [[320193, \"Apple Inc.\", \"AAPL\", \"Nasdaq\"],\n"
        "          [12927, \"BOEING CO\", \"BA\", \"NYSE\"],\n"
        "          [99, \"Caf\\u00e9 \\\"Q\\\"\\tCo\", \"CQ\", null],\n"
        "          [0, \"no cik\", \"NC\", \"NYSE\"]]}";
    r2x_buf tsv;
    buf_init(&tsv, R2X_BUF_NOCAP);
    size_t n = 0;
    r2x_error err;
    r2x_error_clear(&err);
    ok(companies_from_sec_json(json, sizeof json - 1, "test", &tsv, &n, &err) == R2X_OK,
       "the SEC's JSON is read");
    ok(n == 3, "3 companies (a row without a CIK is dropped): %zu", n);
    const char *body = strstr(tsv.data, "99\t");
    is_str(body, "99\tCQ\t\tCaf\xC3\xA9 \"Q\" Co\n12927\tBA\tNYSE\tBOEING CO\n"
                 "320193\tAAPL\tNasdaq\tApple Inc.\n",
           "sorted by CIK; escapes decoded, a tab in a name made a space, null empty");
    buf_release(&tsv);
    buf_init(&tsv, R2X_BUF_NOCAP);
    ok(companies_from_sec_json("{\"data\": [[1, \"x\"", 17, "test", &tsv, &n, &err) ==
               R2X_EINPUT && strstr(err.message, "not the SEC's company list"),
       "a document that is not the list is refused: %s", err.message);
    buf_release(&tsv);
}

/* Identify the entity of a release text with the test list. */
static int identify(const char *text, int strict, entity *e, char *notes, size_t size,
                    r2x_error *err);

static void collect(void *userdata, const r2x_error *d)
{
    char *notes = userdata;
    size_t n = strlen(notes);
    snprintf(notes + n, 2048 - n, "%s: %s\n", r2x_severity_name(d->severity), d->message);
}

static int identify(const char *text, int strict, entity *e, char *notes, size_t size,
                    r2x_error *err)
{
    r2x_document *doc = NULL;
    r2x_profile *p = NULL;
    notes[0] = '\0';
    (void)size;
    int rc = r2x_document_read_memory("r.txt", text, strlen(text), NULL, &doc, err);
    if (!rc)
        rc = r2x_profile_new_default(&p, err);
    if (!rc)
        rc = entity_identify(p, doc, list_path, strict, collect, notes, e, err);
    r2x_profile_free(p);
    r2x_document_free(doc);
    return rc;
}

static void test_rules(void)
{
    entity e;
    char notes[2048];
    r2x_error err;
    r2x_error_clear(&err);

    ok(!identify("Boeing Reports Results\nCHICAGO -- The Boeing Company (NYSE: BA) today\n",
                 0, &e, notes, sizeof notes, &err) &&
           e.rule == R2X_ENTITY_TICKER && !strcmp(e.id, "0000012927"),
       "'(NYSE: BA)' with 'The Boeing Company' named: the ticker rule, CIK 12927");
    ok(strstr(notes, "note: entity cik:0000012927: the ticker 'NYSE: BA' is BOEING CO") != NULL,
       "a note says which rule");
    ok(!identify("Results\nSears, Roebuck and Co. (NYSE: S) reported\nSears, Roebuck and Co.\n",
                 0, &e, notes, sizeof notes, &err) &&
           e.rule == R2X_ENTITY_OWN_SCHEME && !strcmp(e.scheme, R2X_SCHEME_ENTITY_NAME) &&
           !strcmp(e.id, "Sears, Roebuck and Co."),
       "Sears' 'NYSE: S' is SentinelOne now: not used; its name under our own scheme");
    ok(strstr(notes, "is SentinelOne, Inc. (CIK 1583708) in the SEC's company list, which the "
                     "release does not name") != NULL,
       "the warning says why the ticker was not used");
    ok(!identify("Results\nThe Coca-Cola Company reported\n", 0, &e, notes, sizeof notes,
                 &err) && e.rule == R2X_ENTITY_NAME && !strcmp(e.id, "0000021344"),
       "no ticker: 'The Coca-Cola Company' by name");
    ok(!identify("Results\nCarnival Corporation reported\n", 0, &e, notes, sizeof notes, &err) &&
           e.rule == R2X_ENTITY_OWN_SCHEME,
       "'Carnival Corporation' is two companies: no identifier");
    ok(strstr(notes, "is that of 2 companies") != NULL, "and the warning says so");
    ok(!identify("Results\nWidget Co. (CIK: 0000099999) reported\n", 0, &e, notes, sizeof notes,
                 &err) && e.rule == R2X_ENTITY_PRINTED && !strcmp(e.id, "0000099999"),
       "a printed CIK comes before all else");
    ok(!identify("Results\nCIK 123 and CIK 456 of Widget Co.\n", 0, &e, notes, sizeof notes,
                 &err) && e.rule == R2X_ENTITY_OWN_SCHEME,
       "two different CIKs printed: neither is used");
    ok(!identify("Results\nWidget Co.\nLEI: HWUPKR0MPOU8FGXBT394\n", 0, &e, notes, sizeof notes,
                 &err) && e.rule == R2X_ENTITY_PRINTED && !strcmp(e.scheme, R2X_SCHEME_LEI),
       "a printed LEI with good check digits");
    ok(!identify("Results\nWidget Co.\nLEI: HWUPKR0MPOU8FGXBT395\n", 0, &e, notes, sizeof notes,
                 &err) && e.rule == R2X_ENTITY_OWN_SCHEME,
       "an LEI whose check digits fail is not one");
    ok(!identify("Results\nApple Inc. (NASDAQ:AAPL) and (NYSE: KO) of The Coca-Cola Company\n",
                 0, &e, notes, sizeof notes, &err) && e.rule == R2X_ENTITY_NAME,
       "tickers of two companies the release names: neither; the name decides");
    ok(identify("Results\nNobody Co. reported\n", 1, &e, notes, sizeof notes, &err) ==
               R2X_EINPUT && strstr(err.message, "--strict refuses"),
       "strict: no registry identifier is an error");
    ok(!identify("Results\nnothing here\n", 0, &e, notes, sizeof notes, &err) &&
           !strcmp(e.id, "unknown"),
       "no name either: 'unknown'");

    /* --entity and the profile */
    r2x_profile *p = NULL;
    r2x_profile_new_default(&p, &err);
    ok(r2x_profile_set_entity(p, "CIK:320193", &err) == R2X_OK, "--entity CIK:320193");
    is_str(r2x_profile_get(p, "entity"), "cik:0000320193", "kept zero-padded");
    ok(r2x_profile_set_entity(p, "lei:hwupkr0mpou8fgxbt394", &err) == R2X_OK,
       "an LEI in lower case is accepted");
    is_str(r2x_profile_get(p, "entity"), "lei:HWUPKR0MPOU8FGXBT394", "and kept upper case");
    ok(r2x_profile_set_entity(p, "cik:12345678901", &err) == R2X_EUSAGE,
       "a CIK of 11 digits is refused");
    ok(r2x_profile_set_entity(p, "isin:US0378331005", &err) == R2X_EUSAGE &&
           strstr(err.message, "the scheme must be cik or lei"),
       "another scheme is refused: %s", err.message);
    r2x_document *doc = NULL;
    r2x_document_read_memory("r.txt", "The Boeing Company (NYSE: BA)\n", 30, NULL, &doc, &err);
    notes[0] = '\0';
    ok(!entity_identify(p, doc, list_path, 0, collect, notes, &e, &err) &&
           e.rule == R2X_ENTITY_GIVEN && !strcmp(e.id, "HWUPKR0MPOU8FGXBT394"),
       "--entity comes before the ticker");
    r2x_document_free(doc);
    r2x_profile_free(p);
}

static void test_sniff(void)
{
    static const struct {
        const char *data;
        size_t len;
        int kind;
    } cases[] = {
        {"%PDF-1.7\n", 9, R2X_KIND_PDF},
        {"\x89PNG\r\n\x1a\n....", 12, R2X_KIND_IMAGE},
        {"\xFF\xD8\xFF\xE0", 4, R2X_KIND_IMAGE},
        {"GIF89a..", 8, R2X_KIND_IMAGE},
        {"\x1F\x8B\x08\x00", 4, R2X_KIND_GZIP},
        {"{\\rtf1\\ansi", 11, R2X_KIND_RTF},
        {"PK\x03\x04....word/document.xml", 25, R2X_KIND_WORD},
        {"PK\x03\x04....xl/workbook.xml", 23, R2X_KIND_OFFICE},
        {"PK\x03\x04....us-gaap/META-INF/taxonomyPackage.xml", 45, R2X_KIND_TAXONOMY_PACKAGE},
        {"PK\x03\x04....release.txt", 19, R2X_KIND_ZIP},
        {"<?xml version='1.0'?><!-- c --><xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/"
         "instance\">", 0, R2X_KIND_XBRL_INSTANCE},
        {"<?xml version='1.0'?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ix=\"http://"
         "www.xbrl.org/2013/inlineXBRL\">", 0, R2X_KIND_INLINE_XBRL},
        {"<!DOCTYPE html [ <!ENTITY a \"b>\"> ]>\n<html><body>", 49, R2X_KIND_HTML},
        {"<link:linkbase xmlns:link=\"http://www.xbrl.org/2003/linkbase\">", 61,
         R2X_KIND_XBRL_TAXONOMY},
        {"Net sales\t1,234\n", 16, R2X_KIND_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r2x_sniffed s;
        /* 0: a C string, its length by strlen */
        r2x_sniff(cases[i].data, cases[i].len ? cases[i].len : strlen(cases[i].data), &s);
        ok(s.kind == cases[i].kind, "sniff case %zu: %s (kind %d, want %d)", i, s.what, s.kind,
           cases[i].kind);
    }
    r2x_error err;
    r2x_error_clear(&err);
#ifdef HAVE_POPPLER
    ok(sniff_refuse("x", "%PDF-1.4\n", 9, R2X_INPUT_AUTO, &err) == R2X_OK,
       "a PDF is left to the PDF reader (this build reads PDFs)");
#else
    ok(sniff_refuse("x", "%PDF-1.4\n", 9, R2X_INPUT_AUTO, &err) == R2X_EINPUT &&
           strstr(err.message, "pdftotext -layout"),
       "a PDF is refused with what to do (this build reads no PDF)");
#endif
    static const char ix[] = "<html xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"><body>";
    ok(sniff_refuse("x", ix, sizeof ix - 1, R2X_INPUT_AUTO, &err) == R2X_EINPUT,
       "Inline XBRL is refused as a release by default");
    ok(sniff_refuse("x", ix, sizeof ix - 1, R2X_INPUT_HTML, &err) == R2X_OK,
       "and read as HTML when --input-format html says so");
}

/* Little-endian fields of a zip we build by hand. */
static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, unsigned long v)
{
    put16(p, (unsigned)(v & 0xFFFF));
    put16(p + 2, (unsigned)(v >> 16));
}

/* A zip of two entries: "a/stored.txt" stored, "a/deflated.txt" deflated;
 * crc_damage flips the second's CRC. */
static size_t make_zip(unsigned char *out, const char *text, int crc_damage)
{
    size_t tl = strlen(text);
    unsigned char packed[1024];
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)(uintptr_t)text;
    z.avail_in = (uInt)tl;
    z.next_out = packed;
    z.avail_out = sizeof packed;
    deflate(&z, Z_FINISH);
    size_t pl = sizeof packed - z.avail_out;
    deflateEnd(&z);
    unsigned long crc = crc32(0L, (const Bytef *)text, (uInt)tl);
    const char *names[2] = {"a/stored.txt", "a/deflated.txt"};
    const unsigned char *data[2] = {(const unsigned char *)text, packed};
    size_t sizes[2] = {tl, pl};
    unsigned long offsets[2];
    size_t n = 0;
    for (int i = 0; i < 2; i++) {
        offsets[i] = (unsigned long)n;
        unsigned char *h = out + n;
        memset(h, 0, 30);
        put32(h, 0x04034b50);
        put16(h + 8, i ? 8 : 0);
        put32(h + 14, crc);
        put32(h + 18, (unsigned long)sizes[i]);
        put32(h + 22, (unsigned long)tl);
        put16(h + 26, (unsigned)strlen(names[i]));
        memcpy(h + 30, names[i], strlen(names[i]));
        n += 30 + strlen(names[i]);
        memcpy(out + n, data[i], sizes[i]);
        n += sizes[i];
    }
    size_t cd = n;
    for (int i = 0; i < 2; i++) {
        unsigned char *h = out + n;
        memset(h, 0, 46);
        put32(h, 0x02014b50);
        put16(h + 10, i ? 8 : 0);
        put32(h + 16, i && crc_damage ? crc ^ 1 : crc);
        put32(h + 20, (unsigned long)sizes[i]);
        put32(h + 24, (unsigned long)tl);
        put16(h + 28, (unsigned)strlen(names[i]));
        put32(h + 42, offsets[i]);
        memcpy(h + 46, names[i], strlen(names[i]));
        n += 46 + strlen(names[i]);
    }
    unsigned char *e = out + n;
    memset(e, 0, 22);
    put32(e, 0x06054b50);
    put16(e + 8, 2);
    put16(e + 10, 2);
    put32(e + 12, (unsigned long)(n - cd));
    put32(e + 16, (unsigned long)cd);
    return n + 22;
}

static void test_zip(void)
{
    static const char text[] = "<schema>the same line again and again and again</schema>\n";
    unsigned char buf[4096];
    char path[160];
    snprintf(path, sizeof path, "%s/t.zip", tmpdir);
    write_file(path, (const char *)buf, make_zip(buf, text, 0));
    zip_archive *z = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    ok(zip_open(path, 1 << 20, &z, &err) == R2X_OK, "a zip of two entries opens");
    if (z) {
        ok(zip_count(z) == 2, "2 entries");
        char *data = NULL;
        size_t len = 0;
        size_t i = zip_find(z, "a/deflated.txt");
        ok(i == 1 && zip_read(z, i, &data, &len, &err) == R2X_OK && len == sizeof text - 1 &&
               !memcmp(data, text, len),
           "the deflated entry inflates to its text");
        free(data);
        ok(zip_read(z, 0, &data, &len, &err) == R2X_OK && !strcmp(data, text),
           "the stored entry is its text");
        free(data);
        zip_close(z);
    }
    write_file(path, (const char *)buf, make_zip(buf, text, 1));
    ok(zip_open(path, 1 << 20, &z, &err) == R2X_OK, "a zip with a bad CRC opens");
    if (z) {
        char *data = NULL;
        size_t len;
        ok(zip_read(z, 1, &data, &len, &err) == R2X_EINPUT && strstr(err.message, "CRC"),
           "but its entry fails its CRC check: %s", err.message);
        zip_close(z);
        z = NULL;
    }
    ok(zip_open(path, 10, &z, &err) == R2X_OK, "with a 10-byte limit");
    if (z) {
        char *data = NULL;
        size_t len;
        ok(zip_read(z, 0, &data, &len, &err) == R2X_ETOOBIG, "an entry past the limit is refused");
        zip_close(z);
    }
    size_t n = make_zip(buf, text, 0);
    write_file(path, (const char *)buf, n - 5);
    ok(zip_open(path, 1 << 20, &z, &err) == R2X_EINPUT &&
           strstr(err.message, "no end of central directory record"),
       "a zip cut short is refused: %s", err.message);
    put32(buf + n - 6, 0x7FFFFFFF);   /* the directory's offset, far past the end */
    write_file(path, (const char *)buf, n);
    ok(zip_open(path, 1 << 20, &z, &err) == R2X_EINPUT &&
           strstr(err.message, "outside the file"),
       "a directory outside the file is refused: %s", err.message);
    unlink(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/r2x-entity.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("Bail out! mkdtemp\n");
        return 1;
    }
    snprintf(list_path, sizeof list_path, "%s/companies.tsv", tmpdir);
    write_file(list_path, list_text, sizeof list_text - 1);
    test_name_keys();
    test_company_list();
    test_sec_json();
    test_rules();
    test_sniff();
    test_zip();
    char bad[160];
    snprintf(bad, sizeof bad, "%s/bad.tsv", tmpdir);
    unlink(bad);
    unlink(list_path);
    rmdir(tmpdir);
    return tap_done();
}
