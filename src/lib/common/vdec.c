/* vdec.c - exact decimals of up to 38 digits (coef * 10^exp in an __int128):
 * the values of an instance's facts, rounded and summed as XBRL 2.1 says, for
 * the validator's duplicate and calculation checks and the converter's own
 * sum checks and OIM decimals. */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "vdec.h"

#define VDEC_MAX_DIGITS 37

static vint pow10i(int k)
{
    vint p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

vdec vdec_parse(const char *s)
{
    vdec v = {0, 0, 0};
    int neg = 0, digits = 0, any = 0, frac = 0, seen_point = 0;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            any = 1;
            if (seen_point)
                frac++;
            if (v.coef == 0 && *s == '0') {
                continue;
            }
            if (++digits > VDEC_MAX_DIGITS)
                return v;
            v.coef = v.coef * 10 + (*s - '0');
        } else if (*s == '.' && !seen_point) {
            seen_point = 1;
        } else {
            break;
        }
    }
    if (!any)
        return v;
    v.exp = -frac;
    if (*s == 'e' || *s == 'E') {
        char *end;
        long e = strtol(s + 1, &end, 10);
        if (end == s + 1 || e > 1000 || e < -1000)
            return v;
        v.exp += (int)e;
        s = end;
    }
    if (*s)
        return v;
    if (neg)
        v.coef = -v.coef;
    v.ok = 1;
    return v;
}

static int ndigits(vint a)
{
    if (a < 0)
        a = -a;
    int n = 1;
    while (a >= 10) {
        a /= 10;
        n++;
    }
    return n;
}

vdec vdec_round(vdec v, int d)
{
    if (!v.ok || d >= VDEC_INF || -v.exp <= d)
        return v;
    int k = -d - v.exp;                      /* digits to drop, > 0 */
    int neg = v.coef < 0;
    vint a = neg ? -v.coef : v.coef;
    vint q = 0, r = a;
    if (k <= VDEC_MAX_DIGITS + 1) {
        vint p = pow10i(k);
        q = a / p;
        r = a % p;
        if (2 * r > p || (2 * r == p && (q & 1)))
            q++;
    }
    v.coef = neg ? -q : q;
    v.exp = -d;
    return v;
}

/* Bring a and b to the same exponent; 0 when that would overflow. */
static int align(vdec *a, vdec *b)
{
    vdec *hi = a->exp > b->exp ? a : b;
    const vdec *lo = hi == a ? b : a;
    int k = hi->exp - lo->exp;
    if (hi->coef == 0) {
        hi->exp = lo->exp;
        return 1;
    }
    if (ndigits(hi->coef) + k > VDEC_MAX_DIGITS)
        return 0;
    hi->coef *= pow10i(k);
    hi->exp = lo->exp;
    return 1;
}

vdec vdec_add(vdec a, vdec b)
{
    if (!a.ok || !b.ok || !align(&a, &b)) {
        a.ok = 0;
        return a;
    }
    a.coef += b.coef;
    return a;
}

vdec vdec_mul_weight(vdec v, double weight)
{
    char w[64];
    snprintf(w, sizeof w, "%.12g", weight);
    vdec wd = vdec_parse(w);
    if (!v.ok || !wd.ok || ndigits(v.coef) + ndigits(wd.coef) > VDEC_MAX_DIGITS) {
        v.ok = 0;
        return v;
    }
    v.coef *= wd.coef;
    v.exp += wd.exp;
    return v;
}

int vdec_cmp(vdec a, vdec b)
{
    if (!align(&a, &b)) {
        /* magnitudes differ by more than 37 digits */
        if ((a.coef < 0) != (b.coef < 0))
            return a.coef < 0 ? -1 : 1;
        int big_a = a.exp > b.exp;
        int sign = (big_a ? a.coef : b.coef) < 0 ? -1 : 1;
        return big_a ? sign : -sign;
    }
    return a.coef < b.coef ? -1 : a.coef > b.coef;
}

void vdec_format(vdec v, char *buf)
{
    if (!v.ok) {
        strcpy(buf, "NaN");
        return;
    }
    if (v.coef == 0) {
        strcpy(buf, "0");
        return;
    }
    char digits[48];
    int n = 0;
    vint a = v.coef < 0 ? -v.coef : v.coef;
    do {
        digits[n++] = (char)('0' + (int)(a % 10));
        a /= 10;
    } while (a);
    char *p = buf;
    if (v.coef < 0)
        *p++ = '-';
    if (v.exp >= 0) {
        while (n)
            *p++ = digits[--n];
        for (int i = 0; i < v.exp && p < buf + 60; i++)
            *p++ = '0';
    } else {
        int frac = -v.exp;
        if (n <= frac) {
            *p++ = '0';
            *p++ = '.';
            for (int i = n; i < frac && p < buf + 60; i++)
                *p++ = '0';
            while (n && p < buf + 62)
                *p++ = digits[--n];
        } else {
            while (n > frac)
                *p++ = digits[--n];
            *p++ = '.';
            while (n && p < buf + 62)
                *p++ = digits[--n];
        }
    }
    *p = '\0';
}

int vdec_decimals_from_precision(vdec v, int precision)
{
    if (!v.ok || v.coef == 0)
        return VDEC_INF;
    int magnitude = ndigits(v.coef) - 1 + v.exp;    /* floor(log10 |v|) */
    return precision - magnitude - 1;
}
