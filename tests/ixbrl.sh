#!/bin/sh
# Inline XBRL: convert --format ixbrl|all, --stylesheet, extract; the round
# trip gives the instance's facts; hand-written fixtures for every format.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
factlist=$top_builddir/tests/factlist
out=$tmp/ix
mkdir -p "$out"

# Round trip: convert -> XBRL and convert -> iXBRL -> extract hold the same
# facts (concept, context, unit, decimals, value).
"$R2X" convert -q samples/iij-2009-1h.txt -o "$out/iij.xml" 2>/dev/null
expect_status 0 "convert --format ixbrl (the sample's one disagreement, a warning)" "$R2X" convert -q --format ixbrl samples/iij-2009-1h.txt -o "$out/iij.htm"
[ -s "$out/iij.htm" ] && [ -s "$out/iij-20090930.xsd" ] && pass "iXBRL and its extension schema written" || fail "iXBRL and its extension schema written"
expect_status 0 "extract our iXBRL" "$R2X" extract -q "$out/iij.htm" -o "$out/rt.xml"
"$factlist" "$out/iij.xml" | sort >"$out/want"
"$factlist" "$out/rt.xml" | sort >"$out/got"
n=$(wc -l <"$out/want")
[ "$n" -gt 500 ] && pass "the instance has $n facts" || fail "the instance has $n facts"
if cmp -s "$out/want" "$out/got"; then pass "round trip: the same $n facts"; else
    fail "round trip: the same facts"; diff "$out/want" "$out/got" | head -5 | sed 's/^/#   /'; fi
grep -q 'xlink:href="iij-20090930.xsd"' "$out/rt.xml" && pass "the schemaRef survives" || fail "the schemaRef survives"

# The tags, as the issue asks (checked against the release by hand).
sed 's/<ix:nonFraction id="f[0-9]*"/<ix:nonFraction/g' "$out/iij.htm" | grep -qF '>(<ix:nonFraction name="us-gaap:RetainedEarningsAccumulatedDeficit" contextRef="I20090331" unitRef="JPY" decimals="-3" sign="-" scale="3" format="ixt:num-dot-decimal">18,549,142</ix:nonFraction>)<' \
    && pass "a negative fact: absolute value, sign=\"-\", parentheses outside, scale 3" || fail "negative fact tag"
grep -qF 'name="us-gaap:EarningsPerShareBasic" contextRef="D20080401-20080930" unitRef="JPYPerShare" decimals="2" scale="0" format="ixt:num-dot-decimal">1,780.11<' "$out/iij.htm" \
    && pass "per-share figure: scale 0" || fail "per-share figure: scale 0"
grep -qF 'name="us-gaap:GainLossOnInvestments" contextRef="D20080401-20080930" unitRef="JPY" decimals="-3" scale="3" format="ixt:fixed-zero">-<' "$out/iij.htm" \
    && pass "a dash is ixt:fixed-zero" || fail "a dash is ixt:fixed-zero"
grep -q '<ix:nonNumeric id="dei2" name="dei:DocumentPeriodEndDate" contextRef="D20090401-20090930">2009-09-30</ix:nonNumeric>' "$out/iij.htm" \
    && pass "DEI cover in ix:hidden" || fail "DEI cover in ix:hidden"
[ "$(grep -c '<ix:header>' "$out/iij.htm")" -eq 1 ] && pass "one ix:header" || fail "one ix:header"
grep -q '<html [^>]*xml:lang="en"' "$out/iij.htm" && pass "xml:lang on html" || fail "xml:lang on html"
dups=$(grep -o ' id="[^"]*"' "$out/iij.htm" | sort | uniq -d | head -3)
[ -z "$dups" ] && pass "ids unique" || fail "ids unique: $dups"
grep -q '<h1>IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2010</h1>' "$out/iij.htm" && pass "the title is the h1" || fail "the title is the h1"
grep -q '<p>Revenues were JPY32,275 million (down 2.9% YoY).</p>' "$out/iij.htm" && pass "narrative paragraphs kept" || fail "narrative paragraphs kept"
grep -q '<caption>Quartely Consolidated Balance Sheets (Unaudited)</caption>' "$out/iij.htm" && pass "statement tables captioned" || fail "statement tables captioned"

# Deterministic.
"$R2X" convert -q --format ixbrl samples/iij-2009-1h.txt -o "$out/again.htm" 2>/dev/null
cmp -s "$out/iij.htm" "$out/again.htm" && pass "iXBRL byte-identical on a second run" || fail "iXBRL byte-identical on a second run"
"$R2X" extract -q "$out/iij.htm" -o "$out/rt2.xml"
cmp -s "$out/rt.xml" "$out/rt2.xml" && pass "extract byte-identical on a second run" || fail "extract byte-identical"

