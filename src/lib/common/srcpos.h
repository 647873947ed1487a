/*
 * srcpos.h - where each element of a parsed document starts in its source:
 * line and column of its '<'.  libxml2 2.9 keeps a 16-bit line in a node
 * and no column, and an instance extracted from Inline XBRL is a new tree
 * with no lines at all; so the parser is watched as it makes each element
 * and the position is kept beside the tree, keyed by node.  Findings then
 * name the line and column of the .htm element a fact came from.
 * (internal)
 */
#ifndef R2X_SRCPOS_H
#define R2X_SRCPOS_H

#include <libxml/parser.h>
#include <libxml/tree.h>

typedef struct srcpos {
    long line, column;         /* 1-based; 0 when unknown */
} srcpos;

typedef struct srcpos_map srcpos_map;

srcpos_map *srcpos_map_new(void);
void srcpos_map_free(srcpos_map *m);

/* Record that n starts at p; -1 when out of memory. */
int srcpos_set(srcpos_map *m, const xmlNode *n, srcpos p);
/* Where n starts, else where its nearest element ancestor with a known
 * position starts; m may be NULL: libxml2's line alone. */
srcpos srcpos_of(const srcpos_map *m, const xmlNode *n);

/* Parse data (len bytes, named url) as XML with the given libxml2 options
 * through ctxt (made by the caller, whose SAX handler and error handling
 * stay as set), recording in m where every element starts.  Returns the
 * document (NULL on failure, as xmlCtxtReadMemory); *oom set when m could
 * not take a position. */
xmlDocPtr srcpos_read_memory(xmlParserCtxtPtr ctxt, const char *data, int len, const char *url,
                             int options, srcpos_map *m, int *oom);

#endif
