/* test_layout.c - read_text.c: space-aligned and tab-separated text as a
 * grid, cell for cell.  Expected cells and extents written by hand from the
 * inputs (columns count characters from 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "grid.h"
#include "ligatures.h"
#include "tap.h"

static r2x_document *doc_of(const char *text)
{
    r2x_document *d = NULL;
    r2x_error err;
    if (r2x_document_read_memory("t.txt", text, strlen(text), NULL, &d, &err))
        return NULL;
    return d;
}

/* The grid row of source line n, NULL if none. */
static const grid_row *row_of(const r2x_document *d, long n)
{
    for (size_t r = 0; d && r < d->grid->nrows; r++)
        if (d->grid->rows[r].line == n && d->grid->rows[r].kind != GRID_ROW_PAGE)
            return &d->grid->rows[r];
    return NULL;
}

/* Row n's cells as "[x0-x1 text]..." */
static void cells_of(const r2x_document *d, long n, char *out, size_t size)
{
    const grid_row *r = row_of(d, n);
    out[0] = '\0';
    for (size_t i = 0; r && i < r->ncells; i++) {
        const grid_cell *c = grid_row_cell(d->grid, r, i);
        size_t o = strlen(out);
        snprintf(out + o, size - o, "[%g-%g %s]", c->x0, c->x1, grid_cell_text(d->grid, c));
    }
}

static void cells_are(const r2x_document *d, long n, const char *want, const char *what)
{
    char got[512];
    cells_of(d, n, got, sizeof got);
    is_str(got, want, "%s", what);
}

/* ligatures_copy of text is want. */
static void ligatures_are(const char *text, const char *want, const char *what)
{
    r2x_buf b;
    buf_init(&b, R2X_BUF_NOCAP);
    int rc = ligatures_copy(&b, text, strlen(text));
    if (!rc)
        rc = buf_addc(&b, '\0');
    is_str(rc ? "(no memory)" : b.data, want, "%s", what);
    buf_release(&b);
}

/* Ligatures a PDF's text kept as characters or lost: the expected texts
 * written by hand. */
static void test_ligatures(void)
{
    ligatures_are("Gross pro t", "Gross profit", "a lost 'fi' within a word");
    ligatures_are("Income tax bene t (provision)", "Income tax benefit (provision)",
                  "... before parentheses");
    ligatures_are("Cash ows from nancing activities:", "Cash flows from financing activities:",
                  "lost at the start of words");
    ligatures_are("E ect of exchange rate changes", "Effect of exchange rate changes",
                  "a lost 'ff' after a capital");
    ligatures_are("Chief Financial Of cer", "Chief Financial Officer", "after a short word");
    ligatures_are("\xEF\xAC\x81nancial \xEF\xAC\x82ows, e\xEF\xAC\x80" "ect",
                  "financial flows, effect", "ligature characters written as letters");
    ligatures_are("Net cash at end of period", "Net cash at end of period",
                  "words with gaps between them stay");
    ligatures_are("pro forma t", "pro forma t", "fragments apart from each other stay");
    ligatures_are("Cash ow at", "Cash flow at", "a short word after a repair stays itself");
    ligatures_are("", "", "nothing");
}

int main(void)
{
    test_ligatures();
    const char *text =
        "ACME\n"
        "                              Three Months Ended\n"
        "                               March 31,\n"
        "                              2010        2009\n"
        "Net sales ...............  $ 1,234    $  1,100\n"
        "Cost of sales and\n"
        "  occupancy                   (700)        --\n"
        "                           -------    -------\n"
        "Net income                $   534    $   1,100\n"
        "\fPage two  7,272 4,715\n";
    r2x_document *d = doc_of(text);
    ok(d && d->grid && d->grid->units == GRID_UNITS_CHARS, "space-aligned text: a grid in characters");
    if (d) {
        cells_are(d, 1, "[0-4 ACME]", "a title is one cell");
        cells_are(d, 2, "[30-48 Three Months Ended]", "words one space apart are one cell");
        cells_are(d, 4, "[30-34 2010][42-46 2009]", "years, one a cell");
        cells_are(d, 5, "[0-25 Net sales][27-28 $][29-34 1,234][38-39 $][41-46 1,100]",
                  "a dot leader ends the label: its dots go, its extent stays; a lone $ is "
                  "a cell of its own");
        cells_are(d, 7, "[2-11 occupancy][30-35 (700)][43-45 --]",
                  "an indented label starts where it is printed; '--' is a cell");
        ok(row_of(d, 7) && row_of(d, 7)->indent == 2, "the row's indent is its first cell's");
        ok(row_of(d, 8) && row_of(d, 8)->kind == GRID_ROW_RULE && row_of(d, 8)->ncells == 0,
           "a line of rules is a rule row");
        cells_are(d, 10, "[0-8 Page two][10-21 7,272 4,715]",
                  "figures one space apart stay one cell (the table stage splits them)");
        int page = 0;
        for (size_t r = 0; r < d->grid->nrows; r++)
            page |= d->grid->rows[r].kind == GRID_ROW_PAGE && d->grid->rows[r].line == 10;
        ok(page, "a form feed starts a page row before its line");
        const grid_row *r5 = row_of(d, 5);
        ok(r5 && grid_row_cell(d->grid, r5, 2)->column == 30,
           "a cell's source column is 1-based: '1,234' starts in column 30");
    }
    r2x_document_free(d);

    d = doc_of("Title\n\t2010\t2009\nSales\t1\t2\n  Cost\t\t3\n");
    ok(d && d->grid->units == GRID_UNITS_COLUMNS, "tab-separated text: a grid of cell numbers");
    if (d) {
        cells_are(d, 2, "[1-2 2010][2-3 2009]", "an empty first cell is no cell; others at their places");
        cells_are(d, 3, "[0-1 Sales][1-2 1][2-3 2]", "a row's cells at their tab positions");
        cells_are(d, 4, "[0-1 Cost][2-3 3]", "an empty cell leaves its place empty");
        ok(row_of(d, 4) && row_of(d, 4)->indent == 2, "leading spaces of a tab-separated line indent it");
    }
    r2x_document_free(d);

    d = doc_of("<TABLE>\n<CAPTION>\n<S>              <C>       <C>\nSales    1,000    2,000\n"
               "</TABLE>\n<PAGE>\nafter\n");
    ok(d != NULL, "EDGAR text reads");
    if (d) {
        const grid_row *r = row_of(d, 4);
        ok(r && r->table == 1 && r->ncells == 3, "rows between <TABLE> and </TABLE> belong to table 1");
        ok(row_of(d, 3) && row_of(d, 3)->kind == GRID_ROW_RULE && !row_of(d, 3)->ncells,
           "an <S> <C> line is markup, not text");
        int page = 0;
        for (size_t k = 0; k < d->grid->nrows; k++)
            page |= d->grid->rows[k].kind == GRID_ROW_PAGE && d->grid->rows[k].line == 6;
        ok(page, "<PAGE> is a page break");
        ok(row_of(d, 7) && row_of(d, 7)->table == 0, "after </TABLE>, no table");
    }
    r2x_document_free(d);
    return tap_done();
}
