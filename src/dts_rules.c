/* dts_rules.c - the schema and linkbase rules of XBRL 2.1 run on a loaded
 * DTS: roleType and arcroleType declarations (5.1.3, 5.1.4) and their use
 * through roleRef and arcroleRef (3.5.2.4, 3.5.2.5), item and tuple
 * declarations (5.1.1), linkbaseRef roles (4.3.4), XLink arc duplication,
 * summation-item endpoints (5.2.5.2) and arc cycles (5.1.4.3, 5.2.4.2).
 *
 * The DTS reader (dts.c) streams documents and keeps only what instance
 * checks need; these rules need the documents' structure, so the DTS's own
 * documents are parsed again as trees here.  Documents fetched over http(s)
 * are published taxonomies, taken as checked by their publishers: skipping
 * them keeps the cost of the rules off a US-GAAP load.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/valid.h>
#include <libxml/hash.h>

#include "buf.h"
#include "dts.h"
#include "error.h"
#include "fetch.h"

#define ROLE_LINK "http://www.xbrl.org/2003/role/link"
#define XLINK_LINKBASE "http://www.w3.org/1999/xlink/properties/linkbase"

typedef struct rdoc {
    const char *url;
    xmlDocPtr doc;
} rdoc;

/* A roleType or arcroleType. */
typedef struct decl {
    xmlNodePtr node;
    const char *url;           /* its schema */
    char *uri;                 /* roleURI / arcroleURI, owned */
    char *sig;                 /* usedOn names sorted, definition, cyclesAllowed; owned */
    char *cycles;              /* arcroleType's cyclesAllowed, owned */
} decl;

typedef struct rules {
    dts *d;
    const dts_options *opts;
    r2x_buf docs;              /* rdoc */
    xmlHashTablePtr roles, arcroles;   /* uri -> decl * (the first) */
    r2x_buf decls;             /* decl * */
    size_t errors;
    xmlNodePtr types_of;       /* the schema element types indexes */
    xmlHashTablePtr types;     /* its named complexTypes: name -> node */
} rules;

static void fail(rules *ru, const char *url, const xmlNode *n, const char *code,
                 const char *fmt, const char *a, const char *b)
{
    char msg[700];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    ru->errors++;
    r2x_diag(ru->opts->diag, ru->opts->diag_userdata, R2X_SEV_ERROR, R2X_EINPUT, url,
             n ? (long)xmlGetLineNo(n) : 0, 0, "[%s] %s", code, msg);
}

static int is_remote(const char *url)
{
    return !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
}

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           (!name || !strcmp((const char *)n->name, name));
}

static char *xattr(const xmlNode *n, const char *ns, const char *name)
{
    return (char *)(ns ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns)
                       : xmlGetNoNsProp(n, BAD_CAST name));
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

/* "{ns}local" of an element's name. */
static void clark_of(const xmlNode *n, char *out, size_t size)
{
    snprintf(out, size, "{%s}%s", n->ns ? (const char *)n->ns->href : "",
             (const char *)n->name);
}

/* "{ns}local" of a QName written in n's scope; 0 when the prefix is unbound. */
static int clark_qname(xmlDocPtr doc, xmlNodePtr n, const char *q, char *out, size_t size)
{
    const char *colon = strchr(q, ':');
    char prefix[128] = "";
    const char *local = q;
    if (colon) {
        size_t k = (size_t)(colon - q);
        if (k >= sizeof prefix)
            return 0;
        memcpy(prefix, q, k);
        prefix[k] = '\0';
        local = colon + 1;
    }
    xmlNsPtr ns = xmlSearchNs(doc, n, colon ? BAD_CAST prefix : NULL);
    if (colon && !ns)
        return 0;
    snprintf(out, size, "{%s}%s", ns ? (const char *)ns->href : "", local);
    return 1;
}

static xmlDocPtr doc_of(const rules *ru, const char *url)
{
    const rdoc *d = (const rdoc *)ru->docs.data;
    for (size_t i = 0; i < ru->docs.len / sizeof *d; i++)
        if (!strcmp(d[i].url, url))
            return d[i].doc;
    return NULL;
}

static xmlNodePtr find_id(xmlNodePtr n, const char *id)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *v = xattr(n, NULL, "id");
        int hit = v && !strcmp(v, id);
        xmlFree(v);
        if (hit)
            return n;
        xmlNodePtr c = find_id(n->children, id);
        if (c)
            return c;
    }
    return NULL;
}

