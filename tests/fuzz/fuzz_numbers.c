/* fuzz_numbers.c - the cell figure parser: each line of the input is a cell. */
#include <string.h>

#include "fuzz.h"
#include "numbers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *e = s + size;
    /* the whole input as one cell, then each line: cells hold no newline */
    cell_reading r;
    number_read_cell(s, size, &r);
    text_is_blank(s, size);
    while (s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);
        if (number_read_cell(s, n, &r) == 0 && r.kind == CELL_NUMBER) {
            for (size_t i = 0; i < r.nfigures && i < CELL_MAX_FIGURES; i++) {
                char buf[R2X_DECIMAL_STRLEN];
                r2x_decimal_format(r.figures[i].value, buf);
            }
        }
        s += n + 1;
    }
    return 0;
}
