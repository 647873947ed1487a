#!/bin/sh
# The shared library exports exactly the functions include/release2xbrl.h
# declares: every r2x_ function of the header, nothing else (internal
# helpers are r2xi_ or unprefixed, which -export-symbols-regex '^r2x_'
# leaves out).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
so=$top_builddir/.libs/librelease2xbrl.so
command -v nm >/dev/null 2>&1 || skip_all "nm is not installed"
[ -f "$so" ] || skip_all "$so is not built (a static-only build?)"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRW]$/ { print $3 }' | sort -u >"$tmp/exported"
grep -oE '\br2x_[a-z0-9_]+[[:space:]]*\(' "$top_srcdir/include/release2xbrl.h" |
    sed 's/[[:space:]]*($//' | sort -u >"$tmp/declared"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
[ -z "$extra" ] && pass "nothing exported that the public header does not declare" ||
    fail "exported but not in include/release2xbrl.h: $extra"
[ -z "$missing" ] && pass "every function the public header declares is exported ($(wc -l <"$tmp/declared" | tr -d ' '))" ||
    fail "declared but not exported: $missing"
finish
