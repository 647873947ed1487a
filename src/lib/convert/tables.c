/*
 * tables.c - find the tables of a release in its grid and read them.
 *
 * Every reader gives the same grid (grid.h): rows of cells with their
 * extents.  Here each cell is classified (text, figure, year, dash, ...),
 * each row too (figures, headings, text, running prose); a table is a run
 * of rows with figures, its heading rows above it and its title above
 * those.  table_columns.c finds its columns and what the headings say of
 * them, table_rows.c its rows.  Damage done by text extraction is mended
 * only by stated rules, each reported as a warning naming the place.
 */
#include "tables.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document.h"
#include "error.h"
#include "html.h"
#include "profile.h"
#include "sized.h"
#include "table_build.h"
#include "table_columns.h"
#include "table_rows.h"
#include "text.h"

/* ---- Small text helpers -------------------------------------------------- */

int tb_contains_ci(const char *hay, const char *needle)
{
    return text_contains_ci(hay, needle);
}

const r2x_value *table_value_at(const r2x_row *row, int column)
{
    for (size_t k = 0; k < row->nvalues; k++)
        if (row->values[k].column == column)
            return &row->values[k];
    return NULL;
}

void tb_quote(const char *s, size_t n, char *out, size_t size)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n > size - 4) {
        n = size - 4;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;        /* do not cut a UTF-8 sequence in half */
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

int tb_is_year(const cell_reading *r)
{
    const figure *f = &r->figures[0];
    return r->kind == CELL_NUMBER && r->nfigures == 1 && !f->grouped && !f->frac_digits &&
           !f->percent && !f->currency && !f->suffix[0] && f->value.exp == 0 &&
           f->value.coef >= 1900 && f->value.coef <= 2100;
}

/* A "%" set apart after a figure, as PDFs and aligned text may print it
 * ("63.0  %"), makes it a percentage as "63.0%" would: the row's next cell,
 * when it is a lone "%" nearer the figure than anything after it. */
int tb_percent_follows(const extract *x, const trow *t, size_t i)
{
    if (i + 1 >= t->n)
        return 0;
    const tcell *f = &x->cells[t->first + i], *p = &x->cells[t->first + i + 1];
    if (p->kind != TK_DECORATION || p->len != 1 || p->text[0] != '%')
        return 0;
    if (i + 2 >= t->n)
        return 1;
    const tcell *next = &x->cells[t->first + i + 2];
    return p->gc->x0 - f->gc->x1 < next->gc->x0 - p->gc->x1;
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
        size_t d = 0;
        while (d < len && d < 3 && isdigit(e[-1 - (long)d]))
            d++;
        if (len >= 4 && e[-1] == ')' && e[-3] == '(' &&
            (isdigit(e[-2]) || (e[-2] >= 'a' && e[-2] <= 'e')) && e[-4] == ' ')
            end = e - 3;
        /* "Per Share1": a superscript flattened by text extraction onto a
         * word of three letters or more that ends in a small letter */
        else if ((d == 1 || d == 2) && len >= d + 3 && islower(e[-1 - (long)d]) &&
                 isalpha(e[-2 - (long)d]) && isalpha(e[-3 - (long)d]))
            end = e - d;
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

/* ---- Diagnostics --------------------------------------------------------- */

long tb_doc_line(const extract *x, size_t r)
{
    const grid_row *gr = x->rows[r].gr;
    return gr->doc_line ? gr->doc_line : gr->line;
}

/* Held per table and sent in line order when it is done, so that a reader
 * sees them as the release runs.  at names the cell (its source line and
 * column); without it, line is a document line. */
static void emit(extract *x, int sev, const grid_cell *at, long line, const char *fmt,
                 va_list ap)
{
    if (!x->opts || !x->opts->diag)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.code = R2X_ETABLE;
    e.severity = sev;
    r2xi_strlcpy(e.file, x->doc->name, sizeof e.file);
    if (at) {
        e.line = at->line;
        e.column = at->column;
    } else {
        e.line = (long)document_source_line(x->doc, (size_t)line);
    }
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    if (buf_add(&x->diags, &e, sizeof e))
        x->opts->diag(x->opts->diag_userdata, &e);   /* no memory: send now */
}

void tb_warn(extract *x, const grid_cell *at, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(x, R2X_SEV_WARNING, at, line, fmt, ap);
    va_end(ap);
}

void tb_error(extract *x, const grid_cell *at, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    x->nerrors++;
    emit(x, R2X_SEV_ERROR, at, line, fmt, ap);
    va_end(ap);
}

static void flush_diags(extract *x)
{
    size_t n = x->diags.len / sizeof(r2x_error);
    r2x_error *d = (r2x_error *)(void *)x->diags.data;
    /* insertion sort: stable, and a table has few diagnostics */
    for (size_t i = 1; i < n; i++) {
        r2x_error tmp = d[i];
        size_t j = i;
        while (j > 0 && (d[j - 1].line > tmp.line ||
                         (d[j - 1].line == tmp.line && d[j - 1].column > tmp.column))) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = tmp;
    }
    if (x->opts && x->opts->diag)
        for (size_t i = 0; i < n; i++)
            x->opts->diag(x->opts->diag_userdata, &d[i]);
    buf_reset(&x->diags);
}

/* ---- Cells --------------------------------------------------------------- */

/* Words that hold a figure's place without one. */
static int placeholder(const char *s, size_t n)
{
    static const char *const words[] = {"nm", "n/m", "n.m.", "n/a", "na", "n.a.", "*", "**",
                                        "nmf", "n.m", "—%", "-%", "–%", "nil", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !strncasecmp(s, words[i], n))
            return 1;
    return 0;
}

/* The length of a cell without a footnote mark typed after its figure:
 * "1,234 (a)", "56*", "12 †"; n when there is none. */
static size_t strip_figure_mark(const char *s, size_t n)
{
    size_t e = n;
    if (e >= 3 && s[e - 1] == ')') {
        size_t k = e - 1;
        while (k > 0 && isalnum((unsigned char)s[k - 1]) && e - 1 - k < 2)
            k--;
        if (k < e - 1 && k > 0 && s[k - 1] == '(' && k >= 2 && s[k - 2] == ' ')
            e = k - 1;
    } else {
        while (e > 0 && s[e - 1] == '*')
            e--;
        while (e >= 3 && (!memcmp(s + e - 3, "\xE2\x80\xA0", 3) ||
                          !memcmp(s + e - 3, "\xE2\x80\xA1", 3)))
            e -= 3;
    }
    if (e == n)
        return n;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    return e;
}

/* How many characters follow the last digit or dash of a figure: ")",
 * "%", ")%". */
static size_t trailing_chars(const char *s, size_t n)
{
    size_t k = 0;
    while (n && !isdigit((unsigned char)s[n - 1]) && s[n - 1] != '-' &&
           (unsigned char)s[n - 1] < 0x80) {
        n--;
        k++;
    }
    return k;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void classify_cell(const extract *x, const grid_row *gr, const grid_cell *gc, tcell *c)
{
    c->gc = gc;
    c->text = grid_cell_text(x->g, gc);
    c->len = gc->len;
    c->col = -1;
    cell_reading r;
    if (number_read_cell(c->text, c->len, &r) != R2X_OK) {
        c->kind = TK_FIGURE;        /* too many digits: reported where it is read */
        c->key = gc->x1;
        return;
    }
    /* "1,234 (a)", "56*": a footnote mark typed after the figure; a cell
     * of a marked-up table holds one figure, so "1,234 (1)" is one too */
    if (r.kind == CELL_TEXT || (r.kind == CELL_NUMBER && r.nfigures > 1 &&
                                gr->kind == GRID_ROW_TABLE)) {
        size_t m = strip_figure_mark(c->text, c->len);
        cell_reading r2;
        if (m < c->len &&
            number_read_cell(c->text, m, &r2) == R2X_OK && r2.kind == CELL_NUMBER &&
            r2.nfigures == 1) {
            c->len = m;
            r = r2;
        }
    }
    /* "4Q 2024", "1H08": a fiscal code, not a figure with a unit */
    for (size_t k = 0; r.kind == CELL_NUMBER && k < r.nfigures; k++) {
        const char *u = r.figures[k].suffix;
        if (u[0] && !u[1] && strchr("QqHh", u[0]))
            r.kind = CELL_TEXT;
    }
    switch (r.kind) {
    case CELL_NUMBER:
        c->kind = tb_is_year(&r) ? TK_YEAR : TK_FIGURE;
        break;
    case CELL_DASH:
        c->kind = TK_DASH;
        break;
    case CELL_DECORATION:
    case CELL_EMPTY:
        c->kind = TK_DECORATION;
        break;
    default:
        c->kind = placeholder(c->text, c->len) ? TK_PLACEHOLDER : TK_TEXT;
    }
    /* figures align where their digits end: "(57,394)" with "53,227" */
    size_t trail = trailing_chars(c->text, c->len) + (gc->len - c->len);
    if (c->kind == TK_PLACEHOLDER || trail == 0 || gr->units == GRID_UNITS_COLUMNS) {
        c->key = gc->x1;
    } else if (gr->units == GRID_UNITS_CHARS) {
        c->key = gc->x1 - (double)trail;
    } else {
        size_t chars = utf8_chars(c->text, gc->len);
        c->key = gc->x1 - (gc->x1 - gc->x0) * (double)trail / (double)(chars ? chars : 1);
    }
}

/* ---- Rows ----------------------------------------------------------------- */

static size_t words_of(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
            w++;
    return w;
}

/* Running text: many words, or a line as wide as the page's text.  A label
 * wrapped over lines is neither ("Property, plant and equipment, net of
 * accumulated depreciation of $22,925 and"). */
static int prose(const extract *x, const trow *t, double page_width)
{
    size_t words = 0, chars = 0;
    double x0 = 0, x1 = 0, gap = 0;
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        words += words_of(c->text, c->len);
        chars += c->len;
        if (i == 0)
            x0 = c->gc->x0;
        else if (c->gc->x0 - x1 > gap)
            gap = c->gc->x0 - x1;
        x1 = c->gc->x1;
    }
    double em = t->gr->units == GRID_UNITS_POINTS ? x->g->em : 1;
    const tcell *last = &x->cells[t->first + t->n - 1];
    if (last->len && last->text[last->len - 1] == ':' && words < 25)
        return 0;           /* "Adjustments to reconcile net income to ...:" */
    if (t->gr->kind == GRID_ROW_PARAGRAPH) {
        const tcell *first = &x->cells[t->first];
        if (first->text[0] == '(' && last->text[last->len - 1] == ')')
            return 0;       /* "(In millions, except ... per share amounts)" */
        return words >= 8 && (last->text[last->len - 1] == '.' || words >= 20);
    }
    if (chars > 160)
        return 1;
    if (t->n == 1 && words >= 8 && last->text[last->len - 1] == '.')
        return 1;           /* a sentence on its own line */
    if (t->gr->units == GRID_UNITS_COLUMNS)
        return 0;
    /* running text has no wide gaps; a row of headings has */
    return words >= 10 && page_width > 0 && (x1 - x0) >= 0.72 * page_width &&
           gap < 4 * em;
}

static void classify_row(const extract *x, trow *t, double page_width)
{
    const grid_row *gr = t->gr;
    t->cls = TR_SKIP;
    t->nfig = 0;
    if (gr->kind == GRID_ROW_PAGE) {
        t->cls = TR_PAGE;
        return;
    }
    if (gr->kind == GRID_ROW_BLANK || gr->kind == GRID_ROW_RULE || !t->n)
        return;
    int texts = 0, years = 0, first_text = -1, nfig = 0, small_int = 0, real = 0;
    int text_beyond = 0;
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        switch (c->kind) {
        case TK_TEXT:
            texts++;
            if (first_text < 0)
                first_text = (int)i;
            else
                text_beyond = 1;
            if (i > 0 && first_text == (int)i)
                text_beyond = 1;
            break;
        case TK_YEAR:
            years++;
            break;
        case TK_FIGURE:
            real++;
            if (c->len <= 3 && isdigit((unsigned char)c->text[0]))
                small_int++;
            /* fall through */
        case TK_DASH:
        case TK_PLACEHOLDER:
            nfig++;
            break;
        default:
            break;
        }
    }
    t->nfig = nfig;
    if (gr->kind == GRID_ROW_PARAGRAPH || gr->kind == GRID_ROW_HEADING) {
        t->cls = prose(x, t, page_width) ? TR_PROSE : TR_TEXT;
        return;
    }
    if (!real) {
        /* words over the columns with no figure ("JPY millions  JPY
         * millions  _") head a table; dashes alone are filler */
        if (years && (years >= 2 || texts || gr->table))
            t->cls = TR_YEARS;
        else if (texts && (!nfig || text_beyond))
            t->cls = prose(x, t, page_width) ? TR_PROSE : TR_TEXT;
        else if (texts && nfig)
            t->cls = TR_DATA;          /* "Preferred stock  —  —" */
        else if (years && (gr->units == GRID_UNITS_COLUMNS ||
                           x->cells[t->first].gc->x0 > 0.3 * page_width))
            t->cls = TR_YEARS;     /* one year, over a column right of the labels */
        return;
    }
    /* a page number alone ("7", "A-1" reads as text); "31," is a day */
    const tcell *only = &x->cells[t->first];
    if (nfig == 1 && small_int == 1 && !texts && !years && t->n == 1 && !gr->table &&
        gr->units != GRID_UNITS_COLUMNS && only->text[only->len - 1] != ',')
        return;
    t->cls = TR_DATA;
    /* a sentence that happens to end in a figure (a row of marked-up table
     * is a row, however long its label) */
    if (texts && nfig < 2 && !years && gr->kind != GRID_ROW_TABLE) {
        trow words = *t;
        while (words.n && x->cells[words.first + words.n - 1].kind != TK_TEXT)
            words.n--;
        if (words.n && prose(x, &words, page_width))
            t->cls = TR_PROSE;
    }
}

/* A bare whole number 1..31: the day of a date printed under its month. */
static int day_number(const tcell *c)
{
    if (c->kind != TK_FIGURE || c->len > 3)
        return 0;
    size_t n = c->len;
    if (n && c->text[n - 1] == ',')
        n--;
    if (!n || n > 2 || !isdigit((unsigned char)c->text[0]) ||
        (n == 2 && !isdigit((unsigned char)c->text[1])))
        return 0;
    int d = atoi(c->text);
    return d >= 1 && d <= 31;
}

/* A cell that names a month ("June 30", "Six months ended June"); *open
 * is set when it names no day (the day is on the next line). */
static int names_month(const extract *x, const tcell *c, int *open)
{
    char buf[256];
    tb_quote(c->text, c->len, buf, sizeof buf);
    /* the last word a month: "June 30, 2025 December" */
    size_t e = strlen(buf), b;
    while (e && (buf[e - 1] == ',' || buf[e - 1] == '.'))
        e--;
    for (b = e; b && buf[b - 1] != ' '; b--)
        ;
    if (period_month_word(buf + b, e - b)) {
        if (open)
            *open = 1;
        return 1;
    }
    period_phrase pp[4];
    size_t np = period_scan(buf, x->cal, pp, 4);
    for (size_t k = 0; k < np; k++)
        if (pp[k].date.month) {
            if (open)
                *open = !pp[k].date.day;
            return 1;
        }
    return 0;
}

/* Rows of day numbers (and dates) stacked between heading lines:
 * "Six months ended June   Three months ended" over "30   June 30" over
 * "2025  2024  2025  2024".  Every figure of the row is a day 1..31, every
 * word a date, and the line above leaves a month without its day or the
 * line below is years: a heading line, not figures. */
static int day_line(const extract *x, size_t r)
{
    const trow *t = &x->rows[r];
    int days = 0;
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (day_number(c))
            days++;
        else if (c->kind != TK_DECORATION && !(c->kind == TK_TEXT && names_month(x, c, NULL)))
            return 0;
    }
    if (!days)
        return 0;
    /* the line above, over a line of years ("December" / "2024" / "31,") */
    size_t k = r, years = 0;
    while (k-- > 0 && (x->rows[k].cls == TR_SKIP ||
                       (x->rows[k].cls == TR_YEARS && ++years < 2)))
        ;
    if (k < r && x->rows[k].cls == TR_TEXT)
        for (size_t i = 0; i < x->rows[k].n; i++) {
            int open = 0;
            const tcell *c = &x->cells[x->rows[k].first + i];
            if (c->kind == TK_TEXT && names_month(x, c, &open) && open)
                return 1;
        }
    for (k = r + 1; k < x->nrows && x->rows[k].cls == TR_SKIP; k++)
        ;
    return k < x->nrows && x->rows[k].cls == TR_YEARS;
}

