/*
 * read_pdf.c - a PDF release -> the grid, in points, and its text laid out.
 *
 * poppler-glib gives each page's text with one box per character (in reading
 * order, which is not the page's order: a table's label column and each
 * figure column come as separate "lines") and each character's font.  The
 * lines are rebuilt from the boxes: glyphs whose boxes overlap by half the
 * smaller height share a line (words set on end get rows of their own).
 * Words are poppler's (it knows the character and word spacing a gap comes
 * from), glyphs that touch joined.  A gap wider than 1.5 times the line's
 * own word space parts cells (measured on the corpus PDFs: word spaces are
 * 0.20-0.35 of the font size, up to 0.65 in justified prose, whose every
 * space stretches alike; columns stand 1 font size or more apart).  A lone
 * "$", ")" or "%" is a cell of its own.  Then the document's text is laid
 * out from the grid, `pdftotext -layout` style, one line a row: on the
 * corpus PDFs it has pdftotext's words, word for word.
 *
 * PDFs are untrusted: the input limit has been applied by the caller; here
 * a page limit, a time limit (checked between pages and between poppler's
 * calls on a page: a single page's parse cannot be interrupted), a cap on
 * the text (the input limit again) and on a line.  Nothing is printed.
 */
#include "read_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "dynlib.h"
#include "error.h"
#include "grid.h"

int pdf_sniff(const char *data, size_t len)
{
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i < n && i + 5 < len; i++)
        if (data[i] == '%' && !memcmp(data + i, "%PDF-", 5) && data[i + 5] >= '0' &&
            data[i + 5] <= '9')
            return 1;
    return 0;
}

#ifndef HAVE_POPPLER

int pdf_read(r2x_document *doc, const char *data, size_t len, const r2x_read_options *opts,
             r2x_error *err)
{
    (void)data;
    (void)len;
    (void)opts;
    return r2xi_fail(err, R2X_EINPUT, doc->name, 0,
                    "this is a PDF, and this release2xbrl was built without PDF support: "
                    "build it with ./configure --with-pdf (Debian package libpoppler-glib-dev), "
                    "or convert the PDF to text with 'pdftotext -layout FILE.pdf FILE.txt' "
                    "and read FILE.txt");
}

const char *pdf_library_version(void)
{
    return NULL;
}

#else

#include <poppler.h>

/* poppler-glib (with glib, cairo and the rest: some forty libraries) is
 * opened when the first PDF is read (src/lib/common/dynlib.h); its functions are
 * called through here. */
#define POPPLER_FUNCTIONS(X) \
    X(get_version, poppler_get_version) \
    X(document_new_from_bytes, poppler_document_new_from_bytes) \
    X(document_get_n_pages, poppler_document_get_n_pages) \
    X(document_get_page, poppler_document_get_page) \
    X(page_get_text, poppler_page_get_text) \
    X(page_get_text_layout, poppler_page_get_text_layout) \
    X(page_get_text_attributes, poppler_page_get_text_attributes) \
    X(page_free_text_attributes, poppler_page_free_text_attributes) \
    X(error_quark, poppler_error_quark) \
    X(bytes_new_static, g_bytes_new_static) \
    X(bytes_unref, g_bytes_unref) \
    X(error_matches, g_error_matches) \
    X(clear_error, g_clear_error) \
    X(free_glib, g_free) \
    X(object_unref, g_object_unref) \
    X(log_set_handler, g_log_set_handler) \
    X(log_remove_handler, g_log_remove_handler)

/* members named apart from the functions, which a header may make macros */
#define POPPLER_MEMBER(member, function) __typeof__(function) *member;
static struct {
    POPPLER_FUNCTIONS(POPPLER_MEMBER)
} pp;

#define POPPLER_SYMBOL(member, function) {#function, &pp.member},
static const dynlib_symbol poppler_symbols[] = {POPPLER_FUNCTIONS(POPPLER_SYMBOL){NULL, NULL}};

static dynlib poppler_library = {
    POPPLER_SONAME, "reading a PDF", "install poppler-glib (Debian: the libpoppler-glib8 "
    "package), or convert the PDF to text with 'pdftotext -layout FILE.pdf FILE.txt' and "
    "read FILE.txt", poppler_symbols, NULL, 0};

