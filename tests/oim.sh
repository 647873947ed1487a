#!/bin/sh
# xBRL-JSON and xBRL-CSV from convert and extract, and the facts listing of
# an instance, an Inline XBRL document and a release: each holds the XML
# instance's facts, fact for fact (tests/facts_compare.py reads them apart
# from the C code).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
compare="python3 tests/facts_compare.py"
fixture=tests/fixtures/text/fixture-corp.txt
out=$tmp/oim
mkdir -p "$out/iij" "$out/fx" "$out/ex"

# convert --format all: instance, Inline XBRL, JSON, CSV and taxonomy.
"$R2X" convert -q --format all samples/iij-2009-1h.txt -o "$out/iij/iij.xml" 2>/dev/null
for f in iij.xml iij.htm iij.json iij.csv iij-metadata.json iij-20090930.xsd iij-20090930_cal.xml; do
    [ -s "$out/iij/$f" ] || missing="${missing:-} $f"
done
[ -z "${missing:-}" ] && pass "--format all writes every format and the taxonomy" || fail "--format all lacks$missing"
$compare "$out/iij/iij.xml" --json "$out/iij/iij.json" --csv "$out/iij/iij-metadata.json" >"$tmp/cmp" 2>&1 \
    && pass "the sample's JSON and CSV hold the instance's $(grep -c 'contextRef=' "$out/iij/iij.xml") facts" \
    || { fail "the sample's JSON and CSV"; sed 's/^/#   /' "$tmp/cmp" | head -8; }
# the comparison can fail: a value changed in the JSON is found
sed 's/"value": "1747972000"/"value": "1747973000"/' "$out/iij/iij.json" >"$out/iij/changed.json"
cmp -s "$out/iij/iij.json" "$out/iij/changed.json" && echo "Bail out! the JSON was not changed"
$compare "$out/iij/iij.xml" --json "$out/iij/changed.json" >/dev/null 2>&1 \
    && fail "a changed value is found" || pass "a changed value is found"

# What the formats say, checked by hand: periods as OIM writes them (a
# date ends at the next day's start), units with the pure one left out,
# dimensions, decimals as numbers.
grep -q '"documentType": "https://xbrl.org/2021/xbrl-json"' "$out/iij/iij.json" && pass "xBRL-JSON document type" || fail "xBRL-JSON document type"
tr -d '\n ' <"$out/iij/iij.json" >"$tmp/flat.json"
grep -q '"value":"1747972000","decimals":-3,"dimensions":{"concept":"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment","entity":"cik:0001090633","period":"2008-04-01T00:00:00/2008-10-01T00:00:00","unit":"iso4217:JPY"}' "$tmp/flat.json" \
    && pass "a fact in xBRL-JSON: value, decimals, concept, entity, period, unit" || fail "a fact in xBRL-JSON"
grep -q '"unit":"iso4217:JPY/xbrli:shares"' "$tmp/flat.json" && pass "a per-share unit" || fail "a per-share unit"
grep -q '"us-gaap:StatementBusinessSegmentsAxis":"iij:ATMOperationBusinessMember"' "$tmp/flat.json" && pass "a dimension" || fail "a dimension"
grep -q '^f[0-9]*,us-gaap:PaymentsToAcquirePropertyPlantAndEquipment,cik:0001090633,2008-04-01T00:00:00/2008-10-01T00:00:00,iso4217:JPY,,,-3,1747972000' "$out/iij/iij.csv" \
    && pass "the same fact in xBRL-CSV" || fail "the same fact in xBRL-CSV"
grep -q '"url": "iij.csv"' "$out/iij/iij-metadata.json" && pass "the metadata names its table" || fail "the metadata names its table"

# --format json and csv alone write what --format all writes.
"$R2X" convert -q --format json samples/iij-2009-1h.txt -o "$out/iij/alone.json" 2>/dev/null
cmp -s "$out/iij/iij.json" "$out/iij/alone.json" && pass "--format json writes what all writes" || fail "--format json"
"$R2X" convert -q --format csv samples/iij-2009-1h.txt -o "$out/iij/alone.csv" 2>/dev/null
cmp -s "$out/iij/iij.csv" "$out/iij/alone.csv" && [ -s "$out/iij/alone-metadata.json" ] \
    && pass "--format csv writes the table and its metadata" || fail "--format csv"
expect_status 2 "--format csv to standard output is refused" "$R2X" convert -q --format csv samples/iij-2009-1h.txt
expect_grep "writes several files" "$tmp/err" "and says why"
"$R2X" convert -q --format json samples/iij-2009-1h.txt -o - >"$out/iij/stdout.json" 2>/dev/null
grep -q '"facts"' "$out/iij/stdout.json" && pass "--format json to standard output" || fail "--format json to standard output"

# extract --format all from our Inline XBRL: the same facts again.
"$R2X" extract -q --format all "$out/iij/iij.htm" -o "$out/ex/rt.xml"
[ -s "$out/ex/rt.json" ] && [ -s "$out/ex/rt.csv" ] && [ -s "$out/ex/rt-metadata.json" ] \
    && pass "extract --format all writes XML, JSON and CSV" || fail "extract --format all: $(ls "$out/ex")"
$compare "$out/ex/rt.xml" --json "$out/ex/rt.json" --csv "$out/ex/rt-metadata.json" >"$tmp/cmp" 2>&1 \
    && pass "extract's JSON and CSV hold its instance's facts" || { fail "extract's JSON and CSV"; sed 's/^/#   /' "$tmp/cmp" | head -8; }
