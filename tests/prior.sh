#!/bin/sh
# convert --prior: lines bound to the concepts and signs of the company's
# last filing (tests/fixtures/prior/: a tiny release and, written by hand,
# its 2023 10-K as an instance with a schema and a label linkbase, and in
# part as Inline XBRL); the report of what the filing did; errors.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
fx=tests/fixtures/prior
out=$tmp/outputs
mkdir -p "$out"
export XDG_CACHE_HOME=$tmp/cache

# fact FILE CONCEPT CONTEXT VALUE DESCRIPTION: FILE holds the fact (USD,
# decimals -3, as the release prints thousands).
fact() {
    line="<$2 contextRef=\"$3\" unitRef=\"USD\" decimals=\"-3\">$4</$2>"
    grep -qF -- "$line" "$1" && pass "$5" || { fail "$5"; echo "#   missing: $line"; grep -F "contextRef=\"$3\"" "$1" | sed 's/^/#   have: /' | head -12; }
}

expect_status 0 "convert without --prior" "$R2X" convert -q --entity-name "Widget Co" $fx/release.txt -o "$out/plain.xml"
expect_status 0 "convert --prior an instance" "$R2X" convert --entity-name "Widget Co" --prior $fx/prior.xml $fx/release.txt -o "$out/prior.xml"
cp "$tmp/err" "$tmp/prior.err"

# A line whose comparative figure is a fact of the filing takes its concept,
# in every column: "Turnover from widgets" 123,400 is the company's ASC 606
# revenue (without the filing no standard concept fits it).
fact "$out/prior.xml" us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax D20240101-20241231 130500000 "the prior's concept for the current column too"
fact "$out/prior.xml" us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax D20230101-20231231 123400000 "the prior's concept for the comparative column"
grep -q 'RevenueFromContractWithCustomerExcludingAssessedTax' "$out/plain.xml" && fail "without --prior the revenue line is not ASC 606 revenue (the test would prove nothing)" || pass "without --prior the revenue line is something else"

# The sign is the filing's: the 2023 tax benefit printed 9,700 is the fact
# -9,700,000, so the 2024 expense printed (11,000) is 11,000,000.
fact "$out/prior.xml" us-gaap:IncomeTaxExpenseBenefit D20230101-20231231 -9700000 "a benefit printed positive is the prior's negative fact"
fact "$out/prior.xml" us-gaap:IncomeTaxExpenseBenefit D20240101-20241231 11000000 "the same sign in the current column: an expense is positive"
fact "$out/plain.xml" us-gaap:IncomeTaxExpenseBenefit D20240101-20241231 -11000000 "without --prior the tax line keeps the printed sign (the prior made the difference)"

# Of two facts of the same value, the one without dimensions.
fact "$out/prior.xml" us-gaap:CashAndCashEquivalentsAtCarryingValue I20231231 38000000 "cash: the fact without dimensions"
grep -q 'OperatingSegmentsMember' "$out/prior.xml" && fail "no context takes the dimensional fact's member" || pass "no context takes the dimensional fact's member"

# A label of the filing's label linkbase: "Widget royalties" (no figure is a
# fact of it).
fact "$out/prior.xml" us-gaap:RoyaltyIncomeNonoperating D20240101-20241231 4500000 "a label of the filing binds its line"

# The company's extension concept is reused: its name, its balance (from the
# filing's schema), declared in our extension schema.
fact "$out/prior.xml" widget:CustomerDepositsForWidgetBacklog I20231231 6660000 "the company's extension concept, reused by name"
expect_grep 'name="CustomerDepositsForWidgetBacklog" type="xbrli:monetaryItemType" .*xbrli:periodType="instant" xbrli:balance="debit"' "$out/widget-20241231.xsd" "the reused concept is declared with the filing's balance"
grep -q 'WidgetBacklogDeposits' "$out/prior.xml" && fail "no extension named from the label instead" || pass "no extension named from the label instead"

# The report: how many lines, and each that differs from the binding without
# the filing.
expect_grep "^release2xbrl: $fx/release\.txt: note: the prior filing $fx/prior\.xml bound 7 lines \(6 by its figures, 1 by its labels\); 3 of them differ from what the binding would have chosen without it$" "$tmp/prior.err" "a note counts the lines the filing bound and those that differ"
expect_grep "^release2xbrl: $fx/release\.txt:9: note: 'Turnover from widgets': the prior filing says us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax; without it no standard concept fits$" "$tmp/prior.err" "a line that differs is named, with both choices"
[ "$(grep -c 'the prior filing says' "$tmp/prior.err")" -eq 3 ] && pass "three lines named" || fail "three lines named"

# map says why.
expect_status 0 "map --prior" "$R2X" map --entity-name "Widget Co" --prior $fx/prior.xml $fx/release.txt -o "$out/map.tsv"
expect_grep '	Income tax \(expense\)/benefit	us-gaap:IncomeTaxExpenseBenefit	negate	.*	prior	prior filing: 1 of 1 figures are its facts negated \(prior\.xml line 37\)	the prior filing.s fact is the figure negated	' "$out/map.tsv" "map: the source, the fact and the sign rule"
expect_grep '	Widget royalties	us-gaap:RoyaltyIncomeNonoperating	.*	prior	prior filing.s label for us-gaap:RoyaltyIncomeNonoperating	' "$out/map.tsv" "map: a label match"

