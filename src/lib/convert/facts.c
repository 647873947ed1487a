/* facts.c - map table rows to facts; contexts, duplicates and sum checks. */
#include "facts.h"

#include <libxml/hash.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "decimal.h"
#include "document.h"
#include "error.h"
#include "parenthetical.h"
#include "periods.h"
#include "tables.h"
#include "text.h"
#include "xml_hash.h"

struct factset {
    r2x_buf facts;            /* fact[] */
    r2x_buf contexts;         /* context[] */
    r2x_buf rows;             /* row_mapping[] */
    r2x_buf sums;             /* checked_sum[] */
    r2x_buf sum_items;        /* sum_item[] */
    xmlHashTablePtr context_ids;  /* key (period and dimensions) -> index */
    xmlHashTablePtr ids;          /* the ids given: a context id is unique */
    xmlHashTablePtr fact_keys;    /* "concept|context|unit" -> index + 1 */
    binding *binding;             /* each row's concept and sign */
};

typedef struct build {
    const fact_options *o;
    factset *fs;
    size_t nerrors, unmapped, failed_sums;
} build;

static void diag(build *b, int sev, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A document line as the input file's line (an HTML file's own line). */
#define SRC(b, n) ((long)document_source_line((b)->o->doc, (size_t)(n)))

static void diag(build *b, int sev, long line, const char *fmt, ...)
{
    if (sev == R2X_SEV_ERROR)
        b->nerrors++;
    if (!b->o->diag)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.code = R2X_ETABLE;
    e.severity = sev;
    r2xi_strlcpy(e.file, b->o->doc ? r2x_document_name(b->o->doc) : "", sizeof e.file);
    e.line = SRC(b, line);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    b->o->diag(b->o->diag_userdata, &e);
}