/* The width of the page's text: most lines end before it. */
static double page_width_of(const extract *x)
{
    double widest = 0;
    size_t n = 0;
    double w[64];
    for (size_t r = 0; r < x->nrows; r++) {
        const trow *t = &x->rows[r];
        if (!t->n)
            continue;
        double e = x->cells[t->first + t->n - 1].gc->x1 - x->cells[t->first].gc->x0;
        if (n < 64)
            w[n++] = e;
        else if (e > widest)
            widest = e;
    }
    /* the tenth widest of the first lines: robust against one long line */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (w[j] > w[i]) {
                double t = w[i];
                w[i] = w[j];
                w[j] = t;
            }
    return n ? w[n > 10 ? 9 : n - 1] : widest;
}

/* ---- Titles and statements ----------------------------------------------- */

/* The statement one title line names, after the words that qualify a
 * statement's name ("Unaudited Condensed Consolidated ..."): the phrase must
 * open the line, so that "From ExxonMobil's Consolidated Statement of
 * Income" over a reconciliation names no statement. */
static int statement_of_line(const char *s, size_t n)
{
    static const char *const qualifiers[] = {
        "unaudited", "condensed", "consolidated", "combined", "interim", "preliminary",
        "the", "(unaudited)", "summarized", "summary", "abbreviated", NULL};
    char line[256];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < sizeof line; i++)
        line[o++] = (char)tolower((unsigned char)s[i]);
    line[o] = '\0';
    const char *p = line;
    /* a name before "Consolidated" ("Quarterly", a company's name), but no
     * sentence ("From ExxonMobil's Consolidated Statement of Income") */
    const char *q = NULL;
    for (const char *w = line; (w = strstr(w, "consolidated ")) || (w = NULL); w++)
        q = w;
    if (!q)
        for (const char *w = line; (w = strstr(w, "condensed ")); w++)
            q = w;
    if (q) {
        static const char *const sentence[] = {"from ", "see ", "per ", "in ", "to ", "as ",
                                               "reported ", "according ", "of ", NULL};
        int prose = 0;
        for (const char *w = line; w < q && !prose; w++)
            if (w == line || w[-1] == ' ')
                for (size_t i = 0; sentence[i] && !prose; i++)
                    prose = !strncmp(w, sentence[i], strlen(sentence[i]));
        if (!prose)
            p = q;
    }
    for (int again = 1; again;) {
        again = 0;
        while (*p == ' ')
            p++;
        for (size_t i = 0; qualifiers[i]; i++) {
            size_t k = strlen(qualifiers[i]);
            if (!strncmp(p, qualifiers[i], k) && (p[k] == ' ' || !p[k])) {
                p += k;
                again = 1;
            }
        }
    }
    static const struct { const char *phrase; int statement; } starts[] = {
        {"balance sheet", R2X_STMT_BALANCE_SHEET},
        {"statement of financial position", R2X_STMT_BALANCE_SHEET},
        {"statements of financial position", R2X_STMT_BALANCE_SHEET},
        {"statement of financial condition", R2X_STMT_BALANCE_SHEET},
        {"statements of financial condition", R2X_STMT_BALANCE_SHEET},
        {"statement of cash flow", R2X_STMT_CASH_FLOWS},
        {"statements of cash flow", R2X_STMT_CASH_FLOWS},
        {"cash flow statement", R2X_STMT_CASH_FLOWS},
        {"cash flows", R2X_STMT_CASH_FLOWS},
        {"statement of income", R2X_STMT_INCOME}, {"statements of income", R2X_STMT_INCOME},
        {"statement of operations", R2X_STMT_INCOME},
        {"statements of operations", R2X_STMT_INCOME},
        {"statement of earnings", R2X_STMT_INCOME},
        {"statements of earnings", R2X_STMT_INCOME},
        {"statement of comprehensive income", R2X_STMT_INCOME},
        {"statements of comprehensive income", R2X_STMT_INCOME},
        {"statement of comprehensive earnings", R2X_STMT_INCOME},
        {"statements of comprehensive earnings", R2X_STMT_INCOME},
        {"statement of comprehensive loss", R2X_STMT_INCOME},
        {"statements of comprehensive loss", R2X_STMT_INCOME},
        {"statement of loss", R2X_STMT_INCOME}, {"statements of loss", R2X_STMT_INCOME},
        {"income statement", R2X_STMT_INCOME}, {"income\n", R2X_STMT_INCOME},
        {"financial position", R2X_STMT_BALANCE_SHEET},
        {"financial condition", R2X_STMT_BALANCE_SHEET},
        {"statement of changes in", R2X_STMT_EQUITY},
        {"statements of changes in", R2X_STMT_EQUITY},
        {"statement of shareholders", R2X_STMT_EQUITY},
        {"statements of shareholders", R2X_STMT_EQUITY},
        {"statement of stockholders", R2X_STMT_EQUITY},
        {"statements of stockholders", R2X_STMT_EQUITY},
    };
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (!strncmp(p, starts[i].phrase, strlen(starts[i].phrase)))
            return starts[i].statement;
    if (!strcmp(p, "income"))
        return R2X_STMT_INCOME;     /* "CONSOLIDATED INCOME" */
    return R2X_STMT_OTHER;
}

