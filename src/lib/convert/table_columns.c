/*
 * table_columns.c - a table's value columns, found from where its figures
 * stand, and what the headings over them say: periods, units, roles.
 *
 * Figures of one column end at the same place (right-aligned), so columns
 * are the clusters of the figures' ends.  A heading applies to the columns
 * beneath it: each heading row gives each column the heading nearest to it
 * ("Twelve months ended" over two columns, "December 31" over the same two,
 * "2024" over one), and the column's heading lines, top to bottom, are read
 * as one phrase ("Twelve months ended December 31 2024").
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

/* ---- Columns from figures ------------------------------------------------ */

typedef struct fig_at {
    double key;
    size_t cell;              /* index into x->cells */
    size_t row;               /* index into x->rows */
} fig_at;

static int by_key(const void *a, const void *b)
{
    const fig_at *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return p->cell < q->cell ? -1 : p->cell > q->cell;
}

typedef struct cluster {
    size_t a, b;              /* figs[a .. b) */
    double x0, x1, key;
    int label;                /* figures that stand in the label column */
    int merged_into;          /* -1, or the cluster it was merged into */
} cluster;

static int overlap(double a0, double a1, double b0, double b1)
{
    return a0 < b1 && b0 < a1;
}

/* Two clusters that never share a row and overlap are one column whose
 * figures do not end at one place (centred figures, a stray space). */
static int share_row(const fig_at *figs, const cluster *p, const cluster *q, char *mark,
                     size_t base)
{
    int shared = 0;
    for (size_t i = p->a; i < p->b; i++)
        mark[figs[i].row - base] = 1;
    for (size_t i = q->a; i < q->b && !shared; i++)
        shared = mark[figs[i].row - base];
    for (size_t i = p->a; i < p->b; i++)
        mark[figs[i].row - base] = 0;
    return shared;
}

/* The figure at figs[i] is its row's first cell (nothing but decoration
 * before it). */
static int first_in_row(const extract *x, const fig_at *f)
{
    const trow *t = &x->rows[f->row];
    for (size_t i = t->first; i < f->cell; i++)
        if (x->cells[i].kind != TK_DECORATION)
            return 0;
    return 1;
}

/* How far right the labels of the block reach: the text cells before each
 * data row's first figure. */
static double labels_right(const extract *x, const block *b, double *left)
{
    double right = 0;
    *left = 1e30;
    for (size_t r = b->first; r <= b->last; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_DATA)
            continue;
        for (size_t i = 0; i < t->n; i++) {
            const tcell *c = &x->cells[t->first + i];
            if (c->kind != TK_TEXT)
                break;
            if (c->gc->x1 > right)
                right = c->gc->x1;
            if (c->gc->x0 < *left)
                *left = c->gc->x0;
        }
    }
    return right;
}

static void add_column(table_plan *tp, const cluster *c)
{
    vcolumn *v = &tp->cols[tp->ncols++];
    memset(v, 0, sizeof *v);
    v->x0 = c->x0;
    v->x1 = c->x1;
    v->key = c->key;
    v->role = R2X_COL_AMOUNT;
}

static int collect_figures(extract *x, const block *b, r2x_buf *out)
{
    for (size_t r = b->first; r <= b->last; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_DATA)
            continue;
        for (size_t i = 0; i < t->n; i++) {
            const tcell *c = &x->cells[t->first + i];
            /* a tab-separated cell is a column by its place, a dash too */
            if (c->kind != TK_FIGURE && c->kind != TK_YEAR &&
                !(c->kind == TK_DASH && x->units == GRID_UNITS_COLUMNS && i > 0))
                continue;
            fig_at f = {c->key, t->first + i, r};
            if (buf_add(out, &f, sizeof f))
                return R2X_ENOMEM;
        }
    }
    return R2X_OK;
}

static void cluster_extent(const extract *x, const fig_at *figs, cluster *c)
{
    c->x0 = 1e30;
    c->x1 = -1e30;
    for (size_t i = c->a; i < c->b; i++) {
        const grid_cell *gc = x->cells[figs[i].cell].gc;
        if (gc->x0 < c->x0)
            c->x0 = gc->x0;
        if (gc->x1 > c->x1)
            c->x1 = gc->x1;
    }
    /* the key most of its figures share (they are sorted by key) */
    size_t best_n = 0;
    for (size_t i = c->a; i < c->b;) {
        size_t j = i;
        while (j < c->b && fabs(figs[j].key - figs[i].key) < 1e-9)
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            c->key = figs[i].key;
        }
        i = j;
    }
}

/* A column's place includes the "$" printed before its figures (headings
 * are centred over both): each sign widens the column on its right. */
static void extend_over_signs(const extract *x, const block *b, table_plan *tp)
{
    if (x->units == GRID_UNITS_COLUMNS)
        return;
    for (size_t r = b->first; r <= b->last; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_DATA)
            continue;
        for (size_t i = 0; i < t->n; i++) {
            const tcell *c = &x->cells[t->first + i];
            if (c->kind != TK_DECORATION || c->len > 3)
                continue;
            for (size_t k = 0; k < tp->ncols; k++) {
                vcolumn *v = &tp->cols[k];
                if (v->x1 <= c->gc->x1)
                    continue;       /* the first column on its right */
                if (c->gc->x0 < v->x0 && (k == 0 || c->gc->x0 >= tp->cols[k - 1].x1) &&
                    v->x0 - c->gc->x0 <= 12 * x->em)
                    v->x0 = c->gc->x0;
                break;
            }
        }
    }
}

int columns_find(extract *x, const block *b, table_plan *tp)
{
    r2x_buf fb, cb;
    buf_init(&fb, R2X_BUF_NOCAP);
    buf_init(&cb, R2X_BUF_NOCAP);
    char *mark = calloc(b->last - b->first + 2, 1);
    int rc = mark ? collect_figures(x, b, &fb) : R2X_ENOMEM;
    if (rc)
        goto done;
    size_t nf = fb.len / sizeof(fig_at);
    fig_at *figs = (fig_at *)(void *)fb.data;
    qsort(figs, nf, sizeof *figs, by_key);
    for (size_t i = 0; i < nf;) {
        cluster c;
        memset(&c, 0, sizeof c);
        c.a = i;
        c.merged_into = -1;
        while (++i < nf && figs[i].key - figs[i - 1].key <= x->tol)
            ;
        c.b = i;
        cluster_extent(x, figs, &c);
        if ((rc = buf_add(&cb, &c, sizeof c)))
            goto done;
    }
    size_t nc = cb.len / sizeof(cluster);
    cluster *cl = (cluster *)(void *)cb.data;
    /* neighbours that overlap and never meet in a row are one column */
    for (size_t k = 1; k < nc; k++) {
        cluster *p = &cl[k - 1], *q = &cl[k];
        if (overlap(p->x0, p->x1, q->x0, q->x1) && !share_row(figs, p, q, mark, b->first)) {
            /* figs are sorted by key, so p and q are adjacent runs */
            q->a = p->a;
            cluster_extent(x, figs, q);
            p->merged_into = (int)k;
        }
    }
    /* figures in the label column ("$22,245" wrapped from the label above,
     * "737" naming an aircraft) are label text */
    double label_left;
    double right = labels_right(x, b, &label_left);
    for (size_t k = 0; k < nc; k++) {
        cluster *c = &cl[k];
        if (c->merged_into >= 0)
            continue;
        int all_first = 1;
        for (size_t i = c->a; i < c->b && all_first; i++)
            all_first = first_in_row(x, &figs[i]);
        if (!all_first || right <= 0 || !overlap(c->x0, c->x1, label_left, right))
            break;          /* the first value column: the rest stand right of it */
        c->label = 1;
        for (size_t i = c->a; i < c->b; i++)
            x->cells[figs[i].cell].kind = TK_TEXT;
    }
    tp->ncols = 0;
    for (size_t k = 0; k < nc; k++) {
        if (cl[k].merged_into >= 0 || cl[k].label)
            continue;
        if (tp->ncols == MAX_COLUMNS) {
            tb_warn(x, NULL, tb_doc_line(x, b->first), "more than %d columns of figures; "
                    "those past the %dth are ignored", MAX_COLUMNS, MAX_COLUMNS);
            break;
        }
        add_column(tp, &cl[k]);
        for (size_t i = cl[k].a; i < cl[k].b; i++)
            x->cells[figs[i].cell].col = (int)tp->ncols - 1;
    }
    extend_over_signs(x, b, tp);
    /* labels end where the first column's figures begin, or before */
    double rr = labels_right(x, b, &label_left);
    tp->label_right = rr > 0 ? rr : (tp->ncols ? tp->cols[0].x0 : 0);
    tp->label_left = rr > 0 ? label_left : 0;
    if (tp->ncols && tp->label_right > tp->cols[0].x0)
        tp->label_right = tp->cols[0].x0;
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *v = &tp->cols[i];
        v->index = x->units == GRID_UNITS_COLUMNS ? (int)(v->key + 0.5) - 1 : (int)i + 1;
    }
