/* schema_check.c - XML Schema validity through libxml2's schema processor.
 *
 * The DTS reader (dts.c) streams documents; this module compiles the DTS's
 * schemas once more, as a whole, for what only a schema processor can say:
 * content models, facets, defaults and fixed values.  Every schema document
 * of the DTS is named by one generated schema that imports its namespace,
 * and every byte is read through the fetcher (libxml2's entity loader is
 * routed through it while this runs), so the network rules stay the
 * fetcher's.
 */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "report.h"
#include "schema_check.h"

#define XML_NS_SCHEMA "http://www.w3.org/2001/xml.xsd"
#define WRAPPER_NS "urn:release2xbrl:dts"
#define CARRIER "attributes"

struct schema_set {
    const dts *d;
    fetcher *f;
    reporter *rp;
    xmlSchemaPtr schema;
};

/* Where libxml2's messages go while it works for us. */
typedef struct sink {
    reporter *rp;
    const char *code;          /* the rule the findings are reported under */
    const char *fallback_file; /* when libxml2 names none */
    int lax;                   /* an element without a declaration is no error */
    size_t errors;
    const srcpos_map *positions;   /* where the instance's elements are; may be NULL */
    r2x_diag_fn hold;          /* when set, findings go here instead of rp */
    void *hold_userdata;
} sink;

static void on_error(void *userdata, xmlErrorPtr e)
{
    sink *s = userdata;
    if (!e || e->level < XML_ERR_ERROR)
        return;                /* warnings: "skipping import" and the like */
    if (s->lax && e->code == XML_SCHEMAV_CVC_ELT_1)
        return;                /* lax: no global declaration, nothing to check */
    char msg[700];
    const char *m = e->message ? e->message : "XML Schema error";
    static const char carrier[] = "Element '{" WRAPPER_NS "}" CARRIER "', ";
    if (!strncmp(m, carrier, sizeof carrier - 1))   /* foreign_attributes' stand-in */
        m += sizeof carrier - 1;
    snprintf(msg, sizeof msg, "%s", m);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    srcpos at = {e->line, 0};
    if (e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE &&
        (at.line <= 0 || s->positions))
        at = srcpos_of(s->positions, e->node);
    const char *file = e->file ? e->file : s->fallback_file;
    s->errors++;
    r2x_error f;
    memset(&f, 0, sizeof f);
    f.code = R2X_EINPUT;
    f.severity = R2X_SEV_ERROR;
    r2xi_strlcpy(f.file, file ? file : "", sizeof f.file);
    f.line = at.line > 0 ? at.line : 0;
    f.column = at.column;
    r2xi_strlcpy(f.message, msg, sizeof f.message);
    r2xi_strlcpy(f.rule, s->code, sizeof f.rule);
    if (s->hold)
        s->hold(s->hold_userdata, &f);
    else
        report_record(s->rp, &f);
}

/* libxml2 sends the parser's own messages (a schema document that is not
 * well-formed) to the global handler: catch them for the duration. */
typedef struct saved_handler {
    xmlStructuredErrorFunc fn;
    void *ctx;
} saved_handler;

static saved_handler catch_global(sink *s)
{
    saved_handler h = {xmlStructuredError, xmlStructuredErrorContext};
    xmlSetStructuredErrorFunc(s, on_error);
    return h;
}

static void restore_global(saved_handler h)
{
    xmlSetStructuredErrorFunc(h.ctx, h.fn);
}

/* The target namespace of a schema document into ns (1; 0 when it is no
 * schema or has none: an included chameleon, which its includer brings), and
 * the xsi:schemaLocation of its root into hints ("" if none). */