static void free_index(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

void factset_free(factset *fs)
{
    if (!fs)
        return;
    buf_release(&fs->facts);
    buf_release(&fs->contexts);
    buf_release(&fs->rows);
    buf_release(&fs->sums);
    buf_release(&fs->sum_items);
    xmlHashFree(fs->context_ids, free_index);
    xmlHashFree(fs->ids, NULL);
    xmlHashFree(fs->fact_keys, free_index);
    bind_free(fs->binding);
    free(fs);
}

size_t factset_count(const factset *fs) { return fs->facts.len / sizeof(fact); }
const fact *factset_fact(const factset *fs, size_t i)
{
    return &((const fact *)(const void *)fs->facts.data)[i];
}
size_t factset_context_count(const factset *fs) { return fs->contexts.len / sizeof(context); }
const context *factset_context(const factset *fs, size_t i)
{
    return &((const context *)(const void *)fs->contexts.data)[i];
}
size_t factset_row_count(const factset *fs) { return fs->rows.len / sizeof(row_mapping); }
const row_mapping *factset_row(const factset *fs, size_t i)
{
    return &((const row_mapping *)(const void *)fs->rows.data)[i];
}

size_t factset_sum_count(const factset *fs) { return fs->sums.len / sizeof(checked_sum); }
const checked_sum *factset_sum(const factset *fs, size_t i)
{
    return &((const checked_sum *)(const void *)fs->sums.data)[i];
}
const sum_item *factset_sum_item(const factset *fs, size_t i)
{
    return &((const sum_item *)(const void *)fs->sum_items.data)[i];
}

r2x_date factset_period_end(const factset *fs)
{
    r2x_date best = {0, 0, 0};
    for (size_t i = 0; i < factset_context_count(fs); i++) {
        const context *c = factset_context(fs, i);
        if (date_compare(c->period.end, best) > 0)
            best = c->period.end;
    }
    return best;
}

/* ---- Contexts ------------------------------------------------------------ */

static const char *local_name(const char *qname)
{
    const char *c = strchr(qname, ':');
    return c ? c + 1 : qname;
}

static int cmp_dim(const void *a, const void *b)
{
    const map_dim *x = *(const map_dim *const *)a, *y = *(const map_dim *const *)b;
    int c = strcmp(x->axis, y->axis);
    return c ? c : strcmp(x->member, y->member);
}

/* The context of period and e's dimensions, made when new.  Contexts are
 * told apart by a key of their whole content (axes and members by QName,
 * in axis order); the id is readable ("D20090401-20090930_SegmentMember")
 * unless that would be cut short or is taken, when a hash of the key makes
 * it unique: two contexts must never share an id, nor one be split in two. */
static int context_for(build *b, r2x_period period, const map_entry *e, size_t *index)
{
    char id[sizeof ((context *)0)->id];
    char a[16], z[16];
    r2x_date_format(period.end, z);
    if (period.kind == R2X_PERIOD_INSTANT) {
        snprintf(id, sizeof id, "I%.4s%.2s%.2s", z, z + 5, z + 8);
    } else {
        r2x_date_format(period.start, a);
        snprintf(id, sizeof id, "D%.4s%.2s%.2s-%.4s%.2s%.2s", a, a + 5, a + 8, z, z + 5,
                 z + 8);
    }
    size_t ndims = e ? e->ndims : 0;
    const map_dim *sorted[MAP_MAX_DIMS];
    if (ndims > MAP_MAX_DIMS)
        ndims = MAP_MAX_DIMS;                       /* mapping_load allows no more */
    for (size_t d = 0; d < ndims; d++)
        sorted[d] = &e->dims[d];
    qsort(sorted, ndims, sizeof *sorted, cmp_dim);
    r2x_buf key, readable;
    buf_init(&key, R2X_BUF_NOCAP);
    buf_init(&readable, R2X_BUF_NOCAP);
    int rc = buf_adds(&key, id);
    if (!rc)
        rc = buf_adds(&readable, id);
    for (size_t d = 0; d < ndims && !rc; d++) {
        rc = buf_addf(&key, "|%s=%s", sorted[d]->axis, sorted[d]->member);
        if (!rc)
            rc = buf_addf(&readable, "_%s", local_name(sorted[d]->member));
    }
    size_t *ip = rc ? NULL : xmlHashLookup(b->fs->context_ids, (const xmlChar *)key.data);
    if (rc || ip) {
        if (ip)
            *index = *ip;
        buf_release(&key);
        buf_release(&readable);
        return rc;
    }
    if (readable.len < sizeof id &&
        !xmlHashLookup(b->fs->ids, (const xmlChar *)readable.data)) {
        memcpy(id, readable.data, readable.len + 1);
    } else {
        uint64_t h = 1469598103934665603ULL;          /* FNV-1a of the key */
        for (size_t i = 0; i < key.len; i++)
            h = (h ^ (unsigned char)key.data[i]) * 1099511628211ULL;
        snprintf(id, sizeof id, "%.*s_%016llx", (int)(sizeof id - 18), readable.data,
                 (unsigned long long)h);
    }
    context c;
    memset(&c, 0, sizeof c);
    r2xi_strlcpy(c.id, id, sizeof c.id);
    c.period = period;
    c.ndims = e ? e->ndims : 0;
    c.dims = c.ndims ? e->dims : NULL;
    ip = malloc(sizeof *ip);
    if (!ip)
        rc = R2X_ENOMEM;
    else
        *ip = factset_context_count(b->fs);
    if (!rc && (buf_add(&b->fs->contexts, &c, sizeof c) ||
                xmlHashAddEntry(b->fs->context_ids, (const xmlChar *)key.data, ip))) {
        free(ip);
        rc = R2X_ENOMEM;
    }
    if (!rc && xmlHashAddEntry(b->fs->ids, (const xmlChar *)id, (void *)1))
        rc = R2X_ENOMEM;
    if (!rc)
        *index = *ip;
    buf_release(&key);
    buf_release(&readable);
    return rc;
}

int factset_context_for(factset *fs, r2x_period period, size_t *index)
{
    build b;
    memset(&b, 0, sizeof b);
    b.fs = fs;
    return context_for(&b, period, NULL, index);
}

/* ---- Units and types ----------------------------------------------------- */


/* ---- Facts --------------------------------------------------------------- */

/* "line 12" or, where the source has long lines (HTML), "line 4:5512". */
static void fact_place(const build *b, const fact *f, char *out, size_t size)
{
    if (f->source && f->source->column_no > 0)
        snprintf(out, size, "line %ld:%ld", SRC(b, f->line), f->source->column_no);
    else
        snprintf(out, size, "line %ld", SRC(b, f->line));
}

static int add_fact(build *b, const fact *f)
{
    char key[256], unit[40];
    r2x_unit_format(&f->unit, unit);
    snprintf(key, sizeof key, "%s|%zu|%s", f->concept->qname, f->context, unit);
    size_t *ip = xmlHashLookup(b->fs->fact_keys, (const xmlChar *)key);
    if (ip) {
        /* The same fact again: keep the more precise; the other must agree
         * at its own precision. */
        fact *have = &((fact *)(void *)b->fs->facts.data)[*ip];
        const fact *precise = have->decimals >= f->decimals ? have : f;
        const fact *rough = precise == have ? f : have;
        r2x_decimal r = decimal_round(precise->value, rough->decimals);
        r2x_decimal diff = rough->value;
        diff.coef = -diff.coef;
        int one_unit = 0;
        if (!r2x_decimal_add(r, diff, &diff)) {
            r2x_decimal ulp = {1, -rough->decimals};
            r2x_decimal neg = {-1, -rough->decimals};
            one_unit = r2x_decimal_cmp(diff, ulp) <= 0 && r2x_decimal_cmp(diff, neg) >= 0;
        }
        if (r2x_decimal_cmp(r, rough->value) != 0 && f->convenience && have->convenience &&
            one_unit) {
            /* Convenience translations are each translated and rounded on
             * their own: one unit in the last place is rounding, not an error. */
            char v1[R2X_DECIMAL_STRLEN], v2[R2X_DECIMAL_STRLEN];
            r2x_decimal_format(have->value, v1);
            r2x_decimal_format(f->value, v2);
            diag(b, R2X_SEV_WARNING, f->line,
                 "%s in context %s (a convenience translation) is %s at line %ld but %s "
                 "at line %ld; the first is kept", f->concept->qname,
                 factset_context(b->fs, f->context)->id, v1, SRC(b, have->line), v2,
                 SRC(b, f->line));
            return R2X_OK;
        }
        /* Japanese releases truncate amounts below the unit shown ("less
         * than one million yen omitted"): a truncated figure agrees too. */
        r2x_decimal tr = decimal_truncate(precise->value, rough->decimals);
        if (r2x_decimal_cmp(r, rough->value) != 0 && r2x_decimal_cmp(tr, rough->value) != 0) {
            char v1[R2X_DECIMAL_STRLEN], v2[R2X_DECIMAL_STRLEN];
            r2x_decimal_format(precise->value, v1);
            r2x_decimal_format(rough->value, v2);
            /* the more precise figure is written (a detailed table's over a
             * summary's), the first of two as precise */
            const fact *keep = f->decimals > have->decimals ? f : have;
            char at1[48], at2[48], kept[48];
            fact_place(b, precise, at1, sizeof at1);
            fact_place(b, rough, at2, sizeof at2);
            fact_place(b, keep, kept, sizeof kept);
            diag(b, R2X_SEV_ERROR, f->line,
                 "%s in context %s is %s at %s but %s at %s; they disagree at the precision "
                 "of the rougher one (the value at %s is written)",
                 f->concept->qname, factset_context(b->fs, f->context)->id, v1, at1, v2, at2,
                 kept);
            if (keep == f)
                *have = *f;
            return R2X_OK;
        }
        if (precise == f) {
            /* the new one is more precise: it takes the old one's place */
            *have = *f;
        }
        return R2X_OK;
    }
    ip = malloc(sizeof *ip);
    if (!ip)
        return R2X_ENOMEM;
    *ip = factset_count(b->fs);
    if (buf_add(&b->fs->facts, f, sizeof *f) ||
        xmlHashAddEntry(b->fs->fact_keys, (const xmlChar *)key, ip)) {
        free(ip);
        return R2X_ENOMEM;
    }
    if (xmlHashLookup(b->fs->fact_keys, (const xmlChar *)key) != ip)
        return R2X_ENOMEM;          /* as for contexts above */
    return R2X_OK;
}

static int contains_word_ci(const char *hay, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = hay; *p; p++)
        if (!strncasecmp(p, word, n))
            return 1;
    return 0;
}

