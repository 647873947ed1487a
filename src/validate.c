/* validate.c - XBRL instance checks: the DTS, contexts, units, facts.
 *
 * Schema-level validity of the facts is checked directly, not by compiling
 * the taxonomy with libxml2's XML Schema processor (which cannot compile the
 * US-GAAP schema in reasonable time or memory): each fact must be a declared,
 * non-abstract item or tuple, and an item's text must be in the lexical space
 * of the built-in type its type derives from (decimal, integer kinds, float,
 * boolean, date, dateTime, gYear, QName...).  Facets (enumerations, lengths,
 * patterns), content models and schema defaults need a schema processor:
 * schema_check.c runs libxml2's on DTSs small enough to compile (--schema).
 */
#include <ctype.h>
#include <errno.h>
#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "fetch.h"
#include "validate.h"
#include "xml_guard.h"
#include "ixbrl_extract.h"
#include "schema_check.h"

struct r2x_validator {
    r2x_validate_options opts;
    fetcher *fetch;
    int own_fetch;                  /* made here, freed here */
};

typedef struct vrun {
    r2x_validator *v;
    const char *name;               /* the instance, as messages call it */
    r2x_validate_result *res;
    dts *d;
    xmlDictPtr dict;
    xmlHashTablePtr ids;            /* context and unit ids */
    xmlHashTablePtr contexts, units;
    xmlHashTablePtr fact_ids;       /* ids of items and tuples: footnote locators */
    xmlHashTablePtr present;        /* keys of the concepts reported, at any depth */
    r2x_buf context_list, unit_list;  /* vcontext *, vunit * */
    r2x_buf facts;                  /* vfact */
    r2x_buf unchecked;              /* unchecked_ns: facts of unavailable schemas */
    size_t order;                   /* preorder number of the last fact or tuple read */
    r2x_buf schema_findings;        /* r2x_error: XML Schema validity, held back */
    r2x_buf error_lines;            /* long: lines the instance checks found errors on */
    int oom;
} vrun;

typedef struct unchecked_ns {
    const char *ns, *schema;
    long first_line;
    size_t facts;
} unchecked_ns;

/* ---- reporting -------------------------------------------------------------- */

static void count(r2x_validate_result *res, int severity)
{
    if (severity == R2X_SEV_ERROR)
        res->errors++;
    else
        res->warnings++;
}

static void report(void *self, int severity, long line, const char *code, const char *fmt, ...)
{
    vrun *r = self;
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    count(r->res, severity);
    if (severity == R2X_SEV_ERROR && buf_add(&r->error_lines, &line, sizeof line))
        r->oom = 1;
    r2x_diag(r->v->opts.diag, r->v->opts.diag_userdata, severity, R2X_EINPUT, r->name, line, 0,
             "[%s] %s", code, msg);
}

/* XML Schema validity findings of the instance wait for the instance checks:
 * a line they found an error on (a value not in its type's lexical space, a
 * unitRef missing) needs no second, less specific message. */
static void hold_schema_finding(void *userdata, const r2x_error *e)
{
    vrun *r = userdata;
    if (buf_add(&r->schema_findings, e, sizeof *e))
        r->oom = 1;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void release_schema_findings(vrun *r)
{
    long *lines = (long *)r->error_lines.data;
    size_t nl = r->error_lines.len / sizeof *lines;
    if (nl)
        qsort(lines, nl, sizeof *lines, cmp_long);
    const r2x_error *e = (const r2x_error *)r->schema_findings.data;
    for (size_t i = 0; i < r->schema_findings.len / sizeof *e; i++) {
        if (nl && bsearch(&e[i].line, lines, nl, sizeof *lines, cmp_long))
            continue;
        count(r->res, e[i].severity);
        if (r->v->opts.diag)
            r->v->opts.diag(r->v->opts.diag_userdata, &e[i]);
    }
    buf_reset(&r->schema_findings);
}

/* DTS findings: counted, then passed on. */
static void dts_diag(void *userdata, const r2x_error *e)
{
    vrun *r = userdata;
    count(r->res, e->severity);
    if (r->v->opts.diag)
        r->v->opts.diag(r->v->opts.diag_userdata, e);
}

const char *r2x_diag_rule(const r2x_error *diag, char *code, size_t size)
{
    const char *m = diag->message;
    if (size)
        code[0] = '\0';
    const char *close = m[0] == '[' ? strstr(m, "] ") : NULL;
    if (!close)
        return m;
    size_t n = (size_t)(close - m - 1);
    if (size) {
        if (n >= size)
            n = size - 1;
        memcpy(code, m + 1, n);
        code[n] = '\0';
    }
    return close + 2;
}

/* ---- small helpers ---------------------------------------------------------- */

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) &&
           (!name || (n->name && !strcmp((const char *)n->name, name)));
}

static long line_of(const xmlNode *n)
{
    return n ? xmlGetLineNo(n) : 0;
}

static xmlNodePtr first_el(xmlNodePtr n)
{
    for (n = n ? n->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static xmlNodePtr next_el(xmlNodePtr n)
{
    for (n = n->next; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static const char *intern(vrun *r, const char *s)
{
    const char *p = s ? (const char *)xmlDictLookup(r->dict, BAD_CAST s, -1) : NULL;
    if (s && !p) {
        r->oom = 1;    /* the run fails; "" keeps the callers going till then */
        return "";
    }
    return p;
}

/* The text of an element, whitespace trimmed; malloc'd. */
static char *text_of(vrun *r, xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    const char *s = c ? (const char *)c : "";
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *t = r2x_strndup(s, len);
    xmlFree(c);
    if (!t)
        r->oom = 1;
    return t;
}

static char *prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetNoNsProp(n, BAD_CAST name);
}

/* ---- lexical forms ------------------------------------------------------------ */

static int digits(const char **p)
{
    int n = 0;
    while (isdigit((unsigned char)**p)) {
        (*p)++;
        n++;
    }
    return n;
}

static int lex_decimal(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    int a = digits(&s), b = 0;
    if (*s == '.') {
        s++;
        b = digits(&s);
    }
    return (a || b) && !*s;
}

static int lex_integer(const char *s, int *sign)
{
    *sign = 0;
    if (*s == '+' || *s == '-')
        *sign = *s++ == '-' ? -1 : 1;
    const char *start = s;
    int n = digits(&s);
    if (!n || *s)
        return 0;
    int zero = 1;
    for (; start < s; start++)
        zero &= *start == '0';
    *sign = zero ? 0 : *sign < 0 ? -1 : 1;
    return 1;
}

static int lex_float(const char *s)
{
    if (!strcmp(s, "INF") || !strcmp(s, "-INF") || !strcmp(s, "NaN") || !strcmp(s, "+INF"))
        return 1;
    if (*s == '+' || *s == '-')
        s++;
    int a = digits(&s), b = 0;
    if (*s == '.') {
        s++;
        b = digits(&s);
    }
    if (!a && !b)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!digits(&s))
            return 0;
    }
    return !*s;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dm[m - 1];
}

typedef struct when { int y, mo, d, h, mi; double s; int has_time; } when;

static int lex_tz(const char **p)
{
    const char *s = *p;
    if (*s == 'Z') {
        *p = s + 1;
        return 1;
    }
    if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
        s[3] == ':' && isdigit((unsigned char)s[4]) && isdigit((unsigned char)s[5])) {
        *p = s + 6;
        return 1;
    }
    return !*s;
}

/* xs:date or xs:dateTime (want: 1 date, 2 dateTime, 3 either). */
static int lex_when(const char *s, int want, when *w)
{
    memset(w, 0, sizeof *w);
    const char *p = s;
    if (*p == '-')
        p++;
    const char *y0 = p;
    int ny = digits(&p);
    if (ny < 4 || (ny > 4 && *y0 == '0') || *p != '-')
        return 0;
    w->y = atoi(y0);
    if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3] != '-' ||
        !isdigit((unsigned char)p[4]) || !isdigit((unsigned char)p[5]))
        return 0;
    w->mo = (p[1] - '0') * 10 + (p[2] - '0');
    w->d = (p[4] - '0') * 10 + (p[5] - '0');
    p += 6;
    if (w->mo < 1 || w->mo > 12 || w->d < 1 || w->d > days_in(w->y, w->mo))
        return 0;
    if (*p == 'T') {
        if (!(want & 2))
            return 0;
        p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
            !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]) || p[5] != ':' ||
            !isdigit((unsigned char)p[6]) || !isdigit((unsigned char)p[7]))
            return 0;
        w->h = (p[0] - '0') * 10 + (p[1] - '0');
        w->mi = (p[3] - '0') * 10 + (p[4] - '0');
        w->s = (p[6] - '0') * 10 + (p[7] - '0');
        p += 8;
        if (*p == '.') {
            p++;
            if (!digits(&p))
                return 0;
        }
        if (w->h > 24 || w->mi > 59 || w->s > 59 || (w->h == 24 && (w->mi || w->s)))
            return 0;
        w->has_time = 1;
    } else if (!(want & 1)) {
        return 0;
    }
    return lex_tz(&p) && !*p;
}

