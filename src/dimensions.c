/* dimensions.c - XBRL Dimensions 1.0: the taxonomy rules on the
 * relationships of a DTS (xbrldte:*) and the dimensional validity of an
 * instance's contexts and facts (xbrldie:*).
 *
 * A primary item's hypercubes are those of its has-hypercube relationships
 * and of the ones it inherits through domain-member relationships (2.3.1);
 * each consecutive relationship of a DRS is looked up in the link role the
 * previous one names as xbrldt:targetRole, or in its own.  A fact is
 * dimensionally valid when, in at least one link role of its has-hypercube
 * relationships, its context satisfies every "all" hypercube and no
 * "notAll" one.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "buf.h"
#include "dts.h"
#include "graph.h"
#include "error.h"
#include "validate.h"

#define XDT_ARC "http://xbrl.org/int/dim/arcrole/"
#define ARC_ALL XDT_ARC "all"
#define ARC_NOTALL XDT_ARC "notAll"
#define ARC_HD XDT_ARC "hypercube-dimension"
#define ARC_DD XDT_ARC "dimension-domain"
#define ARC_DM XDT_ARC "domain-member"
#define ARC_DEF XDT_ARC "dimension-default"

/* The relationships of one arcrole, indexed by (link role, from). */
typedef struct arcset {
    const dts_rel *rels;
    size_t n;
    xmlHashTablePtr by_from;   /* (linkrole, from key) -> index + 1 of the first */
} arcset;

static const char *role_key(const char *r)
{
    return r ? r : "";
}

static void arcset_init(arcset *s, const dts *d, const char *arcrole)
{
    s->rels = dts_relationships_of(d, arcrole, &s->n);
    s->by_from = xmlHashCreate((int)(s->n + 1));
    for (size_t i = 0; s->by_from && i < s->n; i++)
        if (!xmlHashLookup2(s->by_from, BAD_CAST role_key(s->rels[i].linkrole),
                            BAD_CAST s->rels[i].from->key))
            xmlHashAddEntry2(s->by_from, BAD_CAST role_key(s->rels[i].linkrole),
                             BAD_CAST s->rels[i].from->key, (void *)(i + 1));
}

/* First relationship from c in role; iterate while same_run(). */
static size_t arcset_first(const arcset *s, const char *role, const dts_concept *c)
{
    void *v = s->by_from ? xmlHashLookup2(s->by_from, BAD_CAST role_key(role), BAD_CAST c->key)
                         : NULL;
    return v ? (size_t)v - 1 : s->n;
}

static int same_run(const arcset *s, size_t i, const char *role, const dts_concept *c)
{
    return i < s->n && s->rels[i].from == c && s->rels[i].linkrole == role;
}

typedef struct xdt {
    const dts *d;
    arcset all, notall, hd, dd, dm, def;
    xmlHashTablePtr members;   /* (dimension key, role) -> xmlHashTable of member keys */
    r2x_buf tables;            /* xmlHashTablePtr, to free */
    int incomplete;            /* documents of the DTS were missing */
    int oom;                   /* one of our allocations failed: the checks are not whole
                                * (libxml2's are seen by the caller's xml_guard) */
} xdt;

static void xdt_init(xdt *x, const dts *d)
{
    memset(x, 0, sizeof *x);
    x->d = d;
    arcset_init(&x->all, d, ARC_ALL);
    arcset_init(&x->notall, d, ARC_NOTALL);
    arcset_init(&x->hd, d, ARC_HD);
    arcset_init(&x->dd, d, ARC_DD);
    arcset_init(&x->dm, d, ARC_DM);
    arcset_init(&x->def, d, ARC_DEF);
    x->members = xmlHashCreate(64);
    dts_counts dc;
    dts_get_counts(d, &dc);
    x->incomplete = dc.missing > 0;
    buf_init(&x->tables, R2X_BUF_NOCAP);
}

static void free_table(void *p, const xmlChar *name)
{
    (void)name;
    xmlHashFree(p, NULL);
}

static void xdt_release(xdt *x)
{
    xmlHashFree(x->all.by_from, NULL);
    xmlHashFree(x->notall.by_from, NULL);
    xmlHashFree(x->hd.by_from, NULL);
    xmlHashFree(x->dd.by_from, NULL);
    xmlHashFree(x->dm.by_from, NULL);
    xmlHashFree(x->def.by_from, NULL);
    xmlHashFree(x->members, free_table);
    buf_release(&x->tables);
}

