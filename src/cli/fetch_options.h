/* fetch_options.h - the options of every command that fetches (fetch,
 * validate): where the cache is, offline, remaps, catalogs, limits and the
 * certificate authorities trusted.
 *
 * A command adds CLI_FETCH_LONGOPTS to its getopt_long table and
 * CLI_FETCH_OPTION_DOCS to its help table, passes each option code to
 * cli_fetch_option() and, once parsed, opens the fetcher with
 * cli_fetch_open().
 */
#ifndef R2X_CLI_FETCH_OPTIONS_H
#define R2X_CLI_FETCH_OPTIONS_H

#include "../lib/common/buf.h"   /* the CLI's own copy (Makefile.am) */
#include "release2xbrl.h"

/* getopt_long codes, above every short option's character */
enum {
    CLI_FETCH_CACHE_DIR = 0x1100,
    CLI_FETCH_OFFLINE,
    CLI_FETCH_REMAP,
    CLI_FETCH_CATALOG,
    CLI_FETCH_TIMEOUT,
    CLI_FETCH_MAX_SIZE,
    CLI_FETCH_MAX_REDIRECTS,
    CLI_FETCH_CA_FILE,
    CLI_FETCH_USER_AGENT
};

#define CLI_FETCH_LONGOPTS                                                 \
    {"cache-dir", required_argument, NULL, CLI_FETCH_CACHE_DIR},           \
    {"offline", no_argument, NULL, CLI_FETCH_OFFLINE},                     \
    {"remap", required_argument, NULL, CLI_FETCH_REMAP},                   \
    {"catalog", required_argument, NULL, CLI_FETCH_CATALOG},               \
    {"timeout", required_argument, NULL, CLI_FETCH_TIMEOUT},               \
    {"max-size", required_argument, NULL, CLI_FETCH_MAX_SIZE},             \
    {"max-redirects", required_argument, NULL, CLI_FETCH_MAX_REDIRECTS},   \
    {"ca-file", required_argument, NULL, CLI_FETCH_CA_FILE},               \
    {"user-agent", required_argument, NULL, CLI_FETCH_USER_AGENT}

/* Their lines in --help (cli_option_doc entries). */
#define CLI_FETCH_OPTION_DOCS                                                       \
    {"--cache-dir", "DIR", "the download cache, laid out DIR/HOST/PATH (default "    \
                           "$XDG_CACHE_HOME/release2xbrl or ~/.cache/release2xbrl)"}, \
    {"--offline", NULL, "use the cache alone; a file not in it is an error"},        \
    {"--remap", "FROM=TO", "read URLs starting with FROM from TO (a URL or a local " \
                           "directory) instead; repeatable, the longest FROM wins"},  \
    {"--catalog", "FILE", "an XML catalog, a taxonomy package's "                    \
                          "META-INF/catalog.xml, or the package itself (.zip); "      \
                          "repeatable"},                                             \
    {"--timeout", "SECONDS", "give up a download after SECONDS (default 60), or "    \
                             "when it stalls that long (at most 30)"},               \
    {"--max-size", "BYTES", "refuse documents larger than BYTES; K, M and G "        \
                            "suffixes (default 64M)"},                               \
    {"--max-redirects", "N", "follow at most N redirects, 1 to 50 (default 5)"},   \
    {"--ca-file", "FILE", "trust the certificate authorities in FILE (PEM) for "   \
                          "https, instead of the system's"},                       \
    {"--user-agent", "TEXT", "the User-Agent sent (default release2xbrl/VERSION); "  \
                             "sec.gov wants one that names a contact"}

typedef struct cli_fetch_options {
    r2x_fetch_options fetch;
    r2x_buf remaps;            /* const char *[]: the FROM=TO arguments */
    r2x_buf catalogs;          /* const char *[]: the catalog paths */
    size_t warnings;           /* warnings the fetcher reported */
} cli_fetch_options;

void cli_fetch_options_init(cli_fetch_options *o);
void cli_fetch_options_release(cli_fetch_options *o);

/* Handle getopt code c with argument arg: 0 handled, 1 a usage error
 * (printed), -1 not one of the fetch options. */
int cli_fetch_option(cli_fetch_options *o, int c, const char *arg);

/* A fetcher with the remaps and catalogs applied; its warnings are printed
 * and counted in o->warnings.  On failure prints why and returns the exit
 * status (never 0). */
int cli_fetch_open(cli_fetch_options *o, r2x_fetcher **out);

#endif