# --format all: the instance, the iXBRL beside it and the schema; with a
# stylesheet that fails, none of them.
mkdir -p "$out/all" "$out/none"
"$R2X" convert -q --format all samples/iij-2009-1h.txt -o "$out/all/iij.xml" 2>/dev/null
[ -s "$out/all/iij.xml" ] && [ -s "$out/all/iij.htm" ] && [ -s "$out/all/iij-20090930.xsd" ] && pass "--format all writes three files" || fail "--format all writes three files"
cmp -s "$out/all/iij.xml" "$out/iij.xml" && cmp -s "$out/all/iij.htm" "$out/iij.htm" && pass "--format all writes what xbrl and ixbrl write" || fail "--format all writes what xbrl and ixbrl write"
printf '<not-xslt/>\n' >"$tmp/broken.xsl"
expect_status 2 "--format all with a broken stylesheet" "$R2X" convert -q --format all --stylesheet "$tmp/broken.xsl" samples/iij-2009-1h.txt -o "$out/none/iij.xml"
[ -z "$(ls -A "$out/none")" ] && pass "nothing written when one output fails" || fail "nothing written when one output fails: $(ls "$out/none")"
expect_status 2 "--format all to standard output is refused" "$R2X" convert -q --format all samples/iij-2009-1h.txt
expect_status 2 "--format pdf is refused" "$R2X" convert --format pdf samples/iij-2009-1h.txt

# --stylesheet: a user's own rendering.
cat >"$tmp/mine.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns="http://www.w3.org/1999/xhtml">
  <xsl:template match="/release"><html><body><p>tables: <xsl:value-of select="count(body/table)"/></p></body></html></xsl:template>
</xsl:stylesheet>
XSL
"$R2X" convert -q --format ixbrl --stylesheet "$tmp/mine.xsl" samples/iij-2009-1h.txt -o "$out/mine.htm" 2>/dev/null
grep -q '<p>tables: 32</p>' "$out/mine.htm" && pass "--stylesheet renders with the user's stylesheet" || { fail "--stylesheet"; head -3 "$out/mine.htm" | sed 's/^/#   /'; }

# Every transformation, sign, scale, continuation, exclusion and hidden
# fact, with values worked out by hand.
# ix:relationship in ix:resources, where the schema puts it: a footnote link,
# never an element of the instance
expect_status 0 "extract the footnotes fixture" "$R2X" extract -q tests/fixtures/ixbrl/footnotes.htm -o "$out/footnotes.xml"
[ "$(grep -c '<link:footnoteArc' "$out/footnotes.xml")" -eq 2 ] && pass "a relationship in ix:resources gives its two footnote arcs" || fail "footnote arcs of a relationship in ix:resources"
grep -q 'relationship' "$out/footnotes.xml" && fail "ix:relationship copied into the instance" || pass "ix:relationship is not copied into the instance"
expect_status 0 "extract the formats fixture" "$R2X" extract tests/fixtures/ixbrl/formats.htm -o "$out/formats.xml"
"$factlist" "$out/formats.xml" >"$out/formats.got"
if cmp -s tests/fixtures/ixbrl/formats.expected "$out/formats.got"; then pass "every format gives its hand-computed value"; else
    fail "formats fixture"; diff tests/fixtures/ixbrl/formats.expected "$out/formats.got" | sed 's/^/#   /'; fi
expect_status 0 "an unknown format and a misfit are left out, the rest written" "$R2X" extract tests/fixtures/ixbrl/bad-format.htm -o "$out/bad.xml"
expect_grep "bad-format.htm:19: warning: unknown format 'ixt:num-roman'; the fact is left out" "$tmp/err" "the unknown format is named with its line"
expect_grep "bad-format.htm:20: warning: 'twelve' does not fit the format ixt:num-dot-decimal" "$tmp/err" "the misfit is named with its line"
expect_grep "bad-format.htm: wrote .*/bad.xml: 1 facts; 2 warnings$" "$tmp/err" "the summary counts the warnings"
printf 'not <xml' >"$tmp/bad.htm"
expect_status 1 "extract of a file that is not XML" "$R2X" extract "$tmp/bad.htm"
expect_status 2 "extract of a missing file" "$R2X" extract "$tmp/missing.htm"
# An entity reference before ix:header (left unexpanded: no entity is ever
# loaded) must not end the walk of the document: the fact after it is read.
cat >"$tmp/entity.htm" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html [ <!ENTITY co "Example Co"> ]>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
      xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:us-gaap="http://fasb.org/us-gaap/2024"
      xmlns:iso4217="http://www.xbrl.org/2003/iso4217">
