/* fuzz_taxonomy.c - the concept dictionary parser (taxonomy/README.md), as
 * the base dictionary and as a company's extension concepts. */
#include "fuzz.h"
#include "taxonomy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".concepts");
    if (!path)
        return 0;
    taxonomy *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (taxonomy_new(&t, &err))
        return 0;
    if (taxonomy_load(t, path, 0, &err) == R2X_OK) {
        /* the same text again as extensions: every concept declared twice */
        taxonomy_load(t, path, 1, &err);
        for (size_t i = 0; i < taxonomy_schema_count(t); i++) {
            const char *prefix;
            int entry;
            taxonomy_schema_entry(t, i, &prefix, &entry);
        }
        for (size_t i = 0; i < taxonomy_extension_count(t); i++)
            taxonomy_find(t, taxonomy_extension_at(t, i)->qname);
    }
    taxonomy_free(t);
    return 0;
}