/* The element an href (doc#id) points to, when the document is one of ours;
 * *remote set when it is not. */
static xmlNodePtr resolve_href(rules *ru, xmlNodePtr from, const char *href, int *remote)
{
    *remote = 0;
    xmlChar *base = xmlNodeGetBase(from->doc, from);
    char *abs = fetch_resolve(base ? (const char *)base : (const char *)from->doc->URL, href);
    xmlFree(base);
    if (!abs)
        return NULL;
    char *hash = strchr(abs, '#');
    if (hash)
        *hash++ = '\0';
    xmlNodePtr hit = NULL;
    xmlDocPtr doc = doc_of(ru, abs);
    if (!doc)
        *remote = 1;
    else if (hash && *hash && !strchr(hash, '('))
        hit = find_id(xmlDocGetRootElement(doc), hash);
    else if (!hash || !*hash)
        hit = xmlDocGetRootElement(doc);
    else
        *remote = 1;           /* an XPointer scheme: not followed here */
    free(abs);
    return hit;
}

/* ---- roleType / arcroleType ------------------------------------------------- */

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int valid_uri(const char *s)
{
    if (!*s || strchr(strchr(s, '#') ? strchr(s, '#') + 1 : "", '#'))
        return 0;
    xmlURIPtr u = xmlParseURI(s);
    xmlFreeURI(u);
    return u != NULL;
}

static void read_decl(rules *ru, const char *url, xmlNodePtr n, int arcrole)
{
    const char *what = arcrole ? "arcroleType" : "roleType";
    char *uri = trimmed(xattr(n, NULL, arcrole ? "arcroleURI" : "roleURI"));
    char *id = xattr(n, NULL, "id");
    char *cycles = arcrole ? xattr(n, NULL, "cyclesAllowed") : NULL;
    if (!uri || !*uri || !valid_uri(uri))
        fail(ru, url, n, arcrole ? "xbrl.5.1.4:arcroleURI" : "xbrl.5.1.3:roleURI",
             "a link:%s needs a URI, not \"%s\"", what, uri);
    if (id && xmlValidateNCName(BAD_CAST id, 0))
        fail(ru, url, n, "xbrl.5.1.3:id", "the id \"%s\" of a link:%s is not an NCName", id,
             what);
    if (arcrole && (!cycles || (strcmp(cycles, "any") && strcmp(cycles, "undirected") &&
                                strcmp(cycles, "none"))))
        fail(ru, url, n, "xbrl.5.1.4.3:cyclesAllowed",
             "cyclesAllowed is \"%s\", not any, undirected or none", cycles, NULL);
    xmlFree(id);
    /* the signature two declarations of one URI must share (5.1.3.2) */
    r2x_buf sig;
    buf_init(&sig, R2X_BUF_NOCAP);
    const char *names[64];
    char store[64][300];
    size_t k = 0;
    int dup_usedon = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is_el(c, LINK_NS, "usedOn") && k < 64) {
            xmlChar *t = xmlNodeGetContent(c);
            char *q = trimmed((char *)t);
            if (!q || !clark_qname(n->doc, c, q, store[k], sizeof store[k]))
                snprintf(store[k], sizeof store[k], "%s", q ? q : "");
            xmlFree(t);
            for (size_t j = 0; j < k; j++)
                dup_usedon |= !strcmp(store[j], store[k]);
            names[k] = store[k];
            k++;
        } else if (is_el(c, LINK_NS, "definition")) {
            xmlChar *t = xmlNodeGetContent(c);
            (void)(buf_add(&sig, "D", 1) || buf_add(&sig, t, strlen((char *)t)));
            xmlFree(t);
        }
    }
    if (dup_usedon)
        fail(ru, url, n, "xbrl.5.1.3.4:usedOnDuplicate",
             "a link:%s names one element twice in link:usedOn", what, NULL);
    qsort(names, k, sizeof *names, cmp_cstr);
    for (size_t j = 0; j < k; j++)
        (void)(buf_add(&sig, "|", 1) || buf_add(&sig, names[j], strlen(names[j])));
    if (cycles)
        (void)(buf_add(&sig, "C", 1) || buf_add(&sig, cycles, strlen(cycles)));
    decl *dc = calloc(1, sizeof *dc);
    if (!dc || !uri || buf_add(&ru->decls, &dc, sizeof dc)) {
        free(dc);
        xmlFree(uri);
        xmlFree(cycles);
        buf_release(&sig);
        return;
    }
    dc->node = n;
    dc->url = url;
    dc->uri = uri;
    dc->cycles = cycles;
    dc->sig = buf_detach(&sig, NULL);
    xmlHashTablePtr h = arcrole ? ru->arcroles : ru->roles;
    decl *first = xmlHashLookup(h, BAD_CAST uri);
    if (!first) {
        xmlHashAddEntry(h, BAD_CAST uri, dc);
    } else if (first->url == url || !strcmp(first->url, url)) {
        fail(ru, url, n, "xbrl.5.1.3:duplicateRoleType",
             "\"%s\" is declared twice in one schema by link:%s", uri, what);
    } else if (strcmp(first->sig ? first->sig : "", dc->sig ? dc->sig : "")) {
        fail(ru, url, n, "xbrl.5.1.3:nonEquivalentRoleType",
             "\"%s\" is declared again, differently, by this link:%s", uri, what);
    }
}

