/*
 * test_html.c - unit tests for the HTML reader: each fixture in
 * tests/fixtures/html becomes the lines the table stage reads, each with the
 * HTML line it comes from; the tables read from them have the right figures
 * (TAP output).  Expected lines were worked out by hand from the fixtures.
 */
#include "document.h"
#include "grid.h"
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define FIXTURES R2X_SRCDIR "/tests/fixtures/html/"

/* Expected grid rows as "SOURCE_LINE:KIND:[x0-x1 text]...", kinds P paragraph,
 * H heading, T table row, L line (preformatted text, in characters), B blank.
 * Worked out by hand from the fixtures: column indexes count colspans. */
static const char *const want_colspan[] = {
    "3:P:[0-1 ACME CORP]",
    "4:P:[0-1 CONSOLIDATED STATEMENTS OF OPERATIONS]",
    "5:P:[0-1 (In thousands)]",
    "6:B:",
    "7:T:[1-3 Three Months Ended][3-5 Year Ended]",
    "8:T:[1-2 December 31, 2009][2-3 December 31, 2008][3-4 December 31, 2009][4-5 December 31, 2008]",
    "9:T:[0-1 Net sales][1-2 $125,400][2-3 $118,200][3-4 $480,100][4-5 $455,300]",
    "10:T:[0-1 Net income][1-2 10,500][2-3 8,300][3-4 36,500][4-5 30,000]",
    "6:B:",
    "12:P:[0-1 Results are unaudited.]",
    NULL};

static const char *const want_css_indent[] = {
    "2:P:[0-1 BALANCE SHEETS]",
    "3:B:",
    "4:T:[1-2 2009][2-3 2008]",
    "5:T:[0-1 Current assets:]",
    "6:T:[0-1 Cash][1-2 10][2-3 9]",
    "7:T:[0-1 Receivables][1-2 20][2-3 19]",
    "8:T:[0-1 Inventories][1-2 30][2-3 29]",
    "9:T:[0-1 Total current assets][1-2 60][2-3 57]",
    "3:B:",
    NULL};

static const char *const want_dollar_paren[] = {
    "2:P:[0-1 STATEMENTS OF OPERATIONS]",
    "3:P:[0-1 (In thousands)]",
    "4:B:",
    "5:T:[1-7 Year Ended December 31,]",
    "6:T:[1-4 2009][4-7 2008]",
    "7:T:[0-1 Net sales][1-3 $1,234][4-6 $1,100]",
    "8:T:[0-1 Interest expense][2-3 (12)][5-6 (10)]",
    "9:T:[0-1 Net loss][1-3 $(45)][4-6 $7]",
    "4:B:",
    NULL};

static const char *const want_edgar_upper[] = {
    "3:P:[0-1 CONSOLIDATED STATEMENTS OF OPERATIONS]",
    "4:P:[0-1 (In millions)]",
    "5:B:",
    "8:T:[1-5 Years Ended December 31,]",
    "11:T:[1-3 2009][3-5 2008]",
    "14:T:[0-1 Net sales][1-3 $2,000][3-5 $1,500]",
    "20:T:[0-1 Net income][2-3 300][4-5 250]",
    "5:B:",
    NULL};

static const char *const want_footnote_sup[] = {
    "2:P:[0-1 Apple® today announced results.]",
    "3:P:[0-1 STATEMENTS OF INCOME]",
    "4:B:",
    "5:T:[1-2 2009][2-3 2008]",
    "6:T:[0-1 Revenue (1)][1-2 1,234][2-3 1,000]",
    "7:T:[0-1 Cost of sales (2)][1-2 600][2-3 500]",
    "8:T:[0-1 Other][1-2 7][2-3 (8)]",
    "9:T:[0-1 Net][1-2 $ 641][2-3 492]",
    "4:B:",
    NULL};

