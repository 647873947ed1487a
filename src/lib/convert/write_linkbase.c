/*
 * write_linkbase.c - the company extension taxonomy as an entry schema and
 * four linkbases (libxml2's xmlTextWriter, as the instance is written).
 *
 * Locators point at a concept's element by the id its schema gives it,
 * "us-gaap_Revenues" in US-GAAP's, SRT's and DEI's schemas and ours alike;
 * resources and locators are labelled "loc_PREFIX_Local" and
 * "lab_PREFIX_Local", resources' ids add the role ("lab_us-gaap_Revenues_
 * totalLabel"): stable, readable, and unique in each file.
 */
#include "write_linkbase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "write_xbrl.h"
#include "xbrl_ns.h"

#define NS_LINK "http://www.xbrl.org/2003/linkbase"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XS "http://www.w3.org/2001/XMLSchema"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_XBRLI XBRLI_NS
#define NS_XBRLDT "http://xbrl.org/2005/xbrldt"
#define SCHEMA_XBRLI "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"
#define SCHEMA_XBRLDT "http://www.xbrl.org/2005/xbrldt-2005.xsd"
#define SCHEMA_NEGATED "http://www.xbrl.org/lrr/role/negated-2009-12-16.xsd"
#define LINKBASE_LOCATION NS_LINK " http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd"
#define ROLE_LINK "http://www.xbrl.org/2003/role/link"

#define W(call) do { if ((call) < 0) goto write_error; } while (0)

enum { FILE_SCHEMA = 0, FILE_LAB, FILE_PRE, FILE_CAL, FILE_DEF };
static const char *const suffixes[LINKBASE_FILES] = {".xsd", "_lab.xml", "_pre.xml",
                                                     "_cal.xml", "_def.xml"};
static const char *const linkbase_roles[LINKBASE_FILES] = {
    NULL, "http://www.xbrl.org/2003/role/labelLinkbaseRef",
    "http://www.xbrl.org/2003/role/presentationLinkbaseRef",
    "http://www.xbrl.org/2003/role/calculationLinkbaseRef",
    "http://www.xbrl.org/2003/role/definitionLinkbaseRef"};

/* "iij-20090930.xsd" -> "iij-20090930_lab.xml" */
static void file_name(const char *schema_name, int which, char *out, size_t size)
{
    size_t n = strlen(schema_name);
    if (n > 4 && !strcmp(schema_name + n - 4, ".xsd"))
        n -= 4;
    snprintf(out, size, "%.*s%s", (int)n, schema_name, suffixes[which]);
}

int linkbase_paths(const char *path, const char *schema_name, char paths[][4096])
{
    const char *slash = strrchr(path, '/');
    int dir = slash ? (int)(slash - path + 1) : 0;
    for (int i = 0; i < LINKBASE_FILES; i++) {
        char name[512];
        file_name(schema_name, i, name, sizeof name);
        if (snprintf(paths[i], 4096, "%.*s%s", dir, path, name) >= 4096)
            return 0;
    }
    return 1;
}

static const char *local_of(const char *qname)
{
    const char *c = strchr(qname, ':');
    return c ? c + 1 : qname;
}

/* "us-gaap:Revenues" -> "us-gaap_Revenues", the id of its element. */
static void element_id(const char *qname, char *out, size_t size)
{
    const char *c = strchr(qname, ':');
    snprintf(out, size, "%.*s_%s", c ? (int)(c - qname) : 0, qname, local_of(qname));
}

/* Where a node's element is: our schema, or the schema of its prefix. */
static void node_href(const ext_taxonomy *x, const ext_node *n, char *out, size_t size)
{
    char id[320];
    element_id(n->qname, id, sizeof id);
    const char *url = ext_node_declared(n) ? x->schema_name : NULL;
    if (!url) {
        const char *colon = strchr(n->qname, ':');
        size_t plen = colon ? (size_t)(colon - n->qname) : 0;
        for (size_t i = 0; i < taxonomy_schema_count(x->tax) && !url; i++) {
            const char *prefix;
            const char *u = taxonomy_schema(x->tax, i, &prefix);
            if (strlen(prefix) == plen && !strncmp(prefix, n->qname, plen))
                url = u;
        }
    }
    snprintf(out, size, "%s#%s", url ? url : "", id);
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

static int simple_ref(xmlTextWriterPtr w, const char *element, const char *uri_attr,
                      const char *uri, const char *href)
{
    W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST element, NULL));
    if (uri_attr)
        W(attr(w, uri_attr, uri));
    W(attr(w, "xlink:type", "simple"));
    W(attr(w, "xlink:href", href));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

