/* xml_guard.c - see xml_guard.h */
#include "xml_guard.h"

#include <libxml/globals.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* libxml2's allocator, counted.  libxml2 2.9 drops some failed allocations
 * without a word: a namespace whose URI xmlDictLookup could not store is
 * left out of the tree, an attribute with it, and the parse succeeds.  So a
 * guard also counts libxml2's failed allocations in this thread.  The
 * allocator in place (the host's, if it set one) is called through; memory
 * it gave before stays its to free.  (The shared library is linked
 * -z nodelete: libxml2 keeps these pointers after a dlclose.) */
typedef struct allocator {
    xmlFreeFunc free;
    xmlMallocFunc malloc, malloc_atomic;
    xmlReallocFunc realloc;
    xmlStrdupFunc strdup;
} allocator;

static allocator base;
/* &base once it is filled: another thread may call a counted_* function as
 * soon as xmlGcMemSetup has run, and must see base whole */
static _Atomic(const allocator *) published;
static _Thread_local unsigned long allocation_failures;

static const allocator *base_allocator(void)
{
    const allocator *a;
    while (!(a = atomic_load_explicit(&published, memory_order_acquire)))
        ;                      /* stored before xmlGcMemSetup: at most a moment */
    return a;
}

static void *counted_malloc(size_t n)
{
    void *p = base_allocator()->malloc(n);
    allocation_failures += !p;
    return p;
}

static void *counted_malloc_atomic(size_t n)
{
    void *p = base_allocator()->malloc_atomic(n);
    allocation_failures += !p;
    return p;
}

static void *counted_realloc(void *old, size_t n)
{
    void *p = base_allocator()->realloc(old, n);
    allocation_failures += !p && n;
    return p;
}

static char *counted_strdup(const char *s)
{
    char *p = base_allocator()->strdup(s);
    allocation_failures += !p;
    return p;
}

static void count_allocations(void)
{
    if (xmlGcMemGet(&base.free, &base.malloc, &base.malloc_atomic, &base.realloc,
                    &base.strdup) == 0 &&
        base.free && base.malloc && base.malloc_atomic && base.realloc && base.strdup) {
        atomic_store_explicit(&published, &base, memory_order_release);
        xmlGcMemSetup(base.free, counted_malloc, counted_malloc_atomic, counted_realloc,
                      counted_strdup);
    }
}

/* Installed once, by r2x_global_init or by the first guard; removed by
 * r2x_global_cleanup, when libxml2 is no longer in use. */
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int installed;

void xml_guard_init(void)
{
    if (atomic_load_explicit(&installed, memory_order_acquire))
        return;
    pthread_mutex_lock(&install_lock);
    if (!atomic_load_explicit(&installed, memory_order_relaxed)) {
        count_allocations();
        atomic_store_explicit(&installed, 1, memory_order_release);
    }
    pthread_mutex_unlock(&install_lock);
}

void xml_guard_cleanup(void)
{
    pthread_mutex_lock(&install_lock);
    xmlFreeFunc f;
    xmlMallocFunc m, ma;
    xmlReallocFunc r;
    xmlStrdupFunc d;
    /* memory the counting functions gave is the base allocator's: it may
     * be freed through it directly */
    if (atomic_load_explicit(&installed, memory_order_relaxed) &&
        xmlGcMemGet(&f, &m, &ma, &r, &d) == 0 && m == counted_malloc)
        xmlGcMemSetup(base.free, base.malloc, base.malloc_atomic, base.realloc, base.strdup);
    atomic_store_explicit(&installed, 0, memory_order_release);
    pthread_mutex_unlock(&install_lock);
}

int xml_error_is_out_of_memory(const xmlError *e)
{
    /* libxml2 2.9 raises a text node over its 10 MB limit as a memory
     * error too: that one is the document's fault */
    return e && e->code == XML_ERR_NO_MEMORY &&
           !(e->message && strstr(e->message, "huge text node"));
}

static void guard_structured(void *ctx, xmlErrorPtr e)
{
    xml_guard *g = ctx;
    if (xml_error_is_out_of_memory(e)) {
        g->out_of_memory = 1;
        if (g->halt && g->halt->input) {
            /* several NULs: a parser inside a character steps on a few bytes */
            static const xmlChar halted[16];
            xmlParserInputPtr in = g->halt->input;
            in->base = in->cur = in->end = halted;
        }
    }
    if (e && e->level >= XML_ERR_ERROR)
        g->errors = 1;
}

static void guard_generic(void *ctx, const char *fmt, ...)
{
    xml_guard *g = ctx;    /* printf-style messages carry no code */
    (void)fmt;
    g->errors = 1;
}

void xml_guard_begin(xml_guard *g)
{
    xml_guard_init();
    g->failures_at_begin = allocation_failures;
    g->saved_structured = xmlStructuredError;
    g->saved_structured_ctx = xmlStructuredErrorContext;
    g->saved_generic = xmlGenericError;
    g->saved_generic_ctx = xmlGenericErrorContext;
    g->out_of_memory = 0;
    g->errors = 0;
    g->halt = NULL;
    xmlSetStructuredErrorFunc(g, guard_structured);
    xmlSetGenericErrorFunc(g, guard_generic);
}

void xml_guard_halt_on_out_of_memory(xml_guard *g, xmlParserCtxtPtr ctxt)
{
    g->halt = ctxt;
}

int xml_guard_end(xml_guard *g)
{
    xmlSetStructuredErrorFunc(g->saved_structured_ctx, g->saved_structured);
    xmlSetGenericErrorFunc(g->saved_generic_ctx, g->saved_generic);
    if (allocation_failures != g->failures_at_begin)
        g->out_of_memory = 1;
    return g->out_of_memory;
}
