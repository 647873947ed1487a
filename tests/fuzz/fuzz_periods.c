/* fuzz_periods.c - the heading/period parser.  Each line of the input is a
 * heading line; phrases on one line inherit from the line above (stacked
 * headings) and damaged ones are mended from a resolved sibling, as the table
 * stage does.  The first byte picks the fiscal calendar. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "periods.h"

#define MAXP 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const r2x_fiscal_calendar cals[4] = {
        {12, 31, R2X_FY_NAMED_BY_END}, {3, 31, R2X_FY_NAMED_BY_START},
        {9, 30, R2X_FY_NAMED_BY_END}, {2, 29, R2X_FY_NAMED_BY_START},
    };
    if (!size)
        return 0;
    const r2x_fiscal_calendar *cal = &cals[data[0] & 3];
    char *text = fuzz_cstring(data + 1, size - 1);
    if (!text)
        return 0;
    period_phrase above[MAXP], here[MAXP];
    size_t nabove = 0;
    char *line = text;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t n = period_scan(line, cal, here, MAXP);
        for (size_t i = 0; i < n; i++) {
            if (i < nabove)
                period_inherit(&here[i], &above[i], cal);
            if (here[i].period.kind == R2X_PERIOD_NONE)
                for (size_t j = 0; j < n; j++)
                    if (j != i && here[j].period.kind != R2X_PERIOD_NONE) {
                        period_repair_from_sibling(&here[i], line + here[i].start, &here[j]);
                        break;
                    }
        }
        memcpy(above, here, n * sizeof *here);
        nabove = n;
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return 0;
}
