/*
 * table_rows.c - a table's rows: each label, its figures placed in the
 * columns, the unit, scale and decimals of every value, and where each row
 * stands (its section, the part of the statement, the total it adds into).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document.h"
#include "error.h"
#include "table_build.h"
#include "table_columns.h"
#include "table_rows.h"
#include "table_sums.h"
#include "tables.h"
#include "text.h"

typedef struct pending_value {
    int col;
    figure fig;
    int dash;
    char *text;
    const grid_cell *gc;
} pending_value;

typedef struct pending_row {
    r2x_row row;              /* label etc.; values filled at the end */
    r2x_buf pending_buf;      /* pending_value[] */
    size_t npending;
    pending_value *pending;   /* a view of pending_buf */
    int section;              /* label ends with ':' */
    double x0;                /* where the label starts */
    double x1;                /* and ends */
    const grid_cell *at;      /* its first cell, for messages */
} pending_row;

static void pending_row_free(pending_row *pr)
{
    for (size_t i = 0; i < pr->npending; i++)
        free(pr->pending[i].text);
    buf_release(&pr->pending_buf);
    free(pr->row.label);
    free(pr->row.footnote);
    for (size_t i = 0; i < pr->row.nvalues; i++)
        free(pr->row.values[i].text);
    free(pr->row.values);
    memset(pr, 0, sizeof *pr);
}

static int label_is_total(const char *label)
{
    if (!label)
        return 0;
    return strncasecmp(label, "total", 5) == 0 || tb_contains_ci(label, "consolidated total");
}

/* A label that ends with a word no label ends with ("... par value, 4.349
 * and") goes on on the next line. */
static int label_ends_open(const char *label)
{
    static const char *const words[] = {"and", "or", "of", "the", "for", "in", "to", "from",
                                        "before", "after", "with", "by", "on", "&", "net",
                                        "less", "plus", "at", NULL};
    size_t n = strlen(label);
    while (n && label[n - 1] == ' ')
        n--;
    if (n && (label[n - 1] == ',' || label[n - 1] == '-' || label[n - 1] == ';'))
        return 1;
    size_t b = n;
    while (b && label[b - 1] != ' ')
        b--;
    for (size_t i = 0; words[i]; i++)
        if (n - b == strlen(words[i]) && !strncasecmp(label + b, words[i], n - b))
            return 1;
    return 0;
}

static int set_label(pending_row *pr, const char *t, size_t tl)
{
    char mark[32];
    tl = table_strip_footnote(t, tl, mark, sizeof mark);
    while (tl && t[tl - 1] == ' ')
        tl--;
    free(pr->row.label);
    pr->row.label = r2xi_strndup(t, tl);
    if (!pr->row.label)
        return R2X_ENOMEM;
    if (mark[0]) {
        free(pr->row.footnote);
        pr->row.footnote = r2xi_strdup(mark);
        if (!pr->row.footnote)
            return R2X_ENOMEM;
    }
    pr->section = tl > 0 && t[tl - 1] == ':';
    return R2X_OK;
}

static int add_pending(pending_row *pr, int col, const figure *f, int dash, const char *text,
                       size_t tl, const grid_cell *gc)
{
    pending_value add;
    memset(&add, 0, sizeof add);
    if (buf_add(&pr->pending_buf, &add, sizeof add))
        return R2X_ENOMEM;
    pr->pending = (pending_value *)(void *)pr->pending_buf.data;
    pending_value *v = &pr->pending[pr->npending];
    v->col = col;
    if (f)
        v->fig = *f;
    v->dash = dash;
    v->gc = gc;
    v->text = r2xi_strndup(text, tl);
    if (!v->text)
        return R2X_ENOMEM;
    pr->npending++;
    return R2X_OK;
}

static int has_value_in(const pending_row *pr, int col)
{
    for (size_t i = 0; i < pr->npending; i++)
        if (pr->pending[i].col == col)
            return 1;
    return 0;
}

/* ---- Reading one row ------------------------------------------------------ */

typedef struct row_reader {
    extract *x;
    table_plan *tp;
    const block *b;
    size_t r;                 /* the grid row */
    pending_row *pr;
    r2x_buf label;
    char odd[256];            /* cells that are not figures, quoted */
    size_t nodd;
    const grid_cell *odd_at;
} row_reader;

/* The first figure of the next data row, for the stray-figure rule. */
static int next_row_first_figure(const row_reader *rr, r2x_decimal *out)
{
    const extract *x = rr->x;
    size_t r = rr->r + 1;
    if (r > rr->b->last || x->rows[r].cls != TR_DATA)
        return 0;
    const trow *t = &x->rows[r];
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (c->kind == TK_FIGURE && c->gc->x0 >= rr->tp->label_right - x->tol) {
            cell_reading rd;
            number_read_cell(c->text, c->len, &rd);
            *out = rd.figures[0].value;
            return 1;
        }
    }
    return 0;
}

