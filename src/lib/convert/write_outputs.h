/*
 * write_outputs.h - the files a conversion writes for a format, all or none
 * (internal): each is written to its temporary file, and all are renamed
 * into place only when every one is complete.
 */
#ifndef R2X_WRITE_OUTPUTS_H
#define R2X_WRITE_OUTPUTS_H

#include "facts.h"
#include "write_xbrl.h"

typedef struct outputs_request {
    const r2x_document *doc;
    const r2x_tableset *set;
    const factset *fs;
    xbrl_options *xo;         /* its taxonomy flag is set here, by path */
    int format;               /* enum r2x_format */
    const char *stylesheet;   /* the XSLT file of the Inline XBRL */
    r2x_diag_fn diag;
    void *diag_userdata;
} outputs_request;

/* Write what rq->format asks for to path (see r2x_convert).  Into res go
 * the counts of checked totals written to and left out of the calculation
 * linkbase and, once all are committed, the files written: the instance (or
 * the format asked for) first, the extension taxonomy last. */
int outputs_write(const outputs_request *rq, const char *path, r2x_convert_result *res,
                  r2x_error *err);

/* "iij.xml" -> "iij.htm" (ext ".htm"): a final ".xml" replaced, else ext
 * added.  0 when it does not fit. */
int outputs_beside(const char *path, const char *ext, char *out, size_t size);

#endif
