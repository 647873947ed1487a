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
#include "segments.h"
#include "text.h"

#define MAX_CANDIDATES 12
#define WORDS_WITH_STRUCTURE 0.7  /* the least word overlap the arithmetic can confirm */
#define GOOD_ENOUGH 0.30      /* a label candidate below this is no better than a guess */
#define MAP_SCORE 1.0         /* a mapping table entry that fits comes first: it says what
                               * data cannot teach */

struct binding {
    r2x_buf binds;            /* row_bind[] */
    r2x_buf entries;          /* map_entry *[]: the segment tables' dimensions */
    const r2x_tableset *set;
    size_t *first;            /* [ntables + 1]: each table's first bind, by row order */
};

const char *bind_source_name(int source)
{
    switch (source) {
    case BIND_MAP: return "mapping";
    case BIND_LABELS: return "labels";
    case BIND_EXTENSION: return "extension";
    case BIND_PRIOR: return "prior";
    case BIND_SUM: return "sum";
    case BIND_SEGMENT: return "segment";
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


/* The first place of needle in hay, ignoring case; NULL none. */
static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; p && *p; p++)
        if (!strncasecmp(p, needle, n))
            return p;
    return NULL;
}

/* Does hay contain any of the NULL-ended needles? */
static int contains_any_ci(const char *hay, const char *const *needles)
{
    for (size_t i = 0; needles[i]; i++)
        if (text_contains_ci(hay, needles[i]))
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
static int balance_in_flow(const r2x_row *row)
{
    return text_contains_ci(row->label, "beginning") || text_contains_ci(row->label, "end of");
}

/* A line of cash that is no flow: no payment, receipt, activity or change. */
static int cash_amount_label(const char *l)
{
    static const char *const flows[] = {"paid", "received", "activities", "increase",
                                        "decrease", "change", "effect", "interest", "tax",
                                        NULL};
    return text_contains_ci(l, "cash") && !contains_any_ci(l, flows);
}

/* An instant in a flow column: the balance at the beginning or end of the
 * period, and the lines of cash right under it that break it down ("Less
 * restricted cash & cash equivalents, included in Investments" under
 * "Cash ..., including restricted, at end of period"). */
static int instant_in_flow(const r2x_table *t, const r2x_row *row)
{
    if (balance_in_flow(row))
        return 1;
    if (!row->label || !cash_amount_label(row->label))
        return 0;
    for (size_t r = (size_t)(row - t->rows); r-- > 0;) {
        const r2x_row *above = &t->rows[r];
        if (!above->nvalues)
            continue;
        if (!above->label || !cash_amount_label(above->label))
            return 0;
        if (balance_in_flow(above))
            return 1;
    }
    return 0;
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
        "NetOfTax", "MinorityInterest", "NoncontrollingInterest", NULL};
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
/* Other comprehensive income adds into these, in its own statement's
 * networks (and their alternatives). */
#define COMPREHENSIVE_NETWORK "/statement/StatementOfOtherComprehensiveIncome"
static const char *const comprehensive_roots[] = {
    "ComprehensiveIncomeNetOfTax",
    "ComprehensiveIncomeNetOfTaxIncludingPortionAttributableToNoncontrollingInterest",
    "OtherComprehensiveIncomeLossNetOfTax",
    "OtherComprehensiveIncomeLossNetOfTaxPortionAttributableToParent", NULL};
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

/* The first of words in label, NULL none. */
static const char *first_of(const char *label, const char *const *words)
{
    const char *first = NULL;
    for (size_t i = 0; words[i]; i++) {
        const char *p = find_ci(label, words[i]);
        if (p && (!first || p < first))
            first = p;
    }
    return first;
}

/* A label that names first what its concept counts negative: "Income tax
 * benefit/(expense)" of IncomeTaxExpenseBenefit, "Other operating expense
 * (income), net" of OtherOperatingIncomeExpenseNet, "Loss (gain) on sale"
 * of a GainLoss concept: printed positive, it is the first.  Both readings
 * must be named. */
static int label_inverts(const concept *c, const char *label)
{
    static const char *const benefit[] = {"benefit", NULL};
    static const char *const expense[] = {"expense", "provision", NULL};
    static const char *const income[] = {"income", "gain", NULL};
    static const char *const charge[] = {"expense", "loss", NULL};
    const char *n = local_name(c);
    if (strstr(n, "ExpenseBenefit")) {
        const char *b = first_of(label, benefit), *e = first_of(label, expense);
        return b && (!e || b < e);
    }
    /* (a result, IncomeLoss, prints its own sign whatever it names first:
     * "(Loss)/earnings from operations 285" is earnings) */
    if (strstr(n, "IncomeExpense") || strstr(n, "GainLoss")) {
        const char *i = first_of(label, income), *x = first_of(label, charge);
        return i && x && x < i;
    }
    return 0;
}

/* "Loss (gain)", "expense/(income)": a label that reads either way, the two
 * words side by side (not "Interest expense, net of interest income"). */
static int names_both_ways(const char *label)
{
    char flat[600];
    size_t n = 0;
    int space = 1;
    for (const char *p = label; *p && n + 2 < sizeof flat; p++) {
        int sep = *p == '(' || *p == ')' || *p == '/' || *p == ' ' || *p == ',';
        if (sep && !space)
            flat[n++] = ' ';
        else if (!sep)
            flat[n++] = (char)tolower((unsigned char)*p);
        space = sep;
    }
    flat[n] = '\0';
    static const char *const pairs[] = {"loss gain", "gain loss", "expense income",
                                        "income expense", NULL};
    for (size_t i = 0; pairs[i]; i++)
        if (strstr(flat, pairs[i]))
            return 1;
    return 0;
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
        *rule = "the label names first what the concept counts negative";
        return -1;
    }
    if (names_both_ways(row->label) && !either_sign(c)) {
        /* "Loss (gain) on sale (12)": the print's sign is the concept's */
        *rule = "the label names both readings: as printed";
        return 1;
    }
    if (e && e->company) {
        *rule = e->negate ? "the company's mapping negates it" : "the company's mapping: as printed";
        return e->negate ? -1 : 1;
    }
    /* a concept that is positive by nature (a cost, a payment, an asset)
     * printed negative in every period is printed as a deduction: its facts
     * are the amounts.  Mixed signs are real (a provision, then a reversal);
     * so are eliminations. */
    if (!either_sign(c) && !text_contains_ci(row->label, "elimination")) {
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

/* What the release prints anywhere in its statements, for the choices
 * that depend on it. */
typedef struct release_facts {
    int noncontrolling;       /* an income statement line of noncontrolling interests */
    int preferred;            /* a line of preferred stock */
    int last_year;            /* the year its latest period ends */
} release_facts;

typedef struct binder {
    const bind_options *o;
    const r2x_table *t;
    const char *section;      /* the section heading the row stands under */
    const char *block;        /* "Basic" over a run of per-share lines */
    sign_ctx sign;
    release_facts release;
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
            return text_contains_ci(lc->section, want) ? 1 : text_contains_ci(lc->section, "activit")
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
        /* a change in working capital is an operating line, in the
         * networks or not */
        return !in_any && strncmp(local_name(c), "IncreaseDecrease", 16) != 0;
    }
    return 1;
}

/* A concept of the income statement that adds into no section of the cash
 * flows ("Other" there is no other non-operating income): a cash-flow line
 * is read so only when nothing else fits. */
static int income_line_in_flows(const binder *b, const label_candidate *lc)
{
    if (b->t->statement != R2X_STMT_CASH_FLOWS || lc->usage_statement != R2X_STMT_INCOME)
        return 0;
    static const char *const *const sections[] = {operating_roots, investing_roots,
                                                  financing_roots};
    for (size_t i = 0; i < 3; i++)
        if (weight_to(b->o->tax, lc->concept, sections[i], CASH_FLOW_NETWORK))
            return 0;
    return 1;
}

/* A line of comprehensive income: its label, its section heading or its
 * table's title says so ("Total other comprehensive income (loss)"). */
static int comprehensive_line(const binder *b, const r2x_row *row)
{
    return (row->label && text_contains_ci(row->label, "comprehensive")) ||
           (b->section && text_contains_ci(b->section, "comprehensive")) ||
           (b->t->title && text_contains_ci(b->t->title, "comprehensive"));
}

/* In comprehensive income, a concept of the income statement fits less
 * ("Other, net of tax" there is other comprehensive income): 0.7; 1 for
 * one that adds into comprehensive income, and elsewhere. */
static double comprehensive_fit(const binder *b, const r2x_row *row, const concept *c)
{
    if (b->t->statement != R2X_STMT_INCOME || !comprehensive_line(b, row))
        return 1;
    return weight_to(b->o->tax, c, comprehensive_roots, COMPREHENSIVE_NETWORK) ? 1 : 0.7;
}

/* A line of cash flows printed all positive (an inflow, as outflows print
 * in parentheses) read as a concept that its section's net cash deducts
 * ("Issuances of stock 1,000" as PaymentsOfStockIssuanceCosts), or all
 * negative read as one it adds.  Concepts of either sign say nothing. */
static int flow_direction_disagrees(const binder *b, const r2x_row *row, const row_facts *f,
                                    const concept *c)
{
    if (b->t->statement != R2X_STMT_CASH_FLOWS || either_sign(c))
        return 0;
    int inflow = !f->some_negative, outflow = f->all_negative;
    if (!inflow && !outflow)
        return 0;
    int w = statement_weight(b->o->tax, row, R2X_STMT_CASH_FLOWS, c);
    return (w < 0 && inflow) || (w > 0 && outflow);
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
        return weight_to(tax, c, income_roots, INCOME_NETWORK) != 0 ||
               ((row->is_total || row->sum_checks) && comprehensive_line(b, row) &&
                weight_to(tax, c, comprehensive_roots, COMPREHENSIVE_NETWORK) != 0);
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
        !(b->t->statement == R2X_STMT_CASH_FLOWS && instant_in_flow(b->t, row)))
        return 0;
    return c->deprecated ? 0.6 : 1;
}

