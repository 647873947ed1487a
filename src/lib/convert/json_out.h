/* json_out.h - JSON strings for the writers of JSON (internal). */
#ifndef R2X_JSON_OUT_H
#define R2X_JSON_OUT_H

#include <stdio.h>

/* s as a JSON string, quoted and escaped; NULL as null.  s is UTF-8. */
void json_string(FILE *fp, const char *s);

#endif