/* Does a declaration allow use on the element n? Unknown declarations do. */
static int used_on_ok(const decl *dc, const xmlNode *n)
{
    if (!dc)
        return 1;
    char name[400];
    clark_of(n, name, sizeof name);
    for (xmlNodePtr c = dc->node->children; c; c = c->next) {
        if (!is_el(c, LINK_NS, "usedOn"))
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        char *q = trimmed((char *)t);
        char cl[400];
        int hit = q && clark_qname(dc->node->doc, c, q, cl, sizeof cl) && !strcmp(cl, name);
        xmlFree(t);
        if (hit)
            return 1;
    }
    return 0;
}

/* ---- linkbases ----------------------------------------------------------------- */

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

/* The roleRef / arcroleRef URIs of the linkbase (or instance) holding n. */
static int has_ref(xmlNodePtr n, const char *refname, const char *attrname, const char *uri)
{
    xmlNodePtr holder = n->parent;
    while (holder && holder->type == XML_ELEMENT_NODE && !is_el(holder, LINK_NS, "linkbase") &&
           !is_el(holder, XBRLI_NS, "xbrl"))
        holder = holder->parent;
    if (!holder || holder->type != XML_ELEMENT_NODE)
        return 0;
    for (xmlNodePtr c = holder->children; c; c = c->next) {
        if (!is_el(c, LINK_NS, refname))
            continue;
        char *v = xattr(c, NULL, attrname);
        int hit = v && !strcmp(v, uri);
        xmlFree(v);
        if (hit)
            return 1;
    }
    return 0;
}

static void check_refs(rules *ru, const char *url, xmlNodePtr lb)
{
    /* one roleRef per roleURI, one arcroleRef per arcroleURI (3.5.2.4.5) */
    for (xmlNodePtr c = lb->children; c; c = c->next) {
        int role = is_el(c, LINK_NS, "roleRef"), arcrole = is_el(c, LINK_NS, "arcroleRef");
        if (!role && !arcrole)
            continue;
        const char *an = role ? "roleURI" : "arcroleURI";
        char *uri = xattr(c, NULL, an);
        if (!uri)
            continue;
        for (xmlNodePtr e = lb->children; e != c; e = e->next) {
            if (!is_el(e, LINK_NS, (const char *)c->name))
                continue;
            char *u2 = xattr(e, NULL, an);
            int dup = u2 && !strcmp(u2, uri);
            xmlFree(u2);
            if (dup) {
                fail(ru, url, c, role ? "xbrl.3.5.2.4.5:duplicateRoleRef"
                                      : "xbrl.3.5.2.5.5:duplicateArcroleRef",
                     "a second link:%s for \"%s\"", (const char *)c->name, uri);
                break;
            }
        }
        /* the declaration it points to declares this URI */
        char *href = xattr(c, XLINK_NS, "href");
        int remote = 0;
        xmlNodePtr target = href ? resolve_href(ru, c, href, &remote) : NULL;
        if (target) {
            char *declared = xattr(target, NULL, an);
            if (!is_el(target, LINK_NS, role ? "roleType" : "arcroleType") || !declared ||
                strcmp(trimmed(declared), uri))
                fail(ru, url, c, role ? "xbrl.3.5.2.4.5:roleRefMismatch"
                                      : "xbrl.3.5.2.5.5:arcroleRefMismatch",
                     "link:%s for \"%s\" points to no declaration of that URI",
                     (const char *)c->name, uri);
            xmlFree(declared);
        } else if (href && !remote) {
            fail(ru, url, c, "xbrl.3.5.2.4:unresolvedRef", "link:%s href \"%s\" resolves to nothing",
                 (const char *)c->name, href);
        }
        xmlFree(href);
        xmlFree(uri);
    }
}