/* Adds c, or raises its score. */
static void add_cand(cand *cs, size_t *n, const concept *c, const map_entry *e, double score,
                      int source, const char *why)
{
    cand *k = NULL;
    for (size_t i = 0; i < *n && !k; i++)
        if (cs[i].concept == c) {
            if (score <= cs[i].score)
                return;
            k = &cs[i];
        }
    if (!k && *n == MAX_CANDIDATES)
        return;
    if (!k)
        k = &cs[(*n)++];
    *k = (cand){c, e, score, source, ""};
    r2xi_strlcpy(k->why, why, sizeof k->why);
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

/* A count of shares or an amount per share, and a concept of that type:
 * the unit is the structure that confirms a reading by words in common
 * (share counts stand in no calculation). */
static int counted_in_shares(const r2x_row *row, const concept *c)
{
    if (!row->nvalues)
        return 0;
    int kind = row->values[0].unit.kind;
    return (kind == R2X_UNIT_SHARES && strstr(c->type, "sharesItemType")) ||
           (kind == R2X_UNIT_PER_SHARE && strstr(c->type, "perShareItemType"));
}

/* A label that names both sides ("Income taxes receivable, payable and
 * deferred", "Other assets and liabilities") nets them: a concept of one
 * side only is a poor reading. */
static int one_side_only(const char *label, const concept *c)
{
    static const char *const sides[][4] = {{"receivable", "payable", "Receivable", "Payable"},
                                           {"assets", "liabilities", "Assets", "Liabilities"}};
    const char *n = local_name(c);
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++)
        if (text_contains_ci(label, sides[i][0]) && text_contains_ci(label, sides[i][1]) &&
            (strstr(n, sides[i][2]) != NULL) != (strstr(n, sides[i][3]) != NULL))
            return 1;
    return 0;
}

/* A cash-flow line under a heading of the changes in operating assets and
 * liabilities (or working capital). */
static int under_changes(const binder *b, const r2x_row *row)
{
    return b->t->statement == R2X_STMT_CASH_FLOWS && row->position == R2X_POS_OPERATING &&
           b->section && text_contains_ci(b->section, "change") &&
           (text_contains_ci(b->section, "assets") || text_contains_ci(b->section, "liabilities") ||
            text_contains_ci(b->section, "working capital"));
}

/* "Average shares outstanding assuming dilution" is the diluted count, the
 * line without the word the basic one: label and concept agree on it. */
static int dilution_agrees(const char *label, const concept *c)
{
    const char *n = local_name(c);
    int label_diluted = text_contains_ci(label, "dilut");
    int concept_diluted = strstr(n, "Dilut") != NULL;
    return label_diluted == concept_diluted;
}

/* Remove from s every occurrence of cut (ignoring case); 1 if any. */
static int cut_all(char *s, const char *cut)
{
    size_t n = strlen(cut);
    int any = 0;
    char *p;
    while ((p = (char *)find_ci(s, cut))) {
        memmove(p, p + n, strlen(p + n) + 1);
        any = 1;
    }
    return any;
}

/* The label as the mapping tables and filers word it most: the second
 * reading of a result pair left out ("Earnings/(loss) from operations" ->
 * "Earnings from operations", "Net (decrease)/increase in cash" -> "Net
 * increase in cash") and the parent named as such ("Net income
 * attributable to ExxonMobil" -> "... attributable to parent").  0 when it
 * is the label itself. */
static int label_variant(const char *label, char *out, size_t size)
{
    static const char *const pairs[][2] = {
        {"income", "loss"}, {"earnings", "loss"}, {"profit", "loss"}, {"gain", "loss"},
        {"increase", "decrease"}, {"expense", "benefit"}, {"provision", "benefit"}};
    r2xi_strlcpy(out, label, size);
    int changed = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        const char *keep = pairs[i][0], *drop = pairs[i][1];
        if (!text_contains_ci(out, keep) || !text_contains_ci(out, drop))
            continue;
        char forms[4][32];
        snprintf(forms[0], sizeof forms[0], "/(%s)", drop);
        snprintf(forms[1], sizeof forms[1], "(%s)/", drop);
        snprintf(forms[2], sizeof forms[2], "(%s)", drop);
        snprintf(forms[3], sizeof forms[3], "/%s", drop);
        for (size_t k = 0; k < 4; k++)
            changed |= cut_all(out, forms[k]);
        char tail[32];
        snprintf(tail, sizeof tail, "%s/", drop);
        changed |= cut_all(out, tail);
    }
    char *at = (char *)find_ci(out, "attributable to ");
    if (at && !text_contains_ci(at, "controlling") && !text_contains_ci(at, "minority") &&
        !text_contains_ci(at, "redeemable") && !text_contains_ci(at, "preferred") &&
        !text_contains_ci(at, "participating") && !text_contains_ci(at, "common") &&
        !text_contains_ci(at, "parent") && (size_t)(at - out) + 24 < size) {
        strcpy(at + 16, "parent");
        changed = 1;
    }
    return changed;
}

/* What an income-statement label says its line is, outside its
 * parentheses: BALANCE_DEBIT a cost or expense, BALANCE_CREDIT a revenue,
 * income or gain, BALANCE_NONE it does not say (taxes on income are an
 * expense whatever their words). */
static int label_balance(const char *label)
{
    static const char *const debit[] = {"cost", "expense", "deduction", "charge", NULL};
    static const char *const credit[] = {"revenue", "sales", "income", "gain", "earnings", NULL};
    char words[600];
    size_t n = 0;
    int depth = 0;
    for (const char *p = label; *p && n + 1 < sizeof words; p++) {
        depth += *p == '(' ? 1 : *p == ')' && depth ? -1 : 0;
        if (!depth && *p != ')')
            words[n++] = *p;
    }
    words[n] = '\0';
    if (contains_any_ci(words, debit))
        return BALANCE_DEBIT;
    if (text_contains_ci(words, "tax"))
        return BALANCE_NONE;
    return contains_any_ci(words, credit) ? BALANCE_CREDIT : BALANCE_NONE;
}

/* A revenue line read as a cost ("Sales and other operating revenue" as
 * OtherCostOfOperatingRevenue) or a cost as a revenue: the words the two
 * share are the wrong ones.  Concepts of either sign say nothing. */
static int balance_disagrees(const binder *b, const char *label, const concept *c)
{
    if (b->t->statement != R2X_STMT_INCOME || c->balance == BALANCE_NONE || either_sign(c))
        return 0;
    int says = label_balance(label);
    return says != BALANCE_NONE && says != c->balance;
}

/* The label table's candidates for one wording of the row's label, times
 * weight. */
