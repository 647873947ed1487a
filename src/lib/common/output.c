#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

struct r2x_output {
    FILE *fp;
    int to_stdout;
    int slot;                 /* index in temp_paths, -1 for stdout */
    char *target;
};

/* Temporary files in flight, so that an interrupted run can remove them from a
 * signal handler: fixed slots, no allocation, only unlink(2) there. */
#define OUTPUT_SLOTS 32
static char temp_paths[OUTPUT_SLOTS][PATH_MAX];
static volatile sig_atomic_t temp_used[OUTPUT_SLOTS];

void r2x_remove_temp_files(void)
{
    for (int i = 0; i < OUTPUT_SLOTS; i++)
        if (temp_used[i])
            unlink(temp_paths[i]);
}

static void release_slot(int slot)
{
    if (slot >= 0)
        temp_used[slot] = 0;
}

int output_open(const char *path, r2x_output **out, r2x_error *err)
{
    *out = NULL;
    r2x_output *o = calloc(1, sizeof *o);
    if (!o)
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    o->slot = -1;
    if (strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->to_stdout = 1;
        *out = o;
        return R2X_OK;
    }
    /* A device or a pipe is written in place: renaming a temporary file over
     * /dev/null (or a FIFO a reader waits on) would replace it. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            free(o);
            return r2xi_fail(err, R2X_EIO, path, 0, "output is a directory");
        }
        o->fp = fopen(path, "w");
        if (!o->fp) {
            int e = errno;
            free(o);
            return r2xi_fail(err, R2X_EIO, path, 0, "cannot open output: %s", strerror(e));
        }
        o->to_stdout = 1;       /* no rename; closed in commit */
        o->target = r2xi_strdup(path);
        *out = o;
        return R2X_OK;
    }
    o->target = r2xi_strdup(path);
    if (!o->target) {
        free(o);
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    int slot = -1;
    for (int i = 0; i < OUTPUT_SLOTS; i++)
        if (!temp_used[i]) {
            slot = i;
            break;
        }
    if (slot < 0) {
        free(o->target);
        free(o);
        return r2xi_fail(err, R2X_EIO, path, 0, "too many outputs open at once");
    }
    char *tmp = temp_paths[slot];
    int n = snprintf(tmp, PATH_MAX, "%s.tmp.XXXXXX", path);
    if (n < 0 || n >= PATH_MAX) {
        free(o->target);
        free(o);
        return r2xi_fail(err, R2X_EIO, path, 0, "output path is too long");
    }
    temp_used[slot] = 1;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        temp_used[slot] = 0;
        free(o->target);
        free(o);
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot create output: %s",
                        strerror(e));
    }
    /* mkstemp makes 0600; an output should have the usual umask-derived mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        unlink(tmp);
        temp_used[slot] = 0;
        free(o->target);
        free(o);
        return r2xi_fail(err, R2X_EIO, path, 0, "cannot open output: %s",
                        strerror(e));
    }
    o->slot = slot;
    *out = o;
    return R2X_OK;
}

FILE *output_stream(r2x_output *o)
{
    return o->fp;
}

const char *output_target(const r2x_output *o)
{
    return o->to_stdout ? "-" : o->target;
}

int output_commit(r2x_output *o, r2x_error *err)
{
    int rc = R2X_OK;
    if (o->to_stdout) {
        const char *name = o->target ? o->target : "-";
        int bad = fflush(o->fp) != 0 || ferror(o->fp);
        int e = errno;
        if (o->fp != stdout && fclose(o->fp) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        if (bad)
            rc = r2xi_fail(err, R2X_EIO, name, 0, "cannot write output: %s",
                          strerror(e ? e : EIO));
        free(o->target);
        free(o);
        return rc;
    }
    const char *tmp = temp_paths[o->slot];
    int failed = ferror(o->fp) || fflush(o->fp) != 0;
    int e = errno;
    if (!failed && fsync(fileno(o->fp)) != 0 && errno != EINVAL) {
        failed = 1;
        e = errno;
    }
    if (fclose(o->fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (!failed && rename(tmp, o->target) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(tmp);
        rc = r2xi_fail(err, R2X_EIO, o->target, 0, "cannot write output: %s",
                      strerror(e ? e : EIO));
    }
    release_slot(o->slot);
    free(o->target);
    free(o);
    return rc;
}

void output_abort(r2x_output *o)
{
    if (!o)
        return;
    if (!o->to_stdout) {
        fclose(o->fp);
        unlink(temp_paths[o->slot]);
        release_slot(o->slot);
    } else if (o->fp != stdout) {
        fclose(o->fp);
    }
    free(o->target);
    free(o);
}

int output_commit_all(r2x_output **outs, size_t n, int rc, r2x_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!outs[i])
            continue;
        if (rc)
            output_abort(outs[i]);
        else
            rc = output_commit(outs[i], err);
        outs[i] = NULL;
    }
    return rc;
}
