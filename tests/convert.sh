#!/bin/sh
# convert and map on the sample: facts computed by hand from the release,
# XML Schema validity against the real taxonomy, determinism, --strict.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
out=$tmp/inst
mkdir -p "$out"

# The release disagrees with itself once: its three-month income statement
# prints (53,701) for 2Q08 "Net gains on sales of other investments" (the
# figure of the line below, shifted by extraction), where its cash-flow
# statement prints "-".  A warning naming both lines; the instance is
# written (exit 0).  --strict makes it an error: exit 1, nothing written.
expect_status 0 "convert the sample (one disagreement in the release)" "$R2X" convert samples/iij-2009-1h.txt -o "$out/iij.xml"
expect_grep 'samples/iij-2009-1h.txt:687: warning: us-gaap:GainLossOnInvestments in context D20080701-20080930 is -53701000 at line 648:41 but 0 at line 687:41; they disagree at the precision of the rougher one \(the value at line 648:41 is written\)' "$tmp/err" "the disagreement names both lines"
[ "$(grep -c 'disagree at the precision' "$tmp/err")" -eq 1 ] && pass "no other disagreement" || fail "no other disagreement"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: wrote [^ ]*/iij.xml and [^ ]*/iij-20090930.xsd with its 4 linkbases: 573 facts in 16 contexts for cik:0001090633 \(profile\); 0 line items without a standard concept, 1 total that does not add up, 1 disagreeing or misfit fact; 66 warnings, 1 note$' "$tmp/err" "the summary says what was written where (the taxonomy's linkbases counted), and counts"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: note: entity cik:0001090633: from the company profile .*iij.profile$' "$tmp/err" "a note says which rule found the entity"
expect_status 1 "--strict refuses the disagreement" "$R2X" convert --strict samples/iij-2009-1h.txt -o "$out/strict.xml"
expect_grep '^release2xbrl: samples/iij-2009-1h.txt: error: strict: 0 line items without a standard concept, 1 totals that do not add up, 1 disagreeing or misfit facts; nothing written$' "$tmp/err" "--strict: the error counts what it refuses for"
[ ! -e "$out/strict.xml" ] && [ ! -e "$out/iij-20090930.xsd" ] || [ "$out/iij-20090930.xsd" -ot "$out/iij.xml" ] && pass "--strict: nothing written" || fail "--strict: nothing written"
ls "$out" | grep -q 'strict' && fail "--strict left a file" || pass "--strict left no file"
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
fact us-gaap:TreasuryStockValue I20090331 JPY -3 406547000 "treasury stock (406,547) is positive"
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
    echo "# skip: $shared/xbrl-cache not present (../shared is absent); schema validity not checked"
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
wk us-gaap:TreasuryStockValue I20040703 5000000000 "treasury stock (5,000) is positive"
wk us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment D20021229-20030628 8000000 "26 weeks (182 days) ended June 28, 2003 start on December 29, 2002"
grep -q 'no standard concept' "$tmp/err" && fail "weeks: every line maps" || pass "weeks: every line maps"

# Two contexts whose readable ids would be one ("..._ATMOperationBusinessMember"
# under two axes) stay two, with two ids: the eliminations are mapped here,
# in a copy of the data, to the ATM member of the consolidation-items axis.
mkdir -p "$tmp/data"
cp -R taxonomy mappings "$tmp/data/"
sed 's/^\(segment | Revenues: > Elimination .*\)srt:ConsolidationItemsAxis=us-gaap:IntersegmentEliminationMember$/\1srt:ConsolidationItemsAxis=iij:ATMOperationBusinessMember/' \
    mappings/companies/iij.map >"$tmp/data/mappings/companies/iij.map"
grep -q 'Elimination .*ConsolidationItemsAxis=iij:ATMOperationBusinessMember' "$tmp/data/mappings/companies/iij.map" \
    || echo "Bail out! the copied mapping table was not changed"
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