static void check_link_role(rules *ru, const char *url, xmlNodePtr n, const char *role)
{
    /* 3.5.2.4: roleRef is needed for roles on the standard elements only */
    if (!role || standard_role(role) || !is_el(n, LINK_NS, NULL))
        return;
    if (!has_ref(n, "roleRef", "roleURI", role))
        fail(ru, url, n, "xbrl.3.5.2.4:roleNotReferenced",
             "role \"%s\" is used with no link:roleRef for it%s", role, "");
    else if (!used_on_ok(xmlHashLookup(ru->roles, BAD_CAST role), n))
        fail(ru, url, n, "xbrl.5.1.3.4:roleUsedOn", "role \"%s\" is not declared for use on %s",
             role, (const char *)n->name);
}

/* Does a locator or resource of the link carry this xlink:label? */
static int has_label(xmlNodePtr link, const char *label)
{
    for (xmlNodePtr c = link->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *l = xattr(c, XLINK_NS, "label");
        int hit = l && !strcmp(l, label);
        xmlFree(l);
        if (hit)
            return 1;
    }
    return 0;
}

/* The xbrldt attributes of an arc: lexically valid (XML Schema), and a
 * targetRole that a roleRef of the linkbase declares (xbrldte 2.4.3). */
static void check_xdt_arc(rules *ru, const char *url, xmlNodePtr arc)
{
    static const char *const names[] = {"contextElement", "closed", "usable", "targetRole"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *v = xattr(arc, XBRLDT_NS, names[i]);
        if (!v)
            continue;
        int ok = i == 0 ? !strcmp(v, "segment") || !strcmp(v, "scenario")
                 : i < 3 ? !strcmp(v, "true") || !strcmp(v, "false") || !strcmp(v, "1") ||
                               !strcmp(v, "0")
                         : valid_uri(v) && strchr(v, ':');
        if (!ok)
            fail(ru, url, arc, "xmlSchema:xbrldtAttribute", "xbrldt:%s=\"%s\" is not valid",
                 names[i], v);
        else if (i == 3 && strcmp(v, ROLE_LINK) && !has_ref(arc, "roleRef", "roleURI", v))
            fail(ru, url, arc, "xbrldte:TargetRoleNotResolvedError",
                 "xbrldt:targetRole \"%s\" has no link:roleRef in this linkbase%s", v, "");
        xmlFree(v);
    }
}

static void check_extended(rules *ru, const char *url, xmlNodePtr link)
{
    char *role = xattr(link, XLINK_NS, "role");
    check_link_role(ru, url, link, role);
    xmlFree(role);
    xmlHashTablePtr pairs = xmlHashCreate(64);
    for (xmlNodePtr c = link->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *type = xattr(c, XLINK_NS, "type");
        if (type && !strcmp(type, "resource")) {
            char *r = xattr(c, XLINK_NS, "role");
            check_link_role(ru, url, c, r);
            xmlFree(r);
        } else if (type && !strcmp(type, "arc")) {
            char *arcrole = xattr(c, XLINK_NS, "arcrole");
            char *from = xattr(c, XLINK_NS, "from"), *to = xattr(c, XLINK_NS, "to");
            if (arcrole && !standard_arcrole(arcrole) && is_el(c, LINK_NS, NULL)) {
                if (!has_ref(c, "arcroleRef", "arcroleURI", arcrole))
                    fail(ru, url, c, "xbrl.3.5.2.5:arcroleNotReferenced",
                         "arcrole \"%s\" is used with no link:arcroleRef for it%s", arcrole, "");
                else if (!used_on_ok(xmlHashLookup(ru->arcroles, BAD_CAST arcrole), c))
                    fail(ru, url, c, "xbrl.5.1.4.5:arcroleUsedOn",
                         "arcrole \"%s\" is not declared for use on %s", arcrole,
                         (const char *)c->name);
            }
            check_xdt_arc(ru, url, c);
            if (from && to && (!has_label(link, from) || !has_label(link, to)))
                fail(ru, url, c, "xbrl.3.5.3.9:arcLabelUnresolved",
                     "an arc names xlink:label \"%s\", which no locator or resource of its "
                     "link has", !has_label(link, from) ? from : to, NULL);
            /* XLink 1.0 5.1.3: no two arcs of a link join the same labels */
            char *use = xattr(c, NULL, "use");
            int prohibiting = use && !strcmp(use, "prohibited");
            xmlFree(use);
            /* a prohibiting arc beside the arc it prohibits is not flagged */
            if (from && to && pairs && !prohibiting) {
                size_t nf = strlen(from), nt = strlen(to);
                char *key = malloc(nf + nt + 2);
                if (key) {
                    memcpy(key, from, nf);
                    key[nf] = '\x01';
                    memcpy(key + nf + 1, to, nt + 1);
                    if (xmlHashLookup(pairs, BAD_CAST key))
                        fail(ru, url, c, "xlink:arcDuplicate",
                             "a second arc from \"%s\" to \"%s\" in one extended link", from, to);
                    else
                        xmlHashAddEntry(pairs, BAD_CAST key, (void *)1);
                    free(key);
                }
            }
            xmlFree(arcrole);
            xmlFree(from);
            xmlFree(to);
        }
        xmlFree(type);
    }
    xmlHashFree(pairs, NULL);
}

