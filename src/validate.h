/* validate.h - the pieces of an instance the checks share: contexts, units
 * and facts as read from the instance tree, and exact decimals for
 * duplicate and calculation consistency.  (internal)
 */
#ifndef R2X_VALIDATE_H
#define R2X_VALIDATE_H

#include <libxml/tree.h>

#include "dts.h"
#include "release2xbrl.h"
#include "report.h"
#include "srcpos.h"

__extension__ typedef __int128 vint;

/* An exact decimal coef * 10^exp; ok is 0 when the text was not a number
 * or does not fit (38 digits). */
typedef struct vdec {
    vint coef;
    int exp;
    int ok;
} vdec;

#define VDEC_INF 100000           /* decimals="INF" */

vdec vdec_parse(const char *s);
/* Round to d decimals (half to even); d >= VDEC_INF leaves it. */
vdec vdec_round(vdec v, int d);
vdec vdec_add(vdec a, vdec b);
vdec vdec_mul_weight(vdec v, double weight);
int vdec_cmp(vdec a, vdec b);
/* Decimal notation into buf (64 bytes). */
void vdec_format(vdec v, char *buf);
/* Decimals implied by a precision (4.6.6): precision - floor(log10|v|) - 1. */
int vdec_decimals_from_precision(vdec v, int precision);

typedef struct vcontext {
    const char *id;
    xmlNodePtr node;
    srcpos pos;
    const char *sig;           /* interned: s-equal contexts share it */
    int period;                /* enum dts_period; DTS_PERIOD_NONE: forever/bad */
    int forever;
} vcontext;

typedef struct vunit {
    const char *id;
    srcpos pos;
    const char *sig;           /* interned: equal units share it */
    int iso4217;               /* one measure, in the ISO 4217 namespace */
    int shares, pure;          /* one measure, xbrli:shares / xbrli:pure */
} vunit;

typedef struct vfact {
    xmlNodePtr node;
    const dts_concept *concept;
    const vcontext *context;
    const vunit *unit;
    const char *lang;          /* interned xml:lang in scope, for non-numerics */
    xmlNodePtr parent;         /* the tuple it is in, NULL at the top */
    srcpos pos;
    int nil;
    char *text;                /* the value, trimmed; owned */
    vdec value;                /* numerics */
    int decimals;              /* as given or inferred from precision; VDEC_INF */
    int has_decimals;          /* decimals or precision usable for rounding */
    int precision_zero;
    /* document order: the fact's preorder number among facts and tuples, and
     * the range of preorder numbers of its parent's descendants (the whole
     * instance at the top), where XBRL 2.1 looks for contributing items */
    size_t order, scope_lo, scope_hi;
} vfact;

/* Where the instance checks report: every finding names the instance
 * (file) and a position in it (for Inline XBRL, in the .htm). */
typedef struct vreporter {
    reporter *rp;
    const char *file;
    const srcpos_map *positions;   /* where the instance's elements come from; may be NULL */
    r2x_buf *error_lines;      /* long: the lines errors were reported on; may be NULL */
} vreporter;

/* Where n is (srcpos_of through the reporter's positions). */
srcpos vpos(const vreporter *v, const xmlNode *n);
void report_at(const vreporter *v, int severity, srcpos at, const char *code, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));

/* Duplicate facts (same concept, s-equal context, unit, language) at the top
 * level, as mode (enum r2x_duplicates_mode) says.  (Items repeated inside a
 * tuple are its content, not duplicates.) */
void check_duplicates(vfact *facts, size_t n, int mode, const vreporter *rep);

/* XBRL Dimensions 1.0 validity of the contexts and facts (xdt_instance.c).
 * Dimensions and members whose namespace's schema could not be had are not
 * judged: their number goes to *unjudged.  R2X_OK, or R2X_ENOMEM when the
 * checks could not be made whole. */
int xdt_check_instance(vfact *facts, size_t n, vcontext *const *contexts, size_t ncontexts,
                       const dts *d, const vreporter *rep, size_t *unjudged);

/* Summation-item consistency of every calculation network. */
int check_calculations(vfact *facts, size_t n, const dts *d, int mode,
                       const vreporter *rep);

/* essence-alias (XBRL 2.1 5.2.6.2.2): aliased concepts share type, periodType
 * and balance (returns the number of errors); aliased items in the same
 * context and parent share unit and value. */
size_t check_alias_concepts(const dts *d, reporter *rp);
int check_essence_alias(vfact *facts, size_t n, const dts *d, const vreporter *rep);

/* A validator that reads every document through f (remaps, catalogs,
 * limits set by the caller), which it borrows: f must outlive it. */
int validator_new_with_fetcher(const r2x_validate_options *opts, fetcher *f,
                               r2x_validator **out, r2x_error *err);

#endif
