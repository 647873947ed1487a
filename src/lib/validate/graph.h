/*
 * graph.h - directed cycles in a graph of numbered nodes, for the arcrole
 * cycle rules of XBRL 2.1 (5.1.4.3) and XBRL Dimensions (DRS cycles).
 */
#ifndef R2X_GRAPH_H
#define R2X_GRAPH_H

#include <stddef.h>

/* Has the graph of nodes 0 .. nodes-1 and the n edges from[i] -> to[i] a
 * directed cycle?  1 yes (with *edge, when edge is not NULL, set to an edge
 * on or behind a cycle), 0 no, -1 out of memory.  Linear in nodes + n. */
int graph_directed_cycle(size_t nodes, const size_t *from, const size_t *to, size_t n,
                         size_t *edge);

#endif
