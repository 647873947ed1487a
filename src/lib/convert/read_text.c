/*
 * read_text.c - a text release as a grid.
 *
 * Two kinds of text: tab-separated (a table row is its cells, one per tab:
 * the seed, spreadsheets saved as text) and space-aligned (`pdftotext
 * -layout`, newswires, EDGAR text), where a cell is a run of words and
 * cells are set apart by two spaces or more, a dot leader or a currency
 * sign standing alone.  EDGAR's <TABLE> tags mark tables; their other tags
 * (<S>, <C>, <CAPTION>, <PAGE>) are markup, not text.
 */
#include "read_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document.h"
#include "error.h"
#include "numbers.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* ---- Tab-separated text ---------------------------------------------------- */

/* A line with a tab between two pieces of text. */
static int tab_separated(const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (!tab)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]) && s[i] != '\t')
            return 1;
    return 0;
}

static long char_column(const char *s, size_t b)
{
    long col = 1;
    for (size_t i = 0; i < b; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int tab_line(grid *g, const char *s, size_t n, long line)
{
    size_t i = 0;
    int indent = 0;
    while (indent < (int)n && s[indent] == ' ')
        indent++;
    int rc = grid_add_row(g, GRID_ROW_LINE, line, 0, 0, indent);
    for (int cell = 0; !rc && i <= n; cell++) {
        const char *tab = memchr(s + i, '\t', n - i);
        size_t end = tab ? (size_t)(tab - s) : n;
        rc = grid_add_cell(g, s + i, end - i, cell, cell + 1, line, char_column(s, i), 0);
        i = end + 1;
    }
    return rc;
}

/* ---- Space-aligned text ---------------------------------------------------- */

typedef struct word {
    size_t b0, b1;            /* bytes in the line */
    int c0, c1;               /* character columns, c1 exclusive */
} word;

#define MAX_WORDS 512

static size_t split_words(const char *s, size_t n, word *w, size_t max)
{
    size_t nw = 0;
    int col = 0;
    for (size_t i = 0; i < n && nw < max;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') {
            col = (col / 8 + 1) * 8;
            i++;
            continue;
        }
        if (is_space(c)) {
            col++;
            i++;
            continue;
        }
        /* U+00A0 reads as a space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            col++;
            i += 2;
            continue;
        }
        w[nw].b0 = i;
        w[nw].c0 = col;
        while (i < n && !is_space((unsigned char)s[i]) &&
               !((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            if (((unsigned char)s[i] & 0xC0) != 0x80)
                col++;
            i++;
        }
        w[nw].b1 = i;
        w[nw].c1 = col;
        nw++;
    }
    return nw;
}

/* "$", "US$", "€", "£", "¥" alone. */
static int currency_word(const char *s, const word *w)
{
    size_t n = w->b1 - w->b0;
    const char *t = s + w->b0;
    return (n == 1 && t[0] == '$') || (n == 3 && !memcmp(t, "US$", 3)) ||
           (n == 3 && !memcmp(t, "\xE2\x82\xAC", 3)) ||
           (n == 2 && (!memcmp(t, "\xC2\xA3", 2) || !memcmp(t, "\xC2\xA5", 2)));
}

/* A dot leader: "......", or a word that ends in one ("net....."); the
 * length of the word without its dots into *keep. */
static int leader_word(const char *s, const word *w, size_t *keep)
{
    size_t e = w->b1;
    while (e > w->b0 && s[e - 1] == '.')
        e--;
    if (w->b1 - e < 3)
        return 0;
    *keep = e - w->b0;
    return 1;
}

static int add_cell_of(grid *g, const char *s, const word *w, size_t a, size_t b, long line)
{
    /* words [a, b): from the first's start to the last's end, dot
     * leaders dropped */
    /* the cell's extent keeps its leader: the label column reaches there */
    size_t end = w[b - 1].b1, keep;
    int c1 = w[b - 1].c1;
    if (leader_word(s, &w[b - 1], &keep))
        end = w[b - 1].b0 + keep;
    if (end <= w[a].b0)
        return R2X_OK;
    return grid_add_cell(g, s + w[a].b0, end - w[a].b0, w[a].c0, c1, line, w[a].c0 + 1, 0);
}

int read_text_aligned_row(grid *g, const char *s, size_t n, long line, int table)
{
    word w[MAX_WORDS];
    size_t nw = split_words(s, n, w, MAX_WORDS);
    int rc = grid_add_row(g, GRID_ROW_LINE, line, 0, table, nw ? w[0].c0 : 0);
    size_t start = 0;
    for (size_t i = 0; !rc && i < nw; i++) {
        size_t keep;
        int ends = i + 1 == nw || w[i + 1].c0 - w[i].c1 >= 2 || leader_word(s, &w[i], &keep) ||
                   currency_word(s, &w[i]) || currency_word(s, &w[i + 1]);
        if (ends) {
            rc = add_cell_of(g, s, w, start, i + 1, line);
            start = i + 1;
        }
    }
    return rc;
}

static int rule_line(const char *s, size_t n)
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

enum edgar_tag { TAG_NONE, TAG_TABLE, TAG_END_TABLE, TAG_PAGE, TAG_OTHER };

/* EDGAR's SGML tags at the start of a line ("<TABLE>", "<S>  <C>"). */
static int edgar_tag(const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s))
        s++, n--;
    if (!n || *s != '<')
        return TAG_NONE;
    static const struct { const char *name; int tag; } tags[] = {
        {"<TABLE>", TAG_TABLE}, {"</TABLE>", TAG_END_TABLE}, {"<PAGE>", TAG_PAGE},
        {"<CAPTION>", TAG_OTHER}, {"</CAPTION>", TAG_OTHER}, {"<S>", TAG_OTHER},
        {"<C>", TAG_OTHER}, {"<FN>", TAG_OTHER}, {"</FN>", TAG_OTHER}};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t tl = strlen(tags[i].name);
        if (n >= tl && !strncasecmp(s, tags[i].name, tl))
            return tags[i].tag;
    }
    return TAG_NONE;
}

