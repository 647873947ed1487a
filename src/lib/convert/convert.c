/*
 * convert.c - tables -> facts -> XBRL: load the concept dictionary and the
 * mapping tables the profile names, build the facts, add the DEI cover.
 */
#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "companies.h"
#include "document.h"
#include "entity.h"
#include "error.h"
#include "facts.h"
#include "fetch.h"
#include "labels.h"
#include "mapping.h"
#include "output.h"
#include "periods.h"
#include "prior.h"
#include "profile.h"
#include "sized.h"
#include "taxonomy.h"
#include "write_outputs.h"

typedef struct loaded {
    taxonomy *tax;
    mapping *map;
    label_table *labels;
    prior_index *prior;       /* --prior, NULL none */
    char ext_prefix[32];      /* the company's extension prefix, declared in tax */
    char ext_namespace[256];
} loaded;

static void loaded_free(loaded *l)
{
    prior_free(l->prior);
    labels_free(l->labels);
    mapping_free(l->map);
    taxonomy_free(l->tax);
}

static const char *pget(const r2x_profile *p, const char *key, const char *dflt)
{
    const char *v = p ? r2x_profile_get(p, key) : NULL;
    return v && *v ? v : dflt;
}

/* Words of a company name that say what kind of company it is, not which. */
static int legal_form(const char *w, size_t n)
{
    static const char *const forms[] = {"the", "inc", "incorporated", "corp", "corporation",
                                        "company", "co", "ltd", "limited", "plc", "llc", "lp",
                                        "sa", "ag", "nv", "se", "de", NULL};
    for (size_t i = 0; forms[i]; i++)
        if (strlen(forms[i]) == n && !strncasecmp(w, forms[i], n))
            return 1;
    return 0;
}

/* The prefix of the company's extension concepts when its profile names
 * none, as filers choose theirs: the ticker (the profile's, else the one the
 * entity rules found) in lower case ("BA" -> "ba");
 * else from the name without its legal forms, the initials of three words
 * or more ("International Business Machines" -> "ibm"), the first word of
 * fewer ("The Boeing Company" -> "boeing"); else "ext".  Its namespace is
 * the project's URN for that prefix. */
static void default_extension(const r2x_profile *p, const entity *ent, char *prefix,
                              size_t psize, char *ns, size_t nsize)
{
    size_t o = 0;
    for (const char *t = pget(p, "ticker", ent ? ent->ticker : ""); *t && o + 1 < psize && o < 12;
         t++)
        if (isalnum((unsigned char)*t) && (o || isalpha((unsigned char)*t)))
            prefix[o++] = (char)tolower((unsigned char)*t);
    const char *name = pget(p, "entity-name", ent && ent->name[0] ? ent->name : "");
    const char *words[16];
    size_t lens[16], nwords = 0;
    for (const char *w = name; !o && *w && nwords < 16;) {
        while (*w && !isalpha((unsigned char)*w))
            w++;
        const char *e = w;
        while (isalpha((unsigned char)*e))
            e++;
        if (e > w && !legal_form(w, (size_t)(e - w))) {
            words[nwords] = w;
            lens[nwords++] = (size_t)(e - w);
        }
        w = e;
    }
    if (nwords >= 3)
        for (size_t i = 0; i < nwords && o + 1 < psize; i++)
            prefix[o++] = (char)tolower((unsigned char)words[i][0]);
    else if (nwords)
        for (size_t i = 0; i < lens[0] && o + 1 < psize && o < 12; i++)
            prefix[o++] = (char)tolower((unsigned char)words[0][i]);
    if (!o)
        o = (size_t)snprintf(prefix, psize, "ext");
    prefix[o] = '\0';
    snprintf(ns, nsize, "urn:release2xbrl:extension:%s", prefix);
}

/* The company's last filing, read through the fetcher (a URL is cached like
 * a taxonomy's documents). */
