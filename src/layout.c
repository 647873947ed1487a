/* layout.c - find the columns of space-aligned tables and rewrite their lines
 * as tab-separated lines, in place (see layout.h). */
#include "layout.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "document.h"
#include "error.h"

enum line_class { LC_BLANK, LC_RULE, LC_TAG, LC_TEXT, LC_FIG, LC_YEARS };
enum tag_name { TAG_NONE, TAG_TABLE, TAG_END_TABLE, TAG_CAPTION, TAG_COLUMNS, TAG_PAGE,
                TAG_OTHER };
enum fig_kind { FK_NO = 0, FK_NUMBER, FK_DASH, FK_PLACEHOLDER, FK_CURRENCY };

#define MAX_WORDS 256
#define MAX_COLS 32

typedef struct word {
    size_t b0, b1;            /* bytes in the line */
    int c0, c1;               /* display columns, c1 exclusive */
} word;

/* A figure printed in a table row: "$ (1,234)", "--", "12.5%". */
typedef struct item {
    size_t b0, b1;
    int c0, c1;
    int anchor;               /* the column just after its last digit or dash */
    int kind;                 /* enum fig_kind of its main word */
    int year;                 /* a bare four-digit year 1900..2100 */
    int col;                  /* assigned column, 1-based; 0 none */
} item;

typedef struct line_info {
    unsigned char cls, tag;
    size_t label_end;         /* bytes of the label, leaders and spaces trimmed */
    size_t first_item, nitems;
} line_info;

typedef struct column {
    int l, r;                 /* display columns the figures occupy, r exclusive */
    int anchor;               /* where the figures end */
} column;

typedef struct layout {
    const r2x_document *doc;
    size_t nlines;
    line_info *li;            /* [nlines + 1] */
    r2x_buf items;            /* item[] */
    unsigned char *kind;      /* [nlines + 1] enum layout_kind */
    char **rewritten;         /* [nlines + 1]; NULL: the line as it was */
    int any_table;
} layout;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\f' || c == '\r' || c == '\t' || c == '\v';
}

static size_t split_words(const char *s, size_t n, word *w, size_t max, int *overflow)
{
    size_t nw = 0;
    int col = 0;
    size_t i = 0;
    *overflow = 0;
    while (i < n) {
        if (is_space((unsigned char)s[i])) {
            col++;
            i++;
            continue;
        }
        size_t b0 = i;
        int c0 = col;
        while (i < n && !is_space((unsigned char)s[i])) {
            if (((unsigned char)s[i] & 0xC0) != 0x80)
                col++;
            i++;
        }
        if (nw < max) {
            w[nw].b0 = b0;
            w[nw].b1 = i;
            w[nw].c0 = c0;
            w[nw].c1 = col;
            nw++;
        } else {
            *overflow = 1;
        }
    }
    return nw;
}

/* Length of a dash used for nil at s: -, en dash, em dash, minus sign. */
static size_t dash_at(const unsigned char *s, const unsigned char *e)
{
    if (s < e && *s == '-')
        return 1;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94))
        return 3;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
        return 3;
    return 0;
}

/* What one word is as a figure; *anchor_bytes is the byte just after its
 * last digit or dash, *year set for a bare year. */
static int fig_word(const char *s, size_t b0, size_t b1, size_t *anchor_bytes, int *year)
{
    const unsigned char *p = (const unsigned char *)s + b0, *e = (const unsigned char *)s + b1;
    *year = 0;
    if (e - p == 1 && *p == '$')
        return FK_CURRENCY;
    size_t wl = (size_t)(e - p);
    if ((wl == 3 && !strncasecmp((const char *)p, "n/a", 3)) ||
        (wl == 2 && !strncasecmp((const char *)p, "nm", 2)) ||
        (wl == 3 && !strncasecmp((const char *)p, "n/m", 3)) ||
        (wl == 4 && !strncasecmp((const char *)p, "n.m.", 4))) {
        *anchor_bytes = b1;
        return FK_PLACEHOLDER;
    }
    int decorated = 0;
    while (p < e && (*p == '(' || *p == '$')) {
        p++;
        decorated = 1;
    }
    while (e > p && (e[-1] == ')' || e[-1] == '%')) {
        e--;
        decorated = 1;
    }
    if (p == e)
        return FK_NO;
    /* a run of dashes (at most three) is nil */
    const unsigned char *q = p;
    size_t nd = 0, dl;
    while (q < e && (dl = dash_at(q, e)) > 0) {
        q += dl;
        nd++;
    }
    if (q == e && nd <= 3) {
        *anchor_bytes = (size_t)(e - (const unsigned char *)s);
        return FK_DASH;
    }
    q = p;
    if (q < e && (*q == '-' || *q == '+'))
        q++;
    int digits = 0, commas = 0, dots = 0;
    for (; q < e; q++) {
        if (*q >= '0' && *q <= '9')
            digits++;
        else if (*q == ',' && digits)
            commas++;
        else if (*q == '.' && !dots)
            dots++;
        else
            return FK_NO;
    }
    if (!digits || e[-1] == '.' || e[-1] == ',')
        return FK_NO;
    *anchor_bytes = (size_t)(e - (const unsigned char *)s);
    if (!decorated && !commas && !dots && digits == 4 && p[0] != '-' && p[0] != '+') {
        int v = atoi((const char *)p);
        *year = v >= 1900 && v <= 2100;
    }
    return FK_NUMBER;
}

