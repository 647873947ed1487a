/* dts.c - DTS discovery and reading with libxml2's SAX2 parser.
 *
 * The US-GAAP taxonomy is ~45 MB of schemas and linkbases; building trees
 * of it, or compiling it with xmlSchemaParse, costs gigabytes.  So every
 * document is streamed once through SAX2 callbacks that keep only what the
 * checks need: concept declarations, type derivations, and arcs resolved
 * within their extended link.  Strings go through one xmlDict, so equal
 * strings are equal pointers and hashing/sorting works on pointers.
 */
#include "dts.h"
#include "xml_guard.h"
#include "xsd.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "report.h"
#include "strmap.h"

typedef struct doc_entry {
    const char *url;           /* interned, no fragment */
    const char *referrer;      /* the document that referred to it, or NULL */
    long line;
    const char *ns_override;   /* xsd:include: the includer's target namespace */
    const char *import_ns;     /* xsd:import: the namespace it should declare */
} doc_entry;

/* A relationship before its ends are looked up and prohibition applied. */
typedef struct raw_rel {
    const char *from, *to;     /* interned "url#id" */
    const char *arcrole, *linkrole, *document;
    long line;
    double order, weight;
    int priority;
    char kind, prohibited;
    const char *target_role;
    signed char xdt_context, xdt_closed, xdt_unusable;
    const char *preferred_label;
    const char *extra;         /* the other non-exempt attributes, canonical; NULL if none */
} raw_rel;

/* Interned strings: libxml2 2.9's xmlDict stops growing its table at 16384
 * buckets, and a US-GAAP DTS has half a million strings; so an open-addressing
 * table of our own, strings packed in large blocks. */
typedef struct strtab {
    const char **slots;
    size_t nslots, used;
    char *block;               /* newest block: [older block pointer][strings] */
    char *free_at;             /* where the next string goes in it */
    size_t block_left;
} strtab;

#define STRTAB_BLOCK ((size_t)1 << 20)

static void strtab_release(strtab *t)
{
    free(t->slots);
    while (t->block) {
        char *next;
        memcpy(&next, t->block, sizeof next);
        free(t->block);
        t->block = next;
    }
}

/* The slot where s is or belongs. */
static size_t strtab_slot(const strtab *t, const char *s, size_t n)
{
    size_t mask = t->nslots - 1, i = (size_t)strmap_hash(s, n) & mask;
    while (t->slots[i] && (strncmp(t->slots[i], s, n) || t->slots[i][n]))
        i = (i + 1) & mask;
    return i;
}

static const char *strtab_find(const strtab *t, const char *s, size_t n)
{
    return t->nslots ? t->slots[strtab_slot(t, s, n)] : NULL;
}

static const char *strtab_add(strtab *t, const char *s, size_t n)
{
    if (2 * (t->used + 1) > t->nslots) {
        size_t ns = t->nslots ? 2 * t->nslots : 4096;
        strtab bigger = *t;
        bigger.slots = calloc(ns, sizeof *bigger.slots);
        if (!bigger.slots)
            return NULL;
        bigger.nslots = ns;
        for (size_t i = 0; i < t->nslots; i++)
            if (t->slots[i])
                bigger.slots[strtab_slot(&bigger, t->slots[i], strlen(t->slots[i]))] = t->slots[i];
        free(t->slots);
        *t = bigger;
    }
    size_t i = strtab_slot(t, s, n);
    if (t->slots[i])
        return t->slots[i];
    if (t->block_left < n + 1) {
        size_t size = n + 1 + sizeof(char *) > STRTAB_BLOCK ? n + 1 + sizeof(char *)
                                                           : STRTAB_BLOCK;
        char *b = malloc(size);
        if (!b)
            return NULL;
        memcpy(b, &t->block, sizeof t->block);
        t->block = b;
        t->free_at = b + sizeof(char *);
        t->block_left = size - sizeof(char *);
    }
    char *p = t->free_at;
    t->free_at += n + 1;
    memcpy(p, s, n);
    p[n] = '\0';
    t->block_left -= n + 1;
    t->slots[i] = p;
    t->used++;
    return p;
}

struct dts {
    dts_options opts;
    strtab strings;
    xmlHashTablePtr docs;      /* url -> index + 1 into docs_list */
    r2x_buf docs_list;         /* doc_entry */
    size_t next_doc;
    xmlHashTablePtr concepts;  /* "{ns}name" -> dts_concept */
    xmlHashTablePtr by_href;   /* "url#id" -> dts_concept */
    xmlHashTablePtr types;     /* "{ns}name" -> dts_type: named types */
    xmlHashTablePtr attributes;    /* "{ns}name" -> dts_attribute: global declarations */
    xmlHashTablePtr attr_groups;   /* "{ns}name" -> dts_type: attribute groups */
    xmlHashTablePtr groups;    /* "{ns}name" -> dts_particle: model groups */
    r2x_buf type_list;         /* dts_type *: every type and attribute group, owned */
    r2x_buf particle_list;     /* dts_particle *, owned */
    r2x_buf attribute_list;    /* dts_attribute *, owned */
    xmlHashTablePtr missing_ns;  /* namespaces whose schema could not be had */
    xmlHashTablePtr read_ns;   /* target namespaces of the schemas read */
    xmlHashTablePtr label_roles; /* "url#id\001role": a concept-label arc from the
                                  * concept at url#id to a label of that role */
    r2x_buf concept_list;      /* dts_concept *, in reading order */
    r2x_buf raw;               /* raw_rel */
    r2x_buf rels;              /* dts_rel, final */
    dts_counts counts;
    dts_observer observers[DTS_MAX_OBSERVERS];
    size_t nobservers;
    int oom;
};

/* ---- interning --------------------------------------------------------- */

static const char *intern(dts *d, const char *s, int len)
{
    if (!s)
        return NULL;
    const char *r = strtab_add(&d->strings, s, len < 0 ? strlen(s) : (size_t)len);
    if (!r)
        d->oom = 1;
    return r;
}

/* A fragment identifier with its %XX escapes decoded (an IRI's non-ASCII
 * letters come escaped: "#tx_Espa%c3%b1a1" names the id "tx_España1"); f
 * itself when it has none or does not fit buf. */
