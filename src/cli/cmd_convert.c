/* cmd_convert.c - release2xbrl convert and map: tables -> concepts -> XBRL;
 * and facts: the facts of an instance, an Inline XBRL document or a release
 * (converted as convert would), listed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "batch.h"
#include "cli.h"
#include "cli_common.h"

/* What the run writes: XBRL (convert), the review table (map) or the facts
 * listing (facts, whose --format is table or json). */
enum run_mode { MODE_CONVERT, MODE_MAP, MODE_FACTS };

typedef struct convert_args {
    const cli_command *self;
    int mode;                 /* enum run_mode */
    cli_input_options in;
    const char *output;       /* -o, or NULL */
    const char *output_dir;   /* -d, or NULL */
    int jobs;
    int jsonl;
    const char *format;
    int format_code;
    const char *stylesheet;
    const char *entity;       /* --entity (or --cik's, in cik_entity) */
    char cik_entity[32];
    const char *entity_name;
    const char *companies;    /* --companies, or the refreshed list in the cache */
    char companies_buf[4096];
    const char *prior;        /* --prior FILING */
    const char *data_dir;
    int batch;                /* several inputs, or -d */
} convert_args;

static int parse_options(int argc, char **argv, convert_args *a)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"output-dir", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"jsonl", no_argument, NULL, CLI_OPT_JSONL},
        {"format", required_argument, NULL, 'f'},
        {"stylesheet", required_argument, NULL, CLI_OPT_STYLESHEET},
        {"entity", required_argument, NULL, CLI_OPT_ENTITY},
        {"cik", required_argument, NULL, CLI_OPT_CIK},
        {"entity-name", required_argument, NULL, CLI_OPT_ENTITY_NAME},
        {"companies", required_argument, NULL, CLI_OPT_COMPANIES},
        {"prior", required_argument, NULL, CLI_OPT_PRIOR},
        CLI_INPUT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cik = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:d:j:f:h" CLI_INPUT_SHORTOPTS, longopts, NULL)) !=
           -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case 'd': a->output_dir = optarg; break;
        case 'j':
            if (!(a->jobs = cli_parse_jobs(optarg))) {
                cli_error("-j takes a number of jobs from 1 to 64, not '%s'", optarg);
                return 1;
            }
            break;
        case CLI_OPT_JSONL: a->jsonl = 1; break;
        case 'f': a->format = optarg; break;
        case CLI_OPT_STYLESHEET: a->stylesheet = optarg; break;
        case CLI_OPT_ENTITY: a->entity = optarg; break;
        case CLI_OPT_CIK: cik = optarg; break;
        case CLI_OPT_ENTITY_NAME: a->entity_name = optarg; break;
        case CLI_OPT_COMPANIES: a->companies = optarg; break;
        case CLI_OPT_PRIOR: a->prior = optarg; break;
        case 'h': cli_print_command_help(a->self); return -1;
        default: {
            int r = cli_input_option(&a->in, c, optarg);
            if (r > 0)
                return 1;
            if (r < 0) {
                cli_bad_option(c, argv[optind - 1], a->self->name);
                return 1;
            }
        }
        }
    }
    if (cik && a->entity) {
        cli_error("--cik and --entity both name the entity; give one");
        return 1;
    }
    if (cik) {
        size_t n = strlen(cik);
        if (!n || n > 10 || strspn(cik, "0123456789") != n) {
            cli_error("--cik takes up to 10 digits, not '%s'", cik);
            return 1;
        }
        snprintf(a->cik_entity, sizeof a->cik_entity, "cik:%s", cik);
        a->entity = a->cik_entity;
    }
    return 0;
}

