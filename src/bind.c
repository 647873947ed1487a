/*
 * bind.c - each statement row bound to a concept and a sign (see bind.h).
 *
 * For each row with figures of an income statement, balance sheet or
 * cash-flow statement:
 *   1. candidates: the mapping tables' entry (qualified by title, section
 *      and place first), then the label table's concepts;
 *   2. each weighed by fit: the unit of the row's figures against the
 *      concept's type, the period of its columns against its period type,
 *      its place in the statement (current or not; operating, investing,
 *      financing) against what the concept is, a total against a total;
 *   3. then by structure: the rows under a printed total favour the
 *      calculation children of the total's concept, and the total the
 *      concept its rows sum to;
 *   4. the best candidate wins if it is good enough; otherwise the row
 *      becomes an extension concept of the company.
 * Other tables (summaries, segments) bind through the mapping tables only,
 * as a company's overlay says.
 */
#include "bind.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "periods.h"

#define MAX_CANDIDATES 12
#define WORDS_WITH_STRUCTURE 0.7  /* the least word overlap the arithmetic can confirm */
#define GOOD_ENOUGH 0.30      /* a label candidate below this is no better than a guess */
#define MAP_SCORE 1.0         /* a mapping table entry that fits comes first: it says what
                               * data cannot teach */

struct binding {
    r2x_buf binds;            /* row_bind[] */
    const r2x_tableset *set;
    size_t *first;            /* [ntables + 1]: each table's first bind, by row order */
};

const char *bind_source_name(int source)
{
    switch (source) {
    case BIND_MAP: return "mapping";
    case BIND_LABELS: return "labels";
    case BIND_EXTENSION: return "extension";
    }
    return "none";
}

/* ---- What a row is --------------------------------------------------------- */

typedef struct row_facts {
    int period_kind;          /* R2X_PERIOD_INSTANT or DURATION of its columns, NONE mixed */
    int unit_kind;            /* R2X_UNIT_* of its figures */
    r2x_unit unit;            /* the first figure's */
    int all_negative;         /* every non-zero amount is printed negative */
    int some_negative;
    int statement;
} row_facts;

static int amount_role(int role)
{
    return role == R2X_COL_AMOUNT || role == R2X_COL_CONVENIENCE;
}

static void row_facts_of(const r2x_table *t, const r2x_row *row, row_facts *f)
{
    memset(f, 0, sizeof *f);
    f->statement = t->statement;
    int neg = 0, pos = 0;
    for (size_t k = 0; k < row->nvalues; k++) {
        const r2x_value *v = &row->values[k];
        const r2x_column *c = &t->columns[v->column];
        if (!amount_role(c->role))
            continue;
        if (!f->unit_kind) {
            f->unit_kind = v->unit.kind;
            f->unit = v->unit;
        }
        if (c->period.kind != R2X_PERIOD_NONE)
            f->period_kind = !f->period_kind || f->period_kind == c->period.kind
                                 ? c->period.kind : -1;
        neg += v->value.coef < 0;
        pos += v->value.coef > 0;
    }
    if (f->period_kind < 0)
        f->period_kind = R2X_PERIOD_NONE;
    f->all_negative = neg && !pos;
    f->some_negative = neg > 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

int bind_unit_fits(const concept *c, const r2x_unit *u)
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


static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; p && *p; p++)
        if (!strncasecmp(p, needle, n))
            return 1;
    return 0;
}

static const char *local_name(const concept *c)
{
    const char *colon = strchr(c->qname, ':');
    return colon ? colon + 1 : c->qname;
}

/* "Cash and cash equivalents at beginning of period" in a column of a
 * duration: an instant concept is right there. */
static int instant_in_flow(const r2x_row *row)
{
    return contains_ci(row->label, "beginning") || contains_ci(row->label, "end of");
}

/* A concept whose figures may be either sign by nature: results, gains and
 * losses, changes, net flows. */
static int either_sign(const concept *c)
{
    static const char *const parts[] = {
        "IncomeLoss", "GainLoss", "IncreaseDecrease", "ProvidedByUsedIn", "ProfitLoss",
        "IncomeExpense", "EffectOfExchangeRate", "RetainedEarningsAccumulatedDeficit",
        "AccumulatedOtherComprehensiveIncome", "EarningsPerShare", "PerBasicShare",
        "PerDilutedShare", "ComprehensiveIncome", "StockholdersEquity", "ExpenseBenefit",
        "PaymentsForProceeds", "ProceedsFromPayments", "PaidReceived", "ProceedsFromRepayments",
        "NetOfTax", NULL};
    const char *n = local_name(c);
    for (size_t i = 0; parts[i]; i++)
        if (strstr(n, parts[i]))
            return 1;
    return 0;
}

/* ---- Calculation weights ---------------------------------------------------- */

/* The product of the calculation weights on the shortest path up from c to
 * one of roots (local names), 0 when none is reached within a few steps,
 * through the statement networks whose role names network only (a gain
 * is in net income, which is in the cash from operations, but is no
 * adjustment of it). */
static int weight_to(const taxonomy *tax, const concept *c, const char *const *roots,
                     const char *network)
{
    enum { QUEUE = 128, DEPTH = 6 };
    const concept *queue[QUEUE];
    int weight[QUEUE], depth[QUEUE];
    size_t head = 0, tail = 0;
    queue[tail] = c;
    weight[tail] = 1;
    depth[tail++] = 0;
    while (head < tail) {
        const concept *at = queue[head];
        int w = weight[head], d = depth[head++];
        for (size_t i = 0; roots[i]; i++)
            if (!strcmp(local_name(at), roots[i]))
                return w;
        if (d == DEPTH)
            continue;
        const taxonomy_arc *arcs;
        size_t n = taxonomy_calc_parents(tax, at, &arcs);
        for (size_t k = 0; k < n && tail < QUEUE; k++) {
            if (!strstr(arcs[k].role, network))
                continue;
            int seen = 0;
            for (size_t j = 0; j < tail && !seen; j++)
                seen = queue[j] == arcs[k].parent;
            if (seen)
                continue;
            queue[tail] = arcs[k].parent;
            weight[tail] = w * arcs[k].weight;
            depth[tail++] = d + 1;
        }
    }
    return 0;
}