static int load_prior(const r2x_convert_options *o, prior_index **out, r2x_error *err)
{
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = o->cache_dir;
    fo.diag = o->diag;
    fo.diag_userdata = o->diag_userdata;
    fetcher *f;
    int rc = fetcher_new(&fo, &f, err);
    if (rc)
        return rc;
    rc = prior_load(o->prior, f, o->diag, o->diag_userdata, out, err);
    fetcher_free(f);
    return rc;
}

static int load(const r2x_convert_options *o, const entity *ent, loaded *l, r2x_error *err)
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
    if (prefix && ns) {
        r2xi_strlcpy(l->ext_prefix, prefix, sizeof l->ext_prefix);
        r2xi_strlcpy(l->ext_namespace, ns, sizeof l->ext_namespace);
    } else {
        default_extension(o->profile, ent, l->ext_prefix, sizeof l->ext_prefix,
                          l->ext_namespace, sizeof l->ext_namespace);
    }
    if (!rc)
        rc = taxonomy_declare(l->tax, l->ext_prefix, l->ext_namespace, err);
    const char *ext = pget(o->profile, "extension-concepts", NULL);
    if (!rc && ext) {
        if (!prefix || !ns)
            return r2xi_fail(err, R2X_EPROFILE, NULL, 0, "the profile names extension-concepts "
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
        if (!rc)
            mapping_mark_company(l->map);
    }
    if (!rc) {
        snprintf(path, sizeof path, "%s/mappings/%s", dir,
                 pget(o->profile, "mapping", "us-gaap.map"));
        rc = mapping_load(l->map, path, l->tax, err);
    }
    if (!rc) {
        char concepts[4096];
        snprintf(path, sizeof path, "%s/mappings/%s", dir,
                 pget(o->profile, "labels", "labels.tsv"));
        snprintf(concepts, sizeof concepts, "%s/mappings/label-concepts.tsv", dir);
        rc = labels_load(&l->labels, path, concepts, l->tax, err);
    }
    if (!rc && o->prior)
        rc = load_prior(o, &l->prior, err);
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

/* Where no fiscal year is known, the period the cover facts stand in: the
 * longest of the facts' periods that ends with the document's, else the
 * document's last day. */
static r2x_period document_period(const factset *fs, r2x_date end)
{
    r2x_period best = {R2X_PERIOD_DURATION, end, end};
    for (size_t i = 0; i < factset_context_count(fs); i++) {
        const r2x_period *p = &factset_context(fs, i)->period;
        if (p->kind == R2X_PERIOD_DURATION && !date_compare(p->end, end) &&
            date_compare(p->start, best.start) < 0)
            best = *p;
    }
    return best;
}

/* The SEC's company list: --companies, else the installed snapshot. */
static void company_list_path(const r2x_convert_options *o, char *out, size_t size)
{
    if (o->companies)
        r2xi_strlcpy(out, o->companies, size);
    else
        snprintf(out, size, "%s/mappings/" COMPANIES_FILE, o->data_dir ? o->data_dir : ".");
}

/* Without strict, what strict refuses for (disagreeing duplicates, misfit
 * concepts) is written anyway, so it is reported as a warning. */
typedef struct severity_filter {
    r2x_diag_fn diag;
    void *userdata;
    int strict;
} severity_filter;

static void filter_diag(void *userdata, const r2x_error *d)
{
    const severity_filter *f = userdata;
    if (f->strict || d->severity != R2X_SEV_ERROR) {
        f->diag(f->userdata, d);
        return;
    }
    r2x_error w = *d;
    w.severity = R2X_SEV_WARNING;
    f->diag(f->userdata, &w);
}

static int prepare(const r2x_document *doc, const r2x_tableset *set,
                   const r2x_convert_options *o, const entity *ent, loaded *l, factset **fs,
                   r2x_convert_result *res, r2x_error *err)
{
    int rc = load(o, ent, l, err);
    if (rc)
        return rc;
    severity_filter filter = {o->diag, o->diag_userdata, o->strict};
    fact_options fo = {l->tax, l->map, l->labels, l->ext_prefix, o->profile,
                       doc,    o->diag ? filter_diag : NULL, &filter, l->prior};
    rc = facts_build(set, &fo, fs, &res->unmapped, &res->failed_sums, &res->errors, err);
    if (!rc && o->strict && (res->unmapped || res->failed_sums || res->errors)) {
        rc = r2xi_fail(err, R2X_EINPUT, doc->name, 0,
                      "strict: %zu line items without a standard concept, %zu totals that do not add up, %zu "
                      "disagreeing or misfit facts; nothing written", res->unmapped,
                      res->failed_sums, res->errors);
        factset_free(*fs);
        *fs = NULL;
    }
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
        r2xi_strlcpy(out, o->stylesheet, size);
    else
        snprintf(out, size, "%s/xslt/ixbrl.xsl", dir);
}

static int convert(const r2x_document *doc, const r2x_tableset *set,
                   const r2x_convert_options *o, const char *path, r2x_convert_result *res,
                   r2x_error *err)
{
    if ((o->format == R2X_FORMAT_ALL || o->format == R2X_FORMAT_CSV) && !strcmp(path, "-"))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "--format %s writes several files: give "
                        "-o FILE, not standard output", r2x_format_name(o->format));
    char company_list[4096];
    company_list_path(o, company_list, sizeof company_list);
    entity ent;
    int rc = entity_identify(o->profile, doc, company_list, o->strict, o->diag, o->diag_userdata,
                             &ent, err);
    if (rc)
        return rc;
    res->entity_rule = ent.rule;
    entity_format(&ent, res->entity, sizeof res->entity);
    loaded l;
    factset *fs;
    rc = prepare(doc, set, o, &ent, &l, &fs, res, err);
    if (rc)
        return rc;
    r2x_date end = factset_period_end(fs);
    char year[8] = "", period[4] = "", fye[16], dei_ctx[96] = "";
    r2x_period ytd;
    const r2x_fiscal_calendar *cal = r2x_profile_calendar(o->profile);
    snprintf(fye, sizeof fye, "--%02d-%02d", cal->end_month % 100, cal->end_day % 100);
    xbrl_options xo;
    memset(&xo, 0, sizeof xo);
    if (profile_year_end_unknown(o->profile))
        fye[0] = '\0';         /* no fiscal year claimed: r2x_profile_infer said so */
    if (end.year) {
        if (fye[0])
            fiscal_focus(cal, end, year, period, &ytd);
        else
            ytd = document_period(fs, end);
        size_t ci;
        if ((rc = factset_context_for(fs, ytd, &ci))) {
            r2xi_fail(err, rc, NULL, 0, "out of memory");
            goto done;
        }
        r2xi_strlcpy(dei_ctx, factset_context(fs, ci)->id, sizeof dei_ctx);
        xo.dei_context = dei_ctx;
    }
    xo.tax = l.tax;
    xo.entity_scheme = ent.scheme;
    xo.entity_id = ent.id;
    xo.entity_name = pget(o->profile, "entity-name", ent.name);
    /* every conversion has an extension taxonomy */
    xo.ext_prefix = l.ext_prefix;
    xo.ext_namespace = l.ext_namespace;
    xo.lang = pget(o->profile, "language", document_language(doc));
    xo.taxonomy_stem = o->taxonomy_name;
    xo.document_type = pget(o->profile, "document-type", "8-K");
    xo.fiscal_year_end = fye;
    xo.fiscal_year_focus = year;
    xo.fiscal_period_focus = period;
    xo.period_end = end;
    char style[4096];
    stylesheet_path(o, style, sizeof style);
    outputs_request rq = {doc, set, fs, &xo, o->format, style, o->diag, o->diag_userdata};
    rc = outputs_write(&rq, path, res, err);
    res->facts = factset_count(fs);
    res->contexts = factset_context_count(fs);
done:
    factset_free(fs);
    loaded_free(&l);
    return rc;
}

