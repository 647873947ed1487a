/*
 * labels.h - the general label table (internal): which concepts a line label
 * names, with the evidence for each, learnt from real filings' labels, the
 * taxonomy's standard labels and edgartools' statistics (mappings/labels.tsv,
 * mappings/label-concepts.tsv; format in mappings/README.md).  The hand-written
 * mapping tables (mapping.h) come first; this is for the lines they do not
 * map, its candidates to be weighed against the statement's structure.
 */
#ifndef R2X_LABELS_H
#define R2X_LABELS_H

#include <stddef.h>

#include "release2xbrl.h"
#include "taxonomy.h"

/* How a table row's label came to name its concept (bits: one label may
 * come in several ways).  "Stripped": with its parentheticals removed
 * ("Net cash provided by (used in) operating activities"). */
enum label_form {
    LABEL_FORM_SHOWN = 1 << 0,              /* a filing shows it on that concept's line */
    LABEL_FORM_SHOWN_STRIPPED = 1 << 1,
    LABEL_FORM_STANDARD = 1 << 2,           /* the concept's standard label */
    LABEL_FORM_STANDARD_STRIPPED = 1 << 3,
    LABEL_FORM_NAME = 1 << 4,               /* the concept's name in words (no standard label known) */
    LABEL_FORM_DISPLAY = 1 << 5,            /* edgartools' display name for the concept */
    LABEL_FORM_DISPLAY_STRIPPED = 1 << 6
};

/* The statements a label was shown in (bits). */
enum label_statements {
    LABEL_IN_INCOME = 1 << 0,
    LABEL_IN_BALANCE_SHEET = 1 << 1,
    LABEL_IN_CASH_FLOWS = 1 << 2,
    LABEL_IN_EQUITY = 1 << 3,
    LABEL_IN_OTHER = 1 << 4                 /* notes, cover, parentheticals of no statement */
};

enum label_match {
    LABEL_MATCH_EXACT = 1,     /* the label's canonical words are a table label's */
    LABEL_MATCH_STRIPPED,      /* the same, once the label's parentheticals are removed */
    LABEL_MATCH_HEAD,          /* the same, for its head: up to its first comma or dash */
    LABEL_MATCH_WORDS          /* words in common (IDF-weighted Dice of the canonical words) */
};

/* One candidate concept for a label. */
typedef struct label_candidate {
    const char *qname;         /* "us-gaap:AccountsPayableCurrent" */
    const concept *concept;    /* in the taxonomy given to labels_load, NULL without one */
    double score;              /* in [0, 1]: how sure; see labels.c for the formula */
    int match;                 /* enum label_match */
    double similarity;         /* word overlap in [0, 1] (1 for an exact match) */
    const char *matched;       /* the table's label that matched (normalised) */
    unsigned forms;            /* enum label_form bits of that label for this concept */
    int filings, companies;    /* how many filings / companies show that label on it */
    unsigned statements;       /* enum label_statements: where they show it */
    int totals, negated;       /* filings that show it as a total / with a negated label */
    /* the concept across 32,000 filings (edgartools), where known: */
    int usage_statement;       /* R2X_STMT_* it belongs to, -1 unknown */
    const char *section;       /* "current-assets", "investing-activities", ...; NULL unknown */
    int usage_total;           /* edgartools' is_total: 1, 0, -1 unknown */
    int usage_companies;       /* companies that use it, 0 unknown */
} label_candidate;

typedef struct label_table label_table;

/* Read the label table at path and, when concepts_path is not NULL, the
 * concept statistics beside it.  With a taxonomy, candidates are only its
 * concepts that are neither deprecated nor abstract (but members), and carry
 * the concept; tax must outlive the table. */
int labels_load(label_table **out, const char *path, const char *concepts_path,
                const taxonomy *tax, r2x_error *err);
void labels_free(label_table *t);
size_t labels_rows(const label_table *t);

/* The candidate concepts for a line label (as printed: "&", parentheticals
 * and footnote marks are dealt with here) in a statement (R2X_STMT_*, or -1
 * when unknown), best first: at most max into out, their number in *n.  Line
 * items only (no members, abstracts or deprecated concepts).  R2X_OK, or
 * R2X_ENOMEM. */
int labels_candidates(const label_table *t, const char *label, int statement,
                      label_candidate *out, size_t max, size_t *n);
/* The same for the members a breakdown row may name ("North America" ->
 * srt:NorthAmericaMember): members only. */
int labels_members(const label_table *t, const char *label, label_candidate *out, size_t max,
                   size_t *n);

/* The canonical key of a label, the words labels.tsv's "key" column holds:
 * "&" and the abbreviations SG&A, G&A, R&D, PP&E written out; normalised as
 * label_normalize does; "non"/"pre" joined to the next word; each word
 * singular; synonyms ("shareholder" -> "stockholder") and abbreviations
 * replaced; stop words dropped.  "Accounts payable & accrued expenses" ->
 * "account payable accrued expense".  Writes at most size bytes. */
void labels_key(const char *label, char *out, size_t size);
/* The same for a label already normalised (no expansion of "&"). */
void labels_key_normalized(const char *norm, char *out, size_t size);

#endif