static const char *unescape_fragment(const char *f, char *buf, size_t size)
{
    if (!strchr(f, '%') || strlen(f) >= size)
        return f;
    size_t n = 0;
    for (const char *p = f; *p; p++) {
        if (p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char hex[3] = {p[1], p[2], 0};
            buf[n++] = (char)strtol(hex, NULL, 16);
            p += 2;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}

static const char *intern2(dts *d, const char *a, char sep, const char *b)
{
    char stack[1024];
    size_t la = strlen(a), lb = strlen(b);
    char *p = la + lb + 2 <= sizeof stack ? stack : malloc(la + lb + 2);
    if (!p) {
        d->oom = 1;
        return NULL;
    }
    memcpy(p, a, la);
    p[la] = sep;
    memcpy(p + la + 1, b, lb + 1);
    const char *r = intern(d, p, (int)(la + lb + 1));
    if (p != stack)
        free(p);
    return r;
}

static const char *clark(dts *d, const char *ns, const char *name)
{
    char stack[1024];
    size_t ln = ns ? strlen(ns) : 0, lm = strlen(name);
    char *p = ln + lm + 3 <= sizeof stack ? stack : malloc(ln + lm + 3);
    if (!p) {
        d->oom = 1;
        return NULL;
    }
    p[0] = '{';
    if (ln)
        memcpy(p + 1, ns, ln);
    p[ln + 1] = '}';
    memcpy(p + ln + 2, name, lm + 1);
    const char *r = intern(d, p, (int)(ln + lm + 2));
    if (p != stack)
        free(p);
    return r;
}

/* ---- types ---------------------------------------------------------------- */

/* The XBRL instance schema's item types: what each comes down to, for the
 * flags the checks need (and the built-in, where that schema is missing). */
typedef struct item_type { const char *name; int builtin; unsigned flags; } item_type;

#define N DTS_NUMERIC
static const item_type item_types[] = {
    {"monetaryItemType", XSD_DECIMAL, N | DTS_MONETARY},
    {"sharesItemType", XSD_DECIMAL, N | DTS_SHARES},
    {"pureItemType", XSD_DECIMAL, N | DTS_PURE},
    {"decimalItemType", XSD_DECIMAL, N}, {"floatItemType", XSD_FLOAT, N},
    {"doubleItemType", XSD_DOUBLE, N}, {"integerItemType", XSD_INTEGER, N},
    {"longItemType", XSD_LONG, N}, {"intItemType", XSD_INT, N},
    {"shortItemType", XSD_SHORT, N}, {"byteItemType", XSD_BYTE, N},
    {"nonNegativeIntegerItemType", XSD_NONNEGATIVEINTEGER, N},
    {"unsignedLongItemType", XSD_UNSIGNEDLONG, N}, {"unsignedIntItemType", XSD_UNSIGNEDINT, N},
    {"unsignedShortItemType", XSD_UNSIGNEDSHORT, N}, {"unsignedByteItemType", XSD_UNSIGNEDBYTE, N},
    {"positiveIntegerItemType", XSD_POSITIVEINTEGER, N},
    {"nonPositiveIntegerItemType", XSD_NONPOSITIVEINTEGER, N},
    {"negativeIntegerItemType", XSD_NEGATIVEINTEGER, N},
    {"fractionItemType", XSD_NONE, N | DTS_FRACTION},
    {"booleanItemType", XSD_BOOLEAN, 0}, {"dateItemType", XSD_DATE, 0},
    {"dateTimeItemType", XSD_DATETIME, 0}, {"timeItemType", XSD_TIME, 0},
    {"gYearItemType", XSD_GYEAR, 0}, {"gYearMonthItemType", XSD_GYEARMONTH, 0},
    {"gMonthDayItemType", XSD_GMONTHDAY, 0}, {"gMonthItemType", XSD_GMONTH, 0},
    {"gDayItemType", XSD_GDAY, 0}, {"durationItemType", XSD_DURATION, 0},
    {"QNameItemType", XSD_QNAME, 0}, {"stringItemType", XSD_STRING, 0},
    {"normalizedStringItemType", XSD_NORMALIZEDSTRING, 0}, {"tokenItemType", XSD_TOKEN, 0},
    {"languageItemType", XSD_LANGUAGE, 0}, {"NameItemType", XSD_NAME, 0},
    {"NCNameItemType", XSD_NCNAME, 0}, {"anyURIItemType", XSD_ANYURI, 0},
    {"hexBinaryItemType", XSD_HEXBINARY, 0}, {"base64BinaryItemType", XSD_BASE64BINARY, 0},
    {"NOTATIONItemType", XSD_NOTATION, 0},
};
#undef N

static const item_type *find_item_type(const char *key)
{
    static const char head[] = "{" XBRLI_NS "}";
    if (strncmp(key, head, sizeof head - 1))
        return NULL;
    for (size_t i = 0; i < sizeof item_types / sizeof *item_types; i++)
        if (!strcmp(key + sizeof head - 1, item_types[i].name))
            return &item_types[i];
    return NULL;
}

/* Flags a type of this key gives all types derived from it. */
static unsigned key_flags(const char *key)
{
    const item_type *it = find_item_type(key);
    unsigned f = it ? it->flags | DTS_ITEM_TYPE : 0;
    const char *local = strchr(key, '}');
    local = local ? local + 1 : key;
    if (!strcmp(local, "perShareItemType"))
        f |= DTS_PERSHARE;
    if (!strncmp(key, "{http://xbrl.org/2020/extensible-enumerations-2.0}", 50))
        f |= !strcmp(local, "enumerationItemType") ? DTS_ENUM2
             : !strcmp(local, "enumerationSetItemType") ? DTS_ENUM2 | DTS_ENUM2_SET : 0;
    if (!strncmp(key, "{http://xbrl.org/2014/extensible-enumerations}", 46) &&
        (!strcmp(local, "enumerationItemType") || !strcmp(local, "enumerationsItemType")))
        f |= DTS_ENUM1;
    return f;
}

/* Resolve t's base and the built-in it comes down to (bases first,
 * through a depth guard against cycles). */
static void resolve_type(dts *d, dts_type *t, int depth)
{
    if (t->state || depth > 64)
        return;                 /* done (or a cycle: left unknown) */
    t->state = 1;
    unsigned flags = t->key ? key_flags(t->key) : 0;
    int builtin = XSD_NONE;
    if (t->variety == DTS_UNION) {
        /* a union is checked member by member; it has no one built-in */
        const char **m = (const char **)t->members.data;
        for (size_t i = 0; i < t->members.len / sizeof *m; i++)
            if (!xsd_builtin_by_key(m[i]) && !xmlHashLookup(d->types, BAD_CAST m[i]))
                flags |= DTS_TYPE_UNKNOWN;
        dts_type **a = (dts_type **)t->member_anon.data;
        for (size_t i = 0; i < t->member_anon.len / sizeof *a; i++)
            resolve_type(d, a[i], depth + 1);
    } else if (t->base_anon) {
        t->base_type = t->base_anon;
    } else if (t->base && (builtin = xsd_builtin_by_key(t->base))) {
        /* an XML Schema built-in */
    } else if (t->base) {
        t->base_type = xmlHashLookup(d->types, BAD_CAST t->base);
        flags |= key_flags(t->base);
        if (!t->base_type) {
            const item_type *it = find_item_type(t->base);
            if (it)
                builtin = it->builtin;     /* the XBRL instance schema is missing */
            else
                flags |= DTS_TYPE_UNKNOWN;
        }
    } else if (t->variety == DTS_COMPLEX) {
        builtin = t->simple_content ? XSD_ANYSIMPLETYPE : XSD_NONE;
    }
    if (t->base_type) {
        resolve_type(d, (dts_type *)t->base_type, depth + 1);
        /* a restriction of a list is a list, of a union a union */
        if (t->variety == DTS_ATOMIC && t->derivation == DTS_RESTRICTION &&
            (t->base_type->variety == DTS_LIST || t->base_type->variety == DTS_UNION))
            t->variety = t->base_type->variety;
        if (!builtin)
            builtin = t->base_type->builtin;
        flags |= t->base_type->flags;
        if (t->variety == DTS_COMPLEX && t->base_type->simple_content)
            t->simple_content = 1;
    }
    if (t->variety == DTS_COMPLEX && !t->simple_content)
        builtin = XSD_NONE;
    if (xsd_is_numeric(builtin) && t->variety != DTS_LIST)
        flags |= DTS_NUMERIC;
    t->builtin = builtin;
    t->flags = flags;
    t->state = 2;
}

/* A concept's type: its definition, the built-in it comes down to, flags. */
static void resolve_concept_type(dts *d, dts_concept *c)
{
    if (!c->tdef && c->type)
        c->tdef = xmlHashLookup(d->types, BAD_CAST c->type);
    if (c->tdef) {
        resolve_type(d, (dts_type *)c->tdef, 0);
        c->builtin = c->tdef->builtin;
        c->flags = c->tdef->flags;
        return;
    }
    if (!c->type) {
        c->builtin = XSD_ANYTYPE;     /* no type: the ur-type */
        c->flags = 0;
        return;
    }
    const item_type *it = find_item_type(c->type);
    c->flags = key_flags(c->type);
    c->builtin = xsd_builtin_by_key(c->type);
    if (!c->builtin && it)
        c->builtin = it->builtin;
    else if (!c->builtin)
        c->flags |= DTS_TYPE_UNKNOWN;
    if (xsd_is_numeric(c->builtin))
        c->flags |= DTS_NUMERIC;
}

static int classify_group(dts *d, const char *group)
{
    static const char item[] = "{" XBRLI_NS "}item", tuple[] = "{" XBRLI_NS "}tuple",
                      dim[] = "{" XBRLDT_NS "}dimensionItem",
                      cube[] = "{" XBRLDT_NS "}hypercubeItem";
    for (int depth = 0; group && depth < 64; depth++) {
        if (!strcmp(group, dim))
            return DTS_DIMENSION;
        if (!strcmp(group, cube))
            return DTS_HYPERCUBE;
        if (!strcmp(group, item))
            return DTS_ITEM;
        if (!strcmp(group, tuple))
            return DTS_TUPLE;
        const dts_concept *c = xmlHashLookup(d->concepts, BAD_CAST group);
        group = c ? c->subst_group : NULL;
    }
    return DTS_OTHER;
}

/* ---- discovery queue ------------------------------------------------------ */

static doc_entry *docs(dts *d)
{
    return (doc_entry *)d->docs_list.data;
}

/* Queue ref (resolved against base, fragment dropped) unless already known. */
static void discover_ns(dts *d, const char *ref, const char *base, const char *referrer,
                        long line, const char *ns_override, const char *import_ns)
{
    char *abs = fetch_resolve(base, ref);
    if (!abs) {
        d->oom = 1;
        return;
    }
    char *hash = strchr(abs, '#');
    if (hash)
        *hash = '\0';
    const char *url = *abs ? intern(d, abs, -1) : NULL;
    free(abs);
    if (!url || xmlHashLookup(d->docs, BAD_CAST url))
        return;
    doc_entry e = {url, referrer, line, ns_override, import_ns};
    if (buf_add(&d->docs_list, &e, sizeof e) ||
        xmlHashAddEntry(d->docs, BAD_CAST url,
                        (void *)(d->docs_list.len / sizeof e)))
        d->oom = 1;
}

static void discover(dts *d, const char *ref, const char *base, const char *referrer,
                     long line, const char *ns_override)
{
    discover_ns(d, ref, base, referrer, line, ns_override, NULL);
}

/* ---- the SAX2 reader ------------------------------------------------------- */

typedef struct ns_binding { const char *prefix, *uri; } ns_binding;
/* A locator (href set) or, in a label link, a label resource (role set). */
typedef struct locator { const char *label, *href, *role; } locator;
typedef struct arc {
    const char *from, *to, *arcrole;
    long line;
    double order, weight;
    int priority, prohibited;
    const char *target_role;
    signed char xdt_context, xdt_closed, xdt_unusable;
    const char *preferred_label;
    const char *extra;
} arc;

typedef struct reader {
    dts *d;
    const doc_entry *doc;
    xmlParserCtxtPtr ctxt;
    int depth;
    r2x_buf ns;                /* ns_binding stack */
    r2x_buf ns_marks;          /* size_t: ns stack height at each depth */
    const char *tns;
    int schema_depth;
    int element_qualified, attribute_qualified;   /* elementFormDefault, attributeFormDefault */
    r2x_buf comps;             /* comp: the schema components open */
    int link_depth;            /* depth of the open extended link, 0 if none */
    int link_kind;
    const char *linkrole;
    r2x_buf locs, arcs;
    const char *last_ref, *last_abs;   /* the last locator document, resolved */
    const char *last_base;             /* ... against this base */
    int last_discovered;               /* ... and queued for discovery */
    r2x_buf bases;             /* xml_base: the xml:base in scope (3.5.1.2) */
    const dts_observer *shown[DTS_MAX_OBSERVERS];   /* the observers of this document */
    size_t nshown;
    char first_error[512];
} reader;

typedef struct xml_base { int depth; const char *base; } xml_base;

/* What relative references resolve against: the innermost xml:base, else
 * the document's own URL. */
static const char *base_of(const reader *r)
{
    const xml_base *b = (const xml_base *)r->bases.data;
    size_t n = r->bases.len / sizeof *b;
    return n ? b[n - 1].base : r->doc->url;
}

static long line_of(reader *r)
{
    return r->ctxt && r->ctxt->input ? r->ctxt->input->line : 0;
}

static const char *lookup_ns(reader *r, const char *prefix)
{
    const ns_binding *b = (const ns_binding *)r->ns.data;
    for (size_t i = r->ns.len / sizeof *b; i-- > 0;)
        if ((!prefix && !b[i].prefix) || (prefix && b[i].prefix && !strcmp(prefix, b[i].prefix)))
            return b[i].uri;
    if (prefix && !strcmp(prefix, "xml"))
        return "http://www.w3.org/XML/1998/namespace";
    return NULL;
}

/* "pfx:local" in the scope of the current element -> interned "{ns}local". */
static const char *qname_key(reader *r, const char *qname)
{
    if (!qname)
        return NULL;
    const char *colon = strchr(qname, ':');
    char prefix[256];
    const char *ns;
    if (colon) {
        size_t n = (size_t)(colon - qname);
        if (n >= sizeof prefix)
            return NULL;
        memcpy(prefix, qname, n);
        prefix[n] = '\0';
        ns = lookup_ns(r, prefix);
        if (!ns)
            return NULL;
        return clark(r->d, ns, colon + 1);
    }
    ns = lookup_ns(r, NULL);
    return clark(r->d, ns, qname);
}

/* Attribute values of the current element, interned (NULL when absent). */
typedef struct attrs {
    int n;
    const xmlChar **a;         /* SAX2 5-tuples */
} attrs;

/* The raw value of an attribute (not NUL-terminated), length in *len. */
static const char *attr_raw(const attrs *at, const char *ns, const char *name, size_t *len)
{
    for (int i = 0; i < at->n; i++) {
        const xmlChar **t = at->a + 5 * i;
        if (strcmp((const char *)t[0], name) || !t[2] || strcmp((const char *)t[2], ns))
            continue;
        *len = (size_t)(t[4] - t[3]);
        return (const char *)t[3];
    }
    return NULL;
}

static const char *attr(reader *r, const attrs *at, const char *ns, const char *name)
{
    for (int i = 0; i < at->n; i++) {
        const xmlChar **t = at->a + 5 * i;
        if (strcmp((const char *)t[0], name))
            continue;
        if (ns ? !t[2] || strcmp((const char *)t[2], ns) : t[2] != NULL)
            continue;
        return intern(r->d, (const char *)t[3], (int)(t[4] - t[3]));
    }
    return NULL;
}

/* An attribute value copied into buf (not interned): for numbers and flags. */
static const char *attr_tmp(const attrs *at, const char *name, char *buf, size_t size)
{
    for (int i = 0; i < at->n; i++) {
        const xmlChar **t = at->a + 5 * i;
        if (t[2] || strcmp((const char *)t[0], name))
            continue;
        size_t n = (size_t)(t[4] - t[3]);
        if (n >= size)
            n = size - 1;
        memcpy(buf, t[3], n);
        buf[n] = '\0';
        return buf;
    }
    return NULL;
}

static int is_true(const char *v)
{
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

/* ---- schema components ------------------------------------------------------- */

/* What an open XML Schema element builds; its children attach to it. */
enum comp_kind {
    C_SCHEMA = 1, C_ELEMENT, C_LOCAL_ELEMENT, C_TYPE, C_RESTRICTION, C_EXTENSION, C_LIST,
    C_UNION, C_CONTENT, C_MODEL, C_GROUP_DEF, C_ATTRIBUTE, C_ATTR_GROUP
};
typedef struct comp { int depth, kind; void *obj; } comp;

static comp *top_comp(reader *r)
{
    size_t n = r->comps.len / sizeof(comp);
    return n ? &((comp *)r->comps.data)[n - 1] : NULL;
}

static void push_comp(reader *r, int kind, void *obj)
{
    comp c = {r->depth, kind, obj};
    if (buf_add(&r->comps, &c, sizeof c))
        r->d->oom = 1;
}

static void *keep(dts *d, r2x_buf *list, size_t size)
{
    void *p = calloc(1, size);
    if (!p || buf_add(list, &p, sizeof p)) {
        free(p);
        d->oom = 1;
        return NULL;
    }
    return p;
}

static void add_ptr(dts *d, r2x_buf *b, const void *p)
{
    if (buf_add(b, &p, sizeof p))
        d->oom = 1;
}

static dts_type *new_type(reader *r, const char *key)
{
    dts_type *t = keep(r->d, &r->d->type_list, sizeof *t);
    if (!t)
        return NULL;
    t->key = key;
    t->tns = r->tns;
    t->document = r->doc->url;
    t->line = line_of(r);
    buf_init(&t->members, R2X_BUF_NOCAP);
    buf_init(&t->member_anon, R2X_BUF_NOCAP);
    buf_init(&t->facets, R2X_BUF_NOCAP);
    buf_init(&t->attributes, R2X_BUF_NOCAP);
    buf_init(&t->attribute_groups, R2X_BUF_NOCAP);
    return t;
}

static dts_particle *new_particle(reader *r, int kind, const attrs *at)
{
    dts_particle *p = keep(r->d, &r->d->particle_list, sizeof *p);
    if (!p)
        return NULL;
    p->kind = kind;
    buf_init(&p->children, R2X_BUF_NOCAP);
    char b[32];
    const char *min = attr_tmp(at, "minOccurs", b, sizeof b);
    p->min = min ? atol(min) : 1;
    const char *max = attr_tmp(at, "maxOccurs", b, sizeof b);
    p->max = !max ? 1 : !strcmp(max, "unbounded") ? -1 : atol(max);
    return p;
}

/* Register a global component under its key (the first of a key wins). */
static void register_global(dts *d, xmlHashTablePtr h, const char *key, void *obj)
{
    if (key && !xmlHashLookup(h, BAD_CAST key) && xmlHashAddEntry(h, BAD_CAST key, obj))
        d->oom = 1;
}

/* The "{ns}name" of a local declaration: qualified by the target namespace
 * when its form (or the schema's default) says so. */
static const char *local_key(reader *r, const attrs *at, const char *name, int qualified)
{
    const char *form = attr(r, at, NULL, "form");
    if (form)
        qualified = !strcmp(form, "qualified");
    return clark(r->d, qualified ? r->tns : NULL, name);
}

/* The complex or simple type an attribute, element or anonymous type
 * attaches to, for the component on top. */
static dts_type *owner_type(const comp *top)
{
    if (!top)
        return NULL;
    switch (top->kind) {
    case C_TYPE: case C_RESTRICTION: case C_EXTENSION: case C_LIST: case C_UNION:
    case C_CONTENT: case C_ATTR_GROUP:
        return top->obj;
    }
    return NULL;
}

/* A model group or group ref: into the model group on top, or as a complex
 * type's content, or as a group definition's one group. */
static void attach_particle(reader *r, comp *top, dts_particle *p)
{
    if (!top || !p)
        return;
    if (top->kind == C_MODEL || top->kind == C_GROUP_DEF)
        add_ptr(r->d, &((dts_particle *)top->obj)->children, p);
    else if (owner_type(top) && top->kind != C_ATTR_GROUP && !owner_type(top)->content)
        owner_type(top)->content = p;
}

static void simple_or_complex_type(reader *r, comp *top, const char *local, const attrs *at)
{
    dts *d = r->d;
    int global = top && top->kind == C_SCHEMA;
    const char *name = global ? attr(r, at, NULL, "name") : NULL;
    const char *key = name ? clark(d, r->tns, name) : NULL;
    if (global && (!key || xmlHashLookup(d->types, BAD_CAST key)))
        return;                /* unnamed, or a second of one name: the first wins */
    dts_type *t = new_type(r, key);
    if (!t)
        return;
    t->variety = local[0] == 'c' ? DTS_COMPLEX : DTS_ATOMIC;
    t->mixed = is_true(attr(r, at, NULL, "mixed"));
    if (global)
        register_global(d, d->types, key, t);
    else if (top && top->kind == C_ELEMENT && !((dts_concept *)top->obj)->tdef)
        ((dts_concept *)top->obj)->tdef = t;
    else if (top && top->kind == C_LOCAL_ELEMENT)
        ((dts_particle *)top->obj)->anon = t;
    else if (top && top->kind == C_ATTRIBUTE)
        ((dts_attribute *)top->obj)->anon = t;
    else if (top && (top->kind == C_RESTRICTION || top->kind == C_LIST))
        ((dts_type *)top->obj)->base_anon = t;
    else if (top && top->kind == C_UNION)
        add_ptr(d, &((dts_type *)top->obj)->member_anon, t);
    push_comp(r, C_TYPE, t);
}

static void derivation(reader *r, comp *top, const char *local, const attrs *at)
{
    dts_type *t = top && (top->kind == C_TYPE || top->kind == C_CONTENT) ? top->obj : NULL;
    if (!t)
        return;
    const char *base = qname_key(r, attr(r, at, NULL, local[0] == 'l' ? "itemType" : "base"));
    if (local[0] == 'l') {
        t->variety = DTS_LIST;
        t->base = base;
        push_comp(r, C_LIST, t);
        return;
    }
    t->derivation = local[0] == 'r' ? DTS_RESTRICTION : DTS_EXTENSION;
    t->base = base;
    /* a concept's anonymous type: its base names it in messages and for
     * essence-alias's "same type" */
    size_t n = r->comps.len / sizeof(comp);
    for (size_t i = n; i-- > 0;) {
        comp *c = &((comp *)r->comps.data)[i];
        if (c->kind == C_ELEMENT) {
            dts_concept *e = c->obj;
            if (e->tdef == t && !e->type)
                e->type = base;
            break;
        }
        if (c->kind != C_TYPE && c->kind != C_CONTENT)
            break;
    }
    push_comp(r, local[0] == 'r' ? C_RESTRICTION : C_EXTENSION, t);
}

static void union_members(reader *r, comp *top, const attrs *at)
{
    dts_type *t = top && top->kind == C_TYPE ? top->obj : NULL;
    if (!t)
        return;
    t->variety = DTS_UNION;
    const char *raw = attr(r, at, NULL, "memberTypes");
    for (const char *p = raw, *end = raw ? raw + strlen(raw) : NULL; p && p < end;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        const char *q = p;
        while (q < end && !(*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q > p) {
            char one[512];
            size_t n = (size_t)(q - p) < sizeof one ? (size_t)(q - p) : sizeof one - 1;
            memcpy(one, p, n);
            one[n] = '\0';
            const char *key = qname_key(r, one);
            if (key)
                add_ptr(r->d, &t->members, key);
        }
        p = q;
    }
    push_comp(r, C_UNION, t);
}

static int facet_kind(const char *local)
{
    static const char *const names[] = {
        NULL, "length", "minLength", "maxLength", "pattern", "enumeration", "whiteSpace",
        "maxInclusive", "maxExclusive", "minInclusive", "minExclusive", "totalDigits",
        "fractionDigits"};
    for (int k = DTS_FACET_LENGTH; k <= DTS_FACET_FRACTIONDIGITS; k++)
        if (!strcmp(local, names[k]))
            return k;
    return 0;
}

static void facet(reader *r, comp *top, int kind, const attrs *at)
{
    if (!top || top->kind != C_RESTRICTION)
        return;
    dts_type *t = top->obj;
    dts_facet f = {kind, attr(r, at, NULL, "value"), NULL};
    if (!f.value)
        return;
    if (kind == DTS_FACET_ENUMERATION && strchr(f.value, ':'))
        f.qname = qname_key(r, f.value);
    if (buf_add(&t->facets, &f, sizeof f))
        r->d->oom = 1;
}

static void attribute_decl(reader *r, comp *top, const attrs *at)
{
    dts *d = r->d;
    dts_attribute *a = keep(d, &d->attribute_list, sizeof *a);
    if (!a)
        return;
    const char *name = attr(r, at, NULL, "name");
    a->ref = qname_key(r, attr(r, at, NULL, "ref"));
    a->type = qname_key(r, attr(r, at, NULL, "type"));
    a->dflt = attr(r, at, NULL, "default");
    a->fixed = attr(r, at, NULL, "fixed");
    const char *use = attr(r, at, NULL, "use");
    a->required = use && !strcmp(use, "required");
    a->prohibited = use && !strcmp(use, "prohibited");
    if (top && top->kind == C_SCHEMA) {
        a->key = name ? clark(d, r->tns, name) : NULL;
        register_global(d, d->attributes, a->key, a);
    } else {
        dts_type *owner = owner_type(top);
        a->key = a->ref ? a->ref : name ? local_key(r, at, name, r->attribute_qualified) : NULL;
        if (owner && a->key)
            add_ptr(d, &owner->attributes, a);
    }
    push_comp(r, C_ATTRIBUTE, a);
}

static void attribute_group(reader *r, comp *top, const attrs *at)
{
    dts *d = r->d;
    if (top && top->kind == C_SCHEMA) {
        const char *name = attr(r, at, NULL, "name");
        const char *key = name ? clark(d, r->tns, name) : NULL;
        if (!key || xmlHashLookup(d->attr_groups, BAD_CAST key))
            return;
        dts_type *g = new_type(r, key);
        if (!g)
            return;
        g->variety = DTS_COMPLEX;
        register_global(d, d->attr_groups, key, g);
        push_comp(r, C_ATTR_GROUP, g);
        return;
    }
    dts_type *owner = owner_type(top);
    const char *ref = qname_key(r, attr(r, at, NULL, "ref"));
    if (owner && ref)
        add_ptr(d, &owner->attribute_groups, ref);
}

static void particle(reader *r, comp *top, const char *local, const attrs *at)
{
    dts *d = r->d;
    if (!strcmp(local, "group")) {
        if (top && top->kind == C_SCHEMA) {
            const char *name = attr(r, at, NULL, "name");
            dts_particle *g = name ? new_particle(r, DTS_P_GROUP, at) : NULL;
            if (!g)
                return;
            g->name = clark(d, r->tns, name);
            register_global(d, d->groups, g->name, g);
            push_comp(r, C_GROUP_DEF, g);
            return;
        }
        dts_particle *p = new_particle(r, DTS_P_GROUP, at);
        if (p)
            p->name = qname_key(r, attr(r, at, NULL, "ref"));
        attach_particle(r, top, p);
        return;
    }
    if (!strcmp(local, "any")) {
        dts_particle *p = top && top->kind == C_MODEL ? new_particle(r, DTS_P_ANY, at) : NULL;
        if (!p)
            return;
        p->namespaces = attr(r, at, NULL, "namespace");
        p->tns = r->tns;
        attach_particle(r, top, p);
        return;
    }
    int kind = !strcmp(local, "sequence") ? DTS_P_SEQUENCE
               : !strcmp(local, "choice") ? DTS_P_CHOICE : DTS_P_ALL;
    dts_particle *p = new_particle(r, kind, at);
    attach_particle(r, top, p);
    if (p)
        push_comp(r, C_MODEL, p);
}

static void local_element(reader *r, comp *top, const attrs *at)
{
    dts_particle *p = new_particle(r, DTS_P_ELEMENT, at);
    if (!p)
        return;
    const char *ref = attr(r, at, NULL, "ref"), *name = attr(r, at, NULL, "name");
    p->is_ref = ref != NULL;
    p->name = ref ? qname_key(r, ref) : name ? local_key(r, at, name, r->element_qualified)
                                             : NULL;
    p->type = qname_key(r, attr(r, at, NULL, "type"));
    attach_particle(r, top, p);
    push_comp(r, C_LOCAL_ELEMENT, p);
}

static void global_element(reader *r, const attrs *at)
{
    dts *d = r->d;
    const char *name = attr(r, at, NULL, "name");
    if (!name)
        return;
    dts_concept *c = calloc(1, sizeof *c);
    if (!c || buf_add(&d->concept_list, &c, sizeof c)) {
        free(c);
        d->oom = 1;
        return;
    }
    c->ns = r->tns;
    c->name = name;
    c->key = clark(d, r->tns, name);
    c->id = attr(r, at, NULL, "id");
    c->type = qname_key(r, attr(r, at, NULL, "type"));
    c->subst_group = qname_key(r, attr(r, at, NULL, "substitutionGroup"));
    c->document = r->doc->url;
    c->line = line_of(r);
    c->abstract = is_true(attr(r, at, NULL, "abstract"));
    c->nillable = is_true(attr(r, at, NULL, "nillable"));
    c->dflt = attr(r, at, NULL, "default");
    c->fixed = attr(r, at, NULL, "fixed");
    c->typed_domain_ref = attr(r, at, XBRLDT_NS, "typedDomainRef");
    if (c->typed_domain_ref) {
        char *abs = fetch_resolve(base_of(r), c->typed_domain_ref);
        char frag[512];
        const char *hash = abs ? strchr(abs, '#') : NULL;
        if (hash) {
            abs[hash - abs] = '\0';
            c->typed_domain_href = intern2(d, abs, '#', unescape_fragment(hash + 1, frag,
                                                                          sizeof frag));
        }
        if (!abs)
            d->oom = 1;
        free(abs);
    }
    static const char *const enum_ns[] = {"http://xbrl.org/2020/extensible-enumerations-2.0",
                                          "http://xbrl.org/2014/extensible-enumerations"};
    for (int k = 0; k < 2 && !c->enum_domain; k++) {
        c->enum_domain = qname_key(r, attr(r, at, enum_ns[k], "domain"));
        c->enum_linkrole = attr(r, at, enum_ns[k], "linkrole");
        c->enum_head_usable = is_true(attr(r, at, enum_ns[k], "headUsable"));
    }
    const char *pt = attr(r, at, XBRLI_NS, "periodType");
    c->period_type = !pt ? DTS_PERIOD_NONE : !strcmp(pt, "instant") ? DTS_PERIOD_INSTANT
                     : !strcmp(pt, "duration") ? DTS_PERIOD_DURATION : DTS_PERIOD_NONE;
    const char *bal = attr(r, at, XBRLI_NS, "balance");
    c->balance = !bal ? DTS_BALANCE_NONE : !strcmp(bal, "debit") ? DTS_BALANCE_DEBIT
                 : !strcmp(bal, "credit") ? DTS_BALANCE_CREDIT : DTS_BALANCE_NONE;
    if (c->key && !xmlHashLookup(d->concepts, BAD_CAST c->key))
        if (xmlHashAddEntry(d->concepts, BAD_CAST c->key, c))
            d->oom = 1;
    if (c->id) {
        const char *href = intern2(d, r->doc->url, '#', c->id);
        if (href && !xmlHashLookup(d->by_href, BAD_CAST href) &&
            xmlHashAddEntry(d->by_href, BAD_CAST href, c))
            d->oom = 1;
    }
    push_comp(r, C_ELEMENT, c);
}

static void schema_element(reader *r, const char *local, const attrs *at)
{
    dts *d = r->d;
    comp *top = top_comp(r);
    if (!strcmp(local, "schema")) {
        if (!r->schema_depth) {
            r->schema_depth = r->depth;
            r->tns = attr(r, at, NULL, "targetNamespace");
            if (!r->tns)
                r->tns = r->doc->ns_override;
            const char *ef = attr(r, at, NULL, "elementFormDefault");
            const char *af = attr(r, at, NULL, "attributeFormDefault");
            r->element_qualified = ef && !strcmp(ef, "qualified");
            if (r->tns && !xmlHashLookup(d->read_ns, BAD_CAST r->tns) &&
                xmlHashAddEntry(d->read_ns, BAD_CAST r->tns, (void *)1))
                d->oom = 1;
            r->attribute_qualified = af && !strcmp(af, "qualified");
            d->counts.schemas++;
            push_comp(r, C_SCHEMA, NULL);
        }
        return;
    }
    if (!strcmp(local, "import") || !strcmp(local, "include") || !strcmp(local, "redefine")) {
        const char *loc = attr(r, at, NULL, "schemaLocation");
        int import = local[1] == 'm';
        if (loc)
            discover_ns(d, loc, base_of(r), r->doc->url, line_of(r), import ? NULL : r->tns,
                        import ? attr(r, at, NULL, "namespace") : r->tns);
        return;
    }
    if (!top)
        return;
    int kind;
    if (!strcmp(local, "element")) {
        if (top->kind == C_SCHEMA)
            global_element(r, at);
        else if (top->kind == C_MODEL)
            local_element(r, top, at);
    } else if (!strcmp(local, "simpleType") || !strcmp(local, "complexType")) {
        simple_or_complex_type(r, top, local, at);
    } else if (!strcmp(local, "restriction") || !strcmp(local, "extension") ||
               !strcmp(local, "list")) {
        derivation(r, top, local, at);
    } else if (!strcmp(local, "union")) {
        union_members(r, top, at);
    } else if ((kind = facet_kind(local))) {
        facet(r, top, kind, at);
    } else if (!strcmp(local, "simpleContent") || !strcmp(local, "complexContent")) {
        if (top->kind == C_TYPE) {
            dts_type *t = top->obj;
            t->simple_content = local[0] == 's';
            if (is_true(attr(r, at, NULL, "mixed")))
                t->mixed = 1;
            push_comp(r, C_CONTENT, t);
        }
    } else if (!strcmp(local, "sequence") || !strcmp(local, "choice") || !strcmp(local, "all") ||
               !strcmp(local, "group") || !strcmp(local, "any")) {
        particle(r, top, local, at);
    } else if (!strcmp(local, "attribute")) {
        attribute_decl(r, top, at);
    } else if (!strcmp(local, "attributeGroup")) {
        attribute_group(r, top, at);
    } else if (!strcmp(local, "anyAttribute")) {
        dts_type *owner = owner_type(top);
        if (owner) {
            owner->any_attribute = attr(r, at, NULL, "namespace");
            if (!owner->any_attribute)
                owner->any_attribute = intern(d, "##any", -1);
        }
    }
}

static int cmp_locator(const void *pa, const void *pb)
{
    const locator *a = pa, *b = pb;
    uintptr_t x = (uintptr_t)a->label, y = (uintptr_t)b->label;
    if (x != y)
        return x < y ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void flush_link(reader *r)
{
    dts *d = r->d;
    locator *locs = (locator *)r->locs.data;
    size_t nlocs = r->locs.len / sizeof *locs;
    const arc *arcs = (const arc *)r->arcs.data;
    size_t narcs = r->arcs.len / sizeof *arcs;
    /* A label may name several locators: sort by label, then each arc end is
     * a binary search for its run. */
    qsort(locs, nlocs, sizeof *locs, cmp_locator);
    for (size_t k = 0; k < narcs; k++) {
        const arc *a = &arcs[k];
        size_t lo = 0, hi = nlocs;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if ((uintptr_t)locs[mid].label < (uintptr_t)a->from) lo = mid + 1; else hi = mid;
        }
        for (size_t f = lo; f < nlocs && locs[f].label == a->from; f++) {
            size_t lo2 = 0, hi2 = nlocs;
            while (lo2 < hi2) {
                size_t mid = (lo2 + hi2) / 2;
                if ((uintptr_t)locs[mid].label < (uintptr_t)a->to) lo2 = mid + 1; else hi2 = mid;
            }
            for (size_t t = lo2; t < nlocs && locs[t].label == a->to; t++) {
                if (r->link_kind == DTS_ARC_LABEL) {
                    /* the label roles a concept has, for preferredLabel (5.2.4.2.1) */
                    if (!a->prohibited && locs[f].href && !locs[t].href && a->arcrole &&
                        !strcmp(a->arcrole, "http://www.xbrl.org/2003/arcrole/concept-label")) {
                        const char *key = intern2(d, locs[f].href, '\001', locs[t].role);
                        if (key && !xmlHashLookup(d->label_roles, BAD_CAST key) &&
                            xmlHashAddEntry(d->label_roles, BAD_CAST key, (void *)1))
                            d->oom = 1;
                    }
                    continue;
                }
                /* an arc with no arcrole (the linkbase schema requires one) makes
                 * no relationship */
                if (!locs[f].href || !locs[t].href || !a->arcrole)
                    continue;
                raw_rel rr = {locs[f].href, locs[t].href, a->arcrole, r->linkrole,
                              r->doc->url, a->line, a->order, a->weight, a->priority,
                              (char)r->link_kind, (char)a->prohibited, a->target_role,
                              a->xdt_context, a->xdt_closed, a->xdt_unusable,
                              a->preferred_label, a->extra};
                if (buf_add(&d->raw, &rr, sizeof rr))
                    d->oom = 1;
            }
        }
    }
    buf_reset(&r->locs);
    buf_reset(&r->arcs);
    r->link_depth = 0;
}

static int cmp_cstrp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The attributes of an arc that relationship equivalence compares
 * (3.5.3.9.7.4) beyond arcrole, order and weight: all but the XLink ones,
 * use and priority, as "{ns}name=value" sorted, interned; a value that is
 * a number or boolean is compared as one ("1.0" equals "1", "456e-2" equals
 * "4.56", "true" equals "1": attribute types are not looked up).
 * NULL when there are none. */
static const char *arc_extra(reader *r, const attrs *at)
{
    const char *items[32];
    size_t n = 0;
    r2x_buf s;
    buf_init(&s, R2X_BUF_NOCAP);
    for (int i = 0; i < at->n && n < 32; i++) {
        const xmlChar **t = at->a + 5 * i;
        const char *name = (const char *)t[0], *ns = (const char *)t[2];
        if (ns ? !strcmp(ns, XLINK_NS)
               : !strcmp(name, "use") || !strcmp(name, "priority") || !strcmp(name, "order") ||
                     !strcmp(name, "weight"))
            continue;
        char value[128];
        size_t vl = (size_t)(t[4] - t[3]);
        const char *v = (const char *)t[3];
        while (vl && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
            v++, vl--;
        while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t' || v[vl - 1] == '\n' ||
                      v[vl - 1] == '\r'))
            vl--;
        buf_reset(&s);
        int bad = buf_addf(&s, "{%s}%s=", ns ? ns : "", name);
        if (vl && vl < sizeof value) {
            memcpy(value, v, vl);
            value[vl] = '\0';
            char *end;
            double x = strtod(value, &end);
            /* booleans too, typed or not: "true" equals "1" */
            if (!strcmp(value, "true") || !strcmp(value, "false"))
                x = value[0] == 't', end = value + vl;
            if (!*end && !bad) {
                bad = buf_addf(&s, "%.17g", x);
                vl = 0;
            }
        }
        bad = bad || buf_add(&s, v, vl);
        items[n] = bad ? NULL : intern(r->d, s.data, (int)s.len);
        if (!items[n]) {
            r->d->oom = 1;
            break;
        }
        n++;
    }
    const char *out = NULL;
    if (n) {
        qsort(items, n, sizeof *items, cmp_cstrp);
        buf_reset(&s);
        int bad = 0;
        for (size_t i = 0; i < n; i++)
            bad = bad || buf_adds(&s, items[i]) || buf_addc(&s, '\001');
        out = bad ? NULL : intern(r->d, s.data, (int)s.len);
        if (!out)
            r->d->oom = 1;
    }
    buf_release(&s);
    return out;
}

/* A locator of the open extended link: its target's document is in the DTS
 * (4.3); the locator is kept by label for the link's arcs. */
static void read_locator(reader *r, const char *ns, const char *local, const attrs *at)
{
    dts *d = r->d;
    const char *href = attr(r, at, XLINK_NS, "href");
    const char *label = attr(r, at, XLINK_NS, "label");
    if (!href || !label)
        return;
    /* most locators of a linkbase point into one schema: resolve the
     * document part once */
    const char *hash = strchr(href, '#');
    size_t dn = hash ? (size_t)(hash - href) : strlen(href);
    const char *docpart = intern(d, href, (int)dn);
    if (docpart != r->last_ref || base_of(r) != r->last_base) {
        char *abs = fetch_resolve(base_of(r), docpart);
        r->last_ref = docpart;
        r->last_base = base_of(r);
        r->last_abs = abs ? intern(d, abs, -1) : NULL;
        r->last_discovered = 0;
        free(abs);
    }
    if (!r->last_abs) {
        d->oom = 1;
        return;
    }
    /* only link:loc is followed in discovery (4.3), not other elements
     * of its substitution group */
    if (!r->last_discovered && ns && !strcmp(ns, LINK_NS) && !strcmp(local, "loc")) {
        discover(d, r->last_abs, NULL, r->doc->url, line_of(r), NULL);
        r->last_discovered = 1;
    }
    char frag[512];
    locator l = {label, hash ? intern2(d, r->last_abs, '#', unescape_fragment(hash + 1, frag,
                                                                               sizeof frag))
                             : r->last_abs, NULL};
    if (buf_add(&r->locs, &l, sizeof l))
        d->oom = 1;
}

/* An arc of the open extended link, with what its kind of link says:
 * counted, and kept unless it is a reference arc. */
static void read_arc(reader *r, const attrs *at)
{
    dts *d = r->d;
    const char *from = attr(r, at, XLINK_NS, "from"), *to = attr(r, at, XLINK_NS, "to");
    char b1[64], b2[64], b3[64], b4[64];
    const char *order = attr_tmp(at, "order", b1, sizeof b1);
    const char *weight = attr_tmp(at, "weight", b2, sizeof b2);
    const char *priority = attr_tmp(at, "priority", b3, sizeof b3);
    const char *use = attr_tmp(at, "use", b4, sizeof b4);
    arc a = {from, to, attr(r, at, XLINK_NS, "arcrole"), line_of(r),
             order ? strtod(order, NULL) : 1.0, weight ? strtod(weight, NULL) : 0.0,
             priority ? atoi(priority) : 0, use && !strcmp(use, "prohibited"),
             NULL, 0, 0, 0, NULL, arc_extra(r, at)};
    if (r->link_kind == DTS_ARC_PRESENTATION)
        a.preferred_label = attr(r, at, NULL, "preferredLabel");
    if (r->link_kind == DTS_ARC_DEFINITION) {
        const char *ce = attr(r, at, XBRLDT_NS, "contextElement");
        const char *closed = attr(r, at, XBRLDT_NS, "closed");
        const char *usable = attr(r, at, XBRLDT_NS, "usable");
        a.target_role = attr(r, at, XBRLDT_NS, "targetRole");
        a.xdt_context = !ce ? 0 : !strcmp(ce, "segment") ? 1 : !strcmp(ce, "scenario") ? 2 : -1;
        a.xdt_closed = is_true(closed);
        a.xdt_unusable = usable && !is_true(usable);
    }
    d->counts.arcs++;
    switch (r->link_kind) {
    case DTS_ARC_CALCULATION: d->counts.calculation++; break;
    case DTS_ARC_PRESENTATION: d->counts.presentation++; break;
    case DTS_ARC_DEFINITION: d->counts.definition++; break;
    case DTS_ARC_LABEL: d->counts.label++; break;
    case DTS_ARC_REFERENCE: d->counts.reference++; break;
    }
    /* reference arcs end at resources: counted, not kept; label arcs
     * only give the label roles of concepts */
    if (from && to && r->link_kind != DTS_ARC_REFERENCE &&
        buf_add(&r->arcs, &a, sizeof a))
        d->oom = 1;
}

static void xlink_element(reader *r, const char *ns, const char *local, const char *type,
                          const attrs *at)
{
    dts *d = r->d;
    if (!strcmp(type, "simple")) {
        /* linkbaseRef, roleRef, arcroleRef (and schemaRef in a linkbase given
         * as an entry point): their targets are in the DTS */
        const char *href = attr(r, at, XLINK_NS, "href");
        if (href)
            discover(d, href, base_of(r), r->doc->url, line_of(r), NULL);
        return;
    }
    if (!strcmp(type, "extended")) {
        if (r->link_depth)
            return;
        r->link_depth = r->depth;
        r->linkrole = attr(r, at, XLINK_NS, "role");
        r->link_kind = !strcmp(local, "calculationLink") ? DTS_ARC_CALCULATION
                       : !strcmp(local, "presentationLink") ? DTS_ARC_PRESENTATION
                       : !strcmp(local, "definitionLink") ? DTS_ARC_DEFINITION
                       : !strcmp(local, "labelLink") ? DTS_ARC_LABEL
                       : !strcmp(local, "referenceLink") ? DTS_ARC_REFERENCE
                       : !strcmp(local, "footnoteLink") ? DTS_ARC_FOOTNOTE : DTS_ARC_OTHER;
        return;
    }
    if (!r->link_depth)
        return;
    if (!strcmp(type, "locator")) {
        read_locator(r, ns, local, at);
        return;
    }
    if (!strcmp(type, "resource")) {
        d->counts.resources++;
        if (r->link_kind == DTS_ARC_LABEL) {
            const char *role = attr(r, at, XLINK_NS, "role");
            locator l = {attr(r, at, XLINK_NS, "label"), NULL,
                         role ? role : intern(d, "http://www.xbrl.org/2003/role/label", -1)};
            if (l.label && buf_add(&r->locs, &l, sizeof l))
                d->oom = 1;
        }
        return;
    }
    if (!strcmp(type, "arc"))
        read_arc(r, at);
}

static void set_text_handler(reader *r);

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix, (void)nb_defaulted;
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    r->depth++;
    size_t mark = r->ns.len;
    if (buf_add(&r->ns_marks, &mark, sizeof mark))
        r->d->oom = 1;
    for (int i = 0; i < nb_namespaces; i++) {
        ns_binding b = {namespaces[2 * i] ? intern(r->d, (const char *)namespaces[2 * i], -1)
                                          : NULL,
                        intern(r->d, (const char *)namespaces[2 * i + 1], -1)};
        if (buf_add(&r->ns, &b, sizeof b))
            r->d->oom = 1;
    }
    attrs at = {nb_attributes, attributes};
    const char *local = (const char *)localname, *ns = (const char *)uri;
    const char *xml_base_attr = attr(r, &at, "http://www.w3.org/XML/1998/namespace", "base");
    if (xml_base_attr) {
        char *abs = fetch_resolve(base_of(r), xml_base_attr);
        xml_base b = {r->depth, abs ? intern(r->d, abs, -1) : NULL};
        free(abs);
        if (!b.base || buf_add(&r->bases, &b, sizeof b))
            r->d->oom = 1;
    }
    for (size_t i = 0; i < r->nshown; i++)
        r->shown[i]->start(r->shown[i]->self, ns, local, nb_namespaces,
                           (const unsigned char **)namespaces, nb_attributes,
                           (const unsigned char **)attributes, line_of(r), base_of(r));
    /* text only where an observer wants it: libxml2 skips the rest cheaply
     * when no handler is set */
    set_text_handler(r);
    if (ns && !strcmp(ns, XSD_NS)) {
        schema_element(r, local, &at);
        return;
    }
    if (ns && !strcmp(ns, LINK_NS) && !strcmp(local, "linkbase"))
        r->d->counts.linkbases++;
    size_t tl;
    const char *raw = attr_raw(&at, XLINK_NS, "type", &tl);
    static const char *const types[] = {"simple", "extended", "locator", "resource", "arc"};
    for (size_t i = 0; raw && i < sizeof types / sizeof *types; i++)
        if (strlen(types[i]) == tl && !memcmp(raw, types[i], tl)) {
            xlink_element(r, ns, local, types[i], &at);
            break;
        }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    for (size_t i = 0; i < r->nshown; i++)
        r->shown[i]->end(r->shown[i]->self);
    set_text_handler(r);
    if (r->link_depth == r->depth)
        flush_link(r);
    comp *top = top_comp(r);
    if (top && top->depth == r->depth)
        r->comps.len -= sizeof *top;
    const xml_base *b = (const xml_base *)r->bases.data;
    if (r->bases.len && b[r->bases.len / sizeof *b - 1].depth == r->depth)
        r->bases.len -= sizeof *b;
    if (r->ns_marks.len >= sizeof(size_t)) {
        r->ns_marks.len -= sizeof(size_t);
        memcpy(&r->ns.len, r->ns_marks.data + r->ns_marks.len, sizeof(size_t));
    }
    r->depth--;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    for (size_t i = 0; i < r->nshown; i++)
        if (r->shown[i]->wants_text(r->shown[i]->self))
            r->shown[i]->text(r->shown[i]->self, (const char *)ch, len);
}

static void set_text_handler(reader *r)
{
    int want = 0;
    for (size_t i = 0; i < r->nshown && !want; i++)
        want = r->shown[i]->wants_text(r->shown[i]->self);
    r->ctxt->sax->characters = want ? on_text : NULL;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    if (!r)
        return;        /* raised while the context was being made */
    if (xml_error_is_out_of_memory(e)) {
        r->d->oom = 1;
        return;
    }
    if (!r->first_error[0] && e && e->level >= XML_ERR_ERROR) {
        snprintf(r->first_error, sizeof r->first_error, "%ld: %s", (long)e->line,
                 e->message ? e->message : "malformed XML");
        size_t n = strlen(r->first_error);
        if (n && r->first_error[n - 1] == '\n')
            r->first_error[n - 1] = '\0';
    }
}

static void read_document(dts *d, size_t index)
{
    doc_entry doc = docs(d)[index];
    char *data = NULL;
    size_t len = 0;
    r2x_error e;
    r2x_error_clear(&e);
    int rc = fetcher_get(d->opts.fetch, doc.url, NULL, &data, &len, NULL, &e);
    if (rc == R2X_ENOMEM) {
        d->oom = 1;              /* not the document's fault: no finding */
        return;
    }
    if (rc) {
        d->counts.missing++;
        if (doc.import_ns && !xmlHashLookup(d->missing_ns, BAD_CAST doc.import_ns) &&
            xmlHashAddEntry(d->missing_ns, BAD_CAST doc.import_ns, (void *)doc.url))
            d->oom = 1;
        if (d->opts.report)
            report(d->opts.report, R2X_SEV_ERROR, "xbrl.3.2:documentUnavailable",
                   doc.referrer ? doc.referrer : doc.url, doc.referrer ? doc.line : 0, 0,
                   "%s%s", e.message, doc.referrer ? ", which this document refers to" : "");
        return;
    }
    d->counts.documents++;
    reader r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.doc = &doc;
    buf_init(&r.ns, R2X_BUF_NOCAP);
    buf_init(&r.ns_marks, R2X_BUF_NOCAP);
    buf_init(&r.locs, R2X_BUF_NOCAP);
    buf_init(&r.arcs, R2X_BUF_NOCAP);
    buf_init(&r.bases, R2X_BUF_NOCAP);
    buf_init(&r.comps, R2X_BUF_NOCAP);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.serror = on_error;
    for (size_t i = 0; i < d->nobservers; i++)
        if (d->observers[i].document(d->observers[i].self, doc.url))
            r.shown[r.nshown++] = &d->observers[i];
    /* A push parser fed in slices: libxml2 2.9's memory parser shrinks its
     * input by moving what is left, which is quadratic on a 5 MB schema. */
    const size_t slice = d->opts.slice ? d->opts.slice : 256 * 1024;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, doc.url);
    if (!ctxt) {
        d->oom = 1;
    } else {
        ctxt->_private = &r;
        r.ctxt = ctxt;
        xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_HUGE);
        for (size_t off = 0; off < len && !r.first_error[0]; off += slice)
            xmlParseChunk(ctxt, data + off, (int)(len - off < slice ? len - off : slice), 0);
        xmlParseChunk(ctxt, NULL, 0, 1);
        if (!ctxt->wellFormed && !r.first_error[0])
            snprintf(r.first_error, sizeof r.first_error, "not well-formed XML");
        xmlFreeParserCtxt(ctxt);
    }
    if (r.first_error[0] && d->opts.report)
        report(d->opts.report, R2X_SEV_ERROR, "xbrl.3.2:malformedDocument", doc.url, 0, 0,
               "line %s", r.first_error);
    buf_release(&r.ns);
    buf_release(&r.ns_marks);
    buf_release(&r.locs);
    buf_release(&r.arcs);
    buf_release(&r.bases);
    buf_release(&r.comps);
    free(data);
}

