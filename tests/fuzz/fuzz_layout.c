/* fuzz_layout.c - the space-aligned table reader (layout_rewrite) on any
 * bytes read as text; the rewrite must keep the line count (diagnostics name
 * source lines), then the table stage reads the rewritten document. */
#include <stdlib.h>

#include "fuzz.h"
#include "layout.h"
#include "release2xbrl.h"

static void ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_read_options ro = {0, 0, 0, R2X_INPUT_TEXT, 0, 0};
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_document_read_memory("fuzz.txt", (const char *)data, size, &ro, &doc, &err))
        return 0;
    r2x_document *laid = NULL;
    unsigned char *kinds = NULL;
    if (layout_rewrite(doc, &laid, &kinds, &err) == R2X_OK && laid) {
        size_t n = r2x_document_line_count(doc);
        if (r2x_document_line_count(laid) != n || !kinds)
            abort();
        for (size_t i = 1; i <= n; i++)
            if (kinds[i] > LAYOUT_ROW)
                abort();
        r2x_profile *profile = NULL;
        if (!r2x_profile_new_default(&profile, &err)) {
            r2x_extract_options xo = {profile, ignore_diag, NULL};
            r2x_tableset *set = NULL;
            size_t nerrors = 0;
            if (r2x_tables_extract(laid, &xo, &set, &nerrors, &err) == R2X_OK)
                r2x_tableset_free(set);
            r2x_profile_free(profile);
        }
    }
    r2x_document_free(laid);
    free(kinds);
    r2x_document_free(doc);
    return 0;
}
