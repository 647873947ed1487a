/* units.c - read units and scales from headings and row labels. */
#include "units.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "error.h"

struct currency_word {
    const char *word;
    const char *code;
};

/* Longest first where one word starts another. */
static const struct currency_word currency_words[] = {
    {"u.s. dollars", "USD"}, {"u.s. dollar", "USD"}, {"us dollars", "USD"},
    {"us dollar", "USD"}, {"u.s.$", "USD"}, {"us$", "USD"}, {"dollars", "USD"},
    {"dollar", "USD"}, {"usd", "USD"}, {"$", "USD"},
    {"japanese yen", "JPY"}, {"yen", "JPY"}, {"jpy", "JPY"}, {"\xc2\xa5", "JPY"},
    {"\xef\xbf\xa5", "JPY"},
    {"euros", "EUR"}, {"euro", "EUR"}, {"eur", "EUR"}, {"\xe2\x82\xac", "EUR"},
    {"pounds sterling", "GBP"}, {"gbp", "GBP"}, {"\xc2\xa3", "GBP"},
    {"cad", "CAD"}, {"chf", "CHF"}, {"cny", "CNY"}, {"rmb", "CNY"},
    {"krw", "KRW"}, {"aud", "AUD"}, {"inr", "INR"}, {"hkd", "HKD"},
    {"sgd", "SGD"}, {"twd", "TWD"}, {"sek", "SEK"}, {"nok", "NOK"},
    {"dkk", "DKK"}, {"brl", "BRL"}, {"mxn", "MXN"}, {"zar", "ZAR"},
};

static int word_end(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[n];
    unsigned char last = (unsigned char)s[n - 1];
    if (!isalnum(last))
        return 1;          /* "$" or "US$" may be glued to a figure */
    return !isalnum(c);
}

const char *unit_currency_at(const char *s, size_t *len)
{
    for (size_t i = 0; i < sizeof currency_words / sizeof *currency_words; i++) {
        size_t n = strlen(currency_words[i].word);
        if (strncasecmp(s, currency_words[i].word, n) == 0 && word_end(s, n)) {
            *len = n;
            return currency_words[i].code;
        }
    }
    return NULL;
}

enum tok_kind {
    T_CUR, T_SCALE, T_OF, T_IN, T_PCT, T_CHANGE, T_EXCEPT, T_PER, T_SHARES,
    T_TOTAL, T_AMOUNTS, T_OTHER
};

typedef struct tok {
    int kind;
    size_t start, end;
    const char *code;      /* T_CUR */
    int scale;             /* T_SCALE */
} tok;

static int scale_word(const char *w, size_t n)
{
    static const struct { const char *w; int p; } words[] = {
        {"thousands", 3}, {"thousand", 3}, {"000s", 3}, {"'000", 3},
        {"millions", 6}, {"million", 6}, {"mn", 6}, {"mm", 6},
        {"billions", 9}, {"billion", 9}, {"bn", 9},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i].w) == n && strncasecmp(w, words[i].w, n) == 0)
            return words[i].p;
    return 0;
}

static int is_word(const char *w, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(w, want, n) == 0;
}

