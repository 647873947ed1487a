/* cmd_fetch.c - release2xbrl fetch: fill the cache ahead of time, so that
 * validation can later run --offline; with --recursive a schema's whole DTS;
 * with --companies the SEC's company list the entity rules of convert read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"
#include "companies.h"
#include "dts.h"
#include "error.h"
#include "fetch_options.h"
#include "output.h"
#include "report.h"
#include "zip.h"

typedef struct fetch_args {
    cli_fetch_options fo;
    int quiet, recursive, companies;
    const char *output;
} fetch_args;

/* "downloaded", "cached", "local" or "seen": how the last get was answered. */
static const char *how_had(const fetch_stats *before, const fetch_stats *after)
{
    return after->downloads != before->downloads       ? "downloaded"
           : after->cache_hits != before->cache_hits   ? "cached"
           : after->local_reads != before->local_reads ? "local"
                                                       : "seen";
}

/* A taxonomy package into the cache: 0 done, 1 not. */
static int install_package(fetcher *f, const char *path, int quiet)
{
    r2x_error err;
    r2x_error_clear(&err);
    size_t stored = 0;
    int rc = fetcher_install_package(f, path, &stored, &err);
    if (rc) {
        cli_report(&err);
        return 1;
    }
    if (!quiet)
        printf("%-10s %s: %zu documents -> %s\n", "package", path, stored,
               fetcher_cache_dir(f));
    return 0;
}

/* One URL (or path) into the cache: 0 had, 1 not. */
static int fetch_one(fetch_args *a, fetcher *f, const char *arg)
{
    /* a file: URL the user typed names a local path: read as one */
    char *path_of_url = fetch_file_url_path(arg);
    const char *url = path_of_url ? path_of_url : arg;
    fetch_stats before, after;
    fetcher_stats(f, &before);
    size_t warnings = a->fo.warnings;
    r2x_error err;
    r2x_error_clear(&err);
    char *data, *resolved;
    size_t len;
    int rc = fetcher_get(f, url, NULL, &data, &len, &resolved, &err);
    free(path_of_url);
    if (rc) {
        cli_report(&err);
        return 1;
    }
    fetcher_stats(f, &after);
    int failed = a->fo.warnings != warnings;   /* downloaded but not cached: the point is missed */
    if (!failed && !a->quiet) {
        const char *how = how_had(&before, &after);
        char *path = NULL;
        if (strcmp(how, "local") && fetcher_cache_dir(f))
            path = fetch_cache_path(fetcher_cache_dir(f), resolved, NULL);
        printf("%-10s %s (%zu bytes)%s%s\n", how, resolved, len, path ? " -> " : "",
               path ? path : "");
        free(path);
    }
    free(data);
    free(resolved);
    return failed;
}

/* The documents the DTS reader could not have, counted and told. */
typedef struct dts_report {
    size_t missing;
} dts_report;

static void on_dts_diag(void *userdata, const r2x_error *e)
{
    dts_report *r = userdata;
    if (e->severity == R2X_SEV_ERROR)
        r->missing++;
    cli_messages_print(stderr, e, NULL);
}

/* A schema or linkbase and every document its DTS reaches: 0 all had. */
static int fetch_dts(fetch_args *a, fetcher *f, const char *arg)
{
    char *path_of_url = fetch_file_url_path(arg);
    const char *url = path_of_url ? path_of_url : arg;
    fetch_stats before, after;
    fetcher_stats(f, &before);
    size_t warnings = a->fo.warnings;
    dts_report rep = {0};
    reporter rp;
    reporter_init(&rp, on_dts_diag, &rep);
    dts_options dopts = {f, &rp, 0};
    dts *d = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = dts_new(&dopts, &d, &err);
    if (!rc)
        rc = dts_add(d, url, NULL, NULL, 0, &err);
    if (!rc)
        rc = dts_load(d, &err);
    free(path_of_url);
    if (rc) {
        cli_report(&err);
        dts_free(d);
        return 1;
    }
    fetcher_stats(f, &after);
    dts_counts counts;
    dts_get_counts(d, &counts);
    if (!a->quiet)
        printf("%-10s %s: DTS of %zu documents (%lu downloaded, %lu cached, %lu local, %zu "
               "missing)%s%s\n", "dts", arg, dts_document_count(d),
               after.downloads - before.downloads, after.cache_hits - before.cache_hits,
               after.local_reads - before.local_reads, rep.missing,
               fetcher_cache_dir(f) ? " -> " : "",
               fetcher_cache_dir(f) ? fetcher_cache_dir(f) : "");
    dts_free(d);
    return rep.missing || a->fo.warnings != warnings;
}

