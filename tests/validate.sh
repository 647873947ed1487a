#!/bin/sh
# validate: the catalogue of broken instances (tests/validate/cases.tsv), each
# caught with its code; the converter's own output and two EDGAR filings
# through the taxonomy cache; text and JSON output; exit statuses.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# ../shared's taxonomy cache, else the base schemas vendored in
# tests/fixtures/xbrl-base (tests/lib.sh): what needs US-GAAP skips then.
cache=$xbrl_cache
v() { "$R2X" validate --cache-dir "$cache" --offline "$@"; }

# ---- the catalogue ------------------------------------------------------
# run_cases DIR ALWAYS: each row of DIR/cases.tsv; the codes of ALWAYS
# (comma-separated) may occur besides the row's own.
run_cases() {
    while IFS='	' read -r case opts want codes; do
        case $case in '#'*|'') continue ;; esac
        [ "$opts" = - ] && opts=
        # shellcheck disable=SC2086
        v $opts "$1/$case" >"$tmp/out" 2>"$tmp/err"
        got=$?
        desc="$case${opts:+ $opts}"
        [ "$got" -eq "$want" ] || { fail "$desc: exit $got, want $want"; sed 's/^/#   /' "$tmp/out" "$tmp/err" | head -5; continue; }
        ok=1
        # every error's code is a wanted one ...
        for c in $(grep -o 'error \[[^]]*\]' "$tmp/out" | sed 's/error \[\(.*\)\]/\1/' | sort -u); do
            case ",$codes,$2," in *",$c,"*) ;; *) ok=0; echo "#   unexpected error [$c]" ;; esac
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
    done <"$1/cases.tsv"
}
run_cases tests/validate ""

