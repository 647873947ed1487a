/* instance_facts.c - the facts of an XBRL 2.1 instance as a flat list. */
#include "instance_facts.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "periods.h"
#include "xbrl_ns.h"

#define NS_XBRLI XBRLI_NS
#define NS_LINK "http://www.xbrl.org/2003/linkbase"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XBRLDI "http://xbrl.org/2006/xbrldi"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

typedef struct xcontext {
    const char *entity;
    int period;
    const char *start, *end;
    size_t first_dim, ndims;
    int other_content;
} xcontext;

typedef struct xunit {
    const char *oim;
    const char *measures;
} xunit;

struct xfacts {
    r2x_buf facts;            /* xfact[] */
    r2x_buf dims;             /* xdim[] */
    r2x_buf prefixes, uris;   /* const char *[] */
    r2x_buf taxonomy;         /* const char *[] */
    r2x_buf contexts, units;  /* xcontext[], xunit[] */
    strmap context_ids, unit_ids;   /* id -> index + 1 */
    strmap prefix_of;         /* uri -> prefix */
    strmap uri_of;            /* prefix -> uri */
    strpool strings;
    size_t tuples, footnote_links;
};

/* Prefixes the Open Information Model reserves for its namespaces. */
static const char *const reserved[][2] = {
    {"xbrl", "https://xbrl.org/2021"},
    {"xs", "http://www.w3.org/2001/XMLSchema"},
    {"xbrli", NS_XBRLI},
    {"iso4217", "http://www.xbrl.org/2003/iso4217"},
    {"utr", "http://www.xbrl.org/2009/utr"},
    {"enum2", "http://xbrl.org/2020/extensible-enumerations-2.0"},
};

typedef struct reader {
    xfacts *x;
    const char *name;
    r2x_error *err;
    int rc;                   /* sticky */
} reader;

size_t xfacts_count(const xfacts *x) { return x->facts.len / sizeof(xfact); }
const xfact *xfacts_at(const xfacts *x, size_t i)
{
    return &((const xfact *)(const void *)x->facts.data)[i];
}
const xdim *xfacts_dim(const xfacts *x, size_t i)
{
    return &((const xdim *)(const void *)x->dims.data)[i];
}
size_t xfacts_namespace_count(const xfacts *x) { return x->uris.len / sizeof(char *); }
const char *xfacts_namespace(const xfacts *x, size_t i, const char **prefix)
{
    *prefix = ((const char **)(void *)x->prefixes.data)[i];
    return ((const char **)(void *)x->uris.data)[i];
}
size_t xfacts_taxonomy_count(const xfacts *x) { return x->taxonomy.len / sizeof(char *); }
const char *xfacts_taxonomy(const xfacts *x, size_t i)
{
    return ((const char **)(void *)x->taxonomy.data)[i];
}
size_t xfacts_tuples(const xfacts *x) { return x->tuples; }
size_t xfacts_footnote_links(const xfacts *x) { return x->footnote_links; }

void xfacts_free(xfacts *x)
{
    if (!x)
        return;
    buf_release(&x->facts);
    buf_release(&x->dims);
    buf_release(&x->prefixes);
    buf_release(&x->uris);
    buf_release(&x->taxonomy);
    buf_release(&x->contexts);
    buf_release(&x->units);
    strmap_release(&x->context_ids);
    strmap_release(&x->unit_ids);
    strmap_release(&x->prefix_of);
    strmap_release(&x->uri_of);
    strpool_release(&x->strings);
    free(x);
}

