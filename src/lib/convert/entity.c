/*
 * entity.c - who the release is about.  In order: the identifier the caller
 * gave, the profile's, a CIK or LEI printed in the release, an exchange
 * ticker it prints ("NYSE: BA") whose company (in the SEC's list) it also
 * names, its name in that list when only one company has it; else its name
 * under our own scheme.  Nothing is guessed: a ticker the list does not know,
 * or gives to a company the release does not name, and a name several
 * companies share give no identifier.  Every decision is a note.
 */
#include "entity.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "companies.h"
#include "document.h"
#include "error.h"
#include "profile.h"

/* ---- Identifiers ------------------------------------------------------------ */

/* ISO 17442: 18 letters or digits and 2 check digits, ISO 7064 MOD 97-10
 * over the whole (letters as 10..35) leaving 1. */
static int lei_ok(const char *s)
{
    if (strlen(s) != 20)
        return 0;
    unsigned rem = 0;
    for (int i = 0; i < 20; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c))
            rem = (rem * 10 + (c - '0')) % 97;
        else if (c >= 'A' && c <= 'Z' && i < 18)
            rem = (rem * 100 + (c - 'A' + 10)) % 97;
        else
            return 0;
    }
    return rem == 1;
}

int entity_parse(const char *s, entity *e, r2x_error *err)
{
    memset(e, 0, sizeof *e);
    const char *colon = strchr(s, ':');
    if (!colon)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                        "entity identifier '%.200s' is not SCHEME:ID (cik:320193 or "
                        "lei:HWUPKR0MPOU8FGXBT394)", s);
    const char *id = colon + 1;
    size_t n = strlen(id);
    if ((size_t)(colon - s) == 3 && !strncasecmp(s, "cik", 3)) {
        if (!n || n > 10 || strspn(id, "0123456789") != n)
            return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                            "entity identifier '%.200s': a CIK is 1 to 10 digits", s);
        r2xi_strlcpy(e->scheme, R2X_SCHEME_CIK, sizeof e->scheme);
        snprintf(e->id, sizeof e->id, "%010lu", strtoul(id, NULL, 10));
        return R2X_OK;
    }
    if ((size_t)(colon - s) == 3 && !strncasecmp(s, "lei", 3)) {
        char up[24];
        for (size_t i = 0; i < n && i < sizeof up - 1; i++)
            up[i] = (char)toupper((unsigned char)id[i]);
        up[n < sizeof up - 1 ? n : sizeof up - 1] = '\0';
        if (n != 20 || !lei_ok(up))
            return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                            "entity identifier '%.200s': an LEI is 18 letters or digits and "
                            "2 check digits that ISO 17442's check accepts", s);
        r2xi_strlcpy(e->scheme, R2X_SCHEME_LEI, sizeof e->scheme);
        r2xi_strlcpy(e->id, up, sizeof e->id);
        return R2X_OK;
    }
    return r2xi_fail(err, R2X_EUSAGE, NULL, 0,
                    "entity identifier '%.200s': the scheme must be cik or lei", s);
}

void entity_format(const entity *e, char *out, size_t size)
{
    const char *brief = !strcmp(e->scheme, R2X_SCHEME_CIK) ? "cik"
                        : !strcmp(e->scheme, R2X_SCHEME_LEI) ? "lei"
                        : !strcmp(e->scheme, R2X_SCHEME_ENTITY_NAME) ? "name" : NULL;
    if (brief)
        snprintf(out, size, "%s:%s", brief, e->id);
    else
        snprintf(out, size, "%s %s", e->scheme, e->id);
}

const char *r2x_entity_rule_name(int rule)
{
    switch (rule) {
    case R2X_ENTITY_GIVEN: return "given";
    case R2X_ENTITY_PROFILE: return "profile";
    case R2X_ENTITY_PRINTED: return "printed";
    case R2X_ENTITY_TICKER: return "ticker";
    case R2X_ENTITY_NAME: return "name";
    case R2X_ENTITY_OWN_SCHEME: return "own-scheme";
    }
    return "none";
}

/* ---- What the rules share ---------------------------------------------------- */

typedef struct finder {
    const r2x_profile *profile;
    const r2x_document *doc;
    const char *companies_path;
    companies *list;          /* loaded when first needed */
    int list_failed;
    r2x_diag_fn diag;
    void *userdata;
    char name[160];           /* the entity's name as the release or profile gives it */
    long name_line;
    r2x_buf why_not;          /* "; "-separated reasons no rule applied */
    int oom;                  /* memory ran out: the rules' answer is not sure */
} finder;

