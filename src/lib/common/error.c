#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *r2x_strerror(int code)
{
    switch (code) {
    case R2X_OK: return "success";
    case R2X_ENOMEM: return "out of memory";
    case R2X_EIO: return "input/output error";
    case R2X_EUSAGE: return "invalid usage";
    case R2X_EINPUT: return "malformed input";
    case R2X_ERANGE: return "value out of range";
    case R2X_ETOOBIG: return "input too large";
    case R2X_EPROFILE: return "malformed profile";
    case R2X_ETABLE: return "inconsistent table";
    }
    return "unknown error";
}

const char *r2x_severity_name(int severity)
{
    switch (severity) {
    case R2X_SEV_NOTE: return "note";
    case R2X_SEV_WARNING: return "warning";
    }
    return "error";
}

void r2x_error_clear(r2x_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void r2xi_strlcpy(char *dst, const char *src, size_t size)
{
    if (!size)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

char *r2xi_strdup(const char *s)
{
    return s ? r2xi_strndup(s, strlen(s)) : NULL;
}

char *r2xi_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void fill(r2x_error *e, int severity, int code, const char *file,
                 long line, long column, const char *fmt, va_list ap)
{
    e->code = code;
    e->severity = severity;
    r2xi_strlcpy(e->file, file ? file : "", sizeof e->file);
    e->line = line;
    e->column = column;
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    e->rule[0] = '\0';
}

int r2xi_fail(r2x_error *err, int code, const char *file, long line,
             const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, R2X_SEV_ERROR, code, file, line, 0, fmt, ap);
        va_end(ap);
    }
    return code;
}

void r2xi_diag(r2x_diag_fn fn, void *userdata, int severity, int code,
              const char *file, long line, long column, const char *fmt, ...)
{
    if (!fn)
        return;
    r2x_error e;
    va_list ap;
    va_start(ap, fmt);
    fill(&e, severity, code, file, line, column, fmt, ap);
    va_end(ap);
    fn(userdata, &e);
}
