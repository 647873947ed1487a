/*
 * xbrl_outputs.c - what is made of an XBRL file: extract's outputs in every
 * format (the instance an Inline XBRL document carries, as XML, xBRL-JSON
 * or xBRL-CSV) and the facts listing of an instance or Inline XBRL document.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "instance_facts.h"
#include "ixbrl_extract.h"
#include "output.h"
#include "write_factlist.h"
#include "write_oim.h"
#include "write_outputs.h"
#include "xml_guard.h"

#define NS_IX11 "http://www.xbrl.org/2013/inlineXBRL"
#define NS_IX10 "http://www.xbrl.org/2008/inlineXBRL"
#define NS_XBRLI "http://www.xbrl.org/2003/instance"

/* The local name of the first element in the first bytes of an XML file
 * ("xbrl" for <xbrli:xbrl ...>), "" when there is none. */
static void root_name(const char *s, size_t n, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<')
            continue;
        char c = s[i + 1];
        if (c == '?' || c == '!' || c == '/')
            continue;
        size_t j = i + 1, k = 0;
        while (j < n && s[j] != ' ' && s[j] != '>' && s[j] != '/' && s[j] != '\t' &&
               s[j] != '\n' && s[j] != '\r') {
            if (s[j] == ':')
                k = 0;
            else if (k + 1 < size)
                out[k++] = s[j];
            j++;
        }
        out[k] = '\0';
        return;
    }
}

int r2x_xbrl_file_kind(const char *path, int *kind, r2x_error *err)
{
    *kind = R2X_NOT_XBRL;
    if (!strcmp(path, "-"))
        return R2X_OK;          /* standard input is read once, as a release */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return r2x_fail(err, R2X_EIO, path, 0, "cannot open the file");
    char head[65537];
    ssize_t got = 0, r;
    while (got < (ssize_t)sizeof head - 1 &&
           (r = read(fd, head + got, sizeof head - 1 - (size_t)got)) > 0)
        got += r;
    close(fd);
    if (got < 0)
        return r2x_fail(err, R2X_EIO, path, 0, "cannot read the file");
    head[got] = '\0';
    char name[64];
    root_name(head, (size_t)got, name, sizeof name);
    if (!strcmp(name, "xbrl") && strstr(head, NS_XBRLI))
        *kind = R2X_XBRL_INSTANCE;
    else if (!strcmp(name, "html") && (strstr(head, NS_IX11) || strstr(head, NS_IX10)))
        *kind = R2X_XBRL_INLINE;
    return R2X_OK;
}

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
        return r2x_fail(err, R2X_ENOMEM, path, 0, "out of memory");
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
        return r2x_fail(err, R2X_EUSAGE, NULL, 0, "extract writes xbrl, json, csv or all, "
                        "not %s", r2x_format_name(format));
    if ((all || format == R2X_FORMAT_CSV) && !strcmp(out_path, "-"))
        return r2x_fail(err, R2X_EUSAGE, NULL, 0, "--format %s writes several files: give "
                        "-o FILE, not standard output", r2x_format_name(format));
    char json[4096], csv[4096];
    r2x_strlcpy(json, out_path, sizeof json);
    r2x_strlcpy(csv, out_path, sizeof csv);
    if (all && !(outputs_beside(out_path, ".json", json, sizeof json) &&
                 outputs_beside(out_path, ".csv", csv, sizeof csv)))
        return r2x_fail(err, R2X_EUSAGE, out_path, 0, "the path is too long");
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
    for (int i = 0; i < 4; i++) {
        if (!outs[i])
            continue;
        if (rc)
            output_abort(outs[i]);
        else
            rc = output_commit(outs[i], err);
    }
    return rc;
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
        return r2x_fail(err, R2X_EUSAGE, NULL, 0, "a listing is facts or facts-json, not %s",
                        r2x_format_name(format));
    int kind;
    int rc = r2x_xbrl_file_kind(path, &kind, err);
    if (rc)
        return rc;
    xmlDocPtr inst = NULL;
    if (kind == R2X_XBRL_INLINE)
        rc = extract_tree(path, diag, diag_userdata, &inst, NULL, nerrors, err);
    else if (kind == R2X_XBRL_INSTANCE)
        rc = xml_parse_file(path, NULL, &inst, err);
    else
        rc = r2x_fail(err, R2X_EINPUT, path, 0, "neither an XBRL instance nor Inline XBRL");
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