#define WORD_SPLIT 1.0      /* of the font size: a gap this wide inside one of
                             * poppler's words parts it */
#define SPACE_MIN 0.15      /* gaps between these (of the font size) are */
#define SPACE_MAX 0.8       /* ... the word spaces a line's own space is measured on */
#define DEFAULT_SPACE 0.28  /* a font's space (of its size) when a line has none */
#define CELL_GAP 1.5        /* of the line's word space: a wider gap parts cells */
#define SAME_LINE 0.5       /* vertical overlap (of the smaller box) of one line */
#define LEADING 1.2         /* a line's height, of its font size */
#define BLANK_PITCH 1.6     /* baselines further apart than this many line
                             * heights leave a blank row between them */
#define DESCENT 0.21        /* a font's descent below the baseline, of its size:
                             * poppler's boxes reach it, the baseline is above */
#define MAX_COLUMN 4096     /* text columns: a cell further right starts here */
#define EM_BINS 512         /* font sizes counted for the body's em, in quarter points */

typedef struct glyph {
    double x0, x1, y0, y1;   /* its box, points from the page's top left */
    double size;             /* its font size in points */
    unsigned cp;             /* its character */
    unsigned char bold, italic;
    size_t word;             /* poppler's word it belongs to, in the page's order */
} glyph;

typedef struct pdf_reader {
    r2x_document *doc;
    r2x_error *err;
    grid *g;
    size_t max_text, max_line;
    double started, timeout_ms;
    int page, npages;
    size_t nglyphs;              /* on every page so far */
    size_t text_estimate;        /* bytes of cell text so far */
    r2x_buf glyphs;              /* one page's glyphs */
    r2x_buf turned;              /* ... those of its words set on end */
    r2x_buf gaps;                /* one line's gaps (doubles) */
    r2x_buf cell;                /* one cell's text */
    double prev_base, prev_height;   /* the last line of this page, 0 if none */
    unsigned long size_count[EM_BINS];
    double size_width[EM_BINS];
} pdf_reader;

const char *pdf_library_version(void)
{
    static char version[64];
    r2x_error err;
    r2x_error_clear(&err);
    if (dynlib_load(&poppler_library, "", &err))
        return "poppler-glib: " POPPLER_SONAME " cannot be loaded: PDF input fails";
    if (!version[0])
        snprintf(version, sizeof version, "poppler-glib %s", pp.get_version());
    return version;
}

/* ---- Limits ------------------------------------------------------------------ */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int out_of_time(pdf_reader *r)
{
    if (now_ms() - r->started <= r->timeout_ms)
        return 0;
    r2xi_fail(r->err, R2X_ETOOBIG, r->doc->name, 0,
             "reading the PDF took longer than %g seconds (stopped at page %d of %d); "
             "raise the limit with --pdf-timeout", r->timeout_ms / 1000, r->page, r->npages);
    return 1;
}

static int text_too_big(pdf_reader *r)
{
    return r2xi_fail(r->err, R2X_ETOOBIG, r->doc->name, 0,
                    "the PDF's text is larger than %zu bytes; not a release "
                    "(raise the limit with --max-input)", r->max_text);
}

static int out_of_memory(pdf_reader *r)
{
    return r2xi_fail(r->err, R2X_ENOMEM, r->doc->name, 0, "out of memory");
}

/* ---- Characters and fonts ------------------------------------------------------ */

/* The character at s in poppler's UTF-8, which may encode surrogates or
 * worse: a well-formed sequence is one character (U+FFFD when its value is
 * not one), a stray byte another, so that characters still count as
 * poppler's boxes do. */
static unsigned next_char(const unsigned char *s, const unsigned char *e, size_t *len)
{
    size_t n;
    unsigned cp = document_utf8_char(s, e, &n);
    if (n) {
        *len = n;
        return cp;
    }
    unsigned char c = s[0];
    n = c >= 0xF0 && c <= 0xF7 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC0 && c <= 0xDF ? 2 : 1;
    if ((size_t)(e - s) < n)
        n = 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) {
            n = 1;
            break;
        }
    *len = n;
    return 0xFFFD;
}

