/* test_api.c - the public API the CLI is built on, through the shared
 * library alone (include/release2xbrl.h, no internal header): structs that
 * grow (the size field), global init and cleanup, the fetcher and its DTS
 * reader, a validator given a fetcher, the company list, outputs. */
#define _POSIX_C_SOURCE 200809L   /* mkdtemp */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "release2xbrl.h"
#include "tap.h"

static char dir[] = "/tmp/r2x-test-api.XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static int exists(const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

static size_t errors_seen;
static void count_errors(void *userdata, const r2x_error *e)
{
    (void)userdata;
    errors_seen += e->severity == R2X_SEV_ERROR;
}

static void sizes(void)
{
    r2x_error err;
    r2x_error_clear(&err);
    r2x_document *doc = NULL;
    r2x_read_options zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    ok(r2x_document_read_memory("t", "a\n", 2, &zeroed, &doc, &err) == R2X_EUSAGE && !doc &&
           strstr(err.message, "r2x_read_options_init"),
       "options zeroed without their init: R2X_EUSAGE naming the init (%s)", err.message);
    ok(r2x_document_read_memory("t", "a\n", 2, NULL, &doc, &err) == R2X_OK && doc,
       "NULL options: the defaults");

    /* a caller built against a header whose struct ended before max_pdf_pages:
     * the bytes after its size are not the library's to read */
    struct {
        r2x_read_options o;
        char guard[64];
    } older;
    memset(&older, 0x5a, sizeof older);
    r2x_read_options_init(&older.o);
    older.o.size = offsetof(r2x_read_options, max_pdf_pages);
    memset(&older.o.max_pdf_pages, 0xff, sizeof older.o - older.o.size);
    r2x_document *doc2 = NULL;
    ok(r2x_document_read_memory("t", "a\n", 2, &older.o, &doc2, &err) == R2X_OK && doc2,
       "options of an older size: the fields past it are not read");
    r2x_document_free(doc2);

    /* a validator whose options end before .fetcher: the garbage there is
     * not taken for a fetcher */
    r2x_validate_options vo;
    memset(&vo, 0xff, sizeof vo);
    r2x_validate_options_init(&vo);
    vo.size = offsetof(r2x_validate_options, fetcher);
    memset(&vo.fetcher, 0xff, sizeof vo.fetcher);
    vo.cache_dir = dir;
    vo.offline = 1;
    r2x_validator *v = NULL;
    ok(r2x_validator_new(&vo, &v, &err) == R2X_OK && v,
       "validate options of an older size: .fetcher is not read");
    r2x_validator_free(v);

    /* results: only the fields the caller's size covers are written */
    r2x_tableset *set = NULL;
    ok(r2x_tables_extract(doc, NULL, &set, NULL, &err) != R2X_EUSAGE,
       "NULL extract options: the defaults");
    if (set) {
        r2x_table_stats st;
        memset(&st, 0x5a, sizeof st);
        st.size = offsetof(r2x_table_stats, figures);
        ok(r2x_tables_stats(set, &st) == R2X_OK && st.tables == set->ntables &&
               st.size == offsetof(r2x_table_stats, figures) &&
               ((unsigned char *)&st.figures)[0] == 0x5a,
           "a result of an older size: the fields past it are left alone");
        st.size = 0;
        ok(r2x_tables_stats(set, &st) == R2X_EUSAGE, "a result without its size: R2X_EUSAGE");
    } else {
        skip("tables of a one-line document: none to count");
        skip("tables of a one-line document: none to count");
    }
    r2x_tableset_free(set);
    r2x_document_free(doc);
}