# ---- the catalogue on US-GAAP 2024 -----------------------------------------------
# An extension of US-GAAP 2024 as a filer's is, with US-GAAP's imports of
# country-2024 and stpr-2024 missing (the cache lacks them, as a filing
# offline does): every rule of the types check, of XBRL 2.1 4.6 and of the
# Dimensions instance rules is caught on it, and nothing else is reported.
if have_us_gaap; then
    run_cases tests/fixtures/us-gaap-2024 xbrl.3.2:documentUnavailable
    g=tests/fixtures/us-gaap-2024
    v $g/valid.xml >"$tmp/out" 2>&1
    expect_grep 'valid.xml: 2 errors, 0 warnings; 12 facts, 3 contexts' "$tmp/out" "US-GAAP 2024: the valid instance has only the two missing imports"
    v $g/missing-namespace.xml --format json >"$tmp/json" 2>&1
    expect_grep '1 fact in namespace http://xbrl.sec.gov/country/2024 cannot be checked' "$tmp/json" "a fact of a missing schema is counted and named"
    expect_grep '"check": "dimensions", "state": "partial", "reason": "1 fact was not judged' "$tmp/json" "a member of a missing schema is not judged, and the report says so"
    expect_grep '"check": "types", "state": "partial"' "$tmp/json" "the types check says it ran in part"
    v $g/untyped.xml >"$tmp/out" 2>&1
    expect_grep '1 fact of types in namespace http://xbrl.sec.gov/stpr/2024 \(stateOrProvinceItemType, for one\) cannot be checked' "$tmp/out" "a fact whose type is in a missing schema is counted and named"
    # filters, as Arelle's log filters: left out, not counted
    v --ignore 'xbrl.3.2:*' $g/valid.xml >"$tmp/out" 2>&1
    st=$?
    [ $st -eq 0 ] && pass "--ignore: the missing imports left out, exit 0" || fail "--ignore: exit $st, want 0"
    expect_grep 'valid.xml: 0 errors, 0 warnings' "$tmp/out" "--ignore: what it leaves out is not counted"
    v --ignore 'xbrl.3.2:*' --format json $g/valid.xml >"$tmp/json" 2>&1
    expect_grep '"errors": 0, "warnings": 0, "filtered": 2,' "$tmp/json" "--ignore: the JSON report counts what was filtered"
    v --only xbrl.4.10:inconsistentDuplicateFacts,calc11e:* $g/duplicates.xml >"$tmp/out" 2>&1
    [ "$(grep -c ' error \[' "$tmp/out")" -eq 1 ] && expect_grep 'error \[xbrl.4.10:inconsistentDuplicateFacts\]' "$tmp/out" "--only: only the codes asked for" || fail "--only: only the codes asked for"
    v --duplicates=all --severity error $g/duplicates.xml >"$tmp/out" 2>&1
    grep -q 'warning \[' "$tmp/out" && fail "--severity error: no warnings" || pass "--severity error: no warnings"
    expect_grep 'duplicates.xml: 3 errors, 0 warnings' "$tmp/out" "--severity error: warnings are not counted either"
    expect_status 2 "a bad --severity is a usage error" v --severity=fatal $g/valid.xml
    # Inline XBRL: each finding at the line and column of its .htm element
    v $g/inline.htm >"$tmp/out" 2>&1
    at() {  # LINE:COLUMN of the first line of $g/inline.htm holding $1
        awk -v s="$1" 'i = index($0, s) { print NR ":" i; exit }' $g/inline.htm
    }
    expect_grep "inline.htm:$(at '<ix:nonNumeric name="dei:EntityRegistrantName"'): error \\[xbrl.4.6.3:nonNumericPrecisionDecimals\\]" "$tmp/out" "Inline XBRL: a fact's finding names its .htm line and column"
    expect_grep "inline.htm:$(at '<ix:nonNumeric name="dei:DocumentFiscalPeriodFocus"'): error \\[xmlSchema:valueError\\]" "$tmp/out" "Inline XBRL: the same for a fact inside a span"
    expect_grep "inline.htm:$(at '<xbrldi:explicitMember'): error \\[xbrldie:ExplicitMemberUndefinedQNameError\\]" "$tmp/out" "Inline XBRL: a context's finding names its member's line and column"
    # the decimals also break XML Schema (xmlSchema:attributesExtraneous), the
    # undefined member also the fact's hypercube (PrimaryItemDimensionallyInvalid)
    expect_grep 'inline.htm: 7 errors, 0 warnings; 5 facts, 2 contexts' "$tmp/out" "Inline XBRL: those, the two missing imports, nothing else"
    # the same from standard input (told Inline XBRL by its content; its
    # relative references resolve against the current directory)
    (cd $g && "$R2X" validate --cache-dir "$cache" --offline - <inline.htm) >"$tmp/stdin" 2>&1
    expect_grep "^<stdin>:$(at '<xbrldi:explicitMember'): error \\[xbrldie:ExplicitMemberUndefinedQNameError\\]" "$tmp/stdin" "Inline XBRL on standard input: findings at the .htm's line and column"
    expect_grep '^<stdin>: 7 errors, 0 warnings; 5 facts, 2 contexts' "$tmp/stdin" "Inline XBRL on standard input: the same findings as from its file"
    # a URL is read through the cache, not refused as a file that is not there
    v --dts-only https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd >"$tmp/out" 2>&1
    expect_grep '^https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd: 2 errors, 0 warnings; DTS of [0-9]+ documents \(2 missing\)' "$tmp/out" "a URL as FILE: its DTS read from the cache"
    # JSON lines: a line per input, with columns, the checks and the status;
    # the filters apply in each job of a batch
    v --jsonl --only 'xbrldie:*' -j 2 $g/inline.htm $g/valid.xml >"$tmp/jsonl" 2>"$tmp/err"
    [ "$(wc -l <"$tmp/jsonl")" -eq 2 ] && pass "--jsonl -j 2: one line per input" || fail "--jsonl -j 2: $(wc -l <"$tmp/jsonl") lines"
    expect_grep "^\\{\"file\": \"$g/inline.htm\", \"findings\": \\[\\{\"severity\": \"error\", \"code\": \"xbrldie:[A-Za-z]+\", \"file\": \"[^\"]*inline.htm\", \"line\": [0-9]+, \"column\": [0-9]+, " "$tmp/jsonl" "--jsonl: findings with line and column"
    expect_grep "\"filtered\": [1-9][0-9]*, .*\"check\": \"dimensions\", \"state\": \"ran\".*\"status\": 1\\}$" "$tmp/jsonl" "--jsonl: what --only held back counted, the checks, the exit status"
    expect_grep "^\\{\"file\": \"$g/valid.xml\", \"findings\": \\[\\], \"errors\": 0, .*\"status\": 0\\}$" "$tmp/jsonl" "--only in a batch job: the missing imports left out, valid"