/* Two figures in one cell ("4,775 4,715": extraction merged two columns). */
static int two_figures(row_reader *rr, const tcell *c, const cell_reading *rd, int col)
{
    extract *x = rr->x;
    char q[96];
    tb_quote(c->text, c->len, q, sizeof q);
    const figure *f0 = &rd->figures[0], *f1 = &rd->figures[1];
    r2x_decimal next;
    if (next_row_first_figure(rr, &next) && r2x_decimal_cmp(next, f1->value) == 0) {
        tb_warn(x, c->gc, 0, "cell '%s' holds two figures; the second repeats the first "
                "figure of line %ld and is dropped as a stray", q,
                x->rows[rr->r + 1].gr->line);
        return add_pending(rr->pr, col, f0, 0, c->text + f0->text_off, f0->text_len, c->gc);
    }
    /* the cell stands in col: tab-separated, by its place, the first figure
     * there; aligned, by where it ends, the second */
    int tabs = x->units == GRID_UNITS_COLUMNS;
    int other = tabs ? col + 1 : col - 1;
    int ok = other >= 0 && (size_t)other < rr->tp->ncols && !has_value_in(rr->pr, other) &&
             (!rr->tp->cols[tabs ? other : col].percent || f1->percent) &&
             !rr->tp->cols[tabs ? other : col].change;
    if (tabs && ok) {
        /* the cell on the right must be empty in this row */
        const trow *t = &x->rows[rr->r];
        for (size_t i = 0; i < t->n; i++) {
            const tcell *d = &x->cells[t->first + i];
            if (d != c && d->kind != TK_DECORATION && columns_of_cell(x, rr->tp, d) == other)
                ok = 0;
        }
    }
    if (!ok) {
        tb_warn(x, c->gc, 0, "cell '%s' holds %zu figures and no empty cell can take them; "
                "the cell is ignored", q, rd->nfigures);
        return R2X_OK;
    }
    tb_warn(x, c->gc, 0, "cell '%s' holds two figures; the %s is moved to the empty "
            "cell on its %s", q, tabs ? "second" : "first", tabs ? "right" : "left");
    int c0 = tabs ? col : other, c1 = tabs ? other : col;
    int rc = add_pending(rr->pr, c0, f0, 0, c->text + f0->text_off, f0->text_len, c->gc);
    if (!rc)
        rc = add_pending(rr->pr, c1, f1, 0, c->text + f1->text_off, f1->text_len, c->gc);
    return rc;
}

static int read_value_cell(row_reader *rr, const tcell *c)
{
    extract *x = rr->x;
    char q[96];
    cell_reading rd;
    if (number_read_cell(c->text, c->len, &rd) == R2X_ERANGE) {
        tb_quote(c->text, c->len, q, sizeof q);
        tb_error(x, c->gc, 0, "figure '%s' has more than %d digits; it cannot be held exactly",
                 q, R2X_DECIMAL_MAX_DIGITS);
        return R2X_OK;
    }
    int col = columns_of_cell(x, rr->tp, c);
    if (col < 0 && rr->tp->ncols == MAX_COLUMNS)
        return R2X_OK;      /* past the columns a table may have: said once */
    if (col < 0) {
        tb_quote(c->text, c->len, q, sizeof q);
        tb_error(x, c->gc, 0, "figure '%s' stands under none of the table's %zu columns; "
                 "it cannot be placed", q, rr->tp->ncols);
        return R2X_OK;
    }
    if (rd.kind == CELL_DASH || c->kind == TK_DASH)
        return has_value_in(rr->pr, col) ? R2X_OK
                                         : add_pending(rr->pr, col, NULL, 1, c->text, c->len,
                                                       c->gc);
    if (rd.space_grouped) {
        tb_quote(c->text, c->len, q, sizeof q);
        tb_warn(x, c->gc, 0, "read '%s' as one figure grouped by a space", q);
    }
    if (rd.nfigures == 2)
        return two_figures(rr, c, &rd, col);
    if (rd.nfigures > 2) {
        tb_quote(c->text, c->len, q, sizeof q);
        tb_warn(x, c->gc, 0, "cell '%s' holds %zu figures and no empty cell can take them; "
                "the cell is ignored", q, rd.nfigures);
        return R2X_OK;
    }
    if (has_value_in(rr->pr, col)) {
        tb_quote(c->text, c->len, q, sizeof q);
        tb_warn(x, c->gc, 0, "figure '%s' stands in a column that already has a figure in "
                "this row; ignored", q);
        return R2X_OK;
    }
    const figure *f = &rd.figures[0];
    return add_pending(rr->pr, col, f, 0, c->text + f->text_off, f->text_len, c->gc);
}

static void note_odd(row_reader *rr, const tcell *c)
{
    char q[64];
    tb_quote(c->text, c->len, q, sizeof q);
    if (!rr->nodd++)
        rr->odd_at = c->gc;
    if (strlen(rr->odd) + strlen(q) + 6 < sizeof rr->odd)
        snprintf(rr->odd + strlen(rr->odd), sizeof rr->odd - strlen(rr->odd), "%s'%s'",
                 rr->odd[0] ? ", " : "", q);
}