static const char *const linkbase_ref_roles[][2] = {
    {"http://www.xbrl.org/2003/role/calculationLinkbaseRef", "calculationLink"},
    {"http://www.xbrl.org/2003/role/definitionLinkbaseRef", "definitionLink"},
    {"http://www.xbrl.org/2003/role/labelLinkbaseRef", "labelLink"},
    {"http://www.xbrl.org/2003/role/presentationLinkbaseRef", "presentationLink"},
    {"http://www.xbrl.org/2003/role/referenceLinkbaseRef", "referenceLink"},
};

static void check_linkbase_ref(rules *ru, const char *url, xmlNodePtr n)
{
    char *role = xattr(n, XLINK_NS, "role"), *href = xattr(n, XLINK_NS, "href");
    const char *want = NULL;
    for (size_t i = 0; role && i < sizeof linkbase_ref_roles / sizeof *linkbase_ref_roles; i++)
        if (!strcmp(role, linkbase_ref_roles[i][0]))
            want = linkbase_ref_roles[i][1];
    int remote = 0;
    xmlNodePtr lb = want && href ? resolve_href(ru, n, href, &remote) : NULL;
    if (lb && is_el(lb, LINK_NS, "linkbase"))
        for (xmlNodePtr c = lb->children; c; c = c->next) {
            char *type = c->type == XML_ELEMENT_NODE ? xattr(c, XLINK_NS, "type") : NULL;
            if (type && !strcmp(type, "extended") && !is_el(c, LINK_NS, want)) {
                fail(ru, url, n, "xbrl.4.3.4:linkbaseRefRole",
                     "a linkbaseRef with role \"%s\" refers to a linkbase holding %s", role,
                     (const char *)c->name);
                xmlFree(type);
                break;
            }
            xmlFree(type);
        }
    xmlFree(role);
    xmlFree(href);
}

/* ---- schemas ------------------------------------------------------------------- */

/* xbrldt:typedDomainRef: on dimensions only, a URI with a fragment that
 * locates a global, concrete element declaration of the DTS. */
static void check_typed_domain_ref(rules *ru, const char *url, xmlNodePtr n,
                                   const dts_concept *c, const char *ref)
{
    if (c->kind != DTS_DIMENSION) {
        fail(ru, url, n, "xbrldte:TypedDomainRefError",
             "xbrldt:typedDomainRef on %s, which is not a dimension%s", c->name, "");
        return;
    }
    const char *hash = strchr(ref, '#');
    if (!hash || !hash[1]) {
        fail(ru, url, n, "xbrldte:TypedDimensionURIError",
             "xbrldt:typedDomainRef \"%s\" has no fragment%s", ref, "");
        return;
    }
    int remote = 0;
    xmlNodePtr target = resolve_href(ru, n, ref, &remote);
    if (!target && remote) {
        char *abs = fetch_resolve(url, ref);
        int out = abs && !is_remote(abs);
        free(abs);
        if (out)
            fail(ru, url, n, "xbrldte:OutOfDTSSchemaError",
                 "xbrldt:typedDomainRef \"%s\" locates a schema outside the DTS%s", ref, "");
        return;
    }
    int ok = target && is_el(target, XSD_NS, "element") && is_el(target->parent, XSD_NS, "schema");
    char *abstract = ok ? xattr(target, NULL, "abstract") : NULL;
    if (abstract && (!strcmp(abstract, "true") || !strcmp(abstract, "1")))
        ok = 0;
    xmlFree(abstract);
    if (!ok)
        fail(ru, url, n, "xbrldte:TypedDimensionError",
             "xbrldt:typedDomainRef \"%s\" does not locate a global concrete element%s", ref,
             "");
}