static int label_candidates(const binder *b, const r2x_row *row, const row_facts *f,
                            const char *label, double weight, cand *cs, size_t *n)
{
    label_candidate lc[MAX_CANDIDATES];
    size_t nl = 0;
    if (labels_candidates(b->o->labels, label, b->t->statement, lc, MAX_CANDIDATES, &nl))
        return R2X_ENOMEM;
    for (size_t i = 0; i < nl; i++) {
        const concept *c = lc[i].concept;
        if (!c)
            continue;
        /* words in common only: a near match, or none ("Research and
         * development Total cost and expenses" is no R&D line) */
        double ft = fit(b, row, f, c);
        if (!ft)
            continue;
        /* some words in common, where the statement's arithmetic places the
         * concept: a likely reading, below any closer one */
        if (lc[i].match == LABEL_MATCH_WORDS && lc[i].similarity < 0.85) {
            if (!counted_in_shares(row, c) &&
                (lc[i].similarity < WORDS_WITH_STRUCTURE || !structure_supports(b, row, c)))
                continue;
            ft *= 0.9;
        }
        /* an allowance is stated beside its asset, not a line of its own
         * unless the label says so */
        if (strstr(local_name(c), "Allowance") && !text_contains_ci(label, "allowance") &&
            !text_contains_ci(label, "reserve"))
            continue;
        ft *= dilution_agrees(label, c) ? 1 : 0.5;
        /* under "Changes in operating assets and liabilities" a line is a
         * change ("Income taxes receivable, payable and deferred") */
        if (under_changes(b, row))
            ft *= strncmp(local_name(c), "IncreaseDecrease", 16) ? 0.7 : 1.2;
        ft *= one_side_only(label, c) ? 0.5 : 1;
        ft *= balance_disagrees(b, label, c) ? 0.6 : 1;
        ft *= comprehensive_fit(b, row, c);
        ft *= flow_direction_disagrees(b, row, f, c) ? 0.7 : 1;
        double s = weight * lc[i].score * ft * place_fit(row, &lc[i], c) *
                   (cash_flow_place_fits(b, row, c) ? 1 : 0.5) *
                   (income_line_in_flows(b, &lc[i]) ? 0.5 : 1);
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

static int gather(const binder *b, const r2x_row *row, cand *cs, size_t *n)
{
    row_facts f;
    row_facts_of(b->t, row, &f);
    *n = 0;
    const map_entry *e = NULL;
    if (b->block) {
        /* read as "Basic discontinued operations" first; the block's "Total"
         * is its earnings per share */
        char both[600];
        if (!strcasecmp(row->label, "total"))
            snprintf(both, sizeof both, "%s earnings per share", b->block);
        else
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
    char variant[600];
    int has_variant = label_variant(row->label, variant, sizeof variant);
    if (!e && has_variant)
        e = map_match(b, row, variant);
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
    char label[600];
    if (b->block && row->nvalues && row->values[0].unit.kind == R2X_UNIT_PER_SHARE)
        snprintf(label, sizeof label, "%s %s", b->block, row->label);
    else
        r2xi_strlcpy(label, row->label, sizeof label);
    if (tail && !b->block)
        r2xi_strlcpy(label, tail, sizeof label);
    int rc = label_candidates(b, row, &f, label, 1.0, cs, n);
    /* the usual wording, a little below the label's own */
    if (!rc && has_variant && !tail)
        rc = label_candidates(b, row, &f, variant, 0.95, cs, n);
    return rc;
}

/* A figure of the company's last filing (prior.h): the company's word. */
static int by_prior_value(const cand *c)
{
    return c->source == BIND_PRIOR && c->entry;
}

static int by_score_desc(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (by_prior_value(x) != by_prior_value(y))
        return by_prior_value(x) ? -1 : 1;
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

/* A label that names a result, a net amount or a change, which may be
 * either sign: its figures are kept as printed. */
static int label_either_sign(const char *label)
{
    static const char *const words[] = {"net", "gain", "(loss", "loss)", "/loss", "(income",
                                        "income)", "(expense", "expense)", "increase", "decrease",
                                        "change", "effect", "other", "total", "adjustment", NULL};
    for (size_t i = 0; words[i]; i++) {
        const char *p = label;
        size_t n = strlen(words[i]);
        while ((p = find_ci(p, words[i]))) {
            /* whole words: "net" is not "Netflix", nor "other" "brother" */
            int before = p == label || !isalpha((unsigned char)p[-1]) ||
                         !isalpha((unsigned char)words[i][0]);
            int after = !isalpha((unsigned char)p[n]) ||
                        !isalpha((unsigned char)words[i][n - 1]);
            if (before && after)
                return 1;
            p += n;
        }
    }
    return 0;
}

/* A label that names a cost or outflow, printed as a deduction.  A result
 * is none, though it may say "loss" ("Net loss attributable to common
 * shareholders (820)" is -820). */
static int costlike(const char *label)
{
    static const char *const words[] = {"cost", "expense", "payment", "purchase", "repayment",
                                        "acquisition", "capital expenditure", "additions to",
                                        "dividends paid", "loss", NULL};
    static const char *const results[] = {"net loss", "net (loss)", "net income",
                                          "net earnings", NULL};
    for (size_t i = 0; results[i]; i++)
        if (!strncasecmp(label, results[i], strlen(results[i])))
            return 0;
    return contains_any_ci(label, words);
}

static int is_section_heading(const r2x_table *t, size_t r);

/* The nearest section heading above a row and less indented, NULL none. */
static const char *heading_over(const r2x_table *t, const r2x_row *row)
{
    for (size_t r = (size_t)(row - t->rows); r-- > 0;)
        if (is_section_heading(t, r) && t->rows[r].indent < row->indent)
            return t->rows[r].label;
    return NULL;
}

/* A cash-flow line no standard concept fits is written as the taxonomy
 * writes its kind: a change in operating assets as the increase it is
 * (cash a rise takes; a liability's change as printed, its rise brings
 * cash), an investing or financing line printed negative in every period
 * as the outflow it is ("Additional investments and advances (472)" is a
 * payment of 472). */
static void flow_extension_sign(const binder *b, const r2x_row *row, const row_facts *f,
                                int *sign, const char **rule)
{
    if (b->t->statement != R2X_STMT_CASH_FLOWS || instant_in_flow(b->t, row))
        return;
    if (row->position == R2X_POS_OPERATING &&
        (text_starts_ci(row->label, "change") || text_starts_ci(row->label, "(increase)") ||
         text_starts_ci(row->label, "increase") || text_starts_ci(row->label, "decrease") ||
         text_starts_ci(heading_over(b->t, row), "changes in"))) {
        /* a liability's rise brings cash, as the figure says */
        if (!text_contains_ci(row->label, "asset") &&
            (text_contains_ci(row->label, "liabilit") || text_contains_ci(row->label, "payable") ||
             text_contains_ci(row->label, "accrued")))
            return;
        *sign = -1;
        *rule = "a change in operating assets: a rise takes cash";
    } else if ((row->position == R2X_POS_INVESTING || row->position == R2X_POS_FINANCING) &&
               f->all_negative) {
        *sign = -1;
        *rule = "an outflow printed as a deduction";
    }
}

static int make_extension(const binder *b, const r2x_row *row, const row_facts *f,
                          const concept **out, int *sign, const char **rule, r2x_error *err)
{
    *out = NULL;
    int pt = f->period_kind == R2X_PERIOD_INSTANT ||
                     (b->t->statement == R2X_STMT_CASH_FLOWS && instant_in_flow(b->t, row))
                 ? R2X_PERIOD_INSTANT : R2X_PERIOD_DURATION;
    if (b->t->statement == R2X_STMT_BALANCE_SHEET)
        pt = R2X_PERIOD_INSTANT;
    const char *type = type_for(f->unit_kind);
    /* companies define their own concepts positive: an amount printed in
     * parentheses throughout (a cost, a payment, income that reduces the
     * expenses it stands among) is a deduction, unless the label names a
     * net amount, a result or a change */
    int deduction = f->all_negative && !under_changes(b, row) &&
                    (costlike(row->label) || !label_either_sign(row->label));
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
    flow_extension_sign(b, row, f, sign, rule);
    char name[128], qname[200];
    name_from_label(row->label, name, sizeof name);
    /* "Collateral (paid) received, net": a net flow named payments first
     * counts payments positive, as the taxonomy's own such concepts do */
    if (b->t->statement == R2X_STMT_CASH_FLOWS && !deduction &&
        (strstr(name, "PaidReceived") || !strncmp(name, "PaymentsForProceeds", 19) ||
         !strncmp(name, "PaymentsOfProceeds", 18))) {
        *sign = -1;
        *rule = "a net flow its name reads as payments first";
    }
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
    return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "too many extension concepts named '%s'", name);
}

/* ---- Segment tables --------------------------------------------------------------- */

/* The concept a segment table's measure label names ("Revenues:", "Net
 * sales", "Operating income (loss)"): a plain mapping entry of the income
 * statement, else the label table's close reading (similarity 0.85 or more)
 * of an amount that adds into the income statement's result; NULL none. */
static const concept *measure_of(const binder *b, const char *label)
{
    static const char *const generic[] = {"total", "other", "other net", "all other", "net",
                                          "subtotal", NULL};
    char norm[512];
    label_normalize(label, norm, sizeof norm);
    for (size_t i = 0; generic[i]; i++)
        if (!strcmp(norm, generic[i]))
            return NULL;      /* words of a line under a measure, none itself */
    const char *forms[1] = {norm};
    const map_entry *e = mapping_match(b->o->map, R2X_STMT_INCOME, forms, 1);
    /* the standard concepts only: a company's word for its own line of the
     * income statement ("ATM operation business") names a member here */
    const concept *c = e && !e->ndims && !e->company ? e->concept : NULL;
    if (!c && b->o->labels) {
        label_candidate lc[MAX_CANDIDATES];
        size_t n = 0;
        if (labels_candidates(b->o->labels, label, R2X_STMT_INCOME, lc, MAX_CANDIDATES, &n))
            return NULL;
        for (size_t i = 0; i < n && !c; i++)
            if (lc[i].concept && lc[i].similarity >= 0.85 &&
                weight_to(b->o->tax, lc[i].concept, income_roots, INCOME_NETWORK))
                c = lc[i].concept;
    }
    if (!c || c->extension || c->abstract || c->kind != CONCEPT_ITEM ||
        c->period_type != R2X_PERIOD_DURATION ||
        !ends_with(c->type, "monetaryItemType"))
        return NULL;
    return c;
}

/* label without the words that say whose the measure is ("Operating
 * segment revenue" is revenue, "Total reportable segments' profit" profit);
 * 0 when there were none. */
static int without_segment_words(const char *label, char *out, size_t size)
{
    static const char *const drop[] = {"segment", "segments", "segment's", "segments'",
                                       "reportable", "consolidated", "total", NULL};
    size_t o = 0;
    int dropped = 0;
    out[0] = '\0';
    for (const char *p = label; *p;) {
        size_t n = strcspn(p, " ");
        const char *next = p + n + (p[n] == ' ');
        size_t k = 0;
        while (drop[k] && (strlen(drop[k]) != n || strncasecmp(p, drop[k], n)))
            k++;
        /* "operating segment": the segment's word, not the measure's */
        int operating = n == 9 && !strncasecmp(p, "operating", 9) &&
                        !strncasecmp(next, "segment", 7);
        if (drop[k] || operating)
            dropped = 1;
        else if (n && o + n + 2 < size)
            o += (size_t)snprintf(out + o, size - o, "%s%.*s", o ? " " : "", (int)n, p);
        p = next;
    }
    return dropped && o;
}

/* A measure label, or the measure a total or a segment line names
 * ("Consolidated operating income", "Operating segment revenue"). */
static const void *segment_measure(void *ctx, const char *label)
{
    const concept *c = measure_of(ctx, label);
    char rest[512];
    if (!c && without_segment_words(label, rest, sizeof rest))
        c = measure_of(ctx, rest);
    return c;
}

/* A standard member for a reconciling line's label, NULL none. */
static const char *reconciling_member(const char *label)
{
    char norm[256];
    label_normalize(label, norm, sizeof norm);
    if (!strcmp(norm, "elimination") || !strcmp(norm, "eliminations") ||
        !strcmp(norm, "intersegment elimination") || !strcmp(norm, "intersegment eliminations"))
        return "us-gaap:IntersegmentEliminationMember";
    if (!strcmp(norm, "corporate"))
        return "us-gaap:CorporateNonSegmentMember";
    if (!strcmp(norm, "corporate and other") || !strcmp(norm, "other") ||
        !strcmp(norm, "all other"))
        return "us-gaap:CorporateAndOtherMember";
    return NULL;
}

/* The member a label names on an axis: a standard one where the label
 * table has it exactly (geographies), else the company's own, declared
 * once ("Commercial Airplanes" -> ba:CommercialAirplanesMember). */
static int member_of(const binder *b, const char *label, int standard_ok, const char **out,
                     r2x_error *err)
{
    if (standard_ok && b->o->labels) {
        label_candidate lc[4];
        size_t n = 0;
        if (labels_members(b->o->labels, label, lc, 4, &n))
            return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; i < n; i++)
            if (lc[i].concept && lc[i].match == LABEL_MATCH_EXACT) {
                *out = lc[i].concept->qname;
                return R2X_OK;
            }
    }
    char name[128], qname[200];
    name_from_label(label, name, sizeof name);
    size_t len = strlen(name);
    if (len > 6 && !strcmp(name + len - 6, "Member"))
        name[len - 6] = '\0';
    /* a line concept of the company's may hold the name ("Other Member"):
     * the member takes the next free one, as extension concepts do */
    for (int k = 1; k < 100; k++) {
        char n[16] = "";
        if (k > 1)
            snprintf(n, sizeof n, "%d", k);
        snprintf(qname, sizeof qname, "%s:%s%sMember", b->o->ext_prefix, name, n);
        const concept *c = taxonomy_find(b->o->tax, qname);
        int rc = R2X_OK;
        if (!c)
            rc = taxonomy_add_extension(b->o->tax, qname, "dtr-types:domainItemType",
                                        R2X_PERIOD_DURATION, BALANCE_NONE, label, &c, err);
        else if (c->kind != CONCEPT_MEMBER)
            continue;
        *out = rc ? NULL : c->qname;
        return rc;
    }
    return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "too many concepts named '%sMember'", name);
}

static int add_dim(map_entry *e, const char *axis, const char *member)
{
    map_dim *d = &e->dims[e->ndims++];
    d->axis = strdup(axis);
    d->member = strdup(member);
    return d->axis && d->member ? R2X_OK : R2X_ENOMEM;
}

/* A mapping entry of the binding's own for a segment row: the measure's
 * concept and the dimensions of its member. */
static int segment_entry(const binder *b, binding *out, const segment_row *s,
                         const concept *measure, const map_entry **entry, r2x_error *err)
{
    static const char *const axes[] = {"us-gaap:StatementBusinessSegmentsAxis",
                                       "srt:ProductOrServiceAxis", "srt:StatementGeographicalAxis"};
    map_entry *e = calloc(1, sizeof *e);
    if (!e || buf_add(&out->entries, &e, sizeof e)) {
        free(e);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    e->statement = R2X_STMT_SEGMENT;
    e->concept = measure;
    e->negate = s->negate;
    e->file = "segment";
    *entry = e;
    int axis = segments_axis(b->t), rc = R2X_OK;
    const char *member = NULL, *parent = NULL;
    switch (s->role) {
    case SEG_SEGMENTS_TOTAL:
        rc = add_dim(e, "srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember");
        break;
    case SEG_RECONCILING:
        member = reconciling_member(s->member);
        if (!member)
            rc = member_of(b, s->member, 0, &member, err);
        if (!rc)
            rc = add_dim(e, "srt:ConsolidationItemsAxis", member);
        break;
    case SEG_MEMBER:
        if (s->parent) {
            rc = member_of(b, s->parent, axis == SEG_AXIS_GEOGRAPHY, &parent, err);
            if (!rc)
                rc = add_dim(e, axes[axis], parent);
            axis = SEG_AXIS_PRODUCT;
        }
        if (!rc)
            rc = member_of(b, s->member, axis == SEG_AXIS_GEOGRAPHY, &member, err);
        if (!rc && !(parent && !strcmp(parent, member)))
            rc = add_dim(e, axes[axis], member);
        break;
    }
    if (rc == R2X_ENOMEM)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    return rc;
}

/* The rows of a segment table no mapping entry bound: each segment's,
 * product's or region's figure of a measure under that member, the
 * reconciling lines under the consolidation items, the consolidated
 * figure as it is. */
static int bind_segments(binder *b, binding *out, row_bind *rb, size_t n, r2x_error *err)
{
    const r2x_table *t = b->t;
    if (t->statement != R2X_STMT_SEGMENT || !b->o->ext_prefix || !n)
        return R2X_OK;
    segment_row *seg = calloc(t->nrows, sizeof *seg);
    if (!seg)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    segments_read(t, segment_measure, b, seg);
    int rc = R2X_OK;
    size_t first = (size_t)(rb - (row_bind *)(void *)out->binds.data);
    for (size_t i = 0; i < n && !rc; i++) {
        row_bind *bind = (row_bind *)(void *)out->binds.data + first + i;
        const segment_row *s = &seg[bind->row];
        const concept *measure = s->role != SEG_NONE ? s->measure_id : NULL;
        if (bind->concept || !measure)
            continue;
        const map_entry *e = NULL;
        rc = segment_entry(b, out, s, measure, &e, err);
        if (rc)
            break;
        bind->concept = measure;
        bind->entry = e;
        bind->source = BIND_SEGMENT;
        bind->score = 1;
        bind->sign = s->negate ? -1 : 1;
        bind->sign_rule = s->negate ? "a reconciling line the total deducts" : "as printed";
        snprintf(bind->why, sizeof bind->why, "segment table: '%s'%s%s", s->measure,
                 s->member ? " of " : "", s->member ? s->member : "");
    }
    free(seg);
    return rc;
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
static void scan_release(const r2x_tableset *set, release_facts *rf)
{
    memset(rf, 0, sizeof *rf);
    for (size_t i = 0; i < set->ntables; i++) {
        const r2x_table *t = &set->tables[i];
        if (!statement_table(t))
            continue;
        for (size_t c = 0; c < t->ncolumns; c++)
            if (t->columns[c].period.end.year > rf->last_year)
                rf->last_year = t->columns[c].period.end.year;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *l = t->rows[r].label;
            if (!l || !t->rows[r].nvalues)
                continue;
            /* the income statement parts the result (the balance sheet's
             * minority equity alone leaves the tagged result the parent's) */
            rf->noncontrolling |= t->statement == R2X_STMT_INCOME &&
                                  (text_contains_ci(l, "noncontrolling") ||
                                   text_contains_ci(l, "non-controlling") || text_contains_ci(l, "minority"));
            rf->preferred |= t->statement == R2X_STMT_BALANCE_SHEET && text_contains_ci(l, "preferred");
        }
    }
}

/* A concept taken from an older vocabulary, and the one preparers use
 * today, with what must hold for the swap. */
enum swap_when {
    ASC_606, NO_NONCONTROLLING, NO_PREFERRED, AFTER_OPERATING_INCOME, NONCURRENT,
    OTHER_BESIDE_INTEREST
};
static const struct {
    const char *from, *to;
    int when;
} current_concepts[] = {
    /* where no noncontrolling interest is printed, the result is the parent's */
    {"us-gaap:ProfitLoss", "us-gaap:NetIncomeLoss", NO_NONCONTROLLING},
    /* ASC 606 (in force from 2018): deferred revenue from customers is a
     * contract liability */
    {"us-gaap:DeferredRevenueCurrent", "us-gaap:ContractWithCustomerLiabilityCurrent", ASC_606},
    {"us-gaap:DeferredRevenueNoncurrent", "us-gaap:ContractWithCustomerLiabilityNoncurrent",
     ASC_606},
    {"us-gaap:DeferredRevenue", "us-gaap:ContractWithCustomerLiability", ASC_606},
    {"us-gaap:IncreaseDecreaseInDeferredRevenue",
     "us-gaap:IncreaseDecreaseInContractWithCustomerLiability", ASC_606},
    /* only common stock: its treasury shares are common */
    {"us-gaap:TreasuryStockValue", "us-gaap:TreasuryStockCommonValue", NO_PREFERRED},
    /* below operating income, interest is nonoperating (US-GAAP 2023 on) */
    {"us-gaap:InterestExpense", "us-gaap:InterestExpenseNonoperating", AFTER_OPERATING_INCOME},
    {"us-gaap:Investments", "us-gaap:LongTermInvestments", NONCURRENT},
    /* "Other income (expense), net" beside lines of interest is the rest of
     * the nonoperating items, not all of them */
    {"us-gaap:NonoperatingIncomeExpense", "us-gaap:OtherNonoperatingIncomeExpense",
     OTHER_BESIDE_INTEREST},
};


/* Is row an "Other ..." line of a table that prints interest on lines of
 * its own? */
static int other_beside_interest(const r2x_table *t, const r2x_row *row)
{
    if (!row->label || strncasecmp(row->label, "other", 5))
        return 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *q = &t->rows[r];
        if (q != row && q->nvalues && q->label && text_contains_ci(q->label, "interest") &&
            !text_contains_ci(q->label, "noncontrolling") && !text_contains_ci(q->label, "minority"))
            return 1;
    }
    return 0;
}

static int operating_income_above(const row_bind *rb, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (rb[k].concept && !strcmp(rb[k].concept->qname, "us-gaap:OperatingIncomeLoss"))
            return 1;
    return 0;
}

/* The concept preparers use today in place of c; c itself when none. */
static const concept *prefer_current(const binder *b, const row_bind *rb, size_t i,
                                     const concept *c)
{
    const r2x_row *row = &b->t->rows[rb[i].row];
    for (size_t k = 0; k < sizeof current_concepts / sizeof *current_concepts; k++) {
        if (strcmp(c->qname, current_concepts[k].from))
            continue;
        int when = current_concepts[k].when;
        if ((when == ASC_606 && b->release.last_year < 2018) ||
            (when == NO_NONCONTROLLING && b->release.noncontrolling) ||
            (when == NO_PREFERRED && b->release.preferred) ||
            (when == AFTER_OPERATING_INCOME &&
             (b->t->statement != R2X_STMT_INCOME || !operating_income_above(rb, i))) ||
            (when == NONCURRENT && row->position != R2X_POS_NONCURRENT_ASSETS) ||
            (when == OTHER_BESIDE_INTEREST &&
             (b->t->statement != R2X_STMT_INCOME || !other_beside_interest(b->t, row))))
            return c;
        const concept *n = taxonomy_find(b->o->tax, current_concepts[k].to);
        return n ? n : c;
    }
    return c;
}

typedef struct row_cands {
    cand c[MAX_CANDIDATES];
    size_t n;
    const concept *general;   /* the choice without the prior filing */
} row_cands;

/* A concept preparers use today that another line of the table holds
 * already ("Other" is OtherNonoperatingIncomeExpense): the line keeps the
 * concept it was chosen for, one concept a line. */
static void keep_swaps_apart(row_bind *rb, const row_cands *rc, const int *pick, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (pick[i] < 0 || !rb[i].concept || rb[i].concept == rc[i].c[pick[i]].concept ||
            rb[i].source == BIND_SEGMENT)
            continue;
        for (size_t j = 0; j < n; j++)
            if (j != i && rb[j].concept == rb[i].concept) {
                rb[i].concept = rc[i].c[pick[i]].concept;
                break;
            }
    }
}

