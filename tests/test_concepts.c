/*
 * test_concepts.c - checks the shipped taxonomy data against the real taxonomies
 * (TAP output):
 *
 *   - taxonomy/us-gaap-2024.concepts, read here with a parser of its own (not
 *     the library's), against the US-GAAP 2024, SRT 2024 and DEI 2024 files in
 *     ../shared/xbrl-cache:
 *       concepts: every element the schemas declare as a concept is listed, and
 *       every entry is declared, with the same type (the QName as the schema
 *       writes it), period type, balance (none is "-"), abstract flag and
 *       substitution group (axis, typed, hypercube); entries are sorted and
 *       unique within each prefix; every prefix is declared by @namespace or
 *       @type-namespace with the URI the schemas use; @schema names the schema
 *       the test read;
 *       deprecated: exactly the concepts of the deprecated-concepts linkbases;
 *       @replaced-by: exactly their dep-concept-deprecatedConcept arcs;
 *       @calculation and @presentation: exactly the relationships of the
 *       statement (and, for calculations, disclosure) linkbases, network by
 *       network, children in arc order, with their weights;
 *       @labels: SRT's as its label linkbase says, US-GAAP's as the standard
 *       label union of ../shared/labels says, for exactly the concepts they
 *       cover;
 *   - mappings/us-gaap.map, entry by entry: the statement word; a normalised
 *     pattern (optionally "HEADING > LABEL") whose simplest label no earlier
 *     entry already takes; a concept the dictionary lists and that is not
 *     abstract (a deprecated one is noted, not failed); the sign; dimensions that are QNames with
 *     declared prefixes; and a period type that fits the statement (balance
 *     sheet: instant; income statement: duration).
 *
 * Each XML file is streamed once with libxml2's xmlReader (no network, no
 * entity substitution).  A check over many entries is one "ok" line whose
 * diagnostics name the first entries that fail.  Skipped (1..0 # SKIP) where
 * ../shared is absent.  Paths are relative to $top_srcdir (default ".").
 */
#include <dirent.h>
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
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define XBRLDT_NS "http://xbrl.org/2005/xbrldt"
#define DEP_CONCEPT "http://www.xbrl.org/2009/arcrole/dep-concept-deprecatedConcept"
#define PARENT_CHILD "http://www.xbrl.org/2003/arcrole/parent-child"
#define LABEL_ROLE "http://www.xbrl.org/2003/role/label"
/* diagnostics printed for a check over many entries */
#define MAX_REASONS 25

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

static int join(char *out, size_t size, const char *a, const char *b)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= size) {
        fprintf(stderr, "test_concepts: path too long: %s/%s\n", a, b);
        return -1;
    }
    return 0;
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

enum { F_ABSTRACT = 1, F_AXIS = 2, F_TYPED = 4, F_HYPERCUBE = 8, F_DEPRECATED = 16 };

static const struct {
    const char *word;
    int flag;
} flag_words[] = {
    {"abstract", F_ABSTRACT}, {"axis", F_AXIS}, {"typed", F_TYPED},
    {"hypercube", F_HYPERCUBE}, {"deprecated", F_DEPRECATED},
};

typedef struct {
    char *prefix;
    char *value; /* URI or URL */
    long line;
} directive;

typedef struct {
    char *qname, *type, *period, *balance;
    int flags;
    long line;
} concept;

