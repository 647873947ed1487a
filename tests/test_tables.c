/*
 * test_tables.c - unit tests for tables.c: small releases written here, in
 * the shape of the tab-separated text PDF extraction gives (see
 * samples/iij-2009-1h.txt), read into tables (TAP output).
 *
 * Every repair must be reported; the diagnostics are recorded and checked by
 * line.  Line numbers in the comments are 1-based lines of each fixture.
 */
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "tap.h"

/* ---- Diagnostics ----------------------------------------------------------- */

typedef struct diag_rec {
    int severity;
    int code;
    long line;
    char file[512];
    char message[1024];
} diag_rec;

static diag_rec diags[128];
static size_t ndiags;

static void on_diag(void *userdata, const r2x_error *e)
{
    (void)userdata;
    if (ndiags >= sizeof diags / sizeof *diags)
        return;
    diag_rec *d = &diags[ndiags++];
    d->severity = e->severity;
    d->code = e->code;
    d->line = e->line;
    snprintf(d->file, sizeof d->file, "%s", e->file);
    snprintf(d->message, sizeof d->message, "%s", e->message);
}

/* How many diagnostics of severity sev name line and contain needle. */
static int count_diag(int sev, long line, const char *needle)
{
    int n = 0;
    for (size_t i = 0; i < ndiags; i++)
        if (diags[i].severity == sev && diags[i].line == line &&
            (!needle || strstr(diags[i].message, needle)))
            n++;
    return n;
}

static int count_sev(int sev)
{
    int n = 0;
    for (size_t i = 0; i < ndiags; i++)
        if (diags[i].severity == sev)
            n++;
    return n;
}

static void dump_diags(void)
{
    for (size_t i = 0; i < ndiags; i++)
        printf("#   diag %s line %ld: %s\n",
               diags[i].severity == R2X_SEV_ERROR ? "error" : "warning",
               diags[i].line, diags[i].message);
}

/* ---- Running a fixture ----------------------------------------------------- */

typedef struct fixture {
    r2x_document *doc;
    r2x_profile *profile;
    r2x_tableset *set;
    size_t nerrors;
    int rc;
} fixture;

enum { CAL_DEC = 0, CAL_IIJ = 1 };

static int setup(fixture *f, const char *name, const char *text, int cal)
{
    r2x_error err;
    memset(f, 0, sizeof *f);
    ndiags = 0;
    f->nerrors = 999;
    f->rc = r2x_document_read_memory(name, text, strlen(text), NULL, &f->doc, &err);
    if (f->rc == R2X_OK)
        f->rc = r2x_profile_new_default(&f->profile, &err);
    if (f->rc == R2X_OK && cal == CAL_IIJ) {
        f->rc = r2x_profile_set_fiscal_year_end(f->profile, "--03-31", &err);
        if (f->rc == R2X_OK)
            f->rc = r2x_profile_set_fiscal_year_named_by(f->profile, "start", &err);
    }
    if (f->rc == R2X_OK) {
        r2x_extract_options o;
        r2x_extract_options_init(&o);
        o.profile = f->profile;
        o.diag = on_diag;
        f->rc = r2x_tables_extract(f->doc, &o, &f->set, &f->nerrors, &err);
    }
    ok(f->rc == R2X_OK && f->set, "%s: extraction succeeds", name);
    if (f->rc != R2X_OK)
        printf("#   rc %d: %s\n", f->rc, err.message);
    return f->rc == R2X_OK && f->set;
}

static void teardown(fixture *f)
{
    r2x_tableset_free(f->set);
    r2x_document_free(f->doc);
    r2x_profile_free(f->profile);
    memset(f, 0, sizeof *f);
}

/* ---- Looking things up ----------------------------------------------------- */

static const r2x_row *row_by_label(const r2x_table *t, const char *label)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].label && strcmp(t->rows[i].label, label) == 0)
            return &t->rows[i];
    return NULL;
}

static const r2x_row *row_by_line(const r2x_table *t, long line)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].line == line)
            return &t->rows[i];
    return NULL;
}

/* The output column reading source cell pos, or NULL. */
static const r2x_column *column_at(const r2x_table *t, int pos)
{
    for (size_t i = 0; i < t->ncolumns; i++)
        if (t->columns[i].index == pos)
            return &t->columns[i];
    return NULL;
}

/* The row's value in source cell pos, or NULL. */
static const r2x_value *value_at(const r2x_table *t, const r2x_row *r, int pos)
{
    if (!r)
        return NULL;
    for (size_t i = 0; i < r->nvalues; i++) {
        int c = r->values[i].column;
        if (c >= 0 && (size_t)c < t->ncolumns && t->columns[c].index == pos)
            return &r->values[i];
    }
    return NULL;
}

static char strbuf[8][64];
static int strbuf_next;

static char *next_buf(void)
{
    char *b = strbuf[strbuf_next];
    strbuf_next = (strbuf_next + 1) % 8;
    return b;
}

/* "2009-04-01..2009-09-30", "@2009-03-31" or "none". */
static const char *period_str(const r2x_period *p)
{
    char *b = next_buf();
    char s[11], e[11];
    r2x_date_format(p->start, s);
    r2x_date_format(p->end, e);
    if (p->kind == R2X_PERIOD_DURATION)
        snprintf(b, 64, "%s..%s", s, e);
    else if (p->kind == R2X_PERIOD_INSTANT)
        snprintf(b, 64, "@%s", e);
    else
        snprintf(b, 64, "none");
    return b;
}

static const char *unit_str(const r2x_unit *u)
{
    char *b = next_buf();
    r2x_unit_format(u, b);
    return b;
}

static const char *dec_str(r2x_decimal d)
{
    char *b = next_buf();
    r2x_decimal_format(d, b);
    return b;
}

/* Check the column at cell pos: role, period, unit, scale. */
static void check_column(const r2x_table *t, int pos, int role, const char *period,
                         const char *unit, int scale, const char *what)
{
    const r2x_column *c = column_at(t, pos);
    ok(c != NULL, "%s: a column reads cell %d", what, pos);
    if (!c)
        return;
    ok(c->role == role, "%s: column %d role %s", what, pos, r2x_column_role_name(role));
    if (c->role != role)
        printf("#   role %s\n", r2x_column_role_name(c->role));
    is_str(period_str(&c->period), period, "%s: column %d period %s", what, pos, period);
    if (unit) {
        is_str(unit_str(&c->unit), unit, "%s: column %d unit %s", what, pos, unit);
        ok(c->scale == scale, "%s: column %d scale %d", what, pos, scale);
        if (c->scale != scale)
            printf("#   scale %d\n", c->scale);
    }
}

/* Check a value: amount as text, unit, decimals (unit NULL: not checked). */
static void check_value(const r2x_table *t, const r2x_row *r, int pos, const char *value,
                        const char *unit, int decimals, const char *what)
{
    const r2x_value *v = value_at(t, r, pos);
    ok(v != NULL, "%s: a value in cell %d", what, pos);
    if (!v)
        return;
    is_str(dec_str(v->value), value, "%s: cell %d value %s", what, pos, value);
    if (unit)
        is_str(unit_str(&v->unit), unit, "%s: cell %d unit %s", what, pos, unit);
    ok(v->decimals == decimals, "%s: cell %d decimals %d", what, pos, decimals);
    if (v->decimals != decimals)
        printf("#   decimals %d\n", v->decimals);
}

/* ---- (a) a balance sheet, IIJ style ---------------------------------------- */

static const char balance_sheet[] =
    "Consolidated Balance Sheets\n"                                          /* 1 */
    "\n"                                                                     /* 2 */
    "\tAs of March 31, 2009\t\tAs of September 30, 2009\t\n"                 /* 3 */
    "\tThousands of JPY\t%\tThousands of U.S. Dollars\tThousands of JPY\t%\n" /* 4 */
    "ASSETS\t\t\t\t\t\n"                                                     /* 5 */
    "CURRENT ASSETS:\t\t\t\t\t\n"                                            /* 6 */
    "Cash and cash equivalents\t10,187,724\t\t120,561\t10,789,017\t\n"       /* 7 */
    "Total current assets\t24,356,769\t46.6\t261,611\t23,411,526\t45.6\n"    /* 8 */
    "Accumulated deficit\t(18,549,142)\t(35.5)\t(201,545)\t(18,036,299)\t(35.1)\n" /* 9 */
    "Net gains on sales of other investments\t-\t\t126\t11,302\t\n"          /* 10 */
    "TOTAL\t52,301,199\t100.0\t574,247\t51,389,402\t100.0\n"                 /* 11 */
    "\n"
    "Note: U.S. dollar amounts are translations at JPY 89.49 per U.S. dollar.\n";