/* A label that is nothing but a period heading ("Six months ended",
 * "September 30, 2009", "Fiscal Year Ended"): the table has its periods in
 * its rows, and the row is not a line item. */
static int label_is_period(const char *label, const r2x_fiscal_calendar *cal)
{
    period_phrase pp[4];
    size_t n = period_scan(label, cal, pp, 4);
    if (!n)
        return 0;
    size_t covered = 0;
    for (size_t i = 0; i < n; i++)
        covered += pp[i].end - pp[i].start;
    size_t len = strlen(label);
    return covered * 10 >= len * 7;        /* the heading is most of the label */
}

/* The facts of one bound row: one a value of an amount column with a
 * period, in the concept's period type and unit, in its sign. */
static int row_facts(build *b, const r2x_table *t, const r2x_row *row, const row_bind *rb)
{
    const concept *c = rb->concept;
    const map_entry *e = rb->entry;
    for (size_t k = 0; k < row->nvalues; k++) {
        const r2x_value *v = &row->values[k];
        const r2x_column *col = &t->columns[v->column];
        if (col->role == R2X_COL_PERCENT_OF_TOTAL || col->role == R2X_COL_CHANGE)
            continue;
        if (col->period.kind == R2X_PERIOD_NONE) {
            diag(b, R2X_SEV_WARNING, row->line, "'%s' in cell %d has no period; "
                 "no fact is written for it", v->text, col->index + 1);
            continue;
        }
        r2x_period p = col->period;
        if (c->period_type == R2X_PERIOD_INSTANT && p.kind == R2X_PERIOD_DURATION) {
            /* "Cash ... beginning of the period" is the instant before the
             * duration starts; other instants in a flow column are its end */
            if (contains_word_ci(row->label, "beginning"))
                p.end = date_add_days(p.start, -1);
            p.kind = R2X_PERIOD_INSTANT;
            memset(&p.start, 0, sizeof p.start);
        } else if (c->period_type == R2X_PERIOD_DURATION && p.kind == R2X_PERIOD_INSTANT) {
            diag(b, R2X_SEV_ERROR, row->line, "'%s' maps to %s, a duration concept, but its "
                 "column is an instant (%s)", row->label, c->qname, rb->why);
            continue;
        }
        if (!bind_unit_fits(c, &v->unit)) {
            char u[40];
            r2x_unit_format(&v->unit, u);
            diag(b, R2X_SEV_WARNING, row->line, "'%s' is in %s, which does not suit %s (%s); "
                 "no fact is written for it", v->text, u[0] ? u : "no unit", c->qname,
                 c->type);
            continue;
        }
        fact f;
        memset(&f, 0, sizeof f);
        f.concept = c;
        f.unit = v->unit;
        f.value = v->value;
        if (rb->sign < 0)
            f.value.coef = -f.value.coef;
        f.decimals = v->decimals;
        f.convenience = col->role == R2X_COL_CONVENIENCE;
        f.line = row->line;
        f.label = row->label;
        f.source = v;
        if (context_for(b, p, e, &f.context) || add_fact(b, &f))
            return R2X_ENOMEM;
    }
    return R2X_OK;
}

