/*
 * html.c - read an HTML release into a grid (grid.h) and the document's
 * lines: each table row a grid row whose cells stand at their column
 * indexes (colspan, rowspan laid out), each paragraph and heading a row of
 * its own, preformatted text a row a line.
 *
 * A "$" or a "(" in a cell of its own is joined to the figure on its right,
 * a ")" or "%" to the figure on its left, so that a figure is one cell; the
 * table stage finds the columns from where figures end.  Every cell names
 * the line and column of its element in the HTML.
 */
#include "html.h"
#include "xml_guard.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "document.h"
#include "error.h"
#include "numbers.h"
#include "read_text.h"

#define MAX_GRID_COLS 512
#define MAX_DEPTH 256          /* deeper markup is not walked (no stack risk) */
#define MAX_INDENT 40

/* ---- Detection ------------------------------------------------------------ */

static int starts_ci(const char *s, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - s) >= n && strncasecmp(s, word, n) == 0;
}

static const char *skip_space(const char *s, const char *e)
{
    while (s < e && isspace((unsigned char)*s))
        s++;
    return s;
}

/* After "<?xml": skip the prolog, comments and a doctype; an html root? */
static int xml_root_is_html(const char *s, const char *e)
{
    for (int guard = 0; guard < 64 && s < e; guard++) {
        s = skip_space(s, e);
        if (starts_ci(s, e, "<!--")) {
            const char *end = NULL;
            for (const char *p = s + 4; p + 3 <= e; p++)
                if (!memcmp(p, "-->", 3)) {
                    end = p + 3;
                    break;
                }
            if (!end)
                return 0;
            s = end;
        } else if (starts_ci(s, e, "<?") || starts_ci(s, e, "<!")) {
            const char *gt = memchr(s, '>', (size_t)(e - s));
            if (!gt)
                return 0;
            s = gt + 1;
        } else {
            return starts_ci(s, e, "<html");
        }
    }
    return 0;
}

int html_sniff(const char *data, size_t len)
{
    const char *s = data, *e = data + len;
    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        s += 3;
    s = skip_space(s, e);
    if (starts_ci(s, e, "<!doctype html") || starts_ci(s, e, "<html"))
        return 1;
    if (starts_ci(s, e, "<?xml") && xml_root_is_html(s, e))
        return 1;
    for (const char *p = s; p + 3 < e; p++)
        if (p[0] == '<' && (p[1] | 0x20) == 't' && ((p[2] | 0x20) == 'r' || (p[2] | 0x20) == 'd') &&
            (p[3] == '>' || isspace((unsigned char)p[3])))
            return 1;
    return 0;
}

/* ---- Encoding ------------------------------------------------------------- */

/* The charset the document declares (meta charset, http-equiv content or the
 * XML prolog) into out, "" when none. */
static void declared_charset(const char *data, size_t len, char *out, size_t size)
{
    out[0] = '\0';
    size_t n = len < 4096 ? len : 4096;
    static const char *keys[] = {"charset=", "encoding="};
    for (size_t k = 0; k < 2; k++) {
        size_t kl = strlen(keys[k]);
        for (size_t i = 0; i + kl < n; i++) {
            if (strncasecmp(data + i, keys[k], kl))
                continue;
            size_t j = i + kl;
            while (j < n && (data[j] == '"' || data[j] == '\'' || data[j] == ' '))
                j++;
            size_t o = 0;
            while (j < n && o + 1 < size &&
                   (isalnum((unsigned char)data[j]) || strchr("-_.:", data[j])))
                out[o++] = data[j++];
            out[o] = '\0';
            if (o)
                return;
        }
    }
}

static int charset_is_latin(const char *cs)
{
    static const char *names[] = {"windows-1252", "cp1252", "iso-8859-1", "iso8859-1",
                                  "latin1", "latin-1", "us-ascii", "ascii", "x-cp1252"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(cs, names[i]))
            return 1;
    return 0;
}

static int all_utf8(const unsigned char *s, size_t len)
{
    const unsigned char *e = s + len;
    while (s < e) {
        size_t n = document_utf8_len(s, e);
        if (!n)
            return 0;
        s += n;
    }
    return 1;
}

/* Windows-1252 bytes as UTF-8 (undefined bytes as U+FFFD, as browsers do). */
static int cp1252_to_utf8(const unsigned char *s, size_t len, r2x_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned cp = document_cp1252_char(s[i]);
        int rc = document_put_utf8(out, cp ? cp : 0xFFFD);
        if (rc)
            return rc;
    }
    return R2X_OK;
}

/* len bytes of data in charset as UTF-8 into out; a sequence that is not
 * valid in charset becomes U+FFFD.  R2X_EINPUT when iconv does not know the
 * charset. */
static int iconv_to_utf8(const char *charset, const char *data, size_t len, r2x_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    /* glibc says EINVAL, not ENOMEM, when its own allocations fail: a
     * charset is unknown only when a second try fails too */
    if (cd == (iconv_t)-1 && errno == EINVAL)
        cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? R2X_ENOMEM : R2X_EINPUT;
    int rc = R2X_OK;
    char *in = (char *)data;
    size_t left = len;
    char chunk[4096];
    while (rc == R2X_OK) {
        char *o = chunk;
        size_t room = sizeof chunk;
        int flushing = left == 0;    /* last, the shift state (ISO-2022-JP) */
        size_t n = flushing ? iconv(cd, NULL, NULL, &o, &room) : iconv(cd, &in, &left, &o, &room);
        int e = errno;
        if ((rc = buf_add(out, chunk, sizeof chunk - room)))
            break;
        if (n != (size_t)-1 || e == E2BIG) {
            if (flushing && n != (size_t)-1)
                break;
            continue;
        }
        if (flushing || (e != EILSEQ && e != EINVAL)) {
            rc = e == ENOMEM ? R2X_ENOMEM : R2X_EINPUT;
            break;
        }
        rc = document_put_utf8(out, 0xFFFD);  /* skip a byte that is not charset */
        in++;
        left--;
    }
    iconv_close(cd);
    return rc;
}

/* ---- Output lines --------------------------------------------------------- */

/* Where elements start: each element and the offset of its '<' in the
 * UTF-8 the parser read, noted as the parser makes it (sorted by node once
 * the parse is done), and where the lines of that text start. */
