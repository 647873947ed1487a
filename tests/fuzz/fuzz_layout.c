/* fuzz_layout.c - the text reader (read_text.c: tab-separated and
 * space-aligned text as a grid) on any bytes read as text, then the table
 * stage on its grid.  The grid must hold together: every row's cells in
 * range and in order, every cell's extent and line sound. */
#include <stdlib.h>

#include "document.h"
#include "fuzz.h"
#include "grid.h"
#include "release2xbrl.h"

static void ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

static void check_grid(const r2x_document *doc)
{
    const grid *g = doc->grid;
    if (!g)
        abort();
    size_t next = 0;
    for (size_t r = 0; r < g->nrows; r++) {
        const grid_row *row = &g->rows[r];
        if (row->first != next || row->line < 1 || (size_t)row->line > doc->nlines)
            abort();
        next += row->ncells;
        for (size_t i = 0; i < row->ncells; i++) {
            const grid_cell *c = grid_row_cell(g, row, i);
            if (!(c->x0 < c->x1) || c->len == 0 || c->line != row->line ||
                (i && c->x0 < grid_row_cell(g, row, i - 1)->x1))
                abort();
        }
    }
    if (next != g->ncells)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, 0, R2X_INPUT_TEXT, 0, 0};
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_document_read_memory("fuzz.txt", (const char *)data, size, &ro, &doc, &err))
        return 0;
    check_grid(doc);
    r2x_profile *profile = NULL;
    if (!r2x_profile_new_default(&profile, &err)) {
        r2x_extract_options xo = {sizeof(r2x_extract_options), profile, ignore_diag, NULL};
        r2x_tableset *set = NULL;
        size_t nerrors = 0;
        if (r2x_tables_extract(doc, &xo, &set, &nerrors, &err) == R2X_OK)
            r2x_tableset_free(set);
        r2x_profile_free(profile);
    }
    r2x_document_free(doc);
    return 0;
}