/* ---- relationships ----------------------------------------------------------- */

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return x < y ? -1 : x > y;
}

static int cmp_dbl(double a, double b)
{
    return a < b ? -1 : a > b;
}

/* Equivalence (3.5.3.9.7.4): same ends, arcrole, link role, order, weight. */
static int cmp_equiv(const void *pa, const void *pb)
{
    const raw_rel *a = pa, *b = pb;
    int c;
    if ((c = cmp_ptr(a->arcrole, b->arcrole)) || (c = cmp_ptr(a->linkrole, b->linkrole)) ||
        (c = cmp_ptr(a->from, b->from)) || (c = cmp_ptr(a->to, b->to)) ||
        (c = a->kind - b->kind) || (c = cmp_dbl(a->order, b->order)) ||
        (c = cmp_dbl(a->weight, b->weight)) || (c = cmp_ptr(a->extra, b->extra)))
        return c;
    return b->priority - a->priority;          /* highest priority first */
}

static int cmp_str(const char *a, const char *b)
{
    return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

static int cmp_final(const void *pa, const void *pb)
{
    const dts_rel *a = pa, *b = pb;
    int c;
    if ((c = cmp_str(a->arcrole, b->arcrole)) || (c = cmp_str(a->linkrole, b->linkrole)) ||
        (c = cmp_str(a->from->key, b->from->key)) || (c = cmp_dbl(a->order, b->order)) ||
        (c = cmp_str(a->to->key, b->to->key)))
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

static void resolve_relationships(dts *d)
{
    raw_rel *raw = (raw_rel *)d->raw.data;
    size_t n = d->raw.len / sizeof *raw;
    qsort(raw, n, sizeof *raw, cmp_equiv);
    buf_reset(&d->rels);
    d->counts.prohibited = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && raw[j].arcrole == raw[i].arcrole && raw[j].linkrole == raw[i].linkrole &&
               raw[j].from == raw[i].from && raw[j].to == raw[i].to &&
               raw[j].kind == raw[i].kind && raw[j].order == raw[i].order &&
               raw[j].weight == raw[i].weight && raw[j].extra == raw[i].extra)
            j++;
        /* raw[i] has the highest priority; a prohibiting arc of that priority wins */
        int prohibited = 0;
        for (size_t k = i; k < j && raw[k].priority == raw[i].priority; k++)
            prohibited |= raw[k].prohibited;
        const dts_concept *from = xmlHashLookup(d->by_href, BAD_CAST raw[i].from);
        const dts_concept *to = xmlHashLookup(d->by_href, BAD_CAST raw[i].to);
        if (prohibited) {
            d->counts.prohibited++;
        } else if (from && !to && raw[i].arcrole &&
                   !strcmp(raw[i].arcrole, ARCROLE_SUMMATION)) {
            ((dts_concept *)from)->calc_incomplete = 1;
        } else if (from && to) {
            const raw_rel *w = &raw[i];
            dts_rel rel = {from, to, w->arcrole, w->linkrole, w->document, w->line,
                           w->order, w->weight, w->priority, w->kind, w->target_role,
                           w->xdt_context, w->xdt_closed, w->xdt_unusable,
                           w->preferred_label};
            if (buf_add(&d->rels, &rel, sizeof rel))
                d->oom = 1;
        }
        i = j;
    }
    dts_rel *rels = (dts_rel *)d->rels.data;
    d->counts.relationships = d->rels.len / sizeof *rels;
    qsort(rels, d->counts.relationships, sizeof *rels, cmp_final);
}

