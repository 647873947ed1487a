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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (the text parsers take C strings),
 * cut at the first NUL byte; free() it.  NULL when out of memory. */
char *fuzz_cstring(const uint8_t *data, size_t size);

/* Write the input to a scratch file (for the loaders that read a path) and
 * return its path; the file is reused from call to call.  NULL on error. */
const char *fuzz_scratch_file(const uint8_t *data, size_t size, const char *suffix);

#endif
