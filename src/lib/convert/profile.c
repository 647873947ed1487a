/*
 * profile.c - company profiles: "key: value" lines, '#' comments.
 *
 * Keys read here: fiscal-year-end (--MM-DD or MM-DD), fiscal-year-named-by
 * (start|end), match (a phrase that identifies the company's releases,
 * repeatable).  Every other key is kept for later stages (entity-name, cik,
 * currency, ...).  Unknown syntax is an error naming the line.
 */
#include <ctype.h>
#include <strings.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

#include "buf.h"
#include "companies.h"
#include "document.h"
#include "entity.h"
#include "error.h"
#include "profile.h"
#include "linefile.h"
#include "periods.h"
#include "release2xbrl.h"

typedef struct profile_entry {
    char *key;
    char *value;
    int given;                /* set by the caller (an option), not read from the file */
} profile_entry;

struct r2x_profile {
    char *path;               /* the file it was read from; NULL for a default */
    r2x_fiscal_calendar cal;
    int is_default;           /* no profile file: r2x_profile_infer may fill it */
    int cal_given;            /* the fiscal year end was set by an option */
    int year_end_unknown;     /* r2x_profile_infer found none, and no calendar year */
    r2x_buf entry_buf;        /* holds entries[] */
    size_t nentries;
    profile_entry *entries;   /* a view of entry_buf */
};

void r2x_profile_free(r2x_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nentries; i++) {
        free(p->entries[i].key);
        free(p->entries[i].value);
    }
    buf_release(&p->entry_buf);
    free(p->path);
    free(p);
}

int r2x_profile_new_default(r2x_profile **out, r2x_error *err)
{
    r2x_profile *p = calloc(1, sizeof *p);
    if (!p)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    buf_init(&p->entry_buf, R2X_BUF_NOCAP);
    p->cal.end_month = 12;
    p->cal.end_day = 31;
    p->cal.naming = R2X_FY_NAMED_BY_END;
    p->is_default = 1;
    *out = p;
    return R2X_OK;
}

const r2x_fiscal_calendar *r2x_profile_calendar(const r2x_profile *p)
{
    return &p->cal;
}

const char *r2x_profile_get(const r2x_profile *p, const char *key)
{
    for (size_t i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].key, key) == 0)
            return p->entries[i].value;
    return NULL;
}

static int parse_month_day(const char *s, int *month, int *day)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (s[0] == '-' && s[1] == '-')
        s += 2;
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != '-' ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]) || s[5])
        return 0;
    int m = (s[0] - '0') * 10 + (s[1] - '0');
    int d = (s[3] - '0') * 10 + (s[4] - '0');
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    *month = m;
    *day = d;
    return 1;
}

int profile_calendar_given(const r2x_profile *p)
{
    return p && p->cal_given;
}

int profile_year_end_unknown(const r2x_profile *p)
{
    return p && p->year_end_unknown && !p->cal_given;
}

int r2x_profile_set_fiscal_year_end(r2x_profile *p, const char *mmdd, r2x_error *err)
{
    int m, d;
    if (!parse_month_day(mmdd, &m, &d))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                        "fiscal year end '%s' is not a month and day (expected --MM-DD, "
                        "e.g. --03-31)", mmdd);
    p->cal.end_month = m;
    p->cal.end_day = d;
    p->cal_given = 1;
    return R2X_OK;
}

static int add_entry(r2x_profile *p, const char *key, size_t kl, const char *value,
                     size_t vl)
{
    profile_entry e = {r2xi_strndup(key, kl), r2xi_strndup(value, vl), 0};
    if (!e.key || !e.value || buf_add(&p->entry_buf, &e, sizeof e)) {
        free(e.key);
        free(e.value);
        return R2X_ENOMEM;
    }
    p->entries = (profile_entry *)(void *)p->entry_buf.data;
    p->nentries++;
    return R2X_OK;
}

