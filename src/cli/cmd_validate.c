/* cmd_validate.c - release2xbrl validate: XBRL instances against their DTS. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cli_common.h"
#include "fetch_options.h"

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
    int min_severity;
    char **ignore, **only;    /* NULL-terminated lists of patterns */
    size_t nignore, nonly;
    /* made once per process, when its first input needs them */
    r2x_fetcher *fetcher;
    r2x_validator *v;
    size_t shown;             /* findings printed for the current input (commas) */
} validate_args;

/* Findings name standard input "<stdin>", not "-". */
static const char *shown_name(const char *file)
{
    return strcmp(file, "-") ? file : "<stdin>";
}

static void print_finding(validate_args *a, int severity, const char *code, const char *file,
                          long line, long column, const char *msg)
{
    const char *sev = r2x_severity_name(severity);
    if (a->format != FORMAT_TEXT) {
        printf("%s%s{\"severity\": \"%s\", \"code\": ", a->shown++ ? "," : "",
               a->format == FORMAT_JSON ? "\n    " : "", sev);
        cli_json_string(stdout, code);
        fputs(", \"file\": ", stdout);
        cli_json_string(stdout, shown_name(file));
        printf(", \"line\": %ld, \"column\": %ld, \"message\": ", line, column);
        cli_json_string(stdout, msg);
        putchar('}');
        return;
    }
    if (file[0] && line > 0 && column > 0)
        printf("%s:%ld:%ld: ", shown_name(file), line, column);
    else if (file[0] && line > 0)
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
    print_finding(a, e->severity, code, e->file, e->line, e->column, msg);
}

/* Add the comma-separated patterns of arg to a NULL-terminated list. */
static int add_patterns(char ***list, size_t *n, const char *arg)
{
    const char *p = arg;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len) {
            char **grown = realloc(*list, (*n + 2) * sizeof **list);
            char *pat = grown ? malloc(len + 1) : NULL;
            if (grown)
                *list = grown;
            if (!pat) {
                cli_error("out of memory");
                return 1;
            }
            memcpy(pat, p, len);
            pat[len] = '\0';
            (*list)[(*n)++] = pat;
            (*list)[*n] = NULL;
        }
        p += len + (p[len] == ',');
    }
    return 0;
}