/* Walk domain-member relationships from c in role, marking members in set
 * (value 1 usable, 2 unusable); depth-limited against cycles. */
static void collect_members(xdt *x, xmlHashTablePtr set, const dts_concept *c, const char *role,
                            int depth)
{
    if (depth > 64)
        return;
    for (size_t i = arcset_first(&x->dm, role, c); same_run(&x->dm, i, role, c); i++) {
        const dts_rel *r = &x->dm.rels[i];
        void *old = xmlHashLookup(set, BAD_CAST r->to->key);
        void *mark = (void *)(uintptr_t)(r->xdt_unusable ? 2 : 1);
        if (!old)
            xmlHashAddEntry(set, BAD_CAST r->to->key, mark);
        else if (r->xdt_unusable)
            xmlHashUpdateEntry(set, BAD_CAST r->to->key, mark, NULL);
        if (!old)
            collect_members(x, set, r->to, r->target_role ? r->target_role : role, depth + 1);
    }
}

/* The members of a dimension's domain as seen from role. */
static xmlHashTablePtr domain_of(xdt *x, const dts_concept *dim, const char *role)
{
    xmlHashTablePtr set = xmlHashLookup2(x->members, BAD_CAST dim->key, BAD_CAST role_key(role));
    if (set)
        return set;
    set = xmlHashCreate(16);
    if (!set)
        return NULL;
    if (xmlHashAddEntry2(x->members, BAD_CAST dim->key, BAD_CAST role_key(role), set)) {
        xmlHashFree(set, NULL);  /* libxml2's failure: the guard has counted it */
        return NULL;
    }
    for (size_t i = arcset_first(&x->dd, role, dim); same_run(&x->dd, i, role, dim); i++) {
        const dts_rel *r = &x->dd.rels[i];
        void *mark = (void *)(uintptr_t)(r->xdt_unusable ? 2 : 1);
        if (!xmlHashLookup(set, BAD_CAST r->to->key))
            xmlHashAddEntry(set, BAD_CAST r->to->key, mark);
        else if (r->xdt_unusable)
            xmlHashUpdateEntry(set, BAD_CAST r->to->key, mark, NULL);
        collect_members(x, set, r->to, r->target_role ? r->target_role : role, 0);
    }
    return set;
}

static const dts_concept *default_of(const xdt *x, const dts_concept *dim)
{
    for (size_t i = 0; i < x->def.n; i++)
        if (x->def.rels[i].from == dim)
            return x->def.rels[i].to;
    return NULL;
}

/* ---- the taxonomy rules ----------------------------------------------------------- */

typedef struct dreport {
    const dts_options *opts;
    size_t errors;
} dreport;

static void dfail(dreport *dr, const dts_rel *r, const char *code, const char *what,
                  const char *name)
{
    dr->errors++;
    r2x_diag(dr->opts->diag, dr->opts->diag_userdata, R2X_SEV_ERROR, R2X_EINPUT,
             r ? r->document : NULL, r ? r->line : 0, 0, "[%s] %s %s", code, what, name);
}

/* The dimension-domain and domain-member relationships of the DRS that a
 * has-hypercube relationship starts, followed through xbrldt:targetRole,
 * as concept pairs in edges. */
typedef struct drs_walk {
    xdt *x;
    xmlHashTablePtr seen;      /* "role\001concept": visited */
    r2x_buf edges;             /* const dts_concept *[2] */
    xmlHashTablePtr members;   /* usable members of its explicit dimensions' domains */
} drs_walk;

static int drs_edge(drs_walk *w, const dts_rel *r)
{
    const dts_concept *e[2] = {r->from, r->to};
    if (!r->xdt_unusable && !xmlHashLookup(w->members, BAD_CAST r->to->key))
        xmlHashAddEntry(w->members, BAD_CAST r->to->key, (void *)1);
    int rc = buf_add(&w->edges, e, sizeof e);
    if (rc)
        w->x->oom = 1;
    return rc;
}

/* xbrldte:PrimaryItemPolymorphismError: a primary item of the DRS (the
 * has-hypercube source, or one inheriting from it through domain-member
 * relationships) is a usable member of one of its dimensions. */