/* The SEC's company list, downloaded again and made into the snapshot the
 * entity rules read: to -o FILE, else CACHE/sec-companies.tsv. */
static int fetch_companies(fetch_args *a, fetcher *f)
{
    r2x_error err;
    r2x_error_clear(&err);
    char target[4096];
    if (a->output)
        r2xi_strlcpy(target, a->output, sizeof target);
    else if (fetcher_cache_dir(f))
        snprintf(target, sizeof target, "%s/" COMPANIES_FILE, fetcher_cache_dir(f));
    else {
        cli_error("--companies: there is no cache directory to keep the list in (set "
                  "--cache-dir, or give -o FILE)");
        return EXIT_FAILURE_RUN;
    }
    char *data = NULL, *resolved = NULL;
    size_t len = 0, count = 0;
    r2x_buf tsv;
    buf_init(&tsv, R2X_BUF_NOCAP);
    int rc = fetcher_get_fresh(f, COMPANIES_SEC_URL, &data, &len, &resolved, &err);
    if (!rc)
        rc = companies_from_sec_json(data, len, COMPANIES_SEC_URL, &tsv, &count, &err);
    r2x_output *out = NULL;
    if (!rc)
        rc = output_open(target, &out, &err);
    if (!rc) {
        if (tsv.len && fwrite(tsv.data, 1, tsv.len, output_stream(out)) != tsv.len) {
            output_abort(out);
            rc = r2xi_fail(&err, R2X_EIO, target, 0, "cannot write output");
        } else {
            rc = output_commit(out, &err);
        }
    }
    free(data);
    free(resolved);
    buf_release(&tsv);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    if (!a->quiet)
        printf("%-10s %s: %zu tickers -> %s\n", "companies", COMPANIES_SEC_URL, count, target);
    return EXIT_OK;
}

static int parse(int argc, char **argv, fetch_args *a)
{
    static const struct option longopts[] = {
        CLI_FETCH_LONGOPTS,
        {"recursive", no_argument, NULL, 'r'},
        {"companies", no_argument, NULL, CLI_OPT_COMPANIES},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":ro:qh", longopts, NULL)) != -1) {
        int r = cli_fetch_option(&a->fo, c, optarg);
        if (r == 0)
            continue;
        if (r > 0)
            return EXIT_FAILURE_RUN;
        switch (c) {
        case 'r': a->recursive = 1; break;
        case CLI_OPT_COMPANIES: a->companies = 1; break;
        case 'o': a->output = optarg; break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(cli_command_named("fetch")); return -1;
        default: return cli_bad_option(c, argv[optind - 1], "fetch");
        }
    }
    if (a->output && !a->companies) {
        cli_error("-o goes with --companies; documents go into the cache by their URL");
        return EXIT_FAILURE_RUN;
    }
    if (optind >= argc && !a->companies) {
        cli_error("fetch takes one or more URLs (or --companies); try 'release2xbrl fetch "
                  "--help'");
        return EXIT_FAILURE_RUN;
    }
    if (a->output) {
        r2x_error err;
        if (cli_check_output(a->output, NULL, NULL, &err)) {
            cli_report(&err);
            return EXIT_FAILURE_RUN;
        }
    }
    return 0;
}

int cmd_fetch(int argc, char **argv)
{
    fetch_args a;
    memset(&a, 0, sizeof a);
    cli_fetch_options_init(&a.fo);
    int p = parse(argc, argv, &a);
    if (p) {
        cli_fetch_options_release(&a.fo);
        return p < 0 ? EXIT_OK : p;
    }
    fetcher *f;
    int status = cli_fetch_open(&a.fo, &f);
    if (status) {
        cli_fetch_options_release(&a.fo);
        return status;
    }
    size_t failed = 0, ok = 0;
    for (int i = optind; i < argc; i++) {
        int bad = zip_is_package_path(argv[i]) ? install_package(f, argv[i], a.quiet)
                  : a.recursive                ? fetch_dts(&a, f, argv[i])
                                               : fetch_one(&a, f, argv[i]);
        if (bad)
            failed++;
        else
            ok++;
    }
    if (a.companies) {
        int st = fetch_companies(&a, f);
        if (st == EXIT_FAILURE_RUN)
            status = st;
        else if (st)
            failed++;
        else
            ok++;
    }
    if (!a.quiet || failed)
        fprintf(stderr, "release2xbrl: fetch: %zu present, %zu failed\n", ok, failed);
    fetcher_free(f);
    cli_fetch_options_release(&a.fo);
    if (status)
        return status;
    return failed ? EXIT_INVALID : EXIT_OK;
}
