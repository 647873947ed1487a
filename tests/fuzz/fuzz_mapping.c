/* fuzz_mapping.c - the mapping-table parser against the shipped dictionary
 * (loaded once), then a few labels matched against what was read. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "mapping.h"

static taxonomy *tax;

static void load_taxonomy(void)
{
    r2x_error err;
    if (taxonomy_new(&tax, &err) ||
        taxonomy_load(tax, R2X_SRCDIR "/taxonomy/us-gaap-2024.concepts", 0, &err)) {
        fprintf(stderr, "fuzz_mapping: %s: %s\n", err.file, err.message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tax)
        load_taxonomy();
    const char *path = fuzz_scratch_file(data, size, ".map");
    if (!path)
        return 0;
    mapping *m = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (mapping_new(&m, &err))
        return 0;
    if (mapping_load(m, path, tax, &err) == R2X_OK) {
        static const char *const labels[3] = {"revenues", "income statement > revenues",
                                              "total revenues"};
        for (int s = -1; s <= R2X_STMT_SEGMENT; s++)
            mapping_match(m, s, labels, 3);
        char norm[512];
        char *text = fuzz_cstring(data, size);
        if (text) {
            label_normalize(text, norm, sizeof norm);
            pattern_normalize(text, norm, sizeof norm);
            pattern_match(norm, "total net revenues");
            free(text);
        }
    }
    mapping_free(m);
    return 0;
}
