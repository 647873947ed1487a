/*
 * write_oim.c - xBRL-JSON and xBRL-CSV (XBRL International's Open
 * Information Model, 1.0 Recommendations of 2021) from the facts of an
 * instance.
 */
#include "write_oim.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_out.h"
#include "strmap.h"
#include "vdec.h"

#define DOC_JSON "https://xbrl.org/2021/xbrl-json"
#define DOC_CSV "https://xbrl.org/2021/xbrl-csv"

/* ---- What OIM can carry ------------------------------------------------------ */

static int check_carried(const xfacts *x, const char *name, r2x_diag_fn diag, void *ud,
                         const char *format, r2x_error *err)
{
    if (xfacts_tuples(x))
        return r2xi_fail(err, R2X_EINPUT, name, 0, "the instance has %zu tuples, which %s "
                        "cannot carry", xfacts_tuples(x), format);
    for (size_t i = 0; i < xfacts_count(x); i++) {
        const xfact *f = xfacts_at(x, i);
        if (f->other_content)
            return r2xi_fail(err, R2X_EINPUT, name, f->line, "context '%s' holds segment or "
                            "scenario content other than dimensions, which %s cannot carry",
                            f->context_id, format);
        if (f->numeric && !f->decimals && f->precision && !strcmp(f->precision, "0"))
            return r2xi_fail(err, R2X_EINPUT, name, f->line, "%s has precision 0, which %s "
                            "cannot carry", f->concept, format);
    }
    if (xfacts_footnote_links(x))
        r2xi_diag(diag, ud, R2X_SEV_WARNING, R2X_OK, name, 0, 0, "the instance's footnotes "
                 "(%zu footnote links) are not carried into %s", xfacts_footnote_links(x),
                 format);
    return R2X_OK;
}

/* The decimals OIM writes: as given, from the precision, or none (INF, a
 * non-numeric fact, a nil one).  0: none. */
static int oim_decimals(const xfact *f, char *out, size_t size)
{
    out[0] = '\0';
    if (!f->numeric || !f->value)
        return 0;
    if (f->decimals) {
        if (!strcmp(f->decimals, "INF"))
            return 0;
        snprintf(out, size, "%d", atoi(f->decimals));
        return 1;
    }
    if (f->precision && strcmp(f->precision, "INF")) {
        vdec v = vdec_parse(f->value);
        if (!v.ok)
            return 0;
        snprintf(out, size, "%d", vdec_decimals_from_precision(v, atoi(f->precision)));
        return 1;
    }
    return 0;
}

/* "2009-04-01T00:00:00/2009-10-01T00:00:00", "2009-10-01T00:00:00"; "" for
 * forever (no period dimension). */
static void oim_period(const xfact *f, char *out, size_t size)
{
    char a[48], b[48];
    out[0] = '\0';
    if (f->period == XFACT_INSTANT && f->end) {
        xfacts_oim_datetime(f->end, 1, out, size);
    } else if (f->period == XFACT_DURATION && f->start && f->end) {
        xfacts_oim_datetime(f->start, 0, a, sizeof a);
        xfacts_oim_datetime(f->end, 1, b, sizeof b);
        snprintf(out, size, "%s/%s", a, b);
    }
}

/* Each fact's id: its own, else "f" and its number, made unique. */
typedef struct fact_ids {
    char **ids;
    size_t n;
} fact_ids;

static void fact_ids_free(fact_ids *ids)
{
    for (size_t i = 0; ids->ids && i < ids->n; i++)
        free(ids->ids[i]);
    free(ids->ids);
}

