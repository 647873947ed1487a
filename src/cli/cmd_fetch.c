/* cmd_fetch.c - release2xbrl fetch: fill the cache ahead of time, so that
 * validation can later run --offline. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fetch_options.h"

int cmd_fetch(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_FETCH_LONGOPTS,
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_fetch_options fo;
    cli_fetch_options_init(&fo);
    int quiet = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
        int r = cli_fetch_option(&fo, c, optarg);
        if (r == 0)
            continue;
        if (r > 0) {
            cli_fetch_options_release(&fo);
            return EXIT_FAILURE_RUN;
        }
        switch (c) {
        case 'q': quiet = 1; break;
        case 'h':
            cli_print_command_help(cli_command_named("fetch"));
            cli_fetch_options_release(&fo);
            return EXIT_OK;
        case ':':
            fprintf(stderr, "release2xbrl: option '%s' needs an argument\n", argv[optind - 1]);
            cli_fetch_options_release(&fo);
            return EXIT_FAILURE_RUN;
        default:
            fprintf(stderr, "release2xbrl: unknown option '%s'; see --help\n",
                    argv[optind - 1]);
            cli_fetch_options_release(&fo);
            return EXIT_FAILURE_RUN;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "release2xbrl: fetch takes one or more URLs; "
                        "try 'release2xbrl fetch --help'\n");
        cli_fetch_options_release(&fo);
        return EXIT_FAILURE_RUN;
    }
    fetcher *f;
    int status = cli_fetch_open(&fo, &f);
    if (status) {
        cli_fetch_options_release(&fo);
        return status;
    }
    size_t failed = 0, ok = 0;
    for (int i = optind; i < argc; i++) {
        /* a file: URL the user typed names a local path: read as one */
        char *path_of_url = fetch_file_url_path(argv[i]);
        const char *url = path_of_url ? path_of_url : argv[i];
        fetch_stats before, after;
        fetcher_stats(f, &before);
        size_t warnings = fo.warnings;
        r2x_error err;
        r2x_error_clear(&err);
        char *data, *resolved;
        size_t len;
        int rc = fetcher_get(f, url, NULL, &data, &len, &resolved, &err);
        free(path_of_url);
        if (rc) {
            cli_report(&err);
            failed++;
            continue;
        }
        fetcher_stats(f, &after);
        if (fo.warnings != warnings) {
            failed++;          /* downloaded but not cached: the point is missed */
        } else {
            ok++;
            if (!quiet) {
                const char *how = after.downloads != before.downloads ? "downloaded"
                                  : after.cache_hits != before.cache_hits ? "cached"
                                  : after.local_reads != before.local_reads ? "local"
                                                                            : "seen";
                char *path = NULL;
                if (strcmp(how, "local") && fetcher_cache_dir(f))
                    path = fetch_cache_path(fetcher_cache_dir(f), resolved, NULL);
                printf("%-10s %s (%zu bytes)%s%s\n", how, resolved, len, path ? " -> " : "",
                       path ? path : "");
                free(path);
            }
        }
        free(data);
        free(resolved);
    }
    if (!quiet || failed)
        fprintf(stderr, "release2xbrl: fetch: %zu present, %zu failed\n", ok, failed);
    fetcher_free(f);
    cli_fetch_options_release(&fo);
    return failed ? EXIT_INVALID : EXIT_OK;
}
