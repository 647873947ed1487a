#!/bin/sh
# validate: the catalogue of broken instances (tests/validate/cases.tsv), each
# caught with its code; the converter's own output and two EDGAR filings
# through the taxonomy cache; text and JSON output; exit statuses.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
cache=$shared/xbrl-cache
if [ ! -d "$cache" ]; then
    echo "# skip: $cache not present (../shared is absent); the validator needs the taxonomy cache"
    exit 77
fi
v() { "$R2X" validate --cache-dir "$cache" --offline "$@"; }

# ---- the catalogue ------------------------------------------------------
while IFS='	' read -r case opts want codes; do
    case $case in '#'*|'') continue ;; esac
    [ "$opts" = - ] && opts=
    # shellcheck disable=SC2086
    v $opts "tests/validate/$case" >"$tmp/out" 2>"$tmp/err"
    got=$?
    desc="$case${opts:+ $opts}"
    [ "$got" -eq "$want" ] || { fail "$desc: exit $got, want $want"; sed 's/^/#   /' "$tmp/out" "$tmp/err" | head -5; continue; }
    ok=1
    # every error's code is a wanted one ...
    for c in $(grep -o 'error \[[^]]*\]' "$tmp/out" | sed 's/error \[\(.*\)\]/\1/' | sort -u); do
        case ",$codes," in *",$c,"*) ;; *) ok=0; echo "#   unexpected error [$c]" ;; esac
    done
    # ... and each wanted code occurs
    if [ "$codes" != - ]; then
        for c in $(echo "$codes" | tr ',' ' '); do
            case $c in
            warning:*) grep -qF "warning [${c#warning:}]" "$tmp/out" || { ok=0; echo "#   no warning [${c#warning:}]"; } ;;
            *) grep -qF "error [$c]" "$tmp/out" || { ok=0; echo "#   no error [$c]"; } ;;
            esac
        done
    fi
    [ $ok = 1 ] && pass "$desc: exit $got${codes:+, $codes}" || { fail "$desc"; sed 's/^/#   /' "$tmp/out" | head -5; }
done <tests/validate/cases.tsv

# ---- messages: FILE:LINE, the summary, JSON ----------------------------------
v tests/validate/context-missing.xml >"$tmp/out"
expect_grep '^tests/validate/context-missing.xml:[0-9]+: error \[xbrl.4.6.1:itemContextRef\]: item Assets refers to context .I2023., which is not in the instance$' "$tmp/out" "a finding names file, line, code and what is wrong"
line=$(grep -n 'contextRef="I2023"' tests/validate/context-missing.xml | cut -d: -f1)
expect_grep "context-missing.xml:$line: " "$tmp/out" "the line is the fact's line ($line)"
expect_grep '^tests/validate/context-missing.xml: 1 errors, 0 warnings; 12 facts, 2 contexts, DTS of 6 documents$' "$tmp/out" "summary line"
v -q tests/validate/dup-consistent.xml >"$tmp/out"
grep -q 'warning \[' "$tmp/out" && fail "-q hides warnings" || pass "-q hides warnings"
v --format json tests/validate/calc-c11.xml tests/validate/valid.xml >"$tmp/json"
st=$?
[ $st -eq 1 ] && pass "json: exit 1 when one file is invalid" || fail "json: exit $st, want 1"
expect_grep '"code": "calc11e:inconsistentCalculationUsingRounding"' "$tmp/json" "json carries the code"
expect_grep '"file": "tests/validate/valid.xml", "findings": \[$' "$tmp/json" "json has an entry per file"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [f["errors"] for f in d["files"]] == [1, 0]' "$tmp/json" \
        && pass "json parses; errors per file 1, 0" || fail "json parses; errors per file 1, 0"
