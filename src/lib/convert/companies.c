/*
 * companies.c - the SEC's list of companies: its snapshot read once, looked
 * up by ticker (sorted, binary search) and by name key (linear: a conversion
 * asks once or twice), and made from the SEC's JSON by `fetch --companies`.
 */
#include "companies.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "linefile.h"

struct companies {
    r2x_buf strings;          /* every string, NUL-separated */
    size_t n;
    company *list;            /* sorted by CIK, as the file */
    company **by_ticker;      /* sorted by ticker */
};

void companies_free(companies *c)
{
    if (!c)
        return;
    buf_release(&c->strings);
    free(c->list);
    free(c->by_ticker);
    free(c);
}

size_t companies_count(const companies *c)
{
    return c ? c->n : 0;
}

/* ---- Name keys ----------------------------------------------------------- */

/* Trailing words that only say what kind of company it is. */
static const char *const legal_forms[] = {
    "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "companies",
    "ltd", "limited", "plc", "llc", "lp", "llp", "sa", "nv", "ag", "se", "ab", "asa",
    "spa", "bv", "gmbh", "kk", "n v", "s a", "l p", "l l c", "p l c", "s p a", "and",
    NULL};

/* The words of s (letters, digits, UTF-8 beyond ASCII), lower case, "&" as
 * "and", apostrophes dropped, "/DE/" state tags dropped, one space between
 * words and one at each end, into out, which has room for 5 * len + 3 bytes
 * ("&" becomes " and "); returns the length written.  Nothing is allocated:
 * a name key is made inside loops that must not fail. */
static size_t words(const char *s, size_t len, char *out)
{
    size_t k = 0;
    out[k++] = ' ';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/' || c == '\\') {
            /* "/DE/", "\\NY\\": the state SEC names add */
            if (i + 3 < len && isalpha((unsigned char)s[i + 1]) &&
                isalpha((unsigned char)s[i + 2]) && s[i + 3] == (char)c) {
                i += 3;
                continue;
            }
        }
        if (c == '\'')
            continue;
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {   /* U+2019, the typographic apostrophe */
            i += 2;
            continue;
        }
        if (c == '&') {
            if (out[k - 1] != ' ')
                out[k++] = ' ';
            memcpy(out + k, "and ", 4);
            k += 4;
            continue;
        }
        if (isalnum(c) || c >= 0x80)
            out[k++] = (char)tolower(c);
        else if (out[k - 1] != ' ')
            out[k++] = ' ';
    }
    if (out[k - 1] != ' ')
        out[k++] = ' ';
    out[k] = '\0';
    return k;
}

int company_text_key(const char *text, size_t len, char **out)
{
    *out = len < ((size_t)-1 - 3) / 5 ? malloc(5 * len + 3) : NULL;
    if (!*out)
        return R2X_ENOMEM;
    words(text, len, *out);
    return R2X_OK;
}

/* Does the word list w (" a b c ", of length n) end with " form "? */
static size_t ends_with_form(const char *w, size_t n, const char *form)
{
    size_t fl = strlen(form);
    if (n < fl + 2 || w[n - fl - 2] != ' ' || memcmp(w + n - fl - 1, form, fl))
        return 0;
    return fl + 1;
}

/* Names longer than this are cut (no company's is). */
#define KEY_NAME_MAX 255

void company_name_key(const char *name, char *out, size_t size)
{
    char w_buf[5 * KEY_NAME_MAX + 3];
    size_t len = strlen(name);
    const char *w = w_buf;
    size_t n = words(name, len < KEY_NAME_MAX ? len : KEY_NAME_MAX, w_buf);
    out[0] = '\0';
    if (n > 5 && !memcmp(w, " the ", 5)) {
        w += 4;
        n -= 4;
    }
    for (int again = 1; again && n > 1;) {
        again = 0;
        for (size_t k = 0; legal_forms[k]; k++) {
            size_t cut = ends_with_form(w, n, legal_forms[k]);
            if (cut) {
                n -= cut;
                again = 1;
                break;
            }
        }
    }
    /* all legal form ("The Company"): no name at all; else without the
     * spaces at each end */
    if (n >= 2)
        snprintf(out, size, "%.*s", (int)(n - 2), w + 1);
}

/* ---- The snapshot ---------------------------------------------------------- */