/* The balance-sheet dates of t, in column order, once each. */
static size_t table_instants(const r2x_table *t, r2x_date *out, size_t max)
{
    size_t n = 0;
    for (size_t c = 0; c < t->ncolumns && n < max; c++) {
        const r2x_column *col = &t->columns[c];
        if (col->role != R2X_COL_AMOUNT || col->period.kind != R2X_PERIOD_INSTANT)
            continue;
        size_t k = 0;
        while (k < n && date_compare(out[k], col->period.end))
            k++;
        if (k == n)
            out[n++] = col->period.end;
    }
    return n;
}

/* The table's own currency column: its first amount column in a currency. */
static const r2x_column *table_currency(const r2x_table *t)
{
    for (size_t c = 0; c < t->ncolumns; c++)
        if (t->columns[c].role == R2X_COL_AMOUNT &&
            t->columns[c].unit.kind == R2X_UNIT_CURRENCY)
            return &t->columns[c];
    return NULL;
}

static int paren_fact(build *b, const r2x_table *t, const r2x_row *row, const paren_amount *a,
                      const concept *c, r2x_date date)
{
    fact f;
    memset(&f, 0, sizeof f);
    f.concept = c;
    f.unit.kind = a->unit_kind;
    const r2x_column *money = table_currency(t);
    const char *cur = a->currency[0] ? a->currency : money ? money->unit.measure : NULL;
    f.value = a->value;
    f.decimals = a->decimals;
    if (a->unit_kind == R2X_UNIT_SHARES) {
        r2xi_strlcpy(f.unit.measure, "shares", sizeof f.unit.measure);
        /* "100,000 shares authorized" under "(in millions ...)" */
        if (t->count_scale && r2x_decimal_scale(&f.value, t->count_scale) == R2X_OK)
            f.decimals -= t->count_scale;
    } else {
        if (!cur)
            return R2X_OK;      /* an amount in no known currency */
        r2xi_strlcpy(f.unit.measure, cur, sizeof f.unit.measure);
        if (a->unit_kind == R2X_UNIT_PER_SHARE)
            r2xi_strlcpy(f.unit.denominator, "shares", sizeof f.unit.denominator);
        /* "$12" in a table in millions of the same currency is $12 million */
        else if (!a->scale_stated && money && money->scale > 0 &&
                 !strcmp(money->unit.measure, cur) &&
                 r2x_decimal_scale(&f.value, money->scale) == R2X_OK)
            f.decimals -= money->scale;
    }
    f.line = row->line;
    f.label = row->label;
    r2x_period p;
    memset(&p, 0, sizeof p);
    p.kind = R2X_PERIOD_INSTANT;
    p.end = date;
    if (context_for(b, p, NULL, &f.context) || add_fact(b, &f))
        return R2X_ENOMEM;
    return R2X_OK;
}

