/* labels.c - the general label table: candidate concepts for a line label.
 *
 * The table (mappings/labels.tsv) is read at once and parsed in place.  Rows
 * with the same canonical key are consecutive; a strmap finds a key's rows (an
 * exact match), and an inverted index from each word to the keys holding it
 * finds the labels that share words with one never seen (a word weighs its
 * IDF: one that many labels hold, "net", "total", weighs little).
 *
 * Scores, in [0, 1]:
 *   strength  of a row: the evidence that its label names its concept,
 *             1 - the product of (1 - s) over its forms: shown by filers of
 *             k companies s = 1 - 0.5^k (one company 0.5, two 0.75: a label
 *             one filing shows counts for less than the standard label),
 *             only once its parentheticals are removed 0.9 of that;
 *             standard label 0.8, stripped 0.7; the concept's name 0.4;
 *             edgartools' display name 0.3;
 *   common    0.8 + 0.2 * min(1, ln(1 + c) / ln(1 + 5000)), c the companies
 *             that use the concept (edgartools); 0.8 unknown;
 *   fit       of the statement: a balance sheet with a duration concept 0.4,
 *             an income or cash-flow statement with an instant one 0.6; the
 *             label shown in that statement, or the concept belonging to it,
 *             1, known to be elsewhere 0.75, unknown 0.9;
 *   exact     strength * common * fit (0.95 of it when only the label
 *             without its parentheticals matches);
 *   words     0.85 * similarity * (0.5 + 0.5 * strength) * common * fit, the
 *             similarity the weighted Dice coefficient of the canonical words
 *             (each weighing its IDF over the table's labels); 0.5 at least.
 * A concept's score is its best row's.
 */
#include "labels.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "linefile.h"
#include "mapping.h"
#include "strmap.h"

#define LABELS_MAX ((size_t)64 << 20)
#define KEY_MAX 512
#define WORDS_MIN_SIMILARITY 0.5
#define WORDS_KEYS_MAX 64          /* the most similar keys a label's candidates come from */
/* A word no table label holds (a company's name, a product) weighs this
 * share of the rarest word's weight: it makes a label less like any other,
 * but it may be noise. */
#define UNKNOWN_WORD_SHARE 0.5
/* A head's likeness counts for this share of the whole label's. */
#define HEAD_WORDS_SCALE 0.9

typedef struct label_row {
    const char *label;         /* normalised */
    const char *qname;
    unsigned forms, statements;
    int filings, companies, totals, negated;
} label_row;

typedef struct label_key {
    const char *text;          /* canonical words */
    size_t first, count;       /* its rows */
    double weight;             /* the sum of its words' IDF */
} label_key;

typedef struct label_usage {
    int statement;             /* R2X_STMT_*, -1 */
    const char *section;       /* NULL unknown */
    int total;                 /* 1, 0, -1 */
    int companies;
} label_usage;

struct label_table {
    const taxonomy *tax;
    strpool pool;              /* the keys, labels and names kept of the files */
    label_row *rows;
    size_t nrows;
    label_key *keys;
    size_t nkeys;
    strmap by_key;             /* canonical key -> its index in keys + 1 */
    strmap words;              /* word (in a key's text) -> word id + 1 */
    size_t nwords;
    double *idf;               /* by word id */
    uint32_t *post_start;      /* [nwords + 1]: the keys holding each word */
    uint32_t *postings;
    label_usage *usage;
    size_t nusage;
    strmap by_concept;         /* qname -> its index in usage + 1 */
    size_t cap_rows, cap_keys, cap_usage;   /* the arrays grow as rows are read */
};

/* ---- Canonical keys ---------------------------------------------------------------- */

static const char *const stop_words[] = {"a",  "an", "and", "at",  "by", "for", "from", "in",
                                         "its", "of", "on",  "or", "the", "to",  "with"};

static const struct {
    const char *word, *as;
} synonyms[] = {
    {"acct", "account"},      {"admin", "administrative"},
    {"amort", "amortization"}, {"capex", "capital expenditure"},
    {"depr", "depreciation"}, {"eqpt", "equipment"},
    {"equip", "equipment"},   {"exp", "expense"},
    {"govt", "government"},   {"mgmt", "management"},
    {"ppe", "property plant equipment"},
    {"sga", "selling general administrative"},
    {"shareholder", "stockholder"}, {"shareowner", "stockholder"},
    {"dilution", "diluted"},  {"dilutive", "diluted"},
    {"reinvested", "retained"},       /* "Earnings reinvested": retained earnings */
};

static int is_stop_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
        if (strlen(stop_words[i]) == n && !memcmp(stop_words[i], w, n))
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(w + n - k, suffix, k);
}

