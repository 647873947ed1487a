/*
 * extension.c - the company extension taxonomy of a conversion, as data.
 *
 * One role per statement the release prints (a table and the tables that
 * continue it), named after its title.  Presentation: the statement's root
 * abstract, its section headings as abstracts, its lines in printed order,
 * each with the preferred label that gives its printed wording (a total, a
 * line printed with the opposite sign of its facts).  Calculation: every
 * total facts_build() found equal to the rows above it, weighted by the
 * printed signs of the total and its items, kept only when the weights
 * agree with the concepts' balances and the facts written add up under
 * Calculations 1.1 (rounding to the least precise figure).  Definition: for
 * a statement with dimensional lines, us-gaap:StatementTable with each axis,
 * its domain (the dictionary's, the axis's default) and the members used.
 */
#include "extension.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document.h"
#include "error.h"
#include "vdec.h"
#include "write_xbrl.h"

static const char *const label_role_uris[EXT_LABEL_ROLES] = {
    "http://www.xbrl.org/2003/role/label",
    "http://www.xbrl.org/2003/role/terseLabel",
    "http://www.xbrl.org/2003/role/totalLabel",
    "http://www.xbrl.org/2009/role/negatedLabel",
    "http://www.xbrl.org/2009/role/negatedTotalLabel",
};

const char *ext_label_role_uri(int role) { return label_role_uris[role]; }

const char *ext_label_role_name(int role)
{
    const char *slash = strrchr(label_role_uris[role], '/');
    return slash + 1;
}

const char *ext_arcrole_uri(int arcrole)
{
    switch (arcrole) {
    case EXT_ARC_PARENT_CHILD: return "http://www.xbrl.org/2003/arcrole/parent-child";
    case EXT_ARC_SUMMATION: return "http://www.xbrl.org/2003/arcrole/summation-item";
    case EXT_ARC_ALL: return "http://xbrl.org/int/dim/arcrole/all";
    case EXT_ARC_HYPERCUBE_DIMENSION: return "http://xbrl.org/int/dim/arcrole/hypercube-dimension";
    case EXT_ARC_DIMENSION_DOMAIN: return "http://xbrl.org/int/dim/arcrole/dimension-domain";
    case EXT_ARC_DOMAIN_MEMBER: return "http://xbrl.org/int/dim/arcrole/domain-member";
    default: return "http://xbrl.org/int/dim/arcrole/dimension-default";
    }
}

const char *ext_arcrole_xbrldt_id(int arcrole)
{
    if (arcrole < EXT_ARC_ALL)
        return NULL;
    const char *uri = ext_arcrole_uri(arcrole);
    return strrchr(uri, '/') + 1;
}

size_t ext_node_count(const ext_taxonomy *x) { return x->nodes.len / sizeof(ext_node); }
const ext_node *ext_node_at(const ext_taxonomy *x, size_t i)
{
    return &((const ext_node *)(const void *)x->nodes.data)[i];
}
size_t ext_role_count(const ext_taxonomy *x) { return x->roles.len / sizeof(ext_role); }
const ext_role *ext_role_at(const ext_taxonomy *x, size_t i)
{
    return &((const ext_role *)(const void *)x->roles.data)[i];
}
size_t ext_arc_count(const ext_role *r) { return r->arcs.len / sizeof(ext_arc); }
const ext_arc *ext_arc_at(const ext_role *r, size_t i)
{
    return &((const ext_arc *)(const void *)r->arcs.data)[i];
}

int ext_node_declared(const ext_node *n)
{
    return n->kind != EXT_NODE_CONCEPT || n->concept->extension;
}

void ext_free(ext_taxonomy *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < ext_role_count(x); i++)
        buf_release(&((ext_role *)(void *)x->roles.data)[i].arcs);
    buf_release(&x->nodes);
    buf_release(&x->roles);
    strmap_release(&x->node_index);
    strmap_release(&x->arc_seen);
    strpool_release(&x->strings);
    free(x);
}

/* ---- Names ---------------------------------------------------------------- */

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* "Current assets:" -> "CurrentAssets": each word's first letter upper case,
 * everything but ASCII letters and digits left out, at most size - 1 bytes;
 * a text in capitals ("BALANCE SHEETS") is read as words ("BalanceSheets");
 * a name that would start with a digit gets lead in front. */
static void camel_name(const char *text, const char *lead, char *out, size_t size)
{
    size_t n = 0;
    int word_start = 1, capitals = 1;
    for (const char *p = text; *p && capitals; p++)
        capitals = !(*p >= 'a' && *p <= 'z');
    for (const char *p = text; *p && n + 1 < size; p++) {
        if (!is_alnum(*p)) {
            word_start = 1;
            continue;
        }
        if (!n && *p >= '0' && *p <= '9')
            for (const char *l = lead; *l && n + 2 < size; l++)
                out[n++] = *l;
        out[n++] = word_start ? (char)toupper((unsigned char)*p)
                   : capitals ? (char)tolower((unsigned char)*p) : *p;
        word_start = 0;
    }
    out[n] = '\0';
}