typedef struct {
    directive *ns, *typens, *schema;
    size_t nns, ntypens, nschema, capns, captypens, capschema;
    concept *c;
    size_t nc, capc;
    /* @labels: qname -> text; networks: "c|p ROLE PARENT" -> the children as
     * the line writes them; @replaced-by: "OLD NEW" -> line */
    xmlHashTablePtr labels, networks, replaced;
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

/* A line of the dictionary that the test cannot read. */
static void malformed(dictionary *d, long line, const char *what)
{
    ok(0, "us-gaap-2024.concepts:%ld: malformed %s", line, what);
    d->errors++;
}

static void read_directive(dictionary *d, char **field, int n, long line, char *section,
                           char **role)
{
    static const char *const sections[] = {"@concepts", "@labels", "@replaced-by"};
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
        if (strcmp(field[0], sections[i]) == 0) {
            if (n != 1)
                malformed(d, line, "section directive");
            *section = "clr"[i];
            return;
        }
    if (strcmp(field[0], "@calculation") == 0 || strcmp(field[0], "@presentation") == 0) {
        if (n != 2)
            malformed(d, line, "network directive");
        *section = field[0][1] == 'c' ? 'C' : 'P';
        free(*role);
        *role = xstrdup(n > 1 ? field[1] : "");
        return;
    }
    if (strcmp(field[0], "@import") == 0 && n == 3)
        return;   /* a schema the extension imports for types */
    if (n != 3)
        malformed(d, line, "directive");
    else if (strcmp(field[0], "@namespace") == 0)
        add_directive(&d->ns, &d->nns, &d->capns, field[1], field[2], line);
    else if (strcmp(field[0], "@type-namespace") == 0)
        add_directive(&d->typens, &d->ntypens, &d->captypens, field[1], field[2], line);
    else if (strcmp(field[0], "@schema") == 0)
        add_directive(&d->schema, &d->nschema, &d->capschema, field[1], field[2], line);
    else
        malformed(d, line, "directive");
}

static void read_concept(dictionary *d, char **field, int n, long line)
{
    if (n < 4) {
        malformed(d, line, "entry (want NAME TYPE PERIOD BALANCE [FLAGS])");
        return;
    }
    int flags = 0;
    for (int i = 4; i < n; i++) {
        int f = 0;
        for (size_t k = 0; k < sizeof flag_words / sizeof *flag_words; k++)
            if (strcmp(field[i], flag_words[k].word) == 0)
                f = flag_words[k].flag;
        if (!f || (flags & f)) {
            malformed(d, line, "entry (unknown or repeated flag)");
            return;
        }
        flags |= f;
    }
    grow((void **)&d->c, &d->capc, d->nc, sizeof *d->c);
    concept *c = &d->c[d->nc++];
    c->qname = xstrdup(field[0]);
    c->type = xstrdup(field[1]);
    c->period = xstrdup(field[2]);
    c->balance = xstrdup(field[3]);
    c->flags = flags;
    c->line = line;
}

/* Adds key -> a copy of value; 0 if the key was there. */
static int put_string(xmlHashTablePtr h, const char *key, const char *value)
{
    char *copy = xstrdup(value);
    if (xmlHashAddEntry(h, BAD_CAST key, copy) != 0) {
        free(copy);
        return 0;
    }
    return 1;
}

static void free_string(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

/* "PARENT CHILD ..." of the section ('C' or 'P') of role, or "OLD NEW". */
static void read_relationship(dictionary *d, char section, const char *role, char **field,
                              int n, long line)
{
    if (n < 2 || (section == 'r' && n != 2)) {
        malformed(d, line, section == 'r' ? "replacement" : "network line");
        return;
    }
    char key[2048], value[65536];
    size_t used = 0;
    value[0] = '\0';
    for (int i = 1; i < n && used + strlen(field[i]) + 2 < sizeof value; i++)
        used += (size_t)snprintf(value + used, sizeof value - used, "%s%s", i > 1 ? " " : "",
                                 field[i]);
    if (section == 'r') {
        snprintf(key, sizeof key, "%s %s", field[0], field[1]);
        if (!put_string(d->replaced, key, ""))
            malformed(d, line, "replacement (listed twice)");
        return;
    }
    snprintf(key, sizeof key, "%c %s %s", section, role, field[0]);
    if (!put_string(d->networks, key, value))
        malformed(d, line, "network line (the parent's second line in the network)");
}

static int read_dictionary(const char *path, dictionary *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        ok(0, "open %s: %s", path, strerror(errno));
        return -1;
    }
    d->labels = xmlHashCreate(8192);
    d->networks = xmlHashCreate(8192);
    d->replaced = xmlHashCreate(512);
    char *buf = NULL, *role = NULL;
    size_t cap = 0;
    long line = 0;
    char section = 'c';
    char *s;
    while ((s = next_line(f, &buf, &cap)) != NULL) {
        line++;
        if (is_blank_or_comment(s))
            continue;
        if (section == 'l' && s[0] != '@') {
            char *sp = strchr(s, ' ');
            if (!sp || !*trim(sp + 1)) {
                malformed(d, line, "label line");
                continue;
            }
            *sp = '\0';
            if (!put_string(d->labels, s, trim(sp + 1)))
                malformed(d, line, "label line (a second label)");
            continue;
        }
        char *field[4096];
        int n = split_blanks(s, field, 4095);
        if (n > 4095) {
            malformed(d, line, "line (too many fields)");
            continue;
        }
        if (field[0][0] == '@')
            read_directive(d, field, n, line, &section, &role);
        else if (section == 'c')
            read_concept(d, field, n, line);
        else
            read_relationship(d, section, role, field, n, line);
    }
    free(role);
    free(buf);
    fclose(f);
    return 0;
}

static void free_directives(directive *arr, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(arr[i].prefix);
        free(arr[i].value);
    }
    free(arr);
}

static void free_dictionary(dictionary *d)
{
    free_directives(d->ns, d->nns);
    free_directives(d->typens, d->ntypens);
    free_directives(d->schema, d->nschema);
    for (size_t i = 0; i < d->nc; i++) {
        free(d->c[i].qname);
        free(d->c[i].type);
        free(d->c[i].period);
        free(d->c[i].balance);
    }
    free(d->c);
    xmlHashFree(d->labels, free_string);
    xmlHashFree(d->networks, free_string);
    xmlHashFree(d->replaced, free_string);
}

/* ---- The schemas ------------------------------------------------------------------ */

