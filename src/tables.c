/*
 * tables.c - find the tables of a release and read their columns and rows.
 *
 * A table is a run of tab-separated lines.  Its title is the short text line
 * above it; its heading lines (before the first figure) give each column a
 * period and a unit; the other lines are rows: a label, then figures.  PDF
 * extraction damages all of this, so every repair is made by a stated rule and
 * reported as a warning naming the line.
 */
#include "tables.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "document.h"
#include "error.h"
#include "html.h"
#include "layout.h"
#include "numbers.h"
#include "periods.h"
#include "units.h"

#define MAX_PHRASES 32

/* ---- Small text helpers -------------------------------------------------- */

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trim ASCII and no-break spaces from both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s, *e = p + *n;
    for (;;) {
        if (p < e && is_space_byte(*p))
            p++;
        else if (e - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
            p += 2;
        else
            break;
    }
    for (;;) {
        if (e > p && is_space_byte(e[-1]))
            e--;
        else if (e - p >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
            e -= 2;
        else
            break;
    }
    *s = (const char *)p;
    *n = (size_t)(e - p);
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* A printable copy of a cell for messages: at most 60 bytes, no tabs. */
static void quote_cell(const char *s, size_t n, char *out, size_t size)
{
    trim(&s, &n);
    if (n > size - 4) {
        n = size - 4;
        /* do not cut a UTF-8 sequence in half */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(out, s, n);
        memcpy(out + n, "...", 4);
    } else {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    for (char *p = out; *p; p++)
        if (*p == '\t')
            *p = ' ';
}

void table_split_cells(const char *line, size_t len, src_cells *out)
{
    memset(out, 0, sizeof *out);
    size_t begin = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (out->ncells == TABLE_MAX_CELLS) {
                out->overflow = 1;
                return;
            }
            out->start[out->ncells] = begin;
            out->len[out->ncells] = i - begin;
            out->ncells++;
            begin = i + 1;
        }
    }
}

/* Superscript digits and marks PDF text puts after a label. */
static size_t footnote_char_len(const unsigned char *s, const unsigned char *e)
{
    if (e - s >= 2 && s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3))
        return 2;                                   /* ¹ ² ³ */
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x81 &&
        (s[2] == 0xB0 || (s[2] >= 0xB4 && s[2] <= 0xBE)))
        return 3;                                   /* ⁰ ⁴..⁹ ⁽ ⁾ */
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA0 || s[2] == 0xA1))
        return 3;                                   /* † ‡ */
    if (s < e && *s == '*')
        return 1;
    return 0;
}

size_t table_strip_footnote(const char *label, size_t len, char *mark, size_t size)
{
    const unsigned char *s = (const unsigned char *)label, *e = s + len;
    const unsigned char *end = e;
    mark[0] = '\0';
    /* Walk back over trailing marker characters. */
    for (;;) {
        const unsigned char *p = end;
        int found = 0;
        for (size_t back = 1; back <= 3 && (size_t)(p - s) >= back; back++) {
            size_t n = footnote_char_len(p - back, e);
            if (n == back) {
                end = p - back;
                found = 1;
                break;
            }
        }
        if (!found)
            break;
    }
    if (end == e) {
        /* "(1)" or "(a)" at the end, after a word */
        if (len >= 4 && e[-1] == ')' && e[-3] == '(' &&
            (isdigit(e[-2]) || (e[-2] >= 'a' && e[-2] <= 'e')) && e[-4] == ' ')
            end = e - 3;
        else
            return len;
    }
    const unsigned char *m = end;
    while (end > s && (end[-1] == ' '))
        end--;
    if (end == s)
        return len;        /* nothing but a marker: keep it as the label */
    size_t ml = (size_t)(e - m);
    if (ml >= size)
        ml = size - 1;
    memcpy(mark, m, ml);
    mark[ml] = '\0';
    return (size_t)(end - s);
}

/* ---- Extraction state ---------------------------------------------------- */

typedef struct pending_value {
    int pos;                  /* cell position in the source line */
    figure fig;
    int dash;
    char *text;
} pending_value;

typedef struct pending_row {
    r2x_row row;              /* label etc.; values filled at the end */
    r2x_buf pending_buf;      /* holds pending[] */
    size_t npending;
    pending_value *pending;   /* a view of pending_buf */
    int section;              /* label ends with ':' */
} pending_row;

/* Where in a heading line a unit or period was read. */
typedef struct col_unit {
    int set;
    unit_phrase u;
    char text[128];
} col_unit;

typedef struct period_at {
    int pos;
    period_phrase p;
    long line;
    char text[128];
} period_at;

typedef struct extract {
    const r2x_document *doc;
    const r2x_extract_options *opts;
    const r2x_fiscal_calendar *cal;
    size_t nerrors;
    r2x_buf tables;           /* r2x_table[] */
    r2x_buf diags;            /* r2x_error[] held for the current table */
    const unsigned char *kinds; /* layout.c's line kinds, NULL for tab-separated text */
} extract;

static void merge_sort_diags(r2x_error *d, size_t n);

#define NAME(x) ((x)->doc->name)

