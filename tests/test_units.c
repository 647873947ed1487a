/*
 * test_units.c - unit tests for units.c: unit and scale phrases in headings,
 * units named by row labels, currency words (TAP output).
 */
#include "units.h"

#include <string.h>

#include "tap.h"

#define MAXU 8

static size_t scan(const char *text, unit_phrase *u)
{
    memset(u, 0, sizeof *u * MAXU);
    return unit_scan(text, u, MAXU);
}

/* Exactly one phrase: a currency with a scale. */
static void check_currency(const char *text, const char *code, int scale)
{
    unit_phrase u[MAXU];
    size_t n = scan(text, u);
    int good = n == 1 && u[0].unit.kind == R2X_UNIT_CURRENCY &&
               strcmp(u[0].unit.measure, code) == 0 && u[0].scale == scale &&
               !u[0].percent && !u[0].change;
    ok(good, "'%s' -> %s, scale %d", text, code, scale);
    if (!good)
        printf("#   %zu phrases; first kind %d measure '%s' scale %d\n", n,
               u[0].unit.kind, u[0].unit.measure, u[0].scale);
}

static void test_currency_phrases(void)
{
    unit_phrase u[MAXU];
    size_t n;

    check_currency("Thousands of JPY", "JPY", 3);
    n = scan("Thousands of JPY", u);
    ok(n == 1 && u[0].start == 0 && u[0].end == 16, "'Thousands of JPY': spans [0, 16)");
    check_currency("JPY millions", "JPY", 6);
    check_currency("(JPY in millions)", "JPY", 6);
    n = scan("(JPY in millions)", u);
    ok(n == 1 && u[0].start == 1 && u[0].end == 16, "'(JPY in millions)': spans [1, 16)");
    check_currency("Thousands of U.S. Dollars", "USD", 3);
    check_currency("Dollars in thousands", "USD", 3);
    check_currency("Yen", "JPY", 0);
    check_currency("JPY", "JPY", 0);
    check_currency("US$ millions", "USD", 6);
    check_currency("Millions of Euros", "EUR", 6);
    check_currency("\xe2\x82\xac billions", "EUR", 9);
    /* Fixed bug (regression test): after "in" the bare-scale branch steps onto "thousands", sees
     * "of <currency>" and skips ahead meaning to read "Thousands of ..." on
     * the next turn, but the loop's i++ has already passed "thousands", so
     * the phrase is read as plain "U.S. dollars" with scale 0. */
    check_currency("(in thousands of U.S. dollars)", "USD", 3);

    n = scan("Thousands of JPY Thousands of JPY", u);
    ok(n == 2, "'Thousands of JPY Thousands of JPY': two phrases");
    ok(n == 2 && u[0].unit.kind == R2X_UNIT_CURRENCY && u[1].unit.kind == R2X_UNIT_CURRENCY &&
       !strcmp(u[0].unit.measure, "JPY") && !strcmp(u[1].unit.measure, "JPY") &&
       u[0].scale == 3 && u[1].scale == 3, "both are JPY thousands");
    ok(n == 2 && u[0].start == 0 && u[0].end == 16 && u[1].start == 17 && u[1].end == 33,
       "spans [0, 16) and [17, 33)");
}

static void test_bare_scales(void)
{
    unit_phrase u[MAXU];
    size_t n;

    n = scan("(In millions, except per share amounts)", u);
    ok(n == 1, "'(In millions, except per share amounts)': one phrase");
    ok(n >= 1 && u[0].unit.kind == R2X_UNIT_NONE && u[0].scale == 6 &&
       u[0].except_per_share && u[0].shares_scale == -1 && !u[0].percent && !u[0].change,
       "... bare: unit NONE, scale 6, except_per_share, shares_scale not stated");

    const char *t = "(In millions, except number of shares which are reflected in "
                    "thousands and per share amounts)";
    n = scan(t, u);
    ok(n >= 1 && u[0].unit.kind == R2X_UNIT_NONE && u[0].scale == 6 &&
       u[0].except_per_share && u[0].shares_scale == 3,
       "'(In millions, except number of shares ... in thousands ...)': scale 6, "
       "shares_scale 3, except_per_share");
    /* Fixed bug (regression test): the exception clause's "in thousands" is read a second time as a
     * bare scale phrase of its own (scale 3) inside the first phrase, so a
     * table under this heading ends up with a bare scale of thousands (the
     * last bare phrase wins in plan_units/plan_from_context). */
    ok(n == 1, "... is one phrase (its 'in thousands' belongs to the shares)");
    if (n != 1)
        for (size_t k = 0; k < n; k++)
            printf("#   phrase %zu: kind %d scale %d [%zu, %zu)\n", k, u[k].unit.kind,
                   u[k].scale, u[k].start, u[k].end);

    n = scan("(Thousands)", u);
    ok(n == 1 && u[0].unit.kind == R2X_UNIT_NONE && u[0].scale == 3 &&
       !u[0].except_per_share, "'(Thousands)': bare scale 3");
    n = scan("(in thousands, except per share data)", u);
    ok(n == 1 && u[0].unit.kind == R2X_UNIT_NONE && u[0].scale == 3 &&
       u[0].except_per_share, "'(in thousands, except per share data)': bare 3, except per share");

    n = scan("(Amounts of less than JPY one million are rounded)", u);
    int bare6 = 0;
    for (size_t k = 0; k < n; k++)
        if (u[k].scale == 6)
            bare6 = 1;
    ok(!bare6, "'(Amounts of less than JPY one million are rounded)': no scale of millions");
}