static const char *const want_nbsp_spacer[] = {
    "2:P:[0-1 BALANCE SHEETS]",
    "3:P:[0-1 (In millions)]",
    "4:B:",
    "5:T:[2-4 June 30, 2010][6-8 December 31, 2009]",
    "7:T:[0-1 Cash][2-4 $500][6-8 $450]",
    "8:T:[0-1 Inventories][3-4 —][7-8 30]",
    "9:T:[0-1 Total assets][2-4 $500][6-8 $480]",
    "4:B:",
    NULL};

static const char *const want_rowspan[] = {
    "2:P:[0-1 CONSOLIDATED STATEMENTS OF INCOME]",
    "3:B:",
    "4:T:[1-3 Three Months Ended]",
    "4:T:[0-1 (In millions)][1-2 December 31, 2009][2-3 December 31, 2008][3-4 Year Ended December 31, 2009]",
    "6:T:[0-1 Revenue][1-2 1,000][2-3 900][3-4 4,000]",
    "7:T:[0-1 Net income][1-2 100][2-3 90][3-4 400]",
    "3:B:",
    NULL};

static const char *const want_split_figures[] = {
    "2:P:[0-1 STATEMENTS OF INCOME]",
    "3:B:",
    "4:T:[1-2 2009][2-3 2008]",
    "5:T:[0-1 Net sales][1-2 1,234][2-3 987]",
    "6:T:[0-1 Other][1-2 (5,678)][2-3 45]",
    "3:B:",
    NULL};

static const char *const want_windows_1252[] = {
    "2:P:[0-1 Café “Results”]",
    "3:P:[0-1 STATEMENTS OF INCOME (In thousands)]",
    "4:B:",
    "5:T:[1-2 2009][2-3 2008]",
    "6:T:[0-1 Net sales – domestic][1-2 1,000][2-3 900]",
    "4:B:",
    NULL};

static const char *const want_workiva[] = {
    "4:P:[0-1 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)]",
    "4:P:[0-1 (In millions)]",
    "5:B:",
    "6:T:[3-11 Three Months Ended]",
    "7:T:[3-6 March 29, 2025][8-11 March 30, 2024]",
    "8:T:[0-3 Net sales:]",
    "9:T:[0-3 Products][3-5 $68,714][8-10 $66,886]",
    "10:T:[0-3 Services][3-5 26,645][8-10 23,867]",
    "11:T:[0-3 Total net sales][3-5 95,359][8-10 90,753]",
    "12:T:[0-3 Other income/(expense), net][3-5 (279)][8-10 158]",
    "5:B:",
    NULL};

static const char *const want_pre[] = {
    "2:P:[0-1 Results]",
    "4:L:[25-37 Three Months]",
    "5:L:[0-9 Net sales][21-22 $][23-28 1,234]",
    "6:B:",
    "7:L:[2-12 Net income][22-26 & 99]",
    NULL};

static r2x_document *read_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, FIXTURES "%s", name);
    r2x_document *doc = NULL;
    r2x_error err;
    /* workiva.html is an Inline XBRL excerpt: read as a release only when
     * the format is given (by default it is refused as XBRL already) */
    r2x_read_options html = {.size = sizeof(r2x_read_options), .format = R2X_INPUT_HTML};
    int rc = r2x_document_read_file(path, name, strstr(name, "workiva") ? &html : NULL, &doc,
                                    &err);
    ok(rc == R2X_OK && doc, "%s reads", name);
    if (rc)
        printf("#   %s:%ld: %s\n", err.file, err.line, err.message);
    return doc;
}

static const char row_kinds[] = "LTPHBRF";

