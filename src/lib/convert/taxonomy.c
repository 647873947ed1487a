/* taxonomy.c - read the concept dictionary (taxonomy/README.md).
 *
 * A whole taxonomy release is 18,000 concepts and 17,000 relationships, read
 * at every conversion: the file is read a chunk at a time (text_each_line),
 * only the names, types and labels kept (in a string pool, types once each),
 * the concepts allocated in blocks, the names hashed in a strmap at once, and
 * the networks indexed by counting sort.  (On the virtual machines it was
 * measured on, a page mapped costs more than copying it: memory touched is
 * what loading costs.) */
#include "taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "linefile.h"
#include "strmap.h"

#define DICTIONARY_MAX ((size_t)256 << 20)
#define CONCEPT_BLOCK 2048

typedef struct prefixed {
    char *prefix;
    char *value;
    int entry;            /* @schema (an entry point), not only @import */
} prefixed;

/* A network's arcs indexed two ways: by parent and by child id. */
typedef struct network_index {
    r2x_buf arcs;                 /* taxonomy_arc[], file order */
    taxonomy_arc *by_parent, *by_child;
    size_t *parent_start, *child_start;   /* [count + 1] offsets by concept id */
    size_t indexed;               /* arcs indexed (rebuilt when it differs) */
    size_t nconcepts;             /* concepts the offsets cover (later ones have no arcs) */
} network_index;

/* The concepts an old QName is replaced by: a run of replaced_to. */
typedef struct replaced_run {
    size_t first, count;
} replaced_run;

struct taxonomy {
    strmap by_qname;              /* qname -> concept* */
    r2x_buf concepts;             /* concept*[], by id */
    r2x_buf blocks;               /* concept*[]: one allocation per file, owned */
    strpool pool;                 /* the names, types and labels kept of the files */
    strmap types;                 /* type QName -> its copy in the pool (a few dozen) */
    r2x_buf namespaces;           /* prefixed[], declared in instances */
    r2x_buf type_namespaces;      /* prefixed[], @type-namespace */
    r2x_buf schemas;              /* prefixed[] */
    r2x_buf files;                /* char*[] names kept for concept.file */
    r2x_buf extensions;           /* concept*[] declared by the company */
    network_index calc, pres;
    strmap replaced;              /* old qname -> replaced_run* */
    r2x_buf replaced_runs;        /* replaced_run*[], owned */
    r2x_buf replaced_to;          /* const concept*[] */
};

int taxonomy_new(taxonomy **out, r2x_error *err)
{
    taxonomy *t = calloc(1, sizeof *t);
    if (!t)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    strmap_init(&t->by_qname);
    strmap_init(&t->replaced);
    strpool_init(&t->pool);
    strmap_init(&t->types);
    r2x_buf *bufs[] = {&t->concepts, &t->blocks, &t->namespaces,
                       &t->type_namespaces, &t->schemas, &t->files, &t->extensions,
                       &t->calc.arcs, &t->pres.arcs, &t->replaced_runs, &t->replaced_to};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        buf_init(bufs[i], R2X_BUF_NOCAP);
    *out = t;
    return R2X_OK;
}

static void free_prefixed(r2x_buf *b)
{
    prefixed *p = (prefixed *)(void *)b->data;
    for (size_t i = 0; i < b->len / sizeof *p; i++) {
        free(p[i].prefix);
        free(p[i].value);
    }
    buf_release(b);
}

/* Free each pointer of a char*[]-like list, then the list. */
static void free_list(r2x_buf *b)
{
    void **p = (void **)(void *)b->data;
    for (size_t i = 0; i < b->len / sizeof *p; i++)
        free(p[i]);
    buf_release(b);
}

static void free_index(network_index *n)
{
    buf_release(&n->arcs);
    free(n->by_parent);
    free(n->by_child);
    free(n->parent_start);
    free(n->child_start);
}

