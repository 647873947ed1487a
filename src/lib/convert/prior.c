/*
 * prior.c - the company's last filing, indexed by its facts' values and its
 * labels (see prior.h).
 *
 * The instance (or the target instance of an Inline XBRL document, through
 * ixbrl_extract.c) is read once into an array of numeric facts sorted by
 * period and unit, then value, so that the facts a printed figure may be
 * (those that round to it at its precision) are one binary search away.
 * Concepts are kept as (kind, name): a standard concept (US-GAAP, SRT, DEI
 * of any year) by its usual prefix, the company's own by its local name;
 * they are looked up in the conversion's taxonomy only when a row asks.
 */
#include "prior.h"

#include <libxml/tree.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "decimal.h"
#include "error.h"
#include "facts.h"
#include "ixbrl_extract.h"
#include "periods.h"
#include "xbrl_ns.h"
#include "xml_hash.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define MAX_LINKBASE_BYTES (64u << 20)  /* a linkbase larger than this is not read */
#define FACT_SCORE 0.9                  /* every figure a fact: the company's word */

/* A concept and dimensions of the filing, with an entry for each sign. */
typedef struct prior_key {
    const char *prefix;       /* "us-gaap", "srt", "dei"; NULL: the company's own */
    const char *name;         /* local name (interned) */
    int period_type, unit_kind, balance;
    size_t ndims;
    int resolved;             /* 0 not yet, 1 entries hold the concept, -1 none fits */
    map_entry entry[2];       /* [0] as printed, [1] negated; dims are here */
} prior_key;

typedef struct prior_fact {
    const char *group;        /* "period|unit" (interned): facts compare within one */
    r2x_decimal value;
    size_t key;               /* into keys */
    long line;
} prior_fact;

struct prior_index {
    char name[512];           /* the path or URL as given */
    xmlDictPtr dict;          /* every string */
    r2x_buf facts;            /* prior_fact[], sorted */
    prior_key *keys;          /* fixed once loaded: entries are pointed to */
    size_t nkeys;
    xmlHashTablePtr key_ids;  /* key string -> index + 1 */
    xmlHashTablePtr labels;   /* normalised label -> concept key string, or "" when
                               * concepts disagree */
    xmlHashTablePtr balances; /* company concept name -> "debit"/"credit" */
    xmlHashTablePtr key_groups;   /* "key|group" of every fact */
    xmlHashTablePtr statements;   /* concept ("us-gaap:X", company's "X") -> bits of
                                   * the statements it is presented in */
    size_t nlabels;
};

const char *prior_name(const prior_index *p) { return p->name; }
size_t prior_fact_count(const prior_index *p) { return p->facts.len / sizeof(prior_fact); }
size_t prior_label_count(const prior_index *p) { return p->nlabels; }

static void free_nothing(void *payload, const xmlChar *name)
{
    (void)name;
    (void)payload;
}

void prior_free(prior_index *p)
{
    if (!p)
        return;
    free(p->keys);
    buf_release(&p->facts);
    xmlHashFree(p->key_ids, free_nothing);
    xmlHashFree(p->labels, free_nothing);
    xmlHashFree(p->balances, free_nothing);
    xmlHashFree(p->key_groups, free_nothing);
    xmlHashFree(p->statements, free_nothing);
    xmlDictFree(p->dict);
    free(p);
}

static const char *intern(prior_index *p, const char *s)
{
    return (const char *)xmlDictLookup(p->dict, (const xmlChar *)s, -1);
}

/* ---- Reading the instance ------------------------------------------------------ */

/* The usual prefix of a standard namespace, NULL for the company's own. */
static const char *standard_prefix(const char *ns)
{
    if (!ns)
        return NULL;
    static const struct { const char *part, *prefix; } known[] = {
        {"fasb.org/us-gaap/", "us-gaap"}, {"xbrl.us/us-gaap/", "us-gaap"},
        {"fasb.org/srt/", "srt"}, {"xbrl.sec.gov/dei/", "dei"}, {"xbrl.us/dei/", "dei"},
        {"xbrl.sec.gov/country/", "country"}, {"xbrl.sec.gov/currency/", "currency"},
        {"xbrl.sec.gov/exch/", "exch"}, {"xbrl.sec.gov/stpr/", "stpr"},
        {"xbrl.sec.gov/naics/", "naics"}, {"xbrl.sec.gov/sic/", "sic"},
        {"xbrl.sec.gov/ecd/", "ecd"}, {"xbrl.ifrs.org/taxonomy/", "ifrs-full"}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(ns, known[i].part))
            return known[i].prefix;
    return NULL;
}

static int is_elem(const xmlNode *n, const char *ns, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           !strcmp((const char *)n->name, local);
}

static const xmlNode *child_elem(const xmlNode *n, const char *ns, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_elem(c, ns, local))
            return c;
    return NULL;
}

static int text_of(const xmlNode *n, char *out, size_t size)
{
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    if (!t)
        return -1;
    const char *s = (const char *)t;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    r2xi_strlcpy(out, s, size);
    size_t len = strlen(out);
    while (len && (out[len - 1] == ' ' || out[len - 1] == '\t' || out[len - 1] == '\n' ||
                   out[len - 1] == '\r'))
        out[--len] = '\0';
    xmlFree(t);
    return 0;
}