void xfacts_oim_datetime(const char *xbrl, int is_end, char *out, size_t size)
{
    int y, m, d;
    char tail;
    if (strlen(xbrl) != 10 || sscanf(xbrl, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
        snprintf(out, size, "%s", xbrl);     /* a dateTime: as it is */
        return;
    }
    r2x_date day = {y, m, d};
    if (is_end)
        day = date_add_days(day, 1);
    snprintf(out, size, "%04d-%02d-%02dT00:00:00", day.year, day.month, day.day);
}

/* ---- Reading ---------------------------------------------------------------- */

static void fail(reader *r, int code, xmlNodePtr at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(reader *r, int code, xmlNodePtr at, const char *fmt, ...)
{
    if (r->rc)
        return;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->rc = r2xi_fail(r->err, code, r->name, at ? xmlGetLineNo(at) : 0, "%s", msg);
}

static const char *keep(reader *r, const char *s)
{
    if (r->rc)
        return NULL;
    const char *k = strpool_add(&r->x->strings, s, strlen(s));
    if (!k)
        fail(r, R2X_ENOMEM, NULL, "out of memory");
    return k;
}

static int add_ptr(reader *r, r2x_buf *list, const void *p)
{
    if (!r->rc && buf_add(list, &p, sizeof p))
        fail(r, R2X_ENOMEM, NULL, "out of memory");
    return !r->rc;
}

static int is_elem(xmlNodePtr n, const char *ns, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           !strcmp((const char *)n->name, local);
}

static const char *reserved_uri(const char *prefix)
{
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (!strcmp(reserved[i][0], prefix))
            return reserved[i][1];
    return NULL;
}

/* The prefix the list writes uri with: its own if it has one, else the
 * preferred one unless taken or reserved for another namespace, else the
 * preferred one numbered. */
static const char *prefix_for(reader *r, const char *uri, const char *preferred)
{
    if (r->rc)
        return "";
    const char *have = strmap_get(&r->x->prefix_of, uri);
    if (have)
        return have;
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (!strcmp(reserved[i][1], uri))
            preferred = reserved[i][0];
    if (!preferred || !*preferred)
        preferred = "ns";
    char p[80];
    snprintf(p, sizeof p, "%s", preferred);
    for (int k = 1; strmap_get(&r->x->uri_of, p) ||
                    (reserved_uri(p) && strcmp(reserved_uri(p), uri)); k++)
        snprintf(p, sizeof p, "%s%d", preferred, k);
    const char *kp = keep(r, p), *ku = keep(r, uri);
    if (r->rc || strmap_put(&r->x->prefix_of, ku, (void *)kp, NULL) ||
        strmap_put(&r->x->uri_of, kp, (void *)ku, NULL)) {
        fail(r, R2X_ENOMEM, NULL, "out of memory");
        return "";
    }
    add_ptr(r, &r->x->prefixes, kp);
    add_ptr(r, &r->x->uris, ku);
    return kp;
}

/* "prefix:local" of the list for a namespace and local name. */
static const char *qname_of(reader *r, const char *uri, const char *preferred,
                            const char *local)
{
    char q[512];
    snprintf(q, sizeof q, "%s:%s", prefix_for(r, uri, preferred), local);
    return keep(r, q);
}

/* A QName written as text (a dimension, member or measure), resolved where
 * it stands. */
static const char *qname_value(reader *r, xmlNodePtr at, const char *text, const char **local)
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '\n' ||
                 buf[n - 1] == '\r'))
        buf[--n] = '\0';
    char *colon = strchr(buf, ':');
    if (colon)
        *colon = '\0';
    xmlNsPtr ns = xmlSearchNs(at->doc, at, colon ? BAD_CAST buf : NULL);
    *local = colon ? text + (colon - buf) + 1 : text;
    if (!ns) {
        fail(r, R2X_EINPUT, at, "the prefix of '%s' is not declared", text);
        return NULL;
    }
    const char *q = qname_of(r, (const char *)ns->href, colon ? buf : NULL,
                             colon ? colon + 1 : buf);
    return q;
}

static char *text_of(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    return (char *)t;
}

