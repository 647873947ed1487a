/* error.h - filling error records (internal). */
#ifndef R2X_ERROR_H
#define R2X_ERROR_H

#include "release2xbrl.h"

/* Fill err (may be NULL) and return code, so that a failure is reported and
 * propagated in one line: return r2xi_fail(err, R2X_EIO, path, 0, "..."). */
int r2xi_fail(r2x_error *err, int code, const char *file, long line,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Send a diagnostic to a callback (no-op when fn is NULL). */
void r2xi_diag(r2x_diag_fn fn, void *userdata, int severity, int code,
              const char *file, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Copy at most size-1 bytes and terminate. */
void r2xi_strlcpy(char *dst, const char *src, size_t size);
/* strdup that returns NULL for NULL. */
char *r2xi_strdup(const char *s);
char *r2xi_strndup(const char *s, size_t n);

#endif
