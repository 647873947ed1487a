/* text.c - case-insensitive tests on text (text.h). */
#include <string.h>
#include <strings.h>

#include "text.h"

int text_contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; p && *p; p++)
        if (!strncasecmp(p, needle, n))
            return 1;
    return 0;
}

int text_starts_ci(const char *s, const char *prefix)
{
    return s && !strncasecmp(s, prefix, strlen(prefix));
}