typedef struct {
    char *type, *period, *balance; /* as written; NULL where absent */
    int flags;                     /* F_ABSTRACT, F_AXIS, F_TYPED, F_HYPERCUBE */
    int listed;                    /* the dictionary lists it */
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
    long count[NSCHEMAS];   /* concepts (elements in a substitution group) */
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

static void read_schema_root(xmlTextReaderPtr r, size_t which, schema_set *set)
{
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
}

/* A top-level xs:element in a substitution group (a concept), or NULL. */
static schema_element *read_element(xmlTextReaderPtr r)
{
    xmlChar *subst = xmlTextReaderGetAttribute(r, BAD_CAST "substitutionGroup");
    if (!subst)
        return NULL;   /* a typed dimension's domain */
    schema_element *e = xmalloc(sizeof *e);
    e->type = (char *)xmlTextReaderGetAttribute(r, BAD_CAST "type");
    e->period = (char *)xmlTextReaderGetAttributeNs(r, BAD_CAST "periodType",
                                                     BAD_CAST XBRLI_NS);
    e->balance = (char *)xmlTextReaderGetAttributeNs(r, BAD_CAST "balance", BAD_CAST XBRLI_NS);
    xmlChar *abstract = xmlTextReaderGetAttribute(r, BAD_CAST "abstract");
    xmlChar *typed = xmlTextReaderGetAttributeNs(r, BAD_CAST "typedDomainRef", BAD_CAST XBRLDT_NS);
    e->flags = (abstract && (strcmp((const char *)abstract, "true") == 0 ||
                             strcmp((const char *)abstract, "1") == 0) ? F_ABSTRACT : 0) |
               (strcmp((const char *)subst, "xbrldt:dimensionItem") == 0 ? F_AXIS : 0) |
               (strcmp((const char *)subst, "xbrldt:hypercubeItem") == 0 ? F_HYPERCUBE : 0) |
               (typed ? F_TYPED : 0);
    e->listed = 0;
    xmlFree(abstract);
    xmlFree(typed);
    xmlFree(subst);
    return e;
}

/* Streams one schema: the root's targetNamespace and namespace declarations, and
 * each top-level concept.  Returns the number of concepts read, or -1. */
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
            read_schema_root(r, which, set);
        } else if (depth == 1 && strcmp((const char *)local, "element") == 0) {
            xmlChar *name = xmlTextReaderGetAttribute(r, BAD_CAST "name");
            schema_element *e = name ? read_element(r) : NULL;
            if (e) {
                size_t n = strlen(schemas[which].prefix) + 1 + strlen((const char *)name) + 1;
                char *key = xmalloc(n);
                snprintf(key, n, "%s:%s", schemas[which].prefix, (const char *)name);
                if (xmlHashAddEntry(set->elements, BAD_CAST key, e) != 0)
                    free_element(e, NULL); /* a duplicate declaration: the first one stands */
                else
                    count++;
                free(key);
            }
            xmlFree(name);
        }
    }
    xmlFreeTextReader(r);
    set->count[which] = count;
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

/* ---- Linkbases -------------------------------------------------------------------- */

/* An arc of an extended link, its ends resolved to "prefix:Name" (NULL where the
 * locator points outside the three schemas). */
typedef struct {
    const char *role, *arcrole, *from, *to, *use;
    double order, weight;
} link_arc;

typedef void (*arc_fn)(const link_arc *a, void *ud);

typedef struct {
    char *from, *to, *arcrole, *use;
    double order, weight;
} pending_arc;

static char *xml_attr(xmlTextReaderPtr r, const char *local, const char *ns)
{
    xmlChar *v = ns ? xmlTextReaderGetAttributeNs(r, BAD_CAST local, BAD_CAST ns)
                    : xmlTextReaderGetAttribute(r, BAD_CAST local);
    char *s = v ? xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* "us-gaap-2024.xsd#us-gaap_Revenues" -> "us-gaap:Revenues" if a schema of set
 * declares it (any name when set is NULL). */
static char *href_concept(const char *href, const schema_set *set)
{
    const char *frag = href ? strrchr(href, '#') : NULL;
    const char *us = frag ? strchr(frag, '_') : NULL;
    if (!us)
        return NULL;
    char q[1024];
    snprintf(q, sizeof q, "%.*s:%s", (int)(us - frag - 1), frag + 1, us + 1);
    return !set || xmlHashLookup(set->elements, BAD_CAST q) ? xstrdup(q) : NULL;
}

static double attr_number(xmlTextReaderPtr r, const char *name, double dflt)
{
    char *v = xml_attr(r, name, NULL);
    double d = v ? strtod(v, NULL) : dflt;
    free(v);
    return d;
}

/* Resolves and reports the arcs of one extended link, then forgets them. */
static void flush_link(const char *role, xmlHashTablePtr *locs, pending_arc *arcs, size_t *n,
                       arc_fn fn, void *ud)
{
    for (size_t i = 0; i < *n; i++) {
        link_arc a = {role, arcs[i].arcrole, xmlHashLookup(*locs, BAD_CAST arcs[i].from),
                      xmlHashLookup(*locs, BAD_CAST arcs[i].to), arcs[i].use, arcs[i].order,
                      arcs[i].weight};
        fn(&a, ud);
        free(arcs[i].from);
        free(arcs[i].to);
        free(arcs[i].arcrole);
        free(arcs[i].use);
    }
    *n = 0;
    xmlHashFree(*locs, free_string);
    *locs = xmlHashCreate(256);
}

/* Streams a linkbase (or a schema holding one) and calls fn for every arc of
 * every extended link named link_local.  Returns 0, or -1 if unreadable. */
static int read_linkbase(const char *file, const char *link_local, const schema_set *set,
                         arc_fn fn, void *ud)
{
    xmlTextReaderPtr r = xmlReaderForFile(file, NULL, XML_PARSE_NONET);
    if (!r)
        return -1;
    xmlHashTablePtr locs = xmlHashCreate(256);
    pending_arc *arcs = NULL;
    size_t n = 0, cap = 0;
    char *role = NULL;
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_END_ELEMENT && role && strcmp(local, link_local) == 0) {
            flush_link(role, &locs, arcs, &n, fn, ud);
            free(role);
            role = NULL;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (strcmp(local, link_local) == 0) {
            free(role);
            role = xml_attr(r, "role", XLINK_NS);
            if (!role)
                role = xstrdup("");
        } else if (role && strcmp(local, "loc") == 0) {
            char *label = xml_attr(r, "label", XLINK_NS), *href = xml_attr(r, "href", XLINK_NS);
            char *q = href_concept(href, set);
            if (!label || !q || xmlHashAddEntry(locs, BAD_CAST label, q) != 0)
                free(q);
            free(label);
            free(href);
        } else if (role && strlen(local) > 3 && strcmp(local + strlen(local) - 3, "Arc") == 0) {
            grow((void **)&arcs, &cap, n, sizeof *arcs);
            pending_arc *a = &arcs[n++];
            a->from = xml_attr(r, "from", XLINK_NS);
            a->to = xml_attr(r, "to", XLINK_NS);
            a->arcrole = xml_attr(r, "arcrole", XLINK_NS);
            a->use = xml_attr(r, "use", NULL);
            a->order = attr_number(r, "order", 1);
            a->weight = attr_number(r, "weight", 0);
            if (!a->from || !a->to || !a->arcrole)
                n--;
        }
    }
    if (role)
        flush_link(role, &locs, arcs, &n, fn, ud);
    free(role);
    free(arcs);
    xmlHashFree(locs, free_string);
    xmlFreeTextReader(r);
    return ret == 0 ? 0 : -1;
}

