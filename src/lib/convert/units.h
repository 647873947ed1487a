/*
 * units.h - unit and scale phrases -> unit, scale (internal).
 *
 * "Thousands of JPY" (JPY, x10^3), "JPY millions" (JPY, x10^6), "Thousands of
 * U.S. Dollars", "(in millions, except per share amounts)" (a bare scale that
 * applies to every amount but per-share figures), "% of total revenues",
 * "YoY % change".  Row labels carry units too: "(shares)", "(ADSs)",
 * "per share (JPY / U.S. Dollars / JPY)".
 */
#ifndef R2X_UNITS_H
#define R2X_UNITS_H

#include <stddef.h>

#include "release2xbrl.h"

typedef struct unit_phrase {
    size_t start, end;        /* byte offsets in the scanned text */
    r2x_unit unit;            /* CURRENCY, SHARES, PURE or NONE (a bare scale) */
    int scale;                /* power of ten stated (3, 6, 9), 0 if none */
    int percent;              /* a percentage column ("%", "% of total revenues") */
    int change;               /* a change column ("YoY % change", "Change") */
    int except_per_share;     /* "except per share amounts" */
    int shares_scale;         /* "shares in thousands": 3; -1 when not stated */
} unit_phrase;

/* Find unit phrases in text, left to right; returns how many were stored. */
size_t unit_scan(const char *text, unit_phrase *out, size_t max);

/* What a row label says about its figures. */
enum label_unit_kind {
    LABEL_UNIT_NONE = 0,
    LABEL_UNIT_PER_SHARE,     /* "... per share", "per ADS", "EPS" */
    LABEL_UNIT_SHARES,        /* "number of shares", "(shares)", "shares used in" */
    LABEL_UNIT_OTHER_COUNT,   /* "(ADSs)", "number of employees": a count */
    LABEL_UNIT_RATIO          /* "margin ratio", "as a percentage of" */
};

typedef struct label_unit {
    int kind;                 /* enum label_unit_kind */
    char denominator[16];     /* per-share: "shares" or "ADS" */
    char count_unit[16];      /* counts: "shares", "ADS" */
    size_t ncurrencies;       /* "(JPY / U.S. Dollars / JPY)": per value, in order */
    char currencies[8][4];
    int scale;                /* a count's scale the label states in parentheses:
                               * "(millions)", "(in thousands)", "(M's)"; -1 none */
} label_unit;

void unit_from_label(const char *label, label_unit *out);

/* The ISO 4217 code for a currency word or sign at the start of s ("JPY",
 * "yen", "U.S. Dollars", "$"), with its length in *len; NULL if none. */
const char *unit_currency_at(const char *s, size_t *len);

#endif