static void warn(extract *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report_error(extract *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Diagnostics are held per table and sent in line order when it is done, so
 * that a reader sees them as the release runs. */
static void emit(extract *x, int sev, long line, const char *fmt, va_list ap)
{
    if (!x->opts || !x->opts->diag)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.code = R2X_ETABLE;
    e.severity = sev;
    r2x_strlcpy(e.file, x->doc->name, sizeof e.file);
    e.line = (long)document_source_line(x->doc, (size_t)line);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    if (buf_add(&x->diags, &e, sizeof e))
        x->opts->diag(x->opts->diag_userdata, &e);   /* no memory: send now */
}

static void merge_sort_diags(r2x_error *d, size_t n)
{
    /* insertion sort: stable, and a table has few diagnostics */
    for (size_t i = 1; i < n; i++) {
        r2x_error tmp = d[i];
        size_t j = i;
        while (j > 0 && d[j - 1].line > tmp.line) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = tmp;
    }
}

static void flush_diags(extract *x)
{
    size_t n = x->diags.len / sizeof(r2x_error);
    r2x_error *d = (r2x_error *)(void *)x->diags.data;
    if (n > 1)
        merge_sort_diags(d, n);
    for (size_t i = 0; i < n; i++)
        x->opts->diag(x->opts->diag_userdata, &d[i]);
    buf_reset(&x->diags);
}

static void warn(extract *x, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(x, R2X_SEV_WARNING, line, fmt, ap);
    va_end(ap);
}

static void report_error(extract *x, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    x->nerrors++;
    emit(x, R2X_SEV_ERROR, line, fmt, ap);
    va_end(ap);
}

/* ---- Line classes -------------------------------------------------------- */

static int line_is_blank(const char *s, size_t n)
{
    return text_is_blank(s, n);
}

static int line_is_table(const char *s, size_t n)
{
    return memchr(s, '\t', n) != NULL && !line_is_blank(s, n);
}

/* Line n is part of a table: tab-separated, or placed in one by layout.c. */
static int in_table(const extract *x, size_t n, const char *s, size_t len)
{
    if (x->kinds)
        return x->kinds[n] != LAYOUT_NONE;
    return line_is_table(s, len);
}

static int layout_kind(const extract *x, size_t n)
{
    return x->kinds ? x->kinds[n] : LAYOUT_NONE;
}

/* ---- Titles and statements ----------------------------------------------- */

static int classify_statement(const char *text)
{
    if (contains_ci(text, "balance sheet") || contains_ci(text, "financial position") ||
        contains_ci(text, "financial condition"))
        return R2X_STMT_BALANCE_SHEET;
    if (contains_ci(text, "cash flow"))
        return R2X_STMT_CASH_FLOWS;
    if (contains_ci(text, "segment"))
        return R2X_STMT_SEGMENT;
    if (contains_ci(text, "consolidated income\n") || contains_ci(text, "statements of income") || contains_ci(text, "statement of income") ||
        contains_ci(text, "statements of operations") ||
        contains_ci(text, "statement of operations") || contains_ci(text, "income statement") ||
        contains_ci(text, "statements of earnings") || contains_ci(text, "statement of earnings") ||
        contains_ci(text, "statements of comprehensive income"))
        return R2X_STMT_INCOME;
    if ((contains_ci(text, "shareholders' equity") || contains_ci(text, "stockholders' equity") ||
         contains_ci(text, "changes in equity")) && contains_ci(text, "statement"))
        return R2X_STMT_EQUITY;
    return R2X_STMT_OTHER;
}

const char *r2x_statement_name(int statement)
{
    switch (statement) {
    case R2X_STMT_BALANCE_SHEET: return "balance-sheet";
    case R2X_STMT_INCOME: return "income-statement";
    case R2X_STMT_CASH_FLOWS: return "cash-flows";
    case R2X_STMT_EQUITY: return "equity";
    case R2X_STMT_SEGMENT: return "segment";
    }
    return "other";
}

const char *r2x_column_role_name(int role)
{
    switch (role) {
    case R2X_COL_AMOUNT: return "amount";
    case R2X_COL_PERCENT_OF_TOTAL: return "percent-of-total";
    case R2X_COL_CONVENIENCE: return "convenience-translation";
    case R2X_COL_CHANGE: return "change";
    }
    return "amount";
}

/* Lines of text just above a table: its title and the parenthesised lines
 * that state units or periods.  Stops at another table or at prose. */
typedef struct title_info {
    char *title;
    long title_line;
    char context[1024];       /* the title lines joined, for units and periods */
    int directly_after_table; /* only blank lines between this and a table */
} title_info;

/* "CONSOLIDATED BALANCE SHEETS (continued)" over the second part of a table
 * that a page break split. */
static int title_continues(const title_info *ti)
{
    return ti->title && contains_ci(ti->title, "continued");
}

static int title_candidate(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || n > 160)
        return 0;
    /* A sentence is prose, not a title. */
    if (n > 60 && s[n - 1] == '.')
        return 0;
    return 1;
}

static int find_title(extract *x, size_t first, title_info *ti)
{
    memset(ti, 0, sizeof *ti);
    int seen_text = 0;
    int nlines = 0;
    for (size_t n = first; n-- > 1 && nlines < 4;) {
        size_t len;
        const char *s = document_line(x->doc, n, &len);
        if (line_is_blank(s, len))
            continue;
        if (in_table(x, n, s, len)) {
            if (!seen_text)
                ti->directly_after_table = 1;
            break;
        }
        if (!title_candidate(s, len))
            break;
        seen_text = 1;
        nlines++;
        const char *t = s;
        size_t tn = len;
        trim(&t, &tn);
        size_t cl = strlen(ti->context);
        if (cl + tn + 2 < sizeof ti->context) {
            memmove(ti->context + tn + 1, ti->context, cl + 1);
            memcpy(ti->context, t, tn);
            ti->context[tn] = '\n';
        }
        /* "(JPY in millions)" or "(As of ...)" state units and periods;
         * "(2) Consolidated Financial Position" is a title */
        if (!ti->title && !(t[0] == '(' && t[tn - 1] == ')')) {
            ti->title = r2x_strndup(t, tn);
            if (!ti->title)
                return R2X_ENOMEM;
            ti->title_line = (long)n;
        }
    }
    return R2X_OK;
}

/* ---- Heading lines ------------------------------------------------------- */

/* A line before the first figure is a heading line when it has text beyond
 * the label cell, or its first cell names periods or units.  A line of years
 * ("\t2004\t2003") is a heading too. */
static int is_heading_line(const char *s, const src_cells *c,
                           const r2x_fiscal_calendar *cal)
{
    int beyond = 0, years = 0, figures = 0;
    for (size_t i = 0; i < c->ncells; i++) {
        const char *t = s + c->start[i];
        size_t tl = c->len[i];
        trim(&t, &tl);
        if (!tl)
            continue;
        cell_reading r;
        number_read_cell(t, tl, &r);
        if (r.kind == CELL_NUMBER) {
            figures++;
            if (r.nfigures == 1 && !r.figures[0].grouped && !r.figures[0].frac_digits &&
                r.figures[0].value.exp == 0 && r.figures[0].value.coef >= 1900 &&
                r.figures[0].value.coef <= 2100 && !r.figures[0].percent)
                years++;
            continue;
        }
        if (i > 0 && r.kind != CELL_DECORATION && r.kind != CELL_DASH)
            beyond = 1;
    }
    if (figures && figures == years)
        return 1;
    if (figures)
        return 0;
    if (beyond)
        return 1;
    /* Only the first cell has text: a heading if it names a period or unit
     * and nothing else ("1H08" alone) */
    if (c->ncells > 0) {
        char buf[256];
        quote_cell(s + c->start[0], c->len[0], buf, sizeof buf);
        period_phrase pp[4];
        unit_phrase up[4];
        if (period_scan(buf, cal, pp, 4) > 0 && pp[0].period.kind != R2X_PERIOD_NONE &&
            pp[0].start == 0)
            return 1;
        if (unit_scan(buf, up, 4) > 0 && up[0].start == 0 && up[0].end + 2 >= strlen(buf))
            return 1;
    }
    return 0;
}

/* A line of nothing but bullets and punctuation. */
static int line_is_decoration(const char *s, const src_cells *c)
{
    int any = 0;
    for (size_t i = 0; i < c->ncells; i++) {
        cell_reading r;
        number_read_cell(s + c->start[i], c->len[i], &r);
        if (r.kind == CELL_DECORATION || r.kind == CELL_DASH)
            any = 1;
        else if (r.kind != CELL_EMPTY)
            return 0;
    }
    return any;
}

/* ---- Columns: units and periods ------------------------------------------ */

typedef struct column_plan {
    int used;                 /* a figure or a heading stands at this position */
    int unit_set;
    unit_phrase unit;
    int change;
    int percent;
    char heading[256];
    int has_fraction;         /* a figure with a real fraction (not D.DDD) */
    int ndot_thousands;
    int nfigures;
    int npercent_figures;
    char vote_currency[4];    /* from row labels: "(JPY / U.S. Dollars / JPY)" */
    int period_index;         /* into periods[], -1 none */
    int role;
} column_plan;

typedef struct table_plan {
    int width;                /* cell positions the headings define */
    column_plan cols[TABLE_MAX_CELLS];
    period_at periods[MAX_PHRASES];
    size_t nperiods;
    int bare_scale;           /* "(in millions...)": scales all amounts */
    int bare_scale_set;
    int shares_scale;         /* -1 unknown */
    char main_currency[4];
    int currency_scale_set;
    int currency_scale;       /* scale of main-currency columns, for rows with
                                 no column unit (continuations) */
} table_plan;

static void append_heading(column_plan *c, const char *t, size_t tl)
{
    trim(&t, &tl);
    if (!tl)
        return;
    size_t cur = strlen(c->heading);
    if (cur && cur + 3 < sizeof c->heading) {
        memcpy(c->heading + cur, " | ", 4);
        cur += 3;
    }
    if (cur + tl >= sizeof c->heading)
        tl = sizeof c->heading - cur - 1;
    memcpy(c->heading + cur, t, tl);
    c->heading[cur + tl] = '\0';
    for (char *p = c->heading + cur; *p; p++)
        if (*p == '\t')
            *p = ' ';
}

/* Read units from one heading line into the plan. */
static void plan_units(extract *x, table_plan *tp, long lineno, const char *s,
                       const src_cells *c)
{
    for (size_t i = 0; i < c->ncells; i++) {
        char buf[512];
        quote_cell(s + c->start[i], c->len[i], buf, sizeof buf);
        if (!buf[0])
            continue;
        unit_phrase up[8];
        size_t nu = unit_scan(buf, up, 8);
        size_t placed = 0;
        for (size_t k = 0; k < nu; k++) {
            unit_phrase *u = &up[k];
            if (u->unit.kind == R2X_UNIT_NONE && !u->change) {
                /* a bare scale in a heading applies to the table */
                tp->bare_scale = u->scale;
                tp->bare_scale_set = 1;
                if (u->shares_scale >= 0)
                    tp->shares_scale = u->shares_scale;
                continue;
            }
            size_t pos = i + placed;
            if (placed > 0) {
                /* "Thousands of JPY Thousands of JPY": two headings merged
                 * into one cell; the second belongs to the next column when
                 * that cell is empty. */
                if (pos < TABLE_MAX_CELLS && (pos >= c->ncells || c->len[pos] == 0 ||
                                              text_is_blank(s + c->start[pos], c->len[pos]))) {
                    warn(x, lineno, "heading cell '%s' holds %zu unit headings; "
                         "the next one is moved to the empty column on its right",
                         buf, nu);
                } else {
                    warn(x, lineno, "heading cell '%s' holds more than one unit "
                         "heading and no empty column follows; extra ones ignored", buf);
                    break;
                }
            }
            if (pos >= TABLE_MAX_CELLS)
                break;
            column_plan *col = &tp->cols[pos];
            col->unit_set = 1;
            col->unit = *u;
            col->change |= u->change;
            col->percent |= u->percent;
            col->used = 1;
            if ((int)pos + 1 > tp->width)
                tp->width = (int)pos + 1;
            placed++;
        }
    }
}

/* Read periods from one heading line. */
static void plan_periods(extract *x, table_plan *tp, long lineno, const char *s,
                         const src_cells *c, period_at *found, size_t *nfound)
{
    /* Join cells with tabs so that phrases may run across cells ("As of
     * March 31, 2\t2009"); keep each cell's offset to place phrases. */
    char joined[2048];
    size_t offs[TABLE_MAX_CELLS];
    size_t jl = 0;
    for (size_t i = 0; i < c->ncells; i++) {
        offs[i] = jl;
        /* room for the cell, a tab and the NUL; once full, cells are cut
         * (it was "sizeof joined - jl - 2", which wrapped to SIZE_MAX
         * when the last tab filled the buffer) */
        size_t room = jl + 2 < sizeof joined ? sizeof joined - 2 - jl : 0;
        size_t n = c->len[i] < room ? c->len[i] : room;
        memcpy(joined + jl, s + c->start[i], n);
        jl += n;
        if (jl + 1 < sizeof joined)
            joined[jl++] = '\t';
    }
    joined[jl] = '\0';
    period_phrase pp[MAX_PHRASES];
    size_t np = period_scan(joined, x->cal, pp, MAX_PHRASES);
    *nfound = 0;
    for (size_t k = 0; k < np; k++) {
        int pos = 0;
        /* the cell holding the phrase's first non-space byte */
        size_t st = pp[k].start;
        for (size_t i = 0; i < c->ncells; i++)
            if (offs[i] <= st)
                pos = (int)i;
        period_at *pa = &found[(*nfound)++];
        pa->pos = pos;
        pa->p = pp[k];
        pa->line = lineno;
        size_t n = pp[k].end - pp[k].start;
        if (n >= sizeof pa->text)
            n = sizeof pa->text - 1;
        memcpy(pa->text, joined + pp[k].start, n);
        pa->text[n] = '\0';
        for (char *q = pa->text; *q; q++)
            if (*q == '\t')
                *q = ' ';
        if (pos + 1 > tp->width)
            tp->width = pos + 1;
    }
}

/* Combine the period phrases of stacked heading lines and mend damaged ones. */
static void settle_periods(extract *x, table_plan *tp, period_at lines[][MAX_PHRASES],
                           const size_t *counts, size_t nlines)
{
    /* Merge each line into the one below it, top to bottom. */
    period_at merged[MAX_PHRASES];
    size_t nm = 0;
    for (size_t l = 0; l < nlines; l++) {
        if (!counts[l])
            continue;
        if (!nm) {
            memcpy(merged, lines[l], counts[l] * sizeof *merged);
            nm = counts[l];
            continue;
        }
        period_at next[MAX_PHRASES];
        size_t nn = counts[l];
        memcpy(next, lines[l], nn * sizeof *next);
        for (size_t k = 0; k < nn; k++) {
            /* the phrase above that covers it: one to one when the counts
             * agree, else the last phrase starting at or before it */
            const period_at *above = NULL;
            if (nn == nm) {
                above = &merged[k];
            } else {
                for (size_t a = 0; a < nm; a++)
                    if (merged[a].pos <= next[k].pos)
                        above = &merged[a];
                if (!above)
                    above = &merged[0];
            }
            if (next[k].p.period.kind == R2X_PERIOD_NONE ||
                (!next[k].p.months && !next[k].p.weeks && above->p.period.kind == R2X_PERIOD_NONE))
                period_inherit(&next[k].p, &above->p, x->cal);
        }
        memcpy(merged, next, nn * sizeof *merged);
        nm = nn;
    }
    /* Damaged phrases borrow from a resolved sibling on the same line. */
    for (size_t k = 0; k < nm; k++) {
        period_at *pa = &merged[k];
        if (pa->p.period.kind != R2X_PERIOD_NONE) {
            if (pa->p.repair[0])
                warn(x, pa->line, "%s", pa->p.repair);
            continue;
        }
        int fixed = 0;
        for (size_t j = 0; j < nm && !fixed; j++) {
            if (j == k || merged[j].p.period.kind == R2X_PERIOD_NONE)
                continue;
            if (period_repair_from_sibling(&pa->p, pa->text, &merged[j].p)) {
                warn(x, pa->line, "%s", pa->p.repair);
                fixed = 1;
            }
        }
        if (!fixed && pa->p.date.year)
            warn(x, pa->line, "column heading '%s' is not a period that can be read; "
                 "its column has no period", pa->text);
    }
    /* Keep resolved ones, in order. */
    tp->nperiods = 0;
    for (size_t k = 0; k < nm; k++)
        if (merged[k].p.period.kind != R2X_PERIOD_NONE)
            tp->periods[tp->nperiods++] = merged[k];
}

/* Headings of bare years ("2003  2002") under a title that names the period
 * ("NINE MONTHS ENDED SEPTEMBER 30,"): the title's phrase stands over them
 * as a heading line would. */
static void seed_periods_from_context(extract *x, const char *context,
                                      period_at lines[][MAX_PHRASES], size_t *counts,
                                      size_t *nlines)
{
    size_t first = 0;
    while (first < *nlines && !counts[first])
        first++;
    if (first == *nlines || *nlines >= 8)
        return;
    for (size_t k = 0; k < counts[first]; k++)
        if (lines[first][k].p.period.kind != R2X_PERIOD_NONE || lines[first][k].p.months ||
            lines[first][k].p.weeks)
            return;
    period_phrase pp[4];
    size_t np = period_scan(context, x->cal, pp, 4);
    if (np != 1 || !(pp[0].months || pp[0].weeks) || !pp[0].date.month)
        return;
    memmove(&lines[1], &lines[0], *nlines * sizeof lines[0]);
    memmove(&counts[1], &counts[0], *nlines * sizeof counts[0]);
    memset(&lines[0][0], 0, sizeof lines[0][0]);
    lines[0][0].p = pp[0];
    lines[0][0].pos = 1;
    counts[0] = 1;
    (*nlines)++;
}

static int period_later(const r2x_period *a, const r2x_period *b)
{
    int c = date_compare(a->end, b->end);
    if (c)
        return c > 0;
    return a->kind == R2X_PERIOD_DURATION && b->kind == R2X_PERIOD_DURATION &&
           date_compare(a->start, b->start) < 0;
}

/* Give every used column a role and a period. */
static void assign_columns(extract *x, table_plan *tp, long heading_line)
{
    /* The table's currency: the most common among its columns. */
    struct { char code[4]; int n; } votes[8];
    size_t nv = 0;
    for (int i = 0; i < tp->width; i++) {
        column_plan *c = &tp->cols[i];
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
            r2x_strlcpy(votes[nv].code, code, 4);
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
        r2x_strlcpy(tp->main_currency, votes[best].code, 4);
    }

    int amounts[TABLE_MAX_CELLS];
    int na = 0;
    for (int i = 0; i < tp->width; i++) {
        column_plan *c = &tp->cols[i];
        c->period_index = -1;
        if (!c->used)
            continue;
        const char *code = c->unit_set && c->unit.unit.kind == R2X_UNIT_CURRENCY
                               ? c->unit.unit.measure : c->vote_currency;
        /* A column whose figures are all percentages is a ratio column. */
        if (!c->unit_set && c->nfigures && c->npercent_figures == c->nfigures &&
            contains_ci(c->heading, "change"))
            c->change = 1;
        if (c->change || contains_ci(c->heading, "yoy") ||
            contains_ci(c->heading, "change")) {
            c->change = 1;
            c->role = R2X_COL_CHANGE;
        } else if (c->percent)
            c->role = R2X_COL_PERCENT_OF_TOTAL;
        else if (code && code[0] && tp->main_currency[0] &&
                 strcmp(code, tp->main_currency) != 0)
            c->role = R2X_COL_CONVENIENCE;
        else {
            c->role = R2X_COL_AMOUNT;
            amounts[na++] = i;
        }
    }
    if (!tp->nperiods)
        return;
    /* Amount columns take the periods in order when the counts agree;
     * otherwise each period covers the cells from its heading to the next. */
    if ((size_t)na == tp->nperiods) {
        for (int k = 0; k < na; k++)
            tp->cols[amounts[k]].period_index = k;
    } else {
        if (na)
            warn(x, heading_line, "%d amount columns but %zu period headings; "
                 "periods are placed by the position of their headings",
                 na, tp->nperiods);
        for (int k = 0; k < na; k++) {
            int idx = 0;
            for (size_t p = 0; p < tp->nperiods; p++)
                if (tp->periods[p].pos <= amounts[k])
                    idx = (int)p;
            tp->cols[amounts[k]].period_index = idx;
        }
    }
    /* The latest period, for convenience translations. */
    int latest = 0;
    for (size_t p = 1; p < tp->nperiods; p++)
        if (period_later(&tp->periods[p].p.period, &tp->periods[latest].p.period))
            latest = (int)p;
    for (int i = 0; i < tp->width; i++) {
        column_plan *c = &tp->cols[i];
        if (!c->used)
            continue;
        if (c->role == R2X_COL_CONVENIENCE) {
            c->period_index = latest;
        } else if (c->role == R2X_COL_PERCENT_OF_TOTAL) {
            /* a "% of total" column belongs to the amount column on its left */
            for (int j = i - 1; j >= 0; j--)
                if (tp->cols[j].used && tp->cols[j].role == R2X_COL_AMOUNT) {
                    c->period_index = tp->cols[j].period_index;
                    break;
                }
        }
    }
}

/* ---- Rows ---------------------------------------------------------------- */

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
}