/* A readable label from a QName's local name, as US-GAAP writes its standard
 * labels: "StatementLineItems" -> "Statement [Line Items]",
 * "ATMOperationBusinessMember" -> "ATM Operation Business [Member]". */
static void label_from_name(const char *qname, char *out, size_t size)
{
    const char *local = strchr(qname, ':') ? strchr(qname, ':') + 1 : qname;
    static const char *const suffixes[][2] = {
        {"LineItems", "[Line Items]"}, {"Abstract", "[Abstract]"}, {"Axis", "[Axis]"},
        {"Domain", "[Domain]"}, {"Member", "[Member]"}, {"Table", "[Table]"},
    };
    size_t len = strlen(local);
    const char *tail = NULL;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i][0]);
        if (len > k && !strcmp(local + len - k, suffixes[i][0])) {
            len -= k;
            tail = suffixes[i][1];
            break;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < len && n + 2 < size; i++) {
        char c = local[i];
        int upper = c >= 'A' && c <= 'Z';
        int prev_lower = i && ((local[i - 1] >= 'a' && local[i - 1] <= 'z') ||
                               (local[i - 1] >= '0' && local[i - 1] <= '9'));
        int next_lower = i + 1 < len && local[i + 1] >= 'a' && local[i + 1] <= 'z';
        int prev_upper = i && local[i - 1] >= 'A' && local[i - 1] <= 'Z';
        if (n && upper && (prev_lower || (prev_upper && next_lower)))
            out[n++] = ' ';
        out[n++] = c;
    }
    out[n] = '\0';
    if (tail)
        snprintf(out + n, size - n, "%s%s", n ? " " : "", tail);
}

/* ---- Building ------------------------------------------------------------- */

typedef struct builder {
    ext_taxonomy *x;
    const ext_input *in;
    int rc;                   /* sticky: R2X_ENOMEM once anything failed */
    const row_mapping **rm;   /* per row of every table: its mapping or NULL */
    size_t *row_base;         /* table i's rows start at rm[row_base[i]] */
    size_t *group;            /* table i belongs to the statement of table group[i] */
    strmap names;             /* role ids given */
    strmap order;             /* "role|from|arcrole" -> index + 1 in counts */
    r2x_buf counts;           /* int[]: the arcs so far of each */
    size_t role;              /* the role being built */
} builder;

static const char *keep(builder *b, const char *s)
{
    if (b->rc)
        return NULL;
    const char *k = strpool_add(&b->x->strings, s, strlen(s));
    if (!k)
        b->rc = R2X_ENOMEM;
    return k;
}

/* The node of qname, made when new (concept: the dictionary's, or NULL for
 * a node declared here, of kind). */
static size_t node_of(builder *b, const char *qname, const concept *c, int kind)
{
    if (b->rc)
        return 0;
    void *have = strmap_get(&b->x->node_index, qname);
    if (have)
        return (size_t)(uintptr_t)have - 1;
    ext_node n;
    memset(&n, 0, sizeof n);
    n.qname = keep(b, qname);
    n.concept = c;
    n.kind = c ? EXT_NODE_CONCEPT : kind;
    size_t i = ext_node_count(b->x);
    if (!b->rc && (buf_add(&b->x->nodes, &n, sizeof n) ||
                   strmap_put(&b->x->node_index, n.qname, (void *)(uintptr_t)(i + 1), NULL)))
        b->rc = R2X_ENOMEM;
    return i;
}

static ext_node *node(builder *b, size_t i)
{
    return &((ext_node *)(void *)b->x->nodes.data)[i];
}

/* A node for a concept of the dictionary (NULL when it has no such concept). */
static int concept_node(builder *b, const char *qname, size_t *out)
{
    const concept *c = taxonomy_find(b->in->tax, qname);
    if (!c)
        return 0;
    *out = node_of(b, qname, c, EXT_NODE_CONCEPT);
    return 1;
}

/* An abstract of ours named from text ("Current assets:" ->
 * "iij:CurrentAssetsAbstract"), labelled with it.  A name the dictionary
 * gives a concept that is not abstract gets "Heading" before "Abstract". */