static int is_leader_word(const char *s, const word *w)
{
    /* "......" alone, or ending a word ("net....") */
    return w->b1 - w->b0 >= 2 && s[w->b1 - 1] == '.' && s[w->b1 - 2] == '.';
}

static int col_of(const char *s, size_t b)
{
    int col = 0;
    for (size_t i = 0; i < b; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int tag_of(const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    if (!n || *s != '<')
        return TAG_NONE;
    static const struct { const char *name; int tag; } tags[] = {
        {"<TABLE>", TAG_TABLE}, {"</TABLE>", TAG_END_TABLE}, {"<CAPTION>", TAG_CAPTION},
        {"</CAPTION>", TAG_OTHER}, {"<S>", TAG_COLUMNS}, {"<PAGE>", TAG_PAGE},
        {"<FN>", TAG_OTHER}, {"</FN>", TAG_OTHER}, {"<C>", TAG_OTHER}};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t tl = strlen(tags[i].name);
        if (n >= tl && !strncasecmp(s, tags[i].name, tl))
            return tags[i].tag;
    }
    return TAG_NONE;
}

static int is_rule(const char *s, size_t n)
{
    size_t marks = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '-' || c == '=' || c == '_')
            marks++;
        else if (!is_space(c))
            return 0;
    }
    return marks >= 3;
}

/* Classify a line and read the figures at its end. */
static int classify(layout *L, size_t n)
{
    size_t len;
    const char *s = document_line(L->doc, n, &len);
    line_info *li = &L->li[n];
    memset(li, 0, sizeof *li);
    li->first_item = L->items.len / sizeof(item);
    int blank = 1;
    for (size_t i = 0; i < len; i++)
        if (!is_space((unsigned char)s[i]))
            blank = 0;
    if (blank) {
        li->cls = LC_BLANK;
        return R2X_OK;
    }
    if ((li->tag = (unsigned char)tag_of(s, len)) != TAG_NONE) {
        li->cls = LC_TAG;
        return R2X_OK;
    }
    if (is_rule(s, len)) {
        li->cls = LC_RULE;
        return R2X_OK;
    }
    li->cls = LC_TEXT;
    word w[MAX_WORDS];
    int overflow;
    size_t nw = split_words(s, len, w, MAX_WORDS, &overflow);
    if (overflow || !nw)
        return R2X_OK;
    item found[MAX_COLS];
    size_t nf = 0;
    long k = (long)nw - 1;
    while (k >= 0 && nf < MAX_COLS) {
        size_t anchor = 0;
        int year = 0;
        int fk = fig_word(s, w[k].b0, w[k].b1, &anchor, &year);
        if (fk == FK_NO || fk == FK_CURRENCY)
            break;
        long start = k;
        size_t a2;
        int y2;
        if (k > 0 && fig_word(s, w[k - 1].b0, w[k - 1].b1, &a2, &y2) == FK_CURRENCY)
            start = k - 1;
        int gap_ok = 1;
        if (start > 0) {
            const word *left = &w[start - 1];
            int gap = w[start].c0 - left->c1;
            int lk = fig_word(s, left->b0, left->b1, &a2, &y2);
            gap_ok = gap >= 2 || is_leader_word(s, left) ||
                     (s[w[start].b0] == '$' && lk != FK_NO && lk != FK_CURRENCY);
        }
        if (!gap_ok)
            break;
        item *it = &found[nf++];
        memset(it, 0, sizeof *it);
        it->b0 = w[start].b0;
        it->b1 = w[k].b1;
        it->c0 = w[start].c0;
        it->c1 = w[k].c1;
        it->anchor = col_of(s, anchor);
        it->kind = fk;
        it->year = year && start == k;
        k = start - 1;
    }
    int real = 0, years = 0;
    for (size_t i = 0; i < nf; i++) {
        if (found[i].kind == FK_NUMBER || found[i].kind == FK_DASH)
            real++;
        if (found[i].year)
            years++;
    }
    if (!real)
        return R2X_OK;
    /* the label: the words left of the figures, less a dot leader */
    size_t lend = k >= 0 ? w[k].b1 : 0;
    while (k >= 0) {
        size_t b0 = w[k].b0;
        if (is_leader_word(s, &w[k]))
            while (lend > b0 && s[lend - 1] == '.')
                lend--;
        if (lend > b0)
            break;
        k--;
        lend = k >= 0 ? w[k].b1 : 0;
    }
    while (lend > 0 && (is_space((unsigned char)s[lend - 1])))
        lend--;
    li->label_end = lend;
    li->cls = years == (int)nf ? LC_YEARS : LC_FIG;
    /* items left to right */
    for (size_t i = nf; i-- > 0;)
        if (buf_add(&L->items, &found[i], sizeof found[i]))
            return R2X_ENOMEM;
    li->nitems = nf;
    return R2X_OK;
}

