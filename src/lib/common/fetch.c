/* fetch.c - http(s) through libcurl into a cache laid out by URL, local files
 * where the user or a local document's relative reference named them, and
 * libxml2's external entity loader routed through both.  See fetch.h for who
 * may name what. */
#include "fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dynlib.h"
#include "error.h"
#include "output.h"
#include "xml_guard.h"
#include "zip.h"

#define DEFAULT_CONNECT_TIMEOUT 20
#define DEFAULT_TIMEOUT 60
#define DEFAULT_MAX_BYTES ((size_t)64 << 20)
#define DEFAULT_MAX_REDIRECTS 5
#define STALL_SECONDS_MAX 30
#define META_SUFFIX ".r2x-meta"

/* A --remap or catalog entry: URLs starting with (or, exact, equal to) from
 * are read from to instead. */
typedef struct mapping {
    char *from, *to;
    int exact;
    int catalog;               /* 0 a remap, else the catalog's place in the
                                * order catalogs were read, from 1 */
    const zip_archive *zip;    /* a taxonomy package's: to names its entries */
} mapping;

/* What this run already got for a URL, so each is looked up once. */
typedef struct index_entry {
    char *key;                /* the absolute URL or path, no fragment */
    char *source;             /* the local file holding the bytes, or NULL */
    char *data;               /* the bytes, when no file holds them */
    size_t len;
    r2x_error *failure;       /* why it could not be had, or NULL */
} index_entry;

struct r2x_fetcher {
    fetch_options opts;
    char *cache_dir;
    char *user_agent;
    char *ca_file;
    int catalogs_read;         /* numbers the catalogs (mapping.catalog) */
    int refresh;               /* fetcher_get_fresh: download even what is cached */
    r2x_buf zips;              /* zip_archive *[]: the taxonomy packages read */
    const zip_archive *loading; /* the package whose catalog is being read */
    CURL *curl_doc;           /* URLs documents named (address-checked) */
    CURL *curl_user;          /* URLs a remap or catalog chose */
    r2x_buf maps;             /* mapping[] */
    index_entry **index;
    size_t index_size, index_used;
    fetch_stats stats;
};

/* ---- libcurl, opened at the first download (src/lib/common/dynlib.h) ----------------- */

#define CURL_FUNCTIONS(X) \
    X(global_init) X(global_cleanup) X(easy_init) X(easy_reset) X(easy_setopt) \
    X(easy_perform) X(easy_getinfo) X(easy_strerror) X(easy_cleanup) X(version_info)

/* members named apart from the functions, which curl.h makes macros (its
 * option type checks) */
#define CURL_MEMBER(f) __typeof__(curl_##f) *f;
static struct {
    CURL_FUNCTIONS(CURL_MEMBER)
} lc;

#define CURL_SYMBOL(f) {"curl_" #f, &lc.f},
static const dynlib_symbol curl_symbols[] = {CURL_FUNCTIONS(CURL_SYMBOL){NULL, NULL}};

static int curl_start(void)
{
    return lc.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK;
}

static dynlib curl_library = {
    LIBCURL_SONAME, "downloading", "install libcurl (Debian: the libcurl4 package), or "
    "work offline from a filled cache (--offline)", curl_symbols, curl_start, 0};

int fetch_global_init(r2x_error *err)
{
    return dynlib_load(&curl_library, "", err);
}

void fetch_global_cleanup(void)
{
    if (!curl_library.loaded)
        return;
    lc.global_cleanup();
    curl_library.loaded = 0;   /* the next download opens it again, and inits */
}

const char *fetch_library_version(void)
{
    static char version[64];
    r2x_error err;
    r2x_error_clear(&err);
    if (dynlib_load(&curl_library, "", &err))
        return "libcurl: " LIBCURL_SONAME " cannot be loaded: downloads fail";
    if (!version[0]) {
        curl_version_info_data *cv = lc.version_info(CURLVERSION_NOW);
        snprintf(version, sizeof version, "libcurl %s",
                 cv && cv->version ? cv->version : LIBCURL_VERSION);
    }
    return version;
}

/* ---- Small helpers ------------------------------------------------------- */

static uint64_t fnv1a(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Length of the scheme (without ':'), or 0 if s has none. */
static size_t scheme_len(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (s[i] && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
                    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
                    s[i] == '.'))
        i++;
    return s[i] == ':' ? i : 0;
}

static int has_scheme(const char *s, const char *scheme)
{
    size_t n = scheme_len(s);
    return n && n == strlen(scheme) && !strncasecmp(s, scheme, n);
}

static int is_http(const char *s)
{
    return has_scheme(s, "http") || has_scheme(s, "https");
}

static char *concat3(const char *a, const char *b, size_t blen, const char *c)
{
    r2x_buf b2;
    buf_init(&b2, R2X_BUF_NOCAP);
    if (buf_adds(&b2, a) || buf_add(&b2, b, blen) || buf_adds(&b2, c)) {
        buf_release(&b2);
        return NULL;
    }
    return buf_detach(&b2, NULL);
}

/* ---- RFC 3986 resolution ------------------------------------------------- */

typedef struct uri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_n, auth_n, path_n, query_n, frag_n;
    int has_auth, has_query, has_frag;
} uri_parts;

static void uri_split(const char *s, uri_parts *u)
{
    memset(u, 0, sizeof *u);
    size_t n = scheme_len(s);
    if (n) {
        u->scheme = s;
        u->scheme_n = n;
        s += n + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        s += 2;
        u->has_auth = 1;
        u->auth = s;
        u->auth_n = strcspn(s, "/?#");
        s += u->auth_n;
    }
    u->path = s;
    u->path_n = strcspn(s, "?#");
    s += u->path_n;
    if (*s == '?') {
        u->has_query = 1;
        u->query = ++s;
        u->query_n = strcspn(s, "#");
        s += u->query_n;
    }
    if (*s == '#') {
        u->has_frag = 1;
        u->frag = s + 1;
        u->frag_n = strlen(s + 1);
    }
}

/* Remove the last segment of out (not below start), with its '/'. */
static void pop_segment(r2x_buf *out, size_t start)
{
    size_t k = out->len;
    while (k > start && out->data[k - 1] != '/')
        k--;
    if (k > start)
        k--;
    out->len = k;
    out->data[k] = '\0';
}

/* RFC 3986 5.2.4 on in[0..n), appended to out. */
static int remove_dot_segments(const char *in, size_t n, r2x_buf *out)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n) {
        const char *p = in + i;
        size_t left = n - i;
        if (left >= 3 && !memcmp(p, "../", 3)) {
            i += 3;
        } else if (left >= 2 && !memcmp(p, "./", 2)) {
            i += 2;
        } else if (left >= 3 && !memcmp(p, "/./", 3)) {
            i += 2;
        } else if (left == 2 && !memcmp(p, "/.", 2)) {
            if (buf_addc(out, '/'))
                return R2X_ENOMEM;
            i = n;
        } else if (left >= 4 && !memcmp(p, "/../", 4)) {
            pop_segment(out, start);
            i += 3;
        } else if (left == 3 && !memcmp(p, "/..", 3)) {
            pop_segment(out, start);
            if (buf_addc(out, '/'))
                return R2X_ENOMEM;
            i = n;
        } else if ((left == 1 && p[0] == '.') || (left == 2 && !memcmp(p, "..", 2))) {
            i = n;
        } else {
            size_t k = p[0] == '/' ? 1 : 0;
            while (k < left && p[k] != '/')
                k++;
            if (buf_add(out, p, k))
                return R2X_ENOMEM;
            i += k;
        }
    }
    return R2X_OK;
}

/* A relative local path without its "." segments and with ".." applied,
 * except the ".." that climb above it ("../x" stays "../x"). */
static int normalize_relative(const char *in, size_t n, r2x_buf *out)
{
    size_t climb_end = out->len;   /* out[start, climb_end) is "../../" */
    size_t i = 0;
    while (i <= n) {
        size_t k = i;
        while (k < n && in[k] != '/')
            k++;
        const char *seg = in + i;
        size_t len = k - i;
        int last = k >= n;
        if ((len == 1 && seg[0] == '.') || (len == 0 && !last)) {
            /* nothing */
        } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (out->len > climb_end) {
                out->len--;            /* the '/' after the segment */
                pop_segment(out, climb_end);
                if (out->len > climb_end && buf_addc(out, '/'))
                    return R2X_ENOMEM;
            } else {
                if (buf_add(out, "../", 3))
                    return R2X_ENOMEM;
                climb_end = out->len;
            }
        } else if (buf_add(out, seg, len) || (!last && buf_addc(out, '/'))) {
            return R2X_ENOMEM;
        }
        i = k + 1;
    }
    return R2X_OK;
}

