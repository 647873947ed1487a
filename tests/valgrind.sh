#!/bin/sh
# valgrind.sh - LOG_COMPILER of make check-valgrind (and of make check after
# ./configure --enable-valgrind): a test program runs under valgrind memcheck;
# a shell test runs as is, with $R2X pointing back here so that every
# release2xbrl it starts runs under memcheck.  A memcheck error or a leak
# exits 99, which no test expects.
vg() {
    # libtool --mode=execute: release2xbrl in the build tree is a wrapper
    # script around .libs/release2xbrl
    exec "$top_builddir/libtool" --mode=execute valgrind --quiet --error-exitcode=99 \
        --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes \
        --trace-children=no "$@"
}
if [ -n "${R2X_UNDER_VALGRIND:-}" ]; then
    vg "$R2X_UNDER_VALGRIND" "$@"
fi
case $1 in
*.sh)
    R2X_UNDER_VALGRIND=$R2X
    R2X=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
    export R2X R2X_UNDER_VALGRIND
    exec "$@" ;;
*)
    vg "$@" ;;
esac
