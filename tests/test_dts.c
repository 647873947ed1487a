/*
 * test_dts.c - the DTS reader streams: fed one byte at a time, or seven, it
 * finds what it finds when fed its default slices.  Each schema of
 * tests/validate, and of the XDT suite's taxonomy rules where ../shared has
 * it, starts a DTS (with the XBRL 2.1 schemas from ../shared/xbrl-cache,
 * offline, or where that is absent from the base schemas vendored in
 * tests/fixtures/xbrl-base); the counts, the findings of discovery and of
 * the taxonomy rules must be the same, byte for byte (TAP output).
 */
#include "dts.h"
#include "dts_rules.h"
#include "fetch.h"
#include "report.h"
#include "xdt.h"
#include "xdt_dts.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "tap.h"

#define SCHEMAS R2X_SRCDIR "/tests/validate"
#define XDT_RULES R2X_SRCDIR "/../shared/conformance/xdt-conf-cr4-2009-10-06/100-xbrldte"

/* ../shared's taxonomy cache, else the base schemas vendored for the tests */
static const char *xbrl_cache(void)
{
    static const char shared[] = R2X_SRCDIR "/../shared/xbrl-cache";
    struct stat st;
    if (stat(shared, &st) == 0 && S_ISDIR(st.st_mode))
        return shared;
    return R2X_SRCDIR "/tests/fixtures/xbrl-base";
}

static void collect(void *userdata, const r2x_error *diag)
{
    r2x_buf *b = userdata;
    if (buf_addf(b, "%s:%ld: [%s] %s\n", diag->file, diag->line, diag->rule, diag->message))
        abort();
}

/* Everything one DTS load gives, as text, into out; 0 on success. */
static int load(fetcher *f, const char *path, size_t slice, r2x_buf *out)
{
    reporter rp;
    reporter_init(&rp, collect, out);
    dts_options o = {f, &rp, slice};
    dts *d = NULL;
    dts_rules *ru = NULL;
    r2x_error err;
    size_t nerrors = 0, xdt_errors = 0;
    int rc = dts_new(&o, &d, &err);
    if (!rc)
        rc = dts_rules_new(d, &ru, &err);
    if (!rc)
        rc = dts_add(d, path, NULL, NULL, 0, &err);
    if (!rc)
        rc = dts_load(d, &err);
    if (!rc)
        rc = dts_rules_check(ru, &rp, &nerrors);
    if (!rc)
        rc = xdt_check_taxonomy(d, &rp, &xdt_errors);
    nerrors += xdt_errors;
    if (!rc) {
        dts_counts c;
        dts_get_counts(d, &c);
        rc = buf_addf(out, "%zu documents, %zu missing, %zu concepts, %zu arcs, "
                           "%zu relationships, %zu prohibited, %zu resources; %zu errors\n",
                      c.documents, c.missing, c.concepts, c.arcs, c.relationships,
                      c.prohibited, c.resources, nerrors);
    }
    dts_rules_free(ru);
    dts_free(d);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .xsd files under dir (one level of subdirectories too), sorted, into
 * paths[n..max); returns the new n. */
static size_t list_schemas(const char *dir, char **paths, size_t n, size_t max)
{
    size_t first = n;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && n < max && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".xsd")) {
            paths[n++] = strdup(path);
            continue;
        }
        DIR *sub = opendir(path);
        for (struct dirent *s; sub && n < max && (s = readdir(sub));) {
            size_t sl = strlen(s->d_name);
            if (sl > 4 && !strcmp(s->d_name + sl - 4, ".xsd")) {
                char p2[8192];
                snprintf(p2, sizeof p2, "%s/%s", path, s->d_name);
                paths[n++] = strdup(p2);
            }
        }
        if (sub)
            closedir(sub);
    }
    if (d)
        closedir(d);
    qsort(paths + first, n - first, sizeof *paths, by_name);
    return n;
}

int main(void)
{
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = xbrl_cache();
    fo.offline = 1;
    fetcher *f = NULL;
    r2x_error err;
    if (fetcher_new(&fo, &f, &err)) {
        return skip_all("no fetcher: %s", err.message);
    }
    /* the schemas of tests/validate, then those of the XDT suite's taxonomy
     * rules (100-xbrldte), where ../shared has it */
    char *paths[256];
    size_t n = list_schemas(SCHEMAS, paths, 0, 128);
    ok(n >= 10, "%zu schemas in tests/validate", n);
    size_t own = n;
    n = list_schemas(XDT_RULES, paths, n, 256);
    if (n == own)
        skip("the XDT suite's schemas: %s is absent", XDT_RULES);
    for (size_t i = 0; i < n; i++) {
        const char *name = paths[i] + (i < own ? strlen(SCHEMAS) : strlen(XDT_RULES)) + 1;
        r2x_buf whole, bytes, sevens;
        buf_init(&whole, R2X_BUF_NOCAP);
        buf_init(&bytes, R2X_BUF_NOCAP);
        buf_init(&sevens, R2X_BUF_NOCAP);
        int rc = load(f, paths[i], 0, &whole) | load(f, paths[i], 1, &bytes) |
                 load(f, paths[i], 7, &sevens);
        ok(!rc && whole.len && whole.len == bytes.len && !memcmp(whole.data, bytes.data, whole.len) &&
               whole.len == sevens.len && !memcmp(whole.data, sevens.data, whole.len),
           "%s: one byte, or seven, at a time = the default slices", name);
        if (whole.len != bytes.len || (whole.len && memcmp(whole.data, bytes.data, whole.len)))
            printf("#   default:\n%s#   one byte at a time:\n%s", whole.data ? whole.data : "",
                   bytes.data ? bytes.data : "");
        /* the counts line, for the log */
        const char *last = whole.len > 1 ? whole.data + whole.len - 1 : NULL;
        while (last && last > whole.data && last[-1] != '\n')
            last--;
        printf("#   %s: %s", name, last ? last : "(nothing)\n");
        buf_release(&whole);
        buf_release(&bytes);
        buf_release(&sevens);
        free(paths[i]);
    }
    fetcher_free(f);
    return tap_done();
}
