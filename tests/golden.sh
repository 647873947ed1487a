#!/bin/sh
# Golden tests: `tables` on the sample, JSON and warnings, against files
# checked by hand against the release (see tests/golden/README.md).
# R2X_UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1

golden() {   # NAME ARGS...: compare stdout and stderr with tests/golden/NAME.*
    name=$1; shift
    "$R2X" "$@" >"$tmp/$name.json" 2>"$tmp/$name.stderr"
    st=$?
    [ $st -eq 0 ] && pass "$name: exit 0" || fail "$name: exit $st"
    for kind in json stderr; do
        want=tests/golden/$name.$kind
        if [ "${R2X_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/$name.$kind" "$want"; fi
        if diff -u "$want" "$tmp/$name.$kind" >"$tmp/diff"; then
            pass "$name.$kind matches the golden"
        else
            fail "$name.$kind differs from the golden"; head -40 "$tmp/diff" | sed 's/^/#   /'
        fi
    done
}

golden iij-2009-1h.tables tables samples/iij-2009-1h.txt

# The same release from standard input gives the same tables.
"$R2X" tables -q - <samples/iij-2009-1h.txt | sed 's/"source": "<stdin>"/"source": "samples\/iij-2009-1h.txt"/' >"$tmp/stdin.json"
cmp -s "$tmp/stdin.json" tests/golden/iij-2009-1h.tables.json && pass "stdin gives the same tables" || fail "stdin gives the same tables"

# The seed as published (../shared) differs from the sample only in narrative
# lines, so its tables must be the same, figure for figure.
seed=$shared/seeds/000_f4982778eceb06ff.txt
if [ -f "$seed" ]; then
    "$R2X" tables -q "$seed" | sed 's/"source": "[^"]*"/"source": "samples\/iij-2009-1h.txt"/' >"$tmp/seed.json"
    grep -v '"title' "$tmp/seed.json" >"$tmp/seed.cut"
    grep -v '"title' tests/golden/iij-2009-1h.tables.json >"$tmp/gold.cut"
    cmp -s "$tmp/seed.cut" "$tmp/gold.cut" && pass "the published seed gives the same tables" || fail "the published seed gives the same tables"
else
    skip "the published seed gives the same tables" "$seed not present (../shared is absent)"
fi
finish