fi
expect_status 2 "a missing file cannot be checked" v tests/validate/no-such-file.xml
expect_grep "no-such-file.xml" "$tmp/err" "the missing file is named"
printf '<html/>\n' >"$tmp/report.htm"
expect_status 1 "an .htm that is not Inline XBRL is invalid" v "$tmp/report.htm"
expect_grep "ix:notInlineXBRL" "$tmp/out" "an .htm with no ix:header is not Inline XBRL"
expect_status 2 "a bad --calc is a usage error" v --calc=exact tests/validate/valid.xml
expect_status 2 "a bad --schema is a usage error" v --schema=some tests/validate/valid.xml
# --schema full: the decimals the schema fixes are seen, whatever the size
v --schema full tests/validate/schema-fixed-decimals.xml >"$tmp/out" 2>"$tmp/err"
expect_grep 'schema-fixed-decimals.xml: 0 errors' "$tmp/out" "--schema full applies the schema's fixed decimals"
[ -s "$tmp/err" ] && fail "--schema full on a small DTS: no note" || pass "--schema full on a small DTS: no note"
# beyond 300 concepts xbrli:xbrl's content model is loosened: facts are still
# validated against their declarations (a facet), and the DTS compiles quickly
{
    sed -n '1,/<xs:element name="Rating"/p' tests/validate/schema.xsd | sed '$d'
    i=0; while [ $i -lt 400 ]; do
        echo "  <xs:element name=\"Filler$i\" type=\"xbrli:monetaryItemType\" substitutionGroup=\"xbrli:item\" xbrli:periodType=\"instant\"/>"
        i=$((i + 1))
    done
    sed -n '/<xs:element name="Rating"/,$p' tests/validate/schema.xsd
} >"$tmp/schema.xsd"
cp tests/validate/schema-facet.xml tests/validate/schema-fixed-decimals.xml "$tmp/"
v "$tmp/schema-facet.xml" >"$tmp/out" 2>&1
expect_grep "schema-facet.xml:18: error \[xmlSchema:validity\]: .*'C' is not an element of the set" "$tmp/out" "440 concepts (loosened root): a facet is still checked"
expect_grep 'schema-facet.xml: 1 errors' "$tmp/out" "440 concepts: nothing else is reported"
v "$tmp/schema-fixed-decimals.xml" >"$tmp/out" 2>&1
expect_grep 'schema-fixed-decimals.xml: 0 errors' "$tmp/out" "440 concepts: the schema's fixed decimals are seen"
# a finding the instance checks make (a bad decimal) is not said twice
v tests/validate/bad-decimal.xml >"$tmp/out"
[ "$(grep -c ':28: error' "$tmp/out")" -eq 1 ] && pass "one finding for a bad value, not a second from XML Schema" || fail "one finding for a bad value"
# Offline, a miss is named with its URL.
"$R2X" validate --offline --cache-dir "$tmp/empty-cache" tests/validate/valid.xml >"$tmp/out" 2>&1
expect_grep "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd" "$tmp/out" "a cache miss names the URL"

