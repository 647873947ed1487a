/*
 * periods.c - column headings -> periods, fiscal-year aware.
 *
 * Heading text is cut into tokens (runs of ASCII letters and digits; every
 * other byte, UTF-8 included, separates them) and read left to right by a
 * small recursive-descent parser:
 *
 *   phrase   := qualifier* (fiscal-code | length? ended? date? range?)
 *   qualifier:= for | the | as of | as at | balance at | at | from | full | fiscal
 *   length   := count (months|weeks) | [ordinal] quarter | half | year | months
 *   ended    := ended | ending | ends | to | through | thru | until
 *   date     := Month [day] [,] [year] | day Month [year] | M/D/YYYY
 *             | YYYY-MM-DD | day, year (damaged) | year
 *
 * A phrase never runs across a tab or a line end (cells are joined with
 * tabs), except for two kinds of PDF damage that the brief names: a
 * truncated year ("31, 2\t2009") and a stray fragment of the next word
 * ("As of S\tSeptember").
 *
 * A fiscal code is stored in the phrase's parts as: fiscal = the 1-based
 * index of the quarter or half within the fiscal year (1 for a whole year),
 * months = the length of that part (3, 6 or 12), date.year = the fiscal year
 * as the company names it.
 */
#include "periods.h"

#include <stdio.h>
#include <string.h>

/* ---- Date arithmetic --------------------------------------------------- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_valid(r2x_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= date_days_in_month(d.year, d.month);
}

/* Days since 1970-01-01 (H. Hinnant's civil-from-days algorithms), so that
 * adding days never loops month by month. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static r2x_date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    r2x_date r = {(int)(yoe + era * 400 + (m <= 2)), (int)m,
                  (int)(doy - (153 * mp + 2) / 5 + 1)};
    return r;
}

/* An invalid date, or a result outside years 1..9999, gives the unknown
 * (all-zero) date. */
r2x_date date_add_days(r2x_date d, int days)
{
    r2x_date none = {0, 0, 0};
    if (!date_valid(d))
        return none;
    r2x_date r = civil_from_days(days_from_civil(d.year, d.month, d.day) + days);
    return date_valid(r) ? r : none;
}

int date_compare(r2x_date a, r2x_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

/* d moved by n whole months, the day clamped to the target month. */
static r2x_date add_months(r2x_date d, int n)
{
    r2x_date none = {0, 0, 0};
    long idx = (long)d.year * 12 + (d.month - 1) + n;
    if (idx < 12 || idx >= 10000L * 12)
        return none;
    r2x_date r = {(int)(idx / 12), (int)(idx % 12) + 1, 0};
    int dim = date_days_in_month(r.year, r.month);
    r.day = d.day < dim ? d.day : dim;
    return r;
}

long date_diff_days(r2x_date a, r2x_date b)
{
    return days_from_civil(a.year, a.month, a.day) - days_from_civil(b.year, b.month, b.day);
}

r2x_date date_minus_months(r2x_date d, int n)
{
    return add_months(d, -n);
}

r2x_date date_start_of_months(r2x_date end, int n)
{
    r2x_date none = {0, 0, 0};
    if (!date_valid(end) || n <= 0 || n > 12 * 10000)
        return none;
    if (end.day == date_days_in_month(end.year, end.month)) {
        r2x_date r = add_months(end, -(n - 1));
        r.day = r.year ? 1 : 0;
        return r;
    }
    return date_add_days(add_months(end, -n), 1);
}

static r2x_date date_make(int y, int m, int d)
{
    r2x_date r = {y, m, d};
    return r;
}

/* "2009-09-30" into buf; written by hand so that no format warning fires. */
static void format_date(r2x_date d, char buf[11])
{
    int v[3] = {d.year, d.month, d.day}, w[3] = {4, 2, 2};
    size_t k = 0;
    for (int i = 0; i < 3; i++) {
        int x = v[i] < 0 ? 0 : v[i];
        for (int j = w[i] - 1; j >= 0; j--) {
            buf[k + (size_t)j] = (char)('0' + x % 10);
            x /= 10;
        }
        k += (size_t)w[i];
        buf[k++] = i < 2 ? '-' : '\0';
    }
}

/* ---- Tokens -------------------------------------------------------------- */

typedef struct scan_ctx {
    const char *s;
    size_t len;
} scan_ctx;

typedef struct tok {
    size_t start, end;
    int digits;             /* every character is a digit */
} tok;

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_digit(c) || is_alpha(c); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static size_t tok_len(const tok *t) { return t->end - t->start; }

static int next_tok(const scan_ctx *sc, size_t pos, tok *t)
{
    while (pos < sc->len && !is_alnum(sc->s[pos]))
        pos++;
    if (pos >= sc->len)
        return 0;
    t->start = pos;
    t->digits = 1;
    while (pos < sc->len && is_alnum(sc->s[pos])) {
        if (!is_digit(sc->s[pos]))
            t->digits = 0;
        pos++;
    }
    t->end = pos;
    return 1;
}

/* A cell or line boundary lies in [a, b). */
static int gap_breaks(const scan_ctx *sc, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (sc->s[i] == '\t' || sc->s[i] == '\n' || sc->s[i] == '\r')
            return 1;
    return 0;
}

static int gap_has(const scan_ctx *sc, size_t a, size_t b, char c)
{
    return b > a && memchr(sc->s + a, c, b - a) != NULL;
}

/* A dash or tilde joining a range: ASCII, or UTF-8 en/em dash and wave dash. */
static int gap_has_dash(const scan_ctx *sc, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        const unsigned char *u = (const unsigned char *)sc->s + i;
        if (*u == '-' || *u == '~')
            return 1;
        if (i + 2 < b &&
            ((u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94)) ||
             (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x9C)))
            return 1;
    }
    return 0;
}

