/* fuzz_ixbrl.c - the Inline XBRL extractor: any bytes parsed as XHTML (no
 * network, no DTD, no entities) and, when they parse, the target instance
 * extracted and serialized. */
#include <libxml/tree.h>

#include "fuzz.h"
#include "ixbrl_extract.h"

static void ignore_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    (void)diag;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_work_file("report.htm", data, size);
    if (!path)
        return 0;
    r2x_error err;
    r2x_error_clear(&err);
    xmlDocPtr ix = NULL;
    if (ixbrl_parse_file(path, &ix, &err))
        return 0;
    xmlDocPtr out = NULL;
    size_t nfacts = 0, nerrors = 0;
    if (ixbrl_extract(ix, "report.htm", ignore_diag, NULL, &out, &nfacts, &nerrors, &err) ==
            R2X_OK && out) {
        xmlChar *text = NULL;
        int len = 0;
        xmlDocDumpMemory(out, &text, &len);
        xmlFree(text);
    }
    xmlFreeDoc(out);
    xmlFreeDoc(ix);
    return 0;
}
