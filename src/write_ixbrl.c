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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "document.h"
#include "error.h"
#include "output.h"

#define NS_XBRLI "http://www.xbrl.org/2003/instance"
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

/* A block of non-blank lines outside the tables: one short line without a
 * final full stop reads as a heading, anything else as a paragraph.  The
 * first heading of four words or more is the release's title. */
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
    const char *name = heading ? "heading" : "para";
    W(xmlTextWriterStartElement(w, BAD_CAST name));
    char num[32];
    snprintf(num, sizeof num, "%zu", first);
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "line", BAD_CAST num));
    if (heading) {
        int title = !*have_title && words_in(s, len) >= 4;
        *have_title |= title;
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "level", BAD_CAST(title ? "1" : "2")));
    }
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

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
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

/* The text in line order: blocks of lines outside the tables, and each
 * table where it starts. */
static int write_body(xmlTextWriterPtr w, const r2x_document *doc, const r2x_tableset *set,
                      const factset *fs, const binding *b, size_t nb, char *tagged)
{
    size_t nlines = doc->nlines, ti = 0, block = 0;
    int have_title = 0;
    char *covered = calloc(nlines + 2, 1);
    const r2x_table **order = malloc((set->ntables + 1) * sizeof *order);
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
    for (size_t n = 1; n <= nlines + 1; n++) {
        size_t len = 0;
        const char *s = n <= nlines ? document_line(doc, n, &len) : "";
        int ends = n > nlines || covered[n] || blank(s, len) ||
                   (ti < set->ntables && (size_t)table_start(order[ti]) <= n);
        if (block && ends) {
            W(write_block(w, doc, block, n - 1, &have_title));
            block = 0;
        }
        while (ti < set->ntables && (size_t)table_start(order[ti]) <= n)
            W(write_table(w, order[ti++], fs, b, nb, tagged));
        if (!ends && !block)
            block = n;
        else if (!block && n <= nlines && !covered[n] && !blank(s, len))
            block = n;
    }
    while (ti < set->ntables)
        W(write_table(w, order[ti++], fs, b, nb, tagged));
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
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
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
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "lang", BAD_CAST "en"));
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
    return r2x_fail(err, R2X_ENOMEM, NULL, 0, "cannot build the document for Inline XBRL");
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
        rc = r2x_fail(err, R2X_EIO, stylesheet_path, 0, "cannot read the stylesheet%s%s",
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
        rc = r2x_fail(err, R2X_EINPUT, stylesheet_path, 0, "the stylesheet failed%s%s",
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
        rc = r2x_fail(err, R2X_EIO, path, 0, "cannot write the Inline XBRL");
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