/* "2023-12-31" */
static int read_date(const xmlNode *n, r2x_date *d)
{
    char s[40];
    if (text_of(n, s, sizeof s) || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    d->year = atoi(s);
    d->month = atoi(s + 5);
    d->day = atoi(s + 8);
    return d->year > 0 && d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31 ? 0
                                                                                          : -1;
}

/* A QName in element n's text as "prefix:name" with the standard prefix of
 * its namespace, or the company's "name" alone. */
static int qname_text(prior_index *p, xmlNode *n, const char *text, const char **out)
{
    const char *colon = strchr(text, ':');
    char prefix[128] = "";
    if (colon && (size_t)(colon - text) < sizeof prefix)
        memcpy(prefix, text, (size_t)(colon - text)), prefix[colon - text] = '\0';
    xmlNsPtr ns = xmlSearchNs(n->doc, n, colon ? (const xmlChar *)prefix : NULL);
    const char *sp = standard_prefix(ns ? (const char *)ns->href : NULL);
    char q[512];
    snprintf(q, sizeof q, "%s%s%s", sp ? sp : "", sp ? ":" : "", colon ? colon + 1 : text);
    *out = intern(p, q);
    return *out ? 0 : -1;
}

typedef struct ctx_info {
    r2x_period period;
    size_t ndims;
    const char *dims[MAP_MAX_DIMS][2];
    int usable;
} ctx_info;

static void read_context(prior_index *p, xmlNode *c, ctx_info *ci)
{
    memset(ci, 0, sizeof *ci);
    const xmlNode *per = child_elem(c, XBRLI_NS, "period");
    const xmlNode *inst = child_elem(per, XBRLI_NS, "instant");
    if (inst) {
        ci->period.kind = R2X_PERIOD_INSTANT;
        ci->usable = !read_date(inst, &ci->period.end);
    } else {
        ci->period.kind = R2X_PERIOD_DURATION;
        ci->usable = !read_date(child_elem(per, XBRLI_NS, "startDate"), &ci->period.start) &&
                     !read_date(child_elem(per, XBRLI_NS, "endDate"), &ci->period.end);
    }
    const xmlNode *holders[2] = {child_elem(child_elem(c, XBRLI_NS, "entity"), XBRLI_NS,
                                            "segment"),
                                 child_elem(c, XBRLI_NS, "scenario")};
    for (int h = 0; h < 2 && ci->usable; h++)
        for (xmlNode *m = holders[h] ? holders[h]->children : NULL; m && ci->usable; m = m->next) {
            if (m->type != XML_ELEMENT_NODE)
                continue;
            /* typed members and anything else: no fact of this context is used */
            if (!is_elem(m, XBRLDI_NS, "explicitMember") || ci->ndims == MAP_MAX_DIMS) {
                ci->usable = 0;
                break;
            }
            char text[256];
            xmlChar *dim = xmlGetProp(m, (const xmlChar *)"dimension");
            if (!dim || text_of(m, text, sizeof text) ||
                qname_text(p, m, (const char *)dim, &ci->dims[ci->ndims][0]) ||
                qname_text(p, m, text, &ci->dims[ci->ndims][1]))
                ci->usable = 0;
            ci->ndims++;
            xmlFree(dim);
        }
}

/* A measure's local name ("iso4217:USD" -> "USD") into out (64 bytes). */
static const char *measure_name(const xmlNode *m, char *out)
{
    char s[128];
    if (!m || text_of(m, s, sizeof s))
        return NULL;
    const char *colon = strchr(s, ':');
    r2xi_strlcpy(out, colon ? colon + 1 : s, 64);
    return out;
}

/* The unit as r2x_unit_format writes a release's ("USD", "USD/shares"),
 * with its kind. */
static int read_unit(const xmlNode *u, char *key, size_t size, int *kind)
{
    const xmlNode *div = child_elem(u, XBRLI_NS, "divide");
    if (div) {
        char nb[64], db[64];
        const char *num = measure_name(child_elem(child_elem(div, XBRLI_NS, "unitNumerator"),
                                                  XBRLI_NS, "measure"), nb);
        const char *den = measure_name(child_elem(child_elem(div, XBRLI_NS,
                                                             "unitDenominator"),
                                                  XBRLI_NS, "measure"), db);
        if (!num || !den)
            return -1;
        snprintf(key, size, "%s/%s", num, den);
        *kind = R2X_UNIT_PER_SHARE;
        return 0;
    }
    char mb[64];
    const char *m = measure_name(child_elem(u, XBRLI_NS, "measure"), mb);
    if (!m)
        return -1;
    r2xi_strlcpy(key, m, size);
    *kind = !strcmp(m, "shares") ? R2X_UNIT_SHARES : !strcmp(m, "pure") ? R2X_UNIT_PURE
            : strlen(m) == 3 && m[0] >= 'A' && m[0] <= 'Z' ? R2X_UNIT_CURRENCY
                                                           : R2X_UNIT_OTHER;
    return 0;
}

/* An xs:decimal's lexical form, exactly; -1 when it is none or needs more
 * than 18 digits. */
static int parse_decimal(const char *s, r2x_decimal *out)
{
    int neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int64_t coef = 0;
    int exp = 0, digits = 0, point = 0, any = 0, zeros = 0;
    for (; *s; s++) {
        if (*s == '.' && !point) {
            point = 1;
            continue;
        }
        if (*s < '0' || *s > '9')
            return -1;
        any = 1;
        if (point)
            exp--;
        if (*s == '0' && coef) {
            zeros++;          /* held back: trailing zeros need no digits */
            continue;
        }
        if (*s == '0')
            continue;
        for (; zeros; zeros--, digits++)
            coef *= 10;
        if (++digits > R2X_DECIMAL_MAX_DIGITS)
            return -1;
        coef = coef * 10 + (*s - '0');
    }
    if (!any)
        return -1;
    out->coef = neg ? -coef : coef;
    out->exp = exp + zeros;
    if (!coef)
        out->exp = 0;
    return 0;
}

static void group_key(const r2x_period *per, const char *unit, char *out, size_t size)
{
    char a[16], z[16];
    r2x_date_format(per->end, z);
    if (per->kind == R2X_PERIOD_INSTANT) {
        snprintf(out, size, "I%s|%s", z, unit);
    } else {
        r2x_date_format(per->start, a);
        snprintf(out, size, "D%s:%s|%s", a, z, unit);
    }
}

typedef struct reader {
    prior_index *p;
    xmlHashTablePtr contexts;     /* id -> ctx_info* */
    xmlHashTablePtr units;        /* id -> interned "USD" with kind in units_kind */
    r2x_buf keys;                 /* prior_key[] while reading */
    r2x_buf owned;                /* ctx_info* to free */
} reader;

static void free_payload(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

static int key_index(reader *r, const char *qname, const ctx_info *ci, int period_type,
                     int unit_kind, size_t *out)
{
    char k[2048];
    int len = snprintf(k, sizeof k, "%s", qname);
    for (size_t d = 0; d < ci->ndims && len < (int)sizeof k; d++)
        len += snprintf(k + len, sizeof k - (size_t)len, "|%s=%s", ci->dims[d][0],
                        ci->dims[d][1]);
    void *have = xmlHashLookup(r->p->key_ids, (const xmlChar *)k);
    if (have) {
        *out = (size_t)(uintptr_t)have - 1;
        return R2X_OK;
    }
    prior_key key;
    memset(&key, 0, sizeof key);
    const char *colon = strchr(qname, ':');
    if (colon) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - qname), qname);
        key.prefix = intern(r->p, prefix);
        key.name = intern(r->p, colon + 1);
    } else {
        key.name = qname;
    }
    key.period_type = period_type;
    key.unit_kind = unit_kind;
    key.ndims = ci->ndims;
    for (int s = 0; s < 2; s++) {
        key.entry[s].negate = s;
        key.entry[s].company = 1;
        key.entry[s].file = r->p->name;
        key.entry[s].ndims = ci->ndims;
        for (size_t d = 0; d < ci->ndims; d++) {
            /* interned, never freed through the entry */
            key.entry[s].dims[d].axis = (char *)(uintptr_t)ci->dims[d][0];
            key.entry[s].dims[d].member = (char *)(uintptr_t)ci->dims[d][1];
        }
    }
    if ((colon && (!key.prefix || !key.name)) ||
        buf_add(&r->keys, &key, sizeof key))
        return R2X_ENOMEM;
    *out = r->keys.len / sizeof key - 1;
    if (xmlHashAddEntry(r->p->key_ids, (const xmlChar *)k, (void *)(uintptr_t)(*out + 1)))
        return R2X_ENOMEM;
    return R2X_OK;
}

