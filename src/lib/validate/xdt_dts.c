/* xdt_dts.c - XBRL Dimensions 1.0 taxonomy rules (xbrldte:*) on the
 * relationships of a loaded DTS: the ends of each dimensional arcrole,
 * contextElement, directed cycles within a DRS, primary item polymorphism
 * and one default per dimension.  Published taxonomies (http) are taken as
 * checked by their publishers where a rule walks a whole DRS. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "graph.h"
#include "xml_hash.h"
#include "xdt.h"
#include "xdt_dts.h"

typedef struct dreport {
    reporter *rp;
    size_t errors;
} dreport;

static void dfail(dreport *dr, const dts_rel *r, const char *code, const char *what,
                  const char *name)
{
    dr->errors++;
    report(dr->rp, R2X_SEV_ERROR, code, r ? r->document : NULL, r ? r->line : 0, 0, "%s %s",
           what, name);
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
    int rc = !r->xdt_unusable && !xmlHashLookup(w->members, BAD_CAST r->to->key) &&
             xmlHashAddEntry(w->members, BAD_CAST r->to->key, (void *)1);
    rc = rc || buf_add(&w->edges, e, sizeof e);
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
    if (depth > 256 || xmlHashLookup2(seen, BAD_CAST xdt_role_key(role), BAD_CAST c->key))
        return NULL;
    if (xmlHashAddEntry2(seen, BAD_CAST xdt_role_key(role), BAD_CAST c->key, (void *)1)) {
        w->x->oom = 1;
        return NULL;
    }
    for (size_t i = xdt_first(&w->x->dm, role, c); xdt_same_run(&w->x->dm, i, role, c); i++) {
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
    if (depth > 256 || xmlHashLookup2(w->seen, BAD_CAST xdt_role_key(role), BAD_CAST c->key))
        return;
    if (xmlHashAddEntry2(w->seen, BAD_CAST xdt_role_key(role), BAD_CAST c->key, (void *)1)) {
        w->x->oom = 1;
        return;
    }
    for (size_t i = xdt_first(&w->x->dm, role, c); xdt_same_run(&w->x->dm, i, role, c); i++) {
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
static void check_drs_cycles(xdt *x, dreport *dr, const xdt_arcset *cubes)
{
    for (size_t i = 0; i < cubes->n; i++) {
        const dts_rel *h = &cubes->rels[i];
        if (!strncmp(h->document, "http://", 7) || !strncmp(h->document, "https://", 8))
            continue;          /* published taxonomies: taken as checked */
        drs_walk w = {x, xml_hash_new(64), {0}, xml_hash_new(64)};
        buf_init(&w.edges, R2X_BUF_NOCAP);
        xmlHashTablePtr seen = xml_hash_new(64);
        if (!w.seen || !w.members || !seen) {
            xmlHashFree(w.seen, NULL);
            xmlHashFree(w.members, NULL);
            xmlHashFree(seen, NULL);
            x->oom = 1;
            return;
        }
        const char *r1 = h->target_role ? h->target_role : h->linkrole;
        for (size_t j = xdt_first(&x->hd, r1, h->to); xdt_same_run(&x->hd, j, r1, h->to); j++) {
            const dts_rel *hd = &x->hd.rels[j];
            const char *r2 = hd->target_role ? hd->target_role : r1;
            for (size_t k = xdt_first(&x->dd, r2, hd->to); xdt_same_run(&x->dd, k, r2, hd->to);
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

int xdt_check_taxonomy(const dts *d, reporter *rp, size_t *nerrors)
{
    dreport dr = {rp, 0};
    xdt x;
    xdt_init(&x, d);
    struct { const xdt_arcset *s; const char *src, *dst; int src_kind, dst_kind; } ends[] = {
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
        const xdt_arcset *s = ends[k].s;
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
    /* one default per dimension: any other than the first is a second */
    for (size_t i = 0; i < x.def.n; i++) {
        const dts_concept *first = xdt_default_of(&x, x.def.rels[i].from);
        if (first && first != x.def.rels[i].to)
            dfail(&dr, &x.def.rels[i], "xbrldte:TooManyDefaultMembersError",
                  "a second default for", x.def.rels[i].from->key);
    }
    xdt_release(&x);
    if (nerrors)
        *nerrors = dr.errors;
    return x.oom ? R2X_ENOMEM : R2X_OK;
}

