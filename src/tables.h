/* tables.h - document -> tables (internal helpers shared with tests). */
#ifndef R2X_TABLES_H
#define R2X_TABLES_H

#include <stddef.h>

#include "release2xbrl.h"

#define TABLE_MAX_CELLS 64

/* A source line split into cells.  Tab-separated lines split at tabs. */
typedef struct src_cells {
    size_t ncells;
    size_t start[TABLE_MAX_CELLS];   /* byte offsets in the line */
    size_t len[TABLE_MAX_CELLS];
    int overflow;                    /* more cells than TABLE_MAX_CELLS */
} src_cells;

void table_split_cells(const char *line, size_t len, src_cells *out);

/* Strip a footnote marker from the end of a label ("IP Service ⁴",
 * "Revenues (1)", "Net income*"): returns the label's new length and copies
 * the marker into mark (size bytes), "" when none. */
size_t table_strip_footnote(const char *label, size_t len, char *mark, size_t size);

#endif