/* Spaces, controls and invisible characters part words; they are no glyphs. */
static int is_gap_char(unsigned cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static int name_has(const char *name, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = name; *p; p++)
        if (!strncasecmp(p, word, n))
            return 1;
    return 0;
}

static int font_is_bold(const char *name)
{
    return name && (name_has(name, "bold") || name_has(name, "black") ||
                    name_has(name, "heavy") || name_has(name, "demi"));
}

static int font_is_italic(const char *name)
{
    return name && (name_has(name, "italic") || name_has(name, "oblique"));
}

/* ---- One page's glyphs -------------------------------------------------------- */

static void count_size(pdf_reader *r, const glyph *gl)
{
    double bin = gl->size * 4 + 0.5;
    if (bin >= 1 && bin < EM_BINS) {
        r->size_count[(int)bin]++;
        r->size_width[(int)bin] += gl->x1 - gl->x0;
    }
}

/* Two glyphs of a word one above the other: the word is set on end. */
static int stacked(const glyph *a, const glyph *b)
{
    double across = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
    double down = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
    return across > 0.5 * fmin(a->x1 - a->x0, b->x1 - b->x0) &&
           down < 0.5 * fmin(a->y1 - a->y0, b->y1 - b->y0);
}

/* Words set on end (turned a quarter: a margin's "Unaudited") would join
 * whatever lines they pass: they go to r->turned, to be rows of their own
 * after the page's lines (pdftotext puts them there too).  The glyphs that
 * stay count towards the body's em. */
static int set_turned_apart(pdf_reader *r)
{
    glyph *gl = (glyph *)(void *)r->glyphs.data;
    size_t n = r->glyphs.len / sizeof *gl, kept = 0;
    buf_reset(&r->turned);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1, pairs = 0, on_end = 0;
        for (; j < n && gl[j].word == gl[i].word; j++, pairs++)
            on_end += stacked(&gl[j - 1], &gl[j]);
        if (pairs && on_end * 2 > pairs) {
            if (buf_add(&r->turned, gl + i, (j - i) * sizeof *gl))
                return out_of_memory(r);
        } else {
            for (size_t k = i; k < j; k++) {
                count_size(r, &gl[k]);
                gl[kept++] = gl[k];
            }
        }
        i = j;
    }
    if (kept * sizeof *gl < r->glyphs.len) {
        r->glyphs.len = kept * sizeof *gl;
        r->glyphs.data[r->glyphs.len] = '\0';
    }
    r->nglyphs += kept + r->turned.len / sizeof *gl;
    return R2X_OK;
}

/* The glyph of character i, from its box and the attributes that cover it;
 * 0 when its box is not a usable one. */
static int make_glyph(glyph *gl, unsigned cp, const PopplerRectangle *box,
                      const PopplerTextAttributes *attr)
{
    double x0 = fmin(box->x1, box->x2), x1 = fmax(box->x1, box->x2);
    double y0 = fmin(box->y1, box->y2), y1 = fmax(box->y1, box->y2);
    /* far beyond any page (14,400 points is the largest PDF allows) */
    if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1) || x0 < -1e6 ||
        x1 > 1e6 || y0 < -1e6 || y1 > 1e6)
        return 0;
    gl->x0 = x0;
    gl->x1 = x1;
    gl->y0 = y0;
    gl->y1 = y1;
    double size = attr ? attr->font_size : 0;
    gl->size = isfinite(size) && size > 0.1 && size < 1e4 ? size : fmax(y1 - y0, 1) / 1.2;
    gl->cp = cp;
    gl->bold = attr && font_is_bold(attr->font_name);
    gl->italic = attr && font_is_italic(attr->font_name);
    return 1;
}

/* The page's text, boxes and fonts into r->glyphs, one per visible
 * character; poppler's three answers count characters alike. */
