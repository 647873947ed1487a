/*
 * ixbrl_extract.c - Inline XBRL 1.1 -> the XBRL 2.1 instance it carries.
 *
 * One pass over the tree collects the ix elements in document order (facts,
 * continuations by id, footnotes, relationships, references, resources);
 * then the instance is built: schemaRef and resources copied, each fact's
 * value computed (format, scale, sign; continuations joined, exclusions
 * dropped, escaped markup serialised) and footnote links written.
 */
#include "ixbrl_extract.h"
#include "xml_guard.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "output.h"
#include "srcpos.h"
#include "xbrl_ns.h"

#define NS_IX "http://www.xbrl.org/2013/inlineXBRL"
#define NS_IX10 "http://www.xbrl.org/2008/inlineXBRL"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_XBRLI XBRLI_NS
#define NS_LINK "http://www.xbrl.org/2003/linkbase"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_TR_PREFIX "http://www.xbrl.org/inlineXBRL/transformation/"
#define NS_SEC_TR "http://www.sec.gov/inlineXBRL/transformation/2015-08-31"
#define ROLE_LINK "http://www.xbrl.org/2003/role/link"
#define ARCROLE_FACT_FOOTNOTE "http://www.xbrl.org/2003/arcrole/fact-footnote"

/* ---- Numbers --------------------------------------------------------------- */

int ixbrl_scale(const char *text, int scale, int negative, char *out, size_t size)
{
    char digits[128];
    size_t nd = 0, nint = 0;
    int point = 0;
    for (const char *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (nd + 1 >= sizeof digits)
                return -1;
            digits[nd++] = *p;
            nint += !point;
        } else if (*p == '.' && !point) {
            point = 1;
        } else {
            return -1;
        }
    }
    if (!nd || scale > 60 || scale < -60)
        return -1;
    /* the point moves right by scale; at most "0." + 60 zeros + the digits,
     * or the digits + 60 zeros: no allocation (a failed one would read as
     * "not a number") */
    long pos = (long)nint + scale;
    char moved[sizeof digits + 64];
    size_t n = 0;
    if (pos <= 0) {
        moved[n++] = '0';
        moved[n++] = '.';
        for (long i = pos; i < 0; i++)
            moved[n++] = '0';
        memcpy(moved + n, digits, nd);
        n += nd;
    } else if ((size_t)pos >= nd) {
        memcpy(moved, digits, nd);
        n = nd;
        for (size_t i = nd; i < (size_t)pos; i++)
            moved[n++] = '0';
    } else {
        memcpy(moved, digits, (size_t)pos);
        n = (size_t)pos;
        moved[n++] = '.';
        memcpy(moved + n, digits + pos, nd - (size_t)pos);
        n += nd - (size_t)pos;
    }
    moved[n] = '\0';
    /* canonical: no leading zeros before the point, none trailing after it */
    char *s = moved;
    if (memchr(s, '.', n)) {
        while (s[n - 1] == '0')
            s[--n] = '\0';
        if (s[n - 1] == '.')
            s[--n] = '\0';
    }
    while (s[0] == '0' && s[1] && s[1] != '.')
        s++;
    int zero = !strcmp(s, "0");
    int written = snprintf(out, size, "%s%s", negative && !zero ? "-" : "", s);
    return written < 0 || (size_t)written >= size ? -1 : 0;
}

/* Keep the digits, with `point` as the decimal separator; every other
 * character must be a grouping one (comma, dot, space, no-break space,
 * apostrophe) or the text does not fit. */
static int number_text(const char *text, char point, char *out, size_t size)
{
    size_t n = 0;
    int seen_point = 0, digits = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (n + 2 >= size)
            return -1;
        if (isdigit(*p)) {
            out[n++] = (char)*p;
            digits++;
        } else if (*p == (unsigned char)point && !seen_point) {
            out[n++] = '.';
            seen_point = 1;
        } else if (*p == ',' || *p == '.' || *p == ' ' || *p == '\'' || *p == '\t' ||
                   *p == '\n' || *p == '\r') {
            if (seen_point)
                return -1;        /* grouping after the decimal separator */
        } else if (*p == 0xC2 && p[1] == 0xA0) {
            p++;                  /* U+00A0 */
        } else {
            return -1;
        }
    }
    if (!digits)
        return -1;
    out[n] = '\0';
    return 0;
}

/* ---- Words ------------------------------------------------------------------- */

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};

static int month_of(const char *word)
{
    size_t n = strlen(word);
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (!strncasecmp(months[m], word, n < strlen(months[m]) ? n : strlen(months[m])) &&
            (n == 3 || n == 4 || n == strlen(months[m]) || (n == 4 && word[3] == '.')))
            return m + 1;
    if (!strcasecmp(word, "sept"))
        return 9;
    return 0;
}

typedef struct tokens {
    int kind[8];          /* 'n' number, 'm' month name */
    long value[8];
    int ndigits[8];
    size_t n;
} tokens;

/* Numbers and month names, anything else a separator; -1 on a word that is
 * neither (but "of", "the", day suffixes "st" "th" are allowed). */
