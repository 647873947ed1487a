/* xml_guard.c - see xml_guard.h */
#include "xml_guard.h"

#include <libxml/globals.h>
#include <string.h>

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
    return g->out_of_memory;
}
