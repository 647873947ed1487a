# lib.sh - shared by the shell tests: where things are, and small checks.
# Each test script is run by automake with top_srcdir, top_builddir and R2X
# set; exit 0 pass, 1 fail, 77 skip.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${R2X:=$top_builddir/release2xbrl}"
R2X_DATADIR=${R2X_DATADIR:-$top_srcdir}
export R2X_DATADIR
shared=$top_srcdir/../shared

failures=0
checks=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/r2x-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

pass() { checks=$((checks + 1)); echo "ok $checks - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $1"; }

# expect_status WANT DESC CMD...: run CMD, compare its exit status.
expect_status() {
    want=$1; desc=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then pass "$desc (exit $got)"; else
        fail "$desc: exit $got, want $want"; sed 's/^/#   /' "$tmp/err" | head -5; fi
}

# expect_grep PATTERN FILE DESC: FILE must match the extended regex PATTERN.
expect_grep() {
    if grep -Eq -- "$1" "$2"; then pass "$3"; else
        fail "$3: no /$1/ in $(basename "$2")"; sed 's/^/#   /' "$2" | head -5; fi
}

finish() {
    echo "1..$checks"
    [ "$failures" -eq 0 ]
}