static int read_fact(reader *r, xmlNode *n)
{
    xmlChar *cref = xmlGetProp(n, (const xmlChar *)"contextRef");
    xmlChar *uref = xmlGetProp(n, (const xmlChar *)"unitRef");
    xmlChar *nil = xmlGetNsProp(n, (const xmlChar *)"nil", (const xmlChar *)XSI_NS);
    int rc = R2X_OK;
    const ctx_info *ci = cref ? xmlHashLookup(r->contexts, cref) : NULL;
    const char *unit = uref ? xmlHashLookup(r->units, uref) : NULL;
    char text[128];
    r2x_decimal v;
    if (ci && ci->usable && unit && !(nil && !strcmp((const char *)nil, "true")) &&
        !text_of(n, text, sizeof text) && !parse_decimal(text, &v)) {
        const char *sp = standard_prefix(n->ns ? (const char *)n->ns->href : NULL);
        char q[512];
        snprintf(q, sizeof q, "%s%s%s", sp ? sp : "", sp ? ":" : "", (const char *)n->name);
        const char *bar = strchr(unit, '|');
        int kind = atoi(bar + 1);
        char uname[64];
        snprintf(uname, sizeof uname, "%.*s", (int)(bar - unit), unit);
        char g[128];
        group_key(&ci->period, uname, g, sizeof g);
        prior_fact f;
        memset(&f, 0, sizeof f);
        f.group = intern(r->p, g);
        f.value = v;
        f.line = (long)xmlGetLineNo(n);
        const char *qi = intern(r->p, q);
        if (!f.group || !qi)
            rc = R2X_ENOMEM;
        if (!rc)
            rc = key_index(r, qi, ci, ci->period.kind, kind, &f.key);
        if (!rc && buf_add(&r->p->facts, &f, sizeof f))
            rc = R2X_ENOMEM;
        char kg[200];
        snprintf(kg, sizeof kg, "%zu|%s", f.key, f.group);
        if (!rc && xmlHashAddEntry(r->p->key_groups, (const xmlChar *)kg, (void *)1) &&
            !xmlHashLookup(r->p->key_groups, (const xmlChar *)kg))
            rc = R2X_ENOMEM;
    }
    xmlFree(cref);
    xmlFree(uref);
    xmlFree(nil);
    return rc;
}

static int read_instance(reader *r, xmlNode *root)
{
    for (xmlNode *n = root->children; n; n = n->next) {
        if (is_elem(n, XBRLI_NS, "context")) {
            xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
            ctx_info *ci = malloc(sizeof *ci);
            if (!ci || !id) {
                free(ci);
                xmlFree(id);
                if (!id)
                    continue;
                return R2X_ENOMEM;
            }
            read_context(r->p, n, ci);
            int added = !xmlHashAddEntry(r->contexts, id, ci);
            if (!added)
                free(ci);
            xmlFree(id);
        } else if (is_elem(n, XBRLI_NS, "unit")) {
            xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
            char key[160], full[200];
            int kind;
            if (id && !read_unit(n, key, sizeof key, &kind)) {
                snprintf(full, sizeof full, "%s|%d", key, kind);
                const char *s = intern(r->p, full);
                if (!s || (xmlHashAddEntry(r->units, id, (void *)(uintptr_t)s) &&
                           !xmlHashLookup(r->units, id))) {
                    xmlFree(id);
                    return R2X_ENOMEM;
                }
            }
            xmlFree(id);
        }
    }
    for (xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !n->ns ||
            !strcmp((const char *)n->ns->href, XBRLI_NS) ||
            !strcmp((const char *)n->ns->href, LINK_NS))
            continue;
        int rc = read_fact(r, n);
        if (rc)
            return rc;
    }
    return R2X_OK;
}

