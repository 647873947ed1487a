/* cmd_tables.c - release2xbrl tables: the extracted tables as JSON, or
 * with --stats how well they were read. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 100.0;
}

/* One line on standard output, fields by name (bench/corpus adds them up). */
static void print_stats(const char *name, const r2x_tableset *set)
{
    r2x_table_stats st;
    r2x_tables_stats(set, &st);
    printf("%s: tables %zu statements %zu figures %zu placed %zu (%.1f%%) totals %zu "
           "checking %zu (%.1f%%)\n", name, st.tables, st.statements, st.figures, st.placed,
           share(st.placed, st.figures), st.totals, st.totals_checked,
           share(st.totals_checked, st.totals));
}

int cmd_tables(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"stats", no_argument, NULL, 'S'},
        CLI_INPUT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int stats = 0;
    cli_input_options in;
    cli_input_options_init(&in);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h" CLI_INPUT_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'S': stats = 1; break;
        case 'h': cli_print_command_help(cli_command_named("tables")); return EXIT_OK;
        default:
            if (cli_input_option(&in, c, optarg, argv[optind - 1]))
                return EXIT_FAILURE_RUN;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "release2xbrl: tables takes one FILE (or - for standard input); "
                        "try 'release2xbrl tables --help'\n");
        return EXIT_FAILURE_RUN;
    }
    const char *path = argv[optind];
    if (!output && !stats)
        output = "-";
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int status = cli_load_input(&in, path, &doc, &profile, &err);
    if (status) {
        cli_report(&err);
        return cli_exit_status(status);
    }
    r2x_extract_options xo = {profile, cli_diag, &in};
    size_t nerrors = 0;
    int rc = r2x_tables_extract(doc, &xo, &set, &nerrors, &err);
    const char *clash = output ? cli_output_clash(&in, path, output) : NULL;
    if (rc == R2X_OK && clash) {
        rc = R2X_EUSAGE;
        snprintf(err.message, sizeof err.message,
                 "output '%s' is %s; refusing to overwrite it", output, clash);
        err.file[0] = '\0';
    }
    if (rc == R2X_OK && output)
        rc = r2x_tables_write_json(set, doc, output, &err);
    if (rc == R2X_OK && stats)
        print_stats(r2x_document_name(doc), set);
    if (rc) {
        cli_report(&err);
        status = cli_exit_status(rc);
    } else {
        status = nerrors ? EXIT_INVALID : EXIT_OK;
        if (!in.quiet || nerrors)
            cli_summary_tables(r2x_document_name(doc), set, &in.counts);
    }
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return status;
}
