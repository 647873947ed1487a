/*
 * parenthetical.c - amounts stated inside balance-sheet labels.
 *
 * A label is cut into clauses (at ';' and before "net of"); a clause about
 * an allowance, a number of shares or a par value gives its numbers, each
 * at the dates the clause names ("at March 31, 2009 and September 30, 2009,
 * respectively": in order; one amount: at every one), else at the table's
 * balance-sheet dates (two amounts: in column order; one: at every date).
 */
#include "parenthetical.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "periods.h"
#include "units.h"

#define MAX_NUMBERS 8

typedef struct number {
    size_t start, end;        /* byte offsets in the label */
    r2x_decimal value;
    int decimals;
    char currency[4];         /* "JPY" when a currency word or sign stands before it */
    int scale_stated;
} number;

static const char *find_ci_n(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(hay + i, needle, k))
            return hay + i;
    return NULL;
}

static int has(const char *s, size_t n, const char *word)
{
    return find_ci_n(s, n, word) != NULL;
}

/* "1,200,000,000", "22,072", "5.00", ".01" at s: its length, 0 if none.  A
 * figure with more than 18 digits is not read. */
static size_t read_number(const char *s, r2x_decimal *out, int *frac)
{
    size_t i = 0, digits = 0;
    int64_t coef = 0;
    *frac = 0;
    int in_frac = 0;
    while (s[i]) {
        if (isdigit((unsigned char)s[i])) {
            if (++digits > R2X_DECIMAL_MAX_DIGITS)
                return 0;
            coef = coef * 10 + (s[i] - '0');
            *frac += in_frac;
        } else if (s[i] == ',' && !in_frac && digits && isdigit((unsigned char)s[i + 1]) &&
                   isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
                   !isdigit((unsigned char)s[i + 4])) {
            /* a thousands separator: three digits follow */
        } else if (s[i] == '.' && !in_frac && isdigit((unsigned char)s[i + 1])) {
            in_frac = 1;
        } else {
            break;
        }
        i++;
    }
    if (!digits)
        return 0;
    out->coef = coef;
    out->exp = -*frac;
    return i;
}

static int scale_after(const char *s, size_t *len)
{
    static const struct { const char *w; int p; } words[] = {
        {"thousands", 3}, {"thousand", 3}, {"millions", 6}, {"million", 6},
        {"billions", 9}, {"billion", 9}};
    size_t i = 0;
    while (s[i] == ' ')
        i++;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t n = strlen(words[k].w);
        if (!strncasecmp(s + i, words[k].w, n) && !isalpha((unsigned char)s[i + n])) {
            *len = i + n;
            return words[k].p;
        }
    }
    return 0;
}

static int inside(size_t at, const period_phrase *pp, size_t npp)
{
    for (size_t i = 0; i < npp; i++)
        if (at >= pp[i].start && at < pp[i].end)
            return 1;
    return 0;
}

/* The numbers of label[from, to): not part of a date, a percentage or a
 * word ("Series A2"). */
static size_t numbers_in(const char *label, size_t from, size_t to, const period_phrase *pp,
                         size_t npp, number *out, size_t max)
{
    size_t n = 0;
    for (size_t i = from; i < to && n < max;) {
        size_t clen = 0;
        const char *code = unit_currency_at(label + i, &clen);
        size_t at = i + (code ? clen : 0);
        while (code && label[at] == ' ')
            at++;
        int starts = (isdigit((unsigned char)label[at]) ||
                      (label[at] == '.' && isdigit((unsigned char)label[at + 1]))) &&
                     (at == 0 || !isalnum((unsigned char)label[at - 1]) || code);
        if (!starts || inside(at, pp, npp)) {
            i = code ? at : i + 1;
            while (!code && i < to && isalnum((unsigned char)label[i - 1]) &&
                   isalnum((unsigned char)label[i]))
                i++;
            continue;
        }
        number *k = &out[n];
        int frac;
        size_t len = read_number(label + at, &k->value, &frac);
        if (!len || at + len > to) {
            i = at + 1;
            continue;
        }
        size_t end = at + len;
        if (label[end] == '%' || isalpha((unsigned char)label[end])) {
            i = end;          /* "6.00%", "401k" */
            while (i < to && isalnum((unsigned char)label[i]))
                i++;
            continue;
        }
        size_t slen = 0;
        int scale = scale_after(label + end, &slen);
        k->decimals = frac;
        k->scale_stated = scale != 0;
        if (scale) {
            k->value.exp += scale;
            k->decimals = frac - scale;
            end += slen;
        }
        snprintf(k->currency, sizeof k->currency, "%s", code ? code : "");
        k->start = at;
        k->end = end;
        n++;
        i = end;
    }
    return n;
}

