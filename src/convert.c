/*
 * convert.c - tables -> facts -> XBRL: load the concept dictionary and the
 * mapping tables the profile names, build the facts, add the DEI cover.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "extension.h"
#include "facts.h"
#include "mapping.h"
#include "output.h"
#include "periods.h"
#include "taxonomy.h"
#include "write_outputs.h"

typedef struct loaded {
    taxonomy *tax;
    mapping *map;
} loaded;

static void loaded_free(loaded *l)
{
    mapping_free(l->map);
    taxonomy_free(l->tax);
}

static const char *pget(const r2x_profile *p, const char *key, const char *dflt)
{
    const char *v = p ? r2x_profile_get(p, key) : NULL;
    return v && *v ? v : dflt;
}

static int load(const r2x_convert_options *o, loaded *l, r2x_error *err)
{
    memset(l, 0, sizeof *l);
    char path[4096];
    const char *dir = o->data_dir ? o->data_dir : ".";
    const char *release = pget(o->profile, "taxonomy", "us-gaap-2024");
    int rc = taxonomy_new(&l->tax, err);
    if (!rc) {
        snprintf(path, sizeof path, "%s/taxonomy/%s.concepts", dir, release);
        rc = taxonomy_load(l->tax, path, 0, err);
    }
    const char *prefix = pget(o->profile, "extension-prefix", NULL);
    const char *ns = pget(o->profile, "extension-namespace", NULL);
    if (!rc && prefix && ns)
        rc = taxonomy_declare(l->tax, prefix, ns, err);
    const char *ext = pget(o->profile, "extension-concepts", NULL);
    if (!rc && ext) {
        if (!prefix || !ns)
            return r2x_fail(err, R2X_EPROFILE, NULL, 0, "the profile names extension-concepts "
                            "but not extension-prefix and extension-namespace");
        snprintf(path, sizeof path, "%s/mappings/%s", dir, ext);
        rc = taxonomy_load(l->tax, path, 1, err);
    }
    if (!rc)
        rc = mapping_new(&l->map, err);
    const char *overlay = pget(o->profile, "overlay", NULL);
    if (!rc && overlay) {
        snprintf(path, sizeof path, "%s/mappings/%s", dir, overlay);
        rc = mapping_load(l->map, path, l->tax, err);
    }
    if (!rc) {
        snprintf(path, sizeof path, "%s/mappings/%s", dir,
                 pget(o->profile, "mapping", "us-gaap.map"));
        rc = mapping_load(l->map, path, l->tax, err);
    }
    if (rc)
        loaded_free(l);
    return rc;
}

static r2x_date fiscal_year_end_in(int year, const r2x_fiscal_calendar *cal)
{
    r2x_date d = {year, cal->end_month, cal->end_day};
    int dim = date_days_in_month(year, cal->end_month);
    if (d.day > dim)
        d.day = dim;       /* a 29 February year end in a common year */
    return d;
}

/* The fiscal year (as the company names it) and period focus of an end
 * date, and the fiscal year to date: IIJ's 2009-09-30 is FY2009 (named by
 * its start) Q2, 2009-04-01..2009-09-30. */
static void fiscal_focus(const r2x_fiscal_calendar *cal, r2x_date end, char *year,
                         char *period, r2x_period *ytd)
{
    r2x_date fye = fiscal_year_end_in(end.year, cal);
    if (date_compare(fye, end) < 0)
        fye = fiscal_year_end_in(end.year + 1, cal);
    r2x_date start = date_add_days(fiscal_year_end_in(fye.year - 1, cal), 1);
    int named = cal->naming == R2X_FY_NAMED_BY_START ? start.year : fye.year;
    snprintf(year, 8, "%04d", named % 10000);
    /* whole months since the year began: a 52/53-week year that began on 4
     * January is six months old on 3 July */
    int months = (end.year - start.year) * 12 + end.month - start.month +
                 (end.day >= start.day ? 1 : 0);
    if (months >= 12 || months <= 0)
        snprintf(period, 4, "FY");
    else
        snprintf(period, 4, "Q%d", (months + 2) / 3);
    ytd->kind = R2X_PERIOD_DURATION;
    ytd->start = start;
    ytd->end = end;
}

static int prepare(const r2x_document *doc, const r2x_tableset *set,
                   const r2x_convert_options *o, loaded *l, factset **fs,
                   r2x_convert_result *res, r2x_error *err)
{
    int rc = load(o, l, err);
    if (rc)
        return rc;
    fact_options fo = {l->tax, l->map, o->profile, doc, o->diag, o->diag_userdata};
    rc = facts_build(set, &fo, fs, &res->unmapped, &res->failed_sums, &res->errors, err);
    if (rc)
        loaded_free(l);
    return rc;
}

/* The Inline XBRL stylesheet: the option's file, or a shipped one by name
 * ("review"), else the default. */
static void stylesheet_path(const r2x_convert_options *o, char *out, size_t size)
{
    const char *dir = o->data_dir ? o->data_dir : ".";
    if (o->stylesheet && !strcmp(o->stylesheet, "review"))
        snprintf(out, size, "%s/xslt/ixbrl-review.xsl", dir);
    else if (o->stylesheet)
        r2x_strlcpy(out, o->stylesheet, size);
    else
        snprintf(out, size, "%s/xslt/ixbrl.xsl", dir);
}