static int fact_ids_make(const xfacts *x, fact_ids *out)
{
    out->n = xfacts_count(x);
    out->ids = calloc(out->n ? out->n : 1, sizeof *out->ids);
    strmap taken, given;
    strmap_init(&taken);
    strmap_init(&given);
    int rc = out->ids ? R2X_OK : R2X_ENOMEM;
    for (size_t i = 0; i < out->n && !rc; i++)
        if (xfacts_at(x, i)->id && strmap_put(&taken, xfacts_at(x, i)->id, (void *)1, NULL))
            rc = R2X_ENOMEM;
    for (size_t i = 0; i < out->n && !rc; i++) {
        char made[40];
        size_t k = i + 1;
        const char *id = xfacts_at(x, i)->id;
        if (!id || strmap_get(&given, id)) {
            do
                snprintf(made, sizeof made, "f%zu", k++);
            while (strmap_get(&taken, made) || strmap_get(&given, made));
            id = made;
        }
        out->ids[i] = r2xi_strdup(id);
        if (!out->ids[i] || strmap_put(&given, out->ids[i], (void *)1, NULL))
            rc = R2X_ENOMEM;
    }
    strmap_release(&taken);
    strmap_release(&given);
    if (rc) {
        fact_ids_free(out);
        out->ids = NULL;
    }
    return rc;
}

static void write_document_info(FILE *fp, const xfacts *x, const char *type, const char *indent)
{
    fprintf(fp, "%s\"documentInfo\": {\n%s  \"documentType\": ", indent, indent);
    json_string(fp, type);
    fprintf(fp, ",\n%s  \"namespaces\": {", indent);
    for (size_t i = 0; i < xfacts_namespace_count(x); i++) {
        const char *prefix;
        const char *uri = xfacts_namespace(x, i, &prefix);
        fprintf(fp, "%s\n%s    ", i ? "," : "", indent);
        json_string(fp, prefix);
        fputs(": ", fp);
        json_string(fp, uri);
    }
    fprintf(fp, "\n%s  },\n%s  \"taxonomy\": [", indent, indent);
    for (size_t i = 0; i < xfacts_taxonomy_count(x); i++) {
        fprintf(fp, "%s\n%s    ", i ? "," : "", indent);
        json_string(fp, xfacts_taxonomy(x, i));
    }
    fprintf(fp, "\n%s  ]\n%s}", indent, indent);
}

static int finish(r2x_output *out, r2x_output **deferred, r2x_error *err)
{
    if (deferred) {
        *deferred = out;
        return R2X_OK;
    }
    return output_commit(out, err);
}

/* ---- xBRL-JSON ---------------------------------------------------------------- */

int oim_write_json(const xfacts *x, const char *name, const char *path, r2x_diag_fn diag,
                   void *diag_userdata, r2x_output **deferred, r2x_error *err)
{
    int rc = check_carried(x, name, diag, diag_userdata, "xBRL-JSON", err);
    fact_ids ids;
    if (!rc && (rc = fact_ids_make(x, &ids)))
        return r2xi_fail(err, rc, NULL, 0, "out of memory");
    if (rc)
        return rc;
    r2x_output *out;
    if ((rc = output_open(path, &out, err))) {
        fact_ids_free(&ids);
        return rc;
    }
    FILE *fp = output_stream(out);
    fputs("{\n", fp);
    write_document_info(fp, x, DOC_JSON, "  ");
    fputs(",\n  \"facts\": {", fp);
    for (size_t i = 0; i < xfacts_count(x); i++) {
        const xfact *f = xfacts_at(x, i);
        char dec[16], period[100];
        fprintf(fp, "%s\n    ", i ? "," : "");
        json_string(fp, ids.ids[i]);
        fputs(": {\n      \"value\": ", fp);
        json_string(fp, f->value);
        if (oim_decimals(f, dec, sizeof dec))
            fprintf(fp, ",\n      \"decimals\": %s", dec);
        fputs(",\n      \"dimensions\": {\n        \"concept\": ", fp);
        json_string(fp, f->concept);
        if (f->entity) {
            fputs(",\n        \"entity\": ", fp);
            json_string(fp, f->entity);
        }
        oim_period(f, period, sizeof period);
        if (period[0]) {
            fputs(",\n        \"period\": ", fp);
            json_string(fp, period);
        }
        if (f->unit && strcmp(f->unit, "xbrli:pure")) {
            fputs(",\n        \"unit\": ", fp);
            json_string(fp, f->unit);
        }
        for (size_t d = 0; d < f->ndims; d++) {
            const xdim *dim = xfacts_dim(x, f->first_dim + d);
            fputs(",\n        ", fp);
            json_string(fp, dim->axis);
            fputs(": ", fp);
            json_string(fp, dim->value);
        }
        fputs("\n      }\n    }", fp);
    }
    fputs("\n  }\n}\n", fp);
    fact_ids_free(&ids);
    return finish(out, deferred, err);
}

