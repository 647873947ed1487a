#!/bin/sh
# Space-aligned and EDGAR text: layout features on small hand-written
# fixtures (tests/fixtures/text), the default profile, and the two real text
# releases in ../shared/releases when present.  Every expected figure and
# period below was read off the fixture or release by hand.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
fx=tests/fixtures/text
out=$tmp/inst
mkdir -p "$out"

# has FILE CONCEPT CONTEXT UNIT VALUE DESC: the instance holds the fact.
has() {
    if grep -Eq -- "<$2 contextRef=\"$3\" unitRef=\"$4\" decimals=\"[-0-9]+\">$5</$2>" "$1"; then
        pass "$6"
    else
        fail "$6"; echo "#   want $2 $3 $4 $5"
        grep -F "<$2 " "$1" | sed 's/^/#   have: /' | head -4
    fi
}

# Gutters, dot leaders, a label wrapped over two lines, "--" and an em dash
# for nil, rules of --- and ===, "Three Months Ended" / "September 30," over
# two year columns, the prior year first, costs printed negative.
expect_status 0 "gutters: convert" "$R2X" convert -q --cik 1 "$fx/gutters.txt" -o "$out/g.xml"
has "$out/g.xml" us-gaap:Revenues D20100701-20100930 USD 1500000000 "gutters: 2010 revenues (second column) in millions"
has "$out/g.xml" us-gaap:Revenues D20090701-20090930 USD 1200000000 "gutters: the prior year first: 2009 revenues"
has "$out/g.xml" us-gaap:CostOfRevenue D20100701-20100930 USD 800000000 "gutters: cost printed (800) is a positive cost"
has "$out/g.xml" us-gaap:SellingGeneralAndAdministrativeExpense D20090701-20090930 USD 300000000 "gutters: a label wrapped over two lines, figures on the second"
has "$out/g.xml" us-gaap:IncomeTaxExpenseBenefit D20100701-20100930 USD 84000000 "gutters: tax provision (84) is an expense of 84"
has "$out/g.xml" us-gaap:EarningsPerShareBasic D20100701-20100930 USDPerShare 0.98 "gutters: EPS is per share, unscaled"
has "$out/g.xml" us-gaap:RestructuringCharges D20090701-20090930 USD 0 "gutters: an em dash is nil"
"$R2X" tables "$fx/gutters.txt" -o "$out/g.json" 2>"$tmp/g.err"
grep -q '"text": "--"' "$out/g.json" && pass "gutters: '--' is read as a cell" || fail "gutters: '--' is read as a cell"
grep -q '"line": 15' "$out/g.json" && grep -q '"label_line": 14' "$out/g.json" && pass "gutters: the wrapped row keeps both source lines" || fail "gutters: the wrapped row keeps both source lines"
grep -q 'unmapped\|not the sum' "$tmp/err" && fail "gutters: every line maps and adds up" || pass "gutters: every line maps and adds up"

# EDGAR <TABLE>/<CAPTION>/<S>/<C>, CRLF line ends, a label wrapped onto a
# line that starts with "$6", "--" for nil.
expect_status 0 "edgar: convert" "$R2X" convert -q --cik 1 "$fx/edgar-crlf.txt" -o "$out/e.xml"
has "$out/e.xml" us-gaap:CashAndCashEquivalentsAtCarryingValue I20100930 USD 150000000 "edgar: cash at 30 September 2010, from the <C> columns"
has "$out/e.xml" us-gaap:AccountsReceivableNetCurrent I20091231 USD 200000000 "edgar: receivables whose label wraps onto '\$6 ....'"
has "$out/e.xml" us-gaap:InventoryNet I20091231 USD 0 "edgar: '--' is nil"
has "$out/e.xml" us-gaap:AssetsCurrent I20100930 USD 430000000 "edgar: current assets"
"$R2X" tables "$fx/edgar-crlf.txt" -o "$out/e.json" 2>"$tmp/e.err"
grep -q '"line": 16' "$out/e.json" && pass "edgar: line numbers stay those of the source" || fail "edgar: line numbers stay those of the source"

