/*
 * report.h - every validation finding goes through report(): rule code,
 * severity, file, line and column as fields, the message as text.  The
 * reporter counts what it passes on, applies the caller's filters (codes to
 * ignore, codes alone to show, the least severity) and notes an allocation
 * that failed on the way, so that a run can end "out of memory" instead of
 * giving a finding made from half a record.  (internal)
 */
#ifndef R2X_REPORT_H
#define R2X_REPORT_H

#include <stdarg.h>
#include <stddef.h>

#include "release2xbrl.h"

typedef struct reporter {
    r2x_diag_fn diag;          /* where findings go; may be NULL */
    void *userdata;
    const char *const *ignore; /* glob patterns on codes, NULL-terminated; may be NULL */
    const char *const *only;   /* NULL: every code */
    int min_severity;
    size_t errors, warnings;   /* findings passed on */
    size_t filtered;           /* findings the filters held back */
    int oom;                   /* a reporting check could not keep what it needed */
} reporter;

/* A reporter with no filters. */
void reporter_init(reporter *rp, r2x_diag_fn diag, void *userdata);

/* Would a finding of this severity and code be passed on? */
int report_wanted(const reporter *rp, int severity, const char *code);

/* Report one finding: severity R2X_SEV_ERROR or R2X_SEV_WARNING, code the
 * rule ("xbrl.4.6.1:itemContextRef"), file, line and column where it is (0
 * when unknown).  The message is cut at r2x_error's size. */
void report(reporter *rp, int severity, const char *code, const char *file, long line,
            long column, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void vreport(reporter *rp, int severity, const char *code, const char *file, long line,
             long column, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

/* A finding made elsewhere (libxml2's schema processor, Inline XBRL
 * extraction), its rule already in e->rule, through the same filters and
 * counts. */
void report_record(reporter *rp, const r2x_error *e);

#endif
