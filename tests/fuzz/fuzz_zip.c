/* fuzz_zip.c - the zip reader of taxonomy packages: the central directory,
 * every entry read (inflated, CRC-checked, within a 1 MiB limit), and the
 * package's catalog found. */
#include "fuzz.h"
#include "zip.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".zip");
    if (!path)
        return 0;
    zip_archive *z = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (zip_open(path, (size_t)1 << 20, &z, &err) != R2X_OK)
        return 0;
    zip_package_catalog(z);
    for (size_t i = 0; i < zip_count(z) && i < 64; i++) {
        char *bytes = NULL;
        size_t len;
        if (zip_read(z, i, &bytes, &len, &err) == R2X_OK)
            free(bytes);
        zip_find(z, zip_name(z, i));
    }
    zip_close(z);
    return 0;
}