#define INCOME_NETWORK "/statement/StatementOfIncome"
#define BALANCE_NETWORK "/statement/StatementOfFinancialPosition"
#define CASH_FLOW_NETWORK "/statement/StatementOfCashFlows"

static const char *const income_roots[] = {
    "NetIncomeLoss", "ProfitLoss", "IncomeLossFromContinuingOperations",
    "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
    "OperatingIncomeLoss", "GrossProfit", NULL};
static const char *const operating_roots[] = {
    "NetCashProvidedByUsedInOperatingActivities",
    "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations", NULL};
static const char *const investing_roots[] = {
    "NetCashProvidedByUsedInInvestingActivities",
    "NetCashProvidedByUsedInInvestingActivitiesContinuingOperations", NULL};
static const char *const financing_roots[] = {
    "NetCashProvidedByUsedInFinancingActivities",
    "NetCashProvidedByUsedInFinancingActivitiesContinuingOperations", NULL};
static const char *const balance_roots[] = {
    "Assets", "LiabilitiesAndStockholdersEquity", "Liabilities", "StockholdersEquity",
    "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", NULL};

/* The weight of c in its statement's result: +1 adds, -1 subtracts, 0 not
 * known. */
static int statement_weight(const taxonomy *tax, const r2x_row *row, int statement,
                            const concept *c)
{
    switch (statement) {
    case R2X_STMT_INCOME:
        return weight_to(tax, c, income_roots, INCOME_NETWORK);
    case R2X_STMT_BALANCE_SHEET:
        return weight_to(tax, c, balance_roots, BALANCE_NETWORK);
    case R2X_STMT_CASH_FLOWS:
        /* within a section, its net cash; supplemental lines add to nothing */
        if (row->position == R2X_POS_OPERATING)
            return weight_to(tax, c, operating_roots, CASH_FLOW_NETWORK);
        if (row->position == R2X_POS_INVESTING)
            return weight_to(tax, c, investing_roots, CASH_FLOW_NETWORK);
        if (row->position == R2X_POS_FINANCING)
            return weight_to(tax, c, financing_roots, CASH_FLOW_NETWORK);
        return 0;
    }
    return 0;
}

/* ---- Signs ------------------------------------------------------------------- */

/* "Income tax benefit/(expense)": the label names first what the concept
 * counts negative. */
static int label_inverts(const concept *c, const char *label)
{
    if (strcmp(local_name(c), "IncomeTaxExpenseBenefit"))
        return 0;
    const char *b = NULL, *e = NULL;
    for (const char *p = label; *p; p++) {
        if (!b && !strncasecmp(p, "benefit", 7))
            b = p;
        if (!e && (!strncasecmp(p, "expense", 7) || !strncasecmp(p, "provision", 9)))
            e = p;
    }
    return b && (!e || b < e);
}

typedef struct sign_ctx {
    const taxonomy *tax;
    int expenses_negative;    /* the income statement prints its costs in parentheses */
} sign_ctx;

/* A gain or loss adjusting net income in the operating section: a gain is
 * taken out (as the taxonomy's own cash-flow calculations weigh it).  A net
 * payment or receipt counts the way its name reads first. */
static int cash_flow_name_weight(const r2x_row *row, const concept *c)
{
    const char *n = local_name(c);
    if (row->position == R2X_POS_OPERATING &&
        (strstr(n, "GainLoss") || strstr(n, "GainsLosses") ||
         (strstr(n, "IncomeLoss") && strncmp(n, "NetIncomeLoss", 13))))
        return -1;
    if (!strncmp(n, "PaymentsForProceeds", 19) || strstr(n, "PaidReceived"))
        return -1;
    if (!strncmp(n, "ProceedsFrom", 12))
        return 1;
    return 0;
}

static int choose_sign(const sign_ctx *s, const r2x_table *t, const r2x_row *row,
                       const concept *c, const map_entry *e, const char **rule)
{
    row_facts f;
    row_facts_of(t, row, &f);
    if (label_inverts(c, row->label)) {
        *rule = "the label names the benefit first: printed positive is a benefit";
        return -1;
    }
    if (e && e->company) {
        *rule = e->negate ? "the company's mapping negates it" : "the company's mapping: as printed";
        return e->negate ? -1 : 1;
    }
    /* a concept that is positive by nature (a cost, a payment, an asset)
     * printed negative in every period is printed as a deduction: its facts
     * are the amounts.  Mixed signs are real (a provision, then a reversal);
     * so are eliminations. */
    if (!either_sign(c) && !contains_ci(row->label, "elimination")) {
        *rule = f.all_negative ? "positive by nature, printed as a deduction"
                               : "positive by nature: as printed";
        return f.all_negative ? -1 : 1;
    }
    int w = statement_weight(s->tax, row, t->statement, c);
    if (e && e->negate) {
        *rule = "the mapping table negates it";
        return -1;
    }
    if (t->statement == R2X_STMT_CASH_FLOWS) {
        if (!w)
            w = cash_flow_name_weight(row, c);
        if (w) {
            *rule = w < 0 ? "it subtracts from net cash (calculation weight -1)"
                          : "it adds to net cash";
            return w;
        }
    }
    if (w < 0 && (f.all_negative || (s->expenses_negative && f.some_negative))) {
        *rule = "the statement prints what it subtracts in parentheses";
        return -1;
    }
    *rule = "as printed";
    return 1;
}

