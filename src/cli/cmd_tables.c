/* cmd_tables.c - release2xbrl tables: the extracted tables as JSON, or
 * with --stats how well they were read. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

/* "FILE: wrote t.json: 32 tables, 410 rows, 1234 figures; 75 warnings" */
static void summary(const char *name, const char *output, const r2x_tableset *set,
                    const cli_messages *m)
{
    size_t rows = 0, figures = 0;
    for (size_t i = 0; i < set->ntables; i++) {
        rows += set->tables[i].nrows;
        for (size_t r = 0; r < set->tables[i].nrows; r++)
            figures += set->tables[i].rows[r].nvalues;
    }
    char counts[128];
    cli_messages_counts(m, counts, sizeof counts);
    fprintf(stderr, "release2xbrl: %s: wrote %s: %zu tables, %zu rows, %zu figures; %s\n", name,
            strcmp(output, "-") ? output : "standard output", set->ntables, rows, figures,
            counts);
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 100.0;
}

/* One line on standard output, fields by name (bench/tables adds them up). */
static void print_stats(const char *name, const r2x_tableset *set)
{
    r2x_table_stats st;
    r2x_table_stats_init(&st);
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
        default: {
            int r = cli_input_option(&in, c, optarg);
            if (r < 0)
                return cli_bad_option(c, argv[optind - 1], "tables");
            if (r > 0)
                return EXIT_FAILURE_RUN;
        }
        }
    }
    if (optind != argc - 1) {
        cli_error("tables takes one FILE (or - for standard input); "
                  "try 'release2xbrl tables --help'");
        return EXIT_FAILURE_RUN;
    }
    const char *path = argv[optind];
    if (!output && !stats)
        output = "-";
    r2x_error err;
    r2x_error_clear(&err);
    int status = cli_check_input(path, &err);
    if (!status && in.profile_path)
        status = cli_check_input(in.profile_path, &err);
    if (!status && output)
        status = cli_check_output(output, path, in.profile_path, &err);
    if (status) {
        cli_report(&err);
        return status;
    }
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    cli_messages m;
    cli_input_messages(&in, &m, stderr);
    size_t nerrors = 0;
    int rc = cli_load_input(&in, path, &doc, &profile, &err);
    r2x_extract_options xo;
    r2x_extract_options_init(&xo);
    xo.profile = profile;
    xo.diag = cli_messages_diag;
    xo.diag_userdata = &m;
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, &nerrors, &err);
    /* no table at all: the finding that says why is the error (exit 1) */
    int no_tables = !rc && !set->ntables;
    if (no_tables) {
        m.errors_as_warnings = 0;
        rc = R2X_EINPUT;
    }
    if (!rc) {
        cli_messages_set_tables(&m, doc, set);
        if (in.strict && nerrors)
            rc = cli_fail(&err, R2X_EINPUT, r2x_document_name(doc), 0,
                          "strict: %zu figures could not be placed in their tables; nothing "
                          "written", nerrors);
    }
    if (!rc && output)
        rc = r2x_tables_write_json(set, doc, output, &err);
    if (!rc && stats)
        print_stats(r2x_document_name(doc), set);
    cli_messages_finish(&m, path);
    if (no_tables) {
        cli_nothing_written(r2x_document_name(doc), &m);
        status = EXIT_INVALID;
    } else if (rc) {
        cli_report(&err);
        status = cli_exit_status(rc);
    } else if (!in.quiet && output) {
        summary(r2x_document_name(doc), output, set, &m);
    }
    cli_messages_release(&m);
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return status;
}
