/* cli_common.h - options every command that reads a release shares, and the
 * checks made before any work. */
#ifndef R2X_CLI_COMMON_H
#define R2X_CLI_COMMON_H

#include <stdio.h>

#include "messages.h"
#include "release2xbrl.h"

typedef struct cli_input_options {
    const char *profile_path;
    const char *fiscal_year_end;
    const char *named_by;
    r2x_read_options read;
    int quiet;
    int strict;
    size_t max_messages;      /* 0: no limit */
} cli_input_options;

/* getopt_long codes of long options without a short form, above every
 * short option's character (and below fetch_options.h's). */
enum {
    CLI_OPT_STRICT = 0x1000,
    CLI_OPT_MAX_MESSAGES,
    CLI_OPT_JSONL,
    CLI_OPT_ENTITY,
    CLI_OPT_CIK,
    CLI_OPT_ENTITY_NAME,
    CLI_OPT_COMPANIES,
    CLI_OPT_STYLESHEET,
    CLI_OPT_PROFILE_FYE,
    CLI_OPT_NAMED_BY,
    CLI_OPT_ENCODING,
    CLI_OPT_INPUT_FORMAT,
    CLI_OPT_MAX_INPUT,
    CLI_OPT_MAX_PAGES,
    CLI_OPT_PDF_TIMEOUT
};

/* The getopt_long entries of the shared options, so every command that reads
 * a release accepts the same ones (cli_input_option() handles them). */
#define CLI_INPUT_LONGOPTS                                             \
    {"profile", required_argument, NULL, 'p'},                         \
    {"fiscal-year-end", required_argument, NULL, CLI_OPT_PROFILE_FYE}, \
    {"fiscal-year-named-by", required_argument, NULL, CLI_OPT_NAMED_BY}, \
    {"encoding", required_argument, NULL, CLI_OPT_ENCODING},           \
    {"input-format", required_argument, NULL, CLI_OPT_INPUT_FORMAT},   \
    {"max-input", required_argument, NULL, CLI_OPT_MAX_INPUT},         \
    {"max-pages", required_argument, NULL, CLI_OPT_MAX_PAGES},         \
    {"pdf-timeout", required_argument, NULL, CLI_OPT_PDF_TIMEOUT},     \
    {"strict", no_argument, NULL, CLI_OPT_STRICT},                     \
    {"max-messages", required_argument, NULL, CLI_OPT_MAX_MESSAGES},   \
    {"quiet", no_argument, NULL, 'q'}
/* Their short forms, for getopt_long's option string. */
#define CLI_INPUT_SHORTOPTS "p:q"

/* Their lines in --help, STRICT saying what --strict refuses for. */
#define CLI_INPUT_OPTION_DOCS(STRICT)                                                      \
    {"-p, --profile", "FILE", "read the company profile FILE (default: the installed "     \
                              "profile whose match phrase the release contains)"},          \
    {"--fiscal-year-end", "--MM-DD", "the last day of the fiscal year (overrides the "     \
                                     "profile)"},                                           \
    {"--fiscal-year-named-by", "start|end", "whether FY2009 starts or ends in 2009"},      \
    {"--encoding", "utf-8|windows-1252", "the input's character encoding (default "        \
                                         "utf-8)"},                                         \
    {"--input-format", "auto|text|html|pdf", "read the release as text, HTML or PDF "      \
                                             "(default: by what it is)"},                   \
    {"--max-input", "BYTES", "refuse inputs larger than BYTES (default 67108864)"},        \
    {"--max-pages", "N", "refuse PDFs of more than N pages (default 500)"},                \
    {"--pdf-timeout", "SECONDS", "give up reading a PDF after SECONDS (default 30)"},      \
    {"--strict", NULL, STRICT},                                                            \
    {"--max-messages", "N", "print at most N messages (default: all); a count of the "     \
                            "rest closes them"},                                            \
    {"-q, --quiet", NULL, "print errors only (no notes, warnings or summary)"}

void cli_input_options_init(cli_input_options *in);
/* Handle one of the shared options (getopt code c); prints and returns
 * non-zero on a usage error, -1 when c is not one of them. */
int cli_input_option(cli_input_options *in, int c, const char *arg);
/* Report a getopt failure (':' a missing argument, '?' an unknown option)
 * for the word argv[optind - 1]; returns EXIT_FAILURE_RUN. */
int cli_bad_option(int c, const char *word, const char *command);
/* The messages of one input, set up from the options. */
void cli_input_messages(const cli_input_options *in, cli_messages *m, FILE *out);
/* Read the release and choose its profile: --profile, else an installed
 * profile whose match phrase the release contains, else the default; then
 * apply --fiscal-year-end and --fiscal-year-named-by. */
int cli_load_input(const cli_input_options *in, const char *path, r2x_document **doc,
                   r2x_profile **profile, r2x_error *err);
/* True when both paths name the same existing file. */
int cli_same_file(const char *a, const char *b);

/* ---- Before any work: EXIT_FAILURE_RUN with err saying why, or 0 ---- */

/* Standard input ("-") is among inputs[0..n) once at most; else prints
 * why and returns 1. */
int cli_check_stdin_once(int n, char **inputs);
/* The input can be opened and read ("-" always can). */
int cli_check_input(const char *path, r2x_error *err);
/* output can be written: "-", or a path whose directory exists and that is
 * not a directory, not the input and not the profile. */
int cli_check_output(const char *output, const char *input, const char *profile,
                     r2x_error *err);
/* -d DIR exists and is a directory we may write into. */
int cli_check_output_dir(const char *dir, r2x_error *err);
/* EXIT_INVALID with err naming what the file is when it cannot be XBRL (a
 * PDF, an image, a release's text), or, with inline_only, Inline XBRL (an
 * instance, a taxonomy); 0 otherwise ("-" is not looked at). */
int cli_refuse_not_xbrl(const char *path, int inline_only, r2x_error *err);

#endif
