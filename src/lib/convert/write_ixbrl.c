/*
 * write_ixbrl.c - the release as an intermediate XML (libxml2's
 * xmlTextWriter into a tree), then XHTML with Inline XBRL 1.1 tags through an
 * XSLT stylesheet (libxslt).
 */
#include "write_ixbrl.h"

#include <libxml/xmlwriter.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "document.h"
#include "error.h"
#include "grid.h"
#include "output.h"
#include "xbrl_ns.h"

#define NS_XBRLI XBRLI_NS
#define FORMAT_NUM "ixt:num-dot-decimal"
#define FORMAT_ZERO "ixt:fixed-zero"

#define W(call) do { if ((call) < 0) goto write_error; } while (0)

/* ---- Which cell shows which fact ------------------------------------------ */

typedef struct binding {
    const r2x_value *cell;
    size_t fact;
} binding;

static int cmp_binding(const void *a, const void *b)
{
    const binding *x = a, *y = b;
    return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* A sorted array of (cell, fact): one bsearch per cell, no scan over facts. */
static binding *bindings_new(const factset *fs, size_t *n)
{
    size_t nf = factset_count(fs);
    binding *b = malloc((nf ? nf : 1) * sizeof *b);
    if (!b)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < nf; i++)
        if (factset_fact(fs, i)->source) {
            b[k].cell = factset_fact(fs, i)->source;
            b[k++].fact = i;
        }
    qsort(b, k, sizeof *b, cmp_binding);
    *n = k;
    return b;
}

static const binding *binding_of(const binding *b, size_t n, const r2x_value *cell)
{
    binding key = {cell, 0};
    return bsearch(&key, b, n, sizeof *b, cmp_binding);
}

/* ---- Cells ----------------------------------------------------------------- */

/* Where the figure is in a cell's text: "(1,234)" -> offset 1, length 5.
 * Only plain digits with comma groups and a decimal point, which is what
 * ixt:num-dot-decimal reads; 0 when there is none. */
static int figure_span(const char *t, size_t *off, size_t *len, r2x_decimal *value)
{
    size_t i = 0;
    while (t[i] && !(t[i] >= '0' && t[i] <= '9'))
        i++;
    if (!t[i])
        return 0;
    size_t j = i;
    int64_t coef = 0;
    int digits = 0, frac = 0, point = 0;
    for (;; j++) {
        char c = t[j];
        if (c >= '0' && c <= '9') {
            if (++digits > R2X_DECIMAL_MAX_DIGITS)
                return 0;
            coef = coef * 10 + (c - '0');
            frac += point;
        } else if (c == ',' && !point && t[j + 1] >= '0' && t[j + 1] <= '9') {
            continue;
        } else if (c == '.' && !point && t[j + 1] >= '0' && t[j + 1] <= '9') {
            point = 1;
        } else {
            break;
        }
    }
    /* a second figure in the cell would make the tag ambiguous */
    for (size_t k = j; t[k]; k++)
        if (t[k] >= '0' && t[k] <= '9')
            return 0;
    *off = i;
    *len = j - i;
    value->coef = coef;
    value->exp = -frac;
    return 1;
}

/* The iXBRL scale that turns the printed figure into the fact's magnitude:
 * 3 for thousands, 6 for millions, -2 for a percentage, 0 per share. */
static int scale_for(r2x_decimal printed, r2x_decimal magnitude, int hint, int *scale)
{
    int tries[] = {hint, 0, 3, 6, 9, -2, 2, 1, 4, 5, 7, 8, -1, -3, -4, -6};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        r2x_decimal d = printed;
        if (r2x_decimal_scale(&d, tries[i]) == R2X_OK && r2x_decimal_cmp(d, magnitude) == 0) {
            *scale = tries[i];
            return 1;
        }
    }
    return 0;
}

/* Text for XML: control characters (a form feed from a PDF) become spaces;
 * the text is already valid UTF-8. */
static int write_text(xmlTextWriterPtr w, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        copy[i] = (c < 0x20 && c != '\n') || c == 0x7f ? ' ' : (char)c;
    }
    copy[len] = '\0';
    int rc = xmlTextWriterWriteString(w, BAD_CAST copy);
    free(copy);
    return rc < 0 ? -1 : 0;
}