/* The statement a table's title lines name (one a line, the nearest first
 * wins), else a segment table when they speak of segments. */
static int classify_statement(const char *text)
{
    int found = R2X_STMT_OTHER;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int st = statement_of_line(p, n);
        if (st != R2X_STMT_OTHER)
            found = st;       /* lines run top to bottom: the lowest is nearest */
        p += nl ? n + 1 : n;
    }
    if (found == R2X_STMT_OTHER && tb_contains_ci(text, "segment"))
        return R2X_STMT_SEGMENT;
    return found;
}

/* A table whose title names no statement ("COMPARATIVE FINANCIAL RESULTS",
 * "CASH FLOW") is one by what it holds: the three cash-flow activities, or
 * total assets beside liabilities, or revenue down to net income and
 * earnings per share after taxes. Reconciliations and adjusted figures hold
 * such lines too, so a table that speaks of them is none. */
static int statement_by_content(const r2x_table *t, const char *context)
{
    static const char *const not_statement[] = {
        "non-gaap", "reconcil", "adjusted", "adjustment", "segment", "guidance",
        "outlook", "pro forma", NULL};
    for (size_t i = 0; not_statement[i]; i++)
        if (context && tb_contains_ci(context, not_statement[i]))
            return R2X_STMT_OTHER;
    enum { OPERATING = 1, INVESTING = 2, FINANCING = 4, ASSETS = 8, LIABILITIES = 16,
           REVENUE = 32, TAXES = 64, NET_INCOME = 128, PER_SHARE = 256 };
    unsigned seen = 0;
    size_t valued = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *l = t->rows[r].label;
        if (!l)
            continue;
        if (tb_contains_ci(l, "non-gaap") || tb_contains_ci(l, "reconcil"))
            return R2X_STMT_OTHER;
        valued += t->rows[r].nvalues > 0;
        if (tb_contains_ci(l, "operating activities"))
            seen |= OPERATING;
        if (tb_contains_ci(l, "investing activities"))
            seen |= INVESTING;
        if (tb_contains_ci(l, "financing activities"))
            seen |= FINANCING;
        if (tb_contains_ci(l, "total assets"))
            seen |= ASSETS;
        if (tb_contains_ci(l, "total liabilities") || tb_contains_ci(l, "total equity") ||
            tb_contains_ci(l, "stockholders' equity") || tb_contains_ci(l, "shareholders' equity"))
            seen |= LIABILITIES;
        if ((tb_contains_ci(l, "revenue") || tb_contains_ci(l, "sales")) && !(seen & TAXES))
            seen |= REVENUE;
        if ((seen & REVENUE) && tb_contains_ci(l, "tax"))
            seen |= TAXES;
        if ((seen & TAXES) && (tb_contains_ci(l, "net income") || tb_contains_ci(l, "net earnings") ||
                               tb_contains_ci(l, "net loss")))
            seen |= NET_INCOME;
        if ((seen & NET_INCOME) && (tb_contains_ci(l, "per share") ||
                                    tb_contains_ci(l, "earnings per") ||
                                    tb_contains_ci(l, "per common share")))
            seen |= PER_SHARE;
    }
    if (valued < 8)
        return R2X_STMT_OTHER;
    if ((seen & (OPERATING | INVESTING | FINANCING)) == (OPERATING | INVESTING | FINANCING))
        return R2X_STMT_CASH_FLOWS;
    if ((seen & (ASSETS | LIABILITIES)) == (ASSETS | LIABILITIES))
        return R2X_STMT_BALANCE_SHEET;
    if (seen & PER_SHARE)
        return R2X_STMT_INCOME;
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

