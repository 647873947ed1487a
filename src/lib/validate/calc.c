/* calc.c - duplicate facts and calculation consistency, in exact decimals (vdec.c).
 *
 * Facts are sorted once by (concept, context, unit, parent) pointers, all
 * interned, so duplicates are runs and every binding of a summation item to
 * its contributing items is a binary search: no quadratic scans.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc.h"
#include "validate.h"
#include "vdec.h"

/* Document order of two positions. */
static int cmp_pos(srcpos a, srcpos b)
{
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return (a.column > b.column) - (a.column < b.column);
}

/* ---- grouping ------------------------------------------------------------- */

static int cmp_p(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return x < y ? -1 : x > y;
}

static const char *ctx_sig(const vfact *f)
{
    return f->context ? f->context->sig : NULL;
}

static const char *unit_sig(const vfact *f)
{
    return f->unit ? f->unit->sig : NULL;
}

static int cmp_binding(const vfact *a, const vfact *b)
{
    int c;
    if ((c = cmp_p(a->concept, b->concept)) || (c = cmp_p(ctx_sig(a), ctx_sig(b))) ||
        (c = cmp_p(unit_sig(a), unit_sig(b))) || (c = cmp_p(a->parent, b->parent)))
        return c;
    return 0;
}

static int cmp_dup(const void *pa, const void *pb)
{
    const vfact *a = *(const vfact *const *)pa, *b = *(const vfact *const *)pb;
    int c;
    if ((c = cmp_binding(a, b)) || (c = cmp_p(a->lang, b->lang)))
        return c;
    return cmp_pos(a->pos, b->pos);
}

static int numeric(const vfact *f)
{
    return f->concept && (f->concept->flags & DTS_NUMERIC);
}

static int consistent(const vfact *a, const vfact *b)
{
    if (a->nil || b->nil)
        return a->nil == b->nil;
    if (numeric(a) && a->value.ok && b->value.ok) {
        int d = a->decimals < b->decimals ? a->decimals : b->decimals;
        if (!a->has_decimals || !b->has_decimals)
            d = VDEC_INF;
        return vdec_cmp(vdec_round(a->value, d), vdec_round(b->value, d)) == 0;
    }
    return !strcmp(a->text ? a->text : "", b->text ? b->text : "");
}

typedef struct group { size_t start, len; srcpos pos; } group;

static int cmp_group_line(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    return cmp_pos(a->pos, b->pos);
}

void check_duplicates(vfact *facts, size_t n, int mode, const vreporter *rep)
{
    int severity = mode == R2X_DUP_WARNING ? R2X_SEV_WARNING : R2X_SEV_ERROR;
    vfact **idx = malloc((n ? n : 1) * sizeof *idx);
    group *groups = malloc((n ? n : 1) * sizeof *groups);
    if (!idx || !groups) {
        free(idx);
        free(groups);
        rep->rp->oom = 1;
        return;
    }
    size_t m = 0, ng = 0;
    for (size_t i = 0; i < n; i++)
        if (facts[i].concept && facts[i].concept->kind == DTS_ITEM && facts[i].context &&
            !facts[i].parent)
            idx[m++] = &facts[i];
    qsort(idx, m, sizeof *idx, cmp_dup);
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && !cmp_binding(idx[i], idx[j]) && idx[i]->lang == idx[j]->lang)
            j++;
        if (j - i > 1)
            groups[ng++] = (group){i, j - i, idx[i]->pos};
        i = j;
    }
    /* report in document order */
    qsort(groups, ng, sizeof *groups, cmp_group_line);
    for (size_t g = 0; g < ng; g++) {
        vfact **run = idx + groups[g].start;
        for (size_t k = 1; k < groups[g].len; k++) {
            const vfact *a = run[0], *b = run[k];
            char va[64], vb[64];
            snprintf(va, sizeof va, "%s", a->nil ? "nil" : a->text ? a->text : "");
            snprintf(vb, sizeof vb, "%s", b->nil ? "nil" : b->text ? b->text : "");
            if (consistent(a, b) && mode == R2X_DUP_ALL)
                report_at(rep, R2X_SEV_WARNING, b->pos,
                            "xbrl.4.10:consistentDuplicateFacts",
                            "%s in context '%s' repeats the fact of line %ld (%s)",
                            a->concept->name, a->context->id, a->pos.line, va);
            else if (!consistent(a, b))
                report_at(rep, severity, b->pos,
                            "xbrl.4.10:inconsistentDuplicateFacts",
                            "%s in context '%s' is %s here but %s at line %ld",
                            a->concept->name, a->context->id, vb, va, a->pos.line);
        }
    }
    free(groups);
    free(idx);
}

