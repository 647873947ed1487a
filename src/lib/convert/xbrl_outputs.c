/*
 * xbrl_outputs.c - what is made of an XBRL file: extract's outputs in every
 * format (the instance an Inline XBRL document carries, as XML, xBRL-JSON
 * or xBRL-CSV) and the facts listing of an instance or Inline XBRL document.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "instance_facts.h"
#include "ixbrl_extract.h"
#include "output.h"
#include "write_factlist.h"
#include "write_oim.h"
#include "write_outputs.h"
#include "xml_guard.h"

/* The instance an Inline XBRL document carries, as a tree. */
static int extract_tree(const char *path, r2x_diag_fn diag, void *ud, xmlDocPtr *inst,
                        size_t *nfacts, size_t *nerrors, r2x_error *err)
{
    xmlDocPtr ix;
    int rc = ixbrl_parse_file(path, &ix, err);
    if (rc)
        return rc;
    rc = ixbrl_extract(ix, path, diag, ud, inst, nfacts, nerrors, err);
    xmlFreeDoc(ix);
    return rc;
}

static int stream_write(void *ctx, const char *buffer, int len)
{
    fwrite(buffer, 1, (size_t)len, (FILE *)ctx);
    return len;
}

/* The tree as an XML file, left uncommitted in *out. */
static int save_tree(xmlDocPtr inst, const char *path, r2x_output **out, r2x_error *err)
{
    int rc = output_open(path, out, err);
    if (rc)
        return rc;
    /* stream_write cannot fail (output_commit sees a write error), so a
     * failed save is libxml2 out of memory; the guard keeps it quiet */
    xml_guard guard;
    xml_guard_begin(&guard);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(stream_write, NULL, output_stream(*out),
                                                    NULL);
    int saved = ob && xmlSaveFormatFileTo(ob, inst, "UTF-8", 1) >= 0;
    if (xml_guard_end(&guard) || !saved) {
        output_abort(*out);
        *out = NULL;
        return r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    }
    return R2X_OK;
}

int r2x_ixbrl_extract_to(const char *path, const char *out_path, int format,
                         r2x_diag_fn diag, void *diag_userdata, size_t *nfacts,
                         size_t *nerrors, r2x_error *err)
{
    int all = format == R2X_FORMAT_ALL;
    if (format != R2X_FORMAT_XBRL && format != R2X_FORMAT_JSON && format != R2X_FORMAT_CSV &&
        !all)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "extract writes xbrl, json, csv or all, "
                        "not %s", r2x_format_name(format));
    if ((all || format == R2X_FORMAT_CSV) && !strcmp(out_path, "-"))
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "--format %s writes several files: give "
                        "-o FILE, not standard output", r2x_format_name(format));
    char json[4096], csv[4096];
    r2xi_strlcpy(json, out_path, sizeof json);
    r2xi_strlcpy(csv, out_path, sizeof csv);
    if (all && !(outputs_beside(out_path, ".json", json, sizeof json) &&
                 outputs_beside(out_path, ".csv", csv, sizeof csv)))
        return r2xi_fail(err, R2X_EUSAGE, out_path, 0, "the path is too long");
    xmlDocPtr inst;
    int rc = extract_tree(path, diag, diag_userdata, &inst, nfacts, nerrors, err);
    if (rc)
        return rc;
    r2x_output *outs[4] = {NULL, NULL, NULL, NULL};
    if (format == R2X_FORMAT_XBRL || all)
        rc = save_tree(inst, out_path, &outs[0], err);
    if (!rc && format != R2X_FORMAT_XBRL) {
        xfacts *x = NULL;
        rc = xfacts_read(inst, path, &x, err);
        if (!rc && (format == R2X_FORMAT_JSON || all))
            rc = oim_write_json(x, path, json, diag, diag_userdata, &outs[1], err);
        if (!rc && (format == R2X_FORMAT_CSV || all))
            rc = oim_write_csv(x, path, csv, diag, diag_userdata, &outs[2], err);
        xfacts_free(x);
    }
    xmlFreeDoc(inst);
    return output_commit_all(outs, 4, rc, err);
}

int r2x_ixbrl_extract_file(const char *path, const char *out_path, r2x_diag_fn diag,
                           void *diag_userdata, size_t *nfacts, size_t *nerrors,
                           r2x_error *err)
{
    return r2x_ixbrl_extract_to(path, out_path, R2X_FORMAT_XBRL, diag, diag_userdata, nfacts,
                                nerrors, err);
}

int r2x_facts_list(const char *path, int format, const char *out_path, r2x_diag_fn diag,
                   void *diag_userdata, size_t *nfacts, size_t *nerrors, r2x_error *err)
{
    if (nfacts)
        *nfacts = 0;
    if (nerrors)
        *nerrors = 0;
    if (format != R2X_FORMAT_FACTS && format != R2X_FORMAT_FACTS_JSON)
        return r2xi_fail(err, R2X_EUSAGE, NULL, 0, "a listing is facts or facts-json, not %s",
                        r2x_format_name(format));
    r2x_sniffed what;
    int rc = r2x_sniff_file(path, &what, err);
    if (rc)
        return rc;
    xmlDocPtr inst = NULL;
    if (what.kind == R2X_KIND_INLINE_XBRL)
        rc = extract_tree(path, diag, diag_userdata, &inst, NULL, nerrors, err);
    else if (what.kind == R2X_KIND_XBRL_INSTANCE)
        rc = xml_parse_file(path, NULL, &inst, err);
    else
        rc = r2xi_fail(err, R2X_EINPUT, path, 0, "neither an XBRL instance nor Inline XBRL");
    if (rc)
        return rc;
    xfacts *x;
    rc = xfacts_read(inst, path, &x, err);
    xmlFreeDoc(inst);
    if (rc)
        return rc;
    if (nfacts)
        *nfacts = xfacts_count(x);
    rc = factlist_write(x, path, format == R2X_FORMAT_FACTS_JSON, out_path, err);
    xfacts_free(x);
    return rc;
}
