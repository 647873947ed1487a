/* sniff.h - refuse, by what it is, a file that is not a release (internal;
 * r2x_sniff() is the public part). */
#ifndef R2X_SNIFF_H
#define R2X_SNIFF_H

#include <stddef.h>

#include "release2xbrl.h"

/* R2X_EINPUT naming what the data is and what to do with it when it cannot
 * be a release: a PDF in a build without the PDF reader, a Word document, an
 * image, an archive; with format R2X_INPUT_AUTO also an XBRL instance,
 * taxonomy or Inline XBRL document (which --input-format html still reads as
 * a release).  R2X_OK otherwise. */
int sniff_refuse(const char *name, const char *data, size_t len, int format, r2x_error *err);

#endif
