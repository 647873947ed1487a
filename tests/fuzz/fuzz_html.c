/* fuzz_html.c - the HTML reader: any bytes read as HTML (the format forced,
 * so the sniffer does not turn the input away), as UTF-8 or, when the last
 * byte is odd, as Windows-1252, then every table extracted. */
#include "fuzz.h"
#include "release2xbrl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, size && (data[size - 1] & 1), R2X_INPUT_HTML, 0, 0};
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_document_read_memory("fuzz.html", (const char *)data, size, &ro, &doc, &err))
        return 0;
    fuzz_extract_tables(doc);
    r2x_document_free(doc);
    return 0;
}
