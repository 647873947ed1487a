#!/bin/sh
# convert and map on the sample: facts computed by hand from the release,
# XML Schema validity against the real taxonomy, determinism, --strict.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
out=$tmp/inst
mkdir -p "$out"

# The release disagrees with itself twice.  Its three-month income statement
# prints (53,701) for 2Q08 "Net gains on sales of other investments" (the
# figure of the line below, shifted by extraction), where its cash-flow
# statement prints "-".  A warning naming both lines; the instance is
# written (exit 0).  --strict makes it an error: exit 1, nothing written.
expect_status 0 "convert the sample (one disagreement in the release)" "$R2X" convert samples/iij-2009-1h.txt -o "$out/iij.xml"
expect_grep 'samples/iij-2009-1h.txt:687: warning: us-gaap:GainLossOnInvestments in context D20080701-20080930 is -53701000 at line 648:41 but 0 at line 687:41; they disagree at the precision of the rougher one \(the value at line 648:41 is written\)' "$tmp/err" "the disagreement names both lines"
# Its segment summary, in JPY millions, prints the ATM business's 1H08
# operating loss as (234) where the detailed table prints (233,403) thousand:
# the detailed figure is written.
expect_grep 'samples/iij-2009-1h.txt:492: warning: us-gaap:OperatingIncomeLoss in context D20080401-20080930_ATMOperationBusinessMember is -233403000 at line 492:24 but -234000000 at line 76:24; they disagree at the precision of the rougher one \(the value at line 492:24 is written\)' "$tmp/err" "the summary's rounding disagrees; the precise figure is written"
[ "$(grep -c 'disagree at the precision' "$tmp/err")" -eq 2 ] && pass "no other disagreement" || fail "no other disagreement"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: wrote [^ ]*/iij.xml and [^ ]*/iij-20090930.xsd with its 4 linkbases: 583 facts in 16 contexts for cik:0001090633 \(profile\); 0 line items without a standard concept, 1 total that does not add up, 2 disagreeing or misfit facts; 67 warnings, 1 note$' "$tmp/err" "the summary says what was written where (the taxonomy's linkbases counted), and counts"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: note: entity cik:0001090633: from the company profile .*iij.profile$' "$tmp/err" "a note says which rule found the entity"
# Into a directory of its own: an empty directory shows "nothing written"
# without comparing file times, which coarse clocks can make equal.
mkdir -p "$out/strict"
expect_status 1 "--strict refuses the disagreement" "$R2X" convert --strict samples/iij-2009-1h.txt -o "$out/strict/strict.xml"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: error: strict: 0 line items without a standard concept, 1 totals that do not add up, 2 disagreeing or misfit facts; nothing written$' "$tmp/err" "--strict: the error counts what it refuses for"
[ -z "$(ls -A "$out/strict")" ] && pass "--strict: nothing written, no temporary file left" || { fail "--strict: nothing written, no temporary file left"; ls -A "$out/strict" | sed 's/^/#   /'; }
# Tables with their periods in their rows (the TSE summary) are not line items.
"$R2X" convert samples/iij-2009-1h.txt -o "$out/again-loud.xml" 2>"$tmp/loud.err"
expect_grep "iij-2009-1h.txt:776: warning: the table at line 774 has its periods in its rows \('Six months ended'\)" "$tmp/loud.err" "a table with periods in its rows is named, not its rows reported unmapped"
grep -q "'September 30, 2009': no standard concept" "$tmp/loud.err" && fail "period rows are not unmapped line items" || pass "period rows are not unmapped line items"
[ -s "$out/iij.xml" ] && [ -s "$out/iij-20090930.xsd" ] && pass "instance and extension schema written" || fail "instance and extension schema written"

# fact CONCEPT CONTEXT UNIT DECIMALS VALUE DESCRIPTION: the instance holds it.
fact() {
    line="<$1 contextRef=\"$2\" unitRef=\"$3\" decimals=\"$4\">$5</$1>"
    grep -qF -- "$line" "$out/iij.xml" && pass "$6" || { fail "$6"; echo "#   missing: $line"; grep -F "<$1 contextRef=\"$2\"" "$out/iij.xml" | sed 's/^/#   have: /'; }
}
# Signs follow the concepts, not the printed parentheses (issue examples).
fact us-gaap:PaymentsToAcquirePropertyPlantAndEquipment D20080401-20080930 JPY -3 1747972000 "purchase of PP&E (1,747,972) is a positive payment"
fact us-gaap:IncreaseDecreaseInAccountsReceivable D20080401-20080930 JPY -3 -2255821000 "decrease in receivables 2,255,821 is a negative increase"
fact us-gaap:NetIncomeLossAttributableToNoncontrollingInterest D20080401-20080930 JPY -3 -139793000 "less: net loss to noncontrolling interests 139,793 is negative"
fact us-gaap:RetainedEarningsAccumulatedDeficit I20090331 JPY -3 -18549142000 "accumulated deficit (18,549,142) is negative"
fact us-gaap:TreasuryStockCommonValue I20090331 JPY -3 406547000 "treasury stock (406,547) is positive"
# Amounts the balance sheet's labels state (lines 287, 322, 326).
fact us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent I20090331 JPY -3 22072000 "allowance of JPY 22,072 thousand at March 31, 2009"
fact us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent I20090930 JPY -3 24386000 "and of JPY 24,386 thousand at September 30, 2009"
fact us-gaap:CommonStockSharesAuthorized I20090930 shares 0 377600 "377,600 shares authorized"
fact us-gaap:CommonStockSharesIssued I20090331 shares 0 206478 "206,478 shares issued at both dates"
fact us-gaap:CommonStockSharesOutstanding I20090930 shares 0 206478 "and outstanding"
fact us-gaap:TreasuryStockCommonShares I20090331 shares 0 3934 "3,934 treasury shares"
# Per-ADS figures: the ADS is the company's own measure, not a currency.
grep -q '<xbrli:measure>iij:ADS</xbrli:measure>' "$out/iij.xml" && ! grep -q 'iso4217:ADS' "$out/iij.xml" \
    && pass "per-ADS units divide by iij:ADS, not iso4217:ADS" || fail "per-ADS units divide by iij:ADS, not iso4217:ADS"
