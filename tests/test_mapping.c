/*
 * test_mapping.c - unit tests for taxonomy.c and mapping.c (TAP output):
 *
 *   - taxonomy_load: directives, concept metadata, schemas (@schema is an
 *     entry point, @import is not), extension concepts, and its errors (code,
 *     line, message); the sections of a whole-taxonomy dictionary (flags and
 *     kinds, @type-namespace, @labels, @calculation and @presentation with
 *     their indexes by parent and by child, @replaced-by) and their errors;
 *   - mapping_load: the errors of a malformed table (code, line, message) and
 *     the period-type rules (balance sheet instant, income duration, cash
 *     flows either);
 *   - label_normalize, pattern_normalize, pattern_match;
 *   - mapping_match: overlay before general table, first match in file order
 *     (exact and wildcard entries interleaved), statement filtering ("any",
 *     "other"), qualified patterns against the qualified forms only, plain
 *     patterns against the bare label only, dimensions and the sign.
 *
 * The fixtures are written into a mkdtemp directory under /tmp, removed at
 * the end.
 */
#include "mapping.h"
#include "taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static char tmpdir[64];
static char *written[64];
static size_t nwritten;

/* Write a fixture file into tmpdir; returns its path (owned by the list). */
static const char *fixture(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *fp = fopen(path, "w");
    if (!fp || fputs(text, fp) == EOF || fclose(fp)) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    for (size_t i = 0; i < nwritten; i++)
        if (!strcmp(written[i], path))
            return written[i];
    if (nwritten == sizeof written / sizeof *written) {
        printf("Bail out! too many fixtures\n");
        exit(1);
    }
    written[nwritten] = malloc(strlen(path) + 1);
    if (!written[nwritten]) {
        printf("Bail out! out of memory\n");
        exit(1);
    }
    strcpy(written[nwritten], path);
    return written[nwritten++];
}

static void cleanup(void)
{
    for (size_t i = 0; i < nwritten; i++) {
        unlink(written[i]);
        free(written[i]);
    }
    nwritten = 0;
    rmdir(tmpdir);
}

static int contains(const char *s, const char *sub)
{
    return s && sub && strstr(s, sub) != NULL;
}

/* ------------------------------------------------------------------------ */
/* Fixtures */

#define NS_LINES                                                        \
    "@namespace us-gaap http://fasb.org/us-gaap/2024\n"                 \
    "@namespace xbrli http://www.xbrl.org/2003/instance\n"

/* The dictionary: line numbers matter (see the checks). */
static const char base_dict[] =
    "# test dictionary\n"                                                             /* 1 */
    "@namespace us-gaap    http://fasb.org/us-gaap/2024\n"                            /* 2 */
    "@namespace xbrli      http://www.xbrl.org/2003/instance\n"                       /* 3 */
    "@namespace dtr-types  http://www.xbrl.org/dtr/type/2022-03-31\n"                 /* 4 */
    "@namespace srt        http://fasb.org/srt/2024\n"                                /* 5 */
    "@schema us-gaap  https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd\n"     /* 6 */
    "@import dtr-types  https://www.xbrl.org/dtr/type/2022-03-31/types.xsd\n"         /* 7 */
    "\n"                                                                              /* 8 */
    "us-gaap:Revenues  xbrli:monetaryItemType  duration  credit\n"                    /* 9 */
    "us-gaap:Assets\txbrli:monetaryItemType\tinstant\tdebit   # a comment\n"          /* 10 */
    "us-gaap:EarningsPerShareBasic  dtr-types:perShareItemType  duration  -\n"        /* 11 */
    "us-gaap:StatementLineItems  xbrli:stringItemType  duration  -  abstract\n"       /* 12 */
    "us-gaap:CashAndCashEquivalentsAtCarryingValue xbrli:monetaryItemType instant debit\n"
    "us-gaap:CostOfGoodsAndServicesSold xbrli:monetaryItemType duration debit\n"
    "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment xbrli:monetaryItemType duration credit\n"
    "us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment xbrli:monetaryItemType duration debit\n"
    "us-gaap:IncreaseDecreaseInAccountsReceivable xbrli:monetaryItemType duration credit\n"
    "us-gaap:IncreaseDecreaseInOperatingCapital xbrli:monetaryItemType duration credit\n"
    "us-gaap:NetIncomeLoss xbrli:monetaryItemType duration credit\n"
    "us-gaap:OperatingIncomeLoss xbrli:monetaryItemType duration credit\n"
    "us-gaap:EarningsPerShareDiluted dtr-types:perShareItemType duration -\n"
    "us-gaap:StockholdersEquity xbrli:monetaryItemType instant credit\n";

static const char ext_dict[] =
    "# company extension concepts\n"                                            /* 1 */
    "@namespace iij http://www.iij.ad.jp/xbrl/2024\n"                           /* 2 */
    "iij:SystemsIntegrationRevenue xbrli:monetaryItemType duration credit\n"    /* 3 */
    "iij:NetSalesOverlay xbrli:monetaryItemType duration credit\n"              /* 4 */
    "iij:SegmentAbstract xbrli:stringItemType duration - abstract\n";           /* 5 */

/* ------------------------------------------------------------------------ */
/* taxonomy_load */