done:
    free(mark);
    buf_release(&fb);
    buf_release(&cb);
    return rc;
}

/* The column a cell of a data row stands in: a figure by where it ends, a
 * dash or placeholder by where it overlaps most. */
int columns_of_cell(const extract *x, const table_plan *tp, const tcell *c)
{
    if (c->col >= 0)
        return c->col;
    int best = -1;
    double best_d = 1e30;
    for (size_t i = 0; i < tp->ncols; i++) {
        const vcolumn *v = &tp->cols[i];
        double d;
        if (c->kind == TK_FIGURE || c->kind == TK_YEAR)
            d = fabs(c->key - v->key);
        else {
            double ov = fmin(c->gc->x1, v->x1) - fmax(c->gc->x0, v->x0);
            if (ov <= 0 && x->units == GRID_UNITS_COLUMNS)
                continue;
            d = ov > 0 ? -ov : -ov + 0.001;
        }
        if (d < best_d) {
            best_d = d;
            best = (int)i;
        }
    }
    if (best < 0)
        return -1;
    /* a figure far from every column, or a dash that touches none */
    double reach = c->kind == TK_FIGURE || c->kind == TK_YEAR ? 3 * x->em + x->tol
                                                               : x->heading_reach;
    if (best_d > reach)
        return -1;
    return best;
}

static void append(char *dst, size_t size, const char *sep, const char *s, size_t n)
{
    size_t cur = strlen(dst);
    if (cur && cur + strlen(sep) < size) {
        memcpy(dst + cur, sep, strlen(sep) + 1);
        cur += strlen(sep);
    }
    if (cur + n >= size)
        n = size - cur - 1;
    memcpy(dst + cur, s, n);
    dst[cur + n] = '\0';
    for (char *p = dst + cur; *p; p++)
        if (*p == '\t')
            *p = ' ';
}

/* What the figures of each column are like (percentages, fractions, a
 * currency sign), for roles and repairs. */
void columns_stats(extract *x, const block *b, table_plan *tp)
{
    for (size_t r = b->first; r <= b->last; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_DATA)
            continue;
        char label[512] = "";
        size_t nvals = 0;
        int cols[MAX_COLUMNS];
        for (size_t i = 0; i < t->n; i++) {
            tcell *c = &x->cells[t->first + i];
            if (c->kind == TK_TEXT && c->gc->x1 <= tp->label_right + x->tol) {
                append(label, sizeof label, " ", c->text, c->len);
                continue;
            }
            if (c->kind != TK_FIGURE && c->kind != TK_YEAR && c->kind != TK_DASH &&
                c->kind != TK_DECORATION)
                continue;
            int k = columns_of_cell(x, tp, c);
            if (k < 0)
                continue;
            vcolumn *v = &tp->cols[k];
            cell_reading rd;
            number_read_cell(c->text, c->len, &rd);
            if (c->kind == TK_DECORATION) {
                /* "$" standing before a column's figures names its currency */
                if (c->len == 1 && c->text[0] == '$' && !v->vote_currency[0])
                    r2xi_strlcpy(v->vote_currency, "USD", 4);
                continue;
            }
            if (nvals < MAX_COLUMNS)
                cols[nvals++] = k;
            if (c->kind == TK_DASH || rd.kind != CELL_NUMBER)
                continue;
            const figure *f = &rd.figures[0];
            v->nfigures++;
            v->npercent += f->percent || tb_percent_follows(x, t, i);
            v->ndot_thousands += f->dot_thousands;
            if (f->currency_code[0] && !v->vote_currency[0])
                r2xi_strlcpy(v->vote_currency, f->currency_code, 4);
        }
        label_unit lu;
        unit_from_label(label, &lu);
        for (size_t i = 0; i < nvals; i++) {
            vcolumn *v = &tp->cols[cols[i]];
            if (lu.kind == LABEL_UNIT_PER_SHARE && lu.ncurrencies == nvals &&
                !v->vote_currency[0])
                r2xi_strlcpy(v->vote_currency, lu.currencies[i], 4);
        }
        /* a real fraction (not "85.303") outside per-share rows */
        for (size_t i = 0; i < t->n && lu.kind != LABEL_UNIT_PER_SHARE; i++) {
            const tcell *c = &x->cells[t->first + i];
            if (c->kind != TK_FIGURE)
                continue;
            int k = columns_of_cell(x, tp, c);
            cell_reading rd;
            number_read_cell(c->text, c->len, &rd);
            if (k >= 0 && rd.kind == CELL_NUMBER && rd.figures[0].frac_digits &&
                !rd.figures[0].dot_thousands && !rd.figures[0].percent)
                tp->cols[k].has_fraction = 1;
        }
    }
}

/* ---- Headings ------------------------------------------------------------- */

/* Where the headings of columns [j, e) may stand: over their figures, or
 * in the gutters that part them from their neighbours' figures (text
 * extraction pushes a heading off its column: "2024" ending three
 * characters left of the figures under it), or heading_reach beyond the
 * table's outer columns.  Tab-separated and marked-up cells must overlap. */
static void heading_span(const extract *x, const table_plan *tp, size_t j, size_t e,
                         double *r0, double *r1)
{
    *r0 = tp->cols[j].x0;
    *r1 = tp->cols[e - 1].x1;
    if (x->units == GRID_UNITS_COLUMNS)
        return;
    *r0 = j > 0 ? fmin(*r0, tp->cols[j - 1].x1) : *r0 - x->heading_reach;
    *r1 = e < tp->ncols ? fmax(*r1, tp->cols[e].x0) : *r1 + x->heading_reach;
}

