/* fetch_api.c - the public fetcher (include/release2xbrl.h, "Fetching"):
 * the internal one (fetch.h) with the caller's options read as their size
 * says, remaps and catalogs applied, and the URL a user names (a file: URL
 * is the path it names). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fetch.h"
#include "release2xbrl.h"
#include "sized.h"
#include "zip.h"

/* remaps: "FROM=TO", split at the first '=' */
static int add_remaps(fetcher *f, const char *const *remaps, r2x_error *err)
{
    for (size_t i = 0; remaps && remaps[i]; i++) {
        const char *eq = strchr(remaps[i], '=');
        if (!eq || eq == remaps[i] || !eq[1])
            return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "a remap is FROM=TO, not '%s'",
                             remaps[i]);
        char *from = r2xi_strndup(remaps[i], (size_t)(eq - remaps[i]));
        if (!from)
            return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        int rc = fetcher_add_remap(f, from, eq + 1, err);
        free(from);
        if (rc)
            return rc;
    }
    return R2X_OK;
}

int r2x_fetcher_new(const r2x_fetch_options *given, r2x_fetcher **out, r2x_error *err)
{
    *out = NULL;
    r2x_fetch_options o;
    int rc = sized_in(&o, sizeof o, given, "r2x_fetch_options", err);
    if (rc)
        return rc;
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = o.cache_dir;
    fo.offline = o.offline;
    fo.connect_timeout_s = o.connect_timeout_s;
    fo.timeout_s = o.timeout_s;
    fo.max_bytes = o.max_bytes;
    fo.max_redirects = o.max_redirects;
    fo.user_agent = o.user_agent;
    fo.diag = o.diag;
    fo.diag_userdata = o.diag_userdata;
    fo.ca_file = o.ca_file;
    fetcher *f = NULL;
    rc = fetcher_new(&fo, &f, err);
    if (!rc)
        rc = add_remaps(f, o.remaps, err);
    for (size_t i = 0; !rc && o.catalogs && o.catalogs[i]; i++)
        rc = fetcher_load_catalog(f, o.catalogs[i], err);
    if (rc) {
        fetcher_free(f);
        return rc;
    }
    *out = f;
    return R2X_OK;
}

void r2x_fetcher_free(r2x_fetcher *f)
{
    fetcher_free(f);
}

/* A file: URL the user typed names a local path, and is read as one (the
 * fetcher itself refuses file: URLs, which documents must not use). */
static int get(r2x_fetcher *f, const char *url, int fresh, char **data, size_t *len,
               char **resolved, r2x_error *err)
{
    char *path_of_url = fetch_file_url_path(url);
    const char *u = path_of_url ? path_of_url : url;
    int rc = fresh ? fetcher_get_fresh(f, u, data, len, resolved, err)
                   : fetcher_get(f, u, NULL, data, len, resolved, err);
    free(path_of_url);
    return rc;
}

int r2x_fetcher_get(r2x_fetcher *f, const char *url, char **data, size_t *len,
                    char **resolved, r2x_error *err)
{
    return get(f, url, 0, data, len, resolved, err);
}

int r2x_fetcher_get_fresh(r2x_fetcher *f, const char *url, char **data, size_t *len,
                          char **resolved, r2x_error *err)
{
    return get(f, url, 1, data, len, resolved, err);
}

int r2x_fetcher_install_package(r2x_fetcher *f, const char *path, size_t *stored,
                                r2x_error *err)
{
    size_t n = 0;
    int rc = fetcher_install_package(f, path, &n, err);
    if (stored)
        *stored = n;
    return rc;
}

int r2x_is_taxonomy_package(const char *path)
{
    return zip_is_package_path(path);
}

int r2x_fetcher_stats(const r2x_fetcher *f, r2x_fetch_stats *out)
{
    if (!out || sized_check(out, "r2x_fetch_stats", NULL))
        return R2X_EUSAGE;
    fetch_stats s;
    fetcher_stats(f, &s);
    r2x_fetch_stats full;
    memset(&full, 0, sizeof full);
    full.cache_hits = s.cache_hits;
    full.downloads = s.downloads;
    full.local_reads = s.local_reads;
    full.failures = s.failures;
    full.repeats = s.repeats;
    sized_out(out, &full, sizeof full);
    return R2X_OK;
}

const char *r2x_fetcher_cache_dir(const r2x_fetcher *f)
{
    return fetcher_cache_dir(f);
}

int r2x_fetcher_cache_path(const r2x_fetcher *f, const char *url, char **path,
                           r2x_error *err)
{
    *path = NULL;
    if (!fetcher_cache_dir(f))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "the fetcher has no cache directory");
    r2x_error why;
    r2x_error_clear(&why);
    *path = fetch_cache_path(fetcher_cache_dir(f), url, &why);
    if (*path)
        return R2X_OK;
    if (why.code == R2X_ENOMEM || !why.code)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    if (err)
        *err = why;
    return why.code;
}

char *r2x_default_cache_dir(void)
{
    return fetch_default_cache_dir();
}
