/* instance.c - an XBRL instance's contexts, units, facts and links, read
 * from its tree with the XBRL 2.1 rules they must meet (4.1 - 4.11, 5.1.1):
 * contexts and units with the canonical signatures s-equality compares,
 * each item's context, unit, precision and decimals, and its value and
 * attributes against its concept's type (typecheck.c), whatever happens to
 * the XML Schema pass; footnote links, roleRefs and requires-element.
 */
#include <ctype.h>
#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "instance.h"
#include "xml_hash.h"
#include "xsd.h"

/* ---- small helpers ---------------------------------------------------------- */

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) &&
           (!name || (n->name && !strcmp((const char *)n->name, name)));
}

static srcpos pos_of(const instance *r, const xmlNode *n)
{
    return vpos(r->rep, n);
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

static const char *intern(instance *r, const char *s)
{
    const char *p = s ? (const char *)xmlDictLookup(r->dict, BAD_CAST s, -1) : NULL;
    if (s && !p) {
        r->oom = 1;    /* the run fails; "" keeps the callers going till then */
        return "";
    }
    return p;
}

/* The text of an element, whitespace trimmed; malloc'd. */
static char *text_of(instance *r, xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    const char *s = c ? (const char *)c : "";
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *t = r2xi_strndup(s, len);
    xmlFree(c);
    if (!t)
        r->oom = 1;
    return t;
}

static char *prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetNoNsProp(n, BAD_CAST name);
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
static int canonical_value(int builtin, const char *t, char *out)
{
    switch (xsd_primitive(builtin)) {
    case XSD_BOOLEAN:
        if (!strcmp(t, "true") || !strcmp(t, "1") || !strcmp(t, "false") || !strcmp(t, "0")) {
            /* as the numbers 1 and 0: an attribute's type is guessed (below) */
            strcpy(out, t[0] == 't' || t[0] == '1' ? "#1e0" : "#0e0");
            return 1;
        }
        return 0;
    case XSD_FLOAT: case XSD_DOUBLE:
        if (!strcmp(t, "NaN"))
            return -1;
        /* fall through */
    case XSD_DECIMAL: {
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

/* The built-in type of an attribute in segment or scenario content: as its
 * element's type declares it, else (no declaration in the DTS) guessed from
 * the value: one that reads as a number or a boolean is taken as one. */
static int attribute_builtin(instance *r, const dts_concept *decl, const xmlAttr *a, const char *v)
{
    int b = decl ? typecheck_attribute_builtin(r->tc, decl, a) : -1;
    if (typecheck_failed(r->tc))
        r->oom = 1;
    if (b >= 0)
        return b;
    if (!strcmp(v, "true") || !strcmp(v, "false"))
        return XSD_BOOLEAN;
    if (xsd_lexical(XSD_DOUBLE, v, NULL))
        return XSD_DOUBLE;
    return XSD_STRING;
}

/* Add text t of an element or attribute to the canonical form: its value
 * when it is typed; a NaN sets *nan. */
static int add_value(r2x_buf *b, int builtin, const char *t, size_t len, int *nan)
{
    char one[64], canon[96];
    if (len < sizeof one) {
        memcpy(one, t, len);
        one[len] = '\0';
        int k = canonical_value(builtin, one, canon);
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
static int serialize(instance *r, r2x_buf *b, xmlNodePtr n, int *nan)
{
    int rc = 0;
    const dts_concept *decl = n->ns ? dts_concept_get(r->d, (const char *)n->ns->href,
                                                      (const char *)n->name) : NULL;
    int builtin = decl && !(decl->flags & DTS_TYPE_UNKNOWN) ? decl->builtin : XSD_STRING;
    /* an empty element of a declaration with a default or fixed value has
     * that value (XML Schema 3.3.4) */
    const char *dflt = decl && !first_el(n) ? decl->fixed ? decl->fixed : decl->dflt : NULL;
    size_t before = b->len;
    for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            rc |= buf_addf(b, "<{%s}%s", c->ns ? (const char *)c->ns->href : "",
                           (const char *)c->name);
            /* attributes in name order: their order does not matter (4.10) */
            const dts_concept *cdecl = c->ns ? dts_concept_get(r->d, (const char *)c->ns->href,
                                                               (const char *)c->name)
                                             : NULL;
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
                rc |= add_value(b, attribute_builtin(r, cdecl, a, vs), vs, strlen(vs), nan);
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
            rc |= add_value(b, builtin, s, len, nan);
        }
    }
    if (dflt && b->len == before)
        rc |= add_value(b, builtin, dflt, strlen(dflt), nan);
    return rc;
}

/* segment (4.7.3.2) and scenario (4.7.4): not empty, nothing from the xbrli
 * namespace, no items or tuples. */
static void check_open_content(instance *r, xmlNodePtr n, const char *what, const char *sec)
{
    char code[96];
    if (!first_el(n)) {
        snprintf(code, sizeof code, "%s:%sEmpty", sec, what);
        report_at(r->rep, R2X_SEV_ERROR, pos_of(r, n), code,
                  "the %s of a context must not be empty", what);
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
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), code,
                       "xbrli:%s must not be used in a %s", (const char *)c->name, what);
            } else if (c->ns) {
                const dts_concept *k = dts_concept_get(r->d, (const char *)c->ns->href,
                                                       (const char *)c->name);
                if (k && (k->kind == DTS_ITEM || k->kind == DTS_TUPLE)) {
                    snprintf(code, sizeof code, "%s:%sSubstitutionGroup", sec, what);
                    report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), code,
                           "%s is an item or tuple and must not be used in a %s",
                           (const char *)c->name, what);
                }
            }
            if (top < 64)
                stack[top++] = c;
        }
    }
}