static int collect_glyphs(pdf_reader *r, PopplerPage *page)
{
    int rc = R2X_OK;
    PopplerRectangle *boxes = NULL;
    guint nboxes = 0;
    GList *attrs = NULL;
    buf_reset(&r->glyphs);
    char *text = pp.page_get_text(page);
    if (out_of_time(r)) {
        rc = R2X_ETOOBIG;
        goto done;
    }
    if (!text || !*text || !pp.page_get_text_layout(page, &boxes, &nboxes))
        goto done;
    if (out_of_time(r)) {
        rc = R2X_ETOOBIG;
        goto done;
    }
    if (nboxes > r->max_text) {
        rc = text_too_big(r);
        goto done;
    }
    attrs = pp.page_get_text_attributes(page);
    if (out_of_time(r)) {
        rc = R2X_ETOOBIG;
        goto done;
    }
    const unsigned char *s = (const unsigned char *)text, *e = s + strlen(text);
    const GList *a = attrs;
    size_t word = 0;
    for (guint i = 0; s < e && i < nboxes; i++) {
        size_t n;
        unsigned cp = next_char(s, e, &n);
        s += n;
        while (a && ((const PopplerTextAttributes *)a->data)->end_index < (int)i)
            a = a->next;
        const PopplerTextAttributes *attr = a ? a->data : NULL;
        if (attr && attr->start_index > (int)i)
            attr = NULL;
        glyph gl;
        if (is_gap_char(cp)) {
            word++;
            continue;
        }
        if (!make_glyph(&gl, cp, &boxes[i], attr))
            continue;
        gl.word = word;
        if ((rc = buf_add(&r->glyphs, &gl, sizeof gl))) {
            out_of_memory(r);
            goto done;
        }
    }
    rc = set_turned_apart(r);
done:
    pp.free_glib(text);
    pp.free_glib(boxes);
    pp.page_free_text_attributes(attrs);
    return rc;
}

/* ---- Lines, words, cells -------------------------------------------------------- */

static int by_centre(const void *pa, const void *pb)
{
    const glyph *a = pa, *b = pb;
    double ca = a->y0 + a->y1, cb = b->y0 + b->y1;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    return a->x0 < b->x0 ? -1 : a->x0 > b->x0;
}

static int by_left(const void *pa, const void *pb)
{
    const glyph *a = pa, *b = pb;
    if (a->x0 != b->x0)
        return a->x0 < b->x0 ? -1 : 1;
    return a->x1 < b->x1 ? -1 : a->x1 > b->x1;
}

static int by_value(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Drop a glyph drawn again over itself (a bold faked by overprinting), as
 * poppler does within 0.1 of the font size: the same character starting
 * within a third of its width or 0.15 of its size (a condensed "ll" stands
 * 0.18 apart).  n glyphs sorted by their left edge; returns how many are
 * kept. */
static size_t drop_overprinted(glyph *gl, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept) {
            const glyph *p = &gl[kept - 1];
            double near = fmax((p->x1 - p->x0) / 3, 0.15 * p->size);
            if (p->cp == gl[i].cp && gl[i].x0 - p->x0 < near &&
                fabs(gl[i].y1 - p->y1) < (p->y1 - p->y0) / 3)
                continue;
        }
        gl[kept++] = gl[i];
    }
    return kept;
}

/* The gap before glyph i, in units of the larger of the two font sizes. */
static double relative_gap(const glyph *gl, size_t i)
{
    return (gl[i].x0 - gl[i - 1].x1) / fmax(gl[i].size, gl[i - 1].size);
}

/* A word ends before glyph i where poppler's words do and the glyphs do not
 * touch: poppler knows the character spacing a gap comes from (letters
 * spaced out, "# # #" printed as "###", stay a word) and the spaces drawn
 * (a raised footnote marker close to its word is another).  A gap as wide
 * as a column parts poppler's words too. */
static int word_break(const glyph *gl, size_t i)
{
    double gap = relative_gap(gl, i);
    if (gl[i].word == gl[i - 1].word)
        return gap > WORD_SPLIT;
    return gap > 0.01;
}

/* The line's word space, of the font size: the median of its gaps that are
 * word spaces (a justified line's are all stretched alike). */