# Periods, units, decimals.
fact us-gaap:Revenues D20090401-20090930 JPY -3 32275024000 "1H09 total revenues in thousands"
fact us-gaap:Revenues D20090401-20090930 USD -3 360655000 "the USD convenience translation of 1H09 revenues"
fact us-gaap:Revenues D20090701-20090930 JPY -3 16440514000 "2Q09 total revenues"
fact us-gaap:EarningsPerShareBasic D20090401-20090930 JPYPerShare 2 3532.01 "1H09 basic EPS in JPY per share"
fact us-gaap:EarningsPerShareBasic D20090401-20090930 USDPerShare 2 39.47 "1H09 basic EPS in USD per share"
fact us-gaap:WeightedAverageNumberOfSharesOutstandingBasic D20080401-20080930 shares 0 206478 "1H08 basic weighted shares"
fact us-gaap:AssetsCurrent I20090930 JPY -3 23411526000 "current assets at 30 September 2009"
# Cash at the beginning of a period is the instant before it starts.
fact us-gaap:CashAndCashEquivalentsAtCarryingValue I20080331 JPY -3 11470980000 "cash at the beginning of 1H08 is at 31 March 2008"
fact us-gaap:CashAndCashEquivalentsAtCarryingValue I20090930 JPY -3 10789017000 "cash at 30 September 2009"
# Segments.
fact us-gaap:Revenues D20090401-20090930_NetworkServiceAndSystemsIntegrationBusinessMember JPY -3 32443033000 "segment revenues, network service and SI"
fact us-gaap:OperatingIncomeLoss D20090401-20090930_ATMOperationBusinessMember JPY -3 -459262000 "segment loss, ATM operation business"
fact us-gaap:Revenues D20090401-20090930_IntersegmentEliminationMember JPY -3 -206187000 "eliminations are negative revenues"
# DEI cover.
grep -qF '<dei:DocumentPeriodEndDate contextRef="D20090401-20090930">2009-09-30</dei:DocumentPeriodEndDate>' "$out/iij.xml" && pass "DEI period end" || fail "DEI period end"
grep -qF '<dei:DocumentFiscalYearFocus contextRef="D20090401-20090930">2009</dei:DocumentFiscalYearFocus>' "$out/iij.xml" && pass "DEI fiscal year focus 2009 (named by its start)" || fail "DEI fiscal year focus"
grep -qF '<dei:DocumentFiscalPeriodFocus contextRef="D20090401-20090930">Q2</dei:DocumentFiscalPeriodFocus>' "$out/iij.xml" && pass "DEI fiscal period focus Q2" || fail "DEI fiscal period focus"
grep -qF '<dei:EntityCentralIndexKey contextRef="D20090401-20090930">0001090633</dei:EntityCentralIndexKey>' "$out/iij.xml" && pass "DEI CIK" || fail "DEI CIK"
grep -qF '<xbrli:identifier scheme="http://www.sec.gov/CIK">0001090633</xbrli:identifier>' "$out/iij.xml" && pass "entity identifier" || fail "entity identifier"

# To standard output the instance is the same, the schema it cannot write is
# named, and nothing is written to the current directory.
mkdir -p "$tmp/empty"
(cd "$tmp/empty" && "$R2X" convert "$top_srcdir/samples/iij-2009-1h.txt" -o - 2>"$tmp/stdout.err" >"$out/stdout.xml")
cmp -s "$out/iij.xml" "$out/stdout.xml" && pass "-o - writes the same instance" || fail "-o - writes the same instance"
expect_grep "extension schema iij-20090930.xsd, which is written beside the output file; with standard output it is not written" "$tmp/stdout.err" "-o - names the schema it cannot write"
[ -z "$(ls -A "$tmp/empty")" ] && pass "-o - writes no file" || fail "-o - writes no file"

# The same input gives the same bytes.
"$R2X" convert -q samples/iij-2009-1h.txt -o "$out/again.xml"
cmp -s "$out/iij.xml" "$out/again.xml" && pass "convert is deterministic" || fail "convert is deterministic"

