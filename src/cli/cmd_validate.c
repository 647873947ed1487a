/* cmd_validate.c - release2xbrl validate: XBRL instances against their DTS. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fetch_options.h"
#include "validate.h"

typedef struct validate_args {
    cli_fetch_options fetch;
    int calc;
    int json;
    int quiet;
    int dts_only;
    int duplicates;
    int schema;
} validate_args;

typedef struct output {
    const validate_args *a;
    size_t shown;               /* findings printed in the current file (JSON commas) */
} output;

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void on_finding(void *userdata, const r2x_error *e)
{
    output *o = userdata;
    int warning = e->severity == R2X_SEV_WARNING;
    if (warning && o->a->quiet)
        return;
    char code[128];
    const char *msg = r2x_diag_rule(e, code, sizeof code);
    const char *sev = warning ? "warning" : "error";
    if (o->a->json) {
        printf("%s\n    {\"severity\": \"%s\", \"code\": ", o->shown++ ? "," : "", sev);
        json_string(code);
        fputs(", \"file\": ", stdout);
        json_string(e->file);
        printf(", \"line\": %ld, \"message\": ", e->line);
        json_string(msg);
        putchar('}');
        return;
    }
    if (e->file[0] && e->line > 0)
        printf("%s:%ld: ", e->file, e->line);
    else if (e->file[0])
        printf("%s: ", e->file);
    if (code[0])
        printf("%s [%s]: %s\n", sev, code, msg);
    else
        printf("%s: %s\n", sev, msg);
}

static int parse(int argc, char **argv, const cli_command *self, validate_args *a)
{
    static const struct option longopts[] = {
        CLI_FETCH_LONGOPTS,
        {"calc", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"dts-only", no_argument, NULL, 'D'},
        {"duplicates", required_argument, NULL, 'u'},
        {"schema", required_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    a->calc = R2X_CALC_C11;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
        int f = cli_fetch_option(&a->fetch, c, optarg);
        if (f == 1)
            return 1;
        if (f == 0)
            continue;
        switch (c) {
        case 'c':
            if (!strcmp(optarg, "c11"))
                a->calc = R2X_CALC_C11;
            else if (!strcmp(optarg, "xbrl21"))
                a->calc = R2X_CALC_XBRL21;
            else if (!strcmp(optarg, "none"))
                a->calc = R2X_CALC_NONE;
            else {
                fprintf(stderr, "release2xbrl: --calc takes c11, xbrl21 or none, not '%s'\n",
                        optarg);
                return 1;
            }
            break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
                fprintf(stderr, "release2xbrl: --format takes text or json, not '%s'\n", optarg);
                return 1;
            }
            a->json = !strcmp(optarg, "json");
            break;
        case 'D': a->dts_only = 1; break;
        case 'u':
            if (strcmp(optarg, "error") && strcmp(optarg, "warning")) {
                fprintf(stderr, "release2xbrl: --duplicates takes error or warning, not '%s'\n",
                        optarg);
                return 1;
            }
            a->duplicates = !strcmp(optarg, "warning") ? R2X_DUP_WARNING : R2X_DUP_ERROR;
            break;
        case 's':
            if (!strcmp(optarg, "auto"))
                a->schema = R2X_SCHEMA_AUTO;
            else if (!strcmp(optarg, "full"))
                a->schema = R2X_SCHEMA_FULL;
            else if (!strcmp(optarg, "none"))
                a->schema = R2X_SCHEMA_NONE;
            else {
                fprintf(stderr, "release2xbrl: --schema takes auto, full or none, not '%s'\n",
                        optarg);
                return 1;
            }
            break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(self); return -1;
        case ':':
            fprintf(stderr, "release2xbrl: option '%s' needs an argument\n", argv[optind - 1]);
            return 1;
        default:
            fprintf(stderr, "release2xbrl: unknown option '%s'; see --help\n", argv[optind - 1]);
            return 1;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "release2xbrl: validate takes one or more FILEs; "
                        "try 'release2xbrl validate --help'\n");
        return 1;
    }
    return 0;
}