/* Amounts a balance-sheet label states ("net of allowance of JPY 22,072
 * thousand", "5,000 shares authorized", "$.01 par value"): facts of their
 * own at the dates the label or the table gives them. */
static int paren_facts(build *b, const r2x_table *t, const r2x_row *row)
{
    r2x_date dates[8];
    size_t ndates = table_instants(t, dates, 8);
    if (!ndates)
        return R2X_OK;
    paren_context ctx = {row->position, contains_word_ci(row->label, "preferred"),
                         r2x_profile_calendar(b->o->profile)};
    paren_amount am[16];
    size_t n = parenthetical_scan(row->label, &ctx, am, 16);
    for (size_t i = 0; i < n; i++) {
        const concept *c = taxonomy_find(b->o->tax, am[i].concept);
        if (!c)
            continue;
        for (size_t k = 0; k < ndates; k++) {
            int here = am[i].date.year ? !date_compare(am[i].date, dates[k])
                                       : am[i].column < 0 || (size_t)am[i].column == k;
            if (here && paren_fact(b, t, row, &am[i], c, dates[k]))
                return R2X_ENOMEM;
        }
    }
    return R2X_OK;
}

static int map_row(build *b, const r2x_table *t, size_t r, const binding *bd)
{
    const r2x_row *row = &t->rows[r];
    const row_bind *rb = bind_of(bd, t, r);
    if (!rb)
        return R2X_OK;
    row_mapping rm = {t, row, rb, rb->reported};
    if (rb->reported) {
        b->unmapped++;
        diag(b, R2X_SEV_WARNING, row->line, "unmapped line item '%s'", row->label);
    } else if (rb->source == BIND_EXTENSION) {
        b->unmapped++;
        diag(b, R2X_SEV_WARNING, row->line, "line item '%s': no standard concept fits; "
             "extension concept %s made%s%s%s", row->label, rb->concept->qname,
             rb->runner_up ? " (the nearest was " : "",
             rb->runner_up ? rb->runner_up->qname : "", rb->runner_up ? ")" : "");
    }
    if (buf_add(&b->fs->rows, &rm, sizeof rm))
        return R2X_ENOMEM;
    return rb->concept ? row_facts(b, t, row, rb) : R2X_OK;
}