# The golden instance (reviewed by hand; see tests/golden/README.md).
if [ "${R2X_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out/iij.xml" tests/golden/iij-2009-1h.xml
    cp "$out/iij-20090930.xsd" tests/golden/iij-20090930.xsd
fi
cmp -s "$out/iij.xml" tests/golden/iij-2009-1h.xml && pass "instance matches the golden" || { fail "instance matches the golden"; diff -u tests/golden/iij-2009-1h.xml "$out/iij.xml" | head -30 | sed 's/^/#   /'; }
cmp -s "$out/iij-20090930.xsd" tests/golden/iij-20090930.xsd && pass "extension schema matches the golden" || fail "extension schema matches the golden"

# XML Schema validity against the real taxonomy (../shared/xbrl-cache).
if [ -d "$shared/xbrl-cache" ]; then
    "$top_builddir/tests/xbrl_validate" "$shared/xbrl-cache" "$out/iij-20090930.xsd" "$out/iij.xml" >"$tmp/v.out" 2>"$tmp/v.err"
    st=$?
    [ $st -eq 0 ] && pass "the instance is schema-valid" || { fail "the instance is schema-valid (exit $st)"; grep -v 'I/O warning' "$tmp/v.err" | head -5 | sed 's/^/#   /'; }
else
    skip "the instance is schema-valid" "$shared/xbrl-cache not present (../shared is absent)"
fi

# A US-style release (a fixture written for this test): "$" cells, stacked
# year headings, "(In thousands, except per share data)", and "Basic" /
# "Diluted" rows under "Earnings per share:" and "Weighted average shares
# outstanding:" headings, which give those rows their units.
expect_status 0 "convert a US-style release" "$R2X" convert -q --cik 12345 tests/fixtures/us-style.txt -o "$out/us.xml"
us() { grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"$3\" decimals=\"$4\">$5</$1>" "$out/us.xml" && pass "$6" || fail "$6"; }
us us-gaap:Revenues D20091001-20091231 USD -3 125400000 "US: Q4 2009 net sales, thousands"
us us-gaap:Revenues D20080101-20081231 USD -3 455300000 "US: FY2008 net sales"
us us-gaap:EarningsPerShareBasic D20091001-20091231 USDPerShare 2 0.42 "US: 'Basic' under 'Earnings per share:' is USD per share, unscaled"
us us-gaap:EarningsPerShareDiluted D20090101-20091231 USDPerShare 2 1.44 "US: FY2009 diluted EPS"
us us-gaap:WeightedAverageNumberOfSharesOutstandingBasic D20091001-20091231 shares -3 25000000 "US: 'Basic' under 'Weighted average shares outstanding:' is shares, in thousands"
us us-gaap:InterestIncomeExpenseNonoperatingNet D20091001-20091231 USD -3 -1200000 "US: 'Interest expense, net (1,200)' is net interest of -1,200"
us us-gaap:AssetsCurrent I20091231 USD -3 145000000 "US: current assets at 31 December 2009"
grep -q 'no standard concept' "$tmp/err" && fail "US: every line maps" || pass "US: every line maps"

# 52/53-week periods, cash-flow signs, and cash at the beginning of the
# period (a fixture written for this test).
expect_status 0 "convert a 26-week cash-flow statement" "$R2X" convert -q --cik 319256 tests/fixtures/us-weeks.txt -o "$out/wk.xml"
wk() { grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"USD\" decimals=\"-6\">$3</$1>" "$out/wk.xml" && pass "$4" || fail "$4"; }
wk us-gaap:PaymentsToAcquirePropertyPlantAndEquipment D20040104-20040703 250000000 "26 weeks ended July 3, 2004 start on January 4; purchases of PP&E (250) are a payment of 250"
wk us-gaap:IncreaseDecreaseInAccountsReceivable D20040104-20040703 120000000 "receivables (120) under 'Changes in operating assets' are an increase of 120"
wk us-gaap:IncreaseDecreaseInAccountsPayable D20040104-20040703 95000000 "payables 95 are an increase of 95"
wk us-gaap:DeferredIncomeTaxExpenseBenefit D20040104-20040703 -15000000 "deferred taxes (15) are a benefit of 15"
wk us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents I20040103 4037000000 "cash at the beginning of the 26 weeks is at January 3"
wk us-gaap:TreasuryStockCommonValue I20040703 5000000000 "treasury stock (5,000) is positive"
wk us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment D20021229-20030628 8000000 "26 weeks (182 days) ended June 28, 2003 start on December 29, 2002"
grep -q 'no standard concept' "$tmp/err" && fail "weeks: every line maps" || pass "weeks: every line maps"

# Concepts preparers use today (tests/fixtures/bind/current.txt, written for
# this test): the parent's net income where no noncontrolling interest is
# printed, interest below operating income nonoperating, deferred revenue a
# contract liability after ASC 606, common treasury stock where no preferred
# stock is printed, investments among noncurrent assets long-term; and a
# company's own line printed in parentheses among its costs is positive.
cur=tests/fixtures/bind/current.txt
expect_status 0 "convert a 2024 release" "$R2X" convert -q --cik 1 "$cur" -o "$out/cur.xml"
cur() { grep -qF -- "<$2 contextRef=\"$3\" unitRef=\"USD\" decimals=\"-6\">$4</$2>" "$out/$1.xml" && pass "$5" || { fail "$5"; grep -F "contextRef=\"$3\"" "$out/$1.xml" | grep -F ">$4<" | sed 's/^/#   have: /'; }; }
cur cur us-gaap:NetIncomeLoss D20240401-20240630 300000000 "no noncontrolling interest printed: 'Net income' is NetIncomeLoss"
cur cur us-gaap:InterestExpenseNonoperating D20240401-20240630 20000000 "interest expense (20) below operating income: InterestExpenseNonoperating, positive"
cur cur us-gaap:ContractWithCustomerLiabilityCurrent I20240630 150000000 "2024: deferred revenue is a contract liability"
cur cur us-gaap:TreasuryStockCommonValue I20240630 100000000 "no preferred stock: treasury stock (100) is common, positive"
cur cur us-gaap:LongTermInvestments I20240630 500000000 "investments after current assets are long-term"
cur cur us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent I20240630 12000000 "'net of allowance for credit losses of \$12 and \$10' in a table in millions: \$12 million at the first date"
cur cur us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent I20231231 10000000 "and \$10 million at the second"
grep -qF '<us-gaap:CommonStockSharesIssued contextRef="I20231231" unitRef="shares" decimals="0">490</us-gaap:CommonStockSharesIssued>' "$out/cur.xml" && pass "'500 and 490 shares issued': 490 at the second date" || fail "'500 and 490 shares issued': 490 at the second date"
grep -qF '<us-gaap:CommonStockParOrStatedValuePerShare contextRef="I20240630" unitRef="USDPerShare" decimals="2">0.01</us-gaap:CommonStockParOrStatedValuePerShare>' "$out/cur.xml" && pass "'\$0.01 par value' per share" || fail "'\$0.01 par value' per share"
cur cur example:LicensingIncome D20240401-20240630 40000000 "the company's own 'Licensing income (40)' among costs is positive"
cur cur us-gaap:IncreaseDecreaseInOtherOperatingCapitalNet D20240101-20240630 -15000000 "'Other 15' among the changes in operating assets and liabilities is a decrease of 15 in them"
cur cur example:CollateralPaidReceivedNet D20240101-20240630 -206000000 "the company's own 'Collateral (paid) received, net' counts payments positive: 206 received is -206"
# The same release with a noncontrolling interest and preferred stock, and
# the same release of 2017 (before ASC 606).
sed -e 's/^Net income  .*/&\nNet income attributable to noncontrolling interests     10             8\nNet income attributable to Example Widgets           290           252/' \
    -e 's/^Treasury stock.*/Preferred stock                                     50            50\n&/' \
    -e 's/^Retained earnings.*/&\nNoncontrolling interests                            (5)           (4)/' \
    -e 's/^Total stockholders. equity .*/Total stockholders'"'"' equity                       1,495         1,346/' \
    -e 's/^Total liabilities and .*/Total liabilities and stockholders'"'"' equity       1,845         1,676/' \
    -e 's/^Total assets .*/Total assets                                     1,845         1,676/' \
    -e 's/^Investments .*/Investments                                        545           496/' "$cur" >"$tmp/nci.txt"
expect_status 0 "convert it with a noncontrolling interest" "$R2X" convert -q --cik 1 "$tmp/nci.txt" -o "$out/nci.xml"
cur nci us-gaap:ProfitLoss D20240401-20240630 300000000 "a noncontrolling interest printed: 'Net income' is ProfitLoss"
cur nci us-gaap:TreasuryStockValue I20240630 100000000 "preferred stock printed: treasury stock is TreasuryStockValue"
cur nci us-gaap:MinorityInterest I20240630 -5000000 "a noncontrolling interest's deficit (5) is negative"
sed -e 's/2024/2017/g' -e 's/2023/2016/g' "$cur" >"$tmp/old.txt"
expect_status 0 "convert it as a 2017 release" "$R2X" convert -q --cik 1 "$tmp/old.txt" -o "$out/old.xml"
cur old us-gaap:DeferredRevenueCurrent I20170630 150000000 "2017: deferred revenue is DeferredRevenueCurrent"

# Labels worded both ways (tests/fixtures/bind/variants.txt, written for this
# test): "Earnings/(loss) from operations" read as "Earnings from
# operations", the parent named by the company's name, share counts told
# basic from diluted by "assuming dilution".
expect_status 0 "convert labels worded both ways" "$R2X" convert -q --cik 1 tests/fixtures/bind/variants.txt -o "$out/var.xml"
var() { grep -qF -- "<$1 contextRef=\"D20240101-20241231\" unitRef=\"$2\" decimals=\"$3\">$4</$1>" "$out/var.xml" && pass "$5" || fail "$5"; }
var us-gaap:OperatingIncomeLoss USD -6 500000000 "'Earnings/(loss) from operations' is operating income"
var us-gaap:NetIncomeLoss USD -6 400000000 "'Net earnings/(loss) attributable to Acme' is the parent's net income"
var us-gaap:WeightedAverageNumberOfSharesOutstandingBasic shares 1 100 "'Average shares outstanding' is the basic count"
var us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding shares 1 102.5 "'... assuming dilution' is the diluted count"

grep -qF '<us-gaap:NonoperatingIncomeExpense contextRef="D20240101-20241231" unitRef="USD" decimals="-6">20000000<' "$out/var.xml" \
    && pass "'Other income, net' with no interest line beside it is all the nonoperating income" \
    || fail "'Other income, net' with no interest line beside it is all the nonoperating income"
# Beside lines of interest, "Other income (expense), net" is the rest of the
# nonoperating items (inline fixture).
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions of U.S. dollars)\nRevenues\t1,000\nCost of sales\t600\nOperating income\t400\nInterest income\t10\nInterest expense\t(30)\nOther income (expense), net\t5\nIncome before income taxes\t385\n' >"$tmp/other.txt"
expect_status 0 "convert other income beside interest" "$R2X" convert -q --cik 1 "$tmp/other.txt" -o "$out/other.xml"
grep -qF '<us-gaap:OtherNonoperatingIncomeExpense contextRef="D20240101-20241231" unitRef="USD" decimals="-6">5000000<' "$out/other.xml" \
    && pass "'Other income (expense), net' beside interest lines is OtherNonoperatingIncomeExpense" \
    || fail "'Other income (expense), net' beside interest lines is OtherNonoperatingIncomeExpense"