const char *r2x_position_name(int position)
{
    static const char *const names[] = {
        "", "current-assets", "noncurrent-assets", "current-liabilities",
        "noncurrent-liabilities", "equity", "operating", "investing", "financing",
        "supplemental"};
    if (position < 0 || (size_t)position >= sizeof names / sizeof names[0])
        return "";
    return names[position];
}

static int title_continues(const title_info *ti)
{
    return ti->title && tb_contains_ci(ti->title, "continued");
}

/* A row's text joined, into out. */
static void row_text(const extract *x, const trow *t, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->n && o + 2 < size; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (o)
            out[o++] = ' ';
        size_t n = c->len < size - o - 1 ? c->len : size - o - 1;
        memcpy(out + o, c->text, n);
        o += n;
    }
    out[o] = '\0';
}

/* A line that names a statement or a table: short, no sentence, not in
 * parentheses, mostly capitals or title words ("CONDENSED CONSOLIDATED
 * STATEMENT OF INCOME", "Consolidated Balance Sheets"). */
static int title_like(const tcell *c)
{
    if (c->len > 100 || c->text[0] == '(' || c->text[c->len - 1] == '.' ||
        c->text[c->len - 1] == ':')
        return 0;
    int words = 0, capital = 0;
    for (size_t i = 0; i < c->len; i++)
        if (isalpha((unsigned char)c->text[i]) && (i == 0 || c->text[i - 1] == ' ')) {
            words++;
            capital += isupper((unsigned char)c->text[i]) != 0;
        }
    return words >= 2 && capital * 3 >= words * 2;
}

/* The lines just above a table (and its heading rows that stand in the
 * label column, as "(Dollars in millions)"): its title and what they say
 * of units and periods.  Stops at another table or at prose. */
static int find_title(extract *x, const block *b, size_t prev_end, title_info *ti)
{
    memset(ti, 0, sizeof *ti);
    int seen_text = 0, nlines = 0;
    char line[512];
    size_t r = b->head;
    /* a marked-up table's own first rows hold its title when they stand
     * alone, spanning the table ("ASSETS:" in the label column is not one) */
    double width = 0;
    for (size_t k = b->first; k <= b->last; k++) {
        const trow *t = &x->rows[k];
        if (t->n && x->cells[t->first + t->n - 1].gc->x1 > width)
            width = x->cells[t->first + t->n - 1].gc->x1;
    }
    /* in text, the label rows under the last line of years are the first
     * section headings of the body ("REVENUE BY SEGMENT"), not a title */
    size_t head_end = b->first;
    if (!b->table)
        for (size_t k = b->first; k-- > b->head;)
            if (x->rows[k].cls == TR_YEARS) {
                head_end = k;
                break;
            }
    for (size_t k = b->head; k < head_end; k++) {
        const trow *t = &x->rows[k];
        if (t->cls != TR_TEXT || t->n != 1)
            continue;
        const tcell *c = &x->cells[t->first];
        if (b->table ? c->gc->x0 > 0.5 * x->em || c->gc->x1 - c->gc->x0 < 0.6 * width
                     : !title_like(c))
            continue;
        row_text(x, t, line, sizeof line);
        size_t cl = strlen(ti->context);
        if (cl + strlen(line) + 2 < sizeof ti->context) {
            memcpy(ti->context + cl, line, strlen(line));
            ti->context[cl + strlen(line)] = '\n';
            ti->context[cl + strlen(line) + 1] = '\0';
        }
        if (!ti->title && line[0] != '(' && strlen(line) < 160) {
            ti->title = r2xi_strdup(line);
            if (!ti->title)
                return R2X_ENOMEM;
            ti->title_line = tb_doc_line(x, k);
        }
    }
    int above_title = 0;
    while (r-- > 0 && nlines < 5) {
        const trow *t = &x->rows[r];
        if (r < prev_end) {     /* the last table's rows */
            if (!seen_text)
                ti->directly_after_table = 1;
            else
                ti->titled_after_table = 1;
            break;
        }
        if (t->cls == TR_SKIP)
            continue;
        if (t->cls == TR_PAGE) {
            if (!seen_text)
                ti->directly_after_table = 1;
            continue;
        }
        if (t->cls == TR_DATA || t->cls == TR_YEARS) {
            if (!seen_text)
                ti->directly_after_table = 1;
            else
                ti->titled_after_table = 1;
            break;
        }
        if (t->cls == TR_PROSE)
            break;
        row_text(x, t, line, sizeof line);
        size_t ln = strlen(line);
        if (!ln || ln > 160 || (ln > 60 && line[ln - 1] == '.'))
            break;
        seen_text = 1;
        nlines++;
        size_t cl = strlen(ti->context);
        if (cl + ln + 2 < sizeof ti->context) {
            memmove(ti->context + ln + 1, ti->context, cl + 1);
            memcpy(ti->context, line, ln);
            ti->context[ln] = '\n';
        }
        /* "(In millions)" and "(Unaudited)" state units; the title is the
         * nearest line that is not in parentheses */
        if (!above_title && !(line[0] == '(' && line[ln - 1] == ')') &&
            !(ti->title && b->table)) {
            free(ti->title);
            ti->title = r2xi_strdup(line);
            if (!ti->title)
                return R2X_ENOMEM;
            ti->title_line = tb_doc_line(x, r);
            above_title = 1;
        }
    }
    return R2X_OK;
}