/* The heading cell nearest to column i, -1 when none reaches it. */
static int nearest_piece(const extract *x, const table_plan *tp, const head_piece *p,
                         size_t np, size_t i)
{
    const vcolumn *v = &tp->cols[i];
    double r0, r1;
    heading_span(x, tp, i, i + 1, &r0, &r1);
    int best = -1;
    double best_score = -1e30;
    for (size_t k = 0; k < np; k++) {
        double ov = fmin(p[k].x1, v->x1) - fmax(p[k].x0, v->x0);
        double score = ov > 0 ? ov : ov - 1e6;       /* any overlap beats a near miss */
        if (ov <= 0 && fmin(p[k].x1, r1) - fmax(p[k].x0, r0) <= 0)
            continue;
        if (score > best_score) {
            best_score = score;
            best = (int)k;
        }
    }
    return best;
}

/* Heading rows: the text and years over the value columns, right of the
 * labels; what stands in the label column is the table's context.  A
 * heading centred over two columns may start left of where the labels end
 * ("Twelve months ended" over a long label); a title centred over the page
 * stands mostly over the labels. */
int columns_heading_cell(const extract *x, const table_plan *tp, const tcell *c)
{
    if (c->kind == TK_DECORATION && !memchr(c->text, '%', c->len))
        return 0;           /* "$" over a column says nothing; "%" does */
    const grid_cell *g = c->gc;
    if (x->units == GRID_UNITS_COLUMNS)
        return g->x0 >= tp->label_right - 1e-9;
    if (g->x0 < tp->label_right - x->tol &&
        ((g->x0 + g->x1) / 2 < tp->label_right || g->x0 <= tp->label_left + x->tol))
        return 0;           /* a title, or a line that starts where the labels do */
    /* a title is centred over the whole table, reaching left of its first
     * column; a heading over a group of columns is centred over them */
    if (tp->ncols) {
        double table_mid = (tp->label_left + tp->cols[tp->ncols - 1].x1) / 2;
        if (fabs((g->x0 + g->x1) / 2 - table_mid) <= 3 * x->em &&
            g->x0 < tp->cols[0].x0 - 3 * x->em)
            return 0;
    }
    if (!tp->ncols)
        return 0;
    double r0, r1;
    heading_span(x, tp, 0, tp->ncols, &r0, &r1);
    return fmin(g->x1, r1) - fmax(g->x0, r0) > 0;
}

static void set_unit(vcolumn *v, const unit_phrase *u)
{
    v->unit_set = 1;
    v->unit = *u;
    v->change |= u->change;
    v->percent |= u->percent;
}

/* Units a heading cell states, for the columns it covers (cover, in
 * order): one unit for all of them, or one each. */
static void read_units(extract *x, table_plan *tp, const tcell *c, const int *cover,
                       size_t ncover, const int *covered)
{
    char buf[512];
    tb_quote(c->text, c->len, buf, sizeof buf);
    unit_phrase up[8];
    size_t nu = unit_scan(buf, up, 8), nunits = 0;
    unit_phrase units[8];
    for (size_t k = 0; k < nu; k++) {
        if (up[k].unit.kind == R2X_UNIT_NONE && !up[k].change && !up[k].percent) {
            tp->bare_scale = up[k].scale;      /* "(in millions)" over the figures */
            tp->bare_scale_set = 1;
            if (up[k].shares_scale >= 0)
                tp->shares_scale = up[k].shares_scale;
        } else {
            units[nunits++] = up[k];
        }
    }
    if (!nunits || !ncover)
        return;
    if (nunits == 1 || nunits > ncover) {
        for (size_t i = 0; i < ncover; i++)
            set_unit(&tp->cols[cover[i]], &units[0]);
    } else {
        for (size_t i = 0; i < ncover; i++)
            set_unit(&tp->cols[cover[i]], &units[i < nunits ? i : nunits - 1]);
    }
    if (nunits <= ncover)
        return;
    /* "Thousands of JPY Thousands of JPY": the headings of two columns merged
     * into one cell; the column on the right takes the second when no
     * heading of its own stands over it */
    size_t next = (size_t)cover[ncover - 1] + 1;
    if (next < tp->ncols && !tp->cols[next].unit_set && !covered[next]) {
        tb_warn(x, c->gc, 0, "heading cell '%s' holds %zu unit headings; the next one is "
                "moved to the empty column on its right", buf, nunits);
        set_unit(&tp->cols[next], &units[1]);
    } else {
        tb_warn(x, c->gc, 0, "heading cell '%s' holds more than one unit heading and no "
                "empty column follows; extra ones ignored", buf);
    }
}

typedef struct head_row {
    head_piece cells[MAX_COLUMNS];
    size_t ncells;
    const tcell *tc[MAX_COLUMNS];
    head_piece phrases[MAX_PHRASES];    /* period phrases across its cells */
    period_phrase pp[MAX_PHRASES];
    size_t nphrases;
    long line;
} head_row;

/* The period phrases of a heading row, read across its cells joined by tabs
 * ("As of March 31, 2\t2009": a year cut in two by extraction), each with
 * the extent of the cells it covers. */
static void row_phrases(extract *x, head_row *h)
{
    char joined[2048];
    size_t offs[MAX_COLUMNS], jl = 0;
    for (size_t i = 0; i < h->ncells; i++) {
        offs[i] = jl;
        size_t n = strlen(h->cells[i].text);
        size_t room = jl + 2 < sizeof joined ? sizeof joined - 2 - jl : 0;
        if (n > room)
            n = room;
        memcpy(joined + jl, h->cells[i].text, n);
        jl += n;
        if (jl + 1 < sizeof joined)
            joined[jl++] = '\t';
    }
    joined[jl] = '\0';
    h->nphrases = period_scan(joined, x->cal, h->pp, MAX_PHRASES);
    for (size_t k = 0; k < h->nphrases; k++) {
        size_t a = 0, z = 0;
        for (size_t i = 0; i < h->ncells; i++) {
            if (offs[i] <= h->pp[k].start)
                a = i;
            if (offs[i] < h->pp[k].end)
                z = i;
        }
        head_piece *p = &h->phrases[k];
        p->x0 = h->cells[a].x0;
        p->x1 = h->cells[z].x1;
        p->line = h->cells[a].line;
        p->column = h->cells[a].column;
        size_t n = h->pp[k].end - h->pp[k].start;
        if (n >= sizeof p->text)
            n = sizeof p->text - 1;
        memcpy(p->text, joined + h->pp[k].start, n);
        p->text[n] = '\0';
        for (char *q = p->text; *q; q++)
            if (*q == '\t')
                *q = ' ';
    }
}

/* Fold a column's phrases, top to bottom: a lower line completes or
 * overrides what the lines above say. */
static int fold_phrase(extract *x, period_phrase *acc, int have, const period_phrase *p)
{
    period_phrase next = *p;
    if (!have) {
        *acc = next;
        return 1;
    }
    if (next.period.kind == R2X_PERIOD_NONE ||
        (!next.months && !next.weeks && acc->period.kind == R2X_PERIOD_NONE))
        period_inherit(&next, acc, x->cal);
    else if (next.period.kind != R2X_PERIOD_NONE && !next.months && !next.weeks &&
             (acc->months || acc->weeks) && !next.as_of)
        period_inherit(&next, acc, x->cal);
    *acc = next;
    return 1;
}