static size_t abstract_node(builder *b, const char *text, const char *fallback)
{
    char name[160], qname[256];
    camel_name(text, "N", name, 120);
    if (!name[0])
        r2xi_strlcpy(name, fallback, sizeof name);
    snprintf(qname, sizeof qname, "%s:%sAbstract", b->x->prefix, name);
    const concept *c = taxonomy_find(b->in->tax, qname);
    if (c && !c->abstract)
        snprintf(qname, sizeof qname, "%s:%sHeadingAbstract", b->x->prefix, name);
    size_t i = c && c->abstract ? node_of(b, qname, c, EXT_NODE_CONCEPT)
                                : node_of(b, qname, NULL, EXT_NODE_ABSTRACT);
    if (!b->rc && !node(b, i)->label[EXT_LABEL])
        node(b, i)->label[EXT_LABEL] = keep(b, text);
    return i;
}

static ext_role *role(builder *b, size_t i)
{
    return &((ext_role *)(void *)b->x->roles.data)[i];
}

/* Add a relationship to the role being built, each (from, to, arcrole) once;
 * returns 1 when added.  Orders count the arcs of the kind from the node. */
static int add_arc(builder *b, size_t from, size_t to, int arcrole, int weight, int preferred)
{
    if (b->rc)
        return 0;
    char key[96];
    snprintf(key, sizeof key, "%zu|%zu|%zu|%d", b->role, from, to, arcrole);
    void *seen = strmap_get(&b->x->arc_seen, key);
    if (seen) {
        /* a line shown again: a wording of its own (a total's, say) goes
         * before none (a line of a dimension, which labels nothing) */
        ext_arc *a = &((ext_arc *)(void *)role(b, b->role)->arcs.data)[(uintptr_t)seen - 1];
        if (a->preferred == EXT_LABEL)
            a->preferred = preferred;
        return 0;
    }
    const char *k = keep(b, key);
    size_t index = ext_arc_count(role(b, b->role));
    if (k && strmap_put(&b->x->arc_seen, k, (void *)(uintptr_t)(index + 1), NULL))
        b->rc = R2X_ENOMEM;
    snprintf(key, sizeof key, "%zu|%zu|%d", b->role, from, arcrole);
    void *have = strmap_get(&b->order, key);
    size_t ci = have ? (size_t)(uintptr_t)have - 1 : b->counts.len / sizeof(int);
    if (!have) {
        int zero = 0;
        const char *ok = keep(b, key);
        if (ok && (buf_add(&b->counts, &zero, sizeof zero) ||
                   strmap_put(&b->order, ok, (void *)(uintptr_t)(ci + 1), NULL)))
            b->rc = R2X_ENOMEM;
    }
    if (b->rc)
        return 0;
    int *count = &((int *)(void *)b->counts.data)[ci];
    ext_arc a = {from, to, arcrole, ++*count, weight, preferred};
    if (buf_add(&role(b, b->role)->arcs, &a, sizeof a)) {
        b->rc = R2X_ENOMEM;
        return 0;
    }
    return 1;
}

/* ---- Labels ----------------------------------------------------------------- */

/* The row's wording as a label of node n, in the role that fits what the row
 * is; returns the role the row's presentation arc prefers.  A second wording
 * of a plain line becomes the terse label; a third keeps the role's first. */
static int row_label(builder *b, size_t n, const char *text, int total, int negated)
{
    int kind = negated ? (total ? EXT_LABEL_NEGATED_TOTAL : EXT_LABEL_NEGATED)
                       : (total ? EXT_LABEL_TOTAL : EXT_LABEL);
    if (b->rc || !text || !*text)
        return kind;
    const char **slot = node(b, n)->label;
    if (!slot[kind]) {
        slot[kind] = keep(b, text);
        return kind;
    }
    if (!strcmp(slot[kind], text) || kind != EXT_LABEL)
        return kind;
    if (!slot[EXT_LABEL_TERSE])
        slot[EXT_LABEL_TERSE] = keep(b, text);
    return strcmp(slot[EXT_LABEL_TERSE], text) ? EXT_LABEL : EXT_LABEL_TERSE;
}

/* Every node gets a standard label: its first wording in another role,
 * else the dictionary's, else one made from its name. */
static void standard_labels(builder *b)
{
    for (size_t i = 0; i < ext_node_count(b->x) && !b->rc; i++) {
        ext_node *n = node(b, i);
        if (n->label[EXT_LABEL])
            continue;
        for (int r = 1; r < EXT_LABEL_ROLES && !n->label[EXT_LABEL]; r++)
            n->label[EXT_LABEL] = n->label[r];
        if (!n->label[EXT_LABEL] && n->concept && n->concept->label)
            n->label[EXT_LABEL] = n->concept->label;
        if (!n->label[EXT_LABEL]) {
            char text[256];
            label_from_name(n->qname, text, sizeof text);
            n->label[EXT_LABEL] = keep(b, text);
        }
    }
}

/* ---- Roles ------------------------------------------------------------------ */

/* The binding of a row that has a concept (bind.c chose it: a standard
 * concept or the company's own), NULL for any other row. */
