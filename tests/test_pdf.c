/*
 * test_pdf.c - the PDF reader (src/lib/convert/read_pdf.c): the fixtures of
 * tests/fixtures/pdf (written by make.py there, whose comments give every
 * glyph's place) become the grid and the text expected, worked out by hand
 * from the fixtures' coordinates; the limits and the refusals; and, where
 * ../shared is present, the real releases printed to PDF.  TAP output.
 * Skipped (1..0 # SKIP) when built without poppler-glib.
 *
 *   tests/test_pdf --dump FILE.pdf    prints FILE's grid, a row a line
 */
#include "document.h"
#include "grid.h"
#include "read_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"

#define FIXTURES R2X_SRCDIR "/tests/fixtures/pdf/"
#define SHARED R2X_SRCDIR "/../shared/corpus/pairs/"

static const char *kind_name(int kind)
{
    static const char *names[] = {"line", "table", "paragraph", "heading", "blank", "rule",
                                  "page"};
    return kind >= 0 && kind <= GRID_ROW_PAGE ? names[kind] : "?";
}

static void dump(const r2x_document *doc)
{
    const grid *g = doc->grid;
    printf("# em %.2f points, %zu rows, %zu cells\n", g->em, g->nrows, g->ncells);
    for (size_t k = 0; k < g->nrows; k++) {
        const grid_row *row = &g->rows[k];
        printf("%ld p%d %-5s y=%6.1f", row->line, row->page, kind_name(row->kind), row->y);
        for (size_t i = 0; i < row->ncells; i++) {
            const grid_cell *c = grid_row_cell(g, row, i);
            printf(" | %.1f..%.1f%s:%ld '%s'", c->x0, c->x1,
                   c->flags & GRID_CELL_BOLD ? " bold" : "", c->column, grid_cell_text(g, c));
        }
        printf("\n");
    }
}

static r2x_document *read_pdf_file(const char *path, const r2x_read_options *opts,
                                   r2x_error *err)
{
    r2x_document *doc = NULL;
    r2x_error_clear(err);
    if (r2x_document_read_file(path, NULL, opts, &doc, err))
        return NULL;
    return doc;
}

/* The first row on page (0: any) whose first cell's text is label, or NULL. */
static const grid_row *row_on_page(const grid *g, int page, const char *label)
{
    for (size_t k = 0; k < g->nrows; k++)
        if (g->rows[k].ncells && (!page || g->rows[k].page == page) &&
            !strcmp(grid_cell_text(g, grid_row_cell(g, &g->rows[k], 0)), label))
            return &g->rows[k];
    return NULL;
}

static const grid_row *row_starting(const grid *g, const char *label)
{
    return row_on_page(g, 0, label);
}

/* The row's cells joined with " | ". */
static const char *row_cells(const grid *g, const grid_row *row)
{
    static char out[2048];
    out[0] = '\0';
    for (size_t i = 0; row && i < row->ncells; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s", i ? " | " : "",
                 grid_cell_text(g, grid_row_cell(g, row, i)));
    }
    return out;
}

static int near(double got, double want, double tolerance)
{
    return fabs(got - want) <= tolerance;
}

/* Widths in points of Helvetica 9 (the fixture's AFM widths, 1/1000 em). */
static double helvetica9(const char *s)
{
    double w = 0;
    for (; *s; s++)
        w += (*s >= '0' && *s <= '9') || *s == '$' ? 556 : *s == ',' || *s == '.' ? 278
             : *s == '(' || *s == ')' ? 333 : *s == '%' ? 889 : 0;
    return w * 9 / 1000;
}

