/*
 * table_sums.c - which rows of a table add up to which printed totals.
 *
 * A total is the sum of the rows just above it, subtotals standing for the
 * rows they sum (the idea of facts.c's check: "Total current assets" is the
 * current assets, "Total assets" is it plus the non-current ones); a "Less
 * ..." row is subtracted.  A run of rows whose sum is the total in every
 * amount column is its addends: each gets the total as r2x_row.total, and
 * the total is marked as checking.  A line of figures with no label that is
 * such a sum (Boeing's revenues less costs) is a total too (is_total); a
 * labeled line that sums two or more rows above it in every column checks
 * as a total though its label does not say so ("ExxonMobil share of
 * equity").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "table_sums.h"
#include "tables.h"
#include "text.h"

/* The most lines a line whose label does not say it totals may sum. */
#define UNSAID_SUM_MOST 12

/* A row the release prints as a total: "Total ...", "Net cash ...". */
static int total_like(const r2x_row *row)
{
    return row->is_total || text_starts_ci(row->label, "net cash") ||
           text_starts_ci(row->label, "cash provided by") ||
           text_starts_ci(row->label, "cash used in");
}

int sums_printed_total(const r2x_row *row)
{
    return row->label ? total_like(row) : row->is_total;
}

int sums_standalone_total(const r2x_table *t, size_t r)
{
    const r2x_row *row = &t->rows[r];
    if (!sums_printed_total(row) || row->sum_checks)
        return 0;
    size_t q = r;
    while (q-- > 0)
        if (t->rows[q].nvalues && t->rows[q].label)
            return sums_printed_total(&t->rows[q]) && t->rows[q].sum_checks;
    return 1;
}

static int subtracted(const r2x_row *row)
{
    return text_starts_ci(row->label, "less ") || text_starts_ci(row->label, "less:");
}

static int summed_column(const r2x_table *t, int column)
{
    int role = t->columns[column].role;
    return role == R2X_COL_AMOUNT || role == R2X_COL_CONVENIENCE;
}

/* The shortest run of items right above row tr (items[j..n), at least
 * least and at most most of them) that adds up to it in every amount column
 * it has a figure in; returns j, or -1 when none does.  Figures of another
 * kind of unit than the total's are not addends ("Total shares" under
 * amounts of money). */
static long run_sums(const r2x_table *t, const size_t *items, size_t n, size_t tr,
                     size_t least, size_t most)
{
    const r2x_row *total = &t->rows[tr];
    r2x_decimal sum[MAX_COLUMNS];
    int addends[MAX_COLUMNS], cols[MAX_COLUMNS];
    size_t nc = 0;
    for (size_t k = 0; k < total->nvalues && nc < MAX_COLUMNS; k++)
        if (summed_column(t, total->values[k].column)) {
            cols[nc] = (int)k;
            sum[nc].coef = sum[nc].exp = 0;
            addends[nc++] = 0;
        }
    if (!nc)
        return -1;
    for (size_t j = n; j-- > 0 && n - j <= most;) {
        const r2x_row *row = &t->rows[items[j]];
        int equal = 1;
        for (size_t c = 0; c < nc; c++) {
            const r2x_value *tv = &total->values[cols[c]];
            const r2x_value *v = table_value_at(row, tv->column);
            if (v && v->unit.kind == tv->unit.kind) {
                r2x_decimal d = v->value;
                if (subtracted(row))
                    d.coef = -d.coef;
                if (r2x_decimal_add(sum[c], d, &sum[c]))
                    return -1;
                addends[c]++;
            }
            equal &= addends[c] && r2x_decimal_cmp(sum[c], tv->value) == 0;
        }
        if (equal && n - j >= least)
            return (long)j;
    }
    return -1;
}

int sums_find(r2x_table *t)
{
    size_t *items = malloc((t->nrows ? t->nrows : 1) * sizeof *items);
    if (!items)
        return R2X_ENOMEM;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        r2x_row *row = &t->rows[r];
        row->sum_checks = 0;
        if (!row->nvalues)
            continue;
        /* a labeled total may have one addend; a line with no label, or a
         * label that does not say it totals ("ExxonMobil share of equity"),
         * needs two, and such a line sums a few lines, not a statement
         * (which keeps every line from scanning all the lines above) */
        int labeled_total = row->label && total_like(row);
        long j = run_sums(t, items, n, r, labeled_total ? 1 : 2,
                          labeled_total || !row->label ? n : UNSAID_SUM_MOST);
        if (j >= 0) {
            for (size_t i = (size_t)j; i < n; i++)
                t->rows[items[i]].total = (int)r;
            row->sum_checks = 1;
            row->is_total |= !row->label;
            n = (size_t)j;
        }
        items[n++] = r;
    }
    free(items);
    return R2X_OK;
}