static item *items_of(layout *L, size_t n)
{
    return (item *)(void *)L->items.data + L->li[n].first_item;
}

/* ---- Columns --------------------------------------------------------------- */

typedef struct table_geom {
    size_t ncols;
    column cols[MAX_COLS];
    int cpos[MAX_COLS];       /* EDGAR <C> starts, when given */
    int has_cpos;
    int label_right;          /* labels end before this column */
} table_geom;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The column a figure belongs to, 1-based. */
static int column_of(const table_geom *g, const item *it)
{
    if (g->has_cpos) {
        int c = 0;
        for (size_t k = 0; k < g->ncols; k++)
            if (g->cpos[k] <= it->anchor - 1)
                c = (int)k + 1;
        return c ? c : 1;
    }
    int best = 0, bestd = 1 << 30;
    for (size_t k = 0; k < g->ncols; k++) {
        int d = abs(g->cols[k].anchor - it->anchor);
        if (d < bestd) {
            bestd = d;
            best = (int)k + 1;
        }
    }
    return best;
}

/* Find the columns of the rows first..last from their figures. */
static int find_columns(layout *L, size_t first, size_t last, table_geom *g)
{
    if (!g->has_cpos) {
        r2x_buf anchors;
        buf_init(&anchors, R2X_BUF_NOCAP);
        for (size_t n = first; n <= last; n++) {
            if (L->kind[n] != LAYOUT_ROW || (L->li[n].cls != LC_FIG && L->li[n].cls != LC_YEARS))
                continue;
            item *it = items_of(L, n);
            for (size_t i = 0; i < L->li[n].nitems; i++)
                if (it[i].kind == FK_NUMBER && buf_add(&anchors, &it[i].anchor, sizeof(int))) {
                    buf_release(&anchors);
                    return R2X_ENOMEM;
                }
        }
        size_t na = anchors.len / sizeof(int);
        int *a = (int *)(void *)anchors.data;
        if (na)
            qsort(a, na, sizeof *a, cmp_int);
        g->ncols = 0;
        for (size_t i = 0; i < na; i++) {
            if (g->ncols && a[i] - g->cols[g->ncols - 1].anchor <= 2) {
                g->cols[g->ncols - 1].anchor = a[i];
                continue;
            }
            if (g->ncols == MAX_COLS)
                break;
            g->cols[g->ncols++].anchor = a[i];
        }
        buf_release(&anchors);
        if (!g->ncols)
            g->ncols = 1;
    }
    for (size_t k = 0; k < g->ncols; k++) {
        g->cols[k].l = 1 << 30;
        g->cols[k].r = 0;
    }
    for (size_t n = first; n <= last; n++) {
        if (L->kind[n] != LAYOUT_ROW || (L->li[n].cls != LC_FIG && L->li[n].cls != LC_YEARS))
            continue;
        item *it = items_of(L, n);
        int used[MAX_COLS + 1] = {0};
        for (size_t i = 0; i < L->li[n].nitems; i++) {
            int c = column_of(g, &it[i]);
            /* two figures in one column: the right one moves right */
            while (c && used[c] && c < (int)g->ncols)
                c++;
            if (c && used[c]) {
                c = 0;
            }
            it[i].col = c;
            if (!c)
                continue;
            used[c] = 1;
            column *col = &g->cols[c - 1];
            if (it[i].c0 < col->l)
                col->l = it[i].c0;
            if (it[i].c1 > col->r)
                col->r = it[i].c1;
        }
    }
    for (size_t k = 0; k < g->ncols; k++) {
        if (g->cols[k].r == 0) {
            g->cols[k].l = g->has_cpos ? g->cpos[k] : g->cols[k].anchor - 6;
            g->cols[k].r = g->has_cpos ? g->cpos[k] + 8 : g->cols[k].anchor;
        }
    }
    g->label_right = g->cols[0].l;
    return R2X_OK;
}

/* ---- Headings -------------------------------------------------------------- */

