/*
 * facts.h - tables + mappings -> the fact set (internal).
 *
 * Each mapped figure becomes a fact: concept, context (period and
 * dimensions), unit, decimals and value in the concept's own sign.  A fact
 * printed in several tables is kept once, from its most precise source, and
 * the others must agree with it at their own precision.  Printed totals are
 * checked against the rows above them.
 */
#ifndef R2X_FACTS_H
#define R2X_FACTS_H

#include "bind.h"
#include "labels.h"
#include "mapping.h"
#include "release2xbrl.h"
#include "taxonomy.h"

typedef struct context {
    char id[96];              /* "D20090401-20090930", "I20090930_SegmentMember" */
    r2x_period period;
    size_t ndims;
    const map_dim *dims;      /* borrowed from the mapping entry */
} context;

typedef struct fact {
    const concept *concept;
    size_t context;           /* index into contexts */
    r2x_unit unit;
    r2x_decimal value;
    int decimals;
    long line;                /* source line of the figure */
    const char *label;        /* the row label (borrowed from the tables) */
    int convenience;          /* from a convenience-translation column */
    const r2x_value *source;  /* the cell it was read from (borrowed from the tables) */
} fact;

typedef struct factset factset;

typedef struct fact_options {
    taxonomy *tax;            /* extension concepts are declared in it */
    const mapping *map;
    const label_table *labels;    /* NULL: the mapping tables alone */
    const char *ext_prefix;   /* the company's extension prefix; NULL: none made */
    const r2x_profile *profile;
    const r2x_document *doc;  /* for messages */
    r2x_diag_fn diag;
    void *diag_userdata;
    const prior_index *prior; /* the company's last filing (--prior), NULL none */
} fact_options;

/* What a row mapped to, for `map` and for unmapped-row reports. */
typedef struct row_mapping {
    const r2x_table *table;
    const r2x_row *row;
    const row_bind *bind;     /* its concept, sign and why (bind.h) */
    int reported;             /* a statement row that nothing bound */
} row_mapping;

/* A printed total that equals the run of rows above it in every amount
 * column (facts_build's sum check): the rows are indexes into the table's
 * rows; a checked subtotal stands for the rows it sums. */
typedef struct checked_sum {
    const r2x_table *table;
    size_t total;             /* the total row */
    size_t first, nitems;     /* its items: factset_sum_item(first .. first + nitems) */
} checked_sum;

typedef struct sum_item {
    size_t row;               /* index in the table's rows */
    int sign;                 /* +1, or -1 where the row is subtracted as printed
                               * ("Less allowance ...") */
} sum_item;

/* Build the facts.  Counts of unmapped statement rows and failed checks go
 * to *unmapped and *failed_sums; duplicate disagreements are errors
 * (counted in *nerrors) reported through the callback. */
int facts_build(const r2x_tableset *set, const fact_options *opts, factset **out,
                size_t *unmapped, size_t *failed_sums, size_t *nerrors, r2x_error *err);
void factset_free(factset *fs);

size_t factset_count(const factset *fs);
const fact *factset_fact(const factset *fs, size_t i);
size_t factset_context_count(const factset *fs);
const context *factset_context(const factset *fs, size_t i);
size_t factset_row_count(const factset *fs);
const row_mapping *factset_row(const factset *fs, size_t i);
/* The totals that added up, in table and row order. */
size_t factset_sum_count(const factset *fs);
const checked_sum *factset_sum(const factset *fs, size_t i);
const sum_item *factset_sum_item(const factset *fs, size_t i);
/* The index of the context for a period without dimensions, made if new. */
int factset_context_for(factset *fs, r2x_period period, size_t *index);
/* The document period end: the latest end date of the facts' periods. */
r2x_date factset_period_end(const factset *fs);

#endif
