/* test_fetch.c - RFC 3986 resolution and the cache layout (no network). */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "tap.h"

static void resolves(const char *base, const char *ref, const char *want)
{
    char *got = fetch_resolve(base, ref);
    is_str(got, want, "resolve '%s' against '%s'", ref, base ? base : "(none)");
    free(got);
}

static void maps(const char *url, const char *want)
{
    r2x_error err;
    r2x_error_clear(&err);
    char *got = fetch_cache_path("/c", url, &err);
    if (want)
        is_str(got, want, "cache path of '%s'", url);
    else {
        ok(!got && err.message[0] && strstr(err.message, url), "cache path of '%s' refused: %s",
           url, err.message);
    }
    free(got);
}

/* What the fetcher reported while its entity loader was installed. */
static char refusals[8192];

static void on_diag(void *userdata, const r2x_error *d)
{
    (void)userdata;
    size_t n = strlen(refusals);
    snprintf(refusals + n, sizeof refusals - n, "%s; ", d->message);
}

static void quiet_errors(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

#define XSD_HEAD "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' "

/* Parse the schema dir/name with the fetcher installed; 1 if it parsed. */
static int parse_schema(fetcher *f, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fetcher_install(f);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
    xmlSchemaSetParserStructuredErrors(pc, quiet_errors, NULL);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    fetcher_uninstall();
    int parsed = schema != NULL;
    xmlSchemaFree(schema);
    return parsed;
}

/* Every external load libxml2 makes goes through the fetcher and its rules. */
static void entity_loader(void)
{
    char dir[] = "/tmp/r2x-test-fetch.XXXXXX";
    if (!mkdtemp(dir)) {
        ok(0, "mkdtemp");
        return;
    }
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0700);
    write_file(dir, "sub/b.xsd", XSD_HEAD "targetNamespace='urn:b'><xs:element name='b'/></xs:schema>");
    write_file(dir, "ok.xsd", XSD_HEAD "targetNamespace='urn:a'><xs:import namespace='urn:b' "
               "schemaLocation='sub/b.xsd'/><xs:element name='a'/></xs:schema>");
    write_file(dir, "file.xsd", XSD_HEAD "targetNamespace='urn:a'><xs:import namespace='urn:b' "
               "schemaLocation='file:///etc/passwd'/></xs:schema>");
    write_file(dir, "ftp.xsd", XSD_HEAD "targetNamespace='urn:a'><xs:import namespace='urn:b' "
               "schemaLocation='ftp://example.com/b.xsd'/></xs:schema>");
    write_file(dir, "loop.xsd", XSD_HEAD "targetNamespace='urn:a'><xs:import namespace='urn:b' "
               "schemaLocation='http://127.0.0.1:9/b.xsd'/></xs:schema>");
    write_file(dir, "dtd.xml", "<!DOCTYPE x SYSTEM 'file:///etc/passwd'><x/>");

    char cache[4200];
    snprintf(cache, sizeof cache, "%s/cache", dir);
    fetch_options o = {0};
    o.cache_dir = cache;
    o.diag = on_diag;
    o.timeout_s = 5;
    fetcher *f = NULL;
    r2x_error err;
    ok(fetcher_new(&o, &f, &err) == R2X_OK, "fetcher_new");
    if (!f)
        return;
    fetch_stats st;
    ok(parse_schema(f, dir, "ok.xsd"), "a schema importing a relative local schema parses");
    fetcher_stats(f, &st);
    ok(st.local_reads == 2 && refusals[0] == '\0', "the loader read both files (%lu), refused "
       "nothing: %s", st.local_reads, refusals);
    refusals[0] = '\0';
    parse_schema(f, dir, "file.xsd");
    ok(strstr(refusals, "refused 'file:///etc/passwd': file: URLs are not followed") != NULL,
       "xsd:import of file:///etc/passwd refused: %s", refusals);
    refusals[0] = '\0';
    parse_schema(f, dir, "ftp.xsd");
    ok(strstr(refusals, "refused 'ftp://example.com/b.xsd': the scheme 'ftp'") != NULL,
       "xsd:import of ftp: refused: %s", refusals);
    refusals[0] = '\0';
    parse_schema(f, dir, "loop.xsd");
    ok(strstr(refusals, "refused 'http://127.0.0.1:9/b.xsd': its host is a loopback") != NULL,
       "xsd:import from a loopback address refused: %s", refusals);
    /* even a caller that asks for the DTD gets nothing from file: */
    refusals[0] = '\0';
    char path[4200];
    snprintf(path, sizeof path, "%s/dtd.xml", dir);
    fetcher_install(f);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_DTDLOAD |
                                XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    fetcher_uninstall();
    xmlFreeDoc(doc);
    ok(strstr(refusals, "refused 'file:///etc/passwd'") != NULL,
       "a DOCTYPE naming file:///etc/passwd is refused: %s", refusals);
    /* the index: a second get of the same URL is answered without a lookup */
    char *data = NULL, *resolved = NULL;
    size_t len;
    snprintf(path, sizeof path, "%s/ok.xsd", dir);
    fetcher_stats(f, &st);
    unsigned long reads = st.local_reads;
    int rc = fetcher_get(f, "sub/b.xsd", path, &data, &len, &resolved, &err);
    fetcher_stats(f, &st);
    ok(rc == R2X_OK && st.local_reads == reads && st.repeats >= 1 && strstr(data, "urn:b"),
       "a repeated get comes from this run's index");
    char want[4300];
    snprintf(want, sizeof want, "%s/sub/b.xsd", dir);
    is_str(resolved, want, "resolved is the local path");
    free(data);
    free(resolved);
    rc = fetcher_get(f, "file:///etc/passwd", path, &data, &len, NULL, &err);
    ok(rc != R2X_OK && !strcmp(err.file, path), "fetcher_get: file: from a document refused, "
       "the error names the document: %s", err.file);
    rc = fetcher_get(f, "file:///etc/passwd", NULL, &data, &len, NULL, &err);
    ok(rc != R2X_OK && strstr(err.message, "file: URLs are not followed"),
       "fetcher_get: file: without a base refused too (callers resolve themselves)");
    snprintf(want, sizeof want, "file://%s/sub/b.xsd", dir);
    rc = fetcher_get(f, "b.xsd", want, &data, &len, NULL, &err);
    ok(rc == R2X_OK && strstr(data, "urn:b"), "a relative reference against a file: base is read");
    free(data);
    snprintf(want, sizeof want, "file://%s/sub/b.xsd", dir);
    char *p = fetch_file_url_path(want);
    snprintf(want, sizeof want, "%s/sub/b.xsd", dir);
    is_str(p, want, "fetch_file_url_path");
    free(p);
    p = fetch_file_url_path("file://otherhost/etc/passwd");
    ok(p == NULL, "fetch_file_url_path: another host is no path");
    free(p);
    rc = fetcher_get(f, "#frag", path, &data, &len, NULL, &err);
    ok(rc == R2X_OK, "a same-document reference reads the document");
    free(data);
    fetcher_free(f);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
}

