/*
 * test_periods.c - unit tests for periods.c (TAP output).
 *
 * Results are collected first so that the plan line "1..N" can come first.
 */
#include "periods.h"

#include <stdio.h>
#include <string.h>

#define MAX_TESTS 400

static char results[MAX_TESTS][160];
static char notes[MAX_TESTS][160];   /* why a check failed, printed after it */
static int passed[MAX_TESTS];
static int ntests;
static char pending_note[160];

static void ok(int cond, const char *desc)
{
    if (ntests < MAX_TESTS) {
        snprintf(results[ntests], sizeof results[ntests], "%s", desc);
        snprintf(notes[ntests], sizeof notes[ntests], "%s", pending_note);
        passed[ntests] = cond != 0;
    }
    pending_note[0] = '\0';
    ntests++;
}

static const r2x_fiscal_calendar cal_dec = {12, 31, R2X_FY_NAMED_BY_END};
static const r2x_fiscal_calendar cal_dec_start = {12, 31, R2X_FY_NAMED_BY_START};
static const r2x_fiscal_calendar cal_iij = {3, 31, R2X_FY_NAMED_BY_START};
static const r2x_fiscal_calendar cal_sep = {9, 30, R2X_FY_NAMED_BY_END};

static void fmt(r2x_date d, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* "2009-04-01..2009-09-30" for a duration, "@2009-09-30" for an instant,
 * "none" when unresolved. */
static void describe(const r2x_period *p, char *buf, size_t n)
{
    char a[16], b[16];
    fmt(p->start, a, sizeof a);
    fmt(p->end, b, sizeof b);
    if (p->kind == R2X_PERIOD_DURATION)
        snprintf(buf, n, "%s..%s", a, b);
    else if (p->kind == R2X_PERIOD_INSTANT)
        snprintf(buf, n, "@%s", b);
    else
        snprintf(buf, n, "none");
}

static int period_is(const period_phrase *p, const char *want)
{
    char got[64];
    describe(&p->period, got, sizeof got);
    if (strcmp(got, want) != 0) {
        snprintf(pending_note, sizeof pending_note, "got %s, want %s", got, want);
        return 0;
    }
    return 1;
}

/* Scan text expecting exactly one phrase with the given period. */
static void check_one(const char *text, const r2x_fiscal_calendar *cal,
                      const char *want)
{
    period_phrase p[8];
    char desc[160];
    size_t n = period_scan(text, cal, p, 8);
    snprintf(desc, sizeof desc, "'%s' -> %s", text, want);
    int good = n == 1 && period_is(&p[0], want);
    if (n != 1)
        snprintf(pending_note, sizeof pending_note, "%zu phrases", n);
    ok(good, desc);
}

static void check_none(const char *text)
{
    period_phrase p[8];
    char desc[160];
    size_t n = period_scan(text, &cal_dec, p, 8);
    snprintf(desc, sizeof desc, "noise '%s' gives no phrase", text);
    ok(n == 0, desc);
}

static r2x_date D(int y, int m, int d)
{
    r2x_date r = {y, m, d};
    return r;
}

static int date_is(r2x_date d, int y, int m, int day)
{
    return d.year == y && d.month == m && d.day == day;
}

static void test_dates(void)
{
    ok(date_valid(D(2008, 2, 29)) && !date_valid(D(2009, 2, 29)), "date_valid: leap day");
    ok(!date_valid(D(2009, 13, 1)) && !date_valid(D(0, 0, 0)) &&
       !date_valid(D(2009, 4, 31)), "date_valid: rejects bad month, zero date, Apr 31");
    ok(date_days_in_month(2000, 2) == 29 && date_days_in_month(1900, 2) == 28 &&
       date_days_in_month(2009, 9) == 30 && date_days_in_month(2009, 0) == 0,
       "date_days_in_month: century rules");
    ok(date_is(date_add_days(D(2009, 12, 31), 1), 2010, 1, 1), "date_add_days: over a year end");
    ok(date_is(date_add_days(D(2004, 3, 1), -1), 2004, 2, 29), "date_add_days: back into a leap February");
    ok(date_is(date_add_days(D(2004, 7, 3), -7 * 13 + 1), 2004, 4, 4), "date_add_days: 13 weeks back");
    ok(date_is(date_add_days(D(2009, 1, 1), 365 * 4 + 1), 2013, 1, 1), "date_add_days: four years forward");
    ok(date_is(date_add_days(D(2009, 2, 30), 1), 0, 0, 0), "date_add_days: invalid input gives zero date");
    ok(date_compare(D(2009, 9, 30), D(2009, 10, 1)) < 0 &&
       date_compare(D(2010, 1, 1), D(2009, 12, 31)) > 0 &&
       date_compare(D(2009, 9, 30), D(2009, 9, 30)) == 0, "date_compare");
    ok(date_is(date_start_of_months(D(2009, 9, 30), 6), 2009, 4, 1), "start_of_months: Sep 30 - 6 -> Apr 1");
    ok(date_is(date_start_of_months(D(2010, 12, 25), 3), 2010, 9, 26), "start_of_months: Dec 25 - 3 -> Sep 26");
    ok(date_is(date_start_of_months(D(2004, 7, 3), 3), 2004, 4, 4), "start_of_months: Jul 3 - 3 -> Apr 4");
    ok(date_is(date_start_of_months(D(2010, 3, 31), 12), 2009, 4, 1), "start_of_months: Mar 31 - 12 -> Apr 1");
    ok(date_is(date_start_of_months(D(2008, 2, 29), 1), 2008, 2, 1), "start_of_months: leap month end");
}

static void test_instants(void)
{
    check_one("As of March 31, 2009", &cal_dec, "@2009-03-31");
    check_one("As of September 30, 2009", &cal_dec, "@2009-09-30");
    check_one("Sep 30, 2008", &cal_dec, "@2008-09-30");
    check_one("Sept. 30, 2008", &cal_dec, "@2008-09-30");
    check_one("Dec. 31, 2009", &cal_dec, "@2009-12-31");
    check_one("December 25, 2010", &cal_dec, "@2010-12-25");
    check_one("at December 31, 2003", &cal_dec, "@2003-12-31");
    check_one("3/25/2023", &cal_dec, "@2023-03-25");
    check_one("2009-09-30", &cal_dec, "@2009-09-30");
    check_one("Balance at December 31, 2008", &cal_dec, "@2008-12-31");

    period_phrase p[4];
    size_t n = period_scan("As of March 31, 2009", &cal_dec, p, 4);
    ok(n == 1 && p[0].as_of && p[0].start == 0 && p[0].end == 20,
       "'As of March 31, 2009': as_of, offsets [0,20)");
}

static void test_durations(void)
{
    check_one("Six Months Ended September 30, 2008", &cal_dec, "2008-04-01..2008-09-30");
    check_one("Three Months ended September 30, 2009", &cal_dec, "2009-07-01..2009-09-30");
    check_one("Nine months ended September 30, 2004", &cal_dec, "2004-01-01..2004-09-30");
    check_one("13 Weeks Ended July 3, 2004", &cal_dec, "2004-04-04..2004-07-03");
    check_one("Twelve Weeks Ended March 25, 2023", &cal_dec, "2023-01-01..2023-03-25");
    check_one("Twenty-six Weeks Ended July 3, 2004", &cal_dec, "2004-01-04..2004-07-03");
    check_one("Year Ended December 31, 2003", &cal_dec, "2003-01-01..2003-12-31");
    check_one("Fiscal Year Ending March 31, 2010", &cal_dec, "2009-04-01..2010-03-31");
    check_one("Quarter Ended December 25, 2010", &cal_dec, "2010-09-26..2010-12-25");
    check_one("from April 1, 2009 to September 30, 2009", &cal_dec, "2009-04-01..2009-09-30");
    check_one("April 1, 2009 through March 31, 2010", &cal_dec, "2009-04-01..2010-03-31");
    check_one("Three Months Ended (Unaudited) September 30, 2009", &cal_dec,
              "2009-07-01..2009-09-30");

    period_phrase p[4];
    size_t n = period_scan("Three Months ended", &cal_dec, p, 4);
    ok(n == 1 && p[0].months == 3 && p[0].ended && p[0].period.kind == R2X_PERIOD_NONE,
       "'Three Months ended': partial, months=3, ended");
    n = period_scan("26 Weeks Ended", &cal_dec, p, 4);
    ok(n == 1 && p[0].weeks == 26 && p[0].ended, "'26 Weeks Ended': weeks=26, ended");
    n = period_scan("Quarter Ended", &cal_dec, p, 4);
    ok(n == 1 && p[0].months == 3 && p[0].ended, "'Quarter Ended': months=3");

    const char *two = "For the six months ended September 30, 2008 and September 30, 2009";
    n = period_scan(two, &cal_dec, p, 4);
    ok(n == 2 && period_is(&p[0], "2008-04-01..2008-09-30") &&
       period_is(&p[1], "2009-04-01..2009-09-30"),
       "'... and September 30, 2009': second date inherits six months ended");
    ok(n == 2 && p[0].start == 0 && strncmp(two + p[1].start, "September 30, 2009", 18) == 0 &&
       p[1].end == strlen(two), "two phrases: offsets");

    n = period_scan("Nine months ended September 30, 2004 and 2003", &cal_dec, p, 4);
    ok(n == 2 && period_is(&p[1], "2003-01-01..2003-09-30"),
       "'... 2004 and 2003': the bare year takes month and day");
}

static void test_fiscal(void)
{
    check_one("1H08", &cal_iij, "2008-04-01..2008-09-30");
    check_one("1H09", &cal_iij, "2009-04-01..2009-09-30");
    check_one("2H09", &cal_iij, "2009-10-01..2010-03-31");
    check_one("1Q09", &cal_iij, "2009-04-01..2009-06-30");
    check_one("2Q08", &cal_iij, "2008-07-01..2008-09-30");
    check_one("2Q09", &cal_iij, "2009-07-01..2009-09-30");
    check_one("Q2 2009", &cal_iij, "2009-07-01..2009-09-30");
    check_one("Q2 FY2009", &cal_iij, "2009-07-01..2009-09-30");
    check_one("FY2009", &cal_iij, "2009-04-01..2010-03-31");
    check_one("FY09", &cal_iij, "2009-04-01..2010-03-31");
    check_one("Full FY2009", &cal_iij, "2009-04-01..2010-03-31");
    check_one("1H FY2009", &cal_iij, "2009-04-01..2009-09-30");
    check_one("FY2011", &cal_sep, "2010-10-01..2011-09-30");
    check_one("1Q11", &cal_sep, "2010-10-01..2010-12-31");
    check_one("4Q11", &cal_sep, "2011-07-01..2011-09-30");
    check_one("FY2009", &cal_dec, "2009-01-01..2009-12-31");
    check_one("FY2009", &cal_dec_start, "2009-01-01..2009-12-31");
    check_one("FY99", &cal_dec, "1999-01-01..1999-12-31");
    check_one("Fiscal 2009", &cal_sep, "2008-10-01..2009-09-30");
    check_one("Second Quarter 2009", &cal_iij, "2009-07-01..2009-09-30");
    /* a length of six months or more with a year alone: so many months
     * from the fiscal year's first day (J&J's "SIX MONTHS" over "2023") */
    check_one("SIX MONTHS 2023", &cal_dec, "2023-01-01..2023-06-30");
    check_one("Nine months 2024", &cal_sep, "2023-10-01..2024-06-30");
    check_one("Six Months 2009", &cal_iij, "2009-04-01..2009-09-30");
    check_one("TWELVE MONTHS 2022", &cal_dec, "2022-01-01..2022-12-31");

    r2x_fiscal_calendar feb = {2, 28, R2X_FY_NAMED_BY_END};
    check_one("FY2008", &feb, "2007-03-01..2008-02-29");
    r2x_fiscal_calendar sep25 = {9, 25, R2X_FY_NAMED_BY_END};
    check_one("1Q11", &sep25, "2010-09-26..2010-12-25");

    period_phrase p[8];
    size_t n = period_scan("1Q09\t2Q09\t3Q09\t4Q09", &cal_iij, p, 8);
    ok(n == 4 && period_is(&p[3], "2010-01-01..2010-03-31") && p[3].start == 15 && p[3].end == 19,
       "four quarter codes in a row, offsets");
    n = period_scan("FY2009", &cal_iij, p, 8);
    ok(n == 1 && p[0].fiscal && p[0].date.year == 2009, "fiscal code sets fiscal and year");
}

static void test_partial_and_noise(void)
{
    period_phrase p[4];
    size_t n = period_scan("2004", &cal_dec, p, 4);
    ok(n == 1 && p[0].date.year == 2004 && !p[0].date.month &&
       p[0].period.kind == R2X_PERIOD_NONE, "'2004': year alone, partial");
    n = period_scan("September 30", &cal_dec, p, 4);
    ok(n == 1 && p[0].date.month == 9 && p[0].date.day == 30 && !p[0].date.year &&
       p[0].period.kind == R2X_PERIOD_NONE, "'September 30': month and day, partial");
    n = period_scan("December 31,", &cal_dec, p, 4);
    ok(n == 1 && p[0].date.month == 12 && p[0].date.day == 31 && p[0].end == 11,
       "'December 31,': partial, end before the comma");

    check_none("Thousands of JPY");
    check_none("% of total revenues");
    check_none("YoY % change");
    check_none("JPY millions");
    check_none("Total Revenues");
    check_none("(Unaudited)");
    check_none("IP Service (100Mbps-999Mbps)");
    check_none("Year-over-year change");
    check_none("");

    /* cells joined by tabs, with UTF-8 punctuation: offsets map to cells */
    const char *row = "\xE2\x80\x9C" "Three Months Ended\t\t\xE2\x80\x94\tDecember 25, 2010";
    n = period_scan(row, &cal_dec, p, 4);
    ok(n == 2 && p[0].start == 3 && p[0].months == 3 && p[0].ended &&
       strncmp(row + p[1].start, "December", 8) == 0 && period_is(&p[1], "@2010-12-25"),
       "tabs and UTF-8: phrases do not run across cells");
    ok(period_scan("Six Months Ended September 30, 2008", &cal_dec, p, 0) == 0,
       "max 0 stores nothing");
}

static void test_repairs(void)
{
    period_phrase p[4];
    const char *t = "As of March 31, 2\t2009";
    size_t n = period_scan(t, &cal_dec, p, 4);
    ok(n == 1 && period_is(&p[0], "@2009-03-31") && p[0].end == strlen(t) &&
       strstr(p[0].repair, "'2'") && strstr(p[0].repair, "2009"),
       "truncated year '2' read as 2009");
    ok(n == 1 && strcmp(p[0].repair, "truncated year '2' read as 2009") == 0,
       "truncated year: repair text");

    n = period_scan("As of S\tSeptember 30, 2009", &cal_dec, p, 4);
    ok(n == 1 && p[0].as_of && period_is(&p[0], "@2009-09-30"), "'As of S\\tSeptember 30, 2009': instant");

    const char *damaged[] = {"ths Ended er 30, 2009", "Months Ended tember 30, 2009",
                             "ee Months Ended otember 30, 2009", "nths Ended or 30, 2009"};
    for (int i = 0; i < 4; i++) {
        char desc[160];
        n = period_scan(damaged[i], &cal_dec, p, 4);
        snprintf(desc, sizeof desc, "damaged '%s': partial, year 2009, day 30, ended", damaged[i]);
        ok(n == 1 && p[0].date.year == 2009 && p[0].date.day == 30 && p[0].ended &&
           p[0].period.kind == R2X_PERIOD_NONE, desc);
    }

    period_phrase sib, dmg;
    n = period_scan("Six Months Ended September 30, 2008", &cal_dec, &sib, 1);
    const char *dt = "ths Ended er 30, 2009";
    period_scan(dt, &cal_dec, &dmg, 1);
    ok(period_repair_from_sibling(&dmg, dt, &sib) && period_is(&dmg, "2009-04-01..2009-09-30"),
       "repair from sibling: six months ended 2009-09-30");
    ok(strcmp(dmg.repair, "damaged heading 'ths Ended er 30, 2009' read as "
                          "'six months ended 2009-09-30' after its neighbour") == 0,
       "repair from sibling: repair text");

    period_scan("Months Ended tember 31, 2009", &cal_dec, &dmg, 1);
    ok(!period_repair_from_sibling(&dmg, "Months Ended tember 31, 2009", &sib),
       "repair refused when the day differs");
    period_scan("Months Ended tember 30,", &cal_dec, &dmg, 1);
    ok(!period_repair_from_sibling(&dmg, "Months Ended tember 30,", &sib),
       "repair refused without a year");

    /* month ends follow leap years */
    period_scan("Three Months Ended February 28, 2007", &cal_dec, &sib, 1);
    period_scan("nths Ended ry 2008", &cal_dec, &dmg, 1);
    ok(dmg.date.year == 2008 && period_repair_from_sibling(&dmg, NULL, &sib) &&
       period_is(&dmg, "2007-12-01..2008-02-29"), "repair: Feb 28 -> Feb 29 in a leap year");
}

static void test_inherit(void)
{
    period_phrase above, below;
    period_scan("Three Months Ended", &cal_dec, &above, 1);
    period_scan("December 25, 2010", &cal_dec, &below, 1);
    ok(period_inherit(&below, &above, &cal_dec) && period_is(&below, "2010-09-26..2010-12-25"),
       "inherit: Three Months Ended over December 25, 2010");

    period_scan("Nine months ended September 30", &cal_dec, &above, 1);
    period_scan("2004", &cal_dec, &below, 1);
    ok(period_inherit(&below, &above, &cal_dec) && period_is(&below, "2004-01-01..2004-09-30"),
       "inherit: Nine months ended September 30 over 2004");

    period_scan("13 Weeks Ended", &cal_dec, &above, 1);
    period_scan("July 3, 2004", &cal_dec, &below, 1);
    ok(period_inherit(&below, &above, &cal_dec) && period_is(&below, "2004-04-04..2004-07-03"),
       "inherit: 13 Weeks Ended over July 3, 2004");

    period_scan("As of", &cal_dec, &above, 1);
    period_scan("March 31, 2009", &cal_dec, &below, 1);
    ok(above.as_of && period_inherit(&below, &above, &cal_dec) && period_is(&below, "@2009-03-31"),
       "inherit: As of over March 31, 2009 -> instant");

    period_scan("FY2009", &cal_iij, &above, 1);
    size_t n = period_scan("2Q", &cal_iij, &below, 1);
    ok(n == 1 && below.fiscal == 2 && period_inherit(&below, &above, &cal_iij) &&
       period_is(&below, "2009-07-01..2009-09-30"), "inherit: FY2009 over 2Q");

    period_scan("Six Months Ended", &cal_dec, &above, 1);
    n = period_scan("September 30,", &cal_dec, &below, 1);
    ok(n == 1 && !period_inherit(&below, &above, &cal_dec), "inherit: still no year -> unresolved");
}

static void test_resolve(void)
{
    period_phrase p;
    memset(&p, 0, sizeof p);
    p.date = D(2009, 9, 30);
    ok(period_resolve(&p, &cal_dec) && period_is(&p, "@2009-09-30"), "resolve: bare date is an instant");
    p.ended = 1;
    ok(!period_resolve(&p, &cal_dec), "resolve: ended with no length is unresolved");
    p.months = 6;
    ok(period_resolve(&p, &cal_dec) && period_is(&p, "2009-04-01..2009-09-30"), "resolve: six months");
    p.as_of = 1;
    ok(period_resolve(&p, &cal_dec) && period_is(&p, "@2009-09-30"), "resolve: as of wins");
    memset(&p, 0, sizeof p);
    p.fiscal = 3;
    p.months = 3;
    p.date.year = 2009;
    ok(period_resolve(&p, &cal_iij) && period_is(&p, "2009-10-01..2009-12-31"), "resolve: 3Q09 IIJ");
    ok(period_resolve(&p, NULL) && period_is(&p, "2009-07-01..2009-09-30"), "resolve: NULL calendar is Dec 31");

    /* nonsense parts must be refused, not overflow */
    p.fiscal = 1 << 30;
    p.date.year = 1 << 30;
    ok(!period_resolve(&p, &cal_iij) && p.period.kind == R2X_PERIOD_NONE,
       "resolve: absurd fiscal code refused");
    memset(&p, 0, sizeof p);
    p.date = D(2009, 9, 30);
    p.weeks = 1 << 30;
    ok(!period_resolve(&p, &cal_dec), "resolve: absurd week count refused");
    ok(!period_resolve(NULL, &cal_dec), "resolve: NULL phrase");
    ok(date_is(date_add_days(D(9999, 12, 31), 1), 0, 0, 0) &&
       date_is(date_start_of_months(D(2009, 9, 30), 1 << 30), 0, 0, 0),
       "date arithmetic past the calendar's range gives the zero date");
}

int main(void)
{
    test_dates();
    test_instants();
    test_durations();
    test_fiscal();
    test_partial_and_noise();
    test_repairs();
    test_inherit();
    test_resolve();

    int failed = 0;
    printf("1..%d\n", ntests);
    for (int i = 0; i < ntests && i < MAX_TESTS; i++) {
        printf("%s %d - %s\n", passed[i] ? "ok" : "not ok", i + 1, results[i]);
        if (!passed[i] && notes[i][0])
            printf("# %s\n", notes[i]);
        failed += !passed[i];
    }
    return failed || ntests > MAX_TESTS ? 1 : 0;
}