static int label_is_total(const char *label)
{
    if (!label)
        return 0;
    return strncasecmp(label, "total", 5) == 0 || contains_ci(label, "consolidated total");
}

/* Set the label of a row from cell text, stripping footnote markers. */
/* A label that ends with a word no label ends with ("... par value, 4.349
 * and") goes on on the next line. */
static int label_ends_open(const char *label)
{
    static const char *const words[] = {"and", "or", "of", "the", "for", "in", "to", "from",
                                        "before", "after", "with", "by", "on", "&", NULL};
    size_t n = strlen(label);
    while (n && label[n - 1] == ' ')
        n--;
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
    int indent = 0;
    while (indent < (int)tl && (t[indent] == ' '))
        indent++;
    pr->row.indent = indent;
    trim(&t, &tl);
    char mark[32];
    tl = table_strip_footnote(t, tl, mark, sizeof mark);
    trim(&t, &tl);
    free(pr->row.label);
    pr->row.label = r2x_strndup(t, tl);
    if (!pr->row.label)
        return R2X_ENOMEM;
    if (mark[0]) {
        free(pr->row.footnote);
        pr->row.footnote = r2x_strdup(mark);
        if (!pr->row.footnote)
            return R2X_ENOMEM;
    }
    pr->section = tl > 0 && t[tl - 1] == ':';
    return R2X_OK;
}

