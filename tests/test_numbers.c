/*
 * test_numbers.c - unit tests for numbers.c (cell figures) and decimal.c
 * (exact decimals), TAP output.
 *
 * Every expected value below is worked out from the cell text by hand: the
 * printed digits give the coefficient, the digits after the point give the
 * (negative) exponent, parentheses or a leading dash give the sign.
 */
#include "numbers.h"

#include <stdint.h>
#include <string.h>

#include "tap.h"

/* Read a NUL-terminated cell. */
static int read_cell(const char *text, cell_reading *r)
{
    return number_read_cell(text, strlen(text), r);
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case CELL_EMPTY: return "empty";
    case CELL_NUMBER: return "number";
    case CELL_DASH: return "dash";
    case CELL_DECORATION: return "decoration";
    case CELL_TEXT: return "text";
    }
    return "?";
}

/* The cell reads as kind (and R2X_OK). */
static void check_kind(const char *text, int want, const char *desc)
{
    cell_reading r;
    int rc = read_cell(text, &r);
    ok(rc == R2X_OK && r.kind == want, "%s: kind %s", desc, kind_name(want));
    if (rc != R2X_OK || r.kind != want)
        printf("#   rc %d, kind %s\n", rc, kind_name(r.kind));
}

/* The cell reads as exactly one figure coef * 10^exp. */
static int one_figure(const char *text, int64_t coef, int exp, cell_reading *r,
                      const char *desc)
{
    int rc = read_cell(text, r);
    int good = rc == R2X_OK && r->kind == CELL_NUMBER && r->nfigures == 1 &&
               r->figures[0].value.coef == coef && r->figures[0].value.exp == exp;
    ok(good, "%s: '%s' is one figure %lld e%d", desc, text, (long long)coef, exp);
    if (!good)
        printf("#   rc %d kind %s nfigures %zu first %lld e%d\n", rc, kind_name(r->kind),
               r->nfigures, (long long)r->figures[0].value.coef, r->figures[0].value.exp);
    return good;
}

static void test_empty_and_blank(void)
{
    check_kind("", CELL_EMPTY, "empty string");
    check_kind("   ", CELL_EMPTY, "spaces");
    check_kind(" \t ", CELL_EMPTY, "space and tab");
    check_kind("\xc2\xa0", CELL_EMPTY, "a no-break space");
    check_kind(" \xc2\xa0 \xc2\xa0", CELL_EMPTY, "spaces and no-break spaces");
    check_kind("\xe2\x80\xaf", CELL_EMPTY, "a narrow no-break space");

    ok(text_is_blank("", 0), "text_is_blank: empty");
    ok(text_is_blank(" \t\xc2\xa0", 4), "text_is_blank: space, tab, no-break space");
    ok(!text_is_blank(" x ", 3), "text_is_blank: a letter is not blank");
    ok(!text_is_blank("\xc2\xb7", 2), "text_is_blank: a middle dot is not blank");
}