static int line_space(pdf_reader *r, const glyph *gl, size_t n, double *space)
{
    buf_reset(&r->gaps);
    for (size_t i = 1; i < n; i++) {
        double gap = relative_gap(gl, i);
        if (gap > SPACE_MIN && gap <= SPACE_MAX && word_break(gl, i) &&
            buf_add(&r->gaps, &gap, sizeof gap))
            return out_of_memory(r);
    }
    size_t ngaps = r->gaps.len / sizeof(double);
    double *gaps = (double *)(void *)r->gaps.data;
    if (!ngaps) {
        *space = DEFAULT_SPACE;
        return R2X_OK;
    }
    qsort(gaps, ngaps, sizeof *gaps, by_value);
    *space = gaps[ngaps / 2];
    return R2X_OK;
}

/* A word that is a cell whatever its gaps: a currency sign, a closing
 * parenthesis or a percent sign standing alone. */
static int is_lone_symbol(const glyph *gl, size_t n)
{
    if (n != 1)
        return 0;
    switch (gl->cp) {
    case '$': case ')': case '%': case 0x20AC: case 0xA3: case 0xA5:
        return 1;
    }
    return 0;
}

/* The word starting at glyph i: its end. */
static size_t word_end(const glyph *gl, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && !word_break(gl, j))
        j++;
    return j;
}

/* Cells of the line [i, end) of glyphs into the grid's last row. */
static int add_cell(pdf_reader *r, const glyph *gl, size_t n)
{
    buf_reset(&r->cell);
    size_t bold = 0, italic = 0;
    double x1 = gl[0].x1;
    for (size_t i = 0; i < n; i++) {
        if (i && word_break(gl, i) && buf_addc(&r->cell, ' '))
            return out_of_memory(r);
        if (document_put_utf8(&r->cell, gl[i].cp))
            return out_of_memory(r);
        bold += gl[i].bold;
        italic += gl[i].italic;
        x1 = fmax(x1, gl[i].x1);
    }
    unsigned flags = (bold * 2 > n ? GRID_CELL_BOLD : 0) | (italic * 2 > n ? GRID_CELL_ITALIC : 0);
    r->text_estimate += r->cell.len + 2;
    if (r->text_estimate > r->max_text)
        return text_too_big(r);
    if (grid_add_cell(r->g, r->cell.data, r->cell.len, gl[0].x0, x1, 0, 0, flags))
        return out_of_memory(r);
    return R2X_OK;
}

static int add_cells(pdf_reader *r, const glyph *gl, size_t n)
{
    double space = DEFAULT_SPACE;
    int rc = line_space(r, gl, n, &space);
    size_t start = 0;
    int lone_before = 0;
    for (size_t i = 0; !rc && i < n;) {
        size_t end = word_end(gl, n, i);
        int lone = is_lone_symbol(gl + i, end - i);
        if (i > start && (lone || lone_before || relative_gap(gl, i) > CELL_GAP * space)) {
            rc = add_cell(r, gl + start, i - start);
            start = i;
        }
        lone_before = lone;
        i = end;
    }
    if (!rc)
        rc = add_cell(r, gl + start, n - start);
    return rc;
}

static int is_rule_char(unsigned cp)
{
    return cp == '-' || cp == '_' || cp == '=' || (cp >= 0x2012 && cp <= 0x2015);
}

/* A line of rules and nothing else: every cell three rule characters or more. */
static int is_rule_line(const grid *g, const grid_row *row)
{
    for (size_t i = 0; i < row->ncells; i++) {
        const grid_cell *c = grid_row_cell(g, row, i);
        const unsigned char *s = (const unsigned char *)grid_cell_text(g, c), *e = s + c->len;
        size_t nchars = 0;
        while (s < e) {
            size_t n;
            if (!is_rule_char(document_utf8_char(s, e, &n)) || !n)
                return 0;
            s += n;
            nchars++;
        }
        if (nchars < 3)
            return 0;
    }
    return row->ncells > 0;
}

/* One line of the page: n glyphs sorted left to right, the bottom y1 and
 * font size of its tallest glyph.  A blank row first when it stands well
 * below the last. */
