/* dts.h - discoverable taxonomy sets (XBRL 2.1 section 3), read by
 * streaming each schema and linkbase once (xmlTextReader), never compiled as
 * a whole: concepts with the metadata instance checks need, and every
 * relationship with its arcrole, link role, order, weight, priority and use,
 * after prohibition and overriding (3.5.3.9.7.4).  (internal)
 */
#ifndef R2X_DTS_H
#define R2X_DTS_H

#include <stddef.h>

#include "fetch.h"
#include "release2xbrl.h"

#define XBRLI_NS "http://www.xbrl.org/2003/instance"
#define LINK_NS "http://www.xbrl.org/2003/linkbase"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define XBRLDT_NS "http://xbrl.org/2005/xbrldt"
#define XBRLDI_NS "http://xbrl.org/2006/xbrldi"
#define ISO4217_NS "http://www.xbrl.org/2003/iso4217"
#define ARCROLE_SUMMATION "http://www.xbrl.org/2003/arcrole/summation-item"
#define ARCROLE_PARENT_CHILD "http://www.xbrl.org/2003/arcrole/parent-child"

/* What a concept's substitution group comes down to. */
enum dts_kind { DTS_OTHER = 0, DTS_ITEM, DTS_TUPLE, DTS_DIMENSION, DTS_HYPERCUBE };

/* The lexical space an item's value is checked against: what its type
 * derives from (xbrli item types and XML Schema built-ins). */
enum dts_lex {
    DTS_LEX_ANY = 0,       /* strings, tokens, anyURI, unknown types: not checked */
    DTS_LEX_DECIMAL, DTS_LEX_INTEGER, DTS_LEX_NONNEG_INTEGER, DTS_LEX_POS_INTEGER,
    DTS_LEX_NONPOS_INTEGER, DTS_LEX_NEG_INTEGER, DTS_LEX_FLOAT, DTS_LEX_BOOLEAN,
    DTS_LEX_DATE, DTS_LEX_DATETIME, DTS_LEX_DATE_UNION, DTS_LEX_GYEAR,
    DTS_LEX_GMONTHDAY, DTS_LEX_QNAME, DTS_LEX_FRACTION, DTS_LEX_DURATION,
    DTS_LEX_GYEARMONTH, DTS_LEX_GMONTH, DTS_LEX_GDAY, DTS_LEX_TIME
};

/* Flags of an item type. */
enum {
    DTS_NUMERIC = 1,       /* decimal, float, double, integer kinds, fraction */
    DTS_MONETARY = 2,      /* derived from xbrli:monetaryItemType */
    DTS_SHARES = 4,        /* derived from xbrli:sharesItemType */
    DTS_PURE = 8,          /* derived from xbrli:pureItemType */
    DTS_PERSHARE = 16,     /* a DTR perShareItemType */
    DTS_FRACTION = 32,     /* xbrli:fractionItemType */
    DTS_TYPE_UNKNOWN = 64  /* the derivation ends in a schema the DTS lacks */
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
    int lex;                   /* enum dts_lex */
    unsigned flags;            /* DTS_NUMERIC ... */
    int period_type;           /* enum dts_period */
    int balance;               /* enum dts_balance */
    int abstract, nillable;
    const char *typed_domain_ref;  /* xbrldt:typedDomainRef as written, NULL if none */
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

typedef struct dts_options {
    fetcher *fetch;            /* reads every document; required */
    r2x_diag_fn diag;          /* unavailable or malformed documents; may be NULL */
    void *diag_userdata;
    size_t slice;              /* bytes the streaming parser is fed at a time;
                                * 0: 256 KiB (tests/test_dts feeds 1) */
} dts_options;

int dts_new(const dts_options *opts, dts **out, r2x_error *err);
void dts_free(dts *d);

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
/* The URL of the schema that should have declared namespace ns (an import
 * that could not be had), or NULL. */
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
 * options it was made with: for the rules of dts_rules.c. */
size_t dts_document_count(const dts *d);
const char *dts_document_url(const dts *d, size_t i);
const dts_options *dts_get_options(const dts *d);

/* XBRL 2.1 schema and linkbase rules (dts_rules.c) over the DTS's own
 * documents (published taxonomies fetched over http(s) are taken as checked
 * by their publishers): roleType/arcroleType declarations and use, roleRef
 * and arcroleRef, item and tuple declarations, linkbaseRef roles, XLink arc
 * duplication, summation-item endpoints, arc cycles.  Findings go to the
 * diag callback, their number to *nerrors (if not NULL).  Returns R2X_OK, or
 * R2X_ENOMEM when an allocation failed and the checks are incomplete. */
int dts_check_rules(dts *d, size_t *nerrors);

/* The rules see the DTS's own (non-http) documents through the reading
 * pass of dts.c, which feeds each document's SAX2 events to this collector
 * (dts_rules.c); it keeps what the rules need, no trees.  (internal) */
typedef struct dts_rules_feed dts_rules_feed;
typedef const char *(*dts_intern_fn)(void *ctx, const char *s, size_t n);
dts_rules_feed *dts_rules_feed_new(dts_intern_fn intern, void *intern_ctx);
void dts_rules_feed_free(dts_rules_feed *f);
void dts_rules_feed_doc(dts_rules_feed *f, const char *url);
/* namespaces and attributes as SAX2's startElementNs gives them; base is
 * the xml:base in scope of the element (its own included). */
void dts_rules_feed_start(dts_rules_feed *f, const char *ns, const char *local,
                          int nb_namespaces, const unsigned char **namespaces,
                          int nb_attributes, const unsigned char **attributes, long line,
                          const char *base);
void dts_rules_feed_text(dts_rules_feed *f, const char *s, int len);
void dts_rules_feed_end(dts_rules_feed *f);
/* True when the collector ran out of memory: what it holds is incomplete. */
int dts_rules_feed_failed(const dts_rules_feed *f);
/* True inside an element whose text the rules read. */
int dts_rules_feed_wants_text(const dts_rules_feed *f);
/* The collector of a DTS, NULL when no document was fed. */
dts_rules_feed *dts_get_rules_feed(const dts *d);
/* XBRL Dimensions 1.0 taxonomy rules (dimensions.c): the ends of the
 * dimensional relationships, contextElement, one default per dimension.
 * Run by dts_check_rules(); *nerrors: the findings.  R2X_ENOMEM when the
 * checks could not be made whole. */
int dts_check_dimensions(dts *d, size_t *nerrors);

#endif