static int tokenize(const char *text, tokens *t)
{
    t->n = 0;
    const char *p = text;
    while (*p) {
        if (isdigit((unsigned char)*p)) {
            long v = 0;
            int nd = 0;
            while (isdigit((unsigned char)*p) && nd < 9) {
                v = v * 10 + (*p++ - '0');
                nd++;
            }
            if (t->n == 8)
                return -1;
            t->kind[t->n] = 'n';
            t->value[t->n] = v;
            t->ndigits[t->n++] = nd;
            /* 1st, 2nd, 3rd, 4th */
            if (isalpha((unsigned char)p[0]) && isalpha((unsigned char)p[1]) &&
                !isalpha((unsigned char)p[2]))
                p += 2;
        } else if (isalpha((unsigned char)*p)) {
            char w[16];
            size_t n = 0;
            while (isalpha((unsigned char)*p)) {
                if (n + 1 < sizeof w)
                    w[n++] = *p;
                p++;
            }
            w[n] = '\0';
            int m = month_of(w);
            if (m) {
                if (t->n == 8)
                    return -1;
                t->kind[t->n] = 'm';
                t->value[t->n] = m;
                t->ndigits[t->n++] = 0;
            } else if (strcasecmp(w, "of") && strcasecmp(w, "the")) {
                return -1;
            }
        } else {
            p++;
        }
    }
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* A date from tokens in the order `order` ("mdy": month (name or number),
 * day, year); y, m or d absent from order are not written. */
static int date_from(const char *text, const char *order, char *out, size_t size)
{
    tokens t;
    if (tokenize(text, &t) || t.n != strlen(order))
        return -1;
    long y = 0, m = 0, d = 0;
    for (size_t i = 0; i < t.n; i++) {
        switch (order[i]) {
        case 'y':
            if (t.kind[i] != 'n' || (t.ndigits[i] != 2 && t.ndigits[i] != 4))
                return -1;
            y = t.ndigits[i] == 2 ? 2000 + t.value[i] : t.value[i];
            break;
        case 'm':
            m = t.value[i];
            break;
        case 'd':
            if (t.kind[i] != 'n')
                return -1;
            d = t.value[i];
            break;
        }
    }
    int has_y = strchr(order, 'y') != NULL, has_d = strchr(order, 'd') != NULL;
    if (m < 1 || m > 12 || (has_d && (d < 1 || d > days_in(has_y ? (int)y : 2000, (int)m))))
        return -1;
    if (has_y && has_d)
        snprintf(out, size, "%04ld-%02ld-%02ld", y, m, d);
    else if (has_d)
        snprintf(out, size, "--%02ld-%02ld", m, d);
    else
        snprintf(out, size, "%04ld-%02ld", y, m);
    return 0;
}

/* English number words up to the millions: "two" -> 2, "none" -> 0. */
static int words_number(const char *text, char *out, size_t size)
{
    static const char *const small[] = {"zero", "one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve",
                                        "thirteen", "fourteen", "fifteen", "sixteen",
                                        "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
                                       "seventy", "eighty", "ninety"};
    long total = 0, group = 0;
    int words = 0;
    const char *p = text;
    while (*p) {
        if (!isalpha((unsigned char)*p)) {
            if (*p != ' ' && *p != '-' && *p != ',' && *p != '\t' && *p != '\n' &&
                !((unsigned char)*p == 0xC2 && (unsigned char)p[1] == 0xA0) &&
                (unsigned char)*p != 0xA0)
                return -1;
            p++;
            continue;
        }
        char w[16];
        size_t n = 0;
        while (isalpha((unsigned char)*p)) {
            if (n + 1 < sizeof w)
                w[n++] = (char)tolower((unsigned char)*p);
            p++;
        }
        w[n] = '\0';
        words++;
        int found = 0;
        if (!strcmp(w, "no") || !strcmp(w, "none") || !strcmp(w, "and"))
            found = 1;
        for (int i = 0; i < 20 && !found; i++)
            if (!strcmp(w, small[i])) {
                group += i;
                found = 1;
            }
        for (int i = 2; i < 10 && !found; i++)
            if (!strcmp(w, tens[i])) {
                group += 10 * i;
                found = 1;
            }
        if (!found && !strcmp(w, "hundred")) {
            group = (group ? group : 1) * 100;
            found = 1;
        }
        if (!found && (!strcmp(w, "thousand") || !strcmp(w, "million") ||
                       !strcmp(w, "billion"))) {
            long mult = w[0] == 't' ? 1000L : w[0] == 'm' ? 1000000L : 1000000000L;
            total += (group ? group : 1) * mult;
            group = 0;
            found = 1;
        }
        if (!found)
            return -1;
    }
    if (!words)
        return -1;
    snprintf(out, size, "%ld", total + group);
    return 0;
}

/* "2.7" years -> "P2Y8M12D", as the SEC's duryear does (a month of 30 days). */
static int duration(const char *text, int months_per_unit, int days_per_unit, char *out,
                    size_t size)
{
    char num[64];
    if (number_text(text, '.', num, sizeof num))
        return -1;
    double v = strtod(num, NULL);
    if (!(v >= 0 && v < 1e9))
        return -1;               /* and (long)v stays defined */
    long y = 0, m = 0, d = 0;
    if (months_per_unit == 12) {
        y = (long)v;
        v = (v - (double)y) * 12;
    }
    if (months_per_unit) {
        m = (long)(v + 1e-9);
        v = (v - (double)m) * 30;
    } else {
        v *= days_per_unit;
    }
    d = (long)(v + 0.5);
    /* no allocation here: a failed one would read as "does not fit" */
    char ys[24] = "", ms[24] = "", ds[24] = "";
    if (y)
        snprintf(ys, sizeof ys, "%ldY", y);
    if (m)
        snprintf(ms, sizeof ms, "%ldM", m);
    if (d || (!y && !m))
        snprintf(ds, sizeof ds, "%ldD", d);
    int n = snprintf(out, size, "P%s%s%s", ys, ms, ds);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

typedef struct name_code {
    const char *name, *code;
} name_code;

static int lookup(const name_code *table, const char *text, char *out, size_t size)
{
    char norm[128];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof norm; p++) {
        if ((unsigned char)*p == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p++;
            norm[n++] = ' ';
        } else {
            norm[n++] = isspace((unsigned char)*p) ? ' ' : *p;
        }
    }
    norm[n] = '\0';
    char *s = norm;
    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    for (const name_code *e = table; e->name; e++)
        if (!strcasecmp(e->name, s)) {
            r2xi_strlcpy(out, e->code, size);
            return 0;
        }
    return -1;
}

static const name_code us_states[] = {
    {"Alabama", "AL"}, {"Alaska", "AK"}, {"Arizona", "AZ"}, {"Arkansas", "AR"},
    {"California", "CA"}, {"Colorado", "CO"}, {"Connecticut", "CT"}, {"Delaware", "DE"},
    {"District of Columbia", "DC"}, {"Florida", "FL"}, {"Georgia", "GA"}, {"Hawaii", "HI"},
    {"Idaho", "ID"}, {"Illinois", "IL"}, {"Indiana", "IN"}, {"Iowa", "IA"}, {"Kansas", "KS"},
    {"Kentucky", "KY"}, {"Louisiana", "LA"}, {"Maine", "ME"}, {"Maryland", "MD"},
    {"Massachusetts", "MA"}, {"Michigan", "MI"}, {"Minnesota", "MN"}, {"Mississippi", "MS"},
    {"Missouri", "MO"}, {"Montana", "MT"}, {"Nebraska", "NE"}, {"Nevada", "NV"},
    {"New Hampshire", "NH"}, {"New Jersey", "NJ"}, {"New Mexico", "NM"}, {"New York", "NY"},
    {"North Carolina", "NC"}, {"North Dakota", "ND"}, {"Ohio", "OH"}, {"Oklahoma", "OK"},
    {"Oregon", "OR"}, {"Pennsylvania", "PA"}, {"Rhode Island", "RI"},
    {"South Carolina", "SC"}, {"South Dakota", "SD"}, {"Tennessee", "TN"}, {"Texas", "TX"},
    {"Utah", "UT"}, {"Vermont", "VT"}, {"Virginia", "VA"}, {"Washington", "WA"},
    {"West Virginia", "WV"}, {"Wisconsin", "WI"}, {"Wyoming", "WY"},
    {"American Samoa", "AS"}, {"Guam", "GU"}, {"Northern Mariana Islands", "MP"},
    {"Puerto Rico", "PR"}, {"Virgin Islands", "VI"}, {"U.S. Virgin Islands", "VI"},
    {NULL, NULL}};

/* Exchange names as the SEC's transformation registry reads them (after its
 * Arelle plugin, ixt-sec 2015-08-31): "the" before and ", LLC" or ", Inc."
 * after are optional, case is not significant; the codes are those of
 * dei:edgarExchangeCodeItemType. */
static const name_code exchanges[] = {
    {"box exchange", "BOX"}, {"cboe byx exchange", "CboeBYX"},
    {"cboe bzx exchange", "CboeBZX"}, {"cboe c2 exchange", "C2"},
    {"cboe edga exchange", "CboeEDGA"}, {"cboe edgx exchange", "CboeEDGX"},
    {"cboe exchange", "CBOE"}, {"chicago stock exchange", "CHX"},
    {"investors exchange", "IEX"}, {"miami international securities exchange", "MIAX"},
    {"miax pearl", "PEARL"}, {"nasdaq bx", "BX"}, {"nasdaq gemx", "GEMX"},
    {"nasdaq ise", "ISE"}, {"nasdaq mrx", "MRX"}, {"nasdaq phlx", "Phlx"},
    {"nyse", "NYSE"}, {"new york stock exchange", "NYSE"}, {"nyse american", "NYSEAMER"},
    {"nyse arca", "NYSEArca"}, {"nyse national", "NYSENAT"}, {"nasdaq", "NASDAQ"},
    {"nasdaq stock market", "NASDAQ"}, {"nasdaq global market", "NASDAQ"},
    {"nasdaq global select market", "NASDAQ"},
    {NULL, NULL}};

/* An exchange's name into its code: white space collapsed, then a leading
 * "the" and a trailing ", LLC" / ", Inc." dropped, case ignored. */
static int exchange_code(const char *text, char *out, size_t size)
{
    char name[256];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof name; p++) {
        int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (space && (!n || name[n - 1] == ' '))
            continue;
        name[n++] = space ? ' ' : (char)tolower((unsigned char)*p);
    }
    while (n && name[n - 1] == ' ')
        n--;
    name[n] = '\0';
    char *s = name;
    if (!strncmp(s, "the ", 4))
        s += 4;
    static const char *const suffixes[] = {", llc", " llc", ", inc.", ", inc", " inc.", " inc"};
    size_t len = strlen(s);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t k = strlen(suffixes[i]);
        if (len > k && !strcmp(s + len - k, suffixes[i])) {
            s[len - k] = '\0';
            break;
        }
    }
    for (const name_code *e = exchanges; e->name; e++)
        if (!strcmp(s, e->name))
            return snprintf(out, size, "%s", e->code) < 0 ? -1 : 0;
    return -1;
}