/* The linkbases of a folder of the cache whose names end in suffix, sorted. */
static size_t list_files(const char *dir, const char *suffix, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    char **names = NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name), sl = strlen(suffix);
        if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0) {
            grow((void **)&names, &cap, n, sizeof *names);
            size_t size = strlen(dir) + 1 + len + 1;
            names[n] = xmalloc(size);
            snprintf(names[n], size, "%s/%s", dir, e->d_name);
            n++;
        }
    }
    if (d)
        closedir(d);
    for (size_t i = 1; i < n; i++)            /* insertion sort: a few hundred names */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    *out = names;
    return n;
}

static void free_files(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- Networks: the linkbases' relationships rendered as the dictionary writes them */

typedef struct {
    char *child;
    double order;
    int weight;
} kid;

typedef struct {
    kid *k;
    size_t n, cap;
} kids;

typedef struct {
    char section;                 /* 'C' calculation, 'P' presentation */
    xmlHashTablePtr nets;         /* "C ROLE PARENT" -> kids */
    long arcs;
    int bad;                      /* prohibited arcs, weights other than 1 and -1 */
} net_reader;

static void free_kids(void *payload, const xmlChar *name)
{
    kids *ks = payload;
    (void)name;
    for (size_t i = 0; i < ks->n; i++)
        free(ks->k[i].child);
    free(ks->k);
    free(ks);
}

static void network_arc(const link_arc *a, void *ud)
{
    net_reader *nr = ud;
    int summation = strcmp(a->arcrole, "http://www.xbrl.org/2003/arcrole/summation-item") == 0 ||
                    strcmp(a->arcrole, "https://xbrl.org/2023/arcrole/summation-item") == 0;
    if ((nr->section == 'C' ? !summation : strcmp(a->arcrole, PARENT_CHILD) != 0) ||
        !a->from || !a->to)
        return;
    if ((a->use && strcmp(a->use, "prohibited") == 0) ||
        (nr->section == 'C' && a->weight != 1 && a->weight != -1))
        nr->bad++;
    char key[2048];
    snprintf(key, sizeof key, "%c %s %s", nr->section, a->role, a->from);
    kids *ks = xmlHashLookup(nr->nets, BAD_CAST key);
    if (!ks) {
        ks = calloc(1, sizeof *ks);
        xmlHashAddEntry(nr->nets, BAD_CAST key, ks);
    }
    for (size_t i = 0; i < ks->n; i++)
        if (strcmp(ks->k[i].child, a->to) == 0)
            return;                      /* the same relationship twice: once */
    grow((void **)&ks->k, &ks->cap, ks->n, sizeof *ks->k);
    ks->k[ks->n++] = (kid){xstrdup(a->to), a->order, a->weight > 0 ? 1 : -1};
    nr->arcs++;
}

static int kid_cmp(const void *pa, const void *pb)
{
    const kid *a = pa, *b = pb;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return strcmp(a->child, b->child);
}

typedef struct {
    const dictionary *d;
    reasons *r;
    long matched;
} compare_ctx;

/* A linkbase network against the dictionary's line for the same key. */
static void compare_network(void *payload, void *data, const xmlChar *key)
{
    kids *ks = payload;
    compare_ctx *cx = data;
    qsort(ks->k, ks->n, sizeof *ks->k, kid_cmp);
    char want[65536];
    size_t used = 0;
    want[0] = '\0';
    for (size_t i = 0; i < ks->n && used + strlen(ks->k[i].child) + 3 < sizeof want; i++)
        used += (size_t)snprintf(want + used, sizeof want - used, "%s%s%s", i ? " " : "",
                                 key[0] == 'C' ? (ks->k[i].weight > 0 ? "+" : "-") : "",
                                 ks->k[i].child);
    const char *have = xmlHashLookup(cx->d->networks, key);
    if (have && strcmp(have, want) == 0)
        cx->matched++;
    else if (cx->r->n < MAX_REASONS)
        why(cx->r, "%s: the linkbases say '%s', the dictionary '%s'", (const char *)key, want,
            have ? have : "(nothing)");
    else
        cx->r->n++;
}

typedef struct {
    char section;
    xmlHashTablePtr nets;         /* the linkbases' */
    reasons *r;
    long lines;
} extra_ctx;

/* A dictionary line of the section: the linkbases must have its parent. */
static void dictionary_network(void *payload, void *data, const xmlChar *key)
{
    extra_ctx *ex = data;
    (void)payload;
    if (key[0] != ex->section)
        return;
    ex->lines++;
    if (!xmlHashLookup(ex->nets, key)) {
        if (ex->r->n < MAX_REASONS)
            why(ex->r, "%s: in the dictionary, not in the linkbases", (const char *)key);
        else
            ex->r->n++;
    }
}

static void check_networks(const dictionary *d, const schema_set *set, const char *cache,
                           char section)
{
    static const char *const bases[] = {"xbrl.fasb.org/us-gaap/2024", "xbrl.fasb.org/srt/2024"};
    const char *folders[] = {"stm", section == 'C' ? "dis" : NULL};
    const char *suffix = section == 'C' ? "-cal-2024.xml" : "-pre-2024.xml";
    net_reader nr = {section, xmlHashCreate(4096), 0, 0};
    size_t files = 0;
    for (size_t b = 0; b < 2; b++)
        for (size_t f = 0; f < 2 && folders[f]; f++) {
            char base[4096], dir[4096], **names;
            if (join(base, sizeof base, cache, bases[b]) != 0 ||
                join(dir, sizeof dir, base, folders[f]) != 0)
                continue;
            size_t n = list_files(dir, suffix, &names);
            for (size_t i = 0; i < n; i++) {
                const char *link = section == 'C' ? "calculationLink" : "presentationLink";
                if (read_linkbase(names[i], link, set, network_arc, &nr) != 0)
                    ok(0, "read %s", names[i]);
                files++;
            }
            free_files(names, n);
        }
    reasons r = {NULL, 0, 0};
    compare_ctx cx = {d, &r, 0};
    xmlHashScan(nr.nets, compare_network, &cx);
    /* every dictionary line of the section must be one the linkbases have */
    extra_ctx ex = {section, nr.nets, &r, 0};
    xmlHashScan(d->networks, dictionary_network, &ex);
    int good = r.n == 0 && nr.bad == 0 && cx.matched == xmlHashSize(nr.nets) &&
               ex.lines == cx.matched;
    ok(good, "@%s: %ld parents' children (%ld relationships from %zu linkbases) as the "
       "linkbases say, in order%s", section == 'C' ? "calculation" : "presentation", cx.matched,
       nr.arcs, files, section == 'C' ? ", with their weights" : "");
    if (nr.bad)
        printf("#   %d prohibited arcs or weights other than 1 and -1\n", nr.bad);
    print_reasons(&r);
    xmlHashFree(nr.nets, free_kids);
}

/* ---- Deprecation and replacements -------------------------------------------------- */

typedef struct {
    xmlHashTablePtr deprecated;   /* qname -> "" */
    xmlHashTablePtr replaced;     /* "OLD NEW" -> "" */
} dep_reader;

static void deprecation_arc(const link_arc *a, void *ud)
{
    dep_reader *dr = ud;
    if (strcmp(a->arcrole, PARENT_CHILD) == 0 && a->to) {
        put_string(dr->deprecated, a->to, "");
    } else if (strcmp(a->arcrole, DEP_CONCEPT) == 0 && a->from && a->to) {
        char key[2048];
        put_string(dr->deprecated, a->to, "");
        snprintf(key, sizeof key, "%s %s", a->to, a->from);
        put_string(dr->replaced, key, "");
    }
}

/* srt-dep-def: an SRT 2024 concept replaces a US-GAAP 2023 one, which no schema
 * read declares: its QName is made from the locator alone. */
static void moved_arc(const link_arc *a, void *ud)
{
    dep_reader *dr = ud;
    if (strcmp(a->arcrole, DEP_CONCEPT) == 0 && a->from && a->to) {
        char key[2048];
        snprintf(key, sizeof key, "%s %s", a->to, a->from);
        put_string(dr->replaced, key, "");
    }
}

typedef struct {
    xmlHashTablePtr other;
    reasons *r;
    const char *what;
} diff_ctx;

static void missing_in_other(void *payload, void *data, const xmlChar *key)
{
    diff_ctx *dc = data;
    (void)payload;
    if (!xmlHashLookup(dc->other, key)) {
        if (dc->r->n < MAX_REASONS)
            why(dc->r, "%s: %s", (const char *)key, dc->what);
        else
            dc->r->n++;
    }
}

/* Reasons for every key of a that b lacks, and of b that a lacks. */
static void set_difference(xmlHashTablePtr a, const char *a_only, xmlHashTablePtr b,
                           const char *b_only, reasons *r)
{
    diff_ctx one = {b, r, a_only}, two = {a, r, b_only};
    xmlHashScan(a, missing_in_other, &one);
    xmlHashScan(b, missing_in_other, &two);
}

static void check_deprecation(const dictionary *d, const schema_set *set, const char *cache)
{
    dep_reader dr = {xmlHashCreate(1024), xmlHashCreate(512)};
    char path[4096];
    static const char *const files[] = {
        "xbrl.fasb.org/us-gaap/2024/elts/us-gaap-depcon-pre-2024.xml",
        "xbrl.fasb.org/us-gaap/2024/elts/us-gaap-depcon-def-2024.xml",
    };
    for (size_t i = 0; i < 2; i++) {
        if (join(path, sizeof path, cache, files[i]) != 0)
            continue;
        if (read_linkbase(path, i ? "definitionLink" : "presentationLink", set,
                          deprecation_arc, &dr) != 0)
            ok(0, "read %s", path);
    }
    /* the root of the deprecated tree (DeprecatedItems) is no child: not deprecated */
    xmlHashTablePtr flagged = xmlHashCreate(1024);
    for (size_t i = 0; i < d->nc; i++)
        if (d->c[i].flags & F_DEPRECATED)
            put_string(flagged, d->c[i].qname, "");
    reasons r = {NULL, 0, 0};
    set_difference(dr.deprecated, "deprecated by the linkbases, not flagged", flagged,
                   "flagged deprecated, not in the linkbases", &r);
    ok(r.n == 0 && xmlHashSize(flagged) > 0,
       "deprecated: the %d concepts of the deprecated-concepts linkbases, no other",
       xmlHashSize(flagged));
    print_reasons(&r);

    /* moved to SRT: the old names are US-GAAP 2023's, which no schema read declares */
    if (join(path, sizeof path, cache, "xbrl.fasb.org/srt/2024/elts/srt-dep-def-2024.xsd") == 0 &&
        read_linkbase(path, "definitionLink", NULL, moved_arc, &dr) != 0)
        ok(0, "read %s", path);
    set_difference(dr.replaced, "a replacement in the linkbases, not in @replaced-by",
                   d->replaced, "in @replaced-by, not in the linkbases", &r);
    ok(r.n == 0 && xmlHashSize(d->replaced) > 0,
       "@replaced-by: the %d dep-concept-deprecatedConcept arcs, no other",
       xmlHashSize(d->replaced));
    print_reasons(&r);
    xmlHashFree(flagged, free_string);
    xmlHashFree(dr.deprecated, free_string);
    xmlHashFree(dr.replaced, free_string);
}

/* ---- Labels ----------------------------------------------------------------------- */

typedef struct {
    xmlHashTablePtr locs;         /* xlink:label -> qname */
    xmlHashTablePtr texts;        /* xlink:label -> text (standard role) */
    char **arcs;                  /* from, to pairs */
    size_t n, cap;
} label_link;

/* SRT's label linkbase: qname -> standard label (white space collapsed). */
static int read_srt_labels(const char *file, const schema_set *set, xmlHashTablePtr out)
{
    xmlTextReaderPtr r = xmlReaderForFile(file, NULL, XML_PARSE_NONET);
    if (!r)
        return -1;
    label_link l = {xmlHashCreate(4096), xmlHashCreate(4096), NULL, 0, 0};
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        char *label = xml_attr(r, "label", XLINK_NS);
        if (strcmp(local, "loc") == 0 && label) {
            char *href = xml_attr(r, "href", XLINK_NS);
            char *q = href_concept(href, set);
            if (!q || xmlHashAddEntry(l.locs, BAD_CAST label, q) != 0)
                free(q);
            free(href);
        } else if (strcmp(local, "label") == 0 && label) {
            char *role = xml_attr(r, "role", XLINK_NS);
            xmlChar *text = xmlTextReaderReadString(r);
            if ((!role || strcmp(role, LABEL_ROLE) == 0) && text) {
                char collapsed[4096];
                size_t n = 0;
                for (const char *p = (const char *)text; *p && n + 2 < sizeof collapsed; p++)
                    if (!strchr(" \t\r\n", *p))
                        collapsed[n++] = *p;
                    else if (n && collapsed[n - 1] != ' ')
                        collapsed[n++] = ' ';
                while (n && collapsed[n - 1] == ' ')
                    n--;
                collapsed[n] = '\0';
                put_string(l.texts, label, collapsed);
            }
            free(role);
            xmlFree(text);
        } else if (strcmp(local, "labelArc") == 0) {
            grow((void **)&l.arcs, &l.cap, l.n + 1, sizeof *l.arcs);
            l.arcs[l.n++] = xml_attr(r, "from", XLINK_NS);
            l.arcs[l.n++] = xml_attr(r, "to", XLINK_NS);
        }
        free(label);
    }
    for (size_t i = 0; i + 1 < l.n; i += 2) {
        const char *q = l.arcs[i] ? xmlHashLookup(l.locs, BAD_CAST l.arcs[i]) : NULL;
        const char *text = l.arcs[i + 1] ? xmlHashLookup(l.texts, BAD_CAST l.arcs[i + 1]) : NULL;
        if (q && text)
            put_string(out, q, text);
        free(l.arcs[i]);
        free(l.arcs[i + 1]);
    }
    free(l.arcs);
    xmlHashFree(l.locs, free_string);
    xmlHashFree(l.texts, free_string);
    xmlFreeTextReader(r);
    return ret == 0 ? 0 : -1;
}

