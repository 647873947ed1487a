/*
 * write_linkbase.h - the company extension taxonomy as files (internal): the
 * entry schema (its concepts, a roleType per statement, the linkbaseRefs)
 * and the label, presentation, calculation and definition linkbases, named
 * as EDGAR names them: iij-20090930.xsd, iij-20090930_lab.xml, _pre, _cal,
 * _def.
 */
#ifndef R2X_WRITE_LINKBASE_H
#define R2X_WRITE_LINKBASE_H

#include "extension.h"
#include "output.h"

enum { LINKBASE_FILES = 5 };

/* The files' paths beside path (the instance, or whatever is written with
 * the taxonomy): paths[0] the schema, then lab, pre, cal, def.  0 when a
 * path would be too long. */
int linkbase_paths(const char *path, const char *schema_name, char paths[][4096]);

/* Write the five files; each is left in outs[] uncommitted (the caller
 * commits or aborts them with its other outputs), NULL where not written. */
int linkbase_write(const ext_taxonomy *x, const char *path, r2x_output *outs[LINKBASE_FILES],
                   r2x_error *err);

#endif
