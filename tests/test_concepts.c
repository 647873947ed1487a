/*
 * test_concepts.c - checks the shipped taxonomy data against the real schemas
 * (TAP output):
 *
 *   - taxonomy/us-gaap-2024.concepts, read here with a parser of its own (not
 *     the library's), entry by entry against the element declarations of the
 *     US-GAAP 2024 and DEI 2024 schemas in ../shared/xbrl-cache: the concept
 *     exists, with the same type (the QName as the schema writes it), period
 *     type, balance (none is "-") and abstract flag; entries are sorted and
 *     unique within each prefix; every prefix is declared by @namespace with
 *     the URI the schemas use; @schema names the schema the test read;
 *   - mappings/us-gaap.map, entry by entry: the statement word; a normalised
 *     pattern (optionally "HEADING > LABEL") whose simplest label no earlier
 *     entry already takes; a concept the dictionary lists and that is not
 *     abstract; the sign; dimensions that are QNames with declared prefixes;
 *     and a period type that fits the statement (balance sheet: instant;
 *     income statement: duration).
 *
 * Each schema is streamed once with libxml2's xmlReader (no network, no entity
 * substitution) into a hash table.  One "ok" line per entry, so a failure
 * names the concept or the map line.  Exits 77 (skip) where ../shared is
 * absent.  Paths are relative to $top_srcdir (default ".").
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/hash.h>
#include <libxml/xmlreader.h>

#include "tap.h"

#define XS_NS "http://www.w3.org/2001/XMLSchema"
#define XBRLI_NS "http://www.xbrl.org/2003/instance"

/* The schemas read, by the dictionary prefix they declare, as paths in the cache
 * (which is laid out by URL: scheme dropped). */
static const struct {
    const char *prefix;
    const char *path;
} schemas[] = {
    {"us-gaap", "xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"},
    {"dei", "xbrl.sec.gov/dei/2024/dei-2024.xsd"},
    {"srt", "xbrl.fasb.org/srt/2024/elts/srt-2024.xsd"},
};
#define NSCHEMAS (sizeof schemas / sizeof schemas[0])

/* The cover-page concepts the converter writes: the dictionary must list them. */
static const char *const dei_required[] = {
    "dei:DocumentType",           "dei:DocumentPeriodEndDate",   "dei:AmendmentFlag",
    "dei:EntityRegistrantName",   "dei:EntityCentralIndexKey",   "dei:CurrentFiscalYearEndDate",
    "dei:DocumentFiscalYearFocus", "dei:DocumentFiscalPeriodFocus",
};

/* mappings/README.md's words, and "other" (tables of no statement), which the
 * loader also reads. */
static const char *const statements[] = {
    "income", "balance-sheet", "cash-flows", "equity", "segment", "other", "any",
};

/* ---- Small helpers ----------------------------------------------------------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "test_concepts: out of memory\n");
        exit(99);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* Grows *arr (of *cap elements of size bytes) to hold at least n + 1 elements. */
static void grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, ncap * size);
    if (!p) {
        fprintf(stderr, "test_concepts: out of memory\n");
        exit(99);
    }
    *arr = p;
    *cap = ncap;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Splits s in place at runs of blanks; returns the number of fields (at most max). */
static int split_blanks(char *s, char **field, int max)
{
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            return n;
        if (n == max)
            return max + 1;
        field[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
}

/* Reads the next line of f without its line ending; NULL at the end. */
static char *next_line(FILE *f, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, f);
    if (n < 0)
        return NULL;
    while (n > 0 && ((*buf)[n - 1] == '\n' || (*buf)[n - 1] == '\r'))
        (*buf)[--n] = '\0';
    return *buf;
}

static int is_blank_or_comment(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0' || *s == '#';
}

static int is_one_of(const char *s, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, set[i]) == 0)
            return 1;
    return 0;
}

/* "prefix:Local" with an NCName-ish prefix and local part; returns the prefix
 * length, or 0. */