typedef struct node_place_rec {
    const void *node;
    size_t pos;
} node_place_rec;

typedef struct node_places {
    r2x_buf recs;             /* node_place_rec[] */
    const node_place_rec *info;
    size_t n;
    const char *text;
    size_t len;
    size_t *line_start;       /* [nlines]: byte offset of each line */
    size_t nlines;
    int oom;
} node_places;

typedef struct out_lines {
    r2x_buf *text, *src;
    grid *g;
    const node_places *places;
    size_t max_line, max_output;
    const char *name;
    r2x_error *err;
    int rc;
    int last_blank;           /* the last line is blank, or there is none */
    long nlines;              /* lines written */
    int tables;               /* tables read */
} out_lines;

/* The line and column (1-based, in characters) where element n starts; 0
 * column when libxml2 kept no record of it. */
static void node_place(const out_lines *o, const xmlNode *n, long *line, long *column)
{
    *line = xmlGetLineNo((xmlNode *)(void *)n);
    *column = 0;
    const node_places *p = o->places;
    if (!p || !p->n || !n)
        return;
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->info[mid].node < (const void *)n)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= p->n || p->info[lo].node != (const void *)n)
        return;
    size_t pos = p->info[lo].pos;
    /* the line holding pos */
    size_t a = 0, b = p->nlines;
    while (b - a > 1) {
        size_t m = a + (b - a) / 2;
        if (p->line_start[m] <= pos)
            a = m;
        else
            b = m;
    }
    if (pos > p->len)
        return;
    size_t ln = a + 1;
    *line = (long)ln;
    long col = 1;
    for (size_t i = p->line_start[ln - 1]; i < pos; i++)
        col += ((unsigned char)p->text[i] & 0xC0) != 0x80;
    *column = col;
}

static void emit_line_at(out_lines *o, int kind, const char *s, size_t n, long line,
                         long column)
{
    if (o->rc)
        return;
    if (line < 0)
        line = 0;               /* libxml2 did not know the line */
    while (n && s[n - 1] == ' ')
        n--;
    if (n > o->max_line) {
        o->rc = r2xi_fail(o->err, R2X_ETOOBIG, o->name, line,
                         "a paragraph or table row longer than %zu bytes; "
                         "expected the text of a release", o->max_line);
        return;
    }
    if (o->text->len + n + 1 > o->max_output) {
        o->rc = r2xi_fail(o->err, R2X_ETOOBIG, o->name, line,
                         "the HTML expands to more than %zu bytes of text", o->max_output);
        return;
    }
    if ((o->rc = buf_add(o->text, s, n)) || (o->rc = buf_addc(o->text, '\n')) ||
        (o->rc = buf_add(o->src, &line, sizeof line))) {
        r2xi_fail(o->err, o->rc, o->name, line, "out of memory");
        return;
    }
    o->nlines++;
    o->last_blank = n == 0;
    if (kind < 0)
        return;             /* a table row: its cells follow */
    if (!n)
        kind = GRID_ROW_BLANK;
    if ((o->rc = grid_add_row(o->g, kind, line, 0, 0, 0)) ||
        (n && (o->rc = grid_add_cell(o->g, s, n, 0, 1, line, column, 0)))) {
        r2xi_fail(o->err, o->rc, o->name, line, "out of memory");
        return;
    }
    o->g->rows[o->g->nrows - 1].doc_line = o->nlines;
}

static void emit_line(out_lines *o, const char *s, size_t n, long line)
{
    emit_line_at(o, GRID_ROW_PARAGRAPH, s, n, line, 0);
}

static void emit_blank(out_lines *o, long line)
{
    if (!o->last_blank)
        emit_line(o, "", 0, line);
}

/* ---- Text with HTML white space ------------------------------------------- */

/* Text gathered from inline content: runs of white space (and no-break
 * spaces) become one space; lead counts the no-break spaces before the first
 * visible character, which indent a label. */
typedef struct textacc {
    r2x_buf b;
    int space;                /* a space is due before the next character */
    int visible;
    int lead;
    long line;                /* where the first visible character is */
} textacc;

static void textacc_init(textacc *t)
{
    memset(t, 0, sizeof *t);
    buf_init(&t->b, R2X_BUF_NOCAP);
}

static void textacc_reset(textacc *t)
{
    buf_reset(&t->b);
    t->space = t->visible = t->lead = 0;
    t->line = 0;
}

/* Append UTF-8 text.  Numeric references to C1 controls (&#146;) are the
 * Windows-1252 characters every browser shows; zero-width spaces go. */
static int add_text(textacc *t, const char *text, size_t len, long line)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len;
    while (s < e) {
        unsigned char c = *s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            t->space = 1;
            s++;
            continue;
        }
        if (e - s >= 2 && c == 0xC2 && s[1] == 0xA0) {
            t->space = 1;
            if (!t->visible)
                t->lead++;
            s += 2;
            continue;
        }
        if (e - s >= 3 && c == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0x8C)) {
            s += 3;           /* zero-width space and non-joiner */
            continue;
        }
        if (t->space && t->visible) {
            if (buf_addc(&t->b, ' '))
                return R2X_ENOMEM;
        }
        t->space = 0;
        if (!t->visible)
            t->line = line;
        t->visible = 1;
        if (e - s >= 2 && c == 0xC2 && s[1] >= 0x80 && s[1] < 0xA0) {
            unsigned cp = document_cp1252_char(s[1]);
            if (document_put_utf8(&t->b, cp ? cp : 0xFFFD))
                return R2X_ENOMEM;
            s += 2;
            continue;
        }
        size_t n = document_utf8_len(s, e);
        if (!n)
            n = 1;            /* libxml2 hands over UTF-8; never loop */
        if (c < 0x20) {       /* other controls are not text */
            s += n;
            continue;
        }
        if (buf_add(&t->b, s, n))
            return R2X_ENOMEM;
        s += n;
    }
    return R2X_OK;
}

/* ---- Elements ------------------------------------------------------------- */

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int is_any(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (is_el(n, *names))
            return 1;
    return 0;
}

static const char *const skipped_elements[] = {
    "head", "script", "style", "title", "noscript", "template", "object", "iframe",
    "ix:header", NULL};