static const name_code filer_categories[] = {
    {"Large accelerated filer", "Large Accelerated Filer"},
    {"Accelerated filer", "Accelerated Filer"},
    {"Non-accelerated filer", "Non-accelerated Filer"},
    {"Smaller reporting company", "Non-accelerated Filer"},
    {NULL, NULL}};

/* The local name without hyphens, lower case: TR4's "num-dot-decimal" and
 * TR1-3's "numdotdecimal" meet as "numdotdecimal". */
static void squash(const char *local, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = local; *p && n + 1 < size; p++)
        if (*p != '-')
            out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
}

static int registry_transform(const char *f, const char *text, char *out, size_t size)
{
    /* numbers */
    if (!strcmp(f, "numdotdecimal") || !strcmp(f, "numcommadot") || !strcmp(f, "numspacedot") ||
        !strcmp(f, "numdotdecimalin"))
        return number_text(text, '.', out, size);
    if (!strcmp(f, "numcommadecimal") || !strcmp(f, "numdotcomma") ||
        !strcmp(f, "numspacecomma") || !strcmp(f, "numcomma"))
        return number_text(text, ',', out, size);
    if (!strcmp(f, "zerodash") || !strcmp(f, "numdash") || !strcmp(f, "fixedzero"))
        return snprintf(out, size, "0") < 0 ? -1 : 0;
    if (!strcmp(f, "fixedempty") || !strcmp(f, "nocontent"))
        return snprintf(out, size, "%s", "") < 0 ? -1 : 0;
    if (!strcmp(f, "fixedfalse") || !strcmp(f, "booleanfalse"))
        return snprintf(out, size, "false") < 0 ? -1 : 0;
    if (!strcmp(f, "fixedtrue") || !strcmp(f, "booleantrue"))
        return snprintf(out, size, "true") < 0 ? -1 : 0;
    /* dates: TR4/5 names squashed, TR2/3 names, TR1 names */
    static const struct {
        const char *name, *order;
    } dates[] = {
        {"datemonthnamedayyearen", "mdy"}, {"datemonthdayyearen", "mdy"},
        {"datelongus", "mdy"}, {"dateshortus", "mdy"},
        {"datedaymonthnameyearen", "dmy"}, {"datedaymonthyearen", "dmy"},
        {"datelonguk", "dmy"}, {"dateshortuk", "dmy"},
        {"datemonthdayyear", "mdy"}, {"dateslashus", "mdy"}, {"datedotus", "mdy"},
        {"datedaymonthyear", "dmy"}, {"dateslasheu", "dmy"}, {"datedoteu", "dmy"},
        {"dateyearmonthday", "ymd"}, {"dateyearmonthnameday", "ymd"},
        {"datemonthnamedayen", "md"}, {"datemonthday", "md"}, {"datelongmonthday", "md"},
        {"dateshortmonthday", "md"}, {"datemonthdayen", "md"},
        {"datedaymonthnameen", "dm"}, {"datedaymonth", "dm"}, {"datelongdaymonth", "dm"},
        {"dateshortdaymonth", "dm"}, {"datedaymonthen", "dm"},
        {"datemonthnameyearen", "my"}, {"datemonthyear", "my"}, {"datemonthyearen", "my"},
        {"datelongmonthyear", "my"}, {"dateshortmonthyear", "my"},
        {"dateyearmonth", "ym"}, {"dateyearmonthen", "ym"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        if (!strcmp(f, dates[i].name))
            return date_from(text, dates[i].order, out, size);
    if (!strcmp(f, "numwordsen") || !strcmp(f, "numworden"))
        return words_number(text, out, size);
    return -2;
}

/* A separator between the words of a number or a duration: white space,
 * comma, hyphen, a no-break space or a Unicode dash (U+058A, U+05BE,
 * U+2010-U+2015, U+FE58, U+FE63, U+FF0D); its length in bytes, 0 if none. */
static int word_separator(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',' || *p == '-')
        return 1;
    if ((p[0] == 0xC2 && p[1] == 0xA0) || (p[0] == 0xD6 && p[1] == 0x8A) ||
        (p[0] == 0xD6 && p[1] == 0xBE))
        return 2;
    if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95) ||
        (p[0] == 0xEF && p[1] == 0xB9 && (p[2] == 0x98 || p[2] == 0xA3)) ||
        (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8D))
        return 3;
    return 0;
}

/* ixt-sec:durwordsen: "two years, six months and ten days" -> P2Y6M10D;
 * each part a number in words or up to four digits before its unit, in the
 * order years, months, days; zero or "no" parts left out ("no days" is
 * P0D). */
static int duration_words(const char *text, char *out, size_t size)
{
    static const char *const units[] = {"year", "month", "day"};
    long part[3] = {0, 0, 0};
    int last = -1;
    char num[256] = "";
    size_t nn = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        int sep = word_separator(p);
        if (sep) {
            p += sep;
            continue;
        }
        char w[32];
        size_t n = 0;
        int digits = isdigit(*p) != 0;
        while (*p && !word_separator(p) && (digits ? isdigit(*p) : isalpha(*p))) {
            if (n + 1 >= sizeof w)
                return -1;
            w[n++] = (char)tolower(*p++);
        }
        w[n] = '\0';
        if (!n)
            return -1;           /* neither a word nor a number */
        int unit = -1;
        for (int u = 0; u < 3 && !digits; u++) {
            size_t k = strlen(units[u]);
            if (!strncmp(w, units[u], k) && (!w[k] || !strcmp(w + k, "s")))
                unit = u;
        }
        if (unit < 0) {
            if (nn + n + 2 >= sizeof num)
                return -1;
            nn += (size_t)snprintf(num + nn, sizeof num - nn, "%s%s", nn ? " " : "", w);
            continue;
        }
        if (unit <= last || !nn)
            return -1;
        char value[64];
        int all_digits = strspn(num, "0123456789") == nn;
        if (all_digits && nn <= 4)
            part[unit] = atol(num);
        else if (!strcmp(num, "zero") || !strcmp(num, "no") || !strcmp(num, "none"))
            part[unit] = 0;
        else if (!all_digits && !words_number(num, value, sizeof value))
            part[unit] = atol(value);
        else
            return -1;
        last = unit;
        nn = 0;
        num[0] = '\0';
    }
    if (nn || last < 0)
        return -1;
    char ys[24] = "", ms[24] = "", ds[24] = "";
    if (part[0])
        snprintf(ys, sizeof ys, "%ldY", part[0]);
    if (part[1])
        snprintf(ms, sizeof ms, "%ldM", part[1]);
    if (part[2] || (!part[0] && !part[1]))
        snprintf(ds, sizeof ds, "%ldD", part[2]);
    int k = snprintf(out, size, "P%s%s%s", ys, ms, ds);
    return k < 0 || (size_t)k >= size ? -1 : 0;
}

