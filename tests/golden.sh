#!/bin/sh
# golden.sh - the golden runner, in the manner of libxml2's runtest: each
# fixture of tests/golden/MANIFEST is run through release2xbrl and what it
# writes is compared with tests/golden/READER/NAME.KIND, files read by hand
# against their fixture before they were committed (tests/golden/README.md
# says what was checked).  Each file compared is one TAP check.
#
#   tables   `tables`: NAME.tables.json and NAME.tables.stderr (the
#            messages, then the exit status)
#   facts    `facts`, the listing: NAME.facts and NAME.facts.stderr
#   listing  the listing alone, NAME.facts (where a message is wrong: the
#            manifest says which)
#   outputs  `convert --format all`: the instance NAME.xml, the Inline XBRL
#            NAME.htm, xBRL-JSON NAME.json, xBRL-CSV NAME.csv and
#            NAME-metadata.json (the extension taxonomy is pinned by
#            tests/taxonomy.sh)
#
# R2X_UPDATE_GOLDEN=1 rewrites them: review `git diff tests/golden` line by
# line, against the fixtures, before committing.  PDF fixtures are skipped
# where the build reads no PDF.  Also: the sample from standard input, and the
# seed as published (../shared).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1
# The SEC company list a `fetch --companies` refreshed would change entities.
XDG_CACHE_HOME=$tmp/xdg-cache
export XDG_CACHE_HOME
gold=tests/golden
update=${R2X_UPDATE_GOLDEN:-}
if "$R2X" --version | grep -q '^poppler-glib '; then have_pdf=1; else have_pdf=; fi

# compare FILE GOLDEN DESC: one check; with R2X_UPDATE_GOLDEN=1 the golden
# is rewritten first.
compare() {
    if [ "$update" = 1 ]; then mkdir -p "$(dirname "$2")" && cp "$1" "$2"; fi
    echo "$2" >>"$tmp/compared"
    if [ ! -f "$2" ]; then
        fail "$3: no golden $2 (R2X_UPDATE_GOLDEN=1 writes it)"
    elif diff -u "$2" "$1" >"$tmp/diff" 2>&1; then
        pass "$3"
    else
        fail "$3 differs from $2"; head -40 "$tmp/diff" | sed 's/^/#   /'
    fi
}

# r2x_tables ARGS...: `tables` with the options it takes; those of the
# entity (--cik=, --entity=, --entity-name=, --companies=) are for `facts` and
# `convert` alone.
r2x_tables() {
    n=$#
    while [ "$n" -gt 0 ]; do
        a=$1; shift; n=$((n - 1))
        case $a in --cik=*|--entity=*|--entity-name=*|--companies=*) ;; *) set -- "$@" "$a" ;; esac
    done
    "$R2X" tables "$@"
}

# run_logged OUT ERR CMD...: CMD's output to OUT, its messages to ERR, in
# which the source tree's absolute path (the data directory's files) is cut,
# then its exit status.
run_logged() {
    o=$1; e=$2; shift 2
    "$@" </dev/null >"$o" 2>"$e.raw"
    st=$?
    sed "s|$top_srcdir/||g" "$e.raw" >"$e"
    echo "exit $st" >>"$e"
}

: >"$tmp/compared"
while read -r reader name fixture kinds opts; do
    case $reader in '#'*|'') continue ;; esac
    # the options as the shell would split them ("--entity-name=Fixture Corp" quoted)
    eval "set -- $opts"
    want=$gold/$reader/$name
    files=
    case ,$kinds, in *,tables,*) files="tables.json tables.stderr" ;; esac
    case ,$kinds, in *,facts,*) files="$files facts facts.stderr" ;; *,listing,*) files="$files facts" ;; esac
    case ,$kinds, in *,outputs,*) files="$files xml htm json csv metadata.json" ;; esac
    if [ "$reader" = pdf ] && [ -z "$have_pdf" ]; then
        for f in $files; do
            echo "$want.$f" >>"$tmp/compared"
            skip "$reader/$name.$f" "built without PDF support"
        done
        continue
    fi
    got=$tmp/$reader/$name
    mkdir -p "$tmp/$reader"
    case ,$kinds, in *,tables,*)
        run_logged "$got.tables.json" "$got.tables.stderr" r2x_tables "$@" "$fixture"
        compare "$got.tables.json" "$want.tables.json" "$reader/$name: tables, the JSON"
        compare "$got.tables.stderr" "$want.tables.stderr" "$reader/$name: tables, the messages and exit status"
    esac
    case ,$kinds, in *,facts,*|*,listing,*)
        run_logged "$got.facts" "$got.facts.stderr" "$R2X" facts "$@" "$fixture"
        compare "$got.facts" "$want.facts" "$reader/$name: facts, the listing"
        case ,$kinds, in *,facts,*)
            compare "$got.facts.stderr" "$want.facts.stderr" "$reader/$name: facts, the messages and exit status"
        esac
    esac
    case ,$kinds, in *,outputs,*)
        mkdir -p "$got.out"
        "$R2X" convert -q --format all "$@" "$fixture" -o "$got.out/$name.xml" </dev/null 2>"$tmp/err" \
            || { fail "$reader/$name: convert --format all"; sed 's/^/#   /' "$tmp/err" | head -5; }
        compare "$got.out/$name.xml" "$want.xml" "$reader/$name: the XBRL instance"
        compare "$got.out/$name.htm" "$want.htm" "$reader/$name: the Inline XBRL"
        compare "$got.out/$name.json" "$want.json" "$reader/$name: xBRL-JSON"
        compare "$got.out/$name.csv" "$want.csv" "$reader/$name: xBRL-CSV, the table"
        compare "$got.out/$name-metadata.json" "$want.metadata.json" "$reader/$name: xBRL-CSV, the metadata"
    esac
done <"$gold/MANIFEST"

# Every golden of a reader's directory is one the manifest compares.
stale=$(for d in "$gold"/*/; do
            case $d in */taxonomy/) continue ;; esac
            for f in "$d"*; do [ -f "$f" ] && echo "$f"; done
        done | sed 's|//|/|' | while read -r f; do grep -qxF "$f" "$tmp/compared" || echo "$f"; done)
[ -z "$stale" ] && pass "every golden is compared (none left behind by the manifest)" \
    || { fail "goldens the manifest no longer compares"; echo "$stale" | sed 's/^/#   /'; }

# The same release from standard input gives the same tables.
sample=$gold/text/iij-2009-1h.tables.json
"$R2X" tables -q - <samples/iij-2009-1h.txt | sed 's/"source": "<stdin>"/"source": "samples\/iij-2009-1h.txt"/' >"$tmp/stdin.json"
cmp -s "$tmp/stdin.json" "$sample" && pass "stdin gives the same tables" || fail "stdin gives the same tables"

# The seed as published (../shared) differs from the sample only in narrative
# lines, so its tables must be the same, figure for figure.
seed=$shared/seeds/000_f4982778eceb06ff.txt
if [ -f "$seed" ]; then
    "$R2X" tables -q "$seed" | sed 's/"source": "[^"]*"/"source": "samples\/iij-2009-1h.txt"/' >"$tmp/seed.json"
    grep -v '"title' "$tmp/seed.json" >"$tmp/seed.cut"
    grep -v '"title' "$sample" >"$tmp/gold.cut"
    cmp -s "$tmp/seed.cut" "$tmp/gold.cut" && pass "the published seed gives the same tables" || fail "the published seed gives the same tables"
else
    skip "the published seed gives the same tables" "$seed not present (../shared is absent)"
fi
finish
