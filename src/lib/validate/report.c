/* report.c - the one way a validation finding is made (report.h). */
#include "report.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

void reporter_init(reporter *rp, r2x_diag_fn diag, void *userdata)
{
    memset(rp, 0, sizeof *rp);
    rp->diag = diag;
    rp->userdata = userdata;
}

static int matches_any(const char *const *patterns, const char *code)
{
    for (; patterns && *patterns; patterns++)
        if (!fnmatch(*patterns, code, 0))
            return 1;
    return 0;
}

int report_wanted(const reporter *rp, int severity, const char *code)
{
    /* R2X_SEV_NOTE is numbered after R2X_SEV_ERROR but ranks below a warning */
    if ((severity == R2X_SEV_NOTE ? 0 : severity) < rp->min_severity)
        return 0;
    if (matches_any(rp->ignore, code ? code : ""))
        return 0;
    return !rp->only || matches_any(rp->only, code ? code : "");
}

void report_record(reporter *rp, const r2x_error *e)
{
    if (!report_wanted(rp, e->severity, e->rule)) {
        rp->filtered++;
        return;
    }
    if (e->severity == R2X_SEV_ERROR)
        rp->errors++;
    else
        rp->warnings++;
    if (rp->diag)
        rp->diag(rp->userdata, e);
}

void vreport(reporter *rp, int severity, const char *code, const char *file, long line,
             long column, const char *fmt, va_list ap)
{
    if (!report_wanted(rp, severity, code)) {
        rp->filtered++;
        return;
    }
    r2x_error e;
    e.code = R2X_EINPUT;
    e.severity = severity;
    r2xi_strlcpy(e.file, file ? file : "", sizeof e.file);
    e.line = line > 0 ? line : 0;
    e.column = column > 0 ? column : 0;
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    r2xi_strlcpy(e.rule, code ? code : "", sizeof e.rule);
    if (severity == R2X_SEV_ERROR)
        rp->errors++;
    else
        rp->warnings++;
    if (rp->diag)
        rp->diag(rp->userdata, &e);
}

void report(reporter *rp, int severity, const char *code, const char *file, long line,
            long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(rp, severity, code, file, line, column, fmt, ap);
    va_end(ap);
}