static int add_part(r2x_buf *b, const char *pre, const char *s, size_t n)
{
    return buf_adds(b, pre) || buf_add(b, s, n);
}

char *fetch_resolve(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    uri_parts r, b;
    uri_split(ref, &r);
    r2x_buf out;
    buf_init(&out, R2X_BUF_NOCAP);
    int rc = 0;
    if (!base || r.scheme) {
        /* absolute already; only its dot segments go */
        if (r.scheme)
            rc = buf_add(&out, r.scheme, r.scheme_n) || buf_addc(&out, ':');
        if (!rc && r.has_auth)
            rc = add_part(&out, "//", r.auth, r.auth_n);
        /* a plain path too: "./a/x.xsd" and "a/x.xsd" must name one document */
        if (!rc)
            rc = (r.scheme || r.has_auth || (r.path_n && r.path[0] == '/'))
                     ? remove_dot_segments(r.path, r.path_n, &out)
                 : r.path_n ? normalize_relative(r.path, r.path_n, &out)
                            : buf_add(&out, r.path, r.path_n);
        if (!rc && r.has_query)
            rc = add_part(&out, "?", r.query, r.query_n);
        if (!rc && r.has_frag)
            rc = add_part(&out, "#", r.frag, r.frag_n);
        goto done;
    }
    uri_split(base, &b);
    int local = !b.scheme;     /* a plain path: keep ".." above a relative one */
    if (b.scheme)
        rc = buf_add(&out, b.scheme, b.scheme_n) || buf_addc(&out, ':');
    if (!rc && r.has_auth) {
        rc = add_part(&out, "//", r.auth, r.auth_n) ||
             remove_dot_segments(r.path, r.path_n, &out);
        if (!rc && r.has_query)
            rc = add_part(&out, "?", r.query, r.query_n);
    } else if (!rc) {
        if (b.has_auth)
            rc = add_part(&out, "//", b.auth, b.auth_n);
        if (!rc && r.path_n == 0) {
            rc = buf_add(&out, b.path, b.path_n);
            if (!rc && (r.has_query || b.has_query))
                rc = r.has_query ? add_part(&out, "?", r.query, r.query_n)
                                 : add_part(&out, "?", b.query, b.query_n);
        } else if (!rc) {
            r2x_buf merged;
            buf_init(&merged, R2X_BUF_NOCAP);
            if (r.path[0] == '/') {
                rc = buf_add(&merged, r.path, r.path_n);
            } else if (b.has_auth && b.path_n == 0) {
                rc = buf_addc(&merged, '/') || buf_add(&merged, r.path, r.path_n);
            } else {
                size_t k = b.path_n;
                while (k > 0 && b.path[k - 1] != '/')
                    k--;
                rc = buf_add(&merged, b.path, k) || buf_add(&merged, r.path, r.path_n);
            }
            if (!rc)
                rc = local && merged.data[0] != '/'
                         ? normalize_relative(merged.data, merged.len, &out)
                         : remove_dot_segments(merged.data, merged.len, &out);
            buf_release(&merged);
            if (!rc && r.has_query)
                rc = add_part(&out, "?", r.query, r.query_n);
        }
    }
    if (!rc && r.has_frag)
        rc = add_part(&out, "#", r.frag, r.frag_n);
done:
    if (rc) {
        buf_release(&out);
        return NULL;
    }
    return buf_detach(&out, NULL);
}

/* ---- The cache layout ----------------------------------------------------- */

static int segment_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("-._~!$&'()*+,;=:@%", c));
}

char *fetch_cache_path(const char *cache_dir, const char *url, r2x_error *err)
{
    uri_parts u;
    uri_split(url, &u);
    if (!is_http(url) || !u.has_auth) {
        r2xi_fail(err, R2X_EUSAGE, "", 0, "'%s' is not an http or https URL", url);
        return NULL;
    }
    int https = u.scheme_n == 5;
    const char *host = u.auth;
    size_t host_n = u.auth_n;
    if (memchr(host, '@', host_n)) {
        r2xi_fail(err, R2X_EINPUT, "", 0, "refused '%s': credentials in a URL", url);
        return NULL;
    }
    const char *colon = memchr(host, ':', host_n);
    const char *port = NULL;
    size_t port_n = 0;
    if (colon) {
        port = colon + 1;
        port_n = host_n - (size_t)(port - host);
        host_n = (size_t)(colon - host);
        for (size_t i = 0; i < port_n; i++)
            if (port[i] < '0' || port[i] > '9')
                goto odd;
        if ((port_n == 2 && !https && !strncmp(port, "80", 2)) ||
            (port_n == 3 && https && !strncmp(port, "443", 3)) || port_n == 0)
            port = NULL;
    }
    if (host_n == 0 || host[0] == '.' || host[0] == '-')
        goto odd;
    for (size_t i = 0; i < host_n; i++) {
        char c = host[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-'))
            goto odd;
    }
    if (u.path_n == 0 || u.path[u.path_n - 1] == '/') {
        r2xi_fail(err, R2X_EINPUT, "", 0, "'%s' names a directory, not a file", url);
        return NULL;
    }
    r2x_buf out;
    buf_init(&out, PATH_MAX - 1);
    int rc = buf_adds(&out, cache_dir);
    if (!rc)
        rc = buf_addc(&out, '/');
    for (size_t i = 0; !rc && i < host_n; i++)
        rc = buf_addc(&out, (char)(host[i] | ((host[i] >= 'A' && host[i] <= 'Z') ? 32 : 0)));
    if (!rc && port && !(rc = buf_addc(&out, '_')))
        rc = buf_add(&out, port, port_n);
    /* the path, one segment at a time */
    const char *p = u.path;
    const char *end = u.path + u.path_n;
    while (!rc && p < end) {
        p++;              /* the '/' */
        const char *seg = p;
        while (p < end && *p != '/')
            p++;
        size_t n = (size_t)(p - seg);
        int bad = n == 0 || n > 200 || (n == 1 && seg[0] == '.') ||
                  (n == 2 && seg[0] == '.' && seg[1] == '.');
        for (size_t i = 0; !bad && i < n; i++)
            bad = !segment_char_ok((unsigned char)seg[i]);
        for (size_t i = 0; !bad && i + 5 <= n; i++)
            bad = !memcmp(seg + i, ".r2x-", 5);   /* our temporary and sidecar names */
        if (bad) {
            buf_release(&out);
            r2xi_fail(err, R2X_EINPUT, "", 0,
                     "refused '%s': the path segment '%.*s' cannot name a cache file", url,
                     (int)(n > 60 ? 60 : n), seg);
            return NULL;
        }
        if (!(rc = buf_addc(&out, '/')))
            rc = buf_add(&out, seg, n);
    }
    if (!rc && u.has_query)
        rc = buf_addf(&out, "_q%016llx", (unsigned long long)fnv1a(u.query, u.query_n));
    if (rc) {
        buf_release(&out);
        if (rc == R2X_ENOMEM)
            r2xi_fail(err, rc, "", 0, "out of memory");
        else
            r2xi_fail(err, R2X_EINPUT, "", 0, "'%s': the cache path is too long", url);
        return NULL;
    }
    return buf_detach(&out, NULL);
odd:
    r2xi_fail(err, R2X_EINPUT, "", 0, "refused '%s': the host is not a plain name or address",
             url);
    return NULL;
}

char *fetch_default_cache_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return concat3(xdg, "/release2xbrl", 13, "");
    const char *home = getenv("HOME");
    if (home && *home)
        return concat3(home, "/.cache/release2xbrl", 20, "");
    return NULL;
}

/* ---- Files ---------------------------------------------------------------- */