# Per-share lines under "Assuming Dilution" and "Basic" headings, and share
# counts under a heading wrapped over two lines with its scale on the second
# (tests/fixtures/bind/blocks.txt, written for this test).
expect_status 0 "convert per-share blocks" "$R2X" convert -q --cik 1 tests/fixtures/bind/blocks.txt -o "$out/blk.xml"
blk() { grep -qF -- "<$1 contextRef=\"D20240101-20241231\" unitRef=\"$2\" decimals=\"$3\">$4</$1>" "$out/blk.xml" && pass "$5" || fail "$5"; }
blk us-gaap:IncomeLossFromContinuingOperationsPerDilutedShare USDPerShare 2 3.9 "'Continuing Operations' under 'Assuming Dilution' is diluted"
blk us-gaap:EarningsPerShareDiluted USDPerShare 2 4 "its 'TOTAL' is diluted EPS"
blk us-gaap:EarningsPerShareBasic USDPerShare 2 4.1 "the 'TOTAL' under 'Basic' is basic EPS"
blk us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding shares -5 102500000 "'Assuming Dilution' under the shares heading: 102.5 million shares"
blk us-gaap:WeightedAverageNumberOfSharesOutstandingBasic shares -5 100000000 "'Basic' under it: 100.0 million shares"
blk us-gaap:NetIncomeLoss USD -6 410000000 "no noncontrolling interest in the income statement: NET INCOME is NetIncomeLoss"

# A condensed balance sheet prints "Total stockholders' equity" alone, right
# under the total liabilities: a total with no line of its own is no total
# that fails; a total whose lines do not add up still is (inline fixture).
printf 'Condensed Consolidated Balance Sheets\n\n\tDecember 31, 2024\n\t(in millions)\nCash\t100\nReceivables\t50\nTotal assets\t150\nAccounts payable\t40\nLong-term debt\t30\nTotal liabilities\t70\nTotal stockholders'"'"' equity\t80\nTotal liabilities and stockholders'"'"' equity\t150\n' >"$tmp/condensed.txt"
expect_status 0 "convert a condensed balance sheet" "$R2X" convert --cik 1 "$tmp/condensed.txt" -o "$out/condensed.xml"
grep -q 'is not the sum' "$tmp/err" && fail "a total printed alone is no failed sum" || pass "a total printed alone is no failed sum"
sed 's/^Long-term debt\t30/Long-term debt\t35/' "$tmp/condensed.txt" >"$tmp/broken.txt"
expect_status 0 "convert it with a line that breaks its total" "$R2X" convert --cik 1 "$tmp/broken.txt" -o "$out/broken.xml"
expect_grep "'Total liabilities' \(70\) is not the sum of any run of the lines above it" "$tmp/err" "a total whose lines do not add up is still told"

# Totals whose words fit no concept take the concept their lines add into
# (tests/fixtures/bind/sums.txt, written for this test): "Total outlays and
# deductions" over cost of products sold, SG&A, depreciation, exploration and
# interest is CostsAndExpenses; "Borealis share of equity", no "Total" in its
# label, is the sum of the equity lines above it, so StockholdersEquity.  A
# revenue line is no cost, whatever words it shares with one.
expect_status 0 "convert totals known by their lines" "$R2X" convert -q --cik 1 tests/fixtures/bind/sums.txt -o "$out/sums.xml"
sums() { grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"USD\" decimals=\"-6\">$3</$1>" "$out/sums.xml" && pass "$4" || { fail "$4"; grep -F ">$3<" "$out/sums.xml" | sed 's/^/#   have: /'; }; }
sums us-gaap:CostsAndExpenses D20240101-20240630 5750000000 "'Total outlays and deductions' is the costs and expenses its lines add into"
sums us-gaap:StockholdersEquity I20240630 6000000000 "'Borealis share of equity' adds up the equity lines: StockholdersEquity"
sums us-gaap:StockholdersEquity I20231231 5600000000 "... at both dates"
# maps MAP LABEL CONCEPT DESC: `map` output MAP binds the line LABEL to CONCEPT.
maps() {
    grep -qF "	$2	$3	" "$1" && pass "$4" || { fail "$4"; grep -F "$2" "$1" | sed 's/^/#   /'; }
}
printf 'Consolidated Statements of Income\n\n\tYear Ended December 31, 2024\n\t(in millions)\nOperating and other revenue\t1,000\nCost of sales\t600\nOperating income\t400\n' >"$tmp/rev.txt"
"$R2X" map -q --cik 1 "$tmp/rev.txt" -o "$tmp/rev.map" 2>/dev/null
maps "$tmp/rev.map" 'Operating and other revenue' us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax \
    "'Operating and other revenue' is a revenue, not OtherCostOfOperatingRevenue"

