/* typecheck.c - values, elements and attributes against the DTS's types
 * (typecheck.h). */
#include "typecheck.h"

#include <libxml/hash.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xdt.h"
#include "xml_hash.h"
#include "xsd.h"
#include "xsdre.h"

#define MAX_DEPTH 32

struct typecheck {
    const dts *d;
    xmlHashTablePtr patterns;  /* pattern -> xsd_regex, or (void *)1: not applied */
    xmlHashTablePtr attr_uses; /* "%p" of a type -> r2x_buf * of const dts_attribute * */
    xdt *enums;                /* domain-member relationships, for enumerations */
    const char *code;          /* the rule the last INVALID broke */
    xmlNodePtr where;          /* ... and the element it is about */
    int oom;
};

static void free_regexp(void *p, const xmlChar *name)
{
    (void)name;
    if (p != (void *)1)
        xsd_regex_free(p);
}

static void free_uses(void *p, const xmlChar *name)
{
    (void)name;
    r2x_buf *b = p;
    buf_release(b);
    free(b);
}

typecheck *typecheck_new(const dts *d)
{
    typecheck *tc = calloc(1, sizeof *tc);
    if (!tc)
        return NULL;
    tc->d = d;
    tc->patterns = xml_hash_new(64);
    tc->attr_uses = xml_hash_new(64);
    if (!tc->patterns || !tc->attr_uses) {
        typecheck_free(tc);
        return NULL;
    }
    return tc;
}

void typecheck_free(typecheck *tc)
{
    if (!tc)
        return;
    xmlHashFree(tc->patterns, free_regexp);
    xmlHashFree(tc->attr_uses, free_uses);
    if (tc->enums) {
        xdt_release(tc->enums);
        free(tc->enums);
    }
    free(tc);
}

/* ---- simple types --------------------------------------------------------------- */

/* A type as it is checked: a definition of the DTS, or a built-in alone. */
typedef struct tref {
    const dts_type *t;
    int builtin;               /* when t is NULL */
    int unknown;               /* named, but in no schema of the DTS */
} tref;

static tref type_of_key(const typecheck *tc, const char *key, const dts_type *anon)
{
    tref r = {anon, XSD_NONE, 0};
    if (anon)
        return r;
    if (!key) {
        r.builtin = XSD_ANYSIMPLETYPE;
        return r;
    }
    if ((r.builtin = xsd_builtin_by_key(key)))
        return r;
    r.t = dts_type_by_key(tc->d, key);
    r.unknown = !r.t;
    return r;
}

static int builtin_of(tref r)
{
    return r.t ? r.t->builtin : r.builtin;
}

/* The white space rule of a type: its nearest whiteSpace facet, else its
 * built-in's; lists and unions collapse. */
static int whitespace_of(tref r)
{
    for (const dts_type *t = r.t; t; t = t->base_type) {
        if (t->variety == DTS_LIST || t->variety == DTS_UNION)
            return XSD_WS_COLLAPSE;
        const dts_facet *f = (const dts_facet *)t->facets.data;
        for (size_t i = 0; i < t->facets.len / sizeof *f; i++)
            if (f[i].kind == DTS_FACET_WHITESPACE)
                return !strcmp(f[i].value, "preserve") ? XSD_WS_PRESERVE
                       : !strcmp(f[i].value, "replace") ? XSD_WS_REPLACE : XSD_WS_COLLAPSE;
        if (!t->base_type)
            break;
    }
    return xsd_builtin_whitespace(builtin_of(r));
}

static int fail(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return TYPECHECK_INVALID;
}

/* "{ns}local" of a QName value in scope into out (size bytes); 0 when its
 * prefix is not declared. */
static int resolve_qname(xmlNodePtr scope, const char *v, char *out, size_t size)
{
    const char *colon = strchr(v, ':');
    char prefix[256];
    xmlNsPtr ns;
    if (colon) {
        size_t n = (size_t)(colon - v);
        if (n >= sizeof prefix)
            return 0;
        memcpy(prefix, v, n);
        prefix[n] = '\0';
        ns = scope ? xmlSearchNs(scope->doc, scope, BAD_CAST prefix) : NULL;
        if (!ns)
            return 0;
    } else {
        ns = scope ? xmlSearchNs(scope->doc, scope, NULL) : NULL;
    }
    snprintf(out, size, "{%s}%s", ns && ns->href ? (const char *)ns->href : "",
             colon ? colon + 1 : v);
    return 1;
}

/* The compiled pattern p, or NULL when it is not applied: not an XML
 * Schema regular expression (the taxonomy's error, which its publisher's
 * schema processor would have said), or too large to expand. */
static const xsd_regex *pattern(typecheck *tc, const char *p)
{
    void *re = xmlHashLookup(tc->patterns, BAD_CAST p);
    if (!re) {
        int status;
        re = xsd_regex_compile(p, &status);
        if (status == XSDRE_OOM) {
            tc->oom = 1;
            return NULL;
        }
        if (!re)
            re = (void *)1;
        if (xmlHashAddEntry(tc->patterns, BAD_CAST p, re)) {
            free_regexp(re, NULL);
            tc->oom = 1;
            return NULL;
        }
    }
    return re == (void *)1 ? NULL : re;
}

