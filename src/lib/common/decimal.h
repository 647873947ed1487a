/* decimal.h - exact decimals rounded and truncated to a precision
 * (decimal.c; the public r2x_decimal_* calls are in release2xbrl.h).
 * (internal) */
#ifndef R2X_DECIMAL_H
#define R2X_DECIMAL_H

#include "release2xbrl.h"

/* Round v to `decimals` places (half away from zero), or truncate it. */
r2x_decimal decimal_round(r2x_decimal v, int decimals);
r2x_decimal decimal_truncate(r2x_decimal v, int decimals);

#endif
