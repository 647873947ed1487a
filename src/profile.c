/*
 * profile.c - company profiles: "key: value" lines, '#' comments.
 *
 * Keys read here: fiscal-year-end (--MM-DD or MM-DD), fiscal-year-named-by
 * (start|end), match (a phrase that identifies the company's releases,
 * repeatable).  Every other key is kept for later stages (entity-name, cik,
 * currency, ...).  Unknown syntax is an error naming the line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "linefile.h"
#include "release2xbrl.h"

typedef struct profile_entry {
    char *key;
    char *value;
} profile_entry;

struct r2x_profile {
    r2x_fiscal_calendar cal;
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
    free(p);
}

int r2x_profile_new_default(r2x_profile **out, r2x_error *err)
{
    r2x_profile *p = calloc(1, sizeof *p);
    if (!p)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    buf_init(&p->entry_buf, R2X_BUF_NOCAP);
    p->cal.end_month = 12;
    p->cal.end_day = 31;
    p->cal.naming = R2X_FY_NAMED_BY_END;
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

int r2x_profile_set_fiscal_year_end(r2x_profile *p, const char *mmdd, r2x_error *err)
{
    int m, d;
    if (!parse_month_day(mmdd, &m, &d))
        return r2x_fail(err, R2X_EUSAGE, NULL, 0,
                        "fiscal year end '%s' is not a month and day (expected --MM-DD, "
                        "e.g. --03-31)", mmdd);
    p->cal.end_month = m;
    p->cal.end_day = d;
    return R2X_OK;
}

static int add_entry(r2x_profile *p, const char *key, size_t kl, const char *value,
                     size_t vl)
{
    profile_entry e = {r2x_strndup(key, kl), r2x_strndup(value, vl)};
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
            rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                          "expected 'key: value', found '%.60s'", s);
            break;
        }
        char *k = s, *ke = colon;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
            ke--;
        for (char *q = k; q < ke; q++)
            if (!(islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '-')) {
                rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
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
                rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
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
                rc = r2x_fail(err, R2X_EPROFILE, path, lineno,
                              "fiscal-year-named-by must be 'start' or 'end', not '%s'", v);
                break;
            }
        }
        if ((rc = add_entry(p, k, kl, v, strlen(v)))) {
            r2x_fail(err, rc, path, lineno, "out of memory");
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
        return r2x_fail(err, R2X_EUSAGE, NULL, 0,
                        "fiscal-year naming must be 'start' or 'end', not '%s'", naming);
    return R2X_OK;
}

int r2x_profile_set(r2x_profile *p, const char *key, const char *value, r2x_error *err)
{
    size_t bad = text_invalid_at(value, strlen(value));
    if (bad)
        return r2x_fail(err, R2X_EUSAGE, NULL, 0, "%s: byte 0x%02X at column %zu is not "
                        "UTF-8 text", key, (unsigned char)value[bad - 1], bad);
    for (size_t i = 0; i < p->nentries; i++)
        if (!strcmp(p->entries[i].key, key)) {
            char *v = r2x_strdup(value);
            if (!v)
                return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            free(p->entries[i].value);
            p->entries[i].value = v;
            return R2X_OK;
        }
    if (add_entry(p, key, strlen(key), value, strlen(value)))
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return R2X_OK;
}