/* Everything that can be known wrong before any work. */
static int check_arguments(int argc, char **argv, convert_args *a)
{
    int ninputs = argc - optind;
    int is_map = a->mode == MODE_MAP, is_facts = a->mode == MODE_FACTS;
    if ((is_map && strcmp(a->format, "xbrl")) || (a->mode != MODE_CONVERT && a->stylesheet)) {
        cli_error("%s writes %s, not XBRL: --%s is an option of convert", a->self->name,
                  is_map ? "a review table" : "a listing",
                  a->stylesheet ? "stylesheet" : "format");
        return 1;
    }
    if (a->mode != MODE_CONVERT && (a->output_dir || a->jobs || a->jsonl)) {
        cli_error("%s: -d, -j and --jsonl are options of convert",
                  is_map ? "map reviews one release" : "facts lists one file");
        return 1;
    }
    if (is_facts) {
        int json = !strcmp(a->format, "json");
        if (!json && strcmp(a->format, "table")) {
            cli_error("--format takes table or json, not '%s'", a->format);
            return 1;
        }
        a->format_code = json ? R2X_FORMAT_FACTS_JSON : R2X_FORMAT_FACTS;
    } else {
        a->format_code = r2x_format_from_name(a->format);
        if (a->format_code < 0 || a->format_code == R2X_FORMAT_FACTS ||
            a->format_code == R2X_FORMAT_FACTS_JSON) {
            cli_error("--format takes xbrl, ixbrl, json, csv or all, not '%s'%s", a->format,
                      a->format_code < 0 ? "" : " (release2xbrl facts lists the facts)");
            return 1;
        }
    }
    if (a->entity) {
        r2x_profile *scratch = NULL;
        r2x_error err;
        r2x_error_clear(&err);
        int rc = r2x_profile_new_default(&scratch, &err);
        if (!rc)
            rc = r2x_profile_set_entity(scratch, a->entity, &err);
        r2x_profile_free(scratch);
        if (rc) {
            cli_error("--entity: %s", err.message);
            return 1;
        }
    }
    if (ninputs < 1) {
        cli_error("%s takes %s (or - for standard input); try 'release2xbrl %s --help'",
                  a->self->name, a->mode != MODE_CONVERT ? "one FILE" : "one or more FILEs",
                  a->self->name);
        return 1;
    }
    if (a->mode != MODE_CONVERT && ninputs > 1) {
        cli_error("%s takes one FILE; try 'release2xbrl %s --help'", a->self->name,
                  a->self->name);
        return 1;
    }
    if (cli_check_stdin_once(argc - optind, argv + optind))
        return 1;
    if (a->output && a->output_dir) {
        cli_error("-o names one output and -d a directory for them; give one");
        return 1;
    }
    a->batch = ninputs > 1 || a->output_dir;
    if (ninputs > 1 && !a->output_dir) {
        cli_error("%d inputs: give -d DIR for their outputs (-o names one)", ninputs);
        return 1;
    }
    if (!a->batch && (a->format_code == R2X_FORMAT_ALL || a->format_code == R2X_FORMAT_CSV) &&
        (!a->output || !strcmp(a->output, "-"))) {
        cli_error("--format %s writes several files: give -o FILE, not standard output",
                  a->format);
        return 1;
    }
    return 0;
}

/* Files named by options, and the data, before any work. */
static int check_files(int argc, char **argv, convert_args *a)
{
    if (!(a->data_dir = r2x_data_dir())) {
        cli_error("cannot find the mappings and taxonomy data (set R2X_DATADIR)");
        return EXIT_FAILURE_RUN;
    }
    r2x_error err;
    int prior_url = a->prior && (!strncmp(a->prior, "https://", 8) ||
                                 !strncmp(a->prior, "http://", 7));
    /* "review" names the shipped review stylesheet, not a file */
    const char *style = a->stylesheet && strcmp(a->stylesheet, "review") ? a->stylesheet : NULL;
    const char *named[] = {a->in.profile_path, style, a->companies,
                           prior_url ? NULL : a->prior};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i] && cli_check_input(named[i], &err)) {
            cli_report(&err);
            return EXIT_FAILURE_RUN;
        }
    if (!a->companies) {
        /* the list `fetch --companies` refreshed, when there is one */
        char *cache = r2x_default_cache_dir();
        struct stat st;
        if (cache) {
            snprintf(a->companies_buf, sizeof a->companies_buf, "%s/" R2X_COMPANIES_FILE, cache);
            if (stat(a->companies_buf, &st) == 0 && S_ISREG(st.st_mode))
                a->companies = a->companies_buf;
        }
        r2x_free(cache);
    }
    if (!a->output)
        a->output = "-";
    int rc = a->batch ? cli_check_output_dir(a->output_dir, &err)
                      : cli_check_input(argv[optind], &err);
    if (!rc && !a->batch)
        rc = cli_check_output(a->output, argv[optind], a->in.profile_path, &err);
    if (rc)
        cli_report(&err);
    (void)argc;
    return rc;
}