/* ---- public ------------------------------------------------------------------ */

int dts_new(const dts_options *opts, dts **out, r2x_error *err)
{
    *out = NULL;
    if (!opts || !opts->fetch)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "a DTS needs a fetcher");
    dts *d = calloc(1, sizeof *d);
    if (!d)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    d->opts = *opts;
    d->docs = xmlHashCreate(256);
    d->concepts = xmlHashCreate(32768);
    d->by_href = xmlHashCreate(32768);
    d->types = xmlHashCreate(256);
    d->attributes = xmlHashCreate(64);
    d->attr_groups = xmlHashCreate(64);
    d->groups = xmlHashCreate(64);
    d->missing_ns = xmlHashCreate(16);
    d->read_ns = xmlHashCreate(64);
    d->label_roles = xmlHashCreate(1024);
    buf_init(&d->docs_list, R2X_BUF_NOCAP);
    buf_init(&d->concept_list, R2X_BUF_NOCAP);
    buf_init(&d->type_list, R2X_BUF_NOCAP);
    buf_init(&d->particle_list, R2X_BUF_NOCAP);
    buf_init(&d->attribute_list, R2X_BUF_NOCAP);
    buf_init(&d->raw, R2X_BUF_NOCAP);
    buf_init(&d->rels, R2X_BUF_NOCAP);
    if (!d->docs || !d->missing_ns || !d->read_ns || !d->label_roles || !d->concepts ||
        !d->by_href || !d->types || !d->attributes || !d->attr_groups || !d->groups) {
        dts_free(d);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    *out = d;
    return R2X_OK;
}