static size_t tokenize(const char *text, tok *toks, size_t max)
{
    size_t nt = 0;
    const char *s = text;
    while (*s && nt < max) {
        unsigned char c = (unsigned char)*s;
        if (isspace(c) || c == '(' || c == ')' || c == ',' || c == '/' ||
            c == ':' || c == ';' || c == '[' || c == ']') {
            s++;
            continue;
        }
        tok t = {T_OTHER, (size_t)(s - text), 0, NULL, 0};
        size_t n;
        const char *code = unit_currency_at(s, &n);
        if (code) {
            t.kind = T_CUR;
            t.code = code;
            t.end = t.start + n;
            toks[nt++] = t;
            s += n;
            continue;
        }
        if (c == '%') {
            t.kind = T_PCT;
            t.end = t.start + 1;
            toks[nt++] = t;
            s++;
            continue;
        }
        const char *w = s;
        while (*s && (isalnum((unsigned char)*s) || *s == '\'' || *s == '.' ||
                      *s == '-'))
            s++;
        if (s == w) {
            s++;           /* other punctuation or a UTF-8 byte */
            continue;
        }
        n = (size_t)(s - w);
        while (n > 1 && (w[n - 1] == '.' || w[n - 1] == '-'))
            n--;
        t.end = t.start + n;
        int p = scale_word(w, n);
        if (p) {
            t.kind = T_SCALE;
            t.scale = p;
        } else if (is_word(w, n, "percent") || is_word(w, n, "percentage") ||
                   is_word(w, n, "pct")) {
            t.kind = T_PCT;         /* "Percent to Sales", "Percent Increase" */
        } else if (is_word(w, n, "of")) {
            t.kind = T_OF;
        } else if (is_word(w, n, "in")) {
            t.kind = T_IN;
        } else if (is_word(w, n, "yoy") || is_word(w, n, "change") ||
                   is_word(w, n, "changes") || is_word(w, n, "increase") ||
                   is_word(w, n, "decrease") || is_word(w, n, "variance") ||
                   is_word(w, n, "growth")) {
            t.kind = T_CHANGE;
        } else if (is_word(w, n, "except")) {
            t.kind = T_EXCEPT;
        } else if (is_word(w, n, "per")) {
            t.kind = T_PER;
        } else if (is_word(w, n, "shares") || is_word(w, n, "share")) {
            t.kind = T_SHARES;
        } else if (is_word(w, n, "total")) {
            t.kind = T_TOTAL;
        } else if (is_word(w, n, "amounts") || is_word(w, n, "amount") ||
                   is_word(w, n, "data")) {
            t.kind = T_AMOUNTS;
        }
        toks[nt++] = t;
    }
    return nt;
}

/* A bare scale at toks[i] ("in" before it skipped), and the rest of the
 * parenthesis scanned for exceptions: "except per share", and the scale of
 * share counts.  Returns the index of the phrase's last token. */
static size_t read_bare_scale(const tok *toks, size_t nt, size_t i, unit_phrase *u)
{
    if (toks[i].kind == T_IN)
        i++;
    u->scale = toks[i].scale;
    u->end = toks[i].end;
    for (size_t j = i + 1; j < nt; j++) {
        if (toks[j].kind == T_EXCEPT)
            for (size_t k = j + 1; k < nt; k++)
                if (toks[k].kind == T_PER && k + 1 < nt &&
                    toks[k + 1].kind == T_SHARES)
                    u->except_per_share = 1;
        if (toks[j].kind == T_SHARES)
            for (size_t k = j + 1; k < nt && k < j + 8; k++)
                if (toks[k].kind == T_SCALE) {
                    u->shares_scale = toks[k].scale;
                    break;
                }
    }
    if (u->except_per_share || u->shares_scale >= 0) {
        /* the exception clause is part of this phrase: its own
         * "in thousands" is not a second scale */
        u->end = toks[nt - 1].end;
        i = nt - 1;
    }
    return i;
}

/* A percent at toks[i], with a change word before or after it ("YoY %",
 * "% Change") and "of total ..." after it.  Returns the index of the
 * phrase's last token. */
static size_t read_percent(const tok *toks, size_t nt, size_t i, unit_phrase *u)
{
    u->unit.kind = R2X_UNIT_PURE;
    r2xi_strlcpy(u->unit.measure, "pure", sizeof u->unit.measure);
    u->percent = 1;
    u->end = toks[i].end;
    if (i > 0 && toks[i - 1].kind == T_CHANGE && toks[i - 1].start >= u->start) {
        u->change = 1;
    }
    if (i > 0 && toks[i - 1].kind == T_CHANGE) {
        u->change = 1;
        u->start = toks[i - 1].start;
    }
    if (i + 1 < nt && toks[i + 1].kind == T_CHANGE) {
        u->change = 1;
        u->end = toks[++i].end;
    }
    /* "% of total revenues" */
    if (i + 2 < nt && toks[i + 1].kind == T_OF && toks[i + 2].kind == T_TOTAL) {
        i += 2;
        u->end = toks[i].end;
        if (i + 1 < nt && toks[i + 1].kind == T_OTHER)
            u->end = toks[++i].end;
    }
    return i;
}