static int by_ticker_cmp(const void *a, const void *b)
{
    const company *x = *(const company *const *)a, *y = *(const company *const *)b;
    return strcmp(x->ticker, y->ticker);
}

/* Offsets into strings while loading (the buffer moves as it grows). */
typedef struct company_offsets {
    unsigned long cik;
    size_t ticker, exchange, name, key;
} company_offsets;

static int keep(r2x_buf *strings, const char *s, size_t n, size_t *at)
{
    *at = strings->len;
    int rc = buf_add(strings, s, n);
    return rc ? rc : buf_addc(strings, '\0');
}

static int parse_line(char *line, r2x_buf *strings, company_offsets *co)
{
    char *f[4];
    f[0] = line;
    for (int i = 1; i < 4; i++) {
        char *tab = strchr(f[i - 1], '\t');
        if (!tab)
            return -1;
        *tab = '\0';
        f[i] = tab + 1;
    }
    size_t nd = strlen(f[0]);
    if (!nd || nd > 10 || strspn(f[0], "0123456789") != nd || !f[1][0] || !f[3][0] ||
        strchr(f[3], '\t'))
        return -1;
    co->cik = strtoul(f[0], NULL, 10);
    char key[256];
    company_name_key(f[3], key, sizeof key);
    int rc = keep(strings, f[1], strlen(f[1]), &co->ticker);
    if (!rc)
        rc = keep(strings, f[2], strlen(f[2]), &co->exchange);
    if (!rc)
        rc = keep(strings, f[3], strlen(f[3]), &co->name);
    if (!rc)
        rc = keep(strings, key, strlen(key), &co->key);
    return rc ? 1 : 0;
}

int companies_load(const char *path, companies **out, r2x_error *err)
{
    *out = NULL;
    linefile lf;
    int rc = linefile_open(&lf, path, "company list", err);
    if (rc)
        return rc;
    companies *c = calloc(1, sizeof *c);
    r2x_buf offsets;
    buf_init(&offsets, R2X_BUF_NOCAP);
    if (!c) {
        linefile_close(&lf);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    buf_init(&c->strings, R2X_BUF_NOCAP);
    while (!rc && linefile_next(&lf, err)) {
        if (!lf.line[0] || lf.line[0] == '#')
            continue;
        company_offsets co;
        int r = text_invalid_at(lf.line, strlen(lf.line)) ? -1
                                                          : parse_line(lf.line, &c->strings, &co);
        if (r < 0)
            rc = r2xi_fail(err, R2X_EINPUT, path, lf.lineno,
                          "expected 'CIK<TAB>TICKER<TAB>EXCHANGE<TAB>NAME'");
        else if (r > 0 || buf_add(&offsets, &co, sizeof co))
            rc = r2xi_fail(err, R2X_ENOMEM, path, lf.lineno, "out of memory");
    }
    if (!rc)
        rc = lf.status;
    linefile_close(&lf);
    c->n = offsets.len / sizeof(company_offsets);
    if (!rc && !c->n)
        rc = r2xi_fail(err, R2X_EINPUT, path, 0, "the company list is empty");
    if (!rc) {
        c->list = calloc(c->n, sizeof *c->list);
        c->by_ticker = calloc(c->n, sizeof *c->by_ticker);
        if (!c->list || !c->by_ticker)
            rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    const company_offsets *co = (const company_offsets *)(void *)offsets.data;
    for (size_t i = 0; !rc && i < c->n; i++) {
        const char *s = c->strings.data;
        c->list[i] = (company){co[i].cik, s + co[i].ticker, s + co[i].exchange,
                               s + co[i].name, s + co[i].key};
        c->by_ticker[i] = &c->list[i];
    }
    buf_release(&offsets);
    if (rc) {
        companies_free(c);
        return rc;
    }
    qsort(c->by_ticker, c->n, sizeof *c->by_ticker, by_ticker_cmp);
    *out = c;
    return R2X_OK;
}

const company *companies_by_ticker(const companies *c, const char *ticker)
{
    char t[16];
    size_t n = strlen(ticker);
    if (!n || n >= sizeof t)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        t[i] = ticker[i] == '.' ? '-' : (char)toupper((unsigned char)ticker[i]);
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(c->by_ticker[mid]->ticker, t);
        if (!cmp)
            return c->by_ticker[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t companies_by_name(const companies *c, const char *name, const company **first)
{
    char key[256];
    company_name_key(name, key, sizeof key);
    *first = NULL;
    if (!key[0])
        return 0;
    size_t distinct = 0;
    unsigned long last = 0;
    /* the list is sorted by CIK: one CIK's tickers are adjacent */
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->list[i].key, key))
            continue;
        if (!*first)
            *first = &c->list[i];
        if (!distinct || c->list[i].cik != last)
            distinct++;
        last = c->list[i].cik;
    }
    return distinct;
}

/* ---- The SEC's JSON ---------------------------------------------------------
 * {"fields": ["cik", "name", "ticker", "exchange"], "data": [[320193, "Apple
 * Inc.", "AAPL", "Nasdaq"], ...]}: a reader of just enough JSON for it. */

typedef struct json {
    const char *start, *s, *e;
    const char *source;
    r2x_error *err;
} json;

#define JSON_MAX_DEPTH 64

static void ws(json *j)
{
    while (j->s < j->e && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r'))
        j->s++;
}

static int bad(json *j, const char *what)
{
    return r2xi_fail(j->err, R2X_EINPUT, j->source, 0,
                    "not the SEC's company list (company_tickers_exchange.json): %s at "
                    "byte %zu", what, (size_t)(j->s - j->start));
}

static int expect(json *j, char c)
{
    ws(j);
    if (j->s >= j->e || *j->s != c) {
        char what[32];
        snprintf(what, sizeof what, "expected '%c'", c);
        return bad(j, what);
    }
    j->s++;
    return R2X_OK;
}

static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0x110000;
    }
    return v;
}