/* Where a heading cell holds two spans one space apart ("Three Months
 * Ended Six Months Ended"), the byte offset where the second begins; 0
 * when none.  Each heads its own columns. */
static size_t second_span_at(const extract *x, const char *text)
{
    period_phrase pp[4];
    size_t np = period_scan(text, x->cal, pp, 4);
    if (np < 2 || !(pp[0].months || pp[0].weeks) || !(pp[1].months || pp[1].weeks) ||
        pp[1].start <= pp[0].end)
        return 0;
    return pp[1].start;
}

/* Where a heading cell holds two dates one space apart ("June 30, 2025
 * December", "2025 2024"), the byte offset where the second begins: after
 * a phrase that ends in a year, at a month or a year; 0 when none.  One
 * column has one period, so such a cell stands over two. */
static size_t second_date_at(const extract *x, const char *text)
{
    period_phrase pp[4];
    size_t np = period_scan(text, x->cal, pp, 4);
    for (size_t k = 0; k < np; k++) {
        if (!pp[k].date.year || pp[k].months || pp[k].weeks)
            continue;
        size_t b = pp[k].end;
        while (text[b] == ' ' || text[b] == ',')
            b++;
        size_t e = b;
        while (isalnum((unsigned char)text[e]) || text[e] == '.')
            e++;
        if (b == pp[k].end || e == b)
            continue;
        int year = e - b == 4 && isdigit((unsigned char)text[b]) && atoi(text + b) >= 1900 &&
                   atoi(text + b) <= 2100;
        size_t w = e;
        while (w > b && text[w - 1] == '.')
            w--;
        if (year || period_month_word(text + b, w - b))
            return b;
    }
    return 0;
}

static void add_head_piece(head_row *h, const tcell *c, double x0, double x1, long column,
                           const char *text, size_t n)
{
    head_piece *p = &h->cells[h->ncells];
    h->tc[h->ncells++] = c;
    p->x0 = x0;
    p->x1 = x1;
    p->line = c->gc->line;
    p->column = column;
    tb_quote(text, n, p->text, sizeof p->text);
}

static void read_head_row(extract *x, table_plan *tp, const trow *t, head_row *h)
{
    memset(h, 0, sizeof *h);
    h->line = t->gr->line;
    for (size_t i = 0; i < t->n && h->ncells < MAX_COLUMNS; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (!columns_heading_cell(x, tp, c))
            continue;
        const grid_cell *g = c->gc;
        char text[256];
        tb_quote(c->text, c->len, text, sizeof text);
        size_t at = x->units == GRID_UNITS_COLUMNS || c->kind != TK_TEXT
                        ? 0 : second_date_at(x, text);
        if (!at && x->units != GRID_UNITS_COLUMNS && c->kind == TK_TEXT)
            at = second_span_at(x, text);
        if (!at || h->ncells + 1 == MAX_COLUMNS) {
            add_head_piece(h, c, g->x0, g->x1, g->column, text, strlen(text));
            continue;
        }
        /* cut where the second date begins, in proportion to characters
         * (exact for text, near enough for a PDF's glyphs) */
        size_t chars = 0, before = 0;
        for (size_t k = 0; text[k]; k++)
            if (((unsigned char)text[k] & 0xC0) != 0x80) {
                chars++;
                before += k < at;
            }
        double cut = g->x0 + (g->x1 - g->x0) * (double)before / (double)chars;
        double end1 = g->x0 + (g->x1 - g->x0) * (double)(before - 1) / (double)chars;
        add_head_piece(h, c, g->x0, end1, g->column, text, at);
        add_head_piece(h, c, cut, g->x1, g->column ? g->column + (long)before : 0, text + at,
                       strlen(text + at));
    }
    row_phrases(x, h);
    for (size_t k = 0; k < h->nphrases; k++)
        if (h->pp[k].repair[0]) {
            grid_cell at;
            memset(&at, 0, sizeof at);
            at.line = h->phrases[k].line;
            at.column = h->phrases[k].column;
            tb_warn(x, &at, 0, "%s", h->pp[k].repair);
        }
}

/* Context over a table with bare years ("NINE MONTHS ENDED SEPTEMBER 30,"
 * above "2003  2002"): the phrase that stands over every column. */
static int context_phrase(extract *x, const char *context, period_phrase *out)
{
    period_phrase pp[4];
    size_t np = period_scan(context, x->cal, pp, 4);
    for (size_t k = 0; k < np; k++)
        if ((pp[k].months || pp[k].weeks) && pp[k].period.kind == R2X_PERIOD_NONE) {
            *out = pp[k];
            return 1;
        }
    return 0;
}

/* A tab-separated heading line's period phrase over column v: the one in
 * its cells, else the last one left of it ("\tTwenty-Six Weeks Ended\t"
 * printed once over two dates).  Folded into v's phrase. */
static int fold_tab_phrase(extract *x, const table_plan *tp, const head_row *h, vcolumn *v,
                           int have)
{
    int p = nearest_piece(x, tp, h->phrases, h->nphrases, (size_t)(v - tp->cols));
    if (p < 0) {
        for (size_t k = 0; k < h->nphrases; k++)
            if (h->phrases[k].x0 <= v->x0)
                p = (int)k;
        /* only a phrase that needs what is below it spans columns so */
        if (p >= 0 && h->pp[p].period.kind != R2X_PERIOD_NONE)
            return have;
    }
    return p >= 0 ? fold_phrase(x, &v->phrase, have, &h->pp[p]) : have;
}

/* Which heading cell of a row stands over each column: assign[col] = cell
 * index or -1.  Tab-separated cells by overlap.  Aligned text and PDF by
 * the best split of the columns into runs, one a cell in order, each cell
 * centred over its run ("Three Months Ended" over three columns, though
 * narrower than they are); a column under a cell's middle must be in its
 * run, and a column left out costs a little. */
