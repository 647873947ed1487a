/* facts.c - map table rows to facts; contexts, duplicates and sum checks. */
#include "facts.h"

#include <libxml/hash.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "document.h"
#include "error.h"
#include "periods.h"
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
};

typedef struct build {
    const fact_options *o;
    factset *fs;
    size_t nerrors, unmapped, failed_sums;
    int expenses_negative;    /* the current table prints its costs negative */
    const char *position;     /* where a balance-sheet row stands: "current assets", ... */
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
    r2x_strlcpy(e.file, b->o->doc ? r2x_document_name(b->o->doc) : "", sizeof e.file);
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

r2x_decimal decimal_round(r2x_decimal v, int decimals)
{
    /* keep digits down to 10^-decimals */
    int drop = -decimals - v.exp;
    if (drop <= 0)
        return v;
    if (drop > 18) {
        r2x_decimal z = {0, -decimals};
        return z;
    }
    int64_t p = 1;
    for (int i = 0; i < drop; i++)
        p *= 10;
    int64_t q = v.coef / p, r = v.coef % p;
    if (r >= p / 2 + (p % 2))
        q++;
    else if (-r >= p / 2 + (p % 2))
        q--;
    r2x_decimal out = {q, -decimals};
    return out;
}

r2x_decimal decimal_truncate(r2x_decimal v, int decimals)
{
    int drop = -decimals - v.exp;
    if (drop <= 0)
        return v;
    r2x_decimal out = {0, -decimals};
    if (drop > 18)
        return out;
    int64_t p = 1;
    for (int i = 0; i < drop; i++)
        p *= 10;
    out.coef = v.coef / p;     /* C division truncates toward zero */
    return out;
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
    r2x_strlcpy(c.id, id, sizeof c.id);
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

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Does the figure's unit suit the concept's type? */
static int unit_fits(const concept *c, const r2x_unit *u)
{
    const char *t = c->type;
    if (ends_with(t, ":monetaryItemType"))
        return u->kind == R2X_UNIT_CURRENCY;
    if (ends_with(t, ":perShareItemType"))
        return u->kind == R2X_UNIT_PER_SHARE;
    if (ends_with(t, ":sharesItemType"))
        return u->kind == R2X_UNIT_SHARES ||
               (u->kind == R2X_UNIT_OTHER && !strcmp(u->measure, "ADS"));
    if (ends_with(t, ":percentItemType") || ends_with(t, ":pureItemType"))
        return u->kind == R2X_UNIT_PURE;
    if (ends_with(t, ":decimalItemType") || ends_with(t, ":integerItemType"))
        return u->kind != R2X_UNIT_CURRENCY && u->kind != R2X_UNIT_PER_SHARE;
    return 0;
}

/* ---- Facts --------------------------------------------------------------- */

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
            diag(b, R2X_SEV_ERROR, f->line,
                 "%s in context %s is %s at line %ld but %s at line %ld; they disagree "
                 "at the precision of the rougher one (the value of line %ld is written)",
                 f->concept->qname, factset_context(b->fs, f->context)->id, v1,
                 SRC(b, precise->line), v2, SRC(b, rough->line), SRC(b, have->line));
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

/* Try "title > label", "section > label", then the label alone: the same
 * words ("Total", a segment's name) mean different things in different
 * sections and tables. */
/* The same words ("Total", a segment's name) mean different things in
 * different sections and tables: entries may name the table title or the
 * section heading ("Systems integration: > Total"). */
static const map_entry *match_row(build *b, const r2x_table *t, const char *section,
                                  const char *label)
{
    char norm[512], qt[1100], qs[1100], head[512];
    label_normalize(label, norm, sizeof norm);
    const char *forms[3] = {norm, NULL, NULL};
    size_t n = 1;
    if (t->title) {
        label_normalize(t->title, head, sizeof head);
        snprintf(qt, sizeof qt, "%s > %s", head, norm);
        forms[n++] = qt;
    }
    if (section) {
        label_normalize(section, head, sizeof head);
        snprintf(qs, sizeof qs, "%s > %s", head, norm);
        forms[n++] = qs;
    }
    const map_entry *e = mapping_match(b->o->map, t->statement, forms, n);
    /* A qualified pattern is the more specific: the label under its
     * section ("Revenues: > Advertising"), title, or place in the balance
     * sheet ("noncurrent liabilities > Deferred revenue") goes before the
     * label alone from the same table; a company overlay still comes first. */
    char qp[600];
    const char *qforms[4] = {"", NULL, NULL, NULL};
    size_t nq = 1;
    for (size_t i = 1; i < n; i++)
        qforms[nq++] = forms[i];
    if (t->statement == R2X_STMT_BALANCE_SHEET) {
        snprintf(qp, sizeof qp, "position %s > %s", b->position ? b->position : "current assets",
                 norm);
        qforms[nq++] = qp;
    }
    if (nq > 1) {
        const map_entry *qe = mapping_match(b->o->map, t->statement, qforms, nq);
        if (qe && (!e || !strcmp(e->file, qe->file)))
            return qe;
    }
    return e;
}

/* Where the rows after this one stand in a balance sheet: "current assets"
 * until "Total current assets", "noncurrent assets" until "Total assets",
 * then the liabilities likewise, then "equity".  Mapping patterns may name
 * the place ("position noncurrent liabilities > deferred income taxes"). */
static const char *position_after(const build *b, const r2x_table *t, const r2x_row *row)
{
    if (t->statement != R2X_STMT_BALANCE_SHEET || !row->label)
        return b->position;
    const char *pos = b->position ? b->position : "current assets";
    char norm[512];
    label_normalize(row->label, norm, sizeof norm);
    int liabilities = !strcmp(pos, "current liabilities") || !strcmp(pos, "noncurrent liabilities");
    if (!strcmp(pos, "equity"))
        return pos;
    if (!strncmp(norm, "total current ", 14))
        return strstr(norm, "liabilit") ? "noncurrent liabilities" : "noncurrent assets";
    if (!strcmp(norm, "total assets"))
        return "current liabilities";
    if (liabilities && (!strncmp(norm, "total liabilities", 17) ||
                        (!row->nvalues && strstr(norm, "equity") && !strstr(norm, "liabilit"))))
        return "equity";
    if (!row->nvalues && !strncmp(norm, "liabilities", 11))
        return "current liabilities";
    return pos;
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

/* Expenses printed negative: an income statement that prints its costs in
 * parentheses ("Costs of revenues (5,921)"), or a cost alone printed so
 * ("Income tax expense (32)"), means positive amounts of debit concepts such
 * as CostOfRevenue; the sign of the concept, not the print, is written. */
static int row_all_negative(const r2x_table *t, const r2x_row *row)
{
    int neg = 0;
    for (size_t k = 0; k < row->nvalues; k++) {
        if (t->columns[row->values[k].column].role != R2X_COL_AMOUNT)
            continue;
        if (row->values[k].value.coef > 0)
            return 0;
        if (row->values[k].value.coef < 0)
            neg = 1;
    }
    return neg;
}

static int debit_as_printed(const map_entry *e)
{
    return e && !e->negate && e->concept->balance == BALANCE_DEBIT;
}

/* A label-only row heads the rows below it when it ends with ':'
 * ("Revenues:"), is in capitals ("FINANCING ACTIVITIES") or the row below is
 * indented under it ("Basic" over "  Earnings per share"). */
static int is_section_heading(const r2x_table *t, size_t r)
{
    const r2x_row *row = &t->rows[r];
    if (!row->label || row->nvalues || !row->label[0])
        return 0;
    if (row->label[strlen(row->label) - 1] == ':')
        return 1;
    int upper = 0, lower = 0;
    for (const char *p = row->label; *p; p++) {
        upper += *p >= 'A' && *p <= 'Z';
        lower += *p >= 'a' && *p <= 'z';
    }
    if (upper >= 2 && !lower)
        return 1;
    return r + 1 < t->nrows && t->rows[r + 1].label && t->rows[r + 1].indent > row->indent;
}

static int table_prints_expenses_negative(build *b, const r2x_table *t)
{
    if (t->statement != R2X_STMT_INCOME)
        return 0;
    size_t debit = 0, negative = 0;
    const char *section = NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        if (is_section_heading(t, r))
            section = row->label;
        if (!row->label || !row->nvalues)
            continue;
        if (!debit_as_printed(match_row(b, t, section, row->label)))
            continue;
        debit++;
        negative += (size_t)row_all_negative(t, row);
    }
    return debit >= 2 && negative * 3 >= debit * 2;
}

static int map_row(build *b, const r2x_table *t, const char *section, const r2x_row *row,
                   const char *block)
{
    const map_entry *e = NULL;
    if (block) {
        /* read as "Basic discontinued operations" first */
        char both[600];
        snprintf(both, sizeof both, "%s %s", block, row->label);
        e = match_row(b, t, section, both);
    }
    if (!e)
        e = match_row(b, t, section, row->label);
    int flip = t->statement == R2X_STMT_INCOME && debit_as_printed(e) &&
               (b->expenses_negative || row_all_negative(t, row));
    row_mapping rm = {t, row, e, 0, e && (e->negate || flip)};
    if (!e && t->statement != R2X_STMT_OTHER) {
        rm.reported = 1;
        b->unmapped++;
        diag(b, R2X_SEV_WARNING, row->line, "unmapped line item '%s'", row->label);
    }
    if (buf_add(&b->fs->rows, &rm, sizeof rm))
        return R2X_ENOMEM;
    if (!e)
        return R2X_OK;
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
        if (e->concept->period_type == R2X_PERIOD_INSTANT && p.kind == R2X_PERIOD_DURATION) {
            /* "Cash ... beginning of the period" is the instant before the
             * duration starts; other instants in a flow column are its end */
            if (contains_word_ci(row->label, "beginning"))
                p.end = date_add_days(p.start, -1);
            p.kind = R2X_PERIOD_INSTANT;
            memset(&p.start, 0, sizeof p.start);
        } else if (e->concept->period_type == R2X_PERIOD_DURATION &&
                   p.kind == R2X_PERIOD_INSTANT) {
            diag(b, R2X_SEV_ERROR, row->line, "'%s' maps to %s, a duration concept, but its "
                 "column is an instant (%s:%ld)", row->label, e->concept->qname, e->file,
                 e->line);
            continue;
        }
        if (!unit_fits(e->concept, &v->unit)) {
            char u[40];
            r2x_unit_format(&v->unit, u);
            diag(b, R2X_SEV_WARNING, row->line, "'%s' is in %s, which does not suit %s (%s); "
                 "no fact is written for it", v->text, u[0] ? u : "no unit",
                 e->concept->qname, e->concept->type);
            continue;
        }
        fact f;
        memset(&f, 0, sizeof f);
        f.concept = e->concept;
        f.unit = v->unit;
        f.value = v->value;
        if (e->negate || flip)
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

static const r2x_value *value_in(const r2x_row *r, int column)
{
    for (size_t k = 0; k < r->nvalues; k++)
        if (r->values[k].column == column)
            return &r->values[k];
    return NULL;
}

/* "Less allowance for uncollectible accounts  31" is subtracted. */
static int label_subtracts(const char *label)
{
    return label && !strncasecmp(label, "less ", 5);
}

/* A value as it adds into a sum: negated on a "Less ..." line. */
static int addend(const r2x_table *t, size_t r, int column, r2x_decimal *out)
{
    const r2x_value *v = value_in(&t->rows[r], column);
    if (!v)
        return 0;
    *out = v->value;
    if (label_subtracts(t->rows[r].label))
        out->coef = -out->coef;
    return 1;
}

/* Rows start..n-1 of items add up to the total row in every amount column
 * but col (already checked); the first column that does not is returned,
 * -1 when all do. */
static int other_columns_disagree(const r2x_table *t, const r2x_row *row, const size_t *items,
                                  size_t start, size_t n, int col, r2x_decimal *got)
{
    for (size_t k = 0; k < row->nvalues; k++) {
        const r2x_value *tv = &row->values[k];
        int role = t->columns[tv->column].role;
        if (tv->column == col || (role != R2X_COL_AMOUNT && role != R2X_COL_CONVENIENCE))
            continue;
        r2x_decimal sum = {0, 0}, d;
        for (size_t j = start; j < n; j++)
            if (addend(t, items[j], tv->column, &d))
                r2x_decimal_add(sum, d, &sum);
        if (r2x_decimal_cmp(sum, tv->value) != 0) {
            *got = sum;
            return (int)k;
        }
    }
    return -1;
}

/* Keep a total that added up, with its items and their printed signs. */
static int record_sum(build *b, const r2x_table *t, size_t total, const size_t *rows, size_t n)
{
    checked_sum cs = {t, total, b->fs->sum_items.len / sizeof(sum_item), n};
    for (size_t j = 0; j < n; j++) {
        sum_item it = {rows[j], label_subtracts(t->rows[rows[j]].label) ? -1 : 1};
        if (buf_add(&b->fs->sum_items, &it, sizeof it))
            return R2X_ENOMEM;
    }
    return buf_add(&b->fs->sums, &cs, sizeof cs);
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
        const r2x_value *total = col >= 0 ? value_in(row, col) : NULL;
        if (total && total->unit.kind != R2X_UNIT_CURRENCY) {
            /* "Total common shares outstanding" under amounts of money is
             * not a sum of them */
            int same = 0;
            for (size_t j = 0; j < n && !same; j++) {
                const r2x_value *v = value_in(&t->rows[items[j]], col);
                same = v && v->unit.kind == total->unit.kind;
            }
            if (!same) {
                items[n++] = r;
                continue;
            }
        }
        size_t start = n, first_start = n;
        int found = 0, candidate = 0;
        if (total) {
            r2x_decimal sum = {0, 0}, d;
            for (size_t j = n; j-- > 0;) {
                if (addend(t, items[j], col, &d) && r2x_decimal_add(sum, d, &sum))
                    break;
                if (n - j >= 2 && r2x_decimal_cmp(sum, total->value) == 0) {
                    r2x_decimal got;
                    if (!candidate) {
                        candidate = 1;
                        first_start = j;
                    }
                    /* a nil line may or may not belong to the run: take
                     * the run every column agrees on */
                    if (other_columns_disagree(t, row, items, j, n, col, &got) < 0) {
                        start = j;
                        found = 1;
                        break;
                    }
                }
            }
        }
        int failed = 0;
        if (!found && candidate) {
            failed = 1;
            start = first_start;
            r2x_decimal got;
            int k = other_columns_disagree(t, row, items, start, n, col, &got);
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
        if (found && !failed && record_sum(b, t, r, items + start, n - start)) {
            free(items);
            return R2X_ENOMEM;
        }
        if (found) {
            n = start;
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
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&fs->facts, R2X_BUF_NOCAP);
    buf_init(&fs->contexts, R2X_BUF_NOCAP);
    buf_init(&fs->rows, R2X_BUF_NOCAP);
    buf_init(&fs->sums, R2X_BUF_NOCAP);
    buf_init(&fs->sum_items, R2X_BUF_NOCAP);
    build b = {o, fs, 0, 0, 0, 0, NULL};
    const char *next_position = NULL;
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        const char *section = NULL;
        const r2x_fiscal_calendar *cal = r2x_profile_calendar(o->profile);
        int transposed_reported = 0;
        b.expenses_negative = table_prints_expenses_negative(&b, t);
        /* a table continued from the one before goes on from its place */
        if (!t->continues)
            next_position = NULL;
        const char *per_share_block = NULL;
        for (size_t r = 0; r < t->nrows; r++) {
            const r2x_row *row = &t->rows[r];
            /* a row maps by where it stands; a total moves the rows after it */
            b.position = next_position;
            next_position = position_after(&b, t, row);
            if (is_section_heading(t, r))
                section = row->label;       /* "Systems integration:" */
            if (!row->label || !row->nvalues)
                continue;
            if (label_is_period(row->label, cal)) {
                if (!transposed_reported++ && t->statement != R2X_STMT_OTHER)
                    diag(&b, R2X_SEV_WARNING, row->line, "the table at line %ld has its "
                         "periods in its rows ('%s'); such tables are not converted",
                         SRC(&b, t->first_line), row->label);
                continue;
            }
            /* "Basic income per share before ..." opens a block of per-share
             * lines ("Discontinued operations") that are basic too */
            const char *block = NULL;
            if (row->nvalues && row->values[0].unit.kind == R2X_UNIT_PER_SHARE) {
                if (!strncasecmp(row->label, "basic ", 6))
                    per_share_block = "Basic";
                else if (!strncasecmp(row->label, "diluted ", 8))
                    per_share_block = "Diluted";
                else
                    block = per_share_block;
            } else {
                per_share_block = NULL;
            }
            if (map_row(&b, t, section, row, block)) {
                factset_free(fs);
                return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
            }
        }
        if (check_sums(&b, t)) {
            factset_free(fs);
            return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        }
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