/* Does v equal the enumeration value f of a type of primitive p? */
static int enum_equal(int p, const dts_facet *f, const char *v, xmlNodePtr scope)
{
    if (p == XSD_QNAME || p == XSD_NOTATION) {
        char k[1024];
        return resolve_qname(scope, v, k, sizeof k) && f->qname && !strcmp(k, f->qname);
    }
    int c = xsd_compare(p, v, f->value);
    if (c != XSD_INCOMPARABLE)
        return c == 0;
    return !strcmp(v, f->value);
}

/* The facets of one restriction step, on v (white space processed);
 * items: the list's length, -1 for atomic values. */
static int step_facets(typecheck *tc, const dts_type *t, int builtin, const char *v, long items,
                       xmlNodePtr scope, char *why, size_t size)
{
    const dts_facet *f = (const dts_facet *)t->facets.data;
    size_t n = t->facets.len / sizeof *f;
    int p = xsd_primitive(builtin);
    int enums = 0, enum_hit = 0, patterns = 0, pattern_hit = 0;
    const char *first_pattern = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *fv = f[i].value;
        long len = items >= 0 ? items : xsd_length(builtin, v);
        char num[32];
        int c, total, fraction;
        switch (f[i].kind) {
        case DTS_FACET_ENUMERATION:
            enums++;
            enum_hit |= items >= 0 ? !strcmp(v, fv) : enum_equal(p, &f[i], v, scope);
            break;
        case DTS_FACET_PATTERN: {
            patterns++;
            if (!first_pattern)
                first_pattern = fv;
            const xsd_regex *re = pattern(tc, fv);
            int m = re ? xsd_regex_match(re, v) : 1;
            if (m < 0)
                tc->oom = 1;
            pattern_hit |= m != 0;
            break;
        }
        case DTS_FACET_LENGTH: case DTS_FACET_MINLENGTH: case DTS_FACET_MAXLENGTH: {
            if (len < 0)
                break;
            long want = atol(fv);
            snprintf(num, sizeof num, "%ld", len);
            if ((f[i].kind == DTS_FACET_LENGTH && len != want) ||
                (f[i].kind == DTS_FACET_MINLENGTH && len < want) ||
                (f[i].kind == DTS_FACET_MAXLENGTH && len > want))
                return fail(why, size,
                            f[i].kind == DTS_FACET_LENGTH ? "its length %s is not %s"
                            : f[i].kind == DTS_FACET_MINLENGTH ? "its length %s is less than %s"
                                                               : "its length %s is more than %s",
                            num, fv);
            break;
        }
        case DTS_FACET_MININCLUSIVE: case DTS_FACET_MINEXCLUSIVE:
        case DTS_FACET_MAXINCLUSIVE: case DTS_FACET_MAXEXCLUSIVE:
            if (items >= 0 || (c = xsd_compare(p, v, fv)) == XSD_INCOMPARABLE)
                break;
            if ((f[i].kind == DTS_FACET_MININCLUSIVE && c < 0) ||
                (f[i].kind == DTS_FACET_MINEXCLUSIVE && c <= 0) ||
                (f[i].kind == DTS_FACET_MAXINCLUSIVE && c > 0) ||
                (f[i].kind == DTS_FACET_MAXEXCLUSIVE && c >= 0))
                return fail(why, size,
                            f[i].kind == DTS_FACET_MININCLUSIVE ? "it is less than %s"
                            : f[i].kind == DTS_FACET_MINEXCLUSIVE ? "it is not more than %s"
                            : f[i].kind == DTS_FACET_MAXINCLUSIVE ? "it is more than %s"
                                                                  : "it is not less than %s",
                            fv);
            break;
        case DTS_FACET_TOTALDIGITS: case DTS_FACET_FRACTIONDIGITS:
            if (items >= 0 || p != XSD_DECIMAL)
                break;
            xsd_digits(v, &total, &fraction);
            if (f[i].kind == DTS_FACET_TOTALDIGITS && total > atoi(fv))
                return fail(why, size, "it has more than %s digits", fv);
            if (f[i].kind == DTS_FACET_FRACTIONDIGITS && fraction > atoi(fv))
                return fail(why, size, "it has more than %s digits after the point", fv);
            break;
        }
    }
    if (patterns && !pattern_hit)
        return fail(why, size, "it does not match the pattern %s%s", first_pattern,
                    patterns > 1 ? " (nor the others of its type)" : "");
    if (enums && !enum_hit)
        return fail(why, size, "it is not one of the values its type enumerates");
    return TYPECHECK_VALID;
}

static int check_simple(typecheck *tc, tref r, const char *raw, xmlNodePtr scope, char *why,
                        size_t size, int depth);

static int check_processed(typecheck *tc, tref r, const char *v, xmlNodePtr scope, char *why,
                           size_t size, int depth);

/* A union's value: valid for one of its member types at least. */
static int check_union(typecheck *tc, const dts_type *t, const char *v, xmlNodePtr scope,
                       char *why, size_t size, int depth)
{
    const char **m = (const char **)t->members.data;
    const dts_type **a = (const dts_type **)t->member_anon.data;
    size_t nm = t->members.len / sizeof *m, na = t->member_anon.len / sizeof *a;
    int unknown = 0;
    for (size_t i = 0; i < nm + na; i++) {
        tref mr = i < nm ? type_of_key(tc, m[i], NULL) : (tref){a[i - nm], 0, 0};
        char dummy[8];
        int rc = check_simple(tc, mr, v, scope, dummy, sizeof dummy, depth + 1);
        if (rc == TYPECHECK_OOM || rc == TYPECHECK_VALID)
            return rc;
        unknown |= rc == TYPECHECK_UNKNOWN;
    }
    return unknown ? TYPECHECK_UNKNOWN
                   : fail(why, size, "'%s' is a value of none of the union's types", v);
}