int r2x_profile_load(const char *path, r2x_profile **out, r2x_error *err)
{
    *out = NULL;
    linefile lf;
    int rc = linefile_open(&lf, path, "profile", err);
    if (rc)
        return rc;
    r2x_profile *p;
    if ((rc = r2x_profile_new_default(&p, err))) {
        linefile_close(&lf);
        return rc;
    }
    p->is_default = 0;
    if (!(p->path = r2xi_strdup(path))) {
        linefile_close(&lf);
        r2x_profile_free(p);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    while (linefile_next(&lf, err)) {
        long lineno = lf.lineno;
        char *line = lf.line;
        size_t n = strlen(line);
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || *s == '#')
            continue;
        char *colon = strchr(s, ':');
        if (!colon || colon == s) {
            rc = r2xi_fail(err, R2X_EPROFILE, path, lineno,
                          "expected 'key: value', found '%.60s'", s);
            break;
        }
        char *k = s, *ke = colon;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
            ke--;
        for (char *q = k; q < ke; q++)
            if (!(islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '-')) {
                rc = r2xi_fail(err, R2X_EPROFILE, path, lineno,
                              "key '%.*s' must be lower-case letters, digits and '-'",
                              (int)(ke - k), k);
                goto done;
            }
        char *v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t kl = (size_t)(ke - k);
        if (kl == 15 && strncmp(k, "fiscal-year-end", kl) == 0) {
            if (!parse_month_day(v, &p->cal.end_month, &p->cal.end_day)) {
                rc = r2xi_fail(err, R2X_EPROFILE, path, lineno,
                              "fiscal-year-end '%s' is not a month and day "
                              "(expected --MM-DD, e.g. --03-31)", v);
                break;
            }
        } else if (kl == 20 && strncmp(k, "fiscal-year-named-by", kl) == 0) {
            if (strcmp(v, "start") == 0)
                p->cal.naming = R2X_FY_NAMED_BY_START;
            else if (strcmp(v, "end") == 0)
                p->cal.naming = R2X_FY_NAMED_BY_END;
            else {
                rc = r2xi_fail(err, R2X_EPROFILE, path, lineno,
                              "fiscal-year-named-by must be 'start' or 'end', not '%s'", v);
                break;
            }
        }
        if ((rc = add_entry(p, k, kl, v, strlen(v)))) {
            r2xi_fail(err, rc, path, lineno, "out of memory");
            break;
        }
    }
    if (!rc)
        rc = lf.status;
done:
    linefile_close(&lf);
    if (rc) {
        r2x_profile_free(p);
        return rc;
    }
    *out = p;
    return R2X_OK;
}

int r2x_profile_matches(const r2x_profile *p, const char *text, size_t len)
{
    for (size_t i = 0; i < p->nentries; i++) {
        if (strcmp(p->entries[i].key, "match") != 0 || !p->entries[i].value[0])
            continue;
        size_t n = strlen(p->entries[i].value);
        for (size_t k = 0; k + n <= len; k++)
            if (memcmp(text + k, p->entries[i].value, n) == 0)
                return 1;
    }
    return 0;
}

int r2x_profile_set_fiscal_year_named_by(r2x_profile *p, const char *naming, r2x_error *err)
{
    if (!strcmp(naming, "start"))
        p->cal.naming = R2X_FY_NAMED_BY_START;
    else if (!strcmp(naming, "end"))
        p->cal.naming = R2X_FY_NAMED_BY_END;
    else
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                        "fiscal-year naming must be 'start' or 'end', not '%s'", naming);
    return R2X_OK;
}

int r2x_profile_set(r2x_profile *p, const char *key, const char *value, r2x_error *err)
{
    size_t bad = text_invalid_at(value, strlen(value));
    if (bad)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "%s: byte 0x%02X at column %zu is not "
                        "UTF-8 text", key, (unsigned char)value[bad - 1], bad);
    for (size_t i = 0; i < p->nentries; i++)
        if (!strcmp(p->entries[i].key, key)) {
            char *v = r2xi_strdup(value);
            if (!v)
                return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            free(p->entries[i].value);
            p->entries[i].value = v;
            p->entries[i].given = 1;
            return R2X_OK;
        }
    if (add_entry(p, key, strlen(key), value, strlen(value)))
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    p->entries[p->nentries - 1].given = 1;
    return R2X_OK;
}

int r2x_profile_set_entity(r2x_profile *p, const char *scheme_id, r2x_error *err)
{
    entity e;
    int rc = entity_parse(scheme_id, &e, err);
    if (rc)
        return rc;
    char value[sizeof e.scheme + sizeof e.id];
    entity_format(&e, value, sizeof value);
    return r2x_profile_set(p, "entity", value, err);
}

int profile_key_given(const r2x_profile *p, const char *key)
{
    for (size_t i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].key, key) == 0)
            return p->entries[i].given;
    return 0;
}

const char *profile_path(const r2x_profile *p)
{
    return p->path;
}

/* ---- A default profile learns from the release ----------------------------- */