/* derived_usgaap_standard_labels_union.tsv: concept, standard_label, ... (no
 * quoted fields); the first label of a concept the 2024 schema declares,
 * unless SRT's linkbase labelled it. */
static int read_union_labels(const char *file, const schema_set *set, xmlHashTablePtr out)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t cap = 0;
    char *s = next_line(f, &buf, &cap);   /* the header */
    while (s && (s = next_line(f, &buf, &cap)) != NULL) {
        char *tab = strchr(s, '\t');
        char *end = tab ? strchr(tab + 1, '\t') : NULL;
        if (!tab || !end)
            continue;
        *tab = *end = '\0';
        char q[1024], label[4096];
        snprintf(q, sizeof q, "us-gaap:%s", s);
        size_t n = 0;
        for (const char *p = tab + 1; *p && n + 2 < sizeof label; p++)
            if (*p != ' ')
                label[n++] = *p;
            else if (n && label[n - 1] != ' ')
                label[n++] = ' ';
        while (n && label[n - 1] == ' ')
            n--;
        label[n] = '\0';
        if (n && xmlHashLookup(set->elements, BAD_CAST q))
            put_string(out, q, label);     /* the first one stands */
    }
    free(buf);
    fclose(f);
    return 0;
}

typedef struct {
    const dictionary *d;
    reasons *r;
} label_ctx;