/* A string into out (UTF-8, escapes decoded; control characters and tabs
 * become spaces, so that a name stays one field). */
static int string(json *j, r2x_buf *out)
{
    int rc = expect(j, '"');
    if (rc)
        return rc;
    while (j->s < j->e && *j->s != '"') {
        unsigned char c = (unsigned char)*j->s;
        if (c == '\\') {
            if (j->e - j->s < 2)
                return bad(j, "a string ends in an escape");
            char x = j->s[1];
            j->s += 2;
            const char *simple = strchr("\"\\/bfnrt", x);
            if (simple) {
                char v = x == 'b' || x == 'f' || x == 'n' || x == 'r' || x == 't' ? ' ' : x;
                rc = buf_addc(out, v);
            } else if (x == 'u' && j->e - j->s >= 4) {
                unsigned cp = hex4(j->s);
                j->s += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && j->e - j->s >= 6 && j->s[0] == '\\' &&
                    j->s[1] == 'u') {
                    unsigned lo = hex4(j->s + 2);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        j->s += 6;
                    }
                }
                if (cp > 0x10FFFF)
                    return bad(j, "a bad \\u escape");
                rc = document_put_utf8(out, cp < 0x20 || (cp >= 0xD800 && cp < 0xE000)
                                                ? (cp < 0x20 ? ' ' : 0xFFFD)
                                                : cp);
            } else {
                return bad(j, "a bad escape");
            }
        } else if (c < 0x20) {
            return bad(j, "a control character in a string");
        } else {
            size_t n = document_utf8_len((const unsigned char *)j->s,
                                         (const unsigned char *)j->e);
            if (!n)
                return bad(j, "invalid UTF-8");
            rc = buf_add(out, j->s, n);
            j->s += n;
        }
        if (rc)
            return rc;
    }
    if (rc)
        return rc;
    return expect(j, '"');
}

/* After an item of a list: a ',' (*more set) or the list's close. */
static int list_next(json *j, char close, int *more)
{
    ws(j);
    *more = j->s < j->e && *j->s == ',';
    if (*more) {
        j->s++;
        return R2X_OK;
    }
    return expect(j, close);
}