/* Read grid row r into pr: label and figures. */
static int read_row(row_reader *rr)
{
    extract *x = rr->x;
    const trow *t = &x->rows[rr->r];
    pending_row *pr = rr->pr;
    buf_reset(&rr->label);
    rr->odd[0] = '\0';
    rr->nodd = 0;
    pr->row.line = tb_doc_line(x, rr->r);
    pr->row.label_line = pr->row.line;
    pr->x0 = -1;
    int rc = R2X_OK;
    double lr = rr->tp->label_right + x->tol;
    for (size_t i = 0; i < t->n && !rc; i++) {
        const tcell *c = &x->cells[t->first + i];
        int in_label = c->gc->x1 <= lr || (c->kind == TK_TEXT && !rr->label.len &&
                                            c->gc->x0 < rr->tp->label_right);
        if (c->kind == TK_TEXT && in_label) {
            if (pr->x0 < 0) {
                pr->x0 = c->gc->x0;
                pr->at = c->gc;
                pr->row.column = c->gc->column;
            }
            pr->x1 = c->gc->x1;
            rc = (rr->label.len ? buf_addc(&rr->label, ' ') : 0) ||
                 buf_add(&rr->label, c->text, c->len);
            continue;
        }
        switch (c->kind) {
        case TK_FIGURE:
        case TK_YEAR:
        case TK_DASH:
            if (t->cls == TR_DATA) {
                size_t had = pr->npending;
                rc = read_value_cell(rr, c);
                if (!rc && pr->npending == had + 1 && tb_percent_follows(x, t, i))
                    pr->pending[had].fig.percent = 1;
            }
            break;
        case TK_TEXT:
            note_odd(rr, c);
            break;
        case TK_DECORATION:
            /* "$", ")" and "%" go with a figure; a bullet or a middle dot
             * where a figure should be is worth a word */
            if (!strchr("$()%", c->text[0]) && t->cls == TR_DATA &&
                columns_of_cell(x, rr->tp, c) >= 0)
                note_odd(rr, c);
            break;
        default:
            break;          /* "NM": no value */
        }
    }
    if (!rc && rr->label.len)
        rc = set_label(pr, rr->label.data, rr->label.len);
    if (!rc && rr->nodd)
        tb_warn(x, rr->odd_at, 0, rr->nodd == 1 ? "cell %s is not a figure; ignored"
                                                : "cells %s are not figures; ignored",
                rr->odd);
    if (x->units == GRID_UNITS_COLUMNS || x->units == GRID_UNITS_CHARS)
        pr->row.indent = pr->x0 > 0 ? (int)(pr->x0 + 0.5) : 0;
    else
        pr->row.indent = pr->x0 > 0 ? (int)(pr->x0 / x->em + 0.5) : 0;
    if (t->gr->kind == GRID_ROW_TABLE)
        pr->row.indent = (int)(t->gr->indent + 0.5);
    else if (x->units == GRID_UNITS_COLUMNS)
        pr->row.indent = (int)(t->gr->indent + 0.5);
    return rc;
}

/* ---- Values: scale, unit and decimals ------------------------------------ */

static int value_scale(const table_plan *tp, const vcolumn *col, const char *currency)
{
    if (col->unit_set && col->unit.scale)
        return col->unit.scale;
    if (col->unit_set && col->unit.unit.kind == R2X_UNIT_CURRENCY)
        /* "JPY" over a column with no scale: units, unless a bare "(in
         * millions)" covers the table */
        return tp->bare_scale_set ? tp->bare_scale : 0;
    if (currency && tp->main_currency[0] && !strcmp(currency, tp->main_currency) &&
        tp->currency_scale_set)
        return tp->currency_scale;
    return tp->bare_scale_set ? tp->bare_scale : 0;
}

static const char *value_currency(const table_plan *tp, const vcolumn *col)
{
    if (col->unit_set && col->unit.unit.kind == R2X_UNIT_CURRENCY)
        return col->unit.unit.measure;
    if (col->vote_currency[0])
        return col->vote_currency;
    if (tp->main_currency[0])
        return tp->main_currency;
    return NULL;
}

/* The unit a value takes from what its label (or, failing that, its
 * column heading) says; *scale is the power of ten it is printed in. */
static void value_unit(const table_plan *tp, const vcolumn *col, const label_unit *lu,
                       const figure *f, const char *currency, size_t k, size_t n,
                       r2x_value *v, int *scale)
{
    if (lu->kind == LABEL_UNIT_PER_SHARE) {
        /* per-share figures are printed in units whatever the table scale */
        v->unit.kind = R2X_UNIT_PER_SHARE;
        const char *cur = lu->ncurrencies == n ? lu->currencies[k] : currency;
        r2xi_strlcpy(v->unit.measure, cur ? cur : "", sizeof v->unit.measure);
        r2xi_strlcpy(v->unit.denominator, lu->denominator, sizeof v->unit.denominator);
        if (!cur)
            v->unit.kind = R2X_UNIT_OTHER;
        *scale = 0;
    } else if (lu->kind == LABEL_UNIT_SHARES || lu->kind == LABEL_UNIT_OTHER_COUNT) {
        v->unit.kind = lu->kind == LABEL_UNIT_SHARES ? R2X_UNIT_SHARES : R2X_UNIT_OTHER;
        r2xi_strlcpy(v->unit.measure, lu->count_unit, sizeof v->unit.measure);
        /* a scale tied to a currency ("Thousands of JPY") does not scale
         * share counts; a bare one does unless shares are stated apart */
        *scale = lu->scale >= 0 ? lu->scale
                 : tp->shares_scale >= 0 ? tp->shares_scale
                 : (tp->bare_scale_set ? tp->bare_scale : 0);
    } else if (f->percent || col->percent || lu->kind == LABEL_UNIT_RATIO) {
        v->unit.kind = R2X_UNIT_PURE;      /* 46.6% is the ratio 0.466 */
        r2xi_strlcpy(v->unit.measure, "pure", sizeof v->unit.measure);
        *scale = -2;
    } else if (f->suffix[0]) {
        v->unit.kind = R2X_UNIT_OTHER;
        r2xi_strlcpy(v->unit.measure, f->suffix, sizeof v->unit.measure);
        *scale = 0;
    } else if (currency) {
        v->unit.kind = R2X_UNIT_CURRENCY;
        r2xi_strlcpy(v->unit.measure, currency, sizeof v->unit.measure);
    } else {
        v->unit.kind = R2X_UNIT_NONE;
    }
}

/* What a column heading says of its figures ("Basic net income per
 * share"), leaving out the table's scale printed over the columns, which
 * may run over two heading lines ("(Millions, except" / "per share
 * amounts)"). */
