/* discover.c - where the shipped data is, and which company profile a
 * release is of: what the CLI finds for itself, for every caller. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "release2xbrl.h"

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *r2x_data_dir(void)
{
    const char *env = getenv("R2X_DATADIR");
    if (env && *env)
        return env;
    if (is_dir(R2X_PKGDATADIR "/mappings"))
        return R2X_PKGDATADIR;
    if (is_dir(R2X_SRCDIR "/mappings"))
        return R2X_SRCDIR;
    return NULL;
}

/* The company names itself near the top; a large file is not scanned whole. */
#define PROFILE_MATCH_BYTES 16384

int r2x_profile_find(const char *data_dir, const r2x_document *doc, r2x_profile **out,
                     r2x_error *err)
{
    *out = NULL;
    if (!data_dir)
        return R2X_OK;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/mappings/profiles", data_dir);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);   /* sorted: deterministic */
    if (n < 0)
        return R2X_OK;
    size_t len;
    const char *text = r2x_document_text(doc, &len);
    if (len > PROFILE_MATCH_BYTES)
        len = PROFILE_MATCH_BYTES;
    int rc = R2X_OK;
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        size_t nl = strlen(nm);
        if (!*out && rc == R2X_OK && nl > 8 && !strcmp(nm + nl - 8, ".profile")) {
            char path[4096 + 256];
            snprintf(path, sizeof path, "%s/%s", dir, nm);
            r2x_profile *p;
            rc = r2x_profile_load(path, &p, err);
            if (rc == R2X_OK) {
                if (r2x_profile_matches(p, text, len))
                    *out = p;
                else
                    r2x_profile_free(p);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}
