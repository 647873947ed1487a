/* xdt_instance.h - XBRL Dimensions 1.0: the contexts and facts of an
 * instance (xdt_instance.c).  (internal) */
#ifndef R2X_XDT_INSTANCE_H
#define R2X_XDT_INSTANCE_H

#include "dts.h"
#include "validate.h"

/* XBRL Dimensions 1.0 validity of the contexts and facts (xdt_instance.c).
 * Dimensions and members whose namespace's schema could not be had are not
 * judged: their number goes to *unjudged.  R2X_OK, or R2X_ENOMEM when the
 * checks could not be made whole. */
int xdt_check_instance(vfact *facts, size_t n, vcontext *const *contexts, size_t ncontexts,
                       const dts *d, const vreporter *rep, size_t *unjudged);

#endif