static int good_enough(const cand *c)
{
    return c->source == BIND_MAP ? c->score > 0.1 : c->score >= GOOD_ENOUGH;
}

/* Do two rows bound to concept c print different figures for one fact:
 * in a column both fill, unless one is the instant before the period
 * ("... at beginning of year") and the other its end? */
static int rows_disagree(const r2x_table *t, const r2x_row *a, const r2x_row *b,
                         const concept *c)
{
    if (c->period_type == R2X_PERIOD_INSTANT &&
        text_contains_ci(a->label, "beginning") != text_contains_ci(b->label, "beginning"))
        return 0;
    for (size_t k = 0; k < a->nvalues; k++) {
        const r2x_value *va = &a->values[k];
        if (!amount_role(t->columns[va->column].role) || va->nil_dash)
            continue;
        for (size_t q = 0; q < b->nvalues; q++)
            if (b->values[q].column == va->column && !b->values[q].nil_dash &&
                r2x_decimal_cmp(b->values[q].value, va->value))
                return 1;
    }
    return 0;
}

/* A mapping entry of the shared table with no dimensions. */
static int plain_entry(const map_entry *e)
{
    return e && !e->company && !e->ndims;
}

/* The company's last filing: a row whose figures are its facts takes their
 * concept first (in place of the same concept from another source); a row
 * whose label is its label gets that concept as a label candidate.  What
 * the row would have had without it is kept for the report. */