/* ---- The schema --------------------------------------------------------- */

static int write_element(xmlTextWriterPtr w, const char *qname, const char *type,
                         int period_type, int balance, int abstract)
{
    char id[320];
    element_id(qname, id, sizeof id);
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "element", NULL));
    W(attr(w, "id", id));
    W(attr(w, "name", local_of(qname)));
    W(attr(w, "type", type));
    W(attr(w, "substitutionGroup", "xbrli:item"));
    if (abstract)
        W(attr(w, "abstract", "true"));
    W(attr(w, "nillable", "true"));
    W(attr(w, "xbrli:periodType", period_type == R2X_PERIOD_INSTANT ? "instant" : "duration"));
    if (balance)
        W(attr(w, "xbrli:balance", balance == BALANCE_DEBIT ? "debit" : "credit"));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_appinfo(xmlTextWriterPtr w, const ext_taxonomy *x)
{
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "annotation", NULL));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "appinfo", NULL));
    for (int i = FILE_LAB; i < LINKBASE_FILES; i++) {
        char name[512];
        file_name(x->schema_name, i, name, sizeof name);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "linkbaseRef", NULL));
        W(attr(w, "xlink:type", "simple"));
        W(attr(w, "xlink:href", name));
        W(attr(w, "xlink:role", linkbase_roles[i]));
        W(attr(w, "xlink:arcrole", "http://www.w3.org/1999/xlink/properties/linkbase"));
        W(xmlTextWriterEndElement(w));
    }
    for (size_t i = 0; i < ext_role_count(x); i++) {
        const ext_role *r = ext_role_at(x, i);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "roleType", NULL));
        W(attr(w, "roleURI", r->uri));
        W(attr(w, "id", r->id));
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "link", BAD_CAST "definition", NULL,
                                      BAD_CAST r->definition));
        static const char *const used_on[] = {"link:presentationLink", "link:calculationLink",
                                              "link:definitionLink"};
        for (size_t k = 0; k < 3; k++)
            W(xmlTextWriterWriteElementNS(w, BAD_CAST "link", BAD_CAST "usedOn", NULL,
                                          BAD_CAST used_on[k]));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_schema(const ext_taxonomy *x, const char *path, r2x_output **out,
                        r2x_error *err)
{
    r2x_output *o;
    xmlTextWriterPtr w;
    int rc = xbrl_writer_open(path, &o, &w, err);
    if (rc)
        return rc;
    const taxonomy *tax = x->tax;
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "schema", BAD_CAST NS_XS));
    W(attr(w, "targetNamespace", x->ns));
    W(attr(w, "elementFormDefault", "qualified"));
    W(attr(w, "attributeFormDefault", "unqualified"));
    for (size_t i = 0; i < taxonomy_namespace_count(tax); i++) {
        const char *prefix;
        const char *uri = taxonomy_namespace_at(tax, i, &prefix);
        char name[80];
        snprintf(name, sizeof name, "xmlns:%s", prefix);
        W(attr(w, name, uri));
    }
    if (!taxonomy_namespace(tax, x->prefix)) {
        char name[80];
        snprintf(name, sizeof name, "xmlns:%s", x->prefix);
        W(attr(w, name, x->ns));
    }
    W(attr(w, "xmlns:link", NS_LINK));
    W(attr(w, "xmlns:xlink", NS_XLINK));
    W(write_appinfo(w, x));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "import", NULL));
    W(attr(w, "namespace", NS_XBRLI));
    W(attr(w, "schemaLocation", SCHEMA_XBRLI));
    W(xmlTextWriterEndElement(w));
    for (size_t i = 0; i < taxonomy_schema_count(tax); i++) {
        const char *prefix;
        const char *url = taxonomy_schema(tax, i, &prefix);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "import", NULL));
        W(attr(w, "namespace", taxonomy_namespace(tax, prefix)));
        W(attr(w, "schemaLocation", url));
        W(xmlTextWriterEndElement(w));
    }
    /* the company's own concepts (its profile's concept file), then ours */
    for (size_t i = 0; i < taxonomy_extension_count(tax); i++) {
        const concept *c = taxonomy_extension_at(tax, i);
        W(write_element(w, c->qname, c->type, c->period_type, c->balance, c->abstract));
    }
    for (size_t i = 0; i < ext_node_count(x); i++) {
        const ext_node *n = ext_node_at(x, i);
        if (n->kind == EXT_NODE_ABSTRACT)
            W(write_element(w, n->qname, "xbrli:stringItemType", R2X_PERIOD_DURATION, 0, 1));
        else if (n->kind == EXT_NODE_DOMAIN)
            W(write_element(w, n->qname, "dtr-types:domainItemType", R2X_PERIOD_DURATION, 0,
                            1));
    }
    W(xmlTextWriterEndElement(w));
    return xbrl_writer_close(w, o, 0, path, "extension schema", out, err);