void dts_free(dts *d)
{
    if (!d)
        return;
    dts_concept **cl = (dts_concept **)d->concept_list.data;
    for (size_t i = 0; i < d->concept_list.len / sizeof *cl; i++)
        free(cl[i]);
    dts_type **tl = (dts_type **)d->type_list.data;
    for (size_t i = 0; i < d->type_list.len / sizeof *tl; i++) {
        buf_release(&tl[i]->members);
        buf_release(&tl[i]->member_anon);
        buf_release(&tl[i]->facets);
        buf_release(&tl[i]->attributes);
        buf_release(&tl[i]->attribute_groups);
        free(tl[i]);
    }
    dts_particle **pl = (dts_particle **)d->particle_list.data;
    for (size_t i = 0; i < d->particle_list.len / sizeof *pl; i++) {
        buf_release(&pl[i]->children);
        free(pl[i]);
    }
    dts_attribute **al = (dts_attribute **)d->attribute_list.data;
    for (size_t i = 0; i < d->attribute_list.len / sizeof *al; i++)
        free(al[i]);
    buf_release(&d->type_list);
    buf_release(&d->particle_list);
    buf_release(&d->attribute_list);
    xmlHashFree(d->docs, NULL);
    xmlHashFree(d->concepts, NULL);
    xmlHashFree(d->by_href, NULL);
    xmlHashFree(d->types, NULL);
    xmlHashFree(d->attributes, NULL);
    xmlHashFree(d->attr_groups, NULL);
    xmlHashFree(d->groups, NULL);
    xmlHashFree(d->missing_ns, NULL);
    xmlHashFree(d->read_ns, NULL);
    xmlHashFree(d->label_roles, NULL);
    strtab_release(&d->strings);
    buf_release(&d->docs_list);
    buf_release(&d->concept_list);
    buf_release(&d->raw);
    buf_release(&d->rels);
    free(d);
}

