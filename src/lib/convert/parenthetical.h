/*
 * parenthetical.h - amounts a balance-sheet label states in its own words
 * (internal): "Accounts receivable, net of allowance for doubtful accounts
 * of JPY 22,072 thousand and JPY 24,386 thousand at March 31, 2009 and
 * September 30, 2009, respectively", "Common stock, $.01 par value; 5,000
 * shares authorized; 1,234 and 1,230 shares issued", "Treasury stock - 3,934
 * shares held".  Each becomes a fact of the concept a preparer gives it.
 */
#ifndef R2X_PARENTHETICAL_H
#define R2X_PARENTHETICAL_H

#include <stddef.h>

#include "release2xbrl.h"

#define PAREN_MAX_DATES 4

typedef struct paren_amount {
    const char *concept;      /* a QName of the 2024 dictionary (static text) */
    int unit_kind;            /* R2X_UNIT_CURRENCY, R2X_UNIT_SHARES, R2X_UNIT_PER_SHARE */
    char currency[4];         /* the currency the label names; "" the table's */
    r2x_decimal value;        /* the amount itself (after "thousand") */
    int decimals;             /* XBRL decimals: -3 for "22,072 thousand", 0 for shares */
    int scale_stated;         /* the label gave its scale ("thousand"): the table's
                               * does not apply */
    r2x_date date;            /* the date the label gives it; year 0: see column */
    int column;               /* no date: the n-th balance-sheet date of the table
                               * (in column order); -1 every date */
} paren_amount;

typedef struct paren_context {
    int position;             /* enum r2x_position of the row */
    int preferred;            /* the label is about preferred stock */
    const r2x_fiscal_calendar *cal;
} paren_context;

/* The amounts label states, at most max into out; returns how many. */
size_t parenthetical_scan(const char *label, const paren_context *ctx, paren_amount *out,
                          size_t max);

#endif