else
    skip "the US-GAAP 2024 filings" "US-GAAP 2024 is not in $cache"
fi

# ---- messages: FILE:LINE, the summary, JSON ----------------------------------
v tests/validate/context-missing.xml >"$tmp/out"
expect_grep '^tests/validate/context-missing.xml:[0-9]+:[0-9]+: error \[xbrl.4.6.1:itemContextRef\]: item Assets refers to context .I2023., which is not in the instance$' "$tmp/out" "a finding names file, line, column, code and what is wrong"
line=$(grep -n 'contextRef="I2023"' tests/validate/context-missing.xml | cut -d: -f1)
col=$(grep 'contextRef="I2023"' tests/validate/context-missing.xml | awk '{ print index($0, "<") }')
expect_grep "context-missing.xml:$line:$col: " "$tmp/out" "the line and column are the fact's ($line:$col)"
v tests/validate/latin1.xml >"$tmp/latin1"
expect_grep "latin1.xml:31:15: " "$tmp/latin1" "in ISO-8859-1, the column counts characters"
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
expect_status 2 "a bad --duplicates is a usage error" v --duplicates=some tests/validate/valid.xml
# the JSON report says which checks ran, and why some did not
v --format json --calc none tests/validate/valid.xml >"$tmp/json"
expect_grep '"check": "calculations", "state": "skipped", "reason": "--calc none"' "$tmp/json" "json: a check skipped, with its reason"
expect_grep '"check": "types", "state": "ran"' "$tmp/json" "json: a check that ran"
v --format json tests/validate/test.xsd >"$tmp/json"
expect_grep '"check": "types", "state": "not-run", "reason": "a schema or linkbase has no facts"' "$tmp/json" "json: a schema as the input runs no instance checks, and says so"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["files"][0]["checks"]; assert [x["check"] for x in c] == ["dts","taxonomy","xml-schema","types","instance","duplicates","dimensions","calculations"]' "$tmp/json" \
        && pass "json: every check is listed, in order" || fail "json: every check is listed, in order"
fi
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
expect_grep "schema-facet.xml:18:3: error \[xmlSchema:valueError\]: 'C' is not a valid value of Rating .*not one of the values its type enumerates" "$tmp/out" "440 concepts (loosened root): a facet is still checked"
expect_grep 'schema-facet.xml: 1 errors' "$tmp/out" "440 concepts: nothing else is reported"
v "$tmp/schema-fixed-decimals.xml" >"$tmp/out" 2>&1
expect_grep 'schema-fixed-decimals.xml: 0 errors' "$tmp/out" "440 concepts: the schema's fixed decimals are seen"
# a finding the instance checks make (a bad decimal) is not said twice
v tests/validate/bad-decimal.xml >"$tmp/out"
[ "$(grep -c ':28:[0-9]*: error' "$tmp/out")" -eq 1 ] && pass "one finding for a bad value, not a second from XML Schema" || fail "one finding for a bad value"
# Offline, a miss is named with its URL.
"$R2X" validate --offline --cache-dir "$tmp/empty-cache" tests/validate/valid.xml >"$tmp/out" 2>&1
expect_grep "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd" "$tmp/out" "a cache miss names the URL"

