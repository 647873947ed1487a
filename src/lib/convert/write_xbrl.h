/* write_xbrl.h - the fact set as an XBRL 2.1 instance (internal). */
#ifndef R2X_WRITE_XBRL_H
#define R2X_WRITE_XBRL_H

#include <libxml/xmlwriter.h>

#include "facts.h"
#include "output.h"
#include "taxonomy.h"

typedef struct xbrl_options {
    const taxonomy *tax;
    const char *entity_scheme;    /* "http://www.sec.gov/CIK" */
    const char *entity_id;        /* "0001090633" */
    const char *entity_name;
    const char *ext_prefix;       /* the company extension taxonomy's */
    const char *ext_namespace;
    int taxonomy;                 /* the extension taxonomy goes with the instance:
                                   * its entry schema is the schemaRef (else the
                                   * taxonomy's entry points are) */
    const char *document_type;    /* "6-K" */
    const char *fiscal_year_end;  /* "--03-31" */
    const char *fiscal_year_focus;    /* "2009" */
    const char *fiscal_period_focus;  /* "Q2" */
    const char *dei_context;      /* context id for DEI facts, NULL: none */
    r2x_date period_end;
    const char *lang;             /* the release's language (labels, the XHTML) */
    const char *taxonomy_stem;    /* the taxonomy's file stem; NULL: PREFIX-YYYYMMDD */
} xbrl_options;

/* Write the instance to path ("-": standard output).  With deferred
 * non-NULL the output is written but left for the caller to commit with
 * its other outputs (all or none). */
int xbrl_write(const factset *fs, const xbrl_options *o, const char *path,
               r2x_output **deferred, r2x_error *err);

/* The instance as a tree, for the OIM writers and the facts listing: each
 * fact's node has the line of doc (the release) it was read from (0 for the
 * DEI cover and past line 65534).  *out belongs to the caller. */
int xbrl_write_tree(const factset *fs, const xbrl_options *o, const r2x_document *doc,
                    xmlDocPtr *out, r2x_error *err);

/* Open path through a safe output with an indenting xmlTextWriter on it;
 * close it (ending the document) and commit it, or hand it to *deferred
 * (not NULL) uncommitted.  failed: a write call failed; the output is
 * aborted.  what names the output in the out-of-memory message. */
int xbrl_writer_open(const char *path, r2x_output **out, xmlTextWriterPtr *w, r2x_error *err);
int xbrl_writer_close(xmlTextWriterPtr w, r2x_output *out, int failed, const char *path,
                      const char *what, r2x_output **deferred, r2x_error *err);

/* The pieces, for the Inline XBRL writer, which must say exactly what the
 * instance says.  The xmlTextWriter functions return -1 on a write error. */
/* The unit id the instance uses: "JPY", "USDPerShare", "shares", "pure". */
void xbrl_unit_id(const r2x_unit *u, char *out, size_t size);
/* The extension schema's file name ("iij-20090930.xsd"); "" when the
 * taxonomy does not go with the instance. */
void xbrl_schema_name(const xbrl_options *o, char *out, size_t size);
/* xmlns attributes of the taxonomy prefixes, link, xlink, xbrldi, iso4217. */
int xbrl_write_namespaces(xmlTextWriterPtr w, const xbrl_options *o);
/* link:schemaRef elements (schema_name from xbrl_schema_name()). */
int xbrl_write_schema_refs(xmlTextWriterPtr w, const xbrl_options *o, const char *schema_name);
/* Every context, then every unit in order of first use. */
int xbrl_write_resources(xmlTextWriterPtr w, const factset *fs, const xbrl_options *o);
/* DEI cover fact i (name, value); 0 past the last.  date holds the value of
 * dei:DocumentPeriodEndDate. */
int xbrl_dei(const xbrl_options *o, size_t i, const char **name, const char **value,
             char date[16]);

#endif
