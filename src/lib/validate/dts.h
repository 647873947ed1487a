/* dts.h - discoverable taxonomy sets (XBRL 2.1 section 3), read by
 * streaming each schema and linkbase once (xmlTextReader), never compiled as
 * a whole: concepts with the metadata instance checks need, and every
 * relationship with its arcrole, link role, order, weight, priority and use,
 * after prohibition and overriding (3.5.3.9.7.4).  (internal)
 */
#ifndef R2X_DTS_H
#define R2X_DTS_H

#include <stddef.h>

#include "buf.h"
#include "fetch.h"
#include "release2xbrl.h"
#include "xbrl_ns.h"

#define ARCROLE_SUMMATION "http://www.xbrl.org/2003/arcrole/summation-item"
#define ARCROLE_PARENT_CHILD "http://www.xbrl.org/2003/arcrole/parent-child"

/* What a concept's substitution group comes down to. */
enum dts_kind { DTS_OTHER = 0, DTS_ITEM, DTS_TUPLE, DTS_DIMENSION, DTS_HYPERCUBE };

/* Flags of an item type. */
enum {
    DTS_NUMERIC = 1,       /* decimal, float, double, integer kinds, fraction */
    DTS_MONETARY = 2,      /* derived from xbrli:monetaryItemType */
    DTS_SHARES = 4,        /* derived from xbrli:sharesItemType */
    DTS_PURE = 8,          /* derived from xbrli:pureItemType */
    DTS_PERSHARE = 16,     /* a DTR perShareItemType */
    DTS_FRACTION = 32,     /* xbrli:fractionItemType */
    DTS_TYPE_UNKNOWN = 64, /* the derivation ends in a schema the DTS lacks */
    DTS_ENUM2 = 128,       /* an extensible enumeration 2.0 type (enum2:enumerationItemType) */
    DTS_ENUM2_SET = 256,   /* ... enum2:enumerationSetItemType */
    DTS_ENUM1 = 512,       /* an extensible enumeration 1.0 type (QName values) */
    DTS_ITEM_TYPE = 1024   /* derived from an xbrli item type (5.1.1.3) */
};

/* ---- XML Schema components, as the reader learns them -------------------------------
 * Types, attribute declarations and model groups are kept as written (keys
 * are "{namespace}name"; anonymous definitions hang from what they define),
 * then resolved when the DTS is loaded: each type's base, and the XML Schema
 * built-in it comes down to.  typecheck.c validates values and elements
 * against them. */

enum dts_variety { DTS_ATOMIC = 0, DTS_LIST, DTS_UNION, DTS_COMPLEX };
enum dts_derivation { DTS_DERIVE_NONE = 0, DTS_RESTRICTION, DTS_EXTENSION };
enum dts_facet_kind {
    DTS_FACET_LENGTH = 1, DTS_FACET_MINLENGTH, DTS_FACET_MAXLENGTH, DTS_FACET_PATTERN,
    DTS_FACET_ENUMERATION, DTS_FACET_WHITESPACE, DTS_FACET_MAXINCLUSIVE, DTS_FACET_MAXEXCLUSIVE,
    DTS_FACET_MININCLUSIVE, DTS_FACET_MINEXCLUSIVE, DTS_FACET_TOTALDIGITS,
    DTS_FACET_FRACTIONDIGITS
};

typedef struct dts_facet {
    int kind;                  /* enum dts_facet_kind */
    const char *value;         /* as written */
    const char *qname;         /* enumerations: the value as "{ns}local" when it reads
                                * as a QName of the schema's scope, else NULL */
} dts_facet;

typedef struct dts_type dts_type;

/* An attribute declaration (global) or use (in a type or attribute group). */
typedef struct dts_attribute {
    const char *key;           /* "{ns}name": "{}name" for an unqualified local one */
    const char *ref;           /* a use by ref: the global declaration's key */
    const char *type;          /* its type's key, NULL when anonymous or none */
    const dts_type *anon;      /* an anonymous simple type */
    const char *dflt, *fixed;
    int required, prohibited;
} dts_attribute;

enum dts_particle_kind {
    DTS_P_ELEMENT = 1, DTS_P_ANY, DTS_P_SEQUENCE, DTS_P_CHOICE, DTS_P_ALL, DTS_P_GROUP
};

typedef struct dts_particle {
    int kind;                  /* enum dts_particle_kind */
    long min, max;             /* occurrences; max -1: unbounded */
    const char *name;          /* element: "{ns}name"; group: the group's key */
    int is_ref;                /* element: a ref to a global declaration */
    const char *type;          /* local element: its type's key */
    const dts_type *anon;      /* local element: its anonymous type */
    const char *namespaces;    /* any: its namespace constraint as written */
    const char *tns;           /* any: the target namespace of its schema */
    r2x_buf children;          /* const dts_particle *: sequence, choice, all, a
                                * group definition's one model group */
} dts_particle;

