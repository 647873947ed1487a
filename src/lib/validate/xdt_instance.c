/* xdt_instance.c - XBRL Dimensions 1.0 validity of an instance (xbrldie:*):
 * each context's explicit and typed members against the DTS's dimensions,
 * then each item against its hypercubes.  A fact is dimensionally valid when,
 * in at least one link role of its has-hypercube relationships, its context
 * satisfies every "all" hypercube and no "notAll" one.
 *
 * A dimension or member whose namespace's schema could not be had (an import
 * offline, say) is not judged: it may well be declared there.  Its context's
 * facts are then left unjudged too, and counted; any other undeclared
 * dimension or member is an error whatever else is missing. */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "typecheck.h"
#include "validate.h"
#include "xml_hash.h"
#include "xdt.h"
#include "xdt_instance.h"

typedef struct dimval {
    const dts_concept *dim;     /* NULL: it names no concept */
    const dts_concept *member;  /* explicit; NULL for typed */
    int container;              /* 1 segment, 2 scenario */
    int bad;                    /* no value of that dimension: an undefined member, an
                                 * explicit member of a typed dimension or the reverse,
                                 * or no dimension at all; it fits no hypercube of
                                 * that dimension, and no closed one */
} dimval;

typedef struct ctxdims {
    dimval v[32];
    int n;
    int ok;                     /* 0: the context itself is dimensionally invalid */
    int unjudged;               /* it names what a missing schema may declare */
    int other[3];               /* other than dimension content, by container */
} ctxdims;

typedef struct xinst {
    xdt x;
    const vreporter *rep;
    typecheck *tc;              /* typed members' content */
} xinst;

/* A QName of n's scope (trimmed) as a concept; *missing set when it names
 * nothing because its namespace's schema is missing. */
static const dts_concept *qname_concept(const dts *d, xmlNodePtr n, const char *q, int *missing)
{
    *missing = 0;
    if (!q)
        return NULL;
    while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r')
        q++;
    char buf[512];
    size_t len = strlen(q);
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, q, len + 1);
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\n' || buf[len - 1] == '\t' ||
                   buf[len - 1] == '\r'))
        buf[--len] = '\0';
    char *colon = strchr(buf, ':');
    const char *local = buf;
    if (colon) {
        *colon = '\0';
        local = colon + 1;
    }
    xmlNsPtr ns = xmlSearchNs(n->doc, n, colon ? BAD_CAST buf : NULL);
    if (colon && !ns)
        return NULL;
    const char *uri = ns ? (const char *)ns->href : "";
    const dts_concept *c = dts_concept_get(d, uri, local);
    if (!c && dts_missing_namespace(d, uri))
        *missing = 1;
    return c;
}

static int is_xdi(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, XBRLDI_NS) && !strcmp((const char *)n->name, name);
}