static void heading_unit(const char *heading, label_unit *out)
{
    char joined[512];
    size_t starts[16], nparts = 0, o = 0;
    for (const char *p = heading; *p && nparts < 16;) {
        const char *bar = strstr(p, " | ");
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (o + n + 2 >= sizeof joined)
            break;
        if (o)
            joined[o++] = ' ';
        starts[nparts++] = o;
        memcpy(joined + o, p, n);
        o += n;
        p += bar ? n + 3 : n;
    }
    joined[o] = '\0';
    char blank[sizeof joined] = {0};
    for (size_t i = 0; i < nparts; i++) {
        unit_phrase up[2];
        size_t nu = unit_scan(joined + starts[i], up, 2);
        if (nu && up[0].start <= 1 && up[0].unit.kind == R2X_UNIT_NONE && !up[0].change &&
            !up[0].percent) {
            size_t end = starts[i] + up[0].end;
            if (up[0].except_per_share)      /* "... per share amounts)" */
                end = o;
            memset(blank + starts[i], 1, end - starts[i]);
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < o; i++)
        if (!blank[i])
            joined[k++] = joined[i];
    joined[k] = '\0';
    unit_from_label(joined, out);
}

static int finish_values(extract *x, table_plan *tp, pending_row *pr, const char *section)
{
    r2x_row *row = &pr->row;
    label_unit lu;
    unit_from_label(row->label, &lu);
    /* "Basic" under "Earnings per share:": a row whose label names no unit
     * takes its section's */
    if (lu.kind == LABEL_UNIT_NONE && section)
        unit_from_label(section, &lu);
    if (!pr->npending)
        return R2X_OK;
    row->values = calloc(pr->npending, sizeof *row->values);
    if (!row->values)
        return R2X_ENOMEM;
    size_t nvals = 0;
    for (size_t k = 0; k < pr->npending; k++) {
        pending_value *pv = &pr->pending[k];
        vcolumn *col = &tp->cols[pv->col];
        r2x_value *v = &row->values[nvals];
        figure f = pv->fig;
        v->nil_dash = pv->dash;
        v->text = pv->text;
        pv->text = NULL;
        v->column = pv->col;
        v->column_no = pv->gc ? pv->gc->column : 0;
        const char *currency = value_currency(tp, col);
        int scale = value_scale(tp, col, currency);
        /* the row's label says what its figures are; failing that, the
         * column heading may ("Basic net income per share") */
        label_unit hu;
        heading_unit(col->heading, &hu);
        const label_unit *lup = lu.kind != LABEL_UNIT_NONE || hu.kind == LABEL_UNIT_RATIO
                                    ? &lu : &hu;
        value_unit(tp, col, lup, &f, currency, k, pr->npending, v, &scale);
        /* "85.303" among comma-grouped whole figures of a thousands column is
         * 85,303 with a mistyped separator */
        if (!pv->dash && f.dot_thousands && !col->has_fraction && scale >= 3 &&
            v->unit.kind == R2X_UNIT_CURRENCY) {
            tb_warn(x, pv->gc, 0, "read '%s' as %s%lld,%03lld: a '.' among whole figures "
                    "of a %s column is taken for a thousands separator", v->text,
                    f.value.coef < 0 ? "-" : "", (long long)llabs(f.value.coef / 1000),
                    (long long)llabs(f.value.coef % 1000),
                    scale == 3 ? "thousands" : scale == 6 ? "millions" : "scaled");
            f.value.exp = 0;
            f.frac_digits = 0;
        }
        if (!pv->dash && f.decimal_comma)
            tb_warn(x, pv->gc, 0, "read '%s' with its comma as a decimal point", v->text);
        if (pv->dash) {
            v->value.coef = 0;
            v->value.exp = 0;
            v->decimals = -scale;
        } else {
            v->value = f.value;
            if (r2x_decimal_scale(&v->value, scale)) {
                tb_error(x, pv->gc, 0, "figure '%s' is out of range", v->text);
                free(v->text);
                continue;
            }
            v->decimals = f.frac_digits - scale;
        }
        nvals++;
    }
    row->nvalues = nvals;
    /* values in column order */
    for (size_t i = 1; i < nvals; i++)
        for (size_t j = i; j > 0 && row->values[j - 1].column > row->values[j].column; j--) {
            r2x_value tmp = row->values[j];
            row->values[j] = row->values[j - 1];
            row->values[j - 1] = tmp;
        }
    return R2X_OK;
}

/* ---- Joining rows --------------------------------------------------------- */

/* Figures on one line, their label alone on the next: one row. */
static int label_below(extract *x, pending_row *prev, pending_row *pr)
{
    if (!(prev && !prev->row.label && prev->npending && pr->row.label && !pr->npending &&
          !pr->section))
        return 0;
    tb_warn(x, pr->at, 0, "label '%s' stands alone below the unlabeled figures of line %zu; "
            "they are read as one row", pr->row.label,
            document_source_line(x->doc, (size_t)prev->row.line));
    prev->row.label = pr->row.label;
    prev->row.label_line = pr->row.line;
    prev->row.indent = pr->row.indent;
    prev->row.column = pr->row.column;
    prev->row.footnote = pr->row.footnote;
    prev->x0 = pr->x0;
    prev->x1 = pr->x1;
    pr->row.label = NULL;
    pr->row.footnote = NULL;
    return 1;
}

/* A label that ends the way a heading does: "Changes in assets and
 * liabilities -" (a spaced dash of any kind) or a colon. */
static int heading_mark(const char *label)
{
    size_t n = strlen(label);
    while (n && label[n - 1] == ' ')
        n--;
    if (n && label[n - 1] == ':')
        return 1;
    static const char *const dashes[] = {" -", " \xe2\x80\x93", " \xe2\x80\x94", NULL};
    for (size_t i = 0; dashes[i]; i++) {
        size_t d = strlen(dashes[i]);
        if (n >= d && !memcmp(label + n - d, dashes[i], d))
            return 1;
    }
    return 0;
}

/* A label wrapped over two lines: the figures are on the second.  It goes
 * on in small letters, after an open word, or on a line indented deeper
 * under a line that reaches across the label column (a short line over
 * deeper ones is their heading: "Inventories" over "  Crude oil"; so is a
 * line that ends as a heading does). */
static int wrapped_label(const extract *x, const table_plan *tp, const pending_row *prev,
                         const pending_row *pr)
{
    if (!(prev && prev->row.label && !prev->npending && !prev->section && pr->row.label))
        return 0;
    const char *l = pr->row.label;
    int lower = islower((unsigned char)l[0]) || l[0] == '(' || l[0] == '$';
    int aligned = x->units != GRID_UNITS_COLUMNS;
    int deeper = aligned && pr->npending && pr->x0 > prev->x0 + 0.5 * x->em &&
                 prev->x1 >= tp->label_left + 0.6 * (tp->label_right - tp->label_left) &&
                 !heading_mark(prev->row.label);
    return lower || deeper || label_ends_open(prev->row.label) ||
           (aligned && isdigit((unsigned char)l[0]));
}

static int join_labels(pending_row *prev, pending_row *pr)
{
    size_t l1 = strlen(prev->row.label), l2 = strlen(pr->row.label);
    char *joined = malloc(l1 + l2 + 2);
    if (!joined)
        return R2X_ENOMEM;
    memcpy(joined, prev->row.label, l1);
    joined[l1] = ' ';
    memcpy(joined + l1 + 1, pr->row.label, l2 + 1);
    free(pr->row.label);
    pr->row.label = joined;
    pr->row.label_line = prev->row.label_line;
    pr->row.indent = prev->row.indent;
    pr->row.column = prev->row.column;
    pr->x0 = prev->x0;
    if (!pr->row.footnote && prev->row.footnote) {
        pr->row.footnote = prev->row.footnote;
        prev->row.footnote = NULL;
    }
    return R2X_OK;
}

/* ---- The table's rows ------------------------------------------------------ */

static int make_columns(const table_plan *tp, r2x_table *t)
{
    t->columns = calloc(tp->ncols ? tp->ncols : 1, sizeof *t->columns);
    if (!t->columns)
        return R2X_ENOMEM;
    for (size_t i = 0; i < tp->ncols; i++) {
        const vcolumn *cp = &tp->cols[i];
        r2x_column *col = &t->columns[t->ncolumns++];
        col->index = cp->index;
        col->role = cp->role;
        col->heading = r2xi_strdup(cp->heading);
        if (!col->heading)
            return R2X_ENOMEM;
        if (cp->has_period && cp->role != R2X_COL_CHANGE)
            col->period = cp->phrase.period;
        const char *cur = value_currency(tp, cp);
        if (cp->unit_set) {
            col->unit = cp->unit.unit;
            col->scale = cp->unit.scale;
        } else if (cur) {
            col->unit.kind = R2X_UNIT_CURRENCY;
            r2xi_strlcpy(col->unit.measure, cur, sizeof col->unit.measure);
            col->scale = tp->currency_scale_set ? tp->currency_scale
                         : tp->bare_scale_set ? tp->bare_scale : 0;
        } else if (tp->bare_scale_set) {
            col->scale = tp->bare_scale;
        }
        if (cp->percent) {
            col->unit.kind = R2X_UNIT_PURE;
            r2xi_strlcpy(col->unit.measure, "pure", sizeof col->unit.measure);
            col->scale = -2;
        }
    }
    return R2X_OK;
}

/* The row after the last heading row: where rows begin. */
static size_t rows_start(const extract *x, const block *b, const table_plan *tp)
{
    size_t start = b->first;
    for (size_t r = b->first; r-- > b->head;) {
        const trow *t = &x->rows[r];
        if (t->cls == TR_YEARS || tb_doc_line(x, r) <= tp->heading_line)
            break;
        if (t->cls == TR_TEXT)
            start = r;
    }
    return start;
}

static int collect_rows(extract *x, const block *b, table_plan *tp, r2x_buf *rows)
{
    row_reader rr;
    memset(&rr, 0, sizeof rr);
    rr.x = x;
    rr.tp = tp;
    rr.b = b;
    buf_init(&rr.label, R2X_BUF_NOCAP);
    int rc = R2X_OK;
    pending_row pr;
    for (size_t r = rows_start(x, b, tp); r <= b->last && !rc; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_DATA && t->cls != TR_TEXT && t->cls != TR_YEARS)
            continue;
        memset(&pr, 0, sizeof pr);
        buf_init(&pr.pending_buf, R2X_BUF_NOCAP);
        rr.r = r;
        rr.pr = &pr;
        if ((rc = read_row(&rr))) {
            pending_row_free(&pr);
            break;
        }
        if (!pr.row.label && !pr.npending) {
            pending_row_free(&pr);
            continue;
        }
        if (pr.section && pr.npending) {
            tb_warn(x, pr.at, 0, "section heading '%s' carries %zu figures that belong to no "
                    "line item; they are ignored", pr.row.label, pr.npending);
            for (size_t k = 0; k < pr.npending; k++)
                free(pr.pending[k].text);
            pr.npending = 0;
        }
        size_t n = rows->len / sizeof pr;
        pending_row *prev = n ? &((pending_row *)(void *)rows->data)[n - 1] : NULL;
        int adjacent = prev && prev->row.line + 1 >= pr.row.line - 1;
        if (adjacent && label_below(x, prev, &pr)) {
            pending_row_free(&pr);
            continue;
        }
        if (adjacent && prev->row.line == pr.row.line - 1 && wrapped_label(x, tp, prev, &pr)) {
            if ((rc = join_labels(prev, &pr))) {
                pending_row_free(&pr);
                break;
            }
            pending_row_free(prev);
            rows->len -= sizeof pr;
        }
        if ((rc = buf_add(rows, &pr, sizeof pr)))
            pending_row_free(&pr);
    }
    buf_release(&rr.label);
    return rc;
}

