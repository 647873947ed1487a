#!/bin/sh
# Against ../shared: our iXBRL is valid against the Inline XBRL 1.1 schema,
# and extracting Apple's 10-Q gives EDGAR's own extraction fact for fact.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
schema=$shared/xbrl-cache/www.xbrl.org/2013/inlineXBRL/xhtml-inlinexbrl-1_1.xsd
apple=$shared/filings/apple-2025q2
if [ ! -f "$schema" ] || [ ! -f "$apple/aapl-20250329.htm" ]; then
    skip_all "../shared (the Inline XBRL schema, the Apple filing) is absent"
fi
factlist=$top_builddir/tests/factlist
validate=$top_builddir/tests/xbrl_validate

"$R2X" convert -q --format ixbrl samples/iij-2009-1h.txt -o "$tmp/iij.htm" 2>/dev/null
"$validate" "$shared/xbrl-cache" "$schema" "$tmp/iij.htm" >"$tmp/v.out" 2>&1 \
    && pass "the sample's iXBRL is valid Inline XBRL 1.1 (XML Schema)" || { fail "iXBRL schema validity"; head -5 "$tmp/v.out" | sed 's/^/#   /'; }
# The validator must be able to fail: a fact nested in ix:header's wrong place.
sed 's|<ix:references>|<ix:bogus/><ix:references>|' "$tmp/iij.htm" >"$tmp/broken.htm"
"$validate" "$shared/xbrl-cache" "$schema" "$tmp/broken.htm" >/dev/null 2>&1 \
    && fail "a broken iXBRL is found invalid" || pass "a broken iXBRL is found invalid"

# A release whose contacts block reads as a table of headings alone: XHTML
# wants a table body, which the headings then are.
netflix=$shared/corpus/pairs/netflix-2024q3/release.html
if [ -f "$netflix" ]; then
    "$R2X" convert -q --format ixbrl "$netflix" -o "$tmp/nflx.htm" 2>/dev/null
    "$validate" "$shared/xbrl-cache" "$schema" "$tmp/nflx.htm" >"$tmp/v.out" 2>&1 \
        && pass "Netflix 2024 Q3 (a table of headings alone) is valid Inline XBRL 1.1" \
        || { fail "Netflix 2024 Q3 iXBRL schema validity"; head -5 "$tmp/v.out" | sed 's/^/#   /'; }
fi

expect_status 0 "extract Apple's 10-Q" "$R2X" extract -q "$apple/aapl-20250329.htm" -o "$tmp/aapl.xml"
"$factlist" "$apple/aapl-20250329_htm.xml" | sort >"$tmp/edgar"
"$factlist" "$tmp/aapl.xml" | sort >"$tmp/ours"
n=$(wc -l <"$tmp/edgar")
[ "$n" -eq 760 ] && pass "EDGAR's extraction has 760 facts" || fail "EDGAR's extraction has $n facts, not 760"
if cmp -s "$tmp/edgar" "$tmp/ours"; then pass "the same $n facts as EDGAR: concept, context, unit, decimals, value"; else
    fail "Apple facts differ from EDGAR's: $(diff "$tmp/edgar" "$tmp/ours" | grep -c '^<') lines"; diff "$tmp/edgar" "$tmp/ours" | cut -c1-200 | head -6 | sed 's/^/#   /'; fi
finish
