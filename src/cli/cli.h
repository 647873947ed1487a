/* cli.h - shared pieces of the command-line tool (only this layer prints). */
#ifndef R2X_CLI_H
#define R2X_CLI_H

#include "release2xbrl.h"

/* Exit statuses, the same for every command: 0 an output was written
 * (warnings may have been printed), 1 the input has errors and nothing was
 * written, 2 a usage or I/O failure, found before any work where it can be. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_FAILURE_RUN = 2 };

typedef struct cli_option_doc {
    const char *name;        /* "-o, --output" or "--profile", or NULL to end */
    const char *arg;         /* "FILE", or NULL */
    const char *help;
} cli_option_doc;

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
    const cli_option_doc *options;
    const char *exit_status;  /* what 0, 1 and 2 mean for it, for --help */
} cli_command;

extern const cli_command cli_commands[];

/* "release2xbrl: FILE:LINE: error: message" (FILE and LINE when known) on
 * standard error. */
void cli_report(const r2x_error *err);
/* "release2xbrl: error: message" on standard error: a usage error, or an
 * I/O failure found before any work. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a command's usage and options to stdout, wrapped to 80 columns. */
void cli_print_command_help(const cli_command *cmd);
/* The command called name (commands find their own entry by name, not by
 * its place in the table). */
const cli_command *cli_command_named(const char *name);
/* Exit status for a library status code. */
int cli_exit_status(int code);
/* Fill err as the library does (an error of code about file:line) and
 * return code: the CLI's own reasons in the library's record. */
int cli_fail(r2x_error *err, int code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

int cmd_tables(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_facts(int argc, char **argv);

#endif
