/* cmd_fetch.c - release2xbrl fetch: fill the cache ahead of time, so that
 * validation can later run --offline; with --recursive a schema's whole DTS;
 * with --companies the SEC's company list the entity rules of convert read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"
#include "fetch_options.h"

typedef struct fetch_args {
    cli_fetch_options fo;
    int quiet, recursive, companies;
    const char *output;
} fetch_args;

/* "downloaded", "cached", "local" or "seen": how the last get was answered. */
static const char *how_had(const r2x_fetch_stats *before, const r2x_fetch_stats *after)
{
    return after->downloads != before->downloads       ? "downloaded"
           : after->cache_hits != before->cache_hits   ? "cached"
           : after->local_reads != before->local_reads ? "local"
                                                       : "seen";
}

/* A taxonomy package into the cache: 0 done, 1 not. */
static int install_package(r2x_fetcher *f, const char *path, int quiet)
{
    r2x_error err;
    r2x_error_clear(&err);
    size_t stored = 0;
    int rc = r2x_fetcher_install_package(f, path, &stored, &err);
    if (rc) {
        cli_report(&err);
        return 1;
    }
    if (!quiet)
        printf("%-10s %s: %zu documents -> %s\n", "package", path, stored,
               r2x_fetcher_cache_dir(f));
    return 0;
}

/* One URL (or path) into the cache: 0 had, 1 not. */
static int fetch_one(fetch_args *a, r2x_fetcher *f, const char *arg)
{
    r2x_fetch_stats before, after;
    r2x_fetch_stats_init(&before);
    r2x_fetch_stats_init(&after);
    r2x_fetcher_stats(f, &before);
    size_t warnings = a->fo.warnings;
    r2x_error err;
    r2x_error_clear(&err);
    char *data, *resolved;
    size_t len;
    if (r2x_fetcher_get(f, arg, &data, &len, &resolved, &err)) {
        cli_report(&err);
        return 1;
    }
    r2x_fetcher_stats(f, &after);
    int failed = a->fo.warnings != warnings;   /* downloaded but not cached: the point is missed */
    if (!failed && !a->quiet) {
        const char *how = how_had(&before, &after);
        char *path = NULL;
        if (strcmp(how, "local") && r2x_fetcher_cache_dir(f) &&
            r2x_fetcher_cache_path(f, resolved, &path, NULL))
            path = NULL;
        printf("%-10s %s (%zu bytes)%s%s\n", how, resolved, len, path ? " -> " : "",
               path ? path : "");
        r2x_free(path);
    }
    r2x_free(data);
    r2x_free(resolved);
    return failed;
}

static void on_dts_diag(void *userdata, const r2x_error *e)
{
    (void)userdata;
    cli_messages_print(stderr, e, NULL);
}

/* A schema or linkbase and every document its DTS reaches: 0 all had. */
static int fetch_dts(fetch_args *a, r2x_fetcher *f, const char *arg)
{
    size_t warnings = a->fo.warnings;
    r2x_dts_fetch_result res;
    r2x_dts_fetch_result_init(&res);
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_fetcher_get_dts(f, arg, on_dts_diag, NULL, &res, &err)) {
        cli_report(&err);
        return 1;
    }
    const char *cache = r2x_fetcher_cache_dir(f);
    if (!a->quiet)
        printf("%-10s %s: DTS of %zu documents (%lu downloaded, %lu cached, %lu local, %zu "
               "missing)%s%s\n", "dts", arg, res.documents, res.downloaded, res.cached,
               res.local, res.missing, cache ? " -> " : "", cache ? cache : "");
    return res.missing || a->fo.warnings != warnings;
}

/* The SEC's company list, downloaded again and made into the snapshot the
 * entity rules read: to -o FILE, else CACHE/sec-companies.tsv. */
static int fetch_companies(fetch_args *a, r2x_fetcher *f)
{
    r2x_error err;
    r2x_error_clear(&err);
    char target[4096];
    if (a->output)
        snprintf(target, sizeof target, "%s", a->output);
    else if (r2x_fetcher_cache_dir(f))
        snprintf(target, sizeof target, "%s/" R2X_COMPANIES_FILE, r2x_fetcher_cache_dir(f));
    else {
        cli_error("--companies: there is no cache directory to keep the list in (set "
                  "--cache-dir, or give -o FILE)");
        return EXIT_FAILURE_RUN;
    }
    char *data = NULL, *resolved = NULL, *tsv = NULL;
    size_t len = 0, tsv_len = 0, count = 0;
    int rc = r2x_fetcher_get_fresh(f, R2X_COMPANIES_SEC_URL, &data, &len, &resolved, &err);
    if (!rc)
        rc = r2x_companies_from_sec_json(data, len, R2X_COMPANIES_SEC_URL, &tsv, &tsv_len,
                                         &count, &err);
    r2x_output *out = NULL;
    if (!rc)
        rc = r2x_output_open(target, &out, &err);
    if (!rc) {
        if (tsv_len && fwrite(tsv, 1, tsv_len, r2x_output_stream(out)) != tsv_len) {
            r2x_output_abort(out);
            rc = cli_fail(&err, R2X_EIO, target, 0, "cannot write output");
        } else {
            rc = r2x_output_commit(out, &err);
        }
    }
    r2x_free(data);
    r2x_free(resolved);
    r2x_free(tsv);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    if (!a->quiet)
        printf("%-10s %s: %zu tickers -> %s\n", "companies", R2X_COMPANIES_SEC_URL, count,
               target);
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
    r2x_fetcher *f;
    int status = cli_fetch_open(&a.fo, &f);
    if (status) {
        cli_fetch_options_release(&a.fo);
        return status;
    }
    size_t failed = 0, ok = 0;
    for (int i = optind; i < argc; i++) {
        int bad = r2x_is_taxonomy_package(argv[i]) ? install_package(f, argv[i], a.quiet)
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
    r2x_fetcher_free(f);
    cli_fetch_options_release(&a.fo);
    if (status)
        return status;
    return failed ? EXIT_INVALID : EXIT_OK;
}
