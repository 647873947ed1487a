/* tap.h - a minimal TAP producer for the unit tests, which automake's TAP
 * driver reads line by line: each ok, not ok and skip counts. */
#ifndef R2X_TAP_H
#define R2X_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static void tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static void tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond)
        printf("#   failed at %s:%d\n", file, line);
}

/* A check not made, counted as a skip: skip("the US-GAAP labels: %s is
 * absent", path). */
#define skip(...) tap_skip(__VA_ARGS__)
static void tap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void tap_skip(const char *fmt, ...)
{
    va_list ap;
    printf("ok %d # SKIP ", ++tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* The whole program skipped, before any check: return skip_all(...) from
 * main. */
#define skip_all(...) tap_skip_all(__VA_ARGS__)
static int tap_skip_all(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static int tap_skip_all(const char *fmt, ...)
{
    va_list ap;
    printf("1..0 # SKIP ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    return 0;
}

/* Compare strings, printing both on failure. */
#define is_str(got, want, ...) do { \
        const char *g_ = (got), *w_ = (want); \
        int c_ = g_ && w_ && strcmp(g_, w_) == 0; \
        ok(c_, __VA_ARGS__); \
        if (!c_) printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    if (tap_failed)
        printf("# %d of %d failed\n", tap_failed, tap_count);
    return tap_failed ? 1 : 0;
}

#endif