write_error:
    return xbrl_writer_close(w, o, 1, path, "extension schema", out, err);
}

/* ---- Linkbases ---------------------------------------------------------- */

static int start_linkbase(xmlTextWriterPtr w, int definition)
{
    W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "linkbase", BAD_CAST NS_LINK));
    W(attr(w, "xmlns:xlink", NS_XLINK));
    W(attr(w, "xmlns:xsi", NS_XSI));
    if (definition)
        W(attr(w, "xmlns:xbrldt", NS_XBRLDT));
    W(attr(w, "xsi:schemaLocation", LINKBASE_LOCATION));
    return 0;
write_error:
    return -1;
}

static int write_locator(xmlTextWriterPtr w, const ext_taxonomy *x, const ext_node *n)
{
    char href[1024], label[320];
    node_href(x, n, href, sizeof href);
    element_id(n->qname, label + 4, sizeof label - 4);
    memcpy(label, "loc_", 4);
    W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "loc", NULL));
    W(attr(w, "xlink:type", "locator"));
    W(attr(w, "xlink:href", href));
    W(attr(w, "xlink:label", label));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_labels(xmlTextWriterPtr w, const ext_taxonomy *x)
{
    int negated = 0;
    for (size_t i = 0; i < ext_node_count(x); i++) {
        const ext_node *n = ext_node_at(x, i);
        negated |= n->label[EXT_LABEL_NEGATED] || n->label[EXT_LABEL_NEGATED_TOTAL];
    }
    if (negated) {
        for (int r = EXT_LABEL_NEGATED; r <= EXT_LABEL_NEGATED_TOTAL; r++) {
            char href[256];
            snprintf(href, sizeof href, "%s#%s", SCHEMA_NEGATED, ext_label_role_name(r));
            W(simple_ref(w, "roleRef", "roleURI", ext_label_role_uri(r), href));
        }
    }
    W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "labelLink", NULL));
    W(attr(w, "xlink:type", "extended"));
    W(attr(w, "xlink:role", ROLE_LINK));
    for (size_t i = 0; i < ext_node_count(x); i++) {
        const ext_node *n = ext_node_at(x, i);
        char id[320], label[340], resource[400];
        element_id(n->qname, id, sizeof id);
        W(write_locator(w, x, n));
        snprintf(label, sizeof label, "lab_%s", id);
        for (int r = 0; r < EXT_LABEL_ROLES; r++) {
            if (!n->label[r])
                continue;
            snprintf(resource, sizeof resource, "lab_%s_%s", id, ext_label_role_name(r));
            W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "label", NULL));
            W(attr(w, "xlink:type", "resource"));
            W(attr(w, "xlink:label", label));
            W(attr(w, "xlink:role", ext_label_role_uri(r)));
            W(attr(w, "xml:lang", x->lang));
            W(attr(w, "id", resource));
            W(xmlTextWriterWriteString(w, BAD_CAST n->label[r]));
            W(xmlTextWriterEndElement(w));
        }
        snprintf(resource, sizeof resource, "loc_%s", id);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "labelArc", NULL));
        W(attr(w, "xlink:type", "arc"));
        W(attr(w, "xlink:arcrole", "http://www.xbrl.org/2003/arcrole/concept-label"));
        W(attr(w, "xlink:from", resource));
        W(attr(w, "xlink:to", label));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_arc(xmlTextWriterPtr w, const ext_taxonomy *x, const ext_arc *a, int which);

