/* fetch_dts.c - r2x_fetcher_get_dts: a DTS read through a fetcher, every
 * document once, checking nothing (what `release2xbrl fetch --recursive`
 * does to fill the cache for an offline validation). */
#include <stdlib.h>
#include <string.h>

#include "dts.h"
#include "error.h"
#include "fetch.h"
#include "release2xbrl.h"
#include "report.h"
#include "sized.h"

int r2x_fetcher_get_dts(r2x_fetcher *f, const char *url, r2x_diag_fn diag, void *userdata,
                        r2x_dts_fetch_result *result, r2x_error *err)
{
    if (!result)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "r2x_fetcher_get_dts: no result to fill");
    int rc = sized_check(result, "r2x_dts_fetch_result", err);
    if (rc)
        return rc;
    /* a file: URL the user typed names a local path: read as one */
    char *path_of_url = fetch_file_url_path(url);
    fetch_stats before, after;
    fetcher_stats(f, &before);
    reporter rp;
    reporter_init(&rp, diag, userdata);
    dts_options dopts = {f, &rp, 0};
    dts *d = NULL;
    rc = dts_new(&dopts, &d, err);
    if (!rc)
        rc = dts_add(d, path_of_url ? path_of_url : url, NULL, NULL, 0, err);
    if (!rc)
        rc = dts_load(d, err);
    free(path_of_url);
    if (!rc) {
        fetcher_stats(f, &after);
        r2x_dts_fetch_result full;
        memset(&full, 0, sizeof full);
        full.documents = dts_document_count(d);
        full.missing = rp.errors;
        full.downloaded = after.downloads - before.downloads;
        full.cached = after.cache_hits - before.cache_hits;
        full.local = after.local_reads - before.local_reads;
        sized_out(result, &full, sizeof full);
    }
    dts_free(d);
    return rc;
}