/* v (processed for r's white space) against r: the base first, then r's own
 * facets. */
static int check_processed(typecheck *tc, tref r, const char *v, xmlNodePtr scope, char *why,
                           size_t size, int depth)
{
    if (depth > MAX_DEPTH || r.unknown)
        return r.unknown ? TYPECHECK_UNKNOWN : TYPECHECK_VALID;
    const dts_type *t = r.t;
    if (!t) {
        const char *w = NULL;
        int b = r.builtin;
        if (!xsd_lexical(b, v, &w))
            return fail(why, size, "'%s' is %s", v, w ? w : "");
        if (b == XSD_QNAME || b == XSD_NOTATION) {
            char k[1024];
            if (!resolve_qname(scope, v, k, sizeof k))
                return fail(why, size, "the prefix of '%s' is not declared", v);
        }
        return TYPECHECK_VALID;
    }
    if (t->flags & DTS_TYPE_UNKNOWN)
        return TYPECHECK_UNKNOWN;
    int rc;
    long items = -1;
    int own_union = t->variety == DTS_UNION && (t->members.len || t->member_anon.len);
    int own_list = t->variety == DTS_LIST && t->derivation != DTS_RESTRICTION;
    if (own_union) {
        rc = check_union(tc, t, v, scope, why, size, depth);
        if (rc)
            return rc;
    } else if (own_list) {
        tref item = t->base_anon ? (tref){t->base_anon, 0, 0} : type_of_key(tc, t->base, NULL);
        for (const char *p = v; *p;) {
            const char *e = strchr(p, ' ');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            char one[1024];
            if (len >= sizeof one)
                return fail(why, size, "an item of the list is too long");
            memcpy(one, p, len);
            one[len] = '\0';
            rc = check_simple(tc, item, one, scope, why, size, depth + 1);
            if (rc)
                return rc;
            p += len + (e != NULL);
        }
    } else if (t->base_type) {
        rc = check_processed(tc, (tref){t->base_type, 0, 0}, v, scope, why, size, depth + 1);
        if (rc)
            return rc;
    } else {
        rc = check_processed(tc, (tref){NULL, t->builtin ? t->builtin : XSD_ANYSIMPLETYPE, 0}, v,
                             scope, why, size, depth + 1);
        if (rc)
            return rc;
    }
    if (t->variety == DTS_LIST) {
        items = 0;
        for (const char *p = v; *p; p += strcspn(p, " "), p += *p == ' ')
            items++;
    }
    if (t->derivation == DTS_RESTRICTION || own_union || own_list)
        return step_facets(tc, t, t->builtin, v, items, scope, why, size);
    return TYPECHECK_VALID;
}

static int check_simple(typecheck *tc, tref r, const char *raw, xmlNodePtr scope, char *why,
                        size_t size, int depth)
{
    char *v = xsd_whitespace_apply(raw, whitespace_of(r));
    if (!v)
        return TYPECHECK_OOM;
    int rc = check_processed(tc, r, v, scope, why, size, depth);
    free(v);
    return tc->oom ? TYPECHECK_OOM : rc;
}

static tref concept_type(const typecheck *tc, const dts_concept *c)
{
    (void)tc;
    tref r = {c->tdef, c->tdef ? XSD_NONE : c->builtin, (c->flags & DTS_TYPE_UNKNOWN) != 0};
    return r;
}

/* Is v its declaration's fixed value (both with r's white space
 * processed)?  -1 when out of memory. */
static int is_fixed_value(tref r, const char *v, const char *fixed)
{
    int ws = whitespace_of(r);
    char *a = xsd_whitespace_apply(v, ws), *b = xsd_whitespace_apply(fixed, ws);
    int same = a && b ? !strcmp(a, b) : -1;
    free(a);
    free(b);
    return same;
}

int typecheck_value(typecheck *tc, const dts_concept *c, const char *text, xmlNodePtr scope,
                    char *why, size_t size)
{
    tc->code = NULL;
    tc->where = NULL;
    tref r = concept_type(tc, c);
    if (r.unknown)
        return TYPECHECK_UNKNOWN;
    if (r.t && r.t->variety == DTS_COMPLEX && !r.t->simple_content)
        return TYPECHECK_VALID;    /* element content: typecheck_element's */
    int rc = check_simple(tc, r, text, scope, why, size, 0);
    int same = rc == TYPECHECK_VALID && c->fixed ? is_fixed_value(r, text, c->fixed) : 1;
    if (same < 0)
        return TYPECHECK_OOM;
    if (!same)
        rc = fail(why, size, "its declaration fixes the value to '%s'", c->fixed);
    return rc;
}

/* ---- attributes -------------------------------------------------------------------- */

static int add_uses(typecheck *tc, r2x_buf *out, const dts_type *t, int depth);

