/*
 * test_labels.c - unit tests for labels.c (TAP output):
 *
 *   - labels_key: the canonical words of a label ("&" and SG&A, R&D, PP&E
 *     written out, "non"/"pre" joined, singulars, synonyms, stop words);
 *   - a small table of our own with a small dictionary: exact lookup and its
 *     evidence, the match without the label's parentheticals, lookup by words,
 *     ranking (three companies' shown label over the standard label over one
 *     filing's), the statement's fit (period type), the concept statistics,
 *     members apart from line items, deprecated and abstract concepts never
 *     offered (but offered without a dictionary), max; the errors of a
 *     malformed table (code, line, message);
 *   - the shipped mappings/labels.tsv over taxonomy/us-gaap-2024.concepts:
 *     every row's key is labels_key of its label (the generator and the C code
 *     agree), and common release lines find the right concept among the top 3.
 *
 * Fixtures go into a mkdtemp directory under /tmp, removed at the end.
 */
#include "labels.h"
#include "taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static char tmpdir[64];
static char paths[8][256];
static size_t npaths;

static const char *fixture(const char *name, const char *text)
{
    char want[256];
    snprintf(want, sizeof want, "%s/%s", tmpdir, name);
    size_t i = 0;
    while (i < npaths && strcmp(paths[i], want))
        i++;
    if (i == sizeof paths / sizeof *paths) {
        printf("Bail out! too many fixtures\n");
        exit(1);
    }
    char *path = paths[i];
    npaths += i == npaths;
    strcpy(path, want);
    FILE *fp = fopen(path, "w");
    if (!fp || fputs(text, fp) == EOF || fclose(fp)) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    return path;
}

static void cleanup(void)
{
    for (size_t i = 0; i < npaths; i++)
        unlink(paths[i]);
    rmdir(tmpdir);
}

/* ---- labels_key ---------------------------------------------------------------- */

static void key_is(const char *label, const char *want)
{
    char key[512];
    labels_key(label, key, sizeof key);
    is_str(key, want, "key of '%s'", label);
}

static void test_keys(void)
{
    key_is("Accounts payable & accrued expenses", "account payable accrued expense");
    key_is("Accounts Payable and Accrued Expenses", "account payable accrued expense");
    key_is("SG&A", "selling general administrative");
    key_is("Selling, general & administrative", "selling general administrative");
    key_is("R & D expense", "research development expense");
    key_is("PP&E, net", "property plant equipment net");
    key_is("Non-current liabilities", "noncurrent liability");
    key_is("Pre-tax income", "pretax income");
    key_is("Shareholders' equity", "stockholder equity");
    key_is("Total liabilities and shareowners\xe2\x80\x99 equity", "total liability stockholder equity");
    key_is("Net cash provided by operating activities", "net cash provided operating activity");
    key_is("Income taxes", "income tax");
    key_is("Losses on sales", "loss sale");
    key_is("Business and status basis", "business status basis");
    key_is("Cost of goods sold\xc2\xb9", "cost good sold");
    key_is("Capex", "capital expenditure");
    key_is("Caps & floors", "cap floor");      /* "&" is "and" anywhere */
    key_is("GSG&AB", "gsg ab");       /* not the abbreviation inside a word: "&" alone */
    /* either way round: one key */
    key_is("Other operating expense (income), net", "other operating expense income net");
    key_is("Other operating income (expense), net", "other operating expense income net");
    key_is("Net cash (used in) provided by financing activities",
           "net cash provided used financing activity");
    key_is("Gain (loss) on sale, loss (gain) on disposal", "gain loss sale gain loss disposal");
    key_is("Income (loss) expense", "income loss expense");   /* a swapped word stays put */
    key_is("", "");
    char small[8];
    labels_key("Accounts payable", small, sizeof small);
    is_str(small, "account", "key cut at a word when out of room");
}

/* ---- A small table ------------------------------------------------------------------- */