static void compare_label(void *payload, void *data, const xmlChar *key)
{
    label_ctx *lc = data;
    const char *have = xmlHashLookup(lc->d->labels, key);
    if (have && strcmp(have, payload) == 0)
        return;
    if (lc->r->n < MAX_REASONS)
        why(lc->r, "%s: the sources say '%s', the dictionary '%s'", (const char *)key,
            (const char *)payload, have ? have : "(none)");
    else
        lc->r->n++;
}

static void check_labels(const dictionary *d, const schema_set *set, const char *cache,
                         const char *labels_dir)
{
    xmlHashTablePtr want = xmlHashCreate(8192);
    char path[4096];
    int srt = join(path, sizeof path, cache, "xbrl.fasb.org/srt/2024/elts/srt-lab-2024.xml") == 0
                  ? read_srt_labels(path, set, want) : -1;
    ok(srt == 0, "read SRT's standard labels from %s", path);
    struct stat st;
    if (join(path, sizeof path, labels_dir, "derived_usgaap_standard_labels_union.tsv") != 0 ||
        stat(path, &st) != 0) {
        skip("the US-GAAP labels: %s is absent", path);
        xmlHashFree(want, free_string);
        return;
    }
    ok(read_union_labels(path, set, want) == 0, "read %s", path);
    reasons r = {NULL, 0, 0};
    label_ctx lc = {d, &r};
    xmlHashScan(want, compare_label, &lc);
    diff_ctx extra = {want, &r, "labelled in the dictionary, by neither source"};
    xmlHashScan(d->labels, missing_in_other, &extra);
    ok(r.n == 0, "@labels: the %d standard labels of SRT's linkbase and the US-GAAP label "
       "union, no other", xmlHashSize(want));
    print_reasons(&r);
    xmlHashFree(want, free_string);
}

