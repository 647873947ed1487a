#!/bin/sh
# Hostile XML and HTML (tests/hostile/README.md) through every command that
# reads them.  Skips until validate or extract exists.  Checks what holds
# whatever the message: the run ends by itself, exit 0-2, no /etc/passwd
# content anywhere, no partial output.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

cmds=
for c in validate extract; do
    "$R2X" help "$c" >/dev/null 2>&1 && cmds="$cmds $c"
done
if [ -z "$cmds" ]; then
    skip_all "neither validate nor extract exists yet"
fi
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
    HTTPS_PROXY=http://127.0.0.1:9 XDG_CACHE_HOME=$tmp/cache
sh "$top_srcdir/tests/hostile/generate.sh" "$tmp/gen"
for f in "$top_srcdir"/tests/hostile/*.xml "$top_srcdir"/tests/hostile/*.htm "$tmp"/gen/*; do
    name=$(basename "$f")
    for c in $cmds; do
        out=$tmp/out-$c-$name
        mkdir -p "$out"
        offline=
        "$R2X" help "$c" 2>/dev/null | grep -q -- --offline && offline=--offline
        case $c in
        extract) set -- extract $offline -o "$out/result.xml" "$f" ;;
        *) set -- "$c" $offline "$f" ;;
        esac
        if command -v timeout >/dev/null; then
            timeout 60 "$R2X" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
        else
            "$R2X" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
        fi
        st=$?
        if [ "$st" -gt 2 ]; then
            fail "$c $name: exit $st (a crash, a sanitizer report or the 60 s timeout)"
            sed 's/^/#   /' "$tmp/stderr" | head -3
        elif grep -qs 'root:' "$tmp/stdout" "$tmp/stderr" "$out"/*; then
            fail "$c $name: the content of /etc/passwd leaked"
        elif [ -s "$out/result.xml" ] && command -v python3 >/dev/null 2>&1 &&
             ! python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$out/result.xml" 2>/dev/null; then
            # what is written must be well-formed: no entity it does not declare
            fail "$c $name: the output is not well-formed XML"
        elif [ "$st" -eq 2 ] && [ -n "$(ls -A "$out")" ]; then
            # exit 1 (the input has errors) still writes what was read, as
            # convert does; a run that could not be done leaves nothing
            fail "$c $name: could not run (exit $st) but left $(ls -A "$out")"
        else
            pass "$c $name: exit $st, nothing followed ($(head -1 "$tmp/stderr" | cut -c1-100))"
        fi
    done
    rm -rf "$tmp"/out-*
done
finish
