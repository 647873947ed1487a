/* srcpos.c - element positions recorded while libxml2 builds a tree. */
#include "srcpos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct slot {
    const xmlNode *node;
    srcpos pos;
} slot;

struct srcpos_map {
    slot *slots;
    size_t nslots, used;
};

srcpos_map *srcpos_map_new(void)
{
    return calloc(1, sizeof(srcpos_map));
}

void srcpos_map_free(srcpos_map *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static size_t slot_of(const srcpos_map *m, const xmlNode *n)
{
    uint64_t h = (uint64_t)(uintptr_t)n * 0x9e3779b97f4a7c15u;
    size_t mask = m->nslots - 1, i = (size_t)(h >> 17) & mask;
    while (m->slots[i].node && m->slots[i].node != n)
        i = (i + 1) & mask;
    return i;
}

int srcpos_set(srcpos_map *m, const xmlNode *n, srcpos p)
{
    if (2 * (m->used + 1) > m->nslots) {
        size_t ns = m->nslots ? 2 * m->nslots : 1024;
        srcpos_map bigger = {calloc(ns, sizeof(slot)), ns, m->used};
        if (!bigger.slots)
            return -1;
        for (size_t i = 0; i < m->nslots; i++)
            if (m->slots[i].node)
                bigger.slots[slot_of(&bigger, m->slots[i].node)] = m->slots[i];
        free(m->slots);
        *m = bigger;
    }
    size_t i = slot_of(m, n);
    if (!m->slots[i].node)
        m->used++;
    m->slots[i].node = n;
    m->slots[i].pos = p;
    return 0;
}

srcpos srcpos_of(const srcpos_map *m, const xmlNode *n)
{
    for (const xmlNode *e = n; m && m->nslots && e; e = e->parent) {
        const slot *s = &m->slots[slot_of(m, e)];
        if (s->node)
            return s->pos;
        if (e->type == XML_DOCUMENT_NODE)
            break;
    }
    srcpos p = {n ? xmlGetLineNo(n) : 0, 0};
    if (p.line < 0)
        p.line = 0;
    return p;
}

/* ---- recording ---------------------------------------------------------------- */

typedef struct recorder {
    srcpos_map *map;
    const unsigned char *data;
    size_t len;
    size_t at;                 /* the last element's '<', whose position is ... */
    srcpos at_pos;             /* ... this */
    startElementNsSAX2Func start;   /* the handler we stand in front of */
    int oom;
} recorder;

/* The recorder of the parse under way on this thread (the context's
 * _private is its owner's, for its error handler). */
static _Thread_local recorder *current;

/* Move the recorder's mark to offset to, counting lines and characters
 * (a UTF-8 sequence is one column; CR LF and lone CR end lines, as XML
 * reads them). */
static void advance(recorder *r, size_t to)
{
    for (size_t i = r->at; i < to; i++) {
        unsigned char c = r->data[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= r->len || r->data[i + 1] != '\n'))) {
            r->at_pos.line++;
            r->at_pos.column = 1;
        } else if (c != '\r' && (c & 0xc0) != 0x80) {
            r->at_pos.column++;
        }
    }
    r->at = to;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    recorder *r = current;
    r->start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
             nb_defaulted, attributes);
    /* the parser stands inside the start tag (its attributes read): its '<'
     * is the last one before, in the bytes as given.  The parser's own
     * offset counts them as it has converted them to UTF-8: the same bytes
     * for UTF-8 and ASCII (EDGAR's Inline XBRL declares ASCII); for other
     * encodings xmlByteConsumed converts back what is left of its buffer. */
    xmlParserInputPtr in = ctxt->input;
    xmlNodePtr n = ctxt->node;
    if (!n || r->oom || !in || !in->base || !in->cur)
        return;
    const xmlCharEncodingHandler *enc = in->buf ? in->buf->encoder : NULL;
    long end;
    if (!enc || (enc->name && (!strcasecmp(enc->name, "ASCII") ||
                               !strcasecmp(enc->name, "US-ASCII") ||
                               !strcasecmp(enc->name, "UTF-8"))))
        end = (long)in->consumed + (long)(in->cur - in->base);
    else
        end = xmlByteConsumed(ctxt);
    if (end < 0 || (size_t)end >= r->len)
        return;
    size_t lt = (size_t)end;
    while (lt > r->at && r->data[lt] != '<')
        lt--;
    if (r->data[lt] != '<' || lt < r->at)
        return;                /* not where we thought: leave the line to libxml2 */
    advance(r, lt);
    if (srcpos_set(r->map, n, r->at_pos))
        r->oom = 1;
}

xmlDocPtr srcpos_read_memory(xmlParserCtxtPtr ctxt, const char *data, int len, const char *url,
                             int options, srcpos_map *m, int *oom)
{
    recorder r;
    memset(&r, 0, sizeof r);
    r.map = m;
    r.data = (const unsigned char *)data;
    r.len = len > 0 ? (size_t)len : 0;
    r.at_pos.line = 1;
    r.at_pos.column = 1;
    r.start = ctxt->sax->startElementNs ? ctxt->sax->startElementNs : xmlSAX2StartElementNs;
    startElementNsSAX2Func saved = ctxt->sax->startElementNs;
    recorder *outer = current;
    current = &r;
    ctxt->sax->startElementNs = on_start;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, len, url, NULL, options);
    ctxt->sax->startElementNs = saved;
    current = outer;
    if (oom)
        *oom = r.oom;
    return doc;
}
