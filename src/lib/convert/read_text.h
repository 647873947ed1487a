/* read_text.h - a text release (tab-separated or space-aligned) as a grid
 * (internal; see grid.h). */
#ifndef R2X_READ_TEXT_H
#define R2X_READ_TEXT_H

#include "grid.h"
#include "release2xbrl.h"

/* The grid of doc's lines, one row a line: tab-separated text when two
 * a line has a tab between pieces of text (cells at the tabs, in
 * GRID_UNITS_COLUMNS), else space-aligned (GRID_UNITS_CHARS). */
int read_text_grid(const r2x_document *doc, grid **out, r2x_error *err);

/* Add line s (n bytes, source line `line`) to g as a space-aligned row:
 * cells where two spaces or more, a dot leader or a lone currency sign
 * stand between words; extents in characters. */
int read_text_aligned_row(grid *g, const char *s, size_t n, long line, int table);

#endif
