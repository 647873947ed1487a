/*
 * write_outputs.c - the files of a conversion: the instance, the Inline
 * XBRL, xBRL-JSON and xBRL-CSV, the extension taxonomy, or a listing of the
 * facts; committed together or not at all.
 */
#include "write_outputs.h"

#include <stdio.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "extension.h"
#include "instance_facts.h"
#include "write_factlist.h"
#include "write_ixbrl.h"
#include "write_linkbase.h"
#include "write_oim.h"

static const char *const format_names[] = {"xbrl", "ixbrl", "all", "json", "csv", "facts",
                                           "facts-json"};

const char *r2x_format_name(int format)
{
    if (format < 0 || (size_t)format >= sizeof format_names / sizeof format_names[0])
        return "unknown";
    return format_names[format];
}

int r2x_format_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (!strcmp(format_names[i], name))
            return (int)i;
    return -1;
}

int outputs_beside(const char *path, const char *ext, char *out, size_t size)
{
    size_t n = strlen(path);
    if (n > 4 && !strcmp(path + n - 4, ".xml"))
        n -= 4;
    return snprintf(out, size, "%.*s%s", (int)n, path, ext) < (int)size;
}

/* The facts written, read back from the instance as a tree: what the OIM
 * writers and the listing read. */
static int facts_of(const outputs_request *rq, xfacts **out, r2x_error *err)
{
    xmlDocPtr tree;
    int rc = xbrl_write_tree(rq->fs, rq->xo, rq->doc, &tree, err);
    if (rc)
        return rc;
    rc = xfacts_read(tree, r2x_document_name(rq->doc), out, err);
    xmlFreeDoc(tree);
    return rc;
}

static int write_listing(const outputs_request *rq, const char *path, r2x_error *err)
{
    xfacts *x;
    rq->xo->taxonomy = 0;
    int rc = facts_of(rq, &x, err);
    if (!rc)
        rc = factlist_write(x, r2x_document_name(rq->doc), rq->format == R2X_FORMAT_FACTS_JSON,
                            path, err);
    xfacts_free(x);
    return rc;
}

static int write_taxonomy(const outputs_request *rq, const char *path, r2x_output **outs,
                          size_t *written, size_t *left_out, r2x_error *err)
{
    const xbrl_options *xo = rq->xo;
    char schema_name[256];
    xbrl_schema_name(xo, schema_name, sizeof schema_name);
    const char *cover[16];
    size_t ncover = 0;
    const char *name, *value;
    char date[16];
    while (ncover < 16 && xbrl_dei(xo, ncover, &name, &value, date))
        cover[ncover++] = name;
    ext_input in = {rq->doc, rq->set, rq->fs, xo->tax, xo->ext_prefix, xo->ext_namespace,
                    schema_name, xo->lang, cover, ncover, rq->diag, rq->diag_userdata};
    ext_taxonomy *x;
    int rc = ext_build(&in, &x, err);
    if (rc)
        return rc;
    *written = x->sums_written;
    *left_out = x->sums_left_out;
    rc = linkbase_write(x, path, outs, err);
    ext_free(x);
    return rc;
}

enum { OUT_TAXONOMY = 0, OUT_XBRL = LINKBASE_FILES, OUT_IXBRL, OUT_JSON, OUT_CSV,
       OUT_CSV_METADATA, NOUTS };

/* The outputs in the order a reader wants them named: what was asked
 * for first, the taxonomy after (commits go taxonomy first: an instance is
 * never in place without its schema). */
static void list_written(r2x_output *const *outs, r2x_convert_result *res)
{
    static const int order[] = {OUT_XBRL, OUT_IXBRL, OUT_JSON, OUT_CSV, OUT_CSV_METADATA};
    res->noutputs = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0] + LINKBASE_FILES; i++) {
        int k = i < sizeof order / sizeof order[0] ? order[i]
                                                    : OUT_TAXONOMY + (int)(i - sizeof order /
                                                                            sizeof order[0]);
        const char *target = outs[k] ? output_target(outs[k]) : "-";
        if (strcmp(target, "-") && res->noutputs < R2X_MAX_OUTPUTS)
            r2xi_strlcpy(res->outputs[res->noutputs++], target, sizeof res->outputs[0]);
    }
}