typedef struct chunk {
    size_t b0, b1;
    int c0, c1;
    unsigned span;            /* bit k: covers column k + 1; 0: the label part */
    char *text;               /* merged text, owned; NULL once joined above */
    size_t top_line, top_chunk; /* the top of the stack it joined */
} chunk;

#define MAX_CHUNKS 32

typedef struct heading_line {
    size_t line;
    size_t nchunks;
    chunk chunks[MAX_CHUNKS];
} heading_line;

static unsigned span_of(const table_geom *g, int c0, int c1)
{
    unsigned span = 0;
    for (size_t k = 0; k < g->ncols && k < 31; k++) {
        int l = g->cols[k].l, r = g->cols[k].r;
        int ov = (c1 < r ? c1 : r) - (c0 > l ? c0 : l);
        int need = ((c1 - c0) < (r - l) ? (c1 - c0) : (r - l)) / 3;
        if (need < 1)
            need = 1;
        if (ov >= need)
            span |= 1u << k;
    }
    if (!span && c1 > g->label_right) {
        /* nearest column by centre */
        int best = 0, bestd = 1 << 30;
        for (size_t k = 0; k < g->ncols && k < 31; k++) {
            int d = abs((g->cols[k].l + g->cols[k].r) - (c0 + c1));
            if (d < bestd) {
                bestd = d;
                best = (int)k;
            }
        }
        span = 1u << best;
    }
    return span;
}

/* A wide gap that lies within one column's figures ("SEPTEMBER  30,") does
 * not separate two headings. */
static int gap_inside_column(const table_geom *g, int a, int b)
{
    for (size_t k = 0; k < g->ncols; k++)
        if (a >= g->cols[k].l && b <= g->cols[k].r && b - a < 4)
            return 1;
    return 0;
}

/* Split a heading line at runs of two or more spaces. */
static void heading_chunks(const table_geom *g, const char *s, size_t len, heading_line *h)
{
    word w[MAX_WORDS];
    int overflow;
    size_t nw = split_words(s, len, w, MAX_WORDS, &overflow);
    h->nchunks = 0;
    for (size_t i = 0; i < nw;) {
        size_t j = i;
        while (j + 1 < nw && (w[j + 1].c0 - w[j].c1 < 2 || gap_inside_column(g, w[j].c1, w[j + 1].c0)))
            j++;
        if (h->nchunks < MAX_CHUNKS) {
            chunk *c = &h->chunks[h->nchunks++];
            memset(c, 0, sizeof *c);
            c->b0 = w[i].b0;
            c->b1 = w[j].b1;
            c->c0 = w[i].c0;
            c->c1 = w[j].c1;
            c->span = c->c1 <= g->label_right + 1 && c->c0 < g->label_right - 4
                      ? 0 : span_of(g, c->c0, c->c1);
        }
        i = j + 1;
    }
}

static int lowest_bit(unsigned v)
{
    for (int k = 0; k < 32; k++)
        if (v & (1u << k))
            return k;
    return 0;
}

static int append_text(char **dst, const char *s, size_t n)
{
    size_t cur = *dst ? strlen(*dst) : 0;
    char *p = realloc(*dst, cur + n + 2);
    if (!p)
        return R2X_ENOMEM;
    if (cur)
        p[cur++] = ' ';
    memcpy(p + cur, s, n);
    p[cur + n] = '\0';
    *dst = p;
    return R2X_OK;
}

/* Rewrite the heading lines: text stacked over the same columns on
 * consecutive lines ("Three Months Ended" / "September 30,") is joined onto
 * the top line, so that each column's heading reads as one phrase. */
