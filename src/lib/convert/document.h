/* document.h - the release as lines of validated UTF-8 text (internal). */
#ifndef R2X_DOCUMENT_H
#define R2X_DOCUMENT_H

#include "release2xbrl.h"

#include "buf.h"
#include "grid.h"

struct r2x_document {
    char *name;
    char *text;            /* NUL-terminated, lines end with '\n', CR removed */
    size_t len;
    size_t *line_start;    /* nlines + 1 offsets: line n is [start[n-1], start[n]) */
    size_t nlines;
    long *source_line;     /* nlines entries: the input line each line comes
                              from (HTML); NULL when line n is input line n */
    int format;            /* R2X_INPUT_TEXT, R2X_INPUT_HTML or R2X_INPUT_PDF */
    size_t *page_lines;    /* the lines that start a new page (after a form
                              feed), ascending; npage_lines of them */
    size_t npage_lines;
    grid *grid;            /* the reader's rows of cells: what the table stage reads */
};

/* Line n (1-based) as pointer and length without its '\n'. */
const char *document_line(const r2x_document *doc, size_t n, size_t *len);

/* The release's language as an xml:lang: what an HTML release declares,
 * else "en". */
const char *document_language(const r2x_document *doc);

/* The input file's line for line n, to name in diagnostics (n itself for
 * text; 0 stays 0, "no line"). */
size_t document_source_line(const r2x_document *doc, size_t n);

/* The line (1-based) holding byte offset off of the text. */
size_t document_line_of_offset(const r2x_document *doc, size_t off);

/* Shared with the HTML reader and the cell reader: Windows-1252 byte c as a
 * code point (0 where undefined), the code point of the valid UTF-8 sequence
 * at s and its length (*len 0 if invalid), that length alone, and a code
 * point appended as UTF-8. */
unsigned document_cp1252_char(unsigned char c);
unsigned document_utf8_char(const unsigned char *s, const unsigned char *e, size_t *len);
size_t document_utf8_len(const unsigned char *s, const unsigned char *e);
int document_put_utf8(r2x_buf *b, unsigned cp) R2X_WARN_UNUSED;

#endif
