/* test_calc.c - exact decimals of the validator: parsing, round half to even,
 * decimals inferred from precision (XBRL 2.1 4.6.6), weights; values worked
 * out by hand. */
#include "tap.h"
#include "validate.h"

static void round_is(const char *in, int d, const char *want)
{
    char got[64];
    vdec_format(vdec_round(vdec_parse(in), d), got);
    is_str(got, want, "round(%s, %d) = %s", in, d, want);
}

int main(void)
{
    char buf[64];
    vdec v = vdec_parse("-1234.500");
    ok(v.ok && v.coef == -1234500 && v.exp == -3, "-1234.500 is -1234500e-3");
    ok(!vdec_parse("12,5").ok, "12,5 is no number");
    ok(!vdec_parse("").ok && !vdec_parse("-").ok && !vdec_parse(".").ok, "empty, - and . are no numbers");
    ok(vdec_parse(".5").ok && vdec_parse("5.").ok, ".5 and 5. are numbers");
    v = vdec_parse("1.5E3");
    vdec_format(v, buf);
    is_str(buf, "1500", "1.5E3 = 1500");
    ok(!vdec_parse("123456789012345678901234567890123456789").ok, "39 digits do not fit");
    ok(vdec_parse("0000000000000000000000000000000000000000012").ok, "leading zeros do not count");
    /* round half to even */
    round_is("1500500", -3, "1500000");
    round_is("1501500", -3, "1502000");
    round_is("1500501", -3, "1501000");
    round_is("-2.5", 0, "-2");
    round_is("-3.5", 0, "-4");
    round_is("0.125", 2, "0.12");
    round_is("1.23", 5, "1.23");
    round_is("499", -3, "0");
    round_is("500", -3, "0");
    round_is("501", -3, "1000");
    round_is("7", -40, "0");
    /* decimals from precision: 1500000 to 2 significant digits is -5 */
    ok(vdec_decimals_from_precision(vdec_parse("1500000"), 2) == -5, "precision 2 of 1500000 is decimals -5");
    ok(vdec_decimals_from_precision(vdec_parse("0.0123"), 3) == 4, "precision 3 of 0.0123 is decimals 4");
    ok(vdec_decimals_from_precision(vdec_parse("0"), 3) >= VDEC_INF, "precision of 0 is INF");
    /* sums and weights */
    vdec s = vdec_add(vdec_parse("1500000"), vdec_mul_weight(vdec_parse("600000.5"), -1));
    vdec_format(s, buf);
    is_str(buf, "899999.5", "1500000 - 600000.5 = 899999.5");
    vdec_format(vdec_mul_weight(vdec_parse("10"), 0.5), buf);
    is_str(buf, "5.0", "10 * 0.5 = 5.0");
    ok(vdec_cmp(vdec_parse("1.0"), vdec_parse("1")) == 0, "1.0 = 1");
    ok(vdec_cmp(vdec_parse("-1"), vdec_parse("1e-30")) < 0, "-1 < 1e-30");
    ok(vdec_cmp(vdec_parse("1e30"), vdec_parse("1e-30")) > 0, "1e30 > 1e-30 (too far apart to align)");
    return tap_done();
}
