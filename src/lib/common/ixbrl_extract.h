/*
 * ixbrl_extract.h - an Inline XBRL 1.1 document -> its target XBRL 2.1
 * instance (internal; r2x_ixbrl_extract_file() is the public wrapper).
 */
#ifndef R2X_IXBRL_EXTRACT_H
#define R2X_IXBRL_EXTRACT_H

#include <libxml/tree.h>

#include "release2xbrl.h"
#include "srcpos.h"

/* Parse path as XML, never touching the network, loading no DTD and
 * substituting no entities; what is said after "not well-formed XML" in the
 * error (" (Inline XBRL must be XHTML)"), may be NULL.  *out belongs to the
 * caller (xmlFreeDoc). */
int xml_parse_file(const char *path, const char *what, xmlDocPtr *out, r2x_error *err);
/* The same from memory, path naming it in messages and as its base URL. */
int xml_parse_memory(const char *path, const char *what, const char *data, size_t len,
                     xmlDocPtr *out, r2x_error *err);
/* The same for an Inline XBRL document. */
int ixbrl_parse_file(const char *path, xmlDocPtr *out, r2x_error *err);
int ixbrl_parse_memory(const char *path, const char *data, size_t len, xmlDocPtr *out,
                       r2x_error *err);

/* The same, each element's line and column recorded in positions. */
int ixbrl_parse_file_mapped(const char *path, xmlDocPtr *out, srcpos_map *positions,
                            r2x_error *err);
int ixbrl_parse_memory_mapped(const char *path, const char *data, size_t len, xmlDocPtr *out,
                              srcpos_map *positions, r2x_error *err);

/* Build the target instance of the default target document of ix (name is
 * what messages call it).  Findings (an unknown format, text that does not
 * fit its format, a missing continuation) go to diag as errors, the fact
 * left out; counts to *nfacts / *nerrors (either may be NULL).  *out
 * belongs to the caller; each fact's node has the line of its ix element
 * (0 past line 65534). */
int ixbrl_extract(xmlDocPtr ix, const char *name, r2x_diag_fn diag, void *diag_userdata,
                  xmlDocPtr *out, size_t *nfacts, size_t *nerrors, r2x_error *err);

/* The same, findings at the input's elements' places in in_positions (may
 * be NULL), and each element of the instance recorded in out_positions (may
 * be NULL) at the place of the input element it came from. */
int ixbrl_extract_mapped(xmlDocPtr ix, const srcpos_map *in_positions, const char *name,
                         r2x_diag_fn diag, void *diag_userdata, xmlDocPtr *out,
                         srcpos_map *out_positions, size_t *nfacts, size_t *nerrors,
                         r2x_error *err);

/* One transformation: format is the QName's namespace and local name; the
 * value lexical form goes to out (size bytes).  0 done, -1 the text does not
 * fit the format, -2 the format is unknown.  Exposed for the unit tests. */
int ixbrl_transform(const char *ns, const char *local, const char *text, char *out,
                    size_t size);

/* Shift the decimal number text (digits, at most one '.') by scale powers
 * of ten and write it in canonical form with the sign: ("1,234" is not
 * accepted; "1234.5", 3, 1) -> "-1234500".  -1 when text is not a number. */
int ixbrl_scale(const char *text, int scale, int negative, char *out, size_t size);

#endif