int main(void)
{
    /* RFC 3986 section 5.4.1, normal examples */
    const char *b = "http://a/b/c/d;p?q";
    resolves(b, "g:h", "g:h");
    resolves(b, "g", "http://a/b/c/g");
    resolves(b, "./g", "http://a/b/c/g");
    resolves(b, "g/", "http://a/b/c/g/");
    resolves(b, "/g", "http://a/g");
    resolves(b, "//g", "http://g");
    resolves(b, "?y", "http://a/b/c/d;p?y");
    resolves(b, "g?y", "http://a/b/c/g?y");
    resolves(b, "#s", "http://a/b/c/d;p?q#s");
    resolves(b, "g#s", "http://a/b/c/g#s");
    resolves(b, "g?y#s", "http://a/b/c/g?y#s");
    resolves(b, ";x", "http://a/b/c/;x");
    resolves(b, "", "http://a/b/c/d;p?q");
    resolves(b, ".", "http://a/b/c/");
    resolves(b, "./", "http://a/b/c/");
    resolves(b, "..", "http://a/b/");
    resolves(b, "../", "http://a/b/");
    resolves(b, "../g", "http://a/b/g");
    resolves(b, "../..", "http://a/");
    resolves(b, "../../g", "http://a/g");
    /* section 5.4.2, abnormal examples */
    resolves(b, "../../../g", "http://a/g");
    resolves(b, "../../../../g", "http://a/g");
    resolves(b, "/./g", "http://a/g");
    resolves(b, "/../g", "http://a/g");
    resolves(b, "g.", "http://a/b/c/g.");
    resolves(b, "..g", "http://a/b/c/..g");
    resolves(b, "./../g", "http://a/b/g");
    resolves(b, "g/./h", "http://a/b/c/g/h");
    resolves(b, "g/../h", "http://a/b/c/h");
    resolves(b, "g;x=1/../y", "http://a/b/c/y");
    /* taxonomy-shaped references */
    resolves("https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd",
             "../../../srt/2024/elts/srt-2024.xsd", "https://xbrl.fasb.org/srt/2024/elts/srt-2024.xsd");
    resolves("http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd", "xbrl-linkbase-2003-12-31.xsd",
             "http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd");
    resolves("http://example.com", "a.xsd", "http://example.com/a.xsd");
    /* local paths: the conformance suites refer to each other */
    resolves("/suite/100-schema/104-x.xml", "../lib/base.xsd", "/suite/lib/base.xsd");
    resolves("/suite/a.xml", "../../../b.xsd", "/b.xsd");
    resolves("suite/100/a.xml", "../../../b.xsd", "../b.xsd");
    resolves("a.xml", "../b.xsd", "../b.xsd");
    resolves("a.xml", "./x/./y/../b.xsd#frag", "x/b.xsd#frag");
    resolves("dir/a.xml", "b.xsd", "dir/b.xsd");
    resolves("/x/a.xml", "/abs/b.xsd", "/abs/b.xsd");
    resolves("/x/a.xml", "http://h/p.xsd", "http://h/p.xsd");
    resolves("file:///x/y/a.xml", "../b.xsd", "file:///x/b.xsd");
    resolves(NULL, "http://a/b/../c", "http://a/c");
    resolves(NULL, "some/path.xsd", "some/path.xsd");
    /* one document, one name: a plain path loses its "." and inner ".." segments */
    resolves(NULL, "./tests/v/inst.xsd", "tests/v/inst.xsd");
    resolves(NULL, "tests/v/../v/./inst.xsd", "tests/v/inst.xsd");
    resolves(NULL, "../up/x.xsd", "../up/x.xsd");
    resolves(NULL, "/abs/./a/../x.xsd", "/abs/x.xsd");

    /* the cache layout: <cache>/<host>/<path> */
    maps("http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd",
         "/c/www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd");
    maps("https://XBRL.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd",
         "/c/xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd");
    maps("http://h:80/a.xsd", "/c/h/a.xsd");
    maps("https://h:443/a.xsd", "/c/h/a.xsd");
    maps("http://h:8080/a.xsd", "/c/h_8080/a.xsd");
    maps("http://h/a/../b.xsd", NULL);
    maps("http://h/a/./b.xsd", NULL);
    maps("http://h//b.xsd", NULL);
    maps("http://h/dir/", NULL);
    maps("http://h", NULL);
    maps("http://user:pw@h/a.xsd", NULL);
    maps("http://h/a b.xsd", NULL);
    maps("http://h/a\\b.xsd", NULL);
    maps("http://h/a.xsd.r2x-meta", NULL);
    maps("http://../a.xsd", NULL);
    maps("http://h%2f/a.xsd", NULL);
    maps("ftp://h/a.xsd", NULL);
    maps("file:///etc/passwd", NULL);
    /* a query becomes a fixed-length suffix, and different queries differ */
    r2x_error err;
    char *q1 = fetch_cache_path("/c", "http://h/a.xsd?x=1", &err);
    char *q2 = fetch_cache_path("/c", "http://h/a.xsd?x=2", &err);
    ok(q1 && q2 && strlen(q1) == strlen("/c/h/a.xsd_q") + 16 && strcmp(q1, q2) &&
       !strchr(q1, '?') && !strchr(q1, '='), "queries map to distinct safe names: %s %s",
       q1 ? q1 : "", q2 ? q2 : "");
    free(q1);
    free(q2);
    entity_loader();
    return tap_done();
}