static void assign_row(const extract *x, const table_plan *tp, const head_row *h,
                       int *assign)
{
    size_t n = tp->ncols, k = h->ncells;
    for (size_t i = 0; i < n; i++)
        assign[i] = -1;
    if (!k || !n)
        return;
    if (x->units == GRID_UNITS_COLUMNS || k > 24) {
        for (size_t i = 0; i < n; i++)
            assign[i] = nearest_piece(x, tp, h->cells, h->ncells, i);
        return;
    }
    const double skip = 2.0 * x->em, inf = 1e30;
    /* best[c][j]: the least cost of placing cells [0, c) over columns [0, j) */
    double best[25][MAX_COLUMNS + 1];
    int from[25][MAX_COLUMNS + 1];
    for (size_t c = 0; c <= k; c++)
        for (size_t j = 0; j <= n; j++)
            best[c][j] = inf;
    best[0][0] = 0;
    for (size_t c = 0; c <= k; c++)
        for (size_t j = 0; j <= n; j++) {
            if (best[c][j] >= inf)
                continue;
            /* column j left without a heading from this row */
            if (j < n) {
                int under = 0;      /* no cell may stand over its middle */
                double mid = (tp->cols[j].x0 + tp->cols[j].x1) / 2;
                for (size_t q = 0; q < k; q++)
                    under |= h->cells[q].x0 <= mid && mid <= h->cells[q].x1;
                if (!under && best[c][j] + skip < best[c][j + 1]) {
                    best[c][j + 1] = best[c][j] + skip;
                    from[c][j + 1] = -1;
                }
            }
            if (c == k)
                continue;
            const head_piece *p = &h->cells[c];
            double pc = (p->x0 + p->x1) / 2;
            for (size_t e = j + 1; e <= n; e++) {
                double r0 = tp->cols[j].x0, r1 = tp->cols[e - 1].x1, s0, s1;
                heading_span(x, tp, j, e, &s0, &s1);
                if (fmin(p->x1, s1) - fmax(p->x0, s0) <= 0)
                    continue;       /* the run must reach the cell */
                /* a column under another cell's middle is not this one's */
                int bad = 0;
                for (size_t i = j; i < e && !bad; i++) {
                    double mid = (tp->cols[i].x0 + tp->cols[i].x1) / 2;
                    for (size_t q = 0; q < k && !bad; q++)
                        bad = q != c && h->cells[q].x0 <= mid && mid <= h->cells[q].x1;
                }
                if (bad)
                    break;
                double cost = best[c][j] + fabs(pc - (r0 + r1) / 2);
                if (cost < best[c + 1][e]) {
                    best[c + 1][e] = cost;
                    from[c + 1][e] = (int)j;
                }
            }
        }
    if (best[k][n] >= inf) {        /* no split fits: nearest cells */
        for (size_t i = 0; i < n; i++)
            assign[i] = nearest_piece(x, tp, h->cells, h->ncells, i);
        return;
    }
    for (size_t c = k, j = n; j > 0;) {
        int f = from[c][j];
        if (f < 0) {
            j--;
            continue;
        }
        for (size_t i = (size_t)f; i < j; i++)
            assign[i] = (int)c - 1;
        c--;
        j = (size_t)f;
    }
}

/* A line of bare years, one a column, whose geometry left a column out or
 * gave two columns one year: text extraction spread the figures wider than
 * the headings ("2023  2022  2023  2022" over four columns that reach a
 * third further right).  The years head the columns in order. */
static void years_in_order(const table_plan *tp, const head_row *h, int *assign)
{
    if (h->ncells != tp->ncols || tp->ncols < 2)
        return;
    int odd = 0;
    for (size_t i = 0; i < tp->ncols; i++) {
        if (h->tc[i]->kind != TK_YEAR)
            return;
        odd |= assign[i] < 0 || (i && assign[i] == assign[i - 1]);
    }
    if (odd)
        for (size_t i = 0; i < tp->ncols; i++)
            assign[i] = (int)i;
}

/* A heading over a group of columns that stops short of the group's last
 * ones ("Twelve Months Ended" spanning one of the two year columns under it,
 * as markup with uneven colspans has it): a column left without a heading
 * in a row goes with the heading on its left when the headings below it
 * and below that heading's columns are of one kind (both years, both
 * dates), not a "% change" column after them. */
static int same_kind(const head_row *h, int a, int b)
{
    if (a < 0 || b < 0)
        return 0;
    const tcell *p = h->tc[a], *q = h->tc[b];
    return p->kind == q->kind && (p->kind == TK_YEAR || p->kind == TK_TEXT) &&
           (p->kind == TK_YEAR || (strpbrk(p->text, "0123456789") && strpbrk(q->text, "0123456789")));
}

static void extend_group_headings(const table_plan *tp, const head_row *rows, size_t nrows,
                                  int assign[][MAX_COLUMNS])
{
    for (size_t r = 0; r + 1 < nrows; r++)
        for (size_t i = 1; i < tp->ncols; i++) {
            if (assign[r][i] >= 0 || assign[r][i - 1] < 0)
                continue;
            int k = assign[r][i - 1];
            /* no other cell of the row stands left of this column but k */
            int between = 0;
            for (size_t q = (size_t)k + 1; q < rows[r].ncells; q++)
                between |= rows[r].cells[q].x1 <= tp->cols[i].x0;
            if (between)
                continue;
            for (size_t s = r + 1; s < nrows; s++)
                if (assign[s][i] >= 0) {
                    if (same_kind(&rows[s], assign[s][i], assign[s][i - 1]))
                        assign[r][i] = k;
                    break;
                }
        }
}

/* "December" over "2024" over "31,": text extraction stacked the parts of
 * a date out of order.  A phrase with a month and a year but no day, and a
 * day number standing alone elsewhere in the column's heading, are that
 * date. */
static int day_apart(const extract *x, const char *text, period_phrase *out)
{
    period_phrase pp[8];
    size_t np = period_scan(text, x->cal, pp, 8);
    for (size_t k = 0; k < np; k++) {
        if (!pp[k].date.year || !pp[k].date.month || pp[k].date.day)
            continue;
        for (size_t b = 0; text[b];) {
            size_t e = b;
            while (isdigit((unsigned char)text[e]))
                e++;
            int alone = e > b && e - b <= 2 && (b == 0 || text[b - 1] == ' ') &&
                        (text[e] == '\0' || text[e] == ' ' || text[e] == ',') &&
                        (b >= pp[k].end || e <= pp[k].start);
            int day = alone ? atoi(text + b) : 0;
            if (day >= 1 && day <= 31) {
                period_phrase p = pp[k];
                p.date.day = day;
                if (period_resolve(&p, x->cal) && p.period.kind != R2X_PERIOD_NONE) {
                    *out = p;
                    return 1;
                }
            }
            b = e > b ? e : b + 1;
        }
    }
    return 0;
}

/* Each column's heading text and period, from the heading cell of each
 * row that stands over it. */
/* A phrase stacked over two lines, one under the other ("Percent" over "to
 * Sales", aligned at the left, the right or the centre, of like widths),
 * heads the columns its lower line heads: centred over three columns, its
 * upper line alone would span the neighbours too.  Bottom up, so a stack of
 * three lines follows its last. */
static void stacked_phrases(const extract *x, const table_plan *tp, const head_row *rows,
                            size_t nrows, int assign[][MAX_COLUMNS])
{
    if (x->units == GRID_UNITS_COLUMNS || nrows < 2)
        return;
    for (size_t r = nrows - 1; r-- > 0;) {
        const head_row *up = &rows[r], *down = &rows[r + 1];
        for (size_t k = 0; k < up->ncells; k++) {
            const head_piece *a = &up->cells[k];
            for (size_t q = 0; q < down->ncells; q++) {
                const head_piece *b = &down->cells[q];
                double wa = a->x1 - a->x0, wb = b->x1 - b->x0;
                int aligned = fabs(a->x0 - b->x0) <= x->tol || fabs(a->x1 - b->x1) <= x->tol ||
                              fabs((a->x0 + a->x1) / 2 - (b->x0 + b->x1) / 2) <= x->tol;
                if (!aligned || wa > 1.5 * wb || wb > 1.5 * wa)
                    continue;
                int any = 0;
                for (size_t i = 0; i < tp->ncols; i++)
                    any |= assign[r + 1][i] == (int)q;
                for (size_t i = 0; any && i < tp->ncols; i++) {
                    if (assign[r + 1][i] == (int)q)
                        assign[r][i] = (int)k;
                    else if (assign[r][i] == (int)k)
                        assign[r][i] = -1;
                }
                break;
            }
        }
    }
}