static void test_dashes_and_decoration(void)
{
    check_kind("-", CELL_DASH, "hyphen");
    check_kind("\xe2\x80\x94", CELL_DASH, "em dash");
    check_kind("\xe2\x80\x93", CELL_DASH, "en dash");
    check_kind("_", CELL_DASH, "underscore");
    check_kind("--", CELL_DASH, "double hyphen");
    check_kind("  -  ", CELL_DASH, "hyphen in spaces");
    check_kind("$ \xe2\x80\x94", CELL_DASH, "dollar sign and em dash");
    check_kind("$\xe2\x80\x94", CELL_DASH, "dollar sign glued to em dash");
    check_kind("(\xe2\x80\x94)", CELL_DASH, "em dash in parentheses");
    check_kind("\xe2\x88\x92", CELL_DASH, "minus sign U+2212 alone");

    check_kind("\xe2\x80\xa2", CELL_DECORATION, "bullet");
    check_kind("\xc2\xb7", CELL_DECORATION, "middle dot");
    check_kind(",", CELL_DECORATION, "lone comma");
    check_kind("$", CELL_DECORATION, "dollar sign alone");
    check_kind(")", CELL_DECORATION, "closing parenthesis alone");
    check_kind("` '", CELL_DECORATION, "backquote and quote");
    /* labels in other scripts are text, not decoration */
    check_kind("\xe5\xa3\xb2\xe4\xb8\x8a\xe9\xab\x98", CELL_TEXT, "Japanese label");
    check_kind("\xd0\x92\xd1\x8b\xd1\x80\xd1\x83\xd1\x87\xd0\xba\xd0\xb0", CELL_TEXT,
               "Russian label");
    check_kind("\xc3\x89t\xc3\xa9", CELL_TEXT, "accented Latin");
    check_kind("\xef\xbc\x91", CELL_TEXT, "a fullwidth digit");
    check_kind("\xc3\x97", CELL_DECORATION, "multiplication sign alone");
    check_kind("\xe3\x80\x80\xe3\x83\xbb", CELL_DECORATION, "ideographic space and middle dot");
    check_kind("\xe2\x96\xa0", CELL_DECORATION, "black square");

    check_kind("C.S. Donars", CELL_TEXT, "damaged heading text");
    check_kind("Net sales", CELL_TEXT, "a label");
    check_kind("0,00=101", CELL_TEXT, "damaged figure '0,00=101'");
    check_kind("12.5 Gbps more words", CELL_TEXT, "a figure followed by several words");
    check_kind("1 2 3 4 5", CELL_TEXT, "more figures than a cell holds");
}

