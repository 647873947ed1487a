/* numbers.c - read the figures in a table cell exactly. */
#include "numbers.h"

#include <ctype.h>
#include <string.h>

#include "document.h"

/* Length of a white-space character at s (ASCII space/tab, no-break space,
 * thin and other Unicode spaces), 0 if none. */
static size_t space_len(const unsigned char *s, const unsigned char *e)
{
    if (s >= e)
        return 0;
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v')
        return 1;
    if (e - s >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] >= 0x80 && s[2] <= 0x8A))           /* U+2000..U+200A */
        return 3;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
        return 3;                                  /* narrow no-break space */
    return 0;
}

int text_is_blank(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len;
    while (s < e) {
        size_t n = space_len(s, e);
        if (!n)
            return 0;
        s += n;
    }
    return 1;
}

/* A dash used for nil: -, --, _, en/em dash, minus sign, figure dash. */
static size_t dash_len(const unsigned char *s, const unsigned char *e)
{
    if (s < e && (*s == '-' || *s == '_'))
        return 1;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x92 || s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x95))
        return 3;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
        return 3;                                  /* U+2212 minus */
    return 0;
}

static size_t currency_len(const unsigned char *s, const unsigned char *e)
{
    if (s < e && *s == '$')
        return 1;
    if (e - s >= 2 && s[0] == 0xC2 && (s[1] == 0xA5 || s[1] == 0xA3))
        return 2;                                  /* yen, pound */
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x82 && s[2] == 0xAC)
        return 3;                                  /* euro */
    if (e - s >= 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xA5)
        return 3;                                  /* fullwidth yen */
    if (e - s >= 3 && (memcmp(s, "US$", 3) == 0))
        return 3;
    return 0;
}

/* The ISO 4217 code a currency sign stands for ("$" is taken as USD). */
static void currency_code(const unsigned char *s, size_t n, char code[4])
{
    const char *c = "USD";
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA5)
        c = "JPY";
    else if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA3)
        c = "GBP";
    else if (n >= 3 && s[0] == 0xE2 && s[1] == 0x82)
        c = "EUR";
    else if (n >= 3 && s[0] == 0xEF)
        c = "JPY";
    memcpy(code, c, 4);
}

static const unsigned char *skip_spaces(const unsigned char *s,
                                        const unsigned char *e)
{
    size_t n;
    while ((n = space_len(s, e)) > 0)
        s += n;
    return s;
}

/* What may come before the digits: an opening parenthesis, a currency sign
 * (before or after it), a minus dash.  Returns 0 when no digit follows. */
static int read_lead(const unsigned char **ps, const unsigned char *e, figure *f, int *paren,
                     int *neg)
{
    const unsigned char *s = *ps;
    size_t n;
    if (s < e && *s == '(') {
        *paren = 1;
        s = skip_spaces(s + 1, e);
    }
    if ((n = currency_len(s, e)) > 0) {
        f->currency = 1;
        currency_code(s, n, f->currency_code);
        s = skip_spaces(s + n, e);
        /* "$(12)" and "$ (12)": the sign before the parenthesis */
        if (!*paren && s < e && *s == '(') {
            *paren = 1;
            s = skip_spaces(s + 1, e);
        }
    }
    if ((n = dash_len(s, e)) > 0 && s + n < e && isdigit(s[n])) {
        *neg = 1;
        s += n;
    }
    if ((n = currency_len(s, e)) > 0) {
        f->currency = 1;
        currency_code(s, n, f->currency_code);
        s = skip_spaces(s + n, e);
    }
    *ps = s;
    return s < e && isdigit(*s);
}

enum { FIGURE_DIGITS = 64 };    /* room for a figure's digits: 63 at most */

/* Digits with ',' separators, then an optional '.' fraction, into digits
 * (*pnd of them).  Returns 1, 0 when the commas are not thousands separators
 * (nor one decimal comma), -1 for too many digits. */
