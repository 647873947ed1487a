/*
 * xdt.h - XBRL Dimensions 1.0: the dimensional relationships of a DTS as
 * the taxonomy rules (xdt_dts.c) and the instance checks (xdt_instance.c)
 * both walk them.  A primary item's hypercubes are those of its
 * has-hypercube relationships and of the ones it inherits through
 * domain-member relationships (2.3.1); each consecutive relationship of a
 * DRS is looked up in the link role the previous one names as
 * xbrldt:targetRole, or in its own.  (internal)
 */
#ifndef R2X_XDT_H
#define R2X_XDT_H

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "dts.h"
#include "report.h"

#define XDT_ARC "http://xbrl.org/int/dim/arcrole/"
#define XDT_ARC_ALL XDT_ARC "all"
#define XDT_ARC_NOTALL XDT_ARC "notAll"
#define XDT_ARC_HD XDT_ARC "hypercube-dimension"
#define XDT_ARC_DD XDT_ARC "dimension-domain"
#define XDT_ARC_DM XDT_ARC "domain-member"
#define XDT_ARC_DEF XDT_ARC "dimension-default"

/* The relationships of one arcrole, indexed by (link role, from). */
typedef struct xdt_arcset {
    const dts_rel *rels;
    size_t n;
    xmlHashTablePtr by_from;   /* (linkrole, from key) -> index + 1 of the first */
} xdt_arcset;

typedef struct xdt {
    const dts *d;
    xdt_arcset all, notall, hd, dd, dm, def;
    xmlHashTablePtr defaults;  /* dimension key -> its default member (the first) */
    xmlHashTablePtr members;   /* (dimension key, role) -> xmlHashTable of member keys */
    int oom;                   /* one of our allocations failed: the checks are not whole
                                * (libxml2's are seen by the caller's xml_guard) */
} xdt;

void xdt_init(xdt *x, const dts *d);
void xdt_release(xdt *x);

/* First relationship of s from c in role (s->n when none); the run goes on
 * while xdt_same_run(). */
size_t xdt_first(const xdt_arcset *s, const char *role, const dts_concept *c);
int xdt_same_run(const xdt_arcset *s, size_t i, const char *role, const dts_concept *c);
/* "" for no role: the key link roles are hashed under. */
const char *xdt_role_key(const char *role);

/* The members of a dimension's domain as seen from role: a table of member
 * keys, each marked (void *)1 usable or (void *)2 unusable; NULL when out of
 * memory. */
xmlHashTablePtr xdt_domain_of(xdt *x, const dts_concept *dim, const char *role);
/* The members domain-member relationships reach from head in role
 * (following targetRole; head itself not included), marked as
 * xdt_domain_of's are; NULL when out of memory.  For extensible
 * enumerations' domains. */
xmlHashTablePtr xdt_members_from(xdt *x, const dts_concept *head, const char *role);
/* The default member of a dimension, or NULL. */
const dts_concept *xdt_default_of(const xdt *x, const dts_concept *dim);

#endif