static int add_line(pdf_reader *r, glyph *gl, size_t n, double y1, double size)
{
    n = drop_overprinted(gl, n);
    double base = y1 - DESCENT * size, height = LEADING * size;
    if (r->prev_height > 0 &&
        base - r->prev_base > BLANK_PITCH * (height + r->prev_height) / 2 &&
        grid_add_row(r->g, GRID_ROW_BLANK, 0, r->page, 0, 0))
        return out_of_memory(r);
    r->prev_base = base;
    r->prev_height = height;
    if (grid_add_row(r->g, GRID_ROW_LINE, 0, r->page, 0, gl[0].x0))
        return out_of_memory(r);
    grid_row *row = &r->g->rows[r->g->nrows - 1];
    row->y = base;
    int rc = add_cells(r, gl, n);
    row = &r->g->rows[r->g->nrows - 1];
    if (!rc && is_rule_line(r->g, row))
        row->kind = GRID_ROW_RULE;
    return rc;
}

/* The page's glyphs into lines, top to bottom: sorted by their centres, a
 * glyph joins the line while its box overlaps the line's tallest by half
 * the smaller height. */
static int add_page_lines(pdf_reader *r)
{
    glyph *gl = (glyph *)(void *)r->glyphs.data;
    size_t n = r->glyphs.len / sizeof *gl;
    qsort(gl, n, sizeof *gl, by_centre);
    r->prev_base = r->prev_height = 0;
    int rc = R2X_OK;
    for (size_t i = 0; !rc && i < n;) {
        double y0 = gl[i].y0, y1 = gl[i].y1, size = gl[i].size;
        size_t j = i + 1;
        for (; j < n; j++) {
            double overlap = fmin(y1, gl[j].y1) - fmax(y0, gl[j].y0);
            if (overlap <= 0 || overlap < SAME_LINE * fmin(y1 - y0, gl[j].y1 - gl[j].y0))
                break;
            if (gl[j].y1 - gl[j].y0 > y1 - y0) {
                y0 = gl[j].y0;
                y1 = gl[j].y1;
                size = gl[j].size;
            }
        }
        qsort(gl + i, j - i, sizeof *gl, by_left);
        rc = add_line(r, gl + i, j - i, y1, size);
        i = j;
    }
    return rc;
}

/* The page's words set on end, a row each after its lines (a blank row
 * first): their glyphs in poppler's order, which reads them. */
static int add_turned_words(pdf_reader *r)
{
    const glyph *gl = (const glyph *)(const void *)r->turned.data;
    size_t n = r->turned.len / sizeof *gl;
    grid *g = r->g;
    if (n && g->nrows && g->rows[g->nrows - 1].kind != GRID_ROW_PAGE &&
        grid_add_row(g, GRID_ROW_BLANK, 0, r->page, 0, 0))
        return out_of_memory(r);
    int rc = R2X_OK;
    for (size_t i = 0; !rc && i < n;) {
        size_t j = i + 1;
        double bottom = gl[i].y1;
        for (; j < n && gl[j].word == gl[i].word; j++)
            bottom = fmax(bottom, gl[j].y1);
        if (grid_add_row(g, GRID_ROW_LINE, 0, r->page, 0, gl[i].x0))
            return out_of_memory(r);
        g->rows[g->nrows - 1].y = bottom;
        rc = add_cell(r, gl + i, j - i);
        i = j;
    }
    return rc;
}

/* ---- The document's text -------------------------------------------------------- */

/* The body text's average glyph width: that of the font size most glyphs
 * have. */
static double body_em(const pdf_reader *r)
{
    size_t best = 0;
    for (size_t i = 1; i < EM_BINS; i++)
        if (r->size_count[i] > r->size_count[best])
            best = i;
    if (!r->size_count[best])
        return 5;
    double em = r->size_width[best] / (double)r->size_count[best];
    return em >= 0.5 && em <= 100 ? em : fmin(fmax(best / 8.0, 0.5), 100);
}

static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Row k's line of text: its cells at their columns (x0 / em), two spaces
 * apart at least; a page break is a form feed. */