/* Skip any value (for keys other than fields and data). */
static int skip(json *j, int depth)
{
    ws(j);
    if (j->s >= j->e)
        return bad(j, "the document ends early");
    if (depth > JSON_MAX_DEPTH)
        return bad(j, "nested too deep");
    char c = *j->s;
    if (c == '"') {
        r2x_buf t;
        buf_init(&t, R2X_BUF_NOCAP);
        int rc = string(j, &t);
        buf_release(&t);
        return rc;
    }
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        j->s++;
        ws(j);
        if (j->s < j->e && *j->s == close) {
            j->s++;
            return R2X_OK;
        }
        for (int more = 1, rc; more;) {
            if (c == '{' && ((rc = skip(j, depth + 1)) || (rc = expect(j, ':'))))
                return rc;
            if ((rc = skip(j, depth + 1)) || (rc = list_next(j, close, &more)))
                return rc;
        }
        return R2X_OK;
    }
    /* a number or literal: the bytes need not end in a NUL (no strspn) */
    size_t n = 0;
    while (j->s + n < j->e && j->s[n] && strchr("+-0123456789.eEtruefalsn", j->s[n]))
        n++;
    if (!n)
        return bad(j, "an unexpected character");
    j->s += n;
    return R2X_OK;
}

/* One scalar of a data row: a string, a whole number or null, as text. */
static int scalar(json *j, r2x_buf *out)
{
    ws(j);
    if (j->s < j->e && *j->s == '"')
        return string(j, out);
    if (j->e - j->s >= 4 && !memcmp(j->s, "null", 4)) {
        j->s += 4;
        return R2X_OK;
    }
    size_t n = 0;
    while (j->s + n < j->e && isdigit((unsigned char)j->s[n]))
        n++;
    if (!n)
        return bad(j, "expected a string, a number or null");
    int rc = buf_add(out, j->s, n);
    j->s += n;
    return rc;
}

typedef struct sec_row {
    unsigned long cik;
    size_t ticker, exchange, name;    /* offsets into the strings buffer */
} sec_row;

typedef struct sec_parse {
    int col_cik, col_name, col_ticker, col_exchange;
    r2x_buf strings;
    r2x_buf rows;             /* sec_row[] */
} sec_parse;

static int fields(json *j, sec_parse *p)
{
    int rc = expect(j, '[');
    for (int i = 0; !rc; i++) {
        r2x_buf f;
        buf_init(&f, 4096);
        rc = string(j, &f);
        if (!rc) {
            if (!strcmp(f.data, "cik"))
                p->col_cik = i;
            else if (!strcmp(f.data, "name"))
                p->col_name = i;
            else if (!strcmp(f.data, "ticker"))
                p->col_ticker = i;
            else if (!strcmp(f.data, "exchange"))
                p->col_exchange = i;
        }
        buf_release(&f);
        int more;
        if (rc || (rc = list_next(j, ']', &more)) || !more)
            return rc;
    }
    return rc;
}

static int data_row(json *j, sec_parse *p)
{
    int rc = expect(j, '[');
    sec_row row = {0, (size_t)-1, (size_t)-1, (size_t)-1};
    for (int i = 0; !rc; i++) {
        r2x_buf v;
        buf_init(&v, 4096);
        rc = scalar(j, &v);
        if (!rc && i == p->col_cik)
            row.cik = v.len && v.len <= 10 && strspn(v.data, "0123456789") == v.len
                          ? strtoul(v.data, NULL, 10) : 0;
        size_t *slot = i == p->col_ticker ? &row.ticker : i == p->col_exchange ? &row.exchange
                                         : i == p->col_name ? &row.name : NULL;
        if (!rc && slot)
            rc = keep(&p->strings, v.data, v.len, slot);
        buf_release(&v);
        int more;
        if (rc || (rc = list_next(j, ']', &more)) || !more)
            break;
    }
    if (rc)
        return rc;
    /* a row without a CIK, ticker or name says nothing we can use */
    if (!row.cik || row.ticker == (size_t)-1 || row.name == (size_t)-1 ||
        !p->strings.data[row.ticker] || !p->strings.data[row.name])
        return R2X_OK;
    return buf_add(&p->rows, &row, sizeof row);
}

static int data(json *j, sec_parse *p)
{
    if (p->col_cik < 0 || p->col_name < 0 || p->col_ticker < 0)
        return bad(j, "\"fields\" must come first and name cik, name and ticker");
    int rc = expect(j, '[');
    ws(j);
    if (!rc && j->s < j->e && *j->s == ']') {
        j->s++;
        return R2X_OK;
    }
    for (int more = 1; !rc && more;) {
        rc = data_row(j, p);
        if (!rc)
            rc = list_next(j, ']', &more);
    }
    return rc;
}

/* A row once parsing is over and the strings no longer move. */
typedef struct sec_entry {
    unsigned long cik;
    const char *ticker, *exchange, *name;
} sec_entry;

