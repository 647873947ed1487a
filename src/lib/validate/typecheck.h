/*
 * typecheck.h - facts and other elements validated against the types the
 * DTS declares, without compiling the schema set: each type's derivation is
 * followed to an XML Schema built-in, and the facets met on the way
 * (enumeration, pattern, length, min/max, totalDigits, fractionDigits,
 * whiteSpace) are applied as they are met; unions and lists member by
 * member and item by item; complex content by its model group; attributes
 * by the attribute uses and wildcards of the type and its bases.
 * Patterns are XML Schema regular expressions, compiled once each with
 * libxml2's (xmlRegexpCompile).  Extensible enumerations (1.0 and 2.0)
 * check their values against their domain.  (internal)
 */
#ifndef R2X_TYPECHECK_H
#define R2X_TYPECHECK_H

#include <libxml/tree.h>

#include "dts.h"

enum {
    TYPECHECK_OOM = -1,
    TYPECHECK_VALID = 0,
    TYPECHECK_INVALID,         /* why says what is wrong */
    TYPECHECK_UNKNOWN          /* the type's derivation ends in a schema the DTS lacks */
};

typedef struct typecheck typecheck;

typecheck *typecheck_new(const dts *d);
void typecheck_free(typecheck *tc);

/* The value text (as written: white space is processed here) of an element
 * declared as c, against c's type; scope resolves QName prefixes.  why
 * (size bytes) says what is wrong when it is not valid. */
int typecheck_value(typecheck *tc, const dts_concept *c, const char *text, xmlNodePtr scope,
                    char *why, size_t size);

/* True once an allocation failed: what the functions above said since may
 * be wrong (a default not found, a type not resolved). */
int typecheck_failed(const typecheck *tc);

/* The rule code of the last INVALID of typecheck_value or
 * typecheck_element: xmlSchema:valueError, xmlSchema:elementUnexpected,
 * xmlSchema:elementOccurrencesError, xmlSchema:attributesExtraneous... */
const char *typecheck_code(const typecheck *tc);
/* The element the last INVALID of typecheck_element is about, when it is a
 * descendant of the one checked (a child out of place); else NULL. */
xmlNodePtr typecheck_where(const typecheck *tc);

/* Element n, declared as decl, whole: nil, value or content (its children
 * against the model group, each validated in turn unless children is 0:
 * a tuple's items are facts, checked as such), attributes. */
int typecheck_element(typecheck *tc, const dts_concept *decl, xmlNodePtr n, int children,
                      char *why, size_t size);

/* Each attribute of n (declared as c) against c's type's attribute uses and
 * wildcards; problems to fn: a not declared (kind TYPECHECK_ATTR_UNDECLARED),
 * a value not of its type (TYPECHECK_ATTR_VALUE, why), a required one
 * missing (TYPECHECK_ATTR_MISSING, name).  Attributes of the XML Schema
 * instance namespace are the caller's.  Returns TYPECHECK_UNKNOWN when the
 * type cannot be resolved (nothing checked), else VALID or OOM. */
enum { TYPECHECK_ATTR_UNDECLARED = 1, TYPECHECK_ATTR_VALUE, TYPECHECK_ATTR_MISSING };
typedef void (*typecheck_attr_fn)(void *userdata, xmlNodePtr n, int kind, const char *name,
                                  const char *why);
int typecheck_attributes(typecheck *tc, const dts_concept *c, xmlNodePtr n,
                         typecheck_attr_fn fn, void *userdata);

/* The built-in type of attribute a of an element declared as c, as c's
 * type (or a global declaration) declares it; -1 when not declared. */
int typecheck_attribute_builtin(typecheck *tc, const dts_concept *c, const xmlAttr *a);

/* The key of the type on which c's type derivation stops because its
 * schema is missing; NULL when c's type is known. */
const char *typecheck_unresolved(const dts *d, const dts_concept *c);

/* The default or fixed value c's type gives an absent unqualified
 * attribute (decimals, say), or NULL. */
const char *typecheck_attribute_default(typecheck *tc, const dts_concept *c, const char *name);

/* Extensible enumerations: is each value of an enumeration fact (text
 * collapsed) a usable member of its concept's domain?  VALID, INVALID (why:
 * the first value that is not; for sets also a repeated value or one out
 * of order, *code set to the rule), UNKNOWN (the domain's schema is
 * missing), OOM. */
int typecheck_enumeration(typecheck *tc, const dts_concept *c, const char *text, xmlNodePtr scope,
                          const char **code, char *why, size_t size);

#endif