static int add_pending(pending_row *pr, int pos, const figure *f, int dash,
                       const char *text, size_t tl)
{
    pending_value add;
    memset(&add, 0, sizeof add);
    if (buf_add(&pr->pending_buf, &add, sizeof add))
        return R2X_ENOMEM;
    pr->pending = (pending_value *)(void *)pr->pending_buf.data;
    pending_value *v = &pr->pending[pr->npending];
    v->pos = pos;
    if (f)
        v->fig = *f;
    v->dash = dash;
    trim(&text, &tl);
    v->text = r2x_strndup(text, tl);
    if (!v->text)
        return R2X_ENOMEM;
    pr->npending++;
    return R2X_OK;
}

/* The first figure of a line, for the stray-value rule. */
static int first_figure_of_line(extract *x, size_t lineno, r2x_decimal *out)
{
    size_t len;
    const char *s = document_line(x->doc, lineno, &len);
    if (!s || !line_is_table(s, len))
        return 0;
    src_cells c;
    table_split_cells(s, len, &c);
    for (size_t i = 1; i < c.ncells; i++) {
        cell_reading r;
        number_read_cell(s + c.start[i], c.len[i], &r);
        if (r.kind == CELL_NUMBER) {
            *out = r.figures[0].value;
            return 1;
        }
    }
    return 0;
}

