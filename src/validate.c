/* validate.c - XBRL instance checks: the DTS, contexts, units, facts.
 *
 * Schema-level validity of the facts is checked directly, not by compiling
 * the taxonomy with libxml2's XML Schema processor (which cannot compile the
 * US-GAAP schema in reasonable time or memory): each fact must be a declared,
 * non-abstract item or tuple, and an item's text must be in the lexical space
 * of the built-in type its type derives from (decimal, integer kinds, float,
 * boolean, date, dateTime, gYear, QName...).  Facets (enumerations, lengths,
 * patterns) and the content models of tuples are not checked yet.
 */
#include <ctype.h>
#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "fetch.h"
#include "validate.h"
#include "ixbrl_extract.h"

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
    r2x_buf context_list, unit_list;  /* vcontext *, vunit * */
    r2x_buf facts;                  /* vfact */
    r2x_buf unchecked;              /* unchecked_ns: facts of unavailable schemas */
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
    r2x_diag(r->v->opts.diag, r->v->opts.diag_userdata, severity, R2X_EINPUT, r->name, line, 0,
             "[%s] %s", code, msg);
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
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           (!name || !strcmp((const char *)n->name, name));
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
    if (s && !p)
        r->oom = 1;
    return p;
}

/* The text of an element, whitespace trimmed; malloc'd. */
static char *text_of(xmlNodePtr n)
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

/* Canonical text of a segment or scenario for s-equality: elements with
 * their expanded names, attributes and trimmed text, in order. */
static int serialize(r2x_buf *b, xmlNodePtr n)
{
    int rc = 0;
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
                rc |= buf_addf(b, " {%s}%s=%s", a->ns ? (const char *)a->ns->href : "",
                               (const char *)a->name, v ? (const char *)v : "");
                xmlFree(v);
            }
            rc |= buf_adds(b, ">");
            rc |= serialize(b, c);
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
            rc |= buf_add(b, s, len);
        }
    }
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
    if (xmlHashAddEntry(r->ids, BAD_CAST interned, owner)) {
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
    int rc = 0;
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
            char *v = text_of(ident);
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
            rc |= serialize(&sig, seg);
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
            char *t = text_of(p1);
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
            char *t1 = text_of(p1), *t2 = text_of(p2);
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
        rc |= serialize(&sig, scenario);
    }
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
        char *t = text_of(m);
        const char *q = t ? resolve_qname(r, m, t) : NULL;
        if (!q)
            report(r, R2X_SEV_ERROR, line_of(m), "xmlSchema:valueError",
                   "the measure '%s' of unit '%s' is not a QName with a declared prefix",
                   t ? t : "", uid);
        else if (*k < max)
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
            u->iso4217 = !strncmp(num[0], "{" ISO4217_NS "}", strlen(ISO4217_NS) + 2);
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
    f->text = text_of(n);
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
    if (f->nil && (f->text[0] || first_el(n)))
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
    if (!known) {
        /* nor of the value */
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
    vfact f;
    memset(&f, 0, sizeof f);
    f.node = n;
    f.concept = k;
    f.parent = parent;
    f.line = line;
    if (k->kind == DTS_TUPLE) {
        if (k->abstract)
            report(r, R2X_SEV_ERROR, line, "xbrl.5.1.1:abstractConcept",
                   "%s is abstract and cannot be reported", k->name);
        for (xmlNodePtr c = first_el(n); c; c = next_el(c))
            read_fact(r, c, n);
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

static int ixbrl_to_instance(vrun *r, const char *path, xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    xmlDocPtr ix = NULL;
    int rc = ixbrl_parse_file(path, &ix, err);
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
    xmlHashFree(r->ids, NULL);
    xmlHashFree(r->contexts, NULL);
    xmlHashFree(r->units, NULL);
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
    dts_check_rules(r->d);
    dts_result(r);
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
    const unchecked_ns *u = (const unchecked_ns *)r->unchecked.data;
    for (size_t i = 0; i < r->unchecked.len / sizeof *u; i++)
        report(r, R2X_SEV_ERROR, u[i].first_line, "xbrl.3.2:documentUnavailable",
               "%zu fact%s in namespace %s cannot be checked: its schema '%s' could not be had",
               u[i].facts, u[i].facts == 1 ? "" : "s", u[i].ns, u[i].schema);
    if (r->oom)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    vfact *facts = (vfact *)r->facts.data;
    size_t nfacts = r->facts.len / sizeof *facts;
    r->res->facts = nfacts;
    r->res->contexts = r->context_list.len / sizeof(vcontext *);
    r->res->units = r->unit_list.len / sizeof(vunit *);
    vreporter rep = {report, r};
    check_duplicates(facts, nfacts,
                     r->v->opts.duplicates == R2X_DUP_WARNING ? R2X_SEV_WARNING : R2X_SEV_ERROR,
                     &rep);
    check_dimensions(facts, nfacts, root, r->d, &rep);
    if (check_calculations(facts, nfacts, r->d, r->v->opts.calc, &rep))
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return R2X_OK;
}

int r2x_validate(r2x_validator *v, const char *path, r2x_validate_result *result,
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
    buf_init(&r.facts, R2X_BUF_NOCAP);
    buf_init(&r.unchecked, R2X_BUF_NOCAP);
    buf_init(&r.context_list, R2X_BUF_NOCAP);
    buf_init(&r.unit_list, R2X_BUF_NOCAP);
    dts_options dopts = {v->fetch, dts_diag, &r};
    int rc = !r.dict || !r.ids || !r.contexts || !r.units
                 ? r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory")
                 : dts_new(&dopts, &r.d, err);
    xmlDocPtr doc = NULL;
    if (!rc && (has_suffix(path, ".htm") || has_suffix(path, ".html") ||
                has_suffix(path, ".xhtml")))
        rc = ixbrl_to_instance(&r, path, &doc, err);
    else if (!rc) {
        char *data = NULL;
        size_t len = 0;
        rc = fetcher_get(v->fetch, path, NULL, &data, &len, NULL, err);
        if (!rc && len > 0x7fffffff)
            rc = r2x_fail(err, R2X_ETOOBIG, path, 0, "the input is larger than 2 GB");
        if (!rc && root_kind(data, len, path) == ROOT_DTS) {
            /* a schema or linkbase as the entry point: its DTS is the check */
            result->input_kind = 1;
            rc = dts_add(r.d, path, NULL, NULL, 0, err);
            if (!rc)
                rc = dts_load(r.d, err);
            if (!rc) {
                dts_check_rules(r.d);
                dts_result(&r);
            }
        } else if (!rc) {
            xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
            if (!ctxt)
                rc = r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            else {
                doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
                                        XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                        XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
                if (!doc || !ctxt->wellFormed || ctxt->disableSAX) {  /* disableSAX: a huge text node cut it short */
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