static size_t qname_prefix_len(const char *q)
{
    const char *colon = strchr(q, ':');
    if (!colon || colon == q || !colon[1] || strchr(colon + 1, ':'))
        return 0;
    for (const char *p = q; *p; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.' || *p == ':'))
            return 0;
    return (size_t)(colon - q);
}

static const char *str_or(const char *s, const char *dflt)
{
    return s ? s : dflt;
}

/* The reasons an entry fails, as TAP diagnostics printed after its "not ok". */
typedef struct {
    char *text;
    size_t len;
    int n;
} reasons;

static void why(reasons *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void why(reasons *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = realloc(r->text, r->len + (size_t)n + 8);
    if (!p) {
        fprintf(stderr, "test_concepts: out of memory\n");
        exit(99);
    }
    r->text = p;
    memcpy(r->text + r->len, "#   ", 4);
    r->len += 4;
    va_start(ap, fmt);
    vsnprintf(r->text + r->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    r->len += (size_t)n;
    r->text[r->len++] = '\n';
    r->text[r->len] = '\0';
    r->n++;
}

/* Prints the reasons (after the ok line) and forgets them. */
static void print_reasons(reasons *r)
{
    if (r->text)
        fputs(r->text, stdout);
    free(r->text);
    r->text = NULL;
    r->len = 0;
    r->n = 0;
}

/* ---- The concept dictionary ---------------------------------------------------- */

typedef struct {
    char *prefix;
    char *value; /* URI or URL */
    long line;
} directive;

typedef struct {
    char *qname, *type, *period, *balance;
    int abstract;
    long line;
} concept;

typedef struct {
    directive *ns, *schema;
    size_t nns, nschema, capns, capschema;
    concept *c;
    size_t nc, capc;
    int errors; /* malformed lines (each already reported) */
} dictionary;

static void add_directive(directive **arr, size_t *n, size_t *cap, const char *prefix,
                          const char *value, long line)
{
    grow((void **)arr, cap, *n, sizeof **arr);
    (*arr)[*n].prefix = xstrdup(prefix);
    (*arr)[*n].value = xstrdup(value);
    (*arr)[*n].line = line;
    (*n)++;
}

static const directive *find_directive(const directive *arr, size_t n, const char *prefix,
                                       size_t prefix_len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(arr[i].prefix) == prefix_len && strncmp(arr[i].prefix, prefix, prefix_len) == 0)
            return &arr[i];
    return NULL;
}

static int read_dictionary(const char *path, dictionary *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        ok(0, "open %s: %s", path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    long line = 0;
    char *s;
    while ((s = next_line(f, &buf, &cap)) != NULL) {
        line++;
        if (is_blank_or_comment(s))
            continue;
        char *field[6];
        int n = split_blanks(s, field, 5);
        if (field[0][0] == '@') {
            int is_ns = strcmp(field[0], "@namespace") == 0;
            int is_schema = strcmp(field[0], "@schema") == 0;
            if (strcmp(field[0], "@import") == 0 && n == 3)
                continue;   /* a schema the extension imports for types */
            if ((!is_ns && !is_schema) || n != 3) {
                ok(0, "us-gaap-2024.concepts:%ld: malformed directive", line);
                d->errors++;
            } else if (is_ns) {
                add_directive(&d->ns, &d->nns, &d->capns, field[1], field[2], line);
            } else {
                add_directive(&d->schema, &d->nschema, &d->capschema, field[1], field[2], line);
            }
            continue;
        }
        if (n < 4 || n > 5 || (n == 5 && strcmp(field[4], "abstract") != 0)) {
            ok(0, "us-gaap-2024.concepts:%ld: malformed entry (want NAME TYPE PERIOD BALANCE "
                  "[abstract])", line);
            d->errors++;
            continue;
        }
        grow((void **)&d->c, &d->capc, d->nc, sizeof *d->c);
        concept *c = &d->c[d->nc++];
        c->qname = xstrdup(field[0]);
        c->type = xstrdup(field[1]);
        c->period = xstrdup(field[2]);
        c->balance = xstrdup(field[3]);
        c->abstract = n == 5;
        c->line = line;
    }
    free(buf);
    fclose(f);
    return 0;
}

static void free_dictionary(dictionary *d)
{
    for (size_t i = 0; i < d->nns; i++) {
        free(d->ns[i].prefix);
        free(d->ns[i].value);
    }
    for (size_t i = 0; i < d->nschema; i++) {
        free(d->schema[i].prefix);
        free(d->schema[i].value);
    }
    for (size_t i = 0; i < d->nc; i++) {
        free(d->c[i].qname);
        free(d->c[i].type);
        free(d->c[i].period);
        free(d->c[i].balance);
    }
    free(d->ns);
    free(d->schema);
    free(d->c);
}

/* ---- The schemas ------------------------------------------------------------------ */

typedef struct {
    char *type, *period, *balance; /* as written; NULL where absent */
    int abstract;
} schema_element;

typedef struct {
    char *prefix; /* the xmlns:PREFIX a schema declares */
    char *uri;
    const char *schema;
} schema_ns;

typedef struct {
    xmlHashTablePtr elements; /* "prefix:Name" -> schema_element */
    schema_ns *ns;
    size_t nns, capns;
    char *target[NSCHEMAS]; /* targetNamespace of each schema */
} schema_set;

static void free_element(void *payload, const xmlChar *name)
{
    schema_element *e = payload;
    (void)name;
    xmlFree(e->type);
    xmlFree(e->period);
    xmlFree(e->balance);
    free(e);
}

/* Streams one schema: the root's targetNamespace and namespace declarations, and
 * each top-level xs:element.  Returns the number of elements read, or -1. */
static long load_schema(const char *file, size_t which, schema_set *set)
{
    xmlTextReaderPtr r = xmlReaderForFile(file, NULL, XML_PARSE_NONET);
    if (!r)
        return -1;
    long count = 0;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        int depth = xmlTextReaderDepth(r);
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
        const xmlChar *local = xmlTextReaderConstLocalName(r);
        if (!uri || !local || strcmp((const char *)uri, XS_NS) != 0)
            continue;
        if (depth == 0 && strcmp((const char *)local, "schema") == 0) {
            xmlChar *tns = xmlTextReaderGetAttribute(r, BAD_CAST "targetNamespace");
            set->target[which] = tns ? xstrdup((const char *)tns) : NULL;
            xmlFree(tns);
            while (xmlTextReaderMoveToNextAttribute(r) == 1) {
                const char *name = (const char *)xmlTextReaderConstName(r);
                const char *value = (const char *)xmlTextReaderConstValue(r);
                if (xmlTextReaderIsNamespaceDecl(r) == 1 && name && value &&
                    strncmp(name, "xmlns:", 6) == 0) {
                    grow((void **)&set->ns, &set->capns, set->nns, sizeof *set->ns);
                    set->ns[set->nns].prefix = xstrdup(name + 6);
                    set->ns[set->nns].uri = xstrdup(value);
                    set->ns[set->nns].schema = schemas[which].path;
                    set->nns++;
                }
            }
            xmlTextReaderMoveToElement(r);
        } else if (depth == 1 && strcmp((const char *)local, "element") == 0) {
            xmlChar *name = xmlTextReaderGetAttribute(r, BAD_CAST "name");
            if (!name)
                continue;
            schema_element *e = xmalloc(sizeof *e);
            e->type = (char *)xmlTextReaderGetAttribute(r, BAD_CAST "type");
            e->period = (char *)xmlTextReaderGetAttributeNs(r, BAD_CAST "periodType",
                                                             BAD_CAST XBRLI_NS);
            e->balance = (char *)xmlTextReaderGetAttributeNs(r, BAD_CAST "balance",
                                                              BAD_CAST XBRLI_NS);
            xmlChar *abstract = xmlTextReaderGetAttribute(r, BAD_CAST "abstract");
            e->abstract = abstract && (strcmp((const char *)abstract, "true") == 0 ||
                                       strcmp((const char *)abstract, "1") == 0);
            xmlFree(abstract);
            size_t n = strlen(schemas[which].prefix) + 1 + strlen((const char *)name) + 1;
            char *key = xmalloc(n);
            snprintf(key, n, "%s:%s", schemas[which].prefix, (const char *)name);
            if (xmlHashAddEntry(set->elements, BAD_CAST key, e) != 0)
                free_element(e, NULL); /* a duplicate declaration: the first one stands */
            else
                count++;
            free(key);
            xmlFree(name);
        }
    }
    xmlFreeTextReader(r);
    return ret == 0 ? count : -1;
}

static void free_schema_set(schema_set *set)
{
    xmlHashFree(set->elements, free_element);
    for (size_t i = 0; i < set->nns; i++) {
        free(set->ns[i].prefix);
        free(set->ns[i].uri);
    }
    free(set->ns);
    for (size_t i = 0; i < NSCHEMAS; i++)
        free(set->target[i]);
}

/* ---- Checks of the dictionary ---------------------------------------------------- */

static void check_concept(const dictionary *d, size_t i, const schema_set *set,
                          xmlHashTablePtr seen)
{
    const concept *c = &d->c[i];
    reasons r = {NULL, 0, 0};
#define WHY(...) why(&r, __VA_ARGS__)

    size_t plen = qname_prefix_len(c->qname);
    if (!plen)
        WHY("'%s' is not a QName", c->qname);
    else if (!find_directive(d->ns, d->nns, c->qname, plen))
        WHY("prefix of %s has no @namespace", c->qname);
    size_t tlen = qname_prefix_len(c->type);
    if (!tlen)
        WHY("type '%s' is not a QName", c->type);
    else if (!find_directive(d->ns, d->nns, c->type, tlen))
        WHY("prefix of type %s has no @namespace", c->type);
    if (strcmp(c->period, "instant") != 0 && strcmp(c->period, "duration") != 0)
        WHY("period type '%s' is neither instant nor duration", c->period);
    if (strcmp(c->balance, "debit") != 0 && strcmp(c->balance, "credit") != 0 &&
        strcmp(c->balance, "-") != 0)
        WHY("balance '%s' is not debit, credit or -", c->balance);

    /* Unique, and sorted by name after the previous entry of the same prefix. */
    if (xmlHashLookup(seen, BAD_CAST c->qname))
        WHY("listed twice");
    else
        xmlHashAddEntry(seen, BAD_CAST c->qname, (void *)c);
    for (size_t j = i; plen && j-- > 0;) {
        if (qname_prefix_len(d->c[j].qname) == plen &&
            strncmp(d->c[j].qname, c->qname, plen) == 0) {
            if (strcmp(d->c[j].qname, c->qname) > 0)
                WHY("out of order: after %s (line %ld)", d->c[j].qname, d->c[j].line);
            break;
        }
    }

    const schema_element *e = xmlHashLookup(set->elements, BAD_CAST c->qname);
    if (!e) {
        WHY("not declared in the schemas");
    } else {
        if (strcmp(str_or(e->type, "(none)"), c->type) != 0)
            WHY("type %s, the schema says %s", c->type, str_or(e->type, "(none)"));
        if (strcmp(str_or(e->period, "(none)"), c->period) != 0)
            WHY("period type %s, the schema says %s", c->period, str_or(e->period, "(none)"));
        if (strcmp(str_or(e->balance, "-"), c->balance) != 0)
            WHY("balance %s, the schema says %s", c->balance, str_or(e->balance, "-"));
        if (e->abstract != c->abstract)
            WHY("%s, the schema says %s", c->abstract ? "abstract" : "not abstract",
                e->abstract ? "abstract" : "not abstract");
    }
#undef WHY
    ok(r.n == 0, "us-gaap-2024.concepts:%ld: %s %s %s %s%s", c->line, c->qname, c->type,
       c->period, c->balance, c->abstract ? " abstract" : "");
    print_reasons(&r);
}

/* @namespace: the URI the schemas use for the prefix.  @schema: the file read. */
static void check_directives(const dictionary *d, const schema_set *set)
{
    for (size_t i = 0; i < d->nns; i++) {
        const directive *ns = &d->ns[i];
        reasons r = {NULL, 0, 0};
        int found = 0;
        for (size_t j = 0; j < set->nns; j++) {
            if (strcmp(set->ns[j].prefix, ns->prefix) != 0)
                continue;
            found = 1;
            if (strcmp(set->ns[j].uri, ns->value) != 0)
                why(&r, "%s declares xmlns:%s=\"%s\"", set->ns[j].schema, ns->prefix,
                    set->ns[j].uri);
        }
        if (!found)
            why(&r, "neither schema declares the prefix %s", ns->prefix);
        if (find_directive(d->ns, i, ns->prefix, strlen(ns->prefix)))
            why(&r, "%s declared twice", ns->prefix);
        ok(r.n == 0, "us-gaap-2024.concepts:%ld: @namespace %s %s", ns->line, ns->prefix,
           ns->value);
        print_reasons(&r);
    }
    for (size_t k = 0; k < NSCHEMAS; k++) {
        const char *prefix = schemas[k].prefix;
        const directive *sc = find_directive(d->schema, d->nschema, prefix, strlen(prefix));
        const directive *ns = find_directive(d->ns, d->nns, prefix, strlen(prefix));
        const char *url = sc ? sc->value : "";
        const char *rest = strncmp(url, "https://", 8) == 0 ? url + 8
                           : strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
        int good = sc && rest && strcmp(rest, schemas[k].path) == 0 && ns &&
                   set->target[k] && strcmp(set->target[k], ns->value) == 0;
        ok(good, "@schema %s %s (the schema read, target namespace %s)", prefix,
           sc ? sc->value : "(missing)", str_or(set->target[k], "(none)"));
        if (!good)
            printf("#   want @schema %s https://%s and @namespace %s %s\n", prefix,
                   schemas[k].path, prefix, str_or(set->target[k], "(none)"));
    }
    for (size_t i = 0; i < d->nschema; i++) {
        int known = 0;
        for (size_t k = 0; k < NSCHEMAS; k++)
            known |= strcmp(d->schema[i].prefix, schemas[k].prefix) == 0;
        if (!known || find_directive(d->schema, i, d->schema[i].prefix,
                                     strlen(d->schema[i].prefix)))
            ok(0, "us-gaap-2024.concepts:%ld: @schema %s: unknown or repeated prefix",
               d->schema[i].line, d->schema[i].prefix);
    }
}

/* ---- The mapping table ------------------------------------------------------------ */

typedef struct {
    char *stmt, *pattern, *concept, *sign, *dims;
    long line;
} map_entry;

/* A pattern as the normalised label looks: lower-case letters, digits, single
 * spaces between words, '*'; optionally "HEADING > LABEL", pieces joined by
 * " > " (the converter tries "title > label" and "section > label" before the
 * label alone); something other than wildcards and spaces. */
static const char *pattern_problem(const char *p)
{
    int word = 0;
    size_t n = strlen(p);
    if (!n)
        return "empty";
    if (p[0] == ' ' || p[n - 1] == ' ')
        return "leading or trailing space";
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '>') {
            if (i < 2 || p[i - 1] != ' ' || p[i + 1] != ' ' || p[i - 2] == ' ' || p[i - 2] == '>')
                return "'>' must join a heading and a label as \" > \"";
            continue;
        }
        if (c == ' ' && p[i + 1] == ' ')
            return "two spaces in a row (the label never has them)";
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '*'))
            return "a character other than a-z, 0-9, space, * and \" > \" (the label never has it)";
        if (c != ' ' && c != '*')
            word = 1;
    }
    return word ? NULL : "nothing but wildcards";
}

