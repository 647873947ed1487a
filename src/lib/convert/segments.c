/*
 * segments.c - what each row of a segment table stands for: its measure,
 * its member, and whether it reconciles the segments to the consolidated
 * figure (see segments.h for the shapes read).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "segments.h"
#include "tables.h"
#include "text.h"

int segments_reconciling(const char *label)
{
    static const char *const words[] = {"elimination", "unallocated", "reconcil", "corporate",
                                        "intercompany", NULL};
    for (size_t i = 0; words[i]; i++)
        if (text_contains_ci(label, words[i]))
            return 1;
    return !strcasecmp(label, "other") || !strcasecmp(label, "all other");
}

/* "Total revenues", "Consolidated", "Consolidated total": the measure itself. */
static int consolidated_label(const r2x_row *row)
{
    return row->is_total || text_starts_ci(row->label, "total") ||
           text_starts_ci(row->label, "consolidated");
}

/* A member's revenue split by where it comes from ("Customers",
 * "Intersegment"): not a member of the breakdown, left out. */
static int source_split(const char *label)
{
    return !strcasecmp(label, "customers") || !strcasecmp(label, "external customers") ||
           ((text_starts_ci(label, "intersegment") || text_starts_ci(label, "inter-segment")) &&
            !text_contains_ci(label, "elimination"));
}

/* Rows of amounts of money only: margins, deliveries and headcounts are no
 * breakdown of an amount. */
static int money_row(const r2x_row *row)
{
    for (size_t k = 0; k < row->nvalues; k++)
        if (row->values[k].unit.kind != R2X_UNIT_CURRENCY)
            return 0;
    return row->nvalues > 0;
}

int segments_axis(const r2x_table *t)
{
    const char *title = t->title ? t->title : "";
    if (text_contains_ci(title, "geograph") || text_contains_ci(title, "region"))
        return SEG_AXIS_GEOGRAPHY;
    if (text_contains_ci(title, "by product") || text_contains_ci(title, "by service") ||
        text_contains_ci(title, "products and services") || text_contains_ci(title, "by category"))
        return SEG_AXIS_PRODUCT;
    return SEG_AXIS_BUSINESS;
}

/* The state of a block: the lines under one heading, or after a measure line
 * that starts a breakdown. */
typedef struct block {
    const char *measure;      /* the measure's label, NULL none */
    const void *id;           /* is_measure of it */
    const char *member;       /* a member heading's label (rows are measures) */
    int consolidated;         /* a heading "Consolidated": its rows are the measures */
    int reconciling;          /* past a total of the segments: the rest reconcile */
    size_t first;             /* its first row */
    long above;               /* the consolidated line it breaks down, printed
                               * above it; -1 none */
} block;

/* "Less: ...", "Add: ...": an adjustment of a result, no member. */
static int adjustment(const char *label)
{
    return text_starts_ci(label, "less") || text_starts_ci(label, "add:") || text_starts_ci(label, "plus:");
}

/* The total of the segments before reconciling items ("Segment operating
 * earnings", "Total segment profit"): a sum that speaks of segments. */
static int segments_total(const r2x_row *row)
{
    return text_contains_ci(row->label, "segment") &&
           (row->is_total || row->sum_checks || text_starts_ci(row->label, "segment"));
}

/* A row of an open block under a measure heading: a member, a reconciling
 * line, the segments' total or the measure's total, which ends the block. */
static void read_member_row(const r2x_table *t, size_t r, const void *own, block *b,
                            segment_row *out)
{
    const r2x_row *row = &t->rows[r];
    const r2x_row *sum = row->total >= 0 ? &t->rows[row->total] : NULL;
    segment_row *s = &out[r];
    s->measure = b->measure;
    s->measure_id = b->id;
    if (source_split(row->label) || adjustment(row->label)) {
        s->role = SEG_NONE;
    } else if (segments_total(row)) {
        s->role = SEG_SEGMENTS_TOTAL;
        b->reconciling = 1;
    } else if (own == b->id || consolidated_label(row)) {
        /* the measure's total; one that names a measure of its own
         * ("Consolidated operating income" under "Segment profit or
         * loss:") says what the block's lines measure */
        if (own && own != b->id) {
            for (size_t q = b->first; q < r; q++)
                if (out[q].measure == b->measure) {
                    out[q].measure = row->label;
                    out[q].measure_id = own;
                }
            b->measure = row->label;
            b->id = own;
            s->measure = row->label;
            s->measure_id = own;
        }
        s->role = SEG_CONSOLIDATED;
    } else if (sum && sum->label && !consolidated_label(sum) && !segments_total(sum) &&
               !segments_reconciling(row->label)) {
        /* a product line under the segment line that adds it up */
        s->role = SEG_MEMBER;
        s->member = row->label;
        s->parent = sum->label;
    } else {
        s->role = b->reconciling || segments_reconciling(row->label) ? SEG_RECONCILING
                                                                      : SEG_MEMBER;
        s->member = row->label;
    }
    if (s->role == SEG_NONE) {
        s->measure = NULL;
        s->measure_id = NULL;
    }
}

