/* profile.h - what the library knows of a profile beyond the public API
 * (internal). */
#ifndef R2X_PROFILE_H
#define R2X_PROFILE_H

#include <stddef.h>

#include "release2xbrl.h"

/* True when the fiscal year end was given (profile file, option) or
 * inferred, not the default 31 December. */
int profile_calendar_given(const r2x_profile *p);
/* True when r2x_profile_infer found no fiscal year end and the release's
 * periods do not fit a calendar year: no fiscal year is claimed. */
int profile_year_end_unknown(const r2x_profile *p);
/* True when key was set by the caller (r2x_profile_set, an option), not
 * read from the profile file. */
int profile_key_given(const r2x_profile *p, const char *key);
/* The file the profile was read from; NULL for a default profile. */
const char *profile_path(const r2x_profile *p);
/* The company the release names most often with a legal form ("Sears,
 * Roebuck and Co.", "TIME WARNER INC.") into out: 1 found (*where its first
 * byte offset in the text, *times how often), 0 none, -1 out of memory. */
int profile_infer_entity_name(const r2x_document *doc, char *out, size_t size, size_t *where,
                              size_t *times);

#endif
