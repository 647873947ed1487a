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
    # hostile and broken inputs (tests/errors/README.md)
    utf16) printf '\377\376T\000i\000t\000\n\000' >"$f" ;;
    bomonly) printf '\357\273\277' >"$f" ;;
    surrogate) printf 'Title\n\355\240\200\n' >"$f" ;;
    beyond) printf 'Title\n\364\220\200\200\n' >"$f" ;;
    truncated) printf 'Title\nab\342\202' >"$f" ;;
    continuation) printf '\200abc\n' >"$f" ;;
    nulfirst) printf '\000abc\n' >"$f" ;;
    cp1252undef) printf 'Title \201\n' >"$f" ;;
    manycells) { printf 'Revenue'; i=0; while [ $i -lt 100 ]; do printf '\t1'; i=$((i + 1)); done; echo; } >"$f" ;;
    crlf) printf 'Statement\r\n\r\n\t2009\t2008\r\nRevenue\t1,000\t900\r\n' >"$f" ;;
    esac
    printf 'entity-name: X\ncik: 1\000x\n' >"$tmp/nul.profile"
    { printf 'entity-name: '; head -c 5000 /dev/zero | tr '\000' x; echo; } >"$tmp/long.profile"
    printf 'entity-name: Bad \377\376 name\ncik: 1\n' >"$tmp/badutf8.profile"
    printf 'entity-name: A\001B\ncik: 1\n' >"$tmp/control.profile"
    printf 'Entity Name: X\n' >"$tmp/badkey.profile"
    printf 'fiscal-year-named-by: sideways\n' >"$tmp/badnaming.profile"
    # mapping tables given as a profile's overlay (read from the data
    # directory: enough ../ to reach / from any R2X_DATADIR)
    up=../../../../../../../../../../../../../../../../../../../..
    for m in deep longline nul badutf8 stars fields concept dims statement; do
        printf 'entity-name: X\ncik: 1\noverlay: %s%s/%s.map\n' "$up" "$tmp" "$m" >"$tmp/map-$m.profile"
    done
    { printf 'income | a'; i=0; while [ $i -lt 1000 ]; do printf ' > a'; i=$((i + 1)); done
      echo ' | us-gaap:Revenues | as-printed'; } >"$tmp/deep.map"
    { printf 'income | '; head -c 5000 /dev/zero | tr '\000' a; echo ' | us-gaap:Revenues | as-printed'; } >"$tmp/longline.map"
    printf 'income | rev\000enue | us-gaap:Revenues | as-printed\n' >"$tmp/nul.map"
    printf 'income | r\351venue | us-gaap:Revenues | as-printed\n' >"$tmp/badutf8.map"
    { printf 'income | '; head -c 2000 /dev/zero | tr '\000' '*'; echo 'x | us-gaap:Revenues | as-printed'; } >"$tmp/stars.map"
    printf 'income | revenues | us-gaap:Revenues\n' >"$tmp/fields.map"
    printf 'income | revenues | us-gaap:NoSuchConcept | as-printed\n' >"$tmp/concept.map"
    printf 'segment | revenues | us-gaap:Revenues | as-printed | a:b=c:d a:b=c:d a:b=c:d a:b=c:d a:b=c:d\n' >"$tmp/dims.map"
    printf 'cashflow | revenues | us-gaap:Revenues | as-printed\n' >"$tmp/statement.map"
    ln -sf "$tmp/sample.txt" "$tmp/link-to-input"
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
