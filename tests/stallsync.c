/*
 * stallsync.c - an LD_PRELOAD shim for tests/output.sh: fsync(2) first
 * creates the file named by $STALLSYNC_MARK, then sleeps up to 30 seconds
 * before syncing.  An output is then caught between its temporary file and
 * the rename, so that a test can interrupt the run exactly there.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int fsync(int fd)
{
    const char *mark = getenv("STALLSYNC_MARK");
    if (mark && *mark) {
        int m = open(mark, O_WRONLY | O_CREAT, 0600);
        if (m >= 0)
            close(m);
        sleep(30);
    }
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    return real ? real(fd) : 0;
}
