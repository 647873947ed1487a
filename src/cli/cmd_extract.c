/* cmd_extract.c - release2xbrl extract: Inline XBRL -> its XBRL 2.1 instance. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "cli_common.h"

typedef struct extract_args {
    cli_input_options in;     /* --quiet and --max-messages */
    const char *output, *output_dir;
    int jobs, jsonl, batch;
    int format;               /* R2X_FORMAT_XBRL, _JSON, _CSV or _ALL */
} extract_args;

/* The files a job writes, as r2x_ixbrl_extract_to names them: the output,
 * and for csv its metadata, for all the JSON, the CSV and its metadata
 * beside it (its final ".xml" replaced). */
static size_t extract_outputs(int format, const char *output, char (*files)[4096])
{
    if (!strcmp(output, "-"))
        return 0;
    size_t n = strlen(output), stem = n > 4 && !strcmp(output + n - 4, ".xml") ? n - 4 : n;
    size_t k = 0;
    snprintf(files[k++], sizeof files[0], "%s", output);
    if (format == R2X_FORMAT_ALL) {
        snprintf(files[k++], sizeof files[0], "%.*s.json", (int)stem, output);
        snprintf(files[k++], sizeof files[0], "%.*s.csv", (int)stem, output);
    }
    if (format == R2X_FORMAT_ALL || format == R2X_FORMAT_CSV) {
        const char *csv = files[k - 1];
        size_t c = strlen(csv);
        if (c > 4 && !strcmp(csv + c - 4, ".csv"))
            c -= 4;
        snprintf(files[k], sizeof files[0], "%.*s-metadata.json", (int)c, csv);
        k++;
    }
    return k;
}

static int extract_job(void *ctx, cli_job *job)
{
    const extract_args *a = ctx;
    cli_messages m;
    cli_input_messages(&a->in, &m, job->messages);
    r2x_error err;
    r2x_error_clear(&err);
    size_t nfacts = 0, nerrors = 0;
    int status = 0;
    if (a->batch && (status = cli_check_input(job->input, &err)) == 0)
        status = cli_check_output(job->output, job->input, NULL, &err);
    if (!status)
        status = cli_refuse_not_xbrl(job->input, 1, &err);
    if (!status) {
        int rc = r2x_ixbrl_extract_to(job->input, job->output, a->format, cli_messages_diag,
                                      &m, &nfacts, &nerrors, &err);
        status = rc ? cli_exit_status(rc) : EXIT_OK;
    }
    cli_messages_finish(&m, job->input);
    const char *name = strcmp(job->input, "-") ? job->input : "<stdin>";
    char files[4][4096];
    size_t nfiles = status ? 0 : extract_outputs(a->format, job->output, files);
    if (status) {
        cli_report(&err);
    } else if (!a->in.quiet) {
        char counts[128];
        cli_messages_counts(&m, counts, sizeof counts);
        fprintf(stderr, "release2xbrl: %s: wrote ", name);
        for (size_t i = 0; i < nfiles; i++)
            fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == nfiles ? " and " : ", ", files[i]);
        fprintf(stderr, "%s: %zu facts; %s\n", nfiles ? "" : "standard output", nfacts, counts);
    }
    if (job->json) {
        fputs("{\"file\": ", job->json);
        cli_json_string(job->json, job->input);
        fprintf(job->json, ", \"status\": %d, \"outputs\": [", status);
        for (size_t i = 0; i < nfiles; i++) {
            fputs(i ? ", " : "", job->json);
            cli_json_string(job->json, files[i]);
        }
        fprintf(job->json, "], \"facts\": %zu, \"facts_left_out\": %zu, \"errors\": %zu, "
                "\"warnings\": %zu", nfacts, nerrors, m.errors, m.warnings);
        if (status) {
            fputs(", \"error\": ", job->json);
            cli_json_string(job->json, err.message);
        }
        fputs("}\n", job->json);
        fflush(job->json);
    }
    cli_messages_release(&m);
    return status;
}

int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"output-dir", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"jsonl", no_argument, NULL, CLI_OPT_JSONL},
        {"max-messages", required_argument, NULL, CLI_OPT_MAX_MESSAGES},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const cli_command *self = cli_command_named("extract");
    extract_args a;
    memset(&a, 0, sizeof a);
    cli_input_options_init(&a.in);
    int c;
    optind = 1;
    opterr = 0;
    const char *format = "xbrl";
    while ((c = getopt_long(argc, argv, ":o:d:j:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a.output = optarg; break;
        case 'f': format = optarg; break;
        case 'd': a.output_dir = optarg; break;
        case 'j':
            if (!(a.jobs = cli_parse_jobs(optarg))) {
                cli_error("-j takes a number of jobs from 1 to 64, not '%s'", optarg);
                return EXIT_FAILURE_RUN;
            }
            break;
        case CLI_OPT_JSONL: a.jsonl = 1; break;
        case 'h': cli_print_command_help(self); return EXIT_OK;
        default: {
            int r = cli_input_option(&a.in, c, optarg);
            if (r < 0)
                return cli_bad_option(c, argv[optind - 1], "extract");
            if (r > 0)
                return EXIT_FAILURE_RUN;
        }
        }
    }
    a.format = r2x_format_from_name(format);
    if (a.format != R2X_FORMAT_XBRL && a.format != R2X_FORMAT_JSON &&
        a.format != R2X_FORMAT_CSV && a.format != R2X_FORMAT_ALL) {
        cli_error("--format takes xbrl, json, csv or all, not '%s'", format);
        return EXIT_FAILURE_RUN;
    }
    size_t n = optind < argc ? (size_t)(argc - optind) : 0;
    if (!n) {
        cli_error("extract takes one or more FILEs (or - for standard input); try "
                  "'release2xbrl extract --help'");
        return EXIT_FAILURE_RUN;
    }
    if (cli_check_stdin_once(argc - optind, argv + optind))
        return EXIT_FAILURE_RUN;
    if (a.output && a.output_dir) {
        cli_error("-o names one output and -d a directory for them; give one");
        return EXIT_FAILURE_RUN;
    }
    if (n > 1 && !a.output_dir) {
        cli_error("%zu inputs: give -d DIR for their outputs (-o names one)", n);
        return EXIT_FAILURE_RUN;
    }
    a.batch = a.output_dir != NULL;
    if (!a.output)
        a.output = "-";
    const char *const *inputs = (const char *const *)argv + optind;
    r2x_error err;
    int rc = a.batch ? cli_check_output_dir(a.output_dir, &err) : cli_check_input(inputs[0], &err);
    if (!rc && !a.batch)
        rc = cli_check_output(a.output, inputs[0], NULL, &err);
    if (rc) {
        cli_report(&err);
        return rc;
    }
    return cli_batch_writers(inputs, n, a.output, a.output_dir,
                             a.format == R2X_FORMAT_JSON  ? ".json"
                             : a.format == R2X_FORMAT_CSV ? ".csv"
                                                          : ".xml",
                             a.jobs, a.jsonl, extract_job, &a);
}