static const char small_dict[] =
    "@namespace us-gaap http://fasb.org/us-gaap/2024\n"
    "@namespace srt http://fasb.org/srt/2024\n"
    "@namespace xbrli http://www.xbrl.org/2003/instance\n"
    "@type-namespace dtr-types http://www.xbrl.org/dtr/type/2022-03-31\n"
    "@concepts\n"
    "us-gaap:AccountsPayableCurrent xbrli:monetaryItemType instant credit\n"
    "us-gaap:IncreaseDecreaseInAccountsPayable xbrli:monetaryItemType duration debit\n"
    "us-gaap:Revenues xbrli:monetaryItemType duration credit\n"
    "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax xbrli:monetaryItemType duration credit\n"
    "us-gaap:SalesRevenueNet xbrli:monetaryItemType duration credit deprecated\n"
    "us-gaap:NetCashProvidedByUsedInOperatingActivities xbrli:monetaryItemType duration -\n"
    "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment xbrli:monetaryItemType duration credit\n"
    "us-gaap:IncomeStatementAbstract xbrli:stringItemType duration - abstract\n"
    "srt:NorthAmericaMember dtr-types:domainItemType duration - abstract\n";

/* key label concept forms filings companies statements totals negated; sorted by key */
static const char small_table[] =
    "# a small table\n"
    "key\tlabel\tconcept\tforms\tfilings\tcompanies\tstatements\ttotals\tnegated\n"
    "account payable\taccounts payable\tus-gaap:AccountsPayableCurrent\tshown\t4\t3\tB\t0\t0\n"
    "account payable\taccounts payable\tus-gaap:IncreaseDecreaseInAccountsPayable\tshown\t3\t3\tC\t0\t0\n"
    "income statement\tincome statement\tus-gaap:IncomeStatementAbstract\tstandard\t0\t0\t-\t0\t0\n"
    "net cash provided operating activity\tnet cash provided by operating activities\t"
    "us-gaap:NetCashProvidedByUsedInOperatingActivities\tshown-stripped\t2\t2\tC\t2\t0\n"
    "net sale\tnet sales\tus-gaap:RevenueFromContractWithCustomerExcludingAssessedTax\tshown\t1\t1\tI\t0\t0\n"
    "net sale\tnet sales\tus-gaap:SalesRevenueNet\tshown\t9\t9\tI\t0\t0\n"
    "net sale\tnet sales\tus-gaap:Revenues\tstandard\t0\t0\t-\t0\t0\n"
    "north america\tnorth america\tsrt:NorthAmericaMember\tstandard-stripped\t0\t0\t-\t0\t0\n"
    "payment acquire property plant equipment\tpayments to acquire property plant and equipment\t"
    "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment\tstandard\t0\t0\t-\t0\t0\n"
    "revenue\trevenues\tus-gaap:Revenues\tshown,standard\t5\t4\tIO\t1\t0\n"
    "total\ttotal\tus-gaap:Revenues\tshown\t1\t1\tI\t1\t0\n";

static const char small_usage[] =
    "concept\tstatement\tsection\ttotal\tcompanies\n"
    "us-gaap:AccountsPayableCurrent\tbalance-sheet\tcurrent-liabilities\t0\t4800\n"
    "us-gaap:Revenues\tincome\trevenue\t1\t3110\n";

static const label_candidate *find(const label_candidate *c, size_t n, const char *qname)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].qname, qname))
            return &c[i];
    return NULL;
}

