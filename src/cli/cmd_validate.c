/* cmd_validate.c - release2xbrl validate: XBRL instances against their DTS. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fetch_options.h"
#include "validate.h"

const cli_option_doc validate_options[] = {
    CLI_FETCH_OPTION_DOCS,
    {"--calc", "c11|xbrl21|none", "calculation checks: Calculations 1.1 round-to-nearest "
                                  "(default), XBRL 2.1 section 5.2.5.2, or none"},
    {"--format", "text|json", "how findings are printed (default text); JSON also says which "
                              "checks ran, in part or not at all, and why"},
    {"--dts-only", NULL, "load each input's DTS and print its counts; check nothing else"},
    {"--duplicates", "error|warning|all", "inconsistent duplicate facts are errors (default, "
                                          "as filing rules require) or warnings (XBRL 2.1 "
                                          "alone); all: consistent ones are warned of too"},
    {"--schema", "auto|full|none", "libxml2's XML Schema validation of the schemas and the "
                                   "instance, besides the types check: when the DTS has at "
                                   "most 3000 concepts (default), whatever its size, or never"},
    {"--ignore", "CODE", "leave out findings whose code matches CODE, a shell pattern "
                         "('calc11e:*'); may be repeated or comma-separated"},
    {"--only", "CODE", "report only findings whose code matches CODE; may be repeated"},
    {"--severity", "warning|error", "report findings of this severity and above (default "
                                    "warning: all)"},
    {"--quiet", NULL, "do not print warnings (they are still counted)"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

typedef struct validate_args {
    cli_fetch_options fetch;
    int calc;
    int json;
    int quiet;
    int dts_only;
    int duplicates;
    int schema;
    int min_severity;
    char **ignore, **only;      /* NULL-terminated lists of patterns */
    size_t nignore, nonly;
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
        printf(", \"line\": %ld, \"column\": %ld, \"message\": ", e->line, e->column);
        json_string(msg);
        putchar('}');
        return;
    }
    if (e->file[0] && e->line > 0 && e->column > 0)
        printf("%s:%ld:%ld: ", e->file, e->line, e->column);
    else if (e->file[0] && e->line > 0)
        printf("%s:%ld: ", e->file, e->line);
    else if (e->file[0])
        printf("%s: ", e->file);
    if (code[0])
        printf("%s [%s]: %s\n", sev, code, msg);
    else
        printf("%s: %s\n", sev, msg);
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
                fprintf(stderr, "release2xbrl: out of memory\n");
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
    fprintf(stderr, "release2xbrl: --%s takes ", opt);
    for (int i = 0; words[i]; i++)
        fprintf(stderr, "%s%s", i ? words[i + 1] ? ", " : " or " : "", words[i]);
    fprintf(stderr, ", not '%s'\n", arg);
    return 1;
}

static int parse_option(validate_args *a, int c, const char *arg)
{
    static const char *const calcs[] = {"c11", "xbrl21", "none", NULL};
    static const char *const formats[] = {"text", "json", NULL};
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
        a->json = k == 1;
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
    while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
        int f = cli_fetch_option(&a->fetch, c, optarg);
        if (f == 1)
            return 1;
        if (f == 0)
            continue;
        switch (c) {
        case 'D': a->dts_only = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h': cli_print_command_help(self); return -1;
        case ':':
            fprintf(stderr, "release2xbrl: option '%s' needs an argument\n", argv[optind - 1]);
            return 1;
        case '?':
            fprintf(stderr, "release2xbrl: unknown option '%s'; see --help\n", argv[optind - 1]);
            return 1;
        default:
            if (parse_option(a, c, optarg))
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

static void json_checks(const r2x_validate_result *res)
{
    fputs(", \"checks\": [", stdout);
    for (int i = 0; i < R2X_CHECK_COUNT; i++) {
        printf("%s\n    {\"check\": \"%s\", \"state\": \"%s\"", i ? "," : "", r2x_check_name(i),
               r2x_check_state_name(res->checks[i].state));
        if (res->checks[i].reason[0]) {
            fputs(", \"reason\": ", stdout);
            json_string(res->checks[i].reason);
        }
        putchar('}');
    }
    fputs("\n  ]", stdout);
}

static void summary(const char *file, const r2x_validate_result *res, int json)
{
    if (json) {
        printf("\n  ], \"errors\": %zu, \"warnings\": %zu, \"filtered\": %zu, \"facts\": %zu, "
               "\"unchecked_facts\": %zu, \"contexts\": %zu, "
               "\"units\": %zu, \"documents\": %zu, \"missing_documents\": %zu, "
               "\"concepts\": %zu, \"relationships\": %zu, \"arcs\": %zu",
               res->errors, res->warnings, res->filtered, res->facts, res->unchecked,
               res->contexts, res->units, res->documents, res->missing, res->concepts,
               res->relationships, res->arcs);
        json_checks(res);
        putchar('}');
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

/* Validate each file; the exit status. */
static int run(validate_args *a, r2x_validator *v, output *o, int first, int argc, char **argv)
{
    int status = EXIT_OK;
    if (a->json)
        printf("{\"files\": [");
    size_t nfiles = 0;
    for (int i = first; i < argc; i++) {
        r2x_validate_result res;
        r2x_error err;
        r2x_error_clear(&err);
        o->shown = 0;
        if (a->json) {
            printf("%s\n  {\"file\": ", nfiles++ ? "," : "");
            json_string(argv[i]);
            printf(", \"findings\": [");
        }
        fflush(stdout);
        int rc = r2x_validate(v, argv[i], &res, &err);
        if (rc) {
            if (a->json)
                printf("\n  ], \"could_not_run\": true}");
            fflush(stdout);
            cli_report(&err);
            status = EXIT_FAILURE_RUN;
            continue;
        }
        summary(argv[i], &res, a->json);
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
    if (a->json)
        printf("\n]}\n");
    return status;
}

int cmd_validate(int argc, char **argv)
{
    const cli_command *self = cli_command_named("validate");
    validate_args a;
    memset(&a, 0, sizeof a);
    cli_fetch_options_init(&a.fetch);
    int p = parse(argc, argv, self, &a);
    fetcher *fetch = NULL;
    int status = p ? (p < 0 ? EXIT_OK : EXIT_FAILURE_RUN) : cli_fetch_open(&a.fetch, &fetch);
    if (!p && !status) {
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
        vo.ignore = (const char *const *)a.ignore;
        vo.only = (const char *const *)a.only;
        vo.min_severity = a.min_severity;
        r2x_validator *v = NULL;
        r2x_error err;
        r2x_error_clear(&err);
        int rc = validator_new_with_fetcher(&vo, fetch, &v, &err);
        if (rc) {
            cli_report(&err);
            status = cli_exit_status(rc);
        } else {
            status = run(&a, v, &o, optind, argc, argv);
        }
        r2x_validator_free(v);
    }
    fetcher_free(fetch);
    free_patterns(a.ignore, a.nignore);
    free_patterns(a.only, a.nonly);
    cli_fetch_options_release(&a.fetch);
    return status;
}
