/* fuzz_labels.c - the label-table parser (mappings/README.md), as a table and
 * as concept statistics, then lookups: a few release lines, and the input
 * itself as a label (keys, parentheticals, heads of any bytes). */
#include <stdlib.h>

#include "fuzz.h"
#include "labels.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".tsv");
    if (!path)
        return 0;
    label_table *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (labels_load(&t, path, NULL, NULL, &err) == R2X_OK) {
        static const char *const lines[] = {
            "Total net sales", "Net cash provided by (used in) operating activities",
            "Trade accounts receivable, less allowances of $506", "R&D", "North America"};
        label_candidate c[4];
        size_t n;
        for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
            labels_candidates(t, lines[i], (int)i - 1, c, 4, &n);
            labels_members(t, lines[i], c, 4, &n);
        }
        char *text = fuzz_cstring(data, size < 600 ? size : 600);
        if (text) {
            labels_candidates(t, text, R2X_STMT_INCOME, c, 4, &n);
            free(text);
        }
        labels_free(t);
    }
    /* the same bytes as the concept statistics beside a one-row table */
    static const char row[] = "net sale\tnet sales\tus-gaap:Revenues\tshown\t1\t1\tI\t0\t0\n";
    const char *table = fuzz_work_file("one-row.tsv", (const uint8_t *)row, sizeof row - 1);
    if (table && labels_load(&t, table, path, NULL, &err) == R2X_OK) {
        label_candidate c[2];
        size_t n;
        labels_candidates(t, "Net sales", R2X_STMT_INCOME, c, 2, &n);
        labels_free(t);
    }
    char key[64];
    char *text = fuzz_cstring(data, size);
    if (text) {
        labels_key(text, key, sizeof key);
        free(text);
    }
    return 0;
}