static int lex_gyear(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (digits(&p) < 4)
        return 0;
    return lex_tz(&p) && !*p;
}

static int lex_ncname(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_' || (unsigned char)s[0] >= 0x80))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.' ||
              (unsigned char)s[i] >= 0x80))
            return 0;
    return 1;
}

/* Resolve a QName in the scope of node into "{ns}local"; NULL when its
 * prefix is not declared or it is no QName. */
static const char *resolve_qname(vrun *r, xmlNodePtr node, const char *q)
{
    const char *colon = strchr(q, ':');
    char prefix[256];
    const char *local = q;
    xmlNsPtr ns;
    if (colon) {
        size_t n = (size_t)(colon - q);
        if (n >= sizeof prefix || !lex_ncname(q, n) || !lex_ncname(colon + 1, strlen(colon + 1)))
            return NULL;
        memcpy(prefix, q, n);
        prefix[n] = '\0';
        ns = xmlSearchNs(node->doc, node, BAD_CAST prefix);
        if (!ns)
            return NULL;
        local = colon + 1;
    } else {
        if (!lex_ncname(q, strlen(q)))
            return NULL;
        ns = xmlSearchNs(node->doc, node, NULL);
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "{%s}%s", ns ? (const char *)ns->href : "", local);
    return intern(r, buf);
}

/* Is text in the lexical space of lex?  (text is whitespace-collapsed.) */
static int lexically_valid(vrun *r, xmlNodePtr node, int lex, const char *t)
{
    int sign;
    when w;
    switch (lex) {
    case DTS_LEX_DECIMAL: return lex_decimal(t);
    case DTS_LEX_INTEGER: return lex_integer(t, &sign);
    case DTS_LEX_NONNEG_INTEGER: return lex_integer(t, &sign) && sign >= 0;
    case DTS_LEX_POS_INTEGER: return lex_integer(t, &sign) && sign > 0;
    case DTS_LEX_NONPOS_INTEGER: return lex_integer(t, &sign) && sign <= 0;
    case DTS_LEX_NEG_INTEGER: return lex_integer(t, &sign) && sign < 0;
    case DTS_LEX_FLOAT: return lex_float(t);
    case DTS_LEX_BOOLEAN:
        return !strcmp(t, "true") || !strcmp(t, "false") || !strcmp(t, "1") || !strcmp(t, "0");
    case DTS_LEX_DATE: return lex_when(t, 1, &w);
    case DTS_LEX_DATETIME: return lex_when(t, 2, &w);
    case DTS_LEX_DATE_UNION: return lex_when(t, 3, &w);
    case DTS_LEX_GYEAR: return lex_gyear(t);
    case DTS_LEX_QNAME: return resolve_qname(r, node, t) != NULL;
    }
    return 1;
}

/* ---- contexts ----------------------------------------------------------------- */

static int cmp_attr(const void *pa, const void *pb)
{
    const xmlAttr *a = *(const xmlAttr *const *)pa, *b = *(const xmlAttr *const *)pb;
    int c = strcmp(a->ns ? (const char *)a->ns->href : "", b->ns ? (const char *)b->ns->href : "");
    return c ? c : strcmp((const char *)a->name, (const char *)b->name);
}

/* Where a segment or scenario value is typed, s-equality compares values, not
 * lexical forms (4.10): numbers (decimal, integer kinds, float, double) by
 * value, booleans as 0 and 1.  Into out (96 bytes) goes the canonical form;
 * returns 0 when the text is compared as it is, -1 for NaN (equal to nothing,
 * itself included), 1 otherwise. */
static int canonical_value(int lex, const char *t, char *out)
{
    switch (lex) {
    case DTS_LEX_BOOLEAN:
        if (!strcmp(t, "true") || !strcmp(t, "1") || !strcmp(t, "false") || !strcmp(t, "0")) {
            /* as the numbers 1 and 0: an attribute's type is guessed (below) */
            strcpy(out, t[0] == 't' || t[0] == '1' ? "#1e0" : "#0e0");
            return 1;
        }
        return 0;
    case DTS_LEX_FLOAT:
        if (!strcmp(t, "NaN"))
            return -1;
        /* fall through */
    case DTS_LEX_DECIMAL: case DTS_LEX_INTEGER: case DTS_LEX_NONNEG_INTEGER:
    case DTS_LEX_POS_INTEGER: case DTS_LEX_NONPOS_INTEGER: case DTS_LEX_NEG_INTEGER: {
        vdec v = vdec_parse(t);
        if (!v.ok)
            return 0;
        while (v.coef != 0 && v.coef % 10 == 0) {
            v.coef /= 10;
            v.exp++;
        }
        if (v.coef == 0)
            v.exp = 0;
        char digits[64];
        vdec m = v;
        m.exp = 0;
        vdec_format(m, digits);
        snprintf(out, 96, "#%se%d", digits, v.exp);
        return 1;
    }
    }
    return 0;
}

/* The type of an attribute in segment or scenario content.  The DTS keeps
 * global element declarations, not the attributes of complex types, so a value
 * that reads as a number or a boolean is taken as one: a string attribute
 * whose lexical forms differ only as numbers do would wrongly be s-equal.
 * (The hook for schema-validated values, PSVI types and defaults.) */
static int attribute_lex(const xmlAttr *a, const char *v)
{
    (void)a;
    if (!strcmp(v, "true") || !strcmp(v, "false"))
        return DTS_LEX_BOOLEAN;
    if (!strcmp(v, "NaN") || lex_float(v))
        return DTS_LEX_FLOAT;
    return DTS_LEX_ANY;
}

/* PSVI hook: the value an element declaration's default or fixed attribute
 * gives an empty element (XML Schema 3.3.4), for empty items (395 V-3) and
 * segment and scenario content (395 V-5).  The DTS reader does not keep it
 * yet; the schema module that supplies PSVI values plugs in here, and
 * attribute_lex() above is where attribute types and defaults (395 V-7) go. */
static const char *declared_default(const dts_concept *decl)
{
    (void)decl;
    return NULL;
}

/* Add text t of an element or attribute to the canonical form: its value
 * when it is typed; a NaN sets *nan. */
static int add_value(r2x_buf *b, int lex, const char *t, size_t len, int *nan)
{
    char one[64], canon[96];
    if (lex != DTS_LEX_ANY && len < sizeof one) {
        memcpy(one, t, len);
        one[len] = '\0';
        int k = canonical_value(lex, one, canon);
        if (k < 0)
            *nan = 1;
        if (k > 0)
            return buf_adds(b, canon);
    }
    return buf_add(b, t, len);
}

/* Canonical text of a segment or scenario for s-equality: elements with
 * their expanded names, attributes and trimmed text, in order; typed values
 * by value.  *nan is set when a value is NaN: the content is then s-equal
 * to nothing. */