/* ---- item and tuple content (5.1.1, 5.1.1.3) ---------------------------------- */

/* The named complexType of this document an element's type attribute names. */
static xmlNodePtr local_complex_type(rules *ru, xmlNodePtr el, const char *tns)
{
    char *type = xattr(el, NULL, "type");
    char key[600];
    xmlNodePtr found = NULL;
    if (type && clark_qname(el->doc, el, type, key, sizeof key)) {
        size_t n = strlen(tns);
        if (!strncmp(key + 1, tns, n) && key[n + 1] == '}') {
            xmlNodePtr schema = el->parent;
            if (ru->types_of != schema) {
                xmlHashFree(ru->types, NULL);
                ru->types = xmlHashCreate(64);
                ru->types_of = schema;
                for (xmlNodePtr t = schema->children; ru->types && t; t = t->next) {
                    xmlChar *name = is_el(t, XSD_NS, "complexType")
                                        ? xmlGetNoNsProp(t, BAD_CAST "name") : NULL;
                    if (name)
                        xmlHashAddEntry(ru->types, name, t);
                    xmlFree(name);
                }
            }
            found = ru->types ? xmlHashLookup(ru->types, BAD_CAST key + n + 2) : NULL;
        }
    }
    xmlFree(type);
    return found;
}

/* What a tuple's or item's complexType holds that XBRL forbids, into *bits:
 * 1 element-only or mixed content, 2 mixed, 4 a local element declaration,
 * 8 an attribute of the XBRL, linkbase or XLink namespaces. */
static void content_bits(xmlNodePtr n, int siblings, unsigned *bits, xmlNodePtr where[4])
{
    for (; n; n = siblings ? n->next : NULL) {
        if (n->type != XML_ELEMENT_NODE || !is_el(n, XSD_NS, NULL))
            continue;
        const char *nm = (const char *)n->name;
        unsigned b = 0;
        if (!strcmp(nm, "annotation"))
            continue;
        if (!strcmp(nm, "complexType") || !strcmp(nm, "complexContent")) {
            char *mixed = xattr(n, NULL, "mixed");
            if (mixed && (!strcmp(mixed, "true") || !strcmp(mixed, "1")))
                b |= 2;
            xmlFree(mixed);
            if (!strcmp(nm, "complexContent"))
                b |= 1;
        } else if (!strcmp(nm, "sequence") || !strcmp(nm, "choice") || !strcmp(nm, "all") ||
                   !strcmp(nm, "group")) {
            b |= 1;
        } else if (!strcmp(nm, "element") && xmlHasProp(n, BAD_CAST "name")) {
            b |= 4;
        } else if (!strcmp(nm, "attribute")) {
            char *ref = xattr(n, NULL, "ref");
            char key[600];
            if (ref && clark_qname(n->doc, n, ref, key, sizeof key) &&
                (!strncmp(key, "{" XBRLI_NS "}", strlen(XBRLI_NS) + 2) ||
                 !strncmp(key, "{" LINK_NS "}", strlen(LINK_NS) + 2) ||
                 !strncmp(key, "{" XLINK_NS "}", strlen(XLINK_NS) + 2) ||
                 !strncmp(key, "{http://www.xbrl.org/2003/XLink}", 32)))
                b |= 8;
            xmlFree(ref);
        }
        for (int i = 0; i < 4; i++)
            if (b & ~*bits & 1u << i)
                where[i] = n;       /* the first node that shows it */
        *bits |= b;
        content_bits(n->children, 1, bits, where);
    }
}

static void check_content(rules *ru, const char *url, xmlNodePtr n, const dts_concept *c,
                          const char *tns, const char *name)
{
    unsigned bits = 0;
    xmlNodePtr where[4] = {NULL, NULL, NULL, NULL}, type = local_complex_type(ru, n, tns);
    content_bits(n->children, 1, &bits, where);
    if (type)
        content_bits(type, 0, &bits, where);
    if (c->kind == DTS_TUPLE) {
        if (bits & 2)
            fail(ru, url, where[1], "xbrl.5.1.1.3:tupleMixedContent",
                 "tuple %s has mixed content%s", name, "");
        if (bits & 4)
            fail(ru, url, where[2], "xbrl.5.1.1.3:tupleLocalElement",
                 "tuple %s declares an element locally; its content must be references to "
                 "global items and tuples%s", name, "");
        if (bits & 8)
            fail(ru, url, where[3], "xbrl.5.1.1.3:tupleXbrlAttribute",
                 "tuple %s declares an attribute of an XBRL or XLink namespace%s", name, "");
    } else if (bits & 1 && !(c->flags & DTS_FRACTION)) {
        fail(ru, url, where[0], "xbrl.5.1.1:itemComplexContent",
             "item %s has complex content, which only fractionItemType's restrictions "
             "may have%s", name, "");
    }
}