static int add_prior(const binder *b, const r2x_row *row, row_cands *rc, r2x_error *err)
{
    const bind_options *o = b->o;
    qsort(rc->c, rc->n, sizeof *rc->c, by_score_desc);
    /* (the concept preparers use today in its place is chosen with the
     * row's bind, where the rows above it are known) */
    rc->general = rc->n && good_enough(&rc->c[0]) ? rc->c[0].concept : NULL;
    row_facts f;
    row_facts_of(b->t, row, &f);
    prior_cand pc[4];
    size_t np;
    int rcode = prior_match_values(o->prior, o->tax, o->ext_prefix, b->t, row, pc, 4, &np, err);
    /* facts of equal value (Assets and LiabilitiesAndStockholdersEquity, basic
     * and diluted per share): the concept the row's own reading chose */
    for (size_t i = 0; i < np; i++) {
        double boost = 1;
        for (size_t k = 0; k < rc->n && boost == 1; k++)
            if (rc->c[k].concept == pc[i].concept)
                boost = pc[i].concept == rc->general ? 1.05 : 1.02;
        pc[i].score = fmin(1.0, pc[i].score * boost);
    }
    for (size_t i = 0; i < np && !rcode; i++) {
        /* the figures are the facts: of an instant concept too, in a flow's
         * column (cash at its end) */
        const concept *c = pc[i].concept;
        if (c->abstract || c->kind != CONCEPT_ITEM || (f.unit_kind && !bind_unit_fits(c, &f.unit)) ||
            pc[i].score < 0.5)
            continue;
        size_t k = 0;
        while (k < rc->n && rc->c[k].concept != pc[i].concept)
            k++;
        if (pc[i].weak && k == rc->n)
            continue;         /* two digits alone: the row's reading must name it too */
        if (k < rc->n && by_prior_value(&rc->c[k]))
            continue;         /* the same concept, better placed (fewer dimensions) */
        if (k == rc->n && rc->n == MAX_CANDIDATES)
            k--;              /* the weakest gives way */
        else if (k == rc->n)
            rc->n++;
        rc->c[k] = (cand){pc[i].concept, pc[i].entry, pc[i].score, BIND_PRIOR, ""};
        r2xi_strlcpy(rc->c[k].why, pc[i].why, sizeof rc->c[k].why);
    }
    int found = 0;
    if (!rcode && statement_table(b->t))
        rcode = prior_match_label(o->prior, o->tax, rc->general ? NULL : o->ext_prefix,
                                  row->label, &pc[0], &found, err);
    double ft = found ? fit(b, row, &f, pc[0].concept) : 0;
    if (ft)
        add_cand(rc->c, &rc->n, pc[0].concept, NULL, 0.8 * ft, BIND_PRIOR, pc[0].why);
    return rcode;
}

