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
#include "schema_check.h"

struct schema_set {
    const dts *d;
    fetcher *f;
    xmlSchemaPtr schema;
};

/* Where libxml2's messages go while it works for us. */
typedef struct sink {
    const dts_options *o;
    const char *code;          /* the rule the findings are reported under */
    const char *fallback_file; /* when libxml2 names none */
    size_t errors;
} sink;

static void on_error(void *userdata, xmlErrorPtr e)
{
    sink *s = userdata;
    if (!e || e->level < XML_ERR_ERROR)
        return;                /* warnings: "skipping import" and the like */
    char msg[700];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML Schema error");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    long line = e->line;
    if (line <= 0 && e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
        line = xmlGetLineNo((xmlNodePtr)e->node);
    const char *file = e->file ? e->file : s->fallback_file;
    s->errors++;
    r2x_diag(s->o->diag, s->o->diag_userdata, R2X_SEV_ERROR, R2X_EINPUT, file ? file : "",
             line > 0 ? line : 0, 0, "[%s] %s", s->code, msg);
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

/* The target namespace of a schema document; 0 when it is no schema or has
 * none (an included chameleon: its includer brings it). */
static int schema_namespace(fetcher *f, const char *url, r2x_buf *ns)
{
    char *data = NULL;
    size_t len = 0;
    r2x_error err;
    r2x_error_clear(&err);
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
        break;
    }
    xmlFreeTextReader(rd);
    free(data);
    return found;
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

/* The generated schema: one xsd:import per namespace, at the first schema
 * document of the DTS that declares it (discovery order: deterministic). */
static int wrapper_schema(const dts *d, fetcher *f, r2x_buf *w)
{
    xmlHashTablePtr seen = xmlHashCreate(64);
    r2x_buf ns;
    buf_init(&ns, R2X_BUF_NOCAP);
    int rc = !seen || buf_adds(w, "<xsd:schema xmlns:xsd=\"" XSD_NS
                                  "\" targetNamespace=\"urn:release2xbrl:dts\">\n");
    for (size_t i = 0; !rc && i < dts_document_count(d); i++) {
        const char *url = dts_document_url(d, i);
        int k = schema_namespace(f, url, &ns);
        if (k < 0)
            rc = -1;
        if (k <= 0 || xmlHashLookup(seen, BAD_CAST ns.data))
            continue;
        if (xmlHashAddEntry(seen, BAD_CAST ns.data, (void *)url) ||
            buf_adds(w, "<xsd:import namespace=\"") || add_escaped(w, ns.data) ||
            buf_adds(w, "\" schemaLocation=\"") || add_escaped(w, url) || buf_adds(w, "\"/>\n"))
            rc = -1;
    }
    if (!rc)
        rc = buf_adds(w, "</xsd:schema>\n");
    buf_release(&ns);
    xmlHashFree(seen, NULL);
    return rc;
}

int schema_set_new(const dts *d, fetcher *f, schema_set **out, r2x_error *err)
{
    *out = NULL;
    r2x_buf w;
    buf_init(&w, R2X_BUF_NOCAP);
    if (wrapper_schema(d, f, &w)) {
        buf_release(&w);
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    schema_set *s = calloc(1, sizeof *s);
    xmlSchemaParserCtxtPtr pc = s ? xmlSchemaNewMemParserCtxt(w.data, (int)w.len) : NULL;
    if (!pc) {
        free(s);
        buf_release(&w);
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    s->d = d;
    s->f = f;
    sink k = {dts_get_options(d), "xmlSchema:schema", NULL, 0};
    xmlSchemaSetParserStructuredErrors(pc, on_error, &k);
    fetcher_install(f);
    saved_handler h = catch_global(&k);
    s->schema = xmlSchemaParse(pc);
    restore_global(h);
    fetcher_uninstall();
    xmlSchemaFreeParserCtxt(pc);
    buf_release(&w);
    if (!s->schema) {
        free(s);
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

/* Typed dimension values (XDT 3.1.4.4.3): the one element in a
 * typedMember must be valid against its global declaration. */
static void typed_members(xmlSchemaValidCtxtPtr vc, xmlNodePtr box)
{
    for (xmlNodePtr m = box ? box->children : NULL; m; m = m->next) {
        if (!is_el(m, XBRLDI_NS, "typedMember"))
            continue;
        xmlNodePtr value = NULL;
        int elements = 0;
        for (xmlNodePtr c = m->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                value = c;
                elements++;
            }
        if (elements == 1)          /* otherwise dimensions.c says so */
            xmlSchemaValidateOneElement(vc, value);
    }
}

size_t schema_validate_instance(schema_set *s, xmlDocPtr doc)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s->schema);
    if (!vc)
        return 0;
    const char *name = doc->URL ? (const char *)doc->URL : "";
    sink k = {dts_get_options(s->d), "xmlSchema:validity", name, 0};
    xmlSchemaSetValidStructuredErrors(vc, on_error, &k);
    xmlSchemaSetValidOptions(vc, XML_SCHEMA_VAL_VC_I_CREATE);
    fetcher_install(s->f);
    saved_handler h = catch_global(&k);
    xmlSchemaValidateDoc(vc, doc);
    k.code = "xbrldie:IllegalTypedDimensionContentError";
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (!is_el(c, XBRLI_NS, "context"))
            continue;
        for (xmlNodePtr p = c->children; p; p = p->next) {
            if (is_el(p, XBRLI_NS, "scenario"))
                typed_members(vc, p);
            else if (is_el(p, XBRLI_NS, "entity"))
                for (xmlNodePtr g = p->children; g; g = g->next)
                    if (is_el(g, XBRLI_NS, "segment"))
                        typed_members(vc, g);
        }
    }
    restore_global(h);
    fetcher_uninstall();
    xmlSchemaFreeValidCtxt(vc);
    return k.errors;
}