static int sec_transform(const char *f, const char *text, char *out, size_t size)
{
    if (!strcmp(f, "numwordsen"))
        return words_number(text, out, size);
    if (!strcmp(f, "stateprovnameen"))
        return lookup(us_states, text, out, size);
    if (!strcmp(f, "exchnameen"))
        return exchange_code(text, out, size);
    if (!strcmp(f, "durwordsen"))
        return duration_words(text, out, size);
    if (!strcmp(f, "entityfilercategoryen"))
        return lookup(filer_categories, text, out, size);
    if (!strcmp(f, "duryear"))
        return duration(text, 12, 0, out, size);
    if (!strcmp(f, "durmonth"))
        return duration(text, 1, 0, out, size);
    if (!strcmp(f, "durweek"))
        return duration(text, 0, 7, out, size);
    if (!strcmp(f, "durday"))
        return duration(text, 0, 1, out, size);
    if (!strcmp(f, "boolballotbox")) {
        /* U+2610 is an empty box; U+2611 and U+2612 are checked */
        if (strstr(text, "\xE2\x98\x90"))
            return snprintf(out, size, "false") < 0 ? -1 : 0;
        if (strstr(text, "\xE2\x98\x91") || strstr(text, "\xE2\x98\x92"))
            return snprintf(out, size, "true") < 0 ? -1 : 0;
        return -1;
    }
    return -2;
}

int ixbrl_transform(const char *ns, const char *local, const char *text, char *out,
                    size_t size)
{
    char f[64];
    squash(local, f, sizeof f);
    if (ns && !strncmp(ns, NS_TR_PREFIX, strlen(NS_TR_PREFIX)))
        return registry_transform(f, text, out, size);
    if (ns && !strcmp(ns, NS_SEC_TR))
        return sec_transform(f, text, out, size);
    return -2;
}

/* ---- The document ---------------------------------------------------------- */

typedef struct extraction {
    xmlDocPtr ix, out;
    xmlNodePtr root;
    const char *name;
    r2x_diag_fn diag;
    void *diag_userdata;
    size_t nfacts, nerrors;
    size_t headers;           /* ix:header elements seen */
    int ix10;                 /* an element of Inline XBRL 1.0's namespace seen */
    r2x_buf facts;            /* xmlNodePtr[] in document order */
    r2x_buf references;       /* xmlNodePtr[]: children of ix:references */
    r2x_buf resources;        /* xmlNodePtr[]: children of ix:resources */
    r2x_buf relationships;    /* xmlNodePtr[] */
    xmlHashTablePtr continuations;   /* id -> ix:continuation */
    xmlHashTablePtr footnotes;       /* id -> ix:footnote */
    const srcpos_map *in_positions;  /* where the input's elements are; may be NULL */
    srcpos_map *out_positions;       /* where the output's come from; may be NULL */
    int oom;
} extraction;

static void finding(extraction *x, xmlNodePtr node, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* code: the rule, after Arelle's names for Inline XBRL 1.1 (section:name). */
static void finding(extraction *x, xmlNodePtr node, const char *code, const char *fmt, ...)
{
    x->nerrors++;
    if (!x->diag)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.code = R2X_EINPUT;
    e.severity = R2X_SEV_ERROR;
    r2xi_strlcpy(e.file, x->name, sizeof e.file);
    r2xi_strlcpy(e.rule, code, sizeof e.rule);
    srcpos at = srcpos_of(x->in_positions, node);
    e.line = at.line;
    e.column = at.column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    x->diag(x->diag_userdata, &e);
}

/* The output element out came from the input element in: findings on out
 * name in's place in the input. */
static void came_from(extraction *x, const xmlNode *out, const xmlNode *in)
{
    if (x->out_positions && out &&
        srcpos_set(x->out_positions, out, srcpos_of(x->in_positions, in)))
        x->oom = 1;
}

/* The same for a copy of an element and its copy's descendants, which are
 * the original's elements in the same order (only text and entity
 * references are dropped from a copy). */
static void copy_came_from(extraction *x, xmlNodePtr out, xmlNodePtr in)
{
    came_from(x, out, in);
    xmlNodePtr a = out->children, b = in->children;
    while (a && b) {
        if (a->type != XML_ELEMENT_NODE) {
            a = a->next;
            continue;
        }
        if (b->type != XML_ELEMENT_NODE) {
            b = b->next;
            continue;
        }
        copy_came_from(x, a, b);
        a = a->next;
        b = b->next;
    }
}

static int is_ix(xmlNodePtr n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, NS_IX) &&
           (!local || !strcmp((const char *)n->name, local));
}

static int keep_node(r2x_buf *list, xmlNodePtr n)
{
    return buf_add(list, &n, sizeof n);
}

static size_t node_count(const r2x_buf *list) { return list->len / sizeof(xmlNodePtr); }
static xmlNodePtr node_at(const r2x_buf *list, size_t i)
{
    return ((xmlNodePtr *)(void *)list->data)[i];
}

/* Walk the tree once, without recursion (a deep document must not exhaust
 * the stack). */
