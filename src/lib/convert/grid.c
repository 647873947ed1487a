/* grid.c - rows of cells with their extents: what every reader produces. */
#include "grid.h"

#include <stdlib.h>
#include <string.h>

#include "ligatures.h"

grid *grid_new(int units, double em)
{
    grid *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->units = units;
    g->em = em > 0 ? em : 1;
    buf_init(&g->row_buf, R2X_BUF_NOCAP);
    buf_init(&g->cell_buf, R2X_BUF_NOCAP);
    buf_init(&g->text_buf, R2X_BUF_NOCAP);
    return g;
}

void grid_free(grid *g)
{
    if (!g)
        return;
    buf_release(&g->row_buf);
    buf_release(&g->cell_buf);
    buf_release(&g->text_buf);
    free(g);
}

int grid_add_row(grid *g, int kind, long line, int page, int table, double indent)
{
    grid_row r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.first = g->ncells;
    r.line = line;
    r.page = page;
    r.table = table;
    r.indent = indent;
    r.units = g->units;
    int rc = buf_add(&g->row_buf, &r, sizeof r);
    if (rc)
        return rc;
    g->rows = (grid_row *)(void *)g->row_buf.data;
    g->nrows++;
    return R2X_OK;
}

static int is_blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* U+00A0 (no-break space) is white space in cells too. */
static size_t leading_space(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        if (i < n && is_blank_byte(s[i]))
            i++;
        else if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0)
            i += 2;
        else
            return i;
    }
}

static size_t trailing_space(const unsigned char *s, size_t n)
{
    size_t i = n;
    for (;;) {
        if (i > 0 && is_blank_byte(s[i - 1]))
            i--;
        else if (i > 1 && s[i - 2] == 0xC2 && s[i - 1] == 0xA0)
            i -= 2;
        else
            return n - i;
    }
}

int grid_add_cell(grid *g, const char *text, size_t len, double x0, double x1, long line,
                  long column, unsigned flags)
{
    if (!g->nrows)
        return R2X_EUSAGE;
    const unsigned char *s = (const unsigned char *)text;
    size_t lead = leading_space(s, len);
    if (lead == len)
        return R2X_OK;
    size_t trail = trailing_space(s + lead, len - lead);
    size_t n = len - lead - trail;
    grid_cell c;
    memset(&c, 0, sizeof c);
    c.text = g->text_buf.len;
    c.len = n;
    c.x0 = x0;
    c.x1 = x1 > x0 ? x1 : x0 + g->em;
    c.line = line;
    c.column = column;
    c.flags = flags;
    size_t mark = g->text_buf.len;
    int rc = ligatures_copy(&g->text_buf, text + lead, n);
    c.len = g->text_buf.len - mark;
    if (!rc)
        rc = buf_addc(&g->text_buf, '\0');
    if (!rc)
        rc = buf_add(&g->cell_buf, &c, sizeof c);
    if (rc) {
        g->text_buf.len = mark;
        g->text_buf.data[mark] = '\0';
        return rc;
    }
    g->cells = (grid_cell *)(void *)g->cell_buf.data;
    g->ncells++;
    g->rows[g->nrows - 1].ncells++;
    return R2X_OK;
}

const char *grid_cell_text(const grid *g, const grid_cell *c)
{
    return g->text_buf.data + c->text;
}

const grid_cell *grid_row_cell(const grid *g, const grid_row *r, size_t i)
{
    return &g->cells[r->first + i];
}
