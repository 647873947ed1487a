/* fuzz_profile.c - the company profile parser, then the profile used. */
#include "fuzz.h"
#include "release2xbrl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_file(data, size, ".profile");
    if (!path)
        return 0;
    r2x_profile *p = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_profile_load(path, &p, &err) == R2X_OK) {
        r2x_profile_get(p, "cik");
        r2x_profile_matches(p, (const char *)data, size);
        r2x_profile_set(p, "cik", "0001234567", &err);
        r2x_profile_free(p);
    }
    return 0;
}