void taxonomy_free(taxonomy *t)
{
    if (!t)
        return;
    strmap_release(&t->by_qname);
    strmap_release(&t->replaced);
    buf_release(&t->concepts);
    free_list(&t->blocks);
    strpool_release(&t->pool);
    strmap_release(&t->types);
    free_prefixed(&t->namespaces);
    free_prefixed(&t->type_namespaces);
    free_prefixed(&t->schemas);
    free_list(&t->files);
    buf_release(&t->extensions);
    free_index(&t->calc);
    free_index(&t->pres);
    free_list(&t->replaced_runs);
    buf_release(&t->replaced_to);
    free(t);
}

static const char *find_prefixed(const r2x_buf *b, const char *prefix, size_t len)
{
    const prefixed *p = (const prefixed *)(const void *)b->data;
    for (size_t i = 0; i < b->len / sizeof *p; i++)
        if (!strncmp(p[i].prefix, prefix, len) && !p[i].prefix[len])
            return p[i].value;
    return NULL;
}

static int add_prefixed(r2x_buf *b, const char *prefix, const char *value, int entry)
{
    prefixed p = {r2xi_strdup(prefix), r2xi_strdup(value), entry};
    if (!p.prefix || !p.value || buf_add(b, &p, sizeof p)) {
        free(p.prefix);
        free(p.value);
        return R2X_ENOMEM;
    }
    return R2X_OK;
}

static int declare(taxonomy *t, r2x_buf *list, const char *prefix, const char *uri,
                   r2x_error *err)
{
    const char *have = taxonomy_namespace(t, prefix);
    if (have) {
        if (strcmp(have, uri))
            return r2xi_fail(err, R2X_EPROFILE, NULL, 0,
                            "prefix '%s' is declared twice, as '%s' and '%s'", prefix,
                            have, uri);
        return R2X_OK;
    }
    if (add_prefixed(list, prefix, uri, 0))
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return R2X_OK;
}

int taxonomy_declare(taxonomy *t, const char *prefix, const char *uri, r2x_error *err)
{
    return declare(t, &t->namespaces, prefix, uri, err);
}

const char *taxonomy_namespace(const taxonomy *t, const char *prefix)
{
    size_t n = strlen(prefix);
    const char *uri = find_prefixed(&t->namespaces, prefix, n);
    return uri ? uri : find_prefixed(&t->type_namespaces, prefix, n);
}

const concept *taxonomy_find(const taxonomy *t, const char *qname)
{
    return strmap_get(&t->by_qname, qname);
}

size_t taxonomy_count(const taxonomy *t)
{
    return t->concepts.len / sizeof(concept *);
}

const concept *taxonomy_at(const taxonomy *t, size_t id)
{
    return ((concept **)(void *)t->concepts.data)[id];
}

/* ---- Reading a file ---------------------------------------------------------- */

enum section { SEC_CONCEPTS, SEC_LABELS, SEC_CALCULATION, SEC_PRESENTATION, SEC_REPLACED };

typedef struct loader {
    taxonomy *t;
    const char *path;             /* the kept copy (concept.file) */
    long lineno;
    int extension;
    int section;
    const char *role;             /* of the current network */
    concept *block;               /* where the next concept goes */
    size_t block_left;            /* room left there */
    size_t first;                 /* the id of the file's first concept */
    size_t hashed;                /* how many of them are in by_qname */
    r2x_error *err;
} loader;

/* The next field of a line (blank-separated), NUL-terminated in place. */
static char *next_field(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s) {
        *p = s;
        return NULL;
    }
    char *f = s;
    s += strcspn(s, " \t");
    if (*s)
        *s++ = '\0';
    *p = s;
    return f;
}

