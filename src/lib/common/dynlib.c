/* dynlib.c - see dynlib.h */
#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* dlerror's text, which is only good until the next dl call of this thread. */
static void copy_dlerror(char *out, size_t size)
{
    const char *why = dlerror();
    snprintf(out, size, "%s", why ? why : "unknown error");
}

static int open_locked(dynlib *lib, const char *file, r2x_error *err)
{
    char why[512];
    dlerror();
    /* RTLD_LOCAL: its symbols stay out of the global namespace, where they
     * could never have been before either (they were looked up by name) */
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        copy_dlerror(why, sizeof why);
        if (strstr(why, "Cannot allocate memory"))
            return r2xi_fail(err, R2X_ENOMEM, file, 0, "out of memory");
        return r2xi_fail(err, R2X_EIO, file, 0, "%s needs %s, which cannot be loaded (%s); %s",
                        lib->needed_for, lib->soname, why, lib->advice);
    }
    for (const dynlib_symbol *s = lib->symbols; s->name; s++) {
        dlerror();
        void *p = dlsym(handle, s->name);
        if (!p) {
            copy_dlerror(why, sizeof why);
            dlclose(handle);
            return r2xi_fail(err, R2X_EIO, file, 0, "%s needs %s, whose %s is missing (%s); %s",
                            lib->needed_for, lib->soname, s->name, why, lib->advice);
        }
        /* POSIX: a function's address fits a void * (dlsym relies on it) */
        memcpy(s->slot, &p, sizeof p);
    }
    if (lib->after_load && lib->after_load()) {
        /* left open: what after_load started may hold on to it */
        return r2xi_fail(err, R2X_EIO, file, 0, "%s: cannot initialise %s", lib->needed_for,
                        lib->soname);
    }
    lib->loaded = 1;
    return R2X_OK;
}

int dynlib_load(dynlib *lib, const char *file, r2x_error *err)
{
    pthread_mutex_lock(&lock);
    int rc = lib->loaded ? R2X_OK : open_locked(lib, file, err);
    pthread_mutex_unlock(&lock);
    return rc;
}