static void test_taxonomy_valid(void)
{
    taxonomy *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    ok(taxonomy_new(&t, &err) == R2X_OK && t, "taxonomy_new");
    const char *path = fixture("base.concepts", base_dict);
    int rc = taxonomy_load(t, path, 0, &err);
    ok(rc == R2X_OK, "valid dictionary loads (rc %d: %s)", rc, err.message);

    const concept *c = taxonomy_find(t, "us-gaap:Revenues");
    ok(c != NULL, "us-gaap:Revenues found");
    if (c) {
        is_str(c->qname, "us-gaap:Revenues", "Revenues: qname");
        is_str(c->type, "xbrli:monetaryItemType", "Revenues: type");
        ok(c->period_type == R2X_PERIOD_DURATION, "Revenues: duration");
        ok(c->balance == BALANCE_CREDIT, "Revenues: credit");
        ok(!c->abstract, "Revenues: not abstract");
        ok(!c->extension, "Revenues: not an extension concept");
        is_str(c->file, path, "Revenues: file");
        ok(c->line == 9, "Revenues: line 9 (got %ld)", c->line);
    }
    c = taxonomy_find(t, "us-gaap:Assets");
    ok(c && c->period_type == R2X_PERIOD_INSTANT && c->balance == BALANCE_DEBIT &&
           !c->abstract && c->line == 10,
       "Assets (tab-separated, trailing comment): instant, debit, line 10");
    if (c)
        is_str(c->type, "xbrli:monetaryItemType", "Assets: type");
    c = taxonomy_find(t, "us-gaap:EarningsPerShareBasic");
    ok(c && c->period_type == R2X_PERIOD_DURATION && c->balance == BALANCE_NONE &&
           !c->abstract,
       "EarningsPerShareBasic: duration, no balance");
    if (c)
        is_str(c->type, "dtr-types:perShareItemType", "EarningsPerShareBasic: type");
    c = taxonomy_find(t, "us-gaap:StatementLineItems");
    ok(c && c->abstract && c->balance == BALANCE_NONE && c->period_type == R2X_PERIOD_DURATION &&
           c->line == 12,
       "StatementLineItems: abstract, line 12");
    c = taxonomy_find(t, "us-gaap:StockholdersEquity");
    ok(c && c->period_type == R2X_PERIOD_INSTANT && c->balance == BALANCE_CREDIT,
       "StockholdersEquity: instant, credit");
    ok(taxonomy_find(t, "us-gaap:Nothing") == NULL, "unknown concept: NULL");
    ok(taxonomy_find(t, "Revenues") == NULL, "local name alone: NULL");

    is_str(taxonomy_namespace(t, "us-gaap"), "http://fasb.org/us-gaap/2024",
           "namespace of us-gaap");
    is_str(taxonomy_namespace(t, "srt"), "http://fasb.org/srt/2024", "namespace of srt");
    ok(taxonomy_namespace(t, "iij") == NULL, "undeclared prefix: NULL");
    ok(taxonomy_namespace_count(t) == 4, "four namespaces (got %zu)",
       taxonomy_namespace_count(t));
    const char *prefix = NULL;
    is_str(taxonomy_namespace_at(t, 2, &prefix), "http://www.xbrl.org/dtr/type/2022-03-31",
           "third namespace: URI");
    is_str(prefix, "dtr-types", "third namespace: prefix");

    ok(taxonomy_schema_count(t) == 2, "two schemas (got %zu)", taxonomy_schema_count(t));
    if (taxonomy_schema_count(t) == 2) {
        int entry = -1;
        prefix = NULL;
        is_str(taxonomy_schema_entry(t, 0, &prefix, &entry),
               "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd", "@schema: URL");
        is_str(prefix, "us-gaap", "@schema: prefix");
        ok(entry == 1, "@schema is an entry point");
        entry = -1;
        prefix = NULL;
        is_str(taxonomy_schema_entry(t, 1, &prefix, &entry),
               "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd", "@import: URL");
        is_str(prefix, "dtr-types", "@import: prefix");
        ok(entry == 0, "@import is not an entry point");
        prefix = NULL;
        is_str(taxonomy_schema(t, 1, &prefix),
               "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd", "taxonomy_schema(1)");
        is_str(prefix, "dtr-types", "taxonomy_schema(1): prefix");
    }
    ok(taxonomy_extension_count(t) == 0, "no extension concepts before the extension");

    /* the company's extension concepts */
    const char *epath = fixture("ext.concepts", ext_dict);
    rc = taxonomy_load(t, epath, 1, &err);
    ok(rc == R2X_OK, "extension dictionary loads (rc %d: %s)", rc, err.message);
    ok(taxonomy_extension_count(t) == 3, "three extension concepts (got %zu)",
       taxonomy_extension_count(t));
    if (taxonomy_extension_count(t) == 3) {
        const concept *e0 = taxonomy_extension_at(t, 0);
        const concept *e2 = taxonomy_extension_at(t, 2);
        is_str(e0->qname, "iij:SystemsIntegrationRevenue", "first extension concept");
        ok(e0 == taxonomy_find(t, "iij:SystemsIntegrationRevenue"),
           "extension_at(0) is the concept taxonomy_find returns");
        ok(e0->extension == 1, "extension flag set");
        is_str(e0->file, epath, "extension concept: file");
        ok(e0->line == 3, "extension concept: line 3 (got %ld)", e0->line);
        is_str(taxonomy_extension_at(t, 1)->qname, "iij:NetSalesOverlay",
               "second extension concept");
        is_str(e2->qname, "iij:SegmentAbstract", "third extension concept");
        ok(e2->abstract && e2->extension, "third: abstract extension concept");
    }
    c = taxonomy_find(t, "us-gaap:Revenues");
    ok(c && !c->extension, "base concept still not an extension after the extension load");
    is_str(taxonomy_namespace(t, "iij"), "http://www.iij.ad.jp/xbrl/2024",
           "extension namespace declared");
    ok(taxonomy_schema_count(t) == 2, "extension adds no schema");

    /* a missing file */
    char missing[256];
    snprintf(missing, sizeof missing, "%s/missing.concepts", tmpdir);
    r2x_error_clear(&err);
    rc = taxonomy_load(t, missing, 0, &err);
    ok(rc == R2X_EIO && err.code == R2X_EIO, "missing dictionary: R2X_EIO (rc %d)", rc);
    is_str(err.file, missing, "missing dictionary: err.file");
    ok(contains(err.message, "cannot open"), "missing dictionary: message '%s'", err.message);

    taxonomy_free(t);
}

/* A whole-taxonomy dictionary: sections after the concepts. */
static const char sections_dict[] =
    NS_LINES                                                                           /* 1-2 */
    "@type-namespace us-types http://fasb.org/us-types/2024\n"                         /* 3 */
    "@concepts\n"                                                                      /* 4 */
    "us-gaap:CostOfRevenue xbrli:monetaryItemType duration debit\n"                    /* 5 */
    "us-gaap:GrossProfit xbrli:monetaryItemType duration credit\n"                     /* 6 */
    "us-gaap:OperatingIncomeLoss xbrli:monetaryItemType duration credit\n"             /* 7 */
    "us-gaap:OperatingExpenses xbrli:monetaryItemType duration debit\n"                /* 8 */
    "us-gaap:Revenues xbrli:monetaryItemType duration credit\n"                        /* 9 */
    "us-gaap:SalesRevenueNet xbrli:monetaryItemType duration credit deprecated\n"      /* 10 */
    "us-gaap:IncomeStatementAbstract xbrli:stringItemType duration - abstract\n"       /* 11 */
    "us-gaap:StatementTable xbrli:stringItemType duration - abstract hypercube\n"      /* 12 */
    "us-gaap:StatementBusinessSegmentsAxis xbrli:stringItemType duration - abstract axis\n"
    "us-gaap:DateAxis xbrli:stringItemType duration - abstract axis typed\n"           /* 14 */
    "us-gaap:ProductMember us-types:domainItemType duration - abstract\n"              /* 15 */
    "\n"
    "@labels\n"
    "us-gaap:GrossProfit   Gross Profit  \n"
    "us-gaap:Revenues Revenues # a comment\n"
    "\n"
    "@calculation http://fasb.org/us-gaap/role/statement/StatementOfIncome\n"
    "us-gaap:GrossProfit +us-gaap:Revenues -us-gaap:CostOfRevenue\n"
    "us-gaap:OperatingIncomeLoss +us-gaap:GrossProfit -us-gaap:OperatingExpenses\n"
    "@calculation http://example.com/role/Other\n"
    "us-gaap:GrossProfit +us-gaap:Revenues\n"
    "@presentation http://fasb.org/us-gaap/role/statement/StatementOfIncome\n"
    "us-gaap:IncomeStatementAbstract us-gaap:Revenues us-gaap:CostOfRevenue us-gaap:GrossProfit\n"
    "@replaced-by\n"
    "us-gaap:SalesRevenueNet us-gaap:Revenues\n"
    "us-gaap:SalesRevenueNet us-gaap:GrossProfit\n"
    "us-gaap:SalesRevenueGoodsNet us-gaap:Revenues\n";

