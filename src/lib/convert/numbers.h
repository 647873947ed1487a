/*
 * numbers.h - figures as printed in a table cell (internal).
 *
 * A cell holds nothing, a dash (nil), one figure, two figures (PDF extraction
 * merged a neighbour in), decoration (bullets), or text that is not a figure.
 * Figures are read exactly: "(1,234)" is -1234, "46.6%" is 46.6 with the
 * percent flag, "449.1 Gbps" keeps its unit word.
 */
#ifndef R2X_NUMBERS_H
#define R2X_NUMBERS_H

#include <stddef.h>

#include "release2xbrl.h"

enum cell_kind {
    CELL_EMPTY = 0,
    CELL_NUMBER,       /* one or more figures in .figures */
    CELL_DASH,         /* "—", "–", "-", "--", "_": nil */
    CELL_DECORATION,   /* "•", "·", "$" alone, ")" alone: no content */
    CELL_TEXT          /* words: not a figure */
};

typedef struct figure {
    r2x_decimal value;     /* as printed, sign applied, no scale */
    int frac_digits;       /* digits printed after the decimal point */
    int int_digits;        /* digits before it */
    int grouped;           /* thousands separators were printed */
    int percent;           /* a '%' followed it */
    int currency;          /* a currency sign stood before it */
    char currency_code[4]; /* what that sign stands for: "$" -> "USD" */
    int dot_thousands;     /* "85.303": one '.', three digits after, no commas:
                              may be a mistyped thousands separator */
    int decimal_comma;     /* "(0,0)": a lone comma with 1-2 digits after */
    char suffix[16];       /* a unit word after the figure ("Gbps"), "" if none */
    size_t text_off;       /* where the figure is printed in the cell text */
    size_t text_len;
} figure;

#define CELL_MAX_FIGURES 4

typedef struct cell_reading {
    int kind;              /* enum cell_kind */
    size_t nfigures;
    figure figures[CELL_MAX_FIGURES];
    int space_grouped;     /* "7 272" was read as one figure, 7,272 */
} cell_reading;

/* Read a cell.  Returns R2X_OK, or R2X_ERANGE when a figure has more digits
 * than an exact decimal holds (the reading is then CELL_TEXT). */
int number_read_cell(const char *text, size_t len, cell_reading *out);

/* True for text that is only white space. */
int text_is_blank(const char *s, size_t len);

#endif