static int serialize(vrun *r, r2x_buf *b, xmlNodePtr n, int *nan)
{
    int rc = 0;
    const dts_concept *decl = n->ns ? dts_concept_get(r->d, (const char *)n->ns->href,
                                                      (const char *)n->name) : NULL;
    int lex = decl && !(decl->flags & DTS_TYPE_UNKNOWN) ? decl->lex : DTS_LEX_ANY;
    const char *dflt = decl && !first_el(n) ? declared_default(decl) : NULL;
    size_t before = b->len;
    for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            rc |= buf_addf(b, "<{%s}%s", c->ns ? (const char *)c->ns->href : "",
                           (const char *)c->name);
            /* attributes in name order: their order does not matter (4.10) */
            xmlAttrPtr attrs[32];
            size_t na = 0;
            for (xmlAttrPtr a = c->properties; a && na < 32; a = a->next)
                attrs[na++] = a;
            qsort(attrs, na, sizeof *attrs, cmp_attr);
            for (size_t i = 0; i < na && !rc; i++) {
                xmlAttrPtr a = attrs[i];
                xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
                const char *vs = v ? (const char *)v : "";
                rc |= buf_addf(b, " {%s}%s=", a->ns ? (const char *)a->ns->href : "",
                               (const char *)a->name);
                rc |= add_value(b, attribute_lex(a, vs), vs, strlen(vs), nan);
                xmlFree(v);
            }
            rc |= buf_adds(b, ">");
            rc |= serialize(r, b, c, nan);
            rc |= buf_adds(b, "</>");
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)c->content;
            size_t len = strlen(s);
            while (len && isspace((unsigned char)*s)) {
                s++;
                len--;
            }
            while (len && isspace((unsigned char)s[len - 1]))
                len--;
            rc |= add_value(b, lex, s, len, nan);
        }
    }
    if (dflt && b->len == before)
        rc |= add_value(b, lex, dflt, strlen(dflt), nan);
    return rc;
}

/* segment (4.7.3.2) and scenario (4.7.4): not empty, nothing from the xbrli
 * namespace, no items or tuples. */
static void check_open_content(vrun *r, xmlNodePtr n, const char *what, const char *sec)
{
    char code[96];
    if (!first_el(n)) {
        snprintf(code, sizeof code, "%s:%sEmpty", sec, what);
        report(r, R2X_SEV_ERROR, line_of(n), code, "the %s of a context must not be empty",
               what);
        return;
    }
    xmlNodePtr stack[64];
    int top = 0;
    stack[top++] = n;
    while (top) {
        xmlNodePtr p = stack[--top];
        for (xmlNodePtr c = first_el(p); c; c = next_el(c)) {
            if (c->ns && !strcmp((const char *)c->ns->href, XBRLI_NS)) {
                snprintf(code, sizeof code, "%s:%sNamespace", sec, what);
                report(r, R2X_SEV_ERROR, line_of(c), code,
                       "xbrli:%s must not be used in a %s", (const char *)c->name, what);
            } else if (c->ns) {
                const dts_concept *k = dts_concept_get(r->d, (const char *)c->ns->href,
                                                       (const char *)c->name);
                if (k && (k->kind == DTS_ITEM || k->kind == DTS_TUPLE)) {
                    snprintf(code, sizeof code, "%s:%sSubstitutionGroup", sec, what);
                    report(r, R2X_SEV_ERROR, line_of(c), code,
                           "%s is an item or tuple and must not be used in a %s",
                           (const char *)c->name, what);
                }
            }
            if (top < 64)
                stack[top++] = c;
        }
    }
}

/* The point in time a date or dateTime stands for, as comparable text; an
 * end date with no time is the end of that day (4.7.2). */
static void when_key(const when *w, int is_end, char *buf, size_t size)
{
    int y = w->y, mo = w->mo, d = w->d, h = w->h;
    if ((!w->has_time && is_end) || h == 24) {
        h = 0;
        if (++d > days_in(y, mo)) {
            d = 1;
            if (++mo > 12) {
                mo = 1;
                y++;
            }
        }
    }
    snprintf(buf, size, "%05d-%02d-%02dT%02d:%02d:%06.3f", y, mo, d, h, w->mi, w->s);
}


/* The interned id of a context or unit (what: "a context") into *out; id
 * is freed.  Missing and repeated ids are reported (ids are unique in a
 * document) and return 0; a new id returns 1. */
static int register_id(vrun *r, char *id, long line, const char *what, void *owner,
                       const char **out)
{
    const char *interned = intern(r, id ? id : "");
    xmlFree(id);
    *out = interned;
    if (!interned[0]) {
        report(r, R2X_SEV_ERROR, line, "xmlSchema:missingId", "%s must have an id", what);
        return 0;
    }
    int seen = xmlHashLookup(r->ids, BAD_CAST interned) != NULL;
    if (!seen && xmlHashAddEntry(r->ids, BAD_CAST interned, owner)) {
        r->oom = 1;
        return 0;
    }
    if (seen) {
        report(r, R2X_SEV_ERROR, line, "xmlSchema:duplicateId", "the id '%s' is used twice",
               interned);
        return 0;
    }
    return 1;
}
static void read_context(vrun *r, xmlNodePtr cx)
{
    long line = line_of(cx);
    char *id = prop(cx, "id");
    vcontext *c = calloc(1, sizeof *c);
    r2x_buf sig;
    buf_init(&sig, R2X_BUF_NOCAP);
    if (!c || buf_add(&r->context_list, &c, sizeof c)) {
        free(c);
        xmlFree(id);
        r->oom = 1;
        return;
    }
    c->line = line;
    if (register_id(r, id, line, "a context", c, &c->id))
        xmlHashAddEntry(r->contexts, BAD_CAST c->id, c);
    xmlNodePtr entity = first_el(cx);
    xmlNodePtr period = entity ? next_el(entity) : NULL;
    xmlNodePtr scenario = period ? next_el(period) : NULL;
    int rc = 0, nan = 0;
    if (!is_el(entity, XBRLI_NS, "entity")) {
        report(r, R2X_SEV_ERROR, line, "xbrl.4.7.3:missingEntity",
               "context '%s' has no entity", c->id);
    } else {
        xmlNodePtr ident = first_el(entity);
        char *scheme = ident ? prop(ident, "scheme") : NULL;
        if (!is_el(ident, XBRLI_NS, "identifier") || !scheme || !scheme[0]) {
            report(r, R2X_SEV_ERROR, ident ? line_of(ident) : line,
                   "xbrl.4.7.3.1:entityIdentifier",
                   "the entity of context '%s' needs an identifier with a scheme", c->id);
        } else {
            char *v = text_of(r, ident);
            if (!v || !v[0])
                report(r, R2X_SEV_ERROR, line_of(ident), "xbrl.4.7.3.1:entityIdentifier",
                       "the entity identifier of context '%s' is empty", c->id);
            rc |= buf_addf(&sig, "%s\x1f%s\x1f", scheme, v ? v : "");
            free(v);
        }
        xmlFree(scheme);
        xmlNodePtr seg = ident ? next_el(ident) : NULL;
        if (is_el(seg, XBRLI_NS, "segment")) {
            check_open_content(r, seg, "segment", "xbrl.4.7.3.2");
            rc |= buf_adds(&sig, "S");
            rc |= serialize(r, &sig, seg, &nan);
        }
    }
    rc |= buf_adds(&sig, "\x1f");
    if (!is_el(period, XBRLI_NS, "period")) {
        report(r, R2X_SEV_ERROR, line, "xbrl.4.7.2:missingPeriod", "context '%s' has no period",
               c->id);
    } else {
        xmlNodePtr p1 = first_el(period), p2 = p1 ? next_el(p1) : NULL;
        char k1[48] = "", k2[48] = "";
        when w1, w2;
        if (is_el(p1, XBRLI_NS, "forever") && !p2) {
            c->forever = 1;
            c->period = DTS_PERIOD_DURATION;
            rc |= buf_adds(&sig, "forever");
        } else if (is_el(p1, XBRLI_NS, "instant") && !p2) {
            char *t = text_of(r, p1);
            if (!t || !lex_when(t, 3, &w1))
                report(r, R2X_SEV_ERROR, line_of(p1), "xmlSchema:valueError",
                       "the instant '%s' of context '%s' is not a date or dateTime",
                       t ? t : "", c->id);
            else {
                when_key(&w1, 1, k1, sizeof k1);
                c->period = DTS_PERIOD_INSTANT;
                rc |= buf_addf(&sig, "I%s", k1);
            }
            free(t);
        } else if (is_el(p1, XBRLI_NS, "startDate") && is_el(p2, XBRLI_NS, "endDate") &&
                   !next_el(p2)) {
            char *t1 = text_of(r, p1), *t2 = text_of(r, p2);
            int ok1 = t1 && lex_when(t1, 3, &w1), ok2 = t2 && lex_when(t2, 3, &w2);
            if (!ok1 || !ok2) {
                report(r, R2X_SEV_ERROR, line_of(ok1 ? p2 : p1), "xmlSchema:valueError",
                       "the %s '%s' of context '%s' is not a date or dateTime",
                       ok1 ? "endDate" : "startDate", ok1 ? t2 ? t2 : "" : t1 ? t1 : "", c->id);
            } else {
                when_key(&w1, 0, k1, sizeof k1);
                when_key(&w2, 1, k2, sizeof k2);
                if (strcmp(k1, k2) >= 0)
                    report(r, R2X_SEV_ERROR, line_of(p2), "xbrl.4.7.2:periodStartAfterEnd",
                           "context '%s' ends (%s) before it starts (%s)", c->id, t2, t1);
                else {
                    c->period = DTS_PERIOD_DURATION;
                    rc |= buf_addf(&sig, "D%s/%s", k1, k2);
                }
            }
            free(t1);
            free(t2);
        } else {
            report(r, R2X_SEV_ERROR, line_of(period), "xbrl.4.7.2:periodContent",
                   "the period of context '%s' must hold an instant, a startDate and an "
                   "endDate, or forever", c->id);
        }
    }
    if (is_el(scenario, XBRLI_NS, "scenario")) {
        check_open_content(r, scenario, "scenario", "xbrl.4.7.4");
        rc |= buf_adds(&sig, "\x1fS");
        rc |= serialize(r, &sig, scenario, &nan);
    }
    /* NaN is equal to nothing: such a context is s-equal to itself alone */
    if (nan)
        rc |= buf_addf(&sig, "\x1fNaN\x1f%s", c->id);
    if (rc)
        r->oom = 1;
    c->sig = intern(r, sig.data);
    buf_release(&sig);
}