/* ---- One input ------------------------------------------------------------------ */

typedef struct outcome {
    int status;
    int told;                 /* the reason was a finding, told already */
    const char *listed;       /* facts of an XBRL file: what it is ("Inline XBRL") */
    r2x_convert_result res;
    size_t placement_errors;  /* figures the tables could not place */
    r2x_error err;            /* why it failed, when it did */
} outcome;

static int prepare_profile(const convert_args *a, r2x_profile *profile, r2x_error *err)
{
    int rc = R2X_OK;
    if (a->entity)
        rc = r2x_profile_set_entity(profile, a->entity, err);
    if (!rc && a->entity_name)
        rc = r2x_profile_set(profile, "entity-name", a->entity_name, err);
    return rc;
}

static void run_one(const convert_args *a, const char *input, const char *output,
                    cli_messages *m, outcome *o)
{
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    r2x_error *err = &o->err;
    int rc = cli_load_input(&a->in, input, &doc, &profile, err);
    if (!rc)
        rc = prepare_profile(a, profile, err);
    r2x_extract_options xo;
    r2x_extract_options_init(&xo);
    xo.profile = profile;
    xo.diag = cli_messages_diag;
    xo.diag_userdata = m;
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, &o->placement_errors, err);
    if (!rc && !set->ntables) {
        /* no table at all: the finding that says why is the error (exit 1) */
        m->errors_as_warnings = 0;
        o->told = 1;
        rc = cli_fail(err, R2X_EINPUT, r2x_document_name(doc), 0, "no tables were found");
    }
    if (!rc) {
        cli_messages_set_tables(m, doc, set);
        if (a->in.strict && o->placement_errors)
            rc = cli_fail(err, R2X_EINPUT, r2x_document_name(doc), 0,
                          "strict: %zu figures could not be placed in their tables; nothing "
                          "written", o->placement_errors);
    }
    if (!rc)
        rc = r2x_profile_infer(profile, doc, set, cli_messages_diag, m, err);
    /* in a batch, inputs of one company and period (a release as HTML and as
     * text) share PREFIX-YYYYMMDD: each taxonomy is named after its output */
    char stem[512] = "";
    if (a->batch) {
        const char *base = strrchr(output, '/') ? strrchr(output, '/') + 1 : output;
        const char *dot = strrchr(base, '.');
        snprintf(stem, sizeof stem, "%.*s", (int)(dot ? dot - base : (long)strlen(base)), base);
    }
    r2x_convert_options co;
    r2x_convert_options_init(&co);
    co.profile = profile;
    co.data_dir = a->data_dir;
    co.diag = cli_messages_diag;
    co.diag_userdata = m;
    co.format = a->format_code;
    co.stylesheet = a->stylesheet;
    co.strict = a->in.strict;
    co.companies = a->companies;
    co.prior = a->prior;
    co.taxonomy_name = stem[0] ? stem : NULL;
    if (!rc)
        rc = a->mode == MODE_MAP ? r2x_map_write(doc, set, &co, output, &o->res, err)
                                 : r2x_convert(doc, set, &co, output, &o->res, err);
    o->status = rc ? cli_exit_status(rc) : EXIT_OK;
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
}

