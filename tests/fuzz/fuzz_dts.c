/* fuzz_dts.c - the DTS reader on any bytes as its starting point (entry.xsd,
 * a schema or a linkbase by its root element): discovery, relationships after
 * prohibition, then the XBRL 2.1 and Dimensions taxonomy rules.  Offline as
 * in fuzz_validate.c ($R2X_FUZZ_CACHE or the empty work directory, with
 * tests/validate's test.xsd and test-cal.xml beside the input); a download
 * aborts. */
#include <stdlib.h>
#include <string.h>

#include "dts.h"
#include "dts_rules.h"
#include "fetch.h"
#include "fuzz.h"
#include "report.h"
#include "xdt.h"
#include "xdt_dts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fetcher *f = fuzz_offline_fetcher();
    const char *path = fuzz_work_file("entry.xsd", data, size);
    if (!path)
        return 0;
    reporter rp;
    reporter_init(&rp, fuzz_ignore_diag, NULL);
    dts_options opts = {f, &rp, 0};
    dts *d = NULL;
    dts_rules *ru = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (dts_new(&opts, &d, &err))
        return 0;
    if (!dts_rules_new(d, &ru, &err) && !dts_add(d, path, NULL, NULL, 0, &err) &&
        !dts_load(d, &err)) {
        dts_rules_check(ru, &rp, NULL);
        xdt_check_taxonomy(d, &rp, NULL);
        size_t n = 0;
        const dts_rel *rel = dts_relationships(d, &n);
        for (size_t i = 0; i < n; i++)
            if (!rel[i].from || !rel[i].to || !rel[i].arcrole)
                abort();
        dts_counts counts;
        dts_get_counts(d, &counts);
    }
    dts_rules_free(ru);
    dts_free(d);
    fetch_stats st;
    fetcher_stats(f, &st);
    if (st.downloads)
        abort();
    return 0;
}
