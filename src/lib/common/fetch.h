/* fetch.h - every byte that comes from outside the input file: http and
 * https through libcurl into an on-disk cache laid out by URL, local files
 * only where a user (command line, catalog, remap) or a relative reference
 * from a local document named them.  Nothing else reaches the network.
 * (internal)
 */
#ifndef R2X_FETCH_H
#define R2X_FETCH_H

#include <stddef.h>

#include "release2xbrl.h"

typedef struct fetch_options {
    const char *cache_dir;     /* NULL: $XDG_CACHE_HOME/release2xbrl, else
                                * $HOME/.cache/release2xbrl */
    int offline;               /* the cache alone; a miss is an error */
    long connect_timeout_s;    /* 0: 20 */
    long timeout_s;            /* whole transfer, 0: 60; also a stall limit */
    size_t max_bytes;          /* largest body, 0: 64 MiB */
    long max_redirects;        /* 0: 5 */
    const char *user_agent;    /* NULL: "release2xbrl/VERSION" */
    /* Added after the interface was agreed: */
    r2x_diag_fn diag;          /* receives warnings (a download that could not
                                * be stored in the cache) and, while installed,
                                * why the entity loader refused a URL; may be
                                * NULL */
    void *diag_userdata;
    const char *ca_file;       /* PEM certificate authorities trusted for
                                * https instead of the system's; NULL: the
                                * system's */
} fetch_options;

/* The public r2x_fetcher (include/release2xbrl.h) is this. */
typedef struct r2x_fetcher fetcher;

int fetcher_new(const fetch_options *opts, fetcher **out, r2x_error *err);
void fetcher_free(fetcher *f);

/* --remap FROM=TO: URLs starting with FROM start with TO instead
 * (applied before the cache; repeatable, longest FROM wins). */
int fetcher_add_remap(fetcher *f, const char *from, const char *to, r2x_error *err);
/* An XML catalog (OASIS; rewriteURI, rewriteSystem, uri, system), a
 * taxonomy package's META-INF/catalog.xml, or a taxonomy package itself (a
 * path ending in .zip: its entries are then read from the archive);
 * relative targets resolve against the catalog's own location. */
int fetcher_load_catalog(fetcher *f, const char *path, r2x_error *err);

/* A taxonomy package (.zip; also what fetcher_load_catalog takes for a path
 * ending in .zip): every entry its catalog maps a URL to is stored in the
 * cache under that URL, so that the taxonomy is there --offline; *stored
 * receives their number. */
int fetcher_install_package(fetcher *f, const char *path, size_t *stored, r2x_error *err);

/* The bytes of url, resolved against base (NULL: url is absolute or a
 * local path the user gave).  The result is malloc'd, NUL-terminated
 * (*len excludes the NUL); *resolved (if not NULL) receives the absolute URL
 * or path the bytes came from, malloc'd, for resolving what it refers to.
 * http(s) goes through remaps/catalog, then the cache, then the network
 * unless offline.  Errors name the URL and, in err->file, the referring
 * document. */
int fetcher_get(fetcher *f, const char *url, const char *base,
                char **data, size_t *len, char **resolved, r2x_error *err);

/* fetcher_get for a document that changes (the SEC's company list): an
 * http(s) URL is downloaded again even when cached (unless offline), and the
 * cache updated. */
int fetcher_get_fresh(fetcher *f, const char *url, char **data, size_t *len,
                      char **resolved, r2x_error *err);

/* Resolve a reference against a base URL or path (RFC 3986 / local paths);
 * malloc'd result. */
char *fetch_resolve(const char *base, const char *ref);

/* Route libxml2's external entity loader (xmlSetExternalEntityLoader) through
 * f until fetcher_uninstall; anything it refuses fails to load. */
void fetcher_install(fetcher *f);
void fetcher_uninstall(void);

/* Counters for diagnostics and tests. */
typedef struct fetch_stats {
    unsigned long cache_hits, downloads, local_reads, failures;
    unsigned long repeats;     /* gets answered from this run's index */
} fetch_stats;
void fetcher_stats(const fetcher *f, fetch_stats *out);

/* ---- Added after the interface was agreed -------------------------------
 *
 * Who may name what.  Only http, https and local paths are read: a file:
 * URL, ftp:, gopher:, data: and every other scheme are refused wherever they
 * come from (a command that lets the user name a file: URL turns it into a
 * path first, with fetch_file_url_path).  A relative reference resolved
 * against a local base (a path, or a file: base) is a local file and is
 * read; so is a path the caller passes, which is the caller's word.  An
 * http(s) URL that no --remap or catalog entry rewrote is refused when its
 * host resolves to a loopback, private or link-local address (checked on the
 * socket, so a DNS name pointing at 127.0.0.1 is refused too, and on every
 * redirect; behind a proxy by resolving the host); a remap or catalog entry
 * is the user's word and is trusted.  Give libxml2 documents their plain path
 * (what *resolved holds for local files) as their URL, not a file: URL.
 *
 * The cache is keyed by the URL as documents name it, after resolution and
 * before remapping: a remap to another server only chooses where a missing
 * file is downloaded from; a remap to a local directory bypasses the cache.
 * Each download is stored with a sidecar FILE.r2x-meta (length and FNV-1a
 * checksum); a cached file that no longer matches it is fetched again (an
 * error when offline).  Files without a sidecar are trusted as they are. */

/* The cache file for an http(s) URL: CACHE_DIR/HOST/PATH, with a query
 * mapped to a suffix of the last segment ("_q" and a hash); a port other
 * than the scheme's default becomes HOST_PORT.  Refuses userinfo, `.`/`..`
 * or empty segments, and characters outside the URL's unreserved and
 * sub-delims set.  malloc'd; NULL with err filled on refusal. */
char *fetch_cache_path(const char *cache_dir, const char *url, r2x_error *err);

/* The local path a file: URL names ("file:/p", "file:///p",
 * "file://localhost/p", percent-decoded), malloc'd; NULL for another host or
 * another scheme. */
char *fetch_file_url_path(const char *url);

/* "libcurl 7.88.1" (the library the program runs with, opened to ask), or
 * a line saying it cannot be loaded. */
const char *fetch_library_version(void);

/* The default cache directory ($XDG_CACHE_HOME/release2xbrl, else
 * $HOME/.cache/release2xbrl), malloc'd; NULL if neither is set. */
char *fetch_default_cache_dir(void);

/* fetcher_install sets libxml2's process-wide loader: one fetcher at a
 * time, and not from several threads.  While installed, libxml2's own
 * messages about a refused load ("failed to load external entity") go to the
 * caller's libxml2 error handler; the fetcher's reason goes to opts.diag. */

/* The directory this fetcher caches into (NULL if there is none). */
const char *fetcher_cache_dir(const fetcher *f);

/* r2x_global_init's part: open libcurl now and curl_global_init (else done
 * at the first download); and r2x_global_cleanup's: curl_global_cleanup,
 * when it was done.  Not thread-safe, as curl's own. */
int fetch_global_init(r2x_error *err);
void fetch_global_cleanup(void);

#endif
