/* cmd_extract.c - release2xbrl extract: Inline XBRL -> its XBRL 2.1 instance. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const cli_command *self = cli_command_named("extract");
    const char *output = "-", *format = "xbrl";
    cli_input_options in;      /* for cli_diag's counts and --quiet */
    cli_input_options_init(&in);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'f': format = optarg; break;
        case 'q': in.quiet = 1; break;
        case 'h': cli_print_command_help(self); return EXIT_OK;
        case ':':
            fprintf(stderr, "release2xbrl: %s needs an argument\n", argv[optind - 1]);
            return EXIT_FAILURE_RUN;
        default:
            fprintf(stderr, "release2xbrl: unknown option '%s'; try 'release2xbrl extract "
                            "--help'\n", argv[optind - 1]);
            return EXIT_FAILURE_RUN;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "release2xbrl: extract takes one FILE; try 'release2xbrl extract "
                        "--help'\n");
        return EXIT_FAILURE_RUN;
    }
    int format_code = r2x_format_from_name(format);
    if (format_code != R2X_FORMAT_XBRL && format_code != R2X_FORMAT_JSON &&
        format_code != R2X_FORMAT_CSV && format_code != R2X_FORMAT_ALL) {
        fprintf(stderr, "release2xbrl: --format takes xbrl, json, csv or all, not '%s'\n",
                format);
        return EXIT_FAILURE_RUN;
    }
    const char *path = argv[optind];
    r2x_error err;
    r2x_error_clear(&err);
    if (cli_same_file(path, output)) {
        fprintf(stderr, "release2xbrl: output '%s' is the input file; refusing to "
                        "overwrite it\n", output);
        return EXIT_FAILURE_RUN;
    }
    size_t nfacts = 0, nerrors = 0;
    int rc = r2x_ixbrl_extract_to(path, output, format_code, cli_diag, &in, &nfacts, &nerrors,
                                  &err);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    if (!in.quiet || nerrors)
        fprintf(stderr, "release2xbrl: %s: %zu facts; %zu errors\n", path, nfacts, nerrors);
    return nerrors ? EXIT_INVALID : EXIT_OK;
}
