/*
 * write_xbrl.c - the fact set as an XBRL 2.1 instance (libxml2's
 * xmlTextWriter, streaming), and the writer every XML output shares.
 */
#include "write_xbrl.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "output.h"
#include "document.h"
#include "periods.h"
#include "units.h"
#include "xbrl_ns.h"
#include "xml_guard.h"

#define NS_XBRLI XBRLI_NS
#define NS_LINK "http://www.xbrl.org/2003/linkbase"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XBRLDI "http://xbrl.org/2006/xbrldi"
#define NS_ISO4217 "http://www.xbrl.org/2003/iso4217"

#define W(call) do { if ((call) < 0) goto write_error; } while (0)

/* The measure QName of a unit part: currencies in iso4217, shares in xbrli,
 * anything else (ADS) in the extension namespace. */
static void measure_qname(const char *m, const char *ext_prefix, char *out, size_t size)
{
    size_t len = 0;
    const char *code = unit_currency_at(m, &len);
    if (!strcmp(m, "shares") || !strcmp(m, "pure"))
        snprintf(out, size, "xbrli:%s", m);
    else if (code && len == strlen(m) && !strcmp(code, m))
        snprintf(out, size, "iso4217:%s", m);      /* an ISO 4217 code, not "ADS" */
    else
        snprintf(out, size, "%s:%s", ext_prefix ? ext_prefix : "xbrli", m);
}

/* A stable, readable unit id: "JPY", "USDPerShare", "shares", "pure". */
void xbrl_unit_id(const r2x_unit *u, char *out, size_t size)
{
    if (u->kind == R2X_UNIT_PER_SHARE)
        snprintf(out, size, "%sPer%s", u->measure,
                 !strcmp(u->denominator, "shares") ? "Share" : u->denominator);
    else if (u->kind == R2X_UNIT_OTHER && !strcmp(u->measure, "ADS"))
        snprintf(out, size, "shares");   /* ADS counts are share counts */
    else
        snprintf(out, size, "%s", u->measure);
}

/* Bytes go to the output's stream; a failure there (a full disk) is found by
 * output_commit() and reported by us, so libxml2 never prints an I/O error. */
static int stream_write(void *ctx, const char *buffer, int len)
{
    fwrite(buffer, 1, (size_t)len, (FILE *)ctx);
    return len;
}

/* libxml2 2.9 drops what it cannot allocate (an element name, escaped text)
 * from the document and carries on, saying so only to its error handler:
 * while a writer is open, a guard notes the failure (and keeps libxml2 from
 * printing), and xbrl_writer_close() then fails the output.  One writer is open
 * at a time. */
static xml_guard writer_guard;

/* Open path through a safe output and put an indenting xmlTextWriter on it. */
int xbrl_writer_open(const char *path, r2x_output **out, xmlTextWriterPtr *w,
                     r2x_error *err)
{
    int rc = output_open(path, out, err);
    if (rc)
        return rc;
    xml_guard_begin(&writer_guard);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(stream_write, NULL, output_stream(*out),
                                                    NULL);
    *w = ob ? xmlNewTextWriter(ob) : NULL;
    if (!*w) {
        if (ob)
            xmlOutputBufferClose(ob);
        output_abort(*out);
        (void)xml_guard_end(&writer_guard);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    xmlTextWriterSetIndent(*w, 1);
    xmlTextWriterSetIndentString(*w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(*w, "1.0", "UTF-8", NULL) < 0) {
        xmlFreeTextWriter(*w);
        output_abort(*out);
        (void)xml_guard_end(&writer_guard);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    return R2X_OK;
}

/* Finish the document and commit the output; on a write error, abort it. */
int xbrl_writer_close(xmlTextWriterPtr w, r2x_output *out, int failed, const char *path,
                      const char *what, r2x_output **deferred, r2x_error *err)
{
    if (!failed && (xmlTextWriterEndDocument(w) < 0))
        failed = 1;
    xmlFreeTextWriter(w);          /* flushes into the output's stream */
    if (xml_guard_end(&writer_guard) || writer_guard.errors)
        failed = 1;
    if (failed) {
        /* stream_write takes every byte (write errors surface at commit),
         * so the writer fails only when libxml2 cannot allocate */
        output_abort(out);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory writing the %s", what);
    }
    if (deferred) {
        *deferred = out;           /* the caller commits it with its other outputs */
        return R2X_OK;
    }
    return output_commit(out, err);
}

/* ---- Instance ------------------------------------------------------------ */

static int write_context(xmlTextWriterPtr w, const context *c, const xbrl_options *o)
{
    char d[16];
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "context", NULL));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST c->id));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "entity", NULL));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "identifier", NULL));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "scheme", BAD_CAST o->entity_scheme));
    W(xmlTextWriterWriteString(w, BAD_CAST o->entity_id));
    W(xmlTextWriterEndElement(w));
    if (c->ndims) {
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "segment", NULL));
        for (size_t i = 0; i < c->ndims; i++) {
            W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrldi", BAD_CAST "explicitMember", NULL));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "dimension", BAD_CAST c->dims[i].axis));
            W(xmlTextWriterWriteString(w, BAD_CAST c->dims[i].member));
            W(xmlTextWriterEndElement(w));
        }
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "period", NULL));
    if (c->period.kind == R2X_PERIOD_INSTANT) {
        r2x_date_format(c->period.end, d);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "instant", NULL, BAD_CAST d));
    } else {
        r2x_date_format(c->period.start, d);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "startDate", NULL, BAD_CAST d));
        r2x_date_format(c->period.end, d);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "endDate", NULL, BAD_CAST d));
    }
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_unit(xmlTextWriterPtr w, const r2x_unit *u, const char *id,
                      const char *ext_prefix)
{
    char m[64];
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "unit", NULL));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
    if (u->kind == R2X_UNIT_PER_SHARE) {
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "divide", NULL));
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "unitNumerator", NULL));
        measure_qname(u->measure, ext_prefix, m, sizeof m);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "measure", NULL, BAD_CAST m));
        W(xmlTextWriterEndElement(w));
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "unitDenominator", NULL));
        measure_qname(u->denominator, ext_prefix, m, sizeof m);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "measure", NULL, BAD_CAST m));
        W(xmlTextWriterEndElement(w));
        W(xmlTextWriterEndElement(w));
    } else {
        measure_qname(u->kind == R2X_UNIT_OTHER && !strcmp(u->measure, "ADS") ? "shares"
                                                                               : u->measure,
                      ext_prefix, m, sizeof m);
        W(xmlTextWriterWriteElementNS(w, BAD_CAST "xbrli", BAD_CAST "measure", NULL, BAD_CAST m));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

static int write_dei(xmlTextWriterPtr w, const char *name, const char *ctx, const char *value)
{
    W(xmlTextWriterStartElement(w, BAD_CAST name));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "contextRef", BAD_CAST ctx));
    W(xmlTextWriterWriteString(w, BAD_CAST value));
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

