/* messages.h - what a person reads: every diagnostic with its severity named
 * ("error:", "warning:", "note:"), findings repeated in a row or a table told
 * once with a count, at most --max-messages of them, and counted for the
 * summary line. */
#ifndef R2X_CLI_MESSAGES_H
#define R2X_CLI_MESSAGES_H

#include <stdio.h>

#include "../lib/common/buf.h"   /* the CLI's own copy (Makefile.am) */
#include "release2xbrl.h"

typedef struct cli_messages {
    FILE *out;                /* stderr, or a batch job's capture file */
    int quiet;                /* print errors only */
    int errors_as_warnings;   /* findings that do not stop the run are warnings
                               * (without --strict, an output is still written) */
    size_t max;               /* --max-messages; 0: no limit */
    size_t printed;           /* messages printed (a group is one) */
    size_t held_back;         /* findings --max-messages kept from printing */
    size_t notes, warnings, errors;    /* every finding, grouped or not */
    r2x_buf pending;          /* r2x_error[]: held until cli_messages_flush */
    r2x_buf tables;           /* long[2][]: the source lines each table spans */
} cli_messages;

void cli_messages_init(cli_messages *m, FILE *out);
void cli_messages_release(cli_messages *m);

/* The diagnostic callback (userdata: the cli_messages).  Findings are held
 * and told at the next flush, grouped. */
void cli_messages_diag(void *userdata, const r2x_error *diag);

/* The tables of doc: findings of one kind in one table are then told as
 * one message. */
void cli_messages_set_tables(cli_messages *m, const r2x_document *doc,
                             const r2x_tableset *set);

/* Tell what is held: each group of findings of one kind (the same message
 * but for quoted text and figures) on one line, or in one table, as its first
 * finding with "[and N more like it ...]". */
void cli_messages_flush(cli_messages *m);

/* After the last flush: say how many findings --max-messages held back. */
void cli_messages_finish(cli_messages *m, const char *file);

/* "release2xbrl: FILE:LINE:COL: SEVERITY: message" to out, now. */
void cli_messages_print(FILE *out, const r2x_error *e, const char *suffix);

/* "release2xbrl: FILE: nothing written; 1 error": the closing line of an
 * input whose findings said why it could not be converted. */
void cli_nothing_written(const char *file, const cli_messages *m);

/* "3 warnings, 1 note" (what was counted; "no warnings" when nothing). */
void cli_messages_counts(const cli_messages *m, char *out, size_t size);

#endif
