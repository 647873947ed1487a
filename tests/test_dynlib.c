/* test_dynlib.c - libraries opened when first needed (src/dynlib.c): what a
 * missing library or function says, and that a loaded one is loaded once. */
#include <string.h>

#include "dynlib.h"
#include "error.h"
#include "tap.h"

static double (*cosine)(double);
static int starts;

static int count_start(void)
{
    starts++;
    return 0;
}

static int fail_start(void)
{
    return 1;
}

int main(void)
{
    r2x_error err;
    double (*unused)(double) = NULL;
    const dynlib_symbol none[] = {{NULL, NULL}};
    const dynlib_symbol cos_only[] = {{"cos", &cosine}, {NULL, NULL}};
    const dynlib_symbol absent[] = {{"cos", &unused}, {"r2x_no_such_function", &unused},
                                    {NULL, NULL}};

    dynlib missing = {"libr2x-no-such-library.so.0", "reading a test", "install it", none,
                      NULL, 0};
    r2x_error_clear(&err);
    ok(dynlib_load(&missing, "in.pdf", &err) == R2X_EIO, "a missing library: R2X_EIO");
    ok(strstr(err.message, "reading a test needs libr2x-no-such-library.so.0, which cannot "
                           "be loaded (") && strstr(err.message, "); install it"),
       "... saying what needs which library, why it cannot be had, and what to do: %s",
       err.message);
    is_str(err.file, "in.pdf", "... against the input that needed it");
    ok(!missing.loaded, "... and not marked loaded");

    dynlib no_function = {"libm.so.6", "counting", "never mind", absent, NULL, 0};
    r2x_error_clear(&err);
    ok(dynlib_load(&no_function, "", &err) == R2X_EIO &&
           strstr(err.message, "whose r2x_no_such_function is missing"),
       "a library without a function we call: R2X_EIO naming it: %s", err.message);

    dynlib math = {"libm.so.6", "counting", "never mind", cos_only, count_start, 0};
    r2x_error_clear(&err);
    ok(dynlib_load(&math, "", &err) == R2X_OK && cosine && cosine(0) == 1.0,
       "a library that is there: its functions are called through the slots");
    ok(dynlib_load(&math, "", &err) == R2X_OK && starts == 1,
       "loading again does nothing: the start function ran once (%d)", starts);

    dynlib not_started = {"libm.so.6", "counting", "never mind", none, fail_start, 0};
    r2x_error_clear(&err);
    ok(dynlib_load(&not_started, "", &err) == R2X_EIO &&
           strstr(err.message, "counting: cannot initialise libm.so.6") && !not_started.loaded,
       "a start function that fails: R2X_EIO, not loaded: %s", err.message);
    return tap_done();
}