/* The singular of a word (same rules as mappings/generate-labels), in place:
 * returns the new length; "ies" -> "y" may need one byte less, never more. */
static size_t singular(char *w, size_t n)
{
    if (n > 4 && ends_with(w, n, "ies")) {
        w[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && (ends_with(w, n, "sses") || ends_with(w, n, "xes")))
        return n - 2;
    if (n > 3 && w[n - 1] == 's' && !ends_with(w, n, "ss") && !ends_with(w, n, "us") &&
        !ends_with(w, n, "is"))
        return n - 1;
    return n;
}

typedef struct key_writer {
    char *out;
    size_t size, len;
} key_writer;

static void key_add(key_writer *k, const char *w, size_t n)
{
    if (is_stop_word(w, n))
        return;
    size_t need = n + (k->len ? 1 : 0);
    if (k->len + need >= k->size)
        return;                          /* cut at a word, as label_normalize does */
    if (k->len)
        k->out[k->len++] = ' ';
    memcpy(k->out + k->len, w, n);
    k->len += n;
    k->out[k->len] = '\0';
}

/* One word (joined, if it was "non"/"pre" and a next one): singular, then its
 * synonym's words. */
static void key_word(key_writer *k, const char *w, size_t n)
{
    char buf[KEY_MAX];
    if (n >= sizeof buf)
        return;
    memcpy(buf, w, n);
    n = singular(buf, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
        if (!strcmp(buf, synonyms[i].word)) {
            for (const char *p = synonyms[i].as; *p;) {
                size_t m = strcspn(p, " ");
                key_add(k, p, m);
                p += m + (p[m] == ' ');
            }
            return;
        }
    key_add(k, buf, n);
}

/* Words a label prints either way round, the second in parentheses: "Other
 * income (expense), net" and "Other expense (income), net" name one concept.
 * Two of them side by side are written in alphabetical order (as
 * mappings/generate-labels does). */
static const char *const sign_pairs[][2] = {
    {"expense", "income"}, {"income", "loss"},   {"gain", "loss"},
    {"benefit", "expense"}, {"benefit", "provision"}, {"decrease", "increase"},
    {"earning", "loss"},   {"loss", "profit"},   {"provided", "used"},
    {"charge", "credit"},
};

static int is_sign_pair(const char *first, size_t n1, const char *second, size_t n2)
{
    for (size_t i = 0; i < sizeof sign_pairs / sizeof *sign_pairs; i++)
        if (strlen(sign_pairs[i][0]) == n2 && !memcmp(sign_pairs[i][0], second, n2) &&
            strlen(sign_pairs[i][1]) == n1 && !memcmp(sign_pairs[i][1], first, n1))
            return 1;
    return 0;
}

/* Swaps each reversed sign pair of the key in place ("income expense" ->
 * "expense income"); a swapped word is not compared again. */
static void order_sign_pairs(char *key)
{
    char *w = key;
    while (*w) {
        size_t n1 = strcspn(w, " ");
        if (!w[n1])
            break;
        char *x = w + n1 + 1;
        size_t n2 = strcspn(x, " ");
        if (is_sign_pair(w, n1, x, n2)) {
            char tmp[KEY_MAX];
            if (n1 >= sizeof tmp)
                return;
            memcpy(tmp, w, n1);
            memmove(w, x, n2);
            w[n2] = ' ';
            memcpy(w + n2 + 1, tmp, n1);
            w = x + n2;                /* just past the pair */
            if (*w)
                w++;
            continue;
        }
        w = x;
    }
}

void labels_key_normalized(const char *norm, char *out, size_t size)
{
    key_writer k = {out, size, 0};
    if (!size)
        return;
    out[0] = '\0';
    const char *p = norm;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, " ");
        const char *next = p + n;
        while (*next == ' ')
            next++;
        if ((n == 3 && (!memcmp(p, "non", 3) || !memcmp(p, "pre", 3))) && *next) {
            char joined[KEY_MAX];
            size_t m = strcspn(next, " ");
            if (n + m < sizeof joined) {
                memcpy(joined, p, n);
                memcpy(joined + n, next, m);
                key_word(&k, joined, n + m);
                p = next + m;
                continue;
            }
        }
        key_word(&k, p, n);
        p += n;
    }
    order_sign_pairs(out);
}