static void test_percent_and_change(void)
{
    unit_phrase u[MAXU];
    size_t n;

    n = scan("% of total revenues", u);
    ok(n == 1 && u[0].percent && !u[0].change && u[0].unit.kind == R2X_UNIT_PURE &&
       !strcmp(u[0].unit.measure, "pure") && u[0].scale == 0,
       "'%% of total revenues': percent, pure, not a change");
    ok(n == 1 && u[0].start == 0 && u[0].end == 19, "'%% of total revenues': spans [0, 19)");

    n = scan("%", u);
    ok(n == 1 && u[0].percent && !u[0].change, "'%%': percent");

    n = scan("YoY % change", u);
    ok(n == 1 && u[0].percent && u[0].change, "'YoY %% change': percent change");
    ok(n == 1 && u[0].start == 0 && u[0].end == 12, "'YoY %% change': spans [0, 12)");

    n = scan("YoY Change", u);
    ok(n == 1 && u[0].change && !u[0].percent && u[0].unit.kind == R2X_UNIT_NONE &&
       u[0].scale == 0, "'YoY Change': change, unit NONE");
    ok(n == 1 && u[0].start == 0 && u[0].end == 10, "'YoY Change': spans [0, 10)");

    n = scan("Change", u);
    ok(n == 1 && u[0].change, "'Change': change");

    n = scan("shares", u);
    ok(n == 1 && u[0].unit.kind == R2X_UNIT_SHARES && !strcmp(u[0].unit.measure, "shares"),
       "'shares' alone: shares");

    n = scan("Net sales", u);
    ok(n == 0, "'Net sales': no unit phrase");
    n = scan("Six Months Ended September 30, 2009", u);
    ok(n == 0, "a period heading: no unit phrase");
}

static void check_label(const char *label, int kind, const char *desc)
{
    label_unit lu;
    memset(&lu, 0x5a, sizeof lu);
    unit_from_label(label, &lu);
    ok(lu.kind == kind, "'%s': %s", label, desc);
    if (lu.kind != kind)
        printf("#   kind %d, want %d\n", lu.kind, kind);
}