struct dts_type {
    const char *key;           /* "{ns}name"; NULL when anonymous */
    const char *tns;           /* its schema's target namespace */
    const char *document;
    long line;
    int variety;               /* enum dts_variety */
    int derivation;            /* enum dts_derivation */
    const char *base;          /* the base's (a list: the item type's) key; NULL
                                * when anonymous (base_anon) or none */
    const dts_type *base_anon;
    r2x_buf members;           /* const char *: a union's memberTypes keys */
    r2x_buf member_anon;       /* const dts_type *: its anonymous member types */
    r2x_buf facets;            /* dts_facet */
    int simple_content, mixed;
    const dts_particle *content;   /* complex content's model group; NULL: empty */
    r2x_buf attributes;        /* const dts_attribute *: uses declared here */
    r2x_buf attribute_groups;  /* const char *: attributeGroup refs */
    const char *any_attribute; /* anyAttribute's namespace constraint; NULL: none */
    /* resolved by dts_load */
    const dts_type *base_type; /* base_anon or the type its key names; NULL for a
                                * built-in or unknown base */
    int builtin;               /* enum xsd_builtin it comes down to (a list: its
                                * item's; XSD_NONE for a union or a complex type
                                * without simple content) */
    unsigned flags;            /* DTS_NUMERIC ... */
    int state;                 /* the reader's: 0 read, 1 being resolved, 2 resolved */
};

enum dts_period { DTS_PERIOD_NONE = 0, DTS_PERIOD_INSTANT, DTS_PERIOD_DURATION };
enum dts_balance { DTS_BALANCE_NONE = 0, DTS_BALANCE_DEBIT, DTS_BALANCE_CREDIT };

/* Strings in a DTS are interned: equal strings are equal pointers. */
typedef struct dts_concept {
    const char *key;           /* "{namespace}name" */
    const char *ns, *name, *id;
    const char *type;          /* "{namespace}name" of its type, NULL if anonymous/none */
    const char *subst_group;   /* "{namespace}name", NULL if none */
    const char *document;      /* URL of the declaring schema */
    long line;
    int kind;                  /* enum dts_kind, after following the group chain */
    const dts_type *tdef;      /* its type's definition (anonymous or named); NULL
                                * for a built-in type or one the DTS lacks */
    int builtin;               /* enum xsd_builtin its type comes down to */
    unsigned flags;            /* DTS_NUMERIC ... */
    int period_type;           /* enum dts_period */
    int balance;               /* enum dts_balance */
    int abstract, nillable;
    const char *typed_domain_ref;  /* xbrldt:typedDomainRef as written, NULL if none */
    const char *typed_domain_href; /* ... resolved: "url#id" */
    const char *enum_domain;   /* enum2:domain (or enum:domain), "{ns}name"; NULL if none */
    const char *enum_linkrole; /* enum2:linkrole */
    int enum_head_usable;      /* enum2:headUsable="true" */
    const char *dflt, *fixed;  /* the declaration's default and fixed values */
    int calc_incomplete;       /* a summation-item arc from it ends at a concept
                                * the DTS lacks: its sums cannot be checked */
} dts_concept;

enum dts_arc_kind {
    DTS_ARC_OTHER = 0, DTS_ARC_CALCULATION, DTS_ARC_PRESENTATION, DTS_ARC_DEFINITION,
    DTS_ARC_LABEL, DTS_ARC_REFERENCE, DTS_ARC_FOOTNOTE
};

/* A relationship between two concepts (arcs to resources are only counted). */
typedef struct dts_rel {
    const dts_concept *from, *to;
    const char *arcrole, *linkrole;
    const char *document;      /* the linkbase */
    long line;
    double order, weight;
    int priority;
    int kind;                  /* enum dts_arc_kind */
    /* XBRL Dimensions arc attributes (definition arcs) */
    const char *target_role;   /* xbrldt:targetRole, NULL if none */
    signed char xdt_context;   /* xbrldt:contextElement: 1 segment, 2 scenario, 0 none */
    signed char xdt_closed;    /* xbrldt:closed="true" */
    signed char xdt_unusable;  /* xbrldt:usable="false" */
    const char *preferred_label;   /* presentation arcs: preferredLabel, NULL if none */
} dts_rel;

typedef struct dts_counts {
    size_t documents, schemas, linkbases, missing;
    size_t concepts, items, tuples;
    size_t arcs;               /* arcs read, all kinds */
    size_t calculation, presentation, definition, label, reference;  /* arcs read */
    size_t relationships;      /* concept-concept relationships after prohibition */
    size_t prohibited;         /* relationships removed by use="prohibited" */
    size_t resources;          /* labels, references ... */
} dts_counts;

typedef struct dts dts;

typedef struct reporter reporter;

