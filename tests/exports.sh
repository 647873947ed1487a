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
# the functions the header declares, not the static inline ones it defines
# (r2x_convert_options_init...: compiled into the caller, with its sizeof)
grep -oE '\br2x_[a-z0-9_]+[[:space:]]*\(' "$top_srcdir/include/release2xbrl.h" |
    sed 's/[[:space:]]*($//' | sort -u >"$tmp/named"
sed -n 's/^static inline [^(]*[ *]\(r2x_[a-z0-9_]*\)(.*/\1/p' "$top_srcdir/include/release2xbrl.h" |
    sort -u >"$tmp/inline"
comm -23 "$tmp/named" "$tmp/inline" >"$tmp/declared"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
[ -z "$extra" ] && pass "nothing exported that the public header does not declare" ||
    fail "exported but not in include/release2xbrl.h: $extra"
[ -z "$missing" ] && pass "every function the public header declares is exported ($(wc -l <"$tmp/declared" | tr -d ' '))" ||
    fail "declared but not exported: $missing"

# The CLI uses the library through its public API alone, as curl's tool uses
# libcurl alone: of the symbols its objects need and do not define, none is
# one the library defines but does not declare in release2xbrl.h.  (The
# internal ones are read from the convenience library, which holds them all.)
core=$top_builddir/.libs/libr2xcore.a
# the program's objects: release2xbrl-*.o (it has flags of its own), its
# copy of the buffer among them; plain src/cli/*.o where it has none
cli_objects=$(ls "$top_builddir"/src/cli/release2xbrl-*.o "$top_builddir"/src/lib/common/release2xbrl-*.o 2>/dev/null ||
              ls "$top_builddir"/src/cli/*.o 2>/dev/null)
if [ ! -f "$core" ] || [ -z "$cli_objects" ]; then
    skip "the CLI uses only the public API" "$core or the CLI's objects are not built"
else
    # shellcheck disable=SC2086
    nm -u $cli_objects | awk 'NF == 2 { print $2 }' | sort -u >"$tmp/cli-needs"
    # shellcheck disable=SC2086
    nm --defined-only $cli_objects | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/cli-defines"
    nm --defined-only "$core" 2>/dev/null | awk 'NF == 3 && $2 ~ /^[TDBRW]$/ { print $3 }' |
        sort -u >"$tmp/core"
    comm -23 "$tmp/cli-needs" "$tmp/cli-defines" | comm -12 - "$tmp/core" >"$tmp/cli-uses"
    internal=$(comm -23 "$tmp/cli-uses" "$tmp/declared" | tr '\n' ' ')
    [ -z "$internal" ] && pass "the CLI uses $(wc -l <"$tmp/cli-uses" | tr -d ' ') library functions, all public" ||
        fail "the CLI uses internal library symbols: $internal"
fi
# ...and links the installed library, not the convenience one
prog=$top_builddir/.libs/release2xbrl
if [ -f "$prog" ] && command -v readelf >/dev/null 2>&1; then
    readelf -d "$prog" | grep -q 'NEEDED.*librelease2xbrl\.so' &&
        pass "the CLI is linked with librelease2xbrl.so" || fail "the CLI does not link librelease2xbrl.so"
else
    skip "the CLI is linked with librelease2xbrl.so" "no shared build or no readelf"
fi
# ...and includes only the public header, its own and its copy of the buffer
bad=$(cd "$top_srcdir/src/cli" && sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' ./*.[ch] |
      sort -u | while read -r h; do
          case $h in release2xbrl.h|../lib/common/buf.h) ;; *) [ -f "$h" ] || echo "$h" ;; esac
      done | tr '\n' ' ')
[ -z "$bad" ] && pass "src/cli includes release2xbrl.h, its own headers and buf.h alone" ||
    fail "src/cli includes internal headers: $bad"
finish