/* Read the figures of one data line into pr. */
static int read_row_cells(extract *x, table_plan *tp, size_t lineno, const char *s,
                          const src_cells *c, pending_row *pr, int label_lost)
{
    int taken[TABLE_MAX_CELLS] = {0};
    int first = label_lost ? 0 : 1;
    for (size_t i = (size_t)first; i < c->ncells; i++) {
        const char *t = s + c->start[i];
        size_t tl = c->len[i];
        char q[96];
        quote_cell(t, tl, q, sizeof q);
        if (!q[0] || taken[i])
            continue;
        cell_reading r;
        if (number_read_cell(t, tl, &r) == R2X_ERANGE) {
            report_error(x, (long)lineno, "figure '%s' has more than %d digits; "
                         "it cannot be held exactly", q, R2X_DECIMAL_MAX_DIGITS);
            continue;
        }
        if (r.kind == CELL_DECORATION || r.kind == CELL_TEXT) {
            warn(x, (long)lineno, "cell %zu '%s' is not a figure; ignored", i + 1, q);
            continue;
        }
        if (tp->width && (int)i >= tp->width) {
            report_error(x, (long)lineno, "figure '%s' in cell %zu lies outside the "
                         "table's %d heading columns; it cannot be placed", q, i + 1,
                         tp->width);
            continue;
        }
        if (r.kind == CELL_DASH) {
            if (add_pending(pr, (int)i, NULL, 1, t, tl))
                return R2X_ENOMEM;
            continue;
        }
        if (r.space_grouped)
            warn(x, (long)lineno, "read '%s' as one figure grouped by a space", q);
        if (r.nfigures == 1) {
            if (add_pending(pr, (int)i, &r.figures[0], 0, t, tl))
                return R2X_ENOMEM;
            continue;
        }
        /* Two figures in one cell: the right one moves into an empty cell on
         * the right; if it repeats the first figure of the next line it is a
         * stray from there; otherwise it cannot be placed. */
        if (r.nfigures == 2) {
            size_t nx = i + 1;
            int right_empty = nx < TABLE_MAX_CELLS &&
                              (nx >= c->ncells || text_is_blank(s + c->start[nx], c->len[nx])) &&
                              (tp->width == 0 || (int)nx < tp->width);
            int right_kind_ok = nx < TABLE_MAX_CELLS &&
                                (!tp->cols[nx].percent || r.figures[1].percent) &&
                                !tp->cols[nx].change;
            r2x_decimal next_first;
            if (first_figure_of_line(x, lineno + 1, &next_first) &&
                r2x_decimal_cmp(next_first, r.figures[1].value) == 0) {
                warn(x, (long)lineno, "cell '%s' holds two figures; the second repeats "
                     "the first figure of line %zu and is dropped as a stray", q,
                     document_source_line(x->doc, lineno + 1));
                const figure *f0 = &r.figures[0];
                if (add_pending(pr, (int)i, f0, 0, t + f0->text_off, f0->text_len))
                    return R2X_ENOMEM;
                continue;
            }
            if (right_empty && right_kind_ok) {
                warn(x, (long)lineno, "cell '%s' holds two figures; the second is "
                     "moved to the empty cell on its right", q);
                const figure *f0 = &r.figures[0], *f1 = &r.figures[1];
                if (add_pending(pr, (int)i, f0, 0, t + f0->text_off, f0->text_len) ||
                    add_pending(pr, (int)nx, f1, 0, t + f1->text_off, f1->text_len))
                    return R2X_ENOMEM;
                taken[nx] = 1;
                continue;
            }
        }
        warn(x, (long)lineno, "cell '%s' holds %zu figures and no empty cell can take "
             "them; the cell is ignored", q, r.nfigures);
    }
    return R2X_OK;
}

/* ---- Values: scale, unit and decimals ------------------------------------ */

static int finish_values(extract *x, table_plan *tp, pending_row *pr, const char *section)
{
    r2x_row *row = &pr->row;
    label_unit lu;
    unit_from_label(row->label, &lu);
    /* "Basic" under "Earnings per share:" or "Weighted average shares
     * outstanding:": a row whose label names no unit takes its section's */
    if (lu.kind == LABEL_UNIT_NONE && section)
        unit_from_label(section, &lu);
    if (!pr->npending)
        return R2X_OK;
    label_unit heading_units[TABLE_MAX_CELLS];
    for (size_t k = 0; k < pr->npending; k++)
        unit_from_label(tp->cols[pr->pending[k].pos].heading,
                        &heading_units[k]);
    row->values = calloc(pr->npending, sizeof *row->values);
    if (!row->values)
        return R2X_ENOMEM;
    size_t nvals = 0;
    for (size_t k = 0; k < pr->npending; k++) {
        pending_value *pv = &pr->pending[k];
        column_plan *col = &tp->cols[pv->pos];
        r2x_value *v = &row->values[nvals];
        figure f = pv->fig;
        v->nil_dash = pv->dash;
        v->text = pv->text;
        pv->text = NULL;
        /* The column index within the output columns is set by the caller;
         * keep the cell position here for now. */
        v->column = pv->pos;

        const char *currency = NULL;
        if (col->unit_set && col->unit.unit.kind == R2X_UNIT_CURRENCY)
            currency = col->unit.unit.measure;
        else if (col->vote_currency[0])
            currency = col->vote_currency;
        else if (tp->main_currency[0])
            currency = tp->main_currency;

        int scale = 0;
        if (col->unit_set && col->unit.scale)
            scale = col->unit.scale;
        else if (col->unit_set && col->unit.unit.kind == R2X_UNIT_CURRENCY)
            /* "JPY" or "Yen" over a column with no scale: units, unless a
             * bare "(in millions)" covers the table */
            scale = tp->bare_scale_set ? tp->bare_scale : 0;
        else if (currency && tp->main_currency[0] && !strcmp(currency, tp->main_currency) &&
                 tp->currency_scale_set)
            scale = tp->currency_scale;
        else if (tp->bare_scale_set)
            scale = tp->bare_scale;

        /* the row's label says what its figures are; failing that, the
         * column heading may ("Basic net income per share") */
        const label_unit *lup = lu.kind != LABEL_UNIT_NONE ? &lu : &heading_units[k];
        if (lup != &lu && lup->kind == LABEL_UNIT_RATIO)
            lup = &lu;
        label_unit lu_cell = *lup;
#define lu lu_cell
        if (lu.kind == LABEL_UNIT_PER_SHARE) {
            /* per-share figures are printed in units whatever the table scale */
            v->unit.kind = R2X_UNIT_PER_SHARE;
            const char *cur = currency;
            if (lu.ncurrencies == pr->npending)
                cur = lu.currencies[k];
            r2x_strlcpy(v->unit.measure, cur ? cur : "", sizeof v->unit.measure);
            r2x_strlcpy(v->unit.denominator, lu.denominator, sizeof v->unit.denominator);
            if (!cur)
                v->unit.kind = R2X_UNIT_OTHER;
            scale = 0;
        } else if (lu.kind == LABEL_UNIT_SHARES || lu.kind == LABEL_UNIT_OTHER_COUNT) {
            v->unit.kind = lu.kind == LABEL_UNIT_SHARES ? R2X_UNIT_SHARES : R2X_UNIT_OTHER;
            r2x_strlcpy(v->unit.measure, lu.count_unit, sizeof v->unit.measure);
            /* a scale tied to a currency ("Thousands of JPY") does not scale
             * share counts; a bare one does unless shares are stated apart */
            scale = tp->shares_scale >= 0 ? tp->shares_scale
                    : (tp->bare_scale_set ? tp->bare_scale : 0);
        } else if (f.percent || col->percent || lu.kind == LABEL_UNIT_RATIO) {
            /* percentages are written as ratios: 46.6% is 0.466 */
            v->unit.kind = R2X_UNIT_PURE;
            r2x_strlcpy(v->unit.measure, "pure", sizeof v->unit.measure);
            scale = -2;
        } else if (f.suffix[0]) {
            v->unit.kind = R2X_UNIT_OTHER;
            r2x_strlcpy(v->unit.measure, f.suffix, sizeof v->unit.measure);
            scale = 0;
        } else if (currency) {
            v->unit.kind = R2X_UNIT_CURRENCY;
            r2x_strlcpy(v->unit.measure, currency, sizeof v->unit.measure);
        } else {
            v->unit.kind = R2X_UNIT_NONE;
        }

#undef lu
        /* "85.303" among comma-grouped whole figures of a thousands column is
         * 85,303 with a mistyped separator. */
        if (!pv->dash && f.dot_thousands && !col->has_fraction && scale >= 3 &&
            v->unit.kind == R2X_UNIT_CURRENCY) {
            warn(x, row->line, "read '%s' as %s%lld,%03lld: a '.' among whole figures "
                 "of a %s column is taken for a thousands separator", v->text,
                 f.value.coef < 0 ? "-" : "", (long long)llabs(f.value.coef / 1000),
                 (long long)llabs(f.value.coef % 1000),
                 scale == 3 ? "thousands" : scale == 6 ? "millions" : "scaled");
            f.value.exp = 0;
            f.frac_digits = 0;
        }
        if (!pv->dash && f.decimal_comma)
            warn(x, row->line, "read '%s' with its comma as a decimal point", v->text);

        if (pv->dash) {
            v->value.coef = 0;
            v->value.exp = 0;
            v->decimals = -scale;
        } else {
            v->value = f.value;
            if (r2x_decimal_scale(&v->value, scale)) {
                report_error(x, row->line, "figure '%s' is out of range", v->text);
                free(v->text);
                continue;
            }
            v->decimals = f.frac_digits - scale;
        }
        nvals++;
    }
    row->nvalues = nvals;
    return R2X_OK;
}

