/* xsd.c - XML Schema 1.0 built-in datatypes (xsd.h). */
#include "xsd.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct builtin_info {
    const char *name;
    int primitive;
    int whitespace;
    int list_item;             /* IDREFS...: the item type */
} builtin_info;

#define P XSD_WS_PRESERVE
#define R XSD_WS_REPLACE
#define C XSD_WS_COLLAPSE
static const builtin_info info[XSD_COUNT] = {
    [XSD_NONE] = {"", XSD_NONE, C, 0},
    [XSD_ANYTYPE] = {"anyType", XSD_ANYTYPE, P, 0},
    [XSD_ANYSIMPLETYPE] = {"anySimpleType", XSD_ANYSIMPLETYPE, P, 0},
    [XSD_STRING] = {"string", XSD_STRING, P, 0},
    [XSD_NORMALIZEDSTRING] = {"normalizedString", XSD_STRING, R, 0},
    [XSD_TOKEN] = {"token", XSD_STRING, C, 0},
    [XSD_LANGUAGE] = {"language", XSD_STRING, C, 0},
    [XSD_NAME] = {"Name", XSD_STRING, C, 0},
    [XSD_NCNAME] = {"NCName", XSD_STRING, C, 0},
    [XSD_ID] = {"ID", XSD_STRING, C, 0},
    [XSD_IDREF] = {"IDREF", XSD_STRING, C, 0},
    [XSD_IDREFS] = {"IDREFS", XSD_STRING, C, XSD_IDREF},
    [XSD_ENTITY] = {"ENTITY", XSD_STRING, C, 0},
    [XSD_ENTITIES] = {"ENTITIES", XSD_STRING, C, XSD_ENTITY},
    [XSD_NMTOKEN] = {"NMTOKEN", XSD_STRING, C, 0},
    [XSD_NMTOKENS] = {"NMTOKENS", XSD_STRING, C, XSD_NMTOKEN},
    [XSD_BOOLEAN] = {"boolean", XSD_BOOLEAN, C, 0},
    [XSD_BASE64BINARY] = {"base64Binary", XSD_BASE64BINARY, C, 0},
    [XSD_HEXBINARY] = {"hexBinary", XSD_HEXBINARY, C, 0},
    [XSD_FLOAT] = {"float", XSD_FLOAT, C, 0},
    [XSD_DOUBLE] = {"double", XSD_DOUBLE, C, 0},
    [XSD_DECIMAL] = {"decimal", XSD_DECIMAL, C, 0},
    [XSD_INTEGER] = {"integer", XSD_DECIMAL, C, 0},
    [XSD_NONPOSITIVEINTEGER] = {"nonPositiveInteger", XSD_DECIMAL, C, 0},
    [XSD_NEGATIVEINTEGER] = {"negativeInteger", XSD_DECIMAL, C, 0},
    [XSD_LONG] = {"long", XSD_DECIMAL, C, 0},
    [XSD_INT] = {"int", XSD_DECIMAL, C, 0},
    [XSD_SHORT] = {"short", XSD_DECIMAL, C, 0},
    [XSD_BYTE] = {"byte", XSD_DECIMAL, C, 0},
    [XSD_NONNEGATIVEINTEGER] = {"nonNegativeInteger", XSD_DECIMAL, C, 0},
    [XSD_UNSIGNEDLONG] = {"unsignedLong", XSD_DECIMAL, C, 0},
    [XSD_UNSIGNEDINT] = {"unsignedInt", XSD_DECIMAL, C, 0},
    [XSD_UNSIGNEDSHORT] = {"unsignedShort", XSD_DECIMAL, C, 0},
    [XSD_UNSIGNEDBYTE] = {"unsignedByte", XSD_DECIMAL, C, 0},
    [XSD_POSITIVEINTEGER] = {"positiveInteger", XSD_DECIMAL, C, 0},
    [XSD_DURATION] = {"duration", XSD_DURATION, C, 0},
    [XSD_DATETIME] = {"dateTime", XSD_DATETIME, C, 0},
    [XSD_TIME] = {"time", XSD_TIME, C, 0},
    [XSD_DATE] = {"date", XSD_DATE, C, 0},
    [XSD_GYEARMONTH] = {"gYearMonth", XSD_GYEARMONTH, C, 0},
    [XSD_GYEAR] = {"gYear", XSD_GYEAR, C, 0},
    [XSD_GMONTHDAY] = {"gMonthDay", XSD_GMONTHDAY, C, 0},
    [XSD_GDAY] = {"gDay", XSD_GDAY, C, 0},
    [XSD_GMONTH] = {"gMonth", XSD_GMONTH, C, 0},
    [XSD_ANYURI] = {"anyURI", XSD_ANYURI, C, 0},
    [XSD_QNAME] = {"QName", XSD_QNAME, C, 0},
    [XSD_NOTATION] = {"NOTATION", XSD_NOTATION, C, 0},
};
#undef P
#undef R
#undef C