#define INCOME_ROLE "http://fasb.org/us-gaap/role/statement/StatementOfIncome"

static void test_taxonomy_kinds(const taxonomy *t)
{
    const concept *c = taxonomy_find(t, "us-gaap:SalesRevenueNet");
    ok(c && c->deprecated && c->kind == CONCEPT_ITEM, "SalesRevenueNet: a deprecated item");
    c = taxonomy_find(t, "us-gaap:StatementTable");
    ok(c && c->kind == CONCEPT_HYPERCUBE && c->abstract, "StatementTable: a hypercube");
    c = taxonomy_find(t, "us-gaap:StatementBusinessSegmentsAxis");
    ok(c && c->kind == CONCEPT_AXIS && !c->typed, "StatementBusinessSegmentsAxis: explicit axis");
    c = taxonomy_find(t, "us-gaap:DateAxis");
    ok(c && c->kind == CONCEPT_AXIS && c->typed, "DateAxis: a typed axis");
    c = taxonomy_find(t, "us-gaap:ProductMember");
    ok(c && c->kind == CONCEPT_MEMBER, "ProductMember: a member (type domainItemType)");
    is_str(taxonomy_namespace(t, "us-types"), "http://fasb.org/us-types/2024",
           "@type-namespace: taxonomy_namespace knows it");
    ok(taxonomy_namespace_count(t) == 2, "@type-namespace is not an instance namespace "
       "(%zu namespaces)", taxonomy_namespace_count(t));
    c = taxonomy_find(t, "us-gaap:GrossProfit");
    is_str(c ? c->label : NULL, "Gross Profit", "label: trimmed");
    c = taxonomy_find(t, "us-gaap:Revenues");
    is_str(c ? c->label : NULL, "Revenues", "label: the comment cut");
    c = taxonomy_find(t, "us-gaap:CostOfRevenue");
    ok(c && !c->label, "no label: NULL");
    ok(taxonomy_count(t) == 11 && taxonomy_at(t, 0) == taxonomy_find(t, "us-gaap:CostOfRevenue") &&
           taxonomy_at(t, 10)->id == 10,
       "taxonomy_count and taxonomy_at: declaration order (%zu)", taxonomy_count(t));
}

static void test_taxonomy_networks(const taxonomy *t)
{
    const concept *gp = taxonomy_find(t, "us-gaap:GrossProfit");
    const concept *rev = taxonomy_find(t, "us-gaap:Revenues");
    const taxonomy_arc *a = NULL;
    size_t n = taxonomy_calc_children(t, gp, &a);
    ok(n == 3, "GrossProfit: 3 calculation children over two networks (got %zu)", n);
    if (n == 3) {
        ok(a[0].child == rev && a[0].weight == 1 && a[0].order == 1 && a[0].parent == gp,
           "first: +Revenues, order 1");
        is_str(a[0].role, INCOME_ROLE, "first: its role");
        ok(!strcmp(a[1].child->qname, "us-gaap:CostOfRevenue") && a[1].weight == -1 &&
               a[1].order == 2, "second: -CostOfRevenue, order 2");
        ok(a[2].child == rev && !strcmp(a[2].role, "http://example.com/role/Other"),
           "third: Revenues in the second network");
    }
    n = taxonomy_calc_parents(t, rev, &a);
    ok(n == 2 && a[0].parent == gp && a[1].parent == gp, "Revenues: calculation parents "
       "GrossProfit twice (got %zu)", n);
    n = taxonomy_calc_parents(t, gp, &a);
    ok(n == 1 && !strcmp(a[0].parent->qname, "us-gaap:OperatingIncomeLoss") && a[0].weight == 1,
       "GrossProfit: calculation parent OperatingIncomeLoss");
    n = taxonomy_calc_children(t, rev, &a);
    ok(n == 0, "Revenues: no calculation children");
    const concept *abs = taxonomy_find(t, "us-gaap:IncomeStatementAbstract");
    n = taxonomy_pres_children(t, abs, &a);
    ok(n == 3 && a[0].child == rev && a[2].child == gp && a[2].order == 3 && a[2].weight == 0,
       "IncomeStatementAbstract: presentation children in order (got %zu)", n);
    n = taxonomy_pres_parents(t, gp, &a);
    ok(n == 1 && a[0].parent == abs, "GrossProfit: presentation parent");
    n = taxonomy_pres_children(t, NULL, &a);
    ok(n == 0, "NULL concept: no arcs");

    const concept *const *by = NULL;
    n = taxonomy_replaced_by(t, "us-gaap:SalesRevenueNet", &by);
    ok(n == 2 && by[0] == rev && by[1] == gp, "SalesRevenueNet: replaced by Revenues, "
       "GrossProfit (got %zu)", n);
    n = taxonomy_replaced_by(t, "us-gaap:SalesRevenueGoodsNet", &by);
    ok(n == 1 && by[0] == rev, "a replaced QName the dictionary does not declare");
    n = taxonomy_replaced_by(t, "us-gaap:Revenues", &by);
    ok(n == 0 && by == NULL, "not replaced: 0");
}

/* Lines longer than the reader's chunk, CRLF, no final line end; a line past
 * the limit. */
static void test_taxonomy_long_lines(void)
{
    size_t n = 4000;
    size_t size = 200 + n * 100;     /* a concept line and an arc a child */
    char *text = malloc(size), *p = text;
    if (!text) {
        ok(0, "out of memory");
        return;
    }
    p += sprintf(p, NS_LINES "@concepts\r\nus-gaap:Parent xbrli:monetaryItemType duration debit\r\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "us-gaap:Child%zu xbrli:monetaryItemType duration debit\n", i);
    p += sprintf(p, "@calculation http://example.com/role\nus-gaap:Parent");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, " +us-gaap:Child%zu", i);       /* one line of 70 KB, no line end */
    taxonomy *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = taxonomy_new(&t, &err);
    if (!rc)
        rc = taxonomy_load(t, fixture("long.concepts", text), 0, &err);
    const taxonomy_arc *a = NULL;
    size_t nc = rc ? 0 : taxonomy_calc_children(t, taxonomy_find(t, "us-gaap:Parent"), &a);
    ok(rc == R2X_OK && nc == n && a[n - 1].order == (int)n &&
           !strcmp(a[n - 1].child->qname, "us-gaap:Child3999"),
       "a 70 KB line without a line end, after CRLF lines: %zu children (rc %d: %s)", nc, rc,
       err.message);
    taxonomy_free(t);
    free(text);

    size = (2u << 20) + 100;
    text = malloc(size);
    if (!text)
        return;
    p = text + sprintf(text, NS_LINES "@labels\nus-gaap:A ");
    memset(p, 'x', (size_t)(text + size - 2 - p));
    text[size - 2] = '\n';
    text[size - 1] = '\0';
    t = NULL;
    r2x_error_clear(&err);
    rc = taxonomy_new(&t, &err);
    if (!rc)
        rc = taxonomy_load(t, fixture("huge-line.concepts", text), 0, &err);
    ok(rc == R2X_EPROFILE && err.line == 4 && contains(err.message, "line longer than"),
       "a line of 2 MB: R2X_EPROFILE at its line (%ld: %s)", err.line, err.message);
    taxonomy_free(t);
    free(text);
}

