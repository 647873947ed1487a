/*
 * fuzz.h - shared by the fuzz targets (tests/fuzz/README.md).
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput.  It is linked twice: with
 * libFuzzer (--enable-fuzzing) into tests/fuzz/fuzz_NAME, and with replay.c
 * into tests/fuzz/replay_NAME, which make check runs over corpus/NAME/.
 */
#ifndef R2X_FUZZ_H
#define R2X_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (the text parsers take C strings),
 * cut at the first NUL byte; free() it.  NULL when out of memory. */
char *fuzz_cstring(const uint8_t *data, size_t size);

/* Write the input to a scratch file (for the loaders that read a path) and
 * return its path; the file is reused from call to call.  NULL on error. */
const char *fuzz_scratch_file(const uint8_t *data, size_t size, const char *suffix);

/* For the XML targets, which read documents beside the input: a private
 * directory ($TMPDIR/r2x-fuzz-XXXXXX, removed at exit with what
 * fuzz_work_file put in it), made on the first call.  NULL on error. */
const char *fuzz_work_dir(void);

/* Write data to NAME in the work directory and return its path (a static
 * buffer per name slot: at most 8 names).  NULL on error. */
const char *fuzz_work_file(const char *name, const uint8_t *data, size_t size);

/* Copy $R2X_SRCDIR/FROM into the work directory under its base name (the
 * fixtures an input may refer to relatively).  0 on success. */
int fuzz_work_copy(const char *from);

/* The validate and dts targets' fetcher, made once: offline, its cache
 * $R2X_FUZZ_CACHE or else the work directory (with tests/validate's test.xsd
 * and test-cal.xml copied there, for the seeds' relative schemaRef).  Aborts
 * when it cannot be made. */
fetcher *fuzz_offline_fetcher(void);

/* A diagnostic callback that drops what it is given. */
void fuzz_ignore_diag(void *userdata, const r2x_error *diag);

/* Every table of doc extracted (the default profile, diagnostics dropped)
 * and freed: the table stage run on what a reader made. */
void fuzz_extract_tables(const r2x_document *doc);

#endif
