/* test_calc.c - exact decimals of the validator: parsing, round half to even,
 * decimals inferred from precision (XBRL 2.1 4.6.6), weights; and the binding
 * of calculations (XBRL 2.1 5.2.5.2 and Calculations 1.1) and essence-alias
 * over facts made here, with tests/validate/inst.xsd's DTS (A = B + C, a
 * tuple H, Alias an essence-alias of Essence) read through the taxonomy
 * cache, ../shared/xbrl-cache, or where that is absent the base schemas
 * vendored in tests/fixtures/xbrl-base.  Values worked out by hand. */
#include <stdlib.h>
#include <sys/stat.h>

#include "tap.h"
#include "calc.h"
#include "vdec.h"
#include "validate.h"

/* ---- findings --------------------------------------------------------------- */

static int n_errors;
static char last_code[128], last_msg[1024];

static void collect(void *self, const r2x_error *e)
{
    (void)self;
    if (e->severity != R2X_SEV_ERROR)
        return;
    n_errors++;
    snprintf(last_code, sizeof last_code, "%s", e->rule);
    snprintf(last_msg, sizeof last_msg, "%s", e->message);
}

static reporter rp = {collect, NULL, NULL, NULL, 0, 0, 0, 0, 0};
static const vreporter rep = {&rp, "test", NULL, NULL};

/* ---- facts ---------------------------------------------------------------------- */

static vcontext ctx = {"I2024", NULL, {1, 0}, "sig-I2024", DTS_PERIOD_INSTANT, 0};
static vunit usd = {"USD", {1, 0}, "USD", 1, 0, 0}, eur = {"EUR", {1, 0}, "EUR", 1, 0, 0};

/* An item of concept k with value v (NULL: nil) and decimals d (-1000:
 * precision 0), at preorder number order, inside the tuple whose preorder
 * range is [lo, hi] (parent NULL: the top). */
static vfact item(const dts_concept *k, const char *v, int d, const vunit *u, xmlNodePtr parent,
                  size_t order, size_t lo, size_t hi)
{
    vfact f;
    memset(&f, 0, sizeof f);
    f.concept = k;
    f.context = &ctx;
    f.unit = u;
    f.parent = parent;
    f.pos.line = (long)order;
    f.nil = v == NULL;
    f.text = (char *)(v ? v : "");
    if (v) {
        f.value = vdec_parse(v);
        f.has_decimals = 1;
        f.precision_zero = d == -1000;
        f.decimals = d == -1000 ? vdec_decimals_from_precision(f.value, 0) : d;
    }
    f.order = order;
    f.scope_lo = lo;
    f.scope_hi = hi;
    return f;
}

static int run_calc(vfact *f, size_t n, const dts *d, int mode)
{
    n_errors = 0;
    last_code[0] = last_msg[0] = '\0';
    check_calculations(f, n, d, mode, &rep);
    return n_errors;
}