/* The interned id of a context or unit (what: "a context") into *out; id
 * is freed.  Missing and repeated ids are reported (ids are unique in a
 * document) and return 0; a new id returns 1. */
static int register_id(instance *r, char *id, srcpos line, const char *what, void *owner,
                       const char **out)
{
    const char *interned = intern(r, id ? id : "");
    xmlFree(id);
    *out = interned;
    if (!interned[0]) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xmlSchema:missingId", "%s must have an id", what);
        return 0;
    }
    int seen = xmlHashLookup(r->ids, BAD_CAST interned) != NULL;
    if (!seen && xmlHashAddEntry(r->ids, BAD_CAST interned, owner)) {
        r->oom = 1;
        return 0;
    }
    if (seen) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xmlSchema:duplicateId", "the id '%s' is used twice",
               interned);
        return 0;
    }
    return 1;
}
/* The context's entity: an identifier with a scheme and a value, and its
 * segment, added to the context's s-equality signature sig. */
static int read_entity(instance *r, vcontext *c, xmlNodePtr entity, srcpos line, r2x_buf *sig,
                       int *nan)
{
    int rc = 0;
    if (!is_el(entity, XBRLI_NS, "entity")) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.4.7.3:missingEntity",
               "context '%s' has no entity", c->id);
    } else {
        xmlNodePtr ident = first_el(entity);
        char *scheme = ident ? prop(ident, "scheme") : NULL;
        if (!is_el(ident, XBRLI_NS, "identifier") || !scheme || !scheme[0]) {
            report_at(r->rep, R2X_SEV_ERROR, ident ? pos_of(r, ident) : line,
                   "xbrl.4.7.3.1:entityIdentifier",
                   "the entity of context '%s' needs an identifier with a scheme", c->id);
        } else {
            char *v = text_of(r, ident);
            if (!v || !v[0])
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, ident), "xbrl.4.7.3.1:entityIdentifier",
                       "the entity identifier of context '%s' is empty", c->id);
            rc |= buf_addf(sig, "%s\x1f%s\x1f", scheme, v ? v : "");
            free(v);
        }
        xmlFree(scheme);
        xmlNodePtr seg = ident ? next_el(ident) : NULL;
        if (is_el(seg, XBRLI_NS, "segment")) {
            check_open_content(r, seg, "segment", "xbrl.4.7.3.2");
            rc |= buf_adds(sig, "S");
            rc |= serialize(r, sig, seg, nan);
        }
    }
    return rc;
}

/* The context's period: forever, an instant or a start and end date, added
 * to the context's s-equality signature sig. */
static int read_period(instance *r, vcontext *c, xmlNodePtr period, srcpos line, r2x_buf *sig)
{
    int rc = 0;
    if (!is_el(period, XBRLI_NS, "period")) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.4.7.2:missingPeriod",
                  "context '%s' has no period", c->id);
    } else {
        xmlNodePtr p1 = first_el(period), p2 = p1 ? next_el(p1) : NULL;
        char k1[48] = "", k2[48] = "";
        xsd_when w1, w2;
        if (is_el(p1, XBRLI_NS, "forever") && !p2) {
            c->forever = 1;
            c->period = DTS_PERIOD_DURATION;
            rc |= buf_adds(sig, "forever");
        } else if (is_el(p1, XBRLI_NS, "instant") && !p2) {
            char *t = text_of(r, p1);
            if (!t || !xsd_parse_when(t, 3, &w1))
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, p1), "xmlSchema:valueError",
                       "the instant '%s' of context '%s' is not a date or dateTime",
                       t ? t : "", c->id);
            else {
                xsd_when_key(&w1, 1, k1, sizeof k1);
                c->period = DTS_PERIOD_INSTANT;
                rc |= buf_addf(sig, "I%s", k1);
            }
            free(t);
        } else if (is_el(p1, XBRLI_NS, "startDate") && is_el(p2, XBRLI_NS, "endDate") &&
                   !next_el(p2)) {
            char *t1 = text_of(r, p1), *t2 = text_of(r, p2);
            int ok1 = t1 && xsd_parse_when(t1, 3, &w1), ok2 = t2 && xsd_parse_when(t2, 3, &w2);
            if (!ok1 || !ok2) {
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, ok1 ? p2 : p1), "xmlSchema:valueError",
                       "the %s '%s' of context '%s' is not a date or dateTime",
                       ok1 ? "endDate" : "startDate", ok1 ? t2 ? t2 : "" : t1 ? t1 : "", c->id);
            } else {
                xsd_when_key(&w1, 0, k1, sizeof k1);
                xsd_when_key(&w2, 1, k2, sizeof k2);
                if (strcmp(k1, k2) >= 0)
                    report_at(r->rep, R2X_SEV_ERROR, pos_of(r, p2),
                              "xbrl.4.7.2:periodStartAfterEnd",
                           "context '%s' ends (%s) before it starts (%s)", c->id, t2, t1);
                else {
                    c->period = DTS_PERIOD_DURATION;
                    rc |= buf_addf(sig, "D%s/%s", k1, k2);
                }
            }
            free(t1);
            free(t2);
        } else {
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, period), "xbrl.4.7.2:periodContent",
                   "the period of context '%s' must hold an instant, a startDate and an "
                   "endDate, or forever", c->id);
        }
    }
    return rc;
}