# ---- the converter's output is valid -----------------------------------------
if have_us_gaap; then
    "$R2X" convert -q samples/iij-2009-1h.txt -o "$tmp/iij.xml" 2>/dev/null
    v "$tmp/iij.xml" >"$tmp/out" 2>&1
    # The cache lacks country-2024 and stpr-2024, which us-gaap-2024 imports:
    # those two are reported; nothing else may be.
    others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
    [ "$others" -eq 0 ] && pass "the converted sample is valid (apart from the two schemas the cache lacks)" || { fail "the converted sample is valid"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep 'iij.xml: 2 errors, 0 warnings; 591 facts, 16 contexts, DTS of 22 documents' "$tmp/out" "the converted sample: 591 facts in 16 contexts, its taxonomy (schema, four linkbases, the negated label roles) in the DTS"
    expect_grep 'iij.xml: note: XML Schema validation skipped: the DTS has more than 3000 concepts' "$tmp/out" "US-GAAP is too large for --schema auto, and the note says so"

    # ---- Inline XBRL: the target instance is extracted and validated ---------------
    "$R2X" convert -q --format ixbrl samples/iij-2009-1h.txt -o "$tmp/iij.htm" 2>/dev/null
    v "$tmp/iij.htm" >"$tmp/out" 2>&1
    others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
    [ "$others" -eq 0 ] && pass "the sample as Inline XBRL is valid (apart from the two schemas the cache lacks)" || { fail "the sample as Inline XBRL is valid"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep 'iij.htm: 2 errors, 0 warnings; 591 facts, 16 contexts' "$tmp/out" "the sample as Inline XBRL: the same 591 facts in 16 contexts"
    sed 's/format="ixt:num-dot-decimal"/format="ixt:no-such-format"/' "$tmp/iij.htm" >"$tmp/bad.htm"
    expect_status 1 "an Inline XBRL fact with an unknown format is invalid" v "$tmp/bad.htm"
else
    skip "the converted sample is valid, as an instance and as Inline XBRL" "US-GAAP 2024 is not in $cache (../shared is absent)"
fi

# ---- over loopback HTTP: a cold cache fills, then serves offline ----------------
# The converted sample where US-GAAP is at hand, else an instance of the
# catalogue: its DTS is the base schemas.
if command -v python3 >/dev/null 2>&1; then
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
    : >"$tmp/requests.log"
    start_httpd "$cache" "$tmp/requests.log" main
    srv=http://127.0.0.1:$httpd_port
    if have_us_gaap; then
        "$R2X" validate --cache-dir "$tmp/http-cache" --remap "http://=$srv/" --remap "https://=$srv/" \
            "$tmp/iij.xml" >"$tmp/out" 2>&1
        others=$(grep ' error \[' "$tmp/out" | grep -v 'documentUnavailable.*\(country\|stpr\)-2024.xsd' | wc -l)
        [ "$others" -eq 0 ] && pass "over loopback HTTP the converted sample is valid (apart from the two schemas the server lacks)" || { fail "over loopback HTTP"; head -5 "$tmp/out" | sed 's/^/#   /'; }
        [ -s "$tmp/http-cache/xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd" ] && pass "over loopback HTTP: the cache filled" || fail "over loopback HTTP: the cache did not fill"
        n=$(wc -l <"$tmp/requests.log")
        "$R2X" validate --offline --cache-dir "$tmp/http-cache" "$tmp/iij.xml" >"$tmp/out2" 2>&1
        expect_grep 'iij.xml: 2 errors, 0 warnings; 591 facts, 16 contexts, DTS of 22 documents' "$tmp/out2" "then offline from the filled cache: the same result"
    else
        "$R2X" validate --cache-dir "$tmp/http-cache" --remap "http://=$srv/" tests/validate/valid.xml >"$tmp/out" 2>&1
        expect_grep '^tests/validate/valid.xml: 0 errors, 0 warnings; 12 facts, 2 contexts, DTS of 6 documents$' "$tmp/out" "over loopback HTTP an instance of the catalogue is valid"
        cmp -s "$tmp/http-cache/www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd" "$cache/www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd" \
            && pass "over loopback HTTP: the cache filled" || fail "over loopback HTTP: the cache did not fill"
        n=$(wc -l <"$tmp/requests.log")
        "$R2X" validate --offline --cache-dir "$tmp/http-cache" tests/validate/valid.xml >"$tmp/out2" 2>&1
        expect_grep '^tests/validate/valid.xml: 0 errors, 0 warnings; 12 facts, 2 contexts, DTS of 6 documents$' "$tmp/out2" "then offline from the filled cache: the same result"
    fi
    [ "$(wc -l <"$tmp/requests.log")" -eq "$n" ] && pass "offline: no request" || fail "offline made a request"
fi

# ---- EDGAR filings -------------------------------------------------------------
if [ -d "$shared/filings/apple-2025q2" ]; then
    v -q "$shared/filings/apple-2025q2/aapl-20250329_htm.xml" >"$tmp/out" 2>&1
    others=$(grep ' error \[' "$tmp/out" | grep -vc 'documentUnavailable.*\(country-2024\|stpr-2024\|ecd-2024\)')
    [ "$others" -eq 0 ] && pass "Apple 10-Q 2025: only the missing country/stpr/ecd schemas" || { fail "Apple 10-Q 2025"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep 'aapl-20250329_htm.xml: 4 errors, 0 warnings; 760 facts \(4 not checked: their schemas could not be had\), 163 contexts, DTS of 23 documents' "$tmp/out" "Apple 10-Q 2025: 760 facts (the 4 of ecd unchecked), 163 contexts; its 60 consistent duplicates not reported"
    v -q --schema full "$shared/filings/apple-2025q2/aapl-20250329_htm.xml" >"$tmp/out" 2>&1
    expect_grep 'note: XML Schema validation skipped: documents of the DTS are missing$' "$tmp/out" "Apple 10-Q 2025, --schema full: missing schemas stop it, and the note says so"
    expect_grep 'aapl-20250329_htm.xml: 4 errors, 0 warnings' "$tmp/out" "Apple 10-Q 2025, --schema full: the same findings"
else
    skip "Apple's 10-Q 2025" "$shared/filings/apple-2025q2 is absent"
fi
if [ -d "$shared/filings/apple-2010fy" ]; then
    v -q "$shared/filings/apple-2010fy/aapl-20100925.xml" >"$tmp/out" 2>&1
    # the cache has no us-gaap 2009: its facts are reported once per namespace
    others=$(grep ' error \[' "$tmp/out" | grep -vc 'documentUnavailable')
    [ "$others" -eq 0 ] && pass "Apple 10-K 2010: only its missing 2009 taxonomy" || { fail "Apple 10-K 2010"; grep ' error \[' "$tmp/out" | head -5 | sed 's/^/#   /'; }
    expect_grep '938 facts in namespace http://xbrl.us/us-gaap/2009-01-31 cannot be checked' "$tmp/out" "Apple 10-K 2010: unchecked facts counted, not listed"
    # 72 of the 424 aapl facts have types of us-types-2009, which is missing too
    expect_grep '72 facts of types in namespace http://xbrl.us/us-types/2009-01-31 \(perShareItemType, for one\) cannot be checked' "$tmp/out" "Apple 10-K 2010: facts whose types are in a missing schema are counted and named"
    # 938 us-gaap + 15 dei + 424 aapl facts, counted by hand with an XML parser;
    # 953 + those 72 not checked
    expect_grep 'aapl-20100925.xml: 6 errors, 0 warnings; 1377 facts \(1025 not checked: their schemas could not be had\), 266 contexts' "$tmp/out" "Apple 10-K 2010: the summary counts every fact, and says how many went unchecked"
else
    skip "Apple's 10-K 2010" "$shared/filings/apple-2010fy is absent"
fi
finish