static int rewrite_headings(layout *L, const table_geom *g, const size_t *lines, size_t nh)
{
    heading_line *h = calloc(nh ? nh : 1, sizeof *h);
    if (!h)
        return R2X_ENOMEM;
    int rc = R2X_OK;
    for (size_t i = 0; i < nh; i++) {
        size_t len;
        const char *s = document_line(L->doc, lines[i], &len);
        h[i].line = lines[i];
        heading_chunks(g, s, len, &h[i]);
        for (size_t c = 0; c < h[i].nchunks; c++)
            if ((rc = append_text(&h[i].chunks[c].text, s + h[i].chunks[c].b0,
                                  h[i].chunks[c].b1 - h[i].chunks[c].b0)))
                goto done;
    }
    /* join each chunk onto the top of the stack it continues: a chunk with
     * the same columns on the line just above (rules may stand between) */
    for (size_t i = 0; i < nh; i++)
        for (size_t c = 0; c < h[i].nchunks; c++) {
            h[i].chunks[c].top_line = i;
            h[i].chunks[c].top_chunk = c;
        }
    for (size_t i = 1; i < nh; i++) {
        int adjacent = 1;
        for (size_t m = h[i - 1].line + 1; m < h[i].line; m++)
            if (L->li[m].cls != LC_RULE && L->li[m].cls != LC_TAG)
                adjacent = 0;
        if (!adjacent)
            continue;
        for (size_t c = 0; c < h[i].nchunks; c++) {
            chunk *cur = &h[i].chunks[c];
            if (!cur->span)
                continue;
            for (size_t a = 0; a < h[i - 1].nchunks; a++) {
                chunk *up = &h[i - 1].chunks[a];
                /* "(MILLIONS)" states units: it starts no stack and joins none */
                const char *tt = h[up->top_line].chunks[up->top_chunk].text;
                if (up->span != cur->span || cur->text[0] == '(' ||
                    (tt[0] == '(' && strchr(tt, ')') != NULL))
                    continue;
                chunk *top = &h[up->top_line].chunks[up->top_chunk];
                if ((rc = append_text(&top->text, cur->text, strlen(cur->text))))
                    goto done;
                free(cur->text);
                cur->text = NULL;
                cur->top_line = up->top_line;
                cur->top_chunk = up->top_chunk;
                break;
            }
        }
    }
    /* "(MILLIONS, EXCEPT PER SHARE AMOUNTS)" over the columns states the
     * table's units, as it would beside the labels: it goes to the label
     * cell, where it is not taken for one column's unit */
    for (size_t i = 0; i < nh; i++)
        for (size_t c = 0; c < h[i].nchunks; c++) {
            const char *t = h[i].chunks[c].text;
            size_t tl = t ? strlen(t) : 0;
            if (tl > 2 && t[0] == '(' && t[tl - 1] == ')' && !strpbrk(t, "0123456789"))
                h[i].chunks[c].span = 0;
        }
    for (size_t i = 0; i < nh; i++) {
        r2x_buf out;
        buf_init(&out, R2X_BUF_NOCAP);
        int any = 0;
        for (size_t c = 0; c < h[i].nchunks; c++)
            if (!h[i].chunks[c].span && h[i].chunks[c].text) {
                if ((any && buf_addc(&out, ' ')) || buf_adds(&out, h[i].chunks[c].text))
                    goto oom;
                any = 1;
            }
        for (size_t k = 0; k < g->ncols; k++) {
            if (buf_addc(&out, '\t'))
                goto oom;
            int first = 1;
            for (size_t c = 0; c < h[i].nchunks; c++) {
                chunk *ch = &h[i].chunks[c];
                if (!ch->span || !ch->text || lowest_bit(ch->span) != (int)k)
                    continue;
                if ((!first && buf_addc(&out, ' ')) || buf_adds(&out, ch->text))
                    goto oom;
                first = 0;
                any = 1;
            }
        }
        if (buf_addc(&out, '\0'))
            goto oom;
        free(L->rewritten[h[i].line]);
        if (any) {
            L->rewritten[h[i].line] = buf_detach(&out, NULL);
            L->kind[h[i].line] = LAYOUT_HEADING;
        } else {
            buf_release(&out);
            L->rewritten[h[i].line] = r2x_strdup("");
            L->kind[h[i].line] = LAYOUT_FILLER;
            if (!L->rewritten[h[i].line])
                goto oom_nobuf;
        }
        continue;
    oom:
        buf_release(&out);
    oom_nobuf:
        rc = R2X_ENOMEM;
        goto done;
    }
done:
    for (size_t i = 0; i < nh; i++)
        for (size_t c = 0; c < h[i].nchunks; c++)
            free(h[i].chunks[c].text);
    free(h);
    return rc;
}

/* ---- Rows ---------------------------------------------------------------- */

static int rewrite_row(layout *L, const table_geom *g, size_t n)
{
    size_t len;
    const char *s = document_line(L->doc, n, &len);
    const line_info *li = &L->li[n];
    r2x_buf out;
    buf_init(&out, R2X_BUF_NOCAP);
    size_t lend = len;
    if (li->cls == LC_FIG || li->cls == LC_YEARS)
        lend = li->label_end;
    else
        while (lend && is_space((unsigned char)s[lend - 1]))
            lend--;
    /* the label keeps its indentation; form feeds become spaces */
    for (size_t i = 0; i < lend; i++)
        if (buf_addc(&out, is_space((unsigned char)s[i]) ? ' ' : s[i]))
            goto oom;
    const item *it = li->nitems ? items_of(L, n) : NULL;
    for (size_t k = 1; k <= g->ncols; k++) {
        if (buf_addc(&out, '\t'))
            goto oom;
        for (size_t i = 0; i < li->nitems; i++)
            if (it[i].col == (int)k) {
                for (size_t b = it[i].b0; b < it[i].b1; b++)
                    if (buf_addc(&out, is_space((unsigned char)s[b]) ? ' ' : s[b]))
                        goto oom;
            }
    }
    if (buf_addc(&out, '\0'))
        goto oom;
    free(L->rewritten[n]);
    L->rewritten[n] = buf_detach(&out, NULL);
    return R2X_OK;
oom:
    buf_release(&out);
    return R2X_ENOMEM;
}

