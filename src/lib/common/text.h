/* text.h - case-insensitive tests on NUL-terminated text, shared by the
 * stages that read labels (internal). */
#ifndef R2X_TEXT_H
#define R2X_TEXT_H

/* Does hay contain needle, ignoring ASCII case?  0 for a NULL hay. */
int text_contains_ci(const char *hay, const char *needle);
/* Does s start with prefix, ignoring ASCII case?  0 for a NULL s. */
int text_starts_ci(const char *s, const char *prefix);

#endif