/* Read a whole regular file of at most max bytes. */
static int read_file(const char *path, size_t max, const char *what, char **data,
                     size_t *len, r2x_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return r2xi_fail(err, R2X_EIO, "", 0, "cannot read %s '%s': %s", what, path,
                        strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return r2xi_fail(err, R2X_EIO, "", 0, "cannot read %s '%s': not a regular file",
                        what, path);
    }
    if ((unsigned long long)st.st_size > (unsigned long long)max) {
        close(fd);
        return r2xi_fail(err, R2X_ETOOBIG, "", 0,
                        "%s '%s' is larger than the %zu-byte limit (--max-size)", what,
                        path, max);
    }
    r2x_buf b;
    buf_init(&b, max);
    int rc = buf_read_fd(&b, fd);
    int e = errno;
    close(fd);
    if (rc) {
        buf_release(&b);
        if (rc == R2X_EIO)
            return r2xi_fail(err, rc, "", 0, "cannot read %s '%s': %s", what, path,
                            strerror(e));
        if (rc == R2X_ENOMEM)
            return r2xi_fail(err, rc, "", 0, "out of memory");
        return r2xi_fail(err, rc, "", 0, "%s '%s' is larger than the %zu-byte limit",
                        what, path, max);
    }
    *data = buf_detach(&b, len);
    if (!*data)
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    return R2X_OK;
}

/* Create every directory above path. */
static int make_parents(const char *path, r2x_error *err)
{
    char tmp[PATH_MAX];
    r2xi_strlcpy(tmp, path, sizeof tmp);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            return r2xi_fail(err, R2X_EIO, "", 0, "cannot create cache directory '%s': %s",
                            tmp, strerror(e));
        }
        *p = '/';
    }
    return R2X_OK;
}

static int write_whole(const char *path, const char *data, size_t len, r2x_error *err)
{
    r2x_output *o;
    int rc = output_open(path, &o, err);
    if (rc)
        return rc;
    if (len && fwrite(data, 1, len, output_stream(o)) != len) {
        output_abort(o);
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot write to the cache");
    }
    return output_commit(o, err);
}

/* Store a download: the file, then its sidecar, each written to a temporary
 * file in the same directory, fsynced and renamed. */
static int cache_store(const char *path, const char *data, size_t len, const char *url,
                       r2x_error *err)
{
    int rc = make_parents(path, err);
    if (rc)
        return rc;
    char meta[PATH_MAX + 16];
    snprintf(meta, sizeof meta, "%s" META_SUFFIX, path);
    /* an old sidecar must not vouch for the new file, nor the new one for the
     * old: drop it first, write it last */
    unlink(meta);
    rc = write_whole(path, data, len, err);
    if (rc)
        return rc;
    char line[PATH_MAX + 128];
    int n = snprintf(line, sizeof line, "r2x-meta 1\nlength %zu\nfnv1a64 %016llx\nurl %s\n",
                     len, (unsigned long long)fnv1a(data, len), url);
    if (n < 0 || (size_t)n >= sizeof line)
        n = snprintf(line, sizeof line, "r2x-meta 1\nlength %zu\nfnv1a64 %016llx\n", len,
                     (unsigned long long)fnv1a(data, len));
    /* The sidecar is renamed into place but not fsynced (half the cost of a
     * cold fill): after a crash it is whole or unreadable, and an unreadable
     * one only makes the file be fetched again. */
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", meta);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return r2xi_fail(err, R2X_EIO, meta, 0, "cannot write to the cache: %s",
                        strerror(errno));
    mode_t mask = umask(0);
    umask(mask);
    int bad = fchmod(fd, 0666 & ~mask) != 0 || write(fd, line, (size_t)n) != n;
    bad |= close(fd) != 0;
    if (bad || rename(tmp, meta) != 0) {
        int e = errno;
        unlink(tmp);
        return r2xi_fail(err, R2X_EIO, meta, 0, "cannot write to the cache: %s", strerror(e));
    }
    return R2X_OK;
}

/* 0: no sidecar or it matches; 1: the file does not match its sidecar. */
static int cache_corrupt(const char *path, const char *data, size_t len, size_t *want_len)
{
    char meta[PATH_MAX + 16];
    snprintf(meta, sizeof meta, "%s" META_SUFFIX, path);
    FILE *fp = fopen(meta, "re");
    if (!fp)
        return 0;
    char text[512];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    unsigned long long l = 0, h = 0;
    const char *lp = strstr(text, "\nlength ");
    const char *hp = strstr(text, "\nfnv1a64 ");
    if (strncmp(text, "r2x-meta 1\n", 11) || !lp || !hp ||
        sscanf(lp, "\nlength %llu", &l) != 1 || sscanf(hp, "\nfnv1a64 %llx", &h) != 1)
        return 1;              /* a damaged sidecar vouches for nothing */
    *want_len = (size_t)l;
    return l != len || h != fnv1a(data, len);
}

char *fetch_file_url_path(const char *url)
{
    if (!has_scheme(url, "file"))
        return NULL;
    const char *p = url + 5;
    if (!strncmp(p, "//", 2)) {
        p += 2;
        if (!strncasecmp(p, "localhost/", 10))
            p += 9;
        else if (*p != '/')
            return NULL;
    }
    size_t n = strcspn(p, "?#");
    r2x_buf b;
    buf_init(&b, R2X_BUF_NOCAP);
    /* percent-decoding, but never into '/' or NUL */
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '%' && i + 2 < n + 1 && p[i + 1] && p[i + 2]) {
            char hex[3] = {p[i + 1], p[i + 2], 0};
            char *e;
            long v = strtol(hex, &e, 16);
            if (!*e && v > 0 && v != '/') {
                c = (char)v;
                i += 2;
            }
        }
        if (buf_addc(&b, c)) {
            buf_release(&b);
            return NULL;
        }
    }
    return buf_detach(&b, NULL);
}

/* ---- The index of this run ----------------------------------------------- */

static index_entry *index_find(fetcher *f, const char *key)
{
    if (!f->index_size)
        return NULL;
    size_t mask = f->index_size - 1;
    for (size_t i = (size_t)fnv1a(key, strlen(key)) & mask;; i = (i + 1) & mask) {
        index_entry *e = f->index[i];
        if (!e)
            return NULL;
        if (!strcmp(e->key, key))
            return e;
    }
}

static void index_put_slot(index_entry **table, size_t size, index_entry *e)
{
    size_t mask = size - 1;
    size_t i = (size_t)fnv1a(e->key, strlen(e->key)) & mask;
    while (table[i])
        i = (i + 1) & mask;
    table[i] = e;
}

static int index_add(fetcher *f, index_entry *e)
{
    if ((f->index_used + 1) * 10 > f->index_size * 7) {
        size_t size = f->index_size ? f->index_size * 2 : 256;
        index_entry **table = calloc(size, sizeof *table);
        if (!table)
            return R2X_ENOMEM;
        for (size_t i = 0; i < f->index_size; i++)
            if (f->index[i])
                index_put_slot(table, size, f->index[i]);
        free(f->index);
        f->index = table;
        f->index_size = size;
    }
    index_put_slot(f->index, f->index_size, e);
    f->index_used++;
    return R2X_OK;
}

static void entry_free(index_entry *e)
{
    if (!e)
        return;
    free(e->key);
    free(e->source);
    free(e->data);
    free(e->failure);
    free(e);
}

/* ---- The fetcher ----------------------------------------------------------- */

int fetcher_new(const fetch_options *opts, fetcher **out, r2x_error *err)
{
    *out = NULL;
    fetcher *f = calloc(1, sizeof *f);
    if (!f)
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    if (opts)
        f->opts = *opts;
    if (!f->opts.connect_timeout_s)
        f->opts.connect_timeout_s = DEFAULT_CONNECT_TIMEOUT;
    if (!f->opts.timeout_s)
        f->opts.timeout_s = DEFAULT_TIMEOUT;
    if (!f->opts.max_bytes)
        f->opts.max_bytes = DEFAULT_MAX_BYTES;
    if (!f->opts.max_redirects)
        f->opts.max_redirects = DEFAULT_MAX_REDIRECTS;
    f->cache_dir = f->opts.cache_dir ? r2xi_strdup(f->opts.cache_dir) : fetch_default_cache_dir();
    /* a trailing slash would double in every path */
    if (f->cache_dir) {
        size_t n = strlen(f->cache_dir);
        while (n > 1 && f->cache_dir[n - 1] == '/')
            f->cache_dir[--n] = '\0';
    }
    f->user_agent = f->opts.user_agent ? r2xi_strdup(f->opts.user_agent)
                                       : concat3("release2xbrl/", r2x_version(),
                                                 strlen(r2x_version()), "");
    f->ca_file = f->opts.ca_file ? r2xi_strdup(f->opts.ca_file) : NULL;
    f->opts.cache_dir = f->cache_dir;
    f->opts.user_agent = f->user_agent;
    f->opts.ca_file = f->ca_file;
    buf_init(&f->maps, R2X_BUF_NOCAP);
    buf_init(&f->zips, R2X_BUF_NOCAP);
    if (!f->user_agent || (opts && opts->cache_dir && !f->cache_dir) ||
        (opts && opts->ca_file && !f->ca_file)) {
        fetcher_free(f);
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    }
    /* said now, not at the first https download: libcurl would only say
     * "error setting certificate file" */
    if (f->ca_file && access(f->ca_file, R_OK)) {
        int e = errno;
        r2xi_fail(err, R2X_EUSAGE, f->ca_file, 0, "cannot read the CA file: %s", strerror(e));
        fetcher_free(f);
        return R2X_EUSAGE;
    }
    *out = f;
    return R2X_OK;
}