static void test_single_figures(void)
{
    cell_reading r;
    figure *f = &r.figures[0];

    if (one_figure("32,275,024", 32275024, 0, &r, "grouped thousands"))
        ok(f->grouped && f->frac_digits == 0 && f->int_digits == 8 && !f->percent &&
           !f->currency && !f->dot_thousands && !f->decimal_comma && f->suffix[0] == '\0' &&
           !r.space_grouped,
           "'32,275,024': grouped, 8 integer digits, no fraction or flags");

    if (one_figure("(1,234)", -1234, 0, &r, "parentheses"))
        ok(f->grouped && !f->percent, "'(1,234)': negative, grouped");

    if (one_figure("1,780.11", 178011, -2, &r, "grouped with a fraction"))
        ok(f->frac_digits == 2 && f->int_digits == 4 && f->grouped && !f->dot_thousands,
           "'1,780.11': 2 fraction digits, 4 integer digits, not dot-thousands");

    if (one_figure("(2.9%)", -29, -1, &r, "negative percentage"))
        ok(f->percent && f->frac_digits == 1 && !f->grouped,
           "'(2.9%%)': percent flag, 1 fraction digit");

    if (one_figure("46.6", 466, -1, &r, "a ratio printed without %"))
        ok(!f->percent && f->frac_digits == 1 && f->int_digits == 2 && !f->dot_thousands,
           "'46.6': no percent flag, 1 fraction digit");

    if (one_figure("7.7%", 77, -1, &r, "positive percentage"))
        ok(f->percent, "'7.7%%': percent flag");

    if (one_figure("248.0%", 2480, -1, &r, "percentage with a zero fraction"))
        ok(f->percent && f->frac_digits == 1, "'248.0%%': fraction digit kept in exponent");

    if (one_figure("$ 1,234", 1234, 0, &r, "dollar sign and space"))
        ok(f->currency && f->grouped, "'$ 1,234': currency flag");

    if (one_figure("$0.45", 45, -2, &r, "dollar sign glued to a fraction"))
        ok(f->currency && f->frac_digits == 2, "'$0.45': currency, 2 fraction digits");

    if (one_figure("($12)", -12, 0, &r, "dollar sign inside parentheses"))
        ok(f->currency, "'($12)': currency flag");

    /* Fixed bug (regression test): a currency sign before a parenthesised figure ("$(12)", as US
     * releases print negative amounts) is not read as a figure at all; the
     * header says "(1,234)" is -1234 and .currency marks "a currency sign
     * or code stood before it", so "$(12)" is -12 with the currency flag. */
    if (one_figure("$(12)", -12, 0, &r, "dollar sign before parentheses"))
        ok(f->currency, "'$(12)': currency flag");

    if (one_figure("US$ 5", 5, 0, &r, "US$ prefix"))
        ok(f->currency, "'US$ 5': currency flag");

    if (one_figure("-5", -5, 0, &r, "leading hyphen-minus"))
        ok(!f->currency, "'-5': no currency");
    one_figure("\xe2\x88\x92" "42", -42, 0, &r, "leading minus sign U+2212");
    one_figure("(35.5)", -355, -1, &r, "negative ratio in parentheses");
    one_figure("( 406,547 )", -406547, 0, &r, "spaces inside parentheses");
    one_figure("0", 0, 0, &r, "zero");
    one_figure("007", 7, 0, &r, "leading zeros are dropped");
    one_figure("0.5", 5, -1, &r, "a fraction below one");
    one_figure("  715  ", 715, 0, &r, "spaces around");
    one_figure("\xc2\xa0" "715\xc2\xa0", 715, 0, &r, "no-break spaces around");

    if (one_figure("85.303", 85303, -3, &r, "a '.' with three digits after"))
        ok(f->dot_thousands && f->frac_digits == 3 && !f->grouped,
           "'85.303': dot_thousands, 3 fraction digits as printed");
    if (one_figure("(1.000)", -1000, -3, &r, "'(1.000)'"))
        ok(f->dot_thousands, "'(1.000)': dot_thousands");
    if (one_figure("1,166", 1166, 0, &r, "comma grouped"))
        ok(!f->dot_thousands && f->grouped && !f->decimal_comma,
           "'1,166': not dot_thousands, not decimal comma");
    if (one_figure("1.1666", 11666, -4, &r, "four fraction digits"))
        ok(!f->dot_thousands, "'1.1666': four digits after the point is not dot_thousands");
    if (one_figure("1,234.567", 1234567, -3, &r, "comma and three fraction digits"))
        ok(!f->dot_thousands, "'1,234.567': dot_thousands only without commas");

    if (one_figure("(0,0)", 0, -1, &r, "decimal comma"))
        ok(f->decimal_comma && !f->grouped && f->frac_digits == 1,
           "'(0,0)': decimal_comma, not grouped, 1 fraction digit");
    if (one_figure("2,50", 250, -2, &r, "decimal comma with two digits"))
        ok(f->decimal_comma && f->frac_digits == 2, "'2,50': decimal_comma");

    if (one_figure("449.1 Gbps", 4491, -1, &r, "a unit word after the figure")) {
        is_str(f->suffix, "Gbps", "'449.1 Gbps': suffix Gbps");
        ok(f->text_off == 0 && f->text_len == 10, "'449.1 Gbps': span [0, 10) takes the word");
    }
    if (one_figure("60ATMs", 60, 0, &r, "a unit word glued to the figure"))
        is_str(f->suffix, "ATMs", "'60ATMs': suffix ATMs");
}