static int by_group_value(const void *a, const void *b)
{
    const prior_fact *x = a, *y = b;
    int c = strcmp(x->group, y->group);
    if (c)
        return c;
    c = r2x_decimal_cmp(x->value, y->value);
    if (c)
        return c;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* ---- Labels --------------------------------------------------------------------- */

/* "us-gaap_Revenues" (EDGAR's id convention) -> a key as facts have it. */
static const char *concept_of_fragment(prior_index *p, const char *href, const char *company)
{
    const char *hash = strchr(href, '#');
    if (!hash)
        return NULL;
    const char *id = hash + 1, *us = strchr(id, '_');
    if (!us)
        return NULL;
    char prefix[64], q[512];
    snprintf(prefix, sizeof prefix, "%.*s", (int)(us - id), id);
    const char *file = href;
    for (const char *c = href; c < hash; c++)
        if (*c == '/')
            file = c + 1;
    int own = company && strlen(company) == (size_t)(hash - file) &&
              !strncmp(file, company, (size_t)(hash - file));
    if (own)
        snprintf(q, sizeof q, "%s", us + 1);
    else if (!strcmp(prefix, "us-gaap") || !strcmp(prefix, "srt") || !strcmp(prefix, "dei"))
        snprintf(q, sizeof q, "%s:%s", prefix, us + 1);
    else
        return NULL;
    return intern(p, q);
}

/* A label without its parenthesised words and the slash that joins them:
 * "Income/(loss) from operating investments, net" -> "Income from operating
 * investments, net". */
static void strip_parens(const char *in, char *out, size_t size)
{
    size_t o = 0;
    int depth = 0;
    for (const char *c = in; *c && o + 1 < size; c++) {
        if (*c == '(') {
            depth++;
            if (o && out[o - 1] == '/')
                o--;
        } else if (*c == ')' && depth) {
            depth--;
            if (c[1] == '/')
                c++;
        } else if (!depth) {
            out[o++] = *c;
        }
    }
    out[o] = '\0';
}

static void add_label_form(prior_index *p, const char *text, const char *qname);

static void add_label(prior_index *p, const char *text, const char *qname)
{
    char stripped[1024];
    add_label_form(p, text, qname);
    strip_parens(text, stripped, sizeof stripped);
    if (strcmp(stripped, text))
        add_label_form(p, stripped, qname);
}

static void add_label_form(prior_index *p, const char *text, const char *qname)
{
    char norm[512];
    label_normalize(text, norm, sizeof norm);
    if (!norm[0])
        return;
    const char *have = xmlHashLookup(p->labels, (const xmlChar *)norm);
    if (!have) {
        if (!xmlHashAddEntry(p->labels, (const xmlChar *)norm, (void *)(uintptr_t)qname))
            p->nlabels++;
    } else if (have != qname && *have) {
        xmlHashUpdateEntry(p->labels, (const xmlChar *)norm, (void *)(uintptr_t)"",
                           free_nothing);
    }
}

static const char *attr(xmlNode *n, const char *ns, const char *name, char *out, size_t size)
{
    xmlChar *v = ns ? xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns)
                    : xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    r2xi_strlcpy(out, (const char *)v, size);
    xmlFree(v);
    return out;
}

static void free_chain(void *payload, const xmlChar *name)
{
    (void)name;
    buf_release(payload);
    free(payload);
}

/* A label linkbase: loc -> concept, label resource -> text, arcs join them. */
static void read_labels(prior_index *p, xmlNode *root, const char *schema_file)
{
    xmlHashTablePtr locs = xml_hash_new(256), texts = xml_hash_new(256);
    if (!locs || !texts)
        goto done;
    for (xmlNode *l = root->children; l; l = l->next) {
        if (!is_elem(l, LINK_NS, "labelLink"))
            continue;
        for (int pass = 0; pass < 2; pass++)
            for (xmlNode *n = l->children; n; n = n->next) {
                char lab[256], buf[1024];
                if (!pass && is_elem(n, LINK_NS, "loc") && attr(n, XLINK_NS, "label", lab, sizeof lab) &&
                    attr(n, XLINK_NS, "href", buf, sizeof buf)) {
                    const char *c = concept_of_fragment(p, buf, schema_file);
                    if (c)
                        xmlHashAddEntry(locs, (const xmlChar *)lab, (void *)(uintptr_t)c);
                } else if (!pass && is_elem(n, LINK_NS, "label") &&
                           attr(n, XLINK_NS, "label", lab, sizeof lab)) {
                    char role[256] = "";
                    attr(n, XLINK_NS, "role", role, sizeof role);
                    if (strstr(role, "documentation") || text_of(n, buf, sizeof buf))
                        continue;
                    const char *t = intern(p, buf);
                    if (!t)
                        continue;
                    /* several labels under one xlink:label: kept as a chain */
                    r2x_buf *chain = xmlHashLookup(texts, (const xmlChar *)lab);
                    if (!chain) {
                        chain = malloc(sizeof *chain);
                        if (!chain)
                            continue;
                        buf_init(chain, R2X_BUF_NOCAP);
                        if (xmlHashAddEntry(texts, (const xmlChar *)lab, chain)) {
                            free(chain);
                            continue;
                        }
                    }
                    if (buf_add(chain, &t, sizeof t))
                        continue;
                } else if (pass && is_elem(n, LINK_NS, "labelArc")) {
                    char from[256], to[256];
                    if (!attr(n, XLINK_NS, "from", from, sizeof from) ||
                        !attr(n, XLINK_NS, "to", to, sizeof to))
                        continue;
                    const char *c = xmlHashLookup(locs, (const xmlChar *)from);
                    r2x_buf *chain = xmlHashLookup(texts, (const xmlChar *)to);
                    if (!c || !chain)
                        continue;
                    const char *const *ts = (const char *const *)(const void *)chain->data;
                    for (size_t i = 0; i < chain->len / sizeof *ts; i++)
                        add_label(p, ts[i], c);
                }
            }
    }
done:
    xmlHashFree(locs, free_nothing);
    xmlHashFree(texts, free_chain);
}

