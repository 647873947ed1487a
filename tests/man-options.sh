#!/bin/sh
# The man page, --help and the option tables agree (as curl's test1139 does).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
man=$top_srcdir/doc/release2xbrl.1
# The man page writes "--name" as "\-\-name".
sed 's/\\-/-/g' "$man" >"$tmp/man.txt"

commands=$("$R2X" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] && pass "--help lists commands" || fail "--help lists commands"
for cmd in $commands; do
    grep -q "^\.B $cmd\$" "$man" && pass "man page documents '$cmd'" || fail "man page documents '$cmd'"
    "$R2X" "$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u >"$tmp/help-$cmd"
    while read -r opt; do
        grep -q -- "$opt" "$tmp/man.txt" && pass "man page documents $cmd $opt" || fail "man page lacks $cmd $opt"
    done <"$tmp/help-$cmd"
    # Every option the man page gives under "COMMAND options" is in --help.
    sed -n "/^\.SS \"$cmd options\"/,/^\.SS/p" "$tmp/man.txt" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u >"$tmp/man-$cmd"
    while read -r opt; do
        grep -qx -- "$opt" "$tmp/help-$cmd" && pass "$cmd --help has $opt" || fail "$cmd --help lacks $opt (in the man page)"
    done <"$tmp/man-$cmd"
done
finish