static void read_context(instance *r, xmlNodePtr cx)
{
    srcpos line = pos_of(r, cx);
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
    c->pos = line;
    c->node = cx;
    if (register_id(r, id, line, "a context", c, &c->id))
        xmlHashAddEntry(r->contexts, BAD_CAST c->id, c);
    xmlNodePtr entity = first_el(cx);
    xmlNodePtr period = entity ? next_el(entity) : NULL;
    xmlNodePtr scenario = period ? next_el(period) : NULL;
    int rc = 0, nan = 0;
    rc |= read_entity(r, c, entity, line, &sig, &nan);
    rc |= buf_adds(&sig, "\x1f");
    rc |= read_period(r, c, period, line, &sig);
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

/* Resolve a QName in the scope of node into "{ns}local"; NULL when its
 * prefix is not declared or it is no QName. */
static const char *resolve_qname(instance *r, xmlNodePtr node, const char *q)
{
    const char *colon = strchr(q, ':');
    char prefix[256];
    const char *local = q;
    xmlNsPtr ns;
    if (colon) {
        size_t n = (size_t)(colon - q);
        if (n >= sizeof prefix || !xsd_lex_ncname(q, n) ||
            !xsd_lex_ncname(colon + 1, strlen(colon + 1)))
            return NULL;
        memcpy(prefix, q, n);
        prefix[n] = '\0';
        ns = xmlSearchNs(node->doc, node, BAD_CAST prefix);
        if (!ns)
            return NULL;
        local = colon + 1;
    } else {
        if (!xsd_lex_ncname(q, strlen(q)))
            return NULL;
        ns = xmlSearchNs(node->doc, node, NULL);
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "{%s}%s", ns ? (const char *)ns->href : "", local);
    return intern(r, buf);
}

/* The measures of n's measure children, resolved and sorted; count in *k. */
static int measures(instance *r, xmlNodePtr n, const char **out, int max, int *k, const char *uid)
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
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, m), "xmlSchema:valueError",
                   "the measure '%s' of unit '%s' is not a QName with a declared prefix",
                   t ? t : "", uid);
        else if (!strncmp(q, "{" XBRLI_NS "}", strlen(XBRLI_NS) + 2) &&
                 strcmp(q, "{" XBRLI_NS "}pure") && strcmp(q, "{" XBRLI_NS "}shares"))
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, m), "xbrl.4.8.2:xbrliMeasure",
                   "the measure '%s' of unit '%s' is in the XBRL instance namespace but is "
                   "neither pure nor shares", t, uid);
        if (q && *k < max)
            out[(*k)++] = q;
        free(t);
    }
    qsort(out, (size_t)*k, sizeof *out, cmp_str);
    return bad;
}