# "Total operating expenses" over cost of sales is CostsAndExpenses (the
# taxonomy's operating expenses exclude the cost of sales); below gross
# profit, over a provision for losses that some industries count in the cost
# of revenue, it stays OperatingExpenses (inline fixtures).
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions)\nNet product sales\t600\nNet service sales\t400\nTotal net sales\t1,000\nOperating expenses:\nCost of sales\t500\nFulfillment\t100\nSales and marketing\t80\nGeneral and administrative\t70\nTotal operating expenses\t750\nOperating income\t250\n' >"$tmp/opex.txt"
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions)\nNet revenues\t1,000\nCost of net revenues\t300\nGross profit\t700\nSales and marketing\t200\nProduct development\t150\nGeneral and administrative\t100\nProvision for transaction losses\t50\nTotal operating expenses\t500\nIncome from operations\t200\n' >"$tmp/opex2.txt"
"$R2X" map -q --cik 1 "$tmp/opex.txt" -o "$tmp/opex.map" 2>/dev/null
"$R2X" map -q --cik 1 "$tmp/opex2.txt" -o "$tmp/opex2.map" 2>/dev/null
maps "$tmp/opex.map" 'Total operating expenses' us-gaap:CostsAndExpenses \
    "'Total operating expenses' over cost of sales is CostsAndExpenses"
maps "$tmp/opex2.map" 'Total operating expenses' us-gaap:OperatingExpenses \
    "... below gross profit it is OperatingExpenses"

# Net cash of continuing operations, of discontinued operations and in all,
# section by section (inline fixture, as eBay prints them): each line its own
# concept, and the totals stay in their sections though the continuing line
# closed them.
printf 'Condensed Consolidated Statement of Cash Flows\n\n\tYear Ended December 31, 2024\n\t(in millions)\nCash flows from operating activities:\nNet income\t100\nDepreciation and amortization\t20\nNet cash provided by continuing operating activities\t120\nNet cash used in discontinued operating activities\t(10)\nNet cash provided by operating activities\t110\nCash flows from investing activities:\nPurchases of property and equipment\t(30)\nNet cash used in continuing investing activities\t(30)\nNet cash provided by discontinued investing activities\t5\nNet cash used in investing activities\t(25)\nCash flows from financing activities:\nRepayments of debt\t(40)\nNet cash used in financing activities\t(40)\n' >"$tmp/cf.txt"
"$R2X" map -q --cik 1 "$tmp/cf.txt" -o "$tmp/cf.map" 2>/dev/null
for want in 'continuing operating activities	us-gaap:NetCashProvidedByUsedInOperatingActivitiesContinuingOperations' \
            'discontinued operating activities	us-gaap:CashProvidedByUsedInOperatingActivitiesDiscontinuedOperations' \
            'Net cash provided by operating activities	us-gaap:NetCashProvidedByUsedInOperatingActivities' \
            'continuing investing activities	us-gaap:NetCashProvidedByUsedInInvestingActivitiesContinuingOperations' \
            'Net cash used in investing activities	us-gaap:NetCashProvidedByUsedInInvestingActivities'; do
    grep -qF "$want	" "$tmp/cf.map" && pass "net cash: ...$want" || { fail "net cash: ...$want"; grep -F "${want%%	*}" "$tmp/cf.map" | sed 's/^/#   /'; }
done

# A release whose company name is not found (tests/fixtures/html/narrative.html
# calls itself "ACME CORP"): no empty registrant name is written.
"$R2X" convert -q tests/fixtures/html/narrative.html -o "$out/noname.xml" 2>/dev/null
grep -q 'EntityRegistrantName' "$out/noname.xml" && fail "no name found: no dei:EntityRegistrantName" || pass "no name found: no dei:EntityRegistrantName"
grep -q '<dei:DocumentType' "$out/noname.xml" && pass "... the other cover facts stay" || fail "... the other cover facts stay"

# Totals over one line and totals that deduct eliminations printed positive
# add up: "Net cash used in investing activities" under its only line
# (tests/fixtures/text/cash-end.txt), "Total revenues" 1,950 over segments of
# 1,200 and 800 less "Intersegment eliminations 50" (fixtures/bind/segments.txt).
"$R2X" convert --cik 1 tests/fixtures/text/cash-end.txt -o "$out/ce.xml" >/dev/null 2>"$tmp/ce.err"
expect_grep ', 0 totals that do not add up' "$tmp/ce.err" "a total over its only line adds up"
"$R2X" convert --cik 1 tests/fixtures/bind/segments.txt -o "$out/segsum.xml" >/dev/null 2>"$tmp/segsum.err"
grep -q "Total revenues" "$tmp/segsum.err" && fail "a total deducting its eliminations adds up" || pass "a total deducting its eliminations adds up"

# The result "attributable to common shareholders" below a deduction of
# preferred dividends is NetIncomeLossAvailableToCommonStockholdersBasic; the
# result above it NetIncomeLoss (inline fixture).
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions)\nRevenues\t1,000\nNet loss attributable to Acme shareholders\t(100)\nLess: Mandatory convertible preferred stock dividends\t(10)\nNet loss attributable to Acme common shareholders\t(110)\n' >"$tmp/pref.txt"
"$R2X" map -q --cik 1 "$tmp/pref.txt" -o "$tmp/pref.map" 2>/dev/null
maps "$tmp/pref.map" 'Net loss attributable to Acme common shareholders' us-gaap:NetIncomeLossAvailableToCommonStockholdersBasic \
    "the result after preferred dividends is available to common stockholders"
maps "$tmp/pref.map" 'Net loss attributable to Acme shareholders' us-gaap:NetIncomeLoss \
    "... the result before them is NetIncomeLoss"
grep -q '	Less: Mandatory convertible preferred stock dividends	us-gaap:PreferredStockDividendsIncomeStatementImpact	[a-z-]*	2=10000000 ' "$tmp/pref.map" \
    && pass "... the dividends deducted, printed (10), are PreferredStockDividendsIncomeStatementImpact 10" \
    || { fail "... the dividends deducted, printed (10), are PreferredStockDividendsIncomeStatementImpact 10"; grep 'preferred' "$tmp/pref.map" | sed 's/^/#   /'; }