static const char *const block_elements[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "center", "hr", "pre", "address", "section", "article", "header",
    "footer", "nav", "aside", "form", "fieldset", "figure", "figcaption", "main", "body",
    "html", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "table", NULL};

/* The value of attribute name of n, NULL when it has none.  Read in place:
 * libxml2's HTML parser gives an attribute one text child, or none for a
 * bare <td nowrap>.  A copy (xmlGetProp) can fail, which it would report as
 * no attribute (a colspan lost, and a wrong table). */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcasecmp((const char *)a->name, name))
            continue;
        const xmlNode *t = a->children;
        return t && t->type == XML_TEXT_NODE && t->content ? (const char *)t->content : "";
    }
    return NULL;
}

/* True for style="display: none" (Inline XBRL's hidden facts). */
static int hidden(const xmlNode *n)
{
    const char *style = attr(n, "style");
    if (!style)
        return 0;
    int h = 0;
    char squeezed[256];
    size_t o = 0;
    for (const char *p = style; *p && o + 1 < sizeof squeezed; p++)
        if (!isspace((unsigned char)*p))
            squeezed[o++] = (char)tolower((unsigned char)*p);
    squeezed[o] = '\0';
    if (strstr(squeezed, "display:none"))
        h = 1;
    return h;
}

static int skipped(const xmlNode *n)
{
    return is_any(n, skipped_elements) || hidden(n);
}

/* A CSS length in points: "1.5em", "19pt", "12px", "0". */
static double css_points(const char *s, const char **end)
{
    char *e;
    double v = strtod(s, &e);
    if (e == s) {
        *end = s;
        return 0;
    }
    if (!isfinite(v))
        v = 0;                        /* "nan", "inf": no length */
    double k = 0.75;                  /* bare numbers and px */
    if (!strncasecmp(e, "pt", 2))
        k = 1, e += 2;
    else if (!strncasecmp(e, "px", 2))
        e += 2;
    else if (!strncasecmp(e, "rem", 3))
        k = 12, e += 3;
    else if (!strncasecmp(e, "em", 2))
        k = 12, e += 2;
    else if (!strncasecmp(e, "in", 2))
        k = 72, e += 2;
    else if (!strncasecmp(e, "cm", 2))
        k = 28.35, e += 2;
    else if (!strncasecmp(e, "mm", 2))
        k = 2.835, e += 2;
    else if (*e == '%')
        k = 0, e++;
    *end = e;
    return v * k;
}

/* The CSS property name (n bytes) is prop, in any case. */
static int property_is(const char *name, size_t n, const char *prop)
{
    return strlen(prop) == n && !strncasecmp(name, prop, n);
}

/* The left edge of a box in points from its style: margin-left,
 * padding-left, text-indent and the margin/padding shorthands. */
static double style_left(const xmlNode *n)
{
    const char *style = attr(n, "style");
    if (!style)
        return 0;
    double left = 0;
    for (const char *decl = style; *decl;) {
        const char *end = strchr(decl, ';');
        if (!end)
            end = decl + strlen(decl);
        const char *colon = memchr(decl, ':', (size_t)(end - decl));
        if (colon) {
            const char *name = decl, *val = colon + 1;
            while (name < colon && isspace((unsigned char)*name))
                name++;
            size_t nl = (size_t)(colon - name);
            while (nl && isspace((unsigned char)name[nl - 1]))
                nl--;
            if (property_is(name, nl, "margin-left") || property_is(name, nl, "padding-left") ||
                property_is(name, nl, "text-indent")) {
                const char *e;
                left += css_points(val, &e);
            } else if (property_is(name, nl, "margin") || property_is(name, nl, "padding")) {
                double v[4];
                int nv = 0;
                const char *p = val;
                while (nv < 4) {
                    while (isspace((unsigned char)*p))
                        p++;
                    const char *e;
                    double x = css_points(p, &e);
                    if (e == p)
                        break;
                    v[nv++] = x;
                    p = e;
                }
                /* top right bottom left; three or two values: right = left */
                if (nv == 4)
                    left += v[3];
                else if (nv >= 2)
                    left += v[1];
                else if (nv == 1)
                    left += v[0];
            }
        }
        decl = *end ? end + 1 : end;
    }
    return left;
}

/* ---- Block flow: paragraphs ----------------------------------------------- */

typedef struct walker {
    out_lines o;
    textacc para;
    const xmlNode *para_block;  /* the block element the paragraph is in */
    int in_pre;
    int pre_start;            /* no text yet since <pre> */
} walker;

static int heading_element(const xmlNode *n)
{
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
    return n && is_any(n, h);
}

static void flush_para(walker *w)
{
    if (w->para.visible) {
        long line = w->para.line, column = 0;
        if (w->para_block) {
            long bl;
            node_place(&w->o, w->para_block, &bl, &column);
            if (bl != line)
                column = 0;
        }
        emit_line_at(&w->o, heading_element(w->para_block) ? GRID_ROW_HEADING
                                                            : GRID_ROW_PARAGRAPH,
                     w->para.b.data, w->para.b.len, line, column);
    }
    textacc_reset(&w->para);
    w->para_block = NULL;
}

/* A line of <pre> text: laid out in characters, as text is. */
static void emit_pre_line(out_lines *o, const char *s, size_t n, long line)
{
    emit_line_at(o, -1, s, n, line, 0);
    if (o->rc)
        return;
    if (text_is_blank(s, n))
        o->rc = grid_add_row(o->g, GRID_ROW_BLANK, line, 0, 0, 0);
    else
        o->rc = read_text_aligned_row(o->g, s, n, line, 0);
    if (o->rc) {
        r2xi_fail(o->err, o->rc, o->name, line, "out of memory");
        return;
    }
    o->g->rows[o->g->nrows - 1].doc_line = o->nlines;
    o->g->rows[o->g->nrows - 1].units = GRID_UNITS_CHARS;
}

static void walk_blocks(walker *w, const xmlNode *node, int depth);
static void read_table(walker *w, const xmlNode *table);

/* Append <pre> text as laid out: spaces kept, tabs expanded to 8-column
 * stops, so that a space-aligned table stays aligned. */
