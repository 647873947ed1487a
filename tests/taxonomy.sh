#!/bin/sh
# The extension taxonomy every conversion writes beside its instance: the
# linkbases of a small fixture against goldens checked by hand, the same
# bytes on a second run, all or none, the prefix and namespace without a
# profile, and our validate finding a total broken in the instance.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
fixture=tests/fixtures/text/fixture-corp.txt
gold=tests/golden/taxonomy
out=$tmp/tx
mkdir -p "$out/a" "$out/b"

expect_status 0 "convert the fixture" "$R2X" convert -q --cik 1234 --entity-name "Fixture Corp" "$fixture" -o "$out/a/fixture.xml"
files="fixture-20091231.xsd fixture-20091231_lab.xml fixture-20091231_pre.xml fixture-20091231_cal.xml fixture-20091231_def.xml"
[ "$(ls "$out/a" | wc -l)" -eq 6 ] && pass "the instance and five taxonomy files" || fail "six files: $(ls "$out/a")"

# Goldens, reviewed line by line against the fixture (tests/golden/README.md).
for f in $files; do
    [ "${R2X_UPDATE_GOLDEN:-}" = 1 ] && cp "$out/a/$f" "$gold/$f"
    if cmp -s "$gold/$f" "$out/a/$f"; then pass "$f matches the golden"; else
        fail "$f differs from the golden"; diff -u "$gold/$f" "$out/a/$f" | head -20 | sed 's/^/#   /'; fi
done
grep -q '<link:schemaRef xlink:type="simple" xlink:href="fixture-20091231.xsd"/>' "$out/a/fixture.xml" \
    && pass "the instance refers to its own schema" || fail "the instance refers to its own schema"

# What the goldens say, in words: asserted on their own so that a golden
# rewritten by mistake does not carry a wrong taxonomy through.
pre=$gold/fixture-20091231_pre.xml cal=$gold/fixture-20091231_cal.xml
grep -q 'xlink:from="loc_fixture_CostsAndExpensesAbstract" xlink:to="loc_us-gaap_CostOfRevenue" order="1" preferredLabel="http://www.xbrl.org/2009/role/negatedLabel"' "$pre" \
    && pass "a cost printed in parentheses is presented with its negated label" || fail "negated label"
grep -q 'xlink:to="loc_us-gaap_AssetsCurrent" order="3" preferredLabel="http://www.xbrl.org/2003/role/totalLabel"' "$pre" \
    && pass "a total is presented with its total label, after its lines" || fail "total label"
grep -q 'xlink:from="loc_us-gaap_StockholdersEquity" xlink:to="loc_us-gaap_TreasuryStockCommonValue" order="3" weight="-1"' "$cal" \
    && pass "treasury stock is subtracted from equity (debit into credit)" || fail "treasury stock weight"
grep -q 'xlink:from="loc_us-gaap_CostsAndExpenses" xlink:to="loc_us-gaap_CostOfRevenue" order="1" weight="1"' "$cal" \
    && pass "costs printed negative add into their negative total with weight 1" || fail "costs weight"
grep -q 'loc_us-gaap_Revenues" xlink:to=' "$cal" \
    && fail "revenues by product (a dimension) are no summation" || pass "revenues by product (a dimension) are no summation"
grep -q 'arcrole/dimension-default" xlink:from="loc_srt_ProductOrServiceAxis" xlink:to="loc_srt_ProductsAndServicesDomain"' "$gold/fixture-20091231_def.xml" \
    && pass "the axis's default is US-GAAP's domain" || fail "dimension default"

# The same input, the same bytes.
"$R2X" convert -q --cik 1234 --entity-name "Fixture Corp" "$fixture" -o "$out/b/fixture.xml"
same=1
for f in fixture.xml $files; do cmp -s "$out/a/$f" "$out/b/$f" || same=0; done
[ $same -eq 1 ] && pass "a second run writes the same bytes" || fail "a second run writes the same bytes"

# Without a profile's prefix: the prefix from the ticker, else the name; the
# period end names the files; the namespace is the project's URN for the
# prefix.
mkdir -p "$out/tick"
printf 'entity-name: Fixture Corp\nticker: FXC\n' >"$tmp/fxc.profile"
"$R2X" convert -q --cik 1234 --profile "$tmp/fxc.profile" "$fixture" -o "$out/tick/f.xml" 2>/dev/null
[ -s "$out/tick/fxc-20091231_pre.xml" ] && pass "a ticker names the extension (fxc)" || fail "ticker: $(ls "$out/tick")"
grep -q 'targetNamespace="urn:release2xbrl:extension:fxc"' "$out/tick/fxc-20091231.xsd" \
    && pass "the namespace is made of the prefix" || fail "namespace"