/* ---- Blocks --------------------------------------------------------------- */

/* A heading band in the middle of a run of figures starts another table:
 * years, or text over the figure columns only. */
static int heading_band(const extract *x, size_t r)
{
    const trow *t = &x->rows[r];
    if (t->cls == TR_YEARS) {
        for (size_t i = 0; i < t->n; i++)
            if (x->cells[t->first + i].kind == TK_TEXT)
                return 0;    /* "Commercial Airplanes  2024  2023": a section */
        return 1;
    }
    if (t->cls != TR_TEXT || t->n < 2)
        return 0;
    /* period words in a cell right of the first: "Three Months Ended" */
    for (size_t i = 1; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        char buf[256];
        tb_quote(c->text, c->len, buf, sizeof buf);
        period_phrase pp[2];
        if (c->kind == TK_TEXT && period_scan(buf, x->cal, pp, 2) && pp[0].start == 0)
            return 1;
    }
    return 0;
}

/* A heading band within the next rows, before any figures: a new table
 * starts at the text above it. */
static int heading_band_ahead(const extract *x, size_t r)
{
    for (size_t k = r; k < x->nrows && k < r + 4; k++) {
        const trow *t = &x->rows[k];
        if (t->cls == TR_DATA || t->cls == TR_PROSE || t->cls == TR_PAGE)
            return 0;
        if (heading_band(x, k))
            return 1;
    }
    return 0;
}

/* A row with a cell over the figure columns (right of the labels). */
static int has_heading_cell(const extract *x, const trow *t, const table_plan *tp)
{
    for (size_t i = 0; i < t->n; i++)
        if (columns_heading_cell(x, tp, &x->cells[t->first + i]))
            return 1;
    return 0;
}

/* A heading row that names a period, a year or a unit over the columns. */
static int heading_names_period_or_unit(const extract *x, const trow *t, const table_plan *tp)
{
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (!columns_heading_cell(x, tp, c))
            continue;
        if (c->kind == TK_YEAR)
            return 1;
        char buf[256];
        tb_quote(c->text, c->len, buf, sizeof buf);
        period_phrase pp[2];
        unit_phrase up[2];
        if (period_scan(buf, x->cal, pp, 2) || unit_scan(buf, up, 2))
            return 1;
    }
    return 0;
}

/* Rows that stand before a table's first figures and belong to it: the
 * heading rows (cells over the figures), and the label rows between them
 * and the figures ("ASSETS", "Revenues:"); the lines above the topmost
 * heading row are its title. */
static size_t head_of(const extract *x, size_t first, size_t floor, const table_plan *tp)
{
    size_t h = first, r = first, blanks = 0, text = 0, since = 0;
    int found = 0;            /* a heading row was met */
    while (r-- > floor) {
        const trow *t = &x->rows[r];
        if (t->cls == TR_SKIP || t->cls == TR_PAGE) {
            if (t->cls == TR_PAGE ||
                (t->gr->kind == GRID_ROW_BLANK &&
                 (++blanks > 2 || t->gr->units == GRID_UNITS_COLUMNS)))
                break;
            continue;
        }
        if (t->cls == TR_YEARS) {
            h = r;
            blanks = since = 0;
            found = 1;
            continue;
        }
        if (t->cls != TR_TEXT || ++text > MAX_HEAD_ROWS)
            break;
        if (has_heading_cell(x, t, tp)) {
            /* headings over title lines are another thing ("ATTACHMENT
             * I-a"): over two lines always, over one unless they name
             * periods or units */
            if (found && since && (since >= 2 || !heading_names_period_or_unit(x, t, tp)))
                break;
            h = r;
            since = 0;
            found = 1;
        } else if (++since > 3) {
            break;
        }
        blanks = 0;
    }
    return h;
}

/* A footnote under a table: "(1) Includes ...", "(a) ...", "* ...".  The
 * rows under it are another table (the amounts the note breaks down). */
static int note_row(const extract *x, const trow *t)
{
    if (t->cls != TR_TEXT || !t->n)
        return 0;
    const char *s = x->cells[t->first].text;
    size_t n = x->cells[t->first].len;
    if (n >= 4 && s[0] == '(' && s[2] == ')' && isalnum((unsigned char)s[1]) && s[3] == ' ')
        return 1;
    if (n >= 5 && s[0] == '(' && s[3] == ')' && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]))
        return 1;
    return n >= 2 && s[0] == '*' && s[1] == ' ';
}

/* A long label wrapped over lines inside a table reads like prose: the row
 * after it carries on its words ("... capitalized content costs, operating"
 * over "lease assets, and other  13,820 ..."). */
static int wrapped_label_line(const extract *x, size_t r)
{
    const trow *t = &x->rows[r];
    const tcell *last = &x->cells[t->first + t->n - 1];
    if (t->n != 1 || last->text[last->len - 1] == '.')
        return 0;
    size_t k = r + 1;
    while (k < x->nrows && x->rows[k].cls == TR_SKIP && x->rows[k].gr->kind != GRID_ROW_BLANK)
        k++;
    if (k >= x->nrows || x->rows[k].cls != TR_DATA || !x->rows[k].n)
        return 0;
    const tcell *next = &x->cells[x->rows[k].first];
    return next->kind == TK_TEXT && (islower((unsigned char)next->text[0]) ||
                                     last->text[last->len - 1] == ',');
}

/* The left edge of the first figure of row r (beyond the labels), or
 * HUGE_VAL when it has none. */
static double figures_left(const extract *x, size_t r)
{
    const trow *t = &x->rows[r];
    for (size_t i = 0; i < t->n; i++) {
        const tcell *c = &x->cells[t->first + i];
        if (c->kind == TK_FIGURE || c->kind == TK_DASH || c->kind == TK_PLACEHOLDER ||
            (c->kind == TK_DECORATION && i > 0))
            return c->gc->x0;
    }
    return HUGE_VAL;
}

/* Lines of a label too long for one line read like prose ("Effect of
 * Exchange Rate Changes on Cash, Cash Equivalents, Restricted Cash and
 * Restricted" over "  Cash Equivalents   (623)   (73)"): up to three lines
 * of one cell, none ending in a full stop, all left of where the figures of
 * the table's last row stand, then a row of figures. */
static int long_label_lines(const extract *x, size_t r, size_t last_data)
{
    double left = figures_left(x, last_data);
    for (size_t k = r, lines = 0; k < x->nrows; k++) {
        const trow *t = &x->rows[k];
        if (t->cls == TR_SKIP && t->gr->kind != GRID_ROW_BLANK)
            continue;
        if (t->cls == TR_DATA)
            return lines > 0;
        if ((t->cls != TR_PROSE && t->cls != TR_TEXT) || t->n != 1 || ++lines > 3)
            return 0;
        const tcell *c = &x->cells[t->first];
        if (c->text[c->len - 1] == '.' || c->gc->x1 >= left)
            return 0;
    }
    return 0;
}