$compare "$out/iij/iij.xml" --json "$out/ex/rt.json" >"$tmp/cmp" 2>&1 \
    && pass "and those are convert's facts" || { fail "extract's JSON and convert's instance"; sed 's/^/#   /' "$tmp/cmp" | head -8; }
expect_status 2 "extract --format facts is refused" "$R2X" extract --format facts "$out/iij/iij.htm"

# The facts listing: of the instance, the Inline XBRL and the release, the
# same facts; the line is where each stands in the file listed.
"$R2X" facts -q --format json "$out/iij/iij.xml" -o "$out/iij/l-xml.json"
"$R2X" facts -q --format json "$out/iij/iij.htm" -o "$out/iij/l-htm.json"
"$R2X" facts -q --format json samples/iij-2009-1h.txt -o "$out/iij/l-txt.json" 2>/dev/null
$compare "$out/iij/iij.xml" --listing "$out/iij/l-xml.json" --listing "$out/iij/l-htm.json" \
    --listing "$out/iij/l-txt.json" >"$tmp/cmp" 2>&1 \
    && pass "the listings of the instance, the Inline XBRL and the release hold the same facts" \
    || { fail "facts listings"; sed 's/^/#   /' "$tmp/cmp" | head -8; }
line_of() {   # LISTING CONCEPT VALUE: the line of that fact
    python3 -c "import json,sys; print([f['line'] for f in json.load(open(sys.argv[1]))['facts'] if f['concept']==sys.argv[2] and f['value']==sys.argv[3]][0])" "$@"
}
[ "$(line_of "$out/iij/l-txt.json" us-gaap:PaymentsToAcquirePropertyPlantAndEquipment 1747972000)" = 423 ] \
    && pass "a release's fact is on the release's line (423)" || fail "the release's line"
n=$(line_of "$out/iij/l-xml.json" us-gaap:PaymentsToAcquirePropertyPlantAndEquipment 1747972000)
sed -n "${n}p" "$out/iij/iij.xml" | grep -q '>1747972000</us-gaap:PaymentsToAcquirePropertyPlantAndEquipment>' \
    && pass "an instance's fact is on its line of the instance ($n)" || fail "the instance's line ($n)"
n=$(line_of "$out/iij/l-htm.json" us-gaap:PaymentsToAcquirePropertyPlantAndEquipment 1747972000)
sed -n "${n}p" "$out/iij/iij.htm" | grep -q 'name="us-gaap:PaymentsToAcquirePropertyPlantAndEquipment" contextRef="D20080401-20080930"' \
    && pass "an Inline XBRL fact is on the line of its tag ($n)" || fail "the Inline XBRL line ($n)"

# The table for people: a header, then one line a fact.
"$R2X" facts -q "$out/iij/iij.xml" >"$out/iij/table.txt"
head -1 "$out/iij/table.txt" | grep -Eq '^concept +period +dimensions +unit +value +decimals +line$' \
    && pass "the table's header" || { fail "the table's header"; head -1 "$out/iij/table.txt" | sed 's/^/#   /'; }
[ "$(($(wc -l <"$out/iij/table.txt") - 1))" -eq "$(grep -c 'contextRef=' "$out/iij/iij.xml")" ] \
    && pass "one line a fact" || fail "one line a fact"
grep -Eq '^us-gaap:PaymentsToAcquirePropertyPlantAndEquipment +2008-04-01\.\.2008-09-30 +- +JPY +1747972000 +-3 +[0-9]+$' "$out/iij/table.txt" \
    && pass "a fact's line: concept, period, no dimensions, unit, value, decimals, line" || fail "a fact's line"
grep -Eq '^us-gaap:Revenues +2009-04-01\.\.2009-09-30 +us-gaap:StatementBusinessSegmentsAxis=iij:ATMOperationBusinessMember +JPY ' "$out/iij/table.txt" \
    && pass "a fact's dimension" || fail "a fact's dimension"
expect_status 2 "facts --format xml is refused" "$R2X" facts --format xml "$out/iij/iij.xml"
expect_status 2 "facts of a missing file" "$R2X" facts "$fixture.missing"
printf '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance"><x:a xmlns:x="urn:x" contextRef="c1">1</x:a></xbrli:xbrl>\n' >"$tmp/nocontext.xml"
expect_status 1 "facts of an instance whose fact lacks its context" "$R2X" facts "$tmp/nocontext.xml"
expect_grep "nocontext.xml:1: error: x:a names context 'c1', which the instance lacks" "$tmp/err" "the missing context is named with its line"

# The fixture: its dimension and its taxonomy come along; deterministic.
"$R2X" convert -q --cik 1234 --format all "$fixture" -o "$out/fx/f.xml"
$compare "$out/fx/f.xml" --json "$out/fx/f.json" --csv "$out/fx/f-metadata.json" >"$tmp/cmp" 2>&1 \
    && pass "the fixture's JSON and CSV hold its instance's facts" || { fail "the fixture's JSON and CSV"; sed 's/^/#   /' "$tmp/cmp" | head -8; }
"$R2X" convert -q --cik 1234 --format all "$fixture" -o "$out/fx/g.xml"
cmp -s "$out/fx/f.json" "$out/fx/g.json" && cmp -s "$out/fx/f.csv" "$out/fx/g.csv" \
    && pass "JSON and CSV are the same bytes on a second run" || fail "JSON and CSV deterministic"
finish