static int write_fact_attrs(xmlTextWriterPtr w, const factset *fs, const fact *f, size_t index)
{
    char id[32], unit[40], dec[16];
    snprintf(id, sizeof id, "f%zu", index + 1);
    xbrl_unit_id(&f->unit, unit, sizeof unit);
    snprintf(dec, sizeof dec, "%d", f->decimals);
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST f->concept->qname));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "contextRef",
                                  BAD_CAST factset_context(fs, f->context)->id));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "unitRef", BAD_CAST unit));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "decimals", BAD_CAST dec));
    if (f->value.coef < 0)
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "sign", BAD_CAST "-"));
    return 0;
write_error:
    return -1;
}

/* A cell: its text, with the figure wrapped in a <nonFraction> when the
 * cell is the source of a fact it can show.  Returns 1 when it tagged. */
static int write_cell(xmlTextWriterPtr w, const factset *fs, const r2x_value *v,
                      const r2x_column *col, const binding *b, size_t nb, char *tagged)
{
    const binding *bd = binding_of(b, nb, v);
    const fact *f = bd ? factset_fact(fs, bd->fact) : NULL;
    const char *t = v->text ? v->text : "";
    size_t off = 0, len = 0;
    int scale = 0;
    const char *format = NULL;
    if (f && v->nil_dash && f->value.coef == 0) {
        format = FORMAT_ZERO;
        len = strlen(t);
        scale = col->scale;
    } else if (f) {
        r2x_decimal printed, magnitude = f->value;
        if (magnitude.coef < 0)
            magnitude.coef = -magnitude.coef;
        if (figure_span(t, &off, &len, &printed) && scale_for(printed, magnitude, col->scale,
                                                               &scale))
            format = FORMAT_NUM;
    }
    W(xmlTextWriterStartElement(w, BAD_CAST "cell"));
    if (!format) {
        W(write_text(w, t, strlen(t)));
        W(xmlTextWriterEndElement(w));
        return 0;
    }
    char sc[16];
    snprintf(sc, sizeof sc, "%d", scale);
    W(write_text(w, t, off));
    W(xmlTextWriterStartElement(w, BAD_CAST "nonFraction"));
    W(write_fact_attrs(w, fs, f, bd->fact));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "scale", BAD_CAST sc));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "format", BAD_CAST format));
    W(write_text(w, t + off, len));
    W(xmlTextWriterEndElement(w));
    W(write_text(w, t + off + len, strlen(t + off + len)));
    W(xmlTextWriterEndElement(w));
    tagged[bd->fact] = 1;
    return 1;
write_error:
    return -1;
}

