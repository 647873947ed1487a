/* mapping.c - read mapping tables and match labels against them. */
#include "mapping.h"

#include <ctype.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "linefile.h"
#include "xml_hash.h"

struct mapping {
    r2x_buf entries;          /* map_entry[], in file order */
    r2x_buf files;            /* char*[] */
    /* Patterns without '*' are looked up by "statement:label" in a hash of
     * first indices; only wildcard entries are scanned. */
    xmlHashTablePtr exact;
    r2x_buf wild;             /* size_t[] indices of wildcard entries */
};

int mapping_new(mapping **out, r2x_error *err)
{
    mapping *m = calloc(1, sizeof *m);
    if (!m || !(m->exact = xml_hash_new(512))) {
        free(m);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&m->entries, R2X_BUF_NOCAP);
    buf_init(&m->files, R2X_BUF_NOCAP);
    buf_init(&m->wild, R2X_BUF_NOCAP);
    *out = m;
    return R2X_OK;
}

static void free_index(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

static void entry_release(map_entry *e)
{
    free(e->pattern);
    for (size_t d = 0; d < e->ndims; d++) {
        free(e->dims[d].axis);
        free(e->dims[d].member);
    }
}

void mapping_free(mapping *m)
{
    if (!m)
        return;
    map_entry *e = (map_entry *)(void *)m->entries.data;
    for (size_t i = 0; i < m->entries.len / sizeof *e; i++)
        entry_release(&e[i]);
    buf_release(&m->entries);
    char **f = (char **)(void *)m->files.data;
    for (size_t i = 0; i < m->files.len / sizeof *f; i++)
        free(f[i]);
    buf_release(&m->files);
    xmlHashFree(m->exact, free_index);
    buf_release(&m->wild);
    free(m);
}

size_t mapping_count(const mapping *m)
{
    return m->entries.len / sizeof(map_entry);
}

/* keep_star: patterns keep '*' as a wildcard; labels treat it as punctuation
 * (a footnote mark). */
static void normalize(const char *label, char *out, size_t size, int keep_star)
{
    size_t n = 0;
    int space = 0;
    if (!size)
        return;
    for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
        if (isalnum(*p) || (keep_star && *p == '*')) {
            size_t need = (space && n) ? 2 : 1;
            if (n + need >= size)
                break;                  /* cut at a word, never after a space */
            if (space && n)
                out[n++] = ' ';
            out[n++] = (char)tolower(*p);
            space = 0;
        } else if (*p == '\'' || (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99 /* U+2019 */)) {
            /* an apostrophe joins: "shareholders' equity", "company's" */
            if (*p != '\'')
                p += 2;
        } else {
            space = 1;
        }
    }
    out[n] = '\0';
}

void label_normalize(const char *label, char *out, size_t size)
{
    normalize(label, out, size, 0);
}

void pattern_normalize(const char *pattern, char *out, size_t size)
{
    /* "Systems integration: > Total" -> "systems integration > total" */
    size_t n = 0;
    out[0] = '\0';
    const char *part = pattern;
    for (;;) {
        const char *gt = strchr(part, '>');
        size_t len = gt ? (size_t)(gt - part) : strlen(part);
        char piece[512], norm[512];
        if (len >= sizeof piece)
            len = sizeof piece - 1;
        memcpy(piece, part, len);
        piece[len] = '\0';
        normalize(piece, norm, sizeof norm, 1);
        int w = snprintf(out + n, size - n, "%s%s", part != pattern ? " > " : "", norm);
        if (w < 0 || (size_t)w >= size - n)
            return;
        n += (size_t)w;
        if (!gt)
            return;
        part = gt + 1;
    }
}