# ---- the converter's output is valid -----------------------------------------
"$R2X" convert -q samples/iij-2009-1h.txt -o "$tmp/iij.xml" 2>/dev/null
v "$tmp/iij.xml" >"$tmp/out" 2>&1
# The cache lacks country-2024 and stpr-2024, which us-gaap-2024 imports:
# those two are reported; nothing else may be.
others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
[ "$others" -eq 0 ] && pass "the converted sample is valid (apart from the two schemas the cache lacks)" || { fail "the converted sample is valid"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
expect_grep 'iij.xml: 2 errors, 0 warnings; 581 facts, 16 contexts, DTS of 22 documents' "$tmp/out" "the converted sample: 581 facts in 16 contexts, its taxonomy (schema, four linkbases, the negated label roles) in the DTS"
expect_grep 'iij.xml: note: XML Schema validation skipped: the DTS has more than 3000 concepts' "$tmp/out" "US-GAAP is too large for --schema auto, and the note says so"

# ---- Inline XBRL: the target instance is extracted and validated ---------------
"$R2X" convert -q --format ixbrl samples/iij-2009-1h.txt -o "$tmp/iij.htm" 2>/dev/null
v "$tmp/iij.htm" >"$tmp/out" 2>&1
others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
[ "$others" -eq 0 ] && pass "the sample as Inline XBRL is valid (apart from the two schemas the cache lacks)" || { fail "the sample as Inline XBRL is valid"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
expect_grep 'iij.htm: 2 errors, 0 warnings; 581 facts, 16 contexts' "$tmp/out" "the sample as Inline XBRL: the same 581 facts in 16 contexts"
sed 's/format="ixt:num-dot-decimal"/format="ixt:no-such-format"/' "$tmp/iij.htm" >"$tmp/bad.htm"
expect_status 1 "an Inline XBRL fact with an unknown format is invalid" v "$tmp/bad.htm"

# ---- over loopback HTTP: the sample validates with a cold cache, then offline ----
if command -v python3 >/dev/null 2>&1; then
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
    : >"$tmp/requests.log"
    start_httpd "$cache" "$tmp/requests.log" main
    srv=http://127.0.0.1:$httpd_port
    "$R2X" validate --cache-dir "$tmp/http-cache" --remap "http://=$srv/" --remap "https://=$srv/" \
        "$tmp/iij.xml" >"$tmp/out" 2>&1
    others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
    [ "$others" -eq 0 ] && pass "over loopback HTTP the converted sample is valid (apart from the two schemas the server lacks)" || { fail "over loopback HTTP"; head -5 "$tmp/out" | sed 's/^/#   /'; }
    [ -s "$tmp/http-cache/xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd" ] && pass "over loopback HTTP: the cache filled" || fail "over loopback HTTP: the cache did not fill"
    n=$(wc -l <"$tmp/requests.log")
    "$R2X" validate --offline --cache-dir "$tmp/http-cache" "$tmp/iij.xml" >"$tmp/out2" 2>&1
    expect_grep 'iij.xml: 2 errors, 0 warnings; 581 facts, 16 contexts, DTS of 22 documents' "$tmp/out2" "then offline from the filled cache: the same result"
    [ "$(wc -l <"$tmp/requests.log")" -eq "$n" ] && pass "offline: no request" || fail "offline made a request"
fi

# ---- EDGAR filings -------------------------------------------------------------
if [ -d "$shared/filings/apple-2025q2" ]; then
    v -q "$shared/filings/apple-2025q2/aapl-20250329_htm.xml" >"$tmp/out" 2>&1
    others=$(grep ' error \[' "$tmp/out" | grep -vc 'documentUnavailable.*\(country-2024\|stpr-2024\|ecd-2024\)')
    [ "$others" -eq 0 ] && pass "Apple 10-Q 2025: only the missing country/stpr/ecd schemas" || { fail "Apple 10-Q 2025"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep 'aapl-20250329_htm.xml: 4 errors, 60 warnings; 760 facts \(4 not checked: their schemas could not be had\), 163 contexts, DTS of 23 documents' "$tmp/out" "Apple 10-Q 2025: 760 facts (the 4 of ecd unchecked), 163 contexts"
    v -q --schema full "$shared/filings/apple-2025q2/aapl-20250329_htm.xml" >"$tmp/out" 2>&1
    expect_grep 'note: XML Schema validation skipped: documents of the DTS are missing$' "$tmp/out" "Apple 10-Q 2025, --schema full: missing schemas stop it, and the note says so"
    expect_grep 'aapl-20250329_htm.xml: 4 errors, 60 warnings' "$tmp/out" "Apple 10-Q 2025, --schema full: the same findings"
fi
if [ -d "$shared/filings/apple-2010fy" ]; then
    v -q "$shared/filings/apple-2010fy/aapl-20100925.xml" >"$tmp/out" 2>&1
    # the cache has no us-gaap 2009: its facts are reported once per namespace
    others=$(grep ' error \[' "$tmp/out" | grep -vc 'documentUnavailable')
    [ "$others" -eq 0 ] && pass "Apple 10-K 2010: only its missing 2009 taxonomy" || { fail "Apple 10-K 2010"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep '938 facts in namespace http://xbrl.us/us-gaap/2009-01-31 cannot be checked' "$tmp/out" "Apple 10-K 2010: unchecked facts counted, not listed"
    # 938 us-gaap + 15 dei + 424 aapl facts, counted by hand with an XML parser
    expect_grep 'aapl-20100925.xml: 5 errors, 0 warnings; 1377 facts \(953 not checked: their schemas could not be had\), 266 contexts' "$tmp/out" "Apple 10-K 2010: the summary counts every fact, and says how many went unchecked"
fi
finish