static void test_taxonomy_sections(void)
{
    taxonomy *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = taxonomy_new(&t, &err);
    if (!rc)
        rc = taxonomy_load(t, fixture("sections.concepts", sections_dict), 0, &err);
    ok(rc == R2X_OK, "a dictionary with sections loads (rc %d: %s, line %ld)", rc, err.message,
       err.line);
    if (!rc) {
        test_taxonomy_kinds(t);
        test_taxonomy_networks(t);
        /* an extension loaded after: its concepts have no arcs, the indexes cover them */
        rc = taxonomy_load(t, fixture("sections-ext.concepts",
                                      "@namespace x http://example.com/x\n"
                                      "x:Sales xbrli:monetaryItemType duration credit\n"
                                      "@calculation http://example.com/role/x\n"
                                      "x:Sales +us-gaap:Revenues\n"), 1, &err);
        const taxonomy_arc *a;
        const concept *sales = taxonomy_find(t, "x:Sales");
        ok(rc == R2X_OK && sales && taxonomy_calc_children(t, sales, &a) == 1 &&
               a[0].child == taxonomy_find(t, "us-gaap:Revenues") &&
               taxonomy_calc_parents(t, a[0].child, &a) == 3,
           "an extension's network joins the base's (rc %d: %s)", rc, err.message);
    }
    taxonomy_free(t);
}

/* Load text as a dictionary into a fresh taxonomy and expect R2X_EPROFILE at
 * line with message containing want (and want2 when not NULL). */
static void tax_error(const char *what, const char *text, long line, const char *want,
                      const char *want2)
{
    taxonomy *t = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (taxonomy_new(&t, &err) != R2X_OK) {
        ok(0, "%s: taxonomy_new", what);
        return;
    }
    const char *path = fixture("bad.concepts", text);
    int rc = taxonomy_load(t, path, 0, &err);
    ok(rc == R2X_EPROFILE && err.code == R2X_EPROFILE, "%s: R2X_EPROFILE (rc %d)", what, rc);
    ok(err.line == line, "%s: line %ld (got %ld)", what, line, err.line);
    is_str(err.file, path, "%s: err.file", what);
    ok(contains(err.message, want) && (!want2 || contains(err.message, want2)),
       "%s: message mentions '%s'%s%s (got '%s')", what, want, want2 ? " and " : "",
       want2 ? want2 : "", err.message);
    taxonomy_free(t);
}

static void test_taxonomy_errors(void)
{
    tax_error("undeclared concept prefix",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration credit\n"
              "\n"
              "foo:Bar xbrli:monetaryItemType duration credit\n",
              5, "foo:Bar", "declared prefix");
    tax_error("undeclared type prefix",
              NS_LINES
              "us-gaap:Revenues nope:monetaryItemType duration credit\n",
              3, "nope:monetaryItemType", "declared prefix");
    tax_error("bad period type",
              NS_LINES
              "# comment\n"
              "us-gaap:Revenues xbrli:monetaryItemType forever credit\n",
              4, "period type", "instant or duration");
    tax_error("bad balance",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration credit\n"
              "us-gaap:Assets xbrli:monetaryItemType instant sideways\n",
              4, "balance", "debit");
    tax_error("duplicate concept",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration credit\n"
              "us-gaap:Assets xbrli:monetaryItemType instant debit\n"
              "us-gaap:Revenues xbrli:monetaryItemType duration credit\n",
              5, "us-gaap:Revenues", "declared twice");
    tax_error("directive with two fields",
              "@namespace us-gaap http://fasb.org/us-gaap/2024\n"
              "@namespace xbrli\n",
              2, "@namespace PREFIX URI", NULL);
    tax_error("unknown directive",
              NS_LINES
              "@schemas us-gaap https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd\n",
              3, "@schema PREFIX URL", NULL);
    tax_error("directive with four fields",
              NS_LINES
              "\n"
              "@import dtr-types https://example.com/types.xsd extra\n",
              4, "@import PREFIX URL", NULL);
    tax_error("namespace declared twice with different URIs",
              NS_LINES
              "@namespace us-gaap http://fasb.org/us-gaap/2023\n",
              3, "declared twice", "http://fasb.org/us-gaap/2023");
    tax_error("5th field not 'abstract'",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration credit abstrakt\n",
              3, "[abstract]", NULL);
    tax_error("6th field after 'abstract'",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration credit abstract extra\n",
              3, "[abstract]", NULL);
    tax_error("too few fields",
              NS_LINES
              "us-gaap:Revenues xbrli:monetaryItemType duration\n",
              3, "PREFIX:Name TYPE PERIOD-TYPE BALANCE", NULL);
    tax_error("concept without a prefix",
              NS_LINES
              "Revenues xbrli:monetaryItemType duration credit\n",
              3, "declared prefix", NULL);
    tax_error("a flag twice",
              NS_LINES
              "us-gaap:A xbrli:stringItemType duration - abstract abstract\n",
              3, "'abstract'", "at most once");
    tax_error("axis and hypercube",
              NS_LINES
              "us-gaap:A xbrli:stringItemType duration - axis hypercube\n",
              3, "'hypercube'", "at most once");
    tax_error("typed without axis",
              NS_LINES
              "us-gaap:A xbrli:stringItemType duration - typed\n",
              3, "'typed' goes with 'axis'", NULL);
    tax_error("a type namespace is not a concept namespace",
              NS_LINES
              "@type-namespace us-types http://fasb.org/us-types/2024\n"
              "us-types:A xbrli:stringItemType duration -\n",
              4, "us-types:A", "declared prefix");
    tax_error("duplicate concept in a later section run",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@labels\n"
              "@concepts\n"
              "us-gaap:A xbrli:monetaryItemType duration credit\n",
              6, "us-gaap:A", "declared twice");
    tax_error("a section directive with an argument",
              NS_LINES
              "@labels en\n",
              3, "'@labels' alone", NULL);
    tax_error("a network without its role",
              NS_LINES
              "@calculation\n",
              3, "'@calculation ROLE-URI'", NULL);
    tax_error("a label of an undeclared concept",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@labels\n"
              "us-gaap:B Bee\n",
              5, "us-gaap:B", "not declared");
    tax_error("a label without text",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@labels\n"
              "us-gaap:A   \n",
              5, "PREFIX:Name LABEL", NULL);
    tax_error("two labels",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@labels\n"
              "us-gaap:A Aye\n"
              "us-gaap:A Again\n",
              6, "us-gaap:A", "has a label already");
    tax_error("a calculation child without its sign",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "us-gaap:B xbrli:monetaryItemType duration credit\n"
              "@calculation http://example.com/role\n"
              "us-gaap:A us-gaap:B\n",
              6, "'+QNAME' or '-QNAME'", NULL);
    tax_error("a network naming an undeclared concept",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@presentation http://example.com/role\n"
              "us-gaap:A us-gaap:Later\n"
              "@concepts\n"
              "us-gaap:Later xbrli:monetaryItemType duration credit\n",
              5, "us-gaap:Later", "not declared");
    tax_error("a parent without children",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@presentation http://example.com/role\n"
              "us-gaap:A\n",
              5, "us-gaap:A", "no children");
    tax_error("replacements of one concept apart",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "us-gaap:B xbrli:monetaryItemType duration credit\n"
              "@replaced-by\n"
              "us-gaap:Old us-gaap:A\n"
              "us-gaap:Older us-gaap:A\n"
              "us-gaap:Old us-gaap:B\n",
              8, "us-gaap:Old", "consecutive");
    tax_error("a replacement of an undeclared prefix",
              NS_LINES
              "us-gaap:A xbrli:monetaryItemType duration credit\n"
              "@replaced-by\n"
              "foo:Old us-gaap:A\n",
              5, "foo:Old", "declared prefix");
}