# Inline XBRL: the document's target instance (scale, sign="-"); its schema
# is not there, so no labels, said in a note.
expect_status 0 "convert --prior an Inline XBRL document" "$R2X" convert --entity-name "Widget Co" --prior $fx/prior.htm $fx/release.txt -o "$out/ix.xml"
fact "$out/ix.xml" us-gaap:IncomeTaxExpenseBenefit D20230101-20231231 -9700000 "iXBRL: sign=\"-\" read, the sign is the filing's"
fact "$out/ix.xml" us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax D20240101-20241231 130500000 "iXBRL: scale read, the concept is the filing's"
expect_grep "note: the prior filing's labels are not used: cannot read file '[^']*missing-20231231\.xsd'" "$tmp/err" "iXBRL: the missing schema is a note"

# Deterministic.
"$R2X" convert -q --entity-name "Widget Co" --prior $fx/prior.xml $fx/release.txt -o "$out/again.xml" 2>/dev/null
cmp -s "$out/prior.xml" "$out/again.xml" && pass "the same input gives the same instance" || fail "the same input gives the same instance"

# Errors: nothing written.
expect_status 2 "a missing filing is an I/O error" "$R2X" convert --prior "$tmp/none.xml" $fx/release.txt -o "$out/e1.xml"
expect_grep "none\.xml: error: cannot open: No such file or directory" "$tmp/err" "it is named"
expect_status 1 "a release is not a filing" "$R2X" convert -q --prior $fx/release.txt $fx/release.txt -o "$out/e2.xml"
expect_grep "release\.txt:[0-9]+: error: not an XBRL instance or an Inline XBRL document: not well-formed XML" "$tmp/err" "it is said why"
expect_status 1 "a schema is not a filing" "$R2X" convert -q --prior $fx/prior.xsd $fx/release.txt -o "$out/e3.xml"
expect_grep "prior\.xsd: error: not an XBRL instance or an Inline XBRL document \(its root is <schema>\)" "$tmp/err" "it is said what it is"
head -c 2000 $fx/prior.xml >"$tmp/cut.xml"
expect_status 1 "a filing cut short" "$R2X" convert -q --prior "$tmp/cut.xml" $fx/release.txt -o "$out/e4.xml"
expect_grep "cut\.xml:[0-9]+: error: not an XBRL instance or an Inline XBRL document: not well-formed XML" "$tmp/err" "a filing cut short: not well-formed"
# entities are not expanded, external ones not loaded: the hostile instance
# reads as XML whose facts are not numbers
expect_status 1 "an instance with an external entity" "$R2X" convert -q --prior tests/hostile/xxe-file.xml $fx/release.txt -o "$out/e5.xml"
expect_grep "xxe-file\.xml: error: the prior filing holds no numeric fact to bind lines with" "$tmp/err" "the entity is not read"
expect_status 1 "billion laughs" "$R2X" convert -q --prior tests/hostile/billion-laughs.xml $fx/release.txt -o "$out/e6.xml"
# a URL to a private address is refused (the fetcher's rule), no request made
expect_status 1 "a filing at a loopback URL is refused (as fetch refuses it)" "$R2X" convert -q --prior http://127.0.0.1:9/prior.xml $fx/release.txt -o "$out/e7.xml"
expect_grep "127\.0\.0\.1" "$tmp/err" "the refused URL is named"
ls "$out" | grep -q '^e[0-9]' && fail "a failed run wrote nothing" || pass "a failed run wrote nothing"

# The corpus (../shared): the roll-forward raises the concept recall of a
# release whose comparatives the filing keys.
pair=$shared/corpus/pairs/cocacola-2025q2
score=$shared/tools/score_release.py
if [ -d "$pair" ] && [ -f "$score" ] && /usr/bin/python3 -c 'import lxml' 2>/dev/null; then
    "$R2X" convert -q "$pair/release.html" -o "$out/ko.xml" 2>/dev/null
    "$R2X" convert -q --prior "$shared/corpus/pairs/cocacola-2024q4/filing/ko-20241231.htm" "$pair/release.html" -o "$out/ko-prior.xml" 2>/dev/null
    a=$(/usr/bin/python3 "$score" "$pair/filing" "$pair/release.html" "$out/ko.xml" | sed -n 's/^concept_recall=\([0-9.]*\) .*/\1/p')
    b=$(/usr/bin/python3 "$score" "$pair/filing" "$pair/release.html" "$out/ko-prior.xml" | sed -n 's/^concept_recall=\([0-9.]*\) .*/\1/p')
    echo "# cocacola-2025q2 release.html concept recall: $a without --prior, $b with"
    [ -n "$a" ] && [ -n "$b" ] && awk "BEGIN { exit !($b > $a) }" && pass "the prior filing raises the recall ($a -> $b)" || fail "the prior filing raises the recall ($a -> $b)"
else
    skip "corpus recall" "../shared/corpus or its scorer is absent"
fi

finish