/* Extend a block of data rows from first: rows with figures, labels, rules,
 * and up to two blank rows in a row; prose, a page break or a heading band
 * ends it (a line of prose that is a long label's is made a text row).
 * Returns the last data row. */
static size_t block_end(extract *x, size_t first)
{
    size_t last = first, blanks = 0, texts = 0;
    for (size_t r = first + 1; r < x->nrows; r++) {
        trow *t = &x->rows[r];
        if (t->gr->table || x->rows[first].gr->table) {
            if (t->gr->table != x->rows[first].gr->table)
                break;
        }
        if (t->cls == TR_DATA) {
            last = r;
            blanks = texts = 0;
            continue;
        }
        if (t->cls == TR_PROSE && !t->gr->table &&
            (wrapped_label_line(x, r) || long_label_lines(x, r, last))) {
            x->rows[r].cls = TR_TEXT;
            continue;
        }
        if (t->cls == TR_PAGE || t->cls == TR_PROSE || note_row(x, t))
            break;
        if (heading_band_ahead(x, r) && !t->gr->table)
            break;
        if (t->cls == TR_SKIP) {
            /* tab-separated tables end at a blank line; aligned ones may
             * have blank lines between their parts */
            if (t->gr->kind == GRID_ROW_BLANK && !t->gr->table &&
                (t->gr->units == GRID_UNITS_COLUMNS || ++blanks > 2))
                break;
            continue;
        }
        if (++texts > 6 && !t->gr->table)
            break;
        blanks = 0;
    }
    return last;
}

/* One row of figures with no heading over it, in running text ("Net sales
 * 1,234 1,100" under a sentence), is not a table. */
static int lone_row(const extract *x, const block *b)
{
    if (b->table || b->first != b->last || x->rows[b->first].gr->units == GRID_UNITS_COLUMNS)
        return 0;           /* a marked-up or tab-separated table is one */
    for (size_t r = b->first; r-- > 0;) {
        const trow *t = &x->rows[r];
        if (t->cls == TR_SKIP)
            continue;
        return t->cls != TR_YEARS && !(t->cls == TR_TEXT && t->n >= 2);
    }
    return 1;
}

/* ---- One table ------------------------------------------------------------ */

static void inherit_plan(table_plan *tp, const table_plan *prev)
{
    r2xi_strlcpy(tp->main_currency, prev->main_currency, 4);
    tp->bare_scale = prev->bare_scale;
    tp->bare_scale_set = prev->bare_scale_set;
    tp->shares_scale = prev->shares_scale;
    tp->currency_scale = prev->currency_scale;
    tp->currency_scale_set = prev->currency_scale_set;
    /* "Thousands of JPY" over the first part scales the second */
    for (size_t i = 0; i < prev->ncols && !tp->currency_scale_set; i++) {
        const vcolumn *c = &prev->cols[i];
        if (c->unit_set && c->unit.unit.kind == R2X_UNIT_CURRENCY &&
            !strcmp(c->unit.unit.measure, prev->main_currency)) {
            tp->currency_scale = c->unit.scale;
            tp->currency_scale_set = 1;
        }
    }
}

void tb_plan_units(table_plan *tp, const char *text)
{
    unit_phrase up[8];
    size_t nu = unit_scan(text, up, 8);
    for (size_t k = 0; k < nu; k++) {
        if (up[k].unit.kind == R2X_UNIT_NONE && !up[k].change && !up[k].percent) {
            tp->bare_scale = up[k].scale;
            tp->bare_scale_set = 1;
            if (up[k].shares_scale >= 0)
                tp->shares_scale = up[k].shares_scale;
        } else if (up[k].unit.kind == R2X_UNIT_CURRENCY && up[k].scale) {
            r2xi_strlcpy(tp->main_currency, up[k].unit.measure, 4);
            tp->currency_scale = up[k].scale;
            tp->currency_scale_set = 1;
        }
    }
}

/* Units and scales that one line above a table states. */
static void plan_from_line(table_plan *tp, const char *line)
{
    tb_plan_units(tp, line);
    /* a line that is all of it: "(As a percentage of total revenues)" */
    const char *s = line + strspn(line, "( ");
    if (!strncasecmp(s, "as a percentage of", 18) || !strncasecmp(s, "as a percent of", 15) ||
        !strncasecmp(s, "percentage of total", 19) || !strncasecmp(s, "percent of total", 16))
        tp->percent_of_total = 1;
}

/* ... and all of them, a line at a time ("(millions)" alone on its line is
 * a scale; in the middle of a sentence it is not). */
static void plan_from_context(table_plan *tp, const char *context)
{
    char line[512];
    for (const char *p = context; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        memcpy(line, p, n < sizeof line ? n : sizeof line - 1);
        line[n < sizeof line ? n : sizeof line - 1] = '\0';
        plan_from_line(tp, line);
        p += nl ? n + 1 : n;
    }
}

/* Does the table's first line of figures give earnings per share?  Under
 * a title of its own ("OTHER FINANCIAL DATA") right after the income
 * statement, such a table is the statement's end. */
static int opens_with_earnings_per_share(const r2x_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        if (!row->nvalues)
            continue;
        return row->label && row->values[0].unit.kind == R2X_UNIT_PER_SHARE &&
               (tb_contains_ci(row->label, "earnings") || tb_contains_ci(row->label, "income") ||
                tb_contains_ci(row->label, "loss"));
    }
    return 0;
}

/* Build the table of block b, whose columns tp holds; tp is freed. */
static int build_table(extract *x, const block *b, const title_info *ti, table_plan *tp)
{
    size_t ntab = x->tables.len / sizeof(r2x_table);
    const r2x_table *prev = ntab ? &((r2x_table *)(void *)x->tables.data)[ntab - 1] : NULL;
    const table_plan *prev_plan =
        ntab ? &((table_plan *)(void *)x->plans.data)[ntab - 1] : NULL;
    /* a table split by a page or a blank line goes on under the same title:
     * said so ("(continued)"), or, in tab-separated text, right after it;
     * elsewhere right after it with no title of its own */
    int continues = prev && (title_continues(ti) ||
                             (ti->directly_after_table &&
                              (x->units == GRID_UNITS_COLUMNS || !ti->title)));
    if (continues)
        inherit_plan(tp, prev_plan);
    plan_from_context(tp, ti->context);

    r2x_table t;
    memset(&t, 0, sizeof t);
    t.first_line = tb_doc_line(x, b->head < b->first ? b->head : b->first);
    t.last_line = tb_doc_line(x, b->last);
    t.page = x->rows[b->first].gr->page;
    columns_stats(x, b, tp);
    int rc = columns_read_headings(x, b, ti, tp);
    if (!rc) {
        if (continues && !tp->nhead && prev_plan->ncols == tp->ncols) {
            /* no headings of its own: those of the table it continues */
            for (size_t i = 0; i < tp->ncols; i++) {
                const vcolumn *p = &prev_plan->cols[i];
                vcolumn *c = &tp->cols[i];
                memcpy(c->heading, p->heading, sizeof c->heading);
                c->phrase = p->phrase;
                c->has_period = p->has_period;
                c->unit = p->unit;
                c->unit_set = p->unit_set;
                c->change = p->change;
                c->percent = p->percent;
            }
        }
        rc = rows_build(x, b, tp, &t);
    }
    if (rc) {
        free(tp);
        table_release(&t);
        return rc;
    }
    const char *title = ti->title;
    long title_line = ti->title_line;
    t.statement = classify_statement(ti->context);
    if (t.statement == R2X_STMT_OTHER && !continues)
        t.statement = statement_by_content(&t, ti->context);
    if (t.statement == R2X_STMT_OTHER && !continues && prev &&
        prev->statement == R2X_STMT_INCOME && ti->titled_after_table &&
        opens_with_earnings_per_share(&t))
        t.statement = R2X_STMT_INCOME;
    if (continues && (t.statement == R2X_STMT_OTHER || t.statement == prev->statement)) {
        title = prev->title;
        title_line = prev->title_line;
        t.statement = prev->statement;
        t.continues = (int)ntab;
    }
    t.title = title ? r2xi_strdup(title) : NULL;
    t.title_line = title_line;
    if ((title && !t.title) || rows_structure(&t) || buf_add(&x->tables, &t, sizeof t) ||
        buf_add(&x->plans, tp, sizeof *tp)) {
        if (x->tables.len / sizeof(r2x_table) > ntab)
            x->tables.len -= sizeof t;
        free(tp);
        table_release(&t);
        return R2X_ENOMEM;
    }
    free(tp);
    return R2X_OK;
}

