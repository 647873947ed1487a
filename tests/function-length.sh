#!/bin/sh
# No function of src/ is longer than 120 lines: a longer one is a function
# waiting to be split (doc/HACKING.md).  A function's length is its body's,
# from the '{' at column 0 that opens it to the '}' at column 0 that closes
# it, both counted (the house style puts both there).  The check runs on the
# tree, then on a copy with a function of 121 lines and one of 120 put in:
# it must catch the first and let the second through.
# FUNCTION_LENGTH_LIMIT=100 tests/function-length.sh lists those over 100.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

limit=${FUNCTION_LENGTH_LIMIT:-120}

# long_functions ROOT: "LINES FILE FUNCTION" for each function of ROOT/src
# longer than the limit; the function is named by the last line before its
# body that has a '('.
long_functions() {
    find "$1/src" -name '*.c' | LC_ALL=C sort | while read -r f; do
        awk -v limit="$limit" -v file="${f#"$1"/}" '
            /\(/ && !open { name = $0 }
            /^\{/ && !open { open = NR; next }
            /^\}/ && open {
                n = NR - open + 1
                if (n > limit) {
                    sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
                    print n, file, name
                }
                open = 0
            }' "$f"
    done
}

out=$(long_functions "$top_srcdir")
if [ -z "$out" ]; then pass "every function of src/ is at most $limit lines"
else
    fail "functions of src/ longer than $limit lines (split them along their seams)"
    echo "$out" | sed 's/^/#   /'
fi

# The check itself, on a copy: a function of limit + 1 lines is caught, one
# of limit lines is not.
copy=$tmp/tree
mkdir -p "$copy/src"
body() {   # body NAME LINES: a function whose body is LINES lines long
    printf 'static int %s(void)\n{\n' "$1"
    i=2
    while [ "$i" -lt "$2" ]; do echo '    ;'; i=$((i + 1)); done
    printf '}\n'
}
{ body just_too_long $((limit + 1)); body just_short_enough "$limit"; } >"$copy/src/sample.c"
found=$(long_functions "$copy")
if [ "$found" = "$((limit + 1)) src/sample.c just_too_long" ]; then
    pass "a function of $((limit + 1)) lines is caught, one of $limit lines is not"
else
    fail "the length check on a sample: expected one of $((limit + 1)) lines, found '$found'"
fi

finish