int xsd_builtin_by_name(const char *local)
{
    for (int b = 1; b < XSD_COUNT; b++)
        if (!strcmp(info[b].name, local))
            return b;
    return XSD_NONE;
}

int xsd_builtin_by_key(const char *key)
{
    static const char head[] = "{" XSD_NAMESPACE "}";
    if (!key || strncmp(key, head, sizeof head - 1))
        return XSD_NONE;
    return xsd_builtin_by_name(key + sizeof head - 1);
}

const char *xsd_builtin_name(int b)
{
    return b > 0 && b < XSD_COUNT ? info[b].name : "?";
}

int xsd_primitive(int b)
{
    return b > 0 && b < XSD_COUNT ? info[b].primitive : XSD_NONE;
}

int xsd_builtin_whitespace(int b)
{
    return b > 0 && b < XSD_COUNT ? info[b].whitespace : XSD_WS_COLLAPSE;
}

int xsd_is_numeric(int b)
{
    int p = xsd_primitive(b);
    return p == XSD_DECIMAL || p == XSD_FLOAT || p == XSD_DOUBLE;
}

int xsd_list_item(int b)
{
    return b > 0 && b < XSD_COUNT ? info[b].list_item : 0;
}

static int is_xml_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *xsd_whitespace_apply(const char *s, int ws)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    if (ws == XSD_WS_PRESERVE) {
        memcpy(out, s, n + 1);
        return out;
    }
    int pending_space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int sp = is_xml_space(*p);
        if (ws == XSD_WS_REPLACE) {
            out[k++] = sp ? ' ' : (char)*p;
            continue;
        }
        if (sp) {
            pending_space = k > 0;
            continue;
        }
        if (pending_space)
            out[k++] = ' ';
        pending_space = 0;
        out[k++] = (char)*p;
    }
    out[k] = '\0';
    return out;
}

/* ---- lexical spaces -------------------------------------------------------------- */

static int digits(const char **p)
{
    int n = 0;
    while (isdigit((unsigned char)**p)) {
        (*p)++;
        n++;
    }
    return n;
}

/* An optional sign, then digits with or without a fraction ("1", "1.",
 * ".5"), as decimal and the mantissa of float read them: true when there
 * was at least one digit; *p moves past what was read. */
static int signed_decimal(const char **p)
{
    if (**p == '+' || **p == '-')
        (*p)++;
    int a = digits(p), b = 0;
    if (**p == '.') {
        (*p)++;
        b = digits(p);
    }
    return a || b;
}

int xsd_lex_decimal(const char *s)
{
    return signed_decimal(&s) && !*s;
}

int xsd_lex_integer(const char *s, int *sign)
{
    *sign = 0;
    if (*s == '+' || *s == '-')
        *sign = *s++ == '-' ? -1 : 1;
    const char *start = s;
    int n = digits(&s);
    if (!n || *s)
        return 0;
    int zero = 1;
    for (; start < s; start++)
        zero &= *start == '0';
    *sign = zero ? 0 : *sign < 0 ? -1 : 1;
    return 1;
}