# A statement whose title is a stray mark (Boeing's income statement of
# 2024 Q4 as HTML reads as titled "`") gets a role named after its kind.
boeing=$shared/corpus/pairs/boeing-2024q4/release.html
if [ -f "$boeing" ]; then
    mkdir -p "$out/mark"
    "$R2X" convert -q "$boeing" -o "$out/mark/ba.xml" 2>/dev/null
    grep -q '<link:definition>0002 - Statement - `</link:definition>' "$out/mark/ba-20241231.xsd" \
        && fail "a stray mark is no role definition" || pass "a stray mark is no role definition"
    grep -q '<link:definition>0002 - Statement - Income Statement</link:definition>' "$out/mark/ba-20241231.xsd" \
        && pass "the role is defined by its kind" || { fail "role definition"; grep definition "$out/mark/ba-20241231.xsd" | head -3 | sed 's/^/#   /'; }
else
    skip "the stray-mark title (Boeing)" "$boeing absent"
fi

# All or none: a stylesheet that fails leaves no taxonomy behind either.
mkdir -p "$out/none"
printf '<not-xslt/>\n' >"$tmp/broken.xsl"
expect_status 2 "--format all with a broken stylesheet" "$R2X" convert -q --cik 1234 --format all --stylesheet "$tmp/broken.xsl" "$fixture" -o "$out/none/f.xml"
[ -z "$(ls -A "$out/none")" ] && pass "nothing written when one output fails" || fail "left behind: $(ls "$out/none")"

# To standard output: no taxonomy can be written, so the instance refers to
# the taxonomy's own entry points, and nothing is said about it.
"$R2X" convert -q --cik 1234 --entity-name "Fixture Corp" "$fixture" -o - >"$out/stdout.xml" 2>"$tmp/err"
grep -q 'xlink:href="https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"' "$out/stdout.xml" \
    && pass "-o -: the instance refers to US-GAAP's schema" || fail "-o - schemaRef"
[ ! -s "$tmp/err" ] && pass "-o -: no warning without company concepts" || fail "-o -: $(cat "$tmp/err")"

# Our validate checks the calculation linkbase: a total broken in the
# instance is found, naming the total and its network.
if [ -d "$shared/xbrl-cache" ]; then
    "$R2X" validate --offline --cache-dir "$shared/xbrl-cache" -q "$out/a/fixture.xml" >"$tmp/ok.txt" 2>&1
    grep error "$tmp/ok.txt" | grep -v documentUnavailable | grep -v ': [0-9]* errors' >"$tmp/ok.errors"
    [ ! -s "$tmp/ok.errors" ] && pass "the fixture's instance and taxonomy validate (but for documents the cache lacks)" \
        || { fail "the fixture validates"; head -5 "$tmp/ok.errors" | sed 's/^/#   /'; }
    sed 's|<us-gaap:AssetsCurrent contextRef="I20091231" unitRef="USD" decimals="-3">500000<|<us-gaap:AssetsCurrent contextRef="I20091231" unitRef="USD" decimals="-3">510000<|' \
        "$out/a/fixture.xml" >"$out/a/broken.xml"
    cmp -s "$out/a/fixture.xml" "$out/a/broken.xml" && echo "Bail out! the total was not changed"
    "$R2X" validate --offline --cache-dir "$shared/xbrl-cache" -q "$out/a/broken.xml" >"$tmp/broken.txt" 2>&1
    expect_grep "error \[calc11e:inconsistentCalculationUsingRounding\]: AssetsCurrent in context 'I20091231' is 510000 but its 2 contributing items sum to 500000 \(decimals -3; network ConsolidatedBalanceSheets\)" \
        "$tmp/broken.txt" "a broken total is reported with its network"
    expect_grep "Assets in context 'I20091231' is 1200000 but its 2 contributing items sum to 1210000" \
        "$tmp/broken.txt" "and so is the total it adds into"
else
    skip "the extension taxonomy validates" "$shared/xbrl-cache not present (../shared is absent)"
fi
finish