/* ---- Sum checks ---------------------------------------------------------- */

/* A printed total should equal a run of the rows just above it (subtotals
 * already checked stand for the rows they sum).  Look for such a run ending
 * right above the total; warn naming the rows when there is none. */
static int row_is_total(const r2x_row *r)
{
    if (!r->label || !r->nvalues)
        return 0;
    return r->is_total || !strncasecmp(r->label, "net cash", 8);
}

/* "Less allowance for uncollectible accounts  31" is subtracted. */
static int label_subtracts(const char *label)
{
    return label && !strncasecmp(label, "less ", 5);
}

/* How a total takes its lines: as printed, or with the eliminations
 * between segments deducted though printed positive ("Intersegment
 * eliminations 50" under segment revenues that add up to the total less
 * 50). */
enum { RUN_AS_PRINTED, RUN_ELIMINATIONS_DEDUCTED };

/* Row r's line is deducted from its total in that reading. */
static int deducted(const r2x_table *t, size_t r, int reading)
{
    const char *label = t->rows[r].label;
    return label_subtracts(label) ||
           (reading == RUN_ELIMINATIONS_DEDUCTED && label && text_contains_ci(label, "elimination"));
}

/* A value as it adds into a sum: negated on a "Less ..." line (and an
 * elimination, in that reading). */
static int addend(const r2x_table *t, size_t r, int column, int reading, r2x_decimal *out)
{
    const r2x_value *v = table_value_at(&t->rows[r], column);
    if (!v)
        return 0;
    *out = v->value;
    if (deducted(t, r, reading))
        out->coef = -out->coef;
    return 1;
}

/* Rows start..n-1 of items add up to the total row in every amount column
 * but col (already checked); the first column that does not is returned,
 * -1 when all do. */
static int other_columns_disagree(const r2x_table *t, const r2x_row *row, const size_t *items,
                                  size_t start, size_t n, int col, int reading, r2x_decimal *got)
{
    for (size_t k = 0; k < row->nvalues; k++) {
        const r2x_value *tv = &row->values[k];
        int role = t->columns[tv->column].role;
        if (tv->column == col || (role != R2X_COL_AMOUNT && role != R2X_COL_CONVENIENCE))
            continue;
        r2x_decimal sum = {0, 0}, d;
        for (size_t j = start; j < n; j++)
            if (addend(t, items[j], tv->column, reading, &d))
                r2x_decimal_add(sum, d, &sum);
        if (r2x_decimal_cmp(sum, tv->value) != 0) {
            *got = sum;
            return (int)k;
        }
    }
    return -1;
}

/* Keep a total that added up, with its items and their printed signs. */
static int record_sum(build *b, const r2x_table *t, size_t total, const size_t *rows, size_t n,
                      int reading)
{
    checked_sum cs = {t, total, b->fs->sum_items.len / sizeof(sum_item), n};
    for (size_t j = 0; j < n; j++) {
        sum_item it = {rows[j], deducted(t, rows[j], reading) ? -1 : 1};
        if (buf_add(&b->fs->sum_items, &it, sizeof it))
            return R2X_ENOMEM;
    }
    return buf_add(&b->fs->sums, &cs, sizeof cs);
}

/* The shortest run of items right above the total (items[j..n)) whose
 * figures, taken in that reading, add up to it in column col and every
 * other amount column: returns reading + 1 with *start = j, or 0.  A total
 * may stand over one line ("Net cash used in investing activities" under
 * its only line).  *first_start is where the first run that fits col alone
 * starts (*candidate its reading + 1), for the message when no run fits
 * them all. */
