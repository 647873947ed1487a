/* decimal.c - exact decimals: value = coef * 10^exp, never floating point. */
#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "release2xbrl.h"

static const int64_t max_coef = 999999999999999999LL;   /* 18 digits */

int r2x_decimal_scale(r2x_decimal *d, int power)
{
    if (power < -R2X_DECIMAL_MAX_EXP || power > R2X_DECIMAL_MAX_EXP ||
        d->exp + power < -R2X_DECIMAL_MAX_EXP || d->exp + power > R2X_DECIMAL_MAX_EXP)
        return R2X_ERANGE;
    /* Keep the coefficient and move the exponent: 32,275,024 thousands is
     * 32275024 * 10^3, exact whatever the digits. */
    d->exp += power;
    return R2X_OK;
}

/* Bring a to exponent e (<= a.exp) by multiplying its coefficient. */
static int align(r2x_decimal a, int e, int64_t *coef)
{
    int64_t c = a.coef;
    for (int i = e; i < a.exp; i++) {
        if (c > max_coef / 10 || c < -max_coef / 10)
            return R2X_ERANGE;
        c *= 10;
    }
    *coef = c;
    return R2X_OK;
}

int r2x_decimal_add(r2x_decimal a, r2x_decimal b, r2x_decimal *out)
{
    int e = a.exp < b.exp ? a.exp : b.exp;
    int64_t ca, cb;
    if (align(a, e, &ca) || align(b, e, &cb))
        return R2X_ERANGE;
    int64_t s = ca + cb;       /* both |x| < 10^18, no int64 overflow */
    if (s > max_coef || s < -max_coef)
        return R2X_ERANGE;
    out->coef = s;
    out->exp = e;
    return R2X_OK;
}

int r2x_decimal_cmp(r2x_decimal a, r2x_decimal b)
{
    int e = a.exp < b.exp ? a.exp : b.exp;
    int64_t ca, cb;
    if (align(a, e, &ca) == R2X_OK && align(b, e, &cb) == R2X_OK)
        return (ca > cb) - (ca < cb);
    /* One side is too large to align: compare signs, then magnitudes by
     * the number of integer digits. */
    int sa = (a.coef > 0) - (a.coef < 0), sb = (b.coef > 0) - (b.coef < 0);
    if (sa != sb)
        return sa - sb;
    return a.exp > b.exp ? sa : -sa;
}

void r2x_decimal_format(r2x_decimal d, char *buf)
{
    char digits[24];
    if (d.exp < -R2X_DECIMAL_MAX_EXP || d.exp > R2X_DECIMAL_MAX_EXP) {
        strcpy(buf, "out-of-range");
        return;
    }
    int neg = d.coef < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)d.coef : (uint64_t)d.coef;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    int nd = (int)strlen(digits);
    int exp = d.exp;
    /* Drop trailing zeros of a fraction so 46.60 prints as 46.6. */
    while (exp < 0 && nd > 1 && digits[nd - 1] == '0') {
        digits[--nd] = '\0';
        exp++;
    }
    char *p = buf;
    if (neg && mag != 0)
        *p++ = '-';
    if (mag == 0) {
        strcpy(p, "0");
        return;
    }
    if (exp >= 0) {
        memcpy(p, digits, (size_t)nd);
        p += nd;
        for (int i = 0; i < exp; i++)
            *p++ = '0';
        *p = '\0';
        return;
    }
    int frac = -exp;
    if (nd > frac) {
        memcpy(p, digits, (size_t)(nd - frac));
        p += nd - frac;
        *p++ = '.';
        memcpy(p, digits + nd - frac, (size_t)frac);
        p += frac;
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < frac - nd; i++)
            *p++ = '0';
        memcpy(p, digits, (size_t)nd);
        p += nd;
    }
    *p = '\0';
}

r2x_decimal decimal_round(r2x_decimal v, int decimals)
{
    /* keep digits down to 10^-decimals */
    int drop = -decimals - v.exp;
    if (drop <= 0)
        return v;
    if (drop > 18) {
        r2x_decimal z = {0, -decimals};
        return z;
    }
    int64_t p = 1;
    for (int i = 0; i < drop; i++)
        p *= 10;
    int64_t q = v.coef / p, r = v.coef % p;
    if (r >= p / 2 + (p % 2))
        q++;
    else if (-r >= p / 2 + (p % 2))
        q--;
    r2x_decimal out = {q, -decimals};
    return out;
}

r2x_decimal decimal_truncate(r2x_decimal v, int decimals)
{
    int drop = -decimals - v.exp;
    if (drop <= 0)
        return v;
    r2x_decimal out = {0, -decimals};
    if (drop > 18)
        return out;
    int64_t p = 1;
    for (int i = 0; i < drop; i++)
        p *= 10;
    out.coef = v.coef / p;     /* C division truncates toward zero */
    return out;
}