/* ---- Candidates ---------------------------------------------------------------- */

typedef struct cand {
    const concept *concept;
    const map_entry *entry;
    double score;
    int source;
    char why[120];
} cand;

typedef struct binder {
    const bind_options *o;
    const r2x_table *t;
    const char *section;      /* the section heading the row stands under */
    const char *block;        /* "Basic" over a run of per-share lines */
    sign_ctx sign;
} binder;

static const char *position_words(int position)
{
    switch (position) {
    case R2X_POS_CURRENT_ASSETS: return "current assets";
    case R2X_POS_NONCURRENT_ASSETS: return "noncurrent assets";
    case R2X_POS_CURRENT_LIABILITIES: return "current liabilities";
    case R2X_POS_NONCURRENT_LIABILITIES: return "noncurrent liabilities";
    case R2X_POS_EQUITY: return "equity";
    }
    return "current assets";
}

/* The mapping tables' entry for a label: qualified forms ("title > label",
 * "section > label", "position noncurrent liabilities > label") before the
 * label alone from the same table; a company overlay still comes first. */
static const map_entry *map_match(const binder *b, const r2x_row *row, const char *label)
{
    const r2x_table *t = b->t;
    char norm[512], qt[1100], qs[1100], head[512], qp[600];
    label_normalize(label, norm, sizeof norm);
    const char *forms[3] = {norm, NULL, NULL};
    size_t n = 1;
    if (t->title) {
        label_normalize(t->title, head, sizeof head);
        snprintf(qt, sizeof qt, "%s > %s", head, norm);
        forms[n++] = qt;
    }
    if (b->section) {
        label_normalize(b->section, head, sizeof head);
        snprintf(qs, sizeof qs, "%s > %s", head, norm);
        forms[n++] = qs;
    }
    const map_entry *e = mapping_match(b->o->map, t->statement, forms, n);
    const char *qforms[4] = {"", NULL, NULL, NULL};
    size_t nq = 1;
    for (size_t i = 1; i < n; i++)
        qforms[nq++] = forms[i];
    if (t->statement == R2X_STMT_BALANCE_SHEET) {
        snprintf(qp, sizeof qp, "position %s > %s", position_words(row->position), norm);
        qforms[nq++] = qp;
    }
    if (nq > 1) {
        const map_entry *qe = mapping_match(b->o->map, t->statement, qforms, nq);
        if (qe && (!e || !strcmp(e->file, qe->file)))
            return qe;
    }
    return e;
}

/* Where a concept belongs against where the row stands: 1 fits, 0.5 does
 * not, 0.8 unknown. */
static double place_fit(const r2x_row *row, const label_candidate *lc, const concept *c)
{
    const char *n = local_name(c);
    int noncurrent = strstr(n, "Noncurrent") != NULL;
    int current = !noncurrent && strstr(n, "Current") != NULL;
    switch (row->position) {
    case R2X_POS_CURRENT_ASSETS:
    case R2X_POS_CURRENT_LIABILITIES:
        return noncurrent ? 0.5 : current ? 1 : 0.85;
    case R2X_POS_NONCURRENT_ASSETS:
    case R2X_POS_NONCURRENT_LIABILITIES:
        return current ? 0.5 : noncurrent ? 1 : 0.9;
    case R2X_POS_OPERATING:
    case R2X_POS_INVESTING:
    case R2X_POS_FINANCING: {
        const char *want = row->position == R2X_POS_OPERATING ? "operating"
                           : row->position == R2X_POS_INVESTING ? "investing" : "financing";
        if (lc && lc->section)
            return contains_ci(lc->section, want) ? 1 : contains_ci(lc->section, "activit")
                                                            ? 0.6 : 0.85;
        return 0.85;
    }
    }
    return 1;
}

/* A cash-flow concept belongs to the section whose net cash it adds into:
 * a change in payables is no investing line, and no line of the flows is a
 * supplemental or non-cash disclosure. 1 fits or not known, 0 does not. */
static int cash_flow_place_fits(const binder *b, const r2x_row *row, const concept *c)
{
    if (b->t->statement != R2X_STMT_CASH_FLOWS)
        return 1;
    static const char *const *const sections[] = {operating_roots, investing_roots,
                                                  financing_roots};
    static const int positions[] = {R2X_POS_OPERATING, R2X_POS_INVESTING, R2X_POS_FINANCING};
    int in_any = 0, in_own = 0;
    for (size_t i = 0; i < 3; i++) {
        if (!weight_to(b->o->tax, c, sections[i], CASH_FLOW_NETWORK))
            continue;
        in_any = 1;
        in_own |= row->position == positions[i];
    }
    switch (row->position) {
    case R2X_POS_OPERATING:
    case R2X_POS_INVESTING:
    case R2X_POS_FINANCING:
        return !in_any || in_own;
    case R2X_POS_SUPPLEMENTAL:
        return !in_any;
    }
    return 1;
}

/* Does the statement's arithmetic place the concept where the row stands:
 * a cash-flow line's concept adds into its own section's net cash, an
 * income-statement line's into the result, a balance-sheet line's into
 * its totals? */
static int structure_supports(const binder *b, const r2x_row *row, const concept *c)
{
    const taxonomy *tax = b->o->tax;
    switch (b->t->statement) {
    case R2X_STMT_CASH_FLOWS:
        switch (row->position) {
        case R2X_POS_OPERATING: return weight_to(tax, c, operating_roots, CASH_FLOW_NETWORK) != 0;
        case R2X_POS_INVESTING: return weight_to(tax, c, investing_roots, CASH_FLOW_NETWORK) != 0;
        case R2X_POS_FINANCING: return weight_to(tax, c, financing_roots, CASH_FLOW_NETWORK) != 0;
        }
        return 0;
    case R2X_STMT_INCOME:
        return weight_to(tax, c, income_roots, INCOME_NETWORK) != 0;
    case R2X_STMT_BALANCE_SHEET:
        return weight_to(tax, c, balance_roots, BALANCE_NETWORK) != 0 && place_fit(row, NULL, c) >= 0.85;
    }
    return 0;
}

