#!/bin/sh
# The command line: help, version, dispatch, exit statuses, outputs.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
sample=$top_srcdir/samples/iij-2009-1h.txt

expect_status 0 "--help" "$R2X" --help
expect_grep '^  tables ' "$tmp/out" "--help lists the tables command"
expect_status 0 "--version" "$R2X" --version
expect_grep '^release2xbrl [0-9]' "$tmp/out" "--version names the program"
expect_grep '^libxml2 [0-9]' "$tmp/out" "--version names libxml2"
expect_grep '^libxslt [0-9]' "$tmp/out" "--version names libxslt"
expect_grep '^libcurl [0-9]' "$tmp/out" "--version names libcurl"
expect_status 2 "no command" "$R2X"
expect_status 2 "unknown command" "$R2X" frobnicate
expect_grep "unknown command 'frobnicate'" "$tmp/err" "unknown command is named"
expect_status 0 "tables --help" "$R2X" tables --help
expect_grep '--fiscal-year-end' "$tmp/out" "tables --help lists its options"
expect_status 2 "tables without a file" "$R2X" tables
expect_status 2 "tables with an unknown option" "$R2X" tables --bogus "$sample"
expect_grep "unknown option '--bogus'" "$tmp/err" "the unknown option is named"
expect_status 2 "an option missing its argument" "$R2X" tables "$sample" --profile
expect_grep "needs an argument" "$tmp/err" "missing argument is explained"
expect_status 2 "bad --fiscal-year-named-by" "$R2X" tables --fiscal-year-named-by middle "$sample"

# Standard input and -o.
"$R2X" tables -q - <"$sample" >"$tmp/stdin.json"
st=$?
[ $st -eq 0 ] && grep -q '"source": "<stdin>"' "$tmp/stdin.json" && pass "reads standard input" || fail "reads standard input (exit $st)"
expect_status 0 "writes -o FILE" "$R2X" tables -q -o "$tmp/t.json" "$sample"
[ -s "$tmp/t.json" ] && [ ! -s "$tmp/out" ] && pass "-o writes the file, not stdout" || fail "-o writes the file, not stdout"
ls "$tmp" | grep -q '\.tmp\.' && fail "no temporary file left" || pass "no temporary file left"
# Same input, same bytes.
"$R2X" tables -q -o "$tmp/t2.json" "$sample"
cmp -s "$tmp/t.json" "$tmp/t2.json" && pass "output is deterministic" || fail "output is deterministic"
# --quiet keeps errors, drops warnings.
"$R2X" tables -q "$sample" >/dev/null 2>"$tmp/q.err"
[ ! -s "$tmp/q.err" ] && pass "--quiet prints no warnings" || fail "--quiet prints no warnings"
"$R2X" tables "$sample" >/dev/null 2>"$tmp/w.err"
expect_grep '^release2xbrl: .*iij-2009-1h\.txt:[0-9]+: warning: ' "$tmp/w.err" "warnings are FILE:LINE: warning:"

# The profile is found by its match phrase; --fiscal-year-end overrides it.
grep -q '"start": "2009-04-01", "end": "2009-09-30"' "$tmp/t.json" && pass "IIJ profile found: 1H09 is April-September 2009" || fail "IIJ profile found"
"$R2X" tables -q --fiscal-year-end --12-31 --fiscal-year-named-by end "$sample" >"$tmp/dec.json"
grep -q '"start": "2009-01-01", "end": "2009-06-30"' "$tmp/dec.json" && pass "--fiscal-year-end moves 1H09" || fail "--fiscal-year-end moves 1H09"

# --help: short options beside long ones, what the exit statuses mean.
expect_status 0 "convert --help" "$R2X" convert --help
expect_grep '^  -o, --output FILE ' "$tmp/out" "--help gives -o with --output"
expect_grep '^  -q, --quiet ' "$tmp/out" "--help gives -q with --quiet"
expect_grep '^      --entity SCHEME:ID ' "$tmp/out" "long options line up under the long form"
expect_grep '^Exit status: 0 the output was written' "$tmp/out" "--help says what the exit statuses mean"
expect_status 0 "convert -h" "$R2X" convert -h
expect_status 0 "-h for the commands" "$R2X" -h
expect_grep 'Exit status, for every command: 0 an output was written' "$tmp/out" "--help: the exit statuses of every command"

# Every message names its severity.
"$R2X" convert "$sample" -o "$tmp/iij.xml" 2>"$tmp/sev.err"
bad=$(grep -v '^release2xbrl: [^ ]*: wrote ' "$tmp/sev.err" | grep -cv '^release2xbrl: [^ ]*: \(error\|warning\|note\): ')
[ "$bad" -eq 0 ] && pass "every message of convert names its severity" || { fail "$bad messages without a severity"; grep -v ': \(error\|warning\|note\): ' "$tmp/sev.err" | head -3; }
# One message per row or table for findings of one kind, with a count.
expect_grep '^release2xbrl: .*iij-2009-1h.txt:50: warning: a row of 3 figures has no label \(lost in extraction\?\); kept unlabeled \[and 13 more like it in this table, lines 50-63\]$' \
    "$tmp/sev.err" "14 unlabeled rows of a table: one message with a count"
