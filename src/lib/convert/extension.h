/*
 * extension.h - the company extension taxonomy of a conversion, as data
 * (internal): which concepts it declares, one role per statement the release
 * prints, the labels the release gives each concept, the lines of each
 * statement in printed order, the totals that add up and the dimensions
 * used.  write_linkbase.c writes it as a schema and four linkbases.
 *
 * Everything is in the order of the release (tables, then rows), so the same
 * input gives the same taxonomy, byte for byte.
 */
#ifndef R2X_EXTENSION_H
#define R2X_EXTENSION_H

#include <stddef.h>

#include "buf.h"
#include "facts.h"
#include "release2xbrl.h"
#include "strmap.h"
#include "taxonomy.h"

/* The label roles a release's labels take. */
enum ext_label_role {
    EXT_LABEL = 0,            /* the standard label */
    EXT_LABEL_TERSE,          /* a second, shorter wording of a plain line */
    EXT_LABEL_TOTAL,          /* the wording of a printed total */
    EXT_LABEL_NEGATED,        /* a line printed with the opposite sign of its facts */
    EXT_LABEL_NEGATED_TOTAL,
    EXT_LABEL_ROLES
};

/* The URI of a label role ("http://www.xbrl.org/2003/role/totalLabel"), and
 * its name as a fragment ("totalLabel"). */
const char *ext_label_role_uri(int role);
const char *ext_label_role_name(int role);

enum ext_node_kind {
    EXT_NODE_CONCEPT = 0,     /* a concept of the dictionary (or the company's file) */
    EXT_NODE_ABSTRACT,        /* declared here: a statement's root or a heading */
    EXT_NODE_DOMAIN           /* declared here: the domain of an axis that has none */
};

/* A concept as the linkbases name it. */
typedef struct ext_node {
    const char *qname;        /* "us-gaap:Revenues", "iij:CurrentAssetsAbstract" */
    const concept *concept;   /* the dictionary's; NULL for the kinds declared here */
    int kind;                 /* enum ext_node_kind */
    const char *label[EXT_LABEL_ROLES];   /* NULL where it has none */
} ext_node;

enum ext_arcrole {
    EXT_ARC_PARENT_CHILD = 0, /* presentation */
    EXT_ARC_SUMMATION,        /* calculation */
    EXT_ARC_ALL,              /* definition: line items -> hypercube */
    EXT_ARC_HYPERCUBE_DIMENSION,
    EXT_ARC_DIMENSION_DOMAIN,
    EXT_ARC_DOMAIN_MEMBER,
    EXT_ARC_DIMENSION_DEFAULT
};

/* The arcrole URI, and the id of its arcroleType where a definition linkbase
 * must name it (xbrldt-2005.xsd), else NULL. */
const char *ext_arcrole_uri(int arcrole);
const char *ext_arcrole_xbrldt_id(int arcrole);

typedef struct ext_arc {
    size_t from, to;          /* node indexes */
    int arcrole;              /* enum ext_arcrole */
    int order;                /* from 1 among the arcs of its kind from the same node */
    int weight;               /* summation-item: +1 or -1 */
    int preferred;            /* parent-child: enum ext_label_role; EXT_LABEL: none */
} ext_arc;

typedef struct ext_role {
    const char *id;           /* "QuarterlyConsolidatedBalanceSheetsUnaudited" */
    const char *uri;          /* the namespace + "/role/" + id */
    const char *definition;   /* "0002 - Statement - Quarterly Consolidated ..." */
    r2x_buf arcs;             /* ext_arc[]: presentation, calculation, definition */
} ext_role;

typedef struct ext_taxonomy {
    const taxonomy *tax;
    const char *prefix, *ns;  /* the extension's, borrowed */
    const char *schema_name;  /* "iij-20090930.xsd", borrowed */
    const char *lang;         /* xml:lang of the labels, borrowed */
    r2x_buf nodes;            /* ext_node[], in order of first use */
    r2x_buf roles;            /* ext_role[], in the release's order */
    strmap node_index;        /* qname -> index + 1 */
    strmap arc_seen;          /* "role|from|to|arcrole" -> 1: each relationship once */
    strpool strings;
    size_t sums_written, sums_left_out;   /* checked totals, for the summary */
} ext_taxonomy;

typedef struct ext_input {
    const r2x_document *doc;  /* names the file in messages */
    const r2x_tableset *set;
    const factset *fs;
    const taxonomy *tax;
    const char *prefix, *ns, *schema_name, *lang;
    const char *const *cover; /* the DEI cover concepts written, in order */
    size_t ncover;
    r2x_diag_fn diag;         /* why a total that added up is left out */
    void *diag_userdata;
} ext_input;

int ext_build(const ext_input *in, ext_taxonomy **out, r2x_error *err);
void ext_free(ext_taxonomy *x);

size_t ext_node_count(const ext_taxonomy *x);
const ext_node *ext_node_at(const ext_taxonomy *x, size_t i);
size_t ext_role_count(const ext_taxonomy *x);
const ext_role *ext_role_at(const ext_taxonomy *x, size_t i);
size_t ext_arc_count(const ext_role *r);
const ext_arc *ext_arc_at(const ext_role *r, size_t i);
/* Whether the schema declares the node: the company's concepts (declared in
 * its profile's concept file) and the abstracts and domains made here. */
int ext_node_declared(const ext_node *n);

#endif