static int add_group_uses(typecheck *tc, r2x_buf *out, const dts_type *t, int depth)
{
    const char **g = (const char **)t->attribute_groups.data;
    for (size_t i = 0; i < t->attribute_groups.len / sizeof *g; i++) {
        const dts_type *grp = dts_attribute_group_by_key(tc->d, g[i]);
        if (grp && add_uses(tc, out, grp, depth + 1))
            return -1;
    }
    return 0;
}

/* The attribute uses of t and what it derives from, nearest first. */
static int add_uses(typecheck *tc, r2x_buf *out, const dts_type *t, int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    const dts_attribute **a = (const dts_attribute **)t->attributes.data;
    for (size_t i = 0; i < t->attributes.len / sizeof *a; i++)
        if (buf_add(out, &a[i], sizeof a[i]))
            return -1;
    if (add_group_uses(tc, out, t, depth))
        return -1;
    return t->base_type && t->variety == DTS_COMPLEX ? add_uses(tc, out, t->base_type, depth + 1)
                                                     : 0;
}

static const r2x_buf *uses_of(typecheck *tc, const dts_type *t)
{
    char key[32];
    snprintf(key, sizeof key, "%p", (const void *)t);
    r2x_buf *b = xmlHashLookup(tc->attr_uses, BAD_CAST key);
    if (b)
        return b;
    b = malloc(sizeof *b);
    if (!b) {
        tc->oom = 1;
        return NULL;
    }
    buf_init(b, R2X_BUF_NOCAP);
    if (add_uses(tc, b, t, 0) || xmlHashAddEntry(tc->attr_uses, BAD_CAST key, b)) {
        free_uses(b, NULL);
        tc->oom = 1;
        return NULL;
    }
    return b;
}

/* The attribute wildcard of t itself or of its attribute groups, nested
 * ones too, and the target namespace it is read in. */
static const char *own_any_attribute(const typecheck *tc, const dts_type *t, const char **tns,
                                     int depth)
{
    if (t->any_attribute) {
        *tns = t->tns;
        return t->any_attribute;
    }
    const char **g = (const char **)t->attribute_groups.data;
    for (size_t i = 0; depth < MAX_DEPTH && i < t->attribute_groups.len / sizeof *g; i++) {
        const dts_type *grp = dts_attribute_group_by_key(tc->d, g[i]);
        const char *w = grp ? own_any_attribute(tc, grp, tns, depth + 1) : NULL;
        if (w)
            return w;
    }
    return NULL;
}

/* The attribute wildcard of t: its own; an extension also has its base's
 * (a restriction has only what it states, XML Schema 1.0 3.4.2). */
static const char *any_attribute_of(const typecheck *tc, const dts_type *t, const char **tns)
{
    for (int depth = 0; t && depth < MAX_DEPTH; depth++) {
        const char *w = own_any_attribute(tc, t, tns, 0);
        if (w || t->variety != DTS_COMPLEX || t->derivation != DTS_EXTENSION)
            return w;
        t = t->base_type;
    }
    return NULL;
}

/* Does a wildcard's namespace constraint admit ns ("" for none)? */
static int wildcard_admits(const char *constraint, const char *tns, const char *ns)
{
    if (!constraint || !strcmp(constraint, "##any"))
        return 1;
    if (!strcmp(constraint, "##other"))
        return ns[0] && strcmp(ns, tns ? tns : "");
    for (const char *p = constraint; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        size_t n = strcspn(p, " \t\n\r");
        if (!n)
            break;
        if ((n == 7 && !strncmp(p, "##local", 7) && !ns[0]) ||
            (n == 17 && !strncmp(p, "##targetNamespace", 17) && !strcmp(ns, tns ? tns : "")) ||
            (strlen(ns) == n && !strncmp(p, ns, n)))
            return 1;
        p += n;
    }
    return 0;
}

static const dts_attribute *find_use(const r2x_buf *uses, const char *key)
{
    const dts_attribute **a = (const dts_attribute **)uses->data;
    for (size_t i = 0; i < uses->len / sizeof *a; i++)
        if (!strcmp(a[i]->key, key))
            return a[i];
    return NULL;
}

/* The type of an attribute use (through its global declaration for a ref). */
static tref use_type(const typecheck *tc, const dts_attribute *a, const char **fixed)
{
    const dts_attribute *decl = a->ref ? dts_attribute_by_key(tc->d, a->ref) : a;
    *fixed = a->fixed ? a->fixed : decl ? decl->fixed : NULL;
    if (!decl)
        return (tref){NULL, XSD_ANYSIMPLETYPE, 0};
    return type_of_key(tc, decl->type, decl->anon);
}

static int check_attribute_value(typecheck *tc, tref r, const char *fixed, const char *v,
                                 xmlNodePtr n, char *why, size_t size)
{
    int rc = check_simple(tc, r, v, n, why, size, 0);
    if (rc == TYPECHECK_VALID && fixed && strcmp(v, fixed)) {
        char *a = xsd_whitespace_apply(v, XSD_WS_COLLAPSE);
        char *b = xsd_whitespace_apply(fixed, XSD_WS_COLLAPSE);
        int differ = !a || !b || strcmp(a, b);
        free(a);
        free(b);
        if (differ)
            rc = fail(why, size, "'%s' is not its fixed value '%s'", v, fixed);
    }
    return rc;
}

