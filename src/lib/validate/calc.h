/* calc.h - duplicate facts, calculation consistency and essence-alias
 * (calc.c), over the facts validate.c reads.  (internal) */
#ifndef R2X_CALC_H
#define R2X_CALC_H

#include "dts.h"
#include "report.h"
#include "validate.h"

/* Duplicate facts (same concept, s-equal context, unit, language) at the top
 * level, as mode (enum r2x_duplicates_mode) says.  (Items repeated inside a
 * tuple are its content, not duplicates.) */
void check_duplicates(vfact *facts, size_t n, int mode, const vreporter *rep);

/* Summation-item consistency of every calculation network. */
int check_calculations(vfact *facts, size_t n, const dts *d, int mode,
                       const vreporter *rep);

/* essence-alias (XBRL 2.1 5.2.6.2.2): aliased concepts share type, periodType
 * and balance (returns the number of errors); aliased items in the same
 * context and parent share unit and value. */
size_t check_alias_concepts(const dts *d, reporter *rp);
int check_essence_alias(vfact *facts, size_t n, const dts *d, const vreporter *rep);

#endif