static int add_pre_text(textacc *t, const char *text, size_t len, long line)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len;
    size_t col = 0;
    for (const char *p = t->b.data; *p; p++)
        col += ((unsigned char)*p & 0xC0) != 0x80;
    while (s < e) {
        unsigned char c = *s;
        size_t n = 1;
        if (c == '\t') {
            do {
                if (buf_addc(&t->b, ' '))
                    return R2X_ENOMEM;
            } while (++col % 8);
        } else if (c == '\r' || (c < 0x20 && c != ' ')) {
            /* not text */
        } else if (e - s >= 2 && c == 0xC2 && s[1] == 0xA0) {
            if (buf_addc(&t->b, ' '))
                return R2X_ENOMEM;
            col++;
            n = 2;
        } else {
            n = document_utf8_len(s, e);
            if (!n)
                n = 1;
            if (c != ' ' && !t->visible) {
                t->visible = 1;
                t->line = line;
            }
            if (e - s >= 2 && c == 0xC2 && s[1] >= 0x80 && s[1] < 0xA0) {
                unsigned cp = document_cp1252_char(s[1]);
                if (document_put_utf8(&t->b, cp ? cp : 0xFFFD))
                    return R2X_ENOMEM;
            } else if (buf_add(&t->b, s, n)) {
                return R2X_ENOMEM;
            }
            col++;
        }
        s += n;
    }
    return R2X_OK;
}

static void text_node(walker *w, const xmlNode *n)
{
    const char *s = (const char *)n->content;
    if (!s)
        return;
    /* the line of the element before the text, else of its parent: libxml2
     * gives elements the line of their start tag */
    const xmlNode *at = n->parent ? n->parent : n;
    for (const xmlNode *p = n->prev; p; p = p->prev)
        if (p->type == XML_ELEMENT_NODE) {
            at = p;
            break;
        }
    long line = xmlGetLineNo((xmlNode *)(void *)at);
    if (!w->in_pre) {
        if (add_text(&w->para, s, strlen(s), line))
            w->o.rc = R2X_ENOMEM;
        return;
    }
    /* <pre>: each line of its text is a line, blank ones too; a newline
     * just after <pre> is not content */
    if (w->pre_start && *s == '\n') {
        s++;
        line++;
    }
    w->pre_start = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n_ = nl ? (size_t)(nl - s) : strlen(s);
        if (add_pre_text(&w->para, s, n_, line))
            w->o.rc = R2X_ENOMEM;
        if (!nl)
            break;
        if (!w->para.line)
            w->para.line = line;
        emit_pre_line(&w->o, w->para.b.data, w->para.b.len, w->para.line);
        textacc_reset(&w->para);
        s = nl + 1;
        line++;
    }
}

static int contains_table(const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_el(c, "table") || (c->type == XML_ELEMENT_NODE && contains_table(c, depth + 1)))
            return 1;
    return 0;
}

static void walk_blocks(walker *w, const xmlNode *node, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = node->children; c && !w->o.rc; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            text_node(w, c);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || skipped(c))
            continue;
        if (is_el(c, "br")) {
            flush_para(w);
            continue;
        }
        if (is_el(c, "table") && !contains_table(c, 0)) {
            flush_para(w);
            read_table(w, c);
            continue;
        }
        int block = is_any(c, block_elements);
        int pre = is_el(c, "pre");
        if (block)
            flush_para(w);
        if (block && !w->para.visible)
            w->para_block = c;
        if (pre) {
            w->in_pre++;
            w->pre_start = 1;
        }
        walk_blocks(w, c, depth + 1);
        if (pre)
            w->in_pre--;
        if (block)
            flush_para(w);
    }
}

/* ---- Tables --------------------------------------------------------------- */

enum hcell_kind { HC_EMPTY, HC_OPEN, HC_CLOSE, HC_FIGURE, HC_YEAR, HC_TEXT };

typedef struct hcell {
    int r0, r1, c0, c1;       /* grid rows and columns it spans */
    long line, column;        /* where its element starts */
    unsigned flags;           /* grid_cell_flags */
    int indent;               /* spaces, for a label */
    size_t off, len;          /* its text in the table's text buffer */
    size_t note_off, note_len;/* a footnote mark from <sup> */
    int kind;
    size_t order;             /* for a stable sort */
} hcell;

typedef struct table_read {
    r2x_buf cells;            /* hcell[] */
    r2x_buf text;             /* the cells' text */
    int nrows;
} table_read;

/* Collect the inline text of a cell.  A <sup> that is a footnote mark ("1",
 * "(a)", "*") is kept apart: it follows a label, it is dropped by a figure. */
typedef struct cellacc {
    textacc t;
    textacc note;
    double indent_pt;
    int bold_depth;           /* inside <b>, <strong>, font-weight: bold */
    size_t bold_chars, plain_chars;
} cellacc;

/* A style property's value, squeezed of spaces and lower-cased, into out
 * ("" when absent). */
static void style_value(const xmlNode *n, const char *prop, char *out, size_t size)
{
    const char *style = attr(n, "style");
    out[0] = '\0';
    size_t pl = strlen(prop);
    for (const char *p = style; p && *p; p++) {
        if (strncasecmp(p, prop, pl) || (p > style && (isalnum((unsigned char)p[-1]) ||
                                                      p[-1] == '-')))
            continue;
        const char *v = p + pl;
        while (*v == ' ')
            v++;
        if (*v != ':')
            continue;
        v++;
        size_t o = 0;
        for (; *v && *v != ';' && o + 1 < size; v++)
            if (*v != ' ')
                out[o++] = (char)tolower((unsigned char)*v);
        out[o] = '\0';
        return;
    }
}

/* Text raised above the line: a footnote mark as Workiva prints it
 * ("position:relative; top:-3.5pt"), or vertical-align: super. */
static int style_raised(const xmlNode *n)
{
    char v[32];
    style_value(n, "vertical-align", v, sizeof v);
    if (!strcmp(v, "super"))
        return 1;
    style_value(n, "top", v, sizeof v);
    if (v[0] != '-')
        return 0;
    style_value(n, "position", v, sizeof v);
    return !strcmp(v, "relative");
}

/* style="font-weight: bold" (or 600 and more). */
static int style_bold(const xmlNode *n)
{
    const char *style = attr(n, "style");
    const char *fw = NULL;
    for (const char *p = style; p && *p && !fw; p++)
        if (!strncasecmp(p, "font-weight", 11))
            fw = p;
    if (!fw)
        return 0;
    fw += strlen("font-weight");
    while (*fw == ' ' || *fw == ':')
        fw++;
    return !strncasecmp(fw, "bold", 4) || atoi(fw) >= 600;
}

