#!/bin/sh
# HTML releases through the command line: the fixtures, --input-format, and
# the real Apple release of ../shared (facts checked by hand against the
# printed statements; skipped where ../shared is absent).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
fx=tests/fixtures/html

# Diagnostics name the HTML file's own lines.
expect_status 0 "tables reads an HTML fixture" "$R2X" tables "$fx/css-indent.html" -o "$tmp/css.json"
expect_grep "css-indent.html:4:[0-9]*: warning: column heading '2009' is not a period" "$tmp/err" "a warning names the HTML line of the heading row"
expect_grep '"line": 8, "label": "Inventories", "indent": 3' "$tmp/css.json" "the JSON gives the HTML line and the CSS indent"
expect_status 0 "convert an HTML fixture" "$R2X" convert --cik 12345 "$fx/colspan.html" -o "$tmp/colspan.xml"
expect_grep 'colspan.html:9: warning: unmapped|colspan.html: wrote [^ ]*colspan.xml and [^ ]*ext-20091231.xsd with its 4 linkbases: [0-9]+ facts' "$tmp/err" "convert reports on the HTML release"
grep -q '<us-gaap:Revenues contextRef="D20091001-20091231" .*>125400000</us-gaap:Revenues>' "$tmp/colspan.xml" \
    && pass "a spanned 'Three Months Ended' gives each column its quarter" || fail "a spanned 'Three Months Ended' gives each column its quarter"
# --input-format text reads the markup as text: no table, nothing written.
expect_status 1 "--input-format text reads HTML as text" "$R2X" tables --input-format text "$fx/colspan.html" -o "$tmp/t.json"
expect_grep 'colspan.html: error: this looks like HTML but was read as text' "$tmp/err" "and says the input looks like HTML"
expect_grep '^release2xbrl: tests/fixtures/html/colspan.html: nothing written; 1 error$' "$tmp/err" "and that nothing was written"
[ ! -e "$tmp/t.json" ] && pass "no table: no JSON" || fail "no table: no JSON"

apple=$shared/releases/apple-2011q1.html
if [ ! -f "$apple" ]; then
    skip "the real release (Apple, 2011 Q1)" "$apple not present (../shared is absent)"
    finish
    exit $?
fi
expect_status 0 "tables on the Apple release" "$R2X" tables "$apple" -o "$tmp/apple.json"
expect_grep 'apple-2011q1.html: wrote [^ ]*apple.json: 4 tables, 86 rows, 142 figures; no warnings$' "$tmp/err" "4 tables, 142 figures, no warnings"
expect_status 0 "convert the Apple release with no profile" "$R2X" convert --cik 0000320193 "$apple" -o "$tmp/apple.xml"
f() {
    grep -qF -- "<$1 contextRef=\"$2\" unitRef=\"$3\" decimals=\"$4\">$5</$1>" "$tmp/apple.xml" && pass "$6" || {
        fail "$6"; grep -F "<$1 " "$tmp/apple.xml" | head -3 | sed 's/^/#   have: /'; }
}
# Figures as printed in the release's statements (USD millions, shares in
# thousands, per share in USD), periods from "Three Months Ended December 25,
# 2010 / December 26, 2009" (13 weeks each) and the balance-sheet dates.
f us-gaap:Revenues D20100926-20101225 USD -6 26741000000 "net sales, Q1 FY2011"
f us-gaap:Revenues D20090927-20091226 USD -6 15683000000 "net sales, Q1 FY2010"
f us-gaap:NetIncomeLoss D20100926-20101225 USD -6 6004000000 "net income, Q1 FY2011"
f us-gaap:EarningsPerShareDiluted D20100926-20101225 USDPerShare 2 6.43 "diluted EPS in USD per share"
f us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding D20100926-20101225 shares -3 933154000 "diluted shares, printed in thousands"
f us-gaap:Assets I20101225 USD -6 86742000000 "total assets at 25 December 2010"
f us-gaap:Assets I20100925 USD -6 75183000000 "total assets at 25 September 2010"
f us-gaap:AccumulatedOtherComprehensiveIncomeLossNetOfTax I20100925 USD -6 -46000000 "(46) is negative"
f us-gaap:NetCashProvidedByUsedInInvestingActivities D20100926-20101225 USD -6 -10729000000 "cash used in investing is negative"
f us-gaap:PaymentsToAcquirePropertyPlantAndEquipment D20100926-20101225 USD -6 1214000000 "a printed (1,214) payment is a positive payment"
# The warning for an unmapped line names the HTML line of its label.
expect_status 0 "map the Apple release" "$R2X" map --cik 0000320193 "$apple" -o "$tmp/apple.map"
expect_grep '^998	cash-flows	Vendor non-trade receivables	' "$tmp/apple.map" "the map names HTML line 998 for a cash-flow row"
finish