# A page break (form feed) and a "(continued)" title: one statement in two
# parts; three balance-sheet dates.
expect_status 0 "page break: convert" "$R2X" convert -q --cik 1 "$fx/pagebreak.txt" -o "$out/p.xml"
"$R2X" tables "$fx/pagebreak.txt" -o "$out/p.json" 2>/dev/null
grep -q '"continues": 1' "$out/p.json" && pass "page break: the second part continues the first" || fail "page break: the second part continues the first"
has "$out/p.xml" us-gaap:AccountsPayableCurrent I20040103 USD 3106000 "page break: payables at January 3, 2004 (third date)"
has "$out/p.xml" us-gaap:AssetsCurrent I20030628 USD 8368000 "page break: current assets at June 28, 2003"

# Spanning headings and years shifted left of their figures (eBay's layout):
# "2022" just past the end of "Three Months Ended", its figures reaching
# towards "Six Months Ended", is the three months of 2022.
expect_status 0 "shifted spans: convert" "$R2X" convert -q --cik 1 "$fx/shifted-spans.txt" -o "$out/s.xml"
has "$out/s.xml" us-gaap:Revenues D20220401-20220630 USD 2400000000 "shifted spans: the second column is the three months of 2022"
has "$out/s.xml" us-gaap:Revenues D20220101-20220630 USD 4800000000 "shifted spans: the fourth is the six months of 2022"

# 52/53-week periods: "Twelve Weeks Ended" over 3/25/2023 dates; "Dec. 31".
expect_status 0 "weeks: convert" "$R2X" convert -q --cik 1 "$fx/weeks.txt" -o "$out/w.xml"
has "$out/w.xml" us-gaap:Revenues D20230101-20230325 USD 412300000 "weeks: twelve weeks ended 3/25/2023 start on January 1"
has "$out/w.xml" us-gaap:Revenues D20220102-20220326 USD 398100000 "weeks: twelve weeks ended 3/26/2022"
has "$out/w.xml" us-gaap:CashAndCashEquivalentsAtCarryingValue I20221231 USD 52000000 "weeks: 'Dec. 31, 2022' balance sheet date"

# The default profile: the entity name and fiscal year end come from the
# release, and the tool says so in notes; a CIK is not invented: the name,
# in no registry, identifies the entity under our own scheme, with a warning.
expect_status 0 "default profile: no CIK printed, none given" "$R2X" convert "$fx/weeks.txt" -o "$out/w2.xml"
expect_grep "weeks.txt:1: warning: no registry identifier for the entity 'Grocer Holdings, Inc.'" "$tmp/err" "default profile: the missing identifier is named"
expect_grep "weeks.txt:1: note: no company profile: entity name 'Grocer Holdings, Inc.' inferred" "$tmp/err" "default profile: entity name inferred and said"
expect_grep "fiscal year end --12-31 inferred from the balance sheet's date of the last fiscal year end" "$tmp/err" "default profile: fiscal year end inferred and said"
"$R2X" convert --cik 2 --entity-name "Grocer" --fiscal-year-end --12-30 "$fx/weeks.txt" -o "$out/w3.xml" 2>"$tmp/w3.err"
grep -q 'inferred\|assumed\|left out' "$tmp/w3.err" && fail "default profile: options leave nothing to infer" || pass "default profile: options leave nothing to infer"