static void summary(const char *file, const r2x_validate_result *res, int json)
{
    if (json) {
        printf("\n  ], \"errors\": %zu, \"warnings\": %zu, \"facts\": %zu, "
               "\"unchecked_facts\": %zu, \"contexts\": %zu, "
               "\"units\": %zu, \"documents\": %zu, \"missing_documents\": %zu, "
               "\"concepts\": %zu, \"relationships\": %zu, \"arcs\": %zu}",
               res->errors, res->warnings, res->facts, res->unchecked, res->contexts, res->units,
               res->documents, res->missing, res->concepts, res->relationships, res->arcs);
        return;
    }
    if (res->input_kind == 1)
        printf("%s: %zu errors, %zu warnings; DTS of %zu documents (%zu missing), %zu concepts, "
               "%zu arcs, %zu relationships\n", file, res->errors, res->warnings,
               res->documents, res->missing, res->concepts, res->arcs, res->relationships);
    else if (res->unchecked)
        printf("%s: %zu errors, %zu warnings; %zu facts (%zu not checked: their schemas could "
               "not be had), %zu contexts, DTS of %zu documents\n", file, res->errors,
               res->warnings, res->facts, res->unchecked, res->contexts, res->documents);
    else
        printf("%s: %zu errors, %zu warnings; %zu facts, %zu contexts, DTS of %zu documents\n",
               file, res->errors, res->warnings, res->facts, res->contexts, res->documents);
}

int cmd_validate(int argc, char **argv)
{
    const cli_command *self = NULL;
    for (const cli_command *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, "validate"))
            self = c;
    validate_args a;
    memset(&a, 0, sizeof a);
    cli_fetch_options_init(&a.fetch);
    int p = parse(argc, argv, self, &a);
    if (p) {
        cli_fetch_options_release(&a.fetch);
        return p < 0 ? EXIT_OK : EXIT_FAILURE_RUN;
    }
    fetcher *fetch = NULL;
    int frc = cli_fetch_open(&a.fetch, &fetch);
    if (frc) {
        cli_fetch_options_release(&a.fetch);
        return frc;
    }
    output o = {&a, 0};
    r2x_validate_options vo;
    memset(&vo, 0, sizeof vo);
    vo.cache_dir = a.fetch.fetch.cache_dir;
    vo.offline = a.fetch.fetch.offline;
    vo.ca_file = a.fetch.fetch.ca_file;
    vo.calc = a.calc;
    vo.dts_only = a.dts_only;
    vo.duplicates = a.duplicates;
    vo.schema = a.schema;
    vo.diag = on_finding;
    vo.diag_userdata = &o;
    r2x_validator *v = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = validator_new_with_fetcher(&vo, fetch, &v, &err);
    if (rc) {
        cli_report(&err);
        fetcher_free(fetch);
        cli_fetch_options_release(&a.fetch);
        return cli_exit_status(rc);
    }
    int status = EXIT_OK;
    if (a.json)
        printf("{\"files\": [");
    size_t nfiles = 0;
    for (int i = optind; i < argc; i++) {
        r2x_validate_result res;
        o.shown = 0;
        if (a.json) {
            printf("%s\n  {\"file\": ", nfiles++ ? "," : "");
            json_string(argv[i]);
            printf(", \"findings\": [");
        }
        fflush(stdout);
        rc = r2x_validate(v, argv[i], &res, &err);
        if (rc) {
            if (a.json)
                printf("\n  ], \"could_not_run\": true}");
            fflush(stdout);
            cli_report(&err);
            status = EXIT_FAILURE_RUN;
            continue;
        }
        summary(argv[i], &res, a.json);
        if (res.schema_skipped) {
            fflush(stdout);
            fprintf(stderr, "release2xbrl: %s: note: XML Schema validation skipped: %s\n",
                    argv[i], res.schema_skipped == 1
                                 ? "the DTS has more than 3000 concepts (--schema full "
                                   "forces it)"
                                 : "documents of the DTS are missing");
        }
        if (res.errors && status == EXIT_OK)
            status = EXIT_INVALID;
    }
    if (a.json)
        printf("\n]}\n");
    r2x_validator_free(v);
    fetcher_free(fetch);
    cli_fetch_options_release(&a.fetch);
    return status;
}
