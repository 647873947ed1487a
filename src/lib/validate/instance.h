/*
 * instance.h - the contexts, units and facts of an XBRL instance, read from
 * its tree with the XBRL 2.1 rules they must meet (instance.c); the checks
 * of whole sets of facts (duplicates, dimensions, calculations) take them
 * from here.  (internal)
 */
#ifndef R2X_INSTANCE_H
#define R2X_INSTANCE_H

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>

#include "buf.h"
#include "fetch.h"
#include "typecheck.h"
#include "validate.h"

typedef struct instance {
    /* given */
    const dts *d;
    fetcher *fetch;            /* reads schemaRef targets */
    const vreporter *rep;
    typecheck *tc;
    /* read */
    xmlDictPtr dict;
    xmlHashTablePtr ids;       /* context and unit ids */
    xmlHashTablePtr contexts, units;
    xmlHashTablePtr fact_ids;  /* ids of items and tuples: footnote locators */
    xmlHashTablePtr present;   /* keys of the concepts reported, at any depth */
    r2x_buf context_list;      /* vcontext * */
    r2x_buf unit_list;         /* vunit * */
    r2x_buf facts;             /* vfact */
    r2x_buf unchecked;         /* unchecked_ns: facts whose schemas could not be had */
    size_t order;              /* preorder number of the last fact or tuple read */
    size_t typed;              /* items whose value and attributes were checked */
    size_t unchecked_facts;    /* facts not checked: concept or type in a missing schema */
    size_t unread;             /* ... of which not read at all (their concept's schema
                                * is missing): not in facts */
    size_t enum_unjudged;      /* enumeration facts whose domain's schema is missing */
    int oom;
} instance;

/* Facts of a namespace, or of types of a namespace, that could not be
 * checked: one finding for them all. */
typedef struct unchecked_ns {
    const char *ns, *schema;
    const char *type;          /* NULL: the concepts' schema is missing; else the
                                * type (one of them) whose schema is */
    srcpos first;
    size_t facts;
} unchecked_ns;

int instance_init(instance *in, const dts *d, fetcher *f, const vreporter *rep);
void instance_release(instance *in);

/* The DTS references of the instance (schemaRef, linkbaseRef, roleRef,
 * arcroleRef: 4.2 - 4.5) added to d, each schemaRef's target checked. */
int instance_discover(instance *in, xmlNodePtr root, dts *d, r2x_error *err);

/* Contexts, units, then facts, each with its rules. */
void instance_read(instance *in, xmlNodePtr root);

/* roleRefs, arcroleRefs and footnote links (4.4, 4.5, 4.11); requires-element
 * (5.2.6.2.4). */
void instance_check_links(instance *in, xmlNodePtr root);
void instance_check_requires(instance *in, xmlNodePtr root);

/* One documentUnavailable finding per namespace whose facts could not be
 * checked. */
void instance_report_unchecked(instance *in);

#endif
