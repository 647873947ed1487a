/* global.c - r2x_global_init and r2x_global_cleanup: the process-wide setup
 * the library otherwise does lazily (libxml2's parser and the counting
 * allocator under it, libcurl), done at a time the program chooses, as
 * curl_global_init. */
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <pthread.h>
#include <stdlib.h>

#include "error.h"
#include "fetch.h"
#include "release2xbrl.h"
#include "xml_guard.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long inits;    /* r2x_global_init calls not yet cleaned up */
static unsigned done;          /* R2X_GLOBAL_* they set up */

int r2x_global_init(unsigned flags, r2x_error *err)
{
    if (flags & ~R2X_GLOBAL_ALL)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "r2x_global_init: unknown flags %#x",
                         flags & ~R2X_GLOBAL_ALL);
    pthread_mutex_lock(&lock);
    int rc = R2X_OK;
    if (flags & R2X_GLOBAL_XML) {
        xmlInitParser();
        xml_guard_init();
    }
    if (flags & R2X_GLOBAL_CURL)
        rc = fetch_global_init(err);
    if (!rc) {
        inits++;
        done |= flags;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void r2x_global_cleanup(void)
{
    pthread_mutex_lock(&lock);
    if (inits && !--inits) {
        if (done & R2X_GLOBAL_CURL)
            fetch_global_cleanup();
        if (done & R2X_GLOBAL_XML) {
            xml_guard_cleanup();
            xsltCleanupGlobals();
            xmlCleanupParser();
        }
        done = 0;
    }
    pthread_mutex_unlock(&lock);
}

void r2x_free(void *p)
{
    free(p);
}