static int check_attributes(typecheck *tc, const dts_type *t, xmlNodePtr n, typecheck_attr_fn fn,
                            void *userdata)
{
    const r2x_buf *uses = uses_of(tc, t);
    if (!uses)
        return TYPECHECK_OOM;
    const char *wild_tns = NULL;
    const char *wild = any_attribute_of(tc, t, &wild_tns);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const char *ns = a->ns && a->ns->href ? (const char *)a->ns->href : "";
        if (!strcmp(ns, XSI_NS))
            continue;
        char key[512];
        snprintf(key, sizeof key, "{%s}%s", ns, (const char *)a->name);
        xmlChar *value = xmlNodeListGetString(n->doc, a->children, 1);
        const char *v = value ? (const char *)value : "";
        const dts_attribute *use = find_use(uses, key);
        const char *fixed = NULL;
        tref r = {NULL, XSD_ANYSIMPLETYPE, 0};
        int declared = use != NULL;
        if (use) {
            r = use_type(tc, use, &fixed);
        } else if (wild && wildcard_admits(wild, wild_tns, ns)) {
            const dts_attribute *global = ns[0] ? dts_attribute_by_key(tc->d, key) : NULL;
            declared = 1;
            if (global)
                r = use_type(tc, global, &fixed);
        } else if (!strcmp(ns, "http://www.w3.org/XML/1998/namespace") && wild) {
            declared = 1;
        }
        char why[300];
        if (!declared) {
            fn(userdata, n, TYPECHECK_ATTR_UNDECLARED, key, NULL);
        } else if (!r.unknown) {
            int rc = check_attribute_value(tc, r, fixed, v, n, why, sizeof why);
            if (rc == TYPECHECK_OOM) {
                xmlFree(value);
                return rc;
            }
            if (rc == TYPECHECK_INVALID)
                fn(userdata, n, TYPECHECK_ATTR_VALUE, key, why);
        }
        xmlFree(value);
    }
    const dts_attribute **u = (const dts_attribute **)uses->data;
    for (size_t i = 0; i < uses->len / sizeof *u; i++) {
        if (!u[i]->required || find_use(uses, u[i]->key) != u[i])
            continue;             /* a nearer use of the same name decides */
        const char *k = u[i]->key, *close = strchr(k, '}');
        const char *ns = k[0] == '{' && close ? k + 1 : "";
        char nsbuf[512];
        snprintf(nsbuf, sizeof nsbuf, "%.*s", close ? (int)(close - ns) : 0, ns);
        const char *local = close ? close + 1 : k;
        xmlAttrPtr have = nsbuf[0] ? xmlHasNsProp(n, BAD_CAST local, BAD_CAST nsbuf)
                                   : xmlHasNsProp(n, BAD_CAST local, NULL);
        if (!have)
            fn(userdata, n, TYPECHECK_ATTR_MISSING, k, NULL);
    }
    return tc->oom ? TYPECHECK_OOM : TYPECHECK_VALID;
}

int typecheck_attributes(typecheck *tc, const dts_concept *c, xmlNodePtr n, typecheck_attr_fn fn,
                         void *userdata)
{
    if (c->flags & DTS_TYPE_UNKNOWN)
        return TYPECHECK_UNKNOWN;
    if (!c->tdef)
        return TYPECHECK_VALID;    /* a built-in simple type: no attributes declared */
    return check_attributes(tc, c->tdef, n, fn, userdata);
}

int typecheck_attribute_builtin(typecheck *tc, const dts_concept *c, const xmlAttr *a)
{
    if (!c->tdef || (c->flags & DTS_TYPE_UNKNOWN))
        return -1;
    const r2x_buf *uses = uses_of(tc, c->tdef);
    char key[512];
    snprintf(key, sizeof key, "{%s}%s", a->ns && a->ns->href ? (const char *)a->ns->href : "",
             (const char *)a->name);
    const dts_attribute *use = uses ? find_use(uses, key) : NULL;
    if (!use && a->ns)
        use = dts_attribute_by_key(tc->d, key);
    if (!use)
        return -1;
    const char *fixed;
    tref r = use_type(tc, use, &fixed);
    return r.unknown ? -1 : builtin_of(r);
}

const char *typecheck_unresolved(const dts *d, const dts_concept *c)
{
    if (!(c->flags & DTS_TYPE_UNKNOWN))
        return NULL;
    const dts_type *t = c->tdef;
    if (!t)
        return c->type;
    for (int depth = 0; t && depth < MAX_DEPTH; depth++) {
        if (t->variety == DTS_UNION) {
            const char **m = (const char **)t->members.data;
            for (size_t i = 0; i < t->members.len / sizeof *m; i++)
                if (!xsd_builtin_by_key(m[i]) && !dts_type_by_key(d, m[i]))
                    return m[i];
            return NULL;
        }
        if (!t->base_type)
            return t->base;
        t = t->base_type;
    }
    return NULL;
}

const char *typecheck_attribute_default(typecheck *tc, const dts_concept *c, const char *name)
{
    if (!c->tdef || (c->flags & DTS_TYPE_UNKNOWN))
        return NULL;
    const r2x_buf *uses = uses_of(tc, c->tdef);
    char key[256];
    snprintf(key, sizeof key, "{}%s", name);
    const dts_attribute *use = uses ? find_use(uses, key) : NULL;
    if (!use)
        return NULL;
    const dts_attribute *decl = use->ref ? dts_attribute_by_key(tc->d, use->ref) : use;
    return use->fixed ? use->fixed : use->dflt ? use->dflt
           : decl ? decl->fixed ? decl->fixed : decl->dflt : NULL;
}