/* "SG&A" at s (letters, optional blanks around '&'), a whole word: its length. */
static size_t ampersand_abbreviation(const char *s, const char *start, const char **as)
{
    static const struct {
        const char *left, *right, *as;
    } abbr[] = {
        {"sg", "a", " selling general and administrative "},
        {"g", "a", " general and administrative "},
        {"r", "d", " research and development "},
        {"pp", "e", " property plant and equipment "},
    };
    if (s > start && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
        return 0;
    for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++) {
        size_t l = strlen(abbr[i].left), r = strlen(abbr[i].right);
        if (strncasecmp(s, abbr[i].left, l))
            continue;
        const char *p = s + l;
        while (isspace((unsigned char)*p))
            p++;
        if (*p++ != '&')
            continue;
        while (isspace((unsigned char)*p))
            p++;
        if (strncasecmp(p, abbr[i].right, r) || isalnum((unsigned char)p[r]) || p[r] == '_')
            continue;
        *as = abbr[i].as;
        return (size_t)(p + r - s);
    }
    return 0;
}

/* The label with "&" and its abbreviations written out (at most size bytes). */
static void expand(const char *label, char *out, size_t size)
{
    size_t n = 0;
    for (const char *s = label; *s && n + 1 < size;) {
        const char *as = NULL;
        size_t skip = ampersand_abbreviation(s, label, &as);
        if (!skip && *s == '&') {
            as = " and ";
            skip = 1;
        }
        if (skip) {
            size_t m = strlen(as);
            if (n + m >= size)
                break;
            memcpy(out + n, as, m);
            n += m;
            s += skip;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
}

void labels_key(const char *label, char *out, size_t size)
{
    char expanded[2 * KEY_MAX], norm[KEY_MAX];
    expand(label, expanded, sizeof expanded);
    label_normalize(expanded, norm, sizeof norm);
    labels_key_normalized(norm, out, size);
}

/* The label without "(...)" and "[...]": "Net cash provided by (used in)
 * operating activities".  0 if it has none. */
static int strip_parentheticals(const char *label, char *out, size_t size)
{
    size_t n = 0;
    int stripped = 0;
    for (const char *s = label; *s && n + 1 < size; s++) {
        if (*s == '(' || *s == '[') {
            size_t m = strcspn(s + 1, "()[]");
            if (s[1 + m] == ')' || s[1 + m] == ']') {
                while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
                    n--;
                out[n++] = ' ';
                s += 1 + m;
                stripped = 1;
                continue;
            }
        }
        out[n++] = *s;
    }
    out[n] = '\0';
    return stripped;
}

/* The label up to its first ',', ';', ':', dash or " - ": "Trade accounts
 * receivable, less allowances of $506" -> "Trade accounts receivable".  0 if
 * nothing is cut or nothing is left. */
static int head_of(const char *label, char *out, size_t size)
{
    size_t n = 0;
    const char *s = label;
    for (; *s && n + 1 < size; s++) {
        if (*s == ',' || *s == ';' || *s == ':' ||
            ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
             ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94)) ||
            (s[0] == ' ' && s[1] == '-' && s[2] == ' '))
            break;
        out[n++] = *s;
    }
    out[n] = '\0';
    int letters = 0;
    for (size_t i = 0; i < n; i++)
        letters |= isalpha((unsigned char)out[i]);
    return *s && letters;
}

/* ---- Loading -------------------------------------------------------------------------- */

void labels_free(label_table *t)
{
    if (!t)
        return;
    strpool_release(&t->pool);
    free(t->rows);
    free(t->keys);
    strmap_release(&t->by_key);
    strmap_release(&t->words);
    free(t->idf);
    free(t->post_start);
    free(t->postings);
    free(t->usage);
    strmap_release(&t->by_concept);
    free(t);
}

size_t labels_rows(const label_table *t)
{
    return t->nrows;
}