[ "$(grep -c 'has no label (lost' "$tmp/sev.err")" -eq 3 ] && pass "the 29 unlabeled rows of the sample: 3 messages" \
    || fail "unlabeled rows: $(grep -c 'has no label (lost' "$tmp/sev.err") messages, want 3"
# --max-messages caps them; the summary still counts them all.
"$R2X" convert --max-messages 2 "$sample" -o "$tmp/iij2.xml" 2>"$tmp/max.err"
[ "$(grep -c ': warning: ' "$tmp/max.err")" -eq 2 ] && pass "--max-messages 2: two messages" || fail "--max-messages 2: $(grep -c ': warning: ' "$tmp/max.err") messages"
expect_grep 'note: 53 more findings not shown \(--max-messages 2\)$' "$tmp/max.err" "--max-messages: a note counts the rest"
expect_grep '; 67 warnings, 1 note$' "$tmp/max.err" "--max-messages: the summary counts every finding"
# --quiet: errors only, no summary.
"$R2X" convert -q "$sample" -o "$tmp/iij3.xml" 2>"$tmp/q2.err"
[ ! -s "$tmp/q2.err" ] && pass "convert -q prints nothing when nothing is wrong" || fail "convert -q printed: $(head -1 "$tmp/q2.err")"

# Many inputs: -d, -j, --jsonl; names that collide get their directory's name.
mkdir -p "$tmp/in/a" "$tmp/in/b" "$tmp/batch1" "$tmp/batch2"
cp "$sample" "$tmp/in/a/release.txt"
cp "$top_srcdir/tests/fixtures/us-style.txt" "$tmp/in/b/release.txt"
printf 'Title\nabc\000def\n' >"$tmp/in/binary.txt"
"$R2X" convert -j 2 --jsonl -d "$tmp/batch2" "$tmp/in/a/release.txt" "$tmp/in/b/release.txt" "$tmp/in/binary.txt" \
    "$tmp/in/missing.txt" >"$tmp/batch.jsonl" 2>"$tmp/batch.err"
st=$?
[ $st -eq 2 ] && pass "a batch exits with its worst status (2: an input could not be read)" || fail "batch: exit $st, want 2"
[ -s "$tmp/batch2/a-release.xml" ] && [ -s "$tmp/batch2/b-release.xml" ] && [ -s "$tmp/batch2/a-release.xsd" ] \
    && pass "batch: colliding names get their directory's name" || { fail "batch: outputs"; ls "$tmp/batch2" | sed 's/^/#   /'; }
# Two conversions of one company and period in one directory: each taxonomy
# is named after its instance, which refers to it (PREFIX-YYYYMMDD would be
# shared, the second overwriting the first).
mkdir -p "$tmp/batch3"
"$R2X" convert -q -d "$tmp/batch3" "$tmp/in/a/release.txt" "$sample" 2>/dev/null
grep -q 'xlink:href="release.xsd"' "$tmp/batch3/release.xml" && grep -q 'xlink:href="iij-2009-1h.xsd"' "$tmp/batch3/iij-2009-1h.xml" \
    && [ -s "$tmp/batch3/release_cal.xml" ] && [ -s "$tmp/batch3/iij-2009-1h_cal.xml" ] && [ ! -e "$tmp/batch3/iij-20090930.xsd" ] \
    && pass "batch: one company and period twice: each instance has its own taxonomy" || { fail "batch: taxonomies"; ls "$tmp/batch3" | sed 's/^/#   /'; }
[ "$(wc -l <"$tmp/batch.jsonl")" -eq 4 ] && pass "batch: one JSON line per input" || fail "batch: $(wc -l <"$tmp/batch.jsonl") JSON lines"
sed -n 1p "$tmp/batch.jsonl" | grep -q "^{\"file\": \"$tmp/in/a/release.txt\", \"status\": 0, \"outputs\": \[\"$tmp/batch2/a-release.xml\", \"$tmp/batch2/a-release.xsd\", \"$tmp/batch2/a-release_lab.xml\", \"$tmp/batch2/a-release_pre.xml\", \"$tmp/batch2/a-release_cal.xml\", \"$tmp/batch2/a-release_def.xml\"\], \"facts\": 583, \"contexts\": 16, \"entity\": \"cik:0001090633\", \"entity_rule\": \"profile\", \"unmapped\": 0, \"failed_sums\": 1, \"disagreements\": 2, \"unplaced_figures\": 0, \"errors\": 0, \"warnings\": 67, \"notes\": 1, \"seconds\": [0-9.]*}$" \
    && pass "batch: the first line: status, outputs, counts, entity and rule" || { fail "batch: the first JSON line"; sed -n 1p "$tmp/batch.jsonl" | sed 's/^/#   /'; }