static void read_unit(instance *r, xmlNodePtr un)
{
    srcpos line = pos_of(r, un);
    char *id = prop(un, "id");
    vunit *u = calloc(1, sizeof *u);
    if (!u || buf_add(&r->unit_list, &u, sizeof u)) {
        free(u);
        xmlFree(id);
        r->oom = 1;
        return;
    }
    u->pos = line;
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
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, first), "xbrl.4.8.4:divideContent",
                   "the divide of unit '%s' must hold a unitNumerator and a unitDenominator",
                   u->id);
        } else {
            measures(r, a, num, 32, &nn, u->id);
            measures(r, b, den, 32, &nd, u->id);
            if (!nn || !nd)
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, first), "xbrl.4.8.4:divideContent",
                       "the numerator and denominator of unit '%s' each need a measure", u->id);
            for (int i = 0, j = 0; i < nn && j < nd;) {
                int c = strcmp(num[i], den[j]);
                if (!c) {
                    report_at(r->rep, R2X_SEV_ERROR, pos_of(r, first),
                              "xbrl.4.8.4:divideCommonMeasure",
                           "unit '%s' has %s in both its numerator and its denominator",
                           u->id, num[i]);
                    break;
                }
                if (c < 0) i++; else j++;
            }
        }
    } else {
        if (measures(r, un, num, 32, &nn, u->id) || !nn)
            report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.4.8.2:unitContent",
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

static void read_fact(instance *r, xmlNodePtr n, xmlNodePtr parent);

/* Count a fact that cannot be checked, under the namespace whose schema is
 * missing (ns, schema); type: the type whose schema it is, or NULL when the
 * concept's own. */
static void note_unchecked(instance *r, const char *ns, const char *schema, const char *type,
                           srcpos at)
{
    unchecked_ns *u = (unchecked_ns *)r->unchecked.data;
    size_t nu = r->unchecked.len / sizeof *u;
    r->unchecked_facts++;
    r->unread += !type;
    for (size_t i = 0; i < nu; i++)
        if (!strcmp(u[i].ns, ns) && !u[i].type == !type) {
            u[i].facts++;
            return;
        }
    unchecked_ns e = {intern(r, ns), schema, type ? intern(r, type) : NULL, at, 1};
    if (buf_add(&r->unchecked, &e, sizeof e))
        r->oom = 1;
}

/* The item's type is in a schema that could not be had: counted and named,
 * its value and attributes unchecked. */
static void note_untyped(instance *r, const dts_concept *k, srcpos at)
{
    const char *type = typecheck_unresolved(r->d, k);
    char ns[1024] = "";
    const char *close = type && type[0] == '{' ? strchr(type, '}') : NULL;
    if (close)
        snprintf(ns, sizeof ns, "%.*s", (int)(close - type - 1), type + 1);
    const char *schema = dts_missing_namespace(r->d, ns);
    note_unchecked(r, ns, schema ? schema : "", type ? type : "?", at);
}

typedef struct attr_ctx { instance *r; const dts_concept *k; srcpos at; } attr_ctx;

/* An attribute finding of the type check.  contextRef and unitRef missing,
 * and the values of contextRef, unitRef, decimals and precision, have rules
 * of their own (4.6) and are not said twice; an attribute the type does not
 * declare is said, whichever (decimals on a non-numeric item breaks both
 * XML Schema and 4.6.3). */
static void on_attribute(void *userdata, xmlNodePtr n, int kind, const char *name,
                         const char *why)
{
    (void)n;
    attr_ctx *a = userdata;
    static const char *const own[] = {"{}contextRef", "{}unitRef", "{}decimals", "{}precision"};
    for (size_t i = 0; kind != TYPECHECK_ATTR_UNDECLARED && i < sizeof own / sizeof *own; i++)
        if (!strcmp(name, own[i]))
            return;
    const char *shown = !strncmp(name, "{}", 2) ? name + 2 : name;
    if (kind == TYPECHECK_ATTR_UNDECLARED)
        report_at(a->r->rep, R2X_SEV_ERROR, a->at, "xmlSchema:attributesExtraneous",
                  "%s: the attribute %s is not declared for its type", a->k->name, shown);
    else if (kind == TYPECHECK_ATTR_MISSING)
        report_at(a->r->rep, R2X_SEV_ERROR, a->at, "xmlSchema:attributesRequired",
                  "%s: its type requires the attribute %s", a->k->name, shown);
    else
        report_at(a->r->rep, R2X_SEV_ERROR, a->at, "xmlSchema:valueError",
                  "%s: the attribute %s is not valid: %s", a->k->name, shown, why);
}

/* contextRef and unitRef (4.6.1, 4.6.2); known: the type is known. */
static void item_refs(instance *r, xmlNodePtr n, vfact *f, int known, int num)
{
    const char *name = f->concept->name;
    char *ctx = prop(n, "contextRef"), *unit = prop(n, "unitRef");
    if (!ctx)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.1:itemContextRef",
                  "item %s has no contextRef", name);
    else if (!(f->context = xmlHashLookup(r->contexts, BAD_CAST ctx)))
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.1:itemContextRef",
                  "item %s refers to context '%s', which is not in the instance", name, ctx);
    if (unit && !(f->unit = xmlHashLookup(r->units, BAD_CAST unit)) && (num || !known))
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.2:numericUnit",
                  "item %s refers to unit '%s', which is not in the instance", name, unit);
    else if (known && num && !unit)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.2:numericUnit",
                  "numeric item %s has no unitRef", name);
    else if (known && !num && unit)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.2:nonNumericUnit",
                  "non-numeric item %s must not have a unitRef", name);
    xmlFree(ctx);
    xmlFree(unit);
}

/* precision and decimals (4.6.3, 4.6.4, 4.6.5): what needs the type only
 * where it is known; *dec and *prec as usable (NULL when not lexically
 * valid). */