/* The dates a clause names ("at March 31, 2009 and September 30, 2009"). */
static size_t dates_in(const period_phrase *pp, size_t npp, size_t from, size_t to,
                       r2x_date *out)
{
    size_t n = 0;
    for (size_t i = 0; i < npp && n < PAREN_MAX_DATES; i++) {
        if (pp[i].start < from || pp[i].start >= to)
            continue;
        r2x_date d = pp[i].period.kind != R2X_PERIOD_NONE ? pp[i].period.end : pp[i].date;
        if (d.year && d.month && d.day)
            out[n++] = d;
    }
    return n;
}

/* Emit value at each place: dates of the clause, else the table's dates. */
static size_t place(const number *nums, size_t nnums, const r2x_date *dates, size_t ndates,
                    const char *concept, int unit_kind, paren_amount *out, size_t n,
                    size_t max)
{
    for (size_t i = 0; i < nnums; i++) {
        size_t copies = nnums == 1 && ndates > 1 ? ndates : 1;
        for (size_t c = 0; c < copies && n < max; c++) {
            paren_amount *a = &out[n];
            memset(a, 0, sizeof *a);
            a->concept = concept;
            a->unit_kind = unit_kind;
            snprintf(a->currency, sizeof a->currency, "%s", nums[i].currency);
            a->value = nums[i].value;
            a->decimals = unit_kind == R2X_UNIT_SHARES ? 0 : nums[i].decimals;
            a->scale_stated = nums[i].scale_stated;
            if (ndates == nnums)
                a->date = dates[i];
            else if (nnums == 1 && ndates > 1)
                a->date = dates[c];
            else if (nnums == 1)
                a->column = -1;
            else if (!ndates)
                a->column = (int)i;
            else
                continue;     /* amounts and dates that do not pair */
            n++;
        }
    }
    return n;
}

/* The taxonomy's allowance concepts (labelled "Allowance for Credit Loss"
 * since ASC 326) by where the receivable stands. */
static const char *allowance_concept(const paren_context *ctx)
{
    return ctx->position == R2X_POS_NONCURRENT_ASSETS
               ? "us-gaap:AllowanceForDoubtfulAccountsReceivableNoncurrent"
               : "us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent";
}

/* Share numbers of a clause and the words that say what they count: each run
 * of numbers takes the words after it up to the next number, else those
 * before it ("authorized, 377,600 shares" / "5,000 shares authorized"). */
