#!/bin/sh
# run.sh - run the libFuzzer targets one after another, nice'd, each for a
# time, in a scratch corpus seeded from tests/fuzz/corpus/NAME; crashers go to
# WORK/artifacts/NAME/.  Not part of make check.
#   tests/fuzz/run.sh BUILDDIR SECONDS [NAME...]     (WORK: $FUZZ_WORK or /tmp/r2x-fuzz)
# $FUZZ_SEEDS/NAME, if it exists, is read as extra seeds (e.g. small files of
# ../shared's conformance suites, which are not committed); $R2X_FUZZ_CACHE
# is the offline cache of the validate and dts targets (see README.md).
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$1; secs=$2; shift 2
[ $# -gt 0 ] || set -- document numbers periods units mapping profile taxonomy labels convert \
    html layout ixbrl validate dts pdf companies zip
work=${FUZZ_WORK:-/tmp/r2x-fuzz}
for name in "$@"; do
    mkdir -p "$work/corpus/$name" "$work/artifacts/$name"
    cp -n "$here/corpus/$name"/* "$work/corpus/$name/" 2>/dev/null
    echo "== $name ($secs s)"
    seeds=
    [ -n "${FUZZ_SEEDS:-}" ] && [ -d "$FUZZ_SEEDS/$name" ] && seeds=$FUZZ_SEEDS/$name
    nice -n 15 "$build/tests/fuzz/fuzz_$name" -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$work/artifacts/$name/" \
        "$work/corpus/$name" $seeds >"$work/$name.log" 2>&1
    echo "exit $? ($work/$name.log)"
    grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::average_exec_per_sec|ERROR|SUMMARY' \
        "$work/$name.log" | tail -5
done