static void item_precision(instance *r, vfact *f, int known, int num, char **dec, char **prec)
{
    const char *name = f->concept->name;
    int is_fraction = (f->concept->flags & DTS_FRACTION) != 0;
    int not_numeric = known && (!num || is_fraction);
    if (f->nil && (*dec || *prec))
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.3:nilPrecisionDecimals",
                  "nil item %s must not have %s", name, *dec ? "decimals" : "precision");
    else if (not_numeric && (*dec || *prec))
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.3:nonNumericPrecisionDecimals",
                  "%s item %s must not have %s", is_fraction ? "fraction" : "non-numeric", name,
                  *dec ? "decimals" : "precision");
    else if (*dec && *prec)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.3:bothPrecisionAndDecimals",
                  "%s has both precision and decimals", name);
    else if (known && num && !is_fraction && !f->nil && !*dec && !*prec)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.6.3:missingPrecisionDecimals",
                  "numeric item %s needs decimals or precision", name);
    int sign;
    if (*dec && strcmp(*dec, "INF") && !xsd_lex_integer(*dec, &sign)) {
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xmlSchema:valueError",
                  "decimals '%s' of %s is neither an integer nor INF", *dec, name);
        xmlFree(*dec);
        *dec = NULL;
    }
    if (*prec && strcmp(*prec, "INF") && (!xsd_lex_integer(*prec, &sign) || sign < 0)) {
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xmlSchema:valueError",
                  "precision '%s' of %s is neither a non-negative integer nor INF", *prec, name);
        xmlFree(*prec);
        *prec = NULL;
    }
}

/* The item's value and attributes against its type (and its enumeration's
 * domain), then its numeric value for the sums. */
static void item_value(instance *r, xmlNodePtr n, vfact *f, const char *raw, int num,
                       const char *dec, const char *prec)
{
    const dts_concept *k = f->concept;
    char why[400];
    int rc = TYPECHECK_VALID;
    if (!f->nil && (k->flags & DTS_FRACTION))
        rc = typecheck_element(r->tc, k, n, 1, why, sizeof why);
    else if (!f->nil && first_el(n)) {
        snprintf(why, sizeof why, "an item of a simple type holds no elements");
        rc = TYPECHECK_INVALID;
    } else if (!f->nil)
        rc = typecheck_value(r->tc, k, raw, n, why, sizeof why);
    if (rc == TYPECHECK_OOM)
        r->oom = 1;
    if (rc == TYPECHECK_INVALID)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, typecheck_code(r->tc),
                  "'%s' is not a valid value of %s (type %s): %s", f->text ? f->text : "", k->name,
                  k->type ? strchr(k->type, '}') + 1 : "anonymous", why);
    attr_ctx ac = {r, k, f->pos};
    if (typecheck_attributes(r->tc, k, n, on_attribute, &ac) == TYPECHECK_OOM)
        r->oom = 1;
    r->typed++;
    if (rc == TYPECHECK_VALID && !f->nil && (k->flags & (DTS_ENUM2 | DTS_ENUM1))) {
        const char *code;
        int e = typecheck_enumeration(r->tc, k, raw, n, &code, why, sizeof why);
        if (e == TYPECHECK_OOM)
            r->oom = 1;
        else if (e == TYPECHECK_UNKNOWN)
            r->enum_unjudged++;
        else if (e == TYPECHECK_INVALID)
            report_at(r->rep, R2X_SEV_ERROR, f->pos, code, "%s: %s", k->name, why);
    }
    if (rc != TYPECHECK_VALID || !num || f->nil || !f->text)
        return;
    f->value = vdec_parse(f->text);
    if (dec) {
        f->has_decimals = 1;
        f->decimals = !strcmp(dec, "INF") ? VDEC_INF : atoi(dec);
    } else if (prec) {
        f->has_decimals = 1;
        f->precision_zero = !strcmp(prec, "0");
        f->decimals = !strcmp(prec, "INF") ? VDEC_INF
                                           : vdec_decimals_from_precision(f->value, atoi(prec));
    }
}

/* An attribute of the item, or the default its type gives it. */
static char *item_attribute(instance *r, xmlNodePtr n, const dts_concept *k, const char *name)
{
    char *v = prop(n, name);
    const char *dflt = v ? NULL : typecheck_attribute_default(r->tc, k, name);
    if ((dflt && !(v = (char *)xmlStrdup(BAD_CAST dflt))) || typecheck_failed(r->tc))
        r->oom = 1;
    return v;
}