static const dts_concept *polymorph(drs_walk *w, xmlHashTablePtr seen, const dts_concept *c,
                                    const char *role, int depth)
{
    if (xmlHashLookup(w->members, BAD_CAST c->key))
        return c;
    if (depth > 256 || xmlHashLookup2(seen, BAD_CAST role_key(role), BAD_CAST c->key) ||
        xmlHashAddEntry2(seen, BAD_CAST role_key(role), BAD_CAST c->key, (void *)1))
        return NULL;
    for (size_t i = arcset_first(&w->x->dm, role, c); same_run(&w->x->dm, i, role, c); i++) {
        const dts_rel *r = &w->x->dm.rels[i];
        const dts_concept *hit =
            polymorph(w, seen, r->to, r->target_role ? r->target_role : role, depth + 1);
        if (hit)
            return hit;
    }
    return NULL;
}

static void drs_members(drs_walk *w, const dts_concept *c, const char *role, int depth)
{
    if (depth > 256 || xmlHashLookup2(w->seen, BAD_CAST role_key(role), BAD_CAST c->key))
        return;
    if (xmlHashAddEntry2(w->seen, BAD_CAST role_key(role), BAD_CAST c->key, (void *)1))
        return;
    for (size_t i = arcset_first(&w->x->dm, role, c); same_run(&w->x->dm, i, role, c); i++) {
        const dts_rel *r = &w->x->dm.rels[i];
        if (drs_edge(w, r))
            return;
        drs_members(w, r->to, r->target_role ? r->target_role : role, depth + 1);
    }
}

static int cmp_concept_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const dts_concept *const *)a;
    uintptr_t y = (uintptr_t) * (const dts_concept *const *)b;
    return x < y ? -1 : x > y;
}

/* Does the concept graph of edges have a directed cycle?  The concepts are
 * numbered by their place among the distinct ends.  1 yes, 0 no, -1 out of
 * memory. */
static int has_directed_cycle(const dts_concept *(*edges)[2], size_t n)
{
    const dts_concept **nodes = malloc(2 * n * sizeof *nodes + 1);
    size_t *from = malloc((n + 1) * sizeof *from), *to = malloc((n + 1) * sizeof *to);
    int cycle = -1;
    if (!nodes || !from || !to)
        goto out;
    for (size_t i = 0; i < n; i++) {
        nodes[2 * i] = edges[i][0];
        nodes[2 * i + 1] = edges[i][1];
    }
    qsort(nodes, 2 * n, sizeof *nodes, cmp_concept_ptr);
    size_t m = 0;
    for (size_t i = 0; i < 2 * n; i++)
        if (!m || nodes[m - 1] != nodes[i])
            nodes[m++] = nodes[i];
    for (size_t i = 0; i < n; i++) {
        const dts_concept **f = bsearch(&edges[i][0], nodes, m, sizeof *nodes, cmp_concept_ptr);
        const dts_concept **t = bsearch(&edges[i][1], nodes, m, sizeof *nodes, cmp_concept_ptr);
        from[i] = (size_t)(f - nodes);
        to[i] = (size_t)(t - nodes);
    }
    cycle = graph_directed_cycle(m, from, to, n, NULL);   /* -1: out of memory */
    if (cycle > 0)
        cycle = 1;
out:
    free(nodes);
    free(from);
    free(to);
    return cycle;
}

/* xbrldte:DRSDirectedCycleError: the domain-member relationships of a DRS,
 * across the link roles its targetRoles lead to, have no directed cycle;
 * and no primary item of it is a member of one of its domains. */
static void check_drs_cycles(xdt *x, dreport *dr, const arcset *cubes)
{
    for (size_t i = 0; i < cubes->n; i++) {
        const dts_rel *h = &cubes->rels[i];
        if (!strncmp(h->document, "http://", 7) || !strncmp(h->document, "https://", 8))
            continue;          /* published taxonomies: taken as checked */
        drs_walk w = {x, xmlHashCreate(64), {0}, xmlHashCreate(64)};
        buf_init(&w.edges, R2X_BUF_NOCAP);
        xmlHashTablePtr seen = xmlHashCreate(64);
        if (!w.seen || !w.members || !seen) {
            xmlHashFree(w.seen, NULL);
            xmlHashFree(w.members, NULL);
            xmlHashFree(seen, NULL);
            continue;
        }
        const char *r1 = h->target_role ? h->target_role : h->linkrole;
        for (size_t j = arcset_first(&x->hd, r1, h->to); same_run(&x->hd, j, r1, h->to); j++) {
            const dts_rel *hd = &x->hd.rels[j];
            const char *r2 = hd->target_role ? hd->target_role : r1;
            for (size_t k = arcset_first(&x->dd, r2, hd->to); same_run(&x->dd, k, r2, hd->to);
                 k++) {
                const dts_rel *dd = &x->dd.rels[k];
                if (drs_edge(&w, dd))
                    break;
                drs_members(&w, dd->to, dd->target_role ? dd->target_role : r2, 0);
            }
        }
        size_t n = w.edges.len / (2 * sizeof(const dts_concept *));
        int cycle = n ? has_directed_cycle((const dts_concept *(*)[2])w.edges.data, n) : 0;
        if (cycle < 0)
            x->oom = 1;
        else if (cycle)
            dfail(dr, h, "xbrldte:DRSDirectedCycleError",
                  "the dimension-domain and domain-member relationships of the DRS starting "
                  "here form a directed cycle, from", h->from->key);
        const dts_concept *poly = polymorph(&w, seen, h->from, h->linkrole, 0);
        if (poly)
            dfail(dr, h, "xbrldte:PrimaryItemPolymorphismError",
                  "a primary item of the DRS starting here is a member of one of its dimensions:",
                  poly->key);
        xmlHashFree(seen, NULL);
        xmlHashFree(w.members, NULL);
        xmlHashFree(w.seen, NULL);
        buf_release(&w.edges);
    }
}