/* ---- calculations ------------------------------------------------------------ */

typedef struct calc_state {
    vfact **idx;
    size_t n;
    int mode;
    const vreporter *rep;
    unsigned char *dup_reported;    /* per fact index in facts[] */
    vfact *base;
} calc_state;

static int cmp_idx(const void *pa, const void *pb)
{
    const vfact *a = *(const vfact *const *)pa, *b = *(const vfact *const *)pb;
    int c = cmp_binding(a, b);
    return c ? c : cmp_pos(a->pos, b->pos);
}

/* The run of facts bound like key but for concept c. */
static size_t find_run(const calc_state *s, const dts_concept *c, const vfact *key,
                       size_t *len)
{
    vfact probe = *key;
    probe.concept = c;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_binding(s->idx[mid], &probe) < 0) lo = mid + 1; else hi = mid;
    }
    size_t end = lo;
    while (end < s->n && !cmp_binding(s->idx[end], &probe))
        end++;
    *len = end - lo;
    return lo;
}

/* The one value a run of duplicates stands for: NULL when there is none
 * (nil, unusable) or when the duplicates rule the binding out. */
static const vfact *pick(calc_state *s, vfact **run, size_t len, int *blocked)
{
    const vfact *best = NULL;
    size_t usable = 0;
    for (size_t i = 0; i < len; i++) {
        const vfact *f = run[i];
        if (f->nil)
            continue;
        if (!f->value.ok || !f->has_decimals) {
            /* an unreadable value is reported as such, not as a sum */
            *blocked = 1;
            return NULL;
        }
        if (f->precision_zero)
            continue;
        usable++;
        if (!best) {
            best = f;
            continue;
        }
        if (!consistent(best, f)) {
            size_t k = (size_t)(f - s->base);
            if (s->mode == R2X_CALC_C11 && !s->dup_reported[k]) {
                s->dup_reported[k] = 1;
                report_at(s->rep, R2X_SEV_ERROR, f->pos,
                               "calc11e:disallowedDuplicateFacts",
                               "%s in context '%s' has inconsistent duplicates (line %ld) "
                               "and takes part in a calculation", f->concept->name,
                               f->context->id, best->pos.line);
            }
            *blocked = 1;
            return NULL;
        }
        if (f->decimals > best->decimals)
            best = f;
    }
    /* XBRL 2.1 binds no item that has duplicates */
    if (s->mode == R2X_CALC_XBRL21 && usable > 1) {
        *blocked = 1;
        return NULL;
    }
    return best;
}

static void check_binding(calc_state *s, const dts_rel *rels, size_t nrels,
                          vfact **prun, size_t plen)
{
    int blocked = 0;
    if (prun[0]->concept->calc_incomplete)
        return;
    const vfact *p = pick(s, prun, plen, &blocked);
    if (!p)
        return;
    const vfact *kids[256];
    double weights[256];
    size_t nk = 0;
    for (size_t i = 0; i < nrels && nk < 256; i++) {
        size_t len, start = find_run(s, rels[i].to, p, &len);
        if (!len)
            continue;
        const vfact *c = pick(s, s->idx + start, len, &blocked);
        if (blocked)
            return;
        if (!c)
            continue;
        kids[nk] = c;
        weights[nk++] = rels[i].weight;
    }
    if (!nk)
        return;
    vdec sum = {0, 0, 1}, want;
    int d = p->decimals;
    if (s->mode == R2X_CALC_C11) {
        for (size_t i = 0; i < nk; i++)
            if (kids[i]->decimals < d)
                d = kids[i]->decimals;
        for (size_t i = 0; i < nk; i++)
            sum = vdec_add(sum, vdec_mul_weight(vdec_round(kids[i]->value, d), weights[i]));
    } else {
        for (size_t i = 0; i < nk; i++)
            sum = vdec_add(sum, vdec_mul_weight(vdec_round(kids[i]->value, kids[i]->decimals),
                                                weights[i]));
    }
    sum = vdec_round(sum, d);
    want = vdec_round(p->value, d);
    if (!sum.ok || !want.ok || !vdec_cmp(sum, want))
        return;
    char got[64], exp[64], ds[16];
    vdec_format(want, exp);
    vdec_format(sum, got);
    if (d >= VDEC_INF)
        strcpy(ds, "INF");
    else
        snprintf(ds, sizeof ds, "%d", d);
    const char *role = rels[0].linkrole ? rels[0].linkrole : "";
    const char *slash = strrchr(role, '/');
    report_at(s->rep, R2X_SEV_ERROR, p->pos,
                   s->mode == R2X_CALC_C11 ? "calc11e:inconsistentCalculationUsingRounding"
                                           : "xbrl.5.2.5.2:calcInconsistency",
                   "%s in context '%s' is %s but its %zu contributing item%s sum to %s "
                   "(decimals %s; network %s)", p->concept->name, p->context->id, exp, nk,
                   nk == 1 ? "" : "s", got, ds, slash ? slash + 1 : role);
}