static int map_write(const r2x_document *doc, const r2x_tableset *set,
                     const r2x_convert_options *o, const char *path, r2x_convert_result *res,
                     r2x_error *err)
{
    /* the entity only names the extension concepts here: quietly */
    char company_list[4096];
    company_list_path(o, company_list, sizeof company_list);
    entity ent;
    r2x_error ignored;
    if (entity_identify(o->profile, doc, company_list, 0, NULL, NULL, &ent, &ignored))
        memset(&ent, 0, sizeof ent);
    loaded l;
    factset *fs;
    int rc = prepare(doc, set, o, &ent, &l, &fs, res, err);
    if (rc)
        return rc;
    r2x_output *out;
    if ((rc = output_open(path, &out, err)))
        goto done;
    FILE *fp = output_stream(out);
    fprintf(fp, "# line\ttable\tlabel\tconcept\tsign\tvalues (cell=value unit decimals)"
                "\tsource\twhy\tsign rule\trunner-up\n");
    for (size_t i = 0; i < factset_row_count(fs); i++) {
        const row_mapping *rm = factset_row(fs, i);
        const r2x_row *row = rm->row;
        const row_bind *rb = rm->bind;
        fprintf(fp, "%zu\t%s\t%s\t%s\t%s\t", document_source_line(doc, (size_t)row->line),
                r2x_statement_name(rm->table->statement),
                row->label, rb->concept ? rb->concept->qname : "unmapped",
                rb->concept ? (rb->sign < 0 ? "negate" : "as-printed") : "-");
        for (size_t k = 0; k < row->nvalues; k++) {
            const r2x_value *v = &row->values[k];
            const r2x_column *col = &rm->table->columns[v->column];
            if (col->role == R2X_COL_PERCENT_OF_TOTAL || col->role == R2X_COL_CHANGE)
                continue;
            r2x_decimal val = v->value;
            if (rb->concept && rb->sign < 0)
                val.coef = -val.coef;
            char num[R2X_DECIMAL_STRLEN], unit[40];
            r2x_decimal_format(val, num);
            r2x_unit_format(&v->unit, unit);
            fprintf(fp, "%s%d=%s %s %d", k ? "  " : "", col->index + 1, num, unit, v->decimals);
        }
        fprintf(fp, "\t%s\t%s\t%s\t", bind_source_name(rb->source), rb->why,
                rb->sign_rule ? rb->sign_rule : "-");
        if (rb->runner_up)
            fprintf(fp, "%s (%.2f)", rb->runner_up->qname, rb->runner_score);
        else
            fputc('-', fp);
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

typedef int convert_fn(const r2x_document *doc, const r2x_tableset *set,
                       const r2x_convert_options *o, const char *path,
                       r2x_convert_result *res, r2x_error *err);

/* The options and result as the caller's header had them (sized.h), run
 * with the library's own. */
static int sized_run(convert_fn *run, const r2x_document *doc, const r2x_tableset *set,
                     const r2x_convert_options *given, const char *path,
                     r2x_convert_result *result, r2x_error *err)
{
    r2x_convert_options o;
    int rc = sized_in(&o, sizeof o, given, "r2x_convert_options", err);
    if (!rc)
        rc = sized_check(result, "r2x_convert_result", err);
    if (rc)
        return rc;
    r2x_convert_result res;
    memset(&res, 0, sizeof res);
    rc = run(doc, set, &o, path, &res, err);
    if (result)
        sized_out(result, &res, sizeof res);
    return rc;
}

int r2x_convert(const r2x_document *doc, const r2x_tableset *set,
                const r2x_convert_options *opts, const char *path,
                r2x_convert_result *result, r2x_error *err)
{
    return sized_run(convert, doc, set, opts, path, result, err);
}

int r2x_map_write(const r2x_document *doc, const r2x_tableset *set,
                  const r2x_convert_options *opts, const char *path,
                  r2x_convert_result *result, r2x_error *err)
{
    return sized_run(map_write, doc, set, opts, path, result, err);
}
