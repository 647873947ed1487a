/*
 * xsd.h - the built-in datatypes of XML Schema 1.0 Part 2: their names,
 * lexical spaces, white space rules, lengths and order, as the type checks
 * of facts (typecheck.c), the instance reader (instance.c) and the DTS
 * reader need them.  Values are the text of a document: exact, never
 * through floating point except for float and double themselves.
 * (internal)
 */
#ifndef R2X_XSD_H
#define R2X_XSD_H

#include <stddef.h>

#define XSD_NAMESPACE "http://www.w3.org/2001/XMLSchema"

enum xsd_builtin {
    XSD_NONE = 0,
    XSD_ANYTYPE, XSD_ANYSIMPLETYPE,
    XSD_STRING, XSD_NORMALIZEDSTRING, XSD_TOKEN, XSD_LANGUAGE, XSD_NAME, XSD_NCNAME,
    XSD_ID, XSD_IDREF, XSD_IDREFS, XSD_ENTITY, XSD_ENTITIES, XSD_NMTOKEN, XSD_NMTOKENS,
    XSD_BOOLEAN, XSD_BASE64BINARY, XSD_HEXBINARY, XSD_FLOAT, XSD_DOUBLE,
    XSD_DECIMAL, XSD_INTEGER, XSD_NONPOSITIVEINTEGER, XSD_NEGATIVEINTEGER, XSD_LONG, XSD_INT,
    XSD_SHORT, XSD_BYTE, XSD_NONNEGATIVEINTEGER, XSD_UNSIGNEDLONG, XSD_UNSIGNEDINT,
    XSD_UNSIGNEDSHORT, XSD_UNSIGNEDBYTE, XSD_POSITIVEINTEGER,
    XSD_DURATION, XSD_DATETIME, XSD_TIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR, XSD_GMONTHDAY,
    XSD_GDAY, XSD_GMONTH, XSD_ANYURI, XSD_QNAME, XSD_NOTATION,
    XSD_COUNT
};

enum xsd_whitespace { XSD_WS_PRESERVE = 0, XSD_WS_REPLACE, XSD_WS_COLLAPSE };

/* The built-in named by the local name of an XML Schema type, XSD_NONE if none. */
int xsd_builtin_by_name(const char *local);
/* ... by "{http://www.w3.org/2001/XMLSchema}local". */
int xsd_builtin_by_key(const char *key);
const char *xsd_builtin_name(int b);
/* The primitive it is derived from (decimal for the integer kinds, string
 * for the string kinds...); itself for a primitive. */
int xsd_primitive(int b);
int xsd_builtin_whitespace(int b);
/* decimal and its integer kinds, float, double */
int xsd_is_numeric(int b);
/* IDREFS, ENTITIES, NMTOKENS: lists of IDREF, ENTITY, NMTOKEN */
int xsd_list_item(int b);

/* White space processing (replace or collapse) of s into a new string
 * (NULL when out of memory). */
char *xsd_whitespace_apply(const char *s, int ws);

/* Is v (white space already processed) in b's lexical space?  1 yes, 0
 * no; *why (when not NULL) then says what is wrong.  A QName's or
 * NOTATION's prefix is the caller's to resolve: only the form is checked
 * here. */
int xsd_lexical(int b, const char *v, const char **why);

/* Order of two values of one primitive (for min/max facets and
 * enumerations): <0, 0, >0; XSD_INCOMPARABLE when the values have no order
 * (durations, NaN) or do not parse. */
#define XSD_INCOMPARABLE 2
int xsd_compare(int primitive, const char *a, const char *b);

/* Length as the length facets count it: characters for strings and
 * anyURI, octets for hexBinary and base64Binary; -1 where length does not
 * apply. */
long xsd_length(int b, const char *v);

/* totalDigits and fractionDigits of a decimal's lexical form. */
void xsd_digits(const char *v, int *total, int *fraction);

/* ---- pieces the instance checks use directly ---------------------------------- */

int xsd_lex_decimal(const char *s);
/* An integer: 1, with *sign -1, 0 or 1. */
int xsd_lex_integer(const char *s, int *sign);
int xsd_lex_ncname(const char *s, size_t n);

typedef struct xsd_when {
    int y, mo, d, h, mi;
    double s;
    int has_time, has_tz;
    int tz_minutes;            /* offset east of UTC */
} xsd_when;

/* xs:date or xs:dateTime (want: 1 date, 2 dateTime, 3 either). */
int xsd_parse_when(const char *s, int want, xsd_when *w);
/* The point in time a date or dateTime stands for, as comparable text; an
 * end date with no time is the end of that day (XBRL 2.1 4.7.2). */
void xsd_when_key(const xsd_when *w, int is_end, char *buf, size_t size);
int xsd_days_in(int y, int m);

#endif