static void test_balance_sheet(void)
{
    fixture f;
    if (!setup(&f, "bs.txt", balance_sheet, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(a) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    is_str(t->title, "Consolidated Balance Sheets", "(a) title");
    ok(t->title_line == 1, "(a) title on line 1");
    ok(t->first_line == 3 && t->last_line == 11, "(a) table spans lines 3..11");
    ok(t->statement == R2X_STMT_BALANCE_SHEET, "(a) statement balance-sheet");
    is_str(r2x_statement_name(t->statement), "balance-sheet", "(a) statement name");
    ok(t->continues == 0, "(a) not a continuation");
    ok(t->ncolumns == 5, "(a) 5 columns");
    if (t->ncolumns != 5)
        printf("#   %zu columns\n", t->ncolumns);

    check_column(t, 1, R2X_COL_AMOUNT, "@2009-03-31", "JPY", 3, "(a)");
    check_column(t, 2, R2X_COL_PERCENT_OF_TOTAL, "@2009-03-31", "pure", -2, "(a)");
    check_column(t, 3, R2X_COL_CONVENIENCE, "@2009-09-30", "USD", 3, "(a)");
    check_column(t, 4, R2X_COL_AMOUNT, "@2009-09-30", "JPY", 3, "(a)");
    check_column(t, 5, R2X_COL_PERCENT_OF_TOTAL, "@2009-09-30", "pure", -2, "(a)");
    const r2x_column *c1 = column_at(t, 1);
    if (c1)
        is_str(c1->heading, "As of March 31, 2009 | Thousands of JPY",
               "(a) column 1 heading joins its heading lines");

    const r2x_row *r = row_by_label(t, "ASSETS");
    ok(r && r->is_heading && r->nvalues == 0 && r->line == 5, "(a) 'ASSETS' is a heading row");
    r = row_by_label(t, "CURRENT ASSETS:");
    ok(r && r->is_heading && r->nvalues == 0, "(a) 'CURRENT ASSETS:' is a heading row");

    r = row_by_label(t, "Cash and cash equivalents");
    ok(r && r->line == 7 && r->nvalues == 3 && !r->is_total && !r->is_heading,
       "(a) cash row: line 7, 3 values");
    check_value(t, r, 1, "10187724000", "JPY", -3, "(a) cash");
    check_value(t, r, 3, "120561000", "USD", -3, "(a) cash");
    check_value(t, r, 4, "10789017000", "JPY", -3, "(a) cash");
    const r2x_value *v = value_at(t, r, 1);
    if (v)
        is_str(v->text, "10,187,724", "(a) the value keeps the cell as printed");
    ok(value_at(t, r, 2) == NULL && value_at(t, r, 5) == NULL,
       "(a) cash: empty percent cells give no value");

    r = row_by_label(t, "Total current assets");
    ok(r && r->is_total && r->nvalues == 5, "(a) 'Total current assets' is a total of 5 values");
    check_value(t, r, 1, "24356769000", "JPY", -3, "(a) total current assets");
    check_value(t, r, 2, "0.466", "pure", 3, "(a) 46.6 of total");
    check_value(t, r, 5, "0.456", "pure", 3, "(a) 45.6 of total");

    r = row_by_label(t, "Accumulated deficit");
    check_value(t, r, 1, "-18549142000", "JPY", -3, "(a) (18,549,142)");
    check_value(t, r, 2, "-0.355", "pure", 3, "(a) (35.5)");
    check_value(t, r, 3, "-201545000", "USD", -3, "(a) (201,545)");

    r = row_by_label(t, "Net gains on sales of other investments");
    v = value_at(t, r, 1);
    ok(v && v->nil_dash && v->value.coef == 0 && v->decimals == -3,
       "(a) '-' is a nil value, decimals -3");
    check_value(t, r, 3, "126000", "USD", -3, "(a) after a dash");

    r = row_by_label(t, "TOTAL");
    ok(r && r->is_total && r->line == 11, "(a) 'TOTAL' is a total");
    check_value(t, r, 2, "1", "pure", 3, "(a) 100.0 of total");

    ok(f.nerrors == 0 && count_sev(R2X_SEV_ERROR) == 0, "(a) no errors");
    ok(count_sev(R2X_SEV_WARNING) == 0, "(a) no warnings: nothing was repaired");
    if (ndiags)
        dump_diags();
done:
    teardown(&f);
}

/* ---- (b) a damaged period heading mended from its neighbour ---------------- */

static const char income_damaged[] =
    "Consolidated Statements of Income\n"                                         /* 1 */
    "\n"                                                                          /* 2 */
    "\t\tSix Months Ended September 30, 2008\t\tMonths Ended tember 30, 2009\t\n"  /* 3 */
    "\tThousands of JPY\t% of total revenues\tThousands of U.S. Dollars\tThousands of JPY\t% of total revenues\n" /* 4 */
    "REVENUES:\t\t\t\t\t\n"                                                       /* 5 */
    "Total revenues\t33,253,841\t100.0\t360,655\t32,275,024\t100.0\n"             /* 6 */
    "OPERATING INCOME\t1,005,442\t3.0\t13,030\t1,166,083\t3.6\n";                 /* 7 */

static void test_damaged_heading(void)
{
    fixture f;
    if (!setup(&f, "is.txt", income_damaged, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(b) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    ok(t->statement == R2X_STMT_INCOME, "(b) statement income");
    is_str(t->title, "Consolidated Statements of Income", "(b) title");
    check_column(t, 1, R2X_COL_AMOUNT, "2008-04-01..2008-09-30", "JPY", 3, "(b)");
    check_column(t, 2, R2X_COL_PERCENT_OF_TOTAL, "2008-04-01..2008-09-30", "pure", -2, "(b)");
    check_column(t, 3, R2X_COL_CONVENIENCE, "2009-04-01..2009-09-30", "USD", 3, "(b)");
    check_column(t, 4, R2X_COL_AMOUNT, "2009-04-01..2009-09-30", "JPY", 3, "(b)");
    check_column(t, 5, R2X_COL_PERCENT_OF_TOTAL, "2009-04-01..2009-09-30", "pure", -2, "(b)");
    ok(count_diag(R2X_SEV_WARNING, 3, "tember 30, 2009") == 1,
       "(b) one warning names heading line 3 and quotes the damaged text");
    ok(count_diag(R2X_SEV_WARNING, 3, "2009-09-30") == 1,
       "(b) the warning says what the heading was read as");
    ok(f.nerrors == 0, "(b) no errors");
    const r2x_row *r = row_by_label(t, "Total revenues");
    check_value(t, r, 4, "32275024000", "JPY", -3, "(b) total revenues 1H09");
    check_value(t, r, 5, "1", "pure", 3, "(b) 100.0%% of revenues");
    r = row_by_label(t, "OPERATING INCOME");
    check_value(t, r, 2, "0.03", "pure", 3, "(b) 3.0%% of revenues");
    ok(ndiags && diags[0].code == R2X_ETABLE && strcmp(diags[0].file, "is.txt") == 0,
       "(b) diagnostics carry R2X_ETABLE and the document name");
    if (count_sev(R2X_SEV_WARNING) != 1)
        dump_diags();
done:
    teardown(&f);
}

/* ---- (c) fiscal codes and a change column ---------------------------------- */

static const char fiscal_codes[] =
    "Operating Results Summary\n"                 /* 1 */
    "\n"                                          /* 2 */
    "\t1H08\t1H09\tYoY % change\n"                /* 3 */
    "\tJPY millions\tJPY millions\t\n"            /* 4 */
    "Revenues\t33,254\t32,275\t(2.9%)\n"          /* 5 */
    "Operating income\t1,005\t1,166\t16.0%\n";    /* 6 */

static void test_fiscal_codes(void)
{
    fixture f;
    if (!setup(&f, "fc.txt", fiscal_codes, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(c) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    ok(t->ncolumns == 3, "(c) 3 columns");
    check_column(t, 1, R2X_COL_AMOUNT, "2008-04-01..2008-09-30", "JPY", 6, "(c) 1H08");
    check_column(t, 2, R2X_COL_AMOUNT, "2009-04-01..2009-09-30", "JPY", 6, "(c) 1H09");
    check_column(t, 3, R2X_COL_CHANGE, "none", NULL, 0, "(c) YoY %% change");
    const r2x_row *r = row_by_label(t, "Revenues");
    check_value(t, r, 1, "33254000000", "JPY", -6, "(c) revenues 1H08");
    check_value(t, r, 2, "32275000000", "JPY", -6, "(c) revenues 1H09");
    check_value(t, r, 3, "-0.029", "pure", 3, "(c) (2.9%%) change");
    r = row_by_label(t, "Operating income");
    check_value(t, r, 3, "0.16", "pure", 3, "(c) 16.0%% change");
    ok(f.nerrors == 0 && ndiags == 0, "(c) no diagnostics");
    if (ndiags)
        dump_diags();
done:
    teardown(&f);
}

/* The same headings with the label column lost, as in the sample. */
static const char fiscal_codes_lost[] =
    "Operating Results Summary\n"                 /* 1 */
    "\n"                                          /* 2 */
    "1H08\t1H09\tYoY % change\n"                  /* 3 */
    "JPY millions\tJPY millions\t_\n"             /* 4 */
    "33,254\t32,275\t(2.9%)\n"                    /* 5 */
    "17,001\t18,304\t7.7%\n";                     /* 6 */

static void test_label_column_lost(void)
{
    fixture f;
    if (!setup(&f, "lost.txt", fiscal_codes_lost, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(c2) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    check_column(t, 0, R2X_COL_AMOUNT, "2008-04-01..2008-09-30", "JPY", 6, "(c2) 1H08");
    check_column(t, 1, R2X_COL_AMOUNT, "2009-04-01..2009-09-30", "JPY", 6, "(c2) 1H09");
    check_column(t, 2, R2X_COL_CHANGE, "none", NULL, 0, "(c2) change");
    const r2x_row *r = row_by_line(t, 5);
    ok(r && r->label == NULL && r->nvalues == 3, "(c2) line 5: an unlabeled row of 3 values");
    check_value(t, r, 0, "33254000000", "JPY", -6, "(c2) line 5");
    ok(count_diag(R2X_SEV_WARNING, 5, "no label") == 1 &&
       count_diag(R2X_SEV_WARNING, 6, "no label") == 1,
       "(c2) each unlabeled row is reported on its line");
    ok(f.nerrors == 0, "(c2) no errors");
done:
    teardown(&f);
}

/* ---- (d) two figures in one cell ------------------------------------------- */

static const char two_figures[] =
    "SI Revenue Breakdown and Cost\n"                               /* 1 */
    "\n"                                                            /* 2 */
    "\t2Q08\t2Q09\tYoY Change\n"                                    /* 3 */
    "\tJPY millions\tJPY millions\t\n"                              /* 4 */
    "SI Revenues\t8,029\t7,059\t(12.1%)\n"                          /* 5 */
    "Systems Operation and Maintenance\t4,775 4,715\t\t(1.3%)\n"    /* 6 */
    "Cost of SI\t6,154\t5,174\t(15.9%)\n";                          /* 7 */

static void test_two_figures(void)
{
    fixture f;
    if (!setup(&f, "two.txt", two_figures, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(d) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    check_column(t, 1, R2X_COL_AMOUNT, "2008-07-01..2008-09-30", "JPY", 6, "(d) 2Q08");
    check_column(t, 2, R2X_COL_AMOUNT, "2009-07-01..2009-09-30", "JPY", 6, "(d) 2Q09");
    check_column(t, 3, R2X_COL_CHANGE, "none", NULL, 0, "(d) YoY Change");
    const r2x_row *r = row_by_label(t, "Systems Operation and Maintenance");
    ok(r && r->nvalues == 3, "(d) the row has 3 values");
    check_value(t, r, 1, "4775000000", "JPY", -6, "(d) first figure stays");
    check_value(t, r, 2, "4715000000", "JPY", -6, "(d) second figure moves right");
    check_value(t, r, 3, "-0.013", "pure", 3, "(d) change");
    const r2x_value *v = value_at(t, r, 2);
    if (v)
        is_str(v->text, "4,715", "(d) the moved value's text is its own figure");
    v = value_at(t, r, 1);
    if (v)
        is_str(v->text, "4,775", "(d) the first value's text is its own figure");
    ok(count_diag(R2X_SEV_WARNING, 6, "two figures") == 1, "(d) a warning names line 6");
    ok(count_sev(R2X_SEV_WARNING) == 1 && f.nerrors == 0, "(d) nothing else reported");
    if (count_sev(R2X_SEV_WARNING) != 1)
        dump_diags();
done:
    teardown(&f);
}

/* ---- (e), (f), (g): a damaged three-month income statement ----------------- */

static const char income_3m[] =
    "Quarterly Consolidated Statements of Income\n"                                  /* 1 */
    "\n"                                                                             /* 2 */
    "\tThree Months Ended September 30, 2008\t\tThree Months Ended September 30, 2009\t\t\n" /* 3 */
    "\tThousands of JPY\t% of total revenues\tThousands of U.S. Dollars\tThousands of JPY\t% of total revenues\n" /* 4 */
    "Total revenues\t16,925,708\t100.0\t183,713\t16,440,514\t100.0\n"                /* 5 */
    "COST AND EXPENSES:\t10,525,700\t100.0\t100,710\t10,110,011\t100.0\n"            /* 6 */
    "Cost of equipment sales\t265,915\t\t1,680\t150,388\t\n"                         /* 7 */
    "Cost of ATM operation business\t85.303\t\t2,400\t214,748\t\n"                   /* 8 */
    "Total cost\t13,781,602\t81.4\t147,499\t13,199,646\t80.3\n"                      /* 9 */
    "\t85,156\t0.5\t965\t86,353\t0.5\n"                                              /* 10 */
    "Research and development\t\t\t\t\t\n"                                           /* 11 */
    "OPERATING INCOME\t594,180\t3.5\t9,109\t815,205\t4.9\n";                         /* 12 */

static void test_repairs(void)
{
    fixture f;
    if (!setup(&f, "q.txt", income_3m, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(e-g) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    check_column(t, 1, R2X_COL_AMOUNT, "2008-07-01..2008-09-30", "JPY", 3, "(e-g)");
    check_column(t, 4, R2X_COL_AMOUNT, "2009-07-01..2009-09-30", "JPY", 3, "(e-g)");

    /* (e) "85.303" among whole figures of a thousands column */
    const r2x_row *r = row_by_label(t, "Cost of ATM operation business");
    check_value(t, r, 1, "85303000", "JPY", -3, "(e) '85.303' read as 85,303 thousands");
    check_value(t, r, 4, "214748000", "JPY", -3, "(e) its neighbour");
    ok(count_diag(R2X_SEV_WARNING, 8, "85.303") == 1,
       "(e) a warning names line 8 and quotes the cell");

    /* (f) a section heading that carries figures */
    r = row_by_label(t, "COST AND EXPENSES:");
    ok(r != NULL, "(f) the section heading row is kept");
    ok(r && r->nvalues == 0 && r->is_heading && r->line == 6,
       "(f) ... with no values, as a heading, line 6");
    ok(count_diag(R2X_SEV_WARNING, 6, "COST AND EXPENSES:") == 1,
       "(f) a warning names line 6");

    /* (g) unlabeled figures, their label alone on the next line */
    r = row_by_label(t, "Research and development");
    ok(r && r->nvalues == 5, "(g) the lone label and the figures above make one row");
    ok(r && r->line == 10 && r->label_line == 11, "(g) figures from line 10, label from line 11");
    check_value(t, r, 1, "85156000", "JPY", -3, "(g)");
    check_value(t, r, 2, "0.005", "pure", 3, "(g)");
    ok(count_diag(R2X_SEV_WARNING, 11, "Research and development") == 1,
       "(g) a warning names line 11");
    ok(row_by_line(t, 11) == NULL, "(g) no separate row for the label line");
    int unlabeled = 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (!t->rows[i].label)
            unlabeled++;
    ok(unlabeled == 0, "(g) no unlabeled row is left");
    ok(count_diag(R2X_SEV_WARNING, 10, "no label") == 0,
       "(g) the mended row is not reported as unlabeled");

    r = row_by_label(t, "OPERATING INCOME");
    check_value(t, r, 3, "9109000", "USD", -3, "(e-g) convenience column");
    ok(f.nerrors == 0 && count_sev(R2X_SEV_ERROR) == 0, "(e-g) no errors");
    ok(count_sev(R2X_SEV_WARNING) == 3, "(e-g) exactly the three repairs are reported");
    if (count_sev(R2X_SEV_WARNING) != 3)
        dump_diags();
    /* diagnostics come in line order */
    int sorted = 1;
    for (size_t i = 1; i < ndiags; i++)
        if (diags[i].line < diags[i - 1].line)
            sorted = 0;
    ok(sorted, "(e-g) diagnostics are sent in line order");
done:
    teardown(&f);
}

/* ---- (h) labels wrapped over two lines ------------------------------------- */

static const char wrapped[] =
    "Consolidated Balance Sheets\n"                                                  /* 1 */
    "\n"                                                                             /* 2 */
    "\tAs of March 31, 2009\tAs of September 30, 2009\n"                             /* 3 */
    "\tThousands of JPY\tThousands of JPY\n"                                         /* 4 */
    "SHAREHOLDERS' EQUITY: Common stock\xe2\x80\x94" "authorized, 377,600 shares;\t\t\n" /* 5 */
    "issued and outstanding, 206,478 shares\t16,833,847\t16,833,847\n"               /* 6 */
    "Additional paid-in capital\t27,611,737\t27,415,772\n"                           /* 7 */
    "Provision for allowance for doubtful\t\t\n"                                     /* 8 */
    "accounts and advances\t8,391\t(646)\n"                                          /* 9 */
    "OTHER ASSETS\t\t\n"                                                             /* 10 */
    "Goodwill\t2,639,319\t2,639,319\n";                                              /* 11 */

static void test_wrapped_labels(void)
{
    fixture f;
    if (!setup(&f, "wrap.txt", wrapped, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "(h) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    const char *joined = "SHAREHOLDERS' EQUITY: Common stock\xe2\x80\x94"
                         "authorized, 377,600 shares; issued and outstanding, 206,478 shares";
    const r2x_row *r = row_by_label(t, joined);
    ok(r != NULL, "(h) a label ending in ';' joins the next line");
    ok(r && r->label_line == 5 && r->line == 6 && r->nvalues == 2,
       "(h) label from line 5, figures from line 6");
    check_value(t, r, 1, "16833847000", "JPY", -3, "(h) wrapped row: an amount, not shares");
    ok(row_by_line(t, 5) == NULL, "(h) no row of its own for line 5");

    r = row_by_label(t, "Provision for allowance for doubtful accounts and advances");
    ok(r && r->label_line == 8 && r->line == 9, "(h) a next line starting lower-case joins");
    check_value(t, r, 2, "-646000", "JPY", -3, "(h) joined row value");

    r = row_by_label(t, "OTHER ASSETS");
    ok(r && r->is_heading && r->nvalues == 0, "(h) 'OTHER ASSETS' stays a heading of its own");
    r = row_by_label(t, "Goodwill");
    ok(r && r->label_line == 11 && r->nvalues == 2, "(h) 'Goodwill' is not joined to it");
    ok(t->nrows == 5, "(h) 5 rows");
    if (t->nrows != 5)
        for (size_t i = 0; i < t->nrows; i++)
            printf("#   row '%s'\n", t->rows[i].label ? t->rows[i].label : "(null)");
    ok(f.nerrors == 0, "(h) no errors");
done:
    teardown(&f);
}

/* ---- (i) a figure beyond the heading width --------------------------------- */

static const char too_wide[] =
    "Other Financial Statistics\n"                  /* 1 */
    "\n"                                            /* 2 */
    "\t2Q08\t2Q09\n"                                /* 3 */
    "\tJPY millions\tJPY millions\n"                /* 4 */
    "Adjusted EBITDA\t1,948\t2,099\n"               /* 5 */
    "Operating income\t594\t815\t37.2%\n"           /* 6 */
    "Depreciation and amortization\t1,354\t1,284\n"; /* 7 */

static void test_beyond_width(void)
{
    fixture f;
    if (!setup(&f, "wide.txt", too_wide, CAL_IIJ))
        return;
    ok(f.nerrors == 1, "(i) nerrors == 1");
    if (f.nerrors != 1)
        printf("#   nerrors %zu\n", f.nerrors);
    ok(count_diag(R2X_SEV_ERROR, 6, "37.2%") == 1,
       "(i) an error names line 6 and quotes the figure");
    ok(count_sev(R2X_SEV_ERROR) == 1, "(i) one error diagnostic");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    ok(t->ncolumns == 2, "(i) the table keeps its 2 columns");
    const r2x_row *r = row_by_label(t, "Operating income");
    ok(r && r->nvalues == 2, "(i) the row keeps the figures that can be placed");
    check_value(t, r, 2, "815000000", "JPY", -6, "(i) operating income 2Q09");
done:
    teardown(&f);
}

/* ---- (j) US style: stacked headings, a bare scale -------------------------- */

static const char us_style[] =
    "Condensed Consolidated Statements of Operations\n"                              /* 1 */
    "(In millions, except per share amounts)\n"                                      /* 2 */
    "\n"                                                                             /* 3 */
    "\tThree Months Ended\t\tNine Months Ended\t\n"                                  /* 4 */
    "\tSeptember 30, 2004\tSeptember 30, 2003\tSeptember 30, 2004\tSeptember 30, 2003\n" /* 5 */
    "Net sales\t$ 1,234\t$ 1,100\t$ 3,600\t$ 3,300\n"                                /* 6 */
    "Net income\t$ (12)\t$ 45\t$ 60\t$ 130\n"                                        /* 7 */
    "Basic earnings per share\t$ 0.45\t$ 0.40\t$ 1.30\t$ 1.20\n"                     /* 8 */
    "Shares used in computing basic earnings per share\t924\t910\t920\t905\n";       /* 9 */

static void test_us_style(void)
{
    fixture f;
    if (!setup(&f, "us.txt", us_style, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "(j) one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];
    is_str(t->title, "Condensed Consolidated Statements of Operations",
           "(j) the title, not the scale line under it");
    ok(t->title_line == 1, "(j) title line 1");
    ok(t->statement == R2X_STMT_INCOME, "(j) statement income");
    ok(t->ncolumns == 4, "(j) 4 columns");
    check_column(t, 1, R2X_COL_AMOUNT, "2004-07-01..2004-09-30", NULL, 0, "(j)");
    check_column(t, 2, R2X_COL_AMOUNT, "2003-07-01..2003-09-30", NULL, 0, "(j)");
    check_column(t, 3, R2X_COL_AMOUNT, "2004-01-01..2004-09-30", NULL, 0, "(j)");
    check_column(t, 4, R2X_COL_AMOUNT, "2003-01-01..2003-09-30", NULL, 0, "(j)");
    const r2x_column *c = column_at(t, 1);
    ok(c && c->scale == 6, "(j) the bare '(In millions ...)' gives columns scale 6");

    const r2x_row *r = row_by_label(t, "Net sales");
    check_value(t, r, 1, "1234000000", NULL, -6, "(j) net sales in millions");
    check_value(t, r, 4, "3300000000", NULL, -6, "(j) net sales, nine months 2003");
    const r2x_value *v = value_at(t, r, 1);
    /* No currency is named in the title or headings, only "$" in the cells:
     * the sign names it. */
    ok(v && !strcmp(unit_str(&v->unit), "USD"), "(j) '$' in the cells makes the column USD");

    r = row_by_label(t, "Net income");
    /* Fixed bug (regression test): "$ (12)", a currency sign before a parenthesised figure, is not
     * read as a figure (see test_numbers.c, "$(12)"): the cell is dropped
     * with a "not a figure" warning. */
    check_value(t, r, 1, "-12000000", NULL, -6, "(j) '$ (12)' is -12 millions");

    r = row_by_label(t, "Basic earnings per share");
    check_value(t, r, 1, "0.45", NULL, 2, "(j) EPS not scaled (except per share amounts)");
    check_value(t, r, 3, "1.3", NULL, 2, "(j) EPS nine months");
    v = value_at(t, r, 1);
    if (v) {
        ok(!strcmp(v->unit.denominator, "shares"), "(j) EPS unit is per share");
        is_str(unit_str(&v->unit), "USD/shares", "(j) EPS unit is USD per share");
    }

    /* Fixed bug (regression test): "Shares used in computing basic earnings per share" is read as a
     * per-share amount (unit_from_label tests "per share" before "shares
     * used"), so its figures are not scaled: 924 "/shares" instead of
     * 924,000,000 shares (the bare scale applies to share counts when no
     * scale of their own is stated). */
    r = row_by_label(t, "Shares used in computing basic earnings per share");
    check_value(t, r, 1, "924000000", "shares", -6, "(j) shares used, in millions");
    ok(f.nerrors == 0, "(j) no errors");
done:
    teardown(&f);
}

/* ---- (k), (l) a table continued below a blank line ------------------------- */

static const char continued[] =
    "Consolidated Statements of Income\n"                                          /* 1 */
    "\n"                                                                           /* 2 */
    "\tSix Months Ended September 30, 2008\t\tSix Months Ended September 30, 2009\t\n" /* 3 */
    "\tThousands of JPY\t% of total revenues\tThousands of U.S. Dollars\tThousands of JPY\t% of total revenues\n" /* 4 */
    "Total revenues\t33,253,841\t100.0\t360,655\t32,275,024\t100.0\n"              /* 5 */
    "NET INCOME\t227,761\t0.7\t6,034\t539,951\t1.7\n"                              /* 6 */
    "\n"                                                                           /* 7 */
    "\tSix Months Ended September 30, 2008\t\tMonths Ended stember 30, 2009\n"     /* 8 */
    "NET INCOME PER SHARE (ADS)\t\t\t\n"                                           /* 9 */
    "BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)\t206,478\t\t202,544\n"       /* 10 */
    "BASIC WEIGHTED-AVERAGE NUMBER OF ADS EQUIVALENTS (ADSs)\t82,591,200\t\t81,017,600\n" /* 11 */
    "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. PER SHARE (JPY / U.S. Dollars / JPY)\t1,780.11\t39.47\t3,532.01\n" /* 12 */
    "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. PER ADS (JPY / U.S. Dollars / JPY)\t4.45\t0.10\t8.83\n" /* 13 */
    "\n"                                                                           /* 14 */
    "Note1) U.S. dollar amounts are translations at JPY 89.49 per U.S. dollar.\n"; /* 15 */

static void test_continuation(void)
{
    fixture f;
    if (!setup(&f, "cont.txt", continued, CAL_IIJ))
        return;
    ok(f.set->ntables == 2, "(k) two tables");
    if (f.set->ntables < 2)
        goto done;
    const r2x_table *t1 = &f.set->tables[0], *t2 = &f.set->tables[1];
    ok(t1->continues == 0, "(k) the first table continues nothing");
    ok(t2->continues == 1, "(k) the second continues table 1");
    is_str(t2->title, "Consolidated Statements of Income", "(k) the continuation keeps the title");
    ok(t2->title_line == 1, "(k) ... and its line");
    ok(t2->statement == R2X_STMT_INCOME, "(k) ... and the statement");
    ok(t2->first_line == 8 && t2->last_line == 13, "(k) the continuation spans lines 8..13");

    check_column(t2, 1, R2X_COL_AMOUNT, "2008-04-01..2008-09-30", NULL, 0, "(l)");
    check_column(t2, 2, R2X_COL_CONVENIENCE, "2009-04-01..2009-09-30", NULL, 0, "(l)");
    check_column(t2, 3, R2X_COL_AMOUNT, "2009-04-01..2009-09-30", NULL, 0, "(l)");
    ok(count_diag(R2X_SEV_WARNING, 8, "stember") == 1,
       "(l) the damaged heading of the continuation is mended and reported on line 8");

    const r2x_row *r = row_by_label(t2, "NET INCOME PER SHARE (ADS)");
    ok(r && r->is_heading && r->nvalues == 0, "(l) 'NET INCOME PER SHARE (ADS)' is a heading");

    r = row_by_label(t2, "BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)");
    ok(r && r->nvalues == 2, "(l) shares row: 2 values");
    check_value(t2, r, 1, "206478", "shares", 0, "(l) shares are not scaled by 'Thousands of JPY'");
    check_value(t2, r, 3, "202544", "shares", 0, "(l) shares 1H09");

    r = row_by_label(t2, "BASIC WEIGHTED-AVERAGE NUMBER OF ADS EQUIVALENTS (ADSs)");
    check_value(t2, r, 1, "82591200", "ADS", 0, "(l) ADS count");
    const r2x_value *v = value_at(t2, r, 1);
    ok(v && v->unit.kind == R2X_UNIT_OTHER, "(l) an ADS count has unit kind OTHER");

    r = row_by_label(t2, "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. "
                         "PER SHARE (JPY / U.S. Dollars / JPY)");
    ok(r && r->nvalues == 3, "(l) per-share row: 3 values");
    check_value(t2, r, 1, "1780.11", "JPY/shares", 2, "(l) 1,780.11");
    check_value(t2, r, 2, "39.47", "USD/shares", 2, "(l) 39.47");
    check_value(t2, r, 3, "3532.01", "JPY/shares", 2, "(l) 3,532.01");
    v = value_at(t2, r, 1);
    ok(v && v->unit.kind == R2X_UNIT_PER_SHARE, "(l) unit kind per share");

    r = row_by_label(t2, "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. "
                         "PER ADS (JPY / U.S. Dollars / JPY)");
    check_value(t2, r, 1, "4.45", "JPY/ADS", 2, "(l) per ADS");
    check_value(t2, r, 2, "0.1", "USD/ADS", 2, "(l) per ADS, 0.10 keeps decimals 2");

    /* the first part is untouched by the second */
    r = row_by_label(t1, "NET INCOME");
    check_value(t1, r, 1, "227761000", "JPY", -3, "(k) first part");
    ok(f.nerrors == 0, "(k) no errors");
done:
    teardown(&f);
}

/* A table after prose is not a continuation. */
static const char two_tables[] =
    "Segment Summary\n"                         /* 1 */
    "\n"                                        /* 2 */
    "\t1H08\t1H09\n"                            /* 3 */
    "\tJPY millions\tJPY millions\n"            /* 4 */
    "Net Revenues\t33,254\t32,275\n"            /* 5 */
    "\n"                                        /* 6 */
    "CAPEX\n"                                   /* 7 */
    "\n"                                        /* 8 */
    "\t1H08\t1H09\n"                            /* 9 */
    "\tJPY millions\tJPY millions\n"            /* 10 */
    "CAPEX, including capital leases\t4,516\t2,613\n"; /* 11 */

static void test_not_continuation(void)
{
    fixture f;
    if (!setup(&f, "two-tables.txt", two_tables, CAL_IIJ))
        return;
    ok(f.set->ntables == 2, "two tables after prose: 2 tables");
    if (f.set->ntables == 2) {
        const r2x_table *t2 = &f.set->tables[1];
        ok(t2->continues == 0, "the second table is not a continuation");
        is_str(t2->title, "CAPEX", "the second table has its own title");
        ok(t2->title_line == 7, "... on line 7");
        ok(f.set->tables[0].statement == R2X_STMT_SEGMENT, "'Segment Summary' is a segment table");
    }
    teardown(&f);
}

/* ---- More repairs: space groups, unplaceable figures, decimal commas ------- */

static const char damaged_rows[] =
    "Quarterly Consolidated Statements of Income\n"                                  /* 1 */
    "\n"                                                                             /* 2 */
    "\tThree Months Ended September 30, 2008\t\tThree Months Ended September 30, 2009\t\t\n" /* 3 */
    "\tThousands of JPY\t% of total revenues\tThousands of U.S. Dollars\tThousands of JPY\t% of total revenues\n" /* 4 */
    "Interest income\t18,287\t\t82\t7 272\t\n"                                       /* 5 */
    "Interest expense\t(100,204)\t\t(907)\t7,372 (81,165)\t\n"                       /* 6 */
    "Other\xe2\x80\x94net\t(8,484)\t(0,0)\t(1,000)\t7,755\t(0.5)\n"                  /* 7 */
    "Total\t9,177,868\t\t102,557\t9,177,868\t\xc2\xb7\n"                             /* 8 */
    "Big figure\t1234567890123456789\t\t1\t2\t\n";                                   /* 9 */

static void test_row_repairs(void)
{
    fixture f;
    if (!setup(&f, "rows.txt", damaged_rows, CAL_IIJ))
        return;
    ok(f.set->ntables == 1, "rows: one table");
    if (f.set->ntables < 1)
        goto done;
    const r2x_table *t = &f.set->tables[0];

    const r2x_row *r = row_by_label(t, "Interest income");
    check_value(t, r, 4, "7272000", "JPY", -3, "'7 272' read as 7,272 thousands");
    ok(count_diag(R2X_SEV_WARNING, 5, "7 272") == 1, "'7 272': a warning names line 5");

    r = row_by_label(t, "Interest expense");
    ok(r && r->nvalues == 2 && value_at(t, r, 4) == NULL && value_at(t, r, 5) == NULL,
       "'7,372 (81,165)' next to a percent column: the cell is dropped, nothing moves");
    check_value(t, r, 3, "-907000", "USD", -3, "interest expense, other cells kept");
    ok(count_diag(R2X_SEV_WARNING, 6, "7,372 (81,165)") == 1,
       "'7,372 (81,165)': a warning names line 6");

    r = row_by_label(t, "Other\xe2\x80\x94net");
    check_value(t, r, 2, "0", "pure", 3, "'(0,0)' in a percent column is 0");
    check_value(t, r, 5, "-0.005", "pure", 3, "'(0.5)' in a percent column");
    ok(count_diag(R2X_SEV_WARNING, 7, "(0,0)") == 1, "'(0,0)': a warning names line 7");

    r = row_by_label(t, "Total");
    ok(r && r->nvalues == 3 && value_at(t, r, 5) == NULL, "a middle dot gives no value");
    ok(count_diag(R2X_SEV_WARNING, 8, "not a figure") == 1,
       "the middle dot is reported on line 8");

    r = row_by_label(t, "Big figure");
    ok(r && r->nvalues == 2 && value_at(t, r, 1) == NULL,
       "a 19-digit figure gives no value; the others stay");
    ok(count_diag(R2X_SEV_ERROR, 9, "1234567890123456789") == 1,
       "a 19-digit figure is an error naming line 9");
    ok(f.nerrors == 1, "rows: nerrors == 1");
    ok(count_sev(R2X_SEV_WARNING) == 4, "rows: 4 warnings");
    if (count_sev(R2X_SEV_WARNING) != 4 || f.nerrors != 1)
        dump_diags();
done:
    teardown(&f);
}

/* A second figure that repeats the first figure of the next line is a stray. */
static const char stray[] =
    "Adjusted EBITDA\n"                             /* 1 */
    "\n"                                            /* 2 */
    "\t2Q08\t2Q09\n"                                /* 3 */
    "\tJPY millions\tJPY millions\n"                /* 4 */
    "Adjusted EBITDA\t1,948\t2,099\n"               /* 5 */
    "Operating Income\t594 (138)\t\n"               /* 6 */
    "Other Income (Expense)\t(138)\t(89)\n"         /* 7 */
    "Income Tax Expense\t326\t284\n";               /* 8 */

static void test_stray_figure(void)
{
    fixture f;
    if (!setup(&f, "stray.txt", stray, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        const r2x_row *r = row_by_label(t, "Operating Income");
        ok(r && r->nvalues == 1, "stray: 'Operating Income' keeps one value");
        check_value(t, r, 1, "594000000", "JPY", -6, "stray: the first figure");
        ok(value_at(t, r, 2) == NULL, "stray: the repeated figure is not moved right");
        r = row_by_label(t, "Other Income (Expense)");
        check_value(t, r, 1, "-138000000", "JPY", -6, "stray: the next line keeps its figure");
        ok(count_diag(R2X_SEV_WARNING, 6, "line 7") == 1,
           "stray: a warning on line 6 names line 7");
    } else {
        ok(0, "stray: one table");
    }
    teardown(&f);
}

/* "Thousands of JPY Thousands of JPY" in one cell, the next one empty. */
static const char merged_units[] =
    "Segment profit or loss:\n"                                                      /* 1 */
    "\n"                                                                             /* 2 */
    "\tSix Months Ended September 30, 2008\tSix Months Ended September 30, 2009\t\n" /* 3 */
    "\tThousands of JPY Thousands of JPY\t\t\n"                                      /* 4 */
    "Network service and systems integration business\t1,252,716\t1,644,563\t\n"     /* 5 */
    "ATM operation business\t(233,403)\t(459,262)\t\n";                              /* 6 */

static void test_merged_unit_headings(void)
{
    fixture f;
    if (!setup(&f, "merged.txt", merged_units, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        ok(t->statement == R2X_STMT_SEGMENT, "merged: a segment table");
        ok(t->ncolumns == 2, "merged: 2 columns");
        check_column(t, 1, R2X_COL_AMOUNT, "2008-04-01..2008-09-30", "JPY", 3, "merged");
        check_column(t, 2, R2X_COL_AMOUNT, "2009-04-01..2009-09-30", "JPY", 3, "merged");
        const r2x_row *r = row_by_label(t, "ATM operation business");
        check_value(t, r, 2, "-459262000", "JPY", -3, "merged: the second column is in thousands");
        ok(count_diag(R2X_SEV_WARNING, 4, "Thousands of JPY Thousands of JPY") == 1,
           "merged: a warning names heading line 4");
    } else {
        ok(0, "merged: one table");
    }
    teardown(&f);
}

/* Units stated only above the table: "(JPY in millions)". */
static const char context_units[] =
    "FY2009 Financial Targets\n"                        /* 1 */
    "\n"                                                /* 2 */
    "(JPY in millions)\n"                               /* 3 */
    "\n"                                                /* 4 */
    "\tRevenues\tOperating Income\tNet Income\n"        /* 5 */
    "Full FY2009\t73,000\t3,300\t1,700\n";              /* 6 */

static void test_context_units(void)
{
    fixture f;
    if (!setup(&f, "ctx.txt", context_units, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        is_str(t->title, "FY2009 Financial Targets", "context: the title, not '(JPY in millions)'");
        ok(t->title_line == 1, "context: title line 1");
        check_column(t, 1, R2X_COL_AMOUNT, "none", "JPY", 6, "context");
        check_column(t, 3, R2X_COL_AMOUNT, "none", "JPY", 6, "context");
        const r2x_row *r = row_by_label(t, "Full FY2009");
        check_value(t, r, 1, "73000000000", "JPY", -6, "context: JPY millions from above");
        check_value(t, r, 3, "1700000000", "JPY", -6, "context: last column");
    } else {
        ok(0, "context: one table");
    }
    teardown(&f);
}

/* A line of bare years under a stacked heading, a bare scale above. */
static const char years_line[] =
    "Consolidated Statements of Operations\n"           /* 1 */
    "(In thousands)\n"                                  /* 2 */
    "\n"                                                /* 3 */
    "\tNine Months Ended September 30,\t\n"             /* 4 */
    "\t2004\t2003\n"                                    /* 5 */
    "Revenues\t100,000\t90,000\n"                       /* 6 */
    "Net loss\t(1,500)\t\xe2\x80\x94\n";                /* 7 */

static void test_years_line(void)
{
    fixture f;
    if (!setup(&f, "years.txt", years_line, CAL_DEC))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        check_column(t, 1, R2X_COL_AMOUNT, "2004-01-01..2004-09-30", NULL, 0, "years");
        check_column(t, 2, R2X_COL_AMOUNT, "2003-01-01..2003-09-30", NULL, 0, "years");
        const r2x_row *r = row_by_label(t, "Revenues");
        ok(r && r->line == 6, "years: the line of years is a heading, 'Revenues' the first row");
        check_value(t, r, 1, "100000000", NULL, -3, "years: bare thousands");
        r = row_by_label(t, "Net loss");
        check_value(t, r, 1, "-1500000", NULL, -3, "years: negative");
        const r2x_value *v = value_at(t, r, 2);
        ok(v && v->nil_dash && v->value.coef == 0, "years: an em dash is nil");
        ok(ndiags == 0, "years: no diagnostics");
        if (ndiags)
            dump_diags();
    } else {
        ok(0, "years: one table");
    }
    teardown(&f);
}

/* Counts with no currency, a unit word after the figures. */
static const char contracts[] =
    "Number of Contracts for Connectivity Services\n"                 /* 1 */
    "\n"                                                              /* 2 */
    "\tSep 30, 2008\tSep 30, 2009\tYoY Change\n"                      /* 3 */
    "Connectivity Services (Corporate Use)\t40,611\t57,200\t16,589\n" /* 4 */
    "IP Service (-99Mbps)\t895\t926\t31\n"                            /* 5 */
    "Others\t1,654\t1,453\t(201)\n"                                   /* 6 */
    "Total Contracted Bandwidth\t449.1 Gbps\t619.8 Gbps\t170.7 Gbps\n"; /* 7 */

static void test_contracts(void)
{
    fixture f;
    if (!setup(&f, "contracts.txt", contracts, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        check_column(t, 1, R2X_COL_AMOUNT, "@2008-09-30", NULL, 0, "contracts");
        check_column(t, 2, R2X_COL_AMOUNT, "@2009-09-30", NULL, 0, "contracts");
        check_column(t, 3, R2X_COL_CHANGE, "none", NULL, 0, "contracts");
        const r2x_row *r = row_by_label(t, "IP Service (-99Mbps)");
        ok(r != NULL, "contracts: '(-99Mbps)' stays in the label");
        check_value(t, r, 1, "895", "", 0, "contracts: a plain count, no unit, no scale");
        r = row_by_label(t, "Others");
        check_value(t, r, 3, "-201", "", 0, "contracts: change of a count");
        r = row_by_label(t, "Total Contracted Bandwidth");
        ok(r && r->is_total, "contracts: bandwidth row is a total");
        check_value(t, r, 1, "449.1", "Gbps", 1, "contracts: 449.1 Gbps");
        check_value(t, r, 3, "170.7", "Gbps", 1, "contracts: 170.7 Gbps change");
        const r2x_value *v = value_at(t, r, 2);
        ok(v && v->unit.kind == R2X_UNIT_OTHER, "contracts: Gbps is unit kind OTHER");
        ok(ndiags == 0, "contracts: no diagnostics");
    } else {
        ok(0, "contracts: one table");
    }
    teardown(&f);
}

/* The bare scale phrase that states shares apart. */
static const char shares_apart[] =
    "Consolidated Statements of Operations\n"                                        /* 1 */
    "(In millions, except number of shares which are reflected in thousands and per share amounts)\n" /* 2 */
    "\n"                                                                             /* 3 */
    "\tThree Months Ended September 30, 2004\tThree Months Ended September 30, 2003\n" /* 4 */
    "Net sales\t1,234\t1,100\n"                                                      /* 5 */
    "Weighted average shares outstanding\t924\t910\n"                                /* 6 */
    "Basic earnings per share\t0.45\t0.40\n";                                        /* 7 */

static void test_shares_apart(void)
{
    fixture f;
    if (!setup(&f, "apart.txt", shares_apart, CAL_DEC))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        check_column(t, 1, R2X_COL_AMOUNT, "2004-07-01..2004-09-30", NULL, 0, "apart");
        /* Fixed bug (regression test): unit_scan() returns the clause's "in thousands" as a second
         * bare scale, which overwrites the table's bare scale: amounts come
         * out in thousands (1234000) instead of millions. */
        const r2x_row *r = row_by_label(t, "Net sales");
        check_value(t, r, 1, "1234000000", NULL, -6, "apart: amounts in millions");
        r = row_by_label(t, "Weighted average shares outstanding");
        check_value(t, r, 1, "924000", "shares", -3, "apart: shares in thousands");
        r = row_by_label(t, "Basic earnings per share");
        check_value(t, r, 1, "0.45", NULL, 2, "apart: per share amounts not scaled");
    } else {
        ok(0, "apart: one table");
    }
    teardown(&f);
}

/* A currency and scale stated as "(in thousands of U.S. dollars)". */
static const char usd_thousands[] =
    "Consolidated Balance Sheets\n"                     /* 1 */
    "(in thousands of U.S. dollars)\n"                  /* 2 */
    "\n"                                                /* 3 */
    "\tDecember 31, 2009\tDecember 31, 2008\n"          /* 4 */
    "Cash\t1,234\t1,100\n";                             /* 5 */

static void test_usd_thousands(void)
{
    fixture f;
    if (!setup(&f, "usd.txt", usd_thousands, CAL_DEC))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        check_column(t, 1, R2X_COL_AMOUNT, "@2009-12-31", NULL, 0, "usd");
        check_column(t, 2, R2X_COL_AMOUNT, "@2008-12-31", NULL, 0, "usd");
        /* Fixed bug (regression test): see test_units.c: "(in thousands of U.S. dollars)" is read as
         * U.S. dollars with no scale, so neither the currency nor the scale
         * reaches the table. */
        const r2x_row *r = row_by_label(t, "Cash");
        check_value(t, r, 1, "1234000", "USD", -3, "usd: thousands of U.S. dollars");
    } else {
        ok(0, "usd: one table");
    }
    teardown(&f);
}

/* Prose just above a table is not its title. */
static const char prose_above[] =
    "The table below reconciles adjusted EBITDA to net income under U.S. GAAP for the periods.\n" /* 1 */
    "\n"                                                /* 2 */
    "\t1H08\t1H09\n"                                    /* 3 */
    "\tJPY millions\tJPY millions\n"                    /* 4 */
    "Adjusted EBITDA\t3,604\t3,810\n";                  /* 5 */

static void test_prose_above(void)
{
    fixture f;
    if (!setup(&f, "prose.txt", prose_above, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        ok(t->title == NULL && t->title_line == 0, "prose: a sentence above is not a title");
        ok(t->statement == R2X_STMT_OTHER, "prose: statement other");
    } else {
        ok(0, "prose: one table");
    }
    teardown(&f);
}

/* More amount columns than period headings: each period covers the cells
 * from its heading to the next. */
static const char uneven[] =
    "Balance Sheet Highlights\n"                                          /* 1 */
    "\n"                                                                  /* 2 */
    "\tAs of March 31, 2009\t\tAs of September 30, 2009\n"                /* 3 */
    "\tThousands of JPY\tThousands of JPY\tThousands of JPY\n"            /* 4 */
    "Cash\t1\t2\t3\n";                                                    /* 5 */

static void test_uneven_periods(void)
{
    fixture f;
    if (!setup(&f, "uneven.txt", uneven, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        check_column(t, 1, R2X_COL_AMOUNT, "@2009-03-31", "JPY", 3, "uneven");
        check_column(t, 2, R2X_COL_AMOUNT, "@2009-03-31", "JPY", 3, "uneven");
        check_column(t, 3, R2X_COL_AMOUNT, "@2009-09-30", "JPY", 3, "uneven");
        ok(count_diag(R2X_SEV_WARNING, 4, "3 amount columns but 2 period") == 1,
           "uneven: a warning on the last heading line says so");
    } else {
        ok(0, "uneven: one table");
    }
    teardown(&f);
}

/* A table on the first line of the document has no title. */
static void test_table_at_top(void)
{
    fixture f;
    if (!setup(&f, "top.txt", "\t1H08\t1H09\n\tJPY millions\tJPY millions\nRevenues\t1\t2\n",
               CAL_IIJ))
        return;
    ok(f.set->ntables == 1 && f.set->tables[0].title == NULL &&
       f.set->tables[0].title_line == 0 && f.set->tables[0].first_line == 1,
       "a table on line 1: no title");
    teardown(&f);
}

/* No options: the default calendar (31 December, named by end), no
 * diagnostics callback, nerrors may be NULL. */
static void test_no_options(void)
{
    r2x_document *doc = NULL;
    r2x_tableset *set = NULL;
    r2x_error err;
    int rc = r2x_document_read_memory("noopt.txt", fiscal_codes, strlen(fiscal_codes), NULL,
                                      &doc, &err);
    if (rc == R2X_OK)
        rc = r2x_tables_extract(doc, NULL, &set, NULL, &err);
    ok(rc == R2X_OK && set && set->ntables == 1, "no options: extraction succeeds");
    if (rc == R2X_OK && set && set->ntables == 1) {
        const r2x_column *c = column_at(&set->tables[0], 1);
        ok(c != NULL, "no options: column 1 exists");
        if (c)
            is_str(period_str(&c->period), "2008-01-01..2008-06-30",
                   "no options: 1H08 with the default calendar is January to June 2008");
    }
    r2x_tableset_free(set);
    r2x_document_free(doc);
    r2x_tableset_free(NULL);
    r2x_document_free(NULL);
    r2x_profile_free(NULL);
}

/* ---- table_strip_footnote ------------------------------------------------- */

static void test_helpers(void)
{
    char mark[32];
    const char *l1 = "IP Service \xe2\x81\xb4";
    size_t n = table_strip_footnote(l1, strlen(l1), mark, sizeof mark);
    ok(n == 10 && strcmp(mark, "\xe2\x81\xb4") == 0, "footnote: 'IP Service \\u2074' -> 'IP Service'");
    const char *l2 = "Revenues (1)";
    n = table_strip_footnote(l2, strlen(l2), mark, sizeof mark);
    ok(n == 8 && strcmp(mark, "(1)") == 0, "footnote: 'Revenues (1)' -> 'Revenues', mark (1)");
    const char *l3 = "Net income*";
    n = table_strip_footnote(l3, strlen(l3), mark, sizeof mark);
    ok(n == 10 && strcmp(mark, "*") == 0, "footnote: 'Net income*' -> 'Net income'");
    const char *l4 = "IIJ Mobile Service \xc2\xb3";
    n = table_strip_footnote(l4, strlen(l4), mark, sizeof mark);
    ok(n == 18 && strcmp(mark, "\xc2\xb3") == 0, "footnote: superscript three");
    const char *l5 = "IP Service (100Mbps-999Mbps)";
    n = table_strip_footnote(l5, strlen(l5), mark, sizeof mark);
    ok(n == strlen(l5) && mark[0] == '\0', "footnote: '(100Mbps-999Mbps)' is not a marker");
    const char *l6 = "*";
    n = table_strip_footnote(l6, 1, mark, sizeof mark);
    ok(n == 1, "footnote: a label that is only a marker is kept");
}

/* Footnote markers are stripped from row labels and kept apart. */
static const char footnotes[] =
    "Connectivity and Outsourcing Services Revenues Breakdown\n"  /* 1 */
    "\n"                                                          /* 2 */
    "\t1H08\t1H09\tYoY % change\n"                                /* 3 */
    "\tJPY millions\tJPY millions\t\n"                            /* 4 */
    "IP Service \xe2\x81\xb4\t4,565\t4,648\t1.8%\n"               /* 5 */
    "  Others\t178\t150\t(15.4%)\n";                              /* 6 */

static void test_row_footnotes(void)
{
    fixture f;
    if (!setup(&f, "fn.txt", footnotes, CAL_IIJ))
        return;
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        const r2x_row *r = row_by_label(t, "IP Service");
        ok(r && r->footnote && strcmp(r->footnote, "\xe2\x81\xb4") == 0,
           "a superscript footnote marker is stripped from the label and kept");
        r = row_by_label(t, "Others");
        ok(r && r->indent == 2 && r->footnote == NULL, "a label's leading spaces are its indent");
    } else {
        ok(0, "footnotes: one table");
    }
    teardown(&f);
}

/* A section heading under the years ("REVENUE BY SEGMENT") is the body's,
 * not the title's: the table is an income statement by what it holds. */
static const char segment_row_first[] =
    "                 COMPARATIVE FINANCIAL RESULTS\n"                               /* 1 */
    "      (Dollars in millions except per share amounts)\n"                        /* 2 */
    "\n"                                                                             /* 3 */
    "                                 Three Months Ended June 30,\n"                 /* 4 */
    "                                     2025         2024\n"                       /* 5 */
    "REVENUE BY SEGMENT\n"                                                           /* 6 */
    "Software                           7,387        6,739\n"                        /* 7 */
    "Consulting                         5,314        5,179\n"                        /* 8 */
    "TOTAL REVENUE                     12,701       11,918\n"                        /* 9 */
    "SG&A                               5,027        4,938\n"                        /* 10 */
    "R&D                                2,097        1,840\n"                        /* 11 */
    "INCOME BEFORE INCOME TAXES         5,577        5,140\n"                        /* 12 */
    "Provision for income taxes           404          389\n"                        /* 13 */
    "NET INCOME                         5,173        4,751\n"                        /* 14 */
    "EARNINGS PER SHARE\n"                                                           /* 15 */
    "  Diluted                           2.31         1.96\n";                       /* 16 */

static void test_segment_row_first(void)
{
    fixture f;
    if (!setup(&f, "segment-row.txt", segment_row_first, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "segment row first: one table");
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        is_str(t->title, "COMPARATIVE FINANCIAL RESULTS", "segment row first: the title");
        is_str(r2x_statement_name(t->statement), "income-statement",
               "segment row first: an income statement, not a segment table");
        ok(row_by_label(t, "REVENUE BY SEGMENT") != NULL, "... the heading is a row");
    }
    teardown(&f);
}

/* Earnings per share under a title of their own right after the income
 * statement are the statement's end; a table after prose is not. */
static const char eps_apart[] =
    "CONDENSED CONSOLIDATED STATEMENT OF INCOME\n"                                 /* 1 */
    "                                        Three Months Ended\n"                   /* 2 */
    "Dollars in millions                           June 30,\n"                       /* 3 */
    "                                            2025      2024\n"                   /* 4 */
    "Revenues                                  79,477    89,986\n"                   /* 5 */
    "Costs                                     70,801    79,395\n"                   /* 6 */
    "Income before income taxes                 8,676    10,591\n"                   /* 7 */
    "Income tax expense                         3,351     4,094\n"                   /* 8 */
    "Net income                                 5,325     6,497\n"                   /* 9 */
    "\n"                                                                             /* 10 */
    "OTHER FINANCIAL DATA\n"                                                         /* 11 */
    "                                        Three Months Ended\n"                   /* 12 */
    "Dollars in millions                           June 30,\n"                       /* 13 */
    "                                            2025      2024\n"                   /* 14 */
    "Earnings per common share (U.S. dollars)    1.64      2.14\n"                   /* 15 */
    "Dividends on common stock                  4,288     4,285\n"                   /* 16 */
    "\n"                                                                             /* 17 */
    "The figures below are from our operations and are discussed above in full.\n"  /* 18 */
    "                                            2025      2024\n"                   /* 19 */
    "Earnings per common share (U.S. dollars)    1.64      2.14\n";                  /* 20 */

static void test_eps_apart(void)
{
    fixture f;
    if (!setup(&f, "eps-apart.txt", eps_apart, CAL_DEC))
        return;
    ok(f.set->ntables == 3, "eps apart: three tables (got %zu)", f.set->ntables);
    if (f.set->ntables == 3) {
        is_str(f.set->tables[1].title, "OTHER FINANCIAL DATA", "eps apart: its own title");
        is_str(r2x_statement_name(f.set->tables[1].statement), "income-statement",
               "eps apart: the income statement's end");
        is_str(r2x_statement_name(f.set->tables[2].statement), "other",
               "eps apart: not after prose");
    }
    teardown(&f);
}

/* A line that ends as a heading does ("Changes in assets and liabilities
 * -") heads the deeper lines under it, though it reaches across a narrow
 * label column. */
static const char dash_heading[] =
    "                                                2024      2023\n"      /* 1 */
    "Cash flows - operating activities:\n"                                  /* 2 */
    "  Net loss                                    (1,829)      242\n"      /* 3 */
    "    Changes in assets and liabilities \xe2\x80\x93\n"                  /* 4 */
    "       Accounts receivable                       (37)     (128)\n"     /* 5 */
    "       Inventories                            (1,353)   (1,681)\n"     /* 6 */
    "         Net cash used by operating activities  (3,219)   (1,567)\n";  /* 7 */

static void test_dash_heading(void)
{
    fixture f;
    if (!setup(&f, "dash-heading.txt", dash_heading, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "dash heading: one table");
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        ok(row_by_label(t, "Accounts receivable") != NULL,
           "dash heading: 'Accounts receivable' is a line of its own");
        const r2x_row *h = row_by_line(t, 4);
        ok(h && h->nvalues == 0, "dash heading: the heading is a row without figures");
    }
    teardown(&f);
}

/* A statement "As a percentage of total revenues": its bare figures are
 * percentages of the total, not amounts. */
static const char percent_of_revenues[] =
    "Condensed Consolidated Statements of Operations\n"                        /* 1 */
    "(As a percentage of total revenues)\n"                                    /* 2 */
    "                                   Three Months Ended July 31,\n"         /* 3 */
    "                                       2023          2022\n"              /* 4 */
    "Subscription and support                 93 %          93 %\n"            /* 5 */
    "Professional services and other           7             7\n"              /* 6 */
    "Total revenues                          100           100\n";             /* 7 */

static void test_percent_of_revenues(void)
{
    fixture f;
    if (!setup(&f, "percent-of-revenues.txt", percent_of_revenues, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "percent of revenues: one table");
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        ok(t->ncolumns == 2 && t->columns[0].role == R2X_COL_PERCENT_OF_TOTAL &&
           t->columns[1].role == R2X_COL_PERCENT_OF_TOTAL,
           "percent of revenues: the columns are percentages of the total");
        const r2x_row *r = row_by_label(t, "Professional services and other");
        ok(r && r->nvalues == 2 && r->values[0].unit.kind == R2X_UNIT_PURE,
           "percent of revenues: a bare 7 is a ratio");
        r2x_table_stats st;
        r2x_table_stats_init(&st);
        r2x_tables_stats(f.set, &st);
        ok(st.figures == 0, "percent of revenues: no amount figures to place (%zu)", st.figures);
    }
    teardown(&f);
}

/* A "%" set apart from its figure, as PDF text extraction leaves it: a
 * percentage as "12.5 %" is, not an amount in the table's currency. */
static const char percent_apart[] =
    "CONSOLIDATED STATEMENTS OF INCOME\n"                                       /* 1 */
    "(In millions)\n"                                                           /* 2 */
    "                         Three Months Ended\n"                             /* 3 */
    "                      March 31,     March 31,\n"                           /* 4 */
    "                         2024          2023\n"                             /* 5 */
    "Revenue               $ 1,234       $ 1,100\n"                             /* 6 */
    "Gross margin             63.0  %      63.6  %\n"                           /* 7 */
    "Operating margin         12.5 %       11.0 %\n";                           /* 8 */

static void test_percent_apart(void)
{
    fixture f;
    if (!setup(&f, "percent-apart.txt", percent_apart, CAL_DEC))
        return;
    const r2x_row *gross = f.set->ntables == 1 ? row_by_label(&f.set->tables[0], "Gross margin")
                                               : NULL;
    ok(gross && gross->nvalues == 2, "percent apart: the gross margin has two figures");
    if (gross && gross->nvalues == 2) {
        is_str(dec_str(gross->values[0].value), "0.63", "percent apart: 63.0 %% is 0.63");
        is_str(dec_str(gross->values[1].value), "0.636", "percent apart: 63.6 %% is 0.636");
        is_str(unit_str(&gross->values[0].unit), "pure", "percent apart: a ratio, pure");
        ok(gross->values[0].decimals == 3, "percent apart: 3 decimals (%d)",
           gross->values[0].decimals);
    }
    const r2x_row *rev = f.set->ntables == 1 ? row_by_label(&f.set->tables[0], "Revenue") : NULL;
    ok(rev && rev->nvalues == 2 && !strcmp(unit_str(&rev->values[0].unit), "USD"),
       "percent apart: the revenue above is still USD");
    teardown(&f);
}

/* Years one a column, the figures spread wider than they are by text
 * extraction: the years head the columns in order. */
static const char spread_years[] =
    "Condensed Consolidated Statement of Cash Flows\n"                                   /* 1 */
    "                                 Three Months Ended   Six Months Ended\n"          /* 2 */
    "                                       June 30,          June 30,\n"                /* 3 */
    "                                   2023     2022     2023     2022\n"               /* 4 */
    "Net income (loss)                 $   171  $   (531)  $        738   $    (1,872)\n" /* 5 */
    "Provision for transaction losses       90        86            174          182\n"  /* 6 */
    "Net cash from operating activities    261      (445)           912       (1,690)\n";/* 7 */

static void test_spread_years(void)
{
    fixture f;
    if (!setup(&f, "spread-years.txt", spread_years, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "spread years: one table");
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        ok(t->ncolumns == 4, "spread years: four columns (%zu)", t->ncolumns);
        static const char *const want[] = {"2023-04-01..2023-06-30", "2022-04-01..2022-06-30",
                                           "2023-01-01..2023-06-30", "2022-01-01..2022-06-30"};
        for (size_t i = 0; i < 4 && i < t->ncolumns; i++)
            is_str(period_str(&t->columns[i].period), want[i],
                   "spread years: column %zu is %s", i + 1, want[i]);
    }
    teardown(&f);
}

/* Two spans one space apart in one heading cell ("Three Months Ended Six
 * Months Ended") each head their own columns. */
static const char spans_one_space[] =
    "Condensed Consolidated Statement of Operations\n"                  /* 1 */
    "                               Three Months Ended Six Months Ended\n" /* 2 */
    "                                    June 30,         June 30,\n"  /* 3 */
    "                                 2023    2022     2023    2022\n"  /* 4 */
    "Net revenues                    2,540   2,420    5,050   4,870\n"  /* 5 */
    "Net income                        171    (531)     738  (1,872)\n"; /* 6 */

static void test_spans_one_space(void)
{
    fixture f;
    if (!setup(&f, "spans-one-space.txt", spans_one_space, CAL_DEC))
        return;
    ok(f.set->ntables == 1, "spans one space: one table");
    if (f.set->ntables == 1) {
        const r2x_table *t = &f.set->tables[0];
        static const char *const want[] = {"2023-04-01..2023-06-30", "2022-04-01..2022-06-30",
                                           "2023-01-01..2023-06-30", "2022-01-01..2022-06-30"};
        ok(t->ncolumns == 4, "spans one space: four columns");
        for (size_t i = 0; i < 4 && i < t->ncolumns; i++)
            is_str(period_str(&t->columns[i].period), want[i],
                   "spans one space: column %zu is %s", i + 1, want[i]);
    }
    teardown(&f);
}

int main(void)
{
    test_balance_sheet();
    test_damaged_heading();
    test_fiscal_codes();
    test_label_column_lost();
    test_two_figures();
    test_repairs();
    test_wrapped_labels();
    test_beyond_width();
    test_us_style();
    test_continuation();
    test_not_continuation();
    test_helpers();
    test_row_footnotes();
    test_row_repairs();
    test_stray_figure();
    test_merged_unit_headings();
    test_context_units();
    test_years_line();
    test_contracts();
    test_shares_apart();
    test_usd_thousands();
    test_prose_above();
    test_no_options();
    test_uneven_periods();
    test_table_at_top();
    test_segment_row_first();
    test_eps_apart();
    test_dash_heading();
    test_percent_of_revenues();
    test_spread_years();
    test_percent_apart();
    test_spans_one_space();
    return tap_done();
}
