/* graph.c - directed cycles (see graph.h). */
#include <config.h>

#include <stdlib.h>

#include "graph.h"

/* Kahn's algorithm: peel the nodes with no incoming edge; the nodes left with
 * incoming edges are on a cycle or reached from one. */
int graph_directed_cycle(size_t nodes, const size_t *from, const size_t *to, size_t n,
                         size_t *edge)
{
    size_t *indeg = calloc(nodes + 1, sizeof *indeg);
    size_t *queue = malloc((nodes + 1) * sizeof *queue);
    size_t *start = calloc(nodes + 2, sizeof *start);   /* adjacency by from */
    size_t *adj = malloc((n + 1) * sizeof *adj);
    int cycle = -1;
    if (!indeg || !queue || !start || !adj)
        goto out;
    for (size_t i = 0; i < n; i++) {
        indeg[to[i]]++;
        start[from[i] + 2]++;
    }
    for (size_t k = 0; k < nodes; k++)
        start[k + 2] += start[k + 1];
    for (size_t i = 0; i < n; i++)
        adj[start[from[i] + 1]++] = to[i];
    size_t qh = 0, qt = 0;
    for (size_t k = 0; k < nodes; k++)
        if (!indeg[k])
            queue[qt++] = k;
    while (qh < qt) {
        size_t k = queue[qh++];
        for (size_t e = start[k]; e < start[k + 1]; e++)
            if (!--indeg[adj[e]])
                queue[qt++] = adj[e];
    }
    cycle = qt < nodes;
    if (cycle && edge)
        for (size_t i = 0; i < n; i++)
            if (indeg[to[i]] && indeg[from[i]]) {
                *edge = i;
                break;
            }
out:
    free(indeg);
    free(queue);
    free(start);
    free(adj);
    return cycle;
}