static int sup_is_mark(const char *s, size_t n)
{
    if (n == 0 || n > 5)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("()*,", s[i]))
            return 0;
    return 1;
}

static void collect_cell(walker *w, const xmlNode *node, cellacc *c, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *n = node->children; n && !w->o.rc; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t before = c->t.b.len;
            if (n->content && add_text(&c->t, (const char *)n->content,
                                       strlen((const char *)n->content),
                                       xmlGetLineNo((xmlNode *)(void *)node)))
                w->o.rc = R2X_ENOMEM;
            if (c->bold_depth)
                c->bold_chars += c->t.b.len - before;
            else
                c->plain_chars += c->t.b.len - before;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || skipped(n))
            continue;
        if (is_el(n, "br")) {
            c->t.space = 1;
            continue;
        }
        if (is_el(n, "sup") || style_raised(n)) {
            cellacc sup;
            memset(&sup, 0, sizeof sup);
            textacc_init(&sup.t);
            textacc_init(&sup.note);
            collect_cell(w, n, &sup, depth + 1);
            if (sup_is_mark(sup.t.b.data, sup.t.b.len)) {
                if (!c->note.visible && add_text(&c->note, sup.t.b.data, sup.t.b.len, 0))
                    w->o.rc = R2X_ENOMEM;
            } else if (add_text(&c->t, sup.t.b.data, sup.t.b.len,
                                xmlGetLineNo((xmlNode *)(void *)n))) {
                w->o.rc = R2X_ENOMEM;
            }
            buf_release(&sup.t.b);
            buf_release(&sup.note.b);
            continue;
        }
        int block = is_any(n, block_elements);
        int bold = is_el(n, "b") || is_el(n, "strong") || style_bold(n);
        if (block)
            c->t.space = 1;
        if (!c->t.visible)
            c->indent_pt += style_left(n);
        c->bold_depth += bold;
        collect_cell(w, n, c, depth + 1);
        c->bold_depth -= bold;
        if (block)
            c->t.space = 1;
    }
}

static int attr_int(const xmlNode *n, const char *name, int lo, int hi)
{
    const char *v = attr(n, name);
    if (!v)
        return lo;
    long x = strtol(v, NULL, 10);
    if (x < lo)
        return lo;
    return x > hi ? hi : (int)x;
}

static int add_cell(walker *w, table_read *tr, const xmlNode *td, int row, int col,
                    int *busy)
{
    int cs = attr_int(td, "colspan", 1, MAX_GRID_COLS);
    int rs = attr_int(td, "rowspan", 1, 65534);
    hcell h;
    memset(&h, 0, sizeof h);
    h.r0 = row;
    h.r1 = row + rs - 1;
    h.c0 = col;
    h.c1 = col + cs - 1 < MAX_GRID_COLS ? col + cs - 1 : MAX_GRID_COLS - 1;
    for (int k = h.c0; k <= h.c1; k++)
        busy[k] = h.r1;
    node_place(&w->o, td, &h.line, &h.column);
    if (is_el(td, "th"))
        h.flags |= GRID_CELL_HEADER;
    cellacc c;
    memset(&c, 0, sizeof c);
    textacc_init(&c.t);
    textacc_init(&c.note);
    c.indent_pt = style_left(td);
    collect_cell(w, td, &c, 0);
    int rc = w->o.rc;
    if (!rc && c.t.visible) {
        double sp = c.indent_pt / 6 + c.t.lead + 0.5;   /* 1em = 2 spaces */
        /* !(sp >= 0): NaN too (margin-left: nan, or inf - inf), which no
         * cast may meet */
        h.indent = !(sp >= 0) ? 0 : sp > MAX_INDENT ? MAX_INDENT : (int)sp;
        if (c.t.line && c.t.line != h.line) {
            h.line = c.t.line;
            h.column = 0;
        }
        if (c.bold_chars > c.plain_chars)
            h.flags |= GRID_CELL_BOLD;
        h.off = tr->text.len;
        h.len = c.t.b.len;
        rc = buf_add(&tr->text, c.t.b.data, c.t.b.len);
        h.note_off = tr->text.len;
        h.note_len = c.note.b.len;
        if (!rc)
            rc = buf_add(&tr->text, c.note.b.data, c.note.b.len);
    }
    h.order = tr->cells.len / sizeof h;
    if (!rc)
        rc = buf_add(&tr->cells, &h, sizeof h);
    buf_release(&c.t.b);
    buf_release(&c.note.b);
    if (rc && !w->o.rc)
        w->o.rc = R2X_ENOMEM;
    return h.c1 + 1;
}

static void read_rows(walker *w, table_read *tr, const xmlNode *parent, int *busy, int depth)
{
    for (const xmlNode *r = parent->children; r && !w->o.rc; r = r->next) {
        if (r->type != XML_ELEMENT_NODE || skipped(r))
            continue;
        if ((is_el(r, "thead") || is_el(r, "tbody") || is_el(r, "tfoot")) && depth < 2) {
            read_rows(w, tr, r, busy, depth + 1);
            continue;
        }
        if (!is_el(r, "tr"))
            continue;
        int row = tr->nrows++;
        int col = 0;
        for (const xmlNode *td = r->children; td && !w->o.rc; td = td->next) {
            if (!is_el(td, "td") && !is_el(td, "th"))
                continue;
            while (col < MAX_GRID_COLS && busy[col] >= row)
                col++;
            if (col >= MAX_GRID_COLS)
                break;
            col = add_cell(w, tr, td, row, col, busy);
        }
    }
}

