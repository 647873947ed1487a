/*
 * ligatures.h - the letters of "fi", "fl" and "ff" ligatures, kept or lost
 * by text extraction (internal).
 */
#ifndef R2X_LIGATURES_H
#define R2X_LIGATURES_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..n) to out with the ligature characters U+FB00..U+FB06
 * written as their letters ("\xEF\xAC\x81" -> "fi") and the ligatures a
 * PDF's text extraction dropped put back where that makes a word of the
 * statements' vocabulary out of fragments ("Gross pro t" -> "Gross
 * profit", "Cash ows from nancing" -> "Cash flows from financing").  No
 * terminating NUL.  R2X_OK or R2X_ENOMEM. */
int ligatures_copy(r2x_buf *out, const char *s, size_t n);

#endif