void table_release(r2x_table *t)
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
    memset(t, 0, sizeof *t);
}

/* ---- The whole document -------------------------------------------------- */

static const r2x_fiscal_calendar default_calendar = {12, 31, R2X_FY_NAMED_BY_END};

/* The currency the release's figures are in when it names one alone:
 * most of its currency signs ("$", "$1,234") say it. */
static void doc_currency(extract *x)
{
    struct { char code[4]; size_t n; } votes[4];
    size_t nv = 0, total = 0;
    for (size_t i = 0; i < x->g->ncells; i++) {
        const tcell *c = &x->cells[i];
        const char *code = NULL;
        if (c->kind == TK_DECORATION && c->len == 1 && c->text[0] == '$')
            code = "USD";
        else if (c->kind == TK_FIGURE && c->len && (c->text[0] == '$' || c->text[1] == '$'))
            code = "USD";
        else if (c->kind == TK_FIGURE && c->len >= 2 && !memcmp(c->text, "\xE2\x82\xAC", 3))
            code = "EUR";
        if (!code)
            continue;
        size_t k = 0;
        while (k < nv && strcmp(votes[k].code, code))
            k++;
        if (k == nv && nv < 4) {
            memcpy(votes[nv].code, code, 4);
            votes[nv++].n = 0;
        }
        if (k < nv)
            votes[k].n++;
        total++;
    }
    for (size_t k = 0; k < nv; k++)
        if (votes[k].n >= 3 && votes[k].n * 4 >= total * 3)
            memcpy(x->doc_currency, votes[k].code, 4);
}

static int classify_all(extract *x)
{
    const grid *g = x->g;
    x->cells = calloc(g->ncells ? g->ncells : 1, sizeof *x->cells);
    x->rows = calloc(g->nrows ? g->nrows : 1, sizeof *x->rows);
    if (!x->cells || !x->rows)
        return R2X_ENOMEM;
    x->nrows = g->nrows;
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t i = 0; i < g->rows[r].ncells; i++)
            classify_cell(x, &g->rows[r], &g->cells[g->rows[r].first + i],
                          &x->cells[g->rows[r].first + i]);
    for (size_t r = 0; r < g->nrows; r++) {
        x->rows[r].gr = &g->rows[r];
        x->rows[r].first = g->rows[r].first;
        x->rows[r].n = g->rows[r].ncells;
    }
    doc_currency(x);
    double width = page_width_of(x);
    for (size_t r = 0; r < g->nrows; r++)
        classify_row(x, &x->rows[r], width);
    for (size_t r = 0; r < g->nrows; r++)
        if (x->rows[r].cls == TR_DATA && day_line(x, r)) {
            x->rows[r].cls = TR_TEXT;
            x->rows[r].nfig = 0;
            for (size_t i = 0; i < x->rows[r].n; i++)
                if (x->cells[x->rows[r].first + i].kind == TK_FIGURE)
                    x->cells[x->rows[r].first + i].kind = TK_TEXT;
        }
    return R2X_OK;
}

/* How near figures and headings must stand, in the table's units. */
static void set_units(extract *x, int units)
{
    x->units = units;
    x->em = units == GRID_UNITS_POINTS ? x->g->em : 1;
    switch (units) {
    case GRID_UNITS_COLUMNS:
        x->tol = 0.25;
        x->heading_reach = 0.25;
        break;
    case GRID_UNITS_POINTS:
        x->tol = 0.9 * x->em;
        x->heading_reach = 2.5 * x->em;
        break;
    default:
        x->tol = 1.01;
        x->heading_reach = 2.01;
    }
}

static int extract_tables(extract *x)
{
    int rc = classify_all(x);
    size_t prev_end = 0;
    for (size_t r = 0; !rc && r < x->nrows;) {
        if (x->rows[r].cls != TR_DATA) {
            r++;
            continue;
        }
        block b;
        memset(&b, 0, sizeof b);
        b.first = r;
        b.table = x->rows[r].gr->table;
        b.last = block_end(x, r);
        if (lone_row(x, &b)) {
            r = b.last + 1;
            continue;
        }
        size_t floor = prev_end;
        if (b.table) {      /* a marked-up table's heading rows are its own */
            while (floor < r && x->rows[floor].gr->table != b.table)
                floor++;
        }
        set_units(x, x->rows[r].gr->units);
        table_plan *tp = calloc(1, sizeof *tp);
        if (!tp) {
            rc = R2X_ENOMEM;
            break;
        }
        tp->shares_scale = -1;
        if ((rc = columns_find(x, &b, tp))) {
            free(tp);
            break;
        }
        b.head = head_of(x, r, floor, tp);
        title_info ti;
        rc = find_title(x, &b, prev_end, &ti);
        if (!rc)
            rc = build_table(x, &b, &ti, tp);
        else
            free(tp);
        free(ti.title);
        flush_diags(x);
        prev_end = b.last + 1;
        r = b.last + 1;
    }
    if (!rc)
        periods_settle_calendar(x);
    flush_diags(x);
    return rc;
}

