/* write_xbrl.h - the fact set as an XBRL 2.1 instance (internal). */
#ifndef R2X_WRITE_XBRL_H
#define R2X_WRITE_XBRL_H

#include "facts.h"
#include "taxonomy.h"

typedef struct xbrl_options {
    const taxonomy *tax;
    const char *entity_scheme;    /* "http://www.sec.gov/CIK" */
    const char *entity_id;        /* "0001090633" */
    const char *entity_name;
    const char *ext_prefix;       /* NULL: no extension schema */
    const char *ext_namespace;
    const char *document_type;    /* "6-K" */
    const char *fiscal_year_end;  /* "--03-31" */
    const char *fiscal_year_focus;    /* "2009" */
    const char *fiscal_period_focus;  /* "Q2" */
    const char *dei_context;      /* context id for DEI facts, NULL: none */
    r2x_date period_end;
} xbrl_options;

/* Write the instance to path ("-": standard output) and, when the company
 * declares extension concepts, its schema beside it. */
int xbrl_write(const factset *fs, const xbrl_options *o, const char *path, r2x_error *err);

#endif