static const row_bind *bound(const builder *b, size_t table, size_t row)
{
    const row_mapping *rm = b->rm[b->row_base[table] + row];
    return rm && rm->bind && rm->bind->concept ? rm->bind : NULL;
}

/* A bound row's dimensions: its mapping entry's (only a mapping table
 * entry names members). */
static size_t bind_ndims(const row_bind *rb) { return rb->entry ? rb->entry->ndims : 0; }
static const map_dim *bind_dims(const row_bind *rb) { return rb->entry ? rb->entry->dims : NULL; }

/* Start a role: its id from the title ("Quarterly Consolidated Balance
 * Sheets (Unaudited)" -> "QuarterlyConsolidatedBalanceSheetsUnaudited"),
 * made unique with a number; its definition as EDGAR orders them. */
static void role_begin(builder *b, const char *title, const char *fallback, const char *kind)
{
    if (b->rc)
        return;
    char base[128], id[160], text[1200];
    camel_name(title ? title : "", "Table", base, 100);
    /* a title with no word in it ("`", left of a table by extraction)
     * names neither the role nor its definition */
    int titled = base[0] != '\0';
    if (!titled)
        r2xi_strlcpy(base, fallback, sizeof base);
    r2xi_strlcpy(id, base, sizeof id);
    for (int k = 2; strmap_get(&b->names, id); k++)
        snprintf(id, sizeof id, "%s%d", base, k);
    ext_role r;
    memset(&r, 0, sizeof r);
    buf_init(&r.arcs, R2X_BUF_NOCAP);
    r.id = keep(b, id);
    size_t nl = strlen(b->x->ns);
    snprintf(text, sizeof text, "%s%srole/%s", b->x->ns,
             nl && b->x->ns[nl - 1] == '/' ? "" : "/", id);
    r.uri = keep(b, text);
    char label[1024];
    label_from_name(id, label, sizeof label);
    snprintf(text, sizeof text, "%04zu - %s - %s", ext_role_count(b->x) + 1, kind,
             titled ? title : label);
    r.definition = keep(b, text);
    if (b->rc || strmap_put(&b->names, r.id, (void *)1, NULL) ||
        buf_add(&b->x->roles, &r, sizeof r)) {
        b->rc = R2X_ENOMEM;
        return;
    }
    b->role = ext_role_count(b->x) - 1;
}

