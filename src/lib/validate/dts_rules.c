/* dts_rules.c - the schema and linkbase rules of XBRL 2.1 run on a loaded
 * DTS: roleType and arcroleType declarations (5.1.3, 5.1.4) and their use
 * through roleRef and arcroleRef (3.5.2.4, 3.5.2.5), item and tuple
 * declarations (5.1.1), linkbaseRef roles (4.3.4), XLink arc duplication,
 * summation-item endpoints (5.2.5.2) and arc cycles (5.1.4.3, 5.2.4.2).
 *
 * The rules see the DTS's own documents through the one streaming pass of
 * dts.c, whose observer they are (feed_*: each element of those
 * documents): what a rule can settle on the spot becomes a finding; what needs the whole DTS
 * (declarations, roleRefs, ids in other documents) is kept as a small
 * pending check and settled by dts_rules_check().  No document is held as a
 * tree.  Documents fetched over http(s) are published taxonomies, taken as
 * checked by their publishers, and are not fed.
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/valid.h>

#include "buf.h"
#include "dts_rules.h"
#include "error.h"
#include "fetch.h"
#include "graph.h"
#include "report.h"

#define ROLE_LINK "http://www.xbrl.org/2003/role/link"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* A roleType or arcroleType. */
typedef struct decl {
    const char *url;           /* its schema */
    long line;
    const char *uri;           /* roleURI / arcroleURI, trimmed */
    const char *usedon;        /* "|{ns}a|{ns}b|", sorted */
    const char *sig;           /* what two declarations of one URI must share */
    const char *cycles;        /* arcroleType's cyclesAllowed */
    int arcrole;
} decl;

/* What an id (or a document, for its root) locates. */
enum { T_OTHER = 0, T_ROLETYPE, T_ARCROLETYPE, T_GLOBAL_ELEMENT, T_LINKBASE, T_LABEL,
       T_REFERENCE, T_XSD_ELEMENT, T_RESOURCE };
typedef struct target {
    int kind;
    int abstract;              /* T_GLOBAL_ELEMENT: abstract="true" */
    const char *declared;      /* T_ROLETYPE/T_ARCROLETYPE: the URI it declares */
    size_t linkbase;           /* T_LINKBASE: index into linkbases */
} target;

/* What an element declaration's or a named complexType's content holds that
 * XBRL forbids in items and tuples (5.1.1, 5.1.1.3): bit 1 element-only or
 * mixed content, 2 mixed, 4 a local element declaration, 8 an attribute of
 * the XBRL, linkbase or XLink namespaces; line[i] shows bit i first. */
typedef struct content_shape {
    unsigned bits;
    long line[4];
} content_shape;

/* A global element declaration's shape and type, for its P_ELEMENT check. */
typedef struct element_shape {
    content_shape shape;
    const char *type;          /* "{ns}name" of its type attribute */
} element_shape;

/* Checks that wait for the whole DTS, in document order. */
enum {
    P_FINDING, P_DECL, P_ROLE_USE, P_ARCROLE_USE, P_TARGET_ROLE, P_REF, P_LINKBASE_REF,
    P_ELEMENT, P_ARC_TO, P_LOC
};
typedef struct pending {
    int kind;
    const char *url;
    long line;
    const char *a, *b, *c, *e; /* by kind: see the feed */
    size_t index;              /* linkbase (SIZE_MAX: none) or decl index */
    int flags;
} pending;

typedef struct ns_bind { const char *prefix, *uri; } ns_bind;

/* One open element of the document being fed. */
typedef struct frame {
    size_t ns_mark;
    size_t linkbase;           /* the innermost link:linkbase or xbrli:xbrl, or SIZE_MAX */
    unsigned char is_schema, in_link, is_holder;   /* holder: link:linkbase or xbrli:xbrl */
    unsigned nchild;           /* child elements so far: element() child sequences */
} frame;

typedef struct dts_rules dts_rules_feed;

struct dts_rules {
    dts *d;                    /* interns our strings: equal strings, equal pointers */
    xmlHashTablePtr docs;      /* url -> (void *)1: documents fed */
    xmlHashTablePtr targets;   /* "url#id" or "url" (the root) -> target * */
    xmlHashTablePtr refs;      /* "index\1R|A\1uri" -> (void *)1: roleRefs of a linkbase */
    r2x_buf decls;             /* decl */
    r2x_buf targets_list;      /* target * (owned) */
    r2x_buf linkbases;         /* r2x_buf * of const char *: names of extended children */
    r2x_buf pend;              /* pending */
    int oom;
    /* the document being fed */
    const char *url, *tns;
    int depth, root_seen;
    r2x_buf frames;            /* frame */
    r2x_buf ns;                /* ns_bind */
    int link_depth;            /* the open extended link */
    int link_standard;         /* it is one of the five standard links (5.2) */
    r2x_buf labels;            /* const char *: its xlink:labels */
    r2x_buf link_locs;         /* link_loc: its locators */
    r2x_buf arc_ends;          /* arc_end: its arcs, checked at its end */
    int decl_depth;            /* the open roleType/arcroleType */
    decl cur;
    r2x_buf usedon;            /* const char *: usedOn names of it */
    r2x_buf definition;
    int text_depth;            /* the open usedOn or definition */
    int text_is_usedon;
    r2x_buf text;
    r2x_buf scratch[8];        /* attribute values, for a moment */
    /* the open global xsd:element or named xsd:complexType */
    int content_depth, content_skip_depth;
    content_shape content;
    size_t content_pending;    /* its element_shapes index, or SIZE_MAX for a complexType */
    r2x_buf element_shapes;    /* element_shape, by P_ELEMENT's index */
    const char *content_type_key;
    xmlHashTablePtr ctypes;    /* "{ns}name" -> 1 + index into ctype_shapes */
    r2x_buf ctype_shapes;      /* content_shape */
};

typedef struct arc_end {
    const char *from, *to;
    long line;
    size_t seq;
    int prohibiting;
    int resource_kind;         /* T_LABEL, T_REFERENCE: a concept-label/-reference arc */
} arc_end;
typedef struct link_loc { const char *label, *href, *base; } link_loc;

static const char *dstr(dts_rules_feed *f, const char *s, int len)
{
    if (!s)
        return NULL;
    const char *r = dts_intern(f->d, s, len < 0 ? strlen(s) : (size_t)len);
    if (!r)
        f->oom = 1;
    return r;
}

static int feed_document(void *self, const char *url);
static void feed_start(void *self, const char *ns, const char *local, int nb_namespaces,
                       const unsigned char **namespaces, int nb_attributes,
                       const unsigned char **attributes, long line, const char *base);
static void feed_text(void *self, const char *s, int len);
static int feed_wants_text(const void *self);
static void feed_end(void *self);