static void test_two_figures(void)
{
    cell_reading r;
    int rc = read_cell("4,775 4,715", &r);
    ok(rc == R2X_OK && r.kind == CELL_NUMBER && r.nfigures == 2 && !r.space_grouped,
       "'4,775 4,715': two figures, not joined");
    if (r.nfigures == 2) {
        ok(r.figures[0].value.coef == 4775 && r.figures[0].value.exp == 0 &&
           r.figures[1].value.coef == 4715 && r.figures[1].value.exp == 0,
           "'4,775 4,715': 4775 and 4715");
        /* Fixed bug (regression test): read_figure() skips the spaces after the digits (looking for
         * '%') before it measures the span, so the first figure's span is
         * [0, 6) and takes the space that separates it from the second;
         * the header says the span is where the figure is printed. */
        ok(r.figures[0].text_off == 0 && r.figures[0].text_len == 5,
           "'4,775 4,715': first span [0, 5)");
        if (r.figures[0].text_len != 5)
            printf("#   first span [%zu, %zu)\n", r.figures[0].text_off,
                   r.figures[0].text_off + r.figures[0].text_len);
        ok(r.figures[1].text_off == 6 && r.figures[1].text_len == 5,
           "'4,775 4,715': second span [6, 11)");
    }

    rc = read_cell(" 4,775 4,715", &r);
    ok(rc == R2X_OK && r.nfigures == 2 && r.figures[0].text_off == 1 &&
       r.figures[1].text_off == 7, "' 4,775 4,715': spans are offsets in the given text");

    rc = read_cell("7,372 (81,165)", &r);
    ok(rc == R2X_OK && r.kind == CELL_NUMBER && r.nfigures == 2 &&
       r.figures[0].value.coef == 7372 && r.figures[1].value.coef == -81165 &&
       r.figures[1].value.exp == 0, "'7,372 (81,165)': 7372 and -81165");
    ok(r.nfigures == 2 && r.figures[1].text_off == 6 && r.figures[1].text_len == 8,
       "'7,372 (81,165)': second span [6, 14)");

    rc = read_cell("31 1", &r);
    ok(rc == R2X_OK && r.kind == CELL_NUMBER && r.nfigures == 2 && !r.space_grouped &&
       r.figures[0].value.coef == 31 && r.figures[1].value.coef == 1,
       "'31 1': two figures 31 and 1 (a one-digit group is not a thousands group)");

    rc = read_cell("594 (138)", &r);
    ok(rc == R2X_OK && r.nfigures == 2 && !r.space_grouped &&
       r.figures[0].value.coef == 594 && r.figures[1].value.coef == -138,
       "'594 (138)': a negative second figure is not a space group");

    rc = read_cell("1 2 3 4", &r);
    ok(rc == R2X_OK && r.kind == CELL_NUMBER && r.nfigures == 4,
       "'1 2 3 4': four figures (CELL_MAX_FIGURES)");

    rc = read_cell("(2.9%) 7.7%", &r);
    ok(rc == R2X_OK && r.nfigures == 2 && r.figures[0].value.coef == -29 &&
       r.figures[0].percent && r.figures[1].value.coef == 77 && r.figures[1].percent,
       "'(2.9%%) 7.7%%': two percentages");
}

static void test_space_groups(void)
{
    cell_reading r;
    figure *f = &r.figures[0];
    if (one_figure("7 272", 7272, 0, &r, "space-grouped")) {
        ok(r.space_grouped && f->grouped && f->int_digits == 4,
           "'7 272': space_grouped, grouped, 4 integer digits");
        ok(f->text_off == 0 && f->text_len == 5, "'7 272': span [0, 5)");
    }
    if (one_figure("52 201", 52201, 0, &r, "space-grouped"))
        ok(r.space_grouped, "'52 201': space_grouped");
    if (one_figure("1 234 567", 1234567, 0, &r, "two space groups"))
        ok(r.space_grouped && f->int_digits == 7, "'1 234 567': 7 integer digits");
    if (one_figure("12 345.6", 123456, -1, &r, "space group with a fraction"))
        ok(r.space_grouped && f->frac_digits == 1, "'12 345.6': 1 fraction digit");

    read_cell("1234 567", &r);
    ok(r.nfigures == 2 && !r.space_grouped,
       "'1234 567': a first group of four digits is not joined");
    read_cell("7 2720", &r);
    ok(r.nfigures == 2 && !r.space_grouped, "'7 2720': a group of four digits is not joined");
    read_cell("1,234 567", &r);
    ok(r.nfigures == 2 && !r.space_grouped, "'1,234 567': a comma-grouped first figure is not joined");
}