static int lex_float(const char *s)
{
    if (!strcmp(s, "INF") || !strcmp(s, "-INF") || !strcmp(s, "NaN"))
        return 1;
    if (!signed_decimal(&s))
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!digits(&s))
            return 0;
    }
    return !*s;
}

/* Name characters: ASCII by the XML rules, anything beyond ASCII taken as
 * a letter (the XML 1.0 fifth edition ranges are nearly all of it). */
static int name_start(unsigned char c, int colon)
{
    return isalpha(c) || c == '_' || (colon && c == ':') || c >= 0x80;
}

static int name_char(unsigned char c, int colon)
{
    return name_start(c, colon) || isdigit(c) || c == '-' || c == '.';
}

int xsd_lex_ncname(const char *s, size_t n)
{
    if (!n || !name_start((unsigned char)s[0], 0))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!name_char((unsigned char)s[i], 0))
            return 0;
    return 1;
}

static int lex_name(const char *s)
{
    if (!name_start((unsigned char)*s, 1))
        return 0;
    for (s++; *s; s++)
        if (!name_char((unsigned char)*s, 1))
            return 0;
    return 1;
}

static int lex_nmtoken(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!name_char((unsigned char)*s, 1))
            return 0;
    return 1;
}

/* [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static int lex_language(const char *s)
{
    int first = 1;
    while (*s) {
        int n = 0;
        while (s[n] && s[n] != '-' && n < 9) {
            if (first ? !isalpha((unsigned char)s[n]) : !isalnum((unsigned char)s[n]))
                return 0;
            n++;
        }
        if (n < 1 || n > 8)
            return 0;
        s += n;
        if (*s == '-' && !*++s)
            return 0;
        first = 0;
    }
    return !first;
}

static int lex_qname(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon)
        return xsd_lex_ncname(s, strlen(s));
    return xsd_lex_ncname(s, (size_t)(colon - s)) && xsd_lex_ncname(colon + 1, strlen(colon + 1));
}

static int lex_hex(const char *s)
{
    size_t n = 0;
    for (; *s; s++, n++)
        if (!isxdigit((unsigned char)*s))
            return 0;
    return n % 2 == 0;
}

static int b64_char(unsigned char c)
{
    return isalnum(c) || c == '+' || c == '/';
}

/* Base64 as XML Schema has it: groups of four characters (spaces between
 * them allowed), '=' padding only at the end and only after a character
 * whose unused bits are zero. */
static long base64_octets(const char *s)
{
    char q[4];
    size_t nq = 0;
    long octets = 0;
    int ended = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == ' ')
            continue;
        if (ended || !(b64_char(*p) || *p == '='))
            return -1;
        q[nq++] = (char)*p;
        if (nq < 4)
            continue;
        nq = 0;
        if (q[0] == '=' || q[1] == '=')
            return -1;
        if (q[2] == '=') {
            if (q[3] != '=' || !strchr("AQgw", q[1]))
                return -1;
            octets += 1;
            ended = 1;
        } else if (q[3] == '=') {
            if (!strchr("AEIMQUYcgkosw048", q[2]))
                return -1;
            octets += 2;
            ended = 1;
        } else {
            octets += 3;
        }
    }
    return nq ? -1 : octets;
}

static int two(const char *p)
{
    if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
        return -1;
    return (p[0] - '0') * 10 + (p[1] - '0');
}

static int lex_tz(const char **p, xsd_when *w)
{
    const char *s = *p;
    if (*s == 'Z') {
        *p = s + 1;
        if (w)
            w->has_tz = 1;
        return 1;
    }
    if ((*s == '+' || *s == '-') && two(s + 1) >= 0 && s[3] == ':' && two(s + 4) >= 0) {
        int h = two(s + 1), m = two(s + 4);
        if (h > 14 || m > 59 || (h == 14 && m))
            return 0;
        if (w) {
            w->has_tz = 1;
            w->tz_minutes = (*s == '-' ? -1 : 1) * (h * 60 + m);
        }
        *p = s + 6;
        return 1;
    }
    return !*s;
}