/* The simplest label the pattern takes: each '*' as nothing, spaces collapsed.
 * Empty when that label is not one the pattern matches. */
static void simplest_label(const char *p, char *out, size_t size)
{
    size_t n = 0;
    for (const char *s = p; *s && n + 1 < size; s++) {
        if (*s == '*')
            continue;
        if (*s == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = *s;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    if (fnmatch(p, out, 0) != 0)
        out[0] = '\0';
}

static int read_map(const char *path, map_entry **out, size_t *nout)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        ok(0, "open %s: %s", path, strerror(errno));
        return -1;
    }
    map_entry *m = NULL;
    size_t n = 0, cap = 0;
    char *buf = NULL;
    size_t bufcap = 0;
    long line = 0;
    char *s;
    while ((s = next_line(f, &buf, &bufcap)) != NULL) {
        line++;
        if (is_blank_or_comment(s))
            continue;
        char *field[5] = {NULL, NULL, NULL, NULL, NULL};
        int nf = 0;
        field[nf++] = s;
        for (char *bar; nf < 5 && (bar = strchr(field[nf - 1], '|')) != NULL;) {
            *bar = '\0';
            field[nf++] = bar + 1;
        }
        grow((void **)&m, &cap, n, sizeof *m);
        map_entry *e = &m[n++];
        e->line = line;
        e->stmt = xstrdup(trim(field[0]));
        e->pattern = field[1] ? xstrdup(trim(field[1])) : NULL;
        e->concept = field[2] ? xstrdup(trim(field[2])) : NULL;
        e->sign = field[3] ? xstrdup(trim(field[3])) : NULL;
        e->dims = field[4] ? xstrdup(trim(field[4])) : NULL;
    }
    free(buf);
    fclose(f);
    *out = m;
    *nout = n;
    return 0;
}

