/*
 * dynlib.h - a library loaded when first needed (internal).  poppler-glib
 * and libcurl with what they pull in are some seventy libraries whose
 * loading and relocation cost every run ~40 ms of CPU time (a seventh of
 * validating Apple's 10-Q offline); so they are opened with dlopen the first
 * time a PDF is read or a URL downloaded.
 */
#ifndef R2X_DYNLIB_H
#define R2X_DYNLIB_H

#include "release2xbrl.h"

/* A symbol to resolve: its name and the function pointer it goes into. */
typedef struct dynlib_symbol {
    const char *name;
    void *slot;                /* &fns.member: a function pointer */
} dynlib_symbol;

typedef struct dynlib {
    const char *soname;        /* as configure found it: "libcurl.so.4" */
    const char *needed_for;    /* "reading PDFs", for the message */
    const char *advice;        /* what to do when it is missing */
    const dynlib_symbol *symbols;   /* up to one with a NULL name */
    int (*after_load)(void);   /* run once after the symbols, or NULL: 0 for success */
    int loaded;                /* set (under the lock) when everything worked */
} dynlib;

/* Open lib once per process and fill its symbols' slots (thread-safe; a
 * failure is not remembered, the next call tries again).  R2X_EIO naming the
 * library, why it could not be loaded and lib->advice, R2X_ENOMEM when
 * memory ran out; either reported against file (the input that needed it). */
int dynlib_load(dynlib *lib, const char *file, r2x_error *err);

#endif