static size_t share_amounts(const char *label, size_t from, size_t to, const number *nums,
                            size_t nnums, const r2x_date *dates, size_t ndates,
                            const paren_context *ctx, int treasury, paren_amount *out,
                            size_t n, size_t max)
{
    const char *p = ctx->preferred ? "Preferred" : "Common";
    static char names[3][3][48];
    const char *kinds[3] = {"SharesAuthorized", "SharesIssued", "SharesOutstanding"};
    const char *words[3] = {"authorized", "issued", "outstanding"};
    for (size_t k = 0; k < 3; k++)
        snprintf(names[ctx->preferred][k], sizeof names[0][0], "us-gaap:%sStock%s", p,
                 kinds[k]);
    for (size_t i = 0; i < nnums;) {
        size_t j = i + 1;          /* numbers joined by "and": one run */
        while (j < nnums && find_ci_n(label + nums[j - 1].end, nums[j].start - nums[j - 1].end,
                                      "and") &&
               nums[j].start - nums[j - 1].end < 8)
            j++;
        size_t after_end = j < nnums ? nums[j].start : to;
        size_t before_start = i ? nums[i - 1].end : from;
        const char *a = label + nums[j - 1].end;
        size_t alen = after_end - nums[j - 1].end;
        if (!has(a, alen, "share")) {
            /* "... 1,234 and 1,230 issued" counts shares only with the word near */
            if (!has(label + before_start, nums[i].start - before_start, "share")) {
                i = j;
                continue;
            }
        }
        int found = 0;
        for (int side = 0; side < 2 && !found; side++) {
            const char *s = side ? label + before_start : a;
            size_t len = side ? nums[i].start - before_start : alen;
            if (treasury && !has(s, len, "authorized") && !has(s, len, "issued")) {
                if (has(label, strlen(label), "treasury") && has(s, len, "share")) {
                    n = place(nums + i, j - i, dates, ndates, "us-gaap:TreasuryStockCommonShares",
                              R2X_UNIT_SHARES, out, n, max);
                    found = 1;
                }
                continue;
            }
            for (size_t k = 0; k < 3; k++)
                if (has(s, len, words[k])) {
                    n = place(nums + i, j - i, dates, ndates, names[ctx->preferred][k],
                              R2X_UNIT_SHARES, out, n, max);
                    found = 1;
                }
        }
        i = j;
    }
    return n;
}

static size_t clause_amounts(const char *label, size_t from, size_t to, const period_phrase *pp,
                             size_t npp, const paren_context *ctx, paren_amount *out, size_t n,
                             size_t max)
{
    const char *s = label + from;
    size_t len = to - from;
    number nums[MAX_NUMBERS];
    size_t nnums = numbers_in(label, from, to, pp, npp, nums, MAX_NUMBERS);
    if (!nnums)
        return n;
    r2x_date dates[PAREN_MAX_DATES];
    size_t ndates = dates_in(pp, npp, from, to, dates);
    if (has(s, len, "allowance") && (has(s, len, "doubtful") || has(s, len, "credit loss")) &&
        has(label, strlen(label), "receivable")) {
        number money[MAX_NUMBERS];
        size_t m = 0;
        for (size_t i = 0; i < nnums; i++)
            if (nums[i].currency[0] || nums[i].decimals < 0)
                money[m++] = nums[i];
        return place(money, m, dates, ndates, allowance_concept(ctx), R2X_UNIT_CURRENCY, out,
                     n, max);
    }
    if (has(s, len, "par value") || has(s, len, "stated value")) {
        for (size_t i = 0; i < nnums; i++)
            if (nums[i].currency[0] && n < max) {
                paren_amount *a = &out[n++];
                memset(a, 0, sizeof *a);
                a->concept = ctx->preferred ? "us-gaap:PreferredStockParOrStatedValuePerShare"
                                            : "us-gaap:CommonStockParOrStatedValuePerShare";
                a->unit_kind = R2X_UNIT_PER_SHARE;
                snprintf(a->currency, sizeof a->currency, "%s", nums[i].currency);
                a->value = nums[i].value;
                a->decimals = nums[i].decimals;
                a->column = -1;
                /* only the per-share figure: the share counts follow */
                memmove(&nums[i], &nums[i + 1], (nnums - i - 1) * sizeof *nums);
                nnums--;
                break;
            }
    }
    int treasury = has(label, strlen(label), "treasury");
    if (has(s, len, "share"))
        n = share_amounts(label, from, to, nums, nnums, dates, ndates, ctx, treasury, out, n,
                          max);
    return n;
}

size_t parenthetical_scan(const char *label, const paren_context *ctx, paren_amount *out,
                          size_t max)
{
    if (!label)
        return 0;
    period_phrase pp[16];
    size_t npp = period_scan(label, ctx->cal, pp, 16);
    size_t n = 0, len = strlen(label), from = 0;
    while (from < len && n < max) {
        /* a clause ends at ';' or where another "net of" begins */
        size_t to = from;
        while (to < len && label[to] != ';' &&
               !(to > from + 4 && !strncasecmp(label + to, "net of", 6)))
            to++;
        n = clause_amounts(label, from, to, pp, npp, ctx, out, n, max);
        from = to + (to < len && label[to] == ';');
        if (from == to && to < len)
            from = to + 1;
    }
    return n;
}