/* The statement a presentation network is, by its role URI
 * (".../role/ConsolidatedStatementsofCashFlows"): a bit of
 * enum r2x_statement, 0 none. */
static unsigned statement_of_role(const char *role)
{
    const char *tail = strrchr(role, '/');
    char low[256];
    size_t n = 0;
    for (const char *c = tail ? tail + 1 : role; *c && n + 1 < sizeof low; c++)
        low[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    low[n] = '\0';
    static const char *const not_face[] = {"parenthetical", "details", "tables", "policies",
                                           "narrative", "comprehensive", "equity", NULL};
    for (size_t i = 0; not_face[i]; i++)
        if (strstr(low, not_face[i]))
            return 0;
    if (strstr(low, "cashflow"))
        return 1u << R2X_STMT_CASH_FLOWS;
    if (strstr(low, "balancesheet") || strstr(low, "financialposition") ||
        strstr(low, "financialcondition"))
        return 1u << R2X_STMT_BALANCE_SHEET;
    if (strstr(low, "operations") || strstr(low, "income") || strstr(low, "earnings"))
        return 1u << R2X_STMT_INCOME;
    return 0;
}

/* A presentation linkbase: the statements each concept is shown in. */
static void read_statements(prior_index *p, xmlNode *root, const char *schema_file)
{
    for (xmlNode *l = root ? root->children : NULL; l; l = l->next) {
        char role[512], href[1024];
        if (!is_elem(l, LINK_NS, "presentationLink") ||
            !attr(l, XLINK_NS, "role", role, sizeof role))
            continue;
        unsigned bit = statement_of_role(role);
        for (xmlNode *n = l->children; n && bit; n = n->next) {
            if (!is_elem(n, LINK_NS, "loc") || !attr(n, XLINK_NS, "href", href, sizeof href))
                continue;
            const char *c = concept_of_fragment(p, href, schema_file);
            if (!c)
                continue;
            uintptr_t have = (uintptr_t)xmlHashLookup(p->statements, (const xmlChar *)c);
            if (!have)
                xmlHashAddEntry(p->statements, (const xmlChar *)c, (void *)(uintptr_t)bit);
            else if (!(have & bit))
                xmlHashUpdateEntry(p->statements, (const xmlChar *)c,
                                   (void *)(uintptr_t)(have | bit), free_nothing);
        }
    }
}

/* The company's schema: each concept's balance, and its label linkbases. */
static void read_schema(prior_index *p, fetcher *f, const char *url, r2x_diag_fn diag,
                        void *ud)
{
    char *data = NULL, *resolved = NULL;
    size_t len;
    r2x_error e;
    memset(&e, 0, sizeof e);
    xmlDocPtr doc = NULL;
    if (fetcher_get(f, url, NULL, &data, &len, &resolved, &e) ||
        ixbrl_parse_memory(resolved, data, len, &doc, &e)) {
        if (diag) {
            e.severity = R2X_SEV_NOTE;
            if (!e.file[0])
                r2xi_strlcpy(e.file, p->name, sizeof e.file);
            char m[sizeof e.message];
            snprintf(m, sizeof m, "the prior filing's labels are not used: %.900s", e.message);
            r2xi_strlcpy(e.message, m, sizeof e.message);
            diag(ud, &e);
        }
        free(data);
        free(resolved);
        return;
    }
    free(data);
    xmlNode *root = xmlDocGetRootElement(doc);
    const char *slash = strrchr(resolved, '/');
    const char *schema_file = slash ? slash + 1 : resolved;
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        char name[256], bal[16];
        if (is_elem(n, XSD_NS, "element") && attr(n, NULL, "name", name, sizeof name) &&
            attr(n, XBRLI_NS, "balance", bal, sizeof bal)) {
            const char *k = intern(p, name), *b = intern(p, bal);
            if (k && b)
                xmlHashAddEntry(p->balances, (const xmlChar *)k, (void *)(uintptr_t)b);
        }
    }
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_elem(n, XSD_NS, "annotation"))
            continue;
        for (xmlNode *a = n->children; a; a = a->next) {
            if (!is_elem(a, XSD_NS, "appinfo"))
                continue;
            for (xmlNode *lr = a->children; lr; lr = lr->next) {
                char href[1024], role[256] = "";
                if (!is_elem(lr, LINK_NS, "linkbaseRef") ||
                    !attr(lr, XLINK_NS, "href", href, sizeof href))
                    continue;
                attr(lr, XLINK_NS, "role", role, sizeof role);
                int is_lab = strstr(role, "labelLinkbaseRef") || strstr(href, "_lab.");
                int is_pre = strstr(role, "presentationLinkbaseRef") || strstr(href, "_pre.");
                if (!is_lab && !is_pre)
                    continue;
                char *ld = NULL, *lres = NULL;
                size_t ll;
                xmlDocPtr lab = NULL;
                r2x_error le;
                memset(&le, 0, sizeof le);
                if (!fetcher_get(f, href, resolved, &ld, &ll, &lres, &le) && ll <= MAX_LINKBASE_BYTES &&
                    !ixbrl_parse_memory(lres, ld, ll, &lab, &le))
                    (is_lab ? read_labels : read_statements)(p, xmlDocGetRootElement(lab),
                                                             schema_file);
                else if (diag) {
                    le.severity = R2X_SEV_NOTE;
                    diag(ud, &le);
                }
                xmlFreeDoc(lab);
                free(ld);
                free(lres);
            }
        }
    }
    xmlFreeDoc(doc);
    free(resolved);
}