static int set_blank(layout *L, size_t n, int kind)
{
    free(L->rewritten[n]);
    L->rewritten[n] = r2x_strdup("");
    L->kind[n] = (unsigned char)kind;
    return L->rewritten[n] ? R2X_OK : R2X_ENOMEM;
}

/* A text line with a part over the figure columns: a heading. */
static int text_reaches_columns(const layout *L, size_t n, const table_geom *g)
{
    size_t len;
    const char *s = document_line(L->doc, n, &len);
    word w[MAX_WORDS];
    int overflow;
    size_t nw = split_words(s, len, w, MAX_WORDS, &overflow);
    if (!nw || overflow)
        return 0;
    /* prose runs across the line with single spaces */
    int gaps = 0;
    for (size_t i = 1; i < nw; i++)
        if (w[i].c0 - w[i - 1].c1 >= 2)
            gaps++;
    if (!gaps && w[0].c0 < g->label_right - 4)
        return 0;
    return w[nw - 1].c1 > g->label_right;
}

/* Finish one table: rows first..last (kinds set to ROW or FILLER), the
 * heading lines given; find the columns and rewrite every line. */
static int finish_table(layout *L, table_geom *g, size_t first, size_t last,
                        const size_t *heads, size_t nh)
{
    int rc;
    if ((rc = find_columns(L, first, last, g)))
        return rc;
    for (size_t n = first; n <= last; n++) {
        if (L->kind[n] == LAYOUT_ROW)
            rc = rewrite_row(L, g, n);
        else
            rc = set_blank(L, n, LAYOUT_FILLER);
        if (rc)
            return rc;
    }
    L->any_table = 1;
    return rewrite_headings(L, g, heads, nh);
}

/* ---- Finding tables -------------------------------------------------------- */

static int prose_like(const layout *L, size_t n)
{
    size_t len;
    const char *s = document_line(L->doc, n, &len);
    while (len && is_space((unsigned char)s[len - 1]))
        len--;
    size_t i = 0;
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    return len - i >= 72;
}

/* EDGAR <TABLE> ... </TABLE> with an <S> <C> line: the tags give the
 * columns. */
static int edgar_table(layout *L, size_t start, size_t *end)
{
    size_t n = start + 1, cols_line = 0, caption = 0;
    for (; n <= L->nlines; n++) {
        if (L->li[n].cls == LC_TAG && L->li[n].tag == TAG_END_TABLE)
            break;
        if (L->li[n].cls == LC_TAG && L->li[n].tag == TAG_CAPTION && !caption)
            caption = n;
        if (L->li[n].cls == LC_TAG && L->li[n].tag == TAG_COLUMNS && !cols_line)
            cols_line = n;
    }
    *end = n <= L->nlines ? n : L->nlines;
    if (!cols_line)
        return R2X_OK;   /* the generic reader takes it */
    table_geom g;
    memset(&g, 0, sizeof g);
    size_t len;
    const char *s = document_line(L->doc, cols_line, &len);
    for (size_t i = 0; i + 3 <= len && g.ncols < MAX_COLS; i++)
        if (!strncasecmp(s + i, "<C>", 3))
            g.cpos[g.ncols++] = col_of(s, i);
    if (!g.ncols)
        return R2X_OK;
    g.has_cpos = 1;
    size_t last = *end - 1;
    if (last <= cols_line)
        return R2X_OK;
    size_t heads[16], nh = 0;
    for (n = start; n <= *end; n++)
        L->kind[n] = LAYOUT_FILLER;
    for (n = (caption ? caption : start) + 1; n < cols_line; n++)
        if ((L->li[n].cls == LC_TEXT || L->li[n].cls == LC_FIG || L->li[n].cls == LC_YEARS) &&
            nh < 16)
            heads[nh++] = n;
    for (n = cols_line + 1; n <= last; n++)
        if (L->li[n].cls == LC_TEXT || L->li[n].cls == LC_FIG || L->li[n].cls == LC_YEARS)
            L->kind[n] = LAYOUT_ROW;
    int rc = finish_table(L, &g, cols_line + 1, last, heads, nh);
    if (rc)
        return rc;
    for (n = start; n <= cols_line; n++)
        if (L->kind[n] == LAYOUT_FILLER && (rc = set_blank(L, n, LAYOUT_FILLER)))
            return rc;
    /* </TABLE> ends the table: outside it, blank */
    return set_blank(L, *end, LAYOUT_NONE);
}

/* A table found from its figures alone: runs of rows whose figures stand at
 * the right, with wrapped labels, section labels, rules and single blank
 * lines between them; headings above. */