/* ------------------------------------------------------------------------ */
/* mapping_load errors */

/* Load text as a mapping table against tax and expect R2X_EPROFILE at line
 * with a message containing want (and want2 when not NULL). */
static void map_error(const taxonomy *tax, const char *what, const char *text, long line,
                      const char *want, const char *want2)
{
    mapping *m = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (mapping_new(&m, &err) != R2X_OK) {
        ok(0, "%s: mapping_new", what);
        return;
    }
    const char *path = fixture("bad.map", text);
    int rc = mapping_load(m, path, tax, &err);
    ok(rc == R2X_EPROFILE && err.code == R2X_EPROFILE, "%s: R2X_EPROFILE (rc %d)", what, rc);
    ok(err.line == line, "%s: line %ld (got %ld)", what, line, err.line);
    is_str(err.file, path, "%s: err.file", what);
    ok(contains(err.message, want) && (!want2 || contains(err.message, want2)),
       "%s: message mentions '%s'%s%s (got '%s')", what, want, want2 ? " and " : "",
       want2 ? want2 : "", err.message);
    mapping_free(m);
}

#define MAP_HEAD                                                        \
    "# a table\n"                                                       \
    "income | Revenues | us-gaap:Revenues | as-printed\n"               \
    "\n"

static void test_mapping_errors(const taxonomy *tax)
{
    map_error(tax, "unknown statement word",
              MAP_HEAD "incme | Revenues | us-gaap:Revenues | as-printed\n",
              4, "unknown statement 'incme'", NULL);
    map_error(tax, "concept not in the dictionary",
              MAP_HEAD "income | Other revenues | us-gaap:OtherRevenues | as-printed\n",
              4, "us-gaap:OtherRevenues", "not in the concept dictionary");
    map_error(tax, "abstract concept",
              MAP_HEAD "any | Line items | us-gaap:StatementLineItems | as-printed\n",
              4, "us-gaap:StatementLineItems", "abstract");
    map_error(tax, "abstract extension concept",
              MAP_HEAD "segment | Segments | iij:SegmentAbstract | as-printed\n",
              4, "iij:SegmentAbstract", "abstract");
    map_error(tax, "income entry with an instant concept",
              MAP_HEAD "income | Total assets | us-gaap:Assets | as-printed\n",
              4, "us-gaap:Assets", "period type instant");
    map_error(tax, "balance-sheet entry with a duration concept",
              MAP_HEAD "balance-sheet | Net sales | us-gaap:Revenues | as-printed\n",
              4, "us-gaap:Revenues", "period type duration");
    map_error(tax, "bad sign word",
              MAP_HEAD "income | Net sales | us-gaap:Revenues | negative\n",
              4, "sign must be", "'negative'");
    map_error(tax, "dimension without '='",
              MAP_HEAD "segment | Total | us-gaap:Revenues | as-printed | "
                       "srt:StatementBusinessSegmentsAxis\n",
              4, "dimension 'srt:StatementBusinessSegmentsAxis'", "AXIS=MEMBER");
    map_error(tax, "dimension without an axis",
              MAP_HEAD "segment | Total | us-gaap:Revenues | as-printed | =iij:SiMember\n",
              4, "dimension '=iij:SiMember'", "AXIS=MEMBER");
    map_error(tax, "dimension member not a QName",
              MAP_HEAD "segment | Total | us-gaap:Revenues | as-printed | "
                       "srt:StatementBusinessSegmentsAxis=member\n",
              4, "AXIS=MEMBER", NULL);
    map_error(tax, "second dimension malformed",
              MAP_HEAD "segment | Total | us-gaap:Revenues | as-printed | "
                       "srt:A=iij:B srt:C\n",
              4, "dimension 'srt:C'", NULL);
    map_error(tax, "five dimensions",
              MAP_HEAD "segment | Total | us-gaap:Revenues | as-printed | "
                       "a:A=b:B c:C=d:D e:E=f:F g:G=h:H i:I=j:J\n",
              4, "at most 4", NULL);
    map_error(tax, "too few fields",
              MAP_HEAD "income | Net sales | us-gaap:Revenues\n",
              4, "expected 'STATEMENT | PATTERN | CONCEPT | SIGN", NULL);
    map_error(tax, "one field",
              MAP_HEAD "income\n",
              4, "expected 'STATEMENT", NULL);
    map_error(tax, "six fields",
              MAP_HEAD "income | Net sales | us-gaap:Revenues | as-printed | a:A=b:B | x\n",
              4, "expected 'STATEMENT", NULL);
    map_error(tax, "empty pattern",
              MAP_HEAD "income | --- | us-gaap:Revenues | as-printed\n",
              4, "empty label pattern", NULL);

    /* cash at the end of the period: an instant concept in the cash-flow
     * statement (and instants elsewhere outside the income statement) */
    mapping *m = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    ok(mapping_new(&m, &err) == R2X_OK, "mapping_new");
    const char *path = fixture("cash.map",
                               "cash-flows | Cash and cash equivalents at end of period | "
                               "us-gaap:CashAndCashEquivalentsAtCarryingValue | as-printed\n"
                               "cash-flows | Net income | us-gaap:NetIncomeLoss | as-printed\n"
                               "equity | Balance at end of year | us-gaap:StockholdersEquity | "
                               "as-printed\n"
                               "any | Total assets | us-gaap:Assets | as-printed\n"
                               "balance-sheet | Total assets | us-gaap:Assets | as-printed\n"
                               "income | Net sales | us-gaap:Revenues | as-printed\n");
    int rc = mapping_load(m, path, tax, &err);
    ok(rc == R2X_OK, "cash-flows entry with an instant concept loads (rc %d: %s)", rc,
       err.message);
    ok(mapping_count(m) == 6, "six entries (got %zu)", mapping_count(m));
    const char *lab[] = {"cash and cash equivalents at end of period"};
    const map_entry *e = mapping_match(m, R2X_STMT_CASH_FLOWS, lab, 1);
    ok(e && e->concept == taxonomy_find(tax, "us-gaap:CashAndCashEquivalentsAtCarryingValue") &&
           e->line == 1,
       "cash at end of period matches in cash-flows");

    char missing[256];
    snprintf(missing, sizeof missing, "%s/missing.map", tmpdir);
    r2x_error_clear(&err);
    rc = mapping_load(m, missing, tax, &err);
    ok(rc == R2X_EIO && err.code == R2X_EIO, "missing table: R2X_EIO (rc %d)", rc);
    is_str(err.file, missing, "missing table: err.file");
    mapping_free(m);
}