static int sniff(fetcher *f, const char *url, r2x_buf *ns, r2x_buf *hints)
{
    char *data = NULL;
    size_t len = 0;
    r2x_error err;
    r2x_error_clear(&err);
    buf_reset(hints);
    if (fetcher_get(f, url, NULL, &data, &len, NULL, &err) || len > 0x7fffffff) {
        free(data);
        return 0;
    }
    int found = 0;
    xmlTextReaderPtr rd = xmlReaderForMemory(data, (int)len, url, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING);
    while (rd && xmlTextReaderRead(rd) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
            continue;
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(rd);
        if (uri && !strcmp((const char *)uri, XSD_NS) &&
            !strcmp((const char *)xmlTextReaderConstLocalName(rd), "schema")) {
            xmlChar *tns = xmlTextReaderGetAttribute(rd, BAD_CAST "targetNamespace");
            if (tns && *tns) {
                buf_reset(ns);
                found = !buf_adds(ns, (const char *)tns) ? 1 : -1;
            }
            xmlFree(tns);
        }
        xmlChar *h = xmlTextReaderGetAttributeNs(rd, BAD_CAST "schemaLocation", BAD_CAST XSI_NS);
        if (h && buf_adds(hints, (const char *)h))
            found = -1;
        xmlFree(h);
        break;
    }
    xmlFreeTextReader(rd);
    free(data);
    return found;
}

/* ---- the XBRL instance schema, loosened for large DTSs ---------------------
 *
 * xbrli:xbrl's content model names xbrli:item and xbrli:tuple, and libxml2
 * builds its automaton with every member of their substitution groups:
 * cubic in their number (1,000 items: 13 s; 2,000: 160 s; US-GAAP's 17,000
 * did not finish in 10 minutes and 2.5 GB).  For a large DTS the schema is
 * served with that content model replaced by (context | unit | any other
 * namespace, laxly)*: every fact is still validated against its own
 * declaration (lax finds it), and what the loosening gives up - the order of
 * schemaRef, linkbaseRef, roleRef, arcroleRef before the rest, and that
 * facts are items or tuples - the instance checks of validate.c say. */

#define XBRLI_SCHEMA_PATH "/2003/xbrl-instance-2003-12-31.xsd"

static xmlExternalEntityLoader fetch_loader;   /* the fetcher's, while we run */
static fetcher *loosen_with;                   /* non-NULL: loosen xbrli:xbrl */

static const char loose_content[] =
    "<choice minOccurs=\"0\" maxOccurs=\"unbounded\">"
    "<element ref=\"xbrli:context\"/><element ref=\"xbrli:unit\"/>"
    "<any namespace=\"##other\" processContents=\"lax\"/></choice>";

/* The instance schema's text with xbrli:xbrl's sequence replaced; NULL when
 * the text is not as published (then it is used as it is). */
static char *loosen(const char *data)
{
    const char *el = strstr(data, "<element name=\"xbrl\">");
    const char *from = el ? strstr(el, "<sequence>") : NULL;
    const char *to = from ? strstr(from, "</sequence>") : NULL;
    const char *end = el ? strstr(el, "</element>") : NULL;
    if (!to || !end || to > end)
        return NULL;
    to += strlen("</sequence>");
    r2x_buf b;
    buf_init(&b, R2X_BUF_NOCAP);
    if (buf_add(&b, data, (size_t)(from - data)) || buf_adds(&b, loose_content) ||
        buf_adds(&b, to)) {
        buf_release(&b);
        return NULL;
    }
    return buf_detach(&b, NULL);
}

static xmlParserInputPtr loosening_loader(const char *url, const char *id,
                                          xmlParserCtxtPtr ctxt)
{
    size_t n = url ? strlen(url) : 0, k = strlen(XBRLI_SCHEMA_PATH);
    if (!loosen_with || n < k || strcmp(url + n - k, XBRLI_SCHEMA_PATH) ||
        strncmp(url, "http", 4))
        return fetch_loader(url, id, ctxt);
    char *data = NULL, *loose = NULL;
    size_t len = 0;
    r2x_error err;
    r2x_error_clear(&err);
    if (fetcher_get(loosen_with, url, NULL, &data, &len, NULL, &err) || !(loose = loosen(data))) {
        free(data);
        return fetch_loader(url, id, ctxt);
    }
    free(data);
    /* the buffer copies the bytes */
    xmlParserInputBufferPtr in = xmlParserInputBufferCreateMem(loose, (int)strlen(loose),
                                                               XML_CHAR_ENCODING_NONE);
    free(loose);
    xmlParserInputPtr input = in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE) : NULL;
    if (!input) {
        xmlFreeParserInputBuffer(in);
        return NULL;
    }
    input->filename = (const char *)xmlStrdup((const xmlChar *)url);
    return input;
}