/* ---- elements: content models --------------------------------------------------------- */

typedef struct match {
    typecheck *tc;
    xmlNodePtr *kids;
    const dts_particle **by;   /* the particle each child matched (NULL: a wildcard) */
    size_t n;
    size_t furthest;           /* children matched, at most, on any path tried */
} match;

static int element_fits(const match *m, const dts_particle *p, xmlNodePtr kid)
{
    char key[512];
    snprintf(key, sizeof key, "{%s}%s", kid->ns && kid->ns->href ? (const char *)kid->ns->href : "",
             (const char *)kid->name);
    if (!p->name)
        return 0;
    if (!strcmp(key, p->name))
        return 1;
    if (!p->is_ref)
        return 0;
    return dts_substitutes(m->tc->d, dts_concept_by_key(m->tc->d, key), p->name);
}

static int match_occurs(match *m, const dts_particle *p, size_t *pos, int depth);

static int match_term(match *m, const dts_particle *p, size_t *pos, int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    const dts_particle **c = (const dts_particle **)p->children.data;
    size_t nc = p->children.len / sizeof *c;
    switch (p->kind) {
    case DTS_P_ELEMENT:
        if (*pos < m->n && element_fits(m, p, m->kids[*pos])) {
            m->by[(*pos)++] = p;
            if (*pos > m->furthest)
                m->furthest = *pos;
            return 1;
        }
        return 0;
    case DTS_P_ANY: {
        if (*pos >= m->n)
            return 0;
        xmlNodePtr k = m->kids[*pos];
        const char *ns = k->ns && k->ns->href ? (const char *)k->ns->href : "";
        if (!wildcard_admits(p->namespaces, p->tns, ns))
            return 0;
        m->by[(*pos)++] = NULL;
        if (*pos > m->furthest)
            m->furthest = *pos;
        return 1;
    }
    case DTS_P_SEQUENCE: {
        size_t save = *pos;
        for (size_t i = 0; i < nc; i++)
            if (!match_occurs(m, c[i], pos, depth + 1)) {
                *pos = save;
                return 0;
            }
        return 1;
    }
    case DTS_P_CHOICE: {
        int empty_ok = 0;
        for (size_t i = 0; i < nc; i++) {
            size_t save = *pos;
            if (match_occurs(m, c[i], pos, depth + 1)) {
                if (*pos > save)
                    return 1;
                empty_ok = 1;
            }
            *pos = save;
        }
        return empty_ok;
    }
    case DTS_P_ALL: {
        unsigned char seen[64] = {0};
        if (nc > sizeof seen)
            return 0;
        for (int progress = 1; progress && *pos < m->n;) {
            progress = 0;
            for (size_t i = 0; i < nc && !progress; i++)
                if (!seen[i] && match_term(m, c[i], pos, depth + 1))
                    seen[i] = progress = 1;
        }
        for (size_t i = 0; i < nc; i++)
            if (!seen[i] && c[i]->min > 0)
                return 0;
        return 1;
    }
    case DTS_P_GROUP: {
        const dts_particle *g = dts_group_by_key(m->tc->d, p->name);
        const dts_particle **gc = g ? (const dts_particle **)g->children.data : NULL;
        return gc && g->children.len ? match_term(m, gc[0], pos, depth + 1) : 0;
    }
    }
    return 0;
}

static int match_occurs(match *m, const dts_particle *p, size_t *pos, int depth)
{
    long count = 0;
    while (p->max < 0 || count < p->max) {
        size_t save = *pos;
        if (!match_term(m, p, pos, depth))
            break;
        if (*pos == save) {        /* an empty match: as many as wanted */
            count = count > p->min ? count : p->min;
            break;
        }
        count++;
    }
    return count >= p->min;
}

static int check_element_as(typecheck *tc, tref r, const dts_concept *decl, xmlNodePtr n,
                            int children, char *why, size_t size, int depth);

/* The declaration a child matched: a global one (by ref or substitution),
 * or a local one's type. */
static int check_child(typecheck *tc, const dts_particle *p, xmlNodePtr kid, char *why,
                       size_t size, int depth)
{
    const dts *d = tc->d;
    if (!p || p->is_ref) {
        const dts_concept *c = kid->ns ? dts_concept_get(d, (const char *)kid->ns->href,
                                                         (const char *)kid->name)
                                       : dts_concept_get(d, "", (const char *)kid->name);
        if (!c)
            return TYPECHECK_VALID;    /* a lax wildcard's element with no declaration */
        return check_element_as(tc, concept_type(tc, c), c, kid, 1, why, size, depth + 1);
    }
    tref r = type_of_key(tc, p->type, p->anon);
    if (!p->type && !p->anon)
        r = (tref){NULL, XSD_ANYTYPE, 0};
    return check_element_as(tc, r, NULL, kid, 1, why, size, depth + 1);
}

/* The model group of a complex type: an extension's is its base's followed
 * by its own, which the matcher walks as one sequence. */
