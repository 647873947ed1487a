#include "linefile.h"

#include <errno.h>
#include <string.h>

#include "error.h"

int linefile_open(linefile *lf, const char *path, const char *what, r2x_error *err)
{
    memset(lf, 0, sizeof *lf);
    lf->path = path;
    lf->fp = fopen(path, "r");
    if (!lf->fp)
        return r2x_fail(err, R2X_EIO, path, 0, "cannot open %s: %s", what, strerror(errno));
    return R2X_OK;
}

int linefile_next(linefile *lf, r2x_error *err)
{
    if (lf->status)
        return 0;
    if (!fgets(lf->line, sizeof lf->line, lf->fp)) {
        if (ferror(lf->fp))
            lf->status = r2x_fail(err, R2X_EIO, lf->path, lf->lineno + 1, "read error");
        return 0;
    }
    lf->lineno++;
    size_t n = strlen(lf->line);
    if (n && lf->line[n - 1] == '\n')
        lf->line[--n] = '\0';
    else if (!feof(lf->fp))
        /* never split a long line into two: its second half would be read
         * as a line of its own */
    {
        lf->status = r2x_fail(err, R2X_EPROFILE, lf->path, lf->lineno,
                              "line longer than %zu bytes", sizeof lf->line - 2);
        return 0;
    }
    if (n && lf->line[n - 1] == '\r')
        lf->line[--n] = '\0';
    return 1;
}

void linefile_close(linefile *lf)
{
    if (lf->fp)
        fclose(lf->fp);
    lf->fp = NULL;
}
