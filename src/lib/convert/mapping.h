/*
 * mapping.h - mapping tables: statement line items -> concepts (internal).
 * The format is documented in mappings/README.md.
 */
#ifndef R2X_MAPPING_H
#define R2X_MAPPING_H

#include "release2xbrl.h"
#include "taxonomy.h"

#define MAP_STATEMENT_ANY (-1)
#define MAP_MAX_DIMS 4

typedef struct map_dim {
    char *axis;               /* QName */
    char *member;             /* QName */
} map_dim;

typedef struct map_entry {
    int statement;            /* enum r2x_statement, or MAP_STATEMENT_ANY */
    char *pattern;            /* normalised, may hold '*' */
    const concept *concept;
    int negate;
    size_t ndims;
    map_dim dims[MAP_MAX_DIMS];
    const char *file;
    long line;
    int company;              /* from a company's overlay: its own word */
} map_entry;

typedef struct mapping mapping;

int mapping_new(mapping **out, r2x_error *err);
void mapping_free(mapping *m);
/* Append the entries of a table; concepts must be in tax, non-abstract, and
 * fit the statement (balance-sheet entries instant, income duration). */
int mapping_load(mapping *m, const char *path, const taxonomy *tax, r2x_error *err);
/* Mark every entry loaded so far as the company's own (an overlay). */
void mapping_mark_company(mapping *m);
/* The first entry, in table order (overlay first), for the statement (or
 * "any") that matches: a plain pattern matches labels[0], the normalised
 * label alone; a pattern with " > " matches one of the qualified forms
 * labels[1..n-1] ("title > label", "section > label").  NULL when none. */
const map_entry *mapping_match(const mapping *m, int statement, const char *const *labels,
                               size_t nlabels);
size_t mapping_count(const mapping *m);

/* Normalise a label for matching: lower case, each run of characters other
 * than ASCII letters and digits one space, no leading or trailing space.
 * Writes at most size bytes. */
void label_normalize(const char *label, char *out, size_t size);
/* Normalise a pattern: each part between '>' as a label, joined by " > ". */
void pattern_normalize(const char *pattern, char *out, size_t size);
/* Glob match with '*' only. */
int pattern_match(const char *pattern, const char *text);

#endif