int xbrl_dei(const xbrl_options *o, size_t i, const char **name, const char **value,
             char date[16])
{
    if (!o->dei_context)
        return 0;
    r2x_date_format(o->period_end, date);
    /* the identifier is a DEI fact only in a registry's scheme: a CIK or an LEI */
    const char *id_name = !strcmp(o->entity_scheme, R2X_SCHEME_CIK) ? "dei:EntityCentralIndexKey"
                          : !strcmp(o->entity_scheme, R2X_SCHEME_LEI) ? "dei:LegalEntityIdentifier"
                          : NULL;
    const char *names[] = {"dei:DocumentType", "dei:DocumentPeriodEndDate",
                           "dei:AmendmentFlag", "dei:EntityRegistrantName",
                           id_name, "dei:CurrentFiscalYearEndDate",
                           "dei:DocumentFiscalYearFocus", "dei:DocumentFiscalPeriodFocus"};
    const char *values[] = {o->document_type, date, "false", o->entity_name, o->entity_id,
                            o->fiscal_year_end, o->fiscal_year_focus, o->fiscal_period_focus};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        /* no fact for what the release does not say (a name not found) */
        if (!names[k] || !values[k] || !values[k][0])
            continue;
        if (i-- == 0) {
            *name = names[k];
            *value = values[k];
            return 1;
        }
    }
    return 0;
}

void xbrl_schema_name(const xbrl_options *o, char *out, size_t size)
{
    out[0] = '\0';
    if (o->ext_prefix && o->taxonomy && o->taxonomy_stem && o->taxonomy_stem[0]) {
        snprintf(out, size, "%s.xsd", o->taxonomy_stem);
    } else if (o->ext_prefix && o->taxonomy) {
        /* "iij-20090930.xsd" beside the instance */
        char d[16];
        r2x_date_format(o->period_end, d);
        snprintf(out, size, "%s-%.4s%.2s%.2s.xsd", o->ext_prefix, d, d + 5, d + 8);
    }
}

int xbrl_write_namespaces(xmlTextWriterPtr w, const xbrl_options *o)
{
    const taxonomy *tax = o->tax;
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:link", BAD_CAST NS_LINK));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xlink", BAD_CAST NS_XLINK));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xbrldi", BAD_CAST NS_XBRLDI));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:iso4217", BAD_CAST NS_ISO4217));
    for (size_t i = 0; i < taxonomy_namespace_count(tax); i++) {
        const char *prefix;
        const char *uri = taxonomy_namespace_at(tax, i, &prefix);
        if (!strcmp(prefix, "xbrli"))
            continue;
        char attr[80];
        snprintf(attr, sizeof attr, "xmlns:%s", prefix);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST uri));
    }
    return 0;
write_error:
    return -1;
}