static int generic_table(layout *L, size_t first, size_t *next)
{
    size_t last = first, nfig = 1;
    size_t j = first + 1;
    int blanks = 0, textrun = 0;
    for (; j <= L->nlines; j++) {
        const line_info *li = &L->li[j];
        if (L->kind[j] != LAYOUT_NONE)
            break;
        if (li->cls == LC_FIG) {
            last = j;
            nfig++;
            blanks = textrun = 0;
            continue;
        }
        if (li->cls == LC_YEARS)
            break;
        if (li->cls == LC_BLANK) {
            if (++blanks >= 2)
                break;
            continue;
        }
        if (li->cls == LC_RULE)
            continue;
        if (li->cls == LC_TAG) {
            if (li->tag == TAG_PAGE)
                continue;
            break;
        }
        /* text: a wrapped or section label, unless prose or a heading */
        if (prose_like(L, j) || ++textrun > 6)
            break;
        blanks = 0;
    }
    *next = last + 1;
    if (nfig < 2)
        return R2X_OK;
    for (size_t n = first; n <= last; n++)
        L->kind[n] = (L->li[n].cls == LC_FIG || L->li[n].cls == LC_TEXT) ? LAYOUT_ROW
                                                                        : LAYOUT_FILLER;
    table_geom g;
    memset(&g, 0, sizeof g);
    int rc = find_columns(L, first, last, &g);
    if (rc)
        return rc;
    /* a text line inside that reaches over the columns is a heading of a
     * table below: end this one before it */
    for (size_t n = first; n <= last; n++)
        if (L->li[n].cls == LC_TEXT && text_reaches_columns(L, n, &g)) {
            size_t cut = n;
            while (cut > first && L->li[cut - 1].cls != LC_FIG)
                cut--;
            for (size_t m = cut; m <= last; m++)
                L->kind[m] = LAYOUT_NONE;
            *next = cut;
            if (cut == first)
                return R2X_OK;
            last = cut - 1;
            size_t nf = 0;
            for (size_t m = first; m <= last; m++)
                nf += L->li[m].cls == LC_FIG;
            if (nf < 2) {
                for (size_t m = first; m <= last; m++)
                    L->kind[m] = LAYOUT_NONE;
                return R2X_OK;
            }
            if ((rc = find_columns(L, first, last, &g)))
                return rc;
            break;
        }
    /* upwards: section labels, then heading lines */
    size_t heads[16], nh = 0;
    size_t top = first;
    int seen_head = 0, blank_run = 0;
    for (size_t h = first - 1; h >= 1 && first - h <= 16 && nh < 16; h--) {
        const line_info *li = &L->li[h];
        if (L->kind[h] != LAYOUT_NONE)
            break;
        if (li->cls == LC_BLANK) {
            if (++blank_run >= 2)
                break;
            if (seen_head) {
                /* a blank inside the headings only when a heading is above */
                if (h < 2 || !(L->li[h - 1].cls == LC_YEARS ||
                               (L->li[h - 1].cls == LC_TEXT && text_reaches_columns(L, h - 1, &g))))
                    break;
            }
            continue;
        }
        if (li->cls == LC_RULE || (li->cls == LC_TAG && li->tag == TAG_PAGE)) {
            continue;
        }
        if (li->cls == LC_YEARS || (li->cls == LC_TEXT && text_reaches_columns(L, h, &g))) {
            heads[nh++] = h;
            seen_head = 1;
            blank_run = 0;
            top = h;
            continue;
        }
        if (li->cls == LC_TEXT && !seen_head && !prose_like(L, h)) {
            size_t len;
            const char *s = document_line(L->doc, h, &len);
            while (len && is_space((unsigned char)s[len - 1]))
                len--;
            if (len && s[len - 1] == '.')
                break;
            L->kind[h] = LAYOUT_ROW;
            blank_run = 0;
            top = h;
            continue;
        }
        if (li->cls == LC_TEXT && seen_head) {
            size_t len;
            const char *s = document_line(L->doc, h, &len);
            size_t i = 0;
            while (i < len && is_space((unsigned char)s[i]))
                i++;
            if (i < len && s[i] == '(' && L->li[h + 1].cls != LC_BLANK) {
                heads[nh++] = h;
                top = h;
                continue;
            }
        }
        break;
    }
    /* headings in reading order */
    for (size_t a = 0, b = nh ? nh - 1 : 0; a < b; a++, b--) {
        size_t t = heads[a];
        heads[a] = heads[b];
        heads[b] = t;
    }
    for (size_t n = top; n < first; n++)
        if (L->kind[n] == LAYOUT_NONE)
            L->kind[n] = LAYOUT_FILLER;
    for (size_t i = 0; i < nh; i++)
        L->kind[heads[i]] = LAYOUT_HEADING;
    if ((rc = finish_table(L, &g, first, last, heads, nh)))
        return rc;
    /* blank lines between the headings and the rows stay in the table */
    for (size_t n = top; n < first; n++)
        if (L->kind[n] == LAYOUT_FILLER && !L->rewritten[n] && (rc = set_blank(L, n, LAYOUT_FILLER)))
            return rc;
    for (size_t n = top; n < first; n++)
        if (L->kind[n] == LAYOUT_ROW && (rc = rewrite_row(L, &g, n)))
            return rc;
    return R2X_OK;
}