static const char *cell_text(const table_read *tr, const hcell *h, size_t *len)
{
    const char *s = tr->text.data + h->off;
    size_t n = h->len;
    while (n && *s == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    *len = n;
    return s;
}

static int text_in(const char *s, size_t n, const char *const *set)
{
    for (; *set; set++)
        if (strlen(*set) == n && !memcmp(s, *set, n))
            return 1;
    return 0;
}

/* The length of s without a trailing footnote mark: "(a)", "(12)", "*",
 * "\u2020" (dagger); n when there is none. */
static size_t strip_figure_mark(const char *s, size_t n)
{
    size_t e = n;
    if (e >= 3 && s[e - 1] == ')') {
        size_t k = e - 1;
        while (k > 0 && isalnum((unsigned char)s[k - 1]) && e - 1 - k < 2)
            k--;
        if (k < e - 1 && k > 0 && s[k - 1] == '(')
            e = k - 1;
    } else {
        while (e > 0 && s[e - 1] == '*')
            e--;
        while (e >= 3 && !memcmp(s + e - 3, "\xE2\x80\xA0", 3))
            e -= 3;
    }
    if (e == n)
        return n;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    return e;
}

static void classify(table_read *tr, hcell *h)
{
    static const char *const open[] = {"$", "US$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5",
                                       "(", "$(", "($", NULL};
    static const char *const close[] = {")", "%", ")%", "%)", NULL};
    size_t n;
    const char *s = cell_text(tr, h, &n);
    if (!n) {
        h->kind = HC_EMPTY;
        return;
    }
    if (text_in(s, n, open)) {
        h->kind = HC_OPEN;
        return;
    }
    if (text_in(s, n, close)) {
        h->kind = HC_CLOSE;
        return;
    }
    cell_reading r;
    number_read_cell(s, n, &r);
    if ((r.kind == CELL_TEXT || (r.kind == CELL_NUMBER && r.nfigures > 1))) {
        /* "1,234 (a)", "56*": a footnote mark typed after the figure; an
         * HTML cell holds one figure, so the mark goes */
        size_t m = strip_figure_mark(s, n);
        cell_reading r2;
        if (m < n && number_read_cell(s, m, &r2) == R2X_OK && r2.kind == CELL_NUMBER &&
            r2.nfigures == 1) {
            h->off = (size_t)(s - tr->text.data);
            h->len = m;
            r = r2;
        }
    }
    if (r.kind == CELL_NUMBER || r.kind == CELL_DASH) {
        const figure *f = &r.figures[0];
        h->kind = r.kind == CELL_NUMBER && r.nfigures == 1 && !f->grouped && !f->frac_digits &&
                          !f->percent && !f->currency && f->value.exp == 0 &&
                          f->value.coef >= 1900 && f->value.coef <= 2100
                      ? HC_YEAR : HC_FIGURE;
    } else if (r.kind == CELL_DECORATION) {
        h->kind = HC_EMPTY;
    } else {
        h->kind = HC_TEXT;
    }
}

static int by_row_then_col(const void *a, const void *b)
{
    const hcell *x = a, *y = b;
    if (x->r1 != y->r1)
        return x->r1 < y->r1 ? -1 : 1;
    if (x->c0 != y->c0)
        return x->c0 < y->c0 ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Replace cell h's text by the text of a then b (cells of the same table). */
static int join_cells(table_read *tr, hcell *h, const hcell *a, const hcell *b)
{
    size_t na, nb;
    const char *sa = cell_text(tr, a, &na), *sb = cell_text(tr, b, &nb);
    char *joined = malloc(na + nb + 1);
    if (!joined)
        return R2X_ENOMEM;
    memcpy(joined, sa, na);
    memcpy(joined + na, sb, nb);
    size_t off = tr->text.len;
    int rc = buf_add(&tr->text, joined, na + nb);   /* may move tr->text.data */
    free(joined);
    if (rc)
        return rc;
    h->off = off;
    h->len = na + nb;
    return R2X_OK;
}

/* Join a "$" or "(" to the figure on its right and a ")" or "%" to the one on
 * its left: [first, end) are one row's cells in column order. */
static int merge_signs(table_read *tr, hcell *cells, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++) {
        hcell *h = &cells[i];
        if (h->kind == HC_OPEN) {
            size_t j = i + 1;
            while (j < end && cells[j].kind == HC_EMPTY)
                j++;
            size_t nl;
            const char *ns = j < end ? cell_text(tr, &cells[j], &nl) : NULL;
            if (j == end || cells[j].kind == HC_OPEN || cells[j].kind == HC_CLOSE ||
                (cells[j].kind == HC_TEXT && !isdigit((unsigned char)ns[0]) && ns[0] != '('))
                continue;
            if (join_cells(tr, &cells[j], h, &cells[j]))
                return R2X_ENOMEM;
            cells[j].c0 = h->c0;
            cells[j].line = h->line;      /* the figure starts at its sign */
            cells[j].column = h->column;
            h->kind = HC_EMPTY;
            h->len = 0;
        } else if (h->kind == HC_CLOSE) {
            size_t k = i;
            while (k > first && cells[k - 1].kind == HC_EMPTY)
                k--;
            if (k == first || cells[k - 1].kind == HC_OPEN)
                continue;
            hcell *p = &cells[k - 1];
            size_t pl;
            const char *ps = cell_text(tr, p, &pl);
            if (p->kind == HC_TEXT && !isdigit((unsigned char)ps[pl - 1]))
                continue;       /* "(1,234" reads as text until closed */
            if (join_cells(tr, p, p, h))
                return R2X_ENOMEM;
            h->kind = HC_EMPTY;
            h->len = 0;
        }
    }
    for (size_t i = first; i < end; i++)
        if (cells[i].len && cells[i].kind != HC_EMPTY)
            classify(tr, &cells[i]);
    return R2X_OK;
}

/* The cells [first, end) of one table row as a grid row, and as a line of
 * the document: the cells' texts joined by tabs. */
static void emit_table_row(walker *w, table_read *tr, const hcell *cells, size_t first,
                           size_t end, int table)
{
    out_lines *o = &w->o;
    r2x_buf line;
    buf_init(&line, R2X_BUF_NOCAP);
    long at = 0, at_col = 0;
    int indent = -1, rc = R2X_OK;
    for (size_t k = first; k < end && !rc; k++) {
        const hcell *h = &cells[k];
        size_t len;
        const char *s = cell_text(tr, h, &len);
        if (!len || h->kind == HC_EMPTY)
            continue;
        if (!at) {
            at = h->line;
            at_col = h->column;
        }
        if (indent < 0) {
            indent = h->indent;
            for (int i = 0; i < indent && !rc; i++)
                rc = buf_addc(&line, ' ');
        } else {
            rc = buf_addc(&line, '\t');
        }
        if (!rc)
            rc = buf_add(&line, s, len);
    }
    if (rc || !at) {
        if (rc)
            o->rc = R2X_ENOMEM;
        buf_release(&line);
        return;
    }
    emit_line_at(o, -1, line.data, line.len, at, at_col);
    if (!o->rc && (o->rc = grid_add_row(o->g, GRID_ROW_TABLE, at, 0, table, indent)))
        r2xi_fail(o->err, o->rc, o->name, at, "out of memory");
    if (!o->rc)
        o->g->rows[o->g->nrows - 1].doc_line = o->nlines;
    for (size_t k = first; k < end && !o->rc; k++) {
        const hcell *h = &cells[k];
        size_t len;
        const char *s = cell_text(tr, h, &len);
        if (!len || h->kind == HC_EMPTY)
            continue;
        buf_reset(&line);
        rc = buf_add(&line, s, len);
        if (!rc && h->note_len && h->kind == HC_TEXT) {
            /* a footnote mark after a label, as the table stage strips it:
             * "Cost of sales (1)" */
            const char *m = tr->text.data + h->note_off;
            int paren = m[0] == '(' || m[0] == '*';
            rc = buf_adds(&line, paren ? " " : " (");
            if (!rc)
                rc = buf_add(&line, m, h->note_len);
            if (!rc && !paren)
                rc = buf_addc(&line, ')');
        }
        if (!rc)
            rc = grid_add_cell(o->g, line.data, line.len, h->c0, h->c1 + 1, h->line,
                               h->column, h->flags);
        if (rc) {
            o->rc = rc;
            r2xi_fail(o->err, rc, o->name, h->line, "out of memory");
        }
    }
    buf_release(&line);
}

static void read_table(walker *w, const xmlNode *table)
{
    table_read tr;
    memset(&tr, 0, sizeof tr);
    buf_init(&tr.cells, R2X_BUF_NOCAP);
    buf_init(&tr.text, R2X_BUF_NOCAP);
    int *busy = malloc(MAX_GRID_COLS * sizeof *busy);
    if (!busy) {
        w->o.rc = R2X_ENOMEM;
        goto done;
    }
    for (int k = 0; k < MAX_GRID_COLS; k++)
        busy[k] = -1;
    long table_line = xmlGetLineNo((xmlNode *)(void *)table);

    /* a caption titles the table */
    for (const xmlNode *c = table->children; c; c = c->next)
        if (is_el(c, "caption") && !skipped(c)) {
            flush_para(w);
            walk_blocks(w, c, 1);
            flush_para(w);
        }
    read_rows(w, &tr, table, busy, 0);
    if (w->o.rc)
        goto done;
    size_t n = tr.cells.len / sizeof(hcell);
    hcell *cells = (hcell *)(void *)tr.cells.data;
    for (size_t i = 0; i < n; i++) {
        if (cells[i].r1 >= tr.nrows)
            cells[i].r1 = tr.nrows - 1;
        classify(&tr, &cells[i]);
    }
    qsort(cells, n, sizeof *cells, by_row_then_col);
    int id = ++w->o.tables;
    emit_blank(&w->o, table_line);
    for (size_t i = 0; i < n && !w->o.rc;) {
        size_t j = i;
        while (j < n && cells[j].r1 == cells[i].r1)
            j++;
        if (merge_signs(&tr, cells, i, j)) {
            w->o.rc = R2X_ENOMEM;
            goto done;
        }
        cells = (hcell *)(void *)tr.cells.data;
        emit_table_row(w, &tr, cells, i, j, id);
        i = j;
    }
    emit_blank(&w->o, table_line);
done:
    free(busy);
    buf_release(&tr.cells);
    buf_release(&tr.text);
}

/* ---- The document --------------------------------------------------------- */

/* data in UTF-8, whatever it came in, as *text and *n: data itself when
 * it is UTF-8 already, else converted into out.  libxml2 is given UTF-8
 * only (see html_parse_utf8).  (UTF-16 was decoded by the document
 * reader.)  The encoding is decided from the bytes, as a
 * declaration can be wrong: a UTF-8 byte order mark, else valid UTF-8
 * (non-ASCII bytes that are valid UTF-8 are almost never anything else), else
 * a declared charset other than Latin-1, else Windows-1252, as browsers read
 * Latin-1 and as old EDGAR HTML is. */
static int html_to_utf8(const char *data, size_t len, int windows_1252, const char **text,
                        size_t *n, r2x_buf *out)
{
    const unsigned char *u = (const unsigned char *)data;
    int bom = !windows_1252 && len >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3);
    if (bom) {
        data += 3;
        u += 3;
        len -= 3;
    }
    *text = data;             /* as it is, when it is UTF-8 already */
    *n = len;
    if (!windows_1252 && all_utf8(u, len))
        return R2X_OK;
    if (bom) {                /* UTF-8 by its mark: a stray byte is U+FFFD */
        int rc = R2X_OK;
        for (const unsigned char *e = u + len; !rc && u < e;) {
            size_t k = document_utf8_len(u, e);
            rc = k ? buf_add(out, u, k) : document_put_utf8(out, 0xFFFD);
            u += k ? k : 1;
        }
        *text = out->data ? out->data : "";
        *n = out->len;
        return rc;
    }
    char declared[64];
    declared_charset(data, len, declared, sizeof declared);
    int rc = R2X_EINPUT;
    if (!windows_1252 && declared[0] && strcasecmp(declared, "utf-8") &&
        strcasecmp(declared, "utf8") && !charset_is_latin(declared)) {
        rc = iconv_to_utf8(declared, data, len, out);
        if (rc == R2X_EINPUT)
            buf_reset(out);          /* a charset iconv does not know */
    }
    if (rc == R2X_EINPUT)
        rc = cp1252_to_utf8(u, len, out);
    *text = out->data ? out->data : "";
    *n = out->len;
    return rc;
}