/* ---- units ---------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The measures of n's measure children, resolved and sorted; count in *k. */
static int measures(vrun *r, xmlNodePtr n, const char **out, int max, int *k, const char *uid)
{
    *k = 0;
    int bad = 0;
    for (xmlNodePtr m = first_el(n); m; m = next_el(m)) {
        if (!is_el(m, XBRLI_NS, "measure")) {
            bad = 1;
            continue;
        }
        char *t = text_of(r, m);
        const char *q = t ? resolve_qname(r, m, t) : NULL;
        if (!q)
            report(r, R2X_SEV_ERROR, line_of(m), "xmlSchema:valueError",
                   "the measure '%s' of unit '%s' is not a QName with a declared prefix",
                   t ? t : "", uid);
        else if (!strncmp(q, "{" XBRLI_NS "}", strlen(XBRLI_NS) + 2) &&
                 strcmp(q, "{" XBRLI_NS "}pure") && strcmp(q, "{" XBRLI_NS "}shares"))
            report(r, R2X_SEV_ERROR, line_of(m), "xbrl.4.8.2:xbrliMeasure",
                   "the measure '%s' of unit '%s' is in the XBRL instance namespace but is "
                   "neither pure nor shares", t, uid);
        if (q && *k < max)
            out[(*k)++] = q;
        free(t);
    }
    qsort(out, (size_t)*k, sizeof *out, cmp_str);
    return bad;
}

static void read_unit(vrun *r, xmlNodePtr un)
{
    long line = line_of(un);
    char *id = prop(un, "id");
    vunit *u = calloc(1, sizeof *u);
    if (!u || buf_add(&r->unit_list, &u, sizeof u)) {
        free(u);
        xmlFree(id);
        r->oom = 1;
        return;
    }
    u->line = line;
    if (register_id(r, id, line, "a unit", u, &u->id))
        xmlHashAddEntry(r->units, BAD_CAST u->id, u);
    const char *num[32], *den[32];
    int nn = 0, nd = 0;
    xmlNodePtr first = first_el(un);
    r2x_buf sig;
    buf_init(&sig, R2X_BUF_NOCAP);
    int rc = 0;
    if (is_el(first, XBRLI_NS, "divide")) {
        xmlNodePtr a = first_el(first), b = a ? next_el(a) : NULL;
        if (!is_el(a, XBRLI_NS, "unitNumerator") || !is_el(b, XBRLI_NS, "unitDenominator") ||
            next_el(b) || next_el(first)) {
            report(r, R2X_SEV_ERROR, line_of(first), "xbrl.4.8.4:divideContent",
                   "the divide of unit '%s' must hold a unitNumerator and a unitDenominator",
                   u->id);
        } else {
            measures(r, a, num, 32, &nn, u->id);
            measures(r, b, den, 32, &nd, u->id);
            if (!nn || !nd)
                report(r, R2X_SEV_ERROR, line_of(first), "xbrl.4.8.4:divideContent",
                       "the numerator and denominator of unit '%s' each need a measure", u->id);
            for (int i = 0, j = 0; i < nn && j < nd;) {
                int c = strcmp(num[i], den[j]);
                if (!c) {
                    report(r, R2X_SEV_ERROR, line_of(first), "xbrl.4.8.4:divideCommonMeasure",
                           "unit '%s' has %s in both its numerator and its denominator",
                           u->id, num[i]);
                    break;
                }
                if (c < 0) i++; else j++;
            }
        }
    } else {
        if (measures(r, un, num, 32, &nn, u->id) || !nn)
            report(r, R2X_SEV_ERROR, line, "xbrl.4.8.2:unitContent",
                   "unit '%s' must hold measures or one divide", u->id);
        if (nn == 1) {
            /* a currency: the ISO 4217 namespace and a three-letter code */
            size_t nl = strlen(ISO4217_NS) + 2;
            int in_ns = !strncmp(num[0], "{" ISO4217_NS "}", nl);
            const char *code = in_ns ? num[0] + nl : "";
            u->iso4217 = in_ns && strlen(code) == 3 &&
                         isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]) &&
                         isupper((unsigned char)code[2]);
            u->shares = !strcmp(num[0], "{" XBRLI_NS "}shares");
            u->pure = !strcmp(num[0], "{" XBRLI_NS "}pure");
        }
    }
    for (int i = 0; i < nn; i++)
        rc |= buf_addf(&sig, "%s%s", i ? "*" : "", num[i]);
    if (nd)
        rc |= buf_adds(&sig, "/");
    for (int i = 0; i < nd; i++)
        rc |= buf_addf(&sig, "%s%s", i ? "*" : "", den[i]);
    if (rc)
        r->oom = 1;
    u->sig = intern(r, sig.data);
    buf_release(&sig);
}

/* ---- facts ------------------------------------------------------------------------- */

static void read_fact(vrun *r, xmlNodePtr n, xmlNodePtr parent);

