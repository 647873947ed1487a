/*
 * grid.h - the one table model every reader produces (internal).
 *
 * A reader (tab-separated text, space-aligned text, HTML, PDF) turns its
 * input into a grid: rows of cells, each cell with its text, where it starts
 * in the source (line and column) and its horizontal extent.  The table
 * stage reads grids only: it finds tables, columns and headings from where
 * cells stand, never from the input's format.
 *
 * Extents are measured in the grid's units: character columns for text,
 * points for a PDF, column indexes for a marked-up table (an HTML cell at
 * column 3 spanning 2 is [3, 5)).  Within a row, cells are in left-to-right
 * order and do not overlap.
 */
#ifndef R2X_GRID_H
#define R2X_GRID_H

#include <stddef.h>

#include "buf.h"
#include "release2xbrl.h"

enum grid_units {
    GRID_UNITS_CHARS = 0,     /* character columns of a text line, from 0 */
    GRID_UNITS_POINTS,        /* PDF points from the page's left edge */
    GRID_UNITS_COLUMNS        /* column indexes of a marked-up table, or the
                               * cell number of a tab-separated line */
};

enum grid_row_kind {
    GRID_ROW_LINE = 0,        /* a line of text or of a PDF page, cut into cells
                               * where its gaps are */
    GRID_ROW_TABLE,           /* a row of a marked-up table (HTML <tr>) */
    GRID_ROW_PARAGRAPH,       /* running text (HTML <p>, a <div> of text): one cell */
    GRID_ROW_HEADING,         /* a title block (HTML <h1>..<h6>, a <p> all in bold) */
    GRID_ROW_BLANK,           /* an empty line, or the end of an HTML block */
    GRID_ROW_RULE,            /* a line of rules (----, ====, ____) and nothing else */
    GRID_ROW_PAGE             /* a page break: a form feed, a new PDF page */
};

enum grid_cell_flags {
    GRID_CELL_BOLD = 1 << 0,
    GRID_CELL_ITALIC = 1 << 1,
    GRID_CELL_ALIGN_RIGHT = 1 << 2,     /* said by the markup (text-align) */
    GRID_CELL_ALIGN_CENTER = 1 << 3,
    GRID_CELL_RULE_ABOVE = 1 << 4,      /* a border or underline above the cell */
    GRID_CELL_RULE_BELOW = 1 << 5,      /* ... below it (a total's double rule) */
    GRID_CELL_HEADER = 1 << 6           /* HTML <th> */
};

typedef struct grid_cell {
    size_t text;              /* offset of its text in the grid's store: UTF-8,
                               * NUL-terminated, trimmed, never empty */
    size_t len;               /* its length in bytes */
    double x0, x1;            /* horizontal extent, x0 < x1 */
    long line;                /* source line where the cell starts, 1-based */
    long column;              /* source column (in characters), 1-based; 0 unknown */
    unsigned flags;           /* enum grid_cell_flags */
} grid_cell;

typedef struct grid_row {
    int kind;                 /* enum grid_row_kind */
    size_t first;             /* its cells are cells[first .. first + ncells) */
    size_t ncells;
    long line;                /* source line of the row (of its first cell) */
    long doc_line;            /* the document's own line for the row (r2x_document
                               * line numbers; HTML and PDF documents have one
                               * line a row), 0 when none */
    int page;                 /* 1-based page (PDF, form feeds); 0 when unknown */
    int table;                /* 1-based index of the marked-up table the row
                               * belongs to (HTML <table>), 0 when none */
    double indent;            /* how far the row's label is indented, in the grid's
                               * units (text and PDF: its first cell's x0; HTML:
                               * padding or text-indent, in columns of 4 points) */
    double y;                 /* PDF: the baseline, points from the page top; else 0 */
    int units;                /* what its extents are in: the grid's units, or
                               * characters for preformatted text in HTML */
} grid_row;

typedef struct grid {
    int units;                /* enum grid_units */
    double em;                /* a typical character's width in units (1 for
                               * characters and columns; the body font's average
                               * glyph width for a PDF): the yardstick for gaps */
    char lang[16];            /* the language the document declares (HTML lang),
                               * "" when none */
    size_t nrows;
    grid_row *rows;           /* views of the buffers below */
    size_t ncells;
    grid_cell *cells;
    r2x_buf row_buf, cell_buf, text_buf;
} grid;

/* A new, empty grid in the given units; NULL when out of memory. */
grid *grid_new(int units, double em);
void grid_free(grid *g);

/* Start a row (its cells follow with grid_add_cell); R2X_ENOMEM. */
int grid_add_row(grid *g, int kind, long line, int page, int table, double indent)
    R2X_WARN_UNUSED;
/* Add a cell to the last row: its text (trimmed of white space here; a cell
 * of white space alone is not added), extent, source location and flags. */
int grid_add_cell(grid *g, const char *text, size_t len, double x0, double x1, long line,
                  long column, unsigned flags) R2X_WARN_UNUSED;

/* The text of a cell, and of cell i of a row. */
const char *grid_cell_text(const grid *g, const grid_cell *c);
const grid_cell *grid_row_cell(const grid *g, const grid_row *r, size_t i);

#endif
