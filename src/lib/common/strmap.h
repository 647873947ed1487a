/*
 * strmap.h - a string -> pointer map, open addressing (internal).  libxml2
 * 2.9's hash tables copy every key and grow slowly: loading the 18,000
 * concepts of a taxonomy release through one took 20 ms, through this 1.
 * Keys are not copied: they must outlive the map.
 */
#ifndef R2X_STRMAP_H
#define R2X_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

/* Eight bytes a step: interning (dts.c) and dictionary loads are hot loops. */
static inline uint64_t strmap_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15u ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
    return h ^ (h >> 29);
}

typedef struct strmap_slot {
    const char *key;          /* NULL: empty */
    size_t len;
    void *value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t nslots;            /* 0 or a power of two */
    size_t count;
} strmap;

void strmap_init(strmap *m);
void strmap_release(strmap *m);
/* Room for n keys in all without growing: R2X_OK or R2X_ENOMEM. */
int strmap_reserve(strmap *m, size_t n) R2X_WARN_UNUSED;
void *strmap_get(const strmap *m, const char *key);
void *strmap_getn(const strmap *m, const char *key, size_t len);
/* Values are never NULL (a NULL from strmap_get means "absent").
 * Add key -> value unless the key is there: R2X_OK (*existing, if given,
 * NULL: added; else the value already there, the map unchanged) or
 * R2X_ENOMEM.  key must stay valid and unchanged while the map lives. */
int strmap_put(strmap *m, const char *key, void *value, void **existing) R2X_WARN_UNUSED;
/* The same with the key's length given: the key need not end in a NUL. */
int strmap_putn(strmap *m, const char *key, size_t len, void *value,
                void **existing) R2X_WARN_UNUSED;

/* A pool of NUL-terminated strings copied into large blocks, freed together:
 * the names and labels a table keeps of the file it was read from. */
typedef struct strpool {
    r2x_buf blocks;           /* char*[], owned */
    char *at;                 /* where the next string goes */
    size_t left;
} strpool;

void strpool_init(strpool *p);
void strpool_release(strpool *p);
/* A copy of the n bytes at s, NUL-terminated; NULL if out of memory. */
const char *strpool_add(strpool *p, const char *s, size_t n);

#endif