static const char *trimmed(reader *r, xmlNodePtr n)
{
    char *t = text_of(n);
    if (!t) {
        fail(r, R2X_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    char *s = t;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        s[--len] = '\0';
    const char *k = keep(r, s);
    xmlFree(t);
    return k;
}

static const char *entity_prefix(const char *scheme)
{
    if (!strcmp(scheme, "http://www.sec.gov/CIK"))
        return "cik";
    if (!strcmp(scheme, "http://standards.iso.org/iso/17442"))
        return "lei";
    return "scheme";
}

static void read_dimensions(reader *r, xmlNodePtr holder, xcontext *c)
{
    for (xmlNodePtr m = holder->children; m && !r->rc; m = m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        int explicit_member = is_elem(m, NS_XBRLDI, "explicitMember");
        if (!explicit_member && !is_elem(m, NS_XBRLDI, "typedMember")) {
            c->other_content = 1;
            continue;
        }
        xmlChar *dim = xmlGetProp(m, BAD_CAST "dimension");
        const char *local;
        xdim d = {NULL, NULL, !explicit_member, 0};
        d.axis = dim ? qname_value(r, m, (const char *)dim, &local) : NULL;
        xmlFree(dim);
        if (explicit_member) {
            char *t = text_of(m);
            d.value = t ? qname_value(r, m, t, &local) : NULL;
            xmlFree(t);
        } else {
            xmlNodePtr v = m->children;
            while (v && v->type != XML_ELEMENT_NODE)
                v = v->next;
            xmlChar *nil = v ? xmlGetNsProp(v, BAD_CAST "nil", BAD_CAST NS_XSI) : NULL;
            d.nil = nil && (!strcmp((char *)nil, "true") || !strcmp((char *)nil, "1"));
            xmlFree(nil);
            d.value = d.nil ? NULL : v ? trimmed(r, v) : keep(r, "");
        }
        if (!r->rc && !d.axis)
            fail(r, R2X_EINPUT, m, "a dimension with no dimension attribute");
        if (!r->rc && buf_add(&r->x->dims, &d, sizeof d))
            fail(r, R2X_ENOMEM, NULL, "out of memory");
        c->ndims++;
    }
}

static void read_context(reader *r, xmlNodePtr n)
{
    xcontext c;
    memset(&c, 0, sizeof c);
    c.first_dim = r->x->dims.len / sizeof(xdim);
    xmlChar *id = xmlGetProp(n, BAD_CAST "id");
    for (xmlNodePtr e = n->children; e && !r->rc; e = e->next) {
        if (is_elem(e, NS_XBRLI, "entity")) {
            for (xmlNodePtr k = e->children; k && !r->rc; k = k->next) {
                if (is_elem(k, NS_XBRLI, "identifier")) {
                    xmlChar *scheme = xmlGetProp(k, BAD_CAST "scheme");
                    const char *ident = trimmed(r, k);
                    char q[600];
                    const char *s = scheme ? (const char *)scheme : "";
                    snprintf(q, sizeof q, "%s:%s", prefix_for(r, s, entity_prefix(s)),
                             ident ? ident : "");
                    c.entity = keep(r, q);
                    xmlFree(scheme);
                } else if (is_elem(k, NS_XBRLI, "segment")) {
                    read_dimensions(r, k, &c);
                }
            }
        } else if (is_elem(e, NS_XBRLI, "period")) {
            for (xmlNodePtr k = e->children; k; k = k->next) {
                if (is_elem(k, NS_XBRLI, "instant")) {
                    c.period = XFACT_INSTANT;
                    c.end = trimmed(r, k);
                } else if (is_elem(k, NS_XBRLI, "startDate")) {
                    c.period = XFACT_DURATION;
                    c.start = trimmed(r, k);
                } else if (is_elem(k, NS_XBRLI, "endDate")) {
                    c.period = XFACT_DURATION;
                    c.end = trimmed(r, k);
                } else if (is_elem(k, NS_XBRLI, "forever")) {
                    c.period = XFACT_FOREVER;
                }
            }
        } else if (is_elem(e, NS_XBRLI, "scenario")) {
            read_dimensions(r, e, &c);
        }
    }
    const char *kid = id ? keep(r, (const char *)id) : NULL;
    xmlFree(id);
    size_t index = r->x->contexts.len / sizeof c;
    if (!r->rc && kid && (buf_add(&r->x->contexts, &c, sizeof c) ||
                          strmap_put(&r->x->context_ids, kid, (void *)(uintptr_t)(index + 1),
                                     NULL)))
        fail(r, R2X_ENOMEM, NULL, "out of memory");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The measures of a unitNumerator, unitDenominator or unit: OIM form
 * ("a*b", sorted) and local names ("JPY"). */
static void measures(reader *r, xmlNodePtr holder, r2x_buf *oim, r2x_buf *names)
{
    const char *list[32];
    const char *locals[32];
    size_t n = 0;
    for (xmlNodePtr m = holder->children; m && !r->rc; m = m->next) {
        if (!is_elem(m, NS_XBRLI, "measure") || n == 32)
            continue;
        char *t = text_of(m);
        list[n] = t ? qname_value(r, m, t, &locals[n]) : NULL;
        xmlFree(t);
        if (list[n])
            n++;
    }
    qsort(list, n, sizeof *list, cmp_str);
    for (size_t i = 0; i < n && !r->rc; i++) {
        const char *local = strchr(list[i], ':') + 1;
        if ((i && buf_addc(oim, '*')) || buf_adds(oim, list[i]) ||
            (i && buf_addc(names, '*')) || buf_adds(names, local))
            fail(r, R2X_ENOMEM, NULL, "out of memory");
    }
}

static void read_unit(reader *r, xmlNodePtr n)
{
    r2x_buf oim, names;
    buf_init(&oim, 4096);
    buf_init(&names, 4096);
    xmlNodePtr divide = NULL;
    for (xmlNodePtr e = n->children; e; e = e->next)
        if (is_elem(e, NS_XBRLI, "divide"))
            divide = e;
    if (!divide) {
        measures(r, n, &oim, &names);
    } else {
        r2x_buf num, den, nnum, nden;
        buf_init(&num, 4096);
        buf_init(&den, 4096);
        buf_init(&nnum, 4096);
        buf_init(&nden, 4096);
        for (xmlNodePtr e = divide->children; e; e = e->next) {
            if (is_elem(e, NS_XBRLI, "unitNumerator"))
                measures(r, e, &num, &nnum);
            else if (is_elem(e, NS_XBRLI, "unitDenominator"))
                measures(r, e, &den, &nden);
        }
        int multi_num = strchr(num.data, '*') != NULL, multi_den = strchr(den.data, '*') != NULL;
        if (!r->rc && (buf_addf(&oim, multi_num ? "(%s)/" : "%s/", num.data) ||
                       buf_addf(&oim, multi_den ? "(%s)" : "%s", den.data) ||
                       buf_addf(&names, "%s/%s", nnum.data, nden.data)))
            fail(r, R2X_ENOMEM, NULL, "out of memory");
        buf_release(&num);
        buf_release(&den);
        buf_release(&nnum);
        buf_release(&nden);
    }
    xunit u = {keep(r, oim.data), keep(r, names.data)};
    buf_release(&oim);
    buf_release(&names);
    xmlChar *id = xmlGetProp(n, BAD_CAST "id");
    const char *kid = id ? keep(r, (const char *)id) : NULL;
    xmlFree(id);
    size_t index = r->x->units.len / sizeof u;
    if (!r->rc && kid && (buf_add(&r->x->units, &u, sizeof u) ||
                          strmap_put(&r->x->unit_ids, kid, (void *)(uintptr_t)(index + 1), NULL)))
        fail(r, R2X_ENOMEM, NULL, "out of memory");
}

static const char *attr_kept(reader *r, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    const char *k = v ? keep(r, (const char *)v) : NULL;
    xmlFree(v);
    return k;
}

static void read_fact(reader *r, xmlNodePtr n, int in_tuple);

/* An element of the instance that is not a context, unit or link: an item
 * (it has a contextRef) or a tuple, whose content is read in turn. */
static void read_item_or_tuple(reader *r, xmlNodePtr n, int in_tuple)
{
    if (xmlHasProp(n, BAD_CAST "contextRef")) {
        read_fact(r, n, in_tuple);
        return;
    }
    r->x->tuples++;
    for (xmlNodePtr c = n->children; c && !r->rc; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_item_or_tuple(r, c, 1);
}

static void read_fact(reader *r, xmlNodePtr n, int in_tuple)
{
    xfact f;
    memset(&f, 0, sizeof f);
    f.concept = n->ns ? qname_of(r, (const char *)n->ns->href, (const char *)n->ns->prefix,
                                 (const char *)n->name)
                      : keep(r, (const char *)n->name);
    f.id = attr_kept(r, n, "id");
    f.context_id = attr_kept(r, n, "contextRef");
    const char *unit = attr_kept(r, n, "unitRef");
    f.decimals = attr_kept(r, n, "decimals");
    f.precision = attr_kept(r, n, "precision");
    f.in_tuple = in_tuple;
    f.line = xmlGetLineNo(n);
    if (f.line < 0)
        f.line = 0;
    xmlChar *lang = xmlNodeGetLang(n);
    f.lang = lang ? keep(r, (const char *)lang) : NULL;
    xmlFree(lang);
    void *ci = f.context_id ? strmap_get(&r->x->context_ids, f.context_id) : NULL;
    if (!ci) {
        fail(r, R2X_EINPUT, n, "%s names context '%s', which the instance lacks", f.concept,
             f.context_id ? f.context_id : "");
        return;
    }
    const xcontext *c = &((const xcontext *)(const void *)r->x->contexts.data)
                            [(uintptr_t)ci - 1];
    f.entity = c->entity;
    f.period = c->period;
    f.start = c->start;
    f.end = c->end;
    f.first_dim = c->first_dim;
    f.ndims = c->ndims;
    f.other_content = c->other_content;
    if (unit) {
        void *ui = strmap_get(&r->x->unit_ids, unit);
        if (!ui) {
            fail(r, R2X_EINPUT, n, "%s names unit '%s', which the instance lacks", f.concept,
                 unit);
            return;
        }
        const xunit *u = &((const xunit *)(const void *)r->x->units.data)[(uintptr_t)ui - 1];
        f.numeric = 1;
        f.unit = u->oim;
        f.unit_measures = u->measures;
    }
    xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST NS_XSI);
    int is_nil = nil && (!strcmp((char *)nil, "true") || !strcmp((char *)nil, "1"));
    xmlFree(nil);
    if (!is_nil) {
        if (f.numeric) {
            f.value = trimmed(r, n);
        } else {
            char *t = text_of(n);
            f.value = t ? keep(r, t) : NULL;
            if (!t)
                fail(r, R2X_ENOMEM, NULL, "out of memory");
            xmlFree(t);
        }
    }
    if (!r->rc && buf_add(&r->x->facts, &f, sizeof f))
        fail(r, R2X_ENOMEM, NULL, "out of memory");
}

int xfacts_read(xmlDocPtr doc, const char *name, xfacts **out, r2x_error *err)
{
    *out = NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !is_elem(root, NS_XBRLI, "xbrl"))
        return r2xi_fail(err, R2X_EINPUT, name, root ? xmlGetLineNo(root) : 0,
                        "not an XBRL instance (its root is not xbrli:xbrl)");
    xfacts *x = calloc(1, sizeof *x);
    if (!x)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    buf_init(&x->facts, R2X_BUF_NOCAP);
    buf_init(&x->dims, R2X_BUF_NOCAP);
    buf_init(&x->prefixes, R2X_BUF_NOCAP);
    buf_init(&x->uris, R2X_BUF_NOCAP);
    buf_init(&x->taxonomy, R2X_BUF_NOCAP);
    buf_init(&x->contexts, R2X_BUF_NOCAP);
    buf_init(&x->units, R2X_BUF_NOCAP);
    strmap_init(&x->context_ids);
    strmap_init(&x->unit_ids);
    strmap_init(&x->prefix_of);
    strmap_init(&x->uri_of);
    strpool_init(&x->strings);
    reader r = {x, name, err, R2X_OK};
    /* contexts and units first: facts may come before them */
    for (xmlNodePtr n = root->children; n && !r.rc; n = n->next) {
        if (is_elem(n, NS_XBRLI, "context"))
            read_context(&r, n);
        else if (is_elem(n, NS_XBRLI, "unit"))
            read_unit(&r, n);
    }
    for (xmlNodePtr n = root->children; n && !r.rc; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || (n->ns && !strcmp((char *)n->ns->href, NS_XBRLI)))
            continue;
        if (n->ns && !strcmp((char *)n->ns->href, NS_LINK)) {
            if (is_elem(n, NS_LINK, "schemaRef") || is_elem(n, NS_LINK, "linkbaseRef")) {
                xmlChar *href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST NS_XLINK);
                const char *k = href ? keep(&r, (const char *)href) : NULL;
                xmlFree(href);
                if (k)
                    add_ptr(&r, &x->taxonomy, k);
            } else if (is_elem(n, NS_LINK, "footnoteLink")) {
                x->footnote_links++;
            }
            continue;
        }
        read_item_or_tuple(&r, n, 0);
    }
    if (r.rc) {
        xfacts_free(x);
        return r.rc;
    }
    *out = x;
    return R2X_OK;
}