/* ---- XBRL 2.1 binding (5.2.5.2) ------------------------------------------------ */

/* Facts by concept, context, unit and document order: the contributing items
 * of a summation item are the c-equal, u-equal items of each contributing
 * concept among the descendants of the summation item's parent, a range of
 * document order (the tuple rules 397 V-15..V-23 show). */
static int cmp_order(const void *pa, const void *pb)
{
    const vfact *a = *(const vfact *const *)pa, *b = *(const vfact *const *)pb;
    int c;
    if ((c = cmp_p(a->concept, b->concept)) || (c = cmp_p(ctx_sig(a), ctx_sig(b))) ||
        (c = cmp_p(unit_sig(a), unit_sig(b))))
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* The first index in idx[0..n) not before (concept, ctx, unit, order). */
static size_t lower_order(vfact **idx, size_t n, const dts_concept *c, const vfact *key,
                          size_t order)
{
    vfact probe = *key;
    probe.concept = c;
    probe.order = order;
    const vfact *pp = &probe;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_order(&idx[mid], &pp) < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
}

typedef struct calc21 {
    vfact **idx;                /* by cmp_order */
    size_t n;
    const unsigned char *dup;   /* per fact of base: a duplicate item (4.10) */
    const vfact *base;
    const vreporter *rep;
} calc21;

static void report_calc21(const calc21 *s, const vfact *p, const dts_rel *rel, size_t nk,
                          vdec sum, vdec want, int d, const char *why)
{
    char got[64], exp[64], ds[16];
    vdec_format(want, exp);
    vdec_format(sum, got);
    if (d >= VDEC_INF)
        strcpy(ds, "INF");
    else
        snprintf(ds, sizeof ds, "%d", d);
    const char *role = rel->linkrole ? rel->linkrole : "";
    const char *slash = strrchr(role, '/');
    if (why)
        report_at(s->rep, R2X_SEV_ERROR, p->pos, "xbrl.5.2.5.2:calcInconsistency",
                       "%s in context '%s' and its %zu contributing item%s cannot be consistent: "
                       "%s (network %s)", p->concept->name, p->context->id, nk,
                       nk == 1 ? "" : "s", why, slash ? slash + 1 : role);
    else
        report_at(s->rep, R2X_SEV_ERROR, p->pos, "xbrl.5.2.5.2:calcInconsistency",
                       "%s in context '%s' is %s but its %zu contributing item%s sum to %s "
                       "(decimals %s; network %s)", p->concept->name, p->context->id, exp, nk,
                       nk == 1 ? "" : "s", got, ds, slash ? slash + 1 : role);
}

/* One summation item p and the relationships rels from its concept in one
 * network: binds unless p is nil or a duplicate, a contributing item is a
 * duplicate, or no contributing item is there; a bound calculation with
 * precision 0 anywhere is inconsistent. */
static void bind21(const calc21 *s, const dts_rel *rels, size_t nrels, const vfact *p)
{
    if (p->nil || s->dup[p - s->base] || p->concept->calc_incomplete)
        return;
    if (!p->value.ok || !p->has_decimals)
        return;
    vdec sum = {0, 0, 1};
    size_t nk = 0;
    int zero = p->precision_zero;
    for (size_t r = 0; r < nrels; r++) {
        size_t i = lower_order(s->idx, s->n, rels[r].to, p, p->scope_lo);
        for (; i < s->n; i++) {
            const vfact *c = s->idx[i];
            if (c->concept != rels[r].to || ctx_sig(c) != ctx_sig(p) ||
                unit_sig(c) != unit_sig(p) || c->order > p->scope_hi)
                break;
            if (c == p)
                continue;
            if (s->dup[c - s->base])
                return;
            if (c->nil)
                continue;
            if (!c->value.ok || !c->has_decimals)
                return;
            zero |= c->precision_zero;
            sum = vdec_add(sum, vdec_mul_weight(vdec_round(c->value, c->decimals),
                                                rels[r].weight));
            nk++;
        }
    }
    if (!nk)
        return;
    int d = p->decimals;
    vdec want = vdec_round(p->value, d);
    if (zero) {
        report_calc21(s, p, rels, nk, sum, want, d, "an item has precision 0");
        return;
    }
    sum = vdec_round(sum, d);
    if (sum.ok && want.ok && vdec_cmp(sum, want))
        report_calc21(s, p, rels, nk, sum, want, d, NULL);
}

static int check_calculations21(vfact *facts, size_t n, const dts_rel *rels, size_t nrels,
                                const vreporter *rep)
{
    vfact **idx = malloc((n ? n : 1) * sizeof *idx);
    unsigned char *dup = calloc(n ? n : 1, 1);
    if (!idx || !dup) {
        free(idx);
        free(dup);
        return R2X_ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (facts[i].concept && facts[i].context && facts[i].unit && numeric(&facts[i]))
            idx[m++] = &facts[i];
    /* duplicates (4.10): same concept, s-equal context, equal unit, same
     * parent, whatever their values, nil or not */
    qsort(idx, m, sizeof *idx, cmp_idx);
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && !cmp_binding(idx[i], idx[j]))
            j++;
        if (j - i > 1)
            for (size_t k = i; k < j; k++)
                dup[idx[k] - facts] = 1;
        i = j;
    }
    qsort(idx, m, sizeof *idx, cmp_order);
    calc21 s = {idx, m, dup, facts, rep};
    for (size_t i = 0; i < nrels;) {
        size_t j = i + 1;
        while (j < nrels && rels[j].linkrole == rels[i].linkrole && rels[j].from == rels[i].from)
            j++;
        vfact probe;
        memset(&probe, 0, sizeof probe);
        const vfact *pp = &probe;
        probe.concept = rels[i].from;
        size_t lo = 0, hi = m;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_p(idx[mid]->concept, pp->concept) < 0) lo = mid + 1; else hi = mid;
        }
        for (size_t k = lo; k < m && idx[k]->concept == rels[i].from; k++)
            bind21(&s, rels + i, j - i, idx[k]);
        i = j;
    }
    free(idx);
    free(dup);
    return R2X_OK;
}