static void read_dts_labels(prior_index *p, fetcher *f, xmlNode *root, const char *base,
                            r2x_diag_fn diag, void *ud)
{
    const xmlNode *ref = child_elem(root, LINK_NS, "schemaRef");
    char href[1024];
    if (!ref || !attr((xmlNode *)(uintptr_t)ref, XLINK_NS, "href", href, sizeof href))
        return;
    char *url = fetch_resolve(base, href);
    if (url)
        read_schema(p, f, url, diag, ud);
    free(url);
}

/* ---- Loading -------------------------------------------------------------------- */

static int to_instance(const char *name, const char *data, size_t len, xmlDocPtr *inst,
                       r2x_error *err)
{
    xmlDocPtr doc;
    int rc = ixbrl_parse_memory(name, data, len, &doc, err);
    const char *why = "not well-formed XML (Inline XBRL must be XHTML): ";
    if (rc == R2X_EINPUT && !strncmp(err->message, why, strlen(why))) {
        char m[sizeof err->message];
        snprintf(m, sizeof m, "not an XBRL instance or an Inline XBRL document: not "
                 "well-formed XML: %.900s", err->message + strlen(why));
        r2xi_strlcpy(err->message, m, sizeof err->message);
    }
    if (rc)
        return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root && is_elem(root, XBRLI_NS, "xbrl")) {
        *inst = doc;
        return R2X_OK;
    }
    if (!root || !root->ns || strcmp((const char *)root->ns->href, XHTML_NS)) {
        rc = r2xi_fail(err, R2X_EINPUT, name, 0, "not an XBRL instance or an Inline XBRL "
                      "document (its root is <%s>)", root ? (const char *)root->name : "");
        xmlFreeDoc(doc);
        return rc;
    }
    size_t nfacts = 0;
    rc = ixbrl_extract(doc, name, NULL, NULL, inst, &nfacts, NULL, err);
    xmlFreeDoc(doc);
    return rc;
}

int prior_load(const char *path, fetcher *f, r2x_diag_fn diag, void *diag_userdata,
               prior_index **out, r2x_error *err)
{
    *out = NULL;
    char *data = NULL, *resolved = NULL;
    size_t len = 0;
    int rc = fetcher_get(f, path, NULL, &data, &len, &resolved, err);
    if (rc)
        return rc;
    xmlDocPtr inst = NULL;
    rc = to_instance(path, data, len, &inst, err);
    free(data);
    if (rc) {
        free(resolved);
        return rc;
    }
    prior_index *p = calloc(1, sizeof *p);
    reader r;
    memset(&r, 0, sizeof r);
    buf_init(&r.keys, R2X_BUF_NOCAP);
    if (p) {
        r2xi_strlcpy(p->name, path, sizeof p->name);
        buf_init(&p->facts, R2X_BUF_NOCAP);
        p->dict = xmlDictCreate();
        p->key_ids = xml_hash_new(1024);
        p->labels = xml_hash_new(1024);
        p->balances = xml_hash_new(256);
        p->key_groups = xml_hash_new(4096);
        p->statements = xml_hash_new(512);
    }
    r.p = p;
    r.contexts = xml_hash_new(1024);
    r.units = xml_hash_new(16);
    if (!p || !p->dict || !p->key_ids || !p->labels || !p->balances || !p->key_groups || !p->statements || !r.contexts || !r.units)
        rc = R2X_ENOMEM;
    xmlNode *root = xmlDocGetRootElement(inst);
    if (!rc)
        rc = read_instance(&r, root);
    if (!rc) {
        p->nkeys = r.keys.len / sizeof(prior_key);
        p->keys = malloc((p->nkeys ? p->nkeys : 1) * sizeof *p->keys);
        if (!p->keys)
            rc = R2X_ENOMEM;
        else if (p->nkeys)
            memcpy(p->keys, r.keys.data, r.keys.len);
    }
    if (!rc && !prior_fact_count(p))
        rc = r2xi_fail(err, R2X_EINPUT, path, 0, "the prior filing holds no numeric fact "
                      "to bind lines with");
    else if (!rc) {
        qsort(p->facts.data, prior_fact_count(p), sizeof(prior_fact), by_group_value);
        read_dts_labels(p, f, root, resolved, diag, diag_userdata);
    }
    xmlHashFree(r.contexts, free_payload);
    xmlHashFree(r.units, free_nothing);
    buf_release(&r.keys);
    xmlFreeDoc(inst);
    free(resolved);
    if (rc == R2X_ENOMEM)
        r2xi_fail(err, rc, path, 0, "out of memory");
    if (rc) {
        prior_free(p);
        return rc;
    }
    *out = p;
    return R2X_OK;
}

/* ---- Matching -------------------------------------------------------------------- */

static const char *type_for_unit(int unit_kind)
{
    switch (unit_kind) {
    case R2X_UNIT_CURRENCY: return "xbrli:monetaryItemType";
    case R2X_UNIT_PER_SHARE: return "dtr-types:perShareItemType";
    case R2X_UNIT_SHARES: return "xbrli:sharesItemType";
    case R2X_UNIT_PURE: return "xbrli:pureItemType";
    }
    return "xbrli:decimalItemType";
}

/* The concept in tax a filing's (prefix, name) is: the standard one (or what
 * replaced it, if deprecated), or the company's declared under ext_prefix. */
