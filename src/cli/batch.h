/* batch.h - many inputs in one run: each in its own process (fork), at most
 * -j at a time, its messages and JSON line printed whole and in the order
 * of the inputs; one input that fails, or crashes, never stops the others.
 *
 * Why processes and not threads: libxml2's and libcurl's global state and
 * the library's xml_guard are process-wide. */
#ifndef R2X_CLI_BATCH_H
#define R2X_CLI_BATCH_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_job {
    size_t index;             /* place among the inputs */
    const char *input;
    const char *output;       /* where its output goes: -o, or DIR/NAME.EXT */
    FILE *messages;           /* its diagnostics: stderr (captured in a batch) */
    FILE *json;               /* its JSON line: stdout, or NULL without --jsonl */
} cli_job;

/* Convert, extract or validate one input; returns its exit status. */
typedef int (*cli_job_fn)(void *ctx, cli_job *job);

typedef struct cli_batch {
    const char *const *inputs;
    const char *const *outputs;   /* outputs[i] is job i's output; may be NULL */
    size_t n;
    int jobs;                 /* at most this many at once */
    int capture_stdout;       /* print each job's standard output whole, in order */
    int jsonl;                /* a job that cannot start or crashes gets its JSON line */
    const char *words[3];     /* what exit status 0, 1 and 2 mean ("written") */
    cli_job_fn fn;
    void *ctx;
} cli_batch;

/* Run fn for every input: in this process when there is one input and jobs
 * is 1, else each in a child process, jobs at a time, its standard error
 * (and with capture_stdout its standard output) printed whole and in the
 * order of the inputs.  Returns the worst exit status; with more than one
 * input closes with a count of the inputs that ended with each status. */
int cli_batch_run(const cli_batch *b);

/* The output path of each input under dir, with extension ext (".xml"):
 * DIR/STEM.EXT, STEM the input's name without its extension.  Names that
 * collide say more, group by group: their extensions when those differ
 * ("release-html", "release-txt"), else their directories' names, nearest
 * first ("boeing-2024q4-release-html"), until each is unique.  "-" is called
 * "stdin".  Returns a malloc'd array of malloc'd strings, NULL when out of
 * memory. */
char **cli_batch_output_names(const char *const *inputs, size_t n, const char *dir,
                              const char *ext);
void cli_batch_names_free(char **names, size_t n);

/* cli_batch_run for a command that writes one output per input (convert,
 * extract): to output for a single input, else to DIR/NAME.EXT under
 * output_dir; "written", "with input errors", "failed" counted. */
int cli_batch_writers(const char *const *inputs, size_t n, const char *output,
                      const char *output_dir, const char *ext, int jobs, int jsonl,
                      cli_job_fn fn, void *ctx);

/* A JSON string literal to fp. */
void cli_json_string(FILE *fp, const char *s);

/* Parse -j's argument (1 to 64); 0 if it is not one. */
int cli_parse_jobs(const char *arg);

#endif
