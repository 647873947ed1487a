/* tables.h - document -> tables (internal helpers shared with tests). */
#ifndef R2X_TABLES_H
#define R2X_TABLES_H

#include <stddef.h>

#include "release2xbrl.h"

/* Strip a footnote marker from the end of a label ("IP Service ⁴",
 * "Revenues (1)", "Net income*"): returns the label's new length and copies
 * the marker into mark (size bytes), "" when none. */
size_t table_strip_footnote(const char *label, size_t len, char *mark, size_t size);

/* The value of row in the table's column `column`, NULL none. */
const r2x_value *table_value_at(const r2x_row *row, int column);

#endif