/* Split a line at tabs in place: the number of fields (at most max). */
static size_t split_tabs(char *line, char **field, size_t max)
{
    size_t n = 0;
    for (char *p = line; n < max;) {
        field[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static int parse_count(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 0 || v > 1000000)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_forms(char *s, unsigned *out)
{
    static const struct { const char *word; unsigned form; } forms[] = {
        {"shown", LABEL_FORM_SHOWN}, {"shown-stripped", LABEL_FORM_SHOWN_STRIPPED},
        {"standard", LABEL_FORM_STANDARD}, {"standard-stripped", LABEL_FORM_STANDARD_STRIPPED},
        {"name", LABEL_FORM_NAME}, {"display", LABEL_FORM_DISPLAY},
        {"display-stripped", LABEL_FORM_DISPLAY_STRIPPED},
    };
    *out = 0;
    for (char *w = s; *w;) {
        size_t n = strcspn(w, ",");
        unsigned f = 0;
        for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
            if (strlen(forms[i].word) == n && !strncmp(w, forms[i].word, n))
                f = forms[i].form;
        if (!f)
            return -1;
        *out |= f;
        w += n + (w[n] == ',');
    }
    return *out ? 0 : -1;
}

static int parse_statements(const char *s, unsigned *out)
{
    *out = 0;
    if (!strcmp(s, "-"))
        return 0;
    for (; *s; s++) {
        const char *at = strchr("IBCEO", *s);
        if (!at)
            return -1;
        *out |= 1u << (at - "IBCEO");
    }
    return 0;
}

/* Grow an array of *cap elements of size bytes to hold n + 1. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return R2X_OK;
    size_t ncap = *cap ? 2 * *cap : 1024;
    void *p = realloc(*arr, ncap * size);
    if (!p)
        return R2X_ENOMEM;
    *arr = p;
    *cap = ncap;
    return R2X_OK;
}

typedef struct row_reader {
    label_table *t;
    const char *path;
    long lineno;
    int (*fn)(struct row_reader *r, char *line);
    r2x_error *err;
} row_reader;

#define FAIL(r, code, ...) r2xi_fail((r)->err, code, (r)->path, (r)->lineno, __VA_ARGS__)

/* Split a row into its want fields (names lists them, the first the
 * header's): R2X_OK (*header set for the header line) or a failure. */
static int row_fields(row_reader *r, char *line, char **f, size_t want, const char *names,
                      int *header)
{
    if (split_tabs(line, f, want + 1) != want)
        return FAIL(r, R2X_EPROFILE, "expected %zu tab-separated fields: %s", want, names);
    size_t first = strcspn(names, ",");
    *header = strlen(f[0]) == first && !strncmp(f[0], names, first);
    return R2X_OK;
}

/* key label concept forms filings companies statements totals negated */
static int read_row(row_reader *r, char *line)
{
    char *f[10];
    int header;
    int rc = row_fields(r, line, f, 9, "key, label, concept, forms, filings, companies, "
                                       "statements, totals, negated", &header);
    if (rc || header)
        return rc;
    label_table *t = r->t;
    label_row row = {NULL, NULL, 0, 0, 0, 0, 0, 0};
    if (!*f[0] || !strchr(f[2], ':') || parse_forms(f[3], &row.forms) ||
        parse_count(f[4], &row.filings) || parse_count(f[5], &row.companies) ||
        parse_statements(f[6], &row.statements) || parse_count(f[7], &row.totals) ||
        parse_count(f[8], &row.negated))
        return FAIL(r, R2X_EPROFILE, "a malformed row (see mappings/README.md)");
    row.label = strpool_add(&t->pool, f[1], strlen(f[1]));
    row.qname = strpool_add(&t->pool, f[2], strlen(f[2]));
    if (!row.label || !row.qname)
        return FAIL(r, R2X_ENOMEM, "out of memory");
    if (grow((void **)&t->rows, &t->cap_rows, t->nrows, sizeof *t->rows) ||
        grow((void **)&t->keys, &t->cap_keys, t->nkeys, sizeof *t->keys))
        return FAIL(r, R2X_ENOMEM, "out of memory");
    label_key *k = t->nkeys ? &t->keys[t->nkeys - 1] : NULL;
    if (!k || strcmp(k->text, f[0])) {
        void *have;
        k = &t->keys[t->nkeys];
        *k = (label_key){strpool_add(&t->pool, f[0], strlen(f[0])), t->nrows, 0, 0};
        if (!k->text ||
            strmap_put(&t->by_key, k->text, (void *)(uintptr_t)(t->nkeys + 1), &have))
            return FAIL(r, R2X_ENOMEM, "out of memory");
        if (have)
            return FAIL(r, R2X_EPROFILE, "the rows of key '%s' must be consecutive", f[0]);
        t->nkeys++;
    }
    k->count++;
    t->rows[t->nrows++] = row;
    return R2X_OK;
}

/* text_each_line's callback: blank lines and '#' comments skipped. */
static int table_line(void *ctx, char *line, size_t len, long lineno)
{
    row_reader *r = ctx;
    r->lineno = lineno;
    if (!len || line[0] == '#')
        return R2X_OK;
    return r->fn(r, line);
}

#define KEY_WORDS_MAX 64

/* The ids of a key's distinct words (at most max), in order, each word added
 * to t->words when add is set (else a word the table lacks is left out). */
static int key_word_ids(label_table *t, const char *text, int add, uint32_t *ids, size_t max,
                        size_t *n)
{
    *n = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, " ");
        void *have = len ? strmap_getn(&t->words, p, len) : NULL;
        if (len && !have && add) {
            have = (void *)(uintptr_t)(t->nwords + 1);
            if (strmap_putn(&t->words, p, len, have, NULL))
                return R2X_ENOMEM;
            t->nwords++;
        }
        uint32_t w = (uint32_t)(uintptr_t)have;
        size_t i = 0;
        while (i < *n && ids[i] != w - 1)
            i++;
        if (w && i == *n && *n < max)
            ids[(*n)++] = w - 1;
        p += len + (p[len] == ' ');
    }
    return R2X_OK;
}

/* The inverted index: word -> the keys holding it (a counting sort by word of
 * the keys' words), each word's IDF and each key's weight (the sum of its
 * words' IDF). */
static int index_words(label_table *t)
{
    uint32_t ids[KEY_WORDS_MAX];
    r2x_buf pairs;                  /* uint32_t[]: key i's word ids from key_start[i] */
    buf_init(&pairs, R2X_BUF_NOCAP);
    size_t *key_start = malloc((t->nkeys + 1) * sizeof *key_start);
    int rc = key_start ? R2X_OK : R2X_ENOMEM;
    for (size_t i = 0; !rc && i < t->nkeys; i++) {
        size_t n;
        key_start[i] = pairs.len / sizeof *ids;
        rc = key_word_ids(t, t->keys[i].text, 1, ids, KEY_WORDS_MAX, &n);
        if (!rc && buf_add(&pairs, ids, n * sizeof *ids))
            rc = R2X_ENOMEM;
    }
    size_t npairs = pairs.len / sizeof *ids;
    const uint32_t *word = (const uint32_t *)(const void *)pairs.data;
    if (!rc) {
        key_start[t->nkeys] = npairs;
        t->idf = calloc(t->nwords + 1, sizeof *t->idf);
        t->post_start = calloc(t->nwords + 1, sizeof *t->post_start);
        t->postings = malloc((npairs + 1) * sizeof *t->postings);
        if (!t->idf || !t->post_start || !t->postings)
            rc = R2X_ENOMEM;
    }
    if (!rc) {
        for (size_t j = 0; j < npairs; j++)
            t->post_start[word[j] + 1]++;
        for (size_t w = 1; w <= t->nwords; w++)
            t->post_start[w] += t->post_start[w - 1];    /* [w]: where word w's keys start */
        uint32_t *next = t->idf ? (uint32_t *)malloc((t->nwords + 1) * sizeof *next) : NULL;
        if (!next)
            rc = R2X_ENOMEM;
        else {
            memcpy(next, t->post_start, (t->nwords + 1) * sizeof *next);
            for (size_t i = 0; i < t->nkeys; i++)
                for (size_t j = key_start[i]; j < key_start[i + 1]; j++)
                    t->postings[next[word[j]]++] = (uint32_t)i;
            free(next);
        }
    }
    if (!rc) {
        for (size_t w = 0; w < t->nwords; w++) {
            size_t df = t->post_start[w + 1] - t->post_start[w];
            t->idf[w] = log(1.0 + (double)t->nkeys / (double)(df ? df : 1));
        }
        for (size_t i = 0; i < t->nkeys; i++) {
            double sum = 0;
            for (size_t j = key_start[i]; j < key_start[i + 1]; j++)
                sum += t->idf[word[j]];
            t->keys[i].weight = sum;
        }
    }
    free(key_start);
    buf_release(&pairs);
    return rc;
}

static int statement_word(const char *w)
{
    static const struct { const char *w; int s; } words[] = {
        {"income", R2X_STMT_INCOME}, {"balance-sheet", R2X_STMT_BALANCE_SHEET},
        {"cash-flows", R2X_STMT_CASH_FLOWS}, {"equity", R2X_STMT_EQUITY},
        {"other", R2X_STMT_OTHER}, {"-", -1},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(w, words[i].w))
            return words[i].s;
    return -2;
}

/* concept statement section total companies */
static int read_usage(row_reader *r, char *line)
{
    char *f[6];
    int header;
    int rc = row_fields(r, line, f, 5, "concept, statement, section, total, companies", &header);
    if (rc || header)
        return rc;
    label_table *t = r->t;
    if (grow((void **)&t->usage, &t->cap_usage, t->nusage, sizeof *t->usage))
        return FAIL(r, R2X_ENOMEM, "out of memory");
    label_usage *u = &t->usage[t->nusage++];
    u->statement = statement_word(f[1]);
    u->section = strcmp(f[2], "-") ? strpool_add(&t->pool, f[2], strlen(f[2])) : NULL;
    const char *qname = strpool_add(&t->pool, f[0], strlen(f[0]));
    if (!qname || (strcmp(f[2], "-") && !u->section))
        return FAIL(r, R2X_ENOMEM, "out of memory");
    u->total = !strcmp(f[3], "1") ? 1 : !strcmp(f[3], "0") ? 0 : !strcmp(f[3], "-") ? -1 : -2;
    void *have;
    if (!strchr(f[0], ':') || u->statement == -2 || u->total == -2 ||
        parse_count(f[4], &u->companies))
        return FAIL(r, R2X_EPROFILE, "a malformed row (see mappings/README.md)");
    if (strmap_put(&t->by_concept, qname, (void *)(uintptr_t)t->nusage, &have))
        return FAIL(r, R2X_ENOMEM, "out of memory");
    if (have)
        return FAIL(r, R2X_EPROFILE, "concept '%s' listed twice", f[0]);
    return R2X_OK;
}

/* Read a table file with fn for each row. */
static int read_table(label_table *t, const char *path, const char *what,
                      int (*fn)(row_reader *, char *), r2x_error *err)
{
    row_reader r = {t, path, 0, fn, err};
    return text_each_line(path, LABELS_MAX, what, table_line, &r, err);
}

int labels_load(label_table **out, const char *path, const char *concepts_path,
                const taxonomy *tax, r2x_error *err)
{
    *out = NULL;
    label_table *t = calloc(1, sizeof *t);
    if (!t)
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    t->tax = tax;
    strmap_init(&t->by_key);
    strmap_init(&t->words);
    strmap_init(&t->by_concept);
    strpool_init(&t->pool);
    int rc = read_table(t, path, "label table", read_row, err);
    if (!rc && index_words(t))
        rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    if (!rc && concepts_path)
        rc = read_table(t, concepts_path, "label concept table", read_usage, err);
    if (rc) {
        labels_free(t);
        return rc;
    }
    *out = t;
    return R2X_OK;
}

/* ---- Candidates ----------------------------------------------------------------------- */

static double row_strength(const label_row *row)
{
    double miss = 1.0;              /* the product of (1 - s) */
    if (row->forms & (LABEL_FORM_SHOWN | LABEL_FORM_SHOWN_STRIPPED)) {
        double s = 1.0 - pow(0.5, row->companies > 0 ? row->companies : 1);
        miss *= 1.0 - (row->forms & LABEL_FORM_SHOWN ? s : 0.9 * s);
    }
    if (row->forms & LABEL_FORM_STANDARD)
        miss *= 1.0 - 0.8;
    else if (row->forms & LABEL_FORM_STANDARD_STRIPPED)
        miss *= 1.0 - 0.7;
    if (row->forms & LABEL_FORM_NAME)
        miss *= 1.0 - 0.4;
    if (row->forms & (LABEL_FORM_DISPLAY | LABEL_FORM_DISPLAY_STRIPPED))
        miss *= 1.0 - 0.3;
    return 1.0 - miss;
}

static unsigned statement_bit(int statement)
{
    switch (statement) {
    case R2X_STMT_INCOME:
    case R2X_STMT_SEGMENT:
        return LABEL_IN_INCOME;
    case R2X_STMT_BALANCE_SHEET:
        return LABEL_IN_BALANCE_SHEET;
    case R2X_STMT_CASH_FLOWS:
        return LABEL_IN_CASH_FLOWS;
    case R2X_STMT_EQUITY:
        return LABEL_IN_EQUITY;
    default:
        return 0;
    }
}

static double statement_fit(const label_row *row, const concept *c, const label_usage *u,
                            int statement)
{
    unsigned want = statement_bit(statement);
    if (!want)
        return 1.0;
    double fit = 1.0;
    if (c && want == LABEL_IN_BALANCE_SHEET && c->period_type == R2X_PERIOD_DURATION)
        fit *= 0.4;
    if (c && (want == LABEL_IN_INCOME || want == LABEL_IN_CASH_FLOWS) &&
        c->period_type == R2X_PERIOD_INSTANT)
        fit *= 0.6;
    unsigned known = row->statements;
    if (u && u->statement >= 0)
        known |= u->statement == R2X_STMT_OTHER ? LABEL_IN_OTHER : statement_bit(u->statement);
    return fit * (known & want ? 1.0 : known ? 0.75 : 0.9);
}

/* The concept of a row that may be offered: in the taxonomy (when there is
 * one), not deprecated; a member when members are asked for, else an item
 * that is not abstract.  *c is set. */
static int offerable(const label_table *t, const label_row *row, int members, const concept **c)
{
    *c = NULL;
    if (!t->tax) {
        size_t n = strlen(row->qname);
        return (n > 6 && !strcmp(row->qname + n - 6, "Member")) == !!members;
    }
    *c = taxonomy_find(t->tax, row->qname);
    if (!*c || (*c)->deprecated)
        return 0;
    return members ? (*c)->kind == CONCEPT_MEMBER
                   : (*c)->kind == CONCEPT_ITEM && !(*c)->abstract;
}

typedef struct collector {
    label_candidate *out;
    size_t max, n;
} collector;

static int better(const label_candidate *a, const label_candidate *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->usage_companies != b->usage_companies)
        return a->usage_companies > b->usage_companies;
    return strcmp(a->qname, b->qname) < 0;
}