int check_calculations(vfact *facts, size_t n, const dts *d, int mode, const vreporter *rep)
{
    if (mode == R2X_CALC_NONE)
        return R2X_OK;
    size_t nrels;
    const dts_rel *rels = dts_relationships_of(d, ARCROLE_SUMMATION, &nrels);
    if (!nrels)
        return R2X_OK;
    if (mode == R2X_CALC_XBRL21)
        return check_calculations21(facts, n, rels, nrels, rep);
    calc_state s = {NULL, 0, mode, rep, NULL, facts};
    s.idx = malloc((n ? n : 1) * sizeof *s.idx);
    s.dup_reported = calloc(n ? n : 1, 1);
    if (!s.idx || !s.dup_reported) {
        free(s.idx);
        free(s.dup_reported);
        return R2X_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (facts[i].concept && facts[i].context && facts[i].unit && numeric(&facts[i]))
            s.idx[s.n++] = &facts[i];
    qsort(s.idx, s.n, sizeof *s.idx, cmp_idx);
    /* relationships come sorted by link role, then summation concept */
    for (size_t i = 0; i < nrels;) {
        size_t j = i + 1;
        while (j < nrels && rels[j].linkrole == rels[i].linkrole && rels[j].from == rels[i].from)
            j++;
        /* every binding of the summation concept: runs by context and unit */
        vfact probe;
        memset(&probe, 0, sizeof probe);
        probe.concept = rels[i].from;
        size_t lo = 0, hi = s.n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_p(s.idx[mid]->concept, probe.concept) < 0) lo = mid + 1; else hi = mid;
        }
        for (size_t k = lo; k < s.n && s.idx[k]->concept == rels[i].from;) {
            size_t e = k + 1;
            while (e < s.n && !cmp_binding(s.idx[k], s.idx[e]))
                e++;
            check_binding(&s, rels + i, j - i, s.idx + k, e - k);
            k = e;
        }
        i = j;
    }
    free(s.idx);
    free(s.dup_reported);
    return R2X_OK;
}

