#!/bin/sh
# The library's layers, as the tree shows them (doc/HACKING.md):
#   src/lib/common    what both sides use; includes only common headers
#   src/lib/convert   a release into XBRL; common and convert headers
#   src/lib/validate  XBRL's rules; common and validate headers
# and the public header include/release2xbrl.h, which every part may use.
# Also: a .c file that defines a function other parts call (not static, not
# the public r2x_ API) has a header of its own, beside it, of the same name.
# The checks run on the tree, then on a copy with a bad include or a missing
# header put in, which they must catch.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# violations ROOT: one line per include that crosses a layer, per header
# that is not found, per .c file whose shared functions have no header.
violations() {
    lib=$1/src/lib
    for part in common convert validate; do
        for f in "$lib/$part"/*.[ch]; do
            sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while read -r h; do
                if [ "$h" = release2xbrl.h ] && [ -f "$1/include/$h" ]; then continue; fi
                if [ -f "$lib/common/$h" ] || [ -f "$lib/$part/$h" ]; then continue; fi
                for other in convert validate; do
                    [ -f "$lib/$other/$h" ] && { echo "src/lib/$part/${f##*/} includes $other/$h"; continue 2; }
                done
                echo "src/lib/$part/${f##*/} includes \"$h\", found in no layer it may use"
            done
        done
        for f in "$lib/$part"/*.c; do
            [ -f "${f%.c}.h" ] && continue
            # a definition: a line at column 0 opening a function, not static,
            # not a declaration, not r2x_ (declared in include/release2xbrl.h)
            shared=$(grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(' "$f" |
                grep -Ev '^(static|typedef|extern|return)\b|;[[:space:]]*$' |
                sed -E 's/^[A-Za-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(.*/\1/' | grep -v '^r2x_' | head -3 | tr '\n' ' ')
            [ -n "$shared" ] && echo "src/lib/$part/${f##*/} has no header of its own for: $shared"
        done
    done
}

out=$(violations "$top_srcdir")
if [ -z "$out" ]; then pass "convert and validate use only common and their own headers; every shared function has its file's header"
else fail "layering"; echo "$out" | sed 's/^/#   /'; fi

# The check itself: each kind of fault, put into a copy, is caught.
copy=$tmp/tree
mkdir -p "$copy/src"
cp -R "$top_srcdir/include" "$copy/" && cp -R "$top_srcdir/src/lib" "$copy/src/" || exit 1
caught() {
    if violations "$copy" | grep -q -- "$1"; then pass "$2"; else fail "$2: not caught"; fi
}
any_c() { ls "$copy/src/lib/$1"/*.c | head -1; }
f=$(any_c convert); cp "$f" "$tmp/saved"
echo '#include "validate.h"' >>"$f"
caught "includes validate/validate.h" "a convert file including a validate header is caught"
cp "$tmp/saved" "$f"
f=$(any_c validate); cp "$f" "$tmp/saved"
echo '#include "facts.h"' >>"$f"
caught "includes convert/facts.h" "a validate file including a convert header is caught"
cp "$tmp/saved" "$f"
f=$(any_c common); cp "$f" "$tmp/saved"
printf '#include "dts.h"\n#include "bind.h"\n' >>"$f"
caught "common/.*includes validate/dts.h" "a common file including a validate header is caught"
caught "common/.*includes convert/bind.h" "a common file including a convert header is caught"
cp "$tmp/saved" "$f"
printf 'int helper_of_nobody(void)\n{\n    return 0;\n}\n' >"$copy/src/lib/convert/headerless.c"
caught "headerless.c has no header of its own for: helper_of_nobody" "a .c file sharing a function without a header is caught"
rm "$copy/src/lib/convert/headerless.c"
if [ -z "$(violations "$copy")" ]; then pass "the copy, put back, passes again"; else fail "the copy, put back, still fails"; fi
finish