int dts_add(dts *d, const char *url, const char *base, const char *referrer, long line,
            r2x_error *err)
{
    discover(d, url, base, referrer ? intern(d, referrer, -1) : NULL, line, NULL);
    return d->oom ? r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory") : R2X_OK;
}

int dts_load(dts *d, r2x_error *err)
{
    while (!d->oom && d->next_doc < d->docs_list.len / sizeof(doc_entry))
        read_document(d, d->next_doc++);
    /* kinds and types once every schema is in: groups and bases may be
     * declared in documents read later */
    dts_type **tl = (dts_type **)d->type_list.data;
    for (size_t i = 0; i < d->type_list.len / sizeof *tl; i++)
        resolve_type(d, tl[i], 0);
    dts_concept **cl = (dts_concept **)d->concept_list.data;
    size_t nc = d->concept_list.len / sizeof *cl;
    d->counts.concepts = d->counts.items = d->counts.tuples = 0;
    for (size_t i = 0; i < nc; i++) {
        dts_concept *c = cl[i];
        c->kind = classify_group(d, c->subst_group);
        resolve_concept_type(d, c);
        d->counts.concepts++;
        d->counts.items += c->kind == DTS_ITEM || c->kind == DTS_DIMENSION ||
                           c->kind == DTS_HYPERCUBE;
        d->counts.tuples += c->kind == DTS_TUPLE;
    }
    resolve_relationships(d);
    return d->oom ? r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory") : R2X_OK;
}