int xsd_days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* A year: -?YYYY with no leading zero beyond four digits. */
static int lex_year(const char **p, int *y)
{
    const char *s = *p;
    int neg = *s == '-';
    if (neg)
        s++;
    const char *y0 = s;
    int ny = digits(&s);
    if (ny < 4 || (ny > 4 && *y0 == '0') || ny > 9)
        return 0;
    *y = atoi(y0) * (neg ? -1 : 1);
    if (*y == 0)
        return 0;                  /* XML Schema 1.0 has no year 0000 */
    *p = s;
    return 1;
}

/* hh:mm:ss(.s+)? */
static int lex_clock(const char **p, xsd_when *w)
{
    const char *s = *p;
    int h = two(s), mi = two(s + 3), sec = two(s + 6);
    if (h < 0 || s[2] != ':' || mi < 0 || s[5] != ':' || sec < 0)
        return 0;
    s += 8;
    double frac = 0;
    if (*s == '.') {
        const char *f = s++;
        if (!digits(&s))
            return 0;
        frac = strtod(f, NULL);
    }
    if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi || sec || frac > 0)))
        return 0;
    w->h = h;
    w->mi = mi;
    w->s = sec + frac;
    w->has_time = 1;
    *p = s;
    return 1;
}

int xsd_parse_when(const char *s, int want, xsd_when *w)
{
    memset(w, 0, sizeof *w);
    const char *p = s;
    if (!lex_year(&p, &w->y) || *p != '-')
        return 0;
    w->mo = two(p + 1);
    w->d = p[3] == '-' ? two(p + 4) : -1;
    p += 6;
    if (w->mo < 1 || w->mo > 12 || w->d < 1 || w->d > xsd_days_in(w->y, w->mo))
        return 0;
    if (*p == 'T') {
        if (!(want & 2))
            return 0;
        p++;
        if (!lex_clock(&p, w))
            return 0;
    } else if (!(want & 1)) {
        return 0;
    }
    return lex_tz(&p, w) && !*p;
}

void xsd_when_key(const xsd_when *w, int is_end, char *buf, size_t size)
{
    int y = w->y, mo = w->mo, d = w->d, h = w->h;
    if ((!w->has_time && is_end) || h == 24) {
        h = 0;
        if (++d > xsd_days_in(y, mo)) {
            d = 1;
            if (++mo > 12) {
                mo = 1;
                y++;
            }
        }
    }
    snprintf(buf, size, "%05d-%02d-%02dT%02d:%02d:%06.3f", y, mo, d, h, w->mi, w->s);
}

static int lex_time(const char *s)
{
    xsd_when w;
    memset(&w, 0, sizeof w);
    return lex_clock(&s, &w) && lex_tz(&s, NULL) && !*s;
}

/* gYearMonth, gYear, gMonthDay, gDay, gMonth into w (missing parts 0). */
static int lex_g(int b, const char *s, xsd_when *w)
{
    memset(w, 0, sizeof *w);
    const char *p = s;
    switch (b) {
    case XSD_GYEARMONTH:
        if (!lex_year(&p, &w->y) || *p != '-' || (w->mo = two(p + 1)) < 1 || w->mo > 12)
            return 0;
        p += 3;
        break;
    case XSD_GYEAR:
        if (!lex_year(&p, &w->y))
            return 0;
        break;
    case XSD_GMONTHDAY:
        if (strncmp(p, "--", 2) || (w->mo = two(p + 2)) < 1 || w->mo > 12 || p[4] != '-' ||
            (w->d = two(p + 5)) < 1 || w->d > xsd_days_in(2000, w->mo))
            return 0;
        p += 7;
        break;
    case XSD_GDAY:
        if (strncmp(p, "---", 3) || (w->d = two(p + 3)) < 1 || w->d > 31)
            return 0;
        p += 5;
        break;
    case XSD_GMONTH:
        if (strncmp(p, "--", 2) || (w->mo = two(p + 2)) < 1 || w->mo > 12)
            return 0;
        p += 4;
        break;
    default:
        return 0;
    }
    return lex_tz(&p, w) && !*p;
}