/* A column has one date: a year over several columns ("2024" in the gutter
 * between two) does not reach a column whose heading above already names
 * a year ("June 30, 2025" over the first, "December" over the second). */
static void one_year_a_column(const extract *x, const table_plan *tp, const head_row *rows,
                              size_t nrows, int assign[][MAX_COLUMNS])
{
    int has_year[MAX_COLUMNS] = {0};
    for (size_t r = 0; r < nrows; r++) {
        int year[MAX_COLUMNS];
        for (size_t k = 0; k < rows[r].ncells; k++) {
            period_phrase pp[2];
            year[k] = period_scan(rows[r].cells[k].text, x->cal, pp, 2) > 0 &&
                      pp[0].date.year != 0;
        }
        for (size_t k = 0; k < rows[r].ncells; k++) {
            size_t n = 0, dated = 0;
            for (size_t i = 0; i < tp->ncols; i++)
                if (assign[r][i] == (int)k) {
                    n++;
                    dated += has_year[i];
                }
            if (year[k] && n > 1 && dated && dated < n)
                for (size_t i = 0; i < tp->ncols; i++)
                    if (assign[r][i] == (int)k && has_year[i])
                        assign[r][i] = -1;
        }
        for (size_t i = 0; i < tp->ncols; i++)
            if (assign[r][i] >= 0 && year[assign[r][i]])
                has_year[i] = 1;
    }
}

/* A line of headings over one heading a column below it ("Three Months
 * Ended" over "2023  2022"): text extraction shifts both left of the
 * figures alike, so each column goes with the upper heading nearest its own
 * heading below, not its figures ("2022" just past the end of "Three Months
 * Ended" is its, though its figures reach towards "Six Months Ended").
 * Kept only where the columns stay in order and every upper heading keeps
 * one. */
static double gap(const head_piece *a, const head_piece *b)
{
    return fmax(0, fmax(a->x0 - b->x1, b->x0 - a->x1));
}

static void regroup_by_row_below(const table_plan *tp, const head_row *rows, size_t nrows,
                                 int assign[][MAX_COLUMNS])
{
    size_t n = tp->ncols;
    for (size_t s = nrows; s-- > 1;) {
        int one_each = rows[s].ncells == n;
        for (size_t i = 0; i < n && one_each; i++)
            one_each = assign[s][i] == (int)i;
        if (!one_each)
            continue;
        for (size_t r = 0; r < s; r++) {
            const head_row *h = &rows[r];
            if (h->ncells < 2 || h->ncells >= n)
                continue;
            int next[MAX_COLUMNS], used[MAX_COLUMNS] = {0}, ordered = 1;
            for (size_t i = 0; i < n && ordered; i++) {
                const head_piece *below = &rows[s].cells[i];
                int best = -1;
                for (size_t k = 0; k < h->ncells; k++)
                    if (best < 0 || gap(&h->cells[k], below) < gap(&h->cells[best], below))
                        best = (int)k;
                next[i] = best;
                used[best] = 1;
                ordered = !i || next[i] >= next[i - 1];
            }
            for (size_t k = 0; k < h->ncells && ordered; k++)
                ordered = used[k];
            if (ordered)
                memcpy(assign[r], next, n * sizeof *next);
        }
        return;
    }
}

/* Column i's period from its heading lines read as one phrase ("Fourth
 * Quarter" over "2024", "Twelve months ended" over "December 31" over
 * "2024"), when no phrase of a cell gave it; have: the column has a phrase
 * to build on; year_below: the year of its lowest heading, under upper_len
 * bytes of heading text. */
static void period_of_heading_text(extract *x, table_plan *tp, size_t i, int have,
                                   int year_below, size_t upper_len)
{
    vcolumn *v = &tp->cols[i];
    period_phrase pp[8];
    size_t np = period_scan(v->period_text, x->cal, pp, 8);
    if (!np)
        return;
    /* "For the 13 Weeks Ended July 3, 2004 and June 28, 2003" over two
     * columns, a year over each: the phrase of the column's year */
    if (year_below && upper_len) {
        char upper[sizeof v->period_text];
        memcpy(upper, v->period_text, upper_len);
        upper[upper_len] = '\0';
        period_phrase up[8];
        size_t nu = period_scan(upper, x->cal, up, 8);
        for (size_t q = 0; q < nu; q++)
            if (up[q].period.kind != R2X_PERIOD_NONE && up[q].period.end.year == year_below) {
                v->phrase = up[q];
                v->has_period = 1;
                return;
            }
    }
    int got = have;
    period_phrase acc = v->phrase;
    for (size_t q = 0; q < np; q++)
        got = fold_phrase(x, &acc, got, &pp[q]);
    if (got && acc.period.kind != R2X_PERIOD_NONE) {
        v->phrase = acc;
        v->has_period = 1;
    } else if (!have) {
        v->phrase = acc;        /* partial: a sibling may mend it */
    }
    if (!v->has_period && day_apart(x, v->period_text, &v->phrase)) {
        char d[16];
        r2x_date_format(v->phrase.period.end, d);
        v->has_period = 1;
        tb_warn(x, NULL, tp->heading_line, "the heading '%s' over column %zu gives its "
                "date's day apart from its month and year; read as %s", v->period_text,
                i + 1, d);
    }
}

/* Units: each heading cell for the columns under it. */
static void units_under_cells(extract *x, table_plan *tp, head_row *rows, size_t nrows,
                              int assign[][MAX_COLUMNS])
{
    for (size_t r = 0; r < nrows; r++) {
        head_row *h = &rows[r];
        int cover[MAX_COLUMNS][MAX_COLUMNS];
        size_t ncover[MAX_COLUMNS] = {0};
        int covered[MAX_COLUMNS] = {0};
        for (size_t i = 0; i < tp->ncols; i++) {
            int k = assign[r][i];
            if (k >= 0) {
                cover[k][ncover[k]++] = (int)i;
                covered[i] = 1;
            }
        }
        for (size_t k = 0; k < h->ncells; k++)
            read_units(x, tp, h->tc[k], cover[k], ncover[k], covered);
    }
}

static void headings_by_geometry(extract *x, table_plan *tp, head_row *rows, size_t nrows,
                                 const title_info *ti)
{
    period_phrase ctx;
    int have_ctx = context_phrase(x, tp->label_context, &ctx) ||
                   context_phrase(x, ti->context, &ctx);
    int assign[MAX_HEAD_ROWS][MAX_COLUMNS];
    for (size_t r = 0; r < nrows; r++) {
        assign_row(x, tp, &rows[r], assign[r]);
        if (x->units != GRID_UNITS_COLUMNS)
            years_in_order(tp, &rows[r], assign[r]);
    }
    if (x->units != GRID_UNITS_COLUMNS)
        regroup_by_row_below(tp, rows, nrows, assign);
    stacked_phrases(x, tp, rows, nrows, assign);
    extend_group_headings(tp, rows, nrows, assign);
    one_year_a_column(x, tp, rows, nrows, assign);
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *v = &tp->cols[i];
        int have = 0;
        if (have_ctx && nrows) {
            v->phrase = ctx;
            have = 1;
        }
        int year_below = 0;
        size_t upper_len = 0;
        for (size_t r = 0; r < nrows; r++) {
            head_row *h = &rows[r];
            int k = assign[r][i];
            if (k < 0) {
                if (x->units == GRID_UNITS_COLUMNS)
                    have = fold_tab_phrase(x, tp, h, v, have);
                continue;
            }
            const tcell *c = h->tc[k];
            upper_len = strlen(v->period_text);
            year_below = c->kind == TK_YEAR ? atoi(h->cells[k].text) : 0;
            append(v->heading, sizeof v->heading, " | ", h->cells[k].text,
                   strlen(h->cells[k].text));
            append(v->period_text, sizeof v->period_text, " ", h->cells[k].text,
                   strlen(h->cells[k].text));
            if (x->units == GRID_UNITS_COLUMNS)
                have = fold_tab_phrase(x, tp, h, v, have);
        }
        v->has_period = have && v->phrase.period.kind != R2X_PERIOD_NONE;
        if (!v->has_period)
            period_of_heading_text(x, tp, i, have, year_below, upper_len);
    }
    units_under_cells(x, tp, rows, nrows, assign);
}