static int resolve_concept(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                           const char *prefix, const char *name, int period_type,
                           int unit_kind, const concept **out, r2x_error *err)
{
    char q[600];
    *out = NULL;
    if (prefix) {
        snprintf(q, sizeof q, "%s:%s", prefix, name);
        const concept *c = taxonomy_find(tax, q);
        if (!c || c->deprecated) {
            const concept *const *by;
            if (taxonomy_replaced_by(tax, q, &by) == 1)
                c = by[0];
        }
        *out = c;
        return R2X_OK;
    }
    if (!ext_prefix)
        return R2X_OK;
    snprintf(q, sizeof q, "%s:%s", ext_prefix, name);
    const concept *have = taxonomy_find(tax, q);
    if (have) {
        *out = have;
        return R2X_OK;
    }
    const char *b = xmlHashLookup(p->balances, (const xmlChar *)name);
    int balance = !b ? BALANCE_NONE : !strcmp(b, "debit") ? BALANCE_DEBIT : BALANCE_CREDIT;
    return taxonomy_add_extension(tax, q, type_for_unit(unit_kind), period_type, balance, NULL,
                                  out, err);
}

static int resolve_key(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                       prior_key *k, r2x_error *err)
{
    if (k->resolved)
        return R2X_OK;
    /* dimensions only of standard axes and members: ours declares no
     * extension members */
    for (size_t d = 0; d < k->ndims; d++)
        if (!taxonomy_find(tax, k->entry[0].dims[d].axis) ||
            !taxonomy_find(tax, k->entry[0].dims[d].member)) {
            k->resolved = -1;
            return R2X_OK;
        }
    const concept *c;
    int rc = resolve_concept(p, tax, ext_prefix, k->prefix, k->name, k->period_type,
                             k->unit_kind, &c, err);
    if (rc)
        return rc;
    k->resolved = c ? 1 : -1;
    k->entry[0].concept = k->entry[1].concept = c;
    return R2X_OK;
}

/* The first fact of group g (or of a later group). */
static size_t group_start(const prior_fact *f, size_t n, const char *g)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(f[mid].group, g) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first fact of group g not less than v. */
static size_t lower_bound(const prior_fact *f, size_t n, const char *g, r2x_decimal v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f[mid].group, g);
        if (c < 0 || (!c && r2x_decimal_cmp(f[mid].value, v) < 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct tally {
    size_t key;
    size_t ndims;             /* the key's: fewer first among equals */
    size_t present;           /* columns whose periods the key has facts in */
    int negate;
    size_t hits;
    size_t strong;            /* hits by figures of three digits or more */
    long line;
} tally;

enum { MAX_TALLY = 64 };

static void count_hit(tally *ts, size_t *nt, size_t key, size_t ndims, int negate, long line,
                      int strong)
{
    for (size_t i = 0; i < *nt; i++)
        if (ts[i].key == key && ts[i].negate == negate) {
            ts[i].hits++;
            ts[i].strong += (size_t)strong;
            return;
        }
    if (*nt < MAX_TALLY)
        ts[(*nt)++] = (tally){key, ndims, 0, negate, 1, (size_t)strong, line};
}

/* The facts of group g that round to v (or to -v) at decimals: each counted
 * once per key and sign.  Returns whether the group has any fact. */
static int facts_equal(const prior_index *p, const char *g, r2x_decimal v, int decimals,
                       int strong, tally *ts, size_t *nt)
{
    const prior_fact *f = (const prior_fact *)(const void *)p->facts.data;
    size_t n = prior_fact_count(p);
    size_t first = group_start(f, n, g);
    if (first >= n || strcmp(f[first].group, g))
        return 0;
    for (int s = 0; s < 2; s++) {
        r2x_decimal want = v, half = {5, -decimals - 1}, lo;
        if (s)
            want.coef = -want.coef;
        half.coef = -half.coef;
        if (r2x_decimal_add(want, half, &lo))
            continue;
        size_t seen_key = (size_t)-1;
        for (size_t i = lower_bound(f, n, g, lo); i < n && !strcmp(f[i].group, g); i++) {
            r2x_decimal r = decimal_round(f[i].value, decimals);
            int c = r2x_decimal_cmp(r, want);
            if (c > 0)
                break;
            if (!c && f[i].key != seen_key)
                count_hit(ts, nt, f[i].key, p->keys[f[i].key].ndims, s, f[i].line, strong);
            seen_key = f[i].key;
        }
    }
    return 1;
}

static int amount_column(int role)
{
    return role == R2X_COL_AMOUNT || role == R2X_COL_CONVENIENCE;
}

/* The groups a figure of column period per may be in: the period itself;
 * for a duration, also the instants at its end and before its start (cash
 * at the beginning and end of a cash-flow column). */
static int says_beginning(const char *label)
{
    for (const char *s = label; *s; s++)
        if (!strncasecmp(s, "beginning", 9))
            return 1;
    return 0;
}

static size_t groups_of(const r2x_period *per, const r2x_unit *u, const r2x_row *row,
                        char g[3][128])
{
    char unit[40];
    r2x_unit_format(u, unit);
    size_t n = 0;
    group_key(per, unit, g[n++], sizeof g[0]);
    if (per->kind == R2X_PERIOD_DURATION) {
        r2x_period at = {R2X_PERIOD_INSTANT, {0, 0, 0}, per->end};
        if (row->label && says_beginning(row->label))
            at.end = date_add_days(per->start, -1);
        group_key(&at, unit, g[n++], sizeof g[0]);
    }
    return n;
}

static int by_hits(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->hits * y->present != y->hits * x->present)
        return x->hits * y->present > y->hits * x->present ? -1 : 1;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    if (x->ndims != y->ndims)
        return x->ndims < y->ndims ? -1 : 1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->negate - y->negate;
}

static const char *label_concept(const prior_index *p, const char *label)
{
    char norm[512], stripped[1024];
    label_normalize(label, norm, sizeof norm);
    const char *c = xmlHashLookup(p->labels, (const xmlChar *)norm);
    if (!c) {
        strip_parens(label, stripped, sizeof stripped);
        label_normalize(stripped, norm, sizeof norm);
        c = xmlHashLookup(p->labels, (const xmlChar *)norm);
    }
    return c && *c ? c : NULL;
}

static int named_by_label(const prior_index *p, const char *label, const concept *c)
{
    const char *q = label_concept(p, label);
    if (!q)
        return 0;
    const char *colon = strchr(c->qname, ':');
    return strchr(q, ':') ? !strcmp(q, c->qname) : colon && !strcmp(q, colon + 1);
}

static int by_score(const void *a, const void *b)
{
    const prior_cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->concept->qname, y->concept->qname);
}