static int write_table(xmlTextWriterPtr w, const r2x_table *t, const factset *fs,
                       const binding *b, size_t nb, char *tagged)
{
    char num[32];
    W(xmlTextWriterStartElement(w, BAD_CAST "table"));
    snprintf(num, sizeof num, "%ld", t->title_line ? t->title_line : t->first_line);
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "line", BAD_CAST num));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "statement",
                                  BAD_CAST r2x_statement_name(t->statement)));
    if (t->title)
        W(xmlTextWriterWriteElement(w, BAD_CAST "caption", BAD_CAST t->title));
    W(xmlTextWriterStartElement(w, BAD_CAST "columns"));
    for (size_t c = 0; c < t->ncolumns; c++) {
        W(xmlTextWriterStartElement(w, BAD_CAST "column"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "role",
                                      BAD_CAST r2x_column_role_name(t->columns[c].role)));
        /* "1H08 | JPY millions": one part per heading line */
        const char *h = t->columns[c].heading ? t->columns[c].heading : "";
        while (*h) {
            const char *bar = strstr(h, " | ");
            size_t n = bar ? (size_t)(bar - h) : strlen(h);
            W(xmlTextWriterStartElement(w, BAD_CAST "part"));
            W(write_text(w, h, n));
            W(xmlTextWriterEndElement(w));
            h += n + (bar ? 3 : 0);
        }
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        W(xmlTextWriterStartElement(w, BAD_CAST "row"));
        snprintf(num, sizeof num, "%ld", row->line);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "line", BAD_CAST num));
        snprintf(num, sizeof num, "%d", row->indent);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "indent", BAD_CAST num));
        if (row->is_total)
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "total", BAD_CAST "1"));
        if (row->is_heading)
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "heading", BAD_CAST "1"));
        W(xmlTextWriterStartElement(w, BAD_CAST "label"));
        if (row->label)
            W(write_text(w, row->label, strlen(row->label)));
        if (row->footnote) {
            W(xmlTextWriterStartElement(w, BAD_CAST "note"));
            W(write_text(w, row->footnote, strlen(row->footnote)));
            W(xmlTextWriterEndElement(w));
        }
        W(xmlTextWriterEndElement(w));
        /* one cell per column, empty where the row prints nothing */
        size_t k = 0;
        for (size_t c = 0; c < t->ncolumns; c++) {
            const r2x_value *v = NULL;
            while (k < row->nvalues && (size_t)row->values[k].column < c)
                k++;
            if (k < row->nvalues && (size_t)row->values[k].column == c)
                v = &row->values[k];
            if (!v) {
                W(xmlTextWriterWriteElement(w, BAD_CAST "cell", BAD_CAST ""));
                continue;
            }
            W(write_cell(w, fs, v, &t->columns[c], b, nb, tagged));
        }
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

/* ---- Narrative --------------------------------------------------------------- */

static size_t words_in(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
            n++;
    return n;
}

/* A heading or a paragraph; the first heading of four words or more is the
 * release's title (level 1). */
static int start_block(xmlTextWriterPtr w, int heading, long line, const char *first_text,
                       size_t first_len, int *have_title)
{
    W(xmlTextWriterStartElement(w, BAD_CAST(heading ? "heading" : "para")));
    char num[32];
    snprintf(num, sizeof num, "%ld", line);
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "line", BAD_CAST num));
    if (heading) {
        int title = !*have_title && words_in(first_text, first_len) >= 4;
        *have_title |= title;
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "level", BAD_CAST(title ? "1" : "2")));
    }
    return 0;
write_error:
    return -1;
}

/* A block of text lines outside the tables (plain text, a PDF page, HTML
 * <pre>): one short line without a final full stop reads as a heading,
 * anything else as a paragraph. */
