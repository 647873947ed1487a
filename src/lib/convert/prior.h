/*
 * prior.h - the company's last filing as a key to its lines (internal).
 *
 * `convert --prior FILING` reads an XBRL instance or an Inline XBRL
 * document (a path, or an http(s) URL read through fetch.c) into a compact
 * index: each numeric fact's period, unit, value and decimals to its
 * concept and dimensions, and, when the filing's own label linkbase can be
 * read (through its schemaRef), its labels to their concepts.  A release's
 * comparative column holds figures of that filing: a row whose figures are
 * the filing's facts takes the concept the company used, and the sign that
 * makes the figure the fact; a row whose label is one of the filing's
 * labels gets that concept as a candidate.  Extension concepts of the
 * company are reused by name under our extension prefix.
 */
#ifndef R2X_PRIOR_H
#define R2X_PRIOR_H

#include <stddef.h>

#include "fetch.h"
#include "mapping.h"
#include "release2xbrl.h"
#include "taxonomy.h"

typedef struct prior_index prior_index;

/* Read the filing at path (a local path or an http(s) URL) with f.
 * R2X_EIO when it cannot be read, R2X_ETOOBIG over the fetcher's limit,
 * R2X_EINPUT when it is not XBRL (or holds no numeric fact), R2X_ENOMEM.
 * A label linkbase that cannot be had is a note through diag, not an
 * error. */
int prior_load(const char *path, fetcher *f, r2x_diag_fn diag, void *diag_userdata,
               prior_index **out, r2x_error *err);
void prior_free(prior_index *p);
/* Numeric facts and labels indexed. */
size_t prior_fact_count(const prior_index *p);
size_t prior_label_count(const prior_index *p);
const char *prior_name(const prior_index *p);

/* A candidate the filing gives a row. */
typedef struct prior_cand {
    const concept *concept;
    const map_entry *entry;   /* by value: its dimensions and sign (entry->negate:
                               * the fact is the printed figure negated);
                               * owned by the index.  NULL: by label */
    double score;             /* by value: the share of the row's comparable
                               * figures that are this fact, in (0, 1] */
    int weak;                 /* by value, of figures of one or two digits only (which
                               * chance matches): to be taken only where the
                               * row's own reading also names the concept */
    char why[120];
} prior_cand;

/* The candidates row's figures give (every figure of a period the filing
 * covers that equals a fact, to the figure's precision, as printed or
 * negated), best first, at most max.  Concepts are looked up in tax; the
 * company's extension concepts are declared there under ext_prefix (none
 * when ext_prefix is NULL).  R2X_OK or an error from declaring. */
int prior_match_values(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                       const r2x_table *t, const r2x_row *row, prior_cand *out, size_t max,
                       size_t *n, r2x_error *err);
/* The concept whose label in the filing is label (normalised), if one
 * concept alone has it.  *found 0 when none. */
int prior_match_label(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                      const char *label, prior_cand *out, int *found, r2x_error *err);
#endif