/* ---- The document ---------------------------------------------------------- */

static int build_document(layout *L, r2x_document **out)
{
    const r2x_document *doc = L->doc;
    r2x_document *nd = calloc(1, sizeof *nd);
    if (!nd)
        return R2X_ENOMEM;
    r2x_buf text;
    buf_init(&text, R2X_BUF_NOCAP);
    nd->line_start = malloc((doc->nlines + 1) * sizeof *nd->line_start);
    nd->name = r2x_strdup(doc->name);
    if (!nd->line_start || !nd->name)
        goto oom;
    for (size_t n = 1; n <= doc->nlines; n++) {
        nd->line_start[n - 1] = text.len;
        size_t len;
        const char *s = document_line(doc, n, &len);
        if (L->rewritten[n]) {
            if (buf_adds(&text, L->rewritten[n]))
                goto oom;
        } else {
            /* outside the tables a tab would make a table of prose */
            for (size_t i = 0; i < len; i++)
                if (buf_addc(&text, s[i] == '\t' || s[i] == '\f' ? ' ' : s[i]))
                    goto oom;
        }
        if (buf_addc(&text, '\n'))
            goto oom;
    }
    nd->line_start[doc->nlines] = text.len;
    nd->nlines = doc->nlines;
    if (buf_addc(&text, '\0'))
        goto oom;
    nd->text = buf_detach(&text, &nd->len);
    nd->len--;
    *out = nd;
    return R2X_OK;
oom:
    buf_release(&text);
    r2x_document_free(nd);
    return R2X_ENOMEM;
}

int layout_rewrite(const r2x_document *doc, r2x_document **out, unsigned char **kinds,
                   r2x_error *err)
{
    *out = NULL;
    *kinds = NULL;
    /* tab-separated already: nothing to do */
    size_t tab_lines = 0;
    for (size_t n = 1; n <= doc->nlines; n++) {
        size_t len;
        const char *s = document_line(doc, n, &len);
        if (memchr(s, '\t', len))
            tab_lines++;
    }
    if (tab_lines >= 2)
        return R2X_OK;
    layout L;
    memset(&L, 0, sizeof L);
    L.doc = doc;
    L.nlines = doc->nlines;
    buf_init(&L.items, R2X_BUF_NOCAP);
    L.li = calloc(doc->nlines + 2, sizeof *L.li);
    L.kind = calloc(doc->nlines + 2, 1);
    L.rewritten = calloc(doc->nlines + 2, sizeof *L.rewritten);
    int rc = R2X_OK;
    if (!L.li || !L.kind || !L.rewritten) {
        rc = R2X_ENOMEM;
        goto done;
    }
    for (size_t n = 1; n <= doc->nlines; n++)
        if ((rc = classify(&L, n)))
            goto done;
    for (size_t n = 1; n <= doc->nlines;) {
        if (L.li[n].cls == LC_TAG && L.li[n].tag == TAG_TABLE) {
            size_t end;
            if ((rc = edgar_table(&L, n, &end)))
                goto done;
            if (L.kind[n] != LAYOUT_NONE) {
                n = end + 1;
                continue;
            }
        }
        if (L.li[n].cls == LC_FIG && L.kind[n] == LAYOUT_NONE) {
            size_t next;
            if ((rc = generic_table(&L, n, &next)))
                goto done;
            n = next > n ? next : n + 1;
            continue;
        }
        n++;
    }
    /* EDGAR tags outside tables are markup, not text */
    for (size_t n = 1; n <= doc->nlines; n++)
        if (L.kind[n] == LAYOUT_NONE && L.li[n].cls == LC_TAG && !L.rewritten[n] &&
            (rc = set_blank(&L, n, LAYOUT_NONE)))
            goto done;
    if (!L.any_table)
        goto done;
    if ((rc = build_document(&L, out)))
        goto done;
    *kinds = L.kind;
    L.kind = NULL;
done:
    if (L.rewritten)
        for (size_t n = 0; n <= doc->nlines + 1; n++)
            free(L.rewritten[n]);
    free(L.rewritten);
    free(L.kind);
    free(L.li);
    buf_release(&L.items);
    if (rc)
        return r2x_fail(err, rc, doc->name, 0, "%s", r2x_strerror(rc));
    return R2X_OK;
}