static void free_patterns(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* One of the words of a keyword option; 1 (after a message) when arg is none of them. */
static int keyword(const char *opt, const char *arg, const char *const *words, int *out)
{
    for (int i = 0; words[i]; i++)
        if (!strcmp(arg, words[i])) {
            *out = i;
            return 0;
        }
    char list[128];
    size_t used = 0;
    list[0] = '\0';
    for (int i = 0; words[i] && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                 i ? words[i + 1] ? ", " : " or " : "", words[i]);
    cli_error("--%s takes %s, not '%s'", opt, list, arg);
    return 1;
}

static int parse_option(validate_args *a, int c, const char *arg)
{
    static const char *const calcs[] = {"c11", "xbrl21", "none", NULL};
    static const char *const formats[] = {"text", "json", "jsonl", NULL};
    static const char *const dups[] = {"error", "warning", "all", NULL};
    static const char *const schemas[] = {"auto", "full", "none", NULL};
    static const char *const severities[] = {"warning", "error", NULL};
    int k;
    switch (c) {
    case 'c':
        if (keyword("calc", arg, calcs, &k))
            return 1;
        a->calc = k == 0 ? R2X_CALC_C11 : k == 1 ? R2X_CALC_XBRL21 : R2X_CALC_NONE;
        return 0;
    case 'f':
        if (keyword("format", arg, formats, &k))
            return 1;
        a->format = k == 0 ? FORMAT_TEXT : k == 1 ? FORMAT_JSON : FORMAT_JSONL;
        return 0;
    case 'j':
        if (!(a->jobs = cli_parse_jobs(arg))) {
            cli_error("-j takes a number of jobs from 1 to 64, not '%s'", arg);
            return 1;
        }
        return 0;
    case 'u':
        if (keyword("duplicates", arg, dups, &k))
            return 1;
        a->duplicates = k == 0 ? R2X_DUP_ERROR : k == 1 ? R2X_DUP_WARNING : R2X_DUP_ALL;
        return 0;
    case 's':
        if (keyword("schema", arg, schemas, &k))
            return 1;
        a->schema = k == 0 ? R2X_SCHEMA_AUTO : k == 1 ? R2X_SCHEMA_FULL : R2X_SCHEMA_NONE;
        return 0;
    case 'v':
        if (keyword("severity", arg, severities, &k))
            return 1;
        a->min_severity = k == 0 ? 0 : R2X_SEV_ERROR;
        return 0;
    case 'i':
        return add_patterns(&a->ignore, &a->nignore, arg);
    case 'o':
        return add_patterns(&a->only, &a->nonly, arg);
    }
    return 1;
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
        {"ignore", required_argument, NULL, 'i'},
        {"only", required_argument, NULL, 'o'},
        {"severity", required_argument, NULL, 'v'},
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
        case CLI_OPT_JSONL: a->format = FORMAT_JSONL; break;
        case 'D': a->dts_only = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(self); return -1;
        case ':':
        case '?':
            cli_bad_option(c, argv[optind - 1], "validate");
            return 1;
        default:
            if (parse_option(a, c, optarg))
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

static void json_checks(const r2x_validate_result *res, int format)
{
    const char *indent = format == FORMAT_JSON ? "\n    " : "";
    fputs(", \"checks\": [", stdout);
    for (int i = 0; i < R2X_CHECK_COUNT; i++) {
        printf("%s%s{\"check\": \"%s\", \"state\": \"%s\"", i ? "," : "", indent,
               r2x_check_name(i), r2x_check_state_name(res->checks[i].state));
        if (res->checks[i].reason[0]) {
            fputs(", \"reason\": ", stdout);
            cli_json_string(stdout, res->checks[i].reason);
        }
        putchar('}');
    }
    printf("%s]", format == FORMAT_JSON ? "\n  " : "");
}

static void summary(const char *file, const r2x_validate_result *res, int format)
{
    if (format != FORMAT_TEXT) {
        printf("%s], \"errors\": %zu, \"warnings\": %zu, \"filtered\": %zu, \"facts\": %zu, "
               "\"unchecked_facts\": %zu, \"contexts\": %zu, "
               "\"units\": %zu, \"documents\": %zu, \"missing_documents\": %zu, "
               "\"concepts\": %zu, \"relationships\": %zu, \"arcs\": %zu",
               format == FORMAT_JSON ? "\n  " : "", res->errors, res->warnings, res->filtered,
               res->facts, res->unchecked, res->contexts, res->units, res->documents,
               res->missing, res->concepts, res->relationships, res->arcs);
        json_checks(res, format);
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
    r2x_validate_options_init(&vo);
    vo.fetcher = a->fetcher;
    vo.calc = a->calc;
    vo.dts_only = a->dts_only;
    vo.duplicates = a->duplicates;
    vo.schema = a->schema;
    vo.diag = on_finding;
    vo.diag_userdata = a;
    vo.ignore = (const char *const *)a->ignore;
    vo.only = (const char *const *)a->only;
    vo.min_severity = a->min_severity;
    return r2x_validator_new(&vo, &a->v, err);
}

static int is_url(const char *input)
{
    return !strncmp(input, "http://", 7) || !strncmp(input, "https://", 8);
}

static int validate_job(void *ctx, cli_job *job)
{
    validate_args *a = ctx;
    r2x_validate_result res;
    r2x_validate_result_init(&res);
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
    /* a URL is read through the fetcher (the cache, --offline), not sniffed as a file */
    int status = is_url(job->input) ? EXIT_OK : cli_refuse_not_xbrl(job->input, 0, &err);
    int rc = R2X_OK;
    if (status == EXIT_INVALID) {
        /* not XBRL at all: a finding about the input, as a malformed one is */
        print_finding(a, R2X_SEV_ERROR, "input:notXBRL", err.file, 0, 0, err.message);
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

static void release_args(validate_args *a)
{
    r2x_validator_free(a->v);
    r2x_fetcher_free(a->fetcher);
    free_patterns(a->ignore, a->nignore);
    free_patterns(a->only, a->nonly);
    cli_fetch_options_release(&a->fetch);
}

int cmd_validate(int argc, char **argv)
{
    validate_args a;
    memset(&a, 0, sizeof a);
    cli_fetch_options_init(&a.fetch);
    int p = parse(argc, argv, cli_command_named("validate"), &a);
    if (p) {
        release_args(&a);
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
        release_args(&a);
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
    release_args(&a);
    return status;
}
