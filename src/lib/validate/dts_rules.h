/*
 * dts_rules.h - the XBRL 2.1 schema and linkbase rules of a DTS's own
 * documents (published taxonomies fetched over http(s) are taken as checked
 * by their publishers): roleType/arcroleType declarations and use, roleRef
 * and arcroleRef, item and tuple declarations, linkbaseRef roles, XLink arc
 * duplication, summation-item endpoints, arc cycles.  The rules observe the
 * DTS reader (dts_observer): made before dts_load, they keep what they need
 * of the elements they are shown and settle it in dts_rules_check.
 * (internal)
 */
#ifndef R2X_DTS_RULES_H
#define R2X_DTS_RULES_H

#include "dts.h"

typedef struct dts_rules dts_rules;

/* Rules watching d's reading from now on. */
int dts_rules_new(dts *d, dts_rules **out, r2x_error *err);
void dts_rules_free(dts_rules *ru);

/* After dts_load: the findings to rp (*nerrors, if not NULL: how many).
 * R2X_OK, or R2X_ENOMEM when an allocation failed and the checks are
 * incomplete. */
int dts_rules_check(dts_rules *ru, reporter *rp, size_t *nerrors);

#endif
