/*
 * cmd_facts.c - release2xbrl facts: one line per fact of an XBRL instance,
 * an Inline XBRL document or a release (converted as convert would, by
 * cmd_convert.c's runner).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

int cmd_facts(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"cik", required_argument, NULL, 'C'},
        {"entity-name", required_argument, NULL, 'e'},
        {"strict", no_argument, NULL, 's'},
        {"stylesheet", required_argument, NULL, 'S'},
        CLI_INPUT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const cli_command *self = cli_command_named("facts");
    const char *output = "-", *format = "table";
    int quiet = 0, c;
    /* a first look for the file and the options of every input; a release
     * is then read with convert's options, parsed again there */
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:h" CLI_INPUT_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'f': format = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': cli_print_command_help(self); return EXIT_OK;
        case ':':
            fprintf(stderr, "release2xbrl: %s needs an argument\n", argv[optind - 1]);
            return EXIT_FAILURE_RUN;
        case '?':
            fprintf(stderr, "release2xbrl: unknown option '%s'; try 'release2xbrl facts "
                            "--help'\n", argv[optind - 1]);
            return EXIT_FAILURE_RUN;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "release2xbrl: facts takes one FILE (or - for standard input); try "
                        "'release2xbrl facts --help'\n");
        return EXIT_FAILURE_RUN;
    }
    const char *path = argv[optind];
    int json = !strcmp(format, "json");
    if (!json && strcmp(format, "table")) {
        fprintf(stderr, "release2xbrl: --format takes table or json, not '%s'\n", format);
        return EXIT_FAILURE_RUN;
    }
    r2x_error err;
    r2x_error_clear(&err);
    int kind;
    int rc = r2x_xbrl_file_kind(path, &kind, &err);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    if (kind == R2X_NOT_XBRL)
        return cli_facts_of_release(argc, argv);
    if (cli_same_file(path, output)) {
        fprintf(stderr, "release2xbrl: output '%s' is the input file; refusing to "
                        "overwrite it\n", output);
        return EXIT_FAILURE_RUN;
    }
    cli_input_options in;      /* for cli_diag's counts and --quiet */
    cli_input_options_init(&in);
    in.quiet = quiet;
    size_t nfacts = 0, nerrors = 0;
    rc = r2x_facts_list(path, json ? R2X_FORMAT_FACTS_JSON : R2X_FORMAT_FACTS, output, cli_diag,
                        &in, &nfacts, &nerrors, &err);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    if (!quiet || nerrors)
        fprintf(stderr, "release2xbrl: %s: %zu facts (%s); %zu errors\n", path, nfacts,
                kind == R2X_XBRL_INLINE ? "Inline XBRL" : "XBRL instance", nerrors);
    return nerrors ? EXIT_INVALID : EXIT_OK;
}
