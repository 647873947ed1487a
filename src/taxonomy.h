/*
 * taxonomy.h - concept metadata (internal): the dictionary shipped in
 * taxonomy/ plus a company's extension concepts.  See taxonomy/README.md.
 */
#ifndef R2X_TAXONOMY_H
#define R2X_TAXONOMY_H

#include "release2xbrl.h"

enum balance { BALANCE_NONE = 0, BALANCE_DEBIT, BALANCE_CREDIT };

typedef struct concept {
    char *qname;              /* "us-gaap:Revenues" */
    char *type;               /* "xbrli:monetaryItemType" */
    int period_type;          /* R2X_PERIOD_INSTANT or R2X_PERIOD_DURATION */
    int balance;              /* enum balance */
    int abstract;
    int extension;            /* declared by the company, written to its schema */
    const char *file;         /* where it was declared */
    long line;
} concept;

typedef struct taxonomy taxonomy;

int taxonomy_new(taxonomy **out, r2x_error *err);
void taxonomy_free(taxonomy *t);
/* Add the concepts and directives of a dictionary file.  extension marks
 * them as the company's own (declared in its extension schema). */
int taxonomy_load(taxonomy *t, const char *path, int extension, r2x_error *err);
const concept *taxonomy_find(const taxonomy *t, const char *qname);
/* The namespace URI of a prefix, NULL if undeclared. */
const char *taxonomy_namespace(const taxonomy *t, const char *prefix);
/* Declare a namespace (the company's extension prefix). */
int taxonomy_declare(taxonomy *t, const char *prefix, const char *uri, r2x_error *err);
/* The schemas named by @schema (entry points, which an instance without an
 * extension schema references) and @import (imported by the extension
 * schema only), in the order declared. */
size_t taxonomy_schema_count(const taxonomy *t);
const char *taxonomy_schema(const taxonomy *t, size_t i, const char **prefix);
const char *taxonomy_schema_entry(const taxonomy *t, size_t i, const char **prefix,
                                  int *entry);
/* Every namespace, in the order declared. */
size_t taxonomy_namespace_count(const taxonomy *t);
const char *taxonomy_namespace_at(const taxonomy *t, size_t i, const char **prefix);
/* The extension concepts, in the order declared. */
size_t taxonomy_extension_count(const taxonomy *t);
const concept *taxonomy_extension_at(const taxonomy *t, size_t i);

#endif