/* The section headings a row stands under, outermost first: a label with
 * no figures that ends in ':', is in capitals, or has deeper rows under
 * it.  A heading closes those at its depth or deeper (two heading lines in
 * a row at one depth are one heading wrapped); a total closes the
 * innermost one at its depth or shallower. */
#define MAX_SECTION_DEPTH 8
typedef struct section_stack {
    char label[MAX_SECTION_DEPTH][256];
    int indent[MAX_SECTION_DEPTH];
    size_t n;
    int rows_since;           /* rows with figures since the last heading */
} section_stack;

static int pending_heading(const pending_row *prs, size_t n, size_t i)
{
    const pending_row *p = &prs[i];
    if (!p->row.label || p->npending)
        return 0;
    if (p->section)
        return 1;
    int upper = 1, letters = 0;
    for (const char *c = p->row.label; *c; c++)
        if (isalpha((unsigned char)*c)) {
            letters++;
            upper &= isupper((unsigned char)*c) != 0;
        }
    if (upper && letters > 2)
        return 1;
    return i + 1 < n && prs[i + 1].row.label && prs[i + 1].row.indent > p->row.indent;
}

static void sections_follow(section_stack *ss, const pending_row *prs, size_t n, size_t i)
{
    const pending_row *p = &prs[i];
    int indent = p->row.indent;
    if (pending_heading(prs, n, i)) {
        if (ss->n && !ss->rows_since && ss->indent[ss->n - 1] == indent) {
            /* "WEIGHTED-AVERAGE NUMBER OF COMMON SHARES" / "OUTSTANDING (M's)" */
            char *top = ss->label[ss->n - 1];
            size_t l = strlen(top);
            snprintf(top + l, sizeof ss->label[0] - l, " %s", p->row.label);
            return;
        }
        while (ss->n && ss->indent[ss->n - 1] >= indent)
            ss->n--;
        if (ss->n == MAX_SECTION_DEPTH) {
            ss->n--;
            memmove(ss->label, ss->label + 1, ss->n * sizeof ss->label[0]);
            memmove(ss->indent, ss->indent + 1, ss->n * sizeof ss->indent[0]);
        }
        r2xi_strlcpy(ss->label[ss->n], p->row.label, sizeof ss->label[0]);
        ss->indent[ss->n++] = indent;
        ss->rows_since = 0;
        return;
    }
    if (!p->npending)
        return;
    ss->rows_since++;
    if (label_is_total(p->row.label) && ss->n) {
        size_t k = ss->n;
        while (k > 0 && ss->indent[k - 1] > indent)
            k--;
        ss->n = k ? k - 1 : ss->n - 1;
    }
}