/* A row of a breakdown printed under its consolidated line ("Net Revenues
 * 33,254" over "ATM operation business 11"): a member or a reconciling
 * line, or NONE, which ends the breakdown. */
static int read_below_total(const r2x_row *row, const void *own, block *b, segment_row *s)
{
    if (own || consolidated_label(row) || adjustment(row->label) || source_split(row->label))
        return 0;
    s->role = segments_reconciling(row->label) ? SEG_RECONCILING : SEG_MEMBER;
    s->measure = b->measure;
    s->measure_id = b->id;
    s->member = row->label;
    return 1;
}

static int breaks_down(const segment_row *s)
{
    return (s->role == SEG_MEMBER && !s->parent) || s->role == SEG_RECONCILING;
}

/* The unit of the last place of row's figure in column col (1 for whole
 * numbers as printed, in the figure's own scale). */
static double unit_of(const r2x_row *row, int col)
{
    const r2x_value *v = table_value_at(row, col);
    return v ? pow(10, -v->decimals) : 1;
}

/* The figure of row in column col, and whether it has one. */
static int figure(const r2x_row *row, int col, double *out)
{
    const r2x_value *v = table_value_at(row, col);
    *out = v && !v->nil_dash ? (double)v->value.coef * pow(10, v->value.exp) : 0;
    return v && !v->nil_dash;
}

/* A block [first, end) whose consolidated figure (row c) is its members less
 * a reconciling line printed positive ("Elimination 80"): that line is a
 * deduction.  Checked in the first column c and the members all fill.
 * Returns whether the block adds up (1), does not (0), or cannot be
 * checked (-1). */
static int deductions(const r2x_table *t, segment_row *out, size_t first, size_t end, size_t c)
{
    for (size_t k = 0; k < t->rows[c].nvalues; k++) {
        int col = t->rows[c].values[k].column, all = 1;
        double total, sum = 0, x;
        if (!figure(&t->rows[c], col, &total))
            continue;
        for (size_t r = first; r < end && all; r++)
            if (breaks_down(&out[r])) {
                all = figure(&t->rows[r], col, &x);
                sum += x;
            }
        if (!all)
            continue;
        /* figures are rounded where they are printed: a unit of the last
         * place for each line */
        double tolerance = (double)(end - first + 1) * 0.5 * unit_of(&t->rows[c], col);
        if (fabs(sum - total) <= tolerance)
            return 1;
        for (size_t r = first; r < end; r++)
            if (out[r].role == SEG_RECONCILING && figure(&t->rows[r], col, &x) && x > 0 &&
                fabs(sum - 2 * x - total) <= tolerance) {
                out[r].negate = 1;
                return 1;
            }
        return 0;
    }
    return -1;
}

/* A breakdown printed under its consolidated line is one only if it adds up
 * to it: else its rows are another table's shape (adjustments, ratios). */
static void close_below_total(const r2x_table *t, segment_row *out, const block *b, size_t end)
{
    if (b->above < 0 || deductions(t, out, b->first, end, (size_t)b->above) == 1)
        return;
    for (size_t r = (size_t)b->above; r < end; r++)
        out[r] = (segment_row){0};
}

/* Words of non-GAAP reconciliations and adjusted figures, which break down
 * other things than the statements' amounts. */
static int other_measure_words(const char *text)
{
    static const char *const words[] = {"non-gaap", "comparab", "reconcil", "adjusted",
                                        "constant currency", NULL};
    for (size_t i = 0; words[i]; i++)
        if (text_contains_ci(text, words[i]))
            return 1;
    return 0;
}

