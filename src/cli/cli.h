/* cli.h - shared pieces of the command-line tool (only this layer prints). */
#ifndef R2X_CLI_H
#define R2X_CLI_H

#include "release2xbrl.h"

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_FAILURE_RUN = 2 };

typedef struct cli_option_doc {
    const char *name;        /* "--output", or NULL to end */
    const char *arg;         /* "FILE", or NULL */
    const char *help;
} cli_option_doc;

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
    const cli_option_doc *options;
} cli_command;

extern const cli_command cli_commands[];

/* "release2xbrl: FILE:LINE: message" (FILE and LINE when known). */
void cli_report(const r2x_error *err);
/* Print a command's usage and options to stdout. */
void cli_print_command_help(const cli_command *cmd);
/* The command called name (commands find their own entry by name, not by
 * its place in the table). */
const cli_command *cli_command_named(const char *name);
/* Exit status for a library status code. */
int cli_exit_status(int code);
/* The directory of shipped data (mappings/), or NULL. */
const char *cli_data_dir(void);

int cmd_tables(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_facts(int argc, char **argv);
/* facts for a release: convert's runner, writing the listing. */
int cli_facts_of_release(int argc, char **argv);

#endif
