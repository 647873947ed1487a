/* fuzz_convert.c - end to end: read, extract, map with the shipped tables
 * and write the XBRL instance to /dev/null (written in place, no fsync). */
#include "fuzz.h"
#include "release2xbrl.h"

static void ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_error err;
    r2x_error_clear(&err);
    r2x_document *doc = NULL;
    if (r2x_document_read_memory("fuzz", (const char *)data, size, NULL, &doc, &err))
        return 0;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    if (!r2x_profile_new_default(&profile, &err) &&
        !r2x_profile_set(profile, "cik", "0001234567", &err) &&
        !r2x_profile_set(profile, "entity-name", "Fuzz Inc.", &err)) {
        r2x_extract_options xo = {sizeof(r2x_extract_options), profile, ignore_diag, NULL};
        size_t nerrors;
        if (r2x_tables_extract(doc, &xo, &set, &nerrors, &err) == R2X_OK) {
            r2x_convert_options co = {.size = sizeof co, .profile = profile,
                                      .data_dir = R2X_SRCDIR, .diag = ignore_diag};
            r2x_convert_result result;
            r2x_convert_result_init(&result);
            r2x_convert(doc, set, &co, "/dev/null", &result, &err);
        }
    }
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return 0;
}
