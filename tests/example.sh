#!/bin/sh
# doc/examples/convert.c, built against the installed-style header and the
# shared library alone (no internal header, no convenience library),
# converts the sample as the CLI does: the same profile found, the same
# data, the same facts, the same instance byte for byte.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
example=$top_builddir/doc/examples/convert
factlist=$top_builddir/tests/factlist
mkdir -p "$tmp/lib" "$tmp/cli"

expect_status 0 "the example converts the sample" "$example" samples/iij-2009-1h.txt "$tmp/lib/iij.xml"
cp "$tmp/out" "$tmp/example.out"
expect_status 0 "the CLI converts the sample" "$R2X" convert -q samples/iij-2009-1h.txt -o "$tmp/cli/iij.xml"
"$factlist" "$tmp/lib/iij.xml" | sort >"$tmp/lib.facts"
"$factlist" "$tmp/cli/iij.xml" | sort >"$tmp/cli.facts"
# the iij profile, found by its match: phrase, names the entity (cik) and
# makes it a 6-K; the default profile would know neither
grep -q '<xbrli:identifier scheme="http://www.sec.gov/CIK">0001090633<' "$tmp/lib/iij.xml" &&
    grep -q '>6-K<' "$tmp/lib/iij.xml" && pass "the example found the company's profile (CIK, 6-K)" ||
    fail "the example did not use mappings/profiles/iij.profile"
if cmp -s "$tmp/lib.facts" "$tmp/cli.facts"; then pass "the example's facts are the CLI's"
else fail "the example's facts differ from the CLI's"; diff "$tmp/lib.facts" "$tmp/cli.facts" | head -5 | sed 's/^/#   /'; fi
# r2x_convert_result.facts counts the statements' facts, the instance also
# holds the DEI cover
n=$(grep -c 'contextRef=' "$tmp/cli/iij.xml")
c=$(sed -n 's/^\([0-9]*\) facts, .*/\1/p' "$tmp/example.out")
[ -n "$c" ] && [ "$c" -gt 500 ] && [ "$c" -le "$n" ] && pass "the example reports $c facts of the instance's $n" ||
    fail "the example reports '$c' facts; the instance has $n"
cmp -s "$tmp/lib/iij.xml" "$tmp/cli/iij.xml" && pass "the two instances are byte-identical" || fail "the two instances differ"
(cd "$tmp/lib" && ls) >"$tmp/lib.files"; (cd "$tmp/cli" && ls) >"$tmp/cli.files"
cmp -s "$tmp/lib.files" "$tmp/cli.files" && pass "and the same extension taxonomy files beside them: $(tr '\n' ' ' <"$tmp/lib.files")" \
    || fail "the files beside the instances differ"
# Built as a user builds it: `pkg-config --cflags --libs release2xbrl` (the
# uninstalled .pc of the build tree), the same facts as the CLI.
if ! command -v pkg-config >/dev/null 2>&1; then
    skip "built with pkg-config" "pkg-config is not installed"
elif [ "${R2X_SANITIZERS:-no}" = yes ]; then
    skip "built with pkg-config" "a sanitizer build: a program linked without them cannot load its library"
elif ! flags=$(PKG_CONFIG_PATH=$top_builddir pkg-config --cflags --libs release2xbrl 2>"$tmp/pc.err"); then
    fail "pkg-config knows release2xbrl from the build tree"; sed 's/^/#   /' "$tmp/pc.err"
else
    # shellcheck disable=SC2086
    if ${CC:-cc} -o "$tmp/pc-example" "$top_srcdir/doc/examples/convert.c" $flags 2>"$tmp/cc.err"; then
        pass "doc/examples/convert.c builds with pkg-config --cflags --libs release2xbrl"
        mkdir -p "$tmp/pc"
        LD_LIBRARY_PATH=$top_builddir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
            "$tmp/pc-example" samples/iij-2009-1h.txt "$tmp/pc/iij.xml" >/dev/null 2>&1
        "$factlist" "$tmp/pc/iij.xml" 2>/dev/null | sort >"$tmp/pc.facts"
        [ -s "$tmp/pc.facts" ] && cmp -s "$tmp/pc.facts" "$tmp/cli.facts" &&
            pass "... and converts the sample with the CLI's facts" ||
            fail "... the program built with pkg-config gives other facts than the CLI"
    else
        fail "doc/examples/convert.c builds with pkg-config --cflags --libs release2xbrl"
        head -5 "$tmp/cc.err" | sed 's/^/#   /'
    fi
fi
# the example refuses a library older than its header; usage errors exit 2
expect_status 2 "the example without arguments: usage" "$example"
finish