static void binding_tests(const dts *d)
{
    const dts_concept *A = dts_concept_get(d, "http://example.com/inst", "A");
    const dts_concept *B = dts_concept_get(d, "http://example.com/inst", "B");
    const dts_concept *C = dts_concept_get(d, "http://example.com/inst", "C");
    const dts_concept *E = dts_concept_get(d, "http://example.com/inst", "Essence");
    const dts_concept *L = dts_concept_get(d, "http://example.com/inst", "Alias");
    if (!A || !B || !C || !E || !L || !(A->flags & DTS_NUMERIC)) {
        skip("the duplicates and essence-alias checks: tests/validate/inst.xsd did not load with its types");
        return;
    }
    xmlNodePtr t1 = (xmlNodePtr)&ctx, t2 = (xmlNodePtr)&usd;   /* two tuples, by address */
    /* A = 3, B = 2, C = 1 at the top; a tuple (3..4) holds B = 20 */
    vfact top[] = {
        item(A, "3", 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(B, "2", 0, &usd, NULL, 2, 0, SIZE_MAX),
        item(C, "1", 0, &usd, NULL, 3, 0, SIZE_MAX),
        item(B, "20", 0, &usd, t1, 5, 4, 5),
    };
    ok(run_calc(top, 4, d, R2X_CALC_XBRL21) == 1 && strstr(last_msg, "sum to 23"),
       "xbrl21: A at the top binds B in a tuple too: 2 + 1 + 20 = 23, not 3 (%s)", last_msg);
    is_str(last_code, "xbrl.5.2.5.2:calcInconsistency", "xbrl21: its code");
    ok(run_calc(top, 4, d, R2X_CALC_C11) == 0, "c11: A binds its siblings alone: 2 + 1 = 3");
    /* the tuple's A binds only what is inside it: A = 20 with B = 20 */
    vfact inner[] = {
        item(B, "2", 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(A, "20", 0, &usd, t1, 3, 2, 5),
        item(B, "20", 0, &usd, t2, 5, 4, 5),   /* a nested tuple (4..5) */
    };
    ok(run_calc(inner, 3, d, R2X_CALC_XBRL21) == 0,
       "xbrl21: a tuple's A binds its descendants, not its uncles: 20 = 20");
    inner[2].value = vdec_parse("21");
    ok(run_calc(inner, 3, d, R2X_CALC_XBRL21) == 1 && strstr(last_msg, "sum to 21"),
       "xbrl21: a nephew in a nested tuple counts: 20 is not 21");
    /* a nil A beside a real one: A is a duplicate, nothing binds */
    vfact nil[] = {
        item(A, NULL, 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(A, "0", 0, &usd, NULL, 2, 0, SIZE_MAX),
        item(B, "1", 0, &usd, NULL, 3, 0, SIZE_MAX),
    };
    ok(run_calc(nil, 3, d, R2X_CALC_XBRL21) == 0, "xbrl21: a nil duplicate keeps A from binding");
    ok(run_calc(nil + 1, 2, d, R2X_CALC_XBRL21) == 1, "xbrl21: without it, 0 is not 1");
    /* duplicated contributing items in one tuple: no binding */
    vfact dup[] = {
        item(A, "9", 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(B, "2", 0, &usd, t1, 3, 2, 4),
        item(B, "2", 0, &usd, t1, 4, 2, 4),
    };
    ok(run_calc(dup, 3, d, R2X_CALC_XBRL21) == 0, "xbrl21: duplicate contributing items: no binding");
    dup[2].parent = t2;
    ok(run_calc(dup, 3, d, R2X_CALC_XBRL21) == 1 && strstr(last_msg, "sum to 4"),
       "xbrl21: the same items in two tuples are no duplicates: 2 + 2 = 4, not 9");
    /* precision 0 anywhere in a bound calculation: inconsistent */
    vfact zero[] = {
        item(A, "3", 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(B, "2", -1000, &usd, NULL, 2, 0, SIZE_MAX),
        item(C, "1", 0, &usd, NULL, 3, 0, SIZE_MAX),
    };
    ok(run_calc(zero, 3, d, R2X_CALC_XBRL21) == 1 && strstr(last_msg, "precision 0"),
       "xbrl21: precision 0 makes a bound calculation inconsistent, though 2 + 1 = 3");
    zero[1] = item(B, "2", 0, &usd, NULL, 2, 0, SIZE_MAX);
    ok(run_calc(zero, 3, d, R2X_CALC_XBRL21) == 0, "xbrl21: with decimals 0, 2 + 1 = 3");
    zero[2].unit = &eur;
    ok(run_calc(zero, 3, d, R2X_CALC_XBRL21) == 1 && strstr(last_msg, "sum to 2"),
       "xbrl21: C in euros does not contribute: 3 is not 2");

    /* essence-alias: same context and parent must agree in unit and value */
    vfact alias[] = {
        item(E, "100", 0, &usd, NULL, 1, 0, SIZE_MAX),
        item(L, "100.4", 0, &usd, NULL, 2, 0, SIZE_MAX),
        item(L, "7", 0, &usd, t1, 4, 3, 4),
    };
    n_errors = 0;
    check_essence_alias(alias, 3, d, &rep);
    ok(n_errors == 0, "essence-alias: 100 and 100.4 agree to 0 decimals; the tuple's alias is apart");
    alias[1].unit = &eur;
    n_errors = 0;
    check_essence_alias(alias, 3, d, &rep);
    ok(n_errors == 1 && strstr(last_msg, "unit"), "essence-alias: another unit is inconsistent");
    alias[1].unit = &usd;
    alias[1].value = vdec_parse("101");
    n_errors = 0;
    check_essence_alias(alias, 3, d, &rep);
    ok(n_errors == 1 && strstr(last_msg, "value"), "essence-alias: 101 is not 100");
}

static void with_dts(void)
{
    const char *top = getenv("top_srcdir");
    char cache[1024], xsd[1024];
    struct stat st;
    snprintf(cache, sizeof cache, "%s/../shared/xbrl-cache", top ? top : ".");
    if (stat(cache, &st) != 0 || !S_ISDIR(st.st_mode))
        snprintf(cache, sizeof cache, "%s/tests/fixtures/xbrl-base", top ? top : ".");
    snprintf(xsd, sizeof xsd, "%s/tests/validate/inst.xsd", top ? top : ".");
    /* one spelling of the path: the linkbase's locators resolve to it */
    char *abs = realpath(xsd, NULL);
    if (!abs) {
        skip("the calculations of tests/validate: %s is not there", xsd);
        return;
    }
    snprintf(xsd, sizeof xsd, "%s", abs);
    free(abs);
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = cache;
    fo.offline = 1;
    fetcher *f = NULL;
    dts *d = NULL;
    r2x_error err;
    memset(&err, 0, sizeof err);
    dts_options dopts = {NULL, NULL, 0};
    if (fetcher_new(&fo, &f, &err)) {
        skip("the calculations of tests/validate: no fetcher: %s", err.message);
        return;
    }
    dopts.fetch = f;
    ok(!dts_new(&dopts, &d, &err) && !dts_add(d, xsd, NULL, NULL, 0, &err) &&
       !dts_load(d, &err), "the DTS of %s loads", xsd);
    if (d)
        binding_tests(d);
    dts_free(d);
    fetcher_free(f);
}

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
    with_dts();
    return tap_done();
}