static int check_content(typecheck *tc, const dts_type *t, xmlNodePtr n, int children, char *why,
                         size_t size, int depth)
{
    size_t nk = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            nk++;
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !t->mixed &&
                   !xmlIsBlankNode(c)) {
            return fail(why, size, "text is not allowed in the content of %s",
                        t->key ? strchr(t->key, '}') + 1 : "its type");
        }
    }
    dts_particle seq = {DTS_P_SEQUENCE, 1, 1, NULL, 0, NULL, NULL, NULL, NULL, {0}};
    buf_init(&seq.children, R2X_BUF_NOCAP);
    int bad = 0;
    for (const dts_type *s = t; s && !bad;
         s = s->derivation == DTS_EXTENSION ? s->base_type : NULL) {
        if (s->content) {
            /* base content first */
            bad = buf_add(&seq.children, &s->content, sizeof s->content);
            if (!bad && seq.children.len > sizeof s->content) {
                memmove(seq.children.data + sizeof s->content, seq.children.data,
                        seq.children.len - sizeof s->content);
                memcpy(seq.children.data, &s->content, sizeof s->content);
            }
        }
    }
    xmlNodePtr *kids = calloc(nk ? nk : 1, sizeof *kids);
    const dts_particle **by = calloc(nk ? nk : 1, sizeof *by);
    int rc = TYPECHECK_VALID;
    if (bad || !kids || !by) {
        rc = TYPECHECK_OOM;
        goto out;
    }
    nk = 0;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            kids[nk++] = c;
    match m = {tc, kids, by, nk, 0};
    size_t pos = 0;
    int ok = match_term(&m, &seq, &pos, 0);
    if (!ok || pos < nk) {
        /* where the content stopped fitting: the first child no path took,
         * or, all taken, the end (something required is missing) */
        if (m.furthest < nk) {
            tc->code = "xmlSchema:elementUnexpected";
            tc->where = kids[m.furthest];
            rc = fail(why, size, "element %s is not expected here",
                      (const char *)kids[m.furthest]->name);
        } else {
            tc->code = "xmlSchema:elementOccurrencesError";
            rc = fail(why, size, "the content is incomplete: an element is missing after %s",
                      nk ? (const char *)kids[nk - 1]->name : "its start");
        }
        goto out;
    }
    for (size_t i = 0; children && i < nk && rc == TYPECHECK_VALID; i++)
        rc = check_child(tc, by[i], kids[i], why, size, depth);
out:
    free(kids);
    free(by);
    buf_release(&seq.children);
    return rc;
}

/* The first attribute problem of an element, as text. */
typedef struct first_problem { char text[300]; const char *code; } first_problem;

static void note_attr(void *userdata, xmlNodePtr n, int kind, const char *name, const char *why)
{
    (void)n;
    first_problem *fp = userdata;
    if (fp->text[0])
        return;
    if (kind == TYPECHECK_ATTR_UNDECLARED)
        snprintf(fp->text, sizeof fp->text, "the attribute %s is not declared", name);
    else if (kind == TYPECHECK_ATTR_MISSING)
        snprintf(fp->text, sizeof fp->text, "the attribute %s is required", name);
    else
        snprintf(fp->text, sizeof fp->text, "the attribute %s: %s", name, why);
    fp->code = kind == TYPECHECK_ATTR_UNDECLARED ? "xmlSchema:attributesExtraneous"
               : kind == TYPECHECK_ATTR_MISSING ? "xmlSchema:attributesRequired"
                                                : "xmlSchema:valueError";
}

static int check_element_as(typecheck *tc, tref r, const dts_concept *decl, xmlNodePtr n,
                            int children, char *why, size_t size, int depth)
{
    if (depth > MAX_DEPTH || r.unknown)
        return r.unknown ? TYPECHECK_UNKNOWN : TYPECHECK_VALID;
    xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST XSI_NS);
    int is_nil = nil && (!strcmp((const char *)nil, "true") || !strcmp((const char *)nil, "1"));
    xmlFree(nil);
    if (is_nil && decl && !decl->nillable)
        return fail(why, size, "%s is nil but not nillable", decl->name);
    if (is_nil && n->children)
        return fail(why, size, "a nil element must be empty");
    int rc = TYPECHECK_VALID;
    if (r.t && r.t->variety == DTS_COMPLEX) {
        first_problem fp = {"", NULL};
        rc = check_attributes(tc, r.t, n, note_attr, &fp);
        if (rc == TYPECHECK_OOM)
            return rc;
        if (fp.text[0]) {
            tc->code = fp.code;
            return fail(why, size, "%s", fp.text);
        }
    }
    if (is_nil || (r.t && r.t->variety == DTS_COMPLEX && !r.t->simple_content))
        return is_nil ? TYPECHECK_VALID : check_content(tc, r.t, n, children, why, size, depth);
    if (r.t == NULL && r.builtin == XSD_ANYTYPE)
        return TYPECHECK_VALID;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return fail(why, size, "element content is not allowed: the type is simple");
    xmlChar *text = xmlNodeGetContent(n);
    const char *v = text ? (const char *)text : "";
    if (!v[0] && decl && (decl->dflt || decl->fixed))
        v = decl->fixed ? decl->fixed : decl->dflt;
    rc = check_simple(tc, r, v, n, why, size, depth);
    int same = rc == TYPECHECK_VALID && decl && decl->fixed ? is_fixed_value(r, v, decl->fixed) : 1;
    if (same < 0)
        rc = TYPECHECK_OOM;
    else if (!same)
        rc = fail(why, size, "'%s' is not the fixed value '%s'", v, decl->fixed);
    xmlFree(text);
    return rc;
}