/* Parses the UTF-8 text s (len bytes) into *doc: R2X_OK, with *doc NULL if
 * libxml2 made nothing of it, or R2X_ENOMEM.  As htmlReadMemory, except that
 * the parser is told the whole input is in its buffer (readcallback NULL):
 * else it grows the buffer as it nears the end, and libxml2 2.9.14 loses
 * its input when that fails (a NULL pointer it goes on reading); and that
 * an allocation failure ends the parse (xml_guard_halt_on_out_of_memory). */
/* libxml2's own start-of-element handler, then a note of where the element
 * starts: the '<' before the parser's place, which is past the tag. */
static void note_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr ctxt = ctx;
    xmlSAX2StartElement(ctx, name, atts);
    node_places *p = ctxt->_private;
    if (!p || !ctxt->node || !ctxt->input || !ctxt->input->cur || p->oom)
        return;
    size_t pos = (size_t)(ctxt->input->cur - ctxt->input->base);
    if (pos > p->len)
        pos = p->len;
    while (pos > 0 && p->text[pos - 1] != '<')
        pos--;
    node_place_rec r = {ctxt->node, pos ? pos - 1 : 0};
    if (buf_add(&p->recs, &r, sizeof r))
        p->oom = 1;
}

static int by_node(const void *a, const void *b)
{
    const node_place_rec *x = a, *y = b;
    return x->node < y->node ? -1 : x->node > y->node;
}

