/*
 * segments.h - what each row of a segment table stands for (internal).
 *
 * A segment table breaks a measure (revenues, operating income) down by
 * segment, product or region.  It is printed in one of three shapes:
 *   a measure heading over member lines and their total   "Revenues:" /
 *       "Commercial Airplanes 22,861" ... "Total revenues 66,517";
 *   a measure line with its figures over member lines     "Net Revenues
 *       33,254" / "ATM operation business 11" / "Elimination 80";
 *   a member heading over measure lines                   "North America" /
 *       "Net sales 105,514" / "Operating income 6,461".
 * segments_read tells each row's role, the label naming its measure and the
 * label naming its member; which concept a measure label names is the
 * caller's (is_measure).  Eliminations, corporate and unallocated items,
 * and the lines after a total of the segments, reconcile the segments to
 * the consolidated figure.
 */
#ifndef R2X_SEGMENTS_H
#define R2X_SEGMENTS_H

#include "release2xbrl.h"

enum segment_role {
    SEG_NONE = 0,             /* no figure of a breakdown (a heading, a ratio,
                               * a consolidated line of another measure) */
    SEG_MEMBER,               /* a segment's, product's or region's figure */
    SEG_RECONCILING,          /* an elimination, corporate or unallocated amount */
    SEG_SEGMENTS_TOTAL,       /* the total of the segments before reconciling items */
    SEG_CONSOLIDATED          /* the measure itself, no breakdown */
};

enum segment_axis {
    SEG_AXIS_BUSINESS = 0,    /* us-gaap:StatementBusinessSegmentsAxis */
    SEG_AXIS_PRODUCT,         /* srt:ProductOrServiceAxis */
    SEG_AXIS_GEOGRAPHY        /* srt:StatementGeographicalAxis */
};

typedef struct segment_row {
    int role;                 /* enum segment_role */
    const char *measure;      /* the label naming the measure; NULL with SEG_NONE */
    const void *measure_id;   /* is_measure of that label */
    const char *member;       /* the label naming the member (SEG_MEMBER,
                               * SEG_RECONCILING), else NULL */
    const char *parent;       /* a product line under a segment line that sums
                               * it ("Advertising" under "Family of Apps"): the
                               * segment's label, else NULL */
    int negate;               /* a reconciling amount printed as a deduction
                               * from the total ("Elimination 80" under revenues
                               * whose total is the segments less 80) */
} segment_row;

/* Does label name a measure (an amount of the income statement)?  Returns
 * an identity for the measure (the same for labels naming one), 0 none. */
typedef const void *(*segment_measure_fn)(void *ctx, const char *label);

/* Fill out[0..t->nrows) for a segment table. */
void segments_read(const r2x_table *t, segment_measure_fn is_measure, void *ctx,
                   segment_row *out);

/* The axis a table's title names ("by product", "geographic"), else the
 * business segments'. */
int segments_axis(const r2x_table *t);

/* Does a member label name a reconciling item rather than a segment? */
int segments_reconciling(const char *label);

#endif