static void check_element_decl(rules *ru, const char *url, xmlNodePtr n, const char *tns)
{
    char *name = xattr(n, NULL, "name");
    const dts_concept *c = name ? dts_concept_get(ru->d, tns, name) : NULL;
    if (c && c->document && strcmp(c->document, url))
        c = NULL;
    char *tdr = xattr(n, XBRLDT_NS, "typedDomainRef");
    if (c && (c->kind == DTS_DIMENSION || c->kind == DTS_HYPERCUBE) && !c->abstract)
        fail(ru, url, n, c->kind == DTS_HYPERCUBE ? "xbrldte:HypercubeElementIsNotAbstractError"
                                                  : "xbrldte:DimensionElementIsNotAbstractError",
             "%s must be abstract%s", name, "");
    if (c && tdr)
        check_typed_domain_ref(ru, url, n, c, tdr);
    xmlFree(tdr);
    if (c && (c->kind == DTS_ITEM || c->kind == DTS_DIMENSION || c->kind == DTS_HYPERCUBE)) {
        char *pt = xattr(n, XBRLI_NS, "periodType");
        if (!pt)
            fail(ru, url, n, "xbrl.5.1.1.1:periodTypeMissing",
                 "item %s has no xbrli:periodType%s", name, "");
        xmlFree(pt);
        char *bal = xattr(n, XBRLI_NS, "balance");
        if (bal && !(c->flags & DTS_MONETARY))
            fail(ru, url, n, "xbrl.5.1.1.2:balanceNotMonetary",
                 "item %s has xbrli:balance but is not monetary%s", name, "");
        xmlFree(bal);
    }
    if (c && c->kind != DTS_OTHER)
        check_content(ru, url, n, c, tns, name);
    if (c && c->kind == DTS_TUPLE) {
        char *pt = xattr(n, XBRLI_NS, "periodType"), *bal = xattr(n, XBRLI_NS, "balance");
        if (pt || bal)
            fail(ru, url, n, "xbrl.4.9:tupleAttributes",
                 "tuple %s has xbrli:%s, which only items carry", name,
                 pt ? "periodType" : "balance");
        xmlFree(pt);
        xmlFree(bal);
    }
    xmlFree(name);
}

/* ---- the walk ---------------------------------------------------------------- */

