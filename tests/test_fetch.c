/* test_fetch.c - RFC 3986 resolution and the cache layout (no network). */
#include <stdlib.h>
#include <string.h>

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
    return tap_done();
}