static const char *const month_names[12] = {"january", "february", "march", "april", "may",
                                            "june", "july", "august", "september",
                                            "october", "november", "december"};

/* "January 3" / "Jan. 3" / "DECEMBER 31" at s: month and day, or 0. */
static int read_month_day(const char *s, int *month, int *day)
{
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        size_t n = 0;
        if (!strncasecmp(s, month_names[m], full))
            n = full;
        else if (!strncasecmp(s, month_names[m], 3) && !isalpha((unsigned char)s[3]))
            n = s[3] == '.' ? 4 : 3;
        if (!n || isalpha((unsigned char)s[n]))
            continue;
        const char *p = s + n;
        while (*p == ' ')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        int d = atoi(p);
        if (d < 1 || d > 31)
            return 0;
        *month = m + 1;
        *day = d;
        return 1;
    }
    return 0;
}

/* The input file's line of a byte offset of the text, to name in messages. */
static long line_of(const r2x_document *doc, size_t off)
{
    return (long)document_source_line(doc, document_line_of_offset(doc, off));
}

typedef struct name_candidate {
    char key[128];            /* lower case, one space between words */
    char shown[128];          /* as first printed in mixed case */
    size_t count;
    size_t first;             /* byte offset of the first occurrence */
} name_candidate;

static int name_word_ok(const char *w, size_t n)
{
    if (n == 3 && !strncasecmp(w, "and", 3))
        return 1;
    if (n == 1 && *w == '&')
        return 1;
    return isupper((unsigned char)w[0]);
}

/* The length of a legal form ("Inc.", "Corporation") that starts at t[i] as
 * a word, 0 if none. */
static size_t legal_form_at(const char *t, size_t len, size_t i)
{
    static const char *const suffixes[] = {"Inc.", "Incorporated", "Corporation", "Corp.",
                                           "Co.", "Company", "Ltd.", "Limited", "plc", NULL};
    for (size_t k = 0; suffixes[k]; k++) {
        size_t l = strlen(suffixes[k]);
        if (i + l <= len && !strncasecmp(t + i, suffixes[k], l) &&
            (i + l == len || !isalnum((unsigned char)t[i + l])))
            return l;
    }
    return 0;
}

/* Where a name ending before t[i] starts: back over capitalised words (and
 * "and", "&", commas), six at most, on one line; *nwords how many. */
static size_t name_start(const char *t, size_t i, size_t *nwords)
{
    size_t start = i, p = i;
    *nwords = 0;
    while (*nwords < 6) {
        size_t e = p;
        int newline = 0;
        while (e > 0 && isspace((unsigned char)t[e - 1]))
            newline |= t[--e] == '\n';
        /* a name does not go on from the line above (a heading, a dateline) */
        if (newline)
            break;
        if (e > 0 && t[e - 1] == ',')
            e--;
        size_t b = e;
        while (b > 0 && !isspace((unsigned char)t[b - 1]))
            b--;
        if (b == e || !name_word_ok(t + b, e - b))
            break;
        for (size_t q = b; q < e; q++)
            if (!isalnum((unsigned char)t[q]) && !strchr("&.-'", t[q]))
                return start;
        start = b;
        p = b;
        (*nwords)++;
    }
    return start;
}

/* The name t[start, end) into n: its key (lower case) and as shown, one
 * space between words; returns their length, *mixed when it has lower
 * case letters. */
static size_t name_texts(const char *t, size_t start, size_t end, name_candidate *n,
                         int *mixed)
{
    size_t kl = 0;
    int space = 0;
    *mixed = 0;
    for (size_t q = start; q < end && kl + 2 < sizeof n->key; q++) {
        if (isspace((unsigned char)t[q])) {
            space = 1;
            continue;
        }
        if (space && kl) {
            n->key[kl] = ' ';
            n->shown[kl++] = ' ';
        }
        space = 0;
        if (islower((unsigned char)t[q]))
            *mixed = 1;
        n->key[kl] = (char)tolower((unsigned char)t[q]);
        n->shown[kl++] = t[q];
    }
    n->key[kl] = n->shown[kl] = '\0';
    return kl;
}

/* One more sighting of name n (kl bytes, first at start): a new candidate
 * (32 at most) or one more of it; it is shown as printed in mixed case
 * when it ever is. */