# The fiscal year end a release with no income statement shows, or not.
# fye FIXTURE WANT DESC: the cover facts of `facts` (fiscal year end, year,
# period), "-" for each left out.
fye() {
    "$R2X" facts --cik 1 "$1" >"$tmp/fye.out" 2>"$tmp/fye.err"
    got=$(awk '$1 == "dei:CurrentFiscalYearEndDate" {e = $5} $1 == "dei:DocumentFiscalYearFocus" {y = $5}
               $1 == "dei:DocumentFiscalPeriodFocus" {p = $5}
               END {print (e ? e : "-") " " (y ? y : "-") " " (p ? p : "-")}' "$tmp/fye.out")
    if [ "$got" = "$2" ]; then pass "$3"; else fail "$3: got '$got', want '$2'"; sed 's/^/#   /' "$tmp/fye.err" | head -5; fi
}
# a balance sheet at 30 September 2010 beside 31 December 2009: the calendar
# year, which the release fits, assumed and said (not 30 September, its
# latest date)
fye "$fx/edgar-crlf.txt" "--12-31 2010 Q3" "fiscal year end: a 31 December balance sheet beside a later one: the calendar year"
expect_grep "fiscal year end --12-31 assumed, the calendar year" "$tmp/fye.err" "fiscal year end: ... assumed, and said"
# 3 July 2004, 28 June 2003 and between them 3 January 2004: the last year
# end (a 52/53-week year named by the year it mostly falls in)
fye "$fx/pagebreak.txt" "--01-03 2004 Q2" "fiscal year end: the date between this interim date and the same a year before"
# two quarter ends, neither 31 December: nothing says which ends the year
printf '%s\n' "Quarter Co." "CONSOLIDATED BALANCE SHEETS" "(In millions)" "" \
    "                          September 30,   June 30," \
    "                              2010          2010" "" \
    "Cash and equivalents      \$      150     \$      120" \
    "Inventories                       30             25" \
    "Total current assets             180            145" >"$tmp/quarters.txt"
fye "$tmp/quarters.txt" "- - -" "fiscal year end: two quarter ends: no fiscal year claimed"
expect_grep "nothing in the release says when its fiscal year ends; dei:CurrentFiscalYearEndDate, DocumentFiscalYearFocus and DocumentFiscalPeriodFocus are left out" "$tmp/fye.err" "fiscal year end: ... and said"
expect_grep "^dei:DocumentPeriodEndDate +2010-09-30\.\.2010-09-30 .* 2010-09-30 " "$tmp/fye.out" "fiscal year end: the cover facts stand in the document's last day"
"$R2X" facts --cik 1 --fiscal-year-end --06-30 "$tmp/quarters.txt" >"$tmp/fye.out" 2>"$tmp/fye.err"
expect_grep "^dei:DocumentFiscalPeriodFocus .* Q1 " "$tmp/fye.out" "fiscal year end: given, it is used (Q1 of a June year)"
# "Third Quarter Results" over three months to 30 September: 31 December
fye "$fx/gutters.txt" "--12-31 2010 Q3" "fiscal year end: the quarter the release names and its end"

# The real releases (../shared/releases): statements with their periods and
# scale, at least 90% of their lines mapped, every total adding up, the
# instance schema-valid.
if [ ! -d "$shared/releases" ]; then
    echo "# ../shared/releases is absent: real releases skipped"
    finish
    exit $?
fi
ratio() {  # MAPFILE: mapped lines per thousand of IS, BS and CF lines
    awk -F'\t' '!/^#/ && ($2=="income-statement"||$2=="balance-sheet"||$2=="cash-flows") && $6!="" {n++; if ($4!="unmapped") m++} END {print int(1000*m/n)}' "$1"
}
cat >"$tmp/wrap.xsd" <<'XSD'
<?xml version="1.0" encoding="UTF-8"?>
<xs:schema targetNamespace="http://example.com/wrap" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.xbrl.org/2003/instance" schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xs:import namespace="http://fasb.org/us-gaap/2024" schemaLocation="https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"/>
  <xs:import namespace="http://xbrl.sec.gov/dei/2024" schemaLocation="https://xbrl.sec.gov/dei/2024/dei-2024.xsd"/>
  <xs:import namespace="http://fasb.org/srt/2024" schemaLocation="https://xbrl.fasb.org/srt/2024/elts/srt-2024.xsd"/>
</xs:schema>
XSD
for rel in timewarner-2003q3 sears-2004q2; do
    src=$shared/releases/$rel.txt
    expect_status 0 "$rel: converts with no company overlay" "$R2X" convert --cik 1 "$src" -o "$out/$rel.xml"
    grep -q 'not the sum\|add up to' "$tmp/err" && fail "$rel: every printed total adds up" || pass "$rel: every printed total adds up"
    "$R2X" map --cik 1 "$src" -o "$out/$rel.map" 2>/dev/null
    r=$(ratio "$out/$rel.map")
    [ "$r" -ge 900 ] && pass "$rel: $r/1000 statement lines mapped" || fail "$rel: $r/1000 statement lines mapped (want 900)"
    if [ -d "$shared/xbrl-cache" ]; then
        # the company's extension schema, written beside the instance
        ext=$(sed -n 's/.*schemaRef[^>]*href="\([^"]*\)".*/\1/p' "$out/$rel.xml")
        ns=$(sed -n 's/.*targetNamespace="\([^"]*\)".*/\1/p' "$out/$ext" | head -1)
        sed "s|</xs:schema>|  <xs:import namespace=\"$ns\" schemaLocation=\"$out/$ext\"/>\n</xs:schema>|" \
            "$tmp/wrap.xsd" >"$tmp/wrap-$rel.xsd"
        "$top_builddir/tests/xbrl_validate" "$shared/xbrl-cache" "$tmp/wrap-$rel.xsd" "$out/$rel.xml" >/dev/null 2>"$tmp/v.err" \
            && pass "$rel: schema-valid" || { fail "$rel: schema-valid"; grep -v 'I/O warning' "$tmp/v.err" | head -3 | sed 's/^/#   /'; }
    fi
done
t=$out/timewarner-2003q3.xml
has "$t" us-gaap:Revenues D20030701-20030930 USD 10334000000 "Time Warner: Q3 2003 revenues, millions"
has "$t" us-gaap:CostOfRevenue D20030101-20030930 USD 18190000000 "Time Warner: nine-month costs of revenues (18,190) are positive"
has "$t" us-gaap:ProfitLoss D20020101-20020930 USD -53791000000 "Time Warner: nine-month 2002 net loss (the general table reads it as ProfitLoss)"
has "$t" us-gaap:Assets I20021231 USD 115450000000 "Time Warner: total assets at 31 December 2002"
has "$t" us-gaap:DeferredRevenueNoncurrent I20030930 USD 988000000 "Time Warner: deferred revenue below current liabilities is noncurrent"
has "$t" us-gaap:EarningsPerShareDiluted D20020101-20020930 USDPerShare -12.09 "Time Warner: diluted EPS, unscaled"
has "$t" us-gaap:PaymentsToAcquirePropertyPlantAndEquipment D20030101-20030930 USD 1928000000 "Time Warner: capital expenditures (1,928) are a payment"
s=$out/sears-2004q2.xml
has "$s" us-gaap:Revenues D20040404-20040703 USD 8781000000 "Sears: 13 weeks ended July 3, 2004 start April 4"
has "$s" us-gaap:Revenues D20021229-20030628 USD 19076000000 "Sears: 26 weeks ended June 28, 2003 start December 29, 2002"
has "$s" us-gaap:IncomeTaxExpenseBenefit D20040404-20040703 USD 32000000 "Sears: income tax expense (32) is an expense of 32"
has "$s" us-gaap:Assets I20040103 USD 27723000000 "Sears: total assets at January 3, 2004 (third balance-sheet date)"
has "$s" us-gaap:AssetsCurrent I20030628 USD 39921000000 "Sears: current assets at June 28, 2003"
has "$s" us-gaap:EarningsPerShareDiluted D20040104-20040703 USDPerShare -3.71 "Sears: 26-week diluted EPS under 'Diluted'"
finish