/* ---- One table ----------------------------------------------------------- */

static void table_release(r2x_table *t)
{
    free(t->title);
    for (size_t i = 0; i < t->ncolumns; i++)
        free(t->columns[i].heading);
    free(t->columns);
    for (size_t r = 0; r < t->nrows; r++) {
        r2x_row *row = &t->rows[r];
        free(row->label);
        free(row->footnote);
        for (size_t v = 0; v < row->nvalues; v++)
            free(row->values[v].text);
        free(row->values);
    }
    free(t->rows);
}

/* Context from the lines above a table: units and periods they state. */
static void plan_from_context(table_plan *tp, const char *context)
{
    unit_phrase up[8];
    size_t nu = unit_scan(context, up, 8);
    for (size_t k = 0; k < nu; k++) {
        if (up[k].unit.kind == R2X_UNIT_NONE && !up[k].change && !up[k].percent) {
            tp->bare_scale = up[k].scale;
            tp->bare_scale_set = 1;
            if (up[k].shares_scale >= 0)
                tp->shares_scale = up[k].shares_scale;
        } else if (up[k].unit.kind == R2X_UNIT_CURRENCY && up[k].scale) {
            /* "(JPY in millions)" over the table */
            r2x_strlcpy(tp->main_currency, up[k].unit.measure, 4);
            tp->currency_scale = up[k].scale;
            tp->currency_scale_set = 1;
        }
    }
}

typedef struct block {
    size_t first, last;       /* line numbers, inclusive */
} block;

