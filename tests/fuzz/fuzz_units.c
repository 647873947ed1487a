/* fuzz_units.c - unit and scale phrases: each line of the input is scanned
 * as a heading (unit_scan) and read as a row label (unit_from_label). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    for (char *line = text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        unit_phrase up[8];
        size_t n = unit_scan(line, up, 8);
        for (size_t i = 0; i < n; i++) {
            char buf[40];
            r2x_unit_format(&up[i].unit, buf);
        }
        label_unit lu;
        unit_from_label(line, &lu);
        size_t len;
        unit_currency_at(line, &len);
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return 0;
}