static void count_name(name_candidate *c, size_t *nc, const name_candidate *n, size_t kl,
                       int mixed, size_t start)
{
    size_t k = 0;
    while (k < *nc && strcmp(c[k].key, n->key))
        k++;
    if (k == *nc) {
        if (*nc == 32)
            return;
        (*nc)++;
        memcpy(c[k].key, n->key, kl + 1);
        c[k].first = start;
    }
    if (!c[k].count || (mixed && !c[k].shown[0]))
        memcpy(c[k].shown, mixed || !c[k].count ? n->shown : c[k].shown, kl + 1);
    if (mixed && c[k].count && c[k].shown[0]) {
        int had_lower = 0;
        for (const char *q = c[k].shown; *q; q++)
            had_lower |= islower((unsigned char)*q);
        if (!had_lower)
            memcpy(c[k].shown, n->shown, kl + 1);
    }
    c[k].count++;
}

int profile_infer_entity_name(const r2x_document *doc, char *out, size_t size, size_t *where,
                              size_t *times)
{
    name_candidate *c = calloc(32, sizeof *c);
    if (!c)
        return -1;
    size_t nc = 0;
    const char *t = doc->text;
    size_t len = doc->len < (1u << 20) ? doc->len : (1u << 20);
    for (size_t i = 1; i < len; i++) {
        if (!isspace((unsigned char)t[i - 1]))
            continue;
        size_t sl = legal_form_at(t, len, i);
        if (!sl)
            continue;
        size_t nwords;
        size_t start = name_start(t, i, &nwords);
        if (!nwords || !isupper((unsigned char)t[start]))
            continue;
        /* "and Co." alone is not a name */
        if (!strncasecmp(t + start, "and ", 4))
            continue;
        name_candidate n;
        int mixed;
        size_t kl = name_texts(t, start, i + sl, &n, &mixed);
        /* "The Company", "the Corporation": a legal form alone names nobody */
        char identity[128];
        company_name_key(n.key, identity, sizeof identity);
        if (identity[0])
            count_name(c, &nc, &n, kl, mixed, start);
    }
    size_t best = nc;
    for (size_t k = 0; k < nc; k++)
        if (best == nc || c[k].count > c[best].count)
            best = k;
    if (best < nc) {
        r2xi_strlcpy(out, c[best].shown, size);
        *where = c[best].first;
        *times = c[best].count;
    }
    free(c);
    return best < nc ? 1 : 0;
}

/* A period of a year's length, 52 or 53 weeks or 12 months, give or take
 * a week. */
static int whole_year(r2x_date start, r2x_date end)
{
    long days = date_diff_days(end, start) + 1;
    return days >= 358 && days <= 374;
}

/* Whether some column of the release is a period that ends on d. */
static int ends_a_period(const r2x_tableset *set, r2x_date d)
{
    for (size_t j = 0; j < set->ntables; j++)
        for (size_t c = 0; c < set->tables[j].ncolumns; c++) {
            const r2x_period *q = &set->tables[j].columns[c].period;
            if (q->kind == R2X_PERIOD_DURATION && !date_compare(q->end, d))
                return 1;
        }
    return 0;
}

/* The instants of the balance sheets, each once, into out; how many. */
static size_t balance_sheet_dates(const r2x_tableset *set, r2x_date *out, long *lines,
                                  size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        if (t->statement != R2X_STMT_BALANCE_SHEET)
            continue;
        for (size_t c = 0; c < t->ncolumns; c++) {
            const r2x_period *p = &t->columns[c].period;
            size_t k = 0;
            while (k < n && date_compare(out[k], p->end))
                k++;
            if (p->kind != R2X_PERIOD_INSTANT || k < n || n == max)
                continue;
            out[n] = p->end;
            lines[n++] = t->first_line;
        }
    }
    return n;
}

/* The last fiscal year end among the balance-sheet dates.  An interim
 * balance sheet sets the period's end beside the last year end (and may add
 * the same date a year before): where the release has periods, the date
 * that ends none of them ("January 3, 2004" beside "July 3, 2004" and "June
 * 28, 2003" that end its 26 weeks); where it has none, only the date between
 * the latest one and that date a year (or 52/53 weeks) before it.  Two
 * dates alone do not say which is the year end: the latest may be one, or
 * the earlier a quarter's end. */