/* ---- Periods the geometry could not place --------------------------------- */

/* Mend damaged phrases from a resolved sibling ("Months Ended tember 30,
 * 2009" beside "Six Months Ended September 30, 2008"). */
static void repair_from_siblings(extract *x, table_plan *tp, head_row *rows, size_t nrows)
{
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *v = &tp->cols[i];
        if (v->has_period || !v->phrase.date.year)
            continue;
        for (size_t j = 0; j < tp->ncols && !v->has_period; j++) {
            if (j == i || !tp->cols[j].has_period)
                continue;
            char text[256];
            r2xi_strlcpy(text, v->heading, sizeof text);
            if (period_repair_from_sibling(&v->phrase, text, &tp->cols[j].phrase)) {
                v->has_period = 1;
                tb_warn(x, NULL, tp->heading_line, "%s", v->phrase.repair);
            }
        }
    }
    (void)rows;
    (void)nrows;
}

/* Tab-separated headings can stand anywhere along their line ("Six Months
 * Ended September 30, 2008" two cells left of its figures): when the
 * geometry leaves amount columns without a period, the phrases of the
 * heading lines, merged top to bottom, are placed in order. */
static void periods_in_order(extract *x, table_plan *tp, head_row *rows, size_t nrows)
{
    period_phrase merged[MAX_PHRASES];
    head_piece where[MAX_PHRASES];
    size_t nm = 0;
    for (size_t r = 0; r < nrows; r++) {
        head_row *h = &rows[r];
        if (!h->nphrases)
            continue;
        period_phrase next[MAX_PHRASES];
        size_t nn = h->nphrases;
        memcpy(next, h->pp, nn * sizeof *next);
        for (size_t k = 0; k < nn && nm; k++) {
            const period_phrase *above = NULL;
            if (nn == nm) {
                above = &merged[k];
            } else {
                for (size_t a = 0; a < nm; a++)
                    if (where[a].x0 <= h->phrases[k].x0)
                        above = &merged[a];
                if (!above)
                    above = &merged[0];
            }
            if (next[k].period.kind == R2X_PERIOD_NONE ||
                (!next[k].months && !next[k].weeks && above->period.kind == R2X_PERIOD_NONE))
                period_inherit(&next[k], above, x->cal);
        }
        memcpy(merged, next, nn * sizeof *merged);
        memcpy(where, h->phrases, nn * sizeof *where);
        nm = nn;
    }
    /* damaged phrases borrow from a resolved sibling on the same line */
    for (size_t k = 0; k < nm; k++) {
        grid_cell at;
        memset(&at, 0, sizeof at);
        at.line = where[k].line;
        at.column = where[k].column;
        if (merged[k].period.kind != R2X_PERIOD_NONE)
            continue;       /* its own repairs were told as it was read */
        int fixed = 0;
        for (size_t j = 0; j < nm && !fixed; j++)
            if (j != k && merged[j].period.kind != R2X_PERIOD_NONE &&
                period_repair_from_sibling(&merged[k], where[k].text, &merged[j])) {
                tb_warn(x, &at, 0, "%s", merged[k].repair);
                fixed = 1;
            }
        if (!fixed && merged[k].date.year)
            tb_warn(x, &at, 0, "column heading '%s' is not a period that can be read; its "
                    "column has no period", where[k].text);
    }
    size_t np = 0;
    for (size_t k = 0; k < nm; k++)
        if (merged[k].period.kind != R2X_PERIOD_NONE) {
            merged[np] = merged[k];
            where[np++] = where[k];
        }
    if (!np)
        return;
    int amounts[MAX_COLUMNS];
    size_t na = 0;
    for (size_t i = 0; i < tp->ncols; i++)
        if (tp->cols[i].role == R2X_COL_AMOUNT)
            amounts[na++] = (int)i;
    if (na != np && na)
        tb_warn(x, NULL, tp->heading_line, "%zu amount columns but %zu period headings; "
                "periods are placed by the position of their headings", na, np);
    for (size_t k = 0; k < na; k++) {
        vcolumn *v = &tp->cols[amounts[k]];
        size_t idx = 0;
        if (na == np) {
            idx = k;
        } else {
            for (size_t p = 0; p < np; p++)
                if (where[p].x0 <= v->key - 0.5)
                    idx = p;
        }
        v->phrase = merged[idx];
        v->has_period = 1;
    }
}

static int placed_badly(const table_plan *tp)
{
    for (size_t i = 0; i < tp->ncols; i++) {
        const vcolumn *v = &tp->cols[i];
        if (v->role != R2X_COL_AMOUNT)
            continue;
        if (!v->has_period)
            return 1;
        for (size_t j = i + 1; j < tp->ncols; j++) {
            const vcolumn *w = &tp->cols[j];
            if (w->role == R2X_COL_AMOUNT && w->has_period &&
                !memcmp(&w->phrase.period, &v->phrase.period, sizeof v->phrase.period) &&
                !strcmp(w->heading, v->heading))
                return 1;
        }
    }
    return 0;
}

/* "(Dollars in millions, except per share data)" in the label column of a
 * heading row: the table's scale. */
static void label_area_units(extract *x, table_plan *tp, const trow *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (c->kind != TK_TEXT || columns_heading_cell(x, tp, c))
            continue;
        char buf[512];
        tb_quote(c->text, c->len, buf, sizeof buf);
        append(tp->label_context, sizeof tp->label_context, "\n", buf, strlen(buf));
        tb_plan_units(tp, buf);
    }
}

/* Tab-separated headings say how wide the table is: a figure in a cell
 * right of every heading cannot be placed in a column. */
static void drop_beyond_headings(extract *x, const block *b, table_plan *tp,
                                 const head_row *rows, size_t nrows)
{
    double width = 0;
    for (size_t r = 0; r < nrows; r++)
        for (size_t i = 0; i < rows[r].ncells; i++)
            if (rows[r].cells[i].x1 > width)
                width = rows[r].cells[i].x1;
    if (width <= 0)
        return;
    size_t keep = tp->ncols;
    while (keep > 0 && tp->cols[keep - 1].x0 >= width)
        keep--;
    if (keep == tp->ncols)
        return;
    for (size_t r = b->first; r <= b->last; r++) {
        const trow *t = &x->rows[r];
        for (size_t i = 0; i < t->n; i++) {
            tcell *c = &x->cells[t->first + i];
            if (c->col < (int)keep || (c->kind != TK_FIGURE && c->kind != TK_DASH &&
                                        c->kind != TK_YEAR))
                continue;
            char q[96];
            tb_quote(c->text, c->len, q, sizeof q);
            tb_error(x, c->gc, 0, "figure '%s' in cell %d lies outside the table's %d heading "
                     "columns; it cannot be placed", q, (int)c->gc->x0 + 1, (int)width);
            c->kind = TK_DECORATION;
            c->col = -1;
        }
    }
    tp->ncols = keep;
}