static void read_item(vrun *r, xmlNodePtr n, vfact *f)
{
    const dts_concept *k = f->concept;
    const char *name = k->name;
    long line = f->line;
    int num = (k->flags & DTS_NUMERIC) != 0;
    /* a type whose derivation the DTS lacks (an unavailable schema): neither
     * numeric nor non-numeric rules can be applied */
    int known = !(k->flags & DTS_TYPE_UNKNOWN);
    char *ctx = prop(n, "contextRef"), *unit = prop(n, "unitRef");
    char *dec = prop(n, "decimals"), *prec = prop(n, "precision");
    xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST XSI_NS);
    f->nil = nil && (!strcmp((const char *)nil, "true") || !strcmp((const char *)nil, "1"));
    f->text = text_of(r, n);
    const char *dflt = f->text && !f->text[0] && !first_el(n) ? declared_default(k) : NULL;
    if (dflt) {
        free(f->text);
        if (!(f->text = r2x_strndup(dflt, strlen(dflt))))
            r->oom = 1;
    }
    if (!num) {
        xmlChar *lang = xmlNodeGetLang(n);
        f->lang = lang ? intern(r, (const char *)lang) : NULL;
        xmlFree(lang);
    }
    if (!ctx)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.1:itemContextRef",
               "item %s has no contextRef", name);
    else if (!(f->context = xmlHashLookup(r->contexts, BAD_CAST ctx)))
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.1:itemContextRef",
               "item %s refers to context '%s', which is not in the instance", name, ctx);
    if (!known) {
        /* nothing can be said of the unit */
    } else if (num && !unit)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.2:numericUnit",
               "numeric item %s has no unitRef", name);
    else if (num && !(f->unit = xmlHashLookup(r->units, BAD_CAST unit)))
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.2:numericUnit",
               "item %s refers to unit '%s', which is not in the instance", name, unit);
    else if (!num && unit)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.2:nonNumericUnit",
               "non-numeric item %s must not have a unitRef", name);
    if (k->abstract)
        report(r, R2X_SEV_ERROR, line, "xbrl.5.1.1:abstractConcept",
               "%s is abstract and cannot be reported", name);
    /* nil */
    if (f->nil && !k->nillable)
        report(r, R2X_SEV_ERROR, line, "xmlSchema:nilNotNillable",
               "%s is nil but its declaration is not nillable", name);
    if (f->nil && ((f->text && f->text[0]) || first_el(n)))
        report(r, R2X_SEV_ERROR, line, "xmlSchema:nilContent",
               "%s is nil and must be empty", name);
    /* precision and decimals (4.6.3) */
    int is_fraction = (k->flags & DTS_FRACTION) != 0;
    if (!known) {
        /* nor of decimals and precision */
    } else if (f->nil && (dec || prec))
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.3:nilPrecisionDecimals",
               "nil item %s must not have %s", name, dec ? "decimals" : "precision");
    else if ((!num || is_fraction) && (dec || prec))
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.3:nonNumericPrecisionDecimals",
               "%s item %s must not have %s", is_fraction ? "fraction" : "non-numeric", name,
               dec ? "decimals" : "precision");
    else if (num && !is_fraction && !f->nil && dec && prec)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.3:bothPrecisionAndDecimals",
               "%s has both precision and decimals", name);
    else if (num && !is_fraction && !f->nil && !dec && !prec)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6.3:missingPrecisionDecimals",
               "numeric item %s needs decimals or precision", name);
    int sign;
    const char *use_dec = dec, *use_prec = prec;
    if (dec && strcmp(dec, "INF") && !lex_integer(dec, &sign)) {
        report(r, R2X_SEV_ERROR, line, "xmlSchema:valueError",
               "decimals '%s' of %s is neither an integer nor INF", dec, name);
        use_dec = NULL;
    }
    if (prec && strcmp(prec, "INF") && (!lex_integer(prec, &sign) || sign < 0)) {
        report(r, R2X_SEV_ERROR, line, "xmlSchema:valueError",
               "precision '%s' of %s is neither a non-negative integer nor INF", prec, name);
        use_prec = NULL;
    }
    /* the value */
    if (!known || !f->text) {
        /* nor of the value (or out of memory: r->oom) */
    } else if (!f->nil && !first_el(n) && !lexically_valid(r, n, k->lex, f->text))
        report(r, R2X_SEV_ERROR, line, "xmlSchema:valueError",
               "'%s' is not a valid value of %s (type %s)", f->text, name,
               k->type ? strchr(k->type, '}') + 1 : "?");
    else if (num && !f->nil) {
        f->value = vdec_parse(f->text);
        if (use_dec) {
            f->has_decimals = 1;
            f->decimals = !strcmp(use_dec, "INF") ? VDEC_INF : atoi(use_dec);
        } else if (use_prec) {
            f->has_decimals = 1;
            f->precision_zero = !strcmp(use_prec, "0");
            f->decimals = !strcmp(use_prec, "INF")
                              ? VDEC_INF : vdec_decimals_from_precision(f->value, atoi(use_prec));
        }
    }
    /* period type (5.1.1.1) */
    if (f->context && f->context->period && k->period_type &&
        f->context->period != k->period_type)
        report(r, R2X_SEV_ERROR, line, "xbrl.5.1.1.1:periodType",
               "%s has periodType %s but context '%s' is %s", name,
               k->period_type == DTS_PERIOD_INSTANT ? "instant" : "duration", f->context->id,
               f->context->forever ? "forever"
               : f->context->period == DTS_PERIOD_INSTANT ? "an instant" : "a duration");
    /* units of monetary and shares items (4.8.2) */
    if (f->unit && (k->flags & DTS_MONETARY) && !f->unit->iso4217)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.8.2:monetaryMeasure",
               "monetary item %s needs a unit of one ISO 4217 currency; unit '%s' is %s", name,
               f->unit->id, f->unit->sig);
    if (f->unit && (k->flags & DTS_SHARES) && !f->unit->shares)
        report(r, R2X_SEV_ERROR, line, "xbrl.4.8.2:sharesMeasure",
               "shares item %s needs the unit xbrli:shares; unit '%s' is %s", name,
               f->unit->id, f->unit->sig);
    xmlFree(ctx);
    xmlFree(unit);
    xmlFree(dec);
    xmlFree(prec);
    xmlFree(nil);
}

static void read_fact(vrun *r, xmlNodePtr n, xmlNodePtr parent)
{
    long line = line_of(n);
    /* footnote locators may point to it, even where its concept is unknown */
    char *fid = prop(n, "id");
    if (fid && xmlHashAddEntry(r->fact_ids, BAD_CAST fid, n) &&
        !xmlHashLookup(r->fact_ids, BAD_CAST fid))
        r->oom = 1;
    xmlFree(fid);
    const dts_concept *k = n->ns ? dts_concept_get(r->d, (const char *)n->ns->href,
                                                   (const char *)n->name)
                                 : NULL;
    const char *missing = n->ns ? dts_missing_namespace(r->d, (const char *)n->ns->href) : NULL;
    if (!k && missing) {
        /* one finding per unavailable schema, not one per fact */
        unchecked_ns *u = (unchecked_ns *)r->unchecked.data;
        size_t i, nu = r->unchecked.len / sizeof *u;
        for (i = 0; i < nu && strcmp(u[i].ns, (const char *)n->ns->href); i++)
            ;
        if (i < nu) {
            u[i].facts++;
        } else {
            unchecked_ns e = {intern(r, (const char *)n->ns->href), missing, line, 1};
            if (buf_add(&r->unchecked, &e, sizeof e))
                r->oom = 1;
        }
        return;
    }
    if (!k) {
        report(r, R2X_SEV_ERROR, line, "xmlSchema:undeclaredElement",
               "%s%s%s is not declared in the DTS", n->ns && n->ns->prefix ?
               (const char *)n->ns->prefix : "", n->ns && n->ns->prefix ? ":" : "",
               (const char *)n->name);
        return;
    }
    if (k->kind != DTS_ITEM && k->kind != DTS_TUPLE) {
        report(r, R2X_SEV_ERROR, line, "xbrl.4.6:notItemOrTuple",
               "%s is not in the substitution group of xbrli:item or xbrli:tuple", k->name);
        return;
    }
    if (!xmlHashLookup(r->present, BAD_CAST k->key) &&
        xmlHashAddEntry(r->present, BAD_CAST k->key, (void *)k))
        r->oom = 1;
    vfact f;
    memset(&f, 0, sizeof f);
    f.node = n;
    f.concept = k;
    f.parent = parent;
    f.line = line;
    f.order = ++r->order;
    f.scope_hi = SIZE_MAX;           /* a tuple narrows it below */
    if (k->kind == DTS_TUPLE) {
        if (k->abstract)
            report(r, R2X_SEV_ERROR, line, "xbrl.5.1.1:abstractConcept",
                   "%s is abstract and cannot be reported", k->name);
        size_t first = r->facts.len / sizeof f;
        /* 4.9: a tuple's attributes (anyAttribute lets them in) are not XBRL's */
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            const char *ans = a->ns ? (const char *)a->ns->href : "";
            if (!strcmp(ans, XBRLI_NS) || !strcmp(ans, LINK_NS) || !strcmp(ans, XLINK_NS) ||
                !strcmp(ans, "http://www.xbrl.org/2003/XLink"))
                report(r, R2X_SEV_ERROR, line, "xbrl.4.9:tupleXbrlAttribute",
                       "tuple %s has the attribute %s:%s of an XBRL or XLink namespace",
                       k->name, a->ns->prefix ? (const char *)a->ns->prefix : "",
                       (const char *)a->name);
        }
        for (xmlNodePtr c = first_el(n); c; c = next_el(c))
            read_fact(r, c, n);
        vfact *kids = (vfact *)r->facts.data;
        for (size_t i = first; i < r->facts.len / sizeof f; i++)
            if (kids[i].parent == n) {
                kids[i].scope_lo = f.order;
                kids[i].scope_hi = r->order;
            }
        return;
    }
    read_item(r, n, &f);
    if (buf_add(&r->facts, &f, sizeof f)) {
        free(f.text);
        r->oom = 1;
    }
}

/* ---- the run ------------------------------------------------------------------------ */

/* Inline XBRL: the target instance is extracted (formats, scale, sign,
 * continuations) and validated as any instance; what the extraction finds
 * wrong (an unknown format, text that does not fit it) counts as errors. */
static void ixbrl_diag(void *userdata, const r2x_error *e)
{
    dts_diag(userdata, e);
}

/* data: the document's bytes when they are had already (standard input),
 * else NULL: read path. */
