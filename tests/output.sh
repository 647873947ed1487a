#!/bin/sh
# Output safety: a full disk, an unwritable directory, output = input, an
# interrupted run; the input is never modified and no temporary file stays.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

sample=$top_srcdir/samples/iij-2009-1h.txt
cp "$sample" "$tmp/in.txt"
sum_before=$(cksum <"$tmp/in.txt")

# no_leftovers DIR DESC: nothing but what was there, no "*.tmp.*" file.
no_temp() {
    if find "$1" -name '*.tmp.*' | grep -q .; then
        fail "$2: a temporary file was left: $(find "$1" -name '*.tmp.*' | head -1)"
    else
        pass "$2: no temporary file left"
    fi
}

# -- a full disk
for cmd in tables convert; do
    expect_status 2 "$cmd -o /dev/full" "$R2X" "$cmd" -q -o /dev/full "$tmp/in.txt"
    expect_grep '^release2xbrl: /dev/full: error: cannot write output: No space left on device$' \
        "$tmp/err" "$cmd -o /dev/full says why"
done

# -- an unwritable directory
: >"$tmp/plainfile"
expect_status 2 "output under a regular file" "$R2X" tables -q -o "$tmp/plainfile/out.json" "$tmp/in.txt"
expect_grep 'out\.json: error: cannot create output: Not a directory$' "$tmp/err" \
    "output under a regular file says why"
if [ "$(id -u)" -eq 0 ]; then
    skip "output in a read-only directory" "running as root, whom chmod does not stop"
else
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    expect_status 2 "output in a read-only directory" "$R2X" tables -q -o "$tmp/ro/out.json" "$tmp/in.txt"
    expect_grep 'out\.json: error: cannot create output: Permission denied$' "$tmp/err" \
        "a read-only directory says why"
    chmod 755 "$tmp/ro"
fi

# -- output = input, however it is spelled: the same file by device and inode
mkdir "$tmp/sub"
ln -s "$tmp/in.txt" "$tmp/link.txt"
ln "$tmp/in.txt" "$tmp/hard.txt"
for out in "$tmp/in.txt" "$tmp/sub/../in.txt" "$tmp/link.txt" "$tmp/hard.txt"; do
    for cmd in tables convert; do
        expect_status 2 "$cmd -o $(basename "$out") (the input)" "$R2X" "$cmd" -q -o "$out" "$tmp/in.txt"
        expect_grep "is the input file; refusing to overwrite it" "$tmp/err" \
            "$cmd refuses to overwrite its input ($(basename "$out"))"
    done
done
cp "$top_srcdir/mappings/profiles/iij.profile" "$tmp/my.profile"
psum=$(cksum <"$tmp/my.profile")
for cmd in tables convert; do
    expect_status 2 "$cmd -o the profile" "$R2X" "$cmd" -q --profile "$tmp/my.profile" \
        -o "$tmp/my.profile" "$tmp/in.txt"
    expect_grep "is the --profile file; refusing to overwrite it" "$tmp/err" \
        "$cmd refuses to overwrite its --profile"
done
if [ "$(cksum <"$tmp/my.profile")" = "$psum" ]; then pass "the profile is unchanged"; else
    fail "the profile was modified"; fi

# -- an interrupted run leaves neither output nor temporary file.
# (a) stopped while reading: the input is a FIFO that a separate process
# holds open for writing and never writes to, so that the read blocks.
# The signal is sent only once the program itself has the FIFO open (its
# handlers are installed first thing in main): before that, the process is
# a shell started in the background (SIGINT ignored), or the libtool or
# valgrind wrapper, and would lose the signal.  No process but the program
# may hold the FIFO in $pid: a writer fd inherited by the forked shell would
# show in /proc/$pid/fd before that shell had closed it and exec'd (the
# cause of a flake under load: SIGINT lost, the run killed after 30 s).
mkfifo "$tmp/fifo"
for sig in INT TERM HUP; do
    mkdir "$tmp/out-$sig"
    sleep 120 >"$tmp/fifo" &       # the writer: its open completes with ours
    writer=$!
    "$R2X" tables -q -o "$tmp/out-$sig/result.json" "$tmp/fifo" 2>"$tmp/err" &
    pid=$!
    i=0
    while [ -d /proc/$$ ] && ! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q fifo &&
          [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    [ -d /proc/$$ ] || sleep 2
    kill -s "$sig" "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -s KILL "$pid"     # so that a failure cannot hang
    wait "$pid"
    st=$?
    kill "$writer" 2>/dev/null
    wait "$writer" 2>/dev/null
    if [ "$st" -gt 128 ] && [ "$st" -ne 137 ]; then pass "SIG$sig while reading: killed by the signal (exit $st)"; else
        fail "SIG$sig while reading: exit $st"; fi
    if [ -z "$(ls -A "$tmp/out-$sig")" ]; then pass "SIG$sig while reading: no output"; else
        fail "SIG$sig while reading: left $(ls -A "$tmp/out-$sig")"; fi
done

# (b) stopped between writing the temporary file and renaming it: the
# stallsync shim holds fsync(2); an earlier output must stay as it was.
stall=$top_builddir/tests/.libs/libstallsync.so
if [ ! -f "$stall" ]; then
    skip "a signal during an output leaves the earlier output as it was" "$stall is not built"
else
    for sig in INT TERM; do
        for cmd in tables convert; do
            d=$tmp/stall-$cmd-$sig
            mkdir "$d"
            echo "earlier output" >"$d/result"
            rm -f "$tmp/mark"
            STALLSYNC_MARK=$tmp/mark LD_PRELOAD=$stall ASAN_OPTIONS=verify_asan_link_order=0 \
                "$R2X" "$cmd" -q -o "$d/result" "$tmp/in.txt" 2>"$tmp/err" &
            pid=$!
            i=0
            while [ ! -f "$tmp/mark" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
            if find "$d" -name '*.tmp.*' | grep -q .; then
                pass "$cmd: the temporary file exists while fsync is held"
            else
                fail "$cmd: no temporary file while fsync is held"
            fi
            kill -s "$sig" "$pid"
            i=0
            while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
            kill -0 "$pid" 2>/dev/null && kill -s KILL "$pid"
            wait "$pid"
            st=$?
            if [ "$st" -gt 128 ] && [ "$st" -ne 137 ]; then pass "$cmd SIG$sig while writing: killed (exit $st)"; else
                fail "$cmd SIG$sig while writing: exit $st"; sed 's/^/#   /' "$tmp/err" | head -3; fi
            no_temp "$d" "$cmd SIG$sig while writing"
            if [ "$(cat "$d/result")" = "earlier output" ] && [ "$(ls -A "$d")" = result ]; then
                pass "$cmd SIG$sig while writing: the earlier output is as it was"
            else
                fail "$cmd SIG$sig while writing: the output directory holds $(ls -A "$d" | tr '\n' ' ')"
            fi
        done
    done
fi

# -- the input is never modified, whatever happened above
if [ "$(cksum <"$tmp/in.txt")" = "$sum_before" ] && cmp -s "$sample" "$tmp/in.txt"; then
    pass "the input is unchanged"
else
    fail "the input was modified"
fi
no_temp "$tmp" "all runs"
finish
