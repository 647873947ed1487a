#!/bin/sh
# conformance.sh - XBRL International's XBRL 2.1 and Dimensions 1.0
# conformance suites through `release2xbrl validate` (tests/conformance/run):
# every failure must be pinned in tests/conformance/known-failures-*.txt with
# its reason, and every pin must still fail.  Skipped where ../shared/conformance
# (the suites) or python3 is absent.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

suites=$shared/conformance
if [ ! -f "$suites/XBRL-CONF-2014-12-10/xbrl.xml" ] || [ ! -f "$suites/xdt-conf-cr4-2009-10-06/xdt.xml" ]; then
    skip_all "the conformance suites are not in $suites"
fi
if ! command -v python3 >/dev/null 2>&1; then
    skip_all "python3 is needed to run the conformance suites"
fi
jobs=$( (nproc) 2>/dev/null || echo 2)
for index in XBRL-CONF-2014-12-10/xbrl.xml xdt-conf-cr4-2009-10-06/xdt.xml; do
    python3 "$top_srcdir/tests/conformance/run" --release2xbrl "$R2X" \
        --cache "$shared/xbrl-cache" --jobs "$jobs" "$suites/$index" >"$tmp/out" 2>&1
    status=$?
    sed 's/^/# /' "$tmp/out" | grep -v '^# FAIL' | tail -n 5
    grep -E '^(FAIL|PASSES NOW|UNKNOWN PIN)' "$tmp/out" | sed 's/^/#   /'
    if [ "$status" -eq 0 ]; then pass "$index: every failure pinned"; else
        fail "$index: unpinned failures or stale pins (exit $status)"; fi
done
finish
