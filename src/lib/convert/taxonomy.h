/*
 * taxonomy.h - concept metadata (internal): the dictionary shipped in
 * taxonomy/ (every concept of a taxonomy release, its standard labels, its
 * calculation and statement presentation networks, its deprecations) plus a
 * company's extension concepts.  See taxonomy/README.md.
 */
#ifndef R2X_TAXONOMY_H
#define R2X_TAXONOMY_H

#include <stddef.h>

#include "release2xbrl.h"

enum balance { BALANCE_NONE = 0, BALANCE_DEBIT, BALANCE_CREDIT };

/* What a concept is, from its substitution group and type. */
enum concept_kind {
    CONCEPT_ITEM = 0,         /* a line item (xbrli:item) */
    CONCEPT_MEMBER,           /* a domain member (type domainItemType) */
    CONCEPT_AXIS,             /* xbrldt:dimensionItem */
    CONCEPT_HYPERCUBE         /* xbrldt:hypercubeItem, a [Table] */
};

/* 56 bytes: a taxonomy release holds 18,000 of them */
typedef struct concept {
    const char *qname;        /* "us-gaap:Revenues" */
    const char *type;         /* "xbrli:monetaryItemType" */
    const char *label;        /* the standard label, NULL where the dictionary has none */
    const char *file;         /* where it was declared */
    long line;
    size_t id;                /* 0, 1, 2, ... in declaration order (taxonomy_at) */
    unsigned char period_type;  /* R2X_PERIOD_INSTANT or R2X_PERIOD_DURATION */
    unsigned char balance;      /* enum balance */
    unsigned char kind;         /* enum concept_kind */
    unsigned char abstract;
    unsigned char extension;    /* declared by the company, written to its schema */
    unsigned char typed;        /* an axis whose members are typed values */
    unsigned char deprecated;   /* the taxonomy deprecates it: a filing should not use it */
} concept;

/* One relationship of a calculation or presentation network. */
typedef struct taxonomy_arc {
    const concept *parent;    /* the summation (calculation), the parent (presentation) */
    const concept *child;
    const char *role;         /* the network's role URI */
    int weight;               /* calculation: +1 or -1; presentation: 0 */
    int order;                /* the child's place under parent in that network, from 1 */
} taxonomy_arc;

typedef struct taxonomy taxonomy;

int taxonomy_new(taxonomy **out, r2x_error *err);
void taxonomy_free(taxonomy *t);
/* Add the concepts, labels, networks and directives of a dictionary file.
 * extension marks its concepts as the company's own (declared in its
 * extension schema).  A network or label line may name only concepts
 * already declared (by this file or an earlier one). */
int taxonomy_load(taxonomy *t, const char *path, int extension, r2x_error *err);
const concept *taxonomy_find(const taxonomy *t, const char *qname);
/* Every concept, by id (0 .. taxonomy_count - 1). */
size_t taxonomy_count(const taxonomy *t);
const concept *taxonomy_at(const taxonomy *t, size_t id);

/* The relationships of the dictionary's networks, as a run of arcs that stays
 * valid until the next taxonomy_load; the count is returned.  children: the
 * arcs whose parent is the concept, network by network (in the order the
 * dictionary lists the networks), each network's in order; parents: the arcs
 * whose child is the concept. */
size_t taxonomy_calc_children(const taxonomy *t, const concept *parent,
                              const taxonomy_arc **arcs);
size_t taxonomy_calc_parents(const taxonomy *t, const concept *child, const taxonomy_arc **arcs);
size_t taxonomy_pres_children(const taxonomy *t, const concept *parent,
                              const taxonomy_arc **arcs);
size_t taxonomy_pres_parents(const taxonomy *t, const concept *child, const taxonomy_arc **arcs);
/* The concepts a deprecated (or moved) concept's QName is replaced by, as the
 * taxonomy says: the old QName need not be in the dictionary (a US-GAAP 2023
 * concept that moved to SRT 2024).  The count is returned, 0 if none. */
size_t taxonomy_replaced_by(const taxonomy *t, const char *qname, const concept *const **out);

/* Declare an extension concept of the company (written to its schema) while
 * converting: qname's prefix must be declared; label is the line's label
 * as printed (copied), or NULL.  *out is the new concept.  R2X_EUSAGE when
 * the name is taken or its prefix undeclared, R2X_ENOMEM. */
int taxonomy_add_extension(taxonomy *t, const char *qname, const char *type, int period_type,
                           int balance, const char *label, const concept **out,
                           r2x_error *err);

/* The namespace URI of a prefix (@namespace or @type-namespace), NULL if
 * undeclared. */
const char *taxonomy_namespace(const taxonomy *t, const char *prefix);
/* Declare a namespace (the company's extension prefix). */
int taxonomy_declare(taxonomy *t, const char *prefix, const char *uri, r2x_error *err);
/* The schemas named by @schema (entry points, which an instance without an
 * extension schema references) and @import (imported by the extension
 * schema only), in the order declared. */
size_t taxonomy_schema_count(const taxonomy *t);
const char *taxonomy_schema(const taxonomy *t, size_t i, const char **prefix);
const char *taxonomy_schema_entry(const taxonomy *t, size_t i, const char **prefix,
                                  int *entry);
/* The namespaces an instance declares (@namespace and taxonomy_declare, not
 * @type-namespace), in the order declared. */
size_t taxonomy_namespace_count(const taxonomy *t);
const char *taxonomy_namespace_at(const taxonomy *t, size_t i, const char **prefix);
/* The extension concepts, in the order declared. */
size_t taxonomy_extension_count(const taxonomy *t);
const concept *taxonomy_extension_at(const taxonomy *t, size_t i);

#endif
