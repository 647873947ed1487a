/* fuzz_pdf.c - the PDF reader (src/lib/convert/read_pdf.c, through poppler-glib): any
 * bytes made to look like a PDF where they do not (a "%PDF-1.7" header put
 * before them, a "%%EOF" after them), so that poppler and the grid builder
 * see every input rather than the reader's first checks; then every table
 * extracted from the document.  At most 50 pages and 5 seconds an input. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "read_pdf.h"
#include "release2xbrl.h"

static int ends_with_marker(const uint8_t *data, size_t size)
{
    size_t from = size > 1024 ? size - 1024 : 0;
    for (size_t i = from; i + 5 <= size; i++)
        if (!memcmp(data + i, "%%EOF", 5))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char header[] = "%PDF-1.7\n", trailer[] = "\n%%EOF\n";
    int head = !pdf_sniff((const char *)data, size), tail = !ends_with_marker(data, size);
    size_t len = size + (head ? sizeof header - 1 : 0) + (tail ? sizeof trailer - 1 : 0);
    char *pdf = malloc(len ? len : 1);
    if (!pdf)
        return 0;
    size_t n = 0;
    if (head) {
        memcpy(pdf, header, sizeof header - 1);
        n += sizeof header - 1;
    }
    if (size)
        memcpy(pdf + n, data, size);
    n += size;
    if (tail)
        memcpy(pdf + n, trailer, sizeof trailer - 1);

    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, 0, R2X_INPUT_PDF, 50, 5000};
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = r2x_document_read_memory("fuzz.pdf", pdf, len, &ro, &doc, &err);
    free(pdf);
    if (rc)
        return 0;
    fuzz_extract_tables(doc);
    r2x_document_free(doc);
    return 0;
}
