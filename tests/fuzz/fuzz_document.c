/* fuzz_document.c - the text reader and the table stage: any bytes, read as
 * UTF-8 and (when they hold a byte >= 0x80) as Windows-1252, then every table
 * extracted, with the default calendar and a March year end named by start. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "release2xbrl.h"

static void ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

static void extract(const uint8_t *data, size_t size, int windows_1252,
                    const r2x_profile *profile)
{
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, windows_1252, R2X_INPUT_AUTO, 0, 0};
    r2x_document *doc = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_document_read_memory("fuzz", (const char *)data, size, &ro, &doc, &err))
        return;
    r2x_extract_options xo = {sizeof(r2x_extract_options), profile, ignore_diag, NULL};
    r2x_tableset *set = NULL;
    size_t nerrors = 0;
    if (r2x_tables_extract(doc, &xo, &set, &nerrors, &err) == R2X_OK)
        r2x_tableset_free(set);
    r2x_document_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_profile *profile = NULL;
    r2x_error err;
    if (r2x_profile_new_default(&profile, &err))
        return 0;
    /* the last byte's low bit picks the calendar: both are common */
    if (size && (data[size - 1] & 1)) {
        r2x_profile_set_fiscal_year_end(profile, "--03-31", &err);
        r2x_profile_set_fiscal_year_named_by(profile, "start", &err);
    }
    extract(data, size, 0, profile);
    if (memchr(data, 0, size) == NULL) {
        for (size_t i = 0; i < size; i++)
            if (data[i] >= 0x80) {
                extract(data, size, 1, profile);
                break;
            }
    }
    r2x_profile_free(profile);
    return 0;
}