void fetcher_free(fetcher *f)
{
    if (!f)
        return;
    if (f->curl_doc)
        lc.easy_cleanup(f->curl_doc);
    if (f->curl_user)
        lc.easy_cleanup(f->curl_user);
    mapping *m = (mapping *)f->maps.data;
    for (size_t i = 0; i < f->maps.len / sizeof *m; i++) {
        free(m[i].from);
        free(m[i].to);
    }
    buf_release(&f->maps);
    zip_archive **z = (zip_archive **)f->zips.data;
    for (size_t i = 0; i < f->zips.len / sizeof *z; i++)
        zip_close(z[i]);
    buf_release(&f->zips);
    for (size_t i = 0; i < f->index_size; i++)
        entry_free(f->index[i]);
    free(f->index);
    free(f->cache_dir);
    free(f->user_agent);
    free(f->ca_file);
    free(f);
}

const char *fetcher_cache_dir(const fetcher *f)
{
    return f->cache_dir;
}

void fetcher_stats(const fetcher *f, fetch_stats *out)
{
    *out = f->stats;
}

static int add_mapping(fetcher *f, const char *from, const char *to, int exact,
                       int catalog, r2x_error *err)
{
    mapping m = {r2xi_strdup(from), r2xi_strdup(to), exact, catalog, catalog ? f->loading : NULL};
    if (!m.from || !m.to || buf_add(&f->maps, &m, sizeof m)) {
        free(m.from);
        free(m.to);
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    }
    return R2X_OK;
}

int fetcher_add_remap(fetcher *f, const char *from, const char *to, r2x_error *err)
{
    if (!from || !*from || !to || !*to)
        return r2xi_fail(err, R2X_EUSAGE, "", 0, "a remap needs FROM=TO, both non-empty");
    if (scheme_len(to) && !is_http(to) && !has_scheme(to, "file"))
        return r2xi_fail(err, R2X_EUSAGE, "", 0,
                        "remap target '%s': only http, https and local directories", to);
    return add_mapping(f, from, to, 0, 0, err);
}

/* A catalog's entries (groups nest) into f's mappings, as catalog number
 * order; the targets of its nextCatalog entries (resolved, malloc'd) into
 * next, to be read after it. */
static int catalog_walk(fetcher *f, xmlDocPtr doc, xmlNodePtr node, const char *path,
                        int order, r2x_buf *next, r2x_error *err)
{
    static const char ns[] = "urn:oasis:names:tc:entity:xmlns:xml:catalog";
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns && strcmp((const char *)n->ns->href, ns))
            continue;
        const char *name = (const char *)n->name;
        const char *from_attr = NULL, *to_attr = NULL;
        int exact = 0;
        if (!strcmp(name, "rewriteURI"))
            from_attr = "uriStartString", to_attr = "rewritePrefix";
        else if (!strcmp(name, "rewriteSystem"))
            from_attr = "systemIdStartString", to_attr = "rewritePrefix";
        else if (!strcmp(name, "uri"))
            from_attr = "name", to_attr = "uri", exact = 1;
        else if (!strcmp(name, "system"))
            from_attr = "systemId", to_attr = "uri", exact = 1;
        if (from_attr) {
            xmlChar *from = xmlGetProp(n, (const xmlChar *)from_attr);
            xmlChar *to = xmlGetProp(n, (const xmlChar *)to_attr);
            xmlChar *base = xmlNodeGetBase(doc, n);
            int rc = R2X_OK;
            if (!from || !to) {
                rc = r2xi_fail(err, R2X_EINPUT, path, xmlGetLineNo(n),
                              "catalog entry <%s> lacks %s or %s", name, from_attr, to_attr);
            } else {
                char *target = fetch_resolve(base ? (const char *)base : path,
                                             (const char *)to);
                if (!target)
                    rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
                else if (scheme_len(target) && !is_http(target) && !has_scheme(target, "file"))
                    rc = r2xi_fail(err, R2X_EINPUT, path, xmlGetLineNo(n),
                                  "catalog target '%s': only http, https and local files",
                                  target);
                else
                    rc = add_mapping(f, (const char *)from, target, exact, order, err);
                free(target);
            }
            xmlFree(from);
            xmlFree(to);
            xmlFree(base);
            if (rc)
                return rc;
        } else if (!strcmp(name, "nextCatalog")) {
            xmlChar *cat = xmlGetProp(n, (const xmlChar *)"catalog");
            xmlChar *base = xmlNodeGetBase(doc, n);
            char *target = cat ? fetch_resolve(base ? (const char *)base : path,
                                               (const char *)cat) : NULL;
            int rc = R2X_OK;
            if (!cat)
                rc = r2xi_fail(err, R2X_EINPUT, path, xmlGetLineNo(n),
                              "catalog entry <nextCatalog> lacks catalog");
            else if (f->loading)
                rc = r2xi_fail(err, R2X_EINPUT, path, xmlGetLineNo(n),
                              "nextCatalog in a taxonomy package is not followed");
            else if (!target)
                rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
            else if (scheme_len(target) && !has_scheme(target, "file"))
                rc = r2xi_fail(err, R2X_EINPUT, path, xmlGetLineNo(n),
                              "nextCatalog '%s': only local catalogs are followed", target);
            else if (buf_add(next, &target, sizeof target))
                rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
            else
                target = NULL;   /* next owns it */
            free(target);
            xmlFree(cat);
            xmlFree(base);
            if (rc)
                return rc;
        } else if (n->children) {
            int rc = catalog_walk(f, doc, n->children, path, order, next, err);
            if (rc)
                return rc;
        }
    }
    return R2X_OK;
}

/* A catalog's bytes into f's mappings; name is its base for relative
 * targets, path what messages call it. */
static int read_catalog(fetcher *f, const char *path, const char *name, const char *data,
                        size_t len, r2x_buf *next, r2x_error *err)
{
    if (len > INT_MAX)
        return r2xi_fail(err, R2X_ETOOBIG, path, 0, "catalog too large");
    /* guarded from the parse to the last of the walk: xmlGetProp or
     * xmlNodeGetBase failing would read as an attribute missing */
    xml_guard guard;
    xml_guard_begin(&guard);
    xmlDocPtr doc = xmlReadMemory(data, (int)len, name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = R2X_OK;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!doc) {
        const xmlError *xe = xmlGetLastError();
        rc = r2xi_fail(err, R2X_EINPUT, path, xe ? xe->line : 0, "not a readable catalog: %s",
                      xe && xe->message ? xe->message : "malformed XML");
        size_t n = strlen(err ? err->message : "");
        if (err && n && err->message[n - 1] == '\n')
            err->message[n - 1] = '\0';
    } else if (!root || strcmp((const char *)root->name, "catalog")) {
        rc = r2xi_fail(err, R2X_EINPUT, path, 0, "not an XML catalog (no <catalog> root)");
    } else {
        rc = catalog_walk(f, doc, root->children, name, ++f->catalogs_read, next, err);
    }
    xmlFreeDoc(doc);
    if (xml_guard_end(&guard))
        rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    return rc;
}

/* A taxonomy package (a .zip): its META-INF/catalog.xml, whose targets name
 * the package's own entries, which are read from it when asked for. */