static void test_labels(void)
{
    label_unit lu;

    const char *eps = "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. "
                      "PER SHARE (JPY / U.S. Dollars / JPY)";
    unit_from_label(eps, &lu);
    ok(lu.kind == LABEL_UNIT_PER_SHARE && !strcmp(lu.denominator, "shares"),
       "'... PER SHARE (JPY / U.S. Dollars / JPY)': per share, denominator shares");
    ok(lu.ncurrencies == 3 && !strcmp(lu.currencies[0], "JPY") &&
       !strcmp(lu.currencies[1], "USD") && !strcmp(lu.currencies[2], "JPY"),
       "... currencies JPY, USD, JPY in order");

    const char *ads = "BASIC NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC. "
                      "PER ADS (JPY / U.S. Dollars / JPY)";
    unit_from_label(ads, &lu);
    ok(lu.kind == LABEL_UNIT_PER_SHARE && !strcmp(lu.denominator, "ADS"),
       "'... PER ADS (JPY / U.S. Dollars / JPY)': per share, denominator ADS");
    ok(lu.ncurrencies == 3 && !strcmp(lu.currencies[0], "JPY") &&
       !strcmp(lu.currencies[1], "USD") && !strcmp(lu.currencies[2], "JPY"),
       "... per ADS currencies JPY, USD, JPY");

    unit_from_label("BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)", &lu);
    ok(lu.kind == LABEL_UNIT_SHARES && !strcmp(lu.count_unit, "shares") && lu.ncurrencies == 0,
       "'BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)': shares");

    unit_from_label("BASIC WEIGHTED-AVERAGE NUMBER OF ADS EQUIVALENTS (ADSs)", &lu);
    ok(lu.kind == LABEL_UNIT_OTHER_COUNT && !strcmp(lu.count_unit, "ADS"),
       "'... NUMBER OF ADS EQUIVALENTS (ADSs)': a count of ADS");

    check_label("Treasury stock\xe2\x80\x94" "3,934 shares held by the company at March 31, "
                "2009 and September 30, 2009, respectively",
                LABEL_UNIT_NONE, "an amount, not a share count");
    check_label("issued and outstanding, 206,478 shares at March 31, 2009",
                LABEL_UNIT_NONE, "an amount that mentions shares");
    check_label("SI Gross Margin Ratio", LABEL_UNIT_RATIO, "ratio");
    check_label("IIJ Shareholders' Equity as a percentage of Total Assets",
                LABEL_UNIT_RATIO, "'as a percentage of': ratio");
    check_label("Net sales", LABEL_UNIT_NONE, "no unit");
    check_label("Total revenues", LABEL_UNIT_NONE, "no unit");
    check_label("Diluted earnings per share", LABEL_UNIT_PER_SHARE, "per share");
    check_label("EPS", LABEL_UNIT_PER_SHARE, "per share");
    check_label("Net income per common share", LABEL_UNIT_PER_SHARE, "per share");
    check_label("IIJ Shareholders' Equity per share", LABEL_UNIT_PER_SHARE, "per share");
    check_label("Weighted average shares outstanding", LABEL_UNIT_SHARES, "shares");
    check_label("Shares outstanding", LABEL_UNIT_SHARES, "shares");
    /* Fixed bug (regression test): "per share" is tested before "shares used", so this share count
     * (units.h: LABEL_UNIT_SHARES covers "shares used in") is read as a
     * per-share amount. */
    check_label("Shares used in computing basic earnings per share", LABEL_UNIT_SHARES,
                "a share count ('shares used in')");
    /* Fixed bug (regression test): units.h names "number of employees" as LABEL_UNIT_OTHER_COUNT;
     * unit_from_label() does not know it. */
    check_label("Number of employees", LABEL_UNIT_OTHER_COUNT, "a count");

    unit_from_label("Diluted earnings per share", &lu);
    ok(lu.ncurrencies == 0 && !strcmp(lu.denominator, "shares"),
       "'Diluted earnings per share': no currencies listed");
    unit_from_label("Net income per share (yen / dollars)", &lu);
    ok(lu.kind == LABEL_UNIT_PER_SHARE && lu.ncurrencies == 2 &&
       !strcmp(lu.currencies[0], "JPY") && !strcmp(lu.currencies[1], "USD"),
       "'Net income per share (yen / dollars)': JPY, USD");

    unit_from_label(NULL, &lu);
    ok(lu.kind == LABEL_UNIT_NONE && lu.ncurrencies == 0, "NULL label: no unit");
}

static void check_currency_at(const char *s, const char *code, size_t len)
{
    size_t n = 999;
    const char *got = unit_currency_at(s, &n);
    if (!code) {
        ok(got == NULL, "unit_currency_at('%s') -> none", s);
        return;
    }
    ok(got && !strcmp(got, code) && n == len, "unit_currency_at('%s') -> %s, length %zu",
       s, code, len);
    if (!got || strcmp(got, code) || n != len)
        printf("#   got %s, length %zu\n", got ? got : "(null)", n);
}

static void test_currency_at(void)
{
    check_currency_at("JPY", "JPY", 3);
    check_currency_at("jpy millions", "JPY", 3);
    check_currency_at("Yen", "JPY", 3);
    check_currency_at("Japanese yen", "JPY", 12);
    check_currency_at("U.S. Dollars / JPY)", "USD", 12);
    check_currency_at("U.S. dollar amounts", "USD", 11);
    check_currency_at("US dollars", "USD", 10);
    check_currency_at("Dollars", "USD", 7);
    check_currency_at("USD", "USD", 3);
    check_currency_at("$", "USD", 1);
    check_currency_at("$1,234", "USD", 1);
    check_currency_at("US$1.00", "USD", 3);
    check_currency_at("\xc2\xa5" "100", "JPY", 2);
    check_currency_at("\xe2\x82\xac", "EUR", 3);
    check_currency_at("Euros", "EUR", 5);
    check_currency_at("GBP", "GBP", 3);
    check_currency_at("RMB", "CNY", 3);
    check_currency_at("Yenta", NULL, 0);
    check_currency_at("Europe", NULL, 0);
    check_currency_at("Net sales", NULL, 0);
    check_currency_at("Thousands of JPY", NULL, 0);
    check_currency_at("", NULL, 0);
}

int main(void)
{
    test_currency_phrases();
    test_bare_scales();
    test_percent_and_change();
    test_labels();
    test_currency_at();
    return tap_done();
}
