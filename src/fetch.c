/* fetch.c - PROVISIONAL fetch layer: local files and the on-disk cache only.
 *
 * Implements fetch.h without libcurl so that the validator can be built and
 * tested before the real layer lands (it replaces this file at merge).  An
 * http(s) URL is read from <cache_dir>/<host>/<path>; a miss is an error
 * that names the URL whether or not --offline was given, since this layer
 * never goes to the network.  Remaps and catalogs are accepted and ignored.
 */
#include "fetch.h"

#include <errno.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "error.h"

struct fetcher {
    char *cache_dir;
    fetch_stats stats;
};

static char *default_cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char path[4096];
    if (x && *x)
        snprintf(path, sizeof path, "%s/release2xbrl", x);
    else
        snprintf(path, sizeof path, "%s/.cache/release2xbrl", home && *home ? home : ".");
    return r2x_strdup(path);
}

int fetcher_new(const fetch_options *opts, fetcher **out, r2x_error *err)
{
    fetcher *f = calloc(1, sizeof *f);
    if (f)
        f->cache_dir = opts && opts->cache_dir ? r2x_strdup(opts->cache_dir)
                                               : default_cache_dir();
    if (!f || !f->cache_dir) {
        free(f);
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    *out = f;
    return R2X_OK;
}

void fetcher_free(fetcher *f)
{
    if (!f)
        return;
    free(f->cache_dir);
    free(f);
}

int fetcher_add_remap(fetcher *f, const char *from, const char *to, r2x_error *err)
{
    (void)f, (void)from, (void)to, (void)err;
    return R2X_OK;
}

int fetcher_load_catalog(fetcher *f, const char *path, r2x_error *err)
{
    (void)f, (void)path, (void)err;
    return R2X_OK;
}

static int is_http(const char *url)
{
    return !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
}

char *fetch_resolve(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    if (!base || !*base || strstr(ref, "://") || ref[0] == '/')
        return r2x_strdup(ref);
    xmlChar *u = xmlBuildURI(BAD_CAST ref, BAD_CAST base);
    char *r = u ? r2x_strdup((const char *)u) : NULL;
    xmlFree(u);
    return r;
}

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    r2x_buf b;
    buf_init(&b, R2X_BUF_NOCAP);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        rc = buf_add(&b, chunk, n);
    if (ferror(fp))
        rc = -1;
    fclose(fp);
    if (!rc)
        *data = buf_detach(&b, len);
    buf_release(&b);
    return rc || !*data ? -1 : 0;
}

int fetcher_get(fetcher *f, const char *url, const char *base,
                char **data, size_t *len, char **resolved, r2x_error *err)
{
    *data = NULL;
    *len = 0;
    if (resolved)
        *resolved = NULL;
    char *abs = fetch_resolve(base, url);
    if (!abs)
        return r2x_fail(err, R2X_ENOMEM, base, 0, "out of memory");
    char *hash = strchr(abs, '#');
    if (hash)
        *hash = '\0';
    char path[8192];
    if (is_http(abs)) {
        const char *hostpath = strstr(abs, "://") + 3;
        snprintf(path, sizeof path, "%s/%s", f->cache_dir, hostpath);
    } else if (!strncmp(abs, "file://", 7)) {
        snprintf(path, sizeof path, "%s", abs + 7);
    } else if (strstr(abs, "://")) {
        int rc = r2x_fail(err, R2X_EIO, base, 0, "'%s': only http, https and local "
                          "files can be read", abs);
        free(abs);
        f->stats.failures++;
        return rc;
    } else {
        snprintf(path, sizeof path, "%s", abs);
    }
    if (read_file(path, data, len)) {
        int rc = is_http(abs)
                     ? r2x_fail(err, R2X_EIO, base, 0, "'%s' is not in the cache %s "
                                "(fill it with 'release2xbrl fetch %s')", abs,
                                f->cache_dir, abs)
                     : r2x_fail(err, R2X_EIO, base, 0, "cannot read '%s': %s", abs,
                                strerror(errno));
        free(abs);
        f->stats.failures++;
        return rc;
    }
    if (is_http(abs))
        f->stats.cache_hits++;
    else
        f->stats.local_reads++;
    if (resolved)
        *resolved = abs;
    else
        free(abs);
    return R2X_OK;
}

static fetcher *installed;
static xmlExternalEntityLoader previous_loader;

static xmlParserInputPtr loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    char *data, *resolved;
    size_t len;
    r2x_error e;
    if (!installed || !url ||
        fetcher_get(installed, url, NULL, &data, &len, &resolved, &e))
        return NULL;
    xmlParserInputBufferPtr in = xmlParserInputBufferCreateMem(data, (int)len,
                                                               XML_CHAR_ENCODING_NONE);
    free(data);
    xmlParserInputPtr input = in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE)
                                 : NULL;
    if (input)
        input->filename = (char *)xmlStrdup(BAD_CAST resolved);
    else if (in)
        xmlFreeParserInputBuffer(in);
    free(resolved);
    return input;
}

void fetcher_install(fetcher *f)
{
    if (!installed)
        previous_loader = xmlGetExternalEntityLoader();
    installed = f;
    xmlSetExternalEntityLoader(loader);
}

void fetcher_uninstall(void)
{
    if (installed)
        xmlSetExternalEntityLoader(previous_loader);
    installed = NULL;
}

void fetcher_stats(const fetcher *f, fetch_stats *out)
{
    *out = f->stats;
}