/* Route libxml2's loads through the fetcher (and the loosening). */
static void install(fetcher *f, int loose)
{
    fetcher_install(f);
    fetch_loader = xmlGetExternalEntityLoader();
    loosen_with = loose ? f : NULL;
    xmlSetExternalEntityLoader(loosening_loader);
}

static void uninstall(void)
{
    xmlSetExternalEntityLoader(fetch_loader);
    loosen_with = NULL;
    fetcher_uninstall();
}

static int add_escaped(r2x_buf *b, const char *s)
{
    for (; *s; s++) {
        int rc;
        switch (*s) {
        case '&': rc = buf_adds(b, "&amp;"); break;
        case '<': rc = buf_adds(b, "&lt;"); break;
        case '"': rc = buf_adds(b, "&quot;"); break;
        default: rc = buf_addc(b, *s); break;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* One xsd:import, unless the namespace has one already. */
static int add_import(r2x_buf *w, xmlHashTablePtr seen, const char *ns, const char *url)
{
    if (xmlHashLookup(seen, BAD_CAST ns))
        return 0;
    if (xmlHashAddEntry(seen, BAD_CAST ns, (void *)"") ||
        buf_adds(w, "<xsd:import namespace=\"") || add_escaped(w, ns) ||
        buf_adds(w, "\" schemaLocation=\"") || add_escaped(w, url) || buf_adds(w, "\"/>\n"))
        return -1;
    return 0;
}

/* xsi:schemaLocation pairs (namespace, location resolved against base).
 * Not part of the DTS (XBRL 2.1 3.2) but used by schema validation: the lax
 * validation of 314-lax-validation, custom links declared in schemas that
 * only a linkbase's hint names. */
static int add_hints(r2x_buf *w, xmlHashTablePtr seen, const char *hints, const char *base,
                     reporter *rp, fetcher *f, long line)
{
    char *v = r2xi_strdup(hints ? hints : "");
    int rc = v ? 0 : -1;
    char *save = NULL;
    char *ns = v ? strtok_r(v, " \t\r\n", &save) : NULL;
    while (!rc && ns) {
        char *loc = strtok_r(NULL, " \t\r\n", &save);
        if (!loc)
            break;
        char *url = fetch_resolve(base, loc);
        char *data = NULL;
        size_t len = 0;
        r2x_error err;
        r2x_error_clear(&err);
        if (!url) {
            rc = -1;
        } else if (xmlHashLookup(seen, BAD_CAST ns)) {
            /* the DTS, or an earlier hint, has the namespace already */
        } else if (fetcher_get(f, url, NULL, &data, &len, NULL, &err)) {
            /* a hint is no part of the DTS (XBRL 2.1 3.2): one that cannot be
             * had leaves its namespace to lax validation, and is no error */
            report(rp, R2X_SEV_WARNING, "xmlSchema:hintUnavailable", base, line, 0,
                   "the xsi:schemaLocation hint '%s' for the namespace %s cannot be had (%s); "
                   "that namespace is validated laxly", loc, ns, err.message);
        } else {
            rc = add_import(w, seen, ns, url);
        }
        free(data);
        free(url);
        ns = strtok_r(NULL, " \t\r\n", &save);
    }
    free(v);
    return rc;
}

static int is_remote(const char *url)
{
    return !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
}

/* The generated schema: one xsd:import per namespace, at the first schema
 * document of the DTS that declares it (discovery order: deterministic);
 * then the instance's hints; then the XBRL instance schema, which validates
 * the root of every instance even when the DTS does not import it. */
static int wrapper_schema(const dts *d, fetcher *f, reporter *rp, xmlDocPtr hints, r2x_buf *w)
{
    xmlHashTablePtr seen = xmlHashCreate(64);
    r2x_buf ns, hint, later;
    buf_init(&ns, R2X_BUF_NOCAP);
    buf_init(&hint, R2X_BUF_NOCAP);
    buf_init(&later, R2X_BUF_NOCAP);   /* "base\nhints\n" of the DTS's own documents */
    int rc = !seen || buf_adds(w, "<xsd:schema xmlns:xsd=\"" XSD_NS
                                  "\" targetNamespace=\"" WRAPPER_NS "\">\n");
    for (size_t i = 0; !rc && i < dts_document_count(d); i++) {
        const char *url = dts_document_url(d, i);
        int k = sniff(f, url, &ns, &hint);
        if (k < 0)
            rc = -1;
        else if (k > 0)
            rc = add_import(w, seen, ns.data, url);
        if (!rc && hint.len && !is_remote(url))
            rc = buf_addf(&later, "%s\n%s\n", url, hint.data);
    }
    xmlNodePtr root = hints ? xmlDocGetRootElement(hints) : NULL;
    xmlChar *v = root ? xmlGetNsProp(root, BAD_CAST "schemaLocation", BAD_CAST XSI_NS) : NULL;
    if (!rc && v)
        rc = add_hints(w, seen, (const char *)v, hints->URL ? (const char *)hints->URL : "",
                       rp, f, xmlGetLineNo(root));
    xmlFree(v);
    /* attribute values are normalized: no newline inside the hints */
    char *p = later.data;
    while (!rc && p && *p) {
        char *nl = strchr(p, '\n'), *end = nl ? strchr(nl + 1, '\n') : NULL;
        if (!end)
            break;
        *nl = *end = '\0';
        rc = add_hints(w, seen, nl + 1, p, rp, f, 1);
        p = end + 1;
    }
    buf_release(&hint);
    buf_release(&later);
    if (!rc)
        rc = add_import(w, seen, XBRLI_NS, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd");
    /* xml:lang and xml:space, laxly validated wherever XBRL's schemas allow
     * them (labels, footnotes): when the XML namespace's schema can be had */
    char *data = NULL;
    size_t len = 0;
    r2x_error err;
    r2x_error_clear(&err);
    if (!rc && !xmlHashLookup(seen, BAD_CAST XML_XML_NAMESPACE) &&
        !fetcher_get(f, XML_NS_SCHEMA, NULL, &data, &len, NULL, &err))
        rc = add_import(w, seen, (const char *)XML_XML_NAMESPACE, XML_NS_SCHEMA);
    free(data);
    /* an element any attribute may sit on, validated laxly: attributes of
     * other namespaces on schema components (see foreign_attributes) */
    if (!rc)
        rc = buf_adds(w, "<xsd:element name=\"" CARRIER "\"><xsd:complexType>"
                         "<xsd:anyAttribute namespace=\"##any\" processContents=\"lax\"/>"
                         "</xsd:complexType></xsd:element>\n</xsd:schema>\n");
    buf_release(&ns);
    xmlHashFree(seen, NULL);
    return rc;
}

int schema_set_new(const dts *d, fetcher *f, reporter *rp, xmlDocPtr hints, schema_set **out,
                   r2x_error *err)
{
    *out = NULL;
    r2x_buf w;
    buf_init(&w, R2X_BUF_NOCAP);
    if (wrapper_schema(d, f, rp, hints, &w)) {
        buf_release(&w);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    schema_set *s = calloc(1, sizeof *s);
    xmlSchemaParserCtxtPtr pc = s ? xmlSchemaNewMemParserCtxt(w.data, (int)w.len) : NULL;
    if (!pc) {
        free(s);
        buf_release(&w);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    s->d = d;
    s->f = f;
    s->rp = rp;
    sink k = {rp, "xmlSchema:schema", NULL, 0, 0, NULL, NULL, NULL};
    xmlSchemaSetParserStructuredErrors(pc, on_error, &k);
    dts_counts dc;
    dts_get_counts(d, &dc);
    install(f, dc.concepts > SCHEMA_EXACT_MAX_CONCEPTS);
    saved_handler h = catch_global(&k);
    s->schema = xmlSchemaParse(pc);
    restore_global(h);
    uninstall();
    xmlSchemaFreeParserCtxt(pc);
    buf_release(&w);
    if (!s->schema) {
        schema_set_free(s);
        return R2X_OK;
    }
    *out = s;
    return R2X_OK;
}

void schema_set_free(schema_set *s)
{
    if (!s)
        return;
    xmlSchemaFree(s->schema);
    free(s);
}

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           !strcmp((const char *)n->name, name);
}

size_t schema_validate_instance(schema_set *s, xmlDocPtr doc, const srcpos_map *positions,
                                r2x_diag_fn hold, void *hold_userdata)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->schema);
    if (!vc)
        return 0;
    const char *name = doc->URL ? (const char *)doc->URL : "";
    sink k = {s->rp, "xmlSchema:validity", name, 0, 0, positions, hold, hold_userdata};
    xmlSchemaSetValidStructuredErrors(vc, on_error, &k);
    xmlSchemaSetValidOptions(vc, XML_SCHEMA_VAL_VC_I_CREATE);
    install(s->f, 0);
    saved_handler h = catch_global(&k);
    xmlSchemaValidateDoc(vc, doc);
    restore_global(h);
    uninstall();
    xmlSchemaFreeValidCtxt(vc);
    return k.errors;
}

/* Attributes of other namespaces on a schema component (the schema for
 * schemas lets them in laxly: xbrli:periodType, an extension's own): copied
 * onto a carrier element the generated schema declares, and validated. */
static void foreign_attributes(xmlSchemaValidCtxtPtr vc, xmlNodePtr n)
{
    xmlDocPtr scratch = NULL;
    xmlNodePtr carrier = NULL;
    int k = 0;
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (!a->ns || !strcmp((const char *)a->ns->href, XSD_NS))
            continue;
        if (!carrier) {
            scratch = xmlNewDoc(BAD_CAST "1.0");
            carrier = scratch ? xmlNewDocNode(scratch, NULL, BAD_CAST CARRIER, NULL) : NULL;
            if (!carrier)
                break;
            xmlDocSetRootElement(scratch, carrier);
            xmlSetNs(carrier, xmlNewNs(carrier, BAD_CAST WRAPPER_NS, BAD_CAST "r2x"));
            long line = xmlGetLineNo(n);
            carrier->line = line > 0 && line < 65535 ? (unsigned short)line : 65535;
        }
        char prefix[16];
        snprintf(prefix, sizeof prefix, "a%d", k++);
        xmlNsPtr ns = xmlNewNs(carrier, a->ns->href, BAD_CAST prefix);
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        if (ns)
            xmlNewNsProp(carrier, ns, a->name, v ? v : BAD_CAST "");
        xmlFree(v);
    }
    if (carrier)
        xmlSchemaValidateOneElement(vc, carrier);
    xmlFreeDoc(scratch);
}

/* Schema components: their attributes of other namespaces, and the appinfo
 * content (5.1: roleType, arcroleType, embedded linkbases), validated laxly:
 * what has a global declaration must match it. */
static void appinfo(xmlSchemaValidCtxtPtr vc, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(n, XSD_NS, "appinfo")) {
            for (xmlNodePtr c = n->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    xmlSchemaValidateOneElement(vc, c);
        } else if (n->ns && !strcmp((const char *)n->ns->href, XSD_NS)) {
            foreign_attributes(vc, n);
            appinfo(vc, n->children);
        }
    }
}

size_t schema_validate_documents(schema_set *s)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->schema);
    if (!vc)
        return 0;
    sink k = {s->rp, "xmlSchema:validity", "", 1, 0, NULL, NULL, NULL};
    xmlSchemaSetValidStructuredErrors(vc, on_error, &k);
    install(s->f, 0);
    saved_handler h = catch_global(&k);
    for (size_t i = 0; i < dts_document_count(s->d); i++) {
        const char *url = dts_document_url(s->d, i);
        if (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8))
            continue;           /* published: taken as checked by its publisher */
        char *data = NULL;
        size_t len = 0;
        r2x_error err;
        r2x_error_clear(&err);
        if (fetcher_get(s->f, url, NULL, &data, &len, NULL, &err) || len > 0x7fffffff) {
            free(data);
            continue;           /* the DTS reader has said so */
        }
        xmlDocPtr doc = xmlReadMemory(data, (int)len, url, NULL,
                                      XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                          XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        free(data);
        xmlNodePtr root = xmlDocGetRootElement(doc);
        k.fallback_file = url;
        if (is_el(root, LINK_NS, "linkbase"))
            xmlSchemaValidateDoc(vc, doc);
        else if (is_el(root, XSD_NS, "schema"))
            appinfo(vc, root);
        xmlFreeDoc(doc);
    }
    restore_global(h);
    uninstall();
    xmlSchemaFreeValidCtxt(vc);
    return k.errors;
}
