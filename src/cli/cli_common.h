/* cli_common.h - options every command that reads a release shares. */
#ifndef R2X_CLI_COMMON_H
#define R2X_CLI_COMMON_H

#include "release2xbrl.h"

/* What the diagnostics callback has seen. */
typedef struct cli_counts {
    size_t warnings, errors;
} cli_counts;

typedef struct cli_input_options {
    const char *profile_path;
    const char *fiscal_year_end;
    const char *named_by;
    r2x_read_options read;
    int quiet;
    cli_counts counts;
} cli_input_options;

/* The diagnostics callback: userdata is the cli_input_options; counts every
 * diagnostic and prints it unless it is a warning under --quiet. */
void cli_diag(void *userdata, const r2x_error *diag);
/* "FILE: 32 tables, 410 rows, 1234 figures; 75 warnings, 0 errors" on stderr. */
void cli_summary_tables(const char *name, const r2x_tableset *set, const cli_counts *c);

/* The getopt_long entries of the shared options, so every command that reads
 * a release accepts the same ones (cli_input_option() handles them). */
#define CLI_INPUT_LONGOPTS                                        \
    {"profile", required_argument, NULL, 'p'},                    \
    {"fiscal-year-end", required_argument, NULL, 'F'},            \
    {"fiscal-year-named-by", required_argument, NULL, 'N'},       \
    {"encoding", required_argument, NULL, 'E'},                   \
    {"input-format", required_argument, NULL, 'I'},               \
    {"max-input", required_argument, NULL, 'M'},                  \
    {"max-pages", required_argument, NULL, 'P'},                  \
    {"pdf-timeout", required_argument, NULL, 'T'},                \
    {"quiet", no_argument, NULL, 'q'}
/* Their short forms, for getopt_long's option string. */
#define CLI_INPUT_SHORTOPTS "p:q"

void cli_input_options_init(cli_input_options *in);
/* Handle one of the shared options (getopt code c); prints and returns
 * non-zero on a usage error. */
int cli_input_option(cli_input_options *in, int c, const char *arg, const char *word);
/* Read the release and choose its profile: --profile, else an installed
 * profile whose match phrase the release contains, else the default; then
 * apply --fiscal-year-end and --fiscal-year-named-by. */
int cli_load_input(const cli_input_options *in, const char *path, r2x_document **doc,
                   r2x_profile **profile, r2x_error *err);
/* True when both paths name the same existing file. */
int cli_same_file(const char *a, const char *b);
/* What output would overwrite ("the input file", "the --profile file"), by
 * device and inode; NULL when nothing. */
const char *cli_output_clash(const cli_input_options *in, const char *input,
                             const char *output);

#endif