/* The grid rows of fixture `name`, each as "LINE:KIND:[x0-x1 text]...". */
static void check_grid(const char *name, const char *const *want)
{
    r2x_document *doc = read_fixture(name);
    if (!doc)
        return;
    ok(doc->format == R2X_INPUT_HTML, "%s is read as HTML", name);
    const grid *g = doc->grid;
    size_t n = 0;
    while (want[n])
        n++;
    ok(g && g->nrows == n, "%s: %zu grid rows (got %zu)", name, n, g ? g->nrows : 0);
    for (size_t i = 0; g && i < n && i < g->nrows; i++) {
        const grid_row *r = &g->rows[i];
        char got[1024];
        int o = snprintf(got, sizeof got, "%ld:%c:", r->line, row_kinds[r->kind]);
        for (size_t k = 0; k < r->ncells && o > 0 && (size_t)o < sizeof got; k++) {
            const grid_cell *c = grid_row_cell(g, r, k);
            o += snprintf(got + o, sizeof got - (size_t)o, "[%g-%g %s]", c->x0, c->x1,
                          grid_cell_text(g, c));
        }
        is_str(got, want[i], "%s: grid row %zu", name, i + 1);
        ok(r->doc_line >= 1 && (size_t)r->doc_line <= doc->nlines &&
           document_source_line(doc, (size_t)r->doc_line) == (size_t)r->line,
           "%s: grid row %zu is document line %ld, of source line %ld", name, i + 1,
           r->doc_line, r->line);
    }
    r2x_document_free(doc);
}

/* The source line and column of the cell of grid row `row` (0-based) and
 * cell `cell`. */
static void check_place(const char *name, size_t row, size_t cell, long line, long column)
{
    r2x_document *doc = read_fixture(name);
    if (!doc)
        return;
    const grid *g = doc->grid;
    const grid_cell *c = g && row < g->nrows && cell < g->rows[row].ncells
                             ? grid_row_cell(g, &g->rows[row], cell) : NULL;
    ok(c && c->line == line && c->column == column, "%s: row %zu cell %zu at %ld:%ld (got "
       "%ld:%ld)", name, row + 1, cell + 1, line, column, c ? c->line : 0, c ? c->column : 0);
    r2x_document_free(doc);
}

/* The figures of row `label` in the first table, formatted "v1 v2 ...". */
static void check_row(const char *name, const char *label, const char *want)
{
    r2x_document *doc = read_fixture(name);
    if (!doc)
        return;
    r2x_tableset *set = NULL;
    r2x_error err;
    char got[512] = "(no such row)";
    if (r2x_tables_extract(doc, NULL, &set, NULL, &err) == R2X_OK && set->ntables) {
        const r2x_table *t = &set->tables[0];
        for (size_t r = 0; r < t->nrows; r++) {
            if (!t->rows[r].label || strcmp(t->rows[r].label, label))
                continue;
            size_t o = 0;
            got[0] = '\0';
            for (size_t v = 0; v < t->rows[r].nvalues && o < sizeof got - 80; v++) {
                char d[R2X_DECIMAL_STRLEN], u[40];
                r2x_decimal_format(t->rows[r].values[v].value, d);
                r2x_unit_format(&t->rows[r].values[v].unit, u);
                o += (size_t)snprintf(got + o, sizeof got - o, "%s%s%s%s", v ? " " : "", d,
                                      u[0] ? " " : "", u);
            }
            break;
        }
    }
    is_str(got, want, "%s: row '%s'", name, label);
    r2x_tableset_free(set);
    r2x_document_free(doc);
}

/* The period of column col of the first table as "start..end" or "end". */
static void check_period(const char *name, size_t col, const char *want)
{
    r2x_document *doc = read_fixture(name);
    if (!doc)
        return;
    r2x_tableset *set = NULL;
    r2x_error err;
    char got[64] = "(no such column)";
    if (r2x_tables_extract(doc, NULL, &set, NULL, &err) == R2X_OK && set->ntables &&
        col < set->tables[0].ncolumns) {
        const r2x_period *p = &set->tables[0].columns[col].period;
        char a[11], b[11];
        r2x_date_format(p->start, a);
        r2x_date_format(p->end, b);
        if (p->kind == R2X_PERIOD_DURATION)
            snprintf(got, sizeof got, "%s..%s", a, b);
        else
            snprintf(got, sizeof got, "%s", b);
    }
    is_str(got, want, "%s: period of column %zu", name, col + 1);
    r2x_tableset_free(set);
    r2x_document_free(doc);
}