static int load_package_catalog(fetcher *f, const char *path, r2x_error *err)
{
    zip_archive *z = NULL;
    int rc = zip_open(path, f->opts.max_bytes, &z, err);
    if (rc)
        return rc;
    size_t cat = zip_package_catalog(z);
    if (cat == (size_t)-1) {
        zip_close(z);
        return r2xi_fail(err, R2X_EINPUT, path, 0, "not a taxonomy package: it has no "
                        "META-INF/catalog.xml");
    }
    if (buf_add(&f->zips, &z, sizeof z)) {
        zip_close(z);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    char *data;
    size_t len;
    rc = zip_read(z, cat, &data, &len, err);
    if (rc)
        return rc;
    char where[4096 + 64];
    snprintf(where, sizeof where, "%s:%s", path, zip_name(z, cat));
    r2x_buf next;
    buf_init(&next, R2X_BUF_NOCAP);
    f->loading = z;
    rc = read_catalog(f, where, zip_name(z, cat), data, len, &next, err);
    f->loading = NULL;
    buf_release(&next);        /* empty: nextCatalog is refused in a package */
    free(data);
    return rc;
}

int fetcher_install_package(fetcher *f, const char *path, size_t *stored, r2x_error *err)
{
    *stored = 0;
    if (!f->cache_dir)
        return r2xi_fail(err, R2X_EUSAGE, path, 0, "there is no cache directory to install the "
                        "package into (set --cache-dir, HOME or XDG_CACHE_HOME)");
    size_t first = f->maps.len / sizeof(mapping);
    int rc = load_package_catalog(f, path, err);
    if (rc)
        return rc;
    const zip_archive *z = ((zip_archive **)f->zips.data)[f->zips.len / sizeof(zip_archive *) - 1];
    const mapping *m = (const mapping *)f->maps.data;
    size_t n = f->maps.len / sizeof *m;
    for (size_t k = first; !rc && k < n; k++) {
        size_t tl = strlen(m[k].to);
        for (size_t i = 0; !rc && i < zip_count(z); i++) {
            const char *name = zip_name(z, i);
            size_t nl = strlen(name);
            if (!nl || name[nl - 1] == '/' ||
                (m[k].exact ? strcmp(name, m[k].to) != 0 : strncmp(name, m[k].to, tl) != 0))
                continue;
            char *url = m[k].exact ? r2xi_strdup(m[k].from)
                                   : concat3(m[k].from, "", 0, name + tl);
            char *cached = url ? fetch_cache_path(f->cache_dir, url, err) : NULL;
            char *data = NULL;
            size_t len = 0;
            if (!url)
                rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
            else if (!cached)
                rc = err ? err->code : R2X_EINPUT;
            else if (!(rc = zip_read(z, i, &data, &len, err)) &&
                     !(rc = cache_store(cached, data, len, url, err)))
                (*stored)++;
            free(data);
            free(cached);
            free(url);
        }
    }
    return rc;
}

/* nextCatalog chains are followed this deep (loops are caught before) */
#define MAX_CATALOG_DEPTH 16

static int load_catalog(fetcher *f, const char *path, int depth, r2x_buf *seen,
                        r2x_error *err);

int fetcher_load_catalog(fetcher *f, const char *path, r2x_error *err)
{
    if (zip_is_package_path(path))
        return load_package_catalog(f, path, err);
    r2x_buf seen;              /* char *[]: the catalogs read, by real path */
    buf_init(&seen, R2X_BUF_NOCAP);
    int rc = load_catalog(f, path, 0, &seen, err);
    char **p = (char **)seen.data;
    for (size_t i = 0; i < seen.len / sizeof *p; i++)
        free(p[i]);
    buf_release(&seen);
    return rc;
}

/* One catalog, then the catalogs its nextCatalog entries name; one already
 * read (a loop, or two ways to one file) is not read again. */
static int load_catalog(fetcher *f, const char *path, int depth, r2x_buf *seen,
                        r2x_error *err)
{
    char *data;
    size_t len;
    if (has_scheme(path, "file")) {            /* a nextCatalog's file: URL */
        char *local = fetch_file_url_path(path);
        if (!local) {
            const char *p = path + 5;          /* "file:": another host, or no memory */
            int elsewhere = !strncmp(p, "//", 2) && p[2] != '/' &&
                            strncasecmp(p + 2, "localhost/", 10);
            return elsewhere ? r2xi_fail(err, R2X_EINPUT, path, 0, "not a local file")
                             : r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
        }
        int rc = load_catalog(f, local, depth, seen, err);
        free(local);
        return rc;
    }
    /* relative targets resolve against the catalog's absolute location,
     * which also tells whether it was read already (before reading it) */
    char *abs = realpath(path, NULL);
    const char *name = abs ? abs : path;
    char **seen_paths = (char **)seen->data;
    for (size_t i = 0; abs && i < seen->len / sizeof *seen_paths; i++)
        if (!strcmp(seen_paths[i], abs)) {
            free(abs);
            return R2X_OK;
        }
    char *kept = abs ? r2xi_strdup(abs) : NULL;
    if (abs && (!kept || buf_add(seen, &kept, sizeof kept))) {
        free(kept);
        free(abs);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    int rc = read_file(path, f->opts.max_bytes, "catalog", &data, &len, err);
    if (rc) {
        free(abs);
        return rc;
    }
    r2x_buf next;              /* char *[]: nextCatalog targets */
    buf_init(&next, R2X_BUF_NOCAP);
    rc = read_catalog(f, path, name, data, len, &next, err);
    free(data);
    /* after this catalog's own entries, which come first (the first match
     * wins) */
    char **targets = (char **)next.data;
    size_t ntargets = next.len / sizeof *targets;
    if (!rc && ntargets && depth >= MAX_CATALOG_DEPTH)
        rc = r2xi_fail(err, R2X_EINPUT, path, 0,
                      "nextCatalog: more than %d catalogs deep", MAX_CATALOG_DEPTH);
    for (size_t i = 0; !rc && i < ntargets; i++) {
        rc = load_catalog(f, targets[i], depth + 1, seen, err);
        if (rc && rc != R2X_ENOMEM && err) {    /* say who named it */
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n, " (the nextCatalog of %s)",
                     name);
        }
    }
    for (size_t i = 0; i < ntargets; i++)
        free(targets[i]);
    buf_release(&next);
    free(abs);
    return rc;
}

/* Where the bytes of url come from, when a remap or the catalog says:
 * malloc'd, or NULL (no mapping; or *oom set: 1 out of memory, 2 the
 * mapping would climb out of its target). */
static char *map_url(const fetcher *f, const char *url, int *oom, const mapping **which)
{
    *which = NULL;
    const mapping *m = (const mapping *)f->maps.data;
    size_t n = f->maps.len / sizeof *m;
    const mapping *best = NULL;
    size_t best_len = 0;
    *oom = 0;
    /* remaps first (the user's word): the longest FROM */
    for (size_t i = 0; i < n; i++) {
        const mapping *c = &m[i];
        size_t l = strlen(c->from);
        if (!c->catalog && !strncmp(url, c->from, l) && (!best || l > best_len)) {
            best = c;
            best_len = l;
        }
    }
    /* then the catalogs, in the order read (a nextCatalog after the one
     * that names it): in the first with a match, an exact entry, else its
     * longest rewrite (OASIS XML Catalogs 7.2.2); the first of equals */
    for (size_t i = 0; i < n && !(best && !best->catalog); i++) {
        const mapping *c = &m[i];
        size_t l = strlen(c->from);
        if (!c->catalog || (c->exact ? strcmp(url, c->from) != 0 : strncmp(url, c->from, l) != 0))
            continue;
        int better = !best || c->catalog < best->catalog ||
                     (c->catalog == best->catalog && !best->exact &&
                      (c->exact || l > best_len));
        if (better) {
            best = c;
            best_len = l;
        }
    }
    if (!best)
        return NULL;
    *which = best;
    const char *tail = best->exact ? "" : url + strlen(best->from);
    size_t to_len = strlen(best->to);
    /* "DIR" and "FROM/" join with one slash */
    int slash = !best->exact && to_len && best->to[to_len - 1] != '/' && *tail &&
                *tail != '/' && strlen(best->from) && best->from[strlen(best->from) - 1] == '/';
    char *r = concat3(best->to, slash ? "/" : "", slash ? 1 : 0, tail);
    if (!r) {
        *oom = 1;
        return NULL;
    }
    /* The URL has no dot segments, but its tail may complete one with the end
     * of TO (FROM "http://h/a", URL "http://h/a../x", TO "/srv/" gives
     * "/srv/../x"): none may appear past TO's last '/'. */
    const char *slash_in_to = strrchr(best->to, '/');
    size_t i = slash_in_to ? (size_t)(slash_in_to - best->to) + 1 : 0;
    size_t end = strcspn(r, "?#");
    while (i <= end) {
        size_t k = i;
        while (k < end && r[k] != '/')
            k++;
        if ((k - i == 1 && r[i] == '.') || (k - i == 2 && r[i] == '.' && r[i + 1] == '.')) {
            free(r);
            *oom = 2;
            return NULL;
        }
        i = k + 1;
    }
    return r;
}

/* ---- Downloads -------------------------------------------------------------- */

typedef struct transfer {
    r2x_buf body;
    int too_big;
    int refused_address;
    char refused_ip[INET6_ADDRSTRLEN];
} transfer;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    transfer *t = userdata;
    size_t n = size * nmemb;
    if (buf_add(&t->body, ptr, n)) {
        t->too_big = 1;
        return 0;             /* CURLE_WRITE_ERROR ends the transfer */
    }
    return n;
}