static int is_linkbase(const char *path)
{
    static const char *const ends[] = {"_lab.xml", "_pre.xml", "_cal.xml", "_def.xml"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (n > 8 && !strcmp(path + n - 8, ends[i]))
            return 1;
    return 0;
}

/* The files written, the extension taxonomy's linkbases counted rather
 * than named (--jsonl names them all). */
static void say_list(FILE *fp, size_t n, const char (*items)[512])
{
    size_t named = 0, linkbases = 0;
    for (size_t i = 0; i < n; i++)
        if (is_linkbase(items[i]))
            linkbases++;
    for (size_t i = 0; i < n; i++) {
        if (is_linkbase(items[i]))
            continue;
        named++;
        fprintf(fp, "%s%s", named == 1 ? "" : named + linkbases == n ? " and " : ", ", items[i]);
    }
    if (linkbases)
        fprintf(fp, " with its %zu linkbases", linkbases);
}

static void summary(const convert_args *a, const char *input, const cli_messages *m,
                    const outcome *o)
{
    const r2x_convert_result *r = &o->res;
    char counts[128];
    cli_messages_counts(m, counts, sizeof counts);
    fprintf(stderr, "release2xbrl: %s: %s ", strcmp(input, "-") ? input : "<stdin>",
            a->mode == MODE_FACTS ? "listed to" : "wrote");
    if (r->noutputs)
        say_list(stderr, r->noutputs, r->outputs);
    else
        fputs("standard output", stderr);
    if (a->mode == MODE_MAP)
        fprintf(stderr, ": the mapping of %zu facts", r->facts);
    else
        fprintf(stderr, ": %zu facts in %zu contexts for %s (%s)", r->facts, r->contexts,
                r->entity, r2x_entity_rule_name(r->entity_rule));
    fprintf(stderr, "; %zu line item%s without a standard concept, %zu total%s that do%s not add up", r->unmapped,
            r->unmapped == 1 ? "" : "s", r->failed_sums, r->failed_sums == 1 ? "" : "s",
            r->failed_sums == 1 ? "es" : "");
    if (r->errors)
        fprintf(stderr, ", %zu disagreeing or misfit fact%s", r->errors,
                r->errors == 1 ? "" : "s");
    fprintf(stderr, "; %s\n", counts);
}

static void json_line(FILE *fp, const char *input, const cli_messages *m, const outcome *o,
                      double seconds)
{
    const r2x_convert_result *r = &o->res;
    fputs("{\"file\": ", fp);
    cli_json_string(fp, input);
    fprintf(fp, ", \"status\": %d, \"outputs\": [", o->status);
    for (size_t i = 0; !o->status && i < r->noutputs; i++) {
        fputs(i ? ", " : "", fp);
        cli_json_string(fp, r->outputs[i]);
    }
    fputs("]", fp);
    if (!o->status)
        fprintf(fp, ", \"facts\": %zu, \"contexts\": %zu", r->facts, r->contexts);
    if (r->entity[0]) {
        fputs(", \"entity\": ", fp);
        cli_json_string(fp, r->entity);
        fprintf(fp, ", \"entity_rule\": \"%s\"", r2x_entity_rule_name(r->entity_rule));
    }
    fprintf(fp, ", \"unmapped\": %zu, \"failed_sums\": %zu, \"disagreements\": %zu, "
            "\"unplaced_figures\": %zu, \"errors\": %zu, \"warnings\": %zu, \"notes\": %zu",
            r->unmapped, r->failed_sums, r->errors, o->placement_errors, m->errors,
            m->warnings, m->notes);
    if (o->status) {
        char where[700];
        if (o->err.file[0] && o->err.line > 0)
            snprintf(where, sizeof where, "%s:%ld: ", o->err.file, o->err.line);
        else if (o->err.file[0])
            snprintf(where, sizeof where, "%s: ", o->err.file);
        else
            where[0] = '\0';
        char msg[sizeof where + sizeof o->err.message];
        snprintf(msg, sizeof msg, "%s%s", where, o->err.message);
        fputs(", \"error\": ", fp);
        cli_json_string(fp, msg);
    }
    fprintf(fp, ", \"seconds\": %.3f}\n", seconds);
    fflush(fp);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* facts: an instance or Inline XBRL document is listed as it is (1, o
 * filled); a release (0) is converted first.  Standard input is a release. */
static int list_xbrl(const convert_args *a, const char *input, const char *output,
                     cli_messages *m, outcome *o)
{
    r2x_sniffed what;
    /* --input-format names the input a release, whatever it looks like (an
     * Inline XBRL document read as the HTML release it renders) */
    if (a->mode != MODE_FACTS || !strcmp(input, "-") || a->in.read.format != R2X_INPUT_AUTO)
        return 0;
    if (r2x_sniff_file(input, &what, &o->err)) {
        o->status = EXIT_FAILURE_RUN;
        return 1;
    }
    if (what.kind != R2X_KIND_XBRL_INSTANCE && what.kind != R2X_KIND_INLINE_XBRL)
        return 0;
    o->listed = what.kind == R2X_KIND_INLINE_XBRL ? "Inline XBRL" : "XBRL instance";
    int rc = r2x_facts_list(input, a->format_code, output, cli_messages_diag, m, &o->res.facts,
                            &o->res.errors, &o->err);
    o->status = rc ? cli_exit_status(rc) : EXIT_OK;
    return 1;
}

static int convert_job(void *ctx, cli_job *job)
{
    const convert_args *a = ctx;
    double t0 = now();
    outcome o;
    memset(&o, 0, sizeof o);
    r2x_convert_result_init(&o.res);
    cli_messages m;
    cli_input_messages(&a->in, &m, job->messages);
    /* in a batch the checks of a single input come here, for each */
    if (a->batch && (o.status = cli_check_input(job->input, &o.err)) == 0)
        o.status = cli_check_output(job->output, job->input, a->in.profile_path, &o.err);
    if (!o.status && !list_xbrl(a, job->input, job->output, &m, &o))
        run_one(a, job->input, job->output, &m, &o);
    cli_messages_finish(&m, job->input);
    if (o.told) {
        cli_nothing_written(o.err.file, &m);
    } else if (o.status) {
        cli_report(&o.err);
    } else if (o.listed && !a->in.quiet) {
        char counts[128];
        cli_messages_counts(&m, counts, sizeof counts);
        fprintf(stderr, "release2xbrl: %s: listed %zu facts (%s); %s\n", job->input,
                o.res.facts, o.listed, counts);
    } else if (!a->in.quiet) {
        summary(a, job->input, &m, &o);
    }
    if (job->json)
        json_line(job->json, job->input, &m, &o, now() - t0);
    cli_messages_release(&m);
    return o.status;
}

static const char *output_extension(int format)
{
    switch (format) {
    case R2X_FORMAT_IXBRL: return ".htm";
    case R2X_FORMAT_JSON: return ".json";
    case R2X_FORMAT_CSV: return ".csv";
    default: return ".xml";
    }
}

static int run(int argc, char **argv, const cli_command *self, int mode)
{
    convert_args a;
    memset(&a, 0, sizeof a);
    a.self = self;
    a.mode = mode;
    a.format = mode == MODE_FACTS ? "table" : "xbrl";
    cli_input_options_init(&a.in);
    int p = parse_options(argc, argv, &a);
    if (p)
        return p < 0 ? EXIT_OK : EXIT_FAILURE_RUN;
    if (check_arguments(argc, argv, &a))
        return EXIT_FAILURE_RUN;
    int rc = check_files(argc, argv, &a);
    if (rc)
        return rc;
    size_t n = (size_t)(argc - optind);
    const char *const *inputs = (const char *const *)argv + optind;
    return cli_batch_writers(inputs, n, a.output, a.batch ? a.output_dir : NULL,
                             output_extension(a.format_code), a.jobs, a.jsonl, convert_job, &a);
}

int cmd_convert(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("convert"), MODE_CONVERT);
}

int cmd_map(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("map"), MODE_MAP);
}

int cmd_facts(int argc, char **argv)
{
    return run(argc, argv, cli_command_named("facts"), MODE_FACTS);
}