/* ---- xBRL-CSV ------------------------------------------------------------------ */

int oim_csv_metadata_path(const char *csv_path, char *out, size_t size)
{
    size_t n = strlen(csv_path);
    if (n > 4 && !strcmp(csv_path + n - 4, ".csv"))
        n -= 4;
    return snprintf(out, size, "%.*s-metadata.json", (int)n, csv_path) < (int)size;
}

/* A cell: quoted when it holds a comma, quote or line break (RFC 4180); a
 * value xBRL-CSV would read as special ("#..." or empty) escaped. */
static void csv_cell(FILE *fp, const char *s, int is_value)
{
    if (!s)
        return;
    if (is_value && !*s) {
        fputs("#empty", fp);
        return;
    }
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', fp);
    if (is_value && s[0] == '#')
        fputc('#', fp);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    if (quote)
        fputc('"', fp);
}

/* The dimension columns: every axis any fact has, in order of first use;
 * their column names ("us-gaap_SegmentAxis") are identifiers. */
static int csv_axes(const xfacts *x, r2x_buf *axes)
{
    strmap seen;
    strmap_init(&seen);
    int rc = R2X_OK;
    for (size_t i = 0; i < xfacts_count(x) && !rc; i++) {
        const xfact *f = xfacts_at(x, i);
        for (size_t d = 0; d < f->ndims && !rc; d++) {
            const char *axis = xfacts_dim(x, f->first_dim + d)->axis;
            if (strmap_get(&seen, axis))
                continue;
            if (strmap_put(&seen, axis, (void *)1, NULL) || buf_add(axes, &axis, sizeof axis))
                rc = R2X_ENOMEM;
        }
    }
    strmap_release(&seen);
    return rc;
}

static void column_name(const char *axis, char *out, size_t size)
{
    snprintf(out, size, "%s", axis);
    char *colon = strchr(out, ':');
    if (colon)
        *colon = '_';
}

static void write_csv_metadata(FILE *fp, const xfacts *x, const char *const *axes,
                               size_t naxes, const char *table_url)
{
    static const char *const core[] = {"concept", "entity", "period", "unit"};
    char col[300];
    fputs("{\n", fp);
    write_document_info(fp, x, DOC_CSV, "  ");
    fputs(",\n  \"tableTemplates\": {\n    \"facts\": {\n      \"rowIdColumn\": \"id\",\n"
          "      \"dimensions\": {", fp);
    for (size_t i = 0; i < 4; i++)
        fprintf(fp, "%s\n        \"%s\": \"$%s\"", i ? "," : "", core[i], core[i]);
    for (size_t i = 0; i < naxes; i++) {
        column_name(axes[i], col, sizeof col);
        fputs(",\n        ", fp);
        json_string(fp, axes[i]);
        fprintf(fp, ": \"$%s\"", col);
    }
    fputs("\n      },\n      \"decimals\": \"$decimals\",\n      \"columns\": {\n"
          "        \"id\": {},\n", fp);
    for (size_t i = 0; i < 4; i++)
        fprintf(fp, "        \"%s\": {},\n", core[i]);
    for (size_t i = 0; i < naxes; i++) {
        column_name(axes[i], col, sizeof col);
        fputs("        ", fp);
        json_string(fp, col);
        fputs(": {},\n", fp);
    }
    fputs("        \"decimals\": {},\n        \"value\": {\n          \"dimensions\": {}\n"
          "        }\n      }\n    }\n  },\n  \"tables\": {\n    \"facts\": {\n"
          "      \"template\": \"facts\",\n      \"url\": ", fp);
    json_string(fp, table_url);
    fputs("\n    }\n  }\n}\n", fp);
}

