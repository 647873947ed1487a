/* cmd_validate.c - release2xbrl validate: XBRL instances against their DTS. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cli_common.h"
#include "error.h"
#include "fetch_options.h"
#include "validate.h"

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL };

typedef struct validate_args {
    cli_fetch_options fetch;
    int calc;
    int format;               /* FORMAT_* */
    int quiet;
    int dts_only;
    int duplicates;
    int schema;
    int jobs;
    /* made once per process, when its first input needs them */
    fetcher *fetcher;
    r2x_validator *v;
    size_t shown;             /* findings printed for the current input (commas) */
} validate_args;

/* Findings name standard input "<stdin>", not "-". */
static const char *shown_name(const char *file)
{
    return strcmp(file, "-") ? file : "<stdin>";
}

static void print_finding(validate_args *a, int severity, const char *code, const char *file,
                          long line, const char *msg)
{
    const char *sev = r2x_severity_name(severity);
    if (a->format != FORMAT_TEXT) {
        printf("%s%s{\"severity\": \"%s\", \"code\": ", a->shown++ ? "," : "",
               a->format == FORMAT_JSON ? "\n    " : "", sev);
        cli_json_string(stdout, code);
        fputs(", \"file\": ", stdout);
        cli_json_string(stdout, shown_name(file));
        printf(", \"line\": %ld, \"message\": ", line);
        cli_json_string(stdout, msg);
        putchar('}');
        return;
    }
    if (file[0] && line > 0)
        printf("%s:%ld: ", shown_name(file), line);
    else if (file[0])
        printf("%s: ", shown_name(file));
    if (code[0])
        printf("%s [%s]: %s\n", sev, code, msg);
    else
        printf("%s: %s\n", sev, msg);
}

static void on_finding(void *userdata, const r2x_error *e)
{
    validate_args *a = userdata;
    if (e->severity != R2X_SEV_ERROR && a->quiet)
        return;
    char code[128];
    const char *msg = r2x_diag_rule(e, code, sizeof code);
    print_finding(a, e->severity == R2X_SEV_ERROR ? R2X_SEV_ERROR : e->severity, code,
                  e->file, e->line, msg);
}

static int parse(int argc, char **argv, const cli_command *self, validate_args *a)
{
    static const struct option longopts[] = {
        CLI_FETCH_LONGOPTS,
        {"calc", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"jsonl", no_argument, NULL, CLI_OPT_JSONL},
        {"jobs", required_argument, NULL, 'j'},
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
    while ((c = getopt_long(argc, argv, ":f:j:qh", longopts, NULL)) != -1) {
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
                cli_error("--calc takes c11, xbrl21 or none, not '%s'", optarg);
                return 1;
            }
            break;
        case 'f':
            if (!strcmp(optarg, "text"))
                a->format = FORMAT_TEXT;
            else if (!strcmp(optarg, "json"))
                a->format = FORMAT_JSON;
            else if (!strcmp(optarg, "jsonl"))
                a->format = FORMAT_JSONL;
            else {
                cli_error("--format takes text, json or jsonl, not '%s'", optarg);
                return 1;
            }
            break;
        case CLI_OPT_JSONL: a->format = FORMAT_JSONL; break;
        case 'j':
            if (!(a->jobs = cli_parse_jobs(optarg))) {
                cli_error("-j takes a number of jobs from 1 to 64, not '%s'", optarg);
                return 1;
            }
            break;
        case 'D': a->dts_only = 1; break;
        case 'u':
            if (strcmp(optarg, "error") && strcmp(optarg, "warning")) {
                cli_error("--duplicates takes error or warning, not '%s'", optarg);
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
                cli_error("--schema takes auto, full or none, not '%s'", optarg);
                return 1;
            }
            break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(self); return -1;
        default:
            cli_bad_option(c, argv[optind - 1], "validate");
            return 1;
        }
    }
    if (optind >= argc) {
        cli_error("validate takes one or more FILEs (or - for standard input); "
                  "try 'release2xbrl validate --help'");
        return 1;
    }
    return cli_check_stdin_once(argc - optind, argv + optind);
}

