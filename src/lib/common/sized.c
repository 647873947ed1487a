/* sized.c - see sized.h */
#include "sized.h"

#include <string.h>

#include "error.h"

static size_t size_of(const void *given)
{
    size_t n;
    memcpy(&n, given, sizeof n);
    return n;
}

int sized_check(const void *given, const char *what, r2x_error *err)
{
    if (given && size_of(given) < sizeof(size_t))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "%s.size is %zu: set it with %s_init()",
                         what, size_of(given), what);
    return R2X_OK;
}

int sized_in(void *full, size_t full_size, const void *given, const char *what,
             r2x_error *err)
{
    memset(full, 0, full_size);
    int rc = sized_check(given, what, err);
    if (rc)
        return rc;
    if (given) {
        size_t n = size_of(given);
        memcpy(full, given, n < full_size ? n : full_size);
    }
    memcpy(full, &full_size, sizeof full_size);
    return R2X_OK;
}

void sized_out(void *given, const void *full, size_t full_size)
{
    size_t n = size_of(given);
    if (n <= sizeof n)
        return;
    memcpy((char *)given + sizeof n, (const char *)full + sizeof n,
           (n < full_size ? n : full_size) - sizeof n);
}