typedef struct dts_options {
    fetcher *fetch;            /* reads every document; required */
    reporter *report;          /* unavailable or malformed documents; may be NULL */
    size_t slice;              /* bytes the streaming parser is fed at a time;
                                * 0: 256 KiB (tests/test_dts feeds 1) */
} dts_options;

int dts_new(const dts_options *opts, dts **out, r2x_error *err);
void dts_free(dts *d);

/* An observer of the reading: the rules of dts_rules.c are one.  The reader
 * keeps what every check needs (concepts, types, relationships); what only
 * one rule needs, its observer keeps from the elements it is shown, so no
 * document is read twice.  Strings it keeps may be interned in the DTS's
 * table (dts_intern), where equal strings are equal pointers. */
typedef struct dts_observer {
    void *self;
    /* A document is about to be read (its URL as resolved): 1 to be shown
     * its elements, 0 not to. */
    int (*document)(void *self, const char *url);
    /* An element starts: namespaces and attributes as SAX2's startElementNs
     * gives them; base is the xml:base in scope (its own included). */
    void (*start)(void *self, const char *ns, const char *local, int nb_namespaces,
                  const unsigned char **namespaces, int nb_attributes,
                  const unsigned char **attributes, long line, const char *base);
    /* Text, only while wants_text() says so (libxml2 skips the rest cheaply). */
    void (*text)(void *self, const char *s, int len);
    int (*wants_text)(const void *self);
    void (*end)(void *self);
} dts_observer;

#define DTS_MAX_OBSERVERS 4

/* Show the documents read from now on to o (copied; o->self must outlive the
 * reading).  R2X_EUSAGE past DTS_MAX_OBSERVERS. */
int dts_add_observer(dts *d, const dts_observer *o, r2x_error *err);

/* The DTS's copy of s[0..n) (NULL when out of memory). */
const char *dts_intern(dts *d, const char *s, size_t n);

/* Add a starting point: a schema or linkbase URL or path, resolved against
 * base (the referring document, NULL for a path the user gave); referrer and
 * line say who asked, for messages. */
int dts_add(dts *d, const char *url, const char *base, const char *referrer, long line,
            r2x_error *err);
/* Discover and read every document reachable from the starting points, then
 * resolve relationships.  A document that cannot be had or parsed is
 * reported through the diag callback as an error (with the referring
 * document and line) and discovery goes on; the return is R2X_OK unless
 * memory ran out.  May be called again after more dts_add(). */
int dts_load(dts *d, r2x_error *err);

const dts_concept *dts_concept_get(const dts *d, const char *ns, const char *name);
/* Look a concept up by "{namespace}name". */
const dts_concept *dts_concept_by_key(const dts *d, const char *key);
/* The named type, global attribute declaration, attribute group (a
 * dts_type of attributes alone) or model group (a DTS_P_GROUP particle) of
 * a key; NULL when the DTS has none. */
const dts_type *dts_type_by_key(const dts *d, const char *key);
const dts_attribute *dts_attribute_by_key(const dts *d, const char *key);
const dts_type *dts_attribute_group_by_key(const dts *d, const char *key);
const dts_particle *dts_group_by_key(const dts *d, const char *key);
/* The element a typed dimension's xbrldt:typedDomainRef locates, or NULL. */
const dts_concept *dts_typed_domain(const dts *d, const dts_concept *dim);
/* May c stand where head_key ("{ns}name") is expected: is it head itself,
 * or in its substitution group, directly or not? */
int dts_substitutes(const dts *d, const dts_concept *c, const char *head_key);

/* Is ns a namespace whose schema could not be had?  The URL of that schema
 * (an import that could not be had); "" when no schema read declares ns
 * and documents of the DTS are missing (a missing document found by a
 * locator may be its schema); NULL when it is not missing (always for a
 * W3C namespace). */
const char *dts_missing_namespace(const dts *d, const char *ns);
/* True when the document (a URL as resolved) is in the DTS. */
int dts_has_document(const dts *d, const char *url);
/* The interned copy of s, or NULL when no string of the DTS equals it (so
 * pointer comparisons with DTS strings work). */
const char *dts_intern_lookup(const dts *d, const char *s);

/* Relationships, after prohibition and overriding, sorted by arcrole, link
 * role, from concept, order, to concept (strcmp order: deterministic). */
const dts_rel *dts_relationships(const dts *d, size_t *n);
/* The relationships of one arcrole: a contiguous run of the array above. */
const dts_rel *dts_relationships_of(const dts *d, const char *arcrole, size_t *n);

void dts_get_counts(const dts *d, dts_counts *out);

/* True when a concept-label arc of the DTS joins c to a label of this role
 * (prohibition not applied). */
int dts_concept_has_label_role(const dts *d, const dts_concept *c, const char *role);

/* The documents of the DTS, in discovery order (URLs as resolved), and the
 * options it was made with. */
size_t dts_document_count(const dts *d);
const char *dts_document_url(const dts *d, size_t i);
const dts_options *dts_get_options(const dts *d);

#endif