const dts_type *dts_type_by_key(const dts *d, const char *key)
{
    return key ? xmlHashLookup(d->types, BAD_CAST key) : NULL;
}

const dts_attribute *dts_attribute_by_key(const dts *d, const char *key)
{
    return key ? xmlHashLookup(d->attributes, BAD_CAST key) : NULL;
}

const dts_type *dts_attribute_group_by_key(const dts *d, const char *key)
{
    return key ? xmlHashLookup(d->attr_groups, BAD_CAST key) : NULL;
}

const dts_particle *dts_group_by_key(const dts *d, const char *key)
{
    return key ? xmlHashLookup(d->groups, BAD_CAST key) : NULL;
}

const dts_concept *dts_typed_domain(const dts *d, const dts_concept *dim)
{
    if (!dim || !dim->typed_domain_href)
        return NULL;
    return xmlHashLookup(d->by_href, BAD_CAST dim->typed_domain_href);
}

int dts_substitutes(const dts *d, const dts_concept *c, const char *head_key)
{
    for (int depth = 0; c && depth < 64; depth++) {
        if (c->key == head_key || !strcmp(c->key, head_key))
            return 1;
        c = c->subst_group ? xmlHashLookup(d->concepts, BAD_CAST c->subst_group) : NULL;
    }
    return 0;
}