/* How well a concept suits a row: 0 not at all. */
static double fit(const binder *b, const r2x_row *row, const row_facts *f, const concept *c)
{
    if (c->abstract || c->kind != CONCEPT_ITEM)
        return 0;
    if (f->unit_kind && !bind_unit_fits(c, &f->unit))
        return 0;
    if (f->period_kind == R2X_PERIOD_INSTANT && c->period_type != R2X_PERIOD_INSTANT)
        return 0;
    if (f->period_kind == R2X_PERIOD_DURATION && c->period_type != R2X_PERIOD_DURATION &&
        !(b->t->statement == R2X_STMT_CASH_FLOWS && instant_in_flow(row)))
        return 0;
    return c->deprecated ? 0.6 : 1;
}

static void add_cand(cand *cs, size_t *n, const concept *c, const map_entry *e, double score,
                     int source, const char *why)
{
    for (size_t i = 0; i < *n; i++)
        if (cs[i].concept == c) {
            if (score > cs[i].score) {
                cs[i].score = score;
                cs[i].entry = e;
                cs[i].source = source;
                r2x_strlcpy(cs[i].why, why, sizeof cs[i].why);
            }
            return;
        }
    if (*n == MAX_CANDIDATES)
        return;
    cand *k = &cs[(*n)++];
    k->concept = c;
    k->entry = e;
    k->score = score;
    k->source = source;
    r2x_strlcpy(k->why, why, sizeof k->why);
}

static const char *match_name(int m)
{
    switch (m) {
    case LABEL_MATCH_EXACT: return "label";
    case LABEL_MATCH_STRIPPED: return "label without its parentheses";
    case LABEL_MATCH_HEAD: return "the label's head";
    }
    return "words in common";
}

static int gather(const binder *b, const r2x_row *row, cand *cs, size_t *n)
{
    row_facts f;
    row_facts_of(b->t, row, &f);
    *n = 0;
    const map_entry *e = NULL;
    if (b->block) {
        /* read as "Basic discontinued operations" first */
        char both[600];
        snprintf(both, sizeof both, "%s %s", b->block, row->label);
        e = map_match(b, row, both);
    }
    if (!e)
        e = map_match(b, row, row->label);
    /* two labels run together by extraction ("Research and development Total
     * cost and expenses"): the figures are the last one's */
    const char *tail = strstr(row->label, " Total ");
    if (tail)
        tail++;
    if (!e && tail)
        e = map_match(b, row, tail);
    if (e) {
        char why[120];
        snprintf(why, sizeof why, "%s:%ld", e->file, e->line);
        double ft = fit(b, row, &f, e->concept);
        if (!e->company && !cash_flow_place_fits(b, row, e->concept))
            ft = 0;
        add_cand(cs, n, e->concept, e, ft ? MAP_SCORE : 0.05, BIND_MAP, why);
    }
    int statement = b->t->statement;
    if (!b->o->labels || (statement != R2X_STMT_INCOME && statement != R2X_STMT_BALANCE_SHEET &&
                          statement != R2X_STMT_CASH_FLOWS))
        return R2X_OK;
    label_candidate lc[MAX_CANDIDATES];
    size_t nl = 0;
    char label[600];
    if (b->block && row->nvalues && row->values[0].unit.kind == R2X_UNIT_PER_SHARE)
        snprintf(label, sizeof label, "%s %s", b->block, row->label);
    else
        r2x_strlcpy(label, row->label, sizeof label);
    if (tail && !b->block)
        r2x_strlcpy(label, tail, sizeof label);
    if (labels_candidates(b->o->labels, label, statement, lc, MAX_CANDIDATES, &nl))
        return R2X_ENOMEM;
    for (size_t i = 0; i < nl; i++) {
        const concept *c = lc[i].concept;
        if (!c)
            continue;
        /* words in common only: a near match, or none ("Research and
         * development Total cost and expenses" is no R&D line) */
        double ft = fit(b, row, &f, c);
        if (!ft)
            continue;
        /* some words in common, where the statement's arithmetic places the
         * concept: a likely reading, below any closer one */
        if (lc[i].match == LABEL_MATCH_WORDS && lc[i].similarity < 0.85) {
            if (lc[i].similarity < WORDS_WITH_STRUCTURE || !structure_supports(b, row, c))
                continue;
            ft *= 0.9;
        }
        double s = lc[i].score * ft * place_fit(row, &lc[i], c) *
                   (cash_flow_place_fits(b, row, c) ? 1 : 0.5);
        if (row->is_total && lc[i].usage_total == 0)
            s *= 0.9;
        char why[120];
        snprintf(why, sizeof why, "%s '%s' (similarity %.2f, %d filings)",
                 match_name(lc[i].match), lc[i].matched ? lc[i].matched : "",
                 lc[i].similarity, lc[i].filings);
        add_cand(cs, n, c, NULL, s, BIND_LABELS, why);
    }
    return R2X_OK;
}

static int by_score_desc(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    int xm = x->source == BIND_MAP && x->score > 0.1, ym = y->source == BIND_MAP && y->score > 0.1;
    if (xm != ym)
        return xm ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->concept->qname, y->concept->qname);
}

/* ---- Extensions ---------------------------------------------------------------- */

/* A concept name from a label: "Advances and progress billings" ->
 * "AdvancesAndProgressBillings"; "&" is "And". */