size_t unit_scan(const char *text, unit_phrase *out, size_t max)
{
    tok toks[128];
    size_t nt = tokenize(text, toks, sizeof toks / sizeof *toks);
    size_t np = 0;
    for (size_t i = 0; i < nt && np < max; i++) {
        unit_phrase u;
        memset(&u, 0, sizeof u);
        u.shares_scale = -1;
        u.start = toks[i].start;
        if (toks[i].kind == T_SCALE && i + 2 < nt && toks[i + 1].kind == T_OF &&
            toks[i + 2].kind == T_CUR) {
            /* "Thousands of JPY" */
            u.unit.kind = R2X_UNIT_CURRENCY;
            r2xi_strlcpy(u.unit.measure, toks[i + 2].code, sizeof u.unit.measure);
            u.scale = toks[i].scale;
            u.end = toks[i + 2].end;
            i += 2;
        } else if (toks[i].kind == T_CUR) {
            /* "JPY millions", "JPY in millions", "Dollars in thousands", "Yen" */
            u.unit.kind = R2X_UNIT_CURRENCY;
            r2xi_strlcpy(u.unit.measure, toks[i].code, sizeof u.unit.measure);
            u.end = toks[i].end;
            if (i + 1 < nt && toks[i + 1].kind == T_SCALE) {
                u.scale = toks[i + 1].scale;
                u.end = toks[++i].end;
            } else if (i + 2 < nt && toks[i + 1].kind == T_IN &&
                       toks[i + 2].kind == T_SCALE) {
                u.scale = toks[i + 2].scale;
                u.end = toks[i + 2].end;
                i += 2;
            }
        } else if (toks[i].kind == T_IN && i + 3 < nt && toks[i + 1].kind == T_SCALE &&
                   toks[i + 2].kind == T_OF && toks[i + 3].kind == T_CUR) {
            /* "(in thousands of U.S. dollars)", "(In millions of yen)" */
            u.unit.kind = R2X_UNIT_CURRENCY;
            r2xi_strlcpy(u.unit.measure, toks[i + 3].code, sizeof u.unit.measure);
            u.scale = toks[i + 1].scale;
            u.end = toks[i + 3].end;
            i += 3;
        } else if ((toks[i].kind == T_SCALE && i == 0) ||
                   (toks[i].kind == T_IN && i + 1 < nt &&
                    toks[i + 1].kind == T_SCALE)) {
            /* A bare scale: "(in millions, except per share amounts)",
             * "(Thousands)"; not "amounts of less than one million". */
            i = read_bare_scale(toks, nt, i, &u);
        } else if (toks[i].kind == T_PCT) {
            i = read_percent(toks, nt, i, &u);
        } else if (toks[i].kind == T_CHANGE) {
            /* "YoY Change", "Change", "YoY % change" (the % branch takes that) */
            if (i + 1 < nt && toks[i + 1].kind == T_PCT)
                continue;
            u.unit.kind = R2X_UNIT_NONE;
            u.change = 1;
            u.end = toks[i].end;
            while (i + 1 < nt && toks[i + 1].kind == T_CHANGE)
                u.end = toks[++i].end;
        } else if (toks[i].kind == T_SHARES && i == 0 && nt == 1) {
            u.unit.kind = R2X_UNIT_SHARES;
            r2xi_strlcpy(u.unit.measure, "shares", sizeof u.unit.measure);
            u.end = toks[i].end;
        } else {
            continue;
        }
        out[np++] = u;
    }
    return np;
}

static const char *find_word(const char *hay, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = hay; *p; p++) {
        if (strncasecmp(p, word, n) == 0 &&
            (p == hay || !isalnum((unsigned char)p[-1])) &&
            !isalnum((unsigned char)p[n]))
            return p;
    }
    return NULL;
}

/* The scale a parenthesis of a count's label states: "(millions)", "(in
 * thousands)", "(M's)", "(000s)"; -1 none. */
static int label_scale(const char *label)
{
    static const struct { const char *word; int scale; } words[] = {
        {"millions", 6}, {"million", 6}, {"m", 6}, {"m's", 6}, {"m\xE2\x80\x99s", 6},
        {"mm", 6}, {"mn", 6}, {"thousands", 3}, {"thousand", 3}, {"000s", 3},
        {"000's", 3}, {"000", 3}, {"k", 3}, {"billions", 9}, {"billion", 9}, {"bn", 9}};
    for (const char *open = strchr(label, '('); open; open = strchr(open + 1, '(')) {
        const char *s = open + 1, *close = strchr(s, ')');
        if (!close)
            break;
        while (*s == ' ')
            s++;
        if (!strncasecmp(s, "in ", 3))
            s += 3;
        size_t n = (size_t)(close - s);
        while (n && s[n - 1] == ' ')
            n--;
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (strlen(words[i].word) == n && !strncasecmp(s, words[i].word, n))
                return words[i].scale;
    }
    return -1;
}