static int collect(extraction *x)
{
    xmlNodePtr n = xmlDocGetRootElement(x->ix);
    while (n) {
        int descend = 1;
        if (is_ix(n, NULL)) {
            const char *name = (const char *)n->name;
            xmlChar *id = xmlGetProp(n, BAD_CAST "id");
            int rc = 0;
            if (!strcmp(name, "nonFraction") || !strcmp(name, "nonNumeric") ||
                !strcmp(name, "fraction") || !strcmp(name, "tuple")) {
                rc = keep_node(&x->facts, n);
            } else if (!strcmp(name, "continuation") && id) {
                rc = xmlHashAddEntry(x->continuations, id, n) < 0 &&
                     xmlHashLookup(x->continuations, id) != n;
                if (rc) {
                    finding(x, n, "ix11.4.1.1:continuationIdDuplicate",
                            "ix:continuation id '%s' is used twice", (const char *)id);
                    rc = 0;
                }
            } else if (!strcmp(name, "footnote") && id) {
                if (xmlHashAddEntry(x->footnotes, id, n) < 0)
                    finding(x, n, "ix11.6.1.1:footnoteIdDuplicate",
                            "ix:footnote id '%s' is used twice", (const char *)id);
            } else if (!strcmp(name, "header")) {
                x->headers++;
            } else if (!strcmp(name, "relationship")) {
                rc = keep_node(&x->relationships, n);
            } else if (!strcmp(name, "references") && !xmlHasProp(n, BAD_CAST "target")) {
                for (xmlNodePtr c = n->children; c && !rc; c = c->next)
                    if (c->type == XML_ELEMENT_NODE)
                        rc = keep_node(&x->references, c);
                descend = 0;
            } else if (!strcmp(name, "resources")) {
                /* contexts, units, roleRefs, arcroleRefs; and ix:relationship,
                 * whose place this is (Inline XBRL 1.1 schema) */
                for (xmlNodePtr c = n->children; c && !rc; c = c->next)
                    if (c->type == XML_ELEMENT_NODE)
                        rc = keep_node(is_ix(c, "relationship") ? &x->relationships
                                                                : &x->resources, c);
                descend = 0;
            }
            xmlFree(id);
            if (rc)
                return R2X_ENOMEM;
        } else if (n->type == XML_ELEMENT_NODE && n->ns &&
                   !strcmp((const char *)n->ns->href, NS_IX10)) {
            x->ix10 = 1;
        }
        /* elements only: an entity reference's children are the entity's
         * declaration, whose parent is no element, and the walk would end */
        if (descend && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        if (n)
            n = n->next;
    }
    return R2X_OK;
}

/* ---- Fact content -------------------------------------------------------------- */

static int add_escaped(r2x_buf *b, const xmlChar *s, int attr)
{
    int rc = 0;
    for (; *s && !rc; s++) {
        switch (*s) {
        case '&': rc = buf_adds(b, "&amp;"); break;
        case '<': rc = buf_adds(b, "&lt;"); break;
        case '>': rc = buf_adds(b, "&gt;"); break;
        case '"': rc = attr ? buf_adds(b, "&quot;") : buf_addc(b, '"'); break;
        default: rc = buf_addc(b, (char)*s);
        }
    }
    return rc;
}

/* The content of node into b: its text, or with escape its XHTML markup
 * (ix elements dissolve into their content; ix:exclude is dropped). */
static int content(xmlNodePtr node, int escape, r2x_buf *b)
{
    int rc = 0;
    for (xmlNodePtr c = node->children; c && !rc; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            rc = escape ? add_escaped(b, c->content, 0) : buf_adds(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (is_ix(c, "exclude"))
                continue;
            if (!escape || is_ix(c, NULL)) {
                rc = content(c, escape, b);
                continue;
            }
            rc = buf_addf(b, "<%s", (const char *)c->name);
            for (xmlAttrPtr a = c->properties; a && !rc; a = a->next) {
                xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
                rc = buf_addf(b, " %s%s%s=\"", a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
                              a->ns && a->ns->prefix ? ":" : "", (const char *)a->name);
                if (!rc && v)
                    rc = add_escaped(b, v, 1);
                if (!rc)
                    rc = buf_addc(b, '"');
                xmlFree(v);
            }
            if (rc)
                break;
            /* escaped markup is read as HTML: only void elements self-close
             * ("<td/>" would open a cell that never ends) */
            static const char *const voids[] = {"br", "hr", "img", "meta", "link", "input",
                                                "col", "area", "base", "wbr", "param",
                                                "source", "track", "embed"};
            int is_void = 0;
            for (size_t k = 0; k < sizeof voids / sizeof voids[0]; k++)
                is_void |= !strcmp((const char *)c->name, voids[k]);
            if (!c->children && is_void) {
                rc = buf_adds(b, "/>");
                continue;
            }
            rc = buf_addc(b, '>');
            if (!rc)
                rc = content(c, escape, b);
            if (!rc)
                rc = buf_addf(b, "</%s>", (const char *)c->name);
        }
    }
    return rc;
}

static char *prop(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

static int is_true(const char *v)
{
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

/* Trim XML white space in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* The value a fact reports, into v; 0, or -1 after a finding. */
static int fact_value(extraction *x, xmlNodePtr f, int numeric, r2x_buf *v, int *nil)
{
    char *escape = prop(f, "escape");
    char *format = prop(f, "format");
    char *scale = prop(f, "scale");
    char *sign = prop(f, "sign");
    xmlChar *nilattr = xmlGetNsProp(f, BAD_CAST "nil", BAD_CAST NS_XSI);
    int rc = 0, esc = is_true(escape);
    r2x_buf raw;
    buf_init(&raw, R2X_BUF_NOCAP);
    *nil = is_true((const char *)nilattr);
    if (*nil)
        goto done;
    if (content(f, esc && !numeric, &raw)) {
        rc = -2;
        goto done;
    }
    /* continuations, in order; a loop is an error, not a hang */
    char *next = numeric ? NULL : prop(f, "continuedAt");
    size_t hops = 0;
    while (next && !rc) {
        xmlNodePtr c = xmlHashLookup(x->continuations, BAD_CAST next);
        if (!c || ++hops > (size_t)xmlHashSize(x->continuations)) {
            finding(x, f, c ? "ix11.4.1.2:continuationCycle" : "ix11.4.1.1:continuationMissing",
                    "the continuation '%s' %s; the fact is left out", next,
                    c ? "loops" : "is missing");
            rc = -1;
            break;
        }
        if (content(c, esc, &raw))
            rc = -2;
        xmlFree(next);
        next = prop(c, "continuedAt");
    }
    xmlFree(next);
    if (rc)
        goto done;
    char out[512];
    const char *text = raw.data;
    char *trimmed = trim(raw.data);
    if (format) {
        const char *colon = strchr(format, ':');
        char *pfx = colon ? (char *)xmlStrndup(BAD_CAST format, (int)(colon - format)) : NULL;
        xmlNsPtr ns = xmlSearchNs(x->ix, f, BAD_CAST pfx);
        xmlFree(pfx);
        int t = ixbrl_transform(ns ? (const char *)ns->href : NULL, colon ? colon + 1 : format,
                                trimmed, out, sizeof out);
        if (t) {
            if (t == -2)
                finding(x, f, numeric ? "ix11.10.1.2:invalidTransformation"
                                      : "ix11.11.1.2:invalidTransformation",
                        "unknown format '%s'; the fact is left out", format);
            else
                finding(x, f, numeric ? "ix11.10.1.1:transformValueError"
                                      : "ix11.11.1.1:transformValueError",
                        "'%s' does not fit the format %s; the fact is left out", trimmed,
                        format);
            rc = -1;
            goto done;
        }
        text = out;
    } else if (numeric) {
        text = trimmed;
    }
    if (numeric) {
        char num[160];
        int sc = scale ? atoi(scale) : 0;
        if (ixbrl_scale(text, sc, sign && !strcmp(sign, "-"), num, sizeof num)) {
            finding(x, f, "ix11.10.1.1:transformValueError", "'%s' is not a number", text);
            rc = -1;
            goto done;
        }
        rc = buf_adds(v, num) ? -2 : 0;
    } else {
        rc = buf_adds(v, text) ? -2 : 0;
    }
done:
    buf_release(&raw);
    xmlFree(escape);
    xmlFree(format);
    xmlFree(scale);
    xmlFree(sign);
    xmlFree(nilattr);
    return rc;
}

/* The output's namespace for a QName of the input, declared on the root
 * with the input's prefix when new. */
static xmlNsPtr out_ns(extraction *x, xmlNodePtr at, const char *qname, const char **local)
{
    const char *colon = strchr(qname, ':');
    *local = colon ? colon + 1 : qname;
    xmlChar *pfx = colon ? xmlStrndup(BAD_CAST qname, (int)(colon - qname)) : NULL;
    xmlNsPtr ns = xmlSearchNs(x->ix, at, pfx);
    xmlNsPtr o = NULL;
    if (ns && ns->href) {
        o = xmlSearchNsByHref(x->out, x->root, ns->href);
        if (!o)
            o = xmlNewNs(x->root, ns->href, pfx);
    }
    xmlFree(pfx);
    return o;
}

static int write_fact(extraction *x, xmlNodePtr f)
{
    const char *kind = (const char *)f->name;
    if (!strcmp(kind, "tuple") || !strcmp(kind, "fraction")) {
        finding(x, f, "ix:unsupported", "ix:%s is not supported; the fact is left out", kind);
        return 0;
    }
    if (xmlHasProp(f, BAD_CAST "target"))
        return 0;                 /* another target document's fact */
    int numeric = !strcmp(kind, "nonFraction");
    char *name = prop(f, "name");
    if (!name) {
        xmlFree(name);
        finding(x, f, "ix11:missingName", "ix:%s has no name", kind);
        return 0;
    }
    const char *local;
    xmlNsPtr ns = out_ns(x, f, name, &local);
    if (!ns) {
        finding(x, f, "ix11:undeclaredPrefix", "the prefix of '%s' is not declared", name);
        xmlFree(name);
        return 0;
    }
    r2x_buf v;
    buf_init(&v, R2X_BUF_NOCAP);
    int nil = 0;
    int rc = fact_value(x, f, numeric, &v, &nil);
    if (rc == -2) {
        buf_release(&v);
        xmlFree(name);
        return R2X_ENOMEM;
    }
    if (rc == 0) {
        xmlNodePtr e = xmlNewDocNode(x->out, ns, BAD_CAST local, NULL);
        if (!e || !xmlAddChild(x->root, e)) {
            xmlFreeNode(e);
            rc = -2;
        } else {
            came_from(x, e, f);
            /* where the fact is in the Inline XBRL, for listings (libxml2
             * keeps 65534 lines in a node; past them, none) */
            long line = xmlGetLineNo(f);
            e->line = line > 0 && line < 65535 ? (unsigned short)line : 0;
            static const char *const copied[] = {"id", "contextRef", "unitRef", "decimals",
                                                 "precision"};
            for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++) {
                char *a = prop(f, copied[i]);
                if (a)
                    xmlSetProp(e, BAD_CAST copied[i], BAD_CAST a);
                xmlFree(a);
            }
            if (nil) {
                xmlNsPtr xsi = xmlSearchNsByHref(x->out, x->root, BAD_CAST NS_XSI);
                if (!xsi)
                    xsi = xmlNewNs(x->root, BAD_CAST NS_XSI, BAD_CAST "xsi");
                xmlSetNsProp(e, xsi, BAD_CAST "nil", BAD_CAST "true");
            } else if (v.len) {
                xmlNodePtr t = xmlNewDocText(x->out, BAD_CAST v.data);
                if (!t || !xmlAddChild(e, t)) {
                    xmlFreeNode(t);
                    rc = -2;
                }
            }
            x->nfacts++;
        }
    }
    buf_release(&v);
    xmlFree(name);
    return rc == -2 ? R2X_ENOMEM : R2X_OK;
}

/* A copy of an element of the input under the output's root, its namespaces
 * declared where the output lacks them. */
static int copy_under_root(extraction *x, xmlNodePtr n)
{
    xmlNodePtr copy = NULL;
    if (xmlDOMWrapCloneNode(NULL, x->ix, n, &copy, x->out, x->root, 1, 0) || !copy)
        return R2X_ENOMEM;
    if (!xmlAddChild(x->root, copy)) {
        xmlFreeNode(copy);
        return R2X_ENOMEM;
    }
    xmlReconciliateNs(x->out, copy);
    /* contexts and units have no mixed content: the input's indentation
     * would only misalign the output's */
    xmlNodePtr c = copy;
    while (c) {
        xmlNodePtr next = NULL;
        if (c->children && c->type == XML_ELEMENT_NODE)
            next = c->children;
        else {
            for (xmlNodePtr up = c; up && up != copy->parent && !next; up = up->parent) {
                if (up == copy)
                    break;
                next = up->next;
            }
        }
        if (c->type == XML_ENTITY_REF_NODE) {
            /* never loaded nor expanded; copied, it would leave the output
             * naming an entity it does not declare (not well-formed) */
            finding(x, n, "ix:entityReference",
                    "entity reference '&%s;' is not expanded (entities are never loaded); "
                    "it is dropped", (const char *)c->name);
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
    copy_came_from(x, copy, n);
    return R2X_OK;
}

static xmlNodePtr link_child(extraction *x, xmlNodePtr parent, xmlNsPtr link, const char *name)
{
    (void)x;
    return xmlNewChild(parent, link, BAD_CAST name, NULL);
}

/* ix:relationship -> a link:footnoteLink of locators, footnotes and arcs. */
static int write_relationships(extraction *x)
{
    xmlNsPtr link = xmlSearchNsByHref(x->out, x->root, BAD_CAST NS_LINK);
    xmlNsPtr xlink = xmlSearchNsByHref(x->out, x->root, BAD_CAST NS_XLINK);
    if (!link)
        link = xmlNewNs(x->root, BAD_CAST NS_LINK, BAD_CAST "link");
    if (!xlink)
        xlink = xmlNewNs(x->root, BAD_CAST NS_XLINK, BAD_CAST "xlink");
    for (size_t i = 0; i < node_count(&x->relationships); i++) {
        xmlNodePtr r = node_at(&x->relationships, i);
        char *from = prop(r, "fromRefs"), *to = prop(r, "toRefs");
        char *role = prop(r, "linkRole"), *arcrole = prop(r, "arcrole");
        xmlNodePtr fl = link_child(x, x->root, link, "footnoteLink");
        came_from(x, fl, r);
        if (!fl || !from || !to) {
            xmlFree(from), xmlFree(to), xmlFree(role), xmlFree(arcrole);
            if (!fl || (!from && xmlHasProp(r, BAD_CAST "fromRefs")) ||
                (!to && xmlHasProp(r, BAD_CAST "toRefs")))
                return R2X_ENOMEM;     /* there, but not read */
            finding(x, r, "ix11.13.1.1:relationshipRefs",
                    "ix:relationship lacks fromRefs or toRefs");
            continue;
        }
        xmlSetNsProp(fl, xlink, BAD_CAST "type", BAD_CAST "extended");
        xmlSetNsProp(fl, xlink, BAD_CAST "role", BAD_CAST(role ? role : ROLE_LINK));
        const char *ar = arcrole ? arcrole : ARCROLE_FACT_FOOTNOTE;
        char *lists[2] = {from, to};
        for (int side = 0; side < 2; side++) {
            char *save = NULL;
            for (char *id = strtok_r(lists[side], " \t\n", &save); id;
                 id = strtok_r(NULL, " \t\n", &save)) {
                xmlNodePtr fn = side ? xmlHashLookup(x->footnotes, BAD_CAST id) : NULL;
                xmlNodePtr e;
                if (fn) {
                    r2x_buf text;
                    buf_init(&text, R2X_BUF_NOCAP);
                    if (content(fn, 1, &text)) {
                        buf_release(&text);
                        return R2X_ENOMEM;
                    }
                    e = link_child(x, fl, link, "footnote");
                    came_from(x, e, fn);
                    if (e)
                        xmlNodeAddContent(e, BAD_CAST text.data);
                    buf_release(&text);
                    char *fr = prop(fn, "footnoteRole");
                    xmlChar *lang = xmlNodeGetLang(fn);
                    if (e) {
                        xmlSetNsProp(e, xlink, BAD_CAST "type", BAD_CAST "resource");
                        xmlSetNsProp(e, xlink, BAD_CAST "role",
                                     BAD_CAST(fr ? fr : "http://www.xbrl.org/2003/role/footnote"));
                        if (lang)
                            xmlNodeSetLang(e, lang);
                    }
                    xmlFree(fr);
                    xmlFree(lang);
                } else {
                    char href[300];
                    snprintf(href, sizeof href, "#%s", id);
                    e = link_child(x, fl, link, "loc");
                    came_from(x, e, r);
                    if (e) {
                        xmlSetNsProp(e, xlink, BAD_CAST "type", BAD_CAST "locator");
                        xmlSetNsProp(e, xlink, BAD_CAST "href", BAD_CAST href);
                    }
                }
                if (!e)
                    return R2X_ENOMEM;
                xmlSetNsProp(e, xlink, BAD_CAST "label", BAD_CAST id);
            }
        }
        /* one arc per pair, by label (the lists were cut up above: read
         * again) */
        char *f2 = prop(r, "fromRefs"), *t2 = prop(r, "toRefs");
        int rc = f2 && t2 ? R2X_OK : R2X_ENOMEM;
        char *s1 = NULL;
        for (char *a = rc ? NULL : strtok_r(f2, " \t\n", &s1); a;
             a = strtok_r(NULL, " \t\n", &s1)) {
            char *tcopy = (char *)xmlStrdup(BAD_CAST t2), *s2 = NULL;
            if (!tcopy) {
                rc = R2X_ENOMEM;
                break;
            }
            for (char *b = strtok_r(tcopy, " \t\n", &s2); b; b = strtok_r(NULL, " \t\n", &s2)) {
                xmlNodePtr arc = link_child(x, fl, link, "footnoteArc");
                if (!arc) {
                    rc = R2X_ENOMEM;
                    break;
                }
                came_from(x, arc, r);
                xmlSetNsProp(arc, xlink, BAD_CAST "type", BAD_CAST "arc");
                xmlSetNsProp(arc, xlink, BAD_CAST "arcrole", BAD_CAST ar);
                xmlSetNsProp(arc, xlink, BAD_CAST "from", BAD_CAST a);
                xmlSetNsProp(arc, xlink, BAD_CAST "to", BAD_CAST b);
            }
            xmlFree(tcopy);
            if (rc)
                break;
        }
        xmlFree(f2), xmlFree(t2);
        xmlFree(from), xmlFree(to), xmlFree(role), xmlFree(arcrole);
        if (rc)
            return rc;
    }
    return R2X_OK;
}

static int extract_guarded(xmlDocPtr ix, const srcpos_map *in_positions, const char *name,
                           r2x_diag_fn diag, void *diag_userdata, xmlDocPtr *out,
                           srcpos_map *out_positions, size_t *nfacts, size_t *nerrors,
                           r2x_error *err)
{
    *out = NULL;
    extraction x;
    memset(&x, 0, sizeof x);
    x.ix = ix;
    x.in_positions = in_positions;
    x.out_positions = out_positions;
    x.name = name;
    x.diag = diag;
    x.diag_userdata = diag_userdata;
    buf_init(&x.facts, R2X_BUF_NOCAP);
    buf_init(&x.references, R2X_BUF_NOCAP);
    buf_init(&x.resources, R2X_BUF_NOCAP);
    buf_init(&x.relationships, R2X_BUF_NOCAP);
    x.continuations = xmlHashCreate(64);
    x.footnotes = xmlHashCreate(16);
    x.out = xmlNewDoc(BAD_CAST "1.0");
    int rc = R2X_ENOMEM;
    xmlNodePtr html = xmlDocGetRootElement(ix);
    if (!html)
        goto fail;
    if (!x.continuations || !x.footnotes || !x.out)
        goto fail;
    x.root = xmlNewDocNode(x.out, NULL, BAD_CAST "xbrl", NULL);
    if (!x.root)
        goto fail;
    xmlDocSetRootElement(x.out, x.root);
    came_from(&x, x.root, html);
    xmlSetNs(x.root, xmlNewNs(x.root, BAD_CAST NS_XBRLI, BAD_CAST "xbrli"));
    /* the input root's prefixes, so that QName values (dimensions, members,
     * measures) keep meaning what they meant; not XHTML's or ix's own */
    for (xmlNsPtr ns = html->nsDef; ns; ns = ns->next) {
        const char *href = (const char *)ns->href;
        if (!ns->prefix || !strcmp(href, NS_XHTML) || !strcmp(href, NS_IX) ||
            !strcmp(href, NS_XBRLI) || !strncmp(href, NS_TR_PREFIX, strlen(NS_TR_PREFIX)) ||
            !strcmp(href, NS_SEC_TR))
            continue;
        if (!xmlNewNs(x.root, ns->href, ns->prefix))
            goto fail;
    }
    xmlChar *lang = xmlNodeGetLang(html);
    if (lang)
        xmlNodeSetLang(x.root, lang);
    xmlFree(lang);
    if ((rc = collect(&x)))
        goto fail;
    /* A document with no ix:header is no Inline XBRL document and carries no
     * instance: refused, so that nothing is written for it. */
    if (!x.headers) {
        if (x.ix10)
            r2xi_fail(err, R2X_EINPUT, name, xmlGetLineNo(html),
                     "Inline XBRL 1.0 (namespace %s) is not read: only Inline XBRL 1.1 (%s)",
                     NS_IX10, NS_IX);
        else
            r2xi_fail(err, R2X_EINPUT, name, xmlGetLineNo(html),
                     "not Inline XBRL: no ix:header element in the namespace %s", NS_IX);
        rc = R2X_EINPUT;
        goto refused;
    }
    if (!node_count(&x.references))
        finding(&x, html, "ix11.12.1.1:missingReferences",
                "no ix:references: the instance has no schemaRef");
    /* schemaRef and linkbaseRef, then roleRef and arcroleRef, then contexts
     * and units: the order the XBRL 2.1 schema requires */
    rc = R2X_ENOMEM;
    for (size_t i = 0; i < node_count(&x.references); i++)
        if (copy_under_root(&x, node_at(&x.references, i)))
            goto fail;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < node_count(&x.resources); i++) {
            xmlNodePtr n = node_at(&x.resources, i);
            int is_ref = n->ns && !strcmp((const char *)n->ns->href, NS_LINK);
            if (is_ref == !pass && copy_under_root(&x, n))
                goto fail;
        }
    for (size_t i = 0; i < node_count(&x.facts); i++)
        if (write_fact(&x, node_at(&x.facts, i)))
            goto fail;
    if (write_relationships(&x) || x.oom)
        goto fail;
    rc = R2X_OK;
    *out = x.out;
    x.out = NULL;
    if (nfacts)
        *nfacts = x.nfacts;
    if (nerrors)
        *nerrors = x.nerrors;
fail:
    if (rc)
        r2xi_fail(err, rc, name, 0, rc == R2X_ENOMEM ? "out of memory" : "cannot extract");
refused:
    xmlFreeDoc(x.out);
    buf_release(&x.facts);
    buf_release(&x.references);
    buf_release(&x.resources);
    buf_release(&x.relationships);
    xmlHashFree(x.continuations, NULL);
    xmlHashFree(x.footnotes, NULL);
    return rc;
}

/* libxml2 2.9 reports some errors ("xmlSAX2Characters: huge text node")
 * through the validity channel, which XML_PARSE_NOERROR leaves printing to
 * stderr; a structured handler takes every error, and lastError keeps it. */
typedef struct first_error {
    int line;
    char message[300];
    int out_of_memory;     /* an allocation failed: no verdict on the XML */
} first_error;

/* Keeps the first error (later ones follow from it: after "huge text node"
 * comes "Extra content at the end of the document"). */
static void quiet_error(void *userdata, xmlErrorPtr e)
{
    (void)userdata;
    xmlParserCtxtPtr ctxt = e ? e->ctxt : NULL;
    first_error *first = ctxt ? ctxt->_private : NULL;
    if (first && xml_error_is_out_of_memory(e))
        first->out_of_memory = 1;
    if (first && !first->message[0] && e->level >= XML_ERR_ERROR) {
        first->line = e->line;
        snprintf(first->message, sizeof first->message, "%s",
                 e->message ? e->message : "parse error");
    }
}

static int parse_memory(const char *path, const char *what, const char *data, size_t len,
                        xmlDocPtr *out, srcpos_map *positions, r2x_error *err)
{
    *out = NULL;
    int rc;
    if (len > INT_MAX)
        return r2xi_fail(err, R2X_ETOOBIG, path, 0, "larger than %d bytes", INT_MAX);
    /* no network, no DTD, no entity substitution; errors are ours to report.
     * No XML_PARSE_HUGE: libxml2's limits (depth 256, 10 MB per attribute)
     * bound the tree, and the depth bounds the recursion of content() --
     * with HUGE, a fact a million elements deep overflowed the stack.  (From
     * memory, 2.9 does not apply its text-node limit: text stays bounded by
     * the input.)  The guard from the context on: it too can fail to be
     * made, which libxml2 would print. */
    xml_guard guard;
    xml_guard_begin(&guard);
    first_error first = {0, "", 0};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (ctxt) {
        ctxt->_private = &first;
        ctxt->sax->serror = quiet_error;
        /* big lines: listings name a fact's line past 65535 */
        int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_BIG_LINES;
        int oom = 0;
        doc = positions ? srcpos_read_memory(ctxt, data, (int)len, path, options, positions,
                                             &oom)
                        : xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL, options);
        if (oom)
            first.out_of_memory = 1;
    }
    if (xml_guard_end(&guard) || !ctxt)
        first.out_of_memory = 1;
    if (first.out_of_memory) {
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    /* a text node over the limit stops the parse (disableSAX) but leaves
     * wellFormed set: the tree would be silently cut short */
    if (!doc || !ctxt->wellFormed || ctxt->disableSAX) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        if (first.message[0])
            rc = r2xi_fail(err, R2X_EINPUT, path, e && e->line ? e->line : first.line,
                          "not well-formed XML%s: %s", what ? what : "", first.message);
        else
            rc = r2xi_fail(err, R2X_EINPUT, path, e ? e->line : 0,
                          "not well-formed XML%s: %s", what ? what : "",
                          e && e->message ? e->message : "parse error");
        size_t n = strlen(err->message);
        while (n && err->message[n - 1] == '\n')
            err->message[--n] = '\0';
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return rc;
    }
    xmlFreeParserCtxt(ctxt);
    *out = doc;
    return R2X_OK;
}

static int parse_file(const char *path, const char *what, xmlDocPtr *out,
                      srcpos_map *positions, r2x_error *err)
{
    *out = NULL;
    /* read here, not by xmlCtxtReadFile: libxml2 would inflate a gzip file
     * unbounded, and tells a failed allocation of its own as an empty file */
    int is_stdin = !strcmp(path, "-");
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    r2x_buf bytes;
    buf_init(&bytes, INT_MAX);
    int rc = fd < 0 ? R2X_EIO : buf_read_fd(&bytes, fd);
    int saved_errno = errno;
    if (!is_stdin && fd >= 0)
        close(fd);
    if (rc) {
        buf_release(&bytes);
        if (rc == R2X_ENOMEM)
            return r2xi_fail(err, rc, path, 0, "out of memory");
        if (rc == R2X_ETOOBIG)
            return r2xi_fail(err, rc, path, 0, "larger than %d bytes", INT_MAX);
        return r2xi_fail(err, rc, path, 0, "cannot read the file: %s", strerror(saved_errno));
    }
    rc = parse_memory(path, what, bytes.data, bytes.len, out, positions, err);
    buf_release(&bytes);
    return rc;
}

#define NOT_XHTML " (Inline XBRL must be XHTML)"

int xml_parse_file(const char *path, const char *what, xmlDocPtr *out, r2x_error *err)
{
    return parse_file(path, what, out, NULL, err);
}

int xml_parse_memory(const char *path, const char *what, const char *data, size_t len,
                     xmlDocPtr *out, r2x_error *err)
{
    return parse_memory(path, what, data, len, out, NULL, err);
}

int ixbrl_parse_file_mapped(const char *path, xmlDocPtr *out, srcpos_map *positions,
                            r2x_error *err)
{
    return parse_file(path, NOT_XHTML, out, positions, err);
}

int ixbrl_parse_memory_mapped(const char *path, const char *data, size_t len, xmlDocPtr *out,
                              srcpos_map *positions, r2x_error *err)
{
    return parse_memory(path, NOT_XHTML, data, len, out, positions, err);
}

int ixbrl_parse_file(const char *path, xmlDocPtr *out, r2x_error *err)
{
    return xml_parse_file(path, NOT_XHTML, out, err);
}

int ixbrl_parse_memory(const char *path, const char *data, size_t len, xmlDocPtr *out,
                       r2x_error *err)
{
    return xml_parse_memory(path, NOT_XHTML, data, len, out, err);
}

/* The tree built under a guard: libxml2 tells of an allocation that failed
 * inside xmlNewNs or xmlNewProp only to its global handlers. */
int ixbrl_extract(xmlDocPtr ix, const char *name, r2x_diag_fn diag, void *diag_userdata,
                  xmlDocPtr *out, size_t *nfacts, size_t *nerrors, r2x_error *err)
{
    return ixbrl_extract_mapped(ix, NULL, name, diag, diag_userdata, out, NULL, nfacts, nerrors,
                                err);
}

int ixbrl_extract_mapped(xmlDocPtr ix, const srcpos_map *in_positions, const char *name,
                         r2x_diag_fn diag, void *diag_userdata, xmlDocPtr *out,
                         srcpos_map *out_positions, size_t *nfacts, size_t *nerrors,
                         r2x_error *err)
{
    xml_guard guard;
    xml_guard_begin(&guard);
    int rc = extract_guarded(ix, in_positions, name, diag, diag_userdata, out, out_positions,
                             nfacts, nerrors, err);
    /* whatever else went wrong: a failed allocation may be its cause */
    if (xml_guard_end(&guard) && rc != R2X_ENOMEM) {
        if (!rc)
            xmlFreeDoc(*out);
        *out = NULL;
        rc = r2xi_fail(err, R2X_ENOMEM, name, 0, "out of memory");
    }
    return rc;
}