/* Does the filing hold a fact of key in group g? */
static int key_in_group(const prior_index *p, size_t key, const char *g)
{
    char k[200];
    snprintf(k, sizeof k, "%zu|%s", key, g);
    return xmlHashLookup(p->key_groups, (const xmlChar *)k) != NULL;
}

enum { MAX_COLUMNS = 32 };

int prior_match_values(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                       const r2x_table *t, const r2x_row *row, prior_cand *out, size_t max,
                       size_t *n, r2x_error *err)
{
    *n = 0;
    tally ts[MAX_TALLY];
    const char *groups[MAX_COLUMNS][2];
    size_t nt = 0, ncols = 0;
    for (size_t k = 0; k < row->nvalues && ncols < MAX_COLUMNS; k++) {
        const r2x_value *v = &row->values[k];
        const r2x_column *c = &t->columns[v->column];
        /* one or two digits match by chance: only with other evidence
         * (prior_cand.weak) */
        int64_t a = v->value.coef < 0 ? -v->value.coef : v->value.coef;
        if (!amount_column(c->role) || c->period.kind == R2X_PERIOD_NONE || v->nil_dash || !a)
            continue;
        char g[3][128];
        size_t ng = groups_of(&c->period, &v->unit, row, g);
        groups[ncols][0] = groups[ncols][1] = NULL;
        for (size_t i = 0; i < ng && i < 2; i++) {
            const char *gi = (const char *)xmlDictExists(p->dict, (const xmlChar *)g[i], -1);
            if (gi && facts_equal(p, gi, v->value, v->decimals, a >= 100, ts, &nt))
                groups[ncols][i] = gi;
        }
        ncols++;
    }
    if (!nt)
        return R2X_OK;
    /* a key's facts in the other columns' periods that the figures are not
     * count against it */
    for (size_t i = 0; i < nt; i++)
        for (size_t c = 0; c < ncols; c++)
            ts[i].present += (groups[c][0] && key_in_group(p, ts[i].key, groups[c][0])) ||
                             (groups[c][1] && key_in_group(p, ts[i].key, groups[c][1]));
    qsort(ts, nt, sizeof *ts, by_hits);
    for (size_t i = 0; i < nt && *n < max; i++) {
        prior_key *k = &p->keys[ts[i].key];
        int rc = resolve_key(p, tax, ext_prefix, k, err);
        if (rc)
            return rc;
        if (k->resolved < 0)
            continue;
        prior_cand *pc = &out[(*n)++];
        pc->weak = !ts[i].strong &&
                   !(row->label && named_by_label(p, row->label, k->entry[0].concept));
        pc->concept = k->entry[0].concept;
        pc->entry = &k->entry[ts[i].negate];
        pc->score = FACT_SCORE * (double)ts[i].hits / (double)ts[i].present *
                    (k->ndims ? 0.9 : 1);
        const char *file = strrchr(p->name, '/') ? strrchr(p->name, '/') + 1 : p->name;
        char at[40] = "";
        if (ts[i].line > 0)
            snprintf(at, sizeof at, " line %ld", ts[i].line);
        snprintf(pc->why, sizeof pc->why, "prior filing: %zu of %zu figures are its facts%s "
                 "(%.40s%s)", ts[i].hits, ts[i].present, ts[i].negate ? " negated" : "", file, at);
        /* facts of equal value (a total printed twice over, a subtotal
         * equal to its one line): the filing's label decides */
        if (row->label && named_by_label(p, row->label, pc->concept))
            pc->score *= 1.1;
        /* or the statement the filing shows it in */
        char q[300];
        snprintf(q, sizeof q, "%s%s%s", k->prefix ? k->prefix : "", k->prefix ? ":" : "",
                 k->name);
        uintptr_t shown = (uintptr_t)xmlHashLookup(p->statements, (const xmlChar *)q);
        if (t->statement > 0 && t->statement < 16 && (shown & (1u << t->statement)))
            pc->score *= 1.08;
    }
    qsort(out, *n, sizeof *out, by_score);
    return R2X_OK;
}

int prior_match_label(const prior_index *p, taxonomy *tax, const char *ext_prefix,
                      const char *label, prior_cand *out, int *found, r2x_error *err)
{
    *found = 0;
    const char *q = label_concept(p, label);
    if (!q)
        return R2X_OK;
    const char *colon = strchr(q, ':');
    char prefix[64] = "";
    if (colon)
        snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - q), q);
    /* the company's own concept only when a fact of it was indexed: its type
     * and period type are known from the fact */
    const concept *c = NULL;
    if (colon) {
        int rc = resolve_concept(p, tax, ext_prefix, prefix, colon + 1, 0, 0, &c, err);
        if (rc)
            return rc;
    } else {
        for (size_t i = 0; i < p->nkeys && !c; i++)
            if (!p->keys[i].prefix && p->keys[i].name == q) {
                int rc = resolve_key(p, tax, ext_prefix, &p->keys[i], err);
                if (rc)
                    return rc;
                c = p->keys[i].resolved > 0 ? p->keys[i].entry[0].concept : NULL;
            }
    }
    if (!c)
        return R2X_OK;
    *found = 1;
    out->concept = c;
    out->entry = NULL;
    out->score = 0;
    out->weak = 0;
    snprintf(out->why, sizeof out->why, "prior filing's label for %.90s", q);
    return R2X_OK;
}