static int lay_out_row(pdf_reader *r, size_t k, r2x_buf *text)
{
    grid *g = r->g;
    grid_row *row = &g->rows[k];
    long line = (long)k + 1;
    row->line = row->doc_line = line;
    if (row->kind == GRID_ROW_PAGE)
        return buf_addc(text, '\f');
    size_t col = 0;
    for (size_t i = 0; i < row->ncells; i++) {
        grid_cell *c = &g->cells[row->first + i];
        double at = c->x0 / g->em;
        size_t want = at <= 0 ? 0 : at >= MAX_COLUMN ? MAX_COLUMN : (size_t)lround(at);
        if (i && want < col + 2)
            want = col + 2;
        int rc = R2X_OK;
        for (; !rc && col < want; col++)
            rc = buf_addc(text, ' ');
        if (!rc)
            rc = buf_add(text, grid_cell_text(g, c), c->len);
        if (rc)
            return rc;
        c->line = line;
        c->column = (long)want + 1;
        col += utf8_chars(grid_cell_text(g, c), c->len);
    }
    return R2X_OK;
}

static int lay_out_text(pdf_reader *r)
{
    grid *g = r->g;
    g->em = body_em(r);
    r2x_buf text, lines;
    buf_init(&text, r->max_text);
    buf_init(&lines, R2X_BUF_NOCAP);
    size_t zero = 0;
    int rc = buf_add(&lines, &zero, sizeof zero);
    for (size_t k = 0; !rc && k < g->nrows; k++) {
        size_t begin = text.len;
        rc = lay_out_row(r, k, &text);
        if (!rc && text.len - begin > r->max_line) {
            rc = r2xi_fail(r->err, R2X_ETOOBIG, r->doc->name, (long)k + 1,
                          "line is longer than %zu bytes (page %d); expected the text of a "
                          "release", r->max_line, g->rows[k].page);
            goto fail;
        }
        if (!rc)
            rc = buf_addc(&text, '\n');
        if (!rc)
            rc = buf_add(&lines, &text.len, sizeof text.len);
    }
    if (rc) {
        if (rc == R2X_ETOOBIG)
            text_too_big(r);
        else
            out_of_memory(r);
        goto fail;
    }
    r->doc->nlines = g->nrows;
    r->doc->text = buf_detach(&text, &r->doc->len);
    r->doc->line_start = (size_t *)(void *)buf_detach(&lines, NULL);
    if (!r->doc->text || !r->doc->line_start)
        return out_of_memory(r);
    return R2X_OK;
fail:
    buf_release(&text);
    buf_release(&lines);
    return rc;
}

/* ---- The document --------------------------------------------------------------- */

/* poppler-glib sends PDF syntax warnings and errors (and its own assertion
 * failures) to g_log in the "Poppler" domain, where GLib's default handler
 * prints what G_MESSAGES_DEBUG asks for; the library never prints, so a
 * handler that drops them is installed while a PDF is read.  GLib's log
 * handlers are process-wide: while one is installed, poppler messages of
 * other threads of the process are dropped too, and two threads reading
 * PDFs at once each install and remove their own (GLib serialises that). */
static void quiet_poppler(const gchar *domain, GLogLevelFlags level, const gchar *message,
                          gpointer userdata)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)userdata;
}

/* Acrobat's own rule: %%EOF within the last 1024 bytes.  A file cut short
 * (a download interrupted) would otherwise be read up to where it stops,
 * statements missing without a word. */
static int has_end_marker(const char *data, size_t len)
{
    size_t from = len > 1024 ? len - 1024 : 0;
    for (size_t i = from; i + 5 <= len; i++)
        if (data[i] == '%' && !memcmp(data + i, "%%EOF", 5))
            return 1;
    return 0;
}

static int open_pdf(pdf_reader *r, const char *data, size_t len, PopplerDocument **out)
{
    *out = NULL;
    if (!has_end_marker(data, len))
        return r2xi_fail(r->err, R2X_EINPUT, r->doc->name, 0,
                        "the PDF is truncated: it does not end with %%%%EOF; "
                        "download or save it again");
    GBytes *bytes = pp.bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *pdf = pp.document_new_from_bytes(bytes, NULL, &gerr);
    pp.bytes_unref(bytes);
    if (pdf) {
        *out = pdf;
        return R2X_OK;
    }
    const char *why = gerr && gerr->message ? gerr->message : "poppler could not open it";
    int rc;
    if (gerr && pp.error_matches(gerr, pp.error_quark(), POPPLER_ERROR_ENCRYPTED))
        rc = r2xi_fail(r->err, R2X_EINPUT, r->doc->name, 0,
                      "the PDF is encrypted and needs a password (%s); remove it "
                      "(qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf) and read the result",
                      why);
    else
        rc = r2xi_fail(r->err, R2X_EINPUT, r->doc->name, 0, "cannot read the PDF: %s", why);
    pp.clear_error(&gerr);
    return rc;
}