/* -?PnYnMnDTnHnMnS: at least one part, T only before one or more time
 * parts, a fraction only on the seconds. */
static int lex_duration(const char *s)
{
    if (*s == '-')
        s++;
    if (*s++ != 'P')
        return 0;
    int parts = 0, time_parts = 0, in_time = 0;
    const char *order = "YMD";
    while (*s) {
        if (*s == 'T') {
            if (in_time)
                return 0;
            in_time = 1;
            order = "HMS";
            s++;
            continue;
        }
        int nd = digits(&s), frac = 0;
        if (*s == '.') {
            s++;
            if (!(frac = digits(&s)))
                return 0;
        }
        const char *at = *s ? strchr(order, *s) : NULL;
        if (!nd || !at || (frac && *s != 'S'))
            return 0;
        order = at + 1;
        parts++;
        time_parts += in_time;
        s++;
    }
    return parts > 0 && (!in_time || time_parts > 0);
}

static int list_of(int item, const char *v)
{
    const char *p = v;
    int n = 0;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char tok[1024];
        if (len >= sizeof tok)
            return 0;
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (!xsd_lexical(item, tok, NULL))
            return 0;
        n++;
        p += len + (e != NULL);
    }
    return n > 0;
}

/* An integer kind's bounds as digit strings (no sign): -1 below min, 1
 * above max, 0 within. */
static int int_range(int b, const char *v)
{
    static const struct { int b; const char *min, *max; } r[] = {
        {XSD_LONG, "-9223372036854775808", "9223372036854775807"},
        {XSD_INT, "-2147483648", "2147483647"},
        {XSD_SHORT, "-32768", "32767"},
        {XSD_BYTE, "-128", "127"},
        {XSD_UNSIGNEDLONG, "0", "18446744073709551615"},
        {XSD_UNSIGNEDINT, "0", "4294967295"},
        {XSD_UNSIGNEDSHORT, "0", "65535"},
        {XSD_UNSIGNEDBYTE, "0", "255"},
    };
    for (size_t i = 0; i < sizeof r / sizeof *r; i++)
        if (r[i].b == b) {
            if (xsd_compare(XSD_DECIMAL, v, r[i].min) < 0)
                return -1;
            if (xsd_compare(XSD_DECIMAL, v, r[i].max) > 0)
                return 1;
        }
    return 0;
}