int dts_rules_new(dts *d, dts_rules **out, r2x_error *err)
{
    *out = NULL;
    dts_rules_feed *f = calloc(1, sizeof *f);
    if (!f)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    f->d = d;
    buf_init(&f->labels, R2X_BUF_NOCAP);
    buf_init(&f->link_locs, R2X_BUF_NOCAP);
    f->docs = xmlHashCreate(64);
    f->targets = xmlHashCreate(1024);
    f->refs = xmlHashCreate(64);
    f->ctypes = xmlHashCreate(64);
    buf_init(&f->ctype_shapes, R2X_BUF_NOCAP);
    buf_init(&f->element_shapes, R2X_BUF_NOCAP);
    buf_init(&f->decls, R2X_BUF_NOCAP);
    buf_init(&f->targets_list, R2X_BUF_NOCAP);
    buf_init(&f->linkbases, R2X_BUF_NOCAP);
    buf_init(&f->pend, R2X_BUF_NOCAP);
    buf_init(&f->frames, R2X_BUF_NOCAP);
    buf_init(&f->ns, R2X_BUF_NOCAP);
    buf_init(&f->arc_ends, R2X_BUF_NOCAP);
    buf_init(&f->usedon, R2X_BUF_NOCAP);
    buf_init(&f->definition, R2X_BUF_NOCAP);
    buf_init(&f->text, R2X_BUF_NOCAP);
    for (size_t i = 0; i < sizeof f->scratch / sizeof *f->scratch; i++)
        buf_init(&f->scratch[i], R2X_BUF_NOCAP);
    if (!f->docs || !f->targets || !f->refs || !f->ctypes) {
        dts_rules_free(f);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    dts_observer o = {f, feed_document, feed_start, feed_text, feed_wants_text, feed_end};
    int rc = dts_add_observer(d, &o, err);
    if (rc) {
        dts_rules_free(f);
        return rc;
    }
    *out = f;
    return R2X_OK;
}

void dts_rules_free(dts_rules *f)
{
    if (!f)
        return;
    target **tl = (target **)f->targets_list.data;
    for (size_t i = 0; i < f->targets_list.len / sizeof *tl; i++)
        free(tl[i]);
    r2x_buf **lb = (r2x_buf **)f->linkbases.data;
    for (size_t i = 0; i < f->linkbases.len / sizeof *lb; i++) {
        buf_release(lb[i]);
        free(lb[i]);
    }
    xmlHashFree(f->docs, NULL);
    xmlHashFree(f->targets, NULL);
    xmlHashFree(f->refs, NULL);
    xmlHashFree(f->ctypes, NULL);
    buf_release(&f->ctype_shapes);
    buf_release(&f->element_shapes);
    buf_release(&f->labels);
    buf_release(&f->link_locs);
    buf_release(&f->decls);
    buf_release(&f->targets_list);
    buf_release(&f->linkbases);
    buf_release(&f->pend);
    buf_release(&f->frames);
    buf_release(&f->ns);
    buf_release(&f->arc_ends);
    buf_release(&f->usedon);
    buf_release(&f->definition);
    buf_release(&f->text);
    for (size_t i = 0; i < sizeof f->scratch / sizeof *f->scratch; i++)
        buf_release(&f->scratch[i]);
    free(f);
}

static void add_pending(dts_rules_feed *f, const pending *p)
{
    if (buf_add(&f->pend, p, sizeof *p))
        f->oom = 1;
}

/* A rule broken on the spot: reported when the rules run. */
static void finding(dts_rules_feed *f, long line, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void finding(dts_rules_feed *f, long line, const char *code, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pending p = {P_FINDING, f->url, line, dstr(f, code, -1), dstr(f, msg, -1), NULL, NULL,
                 SIZE_MAX, 0};
    add_pending(f, &p);
}

static int is_remote(const char *url)
{
    return !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
}

static char *trimmed(char *s)
{
    if (!s)
        return NULL;
    char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
    memmove(s, p, n);
    s[n] = '\0';
    return s;
}

static int valid_uri(const char *s)
{
    if (!*s || strchr(strchr(s, '#') ? strchr(s, '#') + 1 : "", '#'))
        return 0;
    xmlURIPtr u = xmlParseURI(s);
    xmlFreeURI(u);
    return u != NULL;
}

static int standard_arcrole(const char *a)
{
    static const char *const std[] = {
        "http://www.xbrl.org/2003/arcrole/fact-footnote",
        "http://www.xbrl.org/2003/arcrole/concept-label",
        "http://www.xbrl.org/2003/arcrole/concept-reference",
        "http://www.xbrl.org/2003/arcrole/parent-child",
        "http://www.xbrl.org/2003/arcrole/summation-item",
        "http://www.xbrl.org/2003/arcrole/general-special",
        "http://www.xbrl.org/2003/arcrole/essence-alias",
        "http://www.xbrl.org/2003/arcrole/similar-tuples",
        "http://www.xbrl.org/2003/arcrole/requires-element",
    };
    for (size_t i = 0; i < sizeof std / sizeof *std; i++)
        if (!strcmp(a, std[i]))
            return 1;
    return 0;
}

static int standard_role(const char *r)
{
    return !strncmp(r, "http://www.xbrl.org/2003/role/", 30);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- reading the SAX2 events ------------------------------------------------- */

typedef struct fattrs { int n; const unsigned char **a; } fattrs;

/* An attribute's value, interned; ns NULL for an unqualified attribute. */
static const char *fattr(dts_rules_feed *f, const fattrs *at, const char *ns, const char *name)
{
    for (int i = 0; i < at->n; i++) {
        const unsigned char **t = at->a + 5 * i;
        if (strcmp((const char *)t[0], name))
            continue;
        if (ns ? !t[2] || strcmp((const char *)t[2], ns) : t[2] != NULL)
            continue;
        return dstr(f, (const char *)t[3], (int)(t[4] - t[3]));
    }
    return NULL;
}

/* An attribute's value copied into scratch buffer k (valid until the next
 * use of k), not interned: most values are only looked at. */
static const char *ftmp(dts_rules_feed *f, int k, const fattrs *at, const char *ns,
                        const char *name)
{
    for (int i = 0; i < at->n; i++) {
        const unsigned char **t = at->a + 5 * i;
        if (strcmp((const char *)t[0], name))
            continue;
        if (ns ? !t[2] || strcmp((const char *)t[2], ns) : t[2] != NULL)
            continue;
        buf_reset(&f->scratch[k]);
        if (buf_add(&f->scratch[k], t[3], (size_t)(t[4] - t[3]))) {
            f->oom = 1;
            return NULL;
        }
        return f->scratch[k].data;
    }
    return NULL;
}

static frame *frames(dts_rules_feed *f)
{
    return (frame *)f->frames.data;
}

/* "{ns}local" of a QName in the scope of the open element; NULL when its
 * prefix is unbound. */
static const char *feed_qname(dts_rules_feed *f, const char *q)
{
    const char *colon = strchr(q, ':');
    const char *uri = NULL;
    size_t plen = colon ? (size_t)(colon - q) : 0;
    const ns_bind *b = (const ns_bind *)f->ns.data;
    for (size_t i = f->ns.len / sizeof *b; i-- > 0;)
        if (colon ? b[i].prefix && strlen(b[i].prefix) == plen && !strncmp(b[i].prefix, q, plen)
                  : !b[i].prefix) {
            uri = b[i].uri;
            break;
        }
    if (colon && !uri && plen == 3 && !strncmp(q, "xml", 3))
        uri = XML_NS;
    if (colon && !uri)
        return NULL;
    r2x_buf s;
    buf_init(&s, R2X_BUF_NOCAP);
    const char *r = NULL;
    if (buf_addf(&s, "{%s}%s", uri ? uri : "", colon ? colon + 1 : q))
        f->oom = 1;
    else
        r = dstr(f, s.data, (int)s.len);
    buf_release(&s);
    return r;
}

static target *add_target(dts_rules_feed *f, const char *key, int kind)
{
    if (xmlHashLookup(f->targets, BAD_CAST key))
        return NULL;               /* the first element of an id wins */
    target *t = calloc(1, sizeof *t);
    if (!t || buf_add(&f->targets_list, &t, sizeof t)) {
        free(t);
        f->oom = 1;
        return NULL;
    }
    t->kind = kind;
    if (xmlHashAddEntry(f->targets, BAD_CAST key, t))
        f->oom = 1;
    return t;
}

static const char *ref_key(dts_rules_feed *f, size_t lb, int arcrole, const char *uri)
{
    char head[64];
    snprintf(head, sizeof head, "%zu\001%c\001", lb, arcrole ? 'A' : 'R');
    r2x_buf s;
    buf_init(&s, R2X_BUF_NOCAP);
    const char *r = NULL;
    if (buf_adds(&s, head) || buf_adds(&s, uri))
        f->oom = 1;
    else
        r = dstr(f, s.data, (int)s.len);
    buf_release(&s);
    return r;
}

/* Resolve an href of the open element to an absolute URL (interned). */
static const char *feed_resolve(dts_rules_feed *f, const char *base, const char *href)
{
    char *abs = fetch_resolve(base ? base : f->url, href);
    const char *r = abs ? dstr(f, abs, -1) : NULL;
    if (!abs)
        f->oom = 1;
    free(abs);
    return r;
}

/* Published taxonomies (http) are taken as checked by their publishers:
 * only the DTS's own documents are watched. */
static int feed_document(void *self, const char *url)
{
    dts_rules_feed *f = self;
    if (is_remote(url))
        return 0;
    f->url = dstr(f, url, -1);
    f->tns = NULL;
    f->depth = 0;
    f->root_seen = 0;
    f->link_depth = f->decl_depth = f->text_depth = 0;
    f->content_depth = f->content_skip_depth = 0;
    buf_reset(&f->frames);
    buf_reset(&f->ns);
    if (f->url && xmlHashAddEntry(f->docs, BAD_CAST f->url, (void *)1))
        f->oom = f->oom || !xmlHashLookup(f->docs, BAD_CAST f->url);
    return 1;
}

static void start_decl(dts_rules_feed *f, const fattrs *at, long line, int arcrole)
{
    const char *what = arcrole ? "arcroleType" : "roleType";
    const char *raw = fattr(f, at, NULL, arcrole ? "arcroleURI" : "roleURI");
    char *uri = raw ? strdup(raw) : NULL;
    if (raw && !uri) {
        f->oom = 1;              /* end_decl finds nothing half made */
        memset(&f->cur, 0, sizeof f->cur);
        f->cur.url = f->url;
        buf_reset(&f->usedon);
        buf_reset(&f->definition);
        return;
    }
    trimmed(uri);
    const char *id = fattr(f, at, NULL, "id");
    const char *cycles = arcrole ? fattr(f, at, NULL, "cyclesAllowed") : NULL;
    if (!uri || !*uri || !valid_uri(uri))
        finding(f, line, arcrole ? "xbrl.5.1.4:arcroleURI" : "xbrl.5.1.3:roleURI",
                "a link:%s needs a URI, not \"%s\"", what, uri ? uri : "");
    if (id && xmlValidateNCName(BAD_CAST id, 0))
        finding(f, line, "xbrl.5.1.3:id", "the id \"%s\" of a link:%s is not an NCName", id,
                what);
    if (arcrole && (!cycles || (strcmp(cycles, "any") && strcmp(cycles, "undirected") &&
                                strcmp(cycles, "none"))))
        finding(f, line, "xbrl.5.1.4.3:cyclesAllowed",
                "cyclesAllowed is \"%s\", not any, undirected or none", cycles ? cycles : "");
    memset(&f->cur, 0, sizeof f->cur);
    f->cur.url = f->url;
    f->cur.line = line;
    f->cur.uri = uri ? dstr(f, uri, -1) : NULL;
    f->cur.cycles = cycles;
    f->cur.arcrole = arcrole;
    free(uri);
    buf_reset(&f->usedon);
    buf_reset(&f->definition);
    if (id && f->url) {
        r2x_buf k;
        buf_init(&k, R2X_BUF_NOCAP);
        if (buf_addf(&k, "%s#%s", f->url, id)) {
            f->oom = 1;
        } else {
            target *t = add_target(f, k.data, arcrole ? T_ARCROLETYPE : T_ROLETYPE);
            if (t)
                t->declared = f->cur.uri;
        }
        buf_release(&k);
    }
}

static void end_decl(dts_rules_feed *f)
{
    const char **names = (const char **)f->usedon.data;
    size_t k = f->usedon.len / sizeof *names;
    int dup = 0;
    qsort(names, k, sizeof *names, cmp_cstr);
    for (size_t j = 1; j < k; j++)
        dup |= names[j] == names[j - 1];
    if (dup)
        finding(f, f->cur.line, "xbrl.5.1.3.4:usedOnDuplicate",
                "a link:%s names one element twice in link:usedOn",
                f->cur.arcrole ? "arcroleType" : "roleType");
    r2x_buf s;
    buf_init(&s, R2X_BUF_NOCAP);
    int bad = buf_addc(&s, '|');
    for (size_t j = 0; j < k; j++)
        bad = bad || buf_adds(&s, names[j]) || buf_addc(&s, '|');
    f->cur.usedon = bad ? NULL : dstr(f, s.data, (int)s.len);
    bad = bad || buf_addc(&s, '\001') || buf_add(&s, f->definition.data, f->definition.len) ||
          buf_addc(&s, '\001') || buf_adds(&s, f->cur.cycles ? f->cur.cycles : "");
    f->cur.sig = bad ? NULL : dstr(f, s.data, (int)s.len);
    buf_release(&s);
    if (bad)
        f->oom = 1;
    pending p = {P_DECL, f->url, f->cur.line, NULL, NULL, NULL, NULL,
                 f->decls.len / sizeof(decl), 0};
    if (f->cur.uri && f->cur.usedon && buf_add(&f->decls, &f->cur, sizeof f->cur))
        f->oom = 1;
    else if (f->cur.uri && f->cur.usedon)
        add_pending(f, &p);
    f->decl_depth = 0;
}

static int is_true(const char *v)
{
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

/* The xbrldt attributes of an arc: lexically valid (XML Schema), and a
 * targetRole that a roleRef of the linkbase declares (xbrldte 2.4.3). */
static void feed_xdt_arc(dts_rules_feed *f, const fattrs *at, long line, size_t lb)
{
    static const char *const names[] = {"contextElement", "closed", "usable", "targetRole"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = fattr(f, at, XBRLDT_NS, names[i]);
        if (!v)
            continue;
        int ok = i == 0 ? !strcmp(v, "segment") || !strcmp(v, "scenario")
                 : i < 3 ? !strcmp(v, "true") || !strcmp(v, "false") || !strcmp(v, "1") ||
                               !strcmp(v, "0")
                         : valid_uri(v) && strchr(v, ':');
        if (!ok) {
            finding(f, line, "xmlSchema:xbrldtAttribute", "xbrldt:%s=\"%s\" is not valid",
                    names[i], v);
        } else if (i == 3 && strcmp(v, ROLE_LINK)) {
            pending p = {P_TARGET_ROLE, f->url, line, v, NULL, NULL, NULL, lb, 0};
            add_pending(f, &p);
        }
    }
}

static const char *clark_name(dts_rules_feed *f, const char *ns, const char *local)
{
    r2x_buf s;
    buf_init(&s, R2X_BUF_NOCAP);
    const char *r = NULL;
    if (buf_addf(&s, "{%s}%s", ns ? ns : "", local))
        f->oom = 1;
    else
        r = dstr(f, s.data, (int)s.len);
    buf_release(&s);
    return r;
}

/* A role on a standard element needs a roleRef, and a declaration that
 * allows it there (3.5.2.4, 5.1.3.4). */
static void role_use(dts_rules_feed *f, const char *ns, const char *local, const char *role,
                     long line, size_t lb)
{
    if (!role || standard_role(role) || !ns || strcmp(ns, LINK_NS))
        return;
    pending p = {P_ROLE_USE, f->url, line, dstr(f, role, -1), clark_name(f, ns, local), dstr(f, local, -1),
                 NULL, lb, 0};
    add_pending(f, &p);
}

static void start_extended(dts_rules_feed *f, const char *ns, const char *local,
                           const fattrs *at, long line, size_t lb)
{
    role_use(f, ns, local, ftmp(f, 0, at, XLINK_NS, "role"), line, lb);
    f->link_depth = f->depth;
    f->link_standard = ns && !strcmp(ns, LINK_NS) &&
                       (!strcmp(local, "labelLink") || !strcmp(local, "referenceLink") ||
                        !strcmp(local, "calculationLink") || !strcmp(local, "presentationLink") ||
                        !strcmp(local, "definitionLink"));
    buf_reset(&f->labels);
    buf_reset(&f->link_locs);
    buf_reset(&f->arc_ends);
    /* the extended links a linkbase holds, for linkbaseRef roles (4.3.4) */
    r2x_buf **lbs = (r2x_buf **)f->linkbases.data;
    if (lb != SIZE_MAX && lb < f->linkbases.len / sizeof *lbs && f->depth >= 2 &&
        frames(f)[f->depth - 2].is_holder) {
        const char *name = clark_name(f, ns, local);
        if (!name || buf_add(lbs[lb], &name, sizeof name))
            f->oom = 1;
    }
}

/* 3.5.4: an XPointer in an href is a shorthand pointer or element()
 * schemes only; 3.5.3.7.2: a link:loc points to an element declaration or
 * a resource (settled when the DTS is in). */
static void check_locator(dts_rules_feed *f, const char *href, const char *base, long line)
{
    const char *hash = strchr(href, '#');
    if (hash && strchr(hash, '(')) {
        const char *p = hash + 1;
        while (*p) {
            const char *open = strchr(p, '(');
            if (!open || open - p != 7 || strncmp(p, "element", 7)) {
                finding(f, line, "xbrl.3.5.4:xpointerScheme",
                        "the locator href \"%s\" uses an XPointer scheme other than element()",
                        href);
                return;
            }
            const char *close = strchr(open, ')');
            if (!close)
                break;
            p = close + 1;
            while (*p == ' ')
                p++;
        }
    }
    /* a locator of a custom link may point to a whole document (3.5.3.7.2);
     * those of the standard links point to concepts or resources (5.2) */
    if (!hash && !f->link_standard)
        return;
    pending pe = {P_LOC, f->url, line, href, feed_resolve(f, base, href), NULL, NULL, SIZE_MAX,
                  0};
    add_pending(f, &pe);
}

/* A standard arcrole belongs to its standard arc (5.2.2.3, 5.2.3.3, 5.2.4.2,
 * 5.2.5.2, 5.2.6.2, 4.11.1.3.1): parent-child on a calculationArc is an error,
 * not a calculation. */
static void check_standard_arc(dts_rules_feed *f, const char *local, const char *arcrole,
                               long line)
{
    static const char *const arcs[][2] = {
        {"labelArc", "|concept-label|"},
        {"referenceArc", "|concept-reference|"},
        {"presentationArc", "|parent-child|"},
        {"calculationArc", "|summation-item|"},
        {"definitionArc", "|general-special|essence-alias|similar-tuples|requires-element|"},
        {"footnoteArc", "|fact-footnote|"},
    };
    const char *name = arcrole + strlen("http://www.xbrl.org/2003/arcrole/");
    char key[64];
    if (strlen(name) + 3 > sizeof key)
        return;
    snprintf(key, sizeof key, "|%s|", name);
    for (size_t i = 0; i < sizeof arcs / sizeof *arcs; i++)
        if (!strcmp(local, arcs[i][0]) && !strstr(arcs[i][1], key))
            finding(f, line, "xbrl.5.2:standardArcroleOnWrongArc",
                    "the arcrole %s is not one a link:%s may carry", arcrole, local);
}

/* A decimal's lexical form (xsd:decimal: sign, digits, one point) is zero. */
static int decimal_is_zero(const char *s)
{
    int digits = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s == '+' || *s == '-')
        s++;
    for (; *s == '0' || *s == '.'; s++)
        digits += *s == '0';
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return digits && !*s;
}

static void link_child(dts_rules_feed *f, const char *ns, const char *local, const fattrs *at,
                       long line, size_t lb, const char *base)
{
    const char *type = ftmp(f, 0, at, XLINK_NS, "type");
    if (!type)
        return;
    const char *label = fattr(f, at, XLINK_NS, "label");
    if (label && buf_add(&f->labels, &label, sizeof label))
        f->oom = 1;
    if (!strcmp(type, "locator")) {
        link_loc l = {label, fattr(f, at, XLINK_NS, "href"), base};
        if (label && l.href && buf_add(&f->link_locs, &l, sizeof l))
            f->oom = 1;
        if (l.href && ns && !strcmp(ns, LINK_NS) && !strcmp(local, "loc"))
            check_locator(f, l.href, base, line);
        return;
    }
    if (!strcmp(type, "resource")) {
        role_use(f, ns, local, ftmp(f, 2, at, XLINK_NS, "role"), line, lb);
        return;
    }
    if (strcmp(type, "arc"))
        return;
    const char *arcrole = ftmp(f, 2, at, XLINK_NS, "arcrole");
    const char *from = fattr(f, at, XLINK_NS, "from"), *to = fattr(f, at, XLINK_NS, "to");
    if (arcrole && !standard_arcrole(arcrole) && ns && !strcmp(ns, LINK_NS)) {
        pending p = {P_ARCROLE_USE, f->url, line, dstr(f, arcrole, -1), clark_name(f, ns, local),
                     dstr(f, local, -1), NULL, lb, 0};
        add_pending(f, &p);
    }
    if (arcrole && standard_arcrole(arcrole) && ns && !strcmp(ns, LINK_NS))
        check_standard_arc(f, local, arcrole, line);
    /* 5.2.5.2.1: a calculation weight is never zero (the linkbase schema
     * types it as any decimal, so XML Schema lets 0 through) */
    const char *weight = ns && !strcmp(ns, LINK_NS) && !strcmp(local, "calculationArc")
                             ? ftmp(f, 3, at, NULL, "weight") : NULL;
    if (weight && decimal_is_zero(weight))
        finding(f, line, "xbrl.5.2.5.2.1:zeroWeight",
                "a calculationArc has weight \"%s\": a weight must not be zero", weight);
    feed_xdt_arc(f, at, line, lb);
    /* XLink 1.0 5.1.3: no two arcs of a link join the same labels; a
     * prohibiting arc beside the arc it prohibits is not flagged */
    const char *use = ftmp(f, 5, at, NULL, "use");
    if (from && to) {
        arc_end e = {from, to, line, f->arc_ends.len / sizeof e, use && !strcmp(use, "prohibited"),
                     !arcrole ? 0
                     : !strcmp(arcrole, "http://www.xbrl.org/2003/arcrole/concept-label")
                         ? T_LABEL
                     : !strcmp(arcrole, "http://www.xbrl.org/2003/arcrole/concept-reference")
                         ? T_REFERENCE : 0};
        if (buf_add(&f->arc_ends, &e, sizeof e))
            f->oom = 1;
    }
}

static int cmp_ptr_p(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const char *const *)a, y = (uintptr_t) * (const char *const *)b;
    return x < y ? -1 : x > y;
}

static int cmp_arc_end(const void *pa, const void *pb)
{
    const arc_end *a = pa, *b = pb;
    int c;
    if ((c = cmp_ptr_p(&a->from, &b->from)) || (c = cmp_ptr_p(&a->to, &b->to)))
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void end_extended(dts_rules_feed *f)
{
    /* labels and arc ends are interned: sorted pointers, binary search */
    const char **labels = (const char **)f->labels.data;
    size_t nl = f->labels.len / sizeof *labels;
    qsort(labels, nl, sizeof *labels, cmp_ptr_p);
    arc_end *e = (arc_end *)f->arc_ends.data;
    size_t ne = f->arc_ends.len / sizeof *e;
    for (size_t i = 0; i < ne; i++) {
        const char *from = e[i].from, *to = e[i].to;
        int from_ok = bsearch(&from, labels, nl, sizeof *labels, cmp_ptr_p) != NULL;
        if (!from_ok || !bsearch(&to, labels, nl, sizeof *labels, cmp_ptr_p))
            finding(f, e[i].line, "xbrl.3.5.3.9:arcLabelUnresolved",
                    "an arc names xlink:label \"%s\", which no locator or resource of its "
                    "link has", !from_ok ? from : to);
    }
    /* 5.2.2.3, 5.2.3.3: a label (reference) arc ends at a label (reference);
     * one in another document, through a locator, only to prohibit it */
    link_loc *ll = (link_loc *)f->link_locs.data;
    size_t nll = f->link_locs.len / sizeof *ll;
    qsort(ll, nll, sizeof *ll, cmp_ptr_p);     /* by label, the first member */
    for (size_t i = 0; i < ne; i++) {
        if (!e[i].resource_kind)
            continue;
        size_t lo = 0, hi = nll;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if ((uintptr_t)ll[mid].label < (uintptr_t)e[i].to) lo = mid + 1; else hi = mid;
        }
        for (size_t j = lo; j < nll && ll[j].label == e[i].to; j++) {
                pending p = {P_ARC_TO, f->url, e[i].line, ll[j].href,
                             feed_resolve(f, ll[j].base, ll[j].href), NULL, NULL, SIZE_MAX,
                             e[i].resource_kind | e[i].prohibiting << 8};
                add_pending(f, &p);
        }
    }
    qsort(e, ne, sizeof *e, cmp_arc_end);
    for (size_t i = 0, first = 0; i < ne; i++) {
        if (i && (e[i].from != e[first].from || e[i].to != e[first].to))
            first = i;
        while (first < i && e[first].prohibiting)
            first++;
        if (first < i && !e[i].prohibiting)
            finding(f, e[i].line, "xlink:arcDuplicate",
                    "a second arc from \"%s\" to \"%s\" in one extended link", e[i].from,
                    e[i].to);
    }
    buf_reset(&f->arc_ends);
    f->link_depth = 0;
}

/* One XML Schema element inside the open declaration: what it adds to the
 * content's shape (annotations are skipped whole). */
static void content_child(dts_rules_feed *f, const char *local, const fattrs *at, long line)
{
    if (!strcmp(local, "annotation")) {
        f->content_skip_depth = f->depth;
        return;
    }
    unsigned b = 0;
    if (!strcmp(local, "complexType") || !strcmp(local, "complexContent")) {
        if (is_true(ftmp(f, 2, at, NULL, "mixed")))
            b |= 2;
        if (!strcmp(local, "complexContent"))
            b |= 1;
    } else if (!strcmp(local, "sequence") || !strcmp(local, "choice") ||
               !strcmp(local, "all") || !strcmp(local, "group")) {
        b |= 1;
    } else if (!strcmp(local, "element") && fattr(f, at, NULL, "name")) {
        b |= 4;
    } else if (!strcmp(local, "attribute")) {
        const char *ref = fattr(f, at, NULL, "ref");
        const char *q = ref ? feed_qname(f, ref) : NULL;
        static const char *const xbrl_ns[] = {XBRLI_NS, LINK_NS, XLINK_NS,
                                              "http://www.xbrl.org/2003/XLink"};
        for (size_t i = 0; q && i < sizeof xbrl_ns / sizeof *xbrl_ns; i++) {
            size_t n = strlen(xbrl_ns[i]);
            if (!strncmp(q + 1, xbrl_ns[i], n) && q[n + 1] == '}')
                b |= 8;
        }
    }
    for (int i = 0; i < 4; i++)
        if (b & ~f->content.bits & 1u << i)
            f->content.line[i] = line;
    f->content.bits |= b;
}

static void start_content(dts_rules_feed *f, size_t pending_index, const char *type_key)
{
    f->content_depth = f->depth;
    f->content_skip_depth = 0;
    memset(&f->content, 0, sizeof f->content);
    f->content_pending = pending_index;
    f->content_type_key = type_key;
}

/* The open declaration ends: its shape goes to its element check, or is kept
 * by name for the elements whose type it is. */
static void end_content(dts_rules_feed *f)
{
    f->content_depth = 0;
    if (f->content_pending != SIZE_MAX) {
        ((element_shape *)f->element_shapes.data)[f->content_pending].shape = f->content;
        return;
    }
    if (!f->content_type_key || xmlHashLookup(f->ctypes, BAD_CAST f->content_type_key))
        return;
    size_t n = f->ctype_shapes.len / sizeof f->content;
    if (buf_add(&f->ctype_shapes, &f->content, sizeof f->content) ||
        xmlHashAddEntry(f->ctypes, BAD_CAST f->content_type_key, (void *)(intptr_t)(n + 1)))
        f->oom = 1;
}

/* The new element's frame: it inherits its parent's linkbase and extended
 * link.  *parent receives a copy of the parent's frame (frames may move when
 * the new one is pushed), *position the element's place among its siblings,
 * from 1.  Its namespace declarations come into scope. */
static frame open_frame(dts_rules_feed *f, int nb_namespaces, const unsigned char **namespaces,
                        frame *parent, unsigned *position)
{
    frame fr = {f->ns.len, SIZE_MAX, 0, 0, 0, 0};
    *parent = (frame){0, SIZE_MAX, 0, 0, 0, 0};
    *position = 1;
    if (f->depth) {
        frame *up = &frames(f)[f->depth - 1];
        fr.linkbase = up->linkbase;
        fr.in_link = up->in_link;
        *position = ++up->nchild;
        *parent = *up;
    }
    for (int i = 0; i < nb_namespaces; i++) {
        ns_bind b = {dstr(f, (const char *)namespaces[2 * i], -1),
                     dstr(f, (const char *)namespaces[2 * i + 1], -1)};
        if (buf_add(&f->ns, &b, sizeof b))
            f->oom = 1;
    }
    return fr;
}

/* A link:linkbase or xbrli:xbrl outside an extended link holds extended
 * links: it gets a list of their names, for linkbaseRef roles (4.3.4). */
static void open_holder(dts_rules_feed *f, const char *ns, const char *local, frame *fr)
{
    int holder = ns && ((!strcmp(ns, LINK_NS) && !strcmp(local, "linkbase")) ||
                        (!strcmp(ns, XBRLI_NS) && !strcmp(local, "xbrl")));
    if (!holder || fr->in_link)
        return;
    r2x_buf *names = malloc(sizeof *names);
    if (names)
        buf_init(names, R2X_BUF_NOCAP);
    if (!names || buf_add(&f->linkbases, &names, sizeof names)) {
        free(names);
        f->oom = 1;
    } else {
        fr->linkbase = f->linkbases.len / sizeof names - 1;
        fr->is_holder = 1;
    }
}

/* What an id of the element (or the document, at its root) locates. */
static int target_kind(dts_rules_feed *f, const char *ns, const char *local, const fattrs *at,
                       const frame *parent)
{
    int xsd = ns && !strcmp(ns, XSD_NS), link = ns && !strcmp(ns, LINK_NS);
    if (xsd && !strcmp(local, "element") && parent && parent->is_schema)
        return T_GLOBAL_ELEMENT;
    if (link && !strcmp(local, "linkbase"))
        return T_LINKBASE;
    if (link && !strcmp(local, "label"))
        return T_LABEL;
    if (link && !strcmp(local, "reference"))
        return T_REFERENCE;
    const char *xt = ftmp(f, 6, at, XLINK_NS, "type");
    if (xsd && !strcmp(local, "element"))
        return T_XSD_ELEMENT;
    return xt && !strcmp(xt, "resource") ? T_RESOURCE : T_OTHER;
}

/* The element as a target of locators and linkbaseRefs: by its id (id NULL:
 * none, or one a declaration keeps itself), by element() child sequence near
 * the root (/1, /1/n), and as its document at the root. */
static void add_element_targets(dts_rules_feed *f, const fattrs *at, const char *id, int kind,
                                int root, unsigned position, size_t linkbase)
{
    const char *keys[3] = {root ? f->url : NULL, NULL, NULL};
    r2x_buf k, seq;
    buf_init(&k, R2X_BUF_NOCAP);
    buf_init(&seq, R2X_BUF_NOCAP);
    if (id) {
        if (buf_addf(&k, "%s#%s", f->url, id))
            f->oom = 1;
        else
            keys[1] = k.data;
    }
    if (f->depth < 2) {
        if (buf_addf(&seq, "%s\001/1", f->url) ||
            (f->depth == 1 && buf_addf(&seq, "/%u", position)))
            f->oom = 1;
        else
            keys[2] = seq.data;
    }
    for (int i = 0; i < 3; i++) {
        target *t = keys[i] ? add_target(f, keys[i], kind) : NULL;
        if (t && kind == T_GLOBAL_ELEMENT)
            t->abstract = is_true(ftmp(f, 1, at, NULL, "abstract"));
        if (t && kind == T_LINKBASE)
            t->linkbase = linkbase;
    }
    buf_release(&k);
    buf_release(&seq);
}

/* An XML Schema element (the new frame pushed): what it adds to the shape
 * of the open declaration, or a named complexType of the schema opening one;
 * xsd:redefine is refused. */
static void xsd_element(dts_rules_feed *f, const char *local, const fattrs *at, long line,
                        const frame *parent)
{
    if (f->content_depth && !f->content_skip_depth)
        content_child(f, local, at, line);
    if (!strcmp(local, "redefine"))
        finding(f, line, "xbrl.5.1:redefine",
                "xsd:redefine must not be used in a taxonomy schema");
    if (f->content_depth || strcmp(local, "complexType") || !parent || !parent->is_schema)
        return;
    const char *name = fattr(f, at, NULL, "name");
    r2x_buf key;
    buf_init(&key, R2X_BUF_NOCAP);
    const char *type_key = NULL;
    if (name && buf_addf(&key, "{%s}%s", f->tns ? f->tns : "", name))
        f->oom = 1;
    else if (name)
        type_key = dstr(f, key.data, (int)key.len);
    buf_release(&key);
    start_content(f, SIZE_MAX, type_key);
    content_child(f, local, at, line);
}

/* A global element declaration: its item and tuple rules wait for the DTS
 * (P_ELEMENT), with the shape of its content read as it streams by. */
static void start_global_element(dts_rules_feed *f, const fattrs *at, long line,
                                 const char *base)
{
    const char *name = fattr(f, at, NULL, "name");
    const char *tdr = fattr(f, at, XBRLDT_NS, "typedDomainRef");
    int flags = (fattr(f, at, XBRLI_NS, "periodType") != NULL) |
                (fattr(f, at, XBRLI_NS, "balance") != NULL) << 1;
    if (!name)
        return;
    const char *type_name = fattr(f, at, NULL, "type");
    element_shape es = {{0, {0, 0, 0, 0}}, type_name ? feed_qname(f, type_name) : NULL};
    size_t shape_index = f->element_shapes.len / sizeof es;
    if (buf_add(&f->element_shapes, &es, sizeof es))
        f->oom = 1;
    pending p = {P_ELEMENT, f->url, line, f->tns, name, tdr,
                 tdr ? feed_resolve(f, base, tdr) : NULL, shape_index, flags};
    add_pending(f, &p);
    if (!f->content_depth && !f->oom)
        start_content(f, shape_index, NULL);
}

/* A roleRef or arcroleRef of a linkbase: one per URI (3.5.2.4.5,
 * 3.5.2.5.5); the declaration it points to is checked with the DTS. */
static void check_role_ref(dts_rules_feed *f, const char *local, const fattrs *at, long line,
                           size_t linkbase, const char *base, int is_role_ref)
{
    const char *uri = fattr(f, at, NULL, is_role_ref ? "roleURI" : "arcroleURI");
    const char *href = fattr(f, at, XLINK_NS, "href");
    if (!uri)
        return;
    const char *key = ref_key(f, linkbase, !is_role_ref, uri);
    if (key && xmlHashLookup(f->refs, BAD_CAST key))
        finding(f, line, is_role_ref ? "xbrl.3.5.2.4.5:duplicateRoleRef"
                                     : "xbrl.3.5.2.5.5:duplicateArcroleRef",
                "a second link:%s for \"%s\"", local, uri);
    else if (key && xmlHashAddEntry(f->refs, BAD_CAST key, (void *)1))
        f->oom = 1;
    if (href) {
        pending p = {P_REF, f->url, line, uri, feed_resolve(f, base, href), href, NULL,
                     SIZE_MAX, is_role_ref};
        add_pending(f, &p);
    }
}

static void feed_start(void *self, const char *ns, const char *local, int nb_namespaces,
                       const unsigned char **namespaces, int nb_attributes,
                       const unsigned char **attributes, long line, const char *base)
{
    dts_rules_feed *f = self;
    if (f->oom)
        return;        /* out of memory: the feed is dead (dts_load fails) */
    fattrs at = {nb_attributes, attributes};
    frame up;
    unsigned position;
    frame fr = open_frame(f, nb_namespaces, namespaces, &up, &position);
    const frame *parent = f->depth ? &up : NULL;
    int xsd = ns && !strcmp(ns, XSD_NS), link = ns && !strcmp(ns, LINK_NS);
    fr.is_schema = xsd && !strcmp(local, "schema");
    int root = !f->root_seen;
    f->root_seen = 1;
    if (root && fr.is_schema) {
        f->tns = fattr(f, &at, NULL, "targetNamespace");
        if (f->tns && !*f->tns)
            finding(f, line, "xbrl.5.1:emptyTargetNamespace",
                    "a schema's targetNamespace must not be empty");
    }
    const char *id = ftmp(f, 0, &at, NULL, "id");
    open_holder(f, ns, local, &fr);
    int declaration = link && (!strcmp(local, "roleType") || !strcmp(local, "arcroleType"));
    int kind = target_kind(f, ns, local, &at, parent);
    add_element_targets(f, &at, declaration ? NULL : id, kind, root, position, fr.linkbase);
    if (f->oom || buf_add(&f->frames, &fr, sizeof fr)) {
        f->oom = 1;    /* depth must not pass the frames there are */
        return;
    }
    f->depth++;

    if (xsd)
        xsd_element(f, local, &at, line, parent);
    if (f->text_depth)
        return;
    if (f->decl_depth) {
        if (link && (!strcmp(local, "usedOn") || !strcmp(local, "definition"))) {
            f->text_depth = f->depth;
            f->text_is_usedon = local[0] == 'u';
            buf_reset(&f->text);
        }
        return;
    }
    if (declaration) {         /* its id is kept by start_decl */
        start_decl(f, &at, line, local[0] == 'a');
        f->decl_depth = f->depth;
        return;
    }
    if (f->link_depth) {
        if (f->depth == f->link_depth + 1)
            link_child(f, ns, local, &at, line, fr.linkbase, base);
        return;
    }
    if (fr.in_link)
        return;
    const char *type = ftmp(f, 0, &at, XLINK_NS, "type");
    if (type && !strcmp(type, "extended")) {
        frames(f)[f->depth - 1].in_link = 1;
        start_extended(f, ns, local, &at, line, fr.linkbase);
        return;
    }
    if (kind == T_GLOBAL_ELEMENT) {
        start_global_element(f, &at, line, base);
        return;
    }
    if (!link)
        return;
    int role_ref = !strcmp(local, "roleRef"), arcrole_ref = !strcmp(local, "arcroleRef");
    if ((role_ref || arcrole_ref) && parent && parent->is_holder) {
        check_role_ref(f, local, &at, line, fr.linkbase, base, role_ref);
        return;
    }
    if (!strcmp(local, "linkbaseRef")) {
        const char *role = fattr(f, &at, XLINK_NS, "role");
        const char *href = fattr(f, &at, XLINK_NS, "href");
        if (role && href) {
            pending p = {P_LINKBASE_REF, f->url, line, role, feed_resolve(f, base, href), NULL,
                         NULL, SIZE_MAX, 0};
            add_pending(f, &p);
        }
    }
}

static int feed_wants_text(const void *self)
{
    const dts_rules_feed *f = self;
    return f->text_depth != 0;
}

static void feed_text(void *self, const char *s, int len)
{
    dts_rules_feed *f = self;
    if (!f->oom && f->text_depth && len > 0 && buf_add(&f->text, s, (size_t)len))
        f->oom = 1;
}

static void feed_end(void *self)
{
    dts_rules_feed *f = self;
    if (!f->depth || f->oom)
        return;
    if (f->text_depth == f->depth) {
        /* a usedOn (a QName) or the definition of the open declaration */
        f->text_depth = 0;
        if (f->text_is_usedon) {
            char *t = f->text.len ? trimmed(f->text.data) : NULL;
            const char *q = t ? feed_qname(f, t) : NULL;
            const char *name = q ? q : dstr(f, t ? t : "", -1);
            if (!name || buf_add(&f->usedon, &name, sizeof name))
                f->oom = 1;
        } else if (buf_add(&f->definition, f->text.data, f->text.len)) {
            f->oom = 1;
        }
        buf_reset(&f->text);
    } else if (f->decl_depth == f->depth) {
        end_decl(f);
    } else if (f->link_depth == f->depth) {
        end_extended(f);
    }
    if (f->content_skip_depth == f->depth)
        f->content_skip_depth = 0;
    if (f->content_depth == f->depth)
        end_content(f);
    f->depth--;
    f->frames.len = (size_t)f->depth * sizeof(frame);
    f->ns.len = frames(f)[f->depth].ns_mark;
}

/* ---- settling the pending checks ----------------------------------------------- */

typedef struct rules {
    dts *d;
    reporter *rp;
    dts_rules_feed *f;
    xmlHashTablePtr roles, arcroles;   /* uri -> decl * (the first) */
    size_t errors;
    int oom;                   /* an allocation failed: the checks are incomplete */
} rules;

static void fail(rules *ru, const char *url, long line, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail(rules *ru, const char *url, long line, const char *code, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ru->errors++;
    report(ru->rp, R2X_SEV_ERROR, code, url, line, 0, "%s", msg);
}

/* element(id), element(/1/n): what the child sequence or id locates;
 * longer sequences are not kept, so not followed (*remote). */
static const target *element_scheme(rules *ru, const char *doc, const char *inner, int *remote)
{
    size_t n = strcspn(inner, ")");
    r2x_buf k;
    buf_init(&k, R2X_BUF_NOCAP);
    const target *hit = NULL;
    int slashes = 0;
    for (size_t i = 0; i < n; i++)
        slashes += inner[i] == '/';
    if (inner[0] == '/' && slashes <= 2) {
        if (buf_addf(&k, "%s\001%.*s", doc, (int)n, inner))
            ru->oom = 1;
        else
            hit = xmlHashLookup(ru->f->targets, BAD_CAST k.data);
    } else if (inner[0] != '/' && !slashes) {
        if (buf_addf(&k, "%s#%.*s", doc, (int)n, inner))
            ru->oom = 1;
        else
            hit = xmlHashLookup(ru->f->targets, BAD_CAST k.data);
    } else {
        *remote = 1;
    }
    buf_release(&k);
    return hit;
}

/* What an absolute href (doc#id) locates, when the document is one of ours;
 * *remote set when it is not (or when it is an XPointer scheme). */
static const target *resolve_href(rules *ru, const char *abs, int *remote)
{
    *remote = 0;
    if (!abs)
        return NULL;
    const char *hash = strchr(abs, '#');
    size_t dn = hash ? (size_t)(hash - abs) : strlen(abs);
    char *docpart = strndup(abs, dn);
    if (!docpart) {
        ru->oom = 1;
        return NULL;
    }
    const target *hit = NULL;
    if (!xmlHashLookup(ru->f->docs, BAD_CAST docpart))
        *remote = 1;
    else if (hash && hash[1] && !strchr(hash, '(')) {
        /* the fragment may be %-escaped (non-ASCII ids) */
        char *id = xmlURIUnescapeString(hash + 1, 0, NULL);
        r2x_buf k;
        buf_init(&k, R2X_BUF_NOCAP);
        if (!id || buf_addf(&k, "%s#%s", docpart, id))
            ru->oom = 1;
        else
            hit = xmlHashLookup(ru->f->targets, BAD_CAST k.data);
        buf_release(&k);
        xmlFree(id);
    }
    else if (hash && !strncmp(hash + 1, "element(", 8) && strchr(hash, ')') &&
             !strchr(hash, ')')[1])
        hit = element_scheme(ru, docpart, hash + 9, remote);
    else if (!hash || !hash[1])
        hit = xmlHashLookup(ru->f->targets, BAD_CAST docpart);
    else
        *remote = 1;           /* an XPointer scheme: not followed here */
    free(docpart);
    return hit;
}

/* Does a declaration allow use on the element named clark? Unknown
 * declarations do. */
static int used_on_ok(const decl *dc, const char *clark)
{
    if (!dc || !clark)
        return 1;
    const char *p = dc->usedon;
    size_t n = strlen(clark);
    while (p && (p = strstr(p, clark)) != NULL) {
        if (p[-1] == '|' && p[n] == '|')
            return 1;
        p++;
    }
    return 0;
}

static int has_ref(rules *ru, size_t lb, int arcrole, const char *uri)
{
    if (lb >= SIZE_MAX - 1)
        return 0;
    char head[64];
    snprintf(head, sizeof head, "%zu\001%c\001", lb, arcrole ? 'A' : 'R');
    r2x_buf k;
    buf_init(&k, R2X_BUF_NOCAP);
    int hit = 1;               /* when out of memory: no finding, the run fails */
    if (buf_adds(&k, head) || buf_adds(&k, uri))
        ru->oom = 1;
    else
        hit = xmlHashLookup(ru->f->refs, BAD_CAST k.data) != NULL;
    buf_release(&k);
    return hit;
}

static void settle_decl(rules *ru, const pending *p)
{
    decl *dc = &((decl *)ru->f->decls.data)[p->index];
    const char *what = dc->arcrole ? "arcroleType" : "roleType";
    xmlHashTablePtr h = dc->arcrole ? ru->arcroles : ru->roles;
    decl *first = xmlHashLookup(h, BAD_CAST dc->uri);
    if (!first) {
        if (xmlHashAddEntry(h, BAD_CAST dc->uri, dc))
            ru->oom = 1;
    } else if (first->url == dc->url)
        fail(ru, dc->url, dc->line, "xbrl.5.1.3:duplicateRoleType",
             "\"%s\" is declared twice in one schema by link:%s", dc->uri, what);
    else if (first->sig != dc->sig)
        fail(ru, dc->url, dc->line, "xbrl.5.1.3:nonEquivalentRoleType",
             "\"%s\" is declared again, differently, by this link:%s", dc->uri, what);
}

static void settle_ref(rules *ru, const pending *p)
{
    int role = p->flags;
    const char *an = role ? "roleURI" : "arcroleURI", *name = role ? "roleRef" : "arcroleRef";
    int remote = 0;
    const target *t = resolve_href(ru, p->b, &remote);
    (void)an;
    if (t) {
        if (t->kind != (role ? T_ROLETYPE : T_ARCROLETYPE) || !t->declared ||
            strcmp(t->declared, p->a))
            fail(ru, p->url, p->line, role ? "xbrl.3.5.2.4.5:roleRefMismatch"
                                           : "xbrl.3.5.2.5.5:arcroleRefMismatch",
                 "link:%s for \"%s\" points to no declaration of that URI", name, p->a);
    } else if (!remote) {
        fail(ru, p->url, p->line, "xbrl.3.5.2.4:unresolvedRef",
             "link:%s href \"%s\" resolves to nothing", name, p->c);
    }
}

static const char *const linkbase_ref_roles[][2] = {
    {"http://www.xbrl.org/2003/role/calculationLinkbaseRef", "calculationLink"},
    {"http://www.xbrl.org/2003/role/definitionLinkbaseRef", "definitionLink"},
    {"http://www.xbrl.org/2003/role/labelLinkbaseRef", "labelLink"},
    {"http://www.xbrl.org/2003/role/presentationLinkbaseRef", "presentationLink"},
    {"http://www.xbrl.org/2003/role/referenceLinkbaseRef", "referenceLink"},
};

static void settle_linkbase_ref(rules *ru, const pending *p)
{
    const char *want = NULL;
    for (size_t i = 0; i < sizeof linkbase_ref_roles / sizeof *linkbase_ref_roles; i++)
        if (!strcmp(p->a, linkbase_ref_roles[i][0]))
            want = linkbase_ref_roles[i][1];
    int remote = 0;
    const target *t = want ? resolve_href(ru, p->b, &remote) : NULL;
    r2x_buf **lbs = (r2x_buf **)ru->f->linkbases.data;
    if (!t || t->kind != T_LINKBASE || t->linkbase >= ru->f->linkbases.len / sizeof *lbs)
        return;
    const char **names = (const char **)lbs[t->linkbase]->data;
    char wanted[128];
    snprintf(wanted, sizeof wanted, "{%s}%s", LINK_NS, want);
    for (size_t i = 0; i < lbs[t->linkbase]->len / sizeof *names; i++)
        if (strcmp(names[i], wanted)) {
            const char *local = strchr(names[i], '}');
            fail(ru, p->url, p->line, "xbrl.4.3.4:linkbaseRefRole",
                 "a linkbaseRef with role \"%s\" refers to a linkbase holding %s", p->a,
                 local ? local + 1 : names[i]);
            break;
        }
}

/* xbrldt:typedDomainRef: on dimensions only, a URI with a fragment that
 * locates a global, concrete element declaration of the DTS. */
static void check_typed_domain_ref(rules *ru, const pending *p, const dts_concept *c)
{
    const char *ref = p->c;
    if (c->kind != DTS_DIMENSION) {
        fail(ru, p->url, p->line, "xbrldte:TypedDomainRefError",
             "xbrldt:typedDomainRef on %s, which is not a dimension", c->name);
        return;
    }
    const char *hash = strchr(ref, '#');
    if (!hash || !hash[1]) {
        fail(ru, p->url, p->line, "xbrldte:TypedDimensionURIError",
             "xbrldt:typedDomainRef \"%s\" has no fragment", ref);
        return;
    }
    int remote = 0;
    const target *t = resolve_href(ru, p->e, &remote);
    if (!t && remote) {
        if (p->e && !is_remote(p->e))
            fail(ru, p->url, p->line, "xbrldte:OutOfDTSSchemaError",
                 "xbrldt:typedDomainRef \"%s\" locates a schema outside the DTS", ref);
        return;
    }
    if (!t || t->kind != T_GLOBAL_ELEMENT || t->abstract)
        fail(ru, p->url, p->line, "xbrldte:TypedDimensionError",
             "xbrldt:typedDomainRef \"%s\" does not locate a global concrete element", ref);
}

/* Item and tuple content (5.1.1, 5.1.1.3), from the shape of the declaration
 * and of its named type. */
static void check_content(rules *ru, const pending *p, const dts_concept *c)
{
    const element_shape *es = (const element_shape *)ru->f->element_shapes.data + p->index;
    content_shape sh = es->shape;
    void *v = es->type ? xmlHashLookup(ru->f->ctypes, BAD_CAST es->type) : NULL;
    if (v) {
        const content_shape *t = (const content_shape *)ru->f->ctype_shapes.data +
                                 ((intptr_t)v - 1);
        for (int i = 0; i < 4; i++)
            if (t->bits & ~sh.bits & 1u << i)
                sh.line[i] = p->line;   /* the type may be elsewhere: the element's line */
        sh.bits |= t->bits;
    }
    const char *name = p->b;
    if (c->kind == DTS_TUPLE) {
        if (sh.bits & 2)
            fail(ru, p->url, sh.line[1], "xbrl.5.1.1.3:tupleMixedContent",
                 "tuple %s has mixed content", name);
        if (sh.bits & 4)
            fail(ru, p->url, sh.line[2], "xbrl.5.1.1.3:tupleLocalElement",
                 "tuple %s declares an element locally; its content must be references to "
                 "global items and tuples", name);
        if (sh.bits & 8)
            fail(ru, p->url, sh.line[3], "xbrl.5.1.1.3:tupleXbrlAttribute",
                 "tuple %s declares an attribute of an XBRL or XLink namespace", name);
    } else if (sh.bits & 1 && !(c->flags & DTS_FRACTION)) {
        fail(ru, p->url, sh.line[0], "xbrl.5.1.1:itemComplexContent",
             "item %s has complex content, which only fractionItemType's restrictions "
             "may have", name);
    }
}

/* 5.1.1.3: an item's type is one of the XBRL item types (xbrli:*ItemType)
 * or derived from one, by restriction or extension, through any number of
 * types: 1 it is, 0 it is not, -1 cannot tell (a type the DTS lacks, whose
 * schema may be missing: what it cannot find is not judged here). */
static int is_item_type(const dts *d, const dts_concept *c)
{
    static const char xbrli[] = "{" XBRLI_NS "}", xsd[] = "{" XSD_NS "}";
    /* a declaration without a type has its substitution group head's */
    for (int depth = 0; !c->type && !c->tdef && c->subst_group && depth < 64; depth++) {
        c = dts_concept_by_key(d, c->subst_group);
        if (!c)
            return -1;
    }
    const char *key = c->type;
    const dts_type *t = key ? NULL : c->tdef;
    for (int depth = 0; depth < 64; depth++) {
        if (key) {
            size_t n = strlen(key);
            if (!strncmp(key, xbrli, sizeof xbrli - 1) && n > 8 &&
                !strcmp(key + n - 8, "ItemType"))
                return 1;
            if (!strncmp(key, xsd, sizeof xsd - 1))
                return 0;      /* a built-in type: anyType, string ... */
            t = dts_type_by_key(d, key);
            if (!t)
                return -1;
        }
        if (!t)
            return 0;          /* no type at all: anyType */
        key = t->base;
        t = key ? NULL : t->base_anon;
    }
    return -1;
}

static void settle_element(rules *ru, const pending *p)
{
    const char *name = p->b;
    const dts_concept *c = dts_concept_get(ru->d, p->a, name);
    if (c && c->document && strcmp(c->document, p->url))
        c = NULL;
    if (!c)
        return;
    if ((c->kind == DTS_DIMENSION || c->kind == DTS_HYPERCUBE) && !c->abstract)
        fail(ru, p->url, p->line,
             c->kind == DTS_HYPERCUBE ? "xbrldte:HypercubeElementIsNotAbstractError"
                                      : "xbrldte:DimensionElementIsNotAbstractError",
             "%s must be abstract", name);
    if (p->c)
        check_typed_domain_ref(ru, p, c);
    int has_pt = p->flags & 1, has_bal = p->flags & 2;
    if (c->kind == DTS_ITEM || c->kind == DTS_DIMENSION || c->kind == DTS_HYPERCUBE) {
        if (!has_pt)
            fail(ru, p->url, p->line, "xbrl.5.1.1.1:periodTypeMissing",
                 "item %s has no xbrli:periodType", name);
        if (has_bal && !(c->flags & DTS_MONETARY))
            fail(ru, p->url, p->line, "xbrl.5.1.1.2:balanceNotMonetary",
                 "item %s has xbrli:balance but is not monetary", name);
        if (!is_item_type(ru->d, c))
            fail(ru, p->url, p->line, "xbrl.5.1.1.3:itemType",
                 "item %s has a type not derived from an XBRL item type (xbrli:*ItemType)",
                 name);
    } else if (c->kind == DTS_TUPLE && (has_pt || has_bal)) {
        fail(ru, p->url, p->line, "xbrl.4.9:tupleAttributes",
             "tuple %s has xbrli:%s, which only items carry", name,
             has_pt ? "periodType" : "balance");
    }
    if (c->kind != DTS_OTHER)
        check_content(ru, p, c);
}

static void settle_arc_to(rules *ru, const pending *p)
{
    int want = p->flags & 0xff, prohibiting = p->flags >> 8, remote = 0;
    const char *what = want == T_LABEL ? "label" : "reference";
    const target *t = resolve_href(ru, p->b, &remote);
    if (remote)
        return;
    if (!t || t->kind != want)
        fail(ru, p->url, p->line,
             want == T_LABEL ? "xbrl.5.2.2.3:labelArcTo" : "xbrl.5.2.3.3:referenceArcTo",
             "a concept-%s arc ends at \"%s\", which is not a link:%s", what, p->a, what);
    else if (!prohibiting)
        fail(ru, p->url, p->line,
             want == T_LABEL ? "xbrl.5.2.2.3:labelArcRemoteResource"
                             : "xbrl.5.2.3.3:referenceArcRemoteResource",
             "a concept-%s arc to \"%s\", a resource in another link, must be prohibiting",
             what, p->a);
}

static void settle_loc(rules *ru, const pending *p)
{
    int remote = 0;
    const target *t = resolve_href(ru, p->b, &remote);
    if (remote)
        return;
    if (!t || (t->kind != T_GLOBAL_ELEMENT && t->kind != T_XSD_ELEMENT && t->kind != T_LABEL &&
               t->kind != T_REFERENCE && t->kind != T_RESOURCE))
        fail(ru, p->url, p->line, "xbrl.3.5.3.7.2:locatorHref",
             "the locator href \"%s\" points to %s", p->a,
             t ? "neither an element declaration nor a resource" : "nothing");
}

static void settle(rules *ru)
{
    const pending *p = (const pending *)ru->f->pend.data;
    size_t n = ru->f->pend.len / sizeof *p;
    /* declarations first: a use may come before its declaration is read */
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == P_DECL)
            settle_decl(ru, &p[i]);
    for (size_t i = 0; i < n; i++) {
        switch (p[i].kind) {
        case P_FINDING:
            fail(ru, p[i].url, p[i].line, p[i].a, "%s", p[i].b);
            break;
        case P_ROLE_USE:
            if (!has_ref(ru, p[i].index, 0, p[i].a))
                fail(ru, p[i].url, p[i].line, "xbrl.3.5.2.4:roleNotReferenced",
                     "role \"%s\" is used with no link:roleRef for it", p[i].a);
            else if (!used_on_ok(xmlHashLookup(ru->roles, BAD_CAST p[i].a), p[i].b))
                fail(ru, p[i].url, p[i].line, "xbrl.5.1.3.4:roleUsedOn",
                     "role \"%s\" is not declared for use on %s", p[i].a, p[i].c);
            break;
        case P_ARCROLE_USE:
            if (!has_ref(ru, p[i].index, 1, p[i].a))
                fail(ru, p[i].url, p[i].line, "xbrl.3.5.2.5:arcroleNotReferenced",
                     "arcrole \"%s\" is used with no link:arcroleRef for it", p[i].a);
            else if (!used_on_ok(xmlHashLookup(ru->arcroles, BAD_CAST p[i].a), p[i].b))
                fail(ru, p[i].url, p[i].line, "xbrl.5.1.4.5:arcroleUsedOn",
                     "arcrole \"%s\" is not declared for use on %s", p[i].a, p[i].c);
            break;
        case P_TARGET_ROLE:
            if (!has_ref(ru, p[i].index, 0, p[i].a))
                fail(ru, p[i].url, p[i].line, "xbrldte:TargetRoleNotResolvedError",
                     "xbrldt:targetRole \"%s\" has no link:roleRef in this linkbase", p[i].a);
            break;
        case P_REF:
            settle_ref(ru, &p[i]);
            break;
        case P_LINKBASE_REF:
            settle_linkbase_ref(ru, &p[i]);
            break;
        case P_ELEMENT:
            settle_element(ru, &p[i]);
            break;
        case P_ARC_TO:
            settle_arc_to(ru, &p[i]);
            break;
        case P_LOC:
            settle_loc(ru, &p[i]);
            break;
        }
    }
}

/* ---- relationships: summation-item ends and cycles ------------------------------------ */

static int item_numeric(const dts_concept *c)
{
    return c && c->kind == DTS_ITEM && (c->flags & DTS_NUMERIC);
}

/* cyclesAllowed of an arcrole: 0 any, 1 undirected, 2 none; -1 unknown. */
static int cycles_of(rules *ru, const char *arcrole)
{
    if (!strcmp(arcrole, "http://www.xbrl.org/2003/arcrole/parent-child") ||
        !strcmp(arcrole, "http://www.xbrl.org/2003/arcrole/general-special") ||
        !strcmp(arcrole, "http://www.xbrl.org/2003/arcrole/essence-alias"))
        return 1;
    if (standard_arcrole(arcrole))
        return 0;
    if (!strcmp(arcrole, "http://xbrl.org/int/dim/arcrole/domain-member"))
        return 1;
    const decl *dc = xmlHashLookup(ru->arcroles, BAD_CAST arcrole);
    if (!dc || !dc->cycles)
        return -1;
    return !strcmp(dc->cycles, "none") ? 2 : !strcmp(dc->cycles, "undirected") ? 1 : 0;
}

typedef struct node_ix { const dts_concept *c; size_t ix; } node_ix;

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* One network [lo, hi) of rels (same arcrole and link role, sorted by from). */
static void check_network(rules *ru, const dts_rel *rels, size_t lo, size_t hi, int allowed)
{
    size_t n = hi - lo;
    xmlHashTablePtr ix = xmlHashCreate((int)(2 * n + 1));
    size_t *from = malloc(n * sizeof *from), *to = malloc(n * sizeof *to);
    size_t *parent = malloc(2 * n * sizeof *parent);
    size_t nodes = 0;
    if (!ix || !from || !to || !parent) {
        ru->oom = 1;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const dts_concept *ends[2] = {rels[lo + i].from, rels[lo + i].to};
        size_t *slot[2] = {&from[i], &to[i]};
        for (int e = 0; e < 2; e++) {
            void *v = xmlHashLookup(ix, BAD_CAST ends[e]->key);
            if (!v) {
                v = (void *)(nodes + 1);
                parent[nodes] = nodes;
                nodes++;
                if (xmlHashAddEntry(ix, BAD_CAST ends[e]->key, v)) {
                    ru->oom = 1;
                    goto out;
                }
            }
            *slot[e] = (size_t)v - 1;
        }
    }
    const dts_rel *bad = NULL;
    if (allowed == 2) {
        for (size_t i = 0; i < n && !bad; i++) {
            size_t a = uf_find(parent, from[i]), b = uf_find(parent, to[i]);
            if (a == b)
                bad = &rels[lo + i];
            else
                parent[a] = b;
        }
    } else {
        size_t edge = 0;
        int cycle = graph_directed_cycle(nodes, from, to, n, &edge);
        if (cycle < 0)
            ru->oom = 1;         /* not "no cycle" */
        else if (cycle == 1)
            bad = &rels[lo + edge];
    }
    if (bad)
        fail(ru, bad->document, 0,
             !strcmp(bad->arcrole, "http://xbrl.org/int/dim/arcrole/domain-member")
                 ? "xbrldte:DRSDirectedCycleError"
             : allowed == 2 ? "xbrl.5.1.4.3:undirectedCycle" : "xbrl.5.1.4.3:directedCycle",
             "the relationships of arcrole \"%s\" in link role \"%s\" form a cycle, which it does "
             "not allow", bad->arcrole, bad->linkrole ? bad->linkrole : "");
out:
    xmlHashFree(ix, NULL);
    free(from);
    free(to);
    free(parent);
}

static void check_relationships(rules *ru)
{
    size_t n;
    const dts_rel *rels = dts_relationships(ru->d, &n);
    for (size_t i = 0; i < n; i++) {
        const dts_rel *r = &rels[i];
        if (!strcmp(r->arcrole, ARCROLE_SUMMATION) && !is_remote(r->document) &&
            (!item_numeric(r->from) || !item_numeric(r->to)))
            fail(ru, r->document, 0, "xbrl.5.2.5.2:summationItemNotNumeric",
                 "a summation-item relationship joins %s, which is not a numeric item",
                 !item_numeric(r->from) ? r->from->key : r->to->key);
    }
    /* 5.2.4.2.1: a preferredLabel is the role of a label of the concept
     * the presentation arc ends at (not knowable when documents, perhaps
     * label linkbases, are missing) */
    dts_counts counts;
    dts_get_counts(ru->d, &counts);
    for (size_t i = 0; !counts.missing && i < n; i++) {
        const dts_rel *r = &rels[i];
        if (r->preferred_label && !is_remote(r->document) &&
            !dts_concept_has_label_role(ru->d, r->to, r->preferred_label))
            fail(ru, r->document, r->line, "xbrl.5.2.4.2.1:preferredLabelMissing",
                 "preferredLabel \"%s\" is not the role of any label of %s", r->preferred_label,
                 r->to->key);
    }
    /* 5.1.1.2: a summation-item between items that both have a balance
     * adds like balances and subtracts unlike ones */
    for (size_t i = 0; i < n; i++) {
        const dts_rel *r = &rels[i];
        if (strcmp(r->arcrole, ARCROLE_SUMMATION) || is_remote(r->document) ||
            !r->from->balance || !r->to->balance)
            continue;
        int same = r->from->balance == r->to->balance;
        if ((same && r->weight < 0) || (!same && r->weight > 0))
            fail(ru, r->document, 0, "xbrl.5.1.1.2:balanceWeight",
                 "a summation-item relationship from %s to %s has a weight whose sign does not "
                 "agree with their balances", r->from->key, r->to->key);
    }
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && rels[hi].arcrole == rels[lo].arcrole &&
               rels[hi].linkrole == rels[lo].linkrole)
            hi++;
        int allowed = cycles_of(ru, rels[lo].arcrole);
        int local = 0;
        for (size_t i = lo; i < hi && !local; i++)
            local = !is_remote(rels[i].document);
        /* a base set is also one link element: split the run by it
         * (custom links are not checked) */
        dts_rel *part = local && allowed > 0 ? malloc((hi - lo) * sizeof *part) : NULL;
        if (local && allowed > 0 && !part)
            ru->oom = 1;
        for (int kind = DTS_ARC_CALCULATION; part && kind <= DTS_ARC_FOOTNOTE; kind++) {
            size_t k = 0;
            for (size_t i = lo; i < hi; i++)
                if (rels[i].kind == kind)
                    part[k++] = rels[i];
            if (k)
                check_network(ru, part, 0, k, allowed);
        }
        free(part);
        lo = hi;
    }
}

/* ---- entry --------------------------------------------------------------------- */

int dts_rules_check(dts_rules *f, reporter *rp, size_t *nerrors)
{
    rules ru;
    memset(&ru, 0, sizeof ru);
    ru.d = f->d;
    ru.rp = rp;
    ru.f = f;
    ru.oom = f->oom;
    ru.roles = xmlHashCreate(64);
    ru.arcroles = xmlHashCreate(64);
    if (ru.roles && ru.arcroles && !ru.oom) {
        settle(&ru);
        check_relationships(&ru);
    } else {
        ru.oom = 1;
    }
    xmlHashFree(ru.roles, NULL);
    xmlHashFree(ru.arcroles, NULL);
    if (nerrors)
        *nerrors = ru.errors;
    return ru.oom ? R2X_ENOMEM : R2X_OK;
}