static void summary(const char *file, const r2x_validate_result *res, int format)
{
    if (format != FORMAT_TEXT) {
        printf("%s], \"errors\": %zu, \"warnings\": %zu, \"facts\": %zu, "
               "\"unchecked_facts\": %zu, \"contexts\": %zu, "
               "\"units\": %zu, \"documents\": %zu, \"missing_documents\": %zu, "
               "\"concepts\": %zu, \"relationships\": %zu, \"arcs\": %zu",
               format == FORMAT_JSON ? "\n  " : "", res->errors, res->warnings, res->facts,
               res->unchecked, res->contexts, res->units, res->documents, res->missing,
               res->concepts, res->relationships, res->arcs);
        return;
    }
    file = shown_name(file);
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

/* The fetcher and validator of this process (each batch job makes its own). */
static int open_validator(validate_args *a, r2x_error *err)
{
    if (a->v)
        return R2X_OK;
    if (cli_fetch_open(&a->fetch, &a->fetcher))
        return R2X_EIO;          /* said already */
    r2x_validate_options vo;
    memset(&vo, 0, sizeof vo);
    vo.cache_dir = a->fetch.fetch.cache_dir;
    vo.offline = a->fetch.fetch.offline;
    vo.ca_file = a->fetch.fetch.ca_file;
    vo.calc = a->calc;
    vo.dts_only = a->dts_only;
    vo.duplicates = a->duplicates;
    vo.schema = a->schema;
    vo.diag = on_finding;
    vo.diag_userdata = a;
    return validator_new_with_fetcher(&vo, a->fetcher, &a->v, err);
}

static int validate_job(void *ctx, cli_job *job)
{
    validate_args *a = ctx;
    r2x_validate_result res;
    memset(&res, 0, sizeof res);
    r2x_error err;
    r2x_error_clear(&err);
    a->shown = 0;
    if (a->format == FORMAT_JSON)
        printf("%s\n  {\"file\": ", job->index ? "," : "");
    else if (a->format == FORMAT_JSONL)
        fputs("{\"file\": ", stdout);
    if (a->format != FORMAT_TEXT) {
        cli_json_string(stdout, shown_name(job->input));
        printf(", \"findings\": [");
    }
    int status = cli_refuse_not_xbrl(job->input, 0, &err);
    int rc = R2X_OK;
    if (status == EXIT_INVALID) {
        /* not XBRL at all: a finding about the input, as a malformed one is */
        print_finding(a, R2X_SEV_ERROR, "input:notXBRL", err.file, 0, err.message);
        res.errors = 1;
        summary(job->input, &res, a->format);
    } else if (!status) {
        fflush(stdout);
        rc = open_validator(a, &err);
        if (!rc)
            rc = r2x_validate(a->v, job->input, &res, &err);
        if (rc) {
            status = EXIT_FAILURE_RUN;
            if (a->format != FORMAT_TEXT)
                printf("%s], \"could_not_run\": true", a->format == FORMAT_JSON ? "\n  " : "");
        } else {
            summary(job->input, &res, a->format);
            status = res.errors ? EXIT_INVALID : EXIT_OK;
        }
    } else if (a->format != FORMAT_TEXT) {
        printf("], \"could_not_run\": true");
    }
    if (a->format != FORMAT_TEXT) {
        printf(", \"status\": %d}", status);
        if (a->format == FORMAT_JSONL)
            putchar('\n');
    }
    fflush(stdout);
    if (status == EXIT_FAILURE_RUN)
        cli_report(&err);
    if (status != EXIT_FAILURE_RUN && res.schema_skipped) {
        fprintf(stderr, "release2xbrl: %s: note: XML Schema validation skipped: %s\n",
                shown_name(job->input), res.schema_skipped == 1
                                            ? "the DTS has more than 3000 concepts (--schema "
                                              "full forces it)"
                                            : "documents of the DTS are missing");
    }
    return status;
}

int cmd_validate(int argc, char **argv)
{
    validate_args a;
    memset(&a, 0, sizeof a);
    cli_fetch_options_init(&a.fetch);
    int p = parse(argc, argv, cli_command_named("validate"), &a);
    if (p) {
        cli_fetch_options_release(&a.fetch);
        return p < 0 ? EXIT_OK : EXIT_FAILURE_RUN;
    }
    const char *const *inputs = (const char *const *)argv + optind;
    size_t n = (size_t)(argc - optind);
    /* the cache, remaps and catalogs are checked before any input is read
     * (batch jobs inherit them) */
    r2x_error err;
    r2x_error_clear(&err);
    if (open_validator(&a, &err)) {
        if (err.message[0])
            cli_report(&err);
        r2x_validator_free(a.v);
        fetcher_free(a.fetcher);
        cli_fetch_options_release(&a.fetch);
        return EXIT_FAILURE_RUN;
    }
    int status = EXIT_OK;
    if (a.format == FORMAT_JSON)
        printf("{\"files\": [");
    if (a.jobs > 1) {
        cli_batch b = {inputs, NULL, n, a.jobs, 1, a.format == FORMAT_JSONL,
                       {"valid", "invalid", "not checked"}, validate_job, &a};
        status = cli_batch_run(&b);
    } else {
        /* one process: the DTS documents read for one input serve the next */
        for (size_t i = 0; i < n; i++) {
            cli_job job = {i, inputs[i], NULL, stderr, NULL};
            int st = validate_job(&a, &job);
            if (st > status)
                status = st;
        }
    }
    if (a.format == FORMAT_JSON)
        printf("\n]}\n");
    r2x_validator_free(a.v);
    fetcher_free(a.fetcher);
    cli_fetch_options_release(&a.fetch);
    return status;
}