static void read_item(instance *r, xmlNodePtr n, vfact *f)
{
    const dts_concept *k = f->concept;
    const char *name = k->name;
    /* a type whose derivation the DTS lacks (an unavailable schema): the
     * rules that need to know whether it is numeric wait */
    int known = !(k->flags & DTS_TYPE_UNKNOWN);
    int num = (k->flags & DTS_NUMERIC) != 0;
    char *dec = item_attribute(r, n, k, "decimals"), *prec = item_attribute(r, n, k, "precision");
    xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST XSI_NS);
    f->nil = nil && (!strcmp((const char *)nil, "true") || !strcmp((const char *)nil, "1"));
    xmlFree(nil);
    xmlChar *raw = xmlNodeGetContent(n);
    f->text = text_of(r, n);
    const char *dflt = NULL;
    if (f->text && !f->text[0] && !first_el(n))
        dflt = k->fixed ? k->fixed : k->dflt;
    if (dflt && !f->nil) {
        free(f->text);
        if (!(f->text = r2xi_strndup(dflt, strlen(dflt))))
            r->oom = 1;
    }
    if (!num) {
        xmlChar *lang = xmlNodeGetLang(n);
        f->lang = lang ? intern(r, (const char *)lang) : NULL;
        xmlFree(lang);
    }
    item_refs(r, n, f, known, num);
    if (k->abstract)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.5.1.1:abstractConcept",
                  "%s is abstract and cannot be reported", name);
    if (f->nil && !k->nillable)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xmlSchema:nilNotNillable",
                  "%s is nil but its declaration is not nillable", name);
    if (f->nil && ((f->text && f->text[0]) || first_el(n)))
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xmlSchema:nilContent",
                  "%s is nil and must be empty", name);
    item_precision(r, f, known, num, &dec, &prec);
    if (!known)
        note_untyped(r, k, f->pos);
    else if (f->text && raw)
        item_value(r, n, f, dflt && !f->nil ? dflt : (const char *)raw, num, dec, prec);
    xmlFree(raw);
    /* period type (5.1.1.1) */
    if (f->context && f->context->period && k->period_type &&
        f->context->period != k->period_type)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.5.1.1.1:periodType",
                  "%s has periodType %s but context '%s' is %s", name,
                  k->period_type == DTS_PERIOD_INSTANT ? "instant" : "duration", f->context->id,
                  f->context->forever ? "forever"
                  : f->context->period == DTS_PERIOD_INSTANT ? "an instant" : "a duration");
    /* units of monetary and shares items (4.8.2) */
    if (f->unit && (k->flags & DTS_MONETARY) && !f->unit->iso4217)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.8.2:monetaryMeasure",
                  "monetary item %s needs a unit of one ISO 4217 currency; unit '%s' is %s", name,
                  f->unit->id, f->unit->sig);
    if (f->unit && (k->flags & DTS_SHARES) && !f->unit->shares)
        report_at(r->rep, R2X_SEV_ERROR, f->pos, "xbrl.4.8.2:sharesMeasure",
                  "shares item %s needs the unit xbrli:shares; unit '%s' is %s", name,
                  f->unit->id, f->unit->sig);
    xmlFree(dec);
    xmlFree(prec);
}

static void read_fact(instance *r, xmlNodePtr n, xmlNodePtr parent)
{
    srcpos line = pos_of(r, n);
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
        note_unchecked(r, (const char *)n->ns->href, missing, NULL, line);
        return;
    }
    if (!k) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xmlSchema:undeclaredElement",
               "%s%s%s is not declared in the DTS", n->ns && n->ns->prefix ?
               (const char *)n->ns->prefix : "", n->ns && n->ns->prefix ? ":" : "",
               (const char *)n->name);
        return;
    }
    if (k->kind != DTS_ITEM && k->kind != DTS_TUPLE) {
        report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.4.6:notItemOrTuple",
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
    f.pos = line;
    f.order = ++r->order;
    f.scope_hi = SIZE_MAX;           /* a tuple narrows it below */
    if (k->kind == DTS_TUPLE) {
        if (k->abstract)
            report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.5.1.1:abstractConcept",
                   "%s is abstract and cannot be reported", k->name);
        size_t first = r->facts.len / sizeof f;
        /* 4.9: a tuple's attributes (anyAttribute lets them in) are not XBRL's */
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            const char *ans = a->ns ? (const char *)a->ns->href : "";
            if (!strcmp(ans, XBRLI_NS) || !strcmp(ans, LINK_NS) || !strcmp(ans, XLINK_NS) ||
                !strcmp(ans, "http://www.xbrl.org/2003/XLink"))
                report_at(r->rep, R2X_SEV_ERROR, line, "xbrl.4.9:tupleXbrlAttribute",
                       "tuple %s has the attribute %s:%s of an XBRL or XLink namespace",
                       k->name, a->ns->prefix ? (const char *)a->ns->prefix : "",
                       (const char *)a->name);
        }
        /* its content against its type's model group (the items are facts,
         * each checked as one) */
        char why[400];
        int rc = typecheck_element(r->tc, k, n, 0, why, sizeof why);
        if (rc == TYPECHECK_OOM)
            r->oom = 1;
        else if (rc == TYPECHECK_INVALID)
            report_at(r->rep, R2X_SEV_ERROR,
                      typecheck_where(r->tc) ? pos_of(r, typecheck_where(r->tc)) : line,
                      typecheck_code(r->tc), "tuple %s: %s", k->name, why);
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

/* ---- roleRef, arcroleRef and footnote links (4.4, 4.5, 4.11) ------------------- */