int dts_check_dimensions(dts *d, size_t *nerrors)
{
    dreport dr = {dts_get_options(d), 0};
    xdt x;
    xdt_init(&x, d);
    struct { const arcset *s; const char *src, *dst; int src_kind, dst_kind; } ends[] = {
        {&x.all, "xbrldte:HasHypercubeSourceError", "xbrldte:HasHypercubeTargetError",
         DTS_ITEM, DTS_HYPERCUBE},
        {&x.notall, "xbrldte:HasHypercubeSourceError", "xbrldte:HasHypercubeTargetError",
         DTS_ITEM, DTS_HYPERCUBE},
        {&x.hd, "xbrldte:HypercubeDimensionSourceError", "xbrldte:HypercubeDimensionTargetError",
         DTS_HYPERCUBE, DTS_DIMENSION},
        {&x.dd, "xbrldte:DimensionDomainSourceError", "xbrldte:DimensionDomainTargetError",
         DTS_DIMENSION, DTS_ITEM},
        {&x.dm, "xbrldte:DomainMemberSourceError", "xbrldte:DomainMemberTargetError",
         DTS_ITEM, DTS_ITEM},
        {&x.def, "xbrldte:DimensionDefaultSourceError", "xbrldte:DimensionDefaultTargetError",
         DTS_DIMENSION, DTS_ITEM},
    };
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        const arcset *s = ends[k].s;
        int explicit_only = s == &x.dd || s == &x.def;
        for (size_t i = 0; i < s->n; i++) {
            const dts_rel *r = &s->rels[i];
            if (r->from->kind != ends[k].src_kind ||
                (explicit_only && r->from->typed_domain_ref))
                dfail(&dr, r, ends[k].src, "the relationship starts at", r->from->key);
            if (r->to->kind != ends[k].dst_kind)
                dfail(&dr, r, ends[k].dst, "the relationship ends at", r->to->key);
            if ((s == &x.all || s == &x.notall) && r->xdt_context == 0)
                dfail(&dr, r, "xbrldte:HasHypercubeMissingContextElementAttributeError",
                      "a has-hypercube relationship needs xbrldt:contextElement, from",
                      r->from->key);
        }
    }
    check_drs_cycles(&x, &dr, &x.all);
    check_drs_cycles(&x, &dr, &x.notall);
    /* one default per dimension */
    for (size_t i = 0; i + 1 < x.def.n; i++)
        for (size_t j = i + 1; j < x.def.n; j++)
            if (x.def.rels[i].from == x.def.rels[j].from &&
                x.def.rels[i].to != x.def.rels[j].to) {
                dfail(&dr, &x.def.rels[j], "xbrldte:TooManyDefaultMembersError",
                      "a second default for", x.def.rels[i].from->key);
                break;
            }
    xdt_release(&x);
    *nerrors = dr.errors;
    return x.oom ? R2X_ENOMEM : R2X_OK;
}

/* ---- instances ------------------------------------------------------------------ */

typedef struct dimval {
    const dts_concept *dim;
    const dts_concept *member;  /* explicit; NULL for typed */
    int container;              /* 1 segment, 2 scenario */
} dimval;

typedef struct ctxdims {
    dimval v[32];
    int n, ok;                  /* ok 0: the context itself is dimensionally invalid */
    int other[3];               /* other than dimension content, by container */
} ctxdims;

