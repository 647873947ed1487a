# lib.sh - shared by the shell tests: where things are, and small checks.
# Each test script is run by automake with top_srcdir, top_builddir and R2X
# set, and speaks TAP, which automake's TAP driver reads line by line: each
# "ok" and "not ok" counts, and so does each skip (skip, skip_all below);
# a "# comment" is only a comment.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${R2X:=$top_builddir/release2xbrl}"
R2X_DATADIR=${R2X_DATADIR:-$top_srcdir}
export R2X_DATADIR
# ../shared, beside the tree; R2X_SHARED names another place (a path that is
# not there runs the suite as a tarball's make distcheck does).
shared=${R2X_SHARED:-$top_srcdir/../shared}
# The taxonomy cache the validator's tests read: ../shared's where there is
# one, else XBRL International's base schemas, vendored (tests/fixtures/
# xbrl-base/README.md); have_us_gaap says whether US-GAAP 2024 is in it.
if [ -d "$shared/xbrl-cache/www.xbrl.org" ]; then
    xbrl_cache=$shared/xbrl-cache
else
    xbrl_cache=$top_srcdir/tests/fixtures/xbrl-base
fi
have_us_gaap() { [ -f "$xbrl_cache/xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd" ]; }

failures=0
checks=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/r2x-test.XXXXXX")
httpd_pids=
trap 'kill $httpd_pids 2>/dev/null; wait $httpd_pids 2>/dev/null; rm -rf "$tmp"' EXIT

# start_httpd ROOT LOG NAME [CERT KEY]: a loopback server (tests/httpd.py)
# serving ROOT, logging its requests to LOG; sets httpd_port (and kills it at
# exit), or bails out.  NAME keeps the port files of several servers apart.
start_httpd() {
    python3 "$top_srcdir/tests/httpd.py" "$1" "$2" "$tmp/port-$3" ${4:+"$4"} ${5:+"$5"} \
        >/dev/null 2>"$tmp/httpd-$3.err" &
    httpd_pids="$httpd_pids $!"
    i=0
    while [ ! -s "$tmp/port-$3" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$tmp/port-$3" ] || { echo "Bail out! the test server $3 did not start"; cat "$tmp/httpd-$3.err"; exit 1; }
    httpd_port=$(cat "$tmp/port-$3")
}

pass() { checks=$((checks + 1)); echo "ok $checks - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $1"; }
# skip DESC REASON: a check not made, counted as a skip.
skip() { checks=$((checks + 1)); echo "ok $checks - $1 # SKIP $2"; }
# skip_all REASON: the whole script skipped, before any check.
skip_all() { echo "1..0 # SKIP $1"; exit 0; }

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
