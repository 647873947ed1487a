/* schema_check.h - XML Schema validity with libxml2's schema processor: the
 * DTS's schemas compiled together (a generated schema that imports each
 * namespace), instances validated against them with the post-schema-
 * validation defaults (decimals, precision, segment attributes...) written
 * into the tree.  Compiling xbrli:xbrl's content model is cubic in
 * the members of xbrli:item's substitution group (libxml2 builds an
 * automaton), so for large DTSs it is loosened (SCHEMA_EXACT_MAX_CONCEPTS);
 * callers choose which DTSs to compile at all (SCHEMA_AUTO_MAX_CONCEPTS).
 * (internal)
 */
#ifndef R2X_SCHEMA_CHECK_H
#define R2X_SCHEMA_CHECK_H

#include <libxml/tree.h>

#include "dts.h"
#include "fetch.h"
#include "report.h"
#include "srcpos.h"

/* Up to this many concepts the XBRL instance schema is compiled as it is;
 * beyond, xbrli:xbrl's content model is loosened (schema_check.c says why):
 * a few hundred items cost well under a second exactly. */
#define SCHEMA_EXACT_MAX_CONCEPTS 300
/* --schema auto compiles DTSs of at most this many concepts (see
 * doc/release2xbrl.1 for the measurements). */
#define SCHEMA_AUTO_MAX_CONCEPTS 3000

typedef struct schema_set schema_set;

/* Compile the schemas of d, reading every document through f (installed as
 * libxml2's entity loader while compiling and validating; f must outlive the
 * set).  Schema errors (unique particle attribution, bad content models...)
 * go to rp as "xmlSchema:schema" findings with the schema's
 * file and line.  *out is NULL when nothing could be compiled (the errors
 * say why); an error return is out of memory.  hints (may be NULL): an
 * instance whose xsi:schemaLocation pairs add namespaces the DTS lacks; the
 * XBRL instance schema is always added. */
int schema_set_new(const dts *d, fetcher *f, reporter *rp, xmlDocPtr hints, schema_set **out,
                   r2x_error *err);
void schema_set_free(schema_set *s);

/* Validate an instance: findings "xmlSchema:validity" to hold (NULL: the
 * set's reporter), at the element's position in positions (may be NULL:
 * libxml2's line; file: the document's URL as parsed); attributes the
 * schemas default or fix are added to doc.  Returns the errors found.
 * (Typed dimension values are typecheck.c's, through xdt_instance.c.) */
size_t schema_validate_instance(schema_set *s, xmlDocPtr doc, const srcpos_map *positions,
                                r2x_diag_fn hold, void *hold_userdata);

/* Validate the DTS's own documents (local files; published ones are taken
 * as checked): linkbases against the linkbase schema, and the appinfo
 * content of schemas laxly (what has a declaration must match it). */
size_t schema_validate_documents(schema_set *s);

#endif