/* ---- essence-alias (5.2.6.2.2) ------------------------------------------------ */

#define ARCROLE_ESSENCE_ALIAS "http://www.xbrl.org/2003/arcrole/essence-alias"

size_t check_alias_concepts(const dts *d, reporter *rp)
{
    size_t nrels, errors = 0;
    const dts_rel *rels = dts_relationships_of(d, ARCROLE_ESSENCE_ALIAS, &nrels);
    for (size_t i = 0; i < nrels; i++) {
        const dts_concept *e = rels[i].from, *a = rels[i].to;
        const char *what = e->type != a->type ? "type"
                           : e->period_type != a->period_type ? "periodType"
                           : e->balance != a->balance ? "balance" : NULL;
        if (!what)
            continue;
        errors++;
        report(rp, R2X_SEV_ERROR, "xbrl.5.2.6.2.2:essenceAliasAttributes", rels[i].document,
               rels[i].line, 0, "%s is an essence-alias of %s but their %s differs", a->name,
               e->name, what);
    }
    return errors;
}

/* Items by concept, context and parent: the aliased items that must agree. */
static int cmp_alias(const void *pa, const void *pb)
{
    const vfact *a = *(const vfact *const *)pa, *b = *(const vfact *const *)pb;
    int c;
    if ((c = cmp_p(a->concept, b->concept)) || (c = cmp_p(ctx_sig(a), ctx_sig(b))) ||
        (c = cmp_p(a->parent, b->parent)))
        return c;
    return cmp_pos(a->pos, b->pos);
}

int check_essence_alias(vfact *facts, size_t n, const dts *d, const vreporter *rep)
{
    size_t nrels;
    const dts_rel *rels = dts_relationships_of(d, ARCROLE_ESSENCE_ALIAS, &nrels);
    if (!nrels)
        return R2X_OK;
    vfact **idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx)
        return R2X_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (facts[i].concept && facts[i].concept->kind == DTS_ITEM && facts[i].context)
            idx[m++] = &facts[i];
    qsort(idx, m, sizeof *idx, cmp_alias);
    for (size_t r = 0; r < nrels; r++) {
        /* every essence item, then the alias items with its context and parent */
        size_t lo = 0, hi = m;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_p(idx[mid]->concept, rels[r].from) < 0) lo = mid + 1; else hi = mid;
        }
        for (size_t k = lo; k < m && idx[k]->concept == rels[r].from; k++) {
            const vfact *e = idx[k];
            vfact probe = *e;
            const vfact *pp = &probe;
            probe.concept = rels[r].to;
            probe.pos = (srcpos){0, 0};
            size_t a = 0, b = m;
            while (a < b) {
                size_t mid = (a + b) / 2;
                if (cmp_alias(&idx[mid], &pp) < 0) a = mid + 1; else b = mid;
            }
            for (; a < m && idx[a]->concept == rels[r].to && ctx_sig(idx[a]) == ctx_sig(e) &&
                   idx[a]->parent == e->parent; a++) {
                const vfact *al = idx[a];
                if (unit_sig(al) != unit_sig(e))
                    report_at(rep, R2X_SEV_ERROR, al->pos,
                                "xbrl.5.2.6.2.2:essenceAliasInconsistency",
                                "%s is an alias of %s (line %ld) in context '%s' but its unit "
                                "differs", al->concept->name, e->concept->name, e->pos.line,
                                e->context->id);
                else if (!consistent(e, al))
                    report_at(rep, R2X_SEV_ERROR, al->pos,
                                "xbrl.5.2.6.2.2:essenceAliasInconsistency",
                                "%s is an alias of %s (line %ld) in context '%s' but its value "
                                "'%s' differs from '%s'", al->concept->name, e->concept->name,
                                e->pos.line, e->context->id, al->nil ? "nil" : al->text,
                                e->nil ? "nil" : e->text);
            }
        }
    }
    free(idx);
    return R2X_OK;
}