/* The innermost heading that names a unit ("Earnings per share:" over
 * "Basic" over "Continuing operations"), else the innermost. */
static const char *sections_unit(const section_stack *ss)
{
    for (size_t k = ss->n; k-- > 0;) {
        label_unit lu;
        unit_from_label(ss->label[k], &lu);
        if (lu.kind != LABEL_UNIT_NONE)
            return ss->label[k];
    }
    return ss->n ? ss->label[ss->n - 1] : NULL;
}

/* Below a per-share line, a line whose label names no unit and whose
 * figures are in cents is per share too ("Discontinued operations  0.02");
 * so is one under a sub-heading of a per-share heading ("EARNINGS PER
 * SHARE" / "Assuming dilution" / "Continuing operations  2.31"). */
static const char *unit_source(const pending_row *p, const char *section,
                               const char *per_share_label, const char *unit_heading)
{
    if (!p->npending)
        return NULL;
    if ((per_share_label || unit_heading) && p->row.label) {
        label_unit own, sect;
        unit_from_label(p->row.label, &own);
        unit_from_label(section, &sect);
        int cents = 1;
        for (size_t k = 0; k < p->npending; k++)
            if (!p->pending[k].dash && p->pending[k].fig.frac_digits != 2)
                cents = 0;
        const char *heading = per_share_label ? per_share_label : unit_heading;
        label_unit head;
        unit_from_label(heading, &head);
        /* amounts per share are in cents; a count of shares need not be */
        if (own.kind == LABEL_UNIT_NONE && sect.kind == LABEL_UNIT_NONE &&
            (cents || head.kind == LABEL_UNIT_SHARES))
            return heading;
    }
    return section;
}

/* A heading row that names a per-share unit, kept across the sub-headings
 * under it until a heading names another unit. */