static long line_of(const r2x_document *doc, size_t off)
{
    return (long)document_source_line(doc, document_line_of_offset(doc, off));
}

static void note(finder *f, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(finder *f, long line, const char *fmt, ...)
{
    if (!f->diag)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.severity = R2X_SEV_NOTE;
    r2xi_strlcpy(e.file, f->doc->name, sizeof e.file);
    e.line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    f->diag(f->userdata, &e);
}

/* Remember why a rule did not apply, for the warning if none does. */
static void why_not(finder *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void why_not(finder *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* capped: a reason past the cap is left out, the same each run */
    int rc = f->why_not.len ? buf_adds(&f->why_not, "; ") : R2X_OK;
    if (!rc)
        rc = buf_vaddf(&f->why_not, fmt, ap);
    f->oom |= rc == R2X_ENOMEM;
    va_end(ap);
}

static const companies *company_list(finder *f)
{
    if (f->list || f->list_failed)
        return f->list;
    r2x_error err;
    r2x_error_clear(&err);
    if (!f->companies_path || companies_load(f->companies_path, &f->list, &err)) {
        f->list_failed = 1;
        if (err.code == R2X_ENOMEM) {
            f->oom = 1;
            return NULL;
        }
        if (f->diag) {
            if (!f->companies_path)
                r2xi_strlcpy(err.message, "no company list was given", sizeof err.message);
            size_t n = strlen(err.message);
            snprintf(err.message + n, sizeof err.message - n,
                     "; tickers and names are not looked up in the SEC's company list");
            err.severity = R2X_SEV_WARNING;
            f->diag(f->userdata, &err);
        }
    }
    return f->list;
}

static int word_start(const char *text, size_t i)
{
    return i == 0 || !isalnum((unsigned char)text[i - 1]);
}

/* ---- The profile ------------------------------------------------------------- */

/* R2X_OK with out->rule set when the caller or the profile gives the
 * identifier (left 0 when neither does); an error code when the one given is
 * malformed. */
static int from_profile(finder *f, entity *out, r2x_error *err)
{
    const char *v = r2x_profile_get(f->profile, "entity");
    const char *where = profile_path(f->profile);
    if (v) {
        int rc = entity_parse(v, out, err);
        if (rc) {
            if (where && !profile_key_given(f->profile, "entity")) {
                r2xi_strlcpy(err->file, where, sizeof err->file);
                return R2X_EPROFILE;
            }
            return rc;
        }
        out->rule = profile_key_given(f->profile, "entity") ? R2X_ENTITY_GIVEN
                                                              : R2X_ENTITY_PROFILE;
        return R2X_OK;
    }
    /* the older keys: cik, and entity-scheme for another scheme */
    const char *cik = r2x_profile_get(f->profile, "cik");
    if (!cik || !*cik)
        return R2X_OK;
    const char *scheme = r2x_profile_get(f->profile, "entity-scheme");
    r2xi_strlcpy(out->scheme, scheme && *scheme ? scheme : R2X_SCHEME_CIK, sizeof out->scheme);
    r2xi_strlcpy(out->id, cik, sizeof out->id);
    out->rule = profile_key_given(f->profile, "cik") ? R2X_ENTITY_GIVEN : R2X_ENTITY_PROFILE;
    return R2X_OK;
}

/* ---- Printed identifiers ----------------------------------------------------- */

/* After a label ("CIK", "LEI"): separators, then the identifier's start. */
static const char *after_label(const char *p)
{
    while (*p == ' ' || *p == ':' || *p == '#' || *p == '-' || *p == '=' || *p == '\t')
        p++;
    if (!strncasecmp(p, "No.", 3) || !strncasecmp(p, "No ", 3)) {
        p += 3;
        while (*p == ' ' || *p == ':' || *p == '#')
            p++;
    }
    return p;
}

typedef struct printed {
    entity first;
    size_t first_off;
    int distinct;             /* how many different identifiers */
    char other[160];          /* the second, to name when there are several */
} printed;

static void saw(printed *pr, const char *scheme, const char *id, size_t off)
{
    if (!pr->distinct) {
        r2xi_strlcpy(pr->first.scheme, scheme, sizeof pr->first.scheme);
        r2xi_strlcpy(pr->first.id, id, sizeof pr->first.id);
        pr->first_off = off;
        pr->distinct = 1;
    } else if (strcmp(pr->first.id, id) || strcmp(pr->first.scheme, scheme)) {
        if (pr->distinct == 1)
            r2xi_strlcpy(pr->other, id, sizeof pr->other);
        pr->distinct++;
    }
}

static void scan_printed(const r2x_document *doc, printed *cik, printed *lei)
{
    static const struct label {
        const char *text;
        int any_case;
        int is_lei;
    } labels[] = {{"CIK", 0, 0}, {"Central Index Key", 1, 0},
                  {"LEI", 0, 1}, {"Legal Entity Identifier", 1, 1}};
    const char *t = doc->text;
    for (size_t i = 0; i < doc->len; i++) {
        if (!word_start(t, i))
            continue;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
            const struct label *l = &labels[k];
            size_t n = strlen(l->text);
            if (l->any_case ? strncasecmp(t + i, l->text, n) : strncmp(t + i, l->text, n))
                continue;
            if (isalnum((unsigned char)t[i + n]))
                continue;
            const char *p = after_label(t + i + n);
            size_t d = 0;
            if (!l->is_lei) {
                d = strspn(p, "0123456789");
                if (d >= 1 && d <= 10 && !isalnum((unsigned char)p[d])) {
                    char id[16];
                    snprintf(id, sizeof id, "%010lu", strtoul(p, NULL, 10));
                    saw(cik, R2X_SCHEME_CIK, id, i);
                }
            } else {
                while (d < 21 && (isdigit((unsigned char)p[d]) || isupper((unsigned char)p[d])))
                    d++;
                char id[24];
                if (d == 20 && !isalnum((unsigned char)p[d])) {
                    memcpy(id, p, 20);
                    id[20] = '\0';
                    if (lei_ok(id))
                        saw(lei, R2X_SCHEME_LEI, id, i);
                }
            }
        }
    }
}

static int from_printed(finder *f, entity *out)
{
    printed cik, lei;
    memset(&cik, 0, sizeof cik);
    memset(&lei, 0, sizeof lei);
    scan_printed(f->doc, &cik, &lei);
    const printed *use = cik.distinct == 1 ? &cik : lei.distinct == 1 ? &lei : NULL;
    if (cik.distinct > 1)
        why_not(f, "the release prints %d different CIKs (%s, %s, ...)", cik.distinct,
                cik.first.id, cik.other);
    if (!use && lei.distinct > 1)
        why_not(f, "the release prints %d different LEIs (%s, %s, ...)", lei.distinct,
                lei.first.id, lei.other);
    if (!use)
        return 0;
    *out = use->first;
    out->rule = R2X_ENTITY_PRINTED;
    note(f, line_of(f->doc, use->first_off), "entity %s:%s: the %s printed in the release",
         use == &cik ? "cik" : "lei", out->id, use == &cik ? "CIK" : "LEI");
    return 1;
}

/* ---- Tickers ------------------------------------------------------------------- */

/* Exchanges as releases name them before a colon and the ticker: "(NYSE:
 * BA)", "Nasdaq: META", "(NASDAQ:NFLX)"; longest first. */
static const char *const exchanges[] = {
    "Nasdaq Global Select Market", "Nasdaq Global Market", "Nasdaq Capital Market",
    "NYSE American", "NYSE Arca", "NYSE MKT", "NasdaqGS", "NasdaqGM", "NasdaqCM",
    "NYSE", "Nasdaq", "AMEX", "Cboe", NULL};

/* The ticker after an exchange name at t+i, into ticker; its length in the
 * text, 0 if there is none. */
static size_t ticker_at(const char *t, size_t i, char *exchange, size_t esize, char *ticker)
{
    for (size_t k = 0; exchanges[k]; k++) {
        size_t n = strlen(exchanges[k]);
        if (strncasecmp(t + i, exchanges[k], n) || isalnum((unsigned char)t[i + n]))
            continue;
        const char *p = t + i + n;
        while (*p == ' ')
            p++;
        if (*p != ':')
            return 0;
        p++;
        while (*p == ' ' || *p == '\n')
            p++;
        size_t m = 0;
        while (m < 6 && (isupper((unsigned char)p[m]) || (m && isdigit((unsigned char)p[m]))))
            m++;
        if (!m || m > 5)
            return 0;
        /* a class: "BRK.B", "BF-B" */
        if ((p[m] == '.' || p[m] == '-') && isupper((unsigned char)p[m + 1]) &&
            !isalnum((unsigned char)p[m + 2]))
            m += 2;
        if (isalnum((unsigned char)p[m]))
            return 0;
        memcpy(ticker, p, m);
        ticker[m] = '\0';
        snprintf(exchange, esize, "%.*s", (int)n, t + i);
        return (size_t)(p + m - (t + i));
    }
    return 0;
}

/* Does the release name the company (its name key, as words)? */
static int names_company(const char *text_key, const company *c)
{
    if (!c->key[0])
        return 0;
    char needle[300];
    snprintf(needle, sizeof needle, " %s ", c->key);
    return strstr(text_key, needle) != NULL;
}

static int from_ticker(finder *f, entity *out)
{
    const r2x_document *doc = f->doc;
    const char *t = doc->text;
    const company *found = NULL;
    size_t found_off = 0;
    char found_text[64] = "";
    int found_distinct = 0;
    char *text_key = NULL;
    for (size_t i = 0; i < doc->len; i++) {
        if (!word_start(t, i) || (t[i] != 'N' && t[i] != 'n' && t[i] != 'A' && t[i] != 'a' &&
                                  t[i] != 'C' && t[i] != 'c'))
            continue;
        char exchange[32], ticker[16];
        size_t n = ticker_at(t, i, exchange, sizeof exchange, ticker);
        if (!n)
            continue;
        const companies *list = company_list(f);
        if (!list)
            break;
        const company *c = companies_by_ticker(list, ticker);
        if (!c) {
            why_not(f, "ticker '%s: %s' (line %ld) is not in the SEC's company list", exchange,
                    ticker, line_of(doc, i));
            i += n;
            continue;
        }
        if (!text_key) {
            size_t len = doc->len < ((size_t)1 << 22) ? doc->len : ((size_t)1 << 22);
            if (company_text_key(t, len, &text_key)) {
                f->oom = 1;
                return 0;
            }
        }
        if (!names_company(text_key, c)) {
            why_not(f, "ticker '%s: %s' (line %ld) is %s (CIK %lu) in the SEC's company list, "
                    "which the release does not name", exchange, ticker, line_of(doc, i),
                    c->name, c->cik);
        } else if (!found) {
            found = c;
            found_off = i;
            snprintf(found_text, sizeof found_text, "%s: %s", exchange, ticker);
            found_distinct = 1;
        } else if (found->cik != c->cik) {
            found_distinct++;
        }
        i += n;
    }
    free(text_key);
    if (found_distinct > 1) {
        why_not(f, "the release prints tickers of %d companies it names", found_distinct);
        return 0;
    }
    if (!found)
        return 0;
    r2xi_strlcpy(out->scheme, R2X_SCHEME_CIK, sizeof out->scheme);
    snprintf(out->id, sizeof out->id, "%010lu", found->cik);
    out->rule = R2X_ENTITY_TICKER;
    r2xi_strlcpy(out->ticker, found->ticker, sizeof out->ticker);
    if (!f->name[0])
        r2xi_strlcpy(f->name, found->name, sizeof f->name);
    note(f, line_of(doc, found_off),
         "entity cik:%s: the ticker '%s' is %s in the SEC's company list (%s), and the "
         "release names it", out->id, found_text, found->name, f->companies_path);
    return 1;
}

/* ---- The name ------------------------------------------------------------------- */

static int from_name(finder *f, entity *out)
{
    if (!f->name[0])
        return 0;
    const companies *list = company_list(f);
    if (!list)
        return 0;
    const company *c;
    size_t n = companies_by_name(list, f->name, &c);
    if (n > 1) {
        why_not(f, "the name '%s' is that of %zu companies in the SEC's company list (CIK "
                "%lu %s, ...)", f->name, n, c->cik, c->name);
        return 0;
    }
    if (!n) {
        why_not(f, "no company in the SEC's company list is named '%s'", f->name);
        return 0;
    }
    r2xi_strlcpy(out->scheme, R2X_SCHEME_CIK, sizeof out->scheme);
    snprintf(out->id, sizeof out->id, "%010lu", c->cik);
    out->rule = R2X_ENTITY_NAME;
    if (c->ticker)
        r2xi_strlcpy(out->ticker, c->ticker, sizeof out->ticker);
    note(f, f->name_line, "entity cik:%s: the name '%s' is that of %s in the SEC's company "
         "list (%s), and of no other company there", out->id, f->name, c->name,
         f->companies_path);
    return 1;
}

/* ---- All of them ------------------------------------------------------------------ */

static void own_scheme(finder *f, entity *out)
{
    r2xi_strlcpy(out->scheme, R2X_SCHEME_ENTITY_NAME, sizeof out->scheme);
    /* xs:token: no line breaks or tabs, single spaces */
    size_t k = 0;
    for (const char *s = f->name; *s && k + 1 < sizeof out->id; s++) {
        int space = *s == ' ' || *s == '\t' || *s == '\n';
        if (space && (!k || out->id[k - 1] == ' '))
            continue;
        out->id[k++] = space ? ' ' : *s;
    }
    while (k && out->id[k - 1] == ' ')
        k--;
    out->id[k] = '\0';
    if (!k)
        r2xi_strlcpy(out->id, "unknown", sizeof out->id);
    out->rule = R2X_ENTITY_OWN_SCHEME;
}

int entity_identify(const r2x_profile *profile, const r2x_document *doc,
                    const char *companies_path, int strict, r2x_diag_fn diag,
                    void *userdata, entity *out, r2x_error *err)
{
    memset(out, 0, sizeof *out);
    finder f;
    memset(&f, 0, sizeof f);
    f.profile = profile;
    f.doc = doc;
    f.companies_path = companies_path;
    f.diag = diag;
    f.userdata = userdata;
    buf_init(&f.why_not, 2048);
    const char *name = r2x_profile_get(profile, "entity-name");
    if (name && *name) {
        r2xi_strlcpy(f.name, name, sizeof f.name);
        const char *at = strstr(doc->text, name);   /* where the release prints it */
        if (at)
            f.name_line = line_of(doc, (size_t)(at - doc->text));
    } else {
        size_t where = 0, times = 0;
        if (profile_infer_entity_name(doc, f.name, sizeof f.name, &where, &times) < 0)
            return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
        if (f.name[0])
            f.name_line = line_of(doc, where);
    }
    int rc = from_profile(&f, out, err);
    if (rc) {
        buf_release(&f.why_not);
        return rc;
    }
    if (out->rule) {
        char shown[sizeof out->scheme + sizeof out->id];
        entity_format(out, shown, sizeof shown);
        if (out->rule == R2X_ENTITY_GIVEN)
            note(&f, 0, "entity %s: given by the caller (--entity)", shown);
        else
            note(&f, 0, "entity %s: from the company profile %s", shown,
                 profile_path(profile) ? profile_path(profile) : "");
    }
    if (!out->rule && !from_printed(&f, out) && !from_ticker(&f, out) && !from_name(&f, out)) {
        own_scheme(&f, out);
        const char *why = f.why_not.len ? f.why_not.data
                                        : "no CIK, LEI or exchange ticker is printed in it";
        char who[200];
        if (f.name[0])
            snprintf(who, sizeof who, "the entity '%s'", out->id);
        else
            snprintf(who, sizeof who, "the entity, whose name the release does not give "
                     "either,");
        if (strict) {
            rc = r2xi_fail(err, R2X_EINPUT, doc->name, 0,
                          "no registry identifier for %s (%s); --strict refuses to identify "
                          "it by its name alone: give --entity cik:NUMBER or --entity "
                          "lei:CODE", who, why);
        } else if (diag) {
            r2xi_diag(diag, userdata, R2X_SEV_WARNING, R2X_OK, doc->name, f.name_line, 0,
                     "no registry identifier for %s (%s): it is identified as '%s' under "
                     "the scheme %s; give --entity cik:NUMBER or --entity lei:CODE for a "
                     "registry identifier", who, why, out->id, R2X_SCHEME_ENTITY_NAME);
        }
    }
    r2xi_strlcpy(out->name, f.name, sizeof out->name);
    companies_free(f.list);
    buf_release(&f.why_not);
    if (f.oom)
        return r2xi_fail(err, R2X_ENOMEM, doc->name, 0, "out of memory");
    return rc;
}