static void test_exact(const label_table *t)
{
    label_candidate c[8];
    size_t n = 99;
    int rc = labels_candidates(t, "Accounts payable", R2X_STMT_BALANCE_SHEET, c, 8, &n);
    ok(rc == R2X_OK && n == 2, "Accounts payable: two candidates (got %zu)", n);
    if (n < 2)
        return;
    is_str(c[0].qname, "us-gaap:AccountsPayableCurrent", "on the balance sheet: the instant first");
    ok(c[0].concept && c[0].concept == c[0].concept && c[0].match == LABEL_MATCH_EXACT &&
           c[0].similarity == 1.0, "exact match, with the concept");
    ok(c[0].forms == LABEL_FORM_SHOWN && c[0].filings == 4 && c[0].companies == 3 &&
           c[0].statements == LABEL_IN_BALANCE_SHEET && c[0].totals == 0,
       "its evidence: shown by 4 filings of 3 companies, on balance sheets");
    is_str(c[0].matched, "accounts payable", "the label that matched");
    ok(c[0].usage_statement == R2X_STMT_BALANCE_SHEET && c[0].usage_companies == 4800 &&
           c[0].usage_total == 0, "the concept's statistics");
    is_str(c[0].section, "current-liabilities", "its section");
    ok(c[1].usage_statement == -1 && !c[1].section && c[1].usage_total == -1 &&
           c[1].usage_companies == 0, "no statistics: unknown");
    ok(c[0].score > c[1].score && c[0].score <= 1.0 && c[1].score > 0,
       "scores in (0, 1], best first (%.3f, %.3f)", c[0].score, c[1].score);

    labels_candidates(t, "Accounts payable", R2X_STMT_CASH_FLOWS, c, 8, &n);
    ok(n == 2 && !strcmp(c[0].qname, "us-gaap:IncreaseDecreaseInAccountsPayable"),
       "in the cash flows: the change in payables first (got %s)", n ? c[0].qname : "-");
    labels_candidates(t, "accounts payable", -1, c, 1, &n);
    ok(n == 1 && !strcmp(c[0].qname, "us-gaap:AccountsPayableCurrent"),
       "max 1: the best only, statement unknown");
    labels_candidates(t, "accounts payable", -1, c, 0, &n);
    ok(n == 0, "max 0: none");
}