static int private_v4(uint32_t a)
{
    return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
           (a >> 22) == (100u << 2 | 1) ||          /* 100.64/10 */
           (a >> 16) == (169u << 8 | 254) ||        /* 169.254/16 link-local */
           (a >> 20) == (172u << 4 | 1) ||          /* 172.16/12 */
           (a >> 16) == (192u << 8 | 168) ||        /* 192.168/16 */
           (a >> 8) == (192u << 16) ||              /* 192.0.0/24 */
           (a >> 17) == (198u << 7 | 9) ||          /* 198.18/15 */
           (a >> 28) >= 14;                         /* multicast, reserved */
}

static int private_address(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        return private_v4(ntohl(in->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6) {
        const unsigned char *b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        static const unsigned char zero[15] = {0};
        if (!memcmp(b, mapped, 12))
            return private_v4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
                              (uint32_t)b[14] << 8 | b[15]);
        if (!memcmp(b, zero, 15) && b[15] <= 1)      /* :: and ::1 */
            return 1;
        return (b[0] & 0xfe) == 0xfc ||              /* fc00::/7 unique local */
               (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||   /* fe80::/10 */
               b[0] == 0xff;                         /* multicast */
    }
    return 1;                 /* anything else is not the internet */
}

/* Refuse a connection to a loopback/private address: made on the socket, so a
 * DNS name that points at 127.0.0.1, and every redirect, is checked too. */
static curl_socket_t open_checked_socket(void *clientp, curlsocktype purpose,
                                         struct curl_sockaddr *addr)
{
    transfer *t = clientp;
    if (purpose == CURLSOCKTYPE_IPCXN && private_address(&addr->addr)) {
        t->refused_address = 1;
        const void *a = addr->family == AF_INET6
                            ? (const void *)&((struct sockaddr_in6 *)&addr->addr)->sin6_addr
                            : (const void *)&((struct sockaddr_in *)&addr->addr)->sin_addr;
        if (!inet_ntop(addr->family, a, t->refused_ip, sizeof t->refused_ip))
            r2xi_strlcpy(t->refused_ip, "?", sizeof t->refused_ip);
        return CURL_SOCKET_BAD;
    }
    return socket(addr->family, addr->socktype, addr->protocol);
}

/* Whether libcurl may send requests through a proxy (it reads these from the
 * environment).  Then the socket is the proxy's, so the address check is made
 * by resolving the host instead.  NO_PROXY is not consulted: a URL it
 * exempts is checked by resolution too, which is as safe. */
static int proxy_in_environment(void)
{
    static const char *const names[] = {"http_proxy", "https_proxy", "HTTPS_PROXY",
                                        "all_proxy", "ALL_PROXY"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return 1;
    }
    return 0;
}

/* 1 if url's host resolves to a loopback/private address (noted in t). */
static int host_is_private(const char *url, transfer *t)
{
    uri_parts u;
    uri_split(url, &u);
    const char *h = u.auth;
    size_t n = u.auth_n;
    const char *at = memchr(h, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    char host[256];
    if (n && h[0] == '[') {
        const char *close = memchr(h, ']', n);
        n = close ? (size_t)(close - h - 1) : 0;
        h++;
    } else {
        const char *colon = memchr(h, ':', n);
        if (colon)
            n = (size_t)(colon - h);
    }
    if (!n || n >= sizeof host)
        return 0;             /* libcurl reports what is wrong with it */
    memcpy(host, h, n);
    host[n] = '\0';
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0)
        return 0;
    int bad = 0;
    for (struct addrinfo *ai = res; ai && !bad; ai = ai->ai_next)
        if (private_address(ai->ai_addr)) {
            bad = 1;
            t->refused_address = 1;
            const void *a = ai->ai_family == AF_INET6
                                ? (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr
                                : (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr;
            if (!inet_ntop(ai->ai_family, a, t->refused_ip, sizeof t->refused_ip))
                r2xi_strlcpy(t->refused_ip, "?", sizeof t->refused_ip);
        }
    freeaddrinfo(res);
    return bad;
}

static int is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* The options of every transfer: http(s) only, the limits of the fetcher's
 * options, certificates checked, the body into t.  A document's URL (not
 * trusted) is also checked for private addresses, on the socket, unless a
 * proxy owns the socket (then: returns 1, and each hop is resolved). */
static int set_transfer_options(fetcher *f, CURL *h, transfer *t, char *errbuf, int trusted)
{
    long stall = f->opts.timeout_s < STALL_SECONDS_MAX ? f->opts.timeout_s : STALL_SECONDS_MAX;
#if LIBCURL_VERSION_NUM >= 0x075500
    lc.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    lc.easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    /* redirects are followed here, not by libcurl, so that each hop's scheme
     * and (through a proxy) address is checked */
    lc.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    lc.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, f->opts.connect_timeout_s);
    lc.easy_setopt(h, CURLOPT_TIMEOUT, f->opts.timeout_s);
    lc.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    lc.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, stall);
    lc.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->opts.max_bytes);
    lc.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    lc.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (f->ca_file) {          /* these authorities alone, not the system's too */
        lc.easy_setopt(h, CURLOPT_CAINFO, f->ca_file);
        lc.easy_setopt(h, CURLOPT_CAPATH, NULL);
    }
    lc.easy_setopt(h, CURLOPT_USERAGENT, f->user_agent);
    lc.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    lc.easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    lc.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    lc.easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    lc.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    lc.easy_setopt(h, CURLOPT_WRITEDATA, t);
    int proxied = !trusted && proxy_in_environment();
    if (!trusted && !proxied) {
        lc.easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
        lc.easy_setopt(h, CURLOPT_OPENSOCKETDATA, t);
    }
    return proxied;
}

/* How the last hop of a download ended. */
typedef struct hop_result {
    CURLcode cc;
    long status;
    int too_many;              /* more redirects than --max-redirects */
    char *refused_target;      /* a redirect to another scheme than http(s) */
} hop_result;

/* Perform the transfer of source, following redirects (each checked for its
 * scheme, and its host when proxied) up to the fetcher's limit. */
static int follow_redirects(fetcher *f, CURL *h, const char *source, int proxied, transfer *t,
                            hop_result *r, r2x_error *err)
{
    long hops = 0;
    char *current = r2xi_strdup(source);
    if (!current)
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    while (current) {
        if (proxied && host_is_private(current, t))
            break;
        buf_reset(&t->body);
        lc.easy_setopt(h, CURLOPT_URL, current);
        r->cc = lc.easy_perform(h);
        r->status = 0;
        lc.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
        char *location = NULL;
        if (r->cc != CURLE_OK || !is_redirect(r->status) ||
            lc.easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location)
            break;
        free(current);
        current = NULL;
        if (!is_http(location)) {
            r->refused_target = r2xi_strdup(location);
            break;
        }
        if (++hops > f->opts.max_redirects) {
            r->too_many = 1;
            break;
        }
        current = r2xi_strdup(location);
    }
    free(current);
    return R2X_OK;
}

/* What went wrong with a download, the most telling reason first; R2X_OK
 * when nothing did. */