static void write_csv_table(FILE *fp, const xfacts *x, const fact_ids *ids,
                            const char *const *axes, size_t naxes)
{
    char col[300], period[100], dec[16];
    fputs("id,concept,entity,period,unit", fp);
    for (size_t i = 0; i < naxes; i++) {
        column_name(axes[i], col, sizeof col);
        fputc(',', fp);
        csv_cell(fp, col, 0);
    }
    fputs(",decimals,value\r\n", fp);
    for (size_t i = 0; i < xfacts_count(x); i++) {
        const xfact *f = xfacts_at(x, i);
        csv_cell(fp, ids->ids[i], 0);
        fputc(',', fp);
        csv_cell(fp, f->concept, 0);
        fputc(',', fp);
        csv_cell(fp, f->entity, 0);
        fputc(',', fp);
        oim_period(f, period, sizeof period);
        csv_cell(fp, period, 0);
        fputc(',', fp);
        csv_cell(fp, f->unit && strcmp(f->unit, "xbrli:pure") ? f->unit : NULL, 0);
        for (size_t a = 0; a < naxes; a++) {
            fputc(',', fp);
            for (size_t d = 0; d < f->ndims; d++) {
                const xdim *dim = xfacts_dim(x, f->first_dim + d);
                if (!strcmp(dim->axis, axes[a]))
                    csv_cell(fp, dim->nil ? "#nil" : dim->value, 0);
            }
        }
        fputc(',', fp);
        if (oim_decimals(f, dec, sizeof dec))
            csv_cell(fp, dec, 0);
        fputc(',', fp);
        if (f->value)
            csv_cell(fp, f->value, 1);
        else
            fputs("#nil", fp);
        fputs("\r\n", fp);
    }
}

int oim_write_csv(const xfacts *x, const char *name, const char *csv_path, r2x_diag_fn diag,
                  void *diag_userdata, r2x_output **deferred, r2x_error *err)
{
    char meta[4096];
    if (!oim_csv_metadata_path(csv_path, meta, sizeof meta))
        return r2xi_fail(err, R2X_EUSAGE, csv_path, 0, "the path is too long");
    int rc = check_carried(x, name, diag, diag_userdata, "xBRL-CSV", err);
    if (rc)
        return rc;
    fact_ids ids = {NULL, 0};
    r2x_buf axes;
    buf_init(&axes, R2X_BUF_NOCAP);
    if ((rc = fact_ids_make(x, &ids)) || (rc = csv_axes(x, &axes))) {
        buf_release(&axes);
        fact_ids_free(&ids);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    const char *const *list = (const char *const *)(const void *)axes.data;
    size_t naxes = axes.len / sizeof(char *);
    r2x_output *table = NULL, *metadata = NULL;
    rc = output_open(csv_path, &table, err);
    if (!rc)
        write_csv_table(output_stream(table), x, &ids, list, naxes);
    if (!rc)
        rc = output_open(meta, &metadata, err);
    if (!rc) {
        const char *slash = strrchr(csv_path, '/');
        write_csv_metadata(output_stream(metadata), x, list, naxes, slash ? slash + 1 : csv_path);
    }
    buf_release(&axes);
    fact_ids_free(&ids);
    if (rc) {
        output_abort(table);
        return rc;
    }
    if (deferred) {
        deferred[0] = table;
        deferred[1] = metadata;
        return R2X_OK;
    }
    rc = output_commit(table, err);
    if (rc) {
        output_abort(metadata);
        return rc;
    }
    return output_commit(metadata, err);
}
