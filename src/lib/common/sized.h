/* sized.h - the structs a caller allocates start with their size, as the
 * caller's header declared it (include/release2xbrl.h, "Structs that
 * grow"): the library reads and fills only the fields that fit in it, so a
 * program built against an older header keeps working.  (internal) */
#ifndef R2X_SIZED_H
#define R2X_SIZED_H

#include <stddef.h>

#include "release2xbrl.h"

/* The caller's struct given (its first field its size; NULL: all defaults)
 * into the library's own, full (full_size bytes): the fields given's size
 * covers, 0 for the rest; full's size field set to full_size.  R2X_EUSAGE
 * naming what ("r2x_convert_options") when given's size is smaller than
 * its size field. */
int sized_in(void *full, size_t full_size, const void *given, const char *what,
             r2x_error *err);
/* R2X_EUSAGE, as sized_in, unless the result struct given may be filled. */
int sized_check(const void *given, const char *what, r2x_error *err);
/* The library's full result into the caller's given: as many bytes as
 * given's size says (its size field kept). */
void sized_out(void *given, const void *full, size_t full_size);

#endif
