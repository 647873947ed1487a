/* test_version.c - the version macros, r2x_version() and r2x_version_info():
 * one version said three ways agrees, the libraries' versions are filled
 * in, and a caller that knows fewer fields gets only those. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "release2xbrl.h"
#include "tap.h"

/* "2.9.14", "7.88.1", "22.02.0": digits and dots, at least one dot. */
static int dotted(const char *s)
{
    int dots = 0;
    if (!isdigit((unsigned char)*s))
        return 0;
    for (; *s; s++) {
        if (*s == '.')
            dots++;
        else if (!isdigit((unsigned char)*s))
            return 0;
    }
    return dots >= 1;
}

int main(void)
{
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", R2X_VERSION_MAJOR, R2X_VERSION_MINOR,
             R2X_VERSION_PATCH);
    is_str(R2X_VERSION_STRING, want, "R2X_VERSION_STRING is MAJOR.MINOR.PATCH");
    is_str(r2x_version(), R2X_VERSION_STRING, "r2x_version() is the header's version");
    is_str(PACKAGE_VERSION, R2X_VERSION_STRING, "configure's version is the header's");
    ok(R2X_VERSION_NUM == (R2X_VERSION_MAJOR << 16 | R2X_VERSION_MINOR << 8 | R2X_VERSION_PATCH),
       "R2X_VERSION_NUM is 0x%06x", R2X_VERSION_NUM);

    r2x_versions v;
    memset(&v, 'x', sizeof v);
    v.size = sizeof v;
    ok(r2x_version_info(&v) == R2X_OK, "r2x_version_info");
    ok(v.size == sizeof v, "the size is left as the caller set it");
    ok(v.version_num == R2X_VERSION_NUM, "version_num is R2X_VERSION_NUM");
    is_str(v.version, R2X_VERSION_STRING, "version");
    ok(dotted(v.libxml2), "libxml2 %s", v.libxml2);
    ok(dotted(v.libxslt), "libxslt %s", v.libxslt);
    ok(dotted(v.libcurl), "libcurl %s", v.libcurl);
#ifdef HAVE_POPPLER
    ok(dotted(v.poppler), "poppler-glib %s", v.poppler);
#else
    is_str(v.poppler, "", "no poppler-glib in this build: \"\"");
#endif

    /* a caller built when the struct ended before libxml2 */
    r2x_versions old;
    memset(&old, 'x', sizeof old);
    old.size = offsetof(r2x_versions, libxml2);
    ok(r2x_version_info(&old) == R2X_OK && !strcmp(old.version, R2X_VERSION_STRING) &&
       old.libxml2[0] == 'x' && old.poppler[sizeof old.poppler - 1] == 'x',
       "a smaller size: the fields it holds are filled, nothing past them written");
    old.size = sizeof old.size;
    ok(r2x_version_info(&old) == R2X_EUSAGE, "a size too small for version_num: R2X_EUSAGE");
    ok(r2x_version_info(NULL) == R2X_EUSAGE, "NULL: R2X_EUSAGE");
    return tap_done();
}
