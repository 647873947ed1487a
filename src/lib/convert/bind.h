/*
 * bind.h - each statement row bound to the concept its company would use,
 * with the sign its figures take and why (internal).
 *
 * A row's candidates come from the hand-written mapping tables (mapping.h:
 * what data cannot teach), then the general label table learnt from real
 * filings (labels.h).  They are weighed against where the row stands: the
 * statement and its part (current or not, operating, investing, financing),
 * the period its columns have, the unit of its figures, and the release's
 * own arithmetic (the rows under a printed total are calculation children
 * of the total's concept).  A row nothing fits becomes an extension concept
 * of the company, named from its label.
 *
 * Signs: a fact takes its concept's sign convention, not the print's.  The
 * rule that set each row's sign is kept for `map`.
 */
#ifndef R2X_BIND_H
#define R2X_BIND_H

#include <stddef.h>

#include "labels.h"
#include "mapping.h"
#include "prior.h"
#include "release2xbrl.h"
#include "taxonomy.h"

enum bind_source {
    BIND_NONE = 0,            /* not bound: no statement row, or nothing fits */
    BIND_MAP,                 /* a mapping table entry (mapping.h) */
    BIND_LABELS,              /* the label table, weighed by structure */
    BIND_EXTENSION,           /* a concept of the company's own */
    BIND_SUM,                 /* a total: the concept its lines' concepts add into */
    BIND_SEGMENT,             /* a segment table's line: a measure of a member */
    BIND_PRIOR                /* the company's last filing (prior.h): its figures or
                               * its label */
};
const char *bind_source_name(int source);

typedef struct row_bind {
    const r2x_table *table;
    size_t row;               /* index in table->rows */
    const concept *concept;   /* NULL: unbound */
    const map_entry *entry;   /* BIND_MAP: the entry (its dimensions) */
    int source;               /* enum bind_source */
    double score;             /* how sure, in [0, 1] */
    const concept *runner_up; /* the next best candidate, NULL none */
    double runner_score;
    int sign;                 /* the fact's value is the printed figure times this */
    const char *sign_rule;    /* why the sign is what it is (static text) */
    char why[160];            /* what chose the concept */
    int reported;             /* a statement row that nothing bound */
    const concept *general;   /* BIND_PRIOR: what the binding would have chosen
                               * without the prior filing, NULL nothing */
} row_bind;

typedef struct bind_options {
    taxonomy *tax;            /* extension concepts are declared in it */
    const mapping *map;
    const label_table *labels;    /* NULL: the mapping tables alone */
    const r2x_profile *profile;
    const char *ext_prefix;   /* the company's extension prefix (declared in tax);
                               * NULL: no extension concepts are made */
    const prior_index *prior; /* the company's last filing, NULL none */
} bind_options;

/* Does a figure's unit suit the concept's type? */
int bind_unit_fits(const concept *c, const r2x_unit *u);

typedef struct binding binding;

/* Bind every row with figures of set's statements.  R2X_OK or R2X_ENOMEM. */
int bind_new(const r2x_tableset *set, const bind_options *o, binding **out, r2x_error *err);
void bind_free(binding *b);
/* The binding of row r of table t; NULL for a row with no figures or in a
 * table that is not a statement. */
const row_bind *bind_of(const binding *b, const r2x_table *t, size_t r);
size_t bind_count(const binding *b);
const row_bind *bind_at(const binding *b, size_t i);

#endif