int r2x_convert(const r2x_document *doc, const r2x_tableset *set,
                const r2x_convert_options *o, const char *path,
                r2x_convert_result *res, r2x_error *err)
{
    r2x_convert_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    const char *cik = pget(o->profile, "cik", NULL);
    if (!cik)
        return r2x_fail(err, R2X_EPROFILE, NULL, 0,
                        "no entity identifier: the profile has no 'cik' (give --cik)");
    loaded l;
    factset *fs;
    int rc = prepare(doc, set, o, &l, &fs, res, err);
    if (rc)
        return rc;
    r2x_date end = factset_period_end(fs);
    char year[8] = "", period[4] = "", fye[16], dei_ctx[96] = "";
    r2x_period ytd;
    const r2x_fiscal_calendar *cal = r2x_profile_calendar(o->profile);
    snprintf(fye, sizeof fye, "--%02d-%02d", cal->end_month % 100, cal->end_day % 100);
    xbrl_options xo;
    memset(&xo, 0, sizeof xo);
    if (end.year) {
        fiscal_focus(cal, end, year, period, &ytd);
        size_t ci;
        if ((rc = factset_context_for(fs, ytd, &ci))) {
            r2x_fail(err, rc, NULL, 0, "out of memory");
            goto done;
        }
        r2x_strlcpy(dei_ctx, factset_context(fs, ci)->id, sizeof dei_ctx);
        xo.dei_context = dei_ctx;
    }
    xo.tax = l.tax;
    xo.entity_scheme = pget(o->profile, "entity-scheme", "http://www.sec.gov/CIK");
    xo.entity_id = cik;
    xo.entity_name = pget(o->profile, "entity-name", "");
    /* every conversion has an extension taxonomy: the profile's prefix and
     * namespace, else ones made from the entity and the period end */
    char prefix[32], ns[256];
    ext_default_naming(pget(o->profile, "ticker", NULL), xo.entity_name, end, prefix,
                       sizeof prefix, ns, sizeof ns);
    xo.ext_prefix = pget(o->profile, "extension-prefix", prefix);
    xo.ext_namespace = pget(o->profile, "extension-namespace", ns);
    xo.lang = pget(o->profile, "language", document_language(doc));
    xo.document_type = pget(o->profile, "document-type", "8-K");
    xo.fiscal_year_end = fye;
    xo.fiscal_year_focus = year;
    xo.fiscal_period_focus = period;
    xo.period_end = end;
    char style[4096];
    stylesheet_path(o, style, sizeof style);
    outputs_request rq = {doc, set, fs, &xo, o->format, style, o->diag, o->diag_userdata};
    rc = outputs_write(&rq, path, &res->sums_written, &res->sums_left_out, err);
    res->facts = factset_count(fs);
    res->contexts = factset_context_count(fs);
done:
    factset_free(fs);
    loaded_free(&l);
    return rc;
}

int r2x_map_write(const r2x_document *doc, const r2x_tableset *set,
                  const r2x_convert_options *o, const char *path,
                  r2x_convert_result *res, r2x_error *err)
{
    r2x_convert_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    loaded l;
    factset *fs;
    int rc = prepare(doc, set, o, &l, &fs, res, err);
    if (rc)
        return rc;
    r2x_output *out;
    if ((rc = output_open(path, &out, err)))
        goto done;
    FILE *fp = output_stream(out);
    fprintf(fp, "# line\ttable\tlabel\tconcept\tsign\tvalues (cell=value unit decimals)\n");
    for (size_t i = 0; i < factset_row_count(fs); i++) {
        const row_mapping *rm = factset_row(fs, i);
        const r2x_row *row = rm->row;
        fprintf(fp, "%zu\t%s\t%s\t%s\t%s\t", document_source_line(doc, (size_t)row->line),
                r2x_statement_name(rm->table->statement),
                row->label, rm->entry ? rm->entry->concept->qname : "unmapped",
                rm->entry ? (rm->entry->negate ? "negate" : "as-printed") : "-");
        for (size_t k = 0; k < row->nvalues; k++) {
            const r2x_value *v = &row->values[k];
            const r2x_column *col = &rm->table->columns[v->column];
            if (col->role == R2X_COL_PERCENT_OF_TOTAL || col->role == R2X_COL_CHANGE)
                continue;
            r2x_decimal val = v->value;
            if (rm->entry && rm->entry->negate)
                val.coef = -val.coef;
            char num[R2X_DECIMAL_STRLEN], unit[40];
            r2x_decimal_format(val, num);
            r2x_unit_format(&v->unit, unit);
            fprintf(fp, "%s%d=%s %s %d", k ? "  " : "", col->index + 1, num, unit, v->decimals);
        }
        fputc('\n', fp);
    }
    rc = output_commit(out, err);
    res->facts = factset_count(fs);
    res->contexts = factset_context_count(fs);
done:
    factset_free(fs);
    loaded_free(&l);
    return rc;
}