int xbrl_write_schema_refs(xmlTextWriterPtr w, const xbrl_options *o, const char *schema_name)
{
    /* schemaRef: the extension schema (which imports the rest), else each
     * entry schema of the taxonomy */
    const taxonomy *tax = o->tax;
    size_t nrefs = schema_name[0] ? 1 : taxonomy_schema_count(tax);
    for (size_t i = 0; i < nrefs; i++) {
        int entry = 1;
        const char *href = schema_name[0] ? schema_name
                                          : taxonomy_schema_entry(tax, i, NULL, &entry);
        if (!entry)
            continue;
        W(xmlTextWriterStartElementNS(w, BAD_CAST "link", BAD_CAST "schemaRef", NULL));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "xlink:type", BAD_CAST "simple"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "xlink:href", BAD_CAST href));
        W(xmlTextWriterEndElement(w));
    }
    return 0;
write_error:
    return -1;
}

int xbrl_write_resources(xmlTextWriterPtr w, const factset *fs, const xbrl_options *o)
{
    for (size_t i = 0; i < factset_context_count(fs); i++)
        if (write_context(w, factset_context(fs, i), o) < 0)
            return -1;

    /* Units, each once, in order of first use. */
    char seen[256][40];
    size_t nseen = 0;
    for (size_t i = 0; i < factset_count(fs); i++) {
        const fact *f = factset_fact(fs, i);
        char id[40];
        xbrl_unit_id(&f->unit, id, sizeof id);
        size_t k;
        for (k = 0; k < nseen && strcmp(seen[k], id); k++)
            ;
        if (k < nseen)
            continue;
        if (nseen == 256)
            return -1;             /* more distinct units than any release has */
        r2xi_strlcpy(seen[nseen++], id, sizeof seen[0]);
        if (write_unit(w, &f->unit, id, o->ext_prefix) < 0)
            return -1;
    }
    return 0;
}

/* The instance itself, from its root element to its end. */
static int write_instance(xmlTextWriterPtr w, const factset *fs, const xbrl_options *o)
{
    char schema_name[256];
    xbrl_schema_name(o, schema_name, sizeof schema_name);
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xbrli", BAD_CAST "xbrl", BAD_CAST NS_XBRLI));
    W(xbrl_write_namespaces(w, o));
    W(xbrl_write_schema_refs(w, o, schema_name));
    W(xbrl_write_resources(w, fs, o));

    /* DEI cover facts, in the document's current fiscal-year-to-date context. */
    const char *name, *value;
    char date[16];
    for (size_t i = 0; xbrl_dei(o, i, &name, &value, date); i++)
        W(write_dei(w, name, o->dei_context, value));

    for (size_t i = 0; i < factset_count(fs); i++) {
        const fact *f = factset_fact(fs, i);
        char id[40], v[R2X_DECIMAL_STRLEN], dec[16];
        xbrl_unit_id(&f->unit, id, sizeof id);
        r2x_decimal_format(f->value, v);
        snprintf(dec, sizeof dec, "%d", f->decimals);
        W(xmlTextWriterStartElement(w, BAD_CAST f->concept->qname));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "contextRef",
                                      BAD_CAST factset_context(fs, f->context)->id));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "unitRef", BAD_CAST id));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "decimals", BAD_CAST dec));
        W(xmlTextWriterWriteString(w, BAD_CAST v));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
write_error:
    return -1;
}

int xbrl_write(const factset *fs, const xbrl_options *o, const char *path,
               r2x_output **deferred, r2x_error *err)
{
    r2x_output *out;
    xmlTextWriterPtr w;
    int rc = xbrl_writer_open(path, &out, &w, err);
    if (rc)
        return rc;
    int failed = write_instance(w, fs, o) < 0;
    return xbrl_writer_close(w, out, failed, path, "instance", failed ? NULL : deferred, err);
}

/* The element children of the root that are facts, in order: the DEI cover
 * first, then the fact set's. */
static void set_fact_lines(xmlDocPtr d, const factset *fs, const xbrl_options *o,
                           const r2x_document *doc)
{
    size_t ndei = 0, k = 0;
    const char *name, *value;
    char date[16];
    while (xbrl_dei(o, ndei, &name, &value, date))
        ndei++;
    xmlNodePtr root = xmlDocGetRootElement(d);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || (n->ns && (!strcmp((char *)n->ns->href, NS_XBRLI) ||
                                                      !strcmp((char *)n->ns->href, NS_LINK))))
            continue;
        long line = 0;
        if (k >= ndei && k - ndei < factset_count(fs))
            line = (long)document_source_line(doc, (size_t)factset_fact(fs, k - ndei)->line);
        n->line = line > 0 && line < 65535 ? (unsigned short)line : 0;
        k++;
    }
}

int xbrl_write_tree(const factset *fs, const xbrl_options *o, const r2x_document *doc,
                    xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    xmlDocPtr d = NULL;
    xml_guard_begin(&writer_guard);
    xmlTextWriterPtr w = xmlNewTextWriterDoc(&d, 0);
    int failed = !w || xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
                 write_instance(w, fs, o) < 0 || xmlTextWriterEndDocument(w) < 0;
    xmlFreeTextWriter(w);
    if (xml_guard_end(&writer_guard) || writer_guard.errors || failed || !d) {
        xmlFreeDoc(d);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory building the instance");
    }
    set_fact_lines(d, fs, o, doc);
    *out = d;
    return R2X_OK;
}
