/* fuzz_taxonomy.c - the concept dictionary parser (taxonomy/README.md), as
 * the base dictionary and as a company's extension concepts, and the
 * indexes of its networks, labels and replacements. */
#include <string.h>

#include "fuzz.h"
#include "taxonomy.h"

static volatile size_t fuzz_sink;

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
        size_t sum = 0;
        for (size_t i = 0; i < taxonomy_count(t); i++) {
            const concept *c = taxonomy_at(t, i);
            const taxonomy_arc *arcs;
            const concept *const *by;
            sum += taxonomy_calc_children(t, c, &arcs) + taxonomy_calc_parents(t, c, &arcs) +
                   taxonomy_pres_children(t, c, &arcs) + taxonomy_pres_parents(t, c, &arcs) +
                   taxonomy_replaced_by(t, c->qname, &by) + (c->label ? strlen(c->label) : 0);
            for (size_t k = 0; k < taxonomy_calc_children(t, c, &arcs); k++)
                sum += (size_t)arcs[k].weight + strlen(arcs[k].role) + arcs[k].child->id;
        }
        fuzz_sink = sum;      /* what the indexes give is read, not optimised away */
    }
    taxonomy_free(t);
    return 0;
}