static int same_date(const r2x_date *a, const r2x_date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* A table no breakdown is read in: one of adjusted figures, or one whose
 * amount columns repeat a period (its columns are the members, "Domestic"
 * beside "International", which a line's label cannot tell). */
static int other_measures(const r2x_table *t)
{
    if (t->title && other_measure_words(t->title))
        return 1;
    for (size_t i = 0; i < t->ncolumns; i++)
        for (size_t j = i + 1; j < t->ncolumns; j++) {
            const r2x_column *a = &t->columns[i], *c = &t->columns[j];
            if (a->role == R2X_COL_AMOUNT && c->role == R2X_COL_AMOUNT &&
                a->period.kind != R2X_PERIOD_NONE && a->period.kind == c->period.kind &&
                same_date(&a->period.start, &c->period.start) &&
                same_date(&a->period.end, &c->period.end) &&
                a->unit.kind == c->unit.kind && !strcmp(a->unit.measure, c->unit.measure))
                return 1;
        }
    return 0;
}

/* A heading that states the table's unit ("Dollars in millions"): no member. */
static int unit_heading(const char *label)
{
    return text_contains_ci(label, "in millions") || text_contains_ci(label, "in thousands") ||
           text_contains_ci(label, "in billions") || text_starts_ci(label, "dollars") ||
           text_starts_ci(label, "(");
}

/* A heading: of a measure (its lines are members), of a member (its lines
 * are measures), "Consolidated" (its lines are the measures themselves), or
 * of anything else ("Items impacting comparability:"), which opens nothing. */
static block heading_block(const r2x_row *row, const void *id, size_t r)
{
    block b = {NULL, NULL, NULL, 0, 0, r + 1, -1};
    size_t n = strlen(row->label);
    if (id) {
        b.measure = row->label;
        b.id = id;
    } else if (consolidated_label(row)) {
        b.consolidated = 1;
        b.member = row->label;
    } else if (n && row->label[n - 1] != ':' && !other_measure_words(row->label) &&
               !unit_heading(row->label)) {
        b.member = row->label;
    }
    return b;
}

/* Under a member heading: the measures of that member; under
 * "Consolidated", the measures the members had. */
static void read_member_heading_row(const r2x_row *row, const void *own, const block *b,
                                    const void *const *seen, size_t nseen, segment_row *s)
{
    if (!own || consolidated_label(row) || adjustment(row->label))
        return;
    if (b->consolidated) {
        size_t i = 0;
        while (i < nseen && seen[i] != own)
            i++;
        if (i == nseen)
            return;           /* a line of the income statement, not of the breakdown */
        s->role = SEG_CONSOLIDATED;
    } else {
        s->role = segments_reconciling(b->member) ? SEG_RECONCILING : SEG_MEMBER;
        s->member = b->member;
    }
    s->measure = row->label;
    s->measure_id = own;
}

enum { SEEN_MAX = 16 };

void segments_read(const r2x_table *t, segment_measure_fn is_measure, void *ctx,
                   segment_row *out)
{
    memset(out, 0, t->nrows * sizeof *out);
    if (other_measures(t))
        return;
    block b = {NULL, NULL, NULL, 0, 0, 0, -1};
    const void *seen[SEEN_MAX];       /* the measures members had, layout by member */
    size_t nseen = 0;
    /* a title that names the measure ("Revenues:") heads the first block */
    const char *title = t->title ? strrchr(t->title, '\n') : NULL;
    title = title ? title + 1 : t->title;
    if (title && *title) {
        b.id = is_measure(ctx, title);
        b.measure = b.id ? title : NULL;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        if (!row->label || !row->label[0])
            continue;
        if (!row->nvalues) {
            close_below_total(t, out, &b, r);
            b = heading_block(row, is_measure(ctx, row->label), r);
            continue;
        }
        if (!money_row(row))
            continue;
        const void *own = is_measure(ctx, row->label);
        if (b.member) {
            read_member_heading_row(row, own, &b, seen, nseen, &out[r]);
            if (out[r].role == SEG_MEMBER && nseen < SEEN_MAX)
                seen[nseen++] = own;
            continue;
        }
        if (b.measure && b.above < 0) {
            read_member_row(t, r, own, &b, out);
            if (out[r].role == SEG_CONSOLIDATED) {
                deductions(t, out, b.first, r, r);
                b.measure = NULL;   /* the block ends at its consolidated figure */
            }
            continue;
        }
        if (b.measure && read_below_total(row, own, &b, &out[r]))
            continue;
        close_below_total(t, out, &b, r);
        b = (block){NULL, NULL, NULL, 0, 0, r + 1, -1};
        /* a measure line with figures over member lines starts a breakdown */
        const r2x_row *next = r + 1 < t->nrows ? &t->rows[r + 1] : NULL;
        segment_row probe = {0};
        block nb = {row->label, own, NULL, 0, 0, r + 1, (long)r};
        if (own && next && next->label && next->nvalues && money_row(next) &&
            read_below_total(next, is_measure(ctx, next->label), &nb, &probe)) {
            b = nb;
            out[r].role = SEG_CONSOLIDATED;
            out[r].measure = row->label;
            out[r].measure_id = own;
        }
    }
    close_below_total(t, out, &b, t->nrows);
}