static const char *next_unit_heading(const pending_row *p, const char *current,
                                     char *joined, size_t size)
{
    if (!p->row.label || p->npending)
        return current;
    label_unit lu;
    unit_from_label(p->row.label, &lu);
    if (lu.kind == LABEL_UNIT_PER_SHARE)
        return p->row.label;
    if (lu.kind == LABEL_UNIT_SHARES) {
        r2xi_strlcpy(joined, p->row.label, size);
        return joined;
    }
    /* a heading of counts wrapped over lines ("WEIGHTED-AVERAGE NUMBER OF
     * COMMON SHARES" / "OUTSTANDING (M's)"): its scale may be on the next */
    if (lu.kind == LABEL_UNIT_NONE && current == joined && strlen(joined) + 2 < size &&
        strlen(joined) + strlen(p->row.label) + 2 < size) {
        strcat(joined, " ");
        strcat(joined, p->row.label);
    }
    return lu.kind == LABEL_UNIT_NONE ? current : NULL;
}

int rows_build(extract *x, const block *b, table_plan *tp, r2x_table *t)
{
    int rc = make_columns(tp, t);
    t->count_scale = tp->shares_scale >= 0 ? tp->shares_scale
                     : (tp->bare_scale_set ? tp->bare_scale : 0);
    r2x_buf rows;
    buf_init(&rows, R2X_BUF_NOCAP);
    if (!rc)
        rc = collect_rows(x, b, tp, &rows);
    size_t n = rows.len / sizeof(pending_row);
    pending_row *prs = (pending_row *)(void *)rows.data;
    t->rows = calloc(n ? n : 1, sizeof *t->rows);
    if (!rc && !t->rows)
        rc = R2X_ENOMEM;
    /* indents relative to the table's leftmost label */
    int min_indent = 1 << 30;
    for (size_t i = 0; i < n; i++)
        if (prs[i].row.label && prs[i].row.indent < min_indent)
            min_indent = prs[i].row.indent;
    double min_x0 = 1e30;
    for (size_t k = 0; k < n; k++)
        if (prs[k].row.label && prs[k].x0 >= 0 && prs[k].x0 < min_x0)
            min_x0 = prs[k].x0;
    for (size_t k = 0; k < n; k++) {
        if (!prs[k].row.label || x->units == GRID_UNITS_COLUMNS)
            continue;
        /* a PDF's indents in characters from the leftmost label, rounded
         * once: a one-space indent is half an average glyph */
        if (x->units == GRID_UNITS_POINTS && prs[k].x0 >= 0)
            prs[k].row.indent = (int)((prs[k].x0 - min_x0) / x->em + 0.5);
        else if (min_indent < (1 << 30))
            prs[k].row.indent -= min_indent;
    }
    const char *per_share_label = NULL, *unit_heading = NULL;
    char joined_heading[512] = "";
    section_stack ss;
    memset(&ss, 0, sizeof ss);
    size_t i = 0;
    for (; i < n && !rc; i++) {
        pending_row *p = &prs[i];
        sections_follow(&ss, prs, n, i);
        const char *was = unit_heading;
        unit_heading = next_unit_heading(p, unit_heading, joined_heading, sizeof joined_heading);
        if (unit_heading != was || (!p->npending && unit_heading == joined_heading))
            per_share_label = NULL;   /* a heading of another unit ends the per-share lines */
        const char *source = unit_source(p, sections_unit(&ss), per_share_label, unit_heading);
        if ((rc = finish_values(x, tp, p, source)))
            break;
        if (p->row.nvalues) {
            /* the label that named the unit: the row's own or the one it took */
            label_unit own;
            unit_from_label(p->row.label, &own);
            per_share_label = p->row.values[0].unit.kind != R2X_UNIT_PER_SHARE ? NULL
                              : own.kind == LABEL_UNIT_PER_SHARE || !source ? p->row.label
                              : source;
        }
        p->row.is_total = label_is_total(p->row.label);
        p->row.is_heading = p->row.nvalues == 0;
        if (!p->row.label && p->row.nvalues)
            tb_warn(x, NULL, p->row.line, "a row of %zu figures has no label (lost in "
                    "extraction?); kept unlabeled", p->row.nvalues);
        if (!p->row.label && !p->row.nvalues) {
            pending_row_free(p);
            continue;
        }
        t->rows[t->nrows++] = p->row;
        for (size_t k = 0; k < p->npending; k++)
            free(p->pending[k].text);
        buf_release(&p->pending_buf);
        memset(&p->row, 0, sizeof p->row);
    }
    for (; i < n; i++)
        pending_row_free(&prs[i]);
    buf_release(&rows);
    return rc;
}

/* ---- Where each row stands --------------------------------------------------- */

static int is_section_heading(const r2x_table *t, size_t r)
{
    const r2x_row *row = &t->rows[r];
    if (!row->label || row->nvalues)
        return 0;
    size_t n = strlen(row->label);
    if (n && row->label[n - 1] == ':')
        return 1;
    int upper = 1, letters = 0;
    for (const char *p = row->label; *p; p++)
        if (isalpha((unsigned char)*p)) {
            letters++;
            upper &= isupper((unsigned char)*p) != 0;
        }
    if (upper && letters > 2)
        return 1;
    return r + 1 < t->nrows && t->rows[r + 1].label && t->rows[r + 1].indent > row->indent;
}

static int total_of(const r2x_row *row, const char *what)
{
    return row->nvalues && row->label && text_starts_ci(row->label, "total") &&
           tb_contains_ci(row->label, what);
}

/* A balance sheet's parts are known from its totals: what stands above
 * "Total current assets" is current, what stands between it and "Total
 * assets" is not, and so for liabilities; equity follows its heading or
 * the total of liabilities. */