int xsd_lexical(int b, const char *v, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    int sign = 0;
    xsd_when w;
    switch (b) {
    case XSD_NONE: case XSD_ANYTYPE: case XSD_ANYSIMPLETYPE: case XSD_STRING:
    case XSD_NORMALIZEDSTRING: case XSD_TOKEN: case XSD_ANYURI:
        return 1;
    case XSD_LANGUAGE:
        *why = "not a language tag";
        return lex_language(v);
    case XSD_NAME:
        *why = "not an XML name";
        return lex_name(v);
    case XSD_NCNAME: case XSD_ID: case XSD_IDREF: case XSD_ENTITY:
        *why = "not an NCName";
        return xsd_lex_ncname(v, strlen(v));
    case XSD_NMTOKEN:
        *why = "not a name token";
        return lex_nmtoken(v);
    case XSD_IDREFS: case XSD_ENTITIES: case XSD_NMTOKENS:
        *why = "not a list of names";
        return list_of(xsd_list_item(b), v);
    case XSD_BOOLEAN:
        *why = "not true, false, 1 or 0";
        return !strcmp(v, "true") || !strcmp(v, "false") || !strcmp(v, "1") || !strcmp(v, "0");
    case XSD_BASE64BINARY:
        *why = "not base64";
        return base64_octets(v) >= 0;
    case XSD_HEXBINARY:
        *why = "not hexadecimal octets";
        return lex_hex(v);
    case XSD_FLOAT: case XSD_DOUBLE:
        *why = "not a floating-point number";
        return lex_float(v);
    case XSD_DECIMAL:
        *why = "not a decimal number";
        return xsd_lex_decimal(v);
    case XSD_INTEGER: case XSD_NONPOSITIVEINTEGER: case XSD_NEGATIVEINTEGER:
    case XSD_NONNEGATIVEINTEGER: case XSD_POSITIVEINTEGER: case XSD_LONG: case XSD_INT:
    case XSD_SHORT: case XSD_BYTE: case XSD_UNSIGNEDLONG: case XSD_UNSIGNEDINT:
    case XSD_UNSIGNEDSHORT: case XSD_UNSIGNEDBYTE:
        *why = "not an integer";
        if (!xsd_lex_integer(v, &sign))
            return 0;
        *why = "out of the type's range";
        if ((b == XSD_NONPOSITIVEINTEGER && sign > 0) || (b == XSD_NEGATIVEINTEGER && sign >= 0) ||
            (b == XSD_POSITIVEINTEGER && sign <= 0) ||
            (sign < 0 && (b == XSD_NONNEGATIVEINTEGER || b == XSD_UNSIGNEDLONG ||
                          b == XSD_UNSIGNEDINT || b == XSD_UNSIGNEDSHORT || b == XSD_UNSIGNEDBYTE)))
            return 0;
        return int_range(b, v) == 0;
    case XSD_DURATION:
        *why = "not a duration";
        return lex_duration(v);
    case XSD_DATETIME:
        *why = "not a dateTime";
        return xsd_parse_when(v, 2, &w);
    case XSD_DATE:
        *why = "not a date";
        return xsd_parse_when(v, 1, &w);
    case XSD_TIME:
        *why = "not a time";
        return lex_time(v);
    case XSD_GYEARMONTH: case XSD_GYEAR: case XSD_GMONTHDAY: case XSD_GDAY: case XSD_GMONTH:
        *why = b == XSD_GYEARMONTH ? "not a gYearMonth" : b == XSD_GYEAR ? "not a gYear"
               : b == XSD_GMONTHDAY ? "not a gMonthDay" : b == XSD_GDAY ? "not a gDay"
               : "not a gMonth";
        return lex_g(b, v, &w);
    case XSD_QNAME: case XSD_NOTATION:
        *why = "not a QName";
        return lex_qname(v);
    }
    return 1;
}

/* ---- order and length --------------------------------------------------------------- */

/* Exact order of two decimal lexical forms, whatever their length. */
static int cmp_decimal(const char *a, const char *b)
{
    const char *pa = a, *pb = b;
    int na = *pa == '-', nb = *pb == '-';
    if (*pa == '+' || *pa == '-')
        pa++;
    if (*pb == '+' || *pb == '-')
        pb++;
    while (*pa == '0')
        pa++;
    while (*pb == '0')
        pb++;
    size_t ia = strcspn(pa, "."), ib = strcspn(pb, ".");
    const char *fa = pa[ia] ? pa + ia + 1 : "", *fb = pb[ib] ? pb + ib + 1 : "";
    size_t la = strlen(fa), lb = strlen(fb);
    while (la && fa[la - 1] == '0')
        la--;
    while (lb && fb[lb - 1] == '0')
        lb--;
    int za = !ia && !la, zb = !ib && !lb;
    if (za)
        na = 0;
    if (zb)
        nb = 0;
    if (na != nb)
        return na ? -1 : 1;
    int mag;
    if (ia != ib) {
        mag = ia < ib ? -1 : 1;
    } else {
        int c = strncmp(pa, pb, ia);
        if (c) {
            mag = c < 0 ? -1 : 1;
        } else {
            size_t n = la < lb ? la : lb;
            c = strncmp(fa, fb, n);
            mag = c ? (c < 0 ? -1 : 1) : la == lb ? 0 : la < lb ? -1 : 1;
        }
    }
    return na ? -mag : mag;
}