static int ixbrl_to_instance(vrun *r, const char *path, const char *data, size_t len,
                             xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    xmlDocPtr ix = NULL;
    int rc = data ? ixbrl_parse_memory(path, data, len, &ix, err)
                  : ixbrl_parse_file(path, &ix, err);
    if (rc == R2X_EINPUT) {
        /* not well-formed: a finding, as for an XML instance (exit 1, not 2) */
        report(r, R2X_SEV_ERROR, err->line, "xml:wellFormedness", "%s", err->message);
        r2x_error_clear(err);
        return R2X_OK;
    }
    if (rc)
        return rc;
    rc = ixbrl_extract(ix, path, ixbrl_diag, r, out, NULL, NULL, err);
    xmlFreeDoc(ix);
    if (rc == R2X_EINPUT) {
        /* not Inline XBRL at all: a finding of the input too */
        report(r, R2X_SEV_ERROR, err->line, "ix:notInlineXBRL", "%s", err->message);
        r2x_error_clear(err);
        return R2X_OK;
    }
    return rc;
}

enum root_kind { ROOT_OTHER, ROOT_DTS, ROOT_BAD };

/* What the document is, from its first element alone: a schema or linkbase
 * is streamed by the DTS reader, never built as a tree here. */
static int root_kind(const char *data, size_t len, const char *url)
{
    xmlTextReaderPtr rd = xmlReaderForMemory(data, (int)len, url, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                             XML_PARSE_NOWARNING);
    int kind = ROOT_BAD;
    while (rd && xmlTextReaderRead(rd) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
        const char *local = (const char *)xmlTextReaderConstLocalName(rd);
        kind = ns && ((!strcmp(ns, XSD_NS) && !strcmp(local, "schema")) ||
                      (!strcmp(ns, LINK_NS) && !strcmp(local, "linkbase")))
                   ? ROOT_DTS : ROOT_OTHER;
        break;
    }
    xmlFreeTextReader(rd);
    return kind;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcasecmp(s + a - b, suffix);
}

int r2x_validator_new(const r2x_validate_options *opts, r2x_validator **out, r2x_error *err)
{
    *out = NULL;
    r2x_validator *v = calloc(1, sizeof *v);
    if (!v)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    if (opts)
        v->opts = *opts;
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = v->opts.cache_dir;
    fo.offline = v->opts.offline;
    fo.ca_file = v->opts.ca_file;
    int rc = fetcher_new(&fo, &v->fetch, err);
    if (rc) {
        free(v);
        return rc;
    }
    v->own_fetch = 1;
    *out = v;
    return R2X_OK;
}

int validator_new_with_fetcher(const r2x_validate_options *opts, fetcher *f,
                               r2x_validator **out, r2x_error *err)
{
    *out = NULL;
    r2x_validator *v = calloc(1, sizeof *v);
    if (!v)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    if (opts)
        v->opts = *opts;
    v->fetch = f;
    *out = v;
    return R2X_OK;
}

void r2x_validator_free(r2x_validator *v)
{
    if (!v)
        return;
    if (v->own_fetch)
        fetcher_free(v->fetch);
    free(v);
}

static void free_run(vrun *r)
{
    vfact *f = (vfact *)r->facts.data;
    for (size_t i = 0; i < r->facts.len / sizeof *f; i++)
        free(f[i].text);
    vcontext **c = (vcontext **)r->context_list.data;
    for (size_t i = 0; i < r->context_list.len / sizeof *c; i++)
        free(c[i]);
    vunit **u = (vunit **)r->unit_list.data;
    for (size_t i = 0; i < r->unit_list.len / sizeof *u; i++)
        free(u[i]);
    buf_release(&r->facts);
    buf_release(&r->unchecked);
    buf_release(&r->context_list);
    buf_release(&r->unit_list);
    buf_release(&r->schema_findings);
    buf_release(&r->error_lines);
    xmlHashFree(r->ids, NULL);
    xmlHashFree(r->contexts, NULL);
    xmlHashFree(r->units, NULL);
    xmlHashFree(r->fact_ids, NULL);
    xmlHashFree(r->present, NULL);
    xmlDictFree(r->dict);
    dts_free(r->d);
}

static void dts_result(vrun *r)
{
    dts_counts dc;
    dts_get_counts(r->d, &dc);
    r->res->documents = dc.documents;
    r->res->missing = dc.missing;
    r->res->concepts = dc.concepts;
    r->res->relationships = dc.relationships;
    r->res->arcs = dc.arcs;
}

/* ---- roleRef, arcroleRef and footnote links (4.4, 4.5, 4.11) ------------------- */

#define ARCROLE_FACT_FOOTNOTE "http://www.xbrl.org/2003/arcrole/fact-footnote"
#define ARCROLE_REQUIRES_ELEMENT "http://www.xbrl.org/2003/arcrole/requires-element"

/* Does the document part of href (resolved against n's base) name this
 * instance?  An empty one does. */
static int same_document(vrun *r, xmlNodePtr n, const char *href)
{
    const char *hash = strchr(href, '#');
    size_t len = hash ? (size_t)(hash - href) : strlen(href);
    if (!len)
        return 1;
    char *part = r2x_strndup(href, len);
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    xmlChar *abs = part ? xmlBuildURI(BAD_CAST part, base ? base : BAD_CAST r->name) : NULL;
    xmlChar *self = xmlBuildURI(n->doc->URL ? n->doc->URL : BAD_CAST r->name, NULL);
    int same = abs && self && !strcmp((const char *)abs, (const char *)self);
    if (abs && self && !same) {
        /* the same file by another path */
        char *ra = realpath((const char *)abs, NULL), *rs = realpath((const char *)self, NULL);
        same = ra && rs && !strcmp(ra, rs);
        free(ra);
        free(rs);
    }
    free(part);
    xmlFree(base);
    xmlFree(abs);
    xmlFree(self);
    return same;
}

/* Label kinds within one extended link. */
enum { LABEL_LOC = 1, LABEL_FOOTNOTE = 2, LABEL_OTHER = 4 };

static void check_footnote_link(vrun *r, xmlNodePtr link)
{
    xmlHashTablePtr labels = xmlHashCreate(16);
    if (!labels) {
        r->oom = 1;
        return;
    }
    for (xmlNodePtr c = first_el(link); c; c = next_el(c)) {
        xmlChar *type = xmlGetNsProp(c, BAD_CAST "type", BAD_CAST XLINK_NS);
        xmlChar *label = xmlGetNsProp(c, BAD_CAST "label", BAD_CAST XLINK_NS);
        int kind = 0;
        if (type && !strcmp((const char *)type, "locator")) {
            kind = LABEL_LOC;
            xmlChar *href = xmlGetNsProp(c, BAD_CAST "href", BAD_CAST XLINK_NS);
            const char *h = href ? (const char *)href : "";
            const char *frag = strchr(h, '#');
            if (!same_document(r, c, h))
                report(r, R2X_SEV_ERROR, line_of(c), "xbrl.4.11.1.1:footnoteLocator",
                       "a locator of a footnote link must point into this instance, not to "
                       "'%s'", h);
            else if (frag && strncmp(frag + 1, "element(", 8) &&
                     !xmlHashLookup(r->fact_ids, BAD_CAST (frag + 1)))
                report(r, R2X_SEV_ERROR, line_of(c), "xbrl.4.11.1.1:footnoteLocator",
                       "a locator of a footnote link must point to an item or tuple; '%s' %s",
                       h, xmlHashLookup(r->ids, BAD_CAST (frag + 1)) ? "is a context or unit"
                                                                     : "is no fact");
            xmlFree(href);
        } else if (type && !strcmp((const char *)type, "resource")) {
            kind = is_el(c, LINK_NS, "footnote") ? LABEL_FOOTNOTE : LABEL_OTHER;
            xmlChar *lang = xmlGetNsProp(c, BAD_CAST "lang", XML_XML_NAMESPACE);
            if (kind == LABEL_FOOTNOTE && !lang)
                report(r, R2X_SEV_ERROR, line_of(c), "xbrl.4.11.1.2:footnoteLang",
                       "a footnote needs xml:lang");
            xmlFree(lang);
        }
        if (kind && label) {
            uintptr_t had = (uintptr_t)xmlHashLookup(labels, label);
            xmlHashRemoveEntry(labels, label, NULL);
            if (xmlHashAddEntry(labels, label, (void *)(had | (uintptr_t)kind)))
                r->oom = 1;
        }
        xmlFree(type);
        xmlFree(label);
    }
    for (xmlNodePtr c = first_el(link); c; c = next_el(c)) {
        xmlChar *type = xmlGetNsProp(c, BAD_CAST "type", BAD_CAST XLINK_NS);
        if (!type || strcmp((const char *)type, "arc")) {
            xmlFree(type);
            continue;
        }
        xmlFree(type);
        xmlChar *from = xmlGetNsProp(c, BAD_CAST "from", BAD_CAST XLINK_NS);
        xmlChar *to = xmlGetNsProp(c, BAD_CAST "to", BAD_CAST XLINK_NS);
        xmlChar *arcrole = xmlGetNsProp(c, BAD_CAST "arcrole", BAD_CAST XLINK_NS);
        uintptr_t kf = from ? (uintptr_t)xmlHashLookup(labels, from) : 0;
        uintptr_t kt = to ? (uintptr_t)xmlHashLookup(labels, to) : 0;
        if (!kf || !kt)
            report(r, R2X_SEV_ERROR, line_of(c), "xbrl.3.5.3.9:arcLabel",
                   "the arc's %s label '%s' names nothing in its footnote link",
                   !kf ? "from" : "to", !kf ? from ? (const char *)from : ""
                                            : to ? (const char *)to : "");
        else if (arcrole && !strcmp((const char *)arcrole, ARCROLE_FACT_FOOTNOTE) &&
                 (kf != LABEL_LOC || kt != LABEL_FOOTNOTE))
            report(r, R2X_SEV_ERROR, line_of(c), "xbrl.4.11.1.3.1:factFootnoteArc",
                   "a fact-footnote arc goes from locators of facts to footnotes; '%s' to "
                   "'%s' does not", (const char *)from, (const char *)to);
        xmlFree(from);
        xmlFree(to);
        xmlFree(arcrole);
    }
    xmlHashFree(labels, NULL);
}