/* ------------------------------------------------------------------------ */
/* normalisation and globbing */

static void check_label(const char *in, const char *want)
{
    char out[256];
    memset(out, 'x', sizeof out);
    label_normalize(in, out, sizeof out);
    is_str(out, want, "label_normalize('%s')", in);
}

static void check_pattern(const char *in, const char *want)
{
    char out[256];
    memset(out, 'x', sizeof out);
    pattern_normalize(in, out, sizeof out);
    is_str(out, want, "pattern_normalize('%s')", in);
}

static void test_normalize(void)
{
    check_label("Cost of Sales\xe2\x80\x94Products", "cost of sales products");
    check_label("Cost of Sales\xe2\x80\x94Products \xc2\xb9", "cost of sales products");
    check_label("Shareholders' equity", "shareholders equity");
    check_label("Shareholders\xe2\x80\x99 equity", "shareholders equity");
    check_label("Company's", "companys");
    check_label("Company\xe2\x80\x99s share", "companys share");
    check_label("  TOTAL  ", "total");
    check_label("Net income (loss)", "net income loss");
    check_label("Net income (loss):", "net income loss");
    check_label("Selling, general and administrative expenses",
                "selling general and administrative expenses");
    check_label("Q4 2009", "q4 2009");
    check_label("", "");
    check_label(" --- ", "");
    check_label("end\xe2", "end");
    check_label("end\xe2\x80", "end");

    /* a small buffer: truncated, terminated */
    char small[6];
    memset(small, 'x', sizeof small);
    label_normalize("Revenues", small, sizeof small);
    is_str(small, "reven", "label_normalize into 6 bytes: 'reven'");
    memset(small, 'x', sizeof small);
    label_normalize("Net income", small, 4);
    ok(small[3] == '\0' && small[4] == 'x', "label_normalize into 4 bytes: terminated at [3]");
    is_str(small, "net", "label_normalize into 4 bytes: 'net'");

    check_pattern("Systems integration: > Total", "systems integration > total");
    check_pattern("Segment profit or loss: > Elimination", "segment profit or loss > elimination");
    check_pattern("Purchase* of Property and Equipment", "purchase* of property and equipment");
    check_pattern("  Total revenues  ", "total revenues");
    check_pattern("*Dividends declared per*share", "*dividends declared per*share");
    check_pattern("A > B > C", "a > b > c");

    ok(pattern_match("purchase* of property and equipment", "purchase of property and equipment"),
       "'purchase* of ...' matches 'purchase of ...'");
    ok(pattern_match("purchase* of property and equipment",
                     "purchases of property and equipment"),
       "'purchase* of ...' matches 'purchases of ...'");
    ok(!pattern_match("purchase* of property and equipment", "sale of property and equipment"),
       "'purchase* of ...' does not match 'sale of ...'");
    ok(!pattern_match("purchase* of property and equipment",
                      "purchase of property and equipment net"),
       "'purchase* of ...' does not match a longer label");
    ok(pattern_match("*", ""), "'*' matches ''");
    ok(pattern_match("*", "anything at all"), "'*' matches 'anything at all'");
    ok(pattern_match("**", ""), "'**' matches ''");
    ok(pattern_match("", ""), "'' matches ''");
    ok(!pattern_match("", "a"), "'' does not match 'a'");
    ok(!pattern_match("a*", ""), "'a*' does not match ''");
    ok(pattern_match("a*b*c", "abc"), "'a*b*c' matches 'abc'");
    ok(pattern_match("a*b*c", "axxbyyc"), "'a*b*c' matches 'axxbyyc'");
    ok(!pattern_match("a*b*c", "axxbyy"), "'a*b*c' does not match 'axxbyy'");
    ok(pattern_match("a*b*c", "abcbc"), "'a*b*c' matches 'abcbc' (backtracking)");
    ok(pattern_match("*c", "abcbc"), "'*c' matches 'abcbc'");
    ok(!pattern_match("*c", "abcb"), "'*c' does not match 'abcb'");
    ok(pattern_match("net sales", "net sales"), "no star: equal strings match");
    ok(!pattern_match("net sales", "net sale"), "no star: shorter text does not match");
    ok(!pattern_match("net sale", "net sales"), "no star: longer text does not match");
}

/* ------------------------------------------------------------------------ */
/* mapping_match */

static const char overlay_map[] =
    "# company overlay\n"                                                              /* 1 */
    "income | Net sales | iij:NetSalesOverlay | as-printed\n"                          /* 2 */
    "income | Systems integration: > Total | iij:SystemsIntegrationRevenue | as-printed"
    " | srt:StatementBusinessSegmentsAxis=iij:SystemsIntegrationMember\n"              /* 3 */
    "other | Net sales | us-gaap:Revenues | as-printed\n"                              /* 4 */
    "other | Operating income | us-gaap:OperatingIncomeLoss | negate\n";               /* 5 */

static const char general_map[] =
    "# general table\n"                                                                 /* 1 */
    "income | net sales | us-gaap:Revenues | as-printed\n"                              /* 2 */
    "income | Revenues | us-gaap:Revenues | as-printed\n"                               /* 3 */
    "income | Revenues | us-gaap:NetIncomeLoss | as-printed\n"                          /* 4 */
    "income | Cost of * | us-gaap:CostOfGoodsAndServicesSold | as-printed\n"            /* 5 */
    "income | Cost of sales\xe2\x80\x94products | us-gaap:NetIncomeLoss | as-printed\n" /* 6 */
    "income | Operating income | us-gaap:OperatingIncomeLoss | as-printed\n"            /* 7 */
    "income | Operating * | us-gaap:NetIncomeLoss | as-printed\n"                       /* 8 */
    "\n"                                                                                /* 9 */
    "cash-flows | Purchase* of property and equipment | "
    "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment | negate\n"                     /* 10 */
    "cash-flows | Sale of property and equipment | "
    "us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment | as-printed\n"                /* 11 */
    "cash-flows | Changes in operating* | "
    "us-gaap:IncreaseDecreaseInOperatingCapital | as-printed\n"                         /* 12 */
    "cash-flows | Decrease in accounts receivable | "
    "us-gaap:IncreaseDecreaseInAccountsReceivable | negate\n"                           /* 13 */
    "cash-flows | Cash and cash equivalents at end of period | "
    "us-gaap:CashAndCashEquivalentsAtCarryingValue | as-printed\n"                      /* 14 */
    "balance-sheet | Total assets | us-gaap:Assets | as-printed\n"                      /* 15 */
    "any | Basic earnings per share | us-gaap:EarningsPerShareBasic | as-printed\n"     /* 16 */
    "any | Diluted* per share | us-gaap:EarningsPerShareDiluted | as-printed\n"         /* 17 */
    "segment | Total | us-gaap:Revenues | as-printed | "
    "srt:StatementBusinessSegmentsAxis=iij:SystemsIntegrationMember\t "
    "srt:ProductOrServiceAxis=iij:NetworkServicesMember\n"                              /* 18 */
    "income | * > Elimination | us-gaap:OperatingIncomeLoss | as-printed\n"             /* 19 */
    "other | JPY * | us-gaap:NetIncomeLoss | as-printed\n"                              /* 20 */
    "  # an indented comment\n"                                                         /* 21 */
    "income|Gross profit|us-gaap:Revenues|as-printed\n";                                /* 22 */