/* ---- The document ------------------------------------------------------------ */

int read_text_grid(const r2x_document *doc, grid **out, r2x_error *err)
{
    *out = NULL;
    size_t tab_lines = 0;
    for (size_t n = 1; n <= doc->nlines && !tab_lines; n++) {
        size_t len;
        const char *s = document_line(doc, n, &len);
        tab_lines += tab_separated(s, len);
    }
    int tabs = tab_lines > 0;
    grid *g = grid_new(tabs ? GRID_UNITS_COLUMNS : GRID_UNITS_CHARS, 1);
    if (!g)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    int rc = R2X_OK, table = 0, ntables = 0;
    size_t next_page = 0;
    for (size_t n = 1; !rc && n <= doc->nlines; n++) {
        size_t len;
        const char *s = document_line(doc, n, &len);
        long line = (long)n;
        while (next_page < doc->npage_lines && doc->page_lines[next_page] < n)
            next_page++;
        if (next_page < doc->npage_lines && doc->page_lines[next_page] == n)
            rc = grid_add_row(g, GRID_ROW_PAGE, line, 0, 0, 0);
        if (rc)
            break;
        int tag = tabs ? TAG_NONE : edgar_tag(s, len);
        if (tag == TAG_TABLE)
            table = ++ntables;
        if (tag != TAG_NONE) {
            rc = grid_add_row(g, tag == TAG_PAGE ? GRID_ROW_PAGE : GRID_ROW_RULE, line, 0,
                              table, 0);
            if (tag == TAG_END_TABLE)
                table = 0;
        } else if (text_is_blank(s, len)) {
            rc = grid_add_row(g, GRID_ROW_BLANK, line, 0, table, 0);
        } else if (rule_line(s, len)) {
            rc = grid_add_row(g, GRID_ROW_RULE, line, 0, table, 0);
        } else if (tabs) {
            rc = tab_line(g, s, len, line);
        } else {
            rc = read_text_aligned_row(g, s, len, line, table);
        }
        if (!rc)
            g->rows[g->nrows - 1].doc_line = line;
    }
    if (rc) {
        grid_free(g);
        return r2xi_fail(err, rc, doc->name, 0, "out of memory");
    }
    *out = g;
    return R2X_OK;
}