static int find_run(const r2x_table *t, const r2x_row *row, const size_t *items, size_t n,
                    int col, const r2x_value *total, int reading, size_t *start,
                    size_t *first_start, int *candidate)
{
    r2x_decimal sum = {0, 0}, d;
    int any_deducted = reading == RUN_AS_PRINTED;
    for (size_t j = n; j-- > 0;) {
        if (addend(t, items[j], col, reading, &d) && r2x_decimal_add(sum, d, &sum))
            break;
        any_deducted |= deducted(t, items[j], reading) && !label_subtracts(t->rows[items[j]].label);
        if (!any_deducted || r2x_decimal_cmp(sum, total->value) != 0)
            continue;
        r2x_decimal got;
        if (!*candidate) {
            *candidate = reading + 1;
            *first_start = j;
        }
        /* a nil line may or may not belong to the run: take the run every
         * column agrees on */
        if (other_columns_disagree(t, row, items, j, n, col, reading, &got) < 0) {
            *start = j;
            return reading + 1;
        }
    }
    return 0;
}

static int check_sums(build *b, const r2x_table *t)
{
    if (t->statement == R2X_STMT_OTHER || !t->nrows)
        return R2X_OK;
    /* items: rows with figures, collapsing checked subtotals */
    size_t *items = malloc(t->nrows * sizeof *items);
    if (!items)
        return R2X_ENOMEM;          /* not a silently skipped check */
    size_t n = 0;
    long last_total = -1;           /* the last total that added up */
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        if (!row->nvalues || !row->label)
            continue;
        /* "Net credit card receivables" below "Less allowance ..." is a
         * subtotal too */
        int subtotal = n && !strncasecmp(row->label, "net ", 4) &&
                       label_subtracts(t->rows[items[n - 1]].label);
        if (!row_is_total(row) && !subtotal) {
            items[n++] = r;
            continue;
        }
        /* the first amount column decides the run; the others must agree */
        int col = -1;
        for (size_t k = 0; k < row->nvalues && col < 0; k++)
            if (t->columns[row->values[k].column].role == R2X_COL_AMOUNT)
                col = row->values[k].column;
        const r2x_value *total = col >= 0 ? table_value_at(row, col) : NULL;
        if (total && total->unit.kind != R2X_UNIT_CURRENCY) {
            /* "Total common shares outstanding" under amounts of money is
             * not a sum of them */
            int same = 0;
            for (size_t j = 0; j < n && !same; j++) {
                const r2x_value *v = table_value_at(&t->rows[items[j]], col);
                same = v && v->unit.kind == total->unit.kind;
            }
            if (!same) {
                items[n++] = r;
                continue;
            }
        }
        size_t start = n, first_start = n;
        int found = 0, candidate = 0, reading = RUN_AS_PRINTED;
        for (int rd = RUN_AS_PRINTED; total && !found && rd <= RUN_ELIMINATIONS_DEDUCTED; rd++)
            found = find_run(t, row, items, n, col, total, rd, &start, &first_start, &candidate);
        if (found)
            reading = found - 1;
        int failed = 0;
        found = found != 0;
        if (!found && candidate) {
            failed = 1;
            start = first_start;
            r2x_decimal got;
            int k = other_columns_disagree(t, row, items, start, n, col, candidate - 1, &got);
            const r2x_value *tv = &row->values[k];
            char s1[R2X_DECIMAL_STRLEN];
            r2x_decimal_format(got, s1);
            b->failed_sums++;
            diag(b, R2X_SEV_WARNING, row->line, "'%s' is %s in cell %d but lines "
                 "%ld-%ld add up to %s", row->label, tv->text,
                 t->columns[tv->column].index + 1, SRC(b, t->rows[items[start]].line),
                 SRC(b, t->rows[items[n - 1]].line), s1);
            found = 1;
        }
        if (found && !failed && record_sum(b, t, r, items + start, n - start, reading)) {
            free(items);
            return R2X_ENOMEM;
        }
        if (found) {
            n = start;
            last_total = failed ? -1 : (long)r;
        } else if (total && n &&
                   ((long)items[n - 1] == last_total || row_is_total(&t->rows[items[n - 1]]))) {
            /* right under a total, with no line of its own ("Total
             * stockholders' equity" printed alone under "Total
             * liabilities" in a condensed balance sheet): nothing to check */
        } else if (total && n) {
            b->failed_sums++;
            diag(b, R2X_SEV_WARNING, row->line, "'%s' (%s) is not the sum of any run of "
                 "the lines above it (lines %ld-%ld); check them for extraction damage",
                 row->label, total->text, SRC(b, t->rows[items[0]].line),
                 SRC(b, t->rows[items[n - 1]].line));
        }
        items[n++] = r;
    }
    free(items);
    return R2X_OK;
}

