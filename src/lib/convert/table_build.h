/*
 * table_build.h - the table stage's own state, shared by its parts
 * (internal):
 *   tables.c         cells and rows classified, tables found, titles,
 *                    continuations, the calendar pass, the driver
 *   table_columns.c  value columns from where figures stand; headings over
 *                    them: periods, units, roles
 *   table_rows.c     rows: labels, figures placed in columns, repairs, the
 *                    unit and scale of each value, sections and totals
 *   table_sums.c     the printed totals that are sums of the rows above
 * Each part declares its own functions in its header (table_columns.h...);
 * this one holds the state and the helpers of tables.c they all use.
 * The stage reads grids only (grid.h): which reader made the grid matters
 * only through its units.
 */
#ifndef R2X_TABLE_BUILD_H
#define R2X_TABLE_BUILD_H

#include <stddef.h>

#include "buf.h"
#include "grid.h"
#include "numbers.h"
#include "periods.h"
#include "release2xbrl.h"
#include "units.h"

#define MAX_COLUMNS 48        /* value columns of one table */
#define MAX_HEAD_ROWS 12      /* heading rows over one table */
#define MAX_PHRASES 32

/* What a cell is to the table stage. */
enum tcell_kind {
    TK_TEXT = 0,              /* words */
    TK_FIGURE,                /* one or more figures */
    TK_YEAR,                  /* a bare year, 1900..2100: a heading */
    TK_DASH,                  /* a dash: nil */
    TK_PLACEHOLDER,           /* "NM", "n/a", "*": a slot with no value */
    TK_DECORATION             /* "$", ")", "%", bullets: nothing */
};

typedef struct tcell {
    const grid_cell *gc;
    const char *text;
    size_t len;
    int kind;                 /* enum tcell_kind */
    double key;               /* where its digits end (figures): columns align there */
    int col;                  /* value column, -1 none */
} tcell;

/* What a row is to the table stage. */
enum trow_class {
    TR_SKIP = 0,              /* blank, a rule, a page number: nothing */
    TR_PAGE,                  /* a page break */
    TR_DATA,                  /* figures right of a label (or figures alone) */
    TR_YEARS,                 /* years only ("2024  2023"): a heading */
    TR_TEXT,                  /* text, not running prose: a heading, a label, a title */
    TR_PROSE                  /* running text: ends a table */
};

typedef struct trow {
    const grid_row *gr;
    size_t first, n;          /* its cells: x->cells[first .. first + n) */
    int cls;                  /* enum trow_class */
    int nfig;                 /* figure, dash and placeholder cells */
} trow;

/* One heading row's phrase or cell over the columns: its extent and text. */
typedef struct head_piece {
    double x0, x1;
    long line, column;
    int row;                  /* which heading row, 0 the top one */
    char text[256];
} head_piece;

/* A value column of a table being built. */
typedef struct vcolumn {
    double x0, x1;            /* extent of its figures */
    double key;               /* where its figures end */
    int nfigures, npercent, nyears;
    int ndot_thousands, has_fraction;
    char heading[512];        /* heading lines over it, joined with " | " */
    char period_text[512];    /* the period words over it, top to bottom */
    int unit_set;
    unit_phrase unit;
    int change, percent;
    char vote_currency[4];    /* from "$" signs and per-share labels */
    period_phrase phrase;     /* its period as read */
    int has_period;
    int role;                 /* enum r2x_column_role */
    int index;                /* the source cell (tab-separated) or its ordinal */
} vcolumn;

/* The plan of one table: its columns and what the headings say. */
typedef struct table_plan {
    size_t ncols;
    vcolumn cols[MAX_COLUMNS];
    double label_right;       /* labels end here: cells left of it are labels */
    double label_left;        /* and start here */
    int bare_scale, bare_scale_set;
    int shares_scale;         /* -1 unknown */
    char main_currency[4];
    int currency_scale, currency_scale_set;
    int percent_of_total;     /* the title says "As a percentage of total revenues" */
    char label_context[512];  /* heading rows' words in the label column
                               * ("Quarters Ended March 31," left of the years) */
    size_t nhead;             /* heading rows read */
    long heading_line;
} table_plan;

typedef struct block {
    size_t head;              /* first heading row (index into x->rows) */
    size_t first, last;       /* first and last data rows, inclusive */
    int table;                /* the marked-up table it is, 0 none */
} block;

typedef struct title_info {
    char *title;
    long title_line;
    char context[1024];       /* title lines joined, for units, periods, statement */
    int directly_after_table; /* nothing but blank rows since the last table */
    int titled_after_table;   /* nothing but its title lines since the last table */
} title_info;

typedef struct extract {
    const r2x_document *doc;
    const grid *g;
    const r2x_extract_options *opts;
    const r2x_fiscal_calendar *cal;
    size_t nerrors;
    tcell *cells;             /* one per grid cell */
    trow *rows;               /* one per grid row */
    size_t nrows;
    r2x_buf tables;           /* r2x_table[] */
    r2x_buf plans;            /* table_plan[], one per table */
    r2x_buf diags;            /* r2x_error[] held for the current table */
    char doc_currency[4];     /* the currency most signs in the release name */
    int units;                /* the current table's units (grid_units) */
    double em;                /* and a character's width in them */
    double tol;               /* how near figures' ends must be to share a column */
    double heading_reach;     /* how far a heading may stand from its column */
} extract;

/* Diagnostics, held per table and sent sorted by line. */
void tb_warn(extract *x, const grid_cell *at, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tb_error(extract *x, const grid_cell *at, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The document line of grid row r (what r2x_row.line holds). */
long tb_doc_line(const extract *x, size_t r);
int tb_contains_ci(const char *hay, const char *needle);
/* A cell's text as one line, quoted for a message (at most size bytes). */
void tb_quote(const char *s, size_t n, char *out, size_t size);
/* The units and scales text states ("(Dollars in millions, except per share
 * data)", "Thousands of JPY") into the table's plan. */
void tb_plan_units(table_plan *tp, const char *text);
/* A bare year 1900..2100 as printed in a heading. */
int tb_is_year(const cell_reading *r);

/* The figure in cell i of row t is followed by a "%" of its own. */
int tb_percent_follows(const extract *x, const trow *t, size_t i);

void table_release(r2x_table *t);

/* tables.c: the calendar pass, once every table is read */
void periods_settle_calendar(extract *x);

#endif