int outputs_write(const outputs_request *rq, const char *path, r2x_convert_result *res,
                  r2x_error *err)
{
    int format = rq->format;
    int to_stdout = !strcmp(path, "-");
    res->sums_written = res->sums_left_out = 0;
    res->noutputs = 0;
    if (to_stdout && (format == R2X_FORMAT_ALL || format == R2X_FORMAT_CSV))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "--format %s writes several files: give "
                        "-o FILE, not standard output", r2x_format_name(format));
    if (format == R2X_FORMAT_FACTS || format == R2X_FORMAT_FACTS_JSON)
        return write_listing(rq, path, err);
    xbrl_options *xo = rq->xo;
    /* a release with no facts has no period end to name a taxonomy after,
     * and nothing for one to present */
    xo->taxonomy = (!to_stdout && xo->period_end.year) || taxonomy_extension_count(xo->tax) > 0;
    if (to_stdout && xo->taxonomy)
        r2xi_diag(rq->diag, rq->diag_userdata, R2X_SEV_WARNING, R2X_OK, "-", 0, 0,
                 "the instance refers to the extension schema %s-%04d%02d%02d.xsd, which "
                 "is written beside the output file; with standard output it is not "
                 "written (use -o FILE)", xo->ext_prefix, xo->period_end.year % 10000,
                 xo->period_end.month % 100, xo->period_end.day % 100);
    int all = format == R2X_FORMAT_ALL;
    char paths[NOUTS][4096];
    for (int i = 0; i < NOUTS; i++)
        r2xi_strlcpy(paths[i], path, sizeof paths[i]);
    if (all && !(outputs_beside(path, ".htm", paths[OUT_IXBRL], sizeof paths[0]) &&
                 outputs_beside(path, ".json", paths[OUT_JSON], sizeof paths[0]) &&
                 outputs_beside(path, ".csv", paths[OUT_CSV], sizeof paths[0])))
        return r2xi_fail(err, R2X_EUSAGE, path, 0, "the path is too long");
    r2x_output *outs[NOUTS] = {NULL};
    int rc = R2X_OK;
    if (!to_stdout && xo->taxonomy)
        rc = write_taxonomy(rq, path, &outs[OUT_TAXONOMY], &res->sums_written,
                            &res->sums_left_out, err);
    if (!rc && (format == R2X_FORMAT_XBRL || all))
        rc = xbrl_write(rq->fs, xo, paths[OUT_XBRL], &outs[OUT_XBRL], err);
    if (!rc && (format == R2X_FORMAT_IXBRL || all))
        rc = ixbrl_write(rq->doc, rq->set, rq->fs, xo, rq->stylesheet, paths[OUT_IXBRL],
                         &outs[OUT_IXBRL], err);
    if (!rc && (format == R2X_FORMAT_JSON || format == R2X_FORMAT_CSV || all)) {
        xfacts *x = NULL;
        const char *name = r2x_document_name(rq->doc);
        rc = facts_of(rq, &x, err);
        if (!rc && (format == R2X_FORMAT_JSON || all))
            rc = oim_write_json(x, name, paths[OUT_JSON], rq->diag, rq->diag_userdata,
                                &outs[OUT_JSON], err);
        if (!rc && (format == R2X_FORMAT_CSV || all))
            rc = oim_write_csv(x, name, paths[OUT_CSV], rq->diag, rq->diag_userdata,
                               &outs[OUT_CSV], err);
        xfacts_free(x);
    }
    if (!rc)
        list_written(outs, res);      /* before the commits free the outputs */
    rc = output_commit_all(outs, NOUTS, rc, err);
    if (rc)
        res->noutputs = 0;
    return rc;
}