/* Only len bytes are read: the text need not end there. */
static void test_length_bound(void)
{
    cell_reading r;
    int rc = number_read_cell("123456", 3, &r);
    ok(rc == R2X_OK && r.kind == CELL_NUMBER && r.nfigures == 1 &&
       r.figures[0].value.coef == 123, "'123456' with length 3 reads 123");
    rc = number_read_cell("(1,234)", 6, &r);
    ok(rc == R2X_OK && r.kind == CELL_TEXT, "'(1,234' (closing parenthesis cut off) is text");
    rc = number_read_cell("12%", 2, &r);
    ok(rc == R2X_OK && r.nfigures == 1 && !r.figures[0].percent,
       "'12%%' with length 2: no percent flag");
    rc = number_read_cell("- 5", 1, &r);
    ok(rc == R2X_OK && r.kind == CELL_DASH, "'- 5' with length 1 is a dash");
}

static void test_range(void)
{
    cell_reading r;
    int rc = read_cell("1234567890123456789", &r);
    ok(rc == R2X_ERANGE && r.kind == CELL_TEXT && r.nfigures == 0,
       "19 digits: R2X_ERANGE, read as text");
    rc = read_cell("1,234,567,890,123,456,789", &r);
    ok(rc == R2X_ERANGE, "19 grouped digits: R2X_ERANGE");
    rc = read_cell("12345678901234567.89", &r);
    ok(rc == R2X_ERANGE, "19 digits with a fraction: R2X_ERANGE");
    one_figure("123456789012345678", 123456789012345678LL, 0, &r, "18 digits fit exactly");
    one_figure("(999,999,999,999,999,999)", -999999999999999999LL, 0, &r,
               "18 grouped nines, negative");
    one_figure("0000000000000000000001", 1, 0, &r, "leading zeros do not count as digits");
}

/* ---- decimals ------------------------------------------------------------ */

static r2x_decimal dec(int64_t coef, int exp)
{
    r2x_decimal d = {coef, exp};
    return d;
}

static void check_format(int64_t coef, int exp, const char *want)
{
    char buf[R2X_DECIMAL_STRLEN];
    memset(buf, 'x', sizeof buf);
    r2x_decimal_format(dec(coef, exp), buf);
    is_str(buf, want, "format %lld e%d -> %s", (long long)coef, exp, want);
}

static void test_decimal_format(void)
{
    check_format(32275024, 3, "32275024000");
    check_format(466, -3, "0.466");
    check_format(-29, -3, "-0.029");
    check_format(0, 0, "0");
    check_format(0, -2, "0");
    check_format(0, 5, "0");
    check_format(4660, -4, "0.466");
    check_format(46600, -2, "466");
    check_format(178011, -2, "1780.11");
    check_format(-1234, 0, "-1234");
    check_format(-18549142, 3, "-18549142000");
    check_format(5, -1, "0.5");
    check_format(-5, -1, "-0.5");
    check_format(100, -1, "10");
    check_format(1, 30, "1000000000000000000000000000000");
    check_format(999999999999999999LL, 0, "999999999999999999");
    check_format(-999999999999999999LL, -18, "-0.999999999999999999");
    check_format(123456789012345678LL, -20, "0.00123456789012345678");
    /* Fixed bug (regression test): zeros after the point are capped at 22 (the loop stops at
     * buf + R2X_DECIMAL_STRLEN - 24), so 1e-30, which fits the buffer
     * (32 characters), is printed as 1e-23. */
    check_format(1, -30, "0.000000000000000000000000000001");
}

