/*
 * read_pdf.h - a PDF release read directly from its text layer (internal).
 *
 * With poppler-glib (./configure --with-pdf), each page's glyphs and their
 * boxes become lines, words and cells by where they stand: the document's
 * grid in points (grid.h), and its text laid out as `pdftotext -layout`
 * would, one line a grid row, so that the stages that read prose and the
 * diagnostics (file.pdf:LINE:COL) count the same lines.  Without poppler,
 * a PDF is refused with a message that says how to read it.
 */
#ifndef R2X_READ_PDF_H
#define R2X_READ_PDF_H

#include <stddef.h>

#include "document.h"

/* True when data is a PDF: "%PDF-" and a digit within its first 1024 bytes
 * (PDF readers allow junk before the header). */
int pdf_sniff(const char *data, size_t len);

/* Read the PDF data (len bytes, already under the input size limit) into
 * doc: its text, lines and grid, format R2X_INPUT_PDF.  The page limit
 * (opts->max_pdf_pages) and time limit (opts->pdf_timeout_ms) are R2X_ETOOBIG;
 * a PDF that is truncated, damaged, encrypted or has no text layer is
 * R2X_EINPUT.  Nothing is printed: poppler's messages are silenced for the
 * duration (see the comment at quiet_poppler in read_pdf.c). */
int pdf_read(r2x_document *doc, const char *data, size_t len, const r2x_read_options *opts,
             r2x_error *err);

/* "poppler-glib 22.12.0" (the library the program runs with, opened to
 * ask), a line saying it cannot be loaded, or NULL when built without PDF
 * support. */
const char *pdf_library_version(void);

#endif