/* A statement shows a concept on one line: when the label table gives two
 * rows of a table the same concept, the row it fits less takes its next
 * candidate no other row has, or none.  Mapping table entries may repeat
 * (a subtotal printed twice; a company's own word; members of an axis),
 * unless two plain entries' rows print other figures: then the later row
 * gives way ("Net loss
 * attributable to Boeing common shareholders" under "... to Boeing
 * shareholders", "Cash & cash equivalents at end of period" under "...,
 * including restricted, at end of period"). */
static void one_row_a_concept(const r2x_table *t, const row_bind *rb, const row_cands *rc,
                              int *pick, size_t n)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (pick[i] < 0)
                continue;
            const cand *ci = &rc[i].c[pick[i]];
            for (size_t j = 0; j < n; j++) {
                if (j == i || pick[j] < 0 || rc[j].c[pick[j]].concept != ci->concept)
                    continue;
                const cand *cj = &rc[j].c[pick[j]];
                int yields = ci->source == BIND_LABELS
                             ? cj->score > ci->score || (cj->score == ci->score && j < i) ||
                                   cj->source == BIND_MAP
                             : cj->source == BIND_MAP && j < i && plain_entry(ci->entry) &&
                                   plain_entry(cj->entry) && rows_disagree(t, &t->rows[rb[i].row],
                                                      &t->rows[rb[j].row], ci->concept);
                if (yields) {
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

/* The calculation network of a table's statement, NULL none. */
static const char *statement_network(int statement)
{
    switch (statement) {
    case R2X_STMT_INCOME: return INCOME_NETWORK;
    case R2X_STMT_BALANCE_SHEET: return BALANCE_NETWORK;
    case R2X_STMT_CASH_FLOWS: return CASH_FLOW_NETWORK;
    }
    return NULL;
}

enum { ANCESTORS_MAX = 24, ANCESTOR_DEPTH = 3 };

typedef struct ancestor {
    const concept *c;
    int depth;
} ancestor;

/* c, then the summations it adds into in network, up to ANCESTOR_DEPTH
 * steps, each once at its nearest depth. */
static size_t ancestors_of(const taxonomy *tax, const concept *c, const char *network,
                           ancestor *out)
{
    size_t n = 0;
    out[n++] = (ancestor){c, 0};
    for (size_t head = 0; head < n; head++) {
        if (out[head].depth == ANCESTOR_DEPTH)
            continue;
        const taxonomy_arc *arcs;
        size_t na = taxonomy_calc_parents(tax, out[head].c, &arcs);
        for (size_t k = 0; k < na && n < ANCESTORS_MAX; k++) {
            if (!strstr(arcs[k].role, network))
                continue;
            size_t j = 0;
            while (j < n && out[j].c != arcs[k].parent)
                j++;
            if (j == n)
                out[n++] = (ancestor){arcs[k].parent, out[head].depth + 1};
        }
    }
    return n;
}

typedef struct vote {
    const concept *c;
    int lines, depth;          /* how many lines add into it; their summed distance */
} vote;

/* The summations the bound lines above a printed total add into, each with
 * how many lines reach it; *bound counts the lines bound to a standard
 * concept. */
static size_t line_votes(const binder *b, const row_bind *rb, const int *pick,
                         const row_cands *rc, size_t n, size_t total, vote *votes, size_t max,
                         int *bound)
{
    const char *network = statement_network(b->t->statement);
    size_t nv = 0;
    *bound = 0;
    if (!network)
        return 0;
    for (size_t j = 0; j < n; j++) {
        if (j == total || b->t->rows[rb[j].row].total != (int)rb[total].row || pick[j] < 0)
            continue;
        ancestor up[ANCESTORS_MAX];
        size_t na = ancestors_of(b->o->tax, rc[j].c[pick[j]].concept, network, up);
        (*bound)++;
        for (size_t a = 1; a < na; a++) {
            size_t v = 0;
            while (v < nv && votes[v].c != up[a].c)
                v++;
            if (v == nv) {
                if (nv == max)
                    continue;
                votes[nv++] = (vote){up[a].c, 0, 0};
            }
            votes[v].lines++;
            votes[v].depth += up[a].depth;
        }
    }
    return nv;
}

/* The concept the bound lines above a printed total add into: the summation
 * most of them reach, the nearest of equals; NULL where fewer than two lines,
 * or fewer than half of those bound to a standard concept, reach one.
 * ("Total costs and other deductions" over purchases, production expenses,
 * SG&A and depreciation is CostsAndExpenses, whatever its words.) */
static const concept *sum_of_lines(const binder *b, const row_bind *rb, const int *pick,
                                   const row_cands *rc, size_t n, size_t total)
{
    vote votes[64];
    int bound;
    size_t nv = line_votes(b, rb, pick, rc, n, total, votes, sizeof votes / sizeof *votes, &bound);
    const vote *best = NULL;
    for (size_t v = 0; v < nv; v++)
        if (!best || votes[v].lines > best->lines ||
            (votes[v].lines == best->lines && votes[v].depth < best->depth))
            best = &votes[v];
    if (!best || best->lines < 2 || 2 * best->lines < bound)
        return NULL;
    return best->c;
}

/* Total row i takes concept c from its lines (BIND_SUM, why), where c fits
 * the row and no row holds it already; 1 if it did.  The candidate goes
 * in a free slot, or the last one when that is not the one held. */
static int take_from_lines(const binder *b, const row_bind *rb, row_cands *rc, int *pick,
                           size_t n, size_t i, const concept *c, const char *why)
{
    row_facts f;
    row_facts_of(b->t, &b->t->rows[rb[i].row], &f);
    if (!c || !fit(b, &b->t->rows[rb[i].row], &f, c))
        return 0;
    for (size_t q = 0; q < n; q++)
        if (pick[q] >= 0 && rc[q].c[pick[q]].concept == c)
            return 0;
    size_t k = rc[i].n < MAX_CANDIDATES ? rc[i].n++ : rc[i].n - 1;
    if ((int)k == pick[i])
        return 0;
    rc[i].c[k] = (cand){c, NULL, GOOD_ENOUGH, BIND_SUM, ""};
    r2xi_strlcpy(rc[i].c[k].why, why, sizeof rc[i].c[k].why);
    pick[i] = (int)k;
    return 1;
}

/* A printed total that no label reading fits takes the concept its lines
 * add into, where that fits the row and no other row holds it.  (A guess
 * from some words in common stays: "Total revenues and other income" over
 * revenues, equity income and other income is Revenues to its preparer,
 * though the lines reach pre-tax income first.) */
static void totals_from_lines(const binder *b, const row_bind *rb, row_cands *rc, int *pick,
                              size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const r2x_row *row = &b->t->rows[rb[i].row];
        if (pick[i] >= 0 || (!row->is_total && !row->sum_checks))
            continue;
        take_from_lines(b, rb, rc, pick, n, i, sum_of_lines(b, rb, pick, rc, n, i),
                        "the concept its lines add into");
    }
}

/* c is, or adds into within network, the concept of local name name. */
static int reaches(const binder *b, const concept *c, const char *name, const char *network)
{
    ancestor up[ANCESTORS_MAX];
    size_t na = ancestors_of(b->o->tax, c, network, up);
    for (size_t a = 0; a < na; a++)
        if (!strcmp(local_name(up[a].c), name))
            return 1;
    return 0;
}

/* A printed total of costs that adds up a cost of revenue ("Cost of
 * sales": a CostOf... concept in CostOfRevenue, not a provision for
 * losses that some industries count there) though its words name a
 * summation without it takes the summation above both:
 * "Total operating expenses" over cost of sales, selling and
 * administrative lines is CostsAndExpenses, as operating expenses
 * exclude the cost of sales.  A company's own entry or its prior filing's
 * concept stays. */
static void widen_totals(const binder *b, const row_bind *rb, row_cands *rc, int *pick, size_t n)
{
    if (b->t->statement != R2X_STMT_INCOME)
        return;
    for (size_t i = 0; i < n; i++) {
        const r2x_row *row = &b->t->rows[rb[i].row];
        if (pick[i] < 0 || (!row->is_total && !row->sum_checks))
            continue;
        const cand *held = &rc[i].c[pick[i]];
        if (held->source == BIND_PRIOR || (held->entry && held->entry->company) ||
            held->concept->balance != BALANCE_DEBIT ||
            reaches(b, held->concept, "CostOfRevenue", INCOME_NETWORK))
            continue;
        const concept *cost = NULL;
        for (size_t j = 0; j < n && !cost; j++)
            if (j != i && pick[j] >= 0 && b->t->rows[rb[j].row].total == (int)rb[i].row &&
                !strncmp(local_name(rc[j].c[pick[j]].concept), "CostOf", 6) &&
                reaches(b, rc[j].c[pick[j]].concept, "CostOfRevenue", INCOME_NETWORK))
                cost = rc[j].c[pick[j]].concept;
        if (!cost)
            continue;
        /* the summation above the one held that the cost of revenue reaches too */
        const taxonomy_arc *arcs;
        size_t na = taxonomy_calc_parents(b->o->tax, held->concept, &arcs);
        const concept *up = NULL;
        for (size_t k = 0; k < na && !up; k++)
            if (strstr(arcs[k].role, INCOME_NETWORK) && arcs[k].weight > 0 &&
                arcs[k].parent->balance == BALANCE_DEBIT &&
                reaches(b, cost, local_name(arcs[k].parent), INCOME_NETWORK))
                up = arcs[k].parent;
        take_from_lines(b, rb, rc, pick, n, i, up,
                        "its lines add a cost of revenue, which the concept its words name excludes");
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

/* Does row name common shareholders below a line of preferred dividends
 * of its table ("Less: Mandatory convertible preferred stock dividends")? */
static int common_after_preferred_dividends(const r2x_table *t, const r2x_row *row)
{
    if (!row->label || !text_contains_ci(row->label, "common") ||
        (!text_contains_ci(row->label, "holders") && !text_contains_ci(row->label, "owners")))
        return 0;
    for (const r2x_row *q = t->rows; q < row; q++)
        if (q->nvalues && q->label && text_contains_ci(q->label, "preferred") &&
            text_contains_ci(q->label, "dividend"))
            return 1;
    return 0;
}

/* A line of continuing operations ("Net cash provided by continuing
 * operating activities", above the discontinued line and the total) is
 * the concept's ContinuingOperations variant where the taxonomy has one. */
static const concept *continuing_variant(const binder *b, const r2x_row *row, const concept *c)
{
    static const char suffix[] = "ContinuingOperations";
    size_t n = strlen(c->qname);
    char name[300];
    if (!text_contains_ci(row->label, "continuing") || n + sizeof suffix > sizeof name ||
        (n >= sizeof suffix - 1 && !strcmp(c->qname + n - (sizeof suffix - 1), suffix)))
        return c;
    memcpy(name, c->qname, n);
    memcpy(name + n, suffix, sizeof suffix);
    const concept *v = taxonomy_find(b->o->tax, name);
    return v && !v->deprecated && v->period_type == c->period_type && v->balance == c->balance
               ? v : c;
}

/* The label speaks of discontinued operations and the concept does not, or
 * the other way round ("Net cash used in discontinued operating
 * activities" is no NetCashProvidedByUsedInOperatingActivities). */
static int discontinued_disagrees(const binder *b, const r2x_row *row, const concept *c)
{
    /* a disposal group "including discontinued operations" is any held for sale */
    int concept_says = strstr(c->qname, "Discontinued") && !strstr(c->qname, "DisposalGroup");
    if (text_contains_ci(row->label, "discontinued"))
        return !concept_says;
    /* "Basic" under "Discontinued operations": the heading says it */
    return concept_says && !(b->block && text_contains_ci(b->block, "discontinued")) &&
           !(b->section && text_contains_ci(b->section, "discontinued"));
}

/* One candidate list per labeled row with figures, best first; a row_bind
 * for each in out->binds from index first.  Also tracks the per-share
 * block ("Basic", "Diluted") and the section heading each row stands in. */
static int gather_rows(binder *b, binding *out, row_cands *rc, size_t *count, r2x_error *err)
{
    const r2x_table *t = b->t;
    const r2x_fiscal_calendar *cal = r2x_profile_calendar(b->o->profile);
    const char *per_share_block = NULL;
    int rcode = R2X_OK;
    size_t n = 0;
    b->section = NULL;
    for (size_t r = 0; r < t->nrows && !rcode; r++) {
        const r2x_row *row = &t->rows[r];
        if (is_section_heading(t, r))
            b->section = row->label;
        /* "Basic" or "Assuming dilution" over per-share lines of their own */
        if (row->label && !row->nvalues)
            per_share_block = !strncasecmp(row->label, "basic", 5) ? "Basic"
                              : text_contains_ci(row->label, "dilut") ? "Diluted"
                              : per_share_block;
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
        for (size_t k = 0; k < rc[n].n; k++)
            if (!rc[n].c[k].entry || !rc[n].c[k].entry->company) {
                rc[n].c[k].concept = continuing_variant(b, row, rc[n].c[k].concept);
                /* the result "attributable to common shareholders" below a
                 * deduction of preferred dividends is what is available to
                 * them */
                if (!strcmp(rc[n].c[k].concept->qname, "us-gaap:NetIncomeLoss") &&
                    t->statement == R2X_STMT_INCOME && common_after_preferred_dividends(t, row)) {
                    const concept *v = taxonomy_find(b->o->tax,
                        "us-gaap:NetIncomeLossAvailableToCommonStockholdersBasic");
                    rc[n].c[k].concept = v ? v : rc[n].c[k].concept;
                }
                if (discontinued_disagrees(b, row, rc[n].c[k].concept))
                    rc[n].c[k].score = 0;
            }
        if (b->o->prior && (rcode = add_prior(b, row, &rc[n], err)))
            break;
        qsort(rc[n].c, rc[n].n, sizeof *rc[n].c, by_score_desc);
        if (buf_add(&out->binds, &bind, sizeof bind)) {
            rcode = R2X_ENOMEM;
            break;
        }
        n++;
    }
    *count = n;
    return rcode;
}

/* Row i takes its picked candidate (and the runner-up, for `map`), or an
 * extension concept where none fits a statement line. */
static int settle_row(binder *b, row_bind *bind, const row_cands *rc, int pick,
                      const row_bind *rb, size_t i, r2x_error *err)
{
    const r2x_table *t = b->t;
    const r2x_row *row = &t->rows[bind->row];
    const cand *best = pick >= 0 ? &rc->c[pick] : NULL;
    if (best) {
        bind->concept = (best->entry && best->entry->company) || best->source == BIND_PRIOR
                            ? best->concept
                            : prefer_current(b, rb, i, best->concept);
        if (best->source == BIND_PRIOR)
            bind->general = rc->general ? prefer_current(b, rb, i, rc->general) : NULL;
        bind->entry = best->entry;
        bind->source = best->source;
        bind->score = best->score;
        r2xi_strlcpy(bind->why, best->why, sizeof bind->why);
        for (size_t k = 0; k < rc->n; k++)
            if ((int)k != pick) {
                bind->runner_up = rc->c[k].concept;
                bind->runner_score = rc->c[k].score;
                break;
            }
        return R2X_OK;
    }
    if (!b->o->ext_prefix || !statement_table(t)) {
        bind->reported = statement_table(t);
        return R2X_OK;
    }
    const cand *top = rc->n ? &rc->c[0] : NULL;
    row_facts f;
    row_facts_of(t, row, &f);
    int rcode = make_extension(b, row, &f, &bind->concept, &bind->sign, &bind->sign_rule, err);
    bind->source = BIND_EXTENSION;
    snprintf(bind->why, sizeof bind->why, "no concept fits%s%s",
             top ? "; the best was " : "", top ? top->concept->qname : "");
    if (top) {
        bind->runner_up = top->concept;
        bind->runner_score = top->score;
    }
    return rcode;
}

/* ---- Products and services ----------------------------------------------------------- */

enum { PS_NONE, PS_REVENUE, PS_COST };

/* What a line of an income statement's product/service breakdown is:
 * PS_REVENUE ("Sales of products", "Service revenues"), PS_COST ("Cost of
 * services"), its member in *member; PS_NONE for any other line. */
static int product_or_service(const char *label, const char **member)
{
    static const char *const revenue_heads[] = {"sales of ", "revenues from ", "revenue from ",
                                                "revenues of ", "revenue of ", NULL};
    static const char *const revenue_tails[] = {" sales", " revenues", " revenue", NULL};
    char l[128];
    if (!label || strlen(label) >= sizeof l)
        return PS_NONE;
    size_t n = 0;
    for (const char *p = label; *p; p++)
        l[n++] = (char)tolower((unsigned char)*p);
    l[n] = '\0';
    const char *w = strncmp(l, "net ", 4) ? l : l + 4;
    int kind = PS_NONE;
    const char *what = NULL;
    if (!strncmp(w, "cost of ", 8)) {
        kind = PS_COST;
        what = w + 8;
    }
    for (size_t i = 0; !kind && revenue_heads[i]; i++)
        if (!strncmp(w, revenue_heads[i], strlen(revenue_heads[i]))) {
            kind = PS_REVENUE;
            what = w + strlen(revenue_heads[i]);
        }
    for (size_t i = 0; !kind && revenue_tails[i]; i++) {
        size_t k = strlen(revenue_tails[i]), m = strlen(w);
        if (m > k && !strcmp(w + m - k, revenue_tails[i])) {
            kind = PS_REVENUE;
            what = w;
        }
    }
    if (!kind)
        return PS_NONE;
    /* "products" or "services" and nothing else ("Cost of products sold" too) */
    static const struct { const char *word, *member; } kinds[] = {
        {"products", "us-gaap:ProductMember"}, {"product", "us-gaap:ProductMember"},
        {"services", "us-gaap:ServiceMember"}, {"service", "us-gaap:ServiceMember"}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t k = strlen(kinds[i].word);
        if (strncmp(what, kinds[i].word, k))
            continue;
        const char *rest = what + k;
        if (*rest && strcmp(rest, " sold") && strcmp(rest, " sales") && strcmp(rest, " revenues") &&
            strcmp(rest, " revenue"))
            continue;
        *member = kinds[i].member;
        return kind;
    }
    return PS_NONE;
}

/* Lines that split revenues or costs into products and services (both
 * printed, adding into one total) are the total's measure under
 * srt:ProductOrServiceAxis: "Sales of products" is Revenues of
 * ProductMember, "Cost of services" CostOfGoodsAndServicesSold of
 * ServiceMember, as filers tag them. */
static int product_service_lines(binder *b, binding *out, size_t first, const row_cands *rc,
                                 const int *pick, size_t n, r2x_error *err)
{
    const r2x_table *t = b->t;
    if (t->statement != R2X_STMT_INCOME || !b->o->ext_prefix)
        return R2X_OK;
    row_bind *rb = (row_bind *)(void *)out->binds.data + first;
    for (size_t i = 0; i < n; i++) {
        const r2x_row *row = &t->rows[rb[i].row];
        const char *member = NULL, *other_member = NULL;
        int kind = product_or_service(row->label, &member);
        if (!kind || row->total < 0 || rb[i].source == BIND_PRIOR ||
            (rb[i].entry && rb[i].entry->company))
            continue;
        /* the other half of the breakdown, into the same total */
        int both = 0;
        for (size_t j = 0; j < n && !both; j++)
            both = j != i && t->rows[rb[j].row].total == row->total &&
                   product_or_service(t->rows[rb[j].row].label, &other_member) == kind &&
                   strcmp(other_member, member);
        if (!both)
            continue;
        const concept *measure = NULL;
        for (size_t j = 0; j < n && !measure; j++)
            if ((int)rb[j].row == row->total && pick[j] >= 0 && kind == PS_REVENUE &&
                strstr(rc[j].c[pick[j]].concept->qname, "Revenue"))
                measure = rc[j].c[pick[j]].concept;
        if (!measure)
            measure = taxonomy_find(b->o->tax, kind == PS_REVENUE
                                                   ? "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"
                                                   : "us-gaap:CostOfGoodsAndServicesSold");
        if (!measure)
            continue;
        map_entry *e = calloc(1, sizeof *e);
        if (!e || buf_add(&out->entries, &e, sizeof e)) {
            free(e);
            return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        }
        e->statement = R2X_STMT_INCOME;
        e->concept = measure;
        e->file = "products and services";
        if (add_dim(e, "srt:ProductOrServiceAxis", member))
            return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        rb[i].concept = measure;
        rb[i].entry = e;
        rb[i].source = BIND_SEGMENT;
        rb[i].score = 1;
        snprintf(rb[i].why, sizeof rb[i].why, "a %s line of products and services: %s",
                 kind == PS_REVENUE ? "revenue" : "cost", member);
    }
    return R2X_OK;
}

/* Each bound row's sign: the prior filing's where it bound the row, else
 * the concept's convention against the printed sign. */
static void sign_rows(binder *b, row_bind *rb, size_t n)
{
    const r2x_table *t = b->t;
    b->sign.expenses_negative =
        t->statement == R2X_STMT_INCOME && prints_expenses_negative(b, rb, n);
    for (size_t i = 0; i < n; i++)
        if (rb[i].source == BIND_PRIOR && rb[i].entry) {
            rb[i].sign = rb[i].entry->negate ? -1 : 1;
            rb[i].sign_rule = rb[i].entry->negate ? "the prior filing's fact is the figure negated"
                                                  : "the prior filing's fact is the figure";
        } else if (rb[i].concept && rb[i].source != BIND_EXTENSION) {
            rb[i].sign = choose_sign(&b->sign, t, &t->rows[rb[i].row], rb[i].concept,
                                     rb[i].entry, &rb[i].sign_rule);
        }
    signs_from_sums(b, rb, n);
}

/* Gather candidates for every row, weigh them by the table's structure,
 * pick one concept per row, then signs and segment members. */
static int bind_table(binder *b, binding *out, r2x_error *err)
{
    const r2x_table *t = b->t;
    size_t first = out->binds.len / sizeof(row_bind);
    row_cands *rc = calloc(t->nrows ? t->nrows : 1, sizeof *rc);
    if (!rc)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    size_t n = 0;
    int rcode = gather_rows(b, out, rc, &n, err);
    row_bind *rb = (row_bind *)(void *)out->binds.data + first;
    if (!rcode)
        weigh_structure(b, rc, rb, n);
    int *pick = rcode ? NULL : malloc((n ? n : 1) * sizeof *pick);
    if (!rcode && !pick)
        rcode = R2X_ENOMEM;
    for (size_t i = 0; i < n && !rcode; i++)
        pick[i] = rc[i].n && good_enough(&rc[i].c[0]) ? 0 : -1;
    if (!rcode) {
        one_row_a_concept(t, rb, rc, pick, n);
        totals_from_lines(b, rb, rc, pick, n);
        widen_totals(b, rb, rc, pick, n);
    }
    if (!rcode)
        rcode = product_service_lines(b, out, first, rc, pick, n, err);
    for (size_t i = 0; i < n && !rcode; i++)
        if (rb[i].source != BIND_SEGMENT)
            rcode = settle_row(b, &rb[i], &rc[i], pick[i], rb, i, err);
    if (!rcode)
        keep_swaps_apart(rb, rc, pick, n);
    if (!rcode) {
        sign_rows(b, rb, n);
        rcode = bind_segments(b, out, rb, n, err);
    }
    free(pick);
    free(rc);
    if (rcode == R2X_ENOMEM)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
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
            if (flow->table->statement != R2X_STMT_CASH_FLOWS ||
                (flow->source == BIND_PRIOR && flow->entry))
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
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    buf_init(&bd->binds, R2X_BUF_NOCAP);
    buf_init(&bd->entries, R2X_BUF_NOCAP);
    bd->set = set;
    binder b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.sign.tax = o->tax;
    scan_release(set, &b.release);
    int rc = R2X_OK;
    for (size_t i = 0; i < set->ntables && !rc; i++) {
        bd->first[i] = bd->binds.len / sizeof(row_bind);
        b.t = &set->tables[i];
        rc = bind_table(&b, bd, err);
    }
    bd->first[set->ntables] = bd->binds.len / sizeof(row_bind);
    if (!rc && agree_across_statements(bd))
        rc = r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
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
    map_entry **e = (map_entry **)(void *)b->entries.data;
    for (size_t i = 0; i < b->entries.len / sizeof *e; i++) {
        for (size_t d = 0; d < e[i]->ndims; d++) {
            free(e[i]->dims[d].axis);
            free(e[i]->dims[d].member);
        }
        free(e[i]);
    }
    buf_release(&b->entries);
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