/* What the prior filing did: the lines it bound, and each that the binding
 * would have bound otherwise. */
static void report_prior(build *b, const binding *bd)
{
    size_t bound = 0, by_label = 0, disagreed = 0;
    for (size_t i = 0; i < bind_count(bd); i++) {
        const row_bind *rb = bind_at(bd, i);
        if (rb->source != BIND_PRIOR)
            continue;
        bound++;
        by_label += !rb->entry;
        if (rb->general == rb->concept)
            continue;
        disagreed++;
        const r2x_row *row = &rb->table->rows[rb->row];
        diag(b, R2X_SEV_NOTE, row->line, "'%s': the prior filing says %s; without it %s",
             row->label, rb->concept->qname,
             rb->general ? rb->general->qname : "no standard concept fits");
    }
    diag(b, R2X_SEV_NOTE, 0, "the prior filing %s bound %zu lines (%zu by its figures, %zu by "
         "its labels); %zu of them differ from what the binding would have chosen without it",
         prior_name(b->o->prior), bound, bound - by_label, by_label, disagreed);
}

int facts_build(const r2x_tableset *set, const fact_options *o, factset **out,
                size_t *unmapped, size_t *failed_sums, size_t *nerrors, r2x_error *err)
{
    *out = NULL;
    factset *fs = calloc(1, sizeof *fs);
    if (!fs || !(fs->context_ids = xml_hash_new(64)) || !(fs->ids = xml_hash_new(64)) ||
        !(fs->fact_keys = xml_hash_new(1024))) {
        if (fs) {
            xmlHashFree(fs->context_ids, NULL);
            xmlHashFree(fs->ids, NULL);
            free(fs);
        }
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&fs->facts, R2X_BUF_NOCAP);
    buf_init(&fs->contexts, R2X_BUF_NOCAP);
    buf_init(&fs->rows, R2X_BUF_NOCAP);
    buf_init(&fs->sums, R2X_BUF_NOCAP);
    buf_init(&fs->sum_items, R2X_BUF_NOCAP);
    build b = {o, fs, 0, 0, 0};
    bind_options bo = {o->tax, o->map, o->labels, o->profile, o->ext_prefix, o->prior};
    int rc = bind_new(set, &bo, &fs->binding, err);
    if (rc) {
        factset_free(fs);
        return rc;
    }
    if (o->prior)
        report_prior(&b, fs->binding);
    const r2x_fiscal_calendar *cal = r2x_profile_calendar(o->profile);
    for (size_t i = 0; i < set->ntables && !rc; i++) {
        const r2x_table *t = &set->tables[i];
        int transposed_reported = 0;
        for (size_t r = 0; r < t->nrows && !rc; r++) {
            const r2x_row *row = &t->rows[r];
            if (!row->label || !row->nvalues)
                continue;
            if (label_is_period(row->label, cal)) {
                if (!transposed_reported++ && t->statement != R2X_STMT_OTHER)
                    diag(&b, R2X_SEV_WARNING, row->line, "the table at line %ld has its "
                         "periods in its rows ('%s'); such tables are not converted",
                         SRC(&b, t->first_line), row->label);
                continue;
            }
            rc = map_row(&b, t, r, fs->binding);
            if (!rc && t->statement == R2X_STMT_BALANCE_SHEET)
                rc = paren_facts(&b, t, row);
        }
        if (!rc)
            rc = check_sums(&b, t);
    }
    if (rc) {
        factset_free(fs);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    if (unmapped)
        *unmapped = b.unmapped;
    if (failed_sums)
        *failed_sums = b.failed_sums;
    if (nerrors)
        *nerrors = b.nerrors;
    *out = fs;
    return R2X_OK;
}