/* ---- Checks of the concepts ------------------------------------------------------- */

static void flags_text(int flags, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t k = 0; k < sizeof flag_words / sizeof *flag_words; k++)
        if (flags & flag_words[k].flag) {
            size_t n = strlen(out);
            snprintf(out + n, size - n, " %s", flag_words[k].word);
        }
    if (!out[0])
        snprintf(out, size, " (none)");
}

/* The problems of entry i, as reasons naming it. */
static void concept_problems(const dictionary *d, size_t i, const schema_set *set,
                             xmlHashTablePtr seen, reasons *r)
{
    const concept *c = &d->c[i];
    char what[256];
    snprintf(what, sizeof what, "us-gaap-2024.concepts:%ld: %s", c->line, c->qname);
#define WHY(...) do { if (r->n < MAX_REASONS) why(r, __VA_ARGS__); else r->n++; } while (0)
    size_t plen = qname_prefix_len(c->qname);
    if (!plen)
        WHY("%s: not a QName", what);
    else if (!find_directive(d->ns, d->nns, c->qname, plen))
        WHY("%s: its prefix has no @namespace", what);
    size_t tlen = qname_prefix_len(c->type);
    if (!tlen)
        WHY("%s: type '%s' is not a QName", what, c->type);
    else if (!find_directive(d->ns, d->nns, c->type, tlen) &&
             !find_directive(d->typens, d->ntypens, c->type, tlen))
        WHY("%s: the prefix of type %s has no @namespace or @type-namespace", what, c->type);
    if (xmlHashLookup(seen, BAD_CAST c->qname))
        WHY("%s: listed twice", what);
    else
        xmlHashAddEntry(seen, BAD_CAST c->qname, (void *)c);
    for (size_t j = i; plen && j-- > 0;) {
        if (qname_prefix_len(d->c[j].qname) == plen &&
            strncmp(d->c[j].qname, c->qname, plen) == 0) {
            if (strcmp(d->c[j].qname, c->qname) > 0)
                WHY("%s: out of order, after %s (line %ld)", what, d->c[j].qname, d->c[j].line);
            break;
        }
    }
    schema_element *e = xmlHashLookup(set->elements, BAD_CAST c->qname);
    if (!e) {
        WHY("%s: not declared in the schemas", what);
        return;
    }
    e->listed = 1;
    char have[80], want[80];
    flags_text(c->flags & ~F_DEPRECATED, have, sizeof have);
    flags_text(e->flags, want, sizeof want);
    if (strcmp(str_or(e->type, "(none)"), c->type) != 0 ||
        strcmp(str_or(e->period, "(none)"), c->period) != 0 ||
        strcmp(str_or(e->balance, "-"), c->balance) != 0 || strcmp(have, want) != 0)
        WHY("%s: %s %s %s%s; the schema says %s %s %s%s", what, c->type, c->period, c->balance,
            have, str_or(e->type, "(none)"), str_or(e->period, "(none)"),
            str_or(e->balance, "-"), want);
#undef WHY
}