# Investments of no kind named are the generic concepts both ways (inline fixture).
printf 'Consolidated Statements of Cash Flows\n\n\tYear Ended December 31, 2024\n\t(in millions)\nCash flows from investing activities:\nPurchases of investments\t(300)\nProceeds from investments\t250\nNet cash used in investing activities\t(50)\n' >"$tmp/inv2.txt"
"$R2X" map -q --cik 1 "$tmp/inv2.txt" -o "$tmp/inv2.map" 2>/dev/null
maps "$tmp/inv2.map" 'Proceeds from investments' us-gaap:ProceedsFromSaleMaturityAndCollectionsOfInvestments \
    "'Proceeds from investments' is ProceedsFromSaleMaturityAndCollectionsOfInvestments"

# A financing line printed positive is an inflow: "Issuances of stock" is no
# payment of issuance costs, whatever words they share (inline fixture; in a
# copy of the data whose label table knows no proceeds from issuing stock,
# so that only the words of the payment are left to match).
printf 'Consolidated Statements of Cash Flows\n\n\tYear Ended December 31, 2024\n\t(in millions)\nCash flows from financing activities:\nIssuances of stock\t747\nPurchases of stock for treasury\t(1,000)\nNet cash used in financing activities\t(253)\n' >"$tmp/iss.txt"
mkdir -p "$tmp/thin"
cp -R taxonomy mappings "$tmp/thin/"
grep -vE 'ProceedsFromIssuance|ProceedsFromStock|ProceedsFromSaleOfTreasury' mappings/labels.tsv >"$tmp/thin/mappings/labels.tsv"
R2X_DATADIR=$tmp/thin "$R2X" map -q --cik 1 "$tmp/iss.txt" -o "$tmp/iss.map" 2>/dev/null
grep -q '	Issuances of stock	us-gaap:Payments' "$tmp/iss.map" \
    && { fail "an inflow is no payment"; grep 'Issuances' "$tmp/iss.map" | sed 's/^/#   /'; } || pass "an inflow is no payment"

# A non-cash disclosure below the flows is no change in working capital,
# whatever words it shares with one (inline fixture, as Meta prints it).
printf 'Consolidated Statements of Cash Flows\n\n\tYear Ended December 31, 2024\n\t(in millions)\nCash flows from operating activities:\nNet income\t100\nNet cash provided by operating activities\t100\nSupplemental cash flow data\nNon-cash investing and financing activities:\nAcquisition of businesses in accrued expenses and other current liabilities and other liabilities\t172\n' >"$tmp/ncash.txt"
"$R2X" map -q --cik 1 "$tmp/ncash.txt" -o "$tmp/ncash.map" 2>/dev/null
grep -q '	Acquisition of businesses in accrued expenses and other current liabilities and other liabilities	us-gaap:IncreaseDecrease' "$tmp/ncash.map" \
    && { fail "a non-cash disclosure is no change in working capital"; grep 'Acquisition' "$tmp/ncash.map" | sed 's/^/#   /'; } \
    || pass "a non-cash disclosure is no change in working capital"

# Revenues and costs split into products and services are the total's measure
# under srt:ProductOrServiceAxis, as filers tag them (inline fixture, as
# Boeing prints them): no extension, no pension "service cost".
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions of U.S. dollars)\nSales of products\t600\nSales of services\t400\nTotal revenues\t1,000\nCost of products\t(500)\nCost of services\t(300)\nTotal costs and expenses\t(800)\nOperating income\t200\n' >"$tmp/ps.txt"
"$R2X" convert -q --cik 1 "$tmp/ps.txt" -o "$out/ps.xml" 2>/dev/null
"$R2X" facts "$out/ps.xml" 2>/dev/null | awk '{ print $1, $3, $5 }' >"$tmp/ps.facts"
for want in 'us-gaap:Revenues srt:ProductOrServiceAxis=us-gaap:ProductMember 600000000' \
            'us-gaap:Revenues srt:ProductOrServiceAxis=us-gaap:ServiceMember 400000000' \
            'us-gaap:Revenues - 1000000000' \
            'us-gaap:CostOfGoodsAndServicesSold srt:ProductOrServiceAxis=us-gaap:ProductMember 500000000' \
            'us-gaap:CostOfGoodsAndServicesSold srt:ProductOrServiceAxis=us-gaap:ServiceMember 300000000'; do
    grep -qxF "$want" "$tmp/ps.facts" && pass "products and services: $want" ||
        { fail "products and services: $want"; sed 's/^/#   have: /' "$tmp/ps.facts"; }
done

# Comprehensive income (tests/fixtures/bind/comprehensive.txt, written for
# this test): a "Statements of Comprehensive Earnings" is a statement; its
# total of other comprehensive income, worded as no filer's label, is the
# total its arithmetic places in comprehensive income, not an extension or
# non-operating income.
"$R2X" map -q --cik 1 tests/fixtures/bind/comprehensive.txt -o "$tmp/oci.map" 2>/dev/null
maps "$tmp/oci.map" 'Total other comprehensive earnings (losses)' us-gaap:OtherComprehensiveIncomeLossNetOfTax \
    "a total of other comprehensive income is OtherComprehensiveIncomeLossNetOfTax"

# Segment tables (tests/fixtures/bind/segments.txt, written for this test):
# members under a measure heading, eliminations deducted where the total
# says so, the segments' total and the reconciling lines under the
# consolidation items, the consolidated figure without dimensions; a table
# "by region" under the geographical axis with the standard member; measures
# under member headings; under "Consolidated", only the breakdown's measures.
mkdir -p "$out/seg"
expect_status 0 "convert segment tables" "$R2X" convert -q --cik 1 tests/fixtures/bind/segments.txt -o "$out/seg/seg.xml"
"$R2X" facts "$out/seg/seg.xml" 2>/dev/null | awk '{ print $1, $2, $3, $5 }' >"$tmp/seg.facts"
seg() { grep -qxF -- "$1" "$tmp/seg.facts" && pass "$2" || { fail "$2"; grep -F -- "$(echo "$1" | cut -d' ' -f1-2)" "$tmp/seg.facts" | sed 's/^/#   have: /'; }; }
seg "us-gaap:Revenues 2024-01-01..2024-12-31 us-gaap:StatementBusinessSegmentsAxis=northwind:IndustrialControlsMember 1200000000" "a segment's revenues under its own member"
seg "us-gaap:Revenues 2024-01-01..2024-12-31 srt:ConsolidationItemsAxis=us-gaap:IntersegmentEliminationMember -50000000" "eliminations the total deducts are negative"
seg "us-gaap:Revenues 2024-01-01..2024-12-31 - 1950000000" "the total revenues have no dimension"
seg "us-gaap:OperatingIncomeLoss 2024-01-01..2024-12-31 us-gaap:StatementBusinessSegmentsAxis=northwind:MedicalDevicesMember -20000000" "a segment's operating loss is negative"
seg "us-gaap:OperatingIncomeLoss 2024-01-01..2024-12-31 srt:ConsolidationItemsAxis=us-gaap:OperatingSegmentsMember 280000000" "the segments' total is the operating segments member"
seg "us-gaap:OperatingIncomeLoss 2024-01-01..2024-12-31 srt:ConsolidationItemsAxis=northwind:UnallocatedCorporateExpensesMember -60000000" "unallocated expenses reconcile under the consolidation items"
seg "us-gaap:OperatingIncomeLoss 2024-01-01..2024-12-31 - 220000000" "the consolidated operating income has no dimension"
seg "us-gaap:Revenues 2024-01-01..2024-12-31 srt:StatementGeographicalAxis=srt:EuropeMember 900000000" "'by region': Europe on the geographical axis, the standard member"
seg "us-gaap:OperatingIncomeLoss 2023-01-01..2023-12-31 srt:StatementGeographicalAxis=srt:AmericasMember 105000000" "measures under a member heading"
grep -q -- ' -30000000$' "$tmp/seg.facts" && fail "under 'Consolidated', a line no member had is no fact" || pass "under 'Consolidated', a line no member had is no fact"
grep -q 'name="IndustrialControlsMember" type="dtr-types:domainItemType" substitutionGroup="xbrli:item" abstract="true"' "$out/seg/northwind-20241231.xsd" \
    && pass "the company's members are declared in its schema" || fail "the company's members are declared in its schema"