static int entry_cmp(const void *a, const void *b)
{
    const sec_entry *x = a, *y = b;
    if (x->cik != y->cik)
        return x->cik < y->cik ? -1 : 1;
    return strcmp(x->ticker, y->ticker);
}

/* A field of the snapshot: no tabs (the JSON reader made them spaces). */
static int add_field(r2x_buf *tsv, const char *s, char end)
{
    int rc = buf_adds(tsv, s);
    return rc ? rc : buf_addc(tsv, end);
}

int companies_from_sec_json(const char *text, size_t len, const char *source,
                            r2x_buf *tsv, size_t *count, r2x_error *err)
{
    json j = {text, text, text + len, source, err};
    sec_parse p = {-1, -1, -1, -1, {0}, {0}};
    buf_init(&p.strings, R2X_BUF_NOCAP);
    buf_init(&p.rows, R2X_BUF_NOCAP);
    int rc = expect(&j, '{');
    int seen_data = 0;
    while (!rc) {
        r2x_buf key;
        buf_init(&key, 4096);
        rc = string(&j, &key);
        if (!rc)
            rc = expect(&j, ':');
        if (!rc && !strcmp(key.data, "fields"))
            rc = fields(&j, &p);
        else if (!rc && !strcmp(key.data, "data")) {
            rc = data(&j, &p);
            seen_data = 1;
        } else if (!rc)
            rc = skip(&j, 1);
        buf_release(&key);
        int more;
        if (rc || (rc = list_next(&j, '}', &more)) || !more)
            break;
    }
    if (!rc && !seen_data)
        rc = bad(&j, "no \"data\"");
    size_t n = p.rows.len / sizeof(sec_row);
    if (!rc && !n)
        rc = bad(&j, "no companies in \"data\"");
    if (rc == R2X_ETOOBIG)             /* a key or value past its buffer's cap */
        rc = bad(&j, "a string longer than 4096 bytes");
    else if (rc == R2X_ENOMEM)
        r2xi_fail(err, R2X_ENOMEM, source, 0, "out of memory");
    sec_entry *e = rc ? NULL : calloc(n, sizeof *e);
    if (!rc && !e)
        rc = r2xi_fail(err, R2X_ENOMEM, source, 0, "out of memory");
    if (!rc) {
        const sec_row *rows = (const sec_row *)(void *)p.rows.data;
        const char *s = p.strings.data;
        for (size_t i = 0; i < n; i++)
            e[i] = (sec_entry){rows[i].cik, s + rows[i].ticker,
                               rows[i].exchange == (size_t)-1 ? "" : s + rows[i].exchange,
                               s + rows[i].name};
        qsort(e, n, sizeof *e, entry_cmp);
        rc = buf_addf(tsv, "# The SEC's list of companies with their tickers (public data, a U.S.\n"
                           "# government work), from %s,\n"
                           "# made by `release2xbrl fetch --companies` (see mappings/README.md).\n"
                           "# CIK<TAB>TICKER<TAB>EXCHANGE<TAB>NAME\n", source);
        for (size_t i = 0; !rc && i < n; i++) {
            rc = buf_addf(tsv, "%lu\t", e[i].cik);
            if (!rc)
                rc = add_field(tsv, e[i].ticker, '\t');
            if (!rc)
                rc = add_field(tsv, e[i].exchange, '\t');
            if (!rc)
                rc = add_field(tsv, e[i].name, '\n');
        }
        if (rc)
            r2xi_fail(err, R2X_ENOMEM, source, 0, "out of memory");
        *count = n;
    }
    free(e);
    buf_release(&p.strings);
    buf_release(&p.rows);
    return rc;
}

int r2x_companies_from_sec_json(const char *text, size_t len, const char *source,
                                char **tsv, size_t *tsv_len, size_t *count, r2x_error *err)
{
    *tsv = NULL;
    *tsv_len = 0;
    size_t n = 0;
    r2x_buf out;
    buf_init(&out, R2X_BUF_NOCAP);
    int rc = companies_from_sec_json(text, len, source, &out, &n, err);
    if (!rc && !(*tsv = buf_detach(&out, tsv_len)))
        rc = r2xi_fail(err, R2X_ENOMEM, source, 0, "out of memory");
    buf_release(&out);
    if (!rc && count)
        *count = n;
    return rc;
}