static void balance_sheet_positions(r2x_table *t)
{
    long tca = -1, ta = -1, tcl = -1, tl = -1, eq = -1, liab = -1;
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        if (tca < 0 && total_of(row, "current assets"))
            tca = (long)r;
        else if (ta < 0 && ((total_of(row, "assets") && !tb_contains_ci(row->label, "current")) ||
                            (tca >= 0 && row->nvalues && row->label &&
                             !strcasecmp(row->label, "total"))))
            ta = (long)r;
        else if (tcl < 0 && total_of(row, "current liabilities"))
            tcl = (long)r;
        else if (tl < 0 && total_of(row, "liabilities") && !tb_contains_ci(row->label, "equity") &&
                 !tb_contains_ci(row->label, "current"))
            tl = (long)r;
        else if (eq < 0 && is_section_heading(t, r) &&
                 (tb_contains_ci(row->label, "equity") ||
                  tb_contains_ci(row->label, "shareholders") ||
                  tb_contains_ci(row->label, "stockholders")) &&
                 !tb_contains_ci(row->label, "liabilities"))
            eq = (long)r;
        else if (liab < 0 && !row->nvalues && tb_contains_ci(row->label, "liabilities"))
            liab = (long)r;
    }
    long assets_end = ta >= 0 ? ta : tca;
    if (liab < 0)
        liab = assets_end;
    if (eq < 0 && tl >= 0)
        eq = tl + 1;
    for (size_t i = 0; i < t->nrows; i++) {
        long r = (long)i;
        int p = R2X_POS_NONE;
        if (eq >= 0 && r >= eq)
            p = R2X_POS_EQUITY;
        else if (tcl >= 0 && r > tcl && (tl < 0 || r <= tl))
            p = r == tl ? R2X_POS_NONE : R2X_POS_NONCURRENT_LIABILITIES;
        else if (tcl >= 0 && r <= tcl && r > liab)
            p = R2X_POS_CURRENT_LIABILITIES;
        else if (tca >= 0 && r <= tca)
            p = R2X_POS_CURRENT_ASSETS;
        else if (tca >= 0 && r > tca && (assets_end < 0 || r < assets_end))
            p = R2X_POS_NONCURRENT_ASSETS;
        t->rows[i].position = p;
    }
}

/* Cash flows run in order: operating, investing, financing, each opened by
 * its heading and closed by its net cash line. */
static void cash_flow_positions(r2x_table *t)
{
    int position = R2X_POS_OPERATING;
    for (size_t r = 0; r < t->nrows; r++) {
        r2x_row *row = &t->rows[r];
        const char *l = row->label;
        int closes = row->nvalues && l &&
                     (text_starts_ci(l, "net cash") || text_starts_ci(l, "cash provided") ||
                      text_starts_ci(l, "cash used") || text_starts_ci(l, "total") ||
                      text_starts_ci(l, "net increase") || text_starts_ci(l, "net decrease"));
        int p = -1;
        /* "Non-cash investing and financing activities" is no section of
         * flows; "Non-cash items" among the operating adjustments is */
        int noncash = tb_contains_ci(l, "non-cash") || tb_contains_ci(l, "noncash");
        if (tb_contains_ci(l, "supplemental") ||
            (noncash && tb_contains_ci(l, "activities")))
            p = R2X_POS_SUPPLEMENTAL;
        else if (tb_contains_ci(l, "operating activities"))
            p = R2X_POS_OPERATING;
        else if (tb_contains_ci(l, "investing activities"))
            p = R2X_POS_INVESTING;
        else if (tb_contains_ci(l, "financing activities"))
            p = R2X_POS_FINANCING;
        if (p >= 0 && !closes)
            position = p;
        /* a net cash line names its section, even after the section's
         * continuing-operations line closed it */
        row->position = p >= 0 && closes ? p : position;
        if (p >= 0 && closes)
            position = p == R2X_POS_OPERATING ? R2X_POS_INVESTING
                       : p == R2X_POS_INVESTING ? R2X_POS_FINANCING : R2X_POS_SUPPLEMENTAL;
    }
}

/* The total a row adds into: the first total below it at its level or
 * shallower (indentation), before another section opens. */
static void find_totals(r2x_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        r2x_row *row = &t->rows[r];
        if (!row->nvalues || row->total >= 0)
            continue;       /* placed by the sums, or no figures */
        for (size_t k = r + 1; k < t->nrows; k++) {
            const r2x_row *s = &t->rows[k];
            if (!s->nvalues && is_section_heading(t, k) && s->indent <= row->indent)
                break;
            if (s->nvalues && s->is_total && s->indent <= row->indent) {
                /* a total whose addends the sums found has them all */
                if (!s->sum_checks)
                    row->total = (int)k;
                break;
            }
            if (s->nvalues && s->indent < row->indent && !s->is_total)
                break;
        }
    }
}

int rows_structure(r2x_table *t)
{
    int section = -1;
    for (size_t r = 0; r < t->nrows; r++)
        t->rows[r].total = -1;
    if (sums_find(t))
        return R2X_ENOMEM;
    for (size_t r = 0; r < t->nrows; r++) {
        r2x_row *row = &t->rows[r];
        row->position = R2X_POS_NONE;
        if (is_section_heading(t, r)) {
            row->section = -1;
            section = (int)r;
            continue;
        }
        row->section = section;
        if (row->is_total && section >= 0 && row->indent <= t->rows[section].indent)
            section = -1;
    }
    if (t->statement == R2X_STMT_BALANCE_SHEET)
        balance_sheet_positions(t);
    else if (t->statement == R2X_STMT_CASH_FLOWS)
        cash_flow_positions(t);
    find_totals(t);
    return R2X_OK;
}
