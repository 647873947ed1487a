/*
 * xsdre.h - XML Schema regular expressions (Part 2, appendix F), compiled
 * to a Thompson automaton and matched against a whole value in time linear
 * in its length.  Our own, not libxml2's xmlRegexpCompile: libxml2 2.9's
 * crashes when an allocation fails inside it, and a validator must end "out
 * of memory" instead.  Character classes are exact for ASCII; Unicode
 * categories and blocks beyond it are approximated (a letter category takes
 * every character beyond ASCII that is not punctuation or space).
 * (internal)
 */
#ifndef R2X_XSDRE_H
#define R2X_XSDRE_H

typedef struct xsd_regex xsd_regex;

enum { XSDRE_OK = 0, XSDRE_SYNTAX, XSDRE_TOO_LARGE, XSDRE_OOM };

/* Compile pattern; NULL with *status (XSDRE_SYNTAX: not an XML Schema
 * pattern; XSDRE_TOO_LARGE: counted repetitions beyond what is expanded;
 * XSDRE_OOM). */
xsd_regex *xsd_regex_compile(const char *pattern, int *status);
void xsd_regex_free(xsd_regex *re);

/* Does the whole of s (UTF-8) match?  1 yes, 0 no, -1 out of memory. */
int xsd_regex_match(const xsd_regex *re, const char *s);

#endif
