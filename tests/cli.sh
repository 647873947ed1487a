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

finish
