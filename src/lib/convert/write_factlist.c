/*
 * write_factlist.c - the facts of an instance as a table or JSON.
 *
 * The table is for reading: columns padded to their widest cell (a long
 * text value cut at 60 characters, its line breaks made spaces), "-" where
 * a fact has nothing.  JSON gives everything whole.
 */
#include "write_factlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_out.h"

#define MAX_VALUE_CHARS 60

enum { COL_CONCEPT, COL_PERIOD, COL_DIMENSIONS, COL_UNIT, COL_VALUE, COL_DECIMALS, COL_LINE,
       NCOLS };
static const char *const headings[NCOLS] = {"concept", "period", "dimensions", "unit",
                                            "value", "decimals", "line"};

/* Characters of UTF-8 text (continuation bytes not counted). */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The cells of fact i, each into its own buffer. */
static int cells(const xfacts *x, const xfact *f, r2x_buf *c)
{
    for (int k = 0; k < NCOLS; k++)
        buf_reset(&c[k]);
    int rc = buf_adds(&c[COL_CONCEPT], f->concept);
    if (f->period == XFACT_INSTANT && f->end)
        rc = rc ? rc : buf_adds(&c[COL_PERIOD], f->end);
    else if (f->period == XFACT_DURATION && f->start && f->end)
        rc = rc ? rc : buf_addf(&c[COL_PERIOD], "%s..%s", f->start, f->end);
    else
        rc = rc ? rc : buf_adds(&c[COL_PERIOD], f->period == XFACT_FOREVER ? "forever" : "-");
    for (size_t d = 0; d < f->ndims && !rc; d++) {
        const xdim *dim = xfacts_dim(x, f->first_dim + d);
        rc = buf_addf(&c[COL_DIMENSIONS], "%s%s=%s", d ? ", " : "", dim->axis,
                      dim->nil ? "(nil)" : dim->value);
    }
    if (!f->ndims && !rc)
        rc = buf_adds(&c[COL_DIMENSIONS], "-");
    rc = rc ? rc : buf_adds(&c[COL_UNIT], f->numeric ? f->unit_measures : "-");
    if (!f->value) {
        rc = rc ? rc : buf_adds(&c[COL_VALUE], "(nil)");
    } else {
        size_t chars = 0;
        for (const char *p = f->value; *p && !rc; p++) {
            if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > MAX_VALUE_CHARS) {
                rc = buf_adds(&c[COL_VALUE], "...");
                break;
            }
            rc = buf_addc(&c[COL_VALUE], *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
        }
    }
    if (f->decimals || !f->precision)
        rc = rc ? rc : buf_adds(&c[COL_DECIMALS], f->decimals ? f->decimals : "-");
    else
        rc = rc ? rc : buf_addf(&c[COL_DECIMALS], "precision %s", f->precision);
    if (f->line > 0)
        rc = rc ? rc : buf_addf(&c[COL_LINE], "%ld", f->line);
    else
        rc = rc ? rc : buf_adds(&c[COL_LINE], "-");
    return rc;
}

static int write_table(FILE *fp, const xfacts *x)
{
    r2x_buf c[NCOLS];
    size_t widths[NCOLS];
    for (int k = 0; k < NCOLS; k++) {
        buf_init(&c[k], R2X_BUF_NOCAP);
        widths[k] = strlen(headings[k]);
    }
    int rc = R2X_OK;
    for (size_t i = 0; i < xfacts_count(x) && !rc; i++) {
        rc = cells(x, xfacts_at(x, i), c);
        for (int k = 0; k < NCOLS && !rc; k++)
            if (width(c[k].data) > widths[k])
                widths[k] = width(c[k].data);
    }
    for (int k = 0; k < NCOLS && !rc; k++)
        fprintf(fp, "%s%-*s", k ? "  " : "", k + 1 < NCOLS ? (int)widths[k] : 0, headings[k]);
    if (!rc)
        fputc('\n', fp);
    for (size_t i = 0; i < xfacts_count(x) && !rc; i++) {
        rc = cells(x, xfacts_at(x, i), c);
        for (int k = 0; k < NCOLS && !rc; k++) {
            fprintf(fp, "%s%s", k ? "  " : "", c[k].data);
            if (k + 1 < NCOLS)
                for (size_t w = width(c[k].data); w < widths[k]; w++)
                    fputc(' ', fp);
        }
        fputc('\n', fp);
    }
    for (int k = 0; k < NCOLS; k++)
        buf_release(&c[k]);
    return rc;
}

static void write_json(FILE *fp, const xfacts *x, const char *source)
{
    fputs("{\n  \"source\": ", fp);
    json_string(fp, source);
    fputs(",\n  \"namespaces\": {", fp);
    for (size_t i = 0; i < xfacts_namespace_count(x); i++) {
        const char *prefix;
        const char *uri = xfacts_namespace(x, i, &prefix);
        fprintf(fp, "%s\n    ", i ? "," : "");
        json_string(fp, prefix);
        fputs(": ", fp);
        json_string(fp, uri);
    }
    fputs("\n  },\n  \"facts\": [", fp);
    for (size_t i = 0; i < xfacts_count(x); i++) {
        const xfact *f = xfacts_at(x, i);
        fprintf(fp, "%s\n    {\"concept\": ", i ? "," : "");
        json_string(fp, f->concept);
        if (f->id) {
            fputs(", \"id\": ", fp);
            json_string(fp, f->id);
        }
        fputs(", \"context\": ", fp);
        json_string(fp, f->context_id);
        fputs(", \"entity\": ", fp);
        json_string(fp, f->entity);
        fputs(", \"period\": ", fp);
        if (f->period == XFACT_INSTANT && f->end) {
            fputs("{\"instant\": ", fp);
            json_string(fp, f->end);
            fputc('}', fp);
        } else if (f->period == XFACT_DURATION && f->start && f->end) {
            fputs("{\"start\": ", fp);
            json_string(fp, f->start);
            fputs(", \"end\": ", fp);
            json_string(fp, f->end);
            fputc('}', fp);
        } else {
            fputs(f->period == XFACT_FOREVER ? "{\"forever\": true}" : "null", fp);
        }
        fputs(", \"dimensions\": {", fp);
        for (size_t d = 0; d < f->ndims; d++) {
            const xdim *dim = xfacts_dim(x, f->first_dim + d);
            fputs(d ? ", " : "", fp);
            json_string(fp, dim->axis);
            fputs(": ", fp);
            json_string(fp, dim->value);
        }
        fputs("}, \"unit\": ", fp);
        json_string(fp, f->numeric ? f->unit : NULL);
        fputs(", \"value\": ", fp);
        json_string(fp, f->value);
        fputs(", \"decimals\": ", fp);
        json_string(fp, f->decimals);
        if (f->precision) {
            fputs(", \"precision\": ", fp);
            json_string(fp, f->precision);
        }
        if (f->line > 0)
            fprintf(fp, ", \"line\": %ld}", f->line);
        else
            fputs(", \"line\": null}", fp);
    }
    fputs("\n  ]\n}\n", fp);
}

int factlist_write(const xfacts *x, const char *source, int json, const char *path,
                   r2x_error *err)
{
    r2x_output *out;
    int rc = output_open(path, &out, err);
    if (rc)
        return rc;
    if (json) {
        write_json(output_stream(out), x, source);
    } else if ((rc = write_table(output_stream(out), x))) {
        output_abort(out);
        return r2xi_fail(err, rc, NULL, 0, "out of memory");
    }
    return output_commit(out, err);
}
