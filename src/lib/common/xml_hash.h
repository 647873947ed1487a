/*
 * xml_hash.h - a libxml2 hash table whose keys live in a dictionary of its
 * own.  Without one, libxml2 2.9 copies each key with xmlStrdup, which
 * prints "Memory allocation failed" to stderr when it fails (the library
 * never prints) and, before 2.12, still reports the entry added.  A failed
 * dictionary lookup is only a -1 from xmlHashAddEntry.  (internal)
 */
#ifndef R2X_XML_HASH_H
#define R2X_XML_HASH_H

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <libxml/hash.h>

static inline xmlHashTablePtr xml_hash_new(int size)
{
    xmlDictPtr dict = xmlDictCreate();
    xmlHashTablePtr h = dict ? xmlHashCreateDict(size, dict) : NULL;
    xmlDictFree(dict);          /* the table holds a reference of its own */
    return h;
}

#endif