void unit_from_label(const char *label, label_unit *out)
{
    memset(out, 0, sizeof *out);
    out->scale = -1;
    if (!label)
        return;
    const char *per = NULL;
    /* The equity line of a stock ("Common stock ($0.01 par value; 100,000
     * shares authorized; ...)") is an amount, whatever counts it states. */
    if (find_word(label, "par value") || find_word(label, "authorized"))
        return;
    /* A count first: "Shares used in computing earnings per share" is a
     * number of shares, not an amount per share. */
    if (find_word(label, "shares used") || find_word(label, "number of shares") ||
        find_word(label, "(shares)") ||
        ((find_word(label, "weighted average") || find_word(label, "weighted-average")) &&
         (find_word(label, "shares") || find_word(label, "number")) &&
         !find_word(label, "ads") && !find_word(label, "adss"))) {
        out->kind = LABEL_UNIT_SHARES;
        r2xi_strlcpy(out->count_unit, "shares", sizeof out->count_unit);
    } else if (find_word(label, "number of employees") || find_word(label, "employees")) {
        out->kind = LABEL_UNIT_OTHER_COUNT;
        r2xi_strlcpy(out->count_unit, "employees", sizeof out->count_unit);
    } else if ((per = find_word(label, "per share")) || (per = find_word(label, "per common share")) ||
        (per = find_word(label, "per diluted share")) || (per = find_word(label, "per basic share")) ||
        find_word(label, "earnings per") || find_word(label, "eps")) {
        out->kind = LABEL_UNIT_PER_SHARE;
        r2xi_strlcpy(out->denominator, "shares", sizeof out->denominator);
    } else if (find_word(label, "per ads") || find_word(label, "per adss") ||
               find_word(label, "per adr")) {
        out->kind = LABEL_UNIT_PER_SHARE;
        r2xi_strlcpy(out->denominator, "ADS", sizeof out->denominator);
    } else if (find_word(label, "(adss)") || find_word(label, "adss") ||
               find_word(label, "ads equivalents") || find_word(label, "number of ads")) {
        out->kind = LABEL_UNIT_OTHER_COUNT;
        r2xi_strlcpy(out->count_unit, "ADS", sizeof out->count_unit);
    } else if (find_word(label, "number of shares") || find_word(label, "(shares)") ||
               find_word(label, "shares used") || find_word(label, "shares outstanding") ||
               find_word(label, "weighted average shares") ||
               find_word(label, "weighted-average shares") ||
               find_word(label, "weighted average number") ||
               find_word(label, "weighted-average number") ||
               find_word(label, "common shares") || find_word(label, "shares")) {
        /* "shares" on its own only when the label is about a count, not
         * "Treasury stock—3,934 shares held" (an amount): those labels carry
         * amounts, so a bare "shares" needs "number"/"weighted"/"average". */
        if (find_word(label, "number of shares") || find_word(label, "(shares)") ||
            find_word(label, "shares used") || find_word(label, "weighted") ||
            find_word(label, "average") || find_word(label, "shares outstanding")) {
            out->kind = LABEL_UNIT_SHARES;
            r2xi_strlcpy(out->count_unit, "shares", sizeof out->count_unit);
        }
    } else if (find_word(label, "ratio") || find_word(label, "margin %") ||
               find_word(label, "as a percentage of") || find_word(label, "percent of")) {
        out->kind = LABEL_UNIT_RATIO;
    }
    /* A list of currencies in parentheses: "(JPY / U.S. Dollars / JPY)" */
    if (out->kind == LABEL_UNIT_PER_SHARE) {
        const char *open = strrchr(label, '(');
        if (open && strchr(open, '/')) {
            const char *s = open + 1;
            while (*s && *s != ')' && out->ncurrencies < 8) {
                while (*s == ' ' || *s == '/')
                    s++;
                size_t n;
                const char *code = unit_currency_at(s, &n);
                if (!code)
                    break;
                r2xi_strlcpy(out->currencies[out->ncurrencies++], code, 4);
                s += n;
                while (*s == ' ')
                    s++;
                if (*s != '/' && *s != ')')
                    break;
            }
        }
    }
    if (out->kind == LABEL_UNIT_SHARES || out->kind == LABEL_UNIT_OTHER_COUNT)
        out->scale = label_scale(label);
}