static int build_table(extract *x, block b, const title_info *ti,
                       const r2x_table *prev, const table_plan *prev_plan,
                       table_plan *tp_out)
{
    table_plan *tp = tp_out;
    memset(tp, 0, sizeof *tp);
    tp->shares_scale = -1;
    if ((ti->directly_after_table || title_continues(ti)) && prev && prev_plan) {
        /* a continuation keeps what its first part said of units */
        r2x_strlcpy(tp->main_currency, prev_plan->main_currency, 4);
        tp->bare_scale = prev_plan->bare_scale;
        tp->bare_scale_set = prev_plan->bare_scale_set;
        tp->shares_scale = prev_plan->shares_scale;
        for (int i = 0; i < prev_plan->width; i++)
            if (prev_plan->cols[i].unit_set &&
                prev_plan->cols[i].unit.unit.kind == R2X_UNIT_CURRENCY &&
                !strcmp(prev_plan->cols[i].unit.unit.measure, prev_plan->main_currency)) {
                tp->currency_scale = prev_plan->cols[i].unit.scale;
                tp->currency_scale_set = 1;
                break;
            }
        if (prev_plan->currency_scale_set && !tp->currency_scale_set) {
            tp->currency_scale = prev_plan->currency_scale;
            tp->currency_scale_set = 1;
        }
    }
    plan_from_context(tp, ti->context);

    r2x_table t;
    memset(&t, 0, sizeof t);
    t.first_line = (long)b.first;
    t.last_line = (long)b.last;

    /* Heading lines: those before the first line with figures. */
    size_t n = b.first;
    period_at (*plines)[MAX_PHRASES] = calloc(8, sizeof *plines);
    size_t pcounts[8] = {0};
    size_t nplines = 0;
    if (!plines)
        return R2X_ENOMEM;
    long heading_line = (long)b.first;
    int label_lost = 0;
    for (; n <= b.last; n++) {
        size_t len;
        const char *s = document_line(x->doc, n, &len);
        src_cells c;
        table_split_cells(s, len, &c);
        if (layout_kind(x, n) == LAYOUT_FILLER || line_is_decoration(s, &c))
            continue;       /* "\t•\t": bullets left by extraction */
        if (x->kinds ? layout_kind(x, n) != LAYOUT_HEADING : !is_heading_line(s, &c, x->cal))
            break;          /* figures, or a label row ("ASSETS"), end the headings */
        heading_line = (long)n;
        plan_units(x, tp, (long)n, s, &c);
        if (nplines < 8) {
            plan_periods(x, tp, (long)n, s, &c, plines[nplines], &pcounts[nplines]);
            nplines++;
        }
        /* the headings define the table's width, trailing empty cells too */
        if ((int)c.ncells > tp->width)
            tp->width = (int)c.ncells;
        for (size_t i = 0; i < c.ncells && i < TABLE_MAX_CELLS; i++)
            append_heading(&tp->cols[i], s + c.start[i], c.len[i]);
        /* a heading that starts in the first cell means the label column
         * was lost ("1H08\t1H09\tYoY % change") */
        char first[128];
        quote_cell(s + c.start[0], c.len[0], first, sizeof first);
        if (first[0]) {
            period_phrase pp[2];
            unit_phrase up[2];
            if ((period_scan(first, x->cal, pp, 2) && pp[0].start == 0) ||
                (unit_scan(first, up, 2) && up[0].start == 0))
                label_lost = 1;
        }
    }
    if (nplines > 0 && x->kinds)
        seed_periods_from_context(x, ti->context, plines, pcounts, &nplines);
    settle_periods(x, tp, plines, pcounts, nplines);
    free(plines);
    if (tp->nperiods == 0 && nplines == 0) {
        /* no headings: the lines above may state the periods */
        period_phrase pp[8];
        size_t np = period_scan(ti->context, x->cal, pp, 8);
        for (size_t k = 0; k < np && tp->nperiods < MAX_PHRASES; k++)
            if (pp[k].period.kind != R2X_PERIOD_NONE) {
                period_at *pa = &tp->periods[tp->nperiods++];
                memset(pa, 0, sizeof *pa);
                pa->p = pp[k];
                pa->pos = (int)tp->nperiods;
            }
    }

    /* Rows. */
    r2x_buf rows;
    buf_init(&rows, R2X_BUF_NOCAP);
    int rc = R2X_OK;
    pending_row pr;
    int pr_owned = 0;           /* pr holds what is in no row yet */
    size_t rows_done = 0;       /* rows[0..rows_done) moved into t or freed */
    for (; n <= b.last; n++) {
        size_t len;
        const char *s = document_line(x->doc, n, &len);
        if (layout_kind(x, n) == LAYOUT_FILLER)
            continue;       /* blank lines, rules and tags inside a space-aligned table */
        src_cells c;
        table_split_cells(s, len, &c);
        if (c.overflow)
            warn(x, (long)n, "line has more than %d cells; the rest are ignored",
                 TABLE_MAX_CELLS);
        memset(&pr, 0, sizeof pr);
        buf_init(&pr.pending_buf, R2X_BUF_NOCAP);
        pr_owned = 1;
        pr.row.line = (long)n;
        pr.row.label_line = (long)n;
        const char *cell0 = s + c.start[0];
        size_t cell0_len = c.len[0];
        cell_reading r0;
        number_read_cell(cell0, cell0_len, &r0);
        /* layout.c puts labels in the first cell, even "$6 ......" */
        int lost = label_lost || (r0.kind == CELL_NUMBER && !x->kinds);
        if (!lost && !text_is_blank(cell0, cell0_len)) {
            if ((rc = set_label(&pr, cell0, cell0_len)))
                goto fail;
        }
        if ((rc = read_row_cells(x, tp, n, s, &c, &pr, lost)))
            goto fail;
        if (pr.section && pr.npending) {
            warn(x, (long)n, "section heading '%s' carries %zu figures that belong "
                 "to no line item; they are ignored", pr.row.label, pr.npending);
            for (size_t k = 0; k < pr.npending; k++)
                free(pr.pending[k].text);
            pr.npending = 0;
        }
        pending_row *prevrow = rows.len ? (pending_row *)(void *)(rows.data + rows.len - sizeof pr) : NULL;
        if (prevrow && !prevrow->row.label && prevrow->npending && pr.row.label &&
            !pr.npending && !pr.section && prevrow->row.line == (long)n - 1) {
            /* figures on one line, their label alone on the next: one row */
            warn(x, (long)n, "label '%s' stands alone below the unlabeled figures of "
                 "line %ld; they are read as one row", pr.row.label, prevrow->row.line);
            prevrow->row.label = pr.row.label;
            prevrow->row.label_line = (long)n;
            prevrow->row.indent = pr.row.indent;
            prevrow->row.footnote = pr.row.footnote;
            pr.row.label = NULL;
            pr.row.footnote = NULL;
            pending_row_free(&pr);
            pr_owned = 0;
            continue;
        }
        if (prevrow && prevrow->row.label && !prevrow->npending && !prevrow->section &&
            pr.row.label && prevrow->row.line == (long)n - 1 &&
            (islower((unsigned char)pr.row.label[0]) ||
             (x->kinds && isdigit((unsigned char)pr.row.label[0])) ||
             strchr(";,", prevrow->row.label[strlen(prevrow->row.label) - 1]) ||
             label_ends_open(prevrow->row.label))) {
            /* a label wrapped over two lines: the figures are on the second */
            size_t l1 = strlen(prevrow->row.label), l2 = strlen(pr.row.label);
            char *joined = malloc(l1 + l2 + 2);
            if (!joined) {
                rc = R2X_ENOMEM;
                goto fail;
            }
            memcpy(joined, prevrow->row.label, l1);
            joined[l1] = ' ';
            memcpy(joined + l1 + 1, pr.row.label, l2 + 1);
            free(pr.row.label);
            pr.row.label = joined;
            pr.row.label_line = prevrow->row.label_line;
            pr.row.indent = prevrow->row.indent;
            pending_row_free(prevrow);
            rows.len -= sizeof pr;
        }
        if ((rc = buf_add(&rows, &pr, sizeof pr)))
            goto fail;
        pr_owned = 0;
    }

    /* Column statistics from the figures, for roles and repairs. */
    size_t nrows = rows.len / sizeof pr;
    pending_row *prs = (pending_row *)(void *)rows.data;
    for (size_t i = 0; i < nrows; i++) {
        label_unit lu;
        unit_from_label(prs[i].row.label, &lu);
        for (size_t k = 0; k < prs[i].npending; k++) {
            pending_value *pv = &prs[i].pending[k];
            column_plan *col = &tp->cols[pv->pos];
            col->used = 1;
            if ((int)pv->pos + 1 > tp->width && nplines == 0)
                tp->width = pv->pos + 1;
            if (pv->dash)
                continue;
            col->nfigures++;
            if (pv->fig.percent)
                col->npercent_figures++;
            if (pv->fig.frac_digits && !pv->fig.dot_thousands && !pv->fig.percent &&
                lu.kind != LABEL_UNIT_PER_SHARE)
                col->has_fraction = 1;
            if (lu.kind == LABEL_UNIT_PER_SHARE && lu.ncurrencies == prs[i].npending &&
                !col->vote_currency[0])
                r2x_strlcpy(col->vote_currency, lu.currencies[k], 4);
            /* "$ 1,234": the sign names the column's currency when no
             * heading does */
            if (pv->fig.currency_code[0] && !col->vote_currency[0])
                r2x_strlcpy(col->vote_currency, pv->fig.currency_code, 4);
        }
        if (!prs[i].row.label && prs[i].npending)
            warn(x, prs[i].row.line, "a row of %zu figures has no label (lost in "
                 "extraction?); kept unlabeled", prs[i].npending);
    }
    /* "(In millions)" with no currency anywhere: the amounts are in the
     * company's reporting currency, when its profile names one. */
    if (tp->bare_scale_set && !tp->main_currency[0] && x->opts && x->opts->profile) {
        const char *cur = r2x_profile_get(x->opts->profile, "currency");
        int any_currency = 0;
        for (int i = 0; i < TABLE_MAX_CELLS; i++)
            if (tp->cols[i].vote_currency[0] ||
                (tp->cols[i].unit_set && tp->cols[i].unit.unit.kind == R2X_UNIT_CURRENCY))
                any_currency = 1;
        if (cur && strlen(cur) == 3 && !any_currency)
            r2x_strlcpy(tp->main_currency, cur, 4);
    }
    assign_columns(x, tp, heading_line);

    /* Output columns: every used position, in order. */
    int map[TABLE_MAX_CELLS];
    t.columns = calloc(TABLE_MAX_CELLS, sizeof *t.columns);
    if (!t.columns) {
        rc = R2X_ENOMEM;
        goto fail;
    }
    for (int i = 0; i < TABLE_MAX_CELLS; i++) {
        map[i] = -1;
        column_plan *cp = &tp->cols[i];
        if (!cp->used)
            continue;
        r2x_column *col = &t.columns[t.ncolumns];
        map[i] = (int)t.ncolumns++;
        col->index = i;
        col->role = cp->role;
        col->heading = r2x_strdup(cp->heading);
        if (!col->heading) {
            rc = R2X_ENOMEM;
            goto fail;
        }
        if (cp->period_index >= 0 && cp->role != R2X_COL_CHANGE)
            col->period = tp->periods[cp->period_index].p.period;
        if (cp->unit_set) {
            col->unit = cp->unit.unit;
            col->scale = cp->unit.scale;
        } else if (cp->vote_currency[0] || tp->main_currency[0]) {
            col->unit.kind = R2X_UNIT_CURRENCY;
            r2x_strlcpy(col->unit.measure, cp->vote_currency[0] ? cp->vote_currency
                                                              : tp->main_currency,
                        sizeof col->unit.measure);
            col->scale = tp->currency_scale_set ? tp->currency_scale
                         : tp->bare_scale_set ? tp->bare_scale : 0;
        } else if (tp->bare_scale_set) {
            col->scale = tp->bare_scale;
        }
        if (cp->percent) {
            col->unit.kind = R2X_UNIT_PURE;
            r2x_strlcpy(col->unit.measure, "pure", sizeof col->unit.measure);
            col->scale = -2;
        }
    }

    t.rows = calloc(nrows ? nrows : 1, sizeof *t.rows);
    if (!t.rows) {
        rc = R2X_ENOMEM;
        goto fail;
    }
    const char *section = NULL, *per_share_label = NULL;
    for (size_t i = 0; i < nrows; i++) {
        pending_row *p = &prs[i];
        if (p->row.label && !p->npending && p->section)
            section = p->row.label;
        else if (p->npending && label_is_total(p->row.label))
            section = NULL;
        /* "Discontinued operations  0.02" inside a block of per-share lines
         * (below "Basic income per common share before ...") is per share
         * too, when its label names no unit and its figures are in cents */
        const char *unit_source = p->npending ? section : NULL;
        if (p->npending && per_share_label && p->row.label) {
            label_unit own, sect;
            unit_from_label(p->row.label, &own);
            unit_from_label(section, &sect);
            int cents = 1;
            for (size_t k = 0; k < p->npending; k++)
                if (!p->pending[k].dash && p->pending[k].fig.frac_digits != 2)
                    cents = 0;
            if (own.kind == LABEL_UNIT_NONE && sect.kind == LABEL_UNIT_NONE && cents)
                unit_source = per_share_label;
        }
        if ((rc = finish_values(x, tp, p, unit_source)))
            goto fail;
        if (p->row.nvalues)
            per_share_label = p->row.values[0].unit.kind == R2X_UNIT_PER_SHARE
                              ? p->row.label : NULL;
        for (size_t k = 0; k < p->row.nvalues; k++)
            p->row.values[k].column = map[p->row.values[k].column];
        p->row.is_total = label_is_total(p->row.label);
        p->row.is_heading = p->row.nvalues == 0;
        if (!p->row.label && !p->row.nvalues) {
            warn(x, p->row.line, "line has no label and no figures that can be read; "
                 "ignored");
            pending_row_free(p);
            rows_done = i + 1;
            continue;
        }
        t.rows[t.nrows++] = p->row;
        for (size_t k = 0; k < p->npending; k++)
            free(p->pending[k].text);
        buf_release(&p->pending_buf);
        rows_done = i + 1;
    }
    buf_release(&rows);

    t.title = ti->title ? r2x_strdup(ti->title) : NULL;
    if (ti->title && !t.title) {
        rc = R2X_ENOMEM;
        goto fail_table;
    }
    t.title_line = ti->title_line;
    t.statement = classify_statement(ti->context);
    if ((ti->directly_after_table || title_continues(ti)) && prev) {
        free(t.title);
        t.title = prev->title ? r2x_strdup(prev->title) : NULL;
        t.title_line = prev->title_line;
        t.statement = prev->statement;
        t.continues = (int)(x->tables.len / sizeof(r2x_table));
    }
    if ((rc = buf_add(&x->tables, &t, sizeof t)))
        goto fail_table;
    return R2X_OK;

fail:
    /* rows already moved into t are freed with t */
    if (pr_owned)
        pending_row_free(&pr);
    if (rows.len) {
        pending_row *pp = (pending_row *)(void *)rows.data;
        for (size_t i = rows_done; i < rows.len / sizeof pr; i++)
            pending_row_free(&pp[i]);
    }
    buf_release(&rows);
fail_table:
    table_release(&t);
    return rc;
}