/* Keep a candidate: replace the same concept's if better, else take a free
 * place or the worst one's (the list is sorted at the end). */
static void collect(collector *col, const label_candidate *c)
{
    for (size_t i = 0; i < col->n; i++)
        if (!strcmp(col->out[i].qname, c->qname)) {
            if (better(c, &col->out[i]))
                col->out[i] = *c;
            return;
        }
    if (col->n < col->max) {
        col->out[col->n++] = *c;
        return;
    }
    size_t worst = 0;
    for (size_t i = 1; i < col->n; i++)
        if (better(&col->out[worst], &col->out[i]))
            worst = i;
    if (col->n && better(c, &col->out[worst]))
        col->out[worst] = *c;
}

/* Every offerable row of a key as a candidate. */
static void candidates_of_key(const label_table *t, const label_key *k, int match,
                              double similarity, int statement, int members, collector *col)
{
    for (size_t i = k->first; i < k->first + k->count; i++) {
        const label_row *row = &t->rows[i];
        const concept *c;
        if (!offerable(t, row, members, &c))
            continue;
        uintptr_t ui = (uintptr_t)strmap_get(&t->by_concept, row->qname);
        const label_usage *u = ui ? &t->usage[ui - 1] : NULL;
        double strength = row_strength(row);
        double common = 0.8 + 0.2 * (u && u->companies > 0
                                         ? fmin(1.0, log1p(u->companies) / log1p(5000.0)) : 0);
        double fit = statement_fit(row, c, u, statement);
        double how = match == LABEL_MATCH_EXACT ? 1.0
                     : match == LABEL_MATCH_STRIPPED ? 0.95
                     : match == LABEL_MATCH_HEAD ? 0.9 : 0.8 * similarity;
        double score = how * (0.5 + 0.5 * strength) * common * fit;
        label_candidate cand = {
            row->qname, c, fmin(1.0, fmax(0.0, score)), match, similarity, row->label,
            row->forms, row->filings, row->companies, row->statements, row->totals,
            row->negated, u ? u->statement : -1, u ? u->section : NULL, u ? u->total : -1,
            u ? u->companies : 0};
        collect(col, &cand);
    }
}