static void test_ranking(const label_table *t)
{
    label_candidate c[8];
    size_t n;
    labels_candidates(t, "Net sales", R2X_STMT_INCOME, c, 8, &n);
    ok(!find(c, n, "us-gaap:SalesRevenueNet"), "a deprecated concept is never offered, however "
       "many filings show it");
    ok(n >= 2 && !strcmp(c[0].qname, "us-gaap:Revenues") &&
           !strcmp(c[1].qname, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"),
       "the standard label ranks above a label one filing shows (%s, %s)",
       n ? c[0].qname : "-", n > 1 ? c[1].qname : "-");
    labels_candidates(t, "Revenues", R2X_STMT_INCOME, c, 8, &n);
    double both = n && !strcmp(c[0].qname, "us-gaap:Revenues") ? c[0].score : -1;
    labels_candidates(t, "Net sales", R2X_STMT_INCOME, c, 8, &n);
    ok(n && both > c[0].score, "shown by four companies and standard (%.3f) ranks above "
       "standard alone (%.3f)", both, n ? c[0].score : 0);
    labels_candidates(t, "Income statement", -1, c, 8, &n);
    ok(n == 0, "an abstract concept is never offered");
}

static void test_stripped_and_words(const label_table *t)
{
    label_candidate c[8];
    size_t n;
    labels_candidates(t, "Net cash provided by (used in) operating activities",
                      R2X_STMT_CASH_FLOWS, c, 8, &n);
    ok(n >= 1 && !strcmp(c[0].qname, "us-gaap:NetCashProvidedByUsedInOperatingActivities") &&
           c[0].match == LABEL_MATCH_STRIPPED,
       "the label without its parentheticals matches (match %d)", n ? c[0].match : 0);
    labels_candidates(t, "Purchases of property, plant & equipment", R2X_STMT_CASH_FLOWS, c, 8,
                      &n);
    ok(n >= 1 && !strcmp(c[0].qname, "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment") &&
           c[0].match == LABEL_MATCH_WORDS && c[0].similarity >= 0.5 && c[0].similarity < 1,
       "a label never seen finds the concept by its words (similarity %.2f)",
       n ? c[0].similarity : 0);
    labels_candidates(t, "Total net sales", R2X_STMT_INCOME, c, 8, &n);
    const label_candidate *total = find(c, n, "us-gaap:Revenues");
    ok(total && total->matched && strcmp(total->matched, "total") != 0,
       "'Total' alone is not like 'Total net sales'");
    labels_candidates(t, "Employees", -1, c, 8, &n);
    ok(n == 0, "no word in common: no candidate");
}

static void test_members(const label_table *t)
{
    label_candidate c[4];
    size_t n;
    labels_candidates(t, "North America", -1, c, 4, &n);
    ok(n == 0, "a member is not a line item's candidate");
    labels_members(t, "North America", c, 4, &n);
    ok(n == 1 && !strcmp(c[0].qname, "srt:NorthAmericaMember") && c[0].concept &&
           c[0].concept->kind == CONCEPT_MEMBER, "labels_members finds it");
    labels_members(t, "Accounts payable", c, 4, &n);
    ok(n == 0, "labels_members offers no line item");
}

static void test_small_table(void)
{
    taxonomy *tax = NULL;
    label_table *t = NULL, *bare = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = taxonomy_new(&tax, &err);
    if (!rc)
        rc = taxonomy_load(tax, fixture("small.concepts", small_dict), 0, &err);
    const char *table = fixture("small.tsv", small_table);
    const char *usage = fixture("small-usage.tsv", small_usage);
    if (!rc)
        rc = labels_load(&t, table, usage, tax, &err);
    ok(rc == R2X_OK && t, "the small table loads (%s, line %ld)", err.message, err.line);
    if (!rc) {
        ok(labels_rows(t) == 11, "11 rows (got %zu)", labels_rows(t));
        test_exact(t);
        test_ranking(t);
        test_stripped_and_words(t);
        test_members(t);
    }
    rc = labels_load(&bare, table, NULL, NULL, &err);
    label_candidate c[8];
    size_t n = 0;
    if (!rc)
        labels_candidates(bare, "Net sales", -1, c, 8, &n);
    ok(!rc && find(c, n, "us-gaap:SalesRevenueNet") && !c[0].concept,
       "without a dictionary: every row offered, no concept attached");
    labels_free(bare);
    labels_free(t);
    taxonomy_free(tax);
}

/* ---- Errors ------------------------------------------------------------------------ */

static void load_error(const char *what, const char *text, long line, const char *want)
{
    label_table *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    const char *path = fixture("bad.tsv", text);
    int rc = labels_load(&t, path, NULL, NULL, &err);
    ok(rc == R2X_EPROFILE && !t && err.line == line && strstr(err.message, want) &&
           !strcmp(err.file, path),
       "%s: R2X_EPROFILE at line %ld, '%s' (rc %d, line %ld: %s)", what, line, want, rc,
       err.line, err.message);
}

static void test_errors(void)
{
    load_error("too few fields", "net sale\tnet sales\tus-gaap:Revenues\tshown\t1\t1\tI\t0\n", 1,
               "9 tab-separated fields");
    load_error("an unknown form", "# c\nnet sale\tnet sales\tus-gaap:Revenues\tseen\t1\t1\tI\t0\t0\n",
               2, "malformed row");
    load_error("a bad count", "net sale\tnet sales\tus-gaap:Revenues\tshown\tmany\t1\tI\t0\t0\n", 1,
               "malformed row");
    load_error("a bad statement letter",
               "net sale\tnet sales\tus-gaap:Revenues\tshown\t1\t1\tX\t0\t0\n", 1, "malformed row");
    load_error("a key's rows apart",
               "a\ta\tus-gaap:A\tshown\t1\t1\t-\t0\t0\n"
               "b\tb\tus-gaap:B\tshown\t1\t1\t-\t0\t0\n"
               "a\ta\tus-gaap:C\tshown\t1\t1\t-\t0\t0\n", 3, "consecutive");
    load_error("not text", "net sale\tnet sales\tus-gaap:Revenues\tshown\t1\t1\tI\t0\t0\n"
                           "\x01\n", 2, "not UTF-8 text");
    label_table *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.tsv", tmpdir);
    int rc = labels_load(&t, missing, NULL, NULL, &err);
    ok(rc == R2X_EIO && strstr(err.message, "cannot open label table"),
       "a missing table: R2X_EIO (%s)", err.message);
    rc = labels_load(&t, fixture("ok.tsv", small_table),
                     fixture("bad-usage.tsv", "us-gaap:Revenues\tincome\t-\tmaybe\t1\n"), NULL, &err);
    ok(rc == R2X_EPROFILE && err.line == 1 && strstr(err.message, "malformed row"),
       "a bad concept statistics row: R2X_EPROFILE (%s)", err.message);
}

/* ---- The shipped table ----------------------------------------------------------------- */

typedef struct {
    const char *label;
    int statement;
    const char *want[2];
} common_line;

static const common_line common_lines[] = {
    {"Total net sales", R2X_STMT_INCOME,
     {"us-gaap:Revenues", "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"}},
    {"Net cash provided by operating activities", R2X_STMT_CASH_FLOWS,
     {"us-gaap:NetCashProvidedByUsedInOperatingActivities", NULL}},
    {"Accounts payable", R2X_STMT_BALANCE_SHEET, {"us-gaap:AccountsPayableCurrent", NULL}},
    {"Purchases of property and equipment", R2X_STMT_CASH_FLOWS,
     {"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", NULL}},
    {"Cash and cash equivalents", R2X_STMT_BALANCE_SHEET,
     {"us-gaap:CashAndCashEquivalentsAtCarryingValue", NULL}},
    {"Research and development", R2X_STMT_INCOME, {"us-gaap:ResearchAndDevelopmentExpense", NULL}},
    {"Total current liabilities", R2X_STMT_BALANCE_SHEET, {"us-gaap:LiabilitiesCurrent", NULL}},
    {"Diluted", R2X_STMT_INCOME, {"us-gaap:EarningsPerShareDiluted",
                                  "us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding"}},
};

/* Every row's key is labels_key_normalized of its label. */
static void check_keys(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    long rows = 0, bad = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || !strncmp(line, "key\t", 4))
            continue;
        char *tab = strchr(line, '\t'), *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
        if (!tab2)
            continue;
        *tab = *tab2 = '\0';
        char key[512];
        labels_key_normalized(tab + 1, key, sizeof key);
        rows++;
        if (strcmp(key, line) && bad++ < 5)
            printf("#   '%s': the table says '%s', labels_key_normalized '%s'\n", tab + 1, line,
                   key);
    }
    if (f)
        fclose(f);
    ok(rows > 1000 && bad == 0, "every key of labels.tsv is labels_key_normalized of its label "
       "(%ld rows, %ld differ)", rows, bad);
}

