/* xdt_dts.h - XBRL Dimensions 1.0: the taxonomy rules (xdt_dts.c).
 * (internal) */
#ifndef R2X_XDT_DTS_H
#define R2X_XDT_DTS_H

#include <stddef.h>

#include "dts.h"
#include "report.h"

/* The taxonomy rules (xbrldte:*) on the DTS's relationships: the ends of
 * the dimensional relationships, contextElement, DRS cycles, primary item
 * polymorphism, one default per dimension.  Findings to rp, their number to
 * *nerrors (if not NULL).  R2X_ENOMEM when the checks could not be made
 * whole. */
int xdt_check_taxonomy(const dts *d, reporter *rp, size_t *nerrors);

#endif