typedef struct scored_key {
    uint32_t key;
    double similarity;
} scored_key;

static int by_similarity(const void *a, const void *b)
{
    const scored_key *x = a, *y = b;
    if (x->similarity != y->similarity)
        return x->similarity < y->similarity ? 1 : -1;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* The ids of the words of a label's key that the table knows (distinct, at
 * most max), and the weight of the key: the sum of its words' IDF, a word the
 * table lacks weighing as much as the rarest. */
static size_t query_words(const label_table *t, const char *key, uint32_t *ids, size_t max,
                          double *weight)
{
    size_t n = 0;
    *weight = 0;
    for (const char *p = key; *p;) {
        size_t len = strcspn(p, " ");
        uint32_t w = len ? (uint32_t)(uintptr_t)strmap_getn(&t->words, p, len) : 0;
        size_t i = 0;
        while (w && i < n && ids[i] != w - 1)
            i++;
        if (w && i == n && n < max) {
            ids[n++] = w - 1;
            *weight += t->idf[w - 1];
        } else if (!w && len) {
            *weight += UNKNOWN_WORD_SHARE * log(1.0 + (double)t->nkeys);
        }
        p += len + (p[len] == ' ');
    }
    return n;
}

/* The keys that share words with key, best first: their similarity is the
 * weighted Dice coefficient 2 S / (Q + K), S the IDF of the words in common,
 * Q and K the weights of the label and of the key, so that a key must cover
 * much of the label and the label much of the key ("Total" shares a word
 * with "Total net sales" and is not like it). */