sed -n 3p "$tmp/batch.jsonl" | grep -q '"status": 1, "outputs": \[\].*"error": "[^"]*binary.txt:2: binary file (a NUL byte at column 4); expected text"' \
    && pass "batch: a bad input's line says why" || { fail "batch: the bad input's line"; sed -n 3p "$tmp/batch.jsonl" | sed 's/^/#   /'; }
sed -n 4p "$tmp/batch.jsonl" | grep -q '"status": 2, .*"error": "[^"]*missing.txt: cannot open: No such file or directory"' \
    && pass "batch: a missing input's line says why" || { fail "batch: the missing input's line"; sed -n 4p "$tmp/batch.jsonl" | sed 's/^/#   /'; }
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/batch.jsonl" \
        && pass "batch: every line is JSON" || fail "batch: a line is not JSON"
fi
# each input's messages whole and in the order of the inputs, -j 2 or not
awk -F: '/^release2xbrl: \// { print $2 }' "$tmp/batch.err" | uniq >"$tmp/order"
printf '%s\n' " $tmp/in/a/release.txt" " $tmp/in/b/release.txt" " $tmp/in/binary.txt" " $tmp/in/missing.txt" >"$tmp/order.want"
cmp -s "$tmp/order" "$tmp/order.want" && pass "batch -j 2: each input's messages whole, in input order" || { fail "batch: messages interleaved"; sed 's/^/#   /' "$tmp/order"; }
expect_grep '^release2xbrl: 4 inputs: 2 written, 1 with input errors \(nothing written\), 1 failed$' "$tmp/batch.err" "batch: a closing count"
"$R2X" convert -q -d "$tmp/batch1" "$tmp/in/a/release.txt" "$tmp/in/b/release.txt" 2>/dev/null
cmp -s "$tmp/batch1/a-release.xml" "$tmp/batch2/a-release.xml" && cmp -s "$tmp/batch1/b-release.xml" "$tmp/batch2/b-release.xml" \
    && pass "batch: -j 1 and -j 2 write the same bytes" || fail "batch: -j 1 and -j 2 differ"

# Standard input everywhere: extract - and validate -.
"$R2X" convert -q --format ixbrl "$sample" -o "$tmp/iij.htm"
"$R2X" extract -q "$tmp/iij.htm" -o "$tmp/x-file.xml"
expect_status 0 "extract - reads standard input" sh -c '"$1" extract -q - -o "$2" <"$3"' sh "$R2X" "$tmp/x-stdin.xml" "$tmp/iij.htm"
cmp -s "$tmp/x-file.xml" "$tmp/x-stdin.xml" && pass "extract -: the same instance as from the file" || fail "extract -: another instance"
printf '<?xml version="1.0"?>\n<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">\n<link:schemaRef xlink:type="simple" xlink:href="none.xsd"/>\n</xbrli:xbrl>\n' >"$tmp/inst.xml"
(cd "$tmp" && "$R2X" validate --offline --cache-dir "$tmp/nocache" inst.xml >"$tmp/v-file.out" 2>&1)
(cd "$tmp" && "$R2X" validate --offline --cache-dir "$tmp/nocache" - <inst.xml >"$tmp/v-stdin.out" 2>&1)
st=$?
[ $st -eq 1 ] && pass "validate - reads standard input (exit 1: its schema is missing)" || fail "validate -: exit $st"
sed 's/^inst\.xml/<stdin>/' "$tmp/v-file.out" | cmp -s - "$tmp/v-stdin.out" && pass "validate -: the findings of the file, named <stdin>" \
    || { fail "validate -: other findings"; diff "$tmp/v-file.out" "$tmp/v-stdin.out" | head -5 | sed 's/^/#   /'; }
(cd "$tmp" && "$R2X" validate --offline --cache-dir "$tmp/nocache" -j 2 --format jsonl inst.xml inst.xml >"$tmp/v.jsonl" 2>/dev/null)
[ "$(wc -l <"$tmp/v.jsonl")" -eq 2 ] && grep -q '^{"file": "inst.xml", "findings": \[{"severity": "error", "code": "xbrl.3.2:documentUnavailable"' "$tmp/v.jsonl" \
    && grep -q '"status": 1}$' "$tmp/v.jsonl" && pass "validate -j 2 --format jsonl: a line per input, with its status" \
    || { fail "validate --format jsonl"; head -2 "$tmp/v.jsonl" | cut -c1-200 | sed 's/^/#   /'; }

# facts on an Inline XBRL document lists its facts; with --input-format html it
# reads the document as the HTML release it renders, as tables and convert do.
"$R2X" facts tests/fixtures/ixbrl/formats.htm >/dev/null 2>"$tmp/fx.err"
expect_grep '(Inline XBRL)' "$tmp/fx.err" "facts lists an Inline XBRL document's facts"
"$R2X" facts --input-format html --cik 1 tests/fixtures/ixbrl/formats.htm >/dev/null 2>"$tmp/fx.err"
grep -q '(Inline XBRL)' "$tmp/fx.err" && fail "facts --input-format html reads the document as a release" ||
    pass "facts --input-format html reads the document as a release"
finish