#define ARCROLE_FACT_FOOTNOTE "http://www.xbrl.org/2003/arcrole/fact-footnote"
#define ARCROLE_REQUIRES_ELEMENT "http://www.xbrl.org/2003/arcrole/requires-element"

/* Does the document part of href (resolved against n's base) name this
 * instance?  An empty one does. */
static int same_document(instance *r, xmlNodePtr n, const char *href)
{
    const char *hash = strchr(href, '#');
    size_t len = hash ? (size_t)(hash - href) : strlen(href);
    if (!len)
        return 1;
    char *part = r2xi_strndup(href, len);
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    xmlChar *abs = part ? xmlBuildURI(BAD_CAST part, base ? base : BAD_CAST r->rep->file) : NULL;
    xmlChar *self = xmlBuildURI(n->doc->URL ? n->doc->URL : BAD_CAST r->rep->file, NULL);
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

static void check_footnote_link(instance *r, xmlNodePtr link)
{
    xmlHashTablePtr labels = xml_hash_new(16);
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
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), "xbrl.4.11.1.1:footnoteLocator",
                       "a locator of a footnote link must point into this instance, not to "
                       "'%s'", h);
            else if (frag && strncmp(frag + 1, "element(", 8) &&
                     !xmlHashLookup(r->fact_ids, BAD_CAST (frag + 1)))
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), "xbrl.4.11.1.1:footnoteLocator",
                       "a locator of a footnote link must point to an item or tuple; '%s' %s",
                       h, xmlHashLookup(r->ids, BAD_CAST (frag + 1)) ? "is a context or unit"
                                                                     : "is no fact");
            xmlFree(href);
        } else if (type && !strcmp((const char *)type, "resource")) {
            kind = is_el(c, LINK_NS, "footnote") ? LABEL_FOOTNOTE : LABEL_OTHER;
            xmlChar *lang = xmlGetNsProp(c, BAD_CAST "lang", XML_XML_NAMESPACE);
            if (kind == LABEL_FOOTNOTE && !lang)
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), "xbrl.4.11.1.2:footnoteLang",
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
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), "xbrl.3.5.3.9:arcLabel",
                   "the arc's %s label '%s' names nothing in its footnote link",
                   !kf ? "from" : "to", !kf ? from ? (const char *)from : ""
                                            : to ? (const char *)to : "");
        else if (arcrole && !strcmp((const char *)arcrole, ARCROLE_FACT_FOOTNOTE) &&
                 (kf != LABEL_LOC || kt != LABEL_FOOTNOTE))
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, c), "xbrl.4.11.1.3.1:factFootnoteArc",
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
static void check_requires_element(instance *r, xmlNodePtr root)
{
    size_t nrels;
    const dts_rel *rels = dts_relationships_of(r->d, ARCROLE_REQUIRES_ELEMENT, &nrels);
    for (size_t i = 0; i < nrels; i++)
        if (xmlHashLookup(r->present, BAD_CAST rels[i].from->key) &&
            !xmlHashLookup(r->present, BAD_CAST rels[i].to->key))
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, root), "xbrl.5.2.6.2.4:requiresElement",
                   "the instance has %s, which requires %s (%s:%ld), but no %s",
                   rels[i].from->name, rels[i].to->name, rels[i].document, rels[i].line,
                   rels[i].to->name);
}

/* One roleRef per roleURI and one arcroleRef per arcroleURI in an instance
 * (4.4, 4.5), and the footnote links. */
