/* profile.h - what the table stage asks of a profile beyond the public API
 * (internal). */
#ifndef R2X_PROFILE_H
#define R2X_PROFILE_H

#include "release2xbrl.h"

/* True when the fiscal year end was given (profile file, option) or
 * inferred, not the default 31 December. */
int profile_calendar_given(const r2x_profile *p);

#endif