/* The DEI cover facts under dei:CoverAbstract. */
static void build_cover(builder *b)
{
    const ext_input *in = b->in;
    if (!in->ncover)
        return;
    role_begin(b, "Cover", "Cover", "Document");
    size_t root;
    if (!concept_node(b, "dei:CoverAbstract", &root))
        root = abstract_node(b, "Cover", "Cover");
    for (size_t i = 0; i < in->ncover; i++) {
        size_t n;
        if (concept_node(b, in->cover[i], &n))
            add_arc(b, root, n, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
    }
}

/* The heading a row stands under, as an abstract under parent, made on its
 * first line (so that headings come in printed order among their siblings);
 * heads[s] remembers it.  A heading named as the statement itself stands
 * for nothing: its lines go under parent. */
static size_t heading_of(builder *b, const r2x_table *t, int s, size_t parent, size_t root,
                         size_t *heads)
{
    if (s < 0 || (size_t)s >= t->nrows || !t->rows[s].label)
        return parent;
    if (heads[s] != SIZE_MAX)
        return heads[s];
    size_t h = abstract_node(b, t->rows[s].label, "Heading");
    if (b->rc || h == parent || h == root)
        return heads[s] = parent;
    add_arc(b, parent, h, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
    return heads[s] = h;
}

/* The lines of the statement's tables in printed order, under their
 * headings. */
static void build_lines(builder *b, size_t g, size_t root, size_t items)
{
    const r2x_tableset *set = b->in->set;
    for (size_t i = g; i < set->ntables && !b->rc; i++) {
        if (b->group[i] != g)
            continue;
        const r2x_table *t = &set->tables[i];
        size_t *heads = malloc((t->nrows ? t->nrows : 1) * sizeof *heads);
        if (!heads) {
            b->rc = R2X_ENOMEM;
            return;
        }
        for (size_t r = 0; r < t->nrows; r++)
            heads[r] = SIZE_MAX;
        for (size_t r = 0; r < t->nrows && !b->rc; r++) {
            const row_bind *rb = bound(b, i, r);
            if (!rb)
                continue;
            const r2x_row *row = &t->rows[r];
            size_t parent = heading_of(b, t, row->section, items, root, heads);
            size_t n = node_of(b, rb->concept->qname, rb->concept, EXT_NODE_CONCEPT);
            /* a line of a dimension ("Subscription" under "Revenues:", or
             * "Revenues" under a segment's heading) may name the member or
             * the concept: it labels neither */
            int pref = bind_ndims(rb) ? EXT_LABEL
                                      : row_label(b, n, row->label, row->is_total,
                                                  rb->sign < 0);
            add_arc(b, parent, n, EXT_ARC_PARENT_CHILD, 0, pref);
        }
        free(heads);
    }
}

/* The axes and members the statement's lines use, under us-gaap's
 * StatementTable (presentation) and as its hypercube (definition); the
 * lines' concepts are its primary items.  The domain of an axis is the one
 * the dictionary presents under it (its default in US-GAAP), else ours. */
static void build_dimensions(builder *b, size_t g, size_t root, size_t table, size_t items)
{
    const r2x_tableset *set = b->in->set;
    add_arc(b, root, table, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
    add_arc(b, root, items, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
    add_arc(b, items, table, EXT_ARC_ALL, 0, EXT_LABEL);
    for (size_t i = g; i < set->ntables && !b->rc; i++) {
        if (b->group[i] != g)
            continue;
        for (size_t r = 0; r < set->tables[i].nrows && !b->rc; r++) {
            const row_bind *rb = bound(b, i, r);
            if (!rb)
                continue;
            const map_dim *dims = bind_dims(rb);
            add_arc(b, items, node_of(b, rb->concept->qname, rb->concept, EXT_NODE_CONCEPT),
                    EXT_ARC_DOMAIN_MEMBER, 0, EXT_LABEL);
            for (size_t d = 0; d < bind_ndims(rb); d++) {
                const concept *ac = taxonomy_find(b->in->tax, dims[d].axis);
                const concept *mc = taxonomy_find(b->in->tax, dims[d].member);
                if (!ac || !mc)
                    continue;       /* mapping_load admits no such entry */
                size_t axis = node_of(b, ac->qname, ac, EXT_NODE_CONCEPT);
                size_t member = node_of(b, mc->qname, mc, EXT_NODE_CONCEPT);
                const taxonomy_arc *arcs;
                size_t na = taxonomy_pres_children(b->in->tax, ac, &arcs), domain;
                size_t k = 0;
                while (k < na && arcs[k].child->kind != CONCEPT_MEMBER)
                    k++;
                if (k < na) {
                    domain = node_of(b, arcs[k].child->qname, arcs[k].child, EXT_NODE_CONCEPT);
                } else {
                    char name[256], qname[320];
                    const char *local = strchr(dims[d].axis, ':') + 1;
                    size_t len = strlen(local);
                    if (len > 4 && !strcmp(local + len - 4, "Axis"))
                        len -= 4;
                    snprintf(name, sizeof name, "%.*s", (int)len, local);
                    snprintf(qname, sizeof qname, "%s:%sDomain", b->x->prefix, name);
                    domain = node_of(b, qname, NULL, EXT_NODE_DOMAIN);
                }
                add_arc(b, table, axis, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
                add_arc(b, axis, domain, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
                add_arc(b, domain, member, EXT_ARC_PARENT_CHILD, 0, EXT_LABEL);
                add_arc(b, table, axis, EXT_ARC_HYPERCUBE_DIMENSION, 0, EXT_LABEL);
                add_arc(b, axis, domain, EXT_ARC_DIMENSION_DOMAIN, 0, EXT_LABEL);
                add_arc(b, domain, member, EXT_ARC_DOMAIN_MEMBER, 0, EXT_LABEL);
                add_arc(b, axis, domain, EXT_ARC_DIMENSION_DEFAULT, 0, EXT_LABEL);
            }
        }
    }
}

/* ---- Calculations ---------------------------------------------------------- */

/* The facts written, sorted by concept, context and unit: what a summation
 * binds to. */
typedef struct fact_key {
    const concept *concept;
    size_t context;
    char unit[40];
    const fact *f;
} fact_key;

static int cmp_fact_key(const void *pa, const void *pb)
{
    const fact_key *a = pa, *b = pb;
    if (a->concept != b->concept)
        return a->concept->id < b->concept->id ? -1 : 1;
    if (a->context != b->context)
        return a->context < b->context ? -1 : 1;
    return strcmp(a->unit, b->unit);
}

static fact_key *fact_index(const factset *fs)
{
    size_t n = factset_count(fs);
    fact_key *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const fact *f = factset_fact(fs, i);
        idx[i].concept = f->concept;
        idx[i].context = f->context;
        xbrl_unit_id(&f->unit, idx[i].unit, sizeof idx[i].unit);
        idx[i].f = f;
    }
    qsort(idx, n, sizeof *idx, cmp_fact_key);
    return idx;
}

#define MAX_SUM_ITEMS 64

/* A printed total as a summation: its node and its items' nodes and
 * weights. */
typedef struct sum_plan {
    int ok;                   /* the total can be a summation */
    const row_bind *total;    /* its binding: concept and dimensions */
    size_t parent;
    size_t n;
    size_t child[MAX_SUM_ITEMS];
    int weight[MAX_SUM_ITEMS];
} sum_plan;

static int same_dims(const row_bind *a, const row_bind *b)
{
    size_t na = bind_ndims(a), nb = bind_ndims(b);
    const map_dim *da = bind_dims(a), *db = bind_dims(b);
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        size_t k = 0;
        while (k < nb && (strcmp(da[i].axis, db[k].axis) || strcmp(da[i].member, db[k].member)))
            k++;
        if (k == nb)
            return 0;
    }
    return 1;
}

static void sum_warning(builder *b, long line, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void sum_warning(builder *b, long line, const char *label, const char *fmt, ...)
{
    char why[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    const r2x_document *doc = b->in->doc;
    r2xi_diag(b->in->diag, b->in->diag_userdata, R2X_SEV_WARNING, R2X_OK,
             doc ? r2x_document_name(doc) : "", doc ? (long)document_source_line(doc, (size_t)line)
                                                    : line, 0,
             "the total '%s' adds up as printed but is left out of the calculation linkbase: %s",
             label ? label : "", why);
    b->x->sums_left_out++;
}

/* The summation a checked total makes: 0 when it cannot be one.  A total
 * whose lines are not all mapped, or that adds up members of a dimension
 * (the same concept in other contexts), is no summation, silently: both
 * are reported elsewhere or are not calculations.  Weights are the printed
 * signs (the item's "Less", each line's sign rule) and must agree with the
 * balances of the concepts (XBRL 2.1 5.1.1.2). */
static int plan_sum(builder *b, const checked_sum *cs, sum_plan *p)
{
    memset(p, 0, sizeof *p);
    const r2x_table *t = cs->table;
    size_t ti = (size_t)(t - b->in->set->tables);
    const row_bind *total = bound(b, ti, cs->total);
    const r2x_row *trow = &t->rows[cs->total];
    if (!total || cs->nitems < 1)
        return 0;
    if (cs->nitems > MAX_SUM_ITEMS) {
        sum_warning(b, trow->line, trow->label, "it adds %zu lines, more than %d", cs->nitems,
                    MAX_SUM_ITEMS);
        return 0;
    }
    const concept *pc = total->concept;
    p->total = total;
    p->parent = node_of(b, pc->qname, pc, EXT_NODE_CONCEPT);
    p->n = 0;
    for (size_t k = 0; k < cs->nitems; k++) {
        const sum_item *it = factset_sum_item(b->in->fs, cs->first + k);
        const row_bind *rb = bound(b, ti, it->row);
        if (!rb || !same_dims(rb, total) || rb->concept == pc)
            return 0;
        const concept *c = rb->concept;
        for (size_t j = 0; j < k; j++)
            if (node(b, p->child[j])->concept == c)
                return 0;          /* two lines of one concept: reported as duplicates */
        int w = it->sign * (total->sign < 0 ? -1 : 1) * (rb->sign < 0 ? -1 : 1);
        if (pc->balance && c->balance && (pc->balance == c->balance) != (w > 0)) {
            sum_warning(b, trow->line, trow->label, "line %ld (%s, %s) adds in with weight %d "
                        "to %s (%s), which their balances forbid; check the sign rule of "
                        "their mapping", (long)document_source_line(b->in->doc,
                                                                    (size_t)t->rows[it->row].line),
                        c->qname, c->balance == BALANCE_DEBIT ? "debit" : "credit", w,
                        pc->qname, pc->balance == BALANCE_DEBIT ? "debit" : "credit");
            return 0;
        }
        p->child[p->n] = node_of(b, c->qname, c, EXT_NODE_CONCEPT);
        p->weight[p->n++] = w;
    }
    return p->ok = !b->rc;
}

static vdec vdec_of(r2x_decimal d)
{
    vdec v = {d.coef, d.exp, 1};
    return v;
}

/* Do the facts written add up as the plan says, in every context and unit
 * where the total has a fact and an item too (Calculations 1.1: each value
 * rounded to the least precise decimals among them)?  why says where not. */
static int plan_holds(builder *b, const sum_plan *p, const fact_key *idx, size_t nidx,
                      char *why, size_t size)
{
    fact_key probe;
    memset(&probe, 0, sizeof probe);
    probe.concept = node(b, p->parent)->concept;
    size_t lo = 0, hi = nidx;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (idx[mid].concept->id < probe.concept->id) lo = mid + 1; else hi = mid;
    }
    for (size_t k = lo; k < nidx && idx[k].concept == probe.concept; k++) {
        const fact *kids[MAX_SUM_ITEMS];
        int d = idx[k].f->decimals;
        size_t nk = 0;
        for (size_t j = 0; j < p->n; j++) {
            fact_key want = idx[k];
            want.concept = node(b, p->child[j])->concept;
            const fact_key *hit = bsearch(&want, idx, nidx, sizeof *idx, cmp_fact_key);
            kids[j] = hit ? hit->f : NULL;
            if (hit) {
                nk++;
                if (hit->f->decimals < d)
                    d = hit->f->decimals;
            }
        }
        if (!nk)
            continue;
        vdec sum = {0, 0, 1};
        for (size_t j = 0; j < p->n; j++)
            if (kids[j])
                sum = vdec_add(sum, vdec_mul_weight(vdec_round(vdec_of(kids[j]->value), d),
                                                    p->weight[j]));
        sum = vdec_round(sum, d);
        vdec want = vdec_round(vdec_of(idx[k].f->value), d);
        if (sum.ok && want.ok && vdec_cmp(sum, want)) {
            char a[64], s[64];
            vdec_format(want, a);
            vdec_format(sum, s);
            snprintf(why, size, "in context %s the facts written make %s %s but its lines "
                     "%s (decimals %d; a figure kept from another table?)",
                     factset_context(b->in->fs, idx[k].context)->id, probe.concept->qname, a,
                     s, d);
            return 0;
        }
    }
    return 1;
}

/* The plan widened by the items other tables add into the same total (the
 * quarter's cash flows print a line the half year's lack): one summation
 * that holds in every period.  0 when an item comes with another weight. */
static int widen(const sum_plan *plans, size_t nplans, const sum_plan *p, sum_plan *out)
{
    *out = *p;
    for (size_t i = 0; i < nplans; i++) {
        const sum_plan *q = &plans[i];
        if (!q->ok || q == p || q->parent != p->parent || !same_dims(q->total, p->total))
            continue;
        for (size_t k = 0; k < q->n; k++) {
            size_t j = 0;
            while (j < out->n && out->child[j] != q->child[k])
                j++;
            if (j < out->n && out->weight[j] != q->weight[k])
                return 0;
            if (j == out->n) {
                if (out->n == MAX_SUM_ITEMS)
                    return 0;
                out->child[out->n] = q->child[k];
                out->weight[out->n++] = q->weight[k];
            }
        }
    }
    return out->n > p->n;
}

/* The totals of the statement that added up, as summation-item
 * relationships: each widened to the items other tables add into it when
 * that holds, else as printed; a total concept already summed in the role
 * keeps its first summation. */
static void build_calculations(builder *b, size_t g, const sum_plan *plans,
                               const fact_key *idx, size_t nidx)
{
    const factset *fs = b->in->fs;
    size_t nplans = factset_sum_count(fs);
    for (size_t i = 0; i < nplans && !b->rc; i++) {
        const checked_sum *cs = factset_sum(fs, i);
        size_t ti = (size_t)(cs->table - b->in->set->tables);
        if (b->group[ti] != g || !plans[i].ok)
            continue;
        char key[64];
        snprintf(key, sizeof key, "%zu|%zu|summed", b->role, plans[i].parent);
        if (strmap_get(&b->x->arc_seen, key))
            continue;
        sum_plan wide;
        char why[600];
        const sum_plan *p = &wide;
        if (!widen(plans, nplans, &plans[i], &wide) || !plan_holds(b, &wide, idx, nidx, why,
                                                                   sizeof why))
            p = &plans[i];
        if (p == &plans[i] && !plan_holds(b, p, idx, nidx, why, sizeof why)) {
            sum_warning(b, cs->table->rows[cs->total].line, cs->table->rows[cs->total].label,
                        "%s", why);
            continue;
        }
        const char *k = keep(b, key);
        if (k && strmap_put(&b->x->arc_seen, k, (void *)1, NULL))
            b->rc = R2X_ENOMEM;
        for (size_t j = 0; j < p->n; j++)
            add_arc(b, p->parent, p->child[j], EXT_ARC_SUMMATION, p->weight[j], EXT_LABEL);
        b->x->sums_written++;
    }
}

/* ---- The whole ------------------------------------------------------------- */

/* Which mapping each row has, and which statement each table belongs to
 * (a table that continues another belongs to that one's). */
static int index_rows(builder *b)
{
    const r2x_tableset *set = b->in->set;
    size_t total = 0;
    b->row_base = malloc((set->ntables + 1) * sizeof *b->row_base);
    b->group = malloc((set->ntables + 1) * sizeof *b->group);
    if (!b->row_base || !b->group)
        return R2X_ENOMEM;
    for (size_t i = 0; i < set->ntables; i++) {
        b->row_base[i] = total;
        total += set->tables[i].nrows;
        int c = set->tables[i].continues;
        b->group[i] = c >= 1 && (size_t)c <= i ? b->group[c - 1] : i;
    }
    b->rm = calloc(total ? total : 1, sizeof *b->rm);
    if (!b->rm)
        return R2X_ENOMEM;
    const factset *fs = b->in->fs;
    for (size_t i = 0; i < factset_row_count(fs); i++) {
        const row_mapping *rm = factset_row(fs, i);
        size_t ti = (size_t)(rm->table - set->tables);
        size_t ri = (size_t)(rm->row - rm->table->rows);
        if (ti < set->ntables && ri < rm->table->nrows)
            b->rm[b->row_base[ti] + ri] = rm;
    }
    return R2X_OK;
}

static int group_has_lines(const builder *b, size_t g, int *dimensional)
{
    const r2x_tableset *set = b->in->set;
    int any = 0;
    *dimensional = 0;
    for (size_t i = g; i < set->ntables; i++) {
        if (b->group[i] != g)
            continue;
        for (size_t r = 0; r < set->tables[i].nrows; r++) {
            const row_bind *rb = bound(b, i, r);
            if (rb) {
                any = 1;
                *dimensional |= bind_ndims(rb) > 0;
            }
        }
    }
    return any;
}

/* One statement: its role, root, lines and dimensions; SIZE_MAX when it has
 * no mapped line and so no role. */
static size_t build_statement(builder *b, size_t g)
{
    int dimensional;
    if (!group_has_lines(b, g, &dimensional))
        return SIZE_MAX;
    const r2x_table *t = &b->in->set->tables[g];
    char fallback[64];
    camel_name(r2x_statement_name(t->statement), "", fallback, sizeof fallback);
    role_begin(b, t->title, fallback, t->statement == R2X_STMT_OTHER ? "Disclosure"
                                                                      : "Statement");
    if (b->rc)
        return SIZE_MAX;
    const ext_role *r = role(b, b->role);
    size_t root = abstract_node(b, t->title && *t->title ? t->title : r->id, r->id);
    size_t items = root, table;
    if (dimensional && concept_node(b, "us-gaap:StatementTable", &table) &&
        concept_node(b, "us-gaap:StatementLineItems", &items))
        build_dimensions(b, g, root, table, items);
    else
        items = root;
    build_lines(b, g, root, items);
    return b->role;
}

/* The roles, then their totals: the nodes come in the order the
 * presentation shows them, and every total's plan is known (each warned of
 * once) before a role widens its own with the others'. */
static void build_statements(builder *b, const fact_key *idx)
{
    const ext_input *in = b->in;
    size_t nsums = factset_sum_count(in->fs), nt = in->set->ntables;
    sum_plan *plans = malloc((nsums ? nsums : 1) * sizeof *plans);
    size_t *roles = malloc((nt ? nt : 1) * sizeof *roles);
    if (!plans || !roles)
        b->rc = R2X_ENOMEM;
    for (size_t g = 0; g < nt && !b->rc; g++)
        roles[g] = b->group[g] == g ? build_statement(b, g) : SIZE_MAX;
    for (size_t i = 0; i < nsums && !b->rc; i++)
        plan_sum(b, factset_sum(in->fs, i), &plans[i]);
    for (size_t g = 0; g < nt && !b->rc; g++) {
        if (roles[g] == SIZE_MAX)
            continue;
        b->role = roles[g];
        build_calculations(b, g, plans, idx, factset_count(in->fs));
    }
    free(plans);
    free(roles);
}

int ext_build(const ext_input *in, ext_taxonomy **out, r2x_error *err)
{
    *out = NULL;
    builder b;
    memset(&b, 0, sizeof b);
    b.in = in;
    b.x = calloc(1, sizeof *b.x);
    if (!b.x)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    ext_taxonomy *x = b.x;
    x->tax = in->tax;
    x->prefix = in->prefix;
    x->ns = in->ns;
    x->schema_name = in->schema_name;
    x->lang = in->lang;
    buf_init(&x->nodes, R2X_BUF_NOCAP);
    buf_init(&x->roles, R2X_BUF_NOCAP);
    strmap_init(&x->node_index);
    strmap_init(&x->arc_seen);
    strpool_init(&x->strings);
    strmap_init(&b.names);
    strmap_init(&b.order);
    buf_init(&b.counts, R2X_BUF_NOCAP);
    fact_key *idx = fact_index(in->fs);
    b.rc = idx ? index_rows(&b) : R2X_ENOMEM;
    build_cover(&b);
    if (!b.rc)
        build_statements(&b, idx);
    standard_labels(&b);
    free(idx);
    free(b.rm);
    free(b.row_base);
    free(b.group);
    strmap_release(&b.names);
    strmap_release(&b.order);
    buf_release(&b.counts);
    if (b.rc) {
        ext_free(x);
        return r2xi_fail(err, b.rc, NULL, 0, "out of memory building the extension taxonomy");
    }
    *out = x;
    return R2X_OK;
}
