/*
 * html.h - an HTML release as a grid and lines of text (internal).
 *
 * Each table row becomes a grid row whose cells stand at their column
 * indexes, and a tab-separated line of the document; each paragraph and
 * heading a row of one cell and a line.
 */
#ifndef R2X_HTML_H
#define R2X_HTML_H

#include <stddef.h>

#include "buf.h"
#include "grid.h"
#include "release2xbrl.h"

/* True when data looks like HTML rather than text: it starts (after a BOM
 * and white space) with <!DOCTYPE html, <html, or <?xml followed by an html
 * root, or it has <tr or <td tags.  EDGAR text with only <TABLE>, <S>, <C>
 * and <PAGE> tags is text. */
int html_sniff(const char *data, size_t len);

/* Parse data as HTML (network off, no entities loaded) and append its lines
 * to text, each ending in '\n'; append to source_lines one long per line:
 * the HTML line it comes from; add its rows to g (GRID_UNITS_COLUMNS).  windows_1252 forces that encoding; otherwise
 * valid UTF-8 is UTF-8, else a declared charset is used, else Windows-1252.
 * Lines longer than max_line bytes, or an output past max_output bytes, are
 * R2X_ETOOBIG.  Errors name the file (name) and its line. */
int html_read(const char *name, const char *data, size_t len, int windows_1252,
              size_t max_line, size_t max_output, r2x_buf *text,
              r2x_buf *source_lines, grid *g, r2x_error *err);

#endif
