/*
 * xml_guard.h - watch libxml2 for the errors it raises outside any parser
 * context, and for the allocations that fail in it, while a document is
 * parsed, built or read.
 *
 * libxml2 2.9 reports an allocation that failed while building the tree
 * (tree.c) to the global error handlers only: the parser context never
 * hears of it, and the tree is left with nodes or namespaces missing their
 * names.  A guard installs quiet handlers for the length of one parse, so
 * the failure is seen (and nothing is printed to stderr: the library never
 * prints), and restores the caller's handlers after.  (internal)
 */
#ifndef R2X_XML_GUARD_H
#define R2X_XML_GUARD_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

typedef struct xml_guard {
    xmlStructuredErrorFunc saved_structured;
    void *saved_structured_ctx;
    xmlGenericErrorFunc saved_generic;
    void *saved_generic_ctx;
    int out_of_memory;     /* a libxml2 allocation failed while guarded (at
                            * xml_guard_end: also one libxml2 kept quiet) */
    int errors;            /* any error raised while guarded, printf-style ones too */
    xmlParserCtxtPtr halt; /* see xml_guard_halt_on_out_of_memory */
    unsigned long failures_at_begin;
} xml_guard;

/* Put the counting allocator under libxml2, once (xml_guard_begin does it
 * when r2x_global_init has not); and take it away (r2x_global_cleanup). */
void xml_guard_init(void);
void xml_guard_cleanup(void);

void xml_guard_begin(xml_guard *g);
/* On the first allocation failure, point ctxt's input at NULs.  libxml2
 * 2.9's HTML parser puts itself in its end state after such a failure, where
 * xmlNextChar no longer advances, but many of its loops only stop at a NUL:
 * they would spin for ever.  (xmlHaltParser does the same, but frees the
 * input, which a parser function may still be reading.)  The input's own
 * buffer is left alone for libxml2 to free.  Set after the input is pushed;
 * it must not read more from its buffer (readcallback NULL). */
void xml_guard_halt_on_out_of_memory(xml_guard *g, xmlParserCtxtPtr ctxt);
/* True when e tells of an allocation that failed (not of a huge text node,
 * which libxml2 2.9 raises with the same code). */
int xml_error_is_out_of_memory(const xmlError *e);
/* Restores the handlers; returns g->out_of_memory. */
int xml_guard_end(xml_guard *g);

#endif