static const dts_concept *qname_concept(const dts *d, xmlNodePtr n, const char *q)
{
    if (!q)
        return NULL;
    while (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r')
        q++;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", q);
    size_t len = strlen(buf);
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
    return dts_concept_get(d, ns ? (const char *)ns->href : "", local);
}

static int is_xdi(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, XBRLDI_NS) && !strcmp((const char *)n->name, name);
}

static void read_container(xdt *x, xmlNodePtr box, int container, ctxdims *cd, long line,
                           const vreporter *rep)
{
    for (xmlNodePtr m = box ? box->children : NULL; m; m = m->next) {
        int explicit = is_xdi(m, "explicitMember"), typed = is_xdi(m, "typedMember");
        if (!explicit && !typed) {
            cd->other[container] += m->type == XML_ELEMENT_NODE;
            continue;
        }
        xmlChar *dq = xmlGetNoNsProp(m, BAD_CAST "dimension");
        const dts_concept *dim = qname_concept(x->d, m, (const char *)dq);
        xmlFree(dq);
        if (!dim && x->incomplete)
            continue;          /* its schema may be the one that could not be had */
        if (!dim || dim->kind != DTS_DIMENSION) {
            rep->report(rep->self, R2X_SEV_ERROR, line,
                        explicit ? "xbrldie:ExplicitMemberNotExplicitDimensionError"
                                 : "xbrldie:TypedMemberNotTypedDimensionError",
                        "xbrldi:%s names no dimension", (const char *)m->name);
            cd->ok = 0;
            continue;
        }
        if (explicit && dim->typed_domain_ref) {
            rep->report(rep->self, R2X_SEV_ERROR, line,
                        "xbrldie:ExplicitMemberNotExplicitDimensionError",
                        "%s is a typed dimension", dim->key);
            cd->ok = 0;
            continue;
        }
        if (typed && !dim->typed_domain_ref) {
            rep->report(rep->self, R2X_SEV_ERROR, line,
                        "xbrldie:TypedMemberNotTypedDimensionError",
                        "%s is an explicit dimension", dim->key);
            cd->ok = 0;
            continue;
        }
        const dts_concept *member = NULL;
        if (explicit) {
            xmlChar *t = xmlNodeGetContent(m);
            member = qname_concept(x->d, m, (const char *)t);
            xmlFree(t);
            if (!member && x->incomplete)
                continue;
            if (!member) {
                rep->report(rep->self, R2X_SEV_ERROR, line,
                            "xbrldie:ExplicitMemberUndefinedQNameError",
                            "the member of %s is not a concept of the DTS", dim->key);
                cd->ok = 0;
                continue;
            }
            if (member == default_of(x, dim)) {
                rep->report(rep->self, R2X_SEV_ERROR, line,
                            "xbrldie:DefaultValueUsedInInstanceError",
                            "%s is the default of %s and must not be given", member->key,
                            dim->key);
                cd->ok = 0;
            }
        } else {
            int elements = 0;
            for (xmlNodePtr c = m->children; c; c = c->next)
                elements += c->type == XML_ELEMENT_NODE;
            if (elements != 1) {
                rep->report(rep->self, R2X_SEV_ERROR, line,
                            "xbrldie:IllegalTypedDimensionContentError",
                            "xbrldi:typedMember for %s needs exactly one element", dim->key);
                cd->ok = 0;
            }
        }
        for (int i = 0; i < cd->n; i++)
            if (cd->v[i].dim == dim) {
                rep->report(rep->self, R2X_SEV_ERROR, line,
                            "xbrldie:RepeatedDimensionInInstanceError",
                            "%s is given twice in one context", dim->key);
                cd->ok = 0;
            }
        if (cd->n < 32)
            cd->v[cd->n++] = (dimval){dim, member, container};
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

static void read_ctx(xdt *x, xmlNodePtr cx, ctxdims *cd, const vreporter *rep)
{
    cd->n = 0;
    cd->ok = 1;
    memset(cd->other, 0, sizeof cd->other);
    long line = (long)xmlGetLineNo(cx);
    read_container(x, child_el(child_el(cx, XBRLI_NS, "entity"), XBRLI_NS, "segment"), 1, cd,
                   line, rep);
    read_container(x, child_el(cx, XBRLI_NS, "scenario"), 2, cd, line, rep);
}

/* Is the context's content valid for the hypercube of has-hypercube h? */
static int cube_valid(xdt *x, const dts_rel *h, const ctxdims *cd)
{
    const char *role = h->target_role ? h->target_role : h->linkrole;
    const dts_concept *cube = h->to;
    int ndims = 0;
    for (size_t i = arcset_first(&x->hd, role, cube); same_run(&x->hd, i, role, cube); i++) {
        const dts_rel *r = &x->hd.rels[i];
        const dts_concept *dim = r->to;
        ndims++;
        const dimval *v = NULL;
        for (int k = 0; k < cd->n; k++)
            if (cd->v[k].dim == dim && cd->v[k].container == h->xdt_context)
                v = &cd->v[k];
        const dts_concept *member = v ? v->member : default_of(x, dim);
        if (!v && !member)
            return 0;
        if (!member)
            continue;                   /* typed: any value of its domain */
        /* a defaulted dimension takes its default, which must be in this
         * hypercube's domain too (a notAll cube then excludes it or not) */
        xmlHashTablePtr dom = domain_of(x, dim, r->target_role ? r->target_role : role);
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
            for (size_t i = arcset_first(&x->hd, role, cube); !in && same_run(&x->hd, i, role, cube);
                 i++)
                in = x->hd.rels[i].to == cd->v[k].dim;
            if (!in)
                return 0;
        }
    (void)ndims;
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
            free(list);          /* libxml2's failure: the guard has counted it */
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
    for (size_t i = arcset_first(&x->dm, role, c); same_run(&x->dm, i, role, c); i++) {
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

int check_dimensions(vfact *facts, size_t n, xmlNodePtr root, const dts *d,
                     const vreporter *rep)
{
    xdt x;
    xdt_init(&x, d);
    xmlHashTablePtr map = xmlHashCreate(64);
    const arcset *cubes[2] = {&x.all, &x.notall};
    for (int k = 0; map && k < 2; k++)
        for (size_t i = 0; i < cubes[k]->n; i++) {
            const dts_rel *h = &cubes[k]->rels[i];
            inherit(&x, map, h, h->from, h->linkrole, 0);
        }
    /* contexts: their dimensions, once each */
    xmlHashTablePtr ctx = xmlHashCreate(64);
    r2x_buf store;
    buf_init(&store, R2X_BUF_NOCAP);
    for (xmlNodePtr c = root ? root->children : NULL; ctx && c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns ||
            strcmp((const char *)c->ns->href, XBRLI_NS) || strcmp((const char *)c->name, "context"))
            continue;
        xmlChar *id = xmlGetNoNsProp(c, BAD_CAST "id");
        ctxdims *cd = calloc(1, sizeof *cd);
        if (cd && buf_add(&store, &cd, sizeof cd)) {
            free(cd);
            cd = NULL;
        }
        if (!cd)
            x.oom = 1;
        if (cd) {
            read_ctx(&x, c, cd, rep);
            if (id)
                xmlHashAddEntry(ctx, id, cd);
        }
        xmlFree(id);
    }
    for (size_t i = 0; ctx && i < n; i++) {
        vfact *f = &facts[i];
        if (!f->concept || f->concept->kind != DTS_ITEM || !f->context)
            continue;
        const ctxdims *cd = xmlHashLookup(ctx, BAD_CAST f->context->id);
        r2x_buf *list = map ? xmlHashLookup(map, BAD_CAST f->concept->key) : NULL;
        if (!cd || !list || !list->len)
            continue;
        const dts_rel **hs = (const dts_rel **)list->data;
        size_t nh = list->len / sizeof *hs;
        int valid = 0;
        for (size_t a = 0; a < nh && !valid; a++) {
            const char *role = hs[a]->linkrole;
            int ok = 1;
            for (size_t b = 0; b < nh && ok; b++) {
                if (hs[b]->linkrole != role)
                    continue;
                int is_all = !strcmp(hs[b]->arcrole, ARC_ALL);
                ok = cube_valid(&x, hs[b], cd) == is_all;
            }
            valid = ok;
        }
        if (!valid)
            rep->report(rep->self, R2X_SEV_ERROR, f->line,
                        "xbrldie:PrimaryItemDimensionallyInvalidError",
                        "%s in context '%s' fits none of its hypercubes", f->concept->name,
                        f->context->id);
    }
    ctxdims **cds = (ctxdims **)store.data;
    for (size_t i = 0; i < store.len / sizeof *cds; i++)
        free(cds[i]);
    buf_release(&store);
    xmlHashFree(ctx, NULL);
    xmlHashFree(map, free_list);
    xdt_release(&x);
    return x.oom ? R2X_ENOMEM : R2X_OK;
}
