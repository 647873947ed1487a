/* vdec.h - exact decimals of up to 38 digits, as XBRL 2.1 rounds and sums
 * them (vdec.c).  (internal) */
#ifndef R2X_VDEC_H
#define R2X_VDEC_H

__extension__ typedef __int128 vint;

/* An exact decimal coef * 10^exp; ok is 0 when the text was not a number
 * or does not fit (38 digits). */
typedef struct vdec {
    vint coef;
    int exp;
    int ok;
} vdec;

#define VDEC_INF 100000           /* decimals="INF" */

vdec vdec_parse(const char *s);
/* Round to d decimals (half to even); d >= VDEC_INF leaves it. */
vdec vdec_round(vdec v, int d);
vdec vdec_add(vdec a, vdec b);
vdec vdec_mul_weight(vdec v, double weight);
int vdec_cmp(vdec a, vdec b);
/* Decimal notation into buf (64 bytes). */
void vdec_format(vdec v, char *buf);
/* Decimals implied by a precision (4.6.6): precision - floor(log10|v|) - 1. */
int vdec_decimals_from_precision(vdec v, int precision);

#endif