int pattern_match(const char *p, const char *t)
{
    /* iterative glob with backtracking to the last star: linear-ish */
    const char *star = NULL, *retry = NULL;
    while (*t) {
        if (*p == '*') {
            star = p++;
            retry = t;
        } else if (*p == *t) {
            p++;
            t++;
        } else if (star) {
            p = star + 1;
            t = ++retry;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

static int statement_from_word(const char *w)
{
    static const struct { const char *w; int s; } words[] = {
        {"income", R2X_STMT_INCOME}, {"balance-sheet", R2X_STMT_BALANCE_SHEET},
        {"cash-flows", R2X_STMT_CASH_FLOWS}, {"equity", R2X_STMT_EQUITY},
        {"segment", R2X_STMT_SEGMENT}, {"other", R2X_STMT_OTHER},
        {"any", MAP_STATEMENT_ANY},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(w, words[i].w))
            return words[i].s;
    return -100;
}

static char *trim_field(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static int exact_key(char *key, size_t size, int statement, const char *pattern)
{
    return snprintf(key, size, "%d:%s", statement, pattern) < (int)size;
}

void mapping_mark_company(mapping *m)
{
    map_entry *e = (map_entry *)(void *)m->entries.data;
    for (size_t i = 0; i < m->entries.len / sizeof *e; i++)
        e[i].company = 1;
}

/* The '|'-separated fields of a line, at most 6 kept; returns how many there
 * are, 7 for more than 6. */
static int split_fields(char *s, char *fields[6])
{
    int nf = 0;
    for (char *p = s;; ) {
        char *bar = strchr(p, '|');
        if (nf == 6) {
            nf++;
            break;
        }
        fields[nf++] = p;
        if (!bar)
            break;
        *bar = '\0';
        p = bar + 1;
    }
    return nf;
}

/* The concept of a line: in the dictionary, not abstract, and of the period
 * type its statement reports (a balance sheet's instants, an income
 * statement's durations). */
static int read_concept(map_entry *e, const char *name, const taxonomy *tax, const char *path,
                        long lineno, r2x_error *err)
{
    e->concept = taxonomy_find(tax, name);
    if (!e->concept)
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "concept '%s' is not in the concept dictionary", name);
    if (e->concept->abstract)
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "concept '%s' is abstract; no fact may use it", name);
    if ((e->statement == R2X_STMT_BALANCE_SHEET && e->concept->period_type != R2X_PERIOD_INSTANT) ||
        (e->statement == R2X_STMT_INCOME && e->concept->period_type != R2X_PERIOD_DURATION))
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "concept '%s' has period type %s, which does not fit the %s",
                         name, e->concept->period_type == R2X_PERIOD_INSTANT ? "instant"
                                                                             : "duration",
                         e->statement == R2X_STMT_INCOME ? "income statement's durations"
                                                         : "balance sheet's instants");
    return R2X_OK;
}

/* The fifth field: AXIS=MEMBER pairs of QNames, copied into e (which owns
 * them even when a later one fails). */
static int read_dims(map_entry *e, char *field, const char *path, long lineno, r2x_error *err)
{
    char *save = NULL;
    for (char *tok = strtok_r(field, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq || eq == tok || !eq[1] || e->ndims == MAP_MAX_DIMS ||
            !strchr(tok, ':') || !strchr(eq + 1, ':'))
            return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                             "dimension '%s' is not AXIS=MEMBER with QNames (at most %d)",
                             tok, MAP_MAX_DIMS);
        *eq = '\0';
        e->dims[e->ndims].axis = r2xi_strdup(tok);
        e->dims[e->ndims].member = r2xi_strdup(eq + 1);
        e->ndims++;
        if (!e->dims[e->ndims - 1].axis || !e->dims[e->ndims - 1].member)
            return r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
    }
    return R2X_OK;
}

/* One line's entry from its fields (nf of them, checked): statement,
 * pattern (normalized into norm), concept, sign and dimensions; e owns what
 * it holds even on failure. */
static int read_entry(map_entry *e, char **fields, int nf, const taxonomy *tax, char *norm,
                      size_t norm_size, const char *path, long lineno, r2x_error *err)
{
    e->statement = statement_from_word(fields[0]);
    if (e->statement == -100)
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "unknown statement '%s' (expected income, balance-sheet, "
                         "cash-flows, equity, segment, other or any)", fields[0]);
    pattern_normalize(fields[1], norm, norm_size);
    if (!norm[0] || !strncmp(norm, " > ", 3) ||
        (strlen(norm) >= 3 && !strcmp(norm + strlen(norm) - 3, " > ")) ||
        strstr(norm, " >  > "))
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "empty label pattern or qualifier in '%s'", fields[1]);
    int rc = read_concept(e, fields[2], tax, path, lineno, err);
    if (rc)
        return rc;
    if (!strcmp(fields[3], "negate"))
        e->negate = 1;
    else if (strcmp(fields[3], "as-printed"))
        return r2xi_fail(err, R2X_EPROFILE, path, lineno,
                         "sign must be 'as-printed' or 'negate', not '%s'", fields[3]);
    return nf == 5 ? read_dims(e, fields[4], path, lineno, err) : R2X_OK;
}