const dts_concept *dts_concept_by_key(const dts *d, const char *key)
{
    return xmlHashLookup(d->concepts, BAD_CAST key);
}

const dts_concept *dts_concept_get(const dts *d, const char *ns, const char *name)
{
    char stack[1024];
    if (snprintf(stack, sizeof stack, "{%s}%s", ns ? ns : "", name) >= (int)sizeof stack)
        return NULL;
    return xmlHashLookup(d->concepts, BAD_CAST stack);
}

const char *dts_missing_namespace(const dts *d, const char *ns)
{
    if (!ns)
        return NULL;
    const char *url = xmlHashLookup(d->missing_ns, BAD_CAST ns);
    if (url)
        return url;
    /* a document found by a locator or linkbaseRef declares a namespace no
     * one could know before reading it: any namespace no schema read
     * declares may be its; but never a W3C namespace (XInclude, XHTML, XML
     * Schema), which no taxonomy declares elements in */
    if (!strncmp(ns, "http://www.w3.org/", 18))
        return NULL;
    return d->counts.missing && !xmlHashLookup(d->read_ns, BAD_CAST ns) ? "" : NULL;
}

int dts_has_document(const dts *d, const char *url)
{
    return xmlHashLookup(d->docs, BAD_CAST url) != NULL;
}

const char *dts_intern_lookup(const dts *d, const char *s)
{
    return s ? strtab_find(&d->strings, s, strlen(s)) : NULL;
}

const dts_rel *dts_relationships(const dts *d, size_t *n)
{
    *n = d->rels.len / sizeof(dts_rel);
    return (const dts_rel *)d->rels.data;
}

const dts_rel *dts_relationships_of(const dts *d, const char *arcrole, size_t *n)
{
    size_t total;
    const dts_rel *r = dts_relationships(d, &total);
    size_t lo = 0, hi = total;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_str(r[mid].arcrole, arcrole) < 0) lo = mid + 1; else hi = mid;
    }
    size_t end = lo;
    while (end < total && !cmp_str(r[end].arcrole, arcrole))
        end++;
    *n = end - lo;
    return r + lo;
}

void dts_get_counts(const dts *d, dts_counts *out)
{
    *out = d->counts;
}

size_t dts_document_count(const dts *d)
{
    return d->docs_list.len / sizeof(doc_entry);
}

const char *dts_document_url(const dts *d, size_t i)
{
    return docs((dts *)d)[i].url;
}

int dts_concept_has_label_role(const dts *d, const dts_concept *c, const char *role)
{
    if (!c || !c->id || !role)
        return 0;
    r2x_buf k;
    buf_init(&k, R2X_BUF_NOCAP);
    int hit = !buf_addf(&k, "%s#%s\001%s", c->document, c->id, role) &&
              xmlHashLookup(d->label_roles, BAD_CAST k.data) != NULL;
    buf_release(&k);
    return hit;
}

int dts_add_observer(dts *d, const dts_observer *o, r2x_error *err)
{
    if (d->nobservers == DTS_MAX_OBSERVERS)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "a DTS takes %d observers", DTS_MAX_OBSERVERS);
    d->observers[d->nobservers++] = *o;
    return R2X_OK;
}

const char *dts_intern(dts *d, const char *s, size_t n)
{
    return intern(d, s, (int)n);
}

const dts_options *dts_get_options(const dts *d)
{
    return &d->opts;
}