static void name_from_label(const char *label, char *out, size_t size)
{
    size_t o = 0;
    int up = 1;
    for (const char *p = label; *p && o + 4 < size; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '&') {
            if (o + 4 < size) {
                memcpy(out + o, "And", 3);
                o += 3;
            }
            up = 1;
        } else if (isalnum(ch)) {
            if (!o && isdigit(ch))
                out[o++] = 'N';
            out[o++] = (char)(up ? toupper(ch) : ch);
            up = 0;
        } else if (ch != '\'' && ch < 0x80) {
            up = 1;
        }
    }
    if (!o)
        memcpy(out + o, "Line", 4), o += 4;
    out[o] = '\0';
}

static const char *type_for(int unit_kind)
{
    switch (unit_kind) {
    case R2X_UNIT_CURRENCY: return "xbrli:monetaryItemType";
    case R2X_UNIT_PER_SHARE: return "dtr-types:perShareItemType";
    case R2X_UNIT_SHARES: return "xbrli:sharesItemType";
    case R2X_UNIT_PURE: return "dtr-types:percentItemType";
    }
    return "xbrli:decimalItemType";
}

static int costlike(const char *label)
{
    static const char *const words[] = {"cost", "expense", "payment", "purchase", "repayment",
                                        "acquisition", "capital expenditure", "additions to",
                                        "dividends paid", "loss", NULL};
    for (size_t i = 0; words[i]; i++)
        if (contains_ci(label, words[i]))
            return 1;
    return 0;
}

static int make_extension(const binder *b, const r2x_row *row, const row_facts *f,
                          const concept **out, int *sign, const char **rule, r2x_error *err)
{
    *out = NULL;
    int pt = f->period_kind == R2X_PERIOD_INSTANT ||
                     (b->t->statement == R2X_STMT_CASH_FLOWS && instant_in_flow(row))
                 ? R2X_PERIOD_INSTANT : R2X_PERIOD_DURATION;
    if (b->t->statement == R2X_STMT_BALANCE_SHEET)
        pt = R2X_PERIOD_INSTANT;
    const char *type = type_for(f->unit_kind);
    int deduction = f->all_negative && costlike(row->label);
    int balance = BALANCE_NONE;
    if (!strcmp(type, "xbrli:monetaryItemType")) {
        if (b->t->statement == R2X_STMT_BALANCE_SHEET)
            balance = row->position == R2X_POS_CURRENT_ASSETS ||
                              row->position == R2X_POS_NONCURRENT_ASSETS
                          ? BALANCE_DEBIT
                          : row->position ? BALANCE_CREDIT : BALANCE_NONE;
        else if (b->t->statement == R2X_STMT_INCOME && (deduction || costlike(row->label)))
            balance = BALANCE_DEBIT;
    }
    *sign = deduction ? -1 : 1;
    *rule = deduction ? "a cost printed as a deduction" : "as printed";
    char name[128], qname[200];
    name_from_label(row->label, name, sizeof name);
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(qname, sizeof qname, "%s:%s", b->o->ext_prefix, name);
        else
            snprintf(qname, sizeof qname, "%s:%s%d", b->o->ext_prefix, name, k);
        const concept *have = taxonomy_find(b->o->tax, qname);
        if (!have)
            return taxonomy_add_extension(b->o->tax, qname, type, pt, balance, row->label, out,
                                          err);
        if (have->extension && have->period_type == pt && !strcmp(have->type, type) &&
            have->balance == balance) {
            *out = have;    /* the same line again (another table, another part) */
            return R2X_OK;
        }
    }
    return r2x_fail(err, R2X_EUSAGE, NULL, 0, "too many extension concepts named '%s'", name);
}

/* ---- One table ------------------------------------------------------------------- */

static int label_is_period(const char *label, const r2x_fiscal_calendar *cal)
{
    period_phrase pp[4];
    size_t n = period_scan(label, cal, pp, 4);
    size_t covered = 0;
    for (size_t i = 0; i < n; i++)
        covered += pp[i].end - pp[i].start;
    return n && covered * 10 >= strlen(label) * 7;
}

static int statement_table(const r2x_table *t)
{
    return t->statement == R2X_STMT_INCOME || t->statement == R2X_STMT_BALANCE_SHEET ||
           t->statement == R2X_STMT_CASH_FLOWS;
}

/* An income statement that prints its costs in parentheses: most of the
 * rows whose concepts subtract from the result are printed negative. */
static int prints_expenses_negative(const binder *b, const row_bind *rb, size_t n)
{
    size_t debit = 0, negative = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rb[i].concept || either_sign(rb[i].concept))
            continue;
        const r2x_row *row = &b->t->rows[rb[i].row];
        if (statement_weight(b->o->tax, row, R2X_STMT_INCOME, rb[i].concept) >= 0)
            continue;
        row_facts f;
        row_facts_of(b->t, row, &f);
        debit++;
        negative += (size_t)f.all_negative;
    }
    return debit >= 2 && negative * 3 >= debit * 2;
}

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

/* Is c a calculation child of parent, in any network? */
static int calc_child(const taxonomy *tax, const concept *parent, const concept *c)
{
    const taxonomy_arc *arcs;
    size_t n = taxonomy_calc_children(tax, parent, &arcs);
    for (size_t i = 0; i < n; i++)
        if (arcs[i].child == c)
            return 1;
    return 0;
}

/* "Net income" is the company's (NetIncomeLoss) when the statement shows
 * no noncontrolling interest; ProfitLoss includes it. */