static void test_decimal_arith(void)
{
    char buf[R2X_DECIMAL_STRLEN];
    r2x_decimal d = dec(32275024, 0);
    ok(r2x_decimal_scale(&d, 3) == R2X_OK, "scale 32275024 by 3: ok");
    r2x_decimal_format(d, buf);
    is_str(buf, "32275024000", "scale 32275024 by 3 -> 32275024000");
    ok(r2x_decimal_cmp(d, dec(32275024000LL, 0)) == 0, "scaled value equals 32275024000");

    d = dec(466, -1);
    ok(r2x_decimal_scale(&d, -2) == R2X_OK, "scale 46.6 by -2: ok");
    r2x_decimal_format(d, buf);
    is_str(buf, "0.466", "46.6 scaled by -2 -> 0.466");

    d = dec(-29, -1);
    r2x_decimal_scale(&d, -2);
    r2x_decimal_format(d, buf);
    is_str(buf, "-0.029", "-2.9 scaled by -2 -> -0.029");

    d = dec(178011, -2);
    ok(r2x_decimal_scale(&d, 0) == R2X_OK && d.coef == 178011 && d.exp == -2,
       "scale by 0 leaves the value alone");

    r2x_decimal s;
    ok(r2x_decimal_add(dec(15, -1), dec(25, -2), &s) == R2X_OK &&
       r2x_decimal_cmp(s, dec(175, -2)) == 0, "1.5 + 0.25 = 1.75");
    r2x_decimal_format(s, buf);
    is_str(buf, "1.75", "1.5 + 0.25 formats as 1.75");
    ok(r2x_decimal_add(dec(-5, 0), dec(5, 0), &s) == R2X_OK && s.coef == 0,
       "-5 + 5 = 0");
    ok(r2x_decimal_add(dec(10187724, 3), dec(-120561, 3), &s) == R2X_OK &&
       r2x_decimal_cmp(s, dec(10067163000LL, 0)) == 0,
       "10187724e3 + -120561e3 = 10067163000");
    ok(r2x_decimal_add(dec(999999999999999999LL, 0), dec(1, 0), &s) == R2X_ERANGE,
       "add: 999999999999999999 + 1 is R2X_ERANGE");
    ok(r2x_decimal_add(dec(-999999999999999999LL, 0), dec(-1, 0), &s) == R2X_ERANGE,
       "add: -999999999999999999 - 1 is R2X_ERANGE");
    ok(r2x_decimal_add(dec(1, 18), dec(1, 0), &s) == R2X_ERANGE,
       "add: 1e18 + 1 needs 19 digits: R2X_ERANGE");
    ok(r2x_decimal_add(dec(999999999999999998LL, 0), dec(1, 0), &s) == R2X_OK &&
       s.coef == 999999999999999999LL && s.exp == 0, "add: up to 18 nines is fine");

    ok(r2x_decimal_cmp(dec(150, -2), dec(15, -1)) == 0, "cmp: 1.50 equals 1.5");
    ok(r2x_decimal_cmp(dec(1, 0), dec(2, 0)) < 0, "cmp: 1 < 2");
    ok(r2x_decimal_cmp(dec(2, 0), dec(19, -1)) > 0, "cmp: 2 > 1.9");
    ok(r2x_decimal_cmp(dec(-1, 0), dec(0, 0)) < 0, "cmp: -1 < 0");
    ok(r2x_decimal_cmp(dec(0, 3), dec(0, -2)) == 0, "cmp: zeros of any exponent are equal");
    ok(r2x_decimal_cmp(dec(-12, 0), dec(-115, -1)) < 0, "cmp: -12 < -11.5");
    ok(r2x_decimal_cmp(dec(1, 20), dec(999999999999999999LL, 0)) > 0,
       "cmp: 1e20 > 999999999999999999 (too far apart to align)");
    ok(r2x_decimal_cmp(dec(-1, 20), dec(-999999999999999999LL, 0)) < 0,
       "cmp: -1e20 < -999999999999999999");
    ok(r2x_decimal_cmp(dec(999999999999999999LL, 0), dec(1, 20)) < 0,
       "cmp: 999999999999999999 < 1e20");
    ok(r2x_decimal_cmp(dec(-1, 20), dec(1, 0)) < 0, "cmp: -1e20 < 1");
}

int main(void)
{
    test_empty_and_blank();
    test_dashes_and_decoration();
    test_single_figures();
    test_two_figures();
    test_space_groups();
    test_length_bound();
    test_range();
    test_decimal_format();
    test_decimal_arith();
    return tap_done();
}
