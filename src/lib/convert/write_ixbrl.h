/*
 * write_ixbrl.h - the release as Inline XBRL 1.1 (internal).
 *
 * Two steps, so that a user can restyle the result: the document (headings,
 * paragraphs, tables, rows, cells, each tagged cell bound to its fact, plus
 * the contexts, units, schemaRef and hidden facts) is serialised as an
 * intermediate XML, and an XSLT stylesheet turns that into XHTML.
 *
 * Each fact is tagged once, in the cell it was read from (the most precise
 * source facts_build() kept); other cells printing the same fact stay
 * untagged, so the document's facts are exactly the instance's.  A fact
 * whose cell cannot show it (or the DEI cover) goes to ix:hidden.
 */
#ifndef R2X_WRITE_IXBRL_H
#define R2X_WRITE_IXBRL_H

#include <libxml/tree.h>

#include "facts.h"
#include "write_xbrl.h"

/* Build the intermediate document; *out belongs to the caller (xmlFreeDoc). */
int ixbrl_docxml(const r2x_document *doc, const r2x_tableset *set, const factset *fs,
                 const xbrl_options *o, xmlDocPtr *out, r2x_error *err);

/* Transform with the stylesheet at stylesheet_path and write the XHTML to
 * path through a safe output; with deferred non-NULL the output is written
 * but left for the caller to commit. */
int ixbrl_write(const r2x_document *doc, const r2x_tableset *set, const factset *fs,
                const xbrl_options *o, const char *stylesheet_path, const char *path,
                r2x_output **deferred, r2x_error *err);

#endif
