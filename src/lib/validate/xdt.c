/* xdt.c - the dimensional relationships of a DTS, indexed for the walks of
 * the taxonomy rules and the instance checks (xdt.h). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xml_hash.h"
#include "xdt.h"

const char *xdt_role_key(const char *r)
{
    return r ? r : "";
}

static void arcset_init(xdt *x, xdt_arcset *s, const char *arcrole)
{
    s->rels = dts_relationships_of(x->d, arcrole, &s->n);
    s->by_from = xml_hash_new((int)(s->n + 1));
    if (!s->by_from) {
        x->oom = 1;
        return;
    }
    for (size_t i = 0; i < s->n; i++)
        if (!xmlHashLookup2(s->by_from, BAD_CAST xdt_role_key(s->rels[i].linkrole),
                            BAD_CAST s->rels[i].from->key) &&
            xmlHashAddEntry2(s->by_from, BAD_CAST xdt_role_key(s->rels[i].linkrole),
                             BAD_CAST s->rels[i].from->key, (void *)(i + 1)))
            x->oom = 1;
}

void xdt_init(xdt *x, const dts *d)
{
    memset(x, 0, sizeof *x);
    x->d = d;
    arcset_init(x, &x->all, XDT_ARC_ALL);
    arcset_init(x, &x->notall, XDT_ARC_NOTALL);
    arcset_init(x, &x->hd, XDT_ARC_HD);
    arcset_init(x, &x->dd, XDT_ARC_DD);
    arcset_init(x, &x->dm, XDT_ARC_DM);
    arcset_init(x, &x->def, XDT_ARC_DEF);
    x->members = xml_hash_new(64);
    x->defaults = xml_hash_new(64);
    if (!x->members || !x->defaults) {
        x->oom = 1;
        return;
    }
    /* relationships are sorted by link role first: the first default in
     * that order is the one a dimension takes (a second is a taxonomy error) */
    for (size_t i = 0; i < x->def.n; i++) {
        const dts_rel *r = &x->def.rels[i];
        if (!xmlHashLookup(x->defaults, BAD_CAST r->from->key) &&
            xmlHashAddEntry(x->defaults, BAD_CAST r->from->key, (void *)r->to))
            x->oom = 1;
    }
}

static void free_table(void *p, const xmlChar *name)
{
    (void)name;
    xmlHashFree(p, NULL);
}

void xdt_release(xdt *x)
{
    xmlHashFree(x->all.by_from, NULL);
    xmlHashFree(x->notall.by_from, NULL);
    xmlHashFree(x->hd.by_from, NULL);
    xmlHashFree(x->dd.by_from, NULL);
    xmlHashFree(x->dm.by_from, NULL);
    xmlHashFree(x->def.by_from, NULL);
    xmlHashFree(x->members, free_table);
    xmlHashFree(x->defaults, NULL);
}

size_t xdt_first(const xdt_arcset *s, const char *role, const dts_concept *c)
{
    void *v = s->by_from ? xmlHashLookup2(s->by_from, BAD_CAST xdt_role_key(role),
                                          BAD_CAST c->key)
                         : NULL;
    return v ? (size_t)v - 1 : s->n;
}

int xdt_same_run(const xdt_arcset *s, size_t i, const char *role, const dts_concept *c)
{
    return i < s->n && s->rels[i].from == c && s->rels[i].linkrole == role;
}

/* Mark a member in set: 1 usable, 2 unusable (unusable wins).  0, or -1
 * when it cannot be added; *added says whether it is new. */
static int mark_member(xdt *x, xmlHashTablePtr set, const dts_rel *r, int *added)
{
    void *old = xmlHashLookup(set, BAD_CAST r->to->key);
    void *mark = (void *)(uintptr_t)(r->xdt_unusable ? 2 : 1);
    *added = !old;
    if (!old && xmlHashAddEntry(set, BAD_CAST r->to->key, mark)) {
        x->oom = 1;
        return -1;
    }
    if (old && r->xdt_unusable)
        xmlHashUpdateEntry(set, BAD_CAST r->to->key, mark, NULL);
    return 0;
}

/* Walk domain-member relationships from c in role, marking members in set;
 * depth-limited against cycles. */
static void collect_members(xdt *x, xmlHashTablePtr set, const dts_concept *c, const char *role,
                            int depth)
{
    if (depth > 64)
        return;
    for (size_t i = xdt_first(&x->dm, role, c); xdt_same_run(&x->dm, i, role, c); i++) {
        const dts_rel *r = &x->dm.rels[i];
        int added;
        if (mark_member(x, set, r, &added))
            return;
        if (added)
            collect_members(x, set, r->to, r->target_role ? r->target_role : role, depth + 1);
    }
}

xmlHashTablePtr xdt_domain_of(xdt *x, const dts_concept *dim, const char *role)
{
    xmlHashTablePtr set = x->members ? xmlHashLookup2(x->members, BAD_CAST dim->key,
                                                      BAD_CAST xdt_role_key(role))
                                     : NULL;
    if (set || !x->members)
        return set;
    set = xml_hash_new(16);
    if (!set || xmlHashAddEntry2(x->members, BAD_CAST dim->key, BAD_CAST xdt_role_key(role),
                                 set)) {
        xmlHashFree(set, NULL);
        x->oom = 1;
        return NULL;
    }
    for (size_t i = xdt_first(&x->dd, role, dim); xdt_same_run(&x->dd, i, role, dim); i++) {
        const dts_rel *r = &x->dd.rels[i];
        int added;
        if (mark_member(x, set, r, &added))
            break;
        collect_members(x, set, r->to, r->target_role ? r->target_role : role, 0);
    }
    return set;
}

xmlHashTablePtr xdt_members_from(xdt *x, const dts_concept *head, const char *role)
{
    char key[1024];
    if (snprintf(key, sizeof key, "\001%s", xdt_role_key(role)) >= (int)sizeof key)
        return NULL;
    xmlHashTablePtr set = x->members ? xmlHashLookup2(x->members, BAD_CAST head->key, BAD_CAST key)
                                     : NULL;
    if (set || !x->members)
        return set;
    set = xml_hash_new(16);
    if (!set || xmlHashAddEntry2(x->members, BAD_CAST head->key, BAD_CAST key, set)) {
        xmlHashFree(set, NULL);
        x->oom = 1;
        return NULL;
    }
    collect_members(x, set, head, role, 0);
    return set;
}

const dts_concept *xdt_default_of(const xdt *x, const dts_concept *dim)
{
    return x->defaults ? xmlHashLookup(x->defaults, BAD_CAST dim->key) : NULL;
}
