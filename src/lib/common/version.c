/* version.c - the library's version and those of the libraries it runs
 * with (libxml2, libxslt, libcurl, poppler-glib), read at run time. */
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxslt/xsltconfig.h>
#include <libxslt/xslt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "release2xbrl.h"

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
    const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
    snprintf(v.libcurl, sizeof v.libcurl, "%s", cv && cv->version ? cv->version : LIBCURL_VERSION);
#ifdef HAVE_POPPLER
    snprintf(v.poppler, sizeof v.poppler, "%s", poppler_get_version());
#endif
    size_t n = out->size < sizeof v ? out->size : sizeof v;
    v.size = out->size;
    memcpy(out, &v, n);
    return R2X_OK;
}
