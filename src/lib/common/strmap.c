/* strmap.c - a string -> pointer map, open addressing with linear probing. */
#include "strmap.h"

#include <stdlib.h>

#include "release2xbrl.h"

void strmap_init(strmap *m)
{
    m->slots = NULL;
    m->nslots = m->count = 0;
}

void strmap_release(strmap *m)
{
    free(m->slots);
    strmap_init(m);
}

static size_t slot_of(const strmap_slot *slots, size_t nslots, const char *key, size_t len)
{
    size_t mask = nslots - 1, i = (size_t)strmap_hash(key, len) & mask;
    while (slots[i].key && (slots[i].len != len || memcmp(slots[i].key, key, len)))
        i = (i + 1) & mask;
    return i;
}

int strmap_reserve(strmap *m, size_t n)
{
    size_t want = 64;
    while (want < n + n / 2 + 1)       /* at most two thirds full */
        want *= 2;
    if (want <= m->nslots)
        return R2X_OK;
    strmap_slot *slots = calloc(want, sizeof *slots);
    if (!slots)
        return R2X_ENOMEM;
    for (size_t i = 0; i < m->nslots; i++)
        if (m->slots[i].key)
            slots[slot_of(slots, want, m->slots[i].key, m->slots[i].len)] = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->nslots = want;
    return R2X_OK;
}

void *strmap_getn(const strmap *m, const char *key, size_t len)
{
    if (!m->nslots)
        return NULL;
    return m->slots[slot_of(m->slots, m->nslots, key, len)].value;
}

void *strmap_get(const strmap *m, const char *key)
{
    return strmap_getn(m, key, strlen(key));
}

int strmap_put(strmap *m, const char *key, void *value, void **existing)
{
    return strmap_putn(m, key, strlen(key), value, existing);
}

int strmap_putn(strmap *m, const char *key, size_t len, void *value, void **existing)
{
    if (existing)
        *existing = NULL;
    if (strmap_reserve(m, m->count + 1))
        return R2X_ENOMEM;
    strmap_slot *s = &m->slots[slot_of(m->slots, m->nslots, key, len)];
    if (s->key) {
        if (existing)
            *existing = s->value;
        return R2X_OK;
    }
    s->key = key;
    s->len = len;
    s->value = value;
    m->count++;
    return R2X_OK;
}

#define STRPOOL_BLOCK ((size_t)256 << 10)

void strpool_init(strpool *p)
{
    buf_init(&p->blocks, R2X_BUF_NOCAP);
    p->at = NULL;
    p->left = 0;
}

void strpool_release(strpool *p)
{
    char **b = (char **)(void *)p->blocks.data;
    for (size_t i = 0; i < p->blocks.len / sizeof *b; i++)
        free(b[i]);
    buf_release(&p->blocks);
    p->at = NULL;
    p->left = 0;
}

const char *strpool_add(strpool *p, const char *s, size_t n)
{
    if (n + 1 > p->left) {
        size_t size = n + 1 > STRPOOL_BLOCK ? n + 1 : STRPOOL_BLOCK;
        char *block = malloc(size);
        if (!block || buf_add(&p->blocks, &block, sizeof block)) {
            free(block);
            return NULL;
        }
        p->at = block;
        p->left = size;
    }
    char *copy = p->at;
    memcpy(copy, s, n);
    copy[n] = '\0';
    p->at += n + 1;
    p->left -= n + 1;
    return copy;
}