/* Entry index is found by its normalized pattern: scanned when it has a
 * wildcard, else looked up by statement and pattern (the first of equal
 * keys wins). */
static int index_entry(mapping *m, size_t index, int statement, const char *norm,
                       const char *path, long lineno, r2x_error *err)
{
    if (strchr(norm, '*')) {
        if (buf_add(&m->wild, &index, sizeof index))
            return r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
        return R2X_OK;
    }
    char key[600];
    if (!exact_key(key, sizeof key, statement, norm) ||
        xmlHashLookup(m->exact, (const xmlChar *)key))
        return R2X_OK;
    size_t *ip = malloc(sizeof *ip);
    if (!ip || xmlHashAddEntry(m->exact, (const xmlChar *)key, ip)) {
        free(ip);
        return r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
    }
    *ip = index;
    /* libxml2 before 2.12 ignores a failed copy of the key and still adds the
     * entry (which the table then owns) */
    if (xmlHashLookup(m->exact, (const xmlChar *)key) != ip)
        return r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
    return R2X_OK;
}

int mapping_load(mapping *m, const char *path, const taxonomy *tax, r2x_error *err)
{
    linefile lf;
    int rc = linefile_open(&lf, path, "mapping table", err);
    if (rc)
        return rc;
    const char *fname = buf_keep_string(&m->files, path);
    if (!fname) {
        linefile_close(&lf);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    while (!rc && linefile_next(&lf, err)) {
        long lineno = lf.lineno;
        char *s = trim_field(lf.line);
        if (!*s || *s == '#')
            continue;
        char *fields[6];
        int nf = split_fields(s, fields);
        if (nf < 4 || nf > 5) {
            rc = r2xi_fail(err, R2X_EPROFILE, path, lineno,
                          "expected 'STATEMENT | PATTERN | CONCEPT | SIGN [| AXIS=MEMBER ...]'");
            break;
        }
        for (int i = 0; i < nf; i++)
            fields[i] = trim_field(fields[i]);
        map_entry e;
        memset(&e, 0, sizeof e);
        e.file = fname;
        e.line = lineno;
        char norm[512];
        rc = read_entry(&e, fields, nf, tax, norm, sizeof norm, path, lineno, err);
        if (!rc && !(e.pattern = r2xi_strdup(norm)))
            rc = r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
        size_t index = m->entries.len / sizeof e;
        if (!rc && buf_add(&m->entries, &e, sizeof e))
            rc = r2xi_fail(err, R2X_ENOMEM, path, lineno, "out of memory");
        if (rc) {
            entry_release(&e);
            break;
        }
        rc = index_entry(m, index, e.statement, norm, path, lineno, err);
    }
    if (!rc)
        rc = lf.status;
    linefile_close(&lf);
    return rc;
}

const map_entry *mapping_match(const mapping *m, int statement, const char *const *labels,
                               size_t nlabels)
{
    const map_entry *e = (const map_entry *)(const void *)m->entries.data;
    size_t best = (size_t)-1;
    char key[1200];
    const int stmts[2] = {statement, MAP_STATEMENT_ANY};
    /* exact patterns: one lookup per form (a plain pattern never holds " > ",
     * so it can only equal the bare label) */
    for (size_t l = 0; l < nlabels; l++)
        for (int k = 0; k < 2; k++) {
            if (k == 0 && statement == MAP_STATEMENT_ANY)
                continue;
            if (labels[l] && exact_key(key, sizeof key, stmts[k], labels[l])) {
                size_t *ip = xmlHashLookup(m->exact, (const xmlChar *)key);
                if (ip && *ip < best)
                    best = *ip;
            }
        }
    /* wildcard patterns, in order, up to the best exact match */
    const size_t *w = (const size_t *)(const void *)m->wild.data;
    for (size_t i = 0; i < m->wild.len / sizeof *w && w[i] < best; i++) {
        const map_entry *c = &e[w[i]];
        if (c->statement != statement && c->statement != MAP_STATEMENT_ANY)
            continue;
        int qualified = strstr(c->pattern, " > ") != NULL;
        size_t lo = qualified ? 1 : 0, hi = qualified ? nlabels : (nlabels ? 1 : 0);
        for (size_t l = lo; l < hi; l++)
            if (labels[l] && pattern_match(c->pattern, labels[l])) {
                best = w[i];
                break;
            }
        if (best == w[i])
            break;
    }
    return best == (size_t)-1 ? NULL : &e[best];
}