static int transfer_failure(const fetcher *f, const char *logical, const char *source,
                            const transfer *t, const hop_result *r, const char *errbuf,
                            r2x_error *err)
{
    const char *via = strcmp(source, logical) ? " (from '" : "";
    const char *via_url = strcmp(source, logical) ? source : "";
    const char *via_end = strcmp(source, logical) ? "')" : "";
    CURLcode cc = r->cc;
    if (t->refused_address)
        return r2xi_fail(err, R2X_EINPUT, "", 0,
                         "refused '%s': its host is a loopback, private or link-local "
                         "address (%s); reach local servers through --remap",
                         logical, t->refused_ip);
    if (t->too_big || cc == CURLE_FILESIZE_EXCEEDED)
        return r2xi_fail(err, R2X_ETOOBIG, "", 0,
                         "cannot fetch '%s'%s%s%s: larger than the %zu-byte limit (--max-size)",
                         logical, via, via_url, via_end, f->opts.max_bytes);
    if (r->refused_target)
        return r2xi_fail(err, R2X_EINPUT, "", 0,
                         "refused '%s'%s%s%s: redirected to a scheme other than http or "
                         "https ('%.200s')", logical, via, via_url, via_end, r->refused_target);
    if (r->too_many || cc == CURLE_TOO_MANY_REDIRECTS)
        return r2xi_fail(err, R2X_EIO, "", 0,
                         "cannot fetch '%s'%s%s%s: more than %ld redirects (--max-redirects)",
                         logical, via, via_url, via_end, f->opts.max_redirects);
    if (cc == CURLE_HTTP_RETURNED_ERROR || (cc == CURLE_OK && (r->status < 200 || r->status > 299)))
        return r2xi_fail(err, R2X_EIO, "", 0, "cannot fetch '%s'%s%s%s: HTTP status %ld",
                         logical, via, via_url, via_end, r->status);
    if (cc == CURLE_OPERATION_TIMEDOUT)
        return r2xi_fail(err, R2X_EIO, "", 0,
                         "cannot fetch '%s'%s%s%s: timed out (the server stalled or was slower "
                         "than --timeout %ld s allows)", logical, via, via_url, via_end,
                         f->opts.timeout_s);
    if (cc == CURLE_PARTIAL_FILE)
        return r2xi_fail(err, R2X_EIO, "", 0,
                         "cannot fetch '%s'%s%s%s: the body ended before its Content-Length",
                         logical, via, via_url, via_end);
    if (cc != CURLE_OK)
        return r2xi_fail(err, R2X_EIO, "", 0, "cannot fetch '%s'%s%s%s: %s", logical, via,
                         via_url, via_end, errbuf[0] ? errbuf : lc.easy_strerror(cc));
    return R2X_OK;
}

/* Download source (url as the document names it is logical) into body. */
static int download(fetcher *f, const char *logical, const char *source, int trusted,
                    char **data, size_t *len, r2x_error *err)
{
    CURL **hp = trusted ? &f->curl_user : &f->curl_doc;
    int rc = dynlib_load(&curl_library, "", err);
    if (rc)
        return rc;
    if (!*hp && !(*hp = lc.easy_init()))
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "cannot start libcurl");
    CURL *h = *hp;
    /* options are reset, connections kept: the two handles keep separate
     * connection caches, so a connection a remap opened to a local server is
     * never reused for a URL a document named */
    lc.easy_reset(h);
    transfer t;
    memset(&t, 0, sizeof t);
    buf_init(&t.body, f->opts.max_bytes);
    char errbuf[CURL_ERROR_SIZE] = "";
    int proxied = set_transfer_options(f, h, &t, errbuf, trusted);
    hop_result r = {CURLE_OK, 0, 0, NULL};
    rc = follow_redirects(f, h, source, proxied, &t, &r, err);
    lc.easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
    if (!rc)
        rc = transfer_failure(f, logical, source, &t, &r, errbuf, err);
    free(r.refused_target);
    if (rc) {
        buf_release(&t.body);
        return rc;
    }
    *data = buf_detach(&t.body, len);
    if (!*data)
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    return R2X_OK;
}

/* An http(s) URL through the cache: the cached file if it is whole, else a
 * download from source, stored.  *stored receives the cache file's path when
 * the bytes are in it. */
static int get_http(fetcher *f, const char *logical, const char *source, int trusted,
                    char **data, size_t *len, char **stored, r2x_error *err)
{
    *stored = NULL;
    if (!f->cache_dir && f->opts.offline)
        return r2xi_fail(err, R2X_EUSAGE, "", 0,
                        "'%s' cannot be read offline: there is no cache directory "
                        "(set --cache-dir, HOME or XDG_CACHE_HOME)", logical);
    char *path = NULL;
    if (f->cache_dir) {
        path = fetch_cache_path(f->cache_dir, logical, err);
        if (!path)
            return err ? err->code : R2X_EINPUT;
        struct stat st;
        if ((!f->refresh || f->opts.offline) && stat(path, &st) == 0) {
            int rc = read_file(path, f->opts.max_bytes, "cached file", data, len, err);
            if (rc) {
                free(path);
                return rc;
            }
            size_t want = 0;
            if (!cache_corrupt(path, *data, *len, &want)) {
                f->stats.cache_hits++;
                *stored = path;
                return R2X_OK;
            }
            free(*data);
            *data = NULL;
            if (f->opts.offline) {
                rc = r2xi_fail(err, R2X_EIO, "", 0,
                              "cached file '%s' for '%s' is damaged (%zu bytes, its "
                              "download had %zu or another checksum); fetch it again "
                              "without --offline", path, logical, (size_t)st.st_size, want);
                free(path);
                return rc;
            }
            /* damaged on disk: fetched again below */
        } else if (f->opts.offline) {
            int rc = r2xi_fail(err, R2X_EIO, "", 0,
                              "'%s' is not in the cache '%s' and --offline is set; fill the "
                              "cache with 'release2xbrl fetch %s' or name a cache that has "
                              "it with --cache-dir", logical, f->cache_dir, logical);
            free(path);
            return rc;
        }
    }
    int rc = download(f, logical, source, trusted, data, len, err);
    if (rc) {
        free(path);
        return rc;
    }
    f->stats.downloads++;
    if (!path) {
        r2xi_diag(f->opts.diag, f->opts.diag_userdata, R2X_SEV_WARNING, R2X_EIO, "", 0, 0,
                 "'%s' was not cached: there is no cache directory (set --cache-dir)",
                 logical);
        return R2X_OK;
    }
    r2x_error werr;
    r2x_error_clear(&werr);
    if (cache_store(path, *data, *len, logical, &werr)) {
        r2xi_diag(f->opts.diag, f->opts.diag_userdata, R2X_SEV_WARNING, R2X_EIO, "", 0, 0,
                 "'%s' was downloaded but not cached: %s%s%s", logical, werr.message,
                 werr.file[0] ? ": " : "", werr.file);
        free(path);
        return R2X_OK;
    }
    *stored = path;
    return R2X_OK;
}

/* The kind of name a URL is, for the rules in fetch.h. */
static int refuse_scheme(const char *url, r2x_error *err)
{
    size_t n = scheme_len(url);
    return r2xi_fail(err, R2X_EINPUT, "", 0,
                    "refused '%s': the scheme '%.*s' is not fetched (only http, https and "
                    "local files)", url, (int)n, url);
}

static int map_failure(const char *url, int why, r2x_error *err)
{
    if (why == 1)
        return r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    return r2xi_fail(err, R2X_EINPUT, "", 0,
                    "refused '%s': remapped, it would climb out of the remap's target", url);
}

/* The entry of a taxonomy package a catalog mapped url to. */
static int read_package_entry(const fetcher *f, const zip_archive *z, const char *entry,
                              const char *url, char **data, size_t *len, r2x_error *err)
{
    (void)f;
    size_t i = zip_find(z, entry);
    if (i == (size_t)-1)
        return r2xi_fail(err, R2X_EIO, "", 0, "'%s' is not in the taxonomy package %s (its "
                        "catalog maps it to '%s')", url, zip_path(z), entry);
    return zip_read(z, i, data, len, err);
}