<head><title>&co; results</title></head>
<body><div style="display:none"><ix:header><ix:references>
<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"/>
</ix:references><ix:resources>
<xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2009-09-30</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="u"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>Revenues <ix:nonFraction name="us-gaap:Revenues" contextRef="c" unitRef="u" decimals="0">1234</ix:nonFraction></p>
</body></html>
EOF
expect_status 0 "extract past an entity reference" "$R2X" extract "$tmp/entity.htm" -o "$out/entity.xml"
grep -q '<us-gaap:Revenues contextRef="c" unitRef="u" decimals="0">1234</us-gaap:Revenues>' "$out/entity.xml" \
    && pass "the fact after an entity reference is extracted" || fail "the fact after an entity reference is extracted"
printf '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>1,234</p></body></html>\n' >"$tmp/plain.htm"
expect_status 1 "extract of XHTML with no ix:header" "$R2X" extract "$tmp/plain.htm" -o "$out/plain.xml"
[ -e "$out/plain.xml" ] && fail "nothing is written for a document that is not Inline XBRL" \
    || pass "nothing is written for a document that is not Inline XBRL"

# An HTML release keeps its own headings, paragraphs and tables of text
# (the reader's grid), in its language; its statement is tagged.
expect_status 0 "convert an HTML release to Inline XBRL" "$R2X" convert -q --cik 1234 --format ixbrl tests/fixtures/html/narrative.html -o "$out/narrative.htm"
h=$out/narrative.htm
grep -q '<h1>Fixture Corp Reports Fourth Quarter Results</h1>' "$h" && pass "HTML: its h1 is the title" || fail "HTML: h1"
grep -q '<h2>Highlights</h2>' "$h" && pass "HTML: its h2 stays a heading" || fail "HTML: h2"
grep -q '<p>Subscription revenues grew 17 percent.</p>' "$h" && grep -q '<p>About Fixture Corp: Fixture Corp makes fixtures.</p>' "$h" \
    && pass "HTML: its paragraphs stay paragraphs, each its own" || fail "HTML: paragraphs"
grep -q '<td>Investor contact: Jane Doe, Fixture Corp, telephone (555) 010-0000</td>' "$h" \
    && grep -q '<table class="text">' "$h" && pass "HTML: a table of text stays a table" || fail "HTML: table of text"
grep -q 'name="us-gaap:GrossProfit" contextRef="D20091001-20091231" unitRef="USD" decimals="-3" scale="3" format="ixt:num-dot-decimal">600<' "$h" \
    && pass "HTML: the statement's cells are tagged" || fail "HTML: tagged statement"
grep -q '<html [^>]*xml:lang="en-US"' "$h" && pass "HTML: the release's language (lang=\"en-US\")" || fail "HTML: xml:lang"
awk '/<h1>/{a=NR} /Highlights/{b=NR} /Investor contact/{c=NR} /GrossProfit/{d=NR} /About Fixture/{e=NR} END{exit !(a<b && b<c && c<d && d<e)}' "$h" \
    && pass "HTML: in the release's order" || fail "HTML: order"

# --stylesheet review: the same facts, the tagged cells marked.
"$R2X" convert -q --format ixbrl --stylesheet review samples/iij-2009-1h.txt -o "$out/review.htm" 2>/dev/null
"$R2X" extract -q "$out/review.htm" -o "$out/review.xml"
"$factlist" "$out/review.xml" | sort >"$out/review.facts"
cmp -s "$out/want" "$out/review.facts" && pass "review: the same facts as the instance" || fail "review: the same facts"
cells=$(grep -c '<td class="num tagged' "$out/review.htm")
tags=$(grep -c '<ix:nonFraction' "$out/iij.htm")
hidden=$(sed -n '/<ix:hidden>/,/<\/ix:hidden>/p' "$out/iij.htm" | grep -c '<ix:nonFraction')
[ "$cells" -eq $((tags - hidden)) ] && pass "review: every tagged cell marked ($cells)" || fail "review: $cells cells marked, $tags tags, $hidden hidden"
grep -q '<td class="num tagged negative" title="us-gaap:RetainedEarningsAccumulatedDeficit | I20090331 | JPY | decimals -3 | negative">' "$out/review.htm" \
    && pass "review: a negative fact's cell and tooltip" || fail "review: negative cell"
tr -d ' \n' <"$out/review.htm" | grep -q '<tr><td>dei:DocumentType</td><td>D20090401-20090930</td><td/><td>6-K</td></tr>' \
    && pass "review: the hidden facts listed" || fail "review: hidden facts listed"
finish
