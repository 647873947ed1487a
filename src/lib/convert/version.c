/* version.c - the library's version and those of the libraries it runs
 * with (libxml2, libxslt, libcurl, poppler-glib), read at run time (libcurl
 * and poppler-glib are opened to ask: see src/lib/common/dynlib.h). */
#include <libxml/parser.h>
#include <libxslt/xsltconfig.h>
#include <libxslt/xslt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "read_pdf.h"
#include "release2xbrl.h"

/* "libcurl 7.88.1" -> "7.88.1"; "" for a line saying the library cannot
 * be loaded, or none. */
static void version_of(char *out, size_t size, const char *line, const char *prefix)
{
    size_t n = strlen(prefix);
    snprintf(out, size, "%s", line && !strncmp(line, prefix, n) ? line + n : "");
}

const char *r2x_version(void)
{
    return PACKAGE_VERSION;
}

int r2x_version_info(r2x_versions *out)
{
    if (!out || out->size < offsetof(r2x_versions, version))
        return R2X_EUSAGE;
    r2x_versions v;
    memset(&v, 0, sizeof v);
    v.version_num = R2X_VERSION_NUM;
    snprintf(v.version, sizeof v.version, "%s", PACKAGE_VERSION);
    /* xmlParserVersion is "20914" for 2.9.14 */
    unsigned long x = strtoul(xmlParserVersion, NULL, 10);
    snprintf(v.libxml2, sizeof v.libxml2, "%lu.%lu.%lu", x / 10000 % 1000, x / 100 % 100,
             x % 100);
    x = (unsigned long)xsltLibxsltVersion;     /* 10135 for 1.1.35 */
    snprintf(v.libxslt, sizeof v.libxslt, "%lu.%lu.%lu", x / 10000 % 1000, x / 100 % 100,
             x % 100);
    version_of(v.libcurl, sizeof v.libcurl, fetch_library_version(), "libcurl ");
    version_of(v.poppler, sizeof v.poppler, pdf_library_version(), "poppler-glib ");
#ifdef HAVE_POPPLER
    v.pdf_support = 1;
#endif
    size_t n = out->size < sizeof v ? out->size : sizeof v;
    v.size = out->size;
    memcpy(out, &v, n);
    return R2X_OK;
}
