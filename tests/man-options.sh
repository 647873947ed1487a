#!/bin/sh
# The man page, --help and the option tables agree (as curl's test1139 does);
# --help fits in 80 columns; the man page names the installed paths.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
man=$top_builddir/doc/release2xbrl.1
[ -f "$man" ] || { echo "Bail out! $man was not built"; exit 1; }
# The man page writes "--name" as "\-\-name".
sed 's/\\-/-/g' "$man" >"$tmp/man.txt"

# Paths substituted at build time, none left as a make variable.
if grep -n '\$(pkgdatadir)\|@pkgdatadir@\|@VERSION@' "$man" >"$tmp/unsubst"; then
    fail "the built man page still has unsubstituted names"; sed 's/^/#   /' "$tmp/unsubst" | head -3
else
    pass "the built man page has its paths substituted"
fi
grep -q '^\.I /.*/mappings/profiles/\*\.profile$' "$man" && pass "FILES names the installed profiles by path" \
    || fail "FILES names the installed profiles by path"

commands=$("$R2X" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] && pass "--help lists commands" || fail "--help lists commands"
"$R2X" --help | awk 'length > 80 { bad = 1 } END { exit bad }' && pass "--help fits in 80 columns" \
    || fail "--help has lines longer than 80 columns"
for cmd in $commands; do
    grep -q "^\.B $cmd\$" "$man" && pass "man page documents '$cmd'" || fail "man page documents '$cmd'"
    "$R2X" "$cmd" --help >"$tmp/help-full-$cmd"
    awk 'length > 80 { bad = 1 } END { exit bad }' "$tmp/help-full-$cmd" && pass "$cmd --help fits in 80 columns" \
        || fail "$cmd --help has lines longer than 80 columns: $(awk 'length > 80' "$tmp/help-full-$cmd" | head -1)"
    grep -o -- '--[a-z][a-z0-9-]*' "$tmp/help-full-$cmd" | sort -u >"$tmp/help-$cmd"
    while read -r opt; do
        grep -q -- "$opt" "$tmp/man.txt" && pass "man page documents $cmd $opt" || fail "man page lacks $cmd $opt"
    done <"$tmp/help-$cmd"
    # Every short option --help gives ("-o, --output") is in the man page
    # beside its long form, and is accepted.
    sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z][a-z0-9-]*\).*/\1 \2/p' "$tmp/help-full-$cmd" >"$tmp/short-$cmd"
    while read -r short long; do
        grep -q -e "$short \", \" $long" -e "$short, $long" "$tmp/man.txt" && pass "man page gives $cmd $short with $long" \
            || fail "man page lacks $cmd $short, $long"
    done <"$tmp/short-$cmd"
    # Every option the man page gives under "COMMAND options" is in --help.
    sed -n "/^\.SS \"$cmd options\"/,/^\.SS/p" "$tmp/man.txt" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u >"$tmp/man-$cmd"
    while read -r opt; do
        grep -qx -- "$opt" "$tmp/help-$cmd" && pass "$cmd --help has $opt" || fail "$cmd --help lacks $opt (in the man page)"
    done <"$tmp/man-$cmd"
    # --help says what the exit statuses mean.
    grep -q '^Exit status: 0 ' "$tmp/help-full-$cmd" && pass "$cmd --help gives the exit statuses" \
        || fail "$cmd --help gives the exit statuses"
done
finish
