/*
 * periods.h - column headings -> periods, fiscal-year aware (internal).
 *
 * Heading text is scanned for period phrases.  A phrase may be complete
 * ("Six Months Ended September 30, 2009", "As of March 31, 2009", "1H09",
 * "Fiscal Year Ending March 31, 2010") or partial, as when headings are
 * stacked over lines ("Three Months Ended" over "December 25, 2010";
 * "Nine months ended September 30" over "2004").  Partial phrases are merged
 * by period_inherit(); damaged ones may be mended from a sibling heading.
 */
#ifndef R2X_PERIODS_H
#define R2X_PERIODS_H

#include <stddef.h>

#include "release2xbrl.h"

typedef struct period_phrase {
    size_t start, end;      /* [start, end): byte offsets of the phrase in the text */
    int months;             /* stated length in months ("Six Months" = 6, "Year" = 12,
                               "Quarter" = 3), else 0 */
    int weeks;              /* stated length in weeks ("13 Weeks", "Twelve Weeks"), else 0 */
    int ended;              /* "ended"/"ending"/"through"/"to": the date closes a duration */
    int as_of;              /* "as of"/"at"/"balance at": an instant */
    int fiscal;             /* a fiscal code was read: 1H09, 2Q08, FY2009, Q3 2010 */
    r2x_date date;          /* the parts read; 0 where absent */
    r2x_period period;      /* resolved when complete, else kind R2X_PERIOD_NONE */
    char repair[200];       /* what a repair rule did, "" when none */
} period_phrase;

/* Find the period phrases in text, left to right; returns how many were
 * stored (at most max).  Phrases with nothing but noise are not returned.
 * Complete phrases are resolved with cal (see period_resolve). */
size_t period_scan(const char *text, const r2x_fiscal_calendar *cal,
                   period_phrase *out, size_t max);

/* Resolve p->period from its parts.  A full date with "ended" and a length is
 * a duration; a full date with no length and no "ended" is an instant (as is
 * any "as of" date); a fiscal code resolves through cal.  Returns 1 when
 * p->period is now resolved. */
int period_resolve(period_phrase *p, const r2x_fiscal_calendar *cal);

/* Merge a phrase from a heading line with the phrase above it that covers it:
 * parts missing below are taken from above (length, "ended", month and day,
 * year).  Returns 1 if below is resolved afterwards. */
int period_inherit(period_phrase *below, const period_phrase *above,
                   const r2x_fiscal_calendar *cal);

/* A damaged heading ("ths Ended er 30, 2009", "Months Ended tember 30, 2009")
 * that still shows a year is read as its resolved sibling in the same heading
 * row with that year, when the parts it does show agree with the sibling (its
 * day, when it shows one, is the sibling's day).  Fills damaged->period and
 * damaged->repair; returns 1 on success. */
int period_repair_from_sibling(period_phrase *damaged, const char *damaged_text,
                               const period_phrase *sibling);

/* The month (1..12) a word of n letters names ("December", "Dec", "Sept"),
 * else 0. */
int period_month_word(const char *s, size_t n);

/* Date arithmetic on the proleptic Gregorian calendar. */
int date_valid(r2x_date d);
int date_days_in_month(int year, int month);
r2x_date date_add_days(r2x_date d, int days);
int date_compare(r2x_date a, r2x_date b);
/* The first day of a duration of n months ending on end: for a month end,
 * the first of the month n-1 months earlier (Sep 30 - 6 months -> Apr 1);
 * otherwise the day after the same day n months earlier. */
r2x_date date_start_of_months(r2x_date end, int n);
/* a - b in days. */
long date_diff_days(r2x_date a, r2x_date b);
/* The same day n months earlier, clamped to the month's length. */
r2x_date date_minus_months(r2x_date d, int n);

#endif