static void fail(xinst *xi, ctxdims *cd, xmlNodePtr m, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail(xinst *xi, ctxdims *cd, xmlNodePtr m, const char *code, const char *fmt, ...)
{
    char msg[sizeof ((r2x_error *)NULL)->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(xi->rep, R2X_SEV_ERROR, vpos(xi->rep, m), code, "%s", msg);
    cd->ok = 0;
}

/* The context has a value for dim (as bad says), as the hypercubes see it. */
static void add_value(ctxdims *cd, const dts_concept *dim, const dts_concept *member,
                      int container, int bad)
{
    if (cd->n < 32)
        cd->v[cd->n++] = (dimval){dim, member, container, bad};
}

/* The one element of a typedMember: the typed domain's element, its
 * content valid for its declaration (xbrldie:IllegalTypedDimensionContentError). */
static void check_typed(xinst *xi, ctxdims *cd, xmlNodePtr m, const dts_concept *dim)
{
    xmlNodePtr only = NULL;
    int elements = 0;
    for (xmlNodePtr c = m->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            elements++;
            only = c;
        }
    if (elements != 1) {
        fail(xi, cd, m, "xbrldie:IllegalTypedDimensionContentError",
             "xbrldi:typedMember for %s needs exactly one element", dim->key);
        return;
    }
    const dts_concept *domain = dts_typed_domain(xi->x.d, dim);
    if (!domain)
        return;                 /* a taxonomy error (xbrldte:TypedDimensionError), said there */
    const char *ns = only->ns ? (const char *)only->ns->href : "";
    if (strcmp(ns, domain->ns ? domain->ns : "") ||
        strcmp((const char *)only->name, domain->name)) {
        fail(xi, cd, only, "xbrldie:IllegalTypedDimensionContentError",
             "the value of typed dimension %s must be a %s element", dim->key, domain->key);
        return;
    }
    char why[300];
    int v = typecheck_element(xi->tc, domain, only, 1, why, sizeof why);
    if (v == TYPECHECK_INVALID)
        fail(xi, cd, only, "xbrldie:IllegalTypedDimensionContentError",
             "the value of typed dimension %s is not valid: %s", dim->key, why);
    else if (v == TYPECHECK_OOM)
        xi->x.oom = 1;
}

static void read_container(xinst *xi, xmlNodePtr box, int container, ctxdims *cd)
{
    const dts *d = xi->x.d;
    for (xmlNodePtr m = box ? box->children : NULL; m; m = m->next) {
        int explicit = is_xdi(m, "explicitMember"), typed = is_xdi(m, "typedMember");
        if (!explicit && !typed) {
            cd->other[container] += m->type == XML_ELEMENT_NODE;
            continue;
        }
        xmlChar *dq = xmlGetNoNsProp(m, BAD_CAST "dimension");
        int missing;
        const dts_concept *dim = qname_concept(d, m, (const char *)dq, &missing);
        if (!dim && missing) {
            cd->unjudged = 1;
            xmlFree(dq);
            continue;
        }
        if (!dim || dim->kind != DTS_DIMENSION) {
            fail(xi, cd, m, explicit ? "xbrldie:ExplicitMemberNotExplicitDimensionError"
                                     : "xbrldie:TypedMemberNotTypedDimensionError",
                 "xbrldi:%s names %s, which is no dimension of the DTS", (const char *)m->name,
                 dq ? (const char *)dq : "nothing");
            xmlFree(dq);
            add_value(cd, dim, NULL, container, 1);
            continue;
        }
        xmlFree(dq);
        if (explicit && dim->typed_domain_ref) {
            fail(xi, cd, m, "xbrldie:ExplicitMemberNotExplicitDimensionError",
                 "%s is a typed dimension", dim->key);
            add_value(cd, dim, NULL, container, 1);
            continue;
        }
        if (typed && !dim->typed_domain_ref) {
            fail(xi, cd, m, "xbrldie:TypedMemberNotTypedDimensionError",
                 "%s is an explicit dimension", dim->key);
            add_value(cd, dim, NULL, container, 1);
            continue;
        }
        const dts_concept *member = NULL;
        if (explicit) {
            xmlChar *t = xmlNodeGetContent(m);
            member = qname_concept(d, m, (const char *)t, &missing);
            if (!member && missing) {
                xmlFree(t);
                cd->unjudged = 1;
                continue;
            }
            if (!member) {
                fail(xi, cd, m, "xbrldie:ExplicitMemberUndefinedQNameError",
                     "the member '%s' of %s is not a concept of the DTS", t ? (char *)t : "",
                     dim->key);
                xmlFree(t);
                add_value(cd, dim, NULL, container, 1);
                continue;
            }
            xmlFree(t);
            if (member == xdt_default_of(&xi->x, dim))
                fail(xi, cd, m, "xbrldie:DefaultValueUsedInInstanceError",
                     "%s is the default of %s and must not be given", member->key, dim->key);
        } else {
            check_typed(xi, cd, m, dim);
        }
        for (int i = 0; i < cd->n; i++)
            if (cd->v[i].dim == dim)
                fail(xi, cd, m, "xbrldie:RepeatedDimensionInInstanceError",
                     "%s is given twice in one context", dim->key);
        add_value(cd, dim, member, container, 0);
    }
}

static xmlNodePtr child_el(xmlNodePtr n, const char *ns, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns && !strcmp((const char *)c->ns->href, ns) &&
            !strcmp((const char *)c->name, name))
            return c;
    return NULL;
}

static void read_ctx(xinst *xi, xmlNodePtr cx, ctxdims *cd)
{
    memset(cd, 0, sizeof *cd);
    cd->ok = 1;
    read_container(xi, child_el(child_el(cx, XBRLI_NS, "entity"), XBRLI_NS, "segment"), 1, cd);
    read_container(xi, child_el(cx, XBRLI_NS, "scenario"), 2, cd);
}

/* Is the context's content valid for the hypercube of has-hypercube h? */
static int cube_valid(xdt *x, const dts_rel *h, const ctxdims *cd)
{
    const char *role = h->target_role ? h->target_role : h->linkrole;
    const dts_concept *cube = h->to;
    for (size_t i = xdt_first(&x->hd, role, cube); xdt_same_run(&x->hd, i, role, cube); i++) {
        const dts_rel *r = &x->hd.rels[i];
        const dts_concept *dim = r->to;
        const dimval *v = NULL;
        for (int k = 0; k < cd->n; k++)
            if (cd->v[k].dim == dim && cd->v[k].container == h->xdt_context)
                v = &cd->v[k];
        if (v && v->bad)
            return 0;
        const dts_concept *member = v ? v->member : xdt_default_of(x, dim);
        if (!v && !member)
            return 0;
        if (!member)
            continue;                   /* typed: any value of its domain */
        /* a defaulted dimension takes its default, which must be in this
         * hypercube's domain too (a notAll cube then excludes it or not) */
        xmlHashTablePtr dom = xdt_domain_of(x, dim, r->target_role ? r->target_role : role);
        void *mark = dom ? xmlHashLookup(dom, BAD_CAST member->key) : NULL;
        if ((uintptr_t)mark != 1)
            return 0;
    }
    /* a closed hypercube's container holds its dimensions and nothing else */
    if (h->xdt_closed && h->xdt_context > 0 && h->xdt_context < 3 && cd->other[h->xdt_context])
        return 0;
    if (h->xdt_closed)
        for (int k = 0; k < cd->n; k++) {
            if (cd->v[k].container != h->xdt_context)
                continue;
            int in = 0;
            for (size_t i = xdt_first(&x->hd, role, cube);
                 !in && xdt_same_run(&x->hd, i, role, cube); i++)
                in = x->hd.rels[i].to == cd->v[k].dim;
            if (!in)
                return 0;
        }
    return 1;
}

/* has-hypercube relationships reaching a primary item: (item key) -> r2x_buf of
 * const dts_rel * (its own and those inherited through domain-member). */
static void inherit(xdt *x, xmlHashTablePtr map, const dts_rel *h, const dts_concept *c,
                    const char *role, int depth)
{
    if (depth > 64)
        return;
    r2x_buf *list = xmlHashLookup(map, BAD_CAST c->key);
    if (!list) {
        list = malloc(sizeof *list);
        if (!list) {
            x->oom = 1;
            return;
        }
        buf_init(list, R2X_BUF_NOCAP);
        if (xmlHashAddEntry(map, BAD_CAST c->key, list)) {
            free(list);
            x->oom = 1;
            return;
        }
    }
    const dts_rel **have = (const dts_rel **)list->data;
    for (size_t i = 0; i < list->len / sizeof *have; i++)
        if (have[i] == h)
            return;
    if (buf_add(list, &h, sizeof h)) {
        x->oom = 1;
        return;
    }
    for (size_t i = xdt_first(&x->dm, role, c); xdt_same_run(&x->dm, i, role, c); i++) {
        const dts_rel *r = &x->dm.rels[i];
        inherit(x, map, h, r->to, r->target_role ? r->target_role : role, depth + 1);
    }
}

static void free_list(void *p, const xmlChar *name)
{
    (void)name;
    buf_release(p);
    free(p);
}

/* Does the fact fit one of its link roles' hypercubes? */
static int fact_valid(xdt *x, const r2x_buf *list, const ctxdims *cd)
{
    const dts_rel **hs = (const dts_rel **)list->data;
    size_t nh = list->len / sizeof *hs;
    for (size_t a = 0; a < nh; a++) {
        const char *role = hs[a]->linkrole;
        int ok = 1;
        for (size_t b = 0; b < nh && ok; b++) {
            if (hs[b]->linkrole != role)
                continue;
            int is_all = !strcmp(hs[b]->arcrole, XDT_ARC_ALL);
            ok = cube_valid(x, hs[b], cd) == is_all;
        }
        if (ok)
            return 1;
    }
    return 0;
}

int xdt_check_instance(vfact *facts, size_t n, vcontext *const *contexts, size_t ncontexts,
                       const dts *d, const vreporter *rep, size_t *unjudged)
{
    xinst xi;
    memset(&xi, 0, sizeof xi);
    xi.rep = rep;
    *unjudged = 0;
    xdt_init(&xi.x, d);
    xi.tc = typecheck_new(d);
    xmlHashTablePtr map = xml_hash_new(64);
    ctxdims *cds = calloc(ncontexts ? ncontexts : 1, sizeof *cds);
    xmlHashTablePtr by_id = xml_hash_new(64);
    if (!map || !cds || !by_id || !xi.tc)
        xi.x.oom = 1;
    const xdt_arcset *cubes[2] = {&xi.x.all, &xi.x.notall};
    for (int k = 0; !xi.x.oom && k < 2; k++)
        for (size_t i = 0; i < cubes[k]->n; i++) {
            const dts_rel *h = &cubes[k]->rels[i];
            inherit(&xi.x, map, h, h->from, h->linkrole, 0);
        }
    /* contexts: their dimensions, once each */
    for (size_t i = 0; !xi.x.oom && i < ncontexts; i++) {
        read_ctx(&xi, contexts[i]->node, &cds[i]);
        if (contexts[i]->id[0] && !xmlHashLookup(by_id, BAD_CAST contexts[i]->id) &&
            xmlHashAddEntry(by_id, BAD_CAST contexts[i]->id, &cds[i]))
            xi.x.oom = 1;
    }
    for (size_t i = 0; !xi.x.oom && i < n; i++) {
        vfact *f = &facts[i];
        if (!f->concept || f->concept->kind != DTS_ITEM || !f->context)
            continue;
        const ctxdims *cd = xmlHashLookup(by_id, BAD_CAST f->context->id);
        r2x_buf *list = xmlHashLookup(map, BAD_CAST f->concept->key);
        if (!cd || !list || !list->len)
            continue;
        if (cd->unjudged) {
            ++*unjudged;
            continue;
        }
        if (!fact_valid(&xi.x, list, cd))
            report_at(rep, R2X_SEV_ERROR, f->pos, "xbrldie:PrimaryItemDimensionallyInvalidError",
                      "%s in context '%s' fits none of its hypercubes", f->concept->name,
                      f->context->id);
    }
    free(cds);
    xmlHashFree(by_id, NULL);
    xmlHashFree(map, free_list);
    typecheck_free(xi.tc);
    int oom = xi.x.oom;
    xdt_release(&xi.x);
    return oom ? R2X_ENOMEM : R2X_OK;
}