/* ---- The whole document -------------------------------------------------- */

static const r2x_fiscal_calendar default_calendar = {12, 31, R2X_FY_NAMED_BY_END};

static int extract_tables(const r2x_document *doc, const unsigned char *kinds,
                          const r2x_extract_options *opts, r2x_tableset **out,
                          size_t *nerrors, r2x_error *err)
{
    *out = NULL;
    extract x;
    memset(&x, 0, sizeof x);
    x.opts = opts;
    x.doc = doc;
    x.kinds = kinds;
    x.cal = opts && opts->profile ? r2x_profile_calendar(opts->profile) : &default_calendar;
    buf_init(&x.tables, R2X_BUF_NOCAP);
    buf_init(&x.diags, R2X_BUF_NOCAP);
    int rc = R2X_OK;
    table_plan *plans = calloc(2, sizeof *plans);
    if (!plans)
        return r2x_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    table_plan *cur = &plans[0], *prev_plan = NULL;

    size_t n = 1;
    while (n <= doc->nlines) {
        size_t len;
        const char *s = document_line(doc, n, &len);
        if (!in_table(&x, n, s, len)) {
            n++;
            continue;
        }
        block b = {n, n};
        while (b.last + 1 <= doc->nlines) {
            const char *next = document_line(doc, b.last + 1, &len);
            if (!in_table(&x, b.last + 1, next, len))
                break;
            b.last++;
        }
        title_info ti;
        if ((rc = find_title(&x, b.first, &ti)))
            break;
        size_t ntab = x.tables.len / sizeof(r2x_table);
        const r2x_table *prev = ntab ? &((r2x_table *)(void *)x.tables.data)[ntab - 1] : NULL;
        rc = build_table(&x, b, &ti, prev, prev_plan, cur);
        free(ti.title);
        if (x.opts && x.opts->diag)
            flush_diags(&x);
        if (rc)
            break;
        prev_plan = cur;
        cur = cur == &plans[0] ? &plans[1] : &plans[0];
        n = b.last + 1;
    }
    free(plans);
    if (!rc && !x.tables.len) {
        /* say why nothing was found rather than return an empty result */
        const char *what = "no tables were found (neither tab-separated nor aligned "
                           "in columns)";
        if (doc->format == R2X_INPUT_HTML)
            what = "no tables with figures were found in the HTML";
        else if (html_sniff(doc->text, doc->len))
            what = "this looks like HTML but was read as text (--input-format text?); "
                   "no tables were found";
        report_error(&x, 0, "%s", what);
    }
    if (x.opts && x.opts->diag)
        flush_diags(&x);
    buf_release(&x.diags);
    if (rc) {
        r2x_tableset tmp = {x.tables.len / sizeof(r2x_table), (r2x_table *)(void *)x.tables.data};
        for (size_t i = 0; i < tmp.ntables; i++)
            table_release(&tmp.tables[i]);
        buf_release(&x.tables);
        return r2x_fail(err, rc, doc->name, 0, "%s", r2x_strerror(rc));
    }
    r2x_tableset *set = calloc(1, sizeof *set);
    if (!set) {
        buf_release(&x.tables);
        return r2x_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    }
    set->ntables = x.tables.len / sizeof(r2x_table);
    set->tables = (r2x_table *)(void *)buf_detach(&x.tables, NULL);
    if (nerrors)
        *nerrors = x.nerrors;
    *out = set;
    return R2X_OK;
}

int r2x_tables_extract(const r2x_document *doc, const r2x_extract_options *opts,
                       r2x_tableset **out, size_t *nerrors, r2x_error *err)
{
    /* space-aligned text is rewritten as tab-separated lines first, line
     * for line, so that positions in messages stay those of the source */
    r2x_document *laid = NULL;
    unsigned char *kinds = NULL;
    *out = NULL;
    int rc = layout_rewrite(doc, &laid, &kinds, err);
    if (rc)
        return rc;
    rc = extract_tables(laid ? laid : doc, kinds, opts, out, nerrors, err);
    r2x_document_free(laid);
    free(kinds);
    return rc;
}

void r2x_tableset_free(r2x_tableset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->ntables; i++)
        table_release(&set->tables[i]);
    free(set->tables);
    free(set);
}