static void check_map_entry(const map_entry *m, size_t i, const dictionary *d,
                            xmlHashTablePtr dict)
{
    const map_entry *e = &m[i];
    reasons r = {NULL, 0, 0};
#define WHY(...) why(&r, __VA_ARGS__)

    if (!e->pattern || !e->concept || !e->sign) {
        WHY("want STATEMENT | PATTERN | CONCEPT | SIGN [| AXIS=MEMBER ...]");
    } else {
        if (!is_one_of(e->stmt, statements, sizeof statements / sizeof statements[0]))
            WHY("statement '%s' is not income, balance-sheet, cash-flows, equity, segment, other "
                "or any", e->stmt);
        const char *problem = pattern_problem(e->pattern);
        if (problem) {
            WHY("pattern: %s", problem);
        } else {
            char label[512];
            simplest_label(e->pattern, label, sizeof label);
            for (size_t j = 0; label[0] && j < i; j++) {
                if (!m[j].pattern || pattern_problem(m[j].pattern))
                    continue;
                if ((strcmp(m[j].stmt, e->stmt) == 0 || strcmp(m[j].stmt, "any") == 0) &&
                    fnmatch(m[j].pattern, label, 0) == 0) {
                    WHY("unreachable: '%s' is taken first by line %ld ('%s')", label, m[j].line,
                        m[j].pattern);
                    break;
                }
            }
        }
        const concept *c = xmlHashLookup(dict, BAD_CAST e->concept);
        if (!c) {
            WHY("%s is not in the concept dictionary", e->concept);
        } else {
            if (c->abstract)
                WHY("%s is abstract", e->concept);
            if (strcmp(e->stmt, "balance-sheet") == 0 && strcmp(c->period, "instant") != 0)
                WHY("%s is a %s concept on the balance sheet", e->concept, c->period);
            if (strcmp(e->stmt, "income") == 0 && strcmp(c->period, "duration") != 0)
                WHY("%s is an %s concept in the income statement", e->concept, c->period);
        }
        if (strcmp(e->sign, "as-printed") != 0 && strcmp(e->sign, "negate") != 0)
            WHY("sign '%s' is neither as-printed nor negate", e->sign);
        if (e->dims) {
            char *copy = xstrdup(e->dims);
            char *dim[32];
            int nd = split_blanks(copy, dim, 31);
            if (nd == 0 || nd > 31)
                WHY("dimensions: want AXIS=MEMBER ...");
            for (int k = 0; k < nd && k < 31; k++) {
                char *eq = strchr(dim[k], '=');
                if (eq)
                    *eq = '\0';
                size_t al = eq ? qname_prefix_len(dim[k]) : 0;
                size_t ml = eq ? qname_prefix_len(eq + 1) : 0;
                if (!al || !ml || !find_directive(d->ns, d->nns, dim[k], al) ||
                    !find_directive(d->ns, d->nns, eq + 1, ml))
                    WHY("dimension %d: want AXIS=MEMBER, QNames with declared prefixes", k + 1);
            }
            free(copy);
        }
    }
#undef WHY
    ok(r.n == 0, "us-gaap.map:%ld: %s | %s | %s | %s", e->line, e->stmt,
       str_or(e->pattern, "?"), str_or(e->concept, "?"), str_or(e->sign, "?"));
    print_reasons(&r);
}

