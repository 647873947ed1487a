/* layout.h - space-aligned text -> tab-separated tables (internal).
 *
 * Text from `pdftotext -layout`, newswires and EDGAR's <TABLE> tags aligns
 * its tables with spaces.  This stage finds those tables from the layout and
 * rewrites each of their lines as a tab-separated line (label, then one cell
 * per column) so that tables.c reads them as it reads tab-separated text.
 * Line numbers do not change: diagnostics still name the source line. */
#ifndef R2X_LAYOUT_H
#define R2X_LAYOUT_H

#include <stddef.h>

#include "release2xbrl.h"

/* What the rewrite made of each line. */
enum layout_kind {
    LAYOUT_NONE = 0,      /* outside any table: left as it was */
    LAYOUT_FILLER,        /* inside a table, carries nothing: blank, rule, tag */
    LAYOUT_HEADING,       /* a column heading line */
    LAYOUT_ROW            /* a row: label and figures, or a label alone */
};

/* Rewrite the space-aligned tables of doc.  On success *out is a new
 * document with the same lines (the caller frees it with
 * r2x_document_free) and *kinds an array of doc's line count + 1 entries,
 * indexed by 1-based line number (the caller frees it); both are NULL when
 * the document has no space-aligned table or is already tab-separated. */
int layout_rewrite(const r2x_document *doc, r2x_document **out, unsigned char **kinds,
                   r2x_error *err);

#endif