static const char *ov_path, *gen_path;

/* Expect labels to match the entry of file at line with concept qname. */
static void expect(const mapping *m, const taxonomy *tax, int stmt, const char *const *labels,
                   size_t n, const char *file, long line, const char *qname, const char *what)
{
    const map_entry *e = mapping_match(m, stmt, labels, n);
    int good = e && e->file && file && !strcmp(e->file, file) && e->line == line &&
               e->concept == taxonomy_find(tax, qname) && e->concept;
    ok(good, "%s -> %s line %ld (%s)", what, file == ov_path ? "overlay" : "general", line,
       qname);
    if (!good) {
        if (e)
            printf("#   got %s line %ld (%s)\n", e->file, e->line,
                   e->concept ? e->concept->qname : "(null)");
        else
            printf("#   got no match\n");
    }
}

static void expect_none(const mapping *m, int stmt, const char *const *labels, size_t n,
                        const char *what)
{
    const map_entry *e = mapping_match(m, stmt, labels, n);
    ok(e == NULL, "%s -> no match", what);
    if (e)
        printf("#   got %s line %ld (%s)\n", e->file, e->line,
               e->concept ? e->concept->qname : "(null)");
}

static void test_match(const taxonomy *tax)
{
    mapping *m = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    ok(mapping_new(&m, &err) == R2X_OK && m, "mapping_new");
    ok(mapping_count(m) == 0, "a new mapping is empty");
    const char *none[] = {"net sales"};
    ok(mapping_match(m, R2X_STMT_INCOME, none, 1) == NULL, "an empty mapping matches nothing");

    ov_path = fixture("overlay.map", overlay_map);
    gen_path = fixture("general.map", general_map);
    int rc = mapping_load(m, ov_path, tax, &err);
    ok(rc == R2X_OK, "overlay loads (rc %d: %s)", rc, err.message);
    ok(mapping_count(m) == 4, "overlay: four entries (got %zu)", mapping_count(m));
    rc = mapping_load(m, gen_path, tax, &err);
    ok(rc == R2X_OK, "general table loads (rc %d: %s)", rc, err.message);
    ok(mapping_count(m) == 23, "23 entries in all (got %zu)", mapping_count(m));

    /* overlay before the general table */
    const char *l_sales[] = {"net sales"};
    expect(m, tax, R2X_STMT_INCOME, l_sales, 1, ov_path, 2, "iij:NetSalesOverlay",
           "income 'net sales': overlay wins");
    expect(m, tax, R2X_STMT_OTHER, l_sales, 1, ov_path, 4, "us-gaap:Revenues",
           "other 'net sales': the overlay's other entry");
    expect_none(m, R2X_STMT_CASH_FLOWS, l_sales, 1,
                "cash-flows 'net sales' (income entries only)");
    expect_none(m, R2X_STMT_BALANCE_SHEET, l_sales, 1, "balance-sheet 'net sales'");

    /* first match in file order */
    const char *l_rev[] = {"revenues"};
    expect(m, tax, R2X_STMT_INCOME, l_rev, 1, gen_path, 3, "us-gaap:Revenues",
           "income 'revenues': the first of two exact entries");
    const char *l_cos[] = {"cost of sales products"};
    expect(m, tax, R2X_STMT_INCOME, l_cos, 1, gen_path, 5, "us-gaap:CostOfGoodsAndServicesSold",
           "income 'cost of sales products': an earlier wildcard beats a later exact entry");
    const char *l_cor[] = {"cost of revenues"};
    expect(m, tax, R2X_STMT_INCOME, l_cor, 1, gen_path, 5, "us-gaap:CostOfGoodsAndServicesSold",
           "income 'cost of revenues': wildcard");
    const char *l_oi[] = {"operating income"};
    expect(m, tax, R2X_STMT_INCOME, l_oi, 1, gen_path, 7, "us-gaap:OperatingIncomeLoss",
           "income 'operating income': an earlier exact entry beats a later wildcard");
    const char *l_op[] = {"operating profit"};
    expect(m, tax, R2X_STMT_INCOME, l_op, 1, gen_path, 8, "us-gaap:NetIncomeLoss",
           "income 'operating profit': the later wildcard");
    expect(m, tax, R2X_STMT_OTHER, l_oi, 1, ov_path, 5, "us-gaap:OperatingIncomeLoss",
           "other 'operating income': the overlay's other entry");
    expect_none(m, R2X_STMT_BALANCE_SHEET, l_oi, 1, "balance-sheet 'operating income'");
    const char *l_gp[] = {"gross profit"};
    expect(m, tax, R2X_STMT_INCOME, l_gp, 1, gen_path, 22, "us-gaap:Revenues",
           "income 'gross profit': fields without spaces around '|'");

    /* statement filtering */
    const char *l_cash[] = {"cash and cash equivalents at end of period"};
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_cash, 1, gen_path, 14,
           "us-gaap:CashAndCashEquivalentsAtCarryingValue", "cash-flows 'cash ... end of period'");
    expect_none(m, R2X_STMT_INCOME, l_cash, 1, "income 'cash ... end of period'");
    const char *l_ta[] = {"total assets"};
    expect(m, tax, R2X_STMT_BALANCE_SHEET, l_ta, 1, gen_path, 15, "us-gaap:Assets",
           "balance-sheet 'total assets'");
    expect_none(m, R2X_STMT_CASH_FLOWS, l_ta, 1, "cash-flows 'total assets'");

    const char *l_eps[] = {"basic earnings per share"};
    static const int all[] = {R2X_STMT_OTHER, R2X_STMT_BALANCE_SHEET, R2X_STMT_INCOME,
                              R2X_STMT_CASH_FLOWS, R2X_STMT_EQUITY, R2X_STMT_SEGMENT};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        char what[80];
        snprintf(what, sizeof what, "statement %d 'basic earnings per share': any", all[i]);
        expect(m, tax, all[i], l_eps, 1, gen_path, 16, "us-gaap:EarningsPerShareBasic", what);
    }
    const char *l_deps[] = {"diluted net income per share"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        char what[80];
        snprintf(what, sizeof what, "statement %d 'diluted net income per share': any wildcard",
                 all[i]);
        expect(m, tax, all[i], l_deps, 1, gen_path, 17, "us-gaap:EarningsPerShareDiluted", what);
    }
    const map_entry *e = mapping_match(m, R2X_STMT_EQUITY, l_eps, 1);
    ok(e && e->statement == MAP_STATEMENT_ANY, "an 'any' entry has statement MAP_STATEMENT_ANY");
    e = mapping_match(m, R2X_STMT_OTHER, l_sales, 1);
    ok(e && e->statement == R2X_STMT_OTHER, "an 'other' entry has statement R2X_STMT_OTHER");

    const char *l_jpy[] = {"jpy million"};
    expect(m, tax, R2X_STMT_OTHER, l_jpy, 1, gen_path, 20, "us-gaap:NetIncomeLoss",
           "other 'jpy million': other wildcard");
    for (size_t i = 1; i < sizeof all / sizeof *all; i++) {
        char what[80];
        snprintf(what, sizeof what, "statement %d 'jpy million' (other only)", all[i]);
        expect_none(m, all[i], l_jpy, 1, what);
    }

    /* qualified patterns match the qualified forms only */
    const char *l_si[] = {"total", "systems integration > total"};
    expect(m, tax, R2X_STMT_INCOME, l_si, 2, ov_path, 3, "iij:SystemsIntegrationRevenue",
           "income 'total' under 'systems integration'");
    const char *l_si_null[] = {"total", NULL, "systems integration > total"};
    expect(m, tax, R2X_STMT_INCOME, l_si_null, 3, ov_path, 3, "iij:SystemsIntegrationRevenue",
           "income 'total', a NULL form, then 'systems integration > total'");
    const char *l_total[] = {"total"};
    expect_none(m, R2X_STMT_INCOME, l_total, 1, "income bare 'total'");
    const char *l_ns[] = {"total", "network services > total"};
    expect_none(m, R2X_STMT_INCOME, l_ns, 2, "income 'total' under 'network services'");
    expect(m, tax, R2X_STMT_SEGMENT, l_si, 2, gen_path, 18, "us-gaap:Revenues",
           "segment 'total' under 'systems integration': the plain segment entry");
    expect(m, tax, R2X_STMT_SEGMENT, l_total, 1, gen_path, 18, "us-gaap:Revenues",
           "segment bare 'total'");
    const char *l_elim[] = {"elimination", "segment profit or loss > elimination"};
    expect(m, tax, R2X_STMT_INCOME, l_elim, 2, gen_path, 19, "us-gaap:OperatingIncomeLoss",
           "income qualified wildcard '* > elimination'");
    expect_none(m, R2X_STMT_INCOME, l_elim, 1, "income bare 'elimination'");
    expect_none(m, R2X_STMT_SEGMENT, l_elim, 2, "segment '* > elimination' (income only)");

    /* plain patterns match the bare label only */
    const char *l_ar[] = {"decrease in accounts receivable",
                          "changes in operating assets and liabilities > decrease in accounts "
                          "receivable"};
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_ar, 2, gen_path, 13,
           "us-gaap:IncreaseDecreaseInAccountsReceivable",
           "cash-flows 'decrease in accounts receivable' under 'changes in operating ...': "
           "not the earlier 'changes in operating*'");
    const char *l_inv[] = {"increase in inventories",
                           "changes in operating assets and liabilities > increase in "
                           "inventories"};
    expect_none(m, R2X_STMT_CASH_FLOWS, l_inv, 2,
                "cash-flows 'increase in inventories' under 'changes in operating ...'");
    const char *l_chg[] = {"changes in operating assets and liabilities"};
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_chg, 1, gen_path, 12,
           "us-gaap:IncreaseDecreaseInOperatingCapital",
           "cash-flows bare 'changes in operating assets and liabilities'");
    const char *l_q_sales[] = {"revenue", "net sales > revenue"};
    expect_none(m, R2X_STMT_INCOME, l_q_sales, 2,
                "income 'revenue' under 'net sales' (plain 'net sales' not against forms)");

    /* wildcards in the cash-flow statement; the sign */
    const char *l_pur[] = {"purchase of property and equipment"};
    const char *l_purs[] = {"purchases of property and equipment"};
    const char *l_sale[] = {"sale of property and equipment"};
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_pur, 1, gen_path, 10,
           "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", "cash-flows 'purchase of ...'");
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_purs, 1, gen_path, 10,
           "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", "cash-flows 'purchases of ...'");
    expect(m, tax, R2X_STMT_CASH_FLOWS, l_sale, 1, gen_path, 11,
           "us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment", "cash-flows 'sale of ...'");
    e = mapping_match(m, R2X_STMT_CASH_FLOWS, l_pur, 1);
    ok(e && e->negate == 1, "'negate' sets negate");
    if (e)
        is_str(e->pattern, "purchase* of property and equipment", "wildcard pattern normalised");
    e = mapping_match(m, R2X_STMT_CASH_FLOWS, l_sale, 1);
    ok(e && e->negate == 0, "'as-printed' leaves negate clear");
    e = mapping_match(m, R2X_STMT_OTHER, l_oi, 1);
    ok(e && e->negate == 1, "overlay 'negate' sets negate");
    ok(mapping_match(m, R2X_STMT_CASH_FLOWS, l_pur, 0) == NULL, "no labels: no match");

    /* dimensions */
    e = mapping_match(m, R2X_STMT_INCOME, l_si, 2);
    ok(e && e->ndims == 1, "qualified overlay entry: one dimension (got %zu)", e ? e->ndims : 0);
    if (e && e->ndims == 1) {
        is_str(e->dims[0].axis, "srt:StatementBusinessSegmentsAxis", "dimension 1: axis");
        is_str(e->dims[0].member, "iij:SystemsIntegrationMember", "dimension 1: member");
    }
    if (e)
        is_str(e->pattern, "systems integration > total", "qualified pattern normalised");
    e = mapping_match(m, R2X_STMT_SEGMENT, l_total, 1);
    ok(e && e->ndims == 2, "segment 'total': two dimensions (got %zu)", e ? e->ndims : 0);
    if (e && e->ndims == 2) {
        is_str(e->dims[0].axis, "srt:StatementBusinessSegmentsAxis", "two dims: first axis");
        is_str(e->dims[0].member, "iij:SystemsIntegrationMember", "two dims: first member");
        is_str(e->dims[1].axis, "srt:ProductOrServiceAxis", "two dims: second axis");
        is_str(e->dims[1].member, "iij:NetworkServicesMember", "two dims: second member");
    }
    e = mapping_match(m, R2X_STMT_INCOME, l_sales, 1);
    ok(e && e->ndims == 0 && e->statement == R2X_STMT_INCOME, "no dimensions: ndims 0");
    if (e)
        is_str(e->pattern, "net sales", "plain pattern normalised");

    mapping_free(m);
}

int main(void)
{
    strcpy(tmpdir, "/tmp/test_mapping.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("Bail out! mkdtemp failed\n");
        return 1;
    }

    test_taxonomy_valid();
    test_taxonomy_errors();
    test_taxonomy_sections();
    test_taxonomy_long_lines();

    taxonomy *tax = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    int rc = taxonomy_new(&tax, &err);
    if (!rc)
        rc = taxonomy_load(tax, fixture("dict.concepts", base_dict), 0, &err);
    if (!rc)
        rc = taxonomy_load(tax, fixture("iij.concepts", ext_dict), 1, &err);
    ok(rc == R2X_OK, "dictionary and extension for the mapping tests load (%s)", err.message);
    if (rc) {
        taxonomy_free(tax);
        cleanup();
        return tap_done();
    }

    test_mapping_errors(tax);
    test_normalize();
    test_match(tax);

    taxonomy_free(tax);
    cleanup();
    return tap_done();
}