typedef struct {
    reasons *r;
    const char *prefix;
    long unlisted;
} unlisted_ctx;

static void count_unlisted(void *payload, void *data, const xmlChar *key)
{
    schema_element *e = payload;
    unlisted_ctx *u = data;
    size_t n = strlen(u->prefix);
    if (e->listed || strncmp((const char *)key, u->prefix, n) != 0 || key[n] != ':')
        return;
    u->unlisted++;
    if (u->r->n < MAX_REASONS)
        why(u->r, "%s: declared in the schema, not in the dictionary", (const char *)key);
    else
        u->r->n++;
}

static void check_concepts(const dictionary *d, const schema_set *set, xmlHashTablePtr seen)
{
    reasons r = {NULL, 0, 0};
    for (size_t i = 0; i < d->nc; i++)
        concept_problems(d, i, set, seen, &r);
    ok(r.n == 0, "%zu concepts as the schemas declare them (type, period type, balance, "
       "abstract, substitution group), sorted and unique within each prefix", d->nc);
    print_reasons(&r);
    for (size_t k = 0; k < NSCHEMAS; k++) {
        unlisted_ctx u = {&r, schemas[k].prefix, 0};
        xmlHashScan(set->elements, count_unlisted, &u);
        ok(u.unlisted == 0, "every one of the %ld concepts of %s is listed", set->count[k],
           schemas[k].path);
        print_reasons(&r);
    }
}

/* A @namespace or @type-namespace: the URI the schemas use for the prefix. */
static void check_namespace(const dictionary *d, const directive *ns, const schema_set *set,
                            const char *word)
{
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
        why(&r, "no schema declares the prefix %s", ns->prefix);
    size_t plen = strlen(ns->prefix);
    const directive *first = find_directive(d->ns, d->nns, ns->prefix, plen);
    const directive *first_type = find_directive(d->typens, d->ntypens, ns->prefix, plen);
    if ((first && first != ns) || (first_type && first_type != ns))
        why(&r, "%s declared twice", ns->prefix);
    ok(r.n == 0, "us-gaap-2024.concepts:%ld: %s %s %s", ns->line, word, ns->prefix, ns->value);
    print_reasons(&r);
}

/* @namespace, @type-namespace; @schema: the file read. */
static void check_directives(const dictionary *d, const schema_set *set)
{
    for (size_t i = 0; i < d->nns; i++)
        check_namespace(d, &d->ns[i], set, "@namespace");
    for (size_t i = 0; i < d->ntypens; i++)
        check_namespace(d, &d->typens[i], set, "@type-namespace");
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
            if (c->flags & F_ABSTRACT)
                WHY("%s is abstract", e->concept);
            if (c->flags & F_DEPRECATED)   /* the lead's call: said, not failed */
                printf("# note: us-gaap.map:%ld: %s is deprecated in US-GAAP 2024\n", e->line,
                       e->concept);
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
            return skip_all("%s not present (../shared is absent)", file[k]);
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

    /* The concepts, the directives and the required cover concepts. */
    xmlHashTablePtr dict = xmlHashCreate(32768);
    check_concepts(&d, &set, dict);
    check_directives(&d, &set);
    for (size_t i = 0; i < sizeof dei_required / sizeof dei_required[0]; i++)
        ok(xmlHashLookup(dict, BAD_CAST dei_required[i]) != NULL,
           "the dictionary lists the cover concept %s", dei_required[i]);

    /* Deprecation, the networks, the labels. */
    check_deprecation(&d, &set, cache);
    check_networks(&d, &set, cache, 'C');
    check_networks(&d, &set, cache, 'P');
    char labels[4096];
    if (join(labels, sizeof labels, top, "../shared/labels") == 0)
        check_labels(&d, &set, cache, labels);
    ok(d.errors == 0, "every line of the dictionary read (%d malformed)", d.errors);

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