static const concept *prefer_current(const binder *b, const concept *c)
{
    if (strcmp(c->qname, "us-gaap:ProfitLoss"))
        return c;
    for (size_t r = 0; r < b->t->nrows; r++)
        if (contains_ci(b->t->rows[r].label, "noncontrolling") ||
            contains_ci(b->t->rows[r].label, "minority"))
            return c;
    const concept *n = taxonomy_find(b->o->tax, "us-gaap:NetIncomeLoss");
    return n ? n : c;
}

typedef struct row_cands {
    cand c[MAX_CANDIDATES];
    size_t n;
} row_cands;

static int good_enough(const cand *c)
{
    return c->source == BIND_MAP ? c->score > 0.1 : c->score >= GOOD_ENOUGH;
}

/* A statement shows a concept on one line: when the label table gives two
 * rows of a table the same concept, the row it fits less takes its next
 * candidate no other row has, or none.  (Mapping table entries are the
 * company's word and may repeat: a subtotal printed twice.) */
static void one_row_a_concept(const row_cands *rc, int *pick, size_t n)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (pick[i] < 0 || rc[i].c[pick[i]].source != BIND_LABELS)
                continue;
            const cand *ci = &rc[i].c[pick[i]];
            for (size_t j = 0; j < n; j++) {
                if (j == i || pick[j] < 0 || rc[j].c[pick[j]].concept != ci->concept)
                    continue;
                const cand *cj = &rc[j].c[pick[j]];
                if (cj->score > ci->score || (cj->score == ci->score && j < i) ||
                    cj->source == BIND_MAP) {
                    /* i gives way: its next candidate that nobody holds */
                    int next = -1;
                    for (size_t k = (size_t)pick[i] + 1; k < rc[i].n && next < 0; k++) {
                        int taken = 0;
                        for (size_t q = 0; q < n && !taken; q++)
                            taken = pick[q] >= 0 && rc[q].c[pick[q]].concept == rc[i].c[k].concept;
                        if (!taken && good_enough(&rc[i].c[k]))
                            next = (int)k;
                    }
                    pick[i] = next;
                    changed = 1;
                    break;
                }
            }
        }
    }
}

/* Rows under a printed total favour the calculation children of the total's
 * best concept; a total favours the concept most of its rows sum to. */
static void weigh_structure(const binder *b, row_cands *rc, const row_bind *rb, size_t n)
{
    const taxonomy *tax = b->o->tax;
    for (size_t i = 0; i < n; i++) {
        const r2x_row *row = &b->t->rows[rb[i].row];
        if (row->total < 0 || !rc[i].n)
            continue;
        const concept *parent = NULL;
        for (size_t j = 0; j < n && !parent; j++)
            if ((int)rb[j].row == row->total && rc[j].n)
                parent = rc[j].c[0].concept;
        if (!parent)
            continue;
        for (size_t k = 0; k < rc[i].n; k++)
            if (rc[i].c[k].source == BIND_LABELS && calc_child(tax, parent, rc[i].c[k].concept))
                rc[i].c[k].score = fmin(1.0, rc[i].c[k].score * 1.25);
        qsort(rc[i].c, rc[i].n, sizeof *rc[i].c, by_score_desc);
    }
}

/* ---- The statement's arithmetic ----------------------------------------------------- */

static double amount_of(const r2x_value *v)
{
    return (double)v->value.coef * pow(10, v->value.exp);
}

/* The printed figure of row's value in table column col, times sign; 0 and
 * no value when the row has none there. */
static int value_in(const r2x_row *row, int col, int sign, double *out, double *unit)
{
    for (size_t k = 0; k < row->nvalues; k++)
        if (row->values[k].column == col && !row->values[k].nil_dash) {
            *out = sign * amount_of(&row->values[k]);
            *unit = pow(10, -row->values[k].decimals);
            return 1;
        }
    return 0;
}

/* Does the total equal the signed sum of its parts in every amount column
 * both have, to the rounding of the printed figures? */
static int sums_hold(const r2x_table *t, const row_bind *total, row_bind *const *parts,
                     const int *weight, size_t n, int flip)
{
    const r2x_row *tr = &t->rows[total->row];
    size_t checked = 0;
    for (size_t k = 0; k < tr->nvalues; k++) {
        int col = tr->values[k].column;
        if (!amount_role(t->columns[col].role) || tr->values[k].nil_dash)
            continue;
        double want, tol, sum = 0, got, unit;
        value_in(tr, col, total->sign, &want, &tol);
        size_t have = 0;
        for (size_t i = 0; i < n; i++) {
            int sign = parts[i]->sign * ((int)i == flip ? -1 : 1);
            if (value_in(&t->rows[parts[i]->row], col, sign, &got, &unit)) {
                sum += weight[i] * got;
                tol += unit;
                have++;
            }
        }
        if (!have)
            continue;
        if (fabs(sum - want) > tol * 0.5 + 1e-9 * fabs(want))
            return 0;
        checked++;
    }
    return checked > 0;
}

/* The taxonomy's calculations over a statement's own totals: when the rows
 * bound to a total's calculation children do not add up to it, and turning
 * one part whose sign no rule fixed makes them add up in every column, its
 * sign is that one ("Less: net loss attributable to noncontrolling
 * interest (20)" is -20: net loss (2,242) less it is (2,222)). */