static int similar_keys(const label_table *t, const char *key, scored_key *best, size_t *nbest)
{
    uint32_t ids[KEY_WORDS_MAX];
    double qweight;
    size_t nq = query_words(t, key, ids, KEY_WORDS_MAX, &qweight);
    *nbest = 0;
    if (!nq || qweight <= 0)
        return R2X_OK;
    double *shared = calloc(t->nkeys, sizeof *shared);
    uint32_t *touched = malloc(t->nkeys * sizeof *touched);
    if (!shared || !touched) {
        free(shared);
        free(touched);
        return R2X_ENOMEM;
    }
    size_t ntouched = 0;
    for (size_t j = 0; j < nq; j++)
        for (uint32_t p = t->post_start[ids[j]]; p < t->post_start[ids[j] + 1]; p++) {
            uint32_t k = t->postings[p];
            if (shared[k] == 0)
                touched[ntouched++] = k;
            shared[k] += t->idf[ids[j]];
        }
    for (size_t i = 0; i < ntouched; i++) {
        uint32_t k = touched[i];
        double sim = 2 * shared[k] / (qweight + t->keys[k].weight);
        if (sim < WORDS_MIN_SIMILARITY)
            continue;
        scored_key s = {k, fmin(1.0, sim)};
        if (*nbest < WORDS_KEYS_MAX) {
            best[(*nbest)++] = s;
            continue;
        }
        size_t worst = 0;
        for (size_t b = 1; b < *nbest; b++)
            if (by_similarity(&best[b], &best[worst]) > 0)
                worst = b;
        if (by_similarity(&s, &best[worst]) < 0)
            best[worst] = s;
    }
    free(shared);
    free(touched);
    qsort(best, *nbest, sizeof *best, by_similarity);
    return R2X_OK;
}