static int read_digits(const unsigned char **ps, const unsigned char *e, figure *f,
                       char *digits, size_t *pnd)
{
    const unsigned char *s = *ps;
    size_t nd = 0;
    int ncommas = 0, last_group = 0, first_group = 0, bad_group = 0;
    int group = 0;
    while (s < e && (isdigit(*s) || (*s == ',' && s + 1 < e && isdigit(s[1])))) {
        if (*s == ',') {
            if (ncommas == 0)
                first_group = group;
            else if (group != 3)
                bad_group = 1;
            ncommas++;
            group = 0;
        } else {
            if (nd >= FIGURE_DIGITS - 1)
                return -1;
            digits[nd++] = (char)*s;
            group++;
        }
        s++;
    }
    last_group = group;
    int frac = 0;
    if (ncommas == 1 && last_group < 3 && !bad_group) {
        /* "0,0": a comma written for a decimal point. */
        f->decimal_comma = 1;
        frac = last_group;
    } else if (ncommas && (last_group != 3 || first_group > 3 || bad_group)) {
        return 0;
    }
    f->grouped = ncommas > 0 && !f->decimal_comma;
    if (!f->decimal_comma && s + 1 < e && *s == '.' && isdigit(s[1])) {
        s++;
        while (s < e && isdigit(*s)) {
            if (nd >= FIGURE_DIGITS - 1)
                return -1;
            digits[nd++] = (char)*s++;
            frac++;
        }
        if (!ncommas && frac == 3)
            f->dot_thousands = 1;
    }
    f->frac_digits = frac;
    f->int_digits = (int)nd - frac;
    *pnd = nd;
    *ps = s;
    return 1;
}

/* What may follow the digits: '%', the closing parenthesis (which makes the
 * figure negative; 0 when it is missing), a '%' after it.  *end is the
 * figure's printed end. */
static int read_tail(const unsigned char **ps, const unsigned char *e, figure *f, int paren,
                     int *neg, const unsigned char **end)
{
    const unsigned char *s = *ps;
    *end = s;
    s = skip_spaces(s, e);
    if (s < e && *s == '%') {
        f->percent = 1;
        *end = ++s;
        s = skip_spaces(s, e);
    }
    if (paren) {
        if (s < e && *s == ')')
            *end = ++s;
        else
            return 0;
        *neg = 1;
        /* "(24.7)%": the sign after the parenthesis */
        const unsigned char *pc = skip_spaces(s, e);
        if (!f->percent && pc < e && *pc == '%') {
            f->percent = 1;
            *end = s = pc + 1;
        }
    }
    *ps = s;
    return 1;
}

/* A unit word glued or spaced after the figure ("449.1 Gbps") goes into
 * f->suffix, and the figure ends after it. */
static void read_unit_word(const unsigned char **ps, const unsigned char *e, figure *f,
                           const unsigned char **end)
{
    const unsigned char *w = skip_spaces(*ps, e);
    const unsigned char *ws = w;
    while (w < e && isalpha(*w))
        w++;
    if (w > ws && (size_t)(w - ws) < sizeof f->suffix &&
        (w == e || space_len(w, e) || *w == ')')) {
        /* only words that are not a second label: short and not followed by
         * more words */
        const unsigned char *after = skip_spaces(w, e);
        if (after == e || isdigit(*after) || *after == '(' || *after == '-') {
            memcpy(f->suffix, ws, (size_t)(w - ws));
            f->suffix[w - ws] = '\0';
            *ps = *end = w;
        }
    }
}

/* Parse one figure at *ps.  Returns 1 and advances on success, 0 if the text
 * there is not a figure, -1 if it has too many digits. */
static int read_figure(const unsigned char **ps, const unsigned char *e,
                       figure *f)
{
    const unsigned char *s = *ps, *end;
    int paren = 0, neg = 0, got;
    memset(f, 0, sizeof *f);
    if (!read_lead(&s, e, f, &paren, &neg))
        return 0;
    char digits[FIGURE_DIGITS];
    size_t nd = 0;
    if ((got = read_digits(&s, e, f, digits, &nd)) != 1)
        return got;
    if (!read_tail(&s, e, f, paren, &neg, &end))
        return 0;
    read_unit_word(&s, e, f, &end);

    /* Strip leading zeros but keep at least one digit. */
    size_t frac = (size_t)f->frac_digits, lead = 0;
    while (lead + 1 < nd - frac && digits[lead] == '0')
        lead++;
    if (nd - lead > R2X_DECIMAL_MAX_DIGITS)
        return -1;
    int64_t coef = 0;
    for (size_t i = lead; i < nd; i++)
        coef = coef * 10 + (digits[i] - '0');
    f->value.coef = neg ? -coef : coef;
    f->value.exp = -(int)frac;
    f->text_len = (size_t)(end - *ps);
    *ps = s;
    return 1;
}

/* Mend "7 272" (and "1 234 567"): a figure of one to three digits followed by
 * groups of exactly three digits, all bare, is one figure grouped by spaces. */
