/* fuzz_companies.c - what comes from sec.gov or a --companies file: the
 * SEC's JSON made into the snapshot, the snapshot read back and looked up by
 * ticker and name; and r2x_sniff over the same bytes. */
#include "companies.h"
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r2x_sniffed sniffed;
    r2x_sniff((const char *)data, size, &sniffed);
    r2x_buf tsv;
    buf_init(&tsv, R2X_BUF_NOCAP);
    size_t n = 0;
    r2x_error err;
    r2x_error_clear(&err);
    /* the JSON, else the bytes themselves as a snapshot */
    int rc = companies_from_sec_json((const char *)data, size, "fuzz", &tsv, &n, &err);
    const char *path = rc ? fuzz_scratch_file(data, size, ".tsv")
                          : fuzz_scratch_file((const uint8_t *)tsv.data, tsv.len, ".tsv");
    buf_release(&tsv);
    companies *c = NULL;
    if (path && companies_load(path, &c, &err) == R2X_OK) {
        const company *first;
        companies_by_ticker(c, "BA");
        companies_by_name(c, "The Boeing Company", &first);
        char *name = fuzz_cstring(data, size < 300 ? size : 300);
        if (name) {
            companies_by_name(c, name, &first);
            companies_by_ticker(c, name);
            free(name);
        }
        companies_free(c);
    }
    return 0;
}
