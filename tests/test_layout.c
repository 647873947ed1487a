/* test_layout.c - layout.c: space-aligned lines rewritten as tab-separated
 * ones, line for line.  Expected lines written by hand from the inputs. */
#include <stdlib.h>
#include <string.h>

#include "../src/document.h"
#include "../src/layout.h"
#include "tap.h"

static r2x_document *doc_of(const char *text)
{
    r2x_document *d = NULL;
    r2x_error err;
    if (r2x_document_read_memory("t.txt", text, strlen(text), NULL, &d, &err))
        return NULL;
    return d;
}

static void line_is(const r2x_document *d, size_t n, const char *want, const char *what)
{
    size_t len;
    const char *s = document_line(d, n, &len);
    char got[256];
    if (len >= sizeof got)
        len = sizeof got - 1;
    memcpy(got, s, len);
    got[len] = '\0';
    is_str(got, want, "%s", what);
}

int main(void)
{
    const char *text =
        "ACME\n"
        "                              Three Months Ended\n"
        "                               March 31,\n"
        "                              2010        2009\n"
        "Net sales ...............  $ 1,234    $  1,100\n"
        "Cost of sales and\n"
        "  occupancy                   (700)        --\n"
        "                           -------    -------\n"
        "Net income                $   534    $   1,100\n";
    r2x_document *d = doc_of(text), *out = NULL;
    unsigned char *kinds = NULL;
    r2x_error err;
    ok(d && layout_rewrite(d, &out, &kinds, &err) == R2X_OK && out && kinds,
       "a space-aligned table is rewritten");
    if (out && kinds) {
        ok(out->nlines == d->nlines, "same number of lines");
        line_is(out, 1, "ACME", "a title outside the table is kept");
        line_is(out, 2, "\tThree Months Ended March 31,\t", "stacked headings over both "
                "columns join on the top line");
        ok(kinds[3] == LAYOUT_FILLER, "the joined line below is a filler");
        line_is(out, 4, "\t2010\t2009", "years, one a column");
        line_is(out, 5, "Net sales\t$ 1,234\t$  1,100", "dot leader dropped, $ kept with "
                "its figure");
        line_is(out, 6, "Cost of sales and\t\t", "a wrapped label's first line");
        line_is(out, 7, "  occupancy\t(700)\t--", "indentation kept; '--' in its column");
        ok(kinds[8] == LAYOUT_FILLER, "a rule is a filler");
        line_is(out, 9, "Net income\t$   534\t$   1,100", "last row");
        ok(kinds[4] == LAYOUT_HEADING && kinds[5] == LAYOUT_ROW, "kinds of lines");
    }
    r2x_document_free(out);
    free(kinds);
    r2x_document_free(d);

    d = doc_of("Title\n\t2010\t2009\nSales\t1\t2\n");
    out = NULL;
    kinds = NULL;
    ok(d && layout_rewrite(d, &out, &kinds, &err) == R2X_OK && !out && !kinds,
       "tab-separated text is left alone");
    r2x_document_free(d);

    d = doc_of("We earned $5 million in the quarter, up from $4\nmillion a year ago.\n");
    out = NULL;
    kinds = NULL;
    ok(d && layout_rewrite(d, &out, &kinds, &err) == R2X_OK && !out,
       "prose with figures is not a table");
    r2x_document_free(out);
    free(kinds);
    r2x_document_free(d);
    return tap_done();
}
