#!/bin/sh
# Memory: every reader with its Nth allocation failing (tests/alloc_fail.c
# under the libfailmalloc.so shim: a sample of the Ns, or every one with
# R2X_FULL_SWEEP=1, make check-full), and input fed one byte per write through
# a pipe giving the same result as the file.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

shim=$top_builddir/tests/.libs/libfailmalloc.so
if [ ! -f "$shim" ]; then
    echo "# skip: $shim is not built"
elif "$top_builddir/tests/alloc_fail" | grep -q sanitizers; then
    echo "# skip: allocation failure: the sanitizers own malloc; run in the plain build"
elif mkdir -p "$tmp/data/taxonomy" "$tmp/data/mappings" &&
     grep -E '^(income|balance-sheet) ' "$top_srcdir/mappings/us-gaap.map" | head -60 \
        >"$tmp/data/mappings/us-gaap.map" &&
     # and a dictionary of the concepts that table and the cover use (the whole
     # taxonomy, loaded again by each of thousands of runs, would take minutes)
     awk -F'|' 'NR == FNR { gsub(/ /, "", $3); want[$3] = 1; next }
                /^@(namespace|type-namespace|schema|import) / { print; next }
                /^@/ { keep = $0 == "@concepts"; next }
                keep { split($0, f, " "); if (f[1] in want || f[1] ~ /^dei:/) print }' \
        "$tmp/data/mappings/us-gaap.map" "$top_srcdir/taxonomy/us-gaap-2024.concepts" \
        >"$tmp/data/taxonomy/us-gaap-2024.concepts" &&
     # and the label tables' lines for those concepts (the first 200 labels)
     awk -F'\t' 'NR == FNR { split($0, f, " "); want[f[1]] = 1; next }
                 /^#/ || /^key\t/ { print; next }
                 ($3 in want) && n++ < 200' \
        "$tmp/data/taxonomy/us-gaap-2024.concepts" "$top_srcdir/mappings/labels.tsv" \
        >"$tmp/data/mappings/labels.tsv" &&
     awk -F'\t' 'NR == FNR { split($0, f, " "); want[f[1]] = 1; next }
                 /^#/ || /^concept\t/ { print; next }
                 $1 in want' \
        "$tmp/data/taxonomy/us-gaap-2024.concepts" "$top_srcdir/mappings/label-concepts.tsv" \
        >"$tmp/data/mappings/label-concepts.tsv" &&
     ALLOC_FAIL_DATADIR=$tmp/data LD_PRELOAD=$shim "$top_builddir/tests/alloc_fail" >"$tmp/alloc" 2>"$tmp/alloc.err"; then
    sed -n 's/^ok [0-9]* - /alloc: /p' "$tmp/alloc" | while read -r line; do echo "# $line"; done
    case ${R2X_FULL_SWEEP:-0} in
    0) swept="a sample of the allocations of every reader (R2X_FULL_SWEEP=1: every one)" ;;
    *) swept="every allocation of every reader" ;;
    esac
    pass "$swept failed once: out of memory, or recovered with the same result; no crash"
    # the library never prints, not even libxml2 inside it when memory runs out
    if [ -s "$tmp/alloc.err" ]; then
        fail "under allocation failure, something printed to stderr:"
        sort "$tmp/alloc.err" | uniq -c | sort -rn | head -5 | sed 's/^/#   /'
    else
        pass "under allocation failure, nothing is printed to stderr"
    fi
else
    st=$?
    if [ "$st" -eq 77 ]; then
        echo "# skip: $(sed -n 's/^1\.\.0 # SKIP //p' "$tmp/alloc")"
    else
        fail "allocation failure (exit $st)"; grep -v '^ok' "$tmp/alloc" "$tmp/alloc.err" | head -20 | sed 's/^/#   /'
    fi
fi

# One byte per write(2): dd bs=1 copies a byte at a time into the pipe.
one_byte_at_a_time() {
    desc=$1; shift
    input=$1; shift
    "$R2X" "$@" -o "$tmp/whole.out" - <"$input" 2>"$tmp/whole.err"
    a=$?
    dd if="$input" bs=1 status=none | "$R2X" "$@" -o "$tmp/bytes.out" - 2>"$tmp/bytes.err"
    b=$?
    # the summary lines name the outputs: the same but for those names
    sed "s|$tmp/whole.out|OUTPUT|" "$tmp/whole.err" >"$tmp/whole.err.n"
    sed "s|$tmp/bytes.out|OUTPUT|" "$tmp/bytes.err" >"$tmp/bytes.err.n"
    if [ "$a" -ne "$b" ]; then
        fail "$desc one byte at a time: exit $b, from the file $a"
    elif ! cmp -s "$tmp/whole.out" "$tmp/bytes.out" || ! cmp -s "$tmp/whole.err.n" "$tmp/bytes.err.n"; then
        fail "$desc one byte at a time: the output differs"
        diff "$tmp/whole.out" "$tmp/bytes.out" | head -5 | sed 's/^/#   /'
    else
        pass "$desc: one byte at a time through a pipe = the file (exit $a)"
    fi
}
printf 'Title \223quoted\224\r\nNet sales\t1,234\r\n' >"$tmp/cp1252.txt"
printf '\357\273\277Statement\n\n\t2009\t2008\nRevenue\t\342\200\224\t900\n\f' >"$tmp/bom.txt"
one_byte_at_a_time "the sample" "$top_srcdir/samples/iij-2009-1h.txt" tables
one_byte_at_a_time "a Windows-1252 file" "$tmp/cp1252.txt" tables --encoding windows-1252
one_byte_at_a_time "a byte-order mark and a page break" "$tmp/bom.txt" tables
one_byte_at_a_time "convert of the sample" "$top_srcdir/samples/iij-2009-1h.txt" convert -q
finish