static void check_instance_links(instance *r, xmlNodePtr root)
{
    xmlHashTablePtr seen = xml_hash_new(16);
    if (!seen) {
        r->oom = 1;
        return;
    }
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        int role = is_el(n, LINK_NS, "roleRef"), arcrole = is_el(n, LINK_NS, "arcroleRef");
        if (role || arcrole) {
            char *uri = prop(n, role ? "roleURI" : "arcroleURI");
            if (uri && xmlHashLookup2(seen, BAD_CAST uri, n->name))
                report_at(r->rep, R2X_SEV_ERROR, pos_of(r, n),
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
static void check_schema_ref(instance *r, xmlNodePtr n, const char *href)
{
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    char *data = NULL;
    size_t len = 0;
    r2x_error e;
    memset(&e, 0, sizeof e);
    if (!fetcher_get(r->fetch, href, base ? (const char *)base : r->rep->file, &data, &len, NULL,
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
            report_at(r->rep, R2X_SEV_ERROR, pos_of(r, n), "xbrl.4.2.2:schemaRefTarget",
                   "the schemaRef '%s'%s%s%s points to a document that is no XML Schema",
                   href, base ? " (base " : "", base ? (const char *)base : "", base ? ")" : "");
    }
    free(data);
    xmlFree(base);
}


/* ---- the instance ----------------------------------------------------------------- */

int instance_init(instance *in, const dts *d, fetcher *f, const vreporter *rep)
{
    memset(in, 0, sizeof *in);
    in->d = d;
    in->fetch = f;
    in->rep = rep;
    in->tc = typecheck_new(d);
    in->dict = xmlDictCreate();
    in->ids = xml_hash_new(256);
    in->contexts = xml_hash_new(256);
    in->units = xml_hash_new(64);
    in->fact_ids = xml_hash_new(256);
    in->present = xml_hash_new(256);
    buf_init(&in->facts, R2X_BUF_NOCAP);
    buf_init(&in->unchecked, R2X_BUF_NOCAP);
    buf_init(&in->context_list, R2X_BUF_NOCAP);
    buf_init(&in->unit_list, R2X_BUF_NOCAP);
    return in->tc && in->dict && in->ids && in->contexts && in->units && in->fact_ids &&
                   in->present
               ? R2X_OK
               : R2X_ENOMEM;
}

void instance_release(instance *in)
{
    vfact *f = (vfact *)in->facts.data;
    for (size_t i = 0; i < in->facts.len / sizeof *f; i++)
        free(f[i].text);
    vcontext **c = (vcontext **)in->context_list.data;
    for (size_t i = 0; i < in->context_list.len / sizeof *c; i++)
        free(c[i]);
    vunit **u = (vunit **)in->unit_list.data;
    for (size_t i = 0; i < in->unit_list.len / sizeof *u; i++)
        free(u[i]);
    buf_release(&in->facts);
    buf_release(&in->unchecked);
    buf_release(&in->context_list);
    buf_release(&in->unit_list);
    xmlHashFree(in->ids, NULL);
    xmlHashFree(in->contexts, NULL);
    xmlHashFree(in->units, NULL);
    xmlHashFree(in->fact_ids, NULL);
    xmlHashFree(in->present, NULL);
    xmlDictFree(in->dict);
    typecheck_free(in->tc);
}

int instance_discover(instance *in, xmlNodePtr root, dts *d, r2x_error *err)
{
    int nschema = 0;
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        if (!is_el(n, LINK_NS, NULL))
            continue;
        const char *nm = (const char *)n->name;
        if (strcmp(nm, "schemaRef") && strcmp(nm, "linkbaseRef") && strcmp(nm, "roleRef") &&
            strcmp(nm, "arcroleRef"))
            continue;
        xmlChar *href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST XLINK_NS);
        if (!href)
            continue;
        nschema += !strcmp(nm, "schemaRef");
        if (!strcmp(nm, "schemaRef"))
            check_schema_ref(in, n, (const char *)href);
        xmlChar *base = xmlNodeGetBase(root->doc, n);
        int rc = dts_add(d, (const char *)href, base ? (const char *)base : in->rep->file,
                         in->rep->file, pos_of(in, n).line, err);
        xmlFree(base);
        xmlFree(href);
        if (rc)
            return rc;
    }
    if (!nschema)
        report_at(in->rep, R2X_SEV_ERROR, pos_of(in, root), "xbrl.4.2:missingSchemaRef",
                  "an XBRL instance needs at least one link:schemaRef");
    return R2X_OK;
}

void instance_read(instance *in, xmlNodePtr root)
{
    for (xmlNodePtr n = first_el(root); n; n = next_el(n)) {
        if (is_el(n, XBRLI_NS, "context"))
            read_context(in, n);
        else if (is_el(n, XBRLI_NS, "unit"))
            read_unit(in, n);
    }
    for (xmlNodePtr n = first_el(root); n; n = next_el(n))
        if (!is_el(n, XBRLI_NS, NULL) && !is_el(n, LINK_NS, NULL))
            read_fact(in, n, NULL);
}

void instance_check_links(instance *in, xmlNodePtr root)
{
    check_instance_links(in, root);
}

void instance_check_requires(instance *in, xmlNodePtr root)
{
    check_requires_element(in, root);
}

void instance_report_unchecked(instance *in)
{
    const unchecked_ns *u = (const unchecked_ns *)in->unchecked.data;
    for (size_t i = 0; i < in->unchecked.len / sizeof *u; i++) {
        const char *s = u[i].facts == 1 ? "" : "s";
        char schema[600];
        if (u[i].schema[0])
            snprintf(schema, sizeof schema, "its schema '%s' could not be had", u[i].schema);
        else
            snprintf(schema, sizeof schema, "no schema read declares it, and documents of the "
                                            "DTS could not be had");
        if (u[i].type)
            report_at(in->rep, R2X_SEV_ERROR, u[i].first, "xbrl.3.2:documentUnavailable",
                      "%zu fact%s of types in namespace %s (%s, for one) cannot be checked: %s",
                      u[i].facts, s, u[i].ns,
                      strchr(u[i].type, '}') ? strchr(u[i].type, '}') + 1 : u[i].type, schema);
        else
            report_at(in->rep, R2X_SEV_ERROR, u[i].first, "xbrl.3.2:documentUnavailable",
                      "%zu fact%s in namespace %s cannot be checked: %s", u[i].facts, s, u[i].ns,
                      schema);
    }
}