static void free_map(map_entry *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].stmt);
        free(m[i].pattern);
        free(m[i].concept);
        free(m[i].sign);
        free(m[i].dims);
    }
    free(m);
}

/* ---- Main ------------------------------------------------------------------------- */

static int join(char *out, size_t size, const char *a, const char *b)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= size) {
        fprintf(stderr, "test_concepts: path too long: %s/%s\n", a, b);
        return -1;
    }
    return 0;
}

int main(void)
{
    const char *top = getenv("top_srcdir");
    if (!top || !*top)
        top = ".";
    char cache[4096], file[NSCHEMAS][4096], path[4096];
    if (join(cache, sizeof cache, top, "../shared/xbrl-cache") != 0)
        return 99;
    for (size_t k = 0; k < NSCHEMAS; k++) {
        struct stat st;
        if (join(file[k], sizeof file[k], cache, schemas[k].path) != 0)
            return 99;
        if (stat(file[k], &st) != 0) {
            printf("# skip: %s not present (../shared is absent)\n", file[k]);
            return 77;
        }
    }

    LIBXML_TEST_VERSION

    dictionary d = {0};
    if (join(path, sizeof path, top, "taxonomy/us-gaap-2024.concepts") != 0)
        return 99;
    if (read_dictionary(path, &d) != 0)
        return tap_done();
    ok(d.nc > 0, "the concept dictionary lists %zu concepts", d.nc);

    schema_set set = {0};
    set.elements = xmlHashCreate(32768);
    for (size_t k = 0; k < NSCHEMAS; k++) {
        long n = load_schema(file[k], k, &set);
        ok(n > 0, "read %ld element declarations from %s", n, schemas[k].path);
    }

    /* Each dictionary entry, then the directives and the required cover concepts. */
    xmlHashTablePtr dict = xmlHashCreate(1024);
    for (size_t i = 0; i < d.nc; i++)
        check_concept(&d, i, &set, dict);
    check_directives(&d, &set);
    for (size_t i = 0; i < sizeof dei_required / sizeof dei_required[0]; i++)
        ok(xmlHashLookup(dict, BAD_CAST dei_required[i]) != NULL,
           "the dictionary lists the cover concept %s", dei_required[i]);

    /* Each mapping-table entry. */
    map_entry *m = NULL;
    size_t nm = 0;
    if (join(path, sizeof path, top, "mappings/us-gaap.map") == 0 &&
        read_map(path, &m, &nm) == 0) {
        ok(nm > 0, "us-gaap.map has %zu entries", nm);
        for (size_t i = 0; i < nm; i++)
            check_map_entry(m, i, &d, dict);
    }

    free_map(m, nm);
    xmlHashFree(dict, NULL);
    free_schema_set(&set);
    free_dictionary(&d);
    xmlCleanupParser();
    return tap_done();
}