/* The token after position at, if no cell boundary comes first. */
static int follow(const scan_ctx *sc, size_t at, tok *t)
{
    return next_tok(sc, at, t) && !gap_breaks(sc, at, t->start);
}

static int tok_is(const scan_ctx *sc, const tok *t, const char *w)
{
    size_t n = strlen(w);
    if (tok_len(t) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(sc->s[t->start + i]) != w[i])
            return 0;
    return 1;
}

/* a's text begins b's text, ignoring case. */
static int is_prefix_ci(const scan_ctx *sc, const tok *a, const tok *b)
{
    if (tok_len(a) > tok_len(b))
        return 0;
    for (size_t i = 0; i < tok_len(a); i++)
        if (lower(sc->s[a->start + i]) != lower(sc->s[b->start + i]))
            return 0;
    return 1;
}

static int tok_in(const scan_ctx *sc, const tok *t, const char *const *words)
{
    for (; *words; words++)
        if (tok_is(sc, t, *words))
            return 1;
    return 0;
}

/* Value of an all-digit token of up to 9 digits, else -1. */
static long tok_value(const scan_ctx *sc, const tok *t)
{
    if (!t->digits || tok_len(t) > 9)
        return -1;
    long v = 0;
    for (size_t i = t->start; i < t->end; i++)
        v = v * 10 + (sc->s[i] - '0');
    return v;
}

/* ---- Words ----------------------------------------------------------------- */

static const char *const w_months_unit[] = {"month", "months", "mos", "mo", NULL};
static const char *const w_weeks_unit[] = {"week", "weeks", "wks", "wk", NULL};
static const char *const w_ended[] = {"ended", "ending", "ends", NULL};
static const char *const w_weak_ended[] = {"to", "through", "thru", "until", "till", NULL};
static const char *const w_period[] = {"period", "periods", NULL};
static const char *const w_year[] = {"year", "years", NULL};
static const char *const w_quarter[] = {"quarter", "quarters", NULL};
static const char *const w_keyword[] = {
    "and", "to", "through", "thru", "until", "ended", "ending", "ends", "as",
    "of", "at", "from", "for", "the", "year", "years", "month", "months",
    "week", "weeks", "quarter", "half", "fiscal", "full", "vs", NULL};

static int month_of(const scan_ctx *sc, const tok *t)
{
    static const char *const names[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    size_t n = tok_len(t);
    if (t->digits || n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]), i;
        if (n != full && n != 3 && !(m == 8 && n == 4))
            continue;
        if (n > full)
            continue;
        for (i = 0; i < n && lower(sc->s[t->start + i]) == names[m][i]; i++)
            ;
        if (i == n)
            return m + 1;
    }
    return 0;
}

int period_month_word(const char *s, size_t n)
{
    scan_ctx sc;
    memset(&sc, 0, sizeof sc);
    sc.s = s;
    sc.len = n;
    tok t = {0, n, 0};
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(s[i]))
            return 0;
    return month_of(&sc, &t);
}

/* A day of the month: "30", "3", "31st". */
static int day_of(const scan_ctx *sc, const tok *t)
{
    size_t n = tok_len(t), nd = 0;
    const char *s = sc->s + t->start;
    while (nd < n && is_digit(s[nd]))
        nd++;
    if (nd < 1 || nd > 2)
        return 0;
    if (nd < n) {
        static const char *const suf[] = {"st", "nd", "rd", "th"};
        int okay = 0;
        for (int i = 0; i < 4 && !okay; i++)
            okay = n - nd == 2 && lower(s[nd]) == suf[i][0] && lower(s[nd + 1]) == suf[i][1];
        if (!okay)
            return 0;
    }
    int v = nd == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    return v >= 1 && v <= 31 ? v : 0;
}

static int year4_of(const scan_ctx *sc, const tok *t)
{
    long v = tok_len(t) == 4 ? tok_value(sc, t) : -1;
    return v >= 1900 && v <= 2099 ? (int)v : 0;
}

static int expand_year2(int yy)
{
    return yy < 70 ? 2000 + yy : 1900 + yy;
}