static void signs_from_sums(const binder *b, row_bind *rb, size_t n)
{
    enum { MAX_PARTS = 24 };
    const taxonomy *tax = b->o->tax;
    for (size_t p = 0; p < n; p++) {
        if (!rb[p].concept || rb[p].source == BIND_EXTENSION)
            continue;
        const taxonomy_arc *arcs;
        size_t na = taxonomy_calc_children(tax, rb[p].concept, &arcs);
        for (size_t a0 = 0; a0 < na;) {
            size_t a1 = a0;
            while (a1 < na && !strcmp(arcs[a1].role, arcs[a0].role))
                a1++;
            row_bind *parts[MAX_PARTS];
            int weight[MAX_PARTS];
            size_t np = 0;
            for (size_t a = a0; a < a1; a++)
                for (size_t q = 0; q < n && np < MAX_PARTS; q++)
                    if (q != p && rb[q].concept == arcs[a].child) {
                        parts[np] = &rb[q];
                        weight[np++] = arcs[a].weight;
                        break;
                    }
            a0 = a1;
            if (np < 2 || sums_hold(b->t, &rb[p], parts, weight, np, -1))
                continue;
            int fix = -1, fixes = 0;
            for (size_t i = 0; i < np; i++) {
                if ((parts[i]->entry && parts[i]->entry->company) || !either_sign(parts[i]->concept))
                    continue;
                if (sums_hold(b->t, &rb[p], parts, weight, np, (int)i)) {
                    fix = (int)i;
                    fixes++;
                }
            }
            if (fixes == 1) {
                parts[fix]->sign = -parts[fix]->sign;
                parts[fix]->sign_rule = "the statement's total adds up with it so "
                                        "(taxonomy calculation)";
            }
        }
    }
}

static int bind_table(binder *b, binding *out, r2x_error *err)
{
    const r2x_table *t = b->t;
    const r2x_fiscal_calendar *cal = r2x_profile_calendar(b->o->profile);
    size_t first = out->binds.len / sizeof(row_bind);
    row_cands *rc = calloc(t->nrows ? t->nrows : 1, sizeof *rc);
    if (!rc)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    const char *per_share_block = NULL;
    int rcode = R2X_OK;
    size_t n = 0;
    b->section = NULL;
    for (size_t r = 0; r < t->nrows && !rcode; r++) {
        const r2x_row *row = &t->rows[r];
        if (is_section_heading(t, r))
            b->section = row->label;
        if (!row->label || !row->nvalues || label_is_period(row->label, cal))
            continue;
        /* "Basic income per share before ..." opens a block of per-share
         * lines ("Discontinued operations") that are basic too */
        b->block = NULL;
        if (row->values[0].unit.kind == R2X_UNIT_PER_SHARE) {
            if (!strncasecmp(row->label, "basic", 5))
                per_share_block = "Basic";
            else if (!strncasecmp(row->label, "diluted", 7))
                per_share_block = "Diluted";
            else
                b->block = per_share_block;
        } else {
            per_share_block = NULL;
        }
        row_bind bind;
        memset(&bind, 0, sizeof bind);
        bind.table = t;
        bind.row = r;
        bind.sign = 1;
        if ((rcode = gather(b, row, rc[n].c, &rc[n].n)))
            break;
        qsort(rc[n].c, rc[n].n, sizeof *rc[n].c, by_score_desc);
        if (buf_add(&out->binds, &bind, sizeof bind)) {
            rcode = R2X_ENOMEM;
            break;
        }
        n++;
    }
    row_bind *rb = (row_bind *)(void *)out->binds.data + first;
    if (!rcode)
        weigh_structure(b, rc, rb, n);
    int *pick = rcode ? NULL : malloc((n ? n : 1) * sizeof *pick);
    if (!rcode && !pick)
        rcode = R2X_ENOMEM;
    for (size_t i = 0; i < n && !rcode; i++)
        pick[i] = rc[i].n && good_enough(&rc[i].c[0]) ? 0 : -1;
    if (!rcode)
        one_row_a_concept(rc, pick, n);
    for (size_t i = 0; i < n && !rcode; i++) {
        row_bind *bind = &rb[i];
        const r2x_row *row = &t->rows[bind->row];
        const cand *best = pick[i] >= 0 ? &rc[i].c[pick[i]] : NULL;
        if (best) {
            bind->concept = best->source == BIND_MAP ? best->concept
                                                     : prefer_current(b, best->concept);
            bind->entry = best->entry;
            bind->source = best->source;
            bind->score = best->score;
            r2x_strlcpy(bind->why, best->why, sizeof bind->why);
            for (size_t k = 0; k < rc[i].n; k++)
                if ((int)k != pick[i]) {
                    bind->runner_up = rc[i].c[k].concept;
                    bind->runner_score = rc[i].c[k].score;
                    break;
                }
        } else if (b->o->ext_prefix && statement_table(t)) {
            const cand *top = rc[i].n ? &rc[i].c[0] : NULL;
            row_facts f;
            row_facts_of(t, row, &f);
            rcode = make_extension(b, row, &f, &bind->concept, &bind->sign, &bind->sign_rule,
                                   err);
            bind->source = BIND_EXTENSION;
            snprintf(bind->why, sizeof bind->why, "no concept fits%s%s",
                     top ? "; the best was " : "", top ? top->concept->qname : "");
            if (top) {
                bind->runner_up = top->concept;
                bind->runner_score = top->score;
            }
        } else {
            bind->reported = statement_table(t);
        }
        rb = (row_bind *)(void *)out->binds.data + first;   /* buffers may move */
    }
    free(pick);
    b->sign.expenses_negative =
        !rcode && t->statement == R2X_STMT_INCOME && prints_expenses_negative(b, rb, n);
    for (size_t i = 0; i < n && !rcode; i++)
        if (rb[i].concept && rb[i].source != BIND_EXTENSION)
            rb[i].sign = choose_sign(&b->sign, t, &t->rows[rb[i].row], rb[i].concept,
                                     rb[i].entry, &rb[i].sign_rule);
    if (!rcode)
        signs_from_sums(b, rb, n);
    free(rc);
    if (rcode == R2X_ENOMEM)
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return rcode;
}

/* ---- One concept, one value -------------------------------------------------------- */

static int same_unit(const r2x_unit *a, const r2x_unit *b)
{
    return a->kind == b->kind && !strcmp(a->measure, b->measure) &&
           !strcmp(a->denominator, b->denominator);
}