static int html_parse_utf8(const char *s, size_t len, htmlDocPtr *doc, node_places *places)
{
    const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC;
    xml_guard guard;
    xml_guard_begin(&guard);
    *doc = NULL;
    int rc = R2X_ENOMEM;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    xmlParserInputBufferPtr in =
        ctxt ? xmlParserInputBufferCreateMem(s ? s : "", (int)len, XML_CHAR_ENCODING_NONE)
             : NULL;
    xmlParserInputPtr input = in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE) : NULL;
    if (in && !input)
        xmlFreeParserInputBuffer(in);
    if (input && inputPush(ctxt, input) >= 0) {     /* inputPush frees input when it fails */
        input->buf->readcallback = NULL;
        htmlCtxtUseOptions(ctxt, options);
        ctxt->charset = XML_CHAR_ENCODING_UTF8;   /* else it guesses at the first non-ASCII byte */
        ctxt->_private = places;                  /* where each element starts */
        ctxt->sax->startElement = note_start;
        xml_guard_halt_on_out_of_memory(&guard, ctxt);
        htmlParseDocument(ctxt);
        *doc = ctxt->myDoc;
        ctxt->myDoc = NULL;
        rc = R2X_OK;
        places->n = places->recs.len / sizeof(node_place_rec);
        places->info = (const node_place_rec *)(const void *)places->recs.data;
        qsort(places->recs.data, places->n, sizeof(node_place_rec), by_node);
        if (places->oom)
            rc = R2X_ENOMEM;
        xml_guard_halt_on_out_of_memory(&guard, NULL);   /* ctxt is going */
    }
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    if (xml_guard_end(&guard))
        rc = R2X_ENOMEM;
    return rc;
}

/* Where each line of the parsed text starts, for columns. */
static int index_lines(node_places *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->len; i++)
        n += p->text[i] == '\n';
    p->line_start = malloc(n * sizeof *p->line_start);
    if (!p->line_start)
        return R2X_ENOMEM;
    p->nlines = 0;
    p->line_start[p->nlines++] = 0;
    for (size_t i = 0; i < p->len; i++)
        if (p->text[i] == '\n')
            p->line_start[p->nlines++] = i + 1;
    return R2X_OK;
}

/* The language the document declares: <html lang="en-US"> (or xml:lang),
 * kept when it looks like a language tag. */
static void read_language(const xmlNode *html, grid *g)
{
    xmlChar *lang = xmlGetProp(html, BAD_CAST "lang");
    if (!lang)
        lang = xmlGetNsProp(html, BAD_CAST "lang", XML_XML_NAMESPACE);
    size_t n = lang ? strlen((const char *)lang) : 0;
    int ok = n >= 2 && n < sizeof g->lang;
    for (size_t i = 0; ok && i < n; i++) {
        char c = (char)lang[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             (c == '-' && i);
    }
    if (ok)
        memcpy(g->lang, lang, n + 1);
    xmlFree(lang);
}

int html_read(const char *name, const char *data, size_t len, int windows_1252,
              size_t max_line, size_t max_output, r2x_buf *text,
              r2x_buf *source_lines, grid *g, r2x_error *err)
{
    r2x_buf utf8;
    buf_init(&utf8, R2X_BUF_NOCAP);
    const char *s;
    size_t n;
    int rc = html_to_utf8(data, len, windows_1252, &s, &n, &utf8);
    if (rc == R2X_OK && n > INT_MAX)
        rc = R2X_ETOOBIG;
    if (rc) {
        buf_release(&utf8);
        return r2xi_fail(err, rc, name, 0,
                        rc == R2X_ETOOBIG ? "HTML input too large to parse" : "out of memory");
    }
    htmlDocPtr doc = NULL;
    node_places places;
    memset(&places, 0, sizeof places);
    buf_init(&places.recs, R2X_BUF_NOCAP);
    places.text = s;
    places.len = n;
    rc = html_parse_utf8(s, n, &doc, &places);
    if (!rc)
        rc = index_lines(&places);
    if (rc) {
        xmlFreeDoc(doc);
        buf_release(&places.recs);
        free(places.line_start);
        buf_release(&utf8);
        return r2xi_fail(err, rc, name, 0, "out of memory");
    }
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        buf_release(&places.recs);
        free(places.line_start);
        buf_release(&utf8);
        return r2xi_fail(err, R2X_EINPUT, name, 0, "cannot be read as HTML");
    }
    walker w;
    memset(&w, 0, sizeof w);
    w.o.text = text;
    w.o.src = source_lines;
    w.o.g = g;
    w.o.places = &places;
    w.o.max_line = max_line;
    w.o.max_output = max_output;
    w.o.name = name;
    w.o.err = err;
    w.o.last_blank = 1;
    textacc_init(&w.para);
    read_language(xmlDocGetRootElement(doc), g);
    walk_blocks(&w, (const xmlNode *)doc, 0);
    flush_para(&w);
    buf_release(&w.para.b);
    xmlFreeDoc(doc);
    buf_release(&places.recs);
    free(places.line_start);
    buf_release(&utf8);
    rc = w.o.rc;
    if (rc == R2X_ENOMEM)
        r2xi_fail(err, rc, name, 0, "out of memory");
    return rc;
}