static int ordinal_of(const scan_ctx *sc, const tok *t)
{
    static const char *const words[4][2] = {
        {"first", "1st"}, {"second", "2nd"}, {"third", "3rd"}, {"fourth", "4th"}};
    for (int i = 0; i < 4; i++)
        if (tok_is(sc, t, words[i][0]) || tok_is(sc, t, words[i][1]))
            return i + 1;
    return 0;
}

/* A count: digits or a number word ("three", "twenty-six"); *end is where it
 * stops. */
static int read_count(const scan_ctx *sc, const tok *t, int *n, size_t *end)
{
    static const char *const units[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty"};
    *end = t->end;
    if (t->digits) {
        long v = tok_len(t) <= 2 ? tok_value(sc, t) : -1;
        *n = (int)v;
        return v >= 1;
    }
    for (int i = 0; i < 19; i++)
        if (tok_is(sc, t, units[i])) {
            *n = i + 1;
            return 1;
        }
    for (int i = 0; i < 4; i++)
        if (tok_is(sc, t, tens[i])) {
            tok u;
            *n = 20 + 10 * i;
            if (follow(sc, t->end, &u))
                for (int j = 0; j < 9; j++)
                    if (tok_is(sc, &u, units[j])) {
                        *n += j + 1;
                        *end = u.end;
                    }
            return 1;
        }
    return 0;
}

/* ---- Dates in text ------------------------------------------------------- */

typedef struct date_read {
    r2x_date d;
    size_t end;             /* end of the last token read */
    char repair[200];
} date_read;

/* The year after a day: a 4-digit year, or a 1-3 digit fragment followed by
 * the 4-digit year it is a prefix of (PDF extraction cut "2009" to "2"). */
static void read_year_after(const scan_ctx *sc, size_t at, date_read *r)
{
    tok u, v;
    if (!follow(sc, at, &u) || !u.digits)
        return;
    if ((r->d.year = year4_of(sc, &u)) != 0) {
        r->end = u.end;
        return;
    }
    size_t n = tok_len(&u);
    if (n > 3 || !next_tok(sc, u.end, &v) || !year4_of(sc, &v) ||
        strncmp(sc->s + u.start, sc->s + v.start, n) != 0)
        return;
    for (size_t i = u.end; i < v.start; i++)
        if (sc->s[i] != ' ' && sc->s[i] != '\t')
            return;
    r->d.year = year4_of(sc, &v);
    r->end = v.end;
    snprintf(r->repair, sizeof r->repair, "truncated year '%.*s' read as %d",
             (int)n, sc->s + u.start, r->d.year);
}

/* A numeric date: YYYY-MM-DD (or / .) or M/D/YYYY, M/D/YY.  The separators
 * must touch the numbers. */
static int read_numeric_date(const scan_ctx *sc, const tok *t, date_read *r)
{
    tok a, b;
    char sep = t->end < sc->len ? sc->s[t->end] : '\0';
    if (!t->digits || (sep != '-' && sep != '/' && sep != '.'))
        return 0;
    if (!next_tok(sc, t->end, &a) || a.start != t->end + 1 || !a.digits ||
        tok_len(&a) > 2 || a.end >= sc->len || sc->s[a.end] != sep ||
        !next_tok(sc, a.end, &b) || b.start != a.end + 1 || !b.digits)
        return 0;
    int x = (int)tok_value(sc, t), y = (int)tok_value(sc, &a);
    long z = tok_value(sc, &b);
    if (tok_len(t) == 4 && tok_len(&b) <= 2) {
        r->d = date_make(x, y, (int)z);
    } else if (tok_len(t) <= 2 && sep == '/' && (tok_len(&b) == 4 || tok_len(&b) == 2)) {
        r->d = date_make(tok_len(&b) == 2 ? expand_year2((int)z) : (int)z, x, y);
    } else {
        return 0;
    }
    if (r->d.year < 1900 || r->d.year > 2099 || r->d.month < 1 || r->d.month > 12 ||
        r->d.day < 1 || r->d.day > 31)
        return 0;
    r->end = b.end;
    return 1;
}

/* Any date form starting at t; fills r (parts absent stay 0). */
static int read_date(const scan_ctx *sc, const tok *t, date_read *r)
{
    tok u;
    int m, day;
    memset(r, 0, sizeof *r);
    if (read_numeric_date(sc, t, r))
        return 1;
    if ((m = month_of(sc, t)) != 0) {
        if (!follow(sc, t->end, &u))
            return 0;
        r->d.month = m;
        if ((day = day_of(sc, &u)) != 0) {
            r->d.day = day;
            r->end = u.end;
            read_year_after(sc, u.end, r);
            return 1;
        }
        if ((r->d.year = year4_of(sc, &u)) != 0) {
            r->end = u.end;
            return 1;
        }
        return 0;
    }
    if ((day = day_of(sc, t)) != 0 && follow(sc, t->end, &u)) {
        if ((m = month_of(sc, &u)) != 0) {      /* 31 March 2009 */
            r->d.month = m;
            r->d.day = day;
            r->end = u.end;
            read_year_after(sc, u.end, r);
            return 1;
        }
        /* "er 30, 2009": the month was lost, the day and year survive */
        if (year4_of(sc, &u) && gap_has(sc, t->end, u.start, ',')) {
            r->d.day = day;
            r->d.year = year4_of(sc, &u);
            r->end = u.end;
            return 1;
        }
    }
    if ((r->d.year = year4_of(sc, t)) != 0) {
        r->end = t->end;
        return 1;
    }
    return 0;
}

/* ---- Fiscal codes ---------------------------------------------------------- */

typedef struct fcode {
    int part_len, part_idx; /* 3 or 6 months, 1-based index; 0 for a year */
    int has_fy;
    int year;               /* expanded, 0 when the token has none */
} fcode;

/* One token: [nQ|Qn|nH|Hn][FY][YY|YYYY], e.g. 1H08, 2Q09, Q2, FY2009, 1QFY09. */
static int decode_code(const scan_ctx *sc, const tok *t, fcode *c)
{
    const char *s = sc->s + t->start;
    size_t n = tok_len(t), i = 0;
    int letter_first = 0;
    memset(c, 0, sizeof *c);
    if (t->digits || n < 2)
        return 0;
    if (is_digit(s[0]) && (lower(s[1]) == 'q' || lower(s[1]) == 'h')) {
        c->part_idx = s[0] - '0';
        c->part_len = lower(s[1]) == 'q' ? 3 : 6;
        i = 2;
    } else if ((lower(s[0]) == 'q' || lower(s[0]) == 'h') && is_digit(s[1])) {
        c->part_idx = s[1] - '0';
        c->part_len = lower(s[0]) == 'q' ? 3 : 6;
        letter_first = 1;
        i = 2;
    }
    if (n - i >= 2 && lower(s[i]) == 'f' && lower(s[i + 1]) == 'y') {
        c->has_fy = 1;
        i += 2;
    }
    size_t nd = n - i;
    for (size_t j = i; j < n; j++)
        if (!is_digit(s[j]))
            return 0;
    if ((nd != 0 && nd != 2 && nd != 4) || (!c->part_len && !c->has_fy) ||
        (nd && letter_first && !c->has_fy))     /* "Q209" is no code */
        return 0;
    if (c->part_len && (c->part_idx < 1 || c->part_idx > 12 / c->part_len))
        return 0;
    if (nd) {
        int v = 0;
        for (size_t j = i; j < n; j++)
            v = v * 10 + (s[j] - '0');
        c->year = nd == 2 ? expand_year2(v) : v;
        if (c->year < 1900 || c->year > 2099)
            return 0;
    }
    return 1;
}

/* The fiscal year after a part: "2009", "'09", "FY2009", "FY 09", "fiscal
 * [year] 2009".  *at moves past it. */
static int read_fiscal_year(const scan_ctx *sc, size_t *at, int two_digits_ok)
{
    tok u;
    fcode c;
    int y;
    if (!follow(sc, *at, &u))
        return 0;
    if ((y = year4_of(sc, &u)) != 0 ||
        (u.digits && tok_len(&u) == 2 &&
         (two_digits_ok || gap_has(sc, *at, u.start, '\'')) &&
         (y = expand_year2((int)tok_value(sc, &u))) != 0)) {
        *at = u.end;
        return y;
    }
    if (decode_code(sc, &u, &c) && c.has_fy && !c.part_len) {
        size_t a = u.end;
        if (!c.year)
            c.year = read_fiscal_year(sc, &a, 1);
        if (c.year)
            *at = a;
        return c.year;
    }
    if (tok_is(sc, &u, "fiscal") || tok_is(sc, &u, "of") || tok_is(sc, &u, "year")) {
        size_t a = u.end;
        if ((y = read_fiscal_year(sc, &a, 0)) != 0)
            *at = a;
        return y;
    }
    return 0;
}

/* A fiscal code at t; hinted when "fiscal"/"full" came before ("Fiscal
 * 2009").  Returns 1 and sets *end when one was read. */
static int parse_fiscal(const scan_ctx *sc, const tok *t, int hinted,
                        period_phrase *p, size_t *end)
{
    fcode c;
    tok u;
    int idx = 0, len = 0, year = 0;
    size_t at = t->end;
    if (decode_code(sc, t, &c)) {
        idx = c.part_idx;
        len = c.part_len;
        year = c.year ? c.year : read_fiscal_year(sc, &at, c.has_fy);
        if (!year && !len)
            return 0;                           /* a bare "FY" */
        fcode d;                                /* "FY2009 Q2" */
        if (year && !len && follow(sc, at, &u) && decode_code(sc, &u, &d) &&
            d.part_len && !d.has_fy && !d.year) {
            idx = d.part_idx;
            len = d.part_len;
            at = u.end;
        }
    } else if ((idx = ordinal_of(sc, t)) != 0 && follow(sc, t->end, &u) &&
               (tok_in(sc, &u, w_quarter) || (tok_is(sc, &u, "half") && idx <= 2))) {
        len = tok_is(sc, &u, "half") ? 6 : 3;
        at = u.end;
        if (!(year = read_fiscal_year(sc, &at, 0)))
            return 0;                           /* "First Quarter Ended": a length */
    } else if (hinted) {
        if (tok_in(sc, t, w_year))
            year = read_fiscal_year(sc, &at, 0);
        else
            year = year4_of(sc, t);
        if (!year)
            return 0;
    } else {
        return 0;
    }
    p->fiscal = len ? idx : 1;
    p->months = len ? len : 12;
    p->date.year = year;
    *end = at;
    return 1;
}

/* ---- Phrases ------------------------------------------------------------- */

/* An unreadable fragment of damaged text that may be stepped over. */
static int is_fragment(const scan_ctx *sc, const tok *t)
{
    if (tok_len(t) > 10 || month_of(sc, t) || tok_in(sc, t, w_keyword))
        return 0;
    for (size_t i = t->start; i < t->end; i++)
        if (!is_alpha(sc->s[i]))
            return 0;
    return 1;
}

/* "from D1 to D2", "D1 through D2", "D1 - D2" after the first date. */
static int read_range(const scan_ctx *sc, const date_read *first, int from,
                      period_phrase *p)
{
    tok u, v;
    date_read second;
    if (!follow(sc, first->end, &u))
        return 0;
    if (tok_in(sc, &u, w_weak_ended)) {
        if (!follow(sc, u.end, &v))
            return 0;
    } else if (from || gap_has_dash(sc, first->end, u.start)) {
        v = u;
    } else {
        return 0;
    }
    if (!read_date(sc, &v, &second) || !second.d.year || !second.d.month)
        return 0;
    r2x_date a = first->d, b = second.d;
    if (!b.day)
        b.day = date_days_in_month(b.year, b.month);
    if (!a.day && a.month)
        a.day = 1;
    if (!a.year) {                              /* "April 1 - September 30, 2009" */
        a.year = b.year;
        if (date_compare(a, b) > 0)
            a.year--;
    }
    if (!date_valid(a) || !date_valid(b) || date_compare(a, b) > 0)
        return 0;
    p->date = b;
    p->ended = 1;
    p->as_of = 0;
    p->period.kind = R2X_PERIOD_DURATION;
    p->period.start = a;
    p->period.end = b;
    /* state the length when it is one, so that inheriting it works */
    for (int n = 1; n <= 24 && !p->months; n++)
        if (date_compare(date_start_of_months(b, n), a) == 0)
            p->months = n;
    long days = days_from_civil(b.year, b.month, b.day) -
                days_from_civil(a.year, a.month, a.day) + 1;
    if (!p->months && days % 7 == 0 && days / 7 <= 53)
        p->weeks = (int)(days / 7);
    p->end = second.end;
    return 1;
}

/* The words of a phrase around its date, read before it: the qualifiers, a
 * length and "ended".  as_of, len_kind and ended are 1 for a weak word,
 * which counts only beside a date or a strong word, 2 for a strong one;
 * *_end is where each ends. */
typedef struct phrase_words {
    int from, full, fiscal_word;
    int as_of, len_kind, ended;
    size_t as_of_end, len_end, ended_end;
} phrase_words;

/* "as of", "at", "from", "full", "fiscal", "for the", "balance(s) at"
 * before the rest; *t moves past them.  0 when no word follows. */
static int read_qualifiers(const scan_ctx *sc, tok *t, phrase_words *w)
{
    tok u;
    for (;;) {
        size_t at = t->end;
        if ((tok_is(sc, t, "as") || tok_is(sc, t, "balance") ||
             tok_is(sc, t, "balances")) && follow(sc, t->end, &u) &&
            (tok_is(sc, &u, "of") || tok_is(sc, &u, "at"))) {
            w->as_of = 2;
            w->as_of_end = at = u.end;
        } else if (tok_is(sc, t, "at")) {
            w->as_of = w->as_of ? w->as_of : 1;
            w->as_of_end = at;
        } else if (tok_is(sc, t, "from")) {
            w->from = 1;
        } else if (tok_is(sc, t, "full")) {
            w->full = 1;
        } else if (tok_is(sc, t, "fiscal")) {
            w->fiscal_word = 1;
        } else if (!tok_is(sc, t, "for") && !tok_is(sc, t, "the") &&
                   !tok_is(sc, t, "balance") && !tok_is(sc, t, "balances")) {
            return 1;
        }
        if (!follow(sc, at, t))
            return 0;
    }
}

/* A length at *t: "Six Months", "26 weeks", "Second Quarter", "Quarter",
 * "Half Year", or "Months" whose count was lost, with "period" after it;
 * *t moves past it.  0 when no word follows it. */
static int read_length(const scan_ctx *sc, tok *t, period_phrase *p, phrase_words *w)
{
    tok u;
    size_t cend;
    int n;
    int ord = ordinal_of(sc, t);
    if (read_count(sc, t, &n, &cend) && follow(sc, cend, &u) &&
        (tok_in(sc, &u, w_months_unit) || tok_in(sc, &u, w_weeks_unit))) {
        if (tok_in(sc, &u, w_months_unit))
            p->months = n;
        else
            p->weeks = n;
        w->len_kind = (p->months >= 1 && p->months <= 120) ||
                      (p->weeks >= 1 && p->weeks <= 53) ? 2 : 0;
        w->len_end = u.end;
        if (!w->len_kind)
            p->months = p->weeks = 0;
    } else if (ord && follow(sc, t->end, &u) &&
               (tok_in(sc, &u, w_quarter) || tok_is(sc, &u, "half"))) {
        p->months = tok_is(sc, &u, "half") ? 6 : 3;
        w->len_kind = 1;
        w->len_end = u.end;
    } else if (tok_in(sc, t, w_quarter) || tok_in(sc, t, w_year) ||
               tok_is(sc, t, "half")) {
        p->months = tok_in(sc, t, w_quarter) ? 3 : tok_is(sc, t, "half") ? 6 : 12;
        w->len_kind = w->full || w->fiscal_word ? 2 : 1;
        w->len_end = t->end;
        if (p->months == 6 && follow(sc, t->end, &u) && tok_in(sc, &u, w_year))
            w->len_end = u.end;                 /* "half year" */
    } else if (tok_in(sc, t, w_months_unit) || tok_in(sc, t, w_weeks_unit)) {
        w->len_kind = 1;                        /* "Months Ended", count lost */
        w->len_end = t->end;
    }
    if (w->len_kind && follow(sc, w->len_end, &u) && tok_in(sc, &u, w_period))
        w->len_end = u.end;
    if (w->len_kind)
        return follow(sc, w->len_end, t);
    return 1;
}

/* The date at t; after a strong word, also one behind a fragment of damaged
 * text. */
static int read_phrase_date(const scan_ctx *sc, const tok *t, int strong, date_read *dr)
{
    tok u;
    int got_date = read_date(sc, t, dr);
    if (!got_date && strong && is_fragment(sc, t)) {
        /* "As of S\tSeptember": a cut-off copy of the next word */
        if (next_tok(sc, t->end, &u) && tok_len(&u) > tok_len(t) &&
            is_prefix_ci(sc, t, &u))
            got_date = read_date(sc, &u, dr);
        /* "Ended er 30, 2009": a damaged month name */
        else if (follow(sc, t->end, &u))
            got_date = read_date(sc, &u, dr);
    }
    return got_date;
}

/* The phrase the words and the date (dr, NULL: none) make: weak words count
 * only beside a date or a strong word; a bare date may begin a range. */
static void settle_phrase(const scan_ctx *sc, const tok *first, const phrase_words *w,
                          const date_read *dr, period_phrase *p)
{
    size_t end = first->end;
    if (w->as_of == 2 || (w->as_of == 1 && dr)) {
        p->as_of = 1;
        end = w->as_of_end;
    }
    if (w->len_kind == 2 || (w->len_kind == 1 && (dr || w->ended == 2)))
        end = w->len_end;
    else
        p->months = p->weeks = 0;
    if (w->ended == 2 || (w->ended == 1 && dr)) {
        p->ended = 1;
        end = w->ended_end;
    }
    if (dr) {
        p->date = dr->d;
        end = dr->end;
        memcpy(p->repair, dr->repair, sizeof p->repair);
        if (!p->months && !p->weeks && !p->as_of && read_range(sc, dr, w->from, p))
            return;
    }
    p->end = end;
}

/* Try to read one phrase starting at token first. */
static int parse_phrase(const scan_ctx *sc, const tok *first, period_phrase *p)
{
    tok t = *first;
    phrase_words w;
    size_t end;

    memset(p, 0, sizeof *p);
    memset(&w, 0, sizeof w);
    p->start = first->start;
    int have = read_qualifiers(sc, &t, &w);
    if (have && parse_fiscal(sc, &t, w.full || w.fiscal_word, p, &end)) {
        p->end = end;
        return 1;
    }
    if (have)
        have = read_length(sc, &t, p, &w);
    if (have && (tok_in(sc, &t, w_ended) || tok_in(sc, &t, w_weak_ended))) {
        w.ended = tok_in(sc, &t, w_ended) ? 2 : 1;
        w.ended_end = t.end;
        have = follow(sc, t.end, &t);
    }
    int strong = w.as_of == 2 || w.ended == 2 || w.len_kind == 2;
    date_read dr;
    int got_date = have && read_phrase_date(sc, &t, strong, &dr);
    if (!got_date && !strong)
        return 0;
    settle_phrase(sc, first, &w, got_date ? &dr : NULL, p);
    return 1;
}

/* "...ended September 30, 2008 and September 30, 2009": a bare date joined
 * to the phrase before it by "and", "&", "," or "vs." takes its length,
 * "ended" and "as of" (and its month and day when it shows only a year). */
static void inherit_across_and(const scan_ctx *sc, const period_phrase *prev,
                               period_phrase *p)
{
    tok t;
    if (p->months || p->weeks || p->ended || p->as_of || p->fiscal ||
        prev->fiscal || (!p->date.year && !p->date.month) ||
        (!prev->date.year && !prev->date.month) || gap_breaks(sc, prev->end, p->start))
        return;
    for (size_t i = prev->end; i < p->start;) {
        unsigned char c = (unsigned char)sc->s[i];
        if (is_alnum((char)c)) {
            static const char *const joins[] = {"and", "vs", "versus", NULL};
            if (!next_tok(sc, i, &t) || !tok_in(sc, &t, joins))
                return;
            i = t.end;
        } else if (c == ' ' || c == ',' || c == '&' || c == '.' || c >= 0x80) {
            i++;
        } else {
            return;
        }
    }
    p->months = prev->months;
    p->weeks = prev->weeks;
    p->ended = prev->ended;
    p->as_of = prev->as_of;
    if (!p->date.month && !p->date.day) {
        p->date.month = prev->date.month;
        p->date.day = prev->date.day;
    }
}

size_t period_scan(const char *text, const r2x_fiscal_calendar *cal,
                   period_phrase *out, size_t max)
{
    scan_ctx sc;
    size_t pos = 0, n = 0;
    tok t;
    period_phrase p;

    if (!text || !out)
        return 0;
    sc.s = text;
    sc.len = strlen(text);
    while (n < max && next_tok(&sc, pos, &t)) {
        if (!parse_phrase(&sc, &t, &p)) {
            pos = t.end;
            continue;
        }
        if (n > 0)
            inherit_across_and(&sc, &out[n - 1], &p);
        period_resolve(&p, cal);
        out[n++] = p;
        pos = p.end > t.end ? p.end : t.end;
    }
    return n;
}

/* ---- Resolution ------------------------------------------------------------ */

/* The last day of the fiscal year that ends in calendar year y.  An end_day
 * that is its month's last day in a common year means "the month's end", so
 * that a February year end follows leap years. */
static r2x_date fiscal_year_end(const r2x_fiscal_calendar *cal, int y)
{
    int em = cal->end_month, ed = cal->end_day;
    int dim = date_days_in_month(y, em);
    if (ed >= date_days_in_month(2001, em) || ed > dim)
        ed = dim;
    return date_make(y, em, ed);
}

static int resolve_fiscal(period_phrase *p, const r2x_fiscal_calendar *cal)
{
    static const r2x_fiscal_calendar dflt = {12, 31, R2X_FY_NAMED_BY_END};
    int label = p->date.year, m = p->months > 0 ? p->months : 12, k = p->fiscal;
    r2x_date s = {0, 0, 0}, e = {0, 0, 0};

    if (!cal || cal->end_month < 1 || cal->end_month > 12 || cal->end_day < 1 ||
        cal->end_day > 31)
        cal = &dflt;
    if (label < 1 || label > 9998 || k < 1 || k > 12 || m > 12 || k * m > 12)
        return 0;
    /* By start: the year whose first day falls in label (label + 1 unless
     * the year ends on 31 December). */
    for (int yend = label; yend <= label + 1; yend++) {
        e = fiscal_year_end(cal, yend);
        s = date_start_of_months(e, 12);
        if (cal->naming != R2X_FY_NAMED_BY_START || s.year == label)
            break;
    }
    if (!date_valid(s))
        return 0;
    /* parts in whole months from the year's first day */
    r2x_date ps = add_months(s, (k - 1) * m);
    r2x_date pe = k * m == 12 ? e : date_add_days(add_months(s, k * m), -1);
    if (!date_valid(ps) || !date_valid(pe))
        return 0;
    p->period.kind = R2X_PERIOD_DURATION;
    p->period.start = ps;
    p->period.end = pe;
    return 1;
}

int period_resolve(period_phrase *p, const r2x_fiscal_calendar *cal)
{
    if (!p)
        return 0;
    r2x_period kept = p->period;
    memset(&p->period, 0, sizeof p->period);
    if (p->fiscal)
        return resolve_fiscal(p, cal);

    r2x_date d = p->date;
    /* "Six Months 2023", "TWELVE MONTHS 2022": so many months of the
     * fiscal year from its first day (a quarter with a year alone could be
     * any of four) */
    if (d.year && !d.month && !d.day && p->months >= 6 && p->months <= 12 && !p->weeks &&
        !p->as_of) {
        period_phrase part = *p;
        part.fiscal = 1;
        if (!resolve_fiscal(&part, cal))
            return 0;
        p->period = part.period;
        return 1;
    }
    /* "Year ended March 2010": a duration's end without a day is the month's end */
    if (d.year && d.month && !d.day && !p->as_of && (p->ended || p->months || p->weeks))
        d.day = date_days_in_month(d.year, d.month);
    if (!date_valid(d))
        return 0;

    if (p->as_of || (!p->ended && !p->months && !p->weeks)) {
        p->period.kind = R2X_PERIOD_INSTANT;
        p->period.end = d;
        return 1;
    }
    if (p->months > 0)
        p->period.start = date_start_of_months(d, p->months);
    else if (p->weeks > 0 && p->weeks <= 5300)
        p->period.start = date_add_days(d, -7 * p->weeks + 1);
    else if (kept.kind == R2X_PERIOD_DURATION && date_compare(kept.end, d) == 0 &&
             date_valid(kept.start) && date_compare(kept.start, d) <= 0)
        p->period.start = kept.start;           /* an explicit range */
    if (!date_valid(p->period.start)) {
        memset(&p->period, 0, sizeof p->period);
        return 0;
    }
    p->period.kind = R2X_PERIOD_DURATION;
    p->period.end = d;
    return 1;
}

int period_inherit(period_phrase *below, const period_phrase *above,
                   const r2x_fiscal_calendar *cal)
{
    if (!below || !above)
        return 0;
    int had_length = below->months || below->weeks || below->fiscal;

    if (below->fiscal) {                        /* "FY2009" over "1Q" */
        if (!below->date.year)
            below->date.year = above->date.year;
        return period_resolve(below, cal);
    }
    if (!had_length && !below->as_of && !above->fiscal) {
        below->months = above->months;
        below->weeks = above->weeks;
    }
    if (!below->as_of && !below->ended) {
        if (above->as_of && !had_length)
            below->as_of = 1;
        else if (above->ended)
            below->ended = 1;
    }
    if (!above->fiscal) {
        if (!below->date.month && !below->date.day) {
            below->date.month = above->date.month;
            below->date.day = above->date.day;
        }
        if (!below->date.year)
            below->date.year = above->date.year;
    }
    return period_resolve(below, cal);
}

/* d moved by whole years, a month's end staying its month's end (Feb 28 ->
 * Feb 29 in a leap year). */
static r2x_date shift_years(r2x_date d, int years)
{
    r2x_date r = {d.year + years, d.month, d.day};
    int dim = date_days_in_month(r.year, r.month);
    if (d.day == date_days_in_month(d.year, d.month) || r.day > dim)
        r.day = dim;
    return r;
}

static void describe_period(const period_phrase *p, char out[64])
{
    static const char *const words[13] = {
        "", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve"};
    char a[11], b[11], num[12];
    int n = p->months ? p->months : p->weeks;

    format_date(p->period.end, b);
    if (p->period.kind == R2X_PERIOD_INSTANT) {
        snprintf(out, 64, "as of %s", b);
        return;
    }
    if (n >= 1 && n <= 12)
        snprintf(num, sizeof num, "%s", words[n]);
    else
        snprintf(num, sizeof num, "%d", n);
    if (p->months)
        snprintf(out, 64, "%s months ended %s", num, b);
    else if (p->weeks)
        snprintf(out, 64, "%s weeks ended %s", num, b);
    else {
        format_date(p->period.start, a);
        snprintf(out, 64, "%s to %s", a, b);
    }
}

int period_repair_from_sibling(period_phrase *damaged, const char *damaged_text,
                               const period_phrase *sibling)
{
    if (!damaged || !sibling || damaged->fiscal ||
        sibling->period.kind == R2X_PERIOD_NONE ||
        damaged->date.year < 1 || damaged->date.year > 9999)
        return 0;
    const r2x_period *sp = &sibling->period;
    if (!date_valid(sp->end) ||
        (sp->kind == R2X_PERIOD_DURATION && !date_valid(sp->start)))
        return 0;
    /* every part the damaged text still shows must agree with the sibling */
    if ((damaged->date.day && damaged->date.day != sp->end.day) ||
        (damaged->date.month && damaged->date.month != sp->end.month) ||
        (damaged->months && damaged->months != sibling->months) ||
        (damaged->weeks && damaged->weeks != sibling->weeks) ||
        (damaged->as_of && sp->kind != R2X_PERIOD_INSTANT) ||
        (damaged->ended && sp->kind != R2X_PERIOD_DURATION))
        return 0;

    int shift = damaged->date.year - sp->end.year;
    r2x_period np = *sp;
    np.end = shift_years(sp->end, shift);
    if (np.kind == R2X_PERIOD_DURATION)
        np.start = shift_years(sp->start, shift);
    if (!date_valid(np.end) || (np.kind == R2X_PERIOD_DURATION && !date_valid(np.start)))
        return 0;

    damaged->period = np;
    damaged->date = np.end;
    damaged->months = sibling->months;
    damaged->weeks = sibling->weeks;
    damaged->ended = sibling->ended;
    damaged->as_of = sibling->as_of;

    /* the damaged text, kept short, on one line, not cut inside a character */
    char shown[80], desc[64];
    size_t n = damaged_text ? strlen(damaged_text) : 0;
    if (n > sizeof shown - 1) {
        n = sizeof shown - 1;
        while (n > 0 && ((unsigned char)damaged_text[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        shown[i] = damaged_text[i] == '\t' || damaged_text[i] == '\n' ||
                   damaged_text[i] == '\r' ? ' ' : damaged_text[i];
    shown[n] = '\0';
    describe_period(damaged, desc);
    snprintf(damaged->repair, sizeof damaged->repair,
             "damaged heading '%s' read as '%s' after its neighbour", shown, desc);
    return 1;
}