static int write_block(xmlTextWriterPtr w, const r2x_document *doc, size_t first, size_t last,
                       int *have_title)
{
    size_t len;
    const char *s = document_line(doc, first, &len);
    int heading = first == last && len <= 90 && len && s[len - 1] != '.' &&
                  !memchr(s, '\t', len) && !memchr(s, '$', len);
    /* "Revenues JPY32,275 million": a line of figures is not a heading */
    for (size_t i = 1; heading && i + 1 < len; i++)
        if (s[i] == ',' && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
            heading = 0;
    W(start_block(w, heading, (long)first, s, len, have_title));
    for (size_t n = first; n <= last; n++) {
        s = document_line(doc, n, &len);
        if (n > first)
            W(xmlTextWriterWriteString(w, BAD_CAST " "));
        W(write_text(w, s, len));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

/* A paragraph or heading the reader marked (HTML): its cells' text. */
static int write_marked(xmlTextWriterPtr w, const grid *g, const grid_row *r, int *have_title)
{
    if (!r->ncells)
        return 0;
    const char *first = grid_cell_text(g, grid_row_cell(g, r, 0));
    W(start_block(w, r->kind == GRID_ROW_HEADING, r->line, first, strlen(first), have_title));
    for (size_t c = 0; c < r->ncells; c++) {
        const char *t = grid_cell_text(g, grid_row_cell(g, r, c));
        if (c)
            W(xmlTextWriterWriteString(w, BAD_CAST " "));
        W(write_text(w, t, strlen(t)));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

/* A row of a marked-up table the table stage did not read (a layout table,
 * a table of words): its cells as they stand, a cell spanning the columns
 * it covers. */
static int write_text_row(xmlTextWriterPtr w, const grid *g, const grid_row *r)
{
    W(xmlTextWriterStartElement(w, BAD_CAST "tr"));
    double at = 0;
    int columns = r->units == GRID_UNITS_COLUMNS;
    for (size_t c = 0; c < r->ncells; c++) {
        const grid_cell *cell = grid_row_cell(g, r, c);
        for (; columns && at + 0.5 < cell->x0 && at < 64; at += 1)
            W(xmlTextWriterWriteElement(w, BAD_CAST "td", BAD_CAST ""));
        W(xmlTextWriterStartElement(w, BAD_CAST "td"));
        int span = columns ? (int)(cell->x1 - cell->x0 + 0.5) : 1;
        if (span > 1 && span <= 64) {
            char num[16];
            snprintf(num, sizeof num, "%d", span);
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "span", BAD_CAST num));
        }
        const char *t = grid_cell_text(g, cell);
        W(write_text(w, t, strlen(t)));
        W(xmlTextWriterEndElement(w));
        at = cell->x1;
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static long table_start(const r2x_table *t)
{
    return t->title_line && t->title_line < t->first_line ? t->title_line : t->first_line;
}

static int cmp_table_start(const void *a, const void *b)
{
    const r2x_table *x = *(const r2x_table *const *)a, *y = *(const r2x_table *const *)b;
    long p = table_start(x), q = table_start(y);
    if (p != q)
        return p < q ? -1 : 1;
    return x < y ? -1 : x > y;      /* stable: in extraction order */
}

/* What the body is being written from: the reader's rows in order, each
 * statement table where it starts. */
typedef struct body {
    xmlTextWriterPtr w;
    const r2x_document *doc;
    const factset *fs;
    const binding *b;
    size_t nb;
    char *tagged;
    const r2x_table **order;
    size_t ntables, next;     /* tables written so far */
    size_t block_first, block_last;     /* the text lines gathered, 0: none */
    int open_grid;            /* the marked-up table whose rows a <grid> holds, 0 none */
    int have_title;
} body;

/* End what is open: a block of text lines, a table of text rows. */
static int flush(body *bd)
{
    if (bd->block_first) {
        W(write_block(bd->w, bd->doc, bd->block_first, bd->block_last, &bd->have_title));
        bd->block_first = bd->block_last = 0;
    }
    if (bd->open_grid) {
        W(xmlTextWriterEndElement(bd->w));
        bd->open_grid = 0;
    }
    return 0;
write_error:
    return -1;
}

/* The statement tables that start at or before doc line upto. */
static int tables_before(body *bd, long upto)
{
    while (bd->next < bd->ntables && table_start(bd->order[bd->next]) <= upto) {
        W(flush(bd));
        W(write_table(bd->w, bd->order[bd->next++], bd->fs, bd->b, bd->nb, bd->tagged));
    }
    return 0;
write_error:
    return -1;
}

static int write_row(body *bd, const grid *g, const grid_row *r, long line)
{
    xmlTextWriterPtr w = bd->w;
    switch (r->kind) {
    case GRID_ROW_LINE:
        if (bd->open_grid || (bd->block_first && (size_t)line != bd->block_last + 1))
            W(flush(bd));
        if (!bd->block_first)
            bd->block_first = (size_t)line;
        bd->block_last = (size_t)line;
        return 0;
    case GRID_ROW_PARAGRAPH:
    case GRID_ROW_HEADING:
        W(flush(bd));
        return write_marked(w, g, r, &bd->have_title);
    case GRID_ROW_TABLE:
        if (bd->block_first || (bd->open_grid && bd->open_grid != r->table))
            W(flush(bd));
        if (!bd->open_grid) {
            char num[32];
            snprintf(num, sizeof num, "%ld", r->line);
            W(xmlTextWriterStartElement(w, BAD_CAST "grid"));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "line", BAD_CAST num));
            bd->open_grid = r->table ? r->table : -1;
        }
        return write_text_row(w, g, r);
    default:                  /* blank, rule, page break: the end of a block */
        return flush(bd);
    }
write_error:
    return -1;
}

/* The release in reading order, from the reader's rows: headings and
 * paragraphs (an HTML release's own), blocks of text lines, tables the
 * table stage did not read as they stand, and each statement table (its
 * rows bound to facts) where it starts. */
static int write_body(xmlTextWriterPtr w, const r2x_document *doc, const r2x_tableset *set,
                      const factset *fs, const binding *b, size_t nb, char *tagged)
{
    size_t nlines = doc->nlines;
    char *covered = calloc(nlines + 2, 1);
    const r2x_table **order = malloc((set->ntables + 1) * sizeof *order);
    body bd = {w, doc, fs, b, nb, tagged, order, set->ntables, 0, 0, 0, 0, 0};
    if (!covered || !order)
        goto write_error;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        order[i] = t;
        for (long n = table_start(t); n >= 1 && n <= t->last_line && (size_t)n <= nlines; n++)
            covered[n] = 1;
    }
    qsort(order, set->ntables, sizeof *order, cmp_table_start);
    W(xmlTextWriterStartElement(w, BAD_CAST "body"));
    const grid *g = doc->grid;
    for (size_t i = 0; g && i < g->nrows; i++) {
        const grid_row *r = &g->rows[i];
        long line = r->doc_line ? r->doc_line : r->line;
        W(tables_before(&bd, line));
        if (line >= 1 && (size_t)line <= nlines && covered[line])
            continue;
        W(write_row(&bd, g, r, line));
    }
    W(tables_before(&bd, LONG_MAX));
    W(flush(&bd));
    W(xmlTextWriterEndElement(w));
    free(covered);
    free(order);
    return 0;
write_error:
    free(covered);
    free(order);
    return -1;
}

/* ---- The document -------------------------------------------------------------- */

static int write_hidden(xmlTextWriterPtr w, const factset *fs, const xbrl_options *o,
                        const char *tagged)
{
    W(xmlTextWriterStartElement(w, BAD_CAST "hidden"));
    const char *name, *value;
    char date[16], id[32];
    for (size_t i = 0; xbrl_dei(o, i, &name, &value, date); i++) {
        snprintf(id, sizeof id, "dei%zu", i + 1);
        W(xmlTextWriterStartElement(w, BAD_CAST "nonNumeric"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST name));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "contextRef", BAD_CAST o->dei_context));
        W(xmlTextWriterWriteString(w, BAD_CAST value));
        W(xmlTextWriterEndElement(w));
    }
    for (size_t i = 0; i < factset_count(fs); i++) {
        if (tagged[i])
            continue;
        const fact *f = factset_fact(fs, i);
        r2x_decimal magnitude = f->value;
        if (magnitude.coef < 0)
            magnitude.coef = -magnitude.coef;
        char v[R2X_DECIMAL_STRLEN];
        r2x_decimal_format(magnitude, v);
        W(xmlTextWriterStartElement(w, BAD_CAST "nonFraction"));
        W(write_fact_attrs(w, fs, f, i));
        W(xmlTextWriterWriteString(w, BAD_CAST v));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

int ixbrl_docxml(const r2x_document *doc, const r2x_tableset *set, const factset *fs,
                 const xbrl_options *o, xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    size_t nb = 0;
    binding *b = bindings_new(fs, &nb);
    char *tagged = calloc(factset_count(fs) + 1, 1);
    xmlDocPtr d = NULL;
    xmlTextWriterPtr w = b && tagged ? xmlNewTextWriterDoc(&d, 0) : NULL;
    if (!w) {
        free(b);
        free(tagged);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    char schema_name[256];
    xbrl_schema_name(o, schema_name, sizeof schema_name);
    /* The body decides which facts are tagged, so it is written before the
     * hidden facts; the stylesheet puts the header first. */
    W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    W(xmlTextWriterStartElement(w, BAD_CAST "release"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xbrli", BAD_CAST NS_XBRLI));
    W(xbrl_write_namespaces(w, o));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "source", BAD_CAST r2x_document_name(doc)));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "lang", BAD_CAST(o->lang ? o->lang : "en")));
    if (o->entity_name && *o->entity_name)
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "entity", BAD_CAST o->entity_name));
    W(write_body(w, doc, set, fs, b, nb, tagged));
    W(xmlTextWriterStartElement(w, BAD_CAST "references"));
    W(xbrl_write_schema_refs(w, o, schema_name));
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterStartElement(w, BAD_CAST "resources"));
    W(xbrl_write_resources(w, fs, o));
    W(xmlTextWriterEndElement(w));
    W(write_hidden(w, fs, o, tagged));
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndDocument(w));
    xmlFreeTextWriter(w);
    free(b);
    free(tagged);
    *out = d;
    return R2X_OK;