static void test_statement(void)
{
    r2x_error err;
    r2x_document *doc = read_pdf_file(FIXTURES "statement.pdf", NULL, &err);
    ok(doc != NULL, "statement.pdf reads (%s)", err.message);
    if (!doc)
        return;
    const grid *g = doc->grid;
    ok(doc->format == R2X_INPUT_PDF && g && g->units == GRID_UNITS_POINTS,
       "a PDF document, its grid in points");
    /* the body is Helvetica 9: most glyphs; their average width is
     * between those of 'i' (2.0) and the digits (5.0) */
    ok(g->em > 3.5 && g->em < 5.2, "em is the body's average glyph width (%.2f)", g->em);
    ok(doc->nlines == g->nrows, "one text line a row (%zu lines, %zu rows)", doc->nlines,
       g->nrows);

    /* the title: bold, its own row, at x 72, baseline 792 - 720 = 72 */
    const grid_row *title = row_starting(g, "Example Corp. Reports Results");
    ok(title && title->ncells == 1, "the title is one cell");
    if (title) {
        const grid_cell *c = grid_row_cell(g, title, 0);
        ok(c->flags & GRID_CELL_BOLD, "the title is bold (Helvetica-Bold)");
        ok(near(c->x0, 72, 0.5), "the title starts at x 72 (%.2f)", c->x0);
        ok(near(title->y, 72, 1.5), "the title's baseline is y 72 from the top (%.2f)", title->y);
        ok(title->line == 1 && title->doc_line == 1 && c->line == 1 && c->column == 1 + lround(72 / g->em),
           "the title is line 1, column round(72 / em) + 1 (%ld:%ld)", c->line, c->column);
        ok(title->page == 1 && title->kind == GRID_ROW_LINE, "on page 1, a line");
    }
    const grid_row *prose = row_starting(g, "Revenue grew 12 percent on higher volumes.");
    ok(prose && prose->ncells == 1, "a line of prose is one cell");
    ok(prose && !(grid_row_cell(g, prose, 0)->flags & GRID_CELL_BOLD), "... not bold");

    /* the heading over both columns (centred on x 440) is one cell */
    const grid_row *heading = row_starting(g, "Three months ended");
    ok(heading && heading->ncells == 1, "the heading spanning two columns is one cell");
    if (heading) {
        const grid_cell *c = grid_row_cell(g, heading, 0);
        ok(c->x0 < 400 && c->x1 > 480 - 40 && near((c->x0 + c->x1) / 2, 440, 0.5),
           "... centred on x 440 (%.2f..%.2f)", c->x0, c->x1);
    }
    const grid_row *years = row_starting(g, "2024");
    is_str(row_cells(g, years), "2024 | 2023", "the years are two cells");
    if (years && years->ncells == 2) {
        ok(near(grid_row_cell(g, years, 0)->x1, 400, 0.3) &&
           near(grid_row_cell(g, years, 1)->x1, 480, 0.3), "the years end at x 400 and 480");
        ok(near(grid_row_cell(g, years, 0)->x0, 400 - 4 * 5.004, 0.3),
           "'2024' starts at 400 minus four digits (%.2f)", grid_row_cell(g, years, 0)->x0);
    }

    /* "$" apart from its figure: a cell of its own */
    const grid_row *revenue = row_starting(g, "Revenue");
    is_str(row_cells(g, revenue), "Revenue | $ | 1,234 | $ | 1,100",
           "the revenue row: label, '$' apart, figure, '$', figure");
    if (revenue && revenue->ncells == 5) {
        const grid_cell *dollar = grid_row_cell(g, revenue, 1);
        const grid_cell *figure = grid_row_cell(g, revenue, 2);
        ok(near(dollar->x0, 352, 0.3) && near(dollar->x1, 352 + helvetica9("$"), 0.3),
           "'$' at 352..357.0 (%.2f..%.2f)", dollar->x0, dollar->x1);
        ok(near(figure->x1, 400, 0.3) && near(figure->x0, 400 - helvetica9("1,234"), 0.3),
           "'1,234' right-aligned at 400 (%.2f..%.2f)", figure->x0, figure->x1);
        ok(near(revenue->y, 792 - 606, 1.5), "the revenue row's baseline is y 186 (%.2f)",
           revenue->y);
        ok(near(revenue->indent, 72, 0.5), "its indent is its label's x0");
    }
    const grid_row *cost = row_starting(g, "Cost of revenue");
    is_str(row_cells(g, cost), "Cost of revenue | (456) | (400)",
           "parentheses stay with their figure");
    if (cost && cost->ncells == 3)
        ok(near(grid_row_cell(g, cost, 1)->x0, 400 - helvetica9("(456)"), 0.3) &&
           near(grid_row_cell(g, cost, 1)->x1, 400, 0.3), "'(456)' ends at 400");
    is_str(row_cells(g, row_starting(g, "Net income")), "Net income | $ | 778 | $ | 700",
           "the net income row");

    /* a lone "%" four points right of its figure is a cell of its own */
    const grid_row *margin = row_starting(g, "Gross margin");
    is_str(row_cells(g, margin), "Gross margin | 63.0 | % | 63.6 | %", "'%%' is a cell of its own");

    /* rows in order, with blank rows where the gap is wider than 1.6 lines */
    static const int want_kinds[] = {
        GRID_ROW_LINE,  /* title (14 points, baseline 72) */
        GRID_ROW_LINE,  /* prose (9 points, 92): 20 below, under 1.6 x 1.2 x 11.5 */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* statement title (132): 40 below */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* heading (156): 24 below, over 1.6 x 1.2 x 9.5 */
        GRID_ROW_LINE,  /* years (168): 12 below */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* revenue (186): 18 below, over 1.6 x 1.2 x 9 */
        GRID_ROW_LINE, GRID_ROW_LINE,    /* cost, net income: 12 apart */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* margin (234): 24 below */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* page number 1 (752) */
        GRID_ROW_PAGE,
        GRID_ROW_LINE,  /* Balance Sheet (Times 10, 72) */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* years (92): 20 below, over 1.6 x 1.2 x 10 */
        GRID_ROW_LINE, GRID_ROW_LINE,    /* Cash, Total assets: 14 apart */
        GRID_ROW_BLANK, GRID_ROW_LINE,   /* page number 2 */
    };
    size_t nwant = sizeof want_kinds / sizeof *want_kinds;
    int kinds_ok = g->nrows == nwant;
    for (size_t k = 0; kinds_ok && k < nwant; k++)
        kinds_ok = g->rows[k].kind == want_kinds[k] && g->rows[k].line == (long)k + 1;
    ok(kinds_ok, "rows: lines, blank rows and a page row in order (%zu rows)", g->nrows);
    if (!kinds_ok)
        dump(doc);
    if (g->nrows == nwant) {
        ok(g->rows[15].page == 2 && g->rows[14].page == 1 && g->rows[16].page == 2,
           "the page row starts page 2");
        size_t len = 0;
        const char *ff = document_line(doc, 16, &len);
        ok(ff && len == 1 && ff[0] == '\f', "the page break is a line of a form feed");
        ok(document_line(doc, 3, &len) && len == 0, "a blank row is an empty line");
    }

    /* page 2: Times-Roman, indented total, compressed content */
    const grid_row *total = row_starting(g, "Total assets");
    is_str(row_cells(g, total), "Total assets | 9,876 | 8,765", "page 2's indented row");
    ok(total && total->page == 2 && near(total->indent, 90, 0.5),
       "... on page 2, indented to x 90");
    const grid_row *cash = row_starting(g, "Cash");
    ok(cash && total && total->indent > cash->indent, "the total is indented deeper than Cash");

    /* the text: cells at round(x0 / em), two spaces apart at least */
    if (revenue && revenue->ncells == 5) {
        size_t len = 0;
        const char *line = document_line(doc, (size_t)revenue->line, &len);
        int placed = line != NULL;
        for (size_t i = 0; placed && i < revenue->ncells; i++) {
            const grid_cell *c = grid_row_cell(g, revenue, i);
            long want = lround(c->x0 / g->em) + 1;
            /* pushed right only when the cell before runs into it */
            placed = c->line == revenue->line && c->column >= want &&
                     (size_t)c->column - 1 + c->len <= len &&
                     !memcmp(line + c->column - 1, grid_cell_text(g, c), c->len) &&
                     (i == 0 || line[c->column - 2] == ' ');
        }
        ok(placed, "each cell of the revenue row stands in its text line at its column");
        const grid_cell *label = grid_row_cell(g, revenue, 0);
        ok(label->column == lround(72 / g->em) + 1, "the label at column round(72 / em) + 1");
    }
    size_t len = 0;
    const char *first = document_line(doc, 1, &len);
    ok(first && len > 29 && !memcmp(first + len - 29, "Example Corp. Reports Results", 29),
       "line 1 of the text is the title");
    r2x_document_free(doc);
}