static int by_score(const void *a, const void *b)
{
    const label_candidate *x = a, *y = b;
    return better(x, y) ? -1 : better(y, x) ? 1 : 0;
}

/* Candidates of the keys like key, their similarity times scale. */
static int candidates_by_words(const label_table *t, const char *key, double scale,
                               const label_key *const *skip, size_t nskip, int statement,
                               int members, collector *col)
{
    scored_key best[WORDS_KEYS_MAX];
    size_t nbest = 0;
    int rc = similar_keys(t, key, best, &nbest);
    for (size_t i = 0; !rc && i < nbest; i++) {
        const label_key *k = &t->keys[best[i].key];
        size_t j = 0;
        while (j < nskip && skip[j] != k)
            j++;
        if (j == nskip)
            candidates_of_key(t, k, LABEL_MATCH_WORDS, scale * best[i].similarity, statement,
                              members, col);
    }
    return rc;
}

/* The label's forms: as printed, without its parentheticals, its head (up
 * to the first comma or dash); each looked up exactly, then by words. */
static int candidates(const label_table *t, const char *label, int statement, int members,
                      label_candidate *out, size_t max, size_t *n)
{
    collector col = {out, max, 0};
    *n = 0;
    if (!max)
        return R2X_OK;
    char text[3][2 * KEY_MAX], key[3][KEY_MAX];
    static const int match[3] = {LABEL_MATCH_EXACT, LABEL_MATCH_STRIPPED, LABEL_MATCH_HEAD};
    snprintf(text[0], sizeof text[0], "%s", label);
    int stripped = strip_parentheticals(label, text[1], sizeof text[1]);
    int head = head_of(text[stripped ? 1 : 0], text[2], sizeof text[2]);
    const label_key *found[3] = {NULL, NULL, NULL};
    for (int f = 0; f < 3; f++) {
        key[f][0] = '\0';
        if ((f == 1 && !stripped) || (f == 2 && !head))
            continue;
        labels_key(text[f], key[f], sizeof key[f]);
        if (!key[f][0] || (f && !strcmp(key[f], key[0])) || (f == 2 && !strcmp(key[2], key[1])))
            continue;
        uintptr_t ki = (uintptr_t)strmap_get(&t->by_key, key[f]);
        found[f] = ki ? &t->keys[ki - 1] : NULL;
        if (found[f])
            candidates_of_key(t, found[f], match[f], 1.0, statement, members, &col);
    }
    int rc = candidates_by_words(t, key[1][0] ? key[1] : key[0], 1.0, found, 3, statement,
                                 members, &col);
    if (!rc && key[2][0])
        rc = candidates_by_words(t, key[2], HEAD_WORDS_SCALE, found, 3, statement, members, &col);
    qsort(out, col.n, sizeof *out, by_score);
    *n = col.n;
    return rc;
}

int labels_candidates(const label_table *t, const char *label, int statement,
                      label_candidate *out, size_t max, size_t *n)
{
    return candidates(t, label, statement, 0, out, max, n);
}

int labels_members(const label_table *t, const char *label, label_candidate *out, size_t max,
                   size_t *n)
{
    return candidates(t, label, -1, 1, out, max, n);
}