static int year_end_from_balance_sheet(const r2x_tableset *set, r2x_date *end, long *line)
{
    r2x_date d[32];
    long lines[32];
    size_t n = balance_sheet_dates(set, d, lines, 32), latest = 0;
    int has_periods = 0;
    for (size_t j = 0; j < set->ntables; j++)
        for (size_t c = 0; c < set->tables[j].ncolumns; c++)
            has_periods |= set->tables[j].columns[c].period.kind == R2X_PERIOD_DURATION;
    for (size_t k = 1; k < n; k++)
        if (date_compare(d[k], d[latest]) > 0)
            latest = k;
    size_t best = n;
    for (size_t k = 0; k < n && has_periods; k++)
        if (!ends_a_period(set, d[k]) && (best == n || date_compare(d[k], d[best]) > 0))
            best = k;
    for (size_t a = 0; a < n && !has_periods && best == n; a++) {
        if (!whole_year(date_add_days(d[a], 1), d[latest]))
            continue;
        for (size_t k = 0; k < n; k++)
            if (date_compare(d[k], d[a]) > 0 && date_compare(d[k], d[latest]) < 0)
                best = k;
    }
    if (best == n)
        return 0;
    *end = d[best];
    *line = lines[best];
    return 1;
}

/* The fiscal year end a quarter's name and end say: "Third Quarter
 * Results" before the first table, over income statements whose latest
 * period is three months to 30 September, ends a year on 31 December.
 * Month ends only: a 52/53-week year's quarters do not say its last day. */
static int year_end_from_quarter(const r2x_document *doc, const r2x_tableset *set,
                                 int *month, int *day, long *line)
{
    static const char *const ordinals[] = {"first quarter", "second quarter", "third quarter",
                                           "fourth quarter"};
    r2x_date last = {0, 0, 0};
    int quarter = 0;
    long first_table = -1;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        if (first_table < 0 || t->first_line < first_table)
            first_table = t->first_line;
        if (t->statement != R2X_STMT_INCOME)
            continue;       /* an outlook's periods are not the release's */
        for (size_t c = 0; c < t->ncolumns; c++) {
            const r2x_period *p = &t->columns[c].period;
            if (p->kind != R2X_PERIOD_DURATION)
                continue;
            long days = date_diff_days(p->end, p->start) + 1;
            int later = date_compare(p->end, last);
            if (later > 0)
                quarter = 0;
            if (later >= 0) {
                last = p->end;
                quarter |= days >= 84 && days <= 98;
            }
        }
    }
    if (!quarter || last.day != date_days_in_month(last.year, last.month))
        return 0;
    for (size_t i = 0; i < doc->len; i++) {
        if (i && isalpha((unsigned char)doc->text[i - 1]))
            continue;
        for (int n = 0; n < 4; n++) {
            size_t l = strlen(ordinals[n]);
            if (i + l > doc->len || strncasecmp(doc->text + i, ordinals[n], l))
                continue;
            if ((long)document_line_of_offset(doc, i) >= first_table)
                return 0;
            *month = (last.month - 1 + 3 * (3 - n)) % 12 + 1;
            *day = date_days_in_month(2001, *month);
            *line = line_of(doc, i);
            return 1;
        }
    }
    return 0;
}

/* Whether any column of the release has a period (one with none has no
 * fiscal year to claim). */
static int has_a_period(const r2x_tableset *set)
{
    for (size_t i = 0; set && i < set->ntables; i++)
        for (size_t c = 0; c < set->tables[i].ncolumns; c++)
            if (set->tables[i].columns[c].period.kind != R2X_PERIOD_NONE)
                return 1;
    return 0;
}

/* Whether the release's periods fit a calendar year: one begins on 1
 * January (a first quarter, a year to date) or a balance sheet is dated 31
 * December. */
static int calendar_year_fits(const r2x_tableset *set)
{
    for (size_t i = 0; set && i < set->ntables; i++)
        for (size_t c = 0; c < set->tables[i].ncolumns; c++) {
            const r2x_period *p = &set->tables[i].columns[c].period;
            if ((p->kind == R2X_PERIOD_DURATION && p->start.month == 1 && p->start.day == 1) ||
                (p->kind == R2X_PERIOD_INSTANT && p->end.month == 12 && p->end.day == 31))
                return 1;
        }
    return 0;
}

/* The fiscal year end: "fiscal year ended January 3, 2004" in the text, a
 * column of a year's length, or the last year end an interim balance sheet
 * shows (year_end_from_balance_sheet). */
