/* table_stats.c - figures placed and totals that check, over a tableset. */
#include <string.h>

#include "release2xbrl.h"
#include "sized.h"
#include "table_sums.h"

static int is_statement(int statement)
{
    return statement == R2X_STMT_INCOME || statement == R2X_STMT_BALANCE_SHEET ||
           statement == R2X_STMT_CASH_FLOWS || statement == R2X_STMT_EQUITY;
}

int r2x_tables_stats(const r2x_tableset *set, r2x_table_stats *given)
{
    if (!given || sized_check(given, "r2x_table_stats", NULL))
        return R2X_EUSAGE;
    r2x_table_stats full;
    r2x_table_stats *out = &full;
    memset(out, 0, sizeof *out);
    out->tables = set->ntables;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        if (!is_statement(t->statement))
            continue;
        out->statements++;
        for (size_t r = 0; r < t->nrows; r++) {
            const r2x_row *row = &t->rows[r];
            int amounts = 0;
            for (size_t k = 0; k < row->nvalues; k++) {
                const r2x_value *v = &row->values[k];
                const r2x_column *c = &t->columns[v->column];
                if (c->role == R2X_COL_CHANGE || c->role == R2X_COL_PERCENT_OF_TOTAL)
                    continue;       /* amount columns only, as the man page says */
                out->figures++;
                out->placed += c->period.kind != R2X_PERIOD_NONE &&
                               v->unit.kind != R2X_UNIT_NONE;
                amounts += c->role == R2X_COL_AMOUNT;
            }
            /* totals as printed: a line that happens to sum others is
             * not one more total that checks */
            if (sums_printed_total(row) && amounts && !sums_standalone_total(t, r)) {
                out->totals++;
                out->totals_checked += row->sum_checks != 0;
            }
        }
    }
    sized_out(given, &full, sizeof full);
    return R2X_OK;
}