/* The characters of a local name (ASCII letters, digits, '_', '-', '.'). */
static const unsigned char ncname_char[256] = {
    ['-'] = 1, ['.'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* A QName with a declared prefix (types: @type-namespace too) and an
 * NCName-ish local part. */
static int valid_qname(const taxonomy *t, const char *q, int type)
{
    const char *colon = strchr(q, ':');
    if (!colon || colon == q || !colon[1])
        return 0;
    for (const unsigned char *p = (const unsigned char *)colon + 1; *p; p++)
        if (!ncname_char[*p])
            return 0;
    size_t n = (size_t)(colon - q);
    return find_prefixed(&t->namespaces, q, n) ||
           (type && find_prefixed(&t->type_namespaces, q, n));
}

#define FAIL(l, code, ...) r2xi_fail((l)->err, code, (l)->path, (l)->lineno, __VA_ARGS__)

/* Hash the concepts read since the last call, all at once (the table sized
 * once, not grown line by line): before a section that names concepts, and
 * at the end of the file. */
static int hash_concepts(loader *l)
{
    size_t n = taxonomy_count(l->t) - l->first;
    if (strmap_reserve(&l->t->by_qname, l->t->by_qname.count + n - l->hashed))
        return FAIL(l, R2X_ENOMEM, "out of memory");
    for (; l->hashed < n; l->hashed++) {
        concept *c = ((concept **)(void *)l->t->concepts.data)[l->first + l->hashed];
        void *have;
        if (strmap_put(&l->t->by_qname, c->qname, c, &have))
            return FAIL(l, R2X_ENOMEM, "out of memory");
        if (have)
            return r2xi_fail(l->err, R2X_EPROFILE, l->path, c->line,
                            "concept '%s' is declared twice", c->qname);
    }
    return R2X_OK;
}

static int directive(loader *l, char *line)
{
    char *p = line;
    char *word = next_field(&p), *a = next_field(&p), *b = next_field(&p);
    int extra = next_field(&p) != NULL;
    static const struct { const char *word; int section; int nargs; } sections[] = {
        {"@concepts", SEC_CONCEPTS, 0},      {"@labels", SEC_LABELS, 0},
        {"@calculation", SEC_CALCULATION, 1}, {"@presentation", SEC_PRESENTATION, 1},
        {"@replaced-by", SEC_REPLACED, 0},
    };
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
        if (strcmp(word, sections[i].word))
            continue;
        if ((sections[i].nargs == 1) != (a != NULL) || b)
            return FAIL(l, R2X_EPROFILE, sections[i].nargs ? "expected '%s ROLE-URI'"
                                                           : "expected '%s' alone", word);
        l->section = sections[i].section;
        l->role = a ? strpool_add(&l->t->pool, a, strlen(a)) : NULL;
        if (a && !l->role)
            return FAIL(l, R2X_ENOMEM, "out of memory");
        return l->section == SEC_CONCEPTS ? R2X_OK : hash_concepts(l);
    }
    int ns = !strcmp(word, "@namespace"), typens = !strcmp(word, "@type-namespace");
    int schema = !strcmp(word, "@schema"), import = !strcmp(word, "@import");
    if (!(ns || typens || schema || import) || !b || extra)
        return FAIL(l, R2X_EPROFILE,
                    "expected '@namespace PREFIX URI', '@type-namespace PREFIX URI', "
                    "'@schema PREFIX URL', '@import PREFIX URL' or a section (@concepts, "
                    "@labels, @calculation ROLE, @presentation ROLE, @replaced-by)");
    int rc;
    if (ns || typens)
        rc = declare(l->t, ns ? &l->t->namespaces : &l->t->type_namespaces, a, b, l->err);
    else
        rc = add_prefixed(&l->t->schemas, a, b, schema) ? FAIL(l, R2X_ENOMEM, "out of memory")
                                                         : R2X_OK;
    if (rc && l->err && !l->err->file[0]) {
        r2xi_strlcpy(l->err->file, l->path, sizeof l->err->file);
        l->err->line = l->lineno;
    }
    return rc;
}

static int concept_flags(loader *l, concept *c, char **p)
{
    for (char *f; (f = next_field(p));) {
        unsigned char *flag = !strcmp(f, "abstract") ? &c->abstract
                    : !strcmp(f, "deprecated") ? &c->deprecated
                    : !strcmp(f, "typed") ? &c->typed : NULL;
        int kind = !strcmp(f, "axis") ? CONCEPT_AXIS
                   : !strcmp(f, "hypercube") ? CONCEPT_HYPERCUBE : CONCEPT_ITEM;
        if ((!flag && kind == CONCEPT_ITEM) || (flag && *flag) ||
            (kind != CONCEPT_ITEM && c->kind != CONCEPT_ITEM))
            return FAIL(l, R2X_EPROFILE,
                        "'%s': expected 'PREFIX:Name TYPE PERIOD-TYPE BALANCE [abstract] "
                        "[axis [typed] | hypercube] [deprecated]', each flag at most once", f);
        if (flag)
            *flag = 1;
        else
            c->kind = (unsigned char)kind;
    }
    if (c->typed && c->kind != CONCEPT_AXIS)
        return FAIL(l, R2X_EPROFILE, "'typed' goes with 'axis'");
    return R2X_OK;
}

/* The type QName, copied once: a taxonomy has a few dozen types. */
static const char *intern_type(taxonomy *t, const char *type)
{
    const char *have = strmap_get(&t->types, type);
    if (have)
        return have;
    const char *copy = strpool_add(&t->pool, type, strlen(type));
    return copy && !strmap_put(&t->types, copy, (void *)copy, NULL) ? copy : NULL;
}

static int concept_line(loader *l, char *line)
{
    char *p = line;
    char *f[4];
    for (int i = 0; i < 4; i++)
        f[i] = next_field(&p);
    if (!f[3])
        return FAIL(l, R2X_EPROFILE,
                    "expected 'PREFIX:Name TYPE PERIOD-TYPE BALANCE [FLAGS]'");
    if (!valid_qname(l->t, f[0], 0) || !valid_qname(l->t, f[1], 1))
        return FAIL(l, R2X_EPROFILE, "'%s' or '%s' is not a QName with a declared prefix",
                    f[0], f[1]);
    int pt = !strcmp(f[2], "instant") ? R2X_PERIOD_INSTANT
             : !strcmp(f[2], "duration") ? R2X_PERIOD_DURATION : 0;
    int bal = !strcmp(f[3], "debit") ? BALANCE_DEBIT
              : !strcmp(f[3], "credit") ? BALANCE_CREDIT
              : !strcmp(f[3], "-") ? BALANCE_NONE : -1;
    if (!pt || bal < 0)
        return FAIL(l, R2X_EPROFILE, "period type must be instant or duration and balance "
                    "debit, credit or -");
    if (!l->block_left) {
        /* blocks, not one growing array: concept pointers must stay valid */
        l->block = malloc(CONCEPT_BLOCK * sizeof *l->block);
        if (!l->block || buf_add(&l->t->blocks, &l->block, sizeof l->block)) {
            free(l->block);
            return FAIL(l, R2X_ENOMEM, "out of memory");
        }
        l->block_left = CONCEPT_BLOCK;
    }
    concept *c = l->block++;
    l->block_left--;
    memset(c, 0, sizeof *c);
    c->qname = strpool_add(&l->t->pool, f[0], strlen(f[0]));
    c->type = intern_type(l->t, f[1]);
    if (!c->qname || !c->type)
        return FAIL(l, R2X_ENOMEM, "out of memory");
    c->period_type = (unsigned char)pt;
    c->balance = (unsigned char)bal;
    c->extension = (unsigned char)l->extension;
    c->file = l->path;
    c->line = l->lineno;
    const char *local = strchr(f[1], ':') + 1;
    if (!strcmp(local, "domainItemType"))
        c->kind = CONCEPT_MEMBER;
    int rc = concept_flags(l, c, &p);
    if (rc)
        return rc;
    c->id = taxonomy_count(l->t);
    if (buf_add(&l->t->concepts, &c, sizeof c) ||
        (l->extension && buf_add(&l->t->extensions, &c, sizeof c)))
        return FAIL(l, R2X_ENOMEM, "out of memory");
    return R2X_OK;
}

static concept *known(loader *l, const char *qname)
{
    concept *c = strmap_get(&l->t->by_qname, qname);
    if (!c)
        FAIL(l, R2X_EPROFILE, "concept '%s' is not declared (above or in an earlier "
             "dictionary)", qname);
    return c;
}

static int label_line(loader *l, char *line)
{
    char *p = line;
    char *q = next_field(&p);
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        p[--n] = '\0';
    if (!n)
        return FAIL(l, R2X_EPROFILE, "expected 'PREFIX:Name LABEL'");
    concept *c = known(l, q);
    if (!c)
        return R2X_EPROFILE;
    if (c->label)
        return FAIL(l, R2X_EPROFILE, "concept '%s' has a label already", q);
    c->label = strpool_add(&l->t->pool, p, n);
    if (!c->label)
        return FAIL(l, R2X_ENOMEM, "out of memory");
    return R2X_OK;
}

/* "PARENT +CHILD -CHILD ..." (calculation) or "PARENT CHILD ..." */
static int network_line(loader *l, char *line)
{
    int calc = l->section == SEC_CALCULATION;
    network_index *n = calc ? &l->t->calc : &l->t->pres;
    char *p = line;
    concept *parent = known(l, next_field(&p));
    if (!parent)
        return R2X_EPROFILE;
    int order = 0;
    for (char *f; (f = next_field(&p));) {
        int weight = 0;
        if (calc) {
            if (*f != '+' && *f != '-')
                return FAIL(l, R2X_EPROFILE, "'%s': a calculation child is '+QNAME' or "
                            "'-QNAME' (weight 1 or -1)", f);
            weight = *f++ == '+' ? 1 : -1;
        }
        concept *child = known(l, f);
        if (!child)
            return R2X_EPROFILE;
        taxonomy_arc a = {parent, child, l->role, weight, ++order};
        if (buf_add(&n->arcs, &a, sizeof a))
            return FAIL(l, R2X_ENOMEM, "out of memory");
    }
    if (!order)
        return FAIL(l, R2X_EPROFILE, "'%s' has no children", parent->qname);
    return R2X_OK;
}

static int replaced_line(loader *l, char *line)
{
    taxonomy *t = l->t;
    char *p = line;
    char *old = next_field(&p), *by = next_field(&p);
    if (!by || next_field(&p))
        return FAIL(l, R2X_EPROFILE, "expected 'OLD-QNAME NEW-QNAME'");
    if (!valid_qname(t, old, 0))
        return FAIL(l, R2X_EPROFILE, "'%s' is not a QName with a declared prefix", old);
    const concept *c = known(l, by);
    if (!c)
        return R2X_EPROFILE;
    size_t at = t->replaced_to.len / sizeof c;
    replaced_run *run = strmap_get(&t->replaced, old);
    if (run && run->first + run->count != at)
        return FAIL(l, R2X_EPROFILE, "the replacements of '%s' must be on consecutive "
                    "lines", old);
    if (!run) {
        run = calloc(1, sizeof *run);
        if (!run || buf_add(&t->replaced_runs, &run, sizeof run)) {
            free(run);
            return FAIL(l, R2X_ENOMEM, "out of memory");
        }
        run->first = at;
        const char *key = strpool_add(&t->pool, old, strlen(old));
        if (!key || strmap_put(&t->replaced, key, run, NULL))
            return FAIL(l, R2X_ENOMEM, "out of memory");
    }
    if (buf_add(&t->replaced_to, &c, sizeof c))
        return FAIL(l, R2X_ENOMEM, "out of memory");
    run->count++;
    return R2X_OK;
}

static int parse_line(void *ctx, char *line, size_t len, long lineno)
{
    loader *l = ctx;
    (void)len;
    l->lineno = lineno;
    /* a comment starts at a '#' that begins a word (URIs may hold '#') */
    for (char *q = line; (q = strchr(q, '#')); q++)
        if (q == line || q[-1] == ' ' || q[-1] == '\t') {
            *q = '\0';
            break;
        }
    char *s = line;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return R2X_OK;
    if (*s == '@')
        return directive(l, s);
    switch (l->section) {
    case SEC_CONCEPTS:
        return concept_line(l, s);
    case SEC_LABELS:
        return label_line(l, s);
    case SEC_CALCULATION:
    case SEC_PRESENTATION:
        return network_line(l, s);
    default:
        return replaced_line(l, s);
    }
}

/* ---- Indexes of the networks --------------------------------------------------- */

/* Sort arcs stably by the id of one end into out, with offsets start[id]. */
static void counting_sort(const taxonomy_arc *arcs, size_t n, size_t nconcepts, int by_child,
                          taxonomy_arc *out, size_t *start)
{
    memset(start, 0, (nconcepts + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[(by_child ? arcs[i].child : arcs[i].parent)->id + 1]++;
    for (size_t i = 0; i < nconcepts; i++)
        start[i + 1] += start[i];
    size_t *next = start;           /* advanced while placing, then restored */
    for (size_t i = 0; i < n; i++)
        out[next[(by_child ? arcs[i].child : arcs[i].parent)->id]++] = arcs[i];
    for (size_t i = nconcepts; i > 0; i--)
        start[i] = start[i - 1];
    start[0] = 0;
}

static int index_network(network_index *x, size_t nconcepts)
{
    size_t n = x->arcs.len / sizeof(taxonomy_arc);
    if (n == x->indexed)
        return R2X_OK;       /* concepts declared since have no arcs: arcs_of says so */
    free(x->by_parent);
    free(x->by_child);
    free(x->parent_start);
    free(x->child_start);
    x->by_parent = malloc((n + 1) * sizeof *x->by_parent);
    x->by_child = malloc((n + 1) * sizeof *x->by_child);
    x->parent_start = malloc((nconcepts + 1) * sizeof *x->parent_start);
    x->child_start = malloc((nconcepts + 1) * sizeof *x->child_start);
    x->indexed = x->nconcepts = 0;
    if (!x->by_parent || !x->by_child || !x->parent_start || !x->child_start)
        return R2X_ENOMEM;
    const taxonomy_arc *arcs = (const taxonomy_arc *)(const void *)x->arcs.data;
    counting_sort(arcs, n, nconcepts, 0, x->by_parent, x->parent_start);
    counting_sort(arcs, n, nconcepts, 1, x->by_child, x->child_start);
    x->indexed = n;
    x->nconcepts = nconcepts;
    return R2X_OK;
}

static size_t arcs_of(const network_index *x, const taxonomy_arc *sorted, const size_t *start,
                      const concept *c, const taxonomy_arc **out)
{
    *out = NULL;
    if (!c || c->id >= x->nconcepts)
        return 0;
    *out = sorted + start[c->id];
    return start[c->id + 1] - start[c->id];
}

size_t taxonomy_calc_children(const taxonomy *t, const concept *parent, const taxonomy_arc **arcs)
{
    return arcs_of(&t->calc, t->calc.by_parent, t->calc.parent_start, parent, arcs);
}

size_t taxonomy_calc_parents(const taxonomy *t, const concept *child, const taxonomy_arc **arcs)
{
    return arcs_of(&t->calc, t->calc.by_child, t->calc.child_start, child, arcs);
}

size_t taxonomy_pres_children(const taxonomy *t, const concept *parent, const taxonomy_arc **arcs)
{
    return arcs_of(&t->pres, t->pres.by_parent, t->pres.parent_start, parent, arcs);
}

size_t taxonomy_pres_parents(const taxonomy *t, const concept *child, const taxonomy_arc **arcs)
{
    return arcs_of(&t->pres, t->pres.by_child, t->pres.child_start, child, arcs);
}

size_t taxonomy_replaced_by(const taxonomy *t, const char *qname, const concept *const **out)
{
    const replaced_run *run = strmap_get(&t->replaced, qname);
    *out = run ? (const concept *const *)(const void *)t->replaced_to.data + run->first : NULL;
    return run ? run->count : 0;
}

/* ---- Extension concepts made while converting ------------------------------------ */

int taxonomy_add_extension(taxonomy *t, const char *qname, const char *type, int period_type,
                           int balance, const char *label, const concept **out, r2x_error *err)
{
    *out = NULL;
    const char *colon = strchr(qname, ':');
    char prefix[64];
    size_t pl = colon ? (size_t)(colon - qname) : 0;
    if (!colon || pl >= sizeof prefix)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "'%s' is not a QName", qname);
    memcpy(prefix, qname, pl);
    prefix[pl] = '\0';
    if (!taxonomy_namespace(t, prefix))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "the prefix of '%s' is not declared", qname);
    if (strmap_get(&t->by_qname, qname))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "concept '%s' is declared already", qname);
    concept *c = calloc(1, sizeof *c);
    if (!c || buf_add(&t->blocks, &c, sizeof c)) {
        free(c);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    c->qname = strpool_add(&t->pool, qname, strlen(qname));
    c->type = intern_type(t, type);
    c->label = label ? strpool_add(&t->pool, label, strlen(label)) : NULL;
    if (!c->qname || !c->type || (label && !c->label))
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    c->period_type = (unsigned char)period_type;
    c->balance = (unsigned char)balance;
    c->extension = 1;
    const char *local = strchr(type, ':');
    if (local && !strcmp(local + 1, "domainItemType")) {
        c->kind = CONCEPT_MEMBER;       /* a member of the company's own */
        c->abstract = 1;
    }
    c->id = taxonomy_count(t);
    void *have = NULL;
    if (buf_add(&t->concepts, &c, sizeof c) || buf_add(&t->extensions, &c, sizeof c) ||
        strmap_put(&t->by_qname, c->qname, c, &have))
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    *out = c;
    return R2X_OK;
}

/* ---- Loading ------------------------------------------------------------------- */

int taxonomy_load(taxonomy *t, const char *path, int extension, r2x_error *err)
{
    const char *fname = buf_keep_string(&t->files, path);
    if (!fname)
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    loader l = {t, fname, 0, extension, SEC_CONCEPTS, NULL, NULL, 0, taxonomy_count(t), 0, err};
    int rc = text_each_line(path, DICTIONARY_MAX, "concept dictionary", parse_line, &l, err);
    if (!rc)
        rc = hash_concepts(&l);
    if (!rc && (index_network(&t->calc, taxonomy_count(t)) ||
                index_network(&t->pres, taxonomy_count(t))))
        rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    return rc;
}

size_t taxonomy_schema_count(const taxonomy *t)
{
    return t->schemas.len / sizeof(prefixed);
}

const char *taxonomy_schema(const taxonomy *t, size_t i, const char **prefix)
{
    return taxonomy_schema_entry(t, i, prefix, NULL);
}

const char *taxonomy_schema_entry(const taxonomy *t, size_t i, const char **prefix,
                                  int *entry)
{
    const prefixed *p = (const prefixed *)(const void *)t->schemas.data;
    if (prefix)
        *prefix = p[i].prefix;
    if (entry)
        *entry = p[i].entry;
    return p[i].value;
}

size_t taxonomy_namespace_count(const taxonomy *t)
{
    return t->namespaces.len / sizeof(prefixed);
}

const char *taxonomy_namespace_at(const taxonomy *t, size_t i, const char **prefix)
{
    const prefixed *p = (const prefixed *)(const void *)t->namespaces.data;
    if (prefix)
        *prefix = p[i].prefix;
    return p[i].value;
}

size_t taxonomy_extension_count(const taxonomy *t)
{
    return t->extensions.len / sizeof(concept *);
}

const concept *taxonomy_extension_at(const taxonomy *t, size_t i)
{
    return ((concept **)(void *)t->extensions.data)[i];
}