static int infer_year_end(const r2x_document *doc, const r2x_tableset *set, int *month,
                          int *day, const char **how, long *line)
{
    static const char *const phrases[] = {"fiscal year ended ", "fiscal year ending ",
                                          "fiscal year ends ", "fiscal year-end ",
                                          "fiscal year end ", NULL};
    size_t len = doc->len;
    for (size_t i = 0; i < len; i++)
        for (size_t k = 0; phrases[k]; k++) {
            size_t l = strlen(phrases[k]);
            if (i + l < len && !strncasecmp(doc->text + i, phrases[k], l)) {
                const char *s = doc->text + i + l;
                while (*s == ' ' || *s == '\n')
                    s++;
                if (read_month_day(s, month, day)) {
                    *how = "from 'fiscal year ended ...' in the text";
                    *line = line_of(doc, i);
                    return 1;
                }
            }
        }
    if (!set)
        return 0;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        if (t->statement != R2X_STMT_INCOME && t->statement != R2X_STMT_CASH_FLOWS)
            continue;
        for (size_t c = 0; c < t->ncolumns; c++) {
            const r2x_period *p = &t->columns[c].period;
            if (p->kind == R2X_PERIOD_DURATION && whole_year(p->start, p->end)) {
                *month = p->end.month;
                *day = p->end.day;
                *how = "from a column of a whole year";
                *line = (long)document_source_line(doc, (size_t)t->first_line);
                return 1;
            }
        }
    }
    r2x_date end;
    long first_line;
    if (!year_end_from_balance_sheet(set, &end, &first_line)) {
        *how = "from the quarter the release names and the date its quarter ends";
        return year_end_from_quarter(doc, set, month, day, line);
    }
    *month = end.month;
    *day = end.day;
    *how = "from the balance sheet's date of the last fiscal year end";
    *line = (long)document_source_line(doc, (size_t)first_line);
    return 1;
}

int r2x_profile_infer(r2x_profile *p, const r2x_document *doc, const r2x_tableset *set,
                      r2x_diag_fn diag, void *userdata, r2x_error *err)
{
    if (!p->is_default)
        return R2X_OK;
    int rc;
    char buf[160];
    size_t where = 0, times = 0;
    if (!r2x_profile_get(p, "entity-name")) {
        rc = profile_infer_entity_name(doc, buf, sizeof buf, &where, &times);
        if (rc < 0)
            return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
        if (rc == 1) {
            if ((rc = r2x_profile_set(p, "entity-name", buf, err)))
                return rc;
            r2xi_diag(diag, userdata, R2X_SEV_NOTE, R2X_OK, doc->name, line_of(doc, where), 0,
                     "no company profile: entity name '%s' inferred from the release "
                     "(named %zu times; give --entity-name to override)", buf, times);
        }
    }
    int month, day;
    const char *how;
    long line;
    if (p->cal_given)
        return R2X_OK;
    if (!infer_year_end(doc, set, &month, &day, &how, &line)) {
        /* the default 31 December where the release fits it; else no claim */
        p->year_end_unknown = !calendar_year_fits(set);
        if (!has_a_period(set))
            return R2X_OK;      /* no fact has a fiscal year: nothing to say */
        if (p->year_end_unknown)
            r2xi_diag(diag, userdata, R2X_SEV_NOTE, R2X_OK, doc->name, 0, 0,
                     "no company profile: nothing in the release says when its fiscal year "
                     "ends; dei:CurrentFiscalYearEndDate, DocumentFiscalYearFocus and "
                     "DocumentFiscalPeriodFocus are left out (give --fiscal-year-end)");
        else
            r2xi_diag(diag, userdata, R2X_SEV_NOTE, R2X_OK, doc->name, 0, 0,
                     "no company profile: fiscal year end --12-31 assumed, the calendar "
                     "year: nothing in the release says otherwise, and a period of it "
                     "begins on 1 January or a balance sheet is dated 31 December (give "
                     "--fiscal-year-end to override)");
        return R2X_OK;
    }
    p->cal.end_month = month;
    p->cal.end_day = day;
    p->cal_given = 1;
    /* a 52/53-week year ending in the first days of January is named by the
     * year it mostly falls in */
    p->cal.naming = month == 1 && day <= 7 ? R2X_FY_NAMED_BY_START : R2X_FY_NAMED_BY_END;
    r2xi_diag(diag, userdata, R2X_SEV_NOTE, R2X_OK, doc->name, line, 0,
             "no company profile: fiscal year end --%02d-%02d inferred %s (give "
             "--fiscal-year-end to override)", month, day, how);
    return R2X_OK;
}