/* Dimension defaults are the DTS's, not a role's, and an axis-domain pair
 * may have one arc only in an extended link (XLink): they go in an
 * extended link of their own, of the standard role. */
static int in_file(int arcrole, int which)
{
    if (which == FILE_PRE)
        return arcrole == EXT_ARC_PARENT_CHILD;
    if (which == FILE_CAL)
        return arcrole == EXT_ARC_SUMMATION;
    return arcrole >= EXT_ARC_ALL && arcrole != EXT_ARC_DIMENSION_DEFAULT;
}

static int write_defaults(xmlTextWriterPtr w, const ext_taxonomy *x, unsigned char *located)
{
    int any = 0;
    memset(located, 0, ext_node_count(x) + 1);
    for (size_t i = 0; i < ext_role_count(x); i++) {
        const ext_role *r = ext_role_at(x, i);
        for (size_t k = 0; k < ext_arc_count(r); k++) {
            const ext_arc *a = ext_arc_at(r, k);
            /* an axis has one default: located[axis] says it is written */
            if (a->arcrole != EXT_ARC_DIMENSION_DEFAULT || located[a->from] & 2)
                continue;
            if (!any) {
                W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "definitionLink",
                                              NULL));
                W(attr(w, "xlink:type", "extended"));
                W(attr(w, "xlink:role", ROLE_LINK));
                any = 1;
            }
            size_t ends[2] = {a->from, a->to};
            for (int e = 0; e < 2; e++)
                if (!(located[ends[e]] & 1)) {
                    located[ends[e]] |= 1;
                    W(write_locator(w, x, ext_node_at(x, ends[e])));
                }
            located[a->from] |= 2;
            ext_arc one = *a;
            one.order = 1;
            W(write_arc(w, x, &one, FILE_DEF));
        }
    }
    if (any)
        W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int role_has(const ext_role *r, int which)
{
    for (size_t i = 0; i < ext_arc_count(r); i++)
        if (in_file(ext_arc_at(r, i)->arcrole, which))
            return 1;
    return 0;
}