static void test_sniff(void)
{
    static const struct { const char *text; int html; } cases[] = {
        {"<!DOCTYPE html><p>x</p>", 1},
        {"\xEF\xBB\xBF  <HTML><BODY>x", 1},
        {"<?xml version='1.0'?>\n<!--c-->\n<html xmlns=\"x\">", 1},
        {"<?xml version='1.0'?>\n<xbrl>", 0},
        {"Results\n<TABLE>\n<TR><TD>Net sales</TD><TD>1</TD></TR>", 1},
        {"Results\n<table><tr>\n", 1},
        {"<DOCUMENT>\n<TEXT>\n<TABLE>\n<S>         <C>\nNet sales  1,234\n</TABLE>\n", 0},
        {"<PAGE>\nNet sales\t1,234\n", 0},
        {"Net sales\t1,234 <trade>\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(html_sniff(cases[i].text, strlen(cases[i].text)) == cases[i].html,
           "sniff case %zu is %s", i + 1, cases[i].html ? "HTML" : "text");
}

static void test_forced_format(void)
{
    static const char text[] = "<p>Title</p>\n<table><tr><td>Sales</td><td>1</td></tr></table>\n";
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.format = R2X_INPUT_TEXT;
    r2x_document *doc = NULL;
    r2x_error err;
    ok(r2x_document_read_memory("t", text, sizeof text - 1, &o, &doc, &err) == R2X_OK &&
       doc->format == R2X_INPUT_TEXT && doc->nlines == 2, "--input-format text reads tags as text");
    r2x_document_free(doc);
    doc = NULL;
    static const char plain[] = "Title\n\nSales <b>1</b>\n";
    o.format = R2X_INPUT_HTML;
    ok(r2x_document_read_memory("h", plain, sizeof plain - 1, &o, &doc, &err) == R2X_OK &&
       doc->format == R2X_INPUT_HTML && doc->nlines == 1 &&
       !strcmp(document_line(doc, 1, NULL), "Title Sales 1\n"),
       "--input-format html reads text as HTML (one paragraph)");
    r2x_document_free(doc);
    doc = NULL;
    static const char empty[] = "<html><body><p>&nbsp;</p></body></html>";
    ok(r2x_document_read_memory("e", empty, sizeof empty - 1, NULL, &doc, &err) == R2X_EINPUT &&
       !doc && strstr(err.message, "no text"), "HTML with no text is an input error");
    /* the encoding is decided from the bytes: valid UTF-8 is UTF-8 whatever
     * the declaration, other bytes are Windows-1252 unless another charset is
     * declared; --encoding windows-1252 forces it */
    static const char utf8_declared_latin[] =
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf\xC3\xA9</p></body></html>";
    ok(r2x_document_read_memory("u", utf8_declared_latin, sizeof utf8_declared_latin - 1, NULL,
                                &doc, &err) == R2X_OK &&
       !strcmp(document_line(doc, 1, NULL), "caf\xC3\xA9\n"), "valid UTF-8 is read as UTF-8");
    r2x_document_free(doc);
    doc = NULL;
    static const char latin_declared_utf8[] =
        "<html><head><meta charset=\"utf-8\"></head><body><p>caf\xE9 \x80</p></body></html>";
    ok(r2x_document_read_memory("l", latin_declared_utf8, sizeof latin_declared_utf8 - 1, NULL,
                                &doc, &err) == R2X_OK &&
       !strcmp(document_line(doc, 1, NULL), "caf\xC3\xA9 \xE2\x82\xAC\n"),
       "bytes that are not UTF-8 are Windows-1252");
    r2x_document_free(doc);
    doc = NULL;
    r2x_read_options_init(&o);
    o.windows_1252 = 1;
    ok(r2x_document_read_memory("f", utf8_declared_latin, sizeof utf8_declared_latin - 1, &o,
                                &doc, &err) == R2X_OK &&
       !strcmp(document_line(doc, 1, NULL), "caf\xC3\x83\xC2\xA9\n"),
       "--encoding windows-1252 forces Windows-1252");
    r2x_document_free(doc);
    doc = NULL;
    static const char c1[] = "<html><p>&#147;Q&#146;s&#148;&#8203;</p>";
    ok(r2x_document_read_memory("c", c1, sizeof c1 - 1, NULL, &doc, &err) == R2X_OK &&
       !strcmp(document_line(doc, 1, NULL), "\xE2\x80\x9CQ\xE2\x80\x99s\xE2\x80\x9D\n"),
       "&#147; and the like are the Windows-1252 quotes; zero-width spaces go");
    r2x_document_free(doc);
    doc = NULL;
    /* an identity map for text */
    static const char t2[] = "a\nb\n";
    ok(r2x_document_read_memory("t2", t2, sizeof t2 - 1, NULL, &doc, &err) == R2X_OK &&
       document_source_line(doc, 2) == 2 && document_source_line(doc, 0) == 0,
       "text lines are their own source lines");
    r2x_document_free(doc);
}

static void test_limits(void)
{
    /* a paragraph longer than the line cap is refused, naming its line */
    r2x_buf b;
    buf_init(&b, R2X_BUF_NOCAP);
    int rc = buf_adds(&b, "<html><body>\n<p>");
    for (int i = 0; i < 300 && !rc; i++)
        rc = buf_adds(&b, "word ");
    if (!rc)
        rc = buf_adds(&b, "</p></body></html>");
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.max_line_bytes = 1000;
    r2x_document *doc = NULL;
    r2x_error err;
    ok(!rc && r2x_document_read_memory("long", b.data, b.len, &o, &doc, &err) == R2X_ETOOBIG &&
       err.line == 2, "a paragraph past the line cap is R2X_ETOOBIG at its line");
    buf_release(&b);
    /* deep nesting and huge spans do not crash */
    buf_init(&b, R2X_BUF_NOCAP);
    rc = buf_adds(&b, "<table><tr><td colspan=\"99999\" rowspan=\"99999\">x</td><td>1</td></tr>");
    for (int i = 0; i < 5000 && !rc; i++)
        rc = buf_adds(&b, "<div><span>");
    if (!rc)
        rc = buf_adds(&b, "deep</table>");
    ok(!rc && r2x_document_read_memory("deep", b.data, b.len, NULL, &doc, &err) == R2X_OK,
       "deep nesting and huge spans are read");
    r2x_document_free(doc);
    buf_release(&b);
}

/* Input in other encodings is converted to UTF-8 before it is parsed. */
static void check_encoded(const char *name, const char *bytes, size_t len, const char *want)
{
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_read_options o;
    r2x_read_options_init(&o);
    o.format = R2X_INPUT_HTML;
    int rc = r2x_document_read_memory(name, bytes, len, &o, &doc, &err);
    char got[256];
    size_t n = 0;
    const char *line = rc == R2X_OK && doc->nlines ? document_line(doc, 1, &n) : NULL;
    snprintf(got, sizeof got, "%.*s\n", line ? (int)n : -1, line ? line : err.message);
    is_str(got, want, "%s: the first line", name);
    r2x_document_free(doc);
}

static void test_encodings(void)
{
    /* "<p>Caf\u00e9 \u65e5</p>" in UTF-16 with its byte order marks */
    static const char le[] = "\xFF\xFE<\0p\0>\0C\0a\0f\0\xE9\0 \0\xE5\x65<\0/\0p\0>\0";
    static const char be[] = "\xFE\xFF\0<\0p\0>\0C\0a\0f\0\xE9\0 \x65\xE5\0<\0/\0p\0>";
    check_encoded("utf16le", le, sizeof le - 1, "Caf\xC3\xA9 \xE6\x97\xA5\n");
    check_encoded("utf16be", be, sizeof be - 1, "Caf\xC3\xA9 \xE6\x97\xA5\n");
    /* Shift_JIS, declared: 0x93FA 0x967B is "\u65e5\u672c" */
    static const char sjis[] = "<html><head><meta charset=\"Shift_JIS\"></head>"
                               "<body><p>\x93\xFA\x96\x7B 1</p></body></html>";
    check_encoded("sjis", sjis, sizeof sjis - 1, "\xE6\x97\xA5\xE6\x9C\xAC 1\n");
    static const char astral[] = "<p>&#128512; &#x1F600;</p>";
    check_encoded("astral", astral, sizeof astral - 1, "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80\n");
    /* a UTF-8 byte order mark decides: a stray byte is U+FFFD, not a reason
     * to read the whole page as Windows-1252 */
    static const char bom_stray[] = "\xEF\xBB\xBF<p>caf\xC3\xA9 \xA0x</p>";
    check_encoded("bom-stray", bom_stray, sizeof bom_stray - 1,
                  "caf\xC3\xA9 \xEF\xBF\xBDx\n");
    /* lengths that are no numbers indent nothing (and meet no cast) */
    static const char nan_margin[] = "<table><tr><td style=\"margin-left: nan; "
                                     "padding-left: -inf\">Cash</td><td>1</td></tr></table>";
    check_encoded("nan-margin", nan_margin, sizeof nan_margin - 1, "Cash\t1\n");
    static const char bom8[] = "\xEF\xBB\xBF<p>na\xC3\xAFve</p>";
    check_encoded("utf8bom", bom8, sizeof bom8 - 1, "na\xC3\xAFve\n");
}

int main(void)
{
    test_sniff();
    test_encodings();
    test_forced_format();
    test_limits();
    check_grid("colspan.html", want_colspan);
    check_grid("rowspan.html", want_rowspan);
    check_grid("dollar-paren.html", want_dollar_paren);
    check_grid("nbsp-spacer.html", want_nbsp_spacer);
    check_grid("split-figures.html", want_split_figures);
    check_grid("footnote-sup.html", want_footnote_sup);
    check_grid("css-indent.html", want_css_indent);
    check_grid("edgar-upper.html", want_edgar_upper);
    check_grid("workiva.html", want_workiva);
    check_grid("windows-1252.html", want_windows_1252);
    check_grid("pre.html", want_pre);
    check_place("colspan.html", 6, 0, 9, 5);     /* "<td>Net sales" */
    check_place("colspan.html", 6, 1, 9, 23);    /* "<td>$125,400" */
    check_place("dollar-paren.html", 5, 1, 7, 23);  /* the "$" cell starts the figure */

    check_period("colspan.html", 1, "2008-10-01..2008-12-31");
    check_period("colspan.html", 2, "2009-01-01..2009-12-31");
    check_period("rowspan.html", 2, "2009-01-01..2009-12-31");
    check_period("nbsp-spacer.html", 0, "2010-06-30");
    /* 13 weeks to a Saturday that ends no month: Apple's own 10-Q for the
     * quarter (../shared/filings/apple-2025q2) starts it on 2024-12-29 */
    check_period("workiva.html", 0, "2024-12-29..2025-03-29");
    check_row("colspan.html", "Net income", "10500000 USD 8300000 USD 36500000 USD 30000000 USD");
    check_row("dollar-paren.html", "Net loss", "-45000 USD 7000 USD");
    check_row("dollar-paren.html", "Interest expense", "-12000 USD -10000 USD");
    check_row("nbsp-spacer.html", "Inventories", "0 USD 30000000 USD");
    check_row("split-figures.html", "Other", "-5678 45");
    check_row("footnote-sup.html", "Other", "7 USD -8 USD");   /* "$ 641" names the currency */
    check_row("footnote-sup.html", "Net", "641 USD 492 USD");
    check_row("workiva.html", "Other income/(expense), net", "-279000000 USD 158000000 USD");
    check_row("workiva.html", "Services", "26645000000 USD 23867000000 USD");
    check_row("edgar-upper.html", "Net sales", "2000000000 USD 1500000000 USD");
    return tap_done();
}