/* A PDF of npages pages of nlines lines each, in memory; with shared, every
 * page draws the same content stream (so the text grows with the pages, not
 * the file). */
static char *big_pdf(int npages, int nlines, int shared, size_t *len)
{
    int ncontents = shared ? 1 : npages;
    size_t cap = (size_t)ncontents * ((size_t)nlines * 60 + 100) + (size_t)npages * 200 + 4096;
    int nobj = 4 + npages + ncontents;        /* 0, catalog, pages, font, ... */
    char *out = malloc(cap);
    size_t *offsets = malloc(sizeof *offsets * (size_t)nobj);
    if (!out || !offsets) {
        free(out);
        free(offsets);
        return NULL;
    }
    size_t n = 0;
    n += (size_t)sprintf(out + n, "%%PDF-1.4\n");
    offsets[1] = n;
    n += (size_t)sprintf(out + n, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    offsets[2] = n;
    n += (size_t)sprintf(out + n, "2 0 obj << /Type /Pages /Count %d /Kids [", npages);
    for (int p = 0; p < npages; p++)
        n += (size_t)sprintf(out + n, "%d 0 R ", 4 + p);
    n += (size_t)sprintf(out + n, "] >> endobj\n");
    offsets[3] = n;
    n += (size_t)sprintf(out + n, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
    int first_content = 4 + npages;
    for (int p = 0; p < npages; p++) {
        offsets[4 + p] = n;
        n += (size_t)sprintf(out + n, "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                             "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >> endobj\n",
                             4 + p, first_content + (shared ? 0 : p));
    }
    for (int c = 0; c < ncontents; c++) {
        offsets[first_content + c] = n;
        size_t head = n;
        n += (size_t)sprintf(out + n, "%d 0 obj << /Length 0000000000 >> stream\n", first_content + c);
        size_t body = n;
        for (int l = 0; l < nlines; l++)
            n += (size_t)sprintf(out + n, "BT /F1 9 Tf 72 %d Td (Line %d of content %d) Tj ET\n",
                                 760 - 10 * l, l + 1, c + 1);
        char digits[16];
        snprintf(digits, sizeof digits, "%010zu", n - body);
        memcpy(strstr(out + head, "0000000000"), digits, 10);
        n += (size_t)sprintf(out + n, "endstream endobj\n");
    }
    size_t xref = n;
    n += (size_t)sprintf(out + n, "xref\n0 %d\n0000000000 65535 f \n", nobj);
    for (int i = 1; i < nobj; i++)
        n += (size_t)sprintf(out + n, "%010zu 00000 n \n", offsets[i]);
    n += (size_t)sprintf(out + n, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                         nobj, xref);
    free(offsets);
    *len = n;
    return out;
}

/* What real PDFs do to text (odd.pdf): a raised marker joins its line, an
 * overprinted row is read once, a word set on end gets a row of its own
 * after the page's lines, a word off the page is not read. */
/* A "%" set apart from its figure makes it a percentage, as "63.0%" would:
 * 0.63, not 63.0 of the table's currency. */
static void test_statement_percent(void)
{
    r2x_error err;
    r2x_document *doc = read_pdf_file(FIXTURES "statement.pdf", NULL, &err);
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    size_t nerrors = 0;
    int rc = doc ? r2x_profile_new_default(&profile, &err) : R2X_EINPUT;
    if (rc == R2X_OK) {
        r2x_extract_options o;
        r2x_extract_options_init(&o);
        o.profile = profile;
        rc = r2x_tables_extract(doc, &o, &set, &nerrors, &err);
    }
    ok(rc == R2X_OK && set && set->ntables >= 1, "statement.pdf: tables (%s)",
       rc ? err.message : "");
    const r2x_row *margin = NULL;
    for (size_t i = 0; set && i < set->ntables && !margin; i++)
        for (size_t r = 0; r < set->tables[i].nrows && !margin; r++)
            if (set->tables[i].rows[r].label &&
                !strcmp(set->tables[i].rows[r].label, "Gross margin"))
                margin = &set->tables[i].rows[r];
    ok(margin && margin->nvalues == 2, "statement.pdf: the gross margin has two figures");
    for (size_t k = 0; margin && k < margin->nvalues && k < 2; k++) {
        const r2x_value *v = &margin->values[k];
        char d[R2X_DECIMAL_STRLEN];
        r2x_decimal_format(v->value, d);
        is_str(d, k ? "0.636" : "0.63", "statement.pdf: gross margin %zu is the ratio", k + 1);
        ok(v->unit.kind == R2X_UNIT_PURE && v->decimals == 3,
           "statement.pdf: ... in pure, 3 decimals (unit kind %d, decimals %d)", v->unit.kind,
           v->decimals);
    }
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
}

static void test_odd(void)
{
    r2x_error err;
    r2x_document *doc = read_pdf_file(FIXTURES "odd.pdf", NULL, &err);
    ok(doc != NULL, "odd.pdf reads (%s)", err.message);
    if (!doc)
        return;
    const grid *g = doc->grid;
    const grid_row *sales = row_starting(g, "Net sales (1)");
    is_str(row_cells(g, sales), "Net sales (1) | 1,234",
           "a raised footnote marker (5.5 points, 3.5 up) joins its line and word space");
    ok(sales && near(sales->y, 792 - 700, 1), "... the line's baseline is its body's (%.2f)",
       sales ? sales->y : 0);
    is_str(row_cells(g, row_starting(g, "Total")), "Total | 9,999",
           "a row printed twice half a point apart is read once");
    is_str(row_cells(g, row_starting(g, "Gross")), "Gross | 5,555",
           "... and 1.2 points apart (poppler keeps both: drop_overprinted)");
    const grid_row *turned = row_starting(g, "ROTATED");
    ok(turned && turned->ncells == 1 && turned == &g->rows[g->nrows - 1] &&
       turned[-1].kind == GRID_ROW_BLANK, "a word set on end is a row of its own, last");
    int alone = 1;
    for (size_t k = 0; k + 1 < g->nrows; k++)
        alone &= g->rows[k].ncells < 2 || g->rows[k].kind != GRID_ROW_LINE ||
                 grid_row_cell(g, &g->rows[k], g->rows[k].ncells - 1)->x0 < 500;
    ok(alone, "... and joins no other line");
    int far = 0;
    for (size_t i = 0; i < g->ncells; i++)
        far |= strstr(grid_cell_text(g, &g->cells[i]), "Far") != NULL;
    ok(!far, "a word at x 100000, off the page, is not read");
    ok(row_starting(g, "tiny") != NULL, "a word in a half-point font is read");
    r2x_document_free(doc);
}

static void test_refusals(void)
{
    r2x_error err;
    r2x_read_options opts;
    r2x_read_options_init(&opts);

    r2x_document *doc = read_pdf_file(FIXTURES "notext.pdf", NULL, &err);
    ok(!doc && err.code == R2X_EINPUT && strstr(err.message, "the PDF has no text (1 page") &&
       strstr(err.message, "OCR"), "a page with a rectangle and no text is refused: %s",
       err.message);
    r2x_document_free(doc);

    doc = read_pdf_file(FIXTURES "truncated.pdf", NULL, &err);
    ok(!doc && err.code == R2X_EINPUT && strstr(err.message, "the PDF is truncated"),
       "a truncated PDF is refused: %s", err.message);
    r2x_document_free(doc);

    doc = read_pdf_file(FIXTURES "damaged.pdf", NULL, &err);
    ok(!doc && err.code == R2X_EINPUT && !strcmp(err.message, "cannot read the PDF: PDF document is damaged"),
       "a damaged PDF is refused with poppler's message: %s", err.message);
    r2x_document_free(doc);

    doc = read_pdf_file(FIXTURES "encrypted.pdf", NULL, &err);
    ok(!doc && err.code == R2X_EINPUT && strstr(err.message, "encrypted and needs a password") &&
       strstr(err.message, "Document is encrypted"), "an encrypted PDF is refused: %s",
       err.message);
    r2x_document_free(doc);

    opts.max_pdf_pages = 1;
    doc = read_pdf_file(FIXTURES "statement.pdf", &opts, &err);
    ok(!doc && err.code == R2X_ETOOBIG &&
       !strcmp(err.message, "the PDF has 2 pages, more than the limit of 1 (raise it with --max-pages)"),
       "two pages over a limit of one: %s", err.message);
    r2x_document_free(doc);
    opts.max_pdf_pages = 2;
    doc = read_pdf_file(FIXTURES "statement.pdf", &opts, &err);
    ok(doc != NULL, "two pages within a limit of two");
    r2x_document_free(doc);

    /* 50 pages drawing one stream of 60 lines: 150 KB of text from 25 KB */
    opts.max_pdf_pages = 0;
    size_t len = 0;
    char *pdf = big_pdf(50, 60, 1, &len);
    doc = NULL;
    if (pdf && r2x_document_read_memory("shared.pdf", pdf, len, &opts, &doc, &err) == R2X_OK) {
        size_t text_len = 0;
        r2x_document_text(doc, &text_len);
        ok(text_len > 4 * len, "a PDF of %zu bytes has %zu bytes of text", len, text_len);
        r2x_document_free(doc);
        doc = NULL;
        opts.max_input_bytes = 2 * len;
        int rc = r2x_document_read_memory("shared.pdf", pdf, len, &opts, &doc, &err);
        char want[128];
        snprintf(want, sizeof want, "the PDF's text is larger than %zu bytes; not a release "
                 "(raise the limit with --max-input)", 2 * len);
        ok(rc == R2X_ETOOBIG && !doc && !strcmp(err.message, want),
           "its text is held to the input limit: %s", err.message);
        r2x_document_free(doc);
    } else {
        ok(0, "the PDF of one stream on 50 pages reads: %s", err.message);
    }
    free(pdf);
    opts.max_input_bytes = 0;
    /* line 6, "Three months ended" at x 398.5 (column 85), is the first
     * longer than 60 bytes */
    opts.max_line_bytes = 60;
    doc = read_pdf_file(FIXTURES "statement.pdf", &opts, &err);
    ok(!doc && err.code == R2X_ETOOBIG && err.line == 6 &&
       strstr(err.message, "line is longer than 60 bytes (page 1)"),
       "a line over the line limit names its line: %ld: %s", err.line, err.message);
    r2x_document_free(doc);
    opts.max_line_bytes = 0;

    /* forced formats */
    opts.format = R2X_INPUT_TEXT;
    doc = read_pdf_file(FIXTURES "statement.pdf", &opts, &err);
    ok(!doc && err.code == R2X_EINPUT && strstr(err.message, "this is a PDF but was read as text"),
       "a PDF read as text is refused: %s", err.message);
    r2x_document_free(doc);
    opts.format = R2X_INPUT_PDF;
    doc = read_pdf_file(FIXTURES "make.py", &opts, &err);
    ok(!doc && err.code == R2X_EINPUT && strstr(err.message, "not a PDF: no '%PDF-' header"),
       "text read as a PDF is refused: %s", err.message);
    r2x_document_free(doc);
}

static void test_limits(void)
{
    size_t len;
    char *pdf = big_pdf(200, 70, 0, &len);
    ok(pdf != NULL, "a PDF of 200 pages of 70 lines (%zu bytes)", len);
    if (!pdf)
        return;
    r2x_read_options opts;
    r2x_read_options_init(&opts);
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = r2x_document_read_memory("big.pdf", pdf, len, &opts, &doc, &err);
    ok(rc == R2X_OK && doc && doc->nlines == 200 * 70 + 199,
       "it reads: 70 lines a page and 199 page rows (%zu lines)", doc ? doc->nlines : 0);
    r2x_document_free(doc);
    doc = NULL;
    /* a millisecond cannot read 200 pages: the limit is checked between them */
    opts.pdf_timeout_ms = 1;
    rc = r2x_document_read_memory("big.pdf", pdf, len, &opts, &doc, &err);
    ok(rc == R2X_ETOOBIG && !doc &&
       strstr(err.message, "reading the PDF took longer than 0.001 seconds (stopped at page ") &&
       strstr(err.message, "of 200); raise the limit with --pdf-timeout"),
       "a time limit of 1 ms stops it: %s", err.message);
    r2x_document_free(doc);

    /* junk before the header (up to 1024 bytes) is allowed, as readers allow it */
    char *junk = malloc(len + 500);
    if (junk) {
        memset(junk, 'x', 500);
        memcpy(junk + 500, pdf, len);
        ok(pdf_sniff(junk, len + 500), "'%%PDF-' 500 bytes in is a PDF");
        r2x_read_options_init(&opts);
        doc = NULL;
        rc = r2x_document_read_memory("junk.pdf", junk, len + 500, &opts, &doc, &err);
        ok(rc == R2X_OK && doc && doc->format == R2X_INPUT_PDF,
           "a PDF after 500 bytes of junk reads (%s)", err.message);
        r2x_document_free(doc);
        free(junk);
    }
    char late[1100];
    memset(late, ' ', sizeof late);
    memcpy(late + 1024, "%PDF-1.4", 8);
    ok(!pdf_sniff(late, sizeof late), "'%%PDF-' after the first 1024 bytes is not a PDF");
    ok(!pdf_sniff("%PDF-x", 6) && pdf_sniff("%PDF-1", 6) && !pdf_sniff("%PDF-", 5),
       "'%%PDF-' must be followed by a digit");
    free(pdf);
}

typedef struct token {
    const char *s;
    size_t len;
} token;

static int by_token(const void *pa, const void *pb)
{
    const token *a = pa, *b = pb;
    int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int is_separator(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* The words of text (runs of anything but spaces, tabs, newlines and form
 * feeds), sorted; NULL when out of memory. */
static token *words_of(const char *text, size_t len, size_t *n)
{
    token *t = malloc(sizeof *t * (len / 2 + 1));
    *n = 0;
    for (size_t i = 0; t && i < len;) {
        while (i < len && is_separator(text[i]))
            i++;
        size_t start = i;
        while (i < len && !is_separator(text[i]))
            i++;
        if (i > start)
            t[(*n)++] = (token){text + start, i - start};
    }
    if (t)
        qsort(t, *n, sizeof *t, by_token);
    return t;
}

/* How many words of a (multiset) are not in b, and of b not in a. */
static size_t words_differing(const token *a, size_t na, const token *b, size_t nb)
{
    size_t i = 0, j = 0, differ = 0;
    while (i < na && j < nb) {
        int c = by_token(&a[i], &b[j]);
        differ += c != 0;
        i += c <= 0;
        j += c >= 0;
    }
    return differ + (na - i) + (nb - j);
}

/* The words of our text against `pdftotext -layout`'s, which ../shared keeps
 * beside each PDF as release.txt: the same words, the same number of times
 * (at most 1 in 500 differing, for other versions of poppler). */
static void compare_with_pdftotext(const r2x_document *doc, const char *pair)
{
    char path[1024];
    snprintf(path, sizeof path, SHARED "%s/release.txt", pair);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        skip("the text of %s against its reference: %s is absent", pair, path);
        return;
    }
    static char ref[1 << 20];
    size_t ref_len = fread(ref, 1, sizeof ref, fp);
    fclose(fp);
    size_t text_len, na, nb;
    const char *text = r2x_document_text(doc, &text_len);
    token *a = words_of(text, text_len, &na), *b = words_of(ref, ref_len, &nb);
    size_t differ = a && b ? words_differing(a, na, b, nb) : nb + 1;
    ok(a && b && nb > 1000 && differ * 500 <= nb,
       "%s: the text's words are pdftotext -layout's (%zu words, %zu differ)", pair, nb, differ);
    free(a);
    free(b);
}

/* Boeing's FY2024 income statement (page 8 of the release printed to PDF):
 * the rows as `pdftotext -layout` shows them in release.txt. */
static void test_shared(void)
{
    struct stat st;
    if (stat(SHARED, &st) != 0) {
        skip("the real PDFs: %s is absent", SHARED);
        return;
    }
    static const char *const pairs[] = {"boeing-2023q4", "boeing-2024q4", "boeing-2025q2",
                                        "ibm-2025q2", "meta-2024q4", "netflix-2024q3"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char path[1024];
        snprintf(path, sizeof path, SHARED "%s/release.pdf", pairs[i]);
        if (stat(path, &st) != 0) {
            skip("%s: %s is absent", pairs[i], path);
            continue;
        }
        r2x_error err;
        r2x_document *doc = read_pdf_file(path, NULL, &err);
        ok(doc && doc->grid && doc->grid->nrows > 100, "%s/release.pdf reads (%zu rows) %s",
           pairs[i], doc ? doc->grid->nrows : 0, doc ? "" : err.message);
        if (doc)
            compare_with_pdftotext(doc, pairs[i]);
        if (doc && !strcmp(pairs[i], "boeing-2024q4")) {
            const grid *g = doc->grid;
            static const char *const want[][2] = {
                {"Sales of products", "Sales of products | $53,227 | $65,581 | $11,901 | $18,920"},
                {"Total revenues", "Total revenues | 66,517 | 77,794 | 15,242 | 22,018"},
                {"Cost of products", "Cost of products | (57,394) | (59,864) | (14,010) | (16,724)"},
                {"Net loss attributable to Boeing shareholders",
                 "Net loss attributable to Boeing shareholders | ($11,817) | ($2,222) | ($3,865) | ($23)"},
                {"Diluted loss per share",
                 "Diluted loss per share | ($18.36) | ($3.67) | ($5.46) | ($0.04)"},
                {"Weighted average diluted shares (millions)",
                 "Weighted average diluted shares (millions) | 647.2 | 606.1 | 718.1 | 609.5"},
                {"(Dollars in millions, except per share data)",
                 "(Dollars in millions, except per share data) | 2024 | 2023 | 2024 | 2023"},
            };
            for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
                const grid_row *row = row_on_page(g, 8, want[k][0]);
                is_str(row_cells(g, row), want[k][1],
                       "boeing-2024q4: '%s' is one row of cells on page 8", want[k][0]);
            }
            /* the four figures of a row share the columns of the rows around */
            const grid_row *a = row_on_page(g, 8, "Total revenues");
            const grid_row *b = row_on_page(g, 8, "Net loss");
            int aligned = a && b && a->ncells == 5 && b->ncells == 5;
            for (size_t c = 1; aligned && c < 5; c++)
                aligned = near(grid_row_cell(g, a, c)->x1, grid_row_cell(g, b, c)->x1, 3.5);
            ok(aligned, "boeing-2024q4: figures end within 3.5 points of the rows above and below");
        }
        r2x_document_free(doc);
    }
}

int main(int argc, char **argv)
{
    if (!pdf_library_version()) {
        return skip_all("built without PDF support (./configure --with-pdf)");
    }
    if (argc == 3 && !strcmp(argv[1], "--dump")) {
        r2x_error err;
        r2x_document *doc = read_pdf_file(argv[2], NULL, &err);
        if (!doc) {
            fprintf(stderr, "%s: %s\n", argv[2], err.message);
            return 1;
        }
        dump(doc);
        r2x_document_free(doc);
        return 0;
    }
    test_statement();
    test_statement_percent();
    test_odd();
    test_refusals();
    test_limits();
    test_shared();
    return tap_done();
}
