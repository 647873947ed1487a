/* output_api.c - outputs written all or none (output.h), for callers of
 * the library. */
#include "output.h"
#include "release2xbrl.h"

int r2x_output_open(const char *path, r2x_output **out, r2x_error *err)
{
    return output_open(path, out, err);
}

FILE *r2x_output_stream(r2x_output *o)
{
    return output_stream(o);
}

int r2x_output_commit(r2x_output *o, r2x_error *err)
{
    return output_commit(o, err);
}

void r2x_output_abort(r2x_output *o)
{
    output_abort(o);
}
