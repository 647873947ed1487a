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
#include "vdec.h"

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

/* A validator that reads every document through f (remaps, catalogs,
 * limits set by the caller), which it borrows: f must outlive it. */
int validator_new_with_fetcher(const r2x_validate_options *opts, fetcher *f,
                               r2x_validator **out, r2x_error *err);

#endif