grep -q 'xlink:arcrole="http://xbrl.org/int/dim/arcrole/domain-member" xlink:from="loc_us-gaap_SegmentDomain" xlink:to="loc_northwind_IndustrialControlsMember"' "$out/seg/northwind-20241231_def.xml" \
    && pass "... under the segments' domain in the definition linkbase" || fail "... under the segments' domain in the definition linkbase"

# A line of the company's own named as a member would be ("Medical Devices
# member", an extension item MedicalDevicesMember): the segment's member
# takes the next free name, and the release converts.
{ printf 'NORTHWIND INSTRUMENTS CORPORATION\nCONSOLIDATED STATEMENT OF INCOME\n(Dollars in millions)\n                                                      Years ended December 31,\n                                                          2024          2023\nNet sales                                                1,950         1,760\nMedical Devices member                                      10             9\n\n'
  cat tests/fixtures/bind/segments.txt; } >"$tmp/collide.txt"
mkdir -p "$out/collide"
expect_status 0 "convert a segment whose member name a line concept holds" "$R2X" convert -q --cik 1 "$tmp/collide.txt" -o "$out/collide/c.xml"
"$R2X" facts "$out/collide/c.xml" 2>/dev/null | awk '{ print $1, $2, $3, $5 }' >"$tmp/collide.facts"
grep -qxF "us-gaap:Revenues 2024-01-01..2024-12-31 us-gaap:StatementBusinessSegmentsAxis=northwind:MedicalDevices2Member 800000000" "$tmp/collide.facts" \
    && pass "the member takes the next free name" || fail "the member takes the next free name"

# Lines that print other figures than an earlier line of their concept are
# another fact: "... common shareholders" under "... shareholders", cash
# without restricted cash under cash with it; the cash lines under the
# balance at the end of the period are instants; noncontrolling interests may
# be negative (a fixture written for this test).
expect_status 0 "convert a statement with lines that repeat a concept" "$R2X" convert -q --cik 12345 tests/fixtures/text/cash-end.txt -o "$out/ce.xml"
ce() { grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"USD\" decimals=\"-6\">$3</$1>" "$out/ce.xml" && pass "$4" || fail "$4"; }
ce us-gaap:NetIncomeLoss D20240101-20241231 -440000000 "net loss attributable to the shareholders is NetIncomeLoss"
ce us-gaap:NetIncomeLossAvailableToCommonStockholdersBasic D20240101-20241231 -500000000 "... to the common shareholders (500), after preferred dividends, is NetIncomeLossAvailableToCommonStockholdersBasic -500"
ce us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents I20241231 2740000000 "cash with restricted cash at the end of 2024"
ce us-gaap:CashAndCashEquivalentsAtCarryingValue I20241231 2699000000 "cash at the end of 2024, under it, is another concept"
ce exampleco:LessRestrictedCashIncludedInOtherAssets I20231231 29000000 "the restricted cash between them is an instant too"
ce us-gaap:MinorityInterest I20241231 -6000000 "noncontrolling interests (6) in a deficit are -6, not a deduction of 6"

# "Other" among the changes in assets and liabilities of the cash flows is
# no other non-operating income, a concept of the income statement that adds
# into no section of the flows (a fixture written for this test).
expect_status 0 "convert cash flows with an 'Other' change" "$R2X" convert -q --cik 12345 tests/fixtures/text/cash-changes.txt -o "$out/cc.xml"
grep -qF -- '<us-gaap:IncreaseDecreaseInOtherOperatingCapitalNet contextRef="D20240101-20241231" unitRef="USD" decimals="-6">-202000000<' "$out/cc.xml" &&
    pass "'Other 202' under the changes is a decrease in other operating capital of 202" ||
    fail "'Other 202' under the changes is a decrease in other operating capital of 202"
cc() { grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"USD\" decimals=\"-6\">$3</$1>" "$out/cc.xml" && pass "$4" || fail "$4"; }
cc exampleco:ToolingAndLaunchBalancesNet D20240101-20241231 -512000000 "a change no standard concept fits is an increase: 512 of cash is a decrease of 512"
cc exampleco:ChangeInToolingLiabilities D20240101-20241231 -41000000 "... but a liability's change is as printed: (41) is a decrease of 41"
cc exampleco:AdditionalInvestmentsAndAdvances D20240101-20241231 472000000 "an investing line no standard concept fits, (472), is an outflow of 472"

# A label that names first what its concept counts negative, and one that
# reads both ways (inline fixture).
printf 'Consolidated Statements of Operations\n\n\tYear Ended December 31, 2024\n\t(in millions of U.S. dollars)\nRevenues\t1,000\nCost of sales\t600\nOther operating expense (income), net\t30\nOperating income\t370\nLoss (gain) on sale of investments\t(12)\nIncome before income taxes\t382\n' >"$tmp/inv.txt"
expect_status 0 "convert labels read either way" "$R2X" convert -q --cik 1 "$tmp/inv.txt" -o "$out/inv.xml"
grep -qF '<us-gaap:OtherOperatingIncomeExpenseNet contextRef="D20240101-20241231" unitRef="USD" decimals="-6">-30000000<' "$out/inv.xml" \
    && pass "'Other operating expense (income), net 30' is an expense: -30 of income" || fail "'Other operating expense (income), net 30' is an expense: -30 of income"
