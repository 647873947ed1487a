/* cmd_convert.c - release2xbrl convert and map: tables -> concepts -> XBRL;
 * and facts, for a release (cmd_facts.c lists XBRL files itself). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

typedef struct convert_args {
    cli_input_options in;
    const char *output;
    const char *format;
    const char *stylesheet;
    int format_code;
    const char *cik;
    const char *entity_name;
    int strict;
} convert_args;

/* What the run writes: XBRL (convert), the review table (map) or the facts
 * listing (facts, whose --format is table or json). */
enum run_mode { MODE_CONVERT, MODE_MAP, MODE_FACTS };

static int parse(int argc, char **argv, const cli_command *self, int mode, convert_args *a)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"stylesheet", required_argument, NULL, 'S'},
        {"cik", required_argument, NULL, 'C'},
        {"entity-name", required_argument, NULL, 'e'},
        {"strict", no_argument, NULL, 's'},
        CLI_INPUT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    cli_input_options_init(&a->in);
    a->output = "-";
    a->format = mode == MODE_FACTS ? "table" : "xbrl";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:h" CLI_INPUT_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case 'f': a->format = optarg; break;
        case 'S': a->stylesheet = optarg; break;
        case 'C': a->cik = optarg; break;
        case 'e': a->entity_name = optarg; break;
        case 's': a->strict = 1; break;
        case 'h': cli_print_command_help(self); return -1;
        default:
            if (cli_input_option(&a->in, c, optarg, argv[optind - 1]))
                return 1;
        }
    }
    if (mode != MODE_CONVERT && ((mode == MODE_MAP && strcmp(a->format, "xbrl")) ||
                                 a->stylesheet)) {
        fprintf(stderr, "release2xbrl: %s writes %s, not XBRL: --%s is an option of "
                        "convert\n", self->name, mode == MODE_MAP ? "a review table"
                                                                   : "a listing",
                a->stylesheet ? "stylesheet" : "format");
        return 1;
    }
    if (mode == MODE_FACTS) {
        int json = !strcmp(a->format, "json");
        if (!json && strcmp(a->format, "table")) {
            fprintf(stderr, "release2xbrl: --format takes table or json, not '%s'\n",
                    a->format);
            return 1;
        }
        a->format_code = json ? R2X_FORMAT_FACTS_JSON : R2X_FORMAT_FACTS;
    } else {
        a->format_code = r2x_format_from_name(a->format);
    }
    if (mode != MODE_FACTS && (a->format_code < 0 || a->format_code == R2X_FORMAT_FACTS ||
                               a->format_code == R2X_FORMAT_FACTS_JSON)) {
        fprintf(stderr, "release2xbrl: --format takes xbrl, ixbrl, json, csv or all, not "
                        "'%s'%s\n", a->format, a->format_code < 0 ? "" :
                        " (release2xbrl facts lists the facts)");
        return 1;
    }
    if (a->cik) {
        size_t n = strlen(a->cik);
        if (!n || n > 10 || strspn(a->cik, "0123456789") != n) {
            fprintf(stderr, "release2xbrl: --cik takes up to 10 digits, not '%s'\n", a->cik);
            return 1;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "release2xbrl: %s takes one FILE (or - for standard input); "
                        "try 'release2xbrl %s --help'\n", self->name, self->name);
        return 1;
    }
    return 0;
}

static int run(int argc, char **argv, const cli_command *self, int mode)
{
    convert_args a;
    int p = parse(argc, argv, self, mode, &a);
    if (p)
        return p < 0 ? EXIT_OK : EXIT_FAILURE_RUN;
    const char *path = argv[optind];
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = cli_load_input(&a.in, path, &doc, &profile, &err);
    if (rc) {
        cli_report(&err);
        return cli_exit_status(rc);
    }
    char cik10[16];
    if (!rc && a.cik) {
        snprintf(cik10, sizeof cik10, "%010lu", strtoul(a.cik, NULL, 10));
        rc = r2x_profile_set(profile, "cik", cik10, &err);
    }
    if (!rc && a.entity_name)
        rc = r2x_profile_set(profile, "entity-name", a.entity_name, &err);
    int status = EXIT_OK;
    size_t nerrors = 0;
    r2x_extract_options xo = {profile, cli_diag, &a.in};
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, &nerrors, &err);
    if (!rc)
        rc = r2x_profile_infer(profile, doc, set, cli_diag, &a.in, &err);
    const char *clash = cli_output_clash(&a.in, path, a.output);
    if (!rc && clash) {
        rc = R2X_EUSAGE;
        snprintf(err.message, sizeof err.message,
                 "output '%s' is %s; refusing to overwrite it", a.output, clash);
        err.file[0] = '\0';
    }
    r2x_convert_result res;
    memset(&res, 0, sizeof res);
    const char *data = cli_data_dir();
    r2x_convert_options co = {profile, data, cli_diag, &a.in, a.format_code, a.stylesheet};
    if (!rc && !data) {
        rc = R2X_EIO;
        snprintf(err.message, sizeof err.message,
                 "cannot find the mappings and taxonomy data (set R2X_DATADIR)");
    }
    if (!rc)
        rc = mode == MODE_MAP ? r2x_map_write(doc, set, &co, a.output, &res, &err)
                    : r2x_convert(doc, set, &co, a.output, &res, &err);
    if (rc) {
        cli_report(&err);
        status = cli_exit_status(rc);
    } else {
        if (!a.in.quiet || nerrors || res.errors)
            fprintf(stderr, "release2xbrl: %s: %zu facts in %zu contexts; %zu unmapped "
                    "line items, %zu totals that do not add up; %zu warnings, %zu errors\n",
                    r2x_document_name(doc), res.facts, res.contexts, res.unmapped,
                    res.failed_sums, a.in.counts.warnings, a.in.counts.errors);
        if (nerrors || res.errors || (a.strict && (res.unmapped || res.failed_sums)))
            status = EXIT_INVALID;
    }
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return status;
}

int cmd_convert(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("convert"), MODE_CONVERT);
}

int cmd_map(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("map"), MODE_MAP);
}

int cli_facts_of_release(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("facts"), MODE_FACTS);
}