static int cmp_float(const char *a, const char *b)
{
    if (!lex_float(a) || !lex_float(b))
        return XSD_INCOMPARABLE;
    double x = !strcmp(a, "INF") ? HUGE_VAL : !strcmp(a, "-INF") ? -HUGE_VAL : strtod(a, NULL);
    double y = !strcmp(b, "INF") ? HUGE_VAL : !strcmp(b, "-INF") ? -HUGE_VAL : strtod(b, NULL);
    if (isnan(x) || isnan(y))
        return XSD_INCOMPARABLE;
    return x < y ? -1 : x > y;
}

/* Dates, times and the g types as keys of one form; the time zone, where
 * both have one, moves the point to UTC. */
static int when_of(int p, const char *s, xsd_when *w)
{
    switch (p) {
    case XSD_DATETIME: return xsd_parse_when(s, 2, w);
    case XSD_DATE: return xsd_parse_when(s, 1, w);
    case XSD_TIME:
        memset(w, 0, sizeof *w);
        w->y = 2000, w->mo = 1, w->d = 1;
        return lex_clock(&s, w) && lex_tz(&s, w) && !*s;
    default:
        if (!lex_g(p, s, w))
            return 0;
        if (!w->y)
            w->y = 2000;
        if (!w->mo)
            w->mo = 1;
        if (!w->d)
            w->d = 1;
        return 1;
    }
}

static double when_minutes(const xsd_when *w)
{
    /* days from a fixed origin (proleptic Gregorian), exact enough to order */
    long y = w->y, m = w->mo;
    if (m <= 2) {
        y--;
        m += 12;
    }
    long days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + w->d;
    return ((double)days * 24 + w->h) * 60 + w->mi + w->s / 60 - w->tz_minutes;
}

int xsd_compare(int primitive, const char *a, const char *b)
{
    xsd_when wa, wb;
    switch (primitive) {
    case XSD_DECIMAL:
        if (!xsd_lex_decimal(a) || !xsd_lex_decimal(b))
            return XSD_INCOMPARABLE;
        return cmp_decimal(a, b);
    case XSD_FLOAT: case XSD_DOUBLE:
        return cmp_float(a, b);
    case XSD_DATETIME: case XSD_DATE: case XSD_TIME: case XSD_GYEARMONTH: case XSD_GYEAR:
    case XSD_GMONTHDAY: case XSD_GDAY: case XSD_GMONTH: {
        if (!when_of(primitive, a, &wa) || !when_of(primitive, b, &wb))
            return XSD_INCOMPARABLE;
        if (wa.has_tz != wb.has_tz)
            return XSD_INCOMPARABLE;   /* order within 14 hours is indeterminate: not judged */
        double x = when_minutes(&wa), y = when_minutes(&wb);
        return x < y ? -1 : x > y;
    }
    case XSD_BOOLEAN: {
        int x = !strcmp(a, "true") || !strcmp(a, "1"), y = !strcmp(b, "true") || !strcmp(b, "1");
        return x - y;
    }
    }
    return XSD_INCOMPARABLE;
}

long xsd_length(int b, const char *v)
{
    switch (xsd_primitive(b)) {
    case XSD_STRING: case XSD_ANYURI: {
        if (xsd_list_item(b))
            break;
        long n = 0;
        for (const unsigned char *p = (const unsigned char *)v; *p; p++)
            n += (*p & 0xc0) != 0x80;
        return n;
    }
    case XSD_HEXBINARY:
        return (long)strlen(v) / 2;
    case XSD_BASE64BINARY:
        return base64_octets(v);
    }
    return -1;
}

void xsd_digits(const char *v, int *total, int *fraction)
{
    if (*v == '+' || *v == '-')
        v++;
    while (*v == '0')
        v++;
    size_t ni = strcspn(v, ".");
    const char *f = v[ni] ? v + ni + 1 : "";
    size_t nf = strlen(f);
    while (nf && f[nf - 1] == '0')
        nf--;
    *fraction = (int)nf;
    *total = (int)(ni + nf);
    if (!*total)
        *total = 1;            /* 0 has one digit */
}