/* requires-element (5.2.6.2.4): an instance with a fact of the source concept,
 * at any depth, needs one of the target concept. */
static void check_requires_element(vrun *r, xmlNodePtr root)
{
    size_t nrels;
    const dts_rel *rels = dts_relationships_of(r->d, ARCROLE_REQUIRES_ELEMENT, &nrels);
    for (size_t i = 0; i < nrels; i++)
        if (xmlHashLookup(r->present, BAD_CAST rels[i].from->key) &&
            !xmlHashLookup(r->present, BAD_CAST rels[i].to->key))
            report(r, R2X_SEV_ERROR, line_of(root), "xbrl.5.2.6.2.4:requiresElement",
                   "the instance has %s, which requires %s (%s:%ld), but no %s",
                   rels[i].from->name, rels[i].to->name, rels[i].document, rels[i].line,
                   rels[i].to->name);
}

/* One roleRef per roleURI and one arcroleRef per arcroleURI in an instance
 * (4.4, 4.5), and the footnote links. */
static void check_instance_links(vrun *r, xmlNodePtr root)
{
    xmlHashTablePtr seen = xmlHashCreate(16);
    if (!seen) {
        r->oom = 1;
        return;
    }
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        int role = is_el(n, LINK_NS, "roleRef"), arcrole = is_el(n, LINK_NS, "arcroleRef");
        if (role || arcrole) {
            char *uri = prop(n, role ? "roleURI" : "arcroleURI");
            if (uri && xmlHashLookup2(seen, BAD_CAST uri, n->name))
                report(r, R2X_SEV_ERROR, line_of(n),
                       role ? "xbrl.3.5.2.4.5:duplicateRoleRef"
                            : "xbrl.3.5.2.5.5:duplicateArcroleRef",
                       "a second link:%s for \"%s\"", (const char *)n->name, uri);
            else if (uri && xmlHashAddEntry2(seen, BAD_CAST uri, n->name, n))
                r->oom = 1;
            xmlFree(uri);
        } else if (is_el(n, LINK_NS, "footnoteLink")) {
            check_footnote_link(r, n);
        }
    }
    xmlHashFree(seen, NULL);
}

/* A schemaRef points to a schema (4.2), its href resolved against its
 * xml:base.  A document that cannot be had is the DTS reader's to report. */
static void check_schema_ref(vrun *r, xmlNodePtr n, const char *href)
{
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    char *data = NULL;
    size_t len = 0;
    r2x_error e;
    memset(&e, 0, sizeof e);
    if (!fetcher_get(r->v->fetch, href, base ? (const char *)base : r->name, &data, &len, NULL,
                     &e) && len <= 0x7fffffff) {
        xmlTextReaderPtr rd = xmlReaderForMemory(data, (int)len, NULL, NULL,
                                                 XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING);
        int schema = 0, seen = 0;
        while (rd && !seen && xmlTextReaderRead(rd) == 1) {
            if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
                continue;
            const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
            schema = ns && !strcmp(ns, XSD_NS) &&
                     !strcmp((const char *)xmlTextReaderConstLocalName(rd), "schema");
            seen = 1;
        }
        xmlFreeTextReader(rd);
        if (seen && !schema)
            report(r, R2X_SEV_ERROR, line_of(n), "xbrl.4.2.2:schemaRefTarget",
                   "the schemaRef '%s'%s%s%s points to a document that is no XML Schema",
                   href, base ? " (base " : "", base ? (const char *)base : "", base ? ")" : "");
    }
    free(data);
    xmlFree(base);
}

/* XML Schema validity (schema_check.c) of the DTS's schemas and of doc (NULL:
 * the schemas alone), as the mode and the DTS's size allow.  Before the
 * instance is read: the defaults it adds (decimals, precision, attributes in
 * segments) are then seen by every check. */
static int schema_pass(vrun *r, xmlDocPtr doc, r2x_error *err)
{
    int mode = r->v->opts.schema;
    dts_counts dc;
    dts_get_counts(r->d, &dc);
    if (mode == R2X_SCHEMA_NONE)
        return R2X_OK;
    if (mode == R2X_SCHEMA_AUTO && dc.concepts > SCHEMA_AUTO_MAX_CONCEPTS) {
        r->res->schema_skipped = 1;
        return R2X_OK;
    }
    if (!dc.documents)              /* no schemaRef (said already): nothing to compile */
        return R2X_OK;
    if (dc.missing) {               /* libxml2 would fail on the missing import */
        r->res->schema_skipped = 2;
        return R2X_OK;
    }
    if (doc && !doc->URL)           /* extracted from Inline XBRL: findings name the input */
        doc->URL = xmlStrdup(BAD_CAST r->name);
    schema_set *s = NULL;
    int rc = schema_set_new(r->d, r->v->fetch, doc, &s, err);
    if (!rc && s)
        schema_validate_documents(s);
    if (!rc && s && doc)
        schema_validate_instance(s, doc, hold_schema_finding, r);
    schema_set_free(s);
    return rc;
}

