#!/bin/sh
# Run the bad-input catalogue (tests/errors/catalogue.tsv).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

make_input() {
    f=$tmp/$1.txt
    case $1 in
    empty) : >"$f" ;;
    blank) printf '  \n\t\n\n' >"$f" ;;
    binary) printf 'Title\nabc\000def\n' >"$f" ;;
    badutf8) printf 'Title\nok \303\251\nRevenue\t\377\n' >"$f" ;;
    overlong) printf '\300\257\n' >"$f" ;;
    cp1252) printf 'Title \223quoted\224\nNet sales\t1,234\n' >"$f" ;;
    huge) yes 'Net sales	1,234	1,100' | head -c 104857600 >"$f" ;;
    longline) { echo Title; head -c 1048576 /dev/zero | tr '\000' x; echo; } >"$f" ;;
    widerow) printf 'Statement\n\n\t2009\t2008\nRevenue\t1,000\t900\nCost\t800\t700\t\t9,999\n' >"$f" ;;
    bigfigure) printf 'Statement\n\n\t2009\t2008\nRevenue\t1,234,567,890,123,456,789\t900\n' >"$f" ;;
    html) printf '<html><body><table><tr><td>Net sales</td><td>1,234</td></tr></table></body></html>\n' >"$f" ;;
    htmltext) printf '<html><body><p>Results</p><table><tr><td>Contact</td><td>Jane Doe</td></tr></table></body></html>\n' >"$f" ;;
    prose) printf 'Results\n\nNet sales were $1,234 million.\n    Net sales      1,234      1,100\n' >"$f" ;;
    sample) cp "$top_srcdir/samples/iij-2009-1h.txt" "$f" ;;
    none) f= ;;
    esac
    printf 'entity-name: Broken\nmatch: nothing\nfiscal year end 03-31\n' >"$tmp/bad.profile"
    printf 'fiscal-year-end: --02-30\n' >"$tmp/baddate.profile"
    printf 'entity-name: No CIK\nfiscal-year-end: --03-31\n' >"$tmp/nocik.profile"
    echo "$f"
}

while IFS='	' read -r name input command status message; do
    case $name in ''|'#'*) continue ;; esac
    in=$(make_input "$input")
    out=$tmp/out-$name
    mkdir -p "$out"
    cmd=$(printf '%s' "$command" | sed -e "s|{in}|$in|g" -e "s|{out}|$out/result|g" -e "s|{tmp}|$tmp|g")
    before=$( [ -n "$in" ] && [ -f "$in" ] && cksum <"$in")
    # shellcheck disable=SC2086 # the command is split into words on purpose
    "$R2X" $cmd >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    if [ "$got" -ne "$status" ]; then
        fail "$name: exit $got, want $status"; sed 's/^/#   /' "$tmp/stderr" | head -3
    elif ! grep -Eq -- "$message" "$tmp/stderr" && ! { [ "$message" = '^$' ] && [ ! -s "$tmp/stderr" ]; }; then
        fail "$name: stderr does not match /$message/"; sed 's/^/#   /' "$tmp/stderr" | head -3
    else
        pass "$name"
    fi
    # The input is never modified, and no temporary output is left behind.
    if [ -n "$in" ] && [ -f "$in" ] && [ "$(cksum <"$in")" != "$before" ]; then
        fail "$name: the input was modified"
    fi
    if find "$tmp" -name '*.tmp.*' | grep -q .; then
        fail "$name: a temporary file was left"; find "$tmp" -name '*.tmp.*' -delete
    fi
    [ -n "$in" ] && [ "$input" = huge ] && rm -f "$in"
done <"$top_srcdir/tests/errors/catalogue.tsv"
finish
