/*
 * write_xbrl.c - the fact set as an XBRL 2.1 instance, and the company's
 * extension schema beside it (libxml2's xmlTextWriter, streaming).
 */
#include "write_xbrl.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "output.h"
#include "periods.h"
#include "xml_guard.h"

#define NS_XBRLI "http://www.xbrl.org/2003/instance"
#define NS_LINK "http://www.xbrl.org/2003/linkbase"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XBRLDI "http://xbrl.org/2006/xbrldi"
#define NS_ISO4217 "http://www.xbrl.org/2003/iso4217"
#define NS_XS "http://www.w3.org/2001/XMLSchema"
#define SCHEMA_XBRLI "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"

#define W(call) do { if ((call) < 0) goto write_error; } while (0)

static const char *local_of(const char *qname)
{
    const char *c = strchr(qname, ':');
    return c ? c + 1 : qname;
}

/* The measure QName of a unit part: currencies in iso4217, shares in xbrli,
 * anything else (ADS) in the extension namespace. */
static void measure_qname(const char *m, const char *ext_prefix, char *out, size_t size)
{
    if (!strcmp(m, "shares") || !strcmp(m, "pure"))
        snprintf(out, size, "xbrli:%s", m);
    else if (strlen(m) == 3 && m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'A' && m[1] <= 'Z' &&
             m[2] >= 'A' && m[2] <= 'Z')
        snprintf(out, size, "iso4217:%s", m);
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
 * printing), and writer_close() then fails the output.  One writer is open
 * at a time. */
static xml_guard writer_guard;

/* Open path through a safe output and put an indenting xmlTextWriter on it. */
static int writer_open(const char *path, r2x_output **out, xmlTextWriterPtr *w,
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
        return r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    xmlTextWriterSetIndent(*w, 1);
    xmlTextWriterSetIndentString(*w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(*w, "1.0", "UTF-8", NULL) < 0) {
        xmlFreeTextWriter(*w);
        output_abort(*out);
        (void)xml_guard_end(&writer_guard);
        return r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    return R2X_OK;
}

/* Finish the document and commit the output; on a write error, abort it. */
static int writer_close(xmlTextWriterPtr w, r2x_output *out, int failed, const char *path,
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
        return r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory writing the %s", what);
    }
    if (deferred) {
        *deferred = out;           /* the caller commits it with its other outputs */
        return R2X_OK;
    }
    return output_commit(out, err);
}

/* ---- Extension schema ---------------------------------------------------- */

static int write_schema(const xbrl_options *o, const char *path, r2x_output **deferred,
                        r2x_error *err)
{
    r2x_output *out;
    xmlTextWriterPtr w;
    int rc = writer_open(path, &out, &w, err);
    if (rc)
        return rc;
    const taxonomy *tax = o->tax;
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "schema", BAD_CAST NS_XS));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "targetNamespace", BAD_CAST o->ext_namespace));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "elementFormDefault", BAD_CAST "qualified"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "attributeFormDefault", BAD_CAST "unqualified"));
    for (size_t i = 0; i < taxonomy_namespace_count(tax); i++) {
        const char *prefix;
        const char *uri = taxonomy_namespace_at(tax, i, &prefix);
        char attr[80];
        snprintf(attr, sizeof attr, "xmlns:%s", prefix);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST uri));
    }
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:link", BAD_CAST NS_LINK));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xlink", BAD_CAST NS_XLINK));
    W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "import", NULL));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "namespace", BAD_CAST NS_XBRLI));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "schemaLocation", BAD_CAST SCHEMA_XBRLI));
    W(xmlTextWriterEndElement(w));
    for (size_t i = 0; i < taxonomy_schema_count(tax); i++) {
        const char *prefix;
        const char *url = taxonomy_schema(tax, i, &prefix);
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "import", NULL));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "namespace",
                                      BAD_CAST taxonomy_namespace(tax, prefix)));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "schemaLocation", BAD_CAST url));
        W(xmlTextWriterEndElement(w));
    }
    for (size_t i = 0; i < taxonomy_extension_count(tax); i++) {
        const concept *c = taxonomy_extension_at(tax, i);
        char id[256];
        snprintf(id, sizeof id, "%s_%s", o->ext_prefix, local_of(c->qname));
        W(xmlTextWriterStartElementNS(w, BAD_CAST "xs", BAD_CAST "element", NULL));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST local_of(c->qname)));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST c->type));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "substitutionGroup", BAD_CAST "xbrli:item"));
        if (c->abstract)
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "abstract", BAD_CAST "true"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "nillable", BAD_CAST "true"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "xbrli:periodType",
                                      BAD_CAST(c->period_type == R2X_PERIOD_INSTANT
                                                   ? "instant" : "duration")));
        if (c->balance)
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "xbrli:balance",
                                          BAD_CAST(c->balance == BALANCE_DEBIT ? "debit"
                                                                               : "credit")));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return writer_close(w, out, 0, path, "extension schema", deferred, err);
write_error:
    return writer_close(w, out, 1, path, "extension schema", deferred, err);
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
        if (!names[k])
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
    if (o->ext_prefix && taxonomy_extension_count(o->tax)) {
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
        r2x_strlcpy(seen[nseen++], id, sizeof seen[0]);
        if (write_unit(w, &f->unit, id, o->ext_prefix) < 0)
            return -1;
    }
    return 0;
}

int xbrl_write_extension_schema(const xbrl_options *o, const char *path,
                                r2x_output **deferred, r2x_error *err)
{
    char schema_name[256];
    xbrl_schema_name(o, schema_name, sizeof schema_name);
    if (!schema_name[0] || !strcmp(path, "-"))
        return R2X_OK;
    char schema_path[4096];
    const char *slash = strrchr(path, '/');
    int dir = slash ? (int)(slash - path + 1) : 0;
    snprintf(schema_path, sizeof schema_path, "%.*s%s", dir, path, schema_name);
    return write_schema(o, schema_path, deferred, err);
}

int xbrl_write(const factset *fs, const xbrl_options *o, const char *path, r2x_error *err)
{
    int rc;
    char schema_name[256];
    xbrl_schema_name(o, schema_name, sizeof schema_name);
    if ((rc = xbrl_write_extension_schema(o, path, o->deferred ? &o->deferred[0] : NULL, err)))
        return rc;

    r2x_output *out;
    xmlTextWriterPtr w;
    if ((rc = writer_open(path, &out, &w, err)))
        return rc;
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
    return writer_close(w, out, 0, path, "instance", o->deferred ? &o->deferred[1] : NULL, err);

write_error:
    return writer_close(w, out, 1, path, "instance", NULL, err);
}