static int check_instance(vrun *r, xmlDocPtr doc, r2x_error *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int rc;
    /* the DTS: schemaRef, linkbaseRef, roleRef, arcroleRef (4.2 - 4.5) */
    int nschema = 0;
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        if (!is_el(n, LINK_NS, NULL))
            continue;
        const char *nm = (const char *)n->name;
        if (strcmp(nm, "schemaRef") && strcmp(nm, "linkbaseRef") && strcmp(nm, "roleRef") &&
            strcmp(nm, "arcroleRef"))
            continue;
        xmlChar *href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST XLINK_NS);
        if (href) {
            nschema += !strcmp(nm, "schemaRef");
            if (!strcmp(nm, "schemaRef"))
                check_schema_ref(r, n, (const char *)href);
            xmlChar *base = xmlNodeGetBase(doc, n);
            rc = dts_add(r->d, (const char *)href, base ? (const char *)base : r->name, r->name,
                         line_of(n), err);
            xmlFree(base);
            xmlFree(href);
            if (rc)
                return rc;
        }
    }
    if (!nschema)
        report(r, R2X_SEV_ERROR, line_of(root), "xbrl.4.2:missingSchemaRef",
               "an XBRL instance needs at least one link:schemaRef");
    if ((rc = dts_load(r->d, err)))
        return rc;
    if (dts_check_rules(r->d, NULL))
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    vreporter rep = {report, r};
    check_alias_concepts(r->d, &rep);
    dts_result(r);
    if ((rc = schema_pass(r, r->v->opts.dts_only ? NULL : doc, err)))
        return rc;
    if (r->v->opts.dts_only)
        return R2X_OK;
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        if (is_el(n, XBRLI_NS, "context"))
            read_context(r, n);
        else if (is_el(n, XBRLI_NS, "unit"))
            read_unit(r, n);
    }
    for (xmlNodePtr n = first_el(root); n; n = next_el(n))
        if (!is_el(n, XBRLI_NS, NULL) && !is_el(n, LINK_NS, NULL))
            read_fact(r, n, NULL);
    check_instance_links(r, root);
    check_requires_element(r, root);
    const unchecked_ns *u = (const unchecked_ns *)r->unchecked.data;
    for (size_t i = 0; i < r->unchecked.len / sizeof *u; i++)
        report(r, R2X_SEV_ERROR, u[i].first_line, "xbrl.3.2:documentUnavailable",
               "%zu fact%s in namespace %s cannot be checked: its schema '%s' could not be had",
               u[i].facts, u[i].facts == 1 ? "" : "s", u[i].ns, u[i].schema);
    if (r->oom)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    vfact *facts = (vfact *)r->facts.data;
    size_t nfacts = r->facts.len / sizeof *facts;
    for (size_t i = 0; i < r->unchecked.len / sizeof *u; i++)
        r->res->unchecked += u[i].facts;
    r->res->facts = nfacts + r->res->unchecked;
    r->res->contexts = r->context_list.len / sizeof(vcontext *);
    r->res->units = r->unit_list.len / sizeof(vunit *);
    check_duplicates(facts, nfacts,
                     r->v->opts.duplicates == R2X_DUP_WARNING ? R2X_SEV_WARNING : R2X_SEV_ERROR,
                     &rep);
    if (check_dimensions(facts, nfacts, root, r->d, &rep) ||
        check_essence_alias(facts, nfacts, r->d, &rep) ||
        check_calculations(facts, nfacts, r->d, r->v->opts.calc, &rep))
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    release_schema_findings(r);
    return r->oom ? r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory") : R2X_OK;
}

static int validate_guarded(r2x_validator *v, const char *path, r2x_validate_result *result,
                            r2x_error *err);

/* The whole run under a guard: libxml2 2.9 keeps some failed allocations
 * to itself (an attribute or a namespace left out of the tree), and a
 * finding made from such a tree would be wrong. */
int r2x_validate(r2x_validator *v, const char *path, r2x_validate_result *result,
                 r2x_error *err)
{
    xml_guard guard;
    xml_guard_begin(&guard);
    int rc = validate_guarded(v, path, result, err);
    if (xml_guard_end(&guard) && rc != R2X_ENOMEM)
        rc = r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    return rc;
}

/* Standard input whole, up to the limit on a release's size. */
static int read_stdin(char **data, size_t *len, r2x_error *err)
{
    r2x_buf b;
    size_t max = R2X_DEFAULT_MAX_INPUT;
    buf_init(&b, max);
    int rc = buf_read_fd(&b, 0);
    int e = errno;
    if (rc) {
        buf_release(&b);
        if (rc == R2X_ETOOBIG)
            return r2x_fail(err, rc, "<stdin>", 0, "standard input is larger than %zu "
                            "bytes", max);
        if (rc == R2X_EIO)
            return r2x_fail(err, rc, "<stdin>", 0, "read error: %s", strerror(e));
        return r2x_fail(err, rc, "<stdin>", 0, "out of memory");
    }
    *data = buf_detach(&b, len);
    return *data ? R2X_OK : r2x_fail(err, R2X_ENOMEM, "<stdin>", 0, "out of memory");
}

static int validate_guarded(r2x_validator *v, const char *path, r2x_validate_result *result,
                            r2x_error *err)
{
    memset(result, 0, sizeof *result);
    vrun r;
    memset(&r, 0, sizeof r);
    r.v = v;
    r.name = path;
    r.res = result;
    r.dict = xmlDictCreate();
    r.ids = xmlHashCreate(256);
    r.contexts = xmlHashCreate(256);
    r.units = xmlHashCreate(64);
    r.fact_ids = xmlHashCreate(256);
    r.present = xmlHashCreate(256);
    buf_init(&r.facts, R2X_BUF_NOCAP);
    buf_init(&r.unchecked, R2X_BUF_NOCAP);
    buf_init(&r.context_list, R2X_BUF_NOCAP);
    buf_init(&r.unit_list, R2X_BUF_NOCAP);
    buf_init(&r.schema_findings, R2X_BUF_NOCAP);
    buf_init(&r.error_lines, R2X_BUF_NOCAP);
    dts_options dopts = {v->fetch, dts_diag, &r, 0};
    int rc = !r.dict || !r.ids || !r.contexts || !r.units || !r.fact_ids || !r.present
                 ? r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory")
                 : dts_new(&dopts, &r.d, err);
    xmlDocPtr doc = NULL;
    /* standard input ("-"): read whole, Inline XBRL told by its content;
     * relative references resolve against the current directory */
    char *in_data = NULL;
    size_t in_len = 0;
    int from_stdin = !strcmp(path, "-");
    r2x_sniffed sniffed = {R2X_KIND_TEXT, ""};
    if (!rc && from_stdin) {
        rc = read_stdin(&in_data, &in_len, err);
        if (!rc)
            r2x_sniff(in_data, in_len, &sniffed);
    }
    if (!rc && (from_stdin ? sniffed.kind == R2X_KIND_INLINE_XBRL || sniffed.kind == R2X_KIND_HTML
                           : has_suffix(path, ".htm") || has_suffix(path, ".html") ||
                                 has_suffix(path, ".xhtml"))) {
        rc = ixbrl_to_instance(&r, path, in_data, in_len, &doc, err);
        free(in_data);
    } else if (!rc) {
        char *data = in_data;
        size_t len = in_len;
        if (!from_stdin)
            rc = fetcher_get(v->fetch, path, NULL, &data, &len, NULL, err);
        if (!rc && len > 0x7fffffff)
            rc = r2x_fail(err, R2X_ETOOBIG, path, 0, "the input is larger than 2 GB");
        if (!rc && root_kind(data, len, path) == ROOT_DTS && from_stdin) {
            rc = r2x_fail(err, R2X_EUSAGE, "<stdin>", 0, "a schema or linkbase is the "
                          "entry point of its DTS: name its file, not standard input");
        } else if (!rc && root_kind(data, len, path) == ROOT_DTS) {
            /* a schema or linkbase as the entry point: its DTS is the check */
            result->input_kind = 1;
            rc = dts_add(r.d, path, NULL, NULL, 0, err);
            if (!rc)
                rc = dts_load(r.d, err);
            if (!rc && dts_check_rules(r.d, NULL))
                rc = r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            if (!rc) {
                vreporter rep = {report, &r};
                check_alias_concepts(r.d, &rep);
                dts_result(&r);
                rc = schema_pass(&r, NULL, err);
            }
        } else if (!rc) {
            xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
            if (!ctxt)
                rc = r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            else {
                xml_guard guard;
                xml_guard_begin(&guard);
                doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
                                        XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                        XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
                if (xml_guard_end(&guard)) {
                    rc = r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
                    xmlFreeDoc(doc);
                    doc = NULL;
                } else if (!doc || !ctxt->wellFormed || ctxt->disableSAX) {  /* disableSAX: a huge text node cut it short */
                    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
                    char msg[600];
                    snprintf(msg, sizeof msg, "%s", e && e->message ? e->message
                                                                    : "not well-formed XML");
                    size_t n = strlen(msg);
                    if (n && msg[n - 1] == '\n')
                        msg[n - 1] = '\0';
                    report(&r, R2X_SEV_ERROR, e ? e->line : 0, "xml:wellFormedness", "%s", msg);
                    xmlFreeDoc(doc);
                    doc = NULL;
                }
                xmlFreeParserCtxt(ctxt);
            }
        }
        free(data);
    }
    if (!rc && doc) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        if (!is_el(root, XBRLI_NS, "xbrl")) {
            report(&r, R2X_SEV_ERROR, line_of(root), "xbrl.4.1:rootElement",
                   "the root element is %s, not xbrli:xbrl", root ? (const char *)root->name
                                                                  : "missing");
        } else {
            rc = check_instance(&r, doc, err);
        }
    }
    xmlFreeDoc(doc);
    free_run(&r);
    return rc;
}