static void test_shipped(void)
{
    taxonomy *tax = NULL;
    label_table *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = taxonomy_new(&tax, &err);
    if (!rc)
        rc = taxonomy_load(tax, R2X_SRCDIR "/taxonomy/us-gaap-2024.concepts", 0, &err);
    if (!rc)
        rc = labels_load(&t, R2X_SRCDIR "/mappings/labels.tsv",
                         R2X_SRCDIR "/mappings/label-concepts.tsv", tax, &err);
    ok(rc == R2X_OK, "the shipped table loads with the shipped dictionary (%s, line %ld)",
       err.message, err.line);
    check_keys(R2X_SRCDIR "/mappings/labels.tsv");
    for (size_t i = 0; !rc && i < sizeof common_lines / sizeof *common_lines; i++) {
        const common_line *l = &common_lines[i];
        label_candidate c[3];
        size_t n = 0;
        labels_candidates(t, l->label, l->statement, c, 3, &n);
        int found = 0, deprecated = 0;
        for (size_t k = 0; k < n; k++) {
            for (size_t w = 0; w < 2 && l->want[w]; w++)
                found |= !strcmp(c[k].qname, l->want[w]);
            deprecated |= !c[k].concept || c[k].concept->deprecated;
        }
        ok(found && !deprecated, "'%s': %s among the top 3", l->label, l->want[0]);
        for (size_t k = 0; k < n; k++)
            printf("#   %.3f %s\n", c[k].score, c[k].qname);
    }
    labels_free(t);
    taxonomy_free(tax);
}

int main(void)
{
    strcpy(tmpdir, "/tmp/test_labels.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("Bail out! mkdtemp failed\n");
        return 1;
    }
    test_keys();
    test_small_table();
    test_errors();
    test_shipped();
    cleanup();
    return tap_done();
}