static int write_arc(xmlTextWriterPtr w, const ext_taxonomy *x, const ext_arc *a, int which)
{
    static const char *const arc_names[LINKBASE_FILES] = {NULL, NULL, "presentationArc",
                                                           "calculationArc", "definitionArc"};
    char from[320], to[320], order[16];
    element_id(ext_node_at(x, a->from)->qname, from + 4, sizeof from - 4);
    element_id(ext_node_at(x, a->to)->qname, to + 4, sizeof to - 4);
    memcpy(from, "loc_", 4);
    memcpy(to, "loc_", 4);
    snprintf(order, sizeof order, "%d", a->order);
    W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST arc_names[which], NULL));
    W(attr(w, "xlink:type", "arc"));
    W(attr(w, "xlink:arcrole", ext_arcrole_uri(a->arcrole)));
    W(attr(w, "xlink:from", from));
    W(attr(w, "xlink:to", to));
    W(attr(w, "order", order));
    if (a->arcrole == EXT_ARC_SUMMATION)
        W(attr(w, "weight", a->weight < 0 ? "-1" : "1"));
    if (a->arcrole == EXT_ARC_PARENT_CHILD && a->preferred != EXT_LABEL)
        W(attr(w, "preferredLabel", ext_label_role_uri(a->preferred)));
    if (a->arcrole == EXT_ARC_ALL) {
        W(attr(w, "xbrldt:contextElement", "segment"));
        W(attr(w, "xbrldt:closed", "true"));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

/* One extended link per role that has relationships of the file's kind,
 * each concept located once in it. */
static int write_relationships(xmlTextWriterPtr w, const ext_taxonomy *x, int which)
{
    static const char *const link_names[LINKBASE_FILES] = {NULL, NULL, "presentationLink",
                                                            "calculationLink", "definitionLink"};
    unsigned char *located = NULL;
    if (which == FILE_DEF) {
        for (int a = EXT_ARC_ALL; a <= EXT_ARC_DIMENSION_DEFAULT; a++) {
            int used = 0;
            for (size_t i = 0; i < ext_role_count(x) && !used; i++)
                for (size_t k = 0; k < ext_arc_count(ext_role_at(x, i)) && !used; k++)
                    used = ext_arc_at(ext_role_at(x, i), k)->arcrole == a;
            char href[256];
            snprintf(href, sizeof href, "%s#%s", SCHEMA_XBRLDT, ext_arcrole_xbrldt_id(a));
            if (used)
                W(simple_ref(w, "arcroleRef", "arcroleURI", ext_arcrole_uri(a), href));
        }
    }
    for (size_t i = 0; i < ext_role_count(x); i++) {
        const ext_role *r = ext_role_at(x, i);
        char href[600];
        snprintf(href, sizeof href, "%s#%s", x->schema_name, r->id);
        if (role_has(r, which))
            W(simple_ref(w, "roleRef", "roleURI", r->uri, href));
    }
    located = calloc(ext_node_count(x) + 1, 1);
    if (!located)
        return -1;
    for (size_t i = 0; i < ext_role_count(x); i++) {
        const ext_role *r = ext_role_at(x, i);
        if (!role_has(r, which))
            continue;
        memset(located, 0, ext_node_count(x) + 1);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST link_names[which], NULL));
        W(attr(w, "xlink:type", "extended"));
        W(attr(w, "xlink:role", r->uri));
        for (size_t k = 0; k < ext_arc_count(r); k++) {
            const ext_arc *a = ext_arc_at(r, k);
            if (!in_file(a->arcrole, which))
                continue;
            size_t ends[2] = {a->from, a->to};
            for (int e = 0; e < 2; e++)
                if (!located[ends[e]]) {
                    located[ends[e]] = 1;
                    W(write_locator(w, x, ext_node_at(x, ends[e])));
                }
        }
        for (size_t k = 0; k < ext_arc_count(r); k++)
            if (in_file(ext_arc_at(r, k)->arcrole, which))
                W(write_arc(w, x, ext_arc_at(r, k), which));
        W(xmlTextWriterEndElement(w));
    }
    if (which == FILE_DEF)
        W(write_defaults(w, x, located));
    free(located);
    return 0;
write_error:
    free(located);
    return -1;
}

static int write_linkbase_file(const ext_taxonomy *x, int which, const char *path,
                               r2x_output **out, r2x_error *err)
{
    static const char *const what[LINKBASE_FILES] = {NULL, "label linkbase",
                                                     "presentation linkbase",
                                                     "calculation linkbase",
                                                     "definition linkbase"};
    r2x_output *o;
    xmlTextWriterPtr w;
    int rc = xbrl_writer_open(path, &o, &w, err);
    if (rc)
        return rc;
    W(start_linkbase(w, which == FILE_DEF));
    if (which == FILE_LAB)
        W(write_labels(w, x));
    else
        W(write_relationships(w, x, which));
    W(xmlTextWriterEndElement(w));
    return xbrl_writer_close(w, o, 0, path, what[which], out, err);
write_error:
    return xbrl_writer_close(w, o, 1, path, what[which], out, err);
}

int linkbase_write(const ext_taxonomy *x, const char *path, r2x_output *outs[LINKBASE_FILES],
                   r2x_error *err)
{
    char paths[LINKBASE_FILES][4096];
    for (int i = 0; i < LINKBASE_FILES; i++)
        outs[i] = NULL;
    if (!linkbase_paths(path, x->schema_name, paths))
        return r2xi_fail(err, R2X_EUSAGE, path, 0, "the path is too long");
    int rc = write_schema(x, paths[FILE_SCHEMA], &outs[FILE_SCHEMA], err);
    for (int i = FILE_LAB; i < LINKBASE_FILES && !rc; i++)
        rc = write_linkbase_file(x, i, paths[i], &outs[i], err);
    return rc;
}
