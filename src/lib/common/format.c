/* format.c - small formatters of the public types. */
#include <stdio.h>
#include <string.h>

#include "release2xbrl.h"

void r2x_date_format(r2x_date d, char *buf)
{
    /* clamp so that the text always fits its 11 bytes */
    unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u,
             dd = (unsigned)d.day % 100u;
    snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
}

void r2x_unit_format(const r2x_unit *u, char *buf)
{
    if (u->denominator[0])
        snprintf(buf, 40, "%s/%s", u->measure, u->denominator);
    else
        snprintf(buf, 40, "%s", u->measure);
}