static void walk(rules *ru, const char *url, xmlNodePtr n, const char *tns, int pass)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pass == 0) {
            if (is_el(n, LINK_NS, "roleType"))
                read_decl(ru, url, n, 0);
            else if (is_el(n, LINK_NS, "arcroleType"))
                read_decl(ru, url, n, 1);
        } else {
            if (is_el(n, XSD_NS, "element") && is_el(n->parent, XSD_NS, "schema"))
                check_element_decl(ru, url, n, tns);
            else if (is_el(n, XSD_NS, "redefine"))
                fail(ru, url, n, "xbrl.5.1:redefine",
                     "xsd:redefine must not be used in a taxonomy schema%s%s", "", "");
            else if (is_el(n, LINK_NS, "linkbase"))
                check_refs(ru, url, n);
            else if (is_el(n, LINK_NS, "linkbaseRef"))
                check_linkbase_ref(ru, url, n);
            char *type = xattr(n, XLINK_NS, "type");
            int extended = type && !strcmp(type, "extended");
            xmlFree(type);
            if (extended) {
                check_extended(ru, url, n);
                continue;
            }
        }
        walk(ru, url, n->children, tns, pass);
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
    if (!ix || !from || !to || !parent)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const dts_concept *ends[2] = {rels[lo + i].from, rels[lo + i].to};
        size_t *slot[2] = {&from[i], &to[i]};
        for (int e = 0; e < 2; e++) {
            void *v = xmlHashLookup(ix, BAD_CAST ends[e]->key);
            if (!v) {
                v = (void *)(nodes + 1);
                parent[nodes] = nodes;
                nodes++;
                xmlHashAddEntry(ix, BAD_CAST ends[e]->key, v);
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
        /* directed: repeatedly remove nodes with no incoming edge (Kahn) */
        size_t *indeg = calloc(nodes, sizeof *indeg), *queue = malloc(nodes * sizeof *queue);
        size_t *start = calloc(nodes + 1, sizeof *start), *adj = malloc(n * sizeof *adj);
        if (indeg && queue && start && adj) {
            for (size_t i = 0; i < n; i++) {
                indeg[to[i]]++;
                start[from[i] + 1]++;
            }
            for (size_t k = 0; k < nodes; k++)
                start[k + 1] += start[k];
            size_t *fill = parent;     /* reuse: fill positions */
            for (size_t k = 0; k < nodes; k++)
                fill[k] = start[k];
            for (size_t i = 0; i < n; i++)
                adj[fill[from[i]]++] = to[i];
            size_t qh = 0, qt = 0;
            for (size_t k = 0; k < nodes; k++)
                if (!indeg[k])
                    queue[qt++] = k;
            while (qh < qt) {
                size_t k = queue[qh++];
                for (size_t e = start[k]; e < start[k + 1]; e++)
                    if (!--indeg[adj[e]])
                        queue[qt++] = adj[e];
            }
            if (qt < nodes)
                for (size_t i = 0; i < n && !bad; i++)
                    if (indeg[to[i]] && indeg[from[i]])
                        bad = &rels[lo + i];
        }
        free(indeg);
        free(queue);
        free(start);
        free(adj);
    }
    if (bad)
        fail(ru, bad->document, NULL,
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
            fail(ru, r->document, NULL, "xbrl.5.2.5.2:summationItemNotNumeric",
                 "a summation-item relationship joins %s, which is not a numeric item%s",
                 !item_numeric(r->from) ? r->from->key : r->to->key, "");
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
            fail(ru, r->document, NULL, "xbrl.5.1.1.2:balanceWeight",
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

size_t dts_check_rules(dts *d)
{
    rules ru;
    memset(&ru, 0, sizeof ru);
    ru.d = d;
    ru.opts = dts_get_options(d);
    buf_init(&ru.docs, R2X_BUF_NOCAP);
    buf_init(&ru.decls, R2X_BUF_NOCAP);
    ru.roles = xmlHashCreate(64);
    ru.arcroles = xmlHashCreate(64);
    size_t ndocs = dts_document_count(d);
    for (size_t i = 0; i < ndocs; i++) {
        const char *url = dts_document_url(d, i);
        if (is_remote(url))
            continue;
        char *data = NULL;
        size_t len = 0;
        r2x_error e;
        r2x_error_clear(&e);
        if (fetcher_get(ru.opts->fetch, url, NULL, &data, &len, NULL, &e) || len > 0x7fffffff) {
            free(data);
            continue;
        }
        xmlDocPtr doc = xmlReadMemory(data, (int)len, url, NULL,
                                      XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING);
        free(data);
        rdoc rd = {url, doc};
        if (doc && buf_add(&ru.docs, &rd, sizeof rd))
            xmlFreeDoc(doc);
    }
    rdoc *docs = (rdoc *)ru.docs.data;
    size_t nd = ru.docs.len / sizeof *docs;
    if (ru.roles && ru.arcroles) {
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < nd; i++) {
                xmlNodePtr root = xmlDocGetRootElement(docs[i].doc);
                char *tns = is_el(root, XSD_NS, "schema") ? xattr(root, NULL, "targetNamespace")
                                                          : NULL;
                if (pass == 1 && tns && !*tns)
                    fail(&ru, docs[i].url, root, "xbrl.5.1:emptyTargetNamespace",
                         "a schema's targetNamespace must not be empty%s%s", NULL, NULL);
                walk(&ru, docs[i].url, root, tns, pass);
                xmlFree(tns);
            }
        check_relationships(&ru);
        ru.errors += dts_check_dimensions(d);
    }
    for (size_t i = 0; i < nd; i++)
        xmlFreeDoc(docs[i].doc);
    decl **dl = (decl **)ru.decls.data;
    for (size_t i = 0; i < ru.decls.len / sizeof *dl; i++) {
        xmlFree(dl[i]->uri);
        xmlFree(dl[i]->cycles);
        free(dl[i]->sig);
        free(dl[i]);
    }
    buf_release(&ru.docs);
    buf_release(&ru.decls);
    xmlHashFree(ru.roles, NULL);
    xmlHashFree(ru.arcroles, NULL);
    xmlHashFree(ru.types, NULL);
    return ru.errors;
}