grep -qF '<us-gaap:GainLossOnSaleOfInvestments contextRef="D20240101-20241231" unitRef="USD" decimals="-6">12000000<' "$out/inv.xml" \
    && pass "'Loss (gain) on sale (12)' is a gain of 12" || fail "'Loss (gain) on sale (12)' is a gain of 12"

# Two contexts whose readable ids would be one ("..._ATMOperationBusinessMember"
# under two axes) stay two, with two ids: the eliminations are mapped here,
# in a copy of the data, to the ATM member of the consolidation-items axis.
mkdir -p "$tmp/data"
cp -R taxonomy mappings "$tmp/data/"
printf 'segment | Revenues: > Elimination | us-gaap:Revenues | negate | srt:ConsolidationItemsAxis=iij:ATMOperationBusinessMember\n' \
    | cat - mappings/companies/iij.map >"$tmp/data/mappings/companies/iij.map"
R2X_DATADIR=$tmp/data "$R2X" convert -q samples/iij-2009-1h.txt -o "$out/axes.xml" 2>/dev/null
ids=$(sed -n 's/.*<xbrli:context id="\(D20090401-20090930_ATMOperationBusinessMember[^"]*\)".*/\1/p' "$out/axes.xml" | sort -u)
[ "$(echo "$ids" | grep -c .)" -eq 2 ] && pass "one member under two axes: two contexts, two ids ($(echo $ids))" \
    || fail "one member under two axes: want two contexts, got: $(echo $ids)"
other=$(echo "$ids" | grep -v '^D20090401-20090930_ATMOperationBusinessMember$')
grep -q "<us-gaap:Revenues contextRef=\"$other\" unitRef=\"JPY\" decimals=\"-3\">-206187000<" "$out/axes.xml" \
    && pass "the eliminations are in the context of their own axis" \
    || fail "the eliminations are not in a context of their own ($other)"
grep -q "<us-gaap:Revenues contextRef=\"D20090401-20090930_ATMOperationBusinessMember\" unitRef=\"JPY\" decimals=\"-3\">-206187000<" "$out/axes.xml" \
    && fail "the eliminations were merged into the ATM segment's context" \
    || pass "the ATM segment's context keeps its own facts"

# map shows each row's concept; --strict fails on unmapped lines.
"$R2X" map -q samples/iij-2009-1h.txt >"$tmp/map.txt"
grep -q '^423	cash-flows	Purchase of property and equipment	us-gaap:PaymentsToAcquirePropertyPlantAndEquipment	negate	2=1747972000 JPY -3' "$tmp/map.txt" && pass "map shows concept, sign and value" || { fail "map shows concept, sign and value"; grep '^423' "$tmp/map.txt" | sed 's/^/#   /'; }
printf 'Consolidated Statements of Income\n\n\tYear Ended December 31, 2009\n\t(in millions)\nFrobnication income\t1,234\n' >"$tmp/unmapped.txt"
expect_status 1 "--strict fails on an unmapped line" "$R2X" convert --strict --cik 123 "$tmp/unmapped.txt" -o "$tmp/u.xml"
expect_grep "line item 'Frobnication income': no standard concept fits; extension concept" "$tmp/err" "the line without a standard concept is named"
expect_status 0 "without --strict an unmapped line is a warning" "$R2X" convert --cik 123 "$tmp/unmapped.txt" -o "$tmp/u.xml"
# No identifier anywhere: the name under our own scheme, with a warning
# that says which option gives a registry identifier; --strict refuses.
printf 'Frobnicator Widgets, Inc.\nConsolidated Statements of Income\n\n\tYear Ended December 31, 2009\n\t(in millions)\nNet sales\t$1,234\n' >"$tmp/noid.txt"
expect_status 0 "no identifier: converted all the same" "$R2X" convert "$tmp/noid.txt" -o "$tmp/u.xml"
expect_grep "noid.txt:1: warning: no registry identifier for the entity 'Frobnicator Widgets, Inc.' \(no company in the SEC's company list is named 'Frobnicator Widgets, Inc.'\): it is identified as 'Frobnicator Widgets, Inc.' under the scheme urn:release2xbrl:entity-name; give --entity cik:NUMBER or --entity lei:CODE for a registry identifier$" "$tmp/err" "no identifier: the warning names the options"
grep -qF '<xbrli:identifier scheme="urn:release2xbrl:entity-name">Frobnicator Widgets, Inc.</xbrli:identifier>' "$tmp/u.xml" && pass "no identifier: our own scheme in the instance" || fail "no identifier: our own scheme in the instance"
grep -q 'EntityCentralIndexKey' "$tmp/u.xml" && fail "no identifier: no dei:EntityCentralIndexKey" || pass "no identifier: no dei:EntityCentralIndexKey"
grep -qF '<dei:EntityRegistrantName contextRef="D20090101-20091231">Frobnicator Widgets, Inc.</dei:EntityRegistrantName>' "$tmp/u.xml" && pass "no identifier: the name is the registrant's" || fail "no identifier: the name is the registrant's"
rm -f "$tmp/u.xml"
expect_status 1 "no identifier, --strict: refused" "$R2X" convert --strict "$tmp/noid.txt" -o "$tmp/u.xml"
expect_grep "error: no registry identifier for the entity 'Frobnicator Widgets, Inc.' \(no company in the SEC's company list is named 'Frobnicator Widgets, Inc.'\); --strict refuses to identify it by its name alone: give --entity cik:NUMBER or --entity lei:CODE$" "$tmp/err" "no identifier, --strict: the error says why"
[ ! -e "$tmp/u.xml" ] && pass "no identifier, --strict: nothing written" || fail "no identifier, --strict: nothing written"
expect_status 0 "--entity lei:CODE" "$R2X" convert --entity lei:HWUPKR0MPOU8FGXBT394 "$tmp/noid.txt" -o "$tmp/lei.xml"
grep -qF '<xbrli:identifier scheme="http://standards.iso.org/iso/17442">HWUPKR0MPOU8FGXBT394</xbrli:identifier>' "$tmp/lei.xml" && pass "--entity lei: the LEI scheme" || fail "--entity lei: the LEI scheme"
grep -qF '<dei:LegalEntityIdentifier contextRef="D20090101-20091231">HWUPKR0MPOU8FGXBT394</dei:LegalEntityIdentifier>' "$tmp/lei.xml" && pass "--entity lei: dei:LegalEntityIdentifier" || fail "--entity lei: dei:LegalEntityIdentifier"
expect_grep "note: entity lei:HWUPKR0MPOU8FGXBT394: given by the caller \(--entity\)" "$tmp/err" "--entity: the note says it was given"
finish