/* Fetch, without the index: abs is absolute (URL or path), fragment gone. */
static int get_uncached(fetcher *f, const char *abs, char **data, size_t *len,
                        char **source, r2x_error *err)
{
    *source = NULL;
    const mapping *which;
    if (!scheme_len(abs)) {
        int oom;
        char *mapped = map_url(f, abs, &oom, &which);
        if (oom)
            return map_failure(abs, oom, err);
        const char *path = mapped ? mapped : abs;
        int rc = which && which->zip ? read_package_entry(f, which->zip, path, abs, data, len, err)
                                     : read_file(path, f->opts.max_bytes, "file", data, len, err);
        if (!rc) {
            f->stats.local_reads++;
            *source = which && which->zip ? NULL : r2xi_strdup(path);
        }
        free(mapped);
        return rc;
    }
    if (has_scheme(abs, "file")) {
        char *path = fetch_file_url_path(abs);
        if (!path)
            return r2xi_fail(err, R2X_EINPUT, "", 0, "refused '%s': a file: URL naming "
                            "another host", abs);
        int rc = get_uncached(f, path, data, len, source, err);
        free(path);
        return rc;
    }
    if (!is_http(abs))
        return refuse_scheme(abs, err);
    int oom;
    char *mapped = map_url(f, abs, &oom, &which);
    if (oom)
        return map_failure(abs, oom, err);
    int rc;
    if (mapped && which->zip) {
        rc = read_package_entry(f, which->zip, mapped, abs, data, len, err);
        if (!rc)
            f->stats.local_reads++;
    } else if (mapped && is_http(mapped)) {
        rc = get_http(f, abs, mapped, 1, data, len, source, err);
    } else if (mapped) {
        /* a local directory the user (remap) or a catalog named */
        char *path = has_scheme(mapped, "file") ? fetch_file_url_path(mapped) : r2xi_strdup(mapped);
        if (!path)
            rc = r2xi_fail(err, R2X_EINPUT, "", 0, "remap target '%s' is not a local file",
                          mapped);
        else
            rc = read_file(path, f->opts.max_bytes, "file", data, len, err);
        if (!rc) {
            f->stats.local_reads++;
            *source = path;
        } else {
            if (path && err && !strstr(err->message, abs)) {
                char msg[2 * sizeof err->message];
                snprintf(msg, sizeof msg, "'%s' (remapped): %s", abs, err->message);
                r2xi_strlcpy(err->message, msg, sizeof err->message);
            }
            free(path);
        }
    } else {
        rc = get_http(f, abs, abs, 0, data, len, source, err);
    }
    free(mapped);
    return rc;
}

static int get(fetcher *f, const char *url, const char *base, int from_document,
               char **data, size_t *len, char **resolved, r2x_error *err)
{
    *data = NULL;
    *len = 0;
    if (resolved)
        *resolved = NULL;
    if (!url)
        return r2xi_fail(err, R2X_EUSAGE, base ? base : "", 0, "no URL");
    int rc;
    /* a file: URL or any other scheme is refused before anything is
     * resolved or looked up, whoever names it: callers resolve references
     * themselves and pass base NULL, so base says nothing about who named
     * url (the CLI turns a file: URL the user typed into a path) */
    if (scheme_len(url) && !is_http(url)) {
        rc = has_scheme(url, "file")
                 ? r2xi_fail(err, R2X_EINPUT, "", 0,
                            "refused '%s': file: URLs are not followed (name a local file "
                            "by its path)", url)
                 : refuse_scheme(url, err);
        goto fail;
    }
    char *abs = fetch_resolve(base, url);   /* also drops an absolute URL's dot segments */
    if (!abs) {
        rc = r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
        goto fail;
    }
    /* the fragment names a part of the document, not another document; a
     * path the user typed is taken as it is */
    if (scheme_len(abs) || from_document) {
        char *hash = strchr(abs, '#');
        if (hash)
            *hash = '\0';
    }
    index_entry *e = index_find(f, abs);
    if (e) {
        f->stats.repeats++;
        if (e->failure) {
            if (err)
                *err = *e->failure;
            rc = e->failure->code;
            free(abs);
            goto fail_counted;
        }
        if (e->data) {
            *data = r2xi_strndup(e->data, e->len);
            *len = e->len;
            rc = *data ? R2X_OK : r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
        } else {
            rc = read_file(e->source, f->opts.max_bytes, "file", data, len, err);
        }
        if (rc) {
            free(abs);
            goto fail;
        }
        if (resolved)
            *resolved = abs;
        else
            free(abs);
        return R2X_OK;
    }
    e = calloc(1, sizeof *e);
    if (!e) {
        free(abs);
        rc = r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
        goto fail;
    }
    e->key = abs;
    rc = get_uncached(f, abs, data, len, &e->source, err);
    if (rc) {
        e->failure = malloc(sizeof *e->failure);
        if (e->failure && err)
            *e->failure = *err;
        else if (e->failure)
            r2xi_fail(e->failure, rc, "", 0, "cannot fetch '%s'", abs);
    } else if (!e->source) {
        /* downloaded but not cached: keep the bytes for the next get */
        e->data = r2xi_strndup(*data, *len);
        e->len = *len;
    }
    int kept = !((rc && !e->failure) || (!rc && !e->source && !e->data)) &&
               index_add(f, e) == R2X_OK;
    if (!kept) {
        e->key = NULL;
        entry_free(e);
    }
    if (!rc && resolved && !(*resolved = r2xi_strdup(abs))) {
        free(*data);
        *data = NULL;
        rc = r2xi_fail(err, R2X_ENOMEM, "", 0, "out of memory");
    }
    if (!kept)
        free(abs);
    if (rc)
        goto fail;
    return R2X_OK;
fail:
    f->stats.failures++;
fail_counted:
    if (err && base)
        r2xi_strlcpy(err->file, base, sizeof err->file);
    return rc;
}

int fetcher_get(fetcher *f, const char *url, const char *base, char **data, size_t *len,
                char **resolved, r2x_error *err)
{
    return get(f, url, base, base != NULL, data, len, resolved, err);
}

int fetcher_get_fresh(fetcher *f, const char *url, char **data, size_t *len, char **resolved,
                      r2x_error *err)
{
    f->refresh = 1;
    int rc = get(f, url, NULL, 0, data, len, resolved, err);
    f->refresh = 0;
    return rc;
}

/* ---- libxml2's entity loader ------------------------------------------------ */

static fetcher *installed;
static xmlExternalEntityLoader previous_loader;

typedef struct mem_reader {
    char *data;
    size_t len, pos;
} mem_reader;

static int mem_read(void *ctx, char *out, int n)
{
    mem_reader *r = ctx;
    size_t k = r->len - r->pos;
    if (n < 0)
        return -1;
    if (k > (size_t)n)
        k = (size_t)n;
    memcpy(out, r->data + r->pos, k);
    r->pos += k;
    return (int)k;
}

static int mem_close(void *ctx)
{
    mem_reader *r = ctx;
    free(r->data);
    free(r);
    return 0;
}

static xmlParserInputPtr fetch_entity_loader(const char *url, const char *id,
                                             xmlParserCtxtPtr ctxt)
{
    (void)id;
    fetcher *f = installed;
    if (!f || !url)
        return NULL;
    r2x_error err;
    r2x_error_clear(&err);
    char *data, *resolved;
    size_t len;
    /* libxml2 has already resolved url against its document */
    int rc = get(f, url, NULL, 1, &data, &len, &resolved, &err);
    if (rc) {
        if (f->opts.diag) {
            err.severity = R2X_SEV_ERROR;
            f->opts.diag(f->opts.diag_userdata, &err);
        }
        return NULL;
    }
    mem_reader *r = malloc(sizeof *r);
    xmlParserInputBufferPtr in = NULL;
    if (r) {
        r->data = data;
        r->len = len;
        r->pos = 0;
        in = xmlParserInputBufferCreateIO(mem_read, mem_close, r, XML_CHAR_ENCODING_NONE);
    }
    if (!in) {
        free(r);
        free(data);
        free(resolved);
        return NULL;
    }
    xmlParserInputPtr input = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE);
    if (!input) {
        xmlFreeParserInputBuffer(in);
        free(resolved);
        return NULL;
    }
    /* relative references in it resolve against where it logically is */
    input->filename = (const char *)xmlStrdup((const xmlChar *)resolved);
    free(resolved);
    return input;
}

void fetcher_install(fetcher *f)
{
    if (!installed)
        previous_loader = xmlGetExternalEntityLoader();
    installed = f;
    xmlSetExternalEntityLoader(fetch_entity_loader);
}

void fetcher_uninstall(void)
{
    if (!installed)
        return;
    xmlSetExternalEntityLoader(previous_loader);
    installed = NULL;
    previous_loader = NULL;
}