int typecheck_failed(const typecheck *tc)
{
    return tc->oom;
}

const char *typecheck_code(const typecheck *tc)
{
    return tc->code ? tc->code : "xmlSchema:valueError";
}

xmlNodePtr typecheck_where(const typecheck *tc)
{
    return tc->where;
}

int typecheck_element(typecheck *tc, const dts_concept *decl, xmlNodePtr n, int children,
                      char *why, size_t size)
{
    tc->code = NULL;
    tc->where = NULL;
    return check_element_as(tc, concept_type(tc, decl), decl, n, children, why, size, 0);
}

/* ---- extensible enumerations ---------------------------------------------------------- */

/* The concept an enumeration value names: 2.0 "namespace#local", 1.0 a
 * QName in scope. */
static const dts_concept *enum_member(typecheck *tc, int v2, const char *v, xmlNodePtr scope,
                                      int *missing)
{
    char key[1024];
    *missing = 0;
    if (v2) {
        const char *hash = strrchr(v, '#');
        if (!hash || hash == v || !hash[1])
            return NULL;
        snprintf(key, sizeof key, "{%.*s}%s", (int)(hash - v), v, hash + 1);
    } else if (!resolve_qname(scope, v, key, sizeof key)) {
        return NULL;
    }
    const dts_concept *c = dts_concept_by_key(tc->d, key);
    if (!c) {
        char ns[1024];
        const char *close = strchr(key, '}');
        snprintf(ns, sizeof ns, "%.*s", close ? (int)(close - key - 1) : 0, key + 1);
        *missing = dts_missing_namespace(tc->d, ns) != NULL;
    }
    return c;
}

int typecheck_enumeration(typecheck *tc, const dts_concept *c, const char *text, xmlNodePtr scope,
                          const char **code, char *why, size_t size)
{
    int v2 = (c->flags & DTS_ENUM2) != 0, set = (c->flags & DTS_ENUM2_SET) != 0;
    if (!v2 && (c->flags & DTS_ENUM1) && c->type && strstr(c->type, "enumerationsItemType"))
        set = 1;
    *code = v2 ? set ? "enum2ie:InvalidEnumerationSetValue" : "enum2ie:InvalidEnumerationValue"
               : set ? "enumie:InvalidListFactValue" : "enumie:InvalidFactValue";
    const dts_concept *domain = c->enum_domain ? dts_concept_by_key(tc->d, c->enum_domain) : NULL;
    if (!domain)
        return TYPECHECK_UNKNOWN;  /* no domain, or its schema is missing: the taxonomy's error */
    if (!tc->enums) {
        tc->enums = calloc(1, sizeof *tc->enums);
        if (!tc->enums)
            return TYPECHECK_OOM;
        xdt_init(tc->enums, tc->d);
    }
    xmlHashTablePtr members = xdt_members_from(tc->enums, domain, c->enum_linkrole);
    if (!members || tc->enums->oom)
        return TYPECHECK_OOM;
    char *v = xsd_whitespace_apply(text, XSD_WS_COLLAPSE);
    if (!v)
        return TYPECHECK_OOM;
    int rc = TYPECHECK_VALID;
    const char *prev = NULL;
    size_t prev_len = 0;
    for (const char *p = v; *p && rc == TYPECHECK_VALID;) {
        size_t len = strcspn(p, " ");
        char one[1024];
        if (len >= sizeof one) {
            rc = fail(why, size, "a value is too long");
            break;
        }
        memcpy(one, p, len);
        one[len] = '\0';
        if (!set && p != v) {
            rc = fail(why, size, "one value is allowed, not a list ('%s')", v);
            break;
        }
        int missing;
        const dts_concept *m = enum_member(tc, v2, one, scope, &missing);
        if (!m && missing) {
            rc = TYPECHECK_UNKNOWN;
            break;
        }
        uintptr_t mark = m ? (uintptr_t)xmlHashLookup(members, BAD_CAST m->key) : 0;
        int usable = m && (mark == 1 || (m == domain && c->enum_head_usable && mark != 2));
        if (!usable) {
            rc = fail(why, size, "'%s' is not a usable member of the domain %s", one,
                      c->enum_domain ? c->enum_domain : "");
            break;
        }
        if (set && prev) {
            size_t n = prev_len < len ? prev_len : len;
            int cmp = strncmp(prev, p, n);
            if (!cmp)
                cmp = prev_len < len ? -1 : prev_len > len;
            if (!cmp) {
                *code = v2 ? "enum2ie:RepeatedEnumerationSetValue"
                           : "enumie:RepeatedEnumerationSetValue";
                rc = fail(why, size, "'%s' is given twice", one);
            } else if (cmp > 0 && v2) {
                *code = "enum2ie:InvalidEnumerationSetOrder";
                rc = fail(why, size, "'%s' is out of lexicographical order", one);
            }
        }
        prev = p;
        prev_len = len;
        p += len + (p[len] == ' ');
    }
    free(v);
    return rc;
}