int columns_read_headings(extract *x, const block *b, const title_info *ti, table_plan *tp)
{
    head_row *rows = calloc(MAX_HEAD_ROWS, sizeof *rows);
    if (!rows)
        return R2X_ENOMEM;
    size_t nrows = 0;
    tp->heading_line = tb_doc_line(x, b->first);
    for (size_t r = b->head; r < b->first; r++) {
        const trow *t = &x->rows[r];
        if (t->cls != TR_TEXT && t->cls != TR_YEARS)
            continue;
        label_area_units(x, tp, t);
        if (nrows == MAX_HEAD_ROWS)
            break;
        read_head_row(x, tp, t, &rows[nrows]);
        if (!rows[nrows].ncells)
            continue;
        tp->heading_line = tb_doc_line(x, r);
        nrows++;
    }
    tp->nhead = nrows;
    if (x->units == GRID_UNITS_COLUMNS)
        drop_beyond_headings(x, b, tp, rows, nrows);
    headings_by_geometry(x, tp, rows, nrows, ti);
    columns_assign_roles(x, tp);
    if (x->units == GRID_UNITS_COLUMNS && placed_badly(tp))
        periods_in_order(x, tp, rows, nrows);
    repair_from_siblings(x, tp, rows, nrows);
    if (!nrows && !x->rows[b->first].gr->table) {
        /* no headings: the lines above may name the periods, in order */
        period_phrase pp[8];
        size_t np = period_scan(ti->context, x->cal, pp, 8), k = 0;
        for (size_t i = 0; i < tp->ncols; i++) {
            vcolumn *v = &tp->cols[i];
            while (k < np && pp[k].period.kind == R2X_PERIOD_NONE)
                k++;
            if (v->role != R2X_COL_AMOUNT || k >= np)
                continue;
            v->phrase = pp[k++];
            v->has_period = 1;
        }
    }
    columns_place_dependents(tp);
    free(rows);
    return R2X_OK;
}

/* ---- Roles ------------------------------------------------------------------ */

static int period_later(const r2x_period *a, const r2x_period *b)
{
    int c = date_compare(a->end, b->end);
    if (c)
        return c > 0;
    return a->kind == R2X_PERIOD_DURATION && b->kind == R2X_PERIOD_DURATION &&
           date_compare(a->start, b->start) < 0;
}

static void main_currency_vote(table_plan *tp)
{
    struct { char code[4]; int n; } votes[8];
    size_t nv = 0;
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *c = &tp->cols[i];
        const char *code = NULL;
        if (c->unit_set && c->unit.unit.kind == R2X_UNIT_CURRENCY)
            code = c->unit.unit.measure;
        else if (c->vote_currency[0])
            code = c->vote_currency;
        if (!code)
            continue;
        size_t k;
        for (k = 0; k < nv; k++)
            if (strcmp(votes[k].code, code) == 0)
                break;
        if (k == nv && nv < 8) {
            r2xi_strlcpy(votes[nv].code, code, 4);
            votes[nv++].n = 0;
        }
        if (k < nv)
            votes[k].n++;
    }
    if (!tp->main_currency[0] && nv) {
        size_t best = 0;
        for (size_t k = 1; k < nv; k++)
            if (votes[k].n > votes[best].n)
                best = k;
        r2xi_strlcpy(tp->main_currency, votes[best].code, 4);
    }
}

void columns_assign_roles(extract *x, table_plan *tp)
{
    main_currency_vote(tp);
    /* "(In millions)" and no currency named over the table: the company's
     * reporting currency, as its profile says, else the one the release's
     * signs name */
    int any = 0;
    for (size_t i = 0; i < tp->ncols; i++)
        any |= tp->cols[i].unit_set && tp->cols[i].unit.unit.kind == R2X_UNIT_CURRENCY;
    if (!tp->main_currency[0] && tp->bare_scale_set && !any) {
        const char *cur = x->opts && x->opts->profile
                              ? r2x_profile_get(x->opts->profile, "currency") : NULL;
        if (cur && strlen(cur) == 3)
            r2xi_strlcpy(tp->main_currency, cur, 4);
        else if (x->doc_currency[0])
            r2xi_strlcpy(tp->main_currency, x->doc_currency, 4);
    }
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *c = &tp->cols[i];
        const char *code = c->unit_set && c->unit.unit.kind == R2X_UNIT_CURRENCY
                               ? c->unit.unit.measure : c->vote_currency;
        if (!c->unit_set && c->nfigures && c->npercent == c->nfigures &&
            tb_contains_ci(c->heading, "change"))
            c->change = 1;
        c->percent |= tp->percent_of_total;
        if (c->change || tb_contains_ci(c->heading, "yoy") ||
            tb_contains_ci(c->heading, "change") || tb_contains_ci(c->heading, "variance") ||
            tb_contains_ci(c->heading, "increase/") || tb_contains_ci(c->heading, "% inc") ||
            tb_contains_ci(c->heading, "inc/") || tb_contains_ci(c->heading, "(dec)")) {
            c->change = 1;
            c->role = R2X_COL_CHANGE;
        } else if (c->percent) {
            c->role = R2X_COL_PERCENT_OF_TOTAL;
        } else if (code && code[0] && tp->main_currency[0] &&
                   strcmp(code, tp->main_currency) != 0) {
            c->role = R2X_COL_CONVENIENCE;
        } else {
            c->role = R2X_COL_AMOUNT;
        }
    }
}

/* After periods are placed: a convenience translation is of the latest
 * period, a "% of total" column of the amount column on its left. */
void columns_place_dependents(table_plan *tp)
{
    int latest = -1;
    for (size_t i = 0; i < tp->ncols; i++) {
        const vcolumn *c = &tp->cols[i];
        if (c->role == R2X_COL_AMOUNT && c->has_period &&
            (latest < 0 || period_later(&c->phrase.period, &tp->cols[latest].phrase.period)))
            latest = (int)i;
    }
    for (size_t i = 0; i < tp->ncols; i++) {
        vcolumn *c = &tp->cols[i];
        if (c->role == R2X_COL_CONVENIENCE && latest >= 0) {
            c->phrase = tp->cols[latest].phrase;
            c->has_period = 1;
        } else if (c->role == R2X_COL_PERCENT_OF_TOTAL) {
            c->has_period = 0;
            for (size_t j = i; j-- > 0;)
                if (tp->cols[j].role == R2X_COL_AMOUNT) {
                    c->phrase = tp->cols[j].phrase;
                    c->has_period = tp->cols[j].has_period;
                    break;
                }
        } else if (c->role == R2X_COL_CHANGE) {
            c->has_period = 0;
        }
    }
}