static void global(void)
{
    r2x_error err;
    r2x_error_clear(&err);
    ok(r2x_global_init(0x100, &err) == R2X_EUSAGE, "r2x_global_init: an unknown flag");
    ok(r2x_global_init(R2X_GLOBAL_XML, &err) == R2X_OK, "r2x_global_init(R2X_GLOBAL_XML)");
    ok(r2x_global_init(R2X_GLOBAL_XML, &err) == R2X_OK, "... twice");
    r2x_global_cleanup();
    r2x_global_cleanup();
    r2x_global_cleanup();          /* one more than the inits: nothing */
    /* after the cleanup, the library sets itself up again on first use */
    static const char html[] = "<html><body><table><tr><td>Revenue</td><td>1,234</td></tr>"
                               "</table></body></html>";
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.format = R2X_INPUT_HTML;
    r2x_document *doc = NULL;
    ok(r2x_document_read_memory("t.html", html, sizeof html - 1, &o, &doc, &err) == R2X_OK &&
           doc && r2x_document_source_line(doc, 1) == 1,
       "an HTML document read after r2x_global_cleanup (%s)", err.message);
    r2x_document_free(doc);
}

static void fetching(void)
{
    r2x_error err;
    r2x_error_clear(&err);
    r2x_fetcher *f = NULL;
    const char *bad_remaps[] = {"no-equals-sign", NULL};
    r2x_fetch_options fo;
    r2x_fetch_options_init(&fo);
    fo.cache_dir = dir;
    fo.offline = 1;
    fo.remaps = bad_remaps;
    ok(r2x_fetcher_new(&fo, &f, &err) == R2X_EUSAGE && !f, "a remap without '=': R2X_EUSAGE");

    char remap[600];
    snprintf(remap, sizeof remap, "http://example.com/tax/=%s/tax/", dir);
    const char *remaps[] = {remap, NULL};
    fo.remaps = remaps;
    r2x_error_clear(&err);
    int rc = r2x_fetcher_new(&fo, &f, &err);
    ok(rc == R2X_OK && f, "a fetcher with a remap (%s)", err.message);
    if (!f)
        return;
    ok(r2x_fetcher_cache_dir(f) && !strcmp(r2x_fetcher_cache_dir(f), dir),
       "its cache directory is the one asked for");

    char path[600], url[620];
    snprintf(path, sizeof path, "%s/tax/b.xsd", dir);
    snprintf(url, sizeof url, "file://%s", path);
    char *data = NULL, *resolved = NULL;
    size_t len = 0;
    ok(r2x_fetcher_get(f, path, &data, &len, &resolved, &err) == R2X_OK && data &&
           strstr(data, "<xs:schema") && !strcmp(resolved, path),
       "a local path is read");
    r2x_free(data);
    r2x_free(resolved);
    ok(r2x_fetcher_get(f, url, &data, &len, NULL, &err) == R2X_OK && data &&
           strstr(data, "<xs:schema"),
       "a file: URL is the path it names");
    r2x_free(data);
    r2x_fetch_stats st;
    r2x_fetch_stats_init(&st);
    rc = r2x_fetcher_stats(f, &st);
    ok(rc == R2X_OK && st.local_reads >= 1 && !st.downloads,
       "stats: %lu local reads, no download", st.local_reads);

    char *cpath = NULL;
    rc = r2x_fetcher_cache_path(f, "https://example.com:8443/a/b.xsd", &cpath, &err);
    ok(rc == R2X_OK && cpath && !strcmp(cpath + strlen(dir), "/example.com_8443/a/b.xsd"),
       "the cache path of a URL: CACHE/HOST_PORT/PATH (%s)", cpath ? cpath : "none");
    r2x_free(cpath);
    ok(r2x_fetcher_cache_path(f, "https://user:pw@example.com/a", &cpath, &err) == R2X_EINPUT &&
           !cpath,
       "a URL with credentials names no cache file");

    /* the DTS of a.xsd: b.xsd (imported), missing.xsd (not there) */
    r2x_dts_fetch_result dr;
    r2x_dts_fetch_result_init(&dr);
    errors_seen = 0;
    rc = r2x_fetcher_get_dts(f, "http://example.com/tax/a.xsd", count_errors, NULL, &dr, &err);
    ok(rc == R2X_OK && dr.documents >= 2 && dr.missing == 1 && errors_seen == 1 && dr.local >= 1,
       "a DTS fetched: %zu documents, %zu missing (told once), %lu local", dr.documents,
       dr.missing, dr.local);

    /* a validator reads through the fetcher it is given */
    r2x_fetch_stats_init(&st);
    r2x_fetcher_stats(f, &st);
    unsigned long before = st.local_reads + st.repeats;
    r2x_validate_options vo;
    r2x_validate_options_init(&vo);
    vo.fetcher = f;
    vo.schema = R2X_SCHEMA_NONE;
    r2x_validator *v = NULL;
    r2x_validate_result res;
    r2x_validate_result_init(&res);
    snprintf(path, sizeof path, "%s/inst.xml", dir);
    r2x_error_clear(&err);
    rc = r2x_validator_new(&vo, &v, &err);
    if (!rc)
        rc = r2x_validate(v, path, &res, &err);
    ok(rc == R2X_OK, "a validator given a fetcher validates (%s)", err.message);
    r2x_fetcher_stats(f, &st);
    ok(st.local_reads + st.repeats > before && res.documents >= 2,
       "... reading the DTS through it (%zu documents)", res.documents);
    r2x_validator_free(v);
    r2x_fetcher_free(f);

    char *def = r2x_default_cache_dir();
    ok(!getenv("HOME") || (def && strstr(def, "release2xbrl")), "the default cache directory: %s",
       def ? def : "none");
    r2x_free(def);
    ok(r2x_is_taxonomy_package("x/us-gaap-2024.ZIP") && !r2x_is_taxonomy_package("a.xsd"),
       "a taxonomy package is a .zip");
}

