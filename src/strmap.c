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