int r2x_tables_extract(const r2x_document *doc, const r2x_extract_options *given,
                       r2x_tableset **out, size_t *nerrors, r2x_error *err)
{
    *out = NULL;
    r2x_extract_options sized;
    if (sized_in(&sized, sizeof sized, given, "r2x_extract_options", err))
        return R2X_EUSAGE;
    const r2x_extract_options *opts = &sized;
    if (!doc->grid)
        return r2xi_fail(err, R2X_EUSAGE, doc->name, 0, "the document has no grid");
    extract x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.g = doc->grid;
    x.opts = opts;
    x.cal = opts && opts->profile ? r2x_profile_calendar(opts->profile) : &default_calendar;
    buf_init(&x.tables, R2X_BUF_NOCAP);
    buf_init(&x.plans, R2X_BUF_NOCAP);
    buf_init(&x.diags, R2X_BUF_NOCAP);
    int rc = extract_tables(&x);
    if (!rc && !x.tables.len) {
        /* say why nothing was found rather than return an empty result */
        const char *what = "no tables were found (neither tab-separated nor aligned "
                           "in columns)";
        if (doc->format == R2X_INPUT_HTML)
            what = "no tables with figures were found in the HTML";
        else if (doc->format == R2X_INPUT_PDF)
            what = "no tables with figures were found in the PDF's text";
        else if (html_sniff(doc->text, doc->len))
            what = "this looks like HTML but was read as text (--input-format text?); "
                   "no tables were found";
        tb_error(&x, NULL, 0, "%s", what);
        flush_diags(&x);
    }
    free(x.cells);
    free(x.rows);
    buf_release(&x.diags);
    buf_release(&x.plans);
    if (rc) {
        r2x_table *ts = (r2x_table *)(void *)x.tables.data;
        for (size_t i = 0; i < x.tables.len / sizeof(r2x_table); i++)
            table_release(&ts[i]);
        buf_release(&x.tables);
        return r2xi_fail(err, rc, doc->name, 0, "%s", r2x_strerror(rc));
    }
    r2x_tableset *set = calloc(1, sizeof *set);
    if (!set) {
        r2x_table *ts = (r2x_table *)(void *)x.tables.data;
        for (size_t i = 0; i < x.tables.len / sizeof(r2x_table); i++)
            table_release(&ts[i]);
        buf_release(&x.tables);
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    }
    set->ntables = x.tables.len / sizeof(r2x_table);
    set->tables = (r2x_table *)(void *)buf_detach(&x.tables, NULL);
    if (nerrors)
        *nerrors = x.nerrors;
    *out = set;
    return R2X_OK;
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

/* ---- The calendar pass ----------------------------------------------------- */

/* Every date the release closes a period on: instants and duration ends. */
static size_t period_ends(const extract *x, r2x_date *out, size_t max)
{
    size_t n = 0;
    const r2x_table *ts = (const r2x_table *)(const void *)x->tables.data;
    for (size_t i = 0; i < x->tables.len / sizeof *ts; i++)
        for (size_t j = 0; j < ts[i].ncolumns && n < max; j++) {
            const r2x_period *p = &ts[i].columns[j].period;
            if (p->kind != R2X_PERIOD_NONE)
                out[n++] = p->end;
        }
    return n;
}

/* The fiscal year end the release shows: the profile's when it gives one,
 * else a balance-sheet date that closes no period of the release (the
 * prior year end of an interim release) when it is a month end. */
static int known_year_end(const extract *x, int *month, int *day)
{
    if (x->opts && profile_calendar_given(x->opts->profile)) {
        *month = x->cal->end_month;
        *day = x->cal->end_day;
        return 1;
    }
    const r2x_table *ts = (const r2x_table *)(const void *)x->tables.data;
    size_t nt = x->tables.len / sizeof *ts;
    for (size_t i = 0; i < nt; i++)
        for (size_t j = 0; j < ts[i].ncolumns; j++) {
            const r2x_period *p = &ts[i].columns[j].period;
            if (p->kind != R2X_PERIOD_INSTANT ||
                p->end.day != date_days_in_month(p->end.year, p->end.month))
                continue;
            int closes = 0;
            for (size_t i2 = 0; i2 < nt && !closes; i2++)
                for (size_t j2 = 0; j2 < ts[i2].ncolumns && !closes; j2++) {
                    const r2x_period *q = &ts[i2].columns[j2].period;
                    closes = q->kind == R2X_PERIOD_DURATION && !date_compare(q->end, p->end);
                }
            if (!closes) {
                *month = p->end.month;
                *day = p->end.day;
                return 1;
            }
        }
    return 0;
}

/* The fiscal year end nearest to d, within a week: the start of a year to
 * date follows it. */
static int fiscal_year_end_near(int month, int day, r2x_date d, r2x_date *out)
{
    for (int y = d.year - 1; y <= d.year; y++) {
        r2x_date f = {y, month, day};
        int dim = date_days_in_month(y, month);
        if (f.day > dim)
            f.day = dim;
        if (labs(date_diff_days(f, d)) <= 7) {
            *out = f;
            return 1;
        }
    }
    return 0;
}

/* When a duration starts.  Calendar months are right for month-end
 * calendars; a 52/53-week calendar ends its periods on other days, and its
 * periods start the day after the comparable period's end: one the release
 * shows (the prior year's balance-sheet date, the prior quarter), else the
 * fiscal year's end for a period to date, else counted in weeks. */
static int settle_start(const extract *x, const period_phrase *ph, const r2x_date *ends,
                        size_t nends, r2x_period *p, char *why, size_t size)
{
    r2x_date e = p->end;
    if (ph->weeks || !ph->months || p->kind != R2X_PERIOD_DURATION)
        return 0;
    r2x_date target = date_minus_months(e, ph->months);
    long best = 8;
    r2x_date found = {0, 0, 0};
    for (size_t i = 0; i < nends; i++) {
        long d = labs(date_diff_days(ends[i], target));
        if (d < best && date_compare(ends[i], e) < 0) {
            best = d;
            found = ends[i];
        }
    }
    char buf[16];
    if (found.year) {
        r2x_date_format(found, buf);
        snprintf(why, size, "the day after %s, the end of the comparable period the release "
                 "shows", buf);
        p->start = date_add_days(found, 1);
        return 1;
    }
    int month_end = e.day == date_days_in_month(e.year, e.month);
    r2x_date fye;
    int fm, fd;
    if (known_year_end(x, &fm, &fd) && fiscal_year_end_near(fm, fd, target, &fye) &&
        fd == date_days_in_month(fye.year, fye.month)) {
        r2x_date_format(fye, buf);
        snprintf(why, size, "the day after the fiscal year end %s", buf);
        p->start = date_add_days(fye, 1);
        return !month_end;
    }
    if (month_end || ph->months % 3)
        return 0;
    int weeks = ph->months / 3 * 13;
    snprintf(why, size, "%d weeks back from %d-%02d-%02d, which ends no month (a 52/53-week "
             "calendar)", weeks, e.year, e.month, e.day);
    p->start = date_add_days(e, -7 * weeks + 1);
    return 1;
}

void periods_settle_calendar(extract *x)
{
    r2x_date ends[512];
    size_t nends = period_ends(x, ends, 512);
    r2x_table *ts = (r2x_table *)(void *)x->tables.data;
    table_plan *plans = (table_plan *)(void *)x->plans.data;
    size_t nt = x->tables.len / sizeof *ts;
    /* one message a period, however many columns show it */
    r2x_period told[64];
    size_t ntold = 0;
    for (size_t i = 0; i < nt; i++)
        for (size_t j = 0; j < ts[i].ncolumns; j++) {
            r2x_column *c = &ts[i].columns[j];
            const vcolumn *v = &plans[i].cols[j];
            if (c->period.kind != R2X_PERIOD_DURATION || !v->has_period)
                continue;
            r2x_period p = c->period;
            char why[160];
            if (!settle_start(x, &v->phrase, ends, nends, &p, why, sizeof why) ||
                !date_compare(p.start, c->period.start))
                continue;
            int seen = 0;
            for (size_t k = 0; k < ntold && !seen; k++)
                seen = !memcmp(&told[k], &c->period, sizeof told[k]);
            if (!seen) {
                char a[16], b[16];
                r2x_date_format(p.start, a);
                r2x_date_format(p.end, b);
                tb_warn(x, NULL, ts[i].first_line, "the period %s..%s starts on %s: %s", a, b,
                        a, why);
                if (ntold < 64)
                    told[ntold++] = c->period;
            }
            /* the same period in other columns follows */
            r2x_period old = c->period;
            for (size_t i2 = 0; i2 < nt; i2++)
                for (size_t j2 = 0; j2 < ts[i2].ncolumns; j2++)
                    if (!memcmp(&ts[i2].columns[j2].period, &old, sizeof old))
                        ts[i2].columns[j2].period = p;
        }
}