static int read_pages(pdf_reader *r, PopplerDocument *pdf)
{
    int rc = R2X_OK;
    for (r->page = 1; !rc && r->page <= r->npages; r->page++) {
        if (out_of_time(r))
            return R2X_ETOOBIG;
        if (r->page > 1 && grid_add_row(r->g, GRID_ROW_PAGE, 0, r->page, 0, 0))
            return out_of_memory(r);
        PopplerPage *page = pp.document_get_page(pdf, r->page - 1);
        if (!page)
            continue;               /* a page poppler cannot make: no text */
        rc = collect_glyphs(r, page);
        pp.object_unref(page);
        if (!rc)
            rc = add_page_lines(r);
        if (!rc)
            rc = add_turned_words(r);
    }
    r->page = r->npages;
    return rc;
}

static int read_document(pdf_reader *r, const char *data, size_t len, size_t max_pages)
{
    PopplerDocument *pdf;
    int rc = open_pdf(r, data, len, &pdf);
    if (rc)
        return rc;
    r->npages = pp.document_get_n_pages(pdf);
    if (r->npages < 0 || (size_t)r->npages > max_pages)
        rc = r2xi_fail(r->err, R2X_ETOOBIG, r->doc->name, 0,
                      "the PDF has %d pages, more than the limit of %zu "
                      "(raise it with --max-pages)", r->npages, max_pages);
    else
        rc = read_pages(r, pdf);
    pp.object_unref(pdf);
    if (!rc && !r->nglyphs)
        rc = r2xi_fail(r->err, R2X_EINPUT, r->doc->name, 0,
                      "the PDF has no text (%d page%s of images or drawings, as a scan "
                      "is): run it through OCR (e.g. ocrmypdf --sidecar FILE.txt) and "
                      "read the text", r->npages, r->npages == 1 ? "" : "s");
    return rc;
}

int pdf_read(r2x_document *doc, const char *data, size_t len, const r2x_read_options *opts,
             r2x_error *err)
{
    int rc = dynlib_load(&poppler_library, doc->name, err);
    if (rc)
        return rc;
    pdf_reader *r = calloc(1, sizeof *r);
    if (!r)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    r->doc = doc;
    r->err = err;
    r->max_text = opts && opts->max_input_bytes ? opts->max_input_bytes : R2X_DEFAULT_MAX_INPUT;
    r->max_line = opts && opts->max_line_bytes ? opts->max_line_bytes : R2X_DEFAULT_MAX_LINE;
    size_t max_pages = opts && opts->max_pdf_pages ? opts->max_pdf_pages
                                                   : R2X_DEFAULT_MAX_PDF_PAGES;
    r->timeout_ms = opts && opts->pdf_timeout_ms ? (double)opts->pdf_timeout_ms
                                                 : R2X_DEFAULT_PDF_TIMEOUT_MS;
    r->started = now_ms();
    buf_init(&r->glyphs, R2X_BUF_NOCAP);
    buf_init(&r->turned, R2X_BUF_NOCAP);
    buf_init(&r->gaps, R2X_BUF_NOCAP);
    buf_init(&r->cell, R2X_BUF_NOCAP);
    r->g = grid_new(GRID_UNITS_POINTS, 1);
    if (!r->g) {
        rc = out_of_memory(r);
    } else {
        guint quiet = pp.log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
                                        G_LOG_FLAG_RECURSION, quiet_poppler, NULL);
        rc = read_document(r, data, len, max_pages);
        pp.log_remove_handler("Poppler", quiet);
    }
    if (!rc)
        rc = lay_out_text(r);
    if (!rc) {
        doc->grid = r->g;
        doc->format = R2X_INPUT_PDF;
    } else {
        grid_free(r->g);
    }
    buf_release(&r->glyphs);
    buf_release(&r->turned);
    buf_release(&r->gaps);
    buf_release(&r->cell);
    free(r);
    return rc;
}

#endif