write_error:
    xmlFreeTextWriter(w);
    xmlFreeDoc(d);
    free(b);
    free(tagged);
    return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "cannot build the document for Inline XBRL");
}

/* ---- XSLT ------------------------------------------------------------------ */

/* libxslt reports through a global callback: collect the first message so
 * that the library never prints. */
static void collect_error(void *ctx, const char *fmt, ...)
{
    char *msg = ctx;
    if (msg[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, 512, fmt, ap);
    va_end(ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
}

static int stream_write(void *ctx, const char *buffer, int len)
{
    fwrite(buffer, 1, (size_t)len, (FILE *)ctx);
    return len;
}

int ixbrl_write(const r2x_document *doc, const r2x_tableset *set, const factset *fs,
                const xbrl_options *o, const char *stylesheet_path, const char *path,
                r2x_output **deferred, r2x_error *err)
{
    xmlDocPtr docxml;
    int rc = ixbrl_docxml(doc, set, fs, o, &docxml, err);
    if (rc)
        return rc;
    char msg[512] = "";
    xmlGenericErrorFunc saved_generic = xsltGenericError;
    void *saved_ctx = xsltGenericErrorContext;
    xsltSetGenericErrorFunc(msg, collect_error);
    xmlSetGenericErrorFunc(msg, collect_error);
    xsltStylesheetPtr style = NULL;
    xmlDocPtr html = NULL;
    xmlDocPtr sdoc = xmlReadFile(stylesheet_path, NULL, XML_PARSE_NONET);
    if (sdoc && !(style = xsltParseStylesheetDoc(sdoc)))
        xmlFreeDoc(sdoc);
    if (!style) {
        rc = r2xi_fail(err, R2X_EIO, stylesheet_path, 0, "cannot read the stylesheet%s%s",
                      msg[0] ? ": " : "", msg);
        goto done;
    }
    /* A stylesheet may read files (document()), never the network or write. */
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltTransformContextPtr tc = sec ? xsltNewTransformContext(style, docxml) : NULL;
    if (tc) {
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
        xsltSetCtxtSecurityPrefs(sec, tc);
        html = xsltApplyStylesheetUser(style, docxml, NULL, NULL, NULL, tc);
    }
    if (tc && tc->state != XSLT_STATE_OK) {
        xmlFreeDoc(html);
        html = NULL;
    }
    xsltFreeTransformContext(tc);
    xsltFreeSecurityPrefs(sec);
    if (!html || !xmlDocGetRootElement(html)) {
        rc = r2xi_fail(err, R2X_EINPUT, stylesheet_path, 0, "the stylesheet failed%s%s",
                      msg[0] ? ": " : "", msg);
        goto done;
    }
    r2x_output *out;
    if ((rc = output_open(path, &out, err)))
        goto done;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(stream_write, NULL, output_stream(out),
                                                    NULL);
    if (!ob || xsltSaveResultTo(ob, html, style) < 0) {
        if (ob)
            xmlOutputBufferClose(ob);
        output_abort(out);
        rc = r2xi_fail(err, R2X_EIO, path, 0, "cannot write the Inline XBRL");
        goto done;
    }
    xmlOutputBufferClose(ob);
    if (deferred)
        *deferred = out;
    else
        rc = output_commit(out, err);
done:
    xsltSetGenericErrorFunc(saved_ctx, saved_generic);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlFreeDoc(html);
    xsltFreeStylesheet(style);
    xmlFreeDoc(docxml);
    return rc;
}