static int join_space_groups(cell_reading *r)
{
    if (r->nfigures < 2)
        return 0;
    figure *a = &r->figures[0];
    if (a->grouped || a->frac_digits || a->percent || a->int_digits > 3 ||
        a->value.coef < 0 || a->suffix[0])
        return 0;
    int ndigits = a->int_digits;
    for (size_t i = 1; i < r->nfigures; i++) {
        figure *b = &r->figures[i];
        if (b->grouped || b->value.coef < 0 || b->int_digits != 3 ||
            b->currency || (i + 1 < r->nfigures && (b->frac_digits || b->percent)))
            return 0;
        ndigits += 3 + b->frac_digits;
    }
    /* joined, the digits must still fit an exact decimal (found by fuzzing:
     * "175\f780.12124003400000012" overflowed int64_t) */
    if (ndigits > R2X_DECIMAL_MAX_DIGITS)
        return 0;
    r2x_decimal v = a->value;
    for (size_t i = 1; i < r->nfigures; i++) {
        figure *b = &r->figures[i];
        int64_t mult = 1;
        for (int k = 0; k < 3 + b->frac_digits; k++)
            mult *= 10;
        v.coef = v.coef * mult + b->value.coef;
        v.exp = b->value.exp;
        a->frac_digits = b->frac_digits;
        a->percent = b->percent;
        memcpy(a->suffix, b->suffix, sizeof a->suffix);
    }
    a->value = v;
    a->text_len = r->figures[r->nfigures - 1].text_off +
                  r->figures[r->nfigures - 1].text_len - a->text_off;
    a->int_digits += 3 * (int)(r->nfigures - 1);
    a->grouped = 1;
    r->nfigures = 1;
    r->space_grouped = 1;
    return 1;
}

/* A letter or digit of a label beyond ASCII ("\u58f2\u4e0a\u9ad8", "Caf\u00e9"),
 * as against the bullets, dots and rules that fill cells ("\u2022", "\u00b7"). */
static int is_word_char(unsigned cp)
{
    return (cp >= 0xC0 && cp <= 0x2AF && cp != 0xD7 && cp != 0xF7) ||   /* Latin */
           (cp >= 0x370 && cp <= 0x1FFF) ||       /* Greek, Cyrillic ... Indic, Thai */
           (cp >= 0x3040 && cp <= 0xD7AF && cp != 0x30FB) || /* kana, CJK, Hangul; not "・" */
           (cp >= 0xF900 && cp <= 0xFAFF) ||      /* CJK compatibility ideographs */
           (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A) ||      /* fullwidth digits and letters */
           (cp >= 0xFF66 && cp <= 0xFF9F) ||      /* halfwidth katakana */
           (cp >= 0x20000 && cp <= 0x3FFFF);      /* CJK extensions */
}

int number_read_cell(const char *text, size_t len, cell_reading *out)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len;
    memset(out, 0, sizeof *out);
    s = skip_spaces(s, e);
    while (e > s && space_len(e - 1, e))
        e--;
    /* trailing multi-byte spaces */
    while (e - s >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
        e -= 2;
    if (s == e) {
        out->kind = CELL_EMPTY;
        return R2X_OK;
    }
    /* A lone dash, or a run of them, is nil. */
    const unsigned char *p = s;
    size_t n;
    while ((n = dash_len(p, e)) > 0)
        p += n;
    if (p == e) {
        out->kind = CELL_DASH;
        return R2X_OK;
    }
    /* A dash with a currency sign ("$ —") or parentheses is nil as well. */
    p = s;
    int saw_dash = 0;
    for (;;) {
        p = skip_spaces(p, e);
        if (p < e && (*p == '(' || *p == ')')) { p++; continue; }
        if ((n = currency_len(p, e)) > 0) { p += n; continue; }
        if ((n = dash_len(p, e)) > 0) { p += n; saw_dash = 1; continue; }
        break;
    }
    if (p == e && saw_dash) {
        out->kind = CELL_DASH;
        return R2X_OK;
    }

    int any_alnum = 0;
    for (p = s; p < e && !any_alnum;) {
        size_t k;
        unsigned cp = document_utf8_char(p, e, &k);
        any_alnum = cp < 0x80 ? isalnum((int)cp) != 0 : k && is_word_char(cp);
        p += k ? k : 1;
    }
    if (!any_alnum) {
        out->kind = CELL_DECORATION;
        return R2X_OK;
    }

    p = s;
    while (p < e) {
        if (out->nfigures == CELL_MAX_FIGURES) {
            out->kind = CELL_TEXT;
            return R2X_OK;
        }
        const unsigned char *at = p;
        int got = read_figure(&p, e, &out->figures[out->nfigures]);
        out->figures[out->nfigures].text_off = (size_t)(at - (const unsigned char *)text);
        if (got < 0) {
            out->kind = CELL_TEXT;
            out->nfigures = 0;
            return R2X_ERANGE;
        }
        if (got == 0) {
            out->kind = CELL_TEXT;
            out->nfigures = 0;
            return R2X_OK;
        }
        out->nfigures++;
        p = skip_spaces(p, e);
    }
    join_space_groups(out);
    out->kind = CELL_NUMBER;
    return R2X_OK;
}