static int same_period(const r2x_period *a, const r2x_period *b)
{
    return a->kind == b->kind && a->kind != R2X_PERIOD_NONE &&
           !memcmp(&a->end, &b->end, sizeof a->end) &&
           (a->kind == R2X_PERIOD_INSTANT || !memcmp(&a->start, &b->start, sizeof a->start));
}

/* How a cash-flow row's figures stand to another statement's row of the same
 * concept: 1 they agree as signed, -1 they agree only with the cash-flow
 * sign turned, 0 no period in common or they disagree. */
static int agreement(const row_bind *flow, const row_bind *other)
{
    const r2x_row *fr = &flow->table->rows[flow->row], *orow = &other->table->rows[other->row];
    int same = 0, opposite = 0;
    for (size_t i = 0; i < fr->nvalues; i++) {
        const r2x_value *fv = &fr->values[i];
        const r2x_column *fc = &flow->table->columns[fv->column];
        if (!amount_role(fc->role) || fv->nil_dash)
            continue;
        for (size_t j = 0; j < orow->nvalues; j++) {
            const r2x_value *ov = &orow->values[j];
            const r2x_column *oc = &other->table->columns[ov->column];
            if (!amount_role(oc->role) || ov->nil_dash || !same_period(&fc->period, &oc->period) ||
                !same_unit(&fv->unit, &ov->unit) || !fv->value.coef)
                continue;
            r2x_decimal a = fv->value, b = ov->value;
            a.coef *= flow->sign;
            b.coef *= other->sign;
            if (!r2x_decimal_cmp(a, b))
                same++;
            else {
                a.coef = -a.coef;
                if (!r2x_decimal_cmp(a, b))
                    opposite++;
                else
                    return 0;
            }
        }
    }
    return same && !opposite ? 1 : opposite && !same ? -1 : 0;
}

static int by_concept(const void *a, const void *b)
{
    const row_bind *x = *(const row_bind *const *)a, *y = *(const row_bind *const *)b;
    if (x->concept != y->concept)
        return strcmp(x->concept->qname, y->concept->qname);
    return x < y ? -1 : x > y;
}

/* A concept has one value in a period, wherever it is printed: a cash-flow
 * line that adds back an income-statement item ("Cumulative effect of
 * accounting change  12" against "(12)") takes the sign that makes its
 * facts the income statement's. */
static int agree_across_statements(binding *bd)
{
    size_t n = bd->binds.len / sizeof(row_bind);
    row_bind **order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return R2X_ENOMEM;
    size_t m = 0;
    row_bind *all = (row_bind *)(void *)bd->binds.data;
    for (size_t i = 0; i < n; i++)
        if (all[i].concept)
            order[m++] = &all[i];
    qsort(order, m, sizeof *order, by_concept);
    for (size_t lo = 0, hi; lo < m; lo = hi) {
        for (hi = lo + 1; hi < m && order[hi]->concept == order[lo]->concept; hi++)
            ;
        for (size_t i = lo; i < hi; i++) {
            row_bind *flow = order[i];
            if (flow->table->statement != R2X_STMT_CASH_FLOWS)
                continue;
            for (size_t j = lo; j < hi; j++) {
                const row_bind *other = order[j];
                int st = other->table->statement;
                if (st != R2X_STMT_INCOME && st != R2X_STMT_BALANCE_SHEET)
                    continue;
                if (agreement(flow, other) < 0) {
                    flow->sign = -flow->sign;
                    flow->sign_rule = st == R2X_STMT_INCOME
                        ? "its facts are the income statement's line of the same concept"
                        : "its facts are the balance sheet's line of the same concept";
                }
                break;
            }
        }
    }
    free(order);
    return R2X_OK;
}

/* ---- The whole set ----------------------------------------------------------------- */

int bind_new(const r2x_tableset *set, const bind_options *o, binding **out, r2x_error *err)
{
    *out = NULL;
    binding *bd = calloc(1, sizeof *bd);
    if (bd)
        bd->first = calloc(set->ntables + 1, sizeof *bd->first);
    if (!bd || !bd->first) {
        free(bd);
        return r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&bd->binds, R2X_BUF_NOCAP);
    bd->set = set;
    binder b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.sign.tax = o->tax;
    int rc = R2X_OK;
    for (size_t i = 0; i < set->ntables && !rc; i++) {
        bd->first[i] = bd->binds.len / sizeof(row_bind);
        b.t = &set->tables[i];
        rc = bind_table(&b, bd, err);
    }
    bd->first[set->ntables] = bd->binds.len / sizeof(row_bind);
    if (!rc && agree_across_statements(bd))
        rc = r2x_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    if (rc) {
        bind_free(bd);
        return rc;
    }
    *out = bd;
    return R2X_OK;
}

void bind_free(binding *b)
{
    if (!b)
        return;
    buf_release(&b->binds);
    free(b->first);
    free(b);
}

size_t bind_count(const binding *b)
{
    return b->binds.len / sizeof(row_bind);
}

const row_bind *bind_at(const binding *b, size_t i)
{
    return &((const row_bind *)(const void *)b->binds.data)[i];
}

const row_bind *bind_of(const binding *b, const r2x_table *t, size_t r)
{
    size_t ti = (size_t)(t - b->set->tables);
    if (ti >= b->set->ntables)
        return NULL;
    const row_bind *rb = (const row_bind *)(const void *)b->binds.data;
    size_t lo = b->first[ti], hi = b->first[ti + 1];
    while (lo < hi) {         /* rows in order: bisect */
        size_t mid = lo + (hi - lo) / 2;
        if (rb[mid].row < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->first[ti + 1] && rb[lo].row == r ? &rb[lo] : NULL;
}