static void companies_and_outputs(void)
{
    static const char json[] = "{\"fields\": [\"cik\", \"name\", \"ticker\", \"exchange\"], "
                               "\"data\": [[320193, \"Apple Inc.\", \"AAPL\", \"Nasdaq\"]]}";
    r2x_error err;
    r2x_error_clear(&err);
    char *tsv = NULL;
    size_t len = 0, count = 0;
    int rc = r2x_companies_from_sec_json(json, sizeof json - 1, R2X_COMPANIES_SEC_URL, &tsv,
                                         &len, &count, &err);
    ok(rc == R2X_OK && count == 1 && tsv && strlen(tsv) == len && strstr(tsv, "AAPL"),
       "the SEC's list into the snapshot: %zu company", count);
    char *none = NULL;
    ok(r2x_companies_from_sec_json("[1]", 3, "x", &none, &len, &count, &err) == R2X_EINPUT &&
           !none,
       "not the SEC's JSON: R2X_EINPUT");

    char path[600];
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    r2x_output *out = NULL;
    rc = r2x_output_open(path, &out, &err);
    ok(!rc && out && !exists("out.tsv"), "an output is not in place while written");
    if (!rc) {
        fputs(tsv ? tsv : "", r2x_output_stream(out));
        rc = r2x_output_commit(out, &err);
    }
    ok(!rc && exists("out.tsv"), "... and is once committed");
    snprintf(path, sizeof path, "%s/aborted.tsv", dir);
    if (!r2x_output_open(path, &out, &err)) {
        fputs("x", r2x_output_stream(out));
        r2x_output_abort(out);
    }
    ok(!exists("aborted.tsv"), "an aborted output leaves nothing");
    r2x_free(tsv);
}

int main(void)
{
    if (!mkdtemp(dir))
        return skip_all("no temporary directory");
    char sub[600];
    snprintf(sub, sizeof sub, "%s/tax", dir);
    mkdir(sub, 0700);
    write_file("tax/a.xsd",
               "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
               "targetNamespace=\"http://example.com/a\">\n"
               "<xs:import namespace=\"http://example.com/b\" schemaLocation=\"b.xsd\"/>\n"
               "<xs:import namespace=\"http://example.com/m\" schemaLocation=\"missing.xsd\"/>\n"
               "</xs:schema>\n");
    write_file("tax/b.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                            "targetNamespace=\"http://example.com/b\"/>\n");
    write_file("inst.xml",
               "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "
               "xmlns:link=\"http://www.xbrl.org/2003/linkbase\" "
               "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
               "<link:schemaRef xlink:type=\"simple\" "
               "xlink:href=\"http://example.com/tax/a.xsd\"/>\n</xbrli:xbrl>\n");

    sizes();
    global();
    fetching();
    companies_and_outputs();

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "# could not remove %s\n", dir);
    return tap_done();
}
