/* fuzz_validate.c - the instance reader and validator on any bytes, as an
 * XBRL instance (instance.xml) or, when it names the Inline XBRL namespace,
 * as Inline XBRL (instance.htm), through an offline fetcher: the cache is
 * $R2X_FUZZ_CACHE (a few taxonomy files, for real fuzz runs) or the empty
 * work directory.  tests/validate's test.xsd and test-cal.xml sit beside the
 * input, so the seeds' relative schemaRef finds them.  A download aborts:
 * a fuzz target must never touch the network. */
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fuzz.h"
#include "release2xbrl.h"
#include "validate.h"

static int contains(const uint8_t *data, size_t size, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= size; i++)
        if (!memcmp(data + i, word, n))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fetcher *f = fuzz_offline_fetcher();
    int inline_xbrl = contains(data, size, "inlineXBRL");
    const char *path = fuzz_work_file(inline_xbrl ? "instance.htm" : "instance.xml", data, size);
    if (!path)
        return 0;
    /* the calculation mode and duplicate handling from the last byte */
    r2x_validate_options vo;
    r2x_validate_options_init(&vo);
    vo.offline = 1;
    vo.calc = size ? data[size - 1] % 3 : 0;
    vo.duplicates = size ? (data[size - 1] >> 2) & 1 : 0;
    vo.diag = fuzz_ignore_diag;
    r2x_validator *v = NULL;
    r2x_error err;
    r2x_error_clear(&err);
    if (validator_new_with_fetcher(&vo, f, &v, &err))
        return 0;
    r2x_validate_result result;
    r2x_validate_result_init(&result);
    r2x_validate(v, path, &result, &err);
    r2x_validator_free(v);
    fetch_stats st;
    fetcher_stats(f, &st);
    if (st.downloads)
        abort();
    return 0;
}
