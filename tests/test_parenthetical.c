/*
 * test_parenthetical.c - unit tests for parenthetical.c (TAP output): the
 * amounts balance-sheet labels state, with the concept, value, decimals and
 * date or column each takes; numbers of dates, percentages and names are
 * not amounts; a label with nothing to state gives nothing.
 */
#include "parenthetical.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"

static paren_amount got[16];
static size_t ngot;

static void scan(const char *label, int position, int preferred)
{
    paren_context ctx = {position, preferred, NULL};
    ngot = parenthetical_scan(label, &ctx, got, 16);
}

/* The amount of concept at date (or column), or NULL. */
static const paren_amount *find(const char *concept, int year, int month, int day, int column)
{
    for (size_t i = 0; i < ngot; i++) {
        const paren_amount *a = &got[i];
        if (strcmp(a->concept, concept))
            continue;
        if (year ? a->date.year == year && a->date.month == month && a->date.day == day
                 : !a->date.year && a->column == column)
            return a;
    }
    return NULL;
}

static int is(const paren_amount *a, long long coef, int exp)
{
    return a && a->value.coef == coef && a->value.exp == exp;
}

int main(void)
{
    /* the sample's receivable: two amounts, two dates, "respectively" */
    scan("Accounts receivable, net of allowance for doubtful accounts of JPY 22,072 thousand "
         "and JPY 24,386 thousand at March 31, 2009 and September 30, 2009, respectively",
         R2X_POS_CURRENT_ASSETS, 0);
    const paren_amount *a = find("us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent", 2009,
                                 3, 31, 0);
    ok(is(a, 22072, 3) && a->decimals == -3 && !strcmp(a->currency, "JPY") && a->scale_stated,
       "JPY 22,072 thousand at March 31, 2009 (decimals -3)");
    ok(is(find("us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent", 2009, 9, 30, 0), 24386,
          3),
       "JPY 24,386 thousand at September 30, 2009");
    ok(ngot == 2, "nothing else: the dates' numbers are no amounts (%zu)", ngot);

    /* one figure, two dates: at both */
    scan("Common-stock—authorized, 377,600 shares; issued and outstanding, 206,478 shares at "
         "March 31, 2009 and September 30, 2009, respectively",
         R2X_POS_EQUITY, 0);
    ok(is(find("us-gaap:CommonStockSharesAuthorized", 0, 0, 0, -1), 377600, 0),
       "377,600 shares authorized, at every date (the clause names none)");
    ok(is(find("us-gaap:CommonStockSharesIssued", 2009, 3, 31, 0), 206478, 0) &&
           is(find("us-gaap:CommonStockSharesIssued", 2009, 9, 30, 0), 206478, 0),
       "206,478 shares issued at both dates");
    ok(is(find("us-gaap:CommonStockSharesOutstanding", 2009, 9, 30, 0), 206478, 0),
       "and outstanding");

    /* US style: par value, counts before their words, two counts in column order */
    scan("Common stock, $0.01 par value; 5,000 shares authorized; 1,234 and 1,230 shares issued",
         R2X_POS_EQUITY, 0);
    a = find("us-gaap:CommonStockParOrStatedValuePerShare", 0, 0, 0, -1);
    ok(is(a, 1, -2) && a->decimals == 2 && !strcmp(a->currency, "USD"), "$0.01 par value");
    ok(is(find("us-gaap:CommonStockSharesAuthorized", 0, 0, 0, -1), 5000, 0),
       "5,000 shares authorized");
    ok(is(find("us-gaap:CommonStockSharesIssued", 0, 0, 0, 0), 1234, 0) &&
           is(find("us-gaap:CommonStockSharesIssued", 0, 0, 0, 1), 1230, 0),
       "1,234 and 1,230 shares issued: the first and second date of the table");

    /* preferred stock: its own concepts; a percentage and a series are no amounts */
    scan("Mandatory convertible preferred stock, 6.00% Series A, par value $1.00 - 20,000,000 "
         "shares authorized; 5,750,000 shares issued",
         R2X_POS_EQUITY, 1);
    ok(is(find("us-gaap:PreferredStockSharesAuthorized", 0, 0, 0, -1), 20000000, 0),
       "preferred: 20,000,000 shares authorized");
    ok(is(find("us-gaap:PreferredStockParOrStatedValuePerShare", 0, 0, 0, -1), 100, -2),
       "preferred: $1.00 par value");
    ok(ngot == 3, "6.00%% is no amount (%zu amounts)", ngot);

    /* treasury shares */
    scan("Treasury stock, at cost - 256,638,054 and 263,044,840 shares", R2X_POS_EQUITY, 0);
    ok(is(find("us-gaap:TreasuryStockCommonShares", 0, 0, 0, 1), 263044840, 0),
       "treasury shares in column order");

    /* nothing to state */
    scan("Other current assets, net of allowance for doubtful accounts of $5", R2X_POS_CURRENT_ASSETS,
         0);
    ok(ngot == 0, "an allowance on no receivable is no allowance concept");
    scan("Property, plant and equipment, net", R2X_POS_NONCURRENT_ASSETS, 0);
    ok(ngot == 0, "a label that states no amount");
    scan("Long-term receivables, net of allowances of $7", R2X_POS_NONCURRENT_ASSETS, 0);
    ok(ngot == 0, "'allowances' without doubtful or credit loss is not read");
    scan("Financing receivables, net of allowance for credit losses of $7",
         R2X_POS_NONCURRENT_ASSETS, 0);
    ok(is(find("us-gaap:AllowanceForDoubtfulAccountsReceivableNoncurrent", 0, 0, 0, -1), 7, 0),
       "a noncurrent receivable's allowance is noncurrent");
    return tap_done();
}
